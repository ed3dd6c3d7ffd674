/**
 * Consultation at national scale (issue 21): three figures on one durable PostgreSQL 15 cluster (scripts/pg-cluster.mjs
 * with `durable: true`: fsync, synchronous_commit and full_page_writes on), side by side with their floors.
 *
 *   ingest   submitOpinion (POST /public/consultations/:id/opinions) over HTTP against a real `danvan serve`
 *            (DATABASE_URL = the cluster), BENCH_CLIENTS clients (default 32) in a closed loop, each request one
 *            person's stances on BENCH_SECTIONS sections (default 20) — opinions/s acknowledged, every one durable
 *            (the 201 comes after the group commit); next to the floor: the same rows by raw multi-row INSERT
 *            (one statement and commit per request-equivalent, same clients) into a plain table of the same shape.
 *   tally    a consultation of 10,000,000 opinions (200 sections × 50,000 persons, generated with generate_series;
 *            counters and margins computed from them as the writer leaves them after a fold): getConsultationTally's
 *            computeTally p50 over 15 runs, next to the floor: the tally's own statement over the margins alone on a
 *            plain connection (and, for reference, the plain read of the margins and the grouping-sets roll-up of
 *            the cross-product counters that the tally read before the margins). Target < 300 ms and ≤ 1.5 × floor.
 *   cluster  opinion groups on 100,000 participants × 200 sections (planted 3 camps, 30 % unanswered): exact PCA +
 *            k-means (clustering.ts), wall and CPU time. Target < 10 s.
 *
 * The machine's load is printed beside every figure (`uptime`): this is a shared 2-core machine.
 *
 *   npm run bench -- consultation
 *   BENCH_PARTS=ingest,tally,cluster BENCH_SECONDS=15 BENCH_CLIENTS=32 tsx scripts/bench-consultation.ts
 *   BENCH_SERVER_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/prof'   (node flags for the served process, e.g. a profile)
 *   BENCH_TALLY_PROFILE=/tmp/tally.cpuprofile                      (a CPU profile of 20 tallies)
 */
import { execSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { PgDialect } from 'drizzle-orm/pg-core';
import { openDatabase } from '@danvan/server/db/client';
import { consultationById } from '@danvan/server/modules/consultation/queries';
import { computeTally, figuresSql } from '@danvan/server/modules/consultation/tally';
import { clusterStances } from '@danvan/server/modules/consultation/clustering';
import { prepareIngest, submissionBody } from '@danvan/server/testing/consultation-ingest';
import { startServeProcess } from '@danvan/server/testing/serve-process';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 32);
const SECTIONS = Number(process.env.BENCH_SECTIONS ?? 20);
const PARTS = (process.env.BENCH_PARTS ?? 'ingest,tally,cluster').split(',');
const TALLY_PERSONS = Number(process.env.BENCH_TALLY_PERSONS ?? 50_000);
const TALLY_SECTIONS = 200;
const load = () => {
  try {
    return execSync('uptime').toString().trim().replace(/.*load average:/, 'load average:');
  } catch {
    return `load average: ${os.loadavg().map((x) => x.toFixed(2)).join(', ')}`;
  }
};

interface Cluster {
  url: string;
  dir: string;
  stop: () => void;
}
const clusterModule = './pg-cluster.mjs';
const { startCluster } = (await import(clusterModule)) as { startCluster: (o: { log?: (m: string) => void; durable?: boolean }) => Promise<Cluster> };

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
};

async function createDatabase(url: string, name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

interface Result {
  line: string;
  ok: boolean | null;
}

/** Closed loop: `clients` workers for WARMUP + SECONDS; returns units (opinions) per second and request latencies. */
async function closedLoop(clients: number, op: (w: number) => Promise<number>): Promise<{ perSecond: number; p50: number; p99: number; errors: number; busy: number; n: number }> {
  const lat: number[] = [];
  let units = 0;
  let errors = 0;
  let busy = 0;
  let measuring = false;
  let stop = false;
  const workers = Array.from({ length: clients }, async (_, w) => {
    while (!stop) {
      const t = performance.now();
      let got = 0;
      try {
        got = await op(w);
      } catch (e) {
        if (e instanceof Error && e.message === 'busy') {
          if (measuring) busy++;
          await new Promise((r) => setTimeout(r, 200));
          continue;
        }
        if (errors < 3) console.error(`  ${e instanceof Error ? e.message : String(e)}`);
        if (measuring) errors++;
        continue;
      }
      if (!measuring) continue;
      lat.push(performance.now() - t);
      units += got;
    }
  });
  await new Promise((r) => setTimeout(r, 3000));
  measuring = true;
  const t0 = performance.now();
  await new Promise((r) => setTimeout(r, SECONDS * 1000));
  measuring = false;
  const elapsed = (performance.now() - t0) / 1000;
  stop = true;
  await Promise.all(workers);
  return { perSecond: units / elapsed, p50: pct(lat, 50), p99: pct(lat, 99), errors, busy, n: lat.length };
}

async function ingest(clusterUrl: string): Promise<Result[]> {
  const url = await createDatabase(clusterUrl, 'bench_ingest');
  const personKey = randomBytes(32).toString('base64');
  const persons = 60_000;
  console.log(`  ingest: preparing a consultation of ${SECTIONS} sections and ${persons} one-time codes…`);
  const f = await prepareIngest({ databaseUrl: url }, personKey, { sections: SECTIONS, persons });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'danvan-bench-consultation-'));
  const server = await startServeProcess({
    dataDir,
    nodeArgs: process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean),
    env: { ...process.env, DATABASE_URL: url, DANVAN_PERSON_KEY: personKey, DANVAN_TRUST_PROXY: 'true', LOG_LEVEL: 'warn', DANVAN_NOTIFY_INTERVAL_MS: '0', DANVAN_SWEEP_MINUTES: '0', DANVAN_ANCHOR_HOURS: '0' },
    pollMs: 300,
    readyTimeoutMs: 180_000,
    name: 'server',
  });
  const { child, baseUrl: base } = server;
  const out: Result[] = [];
  // The server's CPU time (user + system, /proc) across the measured loop: opinions per CPU-second of the server
  // process, the figure that does not depend on how busy the shared machine is.
  const cpuOf = (pid: number | undefined) => {
    try {
      const f = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      return (Number(f[11]) + Number(f[12])) / 100;
    } catch {
      return NaN;
    }
  };
  try {
    let next = 0;
    const cpu0 = cpuOf(child.pid);
    const http = await closedLoop(CLIENTS, async (w) => {
      const person = next++;
      if (person >= f.codes.length) throw new Error('out of prepared persons');
      const r = await fetch(`${base}/api/v1/public/consultations/${f.consultationId}/opinions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': `10.${w}.${(person >> 8) & 255}.${person & 255}` },
        body: JSON.stringify(submissionBody(f, person)),
      });
      const body = await r.text();
      if (r.status === 503) throw new Error('busy');
      if (r.status !== 201) throw new Error(`submitOpinion: HTTP ${r.status} ${body.slice(0, 200)}`);
      return SECTIONS;
    });
    const l1 = load();
    // Warm-up (3 s) included: an upper bound of the CPU spent on the measured requests.
    const serverCpu = cpuOf(child.pid) - cpu0;
    const perCpuSecond = (http.perSecond * SECONDS) / serverCpu;
    // Floor: the same number of rows per commit by multi-row INSERT on the same cluster, same clients.
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query('create table bench_floor (like consultation_opinions including defaults)');
    await admin.end();
    const conns = await Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        const c = new pg.Client({ connectionString: url });
        await c.connect();
        return c;
      }),
    );
    let k = 0;
    const values = Array.from({ length: SECTIONS }, (_, j) => `(gen_random_uuid(), '${f.consultationId}', now(), gen_random_uuid(), $1 || '-${j}', 'otp-sms', 'portal', 'approve', null, 'citizen', '', null, '01', '00004', 'counted')`).join(', ');
    const floor = await closedLoop(CLIENTS, async (w) => {
      await conns[w]!.query(
        `insert into bench_floor (id, consultation_id, submitted_at, section_id, person_key, identity_method, channel, stance, text, category, age_band, occupation, province_code, commune_code, status) values ${values}`,
        [`p${k++}`],
      );
      return SECTIONS;
    });
    await Promise.all(conns.map((c) => c.end()));
    const l2 = load();
    const pctFloor = (100 * http.perSecond) / floor.perSecond;
    out.push({
      line: `ingest over HTTP   ${http.perSecond.toFixed(0).padStart(7)} opinions/s  (${CLIENTS} clients × ${SECTIONS} sections a request; p50 ${http.p50.toFixed(0)} ms, p99 ${http.p99.toFixed(0)} ms; ${http.n} requests, ${http.errors} errors, ${http.busy} × 503; server ${serverCpu.toFixed(1)} CPU-s ⇒ ≥ ${perCpuSecond.toFixed(0)} opinions per CPU-second of the server)  ${l1}`,
      ok: http.perSecond >= 5000 && http.errors === 0,
    });
    out.push({ line: `ingest floor       ${floor.perSecond.toFixed(0).padStart(7)} opinions/s  (raw ${SECTIONS}-row INSERT a commit, ${CLIENTS} clients; p50 ${floor.p50.toFixed(0)} ms)  = HTTP at ${pctFloor.toFixed(0)}% of it  ${l2}`, ok: null });
  } finally {
    await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  return out;
}

async function tally(clusterUrl: string): Promise<Result[]> {
  const url = await createDatabase(clusterUrl, 'bench_tally');
  const f = await prepareIngest({ databaseUrl: url }, randomBytes(32).toString('base64'), { sections: TALLY_SECTIONS, persons: 0 });
  const cid = f.consultationId;
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const total = TALLY_PERSONS * TALLY_SECTIONS;
  const t0 = performance.now();
  console.log(`  tally: generating ${total.toLocaleString('en')} opinions with generate_series…  ${load()}`);
  await c.query('set synchronous_commit = off');
  await c.query("set maintenance_work_mem = '256MB'");
  // Communes: 3 per province of the official list (102), so the tally has a province → commune breakdown.
  await c.query(`create temp table places as
    select row_number() over (order by province_code, code) - 1 as i, province_code as pp, code as pk
      from (select a.*, row_number() over (partition by province_code order by code) as r from agencies a where level = 'commune') x where r <= 3`);
  const places = Number((await c.query('select count(*) as n from places')).rows[0].n);
  await c.query(`create temp table secs as select row_number() over (order by ord) - 1 as j, id from consultation_sections where consultation_id = '${cid}' and last_version is null and key like 'Điều %'`);
  const stances = ['approve', 'disapprove', 'partly'];
  const channels = ['portal', 'portal', 'portal', 'assisted'];
  const cats = ['citizen', 'citizen', 'organisation'];
  const ages = ['under-30', '30-60', 'over-60', ''];
  for (let from = 0; from < TALLY_PERSONS; from += 10_000) {
    const to = Math.min(TALLY_PERSONS, from + 10_000) - 1;
    await c.query(`insert into consultation_opinions (id, consultation_id, submitted_at, section_id, person_key, identity_method, channel, stance, text, category, age_band, province_code, commune_code, status)
      select gen_random_uuid(), '${cid}', now() - (p % 1000) * interval '1 minute', s.id, 'p' || p, 'otp-sms',
             (array['${channels.join("','")}'])[1 + p % ${channels.length}],
             (array['${stances.join("','")}'])[1 + (p + s.j) % 3],
             case when (p + s.j) % 3 = 0 then null else 'Ý kiến ' || p end,
             (array['${cats.join("','")}'])[1 + p % ${cats.length}],
             (array['${ages.join("','")}'])[1 + (p / 7) % ${ages.length}],
             pl.pp, pl.pk, 'counted'
        from generate_series(${from}, ${to}) as g(p)
        join places pl on pl.i = p % ${places}
        cross join secs s`);
    if (from % 100_000 === 0) process.stdout.write(`    ${((to + 1) * TALLY_SECTIONS).toLocaleString('en')} rows (${((performance.now() - t0) / 1000).toFixed(0)} s)\n`);
  }
  // The counters as the writer leaves them after a fold (stripe 0), and the totals.
  await c.query(`insert into consultation_counters (consultation_id, section_id, stance, channel, category, age_band, province_code, commune_code, stripe, n)
    select consultation_id, section_id, stance, channel, category, age_band, province_code, commune_code, 0, count(*) from consultation_opinions
     where consultation_id = '${cid}' and status = 'counted' group by 1, 2, 3, 4, 5, 6, 7, 8`);
  await c.query(`insert into consultation_margins (consultation_id, section_id, dim, value, commune, stripe, n)
    select consultation_id, section_id, d.dim, d.value, d.commune, 0, sum(c.n) from consultation_counters c
      cross join lateral (values ('stance', c.stance, ''), ('channel', c.channel, ''), ('category', c.category, ''), ('age', c.age_band, ''), ('place', c.province_code, c.commune_code)) as d(dim, value, commune)
     where consultation_id = '${cid}' group by 1, 2, 3, 4, 5`);
  await c.query(`insert into consultation_totals (consultation_id, key, stripe, n) values ('${cid}', 'received', 0, ${total}), ('${cid}', 'counted', 0, ${total}), ('${cid}', 'participants', 0, ${TALLY_PERSONS})`);
  await c.query('vacuum analyze consultation_counters');
  await c.query('vacuum analyze consultation_margins');
  const cells = Number((await c.query(`select count(*) as n from consultation_counters where consultation_id = '${cid}'`)).rows[0].n);
  const margins = Number((await c.query(`select count(*) as n from consultation_margins where consultation_id = '${cid}'`)).rows[0].n);
  const gen = (performance.now() - t0) / 1000;
  console.log(`  tally: ${total.toLocaleString('en')} opinions and ${cells.toLocaleString('en')} counter cells in ${gen.toFixed(0)} s`);

  // The floor: the tally's own statement (its figures, from the margins) alone, on a plain connection of the same
  // cluster. Beside it for reference: the plain read of the margins (the same figures, not shaped per section) and
  // the roll-up of the cross-product counters that the tally read before the margins.
  const floorQuery = new PgDialect().sqlToQuery(figuresSql(cid));
  const plainSql = `select section_id, dim, value, commune, sum(n) as n from consultation_margins where consultation_id = $1 group by 1, 2, 3, 4`;
  const rollupSql = `select section_id, stance, channel, category, age_band, province_code, commune_code, grouping(stance, channel, category, age_band, province_code) as g, sum(n) as n
      from consultation_counters where consultation_id = $1
     group by grouping sets ((section_id, stance), (section_id, channel), (section_id, category), (section_id, age_band), (section_id, province_code, commune_code))`;
  const database = await openDatabase({ databaseUrl: url });
  const out: Result[] = [];
  try {
    const row = (await consultationById(database.db, cid))!;
    const app: number[] = [];
    const floor: number[] = [];
    const rollup: number[] = [];
    const plain: number[] = [];
    // CPU of this process (the app's part of the tally; the floor's is the driver's parsing): the figure that does
    // not depend on how busy the shared machine is.
    const appCpu: number[] = [];
    const floorCpu: number[] = [];
    for (let i = 0; i < 17; i++) {
      const cpu = () => {
        const u = process.cpuUsage();
        return (u.user + u.system) / 1000;
      };
      // Each figure starts on a collected heap when the bench runs with --expose-gc (npm run bench does), so that one
      // measurement does not pay for the garbage of the one before (the roll-up's 60,000 rows).
      const collect = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
      collect();
      let t = performance.now();
      let k = cpu();
      const r = await computeTally(database.db, row, new Date());
      const a = performance.now() - t;
      const ac = cpu() - k;
      collect();
      t = performance.now();
      k = cpu();
      await c.query(floorQuery.sql, floorQuery.params);
      const fl = performance.now() - t;
      const fc = cpu() - k;
      t = performance.now();
      await c.query(rollupSql, [cid]);
      const ru = performance.now() - t;
      t = performance.now();
      await c.query(plainSql, [cid]);
      const pl = performance.now() - t;
      if (i >= 2) {
        app.push(a);
        floor.push(fl);
        rollup.push(ru);
        plain.push(pl);
        appCpu.push(ac);
        floorCpu.push(fc);
      }
      if (i === 0 && r.counted !== total) throw new Error(`tally counted ${r.counted}, expected ${total}`);
    }
    if (process.env.BENCH_TALLY_PROFILE) {
      // A CPU profile of 20 tallies alone (Chrome DevTools format), to see where the app's time goes.
      const { Session } = await import('node:inspector/promises');
      const session = new Session();
      session.connect();
      await session.post('Profiler.enable');
      await session.post('Profiler.start');
      for (let i = 0; i < 20; i++) await computeTally(database.db, row, new Date());
      const { profile } = await session.post('Profiler.stop');
      fs.writeFileSync(process.env.BENCH_TALLY_PROFILE, JSON.stringify(profile));
      session.disconnect();
    }
    const p50 = pct(app, 50);
    const f50 = pct(floor, 50);
    out.push({
      line: `tally 10M          p50 ${p50.toFixed(0).padStart(5)} ms (p99 ${pct(app, 99).toFixed(0)} ms) vs raw SQL floor p50 ${f50.toFixed(0)} ms = ${(p50 / f50).toFixed(2)}× (${total.toLocaleString('en')} opinions, ${cells.toLocaleString('en')} cells, ${margins.toLocaleString('en')} margin rows; plain read of the margins p50 ${pct(plain, 50).toFixed(0)} ms; roll-up of the cells p50 ${pct(rollup, 50).toFixed(0)} ms; CPU of this process p50 ${pct(appCpu, 50).toFixed(0)} ms for the tally, ${pct(floorCpu, 50).toFixed(0)} ms for the floor; generated in ${gen.toFixed(0)} s)  ${load()}`,
      ok: p50 < 300 && p50 <= 1.5 * f50,
    });
  } finally {
    await database.close();
    await c.end();
  }
  return out;
}

function cluster(): Result[] {
  const n = 100_000;
  const m = 200;
  const values = new Float64Array(n * m);
  let a = 12345;
  const rnd = () => {
    a = (Math.imul(a, 1103515245) + 12345) >>> 0;
    return a / 4294967296;
  };
  for (let i = 0; i < n; i++) {
    const g = i % 3;
    for (let j = 0; j < m; j++) {
      const u = rnd();
      const own = j % 3 === g ? 1 : -1;
      values[i * m + j] = u < 0.3 ? NaN : u < 0.38 ? 0.5 : u < 0.45 ? -own : own;
    }
  }
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const r = clusterStances({ values, n, m }, { seed: 1 });
  const wall = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const cpuS = (cpu.user + cpu.system) / 1e6;
  return [
    {
      line: `cluster 100k×200   ${wall.toFixed(1)} s wall, ${cpuS.toFixed(1)} s CPU (PCA ${(r.timings.pca / 1000).toFixed(1)} s, k-means ${(r.timings.kmeans / 1000).toFixed(1)} s; k = ${r.k}, sizes ${r.groups.map((g) => g.size).join('/')})  ${load()}`,
      ok: wall < 10,
    },
  ];
}

async function main() {
  console.log(`[bench-consultation] ${os.cpus().length} CPUs; ${load()}`);
  const results: Result[] = [];
  const report = (rs: Result[]) => {
    for (const r of rs) console.log(`  → ${r.line}`);
    results.push(...rs);
  };
  if (PARTS.includes('cluster')) report(cluster());
  if (PARTS.includes('ingest') || PARTS.includes('tally')) {
    const c = await startCluster({ durable: true, log: (m) => console.log(`  pg: ${m}`) });
    try {
      console.log(`  PostgreSQL 15, durable (fsync on, synchronous_commit on): ${c.dir}`);
      if (PARTS.includes('ingest')) report(await ingest(c.url));
      if (PARTS.includes('tally')) report(await tally(c.url));
    } finally {
      c.stop();
    }
  }
  console.log('\n[bench-consultation] summary (targets: ingest ≥ 5,000 opinions/s; tally < 300 ms and ≤ 1.5× floor; cluster < 10 s)');
  for (const r of results) console.log(`  ${r.ok === null ? ' ' : r.ok ? '✔' : '✖'} ${r.line}`);
  if (results.some((r) => r.ok === false)) process.exitCode = 1;
}

await main();
