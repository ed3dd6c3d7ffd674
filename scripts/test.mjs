#!/usr/bin/env node
// `npm test`: every check of the repo, in order, stopping at the first failure.
//
//   node scripts/test.mjs                          all steps
//   node scripts/test.mjs --only=domain,server-pglite
//   node scripts/test.mjs --list                   show the steps
//
// Steps: lint, knip, typecheck, domain, web (component tests), server-pglite, server-postgres, web-build, e2e.
// `server-postgres` runs against a throwaway PostgreSQL 15 cluster (scripts/pg-cluster.mjs) that
// is always stopped and deleted afterwards, also on failure, Ctrl-C or SIGTERM.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PG_BIN, startCluster, stopAllClusters } from './pg-cluster.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Wall-clock formatting: 850ms, 12.3s, 2m 05.1s */
function fmt(ms) {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(1)}s`;
  const m = Math.floor(s / 60);
  return `${m}m ${(s - m * 60).toFixed(1).padStart(4, '0')}s`;
}

const log = (msg) => console.log(`[test] ${msg}`);

/** Test files under `dir` matching *.test.ts (node_modules and dot-dirs skipped). */
function findTests(dir) {
  const out = [];
  const walk = (d) => {
    let entries;
    try {
      entries = fs.readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (e.name === 'node_modules' || e.name.startsWith('.')) continue;
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile() && e.name.endsWith('.test.ts')) out.push(p);
    }
  };
  walk(path.join(ROOT, dir));
  return out;
}

/** `--passWithNoTests` only while a project has no test files at all; never once tests exist. */
function passIfNoTests(dir) {
  if (findTests(dir).length > 0) return [];
  log(`notice: no ${dir}/**/*.test.ts yet — passing --passWithNoTests`);
  return ['--passWithNoTests'];
}

/** Prefer the workspace's own binary (no npx resolution overhead); fall back to npx. */
function bin(name) {
  const local = path.join(ROOT, 'node_modules', '.bin', name);
  return fs.existsSync(local) ? [local] : ['npx', '--no-install', name];
}

let currentChild = null;

/** Run a command with inherited stdio; resolves its exit code (signal → 128+n-ish, non-zero). */
function exec(argv, env = {}) {
  const [cmd, ...args] = argv;
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: ROOT, stdio: 'inherit', env: { ...process.env, ...env } });
    currentChild = child;
    child.on('error', (e) => {
      console.error(`[test] could not start ${cmd}: ${e.message}`);
      currentChild = null;
      resolve(127);
    });
    child.on('exit', (code, signal) => {
      currentChild = null;
      resolve(code ?? (signal ? 128 + (signal === 'SIGINT' ? 2 : 15) : 1));
    });
  });
}

/**
 * A step returns: { code } (0 = pass) or { skipped: 'reason' }.
 * `show` is what gets printed as the command.
 */
const STEPS = [
  {
    name: 'lint',
    show: 'eslint .',
    run: async () => ({ code: await exec([...bin('eslint'), '.']) }),
  },
  {
    // Dead code: unused files, exports, dependencies (knip.json lists the entry points of each workspace).
    name: 'knip',
    show: 'knip',
    run: async () => ({ code: await exec([...bin('knip'), '--no-progress']) }),
  },
  {
    name: 'typecheck',
    show: 'npm run gen:api && tsc -b (web API types regenerated from the server schemas first)',
    run: async () => {
      const gen = await exec([...bin('tsx'), 'scripts/gen-api-types.ts']);
      if (gen !== 0) return { code: gen };
      return { code: await exec([...bin('tsc'), '-b']) };
    },
  },
  {
    name: 'domain',
    show: 'vitest run --project domain',
    run: async () => ({ code: await exec([...bin('vitest'), 'run', '--project', 'domain']) }),
  },
  {
    name: 'web',
    show: 'vitest run --project web (component tests, happy-dom)',
    run: async () => ({ code: await exec([...bin('vitest'), 'run', '--project', 'web']) }),
  },
  {
    name: 'server-pglite',
    // Two workers: the PGlite tests are CPU-bound in the worker itself (the database runs in-process), and on this
    // 2-core machine the default (cores − 1 = one worker) left a core idle: 17 min under load with two, about 31 with one.
    show: 'DANVAN_TEST_DB=pglite vitest run --project server --maxWorkers=2',
    run: async () => ({
      code: await exec([...bin('vitest'), 'run', '--project', 'server', '--maxWorkers=2', ...passIfNoTests('server')], {
        DANVAN_TEST_DB: 'pglite',
      }),
    }),
  },
  {
    name: 'server-postgres',
    show: 'DANVAN_TEST_DB=postgres vitest run --project server (throwaway PostgreSQL 15)',
    run: async () => {
      let cluster;
      try {
        cluster = await startCluster({ log: (m) => log(`pg: ${m}`) });
      } catch (e) {
        console.error(`[test] could not start the PostgreSQL test cluster:\n${e instanceof Error ? e.message : e}`);
        return { code: 1 };
      }
      log(`pg: cluster up in ${fmt(cluster.timings.startMs)} at ${cluster.url} (dir ${cluster.dir})`);
      try {
        const code = await exec([...bin('vitest'), 'run', '--project', 'server', ...passIfNoTests('server')], {
          DANVAN_TEST_DB: 'postgres',
          DANVAN_TEST_DATABASE_URL: cluster.url,
        });
        return { code };
      } finally {
        const t = performance.now();
        cluster.stop();
        log(`pg: cluster stopped and ${cluster.dir} removed in ${fmt(performance.now() - t)}`);
      }
    },
  },
  {
    name: 'web-build',
    show: 'npm run build -w web',
    run: async () => {
      if (!fs.existsSync(path.join(ROOT, 'web', 'index.html'))) {
        return { skipped: 'web/index.html does not exist yet — nothing to build' };
      }
      return { code: await exec(['npm', 'run', 'build', '-w', 'web']) };
    },
  },
  {
    name: 'e2e',
    show: 'vitest run --project e2e',
    run: async () => ({ code: await exec([...bin('vitest'), 'run', '--project', 'e2e', ...passIfNoTests('e2e')]) }),
  },
];

const NAMES = STEPS.map((s) => s.name);

function usage() {
  return [
    'usage: node scripts/test.mjs [--only=step[,step...]] [--list]',
    `steps (always run in this order): ${NAMES.join(', ')}`,
  ].join('\n');
}

function parseArgs(argv) {
  let only = null;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--help' || a === '-h') {
      console.log(usage());
      process.exit(0);
    } else if (a === '--list') {
      for (const s of STEPS) console.log(`${s.name.padEnd(16)} ${s.show}`);
      process.exit(0);
    } else if (a.startsWith('--only=') || a === '--only') {
      const value = a === '--only' ? argv[++i] : a.slice('--only='.length);
      const names = (value ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      const unknown = names.filter((n) => !NAMES.includes(n));
      if (names.length === 0 || unknown.length) {
        console.error(`[test] unknown or empty --only step(s): ${unknown.join(', ') || '(none given)'}\n${usage()}`);
        process.exit(2);
      }
      only = new Set([...(only ?? []), ...names]);
    } else {
      console.error(`[test] unknown argument: ${a}\n${usage()}`);
      process.exit(2);
    }
  }
  return only;
}

// ---------------------------------------------------------------- signals
let interrupted = false;
function onSignal(signal) {
  if (interrupted) return;
  interrupted = true;
  console.error(`\n[test] ${signal} received — stopping`);
  if (currentChild && currentChild.exitCode === null) {
    try {
      currentChild.kill(signal === 'SIGINT' ? 'SIGINT' : 'SIGTERM');
    } catch {
      /* already gone */
    }
  }
  stopAllClusters(); // synchronous: stops PostgreSQL and removes its temp dir
  process.exit(signal === 'SIGINT' ? 130 : 143);
}
process.on('SIGINT', () => onSignal('SIGINT'));
process.on('SIGTERM', () => onSignal('SIGTERM'));
process.on('SIGHUP', () => onSignal('SIGHUP'));

// ---------------------------------------------------------------- preflight
/**
 * What the selected steps need from the machine beyond `npm ci`: Debian's Chromium for the browser journeys and the
 * PostgreSQL 15 server binaries for server-postgres. A missing one is installed when we are root with apt-get (as
 * .ci/run does), else the run stops at once saying exactly what to install — not deep inside a step.
 */
const SYSTEM_NEEDS = [
  { step: 'e2e', what: 'Chromium (browser journeys)', file: '/usr/bin/chromium', pkg: 'chromium' },
  { step: 'server-postgres', what: 'PostgreSQL 15 server', file: path.join(PG_BIN, 'initdb'), pkg: 'postgresql-15' },
];

function preflight(selected) {
  const names = new Set(selected.map((s) => s.name));
  const missing = SYSTEM_NEEDS.filter((n) => names.has(n.step) && !fs.existsSync(n.file));
  if (missing.length === 0) return true;
  const pkgs = missing.map((m) => m.pkg);
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const hasApt = fs.existsSync('/usr/bin/apt-get');
  if (isRoot && hasApt) {
    log(`installing what the tests need: ${pkgs.join(' ')} (apt-get)`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    const up = spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    const inst = up.status === 0 ? spawnSync('apt-get', ['install', '-y', '-qq', ...pkgs], { stdio: 'inherit', env }) : up;
    if (inst.status === 0 && missing.every((m) => fs.existsSync(m.file))) return true;
  }
  console.error(
    [
      '[test] this machine lacks what the tests need / máy này thiếu phần mềm cần cho kiểm thử:',
      ...missing.map((m) => `[test]   ${m.what}: ${m.file} not found (step ${m.step})`),
      `[test] install it / cài đặt:  sudo apt-get update && sudo apt-get install -y ${pkgs.join(' ')}`,
      `[test] or skip those steps:  node scripts/test.mjs --only=${NAMES.filter((n) => !missing.some((m) => m.step === n)).join(',')}`,
    ].join('\n'),
  );
  return false;
}

// ---------------------------------------------------------------- main
async function main() {
  const only = parseArgs(process.argv.slice(2));
  const selected = STEPS.filter((s) => !only || only.has(s.name));
  if (!preflight(selected)) {
    console.log('0 passed, 1 failed');
    return 1;
  }
  const results = [];
  const tTotal = performance.now();
  let failed = null;

  for (const step of selected) {
    console.log(`\n[test] ▶ ${step.name}: ${step.show}`);
    const t = performance.now();
    let r;
    try {
      r = await step.run();
    } catch (e) {
      console.error(`[test] ${step.name} crashed: ${e instanceof Error ? (e.stack ?? e.message) : e}`);
      r = { code: 1 };
    }
    const ms = performance.now() - t;
    if (r.skipped) {
      log(`○ ${step.name} skipped (${fmt(ms)}): ${r.skipped}`);
      results.push({ name: step.name, status: 'skipped', ms });
    } else if (r.code === 0) {
      log(`✔ ${step.name} passed in ${fmt(ms)}`);
      results.push({ name: step.name, status: 'passed', ms });
    } else {
      results.push({ name: step.name, status: 'failed', ms, code: r.code });
      failed = { step, code: r.code, ms };
      break;
    }
  }

  const total = performance.now() - tTotal;
  const ran = new Set(results.map((r) => r.name));
  const notRun = selected.filter((s) => !ran.has(s.name)).map((s) => s.name);

  console.log('\n[test] ───────────── summary ─────────────');
  for (const r of results) {
    const mark = { passed: '✔', failed: '✖', skipped: '○' }[r.status];
    console.log(`[test] ${mark} ${r.name.padEnd(16)} ${r.status.padEnd(8)} ${fmt(r.ms)}`);
  }
  for (const n of notRun) console.log(`[test] · ${n.padEnd(16)} not run`);
  console.log(`[test] total wall time ${fmt(total)}`);
  if (failed) {
    console.error(
      `[test] FAILED at step "${failed.step.name}" (${failed.step.show}) — exit code ${failed.code} after ${fmt(failed.ms)}.` +
        ` Steps after it were not run. Re-run just this step: node scripts/test.mjs --only=${failed.step.name}`,
    );
  }

  const count = (st) => results.filter((r) => r.status === st).length;
  const extra = [count('skipped') && `${count('skipped')} skipped`, notRun.length && `${notRun.length} not run`].filter(Boolean);
  console.log([`${count('passed')} passed`, `${count('failed')} failed`, ...extra].join(', '));
  return failed ? 1 : 0;
}

main().then(
  (code) => {
    stopAllClusters();
    process.exitCode = code;
  },
  (e) => {
    console.error(`[test] internal error: ${e instanceof Error ? (e.stack ?? e.message) : e}`);
    stopAllClusters();
    process.exitCode = 1;
  },
);
