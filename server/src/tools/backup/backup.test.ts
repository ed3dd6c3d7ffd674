/**
 * Backup → restore → the same reports, a verified audit chain, sealed identities that open with the same keys
 * (issue 13, item 11; docs/runbooks/backup-restore.md).
 *
 * Embedded PGlite (DANVAN_TEST_DB=pglite): through the real processes — `danvan serve --demo`, `danvan backup` while
 * it serves (once while petitions are being written, once at rest), `danvan restore`, `danvan audit verify`.
 * PostgreSQL (DANVAN_TEST_DB=postgres): pg_dump -Fc / pg_restore from /usr/lib/postgresql/15/bin against the test
 * cluster, as the runbook says.
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, expect, it } from 'vitest';
import { openDatabase, queryRows, type Db } from '../../db/client.ts';
import { createSealer, loadSealer, type Sealer } from '../../security/sealer.ts';
import { createPersonHasher } from '../../security/person-hash.ts';
import { openTestDatabase } from '../../testing/harness.ts';
import { REPO_ROOT as ROOT, startServeProcess } from '../../testing/serve-process.ts';
import { seedAgencies } from '../../modules/agencies/seed-agencies.ts';
import { agencyByCode } from '../../modules/agencies/queries.ts';
import { verifyAudit } from '../../modules/audit/verify-audit.ts';
import { seedDemo } from '../demo/seed-demo.ts';
import { computePeriodReport, aggregateByChildFromRecords } from '../../modules/reports/period-report.ts';
import { aggregateByChildFromCounters } from '../../modules/reports/counters.ts';

const onPostgres = process.env.DANVAN_TEST_DB === 'postgres';
const tmp = mkdtempSync(path.join(tmpdir(), 'danvan-backup-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const ENV = { ...process.env, DATABASE_URL: '', DANVAN_SEAL_KEYS: '', LOG_LEVEL: 'warn', DANVAN_SWEEP_MINUTES: '0', DANVAN_ANCHOR_HOURS: '0', DANVAN_NOTIFY_INTERVAL_MS: '0', DANVAN_COUNTER_FOLD_SECONDS: '1' };

function danvan(args: string[]): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['bin/danvan.mjs', ...args], { cwd: ROOT, env: ENV, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('close', (code) => resolve({ code: code ?? 1, out, err }));
  });
}

const RANGE = { from: '2026-01-01', to: '2027-12-31' };

/** What must be equal after a restore: the national and a commune's period reports, and the row counts. */
async function fingerprint(db: Db) {
  const out: Record<string, unknown> = {};
  for (const code of ['VN', '01', '00004']) {
    const agency = (await agencyByCode(db, code))!;
    out[`report ${code}`] = await computePeriodReport(db, agency, RANGE.from, RANGE.to);
  }
  for (const t of ['cases', 'petitions', 'visits', 'audit_log', 'sealed_identities', 'users', 'agencies']) {
    const [r] = await queryRows<{ n: number }>(db, sql.raw(`select count(*)::int as n from ${t}`));
    out[t] = Number(r?.n);
  }
  return out;
}

/** Counters (incl. unfolded deltas) agree with the records: the copy is internally consistent. */
async function countersMatchRecords(db: Db) {
  const agency = (await agencyByCode(db, 'VN'))!;
  const a = await aggregateByChildFromCounters(db, agency, RANGE);
  const b = await aggregateByChildFromRecords(db, agency, RANGE);
  const norm = (m: Map<string, Record<string, number>> | null) =>
    Object.fromEntries([...(m ?? new Map())].map(([k, v]) => [k, Object.fromEntries(Object.entries(v).filter(([, x]) => x !== 0))]).filter(([, v]) => Object.keys(v).length));
  expect(norm(a)).toEqual(norm(b));
}

/** Opens every sealed identity with `sealer`; returns the names. */
async function openSealed(db: Db, sealer: Sealer): Promise<string[]> {
  const rows = await queryRows<{ key_id: string; iv: string; ciphertext: string; auth_tag: string }>(db, sql`select key_id, iv, ciphertext, auth_tag from sealed_identities order by created_at, id`);
  return rows.map((r) => (JSON.parse(sealer.open({ keyId: r.key_id, iv: r.iv, ciphertext: r.ciphertext, authTag: r.auth_tag })) as { name: string }).name);
}

it.skipIf(onPostgres)(
  'PGlite: danvan backup while serving (under writes and at rest) → danvan restore → same reports, audit verify passes, sealed identities open with the keys',
  async () => {
    const d1 = path.join(tmp, 'source');
    const server = await startServeProcess({ dataDir: d1, args: ['--demo'], env: ENV });
    const base = server.baseUrl;
    try {
      const login = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', origin: base }, body: JSON.stringify({ username: 'letan', password: 'DanVan@2026' }) });
      const { token } = (await login.json()) as { token: string };
      // Petitions written while the first backup is taken (denunciations: sealed identities).
      let acknowledged = 0;
      let writing = true;
      const writer = (async () => {
        for (let i = 0; writing; i++) {
          const r = await fetch(`${base}/api/v1/petitions`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, origin: base },
            body: JSON.stringify({ agency: '00004', channel: 'post', type: i % 2 ? 'denunciation' : 'complaint', content: `Đơn trong lúc sao lưu số ${i}`, petitioner: { name: `Người gửi ${i}`, idNumber: '001099012345' } }),
          });
          expect(r.status).toBe(201);
          acknowledged++;
        }
      })();
      while (acknowledged < 3) await new Promise((r) => setTimeout(r, 100));
      const during = await danvan(['backup', '--out', path.join(tmp, 'during.tar.gz'), '--data-dir', d1]);
      writing = false;
      await writer;
      expect(during.code, during.err).toBe(0);
      expect(during.out).toContain('máy chủ đang chạy');
      const atRest = await danvan(['backup', '--out', path.join(tmp, 'rest.tar.gz'), '--data-dir', d1]);
      expect(atRest.code, atRest.err).toBe(0);
    } finally {
      await server.stop();
    }
    expect(existsSync(path.join(d1, 'danvan.sock'))).toBe(false);

    // Restores into fresh data dirs; a second restore over existing data needs --force; garbage is refused.
    const d2 = path.join(tmp, 'restored-during');
    const d3 = path.join(tmp, 'restored-rest');
    for (const [file, dir] of [
      ['during.tar.gz', d2],
      ['rest.tar.gz', d3],
    ] as const) {
      const r = await danvan(['restore', path.join(tmp, file), '--data-dir', dir]);
      expect(r.code, r.err).toBe(0);
      expect(r.out).toContain('toàn vẹn');
    }
    expect((await danvan(['restore', path.join(tmp, 'rest.tar.gz'), '--data-dir', d3])).code).toBe(1);
    writeFileSync(path.join(tmp, 'garbage.tar.gz'), randomBytes(2048));
    expect((await danvan(['restore', path.join(tmp, 'garbage.tar.gz'), '--data-dir', path.join(tmp, 'garbage')])).code).toBe(1);
    const verify = await danvan(['audit', 'verify', '--data-dir', d3]);
    expect(verify.code, verify.out + verify.err).toBe(0);

    // The keys of the source (kept apart from the backup) open the restored boxes.
    const sourceKeys = loadSealer({}, d1, { create: false });
    const source = await openDatabase({ dataDir: d1 });
    const rest = await openDatabase({ dataDir: d3 });
    const mid = await openDatabase({ dataDir: d2 });
    try {
      expect(await fingerprint(rest.db)).toEqual(await fingerprint(source.db));
      const names = await openSealed(rest.db, sourceKeys);
      expect(names.length).toBeGreaterThan(1);
      expect(names).toEqual(await openSealed(source.db, sourceKeys));
      expect(names).toContain('Người gửi 1');
      // Another key opens nothing.
      const stranger = createSealer([{ id: 'k1', key: randomBytes(32) }]);
      await expect(openSealed(rest.db, stranger)).rejects.toThrow();

      // The copy taken under writes: consistent (chain, counters = records), holding a prefix of the acknowledged writes.
      expect(await verifyAudit(mid.db)).toMatchObject({ ok: true });
      await countersMatchRecords(mid.db);
      await countersMatchRecords(rest.db);
      const count = async (db: Db) => Number((await queryRows<{ n: number }>(db, sql`select count(*)::int as n from petitions where content like 'Đơn trong lúc sao lưu%'`))[0]?.n);
      expect(await count(mid.db)).toBeGreaterThanOrEqual(3);
      expect(await count(mid.db)).toBeLessThanOrEqual(await count(source.db));
      expect(await count(rest.db)).toBe(await count(source.db));
    } finally {
      await source.close();
      await rest.close();
      await mid.close();
    }
  },
  600_000,
);

const PG_BIN = process.env.DANVAN_PG_BIN ?? '/usr/lib/postgresql/15/bin';

it.skipIf(!onPostgres)(
  'PostgreSQL: pg_dump -Fc → pg_restore into a new database → same reports, audit chain verifies, sealed identities open with the keys',
  async () => {
    const sealer = createSealer([{ id: 'k1', key: randomBytes(32) }]);
    const { database, drop } = await openTestDatabase();
    const restoredName = `danvan_r_${randomBytes(6).toString('hex')}`;
    const adminUrl = process.env.DANVAN_TEST_DATABASE_URL!;
    const restoredUrl = new URL(adminUrl);
    restoredUrl.pathname = `/${restoredName}`;
    const dumpFile = path.join(tmp, 'pg.dump');
    try {
      await database.migrate();
      await seedAgencies(database.db);
      await seedDemo({ db: database.db, now: () => new Date('2026-07-20T03:00:00Z'), sealer, personHasher: createPersonHasher(randomBytes(32)) });
      const sourceUrl = new URL(adminUrl);
      sourceUrl.pathname = `/${(await queryRows<{ d: string }>(database.db, sql`select current_database() as d`))[0]!.d}`;

      const dump = spawnSync(path.join(PG_BIN, 'pg_dump'), ['-Fc', '--no-owner', '-f', dumpFile, '-d', sourceUrl.toString()], { encoding: 'utf8' });
      expect(dump.status, dump.stderr).toBe(0);
      const admin = new pg.Client({ connectionString: adminUrl });
      await admin.connect();
      await admin.query(`create database ${restoredName}`);
      await admin.end();
      const restore = spawnSync(path.join(PG_BIN, 'pg_restore'), ['--no-owner', '--exit-on-error', '-d', restoredUrl.toString(), dumpFile], { encoding: 'utf8' });
      expect(restore.status, restore.stderr).toBe(0);

      const restored = await openDatabase({ databaseUrl: restoredUrl.toString() });
      try {
        await restored.migrate(); // nothing to apply: the migrations table came with the dump
        expect(await fingerprint(restored.db)).toEqual(await fingerprint(database.db));
        expect(await verifyAudit(restored.db)).toMatchObject({ ok: true });
        const names = await openSealed(restored.db, sealer);
        expect(names.length).toBeGreaterThan(0);
        expect(names).toEqual(await openSealed(database.db, sealer));
        await countersMatchRecords(restored.db);
      } finally {
        await restored.close();
      }
    } finally {
      await drop();
      const admin = new pg.Client({ connectionString: adminUrl });
      await admin.connect();
      await admin.query(`drop database if exists ${restoredName} with (force)`);
      await admin.end();
    }
  },
  600_000,
);
