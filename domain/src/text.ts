/**
 * Vietnamese text helpers shared by server and web.
 * Search ignores diacritics and đ/d (SPEC §5): both sides of a comparison go through `foldForSearch`.
 */

/** NFC-normalise and trim user input; collapses inner runs of white space. */
export function cleanText(input: string): string {
  return input.normalize('NFC').replace(/\s+/g, ' ').trim();
}

/** Lower-case, strip combining marks, map đ→d, collapse spaces: "Phường Ba Đình" → "phuong ba dinh". */
export function foldForSearch(input: string): string {
  return input
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

const viCollator = new Intl.Collator('vi');
/** Vietnamese alphabetical order (neither database has a Vietnamese collation). */
export function compareVi(a: string, b: string): number {
  return viCollator.compare(a, b);
}

const intFmt = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 0 });
/** 165000 → "165.000" */
export function formatCount(n: number): string {
  return intFmt.format(n);
}

const pctFmt = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1, minimumFractionDigits: 0 });
/** 0.7128 → "71,3%"; 1 → "100%". */
export function formatPercent(ratio: number): string {
  return `${pctFmt.format(Math.round(ratio * 1000) / 10)}%`;
}

/** "2027-01-29" → "29/01/2027" (ISO calendar date, no time zone arithmetic). */
export function formatIsoDateVi(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) throw new Error(`not an ISO date: ${iso}`);
  return `${m[3]}/${m[2]}/${m[1]}`;
}

/** The calendar date in Asia/Ho_Chi_Minh (UTC+7, no DST) of an instant, as YYYY-MM-DD. */
export function isoDateInVietnam(instant: Date): string {
  return new Date(instant.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
}

/** Personal ID (CCCD / số định danh cá nhân): exactly 12 digits (LEGAL.md Identifiers). */
export function isValidPersonalId(value: string): boolean {
  return /^\d{12}$/.test(value);
}

/**
 * Normalise a Vietnamese phone number to E.164 text (+84…).
 * Accepts "0912 345 678", "+84912345678", "84912345678". Returns null when it is not a plausible number.
 * Mobile numbers are 10 digits with prefixes 03, 05, 07, 08, 09 (LEGAL.md Identifiers [R]); landlines 02x… with 11 digits.
 */
export function normalizePhone(input: string): string | null {
  const digits = input.replace(/[\s.\-()]/g, '');
  let national: string;
  if (/^\+84\d+$/.test(digits)) national = `0${digits.slice(3)}`;
  else if (/^84\d{9,10}$/.test(digits)) national = `0${digits.slice(2)}`;
  else if (/^0\d+$/.test(digits)) national = digits;
  else return null;
  if (/^0[35789]\d{8}$/.test(national) || /^02\d{9}$/.test(national)) return `+84${national.slice(1)}`;
  return null;
}

/** True for a real calendar date written YYYY-MM-DD ("2026-02-30" is false). */
export function isRealIsoDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === value;
}
