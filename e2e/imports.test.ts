/**
 * Moving data in from Excel, in a browser against the real server with demo data (issue 19): the clerk of Phường
 * Ba Đình uploads a register kept in her own wording (a title row, columns in her order, one header DânVận cannot
 * place), sees the proposed mapping, corrects the one column by its dropdown and saves it as the agency's
 * template, previews the rows as DânVận reads them, confirms, and undoes the import.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { login, pickOption, staffJourney } from './support.ts';
import type { RunningServer } from './support.ts';

const journey = staffJourney({ serverTimeoutMs: 400_000, pageTimeoutMs: 20_000, hookTimeoutMs: 480_000 });
let server: RunningServer;
let page: Page;
let tmp: string;

beforeAll(() => {
  ({ page, server } = journey);
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'danvan-imports-'));
});

afterAll(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

async function clerkRegister(): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sổ');
  ws.addRow(['Sổ theo dõi tiếp dân năm 2026']);
  ws.addRow(['STT', 'Ngày tiếp dân', 'Họ và tên, địa chỉ, số CCCD', 'Tóm tắt nội dung', 'Loại (KN/TC/PA)', 'Số người đến', 'Thụ lý', 'Tình hình']);
  for (let i = 0; i < 6; i++) {
    ws.addRow([i + 1, `${i + 2}/11/26`, `Phạm Thị Nhập ${i}, số ${i + 3} phố Đội Cấn, CCCD 00119000${4000 + i}`, `Phản ánh chiếu sáng ngõ ${i + 1}`, i % 2 ? 'KN' : 'phản ánh', '1', 'x', i % 2 ? 'Đã trả lời' : '']);
  }
  const file = path.join(tmp, 'so-tiep-dan.xlsx');
  fs.writeFileSync(file, Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer));
  return file;
}

describe('import page: the mapping step', () => {
  it('proposes the mapping, takes one correction by dropdown, saves the template, previews, imports and undoes', async () => {
    await login(page, server.baseUrl, 'letan');
    await page.getByTestId('nav-imports').click();
    await page.getByTestId('import-page').waitFor();
    await page.locator('[data-testid="import-page"] input[type="file"]').setInputFiles(await clerkRegister());
    await page.getByTestId('import-mapping').waitFor();
    expect(await page.getByTestId('import-header').innerText()).toContain('Dòng tiêu đề: 2');
    // The proposal: every column but the one with an unknown header ("Tình hình").
    expect(await page.getByTestId('import-map-B').innerText()).toContain('Ngày tiếp');
    expect(await page.getByTestId('import-map-C').innerText()).toContain('Họ tên, địa chỉ, số giấy tờ');
    expect(await page.getByTestId('import-map-H').innerText()).toContain('bỏ qua');
    await pickOption(page, 'import-map-H', 'Theo dõi kết quả giải quyết');
    await page.getByTestId('import-apply').click();
    await page.getByTestId('import-template-saved').waitFor();
    await expect.poll(() => page.getByTestId('import-check').innerText()).toContain('6 dòng: 6 hợp lệ, 0 dòng lỗi');
    const preview = await page.getByTestId('import-preview').innerText();
    expect(preview).toContain('02/11/2026');
    expect(preview).toContain('Phạm Thị Nhập 0');
    expect(preview).toContain('KN-PA');
    await page.getByTestId('import-confirm').click();
    await expect.poll(() => page.getByTestId('import-done').innerText()).toContain('Đã nhập 6 dòng');
    await page.getByTestId('import-undo').click();
    await expect.poll(() => page.getByTestId('import-undone').innerText()).toContain('xóa 6 bản ghi');

    // The next file with this header: the saved template, no question.
    await page.getByTestId('import-again').click();
    await page.locator('[data-testid="import-page"] input[type="file"]').setInputFiles(path.join(tmp, 'so-tiep-dan.xlsx'));
    await expect.poll(() => page.getByTestId('import-header').innerText()).toContain('đã lưu của cơ quan');
    await expect.poll(() => page.getByTestId('import-map-H').innerText()).toContain('Theo dõi kết quả giải quyết');
  }, 240_000);
});
