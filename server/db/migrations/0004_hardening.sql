CREATE TABLE "login_throttles" (
	"username_hash" text PRIMARY KEY NOT NULL,
	"failures" integer DEFAULT 0 NOT NULL,
	"locked_until" timestamp with time zone,
	"last_failure_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "reception_bookings" ALTER COLUMN "name" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "reception_bookings" ALTER COLUMN "phone" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "reception_bookings" ADD COLUMN "contact" jsonb;