/**
 * Denunciation journey (issue 4), in a browser against `danvan serve --demo`:
 * the handler takes in a denunciation on the intake page (live suggestion), attaches a second anonymous
 * letter with the same content to it (repeat check), classifies it, accepts it
 * (printable notice) and assigns it; the investigator, notified in the header, starts verification and
 * never sees the denouncer's identity; the head reveals it (audited, in a modal), extends the case with
 * a complexity finding and a document number, and concludes it as untrue. The case page shows
 * «Đã kết luận» and the history of every step.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { login, logout, pickOption, staffJourney, stubPrint } from './support.ts';
import type { RunningServer } from './support.ts';

const journey = staffJourney();
let server: RunningServer;
let page: Page;

beforeAll(() => {
  ({ page, server } = journey);
});

const stamp = Date.now();
const DENOUNCER = 'Đặng Thị Kín Đáo';
const DENOUNCER_ID = `0011${String(stamp).slice(-8)}`;
const DENOUNCER_ADDRESS = 'Số 17 ngõ 3 phố Kim Mã, Phường Ba Đình, Hà Nội';
const CONTENT = `Tố cáo cán bộ địa chính phường nhận tiền của người dân để xác nhận hồ sơ cấp giấy chứng nhận quyền sử dụng đất (kiểm thử ${stamp})`;

const state = () => page.getByTestId('case-state').innerText();

async function openCase(code: string): Promise<void> {
  await page.getByTestId('nav-cases').click();
  await page.locator(`[data-testid="case-row"][data-case-code="${code}"]`).click();
  await expect.poll(() => page.getByTestId('case-code').innerText()).toBe(code);
}

/** The identity must be nowhere: not in the rendered text, not in the HTML (attributes, hidden nodes). */
async function expectNoDenouncer(where: string): Promise<void> {
  const html = await page.content();
  const text = await page.locator('body').innerText();
  for (const secret of [DENOUNCER, DENOUNCER_ID, DENOUNCER_ADDRESS]) {
    expect(html.includes(secret), `${where}: HTML contains ${secret}`).toBe(false);
    expect(text.includes(secret), `${where}: text contains ${secret}`).toBe(false);
  }
}

describe('denunciation: intake → classify → accept → verify → extend → conclude', () => {
  it('runs the whole workflow and keeps the denouncer sealed from the investigator', async () => {
    try {
      // Handler: take in the denunciation; the intake check suggests the type with its keywords.
      await login(page, server.baseUrl, 'xuly');
      await page.getByTestId('nav-new-petition').click();
      await expect.poll(() => page.locator('h1').innerText()).toBe('Tiếp nhận đơn');
      await page.getByTestId('petition-content').fill(CONTENT);
      await page.getByTestId('petition-name').fill(DENOUNCER);
      await page.getByTestId('petition-idNumber').fill(DENOUNCER_ID);
      await page.getByTestId('petition-address').fill(DENOUNCER_ADDRESS);
      const kind = page.getByTestId('suggestion-kind');
      await expect.poll(() => kind.getAttribute('data-value')).toBe('denunciation');
      expect(await page.getByTestId('suggestion-kind-matched').innerText()).toContain('tố cáo');
      await page.getByTestId('intake-use-kind').click();
      await expect.poll(() => page.getByTestId('petition-type-denunciation').isChecked()).toBe(true);
      await page.getByTestId('petition-submit').click();
      const code = (await page.getByTestId('petition-case-code').innerText()).trim();
      expect(code).toMatch(/^00004-\d{4}-\d{5}$/);

      // A second, anonymous letter with the same content: the intake check finds the case, and the
      // handler attaches the letter to it instead of opening a new case.
      await page.getByTestId('nav-cases').click();
      await page.getByTestId('nav-new-petition').click();
      await page.getByTestId('petition-type-denunciation').check();
      await page.getByTestId('petition-anonymous').check();
      await page.getByTestId('petition-content').fill(CONTENT);
      await page.locator(`[data-testid="intake-repeat"][data-case-code="${code}"]`).getByTestId('intake-attach').click();
      expect(await page.getByTestId('petition-attach-to').innerText()).toContain(code);
      await page.getByTestId('petition-submit').click();
      await expect.poll(() => page.getByTestId('petition-created').innerText()).toContain('Đã gắn đơn vào vụ việc');
      expect((await page.getByTestId('petition-case-code').innerText()).trim()).toBe(code);
      await page.getByTestId('petition-case-link').click();
      await expect.poll(() => page.getByTestId('case-code').innerText()).toBe(code);
      await expect.poll(state).toBe('Đã tiếp nhận');
      await expect.poll(() => page.locator('[data-testid="case-history-entry"][data-action="petition.create"]').count()).toBe(2);
      expect(await page.getByTestId('case-kind').innerText()).toBe('Tố cáo');
      expect(await page.getByTestId('case-petitioner-name').innerText()).toBe('[Đã bảo mật]');
      expect(await page.getByTestId('case-due-light').getAttribute('data-light')).toBe('on-time');

      // Classify: field "Tham nhũng".
      await pickOption(page, 'classify-field', /^Tham nhũng$/);
      await page.getByTestId('classify-save').click();
      await expect.poll(() => page.getByTestId('case-field').innerText()).toBe('Tham nhũng');

      // Accept (thụ lý): the head's decision (Luật Tố cáo Art. 29(1)); the handler records its number and signer.
      // Without them the step is refused; then the citizen notice appears with a Print button.
      await page.getByTestId('case-action-accept').click();
      await page.getByTestId('case-action-block-accept').getByText('Cần nhập số quyết định của người đứng đầu').waitFor();
      await page.getByTestId('case-decisionNo-accept').fill('08/QĐ-UBND');
      await page.getByTestId('case-signer-accept').fill('Trần Văn Lãnh');
      await page.getByTestId('case-action-accept').click();
      await expect.poll(state).toBe('Đã thụ lý');
      expect(await page.getByTestId('case-notice-text').innerText()).toMatch(/đã thụ lý giải quyết đơn tố cáo/);
      const printed = await stubPrint(page);
      await page.getByTestId('case-notice-print').click();
      const print = await printed();
      expect(print.count).toBe(1);
      expect(print.sheet).toMatch(/THÔNG BÁO.*đã thụ lý giải quyết đơn tố cáo/);
      expect(await page.locator('.dv-print-sheet').count()).toBe(0);
      await expect.poll(() => page.getByTestId('case-due-explanation').innerText()).toContain('Cách tính hạn');
      await page.getByTestId('case-due-explanation').locator('summary').click();
      expect(await page.getByTestId('case-due-explanation').innerText()).toMatch(/Hạn giải quyết tố cáo: 30 ngày kể từ ngày thụ lý \d{2}\/\d{2}\/\d{4}/);

      // Assign it to the investigator.
      await page.getByTestId('assign-username').fill('xacminh');
      await page.getByTestId('assign-submit').click();
      await page.getByTestId('assign-done').waitFor();
      await logout(page);

      // Investigator: the bell counts the assignment; its link opens the case.
      await login(page, server.baseUrl, 'xacminh');
      await expect.poll(async () => Number(await page.getByTestId('notif-bell').getAttribute('data-count'))).toBeGreaterThanOrEqual(1);
      await page.getByTestId('notif-bell').click();
      await page.getByTestId('notif-item').filter({ hasText: code }).getByTestId('notif-case-link').click();
      await expect.poll(() => page.getByTestId('case-code').innerText()).toBe(code);
      expect(await page.getByTestId('case-assignee').innerText()).toMatch(/^Bạn/);
      await page.getByTestId('case-action-start-verification').click();
      await expect.poll(state).toBe('Đang xác minh');
      expect(await page.getByTestId('case-petitioner-name').innerText()).toBe('[Đã bảo mật]');
      expect(await page.getByTestId('reveal-denouncer').count()).toBe(0);
      await expectNoDenouncer('case page (investigator)');
      await page.getByTestId('nav-cases').click();
      await page.locator(`[data-testid="case-row"][data-case-code="${code}"]`).waitFor();
      await expectNoDenouncer('case list (investigator)');
      await page.getByTestId('cases-tab-mine').click();
      await page.locator('[data-testid="cases-table-mine"] [data-testid="case-row"]').filter({ hasText: code }).waitFor();
      await expectNoDenouncer('my work (investigator)');
      await logout(page);

      // Head: reveal the identity with a reason (audited), in a modal that forgets it on close.
      await login(page, server.baseUrl, 'lanhdao');
      await openCase(code);
      await page.getByTestId('reveal-denouncer').click();
      await page.getByTestId('reveal-reason').fill('ngắn');
      await page.getByTestId('reveal-submit').click();
      await page.getByText('Lý do phải có ít nhất 10 ký tự').waitFor();
      await page.getByTestId('reveal-reason').fill('Xác minh nguy cơ trù dập người tố cáo để áp dụng biện pháp bảo vệ');
      await page.getByTestId('reveal-submit').click();
      await expect.poll(() => page.getByTestId('reveal-name').innerText()).toBe(DENOUNCER);
      await page.getByTestId('reveal-close').click();
      await expect.poll(() => page.getByTestId('reveal-name').count()).toBe(0);
      await expect.poll(() => page.locator('[data-testid="case-history-entry"][data-action="denouncer.reveal"]').count()).toBe(1);
      expect((await page.content()).includes(DENOUNCER)).toBe(false);

      // Extend with a written complexity finding and a document number.
      const dueBefore = await page.getByTestId('case-due').innerText();
      await page.getByTestId('case-documentNo-extend').fill('15/QĐ-GH');
      await pickOption(page, 'case-complexity-extend', /^Phức tạp$/);
      await page.getByTestId('case-action-extend').click();
      await expect.poll(state).toBe('Đã gia hạn');
      expect(await page.getByTestId('case-notice-text').innerText()).toMatch(/đã gia hạn giải quyết đơn tố cáo/);
      await expect.poll(() => page.getByTestId('case-due').innerText()).not.toBe(dueBefore);
      await page.getByTestId('case-due-explanation').locator('summary').click();
      expect(await page.getByTestId('case-due-explanation').innerText()).toMatch(/gia hạn 1 lần 30 ngày/);

      // Conclude: untrue ("Tố cáo sai sự thật").
      await page.getByTestId('case-outcome-conclude').click();
      const untrue = page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: /^Sai sự thật$/ });
      expect(await untrue.getAttribute('title')).toBe('Tố cáo sai sự thật');
      await untrue.click();
      await page.getByTestId('case-action-conclude').click();
      await expect.poll(state).toBe('Đã kết luận');
      await expect.poll(() => page.getByTestId('case-outcome').innerText()).toBe('Sai sự thật');

      // The history tells the whole story.
      const actions = await page.getByTestId('case-history-entry').evaluateAll((els) => els.map((e) => e.getAttribute('data-action')));
      for (const a of ['case.open', 'petition.create', 'case.classify', 'case.accept', 'case.assign', 'case.start-verification', 'denouncer.reveal', 'case.extend', 'case.conclude']) {
        expect(actions, a).toContain(a);
      }
      expect(await page.getByTestId('case-history').innerText()).toContain('15/QĐ-GH');
    } catch (err) {
      throw new Error(`${err instanceof Error ? err.stack ?? err.message : String(err)}\n--- server output ---\n${server.output()}`);
    }
  });
});
