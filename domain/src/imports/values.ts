/**
 * Cell values as clerks write them in Excel, read into DânVận's values: dates (Excel serials, dd/mm/yyyy,
 * d/m/yy, "ngày 3 tháng 11 năm 2026"), kinds (KN, TC, KN-PA, "Khiếu nại", "phản ánh"…), marks ("x", "có", "✓"),
 * counts with thousands dots, and the "name, address, ID number" cell of the register split apart. Pure.
 */
import type { CaseKind } from '../workflow.ts';
import { cleanText, foldForSearch, isRealIsoDate, normalizePhone } from '../text.ts';

const pad2 = (n: number | string) => String(n).padStart(2, '0');

/** Excel's day serial (1900 system, with its 29/02/1900): 46000 → 2025-12-09. */
export function excelSerialToIso(serial: number): string | null {
  if (!Number.isFinite(serial) || serial < 1 || serial > 2958465) return null;
  const ms = Math.round((Math.floor(serial) - 25569) * 86400000);
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
}

function yearOf(y: string): number {
  const n = Number(y);
  if (y.length === 4) return n;
  // Two-digit years: registers hold recent years (00–69 → 20xx, 70–99 → 19xx).
  return n < 70 ? 2000 + n : 1900 + n;
}

/** Any of the date shapes a register holds, as an ISO date; null when it is not a real date. */
export function parseClerkDate(text: string): string | null {
  const t = cleanText(text).replace(/^ngày\s+/iu, '');
  if (!t) return null;
  let iso: string | null = null;
  let m = /^(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{2}|\d{4})$/.exec(t);
  if (m) iso = `${yearOf(m[3]!)}-${pad2(m[2]!)}-${pad2(m[1]!)}`;
  if (!iso && (m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?$/.exec(t))) iso = `${m[1]}-${m[2]}-${m[3]}`;
  if (!iso) {
    const f = foldForSearch(text);
    const w = /^(?:ngay\s+)?(\d{1,2})\s+thang\s+(\d{1,2})\s+nam\s+(\d{4})$/.exec(f);
    if (w) iso = `${w[3]}-${pad2(w[2]!)}-${pad2(w[1]!)}`;
  }
  // An Excel date serial that reached us as text: only from 1955 on (a bare "2026" or "1200" is not a date).
  if (!iso && /^\d{5,6}(\.\d+)?$/.test(t) && Number(t) >= 20000) iso = excelSerialToIso(Number(t));
  return iso && isRealIsoDate(iso) ? iso : null;
}

/** "x", "X", "có", "✓", "✔", "1", "v" → true; "", "không", "0", "-" → false; anything else: null. */
export function parseMark(text: string): boolean | null {
  const t = cleanText(text);
  if (!t || t === '-' || t === '–' || t === '0') return false;
  if (/^[✓✔☑√xX×vV1]$/u.test(t)) return true;
  const f = foldForSearch(t);
  if (f === 'co' || f === 'x' || f === 'dung' || f === 'yes') return true;
  if (f === 'khong' || f === 'no') return false;
  return null;
}

export function isMark(text: string): boolean {
  const t = cleanText(text);
  return t !== '' && parseMark(t) === true;
}

/** "1.200" → 1200, "12" → 12, "3 người" → 3. */
export function parseCount(text: string): number | null {
  const t = cleanText(text).replace(/\s*(người|nguoi)$/iu, '');
  if (!t) return null;
  if (/^\d{1,3}(\.\d{3})+$/.test(t)) return Number(t.replace(/\./g, ''));
  if (/^\d+$/.test(t)) return Number(t);
  if (/^\d+(,0+)?$/.test(t)) return Number(t.split(',')[0]);
  return null;
}

const KIND_WORDS: [RegExp, CaseKind][] = [
  [/^(kn ?pa|kien nghi(,? phan anh)?|phan anh|kien nghi phan anh|pa|kien nghi va phan anh|phan anh kien nghi)$/, 'feedback'],
  [/^(kn|khieu nai|don khieu nai)$/, 'complaint'],
  [/^(tc|to cao|don to cao)$/, 'denunciation'],
];

/** A kind as a code or a word: KN, TC, KN-PA / "Khiếu nại", "Tố cáo", "phản ánh", "kiến nghị". */
export function parseKind(text: string): CaseKind | null {
  const f = foldForSearch(text);
  if (!f) return null;
  for (const [re, kind] of KIND_WORDS) if (re.test(f)) return kind;
  return null;
}

export const KIND_CODES: Record<CaseKind, string> = { complaint: 'KN', denunciation: 'TC', feedback: 'KN-PA' };

const ID_RE = /(?:^|[\s,;:(])(?:(?:số\s*)?(?:CCCD|CMND|CMT|ĐDCN|định danh|hộ chiếu|HC)\s*(?:số)?\s*[:.]?\s*)?(\d{12}|\d{9}|[A-Z]\d{7})(?=$|[\s,;.)])/iu;

export interface SplitPerson {
  name: string;
  address: string;
  idNumber: string;
  /** false when the cell could not be split safely: everything stays in `name` (with a warning). */
  split: boolean;
}

/**
 * "Nguyễn Văn An, thôn Đông, xã Yên Lạc, CCCD 001085012345" or the same on lines: the ID number is taken out
 * wherever it stands (12 or 9 digits, or a passport number after "hộ chiếu"), the name is the first line or
 * what stands before the first comma / " - ", the address the rest. A cell with no separator cannot be split
 * safely (is "Nguyễn Văn An thôn Đông" a name and an address?): it stays whole.
 */
export function splitNameAddressId(text: string): SplitPerson {
  let raw = text.normalize('NFC').replace(/\r\n?/g, '\n').trim();
  let idNumber = '';
  const m = ID_RE.exec(raw);
  if (m) {
    idNumber = m[1]!.toUpperCase();
    raw = (raw.slice(0, m.index) + raw.slice(m.index + m[0].length)).trim();
  }
  raw = raw.replace(/[\s,;:-]+$/u, '').replace(/^[\s,;:-]+/u, '');
  const lines = raw.split('\n').map((l) => cleanText(l).replace(/^[,;:-]\s*|\s*[,;:-]$/gu, '')).filter(Boolean);
  let name = '';
  let address = '';
  if (lines.length > 1) {
    name = lines[0]!;
    address = lines.slice(1).join(', ');
  } else {
    const one = lines[0] ?? '';
    const cut = /\s+-\s+|,\s*|;\s*/u.exec(one);
    if (cut) {
      name = cleanText(one.slice(0, cut.index));
      address = cleanText(one.slice(cut.index + cut[0].length));
    } else {
      return { name: one, address: '', idNumber, split: false };
    }
  }
  address = address.replace(/^(địa chỉ|đ\/c|dc|trú tại|thường trú)\s*[:.]?\s*/iu, '');
  return { name, address, idNumber, split: Boolean(name && address) };
}

/** A phone number as typed (0912 345 678, +84…, 84…). */
export function looksLikePhone(text: string): boolean {
  const t = text.replace(/[\s.()-]/g, '');
  return /^(\+?84|0)\d{9,10}$/.test(t) && normalizePhone(text) !== null;
}

export function looksLikeIdNumber(text: string): boolean {
  return /^\d{12}$/.test(text.replace(/\s/g, '')) || /^\d{9}$/.test(text.replace(/\s/g, ''));
}
