/**
 * Dialogues and commitments in a real Chromium against `danvan serve --demo` (issue 14):
 * the commune head plans a dialogue (a pre-decision dialogue, so the real clock can hold it today) and publishes its
 * notice → a citizen on a 360×740 phone with JavaScript disabled registers a question → the head records the session
 * and the structured conclusion (one issue assigned to the commune itself, one answered) → the handler updates the
 * commitment with a photo, then closes it with a public note → the public pages show it; axe-core finds no serious
 * or critical violation on the public pages and the staff pages of the journey.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ensureWebBuilt, launchBrowser, login, newContext, startServer, type RunningServer } from './support.ts';

const require = createRequire(import.meta.url);
const AXE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const PHOTO = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  ensureWebBuilt();
  server = await startServer();
  browser = await launchBrowser();
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const withOutput = async <T>(fn: () => Promise<T>): Promise<T> => {
  try {
    return await fn();
  } catch (err) {
    throw new Error(`${err instanceof Error ? err.message : String(err)}\n--- server output ---\n${server.output()}`);
  }
};

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

const results: { page: string; violations: { id: string; impact: string | null; nodes: number }[] }[] = [];
async function axe(page: Page, label: string) {
  await page.addScriptTag({ content: AXE });
  const r = await page.evaluate(async () => {
    const a = (globalThis as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: { id: string; impact: string | null; nodes: unknown[] }[] }> } }).axe;
    const out = await a.run((globalThis as unknown as { document: unknown }).document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } });
    return out.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length }));
  });
  results.push({ page: label, violations: r });
}

const todayVn = () => new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
const inDays = (n: number) => new Date(Date.now() + 7 * 3600_000 + n * 86_400_000).toISOString().slice(0, 10);

describe('dialogue journey', () => {
  it('plan → notice → a citizen registers on a phone without JS → conclusion → commitment updated with a photo → closed → public', async () => {
    await withOutput(async () => {
      const staff = await newContext(browser);
      const page = await staff.newPage();
      page.setDefaultTimeout(20_000);
      await login(page, server.baseUrl, 'lanhdao');
      await page.getByTestId('nav-record-visit').click();
      await page.getByTestId('rc-tab-dialogues').click();
      await page.getByLabel('Loại đối thoại').selectOption('pre-decision');
      await page.getByLabel('Tên hội nghị').fill('Đối thoại về phương án chỉnh trang vỉa hè phố Liễu Giai');
      await page.getByLabel('Ngày tổ chức').fill(todayVn());
      await page.getByLabel('Địa điểm').fill('Hội trường UBND phường Ba Đình');
      await page.getByTestId('dlg-create').click();
      await page.waitForURL(/dialogues\/[0-9a-f-]{36}$/);
      const dialogueId = page.url().split('/').pop()!;
      await page.getByLabel('Cách thức tham dự').fill('Trực tiếp tại hội trường; gửi câu hỏi trước trên cổng DânVận');
      await page.getByTestId('dlg-notice').click();
      await expect.poll(async () => page.getByTestId('dlg-status').textContent()).toBe('Đã thông báo');

      // A citizen on a phone with JavaScript disabled.
      const citizen = await phone({ javaScriptEnabled: false });
      const cp = await citizen.newPage();
      cp.setDefaultTimeout(20_000);
      await cp.goto(`${server.baseUrl}/doi-thoai?co-quan=00004`);
      await cp.getByRole('link', { name: 'Đối thoại về phương án chỉnh trang vỉa hè phố Liễu Giai', exact: true }).click();
      await cp.getByLabel('Câu hỏi, kiến nghị của bạn').fill('Vỉa hè trước số 25 Liễu Giai có được giữ lại bồn cây không?');
      await cp.getByLabel('Số điện thoại (không bắt buộc)').fill('0912 345 678');
      await cp.getByRole('button', { name: 'Gửi đăng ký' }).click();
      await cp.waitForURL(/da-dang-ky/);
      const regCode = (await cp.locator('.code').textContent())!.trim();
      expect(regCode).toMatch(/^DK-[A-Z0-9]{8}$/);

      // Held, then the structured conclusion.
      await page.reload();
      await expect.poll(async () => (await page.content()).includes(regCode), { message: 'registration shown to staff', timeout: 15_000 }).toBe(true);
      await page.getByLabel('Tên buổi (cụm dân cư)').fill('Buổi chính');
      await page.getByLabel('Số người dự').fill('64');
      await page.getByTestId('dlg-session').click();
      await expect.poll(async () => page.getByTestId('dlg-status').textContent()).toBe('Đã tổ chức');
      await page.getByLabel('Nội dung kết luận').fill('UBND phường tiếp thu ý kiến, giữ lại bồn cây và điều chỉnh phương án.');
      await page.locator('#i0-content').fill('Giữ lại bồn cây trước số 25 Liễu Giai');
      await page.locator('#i0-outcome').selectOption('assigned');
      await page.locator('#i0-agency').fill('00004');
      await page.locator('#i0-due').fill(inDays(30));
      await page.locator('#i0-reg').fill(regCode);
      await page.getByTestId('dlg-add-issue').click();
      await page.locator('#i1-content').fill('Thời gian thi công');
      await page.locator('#i1-answer').fill('Thi công ban đêm từ 22 giờ, hoàn thành trong 30 ngày');
      await page.getByTestId('dlg-conclude').click();
      // The conclusion writes the issues, the commitments and the sends to village heads: allow for a loaded machine.
      await expect.poll(async () => page.getByTestId('dlg-status').textContent(), { timeout: 20_000 }).toBe('Đã công bố kết luận');
      await axe(page, 'staff /dialogues/:id (concluded)');

      // The owner (the commune itself) updates the commitment with a photo, then closes it.
      await page.getByRole('link', { name: /CK-00004-.*Giữ lại bồn cây/ }).click();
      await page.waitForURL(/commitments\/[0-9a-f-]{36}$/);
      const photo = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'dv-photo-')), 'bon-cay.png');
      fs.writeFileSync(photo, PHOTO);
      await page.getByLabel('Trạng thái').selectOption('in-progress');
      await page.getByLabel('Tiến độ (%)').fill('60');
      await page.getByLabel('Ghi chú cập nhật').fill('Đã điều chỉnh bản vẽ, giữ bồn cây');
      await page.getByLabel(/Ảnh, tệp minh chứng/).setInputFiles(photo);
      await page.getByTestId('cm-update').click();
      await expect.poll(async () => page.getByTestId('cm-status').textContent()).toBe('Đang thực hiện');
      await expect.poll(async () => (await page.content()).includes('bon-cay.png'), { message: 'photo in the timeline', timeout: 15_000 }).toBe(true);
      await axe(page, 'staff /commitments/:id');
      await page.getByLabel('Trạng thái').selectOption('done');
      await page.getByLabel('Ghi chú kết quả (công khai)').fill('Đã hoàn thành lát vỉa hè, giữ nguyên 3 bồn cây trước số 25 Liễu Giai');
      await page.getByTestId('cm-update').click();
      await expect.poll(async () => page.getByTestId('cm-status').textContent()).toBe('Đã thực hiện xong');

      // The public pages show it (still without JavaScript).
      await cp.goto(`${server.baseUrl}/doi-thoai/${dialogueId}`);
      expect(await cp.content()).toContain('Đã hoàn thành lát vỉa hè, giữ nguyên 3 bồn cây trước số 25 Liễu Giai');
      await cp.goto(`${server.baseUrl}/cam-ket?co-quan=00004`);
      const tracker = await cp.content();
      expect(tracker).toContain('Đã hoàn thành lát vỉa hè');
      expect(tracker).toContain('<strong>100%</strong>');
      const csv = await (await fetch(`${server.baseUrl}/api/v1/public/commitments.csv?agency=00004`)).text();
      expect(csv).toContain('ty_le_thuc_hien,100%');
      await citizen.close();

      // axe-core on the public pages of the journey (a context that may inject the script).
      const checker = await phone({ bypassCSP: true });
      const ap = await checker.newPage();
      for (const p of ['/doi-thoai', '/doi-thoai?co-quan=00004', `/doi-thoai/${dialogueId}`, '/cam-ket', '/cam-ket?co-quan=01', '/doi-thoai?lang=en']) {
        await ap.goto(`${server.baseUrl}${p}`);
        await axe(ap, p);
      }
      await checker.close();
      await staff.close();
      const serious = results.flatMap((p) => p.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${p.page}: ${v.id} (${v.impact}, ${v.nodes})`));
      const minor = results.flatMap((p) => p.violations.filter((v) => v.impact !== 'serious' && v.impact !== 'critical').map((v) => `${p.page}: ${v.id} (${v.impact})`));
      console.log(`[axe] ${results.length} pages checked; serious/critical: ${serious.length} ${serious.join(' | ')}; moderate/minor: ${minor.length}${minor.length ? `\n  ${minor.join('\n  ')}` : ''}`);
      expect(serious).toEqual([]);
    });
  }, 300_000);
});
