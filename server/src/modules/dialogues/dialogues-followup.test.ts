/**
 * Dialogues, follow-up (issue 14; both databases): the conclusion sent to the village and residential-group heads
 * (in-app notice and e-mail, a4); cancelling a dialogue tells its registrants; the issue → case link in ONE
 * transaction (two racing clicks open one case); requests that make a dialogue due — voters' 10 % (a2) and the
 * youth organisation's request decided within 45 days (a8) — in the compliance check; the request rules as kind data.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/client.ts';
import { createTestEnv, type TestEnv } from '../../testing/harness.ts';
import { verifyAudit } from '../audit/verify-audit.ts';

let env: TestEnv;
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082', 'hex');
beforeAll(async () => {
  env = await createTestEnv({ now: '2026-10-07T02:00:00Z' }); // 09:00 Wednesday 07/10/2026 in Hà Nội
  await env.addUser('bd.head', 'head', '00004');
  await env.addUser('bd.handler', 'handler', '00004');
  await env.addUser('nh.handler', 'handler', '00008');
  await env.addUser('hn.monitor', 'monitor', '01');
  await env.addUser('admin', 'admin', 'VN');
  await env.addUser('td5', 'receptionist', '00004'); // the head of Tổ dân phố số 5 has a DânVận account
});
afterAll(async () => env?.close());

const get = async (user: string, url: string) => env.api('GET', url, { token: await env.login(user) });
const post = async (user: string, url: string, body: unknown) => env.api('POST', url, { token: await env.login(user), body });
const put = async (user: string, url: string, body: unknown) => env.api('PUT', url, { token: await env.login(user), body });

async function plannedAndNoticed(title: string, plannedOn: string) {
  const created = await post('bd.handler', '/api/v1/dialogues', { agency: '00004', kind: 'commune-yearly', title, plannedOn, location: 'Hội trường UBND phường' });
  expect(created.statusCode, created.body).toBe(201);
  const id = (created.json() as { dialogue: { id: string } }).dialogue.id;
  const noticed = await post('bd.handler', `/api/v1/dialogues/${id}/notice`, { howToAttend: 'Trực tiếp tại hội trường UBND phường' });
  expect(noticed.statusCode, noticed.body).toBe(200);
  return id;
}

describe('village and residential-group heads receive the conclusion (a4)', () => {
  it('the commune keeps its list of heads; another commune may not edit it', async () => {
    const a = await put('bd.handler', '/api/v1/dialogue-village-heads', { agency: '00004', village: 'Tổ dân phố số 1', villageKind: 'to-dan-pho', headName: 'Nguyễn Văn Một', email: 'tdp1@example.vn' });
    expect(a.statusCode, a.body).toBe(200);
    const b = await put('bd.handler', '/api/v1/dialogue-village-heads', { agency: '00004', village: 'Tổ dân phố số 5', villageKind: 'to-dan-pho', headName: 'Trần Thị Năm', username: 'td5' });
    expect(b.statusCode, b.body).toBe(200);
    const bad = await put('bd.handler', '/api/v1/dialogue-village-heads', { agency: '00004', village: 'Tổ 9', villageKind: 'to-dan-pho', headName: 'X', email: 'không-phải-email', username: 'nobody' });
    expect(bad.statusCode).toBe(400);
    expect((bad.json() as { details: { field: string }[] }).details.map((x) => x.field)).toEqual(['email', 'username']);
    expect((await put('nh.handler', '/api/v1/dialogue-village-heads', { agency: '00004', village: 'Tổ 9', villageKind: 'to-dan-pho', headName: 'X' })).statusCode).toBe(403);
    const list = (await get('bd.head', '/api/v1/dialogue-village-heads?agency=00004')).json() as { items: { village: string; username: string | null }[] };
    expect(list.items.map((h) => [h.village, h.username])).toEqual([
      ['Tổ dân phố số 1', null],
      ['Tổ dân phố số 5', 'td5'],
    ]);
    expect((await get('nh.handler', '/api/v1/dialogue-village-heads?agency=00004')).statusCode).toBe(404);
  });
});

let concludedId = '';
describe('cancelling a dialogue tells its registrants', () => {
  it('a noticed dialogue is cancelled with a reason; the citizen who left an e-mail is told; the portal shows it', async () => {
    const id = await plannedAndNoticed('Đối thoại về trật tự đô thị', '2026-10-20');
    const reg = await env.api('POST', `/api/v1/public/dialogues/${id}/registrations`, { body: { question: 'Vỉa hè phố Đội Cấn', name: 'Lê Thị Hoa', email: 'hoa@example.vn' } });
    expect(reg.statusCode, reg.body).toBe(201);
    await env.api('POST', `/api/v1/public/dialogues/${id}/registrations`, { body: { question: 'Câu hỏi không để lại liên hệ' } });
    expect((await post('nh.handler', `/api/v1/dialogues/${id}/cancel`, { reason: 'x' })).statusCode).toBe(404);
    expect((await post('bd.handler', `/api/v1/dialogues/${id}/cancel`, { reason: '   ' })).statusCode).toBe(400);
    const res = await post('bd.handler', `/api/v1/dialogues/${id}/cancel`, { reason: 'Trùng lịch tiếp xúc cử tri; sẽ thông báo lịch mới' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ dialogue: { status: 'cancelled', cancellation: { cancelledOn: '2026-10-07', registrantsTold: 1 } } });
    const out = await queryRows<{ kind: string; recipient_hint: string }>(env.ctx.db, sql`select kind, recipient_hint from notification_outbox where kind = 'dialogue-cancelled'`);
    expect(out).toHaveLength(1);
    expect(JSON.stringify(out)).not.toContain('hoa@example.vn');
    expect((await post('bd.handler', `/api/v1/dialogues/${id}/cancel`, { reason: 'lần hai' })).statusCode).toBe(409);
    const page = await env.api('GET', `/doi-thoai/${id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Hội nghị đã hủy ngày 07/10/2026');
    expect(page.body).toContain('Trùng lịch tiếp xúc cử tri');
    expect(page.body).not.toContain('<form');
    const upcoming = (await env.api('GET', '/api/v1/public/dialogues?agency=00004&when=upcoming')).json() as { items: { id: string; status: string; registrationOpen: boolean }[] };
    expect(upcoming.items.find((x) => x.id === id)).toMatchObject({ status: 'cancelled', registrationOpen: false });
    const closed = await env.api('POST', `/api/v1/public/dialogues/${id}/registrations`, { body: { question: 'Muộn' } });
    expect(closed.statusCode).toBe(409);
  });

  it('the conclusion of another dialogue reaches both heads: an in-app notice (account) and an e-mail', async () => {
    const id = await plannedAndNoticed('Hội nghị đối thoại năm 2026', '2026-10-15');
    env.setNow('2026-10-16T03:00:00Z');
    expect((await post('bd.handler', `/api/v1/dialogues/${id}/sessions`, { heldOn: '2026-10-15', attendance: 90 })).statusCode).toBe(200);
    expect((await post('bd.handler', `/api/v1/dialogues/${id}/cancel`, { reason: 'x' })).statusCode).toBe(409);
    // The signed minutes as a file of the held dialogue (encrypted on disk; staff only).
    const sessionId = ((await get('bd.handler', `/api/v1/dialogues/${id}`)).json() as { dialogue: { sessions: { id: string }[] } }).dialogue.sessions[0]!.id;
    const notAFile = await post('bd.handler', `/api/v1/dialogues/${id}/attachments`, { files: [{ fileName: 'bien-ban.exe', dataBase64: Buffer.from('MZ not a document').toString('base64') }] });
    expect(notAFile.statusCode).toBe(400);
    const att = await post('bd.handler', `/api/v1/dialogues/${id}/attachments`, { sessionId, files: [{ fileName: 'bien-ban.png', dataBase64: PNG.toString('base64') }] });
    expect(att.statusCode, att.body).toBe(201);
    const file = (att.json() as { attachments: { id: string; url: string; sessionId: string }[] }).attachments[0]!;
    expect(file.sessionId).toBe(sessionId);
    const down = await get('bd.head', file.url);
    expect(down.statusCode).toBe(200);
    expect(down.rawPayload.equals(PNG)).toBe(true);
    expect((await get('nh.handler', file.url)).statusCode).toBe(404);
    expect((await post('nh.handler', `/api/v1/dialogues/${id}/attachments`, { files: [{ fileName: 'a.png', dataBase64: PNG.toString('base64') }] })).statusCode).toBe(404);
    const badRule = await post('bd.head', `/api/v1/dialogues/${id}/conclusion`, {
      summary: 'x',
      issues: [
        { content: 'a', outcome: 'assigned', agency: '00004', dueRule: 'no.such-rule' },
        { content: 'b', outcome: 'assigned', agency: '00004', dueRule: 'grassroots.board-answer', dueOn: '2026-12-01' },
      ],
    });
    expect(badRule.json()).toMatchObject({
      details: [
        { field: 'issues.0.dueRule', message: 'Không có quy tắc thời hạn «no.such-rule»' },
        { field: 'issues.1.dueOn', message: 'Ghi hạn thực hiện hoặc quy tắc thời hạn luật định, không ghi cả hai' },
      ],
    });
    const res = await post('bd.head', `/api/v1/dialogues/${id}/conclusion`, {
      summary: 'Thông báo kết luận hội nghị đối thoại năm 2026',
      issues: [
        { content: 'Lấn chiếm vỉa hè phố Đội Cấn', outcome: 'transferred', agency: '01' },
        { content: 'Giờ làm việc bộ phận một cửa', outcome: 'answered', answer: 'Sáng thứ Bảy từ 01/11/2026' },
        // A legal-clock rule applies (the people's inspection board's recommendation: 15 days): the clock sets the date.
        { content: 'Kiến nghị của Ban Thanh tra nhân dân về công khai dự toán', outcome: 'assigned', agency: '00004', dueRule: 'grassroots.board-answer' },
      ],
    });
    expect(res.statusCode, res.body).toBe(200);
    const c = (res.json() as { dialogue: { commitments: { id: string; dueOn: string }[] } }).dialogue.commitments;
    expect(c.map((x) => x.dueOn)).toEqual(['2026-11-02']); // 16/10 + 15 days = Saturday 31/10 → Monday 02/11
    const timeline = (await get('bd.handler', `/api/v1/commitments/${c[0]!.id}`)).json() as { timeline: { note: string }[] };
    expect(timeline.timeline[0]!.note).toContain('hạn theo đồng hồ pháp lý');
    expect(res.json()).toMatchObject({ dialogue: { status: 'concluded', sentToVillageHeads: { heads: 2, app: 1, email: 1 } } });
    concludedId = id;
    const notices = await queryRows<{ kind: string; message: string }>(env.ctx.db, sql`select n.kind, n.message from staff_notifications n join users u on u.id = n.user_id where u.username = 'td5'`);
    expect(notices).toMatchObject([{ kind: 'dialogue-conclusion' }]);
    expect(notices[0]!.message).toContain('Thông báo kết luận hội nghị đối thoại');
    const mails = await queryRows<{ kind: string; recipient_hint: string }>(env.ctx.db, sql`select kind, recipient_hint from notification_outbox where kind = 'dialogue-conclusion'`);
    expect(mails).toHaveLength(1);
    const audit = await queryRows<{ summary: string }>(env.ctx.db, sql`select summary from audit_log where action = 'dialogue.conclude'`);
    expect(audit[0]!.summary).toContain('gửi 2 trưởng thôn, tổ dân phố');
    const pub = (await env.api('GET', `/api/v1/public/dialogues/${id}`)).json() as Record<string, unknown>;
    expect(JSON.stringify(pub)).not.toContain('Trần Thị Năm');
    expect(JSON.stringify(pub)).not.toContain('bien-ban.png');
    expect((res.json() as { dialogue: { attachments: { fileName: string }[] } }).dialogue.attachments.map((a) => a.fileName)).toEqual(['bien-ban.png']);
  });
});

describe('issue → case is one transaction', () => {
  it('two racing clicks on the same issue open exactly one case (201 and 409)', async () => {
    const d = ((await get('bd.handler', `/api/v1/dialogues/${concludedId}`)).json() as { dialogue: { issues: { id: string; content: string }[] } }).dialogue;
    const issue = d.issues[0]!;
    const token = await env.login('bd.handler');
    const [a, b] = await Promise.all([
      env.api('POST', `/api/v1/dialogue-issues/${issue.id}/case`, { token, body: { kind: 'feedback' } }),
      env.api('POST', `/api/v1/dialogue-issues/${issue.id}/case`, { token, body: { kind: 'feedback' } }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([201, 409]);
    const made = await queryRows<{ n: number }>(env.ctx.db, sql`select count(*)::int as n from cases where content like ${`${issue.content}%`}`);
    expect(Number(made[0]!.n)).toBe(1);
    const links = await queryRows<{ n: number }>(env.ctx.db, sql`select count(*)::int as n from audit_log where action = 'dialogue.issue-case'`);
    expect(Number(links[0]!.n)).toBe(1);
  });
});

describe('requests that make a dialogue due', () => {
  it('the kinds carry the request rules as data: 10 % of voters [V*] for the commune, 45 days [V] for youth', async () => {
    const items = ((await get('bd.handler', '/api/v1/dialogue-kinds')).json() as { items: { key: string; requestThresholdPercent: number | null; requestDecisionDays: number | null; requestMark: string | null }[] }).items;
    expect(items.map((k) => [k.key, k.requestThresholdPercent, k.requestDecisionDays, k.requestMark])).toEqual([
      ['commune-yearly', 10, null, 'V*'],
      ['youth', null, 45, 'V'],
      ['pre-decision', null, null, null],
      ['head-thematic', null, null, null],
    ]);
    // A table saved without the request fields keeps the defaults; an edited threshold is used.
    const old = items.map(({ requestThresholdPercent: _a, requestDecisionDays: _b, requestMark: _c, ...k }) => {
      const { requestCitation: _d, ...rest } = k as Record<string, unknown>;
      return rest;
    });
    expect((await put('admin', '/api/v1/dialogue-kinds', { kinds: old })).statusCode).toBe(200);
    const again = ((await get('bd.handler', '/api/v1/dialogue-kinds')).json() as { items: { requestThresholdPercent: number | null }[] }).items;
    expect(again[0]!.requestThresholdPercent).toBe(10);
  });

  it("voters' request: 119 of 1 200 is below 10 %, 120 triggers; the compliance check lists it until a dialogue is held", async () => {
    env.setNow('2026-10-20T03:00:00Z');
    const below = await post('bd.handler', '/api/v1/dialogue-requests', { agency: '00004', kind: 'commune-yearly', requestedOn: '2026-10-19', requester: 'Cử tri tổ dân phố 1–4', signatures: 119, votersOnRoll: 1200 });
    expect(below.statusCode, below.body).toBe(201);
    expect(below.json()).toMatchObject({ request: { code: 'YC-00004-2026-001', triggered: false, thresholdPercent: 10 } });
    const res = await post('bd.handler', '/api/v1/dialogue-requests', { agency: '00004', kind: 'commune-yearly', requestedOn: '2026-10-20', requester: 'Cử tri tổ dân phố 1–12', signatures: 120, votersOnRoll: 1200 });
    expect(res.json()).toMatchObject({ request: { code: 'YC-00004-2026-002', triggered: true, share: 0.1 } });
    const missing = await post('bd.handler', '/api/v1/dialogue-requests', { agency: '00004', kind: 'commune-yearly', requestedOn: '2026-10-20', requester: 'Cử tri' });
    expect(missing.json()).toMatchObject({ details: [{ field: 'signatures' }] });
    const over = await post('bd.handler', '/api/v1/dialogue-requests', { agency: '00004', kind: 'commune-yearly', requestedOn: '2026-10-20', requester: 'Cử tri', signatures: 1300, votersOnRoll: 1200 });
    expect(over.json()).toMatchObject({ details: [{ field: 'signatures', message: 'Số cử tri ký (1300) không thể lớn hơn tổng số cử tri (1200)' }] });
    const noRule = await post('bd.handler', '/api/v1/dialogue-requests', { agency: '00004', kind: 'pre-decision', requestedOn: '2026-10-20', requester: 'Hộ dân' });
    expect(noRule.statusCode).toBe(400);
    expect((await post('nh.handler', '/api/v1/dialogue-requests', { agency: '00004', kind: 'commune-yearly', requestedOn: '2026-10-20', requester: 'x', signatures: 1, votersOnRoll: 2 })).statusCode).toBe(403);
    const c = (await get('hn.monitor', '/api/v1/dialogue-compliance?agency=01&year=2026&asOf=2026-10-20')).json() as { requestsOwed: { code: string; signatures: number }[] };
    // The dialogue held on 15/10 came before the request of 20/10: the request is still owed.
    expect(c.requestsOwed).toMatchObject([{ code: 'YC-00004-2026-002', signatures: 120, agencyCode: '00004' }]);
  });

  it('youth request: decided within 45 days (legal clock); undecided after the date, then decided late, it is listed', async () => {
    env.setNow('2026-10-01T03:00:00Z');
    const res = await post('bd.head', '/api/v1/dialogue-requests', { agency: '00004', kind: 'youth', requestedOn: '2026-10-01', requester: 'Đoàn Thanh niên phường Ba Đình', content: 'Đề nghị đối thoại về việc làm cho thanh niên' });
    expect(res.statusCode, res.body).toBe(201);
    const r = (res.json() as { request: { id: string; decisionDueOn: string; decisionExplanation: string } }).request;
    expect(r.decisionDueOn).toBe('2026-11-16'); // 45 days = Sunday 15/11, rolls to Monday
    env.setNow('2026-11-17T03:00:00Z');
    const pending = (await get('hn.monitor', '/api/v1/dialogue-compliance?agency=01&year=2026&asOf=2026-11-17')).json() as { lateRequestDecisions: { id: string; pending: boolean }[] };
    expect(pending.lateRequestDecisions).toMatchObject([{ id: r.id, pending: true, dueOn: '2026-11-16' }]);
    const noReason = await post('bd.head', `/api/v1/dialogue-requests/${r.id}/decision`, { decision: 'refused' });
    expect(noReason.json()).toMatchObject({ details: [{ field: 'reason', message: 'Từ chối đề nghị đối thoại phải ghi lý do' }] });
    const ok = await post('bd.head', `/api/v1/dialogue-requests/${r.id}/decision`, { decision: 'accepted' });
    expect(ok.json()).toMatchObject({ request: { decision: 'accepted', decidedOn: '2026-11-17', decisionLate: true } });
    expect((await post('bd.head', `/api/v1/dialogue-requests/${r.id}/decision`, { decision: 'accepted' })).statusCode).toBe(409);
    const late = (await get('hn.monitor', '/api/v1/dialogue-compliance?agency=01&year=2026&asOf=2026-11-17')).json() as { lateRequestDecisions: { id: string; pending: boolean }[] };
    expect(late.lateRequestDecisions).toMatchObject([{ id: r.id, pending: false, decidedOn: '2026-11-17' }]);
    const list = (await get('hn.monitor', '/api/v1/dialogue-requests?agency=01')).json() as { items: { code: string }[] };
    expect(list.items.map((i) => i.code)).toEqual(['YC-00004-2026-003', 'YC-00004-2026-001', 'YC-00004-2026-002']);
    expect((await get('nh.handler', '/api/v1/dialogue-requests?agency=00004')).statusCode).toBe(404);
  });

  it('every step is audited and the chain verifies', async () => {
    const actions = await queryRows<{ action: string }>(env.ctx.db, sql`select distinct action from audit_log`);
    const set = new Set(actions.map((a) => a.action));
    for (const a of ['dialogue.attach', 'dialogue.cancel', 'dialogue.village-head.add', 'dialogue.request', 'dialogue.request-decide', 'dialogue.issue-case']) expect(set).toContain(a);
    expect((await verifyAudit(env.ctx.db)).ok).toBe(true);
  });
});
