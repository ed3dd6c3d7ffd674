/**
 * National complaints database sync (NĐ 55/2022 Art. 8) against a receiver started in this test (a tiny HTTP
 * server): every case received and every later step arrives, in order, once; with the receiver down the events
 * wait (backlog visible in getSyncStatus, with the last error), back off, and after an operator's retry are
 * delivered exactly once; a denouncer's identity is in no payload; the backlog view is scoped to admin / monitor.
 */
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestEnv, type TestEnv } from '../../testing/harness.ts';
import { queryRows } from '../../db/client.ts';
import { freePort } from '../notifications/test-port.ts';
import { readConfig } from '../../config.ts';
import { readNationalSyncConfig, type NationalSyncConfig } from './config.ts';
import { MAX_ATTEMPTS, runNationalSyncOnce, type SyncLog } from './run-sync.ts';

interface Received {
  key: string;
  sha: string;
  auth: string | undefined;
  raw: string;
  body: { messageId: string; event: string; caseSequence: number; case: { code: string; kind: string; state: string; petitionerName: string | null; identitySealed: boolean }; step: { action: string } };
}

let env: TestEnv;
let port = 0;
let server: http.Server | null = null;
const received: Received[] = [];
const logLines: string[] = [];
const log: SyncLog = { info: (o, m) => logLines.push(`${m} ${JSON.stringify(o)}`), warn: (o, m) => logLines.push(`${m} ${JSON.stringify(o)}`), error: (o, m) => logLines.push(`${m} ${JSON.stringify(o)}`) };
let config: NationalSyncConfig;

/** The national endpoint stand-in: records each POST; answers 200 (a repeated Idempotency-Key is still recorded). */
function startReceiver(): Promise<void> {
  return new Promise((resolve) => {
    server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        received.push({ key: String(req.headers['idempotency-key']), sha: String(req.headers['x-danvan-payload-sha256']), auth: req.headers.authorization, raw, body: JSON.parse(raw) as Received['body'] });
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
      });
    });
    server.listen(port, '127.0.0.1', () => resolve());
  });
}
function stopReceiver(): Promise<void> {
  return new Promise((resolve) => {
    if (!server) return resolve();
    server.closeAllConnections();
    server.close(() => resolve());
    server = null;
  });
}

const run = () => runNationalSyncOnce(env.ctx, config, log);
/** Passes until nothing is due (a case's next event becomes due when the previous one is sent). */
async function drain() {
  for (let i = 0; i < 20; i++) if ((await run()).claimed === 0) return;
}

async function petition(type: string, content: string, petitioner: Record<string, string>) {
  const res = await env.api('POST', '/api/v1/petitions', { token: await env.login('letan'), body: { agency: '00004', channel: 'post', type, content, petitioner } });
  expect(res.statusCode, res.body).toBe(201);
  return (res.json() as { case: { id: string; code: string } }).case;
}
async function act(id: string, body: Record<string, unknown>, user = 'xuly') {
  const res = await env.api('POST', `/api/v1/cases/${id}/transitions`, { token: await env.login(user), body });
  expect(res.statusCode, res.body).toBe(200);
}
async function status(user: string, query = '') {
  return env.api('GET', `/api/v1/national-sync/status${query}`, { token: await env.login(user) });
}

beforeAll(async () => {
  port = await freePort();
  const settings = { DANVAN_NATIONAL_SYNC_URL: `http://127.0.0.1:${port}/api/kntc/events`, DANVAN_NATIONAL_SYNC_TOKEN: 'national-secret', DANVAN_NATIONAL_SYNC_TIMEOUT_MS: '3000' };
  config = readNationalSyncConfig(settings);
  // The routes read the same settings from the environment when the app is built (as `danvan serve` does).
  Object.assign(process.env, settings);
  env = await createTestEnv({ now: '2026-07-15T03:00:00Z' });
  for (const k of Object.keys(settings)) delete process.env[k];
  await env.addUser('letan', 'receptionist', '00004');
  await env.addUser('xuly', 'handler', '00004');
  await env.addUser('lanhdao', 'head', '00004');
  await env.addUser('quantri', 'admin', '01');
  await env.addUser('giamsat', 'monitor', '01');
  await env.addUser('giamsat.hcm', 'monitor', '79');
  await startReceiver();
});
afterAll(async () => {
  await stopReceiver();
  await env?.close();
});

describe('national complaints database sync', () => {
  it('checks its settings at boot', () => {
    expect(() => readConfig({ DANVAN_NATIONAL_SYNC_URL: 'ftp://x' })).toThrow(/DANVAN_NATIONAL_SYNC_URL/);
    expect(() => readConfig({ DANVAN_NATIONAL_SYNC_INTERVAL_MS: 'often' })).toThrow(/DANVAN_NATIONAL_SYNC_INTERVAL_MS/);
    expect(readNationalSyncConfig({})).toMatchObject({ url: null, intervalMs: 10_000 });
  });

  it('pushes the case received and each later step, in order, once, with the documented payload', async () => {
    const c = await petition('feedback', 'Phản ánh đèn chiếu sáng ngõ 5 phố Đội Cấn hỏng nhiều ngày', { name: 'Trần Thị Bình', phone: '0987654321' });
    await act(c.id, { action: 'accept' });
    // A refused step writes nothing (the event is in the step's transaction).
    const refused = await env.api('POST', `/api/v1/cases/${c.id}/transitions`, { token: await env.login('xuly'), body: { action: 'close' } });
    expect(refused.statusCode).toBe(409);
    await drain();
    const mine = received.filter((r) => r.body.case.code === c.code);
    expect(mine.map((r) => [r.body.event, r.body.step.action, r.body.caseSequence, r.body.case.state])).toEqual([
      ['case.received', 'open', 1, 'received'],
      ['case.step', 'accept', 2, 'handling'],
    ]);
    expect(mine[0]!.auth).toBe('Bearer national-secret');
    expect(mine[0]!.key).toBe(mine[0]!.body.messageId);
    expect(mine[0]!.body).toMatchObject({ schema: 'danvan.national-sync/1', source: { system: 'DânVận', agencyCode: '00004' }, case: { kind: 'feedback', petitionerName: 'Trần Thị Bình', identitySealed: false } });
    // The receiver can check integrity: the header is the SHA-256 of the bytes received.
    const { createHash } = await import('node:crypto');
    expect(createHash('sha256').update(mine[0]!.raw).digest('hex')).toBe(mine[0]!.sha);
    // No phone number travels (only what the national record needs).
    expect(mine.some((r) => r.raw.includes('0987654321'))).toBe(false);
  });

  it('receiver down: events wait and back off, the backlog shows them with the last error; after a retry each is delivered exactly once, in order', async () => {
    await stopReceiver();
    const before = received.length;
    const c = await petition('feedback', 'Kiến nghị sửa mặt đường ngõ 12 Liễu Giai bị sụt lún', { name: 'Lê Văn Cường' });
    await act(c.id, { action: 'accept' });
    await act(c.id, { action: 'answer', outcome: 'answered' });
    const r = await run();
    expect(r).toMatchObject({ claimed: 1, sent: 0, retried: 1 }); // only the first event of the case is due
    expect(received.length).toBe(before);

    const s = await status('giamsat');
    expect(s.statusCode, s.body).toBe(200);
    let body = s.json() as { configured: boolean; counts: Record<string, number>; oldestPending: { caseCode: string; action: string } | null; lastError: { error: string; caseCode: string } | null; unsent: { caseCode: string; attempts: number; status: string }[] };
    expect(body.configured).toBe(true);
    expect(body.counts.pending).toBe(3);
    expect(body.oldestPending).toMatchObject({ caseCode: c.code, action: 'open' });
    expect(body.lastError?.caseCode).toBe(c.code);
    expect(body.lastError?.error).toMatch(/ECONNREFUSED|fetch failed/);
    expect(body.unsent.map((u) => u.attempts)).toEqual([1, 0, 0]);

    // Back-off: nothing is due until 30 s later.
    expect((await run()).claimed).toBe(0);
    env.setNow('2026-07-15T03:01:00Z');
    expect(await run()).toMatchObject({ claimed: 1, retried: 1 });

    // It has been failing long enough to give up: the event waits for an operator.
    await env.database.db.execute(sql`update national_sync_outbox set attempts = ${MAX_ATTEMPTS}, next_attempt_at = '2026-07-15T03:00:00Z' where status = 'pending' and action = 'open' and case_id = ${c.id}`);
    expect(await run()).toMatchObject({ claimed: 1, failed: 1 });
    body = (await status('giamsat')).json() as typeof body;
    expect(body.counts).toMatchObject({ failed: 1, pending: 2 });
    env.setNow('2026-07-15T05:00:00Z');
    expect((await run()).claimed).toBe(0); // failed blocks the later events of the same case (order)

    // The receiver is back; a monitor may not retry, an admin may.
    await startReceiver();
    expect((await env.api('POST', '/api/v1/national-sync/retry', { token: await env.login('giamsat'), body: {} })).statusCode).toBe(403);
    const retry = await env.api('POST', '/api/v1/national-sync/retry', { token: await env.login('quantri'), body: { agency: '00004' } });
    expect(retry.statusCode, retry.body).toBe(200);
    expect((retry.json() as { requeued: number }).requeued).toBe(3);
    const [audit] = await queryRows<{ action: string }>(env.database.db, sql`select action from audit_log where action = 'national-sync.retry'`);
    expect(audit?.action).toBe('national-sync.retry');
    await drain();
    // A second retry and more passes send nothing again.
    const again = await env.api('POST', '/api/v1/national-sync/retry', { token: await env.login('quantri'), body: {} });
    expect(again.json()).toEqual({ requeued: 0 });
    await drain();
    const mine = received.filter((x) => x.body.case.code === c.code);
    expect(mine.map((x) => [x.body.step.action, x.body.caseSequence])).toEqual([
      ['open', 1],
      ['accept', 2],
      ['answer', 3],
    ]);
    expect(new Set(received.map((x) => x.key)).size).toBe(received.length); // each message once
    body = (await status('giamsat')).json() as typeof body;
    expect(body.counts).toMatchObject({ pending: 0, failed: 0, sending: 0 });
    expect(body.oldestPending).toBeNull();
    // The sync audit: every attempt of the first event, failures then the success.
    const attempts = await queryRows<{ ok: boolean }>(env.database.db, sql`
      select a.ok from national_sync_attempts a join national_sync_outbox o on o.id = a.outbox_id
       where o.case_id = ${c.id} and o.action = 'open' order by a.id`);
    expect(attempts.map((a) => a.ok)).toEqual([false, false, false, true]);
  });

  it('a forward sends the step of the sending agency and the case received at the other, linked by code', async () => {
    const c = await petition('feedback', 'Phản ánh rác thải tập kết trên vỉa hè phố Kim Mã', { name: 'Đỗ Văn Hải' });
    await act(c.id, { action: 'forward', targetAgency: '00008' });
    await drain();
    const step = received.find((x) => x.body.case.code === c.code && x.body.step.action === 'forward');
    expect(step?.body).toMatchObject({ event: 'case.step', case: { state: 'forwarded' }, step: { targetAgency: '00008' } });
    const there = received.find((x) => x.body.step.action === 'receive-forwarded' && (x.body.case as { forwardedFromCode?: string }).forwardedFromCode === c.code);
    expect(there?.body).toMatchObject({ event: 'case.received', caseSequence: 1, source: { agencyCode: '00008' }, case: { state: 'received' } });
  });

  it("never sends a denouncer's identity", async () => {
    const c = await petition('denunciation', 'Tố cáo cán bộ địa chính xã nhận tiền khi làm thủ tục cấp giấy chứng nhận', { name: 'Phạm Thị Tố Giác', idNumber: '001190012345', address: 'Số 9 ngõ 7 Hoàng Hoa Thám', phone: '0912345678' });
    await drain();
    const mine = received.filter((x) => x.body.case.code === c.code);
    expect(mine).toHaveLength(1);
    expect(mine[0]!.body.case).toMatchObject({ kind: 'denunciation', petitionerName: null, identitySealed: true });
    for (const secret of ['Phạm Thị Tố Giác', '001190012345', 'Hoàng Hoa Thám', '0912345678', 'Đã bảo mật']) {
      expect(received.some((x) => x.raw.includes(secret)), secret).toBe(false);
    }
    const stored = await queryRows<{ p: string }>(env.database.db, sql`select payload::text as p from national_sync_outbox`);
    expect(stored.some((x) => x.p.includes('Phạm Thị Tố Giác') || x.p.includes('001190012345'))).toBe(false);
  });

  it('the backlog view is for admin and monitor roles, within their agencies', async () => {
    expect((await status('xuly')).statusCode).toBe(403);
    const hcm = await status('giamsat.hcm');
    expect(hcm.statusCode).toBe(200);
    expect((hcm.json() as { counts: Record<string, number> }).counts).toEqual({ pending: 0, sending: 0, sent: 0, failed: 0 });
    expect((await status('giamsat.hcm', '?agency=00004')).statusCode).toBe(404);
    const hn = (await status('giamsat', '?agency=00004')).json() as { counts: Record<string, number>; lastSentAt: string | null };
    expect(hn.counts.sent).toBeGreaterThanOrEqual(7);
    expect(hn.lastSentAt).not.toBeNull();
  });
});
