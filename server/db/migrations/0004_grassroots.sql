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
-- hand-written (grassroots)
ALTER TABLE "grassroots_votes" ADD CONSTRAINT "grassroots_votes_form_ck" CHECK ("form" in ('meeting', 'paper', 'online'));--> statement-breakpoint
ALTER TABLE "grassroots_votes" ADD CONSTRAINT "grassroots_votes_choice_ck" CHECK ("choice" is null or "choice" in ('agree', 'disagree', 'other'));--> statement-breakpoint
ALTER TABLE "grassroots_matters" ADD CONSTRAINT "grassroots_matters_item_ck" CHECK ("item" between 1 and 6);
