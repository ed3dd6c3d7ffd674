/**
 * Reporting periods (TT 06/2025/TT-TTCP: quarter, 6 months, 9 months, year [V]) and the cut-off convention.
 *
 * A period is a set of *reporting months*. With `startDay` = 1 a reporting month is the calendar month; with
 * `startDay` = S (2..28) reporting month m runs from day S of month m−1 to day S−1 of month m — the old scheme
 * (TT 02/2021/TT-TTCP, Nghị định 09/2019/NĐ-CP Art. 12 [R]) is S = 15: the first 6 months run 15/12 – 14/06.
 *
 * Default: calendar months (startDay 1). LEGAL.md marks 15th-to-14th as the scheme of the replaced circular and
 * "to be confirmed" [R]; the seed's own figures are for "6 tháng đầu năm" and calendar months are what the other
 * modules (reception compliance, dashboards by month) use. An administrator at the national level can switch to
 * another start day (stored in report_settings, audited) without a code change.
 */
import { isRealIsoDate } from '../text.ts';

export interface DateRange {
  from: string;
  to: string;
}

export interface CutoffConvention {
  /** 1 = calendar months; 2..28 = a reporting month starts on this day of the previous month. */
  startDay: number;
}

export const DEFAULT_CUTOFF: CutoffConvention = { startDay: 1 };
export const CUTOFF_CITATION = 'Thông tư 06/2025/TT-TTCP (kỳ báo cáo quý, 6 tháng, 9 tháng, năm); mốc 15–14 theo Thông tư 02/2021/TT-TTCP, Nghị định 09/2019/NĐ-CP Điều 12 (chưa đối chiếu)';

export function isValidCutoff(c: CutoffConvention): boolean {
  return Number.isInteger(c.startDay) && c.startDay >= 1 && c.startDay <= 28;
}

export const PERIOD_PATTERN = '^\\d{4}(-(H[12]|Q[1-4]|9M))?$';

export type PeriodKind = 'year' | 'half' | 'quarter' | 'nine-months';

export interface NamedPeriod {
  code: string;
  kind: PeriodKind;
  year: number;
  /** Reporting months, 1-based, inclusive. */
  firstMonth: number;
  lastMonth: number;
}

const pad = (n: number) => String(n).padStart(2, '0');

function lastDayOfMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Normalises (year, month) where month may be ≤ 0 or > 12. */
function norm(year: number, month: number): { y: number; m: number } {
  const idx = year * 12 + (month - 1);
  return { y: Math.floor(idx / 12), m: (idx % 12 + 12) % 12 + 1 };
}

/** The dates of reporting month (year, month) under the convention. */
export function reportingMonth(year: number, month: number, c: CutoffConvention = DEFAULT_CUTOFF): DateRange {
  const { y, m } = norm(year, month);
  if (c.startDay === 1) return { from: `${y}-${pad(m)}-01`, to: `${y}-${pad(m)}-${pad(lastDayOfMonth(y, m))}` };
  const p = norm(y, m - 1);
  return { from: `${p.y}-${pad(p.m)}-${pad(c.startDay)}`, to: `${y}-${pad(m)}-${pad(c.startDay - 1)}` };
}

export function parseNamedPeriod(code: string): NamedPeriod | null {
  const m = /^(\d{4})(?:-(H[12]|Q[1-4]|9M))?$/.exec(code);
  if (!m) return null;
  const year = Number(m[1]);
  const part = m[2];
  if (!part) return { code, kind: 'year', year, firstMonth: 1, lastMonth: 12 };
  if (part === '9M') return { code, kind: 'nine-months', year, firstMonth: 1, lastMonth: 9 };
  if (part === 'H1') return { code, kind: 'half', year, firstMonth: 1, lastMonth: 6 };
  if (part === 'H2') return { code, kind: 'half', year, firstMonth: 7, lastMonth: 12 };
  const q = Number(part.slice(1));
  return { code, kind: 'quarter', year, firstMonth: q * 3 - 2, lastMonth: q * 3 };
}

/**
 * Named reporting periods: "2026" (year), "2026-H1"/"2026-H2" (6 months), "2026-Q1".."2026-Q4" (quarter),
 * "2026-9M" (9 months), under the cut-off convention (calendar months by default). Null for anything else.
 */
export function parsePeriod(period: string, c: CutoffConvention = DEFAULT_CUTOFF): DateRange | null {
  const p = parseNamedPeriod(period);
  if (!p) return null;
  return { from: reportingMonth(p.year, p.firstMonth, c).from, to: reportingMonth(p.year, p.lastMonth, c).to };
}

export function isValidRange(r: DateRange): boolean {
  return isRealIsoDate(r.from) && isRealIsoDate(r.to) && r.from <= r.to;
}

const ROMAN = ['I', 'II', 'III', 'IV'];

/** "6 tháng đầu năm 2026", "Quý III năm 2026", "9 tháng năm 2026", "Năm 2026"; null for a custom range. */
export function periodLabel(code: string | undefined | null): string | null {
  const p = code ? parseNamedPeriod(code) : null;
  if (!p) return null;
  switch (p.kind) {
    case 'year':
      return `Năm ${p.year}`;
    case 'nine-months':
      return `9 tháng năm ${p.year}`;
    case 'half':
      return p.firstMonth === 1 ? `6 tháng đầu năm ${p.year}` : `6 tháng cuối năm ${p.year}`;
    case 'quarter':
      return `Quý ${ROMAN[(p.lastMonth / 3) - 1]} năm ${p.year}`;
  }
}

/** Reporting-month index (year*12 + month-1) of a range made of whole reporting months, else null. */
function monthSpan(r: DateRange, c: CutoffConvention): { first: number; last: number } | null {
  const locate = (iso: string, edge: 'from' | 'to') => {
    const y = Number(iso.slice(0, 4));
    const m = Number(iso.slice(5, 7));
    // The reporting month containing this date is m or m+1 (when startDay > 1 and the day is ≥ startDay).
    for (const cand of [m, m + 1]) {
      const rm = reportingMonth(y, cand, c);
      if (rm[edge] === iso) return norm(y, cand);
    }
    return null;
  };
  const a = locate(r.from, 'from');
  const b = locate(r.to, 'to');
  if (!a || !b) return null;
  const first = a.y * 12 + a.m - 1;
  const last = b.y * 12 + b.m - 1;
  return last >= first ? { first, last } : null;
}

function addDaysIso(iso: string, n: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/**
 * The previous period of equal length, for the narrative's comparison ("tăng 12,5% so với kỳ trước"):
 * a range of whole reporting months (every named period) moves back by its number of months (Q3 → Q2,
 * H1 → H2 of the year before, 9M → the 9 months before it); any other range moves back by its number of days.
 */
export function previousRange(r: DateRange, c: CutoffConvention = DEFAULT_CUTOFF): DateRange {
  const span = monthSpan(r, c);
  if (span) {
    const len = span.last - span.first + 1;
    const f = span.first - len;
    const l = span.last - len;
    return { from: reportingMonth(Math.floor(f / 12), (f % 12) + 1, c).from, to: reportingMonth(Math.floor(l / 12), (l % 12) + 1, c).to };
  }
  const days = daysBetween(r.from, r.to) + 1;
  return { from: addDaysIso(r.from, -days), to: addDaysIso(r.from, -1) };
}

/** The calendar months a range touches, "YYYY-MM", in order (dashboard volume by month). */
export function monthsOf(r: DateRange): string[] {
  const out: string[] = [];
  let y = Number(r.from.slice(0, 4));
  let m = Number(r.from.slice(5, 7));
  const endKey = r.to.slice(0, 7);
  for (;;) {
    const key = `${y}-${pad(m)}`;
    out.push(key);
    if (key >= endKey || out.length > 1200) break;
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
  return out;
}
