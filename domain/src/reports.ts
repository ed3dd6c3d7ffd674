/**
 * Report arithmetic and the narrative sentence in the form of the 2020 national conference report:
 * "…đã tiếp 165.000 lượt công dân với 135.000 vụ việc, … đã giải quyết 9.900 vụ việc trong tổng số 13.889 vụ
 * khiếu nại, tố cáo thuộc thẩm quyền, đạt 71,3%". Settlement rate = resolved ÷ within jurisdiction
 * (carried over + newly accepted) — TT 06/2025/TT-TTCP (LEGAL.md Reports).
 */
import { formatCount, formatIsoDateVi, formatPercent, isRealIsoDate } from './text.ts';

export interface CoreFigures {
  visits: number;
  people: number;
  cases: number;
  withinJurisdiction: number;
  resolved: number;
}

export function settlementRate(resolved: number, within: number): number {
  return within === 0 ? 0 : resolved / within;
}

export function summarySentence(agencyName: string, from: string, to: string, f: CoreFigures): string {
  const head = `Từ ngày ${formatIsoDateVi(from)} đến ngày ${formatIsoDateVi(to)}, ${agencyName} đã tiếp ${formatCount(f.visits)} lượt công dân với ${formatCount(f.cases)} vụ việc`;
  if (f.withinJurisdiction === 0) return `${head}; không có vụ khiếu nại, tố cáo nào thuộc thẩm quyền phải giải quyết.`;
  return `${head}, đã giải quyết ${formatCount(f.resolved)} vụ việc trong tổng số ${formatCount(f.withinJurisdiction)} vụ khiếu nại, tố cáo thuộc thẩm quyền, đạt ${formatPercent(settlementRate(f.resolved, f.withinJurisdiction))}.`;
}

export interface DateRange {
  from: string;
  to: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
function lastDay(year: number, month: number): string {
  const d = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${pad(month)}-${pad(d)}`;
}

/**
 * Named reporting periods on calendar boundaries: "2026" (year), "2026-H1"/"2026-H2" (6 months),
 * "2026-Q1".."2026-Q4" (quarter), "2026-9M" (9 months). Returns null for anything else.
 * (The official cut-off convention, e.g. 15/12–14/6, is applied by the reports module when configured.)
 */
export function parsePeriod(period: string): DateRange | null {
  const m = /^(\d{4})(?:-(H[12]|Q[1-4]|9M))?$/.exec(period);
  if (!m) return null;
  const y = Number(m[1]);
  const part = m[2];
  if (!part) return { from: `${y}-01-01`, to: `${y}-12-31` };
  if (part === '9M') return { from: `${y}-01-01`, to: `${y}-09-30` };
  if (part.startsWith('H')) return part === 'H1' ? { from: `${y}-01-01`, to: `${y}-06-30` } : { from: `${y}-07-01`, to: `${y}-12-31` };
  const q = Number(part.slice(1));
  return { from: `${y}-${pad(q * 3 - 2)}-01`, to: lastDay(y, q * 3) };
}

export function isValidRange(r: DateRange): boolean {
  return isRealIsoDate(r.from) && isRealIsoDate(r.to) && r.from <= r.to;
}
