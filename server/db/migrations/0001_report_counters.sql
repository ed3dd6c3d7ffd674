CREATE TABLE "report_counters" (
	"scope" text NOT NULL,
	"child" text NOT NULL,
	"bucket" date NOT NULL,
	"key" text NOT NULL,
	"prev" date DEFAULT '1900-01-01' NOT NULL,
	"n" bigint NOT NULL,
	CONSTRAINT "report_counters_scope_bucket_key_child_prev_pk" PRIMARY KEY("scope","bucket","key","child","prev")
);
--> statement-breakpoint
CREATE TABLE "report_visit_buckets" (
	"case_id" uuid NOT NULL,
	"agency_path" text NOT NULL,
	"class" text NOT NULL,
	"bucket" date NOT NULL,
	"n" integer NOT NULL,
	CONSTRAINT "report_visit_buckets_case_id_agency_path_class_bucket_pk" PRIMARY KEY("case_id","agency_path","class","bucket")
);
--> statement-breakpoint
-- Report counters (docs/adr/0010-report-performance.md). Hand-written SQL that drizzle-kit cannot generate from
-- schema.ts, appended to the generated CREATE TABLEs of this migration. Migrations are append-only: a change to
-- these functions is a new migration (CREATE OR REPLACE …, then select report_counters_rebuild()).
--
-- Every record contributes "flows" (day, key, n) computed from its own columns only: a visit on its visit day, a
-- case on the days it was received, processed, accepted, resolved..., a petition on its day of receipt. Each flow
-- is added to every scope of the record's agency (the ancestors and the agency itself, with the child of the scope
-- it falls under) in its half-month bucket (days 1–14, 15–end). Statement-level triggers apply the difference
-- between the rows after and before each INSERT / UPDATE / DELETE, in the same transaction. Matters (distinct cases
-- among visits) use report_visit_buckets: each half-month a case was visited in contributes one flow keyed with the
-- previous half-month it was visited in, so a range counts a matter once (in its first half-month in the range).
-- The indicator definitions are those of domain/reports/indicators.ts and modules/reports/indicator-sql.ts; the
-- test (seed-national.test.ts) checks counters and on-the-fly aggregation agree on generated data.

CREATE FUNCTION report_bucket(d date) RETURNS date
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN extract(day FROM d) >= 15 THEN date_trunc('month', d)::date + 14 ELSE date_trunc('month', d)::date END
$$;
--> statement-breakpoint
CREATE FUNCTION report_scopes(path text) RETURNS TABLE(scope text, child text)
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT array_to_string(a.p[1:i], '/'), coalesce(a.p[i + 1], '')
  FROM (SELECT string_to_array(path, '/') AS p) a, generate_series(1, cardinality(a.p)) AS i
$$;
--> statement-breakpoint
CREATE FUNCTION report_case_flows(c cases) RETURNS TABLE(day date, key text, n integer)
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT v.day, v.key, 1
  FROM (
    SELECT coalesce(c.accepted_on,
                    CASE WHEN c.jurisdiction IN ('forwarded', 'guided', 'archived', 'returned') THEN c.closed_on END,
                    CASE WHEN c.outcome IN ('withdrawn', 'terminated') THEN c.decided_on END) AS processed,
           (c.accepted_on IS NOT NULL OR c.jurisdiction IN ('forwarded', 'guided')) AS eligible,
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
    (CASE WHEN c.accepted_on IS NULL AND c.jurisdiction IN ('forwarded', 'guided', 'archived', 'returned') THEN c.closed_on END, 'xld.' || c.jurisdiction),
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
CREATE FUNCTION report_session_class(session_kind text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN session_kind IN ('head', 'unscheduled') THEN 'head' ELSE 'regular' END
$$;
--> statement-breakpoint
CREATE FUNCTION report_visit_flows(v visits, session_kind text) RETURNS TABLE(day date, key text, n integer)
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT v.visited_on, x.key, x.n
  FROM (SELECT report_session_class(session_kind) AS s) s,
  LATERAL (VALUES
    ('tcd.visits', 1),
    ('tcd.people', v.people_count),
    (CASE WHEN v.is_delegation THEN 'tcd.delegations' END, 1),
    (CASE WHEN v.is_delegation THEN 'tcd.delegationPeople' END, v.people_count),
    (CASE WHEN v.is_repeat THEN 'tcd.repeat' ELSE 'tcd.firstTime' END, 1),
    ('tcd.' || s.s || '.visits', 1),
    ('tcd.' || s.s || '.people', v.people_count),
    (CASE WHEN v.is_delegation THEN 'tcd.' || s.s || '.delegations' END, 1),
    ('tcd.kind.' || v.kind, 1),
    ('tcd.outcome.' || CASE v.outcome WHEN 'petition-received' THEN 'received' ELSE v.outcome END, 1),
    -- A visit that opened no case is a matter of its own (the others: report_visit_buckets).
    (CASE WHEN v.case_id IS NULL THEN 'tcd.cases' END, 1),
    (CASE WHEN v.case_id IS NULL THEN 'tcd.' || s.s || '.cases' END, 1)
  ) AS x(key, n)
  WHERE x.key IS NOT NULL
$$;
--> statement-breakpoint
CREATE TYPE report_flow AS (agency_path text, day date, key text, prev date, n bigint);
--> statement-breakpoint
-- Adds flows to every scope of their agency, in their half-month (`day` may be any day of it; `prev` is a bucket).
CREATE FUNCTION report_counters_add(flows report_flow[]) RETURNS void
LANGUAGE sql AS $$
  INSERT INTO report_counters AS rc (scope, child, bucket, key, prev, n)
  SELECT s.scope, s.child, report_bucket(f.day), f.key, f.prev, sum(f.n)
  FROM unnest(flows) AS f
  CROSS JOIN LATERAL report_scopes(f.agency_path) s
  GROUP BY 1, 2, 3, 4, 5
  HAVING sum(f.n) <> 0
  ON CONFLICT (scope, bucket, key, child, prev) DO UPDATE SET n = rc.n + excluded.n
$$;
--> statement-breakpoint
-- Matter flows of the given (case, agency) pairs as report_visit_buckets holds them now, times `sign`.
CREATE FUNCTION report_matter_flows(pairs jsonb, sign integer) RETURNS report_flow[]
LANGUAGE sql STABLE AS $$
  SELECT ARRAY(SELECT ROW(m.agency_path, m.day, m.key, m.prev, sign)::report_flow
  FROM (
    SELECT d.agency_path, d.bucket AS day,
           CASE d.class WHEN 'all' THEN 'tcd.cases' ELSE 'tcd.' || d.class || '.cases' END AS key,
           coalesce(lag(d.bucket) OVER (PARTITION BY d.case_id, d.agency_path, d.class ORDER BY d.bucket), DATE '1900-01-01') AS prev
    FROM report_visit_buckets d
    JOIN jsonb_to_recordset(pairs) AS p(case_id uuid, agency_path text) ON p.case_id = d.case_id AND p.agency_path = d.agency_path
  ) m)
$$;
--> statement-breakpoint
CREATE FUNCTION report_visits_apply(added visits[], removed visits[]) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  pairs jsonb;
BEGIN
  -- Plain flows.
  PERFORM report_counters_add(ARRAY(
    SELECT ROW((d.v).agency_path, f.day, f.key, DATE '1900-01-01', sum(d.sign * f.n))::report_flow
    FROM (SELECT a AS v, 1 AS sign FROM unnest(added) AS a UNION ALL SELECT r, -1 FROM unnest(removed) AS r) d
    LEFT JOIN reception_sessions rs ON rs.id = (d.v).session_id
    CROSS JOIN LATERAL report_visit_flows(d.v, rs.kind) f
    GROUP BY (d.v).agency_path, f.day, f.key
    HAVING sum(d.sign * f.n) <> 0));
  -- Matters: take the affected cases' matter flows out, update their visit half-months, put them back.
  SELECT jsonb_agg(DISTINCT jsonb_build_object('case_id', x.case_id, 'agency_path', x.agency_path)) INTO pairs
  FROM (SELECT a.case_id, a.agency_path FROM unnest(added) a UNION ALL SELECT r.case_id, r.agency_path FROM unnest(removed) r) x
  WHERE x.case_id IS NOT NULL;
  IF pairs IS NULL THEN
    RETURN;
  END IF;
  PERFORM report_counters_add(report_matter_flows(pairs, -1));
  INSERT INTO report_visit_buckets AS d (case_id, agency_path, class, bucket, n)
  SELECT x.case_id, x.agency_path, c.class, report_bucket(x.visited_on), sum(x.sign)
  FROM (
    SELECT a.case_id, a.agency_path, a.visited_on, a.session_id, 1 AS sign FROM unnest(added) a WHERE a.case_id IS NOT NULL
    UNION ALL
    SELECT r.case_id, r.agency_path, r.visited_on, r.session_id, -1 FROM unnest(removed) r WHERE r.case_id IS NOT NULL
  ) x
  LEFT JOIN reception_sessions rs ON rs.id = x.session_id
  CROSS JOIN LATERAL (VALUES ('all'), (report_session_class(rs.kind))) AS c(class)
  GROUP BY 1, 2, 3, 4
  HAVING sum(x.sign) <> 0
  ON CONFLICT (case_id, agency_path, class, bucket) DO UPDATE SET n = d.n + excluded.n;
  DELETE FROM report_visit_buckets d
  USING jsonb_to_recordset(pairs) AS p(case_id uuid, agency_path text)
  WHERE d.case_id = p.case_id AND d.agency_path = p.agency_path AND d.n <= 0;
  PERFORM report_counters_add(report_matter_flows(pairs, 1));
END
$$;
--> statement-breakpoint
CREATE FUNCTION report_cases_apply(added cases[], removed cases[]) RETURNS void
LANGUAGE sql AS $$
  SELECT report_counters_add(ARRAY(
    SELECT ROW((d.c).agency_path, f.day, f.key, DATE '1900-01-01', sum(d.sign * f.n))::report_flow
    FROM (SELECT a AS c, 1 AS sign FROM unnest(added) AS a UNION ALL SELECT r, -1 FROM unnest(removed) AS r) d
    CROSS JOIN LATERAL report_case_flows(d.c) f
    GROUP BY (d.c).agency_path, f.day, f.key
    HAVING sum(d.sign * f.n) <> 0))
$$;
--> statement-breakpoint
CREATE FUNCTION report_petitions_apply(added petitions[], removed petitions[]) RETURNS void
LANGUAGE sql AS $$
  SELECT report_counters_add(ARRAY(
    SELECT ROW((d.p).agency_path, (d.p).received_on, k.key, DATE '1900-01-01', sum(d.sign))::report_flow
    FROM (SELECT a AS p, 1 AS sign FROM unnest(added) AS a UNION ALL SELECT r, -1 FROM unnest(removed) AS r) d
    CROSS JOIN LATERAL (VALUES ('xld.petitions'), ('xld.channel.' || (d.p).channel)) AS k(key)
    GROUP BY (d.p).agency_path, (d.p).received_on, k.key
    HAVING sum(d.sign) <> 0))
$$;
--> statement-breakpoint
CREATE FUNCTION report_counters_trigger() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'cases' THEN
    IF TG_OP = 'INSERT' THEN PERFORM report_cases_apply(ARRAY(SELECT x::cases FROM new_rows x), '{}'::cases[]);
    ELSIF TG_OP = 'UPDATE' THEN PERFORM report_cases_apply(ARRAY(SELECT x::cases FROM new_rows x), ARRAY(SELECT x::cases FROM old_rows x));
    ELSE PERFORM report_cases_apply('{}'::cases[], ARRAY(SELECT x::cases FROM old_rows x));
    END IF;
  ELSIF TG_TABLE_NAME = 'visits' THEN
    IF TG_OP = 'INSERT' THEN PERFORM report_visits_apply(ARRAY(SELECT x::visits FROM new_rows x), '{}'::visits[]);
    ELSIF TG_OP = 'UPDATE' THEN PERFORM report_visits_apply(ARRAY(SELECT x::visits FROM new_rows x), ARRAY(SELECT x::visits FROM old_rows x));
    ELSE PERFORM report_visits_apply('{}'::visits[], ARRAY(SELECT x::visits FROM old_rows x));
    END IF;
  ELSE
    IF TG_OP = 'INSERT' THEN PERFORM report_petitions_apply(ARRAY(SELECT x::petitions FROM new_rows x), '{}'::petitions[]);
    ELSIF TG_OP = 'UPDATE' THEN PERFORM report_petitions_apply(ARRAY(SELECT x::petitions FROM new_rows x), ARRAY(SELECT x::petitions FROM old_rows x));
    ELSE PERFORM report_petitions_apply('{}'::petitions[], ARRAY(SELECT x::petitions FROM old_rows x));
    END IF;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER report_counters_cases_insert AFTER INSERT ON cases REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION report_counters_trigger();
--> statement-breakpoint
CREATE TRIGGER report_counters_cases_update AFTER UPDATE ON cases REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION report_counters_trigger();
--> statement-breakpoint
CREATE TRIGGER report_counters_cases_delete AFTER DELETE ON cases REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION report_counters_trigger();
--> statement-breakpoint
CREATE TRIGGER report_counters_visits_insert AFTER INSERT ON visits REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION report_counters_trigger();
--> statement-breakpoint
CREATE TRIGGER report_counters_visits_update AFTER UPDATE ON visits REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION report_counters_trigger();
--> statement-breakpoint
CREATE TRIGGER report_counters_visits_delete AFTER DELETE ON visits REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION report_counters_trigger();
--> statement-breakpoint
CREATE TRIGGER report_counters_petitions_insert AFTER INSERT ON petitions REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION report_counters_trigger();
--> statement-breakpoint
CREATE TRIGGER report_counters_petitions_update AFTER UPDATE ON petitions REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION report_counters_trigger();
--> statement-breakpoint
CREATE TRIGGER report_counters_petitions_delete AFTER DELETE ON petitions REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION report_counters_trigger();
--> statement-breakpoint
-- Recomputes every counter from the records (after a bulk load with the triggers disabled, or to repair).
CREATE FUNCTION report_counters_rebuild() RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM report_counters;
  DELETE FROM report_visit_buckets;
  INSERT INTO report_visit_buckets (case_id, agency_path, class, bucket, n)
  SELECT v.case_id, v.agency_path, c.class, report_bucket(v.visited_on), count(*)
  FROM visits v
  LEFT JOIN reception_sessions rs ON rs.id = v.session_id
  CROSS JOIN LATERAL (VALUES ('all'), (report_session_class(rs.kind))) AS c(class)
  WHERE v.case_id IS NOT NULL
  GROUP BY 1, 2, 3, 4;
  -- Two stages: flows summed per agency and half-month first, then spread over the scopes.
  CREATE TEMP TABLE report_rebuild_flows AS
    SELECT x.agency_path, report_bucket(f.day) AS bucket, f.key, DATE '1900-01-01' AS prev, sum(f.n)::bigint AS n
    FROM cases x CROSS JOIN LATERAL report_case_flows(x) f GROUP BY 1, 2, 3;
  INSERT INTO report_rebuild_flows
    SELECT x.agency_path, report_bucket(f.day), f.key, DATE '1900-01-01', sum(f.n)
    FROM visits x LEFT JOIN reception_sessions rs ON rs.id = x.session_id CROSS JOIN LATERAL report_visit_flows(x, rs.kind) f GROUP BY 1, 2, 3;
  INSERT INTO report_rebuild_flows
    SELECT p.agency_path, report_bucket(p.received_on), k.key, DATE '1900-01-01', count(*)
    FROM petitions p CROSS JOIN LATERAL (VALUES ('xld.petitions'), ('xld.channel.' || p.channel)) AS k(key) GROUP BY 1, 2, 3;
  INSERT INTO report_rebuild_flows
    SELECT m.agency_path, m.bucket, m.key, m.prev, count(*)
    FROM (
      SELECT d.agency_path, d.bucket,
             CASE d.class WHEN 'all' THEN 'tcd.cases' ELSE 'tcd.' || d.class || '.cases' END AS key,
             coalesce(lag(d.bucket) OVER (PARTITION BY d.case_id, d.agency_path, d.class ORDER BY d.bucket), DATE '1900-01-01') AS prev
      FROM report_visit_buckets d
    ) m GROUP BY 1, 2, 3, 4;
  INSERT INTO report_counters (scope, child, bucket, key, prev, n)
  SELECT s.scope, s.child, f.bucket, f.key, f.prev, sum(f.n)
  FROM report_rebuild_flows f
  CROSS JOIN LATERAL report_scopes(f.agency_path) s
  GROUP BY 1, 2, 3, 4, 5;
  DROP TABLE report_rebuild_flows;
END
$$;
--> statement-breakpoint
-- Existing records (a database migrated after it held data).
SELECT report_counters_rebuild();
