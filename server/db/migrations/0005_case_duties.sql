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
ALTER TABLE "case_duties" ADD CONSTRAINT "case_duties_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_duties" ADD CONSTRAINT "case_duties_visit_id_visits_id_fk" FOREIGN KEY ("visit_id") REFERENCES "public"."visits"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_duties" ADD CONSTRAINT "case_duties_done_by_users_id_fk" FOREIGN KEY ("done_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "case_duties_case_idx" ON "case_duties" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "case_duties_due_idx" ON "case_duties" USING btree ("due_on");