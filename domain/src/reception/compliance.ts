/**
 * The head's periodic reception days (tiếp công dân định kỳ của người đứng đầu) and how compliance is counted.
 *
 * Minimum frequency (LEGAL.md Reception, [V]):
 *  - Chairman of a commune People's Committee: at least 1 day per week (Luật TCD 2013 Art. 15);
 *  - Chairman of a province People's Committee: at least 1 day per month (Art. 12);
 *  - Head of any other administrative agency (ministries, departments): at least 1 day per month (Art. 18;
 *    ND 154/2026 Art. 10).
 * The national root (Chính phủ) has no fixed minimum in LEGAL.md, so it gets no requirement here.
 *
 * Counting rule for a period [from, to] (our reading, written down so an auditor can check it):
 *  - weekly duty: one required day per ISO week (Monday–Sunday) that belongs to the period — a week belongs to
 *    the period whose dates contain its Thursday (the rule ISO 8601 uses to assign weeks to years) — and that
 *    has at least one working day (a week entirely off for Tết requires nothing). August 2026 → 4 weeks;
 *  - monthly duty: one required day per calendar month whose 15th lies in the period, so a calendar quarter
 *    and the reports' 15th-to-14th cut-off periods (LEGAL.md Reports) both count each month exactly once;
 *  - a day is *held* when a head session on that date was closed by the clerk (cancelled or never-closed
 *    sessions do not count); several sessions on one date are one day;
 *  - a day is *in person* when the head held at least one session that day, *delegated* when only a deputy
 *    did. Luật 136/2025 (in force 1/7/2026) forbids delegating the head's reception [V press, text not seen]:
 *    delegated days on or after that date are recorded, flagged, and do NOT count toward the minimum; before
 *    it they count.
 */
import type { WorkCalendar } from '../clock/calendar.ts';
import { addDays, dayNumber, isoDate, weekday } from '../clock/dates.ts';

export type HeadDutyFrequency = 'weekly' | 'monthly';

export interface HeadDuty {
  frequency: HeadDutyFrequency;
  /** "1 ngày/tuần" */
  label: string;
  /** Who the duty falls on ("Chủ tịch Ủy ban nhân dân cấp xã"). */
  holder: string;
  citation: string;
}

const COMMUNE: HeadDuty = {
  frequency: 'weekly',
  label: 'ít nhất 1 ngày trong 1 tuần',
  holder: 'Chủ tịch Ủy ban nhân dân cấp xã',
  citation: 'Điều 15 Luật Tiếp công dân 2013',
};
const PROVINCE: HeadDuty = {
  frequency: 'monthly',
  label: 'ít nhất 1 ngày trong 1 tháng',
  holder: 'Chủ tịch Ủy ban nhân dân cấp tỉnh',
  citation: 'Điều 12 Luật Tiếp công dân 2013',
};
const AGENCY_HEAD: HeadDuty = {
  frequency: 'monthly',
  label: 'ít nhất 1 ngày trong 1 tháng',
  holder: 'Thủ trưởng cơ quan hành chính nhà nước',
  citation: 'Điều 18 Luật Tiếp công dân 2013; Điều 10 Nghị định 154/2026/NĐ-CP',
};

/** The duty of the head of an agency of this level (agencies.level), or null when the law sets no minimum. */
export function headDutyFor(level: string): HeadDuty | null {
  switch (level) {
    case 'commune':
      return COMMUNE;
    case 'province':
      return PROVINCE;
    case 'ministry':
    case 'department':
      return AGENCY_HEAD;
    default:
      return null;
  }
}

/** Luật 136/2025/QH15 forbids delegating the head's reception from its entry into force [V press, text not seen]. */
export const DELEGATION_BAN = {
  effectiveFrom: '2026-07-01',
  citation: 'Luật 136/2025/QH15 sửa đổi Luật Tiếp công dân (chưa đối chiếu văn bản)',
  verified: false,
} as const;

export function delegationCountsToward(date: string): boolean {
  return date < DELEGATION_BAN.effectiveFrom;
}

export interface DutyUnit {
  /** First and last day of the week or month. */
  start: string;
  end: string;
}

/** The weeks or months that each require one reception day in [from, to] (rule in the header comment). */
export function requiredUnits(frequency: HeadDutyFrequency, from: string, to: string, calendar: WorkCalendar): DutyUnit[] {
  const units: DutyUnit[] = [];
  if (dayNumber(from) > dayNumber(to)) return units;
  if (frequency === 'weekly') {
    // Monday of the week containing `from`; walk Thursdays.
    const monday = addDays(from, -((weekday(from) + 6) % 7));
    for (let start = monday; dayNumber(start) <= dayNumber(to); start = addDays(start, 7)) {
      const thursday = addDays(start, 3);
      if (dayNumber(thursday) < dayNumber(from) || dayNumber(thursday) > dayNumber(to)) continue;
      let working = false;
      for (let i = 0; i < 7 && !working; i++) working = calendar.isWorkingDay(addDays(start, i));
      if (working) units.push({ start, end: addDays(start, 6) });
    }
    return units;
  }
  let y = Number(from.slice(0, 4));
  let m = Number(from.slice(5, 7));
  for (;;) {
    const fifteenth = isoDate(y, m, 15);
    if (dayNumber(fifteenth) > dayNumber(to)) break;
    if (dayNumber(fifteenth) >= dayNumber(from)) units.push({ start: isoDate(y, m, 1), end: addDays(isoDate(m === 12 ? y + 1 : y, m === 12 ? 1 : m + 1, 1), -1) });
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
  return units;
}

export interface HeldDay {
  date: string;
  /** true when the head held at least one session that day in person. */
  inPerson: boolean;
}

export type ComplianceFlag = 'below-minimum' | 'delegated' | 'delegated-after-ban';

export interface ComplianceResult {
  required: number;
  heldDays: number;
  inPersonDays: number;
  delegatedDays: number;
  /** Days that satisfy the duty (in person, plus delegated days before the ban). */
  countedDays: number;
  /** Required weeks/months with no counted day. */
  missedUnits: DutyUnit[];
  flags: ComplianceFlag[];
}

/**
 * Compares the held days with the duty. `required` is the number of units; a unit is met by a counted day
 * inside it, and the row is flagged `below-minimum` when fewer counted days than required units were held.
 */
export function assessCompliance(duty: HeadDuty, from: string, to: string, days: readonly HeldDay[], calendar: WorkCalendar): ComplianceResult {
  const units = requiredUnits(duty.frequency, from, to, calendar);
  const inPeriod = days.filter((d) => d.date >= from && d.date <= to);
  const inPersonDays = inPeriod.filter((d) => d.inPerson).length;
  const delegated = inPeriod.filter((d) => !d.inPerson);
  const counted = inPeriod.filter((d) => d.inPerson || delegationCountsToward(d.date));
  const missedUnits = units.filter((u) => !counted.some((d) => d.date >= u.start && d.date <= u.end));
  const flags: ComplianceFlag[] = [];
  if (counted.length < units.length) flags.push('below-minimum');
  if (delegated.length) flags.push('delegated');
  if (delegated.some((d) => !delegationCountsToward(d.date))) flags.push('delegated-after-ban');
  return {
    required: units.length,
    heldDays: inPeriod.length,
    inPersonDays,
    delegatedDays: delegated.length,
    countedDays: counted.length,
    missedUnits,
    flags,
  };
}

export const COMPLIANCE_FLAG_LABELS: Record<ComplianceFlag, string> = {
  'below-minimum': 'Chưa đủ số ngày tiếp công dân định kỳ tối thiểu',
  delegated: 'Có buổi tiếp do cấp phó tiếp thay',
  'delegated-after-ban': 'Ủy quyền cấp phó tiếp thay sau ngày 01/07/2026 (Luật 136/2025/QH15 không cho phép)',
};
