/**
 * The deadline sweep (safe to run twice, resumable): marks cases past their deadline (`overdue_since`), reminds
 * the assignee (or the agency's handlers) 3 working days before a deadline, and escalates to the agency's heads
 * once a case is overdue; the same for the open case duties (cases/duties.ts, ADR 0024). Notices are deduplicated per (user, case, kind, deadline), so a rerun adds nothing and
 * an interrupted run picks up where it stopped. In-app now; e-mail joins through the notification outbox.
 * ND 154/2026 Art. 41 makes leaving a petition 45 days unprocessed a serious offence: the alarm fires at the
 * legal deadline, long before that.
 */
import { and, eq, gt, isNotNull, isNull, lt, asc, sql } from 'drizzle-orm';
import { isoDateInVietnam, formatIsoDateVi } from '@danvan/domain/text';
import { workingDaysUntil } from '@danvan/domain/clock/index';
import type { AppContext } from '../../context.ts';
import { agencies, cases, roleGrants, staffNotifications } from '../../db/schema.ts';
import { loadCalendar } from '../clock/deadlines.ts';
import { notifyStaff } from '../notifications/enqueue-notification.ts';
import { sweepDuties, type DutySweepResult } from './duties.ts';

export interface SweepResult extends DutySweepResult {
  scanned: number;
  markedOverdue: number;
  reminders: number;
  escalations: number;
}

/** Users holding one of `roles` on the agency itself or an ancestor (their grant covers the case). */
async function staffCovering(ctx: AppContext, agencyPath: string, roles: string[]): Promise<string[]> {
  const ancestors = agencyPath.split('/').map((_, i, parts) => parts.slice(0, i + 1).join('/'));
  const rows = await ctx.db
    .select({ userId: roleGrants.userId, role: roleGrants.role, path: agencies.path })
    .from(roleGrants)
    .innerJoin(agencies, eq(agencies.id, roleGrants.agencyId))
    .where(sql`${agencies.path} in (${sql.join(ancestors.map((a) => sql`${a}`), sql`, `)})`);
  // The nearest level that has someone in the role answers (a commune's head, not the province's).
  for (const level of [...ancestors].reverse()) {
    const here = rows.filter((r) => r.path === level && roles.includes(r.role)).map((r) => r.userId);
    if (here.length) return [...new Set(here)];
  }
  return [];
}

export async function sweepDeadlines(ctx: AppContext, batchSize = 500): Promise<SweepResult> {
  const today = isoDateInVietnam(ctx.now());
  const calendar = await loadCalendar(ctx.db);
  const result: SweepResult = { scanned: 0, markedOverdue: 0, reminders: 0, escalations: 0, dutiesScanned: 0, dutiesMarkedOverdue: 0, dutyReminders: 0, dutyEscalations: 0 };
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const batch = await ctx.db
      .select({ c: cases, agencyName: agencies.fullName })
      .from(cases)
      .innerJoin(agencies, eq(agencies.id, cases.agencyId))
      .where(and(isNotNull(cases.dueOn), gt(cases.id, after)))
      .orderBy(asc(cases.id))
      .limit(batchSize);
    if (!batch.length) break;
    after = batch[batch.length - 1]!.c.id;
    for (const { c } of batch) {
      result.scanned++;
      const due = c.dueOn!;
      const notify = async (userIds: string[], kind: 'reminder' | 'overdue', message: string) => {
        let n = 0;
        for (const userId of userIds) {
          const inserted = await ctx.db
            .insert(staffNotifications)
            .values({ userId, caseId: c.id, kind, message, dedupeKey: `${kind}:${c.id}:${due}`, createdAt: ctx.now() })
            .onConflictDoNothing()
            .returning({ id: staffNotifications.id });
          // The e-mail copy has its own dedupe key, so a rerun (or a run cut short) enqueues each one exactly once.
          await notifyStaff(ctx.db, ctx, { userId, caseId: c.id, kind, message, dedupeKey: `${kind}:${c.id}:${due}` });
          n += inserted.length;
        }
        return n;
      };
      if (due < today) {
        if (!c.overdueSince) {
          const marked = await ctx.db
            .update(cases)
            .set({ overdueSince: today })
            .where(and(eq(cases.id, c.id), isNull(cases.overdueSince), lt(cases.dueOn, today)))
            .returning({ id: cases.id });
          result.markedOverdue += marked.length;
        }
        const heads = await staffCovering(ctx, c.agencyPath, ['head']);
        result.escalations += await notify(heads, 'overdue', `Vụ việc ${c.code} đã quá hạn ${c.dueRule ?? ''} (hạn ${formatIsoDateVi(due)}).`);
      } else {
        if (c.overdueSince) await ctx.db.update(cases).set({ overdueSince: null }).where(eq(cases.id, c.id));
        let left: number;
        try {
          left = workingDaysUntil(due, today, calendar);
        } catch {
          continue; // outside the calendar's years
        }
        if (left <= 3) {
          const to = c.assigneeId ? [c.assigneeId] : await staffCovering(ctx, c.agencyPath, ['handler']);
          result.reminders += await notify(to, 'reminder', `Vụ việc ${c.code} đến hạn ngày ${formatIsoDateVi(due)} (còn ${left} ngày làm việc).`);
        }
      }
    }
  }
  // The duties beside the running deadline (ADR 0024): same thresholds and recipients.
  Object.assign(result, await sweepDuties(ctx, (path, roles) => staffCovering(ctx, path, roles), batchSize));
  return result;
}
