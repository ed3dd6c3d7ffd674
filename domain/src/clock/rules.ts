/**
 * The legal time limits as data (STYLE.md "Deadlines are data"): one row per rule version, so an
 * administrator can correct a length or citation without a code change, and a case is timed by the
 * version in force on the day its clock started (ND 155/2026 Art. 22; ND 156/2026 Art. 10).
 *
 * Periods:
 *  - `effectiveFrom` is inclusive and `effectiveTo` is EXCLUSIVE: a row applies to clocks started on
 *    a date d with effectiveFrom <= d < effectiveTo (null = still in force). The old row's
 *    effectiveTo therefore equals the new row's effectiveFrom ('2026-07-01'), with no gap.
 *  - `effectiveFrom` of rows whose start LEGAL.md does not record is the date the base text took
 *    effect as we recall it; only the 1/7/2026 boundary matters for cases on this platform.
 *
 * Units: 'calendar' = "N ngày" (BLDS 2015 Art. 147–148), 'working' = "N ngày làm việc",
 * 'month' = "N tháng". Variant and extension lengths are in the row's unit.
 */
import { ClockError } from './errors.ts';
import { dayNumber } from './dates.ts';

export type RuleUnit = 'calendar' | 'working' | 'month';

/** Lengths that replace `days` for a qualifying case (same unit as the row). */
export interface RuleVariants {
  readonly complex?: number;
  readonly remote?: number;
  readonly remoteComplex?: number;
  readonly severalSites?: number;
}

/**
 * Extensions the law allows. Each extension is one written decision of at most `maxDays`.
 * When `complexMaxCount` is set, extensions need a complexity finding: a complex case gets
 * `complexMaxCount`, an especially complex one `maxCount`, an ordinary one none.
 */
export interface ExtensionLimit {
  readonly maxCount: number;
  readonly maxDays: number;
  readonly complexMaxCount?: number;
}

export interface ClockRule {
  readonly key: string;
  /** `${key}@${effectiveFrom}`: stored on the case row next to `dueAt`. */
  readonly version: string;
  /** Vietnamese name of the deadline, starts the explanation ("Hạn giải quyết tố cáo"). */
  readonly label: string;
  /** Vietnamese name of the event that starts the clock ("ngày thụ lý"). */
  readonly trigger: string;
  readonly days: number;
  readonly unit: RuleUnit;
  readonly variants: RuleVariants;
  readonly extension: ExtensionLimit | null;
  readonly effectiveFrom: string;
  /** Exclusive; null while in force. */
  readonly effectiveTo: string | null;
  readonly citation: string;
  /** true = read in the legal text (LEGAL.md [V]); false = recalled, to be confirmed ([R]). */
  readonly verified: boolean;
}

export const RULE_KEYS = [
  'petition.process',
  'reception.notice',
  'reception.repeat-notice',
  'complaint.accept',
  'complaint.guide',
  'complaint.first',
  'complaint.second',
  'complaint.appeal-window',
  'complaint.effective',
  'complaint.send-decision',
  'complaint.send-second-decision',
  'complaint.send-termination',
  'complaint.limitation',
  'denunciation.intake',
  'denunciation.forward',
  'denunciation.notify',
  'denunciation.resolve',
  'denunciation.send-conclusion',
  'denunciation.publish',
  'denunciation.send-decision',
  'denunciation.send-resumption',
  'denunciation.re-examine',
  'feedback.forward',
  'grassroots.send-decision',
  'grassroots.recognize',
  'grassroots.recognize-mttq',
  'grassroots.board-answer',
  'grassroots.initiative-validity',
  'grassroots.reelection',
  'grassroots.publish',
] as const;

const LAW_COMPLAINTS = '2012-07-01'; // Luật Khiếu nại 2011
const LAW_RECEPTION = '2014-07-01'; // Luật Tiếp công dân 2013
const LAW_DENUNCIATIONS = '2019-01-01'; // Luật Tố cáo 2018
const AMENDMENTS_2026 = '2026-07-01'; // Luật 136/2025, ND 154–156/2026
const LAW_GRASSROOTS = '2023-07-01'; // Luật Thực hiện dân chủ ở cơ sở 10/2022/QH15
const DECREE_59 = '2023-08-15'; // Nghị định 59/2023/NĐ-CP

type RowInput = Omit<ClockRule, 'version' | 'variants' | 'extension' | 'effectiveTo'> &
  Partial<Pick<ClockRule, 'variants' | 'extension' | 'effectiveTo'>>;

function row(input: RowInput): ClockRule {
  return {
    variants: {},
    extension: null,
    effectiveTo: null,
    ...input,
    version: `${input.key}@${input.effectiveFrom}`,
  };
}

export const DEFAULT_RULES: readonly ClockRule[] = [
  row({
    key: 'petition.process',
    label: 'Hạn xử lý đơn',
    trigger: 'ngày nhận đơn',
    days: 10,
    unit: 'working',
    effectiveFrom: '2021-11-15',
    citation: 'Thông tư 05/2021/TT-TTCP',
    verified: false, // LEGAL.md [R]
  }),
  row({
    key: 'reception.notice',
    label: 'Hạn thông báo kết quả xử lý khiếu nại, tố cáo, kiến nghị, phản ánh',
    trigger: 'ngày tiếp nhận',
    days: 10,
    unit: 'working',
    effectiveFrom: LAW_RECEPTION,
    citation: 'Điều 28 Luật Tiếp công dân 2013',
    verified: true,
  }),
  // A repeat visit with nothing new is refused and answered in writing (Mẫu 01/TCD) within 3 working days
  // (LEGAL.md Reception [V]). The rule comes with ND 154/2026; LEGAL.md records no such period under ND 64/2014, so
  // a refusal before 1/7/2026 gets no deadline (the duty is kept, untimed).
  row({
    key: 'reception.repeat-notice',
    label: 'Hạn thông báo bằng văn bản từ chối tiếp (Mẫu 01/TCD)',
    trigger: 'ngày từ chối tiếp',
    days: 3,
    unit: 'working',
    effectiveFrom: AMENDMENTS_2026,
    citation: 'Khoản 1 Điều 4 Nghị định 154/2026/NĐ-CP',
    verified: true,
  }),
  // Before 1/7/2026 the Law says "trong thời hạn 10 ngày" with no "làm việc": under BLDS
  // Art. 147–148 (LEGAL.md "Counting time") a bare "N ngày" means calendar days, so the old row is
  // 'calendar'. ND 155/2026 changed both the length and the unit (7 working days).
  row({
    key: 'complaint.accept',
    label: 'Hạn thụ lý khiếu nại',
    trigger: 'ngày nhận được khiếu nại',
    days: 10,
    unit: 'calendar',
    effectiveFrom: LAW_COMPLAINTS,
    effectiveTo: AMENDMENTS_2026,
    citation: 'Điều 27, Điều 36 Luật Khiếu nại 2011',
    verified: true,
  }),
  row({
    key: 'complaint.accept',
    label: 'Hạn thụ lý khiếu nại',
    trigger: 'ngày nhận được khiếu nại',
    days: 7,
    unit: 'working',
    effectiveFrom: AMENDMENTS_2026,
    citation: 'Điều 16 Nghị định 124/2020/NĐ-CP, sửa đổi bởi Nghị định 155/2026/NĐ-CP',
    verified: true,
  }),
  // LEGAL.md records no guidance rule for complaints outside jurisdiction: the 5 working days the issue names are
  // kept as a recalled rule ([R], verified: false) until an administrator confirms them.
  row({
    key: 'complaint.guide',
    label: 'Hạn hướng dẫn khiếu nại không thuộc thẩm quyền',
    trigger: 'ngày nhận được khiếu nại',
    days: 5,
    unit: 'working',
    effectiveFrom: '2021-11-15',
    citation: 'Thông tư 05/2021/TT-TTCP',
    verified: false,
  }),
  row({
    key: 'complaint.limitation',
    label: 'Thời hiệu khiếu nại',
    trigger: 'ngày nhận được hoặc biết được quyết định hành chính, hành vi hành chính',
    days: 90,
    unit: 'calendar',
    effectiveFrom: LAW_COMPLAINTS,
    citation: 'Điều 9 Luật Khiếu nại 2011',
    verified: true,
  }),
  row({
    key: 'complaint.first',
    label: 'Hạn giải quyết khiếu nại lần đầu',
    trigger: 'ngày thụ lý',
    days: 30,
    unit: 'calendar',
    variants: { complex: 45, remote: 45, remoteComplex: 60 },
    effectiveFrom: LAW_COMPLAINTS,
    citation: 'Điều 28 Luật Khiếu nại 2011',
    verified: true,
  }),
  row({
    key: 'complaint.second',
    label: 'Hạn giải quyết khiếu nại lần hai',
    trigger: 'ngày thụ lý',
    days: 45,
    unit: 'calendar',
    variants: { complex: 60, remote: 60, remoteComplex: 70 },
    effectiveFrom: LAW_COMPLAINTS,
    citation: 'Điều 37 Luật Khiếu nại 2011',
    verified: true,
  }),
  row({
    key: 'complaint.appeal-window',
    label: 'Thời hạn khiếu nại lần hai hoặc khởi kiện',
    trigger: 'ngày nhận quyết định giải quyết lần đầu hoặc ngày hết hạn giải quyết',
    days: 30,
    unit: 'calendar',
    variants: { remote: 45 },
    effectiveFrom: LAW_COMPLAINTS,
    citation: 'Điều 33 Luật Khiếu nại 2011',
    verified: true,
  }),
  row({
    key: 'complaint.effective',
    label: 'Thời điểm quyết định giải quyết lần đầu có hiệu lực (nếu không bị khiếu nại tiếp)',
    trigger: 'ngày ban hành quyết định',
    days: 30,
    unit: 'calendar',
    variants: { remote: 45 },
    effectiveFrom: LAW_COMPLAINTS,
    citation: 'Điều 44 Luật Khiếu nại 2011',
    verified: true,
  }),
  row({
    key: 'complaint.send-decision',
    label: 'Hạn gửi quyết định giải quyết khiếu nại lần đầu',
    trigger: 'ngày ban hành quyết định',
    days: 3,
    unit: 'working',
    effectiveFrom: LAW_COMPLAINTS,
    citation: 'Điều 32 Luật Khiếu nại 2011',
    verified: true,
  }),
  row({
    key: 'complaint.send-second-decision',
    label: 'Hạn gửi quyết định giải quyết khiếu nại lần hai',
    trigger: 'ngày ban hành quyết định',
    days: 7,
    unit: 'calendar',
    effectiveFrom: LAW_COMPLAINTS,
    citation: 'Khoản 1 Điều 41 Luật Khiếu nại 2011',
    verified: true,
  }),
  row({
    key: 'complaint.send-termination',
    label: 'Hạn gửi quyết định tạm đình chỉ, đình chỉ, tiếp tục giải quyết khiếu nại',
    trigger: 'ngày ban hành quyết định',
    days: 3,
    unit: 'working',
    effectiveFrom: AMENDMENTS_2026,
    citation: 'Điều 28b Nghị định 124/2020/NĐ-CP, sửa đổi bởi Nghị định 155/2026/NĐ-CP',
    verified: true,
  }),
  row({
    key: 'denunciation.intake',
    label: 'Hạn vào sổ, phân loại, xác minh điều kiện thụ lý tố cáo',
    trigger: 'ngày nhận được tố cáo',
    days: 7,
    unit: 'working',
    variants: { severalSites: 10 },
    effectiveFrom: LAW_DENUNCIATIONS,
    citation: 'Điều 24 Luật Tố cáo 2018',
    verified: true,
  }),
  row({
    key: 'denunciation.forward',
    label: 'Hạn chuyển tố cáo không thuộc thẩm quyền',
    trigger: 'ngày nhận được tố cáo',
    days: 5,
    unit: 'working',
    effectiveFrom: LAW_DENUNCIATIONS,
    citation: 'Điều 24 Luật Tố cáo 2018',
    verified: true,
  }),
  row({
    key: 'denunciation.notify',
    label: 'Hạn thông báo thụ lý tố cáo',
    trigger: 'ngày ra quyết định thụ lý',
    days: 5,
    unit: 'working',
    effectiveFrom: LAW_DENUNCIATIONS,
    citation: 'Điều 29 Luật Tố cáo 2018',
    verified: true,
  }),
  row({
    key: 'denunciation.resolve',
    label: 'Hạn giải quyết tố cáo',
    trigger: 'ngày thụ lý',
    days: 30,
    unit: 'calendar',
    extension: { maxCount: 2, maxDays: 30, complexMaxCount: 1 },
    effectiveFrom: LAW_DENUNCIATIONS,
    citation: 'Điều 30 Luật Tố cáo 2018; Điều 3 Nghị định 31/2019/NĐ-CP',
    verified: true,
  }),
  row({
    key: 'denunciation.send-conclusion',
    label: 'Hạn gửi kết luận nội dung tố cáo',
    trigger: 'ngày ban hành kết luận',
    days: 5,
    unit: 'working',
    effectiveFrom: LAW_DENUNCIATIONS,
    citation: 'Khoản 3 Điều 35 Luật Tố cáo 2018',
    verified: true,
  }),
  row({
    key: 'denunciation.publish',
    label: 'Hạn công khai kết luận nội dung tố cáo',
    trigger: 'ngày ban hành kết luận',
    days: 7,
    unit: 'working',
    effectiveFrom: LAW_DENUNCIATIONS,
    citation: 'Khoản 1 Điều 40 Luật Tố cáo 2018',
    verified: true,
  }),
  row({
    key: 'denunciation.send-decision',
    label: 'Hạn gửi quyết định tạm đình chỉ, đình chỉ giải quyết tố cáo',
    trigger: 'ngày ban hành quyết định',
    days: 5,
    unit: 'working',
    effectiveFrom: LAW_DENUNCIATIONS,
    citation: 'Khoản 4 Điều 34 Luật Tố cáo 2018',
    verified: true,
  }),
  // The resumption decision (Art. 34(2)) is issued "at once"; the 5 working days of Art. 34(4) are read for the
  // suspension and termination decisions. Sending the resumption within the same 5 working days is the issue's
  // reading, not found in the text at hand: recalled ([R], verified: false) until an administrator confirms it.
  row({
    key: 'denunciation.send-resumption',
    label: 'Hạn gửi quyết định tiếp tục giải quyết tố cáo',
    trigger: 'ngày ban hành quyết định',
    days: 5,
    unit: 'working',
    effectiveFrom: LAW_DENUNCIATIONS,
    citation: 'Khoản 2, 4 Điều 34 Luật Tố cáo 2018',
    verified: false,
  }),
  row({
    key: 'denunciation.re-examine',
    label: 'Hạn xem xét tố cáo tiếp của người giải quyết tố cáo cấp trên',
    trigger: 'ngày nhận được tố cáo tiếp',
    days: 20,
    unit: 'calendar',
    effectiveFrom: LAW_DENUNCIATIONS,
    citation: 'Điều 37, 38 Luật Tố cáo 2018',
    verified: true,
  }),
  row({
    key: 'feedback.forward',
    label: 'Hạn chuyển phản ánh, kiến nghị không thuộc thẩm quyền',
    trigger: 'ngày nhận được phản ánh, kiến nghị',
    days: 5,
    unit: 'working',
    effectiveFrom: '2008-03-15',
    citation: 'Điều 9 Nghị định 20/2008/NĐ-CP',
    verified: true,
  }),
  // ── Grassroots democracy (issue 17; ../shared/PARTICIPATION.md part (c), all [V]) ──
  row({
    key: 'grassroots.send-decision',
    label: 'Hạn gửi văn bản quyết định của cộng đồng dân cư đến UBND xã và Ủy ban MTTQ xã',
    trigger: 'ngày kết thúc hội nghị hoặc kết thúc phát phiếu, biểu quyết trực tuyến',
    days: 5,
    unit: 'working',
    effectiveFrom: LAW_GRASSROOTS,
    citation: 'Khoản 3 Điều 20 Luật 10/2022/QH15; Điều 3, 4, 5 Nghị định 59/2023/NĐ-CP',
    verified: true,
  }),
  row({
    key: 'grassroots.recognize',
    label: 'Hạn UBND xã công nhận (hoặc từ chối có lý do) quyết định của cộng đồng dân cư',
    trigger: 'ngày nhận được văn bản quyết định',
    days: 5,
    unit: 'working',
    effectiveFrom: LAW_GRASSROOTS,
    citation: 'Khoản 2 Điều 21 Luật 10/2022/QH15',
    verified: true,
  }),
  row({
    key: 'grassroots.recognize-mttq',
    label: 'Hạn Ủy ban MTTQ xã công nhận kết quả bầu, cho thôi làm thành viên Ban Thanh tra nhân dân, Ban Giám sát đầu tư của cộng đồng',
    trigger: 'ngày nhận được văn bản quyết định',
    days: 5,
    unit: 'working',
    effectiveFrom: LAW_GRASSROOTS,
    citation: 'Khoản 2 Điều 21 Luật 10/2022/QH15',
    verified: true,
  }),
  row({
    key: 'grassroots.board-answer',
    label: 'Hạn UBND xã trả lời kiến nghị của Ban Thanh tra nhân dân, Ban Giám sát đầu tư của cộng đồng',
    trigger: 'ngày nhận được kiến nghị',
    days: 15,
    unit: 'calendar',
    effectiveFrom: LAW_GRASSROOTS,
    citation: 'Điều 39, 45 Luật 10/2022/QH15; Điều 14, 17 Nghị định 59/2023/NĐ-CP',
    verified: true,
  }),
  row({
    key: 'grassroots.initiative-validity',
    label: 'Thời hạn giá trị của ý kiến đồng thuận với sáng kiến của công dân',
    trigger: 'ngày hộ gia đình ký đồng thuận',
    days: 3,
    unit: 'month',
    effectiveFrom: LAW_GRASSROOTS,
    citation: 'Khoản 3 Điều 16 Luật 10/2022/QH15',
    verified: true,
  }),
  row({
    key: 'grassroots.reelection',
    label: 'Hạn tổ chức bầu Trưởng thôn, Tổ trưởng tổ dân phố mới sau khi cho thôi làm',
    trigger: 'ngày công nhận kết quả cho thôi làm',
    days: 60,
    unit: 'calendar',
    effectiveFrom: DECREE_59,
    citation: 'Điều 9 Nghị định 59/2023/NĐ-CP',
    verified: true,
  }),
  row({
    key: 'grassroots.publish',
    label: 'Hạn công khai thông tin thuộc diện phải công khai ở xã',
    trigger: 'ngày ban hành văn bản',
    days: 5,
    unit: 'working',
    effectiveFrom: LAW_GRASSROOTS,
    citation: 'Điều 11–14 Luật 10/2022/QH15',
    verified: true,
  }),
];

function inForce(rule: ClockRule, day: number): boolean {
  return dayNumber(rule.effectiveFrom) <= day && (rule.effectiveTo === null || day < dayNumber(rule.effectiveTo));
}

/** The version of `key` in force on `onDate` (the day the case's clock started). */
export function findRule(rules: readonly ClockRule[], key: string, onDate: string): ClockRule {
  const day = dayNumber(onDate);
  const versions = rules.filter((r) => r.key === key);
  if (versions.length === 0) {
    const known = [...new Set(rules.map((r) => r.key))].join(', ');
    throw new ClockError('UNKNOWN_RULE', `Không có quy tắc thời hạn "${key}". Các quy tắc hợp lệ: ${known}.`);
  }
  const found = versions.find((r) => inForce(r, day));
  if (!found) {
    const periods = versions.map((r) => `${r.version} (${r.effectiveFrom} → ${r.effectiveTo ?? 'nay'})`).join(', ');
    throw new ClockError('UNKNOWN_RULE', `Quy tắc "${key}" không có phiên bản hiệu lực ngày ${onDate}. Các phiên bản: ${periods}.`);
  }
  return found;
}

/**
 * Problems in an edited rule table (empty = fine): bad dates, inverted or overlapping periods,
 * non-positive lengths, a version id that does not match key@effectiveFrom. Admin screens call it
 * before saving.
 */
export function checkRuleTable(rules: readonly ClockRule[]): string[] {
  const problems: string[] = [];
  for (const r of rules) {
    try {
      dayNumber(r.effectiveFrom);
      if (r.effectiveTo !== null && dayNumber(r.effectiveTo) <= dayNumber(r.effectiveFrom)) {
        problems.push(`${r.version}: effectiveTo must be after effectiveFrom`);
      }
    } catch {
      problems.push(`${r.version}: invalid effective date`);
    }
    if (r.version !== `${r.key}@${r.effectiveFrom}`) problems.push(`${r.version}: version must be ${r.key}@${r.effectiveFrom}`);
    const lengths = [r.days, ...Object.values(r.variants)];
    if (r.extension) lengths.push(r.extension.maxDays, r.extension.maxCount);
    if (lengths.some((n) => !Number.isInteger(n) || n <= 0)) problems.push(`${r.version}: lengths must be positive integers`);
  }
  const byKey = new Map<string, ClockRule[]>();
  for (const r of rules) byKey.set(r.key, [...(byKey.get(r.key) ?? []), r]);
  for (const [key, versions] of byKey) {
    const sorted = [...versions].sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom));
    for (let i = 1; i < sorted.length; i++) {
      const prev = sorted[i - 1];
      const cur = sorted[i];
      if (prev && cur && (prev.effectiveTo === null || prev.effectiveTo > cur.effectiveFrom)) {
        problems.push(`${key}: ${prev.version} overlaps ${cur.version}`);
      }
    }
  }
  return problems;
}
