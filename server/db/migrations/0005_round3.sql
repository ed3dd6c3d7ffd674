CREATE TABLE "case_duties" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seq" bigserial NOT NULL,
	"case_id" uuid NOT NULL,
	"code" text NOT NULL,
	"rule" text NOT NULL,
	"rule_version" text,
	"label" text NOT NULL,
	"citation" text NOT NULL,
	"from_on" date NOT NULL,
	"remote" boolean DEFAULT false NOT NULL,
	"due_on" date,
	"opened_by" text NOT NULL,
	"visit_id" uuid,
	"done_on" date,
	"document_no" text,
	"done_by" uuid,
	"overdue_since" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "consultation_clusterings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"consultation_id" uuid NOT NULL,
	"seed" integer NOT NULL,
	"k" integer NOT NULL,
	"participants" integer NOT NULL,
	"sections" integer NOT NULL,
	"explained" jsonb NOT NULL,
	"groups" jsonb NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "consultation_flags" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"consultation_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"opinion_id" uuid,
	"opinion_submitted_at" timestamp with time zone,
	"section_id" uuid,
	"person_key" text,
	"source" text,
	"window_start" timestamp with time zone,
	"opinions" integer,
	"reason" text,
	"status" text DEFAULT 'pending' NOT NULL,
	"reviewed_by" uuid,
	"reviewed_at" timestamp with time zone,
	"review_note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dialogue_attachments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"dialogue_id" uuid NOT NULL,
	"session_id" uuid,
	"storage_key" text NOT NULL,
	"file_name" text NOT NULL,
	"content_type" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"sha256" text NOT NULL,
	"data_key" jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dialogue_cancellations" (
	"dialogue_id" uuid PRIMARY KEY NOT NULL,
	"cancelled_on" date NOT NULL,
	"reason" text NOT NULL,
	"registrants_told" integer DEFAULT 0 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dialogue_dispatches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"dialogue_id" uuid NOT NULL,
	"head_id" uuid NOT NULL,
	"what" text NOT NULL,
	"channel" text NOT NULL,
	"sent_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dialogue_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"agency_id" uuid NOT NULL,
	"agency_path" text NOT NULL,
	"kind" text NOT NULL,
	"requested_on" date NOT NULL,
	"requester" text NOT NULL,
	"content" text,
	"signatures" integer,
	"voters_on_roll" integer,
	"threshold_percent" integer,
	"triggered" boolean DEFAULT false NOT NULL,
	"decision_due_on" date,
	"decision_explanation" text,
	"decided_on" date,
	"decision" text,
	"decision_reason" text,
	"decision_late" boolean DEFAULT false NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dialogue_village_heads" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agency_id" uuid NOT NULL,
	"agency_path" text NOT NULL,
	"village" text NOT NULL,
	"village_kind" text NOT NULL,
	"head_name" text NOT NULL,
	"email" text,
	"user_id" uuid,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "duplicate_links" (
	"case_id" uuid PRIMARY KEY NOT NULL,
	"matter_case_id" uuid NOT NULL,
	"previous" jsonb,
	"linked_by" uuid NOT NULL,
	"linked_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "federation_counter_rows" (
	"instance_id" text NOT NULL,
	"scope" text NOT NULL,
	"child" text NOT NULL,
	"bucket" date NOT NULL,
	"key" text NOT NULL,
	"prev" date DEFAULT '1900-01-01' NOT NULL,
	"n" bigint NOT NULL,
	CONSTRAINT "federation_counter_rows_instance_id_scope_bucket_key_child_prev_pk" PRIMARY KEY("instance_id","scope","bucket","key","child","prev")
);
--> statement-breakpoint
CREATE TABLE "federation_instances" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"base_url" text NOT NULL,
	"agency_codes" jsonb NOT NULL,
	"keys" jsonb NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"registered_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "federation_own_keys" (
	"kid" text PRIMARY KEY NOT NULL,
	"public_sig" jsonb NOT NULL,
	"public_enc" jsonb NOT NULL,
	"private_keys" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"retired_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "federation_packages" (
	"id" uuid NOT NULL,
	"direction" text NOT NULL,
	"type" text NOT NULL,
	"peer_instance" text NOT NULL,
	"from_agency" text NOT NULL,
	"to_agency" text NOT NULL,
	"document_no" text NOT NULL,
	"document_date" date NOT NULL,
	"case_id" uuid,
	"refers_to" uuid,
	"body" text NOT NULL,
	"status" text NOT NULL,
	"remote_status" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone,
	"last_error" text,
	"acked_at" timestamp with time zone,
	"ack" text,
	"return_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "federation_packages_direction_id_pk" PRIMARY KEY("direction","id")
);
--> statement-breakpoint
CREATE TABLE "federation_snapshots" (
	"instance_id" text PRIMARY KEY NOT NULL,
	"as_of" timestamp with time zone NOT NULL,
	"kid" text NOT NULL,
	"rows" integer NOT NULL,
	"sha256" text NOT NULL,
	"pulled_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "grassroots_board_plans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agency_id" uuid NOT NULL,
	"agency_path" text NOT NULL,
	"board" text NOT NULL,
	"subject" text NOT NULL,
	"sent_on" date NOT NULL,
	"starts_on" date NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "grassroots_conferences" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"community_id" uuid NOT NULL,
	"agency_path" text NOT NULL,
	"year" integer NOT NULL,
	"notice_on" date NOT NULL,
	"held_on" date NOT NULL,
	"place" text NOT NULL,
	"agenda" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"result_summary" text,
	"result_sent_on" date,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "grassroots_meeting_procedure" (
	"meeting_id" uuid PRIMARY KEY NOT NULL,
	"counting_board" jsonb NOT NULL,
	"procedural" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "grassroots_notices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"matter_id" uuid NOT NULL,
	"community_id" uuid NOT NULL,
	"cluster" text,
	"notice_on" date NOT NULL,
	"meeting_on" date NOT NULL,
	"place" text NOT NULL,
	"documents_on" date,
	"cluster_plan_approved_on" date,
	"scattered" boolean DEFAULT false NOT NULL,
	"draft_posted_on" date,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "grassroots_publications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agency_id" uuid NOT NULL,
	"agency_path" text NOT NULL,
	"item" integer NOT NULL,
	"title" text NOT NULL,
	"decided_on" date NOT NULL,
	"posted_on" date NOT NULL,
	"posted_until" date,
	"loudspeaker_from" date,
	"loudspeaker_to" date,
	"channels" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "grassroots_vote_plans" (
	"matter_id" uuid NOT NULL,
	"form" text NOT NULL,
	"decided_on" date NOT NULL,
	"plan_sent_on" date,
	"plan_late" boolean DEFAULT false NOT NULL,
	"notice_on" date,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"team" jsonb NOT NULL,
	"channel" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "grassroots_vote_plans_matter_id_form_pk" PRIMARY KEY("matter_id","form")
);
--> statement-breakpoint
CREATE TABLE "matter_entities" (
	"case_id" uuid NOT NULL,
	"entity" text NOT NULL,
	"value" text NOT NULL,
	"agency_path" text NOT NULL,
	CONSTRAINT "matter_entities_case_id_entity_value_pk" PRIMARY KEY("case_id","entity","value")
);
--> statement-breakpoint
CREATE TABLE "model_awards" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"model_id" uuid NOT NULL,
	"level" text NOT NULL,
	"decision_no" text NOT NULL,
	"decided_on" date NOT NULL,
	"signer" text NOT NULL,
	"issuer_agency_id" uuid NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
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
CREATE TABLE "search_docs" (
	"id" uuid PRIMARY KEY NOT NULL,
	"record_type" text NOT NULL,
	"case_id" uuid,
	"agency_id" uuid NOT NULL,
	"agency_path" text NOT NULL,
	"kind" text NOT NULL,
	"day" date NOT NULL,
	"content" text NOT NULL,
	"names" text,
	"names_folded" text,
	"folded" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "case_duties" ADD CONSTRAINT "case_duties_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_duties" ADD CONSTRAINT "case_duties_visit_id_visits_id_fk" FOREIGN KEY ("visit_id") REFERENCES "public"."visits"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_duties" ADD CONSTRAINT "case_duties_done_by_users_id_fk" FOREIGN KEY ("done_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_clusterings" ADD CONSTRAINT "consultation_clusterings_consultation_id_consultations_id_fk" FOREIGN KEY ("consultation_id") REFERENCES "public"."consultations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_clusterings" ADD CONSTRAINT "consultation_clusterings_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_flags" ADD CONSTRAINT "consultation_flags_consultation_id_consultations_id_fk" FOREIGN KEY ("consultation_id") REFERENCES "public"."consultations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_flags" ADD CONSTRAINT "consultation_flags_reviewed_by_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dialogue_attachments" ADD CONSTRAINT "dialogue_attachments_dialogue_id_dialogues_id_fk" FOREIGN KEY ("dialogue_id") REFERENCES "public"."dialogues"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dialogue_attachments" ADD CONSTRAINT "dialogue_attachments_session_id_dialogue_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."dialogue_sessions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dialogue_attachments" ADD CONSTRAINT "dialogue_attachments_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dialogue_cancellations" ADD CONSTRAINT "dialogue_cancellations_dialogue_id_dialogues_id_fk" FOREIGN KEY ("dialogue_id") REFERENCES "public"."dialogues"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dialogue_cancellations" ADD CONSTRAINT "dialogue_cancellations_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dialogue_dispatches" ADD CONSTRAINT "dialogue_dispatches_dialogue_id_dialogues_id_fk" FOREIGN KEY ("dialogue_id") REFERENCES "public"."dialogues"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dialogue_dispatches" ADD CONSTRAINT "dialogue_dispatches_head_id_dialogue_village_heads_id_fk" FOREIGN KEY ("head_id") REFERENCES "public"."dialogue_village_heads"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dialogue_requests" ADD CONSTRAINT "dialogue_requests_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dialogue_requests" ADD CONSTRAINT "dialogue_requests_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dialogue_village_heads" ADD CONSTRAINT "dialogue_village_heads_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dialogue_village_heads" ADD CONSTRAINT "dialogue_village_heads_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "duplicate_links" ADD CONSTRAINT "duplicate_links_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "duplicate_links" ADD CONSTRAINT "duplicate_links_matter_case_id_cases_id_fk" FOREIGN KEY ("matter_case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "duplicate_links" ADD CONSTRAINT "duplicate_links_linked_by_users_id_fk" FOREIGN KEY ("linked_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "federation_instances" ADD CONSTRAINT "federation_instances_registered_by_users_id_fk" FOREIGN KEY ("registered_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grassroots_board_plans" ADD CONSTRAINT "grassroots_board_plans_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grassroots_board_plans" ADD CONSTRAINT "grassroots_board_plans_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grassroots_conferences" ADD CONSTRAINT "grassroots_conferences_community_id_grassroots_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."grassroots_communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grassroots_conferences" ADD CONSTRAINT "grassroots_conferences_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grassroots_meeting_procedure" ADD CONSTRAINT "grassroots_meeting_procedure_meeting_id_grassroots_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."grassroots_meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grassroots_notices" ADD CONSTRAINT "grassroots_notices_matter_id_grassroots_matters_id_fk" FOREIGN KEY ("matter_id") REFERENCES "public"."grassroots_matters"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grassroots_notices" ADD CONSTRAINT "grassroots_notices_community_id_grassroots_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."grassroots_communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grassroots_notices" ADD CONSTRAINT "grassroots_notices_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grassroots_publications" ADD CONSTRAINT "grassroots_publications_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grassroots_publications" ADD CONSTRAINT "grassroots_publications_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grassroots_vote_plans" ADD CONSTRAINT "grassroots_vote_plans_matter_id_grassroots_matters_id_fk" FOREIGN KEY ("matter_id") REFERENCES "public"."grassroots_matters"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grassroots_vote_plans" ADD CONSTRAINT "grassroots_vote_plans_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matter_entities" ADD CONSTRAINT "matter_entities_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "model_awards" ADD CONSTRAINT "model_awards_model_id_good_models_id_fk" FOREIGN KEY ("model_id") REFERENCES "public"."good_models"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "model_awards" ADD CONSTRAINT "model_awards_issuer_agency_id_agencies_id_fk" FOREIGN KEY ("issuer_agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "model_awards" ADD CONSTRAINT "model_awards_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "national_sync_attempts" ADD CONSTRAINT "national_sync_attempts_outbox_id_national_sync_outbox_id_fk" FOREIGN KEY ("outbox_id") REFERENCES "public"."national_sync_outbox"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "open311_requests" ADD CONSTRAINT "open311_requests_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "open311_requests" ADD CONSTRAINT "open311_requests_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "search_docs" ADD CONSTRAINT "search_docs_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "search_docs" ADD CONSTRAINT "search_docs_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "case_duties_case_idx" ON "case_duties" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "case_duties_due_idx" ON "case_duties" USING btree ("due_on");--> statement-breakpoint
CREATE INDEX "consultation_clusterings_c_idx" ON "consultation_clusterings" USING btree ("consultation_id","created_at");--> statement-breakpoint
CREATE INDEX "consultation_flags_c_idx" ON "consultation_flags" USING btree ("consultation_id","status","created_at");--> statement-breakpoint
CREATE INDEX "consultation_flags_opinion_idx" ON "consultation_flags" USING btree ("opinion_id");--> statement-breakpoint
CREATE INDEX "dialogue_attachments_dialogue_idx" ON "dialogue_attachments" USING btree ("dialogue_id");--> statement-breakpoint
CREATE UNIQUE INDEX "dialogue_dispatches_uq" ON "dialogue_dispatches" USING btree ("dialogue_id","head_id","what","channel");--> statement-breakpoint
CREATE UNIQUE INDEX "dialogue_requests_code_uq" ON "dialogue_requests" USING btree ("code");--> statement-breakpoint
CREATE INDEX "dialogue_requests_path_idx" ON "dialogue_requests" USING btree ("agency_path","requested_on");--> statement-breakpoint
CREATE UNIQUE INDEX "dialogue_village_heads_uq" ON "dialogue_village_heads" USING btree ("agency_id","village");--> statement-breakpoint
CREATE INDEX "dialogue_village_heads_path_idx" ON "dialogue_village_heads" USING btree ("agency_path");--> statement-breakpoint
CREATE INDEX "duplicate_links_matter_idx" ON "duplicate_links" USING btree ("matter_case_id");--> statement-breakpoint
CREATE INDEX "federation_packages_due_idx" ON "federation_packages" USING btree ("direction","status","next_attempt_at");--> statement-breakpoint
CREATE INDEX "federation_packages_case_idx" ON "federation_packages" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "grassroots_board_plans_path_idx" ON "grassroots_board_plans" USING btree ("agency_path" text_pattern_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "grassroots_conferences_year_uq" ON "grassroots_conferences" USING btree ("community_id","year");--> statement-breakpoint
CREATE INDEX "grassroots_conferences_path_idx" ON "grassroots_conferences" USING btree ("agency_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "grassroots_notices_matter_idx" ON "grassroots_notices" USING btree ("matter_id","community_id");--> statement-breakpoint
CREATE INDEX "grassroots_publications_path_idx" ON "grassroots_publications" USING btree ("agency_path" text_pattern_ops,"posted_on");--> statement-breakpoint
CREATE INDEX "matter_entities_value_idx" ON "matter_entities" USING btree ("entity","value");--> statement-breakpoint
CREATE UNIQUE INDEX "model_awards_decision_uq" ON "model_awards" USING btree ("model_id","decision_no");--> statement-breakpoint
CREATE INDEX "model_awards_model_idx" ON "model_awards" USING btree ("model_id");--> statement-breakpoint
CREATE INDEX "national_sync_attempts_outbox_idx" ON "national_sync_attempts" USING btree ("outbox_id");--> statement-breakpoint
CREATE INDEX "national_sync_outbox_due_idx" ON "national_sync_outbox" USING btree ("status","next_attempt_at");--> statement-breakpoint
CREATE INDEX "national_sync_outbox_case_idx" ON "national_sync_outbox" USING btree ("case_id","seq");--> statement-breakpoint
CREATE INDEX "national_sync_outbox_path_idx" ON "national_sync_outbox" USING btree ("agency_path");--> statement-breakpoint
CREATE UNIQUE INDEX "open311_requests_case_uq" ON "open311_requests" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "open311_requests_path_idx" ON "open311_requests" USING btree ("agency_path","created_at");--> statement-breakpoint
CREATE INDEX "search_docs_agency_path_idx" ON "search_docs" USING btree ("agency_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "search_docs_case_idx" ON "search_docs" USING btree ("case_id");
--> statement-breakpoint
-- hand-written (consultation-scale)
-- consultation_opinions becomes a table partitioned by time (submitted_at, one partition a year and a default), its
-- rows moved over; the primary key (consultation_id, submitted_at, id) already holds the partition key. Statuses
-- 'flagged' (a false attribution pending review) and 'withdrawn' (upheld) join (docs/adr/0023-consultation-at-scale.md).
CREATE TABLE "consultation_opinions_part" (LIKE "consultation_opinions" INCLUDING DEFAULTS INCLUDING CONSTRAINTS) PARTITION BY RANGE ("submitted_at");
--> statement-breakpoint
CREATE TABLE "consultation_opinions_y2025" PARTITION OF "consultation_opinions_part" FOR VALUES FROM ('2025-01-01 00:00:00+07') TO ('2026-01-01 00:00:00+07');
--> statement-breakpoint
CREATE TABLE "consultation_opinions_y2026" PARTITION OF "consultation_opinions_part" FOR VALUES FROM ('2026-01-01 00:00:00+07') TO ('2027-01-01 00:00:00+07');
--> statement-breakpoint
CREATE TABLE "consultation_opinions_y2027" PARTITION OF "consultation_opinions_part" FOR VALUES FROM ('2027-01-01 00:00:00+07') TO ('2028-01-01 00:00:00+07');
--> statement-breakpoint
CREATE TABLE "consultation_opinions_y2028" PARTITION OF "consultation_opinions_part" FOR VALUES FROM ('2028-01-01 00:00:00+07') TO ('2029-01-01 00:00:00+07');
--> statement-breakpoint
CREATE TABLE "consultation_opinions_y2029" PARTITION OF "consultation_opinions_part" FOR VALUES FROM ('2029-01-01 00:00:00+07') TO ('2030-01-01 00:00:00+07');
--> statement-breakpoint
CREATE TABLE "consultation_opinions_y2030" PARTITION OF "consultation_opinions_part" FOR VALUES FROM ('2030-01-01 00:00:00+07') TO ('2031-01-01 00:00:00+07');
--> statement-breakpoint
CREATE TABLE "consultation_opinions_other" PARTITION OF "consultation_opinions_part" DEFAULT;
--> statement-breakpoint
INSERT INTO "consultation_opinions_part" SELECT * FROM "consultation_opinions";
--> statement-breakpoint
DROP TABLE "consultation_opinions";
--> statement-breakpoint
ALTER TABLE "consultation_opinions_part" RENAME TO "consultation_opinions";
--> statement-breakpoint
ALTER TABLE "consultation_opinions" ADD CONSTRAINT "consultation_opinions_consultation_id_submitted_at_id_pk" PRIMARY KEY ("consultation_id", "submitted_at", "id");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "consultation_opinions_section_idx" ON "consultation_opinions" USING btree ("consultation_id", "section_id", "status");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "consultation_opinions_id_idx" ON "consultation_opinions" USING btree ("id");
--> statement-breakpoint
ALTER TABLE "consultation_opinions" DROP CONSTRAINT IF EXISTS "consultation_opinions_status_ck";
--> statement-breakpoint
ALTER TABLE "consultation_opinions" ADD CONSTRAINT "consultation_opinions_status_ck" CHECK ("status" in ('counted', 'replaced', 'spoken-only', 'flagged', 'withdrawn'));
--> statement-breakpoint
ALTER TABLE "consultation_flags" ADD CONSTRAINT "consultation_flags_kind_ck" CHECK ("kind" in ('false-attribution', 'burst'));
--> statement-breakpoint
ALTER TABLE "consultation_flags" ADD CONSTRAINT "consultation_flags_status_ck" CHECK ("status" in ('pending', 'upheld', 'rejected'));

--> statement-breakpoint
-- hand-written (search)
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION danvan_fold(t text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ select btrim(regexp_replace(lower(translate(coalesce(t, ''), 'àÀáÁãÃảẢạẠAằẰắẮẵẴẳẲặẶăĂầẦấẤẫẪẩẨậẬâÂèÈéÉẽẼẻẺẹẸEềỀếẾễỄểỂệỆêÊìÌíÍĩĨỉỈịỊIòÒóÓõÕỏỎọỌOồỒốỐỗỖổỔộỘôÔờỜớỚỡỠởỞợỢơƠùÙúÚũŨủỦụỤUừỪứỨữỮửỬựỰưƯỳỲýÝỹỸỷỶỵỴYđĐ', 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaeeeeeeeeeeeeeeeeeeeeeeeiiiiiiiiiiiooooooooooooooooooooooooooooooooooouuuuuuuuuuuuuuuuuuuuuuuyyyyyyyyyyydd')), '[^a-z0-9]+', ' ', 'g')) $$;
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS search_docs_folded_trgm ON search_docs USING gin (folded gin_trgm_ops);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS search_docs_names_trgm ON search_docs USING gin (names_folded gin_trgm_ops);
--> statement-breakpoint
INSERT INTO search_docs (id, record_type, case_id, agency_id, agency_path, kind, day, content, names, names_folded, folded)
SELECT c.id, 'case', c.id, c.agency_id, c.agency_path, c.kind, c.received_on, c.content,
       CASE WHEN c.kind = 'denunciation' THEN NULL ELSE c.petitioner_name END,
       CASE WHEN c.kind = 'denunciation' THEN NULL ELSE danvan_fold(c.petitioner_name) END,
       danvan_fold(c.code || ' ' || c.content)
FROM cases c ON CONFLICT (id) DO NOTHING;
--> statement-breakpoint
INSERT INTO search_docs (id, record_type, case_id, agency_id, agency_path, kind, day, content, names, names_folded, folded)
SELECT v.id, 'visit', v.case_id, v.agency_id, v.agency_path, v.kind, v.visited_on, v.content,
       CASE WHEN v.kind = 'denunciation' THEN NULL ELSE v.citizen_name END,
       CASE WHEN v.kind = 'denunciation' THEN NULL ELSE danvan_fold(v.citizen_name) END,
       danvan_fold(v.content)
FROM visits v ON CONFLICT (id) DO NOTHING;
--> statement-breakpoint
INSERT INTO search_docs (id, record_type, case_id, agency_id, agency_path, kind, day, content, names, names_folded, folded)
SELECT p.id, 'petition', p.case_id, p.agency_id, p.agency_path, p.kind, p.received_on, p.content,
       CASE WHEN p.kind = 'denunciation' THEN NULL ELSE p.petitioner_name END,
       CASE WHEN p.kind = 'denunciation' THEN NULL ELSE danvan_fold(p.petitioner_name) END,
       danvan_fold(p.content)
FROM petitions p ON CONFLICT (id) DO NOTHING;
