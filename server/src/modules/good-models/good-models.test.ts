/**
 * "Dân vận khéo" models through the HTTP API (both databases), the issue's Must-show scenario: Hà Nội launches a
 * 2026 campaign with 5 criteria; Phường Ba Đình registers a model, links a settled case and a photo with GPS EXIF,
 * self-assesses; an assessor of the same commune is refused; staff of another province get 404 on the draft; the
 * province scores and recognises it; the gallery finds it with "dan van kheo ba dinh" and serves the photo without
 * EXIF; a neighbouring commune replicates it; the 2027 check marks it not maintained and the figures move.
 */
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../testing/harness.ts';
import { verifyAudit } from '../audit/verify-audit.ts';
import { hasGpsExif, photoWithGps } from './test-photo.ts';

let env: TestEnv;

beforeAll(async () => {
  env = await createTestEnv({ now: '2026-02-10T02:00:00Z' });
  await env.addUser('tinh.head', 'head', '01');
  await env.addUser('tinh.inspector', 'inspector', '01');
  await env.addUser('bd.receptionist', 'receptionist', '00004');
  await env.addUser('bd.handler', 'handler', '00004');
  await env.addUser('bd.head', 'head', '00004');
  await env.addUser('bd.inspector', 'inspector', '00004');
  await env.addUser('nh.handler', 'handler', '00008');
  for (const role of ['receptionist', 'investigator', 'head', 'inspector', 'monitor'] as const) await env.addUser(`nh.${role}`, role, '00008');
  await env.addUser('hcm.head', 'head', '79');
  await env.addUser('hcm.inspector', 'inspector', '79');
});
afterAll(async () => env?.close());

async function as(user: string, method: 'GET' | 'POST', url: string, body?: unknown) {
  return env.api(method, url, { token: await env.login(user), ...(body !== undefined ? { body } : {}) });
}

const CRITERIA = [
  { key: 'sang-tao', label: 'Cách làm sáng tạo, tiết kiệm' },
  { key: 'thuyet-phuc', label: 'Vận động, thuyết phục nhân dân chấp hành pháp luật' },
  { key: 'huy-dong', label: 'Huy động nhiều lực lượng tham gia' },
  { key: 'hai-hoa', label: 'Hài hòa lợi ích Nhà nước, tập thể và người dân' },
  { key: 'ben-vung', label: 'Bền vững, nhân rộng được' },
];
const scores = (values: number[]) => CRITERIA.map((c, i) => ({ criterion: c.key, score: values[i]!, comment: `Nhận xét ${c.label.toLowerCase()}` }));

/** The titles of a PDF's outline (bookmarks): pdfkit writes them as literal strings, UTF-16BE with a BOM. */
function pdfOutline(buf: Buffer): string[] {
  const text = buf.toString('latin1');
  const out: string[] = [];
  for (const m of text.matchAll(/\/Title \(((?:\\.|[^\\)])*)\)/g)) {
    const raw = m[1]!.replace(/\\([nrtbf()\\]|[0-7]{1,3})/g, (_: string, e: string) => (/^[0-7]/.test(e) ? String.fromCharCode(parseInt(e, 8)) : ({ n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' } as Record<string, string>)[e] ?? e));
    const bytes = Buffer.from(raw, 'latin1');
    if (bytes[0] === 0xfe && bytes[1] === 0xff) out.push(Buffer.from(bytes.subarray(2)).swap16().toString('utf16le'));
    else out.push(raw);
  }
  return out;
}

let campaignId = '';
let modelId = '';
let caseCode = '';

describe('campaign', () => {
  it('the province launches a 2026 campaign with 5 criteria per kind; a commune officer may not', async () => {
    const body = { agency: '01', title: 'Phong trào thi đua «Dân vận khéo» năm 2026', periodKind: 'year', fromYear: 2026, criteria: { model: CRITERIA } };
    const refused = await as('bd.head', 'POST', '/api/v1/model-campaigns', body);
    expect(refused.statusCode).toBe(403);
    const res = await as('tinh.head', 'POST', '/api/v1/model-campaigns', body);
    expect(res.statusCode, res.body).toBe(201);
    const c = (res.json() as { campaign: { id: string; criteria: { model: unknown[]; exemplar: unknown[] }; fields: unknown[]; levels: { key: string }[]; toYear: number } }).campaign;
    expect(c.criteria.model).toHaveLength(5);
    expect(c.criteria.exemplar).toHaveLength(5); // the documented defaults
    expect(c.fields).toHaveLength(5);
    expect(c.levels.map((l) => l.key)).toEqual(['xuat-sac', 'tieu-bieu']);
    expect(c.toYear).toBe(2026);
    campaignId = c.id;
    const bad = await as('tinh.head', 'POST', '/api/v1/model-campaigns', { ...body, periodKind: 'review', fromYear: 2020, toYear: 2027 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ details: [{ field: 'toYear' }] });
    const seen = await as('bd.handler', 'GET', '/api/v1/model-campaigns?year=2026');
    expect((seen.json() as { items: { id: string }[] }).items.map((i) => i.id)).toContain(campaignId);
    expect((await as('hcm.head', 'GET', `/api/v1/model-campaigns/${campaignId}`)).statusCode).toBe(404);
  });
});

describe('lifecycle', () => {
  it('Phường Ba Đình registers a model; it is a draft nobody outside Hà Nội can see', async () => {
    const res = await as('bd.handler', 'POST', '/api/v1/models', {
      campaignId,
      agency: '00004',
      kind: 'model',
      field: 'he-thong-chinh-tri',
      title: 'Dân vận khéo trong giải quyết kiến nghị của nhân dân khu phố',
      story: 'Cán bộ phường đến từng hộ lắng nghe, giải quyết dứt điểm kiến nghị về chiếu sáng và vệ sinh ngõ xóm.',
    });
    expect(res.statusCode, res.body).toBe(201);
    modelId = (res.json() as { model: { id: string; status: string; year: number } }).model.id;
    expect(res.json()).toMatchObject({ model: { status: 'registered', year: 2026, agency: { code: '00004' }, fieldLabel: 'Xây dựng hệ thống chính trị' } });
    for (const user of ['hcm.head', 'hcm.inspector', 'nh.handler']) {
      expect((await as(user, 'GET', `/api/v1/models/${modelId}`)).statusCode, user).toBe(404);
      expect((await as(user, 'POST', `/api/v1/models/${modelId}/evidence`, { title: 'x', ref: { type: 'case', id: 'x' } })).statusCode, user).toBe(404);
      expect((await as(user, 'POST', `/api/v1/models/${modelId}/assessments`, { scores: scores([9, 9, 9, 9, 9]) })).statusCode, user).toBe(404);
      expect((await as(user, 'POST', `/api/v1/models/${modelId}/replications`, { agency: '00008' })).statusCode, user).toBe(404);
    }
    expect((await as('tinh.inspector', 'GET', `/api/v1/models/${modelId}`)).statusCode).toBe(200);
    const gallery = await env.api('GET', '/api/v1/public/models?q=dan%20van%20kheo');
    expect(gallery.json()).toMatchObject({ total: 0 });
    expect((await env.api('GET', `/api/v1/public/models/${modelId}`)).statusCode).toBe(404);
  });

  it('agency scope: officers of another commune, whatever their role, get 404 on every model id route of the OpenAPI document', async () => {
    const doc = (await env.api('GET', '/api/v1/openapi.json')).json() as { paths: Record<string, Record<string, unknown>> };
    const routes = Object.entries(doc.paths).flatMap(([p, ops]) => (p.startsWith('/api/v1/models/{id}') ? Object.keys(ops).map((m) => [m.toUpperCase(), p] as const) : []));
    expect(routes.length).toBeGreaterThanOrEqual(8);
    const bodies: Record<string, unknown> = {
      evidence: { title: 'x', ref: { type: 'case', id: 'x' } },
      'self-assessment': { scores: scores([9, 9, 9, 9, 9]) },
      assessments: { scores: scores([9, 9, 9, 9, 9]) },
      decision: { decision: 'recognize', level: 'tieu-bieu' },
      replications: { agency: '00008' },
      checks: { year: 2027, maintained: true },
      awards: { level: 'Giấy khen', decisionNo: '1/QĐ', decidedOn: '2026-02-10', signer: 'x' },
    };
    const uuid = '00000000-0000-4000-8000-000000000000';
    for (const role of ['receptionist', 'handler', 'investigator', 'head', 'inspector', 'monitor']) {
      const token = await env.login(`nh.${role}`);
      for (const [method, p] of routes) {
        const url = p.replace('{id}', modelId).replace('{evidenceId}', uuid);
        const body = bodies[p.split('/')[5] ?? ''];
        const res = await env.api(method as 'GET', url, { token, ...(method === 'POST' ? { body } : {}) });
        expect(res.statusCode, `nh.${role} ${method} ${p} → ${res.body}`).toBe(404);
      }
    }
  });

  it('a unit outside the campaign and an unknown field are refused field by field', async () => {
    const c79 = await as('hcm.head', 'POST', '/api/v1/models', { campaignId, agency: '79', kind: 'model', field: 'x', title: 't', story: 's' });
    expect(c79.statusCode).toBe(404); // the Hà Nội campaign is not theirs to see
    const res = await as('bd.handler', 'POST', '/api/v1/models', { campaignId, agency: '00004', kind: 'model', field: 'khong-co', title: 't', story: 's' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ details: [{ field: 'field', message: 'Đợt phát động không có lĩnh vực «khong-co»' }] });
  });

  it('evidence: a settled case and a kept commitment of the unit, a photo whose public copy has no GPS; unsettled cases and open commitments are refused', async () => {
    const visit = await as('bd.receptionist', 'POST', '/api/v1/visits', {
      agency: '00004',
      citizen: { name: 'Trần Thị Hoa', idNumber: '001180004567', address: 'Ngõ 5 Đội Cấn, Phường Ba Đình' },
      content: 'Kiến nghị sửa đèn chiếu sáng ngõ 5 phố Đội Cấn',
      type: 'feedback',
    });
    expect(visit.statusCode, visit.body).toBe(201);
    const c = (visit.json() as { case: { id: string; code: string } }).case;
    caseCode = c.code;
    const early = await as('bd.handler', 'POST', `/api/v1/models/${modelId}/evidence`, { title: 'Kiến nghị về chiếu sáng', ref: { type: 'case', id: c.code } });
    expect(early.statusCode).toBe(400);
    expect(early.json()).toMatchObject({ details: [{ field: 'ref.id', message: `Vụ việc ${c.code} chưa được giải quyết xong` }] });
    for (const action of ['accept', 'answer']) {
      const t = await as('bd.handler', 'POST', `/api/v1/cases/${c.id}/transitions`, { action, ...(action === 'answer' ? { outcome: 'answered' } : {}) });
      expect(t.statusCode, t.body).toBe(200);
    }
    const linked = await as('bd.handler', 'POST', `/api/v1/models/${modelId}/evidence`, { title: 'Kiến nghị về chiếu sáng đã được giải quyết', ref: { type: 'case', id: c.code } });
    expect(linked.statusCode, linked.body).toBe(201);
    expect(linked.json()).toMatchObject({ evidence: { kind: 'record', ref: { type: 'case', id: c.id, label: expect.stringContaining(`${c.code} — Đã trả lời`) } } });
    const again = await as('bd.handler', 'POST', `/api/v1/models/${modelId}/evidence`, { title: 'Lần nữa', ref: { type: 'case', id: c.id } });
    expect(again.statusCode).toBe(400);
    // A commitment the ward made at its dialogue (dialogues module): refused while open, linked once kept.
    const planned = await as('bd.handler', 'POST', '/api/v1/dialogues', { agency: '00004', kind: 'commune-yearly', title: 'Đối thoại về chiếu sáng ngõ phố', plannedOn: '2026-01-20', location: 'Hội trường UBND phường' });
    expect(planned.statusCode, planned.body).toBe(201);
    const dId = (planned.json() as { dialogue: { id: string } }).dialogue.id;
    const noticed = await as('bd.handler', 'POST', `/api/v1/dialogues/${dId}/notice`, { noticeOn: '2026-01-10', howToAttend: 'Trực tiếp tại hội trường' });
    expect(noticed.statusCode, noticed.body).toBe(200);
    const held = await as('bd.handler', 'POST', `/api/v1/dialogues/${dId}/sessions`, { heldOn: '2026-01-20', attendance: 60 });
    expect(held.statusCode, held.body).toBe(200);
    const concluded = await as('bd.head', 'POST', `/api/v1/dialogues/${dId}/conclusion`, { summary: 'Kết luận', issues: [{ content: 'Lắp đèn ngõ 5 Đội Cấn', outcome: 'assigned', agency: '00004', dueOn: '2026-02-28' }] });
    expect(concluded.statusCode, concluded.body).toBe(200);
    const kept = (concluded.json() as { dialogue: { code: string; commitments: { id: string; code: string }[] } }).dialogue;
    const ck = kept.commitments[0]!;
    const open = await as('bd.handler', 'POST', `/api/v1/models/${modelId}/evidence`, { title: 'Cam kết về chiếu sáng', ref: { type: 'commitment', id: ck.code } });
    expect(open.statusCode).toBe(400);
    const closed = await as('bd.handler', 'POST', `/api/v1/commitments/${ck.id}/updates`, { status: 'done', closingNote: 'Đã lắp 12 bóng đèn LED ngõ 5 Đội Cấn' });
    expect(closed.statusCode, closed.body).toBe(200);
    const commitment = await as('bd.handler', 'POST', `/api/v1/models/${modelId}/evidence`, { title: 'Cam kết đã thực hiện', ref: { type: 'commitment', id: ck.code } });
    expect(commitment.statusCode, commitment.body).toBe(201);
    expect(commitment.json()).toMatchObject({ evidence: { kind: 'record', ref: { type: 'commitment', id: ck.id, label: expect.stringContaining(`Cam kết ${ck.code} — Đã thực hiện`) } } });
    // Another province's commitment is not the ward's to claim.
    expect((await as('hcm.head', 'POST', `/api/v1/models/${modelId}/evidence`, { title: 'x', ref: { type: 'commitment', id: ck.code } })).statusCode).toBe(404);
    const dialogueRef = await as('bd.handler', 'POST', `/api/v1/models/${modelId}/evidence`, { title: 'Hội nghị đối thoại đã kết luận', ref: { type: 'dialogue', id: kept.code } });
    expect(dialogueRef.statusCode, dialogueRef.body).toBe(201);

    const original = await photoWithGps();
    expect(await hasGpsExif(original)).toBe(true);
    const photo = await as('bd.handler', 'POST', `/api/v1/models/${modelId}/evidence`, { title: 'Ngõ 5 sau khi lắp đèn', file: { fileName: 'ngo5.jpg', dataBase64: original.toString('base64') } });
    expect(photo.statusCode, photo.body).toBe(201);
    expect(photo.json()).toMatchObject({ evidence: { kind: 'photo', hasPublicCopy: true, contentType: 'image/jpeg', sizeBytes: original.length } });
    const evidenceId = (photo.json() as { evidence: { id: string } }).evidence.id;
    // The staff copy is the original, GPS included.
    const staffCopy = await as('bd.head', 'GET', `/api/v1/models/${modelId}/evidence/${evidenceId}/file`);
    expect(staffCopy.statusCode).toBe(200);
    expect(Buffer.compare(staffCopy.rawPayload, original)).toBe(0);
    expect((await as('hcm.head', 'GET', `/api/v1/models/${modelId}/evidence/${evidenceId}/file`)).statusCode).toBe(404);
    // Not public while the model is a draft.
    expect((await env.api('GET', `/api/v1/public/models/${modelId}/photos/${evidenceId}`)).statusCode).toBe(404);
  });

  it('self-assessment checks every criterion of the campaign and submits the model', async () => {
    const partial = await as('bd.head', 'POST', `/api/v1/models/${modelId}/self-assessment`, { scores: scores([9, 9, 9, 9, 11]).slice(1) });
    expect(partial.statusCode).toBe(400);
    expect(partial.json()).toMatchObject({
      details: expect.arrayContaining([
        { field: 'scores.3.score', message: 'Điểm phải là số nguyên từ 0 đến 10' },
        { field: 'scores', message: 'Chưa chấm tiêu chí «Cách làm sáng tạo, tiết kiệm»' },
      ]),
    });
    const early = await as('tinh.inspector', 'POST', `/api/v1/models/${modelId}/assessments`, { scores: scores([9, 9, 9, 9, 9]) });
    expect(early.statusCode).toBe(409);
    const res = await as('bd.head', 'POST', `/api/v1/models/${modelId}/self-assessment`, { scores: scores([10, 9, 9, 9, 10]) });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ model: { status: 'self-assessed' } });
  });

  it('an assessor of the same commune cannot score it (403); the province inspector does', async () => {
    const own = await as('bd.inspector', 'POST', `/api/v1/models/${modelId}/assessments`, { scores: scores([10, 10, 10, 10, 10]) });
    expect(own.statusCode).toBe(403);
    expect(own.json()).toMatchObject({ message: 'Người thẩm định không được chấm, công nhận hay kiểm tra mô hình của chính đơn vị mình' });
    const ownEn = await env.api('POST', `/api/v1/models/${modelId}/assessments`, { token: await env.login('bd.head'), headers: { 'accept-language': 'en' }, body: { scores: scores([10, 10, 10, 10, 10]) } });
    expect(ownEn.json()).toMatchObject({ statusCode: 403, message: 'An assessor may not score, recognise or check a model of their own unit' });
    const res = await as('tinh.inspector', 'POST', `/api/v1/models/${modelId}/assessments`, { scores: scores([9, 9, 8, 9, 10]), comment: 'Cách làm sát dân, kết quả rõ' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ model: { status: 'assessed' }, total: 45, max: 50 });
  });

  it('recognition needs the level to be earned; the province head recognises it', async () => {
    const notEarned = await as('tinh.inspector', 'POST', `/api/v1/models/${modelId}/assessments`, { scores: scores([8, 8, 8, 8, 8]) });
    expect(notEarned.json()).toMatchObject({ total: 40 });
    const tooHigh = await as('tinh.head', 'POST', `/api/v1/models/${modelId}/decision`, { decision: 'recognize', level: 'xuat-sac' });
    expect(tooHigh.statusCode).toBe(400);
    expect(tooHigh.json()).toMatchObject({ details: [{ field: 'level', message: 'Điểm bình quân 80,0% chưa đạt mức «Xuất sắc» (cần 90%)' }] });
    expect((await as('bd.head', 'POST', `/api/v1/models/${modelId}/decision`, { decision: 'recognize', level: 'tieu-bieu' })).statusCode).toBe(403);
    expect((await as('tinh.inspector', 'POST', `/api/v1/models/${modelId}/decision`, { decision: 'recognize', level: 'tieu-bieu' })).statusCode).toBe(403);
    env.setNow('2026-11-20T03:00:00Z');
    const res = await as('tinh.head', 'POST', `/api/v1/models/${modelId}/decision`, { decision: 'recognize', level: 'tieu-bieu' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ model: { status: 'recognized', level: 'tieu-bieu', levelLabel: 'Tiêu biểu', recognizedOn: '2026-11-20' } });
    const twice = await as('tinh.head', 'POST', `/api/v1/models/${modelId}/decision`, { decision: 'return', reasons: 'x' });
    expect(twice.statusCode).toBe(409);
  });

  it('a commendation is recorded by the level above (level, decision number, date, signer) and shows on the gallery page', async () => {
    const award = { level: 'Bằng khen của Chủ tịch UBND Thành phố Hà Nội', decisionNo: '1234/QĐ-UBND', decidedOn: '2026-11-20', signer: 'Chủ tịch UBND Thành phố' };
    expect((await as('bd.head', 'POST', `/api/v1/models/${modelId}/awards`, award)).statusCode).toBe(403);
    expect((await as('hcm.head', 'POST', `/api/v1/models/${modelId}/awards`, award)).statusCode).toBe(404);
    const bad = await as('tinh.head', 'POST', `/api/v1/models/${modelId}/awards`, { ...award, decidedOn: '2026-11-19', signer: '  ' });
    expect(bad.statusCode).toBe(400);
    expect((bad.json() as { details: { field: string; message: string }[] }).details).toEqual([
      { field: 'signer', message: expect.any(String) },
      { field: 'decidedOn', message: 'Ngày quyết định khen thưởng không được trước ngày công nhận (20/11/2026)' },
    ]);
    const res = await as('tinh.head', 'POST', `/api/v1/models/${modelId}/awards`, award);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ award: { ...award, decidedOnText: '20/11/2026' } });
    expect((await as('tinh.head', 'POST', `/api/v1/models/${modelId}/awards`, award)).statusCode).toBe(409);
    expect((await as('bd.head', 'GET', `/api/v1/models/${modelId}`)).json()).toMatchObject({ awards: [{ decisionNo: '1234/QĐ-UBND' }] });
    expect((await env.api('GET', `/api/v1/public/models/${modelId}`)).json()).toMatchObject({ model: { awards: [{ level: award.level, decisionNo: '1234/QĐ-UBND', signer: 'Chủ tịch UBND Thành phố' }] } });
    const page = await env.api('GET', `/mo-hinh/${modelId}`);
    expect(page.body).toContain('Quyết định số 1234/QĐ-UBND, 20/11/2026');
  });

  it('a return gives reasons and sends the model back to the unit, which resubmits', async () => {
    const reg = await as('bd.handler', 'POST', '/api/v1/models', { campaignId, agency: '00004', kind: 'exemplar', field: 'van-hoa-xa-hoi', title: 'Tổ trưởng tổ dân phố số 3 tận tụy', story: 'Vận động bà con giữ vệ sinh.' });
    const id = (reg.json() as { model: { id: string } }).model.id;
    const ex = (reg.json() as { model: { kind: string } }).model;
    expect(ex.kind).toBe('exemplar');
    const crit = ['guong-mau', 'y-tuong', 'giai-quyet', 'tan-tuy', 'gia-dinh-van-hoa'].map((criterion) => ({ criterion, score: 6 }));
    expect((await as('bd.head', 'POST', `/api/v1/models/${id}/self-assessment`, { scores: crit })).statusCode).toBe(200);
    expect((await as('tinh.inspector', 'POST', `/api/v1/models/${id}/assessments`, { scores: crit })).statusCode).toBe(200);
    const noReason = await as('tinh.head', 'POST', `/api/v1/models/${id}/decision`, { decision: 'return', reasons: '   ' });
    expect(noReason.statusCode).toBe(400);
    const ret = await as('tinh.head', 'POST', `/api/v1/models/${id}/decision`, { decision: 'return', reasons: 'Chưa có minh chứng kết quả cụ thể' });
    expect(ret.json()).toMatchObject({ model: { status: 'returned', returnReasons: 'Chưa có minh chứng kết quả cụ thể' } });
    const again = await as('bd.head', 'POST', `/api/v1/models/${id}/self-assessment`, { scores: crit });
    expect(again.json()).toMatchObject({ model: { status: 'self-assessed', returnReasons: null } });
  });
});

describe('gallery', () => {
  it('"dan van kheo ba dinh" finds the Dân vận khéo model of Phường Ba Đình (diacritics and đ/d folded)', async () => {
    for (const q of ['dan van kheo ba dinh', 'DÂN VẬN KHÉO Ba Đình', 'ha noi chieu sang']) {
      const res = await env.api('GET', `/api/v1/public/models?q=${encodeURIComponent(q)}`);
      expect(res.statusCode).toBe(200);
      expect(res.json(), q).toMatchObject({ total: 1, items: [{ id: modelId, agency: { code: '00004', name: 'Phường Ba Đình' }, province: 'Thành phố Hà Nội', levelLabel: 'Tiêu biểu' }] });
    }
    expect((await env.api('GET', '/api/v1/public/models?q=ngoc%20ha')).json()).toMatchObject({ total: 0 });
    expect((await env.api('GET', '/api/v1/public/models?province=79')).json()).toMatchObject({ total: 0 });
    expect((await env.api('GET', '/api/v1/public/models?province=01&field=he-thong-chinh-tri&year=2026&kind=model')).json()).toMatchObject({ total: 1 });
    expect((await env.api('GET', '/api/v1/public/models?kind=exemplar')).json()).toMatchObject({ total: 0 }); // not recognised
  });

  it('the model page shows the story, the linked outcome and the photo — whose public copy has no EXIF and is resized', async () => {
    const res = await env.api('GET', `/api/v1/public/models/${modelId}`);
    expect(res.statusCode).toBe(200);
    const m = (res.json() as { model: { story: string; outcomes: { label: string }[]; photos: { url: string }[] } }).model;
    expect(m.story).toContain('lắng nghe');
    expect(m.outcomes).toEqual([
      expect.objectContaining({ type: 'case', label: expect.stringContaining(caseCode) }),
      expect.objectContaining({ type: 'commitment', label: expect.stringMatching(/^Cam kết CK-00004-2026-001-01 — Đã thực hiện/) }),
      expect.objectContaining({ type: 'dialogue', label: expect.stringMatching(/^Đối thoại DT-00004-2026-001 — Đã kết luận/) }),
    ]);
    expect(m.photos).toHaveLength(1);
    const photo = await env.api('GET', m.photos[0]!.url);
    expect(photo.statusCode).toBe(200);
    expect(photo.headers['content-type']).toBe('image/jpeg');
    const meta = await sharp(photo.rawPayload).metadata();
    expect(meta.exif).toBeUndefined();
    expect(meta.xmp).toBeUndefined();
    expect(Math.max(meta.width, meta.height)).toBe(1600);
    // The original did carry the GPS block (IFD3), so the test can fail.
    const staffCopy = await as('bd.head', 'GET', `/api/v1/models/${modelId}/evidence/${m.photos[0]!.url.split('/').pop()}/file`);
    expect(await hasGpsExif(staffCopy.rawPayload)).toBe(true);
    expect(await hasGpsExif(photo.rawPayload)).toBe(false);
  });

  it('portal pages: the gallery search and filters work without script; the model page shows story, photo, outcome', async () => {
    const list = await env.api('GET', `/mo-hinh?q=${encodeURIComponent('dan van kheo ba dinh')}&tinh=01&loai=model`);
    expect(list.statusCode).toBe(200);
    expect(list.headers['content-type']).toContain('text/html');
    expect(list.body).toContain(`href="/mo-hinh/${modelId}"`);
    expect(list.body).toContain('Phường Ba Đình, Thành phố Hà Nội');
    expect(list.body).not.toContain('<script');
    expect(list.body.length).toBeLessThan(60_000);
    const none = await env.api('GET', '/mo-hinh?tinh=79');
    expect(none.body).toContain('Chưa có mô hình nào phù hợp.');
    const page = await env.api('GET', `/mo-hinh/${modelId}?lang=en`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<html lang="en">');
    expect(page.body).toContain('lắng nghe');
    expect(page.body).toMatch(/<img src="\/api\/v1\/public\/models\/[0-9a-f-]+\/photos\/[0-9a-f-]+" alt="Ngõ 5 sau khi lắp đèn"/);
    expect(page.body).toContain(caseCode);
    const draft = await as('bd.handler', 'POST', '/api/v1/models', { campaignId, agency: '00004', kind: 'model', field: 'kinh-te', title: 'Bản nháp', story: 'Chưa công khai' });
    expect((await env.api('GET', `/mo-hinh/${(draft.json() as { model: { id: string } }).model.id}`)).statusCode).toBe(404);
    expect((await env.api('GET', '/mo-hinh/not-an-id')).statusCode).toBe(404);
  });

  it('open data: CSV (BOM, quoted cells) and JSON of the recognised models', async () => {
    const csv = await env.api('GET', '/api/v1/public/models-open-data?format=csv&province=01');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('id,title,kind,field,year,agencyCode,agency,province,campaign,level,recognizedOn,replicatedFromId');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('"Phường Ba Đình"');
    const json = await env.api('GET', '/api/v1/public/models-open-data?format=json');
    expect(json.json()).toMatchObject({ items: [{ id: modelId, level: 'Tiêu biểu', recognizedOn: '2026-11-20' }] });
  });
});

describe('replication, the yearly check and the figures', () => {
  it('figures for 2026: registered 3, recognised 1, new 1, maintained 1', async () => {
    const res = await as('tinh.head', 'GET', '/api/v1/model-figures?agency=01&fromYear=2026');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      total: { registered: 3, recognized: 1, new: 1, replicated: 0, maintained: 1, notMaintained: 0, unchecked: 0 },
      byKind: { model: { registered: 2, recognized: 1 }, exemplar: { registered: 1, recognized: 0 } },
      children: [{ code: '00004', registered: 3, recognized: 1 }],
    });
    expect((await as('hcm.head', 'GET', '/api/v1/model-figures?agency=01&fromYear=2026')).statusCode).toBe(404);
    expect((await as('bd.handler', 'GET', '/api/v1/model-figures?agency=00004&fromYear=2026')).json()).toMatchObject({ total: { recognized: 1 } });
  });

  it('Phường Ngọc Hà replicates the recognised model (linked both ways)', async () => {
    env.setNow('2027-02-01T03:00:00Z');
    const c2027 = await as('tinh.head', 'POST', '/api/v1/model-campaigns', { agency: '01', title: '«Dân vận khéo» năm 2027', periodKind: 'year', fromYear: 2027, criteria: { model: CRITERIA } });
    const id2027 = (c2027.json() as { campaign: { id: string } }).campaign.id;
    const same = await as('bd.handler', 'POST', `/api/v1/models/${modelId}/replications`, { agency: '00004', campaignId: id2027 });
    expect(same.statusCode).toBe(400);
    const res = await as('nh.handler', 'POST', `/api/v1/models/${modelId}/replications`, { agency: '00008', campaignId: id2027 });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ model: { replicatedFromId: modelId, agency: { code: '00008' }, year: 2027, status: 'registered' } });
    const page = await env.api('GET', `/api/v1/public/models/${modelId}`);
    expect(page.json()).toMatchObject({ model: { replications: [{ agency: 'Phường Ngọc Hà', year: 2027, recognized: false, id: null }] } });
  });

  it("next year's check marks it not maintained (same rules: not by its own unit) and the figures move: recognised 1, maintained 0", async () => {
    const own = await as('bd.head', 'POST', `/api/v1/models/${modelId}/checks`, { year: 2027, maintained: true });
    expect(own.statusCode).toBe(403);
    const sameYear = await as('tinh.inspector', 'POST', `/api/v1/models/${modelId}/checks`, { year: 2026, maintained: true });
    expect(sameYear.statusCode).toBe(400);
    let figures = await as('tinh.head', 'GET', '/api/v1/model-figures?agency=01&fromYear=2026&toYear=2027');
    expect(figures.json()).toMatchObject({ total: { registered: 4, recognized: 1, replicated: 1, maintained: 0, notMaintained: 0, unchecked: 1 } });
    const res = await as('tinh.inspector', 'POST', `/api/v1/models/${modelId}/checks`, { year: 2027, maintained: false, note: 'Đèn hỏng không được sửa, tổ tự quản ngừng hoạt động' });
    expect(res.statusCode, res.body).toBe(200);
    figures = await as('tinh.head', 'GET', '/api/v1/model-figures?agency=01&fromYear=2026&toYear=2027');
    expect(figures.json()).toMatchObject({ total: { registered: 4, recognized: 1, new: 1, replicated: 1, maintained: 0, notMaintained: 1, unchecked: 0 } });
    // The 2026 figures do not change.
    expect((await as('tinh.head', 'GET', '/api/v1/model-figures?agency=01&fromYear=2026')).json()).toMatchObject({ total: { recognized: 1, maintained: 1 } });
    expect((await env.api('GET', `/api/v1/public/models/${modelId}`)).json()).toMatchObject({ model: { checks: [{ year: 2027, maintained: false }] } });
  });

  it('the period report exports carry the «Dân vận khéo» section (json, csv, xlsx)', async () => {
    const token = await env.login('tinh.head');
    const json = await env.api('GET', '/api/v1/reports/export?agency=01&period=2027&format=json', { token });
    expect(json.statusCode, json.body).toBe(200);
    expect(JSON.parse(json.body)).toMatchObject({
      sections: [{ key: 'dan-van-kheo', rows: [{ code: '01', values: { recognized: 0, maintained: 0, notMaintained: 1, replicated: 1 } }, { code: '00004' }, { code: '00008' }] }],
    });
    const csv = await env.api('GET', '/api/v1/reports/export?agency=01&period=2027&format=csv', { token });
    expect(csv.body).toContain('01,Ủy ban nhân dân Thành phố Hà Nội,,toan-bo,2027-01-01,2027-12-31,dan-van-kheo,notMaintained,Không duy trì,1');
    const xlsx = await env.api('GET', '/api/v1/reports/export?agency=01&period=2027&format=xlsx', { token });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.includes(Buffer.from('xl/worksheets/sheet'))).toBe(true);
  });

  it('the PDF of the period report carries the «Dân vận khéo» section as its own part (a bookmark and a table)', async () => {
    const token = await env.login('tinh.head');
    const pdf = await env.api('GET', '/api/v1/reports/export?agency=01&period=2027&format=pdf', { token });
    expect(pdf.statusCode).toBe(200);
    expect(pdfOutline(pdf.rawPayload)).toEqual(expect.arrayContaining(['VI. SỐ LIỆU THEO ĐƠN VỊ', 'VII. DÂN VẬN KHÉO 2027']));
    // A scope with no model has no such part.
    const other = await env.api('GET', '/api/v1/reports/export?agency=79&period=2027&format=pdf', { token: await env.login('hcm.head') });
    expect(pdfOutline(other.rawPayload).some((t) => t.includes('DÂN VẬN KHÉO'))).toBe(false);
  });

  it('the dashboard carries the same section (the staff app shows it as a card)', async () => {
    const res = await as('tinh.head', 'GET', '/api/v1/reports/dashboard?agency=01&period=2027');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ sections: [{ key: 'dan-van-kheo', rows: [{ code: '01', values: { notMaintained: 1, replicated: 1 } }, { code: '00004' }, { code: '00008' }] }] });
  });

  it('every step is in the audit chain', async () => {
    const r = await verifyAudit(env.ctx.db);
    expect(r.ok).toBe(true);
  });
});
