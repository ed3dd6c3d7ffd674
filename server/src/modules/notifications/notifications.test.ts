/**
 * Notifications through a real SMTP server started in this process (smtp-server), on both databases: the
 * citizen's receipt arrives with the right Vietnamese text; with the SMTP server stopped the messages queue and
 * back off, and once it is up again each arrives exactly once (also with two workers racing); acceptance
 * notices follow the case; staff get e-mail copies of assignments and sweep reminders; SMS through the HTTP
 * gateway and the log-only default (masked); a cancelled booking's reminder is not sent.
 */
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { createTestEnv, type TestEnv } from '../../testing/harness.ts';
import { queryRows } from '../../db/client.ts';
import { notificationOutbox, users } from '../../db/schema.ts';
import { sweepDeadlines } from '../cases/sweep-deadlines.ts';
import { freePort } from './test-port.ts';
import { startSmtpSink, type SmtpSink } from './smtp-sink.ts';
import { outboxCounts, runOutboxOnce, type OutboxDeps } from './run-outbox.ts';
import { httpSms, logSms, smtpMailer, type NotifyLog } from './transports.ts';

let env: TestEnv;
let sink: SmtpSink | null = null;
let port = 0;
const logLines: string[] = [];
const log: NotifyLog = {
  info: (o, m) => logLines.push(`${m} ${JSON.stringify(o)}`),
  warn: (o, m) => logLines.push(`${m} ${JSON.stringify(o)}`),
  error: (o, m) => logLines.push(`${m} ${JSON.stringify(o)}`),
};
let deps: OutboxDeps;
let ipSeq = 0;

function submit(body: Record<string, unknown>) {
  return env.app.inject({ method: 'POST', url: '/api/v1/public/petitions', remoteAddress: `10.9.0.${++ipSeq}`, payload: { consent: true, ...body } });
}

const complaint = (email: string, phone?: string) => ({
  agency: '00004',
  kind: 'complaint',
  content: 'Khiếu nại Quyết định số 45/QĐ-UBND về mức bồi thường khi thu hồi đất ngõ 19 Kim Mã.',
  petitioner: { name: 'Trần Thị Bình', address: 'Ngõ 19 Kim Mã, Phường Ba Đình, Hà Nội', email, ...(phone ? { phone } : {}) },
});

beforeAll(async () => {
  env = await createTestEnv({ now: '2026-07-15T03:00:00Z' });
  await env.addUser('xuly', 'handler', '00004');
  await env.addUser('lanhdao', 'head', '00004');
  await env.addUser('letan', 'receptionist', '00004');
  port = await freePort();
  sink = await startSmtpSink(port);
  deps = { mailer: smtpMailer({ url: `smtp://127.0.0.1:${port}`, from: 'DânVận <no-reply@danvan.test>' }), sms: logSms(log), log, publicUrl: 'https://congdan.example.vn', messageDomain: 'danvan.test' };
});
afterAll(async () => {
  deps?.mailer.close?.();
  await sink?.stop();
  await env?.close();
});

describe('e-mail over a real SMTP server', () => {
  it('the receipt arrives with the right Vietnamese text, the tracking code and the secret', async () => {
    const res = await submit(complaint('binh@example.com', '0987654321'));
    expect(res.statusCode, res.body).toBe(201);
    const r = res.json() as { trackingCode: string; secret: string; caseCode: string };
    const pass = await runOutboxOnce(env.ctx, deps);
    expect(pass).toMatchObject({ claimed: 2, sent: 2 });
    const mail = await sink!.waitFor((m) => m.text.includes(r.trackingCode));
    expect(mail.to).toEqual(['binh@example.com']);
    expect(mail.subject).toBe(`Đã tiếp nhận đơn khiếu nại — mã tra cứu ${r.trackingCode}`);
    expect(mail.text).toContain(`Ủy ban nhân dân Phường Ba Đình đã tiếp nhận đơn khiếu nại (mã hồ sơ ${r.caseCode}) gửi qua cổng trực tuyến ngày 15/07/2026`);
    // The acceptance deadline: 7 working days from Wed 15/07/2026 → Fri 24/07/2026.
    expect(mail.text).toContain('đến hết ngày 24/07/2026');
    expect(mail.text).toContain(`Mật mã tra cứu: ${r.secret}`);
    expect(mail.text).toContain('https://congdan.example.vn/tra-cuu');
    expect(mail.messageId).toMatch(/^<[0-9a-f-]{36}@danvan\.test>$/);
    // The SMS went to the log-only adapter: number masked, no text.
    const smsLine = logLines.find((l) => l.startsWith('SMS (log only'));
    expect(smsLine).toContain('+84••••••321');
    expect(smsLine).not.toContain('987654321');
    expect(smsLine).not.toContain(r.trackingCode);
    // Sent rows keep no address and no text.
    const sent = await env.ctx.db.select().from(notificationOutbox).where(eq(notificationOutbox.status, 'sent'));
    expect(sent.every((s) => s.payload === null)).toBe(true);
    expect(sent.map((s) => s.recipientHint).sort()).toEqual(['+84••••••321', 'b•••@example.com']);
  });

  it('the acceptance notice follows the case to the citizen', async () => {
    const r = (await submit(complaint('cuong@example.com'))).json() as { trackingCode: string; caseCode: string };
    await runOutboxOnce(env.ctx, deps);
    const [c] = await queryRows<{ id: string }>(env.ctx.db, sql`select id from cases where code = ${r.caseCode}`);
    const accept = await env.api('POST', `/api/v1/cases/${c!.id}/transitions`, { token: await env.login('xuly'), body: { action: 'accept', decisionNo: '15/QĐ-UBND', signer: 'Trần Văn Lãnh' } });
    expect(accept.statusCode, accept.body).toBe(200);
    await runOutboxOnce(env.ctx, deps);
    const mail = await sink!.waitFor((m) => m.subject === `Hồ sơ ${r.trackingCode}: Đã thụ lý`);
    expect(mail.text).toContain(`đã thụ lý giải quyết đơn khiếu nại (mã hồ sơ ${r.caseCode}); thời hạn giải quyết đến hết ngày 14/08/2026`);
  });

  it('with the SMTP server stopped, messages queue and back off; once it is up, each arrives exactly once', async () => {
    await sink!.stop();
    const before = sink!.messages.length;
    const codes: string[] = [];
    for (let i = 0; i < 3; i++) {
      const r = (await submit({ ...complaint(`queue${i}@example.com`), content: `Khiếu nại số ${i}: mức bồi thường đất ngõ 19 Kim Mã quá thấp.` })).json() as { trackingCode: string };
      codes.push(r.trackingCode);
    }
    const down = await runOutboxOnce(env.ctx, deps);
    expect(down).toMatchObject({ claimed: 3, sent: 0, retried: 3 });
    const rows = await env.ctx.db.select().from(notificationOutbox).where(eq(notificationOutbox.status, 'pending'));
    expect(rows).toHaveLength(3);
    expect(rows.every((r) => r.attempts === 1 && r.nextAttemptAt.getTime() === env.ctx.now().getTime() + 30_000)).toBe(true);
    expect(rows.every((r) => r.lastError && !r.lastError.includes('@'))).toBe(true);
    // Not due yet: nothing is claimed.
    expect(await runOutboxOnce(env.ctx, deps)).toMatchObject({ claimed: 0 });
    env.setNow('2026-07-15T03:00:31Z');
    expect(await runOutboxOnce(env.ctx, deps)).toMatchObject({ claimed: 3, retried: 3 }); // still down: 2nd attempt, 1 min
    const second = await env.ctx.db.select().from(notificationOutbox).where(eq(notificationOutbox.status, 'pending'));
    expect(second.every((r) => r.attempts === 2 && r.nextAttemptAt.getTime() === env.ctx.now().getTime() + 60_000)).toBe(true);

    sink = await startSmtpSink(port);
    env.setNow('2026-07-15T03:01:32Z');
    // Two workers race for the same rows: skip locked + claim tokens give each message to one of them.
    const [a, b] = await Promise.all([runOutboxOnce(env.ctx, deps), runOutboxOnce(env.ctx, deps)]);
    expect(a.sent + b.sent).toBe(3);
    expect(await runOutboxOnce(env.ctx, deps)).toMatchObject({ claimed: 0 });
    await new Promise((r) => setTimeout(r, 300));
    for (const code of codes) expect(sink!.messages.filter((m) => m.text.includes(code))).toHaveLength(1);
    expect(sink!.messages).toHaveLength(3);
    expect(before).toBeGreaterThan(0);
    expect((await outboxCounts(env.ctx)).pending ?? 0).toBe(0);
  });

  it('staff: an assignment and the sweep reminder go to the e-mail of staff who have one, once', async () => {
    const [u] = await env.ctx.db.update(users).set({ email: 'xuly@ubnd.example.vn' }).where(eq(users.username, 'xuly')).returning({ id: users.id });
    expect(u).toBeDefined();
    const r = (await submit(complaint('dung@example.com'))).json() as { caseCode: string };
    const [c] = await queryRows<{ id: string }>(env.ctx.db, sql`select id from cases where code = ${r.caseCode}`);
    const assign = await env.api('POST', `/api/v1/cases/${c!.id}/assignment`, { token: await env.login('lanhdao'), body: { username: 'xuly' } });
    expect(assign.statusCode, assign.body).toBe(200);
    // Two working days before the acceptance deadline (Fri 24/07): Wed 22/07 the sweep reminds; run twice, one e-mail.
    env.setNow('2026-07-22T02:00:00Z');
    await sweepDeadlines(env.ctx);
    await sweepDeadlines(env.ctx);
    await runOutboxOnce(env.ctx, deps);
    await new Promise((res) => setTimeout(res, 300));
    const staffMail = sink!.messages.filter((m) => m.to.includes('xuly@ubnd.example.vn'));
    expect(staffMail.map((m) => m.subject.split(':')[0])).toEqual(expect.arrayContaining(['[DânVận] Được giao vụ việc', '[DânVận] Sắp đến hạn']));
    expect(staffMail.filter((m) => m.subject.includes(r.caseCode) && m.subject.startsWith('[DânVận] Sắp đến hạn'))).toHaveLength(1);
    expect(staffMail.find((m) => m.subject.startsWith('[DânVận] Được giao'))!.text).toContain(`https://congdan.example.vn/app/#/cases/${c!.id}`);
  });
});

describe('SMS adapters and booking reminders', () => {
  it('the HTTP gateway receives {to, text}; a failing gateway is retried', async () => {
    const received: { to: string; text: string }[] = [];
    let fail = true;
    const server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString('utf8')));
      req.on('end', () => {
        if (fail) {
          res.statusCode = 503;
          return res.end();
        }
        received.push(JSON.parse(body) as { to: string; text: string });
        res.end('{}');
      });
    });
    const smsPort = await freePort();
    await new Promise<void>((r) => server.listen(smsPort, '127.0.0.1', () => r()));
    try {
      const smsDeps = { ...deps, sms: httpSms(`http://127.0.0.1:${smsPort}/sms`, 'token') };
      env.setNow('2026-07-28T02:00:00Z');
      await runOutboxOnce(env.ctx, smsDeps); // flush anything older
      const r = (await submit({ agency: '00004', kind: 'feedback', content: 'Cống thoát nước ngõ 3 bị tắc gây ngập.', petitioner: { phone: '0912000999' } })).json() as { trackingCode: string };
      expect(await runOutboxOnce(env.ctx, smsDeps)).toMatchObject({ retried: 1 });
      fail = false;
      env.setNow('2026-07-28T02:00:31Z');
      expect(await runOutboxOnce(env.ctx, smsDeps)).toMatchObject({ sent: 1 });
      expect(received).toHaveLength(1);
      expect(received[0]!.to).toBe('+84912000999');
      expect(received[0]!.text).toBe(`DanVan: Uy ban nhan dan Phuong Ba Dinh da tiep nhan don kien nghi, phan anh. Ma tra cuu ${r.trackingCode}. Tra cuu: https://congdan.example.vn/tra-cuu`);
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
  });

  it('a booking is reminded by SMS the day before at 08:00; a cancelled booking is not', async () => {
    env.setNow('2026-07-28T02:00:00Z');
    const token = await env.login('letan');
    const session = await env.api('POST', '/api/v1/reception-sessions', { token, body: { agency: '00004', kind: 'regular', heldOn: '2026-07-31', startTime: '08:00', location: 'Phòng tiếp công dân' } });
    expect(session.statusCode, session.body).toBe(201);
    const sessionId = (session.json() as { session: { id: string } }).session.id;
    const book = (name: string, phone: string) => env.app.inject({ method: 'POST', url: '/api/v1/public/reception-bookings', remoteAddress: `10.9.1.${++ipSeq}`, payload: { sessionId, name, phone, content: 'Hỏi về bồi thường' } });
    const kept = (await book('Ngô Văn A', '0913000111')).json() as { code: string };
    const dropped = (await book('Ngô Văn B', '0913000222')).json() as { code: string };
    const cancel = await env.app.inject({ method: 'POST', url: '/api/v1/public/reception-bookings/cancel', remoteAddress: '10.9.2.1', payload: { code: dropped.code, phone: '0913000222' } });
    expect(cancel.statusCode).toBe(200);
    logLines.length = 0;
    expect(await runOutboxOnce(env.ctx, deps)).toMatchObject({ claimed: 0 }); // not before 30/07 08:00
    env.setNow('2026-07-30T01:00:00Z');
    expect(await runOutboxOnce(env.ctx, deps)).toMatchObject({ claimed: 2, sent: 1, skipped: 1 });
    const rows = await env.ctx.db.select().from(notificationOutbox).where(eq(notificationOutbox.kind, 'booking-reminder'));
    expect(rows.map((r) => r.status).sort()).toEqual(['sent', 'skipped']);
    expect(logLines.filter((l) => l.startsWith('SMS (log only')).join('\n')).not.toContain('0913000111');
    expect(kept.code).toMatch(/^TCD-/);
  });
});
