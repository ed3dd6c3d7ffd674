/**
 * Issue 13 (hardening), on PGlite and on PostgreSQL: the denouncer's identity does not leak through bookings,
 * visits attached to a denunciation case, registers or exports; no 500 from hostile input (control characters,
 * out-of-range dates, bad ids); failing SQL is logged without its parameters; CSRF and response headers.
 */
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestEnv, type TestEnv } from '../src/testing/harness.ts';
import { queryRows } from '../src/db/client.ts';
import { verifyAudit } from '../src/modules/audit/verify-audit.ts';

let env: TestEnv;
let log = '';
const logStream = new Writable({
  write(chunk, _enc, cb) {
    log += String(chunk);
    cb();
  },
});

const DENOUNCER = { name: 'Lò Văn Anh', phone: '0987 123 456', e164: '+84987123456', idNumber: '001190077123', address: 'Số 9 Ngõ Trạm' };
const ROLES = ['letan', 'xuly', 'lanhdao', 'thanhtra', 'giamsat', 'tinh.giamsat', 'tw.giamsat'] as const;

beforeAll(async () => {
  env = await createTestEnv({ now: '2026-07-15T01:30:00Z', logStream });
  await env.addUser('letan', 'receptionist', '00004');
  await env.addUser('xuly', 'handler', '00004');
  await env.addUser('lanhdao', 'head', '00004');
  await env.addUser('thanhtra', 'inspector', '00004');
  await env.addUser('giamsat', 'monitor', '00004');
  await env.addUser('tinh.giamsat', 'monitor', '01');
  await env.addUser('tw.giamsat', 'monitor', 'VN');
  await env.addUser('admin', 'admin', 'VN');
});
afterAll(async () => env?.close());

/** Every place a denouncer's name or phone could show, without diacritics or spacing too. */
function leaks(text: string): string[] {
  const fold = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase();
  const t = fold(text);
  const found: string[] = [];
  if (t.includes(fold(DENOUNCER.name))) found.push('name');
  if (text.includes(DENOUNCER.e164) || text.includes('0987123456') || text.includes(DENOUNCER.phone)) found.push('phone');
  if (text.includes(DENOUNCER.idNumber)) found.push('idNumber');
  return found;
}

describe('denouncer identity through bookings (issue 13, items 1 and 2)', () => {
  let sessionId = '';
  let caseId = '';
  it('a booking linked to a denunciation visit shows no identity; only desk roles list bookings', async () => {
    const letan = await env.login('letan');
    const s = await env.api('POST', '/api/v1/reception-sessions', { token: letan, body: { agency: '00004', kind: 'regular', heldOn: '2026-07-16' } });
    expect(s.statusCode, s.body).toBe(201);
    sessionId = (s.json() as { session: { id: string } }).session.id;
    const b = await env.api('POST', '/api/v1/public/reception-bookings', { body: { sessionId, name: DENOUNCER.name, phone: DENOUNCER.phone, content: 'Tố cáo cán bộ địa chính' } });
    expect(b.statusCode, b.body).toBe(201);
    // Before the visit, the desk sees who booked.
    const before = (await env.api('GET', `/api/v1/reception-bookings?sessionId=${sessionId}`, { token: letan })).json() as { items: { id: string; name: string; phone: string | null }[] };
    expect(before.items[0]).toMatchObject({ name: DENOUNCER.name, phone: DENOUNCER.e164 });
    env.setNow('2026-07-16T02:00:00Z');
    const v = await env.api('POST', '/api/v1/visits', {
      token: await env.login('letan'),
      body: {
        agency: '00004',
        sessionId,
        bookingId: before.items[0]!.id,
        citizen: { name: DENOUNCER.name, idNumber: DENOUNCER.idNumber, address: DENOUNCER.address, phone: DENOUNCER.phone },
        content: 'Tố cáo cán bộ địa chính nhận tiền',
        type: 'denunciation',
      },
    });
    expect(v.statusCode, v.body).toBe(201);
    caseId = (v.json() as { case: { id: string } }).case.id;
    const desk = (await env.api('GET', `/api/v1/reception-bookings?sessionId=${sessionId}`, { token: await env.login('letan') })).json() as { items: { name: string; phone: string | null; identitySealed: boolean }[] };
    expect(desk.items[0]).toMatchObject({ name: '[Đã bảo mật]', phone: null, identitySealed: true });
    for (const role of ROLES) {
      const token = await env.login(role);
      const list = await env.api('GET', `/api/v1/reception-bookings?sessionId=${sessionId}`, { token });
      expect(leaks(list.body), role).toEqual([]);
      if (['thanhtra', 'giamsat', 'tinh.giamsat', 'tw.giamsat'].includes(role)) expect(list.statusCode, role).toBe(403);
      const byDay = await env.api('GET', '/api/v1/reception-bookings?agency=00004&date=2026-07-16', { token });
      expect(leaks(byDay.body), role).toEqual([]);
    }
  });

  it('a complaint-type visit attached to the denunciation case is sealed in storage, lists, the visit page, the receipt and the register', async () => {
    const v = await env.api('POST', '/api/v1/visits', {
      token: await env.login('letan'),
      body: {
        agency: '00004',
        caseId,
        citizen: { name: DENOUNCER.name, idNumber: DENOUNCER.idNumber, address: DENOUNCER.address, phone: DENOUNCER.phone },
        content: 'Bổ sung tài liệu',
        type: 'complaint',
      },
    });
    expect(v.statusCode, v.body).toBe(201);
    const visitId = (v.json() as { visit: { id: string } }).visit.id;
    for (const role of ROLES) {
      const token = await env.login(role);
      for (const url of [
        `/api/v1/visits?agency=00004&from=2026-07-01&to=2026-07-31`,
        `/api/v1/visits/${visitId}`,
        `/api/v1/visits/${visitId}/receipt`,
        `/api/v1/visits?idNumber=${DENOUNCER.idNumber}`,
        `/api/v1/reception-register?agency=00004&from=2026-07-01&to=2026-07-31`,
        `/api/v1/cases/${caseId}`,
      ]) {
        const res = await env.api('GET', url, { token });
        expect(res.statusCode, `${role} ${url}`).toBeLessThan(500);
        expect(leaks(res.body), `${role} ${url}`).toEqual([]);
      }
    }
    const page = (await env.api('GET', `/api/v1/visits/${visitId}`, { token: await env.login('lanhdao') })).json() as { identitySealed: boolean; citizen: unknown };
    expect(page).toMatchObject({ identitySealed: true, citizen: null });
  });

  it('the intake check answers about the denouncer only while registering a denunciation, records each match, and is rate-limited per user', async () => {
    const letan = await env.login('letan');
    const ask = (body: Record<string, unknown>, token = letan) =>
      env.api('POST', '/api/v1/intake/check', { token, body: { agency: '00004', content: 'Tố cáo cán bộ địa chính nhận tiền của dân', idNumber: DENOUNCER.idNumber, ...body } });
    const same = (res: { json: () => unknown }) => (res.json() as { repeats: { id: string; samePerson: boolean }[] }).repeats.filter((r) => r.samePerson).map((r) => r.id);
    // Not registering: a pasted denunciation with any ID tells nothing about who denounced.
    expect(same(await ask({ kind: 'denunciation' }))).toEqual([]);
    expect(same(await ask({ kind: 'complaint' }))).toEqual([]);
    expect(same(await ask({}))).toEqual([]);
    // Registering a new denunciation: the earlier one of the same denouncer is found, and that is recorded.
    expect(same(await ask({ kind: 'denunciation', registering: true }))).toEqual([caseId]);
    const page = (await env.api('GET', `/api/v1/cases/${caseId}`, { token: await env.login('lanhdao') })).json() as { history: { action: string; actorName: string | null; summary: string }[] };
    const rows = page.history.filter((h) => h.action === 'intake.denouncer-match');
    expect(rows).toHaveLength(1);
    expect(rows[0]!.summary).toContain('Đối chiếu danh tính khi tiếp nhận tố cáo mới');
    expect(leaks(JSON.stringify(page))).toEqual([]);
    // Per user: a clerk who keeps asking is stopped, another clerk is not.
    await env.addUser('letan2', 'receptionist', '00004');
    let last = 0;
    for (let i = 0; i < 70 && last !== 429; i++) last = (await ask({ kind: 'feedback' })).statusCode;
    expect(last).toBe(429);
    expect((await ask({ kind: 'feedback' }, await env.login('letan2'))).statusCode).toBe(200);
  });

  it('a denunciation answer goes public only as the head confirmed it in a preview, with the folded name and every ID digit run struck', async () => {
    // Setup shortcut: the case has reached the conclusion sent to the denouncer (the workflow is tested elsewhere).
    await env.database.db.execute(sql`update cases set state = 'conclusion-sent' where id = ${caseId}`);
    const text = 'Kết luận: nội dung tố cáo của ông LO VAN ANH (CCCD 001 190 077 123, số cuối 123) là đúng một phần. Ông Lò Văn Anh đã được thông báo.';
    const xuly = await env.login('xuly');
    const byHandler = await env.api('PUT', `/api/v1/cases/${caseId}/public-answer`, { token: xuly, body: { answer: text } });
    expect(byHandler.statusCode).toBe(403);
    const head = await env.login('lanhdao');
    const preview = await env.api('POST', `/api/v1/cases/${caseId}/public-answer/preview`, { token: head, body: { answer: text } });
    expect(preview.statusCode, preview.body).toBe(200);
    const p = preview.json() as { answer: string; digest: string; headConfirms: boolean; remaining: { answer: { text: string }[] } };
    expect(p.headConfirms).toBe(true);
    expect(leaks(p.answer)).toEqual([]);
    expect(p.answer).not.toMatch(/123/);
    expect(p.remaining.answer.map((r) => r.text)).not.toContain('LO VAN ANH');
    const unconfirmed = await env.api('PUT', `/api/v1/cases/${caseId}/public-answer`, { token: head, body: { answer: text } });
    expect(unconfirmed.statusCode).toBe(409);
    const changed = await env.api('PUT', `/api/v1/cases/${caseId}/public-answer`, { token: head, body: { answer: `${text} Thêm.`, previewDigest: p.digest } });
    expect(changed.statusCode).toBe(409);
    const ok = await env.api('PUT', `/api/v1/cases/${caseId}/public-answer`, { token: head, body: { answer: text, previewDigest: p.digest } });
    expect(ok.statusCode, ok.body).toBe(200);
    const pub = await env.api('GET', '/api/v1/public/answers?q=ket+luan');
    expect(pub.body).toContain('đúng một phần');
    expect(leaks(pub.body)).toEqual([]);
    expect(pub.body).not.toMatch(/077|123/);
  });

  it('the head still opens the identity on the case (recorded); a plaintext dump holds neither name nor phone', async () => {
    const r = await env.api('POST', `/api/v1/cases/${caseId}/denouncer/reveal`, { token: await env.login('lanhdao'), body: { reason: 'Bảo vệ người tố cáo theo Điều 48' } });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.body).toContain(DENOUNCER.name);
    const dump = await plaintextDump();
    expect(leaks(dump)).toEqual([]);
    expect(leaks(log)).toEqual([]);
  });
});

describe('the denouncer-identity grep over every read operation (item 12)', () => {
  it('after the scenario, no GET of the OpenAPI document shows the name, phone or ID, to any role or anonymously', async () => {
    const doc = (await env.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json() as {
      paths: Record<string, Record<string, { operationId: string; parameters?: { name: string; in: string }[] }>>;
    };
    const ids = (await queryRows<{ id: string }>(env.database.db, sql`select id::text as id from cases union all select id::text from visits union all select id::text from reception_sessions union all select id::text from reception_bookings`)).map((r) => r.id);
    const queryValues: Record<string, string> = { agency: '00004', from: '2026-07-01', to: '2026-07-31', date: '2026-07-16', idNumber: DENOUNCER.idNumber, q: 'Lò Văn Anh', name: DENOUNCER.name };
    let checked = 0;
    for (const [path, methods] of Object.entries(doc.paths)) {
      const op = methods['get'];
      if (!op) continue;
      const query = (op.parameters ?? [])
        .filter((p) => p.in === 'query' && queryValues[p.name])
        .map((p) => `${p.name}=${encodeURIComponent(queryValues[p.name]!)}`)
        .join('&');
      const urls = path.includes('{id}') ? ids.map((id) => path.replace('{id}', id)) : [path.replace('{code}', '00004').replace('{date}', '2026-07-16')];
      for (const user of [null, ...ROLES, 'admin']) {
        const token = user ? await env.login(user) : undefined;
        for (const u of urls) {
          const res = await env.api('GET', `${u}${query ? `?${query}` : ''}`, token ? { token } : {});
          checked++;
          expect(leaks(res.body), `${op.operationId} ${user ?? 'anonymous'} ${u}`).toEqual([]);
        }
      }
    }
    expect(checked).toBeGreaterThan(200);
  }, 300_000);
});

/** Every text column of every table, as text (the database "as a thief copies it", keys aside). */
export async function plaintextDump(): Promise<string> {
  const tables = await queryRows<{ table_name: string }>(env.database.db, sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`);
  const parts: string[] = [];
  for (const t of tables) {
    const rows = await queryRows<{ r: string }>(env.database.db, sql.raw(`select t::text as r from "${t.table_name}" t`));
    for (const row of rows) parts.push(row.r);
  }
  return parts.join('\n');
}

describe('no 500 from any input (item 5)', () => {
  it('a NUL in the login answers 400 field by field, in Vietnamese, without signing in', async () => {
    const res = await env.api('POST', '/api/v1/auth/login', { body: { username: 'letan\u0000', password: 'x' } });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json()).toMatchObject({ statusCode: 400, details: [{ field: 'username', message: '«Tên đăng nhập» chứa ký tự điều khiển không được phép (như U+0000)' }] });
  });
  it('control characters in nested fields and in a portal submission are 400 naming the field', async () => {
    const res = await env.api('POST', '/api/v1/visits', {
      token: await env.login('letan'),
      body: { agency: '00004', citizen: { name: 'A\u0000B', idNumber: '001190077123', address: 'x' }, content: 'nội dung\u0007', type: 'complaint' },
    });
    expect(res.statusCode, res.body).toBe(400);
    expect((res.json() as { details: { field: string; message: string }[] }).details).toEqual([
      { field: 'citizen.name', message: '«Họ và tên» chứa ký tự điều khiển không được phép (như U+0000)' },
      { field: 'content', message: '«Nội dung» chứa ký tự điều khiển không được phép (như U+0000)' },
    ]);
    const portal = await env.api('POST', '/api/v1/public/reception-bookings', { body: { sessionId: '00000000-0000-4000-8000-000000000000', name: 'x\u0000', phone: '0987123456', content: 'x' } });
    expect(portal.statusCode).toBe(400);
    const path = await env.api('GET', '/api/v1/cases/%00', { token: await env.login('letan') });
    expect(path.statusCode).toBe(400);
  });
  it('GET /cases?assignee=abc is 400; a report ending 9999-12-31 and a session in year 9999 are 400 naming the field', async () => {
    const token = await env.login('lanhdao');
    const a = await env.api('GET', '/api/v1/cases?assignee=abc', { token });
    expect(a.statusCode, a.body).toBe(400);
    const r = await env.api('GET', '/api/v1/reports/period?agency=00004&from=2026-01-01&to=9999-12-31', { token });
    expect(r.statusCode, r.body).toBe(400);
    expect(r.json()).toMatchObject({ details: [{ field: 'to', message: '«Đến ngày» phải là ngày từ 01/01/1900 đến 31/12/2099' }] });
    const s = await env.api('POST', '/api/v1/reception-sessions', { token: await env.login('letan'), body: { agency: '00004', kind: 'regular', heldOn: '9999-01-01' } });
    expect(s.statusCode, s.body).toBe(400);
    expect(s.json()).toMatchObject({ details: [{ field: 'heldOn', message: '«Ngày tiếp» phải là ngày từ 01/01/1900 đến 31/12/2099' }] });
  });
  it('allowed values are named in Vietnamese; unlabelled fields are never a bare English name', async () => {
    const res = await env.api('GET', '/api/v1/reception-bookings?agency=00004&date=2026-07-16&status=gone', { token: await env.login('letan') });
    expect(res.statusCode).toBe(400);
    expect((res.json() as { message: string }).message).toContain('Đã hủy (cancelled)');
    expect((res.json() as { message: string }).message).not.toMatch(/«status»/);
  });
  it("the router's own refusals (over-long path, malformed escape) answer in the one error shape, in Vietnamese", async () => {
    const TOO_LONG = { statusCode: 414, error: 'URI Too Long', message: 'Địa chỉ yêu cầu quá dài' };
    // A segment over 100 characters (the portal's catch-all route used to answer it 404), signed in or not.
    const long = await env.api('GET', `/api/v1/cases/${'a'.repeat(5000)}`, { token: await env.login('letan') });
    expect(long.statusCode).toBe(414);
    expect(long.json()).toEqual(TOO_LONG);
    expect((await env.app.inject({ method: 'GET', url: `/api/v1/petitions/${'b'.repeat(101)}/history` })).json()).toEqual(TOO_LONG);
    // Outside the API (portal pages) a path over 2,048 characters is 414 too, as the portal's HTML error page.
    const page = await env.app.inject({ method: 'GET', url: `/tra-cuu/${'c'.repeat(3000)}` });
    expect(page.statusCode).toBe(414);
    expect(page.body).toContain('Địa chỉ yêu cầu quá dài');
    expect((await env.app.inject({ method: 'GET', url: `/api/v1/cases/${'a'.repeat(101)}`, headers: { 'accept-language': 'en' } })).json()).toEqual({ ...TOO_LONG, message: 'The request address is too long' });
    // 100 characters is still routed (404 for an unknown case, not 414).
    expect((await env.api('GET', `/api/v1/cases/${'a'.repeat(100)}`, { token: await env.login('letan') })).statusCode).not.toBe(414);
    // Over Node's own limit the HTTP parser refuses the request line before Fastify sees it: the same shape, 414.
    await env.app.listen({ port: 0, host: '127.0.0.1' });
    const address = env.app.server.address() as { port: number };
    const raw = await fetch(`http://127.0.0.1:${address.port}/api/v1/cases/${'d'.repeat(20_000)}`);
    expect(raw.status).toBe(414);
    expect(await raw.json()).toEqual(TOO_LONG);
    const bad = await env.app.inject({ method: 'GET', url: '/api/v1/cases/%E0%A4%A' });
    expect(bad.json()).toEqual({ statusCode: 400, error: 'Bad Request', message: 'Địa chỉ yêu cầu không hợp lệ' });
  });
});

describe('failing SQL is logged by name and code, never its parameters (item 6)', () => {
  it('a failing insert carrying a name, an ID number and content logs none of them', async () => {
    // A constraint the insert will break, so the statement fails inside the database with its parameters bound.
    await env.database.db.execute(sql.raw(`alter table petitions add constraint t_fail check (content not like '%FAILME%')`));
    log = '';
    const res = await env.api('POST', '/api/v1/petitions', {
      token: await env.login('letan'),
      body: {
        agency: '00004',
        channel: 'post',
        type: 'complaint',
        receivedOn: '2026-07-15',
        content: 'Khiếu nại FAILME về đất ở Ngõ Trạm',
        petitioner: { name: 'Phạm Thị Hoa', idNumber: '001190011223', address: 'Số 12 Ngõ Trạm', phone: '0912345678' },
      },
    });
    await env.database.db.execute(sql.raw(`alter table petitions drop constraint t_fail`));
    expect(res.statusCode, res.body).toBe(500);
    expect(log).toContain('failing SQL statement');
    // The petition goes in one statement with the case it opens (writeTogether): every write of it is named.
    expect(log).toMatch(/"statement":"insert cases, [^"]*insert petitions[^"]*"/);
    expect(log).toMatch(/"code":"23514"/);
    for (const secret of ['Phạm Thị Hoa', '001190011223', 'Ngõ Trạm', '0912345678', '+84912345678', 'FAILME']) expect(log).not.toContain(secret);
  });
});

describe('per-account login throttling (item 8)', () => {
  it('wrong passwords from many addresses lock the account with a doubling back-off a real user survives, with an audit row', async () => {
    await env.addUser('khoa', 'handler', '00004');
    const attempt = (password: string, ip: string) => env.app.inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress: ip, payload: { username: 'Khoa', password } });
    const codes: number[] = [];
    for (let i = 0; i < 20; i++) codes.push((await attempt('sai-mat-khau', `10.0.0.${i % 10}`)).statusCode);
    // Five free mistakes, then locked: the next guesses are refused without checking the password.
    expect(codes.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(codes.slice(5)).toEqual(Array(15).fill(429));
    const locked = await attempt('Test@12345', '10.0.0.99');
    expect(locked.statusCode).toBe(429);
    expect((locked.json() as { message: string }).message).toMatch(/Đăng nhập tạm khóa .* sau 30 giây/);
    // The real user waits half a minute and signs in; the counter starts again.
    env.setNow('2026-07-16T02:00:31Z');
    expect((await attempt('Test@12345', '10.0.0.99')).statusCode).toBe(200);
    expect((await attempt('sai', '10.0.0.1')).statusCode).toBe(401);
    const audit = await queryRows<{ action: string; summary: string }>(env.database.db, sql`select action, summary from audit_log where action = 'auth.login-locked'`);
    expect(audit).toEqual([{ action: 'auth.login-locked', summary: 'Tạm khóa đăng nhập 30 giây sau 5 lần nhập sai mật khẩu liên tiếp' }]);
    // Another account is not affected by this one's lock.
    expect((await env.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'xuly', password: 'Test@12345' } })).statusCode).toBe(200);
  });
  it('the back-off doubles up to 15 minutes', async () => {
    const { lockSeconds } = await import('../src/modules/auth/login-throttle.ts');
    expect([4, 5, 6, 7, 10, 20].map(lockSeconds)).toEqual([0, 30, 60, 120, 900, 900]);
  });
});

describe('CSRF and headers (item 7)', () => {
  it('a cookie-authenticated POST from another origin or a same-site page is refused; same-origin passes', async () => {
    const token = await env.login('admin');
    const cookie = `danvan_session=${token}`;
    const sameSite = await env.app.inject({ method: 'POST', url: '/api/v1/admin/sweep-deadlines', headers: { cookie, 'sec-fetch-site': 'same-site', origin: 'http://localhost:9999', 'content-type': 'text/plain' }, payload: 'x' });
    expect(sameSite.statusCode).toBe(403);
    expect(sameSite.json()).toMatchObject({ statusCode: 403, message: expect.stringContaining('giả mạo') });
    const otherOrigin = await env.app.inject({ method: 'POST', url: '/api/v1/admin/sweep-deadlines', headers: { cookie, origin: 'http://evil.example' } });
    expect(otherOrigin.statusCode).toBe(403);
    const same = await env.app.inject({ method: 'POST', url: '/api/v1/admin/sweep-deadlines', headers: { cookie, host: 'localhost:80', origin: 'http://localhost:80', 'sec-fetch-site': 'same-origin' } });
    expect(same.statusCode, same.body).toBeLessThan(300);
    const bearer = await env.app.inject({ method: 'POST', url: '/api/v1/admin/sweep-deadlines', headers: { authorization: `Bearer ${token}`, cookie, origin: 'http://evil.example' } });
    expect(bearer.statusCode).toBeLessThan(300);
  });
  it('API responses are no-store and nosniff; the printable receipt has a CSP', async () => {
    const token = await env.login('letan');
    const res = await env.api('GET', '/api/v1/visits?agency=00004', { token });
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    const list = (res.json() as { items: { id: string }[] }).items;
    const receipt = await env.api('GET', `/api/v1/visits/${list[0]!.id}/receipt`, { token });
    expect(receipt.headers['content-security-policy']).toMatch(/default-src 'none'/);
  });
  it('the audit chain still verifies', async () => {
    expect((await verifyAudit(env.database.db)).ok).toBe(true);
  });
});
