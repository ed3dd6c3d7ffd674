/**
 * Anchoring the audit chain (ADR 0005, amendment) on the database under test: audit rows written through the API,
 * `danvan audit anchor` and `danvan audit verify --anchors` run through their command functions, then the tail
 * deleted (or a row edited) directly in SQL.
 */
import { appendFileSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client.ts';
import { createTestEnv, type TestEnv } from '../../testing/harness.ts';
import { auditAnchorCommand, auditVerifyCommand, defaultAnchorsFile, readAnchors, type AuditAnchor, type Io } from './anchor-audit.ts';
import { verifyAudit } from './verify-audit.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'danvan-anchor-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let env: TestEnv;
let n = 0;
let file: string;

beforeEach(async () => {
  env = await createTestEnv({ now: '2027-03-20T03:00:00Z' });
  await env.addUser('admin', 'admin', 'VN');
  file = defaultAnchorsFile(path.join(dir, `data-${++n}`));
}, 60_000);
afterEach(async () => env?.close());

function captureIo(): Io & { lines: string[]; errors: string[] } {
  const lines: string[] = [];
  const errors: string[] = [];
  return { lines, errors, out: (l) => lines.push(l), err: (l) => errors.push(l) };
}

/** Audit rows through the API: one calendar override per date. */
async function writeRows(dates: string[]) {
  const token = await env.login('admin');
  for (const date of dates) {
    const res = await env.api('PUT', `/api/v1/calendar/days/${date}`, { token, body: { kind: 'holiday', name: 'Ngày nghỉ thử' } });
    expect(res.statusCode, res.body).toBe(200);
  }
}

async function maxId(): Promise<number> {
  const [row] = await queryRows<{ id: number }>(env.database.db, sql`select max(id)::int as id from audit_log`);
  return Number(row?.id);
}

async function anchor(): Promise<AuditAnchor> {
  const io = captureIo();
  expect(await auditAnchorCommand(env.database.db, { file, now: env.ctx.now }, io), io.errors.join('\n')).toBe(0);
  expect(io.lines).toHaveLength(1);
  return JSON.parse(io.lines[0]!) as AuditAnchor;
}

/** `null`: without an anchors file, as before anchoring existed. */
async function verify(anchorsFile: string | null = file) {
  const io = captureIo();
  const code = await auditVerifyCommand(env.database.db, { anchorsFile: anchorsFile ?? undefined }, io);
  return { code, out: io.lines.join('\n'), err: io.errors.join('\n') };
}

describe('danvan audit anchor / verify --anchors', () => {
  it('anchors the head (0600 file, one line per run) and verify passes while nothing is deleted', async () => {
    await writeRows(['2030-03-12', '2030-03-13', '2030-03-14']);
    const head = await verifyAudit(env.database.db);
    const a = await anchor();
    expect(a).toEqual({ at: '2027-03-20T03:00:00.000Z', lastId: head.head?.id, lastHash: head.head?.hash, rows: head.rows });
    expect(a.rows).toBeGreaterThanOrEqual(4); // the admin account and three days
    expect(statSync(file).mode & 0o777).toBe(0o600);

    await writeRows(['2030-03-15']);
    const b = await anchor();
    expect(b.rows).toBe(a.rows + 1);
    expect(readAnchors(file)).toEqual([a, b]);
    expect(readFileSync(file, 'utf8').split('\n')).toEqual([JSON.stringify(a), JSON.stringify(b), '']);

    await writeRows(['2030-03-16']); // rows after the last anchor are fine
    const v = await verify();
    expect(v.code, v.err).toBe(0);
    expect(v.out).toBe(`Nhật ký nguyên vẹn: ${b.rows + 1} dòng đã kiểm tra.\nMốc neo khớp: 2/2 mốc trong ${file}.`);
    expect((await verify(null)).out).toBe(`Nhật ký nguyên vẹn: ${b.rows + 1} dòng đã kiểm tra.`);
  });

  it('a deleted tail: the chain alone still passes, the anchors name the anchor that no longer holds', async () => {
    await writeRows(['2030-03-12', '2030-03-13']);
    const a = await anchor();
    await writeRows(['2030-03-14', '2030-03-15']);
    const b = await anchor();
    expect(b.lastId).toBe(await maxId());

    await env.database.db.execute(sql`delete from audit_log where id > ${a.lastId}`);
    expect((await verifyAudit(env.database.db)).ok).toBe(true); // the shortened chain is valid by itself
    const v = await verify();
    expect(v.code).toBe(1);
    expect(v.out).toBe(`Nhật ký nguyên vẹn: ${a.rows} dòng đã kiểm tra.`);
    expect(v.err).toBe(
      `Nhật ký bị cắt / tail truncated: mốc neo lúc ${b.at} (id=${b.lastId}, ${b.rows} dòng, băm ${b.lastHash.slice(0, 16)}…) trong ${file} không còn khớp: dòng cuối của mốc không còn.`,
    );
    expect(v.err).not.toContain(`id=${a.lastId},`);
  });

  it('a tail deleted and rewritten with the sequence reset: the hash at the anchored id differs', async () => {
    await writeRows(['2030-03-12', '2030-03-13']);
    const a = await anchor();
    await env.database.db.execute(sql`delete from audit_log where id = ${a.lastId}`);
    await env.database.db.execute(sql`select setval(pg_get_serial_sequence('audit_log', 'id'), ${a.lastId - 1})`);
    await writeRows(['2030-03-20']); // a new row takes the anchored id, with a different hash
    expect((await verifyAudit(env.database.db)).ok).toBe(true);
    const v = await verify();
    expect(v.code).toBe(1);
    expect(v.err).toContain(`id=${a.lastId}, ${a.rows} dòng`);
    expect(v.err).toContain('mã băm của dòng cuối đã khác');
  });

  it('an edited row is still reported as before; anchoring a broken chain is refused and writes nothing', async () => {
    await writeRows(['2030-03-12', '2030-03-13', '2030-03-14']);
    const a = await anchor();
    const edited = a.lastId - 1;
    await env.database.db.execute(sql`update audit_log set summary = 'sửa tay' where id = ${edited}`);

    const v = await verify(null);
    expect(v.code).toBe(1);
    expect(v.out).toBe('');
    expect(v.err).toBe(`Nhật ký bị sửa: dòng id=${edited} (nội dung không khớp mã băm); ${a.rows - 2} dòng trước đó nguyên vẹn.`);
    expect((await verify()).code).toBe(1);

    const io = captureIo();
    expect(await auditAnchorCommand(env.database.db, { file, now: env.ctx.now }, io)).toBe(1);
    expect(io.lines).toEqual([]);
    expect(io.errors.join('\n')).toBe(`Nhật ký bị sửa: dòng id=${edited} (nội dung không khớp mã băm); ${a.rows - 2} dòng trước đó nguyên vẹn. Không neo một chuỗi đã hỏng.`);
    expect(readAnchors(file)).toEqual([a]);
  });

  it('a missing or malformed anchors file is an error (exit 1), not a pass', async () => {
    await writeRows(['2030-03-12']);
    const missing = await verify(path.join(dir, 'nope.jsonl'));
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('Không tìm thấy tệp mốc neo');
    await anchor();
    appendFileSync(file, '{"at":"x"}\n');
    const bad = await verify();
    expect(bad.code).toBe(1);
    expect(bad.err).toBe(`Tệp mốc neo ${file}, dòng 2: không phải một mốc neo {at, lastId, lastHash, rows}.`);
  });
});
