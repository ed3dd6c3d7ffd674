/**
 * The period report's figures from the report counters (docs/adr/0010-report-performance.md): per scope and per
 * half-month (days 1–14, 15–end) flows maintained by triggers in the same transaction as every change
 * (the hand-written tails of migrations 0001_report_counters, 0002_chase and 0004_round2). Same interface and same figures as the aggregation over the records, in a
 * few thousand rows for any agency, for every range that starts on the 1st or the 15th and ends the day before one
 * (every named period, under either cut-off convention). Other ranges return null: the caller aggregates the records.
 * Provinces served by other DânVận instances add their signed counter snapshots (federation_counter_rows, issue 16,
 * ADR 0020): the same flows, read beside the local ones.
 *
 * Flows → indicators: most indicators are flows summed over the range. Stocks are differences of cumulative flows:
 *   within (thụ lý, not resolved before the start) = accepted up to the end − resolved before the start;
 *   carried over = accepted − resolved, both before the start; pending = accepted − resolved, both up to the end;
 *   02/XLD total / carried over / pending: the same with received and processed.
 * Matters (vụ việc, distinct cases among visits): each half-month a case was visited in is a flow keyed with the
 * half-month of its previous visit; a range counts the flows whose previous half-month lies before the range.
 */
import { sql } from 'drizzle-orm';
import { addDays } from '@danvan/domain/clock/dates';
import { emptyFigures, type DateRange, type Figures } from '@danvan/domain/reports';
import { queryRows, type DbOrTx } from '../../db/client.ts';
import type { AgencyRow } from '../agencies/queries.ts';

/** Flows whose cumulative sums from the beginning make the stock indicators. */
const STOCK_KEYS = ['xld.in', 'xld.out', 'gqkn.in', 'gqkn.out', 'gqkn.in2', 'gqkn.out2', 'gqtc.in', 'gqtc.out', 'gqtc.in2', 'gqtc.out2'];
/** Flows that are not indicators themselves. */
const INTERNAL = new Set(STOCK_KEYS);

/** A range the half-month buckets cover exactly: it starts on the 1st or the 15th and ends the day before one. */
export function countersCover(r: DateRange): boolean {
  const boundary = (d: string) => d.endsWith('-01') || d.endsWith('-15');
  return boundary(r.from) && boundary(addDays(r.to, 1)) && r.from <= r.to;
}

interface Sums {
  /** child → key → sum over the range (matters: those whose previous half-month lies before the range). */
  range: Map<string, Map<string, number>>;
  /** child → key → sum before the range (stock flows only). */
  before: Map<string, Map<string, number>>;
}

async function sums(db: DbOrTx, scope: string, r: DateRange, keys?: readonly string[]): Promise<Sums> {
  const keyFilter = keys ? sql` and key in (${sql.join(keys.map((k) => sql`${k}`), sql`, `)})` : sql``;
  const stockKeys = sql.join(STOCK_KEYS.map((k) => sql`${k}`), sql`, `);
  const rows = await queryRows<{ child: string; key: string; phase: string; n: number }>(
    db,
    sql`select child, key, case when bucket < ${r.from} then 'b' else 'r' end as phase, sum(n)::bigint as n
        from (select child, key, bucket, prev, n from report_counters where scope = ${scope}${keyFilter}
              union all
              select child, key, bucket, prev, n from report_counter_deltas where scope = ${scope}${keyFilter}
              union all
              select child, key, bucket, prev, n from federation_counter_rows where scope = ${scope}${keyFilter}) rc
        where true
          and ((bucket between ${r.from} and ${r.to} and prev < ${r.from}) or (bucket < ${r.from} and key in (${stockKeys})))
        group by 1, 2, 3`,
  );
  const out: Sums = { range: new Map(), before: new Map() };
  for (const row of rows) {
    const target = row.phase === 'b' ? out.before : out.range;
    let m = target.get(row.child);
    if (!m) target.set(row.child, (m = new Map()));
    m.set(row.key, (m.get(row.key) ?? 0) + Number(row.n));
  }
  return out;
}

function figuresOf(range: Map<string, number> | undefined, before: Map<string, number> | undefined): Figures {
  const f = emptyFigures();
  const r = (k: string) => range?.get(k) ?? 0;
  const b = (k: string) => before?.get(k) ?? 0;
  for (const [k, v] of range ?? []) if (!INTERNAL.has(k) && k in f) f[k] = v;
  f['xld.received'] = r('xld.in');
  f['xld.processed'] = r('xld.out');
  f['xld.total'] = b('xld.in') + r('xld.in') - b('xld.out');
  f['xld.carriedOver'] = b('xld.in') - b('xld.out');
  f['xld.pending'] = b('xld.in') + r('xld.in') - b('xld.out') - r('xld.out');
  for (const form of ['gqkn', 'gqtc']) {
    const inn = `${form}.in`;
    const out = `${form}.out`;
    f[`${form}.within`] = b(inn) + r(inn) - b(out);
    f[`${form}.carriedOver`] = b(inn) - b(out);
    f[`${form}.accepted`] = r(inn);
    f[`${form}.resolved`] = r(out);
    f[`${form}.pending`] = b(inn) + r(inn) - b(out) - r(out);
  }
  f['gqkn.secondInstance'] = b('gqkn.in2') + r('gqkn.in2') - b('gqkn.out2');
  return f;
}

/** Figures of the subtree of `root` for the range, per direct child ('' = own), or null when the counters do not cover the range. */
export async function aggregateByChildFromCounters(db: DbOrTx, root: AgencyRow, r: DateRange): Promise<Map<string, Figures> | null> {
  if (!countersCover(r)) return null;
  const s = await sums(db, root.path, r);
  const groups = new Map<string, Figures>();
  for (const child of new Set([...s.range.keys(), ...s.before.keys()])) groups.set(child, figuresOf(s.range.get(child), s.before.get(child)));
  return groups;
}


/**
 * Moves the deltas the triggers appended (report_counter_deltas) into report_counters; returns how many delta rows
 * it moved. Figures are the same before and after (readers sum both tables in one statement).
 */
export async function foldReportCounters(db: DbOrTx): Promise<number> {
  const [r] = await queryRows<{ n: number }>(db, sql`select report_counters_fold() as n`);
  return Number(r?.n ?? 0);
}

/** Folds the counter deltas every `seconds` (danvan serve); a failure is logged, never thrown. */
export function startPeriodicFold(db: DbOrTx, log: { warn: (o: object, msg: string) => void }, seconds: number): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    foldReportCounters(db)
      .catch((err: unknown) => log.warn({ code: (err as { code?: string }).code }, 'report counters: fold failed'))
      .finally(() => (running = false));
  }, seconds * 1000);
  timer.unref();
  return () => clearInterval(timer);
}

/** Recomputes every counter from the records (after a bulk load with the triggers disabled, or to repair). */
export async function rebuildReportCounters(db: DbOrTx): Promise<void> {
  await db.execute(sql`select report_counters_rebuild()`);
}

/**
 * Bulk loads (the national generator) switch the triggers off for their own transactions and rebuild at the end:
 * one set-based pass instead of one trigger call per statement. Table owner only; other writers wait meanwhile.
 */
export async function setReportCounterTriggers(db: DbOrTx, enabled: boolean): Promise<void> {
  for (const table of ['cases', 'visits', 'petitions']) {
    for (const op of ['insert', 'update', 'delete']) {
      await db.execute(sql.raw(`alter table ${table} ${enabled ? 'enable' : 'disable'} trigger report_counters_${table}_${op}`));
    }
  }
}
