CREATE TABLE "cadence_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"clinic_id" uuid NOT NULL,
	"service_type" text NOT NULL,
	"digest" text NOT NULL,
	"steps" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "cadence_versions" ADD CONSTRAINT "cadence_versions_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "cadence_versions_digest_key" ON "cadence_versions" USING btree ("clinic_id","service_type","digest");--> statement-breakpoint
ALTER TABLE "followups" ADD COLUMN "cadence_version_id" uuid;--> statement-breakpoint
-- Follow-ups planned before versions existed: each distinct step a follow-up carries becomes a
-- version of one step (the cadence it came from was not kept), under a digest of its own kind.
INSERT INTO "cadence_versions" ("clinic_id", "service_type", "digest", "steps")
SELECT DISTINCT f."clinic_id", coalesce(a."service_type", p."service_type", ''), 'md5-step:' || md5(f."step"::text), jsonb_build_array(f."step")
FROM "followups" f
LEFT JOIN "appointments" a ON a."id" = f."appointment_id"
LEFT JOIN "treatment_plans" p ON p."id" = f."plan_id"
ON CONFLICT DO NOTHING;--> statement-breakpoint
UPDATE "followups" f SET "cadence_version_id" = v."id"
FROM "cadence_versions" v
WHERE v."clinic_id" = f."clinic_id"
  AND v."digest" = 'md5-step:' || md5(f."step"::text)
  AND v."service_type" = coalesce(
    (SELECT a."service_type" FROM "appointments" a WHERE a."id" = f."appointment_id"),
    (SELECT p."service_type" FROM "treatment_plans" p WHERE p."id" = f."plan_id"),
    ''
  );--> statement-breakpoint
ALTER TABLE "followups" ALTER COLUMN "cadence_version_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "followups" ADD CONSTRAINT "followups_cadence_version_id_cadence_versions_id_fk" FOREIGN KEY ("cadence_version_id") REFERENCES "public"."cadence_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "followups" DROP COLUMN "step";
