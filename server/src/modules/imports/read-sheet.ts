/**
 * Any spreadsheet an agency keeps, as a grid of text cells: .xlsx (exceljs; merged ranges expanded so that every
 * cell of a merged header holds its text; Excel dates as dd/mm/yyyy; formulas by their result) or .csv
 * (UTF-8, with or without BOM; comma, semicolon or tab). An old .xls (OLE2) file is recognised and refused with
 * the way out (save as .xlsx). Text typed in a legacy Vietnamese font (TCVN3, VNI) is converted to Unicode.
 */
import ExcelJS from 'exceljs';
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
  if (kind === 'xls') throw new AppError(400, 'error.importXls');
  let rows: string[][];
  let name = '';
  if (kind === 'xlsx') ({ rows, name } = await readXlsx(file));
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
