/**
 * Citizen reception, end to end in a browser against the real server with demo data (issue 5): the clerk of
 * Phường Ba Đình opens today's session, records a complaint that opens a case, prints the receipt (Mẫu 02/TCD),
 * exports the register (Mẫu 03/TCD) to Excel and reads it back, and checks an Excel import row by row.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { login, staffJourney } from './support.ts';
import type { RunningServer } from './support.ts';

/** The 13 columns of the register, in the order of Mẫu 03/TCD, as the exported file must head them. */
const REGISTER_HEADERS = [
  'STT',
  'Ngày tiếp',
  'Họ tên, địa chỉ',
  'Số CCCD/Hộ chiếu',
  'Nội dung vụ việc',
  'Phân loại (KN/TC/KN-PA)',
  'Số người cùng nội dung',
  'Cơ quan đã giải quyết',
  'Thuộc thẩm quyền',
  'Hướng dẫn (số văn bản)',
  'Cơ quan tiếp nhận (số văn bản chuyển)',
  'Theo dõi kết quả giải quyết',
  'Ghi chú',
];

const journey = staffJourney();
let server: RunningServer;
let context: BrowserContext;
let page: Page;
let tmp: string;

beforeAll(() => {
  ({ context, page, server } = journey);
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'danvan-reception-'));
});

afterAll(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

/** Today in Vietnam as dd/mm/yyyy, whatever the machine's time zone. */
function todayVi(): string {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric', month: '2-digit', day: '2-digit' })
      .formatToParts(new Date())
      .map((x) => [x.type, x.value]),
  );
  return `${p.day}/${p.month}/${p.year}`;
}

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object' && 'richText' in v) return v.richText.map((r) => r.text).join('');
  if (v instanceof Date) return v.toISOString();
  return String(v);
}

function rowTexts(ws: ExcelJS.Worksheet, n: number): string[] {
  const out: string[] = [];
  for (let c = 1; c <= REGISTER_HEADERS.length; c++) out.push(cellText(ws.getRow(n).getCell(c).value));
  return out;
}

describe('reception: session → visit → receipt → register export', () => {
  it('a clerk opens today’s session, records a complaint, prints the receipt and exports the register', async () => {
    const stamp = String(Date.now()).slice(-8);
    const citizen = 'Trần Thị Tiếp Dân';
    const idNumber = `0011${stamp}`;
    const content = `Khiếu nại việc bồi thường khi thu hồi đất ngõ 19 Kim Mã (kiểm thử ${stamp})`;
    try {
      // Receptionist: the desk is the home page; the clerk opens today's regular session (the demo leaves it closed).
      await login(page, server.baseUrl, 'letan');
      await page.locator('[data-testid="rc-desk"][aria-busy="false"]').waitFor();
      await expect.poll(() => page.locator('h1').innerText()).toBe('Bàn tiếp công dân');
      expect(await page.getByTestId('rc-desk-today').innerText()).toContain(todayVi());
      await page.getByTestId('rc-open-session').click();
      await expect.poll(() => page.getByTestId('rc-session-status').innerText()).toBe('Đang mở');
      await expect.poll(() => page.getByTestId('rc-session').getAttribute('data-status')).toBe('scheduled');

      // Record a complaint in the session: it opens a case.
      await page.getByTestId('rc-record-visit').click();
      await expect.poll(() => page.getByTestId('visit-session').innerText()).toContain(todayVi());
      await page.getByTestId('visit-name').fill(citizen);
      await page.getByTestId('visit-idNumber').fill(idNumber);
      await page.getByTestId('visit-address').fill('Số 5 phố Đội Cấn, Phường Ba Đình, Hà Nội');
      await page.getByTestId('visit-phone').fill('0912345678');
      await page.getByTestId('visit-type-complaint').check();
      await page.getByTestId('visit-content').fill(content);
      // A first visit: the lookup by ID number finds nothing to link.
      await page.getByTestId('visit-lookup-none').waitFor();
      await expect.poll(() => page.getByTestId('visit-outcome-petition-received').isChecked()).toBe(true);
      await page.getByTestId('visit-submit').click();
      await page.getByTestId('visit-created').waitFor();
      const code = (await page.getByTestId('visit-case-code').innerText()).trim();
      expect(code).toMatch(/^00004-\d{4}-\d+$/);

      // The receipt opens in its own tab: Mẫu 02/TCD with the citizen's name and the case code.
      const [receipt] = await Promise.all([context.waitForEvent('page'), page.getByTestId('visit-print-receipt').click()]);
      await receipt.waitForLoadState('domcontentloaded');
      const receiptText = await receipt.locator('body').innerText();
      expect(receiptText).toMatch(/PHIẾU|Mẫu 02\/TCD/);
      expect(receiptText).toContain(citizen);
      expect(receiptText).toContain(code);
      await receipt.close();

      // The case code links to the case page.
      await page.getByTestId('visit-case-link').click();
      await expect.poll(() => page.getByTestId('case-code').innerText()).toBe(code);

      // Back at the desk, the session lists the visit.
      await page.goBack();
      await page.getByTestId('rc-tab-desk').click();
      await expect.poll(() => page.locator(`[data-testid="rc-visit-row"][data-case-code="${code}"]`).count()).toBe(1);

      // Same matter (issue 18): the next citizen tells the same complaint, unaccented; as the clerk types, the form
      // shows the case just opened with its reasons, openable in a new tab. Nothing is recorded.
      await page.getByTestId('rc-record-visit').click();
      await page.getByTestId('visit-content').fill(`khieu nai viec boi thuong khi thu hoi dat ngo 19 Kim Ma (kiem thu ${stamp})`);
      const same = page.locator(`[data-testid="similar-candidate"][data-case-code="${code}"]`);
      await same.waitFor();
      expect(await same.getByTestId('similar-reasons').innerText()).toMatch(/nội dung trùng|cùng địa chỉ/);
      expect(await same.getByTestId('similar-open').getAttribute('target')).toBe('_blank');
      await page.goBack();
      await page.locator('[data-testid="rc-desk"][aria-busy="false"]').waitFor();

      // The register shows the visit; "Xuất Excel" downloads the .xlsx.
      await page.getByTestId('rc-tab-register').click();
      await page.locator('[data-testid="register"][aria-busy="false"]').waitFor();
      const row = page.locator('[data-testid="register-row"]').filter({ hasText: idNumber });
      await expect.poll(() => row.count()).toBe(1);
      expect(await row.innerText()).toContain(content);
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('register-export').click()]);
      expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
      const file = path.join(tmp, download.suggestedFilename());
      await download.saveAs(file);

      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(file);
      const ws = wb.worksheets[0];
      if (!ws) throw new Error('the export has no sheet');
      let headerRow = 0;
      for (let n = 1; n <= Math.min(ws.rowCount, 10) && !headerRow; n++) if (rowTexts(ws, n)[0] === 'STT') headerRow = n;
      expect(headerRow, 'header row').toBeGreaterThan(0);
      expect(rowTexts(ws, headerRow)).toEqual(REGISTER_HEADERS);
      const dataRows = [];
      for (let n = headerRow + 1; n <= ws.rowCount; n++) dataRows.push(rowTexts(ws, n));
      const mine = dataRows.find((r) => r[3] === idNumber);
      if (!mine) throw new Error(`no row for ${idNumber} in ${JSON.stringify(dataRows)}`);
      expect(mine[1]).toBe(todayVi());
      expect(mine[2]).toContain(citizen);
      expect(mine[4]).toBe(content);
      expect(mine[5]).toBe('KN');
      expect(mine[6]).toBe('1');
      expect(mine[11]).toContain(code);

      // Import from Excel: a file with one good and one bad row is checked row by row, then only the good row is imported.
      ws.spliceRows(headerRow + 1, ws.rowCount - headerRow);
      ws.addRow(['1', todayVi(), `Lê Văn Nhập Sổ\nSố 7 phố Kim Mã, Phường Ba Đình`, `0012${stamp}`, `Kiến nghị sửa đèn chiếu sáng ngõ 7 (kiểm thử ${stamp})`, 'KN-PA', '1', '', 'Có', '', '', '', '']);
      ws.addRow(['2', '31/02/2026', 'Phạm Thị Sai\nSố 9 phố Kim Mã', '12345', 'Nội dung', 'XX', '1', '', 'Có', '', '', '', '']);
      const badRow = headerRow + 2;
      const upload = path.join(tmp, 'so-nhap.xlsx');
      await wb.xlsx.writeFile(upload);
      await page.getByTestId('register-import-open').click();
      await page.locator('[data-testid="register-import"] input[type="file"]').setInputFiles(upload);
      await page.getByTestId('register-import-check').click();
      await page.getByTestId('register-import-report').waitFor();
      await expect.poll(() => page.getByTestId('register-import-report').getAttribute('data-invalid')).toBe('1');
      expect(await page.getByTestId('register-import-report').getAttribute('data-valid')).toBe('1');
      const errorRows = page.locator('[data-testid="register-import-error-row"]');
      expect(await errorRows.count()).toBeGreaterThanOrEqual(2);
      for (const r of await errorRows.all()) expect(await r.getAttribute('data-row')).toBe(String(badRow));
      expect(await page.getByTestId('register-import-all').isDisabled()).toBe(true);
      await page.getByTestId('register-import-valid').click();
      await expect.poll(() => page.getByTestId('register-import-done').innerText()).toContain('Đã nhập 1 dòng');
      await page.keyboard.press('Escape');
      const imported = page.locator('[data-testid="register-row"]').filter({ hasText: `0012${stamp}` });
      await expect.poll(() => imported.count()).toBe(1);
    } catch (err) {
      throw new Error(`${err instanceof Error ? err.message : String(err)}\n--- server output ---\n${server.output()}`, { cause: err });
    }
  });
});
