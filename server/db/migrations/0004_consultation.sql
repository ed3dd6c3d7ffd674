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
-- hand-written (consultation)
ALTER TABLE "consultation_opinions" ADD CONSTRAINT "consultation_opinions_stance_ck" CHECK ("stance" in ('approve', 'disapprove', 'partly'));--> statement-breakpoint
ALTER TABLE "consultation_opinions" ADD CONSTRAINT "consultation_opinions_channel_ck" CHECK ("channel" in ('portal', 'assisted', 'written', 'conference'));--> statement-breakpoint
ALTER TABLE "consultation_opinions" ADD CONSTRAINT "consultation_opinions_status_ck" CHECK ("status" in ('counted', 'replaced', 'spoken-only'));--> statement-breakpoint
ALTER TABLE "consultation_opinions" ADD CONSTRAINT "consultation_opinions_text_ck" CHECK ("stance" = 'approve' or length(coalesce("text", '')) > 0);--> statement-breakpoint
ALTER TABLE "consultation_themes" ADD CONSTRAINT "consultation_themes_explained_ck" CHECK ("outcome" is null or "outcome" = 'accepted' and not coalesce("departs_from_majority", false) or length(coalesce("explanation", '')) > 0);
