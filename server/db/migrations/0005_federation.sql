CREATE TABLE "federation_counter_rows" (
	"instance_id" text NOT NULL,
	"scope" text NOT NULL,
	"child" text NOT NULL,
	"bucket" date NOT NULL,
	"key" text NOT NULL,
	"prev" date DEFAULT '1900-01-01' NOT NULL,
	"n" bigint NOT NULL,
	CONSTRAINT "federation_counter_rows_instance_id_scope_bucket_key_child_prev_pk" PRIMARY KEY("instance_id","scope","bucket","key","child","prev")
);
--> statement-breakpoint
CREATE TABLE "federation_instances" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"base_url" text NOT NULL,
	"agency_codes" jsonb NOT NULL,
	"keys" jsonb NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"registered_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "federation_own_keys" (
	"kid" text PRIMARY KEY NOT NULL,
	"public_sig" jsonb NOT NULL,
	"public_enc" jsonb NOT NULL,
	"private_keys" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"retired_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "federation_packages" (
	"id" uuid NOT NULL,
	"direction" text NOT NULL,
	"type" text NOT NULL,
	"peer_instance" text NOT NULL,
	"from_agency" text NOT NULL,
	"to_agency" text NOT NULL,
	"document_no" text NOT NULL,
	"document_date" date NOT NULL,
	"case_id" uuid,
	"refers_to" uuid,
	"body" text NOT NULL,
	"status" text NOT NULL,
	"remote_status" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone,
	"last_error" text,
	"acked_at" timestamp with time zone,
	"ack" text,
	"return_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "federation_packages_direction_id_pk" PRIMARY KEY("direction","id")
);
--> statement-breakpoint
CREATE TABLE "federation_snapshots" (
	"instance_id" text PRIMARY KEY NOT NULL,
	"as_of" timestamp with time zone NOT NULL,
	"kid" text NOT NULL,
	"rows" integer NOT NULL,
	"sha256" text NOT NULL,
	"pulled_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "federation_instances" ADD CONSTRAINT "federation_instances_registered_by_users_id_fk" FOREIGN KEY ("registered_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "federation_packages_due_idx" ON "federation_packages" USING btree ("direction","status","next_attempt_at");--> statement-breakpoint
CREATE INDEX "federation_packages_case_idx" ON "federation_packages" USING btree ("case_id");