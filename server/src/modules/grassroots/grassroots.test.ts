/**
 * Grassroots democracy through the HTTP API, on PGlite and PostgreSQL (issue 17 "Must show"):
 *  - a thôn of 120 households: 80 agree at a meeting on a contribution (item 1) → passes, 79 → fails; the
 *    threshold is of all 120 households, not of the 95 present;
 *  - a commune-wide contribution over 9 thôn: 6 pass → passes, 5 → fails;
 *  - online voting refused on item 3, and on item 6 until 61 of 120 households opted in;
 *  - a household that voted by paper and then online is counted once, the ledger says by paper;
 *    200 concurrent online votes from 120 households → exactly 120 counted;
 *  - an initiative signed by 13/120 on 01/03/2027 stands and lapses on 01/06/2027; 11/120 needs the Front committee;
 *  - recognition due dates from the legal clock over the 30/4–1/5 holidays; an overdue recognition is listed;
 *  - the register is sealed and never listed; officers of another commune get 404.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestEnv, type TestEnv } from '../../testing/harness.ts';
import { queryRows } from '../../db/client.ts';
import { verifyAudit } from '../audit/verify-audit.ts';
import { addDays } from '@danvan/domain/clock/dates';
import { hh, importRows, ok, villageRows } from './test-fixtures.ts';

let env: TestEnv;
let staff: string;
const COMMUNE = '00004';
let t01: string;

beforeAll(async () => {
  env = await createTestEnv({ now: '2027-03-01T02:00:00Z' });
  await env.addUser('xa.canbo', 'handler', COMMUNE);
  await env.addUser('xa.chutich', 'head', COMMUNE);
  await env.addUser('xa2.canbo', 'handler', '00025');
  await env.addUser('khac.lanhdao', 'head', '00008');
  await env.addUser('khac.canbo', 'handler', '00008');
  staff = await env.login('xa.canbo');
  const r = await ok<{ communities: number; added: number }>(importRows(env, staff, COMMUNE, villageRows('T01', 'Thôn Đông', 120, 1)), 201);
  expect(r).toMatchObject({ communities: 1, added: 120 });
  const list = await ok<{ items: { id: string; code: string; households: number }[] }>(env.api('GET', `/api/v1/grassroots/communities?agency=${COMMUNE}`, { token: staff }));
  t01 = list.items.find((c) => c.code === 'T01')!.id;
  expect(list.items.find((c) => c.code === 'T01')!.households).toBe(120);
}, 120_000);
afterAll(async () => env?.close());

async function matter(body: Record<string, unknown>) {
  return ok<{ id: string }>(env.api('POST', '/api/v1/grassroots/matters', { token: staff, body: { agency: COMMUNE, community: 'T01', proposedBy: 'village-head', frontAgreed: true, content: 'Nội dung trình cộng đồng dân cư bàn và quyết định', ...body } }), 201);
}
/** The plans a ballot and an online vote need (c10, c12–c13): a team of 3 led by the Front representative. */
const TEAM = [{ name: 'Lê Thị Hòa', leader: true }, { name: 'Trần Văn Bình' }, { name: 'Phạm Thị Cúc' }];
const PLANS = {
  ballotPlan: { decidedOn: '2027-01-01', planSentOn: '2027-01-02', noticeOn: '2027-01-01', distributeOn: '2027-01-03', returnBy: '2027-12-31', team: TEAM },
  onlinePlan: { agreedOn: '2027-01-01', startsOn: '2027-01-01', endsOn: '2027-12-31', team: TEAM, channel: 'Nhóm Zalo «Thôn Đông» (họ tên, địa chỉ thường trú)' },
};
const planFor = (forms: string[]) => ({ ...(forms.includes('paper') ? { ballotPlan: PLANS.ballotPlan } : {}), ...(forms.includes('online') ? { onlinePlan: PLANS.onlinePlan } : {}) });
const open = (id: string, forms: string[]) => env.api('POST', `/api/v1/grassroots/matters/${id}/open`, { token: staff, body: { forms, ...planFor(forms) } });
const BOARD = ['Nguyễn Văn Kiểm', 'Trần Thị Phiếu', 'Lê Văn Đếm'];
/** A meeting: its Mẫu 01 notice 2 days before (documents to every household for items 1–3), then the result. */
async function meet(id: string, body: Record<string, unknown> & { heldOn: string; secret: boolean }) {
  const noticeOn = addDays(body.heldOn, -2);
  const cluster = body.cluster ? { cluster: body.cluster, scattered: true, clusterPlanApprovedOn: noticeOn } : {};
  await ok(env.api('POST', `/api/v1/grassroots/matters/${id}/notices`, { token: staff, body: { noticeOn, meetingOn: body.heldOn, place: 'Nhà văn hóa thôn Đông', documentsOn: noticeOn, ...cluster, ...(body.community ? { community: body.community } : {}) } }), 201);
  return env.api('POST', `/api/v1/grassroots/matters/${id}/meetings`, { token: staff, body: { ...(body.secret ? { countingBoard: BOARD } : {}), ...body } });
}
const result = (id: string) => ok<{ result: Record<string, unknown> & { passed: boolean; villages: { passed: boolean }[] }; ledger: { household: string; form: string }[] }>(env.api('GET', `/api/v1/grassroots/matters/${id}/result`, { token: staff }));

describe('household register', () => {
  it('keeps the representative sealed, lists no personal data, refuses a bad file whole', async () => {
    const [row] = await queryRows<{ representative: unknown; person_hash: string }>(env.database.db, sql`select representative, person_hash from grassroots_households limit 1`);
    expect(JSON.stringify(row!.representative)).not.toMatch(/Nguyễn|Trần|Thôn Đông|0010/);
    expect(row!.person_hash).toMatch(/^[0-9a-f]{64}$/);
    const list = await ok<{ total: number; items: Record<string, unknown>[] }>(env.api('GET', `/api/v1/grassroots/communities/${t01}/households`, { token: staff }));
    expect(list.total).toBe(120);
    expect(Object.keys(list.items[0]!).sort()).toEqual(['code', 'hasVotingCode', 'members', 'optedIn']);
    // The same person twice in one village, and a bad ID: 400 by row, nothing written.
    const rows = villageRows('T99', 'Thôn Thử', 3, 7);
    rows[2] = { ...rows[0]!, householdCode: 'H003' };
    rows[1] = { ...rows[1]!, idNumber: '12345' };
    const bad = await importRows(env, staff, COMMUNE, rows);
    expect(bad.statusCode, bad.body).toBe(400);
    const body = bad.json() as { message: string; problems: { row: number; column: string }[] };
    expect(body.message).toContain('2 dòng lỗi');
    expect(body.problems.map((p) => p.row).sort()).toEqual([4, 5]);
    const after = await ok<{ items: { code: string }[] }>(env.api('GET', `/api/v1/grassroots/communities?agency=${COMMUNE}`, { token: staff }));
    expect(after.items.map((c) => c.code)).toEqual(['T01']);
  });
});

describe('thresholds of all households (c1)', () => {
  async function meetingOn(agree: number) {
    const m = await matter({ item: 1, title: `Đóng góp làm đường bê tông ngõ xóm (${agree})` });
    await ok(open(m.id, ['meeting']));
    const attendance = Array.from({ length: 95 }, (_, i) => hh(i + 1));
    await ok(meet(m.id, { heldOn: '2027-03-01', secret: true, attendance, agree, disagree: 95 - agree, other: 0, witnesses: [hh(1), hh(2)] }), 201);
    const closed = await ok<{ result: { passed: boolean; agree: number; households: number; participated: number; absent: number; explanation: string } }>(env.api('POST', `/api/v1/grassroots/matters/${m.id}/close`, { token: staff, body: {} }));
    return closed.result;
  }
  it('80 of 120 agree at a meeting of 95 → passes; 79 → fails (2/3 of 120, not of 95)', async () => {
    const pass = await meetingOn(80);
    expect(pass).toMatchObject({ passed: true, agree: 80, households: 120, participated: 95, absent: 25 });
    expect(pass.explanation).toContain('80/120 hộ gia đình tán thành (cần từ 2/3 trở lên tổng số hộ gia đình trong thôn, tổ dân phố: 80 hộ)');
    const fail = await meetingOn(79);
    expect(fail).toMatchObject({ passed: false, agree: 79, households: 120 });
    // 79 of the 95 present would be more than 2/3 of attendees: the law counts all households.
    expect(79 * 3 >= 95 * 2).toBe(true);
  });

  it('refuses a tally larger than the households present, and a household twice at meetings', async () => {
    const m = await matter({ item: 1, title: 'Đóng góp sửa nhà văn hóa thôn' });
    await ok(open(m.id, ['meeting']));
    const tooMany = await meet(m.id, { heldOn: '2027-03-01', secret: false, attendance: [hh(1)], agree: 2, disagree: 0, other: 0 });
    expect(tooMany.statusCode).toBe(400);
    await ok(meet(m.id, { heldOn: '2027-03-01', cluster: 'Cụm 1', secret: false, attendance: [hh(1), hh(2)], agree: 2, disagree: 0, other: 0 }), 201);
    const again = await meet(m.id, { heldOn: '2027-03-01', cluster: 'Cụm 2', secret: false, attendance: [hh(2), hh(3)], agree: 2, disagree: 0, other: 0 });
    expect(again.statusCode, again.body).toBe(409);
    expect(again.json()).toMatchObject({ alreadyCounted: [{ household: hh(2), form: 'meeting' }] });
    expect((await result(m.id)).ledger).toHaveLength(2);
  });

  it('a commune-wide contribution over 9 thôn: 6 pass → passes, 5 → fails', async () => {
    const other = await env.login('xa2.canbo');
    const rows = Array.from({ length: 9 }, (_, v) => villageRows(`T${v + 1}`, `Thôn ${v + 1}`, 9, 100 + v)).flat();
    await ok(importRows(env, other, '00025', rows), 201);
    async function communeWide(passing: number) {
      const m = await ok<{ id: string; communeWide: boolean }>(env.api('POST', '/api/v1/grassroots/matters', { token: other, body: { agency: '00025', item: 1, title: `Đóng góp xây cầu qua kênh (${passing})`, content: 'Mức đóng góp 200.000 đồng/hộ', proposedBy: 'commune-chair', frontAgreed: true } }), 201);
      expect(m.communeWide).toBe(true);
      await ok(env.api('POST', `/api/v1/grassroots/matters/${m.id}/open`, { token: other, body: { forms: ['paper'], ballotPlan: PLANS.ballotPlan } }));
      for (let v = 1; v <= 9; v++) {
        // A passing village: 6 of 9 agree (2/3); a failing one: 5 of 9.
        const agree = v <= passing ? 6 : 5;
        const ballots = Array.from({ length: 9 }, (_, i) => ({ household: hh(i + 1), choice: i < agree ? 'agree' : 'disagree' }));
        await ok(env.api('POST', `/api/v1/grassroots/matters/${m.id}/ballots`, { token: other, body: { community: `T${v}`, ballots } }));
      }
      return (await ok<{ result: { passed: boolean; villagesPassed: number; villagesNeeded: number; villages: unknown[] } }>(env.api('POST', `/api/v1/grassroots/matters/${m.id}/close`, { token: other, body: {} }))).result;
    }
    expect(await communeWide(6)).toMatchObject({ passed: true, villagesPassed: 6, villagesNeeded: 6 });
    const five = await communeWide(5);
    expect(five).toMatchObject({ passed: false, villagesPassed: 5 });
    expect(five.villages).toHaveLength(9);
    // A village head cannot propose a commune-wide matter.
    const wrong = await env.api('POST', '/api/v1/grassroots/matters', { token: other, body: { agency: '00025', item: 1, title: 'X', content: 'Y', proposedBy: 'village-head', frontAgreed: true } });
    expect(wrong.statusCode).toBe(400);
  });
});

let codes: { household: string; code: string }[];
describe('online voting (item 6 only, after > 50% opted in)', () => {
  it('is refused on item 3, and on item 6 until 61 of 120 households have opted in', async () => {
    codes = (await ok<{ codes: { household: string; code: string }[] }>(env.api('POST', `/api/v1/grassroots/communities/${t01}/voting-codes`, { token: staff, body: {} }), 201)).codes;
    expect(codes).toHaveLength(120);
    const rules = await matter({ item: 3, title: 'Hương ước thôn Đông' });
    const r3 = await open(rules.id, ['meeting', 'online']);
    expect(r3.statusCode).toBe(409);
    expect((r3.json() as { message: string }).message).toContain('không được áp dụng cho nội dung thuộc khoản 3');
    await ok(open(rules.id, ['meeting']));
    const cast3 = await env.api('POST', `/api/v1/public/grassroots/matters/${rules.id}/votes`, { body: { code: codes[0]!.code, choice: 'agree' } });
    expect(cast3.statusCode).toBe(409);

    for (const c of codes.slice(0, 60)) await ok(env.api('POST', '/api/v1/public/grassroots/opt-in', { body: { code: c.code.toLowerCase().replace(/-/g, ' ') } }));
    const six = await matter({ item: 6, title: 'Tổ chức ngày hội đại đoàn kết toàn dân tộc' });
    const at60 = await open(six.id, ['online']);
    expect(at60.statusCode).toBe(409);
    expect((at60.json() as { message: string }).message).toContain('60/120 hộ, cần 61 hộ');
    const en = await env.api('POST', `/api/v1/grassroots/matters/${six.id}/open`, { token: staff, body: { forms: ['online'], onlinePlan: PLANS.onlinePlan }, headers: { 'accept-language': 'en' } });
    expect((en.json() as { message: string }).message).toContain('60/120, 61 needed');
    await ok(env.api('POST', '/api/v1/public/grassroots/opt-in', { body: { code: codes[60]!.code } }));
    await ok(open(six.id, ['online']));
    const bad = await env.api('POST', `/api/v1/public/grassroots/matters/${six.id}/votes`, { body: { code: 'AAAA-BBBB-CCCC', choice: 'agree' } });
    expect(bad.statusCode).toBe(401);
    const notOpted = await env.api('POST', `/api/v1/public/grassroots/matters/${six.id}/votes`, { body: { code: codes[100]!.code, choice: 'agree' } });
    expect(notOpted.statusCode).toBe(409);
  });

  it('counts a household that voted by paper and then online once, by paper', async () => {
    for (const c of codes.slice(61)) await ok(env.api('POST', '/api/v1/public/grassroots/opt-in', { body: { code: c.code } }));
    const m = await matter({ item: 6, title: 'Lịch vệ sinh đường làng hằng tháng' });
    await ok(open(m.id, ['paper', 'online']));
    expect(await ok(env.api('POST', `/api/v1/grassroots/matters/${m.id}/ballots`, { token: staff, body: { ballots: [{ household: hh(1), choice: 'disagree' }] } }))).toEqual({ counted: 1, alreadyCounted: [] });
    const online = await env.api('POST', `/api/v1/public/grassroots/matters/${m.id}/votes`, { body: { code: codes[0]!.code, choice: 'agree' } });
    expect(online.statusCode).toBe(409);
    expect(online.json()).toMatchObject({ form: 'paper' });
    expect((online.json() as { message: string }).message).toContain('Phát phiếu lấy ý kiến hộ gia đình');
    await ok(env.api('POST', `/api/v1/public/grassroots/matters/${m.id}/votes`, { body: { code: codes[1]!.code, choice: 'agree' } }), 201);
    // The paper form of a household that already voted online is void and listed.
    expect(await ok(env.api('POST', `/api/v1/grassroots/matters/${m.id}/ballots`, { token: staff, body: { ballots: [{ household: hh(2), choice: 'disagree' }, { household: hh(3), choice: 'agree' }] } }))).toEqual({
      counted: 1,
      alreadyCounted: [{ household: hh(2), form: 'online' }],
    });
    const r = await result(m.id);
    expect(r.ledger.map((l) => [l.household, l.form])).toEqual([
      [hh(1), 'paper'],
      [hh(2), 'online'],
      [hh(3), 'paper'],
    ]);
    expect(r.result).toMatchObject({ participated: 3, agree: 2, disagree: 1, byForm: { meeting: 0, paper: 2, online: 1 } });
  });

  it('200 concurrent online votes from 120 households count exactly 120', async () => {
    const m = await matter({ item: 6, title: 'Trồng cây xanh dọc đường trục thôn' });
    await ok(open(m.id, ['online']));
    const requests = Array.from({ length: 200 }, (_, i) => codes[i % 120]!).map((c, i) =>
      env.api('POST', `/api/v1/public/grassroots/matters/${m.id}/votes`, { body: { code: c.code, choice: i % 3 === 0 ? 'disagree' : 'agree' }, headers: { 'x-forwarded-for': `10.0.0.${i % 50}` } }),
    );
    const statuses = (await Promise.all(requests)).map((r) => r.statusCode);
    expect(statuses.filter((s) => s === 201)).toHaveLength(120);
    expect(statuses.filter((s) => s === 409)).toHaveLength(80);
    const [{ n } = { n: 0 }] = await queryRows<{ n: number }>(env.database.db, sql`select count(*)::int as n from grassroots_votes where matter_id = ${m.id}`);
    expect(Number(n)).toBe(120);
    const closed = await ok<{ result: { participated: number; absent: number; passed: boolean; byForm: { online: number } } }>(env.api('POST', `/api/v1/grassroots/matters/${m.id}/close`, { token: staff, body: {} }));
    expect(closed.result).toMatchObject({ participated: 120, absent: 0, byForm: { online: 120 } });
  }, 120_000);
});

describe('initiatives (Art. 16(3))', () => {
  it('13/120 on 01/03/2027 stands and lapses on 01/06/2027; 11/120 needs the Front committee', async () => {
    const a = await ok<{ id: string }>(env.api('POST', '/api/v1/grassroots/initiatives', { token: staff, body: { agency: COMMUNE, community: 'T01', item: 6, title: 'Lắp đèn chiếu sáng ngõ', content: 'Đề nghị lắp 20 bóng đèn năng lượng mặt trời', initiatorHousehold: hh(5) } }), 201);
    const signed = await ok<{ validSignatures: number; needed: number; stands: boolean; lapsesOn: string }>(
      env.api('POST', `/api/v1/grassroots/initiatives/${a.id}/signatures`, { token: staff, body: { households: Array.from({ length: 13 }, (_, i) => hh(i + 1)), signedOn: '2027-03-01' } }),
    );
    expect(signed).toMatchObject({ validSignatures: 13, needed: 12, stands: true, lapsesOn: '2027-06-01' });
    const b = await ok<{ id: string }>(env.api('POST', '/api/v1/grassroots/initiatives', { token: staff, body: { agency: COMMUNE, community: 'T01', item: 6, title: 'Sân chơi cho trẻ em', content: 'Đề nghị làm sân chơi' } }), 201);
    const eleven = await ok<{ stands: boolean; needed: number }>(env.api('POST', `/api/v1/grassroots/initiatives/${b.id}/signatures`, { token: staff, body: { households: Array.from({ length: 11 }, (_, i) => hh(i + 50)), signedOn: '2027-03-01' } }));
    expect(eleven).toMatchObject({ stands: false, needed: 12 });
    const refused = await env.api('POST', '/api/v1/grassroots/matters', { token: staff, body: { agency: COMMUNE, community: 'T01', item: 6, title: 'Sân chơi', content: 'Sân chơi', proposedBy: 'initiative', initiativeId: b.id } });
    expect(refused.statusCode).toBe(409);
    expect((refused.json() as { message: string }).message).toContain('11/120');
    const agreed = await ok<{ standing: { stands: boolean; frontAgreed: boolean } }>(env.api('POST', `/api/v1/grassroots/initiatives/${b.id}/front-agreement`, { token: staff, body: { on: '2027-03-01' } }));
    expect(agreed.standing).toMatchObject({ stands: true, frontAgreed: true });

    env.setNow('2027-05-31T02:00:00Z');
    expect((await ok<{ standing: { stands: boolean } }>(env.api('GET', `/api/v1/grassroots/initiatives/${a.id}`, { token: await env.login('xa.canbo') }))).standing.stands).toBe(true);
    env.setNow('2027-06-01T02:00:00Z');
    const lapsed = await ok<{ standing: { stands: boolean; validSignatures: number } }>(env.api('GET', `/api/v1/grassroots/initiatives/${a.id}`, { token: await env.login('xa.canbo') }));
    expect(lapsed.standing).toMatchObject({ stands: false, validSignatures: 0 });
    const late = await env.api('POST', '/api/v1/grassroots/matters', { token: await env.login('xa.canbo'), body: { agency: COMMUNE, community: 'T01', item: 6, title: 'Đèn ngõ', content: 'Đèn', proposedBy: 'initiative', initiativeId: a.id } });
    expect(late.statusCode).toBe(409);
    env.setNow('2027-03-01T02:00:00Z');
  });
});

describe('decision, recognition and compliance', () => {
  it('sends within 5 working days, recognition due over the 30/4–1/5 holidays, overdue listed', async () => {
    env.setNow('2027-04-26T02:00:00Z');
    staff = await env.login('xa.canbo');
      const m = await matter({ item: 4, title: 'Bầu Trưởng thôn Đông nhiệm kỳ 2027–2029' });
    await ok(open(m.id, ['meeting']));
    await ok(meet(m.id, { heldOn: '2027-04-26', secret: true, attendance: Array.from({ length: 100 }, (_, i) => hh(i + 1)), agree: 90, disagree: 8, other: 2, witnesses: [hh(3), hh(4)] }), 201);
    const closed = await ok<{ matter: { sendDueOn: string }; sendDeadline: { explanation: string } }>(env.api('POST', `/api/v1/grassroots/matters/${m.id}/close`, { token: staff, body: {} }));
    // 26/4 (Mon) + 5 working days: 27, 28, 29/4, then 30/4, 1/5, the weekend and the 3/5 day off in lieu are skipped → 4, 5/5.
    expect(closed.matter.sendDueOn).toBe('2027-05-05');
    env.setNow('2027-04-27T02:00:00Z');
    staff = await env.login('xa.canbo');
    const sent = await ok<{ matter: { recognitionDueOn: string }; deadline: { explanation: string } }>(
      env.api('POST', `/api/v1/grassroots/matters/${m.id}/send`, { token: staff, body: { sentOn: '2027-04-27', signatories: { villageHead: 'Nguyễn Văn Thành', frontHead: 'Lê Thị Hòa', households: [hh(3), hh(4)] } } }),
    );
    expect(sent.matter.recognitionDueOn).toBe('2027-05-06');
    expect(sent.deadline.explanation).toContain('nghỉ Chiến thắng 30/4');
    env.setNow('2027-05-07T02:00:00Z');
    const token = await env.login('xa.chutich');
    const list = await ok<{ items: { kind: string; id: string; overdue: boolean; daysLate: number }[] }>(env.api('GET', `/api/v1/grassroots/compliance?agency=${COMMUNE}&overdueOnly=true`, { token }));
    expect(list.items.find((i) => i.id === m.id)).toMatchObject({ kind: 'recognize-decision', overdue: true, daysLate: 1 });
    // A handler may not recognise; the chair may, late.
    const byHandler = await env.api('POST', `/api/v1/grassroots/matters/${m.id}/recognition`, { token: await env.login('xa.canbo'), body: { decision: 'recognize', on: '2027-05-07' } });
    expect(byHandler.statusCode).toBe(403);
    const rec = await ok<{ onTime: boolean; matter: { status: string } }>(env.api('POST', `/api/v1/grassroots/matters/${m.id}/recognition`, { token, body: { decision: 'recognize', on: '2027-05-07' } }));
    expect(rec).toMatchObject({ onTime: false, matter: { status: 'recognized' } });
    const after = await ok<{ items: { id: string }[] }>(env.api('GET', `/api/v1/grassroots/compliance?agency=${COMMUNE}&overdueOnly=true`, { token }));
    expect(after.items.some((i) => i.id === m.id)).toBe(false);
    // Art. 22: the commune may annul it later, with reasons; the handler may not.
    expect((await env.api('POST', `/api/v1/grassroots/matters/${m.id}/annulment`, { token: await env.login('xa.canbo'), body: { kind: 'annul', on: '2027-05-07', reason: 'Sai trình tự' } })).statusCode).toBe(403);
    const annulled = await ok<{ status: string; refusalReason: string }>(env.api('POST', `/api/v1/grassroots/matters/${m.id}/annulment`, { token, body: { kind: 'request-amendment', on: '2027-05-07', reason: 'Biên bản thiếu chữ ký của 2 đại diện hộ gia đình' } }));
    expect(annulled).toMatchObject({ status: 'annulled' });
    expect(annulled.refusalReason).toContain('Yêu cầu sửa đổi ngày 07/05/2027');
  });

  it("lists the inspection board's recommendation unanswered after 15 days", async () => {
    env.setNow('2027-05-07T02:00:00Z');
    const token = await env.login('xa.chutich');
    const r = await ok<{ recommendation: { id: string; dueOn: string } }>(env.api('POST', '/api/v1/grassroots/recommendations', { token, body: { agency: COMMUNE, board: 'inspection', content: 'Đề nghị công khai chi tiêu quỹ xây dựng đường thôn', receivedOn: '2027-05-07' } }), 201);
    expect(r.recommendation.dueOn).toBe('2027-05-24'); // 22/5 is a Saturday → Monday 24/5
    env.setNow('2027-05-25T02:00:00Z');
    const t2 = await env.login('xa.chutich');
    const list = await ok<{ items: { id: string; overdue: boolean }[] }>(env.api('GET', `/api/v1/grassroots/compliance?agency=${COMMUNE}&overdueOnly=true`, { token: t2 }));
    expect(list.items.find((i) => i.id === r.recommendation.id)).toMatchObject({ overdue: true });
    const ans = await ok<{ onTime: boolean }>(env.api('POST', `/api/v1/grassroots/recommendations/${r.recommendation.id}/answer`, { token: t2, body: { answer: 'UBND xã đã niêm yết công khai', on: '2027-05-25' } }));
    expect(ans.onTime).toBe(false);
  });
});

describe('records as PDF', () => {
  it('renders Mẫu 02, 03, 04, the decision document and the ballot forms', async () => {
    env.setNow('2027-06-14T02:00:00Z');
    staff = await env.login('xa.canbo');
    const m = await matter({ item: 6, title: 'Quy định giờ sử dụng loa truyền thanh của thôn', content: 'Loa truyền thanh phát từ 6 giờ đến 6 giờ 30 và từ 17 giờ đến 17 giờ 30 hằng ngày; không phát vào ngày Chủ nhật.' });
    await ok(open(m.id, ['meeting', 'paper', 'online']));
    await ok(meet(m.id, { heldOn: '2027-06-14', secret: true, attendance: Array.from({ length: 50 }, (_, i) => hh(i + 1)), agree: 40, disagree: 8, other: 2, witnesses: [hh(1), hh(2)] }), 201);
    await ok(env.api('POST', `/api/v1/grassroots/matters/${m.id}/ballots`, { token: staff, body: { ballots: Array.from({ length: 20 }, (_, i) => ({ household: hh(i + 51), choice: i < 15 ? 'agree' : 'other', otherText: 'Đề nghị thêm bản tin tối' })) } }));
    for (const c of codes.slice(70, 90)) await ok(env.api('POST', `/api/v1/public/grassroots/matters/${m.id}/votes`, { body: { code: c.code, choice: 'agree' } }), 201);
    const closed = await ok<{ result: { passed: boolean; agree: number; byForm: Record<string, number> } }>(env.api('POST', `/api/v1/grassroots/matters/${m.id}/close`, { token: staff, body: {} }));
    expect(closed.result).toMatchObject({ passed: true, agree: 75, byForm: { meeting: 50, paper: 20, online: 20 } });
    await ok(env.api('POST', `/api/v1/grassroots/matters/${m.id}/send`, { token: staff, body: { sentOn: '2027-06-14', signatories: { villageHead: 'Nguyễn Văn Thành', frontHead: 'Lê Thị Hòa', households: [hh(1), hh(2)] } } }));
    for (const record of ['mau-02', 'mau-03', 'mau-04', 'quyet-dinh', 'phieu']) {
      const res = await env.api('GET', `/api/v1/grassroots/matters/${m.id}/records/${record}`, { token: staff });
      expect(res.statusCode, `${record}: ${res.body.slice(0, 200)}`).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      const pdf = res.rawPayload;
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(pdf.toString('latin1')).toContain('DejaVuSans');
      const pages = pdf.toString('latin1').match(/\/Type \/Page\b/g)?.length ?? 0;
      if (process.env.DANVAN_GRASSROOTS_PDF_DIR) {
        const { writeFileSync } = await import('node:fs');
        writeFileSync(`${process.env.DANVAN_GRASSROOTS_PDF_DIR}/${record}.pdf`, pdf);
      }
      // One ballot form per household on the roll.
      if (record === 'phieu') expect(pages).toBe(120);
      else expect(pages).toBeGreaterThanOrEqual(1);
    }
    // Mẫu 03 of a matter without an online vote does not exist.
    const [first] = (await ok<{ items: { id: string; forms: string[] }[] }>(env.api('GET', '/api/v1/grassroots/matters?status=closed', { token: staff }))).items.filter((x) => !x.forms.includes('online'));
    expect((await env.api('GET', `/api/v1/grassroots/matters/${first!.id}/records/mau-03`, { token: staff })).statusCode).toBe(409);
  }, 120_000);
});

describe("the household representative's page (no JavaScript)", () => {
  it('signs in with the voting code, votes once, then shows which form counted the household', async () => {
    const m = await matter({ item: 6, title: 'Giờ đóng cổng làng ban đêm' });
    await ok(open(m.id, ['paper', 'online']));
    const start = await env.app.inject({ method: 'GET', url: '/bieu-quyet' });
    expect(start.statusCode).toBe(200);
    expect(start.body).toContain('Mã biểu quyết của hộ');
    const wrong = await env.app.inject({ method: 'POST', url: '/bieu-quyet/ma', payload: 'code=AAAA-BBBB-CCCC', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.body).toContain('Mã biểu quyết của hộ gia đình không đúng');
    const signIn = await env.app.inject({ method: 'POST', url: '/bieu-quyet/ma', payload: `code=${encodeURIComponent(codes[9]!.code)}`, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(signIn.statusCode).toBe(303);
    const cookie = String(signIn.headers['set-cookie']).split(';')[0]!;
    expect(cookie).not.toContain(codes[9]!.code);
    const ballot = await env.app.inject({ method: 'GET', url: '/bieu-quyet', headers: { cookie } });
    expect(ballot.body).toContain(`${hh(10)} — Thôn Đông`);
    expect(ballot.body).toContain('Giờ đóng cổng làng ban đêm');
    expect(ballot.body).not.toContain('<script');
    const vote = await env.app.inject({ method: 'POST', url: `/bieu-quyet/${m.id}`, payload: 'choice=agree&otherText=', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' } });
    expect(vote.statusCode, vote.body.slice(0, 300)).toBe(303);
    const flash = String(vote.headers['set-cookie']).split(';')[0]!;
    const after = await env.app.inject({ method: 'GET', url: '/bieu-quyet', headers: { cookie: `${cookie}; ${flash}` } });
    expect(after.body).toContain('Biểu quyết của hộ đã được ghi nhận');
    expect(after.body).toContain('Đã được tính: Biểu quyết trực tuyến — Đồng ý');
    const again = await env.app.inject({ method: 'POST', url: `/bieu-quyet/${m.id}`, payload: 'choice=disagree', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' } });
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('đã được tính bằng hình thức «Biểu quyết trực tuyến»');
    expect((await result(m.id)).ledger).toEqual([{ household: hh(10), community: 'T01', form: 'online', choice: 'agree' }]);
    // Published decisions of the commune: the item-6 matter of the PDF test (adopted 14/06/2027), totals only.
    const pub = await env.app.inject({ method: 'GET', url: `/bieu-quyet/cong-khai?xa=${COMMUNE}` });
    expect(pub.statusCode).toBe(200);
    expect(pub.body).toContain('Quy định giờ sử dụng loa truyền thanh của thôn');
    expect(pub.body).toContain('Đồng ý 75/120 hộ');
    expect(pub.body).not.toContain('Lê Văn Lực');
  });
});

const BODIES: Record<string, unknown> = {
  '/open': { forms: ['meeting'] },
  '/meetings': { heldOn: '2027-03-01', secret: false, attendance: [], agree: 0, disagree: 0, other: 0 },
  '/ballots': { ballots: [{ household: 'H001', choice: 'agree' }] },
  '/send': { sentOn: '2027-03-01', signatories: { villageHead: 'A', frontHead: 'B', households: ['H001', 'H002'] } },
  '/recognition': { decision: 'recognize', on: '2027-03-01' },
  '/signatures': { households: ['H001'], signedOn: '2027-03-01' },
  '/front-agreement': { on: '2027-03-01' },
  '/answer': { answer: 'Trả lời', on: '2027-03-01' },
  '/annulment': { kind: 'annul', on: '2027-03-01', reason: 'Trái pháp luật' },
  '/notices': { noticeOn: '2027-03-01', meetingOn: '2027-03-05', place: 'Nhà văn hóa', documentsOn: '2027-03-01' },
  '/conferences': { year: 2027, noticeOn: '2027-11-01', heldOn: '2027-11-10', place: 'Nhà văn hóa' },
  '/result': { agenda: [], summary: 'Kết quả', sentOn: '2027-07-04' },
};

describe('report and timelines', () => {
  it('reports per commune and rolled up to the province, and the election checklist', async () => {
    env.setNow('2027-06-20T02:00:00Z');
    const token = await env.login('xa.chutich');
    const own = await ok<{ items: { agency: { code: string }; mattersDecided: number; householdsCounted: { online: number }; recognizedOnTime: number; decisionsRecognized: number }[]; total: { mattersDecided: number } }>(
      env.api('GET', `/api/v1/grassroots/report?agency=${COMMUNE}&from=2027-01-01&to=2027-12-31`, { token }),
    );
    expect(own.items).toHaveLength(1);
    expect(own.items[0]!).toMatchObject({ agency: { code: COMMUNE }, decisionsRecognized: 1, recognizedOnTime: 0 });
    expect(own.items[0]!.householdsCounted.online).toBeGreaterThanOrEqual(140);
    await env.addUser('tinh.giamsat', 'monitor', '01');
    const province = await ok<{ items: { agency: { code: string }; mattersDecided: number }[]; total: { mattersDecided: number } }>(
      env.api('GET', '/api/v1/grassroots/report?agency=01&from=2027-01-01&to=2027-12-31', { token: await env.login('tinh.giamsat') }),
    );
    expect(province.items.map((i) => i.agency.code).sort()).toEqual([COMMUNE, '00025']);
    expect(province.total.mattersDecided).toBe(province.items.reduce((s, i) => s + i.mattersDecided, 0));
    expect((await env.api('GET', '/api/v1/grassroots/report?agency=01&from=2027-01-01&to=2027-12-31', { token })).statusCode).toBe(404);
    const t = await ok<{ steps: { key: string; by: string }[] }>(env.api('GET', '/api/v1/grassroots/timelines?kind=village-head-election&on=2027-04-25', { token }));
    expect(t.steps.map((s) => [s.key, s.by])).toContainEqual(['plan', '2027-04-05']);
    const duties = await ok<{ categories: unknown[] }>(env.api('GET', '/api/v1/grassroots/publication-duties', { token }));
    expect(duties.categories).toHaveLength(14);
  });
});

describe('procedure: notices, plans, teams, counting board (c5, c6, c10, c12–c13)', () => {
  it('a meeting needs its Mẫu 01 notice 2 days ahead, and items 1–3 their documents; Mẫu 01 prints', async () => {
    env.setNow('2027-07-05T02:00:00Z');
    staff = await env.login('xa.canbo');
    const m = await matter({ item: 1, title: 'Đóng góp nâng cấp kênh mương nội đồng' });
    await ok(open(m.id, ['meeting']));
    const late = await env.api('POST', `/api/v1/grassroots/matters/${m.id}/notices`, { token: staff, body: { noticeOn: '2027-07-04', meetingOn: '2027-07-05', place: 'Nhà văn hóa', documentsOn: '2027-07-03' } });
    expect(late.statusCode).toBe(400);
    expect((late.json() as { message: string }).message).toContain('sớm nhất là ngày 06/07/2027');
    const noDocs = await env.api('POST', `/api/v1/grassroots/matters/${m.id}/notices`, { token: staff, body: { noticeOn: '2027-07-01', meetingOn: '2027-07-05', place: 'Nhà văn hóa' } });
    expect(noDocs.statusCode).toBe(400);
    expect((noDocs.json() as { message: string }).message).toContain('chậm nhất ngày 03/07/2027');
    // c8: clusters only with ≥ 200 households or scattered settlement, and the commune's approved cluster plan.
    const cl = await env.api('POST', `/api/v1/grassroots/matters/${m.id}/notices`, { token: staff, body: { noticeOn: '2027-07-01', meetingOn: '2027-07-05', place: 'Xóm Trên', documentsOn: '2027-07-01', cluster: 'Xóm Trên', clusterPlanApprovedOn: '2027-06-30' } });
    expect(cl.statusCode).toBe(400);
    expect((cl.json() as { message: string }).message).toContain('từ 200 hộ gia đình trở lên (hiện có 120)');
    await ok(env.api('POST', `/api/v1/grassroots/matters/${m.id}/notices`, { token: staff, body: { noticeOn: '2027-07-01', meetingOn: '2027-07-05', place: 'Xóm Trên', documentsOn: '2027-07-01', cluster: 'Xóm Trên', scattered: true, clusterPlanApprovedOn: '2027-06-30' } }), 201);
    // A cluster notice does not cover the whole village's meeting.
    const noNotice = await env.api('POST', `/api/v1/grassroots/matters/${m.id}/meetings`, { token: staff, body: { heldOn: '2027-07-05', secret: false, attendance: [hh(1)], agree: 1, disagree: 0, other: 0 } });
    expect(noNotice.statusCode).toBe(409);
    expect((noNotice.json() as { message: string }).message).toContain('Mẫu 01');
    await ok(env.api('POST', `/api/v1/grassroots/matters/${m.id}/notices`, { token: staff, body: { noticeOn: '2027-07-03', meetingOn: '2027-07-05', place: 'Nhà văn hóa thôn Đông', documentsOn: '2027-07-03' } }), 201);
    // c6: a secret ballot needs a counting board of 3–5; procedural votes pass with > 50% of those present.
    const smallBoard = await env.api('POST', `/api/v1/grassroots/matters/${m.id}/meetings`, { token: staff, body: { heldOn: '2027-07-05', secret: true, attendance: [hh(1), hh(2), hh(3)], agree: 3, disagree: 0, other: 0, witnesses: [hh(1), hh(2)], countingBoard: ['A', 'B'] } });
    expect(smallBoard.statusCode).toBe(400);
    expect((smallBoard.json() as { message: string }).message).toContain('từ 3 đến 5 người');
    await ok(
      env.api('POST', `/api/v1/grassroots/matters/${m.id}/meetings`, {
        token: staff,
        body: { heldOn: '2027-07-05', secret: true, attendance: [hh(1), hh(2), hh(3), hh(4)], agree: 4, disagree: 0, other: 0, witnesses: [hh(1), hh(2)], countingBoard: BOARD, procedural: [{ subject: 'Bầu thư ký', agree: 3 }, { subject: 'Bỏ phiếu kín', agree: 2 }] },
      }),
      201,
    );
    const got = await ok<{ procedure: { notices: { meetingOn: string }[]; meetings: { countingBoard: string[]; procedural: { subject: string; passed: boolean }[] }[] } }>(env.api('GET', `/api/v1/grassroots/matters/${m.id}`, { token: staff }));
    expect(got.procedure.notices).toHaveLength(2);
    expect(got.procedure.meetings[0]!.countingBoard).toEqual(BOARD);
    expect(got.procedure.meetings[0]!.procedural.map((p) => [p.subject, p.passed])).toEqual([
      ['Bầu thư ký', true],
      ['Bỏ phiếu kín', false],
    ]);
    const pdf = await env.api('GET', `/api/v1/grassroots/matters/${m.id}/records/mau-01`, { token: staff });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    if (process.env.DANVAN_GRASSROOTS_PDF_DIR) (await import('node:fs')).writeFileSync(`${process.env.DANVAN_GRASSROOTS_PDF_DIR}/mau-01.pdf`, pdf.rawPayload);
  });

  it('village rules (item 3): the draft posted at least 30 days before the meeting (c21)', async () => {
    const m = await matter({ item: 3, title: 'Sửa đổi quy ước thôn Đông' });
    const body = { noticeOn: '2027-07-01', meetingOn: '2027-07-30', place: 'Nhà văn hóa', documentsOn: '2027-07-01' };
    const none = await env.api('POST', `/api/v1/grassroots/matters/${m.id}/notices`, { token: staff, body });
    expect(none.statusCode).toBe(400);
    const short = await env.api('POST', `/api/v1/grassroots/matters/${m.id}/notices`, { token: staff, body: { ...body, draftPostedOn: '2027-07-01' } });
    expect((short.json() as { message: string }).message).toContain('hội nghị sớm nhất ngày 31/07/2027');
    await ok(env.api('POST', `/api/v1/grassroots/matters/${m.id}/notices`, { token: staff, body: { ...body, meetingOn: '2027-07-31', draftPostedOn: '2027-07-01' } }), 201);
  });

  it('a ballot needs its plan (team of 3–5 led by the Front, notice 2 days before distribution); a late plan is flagged', async () => {
    const m = await matter({ item: 6, title: 'Quy định giữ gìn vệ sinh chung' });
    const none = await env.api('POST', `/api/v1/grassroots/matters/${m.id}/open`, { token: staff, body: { forms: ['paper'] } });
    expect(none.statusCode).toBe(400);
    const plan = { decidedOn: '2027-07-01', planSentOn: '2027-07-02', noticeOn: '2027-07-02', distributeOn: '2027-07-04', returnBy: '2027-07-10', team: TEAM };
    const two = await env.api('POST', `/api/v1/grassroots/matters/${m.id}/open`, { token: staff, body: { forms: ['paper'], ballotPlan: { ...plan, team: TEAM.slice(0, 2) } } });
    expect(two.statusCode).toBe(400);
    expect((two.json() as { message: string }).message).toContain('do đại diện Ban công tác Mặt trận làm tổ trưởng');
    const noLeader = await env.api('POST', `/api/v1/grassroots/matters/${m.id}/open`, { token: staff, body: { forms: ['paper'], ballotPlan: { ...plan, team: TEAM.map((t) => ({ name: t.name })) } } });
    expect(noLeader.statusCode).toBe(400);
    const early = await env.api('POST', `/api/v1/grassroots/matters/${m.id}/open`, { token: staff, body: { forms: ['paper'], ballotPlan: { ...plan, distributeOn: '2027-07-03' } } });
    expect(early.statusCode).toBe(400);
    expect((early.json() as { message: string }).message).toContain('sớm nhất là ngày 04/07/2027');
    await ok(env.api('POST', `/api/v1/grassroots/matters/${m.id}/open`, { token: staff, body: { forms: ['paper'], ballotPlan: { ...plan, planSentOn: '2027-07-04' } } }));
    const got = await ok<{ procedure: { plans: { form: string; planLate: boolean; endsOn: string; team: unknown[] }[] } }>(env.api('GET', `/api/v1/grassroots/matters/${m.id}`, { token: staff }));
    expect(got.procedure.plans).toEqual([expect.objectContaining({ form: 'paper', planLate: true, endsOn: '2027-07-10', team: TEAM.map((t) => ({ name: t.name, leader: t.leader === true })) })]);
  });

  it('an online vote needs its team and the Front agreement, and counts only inside its window', async () => {
    const m = await matter({ item: 6, title: 'Chọn ngày tổ chức lễ hội làng' });
    const none = await env.api('POST', `/api/v1/grassroots/matters/${m.id}/open`, { token: staff, body: { forms: ['online'] } });
    expect(none.statusCode).toBe(400);
    expect((none.json() as { message: string }).message).toContain('Biểu quyết trực tuyến');
    await ok(env.api('POST', `/api/v1/grassroots/matters/${m.id}/open`, { token: staff, body: { forms: ['online'], onlinePlan: { agreedOn: '2027-07-05', startsOn: '2027-07-06', endsOn: '2027-07-08', team: TEAM } } }));
    const before = await env.api('POST', `/api/v1/public/grassroots/matters/${m.id}/votes`, { body: { code: codes[0]!.code, choice: 'agree' } });
    expect(before.statusCode).toBe(409);
    expect((before.json() as { message: string }).message).toContain('từ 06/07/2027 đến 08/07/2027');
    env.setNow('2027-07-06T02:00:00Z');
    await ok(env.api('POST', `/api/v1/public/grassroots/matters/${m.id}/votes`, { body: { code: codes[0]!.code, choice: 'agree' } }), 201);
    env.setNow('2027-07-05T02:00:00Z');
  });
});

describe('year-end conference, publications, Art. 25 comments, staff lists, register edits, reminders', () => {
  it('a year-end conference needs 5 days notice and records its agenda and result', async () => {
    const late = await env.api('POST', `/api/v1/grassroots/communities/${t01}/conferences`, { token: staff, body: { year: 2027, noticeOn: '2027-12-10', heldOn: '2027-12-14', place: 'Nhà văn hóa' } });
    expect(late.statusCode).toBe(400);
    expect((late.json() as { message: string }).message).toContain('sớm nhất là ngày 15/12/2027');
    const c = await ok<{ id: string }>(env.api('POST', `/api/v1/grassroots/communities/${t01}/conferences`, { token: staff, body: { year: 2027, noticeOn: '2027-07-01', heldOn: '2027-07-05', place: 'Nhà văn hóa' } }), 400);
    expect(c).toBeDefined();
    const conf = await ok<{ id: string }>(env.api('POST', `/api/v1/grassroots/communities/${t01}/conferences`, { token: staff, body: { year: 2027, noticeOn: '2027-06-28', heldOn: '2027-07-03', place: 'Nhà văn hóa thôn Đông' } }), 201);
    const done = await ok<{ agenda: { key: string; done: boolean }[]; resultSentOn: string }>(
      env.api('POST', `/api/v1/grassroots/conferences/${conf.id}/result`, { token: staff, body: { agenda: ['village-head-report', 'front-report', 'inspection-board-report', 'discussion'], summary: 'Hội nghị thống nhất phương hướng năm 2028', sentOn: '2027-07-04' } }),
    );
    expect(done.agenda.filter((a) => a.done)).toHaveLength(4);
    expect(done.agenda).toHaveLength(8);
    const list = await ok<{ items: { year: number; resultSentOn: string }[] }>(env.api('GET', `/api/v1/grassroots/conferences?agency=${COMMUNE}&year=2027`, { token: staff }));
    expect(list.items).toEqual([expect.objectContaining({ year: 2027, resultSentOn: '2027-07-04' })]);
  });

  it('lists what was published in the quarter with the 5-working-day, 30-day and loudspeaker checks', async () => {
    await ok(env.api('POST', '/api/v1/grassroots/publications', { token: staff, body: { agency: COMMUNE, item: 3, title: 'Dự toán ngân sách xã năm 2027', decidedOn: '2027-04-01', postedOn: '2027-04-05', postedUntil: '2027-05-04', channels: ['office', 'portal'] } }), 201);
    // Item 8 (social benefits) also goes on the loudspeaker for 3 days; posted late and for 20 days only.
    await ok(env.api('POST', '/api/v1/grassroots/publications', { token: staff, body: { agency: COMMUNE, item: 8, title: 'Danh sách hộ nghèo năm 2027', decidedOn: '2027-05-03', postedOn: '2027-05-20', postedUntil: '2027-06-08', loudspeakerFrom: '2027-05-20', loudspeakerTo: '2027-05-21', channels: ['office', 'loudspeaker'] } }), 201);
    const q = await ok<{ items: { title: string; check: { dueOn: string; postedLate: boolean; postedDays: number; postedTooShort: boolean; loudspeakerShort: boolean } }[]; totals: Record<string, number> }>(
      env.api('GET', `/api/v1/grassroots/publications?agency=${COMMUNE}&quarter=2027-Q2`, { token: staff }),
    );
    expect(q.items.map((i) => i.title)).toEqual(['Dự toán ngân sách xã năm 2027', 'Danh sách hộ nghèo năm 2027']);
    expect(q.items[0]!.check).toMatchObject({ dueOn: '2027-04-08', postedLate: false, postedDays: 30, postedTooShort: false, loudspeakerShort: false });
    expect(q.items[1]!.check).toMatchObject({ postedLate: true, postedDays: 20, postedTooShort: true, loudspeakerShort: true });
    expect(q.totals).toEqual({ published: 2, late: 1, tooShort: 1, loudspeakerShort: 1 });
    expect((await ok<{ items: unknown[] }>(env.api('GET', `/api/v1/grassroots/publications?agency=${COMMUNE}&quarter=2027-Q3`, { token: staff }))).items).toHaveLength(0);
  });

  it('opens an Art. 25 commune consultation (≥ 20 days) and lists it', async () => {
    const short = await env.api('POST', '/api/v1/grassroots/comment-matters', { token: staff, body: { agency: COMMUNE, subject: 'quy-hoach-sd-dat', title: 'Kế hoạch sử dụng đất năm 2028', opensOn: '2027-07-10', closesOn: '2027-07-28' } });
    expect(short.statusCode).toBe(400);
    const c = await ok<{ id: string; minDays: number }>(env.api('POST', '/api/v1/grassroots/comment-matters', { token: staff, body: { agency: COMMUNE, subject: 'quy-hoach-sd-dat', title: 'Kế hoạch sử dụng đất năm 2028', opensOn: '2027-07-10', closesOn: '2027-07-30' } }), 201);
    expect(c.minDays).toBe(20);
    const bad = await env.api('POST', '/api/v1/grassroots/comment-matters', { token: staff, body: { agency: COMMUNE, subject: 'van-ban-qppl', title: 'X' } });
    expect(bad.statusCode).toBe(400);
    const list = await ok<{ subjects: { key: string; mark: string }[]; districtSuccessor: { level: string; mark: string }; items: { id: string }[] }>(env.api('GET', `/api/v1/grassroots/comment-matters?agency=${COMMUNE}`, { token: staff }));
    expect(list.items.map((i) => i.id)).toContain(c.id);
    expect(list.subjects).toHaveLength(8);
    expect(list.districtSuccessor).toMatchObject({ level: 'province', mark: '[R]' });
  });

  it('lists initiatives and recommendations for the staff screens, edits the register', async () => {
    const ini = await ok<{ items: { title: string; standing: { validSignatures: number } }[] }>(env.api('GET', `/api/v1/grassroots/initiatives?agency=${COMMUNE}`, { token: staff }));
    expect(ini.items.map((i) => i.title).sort()).toEqual(['Lắp đèn chiếu sáng ngõ', 'Sân chơi cho trẻ em']);
    const recs = await ok<{ items: { state: string; boardLabel: string }[] }>(env.api('GET', `/api/v1/grassroots/recommendations?agency=${COMMUNE}`, { token: staff }));
    expect(recs.items).toEqual([expect.objectContaining({ state: 'answered-late', boardLabel: 'Ban Thanh tra nhân dân' })]);
    const rules = await ok<{ notice: { meeting: { days: number; mark: string } }; teamSize: { min: number; max: number } }>(env.api('GET', '/api/v1/grassroots/rules', { token: staff }));
    expect(rules).toMatchObject({ notice: { meeting: { days: 2, mark: '[V]' } }, teamSize: { min: 3, max: 5 } });
    const other = await env.login('xa2.canbo');
    const [v] = (await ok<{ items: { id: string; code: string }[] }>(env.api('GET', '/api/v1/grassroots/communities?agency=00025', { token: other }))).items;
    expect(await ok(env.api('PATCH', `/api/v1/grassroots/communities/${v!.id}`, { token: other, body: { name: 'Thôn Một Mới', kind: 'thon' } }))).toMatchObject({ name: 'Thôn Một Mới' });
    expect(await ok(env.api('PATCH', `/api/v1/grassroots/communities/${v!.id}/households/${hh(9)}`, { token: other, body: { members: 7, active: false } }))).toEqual({ code: hh(9), members: 7, active: false });
    const after = await ok<{ items: { code: string; households: number }[] }>(env.api('GET', '/api/v1/grassroots/communities?agency=00025', { token: other }));
    expect(after.items.find((c) => c.code === v!.code)!.households).toBe(8);
    expect((await env.api('PATCH', `/api/v1/grassroots/communities/${v!.id}/households/H999`, { token: other, body: { members: 2 } })).statusCode).toBe(404);
  });

  it("the boards' plans: inspection ≥ 5 working days before acting, investment monitoring ≥ 45 days (c24, c25)", async () => {
    // Sent Fri 27/08/2027: 30/8, 31/8, 1/9, then National Day 2/9 and the adjacent 3/9 are skipped, 6/9, 7/9 → 5 working days.
    const early = await env.api('POST', '/api/v1/grassroots/board-plans', { token: staff, body: { agency: COMMUNE, board: 'inspection', subject: 'Kiểm tra việc thu quỹ đóng góp làm đường', sentOn: '2027-08-27', startsOn: '2027-09-06' } });
    expect(early.statusCode).toBe(400);
    expect((early.json() as { message: string }).message).toContain('sớm nhất là ngày 07/09/2027');
    await ok(env.api('POST', '/api/v1/grassroots/board-plans', { token: staff, body: { agency: COMMUNE, board: 'inspection', subject: 'Kiểm tra việc thu quỹ đóng góp làm đường', sentOn: '2027-08-27', startsOn: '2027-09-07' } }), 201);
    const inv = await env.api('POST', '/api/v1/grassroots/board-plans', { token: staff, body: { agency: COMMUNE, board: 'investment', subject: 'Giám sát công trình nhà văn hóa', sentOn: '2027-07-01', startsOn: '2027-08-14' } });
    expect((inv.json() as { message: string }).message).toContain('sớm nhất là ngày 15/08/2027');
    await ok(env.api('POST', '/api/v1/grassroots/board-plans', { token: staff, body: { agency: COMMUNE, board: 'investment', subject: 'Giám sát công trình nhà văn hóa', sentOn: '2027-07-01', startsOn: '2027-08-15' } }), 201);
    expect((await ok<{ items: unknown[] }>(env.api('GET', `/api/v1/grassroots/board-plans?agency=${COMMUNE}`, { token: staff }))).items).toHaveLength(2);
    // Dates the legal clock cannot time answer 400, never 500.
    expect((await env.api('POST', '/api/v1/grassroots/board-plans', { token: staff, body: { agency: COMMUNE, board: 'inspection', subject: 'X', sentOn: '2099-01-01', startsOn: '2099-02-01' } })).statusCode).toBe(400);
    expect((await env.api('POST', '/api/v1/grassroots/publications', { token: staff, body: { agency: COMMUNE, item: 1, title: 'X', decidedOn: '2001-01-01', postedOn: '2001-01-02', channels: [] } })).statusCode).toBe(400);
    expect((await env.api('POST', '/api/v1/grassroots/recommendations', { token: staff, body: { agency: COMMUNE, board: 'inspection', content: 'X', receivedOn: '2001-01-01' } })).statusCode).toBe(400);
  });

  it('reminds the commune staff by e-mail through the outbox, once a day', async () => {
    await env.database.db.execute(sql`update users set email = 'xa.canbo@xa00004.gov.vn' where username = 'xa.canbo'`);
    await env.addUser('quantri.gr', 'admin', 'VN');
    const admin = await env.login('quantri.gr');
    expect((await env.api('POST', '/api/v1/grassroots/sweep', { token: staff })).statusCode).toBe(403);
    const first = await ok<{ due: number; messages: number }>(env.api('POST', '/api/v1/grassroots/sweep', { token: admin }));
    expect(first.due).toBeGreaterThan(0);
    expect(first.messages).toBeGreaterThan(0);
    expect((await ok<{ messages: number }>(env.api('POST', '/api/v1/grassroots/sweep', { token: admin }))).messages).toBe(0);
    const rows = await queryRows<{ kind: string; recipient_hint: string }>(env.database.db, sql`select kind, recipient_hint from notification_outbox where dedupe_key like 'grassroots:send-decision:%'`);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows[0]).toMatchObject({ kind: 'staff-reminder' });
  });
});

describe('agency scope and audit', () => {
  it('answers 404 to officers of another commune on every id route', async () => {
    const [m] = await queryRows<{ id: string }>(env.database.db, sql`select id from grassroots_matters where agency_path like '%/00004' limit 1`);
    const [ini] = await queryRows<{ id: string }>(env.database.db, sql`select id from grassroots_initiatives limit 1`);
    const [rec] = await queryRows<{ id: string }>(env.database.db, sql`select id from grassroots_recommendations limit 1`);
    const [conf] = await queryRows<{ id: string }>(env.database.db, sql`select id from grassroots_conferences limit 1`);
    const doc = (await env.api('GET', '/api/v1/openapi.json')).json() as { paths: Record<string, Record<string, unknown>> };
    const idRoutes = Object.entries(doc.paths).flatMap(([p, ops]) => (p.startsWith('/api/v1/grassroots/') && p.includes('{id}') ? Object.keys(ops).map((method) => [method.toUpperCase(), p] as const) : []));
    expect(idRoutes.length).toBeGreaterThanOrEqual(14);
    for (const user of ['khac.lanhdao', 'khac.canbo']) {
      const token = await env.login(user);
      for (const [method, p] of idRoutes) {
        const id = p.includes('/communities/') ? t01 : p.includes('/initiatives/') ? ini!.id : p.includes('/recommendations/') ? rec!.id : p.includes('/conferences/') ? conf!.id : m!.id;
        const url = p.replace('{id}', id).replace('{record}', 'mau-02').replace('{code}', 'H001');
        const body = Object.entries(BODIES).find(([suffix]) => p.endsWith(suffix))?.[1] ?? {};
        const res = await env.api(method as 'GET', url, { token, ...(method === 'POST' || method === 'PATCH' ? { body } : {}) });
        expect(res.statusCode, `${user} ${method} ${url} → ${res.body.slice(0, 200)}`).toBe(404);
      }
      for (const url of [`/api/v1/grassroots/communities?agency=${COMMUNE}`, `/api/v1/grassroots/compliance?agency=${COMMUNE}`, `/api/v1/grassroots/initiatives?agency=${COMMUNE}`, `/api/v1/grassroots/recommendations?agency=${COMMUNE}`, `/api/v1/grassroots/publications?agency=${COMMUNE}&quarter=2027-Q2`, `/api/v1/grassroots/conferences?agency=${COMMUNE}`]) {
        expect((await env.api('GET', url, { token })).statusCode).toBe(404);
      }
      expect((await ok<{ total: number }>(env.api('GET', '/api/v1/grassroots/matters', { token }))).total).toBe(0);
    }
  });

  it('keeps the audit chain intact', async () => {
    const v = await verifyAudit(env.database.db);
    expect(v.ok).toBe(true);
  });
});
