CREATE TABLE "national_sync_attempts" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"outbox_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"ok" boolean NOT NULL,
	"http_status" integer,
	"error" text,
	"duration_ms" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "national_sync_outbox" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seq" bigserial NOT NULL,
	"case_id" uuid NOT NULL,
	"agency_path" text NOT NULL,
	"event" text NOT NULL,
	"action" text NOT NULL,
	"payload" jsonb NOT NULL,
	"payload_sha256" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone NOT NULL,
	"claim_token" text,
	"claimed_until" timestamp with time zone,
	"last_error" text,
	"last_http_status" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "open311_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"agency_path" text NOT NULL,
	"service_code" text NOT NULL,
	"lat" text,
	"long" text,
	"address_string" text,
	"address_id" text,
	"zipcode" text,
	"media_url" text,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "national_sync_attempts" ADD CONSTRAINT "national_sync_attempts_outbox_id_national_sync_outbox_id_fk" FOREIGN KEY ("outbox_id") REFERENCES "public"."national_sync_outbox"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "open311_requests" ADD CONSTRAINT "open311_requests_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "open311_requests" ADD CONSTRAINT "open311_requests_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "national_sync_attempts_outbox_idx" ON "national_sync_attempts" USING btree ("outbox_id");--> statement-breakpoint
CREATE INDEX "national_sync_outbox_due_idx" ON "national_sync_outbox" USING btree ("status","next_attempt_at");--> statement-breakpoint
CREATE INDEX "national_sync_outbox_case_idx" ON "national_sync_outbox" USING btree ("case_id","seq");--> statement-breakpoint
CREATE INDEX "national_sync_outbox_path_idx" ON "national_sync_outbox" USING btree ("agency_path");--> statement-breakpoint
CREATE UNIQUE INDEX "open311_requests_case_uq" ON "open311_requests" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "open311_requests_path_idx" ON "open311_requests" USING btree ("agency_path","created_at");