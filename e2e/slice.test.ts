/**
 * Foundation slice, end to end in a browser against the real server with demo data:
 * a receptionist records a complaint, the handler accepts it (thụ lý), the head decides it,
 * and the period report of Phường Ba Đình counts it. Then the city's handler takes in a petition and chases the
 * commune (đôn đốc cấp dưới): the commune's handler gets the notice, without a link to the city's record, and sets
 * the e-mail address such notices also go to.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { login, logout, parseCount, pickOption, staffJourney } from './support.ts';
import type { RunningServer } from './support.ts';

const FIGURES = ['report-visits', 'report-cases', 'report-within', 'report-resolved'] as const;
type Figures = Record<(typeof FIGURES)[number], number>;

const journey = staffJourney();
let server: RunningServer;
let page: Page;

beforeAll(() => {
  ({ page, server } = journey);
});

async function expectAgency(p: Page, name: RegExp): Promise<void> {
  await expect.poll(() => p.getByTestId('agency-select').innerText()).toMatch(name);
}

async function readReport(p: Page): Promise<{ figures: Figures; summary: string }> {
  await p.getByTestId('nav-report').click();
  const summary = p.getByTestId('report-summary');
  await summary.waitFor();
  // Wait for the request of this page's range to settle before reading.
  await p.locator('[data-testid="report"][aria-busy="false"]').waitFor();
  const figures = {} as Figures;
  for (const id of FIGURES) figures[id] = parseCount(await p.getByTestId(id).innerText());
  return { figures, summary: (await summary.innerText()).trim() };
}

async function openCase(p: Page, code: string): Promise<void> {
  await p.getByTestId('nav-cases').click();
  await p.locator(`[data-testid="case-row"][data-case-code="${code}"]`).click();
  await expect.poll(() => p.getByTestId('case-code').innerText()).toBe(code);
}

describe('foundation slice: visit → accept → decide → report', () => {
  it('records, accepts, decides a complaint and the report counts it', async () => {
    const onFailure = (err: unknown) => {
      throw new Error(`${err instanceof Error ? err.message : String(err)}\n--- server output ---\n${server.output()}`);
    };

    try {
      // The head reads the report first: demo data may already count visits and cases.
      await login(page, server.baseUrl, 'lanhdao');
      await expectAgency(page, /Ba Đình/);
      const before = await readReport(page);
      await logout(page);

      // Receptionist: record a complaint at Phường Ba Đình.
      await login(page, server.baseUrl, 'letan');
      await expectAgency(page, /Ba Đình/);
      await page.getByTestId('nav-record-visit').click();
      await expect.poll(() => page.locator('h1').innerText()).toBe('Ghi nhận lượt tiếp công dân');
      const stamp = Date.now();
      await page.getByTestId('visit-name').fill('Nguyễn Văn Kiểm Thử');
      await page.getByTestId('visit-idNumber').fill(`0010${String(stamp).slice(-8)}`);
      await page.getByTestId('visit-address').fill('Số 1 phố Đội Cấn, Phường Ba Đình, Hà Nội');
      await page.getByTestId('visit-phone').fill('0912345678');
      await page.getByTestId('visit-content').fill(`Khiếu nại quyết định thu hồi đất (kiểm thử ${stamp})`);
      await page.getByTestId('visit-type-complaint').check();
      await page.getByTestId('visit-submit').click();
      const code = (await page.getByTestId('visit-case-code').innerText()).trim();
      expect(code).not.toBe('');
      await logout(page);

      // Handler: records the acceptance (thụ lý) the head signed — its number and signer.
      await login(page, server.baseUrl, 'xuly');
      await openCase(page, code);
      await expect.poll(() => page.getByTestId('case-state').innerText()).toBe('Đã tiếp nhận');
      await page.getByTestId('case-decisionNo-accept').fill('09/QĐ-UBND');
      await page.getByTestId('case-signer-accept').fill('Trần Văn Lãnh');
      await page.getByTestId('case-action-accept').click();
      await expect.poll(() => page.getByTestId('case-state').innerText()).toBe('Đã thụ lý');
      await logout(page);

      // Head: decide with outcome "Đúng".
      await login(page, server.baseUrl, 'lanhdao');
      await openCase(page, code);
      await page.getByTestId('case-outcome-decide').click();
      await page.locator('.ant-select-item-option').filter({ hasText: /^Đúng$/ }).click();
      await page.getByTestId('case-action-decide').click();
      await expect.poll(() => page.getByTestId('case-state').innerText()).toBe('Đã giải quyết');
      await expect.poll(() => page.getByTestId('case-outcome').innerText()).toBe('Đúng');
      await expect.poll(() => page.getByTestId('case-history-entry').count()).toBeGreaterThanOrEqual(3);

      // The head publishes the answer on the citizen portal; the portal's public answers show it.
      const published = `Ủy ban nhân dân phường đã giải quyết khiếu nại về thu hồi đất (${Date.now()}).`;
      await page.getByTestId('public-answer-text').fill(published);
      await page.getByTestId('public-answer-publish').click();
      // Issue 13: a preview of the redacted text (what may still be personal highlighted), then the confirmation.
      await page.getByTestId('public-answer-preview').waitFor();
      await page.getByTestId('public-answer-confirm').click();
      await page.getByTestId('public-answer-done').waitFor();
      const portal = await page.context().newPage();
      await portal.goto(`${server.baseUrl}/tra-loi`);
      expect(await portal.locator('main').innerText()).toContain(published);
      await portal.close();

      // The report of a range that includes today counts the journey once in every figure.
      const after = await readReport(page);
      for (const id of FIGURES) expect(after.figures[id], id).toBe(before.figures[id] + 1);
      expect(after.summary).toMatch(/lượt công dân/);
      expect(after.summary).not.toBe(before.summary);
      expect(await page.getByTestId('report-ratings').innerText()).toMatch(/\d+ hài lòng, \d+ chưa hài lòng/);
      await logout(page);
    } catch (err) {
      onFailure(err);
    }
  });

  it('the city handler chases Phường Ba Đình (đôn đốc) about a petition; the commune handler is notified', async () => {
    try {
      const stamp = Date.now();
      await login(page, server.baseUrl, 'tinh.xuly');
      await expectAgency(page, /Hà Nội/);
      await page.getByTestId('nav-new-petition').click();
      await expect.poll(() => page.locator('h1').innerText()).toBe('Tiếp nhận đơn');
      await page.getByTestId('petition-content').fill(`Phản ánh Ủy ban nhân dân phường Ba Đình chậm trả lời kiến nghị về vỉa hè (kiểm thử ${stamp})`);
      await page.getByTestId('petition-name').fill('Trần Thị Đôn Đốc');
      await page.getByTestId('petition-address').fill('Số 5 phố Kim Mã, Phường Ba Đình, Hà Nội');
      await page.getByTestId('petition-type-feedback').check();
      await page.getByTestId('petition-submit').click();
      const code = (await page.getByTestId('petition-case-code').innerText()).trim();
      expect(code).toMatch(/^01-\d{4}-\d{5}$/);

      await openCase(page, code);
      await expect.poll(() => page.getByTestId('case-state').innerText()).toBe('Đã tiếp nhận');
      // The picker lists the city's own lower levels at once; search narrows them.
      await pickOption(page, 'case-targetAgency-chase', /Phường Ba Đình/);
      await page.getByTestId('case-action-chase').click();
      await expect.poll(() => page.getByTestId('case-state').innerText()).toBe('Đã đôn đốc');
      await expect.poll(() => page.getByTestId('case-chased-agency').innerText()).toMatch(/Phường Ba Đình/);
      await logout(page);

      // The commune's handler finds the chase among the notifications (no link: the city's record is not theirs).
      await login(page, server.baseUrl, 'xuly');
      await page.getByTestId('notif-bell').click();
      await page.getByTestId('notif-drawer').waitFor();
      await expect.poll(() => page.getByTestId('notif-item').filter({ hasText: code }).count()).toBe(1);
      expect(await page.getByTestId('notif-item').filter({ hasText: code }).getByTestId('notif-case-link').count()).toBe(0);
      await page.keyboard.press('Escape');
      await page.getByTestId('notif-drawer').waitFor({ state: 'hidden' });

      // The handler sets the e-mail these notices also go to (header → notification settings); it is kept.
      await page.getByTestId('notif-settings-open').click();
      const email = page.getByTestId('notif-settings-email');
      await email.fill('xuly.badinh@example.vn');
      await page.getByTestId('notif-settings-save').click();
      await page.getByTestId('notif-settings').waitFor({ state: 'hidden' });
      await page.getByTestId('notif-settings-open').click();
      await expect.poll(() => page.getByTestId('notif-settings-email').inputValue()).toBe('xuly.badinh@example.vn');
      await page.getByTestId('notif-settings-cancel').click();
      await page.getByTestId('notif-settings').waitFor({ state: 'hidden' });
      await logout(page);
    } catch (err) {
      throw new Error(`${err instanceof Error ? err.message : String(err)}\n--- server output ---\n${server.output()}`);
    }
  });
});
