/**
 * The household register of a commune's thôn / tổ dân phố as an Excel workbook (exceljs, as the reception
 * register). One sheet, one row per household; the header row may be anywhere in the first 20 rows. Every cell is
 * read as text (an ID typed as a number gets its leading zeros back).
 */
import ExcelJS from 'exceljs';
import { foldForSearch } from '@danvan/domain/text';
import { AppError } from '../../plugins/errors.ts';

export const HOUSEHOLD_COLUMNS = [
  { key: 'communityCode', header: 'Mã thôn, tổ dân phố' },
  { key: 'communityName', header: 'Tên thôn, tổ dân phố' },
  { key: 'communityKind', header: 'Loại (Thôn / Tổ dân phố)' },
  { key: 'householdCode', header: 'Mã hộ' },
  { key: 'name', header: 'Họ tên người đại diện hộ' },
  { key: 'idNumber', header: 'Số định danh cá nhân' },
  { key: 'phone', header: 'Điện thoại' },
  { key: 'address', header: 'Địa chỉ' },
  { key: 'members', header: 'Số nhân khẩu' },
] as const;
export type HouseholdColumn = (typeof HOUSEHOLD_COLUMNS)[number]['key'];
export type HouseholdSheetRow = Record<HouseholdColumn, string>;

export const SHEET = 'Sổ hộ gia đình';

export async function buildHouseholdWorkbook(rows: readonly HouseholdSheetRow[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'DânVận';
  const ws = wb.addWorksheet(SHEET);
  ws.getCell(1, 1).value = 'SỔ HỘ GIA ĐÌNH CỦA THÔN, TỔ DÂN PHỐ';
  ws.getCell(1, 1).font = { bold: true, size: 13 };
  ws.getRow(2).values = HOUSEHOLD_COLUMNS.map((c) => c.header);
  ws.getRow(2).font = { bold: true };
  ws.columns = HOUSEHOLD_COLUMNS.map((c) => ({ key: c.key, width: c.key === 'address' ? 40 : 20 }));
  rows.forEach((r, i) => {
    const row = ws.getRow(3 + i);
    HOUSEHOLD_COLUMNS.forEach((c, j) => {
      const cell = row.getCell(j + 1);
      cell.value = c.key === 'members' && /^\d+$/.test(r[c.key]) ? Number(r[c.key]) : r[c.key];
      if (cell.type === ExcelJS.ValueType.String) cell.numFmt = '@';
    });
  });
  return Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

function text(value: ExcelJS.CellValue, key: HouseholdColumn): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return key === 'idNumber' && Number.isInteger(value) && value < 1e12 ? String(value).padStart(12, '0') : String(value);
  if (typeof value === 'string') return value;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((t) => t.text).join('');
    if ('result' in value && value.result !== undefined) return text(value.result as ExcelJS.CellValue, key);
    if ('text' in value && typeof value.text === 'string') return value.text;
  }
  return '';
}

export async function readHouseholdWorkbook(file: Buffer): Promise<{ rowNumber: number; cells: HouseholdSheetRow }[]> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(file as unknown as ArrayBuffer);
  } catch {
    throw new AppError(400, 'grassroots.file');
  }
  const ws = wb.worksheets[0];
  if (!ws) throw new AppError(400, 'grassroots.file');
  const wanted = HOUSEHOLD_COLUMNS.map((c) => foldForSearch(c.header));
  let headerRow = 0;
  for (let r = 1; r <= Math.min(20, ws.rowCount); r++) {
    const cells = wanted.map((_, j) => foldForSearch(text(ws.getRow(r).getCell(j + 1).value, 'communityCode')));
    if (cells.every((c, j) => c === wanted[j])) {
      headerRow = r;
      break;
    }
  }
  if (!headerRow) throw new AppError(400, 'grassroots.file');
  const out: { rowNumber: number; cells: HouseholdSheetRow }[] = [];
  for (let r = headerRow + 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const cells = Object.fromEntries(HOUSEHOLD_COLUMNS.map((c, j) => [c.key, text(row.getCell(j + 1).value, c.key).normalize('NFC').trim()])) as HouseholdSheetRow;
    if (Object.values(cells).every((v) => v === '')) continue;
    out.push({ rowNumber: r, cells });
  }
  return out;
}
