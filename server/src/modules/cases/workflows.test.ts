/**
 * The case workflows through the HTTP API, on both databases: every kind driven through its states, every
 * action rejected where the table does not allow it, extension limits, suspension moving the deadline,
 * withdrawal rules, forwarding between agencies (liên thông), repeat petitions, assignment and the sweep.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WORKFLOWS, type CaseKind } from '@danvan/domain/workflow';
import { createTestEnv, type TestEnv } from '../../testing/harness.ts';

let env: TestEnv;
const T0 = '2026-08-03T02:00:00Z'; // Monday 03/08/2026
/** A head's decision recorded by a handler: its number and signer (acceptance, termination, withdrawal). */
const SIGNED = { decisionNo: '15/QĐ-UBND', signer: 'Trần Văn Lãnh' };

beforeAll(async () => {
  env = await createTestEnv({ now: T0 });
  await env.addUser('xuly', 'handler', '00004');
  await env.addUser('xacminh', 'investigator', '00004');
  await env.addUser('lanhdao', 'head', '00004');
  await env.addUser('tinh.xuly', 'handler', '01');
  await env.addUser('tinh.lanhdao', 'head', '01');
  await env.addUser('admin', 'admin', 'VN');
  await env.addUser('xuly.ngocha', 'handler', '00008');
});
afterAll(async () => env?.close());

interface CaseOut {
  id: string;
  code: string;
  state: string;
  dueOn: string | null;
  dueRule: string | null;
  outcome: string | null;
  assigneeId: string | null;
  jurisdiction: string | null;
}
type Res = { case: CaseOut; notice: string | null; createdCase: { id: string; code: string; agencyCode: string } | null };

async function open(kind: 'complaint' | 'denunciation' | 'feedback', content: string, idNumber = '001085012345', agency = '00004', user = 'xuly') {
  const res = await env.api('POST', '/api/v1/petitions', {
    token: await env.login(user),
    body: {
      agency,
      channel: 'post',
      type: kind,
      content,
      petitioner: { name: 'Nguyễn Văn Bình', idNumber, address: 'Số 5 Kim Mã, Phường Ba Đình', phone: '0912345678' },
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
  return res.json() as {
    case: CaseOut;
    allowedActions: { action: string }[];
    linked: { relation: string; code: string; state: string; agencyCode: string }[];
    notices: { text: string }[];
    history: { action: string; summary: string }[];
  };
}

/** The report's indicators of commune 00004 for August 2026 (the head's view). */
async function figures(): Promise<Record<string, number>> {
  const res = await env.api('GET', '/api/v1/reports/period?agency=00004&from=2026-08-01&to=2026-08-31', { token: await env.login('lanhdao') });
  expect(res.statusCode, res.body).toBe(200);
  return (res.json() as { indicators: Record<string, number> }).indicators;
}

/** Every action of the kind's table that is not possible from `state` is answered 409 (or 400/403, never 2xx). */
async function expectOthersRejected(kind: CaseKind, id: string, state: string) {
  const possible = new Set(WORKFLOWS[kind].filter((t) => t.from.includes(state)).map((t) => t.action));
  for (const action of new Set(WORKFLOWS[kind].map((t) => t.action))) {
    if (possible.has(action)) continue;
    const res = await env.api('POST', `/api/v1/cases/${id}/transitions`, { token: await env.login('lanhdao'), body: { action, outcome: 'right', reason: 'x', targetAgency: '01' } });
    expect(res.statusCode, `${kind} ${state}: ${action} → ${res.body}`).toBe(409);
  }
}

describe('complaint, first instance then second instance', () => {
  it('runs received → accepted → verifying → dialogue → decided → effective → closed, rejecting everything else', async () => {
    env.setNow(T0);
    const id = await open('complaint', 'Khiếu nại quyết định xử phạt vi phạm hành chính số 77/QĐ-XPVPHC');
    await expectOthersRejected('complaint', id, 'received');
    let r = await act('xuly', id, { action: 'accept', complexity: 'complex', complexityCriterion: 'several-contents', ...SIGNED });
    // complaint.first, complex: 45 days from 03/08/2026 → 17/09/2026 (Thursday).
    expect(r.case).toMatchObject({ state: 'accepted', dueOn: '2026-09-17', dueRule: 'complaint.first', jurisdiction: 'own' });
    expect(r.notice).toContain('đã thụ lý');
    expect(r.notice).toContain('17/09/2026');
    await expectOthersRejected('complaint', id, 'accepted');
    r = await act('xacminh', id, { action: 'start-verification' });
    expect(r.case.state).toBe('verifying');
    await expectOthersRejected('complaint', id, 'verifying');
    r = await act('lanhdao', id, { action: 'hold-dialogue' });
    expect(r.case.state).toBe('dialogue');
    await act('xuly', id, { action: 'decide', outcome: 'right' }, 403);
    await act('lanhdao', id, { action: 'decide', outcome: 'uphold' }, 400); // second-instance outcome at first instance
    r = await act('lanhdao', id, { action: 'decide', outcome: 'partly-right' });
    // The resolution clock stops; the decision must be sent within 3 working days (Art. 32): Thu 06/08/2026.
    expect(r.case).toMatchObject({ state: 'decided', outcome: 'partly-right', dueOn: '2026-08-06', dueRule: 'complaint.send-decision' });
    await expectOthersRejected('complaint', id, 'decided');
    // Effective only after 30 days (Art. 44).
    const early = await env.api('POST', `/api/v1/cases/${id}/transitions`, { token: await env.login('xuly'), body: { action: 'make-effective' } });
    expect(early.statusCode).toBe(409);
    expect((early.json() as { message: string }).message).toContain('Chưa hết thời hạn');
    env.setNow('2026-09-10T02:00:00Z');
    r = await act('xuly', id, { action: 'make-effective' });
    expect(r.case.state).toBe('effective');
    r = await act('xuly', id, { action: 'close' });
    expect(r.case.state).toBe('closed');
    await expectOthersRejected('complaint', id, 'closed');
  });

  it('an appeal opens the linked second-instance case at the level above, where a dialogue is required', async () => {
    env.setNow(T0);
    const id = await open('complaint', 'Khiếu nại quyết định thu hồi giấy phép kinh doanh số 5/QĐ-UBND', '001085054321');
    await act('xuly', id, { action: 'accept', ...SIGNED });
    await act('lanhdao', id, { action: 'decide', outcome: 'wrong' });
    const r = await act('xuly', id, { action: 'appeal' });
    expect(r.case.state).toBe('appealed');
    expect(r.createdCase?.agencyCode).toBe('01');
    const second = r.createdCase!.id;
    const secondPage = await getCase('tinh.xuly', second);
    expect(secondPage.linked).toEqual([expect.objectContaining({ relation: 'previous-instance', agencyCode: '00004' })]);
    await act('tinh.xuly', second, { action: 'accept', ...SIGNED });
    const accepted = await getCase('tinh.xuly', second);
    // complaint.second: 45 days from 03/08/2026 → 17/09/2026.
    expect(accepted.case.dueOn).toBe('2026-09-17');
    await act('tinh.xuly', second, { action: 'start-verification' });
    const blocked = await env.api('POST', `/api/v1/cases/${second}/transitions`, { token: await env.login('tinh.lanhdao'), body: { action: 'decide', outcome: 'uphold' } });
    expect(blocked.statusCode).toBe(409);
    expect((blocked.json() as { message: string }).message).toContain('đối thoại');
    await act('tinh.lanhdao', second, { action: 'hold-dialogue' });
    await act('tinh.lanhdao', second, { action: 'decide', outcome: 'right' }, 400); // first-instance outcome at second instance
    const decided = await act('tinh.lanhdao', second, { action: 'decide', outcome: 'annul' });
    expect(decided.case.outcome).toBe('annul');
    const again = await env.api('POST', `/api/v1/cases/${second}/transitions`, { token: await env.login('tinh.xuly'), body: { action: 'appeal' } });
    expect(again.statusCode).toBe(409);
    // The first-instance agency follows the second instance's progress.
    const first = await getCase('xuly', id);
    expect(first.linked).toEqual([expect.objectContaining({ relation: 'next-instance', agencyCode: '01', state: 'decided' })]);
  });
});

describe('denunciation', () => {
  it('extension limits follow the complexity; suspension moves the deadline; conclusion, sending, publication', async () => {
    env.setNow(T0);
    const id = await open('denunciation', 'Tố cáo cán bộ thu tiền trái quy định khi cấp giấy phép xây dựng');
    let r = await act('xuly', id, { action: 'accept', ...SIGNED });
    // denunciation.resolve: 30 days from 03/08/2026 → 02/09/2026 is Quốc khánh, 01/09 the adjacent day off (2026) → next working day 03/09/2026.
    expect(r.case.dueRule).toBe('denunciation.resolve');
    const base = r.case.dueOn!;
    await act('xacminh', id, { action: 'start-verification' });
    expect((await getCase('lanhdao', id)).allowedActions.map((a) => a.action)).toContain('extend');
    const noComplexity = await env.api('POST', `/api/v1/cases/${id}/transitions`, { token: await env.login('lanhdao'), body: { action: 'extend', documentNo: '1/QĐ-GH' } });
    expect(noComplexity.statusCode).toBe(409);
    await act('lanhdao', id, { action: 'extend', complexity: 'complex' }, 400); // documentNo required
    r = await act('lanhdao', id, { action: 'extend', complexity: 'complex', documentNo: '1/QĐ-GH' });
    expect(r.case.state).toBe('extended');
    expect(r.case.dueOn! > base).toBe(true);
    const extended = r.case.dueOn!;
    const second = await env.api('POST', `/api/v1/cases/${id}/transitions`, { token: await env.login('lanhdao'), body: { action: 'extend', documentNo: '2/QĐ-GH' } });
    expect(second.statusCode).toBe(409);
    expect((second.json() as { message: string }).message).toContain('tối đa 1 lần');
    r = await act('lanhdao', id, { action: 'extend', complexity: 'especially-complex', documentNo: '2/QĐ-GH' });
    expect(r.case.dueOn! > extended).toBe(true);
    await act('lanhdao', id, { action: 'extend', documentNo: '3/QĐ-GH' }, 409);
    const beforeSuspension = r.case.dueOn!;
    // Suspended on 10/08, resumed on 20/08: the deadline moves by the 10 days the clock stood still.
    env.setNow('2026-08-10T02:00:00Z');
    r = await act('lanhdao', id, { action: 'suspend', reason: 'Chờ kết quả giám định chữ ký' });
    expect(r.case).toMatchObject({ state: 'suspended', dueOn: null });
    await expectOthersRejected('denunciation', id, 'suspended');
    env.setNow('2026-08-20T02:00:00Z');
    r = await act('lanhdao', id, { action: 'resume' });
    expect(r.case.state).toBe('extended');
    // Exactly the legal clock's answer for 30 days + two 30-day extensions + 10 suspended days from 03/08/2026.
    const expected = (await env.api('GET', '/api/v1/clock/deadline?rule=denunciation.resolve&from=2026-08-03&especiallyComplex=true&extensions=2&suspendedDays=10')).json() as { due: string };
    expect(r.case.dueOn).toBe(expected.due);
    expect(r.case.dueOn! > beforeSuspension).toBe(true);
    r = await act('lanhdao', id, { action: 'conclude', outcome: 'untrue' });
    expect(r.case).toMatchObject({ state: 'concluded', dueRule: 'denunciation.send-conclusion' });
    r = await act('xuly', id, { action: 'send-conclusion' });
    expect(r.case).toMatchObject({ state: 'conclusion-sent', dueRule: 'denunciation.publish' });
    r = await act('xuly', id, { action: 'publish' });
    expect(r.case).toMatchObject({ state: 'published', dueOn: null });
    r = await act('xuly', id, { action: 'close' });
    expect(r.case.state).toBe('closed');
    const page = await getCase('lanhdao', id);
    expect(page.history.map((h) => h.action)).toEqual(
      expect.arrayContaining(['case.extend', 'case.suspend', 'case.resume', 'case.conclude', 'case.send-conclusion', 'case.publish', 'case.close']),
    );
  });

  it('withdrawal does not stop a denunciation that indicates a violation; otherwise it ends it', async () => {
    env.setNow(T0);
    const a = await open('denunciation', 'Tố cáo cán bộ tư pháp nhận tiền khi chứng thực', '001085099901');
    await act('xuly', a, { action: 'accept', ...SIGNED });
    await act('xuly', a, { action: 'withdraw' }, 400); // must say whether a violation is indicated
    await act('xuly', a, { action: 'withdraw', violationIndicated: true }, 400); // the head's decision: number and signer
    let r = await act('xuly', a, { action: 'withdraw', violationIndicated: true, ...SIGNED });
    expect(r.case.state).toBe('accepted');
    expect(r.case.dueOn).not.toBeNull();
    const b = await open('denunciation', 'Tố cáo trưởng thôn thu quỹ sai quy định', '001085099902');
    await act('xuly', b, { action: 'accept', ...SIGNED });
    r = await act('lanhdao', b, { action: 'withdraw', violationIndicated: false });
    expect(r.case).toMatchObject({ state: 'withdrawn', outcome: 'withdrawn', dueOn: null });
  });
});

describe('feedback', () => {
  it('runs received → handling → answered → published → closed', async () => {
    env.setNow(T0);
    const id = await open('feedback', 'Phản ánh đèn chiếu sáng ngõ 5 phố Đội Cấn hỏng nhiều ngày');
    await expectOthersRejected('feedback', id, 'received');
    let r = await act('xuly', id, { action: 'accept' });
    expect(r.case).toMatchObject({ state: 'handling', dueOn: null });
    await expectOthersRejected('feedback', id, 'handling');
    r = await act('xacminh', id, { action: 'answer', outcome: 'answered' });
    expect(r.case.state).toBe('answered');
    r = await act('xuly', id, { action: 'publish' });
    expect(r.case.state).toBe('published');
    r = await act('xuly', id, { action: 'close' });
    expect(r.case.state).toBe('closed');
  });
  it('archive needs a listed reason and produces the citizen notice', async () => {
    const id = await open('feedback', 'Đơn không rõ nội dung');
    await act('xuly', id, { action: 'archive', reason: 'whatever' }, 400);
    const r = await act('xuly', id, { action: 'archive', reason: 'duplicate' });
    expect(r.case.state).toBe('archived');
    expect(r.notice).toContain('Đơn trùng, không có tình tiết mới');
  });
});

describe('forwarding between agencies (liên thông)', () => {
  it('commune → province: the province gets it with a receipt, the commune follows its progress and reports it as forwarded', async () => {
    env.setNow(T0);
    const id = await open('complaint', 'Khiếu nại quyết định của Sở Xây dựng về cấp phép xây dựng', '001085077777');
    const before = await figures();
    const r = await act('xuly', id, { action: 'forward', targetAgency: '01' });
    // The commune's report counts it as forwarded, not as within its jurisdiction.
    const after = await figures();
    expect(after['xld.forwarded']! - before['xld.forwarded']!).toBe(1);
    expect(after['gqkn.within']).toBe(before['gqkn.within']);
    expect(r.case).toMatchObject({ state: 'forwarded', jurisdiction: 'forwarded', dueOn: null });
    expect(r.notice).toContain('Ủy ban nhân dân Thành phố Hà Nội');
    const target = r.createdCase!;
    const inbox = (await env.api('GET', '/api/v1/cases?agency=01&state=received', { token: await env.login('tinh.xuly') })).json() as { items: { id: string; dueRule: string }[] };
    expect(inbox.items.map((i) => i.id)).toContain(target.id);
    const received = await getCase('tinh.xuly', target.id);
    expect(received.history[0]).toMatchObject({ action: 'case.receive-forwarded' });
    expect(received.history[0]!.summary).toContain('Phiếu nhận đơn chuyển đến');
    // The receiving agency starts its own intake clock: a complaint is accepted within 7 working days → Wed 12/08/2026.
    expect(received.case).toMatchObject({ dueRule: 'complaint.accept', dueOn: '2026-08-12' });
    // Forwarding the same content again is refused (once only).
    const again = await open('complaint', 'Khiếu nại quyết định của Sở Xây dựng về cấp phép xây dựng', '001085077777');
    const refused = await env.api('POST', `/api/v1/cases/${again}/transitions`, { token: await env.login('xuly'), body: { action: 'forward', targetAgency: '01' } });
    expect(refused.statusCode).toBe(409);
    // The province accepts; the commune sees it.
    await act('tinh.xuly', target.id, { action: 'accept', ...SIGNED });
    const source = await getCase('xuly', id);
    expect(source.linked).toEqual([expect.objectContaining({ relation: 'forwarded-to', agencyCode: '01', state: 'accepted' })]);
    // The commune's officers still cannot open the province's case.
    expect((await env.api('GET', `/api/v1/cases/${target.id}`, { token: await env.login('xuly') })).statusCode).toBe(404);
  });
});

describe('chasing a lower level (đôn đốc)', () => {
  /** The report's indicators of the province (01) for August 2026. */
  async function province(): Promise<Record<string, number>> {
    const res = await env.api('GET', '/api/v1/reports/period?agency=01&from=2026-08-01&to=2026-08-31', { token: await env.login('tinh.lanhdao') });
    expect(res.statusCode, res.body).toBe(200);
    return (res.json() as { indicators: Record<string, number> }).indicators;
  }

  it('the province chases one of its communes: the case is closed as chased, the commune\'s processors are notified, scope is unchanged', async () => {
    env.setNow(T0);
    const id = await open('complaint', 'Khiếu nại việc UBND phường chậm giải quyết đơn về ranh giới đất', '001085066666', '01', 'tinh.xuly');
    const before = await province();
    const r = await act('tinh.xuly', id, { action: 'chase', targetAgency: '00004', on: '2026-08-03' });
    expect(r.case).toMatchObject({ state: 'chased', jurisdiction: 'chased', dueOn: null, dueRule: null });
    expect(r.createdCase).toBeNull();
    expect(r.notice).toBe(
      'Ủy ban nhân dân Thành phố Hà Nội thông báo: ngày 03/08/2026 đã đôn đốc Ủy ban nhân dân Phường Ba Đình xem xét, giải quyết đơn khiếu nại (mã hồ sơ ' +
        (await getCase('tinh.xuly', id)).case.code +
        ') theo thẩm quyền và trả lời công dân.',
    );
    const view = await getCase('tinh.xuly', id);
    expect((view.case as CaseOut & { chasedAgency: unknown }).chasedAgency).toEqual({ code: '00004', name: 'Ủy ban nhân dân Phường Ba Đình' });
    expect(view.allowedActions).toEqual([]);
    expect(view.history.at(-1)).toMatchObject({ action: 'case.chase' });
    expect(view.history.at(-1)!.summary).toBe('Đôn đốc cấp dưới giải quyết → Ủy ban nhân dân Phường Ba Đình (Thông tư 05/2021/TT-TTCP)');
    expect(view.notices.at(-1)!.text).toBe(r.notice);
    // 02/XLD of the province: processed, eligible, not within jurisdiction — chased.
    const after = await province();
    const change = (key: string) => after[key]! - before[key]!;
    for (const key of ['xld.processed', 'xld.eligible', 'xld.kind.complaint', 'xld.chased']) expect(change(key), key).toBe(1);
    expect(change('xld.pending')).toBe(-1);
    for (const key of ['xld.received', 'xld.accepted', 'xld.guided', 'xld.forwarded', 'xld.archived', 'gqkn.within']) expect(change(key), key).toBe(0);
    // The commune's handler and head get an in-app notice naming the matter; nobody else does.
    for (const user of ['xuly', 'lanhdao']) {
      const notes = (await env.api('GET', '/api/v1/me/notifications', { token: await env.login(user) })).json() as { kind: string; message: string; caseId: string | null }[];
      const chase = notes.filter((n) => n.kind === 'chase');
      expect(chase, user).toHaveLength(1);
      expect(chase[0]).toMatchObject({ caseId: null });
      expect(chase[0]!.message).toContain(`Ủy ban nhân dân Thành phố Hà Nội đôn đốc Ủy ban nhân dân Phường Ba Đình giải quyết đơn khiếu nại (mã hồ sơ ${view.case.code}`);
    }
    for (const user of ['xacminh', 'tinh.xuly', 'xuly.ngocha']) {
      const notes = (await env.api('GET', '/api/v1/me/notifications', { token: await env.login(user) })).json() as { kind: string }[];
      expect(notes.filter((n) => n.kind === 'chase'), user).toEqual([]);
    }
    // Scope is unchanged: the commune still cannot open the province's case, nor act on it.
    expect((await env.api('GET', `/api/v1/cases/${id}`, { token: await env.login('xuly') })).statusCode).toBe(404);
    expect((await env.api('POST', `/api/v1/cases/${id}/transitions`, { token: await env.login('xuly'), body: { action: 'accept' } })).statusCode).toBe(404);
    const communeList = (await env.api('GET', '/api/v1/cases?agency=00004&state=chased', { token: await env.login('xuly') })).json() as { total: number };
    expect(communeList.total).toBe(0);
    // A chased case is final here.
    const again = await env.api('POST', `/api/v1/cases/${id}/transitions`, { token: await env.login('tinh.xuly'), body: { action: 'chase', targetAgency: '00004' } });
    expect(again.statusCode).toBe(409);
  });

  it('only a strict lower level can be chased: the same agency, another province\'s commune, an upper level or an unknown code is a 400 on targetAgency', async () => {
    env.setNow(T0);
    const id = await open('feedback', 'Kiến nghị về việc chậm trả lời đơn của UBND phường', '001085055555', '01', 'tinh.xuly');
    const commune = await open('feedback', 'Kiến nghị về việc chậm sửa chữa đường dân sinh', '001085044444');
    const cases: [string, string, string][] = [
      [id, '01', 'Chỉ đôn đốc được cơ quan cấp dưới'],
      [id, '79', 'Chỉ đôn đốc được cơ quan cấp dưới'],
      [id, '26737', 'Chỉ đôn đốc được cơ quan cấp dưới'],
      [id, 'VN', 'Chỉ đôn đốc được cơ quan cấp dưới'],
      [id, 'ZZZ', 'Không có cơ quan mã «ZZZ»'],
      [commune, '00008', 'Chỉ đôn đốc được cơ quan cấp dưới'],
      [commune, '01', 'Chỉ đôn đốc được cơ quan cấp dưới'],
    ];
    for (const [caseId, targetAgency, message] of cases) {
      const user = caseId === id ? 'tinh.xuly' : 'xuly';
      const res = await env.api('POST', `/api/v1/cases/${caseId}/transitions`, { token: await env.login(user), body: { action: 'chase', targetAgency } });
      expect(res.statusCode, `${targetAgency}: ${res.body}`).toBe(400);
      expect(res.json()).toMatchObject({ details: [{ field: 'targetAgency', message }] });
    }
    const en = await env.api('POST', `/api/v1/cases/${id}/transitions`, { token: await env.login('tinh.xuly'), headers: { 'accept-language': 'en' }, body: { action: 'chase', targetAgency: '79' } });
    expect(en.json()).toMatchObject({ details: [{ field: 'targetAgency', message: 'Only a lower-level agency can be chased' }] });
    const missing = await env.api('POST', `/api/v1/cases/${id}/transitions`, { token: await env.login('tinh.xuly'), body: { action: 'chase' } });
    expect(missing.statusCode).toBe(400);
    expect(missing.json()).toMatchObject({ details: [{ field: 'targetAgency' }] });
    // Nothing moved.
    expect((await getCase('tinh.xuly', id)).case.state).toBe('received');
    expect((await getCase('xuly', commune)).case.state).toBe('received');
  });
});

describe('repeat petitions', () => {
  it('the same ID number on the same matter is found at intake and linked: one case, two petitions', async () => {
    env.setNow(T0);
    const content = 'Khiếu nại việc chậm chi trả tiền bồi thường giải phóng mặt bằng dự án đường Vành đai 1';
    const before = await figures();
    const first = await open('complaint', content, '001099012345');
    const check = await env.api('POST', '/api/v1/intake/check', {
      token: await env.login('xuly'),
      body: { agency: '00004', content: 'khieu nai cham chi tra tien boi thuong giai phong mat bang du an duong Vanh dai 1 lan 2', idNumber: '001099012345' },
    });
    expect(check.statusCode, check.body).toBe(200);
    const body = check.json() as { repeats: { id: string; samePerson: boolean }[]; suggestion: { kind: { value: string } | null; field: { value: string } | null } };
    expect(body.repeats[0]).toMatchObject({ id: first, samePerson: true });
    expect(body.suggestion.kind?.value).toBe('complaint');
    expect(body.suggestion.field?.value).toBe('dat-dai');
    const linked = await env.api('POST', '/api/v1/petitions', {
      token: await env.login('xuly'),
      body: { agency: '00004', channel: 'online', type: 'complaint', content: 'Lần 2: ' + content, petitioner: { name: 'Nguyễn Văn Bình', idNumber: '001099012345', address: 'Số 5 Kim Mã' }, caseId: first },
    });
    expect(linked.statusCode).toBe(201);
    expect((linked.json() as { case: { id: string } }).case.id).toBe(first);
    const page = (await env.api('GET', `/api/v1/cases/${first}`, { token: await env.login('xuly') })).json() as { petitions: unknown[] };
    expect(page.petitions).toHaveLength(2);
    // The period report counts one matter received and two petitions.
    const after = await figures();
    expect(after['xld.received']! - before['xld.received']!).toBe(1);
    expect(after['xld.petitions']! - before['xld.petitions']!).toBe(2);

    // The same ID typed at another commune's desk finds nothing of Ba Đình's (the check must not tell who has
    // petitioned where outside the desk's scope); the city above Ba Đình finds it.
    const again = { content: 'khieu nai cham chi tra tien boi thuong giai phong mat bang du an duong Vanh dai 1 lan 3', idNumber: '001099012345' };
    const elsewhere = await env.api('POST', '/api/v1/intake/check', { token: await env.login('xuly.ngocha'), body: { agency: '00008', ...again } });
    expect(elsewhere.statusCode, elsewhere.body).toBe(200);
    expect((elsewhere.json() as { repeats: { id: string }[] }).repeats.map((r) => r.id)).not.toContain(first);
    const above = await env.api('POST', '/api/v1/intake/check', { token: await env.login('tinh.xuly'), body: { agency: '01', ...again } });
    expect((above.json() as { repeats: { id: string; samePerson: boolean }[] }).repeats).toContainEqual(expect.objectContaining({ id: first, samePerson: true }));
  });
});

describe('assignment, queues and the deadline sweep', () => {
  it('assigns, lists my cases by deadline, reminds 3 working days ahead and escalates when overdue — once', async () => {
    env.setNow(T0);
    const id = await open('complaint', 'Khiếu nại về việc từ chối cấp giấy xác nhận tình trạng hôn nhân', '001085033333');
    await act('xuly', id, { action: 'accept', ...SIGNED }); // due 02/09/2026 → rolls to 03/09
    const bad = await env.api('POST', `/api/v1/cases/${id}/assignment`, { token: await env.login('xuly'), body: { username: 'xuly.ngocha' } });
    expect(bad.statusCode).toBe(400);
    const ok = await env.api('POST', `/api/v1/cases/${id}/assignment`, { token: await env.login('xuly'), body: { username: 'xacminh' } });
    expect(ok.statusCode, ok.body).toBe(200);
    const mine = (await env.api('GET', '/api/v1/cases?assignee=me&sort=due', { token: await env.login('xacminh') })).json() as { items: { id: string }[] };
    expect(mine.items.map((i) => i.id)).toEqual([id]);
    const due = (await getCase('xacminh', id)).case.dueOn!;
    const sweep = async () => (await env.api('POST', '/api/v1/admin/sweep-deadlines', { token: await env.login('admin') })).json() as { reminders: number; escalations: number; markedOverdue: number };
    // Two days before the deadline: a reminder to the assignee, once.
    env.setNow(`${due.slice(0, 8)}${String(Number(due.slice(8)) - 1).padStart(2, '0')}T02:00:00Z`);
    const s1 = await sweep();
    expect(s1.reminders).toBeGreaterThanOrEqual(1);
    const s1b = await sweep();
    expect(s1b.reminders).toBe(0);
    const notes = (await env.api('GET', '/api/v1/me/notifications', { token: await env.login('xacminh') })).json() as { id: string; kind: string; message: string }[];
    expect(notes.map((n) => n.kind)).toEqual(expect.arrayContaining(['assignment', 'reminder']));
    const read = await env.api('POST', '/api/v1/me/notifications/read', { token: await env.login('xacminh'), body: { ids: [notes[0]!.id] } });
    expect(read.json()).toEqual({ marked: 1 });
    const unread = (await env.api('GET', '/api/v1/me/notifications?unread=true', { token: await env.login('xacminh') })).json() as unknown[];
    expect(unread).toHaveLength(notes.length - 1);
    // After the deadline: marked overdue and escalated to the head, once.
    env.setNow('2026-09-20T02:00:00Z');
    const s2 = await sweep();
    expect(s2.markedOverdue).toBeGreaterThanOrEqual(1);
    expect(s2.escalations).toBeGreaterThanOrEqual(1);
    const s3 = await sweep();
    expect(s3).toMatchObject({ markedOverdue: 0, escalations: 0 });
    const headNotes = (await env.api('GET', '/api/v1/me/notifications', { token: await env.login('lanhdao') })).json() as { kind: string; caseId: string }[];
    expect(headNotes.filter((n) => n.kind === 'overdue' && n.caseId === id)).toHaveLength(1);
    const overdue = (await env.api('GET', '/api/v1/cases?overdue=true&agency=00004', { token: await env.login('lanhdao') })).json() as { items: { id: string; dueLight: string }[] };
    expect(overdue.items.find((i) => i.id === id)?.dueLight).toBe('overdue');
  });
});
