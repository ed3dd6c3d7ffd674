/**
 * The register as an XLSX workbook (exceljs). Layout of an exported file: row 1 the title, row 2 the agency and
 * period, row 3 the 13 column headers of Mẫu 03/TCD, data from row 4. A file typed by a clerk may put its header
 * row anywhere in the first 20 rows, may have a row of column numbers "(1) … (13)" under it, and may hold dates
 * as real Excel dates or as dd/mm/yyyy text; every cell is read as text.
 */
import ExcelJS from 'exceljs';
import { foldForSearch } from '@danvan/domain/text';
import { REGISTER_COLUMNS, REGISTER_FORM, REGISTER_TITLE, isRegisterHeader, type RegisterColumnKey, type RegisterRow } from '@danvan/domain/reception/register';
import { AppError } from '../../plugins/errors.ts';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const SHEET_NAME = 'Sổ tiếp công dân';
export const MAX_IMPORT_ROWS = 50_000;
const HEADER_SCAN_ROWS = 20;

const WIDTHS: Record<RegisterColumnKey, number> = {
  no: 6,
  date: 12,
  nameAddress: 34,
  idNumber: 16,
  content: 48,
  type: 12,
  people: 10,
  priorAgencies: 24,
  withinJurisdiction: 11,
  guidance: 18,
  transfer: 30,
  followUp: 28,
  notes: 30,
};

export interface RegisterSheetMeta {
  agencyName: string;
  /** "Từ ngày 01/07/2026 đến ngày 31/07/2026" */
  periodText: string;
}

export async function buildRegisterWorkbook(rows: readonly RegisterRow[], meta: RegisterSheetMeta): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'DânVận';
  const ws = wb.addWorksheet(SHEET_NAME, {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '3:3' },
    views: [{ state: 'frozen', ySplit: 3 }],
  });
  ws.columns = REGISTER_COLUMNS.map((c) => ({ key: c.key, width: WIDTHS[c.key] }));
  const n = REGISTER_COLUMNS.length;
  ws.mergeCells(1, 1, 1, n);
  ws.mergeCells(2, 1, 2, n);
  ws.getCell(1, 1).value = `${REGISTER_TITLE} (${REGISTER_FORM})`;
  ws.getCell(1, 1).font = { bold: true, size: 14 };
  ws.getCell(1, 1).alignment = { horizontal: 'center' };
  ws.getCell(2, 1).value = `${meta.agencyName} — ${meta.periodText}`;
  ws.getCell(2, 1).alignment = { horizontal: 'center' };
  const header = ws.getRow(3);
  REGISTER_COLUMNS.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.header;
    cell.font = { bold: true };
    cell.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
    cell.border = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } };
  });
  rows.forEach((r, idx) => {
    const row = ws.getRow(4 + idx);
    REGISTER_COLUMNS.forEach((c, i) => {
      const cell = row.getCell(i + 1);
      const v = r[c.key];
      // Numbers stay numbers (STT, people); everything else is text so Excel keeps leading zeros and dd/mm/yyyy.
      cell.value = (c.key === 'no' || c.key === 'people') && /^\d+$/.test(v) ? Number(v) : v;
      if (cell.type === ExcelJS.ValueType.String) cell.numFmt = '@';
      cell.alignment = { wrapText: true, vertical: 'top' };
    });
  });
  const out = await wb.xlsx.writeBuffer();
  return Buffer.from(out as ArrayBuffer);
}

const pad2 = (n: number) => String(n).padStart(2, '0');

function cellText(value: ExcelJS.CellValue, key: RegisterColumnKey): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) {
    // exceljs reads a date cell as UTC midnight of that calendar date.
    return `${pad2(value.getUTCDate())}/${pad2(value.getUTCMonth() + 1)}/${value.getUTCFullYear()}`;
  }
  if (typeof value === 'number') {
    // A personal ID typed as a number lost its leading zeros in Excel: put them back.
    if (key === 'idNumber' && Number.isInteger(value) && value > 0 && value < 1e12) return String(value).padStart(12, '0');
    return String(value);
  }
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'Có' : 'Không';
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((t) => t.text).join('');
    if ('formula' in value || 'sharedFormula' in value) return 'result' in value && value.result !== undefined ? cellText(value.result as ExcelJS.CellValue, key) : '';
    if ('text' in value && typeof value.text === 'string') return value.text;
    if ('error' in value) return String(value.error);
  }
  return '';
}

export interface SheetRow {
  /** Row number as Excel shows it. */
  rowNumber: number;
  cells: Partial<RegisterRow>;
}

export interface ReadSheet {
  headerRow: number;
  rows: SheetRow[];
}

function isColumnNumberRow(cells: string[]): boolean {
  return REGISTER_COLUMNS.every((_, i) => {
    const t = (cells[i] ?? '').replace(/[()\s]/g, '');
    return t === String(i + 1);
  });
}

export async function readRegisterWorkbook(file: Buffer): Promise<ReadSheet> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(file as unknown as ExcelJS.Buffer);
  } catch {
    throw new AppError(400, 'error.registerFile');
  }
  const headers = REGISTER_COLUMNS.map((c) => c.header).join(' | ');
  const sheets = wb.worksheets;
  const ws = sheets.find((s) => foldForSearch(s.name) === foldForSearch(SHEET_NAME)) ?? sheets[0];
  if (!ws) throw new AppError(400, 'error.registerFile');
  const texts = (rowNumber: number) => REGISTER_COLUMNS.map((c, i) => cellText(ws.getRow(rowNumber).getCell(i + 1).value, c.key).trim());
  let headerRow = 0;
  for (let r = 1; r <= Math.min(HEADER_SCAN_ROWS, ws.rowCount); r++) {
    if (isRegisterHeader(texts(r))) {
      headerRow = r;
      break;
    }
  }
  if (!headerRow) throw new AppError(400, 'error.registerHeader', { headers });
  if (ws.rowCount - headerRow > MAX_IMPORT_ROWS + 1) throw new AppError(400, 'error.registerTooManyRows', { limit: MAX_IMPORT_ROWS });
  const rows: SheetRow[] = [];
  for (let r = headerRow + 1; r <= ws.rowCount; r++) {
    const t = texts(r);
    if (t.every((x) => x === '')) continue;
    if (r === headerRow + 1 && isColumnNumberRow(t)) continue;
    const cells: Partial<RegisterRow> = {};
    REGISTER_COLUMNS.forEach((c, i) => {
      cells[c.key] = t[i] ?? '';
    });
    rows.push({ rowNumber: r, cells });
  }
  if (!rows.length) throw new AppError(400, 'error.registerEmpty');
  return { headerRow, rows };
}

/** "A".."M": the spreadsheet letter of a register column. */
export function columnLetter(key: RegisterColumnKey): string {
  const i = REGISTER_COLUMNS.findIndex((c) => c.key === key);
  return String.fromCharCode(65 + i);
}

export function columnHeader(key: RegisterColumnKey): string {
  return REGISTER_COLUMNS.find((c) => c.key === key)?.header ?? key;
}
