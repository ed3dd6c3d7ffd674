/**
 * Dialogues and commitments through the HTTP API (issue 14; both databases): the kinds as data, plan → notice (the
 * 7-day rule refused with the earliest date) → citizens register a question (no account, sealed contact,
 * Idempotency-Key) → two cluster sessions → conclusion on day 11 (late) with 5 issues → exactly 2 commitments → the
 * owner updates with a photo and closes on time, the other runs overdue (sweep, escalation) → fulfilment 50% in the
 * commune's and the province's figures and period report, the public tracker and the CSV; roles and 404s;
 * compliance on 30/06 vs 31/12; issue → case; the audit chain.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/client.ts';
import { createTestEnv, type TestEnv } from '../../testing/harness.ts';
import { verifyAudit } from '../audit/verify-audit.ts';

let env: TestEnv;
let dialogueId = '';
let regCode = '';
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082', 'hex');

interface Commitment {
  id: string;
  code: string;
  status: string;
  overdue: boolean;
  keptOnTime: boolean;
  ownerAgency: { code: string };
}
interface Dialogue {
  id: string;
  code: string;
  status: string;
  attendance: number;
  heldOn: string;
  conclusionDueOn: string;
  conclusionLate: boolean;
  issues: { id: string; outcome: string; caseCode: string | null; registrationCode: string | null }[];
  commitments: Commitment[];
  registrations: { code: string; question: string; hasContact: boolean }[];
}

beforeAll(async () => {
  env = await createTestEnv({ now: '2026-10-07T02:00:00Z' }); // 09:00 Wednesday 07/10/2026 in Hà Nội
  await env.addUser('bd.head', 'head', '00004');
  await env.addUser('bd.handler', 'handler', '00004');
  await env.addUser('bd.receptionist', 'receptionist', '00004');
  await env.addUser('nh.handler', 'handler', '00008');
  await env.addUser('nh.monitor', 'monitor', '00008');
  await env.addUser('gv.handler', 'handler', '00025');
  await env.addUser('gv.head', 'head', '00025');
  await env.addUser('hn.monitor', 'monitor', '01');
  await env.addUser('hn.head', 'head', '01');
  await env.addUser('admin', 'admin', 'VN');
});
afterAll(async () => env?.close());

const get = async (user: string, url: string) => env.api('GET', url, { token: await env.login(user) });
const post = async (user: string, url: string, body: unknown) => env.api('POST', url, { token: await env.login(user), body });
const dialogue = async (user = 'bd.handler') => ((await get(user, `/api/v1/dialogues/${dialogueId}`)).json() as { dialogue: Dialogue }).dialogue;

describe('kinds as data', () => {
  it('lists the four kinds with their lead times, deadlines, citations and marks', async () => {
    const res = await get('bd.handler', '/api/v1/dialogue-kinds');
    expect(res.statusCode, res.body).toBe(200);
    const items = (res.json() as { items: { key: string; noticeDays: number; conclusionDays: number; conclusionDaysComplex: number | null; noticeMark: string; noticeCitation: string }[] }).items;
    expect(items.map((k) => k.key)).toEqual(['commune-yearly', 'youth', 'pre-decision', 'head-thematic']);
    expect(items[0]).toMatchObject({ noticeDays: 7, conclusionDays: 10, noticeMark: 'V*', noticeCitation: 'Điều 43 Luật Tổ chức chính quyền địa phương 72/2025/QH15' });
    expect(items[1]).toMatchObject({ noticeDays: 30, conclusionDays: 10, conclusionDaysComplex: 15, noticeMark: 'V' });
  });
  it('only a national admin edits them; a bad row is refused field by field', async () => {
    const kinds = (await get('admin', '/api/v1/dialogue-kinds')).json() as { items: Record<string, unknown>[] };
    const forbidden = await env.api('PUT', '/api/v1/dialogue-kinds', { token: await env.login('bd.head'), body: { kinds: kinds.items } });
    expect(forbidden.statusCode).toBe(403);
    const bad = await env.api('PUT', '/api/v1/dialogue-kinds', { token: await env.login('admin'), body: { kinds: [{ ...kinds.items[1], conclusionDaysComplex: 5 }] } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ details: [{ field: 'kinds.0.conclusionDaysComplex', message: 'Loại đối thoại thứ 1: «conclusionDaysComplex» không hợp lệ' }] });
    const ok = await env.api('PUT', '/api/v1/dialogue-kinds', { token: await env.login('admin'), body: { kinds: kinds.items } });
    expect(ok.statusCode, ok.body).toBe(200);
  });
});

describe('plan and notice', () => {
  it('the head or handler of the commune plans; a receptionist or another commune may not', async () => {
    const body = { agency: '00004', kind: 'commune-yearly', title: 'Hội nghị đối thoại giữa UBND phường Ba Đình với Nhân dân năm 2026', plannedOn: '2026-10-13', startTime: '08:00', location: 'Hội trường UBND phường' };
    expect((await post('bd.receptionist', '/api/v1/dialogues', body)).statusCode).toBe(403);
    expect((await post('nh.handler', '/api/v1/dialogues', body)).statusCode).toBe(403);
    const unknown = await post('bd.handler', '/api/v1/dialogues', { ...body, kind: 'picnic' });
    expect(unknown.json()).toMatchObject({ details: [{ field: 'kind', message: 'Không có loại đối thoại «picnic»' }] });
    const res = await post('bd.handler', '/api/v1/dialogues', body);
    expect(res.statusCode, res.body).toBe(201);
    const d = (res.json() as { dialogue: Dialogue & { organiser: string; kind: { noticeRule: string } } }).dialogue;
    expect(d).toMatchObject({ code: 'DT-00004-2026-001', status: 'planned', organiser: 'UBND xã phối hợp Ủy ban MTTQ Việt Nam xã' });
    expect(d.kind.noticeRule).toContain('có thể cấu hình');
    dialogueId = d.id;
  });
  it('a notice published 6 days before the commune dialogue is refused, naming the 7-day rule and the earliest date', async () => {
    const res = await post('bd.handler', `/api/v1/dialogues/${dialogueId}/notice`, { howToAttend: 'Trực tiếp tại hội trường; đăng ký gửi câu hỏi trên cổng DânVận' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({
      details: [
        {
          field: 'plannedOn',
          message:
            'Thông báo hội nghị đối thoại phải được công bố trước ít nhất 7 ngày (Điều 43 Luật Tổ chức chính quyền địa phương 72/2025/QH15; mặc định theo nguồn thứ cấp — cần đối chiếu văn bản gốc, có thể cấu hình): thông báo ngày 07/10/2026 thì sớm nhất tổ chức ngày 14/10/2026',
        },
      ],
    });
    const en = await env.api('POST', `/api/v1/dialogues/${dialogueId}/notice`, { token: await env.login('bd.handler'), headers: { 'accept-language': 'en' }, body: { howToAttend: 'x' } });
    expect((en.json() as { details: { message: string }[] }).details[0]!.message).toContain('can take place on 14/10/2026 at the earliest');
  });
  it('the refusal is also the response message (Vietnamese), in English with Accept-Language', async () => {
    const res = await post('bd.handler', `/api/v1/dialogues/${dialogueId}/notice`, { howToAttend: 'x' });
    expect((res.json() as { message: string }).message).toContain('sớm nhất tổ chức ngày 14/10/2026');
  });
  it('published 7 days before (06/10 for 13/10), the notice is accepted and the dialogue is public', async () => {
    const res = await post('bd.handler', `/api/v1/dialogues/${dialogueId}/notice`, { noticeOn: '2026-10-06', howToAttend: 'Trực tiếp tại hội trường; gửi câu hỏi trước trên cổng DânVận', content: 'Tình hình kinh tế - xã hội, trật tự đô thị, chỉnh trang ngõ phố' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ dialogue: { status: 'noticed', noticeOn: '2026-10-06', noticeLate: false } });
    const pub = await env.api('GET', '/api/v1/public/dialogues?agency=01&when=upcoming');
    expect(pub.json()).toMatchObject({ items: [{ id: dialogueId, registrationOpen: true, plannedOnText: '13/10/2026' }] });
  });
});

describe('citizens register and send questions (public, no account)', () => {
  it('registers with a sealed contact and a code; the same Idempotency-Key returns the same registration', async () => {
    const body = { question: 'Bao giờ ngõ 19 Kim Mã được lắp đèn chiếu sáng?', name: 'Trần Thị Bình', phone: '0987 654 321', wantsToSpeak: true };
    const res = await env.api('POST', `/api/v1/public/dialogues/${dialogueId}/registrations`, { body, headers: { 'idempotency-key': 'reg-0001-abcdef' } });
    expect(res.statusCode, res.body).toBe(201);
    regCode = (res.json() as { registration: { code: string } }).registration.code;
    expect(regCode).toMatch(/^DK-[34679ACDEFGHJKMNPQRTUVWXY]{8}$/);
    const again = await env.api('POST', `/api/v1/public/dialogues/${dialogueId}/registrations`, { body, headers: { 'idempotency-key': 'reg-0001-abcdef' } });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ registration: { code: regCode } });
    const other = await env.api('POST', `/api/v1/public/dialogues/${dialogueId}/registrations`, { body: { ...body, question: 'Câu khác' }, headers: { 'idempotency-key': 'reg-0001-abcdef' } });
    expect(other.statusCode).toBe(409);
    const anon = await env.api('POST', `/api/v1/public/dialogues/${dialogueId}/registrations`, { body: { question: 'Kiến nghị tăng giờ làm việc bộ phận một cửa vào thứ Bảy' } });
    expect(anon.statusCode).toBe(201);
    const nameOnly = await env.api('POST', `/api/v1/public/dialogues/${dialogueId}/registrations`, { body: { question: 'x', name: 'Lê Văn C' } });
    expect(nameOnly.json()).toMatchObject({ details: [{ field: 'phone', message: 'Cần số điện thoại hoặc e-mail khi để lại họ tên' }] });
  });
  it('the contact is sealed in the database and never shown to staff', async () => {
    const rows = await queryRows<{ contact: unknown; question: string }>(env.ctx.db, sql`select contact, question from dialogue_registrations`);
    expect(JSON.stringify(rows)).not.toContain('0987');
    expect(JSON.stringify(rows)).not.toContain('Trần Thị Bình');
    const res = await get('bd.handler', `/api/v1/dialogues/${dialogueId}`);
    expect(res.body).not.toContain('Trần Thị Bình');
    expect(res.body).not.toContain('987654321');
    expect((res.json() as { dialogue: Dialogue }).dialogue.registrations).toMatchObject([{ code: regCode, hasContact: true }, { hasContact: false }]);
  });
});

describe('held: cluster sessions roll up into one dialogue', () => {
  it('two sessions: attendance summed, conclusion due 10 days after the last one (legal clock)', async () => {
    env.setNow('2026-10-13T10:00:00Z');
    const early = await post('bd.handler', `/api/v1/dialogues/${dialogueId}/conclusion`, { summary: 'x', issues: [{ content: 'x', outcome: 'answered', answer: 'y' }] });
    expect(early.statusCode).toBe(409);
    expect((early.json() as { message: string }).message).toBe('Không thể công bố kết luận khi đối thoại đang ở trạng thái «Đã thông báo»');
    const s1 = await post('bd.handler', `/api/v1/dialogues/${dialogueId}/sessions`, { label: 'Cụm tổ dân phố 1–12', heldOn: '2026-10-12', attendance: 120, minutes: 'Biên bản cụm 1' });
    expect(s1.statusCode, s1.body).toBe(200);
    const s2 = await post('bd.handler', `/api/v1/dialogues/${dialogueId}/sessions`, { label: 'Cụm tổ dân phố 13–25', heldOn: '2026-10-13', attendance: 85, chairedBy: 'Chủ tịch UBND phường; Chủ tịch UBMTTQ phường; Phó Chủ tịch HĐND phường' });
    expect(s2.statusCode, s2.body).toBe(200);
    const d = await dialogue();
    expect(d).toMatchObject({ status: 'held', attendance: 205, heldOn: '2026-10-13', conclusionDueOn: '2026-10-23' });
  });
});

describe('conclusion and commitments', () => {
  it('recorded on day 11 it is flagged late; 5 issues (2 answered, 1 transferred, 2 assigned) make exactly 2 commitments', async () => {
    env.setNow('2026-10-24T03:00:00Z');
    const issues = [
      { content: 'Lắp đèn chiếu sáng ngõ 19 Kim Mã', outcome: 'assigned', agency: '00004', dueOn: '2026-11-15', registrationCode: regCode },
      { content: 'Giờ làm việc bộ phận một cửa thứ Bảy', outcome: 'answered', answer: 'Bộ phận một cửa làm việc sáng thứ Bảy từ 01/11/2026' },
      { content: 'Mức thu phí vệ sinh', outcome: 'answered', answer: 'Theo Nghị quyết của HĐND Thành phố' },
      { content: 'Bồi thường giải phóng mặt bằng tuyến đường vành đai', outcome: 'transferred', agency: '01' },
      { content: 'Nạo vét rãnh thoát nước khu tập thể Giảng Võ', outcome: 'assigned', agency: '00025', dueOn: '2026-11-30' },
    ];
    const missing = await post('bd.handler', `/api/v1/dialogues/${dialogueId}/conclusion`, { summary: 'Kết luận', issues: [{ content: 'x', outcome: 'assigned', agency: '00025' }, { content: 'y', outcome: 'transferred' }] });
    expect(missing.json()).toMatchObject({
      details: [
        { field: 'issues.0.dueOn', message: 'Vấn đề giao cơ quan giải quyết phải có hạn thực hiện' },
        { field: 'issues.1.agency', message: 'Vấn đề chuyển hoặc giao phải ghi cơ quan nhận' },
      ],
    });
    const res = await post('bd.head', `/api/v1/dialogues/${dialogueId}/conclusion`, { summary: 'Thông báo kết luận hội nghị đối thoại năm 2026', issues });
    expect(res.statusCode, res.body).toBe(200);
    const d = (res.json() as { dialogue: Dialogue }).dialogue;
    expect(d).toMatchObject({ status: 'concluded', conclusionLate: true, conclusionDueOn: '2026-10-23' });
    expect(d.issues.map((i) => i.outcome)).toEqual(['assigned', 'answered', 'answered', 'transferred', 'assigned']);
    expect(d.issues[0]!.registrationCode).toBe(regCode);
    expect(d.commitments).toHaveLength(2);
    expect(d.commitments.map((c) => [c.code, c.ownerAgency.code, c.status])).toEqual([
      ['CK-00004-2026-001-01', '00004', 'open'],
      ['CK-00004-2026-001-05', '00025', 'open'],
    ]);
    expect((await post('bd.head', `/api/v1/dialogues/${dialogueId}/conclusion`, { summary: 'x', issues })).statusCode).toBe(409);
  });
  it('the owner updates with a photo, then closes with a public note on time; the citizen who asked is told', async () => {
    const d = await dialogue();
    const own = d.commitments[0]!;
    env.setNow('2026-11-02T03:00:00Z');
    const up = await post('bd.handler', `/api/v1/commitments/${own.id}/updates`, { status: 'in-progress', progress: 40, note: 'Đã khảo sát, lập dự toán', evidence: [{ fileName: 'khao-sat.png', dataBase64: PNG.toString('base64') }] });
    expect(up.statusCode, up.body).toBe(200);
    const timeline = (up.json() as { timeline: { status: string; evidence: { id: string; contentType: string }[] }[] }).timeline;
    expect(timeline.map((t) => t.status)).toEqual(['open', 'in-progress']);
    expect(timeline[1]!.evidence).toMatchObject([{ contentType: 'image/png' }]);
    const file = await get('bd.handler', `/api/v1/commitment-evidence/${timeline[1]!.evidence[0]!.id}`);
    expect(file.statusCode).toBe(200);
    expect(Buffer.compare(file.rawPayload, PNG)).toBe(0);
    expect((await get('nh.handler', `/api/v1/commitment-evidence/${timeline[1]!.evidence[0]!.id}`)).statusCode).toBe(404);
    const noNote = await post('bd.handler', `/api/v1/commitments/${own.id}/updates`, { status: 'done' });
    expect(noNote.json()).toMatchObject({ details: [{ field: 'closingNote', message: '«Ghi chú kết thúc (công khai)» là bắt buộc' }] });
    env.setNow('2026-11-10T03:00:00Z');
    const done = await post('bd.handler', `/api/v1/commitments/${own.id}/updates`, { status: 'done', closingNote: 'Đã lắp 12 bóng đèn LED ngõ 19 Kim Mã, nghiệm thu ngày 10/11/2026', evidence: [{ fileName: 'nghiem-thu.png', dataBase64: PNG.toString('base64') }] });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ commitment: { status: 'done', progress: 100, closedOn: '2026-11-10', keptOnTime: true, overdue: false } });
    const [outbox] = await queryRows<{ n: number }>(env.ctx.db, sql`select count(*)::int as n from notification_outbox where kind = 'commitment-closed'`);
    expect(Number(outbox?.n)).toBe(1);
  });
  it("the organiser's staff see but cannot edit another agency's commitment (403); another commune gets 404", async () => {
    const d = await dialogue();
    const other = d.commitments[1]!;
    const denied = await post('bd.handler', `/api/v1/commitments/${other.id}/updates`, { progress: 10, note: 'x' });
    expect(denied.statusCode).toBe(403);
    expect((denied.json() as { message: string }).message).toBe('Chỉ cán bộ của cơ quan được giao (Ủy ban nhân dân Phường Giảng Võ) được cập nhật cam kết này');
    for (const user of ['nh.handler', 'nh.monitor']) {
      expect((await get(user, `/api/v1/dialogues/${dialogueId}`)).statusCode).toBe(404);
      for (const c of d.commitments) {
        expect((await get(user, `/api/v1/commitments/${c.id}`)).statusCode).toBe(404);
        expect((await post(user, `/api/v1/commitments/${c.id}/updates`, { progress: 10, note: 'x' })).statusCode).toBe(404);
      }
      expect((await post(user, `/api/v1/dialogues/${dialogueId}/notice`, { howToAttend: 'x' })).statusCode).toBe(404);
      expect((await post(user, `/api/v1/dialogues/${dialogueId}/sessions`, { heldOn: '2026-10-13', attendance: 1 })).statusCode).toBe(404);
      expect((await post(user, `/api/v1/dialogues/${dialogueId}/conclusion`, { summary: 'x', issues: [{ content: 'x', outcome: 'answered', answer: 'y' }] })).statusCode).toBe(404);
      const list = (await get(user, '/api/v1/commitments')).json() as { items: unknown[] };
      expect(list.items).toEqual([]);
      expect((await get(user, '/api/v1/commitments?agency=00004')).statusCode).toBe(404);
    }
    // The owner commune sees its own commitment (not the dialogue's others) and updates it.
    const gv = (await get('gv.handler', '/api/v1/commitments')).json() as { items: Commitment[] };
    expect(gv.items.map((c) => c.code)).toEqual(['CK-00004-2026-001-05']);
    expect((await get('gv.handler', `/api/v1/commitments/${d.commitments[0]!.id}`)).statusCode).toBe(404);
    const progress = await post('gv.handler', `/api/v1/commitments/${other.id}/updates`, { progress: 20, note: 'Đã khảo sát tuyến rãnh' });
    expect(progress.json()).toMatchObject({ commitment: { status: 'in-progress', progress: 20 } });
    // The province's monitor sees everything in its subtree but edits nothing.
    const mon = (await get('hn.monitor', '/api/v1/commitments?agency=01')).json() as { items: Commitment[] };
    expect(mon.items).toHaveLength(2);
    expect((await get('hn.monitor', `/api/v1/dialogues/${dialogueId}`)).statusCode).toBe(200);
    expect((await post('hn.monitor', `/api/v1/commitments/${other.id}/updates`, { progress: 30, note: 'x' })).statusCode).toBe(403);
  });
  it('after its due date the sweep marks the other overdue, reminds the owner and escalates to the province (idempotent)', async () => {
    env.setNow('2026-12-05T03:00:00Z');
    const forbidden = await post('bd.head', '/api/v1/commitments/sweep', {});
    expect(forbidden.statusCode).toBe(403);
    const r = await post('admin', '/api/v1/commitments/sweep', {});
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ scanned: 1, markedOverdue: 1, reminders: 2, escalations: 1 });
    expect((await post('admin', '/api/v1/commitments/sweep', {})).json()).toMatchObject({ markedOverdue: 0, reminders: 0, escalations: 0 });
    const notes = await queryRows<{ kind: string; message: string }>(env.ctx.db, sql`select kind, message from staff_notifications where kind like 'commitment-%' order by message`);
    expect(notes.map((n) => n.message)).toContain('[Cấp trên] Cam kết CK-00004-2026-001-05 đã quá hạn (hạn 30/11/2026): Nạo vét rãnh thoát nước khu tập thể Giảng Võ');
  });
});

describe('fulfilment: 1 kept on time + 1 overdue = 50% everywhere', () => {
  it("in the commune's and the province's figures", async () => {
    for (const [user, agency] of [['bd.handler', '00004'], ['hn.monitor', '01']] as const) {
      const res = await get(user, `/api/v1/dialogue-figures?agency=${agency}&from=2026-01-01&to=2026-12-31`);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ dialoguesHeld: 1, participants: 205, issuesRaised: 5, answeredOnSpot: 2, transferred: 1, assigned: 2, made: 2, kept: 1, keptOnTime: 1, overdue: 1, fulfilmentRate: 0.5 });
    }
    expect((await get('nh.handler', '/api/v1/dialogue-figures?agency=00004&from=2026-01-01&to=2026-12-31')).statusCode).toBe(404);
  });
  it("in the commune's and the province's period reports", async () => {
    for (const [user, agency] of [['bd.handler', '00004'], ['hn.monitor', '01']] as const) {
      const res = await get(user, `/api/v1/reports/period?agency=${agency}&period=2026`);
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json() as { dialogues: Record<string, unknown>; narrative: string };
      expect(body.dialogues).toMatchObject({ dialoguesHeld: 1, participants: 205, made: 2, kept: 1, keptOnTime: 1, overdue: 1, fulfilmentRate: 0.5 });
      expect(body.narrative).toContain('1 hội nghị đối thoại');
      expect(body.narrative).toContain('50%');
      const dash = await get(user, `/api/v1/reports/dashboard?agency=${agency}&period=2026`);
      expect((dash.json() as { dialogues: unknown }).dialogues).toMatchObject({ made: 2, kept: 1, keptOnTime: 1, overdue: 1, fulfilmentRate: 0.5 });
      const json = await get(user, `/api/v1/reports/export?agency=${agency}&period=2026&format=json`);
      expect(json.statusCode, json.body).toBe(200);
      expect((JSON.parse(json.body) as { dialogues: unknown }).dialogues).toMatchObject({ made: 2, fulfilmentRate: 0.5 });
    }
  });
  it('in the public tracker (JSON) and the CSV open data', async () => {
    for (const agency of ['00004', '01']) {
      const res = await env.api('GET', `/api/v1/public/commitments?agency=${agency}`);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ summary: { made: 2, kept: 1, keptOnTime: 1, overdue: 1, fulfilmentRate: 0.5 } });
      const csv = await env.api('GET', `/api/v1/public/commitments.csv?agency=${agency}`);
      expect(csv.statusCode).toBe(200);
      expect(csv.headers['content-type']).toContain('text/csv');
      expect(csv.body).toContain('ty_le_thuc_hien,50%');
      expect(csv.body).toContain('CK-00004-2026-001-01');
      expect(csv.body).not.toContain('Trần Thị Bình');
    }
    const pub = (await env.api('GET', `/api/v1/public/dialogues/${dialogueId}`)).json() as { dialogue: { issues: unknown[]; commitments: { closingNote: string | null; timeline: unknown[] }[] } };
    expect(pub.dialogue.issues).toHaveLength(5);
    expect(pub.dialogue.commitments[0]).toMatchObject({ closingNote: 'Đã lắp 12 bóng đèn LED ngõ 19 Kim Mã, nghiệm thu ngày 10/11/2026' });
    expect(JSON.stringify(pub)).not.toContain(regCode);
  });
});

describe('compliance', () => {
  it('a commune with no dialogue in 2026 is listed on 31/12/2026, not on 30/06/2026; late conclusions are listed', async () => {
    const mid = (await get('hn.monitor', '/api/v1/dialogue-compliance?agency=01&year=2026&asOf=2026-06-30')).json() as { withoutYearlyDialogue: { agencyCode: string }[]; lateConclusions: { code: string }[] };
    expect(mid.withoutYearlyDialogue).toEqual([]);
    const end = await get('hn.monitor', '/api/v1/dialogue-compliance?agency=01&year=2026&asOf=2026-12-31');
    expect(end.statusCode, end.body).toBe(200);
    const body = end.json() as { communes: number; withoutYearlyDialogue: { agencyCode: string }[]; lateConclusions: { code: string; dueOn: string; conclusionOn: string }[] };
    const listed = body.withoutYearlyDialogue.map((c) => c.agencyCode);
    expect(listed).toContain('00025');
    expect(listed).not.toContain('00004');
    expect(listed).toHaveLength(body.communes - 1);
    expect(body.lateConclusions).toMatchObject([{ code: 'DT-00004-2026-001', dueOn: '2026-10-23', conclusionOn: '2026-10-24' }]);
    expect((await get('nh.handler', '/api/v1/dialogue-compliance?agency=00004&year=2026')).statusCode).toBe(404);
  });
  it('a late notice is refused unless its reason is recorded; then it is listed as late', async () => {
    const created = await post('gv.head', '/api/v1/dialogues', { agency: '00025', kind: 'head-thematic', title: 'Đối thoại về ngập úng', plannedOn: '2026-12-08' });
    const id = (created.json() as { dialogue: { id: string } }).dialogue.id;
    const res = await post('gv.head', `/api/v1/dialogues/${id}/notice`, { howToAttend: 'Trực tiếp', location: 'Nhà văn hóa', lateReason: 'Mưa lớn gây ngập cục bộ, cần đối thoại ngay' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ dialogue: { noticeLate: true } });
    const c = (await get('hn.monitor', '/api/v1/dialogue-compliance?agency=01&year=2026&asOf=2026-12-31')).json() as { lateNotices: { agencyCode: string; requiredDays: number }[] };
    expect(c.lateNotices).toMatchObject([{ agencyCode: '00025', requiredDays: 7 }]);
  });
});

describe('portal pages (server-rendered, no script)', () => {
  it('lists the upcoming dialogue; a citizen registers a question through the plain form (303) and sees the code', async () => {
    const list = await env.api('GET', '/doi-thoai?co-quan=00025');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('Đối thoại về ngập úng');
    expect(list.body).not.toContain('<script');
    const id = /href="\/doi-thoai\/([0-9a-f-]{36})"/.exec(list.body)![1]!;
    const form = await env.api('GET', `/doi-thoai/${id}`);
    expect(form.body).toContain('action="/doi-thoai/' + id + '/dang-ky"');
    const key = /name="key" value="([0-9a-f]{24})"/.exec(form.body)![1]!;
    const bad = await env.app.inject({ method: 'POST', url: `/doi-thoai/${id}/dang-ky`, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: `key=${key}&question=&name=Ng%C3%B4+V%C4%83n+D` });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Cần số điện thoại hoặc e-mail khi để lại họ tên');
    const payload = `key=${key}&question=${encodeURIComponent('Khi nào nạo vét cống ngõ 5?')}&phone=0912345678`;
    const ok = await env.app.inject({ method: 'POST', url: `/doi-thoai/${id}/dang-ky`, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload });
    expect(ok.statusCode, ok.body).toBe(303);
    const again = await env.app.inject({ method: 'POST', url: `/doi-thoai/${id}/dang-ky`, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload });
    expect(again.headers.location).toBe(ok.headers.location);
    const done = await env.app.inject({ method: 'GET', url: String(ok.headers.location) });
    expect(done.body).toMatch(/class="code">DK-[A-Z0-9]{8}</);
  });
  it('the conclusion page and the tracker show the commitments and the 50% rate', async () => {
    const page = await env.api('GET', `/doi-thoai/${dialogueId}`);
    expect(page.body).toContain('Đã lắp 12 bóng đèn LED ngõ 19 Kim Mã');
    expect(page.body).toContain('công bố muộn so với thời hạn');
    const tracker = await env.api('GET', '/cam-ket?co-quan=01');
    expect(tracker.statusCode).toBe(200);
    expect(tracker.body).toContain('<strong>50%</strong>');
    expect(tracker.body).toContain('/api/v1/public/commitments.csv?agency=01');
  });
});

describe('issue → case in one click', () => {
  it('opens a case from the transferred issue, linked both ways; a second click is a 409', async () => {
    const d = await dialogue();
    const issue = d.issues[3]!;
    const res = await post('bd.handler', `/api/v1/dialogue-issues/${issue.id}/case`, { kind: 'feedback' });
    expect(res.statusCode, res.body).toBe(201);
    const c = (res.json() as { case: { id: string; code: string } }).case;
    expect((await dialogue()).issues[3]!.caseCode).toBe(c.code);
    const got = await get('bd.handler', `/api/v1/cases/${c.id}`);
    expect(got.statusCode).toBe(200);
    expect(got.body).toContain(d.code);
    expect((await post('bd.handler', `/api/v1/dialogue-issues/${issue.id}/case`, { kind: 'feedback' })).statusCode).toBe(409);
    expect((await post('nh.handler', `/api/v1/dialogue-issues/${issue.id}/case`, { kind: 'feedback' })).statusCode).toBe(404);
  });
});

describe('public registration limits and the audit chain', () => {
  it('registration closes after the day; the public route is rate-limited', async () => {
    const closed = await env.api('POST', `/api/v1/public/dialogues/${dialogueId}/registrations`, { body: { question: 'Muộn' } });
    expect(closed.statusCode).toBe(409);
    let last = 0;
    for (let i = 0; i < 25 && last !== 429; i++) last = (await env.api('POST', `/api/v1/public/dialogues/${dialogueId}/registrations`, { body: { question: 'Muộn' } })).statusCode;
    expect(last).toBe(429);
  });
  it('every step is in the audit chain, which verifies', async () => {
    const actions = await queryRows<{ action: string }>(env.ctx.db, sql`select action from audit_log where entity in ('dialogue', 'commitment') order by id`);
    expect(new Set(actions.map((a) => a.action))).toEqual(new Set(['dialogue.create', 'dialogue.notice', 'dialogue.register', 'dialogue.session', 'dialogue.conclude', 'commitment.update', 'dialogue.issue-case']));
    const log = await queryRows<{ after: unknown }>(env.ctx.db, sql`select after from audit_log where action = 'dialogue.register'`);
    expect(JSON.stringify(log)).not.toContain('0987');
    expect((await verifyAudit(env.ctx.db)).ok).toBe(true);
  });
});
