/**
 * The Vietnamese working calendar for state agencies (weekly days off: Saturday and Sunday).
 *
 * Public holidays (Bộ luật Lao động 2019 Art. 112) are generated as a DEFAULT only: the Prime
 * Minister fixes the exact Tết days and the ministry announces swaps and substitutes every year, so
 * an admin stores those as override entries that replace the generated ones for the same date.
 */
import { getSolarDate } from '@dqcai/vn-lunar';
import { ClockError } from './errors.ts';
import { addDays, dayNumber, isoDate, weekday, weekdayNameVi } from './dates.ts';

/**
 * - holiday: public holiday (ngày nghỉ lễ, tết)
 * - day-off: other official day off (substitute day nghỉ bù, swapped day off)
 * - workday: a Saturday/Sunday that is worked (ngày làm bù)
 * - normal: explicit override back to an ordinary day (Mon–Fri working, Sat/Sun off)
 */
export type DayKind = 'holiday' | 'day-off' | 'workday' | 'normal';

export interface CalendarEntry {
  readonly date: string;
  readonly kind: DayKind;
  readonly name: string;
}

export interface DayInfo {
  readonly date: string;
  readonly kind: DayKind;
  /** Entry name, or the Vietnamese weekday name ("Chủ nhật") for a day with no entry. */
  readonly name: string;
  readonly working: boolean;
  readonly weekend: boolean;
}

export const HOLIDAY_NAMES = {
  newYear: 'Tết Dương lịch',
  tet: 'Tết Nguyên đán',
  hungKings: 'Giỗ Tổ Hùng Vương',
  victory: 'Chiến thắng 30/4',
  labour: 'Quốc tế Lao động 1/5',
  national: 'Quốc khánh',
} as const;

export const DEFAULT_CALENDAR_YEARS = { fromYear: 2020, toYear: 2040 } as const;

/**
 * Solar date of a lunar date, Vietnamese calendar (UTC+7 — differs from the Chinese one in some
 * years, e.g. Tết 2030 is 02/02 in Vietnam, 03/02 in China).
 */
export function lunarToSolar(day: number, month: number, lunarYear: number, leap = false): string {
  const s = getSolarDate(day, month, lunarYear, leap);
  if (!s.year) throw new ClockError('INVALID_DATE', `Không đổi được ngày âm lịch ${day}/${month}/${lunarYear}.`);
  return isoDate(s.year, s.month, s.day);
}

/** Solar date of mùng 1 Tết (1/1 lunar) of the lunar year that starts in solar `year`. */
export function lunarNewYear(year: number): string {
  return lunarToSolar(1, 1, year);
}

function isWeekend(iso: string): boolean {
  const w = weekday(iso);
  return w === 0 || w === 6;
}

/**
 * The day next to 2/9 (Quốc khánh is "2/9 and one adjacent day before or after", announced yearly).
 * Default: 1/9 when 2/9 is a Tuesday, Friday or Saturday, otherwise 3/9 — the neighbour that joins
 * the break to a weekend, which is what the announcements 2021–2025 did (3/9/2021, 1/9/2022,
 * 1/9/2023, 3/9/2024, 1/9/2025). Before 2021 (BLLĐ 2012) Quốc khánh was one day.
 */
export function nationalDayAdjacent(year: number): string | null {
  if (year < 2021) return null;
  const w = weekday(isoDate(year, 9, 2));
  return w === 2 || w === 5 || w === 6 ? isoDate(year, 9, 1) : isoDate(year, 9, 3);
}

function holidaysOf(year: number): CalendarEntry[] {
  const h = (date: string, name: string): CalendarEntry => ({ date, kind: 'holiday', name });
  // Tết: last day of the old lunar year + mùng 1–4 (BLLĐ 2019 Art. 112(1)(b) default shape).
  const tet = lunarNewYear(year);
  const list: CalendarEntry[] = [h(isoDate(year, 1, 1), HOLIDAY_NAMES.newYear)];
  for (let i = -1; i <= 3; i++) list.push(h(addDays(tet, i), HOLIDAY_NAMES.tet));
  list.push(h(lunarToSolar(10, 3, year), HOLIDAY_NAMES.hungKings));
  list.push(h(isoDate(year, 4, 30), HOLIDAY_NAMES.victory));
  list.push(h(isoDate(year, 5, 1), HOLIDAY_NAMES.labour));
  list.push(h(isoDate(year, 9, 2), HOLIDAY_NAMES.national));
  const adjacent = nationalDayAdjacent(year);
  if (adjacent) list.push(h(adjacent, HOLIDAY_NAMES.national));
  return list;
}

/**
 * Default holiday entries for the solar years fromYear..toYear: the Art. 112 holidays plus, for
 * each holiday on a Saturday or Sunday, a substitute 'day-off' on the next working day after it
 * (BLLĐ 2019 Art. 111(3)), skipping other holidays and substitutes already placed.
 */
export function generateDefaultCalendar(fromYear: number, toYear: number): CalendarEntry[] {
  const holidays: CalendarEntry[] = [];
  for (let y = fromYear; y <= toYear; y++) holidays.push(...holidaysOf(y));
  holidays.sort((a, b) => a.date.localeCompare(b.date));
  const taken = new Set(holidays.map((e) => e.date));
  const substitutes: CalendarEntry[] = [];
  for (const e of holidays) {
    if (!isWeekend(e.date)) continue;
    let d = addDays(e.date, 1);
    while (isWeekend(d) || taken.has(d)) d = addDays(d, 1);
    taken.add(d);
    substitutes.push({ date: d, kind: 'day-off', name: `Nghỉ bù ${e.name}` });
  }
  return [...holidays, ...substitutes].sort((a, b) => a.date.localeCompare(b.date));
}

export interface CalendarRange {
  readonly fromYear: number;
  readonly toYear: number;
}

export class WorkCalendar {
  readonly #byDate = new Map<string, CalendarEntry>();
  readonly range: CalendarRange | null;

  /**
   * Later entries replace earlier ones for the same date, so pass defaults first, then overrides.
   * With a `range`, asking about a date outside it throws INVALID_DATE instead of silently treating
   * an unknown year as having no holidays.
   */
  constructor(entries: readonly CalendarEntry[], range: CalendarRange | null = null) {
    for (const e of entries) {
      dayNumber(e.date);
      this.#byDate.set(e.date, e);
    }
    this.range = range;
  }

  dayInfo(date: string): DayInfo {
    dayNumber(date);
    const year = Number(date.slice(0, 4));
    if (this.range && (year < this.range.fromYear || year > this.range.toYear)) {
      throw new ClockError(
        'INVALID_DATE',
        `Ngày ${date} nằm ngoài lịch ngày nghỉ (${this.range.fromYear}–${this.range.toYear}).`,
      );
    }
    const weekend = isWeekend(date);
    const entry = this.#byDate.get(date);
    if (!entry) return { date, kind: 'normal', name: weekdayNameVi(date), working: !weekend, weekend };
    const working = entry.kind === 'workday' || (entry.kind === 'normal' && !weekend);
    const name = entry.kind === 'normal' && !entry.name ? weekdayNameVi(date) : entry.name;
    return { date, kind: entry.kind, name, working, weekend };
  }

  isWorkingDay(date: string): boolean {
    return this.dayInfo(date).working;
  }

  /** The first working day strictly after `date`. */
  nextWorkingDay(date: string): string {
    let d = addDays(date, 1);
    while (!this.isWorkingDay(d)) d = addDays(d, 1);
    return d;
  }

  /** All entries in date order (for the admin screen). */
  entries(): CalendarEntry[] {
    return [...this.#byDate.values()].sort((a, b) => a.date.localeCompare(b.date));
  }
}

/** The generated 2020–2040 calendar with an admin's overrides applied on top. */
export function defaultWorkCalendar(overrides: readonly CalendarEntry[] = []): WorkCalendar {
  const { fromYear, toYear } = DEFAULT_CALENDAR_YEARS;
  return new WorkCalendar([...generateDefaultCalendar(fromYear, toYear), ...overrides], { fromYear, toYear });
}
