/**
 * Write throughput of intake (issue 13, item 10): does a write queue behind one lock?
 *
 * On one durable PostgreSQL 15 cluster (scripts/pg-cluster.mjs with `durable: true`: fsync, synchronous_commit and
 * full_page_writes on), side by side in the same conditions:
 *   floor       raw one-row INSERT (autocommit, one pg connection per client) at 8 clients — what the disk and
 *               PostgreSQL allow with group commit;
 *   http floor  the same INSERT behind a bare Fastify route in its own process (bench-http-floor-server.ts), same
 *               client, same body: the least any write over HTTP costs on this machine (not part of the floor's mean);
 *   http-8      `createPetition` (POST /api/v1/petitions) over HTTP against a real `danvan serve --demo`
 *               (DATABASE_URL = the cluster) at 8 clients, each client receiving for its own commune of Hà Nội
 *               (the province's handler's token), mixed kinds (a third denunciations: sealed identities);
 *   http-1      the same with 1 client;
 *   pglite-1/8  the same against `danvan serve --demo` on an embedded PGlite data dir (one process, one connection).
 * Prints tps, p50 and p99 per line. Target (PostgreSQL): http-8 ≥ 25% of the floor and its p99 < 100 ms; exit 1
 * when missed.
 *
 *   npm run bench -- intake
 *   BENCH_SECONDS=10 BENCH_CLIENTS=8 tsx scripts/bench-intake.ts
 *   BENCH_PG_STATS=1 npm run bench -- intake   (adds a profile: the statements that took PostgreSQL's time, per request)
 *
 * Before/after side by side on a busy machine: BENCH_BEFORE_ROOT=<a checkout of the earlier commit, with its
 * node_modules> adds lines for a server run from that checkout, on its own database of the same cluster, each
 * measurement interleaved with the current one (before-8, after-8, before-1, after-1), in the same conditions.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { officialCommunes } from '@danvan/server/modules/agencies/official-data';
import { startServeProcess } from '@danvan/server/testing/serve-process';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 8);
const WARMUP_MS = 2000;

interface Cluster {
  url: string;
  dir: string;
  stop: () => void;
}
const clusterModule = './pg-cluster.mjs';
const { startCluster } = (await import(clusterModule)) as { startCluster: (o: { log?: (m: string) => void; durable?: boolean; settings?: string[] }) => Promise<Cluster> };
/** BENCH_PG_STATS=1: where PostgreSQL's time went during the 8-client line (pg_stat_statements, nested statements too). */
const PG_STATS = Boolean(process.env.BENCH_PG_STATS);
/** The cluster's data directory, for the PostgreSQL CPU probe of the HTTP floor. */
const CLUSTER_DIR = { value: '' };

interface Line {
  name: string;
  clients: number;
  n: number;
  errors: number;
  tps: number;
  p50: number;
  p99: number;
  /** CPU time per successful request (ms): the server process, and PostgreSQL's processes (Linux /proc only). */
  serverCpu?: number;
  pgCpu?: number;
}

/**
 * CPU seconds used so far by a process (utime + stime from /proc; 0 where there is no /proc). CPU per request is
 * what a busy shared machine does not distort much: tps and latency there depend on the other tenants' load.
 */
function cpuSeconds(pid: number): number {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

/**
 * CPU seconds of the cluster: the postmaster's live children (backends, WAL writer, checkpointer…) plus what its
 * exited children used (cutime + cstime of the postmaster: a pool closes idle connections between lines).
 */
function clusterCpuSeconds(dir: string): number {
  let postmaster = 0;
  try {
    postmaster = Number(fs.readFileSync(path.join(dir, 'data', 'postmaster.pid'), 'utf8').split('\n')[0]);
  } catch {
    return 0;
  }
  let total = 0;
  for (const d of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const ppid = Number(fs.readFileSync(`/proc/${d}/stat`, 'utf8').split(') ')[1]!.split(' ')[1]);
      if (ppid === postmaster || Number(d) === postmaster) total += cpuSeconds(Number(d));
      if (Number(d) === postmaster) {
        const f = fs.readFileSync(`/proc/${d}/stat`, 'utf8').split(') ')[1]!.split(' ');
        total += (Number(f[13]) + Number(f[14])) / 100;
      }
    } catch {
      // gone meanwhile
    }
  }
  return total;
}

interface CpuProbe {
  server?: () => number;
  pg?: () => number;
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
};

/** Runs `op` in a closed loop on `clients` workers: WARMUP_MS unmeasured, then SECONDS measured. */
async function closedLoop(name: string, clients: number, op: (worker: number, i: number) => Promise<boolean>, cpu: CpuProbe = {}): Promise<Line> {
  const lat: number[] = [];
  let errors = 0;
  let measuring = false;
  let stop = false;
  const workers = Array.from({ length: clients }, async (_, w) => {
    for (let i = 0; !stop; i++) {
      const t = performance.now();
      const ok = await op(w, i).catch((e: unknown) => {
        if (errors < 3) console.error(`  ${name}: ${e instanceof Error ? e.message : String(e)}`);
        return false;
      });
      if (!measuring) continue;
      if (ok) lat.push(performance.now() - t);
      else errors++;
    }
  });
  await new Promise((r) => setTimeout(r, WARMUP_MS));
  measuring = true;
  const t0 = performance.now();
  const s0 = cpu.server?.() ?? 0;
  const p0 = cpu.pg?.() ?? 0;
  await new Promise((r) => setTimeout(r, SECONDS * 1000));
  measuring = false;
  const s1 = cpu.server?.() ?? 0;
  const p1 = cpu.pg?.() ?? 0;
  const elapsed = (performance.now() - t0) / 1000;
  stop = true;
  await Promise.all(workers);
  const line: Line = { name, clients, n: lat.length, errors, tps: lat.length / elapsed, p50: pct(lat, 50), p99: pct(lat, 99) };
  if (cpu.server && lat.length) line.serverCpu = (1000 * (s1 - s0)) / lat.length;
  if (cpu.pg && lat.length) line.pgCpu = (1000 * (p1 - p0)) / lat.length;
  console.log(`  ${fmtLine(line)}`);
  return line;
}

function fmtLine(l: Line) {
  const cpu = l.serverCpu !== undefined ? `  CPU/request: server ${l.serverCpu.toFixed(2)} ms${l.pgCpu !== undefined ? `, PostgreSQL ${l.pgCpu.toFixed(2)} ms` : ''}` : '';
  return `${l.name.padEnd(28)} ${String(l.clients).padStart(2)} clients  ${l.tps.toFixed(0).padStart(6)} tps  p50 ${l.p50.toFixed(1).padStart(6)} ms  p99 ${l.p99.toFixed(1).padStart(6)} ms  (${l.n} ok, ${l.errors} errors)${cpu}`;
}

async function floor(url: string, clients: number): Promise<Line> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query('create table if not exists bench_floor (id bigserial primary key, at timestamptz not null default now(), v text not null)');
  await admin.end();
  const conns = await Promise.all(
    Array.from({ length: clients }, async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      return c;
    }),
  );
  try {
    return await closedLoop('floor: raw 1-row INSERT', clients, async (w, i) => {
      await conns[w]!.query('insert into bench_floor (v) values ($1)', [`w${w}-${i}`]);
      return true;
    });
  } finally {
    await Promise.all(conns.map((c) => c.end()));
  }
}

/**
 * The HTTP floor: the floor's raw INSERT behind a bare Fastify route (scripts/bench-http-floor-server.ts, its own
 * process, as the platform's server is), driven by the same client with the same petition body. The least any write
 * over HTTP costs here: on a 2-core machine the bench client, the HTTP server and PostgreSQL share the cores.
 */
async function httpFloor(url: string, clients: number): Promise<Line> {
  const { spawn } = await import('node:child_process');
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts/bench-http-floor-server.ts')], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: url },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const base = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout!.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /listening (\S+)/.exec(out);
        if (m) resolve(m[1]!);
      });
      child.on('exit', (code) => reject(new Error(`HTTP floor server exited (${code})`)));
    });
    const body = petitionBody(0, 0);
    return await closedLoop(
      'floor: HTTP 1-row INSERT',
      clients,
      async () => {
        const status = await post(`${base}/insert`, body, { authorization: 'Bearer x' });
        if (status !== 201) throw new Error(`HTTP floor: ${status}`);
        return true;
      },
      { server: () => cpuSeconds(child.pid!), pg: () => clusterCpuSeconds(CLUSTER_DIR.value) },
    );
  } finally {
    child.kill('SIGTERM');
  }
}

/** Resets pg_stat_statements (line null), or prints its top statements per request of `line`. */
async function statements(url: string, line: Line | null) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query('create extension if not exists pg_stat_statements');
    if (!line) {
      await c.query('select pg_stat_statements_reset()');
      return;
    }
    // Warm-up requests are counted too: per request is over every request sent since the reset (ok + warm-up ≈ n).
    const { rows } = await c.query<{ q: string; calls: string; ms: string; rows: string }>(
      `select regexp_replace(left(query, 110), '\\s+', ' ', 'g') as q, calls, round(total_exec_time::numeric, 1) as ms, rows
         from pg_stat_statements where query not like '%pg_stat_statements%' order by total_exec_time desc limit 25`,
    );
    console.log(`  pg_stat_statements over the ${line.clients}-client line (ms in total, calls; toplevel and nested):`);
    for (const r of rows) console.log(`    ${String(r.ms).padStart(9)} ms ${String(r.calls).padStart(7)}×  ${r.q}`);
  } finally {
    await c.end();
  }
}

async function createDatabase(url: string, name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function startServer(env: Record<string, string>, root = ROOT) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'danvan-bench-intake-'));
  const server = await startServeProcess({
    dataDir,
    args: ['--demo'],
    cwd: root,
    nodeArgs: process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean),
    env: { ...process.env, LOG_LEVEL: 'warn', DANVAN_NOTIFY_INTERVAL_MS: '0', DANVAN_SWEEP_MINUTES: '0', DANVAN_ANCHOR_HOURS: '0', ...env },
    pollMs: 300,
    name: 'server',
  });
  const base = server.baseUrl;
  const login = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: base },
    body: JSON.stringify({ username: 'tinh.xuly', password: 'DanVan@2026' }),
  });
  if (!login.ok) throw new Error(`login: ${login.status} ${await login.text()}`);
  const { token } = (await login.json()) as { token: string };
  return {
    base,
    token,
    pid: server.child.pid!,
    stop: async () => {
      await server.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

const KINDS = ['complaint', 'feedback', 'denunciation'] as const;
const COMMUNES = officialCommunes()
  .filter((c) => c.provinceCode === '01')
  .map((c) => c.code);

function petitionBody(w: number, i: number): string {
  return JSON.stringify({
    agency: COMMUNES[w % COMMUNES.length],
    channel: 'post',
    type: KINDS[i % KINDS.length]!,
    content: `Đơn thử tải số ${i} của luồng ${w}: đề nghị xem xét việc cấp giấy chứng nhận quyền sử dụng đất tại tổ dân phố ${i % 40}`,
    petitioner: { name: `Nguyễn Văn Thử ${w}-${i}`, idNumber: `0010${String(w).padStart(2, '0')}${String(i % 1_000_000).padStart(6, '0')}`, phone: '0912345678', address: 'Hà Nội' },
  });
}

/**
 * The bench's HTTP client: node:http with keep-alive connections (one per client). On a 2-core machine the client
 * shares the cores with the server and PostgreSQL; fetch (undici) cost about twice its CPU per request here.
 */
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
function post(url: string, body: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

function petitionOp(server: { base: string; token: string }) {
  return async (w: number, i: number) => {
    const status = await post(`${server.base}/api/v1/petitions`, petitionBody(w, i), { authorization: `Bearer ${server.token}`, origin: server.base });
    if (status !== 201) throw new Error(`createPetition: HTTP ${status}`);
    return true;
  };
}

async function main() {
  console.log(`[bench-intake] ${new Date().toISOString()} ${SECONDS} s per line after ${WARMUP_MS / 1000} s warm-up; ${os.cpus().length} CPUs, load ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`);
  const lines: Line[] = [];
  const cluster = await startCluster({
    durable: true,
    log: (m) => console.log(`  pg: ${m}`),
    settings: PG_STATS ? ['shared_preload_libraries=pg_stat_statements', 'pg_stat_statements.track=all'] : [],
  });
  try {
    console.log(`  PostgreSQL 15, durable (fsync on, synchronous_commit on): ${cluster.dir}`);
    lines.push(await floor(cluster.url, CLIENTS));
    CLUSTER_DIR.value = cluster.dir;
    lines.push(await httpFloor(cluster.url, CLIENTS));
    const beforeRoot = process.env.BENCH_BEFORE_ROOT;
    const before = beforeRoot ? await startServer({ DATABASE_URL: await createDatabase(cluster.url, 'danvan_before') }, path.resolve(beforeRoot)) : null;
    const server = await startServer({ DATABASE_URL: cluster.url });
    try {
      // The BEFORE server has its own database on the same cluster: PostgreSQL's CPU is the whole cluster's, and only
      // one server is driven at a time, so it is that server's.
      const pg = () => clusterCpuSeconds(cluster.dir);
      for (const clients of [CLIENTS, 1]) {
        if (before) lines.push(await closedLoop('pg: createPetition BEFORE', clients, petitionOp(before), { server: () => cpuSeconds(before.pid), pg }));
        if (PG_STATS) await statements(cluster.url, null);
        const line = await closedLoop('pg: createPetition over HTTP', clients, petitionOp(server), { server: () => cpuSeconds(server.pid), pg });
        lines.push(line);
        if (PG_STATS) await statements(cluster.url, line);
      }
    } finally {
      await server.stop();
      await before?.stop();
    }
    lines.push(await floor(cluster.url, CLIENTS));
  } finally {
    cluster.stop();
  }
  const lite = await startServer({ DATABASE_URL: '' });
  try {
    lines.push(await closedLoop('pglite: createPetition (HTTP)', CLIENTS, petitionOp(lite), { server: () => cpuSeconds(lite.pid) }));
    lines.push(await closedLoop('pglite: createPetition (HTTP)', 1, petitionOp(lite), { server: () => cpuSeconds(lite.pid) }));
  } finally {
    await lite.stop();
  }
  const floors = lines.filter((l) => l.name.startsWith('floor: raw'));
  const floorTps = floors.reduce((a, l) => a + l.tps, 0) / floors.length;
  const http8 = lines.find((l) => l.name === 'pg: createPetition over HTTP' && l.clients === CLIENTS)!;
  console.log(`\n[bench-intake] summary (floor measured before and after the HTTP lines; mean ${floorTps.toFixed(0)} tps)`);
  for (const l of lines) console.log(`  ${fmtLine(l)}${l.name.startsWith('pg:') || l.name.startsWith('floor: HTTP') ? `  = ${((100 * l.tps) / floorTps).toFixed(1)}% of the floor` : ''}`);
  console.log(`[bench-intake] load at the end ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`);
  const ok = http8.tps >= 0.25 * floorTps && http8.p99 < 100 && http8.errors === 0;
  console.log(`[bench-intake] target (PostgreSQL, ${CLIENTS} clients): ≥ 25% of the floor and p99 < 100 ms — ${ok ? 'met' : 'NOT met'}`);
  if (!ok) process.exitCode = 1;
}

await main();
