CREATE INDEX "appointments_patient_created_idx" ON "appointments" USING btree ("patient_id","created_at");--> statement-breakpoint
CREATE INDEX "followups_clinic_outcome_idx" ON "followups" USING btree ("clinic_id",coalesce("sent_at", "send_at"));--> statement-breakpoint
CREATE INDEX "inbound_messages_followup_idx" ON "inbound_messages" USING btree ("followup_id");--> statement-breakpoint
CREATE INDEX "patient_alerts_clinic_idx" ON "patient_alerts" USING btree ("clinic_id","created_at");--> statement-breakpoint
CREATE INDEX "treatment_plans_clinic_idx" ON "treatment_plans" USING btree ("clinic_id","service_type");