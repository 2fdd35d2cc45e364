ALTER TABLE "clinics" ADD COLUMN "default_locale" text DEFAULT 'en' NOT NULL;--> statement-breakpoint
ALTER TABLE "followups" ADD COLUMN "language" text;--> statement-breakpoint
-- Step templates written before languages ({subject, email, sms}) are the English texts: {en: {subject, email, sms}}.
UPDATE "cadences" SET "steps" = COALESCE((
  SELECT jsonb_agg(CASE WHEN s.step->'template' ? 'subject' THEN jsonb_set(s.step, '{template}', jsonb_build_object('en', s.step->'template')) ELSE s.step END ORDER BY s.position)
  FROM jsonb_array_elements("cadences"."steps") WITH ORDINALITY AS s(step, position)
), '[]'::jsonb);--> statement-breakpoint
UPDATE "followups" SET "step" = jsonb_set("step", '{template}', jsonb_build_object('en', "step"->'template')) WHERE "step"->'template' ? 'subject';
