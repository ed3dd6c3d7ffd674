#!/usr/bin/env node
// Throwaway PostgreSQL 15 cluster for the `server-postgres` test step (see scripts/test.mjs).
//
//   import { startCluster } from './pg-cluster.mjs';
//   const c = await startCluster();   // { url, port, dir, stop() }
//   ... DANVAN_TEST_DATABASE_URL=c.url ...
//   c.stop();                          // synchronous, idempotent; also runs on process exit
//
// CLI:
//   node scripts/pg-cluster.mjs start   start a cluster, print its URL, keep it until Ctrl-C
//   node scripts/pg-cluster.mjs check   start, verify (connect + contrib extensions), stop; print timings
//   node scripts/pg-cluster.mjs clean   stop/remove clusters left behind by killed runs (dead owner pid)
//
// Layout: <tmpdir>/danvan-pg-XXXXXX/{owner.pid, .s.PGSQL.<port> (socket), data/ (PGDATA, incl. server.log)}.
// Uses only Node built-ins and `pg`. Binaries run as the `postgres` OS user when we are root
// (initdb refuses to run as root).
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const PG_BIN = process.env.DANVAN_PG_BIN ?? '/usr/lib/postgresql/15/bin';
export const DEFAULT_DATABASE = 'danvan_test';
/** Extensions the app's migrations create; each must be creatable in the cluster. */
export const REQUIRED_EXTENSIONS = ['pg_trgm', 'unaccent', 'citext', 'ltree', 'uuid-ossp'];
const DIR_PREFIX = 'danvan-pg-';
const PG_USER = 'postgres';

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

/** Live clusters of this process, by base dir → stop function. */
const live = new Map();
let exitHookInstalled = false;

function argvFor(bin, args) {
  const exe = path.join(PG_BIN, bin);
  return isRoot ? ['runuser', ['-u', PG_USER, '--', exe, ...args]] : [exe, args];
}

/** Run a PostgreSQL binary (as `postgres` when root). Resolves {code, stdout, stderr}; never rejects on exit code. */
function run(bin, args, { cwd } = {}) {
  const [cmd, argv] = argvFor(bin, args);
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, argv, { cwd, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LC_ALL: 'C' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 128 : 1), stdout, stderr }));
  });
}

function runSync(bin, args, { cwd, timeout = 30_000 } = {}) {
  const [cmd, argv] = argvFor(bin, args);
  return spawnSync(cmd, argv, { cwd, encoding: 'utf8', timeout, env: { ...process.env, LC_ALL: 'C' } });
}

/** A free TCP port on the loopback interface (bind :0, read, close). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => (port ? resolve(port) : reject(new Error('could not determine a free port'))));
    });
  });
}

function tail(file, lines = 30) {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

function pidAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return /** @type {NodeJS.ErrnoException} */ (e).code === 'EPERM';
  }
}

/**
 * Stop the postmaster of `base` (if any) and delete `base`. Synchronous so it is safe in
 * `process.on('exit')` and signal handlers. Never throws.
 */
function destroySync(base) {
  const data = path.join(base, 'data');
  const pidFile = path.join(data, 'postmaster.pid');
  try {
    if (fs.existsSync(pidFile)) {
      const r = runSync('pg_ctl', ['-D', data, '-m', 'immediate', '-w', '-t', '20', 'stop'], { cwd: base });
      if (r.status !== 0 && fs.existsSync(pidFile)) {
        // pg_ctl failed (binary gone, timeout…): SIGQUIT is PostgreSQL's "immediate shutdown".
        const pid = Number.parseInt(fs.readFileSync(pidFile, 'utf8').split('\n')[0] ?? '', 10);
        if (pid > 0 && pidAlive(pid)) {
          try {
            process.kill(pid, 'SIGQUIT');
          } catch {
            /* gone */
          }
        }
      }
    }
  } catch (e) {
    console.error(`[pg-cluster] could not stop cluster in ${base}: ${e instanceof Error ? e.message : e}`);
  }
  try {
    fs.rmSync(base, { recursive: true, force: true, maxRetries: 3 });
  } catch (e) {
    console.error(`[pg-cluster] could not remove ${base}: ${e instanceof Error ? e.message : e}`);
  }
}

/** Stop every cluster started by this process (sync; for signal handlers). */
export function stopAllClusters() {
  for (const stop of [...live.values()]) stop();
}

/**
 * Remove clusters left in os.tmpdir() by runs that were killed without cleanup (SIGKILL, crash):
 * only those whose owner pid is no longer alive, so concurrent runs are left alone.
 * Returns the list of removed dirs.
 */
export function cleanStaleClusters() {
  const removed = [];
  let entries = [];
  try {
    entries = fs.readdirSync(os.tmpdir()).filter((n) => n.startsWith(DIR_PREFIX));
  } catch {
    return removed;
  }
  for (const name of entries) {
    const base = path.join(os.tmpdir(), name);
    let owner = 0;
    try {
      owner = Number.parseInt(fs.readFileSync(path.join(base, 'owner.pid'), 'utf8'), 10);
    } catch {
      // No owner file: either being created right now or very broken. Only touch it if old.
      try {
        if (Date.now() - fs.statSync(base).mtimeMs < 10 * 60_000) continue;
      } catch {
        continue;
      }
    }
    if (owner > 0 && (owner === process.pid || pidAlive(owner))) continue;
    destroySync(base);
    removed.push(base);
  }
  return removed;
}

function installExitHook() {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', stopAllClusters);
}

async function initdb(base, data) {
  const common = ['-D', data, '-U', PG_USER, '--auth=trust', '-E', 'UTF8', '--no-sync', '--no-instructions'];
  let r = await run('initdb', [...common, '--locale=C.UTF-8'], { cwd: base });
  if (r.code !== 0 && /locale/i.test(r.stderr)) {
    fs.rmSync(data, { recursive: true, force: true });
    r = await run('initdb', [...common, '--no-locale'], { cwd: base });
  }
  if (r.code !== 0) {
    throw new Error(`initdb failed (exit ${r.code}):\n${r.stderr || r.stdout}`);
  }
}

async function pgCtlStart(base, data, port, durable = false, settings = []) {
  const opts = [
    `-p ${port}`,
    `-k "${base}"`,
    '-c listen_addresses=127.0.0.1',
    // Tests trade durability for speed; a durable cluster (benchmarks of writes) keeps PostgreSQL's defaults.
    ...(durable ? ['-c max_connections=200'] : ['-c fsync=off', '-c synchronous_commit=off', '-c full_page_writes=off']),
    ...settings.map((s) => `-c ${s}`),
  ].join(' ');
  const log = path.join(data, 'server.log');
  const r = await run('pg_ctl', ['-D', data, '-l', log, '-o', opts, '-w', '-t', '60', 'start'], { cwd: base });
  return { ok: r.code === 0, detail: `${r.stderr || r.stdout}\n--- server.log ---\n${tail(log)}` };
}

async function withClient(pg, url, fn) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

function quoteIdent(name) {
  return `"${name.replaceAll('"', '""')}"`;
}

/**
 * Start a throwaway PostgreSQL 15 cluster on a free loopback port with database `database`
 * created, and verify the required contrib extensions can be created in it (inside a
 * rolled-back transaction, so the database stays empty).
 *
 * `durable: true` keeps fsync, synchronous_commit and full_page_writes on (PostgreSQL's defaults), for write benchmarks.
 *
 * `settings` adds `name=value` server settings (e.g. `shared_preload_libraries=pg_stat_statements` for a profile).
 *
 * @param {{ database?: string, extensions?: string[], log?: (msg: string) => void, durable?: boolean, settings?: string[] }} [options]
 * @returns {Promise<{ url: string, port: number, dir: string, database: string, timings: { startMs: number }, stop: () => void }>}
 */
export async function startCluster({ database = DEFAULT_DATABASE, extensions = REQUIRED_EXTENSIONS, log = () => {}, durable = false, settings = [] } = {}) {
  const t0 = performance.now();
  if (!fs.existsSync(path.join(PG_BIN, 'initdb'))) {
    throw new Error(
      `PostgreSQL 15 server binaries not found in ${PG_BIN}. Install them (Debian: apt-get install postgresql-15) ` +
        'or point DANVAN_PG_BIN at the directory holding initdb/pg_ctl/postgres.',
    );
  }
  const { default: pg } = await import('pg');

  const stale = cleanStaleClusters();
  if (stale.length) log(`removed ${stale.length} stale cluster(s) left by killed runs: ${stale.join(', ')}`);

  const base = fs.mkdtempSync(path.join(os.tmpdir(), DIR_PREFIX));
  const data = path.join(base, 'data');
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    live.delete(base);
    destroySync(base);
  };
  live.set(base, stop);
  installExitHook();

  try {
    fs.writeFileSync(path.join(base, 'owner.pid'), String(process.pid));
    if (isRoot) {
      const r = spawnSync('chown', ['-R', `${PG_USER}:${PG_USER}`, base], { encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`chown ${base} to ${PG_USER} failed: ${r.stderr || r.error?.message}`);
    }

    await initdb(base, data);

    // The port is free when we look, but may be taken before the postmaster binds it: retry a few times.
    let port = 0;
    for (let attempt = 1; ; attempt++) {
      port = await freePort();
      const r = await pgCtlStart(base, data, port, durable, settings);
      if (r.ok) break;
      const portClash = /could not (bind|create listen)|address already in use/i.test(r.detail);
      if (!portClash || attempt >= 3) throw new Error(`pg_ctl start failed:\n${r.detail}`);
      log(`port ${port} was taken, retrying`);
    }

    const adminUrl = `postgres://${PG_USER}@127.0.0.1:${port}/postgres`;
    const url = `postgres://${PG_USER}@127.0.0.1:${port}/${database}`;
    await withClient(pg, adminUrl, (c) => c.query(`CREATE DATABASE ${quoteIdent(database)}`));

    await withClient(pg, url, async (c) => {
      const missing = [];
      await c.query('BEGIN');
      for (const ext of extensions) {
        await c.query('SAVEPOINT ext');
        try {
          await c.query(`CREATE EXTENSION IF NOT EXISTS ${quoteIdent(ext)}`);
          await c.query('RELEASE SAVEPOINT ext');
        } catch (e) {
          await c.query('ROLLBACK TO SAVEPOINT ext');
          missing.push(`${ext}: ${e instanceof Error ? e.message : e}`);
        }
      }
      await c.query('ROLLBACK');
      if (missing.length) {
        throw new Error(
          `required PostgreSQL extensions cannot be created in the test cluster:\n  ${missing.join('\n  ')}\n` +
            'They ship with PostgreSQL contrib (Debian: postgresql-15 includes them; check /usr/share/postgresql/15/extension).',
        );
      }
    });

    return { url, port, dir: base, database, timings: { startMs: performance.now() - t0 }, stop };
  } catch (e) {
    stop();
    throw e;
  }
}

// ---------------------------------------------------------------- CLI
function fmt(ms) {
  return `${(ms / 1000).toFixed(2)}s`;
}

async function cli(cmd) {
  const log = (m) => console.error(`[pg-cluster] ${m}`);
  switch (cmd) {
    case 'start': {
      const c = await startCluster({ log });
      log(`started in ${fmt(c.timings.startMs)} (dir ${c.dir}); Ctrl-C to stop and delete it`);
      console.log(c.url);
      const shutdown = () => {
        const t = performance.now();
        c.stop();
        log(`stopped and removed in ${fmt(performance.now() - t)}`);
        process.exit(0);
      };
      process.on('SIGINT', shutdown);
      process.on('SIGTERM', shutdown);
      setInterval(() => {}, 1 << 30);
      return;
    }
    case 'check': {
      const c = await startCluster({ log });
      log(`started + database + extensions verified in ${fmt(c.timings.startMs)}: ${c.url}`);
      const t = performance.now();
      c.stop();
      log(`stopped and removed in ${fmt(performance.now() - t)}; dir gone: ${!fs.existsSync(c.dir)}`);
      return;
    }
    case 'clean': {
      const removed = cleanStaleClusters();
      log(removed.length ? `removed: ${removed.join(', ')}` : 'nothing to clean');
      return;
    }
    default:
      console.error('usage: node scripts/pg-cluster.mjs start|check|clean');
      process.exitCode = 2;
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  cli(process.argv[2]).catch((e) => {
    console.error(`[pg-cluster] ${e instanceof Error ? e.message : e}`);
    process.exitCode = 1;
  });
}
