/**
 * Consultation at national scale through the HTTP API, on PGlite and PostgreSQL (issue 21, Must show):
 *  - portal opinions go through the group-commit batcher: concurrent submissions share transactions, every one is
 *    answered 201 with its opinion ids, and a full queue answers 503 with Retry-After without writing;
 *  - 200 copies of one campaign letter with small edits form one group of 200 in the reading list, next to the
 *    individual opinions; the tally still counts all 200 persons;
 *  - a flagged false attribution leaves the tally at once and comes back only if the review rejects the flag;
 *    an upheld flag keeps it out; every step is in the audit trail;
 *  - a burst from one source is flagged for review;
 *  - opinion groups: three planted camps are found by clusterOpinions, listOpinionGroups returns the run, the same
 *    seed gives the same groups.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { createTestEnv, type TestEnv } from '../../testing/harness.ts';
import { queryRows } from '../../db/client.ts';
import { appSettings, auditLog, consultationSections, notificationOutbox } from '../../db/schema.ts';
import type { SealedBox } from '../../security/sealer.ts';
import { forgetBurstLimits } from './flags.ts';
import { opinionBatcher, type BatcherOptions } from './opinion-batcher.ts';
import { applyOpinions, type OpinionIn } from './record-opinions.ts';

let env: TestEnv;
let cid = '';
let gid = '';

const DRAFT = ['DỰ THẢO QUY CHẾ', ...Array.from({ length: 12 }, (_, i) => [`Điều ${i + 1}. Quy định thứ ${i + 1}`, `1. Nội dung khoản một của điều ${i + 1}.`]).flat()].join('\n');

async function staff(method: 'GET' | 'POST', url: string, body?: unknown): Promise<LightMyRequestResponse> {
  return env.api(method, url, { token: await env.login('ba.head'), ...(body !== undefined ? { body } : {}) });
}

let ipSeq = 0;
function pub(method: 'GET' | 'POST', url: string, body?: unknown, remoteAddress?: string): Promise<LightMyRequestResponse> {
  ipSeq++;
  return env.app.inject({ method, url, remoteAddress: remoteAddress ?? `10.9.${(ipSeq >> 8) & 255}.${ipSeq & 255}`, ...(body !== undefined ? { payload: body as object } : {}) });
}

async function codeFor(consultation: string, phone: string): Promise<{ requestId: string; code: string }> {
  const res = await pub('POST', `/api/v1/public/consultations/${consultation}/code`, { phone });
  expect(res.statusCode, res.body).toBe(201);
  const { requestId } = res.json() as { requestId: string };
  const [row] = await env.ctx.db.select().from(notificationOutbox).where(eq(notificationOutbox.dedupeKey, `consultation-code:${requestId}`));
  const payload = JSON.parse(env.ctx.sealer.open(row!.payload as SealedBox)) as { text: string };
  return { requestId, code: /(\d{6})/.exec(payload.text)![1]! };
}

async function createPublished(title: string): Promise<string> {
  const created = await staff('POST', '/api/v1/consultations', { agency: '00004', title, kind: 'commune', subject: 'quy-che-dan-chu', audience: 'Nhân dân phường', closesOn: '2026-08-10' });
  expect(created.statusCode, created.body).toBe(201);
  const id = created.json().id as string;
  expect((await staff('POST', `/api/v1/consultations/${id}/drafts`, { format: 'text', text: DRAFT })).statusCode).toBe(201);
  const pubRes = await staff('POST', `/api/v1/consultations/${id}/publish`, {});
  expect(pubRes.statusCode, pubRes.body).toBe(200);
  return id;
}

async function sectionId(consultation: string, key: string): Promise<string> {
  const [s] = await env.ctx.db.select().from(consultationSections).where(and(eq(consultationSections.consultationId, consultation), eq(consultationSections.key, key)));
  return s!.id;
}

async function tallyOf(consultation: string, key: string): Promise<{ total: number; byStance: Record<string, number> }> {
  const t = (await staff('GET', `/api/v1/consultations/${consultation}/tally`)).json().tally as { sections: { key: string; total: number; byStance: Record<string, number> }[] };
  return t.sections.find((s) => s.key === key)!;
}

const respondent = { category: 'citizen', province: '01', commune: '00004' };
const opinion = (o: Partial<OpinionIn> & Pick<OpinionIn, 'sectionId' | 'personKey' | 'stance'>): OpinionIn => ({
  identityMethod: 'otp-sms',
  channel: 'portal',
  text: null,
  category: 'citizen',
  ageBand: '',
  occupation: null,
  provinceCode: '01',
  communeCode: '00004',
  counted: true,
  ...o,
});

beforeAll(async () => {
  env = await createTestEnv({ now: '2026-07-15T03:00:00Z', ...(process.env.CT_LOG ? { logStream: process.stderr } : {}) });
  await env.addUser('ba.head', 'head', '00004');
  await env.addUser('nh.head', 'head', '00008');
  cid = await createPublished('Dự thảo quy chế (lấy ý kiến quy mô lớn)');
}, 120_000);
afterAll(async () => env?.close());

describe('group commit', () => {
  it('answers concurrent portal submissions 201 with their ids after shared commits, and 503 + Retry-After when the queue is full', async () => {
    const codes = await Promise.all(Array.from({ length: 12 }, (_, i) => codeFor(cid, `0912 000 ${String(100 + i)}`)));
    const b = opinionBatcher(env.ctx);
    const before = { ...b.stats };
    const res = await Promise.all(
      codes.map((c, i) => pub('POST', `/api/v1/public/consultations/${cid}/opinions`, { ...c, opinions: [{ section: 'Điều 1', stance: 'approve' }, { section: 'Điều 2', stance: i % 2 ? 'approve' : 'disapprove', text: 'Cần nói rõ hơn' }], respondent })),
    );
    for (const r of res) expect(r.statusCode, r.body).toBe(201);
    const ids = res.flatMap((r) => (r.json().opinions as { id: string }[]).map((o) => o.id));
    expect(new Set(ids).size).toBe(24);
    const found = await queryRows<{ n: number }>(env.ctx.db, sql`select count(*)::int as n from consultation_opinions where id in (${sql.join(ids.map((x) => sql`${x}::uuid`), sql`, `)})`);
    expect(Number(found[0]!.n)).toBe(24);
    expect(b.stats.opinions - before.opinions).toBe(24);
    expect(b.stats.batches - before.batches).toBeLessThan(12);
    expect((await tallyOf(cid, 'Điều 1')).total).toBe(12);

    // Back-pressure: a queue of 1 opinion refuses what comes while a batch waits.
    const opts = b.options as BatcherOptions;
    const saved = opts.maxQueue;
    opts.maxQueue = 1;
    try {
      const more = await Promise.all(Array.from({ length: 4 }, (_, i) => codeFor(cid, `0912 000 ${String(200 + i)}`)));
      const answers = await Promise.all(more.map((c) => pub('POST', `/api/v1/public/consultations/${cid}/opinions`, { ...c, opinions: [{ section: 'Điều 3', stance: 'approve' }], respondent })));
      const busy = answers.filter((r) => r.statusCode === 503);
      expect(busy.length).toBeGreaterThan(0);
      expect(busy[0]!.headers['retry-after']).toBe('2');
      expect(busy[0]!.json().message).toContain('gửi lại sau 2 giây');
      const ok = answers.filter((r) => r.statusCode === 201).length;
      expect(ok + busy.length).toBe(4);
      expect((await tallyOf(cid, 'Điều 3')).total).toBe(ok);
    } finally {
      opts.maxQueue = saved;
    }
  }, 120_000);
});

describe('mass campaigns', () => {
  it('200 copies of one letter with small edits form one group of 200 next to the individual opinions; the tally counts all', async () => {
    const letter = 'Đề nghị giữ nguyên thời hạn giải quyết là 30 ngày, không kéo dài thêm, vì người dân cần được trả lời nhanh chóng và đúng pháp luật.';
    const greetings = ['', 'Kính gửi Ban soạn thảo, ', 'Xin chào, '];
    const strip = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D');
    const copy = (i: number) => {
      let t = greetings[i % 3]! + (i % 5 === 0 ? letter.replace('nhanh chóng', 'kịp thời') : letter) + (i % 7 === 0 ? ' Trân trọng.' : '');
      if (i % 4 === 1) t = strip(t);
      return t;
    };
    const individual = [
      'Khoản 1 nên quy định rõ cơ quan nào tiếp nhận khi người dân chuyển nơi cư trú.',
      'Tôi không tán thành việc bỏ thủ tục hòa giải ở cơ sở.',
      'Cần thêm quy định bảo vệ người lao động trong doanh nghiệp tư nhân.',
      'Nên công khai kết quả trên cổng thông tin của phường trong 30 ngày.',
      'Đề nghị cho phép nộp qua ứng dụng di động.',
    ];
    const s4 = await sectionId(cid, 'Điều 4');
    await env.ctx.db.transaction((tx) =>
      applyOpinions(tx, cid, env.ctx.now(), [
        ...Array.from({ length: 200 }, (_, i) => opinion({ sectionId: s4, personKey: `campaign-${i}`, stance: 'partly', text: copy(i) })),
        ...individual.map((text, i) => opinion({ sectionId: s4, personKey: `single-${i}`, stance: 'disapprove', text })),
      ]),
    );
    const res = await staff('GET', `/api/v1/consultations/${cid}/reading-list?section=${encodeURIComponent('Điều 4')}`);
    expect(res.statusCode, res.body).toBe(200);
    const list = res.json() as { opinions: number; campaigns: number; entries: { kind: string; count: number; variants: { text: string; count: number }[]; variantCount: number; byStance: Record<string, number> }[] };
    expect(list.opinions).toBe(205);
    expect(list.campaigns).toBe(1);
    expect(list.entries[0]).toMatchObject({ kind: 'campaign', count: 200, byStance: { partly: 200 } });
    expect(list.entries[0]!.variantCount).toBeGreaterThan(5);
    expect(list.entries.slice(1).map((e) => [e.kind, e.count])).toEqual(individual.map(() => ['single', 1]));
    expect((await tallyOf(cid, 'Điều 4')).byStance).toMatchObject({ partly: 200, disapprove: 5 });
  }, 120_000);
});

describe('false attribution', () => {
  it('a flagged opinion leaves the tally at once and comes back only if the review rejects the flag; upheld keeps it out; all audited', async () => {
    const phone = '0987 654 321';
    const first = await codeFor(cid, phone);
    const sent = await pub('POST', `/api/v1/public/consultations/${cid}/opinions`, { ...first, opinions: [{ section: 'Điều 5', stance: 'approve' }, { section: 'Điều 6', stance: 'approve' }], respondent });
    expect(sent.statusCode, sent.body).toBe(201);
    expect((await tallyOf(cid, 'Điều 5')).total).toBe(1);

    // The person the phone belongs to says they never wrote it: verified by a one-time code, only Điều 5 first.
    const proof = await codeFor(cid, phone);
    const wrongCode = await pub('POST', `/api/v1/public/consultations/${cid}/false-attribution`, { requestId: proof.requestId, code: '000000' === proof.code ? '111111' : '000000' });
    expect(wrongCode.statusCode).toBe(400);
    const flag = await pub('POST', `/api/v1/public/consultations/${cid}/false-attribution`, { ...proof, sections: ['Điều 5'], reason: 'Tôi không gửi ý kiến này' });
    expect(flag.statusCode, flag.body).toBe(201);
    expect(flag.json()).toMatchObject({ flagged: 1, opinions: [{ section: 'Điều 5', stance: 'approve', channel: 'portal' }] });
    expect((await tallyOf(cid, 'Điều 5')).total).toBe(0);
    expect((await tallyOf(cid, 'Điều 6')).total).toBe(1);

    const pending = (await staff('GET', `/api/v1/consultations/${cid}/flags?status=pending`)).json().items as { id: string; kind: string; section: string }[];
    const f5 = pending.find((f) => f.kind === 'false-attribution' && f.section === 'Điều 5')!;
    expect(f5).toBeTruthy();
    // Outside the owner's scope: 404.
    const outside = await env.api('POST', `/api/v1/consultations/${cid}/flags/${f5.id}/review`, { token: await env.login('nh.head'), body: { decision: 'rejected', note: 'x' } });
    expect(outside.statusCode).toBe(404);
    const rejected = await staff('POST', `/api/v1/consultations/${cid}/flags/${f5.id}/review`, { decision: 'rejected', note: 'Đã gọi lại: người dân xác nhận có gửi' });
    expect(rejected.statusCode, rejected.body).toBe(200);
    expect(rejected.json()).toMatchObject({ status: 'rejected' });
    expect((await tallyOf(cid, 'Điều 5')).total).toBe(1);
    expect((await staff('POST', `/api/v1/consultations/${cid}/flags/${f5.id}/review`, { decision: 'upheld', note: 'lần hai' })).statusCode).toBe(409);

    // Flag everything under the phone; uphold: out for good.
    const proof2 = await codeFor(cid, phone);
    const flag2 = await pub('POST', `/api/v1/public/consultations/${cid}/false-attribution`, proof2);
    expect(flag2.json().flagged).toBe(2);
    expect((await tallyOf(cid, 'Điều 5')).total).toBe(0);
    expect((await tallyOf(cid, 'Điều 6')).total).toBe(0);
    for (const o of flag2.json().opinions as { flagId: string }[]) {
      const r = await staff('POST', `/api/v1/consultations/${cid}/flags/${o.flagId}/review`, { decision: 'upheld', note: 'Xác minh: số điện thoại bị dùng trái phép' });
      expect(r.statusCode, r.body).toBe(200);
    }
    expect((await tallyOf(cid, 'Điều 5')).total).toBe(0);
    expect((await tallyOf(cid, 'Điều 6')).total).toBe(0);
    // Counters equal a recount of counted opinions.
    const [recount] = await queryRows<{ n: number }>(env.ctx.db, sql`select count(*)::int as n from consultation_opinions where consultation_id = ${cid} and status = 'counted'`);
    const [counters] = await queryRows<{ n: number }>(env.ctx.db, sql`select coalesce(sum(n), 0)::int as n from consultation_counters where consultation_id = ${cid}`);
    expect(Number(counters!.n)).toBe(Number(recount!.n));
    // The margins the unfiltered tally reads equal a recount per section and dimension (flags moved them too).
    const byKey = (rows: { k: string; n: number | string }[]) => Object.fromEntries(rows.filter((r) => Number(r.n) !== 0).map((r) => [r.k, Number(r.n)]));
    const margins = await queryRows<{ k: string; n: number }>(env.ctx.db, sql`select section_id || '|' || dim || '|' || value || '|' || commune as k, sum(n) as n from consultation_margins where consultation_id = ${cid} group by 1`);
    const remargins = await queryRows<{ k: string; n: number }>(
      env.ctx.db,
      sql`select section_id || '|' || d.dim || '|' || d.value || '|' || d.commune as k, count(*) as n
            from consultation_opinions o
            cross join lateral (values ('stance', o.stance, ''), ('channel', o.channel, ''), ('category', o.category, ''), ('age', o.age_band, ''), ('place', o.province_code, o.commune_code)) as d(dim, value, commune)
           where o.consultation_id = ${cid} and o.status = 'counted' group by 1`,
    );
    expect(Object.keys(byKey(margins)).length).toBeGreaterThan(0);
    expect(byKey(margins)).toEqual(byKey(remargins));
    const actions = (await env.ctx.db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.entityId, cid))).map((a) => a.action);
    expect(actions.filter((a) => a === 'consultation.false-attribution-flagged')).toHaveLength(2);
    expect(actions.filter((a) => a === 'consultation.flag-reviewed')).toHaveLength(3);
  }, 120_000);

  it('flags a burst from one source for review', async () => {
    await env.ctx.db.insert(appSettings).values({ key: 'consultation.burst', value: { perSourcePerMinute: 3, perOfficerPerMinute: 60 } }).onConflictDoUpdate({ target: appSettings.key, set: { value: { perSourcePerMinute: 3, perOfficerPerMinute: 60 } } });
    forgetBurstLimits();
    try {
      for (let i = 0; i < 3; i++) {
        const c = await codeFor(cid, `0913 111 ${String(100 + i)}`);
        const r = await pub('POST', `/api/v1/public/consultations/${cid}/opinions`, { ...c, opinions: [{ section: 'Điều 7', stance: 'approve' }, { section: 'Điều 8', stance: 'approve' }], respondent }, '192.0.2.77');
        expect(r.statusCode, r.body).toBe(201);
      }
      const flags = (await staff('GET', `/api/v1/consultations/${cid}/flags`)).json().items as { kind: string; source: string; opinions: number }[];
      const bursts = flags.filter((f) => f.kind === 'burst');
      expect(bursts).toHaveLength(1);
      expect(bursts[0]!.source).toMatch(/^ip:[0-9a-f]+$/);
      expect(bursts[0]!.source).not.toContain('192.0.2.77');
      expect((await tallyOf(cid, 'Điều 7')).total).toBe(3);
    } finally {
      await env.ctx.db.delete(appSettings).where(eq(appSettings.key, 'consultation.burst'));
      forgetBurstLimits();
    }
  }, 120_000);
});

describe('opinion groups', () => {
  it('finds three planted camps, describes them, and the same seed gives the same groups', async () => {
    gid = await createPublished('Dự thảo quy chế (phân nhóm ý kiến)');
    const secs = await Promise.all(Array.from({ length: 12 }, (_, i) => sectionId(gid, `Điều ${i + 1}`)));
    const camps = [60, 40, 25];
    const list: OpinionIn[] = [];
    let p = 0;
    camps.forEach((size, g) => {
      for (let i = 0; i < size; i++, p++) {
        secs.forEach((s, j) => {
          if ((p + j) % 5 === 0) return; // not everybody answers everything
          const own = j % 3 === g;
          const noise = (p * 7 + j * 3) % 17 === 0;
          const stance = own !== noise ? 'approve' : 'disapprove';
          list.push(opinion({ sectionId: s, personKey: `camp-${g}-${i}`, stance, ...(stance === 'disapprove' ? { text: 'Không đồng ý' } : {}) }));
        });
      }
    });
    await env.ctx.db.transaction((tx) => applyOpinions(tx, gid, env.ctx.now(), list));
    expect((await staff('GET', `/api/v1/consultations/${gid}/opinion-groups`)).json()).toEqual({ clustering: null });
    const run = await staff('POST', `/api/v1/consultations/${gid}/opinion-groups`, { seed: 7 });
    expect(run.statusCode, run.body).toBe(201);
    const r = run.json() as { k: number; participants: number; groups: { label: string; size: number; agrees: { section: string }[]; disagrees: { section: string }[]; suggestedTheme: string }[] };
    expect(r).toMatchObject({ k: 3, participants: 125 });
    expect(r.groups.map((g) => g.size)).toEqual([60, 40, 25]);
    const num = (k: string) => Number(/Điều (\d+)/.exec(k)![1]) - 1;
    r.groups.forEach((g, i) => {
      expect(g.agrees.length).toBeGreaterThan(0);
      for (const s of g.agrees) expect(num(s.section) % 3).toBe(i);
      for (const s of g.disagrees) expect(num(s.section) % 3).not.toBe(i);
      expect(g.suggestedTheme).toContain(`Nhóm ý kiến ${'ABC'[i]}`);
    });
    const again = await staff('POST', `/api/v1/consultations/${gid}/opinion-groups`, { seed: 7 });
    expect(again.json().groups).toEqual(r.groups);
    const latest = (await staff('GET', `/api/v1/consultations/${gid}/opinion-groups`)).json().clustering;
    expect(latest.id).toBe(again.json().id);
    expect((await env.api('GET', `/api/v1/consultations/${gid}/opinion-groups`, { token: await env.login('nh.head') })).statusCode).toBe(404);
  }, 120_000);
});
