/**
 * Case duties beside the running deadline (issue 12, ADR 0024), through the HTTP API on both databases. Every date
 * was worked out by hand and cross-checked with python3 datetime (weekday() < 5, Quốc khánh 2026 = Wed 02/09 + Thu
 * 03/09 off):
 *   Mon 10/08/2026 + 5 wd = Mon 17/08 (Tue 11, Wed 12, Thu 13, Fri 14, Mon 17); with Fri 14/08 made a holiday: Tue 18/08;
 *   Mon 10/08 + 30 days = Wed 09/09; Mon 03/08 + 5 wd = Mon 10/08; Wed 05/08 + 5 wd = Wed 12/08;
 *   Wed 01/07/2026 + 3 wd = Mon 06/07; Fri 28/08/2026 + 3 wd = Fri 04/09 (Mon 31, Tue 1, Fri 4).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../testing/harness.ts';

let env: TestEnv;
const at = (day: string) => `${day}T02:00:00Z`;

beforeAll(async () => {
  env = await createTestEnv({ now: at('2026-08-03') });
  await env.addUser('xuly', 'handler', '00004');
  await env.addUser('lanhdao', 'head', '00004');
  await env.addUser('xacminh', 'investigator', '00004');
  await env.addUser('letan', 'receptionist', '00004');
  await env.addUser('xuly.ngocha', 'handler', '00008');
  await env.addUser('admin', 'admin', 'VN');
});
afterAll(async () => env?.close());

interface Duty {
  id: string;
  code: string;
  rule: string;
  ruleVersion: string | null;
  verified: boolean;
  citation: string;
  fromOn: string;
  dueOn: string | null;
  doneOn: string | null;
  documentNo: string | null;
  onTime: boolean | null;
  dueLight: string | null;
  dueExplanation: string | null;
}
interface Sweep {
  dutiesScanned: number;
  dutiesMarkedOverdue: number;
  dutyReminders: number;
  dutyEscalations: number;
}

let seq = 0;
async function open(kind: 'complaint' | 'denunciation', receivedOn?: string) {
  seq++;
  const res = await env.api('POST', '/api/v1/petitions', {
    token: await env.login('xuly'),
    body: {
      agency: '00004',
      channel: 'post',
      type: kind,
      content: `Nội dung ${kind === 'complaint' ? 'khiếu nại quyết định thu hồi đất' : 'tố cáo cán bộ địa chính'} số ${seq}`,
      petitioner: { name: 'Lê Thị Hoa', idNumber: `0010850${String(80000 + seq)}`, address: 'Số 12 Đội Cấn, Phường Ba Đình', phone: '0912345678' },
      ...(receivedOn ? { receivedOn } : {}),
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  return (res.json() as { case: { id: string } }).case.id;
}

async function act(user: string, id: string, body: Record<string, unknown>, expected = 200) {
  const res = await env.api('POST', `/api/v1/cases/${id}/transitions`, { token: await env.login(user), body });
  expect(res.statusCode, `${user} ${JSON.stringify(body)} → ${res.body}`).toBe(expected);
  return res.json() as { case: { state: string; dueOn: string | null; dueRule: string | null } };
}

async function duties(id: string, user = 'xuly') {
  const res = await env.api('GET', `/api/v1/cases/${id}`, { token: await env.login(user) });
  expect(res.statusCode, res.body).toBe(200);
  const body = res.json() as { case: { dueOn: string | null; dueRule: string | null }; duties: Duty[]; history: { action: string; summary: string }[] };
  return body;
}

const done = async (user: string, id: string, dutyId: string, body: Record<string, unknown> = {}) =>
  env.api('POST', `/api/v1/cases/${id}/duties/${dutyId}/done`, { token: await env.login(user), body });

async function sweep(): Promise<Sweep> {
  const res = await env.api('POST', '/api/v1/admin/sweep-deadlines', { token: await env.login('admin') });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Sweep;
}

describe('the acceptance notice of a denunciation (Luật Tố cáo Art. 29) runs beside the 30-day resolution clock', () => {
  it('accepted Mon 10/08/2026: notify by Mon 17/08, resolve by Wed 09/09; reminded, escalated once overdue, moved by a calendar edit, done once', async () => {
    env.setNow(at('2026-08-03'));
    const id = await open('denunciation');
    env.setNow(at('2026-08-10'));
    const accepted = await act('lanhdao', id, { action: 'accept' });
    expect(accepted.case).toMatchObject({ state: 'accepted', dueRule: 'denunciation.resolve', dueOn: '2026-09-09' });

    let c = await duties(id);
    expect(c.duties).toHaveLength(1);
    const duty = c.duties[0]!;
    expect(duty).toMatchObject({ code: 'notify-acceptance', rule: 'denunciation.notify', fromOn: '2026-08-10', dueOn: '2026-08-17', doneOn: null, dueLight: 'on-time', verified: true });
    expect(duty.citation).toContain('Điều 29 Luật Tố cáo');
    expect(duty.dueExplanation).toContain('17/08/2026');
    expect(c.history.find((h) => h.action === 'case.accept')?.summary).toContain('chậm nhất ngày 17/08/2026');

    // Thu 13/08: two working days left (Fri 14, Mon 17) → amber, the handler is reminded.
    env.setNow(at('2026-08-13'));
    expect((await duties(id)).duties[0]).toMatchObject({ dueLight: 'due-soon' });
    // The case list shows the nearest open duty beside the running deadline.
    const list = await env.api('GET', '/api/v1/cases?agency=00004&limit=500', { token: await env.login('xuly') });
    const item = (list.json() as { items: { id: string; dueLight: string; nextDuty: { dueOn: string; dueLight: string; label: string } | null }[] }).items.find((i) => i.id === id);
    expect(item).toMatchObject({ dueLight: 'on-time', nextDuty: { dueOn: '2026-08-17', dueLight: 'due-soon' } });
    expect(item!.nextDuty!.label).toContain('Thông báo việc thụ lý');
    const s1 = await sweep();
    expect(s1.dutiesScanned).toBeGreaterThanOrEqual(1);
    expect(s1.dutyReminders).toBeGreaterThanOrEqual(1);
    expect((await sweep()).dutyReminders).toBe(0); // deduplicated

    // Fri 14/08 made a holiday: the duty moves to Tue 18/08 (the resolution clock, in calendar days, stays 09/09).
    const put = await env.api('PUT', '/api/v1/calendar/days/2026-08-14', { token: await env.login('admin'), body: { kind: 'holiday', name: 'Ngày nghỉ thử' } });
    expect(put.statusCode, put.body).toBe(200);
    c = await duties(id);
    expect(c.duties[0]).toMatchObject({ dueOn: '2026-08-18' });
    expect(c.case.dueOn).toBe('2026-09-09');
    expect(c.history.some((h) => h.action === 'case.duty-recompute' && h.summary.includes('18/08/2026'))).toBe(true);
    const reset = await env.api('DELETE', '/api/v1/calendar/days/2026-08-14', { token: await env.login('admin') });
    expect(reset.statusCode, reset.body).toBe(200);
    expect((await duties(id)).duties[0]).toMatchObject({ dueOn: '2026-08-17' });

    // Tue 18/08: overdue → red, marked, the head is told once.
    env.setNow(at('2026-08-18'));
    expect((await duties(id)).duties[0]).toMatchObject({ dueLight: 'overdue' });
    const s2 = await sweep();
    expect(s2.dutiesMarkedOverdue).toBe(1);
    expect(s2.dutyEscalations).toBeGreaterThanOrEqual(1);
    expect((await sweep()).dutyEscalations).toBe(0);
    const inbox = await env.api('GET', '/api/v1/me/notifications', { token: await env.login('lanhdao') });
    expect(inbox.body).toContain('Thông báo việc thụ lý tố cáo');

    // Scope and roles: another commune's handler gets 404, an investigator 403.
    expect((await done('xuly.ngocha', id, duty.id)).statusCode).toBe(404);
    expect((await done('xacminh', id, duty.id)).statusCode).toBe(403);
    expect((await done('xuly', id, duty.id, { on: '2026-08-09' })).statusCode).toBe(400); // before the trigger day
    const ok = await done('xuly', id, duty.id, { on: '2026-08-18', documentNo: '05/TB-UBND' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ duty: { doneOn: '2026-08-18', documentNo: '05/TB-UBND', onTime: false, dueLight: null } });
    const again = await done('xuly', id, duty.id);
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toContain('18/08/2026');
    c = await duties(id);
    expect(c.history.find((h) => h.action === 'case.duty-done')?.summary).toContain('quá hạn');
    const s3 = await sweep();
    expect(s3.dutyEscalations + s3.dutyReminders + s3.dutiesMarkedOverdue).toBe(0);
  });
});

describe('sending suspension and resumption decisions', () => {
  it('a denunciation suspended Mon 03/08/2026 sends it by Mon 10/08 (5 wd, Art. 34(4)); resumed Wed 05/08, by Wed 12/08 (default, unverified)', async () => {
    env.setNow(at('2026-08-03'));
    const id = await open('denunciation');
    await act('lanhdao', id, { action: 'accept' });
    await act('lanhdao', id, { action: 'start-verification' });
    const suspended = await act('lanhdao', id, { action: 'suspend', reason: 'Chờ kết quả giám định' });
    expect(suspended.case).toMatchObject({ state: 'suspended', dueOn: null });
    let c = await duties(id);
    expect(c.duties.map((d) => [d.code, d.dueOn])).toEqual([
      ['notify-acceptance', '2026-08-10'],
      ['send-suspension-denunciation', '2026-08-10'],
    ]);
    env.setNow(at('2026-08-05'));
    await act('lanhdao', id, { action: 'resume' });
    c = await duties(id);
    const resumption = c.duties.find((d) => d.code === 'send-resumption-denunciation')!;
    expect(resumption).toMatchObject({ rule: 'denunciation.send-resumption', dueOn: '2026-08-12', verified: false });
    // The main clock restarted with the 2 suspended days: 03/08 + 30 + 2 = Fri 04/09.
    expect(c.case).toMatchObject({ dueRule: 'denunciation.resolve', dueOn: '2026-09-04' });
  });

  it('a complaint suspended on Tue 30/06/2026 has no sending deadline (ND 155/2026 not yet in force); resumed Wed 01/07, 3 wd → Mon 06/07', async () => {
    env.setNow(at('2026-06-22'));
    const id = await open('complaint', '2026-06-22');
    env.setNow(at('2026-06-23'));
    await act('lanhdao', id, { action: 'accept' });
    env.setNow(at('2026-06-30'));
    await act('lanhdao', id, { action: 'suspend', reason: 'Chờ kết quả của cơ quan khác' });
    let c = await duties(id);
    expect(c.duties).toHaveLength(1);
    expect(c.duties[0]).toMatchObject({ code: 'send-suspension-complaint', dueOn: null, ruleVersion: null, dueLight: null });
    expect(c.duties[0]!.dueExplanation).toContain('Không có quy tắc thời hạn');
    env.setNow(at('2026-07-01'));
    await act('lanhdao', id, { action: 'resume' });
    c = await duties(id);
    expect(c.duties[1]).toMatchObject({ code: 'send-resumption-complaint', rule: 'complaint.send-termination', ruleVersion: 'complaint.send-termination@2026-07-01', dueOn: '2026-07-06' });
    expect(c.duties[1]!.citation).toContain('Điều 28b Nghị định 124/2020');
  });
});

describe('the written notice refusing a repeat visit (ND 154/2026 Art. 4, Mẫu 01/TCD)', () => {
  const citizen = { name: 'Lê Thị Hoa', idNumber: '001085099001', address: 'Số 12 Đội Cấn, Phường Ba Đình' };
  const visit = async (caseId: string, visitedOn: string, ground: string) => {
    const res = await env.api('POST', '/api/v1/visits', {
      token: await env.login('letan'),
      body: { agency: '00004', visitedOn, citizen, content: 'Tiếp tục khiếu nại nội dung đã được trả lời', type: 'complaint', caseId, outcome: 'refused', refusal: { ground } },
    });
    expect(res.statusCode, res.body).toBe(201);
  };

  it('refused Fri 28/08/2026 with nothing new: a duty on the repeated case due Fri 04/09, done by the desk; other grounds open none', async () => {
    env.setNow(at('2026-08-03'));
    const id = await open('complaint');
    env.setNow(at('2026-08-28'));
    await visit(id, '2026-08-28', 'threats-or-insults');
    expect((await duties(id)).duties).toEqual([]);
    await visit(id, '2026-08-28', 'repeat-nothing-new');
    const c = await duties(id);
    expect(c.duties).toHaveLength(1);
    expect(c.duties[0]).toMatchObject({ code: 'repeat-notice', rule: 'reception.repeat-notice', fromOn: '2026-08-28', dueOn: '2026-09-04' });
    const ok = await done('letan', id, c.duties[0]!.id, { documentNo: '01/TB-TCD' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ duty: { doneOn: '2026-08-28', onTime: true } });
  });

  it('refused on Tue 30/06/2026 (before ND 154/2026): the duty is kept with no deadline', async () => {
    env.setNow(at('2026-06-15'));
    const id = await open('complaint', '2026-06-15');
    env.setNow(at('2026-06-30'));
    await visit(id, '2026-06-30', 'repeat-nothing-new');
    expect((await duties(id)).duties[0]).toMatchObject({ code: 'repeat-notice', dueOn: null });
  });
});
