DROP INDEX "appointments_patient_created_idx";--> statement-breakpoint
CREATE INDEX "appointments_clinic_created_idx" ON "appointments" USING btree ("clinic_id","created_at");--> statement-breakpoint
CREATE INDEX "consent_events_clinic_created_idx" ON "consent_events" USING btree ("clinic_id","created_at");--> statement-breakpoint
CREATE INDEX "deliveries_clinic_created_idx" ON "deliveries" USING btree ("clinic_id","created_at");