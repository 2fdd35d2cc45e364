CREATE TABLE "early_status_reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"provider_message_id" text NOT NULL,
	"status" text NOT NULL,
	"error_code" text,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "early_status_reports_message_idx" ON "early_status_reports" USING btree ("provider_message_id");--> statement-breakpoint
CREATE INDEX "early_status_reports_received_idx" ON "early_status_reports" USING btree ("received_at");