/**
 * Plain calendar dates ('YYYY-MM-DD'). All arithmetic goes through a UTC day number, so the host
 * time zone never shifts a date.
 */
import { ClockError } from './errors.ts';

const MS_PER_DAY = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 of a valid ISO calendar date; throws INVALID_DATE otherwise (e.g. 2027-02-30). */
export function dayNumber(iso: string): number {
  const m = typeof iso === 'string' ? ISO_DATE.exec(iso) : null;
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const ms = Date.UTC(y, mo - 1, d);
    const back = new Date(ms);
    if (back.getUTCFullYear() === y && back.getUTCMonth() === mo - 1 && back.getUTCDate() === d) {
      return ms / MS_PER_DAY;
    }
  }
  throw new ClockError('INVALID_DATE', `Ngày không hợp lệ: "${String(iso)}" (cần dạng YYYY-MM-DD).`);
}

export function fromDayNumber(n: number): string {
  return new Date(n * MS_PER_DAY).toISOString().slice(0, 10);
}

export function isoDate(year: number, month: number, day: number): string {
  return fromDayNumber(Date.UTC(year, month - 1, day) / MS_PER_DAY);
}

export function addDays(iso: string, n: number): string {
  return fromDayNumber(dayNumber(iso) + n);
}

/** b − a in days. */
export function diffDays(a: string, b: string): number {
  return dayNumber(b) - dayNumber(a);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(iso: string): number {
  // 1970-01-01 was a Thursday.
  return (((dayNumber(iso) + 4) % 7) + 7) % 7;
}

/**
 * BLDS 2015 Art. 147(3): a period of months ends on the same date of the last month, or on that
 * month's last day when the date does not exist (31/01 + 1 month → 28/02 or 29/02).
 */
export function addMonths(iso: string, months: number): string {
  dayNumber(iso);
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const target = y * 12 + (m - 1) + months;
  const ty = Math.floor(target / 12);
  const tm = target - ty * 12;
  const lastDay = new Date(Date.UTC(ty, tm + 1, 0)).getUTCDate();
  return isoDate(ty, tm + 1, Math.min(d, lastDay));
}

const WEEKDAY_VI = ['Chủ nhật', 'Thứ hai', 'Thứ ba', 'Thứ tư', 'Thứ năm', 'Thứ sáu', 'Thứ bảy'] as const;
export function weekdayNameVi(iso: string): string {
  return WEEKDAY_VI[weekday(iso)] ?? '';
}
