#!/usr/bin/env node
// `npm start`: build the staff web app when its sources are newer than the build, then
// `danvan serve --demo` on the embedded database. Extra arguments are passed through: `npm start -- --port 9000`.
import { spawnSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'web', 'dist', 'index.html');

function newest(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

const sources = [path.join(root, 'web', 'src'), path.join(root, 'domain', 'src')].filter(existsSync);
const builtAt = existsSync(dist) ? statSync(dist).mtimeMs : 0;
const changedAt = Math.max(...sources.map(newest), ...['index.html', 'vite.config.ts'].map((f) => (existsSync(path.join(root, 'web', f)) ? statSync(path.join(root, 'web', f)).mtimeMs : 0)));
if (existsSync(path.join(root, 'web', 'index.html')) && changedAt > builtAt) {
  console.log('Đang dựng giao diện cán bộ (web) / building the staff app…');
  const r = spawnSync('npm', ['run', 'build', '-w', 'web'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
const child = spawn(process.execPath, [path.join(root, 'bin', 'danvan.mjs'), 'serve', '--demo', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code) => process.exit(code ?? 0));
