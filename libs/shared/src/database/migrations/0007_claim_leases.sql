ALTER TABLE "followups" ADD COLUMN "lease_token" uuid;--> statement-breakpoint
ALTER TABLE "followups" ADD COLUMN "lease_expires_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "followups_sending_lease_idx" ON "followups" USING btree ("lease_expires_at") WHERE "followups"."status" = 'sending';