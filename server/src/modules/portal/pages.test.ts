/**
 * The portal's HTML pages without a browser (both databases): plain form posts with redirects (what a phone
 * without JavaScript does), the language switch, errors as HTML pages with a summary (never a 500, never JSON),
 * the sealed cookies between a POST and its page, booking and cancelling, and the HTML "not found".
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { createTestEnv, type TestEnv } from '../../testing/harness.ts';
import { PNG } from './test-fixtures.ts';

let env: TestEnv;
let ip = 0;

function multipart(fields: Record<string, string>, files: { name: string; filename: string; type: string; data: Buffer }[] = []) {
  const boundary = `----danvan${Date.now()}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  for (const f of files) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${f.name}"; filename="${f.filename}"\r\nContent-Type: ${f.type}\r\n\r\n`), f.data, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** Cookies a browser would keep from a response. */
function cookiesOf(res: LightMyRequestResponse): Record<string, string> {
  return Object.fromEntries(res.cookies.map((c) => [c.name, c.value]));
}

function get(url: string, cookies: Record<string, string> = {}) {
  return env.app.inject({ method: 'GET', url, cookies, remoteAddress: `10.7.0.${++ip % 250}` });
}

function postForm(url: string, form: Record<string, string>, cookies: Record<string, string> = {}) {
  return env.app.inject({
    method: 'POST',
    url,
    cookies,
    remoteAddress: `10.7.1.${++ip % 250}`,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams(form).toString(),
  });
}

beforeAll(async () => {
  env = await createTestEnv({ now: '2026-07-15T03:00:00Z' });
  await env.addUser('letan', 'receptionist', '00004');
});
afterAll(async () => env?.close());

describe('portal pages', () => {
  it('home: Vietnamese by default, English with ?lang=en (remembered), no script at all', async () => {
    const vi = await get('/');
    expect(vi.statusCode).toBe(200);
    expect(vi.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(vi.body).toContain('<html lang="vi">');
    expect(vi.body).toContain('Gửi ý kiến đến cơ quan nhà nước');
    expect(vi.body).not.toContain('<script');
    const en = await get('/?lang=en');
    expect(en.body).toContain('<html lang="en">');
    expect(en.body).toContain('Write to a state agency');
    const again = await get('/tra-cuu', cookiesOf(en));
    expect(again.body).toContain('Track your petition');
  });

  it('submit without JavaScript: agency search, the form, POST → 303 → the receipt with code and secret', async () => {
    const search = await get('/gui-don?q=ba%20dinh');
    expect(search.body).toContain('href="/gui-don?co-quan=00004"');
    const form = await get('/gui-don?co-quan=00004');
    expect(form.statusCode).toBe(200);
    const idem = /name="idem" value="([^"]+)"/.exec(form.body)?.[1];
    expect(idem).toBeTruthy();
    const fields = {
      idem: idem!,
      'co-quan': '00004',
      kind: 'complaint',
      content: 'Khiếu nại quyết định thu hồi đất ngõ 19 Kim Mã, mức bồi thường thấp.',
      name: 'Trần Thị Bình',
      address: 'Ngõ 19 Kim Mã, Hà Nội',
      phone: '0987654321',
      email: '',
      consent: 'yes',
      website: '',
    };
    const body = multipart(fields, [{ name: 'files', filename: 'anh.png', type: 'image/png', data: PNG }]);
    const res = await env.app.inject({ method: 'POST', url: '/gui-don', remoteAddress: '10.7.9.1', ...body });
    expect(res.statusCode, res.body).toBe(303);
    expect(res.headers.location).toBe('/gui-don/da-gui');
    // A double tap sends the same form (same hidden key): the same receipt, no second petition.
    const twice = await env.app.inject({ method: 'POST', url: '/gui-don', remoteAddress: '10.7.9.1', ...multipart(fields, [{ name: 'files', filename: 'anh.png', type: 'image/png', data: PNG }]) });
    expect(twice.statusCode).toBe(303);
    const receipt = await get('/gui-don/da-gui', cookiesOf(res));
    const code = /data-testid="tracking-code">([^<]+)</.exec(receipt.body)?.[1];
    const secret = /data-testid="tracking-secret">([^<]+)</.exec(receipt.body)?.[1];
    expect(code).toMatch(/^DV-/);
    expect(secret).toMatch(/^[0-9A-Z]{5}-[0-9A-Z]{5}$/);
    expect(/data-testid="tracking-code">([^<]+)</.exec((await get('/gui-don/da-gui', cookiesOf(twice))).body)?.[1]).toBe(code);
    expect(receipt.body).toContain('đã tiếp nhận đơn khiếu nại');
    // The receipt cookie is sealed: the secret is not readable in it.
    expect(JSON.stringify(res.cookies)).not.toContain(secret!);

    // Track: wrong secret → 404 page; right → 303 → the view.
    const wrong = await postForm('/tra-cuu', { code: code!, secret: 'AAAAA-AAAAA' });
    expect(wrong.statusCode).toBe(404);
    expect(wrong.body).toContain('Không tìm thấy hồ sơ với mã tra cứu và mật mã');
    const ok = await postForm('/tra-cuu', { code: code!, secret: secret! });
    expect(ok.statusCode).toBe(303);
    const view = await get('/tra-cuu/ho-so', cookiesOf(ok));
    expect(view.statusCode).toBe(200);
    expect(view.body).toContain('data-testid="track-state" lang="vi">Đã tiếp nhận<');
    // A complaint runs on its acceptance deadline: 7 working days from 15/07/2026 (issue 12, complaint.accept).
    expect(view.body).toContain('24/07/2026');
    expect(view.body).toContain('anh.png');
    expect(view.body).not.toContain('Trần Thị Bình');
    // Without the cookie, the view sends you to the form.
    expect((await get('/tra-cuu/ho-so')).headers.location).toBe('/tra-cuu');
  });

  it('bad input is an HTML page with an error summary linked to the fields — never a 500', async () => {
    const res = await env.app.inject({
      method: 'POST',
      url: '/gui-don',
      remoteAddress: '10.7.9.2',
      ...multipart({ 'co-quan': '00004', kind: 'denunciation', content: 'ngắn', name: '', address: '', phone: '123', consent: '' }),
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).toContain('Đơn chưa gửi được');
    expect(res.body).toContain('href="#f-name"');
    expect(res.body).toContain('href="#f-consent"');
    expect(res.body).toContain('aria-invalid="true"');
    expect(res.body).toContain('>ngắn</textarea>');
    const fake = await env.app.inject({
      method: 'POST',
      url: '/gui-don',
      remoteAddress: '10.7.9.3',
      ...multipart({ 'co-quan': '00004', kind: 'feedback', content: 'Phản ánh rác thải tồn đọng.', consent: 'yes' }, [{ name: 'files', filename: 'x.jpg', type: 'image/jpeg', data: Buffer.from('not an image') }]),
    });
    expect(fake.statusCode).toBe(400);
    expect(fake.body).toContain('không phải ảnh');
    const garbage = await env.app.inject({ method: 'POST', url: '/gui-don', remoteAddress: '10.7.9.4', headers: { 'content-type': 'multipart/form-data; boundary=x' }, payload: 'garbage' });
    expect(garbage.statusCode).toBeLessThan(500);
    const json = await env.app.inject({ method: 'POST', url: '/gui-don', remoteAddress: '10.7.9.5', payload: { 'co-quan': '00004', kind: 'feedback', content: 12345, consent: { yes: true } } });
    expect(json.statusCode).toBe(400);
    expect(json.headers['content-type']).toContain('text/html');
    const badTrack = await env.app.inject({ method: 'POST', url: '/tra-cuu', remoteAddress: '10.7.9.6', payload: { code: ['a'], secret: 1 } });
    expect(badTrack.statusCode).toBe(400);
    const noAgency = await postForm('/gui-don', { kind: 'feedback' });
    expect(noAgency.statusCode).toBe(400);
    expect(noAgency.headers['content-type']).toContain('text/html');
    expect((await get('/gui-don?co-quan=nope')).statusCode).toBe(404);
    expect((await get('/khong-co-trang-nay')).body).toContain('Không tìm thấy trang');
    const api = await get('/api/v1/khong-co');
    expect(api.headers['content-type']).toContain('application/json');
    expect(api.statusCode).toBe(404);
  });

  it('booking and cancelling through the pages', async () => {
    const token = await env.login('letan');
    const s = await env.api('POST', '/api/v1/reception-sessions', { token, body: { agency: '00004', kind: 'regular', heldOn: '2026-07-20', startTime: '08:00', location: 'Phòng tiếp công dân' } });
    expect(s.statusCode, s.body).toBe(201);
    const id = (s.json() as { session: { id: string } }).session.id;
    const home = await get('/');
    expect(home.body).toContain(`href="/dat-lich/${id}"`);
    const form = await get(`/dat-lich/${id}`);
    expect(form.body).toContain('20/07/2026');
    const bad = await postForm(`/dat-lich/${id}`, { name: '', phone: '1', content: '' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Số điện thoại không hợp lệ');
    const ok = await postForm(`/dat-lich/${id}`, { name: 'Ngô Văn A', phone: '0913000111', content: 'Hỏi về bồi thường' });
    expect(ok.statusCode).toBe(303);
    const done = await get('/dat-lich/da-dat', cookiesOf(ok));
    const code = /data-testid="booking-code">([^<]+)</.exec(done.body)?.[1];
    expect(code).toMatch(/^TCD-/);
    expect(done.body).toContain('data-testid="queue-number">1<');
    const cancel = await postForm('/huy-lich', { code: code!, phone: '0913 000 111' });
    expect(cancel.statusCode).toBe(303);
    expect((await get('/huy-lich', cookiesOf(cancel))).body).toContain(`Đã hủy lịch hẹn ${code}.`);
    const wrong = await postForm('/huy-lich', { code: code!, phone: '0913000112' });
    expect(wrong.statusCode).toBe(404);
    expect(wrong.headers['content-type']).toContain('text/html');
  });

  it('agency pages and public answers pages', async () => {
    const a = await get('/co-quan/00004');
    expect(a.statusCode).toBe(200);
    expect(a.body).toContain('Ủy ban nhân dân Phường Ba Đình');
    expect(a.body).toContain('href="/gui-don?co-quan=00004"');
    expect((await get('/co-quan?q=ngoc%20ha')).body).toContain('href="/co-quan/00008"');
    const answers = await get('/tra-loi?q=%C4%91%C3%A8n');
    expect(answers.statusCode).toBe(200);
    expect(answers.body).toContain('0 kết quả');
  });
});
