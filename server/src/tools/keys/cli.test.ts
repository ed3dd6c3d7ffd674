/**
 * `danvan keys` as an operator runs it: real processes through bin/danvan.mjs on an embedded (PGlite) data
 * directory whose key file lists the new key first, one per line. Without any key configured the tools refuse and
 * do not invent one.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/client.ts';
import { notificationOutbox } from '../../db/schema.ts';
import { createSealer, sealKeyFile } from '../../security/sealer.ts';
import type { KeyStatus } from './reseal.ts';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const dir = mkdtempSync(path.join(tmpdir(), 'danvan-keys-'));
const dataDir = path.join(dir, 'data');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const k1 = { id: 'k1', key: randomBytes(32) };
const k2 = { id: 'k2', key: randomBytes(32) };
const texts = ['Thông báo một', 'Thông báo hai', 'Thông báo ba'];

function danvan(args: string[], data = dataDir): Promise<{ code: number; stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.DATABASE_URL;
  delete env.DANVAN_SEAL_KEYS;
  return new Promise((resolve) => {
    execFile(process.execPath, ['bin/danvan.mjs', ...args, '--data-dir', data], { cwd: ROOT, env, timeout: 120_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr });
    });
  });
}

async function payloads(): Promise<string[]> {
  const database = await openDatabase({ dataDir });
  try {
    const rows = await database.db.select({ payload: notificationOutbox.payload }).from(notificationOutbox).orderBy(notificationOutbox.dedupeKey);
    const sealer = createSealer([k2]);
    return rows.map((r) => (r.payload ? (JSON.parse(sealer.open(r.payload)) as { text: string }).text : ''));
  } finally {
    await database.close();
  }
}

beforeAll(async () => {
  // Three queued messages sealed with k1, written by the "old" installation.
  const database = await openDatabase({ dataDir });
  await database.migrate();
  const old = createSealer([k1]);
  for (const [i, text] of texts.entries()) {
    await database.db.insert(notificationOutbox).values({
      channel: 'email',
      kind: 'receipt',
      dedupeKey: `m${i}`,
      recipientHint: 'b•••@example.com',
      payload: old.seal(JSON.stringify({ to: 'binh@example.com', subject: 'Thử', text })),
      nextAttemptAt: new Date('2030-01-01T00:00:00Z'),
    });
  }
  await database.close();
  mkdirSync(path.dirname(sealKeyFile(dataDir)), { recursive: true });
  writeFileSync(sealKeyFile(dataDir), `k2:${k2.key.toString('base64')}\nk1:${k1.key.toString('base64')}\n`, { mode: 0o600 });
}, 120_000);

describe('danvan keys', () => {
  it('status, reseal in batches, status again, audit verify: every box under k2, the same text', { timeout: 180_000 }, async () => {
    const s = await danvan(['keys', 'status']);
    expect(s.code, s.stderr).toBe(0);
    expect(s.stdout).toContain('notification_outbox.payload — địa chỉ và nội dung thông báo chưa gửi: 3 hộp\n  k1: 3 hộp (khóa cũ, cần niêm phong lại: danvan keys reseal)');
    expect(s.stdout).toContain('Cần niêm phong lại bằng khóa k2: 3 hộp (danvan keys reseal).');

    const r = await danvan(['keys', 'reseal', '--batch', '2']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('notification_outbox.payload: 3 hộp đã niêm phong lại bằng khóa k2 (từ k1: 3), 2 lô');
    expect(r.stdout).toContain('Xong: 3 hộp trong 2 lô, mỗi lô một dòng nhật ký keys.reseal.batch.');
    expect(r.stderr).toContain('Niêm phong lại: 3/3'); // the progress line (stderr is not a terminal here)

    const j = await danvan(['keys', 'status', '--json']);
    expect(j.code, j.stderr).toBe(0);
    const status = JSON.parse(j.stdout) as KeyStatus;
    expect(status).toMatchObject({ currentKeyId: 'k2', keyIds: ['k2', 'k1'], toReseal: 0, unopenable: 0 });
    expect(status.stores.find((x) => x.store === 'notification_outbox.payload')!.byKey).toEqual([{ keyId: 'k2', boxes: 3, state: 'current' }]);

    const a = await danvan(['audit', 'verify']);
    expect(a.code, a.stderr).toBe(0);
    expect(a.stdout).toContain('Nhật ký nguyên vẹn: 2 dòng đã kiểm tra.');
    expect(await payloads()).toEqual(texts);
  });

  it('a bad --batch is refused; the help says to stop the server on PGlite', async () => {
    const bad = await danvan(['keys', 'reseal', '--batch', '0']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('cần một số nguyên dương');
    const help = await danvan(['keys', 'reseal', '--help']);
    expect(help.stdout).toContain('DỪNG danvan serve trước');
    expect(help.stdout).toContain('PostgreSQL (DATABASE_URL): chạy được khi máy chủ đang phục vụ');
  });

  it('with no key configured, status refuses (exit 1) and creates no key file', { timeout: 120_000 }, async () => {
    const empty = path.join(dir, 'empty');
    const r = await danvan(['keys', 'status'], empty);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Chưa có khóa niêm phong: đặt DANVAN_SEAL_KEYS hoặc tạo');
    expect(existsSync(sealKeyFile(empty))).toBe(false);
  });
});
