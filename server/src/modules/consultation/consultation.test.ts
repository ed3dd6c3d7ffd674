/**
 * Public consultation on drafts through the HTTP API, on PGlite and PostgreSQL (issue 20, Must show):
 *  - a .docx generated here (3 chapters, 12 articles with their khoản) imports into exactly 12 Điều sections;
 *    a re-import of an edited version keeps the opinions on the unchanged articles;
 *  - 1,000 opinions from 300 people across the four channels (portal with one-time codes read from the outbox,
 *    assisted entry, conferences, written submissions of agencies) give per-section counts equal to a hand count;
 *    a later opinion of the same person on the same section replaces the earlier one; a spoken-only conference
 *    opinion is not counted; an assisted opinion shows as assisted in the tally and in the audit trail;
 *  - "not accepted" for a theme where the majority approved, without an explanation → 400 in Vietnamese;
 *  - a state-secret draft is refused for publication; a commune period under 20 days is refused;
 *  - synthesis as DOCX and PDF, tally as XLSX and CSV; the public page shows the tally only after the close;
 *  - officers of another commune get 404 on every id route.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AlignmentType, Document, Packer, Paragraph, TextRun } from 'docx';
import mammoth from 'mammoth';
import { and, desc, eq, sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { createTestEnv, type TestEnv } from '../../testing/harness.ts';
import { queryRows } from '../../db/client.ts';
import { agencies, auditLog, consultationOpinions, consultationRespondents, notificationOutbox, users } from '../../db/schema.ts';
import type { SealedBox } from '../../security/sealer.ts';

let env: TestEnv;
let cid = '';
const communes01: string[] = [];
const communes79: string[] = [];

// ── A draft as a real .docx: 3 chapters, 12 articles, khoản (and điểm) ──

function articleText(n: number, edited = false): string[] {
  const lines = [`Điều ${n}. Nội dung quy định thứ ${n}`];
  const clauses = 2 + (n % 3);
  for (let k = 1; k <= clauses; k++) {
    lines.push(`${k}. Khoản ${k} của Điều ${n} quy định việc ${edited && k === 2 ? 'công khai kết quả trong 10 ngày' : 'lấy ý kiến Nhân dân về dự thảo'}.`);
    if (n === 4 && k === 1) lines.push('a) trường hợp thứ nhất;', 'b) trường hợp thứ hai.');
  }
  return lines;
}

function draftLines(edited = false): string[] {
  const lines = ['DỰ THẢO NGHỊ QUYẾT', 'Về quy chế thực hiện dân chủ ở phường', 'Căn cứ Luật Thực hiện dân chủ ở cơ sở ngày 10 tháng 11 năm 2022;'];
  const chapters = [
    ['Chương I', 'NHỮNG QUY ĐỊNH CHUNG', [1, 2, 3, 4]],
    ['Chương II', 'NHỮNG VIỆC NHÂN DÂN BÀN VÀ QUYẾT ĐỊNH', [5, 6, 7, 8]],
    ['Chương III', 'ĐIỀU KHOẢN THI HÀNH', [9, 10, 11, 12]],
  ] as const;
  for (const [head, title, arts] of chapters) {
    lines.push(head, title);
    for (const n of arts) lines.push(...articleText(n, edited && n === 5));
  }
  return lines;
}

async function docxOf(lines: string[]): Promise<string> {
  const doc = new Document({
    sections: [
      {
        children: lines.map(
          (l) => new Paragraph({ alignment: /^Chương|^[A-ZĐ ]+$/.test(l) ? AlignmentType.CENTER : AlignmentType.JUSTIFIED, children: [new TextRun({ text: l, bold: /^(Chương|Điều)/.test(l) })] }),
        ),
      },
    ],
  });
  return (await Packer.toBuffer(doc)).toString('base64');
}

// ── Helpers ──

async function staff(user: string, method: 'GET' | 'POST', url: string, body?: unknown): Promise<LightMyRequestResponse> {
  return env.api(method, url, { token: await env.login(user), ...(body !== undefined ? { body } : {}) });
}

let ipSeq = 0;
function pub(method: 'GET' | 'POST', url: string, body?: unknown, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
  ipSeq++;
  return env.app.inject({ method, url, headers, remoteAddress: `10.${(ipSeq >> 16) & 255}.${(ipSeq >> 8) & 255}.${ipSeq & 255}`, ...(body !== undefined ? { payload: body as object } : {}) });
}

/** Asks for a code and reads it from the outbox (sealed SMS / e-mail), as the citizen would from their phone. */
async function codeFor(consultation: string, dest: { phone?: string; email?: string }): Promise<{ requestId: string; code: string }> {
  const res = await pub('POST', `/api/v1/public/consultations/${consultation}/code`, dest);
  expect(res.statusCode, res.body).toBe(201);
  const { requestId } = res.json() as { requestId: string };
  const [row] = await env.ctx.db.select().from(notificationOutbox).where(eq(notificationOutbox.dedupeKey, `consultation-code:${requestId}`));
  const payload = JSON.parse(env.ctx.sealer.open(row!.payload as SealedBox)) as { to: string; text: string };
  const code = /(\d{6})/.exec(payload.text)![1]!;
  return { requestId, code };
}

/** Deterministic pseudo-random numbers (mulberry32). */
function rng(seed: number) {
  let a = seed;
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

beforeAll(async () => {
  env = await createTestEnv({ now: '2026-07-15T03:00:00Z', ...(process.env.CT_LOG ? { logStream: process.stderr } : {}) });
  await env.addUser('ba.head', 'head', '00004');
  await env.addUser('ba.handler', 'handler', '00004');
  await env.addUser('ba.letan', 'receptionist', '00004');
  for (const role of ['receptionist', 'handler', 'head', 'monitor'] as const) await env.addUser(`nh.${role}`, role, '00008');
  const rows = await env.ctx.db.select({ code: agencies.code, province: agencies.provinceCode }).from(agencies).where(eq(agencies.level, 'commune')).orderBy(agencies.code);
  for (const r of rows) {
    if (r.province === '01' && communes01.length < 40) communes01.push(r.code);
    if (r.province === '79' && communes79.length < 10) communes79.push(r.code);
  }
}, 120_000);
afterAll(async () => env?.close());

describe('drafts and publication', () => {
  it('refuses a commune period under 20 days, with the basis', async () => {
    const res = await staff('ba.handler', 'POST', '/api/v1/consultations', {
      agency: '00004',
      title: 'Dự thảo kế hoạch sử dụng đất năm 2027',
      kind: 'commune',
      subject: 'quy-hoach-sd-dat',
      audience: 'Nhân dân phường Ba Đình',
      opensOn: '2026-07-15',
      closesOn: '2026-07-24',
    });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().message).toContain('tối thiểu 20 ngày');
  });

  it('imports a .docx of 3 chapters and 12 articles into exactly 12 Điều sections with their khoản', async () => {
    const created = await staff('ba.handler', 'POST', '/api/v1/consultations', {
      agency: '00004',
      title: 'Dự thảo Quy chế thực hiện dân chủ ở phường Ba Đình',
      kind: 'commune',
      subject: 'quy-che-dan-chu',
      audience: 'Nhân dân, cơ quan, tổ chức trên địa bàn phường',
      closesOn: '2026-08-10',
    });
    expect(created.statusCode, created.body).toBe(201);
    cid = created.json().id;
    const imported = await staff('ba.handler', 'POST', `/api/v1/consultations/${cid}/drafts`, { format: 'docx', fileName: 'du-thao.docx', dataBase64: await docxOf(draftLines()) });
    expect(imported.statusCode, imported.body).toBe(201);
    expect(imported.json()).toMatchObject({ version: 1, articles: 12, chapters: 3 });
    const got = (await staff('ba.handler', 'GET', `/api/v1/consultations/${cid}`)).json() as { sections: { key: string; kind: string; parentKey: string }[] };
    const articles = got.sections.filter((s) => s.kind === 'dieu');
    expect(articles.map((s) => s.key)).toEqual(Array.from({ length: 12 }, (_, i) => `Điều ${i + 1}`));
    for (let n = 1; n <= 12; n++) {
      const clauses = got.sections.filter((s) => s.kind === 'khoan' && s.parentKey === `Điều ${n}`).map((s) => s.key);
      expect(clauses).toEqual(Array.from({ length: 2 + (n % 3) }, (_, k) => `Điều ${n}.${k + 1}`));
    }
    expect(got.sections.filter((s) => s.kind === 'diem').map((s) => s.key)).toEqual(['Điều 4.1.a', 'Điều 4.1.b']);
    expect(articles.find((a) => a.key === 'Điều 5')!.parentKey).toBe('Chương II');
  });

  it('refuses to publish a state-secret draft', async () => {
    const c = await staff('ba.handler', 'POST', '/api/v1/consultations', { agency: '00004', title: 'Dự thảo có nội dung mật', kind: 'commune', subject: 'khac', audience: 'Nội bộ', stateSecret: true, closesOn: '2026-08-31' });
    const id = c.json().id as string;
    await staff('ba.handler', 'POST', `/api/v1/consultations/${id}/drafts`, { format: 'text', text: draftLines().join('\n') });
    const res = await staff('ba.head', 'POST', `/api/v1/consultations/${id}/publish`, {});
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json().message).toContain('bí mật nhà nước');
    expect((await pub('GET', `/api/v1/public/consultations/${id}`)).statusCode).toBe(404);
  });

  it('publishes with milestones and invitations answered within 15 days', async () => {
    expect((await staff('ba.handler', 'POST', `/api/v1/consultations/${cid}/publish`, {})).statusCode).toBe(403);
    const res = await staff('ba.head', 'POST', `/api/v1/consultations/${cid}/publish`, { invite: [communes01[0], communes01[1]] });
    expect(res.statusCode, res.body).toBe(200);
    const c = res.json();
    expect(c).toMatchObject({ phase: 'open', opensOn: '2026-07-15', closesOn: '2026-08-10', minDays: 20 });
    expect(c.milestones.find((m: { key: string }) => m.key === 'synthesis').due).toBe('2026-08-15');
    expect(c.milestones.find((m: { key: string }) => m.key === 'publication-end').due).toBe('2026-09-13');
    const tally = (await staff('ba.handler', 'GET', `/api/v1/consultations/${cid}/tally`)).json().tally;
    expect(tally.invitations.map((i: { dueOn: string }) => i.dueOn)).toEqual(['2026-07-30', '2026-07-30']);
  });
});

// ── 1,000 opinions from 300 people across four channels, and the hand count ──

const SECTIONS = ['Toàn văn', ...Array.from({ length: 12 }, (_, i) => `Điều ${i + 1}`), 'Điều 2.1', 'Điều 7.2'];
const CATS = ['citizen', 'worker', 'farmer', 'student', 'official'] as const;
const AGES = ['18-30', '31-45', '46-60', 'over-60'] as const;
type ChannelName = 'portal' | 'assisted' | 'written' | 'conference';

interface Person {
  idx: number;
  kind: 'citizen' | 'agency';
  phone: string;
  agency: string;
  category: string;
  ageBand: string;
  province: string;
  commune: string;
  home: ChannelName;
}
interface Event {
  person: Person;
  channel: ChannelName;
  section: string;
  stance: 'approve' | 'disapprove' | 'partly';
  text?: string;
}

const expected = new Map<string, Event>();

describe('opinions on four channels', () => {
  const rand = rng(20);
  const people: Person[] = [];
  const events: Event[] = [];

  beforeAll(() => {
    for (let i = 0; i < 300; i++) {
      if (i >= 280) {
        const code = communes01[i - 280 + 2]!;
        people.push({ idx: i, kind: 'agency', phone: '', agency: code, category: 'agency', ageBand: '', province: '01', commune: code, home: 'written' });
        continue;
      }
      const hcm = i % 6 === 5;
      const commune = hcm ? communes79[i % communes79.length]! : communes01[i % communes01.length]!;
      people.push({
        idx: i,
        kind: 'citizen',
        phone: `09${String(10_000_000 + i * 7919).slice(-8)}`,
        agency: '',
        category: CATS[i % CATS.length]!,
        ageBand: AGES[(i * 7) % AGES.length]!,
        province: hcm ? '79' : '01',
        commune,
        home: i < 100 ? 'portal' : i < 180 ? 'assisted' : 'conference',
      });
    }
    const event = (p: Person): Event => {
      const r = rand();
      const stance = r < 0.7 ? 'approve' : r < 0.88 ? 'disapprove' : 'partly';
      const section = SECTIONS[Math.floor(rand() * SECTIONS.length)]!;
      // A tenth of the citizens' opinions come through the other online channel (portal ↔ assisted): the same person, one count.
      const channel: ChannelName = p.kind === 'citizen' && p.home !== 'conference' && rand() < 0.1 ? (p.home === 'portal' ? 'assisted' : 'portal') : p.home;
      const text =
        stance === 'approve'
          ? rand() < 0.5
            ? `Tán thành quy định tại ${section} của dự thảo, đề nghị giữ nguyên nội dung này`
            : undefined
          : stance === 'disapprove'
            ? `Không tán thành ${section} vì thời hạn lấy ý kiến quá ngắn đối với người dân`
            : `Đồng ý một phần, đề nghị sửa ${section} cho rõ trách nhiệm công khai`;
      return { person: p, channel, section, stance, ...(text ? { text } : {}) };
    };
    for (const p of people) events.push(event(p));
    while (events.length < 1000) events.push(event(people[Math.floor(rand() * 300)]!));
  });

  it('counts 1,000 opinions exactly as a hand count, one per person and section', async () => {
    // Submissions in event order: consecutive events of one person on one channel go together (sections distinct);
    // conference events gather into conferences of 60 opinions.
    interface Sub {
      channel: ChannelName;
      person?: Person;
      events: Event[];
    }
    const subs: Sub[] = [];
    let conf: Sub | null = null;
    for (const e of events) {
      if (e.channel === 'conference') {
        if (!conf || conf.events.length >= 60) subs.push((conf = { channel: 'conference', events: [] }));
        conf.events.push(e);
        continue;
      }
      const last = subs[subs.length - 1];
      if (last && last.channel === e.channel && last.person === e.person && !last.events.some((x) => x.section === e.section) && last.events.length < 5) last.events.push(e);
      else subs.push({ channel: e.channel, person: e.person, events: [e] });
    }
    const codes = new Map<number, { requestId: string; code: string }>();
    const demographics = (p: Person) => ({ category: p.category, ...(p.ageBand ? { ageBand: p.ageBand } : {}), province: p.province, commune: p.commune });
    const item = (e: Event) => ({ section: e.section, stance: e.stance, ...(e.text ? { text: e.text } : {}) });
    let replacedSeen = 0;
    for (const s of subs) {
      let res: LightMyRequestResponse;
      if (s.channel === 'portal') {
        const p = s.person!;
        if (!codes.has(p.idx)) codes.set(p.idx, await codeFor(cid, { phone: p.phone }));
        res = await pub('POST', `/api/v1/public/consultations/${cid}/opinions`, { ...codes.get(p.idx)!, opinions: s.events.map(item), respondent: demographics(p) });
      } else if (s.channel === 'assisted') {
        const p = s.person!;
        res = await staff('ba.letan', 'POST', `/api/v1/consultations/${cid}/assisted-opinions`, { respondent: { name: `Công dân ${p.idx}`, phone: p.phone, ...demographics(p) }, opinions: s.events.map(item) });
      } else if (s.channel === 'written') {
        res = await staff('ba.handler', 'POST', `/api/v1/consultations/${cid}/written-submissions`, { agency: s.person!.agency, documentNumber: `${s.person!.idx}/UBND`, opinions: s.events.map(item) });
      } else {
        res = await staff('ba.handler', 'POST', `/api/v1/consultations/${cid}/conferences`, {
          agency: '00004',
          title: 'Hội nghị lấy ý kiến Nhân dân tổ dân phố',
          heldOn: '2026-07-20',
          attendees: 85,
          minutes: 'Biên bản hội nghị: các ý kiến bằng văn bản kèm theo.',
          opinions: s.events.map((e) => ({ ...item(e), written: true, respondent: { phone: e.person.phone, ...demographics(e.person) } })),
        });
      }
      expect(res.statusCode, `${s.channel}: ${res.body}`).toBe(201);
      replacedSeen += (res.json() as { replaced: number }).replaced;
      for (const e of s.events) expected.set(`${e.person.idx}|${e.section}`, e);
    }

    const tally = (await staff('ba.handler', 'GET', `/api/v1/consultations/${cid}/tally`)).json().tally;
    expect(tally.received).toBe(1000);
    expect(tally.participants).toBe(300);
    expect(tally.counted).toBe(expected.size);
    expect(tally.replaced).toBe(1000 - expected.size);
    expect(replacedSeen).toBe(1000 - expected.size);
    expect(1000 - expected.size).toBeGreaterThan(50);
    for (const key of SECTIONS) {
      const mine = [...expected.values()].filter((e) => e.section === key);
      const t = tally.sections.find((s: { key: string }) => s.key === key);
      const count = (f: (e: Event) => string) => mine.reduce<Record<string, number>>((m, e) => ({ ...m, [f(e)]: (m[f(e)] ?? 0) + 1 }), {});
      const nonzero = (o: Record<string, number>) => Object.fromEntries(Object.entries(o).filter(([, n]) => n > 0));
      expect(t.total, key).toBe(mine.length);
      expect(nonzero(t.byStance), key).toEqual(count((e) => e.stance));
      expect(nonzero(t.byChannel), key).toEqual(count((e) => e.channel));
      expect(nonzero(t.byCategory), key).toEqual(count((e) => e.person.category));
      expect(nonzero(t.byAgeBand), key).toEqual(count((e) => e.person.ageBand));
      const provinces = Object.fromEntries(t.byProvince.map((p: { code: string; n: number }) => [p.code, p.n]));
      expect(provinces, key).toEqual(count((e) => e.person.province));
      const communes = Object.fromEntries(t.byProvince.flatMap((p: { communes: { code: string; n: number }[] }) => p.communes.map((m) => [m.code, m.n])));
      expect(communes, key).toEqual(count((e) => e.person.commune));
    }
    // The province filter rolls the same counters down to one province.
    const hcm = (await staff('ba.handler', 'GET', `/api/v1/consultations/${cid}/tally?province=79`)).json().tally;
    expect(hcm.counted).toBe([...expected.values()].filter((e) => e.person.province === '79').length);
  }, 600_000);

  it('replaces an earlier opinion of the same person on the same section, and says so', async () => {
    const c = await codeFor(cid, { email: 'nguoi.dan@example.vn' });
    const respondent = { category: 'citizen', ageBand: '31-45', province: '01', commune: communes01[3] };
    const first = await pub('POST', `/api/v1/public/consultations/${cid}/opinions`, { ...c, opinions: [{ section: 'Điều 3', stance: 'approve' }], respondent }, { 'idempotency-key': 'gop-y-dieu-3-lan-1' });
    expect(first.statusCode, first.body).toBe(201);
    const before = (await staff('ba.handler', 'GET', `/api/v1/consultations/${cid}/tally`)).json().tally;
    const d3 = (t: { sections: { key: string; total: number; byStance: Record<string, number>; replaced: number }[] }) => t.sections.find((s) => s.key === 'Điều 3')!;
    const second = await pub('POST', `/api/v1/public/consultations/${cid}/opinions`, { ...c, opinions: [{ section: 'Điều 3', stance: 'disapprove', text: 'Đề nghị bỏ quy định này' }], respondent });
    expect(second.statusCode, second.body).toBe(201);
    expect(second.json()).toMatchObject({ accepted: 1, replaced: 1, opinions: [{ section: 'Điều 3', replacedEarlier: true }] });
    expect(second.json().notice).toContain('thay thế ý kiến bạn đã gửi trước đó');
    const after = (await staff('ba.handler', 'GET', `/api/v1/consultations/${cid}/tally`)).json().tally;
    expect(d3(after).total).toBe(d3(before).total);
    expect(d3(after).byStance.approve).toBe(d3(before).byStance.approve! - 1);
    expect(d3(after).byStance.disapprove).toBe(d3(before).byStance.disapprove! + 1);
    expect(d3(after).replaced).toBe(d3(before).replaced + 1);
    // The same Idempotency-Key again: the first answer, nothing written.
    const replay = await pub('POST', `/api/v1/public/consultations/${cid}/opinions`, { ...c, opinions: [{ section: 'Điều 3', stance: 'approve' }], respondent }, { 'idempotency-key': 'gop-y-dieu-3-lan-1' });
    expect(replay.statusCode).toBe(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(d3((await staff('ba.handler', 'GET', `/api/v1/consultations/${cid}/tally`)).json().tally).byStance.disapprove).toBe(d3(after).byStance.disapprove);
    // A wrong code is refused in Vietnamese; "không tán thành" without a text too.
    const wrong = await pub('POST', `/api/v1/public/consultations/${cid}/opinions`, { requestId: c.requestId, code: '000000' === c.code ? '111111' : '000000', opinions: [{ section: 'Điều 1', stance: 'approve' }], respondent });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().message).toContain('Mã xác thực không đúng');
    const noText = await pub('POST', `/api/v1/public/consultations/${cid}/opinions`, { ...c, opinions: [{ section: 'Điều 1', stance: 'partly' }], respondent });
    expect(noText.statusCode).toBe(400);
    expect(noText.json().message).toContain('cần ghi rõ nội dung góp ý');
  });

  it('does not count an opinion only spoken at a conference', async () => {
    const before = (await staff('ba.handler', 'GET', `/api/v1/consultations/${cid}/tally`)).json().tally;
    const res = await staff('ba.handler', 'POST', `/api/v1/consultations/${cid}/conferences`, {
      agency: '00004',
      title: 'Hội nghị cử tri tổ dân phố số 5',
      heldOn: '2026-07-25',
      attendees: 40,
      minutes: 'Một cử tri phát biểu không tán thành Điều 6 nhưng không gửi ý kiến bằng văn bản.',
      opinions: [{ section: 'Điều 6', stance: 'disapprove', text: 'Phát biểu tại hội nghị', written: false }],
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ counted: 0, spokenOnly: 1 });
    const after = (await staff('ba.handler', 'GET', `/api/v1/consultations/${cid}/tally`)).json().tally;
    const d6 = (t: { sections: { key: string; total: number }[] }) => t.sections.find((s) => s.key === 'Điều 6')!.total;
    expect(d6(after)).toBe(d6(before));
    expect(after.counted).toBe(before.counted);
    expect(after.spokenOnly).toBe(before.spokenOnly + 1);
    expect(after.conferences.attendees).toBe(before.conferences.attendees + 40);
  });

  it('shows an assisted opinion as assisted in the tally and in the audit trail', async () => {
    const before = (await staff('ba.handler', 'GET', `/api/v1/consultations/${cid}/tally`)).json().tally;
    const res = await staff('ba.letan', 'POST', `/api/v1/consultations/${cid}/assisted-opinions`, {
      respondent: { name: 'Cụ Nguyễn Văn Tư', idNumber: '001045009999', category: 'citizen', ageBand: 'over-60', province: '01', commune: '00004' },
      opinions: [{ section: 'Điều 11', stance: 'approve' }],
    });
    expect(res.statusCode, res.body).toBe(201);
    const after = (await staff('ba.handler', 'GET', `/api/v1/consultations/${cid}/tally`)).json().tally;
    const d11 = (t: { sections: { key: string; byChannel: Record<string, number> }[] }) => t.sections.find((s) => s.key === 'Điều 11')!.byChannel.assisted;
    expect(d11(after)).toBe(d11(before)! + 1);
    expect(after.byChannel.assisted).toBe(before.byChannel.assisted + 1);
    const [audit] = await env.ctx.db.select().from(auditLog).where(eq(auditLog.action, 'consultation.assisted-opinion')).orderBy(desc(auditLog.id)).limit(1);
    expect(audit!.actorName).toBe('ba.letan');
    expect(audit!.summary).toContain('nhập thay');
    expect(JSON.stringify(audit)).not.toContain('001045009999');
    expect(JSON.stringify(audit)).not.toContain('Nguyễn Văn Tư');
    const opinionId = (res.json() as { opinionIds: string[] }).opinionIds[0]!;
    const [op] = await env.ctx.db.select().from(consultationOpinions).where(eq(consultationOpinions.id, opinionId));
    expect(op).toMatchObject({ channel: 'assisted', identityMethod: 'id-number' });
    const [box] = await env.ctx.db.select().from(consultationRespondents).where(eq(consultationRespondents.id, op!.respondentId!));
    expect(JSON.parse(env.ctx.sealer.open(box!.details))).toMatchObject({ idNumber: '001045009999' });
  });

  it('takes an opinion through the portal pages without JavaScript (code, verification, one article per page)', async () => {
    const jar = new Map<string, string>();
    const page = async (method: 'GET' | 'POST', url: string, form?: Record<string, string>) => {
      const res = await env.app.inject({
        method,
        url,
        remoteAddress: '10.9.9.9',
        headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; '), ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
        ...(form ? { payload: new URLSearchParams(form).toString() } : {}),
      });
      for (const c of res.cookies as { name: string; value: string }[]) {
        if (c.value) jar.set(c.name, c.value);
        else jar.delete(c.name);
      }
      return res;
    };
    // A citizen finds the consultations from any portal page's menu.
    const home = await page('GET', '/');
    expect(home.body).toMatch(/<a [^>]*href="\/gop-y"[^>]*>Góp ý dự thảo<\/a>/);
    const list = await page('GET', '/gop-y');
    expect(list.body).toContain('Dự thảo Quy chế thực hiện dân chủ ở phường Ba Đình');
    const art = await page('GET', `/gop-y/${cid}?muc=${encodeURIComponent('Điều 9')}`);
    expect(art.statusCode).toBe(200);
    expect(art.body).toContain('Điều 9. Nội dung quy định thứ 9');
    expect(art.body).toContain('Khoản 1 của Điều 9');
    expect(art.body).not.toContain('<script');
    const sent = await page('POST', `/gop-y/${cid}/ma`, { phone: '0977000111', muc: 'Điều 9' });
    expect(sent.statusCode, sent.body).toBe(303);
    const sms = (await env.ctx.db.select().from(notificationOutbox).where(eq(notificationOutbox.kind, 'consultation-code')))
      .map((r) => JSON.parse(env.ctx.sealer.open(r.payload as SealedBox)) as { to: string; text: string })
      .filter((m) => m.to === '+84977000111');
    expect(sms).toHaveLength(1);
    const code = /(\d{6})/.exec(sms[0]!.text)![1]!;
    expect((await page('GET', `/gop-y/${cid}?muc=${encodeURIComponent('Điều 9')}`)).body).toContain('Đã gửi mã đến +84');
    const ok = await page('POST', `/gop-y/${cid}/xac-thuc`, { code, category: 'farmer', ageBand: '46-60', province: '01', muc: 'Điều 9' });
    expect(ok.statusCode, ok.body).toBe(303);
    const before = (await staff('ba.handler', 'GET', `/api/v1/consultations/${cid}/tally`)).json().tally;
    const noText = await page('POST', `/gop-y/${cid}/y-kien`, { section: 'Điều 9', stance: 'partly', text: '' });
    expect(noText.statusCode).toBe(400);
    expect(noText.body).toContain('cần ghi rõ nội dung góp ý');
    const given = await page('POST', `/gop-y/${cid}/y-kien`, { section: 'Điều 9', stance: 'partly', text: 'Đề nghị bổ sung hình thức niêm yết tại nhà văn hóa tổ dân phố' });
    expect(given.statusCode, given.body).toBe(303);
    expect((await page('GET', given.headers.location as string)).body).toContain('Đã ghi nhận 1 ý kiến');
    const after = (await staff('ba.handler', 'GET', `/api/v1/consultations/${cid}/tally`)).json().tally;
    const d9 = (t: { sections: { key: string; byStance: Record<string, number>; byCategory: Record<string, number> }[] }) => t.sections.find((s) => s.key === 'Điều 9')!;
    expect(d9(after).byStance.partly).toBe(d9(before).byStance.partly! + 1);
    expect(d9(after).byCategory.farmer).toBe(d9(before).byCategory.farmer! + 1);
  });

  it('keeps the opinions on unchanged articles when an edited version is imported', async () => {
    const before = (await staff('ba.handler', 'GET', `/api/v1/consultations/${cid}/tally`)).json().tally;
    const res = await staff('ba.handler', 'POST', `/api/v1/consultations/${cid}/drafts`, { format: 'docx', fileName: 'du-thao-v2.docx', dataBase64: await docxOf(draftLines(true)) });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ version: 2, articles: 12, added: 0, removed: 0 });
    const after = (await staff('ba.handler', 'GET', `/api/v1/consultations/${cid}/tally`)).json().tally;
    type S = { key: string; id: string; total: number; current: boolean };
    for (const s of before.sections as S[]) {
      const now = (after.sections as S[]).find((x) => x.id === s.id)!;
      if (s.key === 'Điều 5' || s.key === 'Điều 5.2' || s.key === 'Chương II' || s.key === 'Toàn văn') continue;
      expect(now, s.key).toMatchObject({ key: s.key, total: s.total, current: true });
    }
    const old5 = (after.sections as S[]).find((x) => x.key === 'Điều 5' && !x.current)!;
    const new5 = (after.sections as S[]).find((x) => x.key === 'Điều 5' && x.current)!;
    expect(old5.total).toBe((before.sections as S[]).find((x) => x.key === 'Điều 5')!.total);
    expect(new5.total).toBe(0);
    expect((after.sections as S[]).find((x) => x.key === 'Toàn văn')!.total).toBe((before.sections as S[]).find((x) => x.key === 'Toàn văn')!.total);
    expect(after.counted).toBe(before.counted);
  });
});

describe('synthesis', () => {
  it('refuses "not accepted" where the majority approved without an explanation (400, Vietnamese)', async () => {
    const tally = (await staff('ba.handler', 'GET', `/api/v1/consultations/${cid}/tally`)).json().tally;
    const section = (tally.sections as { key: string; kind: string; majority: string | null; current: boolean }[]).find((s) => s.kind === 'dieu' && s.current && s.majority === 'approve' && s.key !== 'Điều 5')!;
    expect(section).toBeDefined();
    const sug = await staff('ba.handler', 'GET', `/api/v1/consultations/${cid}/theme-suggestions?section=${encodeURIComponent(section.key)}`);
    expect(sug.statusCode, sug.body).toBe(200);
    const groups = sug.json().groups as { stance: string; opinionIds: string[]; title: string }[];
    const approving = groups.find((g) => g.stance === 'approve')!;
    expect(approving.opinionIds.length).toBeGreaterThan(1);
    const theme = await staff('ba.handler', 'POST', `/api/v1/consultations/${cid}/themes`, { section: section.key, title: 'Giữ nguyên quy định', opinionIds: approving.opinionIds });
    expect(theme.statusCode, theme.body).toBe(201);
    const themeId = theme.json().id as string;
    const refused = await staff('ba.handler', 'POST', `/api/v1/consultations/${cid}/themes/${themeId}/response`, { outcome: 'not-accepted' });
    expect(refused.statusCode, refused.body).toBe(400);
    expect(refused.json().message).toContain('cần giải trình');
    expect(refused.json().message).toContain('trái với ý kiến đa số');
    const en = await env.api('POST', `/api/v1/consultations/${cid}/themes/${themeId}/response`, { token: await env.login('ba.handler'), body: { outcome: 'not-accepted' }, headers: { 'accept-language': 'en' } });
    expect(en.json().message).toContain('needs an explanation');
    const ok = await staff('ba.handler', 'POST', `/api/v1/consultations/${cid}/themes/${themeId}/response`, { outcome: 'not-accepted', explanation: 'Quy định được thay bằng quy định chung tại Luật, không cần nhắc lại trong quy chế.' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ outcome: 'not-accepted', sectionMajority: 'approve', themeStance: 'approve', departsFromMajority: true });
    // Accepting the majority's own view needs no explanation.
    const objecting = groups.find((g) => g.stance === 'disapprove');
    if (objecting) {
      const t2 = await staff('ba.handler', 'POST', `/api/v1/consultations/${cid}/themes`, { section: section.key, title: 'Thời hạn quá ngắn', opinionIds: objecting.opinionIds });
      const r2 = await staff('ba.handler', 'POST', `/api/v1/consultations/${cid}/themes/${t2.json().id}/response`, { outcome: 'accepted' });
      expect(r2.statusCode, r2.body).toBe(400);
      expect(r2.json().message).toContain('trái với ý kiến đa số');
    }
  });

  it('reminds the invited agency that has not answered, once a day, from 3 days before its answer date', async () => {
    const [invited] = await env.ctx.db.select({ id: agencies.id }).from(agencies).where(eq(agencies.code, communes01[1]!));
    const officer = await env.addUser('moi.handler', 'handler', communes01[1]!);
    await env.ctx.db.update(users).set({ email: 'xuly@xa.example.vn' }).where(eq(users.id, officer));
    expect(invited).toBeDefined();
    const early = await staff('ba.handler', 'POST', `/api/v1/consultations/${cid}/invitations/remind`, {});
    expect(early.json()).toEqual({ invitations: 0, messages: 0 });
    env.setNow('2026-07-28T03:00:00Z');
    const r = await staff('ba.handler', 'POST', `/api/v1/consultations/${cid}/invitations/remind`, {});
    expect(r.statusCode, r.body).toBe(200);
    // communes01[0] never answered and has no officer with an e-mail; communes01[1] gets one e-mail.
    expect(r.json()).toEqual({ invitations: 2, messages: 1 });
    expect((await staff('ba.handler', 'POST', `/api/v1/consultations/${cid}/invitations/remind`, {})).json()).toEqual({ invitations: 0, messages: 0 });
    const mails = (await env.ctx.db.select().from(notificationOutbox).where(eq(notificationOutbox.kind, 'staff-reminder'))).map((m) => JSON.parse(env.ctx.sealer.open(m.payload as SealedBox)) as { to: string; subject: string });
    expect(mails).toEqual([expect.objectContaining({ to: 'xuly@xa.example.vn', subject: expect.stringContaining('Sắp đến hạn trả lời góp ý dự thảo') })]);
    const written = await staff('ba.handler', 'POST', `/api/v1/consultations/${cid}/written-submissions`, { agency: communes01[1], documentNumber: '12/UBND', opinions: [{ section: 'Điều 1', stance: 'approve' }] });
    expect(written.json().invitationAnswered).toBe(true);
    const tally = (await staff('ba.handler', 'GET', `/api/v1/consultations/${cid}/tally`)).json().tally;
    expect(tally.invitations.filter((i: { answeredOn: string | null }) => i.answeredOn).map((i: { agency: string }) => i.agency)).toEqual([communes01[1]]);
  });

  it('exports the synthesis as DOCX and PDF and the tally as XLSX and CSV', async () => {
    const docx = await staff('ba.handler', 'GET', `/api/v1/consultations/${cid}/synthesis?format=docx`);
    expect(docx.statusCode).toBe(200);
    const text = (await mammoth.extractRawText({ buffer: docx.rawPayload })).value;
    expect(text).toContain('TIẾP THU, GIẢI TRÌNH');
    expect(text).toContain('Giữ nguyên quy định');
    expect(text).toContain('trái ý kiến đa số');
    const pdf = await staff('ba.handler', 'GET', `/api/v1/consultations/${cid}/synthesis?format=pdf`);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const xlsx = await staff('ba.handler', 'GET', `/api/v1/consultations/${cid}/synthesis?format=xlsx`);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const csv = await staff('ba.handler', 'GET', `/api/v1/consultations/${cid}/synthesis?format=csv`);
    expect(csv.body).toContain('section,version,dimension,value,label,count');
    expect(csv.body).toContain('Điều 1,hiện hành,channel,assisted');
    expect(csv.body).not.toMatch(/09\d{8}/);
  });

  it('shows the public page without a tally while open, with it after the close; codes are refused after the close', async () => {
    const open = await pub('GET', `/api/v1/public/consultations/${cid}`);
    expect(open.statusCode, open.body).toBe(200);
    expect(open.json().tally).toBeNull();
    expect(open.json().sections.some((s: { key: string }) => s.key === 'Điều 12')).toBe(true);
    env.setNow('2026-08-11T03:00:00Z');
    const closed = await pub('GET', `/api/v1/public/consultations/${cid}`);
    expect(closed.json().consultation.phase).toBe('closed');
    expect(closed.json().tally.participants).toBeGreaterThanOrEqual(300);
    const late = await pub('POST', `/api/v1/public/consultations/${cid}/code`, { phone: '0912345678' });
    expect(late.statusCode).toBe(409);
  });
});

describe('after the close', () => {
  it('publishes the synthesis once every theme is answered, and the portal page shows results and synthesis', async () => {
    const open = (await queryRows<{ id: string }>(env.ctx.db, sql`select id from consultation_themes where consultation_id = ${cid} and outcome is null`)).map((r) => r.id);
    if (open.length) {
      const refused = await staff('ba.head', 'POST', `/api/v1/consultations/${cid}/synthesis/publish`, {});
      expect(refused.statusCode).toBe(409);
      for (const id of open) {
        const r = await staff('ba.handler', 'POST', `/api/v1/consultations/${cid}/themes/${id}/response`, { outcome: 'not-accepted', explanation: 'Thời hạn 20 ngày là mức tối thiểu theo Luật, đã bảo đảm.' });
        expect(r.statusCode, r.body).toBe(200);
      }
    }
    expect((await staff('ba.handler', 'POST', `/api/v1/consultations/${cid}/synthesis/publish`, {})).statusCode).toBe(403);
    const ok = await staff('ba.head', 'POST', `/api/v1/consultations/${cid}/synthesis/publish`, {});
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().synthesisPublishedOn).toBe('2026-08-11');
    const pubView = (await pub('GET', `/api/v1/public/consultations/${cid}`)).json();
    expect(pubView.themes.map((t: { title: string }) => t.title)).toContain('Giữ nguyên quy định');
    const page = await pub('GET', `/gop-y/${cid}`);
    expect(page.body).toContain('Kết quả lấy ý kiến');
    expect(page.body).toContain('Tiếp thu, giải trình');
    expect(page.body).toContain('Giữ nguyên quy định');
    expect(page.body).not.toContain('Gửi mã xác thực');
    // Papers are no longer taken once the synthesis is out.
    const late = await staff('ba.handler', 'POST', `/api/v1/consultations/${cid}/written-submissions`, { agency: communes01[0], opinions: [{ section: 'Điều 1', stance: 'approve' }] });
    expect(late.statusCode).toBe(409);
  });
});

describe('agency scope', () => {
  it('answers 404 to officers of another commune on every id route', async () => {
    const routes: [string, string, unknown?][] = [
      ['GET', `/api/v1/consultations/${cid}`],
      ['GET', `/api/v1/consultations/${cid}/tally`],
      ['GET', `/api/v1/consultations/${cid}/synthesis?format=csv`],
      ['GET', `/api/v1/consultations/${cid}/theme-suggestions?section=Điều 1`],
      ['POST', `/api/v1/consultations/${cid}/drafts`, { format: 'text', text: 'Điều 1. A' }],
      ['POST', `/api/v1/consultations/${cid}/publish`, {}],
      ['POST', `/api/v1/consultations/${cid}/assisted-opinions`, { respondent: { phone: '0912345678', category: 'citizen' }, opinions: [{ section: 'Điều 1', stance: 'approve' }] }],
      ['POST', `/api/v1/consultations/${cid}/written-submissions`, { agency: '00008', opinions: [{ section: 'Điều 1', stance: 'approve' }] }],
      ['POST', `/api/v1/consultations/${cid}/conferences`, { agency: '00008', title: 'x', heldOn: '2026-08-01', attendees: 1, minutes: 'x', opinions: [] }],
      ['POST', `/api/v1/consultations/${cid}/themes`, { section: 'Điều 1', title: 'x', opinionIds: [] }],
      ['POST', `/api/v1/consultations/${cid}/themes/00000000-0000-4000-8000-000000000000/response`, { outcome: 'accepted' }],
      ['POST', `/api/v1/consultations/${cid}/synthesis/publish`, {}],
      ['POST', `/api/v1/consultations/${cid}/invitations/remind`, {}],
    ];
    for (const user of ['nh.receptionist', 'nh.handler', 'nh.head', 'nh.monitor']) {
      for (const [method, url, body] of routes) {
        const res = await staff(user, method as 'GET', url, body);
        expect(res.statusCode, `${user} ${method} ${url} → ${res.body}`).toBe(404);
      }
      const list = await staff(user, 'GET', '/api/v1/consultations');
      expect(list.json().items).toEqual([]);
    }
    const mine = await env.ctx.db.select({ n: sql<number>`count(*)` }).from(consultationOpinions).where(and(eq(consultationOpinions.consultationId, cid)));
    expect(Number(mine[0]!.n)).toBeGreaterThan(1000);
  });
});
