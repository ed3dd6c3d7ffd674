/**
 * Visits through the HTTP API on PGlite and PostgreSQL (DANVAN_TEST_DB): delegations and the representatives
 * rule (Luật TCD Art. 29), first-time vs repeat visits on one case, the period report figures, outcomes (guided,
 * forwarded, refused with a legal ground), passports, the outcome notice clock (Art. 28), the printable receipt,
 * scope (404 outside), field-level Vietnamese errors and the audit chain.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestEnv, type TestEnv } from '../../testing/harness.ts';
import { verifyAudit } from '../audit/verify-audit.ts';
import { queryRows } from '../../db/client.ts';
import { calendarDays } from '../../db/schema.ts';
import { recomputeVisitNotices } from './recompute-notices.ts';

let env: TestEnv;

beforeAll(async () => {
  env = await createTestEnv({ now: '2026-07-15T03:00:00Z' });
  await env.addUser('letan', 'receptionist', '00004');
  await env.addUser('xuly', 'handler', '00004');
  await env.addUser('letan.ngocha', 'receptionist', '00008');
  await env.addUser('tinh', 'monitor', '01');
});
afterAll(async () => env?.close());

const rep = (i: number) => ({ name: `Người đại diện ${i}`, idNumber: `00108501234${i}`, address: `Số ${i} phố Kim Mã, Phường Ba Đình, Hà Nội` });
const citizen = { name: 'Nguyễn Văn An', idNumber: '001085012345', address: 'Số 12 phố Đội Cấn, Phường Ba Đình, Hà Nội', phone: '0912 345 678' };

interface VisitBody {
  visit: { id: string; isDelegation: boolean; isRepeat: boolean; peopleCount: number; representativesCount: number | null; noticeDueOn: string | null; caseId: string | null; outcome: string; refusal: { label: string; citation: string } | null };
  case: { id: string; code: string } | null;
}

async function post(user: string, body: unknown) {
  return env.api('POST', '/api/v1/visits', { token: await env.login(user), body });
}

async function report(user: string, agency: string) {
  const res = await env.api('GET', `/api/v1/reports/period?agency=${agency}&from=2026-07-01&to=2026-07-31`, { token: await env.login(user) });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Record<string, number>;
}

async function visitCount(agencyCode: string): Promise<number> {
  const [r] = await queryRows<{ n: number }>(env.database.db, sql`select count(*)::int as n from visits v join agencies a on a.id = v.agency_id where a.code = ${agencyCode}`);
  return Number(r?.n);
}

describe('delegations (đoàn đông người, Luật TCD Art. 29)', () => {
  const delegation = (n: number) => ({
    agency: '00004',
    citizen: { ...rep(1), phone: '0912000111' },
    content: 'Đoàn 12 hộ dân ngõ 19 Kim Mã khiếu nại phương án bồi thường giải phóng mặt bằng',
    type: 'complaint',
    peopleCount: 12,
    representatives: Array.from({ length: n }, (_, i) => rep(i + 1)),
  });

  it('12 people with 6 representatives is refused with the rule, field by field, and nothing is written', async () => {
    const res = await post('letan', delegation(6));
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({
      details: [
        {
          field: 'representatives',
          message: 'Đoàn 12 người đã cử 6 người đại diện; theo quy định đoàn trên 10 người cử không quá 5 người đại diện (Điều 29 Luật Tiếp công dân 2013)',
        },
      ],
    });
    const en = await env.api('POST', '/api/v1/visits', { token: await env.login('letan'), headers: { 'accept-language': 'en' }, body: delegation(6) });
    expect((en.json() as { details: { message: string }[] }).details[0]!.message).toBe(
      'A delegation of 12 people named 6 representatives; Art. 29 of the Law on Citizen Reception allows 1 to 5',
    );
    expect(await visitCount('00004')).toBe(0);
  });

  it('8 people with 3 representatives is refused under the 5–10 rule', async () => {
    const res = await post('letan', { ...delegation(3), peopleCount: 8 });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('đoàn từ 5 đến 10 người cử 1 hoặc 2 người đại diện');
  });

  it('12 people with 5 representatives counts as 1 visit, 12 people, 1 delegation', async () => {
    const res = await post('letan', delegation(5));
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json() as VisitBody;
    expect(body.visit).toMatchObject({ isDelegation: true, peopleCount: 12, representativesCount: 5, isRepeat: false, outcome: 'petition-received' });
    expect(await report('letan', '00004')).toMatchObject({ visits: 1, people: 12, cases: 1, delegations: 1, firstTimeVisits: 1, repeatVisits: 0 });
  });
});

describe('first-time vs repeat (derived from the case history)', () => {
  it('three visits by one person on one matter count as 3 visits, 1 case: 1 first-time, 2 repeat', async () => {
    const body = {
      agency: '00008',
      citizen: { name: 'Trần Thị Bình', idNumber: '001190054321', address: 'Số 3 Hoàng Hoa Thám, Phường Ngọc Hà, Hà Nội' },
      content: 'Kiến nghị sửa chữa hệ thống thoát nước ngõ 3 Hoàng Hoa Thám',
      type: 'feedback',
    };
    const first = await post('letan.ngocha', { ...body, visitedOn: '2026-07-01' });
    expect(first.statusCode, first.body).toBe(201);
    const caseId = (first.json() as VisitBody).case!.id;
    expect((first.json() as VisitBody).visit.isRepeat).toBe(false);
    // The clerk finds the earlier visit of the same person (by ID number) and links the new ones to its case.
    const earlier = await env.api('GET', '/api/v1/visits?idNumber=001190054321', { token: await env.login('letan.ngocha') });
    expect(earlier.json()).toMatchObject({ total: 1, items: [{ caseId }] });
    for (const visitedOn of ['2026-07-08', '2026-07-15']) {
      const again = await post('letan.ngocha', { ...body, visitedOn, caseId });
      expect(again.statusCode, again.body).toBe(201);
      expect((again.json() as VisitBody).visit).toMatchObject({ isRepeat: true, caseId });
    }
    expect(await report('letan.ngocha', '00008')).toMatchObject({ visits: 3, people: 3, cases: 1, delegations: 0, firstTimeVisits: 1, repeatVisits: 2 });
    const repeats = await env.api('GET', '/api/v1/visits?agency=00008&repeat=true', { token: await env.login('letan.ngocha') });
    expect((repeats.json() as { total: number }).total).toBe(2);
  });

  it('the province report sums both communes', async () => {
    expect(await report('tinh', '01')).toMatchObject({ visits: 4, people: 15, cases: 2, delegations: 1, firstTimeVisits: 2, repeatVisits: 2 });
  });
});

describe('outcomes', () => {
  it('guided needs the guidance document number; a guided visit opens no case', async () => {
    const base = { agency: '00004', citizen, content: 'Hỏi thủ tục cấp giấy chứng nhận quyền sử dụng đất', type: 'feedback', outcome: 'guided' };
    const missing = await post('letan', base);
    expect(missing.statusCode).toBe(400);
    expect(missing.json()).toMatchObject({ details: [{ field: 'guidance.documentNo', message: '«Số văn bản hướng dẫn» là bắt buộc' }] });
    const ok = await post('letan', { ...base, guidance: { documentNo: '15/HD-TCD', to: 'Văn phòng đăng ký đất đai Hà Nội' }, priorAgencies: 'UBND Phường Ba Đình' });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({ case: null, visit: { outcome: 'guided', caseId: null, noticeDueOn: null, withinJurisdiction: false, guidanceDocNo: '15/HD-TCD' } });
  });

  it('forwarded needs the receiving agency and the transfer number', async () => {
    const res = await post('letan', { agency: '00004', citizen, content: 'Khiếu nại quyết định của Sở Xây dựng', type: 'complaint', outcome: 'forwarded', transfer: { agency: 'Sở Xây dựng Hà Nội', documentNo: '' } });
    expect(res.statusCode).toBe(400);
    const ok = await post('letan', { agency: '00004', citizen, content: 'Khiếu nại quyết định của Sở Xây dựng', type: 'complaint', outcome: 'forwarded', transfer: { agency: 'Sở Xây dựng Hà Nội', documentNo: '27/CV-TCD' } });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({ visit: { outcome: 'forwarded', forwardedTo: 'Sở Xây dựng Hà Nội', transferDocNo: '27/CV-TCD' } });
  });

  it('refused carries one of the legal grounds with its label and citation; an unknown ground is a 400 listing them', async () => {
    const bad = await post('letan', { agency: '00004', citizen, content: 'x', type: 'complaint', outcome: 'refused', refusal: { ground: 'rude' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('incapacitated');
    const res = await post('letan', { agency: '00004', citizen, content: 'Tiếp tục khiếu nại vụ việc đã có quyết định giải quyết lần hai', type: 'complaint', outcome: 'refused', refusal: { ground: 'already-settled' } });
    expect(res.statusCode, res.body).toBe(201);
    expect((res.json() as VisitBody).visit.refusal).toEqual({
      ground: 'already-settled',
      label: expect.stringContaining('đã được giải quyết đúng chính sách, pháp luật'),
      citation: 'Khoản 3 Điều 9 Luật Tiếp công dân 2013',
    });
  });

  it('accepts a passport number with idType passport, and checks it', async () => {
    const foreigner = { name: 'John Smith', idNumber: 'n 1234567', idType: 'passport', address: 'Số 1 Tràng Tiền, Hà Nội' };
    const ok = await post('letan', { agency: '00004', citizen: foreigner, content: 'Phản ánh tiếng ồn công trình ban đêm', type: 'feedback' });
    expect(ok.statusCode, ok.body).toBe(201);
    const id = (ok.json() as VisitBody).visit.id;
    const page = await env.api('GET', `/api/v1/visits/${id}`, { token: await env.login('letan') });
    expect(page.json()).toMatchObject({ citizen: { idType: 'passport', idNumber: 'N1234567' } });
    const bad = await post('letan', { agency: '00004', citizen: { ...foreigner, idNumber: 'AB#1' }, content: 'x', type: 'feedback' });
    expect(bad.json()).toMatchObject({ details: [{ field: 'citizen.idNumber', message: 'Số hộ chiếu phải gồm 6–20 chữ cái in hoa hoặc chữ số' }] });
  });
});

describe('outcome notice (Luật TCD Art. 28, 10 working days)', () => {
  let visitId = '';
  it('a received petition carries its notice deadline: 15/07/2026 → 29/07/2026', async () => {
    const res = await post('letan', { agency: '00004', citizen, content: 'Khiếu nại việc cấp phép xây dựng nhà số 14 Đội Cấn', type: 'complaint', documents: [{ title: 'Đơn khiếu nại', pages: 2, original: true }, { title: 'Bản sao giấy phép xây dựng', pages: 3 }] });
    expect(res.statusCode, res.body).toBe(201);
    const v = (res.json() as VisitBody).visit;
    expect(v.noticeDueOn).toBe('2026-07-29');
    visitId = v.id;
    const pending = await env.api('GET', '/api/v1/visits?agency=00004&noticePending=true', { token: await env.login('letan') });
    expect((pending.json() as { items: { id: string }[] }).items.map((i) => i.id)).toContain(visitId);
  });
  it('recording the notice stops the clock; a second one is a 409; a guided visit has none to record', async () => {
    const token = await env.login('letan');
    const res = await env.api('POST', `/api/v1/visits/${visitId}/notice`, { token, body: { outcome: 'accepted', documentNo: '31/TB-UBND' } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ onTime: true, visit: { noticeSentOn: '2026-07-15', noticeOutcome: 'accepted', noticeOutcomeLabel: 'Thụ lý giải quyết', noticeDueOn: '2026-07-29' } });
    const again = await env.api('POST', `/api/v1/visits/${visitId}/notice`, { token, body: { outcome: 'accepted' } });
    expect(again.statusCode).toBe(409);
    expect((again.json() as { message: string }).message).toBe('Đã ghi nhận thông báo kết quả ngày 15/07/2026');
    const pending = await env.api('GET', '/api/v1/visits?agency=00004&noticePending=true', { token });
    expect((pending.json() as { items: { id: string }[] }).items.map((i) => i.id)).not.toContain(visitId);
  });
  it('the receipt (Mẫu 02/TCD) is printable HTML in Vietnamese with the documents and the notice date', async () => {
    const res = await env.api('GET', `/api/v1/visits/${visitId}/receipt`, { token: await env.login('letan') });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.headers['cache-control']).toBe('no-store');
    for (const text of ['GIẤY BIÊN NHẬN', 'Mẫu 02/TCD', 'Nguyễn Văn An', '001085012345', 'ngày 15 tháng 07 năm 2026', 'Đơn khiếu nại', 'Bản sao giấy phép xây dựng', '29/07/2026', '00004-2026-']) {
      expect(res.body).toContain(text);
    }
  });
  it("a denunciation's receipt leaves the identity blank; the visit never stores it", async () => {
    const res = await post('letan', { agency: '00004', citizen: { name: 'Lê Văn Kín', idNumber: '001070011223', address: 'Số 5 Quán Thánh' }, content: 'Tố cáo cán bộ địa chính nhận tiền', type: 'denunciation' });
    expect(res.statusCode, res.body).toBe(201);
    const id = (res.json() as VisitBody).visit.id;
    const receipt = await env.api('GET', `/api/v1/visits/${id}/receipt`, { token: await env.login('letan') });
    expect(receipt.body).not.toContain('Kín');
    expect(receipt.body).not.toContain('001070011223');
    expect(receipt.body).toContain('Điều 47 Luật Tố cáo 2018');
    const page = await env.api('GET', `/api/v1/visits/${id}`, { token: await env.login('letan') });
    expect(page.json()).toMatchObject({ citizen: null, identitySealed: true, visit: { citizenName: '[Đã bảo mật]' } });
  });
});

describe('a calendar edit moves pending notice deadlines', () => {
  it('a day off on 20/07/2026 moves a pending notice from 29/07 to 30/07, with an audit row; a sent notice stays', async () => {
    const res = await post('letan', { agency: '00004', citizen, content: 'Kiến nghị lắp đèn chiếu sáng ngõ 12', type: 'feedback' });
    const v = (res.json() as VisitBody).visit;
    expect(v.noticeDueOn).toBe('2026-07-29');
    const moved = await env.database.db.transaction(async (tx) => {
      await tx.insert(calendarDays).values({ date: '2026-07-20', kind: 'day-off', name: 'Nghỉ bù (thử)' });
      const r = await recomputeVisitNotices(tx, { date: '2026-07-20', change: 'thành ngày nghỉ', actor: { id: null, displayName: 'test' }, now: env.ctx.now() });
      await tx.delete(calendarDays);
      return r;
    });
    expect(moved).toContainEqual({ visitId: v.id, before: '2026-07-29', after: '2026-07-30' });
    const page = await env.api('GET', `/api/v1/visits/${v.id}`, { token: await env.login('letan') });
    expect(page.json()).toMatchObject({ visit: { noticeDueOn: '2026-07-30' } });
    const sent = await queryRows<{ n: number }>(env.database.db, sql`select count(*)::int as n from visits where notice_sent_on is not null and notice_due_on <> '2026-07-29'`);
    expect(sent[0]!.n).toBe(0);
  });
});

describe('scope and errors', () => {
  it('another commune gets 404 on a visit, its receipt and its notice; 403 when recording for another agency', async () => {
    const list = (await env.api('GET', '/api/v1/visits?agency=00004', { token: await env.login('letan') })).json() as { items: { id: string }[] };
    const id = list.items[0]!.id;
    const token = await env.login('letan.ngocha');
    expect((await env.api('GET', `/api/v1/visits/${id}`, { token })).statusCode).toBe(404);
    expect((await env.api('GET', `/api/v1/visits/${id}/receipt`, { token })).statusCode).toBe(404);
    expect((await env.api('POST', `/api/v1/visits/${id}/notice`, { token, body: { outcome: 'accepted' } })).statusCode).toBe(404);
    const other = await post('letan.ngocha', { agency: '00004', citizen, content: 'x', type: 'feedback' });
    expect(other.statusCode).toBe(403);
    // A monitor sees but may not record.
    expect((await env.api('GET', `/api/v1/visits/${id}`, { token: await env.login('tinh') })).statusCode).toBe(200);
    expect((await post('tinh', { agency: '00004', citizen, content: 'x', type: 'feedback' })).statusCode).toBe(403);
  });

  it('no request produces a 500', async () => {
    const token = await env.login('letan');
    const probes: [string, string, unknown][] = [
      ['POST', '/api/v1/visits', { agency: '00004', citizen, content: 'x', type: 'complaint', sessionId: '00000000-0000-4000-8000-000000000000' }],
      ['POST', '/api/v1/visits', { agency: '00004', citizen, content: 'x', type: 'complaint', bookingId: 'nope' }],
      ['POST', '/api/v1/visits', { agency: '00004', citizen, content: 'x', type: 'complaint', peopleCount: 6, representatives: [] }],
      ['POST', '/api/v1/visits', { agency: '00004', citizen, content: 'x', type: 'complaint', outcome: 'maybe' }],
      ['POST', '/api/v1/visits', { agency: '00004', citizen, content: 'x', type: 'complaint', documents: [{ title: '' }] }],
      ['POST', '/api/v1/visits', { agency: '00004', citizen: { ...citizen, idType: 'visa' }, content: 'x', type: 'complaint' }],
      ['POST', '/api/v1/visits/00000000-0000-4000-8000-000000000000/notice', { outcome: 'accepted' }],
      ['POST', '/api/v1/visits/not-a-uuid/notice', { outcome: 'accepted' }],
      ['GET', '/api/v1/visits/00000000-0000-4000-8000-000000000000/receipt', undefined],
      ['GET', '/api/v1/visits?repeat=perhaps', undefined],
      ['GET', '/api/v1/visits?from=2026-02-30', undefined],
    ];
    for (const [method, url, body] of probes) {
      const res = await env.app.inject({ method: method as 'GET', url, headers: { authorization: `Bearer ${token}` }, ...(body !== undefined ? { payload: body as object } : {}) });
      expect(res.statusCode, `${method} ${url} → ${res.body}`).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, `${method} ${url} → ${res.body}`).toBeLessThan(500);
    }
  });

  it('the reference lists (refusal grounds, outcomes, register columns) are public', async () => {
    const res = await env.api('GET', '/api/v1/reception/reference');
    expect(res.statusCode).toBe(200);
    const body = res.json() as { refusalGrounds: { value: string }[]; registerColumns: { header: string }[] };
    expect(body.refusalGrounds).toHaveLength(12);
    expect(body.registerColumns.map((c) => c.header)).toHaveLength(13);
  });

  it('every state change wrote an audit row in a valid hash chain; no identity of a denouncer in it', async () => {
    const v = await verifyAudit(env.database.db);
    expect(v.ok).toBe(true);
    const rows = await queryRows<{ t: string }>(env.database.db, sql`select row_to_json(a)::text as t from audit_log a`);
    const all = rows.map((r) => r.t).join('\n');
    expect(all).toContain('visit.notice');
    expect(all).not.toContain('Kín');
    expect(all).not.toContain('001085012345');
  });
});
