/**
 * The period report through the HTTP API on a hand-built dataset (both databases, DANVAN_TEST_DB):
 * Phường Ba Đình (00004) in Q2 2026, with carried-over matters from Q1, a province-level second instance (01), a
 * petition the province chases down to Ba Đình (đôn đốc) and a neighbour commune (00008). Every indicator of the four forms is checked by key against values worked out by hand
 * below; the summary and the comparison are checked word for word; the roll-up of the province equals its own
 * records plus its communes' reports; every drill-down lists exactly the records behind its figure, within the
 * user's scope; the exports parse and the open data carries no personal data; the cut-off setting is admin-only
 * and audited; bad input never gets a 500.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INDICATOR_KEYS } from '@danvan/domain/reports';
import { createTestEnv, type TestEnv } from '../../testing/harness.ts';
import { queryRows } from '../../db/client.ts';
import { verifyAudit } from '../audit/verify-audit.ts';
import { agencyByCode } from '../agencies/queries.ts';
import { computePeriodReport } from './period-report.ts';

let env: TestEnv;
let headId = '';

const NAMES: string[] = [];
const IDS: string[] = [];
let seq = 0;
function citizen() {
  seq += 1;
  const name = `Công Dân Thử Số ${seq}`;
  const idNumber = `0010850${String(10000 + seq).padStart(5, '0')}`;
  NAMES.push(name);
  IDS.push(idNumber);
  return { name, idNumber, address: `Số ${seq} phố Đội Cấn, Phường Ba Đình, Hà Nội` };
}

async function visit(user: string, body: Record<string, unknown>): Promise<{ caseId: string | null }> {
  const res = await env.api('POST', '/api/v1/visits', { token: await env.login(user), body: { agency: '00004', citizen: citizen(), content: `Nội dung lượt tiếp ${seq}`, ...body } });
  expect(res.statusCode, res.body).toBe(201);
  const b = res.json() as { case: { id: string } | null };
  return { caseId: b.case?.id ?? null };
}

async function petition(body: Record<string, unknown>, user = 'xuly'): Promise<string> {
  const res = await env.api('POST', '/api/v1/petitions', { token: await env.login(user), body: { agency: '00004', petitioner: citizen(), content: `Nội dung đơn ${seq}`, ...body } });
  expect(res.statusCode, res.body).toBe(201);
  return (res.json() as { case: { id: string } }).case.id;
}

async function act(caseId: string, action: string, on: string, extra: Record<string, unknown> = {}, user?: string): Promise<{ createdCase: { id: string } | null }> {
  const who = user ?? (['decide', 'conclude', 'terminate', 'suspend'].includes(action) ? 'lanhdao' : 'xuly');
  // Acceptance and closing on withdrawal are the head's decisions: a handler records their number and signer.
  const signed = ['accept', 'withdraw'].includes(action) && !who.includes('lanhdao') ? { decisionNo: '9/QĐ-UBND', signer: 'Chủ tịch UBND' } : {};
  const res = await env.api('POST', `/api/v1/cases/${caseId}/transitions`, { token: await env.login(who), body: { action, on, ...signed, ...extra } });
  expect(res.statusCode, `${action} ${on}: ${res.body}`).toBe(200);
  return res.json() as { createdCase: { id: string } | null };
}

async function classify(caseId: string, field: string) {
  const res = await env.api('PATCH', `/api/v1/cases/${caseId}/classification`, { token: await env.login('xuly'), body: { field } });
  expect(res.statusCode, res.body).toBe(200);
}

async function session(kind: string, heldOn: string): Promise<string> {
  const res = await env.api('POST', '/api/v1/reception-sessions', {
    token: await env.login('letan'),
    body: { agency: '00004', kind, heldOn, startTime: '08:00', endTime: '11:00', ...(kind === 'head' ? { host: { userId: headId, title: 'Chủ tịch UBND phường' } } : {}) },
  });
  expect(res.statusCode, res.body).toBe(201);
  return (res.json() as { session: { id: string } }).session.id;
}

interface Report {
  agency: { code: string; name: string };
  from: string;
  to: string;
  period: string | null;
  periodLabel: string;
  visits: number;
  people: number;
  cases: number;
  delegations: number;
  firstTimeVisits: number;
  repeatVisits: number;
  withinJurisdiction: number;
  resolved: number;
  resolutionRate: number;
  indicators: Record<string, number>;
  forms: { code: string; groups: { rows: { key: string; value: number }[] }[] }[];
  rollup: { own: { indicators: Record<string, number> }; children: { agency: { code: string }; visits: number; indicators: Record<string, number> }[] };
  previous: { from: string; to: string; visits: number; cases: number; withinJurisdiction: number; resolved: number };
  summary: string;
  comparison: string;
  narrative: string;
}

async function report(user: string, agency: string, query = 'period=2026-Q2', extra = '') {
  return env.api('GET', `/api/v1/reports/period?agency=${agency}&${query}${extra}`, { token: await env.login(user) });
}

beforeAll(async () => {
  env = await createTestEnv({ now: '2026-07-15T03:00:00Z' });
  await env.addUser('letan', 'receptionist', '00004');
  await env.addUser('xuly', 'handler', '00004');
  headId = await env.addUser('lanhdao', 'head', '00004');
  await env.addUser('tinh.letan', 'receptionist', '01');
  await env.addUser('tinh.xuly', 'handler', '01');
  await env.addUser('tinh.lanhdao', 'head', '01');
  await env.addUser('giamsat', 'monitor', '01');
  await env.addUser('ngocha.letan', 'receptionist', '00008');
  await env.addUser('admin', 'admin', 'VN');

  // ── Q1 (previous period, and what is carried over into Q2) ──
  const k0 = (await visit('letan', { visitedOn: '2026-02-10', type: 'complaint' })).caseId!; // V0
  await act(k0, 'accept', '2026-02-12');
  const d3 = await petition({ channel: 'post', type: 'denunciation', receivedOn: '2026-03-02' });
  await act(d3, 'accept', '2026-03-05');
  const p0 = await petition({ channel: 'post', type: 'complaint', receivedOn: '2026-03-25' });
  await classify(p0, 'dat-dai');

  // ── Q2 visits at 00004 ──
  const head = await session('head', '2026-05-06');
  const unscheduled = await session('unscheduled', '2026-06-18');
  const k1 = (await visit('letan', { sessionId: head, type: 'complaint' })).caseId!; // V1
  const f1 = (await visit('letan', { sessionId: head, type: 'feedback', peopleCount: 6 })).caseId!; // V2
  await visit('letan', { visitedOn: '2026-05-20', type: 'complaint', caseId: k1 }); // V3 repeat
  await visit('letan', { visitedOn: '2026-04-20', type: 'complaint', caseId: k0 }); // V3b repeat of a Q1 matter
  const d1 = (await visit('letan', { visitedOn: '2026-04-10', type: 'denunciation' })).caseId!; // V4
  await visit('letan', { visitedOn: '2026-04-15', type: 'complaint', peopleCount: 2, outcome: 'guided', guidance: { documentNo: '12/HD-UBND' } }); // V5
  await visit('letan', { visitedOn: '2026-06-02', type: 'feedback', peopleCount: 3, outcome: 'forwarded', transfer: { agency: 'Sở Xây dựng', documentNo: '15/CV-UBND' } }); // V6
  await visit('letan', { visitedOn: '2026-06-03', type: 'complaint', outcome: 'refused', refusal: { ground: 'threats-or-insults' } }); // V7
  const k2 = (await visit('letan', { visitedOn: '2026-06-10', type: 'complaint', peopleCount: 12 })).caseId!; // V8
  await visit('letan', { visitedOn: '2026-06-15', type: 'feedback', outcome: 'guided', guidance: { documentNo: '20/HD-UBND' } }); // V11
  await visit('letan', { sessionId: unscheduled, type: 'complaint', peopleCount: 5, outcome: 'guided', guidance: { documentNo: '21/HD-UBND' } }); // V12
  await visit('letan', { visitedOn: '2026-06-25', type: 'feedback', peopleCount: 4, outcome: 'guided', guidance: { documentNo: '22/HD-UBND' } }); // V13

  // ── Q2 petitions and processing at 00004 ──
  const d2 = await petition({ channel: 'online', type: 'denunciation', receivedOn: '2026-04-05' });
  const p6 = await petition({ channel: 'post', type: 'feedback', receivedOn: '2026-04-03' });
  const c4 = await petition({ channel: 'post', type: 'complaint', receivedOn: '2026-04-07' });
  const c5 = await petition({ channel: 'post', type: 'complaint', receivedOn: '2026-04-08' });
  const p1 = await petition({ channel: 'hotline', type: 'feedback', receivedOn: '2026-04-12' });
  const p2 = await petition({ channel: 'post', type: 'complaint', receivedOn: '2026-05-15' });
  const p3 = await petition({ channel: 'press', type: 'feedback', receivedOn: '2026-06-01' });
  await petition({ channel: 'deputy', type: 'complaint', receivedOn: '2026-06-20' }); // P4, never processed
  const p5 = await petition({ channel: 'email', type: 'complaint', receivedOn: '2026-06-22' });
  for (const [id, field] of [
    [k1, 'dat-dai'],
    [c4, 'dat-dai'],
    [f1, 'nha-o'],
    [k2, 'nha-o'],
    [d1, 'tham-nhung'],
    [p2, 'chinh-sach-xa-hoi'],
    [c5, 'chinh-sach-xa-hoi'],
    [p1, 'hanh-chinh'],
  ] as const) {
    await classify(id, field);
  }
  await act(p0, 'accept', '2026-04-02');
  await act(p6, 'return-documents', '2026-04-06', { reason: 'Đơn kèm bản gốc giấy tờ, trả lại' });
  await act(d2, 'accept', '2026-04-08');
  await act(c4, 'accept', '2026-04-09');
  await act(c5, 'accept', '2026-04-10');
  await act(d1, 'accept', '2026-04-14');
  await act(p1, 'forward', '2026-04-14', { targetAgency: '00008' });
  await act(f1, 'accept', '2026-05-07');
  await act(k1, 'accept', '2026-05-08');
  await act(p2, 'guide', '2026-05-18');
  await act(p3, 'archive', '2026-06-05', { reason: 'duplicate' });
  await act(k2, 'accept', '2026-06-12');
  await act(p5, 'withdraw', '2026-06-25');

  // ── Q2 resolutions ──
  await act(d2, 'withdraw', '2026-04-20', { violationIndicated: false });
  await act(k0, 'decide', '2026-04-25', { outcome: 'wrong' }); // due 16/03/2026: late
  await act(k0, 'send-decision', '2026-04-27'); // within 3 working days (Luật Khiếu nại Art. 32)
  await act(p0, 'decide', '2026-04-28', { outcome: 'right' });
  await act(p0, 'send-decision', '2026-04-29');
  await act(c4, 'withdraw', '2026-04-30');
  await act(c5, 'terminate', '2026-05-05', { reason: 'Người khiếu nại chết, không có người thừa kế quyền' });
  await act(d1, 'conclude', '2026-05-10', { outcome: 'untrue' });
  await act(k1, 'decide', '2026-05-30', { outcome: 'partly-right' });

  // ── The province: a second instance of K1 (own records of 01), and a visit at the province ──
  const appeal = await act(k1, 'appeal', '2026-06-01', {}, 'tinh.xuly');
  const k1b = appeal.createdCase!.id;
  await act(k1b, 'accept', '2026-06-02', {}, 'tinh.xuly');
  await act(k1b, 'start-verification', '2026-06-03', {}, 'tinh.xuly');
  await act(k1b, 'hold-dialogue', '2026-06-10', {}, 'tinh.lanhdao');
  await act(k1b, 'decide', '2026-06-20', { outcome: 'uphold' }, 'tinh.lanhdao');
  await act(k1b, 'send-decision', '2026-06-22', {}, 'tinh.xuly'); // within 7 days (Art. 41(1))
  await visit('tinh.letan', { agency: '01', visitedOn: '2026-05-12', type: 'complaint', outcome: 'guided', guidance: { documentNo: '5/HD-UBND' } });
  // P7: a feedback the province receives about a matter Ba Đình is late on: the province chases Ba Đình (đôn đốc).
  const p7 = await petition({ agency: '01', channel: 'post', type: 'feedback', receivedOn: '2026-05-04' }, 'tinh.xuly');
  await act(p7, 'chase', '2026-05-11', { targetAgency: '00004' }, 'tinh.xuly');

  // ── The neighbour commune 00008 (its inbox also holds P1, forwarded on 14/04) ──
  await visit('ngocha.letan', { agency: '00008', visitedOn: '2026-06-05', type: 'feedback', peopleCount: 2 });
}, 300_000);
afterAll(async () => env?.close());

/** Ba Đình, Q2 2026, worked out by hand from the dataset above. */
const EXPECTED_00004: Record<string, number> = {
  // 01/TCD: V1 V2 (head session), V12 (unscheduled), V3 V3b V4 V5 V6 V7 V8 V11 V13 (no session)
  'tcd.visits': 12,
  'tcd.people': 38,
  'tcd.cases': 11,
  'tcd.delegations': 3,
  'tcd.delegationPeople': 23,
  'tcd.regular.visits': 9,
  'tcd.regular.people': 26,
  'tcd.regular.cases': 9,
  'tcd.regular.delegations': 1,
  'tcd.head.visits': 3,
  'tcd.head.people': 12,
  'tcd.head.cases': 3,
  'tcd.head.delegations': 2,
  'tcd.firstTime': 10,
  'tcd.repeat': 2,
  'tcd.kind.complaint': 7,
  'tcd.kind.denunciation': 1,
  'tcd.kind.feedback': 4,
  'tcd.outcome.received': 6,
  'tcd.outcome.guided': 4,
  'tcd.outcome.forwarded': 1,
  'tcd.outcome.refused': 1,
  // 02/XLD: carried over P0; received D2 P6 C4 C5 D1 P1 F1 K1 P2 P3 K2 P4 P5
  'xld.total': 14,
  'xld.carriedOver': 1,
  'xld.received': 13,
  'xld.processed': 13,
  'xld.pending': 1,
  'xld.eligible': 10,
  'xld.kind.complaint': 6,
  'xld.kind.denunciation': 2,
  'xld.kind.feedback': 2,
  'xld.field.dat-dai': 3,
  'xld.field.nha-o': 2,
  'xld.field.chinh-sach-xa-hoi': 2,
  'xld.field.tu-phap': 0,
  'xld.field.tham-nhung': 1,
  'xld.field.hanh-chinh': 1,
  'xld.field.khac': 0,
  'xld.field.unclassified': 1,
  'xld.accepted': 8,
  'xld.accepted.complaint': 5,
  'xld.accepted.denunciation': 2,
  'xld.accepted.feedback': 1,
  'xld.forwarded': 1,
  'xld.guided': 1,
  // A commune has no lower level to chase; the province's chase of Ba Đình (P7) is the province's own record.
  'xld.chased': 0,
  'xld.archived': 1,
  'xld.returned': 1,
  'xld.withdrawn': 1,
  'xld.petitions': 9,
  'xld.channel.in-person': 0,
  'xld.channel.post': 4,
  'xld.channel.online': 1,
  'xld.channel.hotline': 1,
  'xld.channel.email': 1,
  'xld.channel.forwarded': 0,
  'xld.channel.press': 1,
  'xld.channel.deputy': 1,
  // 03/GQKN: K0 (carried over, late), P0, C4 (withdrawn), C5 (terminated), K1, K2 (pending)
  'gqkn.within': 6,
  'gqkn.carriedOver': 1,
  'gqkn.accepted': 5,
  'gqkn.secondInstance': 0,
  'gqkn.resolved': 5,
  'gqkn.byDecision': 3,
  'gqkn.withdrawn': 1,
  'gqkn.terminated': 1,
  'gqkn.right': 1,
  'gqkn.partlyRight': 1,
  'gqkn.wrong': 1,
  'gqkn.upheld': 0,
  'gqkn.annulled': 0,
  'gqkn.amended': 0,
  'gqkn.onTime': 4,
  'gqkn.late': 1,
  'gqkn.pending': 1,
  // 04/GQTC: D3 (carried over, pending), D1 (untrue), D2 (withdrawn)
  'gqtc.within': 3,
  'gqtc.carriedOver': 1,
  'gqtc.accepted': 2,
  'gqtc.resolved': 2,
  'gqtc.byDecision': 1,
  'gqtc.withdrawn': 1,
  'gqtc.terminated': 0,
  'gqtc.right': 0,
  'gqtc.partlyRight': 0,
  'gqtc.untrue': 1,
  'gqtc.onTime': 2,
  'gqtc.late': 0,
  'gqtc.pending': 1,
};

describe('the period report of a commune, field by field', () => {
  it('has every indicator of the four forms with the value worked out by hand', async () => {
    const res = await report('lanhdao', '00004');
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json() as Report;
    expect(Object.keys(EXPECTED_00004).sort()).toEqual([...INDICATOR_KEYS].sort());
    for (const key of INDICATOR_KEYS) expect(r.indicators[key], key).toBe(EXPECTED_00004[key]);
    expect(r).toMatchObject({
      agency: { code: '00004', name: 'Ủy ban nhân dân Phường Ba Đình' },
      from: '2026-04-01',
      to: '2026-06-30',
      period: '2026-Q2',
      periodLabel: 'Quý II năm 2026',
      visits: 12,
      people: 38,
      cases: 11,
      delegations: 3,
      firstTimeVisits: 10,
      repeatVisits: 2,
      withinJurisdiction: 9,
      resolved: 7,
      previous: { from: '2026-01-01', to: '2026-03-31', visits: 1, cases: 1, withinJurisdiction: 2, resolved: 0 },
    });
    expect(r.resolutionRate).toBeCloseTo(7 / 9, 10);
    // The form sections carry the same numbers.
    for (const f of r.forms) for (const g of f.groups) for (const row of g.rows) expect(row.value, row.key).toBe(EXPECTED_00004[row.key]);
    expect(r.forms.map((f) => f.code)).toEqual(['01/TCD', '02/XLD', '03/GQKN', '04/GQTC']);
  });

  it('writes the summary and the comparison word for word', async () => {
    const r = (await report('lanhdao', '00004')).json() as Report;
    expect(r.summary).toBe(
      'Từ ngày 01/04/2026 đến ngày 30/06/2026, Ủy ban nhân dân Phường Ba Đình đã tiếp 12 lượt công dân với 11 vụ việc, đã giải quyết 7 vụ việc trong tổng số 9 vụ khiếu nại, tố cáo thuộc thẩm quyền, đạt 77,8%.',
    );
    expect(r.comparison).toBe(
      'So với kỳ trước (từ ngày 01/01/2026 đến ngày 31/03/2026), số lượt tiếp công dân tăng 1.100%, số vụ việc được tiếp tăng 1.000%, số vụ khiếu nại, tố cáo thuộc thẩm quyền tăng 350%, số vụ việc đã giải quyết tăng từ 0 lên 7, tỷ lệ giải quyết tăng 77,8 điểm phần trăm.',
    );
    expect(r.narrative).toBe(`${r.summary} ${r.comparison}`);
  });

  it('the same range asked as from/to is the same report, without a period name', async () => {
    const a = (await report('lanhdao', '00004')).json() as Report;
    const b = (await report('lanhdao', '00004', 'from=2026-04-01&to=2026-06-30')).json() as Report;
    expect(b.indicators).toEqual(a.indicators);
    expect(b.period).toBeNull();
    expect(b.periodLabel).toBe('Từ ngày 01/04/2026 đến ngày 30/06/2026');
  });
});

describe('computePeriodReport, as the bench and the national generator call it', () => {
  it('gives the same figures on the pool (passes side by side) and inside a caller\'s transaction (one by one)', async () => {
    const agency = (await agencyByCode(env.database.db, '01'))!;
    const direct = await computePeriodReport(env.database.db, agency, '2026-04-01', '2026-06-30');
    const inTx = await env.database.db.transaction((tx) => computePeriodReport(tx, agency, '2026-04-01', '2026-06-30'));
    expect(inTx.indicators).toEqual(direct.indicators);
    expect(inTx.rollup).toEqual(direct.rollup);
    expect(inTx.previous).toEqual(direct.previous);
    expect(direct).toMatchObject({ visits: 14, withinJurisdiction: 10, resolved: 8, period: null });
  });
});

describe('roll-up through the tree', () => {
  it("the province's figures are its own records plus its communes' reports, for every indicator", async () => {
    const res = await report('giamsat', '01', 'period=2026-Q2', '&rollup=full');
    expect(res.statusCode, res.body).toBe(200);
    const province = res.json() as Report;
    const ba = (await report('giamsat', '00004')).json() as Report;
    const nh = (await report('giamsat', '00008')).json() as Report;
    const own = province.rollup.own.indicators;
    for (const key of INDICATOR_KEYS) expect(province.indicators[key], key).toBe(own[key]! + ba.indicators[key]! + nh.indicators[key]!);
    // The roll-up rows of the two communes are their own reports; every other commune is zero.
    const rows = new Map(province.rollup.children.map((c) => [c.agency.code, c.indicators]));
    expect(rows.get('00004')).toEqual(ba.indicators);
    expect(rows.get('00008')).toEqual(nh.indicators);
    for (const c of province.rollup.children) {
      if (c.agency.code === '00004' || c.agency.code === '00008') continue;
      expect(Object.values(c.indicators).every((v) => v === 0), c.agency.code).toBe(true);
    }
    // The province's own records: one guided visit, the second instance of K1 and P7, chased down to Ba Đình.
    expect(own).toMatchObject({
      'tcd.visits': 1,
      'tcd.outcome.guided': 1,
      'gqkn.within': 1,
      'gqkn.secondInstance': 1,
      'gqkn.resolved': 1,
      'gqkn.upheld': 1,
      'xld.received': 2,
      'xld.processed': 2,
      'xld.eligible': 2,
      'xld.kind.complaint': 1,
      'xld.kind.feedback': 1,
      'xld.accepted': 1,
      'xld.chased': 1,
      'xld.guided': 0,
      'xld.pending': 0,
      'xld.petitions': 2,
      'xld.channel.forwarded': 1,
      'xld.channel.post': 1,
    });
    expect(province.indicators['xld.chased']).toBe(1);
    // The same figures from the records (a range the half-month counters do not cover) as from the counters.
    const unaligned = (await report('giamsat', '01', 'from=2026-04-01&to=2026-06-29')).json() as Report;
    expect(unaligned.indicators['xld.chased']).toBe(1);
    expect(unaligned.indicators['xld.eligible']).toBe(province.indicators['xld.eligible']);
    // 00008: its visit, and P1 forwarded by Ba Đình waiting in its inbox with the petition the forward created.
    expect(nh.indicators).toMatchObject({ 'tcd.visits': 1, 'tcd.people': 2, 'xld.received': 2, 'xld.pending': 2, 'xld.petitions': 1, 'xld.channel.forwarded': 1 });
    expect(province).toMatchObject({ visits: 14, people: 41, cases: 13, withinJurisdiction: 10, resolved: 8 });
    expect(province.summary).toBe(
      'Từ ngày 01/04/2026 đến ngày 30/06/2026, Ủy ban nhân dân Thành phố Hà Nội đã tiếp 14 lượt công dân với 13 vụ việc, đã giải quyết 8 vụ việc trong tổng số 10 vụ khiếu nại, tố cáo thuộc thẩm quyền, đạt 80%.',
    );
  });

  it('the national report contains the province', async () => {
    const res = await report('admin', 'VN');
    expect(res.statusCode, res.body).toBe(200);
    const vn = res.json() as Report;
    const hn = vn.rollup.children.find((c) => c.agency.code === '01')!;
    expect(hn.visits).toBe(14);
    expect(vn).toMatchObject({ visits: 14, withinJurisdiction: 10, resolved: 8 });
  });
});

interface Drill {
  figure: number;
  total: number;
  items: { type: string; caseCode: string | null; peopleCount: number | null; agency: { code: string } }[];
}

describe('drill-down', () => {
  it('every figure of the commune lists exactly the records behind it', async () => {
    const token = await env.login('lanhdao');
    for (const key of INDICATOR_KEYS) {
      const res = await env.api('GET', `/api/v1/reports/drill?agency=00004&period=2026-Q2&indicator=${key}&limit=1000`, { token });
      expect(res.statusCode, `${key}: ${res.body}`).toBe(200);
      const d = res.json() as Drill;
      expect(d.figure, key).toBe(EXPECTED_00004[key]);
      expect(d.items.length, key).toBe(d.total);
      if (key.endsWith('people') || key.endsWith('delegationPeople')) expect(d.items.reduce((s, i) => s + (i.peopleCount ?? 0), 0), key).toBe(d.figure);
      else expect(d.total, key).toBe(d.figure);
    }
    const within = (await env.api('GET', '/api/v1/reports/drill?agency=00004&period=2026-Q2&indicator=withinJurisdiction', { token })).json() as Drill;
    expect(within.total).toBe(9);
    expect(within.items.every((i) => i.type === 'case' && /^00004-2026-\d{5}$/.test(i.caseCode ?? ''))).toBe(true);
    const late = (await env.api('GET', '/api/v1/reports/drill?agency=00004&period=2026-Q2&indicator=gqkn.late', { token })).json() as Drill & { items: { dueAtDecision: string; decidedOn: string }[] };
    expect(late.items).toMatchObject([{ decidedOn: '2026-04-25', dueAtDecision: '2026-03-16' }]);
  });

  it('the province\'s chased petition is the one record behind its xld.chased', async () => {
    const d = (await env.api('GET', '/api/v1/reports/drill?agency=01&period=2026-Q2&indicator=xld.chased', { token: await env.login('giamsat') })).json() as Drill;
    expect(d.figure).toBe(1);
    expect(d.items).toHaveLength(1);
    expect(d.items[0]).toMatchObject({ type: 'case', agency: { code: '01' } });
    expect(d.items[0]!.caseCode).toMatch(/^01-2026-\d{5}$/);
  });

  it('pages through the rows', async () => {
    const token = await env.login('lanhdao');
    const a = (await env.api('GET', '/api/v1/reports/drill?agency=00004&period=2026-Q2&indicator=tcd.visits&limit=5', { token })).json() as Drill;
    const b = (await env.api('GET', '/api/v1/reports/drill?agency=00004&period=2026-Q2&indicator=tcd.visits&limit=5&offset=10', { token })).json() as Drill;
    expect([a.items.length, b.items.length, a.total]).toEqual([5, 2, 12]);
  });

  it('respects scope: the province monitor sees the communes; a commune user cannot drill the province or another commune', async () => {
    const monitor = await env.login('giamsat');
    const p = (await env.api('GET', '/api/v1/reports/drill?agency=01&period=2026-Q2&indicator=tcd.visits&limit=1000', { token: monitor })).json() as Drill;
    expect(p.total).toBe(14);
    expect(new Set(p.items.map((i) => i.agency.code))).toEqual(new Set(['01', '00004', '00008']));
    const nh = await env.login('ngocha.letan');
    expect((await env.api('GET', '/api/v1/reports/drill?agency=00004&period=2026-Q2&indicator=tcd.visits', { token: nh })).statusCode).toBe(404);
    expect((await env.api('GET', '/api/v1/reports/drill?agency=01&period=2026-Q2&indicator=tcd.visits', { token: nh })).statusCode).toBe(404);
    expect((await report('ngocha.letan', '00004')).statusCode).toBe(404);
    const own = (await env.api('GET', '/api/v1/reports/drill?agency=00008&period=2026-Q2&indicator=tcd.visits', { token: nh })).json() as Drill;
    expect(own.total).toBe(1);
  });

  it('an unknown indicator is a 400 in Vietnamese', async () => {
    const res = await env.api('GET', '/api/v1/reports/drill?agency=00004&period=2026-Q2&indicator=tcd.nothing', { token: await env.login('lanhdao') });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ details: [{ field: 'indicator', message: 'Không có chỉ tiêu «tcd.nothing»; xem danh sách tại /api/v1/reports/indicators' }] });
  });
});

describe('dashboard', () => {
  it('volume by month, by type and field, on-time rate, overdue worst first, compliance, ranking', async () => {
    const res = await env.api('GET', '/api/v1/reports/dashboard?agency=01&period=2026-Q2', { token: await env.login('giamsat') });
    expect(res.statusCode, res.body).toBe(200);
    const d = res.json() as {
      byMonth: { month: string; visits: number; received: number; resolved: number }[];
      byKind: { kind: string; received: number }[];
      onTime: { resolved: number; onTime: number; late: number; rate: number };
      overdue: { total: number; byAgency: { agency: { code: string }; overdue: number }[] };
      compliance: { compliant: boolean; total: number; flagged: number };
      ranking: { items: { rank: number; agency: { code: string }; withinJurisdiction: number; resolved: number }[] };
    };
    expect(d.byMonth).toEqual([
      { month: '2026-04', visits: 3, received: 7, resolved: 4 },
      { month: '2026-05', visits: 4, received: 4, resolved: 3 },
      { month: '2026-06', visits: 7, received: 6, resolved: 1 },
    ]);
    expect(d.byKind).toEqual([
      { kind: 'complaint', label: 'Khiếu nại', received: 8 },
      { kind: 'denunciation', label: 'Tố cáo', received: 2 },
      { kind: 'feedback', label: 'Kiến nghị, phản ánh', received: 7 },
    ]);
    expect(d.onTime).toEqual({ resolved: 8, onTime: 7, late: 1, rate: 7 / 8 });
    // Clocks running past their day on 15/07/2026: D3, K2, P4 and D1's conclusion not yet sent at Ba Đình;
    // P1 (forwarded) and the visit's case at Ngọc Hà.
    expect(d.overdue.byAgency.map((u) => [u.agency.code, u.overdue])).toEqual([
      ['00004', 4],
      ['00008', 2],
    ]);
    expect(d.compliance.total).toBeGreaterThan(100);
    expect(d.compliance.compliant).toBe(false);
    expect(d.ranking.items[0]).toMatchObject({ rank: 1, agency: { code: '00004' }, withinJurisdiction: 9, resolved: 7 });
  });
});

describe('exports', () => {
  it('xlsx: one sheet per form in the official layout, read back with the same numbers', async () => {
    const res = await env.api('GET', '/api/v1/reports/export?agency=00004&period=2026-Q2&format=xlsx', { token: await env.login('lanhdao') });
    expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
    expect(res.headers['content-disposition']).toBe('attachment; filename="bao-cao-00004-2026-04-01-2026-06-30.xlsx"');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['01-TCD', '02-XLD', '03-GQKN', '04-GQTC', 'Tóm tắt']);
    const tcd = wb.getWorksheet('01-TCD')!;
    expect(tcd.getCell(4, 1).value).toBe('TỔNG HỢP KẾT QUẢ TIẾP CÔNG DÂN');
    expect(String(tcd.getCell(5, 1).value)).toBe('Kỳ báo cáo: Quý II năm 2026 (số liệu tính từ ngày 01/04/2026 đến ngày 30/06/2026)');
    expect(tcd.getCell(7, 3).value).toBe('Tổng số');
    expect(tcd.getCell(8, 3).value).toBe('Lượt tiếp');
    expect(tcd.getCell(9, 3).value).toBe('(1)');
    // Rows: no direct units under a commune, then its own records, then the total.
    expect(tcd.getCell(10, 2).value).toBe('Ủy ban nhân dân Phường Ba Đình (trực tiếp)');
    expect(tcd.getCell(11, 2).value).toBe('Tổng cộng');
    expect([3, 4, 5].map((c) => tcd.getCell(11, c).value)).toEqual([12, 38, 11]);
    const gqkn = wb.getWorksheet('03-GQKN')!;
    const headers = Array.from({ length: gqkn.columnCount }, (_, i) => String(gqkn.getCell(8, i + 1).value));
    const resolvedCol = headers.indexOf('Đã giải quyết') + 1;
    expect(resolvedCol).toBeGreaterThan(2);
    expect(gqkn.getCell(11, resolvedCol).value).toBe(5);
    expect(String(wb.getWorksheet('Tóm tắt')!.getCell(3, 1).value)).toContain('đạt 77,8%');
  });

  it('json and csv open data: aggregates only, no names or ID numbers', async () => {
    const token = await env.login('giamsat');
    const json = await env.api('GET', '/api/v1/reports/export?agency=01&period=2026-Q2&format=json', { token });
    expect(json.statusCode).toBe(200);
    const data = json.json() as { units: { code: string; scope: string; values: Record<string, number> }[]; indicators: { key: string }[] };
    expect(data.indicators).toHaveLength(INDICATOR_KEYS.length);
    expect(data.units.find((u) => u.scope === 'total')!.values['tcd.visits']).toBe(14);
    const csv = await env.api('GET', '/api/v1/reports/export?agency=01&period=2026-Q2&format=csv', { token });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    const lines = csv.body.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('ma_don_vi,ten_don_vi,cap,pham_vi,tu_ngay,den_ngay,bieu,ma_chi_tieu,ten_chi_tieu,gia_tri');
    expect(lines).toContain('01,Ủy ban nhân dân Thành phố Hà Nội,province,toan-bo,2026-04-01,2026-06-30,01/TCD,tcd.visits,Lượt tiếp,14');
    for (const body of [json.body, csv.body]) {
      for (const n of NAMES) expect(body).not.toContain(n);
      for (const id of IDS) expect(body).not.toContain(id);
      expect(body).not.toMatch(/\b\d{12}\b/);
      expect(body).not.toContain('Đội Cấn');
    }
  });

  it('pdf: a real PDF with the Vietnamese font embedded', async () => {
    const res = await env.api('GET', '/api/v1/reports/export?agency=00004&period=2026-Q2&format=pdf', { token: await env.login('lanhdao') });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const buf = res.rawPayload;
    expect(buf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(buf.toString('latin1')).toContain('DejaVuSans');
    if (process.env.DANVAN_REPORT_PDF_OUT) {
      mkdirSync(path.dirname(process.env.DANVAN_REPORT_PDF_OUT), { recursive: true });
      writeFileSync(process.env.DANVAN_REPORT_PDF_OUT, buf);
    }
  });
});

describe('the cut-off convention', () => {
  it('defaults to calendar months; only a national admin changes it, audited; periods follow it', async () => {
    const read = await env.api('GET', '/api/v1/reports/settings', { token: await env.login('lanhdao') });
    expect(read.json()).toMatchObject({ cutoff: { startDay: 1, source: 'default', verified: false } });
    const denied = await env.api('PUT', '/api/v1/reports/settings', { token: await env.login('tinh.lanhdao'), body: { cutoff: { startDay: 15 } } });
    expect(denied.statusCode).toBe(403);
    const bad = await env.api('PUT', '/api/v1/reports/settings', { token: await env.login('admin'), body: { cutoff: { startDay: 31 } } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ details: [{ field: 'startDay' }] });
    const set = await env.api('PUT', '/api/v1/reports/settings', { token: await env.login('admin'), body: { cutoff: { startDay: 15 } } });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toMatchObject({ cutoff: { startDay: 15, source: 'admin', description: 'Từ ngày 15 của tháng trước kỳ đến ngày 14 của tháng cuối kỳ; ví dụ 6 tháng đầu năm 2026: 15/12/2025 – 14/06/2026' } });
    const q2 = (await report('lanhdao', '00004')).json() as Report;
    expect([q2.from, q2.to]).toEqual(['2026-03-15', '2026-06-14']);
    expect(q2.previous).toMatchObject({ from: '2025-12-15', to: '2026-03-14' });
    const audit = await queryRows<{ action: string; summary: string }>(env.database.db, sql`select action, summary from audit_log where entity = 'report_setting'`);
    expect(audit).toHaveLength(1);
    expect(audit[0]!.summary).toContain('Đổi mốc chốt số liệu báo cáo');
    const back = await env.api('PUT', '/api/v1/reports/settings', { token: await env.login('admin'), body: { cutoff: { startDay: 1 } } });
    expect(back.statusCode).toBe(200);
    expect((await verifyAudit(env.database.db)).ok).toBe(true);
  });
});

describe('bad input', () => {
  it('is a 4xx with a Vietnamese message, never a 500', async () => {
    const token = await env.login('lanhdao');
    const urls = [
      '/api/v1/reports/period?agency=00004',
      '/api/v1/reports/period?agency=00004&from=2026-04-01',
      '/api/v1/reports/period?agency=00004&period=2026-H3',
      '/api/v1/reports/period?agency=ZZZ&period=2026',
      '/api/v1/reports/drill?agency=00004&period=2026&indicator=',
      '/api/v1/reports/drill?agency=00004&period=2026&indicator=x&limit=0',
      '/api/v1/reports/dashboard?agency=00004&from=2026-06-30&to=2026-01-01',
      '/api/v1/reports/export?agency=00004&period=2026&format=docx',
      '/api/v1/reports/export?agency=00004&from=2026-02-30&to=2026-03-01&format=pdf',
    ];
    for (const url of urls) {
      const res = await env.api('GET', url, { token });
      expect(res.statusCode, `${url} → ${res.body}`).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, url).toBeLessThan(500);
      expect((res.json() as { message: string }).message.length).toBeGreaterThan(3);
    }
    const none = await env.api('GET', '/api/v1/reports/period?agency=00004', { token });
    expect(none.json()).toMatchObject({ details: [{ field: 'period', message: 'Cần chọn kỳ (period) hoặc từ ngày – đến ngày' }] });
  });
});
