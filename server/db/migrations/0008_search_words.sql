-- hand-written (search: one province-keyed word index for the search box and same-matter detection, issue 18 item 5)
-- searchRecords matched every term with LIKE on the trigram index of the whole country and ranked every match of the
-- scope: at 10,000,000 cases p50 553–584 ms (docs/bench/2026-12-06-search-10M.txt), the posting list of a common
-- trigram being the country's (1,250,000 entries for '%tro%'). Here each folded word of a search document is
-- prefixed by the second segment of its agency path (the province, a ministry; 'root' for the national root's own
-- records) with 'x' for the text and 'n' for the names, e.g. '01xthua', '01nnguyen': a posting list is one
-- province's, and names are matched only when the query asks for them (never a monitor's search; a denunciation's
-- documents carry no names). The same lexemes 'px<word>' as danvan_scoped_words (migration 0006), so
-- findSimilarMatters' word stage uses this index too and the partial index of 0006 goes; the trigram index of the
-- names goes with the LIKE on names (ADR 0022 amendment 2026-12-06, second). One more lexeme per document, the
-- province and the month of its day ('01m202612'): when more than 1,000 records match, the search box takes the
-- most recent months first without reading the older matches.
CREATE OR REPLACE FUNCTION danvan_search_words(agency_path text, folded text, names_folded text, day date) RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ select to_tsvector('simple'::regconfig, regexp_replace(coalesce(folded, ''), '([a-z0-9]+)', lower(coalesce(nullif(split_part(agency_path, '/', 2), ''), 'root')) || 'x\1', 'g') || ' ' || regexp_replace(coalesce(names_folded, ''), '([a-z0-9]+)', lower(coalesce(nullif(split_part(agency_path, '/', 2), ''), 'root')) || 'n\1', 'g') || ' ' || coalesce(lower(coalesce(nullif(split_part(agency_path, '/', 2), ''), 'root')) || 'm' || (extract(year from day) * 100 + extract(month from day))::int::text, '')) $$;
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS search_docs_words ON search_docs USING gin (danvan_search_words(agency_path, folded, names_folded, day));
--> statement-breakpoint
DROP INDEX IF EXISTS search_docs_scoped_words;
--> statement-breakpoint
DROP INDEX IF EXISTS search_docs_names_trgm;
--> statement-breakpoint
DROP FUNCTION IF EXISTS danvan_scoped_words(text, text);
