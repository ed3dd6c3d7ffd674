import { apiFetch, withQuery } from '../../http.ts';
import type { Ok } from '../../api/types.ts';
import type { DayKind } from '@danvan/domain/clock/calendar';

export type { DayKind };
export const DAY_KINDS: readonly DayKind[] = ['holiday', 'day-off', 'workday', 'normal'];

export interface CalendarDay {
  date: string;
  kind: DayKind;
  name: string;
  working: boolean;
  weekend: boolean;
  source: 'default' | 'override';
  /** For an override: the default it replaces. */
  replaces: { kind: DayKind; name: string } | null;
}

export interface CalendarYear {
  year: number;
  days: CalendarDay[];
}

/** A case whose stored deadline moved because of a calendar edit. */
export interface ChangedCase {
  id: string;
  code: string;
  before: string;
  after: string;
}

export interface CalendarEdit {
  day: CalendarDay;
  changedCases: ChangedCase[];
}

export function calendarPath(year: number): string {
  return withQuery('/calendar/days', { year });
}

export function setCalendarDay(date: string, body: { kind: DayKind; name?: string }): Promise<CalendarEdit> {
  return apiFetch<CalendarEdit>('PUT', `/calendar/days/${encodeURIComponent(date)}`, { body: { date, ...body } });
}

export function resetCalendarDay(date: string): Promise<CalendarEdit> {
  return apiFetch<CalendarEdit>('DELETE', `/calendar/days/${encodeURIComponent(date)}`);
}

export interface DeadlineQuery {
  rule: string;
  from: string;
  complex?: boolean;
  especiallyComplex?: boolean;
  remote?: boolean;
  severalSites?: boolean;
  extensions?: number;
  suspendedDays?: number;
}

/** computeDeadline's answer, from the server's schema; the day kinds narrowed to the domain's. */
export type ComputedDeadline = Omit<Ok<'computeDeadline'>, 'skipped'> & { skipped: (Ok<'computeDeadline'>['skipped'][number] & { kind: DayKind })[] };

export function computeDeadline(q: DeadlineQuery): Promise<ComputedDeadline> {
  const flag = (b: boolean | undefined) => (b ? 'true' : undefined);
  return apiFetch<ComputedDeadline>(
    'GET',
    withQuery('/clock/deadline', {
      rule: q.rule,
      from: q.from,
      complex: flag(q.complex),
      especiallyComplex: flag(q.especiallyComplex),
      remote: flag(q.remote),
      severalSites: flag(q.severalSites),
      extensions: q.extensions || undefined,
      suspendedDays: q.suspendedDays || undefined,
    }),
  );
}
