ALTER TABLE "cases" ADD COLUMN "chased_agency_id" uuid;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_chased_agency_id_agencies_id_fk" FOREIGN KEY ("chased_agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
-- Report counters (docs/adr/0010-report-performance.md) for the processing decision `chase` (đôn đốc cấp dưới): a
-- chased matter is processed on its closing day, eligible like a guided one, and counted as `xld.chased` (through
-- 'xld.' || jurisdiction). Only report_case_flows changes; the counters are then rebuilt from the records.
CREATE OR REPLACE FUNCTION report_case_flows(c cases) RETURNS TABLE(day date, key text, n integer)
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT v.day, v.key, 1
  FROM (
    SELECT coalesce(c.accepted_on,
                    CASE WHEN c.jurisdiction IN ('forwarded', 'guided', 'chased', 'archived', 'returned') THEN c.closed_on END,
                    CASE WHEN c.outcome IN ('withdrawn', 'terminated') THEN c.decided_on END) AS processed,
           (c.accepted_on IS NOT NULL OR c.jurisdiction IN ('forwarded', 'guided', 'chased')) AS eligible,
           CASE WHEN c.field IS NULL THEN 'unclassified'
                WHEN c.field IN ('dat-dai', 'nha-o', 'chinh-sach-xa-hoi', 'tu-phap', 'tham-nhung', 'hanh-chinh') THEN c.field
                ELSE 'khac' END AS field,
           CASE c.kind WHEN 'complaint' THEN 'gqkn' WHEN 'denunciation' THEN 'gqtc' END AS form,
           (c.kind IN ('complaint', 'denunciation') AND c.jurisdiction = 'own' AND c.accepted_on IS NOT NULL) AS gq
  ) k,
  LATERAL (VALUES
    (c.received_on, 'xld.in'),
    (k.processed, 'xld.out'),
    (CASE WHEN k.eligible THEN k.processed END, 'xld.eligible'),
    (CASE WHEN k.eligible THEN k.processed END, 'xld.kind.' || c.kind),
    (CASE WHEN k.eligible THEN k.processed END, 'xld.field.' || k.field),
    (c.accepted_on, 'xld.accepted'),
    (c.accepted_on, 'xld.accepted.' || c.kind),
    (CASE WHEN c.accepted_on IS NULL AND c.jurisdiction IN ('forwarded', 'guided', 'chased', 'archived', 'returned') THEN c.closed_on END, 'xld.' || c.jurisdiction),
    (CASE WHEN c.accepted_on IS NULL AND c.outcome IN ('withdrawn', 'terminated') THEN c.decided_on END, 'xld.withdrawn'),
    (CASE WHEN k.gq THEN c.accepted_on END, k.form || '.in'),
    (CASE WHEN k.gq AND c.instance = 2 THEN c.accepted_on END, k.form || '.in2'),
    (CASE WHEN k.gq THEN c.decided_on END, k.form || '.out'),
    (CASE WHEN k.gq AND c.instance = 2 THEN c.decided_on END, k.form || '.out2'),
    (CASE WHEN k.gq THEN c.decided_on END,
       k.form || CASE WHEN c.outcome IN ('withdrawn', 'terminated') THEN '.' || c.outcome ELSE '.byDecision' END),
    (CASE WHEN k.gq AND coalesce(c.outcome, '') NOT IN ('withdrawn', 'terminated') THEN c.decided_on END,
       k.form || '.' || CASE c.outcome WHEN 'right' THEN 'right' WHEN 'partly-right' THEN 'partlyRight' WHEN 'wrong' THEN 'wrong'
                                       WHEN 'untrue' THEN 'untrue' WHEN 'uphold' THEN 'upheld' WHEN 'annul' THEN 'annulled'
                                       WHEN 'amend' THEN 'amended' END),
    (CASE WHEN k.gq THEN c.decided_on END,
       k.form || CASE WHEN c.due_at_decision IS NULL OR c.decided_on <= c.due_at_decision THEN '.onTime' ELSE '.late' END)
  ) AS v(day, key)
  WHERE v.day IS NOT NULL AND v.key IS NOT NULL
$$;
--> statement-breakpoint
SELECT report_counters_rebuild();
