/**
 * Legal fidelity of the case engine (issue 12), through the HTTP API on both databases: the rule that drives each
 * step, publication counted from the conclusion, effectiveness and appeals in remote areas, group and coerced
 * withdrawals, termination and re-denunciation of denunciations, sending decisions, complexity found later and who
 * decides. Every date was worked out by hand and checked outside the code (python3 datetime for weekdays; days off
 * from the generated calendar: Quốc khánh 2026 = Wed 02/09 + Thu 03/09):
 *   2026-08-03 Mon, 08-06 Thu, 08-10 Mon, 08-12 Wed, 08-13 Thu, 08-14 Fri, 08-17 Mon, 08-19 Wed, 09-04 Fri,
 *   09-07 Mon, 09-09 Wed, 09-10 Thu, 09-17 Thu, 09-24 Thu, 09-25 Fri, 09-27 Sun, 09-28 Mon.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../testing/harness.ts';

let env: TestEnv;
const T0 = '2026-08-03T02:00:00Z'; // Monday 03/08/2026, 09:00 in Hà Nội
const at = (day: string) => `${day}T02:00:00Z`;
/** A head's decision recorded by a handler. */
const SIGNED = { decisionNo: '21/QĐ-UBND', signer: 'Trần Văn Lãnh' };

beforeAll(async () => {
  env = await createTestEnv({ now: T0 });
  await env.addUser('xuly', 'handler', '00004');
  await env.addUser('lanhdao', 'head', '00004');
  await env.addUser('xacminh', 'investigator', '00004');
  await env.addUser('tinh.xuly', 'handler', '01');
  await env.addUser('tinh.lanhdao', 'head', '01');
  await env.addUser('admin', 'admin', 'VN');
  await env.addUser('xuly.ngocha', 'handler', '00008');
  await env.addUser('lanhdao.ngocha', 'head', '00008');
});
afterAll(async () => env?.close());

interface CaseOut {
  id: string;
  state: string;
  dueOn: string | null;
  dueRule: string | null;
  dueExplanation: string | null;
  outcome: string | null;
  decidedOn: string | null;
  decisionSentOn: string | null;
  withdrawnCount: number;
}
type Res = { case: CaseOut; notice: string | null; createdCase: { id: string; code: string; agencyCode: string } | null };

let seq = 0;
async function open(kind: 'complaint' | 'denunciation' | 'feedback', content: string, opts: { agency?: string; user?: string; coSigners?: { name: string }[]; receivedOn?: string } = {}) {
  seq++;
  const res = await env.api('POST', '/api/v1/petitions', {
    token: await env.login(opts.user ?? 'xuly'),
    body: {
      agency: opts.agency ?? '00004',
      channel: 'post',
      type: kind,
      content: `${content} (hồ sơ ${seq})`,
      petitioner: { name: 'Lê Thị Hoa', idNumber: `0010850${String(70000 + seq)}`, address: 'Số 12 Đội Cấn, Phường Ba Đình', phone: '0912345678' },
      ...(opts.coSigners ? { coSigners: opts.coSigners } : {}),
      ...(opts.receivedOn ? { receivedOn: opts.receivedOn } : {}),
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  return (res.json() as { case: { id: string } }).case.id;
}

async function act(user: string, id: string, body: Record<string, unknown>, expected = 200): Promise<Res> {
  const res = await env.api('POST', `/api/v1/cases/${id}/transitions`, { token: await env.login(user), body });
  expect(res.statusCode, `${user} ${JSON.stringify(body)} → ${res.body}`).toBe(expected);
  return res.json() as Res;
}

async function getCase(user: string, id: string) {
  const res = await env.api('GET', `/api/v1/cases/${id}`, { token: await env.login(user) });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { case: CaseOut; allowedActions: { action: string; needs: string[] }[]; linked: { relation: string; agencyCode: string }[]; history: { action: string; summary: string }[] };
}

async function figures(agency = '00004'): Promise<Record<string, number>> {
  const res = await env.api('GET', `/api/v1/reports/period?agency=${agency}&from=2026-08-01&to=2026-09-30`, { token: await env.login('admin') });
  expect(res.statusCode, res.body).toBe(200);
  return (res.json() as { indicators: Record<string, number> }).indicators;
}

describe('1–2. the right rule drives each step', () => {
  it('a complaint and a denunciation received Mon 03/08/2026 in Phường Ba Đình are due Wed 12/08/2026 (7 working days), and say why', async () => {
    env.setNow(T0);
    const complaint = await getCase('xuly', await open('complaint', 'Khiếu nại quyết định xử phạt vi phạm hành chính về trật tự xây dựng'));
    expect(complaint.case).toMatchObject({ state: 'received', dueOn: '2026-08-12', dueRule: 'complaint.accept' });
    expect(complaint.case.dueExplanation).toContain('Hạn thụ lý khiếu nại: 7 ngày làm việc kể từ ngày nhận được khiếu nại 03/08/2026');
    expect(complaint.case.dueExplanation).toContain('Nghị định 155/2026/NĐ-CP');
    const denunciation = await getCase('xuly', await open('denunciation', 'Tố cáo cán bộ địa chính nhận tiền khi làm thủ tục đất đai'));
    expect(denunciation.case).toMatchObject({ dueOn: '2026-08-12', dueRule: 'denunciation.intake' });
    expect(denunciation.case.dueExplanation).toContain('Điều 24 Luật Tố cáo 2018');
    // Several sites to check: 10 working days → Mon 17/08 (Art. 24), at once.
    const sites = await act('xuly', denunciation.case.id, { action: 'find-several-sites' });
    expect(sites.case).toMatchObject({ state: 'received', dueRule: 'denunciation.intake', dueOn: '2026-08-17' });
    expect(sites.case.dueExplanation).toContain('xác minh ở nhiều địa điểm');
    await act('xuly', denunciation.case.id, { action: 'find-several-sites' }, 409);
    // Feedback has no shorter rule than petition processing: 10 working days → Mon 17/08.
    const feedback = await getCase('xuly', await open('feedback', 'Phản ánh rác thải tồn đọng tại ngõ 12 Đội Cấn'));
    expect(feedback.case).toMatchObject({ dueOn: '2026-08-17', dueRule: 'petition.process' });
  });

  it('forwarding a feedback item received Mon 03/08/2026 is due Mon 10/08/2026, counted from receipt; the copy at the receiving agency starts its own clock', async () => {
    env.setNow(at('2026-08-05'));
    // Received on 03/08, entered and found outside jurisdiction two days later.
    const late = await open('feedback', 'Phản ánh chậm cấp giấy phép vận tải hành khách', { receivedOn: '2026-08-03' });
    let r = await act('xuly', late, { action: 'decline' });
    expect(r.case).toMatchObject({ state: 'outside', dueRule: 'feedback.forward', dueOn: '2026-08-10' });
    expect(r.case.dueExplanation).toContain('Điều 9 Nghị định 20/2008/NĐ-CP');
    r = await act('xuly', late, { action: 'forward', targetAgency: '01' });
    expect(r.case).toMatchObject({ state: 'forwarded', dueOn: null });
    const copy = await getCase('tinh.xuly', r.createdCase!.id);
    // Received at the city on 05/08: its own 10 working days → Wed 19/08.
    expect(copy.case).toMatchObject({ state: 'received', dueRule: 'petition.process', dueOn: '2026-08-19' });
    // A complaint found outside jurisdiction runs on the (recalled) guidance rule, a denunciation on its forwarding rule.
    const c = await open('complaint', 'Khiếu nại quyết định của Sở Tài nguyên và Môi trường', { receivedOn: '2026-08-03' });
    r = await act('xuly', c, { action: 'decline', on: '2026-08-05' });
    // Counted from receipt (03/08), not from the decision (05/08, which would give 12/08).
    expect(r.case).toMatchObject({ dueRule: 'complaint.guide', dueOn: '2026-08-10' });
    // Received 05/08: 5 working days → Wed 12/08.
    const d = await open('denunciation', 'Tố cáo cán bộ Sở Xây dựng');
    r = await act('xuly', d, { action: 'decline' });
    expect(r.case).toMatchObject({ dueRule: 'denunciation.forward', dueOn: '2026-08-12' });
  });

  it('a denunciation concluded Mon 10/08/2026 is sent by 17/08 and, sent on Fri 14/08, must be published by Wed 19/08/2026', async () => {
    env.setNow(T0);
    const id = await open('denunciation', 'Tố cáo cán bộ văn hóa thu tiền trái phép của hộ kinh doanh');
    let r = await act('lanhdao', id, { action: 'accept' });
    expect(r.case.dueRule).toBe('denunciation.resolve');
    await act('xacminh', id, { action: 'start-verification' });
    env.setNow(at('2026-08-14'));
    r = await act('lanhdao', id, { action: 'conclude', outcome: 'partly-right', on: '2026-08-10' });
    expect(r.case).toMatchObject({ state: 'concluded', decidedOn: '2026-08-10', dueRule: 'denunciation.send-conclusion', dueOn: '2026-08-17' });
    r = await act('xuly', id, { action: 'send-conclusion' });
    expect(r.case).toMatchObject({ state: 'conclusion-sent', dueRule: 'denunciation.publish', dueOn: '2026-08-19' });
    expect(r.case.dueExplanation).toContain('kể từ ngày ban hành kết luận 10/08/2026 (Khoản 1 Điều 40 Luật Tố cáo 2018)');
  });
});

describe('3–4. effectiveness and appeals (Luật Khiếu nại Arts. 33, 44)', () => {
  it("a remote agency's first-instance decision of 10/08/2026 becomes effective after 45 days (24/09), not 30", async () => {
    const flag = await env.api('PATCH', '/api/v1/agencies/00008', { token: await env.login('admin'), body: { remote: true } });
    expect(flag.statusCode, flag.body).toBe(200);
    env.setNow(T0);
    const id = await open('complaint', 'Khiếu nại quyết định thu hồi đất nông nghiệp', { agency: '00008', user: 'xuly.ngocha' });
    await act('lanhdao.ngocha', id, { action: 'accept' });
    env.setNow(at('2026-08-10'));
    await act('lanhdao.ngocha', id, { action: 'decide', outcome: 'wrong' });
    await act('xuly.ngocha', id, { action: 'send-decision' });
    // Day 31 (10/09): a non-remote decision would be effective; this one is not.
    env.setNow(at('2026-09-10'));
    const early = await env.api('POST', `/api/v1/cases/${id}/transitions`, { token: await env.login('xuly.ngocha'), body: { action: 'make-effective' } });
    expect(early.statusCode, early.body).toBe(409);
    // Day 45 (24/09) is the last day of the period: still open for a second complaint.
    env.setNow(at('2026-09-24'));
    expect((await getCase('xuly.ngocha', id)).allowedActions.map((a) => a.action)).toEqual(expect.arrayContaining(['appeal', 'sue']));
    expect((await getCase('xuly.ngocha', id)).allowedActions.map((a) => a.action)).not.toContain('make-effective');
    env.setNow(at('2026-09-25'));
    const r = await act('xuly.ngocha', id, { action: 'make-effective' });
    expect(r.case.state).toBe('effective');
  });

  it('an appeal 31 days after receipt of a non-remote decision is refused citing Art. 33; on day 30 it is accepted', async () => {
    env.setNow(T0);
    const id = await open('complaint', 'Khiếu nại quyết định từ chối cấp giấy chứng nhận quyền sử dụng đất');
    await act('xuly', id, { action: 'accept', ...SIGNED });
    env.setNow(at('2026-08-10'));
    let r = await act('lanhdao', id, { action: 'decide', outcome: 'wrong' });
    // Sent within 3 working days (Art. 32): Thu 13/08.
    expect(r.case).toMatchObject({ dueRule: 'complaint.send-decision', dueOn: '2026-08-13' });
    r = await act('xuly', id, { action: 'send-decision' });
    expect(r.case).toMatchObject({ state: 'decided', decisionSentOn: '2026-08-10', dueOn: null });
    await act('xuly', id, { action: 'send-decision' }, 409); // once
    env.setNow(at('2026-09-10'));
    const late = await env.api('POST', `/api/v1/cases/${id}/transitions`, { token: await env.login('xuly'), body: { action: 'appeal' } });
    expect(late.statusCode, late.body).toBe(409);
    const message = (late.json() as { message: string }).message;
    expect(message).toContain('Điều 33 Luật Khiếu nại 2011');
    expect(message).toContain('09/09/2026');
    // The complainant received it later (14/08): the window runs to 13/09 (Sun) → Mon 14/09.
    r = await act('xuly', id, { action: 'appeal', decisionReceivedOn: '2026-08-14' });
    expect(r.case.state).toBe('appealed');
    expect(r.createdCase?.agencyCode).toBe('01');
    // The second complaint runs on the acceptance rule at the city: 7 working days from 10/09 → Mon 21/09.
    const second = await getCase('tinh.xuly', r.createdCase!.id);
    expect(second.case).toMatchObject({ dueRule: 'complaint.accept', dueOn: '2026-09-21' });
  });

  it('a second complaint on day 30 is accepted', async () => {
    env.setNow(at('2026-08-10'));
    const id = await open('complaint', 'Khiếu nại quyết định bồi thường khi thu hồi đất');
    await act('lanhdao', id, { action: 'accept' });
    await act('lanhdao', id, { action: 'decide', outcome: 'wrong' });
    await act('xuly', id, { action: 'send-decision' });
    env.setNow(at('2026-09-09'));
    const r = await act('xuly', id, { action: 'appeal' });
    expect(r.case.state).toBe('appealed');
  });

  it('an appeal after the lapsed first-instance deadline is accepted (Art. 33(1)–(2)); a lawsuit is recorded after the second instance', async () => {
    env.setNow(T0);
    const id = await open('complaint', 'Khiếu nại hành vi chậm cấp giấy phép kinh doanh');
    const r0 = await act('lanhdao', id, { action: 'accept' });
    // 30 days from 03/08 → Wed 02/09 (Quốc khánh), Thu 03/09 off → Fri 04/09.
    expect(r0.case).toMatchObject({ dueRule: 'complaint.first', dueOn: '2026-09-04' });
    env.setNow(at('2026-09-04'));
    const early = await env.api('POST', `/api/v1/cases/${id}/transitions`, { token: await env.login('xuly'), body: { action: 'appeal' } });
    expect(early.statusCode).toBe(409);
    expect((early.json() as { message: string }).message).toContain('Chưa hết thời hạn giải quyết');
    env.setNow(at('2026-09-07'));
    const r = await act('xuly', id, { action: 'appeal' });
    // This case stays open (and overdue) here; the second instance opens at the city.
    expect(r.case).toMatchObject({ state: 'accepted', dueOn: '2026-09-04' });
    const second = r.createdCase!.id;
    expect((await getCase('tinh.xuly', second)).linked).toEqual([expect.objectContaining({ relation: 'previous-instance', agencyCode: '00004' })]);
    await act('tinh.lanhdao', second, { action: 'accept' });
    await act('tinh.xuly', second, { action: 'start-verification' });
    await act('tinh.lanhdao', second, { action: 'hold-dialogue' });
    const decided = await act('tinh.lanhdao', second, { action: 'decide', outcome: 'annul' });
    // Second instance: sent within 7 days (Art. 41(1)) → Mon 14/09.
    expect(decided.case).toMatchObject({ dueRule: 'complaint.send-second-decision', dueOn: '2026-09-14' });
    await act('tinh.xuly', second, { action: 'appeal' }, 409);
    const sued = await act('tinh.xuly', second, { action: 'sue' });
    expect(sued.case.state).toBe('appealed');
  });
});

describe('5. withdrawal', () => {
  it('a group complaint of 3 where 1 withdraws stays open for 2, and the report counts one matter', async () => {
    env.setNow(T0);
    const before = await figures();
    const id = await open('complaint', 'Khiếu nại tập thể về quyết định điều chỉnh quy hoạch khu dân cư', { coSigners: [{ name: 'Phạm Văn An' }, { name: 'Đỗ Thị Bình' }] });
    await act('lanhdao', id, { action: 'accept' });
    await act('lanhdao', id, { action: 'withdraw', withdrawingCount: 4 }, 400); // only 3 complain
    let r = await act('xuly', id, { action: 'withdraw', withdrawingCount: 1, ...SIGNED });
    expect(r.case).toMatchObject({ state: 'accepted', withdrawnCount: 1, outcome: null, dueRule: 'complaint.first', dueOn: '2026-09-04' });
    const page = await getCase('lanhdao', id);
    expect(page.history.at(-1)?.summary).toContain('2 người còn lại tiếp tục');
    const after = await figures();
    expect(after['xld.received']! - before['xld.received']!).toBe(1);
    expect(after['gqkn.within']! - before['gqkn.within']!).toBe(1);
    expect(after['gqkn.withdrawn']).toBe(before['gqkn.withdrawn']);
    expect(after['gqkn.resolved']).toBe(before['gqkn.resolved']);
    // The last two withdraw: the case ends.
    r = await act('lanhdao', id, { action: 'withdraw', withdrawingCount: 2 });
    expect(r.case).toMatchObject({ state: 'withdrawn', outcome: 'withdrawn', withdrawnCount: 3, dueOn: null });
  });

  it('a coerced withdrawal of a denunciation does not close it; nor a partial one; a plain one does', async () => {
    env.setNow(T0);
    const id = await open('denunciation', 'Tố cáo cán bộ thuế gây khó khăn đòi tiền doanh nghiệp');
    await act('lanhdao', id, { action: 'accept' });
    const running = (await getCase('lanhdao', id)).case.dueOn;
    let r = await act('lanhdao', id, { action: 'withdraw', violationIndicated: false, coerced: true });
    expect(r.case).toMatchObject({ state: 'accepted', outcome: null, dueOn: running });
    expect((await getCase('lanhdao', id)).history.at(-1)?.summary).toContain('bị đe dọa, mua chuộc');
    r = await act('lanhdao', id, { action: 'withdraw', violationIndicated: false, withdrawalScope: 'part' });
    expect(r.case).toMatchObject({ state: 'accepted', dueOn: running });
    r = await act('lanhdao', id, { action: 'withdraw', violationIndicated: false, slander: true });
    expect(r.case.state).toBe('accepted');
    r = await act('lanhdao', id, { action: 'withdraw', violationIndicated: false });
    expect(r.case).toMatchObject({ state: 'withdrawn', outcome: 'withdrawn', dueOn: null });
  });
});

describe('6. missing steps of denunciations and complaints', () => {
  it('terminating a denunciation (Art. 34(3)) starts the 5-working-day sending deadline (Art. 34(4))', async () => {
    env.setNow(T0);
    const id = await open('denunciation', 'Tố cáo trưởng thôn lập hồ sơ hộ nghèo sai');
    await act('lanhdao', id, { action: 'accept' });
    env.setNow(at('2026-08-10'));
    await act('lanhdao', id, { action: 'terminate', reason: 'death' }, 400);
    await act('xuly', id, { action: 'terminate', reason: 'accused-died' }, 400); // the head's decision
    let r = await act('xuly', id, { action: 'terminate', reason: 'accused-died', ...SIGNED });
    expect(r.case).toMatchObject({ state: 'terminated', outcome: 'terminated', decidedOn: '2026-08-10', dueRule: 'denunciation.send-decision', dueOn: '2026-08-17' });
    r = await act('xuly', id, { action: 'send-decision' });
    expect(r.case).toMatchObject({ state: 'terminated', decisionSentOn: '2026-08-10', dueOn: null });
  });

  it('terminating a complaint (Art. 11a cl. 2 as amended) starts the 3-working-day sending deadline (ND 124 Art. 28b)', async () => {
    env.setNow(T0);
    const id = await open('complaint', 'Khiếu nại quyết định cưỡng chế tháo dỡ công trình');
    await act('lanhdao', id, { action: 'accept' });
    env.setNow(at('2026-08-10'));
    const r = await act('lanhdao', id, { action: 'terminate', reason: 'Người khiếu nại chết mà không có người thừa kế quyền, nghĩa vụ' });
    expect(r.case).toMatchObject({ state: 'terminated', dueRule: 'complaint.send-termination', dueOn: '2026-08-13' });
  });

  it('an overdue denunciation goes to the superior (Art. 38), who examines within 20 days; after a conclusion, re-denunciation (Art. 37)', async () => {
    env.setNow(T0);
    const id = await open('denunciation', 'Tố cáo cán bộ phường làm sai lệch hồ sơ hộ tịch');
    const r0 = await act('lanhdao', id, { action: 'accept' });
    expect(r0.case.dueOn).toBe('2026-09-04');
    env.setNow(at('2026-09-04'));
    await act('xuly', id, { action: 're-denounce' }, 409);
    env.setNow(at('2026-09-07'));
    const r = await act('xuly', id, { action: 're-denounce' });
    expect(r.case.state).toBe('accepted');
    // 20 days from 07/09 → Sun 27/09 → Mon 28/09.
    const upper = await getCase('tinh.xuly', r.createdCase!.id);
    expect(upper.case).toMatchObject({ state: 'received', dueRule: 'denunciation.re-examine', dueOn: '2026-09-28' });
    expect(upper.history[0]?.action).toBe('case.open-re-denunciation');
    // After a conclusion the denouncer may re-denounce at any point.
    await act('xacminh', id, { action: 'start-verification' });
    await act('lanhdao', id, { action: 'conclude', outcome: 'untrue' });
    const again = await act('xuly', id, { action: 're-denounce' });
    expect(again.case.state).toBe('concluded');
    expect(again.createdCase?.agencyCode).toBe('01');
  });
});

describe('6. the 90-day complaint limitation (Art. 9)', () => {
  it('checked at acceptance: learned 02/05 → the period ended Fri 31/07, a complaint received 03/08 is refused with the guidance ground; 5 excused days of illness → 05/08, accepted; learned 04/05 → Sun 02/08 → Mon 03/08, accepted', async () => {
    env.setNow(T0);
    const late = await open('complaint', 'Khiếu nại quyết định xử phạt về quảng cáo sai phép');
    const refused = await env.api('POST', `/api/v1/cases/${late}/transitions`, { token: await env.login('lanhdao'), body: { action: 'accept', learnedOn: '2026-05-02' } });
    expect(refused.statusCode, refused.body).toBe(409);
    const message = (refused.json() as { message: string }).message;
    expect(message).toContain('Hết thời hiệu khiếu nại');
    expect(message).toContain('Điều 9 Luật Khiếu nại 2011');
    expect(message).toContain('hạn là 31/07/2026');
    expect(message).toContain('Hết thời hiệu khiếu nại» hoặc hướng dẫn');
    await act('lanhdao', late, { action: 'accept', learnedOn: '2026-08-04' }, 400); // after receipt
    expect((await act('lanhdao', late, { action: 'accept', learnedOn: '2026-05-02', limitationExcusedDays: 5 })).case.state).toBe('accepted');
    const edge = await open('complaint', 'Khiếu nại quyết định thu hồi giấy phép quảng cáo');
    expect((await act('lanhdao', edge, { action: 'accept', learnedOn: '2026-05-04' })).case.state).toBe('accepted');
    // The guidance ground: archive with the listed reason.
    const third = await open('complaint', 'Khiếu nại quyết định xử phạt về vệ sinh môi trường');
    expect((await act('xuly', third, { action: 'archive', reason: 'limitation-expired' })).case.state).toBe('archived');
  });

  it('checked at intake as a warning (checkComplaintLimitation): the same dates, the guidance ground named; a later learned day is refused', async () => {
    env.setNow(T0);
    const token = await env.login('xuly');
    const check = (body: Record<string, unknown>) => env.api('POST', '/api/v1/intake/limitation', { token, body });
    const late = await check({ receivedOn: '2026-08-03', learnedOn: '2026-05-02' });
    expect(late.statusCode, late.body).toBe(200);
    expect(late.json()).toMatchObject({ expired: true, lastDay: '2026-07-31', archiveReason: 'limitation-expired' });
    expect((late.json() as { message: string }).message).toContain('Hết thời hiệu khiếu nại» hoặc hướng dẫn');
    expect((await check({ receivedOn: '2026-08-03', learnedOn: '2026-05-02', excusedDays: 5 })).json()).toMatchObject({ expired: false, lastDay: '2026-08-05', message: null, archiveReason: null });
    expect((await check({ receivedOn: '2026-08-03', learnedOn: '2026-05-04' })).json()).toMatchObject({ expired: false, lastDay: '2026-08-03' });
    expect((await check({ receivedOn: '2026-08-03', learnedOn: '2026-08-04' })).statusCode).toBe(400);
    expect((await env.api('POST', '/api/v1/intake/limitation', { body: { receivedOn: '2026-08-03', learnedOn: '2026-05-02' } })).statusCode).toBe(401);
  });
});

describe('7. complexity found later', () => {
  it('a written finding (document number and criterion) moves the deadline at once: 04/09 → 17/09', async () => {
    env.setNow(T0);
    const id = await open('complaint', 'Khiếu nại quyết định giải quyết tranh chấp ranh giới thửa đất');
    await act('lanhdao', id, { action: 'accept' });
    await act('xacminh', id, { action: 'start-verification' });
    env.setNow(at('2026-08-20'));
    await act('xuly', id, { action: 'find-complex', documentNo: '7/BB-XM' }, 400);
    await act('xuly', id, { action: 'find-complex', documentNo: '7/BB-XM', complexityCriterion: 'sunny' }, 400);
    const r = await act('xuly', id, { action: 'find-complex', documentNo: '7/BB-XM', complexityCriterion: 'several-sites' });
    expect(r.case).toMatchObject({ state: 'verifying', dueRule: 'complaint.first', dueOn: '2026-09-17' });
    expect(r.case.dueExplanation).toContain('45 ngày (vụ việc phức tạp)');
    await act('xuly', id, { action: 'find-complex', documentNo: '8/BB-XM', complexityCriterion: 'several-sites' }, 409);
    // A complex acceptance needs the criterion too.
    const other = await open('complaint', 'Khiếu nại quyết định cấp giấy phép xây dựng cho hộ liền kề');
    await act('lanhdao', other, { action: 'accept', complexity: 'complex' }, 400);
    const ok = await act('lanhdao', other, { action: 'accept', complexity: 'complex', complexityCriterion: 'several-agencies' });
    // From 20/08: 45 days → Sun 04/10 → Mon 05/10.
    expect(ok.case.dueOn).toBe('2026-10-05');
  });
});

describe('8. who decides', () => {
  it('a handler cannot accept without a head\'s decision number and signer; with them the acceptance is recorded; a head accepts alone', async () => {
    env.setNow(T0);
    const id = await open('complaint', 'Khiếu nại quyết định xử phạt về an toàn thực phẩm');
    const handlerView = await getCase('xuly', id);
    expect(handlerView.allowedActions.find((a) => a.action === 'accept')?.needs).toEqual(['decisionNo', 'signer']);
    expect((await getCase('lanhdao', id)).allowedActions.find((a) => a.action === 'accept')?.needs).toEqual([]);
    const bare = await env.api('POST', `/api/v1/cases/${id}/transitions`, { token: await env.login('xuly'), body: { action: 'accept' } });
    expect(bare.statusCode).toBe(400);
    expect((bare.json() as { details: { field: string }[] }).details[0]?.field).toBe('decisionNo');
    await act('xuly', id, { action: 'accept', decisionNo: '21/QĐ-UBND' }, 400);
    const r = await act('xuly', id, { action: 'accept', ...SIGNED });
    expect(r.case.state).toBe('accepted');
    expect((await getCase('lanhdao', id)).history.at(-1)?.summary).toContain('theo quyết định số 21/QĐ-UBND do Trần Văn Lãnh ký');
    const other = await open('denunciation', 'Tố cáo cán bộ thu phí chợ sai quy định');
    expect((await act('lanhdao', other, { action: 'accept' })).case.state).toBe('accepted');
  });
});
