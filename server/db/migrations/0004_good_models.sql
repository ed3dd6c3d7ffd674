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
ALTER TABLE "good_models" ADD CONSTRAINT "good_models_campaign_id_model_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."model_campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "good_models" ADD CONSTRAINT "good_models_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "good_models" ADD CONSTRAINT "good_models_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "model_assessments" ADD CONSTRAINT "model_assessments_model_id_good_models_id_fk" FOREIGN KEY ("model_id") REFERENCES "public"."good_models"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "model_assessments" ADD CONSTRAINT "model_assessments_assessor_id_users_id_fk" FOREIGN KEY ("assessor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "model_assessments" ADD CONSTRAINT "model_assessments_assessor_agency_id_agencies_id_fk" FOREIGN KEY ("assessor_agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "model_campaigns" ADD CONSTRAINT "model_campaigns_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "model_campaigns" ADD CONSTRAINT "model_campaigns_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "model_checks" ADD CONSTRAINT "model_checks_model_id_good_models_id_fk" FOREIGN KEY ("model_id") REFERENCES "public"."good_models"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "model_checks" ADD CONSTRAINT "model_checks_checked_by_users_id_fk" FOREIGN KEY ("checked_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "model_evidence" ADD CONSTRAINT "model_evidence_model_id_good_models_id_fk" FOREIGN KEY ("model_id") REFERENCES "public"."good_models"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "model_evidence" ADD CONSTRAINT "model_evidence_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "good_models_agency_path_idx" ON "good_models" USING btree ("agency_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "good_models_campaign_idx" ON "good_models" USING btree ("campaign_id");--> statement-breakpoint
CREATE INDEX "good_models_status_year_idx" ON "good_models" USING btree ("status","year");--> statement-breakpoint
CREATE INDEX "good_models_replicated_from_idx" ON "good_models" USING btree ("replicated_from_id");--> statement-breakpoint
CREATE UNIQUE INDEX "model_assessments_uq" ON "model_assessments" USING btree ("model_id","assessor_id");--> statement-breakpoint
CREATE INDEX "model_campaigns_agency_path_idx" ON "model_campaigns" USING btree ("agency_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "model_campaigns_year_idx" ON "model_campaigns" USING btree ("from_year");--> statement-breakpoint
CREATE UNIQUE INDEX "model_checks_uq" ON "model_checks" USING btree ("model_id","year");--> statement-breakpoint
CREATE INDEX "model_evidence_model_idx" ON "model_evidence" USING btree ("model_id");--> statement-breakpoint
CREATE UNIQUE INDEX "model_evidence_ref_uq" ON "model_evidence" USING btree ("model_id","ref_type","ref_id");--> statement-breakpoint
-- hand-written (good-models)
-- Integrity the use cases already keep, enforced by the database too (docs/adr/0012-good-models.md).
ALTER TABLE "good_models" ADD CONSTRAINT "good_models_status_ck" CHECK ("status" IN ('registered', 'self-assessed', 'assessed', 'recognized', 'returned'));--> statement-breakpoint
ALTER TABLE "good_models" ADD CONSTRAINT "good_models_kind_ck" CHECK ("kind" IN ('model', 'exemplar'));--> statement-breakpoint
ALTER TABLE "good_models" ADD CONSTRAINT "good_models_recognized_ck" CHECK (("status" = 'recognized') = ("recognized_on" IS NOT NULL AND "level" IS NOT NULL));--> statement-breakpoint
ALTER TABLE "model_campaigns" ADD CONSTRAINT "model_campaigns_years_ck" CHECK ("to_year" >= "from_year" AND "to_year" - "from_year" <= 5 AND "period_kind" IN ('year', 'review'));--> statement-breakpoint
ALTER TABLE "model_evidence" ADD CONSTRAINT "model_evidence_content_ck" CHECK ("storage_key" IS NOT NULL OR "ref_id" IS NOT NULL);
