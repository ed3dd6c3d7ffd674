/**
 * Grassroots democracy in the browser (issue 17):
 *  - a commune handler imports the household register of a thôn from Excel on the staff page, issues the
 *    households' voting codes and sees them once;
 *  - a household representative on a phone (360×740, JavaScript off: the page has none) signs in with the
 *    household's code, opts in to online voting, votes «Đồng ý» and sees that the household was counted online;
 *    a second vote is refused; axe-core finds no serious or critical violation on the page;
 *  - the handler sees the household on the matter's ledger, counted «Trực tuyến».
 */
import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import { buildHouseholdWorkbook } from '@danvan/server/modules/grassroots/households-xlsx';
import { DEMO_PASSWORD, ensureWebBuilt, launchBrowser, login, newContext, startServer, type RunningServer } from './support.ts';

const require = createRequire(import.meta.url);
const AXE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  ensureWebBuilt();
  server = await startServer();
  browser = await launchBrowser();
}, 180_000);

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

async function api<T>(method: string, p: string, body?: unknown, token?: string): Promise<{ status: number; json: T }> {
  const res = await fetch(`${server.baseUrl}${p}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as T };
}

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

describe('grassroots: a household representative votes online on a phone', () => {
  it('import, voting codes, opt-in, vote once, the ledger', async () => {
    await withOutput(async () => {
      // ── Staff: the register from Excel, then the voting codes ──
      const rows = Array.from({ length: 4 }, (_, i) => ({
        communityCode: 'TDP7',
        communityName: i === 0 ? 'Tổ dân phố số 7' : '',
        communityKind: 'Tổ dân phố',
        householdCode: `H00${i + 1}`,
        name: ['Nguyễn Văn Hùng', 'Trần Thị Lụa', 'Lê Đức Thắng', 'Phạm Thị Hằng'][i]!,
        idNumber: `00108500012${i}`,
        phone: `09120000${10 + i}`,
        address: `Ngõ 12 Kim Mã, số ${i + 1}`,
        members: String(3 + i),
      }));
      const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'dv-gr-')), 'so-ho.xlsx');
      fs.writeFileSync(file, await buildHouseholdWorkbook(rows));
      const staffCtx = await newContext(browser);
      const staff = await staffCtx.newPage();
      staff.setDefaultTimeout(20_000);
      await login(staff, server.baseUrl, 'xuly');
      await staff.goto(`${server.baseUrl}/app/#/grassroots`);
      await staff.getByRole('heading', { name: 'Dân chủ ở cơ sở' }).waitFor();
      await staff.locator('input[type=file]').setInputFiles(file);
      await expect(staff.getByTestId('gr-imported').textContent()).resolves.toContain('4 hộ mới');
      const row = staff.getByRole('row', { name: /TDP7/ });
      await row.getByRole('button', { name: 'Cấp mã biểu quyết' }).click();
      const codesText = (await staff.locator('pre').textContent()) ?? '';
      await staff.screenshot({ path: path.join(os.tmpdir(), 'dv-grassroots-staff.png'), fullPage: true });
      const codes = codesText.split('\n').map((l) => l.split('\t')[1]!.trim());
      expect(codes).toHaveLength(4);

      // Three other households opt in; the matter (item 6) opens online.
      for (const c of codes.slice(1)) expect((await api('POST', '/api/v1/public/grassroots/opt-in', { code: c })).status).toBe(200);
      const token = (await api<{ token: string }>('POST', '/api/v1/auth/login', { username: 'xuly', password: DEMO_PASSWORD })).json.token;
      const m = await api<{ id: string }>('POST', '/api/v1/grassroots/matters', { agency: '00004', community: 'TDP7', item: 6, title: 'Lịch tổng vệ sinh ngõ phố sáng Chủ nhật', content: 'Tổng vệ sinh ngõ phố vào 7 giờ sáng Chủ nhật đầu tiên của tháng.', proposedBy: 'village-head', frontAgreed: true }, token);
      expect(m.status, JSON.stringify(m.json)).toBe(201);
      // The online plan (NĐ 59 Art. 5): the village head and the Front committee agreed, a team of 3 led by the Front.
      const day = (n: number) => new Date(Date.now() + n * 86_400_000 + 7 * 3_600_000).toISOString().slice(0, 10);
      const onlinePlan = { agreedOn: day(-1), startsOn: day(-1), endsOn: day(7), team: [{ name: 'Đặng Thị Thu', leader: true }, { name: 'Nguyễn Văn Sơn' }, { name: 'Lê Thị Hằng' }] };
      const opened = await api('POST', `/api/v1/grassroots/matters/${m.json.id}/open`, { forms: ['online'], onlinePlan }, token);
      expect(opened.status, JSON.stringify(opened.json)).toBe(200);

      // ── The representative of H001, on a phone without JavaScript ──
      const ctx = await phone({ javaScriptEnabled: false });
      const page = await ctx.newPage();
      page.setDefaultTimeout(15_000);
      await page.goto(`${server.baseUrl}/bieu-quyet`);
      await page.getByLabel('Mã biểu quyết của hộ').fill(codes[0]!.toLowerCase());
      await page.getByRole('button', { name: 'Tiếp tục' }).click();
      await page.getByText('H001 — Tổ dân phố số 7').waitFor();
      // Not opted in yet: the vote is refused with the reason, then the household opts in.
      await page.getByRole('radio', { name: 'Đồng ý', exact: true }).check();
      await page.getByRole('button', { name: 'Gửi biểu quyết' }).click();
      await page.getByText('Hộ gia đình chưa đăng ký biểu quyết trực tuyến').waitFor();
      await page.goto(`${server.baseUrl}/bieu-quyet`);
      await page.getByRole('button', { name: 'Hộ tôi đồng ý biểu quyết trực tuyến' }).click();
      await page.getByText('Hộ gia đình đã đăng ký biểu quyết trực tuyến.').waitFor();
      await page.getByRole('radio', { name: 'Đồng ý', exact: true }).check();
      await page.getByRole('button', { name: 'Gửi biểu quyết' }).click();
      await page.getByText('Biểu quyết của hộ đã được ghi nhận').waitFor();
      await page.getByText('Đã được tính: Biểu quyết trực tuyến — Đồng ý').waitFor();
      expect(await page.getByRole('button', { name: 'Gửi biểu quyết' }).count()).toBe(0);
      const width = await page.evaluate('document.documentElement.scrollWidth').catch(() => 360);
      expect(Number(width)).toBeLessThanOrEqual(360);
      await page.screenshot({ path: path.join(os.tmpdir(), 'dv-grassroots-phone.png'), fullPage: true });
      // The same household again through the API: counted once.
      const again = await api<{ form: string }>('POST', `/api/v1/public/grassroots/matters/${m.json.id}/votes`, { code: codes[0], choice: 'disagree' });
      expect(again.status).toBe(409);
      expect(again.json.form).toBe('online');

      // ── Accessibility of the page (axe needs a script: CSP bypassed in this context only) ──
      const axeCtx = await phone({ bypassCSP: true });
      const axePage = await axeCtx.newPage();
      for (const p of ['/bieu-quyet', '/bieu-quyet/cong-khai?xa=00004']) {
        await axePage.goto(`${server.baseUrl}${p}`);
        await axePage.addScriptTag({ content: AXE });
        const violations = await axePage.evaluate(async () => {
          const axe = (globalThis as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: { id: string; impact: string | null }[] }> } }).axe;
          const out = await axe.run((globalThis as unknown as { document: unknown }).document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
          return out.violations.map((v) => ({ id: v.id, impact: v.impact }));
        });
        expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
      }
      await axeCtx.close();

      // ── Staff: the ledger says H001 was counted online ──
      await staff.goto(`${server.baseUrl}/app/#/grassroots/matters/${m.json.id}`);
      await staff.getByTestId('gr-matter-title').waitFor();
      const ledger = staff.getByTestId('gr-ledger');
      await ledger.getByRole('row', { name: /H001.*Trực tuyến.*Đồng ý/ }).waitFor();
      await staff.getByTestId('gr-close').click();
      await staff.getByTestId('gr-status').filter({ hasText: 'Đã kết thúc, chờ gửi' }).waitFor();
      await expect(staff.getByTestId('gr-passed').textContent()).resolves.toBe('Không thông qua'); // 1 of 4 is not > 50%
      await staff.screenshot({ path: path.join(os.tmpdir(), 'dv-grassroots-matter.png'), fullPage: true });
      // The closed matter is now due to be sent to the commune within 5 working days.
      await staff.getByRole('link', { name: '← Dân chủ ở cơ sở' }).click();
      await staff.getByTestId('gr-compliance').getByRole('row', { name: /Gửi quyết định đến UBND xã.*Lịch tổng vệ sinh ngõ phố/ }).waitFor();
      // The duties screens: the demo initiative and the overdue recommendation of the people's inspection board.
      await staff.getByTestId('gr-duties-link').click();
      await staff.getByRole('row', { name: /Sân chơi cho trẻ em/ }).waitFor();
      await staff.getByRole('tab', { name: 'Kiến nghị của Ban Thanh tra nhân dân' }).click();
      await staff.getByRole('row', { name: /công khai chi tiết khoản chi.*Quá hạn/ }).waitFor();
      await staff.screenshot({ path: path.join(os.tmpdir(), 'dv-grassroots-duties.png'), fullPage: true });
      await ctx.close();
      await staffCtx.close();
    });
  }, 240_000);
});
