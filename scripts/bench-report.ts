/**
 * Report performance (issue 6, item 8): the national 6-month report and one province's (computePeriodReport), next to
 * the raw SQL aggregate floor (bench-report-floor.ts: the same figures in plain filtered aggregates, no application
 * code) measured the same way on the same data, on
 *   pg-1      a throwaway PostgreSQL 15 (scripts/pg-cluster.mjs) seeded with `danvan seed --national --scale 1`,
 *   pglite-1  embedded PGlite, scale 1,
 *   pg-10m    PostgreSQL with ≈ 10 million case records: the scale-1 country and BENCH_BIG_COPIES (45) copies of it made in
 *             SQL (bench-report-replicate.ts; docs/adr/0010-report-performance.md), every figure × 46.
 * p50 / p95 over BENCH_RUNS runs (default 20) after 2 warm-up runs. The floor's figures are checked against the
 * report's, so the two measure the same work. Prints one table per section and a summary table at the end.
 *
 *   tsx scripts/bench-report.ts [pg-1] [pglite-1] [pg-10m]        (default: all three, in that order)
 *   BENCH_RUNS=20 BENCH_SCALE=1 BENCH_BIG_COPIES=45 BENCH_KEEP_DIR=/var/tmp/x (keep the PGlite data dir)
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { eq, sql } from 'drizzle-orm';
import { formatCount } from '@danvan/domain/text';
import { openDatabase, queryRows, type Database, type Db } from '@danvan/server/db/client';
import { agencies } from '@danvan/server/db/schema';
import { seedAgencies } from '@danvan/server/modules/agencies/seed-agencies';
import { seedNational } from '@danvan/server/tools/seed-national/seed-national';
import { aggregateByChildFromRecords, computePeriodReport } from '@danvan/server/modules/reports/period-report';
import type { AgencyRow } from '@danvan/server/modules/agencies/queries';
import { indicatorDef, previousRange } from '@danvan/domain/reports';
import { createSealer } from '@danvan/server/security/sealer';
import { createPersonHasher } from '@danvan/server/security/person-hash';
import { progressBar } from '@danvan/server/progress';
import { floorFigures } from './bench-report-floor.ts';
import { replicateCountry } from './bench-report-replicate.ts';
import type { GroundTruth } from '@danvan/server/tools/seed-national/seed-national';

interface Cluster {
  url: string;
  dir: string;
  stop(): void;
}
/** scripts/pg-cluster.mjs (plain JavaScript, shared with the test runner). */
const clusterModule = './pg-cluster.mjs';
const { startCluster } = (await import(clusterModule)) as { startCluster: (o: { log?: (m: string) => void }) => Promise<Cluster> };

const RUNS = Number(process.env.BENCH_RUNS ?? 20);
/** The on-the-fly paths take seconds at 10M: fewer runs of them (they are the "before", not the target). */
const ON_THE_FLY_RUNS = Number(process.env.BENCH_ON_THE_FLY_RUNS ?? 5);
const SCALE = Number(process.env.BENCH_SCALE ?? 1);
/** pg-10m: the scale-1 country plus this many copies (bench-report-replicate.ts): 46 × 219,579 ≈ 10.1M cases. */
const BIG_COPIES = Number(process.env.BENCH_BIG_COPIES ?? 45);
const FROM = '2026-01-01';
const TO = '2026-06-30';
const PROVINCE = '79';
const SEED = 1;

interface Timing {
  p50: number;
  p95: number;
  min: number;
  max: number;
}

export interface SectionResult {
  section: string;
  database: string;
  rows: { cases: number; visits: number; petitions: number };
  seedSeconds: number;
  rowsPerSecond: number;
  note: string;
  national: Scope;
  province: Scope;
}

/** The report (counters), the raw SQL floor over the counters and over the records, and the report aggregated on the fly. */
interface Scope {
  report: Timing;
  floor: Timing;
  recordsFloor: Timing;
  onTheFly: Timing;
}

function quantile(sorted: number[], q: number): number {
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i]!;
}

async function time(runs: number, fn: () => Promise<unknown>): Promise<Timing> {
  for (let i = 0; i < 2; i++) await fn();
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  return { p50: quantile(ms, 0.5), p95: quantile(ms, 0.95), min: ms[0]!, max: ms[ms.length - 1]! };
}

const fmt = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(ms < 10 ? 1 : 0)} ms`);

interface Seeded {
  seconds: number;
  rows: number;
  counts: SectionResult['rows'];
  truth: GroundTruth;
  /** Every figure of the data = multiplier × the ground truth (copies + 1). */
  multiplier: number;
  note: string;
}

async function seed(database: Database, scale: number): Promise<Seeded> {
  const bar = progressBar(`Sinh dữ liệu quy mô ${scale}`);
  const sealer = createSealer([{ id: 'bench', key: Buffer.alloc(32, 7) }]);
  const r = await seedNational(database.db, { scale, seed: SEED, from: FROM, to: TO, sealer, personHasher: createPersonHasher(Buffer.alloc(32, 8)), overlapWrites: database.kind === 'postgres', onProgress: bar.update });
  bar.done();
  const t = r.truth.rows;
  const rows = t.cases + t.visits + t.petitions + t.sessions + t.sealedIdentities;
  const note = `danvan seed --national --scale ${scale}: ${formatCount(t.cases)} cases, ${formatCount(t.visits)} visits, ${formatCount(t.petitions)} petitions, ${formatCount(t.sessions)} sessions, ${formatCount(t.sealedIdentities)} sealed identities in ${r.seconds.total.toFixed(0)} s (generate ${r.seconds.generate.toFixed(0)} s, write and counters ${r.seconds.write.toFixed(0)} s): ${formatCount(Math.round(rows / r.seconds.total))} rows/s`;
  console.log(`  ${note}`);
  return { seconds: r.seconds.total, rows, counts: { cases: t.cases, visits: t.visits, petitions: t.petitions }, truth: r.truth, multiplier: 1, note };
}

async function seedAndReplicate(database: Database, copies: number): Promise<Seeded> {
  const base = await seed(database, 1);
  console.log(`  replicating ×${copies} in SQL …`);
  const r = await replicateCountry(database.db, copies, (m) => console.log(`    ${m}`));
  const m = copies + 1;
  const counts = { cases: base.counts.cases * m, visits: base.counts.visits * m, petitions: base.counts.petitions * m };
  const note = `${base.note}; then ${copies} copies in SQL: ${formatCount(r.rows)} rows in ${r.seconds.toFixed(0)} s (${formatCount(Math.round(r.rows / r.seconds))} rows/s, counters rebuilt included)`;
  return { seconds: base.seconds + r.seconds, rows: base.rows + r.rows, counts, truth: base.truth, multiplier: m, note };
}

/** The report of the nation and of every province equals the generator's ground truth (× the copies). */
async function checkTruth(db: Db, seeded: Seeded) {
  const all = await db.select().from(agencies);
  const byCode = new Map(all.map((a) => [a.code, a]));
  let checked = 0;
  for (const a of seeded.truth.agencies.filter((x) => x.level === 'national' || x.level === 'province')) {
    const report = await computePeriodReport(db, byCode.get(a.code)!, FROM, TO);
    const truth = a.figures[0]!;
    for (const [k, v] of Object.entries(truth)) {
      const actual = report.indicators[k] ?? (report as unknown as Record<string, unknown>)[k];
      if (actual === undefined) continue;
      checked++;
      if (actual !== v * seeded.multiplier) throw new Error(`report ≠ ground truth × ${seeded.multiplier}: ${a.code} ${k} report ${String(actual)}, truth ${v}`);
    }
  }
  console.log(`  report = ground truth${seeded.multiplier > 1 ? ` × ${seeded.multiplier}` : ''}: ${formatCount(checked)} figures checked (nation and 34 provinces, ${FROM} – ${TO})`);
}

async function measure(section: string, database: Database, seeded: Seeded): Promise<SectionResult> {
  const db: Db = database.db;
  if (database.kind === 'postgres') await db.execute('vacuum analyze');
  else await db.execute('analyze');
  const [vn] = await db.select().from(agencies).where(eq(agencies.code, 'VN'));
  const [province] = await db.select().from(agencies).where(eq(agencies.code, PROVINCE));
  if (!vn || !province) throw new Error('agencies missing');
  await checkTruth(db, seeded);
  // The floor computes the same figures: check it once before timing it.
  for (const a of [vn, province]) {
    const report = await computePeriodReport(db, a, FROM, TO);
    const floor = await floorFigures(db, a, FROM, TO);
    const reported = (k: string): unknown => {
      if (k.startsWith('previous.')) return (report.previous as unknown as Record<string, unknown>)[k.slice('previous.'.length)];
      return report.indicators[k] ?? (report as unknown as Record<string, unknown>)[k];
    };
    const diff = Object.entries(floor).filter(([k, v]) => reported(k) !== v);
    if (diff.length) throw new Error(`floor ≠ report for ${a.code}: ${diff.slice(0, 5).map(([k, v]) => `${k} ${v} vs ${String(reported(k))}`).join(', ')}`);
  }
  const scope = async (a: AgencyRow): Promise<Scope> => ({
    report: await time(RUNS, () => computePeriodReport(db, a, FROM, TO)),
    floor: await time(RUNS, () => countersFloor(db, a, FROM, TO)),
    recordsFloor: await time(Math.min(RUNS, ON_THE_FLY_RUNS), () => floorFigures(db, a, FROM, TO)),
    onTheFly: await time(Math.min(RUNS, ON_THE_FLY_RUNS), () => reportOnTheFly(db, a)),
  });
  const result: SectionResult = {
    section,
    database: database.kind === 'postgres' ? 'PostgreSQL 15' : 'PGlite',
    rows: seeded.counts,
    seedSeconds: seeded.seconds,
    rowsPerSecond: seeded.rows / seeded.seconds,
    note: seeded.note,
    national: await scope(vn),
    province: await scope(province),
  };
  printTable([result]);
  return result;
}

export function printTable(results: SectionResult[]) {
  const head = ['section', 'database', 'cases', 'visits', 'scope', 'report p50', 'report p95', 'floor p50', 'floor p95', 'ratio', 'records floor p50/p95', 'on the fly p50/p95'];
  const rows: string[][] = [];
  for (const r of results) {
    for (const [name, t] of [
      ['national (VN)', r.national],
      [`province ${PROVINCE}`, r.province],
    ] as const) {
      rows.push([
        r.section,
        r.database,
        formatCount(r.rows.cases),
        formatCount(r.rows.visits),
        name,
        fmt(t.report.p50),
        fmt(t.report.p95),
        fmt(t.floor.p50),
        fmt(t.floor.p95),
        `${(t.report.p50 / t.floor.p50).toFixed(2)}×`,
        `${fmt(t.recordsFloor.p50)} / ${fmt(t.recordsFloor.p95)}`,
        `${fmt(t.onTheFly.p50)} / ${fmt(t.onTheFly.p95)}`,
      ]);
    }
  }
  const width = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(width[i]!)).join(' | ')} |`;
  console.log([line(head), `|${width.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n'));
}

/**
 * The raw SQL floor of the report as it is computed now: the same sums over report_counters (and the deltas not yet
 * folded, report_counter_deltas) the report needs (every
 * flow of the range per child, the stock flows before it, the previous period's headline flows), nothing else.
 */
async function countersFloor(db: Db, a: AgencyRow, from: string, to: string) {
  const prev = previousRange({ from, to });
  const stock = `'xld.in', 'xld.out', 'gqkn.in', 'gqkn.out', 'gqkn.in2', 'gqkn.out2', 'gqtc.in', 'gqtc.out', 'gqtc.in2', 'gqtc.out2'`;
  const q = (f: string, t: string, keys: string) =>
    sql.raw(`select child, key, bucket < '${f}' as before, sum(n)::bigint as n
      from (select scope, child, bucket, key, prev, n from report_counters union all select scope, child, bucket, key, prev, n from report_counter_deltas) rc
      where scope = '${a.path}'${keys} and ((bucket between '${f}' and '${t}' and prev < '${f}') or (bucket < '${f}' and key in (${stock})))
      group by 1, 2, 3`);
  await Promise.all([queryRows(db, q(from, to, '')), queryRows(db, q(prev.from, prev.to, ` and key in ('tcd.visits', 'tcd.people', 'tcd.cases', 'gqkn.in', 'gqkn.out', 'gqtc.in', 'gqtc.out')`))]);
}

/** What the report cost before the counters: every indicator per child and the previous headline figures, from the records. */
async function reportOnTheFly(db: Db, a: AgencyRow) {
  const prev = previousRange({ from: FROM, to: TO });
  const core = ['tcd.visits', 'tcd.people', 'tcd.cases', 'gqkn.within', 'gqtc.within', 'gqkn.resolved', 'gqtc.resolved'].map((k) => indicatorDef(k)!);
  await aggregateByChildFromRecords(db, a, { from: FROM, to: TO });
  await aggregateByChildFromRecords(db, a, prev, core);
}

async function postgresSection(section: string, scale: number, copies = 0): Promise<SectionResult> {
  console.log(`\n[bench-report] ${section}: PostgreSQL 15, scale ${scale}${copies ? ` + ${copies} copies` : ''}, ${RUNS} runs`);
  const cluster = await startCluster({ log: (m: string) => console.log(`  pg: ${m}`) });
  try {
    const admin = new pg.Client({ connectionString: cluster.url });
    await admin.connect();
    // A little more memory for the aggregates than the throwaway cluster's defaults (128 MB shared buffers, 4 MB work_mem).
    for (const s of ["alter system set shared_buffers = '2GB'", "alter system set work_mem = '64MB'", "alter system set max_parallel_workers_per_gather = 2", "alter system set effective_cache_size = '8GB'"]) await admin.query(s);
    await admin.end();
    restartCluster(cluster.dir);
    const database = await openDatabase({ databaseUrl: cluster.url });
    try {
      await database.migrate();
      await seedAgencies(database.db);
      return await measure(section, database, copies ? await seedAndReplicate(database, copies) : await seed(database, scale));
    } finally {
      await database.close();
    }
  } finally {
    cluster.stop();
  }
}

/** shared_buffers needs a restart: pg_ctl restart on the throwaway cluster (same port, same socket dir). */
function restartCluster(dir: string) {
  const data = path.join(dir, 'data');
  const bin = process.env.DANVAN_PG_BIN ?? '/usr/lib/postgresql/15/bin';
  const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const argv = ['-D', data, '-l', path.join(data, 'server.log'), '-w', '-t', '60', 'restart', '-m', 'fast'];
  const [cmd, args] = asRoot ? ['runuser', ['-u', 'postgres', '--', path.join(bin, 'pg_ctl'), ...argv]] : [path.join(bin, 'pg_ctl'), argv];
  const r = spawnSyncChecked(cmd, args);
  if (!r) throw new Error('pg_ctl restart failed');
}

function spawnSyncChecked(cmd: string, args: string[]): boolean {
  // The postmaster must not inherit our pipes (spawnSync would wait for them to close): its output goes to the log.
  const r = spawnSync(cmd, args, { stdio: 'ignore', timeout: 120_000, env: { ...process.env, LC_ALL: 'C' } });
  return r.status === 0;
}

async function pgliteSection(section: string, scale: number): Promise<SectionResult> {
  console.log(`\n[bench-report] ${section}: PGlite, scale ${scale}, ${RUNS} runs`);
  const dir = process.env.BENCH_KEEP_DIR ?? fs.mkdtempSync(path.join(os.tmpdir(), 'danvan-bench-pglite-'));
  const database = await openDatabase({ dataDir: dir });
  try {
    await database.migrate();
    await seedAgencies(database.db);
    return await measure(section, database, await seed(database, scale));
  } finally {
    await database.close();
    if (!process.env.BENCH_KEEP_DIR) fs.rmSync(dir, { recursive: true, force: true });
  }
}

const SECTIONS: Record<string, () => Promise<SectionResult>> = {
  'pg-1': () => postgresSection('pg-1', SCALE),
  'pglite-1': () => pgliteSection('pglite-1', SCALE),
  'pg-10m': () => postgresSection('pg-10m', 1, BIG_COPIES),
};

async function main() {
  const asked = process.argv.slice(2).filter((a) => a in SECTIONS);
  const names = asked.length ? asked : Object.keys(SECTIONS);
  const results: SectionResult[] = [];
  for (const name of names) results.push(await SECTIONS[name]!());
  console.log(`\n[bench-report] summary (${FROM} – ${TO}, p50/p95 over ${RUNS} runs; floor = the same figures in raw SQL)`);
  printTable(results);
  for (const r of results) console.log(`  ${r.section}: ${r.note}`);
  const big = results.find((r) => r.section === 'pg-10m');
  if (big) {
    const ok = big.national.report.p50 < 300 && big.national.report.p50 <= 1.5 * big.national.floor.p50;
    console.log(
      `[bench-report] target (10M, national): p50 < 300 ms and ≤ 1.5× the floor — ${ok ? 'met' : 'NOT met'} (${fmt(big.national.report.p50)}, ${(big.national.report.p50 / big.national.floor.p50).toFixed(2)}× the counters floor; the records floor is ${fmt(big.national.recordsFloor.p50)})`,
    );
    if (!ok) process.exitCode = 1;
  }
}

await main();
