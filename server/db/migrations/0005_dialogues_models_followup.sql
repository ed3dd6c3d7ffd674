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
ALTER TABLE "model_awards" ADD CONSTRAINT "model_awards_model_id_good_models_id_fk" FOREIGN KEY ("model_id") REFERENCES "public"."good_models"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "model_awards" ADD CONSTRAINT "model_awards_issuer_agency_id_agencies_id_fk" FOREIGN KEY ("issuer_agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "model_awards" ADD CONSTRAINT "model_awards_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "dialogue_attachments_dialogue_idx" ON "dialogue_attachments" USING btree ("dialogue_id");--> statement-breakpoint
CREATE UNIQUE INDEX "dialogue_dispatches_uq" ON "dialogue_dispatches" USING btree ("dialogue_id","head_id","what","channel");--> statement-breakpoint
CREATE UNIQUE INDEX "dialogue_requests_code_uq" ON "dialogue_requests" USING btree ("code");--> statement-breakpoint
CREATE INDEX "dialogue_requests_path_idx" ON "dialogue_requests" USING btree ("agency_path","requested_on");--> statement-breakpoint
CREATE UNIQUE INDEX "dialogue_village_heads_uq" ON "dialogue_village_heads" USING btree ("agency_id","village");--> statement-breakpoint
CREATE INDEX "dialogue_village_heads_path_idx" ON "dialogue_village_heads" USING btree ("agency_path");--> statement-breakpoint
CREATE UNIQUE INDEX "model_awards_decision_uq" ON "model_awards" USING btree ("model_id","decision_no");--> statement-breakpoint
CREATE INDEX "model_awards_model_idx" ON "model_awards" USING btree ("model_id");