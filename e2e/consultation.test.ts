/**
 * Public consultation in a real Chromium against `danvan serve --demo`, with a real SMTP server in this process:
 * staff create a consultation, import a draft and publish it (API); on a 360×740 phone a citizen reads the draft
 * article by article, asks for a one-time code by e-mail, reads it from the mail, verifies and gives a stance with
 * a text on an article — once with JavaScript, once without; the tally counts both; axe-core finds no serious or
 * critical violation on the consultation pages.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startSmtpSink, type SmtpSink } from '@danvan/server/modules/notifications/smtp-sink';
import { DEMO_PASSWORD, launchBrowser, startServer, type RunningServer } from './support.ts';

const require = createRequire(import.meta.url);
const AXE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

let sink: SmtpSink;
let server: RunningServer;
let browser: Browser;
let cid = '';
let token = '';

async function api<T>(method: string, path: string, body?: unknown, tok?: string): Promise<{ status: number; json: T }> {
  const res = await fetch(`${server.baseUrl}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(tok ? { authorization: `Bearer ${tok}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as T };
}

const DRAFT = [
  'DỰ THẢO QUY CHẾ',
  'Chương I',
  'QUY ĐỊNH CHUNG',
  'Điều 1. Phạm vi',
  '1. Quy chế này quy định việc lấy ý kiến Nhân dân.',
  '2. Áp dụng trên địa bàn phường.',
  'Điều 2. Công khai',
  'Kết quả được niêm yết tại trụ sở.',
  'Chương II',
  'TỔ CHỨC THỰC HIỆN',
  'Điều 3. Hiệu lực',
  'Quy chế có hiệu lực từ ngày ký.',
].join('\n');

beforeAll(async () => {
  sink = await startSmtpSink();
  server = await startServer({ env: { DANVAN_SMTP_URL: `smtp://127.0.0.1:${sink.port}`, DANVAN_NOTIFY_INTERVAL_MS: '500' } });
  browser = await launchBrowser();
  token = (await api<{ token: string }>('POST', '/api/v1/auth/login', { username: 'xuly', password: DEMO_PASSWORD })).json.token;
  const head = (await api<{ token: string }>('POST', '/api/v1/auth/login', { username: 'lanhdao', password: DEMO_PASSWORD })).json.token;
  const closes = new Date(Date.now() + 7 * 3600_000 + 25 * 86_400_000).toISOString().slice(0, 10);
  const c = await api<{ id: string }>('POST', '/api/v1/consultations', { agency: '00004', title: 'Dự thảo Quy chế lấy ý kiến Nhân dân phường Ba Đình', kind: 'commune', subject: 'quy-che-dan-chu', audience: 'Nhân dân phường Ba Đình', closesOn: closes }, token);
  expect(c.status, JSON.stringify(c.json)).toBe(201);
  cid = c.json.id;
  expect((await api('POST', `/api/v1/consultations/${cid}/drafts`, { format: 'text', text: DRAFT }, token)).status).toBe(201);
  expect((await api('POST', `/api/v1/consultations/${cid}/publish`, {}, head)).status).toBe(200);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await sink?.stop();
});

function phone(opts: { javaScriptEnabled?: boolean; bypassCSP?: boolean } = {}): Promise<BrowserContext> {
  return browser.newContext({
    bypassCSP: opts.bypassCSP ?? false,
    viewport: { width: 360, height: 740 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    javaScriptEnabled: opts.javaScriptEnabled ?? true,
  });
}

async function axe(page: Page): Promise<{ id: string; impact: string | null }[]> {
  await page.addScriptTag({ content: AXE });
  return page.evaluate(async () => {
    const a = (globalThis as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: { id: string; impact: string | null }[] }> } }).axe;
    const out = await a.run((globalThis as unknown as { document: unknown }).document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } });
    return out.violations.map((v) => ({ id: v.id, impact: v.impact }));
  });
}

async function journey(js: boolean, email: string, article: string, stanceLabel: string, text: string) {
  const context = await phone({ javaScriptEnabled: js, bypassCSP: js });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const serious: string[] = [];
  const check = async (label: string) => {
    if (!js) return;
    for (const v of await axe(page)) if (v.impact === 'serious' || v.impact === 'critical') serious.push(`${label}: ${v.id}`);
  };
  await page.goto(`${server.baseUrl}/gop-y`);
  await check('/gop-y');
  await page.getByRole('link', { name: 'Dự thảo Quy chế lấy ý kiến Nhân dân phường Ba Đình' }).click();
  await check('/gop-y/:id');
  await page.getByRole('navigation', { name: 'Mục lục' }).getByRole('link', { name: new RegExp(`^${article}\\.`) }).click();
  await page.getByRole('heading', { level: 2, name: new RegExp(`^${article}\\.`) }).waitFor();
  await page.getByLabel('Hoặc e-mail').fill(email);
  await page.getByRole('button', { name: 'Gửi mã xác thực' }).click();
  const mail = await sink.waitFor((m) => m.to.includes(email) && /Mã xác thực/.test(m.subject), 20_000);
  const code = /(\d{6})/.exec(mail.subject)![1]!;
  await check('code form');
  await page.getByLabel('Mã xác thực (6 chữ số)').fill(code);
  await page.getByLabel('Bạn là').selectOption('worker');
  await page.getByRole('button', { name: 'Xác nhận' }).click();
  await page.getByLabel(stanceLabel, { exact: true }).check();
  await page.getByLabel(/Nội dung góp ý/).fill(text);
  await check('opinion form');
  await page.getByRole('button', { name: 'Gửi ý kiến' }).click();
  await page.getByText('Đã ghi nhận 1 ý kiến').waitFor();
  expect(await page.getByRole('heading', { level: 2, name: new RegExp(`^${article}\\.`) }).count()).toBe(1);
  await context.close();
  expect(serious).toEqual([]);
}

describe('public consultation on a phone', () => {
  it('takes an opinion on an article with JavaScript, axe clean', async () => {
    await journey(true, 'co.js@example.vn', 'Điều 2', 'Đồng ý một phần', 'Đề nghị niêm yết thêm tại nhà văn hóa tổ dân phố');
  }, 120_000);

  it('takes an opinion on an article without JavaScript', async () => {
    await journey(false, 'khong.js@example.vn', 'Điều 3', 'Không tán thành', 'Cần quy định ngày có hiệu lực cụ thể');
  }, 120_000);

  it('counts both opinions in the tally', async () => {
    const t = await api<{ tally: { participants: number; sections: { key: string; byStance: Record<string, number>; byChannel: Record<string, number> }[] } }>('GET', `/api/v1/consultations/${cid}/tally`, undefined, token);
    expect(t.json.tally.participants).toBe(2);
    expect(t.json.tally.sections.find((s) => s.key === 'Điều 2')!.byStance.partly).toBe(1);
    expect(t.json.tally.sections.find((s) => s.key === 'Điều 3')!.byStance.disapprove).toBe(1);
    expect(t.json.tally.sections.find((s) => s.key === 'Điều 3')!.byChannel.portal).toBe(1);
  });
});
