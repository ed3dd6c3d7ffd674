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
CREATE INDEX "grassroots_board_plans_path_idx" ON "grassroots_board_plans" USING btree ("agency_path" text_pattern_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "grassroots_conferences_year_uq" ON "grassroots_conferences" USING btree ("community_id","year");--> statement-breakpoint
CREATE INDEX "grassroots_conferences_path_idx" ON "grassroots_conferences" USING btree ("agency_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "grassroots_notices_matter_idx" ON "grassroots_notices" USING btree ("matter_id","community_id");--> statement-breakpoint
CREATE INDEX "grassroots_publications_path_idx" ON "grassroots_publications" USING btree ("agency_path" text_pattern_ops,"posted_on");