/**
 * `npm run bench`: the performance benchmarks, one section per scripts/bench-*.ts, each in its own process (each owns
 * one budget, prints its figures and exits non-zero when it misses it). Benchmarks are not part of `npm test`
 * (timed tests stay free of machine speed).
 *
 * Order: the report bench first (bench-report.ts: PostgreSQL at scale 1, PGlite at scale 1, PostgreSQL at 10M cases —
 * the last one takes about an hour on a 2-core machine), any other bench-*.ts, and the portal bench
 * (bench-portal.ts) last, when it exists.
 *
 *   npm run bench                      every section
 *   npm run bench -- report portal     only the files whose name contains one of the words
 *   BENCH_SECTIONS=pg-1,pglite-1 npm run bench -- report     report sections (see bench-report.ts for its settings)
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = path.dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const FIRST = ['bench-report.ts'];
const LAST = ['bench-portal.ts'];
const rank = (f: string) => (FIRST.includes(f) ? 0 : LAST.includes(f) ? 2 : 1);
const benches = fs
  .readdirSync(dir)
  // Sections are bench-<name>.ts; bench-<name>-<part>.ts are their helpers.
  .filter((f) => /^bench-[a-z0-9]+\.ts$/.test(f))
  .filter((f) => !only.length || only.some((o) => f.includes(o)))
  .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
let failed = 0;
const started = performance.now();
for (const file of benches) {
  console.log(`\n[bench] ▶ ${file}`);
  const args = file === 'bench-report.ts' && process.env.BENCH_SECTIONS ? process.env.BENCH_SECTIONS.split(',') : [];
  const r = spawnSync(process.execPath, ['--max-old-space-size=8192', '--expose-gc', '--import', 'tsx', path.join(dir, file), ...args], { stdio: 'inherit', cwd: path.resolve(dir, '..') });
  if (r.status !== 0) {
    failed++;
    console.log(`[bench] ✖ ${file} (exit ${r.status ?? r.signal})`);
  } else console.log(`[bench] ✔ ${file}`);
}
console.log(`\n[bench] ${benches.length - failed} passed, ${failed} failed (${((performance.now() - started) / 60_000).toFixed(1)} min)`);
process.exit(failed ? 1 : 0);
