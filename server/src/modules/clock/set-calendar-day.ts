/**
 * setCalendarDay: an administrator at the national level records the official status of one day (the Prime
 * Minister's yearly announcement of Tết, swapped working days and days off). In one transaction: the override
 * row, its audit row, and every open deadline the day touches recomputed with an audit row per moved case.
 * `normal` makes the day ordinary (Mon–Fri working, Sat/Sun off) whatever the generated default says.
 */
import { eq } from 'drizzle-orm';
import type { DayKind } from '@danvan/domain/clock/index';
import { cleanText, formatIsoDateVi } from '@danvan/domain/text';
import type { AppContext } from '../../context.ts';
import { calendarDays } from '../../db/schema.ts';
import { forbidden, invalid, type FieldIssue } from '../../plugins/errors.ts';
import type { CurrentUser } from '../auth/current-user.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { calendarWith, invalidateCalendar, lockCalendar, readOverrides } from './deadlines.ts';
import { checkCalendarDate, dayView, describeDay, type CalendarDayView } from './calendar-days.ts';
import { recomputeVisitNotices } from '../reception/recompute-notices.ts';
import { recomputeDeadlines, type ChangedCase } from './recompute-deadlines.ts';
import { calendarAgencyId, canEditCalendar } from './policy.ts';

export interface SetCalendarDayInput {
  /** Optional repeat of the date in the URL (the issue's body shape); must match. */
  date?: string;
  kind: DayKind;
  name?: string;
}

export interface CalendarEditResult {
  day: CalendarDayView;
  changedCases: ChangedCase[];
}

export async function setCalendarDay(ctx: AppContext, user: CurrentUser, date: string, input: SetCalendarDayInput): Promise<CalendarEditResult> {
  if (!canEditCalendar(user)) throw forbidden();
  const issues: FieldIssue[] = [];
  const dateIssue = checkCalendarDate('date', date);
  if (dateIssue) issues.push(dateIssue);
  if (input.date !== undefined && input.date !== date) issues.push({ field: 'date', key: 'field.dateMismatch', params: { date } });
  const name = cleanText(input.name ?? '');
  if (input.kind !== 'normal' && !name) issues.push({ field: 'name', key: 'field.required' });
  if (issues.length) throw invalid(...issues);

  const now = ctx.now();
  const result = await ctx.db.transaction(async (tx) => {
    await lockCalendar(tx, 'exclusive');
    const before = dayView(calendarWith(await readOverrides(tx)), date, false);
    const [existing] = await tx.select().from(calendarDays).where(eq(calendarDays.date, date));
    await tx
      .insert(calendarDays)
      .values({ date, kind: input.kind, name, updatedBy: user.id, updatedAt: now })
      .onConflictDoUpdate({ target: calendarDays.date, set: { kind: input.kind, name, updatedBy: user.id, updatedAt: now } });
    const day = dayView(calendarWith(await readOverrides(tx)), date, true);
    await writeAudit(tx, {
      at: now,
      actorId: user.id,
      actorName: user.displayName,
      agencyId: calendarAgencyId(user),
      entity: 'calendar_day',
      entityId: date,
      action: 'calendar.set',
      summary: `Điều chỉnh lịch ngày ${formatIsoDateVi(date)}: ${describeDay(day)} (trước đó: ${describeDay(before)})`,
      before: { kind: before.kind, name: before.name, source: existing ? 'override' : 'default' },
      after: { kind: day.kind, name: day.name, source: 'override' },
    });
    const changedCases = await recomputeDeadlines(tx, { date, change: `thành ${describeDay(day)}`, actor: user, now });
    // Pending reception outcome notices (Luật TCD Art. 28) run on the same calendar.
    await recomputeVisitNotices(tx, { date, change: `thành ${describeDay(day)}`, actor: user, now });
    return { day, changedCases };
  });
  invalidateCalendar(ctx.db);
  return result;
}
