/**
 * Any spreadsheet an agency keeps, as a grid of text cells: .xlsx (exceljs; merged ranges expanded so that every
 * cell of a merged header holds its text; Excel dates as dd/mm/yyyy; formulas by their result) or .csv
 * (UTF-8, with or without BOM; comma, semicolon or tab), or an old .xls saved from Excel 97–2003 (BIFF8 in an OLE2
 * container, read by SheetJS — @e965/xlsx, the npm publication of SheetJS CE 0.20.3, which has the fixes for the
 * advisories of the registry's stale `xlsx` 0.18.5; ADR 0017). Text typed in a legacy Vietnamese font (TCVN3, VNI)
 * is converted to Unicode.
 */
import ExcelJS from 'exceljs';
import * as XLSX from '@e965/xlsx';
import { convertLegacy, detectLegacyEncoding, tcvn3Cell, type LegacyEncoding } from '@danvan/domain/imports/legacy-encoding';
import { AppError } from '../../plugins/errors.ts';

export const MAX_SHEET_ROWS = 50_000;
const MAX_COLUMNS = 60;

export interface Grid {
  /** cells[r][c], 0-based; row r is sheet row r + 1. */
  cells: string[][];
  sheetName: string;
  encoding: LegacyEncoding | null;
}

const pad2 = (n: number) => String(n).padStart(2, '0');

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return `${pad2(value.getUTCDate())}/${pad2(value.getUTCMonth() + 1)}/${value.getUTCFullYear()}`;
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(value);
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'Có' : 'Không';
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((t) => t.text).join('');
    if ('formula' in value || 'sharedFormula' in value) return 'result' in value && value.result !== undefined ? cellText(value.result as ExcelJS.CellValue) : '';
    if ('text' in value && typeof value.text === 'string') return value.text;
    if ('error' in value) return '';
  }
  return '';
}

export type FileKind = 'xlsx' | 'xls' | 'csv';

export function fileKind(file: Buffer): FileKind {
  if (file.length >= 4 && file[0] === 0x50 && file[1] === 0x4b) return 'xlsx';
  if (file.length >= 8 && file.readUInt32BE(0) === 0xd0cf11e0 && file.readUInt32BE(4) === 0xa1b11ae1) return 'xls';
  return 'csv';
}

async function readXlsx(file: Buffer): Promise<{ rows: string[][]; name: string }> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(file as unknown as ExcelJS.Buffer);
  } catch {
    throw new AppError(400, 'error.importFile');
  }
  // The first sheet that has something in it.
  const ws = wb.worksheets.find((s) => s.actualRowCount > 0) ?? wb.worksheets[0];
  if (!ws) throw new AppError(400, 'error.importFile');
  if (ws.rowCount > MAX_SHEET_ROWS + 40) throw new AppError(400, 'error.registerTooManyRows', { limit: MAX_SHEET_ROWS });
  const width = Math.min(MAX_COLUMNS, ws.columnCount);
  const rows: string[][] = [];
  for (let r = 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const out: string[] = [];
    // A cell inside a merged range reads its master's value (exceljs), so a merged header is expanded.
    for (let c = 1; c <= width; c++) out.push(cellText(row.getCell(c).value).trim());
    rows.push(out);
  }
  return { rows, name: ws.name };
}

/** A .xls (BIFF) cell as the clerk sees it: dates by their date format as dd/mm/yyyy, no time zone involved. */
function xlsCellText(cell: XLSX.CellObject | undefined): string {
  if (!cell || cell.v === undefined || cell.v === null) return '';
  switch (cell.t) {
    case 's':
      return String(cell.v);
    case 'b':
      return cell.v ? 'Có' : 'Không';
    case 'e':
    case 'z':
      return '';
    case 'd':
      return cell.v instanceof Date ? `${pad2(cell.v.getUTCDate())}/${pad2(cell.v.getUTCMonth() + 1)}/${cell.v.getUTCFullYear()}` : String(cell.v);
    case 'n': {
      const v = Number(cell.v);
      if (cell.z !== undefined && XLSX.SSF.is_date(cell.z)) {
        const d = XLSX.SSF.parse_date_code(v);
        if (d && d.y > 0) return `${pad2(d.d)}/${pad2(d.m)}/${d.y}`;
      }
      return String(v);
    }
    default:
      return String(cell.v);
  }
}

function readXls(file: Buffer): { rows: string[][]; name: string } {
  let wb: XLSX.WorkBook;
  try {
    wb = XLSX.read(file, { type: 'buffer', dense: true, cellNF: true, cellFormula: false, cellHTML: false, cellStyles: false, sheetRows: MAX_SHEET_ROWS + 41 });
  } catch {
    throw new AppError(400, 'error.importFile');
  }
  const sheets = wb.SheetNames.map((n) => ({ n, ws: wb.Sheets[n]! })).filter((s) => s.ws);
  // The first sheet that has something in it.
  const pick = sheets.find((s) => (s.ws['!data'] ?? []).some((r) => r?.some((c) => c && c.v !== undefined && c.v !== ''))) ?? sheets[0];
  if (!pick) throw new AppError(400, 'error.importFile');
  const data = pick.ws['!data'] ?? [];
  const range = pick.ws['!ref'] ? XLSX.utils.decode_range(pick.ws['!ref']) : { s: { r: 0, c: 0 }, e: { r: data.length - 1, c: 0 } };
  const height = range.e.r + 1;
  if (height > MAX_SHEET_ROWS + 40) throw new AppError(400, 'error.registerTooManyRows', { limit: MAX_SHEET_ROWS });
  const width = Math.min(MAX_COLUMNS, range.e.c + 1);
  const rows: string[][] = [];
  for (let r = 0; r < height; r++) {
    const src = data[r] ?? [];
    const out: string[] = [];
    for (let c = 0; c < width; c++) out.push(xlsCellText(src[c]).trim());
    rows.push(out);
  }
  // Merged ranges: every cell holds the master's text, as exceljs gives it for .xlsx.
  for (const m of pick.ws['!merges'] ?? []) {
    const text = rows[m.s.r]?.[m.s.c] ?? '';
    for (let r = m.s.r; r <= Math.min(m.e.r, height - 1); r++) for (let c = m.s.c; c <= Math.min(m.e.c, width - 1); c++) rows[r]![c] = text;
  }
  return { rows, name: pick.n };
}

/** RFC 4180 CSV with the delimiter guessed from the first line. */
export function parseCsv(text: string): string[][] {
  const t = text.replace(/^\ufeff/, '');
  const firstLine = t.slice(0, t.indexOf('\n') >= 0 ? t.indexOf('\n') : t.length);
  const delim = [';', '\t', ','].map((d) => ({ d, n: firstLine.split(d).length })).sort((a, b) => b.n - a.n)[0]!.d;
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < t.length; i++) {
    const ch = t[i]!;
    if (quoted) {
      if (ch === '"') {
        if (t[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else cell += ch;
    } else if (ch === '"' && cell === '') quoted = true;
    else if (ch === delim) {
      row.push(cell.trim());
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && t[i + 1] === '\n') i++;
      row.push(cell.trim());
      rows.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  if (cell !== '' || row.length) {
    row.push(cell.trim());
    rows.push(row);
  }
  return rows;
}

export async function readGrid(file: Buffer): Promise<Grid> {
  const kind = fileKind(file);
  let rows: string[][];
  let name = '';
  if (kind === 'xlsx') ({ rows, name } = await readXlsx(file));
  else if (kind === 'xls') ({ rows, name } = readXls(file));
  else {
    const text = file.toString('utf8');
    if (text.includes('\u0000')) throw new AppError(400, 'error.importFile');
    rows = parseCsv(text);
    if (rows.length > MAX_SHEET_ROWS + 40) throw new AppError(400, 'error.registerTooManyRows', { limit: MAX_SHEET_ROWS });
  }
  const sample: string[] = [];
  for (const r of rows.slice(0, 400)) for (const c of r) if (c) sample.push(c);
  let encoding = detectLegacyEncoding(sample);
  let cells: string[][];
  if (encoding) {
    const enc = encoding;
    cells = rows.map((r) => r.map((c) => (c ? convertLegacy(c, enc) : c)));
  } else {
    // A Unicode header over rows typed with the old TCVN3 font: converted cell by cell.
    let converted = 0;
    cells = rows.map((r) =>
      r.map((c) => {
        const t = c ? tcvn3Cell(c) : null;
        if (t !== null) converted++;
        return (t ?? c).normalize('NFC');
      }),
    );
    if (converted) encoding = 'tcvn3';
  }
  return { cells, sheetName: name, encoding };
}
