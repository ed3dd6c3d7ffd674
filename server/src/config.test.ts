import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { KNOWN_VARIABLES, readConfig } from './config.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Every DANVAN_* name written in the sources (the list in config.ts itself and this test left out). */
function variablesInSources(): Set<string> {
  const found = new Set<string>();
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      if (e.name === 'node_modules' || e.name === 'dist' || e.name.startsWith('.')) continue;
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(ts|tsx|mjs)$/.test(e.name) && !p.endsWith('config.test.ts')) {
        let text = fs.readFileSync(p, 'utf8');
        if (p.endsWith(path.join('server', 'src', 'config.ts'))) text = text.replace(/known-variables:start[\s\S]*known-variables:end/, '');
        for (const m of text.matchAll(/DANVAN_[A-Z0-9_]+/g)) found.add(m[0]);
      }
    }
  };
  for (const d of ['server/src', 'scripts', 'e2e', 'domain/src', 'web/src', 'bin']) walk(path.join(ROOT, d));
  return found;
}

const CLI = fileURLToPath(new URL('../../bin/danvan.mjs', import.meta.url));

describe('environment validated at boot', () => {
  it('reads defaults and flags', () => {
    const c = readConfig({}, { dataDir: '/tmp/x' });
    expect(c).toMatchObject({ dataDir: '/tmp/x', databaseUrl: undefined, logLevel: 'info', secureCookies: false, trustProxy: false, sweepMinutes: 15, anchorHours: 24, unknownVariables: [] });
    expect(readConfig({ DANVAN_TRUST_PROXY: 'true', DANVAN_SECURE_COOKIES: 'true' })).toMatchObject({ trustProxy: true, secureCookies: true });
    expect(readConfig({ DANVAN_SWEEP_MINUTES: '0', DANVAN_ANCHOR_HOURS: '6' })).toMatchObject({ sweepMinutes: 0, anchorHours: 6 });
  });
  it('fails fast with every problem listed in Vietnamese and English', () => {
    expect(() => readConfig({ DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud', DANVAN_TRUST_PROXY: 'yes' })).toThrow(
      /DATABASE_URL phải bắt đầu bằng postgres[\s\S]*LOG_LEVEL[\s\S]*DANVAN_TRUST_PROXY/,
    );
  });
  it('refuses a sweep interval that is not a whole number instead of silently turning the sweep off', () => {
    for (const bad of ['abc', '-5', '1.5', '15m']) {
      expect(() => readConfig({ DANVAN_SWEEP_MINUTES: bad }), bad).toThrow(/DANVAN_SWEEP_MINUTES="[^"]*" phải là số nguyên ≥ 0[\s\S]*must be a whole number/);
    }
    expect(() => readConfig({ DANVAN_ANCHOR_HOURS: 'daily' })).toThrow(/DANVAN_ANCHOR_HOURS/);
  });
  it('checks the keys and the notification settings at boot', () => {
    expect(() => readConfig({ DANVAN_SEAL_KEYS: 'k1:c2hvcnQ=' })).toThrow(/DANVAN_SEAL_KEYS: .*32 byte/);
    expect(() => readConfig({ DANVAN_PERSON_KEY: 'nope' })).toThrow(/DANVAN_PERSON_KEY/);
    expect(() => readConfig({ DANVAN_PORTAL_KEY: 'c2hvcnQ=' })).toThrow(/DANVAN_PORTAL_KEY/);
    expect(() => readConfig({ DANVAN_NOTIFY_INTERVAL_MS: 'x' })).toThrow(/DANVAN_NOTIFY_INTERVAL_MS/);
    const key = Buffer.alloc(32, 7).toString('base64');
    expect(readConfig({ DANVAN_SEAL_KEYS: `k1:${key}`, DANVAN_PERSON_KEY: key, DANVAN_PORTAL_KEY: key }).sweepMinutes).toBe(15);
  });
  it('lists exactly the DANVAN_* variables the sources read', () => {
    expect([...variablesInSources()].sort()).toEqual([...KNOWN_VARIABLES].sort());
  });
  it('names DANVAN_* variables it does not read (typos)', () => {
    const typo = ['DANVAN', 'SWEEP', 'MINUTE'].join('_');
    expect(readConfig({ [typo]: '5', DANVAN_DATA_DIR: '/tmp/y' }).unknownVariables).toEqual([typo]);
  });
  it('`DANVAN_SWEEP_MINUTES=abc danvan serve` exits 1 with the message, before opening any database', () => {
    const res = spawnSync(process.execPath, [CLI, 'serve', '--port', '0', '--data-dir', '/nonexistent/danvan-never-created'], {
      env: { ...process.env, DANVAN_SWEEP_MINUTES: 'abc' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(res.status).toBe(1);
    expect(res.stderr).toMatch(/DANVAN_SWEEP_MINUTES="abc" phải là số nguyên ≥ 0/);
  }, 60_000);
});
