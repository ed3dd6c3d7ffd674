ALTER TABLE "sealed_identities" ADD COLUMN "person_hash" text;--> statement-breakpoint
CREATE INDEX "sealed_identities_person_hash_idx" ON "sealed_identities" USING btree ("person_hash");