/**
 * resetCalendarDay: drops an administrator's override so the generated default applies again, with the same
 * audit and recompute of the open deadlines as setCalendarDay. No override for that date → 404.
 */
import { eq } from 'drizzle-orm';
import { formatIsoDateVi } from '@danvan/domain/text';
import type { AppContext } from '../../context.ts';
import { calendarDays } from '../../db/schema.ts';
import { forbidden, invalid, notFound } from '../../plugins/errors.ts';
import type { CurrentUser } from '../auth/current-user.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { calendarWith, invalidateCalendar, lockCalendar, readOverrides } from './deadlines.ts';
import { checkCalendarDate, dayView, describeDay } from './calendar-days.ts';
import { recomputeVisitNotices } from '../reception/recompute-notices.ts';
import { recomputeDeadlines } from './recompute-deadlines.ts';
import { calendarAgencyId, canEditCalendar } from './policy.ts';
import type { CalendarEditResult } from './set-calendar-day.ts';

export async function resetCalendarDay(ctx: AppContext, user: CurrentUser, date: string): Promise<CalendarEditResult> {
  if (!canEditCalendar(user)) throw forbidden();
  const dateIssue = checkCalendarDate('date', date);
  if (dateIssue) throw invalid(dateIssue);

  const now = ctx.now();
  const result = await ctx.db.transaction(async (tx) => {
    await lockCalendar(tx, 'exclusive');
    const before = dayView(calendarWith(await readOverrides(tx)), date, true);
    const [removed] = await tx.delete(calendarDays).where(eq(calendarDays.date, date)).returning();
    if (!removed) throw notFound();
    const day = dayView(calendarWith(await readOverrides(tx)), date, false);
    await writeAudit(tx, {
      at: now,
      actorId: user.id,
      actorName: user.displayName,
      agencyId: calendarAgencyId(user),
      entity: 'calendar_day',
      entityId: date,
      action: 'calendar.reset',
      summary: `Bỏ điều chỉnh lịch ngày ${formatIsoDateVi(date)}: trở về mặc định, ${describeDay(day)} (trước đó: ${describeDay(before)})`,
      before: { kind: before.kind, name: before.name, source: 'override' },
      after: { kind: day.kind, name: day.name, source: 'default' },
    });
    const changedCases = await recomputeDeadlines(tx, { date, change: `(trở về mặc định: ${describeDay(day)})`, actor: user, now });
    // Pending reception outcome notices (Luật TCD Art. 28) run on the same calendar.
    await recomputeVisitNotices(tx, { date, change: `(trở về mặc định: ${describeDay(day)})`, actor: user, now });
    return { day, changedCases };
  });
  invalidateCalendar(ctx.db);
  return result;
}
