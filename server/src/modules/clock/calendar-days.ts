/**
 * Reads of the working calendar shared by the calendar use cases: one day as the API shows it (with where it
 * comes from), the non-ordinary days of a year, and the check of a date an admin may edit.
 */
import { and, gte, lte } from 'drizzle-orm';
import { DEFAULT_CALENDAR_YEARS, type DayKind, type WorkCalendar } from '@danvan/domain/clock/index';
import { isRealIsoDate } from '@danvan/domain/text';
import type { DbOrTx } from '../../db/client.ts';
import { calendarDays } from '../../db/schema.ts';
import type { FieldIssue } from '../../plugins/errors.ts';
import { calendarWith, defaultEntries } from './deadlines.ts';

export interface CalendarDayView {
  date: string;
  kind: DayKind;
  name: string;
  working: boolean;
  weekend: boolean;
  /** default = generated from BLLĐ 2019 Art. 112 and the lunar calendar; override = set by an admin. */
  source: 'default' | 'override';
  /** For an override: the generated entry it replaces (null = an ordinary day). */
  replaces: { kind: DayKind; name: string } | null;
}

export function dayView(calendar: WorkCalendar, date: string, overridden: boolean): CalendarDayView {
  const info = calendar.dayInfo(date);
  const fallback = defaultEntries().get(date);
  return {
    date,
    kind: info.kind,
    name: info.name,
    working: info.working,
    weekend: info.weekend,
    source: overridden ? 'override' : 'default',
    replaces: overridden && fallback ? { kind: fallback.kind, name: fallback.name } : null,
  };
}

/** Every non-ordinary day of `year`: the generated holidays and substitutes, and every admin override. */
export async function listCalendarDays(db: DbOrTx, year: number): Promise<CalendarDayView[]> {
  const first = `${year}-01-01`;
  const last = `${year}-12-31`;
  const rows = await db.select().from(calendarDays).where(and(gte(calendarDays.date, first), lte(calendarDays.date, last)));
  const calendar = calendarWith(rows.map((r) => ({ date: r.date, kind: r.kind as DayKind, name: r.name })));
  const overridden = new Set(rows.map((r) => r.date));
  const dates = new Set([...defaultEntries().keys()].filter((d) => d >= first && d <= last));
  for (const d of overridden) dates.add(d);
  return [...dates].sort().map((d) => dayView(calendar, d, overridden.has(d)));
}

/** A date an admin may edit: a real YYYY-MM-DD inside the generated calendar's years. */
export function checkCalendarDate(field: string, date: string): FieldIssue | null {
  const { fromYear, toYear } = DEFAULT_CALENDAR_YEARS;
  const year = Number(date.slice(0, 4));
  if (!isRealIsoDate(date) || year < fromYear || year > toYear) return { field, key: 'field.calendarYear', params: { fromYear, toYear } };
  return null;
}

const KIND_WORDS: Record<DayKind, string> = {
  holiday: 'ngày nghỉ lễ',
  'day-off': 'ngày nghỉ',
  workday: 'ngày làm bù',
  normal: 'ngày thường',
};

/** "ngày nghỉ lễ «Tết Nguyên đán»", "ngày thường" — for audit summaries. */
export function describeDay(day: { kind: DayKind; name: string }): string {
  if (day.kind === 'normal') return day.name ? `${KIND_WORDS.normal} (${day.name})` : KIND_WORDS.normal;
  return `${KIND_WORDS[day.kind]} «${day.name}»`;
}
