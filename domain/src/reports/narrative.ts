/**
 * The narrative of a period report, in the form of the 2020 national conference report:
 * "…đã tiếp 165.000 lượt công dân với 135.000 vụ việc, … đã giải quyết 9.900 vụ việc trong tổng số 13.889 vụ
 * khiếu nại, tố cáo thuộc thẩm quyền, đạt 71,3%", followed by a comparison with the previous period of equal
 * length ("tăng 12,5% so với kỳ trước"). Numbers use Vietnamese separators (SPEC §5).
 */
import { formatCount, formatIsoDateVi, formatPercent } from '../text.ts';
import type { DateRange } from './periods.ts';

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

const pointsFmt = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1, minimumFractionDigits: 0 });

/** "số lượt tiếp công dân tăng 12,5%" / "… giảm 3%" / "… không thay đổi" / "… tăng từ 0 lên 8". */
export function changePhrase(label: string, current: number, previous: number): string {
  if (current === previous) return `${label} không thay đổi`;
  if (previous === 0) return `${label} tăng từ 0 lên ${formatCount(current)}`;
  const ratio = Math.abs(current - previous) / previous;
  return `${label} ${current > previous ? 'tăng' : 'giảm'} ${formatPercent(ratio)}`;
}

/** Change of a rate in percentage points: "tỷ lệ giải quyết tăng 2,4 điểm phần trăm". */
export function pointsPhrase(label: string, current: number, previous: number): string {
  const points = Math.round((current - previous) * 1000) / 10;
  if (points === 0) return `${label} không thay đổi`;
  return `${label} ${points > 0 ? 'tăng' : 'giảm'} ${pointsFmt.format(Math.abs(points))} điểm phần trăm`;
}

/**
 * "So với kỳ trước (từ ngày 01/01/2026 đến ngày 30/06/2026), số lượt tiếp công dân tăng 12,5%, số vụ việc tăng 4%,
 * số vụ việc đã giải quyết giảm 10%, tỷ lệ giải quyết tăng 2,4 điểm phần trăm."
 * The rate is compared only when both periods had cases within jurisdiction.
 */
export function comparisonSentence(current: CoreFigures, previous: CoreFigures, previousRange: DateRange): string {
  const parts = [
    changePhrase('số lượt tiếp công dân', current.visits, previous.visits),
    changePhrase('số vụ việc được tiếp', current.cases, previous.cases),
    changePhrase('số vụ khiếu nại, tố cáo thuộc thẩm quyền', current.withinJurisdiction, previous.withinJurisdiction),
    changePhrase('số vụ việc đã giải quyết', current.resolved, previous.resolved),
  ];
  if (current.withinJurisdiction > 0 && previous.withinJurisdiction > 0) {
    parts.push(
      pointsPhrase('tỷ lệ giải quyết', settlementRate(current.resolved, current.withinJurisdiction), settlementRate(previous.resolved, previous.withinJurisdiction)),
    );
  }
  return `So với kỳ trước (từ ngày ${formatIsoDateVi(previousRange.from)} đến ngày ${formatIsoDateVi(previousRange.to)}), ${parts.join(', ')}.`;
}
