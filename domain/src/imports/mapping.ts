/**
 * Reading an agency's own Excel sheet: find its header (title rows above it, one or two header rows with merged
 * group cells, a row "(1) (2) … (12)" under it), then propose which DânVận field each column holds from the
 * header wording (folded: no case, no diacritics) and from what its values look like. The clerk confirms or
 * corrects the proposal; the confirmed mapping is stored as the agency's template under the header's signature
 * and reused for the next file with the same header. Pure: the grid comes from the server's sheet reader with
 * merged cells already expanded (every cell of a merged range holds the range's text).
 */
import { foldForSearch } from '../text.ts';
import { isMark, looksLikeIdNumber, looksLikePhone, parseClerkDate, parseCount, parseKind } from './values.ts';

export type Shape = 'date' | 'id' | 'phone' | 'mark' | 'kind' | 'count' | 'text';

export interface FieldDef {
  key: string;
  label: string;
  /** Folded header wordings (the official form's first). */
  headers: readonly string[];
  shape: Shape;
  required?: boolean;
}

export const IGNORE = 'ignore';

const person = { key: 'person', label: 'Họ tên, địa chỉ, số giấy tờ (cùng một ô)', shape: 'text' as const };
const common = {
  name: { key: 'name', label: 'Họ và tên', headers: ['ho ten', 'ho va ten', 'ten nguoi', 'ho ten nguoi dung don', 'ho ten nguoi gui don', 'nguoi khieu nai', 'nguoi to cao', 'nguoi kien nghi', 'nguoi gui don', 'nguoi dung don', 'cong dan', 'ho ten cong dan'], shape: 'text' as const },
  address: { key: 'address', label: 'Địa chỉ', headers: ['dia chi', 'noi cu tru', 'dia chi thuong tru', 'dia chi lien he', 'noi o'], shape: 'text' as const },
  idNumber: { key: 'idNumber', label: 'Số CCCD / hộ chiếu', headers: ['so cccd ho chieu', 'so cccd', 'cccd', 'cmnd', 'so cmnd', 'so cmnd cccd', 'so dinh danh', 'so dinh danh ca nhan', 'so giay to tuy than', 'cccd cmnd', 'so cccd cmnd', 'so ho chieu'], shape: 'id' as const },
  phone: { key: 'phone', label: 'Số điện thoại', headers: ['so dien thoai', 'dien thoai', 'sdt', 'so dt', 'dt lien he'], shape: 'phone' as const },
  content: { key: 'content', label: 'Nội dung vụ việc', headers: ['noi dung vu viec', 'noi dung', 'tom tat noi dung', 'noi dung don', 'tom tat noi dung don', 'noi dung khieu nai to cao', 'noi dung vu viec khieu nai to cao kien nghi phan anh'], shape: 'text' as const, required: true },
  kindComplaint: { key: 'kindComplaint', label: 'Đánh dấu: khiếu nại', headers: ['khieu nai', 'kn'], shape: 'mark' as const },
  kindDenunciation: { key: 'kindDenunciation', label: 'Đánh dấu: tố cáo', headers: ['to cao', 'tc'], shape: 'mark' as const },
  kindFeedback: { key: 'kindFeedback', label: 'Đánh dấu: kiến nghị, phản ánh', headers: ['kien nghi phan anh', 'phan anh', 'kien nghi', 'kn pa', 'phan anh kien nghi'], shape: 'mark' as const },
  notes: { key: 'notes', label: 'Ghi chú', headers: ['ghi chu'], shape: 'text' as const },
};

/** The reception register (Mẫu 03/TCD and DânVận's own export). */
export const REGISTER_FIELDS: readonly FieldDef[] = [
  { key: 'no', label: 'STT', headers: ['stt', 'so thu tu', 'tt', 'so tt'], shape: 'count' },
  { key: 'date', label: 'Ngày tiếp', headers: ['ngay tiep', 'ngay tiep cong dan', 'ngay thang', 'ngay', 'thoi gian tiep', 'ngay thang nam tiep'], shape: 'date', required: true },
  { ...person, headers: ['ho ten dia chi cmnd ho chieu cua nguoi den', 'ho ten dia chi cmnd ho chieu', 'ho ten dia chi cmnd', 'ho ten dia chi cccd', 'ho ten dia chi so cccd', 'ho ten dia chi', 'ho va ten dia chi', 'ho ten dia chi cmnd cccd ho chieu', 'ho ten dia chi so giay to'] },
  common.name,
  common.address,
  common.idNumber,
  common.phone,
  common.content,
  { key: 'type', label: 'Phân loại (KN/TC/KN-PA)', headers: ['phan loai kn tc kn pa', 'loai don', 'phan loai', 'phan loai don', 'loai vu viec', 'loai'], shape: 'kind' },
  common.kindComplaint,
  common.kindDenunciation,
  common.kindFeedback,
  { key: 'people', label: 'Số người cùng nội dung', headers: ['so nguoi cung noi dung', 'so nguoi', 'so nguoi dung don', 'so luong nguoi', 'so nguoi den'], shape: 'count' },
  { key: 'priorAgencies', label: 'Cơ quan đã giải quyết', headers: ['co quan da giai quyet', 'co quan to chuc da giai quyet', 'da duoc co quan giai quyet', 'noi da giai quyet'], shape: 'text' },
  { key: 'withinJurisdiction', label: 'Thuộc thẩm quyền / thụ lý', headers: ['thuoc tham quyen', 'thu ly', 'tham quyen', 'thuoc tham quyen giai quyet'], shape: 'mark' },
  { key: 'guidance', label: 'Hướng dẫn (số văn bản)', headers: ['huong dan so van ban', 'huong dan', 'tra loi huong dan'], shape: 'text' },
  { key: 'transfer', label: 'Chuyển đơn (cơ quan, số văn bản)', headers: ['co quan tiep nhan so van ban chuyen', 'chuyen don', 'chuyen den', 'co quan tiep nhan', 'chuyen co quan co tham quyen'], shape: 'text' },
  { key: 'followUp', label: 'Theo dõi kết quả giải quyết', headers: ['theo doi ket qua giai quyet', 'theo doi ket qua', 'ket qua giai quyet', 'ket qua'], shape: 'text' },
  common.notes,
];

/** Open and recently closed cases (sổ theo dõi xử lý đơn, danh sách vụ việc). */
export const CASE_FIELDS: readonly FieldDef[] = [
  { key: 'no', label: 'STT', headers: ['stt', 'so thu tu', 'tt'], shape: 'count' },
  { key: 'ref', label: 'Số hồ sơ / số đơn (khóa dòng)', headers: ['so ho so', 'ma ho so', 'so don', 'so vao so', 'ma vu viec', 'so hieu don', 'so ky hieu', 'ma don'], shape: 'text' },
  { key: 'kind', label: 'Loại đơn (KN/TC/KN-PA)', headers: ['loai don', 'phan loai', 'phan loai don', 'loai vu viec', 'loai'], shape: 'kind' },
  common.kindComplaint,
  common.kindDenunciation,
  common.kindFeedback,
  { key: 'receivedOn', label: 'Ngày nhận đơn', headers: ['ngay nhan don', 'ngay nhan', 'ngay tiep nhan', 'ngay vao so', 'ngay tiep nhan don'], shape: 'date', required: true },
  { ...person, headers: ['ho ten dia chi', 'ho ten dia chi cmnd', 'ho ten dia chi cccd', 'nguoi gui don dia chi', 'ho ten dia chi nguoi gui don'] },
  common.name,
  common.address,
  common.idNumber,
  common.phone,
  common.content,
  { key: 'instance', label: 'Lần giải quyết (khiếu nại lần 1/2)', headers: ['lan giai quyet', 'giai quyet lan', 'lan', 'lan khieu nai'], shape: 'count' },
  { key: 'acceptedOn', label: 'Ngày thụ lý', headers: ['ngay thu ly', 'thu ly ngay', 'ngay thu ly giai quyet'], shape: 'date' },
  { key: 'state', label: 'Tình trạng', headers: ['tinh trang', 'trang thai', 'tien do', 'tinh hinh giai quyet', 'tinh trang giai quyet', 'ket qua xu ly don', 'huong xu ly'], shape: 'text' },
  { key: 'stepOn', label: 'Ngày xử lý (hướng dẫn, chuyển đơn, lưu đơn, rút, tạm đình chỉ)', headers: ['ngay xu ly', 'ngay xu ly don', 'ngay huong dan', 'ngay chuyen don', 'ngay luu don', 'ngay rut don', 'ngay tam dinh chi'], shape: 'date' },
  { key: 'forwardTo', label: 'Cơ quan nhận đơn chuyển (tên hoặc mã)', headers: ['chuyen den', 'noi chuyen den', 'co quan chuyen den', 'chuyen don den', 'chuyen cho', 'co quan nhan don chuyen', 'co quan tiep nhan don chuyen', 'co quan co tham quyen'], shape: 'text' },
  { key: 'transferDocNo', label: 'Số văn bản chuyển đơn', headers: ['so van ban chuyen', 'so van ban chuyen don', 'so cong van chuyen', 'so phieu chuyen', 'so phieu chuyen don'], shape: 'text' },
  { key: 'decidedOn', label: 'Ngày quyết định / kết luận / trả lời', headers: ['ngay quyet dinh', 'ngay giai quyet', 'ngay ban hanh quyet dinh', 'ngay ket luan', 'ngay tra loi', 'ngay qd', 'ngay ban hanh'], shape: 'date' },
  { key: 'decisionNo', label: 'Số quyết định / kết luận / văn bản trả lời', headers: ['so quyet dinh', 'so qd', 'so ket luan', 'quyet dinh so', 'so van ban', 'so van ban tra loi', 'so quyet dinh ket luan'], shape: 'text' },
  { key: 'outcome', label: 'Kết quả (đúng / đúng một phần / sai)', headers: ['ket qua giai quyet', 'ket qua', 'ket luan', 'noi dung ket luan'], shape: 'text' },
  common.notes,
];

export type ImportTarget = 'register' | 'cases';
export const FIELDS: Record<ImportTarget, readonly FieldDef[]> = { register: REGISTER_FIELDS, cases: CASE_FIELDS };

// ---- header detection ----

const isNumberingCell = (t: string) => /^\(?\s*\d{1,2}\s*\)?$/.test(t.trim());

/** "(1) (2) … (12)" or "1 2 3 …": the form's column numbers under the header. */
export function isNumberingRow(cells: readonly string[]): boolean {
  const filled = cells.map((c) => c.trim()).filter(Boolean);
  if (filled.length < 3 || !filled.every(isNumberingCell)) return false;
  const nums = filled.map((c) => Number(c.replace(/[()\s]/g, '')));
  return nums.every((n, i) => i === 0 || n > nums[i - 1]!);
}

function headerHits(cells: readonly string[], fields: readonly FieldDef[]): number {
  let hits = 0;
  for (const c of cells) {
    const f = foldForSearch(c);
    if (f && f.length < 120 && fields.some((d) => d.headers.some((h) => f === h || (h.length > 3 && ` ${f} `.includes(` ${h} `))))) hits++;
  }
  return hits;
}

function distinct(cells: readonly string[]) {
  return new Set(cells.map((c) => c.trim()).filter(Boolean)).size;
}

function looksLikeData(cells: readonly string[]) {
  return cells.some((c) => parseClerkDate(c) !== null || looksLikeIdNumber(c));
}

export interface HeaderLayout {
  /** 0-based indexes of the header rows (one or two) in the grid. */
  headerRows: number[];
  /** 0-based index of the first data row (after a numbering row, if any). */
  firstDataRow: number;
  /** The text each column is known by ("Hướng xử lý / Thụ lý" for a two-row header). */
  headers: string[];
  /** Column count (the widest of the header rows). */
  width: number;
}

const SCAN_ROWS = 30;

/** Finds the header in the first rows of the grid; null when no row reads like a header. */
export function detectHeader(grid: readonly (readonly string[])[], target: ImportTarget): HeaderLayout | null {
  const fields = FIELDS[target];
  let best = -1;
  let bestHits = 1;
  for (let r = 0; r < Math.min(SCAN_ROWS, grid.length); r++) {
    const row = grid[r] ?? [];
    // A title row (one text across a merged range) or a data row is not a header.
    if (distinct(row) < 3 || isNumberingRow(row) || looksLikeData(row)) continue;
    const hits = headerHits(row, fields);
    if (hits > bestHits) {
      best = r;
      bestHits = hits;
    }
  }
  if (best < 0) return null;
  // A two-row header: the row above carries group cells merged over the best row's cells, or the best row is
  // the group row and the next row holds the sub-headers.
  let top = best;
  let bottom = best;
  const above = grid[best - 1];
  const below = grid[best + 1];
  const isGroupOver = (upper: readonly string[] | undefined, lower: readonly string[] | undefined) => {
    if (!upper || !lower || isNumberingRow(lower) || isNumberingRow(upper) || looksLikeData(lower) || distinct(upper) < 2) return false;
    // Some cell of the upper row spans two or more columns whose lower cells differ.
    for (let c = 0; c + 1 < Math.max(upper.length, lower.length); c++) {
      const u = (upper[c] ?? '').trim();
      if (u && u === (upper[c + 1] ?? '').trim() && (lower[c] ?? '').trim() !== (lower[c + 1] ?? '').trim() && (lower[c] ?? '').trim() && (lower[c + 1] ?? '').trim()) return true;
    }
    return false;
  };
  if (isGroupOver(above, grid[best]) && headerHits(above ?? [], fields) >= 1) top = best - 1;
  else if (isGroupOver(grid[best], below) && headerHits(below ?? [], fields) >= 1) bottom = best + 1;
  const headerRows = top === bottom ? [top] : [top, bottom];
  const width = Math.max(...headerRows.map((r) => lastFilled(grid[r] ?? []) + 1));
  const headers: string[] = [];
  for (let c = 0; c < width; c++) {
    const u = (grid[top]?.[c] ?? '').trim();
    const l = (grid[bottom]?.[c] ?? '').trim();
    headers.push(top === bottom || !l || u === l ? u || l : u ? `${u} / ${l}` : l);
  }
  let firstDataRow = bottom + 1;
  if (grid[firstDataRow] && isNumberingRow(grid[firstDataRow]!)) firstDataRow++;
  return { headerRows, firstDataRow, headers, width };
}

function lastFilled(row: readonly string[]): number {
  for (let i = row.length - 1; i >= 0; i--) if ((row[i] ?? '').trim()) return i;
  return -1;
}

/** The header's identity for templates: folded column texts in order. */
export function headerSignature(headers: readonly string[]): string {
  return headers.map((h) => foldForSearch(h)).join('|');
}

// ---- proposal ----

function headerScore(header: string, def: FieldDef): number {
  const full = foldForSearch(header);
  if (!full) return 0;
  // For "Group / Sub" headers the sub-header speaks first, the whole text second.
  const parts = header.split(' / ').map((p) => foldForSearch(p));
  const candidates = [parts[parts.length - 1]!, full, ...parts.slice(0, -1)];
  let best = 0;
  candidates.forEach((text, idx) => {
    const weight = idx === 0 ? 1 : idx === 1 ? 0.9 : 0.5;
    for (const h of def.headers) {
      let s = 0;
      if (text === h) s = 100;
      else if (h.length > 2 && ` ${text} `.includes(` ${h} `)) s = 40 + Math.min(h.length, 40);
      best = Math.max(best, s * weight);
    }
  });
  return best;
}

export function shapeOf(text: string): Shape {
  const t = text.trim();
  if (!t) return 'text';
  if (parseClerkDate(t) && !/^\d{1,6}$/.test(t)) return 'date';
  if (isMark(t)) return 'mark';
  if (looksLikeIdNumber(t)) return 'id';
  if (looksLikePhone(t)) return 'phone';
  if (parseKind(t)) return 'kind';
  if (parseCount(t) !== null) return 'count';
  return 'text';
}

/** Share of the non-empty sample values that have the field's shape (1 for text fields with any value). */
function shapeFit(values: readonly string[], shape: Shape): number {
  const filled = values.map((v) => v.trim()).filter(Boolean);
  if (!filled.length) return 0;
  if (shape === 'text') return filled.some((v) => v.length > 3 && shapeOf(v) === 'text') ? 0.5 : 0;
  return filled.filter((v) => shapeOf(v) === shape || (shape === 'count' && shapeOf(v) === 'mark' && v.trim() === '1')).length / filled.length;
}

export interface ColumnProposal {
  column: number;
  letter: string;
  header: string;
  field: string;
  /** 0–100: how sure the proposal is (header wording and value shapes). */
  confidence: number;
}

export function columnLetter(i: number): string {
  let s = '';
  let n = i + 1;
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export function columnIndex(letter: string): number {
  let n = 0;
  for (const ch of letter.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/**
 * One field per column, each field at most once: pairs scored by header wording (0–100) plus value shape
 * (0–40), taken best first. A column whose header says nothing known but whose values have an unambiguous
 * shape (dates, ID numbers, phone numbers, KN/TC codes) gets the free field of that shape.
 */
export function proposeMapping(headers: readonly string[], samples: readonly (readonly string[])[], target: ImportTarget): ColumnProposal[] {
  const fields = FIELDS[target];
  const pairs: { col: number; field: string; score: number }[] = [];
  headers.forEach((h, col) => {
    const values = samples.map((r) => r[col] ?? '');
    for (const def of fields) {
      const hs = headerScore(h, def);
      const fit = shapeFit(values, def.shape);
      // Wording decides; the shape confirms it, or breaks ties (a "Khiếu nại" column of x marks is a mark).
      const score = hs > 0 ? hs + fit * 40 - (def.shape !== 'text' && fit < 0.5 && values.some((v) => v.trim()) ? 30 : 0) : 0;
      if (score > 0) pairs.push({ col, field: def.key, score });
    }
  });
  pairs.sort((a, b) => b.score - a.score || a.col - b.col);
  const byCol = new Map<number, { field: string; score: number }>();
  const used = new Set<string>();
  for (const p of pairs) {
    if (byCol.has(p.col) || used.has(p.field) || p.score < 30) continue;
    byCol.set(p.col, { field: p.field, score: p.score });
    used.add(p.field);
  }
  // Shape-only fallbacks for unknown headers.
  headers.forEach((_, col) => {
    if (byCol.has(col)) return;
    const values = samples.map((r) => r[col] ?? '').filter((v) => v.trim());
    if (values.length < 1) return;
    for (const shape of ['date', 'id', 'phone', 'kind'] as const) {
      if (shapeFit(values, shape) < 0.8) continue;
      const def = fields.find((d) => d.shape === shape && !used.has(d.key));
      if (def) {
        byCol.set(col, { field: def.key, score: 35 });
        used.add(def.key);
      }
      return;
    }
  });
  return headers.map((header, column) => {
    const hit = byCol.get(column);
    return { column, letter: columnLetter(column), header, field: hit?.field ?? IGNORE, confidence: Math.min(100, Math.round(hit ? hit.score : 0)) };
  });
}

/** { "A": "date", … } from proposals (ignored columns left out). */
export function mappingOf(proposals: readonly ColumnProposal[]): Record<string, string> {
  const m: Record<string, string> = {};
  for (const p of proposals) if (p.field !== IGNORE) m[p.letter] = p.field;
  return m;
}

/** Problems with a mapping the clerk sent: unknown fields, a field twice, a required field missing. */
export function checkMapping(mapping: Readonly<Record<string, string>>, target: ImportTarget): { key: 'unknownField' | 'duplicateField' | 'missingField' | 'badColumn'; column?: string; field: string }[] {
  const fields = FIELDS[target];
  const issues: { key: 'unknownField' | 'duplicateField' | 'missingField' | 'badColumn'; column?: string; field: string }[] = [];
  const seen = new Set<string>();
  for (const [col, field] of Object.entries(mapping)) {
    if (!/^[A-Z]{1,3}$/.test(col)) issues.push({ key: 'badColumn', column: col, field });
    if (field === IGNORE) continue;
    if (!fields.some((f) => f.key === field)) issues.push({ key: 'unknownField', column: col, field });
    else if (seen.has(field)) issues.push({ key: 'duplicateField', column: col, field });
    seen.add(field);
  }
  const has = (k: string) => seen.has(k);
  for (const f of fields) if (f.required && !has(f.key)) issues.push({ key: 'missingField', field: f.key });
  const kindFields = target === 'register' ? ['type'] : ['kind'];
  if (!kindFields.some(has) && !['kindComplaint', 'kindDenunciation', 'kindFeedback'].some(has)) issues.push({ key: 'missingField', field: kindFields[0]! });
  return issues;
}

export function fieldLabel(target: ImportTarget, key: string): string {
  return FIELDS[target].find((f) => f.key === key)?.label ?? (key === IGNORE ? '(bỏ qua)' : key);
}
