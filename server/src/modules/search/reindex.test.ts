/**
 * `danvan search reindex` (issue 18, ADR 0022): documents and facts deleted or stale are rebuilt from the records,
 * identical to what the use cases wrote; one agency's subtree touches nothing else; running it twice changes
 * nothing; a denunciation's names are never indexed. The command itself runs through bin/danvan.mjs.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestEnv, type TestEnv } from '../../testing/harness.ts';
import { queryRows } from '../../db/client.ts';
import { reindexSearch } from './reindex.ts';

const DENOUNCER = 'Đặng Thị Tốgiác';
let env: TestEnv;

async function petition(user: string, body: Record<string, unknown>) {
  const res = await env.api('POST', '/api/v1/petitions', { token: await env.login(user), body: { channel: 'post', type: 'complaint', ...body } });
  expect(res.statusCode, res.body).toBe(201);
  return (res.json() as { case: { id: string; code: string } }).case;
}

/** Every search document and fact, in a stable order, as text (pg and PGlite alike). */
async function snapshot() {
  const docs = await queryRows<Record<string, unknown>>(
    env.database.db,
    sql`select id::text, record_type, case_id::text, agency_id::text, agency_path, kind, day::text, content, names, names_folded, folded from search_docs order by id`,
  );
  const facts = await queryRows<Record<string, unknown>>(env.database.db, sql`select case_id::text, entity, value, agency_path from matter_entities order by case_id, entity, value`);
  return { docs, facts };
}

beforeAll(async () => {
  env = await createTestEnv();
  await env.addUser('xuly', 'handler', '00004');
  await env.addUser('hcm.xuly', 'handler', '79');
  await petition('xuly', {
    agency: '00004',
    content: 'Tôi khiếu nại Quyết định số 12/QĐ-UBND về việc thu hồi thửa đất số 45, tờ bản đồ số 7 của gia đình tôi.',
    petitioner: { name: 'Lê Văn Tâm', address: 'Số 3 phố Đội Cấn' },
    coSigners: [{ name: 'Nguyễn Thị Hạnh' }],
  });
  await petition('xuly', { agency: '00004', type: 'feedback', content: 'Phản ánh đèn chiếu sáng trên phố Ngọc Hà hỏng nhiều ngày.', petitioner: { name: 'Phan Thị Hoa' } });
  await petition('xuly', {
    agency: '00004',
    type: 'denunciation',
    content: 'Tôi tố cáo ông Trần Văn Bình, cán bộ địa chính, đã nhận 50.000.000 đồng để làm sổ đỏ nhưng không làm.',
    petitioner: { name: DENOUNCER, idNumber: '001190012345', address: 'Số 8 phố Đội Cấn' },
  });
  await petition('hcm.xuly', { agency: '79', content: 'Khiếu nại Quyết định số 88/QĐ-UBND bồi thường giải phóng mặt bằng đường Nguyễn Huệ.', petitioner: { name: 'Võ Văn Kiệt' } });
}, 120_000);
afterAll(async () => env?.close());

describe('reindexSearch (danvan search reindex)', () => {
  it('rebuilds deleted and stale documents and facts identical to what the use cases wrote; twice changes nothing', async () => {
    const before = await snapshot();
    expect(before.docs.length).toBeGreaterThanOrEqual(8); // four cases and four petitions
    expect(before.facts.length).toBeGreaterThan(0);
    const db = env.database.db;
    await db.execute(sql`delete from search_docs where id in (select id from search_docs order by id limit 3)`);
    await db.execute(sql`update search_docs set folded = 'cu', names = null where id = (select id from search_docs order by id desc limit 1)`);
    await db.execute(sql`delete from matter_entities`);
    await db.execute(sql`insert into matter_entities (case_id, entity, value, agency_path) select id, 'parcels', '999/9', agency_path from cases limit 1`);
    const progress: [number, number][] = [];
    const r = await reindexSearch(db, { batch: 3, onProgress: (d, t) => progress.push([d, t]) });
    expect(r).toEqual({ cases: 4, visits: 0, petitions: 4, dialogues: 0, commitments: 0, consultations: 0 });
    expect(progress.at(-1)).toEqual([8, 8]);
    expect(await snapshot()).toEqual(before);
    await reindexSearch(db);
    expect(await snapshot()).toEqual(before);
  });

  it("one agency's subtree: only its records are rewritten", async () => {
    const db = env.database.db;
    await db.execute(sql`delete from search_docs`);
    const r = await reindexSearch(db, { agencyPath: (await queryRows<{ path: string }>(db, sql`select path from agencies where code = '79'`))[0]!.path });
    expect(r.cases).toBe(1);
    const paths = await queryRows<{ agency_path: string }>(db, sql`select distinct agency_path from search_docs`);
    expect(paths).toHaveLength(1);
    expect(paths[0]!.agency_path.split('/')).toContain('79');
    await reindexSearch(db);
  });

  it("never indexes a denouncer's name", async () => {
    await reindexSearch(env.database.db);
    const rows = await queryRows<{ names: string | null; names_folded: string | null; folded: string }>(
      env.database.db,
      sql`select names, names_folded, folded from search_docs where kind = 'denunciation'`,
    );
    expect(rows.length).toBeGreaterThanOrEqual(2);
    for (const r of rows) {
      expect(r.names).toBeNull();
      expect(r.names_folded).toBeNull();
      expect(r.folded).not.toContain('togiac');
    }
    const all = await queryRows<{ n: number | string }>(env.database.db, sql`select count(*) as n from search_docs where names like ${'%Tốgiác%'} or names_folded like ${'%togiac%'}`);
    expect(Number(all[0]!.n)).toBe(0);
  });
});

describe('danvan search reindex (the command)', () => {
  const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
  const dir = mkdtempSync(path.join(tmpdir(), 'danvan-reindex-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('runs on a data directory, reports what it rebuilt, refuses an unknown agency', { timeout: 180_000 }, async () => {
    const run = (...args: string[]) =>
      new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
        const envVars: NodeJS.ProcessEnv = { ...process.env };
        delete envVars.DATABASE_URL;
        execFile(process.execPath, ['bin/danvan.mjs', 'search', 'reindex', ...args, '--data-dir', path.join(dir, 'data')], { cwd: ROOT, env: envVars, timeout: 170_000 }, (err, stdout, stderr) =>
          resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr }),
        );
      });
    const ok = await run('--agency', '01');
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/Đã dựng lại chỉ mục tìm kiếm của .*Hà Nội: 0 vụ việc, 0 lượt tiếp, 0 đơn/);
    const bad = await run('--agency', 'khong-co');
    expect(bad.code).not.toBe(0);
  });
});
