CREATE TABLE "commitment_evidence" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"update_id" uuid NOT NULL,
	"commitment_id" uuid NOT NULL,
	"storage_key" text NOT NULL,
	"file_name" text NOT NULL,
	"content_type" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"sha256" text NOT NULL,
	"data_key" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "commitment_updates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"commitment_id" uuid NOT NULL,
	"on" date NOT NULL,
	"status" text NOT NULL,
	"progress" integer NOT NULL,
	"note" text,
	"actor_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "commitments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"dialogue_id" uuid NOT NULL,
	"issue_id" uuid NOT NULL,
	"agency_path" text NOT NULL,
	"owner_agency_id" uuid NOT NULL,
	"owner_agency_path" text NOT NULL,
	"content" text NOT NULL,
	"made_on" date NOT NULL,
	"due_on" date NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"progress" integer DEFAULT 0 NOT NULL,
	"status_reason" text,
	"closing_note" text,
	"closed_on" date,
	"overdue_since" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dialogue_issues" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"dialogue_id" uuid NOT NULL,
	"agency_path" text NOT NULL,
	"seq" integer NOT NULL,
	"content" text NOT NULL,
	"outcome" text NOT NULL,
	"answer" text,
	"target_agency_id" uuid,
	"registration_id" uuid,
	"case_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dialogue_registrations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"dialogue_id" uuid NOT NULL,
	"code" text NOT NULL,
	"question" text NOT NULL,
	"wants_to_speak" boolean DEFAULT false NOT NULL,
	"contact" jsonb,
	"idempotency_key_hash" text,
	"request_hash" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dialogue_sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"dialogue_id" uuid NOT NULL,
	"label" text NOT NULL,
	"held_on" date NOT NULL,
	"location" text,
	"attendance" integer NOT NULL,
	"minutes" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dialogues" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"agency_id" uuid NOT NULL,
	"agency_path" text NOT NULL,
	"kind" text NOT NULL,
	"status" text DEFAULT 'planned' NOT NULL,
	"title" text NOT NULL,
	"content" text,
	"planned_on" date NOT NULL,
	"start_time" text,
	"location" text,
	"online_link" text,
	"how_to_attend" text,
	"organiser" text,
	"co_chair" text,
	"complex" boolean DEFAULT false NOT NULL,
	"notice_on" date,
	"notice_required_days" integer,
	"notice_late" boolean DEFAULT false NOT NULL,
	"notice_late_reason" text,
	"held_on" date,
	"attendance" integer DEFAULT 0 NOT NULL,
	"chaired_by" text,
	"conclusion_due_on" date,
	"conclusion_explanation" text,
	"conclusion_on" date,
	"conclusion_late" boolean DEFAULT false NOT NULL,
	"conclusion_summary" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "login_throttles" (
	"username_hash" text PRIMARY KEY NOT NULL,
	"failures" integer DEFAULT 0 NOT NULL,
	"locked_until" timestamp with time zone,
	"last_failure_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "reception_bookings" ALTER COLUMN "name" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "reception_bookings" ALTER COLUMN "phone" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "decision_sent_on" date;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "withdrawn_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "reception_bookings" ADD COLUMN "contact" jsonb;--> statement-breakpoint
ALTER TABLE "commitment_evidence" ADD CONSTRAINT "commitment_evidence_update_id_commitment_updates_id_fk" FOREIGN KEY ("update_id") REFERENCES "public"."commitment_updates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commitment_evidence" ADD CONSTRAINT "commitment_evidence_commitment_id_commitments_id_fk" FOREIGN KEY ("commitment_id") REFERENCES "public"."commitments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commitment_updates" ADD CONSTRAINT "commitment_updates_commitment_id_commitments_id_fk" FOREIGN KEY ("commitment_id") REFERENCES "public"."commitments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commitment_updates" ADD CONSTRAINT "commitment_updates_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commitments" ADD CONSTRAINT "commitments_dialogue_id_dialogues_id_fk" FOREIGN KEY ("dialogue_id") REFERENCES "public"."dialogues"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commitments" ADD CONSTRAINT "commitments_issue_id_dialogue_issues_id_fk" FOREIGN KEY ("issue_id") REFERENCES "public"."dialogue_issues"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commitments" ADD CONSTRAINT "commitments_owner_agency_id_agencies_id_fk" FOREIGN KEY ("owner_agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dialogue_issues" ADD CONSTRAINT "dialogue_issues_dialogue_id_dialogues_id_fk" FOREIGN KEY ("dialogue_id") REFERENCES "public"."dialogues"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dialogue_issues" ADD CONSTRAINT "dialogue_issues_target_agency_id_agencies_id_fk" FOREIGN KEY ("target_agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dialogue_issues" ADD CONSTRAINT "dialogue_issues_registration_id_dialogue_registrations_id_fk" FOREIGN KEY ("registration_id") REFERENCES "public"."dialogue_registrations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dialogue_issues" ADD CONSTRAINT "dialogue_issues_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dialogue_registrations" ADD CONSTRAINT "dialogue_registrations_dialogue_id_dialogues_id_fk" FOREIGN KEY ("dialogue_id") REFERENCES "public"."dialogues"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dialogue_sessions" ADD CONSTRAINT "dialogue_sessions_dialogue_id_dialogues_id_fk" FOREIGN KEY ("dialogue_id") REFERENCES "public"."dialogues"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dialogue_sessions" ADD CONSTRAINT "dialogue_sessions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dialogues" ADD CONSTRAINT "dialogues_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dialogues" ADD CONSTRAINT "dialogues_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "commitment_evidence_commitment_idx" ON "commitment_evidence" USING btree ("commitment_id");--> statement-breakpoint
CREATE INDEX "commitment_updates_commitment_idx" ON "commitment_updates" USING btree ("commitment_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "commitments_code_uq" ON "commitments" USING btree ("code");--> statement-breakpoint
CREATE INDEX "commitments_path_idx" ON "commitments" USING btree ("agency_path");--> statement-breakpoint
CREATE INDEX "commitments_owner_idx" ON "commitments" USING btree ("owner_agency_path");--> statement-breakpoint
CREATE INDEX "commitments_due_idx" ON "commitments" USING btree ("status","due_on");--> statement-breakpoint
CREATE INDEX "dialogue_issues_dialogue_idx" ON "dialogue_issues" USING btree ("dialogue_id","seq");--> statement-breakpoint
CREATE INDEX "dialogue_issues_case_idx" ON "dialogue_issues" USING btree ("case_id");--> statement-breakpoint
CREATE UNIQUE INDEX "dialogue_registrations_code_uq" ON "dialogue_registrations" USING btree ("code");--> statement-breakpoint
CREATE UNIQUE INDEX "dialogue_registrations_idem_uq" ON "dialogue_registrations" USING btree ("idempotency_key_hash");--> statement-breakpoint
CREATE INDEX "dialogue_registrations_dialogue_idx" ON "dialogue_registrations" USING btree ("dialogue_id");--> statement-breakpoint
CREATE INDEX "dialogue_sessions_dialogue_idx" ON "dialogue_sessions" USING btree ("dialogue_id");--> statement-breakpoint
CREATE UNIQUE INDEX "dialogues_code_uq" ON "dialogues" USING btree ("code");--> statement-breakpoint
CREATE INDEX "dialogues_path_idx" ON "dialogues" USING btree ("agency_path","planned_on");