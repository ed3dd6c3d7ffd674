/**
 * A staff member's own notification e-mail (GET/PUT /api/v1/me/notification-settings), on both databases: set
 * (NFC, trimmed), read back, an invalid address is a field error in Vietnamese and English, null clears it; each
 * change writes an audit row that never holds the address (nor do the logs); 401 without a session; and a
 * staff notice then goes to the new address.
 */
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { createTestEnv, type TestEnv } from '../../testing/harness.ts';
import { auditLog, users } from '../../db/schema.ts';
import { verifyAudit } from '../audit/verify-audit.ts';
import { notifyStaff } from './enqueue-notification.ts';
import { storeStaffEmail } from './staff-email.ts';
import { runOutboxOnce, type OutboxDeps } from './run-outbox.ts';
import { logSms, type MailMessage, type NotifyLog } from './transports.ts';

let env: TestEnv;
let token = '';
let userId = '';
const logLines: string[] = [];
const URL = '/api/v1/me/notification-settings';
const ADDRESS = 'nguyen.van.a@ubnd.example.vn';

beforeAll(async () => {
  const logStream = new Writable({
    write(chunk: Buffer, _enc, done) {
      logLines.push(chunk.toString('utf8'));
      done();
    },
  });
  env = await createTestEnv({ now: '2026-07-15T03:00:00Z', logStream });
  userId = await env.addUser('xuly', 'handler', '00004');
  token = await env.login('xuly');
});
afterAll(async () => {
  await env?.close();
});

const auditRows = () => env.ctx.db.select().from(auditLog).where(and(eq(auditLog.entity, 'user'), eq(auditLog.entityId, userId), eq(auditLog.action, 'user.notification-email')));

describe('my notification settings', () => {
  it('starts empty, sets an address (NFC, trimmed) and reads it back; the audit row holds no address', async () => {
    expect((await env.api('GET', URL, { token })).json()).toEqual({ email: null });
    const put = await env.api('PUT', URL, { token, body: { email: `  ${ADDRESS}  ` } });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json()).toEqual({ email: ADDRESS });
    const get = await env.api('GET', URL, { token });
    expect(get.statusCode).toBe(200);
    expect(get.json()).toEqual({ email: ADDRESS });
    const [u] = await env.ctx.db.select({ email: users.email }).from(users).where(eq(users.id, userId));
    expect(u?.email).toBe(ADDRESS);

    const rows = await auditRows();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actorId: userId, summary: 'Đã cập nhật địa chỉ e-mail nhận thông báo', before: { emailSet: false }, after: { emailSet: true } });
    expect(JSON.stringify(rows)).not.toContain('nguyen.van.a');
    expect((await verifyAudit(env.ctx.db)).ok).toBe(true);
  });

  it('an invalid address is a 400 on the field, in Vietnamese and in English, and changes nothing', async () => {
    const vi = await env.api('PUT', URL, { token, body: { email: 'không phải e-mail' } });
    expect(vi.statusCode).toBe(400);
    expect(vi.json()).toMatchObject({ details: [{ field: 'email', message: '«E-mail» không phải địa chỉ e-mail hợp lệ' }] });
    const en = await env.api('PUT', URL, { token, body: { email: 'a@b' }, headers: { 'accept-language': 'en' } });
    expect(en.statusCode).toBe(400);
    expect(en.json()).toMatchObject({ details: [{ field: 'email', message: '"E-mail" is not a valid e-mail address' }] });
    const missing = await env.api('PUT', URL, { token, body: {} });
    expect(missing.statusCode).toBe(400);
    expect((await env.api('GET', URL, { token })).json()).toEqual({ email: ADDRESS });
    expect(await auditRows()).toHaveLength(1);
  });

  it('a staff notice then goes to the new address', async () => {
    const sent: MailMessage[] = [];
    const log: NotifyLog = { info: () => undefined, warn: () => undefined, error: () => undefined };
    const deps: OutboxDeps = { mailer: { name: 'capture', send: async (m) => void sent.push(m) }, sms: logSms(log), log, publicUrl: 'https://congdan.example.vn' };
    expect(await notifyStaff(env.ctx.db, env.ctx, { userId, caseId: null, kind: 'reminder', message: 'Vụ việc sắp đến hạn', dedupeKey: 'settings-test' })).toBe(true);
    await runOutboxOnce(env.ctx, deps);
    expect(sent.map((m) => m.to)).toEqual([ADDRESS]);
  });

  it('null (or an empty string) clears it, with another audit row; then no staff e-mail is queued', async () => {
    const put = await env.api('PUT', URL, { token, body: { email: null } });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json()).toEqual({ email: null });
    expect((await env.api('GET', URL, { token })).json()).toEqual({ email: null });
    expect(await notifyStaff(env.ctx.db, env.ctx, { userId, caseId: null, kind: 'reminder', message: 'Vụ việc sắp đến hạn', dedupeKey: 'settings-test-2' })).toBe(false);
    expect((await env.api('PUT', URL, { token, body: { email: '   ' } })).json()).toEqual({ email: null });
    const rows = await auditRows();
    expect(rows).toHaveLength(3);
    expect(rows.map((r) => r.after)).toEqual([{ emailSet: true }, { emailSet: false }, { emailSet: false }]);
    expect(JSON.stringify(rows)).not.toContain('@');
  });

  it('answers 401 without a session, on both routes', async () => {
    expect((await env.api('GET', URL)).statusCode).toBe(401);
    expect((await env.api('PUT', URL, { body: { email: ADDRESS } })).statusCode).toBe(401);
  });

  it('the logs never hold the address; the routes are in the OpenAPI document', async () => {
    expect(logLines.join('')).not.toContain('nguyen.van.a');
    const doc = (await env.api('GET', '/api/v1/openapi.json')).json() as { paths: Record<string, Record<string, { operationId?: string }>> };
    const ops = doc.paths['/api/v1/me/notification-settings'];
    expect(ops?.['get']?.operationId).toBe('getMyNotificationSettings');
    expect(ops?.['put']?.operationId).toBe('setMyNotificationSettings');
    const all = Object.values(doc.paths).flatMap((o) => Object.values(o).map((x) => x.operationId));
    expect(new Set(all).size).toBe(all.length);
  });

  it('the command line (danvan notify set-email) stores through the same function, with its own audit row', async () => {
    const stored = await env.ctx.db.transaction((tx) => storeStaffEmail(tx, { username: 'XULY' }, 'cli.address@example.vn', { actor: { id: null, name: 'system' }, at: new Date() }));
    expect(stored).not.toBeNull();
    const [u] = await env.ctx.db.select({ email: users.email }).from(users).where(eq(users.username, 'xuly'));
    expect(u?.email).toBe('cli.address@example.vn');
    const rows = await env.ctx.db.select().from(auditLog).where(and(eq(auditLog.action, 'user.notification-email'), eq(auditLog.actorName, 'system')));
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows[0])).not.toContain('cli.address');
    expect((await verifyAudit(env.ctx.db)).ok).toBe(true);
    expect(await env.ctx.db.transaction((tx) => storeStaffEmail(tx, { username: 'khong-ton-tai' }, null, { actor: { id: null, name: 'system' }, at: new Date() }))).toBeNull();
  });
});
