CREATE TABLE "duplicate_links" (
	"case_id" uuid PRIMARY KEY NOT NULL,
	"matter_case_id" uuid NOT NULL,
	"previous" jsonb,
	"linked_by" uuid NOT NULL,
	"linked_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "matter_entities" (
	"case_id" uuid NOT NULL,
	"entity" text NOT NULL,
	"value" text NOT NULL,
	"agency_path" text NOT NULL,
	CONSTRAINT "matter_entities_case_id_entity_value_pk" PRIMARY KEY("case_id","entity","value")
);
--> statement-breakpoint
CREATE TABLE "search_docs" (
	"id" uuid PRIMARY KEY NOT NULL,
	"record_type" text NOT NULL,
	"case_id" uuid,
	"agency_id" uuid NOT NULL,
	"agency_path" text NOT NULL,
	"kind" text NOT NULL,
	"day" date NOT NULL,
	"content" text NOT NULL,
	"names" text,
	"names_folded" text,
	"folded" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "duplicate_links" ADD CONSTRAINT "duplicate_links_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "duplicate_links" ADD CONSTRAINT "duplicate_links_matter_case_id_cases_id_fk" FOREIGN KEY ("matter_case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "duplicate_links" ADD CONSTRAINT "duplicate_links_linked_by_users_id_fk" FOREIGN KEY ("linked_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matter_entities" ADD CONSTRAINT "matter_entities_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "search_docs" ADD CONSTRAINT "search_docs_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "search_docs" ADD CONSTRAINT "search_docs_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "duplicate_links_matter_idx" ON "duplicate_links" USING btree ("matter_case_id");--> statement-breakpoint
CREATE INDEX "matter_entities_value_idx" ON "matter_entities" USING btree ("entity","value");--> statement-breakpoint
CREATE INDEX "search_docs_agency_path_idx" ON "search_docs" USING btree ("agency_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "search_docs_case_idx" ON "search_docs" USING btree ("case_id");--> statement-breakpoint
-- hand-written (search)
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION danvan_fold(t text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ select btrim(regexp_replace(lower(translate(coalesce(t, ''), 'àÀáÁãÃảẢạẠAằẰắẮẵẴẳẲặẶăĂầẦấẤẫẪẩẨậẬâÂèÈéÉẽẼẻẺẹẸEềỀếẾễỄểỂệỆêÊìÌíÍĩĨỉỈịỊIòÒóÓõÕỏỎọỌOồỒốỐỗỖổỔộỘôÔờỜớỚỡỠởỞợỢơƠùÙúÚũŨủỦụỤUừỪứỨữỮửỬựỰưƯỳỲýÝỹỸỷỶỵỴYđĐ', 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaeeeeeeeeeeeeeeeeeeeeeeeiiiiiiiiiiiooooooooooooooooooooooooooooooooooouuuuuuuuuuuuuuuuuuuuuuuyyyyyyyyyyydd')), '[^a-z0-9]+', ' ', 'g')) $$;
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS search_docs_folded_trgm ON search_docs USING gin (folded gin_trgm_ops);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS search_docs_names_trgm ON search_docs USING gin (names_folded gin_trgm_ops);
--> statement-breakpoint
INSERT INTO search_docs (id, record_type, case_id, agency_id, agency_path, kind, day, content, names, names_folded, folded)
SELECT c.id, 'case', c.id, c.agency_id, c.agency_path, c.kind, c.received_on, c.content,
       CASE WHEN c.kind = 'denunciation' THEN NULL ELSE c.petitioner_name END,
       CASE WHEN c.kind = 'denunciation' THEN NULL ELSE danvan_fold(c.petitioner_name) END,
       danvan_fold(c.code || ' ' || c.content)
FROM cases c ON CONFLICT (id) DO NOTHING;
--> statement-breakpoint
INSERT INTO search_docs (id, record_type, case_id, agency_id, agency_path, kind, day, content, names, names_folded, folded)
SELECT v.id, 'visit', v.case_id, v.agency_id, v.agency_path, v.kind, v.visited_on, v.content,
       CASE WHEN v.kind = 'denunciation' THEN NULL ELSE v.citizen_name END,
       CASE WHEN v.kind = 'denunciation' THEN NULL ELSE danvan_fold(v.citizen_name) END,
       danvan_fold(v.content)
FROM visits v ON CONFLICT (id) DO NOTHING;
--> statement-breakpoint
INSERT INTO search_docs (id, record_type, case_id, agency_id, agency_path, kind, day, content, names, names_folded, folded)
SELECT p.id, 'petition', p.case_id, p.agency_id, p.agency_path, p.kind, p.received_on, p.content,
       CASE WHEN p.kind = 'denunciation' THEN NULL ELSE p.petitioner_name END,
       CASE WHEN p.kind = 'denunciation' THEN NULL ELSE danvan_fold(p.petitioner_name) END,
       danvan_fold(p.content)
FROM petitions p ON CONFLICT (id) DO NOTHING;
