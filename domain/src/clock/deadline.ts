/**
 * Deadline arithmetic per BLDS 2015 Art. 147–148 (LEGAL.md "Counting time"):
 *  - the day of the triggering event is not counted; counting starts the next day;
 *  - "N ngày" = calendar days; if the last day is not a working day the deadline moves to the next
 *    working day (a swapped Saturday that is worked — 'workday' — is a working day, so no move);
 *  - "N ngày làm việc" = working days: weekends, holidays and days off are skipped, swapped
 *    working days count;
 *  - "N tháng" ends on the same date of the last month, or that month's last day; then the same
 *    roll-over as calendar days.
 * The deadline is the end of the `due` day (23:59:59 Asia/Ho_Chi_Minh); this module only deals in
 * calendar dates.
 *
 * Extensions (gia hạn): the extended period is one period of base + extension lengths counted from
 * the trigger date, and the roll-over applies only to its final day — an intermediate end falling on
 * a Sunday does not shift where the extension starts.
 *
 * Suspension (tạm đình chỉ — Luật Khiếu nại Art. 11a, Luật Tố cáo Art. 34: the suspended time is not
 * counted): `suspendedDays` is the number of days excluded from the period, in the rule's unit, and
 * is added to its length. For the rules the law actually suspends (complaint.first/second,
 * denunciation.resolve — all calendar-day rules) that is exactly the number of calendar days the
 * clock stood still, and the result does not depend on when in the period the suspension happened.
 * For a working-day rule pass the number of working days lost; for a month rule the days are
 * calendar days added after the month end.
 */
import { formatIsoDateVi } from '../text.ts';
import { ClockError } from './errors.ts';
import { addDays, addMonths, dayNumber, diffDays } from './dates.ts';
import type { DayInfo, WorkCalendar } from './calendar.ts';
import { DEFAULT_RULES, findRule } from './rules.ts';
import type { ClockRule, RuleUnit } from './rules.ts';

export type DeadlineVariant = 'normal' | 'complex' | 'remote' | 'remoteComplex' | 'severalSites';

export interface DeadlineInput {
  /** A rule key (looked up in `rules` for the version in force on `from`) or a rule row. */
  readonly rule: string | ClockRule;
  /** Day of the triggering event, YYYY-MM-DD (not counted). */
  readonly from: string;
  readonly calendar: WorkCalendar;
  /** Rule table to search when `rule` is a key; defaults to DEFAULT_RULES. */
  readonly rules?: readonly ClockRule[];
  readonly complex?: boolean;
  /** Implies complex. */
  readonly especiallyComplex?: boolean;
  readonly remote?: boolean;
  readonly severalSites?: boolean;
  /** Number of extension decisions, each of the rule's full maximum length. */
  readonly extensions?: number;
  /** Length of each extension decision (in the rule's unit); overrides the full-length default. */
  readonly extensionDays?: readonly number[];
  /** Days excluded by suspension, in the rule's unit (calendar days for calendar/month rules). */
  readonly suspendedDays?: number;
}

export interface SkippedDay {
  readonly date: string;
  /** "Chủ nhật", "Tết Nguyên đán", "Nghỉ bù Giỗ Tổ Hùng Vương", … */
  readonly reason: string;
  readonly kind: DayInfo['kind'];
}

export interface RollOver {
  /** The nominal last day of the period. */
  readonly from: string;
  /** The working day the deadline moved to (= due). */
  readonly to: string;
  readonly reason: string;
}

export interface Deadline {
  readonly rule: string;
  readonly version: string;
  readonly from: string;
  readonly due: string;
  readonly unit: RuleUnit;
  /** Period length for the applicable variant, before extensions and suspension. */
  readonly days: number;
  readonly variant: DeadlineVariant;
  /** Total added by extensions, and the lengths of each. */
  readonly extensionDays: number;
  readonly extensions: readonly number[];
  readonly suspendedDays: number;
  readonly citation: string;
  readonly verified: boolean;
  /** Working-day rules: every non-working day passed over while counting. All rules: roll-over days. */
  readonly skipped: readonly SkippedDay[];
  /** Swapped working days (ngày làm bù) that were counted. */
  readonly countedSwapDays: readonly string[];
  readonly rolledOver: RollOver | null;
  readonly explanation: string;
}

function pickVariant(rule: ClockRule, input: DeadlineInput): { variant: DeadlineVariant; days: number } {
  const v = rule.variants;
  const complex = Boolean(input.complex || input.especiallyComplex);
  const remote = Boolean(input.remote);
  if (complex && remote && v.remoteComplex !== undefined) return { variant: 'remoteComplex', days: v.remoteComplex };
  const candidates: { variant: DeadlineVariant; days: number }[] = [{ variant: 'normal', days: rule.days }];
  if (complex && v.complex !== undefined) candidates.push({ variant: 'complex', days: v.complex });
  if (remote && v.remote !== undefined) candidates.push({ variant: 'remote', days: v.remote });
  if (input.severalSites && v.severalSites !== undefined) candidates.push({ variant: 'severalSites', days: v.severalSites });
  return candidates.reduce((best, c) => (c.days > best.days ? c : best));
}

function nonNegativeInteger(value: number | undefined, what: string): number {
  if (value === undefined) return 0;
  if (!Number.isInteger(value) || value < 0) throw new ClockError('INVALID_INPUT', `${what} phải là số nguyên không âm (nhận ${value}).`);
  return value;
}

function resolveExtensions(rule: ClockRule, input: DeadlineInput): number[] {
  const count = nonNegativeInteger(input.extensions, 'Số lần gia hạn');
  if (input.extensionDays && input.extensions !== undefined && input.extensionDays.length !== count) {
    throw new ClockError('EXTENSION_LIMIT', `Số lần gia hạn (${count}) khác số độ dài gia hạn (${input.extensionDays.length}).`);
  }
  const wanted = input.extensionDays?.length ?? count;
  if (wanted === 0) return [];
  const limit = rule.extension;
  if (!limit) throw new ClockError('EXTENSION_LIMIT', `${rule.label} không được gia hạn (${rule.citation}).`);
  const especially = Boolean(input.especiallyComplex);
  const complex = especially || Boolean(input.complex);
  const allowed =
    limit.complexMaxCount === undefined ? limit.maxCount : especially ? limit.maxCount : complex ? limit.complexMaxCount : 0;
  if (wanted > allowed) {
    const kind = especially ? 'vụ việc đặc biệt phức tạp' : complex ? 'vụ việc phức tạp' : 'vụ việc không phức tạp';
    throw new ClockError(
      'EXTENSION_LIMIT',
      `${rule.label}: ${kind} được gia hạn tối đa ${allowed} lần, yêu cầu ${wanted} lần (${rule.citation}).`,
    );
  }
  const lengths = input.extensionDays ? [...input.extensionDays] : Array.from({ length: wanted }, () => limit.maxDays);
  for (const n of lengths) {
    if (!Number.isInteger(n) || n <= 0 || n > limit.maxDays) {
      throw new ClockError(
        'EXTENSION_LIMIT',
        `${rule.label}: mỗi lần gia hạn từ 1 đến ${limit.maxDays} ${unitWord(rule.unit)}, yêu cầu ${n} (${rule.citation}).`,
      );
    }
  }
  return lengths;
}

function unitWord(unit: RuleUnit): string {
  return unit === 'working' ? 'ngày làm việc' : unit === 'month' ? 'tháng' : 'ngày';
}

const VARIANT_TEXT: Record<DeadlineVariant, string> = {
  normal: '',
  complex: 'vụ việc phức tạp',
  remote: 'vùng sâu, vùng xa đi lại khó khăn',
  remoteComplex: 'vụ việc phức tạp ở vùng sâu, vùng xa',
  severalSites: 'xác minh ở nhiều địa điểm',
};

/** "nghỉ Tết Nguyên đán", "nghỉ bù Giỗ Tổ Hùng Vương" — a day-off name read inside a sentence. */
function offPhrase(name: string): string {
  return /^nghỉ\s/i.test(name) ? `n${name.slice(1)}` : `nghỉ ${name}`;
}

function isPlainWeekend(info: DayInfo): boolean {
  return info.kind === 'normal' && info.weekend;
}

function skippedOf(info: DayInfo): SkippedDay {
  return { date: info.date, reason: info.name, kind: info.kind };
}

/** "5 ngày nghỉ Tết Nguyên đán, 2 ngày nghỉ bù Tết Nguyên đán, 4 ngày cuối tuần", in order of first appearance. */
function describeSkipped(days: readonly SkippedDay[]): string {
  const groups = new Map<string, number>();
  for (const d of days) {
    const label = d.kind === 'normal' ? 'cuối tuần' : offPhrase(d.reason);
    groups.set(label, (groups.get(label) ?? 0) + 1);
  }
  return [...groups].map(([label, n]) => `${n} ngày ${label}`).join(', ');
}

export function computeDeadline(input: DeadlineInput): Deadline {
  const { calendar } = input;
  dayNumber(input.from);
  const rule = typeof input.rule === 'string' ? findRule(input.rules ?? DEFAULT_RULES, input.rule, input.from) : input.rule;
  const { variant, days } = pickVariant(rule, input);
  const extensions = resolveExtensions(rule, input);
  const extensionTotal = extensions.reduce((a, b) => a + b, 0);
  const suspended = nonNegativeInteger(input.suspendedDays, 'Số ngày tạm đình chỉ');

  const skipped: SkippedDay[] = [];
  const countedSwapDays: string[] = [];
  let lastDay: string;
  if (rule.unit === 'working') {
    let remaining = days + extensionTotal + suspended;
    let d = input.from;
    while (remaining > 0) {
      d = addDays(d, 1);
      const info = calendar.dayInfo(d);
      if (!info.working) skipped.push(skippedOf(info));
      else {
        remaining--;
        if (info.weekend) countedSwapDays.push(d);
      }
    }
    lastDay = d;
  } else if (rule.unit === 'month') {
    lastDay = addDays(addMonths(input.from, days + extensionTotal), suspended);
  } else {
    lastDay = addDays(input.from, days + extensionTotal + suspended);
  }

  let due = lastDay;
  let rolledOver: RollOver | null = null;
  const lastInfo = calendar.dayInfo(lastDay);
  if (!lastInfo.working) {
    while (!calendar.isWorkingDay(due)) {
      skipped.push(skippedOf(calendar.dayInfo(due)));
      due = addDays(due, 1);
    }
    const reason = isPlainWeekend(lastInfo) ? lastInfo.name : `ngày ${offPhrase(lastInfo.name)}`;
    rolledOver = { from: lastDay, to: due, reason };
  }

  const parts: string[] = [];
  const variantText = VARIANT_TEXT[variant];
  parts.push(
    `${rule.label}: ${days} ${unitWord(rule.unit)}${variantText ? ` (${variantText})` : ''} kể từ ${rule.trigger} ${formatIsoDateVi(input.from)} (${rule.citation})`,
  );
  if (extensions.length === 1) parts.push(`gia hạn 1 lần ${extensions[0]} ${unitWord(rule.unit)}`);
  if (extensions.length > 1) parts.push(`gia hạn ${extensions.length} lần (${extensions.join(' + ')} ${unitWord(rule.unit)})`);
  if (suspended > 0) {
    parts.push(`cộng thêm ${suspended} ${rule.unit === 'working' ? 'ngày làm việc' : 'ngày'} tạm đình chỉ`);
  }
  if (rule.unit === 'working') {
    if (skipped.length > 0) parts.push(`không tính ${describeSkipped(skipped)}`);
    if (countedSwapDays.length > 0) {
      parts.push(`tính cả ngày làm bù ${countedSwapDays.map(formatIsoDateVi).join(', ')}`);
    }
    parts.push(`hạn là ${formatIsoDateVi(due)}.`);
  } else if (rolledOver) {
    parts.push(`ngày cuối ${formatIsoDateVi(lastDay)} là ${rolledOver.reason} nên hạn là ${formatIsoDateVi(due)}.`);
  } else {
    parts.push(`hạn là ${formatIsoDateVi(due)}.`);
  }

  return {
    rule: rule.key,
    version: rule.version,
    from: input.from,
    due,
    unit: rule.unit,
    days,
    variant,
    extensionDays: extensionTotal,
    extensions,
    suspendedDays: suspended,
    citation: rule.citation,
    verified: rule.verified,
    skipped,
    countedSwapDays,
    rolledOver,
    explanation: parts.join('; '),
  };
}

/** Calendar days from `today` to `due` (negative once overdue). */
export function daysUntil(due: string, today: string): number {
  return diffDays(today, due);
}

/** Working days in (today, due] — 0 on the due day; negative (working days past due) once overdue. */
export function workingDaysUntil(due: string, today: string, calendar: WorkCalendar): number {
  const sign = dayNumber(due) >= dayNumber(today) ? 1 : -1;
  const [a, b] = sign > 0 ? [today, due] : [due, today];
  let n = 0;
  for (let d = addDays(a, 1); dayNumber(d) <= dayNumber(b); d = addDays(d, 1)) if (calendar.isWorkingDay(d)) n++;
  return sign * n;
}

export type TrafficLight = 'on-time' | 'due-soon' | 'overdue';

/** 'overdue' after the due day; 'due-soon' when at most `soonWithin` working days remain (default 3). */
export function trafficLight(due: string, today: string, calendar: WorkCalendar, soonWithin = 3): TrafficLight {
  if (dayNumber(today) > dayNumber(due)) return 'overdue';
  return workingDaysUntil(due, today, calendar) <= soonWithin ? 'due-soon' : 'on-time';
}
