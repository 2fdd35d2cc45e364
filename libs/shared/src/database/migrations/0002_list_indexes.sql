DROP INDEX "followups_appointment_idx";--> statement-breakpoint
DROP INDEX "followups_plan_idx";--> statement-breakpoint
CREATE INDEX "followups_patient_idx" ON "followups" USING btree ("patient_id","created_at","id");--> statement-breakpoint
CREATE INDEX "followups_status_idx" ON "followups" USING btree ("clinic_id","status","created_at","id");--> statement-breakpoint
CREATE INDEX "inbound_messages_clinic_status_idx" ON "inbound_messages" USING btree ("clinic_id","status","created_at","id");--> statement-breakpoint
CREATE INDEX "followups_appointment_idx" ON "followups" USING btree ("appointment_id","created_at","id");--> statement-breakpoint
CREATE INDEX "followups_plan_idx" ON "followups" USING btree ("plan_id","created_at","id");