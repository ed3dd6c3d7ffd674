/**
 * Open311 GeoReport v2, tested by a client written from the spec (wiki.open311.org/GeoReport_v2), not from
 * DânVận's code: plain fetch over HTTP, form-encoded POST with api_key, XML read with regular expressions.
 * A feedback item is posted and read back with expected_datetime = the legal deadline (DânVận's public
 * computeDeadline); complaints and denunciations get a 400 in the spec's error format with the portal's address;
 * XML and JSON both; no personal field comes back; the status follows the case (accepted, forwarded, answered).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../testing/harness.ts';

let env: TestEnv;
let base = '';
let apiKey = '';

// ── The client: only what the spec says ──

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
async function post(path: string, fields: Record<string, string>) {
  const res = await fetch(`${base}/${path}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form(fields) });
  return { status: res.status, type: res.headers.get('content-type') ?? '', text: await res.text() };
}
async function get(path: string) {
  const res = await fetch(`${base}/${path}`);
  return { status: res.status, type: res.headers.get('content-type') ?? '', text: await res.text() };
}
const unescapeXml = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
/** The child elements of each <item> of an XML document, as objects of text (flat, as the spec's documents are). */
function xmlItems(xml: string, item: string): Record<string, string>[] {
  return [...xml.matchAll(new RegExp(`<${item}>([\\s\\S]*?)</${item}>`, 'g'))].map((m) => {
    const out: Record<string, string> = {};
    for (const f of m[1]!.matchAll(/<([a-z_]+)(?:\/>|>([\s\S]*?)<\/\1>)/g)) out[f[1]!] = unescapeXml(f[2] ?? '');
    return out;
  });
}

const PERSONAL = ['email', 'phone', 'first_name', 'last_name', 'device_id', 'account_id'];
const FEEDBACK = {
  jurisdiction_id: '00004',
  service_code: 'hanh-chinh',
  description: 'Đèn chiếu sáng ngõ 5 phố Đội Cấn hỏng nhiều ngày, buổi tối đi lại rất nguy hiểm. Liên hệ 0987654321.',
  lat: '21.0368',
  long: '105.8342',
  address_string: 'Ngõ 5 phố Đội Cấn, Phường Ba Đình, Hà Nội',
  first_name: 'Bình',
  last_name: 'Trần Thị',
  email: 'binh@example.com',
  phone: '0987654321',
  device_id: 'android-123',
};

beforeAll(async () => {
  env = await createTestEnv({ now: '2026-07-15T03:00:00Z' });
  await env.addUser('tichhop', 'receptionist', '00004');
  await env.addUser('xuly', 'handler', '00004');
  const res = await env.api('POST', '/api/v1/auth/tokens', { token: await env.login('tichhop'), body: { name: 'Ứng dụng phản ánh hiện trường' } });
  apiKey = (res.json() as { token: string }).token;
  const address = await env.app.listen({ port: 0, host: '127.0.0.1' });
  base = `${address}/open311/v2`;
});
afterAll(async () => env?.close());

describe('Open311 GeoReport v2 (a client written from the spec)', () => {
  let id = '';

  it('GET services in XML and JSON: the field list, feedback only, realtime', async () => {
    const xml = await get('services.xml');
    expect(xml.status).toBe(200);
    expect(xml.type).toMatch(/^text\/xml; charset=utf-8/);
    expect(xml.text.startsWith('<?xml version="1.0" encoding="utf-8"?>')).toBe(true);
    const services = xmlItems(xml.text, 'service');
    expect(services.map((s) => s.service_code)).toContain('hanh-chinh');
    expect(services.find((s) => s.service_code === 'dat-dai')).toMatchObject({ service_name: 'Đất đai', metadata: 'false', type: 'realtime', group: 'Kiến nghị, phản ánh' });
    const json = await get('services.json');
    expect(json.type).toMatch(/^application\/json/);
    expect((JSON.parse(json.text) as { service_code: string }[]).map((s) => s.service_code)).toEqual(services.map((s) => s.service_code));
    expect(services.some((s) => /khieu|to-cao|complaint|denunciation/.test(s.service_code ?? ''))).toBe(false);
  });

  it('POST requests (form-encoded, api_key) then GET requests/{id}: expected_datetime is the legal deadline, no personal field', async () => {
    const created = await post('requests.json', { api_key: apiKey, ...FEEDBACK });
    expect(created.status, created.text).toBe(200);
    const [r] = JSON.parse(created.text) as { service_request_id: string; service_notice: string }[];
    id = r!.service_request_id;
    expect(id).toMatch(/^00004-2026-\d{5}$/);

    const deadline = (await (await fetch(`${base.replace('/open311/v2', '')}/api/v1/clock/deadline?rule=petition.process&from=2026-07-15`)).json()) as { due: string };
    const one = await get(`requests/${id}.json`);
    expect(one.status).toBe(200);
    const [req] = JSON.parse(one.text) as Record<string, unknown>[];
    expect(req).toMatchObject({
      service_request_id: id,
      status: 'open',
      status_notes: 'Đã tiếp nhận',
      service_code: 'hanh-chinh',
      service_name: 'Hành chính',
      agency_responsible: 'Ủy ban nhân dân Phường Ba Đình',
      requested_datetime: '2026-07-15T10:00:00+07:00',
      expected_datetime: `${deadline.due}T23:59:59+07:00`,
      address: FEEDBACK.address_string,
      lat: 21.0368,
      long: 105.8342,
    });
    expect(deadline.due).toBe('2026-07-29'); // 10 working days
    for (const k of PERSONAL) expect(req).not.toHaveProperty(k);
    for (const secret of ['0987654321', 'binh@example.com', 'Trần Thị Bình', 'android-123']) expect(one.text).not.toContain(secret);

    const xml = await get(`requests/${id}.xml`);
    expect(xml.type).toMatch(/^text\/xml/);
    const [x] = xmlItems(xml.text, 'request');
    expect(x).toMatchObject({ service_request_id: id, status: 'open', expected_datetime: `${deadline.due}T23:59:59+07:00`, agency_responsible: 'Ủy ban nhân dân Phường Ba Đình', lat: '21.0368' });
    for (const k of PERSONAL) expect(x).not.toHaveProperty(k);

    const list = await get('requests.json?jurisdiction_id=00004&status=open');
    expect((JSON.parse(list.text) as { service_request_id: string }[]).map((q) => q.service_request_id)).toContain(id);
    const listXml = await get('requests.xml');
    expect(xmlItems(listXml.text, 'request').map((q) => q.service_request_id)).toContain(id);
    // The case was made by createPetition: the staff see it with the same deadline, channel online.
    const cases = (await env.api('GET', `/api/v1/cases?q=${encodeURIComponent('Đội Cấn')}`, { token: await env.login('xuly') })).json() as { items: { code: string; dueOn: string; kind: string }[] };
    expect(cases.items.find((c) => c.code === id)).toMatchObject({ kind: 'feedback', dueOn: deadline.due });
  });

  it('the status follows the case: accepted (new deadline), forwarded (agency_responsible), answered (closed)', async () => {
    let staff = await env.login('xuly');
    const caseId = ((await env.api('GET', `/api/v1/cases?q=${encodeURIComponent('Đội Cấn')}`, { token: staff })).json() as { items: { id: string; code: string }[] }).items.find((c) => c.code === id)!.id;
    env.setNow('2026-07-16T03:00:00Z');
    staff = await env.login('xuly');
    expect((await env.api('POST', `/api/v1/cases/${caseId}/transitions`, { token: staff, body: { action: 'accept' } })).statusCode).toBe(200);
    // Accepting feedback stops the processing clock and the law sets no answer deadline (workflow.ts): none shown.
    let [req] = JSON.parse((await get(`requests/${id}.json`)).text) as Record<string, unknown>[];
    expect(req).toMatchObject({ status: 'open', status_notes: 'Đang xử lý', expected_datetime: null, updated_datetime: '2026-07-16T10:00:00+07:00' });
    env.setNow('2026-07-17T03:00:00Z');
    staff = await env.login('xuly');
    const answered = await env.api('POST', `/api/v1/cases/${caseId}/transitions`, { token: staff, body: { action: 'answer', outcome: 'answered' } });
    expect(answered.statusCode, answered.body).toBe(200);
    [req] = JSON.parse((await get(`requests/${id}.json`)).text) as Record<string, unknown>[];
    expect(req).toMatchObject({ status: 'closed', status_notes: 'Đã trả lời', updated_datetime: '2026-07-17T10:00:00+07:00' });
    expect((JSON.parse((await get('requests.json?status=closed')).text) as { service_request_id: string }[]).map((q) => q.service_request_id)).toContain(id);
    expect((JSON.parse((await get('requests.json?status=open')).text) as { service_request_id: string }[]).map((q) => q.service_request_id)).not.toContain(id);

    // A second one, forwarded to another commune: the agency responsible is the receiving one.
    const second = JSON.parse((await post('requests.json', { api_key: apiKey, ...FEEDBACK, description: 'Cống thoát nước phố Kim Mã bị tắc, nước tràn lên vỉa hè.' })).text) as { service_request_id: string }[];
    const sid = second[0]!.service_request_id;
    const sCase = ((await env.api('GET', `/api/v1/cases?q=${encodeURIComponent('Kim Mã')}`, { token: staff })).json() as { items: { id: string; code: string }[] }).items.find((c) => c.code === sid)!;
    const fwd = await env.api('POST', `/api/v1/cases/${sCase.id}/transitions`, { token: staff, body: { action: 'forward', targetAgency: '00008' } });
    expect(fwd.statusCode, fwd.body).toBe(200);
    const [f] = xmlItems((await get(`requests/${sid}.xml`)).text, 'request');
    expect(f!.status).toBe('open');
    expect(f!.agency_responsible).not.toBe('Ủy ban nhân dân Phường Ba Đình');
    expect(f!.status_notes).toMatch(/^Đã tiếp nhận \(đơn đã được chuyển đến /);
  });

  it('complaints and denunciations are refused with 400 in the spec format, pointing at the portal (JSON and XML)', async () => {
    const before = (await env.api('GET', '/api/v1/cases', { token: await env.login('xuly') })).json() as { total: number };
    const byCode = await post('requests.json', { api_key: apiKey, ...FEEDBACK, service_code: 'khieu-nai' });
    expect(byCode.status).toBe(400);
    const errors = JSON.parse(byCode.text) as { code: number; description: string }[];
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ code: 400 });
    expect(errors[0]!.description).toMatch(/chỉ nhận kiến nghị, phản ánh[\s\S]*\/gui-don/);

    const byText = await post('requests.xml', { api_key: apiKey, ...FEEDBACK, description: 'Tôi tố cáo cán bộ địa chính phường nhận tiền khi làm hồ sơ cấp sổ đỏ.' });
    expect(byText.status).toBe(400);
    expect(byText.text).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?>\n<errors><error><code>400<\/code><description>[^<]*tố cáo[^<]*\/gui-don[^<]*<\/description><\/error><\/errors>$/);
    const byAttribute = await post('requests.json', { api_key: apiKey, ...FEEDBACK, 'attribute[kind]': 'complaint' });
    expect(byAttribute.status).toBe(400);
    const after = (await env.api('GET', '/api/v1/cases', { token: await env.login('xuly') })).json() as { total: number };
    expect(after.total).toBe(before.total); // nothing was created
  });

  it('other errors in the spec format: bad api_key 403, missing location 400, unknown jurisdiction / service / request 404', async () => {
    const bad = await post('requests.xml', { ...FEEDBACK, api_key: 'not-a-key' });
    expect(bad.status).toBe(403);
    expect(xmlItems(bad.text, 'error')[0]).toMatchObject({ code: '403' });
    const { lat: _lat, long: _long, address_string: _a, ...noLocation } = FEEDBACK;
    const nowhere = await post('requests.json', { api_key: apiKey, ...noLocation });
    expect(nowhere.status).toBe(400);
    expect((JSON.parse(nowhere.text) as { description: string }[])[0]!.description).toMatch(/address_string/);
    const html = await post('requests.json', { api_key: apiKey, ...FEEDBACK, description: 'Đèn hỏng <script>alert(1)</script>' });
    expect(html.status).toBe(400);
    const long = await post('requests.json', { api_key: apiKey, ...FEEDBACK, description: 'đèn hỏng '.repeat(500) });
    expect(long.status).toBe(400);
    const noSuch = await post('requests.json', { api_key: apiKey, ...FEEDBACK, jurisdiction_id: '99999' });
    expect(noSuch.status, noSuch.text).toBe(404);
    expect((await post('requests.json', { api_key: apiKey, ...FEEDBACK, service_code: 'khong-co' })).status).toBe(404);
    // An integration of Ba Đình may not file for another commune.
    expect((await post('requests.json', { api_key: apiKey, ...FEEDBACK, jurisdiction_id: '00008' })).status).toBe(403);
    const unknown = await get('requests/00004-2026-99999.json');
    expect(unknown.status).toBe(404);
    expect(JSON.parse(unknown.text)).toEqual([{ code: 404, description: expect.stringContaining('00004-2026-99999') as string }]);
    expect((await get('services.json?jurisdiction_id=99999')).status).toBe(404);
    expect((await get('requests.json?start_date=2026-01-01T00:00:00Z&end_date=2026-07-01T00:00:00Z')).status).toBe(400);
    const wrongFormat = await get('requests.html');
    expect(wrongFormat.status).toBe(404);
    expect(wrongFormat.text).toMatch(/<errors><error><code>404<\/code>/);
  });

  it('is rate-limited per address like the portal, with the error in the spec format', async () => {
    let last = { status: 0, text: '' };
    for (let i = 0; i < 125 && last.status !== 429; i++) last = await get('services.json');
    expect(last.status).toBe(429);
    expect((JSON.parse(last.text) as { code: number }[])[0]!.code).toBe(429);
  });
});
