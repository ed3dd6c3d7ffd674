/**
 * Citizen portal in a real Chromium against `danvan serve --demo`, with a real SMTP server in this process:
 *  - on a 360×740 phone: submit a complaint with a photo, get the tracking code and the e-mail, staff accepts
 *    it (API), the tracking page shows "Đã thụ lý" and the new deadline;
 *  - the same journey with JavaScript disabled;
 *  - axe-core on every public page: zero serious or critical violations;
 *  - a keyboard-only journey for submit and track.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startSmtpSink, type SmtpSink } from '@danvan/server/modules/notifications/smtp-sink';
import { DEMO_PASSWORD, launchBrowser, startServer, type RunningServer } from './support.ts';

const require = createRequire(import.meta.url);
const AXE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
// A real (tiny) PNG, as a phone camera would send a JPEG.
const PHOTO = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

let sink: SmtpSink;
let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  sink = await startSmtpSink();
  server = await startServer({ env: { DANVAN_SMTP_URL: `smtp://127.0.0.1:${sink.port}`, DANVAN_NOTIFY_INTERVAL_MS: '500' } });
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await sink?.stop();
});

function phone(opts: { javaScriptEnabled?: boolean; bypassCSP?: boolean } = {}): Promise<BrowserContext> {
  return browser.newContext({
    // Only for injecting axe-core: the pages forbid every script by their Content-Security-Policy.
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

const withOutput = async <T>(fn: () => Promise<T>): Promise<T> => {
  try {
    return await fn();
  } catch (err) {
    throw new Error(`${err instanceof Error ? err.message : String(err)}\n--- server output ---\n${server.output()}`);
  }
};

async function api<T>(method: string, path: string, body?: unknown, token?: string): Promise<{ status: number; json: T }> {
  const res = await fetch(`${server.baseUrl}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as T };
}

async function staffToken(username: string): Promise<string> {
  const r = await api<{ token: string }>('POST', '/api/v1/auth/login', { username, password: DEMO_PASSWORD });
  return r.json.token;
}

/** Staff accepts the case (thụ lý) through the API; returns the new deadline as dd/mm/yyyy. */
async function accept(caseCode: string): Promise<string> {
  const token = await staffToken('xuly');
  const list = await api<{ items: { id: string; code: string }[] }>('GET', '/api/v1/cases?agency=00004&limit=500', undefined, token);
  const c = list.json.items.find((i) => i.code === caseCode);
  expect(c, `case ${caseCode}`).toBeDefined();
  const r = await api<{ case: { dueOn: string; state: string } }>('POST', `/api/v1/cases/${c!.id}/transitions`, { action: 'accept', decisionNo: '10/QĐ-UBND', signer: 'Trần Văn Lãnh' }, token);
  expect(r.status).toBe(200);
  expect(r.json.case.state).toBe('accepted');
  const [y, m, d] = r.json.case.dueOn.split('-');
  return `${d}/${m}/${y}`;
}

interface Receipt {
  code: string;
  secret: string;
  caseCode: string;
}

async function fillAndSubmit(page: Page, withPhoto: boolean, marker: string): Promise<Receipt> {
  await page.goto(`${server.baseUrl}/`);
  await page.getByRole('link', { name: /Gửi đơn trực tuyến/ }).click();
  await page.getByLabel('Tìm cơ quan').fill('ba dinh');
  await page.getByRole('button', { name: 'Tìm' }).click();
  await page.getByRole('link', { name: 'Ủy ban nhân dân Phường Ba Đình' }).click();
  await page.getByLabel('Khiếu nại').check();
  await page.getByLabel(/^Nội dung/).fill(`Khiếu nại Quyết định số 45/QĐ-UBND về mức bồi thường khi thu hồi đất ngõ 19 Kim Mã (${marker}).`);
  await page.getByLabel('Họ và tên').fill('Trần Thị Bình');
  await page.getByLabel('Địa chỉ').fill('Ngõ 19 Kim Mã, Phường Ba Đình, Hà Nội');
  await page.getByLabel('Số điện thoại').fill('0987 654 321');
  await page.getByLabel('E-mail').fill(`binh.${marker}@example.com`);
  if (withPhoto) await page.locator('#f-files').setInputFiles({ name: 'hien-truong.png', mimeType: 'image/png', buffer: PHOTO });
  await page.getByLabel(/Tôi đồng ý/).check();
  await page.getByRole('button', { name: 'Gửi đơn' }).click();
  await page.waitForURL('**/gui-don/da-gui');
  return {
    code: (await page.getByTestId('tracking-code').innerText()).trim(),
    secret: (await page.getByTestId('tracking-secret').innerText()).trim(),
    caseCode: (await page.getByTestId('case-code').innerText()).trim(),
  };
}

async function trackIn(page: Page, r: Receipt): Promise<void> {
  await page.goto(`${server.baseUrl}/tra-cuu`);
  await page.getByLabel('Mã tra cứu', { exact: true }).fill(r.code);
  await page.getByLabel('Mật mã tra cứu').fill(r.secret);
  await page.getByRole('button', { name: 'Xem' }).click();
  await page.waitForURL('**/tra-cuu/ho-so');
}

async function journey(javaScriptEnabled: boolean, marker: string) {
  const context = await phone({ javaScriptEnabled });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  try {
    const r = await fillAndSubmit(page, true, marker);
    expect(r.code).toMatch(/^DV-[0-9A-Z]{5}-[0-9A-Z]{5}$/);
    expect(await page.locator('main').innerText()).toContain('đã tiếp nhận đơn khiếu nại');
    // The e-mail from the worker, through the real SMTP server.
    const mail = await sink.waitFor((m) => m.text.includes(r.code), 20_000);
    expect(mail.to).toEqual([`binh.${marker}@example.com`]);
    expect(mail.subject).toBe(`Đã tiếp nhận đơn khiếu nại — mã tra cứu ${r.code}`);
    expect(mail.text).toContain(`Mật mã tra cứu: ${r.secret}`);
    // Before acceptance: received, processing deadline.
    await trackIn(page, r);
    expect(await page.getByTestId('track-state').innerText()).toBe('Đã tiếp nhận');
    // Staff accepts; the citizen sees "Đã thụ lý" and the new deadline.
    const due = await accept(r.caseCode);
    await page.reload();
    expect(await page.getByTestId('track-state').innerText()).toBe('Đã thụ lý');
    expect(await page.getByTestId('track-deadline').innerText()).toContain(due);
    expect(await page.getByTestId('track-notices').innerText()).toContain('đã thụ lý giải quyết đơn khiếu nại');
    expect(await page.locator('main').innerText()).toContain('hien-truong.png');
    const notice = await sink.waitFor((m) => m.subject === `Hồ sơ ${r.code}: Đã thụ lý`, 20_000);
    expect(notice.text).toContain(`thời hạn giải quyết đến hết ngày ${due}`);
    // Exactly one receipt e-mail per submission.
    expect(sink.messages.filter((m) => m.subject.startsWith('Đã tiếp nhận') && m.text.includes(r.code))).toHaveLength(1);
    return r;
  } finally {
    await context.close();
  }
}

describe('citizen portal', () => {
  it('on a 360×740 phone: submit a complaint with a photo, e-mail, staff accepts, tracking shows "Đã thụ lý" and the deadline', async () => {
    await withOutput(() => journey(true, 'js'));
  });

  it('the same journey with JavaScript disabled', async () => {
    await withOutput(() => journey(false, 'nojs'));
  });

  it('axe-core: zero serious or critical violations on every public page', async () => {
    await withOutput(async () => {
      const context = await phone({ bypassCSP: true });
      const page = await context.newPage();
      page.setDefaultTimeout(15_000);
      // A published reception day to book.
      const token = await staffToken('letan');
      const tomorrow = new Date(Date.now() + 7 * 3600_000 + 86_400_000).toISOString().slice(0, 10);
      const s = await api<{ session: { id: string } }>('POST', '/api/v1/reception-sessions', { agency: '00004', kind: 'regular', heldOn: tomorrow, startTime: '08:00', endTime: '11:30', location: 'Phòng tiếp công dân, 25 Liễu Giai' }, token);
      expect(s.status, JSON.stringify(s.json)).toBe(201);
      const sessionId = s.json.session.id;
      const results: { page: string; violations: { id: string; impact: string | null; nodes: number }[] }[] = [];
      const check = async (label: string) => {
        await page.addScriptTag({ content: AXE });
        const r = await page.evaluate(async () => {
          const axe = (globalThis as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: { id: string; impact: string | null; nodes: unknown[] }[] }> } }).axe;
          const out = await axe.run((globalThis as unknown as { document: unknown }).document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } });
          return out.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length }));
        });
        results.push({ page: label, violations: r });
      };
      const visit = async (path: string) => {
        await page.goto(`${server.baseUrl}${path}`);
        await check(path);
      };
      for (const path of ['/', '/?lang=en', '/?lang=vi', '/gui-don', '/gui-don?q=ba%20dinh', '/gui-don?co-quan=00004', '/gui-don?tinh=01', '/tra-cuu', '/tra-loi', '/tra-loi?q=den%20duong', '/co-quan?q=ba%20dinh', '/co-quan/00004', '/dat-lich', '/dat-lich?co-quan=00004', `/dat-lich/${sessionId}`, '/huy-lich', '/khong-co-trang-nay']) {
        await visit(path);
      }
      // Pages behind a form post.
      await page.goto(`${server.baseUrl}/gui-don?co-quan=00004`);
      await page.getByRole('button', { name: 'Gửi đơn' }).click();
      await check('/gui-don (errors)');
      const r = await fillAndSubmit(page, false, 'axe');
      await check('/gui-don/da-gui');
      await page.goto(`${server.baseUrl}/tra-cuu`);
      await page.getByLabel('Mã tra cứu', { exact: true }).fill(r.code);
      await page.getByLabel('Mật mã tra cứu').fill('AAAAA-AAAAA');
      await page.getByRole('button', { name: 'Xem' }).click();
      await check('/tra-cuu (not found)');
      await trackIn(page, r);
      await check('/tra-cuu/ho-so');
      await page.goto(`${server.baseUrl}/tra-cuu/ho-so?lang=en`);
      await check('/tra-cuu/ho-so?lang=en');
      await page.goto(`${server.baseUrl}/dat-lich/${sessionId}?lang=vi`);
      await page.getByLabel(/Họ và tên/).fill('Ngô Văn A');
      await page.getByLabel(/Số điện thoại/).fill('0913000111');
      await page.getByLabel(/Nội dung cần trình bày/).fill('Hỏi về bồi thường');
      await page.getByRole('button', { name: 'Đặt lịch' }).click();
      await page.waitForURL('**/dat-lich/da-dat');
      await check('/dat-lich/da-dat');
      await context.close();

      const serious = results.flatMap((p) => p.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${p.page}: ${v.id} (${v.impact}, ${v.nodes})`));
      const minor = results.flatMap((p) => p.violations.filter((v) => v.impact !== 'serious' && v.impact !== 'critical').map((v) => `${p.page}: ${v.id} (${v.impact})`));
      console.log(`[axe] ${results.length} public pages checked; serious/critical: ${serious.length}; moderate/minor: ${minor.length}${minor.length ? `\n  ${minor.join('\n  ')}` : ''}`);
      expect(serious).toEqual([]);
    });
  });

  it('keyboard only: submit a petition and track it with Tab, Space, arrows and Enter', async () => {
    await withOutput(async () => {
      const context = await phone();
      const page = await context.newPage();
      page.setDefaultTimeout(15_000);
      const kb = page.keyboard;
      /** Tab until the focused element matches `selector`; every stop must show a focus ring. */
      const tabTo = async (selector: string, max = 60) => {
        for (let i = 0; i < max; i++) {
          await kb.press('Tab');
          const state = await page.evaluate((sel) => {
            // No DOM types in this project: the few browser globals used here, typed by hand.
            type El = { matches(s: string): boolean };
            const g = globalThis as unknown as { document: { activeElement: El | null; body: El }; getComputedStyle(e: El): { outlineStyle: string; outlineWidth: string } };
            const el = g.document.activeElement;
            if (!el || el === g.document.body) return { match: false, ring: true };
            const cs = g.getComputedStyle(el);
            return { match: el.matches(sel), ring: cs.outlineStyle !== 'none' && cs.outlineWidth !== '0px' };
          }, selector);
          expect(state.ring, `focus ring on the element before ${selector}`).toBe(true);
          if (state.match) return;
        }
        throw new Error(`could not reach ${selector} with Tab`);
      };
      await page.goto(`${server.baseUrl}/`);
      await tabTo('a[href="/gui-don"]');
      await kb.press('Enter');
      await page.waitForURL('**/gui-don');
      await tabTo('#f-agency-q');
      await kb.type('phuong ba dinh');
      await kb.press('Enter');
      await page.waitForURL('**/gui-don?q=*');
      await tabTo('a[href="/gui-don?co-quan=00004"]');
      await kb.press('Enter');
      await page.waitForURL('**/gui-don?co-quan=00004');
      await tabTo('input[name="kind"]');
      await kb.press('ArrowDown'); // feedback → complaint
      expect(await page.locator('#f-kind-complaint').isChecked()).toBe(true);
      await tabTo('#f-content');
      await kb.type('Khiếu nại việc chậm cấp giấy chứng nhận quyền sử dụng đất (bàn phím).');
      await tabTo('#f-name');
      await kb.type('Đỗ Văn Cường');
      await tabTo('#f-address');
      await kb.type('Số 5 Đội Cấn, Ba Đình');
      await tabTo('#f-phone');
      await kb.type('0912111222');
      await tabTo('#f-consent');
      await kb.press('Space');
      expect(await page.locator('#f-consent').isChecked()).toBe(true);
      await tabTo('button[type="submit"]');
      await kb.press('Enter');
      await page.waitForURL('**/gui-don/da-gui');
      const code = (await page.getByTestId('tracking-code').innerText()).trim();
      const secret = (await page.getByTestId('tracking-secret').innerText()).trim();
      await tabTo('main a[href="/tra-cuu"]');
      await kb.press('Enter');
      await page.waitForURL('**/tra-cuu');
      await tabTo('#f-code');
      await kb.type(code);
      await tabTo('#f-secret');
      await kb.type(secret);
      await kb.press('Enter');
      await page.waitForURL('**/tra-cuu/ho-so');
      expect(await page.getByTestId('track-state').innerText()).toBe('Đã tiếp nhận');
      await context.close();
    });
  });
});
