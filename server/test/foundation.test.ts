/**
 * The foundation slice through the HTTP API, on PGlite and on PostgreSQL (DANVAN_TEST_DB):
 * agencies, sign-in, a visit that opens a complaint, acceptance, decision, and the period reports of the
 * commune and its province; scoping (404 outside), errors (401, 400 field by field, never 500), audit chain.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestEnv, type TestEnv } from '../src/testing/harness.ts';
import { verifyAudit } from '../src/modules/audit/verify-audit.ts';
import { queryRows } from '../src/db/client.ts';

let env: TestEnv;

beforeAll(async () => {
  env = await createTestEnv({ now: '2026-07-15T03:00:00Z' });
  await env.addUser('letan', 'receptionist', '00004');
  await env.addUser('xuly', 'handler', '00004');
  await env.addUser('lanhdao', 'head', '00004');
  await env.addUser('letan.ngocha', 'receptionist', '00008');
  await env.addUser('tinh', 'monitor', '01');
});
afterAll(async () => env?.close());

interface Report {
  visits: number;
  people: number;
  cases: number;
  withinJurisdiction: number;
  resolved: number;
  resolutionRate: number;
  summary: string;
}

async function report(user: string, agency: string) {
  const res = await env.api('GET', `/api/v1/reports/period?agency=${agency}&from=2026-07-01&to=2026-07-31`, { token: await env.login(user) });
  return res;
}

describe('agencies', () => {
  it('lists the 34 provinces and 3,321 communes of QĐ 19/2025 and the national level', async () => {
    const p = (await env.api('GET', '/api/v1/agencies?level=province&limit=100')).json() as { total: number };
    const c = (await env.api('GET', '/api/v1/agencies?level=commune&limit=1')).json() as { total: number };
    const m = (await env.api('GET', '/api/v1/agencies?level=ministry&limit=100')).json() as { total: number; items: { fullName: string }[] };
    expect(p.total).toBe(34);
    expect(c.total).toBe(3321);
    expect(m.items.map((i) => i.fullName)).toEqual(expect.arrayContaining(['Thanh tra Chính phủ', 'Văn phòng Chính phủ', 'Bộ Nông nghiệp và Môi trường']));
    expect(m.total).toBe(17);
  });
  it('searches without diacritics', async () => {
    const r = (await env.api('GET', `/api/v1/agencies?q=${encodeURIComponent('phuong ba dinh')}`)).json() as { items: { unitName: string; code: string; parentCode: string }[] };
    expect(r.items[0]).toMatchObject({ unitName: 'Phường Ba Đình', code: '00004', parentCode: '01' });
    const d = (await env.api('GET', `/api/v1/agencies?q=${encodeURIComponent('dak lak')}&level=province`)).json() as { items: { name: string }[] };
    expect(d.items.map((i) => i.name)).toEqual(['Đắk Lắk']);
  });
  it('flags the island special zones as remote by default', async () => {
    const r = (await env.api('GET', `/api/v1/agencies?q=${encodeURIComponent('dac khu con dao')}`)).json() as { items: { remote: boolean; unitType: string }[] };
    expect(r.items[0]).toMatchObject({ unitType: 'dac-khu', remote: true });
  });
});

describe('the slice: visit → accept → decide → reports', () => {
  let caseId = '';
  it('a receptionist records a visit that opens a complaint', async () => {
    const res = await env.api('POST', '/api/v1/visits', {
      token: await env.login('letan'),
      body: {
        agency: '00004',
        citizen: { name: 'Nguyễn Văn An', idNumber: '001085012345', address: 'Số 12 phố Đội Cấn, Phường Ba Đình, Hà Nội', phone: '0912 345 678' },
        content: 'Khiếu nại quyết định thu hồi đất số 123/QĐ-UBND',
        type: 'complaint',
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json() as { case: { id: string; code: string; state: string }; visit: { visitedOn: string } };
    expect(body.case.state).toBe('received');
    expect(body.case.code).toBe('00004-2026-00001');
    expect(body.visit.visitedOn).toBe('2026-07-15');
    caseId = body.case.id;
  });
  it('a receptionist cannot accept; a handler records the head\'s acceptance decision and the deadline is set from the legal clock', async () => {
    const denied = await env.api('POST', `/api/v1/cases/${caseId}/transitions`, { token: await env.login('letan'), body: { action: 'accept' } });
    expect(denied.statusCode).toBe(403);
    const alone = await env.api('POST', `/api/v1/cases/${caseId}/transitions`, { token: await env.login('xuly'), body: { action: 'accept' } });
    expect(alone.statusCode).toBe(400);
    const res = await env.api('POST', `/api/v1/cases/${caseId}/transitions`, { token: await env.login('xuly'), body: { action: 'accept', decisionNo: '15/QĐ-UBND', signer: 'Trần Văn Lãnh' } });
    expect(res.statusCode, res.body).toBe(200);
    // complaint.first: 30 days from acceptance on 15/07/2026 → 14/08/2026 (a Friday).
    expect(res.json()).toMatchObject({ case: { state: 'accepted', acceptedOn: '2026-07-15', dueOn: '2026-08-14', dueRule: 'complaint.first' } });
  });
  it('an action not allowed in the state is a 409 listing the allowed actions', async () => {
    const res = await env.api('POST', `/api/v1/cases/${caseId}/transitions`, { token: await env.login('lanhdao'), body: { action: 'accept' } });
    expect(res.statusCode).toBe(409);
    expect((res.json() as { allowedActions: string[] }).allowedActions).toEqual(expect.arrayContaining(['decide', 'start-verification']));
    expect((res.json() as { message: string }).message).toContain('Không thể thực hiện «accept»');
  });
  it('a decision needs an outcome; the head decides', async () => {
    const token = await env.login('lanhdao');
    const missing = await env.api('POST', `/api/v1/cases/${caseId}/transitions`, { token, body: { action: 'decide' } });
    expect(missing.statusCode).toBe(400);
    expect(missing.json()).toMatchObject({ details: [{ field: 'outcome', message: 'Cần chọn kết quả giải quyết' }] });
    const res = await env.api('POST', `/api/v1/cases/${caseId}/transitions`, { token, body: { action: 'decide', outcome: 'right' } });
    expect(res.statusCode, res.body).toBe(200);
    // The decision is to be sent within 3 working days (Luật Khiếu nại Art. 32): Wed 15/07 → Mon 20/07/2026.
    expect(res.json()).toMatchObject({ case: { state: 'decided', outcome: 'right', decidedOn: '2026-07-15', dueOn: '2026-07-20', dueRule: 'complaint.send-decision' } });
  });
  it('the commune and its province both report 1/1/1/1 and 100%', async () => {
    for (const [user, agency, name] of [
      ['lanhdao', '00004', 'Ủy ban nhân dân Phường Ba Đình'],
      ['tinh', '01', 'Ủy ban nhân dân Thành phố Hà Nội'],
    ] as const) {
      const res = await report(user, agency);
      expect(res.statusCode, res.body).toBe(200);
      const r = res.json() as Report;
      expect(r).toMatchObject({ visits: 1, people: 1, cases: 1, withinJurisdiction: 1, resolved: 1, resolutionRate: 1 });
      expect(r.summary).toBe(
        `Từ ngày 01/07/2026 đến ngày 31/07/2026, ${name} đã tiếp 1 lượt công dân với 1 vụ việc, đã giải quyết 1 vụ việc trong tổng số 1 vụ khiếu nại, tố cáo thuộc thẩm quyền, đạt 100%.`,
      );
    }
  });
  it('a user of another commune gets 404 on the case and 0 in its own report', async () => {
    const token = await env.login('letan.ngocha');
    expect((await env.api('GET', `/api/v1/cases/${caseId}`, { token })).statusCode).toBe(404);
    expect((await env.api('POST', `/api/v1/cases/${caseId}/transitions`, { token, body: { action: 'close' } })).statusCode).toBe(404);
    expect((await report('letan.ngocha', '00004')).statusCode).toBe(404);
    const own = (await report('letan.ngocha', '00008')).json() as Report;
    expect(own).toMatchObject({ visits: 0, cases: 0, withinJurisdiction: 0, resolved: 0 });
    const list = (await env.api('GET', '/api/v1/cases', { token })).json() as { total: number };
    expect(list.total).toBe(0);
  });
  it('the case page shows the history and, until the decision is effective, only sending it, the appeal and the lawsuit', async () => {
    const res = await env.api('GET', `/api/v1/cases/${caseId}`, { token: await env.login('lanhdao') });
    const body = res.json() as { history: { action: string }[]; allowedActions: { action: string }[]; case: { petitioner: { phone: string } } };
    expect(body.history.map((h) => h.action)).toEqual(['case.open', 'visit.record', 'case.accept', 'case.decide']);
    expect(body.allowedActions.map((a) => a.action)).toEqual(['send-decision', 'appeal', 'sue']);
    expect(body.case.petitioner.phone).toBe('+84912345678');
  });
  it('every state change wrote an audit row in a valid hash chain', async () => {
    const v = await verifyAudit(env.database.db);
    expect(v.ok).toBe(true);
    expect(v.rows).toBeGreaterThanOrEqual(9);
  });
});

describe('sign-in and errors', () => {
  it('wrong password → 401 in Vietnamese; unknown user → the same', async () => {
    const a = await env.api('POST', '/api/v1/auth/login', { body: { username: 'letan', password: 'sai-mat-khau' } });
    const b = await env.api('POST', '/api/v1/auth/login', { body: { username: 'khong-co', password: 'sai-mat-khau' } });
    expect(a.statusCode).toBe(401);
    expect(a.json()).toMatchObject({ message: 'Tên đăng nhập hoặc mật khẩu không đúng' });
    expect(b.json()).toEqual(a.json());
  });
  it('login sets an httpOnly SameSite session cookie that authenticates', async () => {
    const res = await env.api('POST', '/api/v1/auth/login', { body: { username: 'letan', password: 'Test@12345' } });
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/danvan_session=/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    const me = await env.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: cookie.split(';')[0]! } });
    expect(me.json()).toMatchObject({ username: 'letan', grants: [{ role: 'receptionist', agencyCode: '00004' }] });
  });
  it('staff routes without a token → 401 before validation', async () => {
    const res = await env.api('POST', '/api/v1/visits', { body: {} });
    expect(res.statusCode).toBe(401);
  });
  it('malformed bodies → 400 with field-level Vietnamese messages (English on request)', async () => {
    const token = await env.login('letan');
    const res = await env.api('POST', '/api/v1/visits', { token, body: { agency: '00004', citizen: { name: 'A', idNumber: '123', address: 'x' }, content: 'y', type: 'complaint' } });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ details: [{ field: 'citizen.idNumber', message: 'Số định danh cá nhân (CCCD) phải gồm đúng 12 chữ số' }] });
    const en = await env.api('POST', '/api/v1/visits', { token, headers: { 'accept-language': 'en-US,en' }, body: { type: 'other' } });
    expect(en.statusCode).toBe(400);
    const details = (en.json() as { details: { field: string; message: string }[] }).details;
    expect(details).toEqual(
      expect.arrayContaining([
        { field: 'agency', message: '"Agency" is required' },
        { field: 'type', message: '"Type" must be one of: complaint, denunciation, feedback' },
      ]),
    );
    const future = await env.api('POST', '/api/v1/visits', {
      token,
      body: { agency: '00004', visitedOn: '2026-07-16', citizen: { name: 'A', idNumber: '001085012345', address: 'x' }, content: 'y', type: 'feedback' },
    });
    expect(future.json()).toMatchObject({ details: [{ field: 'visitedOn', message: 'Ngày không được sau hôm nay' }] });
  });
  it('no request produces a 500', async () => {
    const token = await env.login('lanhdao');
    const probes: [string, string, unknown][] = [
      ['POST', '/api/v1/visits', 'not json'],
      ['POST', '/api/v1/visits', { agency: 'ZZZ', citizen: { name: 'A', idNumber: '001085012345', address: 'x' }, content: 'y', type: 'complaint' }],
      ['POST', '/api/v1/visits', { agency: '00004', citizen: [], content: 5, type: null }],
      ['POST', '/api/v1/petitions', { agency: '00004', channel: 'fax' }],
      ['POST', '/api/v1/petitions', { agency: '00004', channel: 'post', type: 'feedback', content: 'x', anonymous: true, receivedOn: '2026-02-30' }],
      ['GET', '/api/v1/cases/not-a-uuid', undefined],
      ['GET', '/api/v1/cases/00000000-0000-4000-8000-000000000000', undefined],
      ['POST', '/api/v1/cases/00000000-0000-4000-8000-000000000000/transitions', { action: 'accept' }],
      ['GET', '/api/v1/reports/period?agency=01&from=2026-13-01&to=2026-01-01', undefined],
      ['GET', '/api/v1/reports/period?agency=00004&from=2026-07-31&to=2026-07-01', undefined],
      ['GET', '/api/v1/reports/period?agency=00004&period=2026-Q9', undefined],
      ['GET', '/api/v1/agencies?limit=-1', undefined],
      ['GET', '/api/v1/agencies?q=%25%27%22', undefined],
      ['PATCH', '/api/v1/agencies/00004', { remote: 'maybe' }],
      ['GET', '/api/v1/nowhere', undefined],
    ];
    for (const [method, url, body] of probes) {
      const res = await env.app.inject({
        method: method as 'GET',
        url,
        headers: { authorization: `Bearer ${token}`, ...(typeof body === 'string' ? { 'content-type': 'application/json' } : {}) },
        ...(body !== undefined ? { payload: body as string } : {}),
      });
      expect(res.statusCode, `${method} ${url} → ${res.body}`).toBeLessThan(500);
      if (url.includes('%25')) continue; // a search for punctuation is a valid (empty) search
      expect(res.statusCode, `${method} ${url} → ${res.body}`).toBeGreaterThanOrEqual(400);
      expect((res.json() as { message: string }).message.length).toBeGreaterThan(3);
    }
  });
});

describe('denouncer identity', () => {
  it('is sealed: not on the case, the visit or in list views; stored encrypted apart', async () => {
    const res = await env.api('POST', '/api/v1/visits', {
      token: await env.login('letan'),
      body: {
        agency: '00004',
        citizen: { name: 'Đặng Thị Kín', idNumber: '001190099887', address: 'Số 99 Quán Thánh, Phường Ba Đình' },
        content: 'Tố cáo cán bộ nhận hối lộ',
        type: 'denunciation',
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    const caseId = (res.json() as { case: { id: string } }).case.id;
    const page = await env.api('GET', `/api/v1/cases/${caseId}`, { token: await env.login('xuly') });
    expect(page.body).not.toContain('Đặng Thị Kín');
    expect(page.body).not.toContain('001190099887');
    const list = await env.api('GET', '/api/v1/visits', { token: await env.login('xuly') });
    expect(list.body).not.toContain('Kín');
    const rows = await queryRows<{ t: string }>(
      env.database.db,
      sql`select row_to_json(c)::text as t from cases c union all select row_to_json(v)::text from visits v union all select row_to_json(a)::text from audit_log a`,
    );
    const plain = rows.map((r) => r.t).join('\n');
    expect(plain).toContain('Tố cáo cán bộ nhận hối lộ');
    expect(plain).not.toContain('Kín');
    expect(plain).not.toContain('001190099887');
    const sealed = await queryRows<{ ciphertext: string }>(env.database.db, sql`select ciphertext from sealed_identities`);
    expect(sealed).toHaveLength(1);
    expect(sealed[0]!.ciphertext).not.toContain('Kín');
    expect(env.ctx.sealer.open((await queryRows<{ key_id: string; iv: string; ciphertext: string; auth_tag: string }>(env.database.db, sql`select * from sealed_identities`)).map((s) => ({ keyId: s.key_id, iv: s.iv, ciphertext: s.ciphertext, authTag: s.auth_tag }))[0]!)).toContain('Đặng Thị Kín');
  });
});

describe('audit trail', () => {
  it('verify detects a row edited directly in the database', async () => {
    expect((await verifyAudit(env.database.db)).ok).toBe(true);
    const [row] = await queryRows<{ id: number }>(env.database.db, sql`select min(id)::int as id from audit_log where action = 'case.decide'`);
    await env.database.db.execute(sql`update audit_log set summary = summary || ' (sửa)' where id = ${row!.id}`);
    const v = await verifyAudit(env.database.db);
    expect(v).toMatchObject({ ok: false, firstBroken: { id: row!.id, reason: 'hash' } });
  });
});

describe('rate limit on sign-in', () => {
  it('answers 429 in Vietnamese after too many attempts from one address', async () => {
    const limited = await createTestEnv({ loginRateLimit: 3 });
    try {
      const codes: number[] = [];
      for (let i = 0; i < 5; i++) codes.push((await limited.api('POST', '/api/v1/auth/login', { body: { username: 'x', password: 'y' } })).statusCode);
      expect(codes).toEqual([401, 401, 401, 429, 429]);
      const res = await limited.api('POST', '/api/v1/auth/login', { body: { username: 'x', password: 'y' } });
      expect((res.json() as { message: string }).message).toMatch(/^Quá nhiều yêu cầu, vui lòng thử lại sau \d+ giây$/);
    } finally {
      await limited.close();
    }
  });
});
