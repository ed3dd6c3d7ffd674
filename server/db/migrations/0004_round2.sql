CREATE TABLE "case_imports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agency_id" uuid NOT NULL,
	"file_sha256" text NOT NULL,
	"mode" text NOT NULL,
	"rows_total" integer NOT NULL,
	"rows_imported" integer NOT NULL,
	"imported_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
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
CREATE TABLE "consultation_codes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"consultation_id" uuid NOT NULL,
	"method" text NOT NULL,
	"person_key" text NOT NULL,
	"code_hash" text NOT NULL,
	"hint" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"verified_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "consultation_conferences" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"consultation_id" uuid NOT NULL,
	"agency_id" uuid NOT NULL,
	"agency_path" text NOT NULL,
	"title" text NOT NULL,
	"held_on" date NOT NULL,
	"attendees" integer NOT NULL,
	"minutes" text NOT NULL,
	"written_opinions" integer NOT NULL,
	"spoken_only" integer NOT NULL,
	"recorded_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "consultation_counters" (
	"consultation_id" uuid NOT NULL,
	"section_id" uuid NOT NULL,
	"stance" text NOT NULL,
	"channel" text NOT NULL,
	"category" text NOT NULL,
	"age_band" text NOT NULL,
	"province_code" text NOT NULL,
	"commune_code" text NOT NULL,
	"stripe" integer DEFAULT 0 NOT NULL,
	"n" bigint NOT NULL,
	CONSTRAINT "consultation_counters_consultation_id_section_id_stance_channel_category_age_band_province_code_commune_code_stripe_pk" PRIMARY KEY("consultation_id","section_id","stance","channel","category","age_band","province_code","commune_code","stripe")
);
--> statement-breakpoint
CREATE TABLE "consultation_invitations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"consultation_id" uuid NOT NULL,
	"agency_id" uuid NOT NULL,
	"invited_on" date NOT NULL,
	"due_on" date NOT NULL,
	"answered_on" date,
	"last_reminded_on" date,
	"reminders" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "consultation_ledger" (
	"consultation_id" uuid NOT NULL,
	"section_id" uuid NOT NULL,
	"person_key" text NOT NULL,
	"opinion_id" uuid NOT NULL,
	"replacements" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "consultation_ledger_consultation_id_section_id_person_key_pk" PRIMARY KEY("consultation_id","section_id","person_key")
);
--> statement-breakpoint
CREATE TABLE "consultation_opinions" (
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"consultation_id" uuid NOT NULL,
	"submitted_at" timestamp with time zone NOT NULL,
	"section_id" uuid NOT NULL,
	"person_key" text NOT NULL,
	"identity_method" text NOT NULL,
	"channel" text NOT NULL,
	"stance" text NOT NULL,
	"text" text,
	"category" text NOT NULL,
	"age_band" text DEFAULT '' NOT NULL,
	"occupation" text,
	"province_code" text DEFAULT '' NOT NULL,
	"commune_code" text DEFAULT '' NOT NULL,
	"status" text NOT NULL,
	"replaced_by" uuid,
	"from_agency_id" uuid,
	"conference_id" uuid,
	"entered_by" uuid,
	"respondent_id" uuid,
	CONSTRAINT "consultation_opinions_consultation_id_submitted_at_id_pk" PRIMARY KEY("consultation_id","submitted_at","id")
);
--> statement-breakpoint
CREATE TABLE "consultation_participants" (
	"consultation_id" uuid NOT NULL,
	"person_key" text NOT NULL,
	"first_channel" text NOT NULL,
	"first_at" timestamp with time zone NOT NULL,
	CONSTRAINT "consultation_participants_consultation_id_person_key_pk" PRIMARY KEY("consultation_id","person_key")
);
--> statement-breakpoint
CREATE TABLE "consultation_respondents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"consultation_id" uuid NOT NULL,
	"details" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "consultation_sections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"consultation_id" uuid NOT NULL,
	"key" text NOT NULL,
	"kind" text NOT NULL,
	"parent_key" text,
	"ord" integer NOT NULL,
	"heading" text NOT NULL,
	"body" text NOT NULL,
	"content_hash" text NOT NULL,
	"first_version" integer NOT NULL,
	"last_version" integer
);
--> statement-breakpoint
CREATE TABLE "consultation_submissions" (
	"key_hash" text PRIMARY KEY NOT NULL,
	"request_hash" text NOT NULL,
	"response" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "consultation_theme_opinions" (
	"theme_id" uuid NOT NULL,
	"opinion_id" uuid NOT NULL,
	CONSTRAINT "consultation_theme_opinions_theme_id_opinion_id_pk" PRIMARY KEY("theme_id","opinion_id")
);
--> statement-breakpoint
CREATE TABLE "consultation_themes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"consultation_id" uuid NOT NULL,
	"section_id" uuid NOT NULL,
	"title" text NOT NULL,
	"outcome" text,
	"explanation" text,
	"section_majority" text,
	"theme_stance" text,
	"departs_from_majority" boolean,
	"responded_by" uuid,
	"responded_at" timestamp with time zone,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "consultation_totals" (
	"consultation_id" uuid NOT NULL,
	"key" text NOT NULL,
	"stripe" integer DEFAULT 0 NOT NULL,
	"n" bigint NOT NULL,
	CONSTRAINT "consultation_totals_consultation_id_key_stripe_pk" PRIMARY KEY("consultation_id","key","stripe")
);
--> statement-breakpoint
CREATE TABLE "consultation_versions" (
	"consultation_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"source" text NOT NULL,
	"file_name" text,
	"note" text,
	"sections" integer NOT NULL,
	"articles" integer NOT NULL,
	"imported_by" uuid NOT NULL,
	"imported_at" timestamp with time zone NOT NULL,
	CONSTRAINT "consultation_versions_consultation_id_version_pk" PRIMARY KEY("consultation_id","version")
);
--> statement-breakpoint
CREATE TABLE "consultations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agency_id" uuid NOT NULL,
	"agency_path" text NOT NULL,
	"title" text NOT NULL,
	"kind" text NOT NULL,
	"subject" text NOT NULL,
	"audience" text NOT NULL,
	"summary" text,
	"state_secret" boolean DEFAULT false NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"opens_on" date,
	"closes_on" date,
	"min_days" integer NOT NULL,
	"min_days_basis" text NOT NULL,
	"milestones" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"current_version" integer DEFAULT 0 NOT NULL,
	"published_at" timestamp with time zone,
	"published_by" uuid,
	"synthesis_published_on" date,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
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
CREATE TABLE "good_models" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"campaign_id" uuid NOT NULL,
	"agency_id" uuid NOT NULL,
	"agency_path" text NOT NULL,
	"kind" text NOT NULL,
	"field" text NOT NULL,
	"year" integer NOT NULL,
	"title" text NOT NULL,
	"story" text NOT NULL,
	"status" text NOT NULL,
	"self_scores" jsonb,
	"self_assessed_at" timestamp with time zone,
	"level" text,
	"recognized_on" date,
	"return_reasons" text,
	"replicated_from_id" uuid,
	"search_key" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "grassroots_communities" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agency_id" uuid NOT NULL,
	"agency_path" text NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "grassroots_households" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"community_id" uuid NOT NULL,
	"agency_path" text NOT NULL,
	"code" text NOT NULL,
	"members" integer NOT NULL,
	"representative" jsonb NOT NULL,
	"person_hash" text,
	"voting_code_hash" text,
	"online_opt_in_at" timestamp with time zone,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "grassroots_initiative_signatures" (
	"initiative_id" uuid NOT NULL,
	"household_id" uuid NOT NULL,
	"signed_on" date NOT NULL,
	CONSTRAINT "grassroots_initiative_signatures_initiative_id_household_id_pk" PRIMARY KEY("initiative_id","household_id")
);
--> statement-breakpoint
CREATE TABLE "grassroots_initiatives" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"community_id" uuid NOT NULL,
	"agency_path" text NOT NULL,
	"item" integer NOT NULL,
	"title" text NOT NULL,
	"content" text NOT NULL,
	"initiator_household_id" uuid,
	"front_agreed_on" date,
	"matter_id" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "grassroots_matters" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agency_id" uuid NOT NULL,
	"agency_path" text NOT NULL,
	"community_id" uuid,
	"item" integer NOT NULL,
	"title" text NOT NULL,
	"content" text NOT NULL,
	"proposed_by" text NOT NULL,
	"initiative_id" uuid,
	"status" text NOT NULL,
	"forms" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"opened_at" timestamp with time zone,
	"closes_on" date,
	"closed_on" date,
	"result" jsonb,
	"passed" boolean,
	"send_due_on" date,
	"sent_on" date,
	"recognition_due_on" date,
	"recognized_on" date,
	"refusal_reason" text,
	"signatories" jsonb,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "grassroots_meetings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"matter_id" uuid NOT NULL,
	"community_id" uuid NOT NULL,
	"held_on" date NOT NULL,
	"cluster" text,
	"secret" boolean NOT NULL,
	"attended" integer NOT NULL,
	"agree" integer NOT NULL,
	"disagree" integer NOT NULL,
	"other" integer NOT NULL,
	"witnesses" jsonb NOT NULL,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "grassroots_recommendations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agency_id" uuid NOT NULL,
	"agency_path" text NOT NULL,
	"board" text NOT NULL,
	"content" text NOT NULL,
	"received_on" date NOT NULL,
	"due_on" date NOT NULL,
	"answered_on" date,
	"answer" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "grassroots_roll" (
	"matter_id" uuid NOT NULL,
	"household_id" uuid NOT NULL,
	"community_id" uuid NOT NULL,
	CONSTRAINT "grassroots_roll_matter_id_household_id_pk" PRIMARY KEY("matter_id","household_id")
);
--> statement-breakpoint
CREATE TABLE "grassroots_votes" (
	"matter_id" uuid NOT NULL,
	"household_id" uuid NOT NULL,
	"community_id" uuid NOT NULL,
	"form" text NOT NULL,
	"choice" text,
	"other_text" text,
	"meeting_id" uuid,
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone NOT NULL,
	CONSTRAINT "grassroots_votes_matter_id_household_id_pk" PRIMARY KEY("matter_id","household_id")
);
--> statement-breakpoint
CREATE TABLE "import_rows" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agency_id" uuid NOT NULL,
	"target" text NOT NULL,
	"import_id" uuid NOT NULL,
	"row_key" text NOT NULL,
	"sheet_row" integer NOT NULL,
	"entity_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "import_templates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agency_id" uuid NOT NULL,
	"target" text NOT NULL,
	"signature" text NOT NULL,
	"mapping" jsonb NOT NULL,
	"updated_by" uuid,
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
CREATE TABLE "model_assessments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"model_id" uuid NOT NULL,
	"assessor_id" uuid NOT NULL,
	"assessor_agency_id" uuid NOT NULL,
	"scores" jsonb NOT NULL,
	"total" integer NOT NULL,
	"comment" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "model_campaigns" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agency_id" uuid NOT NULL,
	"agency_path" text NOT NULL,
	"period_kind" text NOT NULL,
	"from_year" integer NOT NULL,
	"to_year" integer NOT NULL,
	"title" text NOT NULL,
	"criteria" jsonb NOT NULL,
	"fields" jsonb NOT NULL,
	"levels" jsonb NOT NULL,
	"scale_max" integer NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "model_checks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"model_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"maintained" boolean NOT NULL,
	"note" text,
	"checked_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "model_evidence" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"model_id" uuid NOT NULL,
	"title" text NOT NULL,
	"kind" text NOT NULL,
	"storage_key" text,
	"file_name" text,
	"content_type" text,
	"size_bytes" integer,
	"sha256" text,
	"data_key" jsonb,
	"public_storage_key" text,
	"public_data_key" jsonb,
	"ref_type" text,
	"ref_id" text,
	"ref_label" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "report_counter_deltas" (
	"scope" text NOT NULL,
	"child" text NOT NULL,
	"bucket" date NOT NULL,
	"key" text NOT NULL,
	"prev" date DEFAULT '1900-01-01' NOT NULL,
	"n" bigint NOT NULL
);
--> statement-breakpoint
ALTER TABLE "reception_bookings" ALTER COLUMN "name" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "reception_bookings" ALTER COLUMN "phone" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "decision_sent_on" date;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "withdrawn_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "reception_bookings" ADD COLUMN "contact" jsonb;--> statement-breakpoint
ALTER TABLE "case_imports" ADD CONSTRAINT "case_imports_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_imports" ADD CONSTRAINT "case_imports_imported_by_users_id_fk" FOREIGN KEY ("imported_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commitment_evidence" ADD CONSTRAINT "commitment_evidence_update_id_commitment_updates_id_fk" FOREIGN KEY ("update_id") REFERENCES "public"."commitment_updates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commitment_evidence" ADD CONSTRAINT "commitment_evidence_commitment_id_commitments_id_fk" FOREIGN KEY ("commitment_id") REFERENCES "public"."commitments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commitment_updates" ADD CONSTRAINT "commitment_updates_commitment_id_commitments_id_fk" FOREIGN KEY ("commitment_id") REFERENCES "public"."commitments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commitment_updates" ADD CONSTRAINT "commitment_updates_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commitments" ADD CONSTRAINT "commitments_dialogue_id_dialogues_id_fk" FOREIGN KEY ("dialogue_id") REFERENCES "public"."dialogues"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commitments" ADD CONSTRAINT "commitments_issue_id_dialogue_issues_id_fk" FOREIGN KEY ("issue_id") REFERENCES "public"."dialogue_issues"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commitments" ADD CONSTRAINT "commitments_owner_agency_id_agencies_id_fk" FOREIGN KEY ("owner_agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_codes" ADD CONSTRAINT "consultation_codes_consultation_id_consultations_id_fk" FOREIGN KEY ("consultation_id") REFERENCES "public"."consultations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_conferences" ADD CONSTRAINT "consultation_conferences_consultation_id_consultations_id_fk" FOREIGN KEY ("consultation_id") REFERENCES "public"."consultations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_conferences" ADD CONSTRAINT "consultation_conferences_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_conferences" ADD CONSTRAINT "consultation_conferences_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_invitations" ADD CONSTRAINT "consultation_invitations_consultation_id_consultations_id_fk" FOREIGN KEY ("consultation_id") REFERENCES "public"."consultations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_invitations" ADD CONSTRAINT "consultation_invitations_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_respondents" ADD CONSTRAINT "consultation_respondents_consultation_id_consultations_id_fk" FOREIGN KEY ("consultation_id") REFERENCES "public"."consultations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_sections" ADD CONSTRAINT "consultation_sections_consultation_id_consultations_id_fk" FOREIGN KEY ("consultation_id") REFERENCES "public"."consultations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_theme_opinions" ADD CONSTRAINT "consultation_theme_opinions_theme_id_consultation_themes_id_fk" FOREIGN KEY ("theme_id") REFERENCES "public"."consultation_themes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_themes" ADD CONSTRAINT "consultation_themes_consultation_id_consultations_id_fk" FOREIGN KEY ("consultation_id") REFERENCES "public"."consultations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_themes" ADD CONSTRAINT "consultation_themes_section_id_consultation_sections_id_fk" FOREIGN KEY ("section_id") REFERENCES "public"."consultation_sections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_themes" ADD CONSTRAINT "consultation_themes_responded_by_users_id_fk" FOREIGN KEY ("responded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_themes" ADD CONSTRAINT "consultation_themes_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_versions" ADD CONSTRAINT "consultation_versions_consultation_id_consultations_id_fk" FOREIGN KEY ("consultation_id") REFERENCES "public"."consultations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_versions" ADD CONSTRAINT "consultation_versions_imported_by_users_id_fk" FOREIGN KEY ("imported_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultations" ADD CONSTRAINT "consultations_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultations" ADD CONSTRAINT "consultations_published_by_users_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultations" ADD CONSTRAINT "consultations_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dialogue_issues" ADD CONSTRAINT "dialogue_issues_dialogue_id_dialogues_id_fk" FOREIGN KEY ("dialogue_id") REFERENCES "public"."dialogues"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dialogue_issues" ADD CONSTRAINT "dialogue_issues_target_agency_id_agencies_id_fk" FOREIGN KEY ("target_agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dialogue_issues" ADD CONSTRAINT "dialogue_issues_registration_id_dialogue_registrations_id_fk" FOREIGN KEY ("registration_id") REFERENCES "public"."dialogue_registrations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dialogue_issues" ADD CONSTRAINT "dialogue_issues_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dialogue_registrations" ADD CONSTRAINT "dialogue_registrations_dialogue_id_dialogues_id_fk" FOREIGN KEY ("dialogue_id") REFERENCES "public"."dialogues"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dialogue_sessions" ADD CONSTRAINT "dialogue_sessions_dialogue_id_dialogues_id_fk" FOREIGN KEY ("dialogue_id") REFERENCES "public"."dialogues"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dialogue_sessions" ADD CONSTRAINT "dialogue_sessions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dialogues" ADD CONSTRAINT "dialogues_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dialogues" ADD CONSTRAINT "dialogues_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "good_models" ADD CONSTRAINT "good_models_campaign_id_model_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."model_campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "good_models" ADD CONSTRAINT "good_models_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "good_models" ADD CONSTRAINT "good_models_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grassroots_communities" ADD CONSTRAINT "grassroots_communities_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grassroots_households" ADD CONSTRAINT "grassroots_households_community_id_grassroots_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."grassroots_communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grassroots_initiative_signatures" ADD CONSTRAINT "grassroots_initiative_signatures_initiative_id_grassroots_initiatives_id_fk" FOREIGN KEY ("initiative_id") REFERENCES "public"."grassroots_initiatives"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grassroots_initiative_signatures" ADD CONSTRAINT "grassroots_initiative_signatures_household_id_grassroots_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."grassroots_households"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grassroots_initiatives" ADD CONSTRAINT "grassroots_initiatives_community_id_grassroots_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."grassroots_communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grassroots_initiatives" ADD CONSTRAINT "grassroots_initiatives_initiator_household_id_grassroots_households_id_fk" FOREIGN KEY ("initiator_household_id") REFERENCES "public"."grassroots_households"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grassroots_initiatives" ADD CONSTRAINT "grassroots_initiatives_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grassroots_matters" ADD CONSTRAINT "grassroots_matters_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grassroots_matters" ADD CONSTRAINT "grassroots_matters_community_id_grassroots_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."grassroots_communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grassroots_matters" ADD CONSTRAINT "grassroots_matters_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grassroots_meetings" ADD CONSTRAINT "grassroots_meetings_matter_id_grassroots_matters_id_fk" FOREIGN KEY ("matter_id") REFERENCES "public"."grassroots_matters"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grassroots_meetings" ADD CONSTRAINT "grassroots_meetings_community_id_grassroots_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."grassroots_communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grassroots_meetings" ADD CONSTRAINT "grassroots_meetings_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grassroots_recommendations" ADD CONSTRAINT "grassroots_recommendations_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grassroots_recommendations" ADD CONSTRAINT "grassroots_recommendations_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grassroots_roll" ADD CONSTRAINT "grassroots_roll_matter_id_grassroots_matters_id_fk" FOREIGN KEY ("matter_id") REFERENCES "public"."grassroots_matters"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grassroots_roll" ADD CONSTRAINT "grassroots_roll_household_id_grassroots_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."grassroots_households"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grassroots_roll" ADD CONSTRAINT "grassroots_roll_community_id_grassroots_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."grassroots_communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grassroots_votes" ADD CONSTRAINT "grassroots_votes_matter_id_grassroots_matters_id_fk" FOREIGN KEY ("matter_id") REFERENCES "public"."grassroots_matters"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grassroots_votes" ADD CONSTRAINT "grassroots_votes_household_id_grassroots_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."grassroots_households"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grassroots_votes" ADD CONSTRAINT "grassroots_votes_community_id_grassroots_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."grassroots_communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grassroots_votes" ADD CONSTRAINT "grassroots_votes_meeting_id_grassroots_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."grassroots_meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grassroots_votes" ADD CONSTRAINT "grassroots_votes_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_rows" ADD CONSTRAINT "import_rows_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_templates" ADD CONSTRAINT "import_templates_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_templates" ADD CONSTRAINT "import_templates_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "model_assessments" ADD CONSTRAINT "model_assessments_model_id_good_models_id_fk" FOREIGN KEY ("model_id") REFERENCES "public"."good_models"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "model_assessments" ADD CONSTRAINT "model_assessments_assessor_id_users_id_fk" FOREIGN KEY ("assessor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "model_assessments" ADD CONSTRAINT "model_assessments_assessor_agency_id_agencies_id_fk" FOREIGN KEY ("assessor_agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "model_campaigns" ADD CONSTRAINT "model_campaigns_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "model_campaigns" ADD CONSTRAINT "model_campaigns_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "model_checks" ADD CONSTRAINT "model_checks_model_id_good_models_id_fk" FOREIGN KEY ("model_id") REFERENCES "public"."good_models"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "model_checks" ADD CONSTRAINT "model_checks_checked_by_users_id_fk" FOREIGN KEY ("checked_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "model_evidence" ADD CONSTRAINT "model_evidence_model_id_good_models_id_fk" FOREIGN KEY ("model_id") REFERENCES "public"."good_models"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "model_evidence" ADD CONSTRAINT "model_evidence_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "case_imports_file_uq" ON "case_imports" USING btree ("agency_id","file_sha256");--> statement-breakpoint
CREATE INDEX "commitment_evidence_commitment_idx" ON "commitment_evidence" USING btree ("commitment_id");--> statement-breakpoint
CREATE INDEX "commitment_updates_commitment_idx" ON "commitment_updates" USING btree ("commitment_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "commitments_code_uq" ON "commitments" USING btree ("code");--> statement-breakpoint
CREATE INDEX "commitments_path_idx" ON "commitments" USING btree ("agency_path");--> statement-breakpoint
CREATE INDEX "commitments_owner_idx" ON "commitments" USING btree ("owner_agency_path");--> statement-breakpoint
CREATE INDEX "commitments_due_idx" ON "commitments" USING btree ("status","due_on");--> statement-breakpoint
CREATE INDEX "consultation_codes_person_idx" ON "consultation_codes" USING btree ("consultation_id","person_key","created_at");--> statement-breakpoint
CREATE INDEX "consultation_conferences_c_idx" ON "consultation_conferences" USING btree ("consultation_id");--> statement-breakpoint
CREATE UNIQUE INDEX "consultation_invitations_uq" ON "consultation_invitations" USING btree ("consultation_id","agency_id");--> statement-breakpoint
CREATE INDEX "consultation_opinions_section_idx" ON "consultation_opinions" USING btree ("consultation_id","section_id","status");--> statement-breakpoint
CREATE INDEX "consultation_opinions_id_idx" ON "consultation_opinions" USING btree ("id");--> statement-breakpoint
CREATE UNIQUE INDEX "consultation_sections_key_uq" ON "consultation_sections" USING btree ("consultation_id","key","first_version");--> statement-breakpoint
CREATE INDEX "consultation_sections_current_idx" ON "consultation_sections" USING btree ("consultation_id","last_version","ord");--> statement-breakpoint
CREATE INDEX "consultation_themes_c_idx" ON "consultation_themes" USING btree ("consultation_id");--> statement-breakpoint
CREATE INDEX "consultations_path_idx" ON "consultations" USING btree ("agency_path");--> statement-breakpoint
CREATE INDEX "consultations_status_idx" ON "consultations" USING btree ("status","closes_on");--> statement-breakpoint
CREATE INDEX "dialogue_issues_dialogue_idx" ON "dialogue_issues" USING btree ("dialogue_id","seq");--> statement-breakpoint
CREATE INDEX "dialogue_issues_case_idx" ON "dialogue_issues" USING btree ("case_id");--> statement-breakpoint
CREATE UNIQUE INDEX "dialogue_registrations_code_uq" ON "dialogue_registrations" USING btree ("code");--> statement-breakpoint
CREATE UNIQUE INDEX "dialogue_registrations_idem_uq" ON "dialogue_registrations" USING btree ("idempotency_key_hash");--> statement-breakpoint
CREATE INDEX "dialogue_registrations_dialogue_idx" ON "dialogue_registrations" USING btree ("dialogue_id");--> statement-breakpoint
CREATE INDEX "dialogue_sessions_dialogue_idx" ON "dialogue_sessions" USING btree ("dialogue_id");--> statement-breakpoint
CREATE UNIQUE INDEX "dialogues_code_uq" ON "dialogues" USING btree ("code");--> statement-breakpoint
CREATE INDEX "dialogues_path_idx" ON "dialogues" USING btree ("agency_path","planned_on");--> statement-breakpoint
CREATE INDEX "good_models_agency_path_idx" ON "good_models" USING btree ("agency_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "good_models_campaign_idx" ON "good_models" USING btree ("campaign_id");--> statement-breakpoint
CREATE INDEX "good_models_status_year_idx" ON "good_models" USING btree ("status","year");--> statement-breakpoint
CREATE INDEX "good_models_replicated_from_idx" ON "good_models" USING btree ("replicated_from_id");--> statement-breakpoint
CREATE UNIQUE INDEX "grassroots_communities_code_uq" ON "grassroots_communities" USING btree ("agency_id","code");--> statement-breakpoint
CREATE INDEX "grassroots_communities_path_idx" ON "grassroots_communities" USING btree ("agency_path" text_pattern_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "grassroots_households_code_uq" ON "grassroots_households" USING btree ("community_id","code");--> statement-breakpoint
CREATE UNIQUE INDEX "grassroots_households_person_uq" ON "grassroots_households" USING btree ("community_id","person_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "grassroots_households_voting_code_uq" ON "grassroots_households" USING btree ("voting_code_hash");--> statement-breakpoint
CREATE INDEX "grassroots_initiatives_community_idx" ON "grassroots_initiatives" USING btree ("community_id");--> statement-breakpoint
CREATE INDEX "grassroots_matters_path_idx" ON "grassroots_matters" USING btree ("agency_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "grassroots_matters_community_idx" ON "grassroots_matters" USING btree ("community_id");--> statement-breakpoint
CREATE INDEX "grassroots_meetings_matter_idx" ON "grassroots_meetings" USING btree ("matter_id");--> statement-breakpoint
CREATE INDEX "grassroots_recommendations_path_idx" ON "grassroots_recommendations" USING btree ("agency_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "grassroots_roll_community_idx" ON "grassroots_roll" USING btree ("matter_id","community_id");--> statement-breakpoint
CREATE INDEX "grassroots_votes_community_idx" ON "grassroots_votes" USING btree ("matter_id","community_id");--> statement-breakpoint
CREATE INDEX "import_rows_key_idx" ON "import_rows" USING btree ("agency_id","target","row_key");--> statement-breakpoint
CREATE INDEX "import_rows_import_idx" ON "import_rows" USING btree ("import_id");--> statement-breakpoint
CREATE UNIQUE INDEX "import_templates_uq" ON "import_templates" USING btree ("agency_id","target","signature");--> statement-breakpoint
CREATE UNIQUE INDEX "model_assessments_uq" ON "model_assessments" USING btree ("model_id","assessor_id");--> statement-breakpoint
CREATE INDEX "model_campaigns_agency_path_idx" ON "model_campaigns" USING btree ("agency_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "model_campaigns_year_idx" ON "model_campaigns" USING btree ("from_year");--> statement-breakpoint
CREATE UNIQUE INDEX "model_checks_uq" ON "model_checks" USING btree ("model_id","year");--> statement-breakpoint
CREATE INDEX "model_evidence_model_idx" ON "model_evidence" USING btree ("model_id");--> statement-breakpoint
CREATE UNIQUE INDEX "model_evidence_ref_uq" ON "model_evidence" USING btree ("model_id","ref_type","ref_id");
--> statement-breakpoint
-- hand-written (perf)
-- Counter writes append deltas instead of updating report_counters in place (docs/adr/0010-report-performance.md,
-- amendment 2026-12): the national scope's rows were updated by every write of the country and held until its
-- commit, so every write queued behind the one before it. Readers sum report_counters and report_counter_deltas in
-- one statement; report_counters_fold() moves the deltas into report_counters in one transaction.
CREATE OR REPLACE FUNCTION report_counters_add(flows report_flow[]) RETURNS void
LANGUAGE sql AS $$
  INSERT INTO report_counter_deltas (scope, child, bucket, key, prev, n)
  SELECT s.scope, s.child, report_bucket(f.day), f.key, f.prev, sum(f.n)
  FROM unnest(flows) AS f
  CROSS JOIN LATERAL report_scopes(f.agency_path) s
  GROUP BY 1, 2, 3, 4, 5
  HAVING sum(f.n) <> 0
$$;
--> statement-breakpoint
-- Moves the committed deltas into report_counters; returns how many delta rows it moved. Safe beside writers (it
-- deletes only the rows its snapshot sees; later deltas stay for the next fold) and beside another fold (a row
-- already deleted by the other is skipped).
CREATE FUNCTION report_counters_fold() RETURNS integer
LANGUAGE sql AS $$
  WITH d AS (DELETE FROM report_counter_deltas RETURNING scope, child, bucket, key, prev, n),
  up AS (
    INSERT INTO report_counters AS rc (scope, child, bucket, key, prev, n)
    SELECT scope, child, bucket, key, prev, sum(n) FROM d GROUP BY 1, 2, 3, 4, 5 HAVING sum(n) <> 0
    ON CONFLICT (scope, bucket, key, child, prev) DO UPDATE SET n = rc.n + excluded.n
    RETURNING 1
  )
  SELECT count(*)::integer FROM d
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION report_counters_rebuild() RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM report_counters;
  DELETE FROM report_counter_deltas;
  DELETE FROM report_visit_buckets;
  INSERT INTO report_visit_buckets (case_id, agency_path, class, bucket, n)
  SELECT v.case_id, v.agency_path, c.class, report_bucket(v.visited_on), count(*)
  FROM visits v
  LEFT JOIN reception_sessions rs ON rs.id = v.session_id
  CROSS JOIN LATERAL (VALUES ('all'), (report_session_class(rs.kind))) AS c(class)
  WHERE v.case_id IS NOT NULL
  GROUP BY 1, 2, 3, 4;
  -- Two stages: flows summed per agency and half-month first, then spread over the scopes.
  CREATE TEMP TABLE report_rebuild_flows AS
    SELECT x.agency_path, report_bucket(f.day) AS bucket, f.key, DATE '1900-01-01' AS prev, sum(f.n)::bigint AS n
    FROM cases x CROSS JOIN LATERAL report_case_flows(x) f GROUP BY 1, 2, 3;
  INSERT INTO report_rebuild_flows
    SELECT x.agency_path, report_bucket(f.day), f.key, DATE '1900-01-01', sum(f.n)
    FROM visits x LEFT JOIN reception_sessions rs ON rs.id = x.session_id CROSS JOIN LATERAL report_visit_flows(x, rs.kind) f GROUP BY 1, 2, 3;
  INSERT INTO report_rebuild_flows
    SELECT p.agency_path, report_bucket(p.received_on), k.key, DATE '1900-01-01', count(*)
    FROM petitions p CROSS JOIN LATERAL (VALUES ('xld.petitions'), ('xld.channel.' || p.channel)) AS k(key) GROUP BY 1, 2, 3;
  INSERT INTO report_rebuild_flows
    SELECT m.agency_path, m.bucket, m.key, m.prev, count(*)
    FROM (
      SELECT d.agency_path, d.bucket,
             CASE d.class WHEN 'all' THEN 'tcd.cases' ELSE 'tcd.' || d.class || '.cases' END AS key,
             coalesce(lag(d.bucket) OVER (PARTITION BY d.case_id, d.agency_path, d.class ORDER BY d.bucket), DATE '1900-01-01') AS prev
      FROM report_visit_buckets d
    ) m GROUP BY 1, 2, 3, 4;
  INSERT INTO report_counters (scope, child, bucket, key, prev, n)
  SELECT s.scope, s.child, f.bucket, f.key, f.prev, sum(f.n)
  FROM report_rebuild_flows f
  CROSS JOIN LATERAL report_scopes(f.agency_path) s
  GROUP BY 1, 2, 3, 4, 5;
  DROP TABLE report_rebuild_flows;
END
$$;
--> statement-breakpoint
-- The audit chain's final append in one statement (docs/adr/0005-audit-hash-chain.md, amendment 2026-12): the chain
-- lock, the head, the ids and the rows, with no round trip to the application while the lock is held. The caller
-- (server/src/modules/audit/write-audit.ts) sends each row with its canonical JSON cut around the id, which only
-- this function knows: hash = sha256(prev_hash || '\n' || pre || id || post), exactly auditRowHash().
CREATE FUNCTION audit_append(entries jsonb) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  prev text;
  e jsonb;
  new_id bigint;
  h text;
BEGIN
  PERFORM pg_advisory_xact_lock(4210001);
  -- A new statement after the lock: its snapshot sees the previous holder's committed row.
  SELECT a.hash INTO prev FROM audit_log a ORDER BY a.id DESC LIMIT 1;
  prev := coalesce(prev, repeat('0', 64));
  FOR e IN SELECT x.value FROM jsonb_array_elements(entries) WITH ORDINALITY AS x(value, i) ORDER BY x.i LOOP
    new_id := nextval(pg_get_serial_sequence('audit_log', 'id'));
    h := encode(sha256(convert_to(prev || E'\n' || (e->>'pre') || new_id::text || (e->>'post'), 'UTF8')), 'hex');
    INSERT INTO audit_log (id, at, actor_id, actor_name, agency_id, entity, entity_id, case_id, action, summary, before, after, prev_hash, hash)
    VALUES (new_id, (e->>'at')::timestamptz, (e->>'actorId')::uuid, e->>'actorName', (e->>'agencyId')::uuid, e->>'entity', e->>'entityId',
            (e->>'caseId')::uuid, e->>'action', e->>'summary', nullif(e->'before', 'null'::jsonb), nullif(e->'after', 'null'::jsonb), prev, h);
    prev := h;
  END LOOP;
END
$$;

--> statement-breakpoint
-- hand-written (good-models)
-- Integrity the use cases already keep, enforced by the database too (docs/adr/0014-good-models.md).
ALTER TABLE "good_models" ADD CONSTRAINT "good_models_status_ck" CHECK ("status" IN ('registered', 'self-assessed', 'assessed', 'recognized', 'returned'));--> statement-breakpoint
ALTER TABLE "good_models" ADD CONSTRAINT "good_models_kind_ck" CHECK ("kind" IN ('model', 'exemplar'));--> statement-breakpoint
ALTER TABLE "good_models" ADD CONSTRAINT "good_models_recognized_ck" CHECK (("status" = 'recognized') = ("recognized_on" IS NOT NULL AND "level" IS NOT NULL));--> statement-breakpoint
ALTER TABLE "model_campaigns" ADD CONSTRAINT "model_campaigns_years_ck" CHECK ("to_year" >= "from_year" AND "to_year" - "from_year" <= 5 AND "period_kind" IN ('year', 'review'));--> statement-breakpoint
ALTER TABLE "model_evidence" ADD CONSTRAINT "model_evidence_content_ck" CHECK ("storage_key" IS NOT NULL OR "ref_id" IS NOT NULL);

--> statement-breakpoint
-- hand-written (grassroots)
ALTER TABLE "grassroots_votes" ADD CONSTRAINT "grassroots_votes_form_ck" CHECK ("form" in ('meeting', 'paper', 'online'));--> statement-breakpoint
ALTER TABLE "grassroots_votes" ADD CONSTRAINT "grassroots_votes_choice_ck" CHECK ("choice" is null or "choice" in ('agree', 'disagree', 'other'));--> statement-breakpoint
ALTER TABLE "grassroots_matters" ADD CONSTRAINT "grassroots_matters_item_ck" CHECK ("item" between 1 and 6);

--> statement-breakpoint
-- hand-written (consultation)
ALTER TABLE "consultation_opinions" ADD CONSTRAINT "consultation_opinions_stance_ck" CHECK ("stance" in ('approve', 'disapprove', 'partly'));--> statement-breakpoint
ALTER TABLE "consultation_opinions" ADD CONSTRAINT "consultation_opinions_channel_ck" CHECK ("channel" in ('portal', 'assisted', 'written', 'conference'));--> statement-breakpoint
ALTER TABLE "consultation_opinions" ADD CONSTRAINT "consultation_opinions_status_ck" CHECK ("status" in ('counted', 'replaced', 'spoken-only'));--> statement-breakpoint
ALTER TABLE "consultation_opinions" ADD CONSTRAINT "consultation_opinions_text_ck" CHECK ("stance" = 'approve' or length(coalesce("text", '')) > 0);--> statement-breakpoint
ALTER TABLE "consultation_themes" ADD CONSTRAINT "consultation_themes_explained_ck" CHECK ("outcome" is null or "outcome" = 'accepted' and not coalesce("departs_from_majority", false) or length(coalesce("explanation", '')) > 0);
