/**
 * Display formats required by SPEC §5: dates dd/mm/yyyy, times in Asia/Ho_Chi_Minh,
 * numbers with Vietnamese separators (165.000) whatever the UI language.
 */
import { formatIsoDateVi } from '@danvan/domain/text';

const TIME_ZONE = 'Asia/Ho_Chi_Minh';

/** 165000 → "165.000"; 0.7128 → "71,3%" — the domain's formats, shared with the server's reports. */
export { formatCount, formatPercent } from '@danvan/domain/text';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const dateTimeParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

function partsOf(date: Date): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of dateTimeParts.formatToParts(date)) out[p.type] = p.value;
  return out;
}

/** "2026-11-27" (a calendar date) or an ISO timestamp → "27/11/2026"; empty input → "". */
export function formatDate(value: string | null | undefined): string {
  if (!value) return '';
  if (ISO_DATE.test(value)) return formatIsoDateVi(value);
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return value;
  const p = partsOf(d);
  return `${p.day}/${p.month}/${p.year}`;
}

/** ISO timestamp → "27/11/2026 14:05" in Vietnam time. */
export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '';
  if (ISO_DATE.test(value)) return formatDate(value);
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return value;
  const p = partsOf(d);
  return `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}`;
}

/** Today's calendar date in Vietnam as YYYY-MM-DD, whatever the browser's time zone. */
export function todayInVietnam(now: Date = new Date()): string {
  const p = partsOf(now);
  return `${p.year}-${p.month}-${p.day}`;
}

/** Display format for antd date pickers (dayjs tokens). */
export const DATE_INPUT_FORMAT = 'DD/MM/YYYY';
/** Wire format for dates sent to the API. */
export const DATE_WIRE_FORMAT = 'YYYY-MM-DD';
