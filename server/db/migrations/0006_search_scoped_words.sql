-- Custom SQL migration file, put your code below! --
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
