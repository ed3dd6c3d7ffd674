/**
 * `npm run bench`: runs every scripts/bench-*.ts in turn (each owns one budget and prints its figures) and fails
 * when one of them fails. Benchmarks are not part of `npm test` (timed tests stay free of machine speed).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = path.dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const benches = fs
  .readdirSync(dir)
  .filter((f) => /^bench-.+\.ts$/.test(f))
  .filter((f) => !only.length || only.some((o) => f.includes(o)))
  .sort();
let failed = 0;
for (const file of benches) {
  console.log(`\n[bench] ▶ ${file}`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(dir, file)], { stdio: 'inherit', cwd: path.resolve(dir, '..') });
  if (r.status !== 0) {
    failed++;
    console.log(`[bench] ✖ ${file} (exit ${r.status ?? r.signal})`);
  } else console.log(`[bench] ✔ ${file}`);
}
console.log(`\n[bench] ${benches.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
