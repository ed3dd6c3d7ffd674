-- hand-written (intake: counter triggers without re-planning, issue 13 item 10)
-- The counter functions called by the statement-level triggers of cases, petitions and visits were LANGUAGE sql.
-- PostgreSQL 15 plans the body of a non-inlined SQL function again at every call, so each one-row insert paid for
-- planning three or four statements (measured with pg_stat_statements: report_cases_apply ≈ 1 ms of a one-row
-- insert of a case). PL/pgSQL caches the plans of its statements for the session. Same statements, same results;
-- only the language changes (docs/adr/0010-report-performance.md, amendment 2026-12-06).
CREATE OR REPLACE FUNCTION report_counters_add(flows report_flow[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO report_counter_deltas (scope, child, bucket, key, prev, n)
  SELECT s.scope, s.child, report_bucket(f.day), f.key, f.prev, sum(f.n)
  FROM unnest(flows) AS f
  CROSS JOIN LATERAL report_scopes(f.agency_path) s
  GROUP BY 1, 2, 3, 4, 5
  HAVING sum(f.n) <> 0;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION report_cases_apply(added cases[], removed cases[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM report_counters_add(ARRAY(
    SELECT ROW((d.c).agency_path, f.day, f.key, DATE '1900-01-01', sum(d.sign * f.n))::report_flow
    FROM (SELECT a AS c, 1 AS sign FROM unnest(added) AS a UNION ALL SELECT r, -1 FROM unnest(removed) AS r) d
    CROSS JOIN LATERAL report_case_flows(d.c) f
    GROUP BY (d.c).agency_path, f.day, f.key
    HAVING sum(d.sign * f.n) <> 0));
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION report_petitions_apply(added petitions[], removed petitions[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM report_counters_add(ARRAY(
    SELECT ROW((d.p).agency_path, (d.p).received_on, k.key, DATE '1900-01-01', sum(d.sign))::report_flow
    FROM (SELECT a AS p, 1 AS sign FROM unnest(added) AS a UNION ALL SELECT r, -1 FROM unnest(removed) AS r) d
    CROSS JOIN LATERAL (VALUES ('xld.petitions'), ('xld.channel.' || (d.p).channel)) AS k(key)
    GROUP BY (d.p).agency_path, (d.p).received_on, k.key
    HAVING sum(d.sign) <> 0));
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION report_matter_flows(pairs jsonb, sign integer) RETURNS report_flow[]
LANGUAGE plpgsql STABLE AS $$
BEGIN
  RETURN ARRAY(SELECT ROW(m.agency_path, m.day, m.key, m.prev, sign)::report_flow
  FROM (
    SELECT d.agency_path, d.bucket AS day,
           CASE d.class WHEN 'all' THEN 'tcd.cases' ELSE 'tcd.' || d.class || '.cases' END AS key,
           coalesce(lag(d.bucket) OVER (PARTITION BY d.case_id, d.agency_path, d.class ORDER BY d.bucket), DATE '1900-01-01') AS prev
    FROM report_visit_buckets d
    JOIN jsonb_to_recordset(pairs) AS p(case_id uuid, agency_path text) ON p.case_id = d.case_id AND p.agency_path = d.agency_path
  ) m);
END
$$;
--> statement-breakpoint
-- hand-written (audit: the chain's append inside COMMIT, issue 13 item 10)
-- The chain lock was taken by `select audit_append(…)`, the transaction's last statement, and held until the COMMIT
-- the application sent after reading its answer: a round trip through the server's event loop while every other
-- writer of the instance waited (pg_stat_statements at 8 clients on a busy machine: 35 ms of lock wait per request).
-- Now the transaction's last statement inserts its entries into audit_pending; a deferred constraint trigger appends
-- them with audit_append (unchanged: same lock, same head, same ids and hashes) while PostgreSQL commits, so the lock
-- is held only from the append to the end of the commit, inside the database (docs/adr/0005-audit-hash-chain.md,
-- amendment 2026-12-06). The pending row is deleted by the same trigger; the table is always empty outside a commit
-- and unlogged (nothing in it ever needs to survive a crash).
CREATE UNLOGGED TABLE audit_pending (id bigserial PRIMARY KEY, entries jsonb NOT NULL);
--> statement-breakpoint
CREATE FUNCTION audit_pending_append() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM audit_append(NEW.entries);
  DELETE FROM audit_pending WHERE id = NEW.id;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER audit_pending_append AFTER INSERT ON audit_pending DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION audit_pending_append();
--> statement-breakpoint
-- hand-written (intake: counters of inserted cases and petitions straight from the transition table, issue 13 item 10)
-- An INSERT of cases or petitions (every intake) wrote its counter deltas through an array of whole rows
-- (report_cases_apply / report_petitions_apply → report_counters_add): building and unnesting the array cost more than
-- the deltas (pg_stat_statements on a quiet machine: ≈ 1 ms per petition insert). The INSERT branches now insert the
-- same deltas in one statement from new_rows; UPDATE and DELETE (old minus new) and visits keep the array path. Same
-- rows: every flow of an inserted row counts +1, so grouping once by scope, half-month and key sums what the two
-- stages summed (report tests compare the counters with a recount from the records).
CREATE OR REPLACE FUNCTION report_counters_trigger() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'cases' THEN
    IF TG_OP = 'INSERT' THEN
      INSERT INTO report_counter_deltas (scope, child, bucket, key, prev, n)
      SELECT s.scope, s.child, report_bucket(f.day), f.key, DATE '1900-01-01', sum(f.n)
      FROM new_rows x
      CROSS JOIN LATERAL report_case_flows(x::cases) f
      CROSS JOIN LATERAL report_scopes(x.agency_path) s
      GROUP BY 1, 2, 3, 4
      HAVING sum(f.n) <> 0;
    ELSIF TG_OP = 'UPDATE' THEN PERFORM report_cases_apply(ARRAY(SELECT x::cases FROM new_rows x), ARRAY(SELECT x::cases FROM old_rows x));
    ELSE PERFORM report_cases_apply('{}'::cases[], ARRAY(SELECT x::cases FROM old_rows x));
    END IF;
  ELSIF TG_TABLE_NAME = 'visits' THEN
    IF TG_OP = 'INSERT' THEN PERFORM report_visits_apply(ARRAY(SELECT x::visits FROM new_rows x), '{}'::visits[]);
    ELSIF TG_OP = 'UPDATE' THEN PERFORM report_visits_apply(ARRAY(SELECT x::visits FROM new_rows x), ARRAY(SELECT x::visits FROM old_rows x));
    ELSE PERFORM report_visits_apply('{}'::visits[], ARRAY(SELECT x::visits FROM old_rows x));
    END IF;
  ELSE
    IF TG_OP = 'INSERT' THEN
      INSERT INTO report_counter_deltas (scope, child, bucket, key, prev, n)
      SELECT s.scope, s.child, report_bucket(x.received_on), k.key, DATE '1900-01-01', count(*)
      FROM new_rows x
      CROSS JOIN LATERAL (VALUES ('xld.petitions'), ('xld.channel.' || x.channel)) AS k(key)
      CROSS JOIN LATERAL report_scopes(x.agency_path) s
      GROUP BY 1, 2, 3, 4;
    ELSIF TG_OP = 'UPDATE' THEN PERFORM report_petitions_apply(ARRAY(SELECT x::petitions FROM new_rows x), ARRAY(SELECT x::petitions FROM old_rows x));
    ELSE PERFORM report_petitions_apply('{}'::petitions[], ARRAY(SELECT x::petitions FROM old_rows x));
    END IF;
  END IF;
  RETURN NULL;
END
$$;
