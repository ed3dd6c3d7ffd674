/**
 * The legal clock over HTTP, on PGlite and on PostgreSQL (DANVAN_TEST_DB): computeDeadline (public, 400 listing
 * the rule keys), the calendar by year, admin-only edits of a day, and the recompute of stored deadlines: a
 * changed day moves exactly the open deadlines whose counting it touches, each with one audit row, and resetting
 * it moves them back. Expected dates are counted by hand from the law (BLDS Art. 147–148) and the 2027 calendar.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, asc, eq } from 'drizzle-orm';
import { RULE_KEYS } from '@danvan/domain/clock/index';
import { createTestEnv, type TestEnv } from '../../testing/harness.ts';
import { auditLog } from '../../db/schema.ts';
import { verifyAudit } from '../audit/verify-audit.ts';
import { issueToken } from '../auth/current-user.ts';

let env: TestEnv;
let headId = '';

beforeAll(async () => {
  // Saturday 20/03/2027, 10:00 in Hà Nội.
  env = await createTestEnv({ now: '2027-03-20T03:00:00Z' });
  await env.addUser('admin', 'admin', 'VN');
  await env.addUser('admin.hanoi', 'admin', '01');
  await env.addUser('letan', 'receptionist', '00004');
  await env.addUser('xuly', 'handler', '00004');
  headId = await env.addUser('lanhdao', 'head', '00004');
});
afterAll(async () => env?.close());

interface DeadlineJson {
  rule: string;
  version: string;
  from: string;
  due: string;
  unit: string;
  days: number;
  variant: string;
  citation: string;
  verified: boolean;
  skipped: { date: string; reason: string; kind: string }[];
  rolledOver: { from: string; to: string; reason: string } | null;
  explanation: string;
}

interface ErrorJson {
  statusCode: number;
  message: string;
  details?: { field: string; message: string }[];
  validRules?: string[];
}

const deadline = (query: string, headers?: Record<string, string>) => env.api('GET', `/api/v1/clock/deadline?${query}`, { headers });

describe('computeDeadline (GET /api/v1/clock/deadline, public)', () => {
  it('the issue example: 30 days from acceptance on 29/01/2027 end on Sunday 28/02, so the deadline is Monday 01/03/2027', async () => {
    const res = await deadline('rule=complaint.first&from=2027-01-29');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      rule: 'complaint.first',
      version: 'complaint.first@2012-07-01',
      from: '2027-01-29',
      due: '2027-03-01',
      unit: 'calendar',
      days: 30,
      citation: 'Điều 28 Luật Khiếu nại 2011',
      verified: true,
      skipped: [{ date: '2027-02-28', reason: 'Chủ nhật', kind: 'normal' }],
      rolledOver: { from: '2027-02-28', to: '2027-03-01', reason: 'Chủ nhật' },
      explanation:
        'Hạn giải quyết khiếu nại lần đầu: 30 ngày kể từ ngày thụ lý 29/01/2027 (Điều 28 Luật Khiếu nại 2011); ngày cuối 28/02/2027 là Chủ nhật nên hạn là 01/03/2027.',
    });
  });

  it('working days skip Tết 2027 (05–09/02 holidays, 10–11/02 substitute days off) and weekends: 10 working days from 01/02 → 22/02', async () => {
    const d = (await deadline('rule=petition.process&from=2027-02-01')).json() as DeadlineJson;
    expect(d).toMatchObject({ due: '2027-02-22', unit: 'working', days: 10, verified: false });
    expect(d.skipped.map((s) => s.date)).toEqual([
      '2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11',
      '2027-02-13', '2027-02-14', '2027-02-20', '2027-02-21',
    ]);
  });

  it('variants and extensions: remote + complex complaint 60 days; a complex denunciation with one 30-day extension', async () => {
    const a = (await deadline('rule=complaint.first&from=2027-01-29&remote=true&complex=true')).json() as DeadlineJson;
    expect(a).toMatchObject({ due: '2027-03-30', days: 60, variant: 'remoteComplex' });
    // 16/03 + 60 days = Saturday 15/05/2027 → Monday 17/05.
    const b = (await deadline('rule=denunciation.resolve&from=2027-03-16&complex=true&extensions=1')).json() as DeadlineJson;
    expect(b).toMatchObject({ due: '2027-05-17', rolledOver: { from: '2027-05-15', to: '2027-05-17' } });
    // Suspension: 10 days not counted → 16/03 + 40 = Sunday 25/04 → Monday 26/04.
    const c = (await deadline('rule=denunciation.resolve&from=2027-03-16&suspendedDays=10')).json() as DeadlineJson;
    expect(c.due).toBe('2027-04-26');
  });

  it('the rule in force when the clock started: received 25/06/2026 → old 10 days; 02/07/2026 → 7 working days', async () => {
    const old = (await deadline('rule=complaint.accept&from=2026-06-25')).json() as DeadlineJson;
    expect(old).toMatchObject({ version: 'complaint.accept@2012-07-01', unit: 'calendar', due: '2026-07-06' });
    const now = (await deadline('rule=complaint.accept&from=2026-07-02')).json() as DeadlineJson;
    expect(now).toMatchObject({ version: 'complaint.accept@2026-07-01', unit: 'working', due: '2026-07-13' });
  });

  it('an unknown rule → 400 whose message lists every valid key (Vietnamese, English on request)', async () => {
    const res = await deadline('rule=complaint.third&from=2027-01-29');
    expect(res.statusCode).toBe(400);
    const body = res.json() as ErrorJson;
    for (const key of RULE_KEYS) expect(body.message).toContain(key);
    expect(body.message).toContain('Các quy tắc hợp lệ');
    expect(body.details).toEqual([{ field: 'rule', message: 'Không có quy tắc thời hạn «complaint.third»' }]);
    expect(body.validRules).toEqual([...RULE_KEYS]);
    const en = (await deadline('rule=complaint.third&from=2027-01-29', { 'accept-language': 'en' })).json() as ErrorJson;
    expect(en.message).toMatch(/^Cannot compute the deadline\. Valid rules: petition\.process, /);
    expect(en.details).toEqual([{ field: 'rule', message: 'No deadline rule "complaint.third"' }]);
  });

  it('a bad date → 400 listing the valid keys; so do a date outside the calendar and a date before the rule existed', async () => {
    for (const [from, field] of [['2027-02-30', 'from'], ['29/01/2027', 'from'], ['2045-01-01', 'from'], ['2010-01-01', 'from']] as const) {
      const res = await deadline(`rule=complaint.accept&from=${encodeURIComponent(from)}`);
      expect(res.statusCode, from).toBe(400);
      const body = res.json() as ErrorJson;
      expect(body.message).toContain('complaint.first, complaint.second');
      expect(body.details?.[0]?.field).toBe(field);
    }
    const version = (await deadline('rule=complaint.accept&from=2010-01-01')).json() as ErrorJson;
    expect(version.details?.[0]?.message).toBe('Quy tắc «complaint.accept» không có phiên bản hiệu lực ngày 2010-01-01');
  });

  it('extensions the law does not allow → 400 on the field, never a 500', async () => {
    const res = await deadline('rule=denunciation.resolve&from=2027-03-16&extensions=1');
    expect(res.statusCode).toBe(400);
    expect((res.json() as ErrorJson).details).toEqual([
      {
        field: 'extensions',
        message: '«Số lần gia hạn» vượt giới hạn: quy tắc «denunciation.resolve» cho phép tối đa 0 lần gia hạn với vụ việc này (Điều 30 Luật Tố cáo 2018; Điều 3 Nghị định 31/2019/NĐ-CP)',
      },
    ]);
    for (const q of ['', 'rule=complaint.first', 'from=2027-01-01', 'rule=complaint.first&from=2027-01-01&extensions=-1', 'rule=complaint.first&from=2027-01-01&complex=maybe', 'rule=complaint.first&from=2027-01-01&extensions=2', `rule=${'x'.repeat(500)}&from=2027-01-01`]) {
      const r = await deadline(q);
      expect(r.statusCode, q).toBe(400);
    }
  });
});

describe('listCalendarDays (GET /api/v1/calendar/days, public)', () => {
  it('lists the generated non-ordinary days of 2027 with their working flag', async () => {
    const res = await env.api('GET', '/api/v1/calendar/days?year=2027');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as { year: number; days: { date: string; kind: string; name: string; working: boolean; source: string }[] };
    expect(body.year).toBe(2027);
    expect(body.days.map((d) => d.date)).toEqual([
      '2027-01-01', '2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11',
      '2027-04-16', '2027-04-30', '2027-05-01', '2027-05-03', '2027-09-02', '2027-09-03',
    ]);
    expect(body.days.every((d) => d.source === 'default' && !d.working)).toBe(true);
    expect(body.days[1]).toMatchObject({ date: '2027-02-05', kind: 'holiday', name: 'Tết Nguyên đán' });
    expect(body.days[6]).toMatchObject({ date: '2027-02-10', kind: 'day-off', name: 'Nghỉ bù Tết Nguyên đán' });
  });
  it('defaults to the current year in Vietnam; a year outside 2020–2040 → 400', async () => {
    expect((await env.api('GET', '/api/v1/calendar/days')).json()).toMatchObject({ year: 2027 });
    expect((await env.api('GET', '/api/v1/calendar/days?year=1999')).statusCode).toBe(400);
    expect((await env.api('GET', '/api/v1/calendar/days?year=abc')).statusCode).toBe(400);
  });
});

describe('setCalendarDay / resetCalendarDay: national administrators only', () => {
  const body = { kind: 'holiday', name: 'Ngày nghỉ thử' };
  it('401 without sign-in, 403 for a handler and for a provincial admin', async () => {
    expect((await env.api('PUT', '/api/v1/calendar/days/2030-03-12', { body })).statusCode).toBe(401);
    for (const user of ['xuly', 'admin.hanoi']) {
      const res = await env.api('PUT', '/api/v1/calendar/days/2030-03-12', { token: await env.login(user), body });
      expect(res.statusCode, user).toBe(403);
      expect((await env.api('DELETE', '/api/v1/calendar/days/2030-03-12', { token: await env.login(user) })).statusCode).toBe(403);
    }
  });
  it('400 field by field: kind, name, date outside the calendar, body date that differs; 404 resetting a day with no override', async () => {
    const token = await env.login('admin');
    const bad: [string, unknown, string][] = [
      ['2030-03-12', { kind: 'party', name: 'x' }, 'kind'],
      ['2030-03-12', { kind: 'holiday' }, 'name'],
      ['2030-03-12', { kind: 'holiday', name: '   ' }, 'name'],
      ['2019-12-31', body, 'date'],
      ['2030-02-30', body, 'date'],
      ['2030-03-12', { ...body, date: '2030-03-13' }, 'date'],
    ];
    for (const [date, b, field] of bad) {
      const res = await env.api('PUT', `/api/v1/calendar/days/${date}`, { token, body: b });
      expect(res.statusCode, `${date} ${JSON.stringify(b)}`).toBe(400);
      expect((res.json() as ErrorJson).details?.map((d) => d.field)).toContain(field);
    }
    expect((await env.api('DELETE', '/api/v1/calendar/days/2030-03-12', { token })).statusCode).toBe(404);
    expect((await env.api('DELETE', '/api/v1/calendar/days/not-a-date', { token })).statusCode).toBe(400);
  });
  it('the national admin sets a day, sees it as an override in the year list, and resets it', async () => {
    const token = await env.login('admin');
    const res = await env.api('PUT', '/api/v1/calendar/days/2030-02-01', { token, body: { date: '2030-02-01', kind: 'normal' } });
    expect(res.statusCode, res.body).toBe(200);
    // 01/02/2030 is a Tết day by default (Tết 2030 = 03/02): `normal` makes it an ordinary Friday.
    expect(res.json()).toMatchObject({
      day: { date: '2030-02-01', kind: 'normal', name: 'Thứ sáu', working: true, source: 'override', replaces: { kind: 'holiday', name: 'Tết Nguyên đán' } },
      changedCases: [],
    });
    const list = (await env.api('GET', '/api/v1/calendar/days?year=2030')).json() as { days: { date: string; source: string; working: boolean }[] };
    expect(list.days.find((d) => d.date === '2030-02-01')).toMatchObject({ source: 'override', working: true });
    const reset = await env.api('DELETE', '/api/v1/calendar/days/2030-02-01', { token });
    expect(reset.json()).toMatchObject({ day: { kind: 'holiday', source: 'default', working: false } });
  });
});

describe('changing one calendar day moves exactly the open deadlines it touches', () => {
  const ids: Record<'E' | 'A' | 'P' | 'B' | 'D', string> = { E: '', A: '', P: '', B: '', D: '' };
  const CITIZEN = { name: 'Trần Thị Bình', idNumber: '001190012345', address: 'Số 1 phố Kim Mã, Phường Ba Đình, Hà Nội' };

  async function open(visitedOn: string, type: 'complaint' | 'denunciation' | 'feedback'): Promise<string> {
    const res = await env.api('POST', '/api/v1/visits', {
      token: await env.login('letan'),
      body: { agency: '00004', visitedOn, citizen: CITIZEN, content: `Vụ việc thử ngày ${visitedOn}`, type },
    });
    expect(res.statusCode, res.body).toBe(201);
    return (res.json() as { case: { id: string } }).case.id;
  }
  async function act(id: string, body: Record<string, string>, user = 'xuly') {
    // Acceptance is the head's decision: the handler records its number and signer.
    const signed = body.action === 'accept' && user === 'xuly' ? { decisionNo: '3/QĐ-UBND', signer: 'Chủ tịch UBND' } : {};
    const res = await env.api('POST', `/api/v1/cases/${id}/transitions`, { token: await env.login(user), body: { ...body, ...signed } });
    expect(res.statusCode, res.body).toBe(200);
    return (res.json() as { case: { dueOn: string | null; dueRule: string | null } }).case;
  }
  async function dues(): Promise<Record<string, string | null>> {
    const token = await env.login('lanhdao');
    const out: Record<string, string | null> = {};
    for (const [k, id] of Object.entries(ids)) out[k] = ((await env.api('GET', `/api/v1/cases/${id}`, { token })).json() as { case: { dueOn: string | null } }).case.dueOn;
    return out;
  }
  async function edit(method: 'PUT' | 'DELETE', date: string, body?: unknown) {
    const res = await env.api(method, `/api/v1/calendar/days/${date}`, { token: await env.login('admin'), body });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { changedCases: { id: string; code: string; before: string; after: string }[] };
  }

  const ORIGINAL = { E: '2027-03-01', A: '2027-04-01', P: '2027-03-29', B: '2027-04-15', D: null };

  it('opens five cases: four clocks running over different periods, one decided', async () => {
    // E: complaint accepted 29/01 → 30 days → Sunday 28/02 → Monday 01/03 (the issue's example).
    ids.E = await open('2027-01-29', 'complaint');
    expect(await act(ids.E, { action: 'accept', on: '2027-01-29' })).toMatchObject({ dueOn: '2027-03-01', dueRule: 'complaint.first' });
    // A: complaint accepted 02/03 → 30 days → Thursday 01/04.
    ids.A = await open('2027-03-01', 'complaint');
    expect(await act(ids.A, { action: 'accept', on: '2027-03-02' })).toMatchObject({ dueOn: '2027-04-01', dueRule: 'complaint.first' });
    // P: feedback received 15/03, not yet processed → 10 working days (16–19, 22–26, 29/03) → Monday 29/03.
    ids.P = await open('2027-03-15', 'feedback');
    // B: denunciation accepted 16/03 → 30 days → Thursday 15/04.
    ids.B = await open('2027-03-16', 'denunciation');
    expect(await act(ids.B, { action: 'accept', on: '2027-03-16' })).toMatchObject({ dueOn: '2027-04-15', dueRule: 'denunciation.resolve' });
    // D: accepted 02/03 like A, then decided: no running clock.
    ids.D = await open('2027-03-01', 'complaint');
    await act(ids.D, { action: 'accept', on: '2027-03-02' });
    // The decision runs the 3-working-day sending deadline (Art. 32): Wed 10/03 → Mon 15/03; sent the same day.
    expect(await act(ids.D, { action: 'decide', outcome: 'wrong', on: '2027-03-10' }, 'lanhdao')).toMatchObject({ dueOn: '2027-03-15', dueRule: 'complaint.send-decision' });
    expect(await act(ids.D, { action: 'send-decision', on: '2027-03-10' })).toMatchObject({ dueOn: null, dueRule: null });
    expect(await dues()).toEqual(ORIGINAL);
  });

  it('a day off on Monday 01/03 (inside E’s period only) moves E to Tuesday 02/03 and nothing else', async () => {
    const r = await edit('PUT', '2027-03-01', { kind: 'day-off', name: 'Nghỉ bù thử nghiệm' });
    expect(r.changedCases).toEqual([{ id: ids.E, code: expect.any(String), before: '2027-03-01', after: '2027-03-02' }]);
    expect(await dues()).toEqual({ ...ORIGINAL, E: '2027-03-02' });
    // The public computation sees the edit at once (cache dropped).
    expect(((await deadline('rule=complaint.first&from=2027-01-29')).json() as DeadlineJson).due).toBe('2027-03-02');
  });

  it('a holiday on Wednesday 24/03 moves the working-day clock (P → 30/03) but not the calendar-day clocks whose periods span it (A, B)', async () => {
    const r = await edit('PUT', '2027-03-24', { kind: 'holiday', name: 'Ngày lễ thử nghiệm' });
    expect(r.changedCases.map((c) => [c.id, c.before, c.after])).toEqual([[ids.P, '2027-03-29', '2027-03-30']]);
    expect(await dues()).toEqual({ ...ORIGINAL, E: '2027-03-02', P: '2027-03-30' });
  });

  it('a swapped working Saturday 27/03 counts as a working day and pulls P back to 29/03', async () => {
    const r = await edit('PUT', '2027-03-27', { kind: 'workday', name: 'Làm bù thử nghiệm' });
    expect(r.changedCases.map((c) => [c.id, c.before, c.after])).toEqual([[ids.P, '2027-03-30', '2027-03-29']]);
  });

  it('a holiday on A’s last day (Thursday 01/04) rolls A over to Friday 02/04; B’s period spans it and does not move', async () => {
    const r = await edit('PUT', '2027-04-01', { kind: 'holiday', name: 'Ngày lễ thử nghiệm' });
    expect(r.changedCases.map((c) => [c.id, c.before, c.after])).toEqual([[ids.A, '2027-04-01', '2027-04-02']]);
    expect(await dues()).toEqual({ E: '2027-03-02', A: '2027-04-02', P: '2027-03-29', B: '2027-04-15', D: null });
  });

  it('the audit trail has one row per changed case and edit, saying why; the decided case has none', async () => {
    const rows = await env.database.db
      .select({ caseId: auditLog.caseId, summary: auditLog.summary, after: auditLog.after })
      .from(auditLog)
      .where(eq(auditLog.action, 'case.deadline-recompute'))
      .orderBy(asc(auditLog.id));
    expect(rows.map((r) => r.caseId)).toEqual([ids.E, ids.P, ids.P, ids.A]);
    expect(rows[0]?.summary).toBe('Hạn giải quyết khiếu nại lần đầu đổi từ 01/03/2027 thành 02/03/2027 do điều chỉnh lịch ngày 01/03/2027 thành ngày nghỉ «Nghỉ bù thử nghiệm»');
    expect(rows[1]?.summary).toBe('Hạn xử lý đơn đổi từ 29/03/2027 thành 30/03/2027 do điều chỉnh lịch ngày 24/03/2027 thành ngày nghỉ lễ «Ngày lễ thử nghiệm»');
    expect(rows[3]?.after).toMatchObject({ dueOn: '2027-04-02', calendarDay: '2027-04-01' });
    const calendarRows = await env.database.db.select().from(auditLog).where(and(eq(auditLog.entity, 'calendar_day'), eq(auditLog.entityId, '2027-03-24')));
    expect(calendarRows.map((r) => r.summary)).toEqual(['Điều chỉnh lịch ngày 24/03/2027: ngày nghỉ lễ «Ngày lễ thử nghiệm» (trước đó: ngày thường (Thứ tư))']);
    const history = (await env.api('GET', `/api/v1/cases/${ids.D}`, { token: await env.login('lanhdao') })).json() as { history: { action: string }[] };
    expect(history.history.map((h) => h.action)).not.toContain('case.deadline-recompute');
    expect((await verifyAudit(env.database.db)).ok).toBe(true);
  });

  it('resetting the days moves every deadline back, again with an audit row each', async () => {
    expect((await edit('DELETE', '2027-04-01')).changedCases.map((c) => [c.id, c.after])).toEqual([[ids.A, '2027-04-01']]);
    expect((await edit('DELETE', '2027-03-27')).changedCases.map((c) => [c.id, c.after])).toEqual([[ids.P, '2027-03-30']]);
    expect((await edit('DELETE', '2027-03-24')).changedCases.map((c) => [c.id, c.after])).toEqual([[ids.P, '2027-03-29']]);
    expect((await edit('DELETE', '2027-03-01')).changedCases.map((c) => [c.id, c.after])).toEqual([[ids.E, '2027-03-01']]);
    expect(await dues()).toEqual(ORIGINAL);
    const rows = await env.database.db.select().from(auditLog).where(eq(auditLog.action, 'case.deadline-recompute'));
    expect(rows).toHaveLength(8);
    expect(rows.at(-1)?.summary).toBe(
      'Hạn giải quyết khiếu nại lần đầu đổi từ 02/03/2027 thành 01/03/2027 do điều chỉnh lịch ngày 01/03/2027 (trở về mặc định: ngày thường (Thứ hai))',
    );
    expect(((await deadline('rule=complaint.first&from=2027-01-29')).json() as DeadlineJson).due).toBe('2027-03-01');
  });

  it('cases carry a traffic light and the explanation from the injected clock (on time / ≤ 3 working days / overdue)', async () => {
    // An API token: a session would expire while the injected clock moves.
    const token = await issueToken(env.database.db, headId, 'api', env.ctx.now());
    const light = async () => ((await env.api('GET', `/api/v1/cases/${ids.P}`, { token })).json() as { case: { dueLight: string | null; dueExplanation: string | null } }).case;
    // Today Saturday 20/03, due Monday 29/03: 6 working days left.
    expect(await light()).toEqual(
      expect.objectContaining({
        dueLight: 'on-time',
        dueExplanation: 'Hạn xử lý đơn: 10 ngày làm việc kể từ ngày nhận đơn 15/03/2027 (Thông tư 05/2021/TT-TTCP); không tính 4 ngày cuối tuần; hạn là 29/03/2027.',
      }),
    );
    env.setNow('2027-03-24T03:00:00Z'); // Wednesday: 25, 26, 29 left → 3
    expect((await light()).dueLight).toBe('due-soon');
    env.setNow('2027-03-29T16:59:00Z'); // 23:59 on the due day in Hà Nội: still due
    expect((await light()).dueLight).toBe('due-soon');
    env.setNow('2027-03-29T17:00:00Z'); // 00:00 on 30/03 in Hà Nội
    expect((await light()).dueLight).toBe('overdue');
    const list = (await env.api('GET', '/api/v1/cases?limit=10', { token })).json() as { items: { id: string; dueLight: string | null; dueExplanation: string | null }[] };
    expect(list.items.find((c) => c.id === ids.D)).toMatchObject({ dueLight: null, dueExplanation: null });
    expect(list.items.find((c) => c.id === ids.B)).toMatchObject({ dueLight: 'on-time' });
    env.setNow('2027-03-20T03:00:00Z');
  });
});
