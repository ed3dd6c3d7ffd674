/**
 * kill -9 during concurrent portal submissions (issue 13, "Must show"): with the audit chain appended at the end of
 * each transaction and the counter deltas folded in the background, a `danvan serve` killed with SIGKILL in the
 * middle of 24 concurrent submitters loses no acknowledged (201) submission; after a restart the audit chain
 * verifies and the counters equal the records. On PGlite (the embedded data dir), and on PostgreSQL when the suite
 * runs on it (DANVAN_TEST_DB=postgres).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, expect, it } from 'vitest';
import { openDatabase, queryRows } from '../../db/client.ts';
import { agencyByCode } from '../../modules/agencies/queries.ts';
import { verifyAudit } from '../../modules/audit/verify-audit.ts';
import { aggregateByChildFromCounters } from '../../modules/reports/counters.ts';
import { aggregateByChildFromRecords } from '../../modules/reports/period-report.ts';
import { startServeProcess, type ServeProcess } from '../../testing/serve-process.ts';

const tmp = mkdtempSync(path.join(tmpdir(), 'danvan-kill-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function serve(dataDir: string, databaseUrl: string): Promise<ServeProcess> {
  return startServeProcess({
    dataDir,
    env: { ...process.env, DATABASE_URL: databaseUrl, DANVAN_SEAL_KEYS: '', DANVAN_TRUST_PROXY: 'true', LOG_LEVEL: 'warn', DANVAN_SWEEP_MINUTES: '0', DANVAN_ANCHOR_HOURS: '0', DANVAN_NOTIFY_INTERVAL_MS: '0', DANVAN_COUNTER_FOLD_SECONDS: '1' },
  });
}

async function killRun(dataDir: string, databaseUrl: string) {
  const first = await serve(dataDir, databaseUrl);
  const acknowledged: string[] = [];
  let attempted = 0;
  let killed = false;
  let refused: string | undefined;
  const submitter = async (w: number) => {
    for (let i = 0; !killed; i++) {
      attempted++;
      try {
        const r = await fetch(`${first.baseUrl}/api/v1/public/petitions`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-forwarded-for': `10.0.${w}.${i % 250}`, 'idempotency-key': `kill-${w}-${i}-${randomBytes(4).toString('hex')}` },
          body: JSON.stringify({ agency: '00004', kind: i % 2 ? 'denunciation' : 'complaint', content: `Đơn thử kill -9 số ${i} luồng ${w}`, petitioner: { name: `Công dân ${w}-${i}`, address: 'Phường Ba Đình, Hà Nội', email: `cong.dan.${w}.${i}@example.com` }, consent: true }),
        });
        if (r.status === 201) acknowledged.push(((await r.json()) as { trackingCode: string }).trackingCode);
        else refused ??= `${r.status} ${await r.text()}`;
      } catch {
        // the connection died with the server
      }
    }
  };
  const workers = Array.from({ length: 24 }, (_, w) => submitter(w));
  while (acknowledged.length < 40) {
    if (refused && !acknowledged.length) {
      killed = true;
      first.child.kill('SIGKILL');
      throw new Error(`submissions refused: ${refused}`);
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  await first.kill9();
  killed = true;
  await Promise.all(workers);

  // Restart on the same data: recovery, then every acknowledged submission is there and the chain verifies.
  const second = await serve(dataDir, databaseUrl);
  await second.stop();
  const database = await openDatabase(databaseUrl ? { databaseUrl } : { dataDir });
  try {
    const codes = new Set(
      (await queryRows<{ code: string }>(database.db, sql`select tracking_code as code from portal_submissions`)).map((r) => r.code),
    );
    const lost = acknowledged.filter((c) => !codes.has(c));
    console.log(`kill -9: ${attempted} submissions attempted, ${acknowledged.length} acknowledged, ${lost.length} lost; ${codes.size} in the database after restart`);
    expect({ acknowledged: acknowledged.length, lost }).toEqual({ acknowledged: acknowledged.length, lost: [] });
    expect(attempted).toBeGreaterThan(acknowledged.length);
    expect(await verifyAudit(database.db)).toMatchObject({ ok: true });
    const vn = (await agencyByCode(database.db, 'VN'))!;
    const range = { from: '2020-01-01', to: '2030-12-31' };
    const strip = (m: Map<string, Record<string, number>> | null) =>
      Object.fromEntries([...(m ?? new Map())].map(([k, v]) => [k, Object.fromEntries(Object.entries(v).filter(([, x]) => x !== 0))]).filter(([, v]) => Object.keys(v).length));
    expect(strip(await aggregateByChildFromCounters(database.db, vn, range))).toEqual(strip(await aggregateByChildFromRecords(database.db, vn, range)));
  } finally {
    await database.close();
  }
}

it.skipIf(process.env.DANVAN_TEST_DB === 'postgres')('PGlite: kill -9 during 24 concurrent portal submitters loses no acknowledged submission; the chain verifies after restart', () => killRun(path.join(tmp, 'pglite'), ''), 600_000);

it.skipIf(process.env.DANVAN_TEST_DB !== 'postgres')('PostgreSQL: kill -9 of the server during 24 concurrent portal submitters loses no acknowledged submission; the chain verifies', async () => {
  const adminUrl = process.env.DANVAN_TEST_DATABASE_URL!;
  const name = `danvan_k_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  try {
    await killRun(path.join(tmp, 'pg'), url.toString());
  } finally {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}, 600_000);
