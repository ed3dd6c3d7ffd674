/**
 * Server side of the legal clock: the generated holiday calendar (domain/clock) with the admin's overrides
 * from `calendar_days` on top. The calendar is cached per database handle and dropped whenever this process
 * edits a day; other processes pick up edits after CALENDAR_TTL_MS.
 */
import { computeDeadline, defaultWorkCalendar, type CalendarEntry, type Deadline, type DayKind, type WorkCalendar } from '@danvan/domain/clock/index';
import type { DbOrTx } from '../../db/client.ts';
import { calendarDays } from '../../db/schema.ts';

const CALENDAR_TTL_MS = 60_000;
const cache = new WeakMap<object, { calendar: WorkCalendar; loadedAt: number }>();

export async function loadCalendar(db: DbOrTx): Promise<WorkCalendar> {
  const hit = cache.get(db);
  if (hit && Date.now() - hit.loadedAt < CALENDAR_TTL_MS) return hit.calendar;
  const rows = await db.select().from(calendarDays);
  const overrides: CalendarEntry[] = rows.map((r) => ({ date: r.date, kind: r.kind as DayKind, name: r.name }));
  const calendar = defaultWorkCalendar(overrides);
  cache.set(db, { calendar, loadedAt: Date.now() });
  return calendar;
}

export function invalidateCalendar(db: DbOrTx): void {
  cache.delete(db);
}

export interface DeadlineRequest {
  rule: string;
  from: string;
  remote?: boolean;
  complex?: boolean;
}

export async function deadlineFor(db: DbOrTx, req: DeadlineRequest): Promise<Deadline> {
  const calendar = await loadCalendar(db);
  return computeDeadline({ rule: req.rule, from: req.from, calendar, remote: req.remote, complex: req.complex });
}
