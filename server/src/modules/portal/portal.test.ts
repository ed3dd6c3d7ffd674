/**
 * Citizen portal through the HTTP API (both databases): submitPublicPetition with its identity rules, consent,
 * honeypot, attachments (type by magic number, size caps, encrypted on disk), Idempotency-Key (20 concurrent
 * submissions → one petition, the same answer each time), per-phone rate limit; trackPublicPetition (state,
 * deadline with its explanation, notices, no internal note; a wrong secret is the same 404 as a missing code);
 * ratePetition with the counts for reports; publishing and searching public answers with redaction.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { createTestEnv, type TestEnv } from '../../testing/harness.ts';
import { queryRows } from '../../db/client.ts';
import { verifyAudit } from '../audit/verify-audit.ts';
import { ratingCounts } from './rate-petition.ts';
import { PDF, PNG } from './test-fixtures.ts';

let env: TestEnv;
let ipSeq = 0;
/** Each test talks from its own address, so the per-IP limit of one test does not leak into another. */
const nextIp = () => `10.1.${Math.floor(++ipSeq / 250)}.${ipSeq % 250}`;


interface Receipt {
  trackingCode: string;
  secret: string;
  caseCode: string;
  dueOn: string | null;
  dueExplanation: string | null;
  notice: string;
}

function submit(body: Record<string, unknown>, o: { ip?: string; key?: string } = {}): Promise<LightMyRequestResponse> {
  return env.app.inject({
    method: 'POST',
    url: '/api/v1/public/petitions',
    remoteAddress: o.ip ?? nextIp(),
    headers: o.key ? { 'idempotency-key': o.key } : {},
    payload: { consent: true, ...body },
  });
}

const complaint = {
  agency: '00004',
  kind: 'complaint',
  content: 'Khiếu nại Quyết định số 45/QĐ-UBND về mức bồi thường khi thu hồi 30 m² đất ngõ 19 Kim Mã.',
  petitioner: { name: 'Trần Thị Bình', address: 'Ngõ 19 Kim Mã, Phường Ba Đình, Hà Nội', phone: '0987 654 321', email: 'binh@example.com' },
};

async function count(table: string): Promise<number> {
  const [r] = await queryRows<{ n: number }>(env.ctx.db, sql.raw(`select count(*)::int as n from ${table}`));
  return Number(r?.n);
}

async function caseIdOf(code: string): Promise<string> {
  const [r] = await queryRows<{ id: string }>(env.ctx.db, sql`select id from cases where code = ${code}`);
  return r!.id;
}

function track(body: Record<string, unknown>) {
  return env.app.inject({ method: 'POST', url: '/api/v1/public/petitions/track', remoteAddress: nextIp(), payload: body });
}

beforeAll(async () => {
  env = await createTestEnv({ now: '2026-07-15T03:00:00Z' });
  await env.addUser('xuly', 'handler', '00004');
  await env.addUser('lanhdao', 'head', '00004');
  await env.addUser('lanhdao.tinh', 'head', '01');
  await env.addUser('xacminh', 'investigator', '00004');
});
afterAll(async () => env?.close());

describe('submitPublicPetition', () => {
  it('takes a complaint: case opened with the processing deadline, receipt notice, tracking code and secret', async () => {
    const res = await submit(complaint);
    expect(res.statusCode, res.body).toBe(201);
    const r = res.json() as Receipt & { agency: { name: string } };
    expect(r.trackingCode).toMatch(/^DV-[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/);
    expect(r.secret).toMatch(/^[0-9A-Z]{5}-[0-9A-Z]{5}$/);
    expect(r.caseCode).toMatch(/^00004-2026-\d{5}$/);
    expect(r.agency.name).toBe('Ủy ban nhân dân Phường Ba Đình');
    // A complaint is accepted within 7 working days of 15/07/2026 (Wed; ND 124/2020 Art. 16 as amended):
    // 16, 17, 20, 21, 22, 23, 24 → Fri 24/07/2026.
    expect(r.dueOn).toBe('2026-07-24');
    expect(r.notice).toContain('đã tiếp nhận đơn khiếu nại');
    expect(r.notice).toContain('24/07/2026');
    const [p] = await queryRows<{ channel: string; petitioner_phone: string; created_by: string }>(
      env.ctx.db,
      sql`select p.channel, p.petitioner_phone, p.created_by from petitions p join cases c on c.id = p.case_id where c.code = ${r.caseCode}`,
    );
    expect(p).toMatchObject({ channel: 'online', petitioner_phone: '+84987654321' });
    // The secret is stored only as a scrypt hash.
    const [s] = await queryRows<{ secret_hash: string }>(env.ctx.db, sql`select secret_hash from portal_submissions where tracking_code = ${r.trackingCode}`);
    expect(s!.secret_hash).not.toContain(r.secret);
  });

  it('identity rules: required for complaint and denunciation, optional for feedback; consent and honeypot', async () => {
    const noName = await submit({ ...complaint, petitioner: { phone: '0912345678' } });
    expect(noName.statusCode).toBe(400);
    expect((noName.json() as { details: { field: string }[] }).details.map((d) => d.field)).toEqual(['petitioner.name', 'petitioner.address']);
    expect(noName.json()).toMatchObject({ message: expect.stringContaining('«Họ và tên» là bắt buộc') });
    const noContact = await submit({ ...complaint, kind: 'denunciation', petitioner: { name: 'A Bờ', address: 'Hà Nội' } });
    expect(noContact.json()).toMatchObject({ details: [{ field: 'petitioner.phone', message: expect.stringContaining('số điện thoại hoặc e-mail') }] });
    const english = await env.app.inject({ method: 'POST', url: '/api/v1/public/petitions', remoteAddress: nextIp(), headers: { 'accept-language': 'en' }, payload: { ...complaint, consent: false } });
    expect(english.json()).toMatchObject({ statusCode: 400, details: [{ field: 'consent', message: 'You must agree to the processing of the personal data in the petition' }] });
    const anonymous = await submit({ agency: '00004', kind: 'feedback', content: 'Đèn đường ngõ 5 Đội Cấn hỏng nhiều ngày, đề nghị sửa.' });
    expect(anonymous.statusCode, anonymous.body).toBe(201);
    const bot = await submit({ ...complaint, website: 'http://spam.example' });
    expect(bot.statusCode).toBe(400);
    expect(bot.json()).toMatchObject({ message: 'Biểu mẫu không hợp lệ; vui lòng tải lại trang rồi gửi lại' });
    const badPhone = await submit({ ...complaint, petitioner: { ...complaint.petitioner, phone: '12345', email: 'not-an-email' } });
    expect((badPhone.json() as { details: { field: string }[] }).details.map((d) => d.field)).toEqual(['petitioner.phone', 'petitioner.email']);
    const unknown = await submit({ ...complaint, agency: '99999' });
    expect(unknown.json()).toMatchObject({ statusCode: 400, details: [{ field: 'agency' }] });
  });

  it('"I don\'t know the agency" routes to the province', async () => {
    const res = await submit({ province: '01', kind: 'feedback', content: 'Không biết gửi đâu: rác thải đổ trộm ven sông Tô Lịch.' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ agency: { code: '01', name: 'Ủy ban nhân dân Thành phố Hà Nội' } });
    const bad = await submit({ province: '00004', kind: 'feedback', content: 'Không biết gửi đâu cả, thử lại.' });
    expect(bad.json()).toMatchObject({ statusCode: 400, details: [{ field: 'province' }] });
  });

  it("a denunciation's identity goes straight into the sealed store", async () => {
    const name = 'Lương Thị Kín Đáo';
    const res = await submit({ ...complaint, kind: 'denunciation', content: 'Tố cáo cán bộ địa chính nhận tiền để xác nhận hồ sơ đất.', petitioner: { name, address: 'Số 3 Đội Cấn', phone: '0911222333', email: 'kin.dao@example.com' } });
    expect(res.statusCode, res.body).toBe(201);
    const id = await caseIdOf((res.json() as Receipt).caseCode);
    const [c] = await queryRows<{ petitioner_name: string }>(env.ctx.db, sql`select petitioner_name from cases where id = ${id}`);
    expect(c!.petitioner_name).toBe('[Đã bảo mật]');
    const [p] = await queryRows<{ petitioner_name: string | null; petitioner_phone: string | null }>(env.ctx.db, sql`select petitioner_name, petitioner_phone from petitions where case_id = ${id}`);
    expect(p).toEqual({ petitioner_name: null, petitioner_phone: null });
    expect(await queryRows(env.ctx.db, sql`select 1 from sealed_identities where case_id = ${id}`)).toHaveLength(1);
    // Nowhere in clear: not in any portal table, the outbox, the audit trail.
    for (const table of ['portal_submissions', 'notification_outbox', 'audit_log', 'petitions', 'cases']) {
      const rows = await queryRows<{ t: string }>(env.ctx.db, sql.raw(`select t::text as t from ${table} t`));
      const text = rows.map((r) => r.t).join('\n');
      expect(text, table).not.toContain(name);
      expect(text, table).not.toContain('kin.dao@example.com');
      expect(text, table).not.toContain('+84911222333');
    }
  });

  it('attachments: photo and PDF by magic number, caps explained, encrypted on disk, readable by staff', async () => {
    const res = await submit({
      ...complaint,
      attachments: [
        { fileName: 'ảnh hiện trường.png', dataBase64: PNG.toString('base64') },
        { fileName: '../../etc/quyết định.pdf', dataBase64: PDF.toString('base64') },
      ],
    });
    expect(res.statusCode, res.body).toBe(201);
    const id = await caseIdOf((res.json() as Receipt).caseCode);
    const token = await env.login('xuly');
    const list = await env.api('GET', `/api/v1/cases/${id}/attachments`, { token });
    const items = (list.json() as { items: { id: string; fileName: string; contentType: string; sizeBytes: number }[] }).items;
    expect(items.map((i) => [i.fileName, i.contentType, i.sizeBytes])).toEqual([
      ['ảnh hiện trường.png', 'image/png', PNG.length],
      ['quyết định.pdf', 'application/pdf', PDF.length],
    ]);
    const dl = await env.api('GET', `/api/v1/attachments/${items[0]!.id}`, { token });
    expect(dl.statusCode).toBe(200);
    expect(dl.headers['content-type']).toBe('image/png');
    expect(dl.rawPayload.equals(PNG)).toBe(true);
    // On disk: ciphertext only.
    const [row] = await queryRows<{ storage_key: string }>(env.ctx.db, sql`select storage_key from portal_attachments where id = ${items[0]!.id}`);
    expect(row!.storage_key).toMatch(/^2026-07\/[0-9a-f-]{36}$/);

    const fake = await submit({ ...complaint, attachments: [{ fileName: 'anh.jpg', dataBase64: Buffer.from('<script>alert(1)</script>').toString('base64') }] });
    expect(fake.json()).toMatchObject({ statusCode: 400, details: [{ field: 'attachments.0', message: 'Tệp «anh.jpg» không phải ảnh (JPEG, PNG, WebP, HEIC) hay PDF' }] });
    const big = Buffer.concat([PNG, Buffer.alloc(5 * 1024 * 1024)]);
    const tooBig = await submit({ ...complaint, attachments: [{ fileName: 'to.png', dataBase64: big.toString('base64') }] });
    expect(tooBig.json()).toMatchObject({ statusCode: 400, details: [{ field: 'attachments.0', message: 'Tệp «to.png» lớn hơn 5 MB' }] });
    const four = await submit({ ...complaint, attachments: Array.from({ length: 4 }, (_, i) => ({ fileName: `${i}.png`, dataBase64: PNG.toString('base64') })) });
    expect(four.statusCode).toBe(400);
  });

  it('Idempotency-Key: 20 concurrent submissions with the same key → 1 petition, the same response every time', async () => {
    const before = await count('petitions');
    const casesBefore = await count('cases');
    const key = `test-${Date.now()}-same`;
    const body = { ...complaint, content: 'Khiếu nại về việc chậm cấp giấy chứng nhận quyền sử dụng đất (gửi lặp).', petitioner: { ...complaint.petitioner, phone: '0903000001' } };
    const ip = nextIp();
    const results = await Promise.all(Array.from({ length: 20 }, () => submit(body, { key, ip })));
    expect(results.map((r) => r.statusCode)).toEqual(Array(20).fill(201));
    const bodies = results.map((r) => r.json() as Receipt);
    expect(new Set(bodies.map((b) => JSON.stringify(b))).size).toBe(1);
    expect(results.filter((r) => r.headers['idempotent-replayed'] === 'true')).toHaveLength(19);
    expect(await count('petitions')).toBe(before + 1);
    expect(await count('cases')).toBe(casesBefore + 1);
    // A later resend replays too; the same key with another body is refused.
    const later = await submit(body, { key });
    expect(later.json()).toEqual(bodies[0]);
    const other = await submit({ ...body, content: 'Một nội dung khác hẳn nhưng cùng khóa chống trùng.' }, { key });
    expect(other.statusCode).toBe(409);
    expect(other.json()).toMatchObject({ message: expect.stringContaining('Idempotency-Key') });
    const badKey = await submit(body, { key: 'x' });
    expect(badKey.statusCode).toBe(400);
    expect(await count('petitions')).toBe(before + 1);
  });

  it('rate limits: per phone number (24 h) and per IP address', async () => {
    const body = { ...complaint, petitioner: { ...complaint.petitioner, phone: '0977000111', email: undefined } };
    for (let i = 0; i < 5; i++) expect((await submit({ ...body, content: `Phản ánh lần ${i + 1}: nước thải tràn ra đường.` })).statusCode).toBe(201);
    const sixth = await submit({ ...body, content: 'Phản ánh lần 6: nước thải tràn ra đường.' });
    expect(sixth.statusCode).toBe(429);
    expect(sixth.json()).toMatchObject({ message: 'Số điện thoại này đã gửi 5 đơn trong 24 giờ qua; vui lòng thử lại sau hoặc liên hệ trực tiếp cơ quan' });
    const ip = nextIp();
    const codes: number[] = [];
    for (let i = 0; i < 31; i++) codes.push((await submit({ kind: 'feedback', agency: '00004', content: '' }, { ip })).statusCode);
    expect(codes.slice(0, 30).every((c) => c === 400)).toBe(true);
    expect(codes[30]).toBe(429);
  });
});

describe('trackPublicPetition', () => {
  let receipt: Receipt;
  beforeAll(async () => {
    receipt = (await submit({ ...complaint, petitioner: { ...complaint.petitioner, phone: '0904555666' } })).json() as Receipt;
  });

  it('shows the state in Vietnamese, the deadline with its explanation and the receipt notice', async () => {
    const res = await track({ code: receipt.trackingCode.toLowerCase().replace(/-/g, ' '), secret: receipt.secret.toLowerCase() });
    expect(res.statusCode, res.body).toBe(200);
    const v = res.json() as { state: string; stateLabel: string; dueOn: string; dueExplanation: string; notices: { text: string }[] };
    expect(v).toMatchObject({ state: 'received', stateLabel: 'Đã tiếp nhận', dueOn: '2026-07-24' });
    expect(v.dueExplanation).toContain('Hạn thụ lý khiếu nại: 7 ngày làm việc');
    expect(v.notices.map((n) => n.text)).toEqual([receipt.notice]);
  });

  it('a wrong secret is the same 404 as a missing code; the phone number works instead of the secret', async () => {
    const wrong = await track({ code: receipt.trackingCode, secret: 'AAAAA-AAAAA' });
    const missing = await track({ code: 'DV-00000-00000', secret: receipt.secret });
    const garbage = await track({ code: 'not a code', secret: 'x' });
    expect(wrong.statusCode).toBe(404);
    expect(missing.statusCode).toBe(404);
    expect(garbage.statusCode).toBe(404);
    expect(wrong.body).toBe(missing.body);
    expect(garbage.body).toBe(missing.body);
    expect(wrong.json()).toMatchObject({ message: 'Không tìm thấy hồ sơ với mã tra cứu và mật mã (hoặc số điện thoại) này' });
    expect((await track({ code: receipt.trackingCode, phone: '0904 555 666' })).statusCode).toBe(200);
    expect((await track({ code: receipt.trackingCode, phone: '0904555667' })).body).toBe(missing.body);
    expect((await track({ code: receipt.trackingCode })).statusCode).toBe(400);
  });

  it('after acceptance: "Đã thụ lý", the new deadline and the acceptance notice — never the internal note', async () => {
    const id = await caseIdOf(receipt.caseCode);
    const res = await env.api('POST', `/api/v1/cases/${id}/transitions`, { token: await env.login('xuly'), body: { action: 'accept', decisionNo: '15/QĐ-UBND', signer: 'Trần Văn Lãnh', note: 'GHI CHÚ NỘI BỘ: xác minh hộ khẩu' } });
    expect(res.statusCode, res.body).toBe(200);
    const v = (await track({ code: receipt.trackingCode, secret: receipt.secret })).json() as { stateLabel: string; dueOn: string; dueExplanation: string; notices: { text: string }[] };
    expect(v.stateLabel).toBe('Đã thụ lý');
    expect(v.dueOn).toBe('2026-08-14'); // 30 days from 15/07/2026 (Luật Khiếu nại Art. 28)
    expect(v.dueExplanation).toContain('30 ngày');
    expect(v.notices[1]!.text).toContain('đã thụ lý giải quyết đơn khiếu nại');
    expect(JSON.stringify(v)).not.toContain('NỘI BỘ');
    expect(JSON.stringify(v)).not.toContain('Trần Thị Bình');
  });
});

describe('ratePetition and public answers', () => {
  it('rating needs an answer; counts per agency subtree for the reports', async () => {
    const r = (await submit({ agency: '00004', kind: 'feedback', content: 'Đèn đường ngõ 7 phố Đội Cấn tắt từ tối, gọi 0912 345 678 hoặc binh@example.com.', petitioner: { name: 'Trần Thị Bình', phone: '0905111222' } })).json() as Receipt;
    const rate = (body: Record<string, unknown>) => env.app.inject({ method: 'POST', url: '/api/v1/public/petitions/rate', remoteAddress: nextIp(), payload: { code: r.trackingCode, secret: r.secret, ...body } });
    expect((await rate({ satisfied: true })).statusCode).toBe(409);
    const id = await caseIdOf(r.caseCode);
    const token = await env.login('xuly');
    expect((await env.api('POST', `/api/v1/cases/${id}/transitions`, { token, body: { action: 'accept' } })).statusCode).toBe(200);
    expect((await env.api('POST', `/api/v1/cases/${id}/transitions`, { token, body: { action: 'answer', outcome: 'answered' } })).statusCode).toBe(200);
    const ok = await rate({ satisfied: false, comment: 'Chưa sửa, liên hệ 0905111222' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toEqual({ satisfied: false, comment: 'Chưa sửa, liên hệ [đã ẩn]' });
    expect((await rate({ satisfied: true })).json()).toMatchObject({ satisfied: true });
    expect(await ratingCounts(env.ctx.db, { agencyPath: 'VN/01' })).toEqual({ satisfied: 1, unsatisfied: 0, total: 1 });
    const summary = await env.api('GET', '/api/v1/ratings/summary?agency=00004&from=2026-07-01&to=2026-07-31', { token });
    expect(summary.json()).toEqual({ agency: '00004', satisfied: 1, unsatisfied: 0, total: 1 });
    // The rating shows in the period report of the commune and of its province.
    for (const agency of ['00004', '01']) {
      const report = await env.api('GET', `/api/v1/reports/period?agency=${agency}&from=2026-07-01&to=2026-07-31`, { token: await env.login('lanhdao.tinh') });
      expect(report.json(), agency).toMatchObject({ ratings: { satisfied: 1, unsatisfied: 0, total: 1 } });
    }

    // Publish the answer: redacted, searchable without diacritics.
    const publish = await env.api('PUT', `/api/v1/cases/${id}/public-answer`, { token, body: { answer: 'Phường đã thay bóng đèn ngày 20/7. Bà Trần Thị Bình đã được thông báo.' } });
    expect(publish.statusCode, publish.body).toBe(200);
    const pub = publish.json() as { question: string; answer: string };
    expect(pub.question).not.toContain('0912 345 678');
    expect(pub.question).not.toContain('binh@example.com');
    expect(pub.answer).toBe('Phường đã thay bóng đèn ngày 20/7. Bà [đã ẩn] đã được thông báo.');
    const list = await env.app.inject({ method: 'GET', url: '/api/v1/public/answers?q=den%20duong%20doi%20can', remoteAddress: nextIp() });
    expect(list.json()).toMatchObject({ total: 1, items: [{ agencyCode: '00004', kindLabel: 'kiến nghị, phản ánh' }] });
    expect((await env.app.inject({ method: 'GET', url: '/api/v1/public/answers?q=khong%20co%20gi', remoteAddress: nextIp() })).json()).toMatchObject({ total: 0 });
    const tracked = (await track({ code: r.trackingCode, secret: r.secret })).json() as { publicAnswer: { answer: string } | null };
    expect(tracked.publicAnswer?.answer).toContain('thay bóng đèn');
    // Only a case with an answer can be published; investigators may not publish.
    const open = (await submit({ agency: '00004', kind: 'feedback', content: 'Chưa trả lời nên chưa công khai được.' })).json() as Receipt;
    const early = await env.api('PUT', `/api/v1/cases/${await caseIdOf(open.caseCode)}/public-answer`, { token, body: { answer: 'x' } });
    expect(early.statusCode).toBe(409);
    const investigator = await env.api('PUT', `/api/v1/cases/${id}/public-answer`, { token: await env.login('xacminh'), body: { answer: 'x' } });
    expect(investigator.statusCode).toBe(403);
  });

  it('the audit chain is intact after all of the above', async () => {
    expect((await verifyAudit(env.ctx.db)).ok).toBe(true);
  });
});
