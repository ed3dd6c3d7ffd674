ALTER TABLE "cases" ADD COLUMN "decision_sent_on" date;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "withdrawn_count" integer DEFAULT 0 NOT NULL;