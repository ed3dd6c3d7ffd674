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
ALTER TABLE "consultation_clusterings" ADD CONSTRAINT "consultation_clusterings_consultation_id_consultations_id_fk" FOREIGN KEY ("consultation_id") REFERENCES "public"."consultations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_clusterings" ADD CONSTRAINT "consultation_clusterings_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_flags" ADD CONSTRAINT "consultation_flags_consultation_id_consultations_id_fk" FOREIGN KEY ("consultation_id") REFERENCES "public"."consultations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_flags" ADD CONSTRAINT "consultation_flags_reviewed_by_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "consultation_clusterings_c_idx" ON "consultation_clusterings" USING btree ("consultation_id","created_at");--> statement-breakpoint
CREATE INDEX "consultation_flags_c_idx" ON "consultation_flags" USING btree ("consultation_id","status","created_at");--> statement-breakpoint
CREATE INDEX "consultation_flags_opinion_idx" ON "consultation_flags" USING btree ("opinion_id");--> statement-breakpoint
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
