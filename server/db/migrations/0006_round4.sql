CREATE TABLE "consultation_margins" (
	"consultation_id" uuid NOT NULL,
	"section_id" uuid NOT NULL,
	"dim" text NOT NULL,
	"value" text NOT NULL,
	"commune" text DEFAULT '' NOT NULL,
	"stripe" integer DEFAULT 0 NOT NULL,
	"n" bigint NOT NULL,
	CONSTRAINT "consultation_margins_consultation_id_section_id_dim_value_commune_stripe_pk" PRIMARY KEY("consultation_id","section_id","dim","value","commune","stripe")
);
--> statement-breakpoint
-- hand-written (consultation margins): the margins of the consultations that already have counters, folded into stripe 0.
INSERT INTO "consultation_margins" ("consultation_id", "section_id", "dim", "value", "commune", "stripe", "n")
SELECT "consultation_id", "section_id", d.dim, d.value, d.commune, 0, sum(c."n")
  FROM "consultation_counters" c
  CROSS JOIN LATERAL (VALUES ('stance', c."stance", ''), ('channel', c."channel", ''), ('category', c."category", ''), ('age', c."age_band", ''), ('place', c."province_code", c."commune_code")) AS d(dim, value, commune)
 GROUP BY 1, 2, 3, 4, 5
HAVING sum(c."n") <> 0;
--> statement-breakpoint
-- hand-written (search)
-- Same-matter candidates by words within the province (issue 18, ADR 0022 amendment 2026-12-06): each folded word of a
-- search document prefixed by the second segment of its agency path (the province, a ministry; 'root' for the
-- national root's own records), e.g. '01xthoat'. A GIN posting list is then one province's, not the country's: the
-- word stage of findSimilarMatters costs what the province holds.
CREATE OR REPLACE FUNCTION danvan_scoped_words(agency_path text, folded text) RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ select to_tsvector('simple'::regconfig, regexp_replace(coalesce(folded, ''), '([a-z0-9]+)', lower(coalesce(nullif(split_part(agency_path, '/', 2), ''), 'root')) || 'x\1', 'g')) $$;
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS search_docs_scoped_words ON search_docs USING gin (danvan_scoped_words(agency_path, folded)) WHERE record_type = 'case';
--> statement-breakpoint
-- Same facts within the province: (entity, value) then the agency path as a range (LIKE 'VN/01/%' → text_pattern_ops).
CREATE INDEX IF NOT EXISTS matter_entities_scoped ON matter_entities (entity, value, agency_path text_pattern_ops);
