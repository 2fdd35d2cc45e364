-- Before this index, two sends to one patient could be `sending` at once, and a notifier that died
-- could leave both so, and the index would fail to build. All but the earliest claim go back to
-- `scheduled` under a new version, which the recovery sweep enqueues again; the delivery record
-- such a try left `sending` is recorded `interrupted`, as the sweep does for an email. (SQL cannot
-- ask Twilio, so a text that crash cut short may go twice, as it could before this version.)
WITH "extra" AS (
  SELECT "id" FROM (
    SELECT "id", row_number() OVER (PARTITION BY "patient_id" ORDER BY "updated_at", "id") AS "n"
    FROM "followups" WHERE "status" = 'sending'
  ) AS "ranked" WHERE "n" > 1
), "moved" AS (
  UPDATE "followups" SET "status" = 'scheduled', "version" = "version" + 1, "lease_token" = NULL,
    "lease_expires_at" = NULL, "updated_at" = now()
  WHERE "id" IN (SELECT "id" FROM "extra")
  RETURNING "id"
)
UPDATE "deliveries" SET "status" = 'failed', "error" = 'interrupted', "updated_at" = now()
WHERE "status" = 'sending' AND "followup_id" IN (SELECT "id" FROM "moved");--> statement-breakpoint
CREATE UNIQUE INDEX "followups_one_sending_per_patient" ON "followups" USING btree ("patient_id") WHERE "followups"."status" = 'sending';
