/**
 * Reception sessions and bookings through the HTTP API (both databases): open today's desk (idempotent), record
 * visits in it, the head's day held by a deputy (recorded, not blocked), online sessions (5 working days notice,
 * recording required to close), the public schedule without personal data, and the citizen's booking: book,
 * duplicate, capacity, the clerk's list, arrival through recordVisit, no-show, cancel by code + phone, rate limit.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../testing/harness.ts';
import { verifyAudit } from '../audit/verify-audit.ts';

let env: TestEnv;
let headId = '';
let clerkId = '';

beforeAll(async () => {
  env = await createTestEnv({ now: '2026-07-15T01:30:00Z' }); // 08:30 in Hà Nội, Wednesday
  clerkId = await env.addUser('letan', 'receptionist', '00004');
  headId = await env.addUser('chutich', 'head', '00004');
  await env.addUser('letan.ngocha', 'receptionist', '00008');
});
afterAll(async () => env?.close());

interface Session {
  id: string;
  kind: string;
  heldOn: string;
  status: string;
  visits: number;
  people: number;
  bookings: number;
  host: { name: string | null; title: string | null } | null;
  delegatedTo: { name: string | null } | null;
}

const citizen = { name: 'Phạm Văn Đức', idNumber: '001078004512', address: 'Số 8 ngõ 19 Kim Mã, Phường Ba Đình, Hà Nội' };

async function createSession(body: Record<string, unknown>, user = 'letan') {
  return env.api('POST', '/api/v1/reception-sessions', { token: await env.login(user), body: { agency: '00004', ...body } });
}

describe("today's desk", () => {
  let sessionId = '';
  it('opening today’s regular session is idempotent: 201 then 200 with the same session', async () => {
    const a = await createSession({ kind: 'regular', startTime: '07:30', endTime: '17:00', location: 'Phòng tiếp công dân, UBND phường' });
    expect(a.statusCode, a.body).toBe(201);
    const s = (a.json() as { session: Session }).session;
    expect(s).toMatchObject({ kind: 'regular', heldOn: '2026-07-15', status: 'scheduled', visits: 0 });
    const b = await createSession({ kind: 'regular' });
    expect(b.statusCode).toBe(200);
    expect((b.json() as { session: Session; created: boolean })).toMatchObject({ created: false, session: { id: s.id } });
    sessionId = s.id;
  });
  it('a visit recorded in the session takes its date and is counted on it', async () => {
    const token = await env.login('letan');
    const res = await env.api('POST', '/api/v1/visits', { token, body: { agency: '00004', sessionId, citizen, content: 'Khiếu nại mức bồi thường', type: 'complaint' } });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ visit: { sessionId, visitedOn: '2026-07-15' } });
    const wrongDay = await env.api('POST', '/api/v1/visits', { token, body: { agency: '00004', sessionId, visitedOn: '2026-07-14', citizen, content: 'x', type: 'complaint' } });
    expect(wrongDay.json()).toMatchObject({ details: [{ field: 'visitedOn', message: 'Ngày tiếp phải là ngày của buổi tiếp (2026-07-15)' }] });
    const otherAgency = await env.api('POST', '/api/v1/visits', { token: await env.login('letan.ngocha'), body: { agency: '00008', sessionId, citizen, content: 'x', type: 'complaint' } });
    expect(otherAgency.statusCode).toBe(404);
    const got = await env.api('GET', `/api/v1/reception-sessions/${sessionId}`, { token });
    expect(got.json()).toMatchObject({ session: { visits: 1, people: 1 } });
    const listed = await env.api('GET', `/api/v1/visits?sessionId=${sessionId}`, { token });
    expect(listed.json()).toMatchObject({ total: 1 });
  });
  it('times are checked field by field', async () => {
    const res = await createSession({ kind: 'unscheduled', startTime: '25:00', endTime: '07:00' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ details: [{ field: 'startTime', message: '«Giờ bắt đầu» phải có dạng giờ:phút (08:00)' }] });
    const order = await createSession({ kind: 'unscheduled', startTime: '14:00', endTime: '09:00' });
    expect(order.json()).toMatchObject({ details: [{ field: 'endTime', message: 'Giờ kết thúc phải sau giờ bắt đầu' }] });
  });
  it('closing the session ends it: no more visits in it (409), closing again is a 409', async () => {
    const token = await env.login('letan');
    const closed = await env.api('POST', `/api/v1/reception-sessions/${sessionId}/close`, { token, body: { summary: 'Tiếp 1 lượt công dân' } });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json()).toMatchObject({ session: { status: 'closed', statusLabel: 'Đã kết thúc', summary: 'Tiếp 1 lượt công dân' } });
    const late = await env.api('POST', '/api/v1/visits', { token, body: { agency: '00004', sessionId, citizen, content: 'x', type: 'complaint' } });
    expect(late.statusCode).toBe(409);
    expect((await env.api('POST', `/api/v1/reception-sessions/${sessionId}/close`, { token })).statusCode).toBe(409);
    expect((await env.api('POST', `/api/v1/reception-sessions/${sessionId}/close`, { token: await env.login('letan.ngocha'), body: {} })).statusCode).toBe(404);
  });
});

describe("the head's day", () => {
  it('a head session needs its host; the host account must hold the head role', async () => {
    const none = await createSession({ kind: 'head', heldOn: '2026-07-22' });
    expect(none.json()).toMatchObject({ details: [{ field: 'host.name', message: '«Họ tên người chủ trì» là bắt buộc' }] });
    const notHead = await createSession({ kind: 'head', heldOn: '2026-07-22', host: { userId: clerkId } });
    expect(notHead.json()).toMatchObject({ details: [{ field: 'host.userId', message: 'Người chủ trì phải là tài khoản có vai trò thủ trưởng tại cơ quan' }] });
    const ok = await createSession({ kind: 'head', heldOn: '2026-07-22', startTime: '08:00', host: { userId: headId, title: 'Chủ tịch UBND phường' } });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({ session: { kind: 'head', host: { name: 'chutich', title: 'Chủ tịch UBND phường' }, delegatedTo: null } });
  });
  it('a deputy holding it in the head’s place is recorded, not blocked', async () => {
    const res = await createSession({
      kind: 'head',
      heldOn: '2026-07-29',
      host: { userId: headId, title: 'Chủ tịch UBND phường' },
      delegatedTo: { name: 'Nguyễn Văn Phó', title: 'Phó Chủ tịch UBND phường', reason: 'Chủ tịch đi công tác' },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ session: { delegatedTo: { name: 'Nguyễn Văn Phó', reason: 'Chủ tịch đi công tác' } } });
  });
  it('delegation belongs to head sessions only', async () => {
    const res = await createSession({ kind: 'regular', heldOn: '2026-07-16', delegatedTo: { name: 'X' } });
    expect(res.json()).toMatchObject({ details: [{ field: 'delegatedTo', message: '«Người tiếp thay» chỉ dùng cho buổi thủ trưởng tiếp công dân' }] });
  });
});

describe('online sessions (ND 154/2026 Arts. 16–24)', () => {
  let onlineId = '';
  it('must be announced at least 5 working days ahead: announced today (15/07), 21/07 is too early, 22/07 is fine', async () => {
    const early = await createSession({ kind: 'online', heldOn: '2026-07-21', onlineLink: 'https://hop.hanoi.gov.vn/tcd-ba-dinh' });
    expect(early.statusCode).toBe(400);
    expect(early.json()).toMatchObject({
      details: [
        {
          field: 'heldOn',
          message: 'Buổi tiếp trực tuyến phải được thông báo trước ít nhất 5 ngày làm việc (Điều 16–24 Nghị định 154/2026/NĐ-CP): thông báo ngày 15/07/2026 thì sớm nhất tổ chức ngày 22/07/2026',
        },
      ],
    });
    const noLink = await createSession({ kind: 'online', heldOn: '2026-07-22', onlineLink: 'http://insecure' });
    expect(noLink.json()).toMatchObject({ details: [{ field: 'onlineLink' }] });
    const ok = await createSession({ kind: 'online', heldOn: '2026-07-22', onlineLink: 'https://hop.hanoi.gov.vn/tcd-ba-dinh', capacity: 2 });
    expect(ok.statusCode, ok.body).toBe(201);
    onlineId = (ok.json() as { session: Session }).session.id;
  });
  it('closing it needs the recording reference', async () => {
    env.setNow('2026-07-22T09:00:00Z');
    const token = await env.login('letan');
    const denunciation = await env.api('POST', '/api/v1/visits', { token, body: { agency: '00004', sessionId: onlineId, citizen, content: 'Tố cáo', type: 'denunciation' } });
    expect(denunciation.json()).toMatchObject({ details: [{ field: 'identityProtectionWaived' }] });
    const missing = await env.api('POST', `/api/v1/reception-sessions/${onlineId}/close`, { token, body: {} });
    expect(missing.json()).toMatchObject({ details: [{ field: 'recordingRef', message: 'Buổi tiếp trực tuyến phải có bản ghi âm, ghi hình (Điều 16–24 Nghị định 154/2026/NĐ-CP)' }] });
    const ok = await env.api('POST', `/api/v1/reception-sessions/${onlineId}/close`, { token, body: { recordingRef: 'LUU-TRU/2026/07/22-01.mp4' } });
    expect(ok.statusCode, ok.body).toBe(200);
    env.setNow('2026-07-15T01:30:00Z');
  });
});

describe('public schedule and booking', () => {
  let sessionId = '';
  let code = '';
  it('the schedule is public and carries no personal data', async () => {
    const created = await createSession({ kind: 'head', heldOn: '2026-07-17', startTime: '08:00', endTime: '11:00', location: 'Hội trường UBND phường', capacity: 2, host: { name: 'Lê Quang Minh', title: 'Chủ tịch UBND phường' } });
    sessionId = (created.json() as { session: Session }).session.id;
    const res = await env.api('GET', '/api/v1/public/reception-schedule?agency=00004&from=2026-07-15&to=2026-07-31');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as { items: { id: string; hostTitle: string | null; bookable: boolean; kind: string }[] };
    expect(body.items.find((i) => i.id === sessionId)).toMatchObject({ hostTitle: 'Chủ tịch UBND phường', bookable: true, kind: 'head' });
    expect(body.items.find((i) => i.kind === 'head' && i.hostTitle === 'Phó Chủ tịch UBND phường')).toBeTruthy();
    for (const secret of ['Lê Quang Minh', 'Nguyễn Văn Phó', 'chutich', 'hop.hanoi.gov.vn', 'LUU-TRU', 'công tác', 'Tiếp 1 lượt']) expect(res.body).not.toContain(secret);
  });
  it('a citizen books without an account and gets a code and a queue number; the phone is normalised', async () => {
    const res = await env.api('POST', '/api/v1/public/reception-bookings', { body: { sessionId, name: 'Trần Thị Bình', phone: '0987 654 321', content: 'Hỏi về bồi thường thu hồi đất' } });
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json() as { code: string; queueNumber: number; session: { heldOnText: string } };
    expect(body.code).toMatch(/^TCD-[34679ACDEFGHJKMNPQRTUVWXY]{8}$/);
    expect(body).toMatchObject({ queueNumber: 1, session: { heldOnText: '17/07/2026' } });
    code = body.code;
    const dup = await env.api('POST', '/api/v1/public/reception-bookings', { body: { sessionId, name: 'Trần Thị Bình', phone: '+84987654321', content: 'Lần nữa' } });
    expect(dup.statusCode).toBe(409);
    const badPhone = await env.api('POST', '/api/v1/public/reception-bookings', { body: { sessionId, name: 'A', phone: '12345', content: 'x' } });
    expect(badPhone.json()).toMatchObject({ details: [{ field: 'phone', message: 'Số điện thoại không hợp lệ (di động 10 số, đầu 03, 05, 07, 08, 09)' }] });
    const second = await env.api('POST', '/api/v1/public/reception-bookings', { body: { sessionId, name: 'Đỗ Văn Cường', phone: '0912111222', content: 'Kiến nghị về đường ngõ' } });
    expect(second.json()).toMatchObject({ queueNumber: 2 });
    const full = await env.api('POST', '/api/v1/public/reception-bookings', { body: { sessionId, name: 'Vũ Thị Dung', phone: '0912333444', content: 'x' } });
    expect(full.statusCode).toBe(409);
    expect((full.json() as { message: string }).message).toBe('Buổi tiếp đã đủ 2 lượt đặt lịch');
  });
  it("the clerk lists the day's bookings; the citizen arrives and the visit marks it; the other is a no-show", async () => {
    env.setNow('2026-07-17T01:00:00Z');
    const token = await env.login('letan');
    const list = await env.api('GET', '/api/v1/reception-bookings?agency=00004&date=2026-07-17', { token });
    expect(list.statusCode, list.body).toBe(200);
    const items = (list.json() as { items: { id: string; queueNumber: number; phone: string; status: string }[] }).items;
    expect(items.map((i) => [i.queueNumber, i.phone, i.status])).toEqual([
      [1, '+84987654321', 'booked'],
      [2, '+84912111222', 'booked'],
    ]);
    const visit = await env.api('POST', '/api/v1/visits', {
      token,
      body: { agency: '00004', sessionId, bookingId: items[0]!.id, citizen: { name: 'Trần Thị Bình', idNumber: '001190054321', address: 'Số 3 Hoàng Hoa Thám' }, content: 'Hỏi về bồi thường thu hồi đất', type: 'feedback' },
    });
    expect(visit.statusCode, visit.body).toBe(201);
    const visitId = (visit.json() as { visit: { id: string } }).visit.id;
    const noShow = await env.api('POST', `/api/v1/reception-bookings/${items[1]!.id}/status`, { token, body: { status: 'no-show' } });
    expect(noShow.json()).toMatchObject({ booking: { status: 'no-show', statusLabel: 'Không đến' } });
    const after = (await env.api('GET', `/api/v1/reception-bookings?sessionId=${sessionId}`, { token })).json() as { items: { status: string; visitId: string | null }[] };
    expect(after.items).toMatchObject([{ status: 'arrived', visitId }, { status: 'no-show', visitId: null }]);
    expect((await env.api('GET', `/api/v1/reception-bookings?sessionId=${sessionId}`, { token: await env.login('letan.ngocha') })).statusCode).toBe(404);
    env.setNow('2026-07-15T01:30:00Z');
  });
  it('a citizen cancels with code + phone; a wrong phone is a plain 404; a cancelled session cancels its bookings', async () => {
    const s = await createSession({ kind: 'regular', heldOn: '2026-07-20' });
    const id = (s.json() as { session: Session }).session.id;
    const b = (await env.api('POST', '/api/v1/public/reception-bookings', { body: { sessionId: id, name: 'Hoàng Văn Em', phone: '0903123456', content: 'x' } })).json() as { code: string };
    const wrong = await env.api('POST', '/api/v1/public/reception-bookings/cancel', { body: { code: b.code, phone: '0903999999' } });
    expect(wrong.statusCode).toBe(404);
    const ok = await env.api('POST', '/api/v1/public/reception-bookings/cancel', { body: { code: b.code.toLowerCase().replace('-', ' '), phone: '0903 123 456' } });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toEqual({ code: b.code, status: 'cancelled' });
    const b2 = (await env.api('POST', '/api/v1/public/reception-bookings', { body: { sessionId: id, name: 'Hoàng Văn Em', phone: '0903123456', content: 'lại' } })).json() as { code: string };
    const cancelled = await env.api('POST', `/api/v1/reception-sessions/${id}/cancel`, { token: await env.login('letan') });
    expect(cancelled.json()).toMatchObject({ session: { status: 'cancelled' } });
    const again = await env.api('POST', '/api/v1/public/reception-bookings/cancel', { body: { code: b2.code, phone: '0903123456' } });
    expect(again.statusCode).toBe(409);
    const closedBooking = await env.api('POST', '/api/v1/public/reception-bookings', { body: { sessionId: id, name: 'A', phone: '0903123457', content: 'x' } });
    expect(closedBooking.statusCode).toBe(409);
    expect(code).toBeTruthy();
  });
  it('staff lists of sessions are scoped; the audit chain holds', async () => {
    const list = await env.api('GET', '/api/v1/reception-sessions?agency=00004&from=2026-07-01&to=2026-07-31', { token: await env.login('letan') });
    expect(list.statusCode, list.body).toBe(200);
    expect((list.json() as { items: Session[] }).items.length).toBeGreaterThanOrEqual(5);
    const other = await env.api('GET', '/api/v1/reception-sessions?from=2026-07-01&to=2026-07-31', { token: await env.login('letan.ngocha') });
    expect((other.json() as { items: Session[] }).items).toHaveLength(0);
    const tooLong = await env.api('GET', '/api/v1/reception-sessions?agency=00004&from=2020-01-01&to=2026-07-31', { token: await env.login('letan') });
    expect(tooLong.statusCode).toBe(400);
    expect((await verifyAudit(env.database.db)).ok).toBe(true);
  });
  it('public booking is rate-limited', async () => {
    let last = 0;
    for (let i = 0; i < 12; i++) {
      const res = await env.api('POST', '/api/v1/public/reception-bookings/cancel', { body: { code: 'TCD-AAAAAAAA', phone: '0903123456' } });
      last = res.statusCode;
    }
    expect(last).toBe(429);
  });
});
