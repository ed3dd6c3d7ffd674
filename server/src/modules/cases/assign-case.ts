/**
 * assignCase: a handler or the head gives a case to a handler or investigator who works within the case's agency;
 * the assignee gets an in-app notice. Audited.
 */
import { and, eq } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import { cases, staffNotifications, users } from '../../db/schema.ts';
import { AppError, invalid, notFound } from '../../plugins/errors.ts';
import { hasRoleAt, loadUser, type CurrentUser } from '../auth/current-user.ts';
import { caseAudit, writeAudit } from '../audit/write-audit.ts';
import { caseVisibleTo } from './policy.ts';
import { notifyStaff } from '../notifications/enqueue-notification.ts';

export async function assignCase(ctx: AppContext, user: CurrentUser, caseId: string, username: string) {
  const [c] = await ctx.db.select().from(cases).where(eq(cases.id, caseId));
  if (!c || !caseVisibleTo(user, c)) throw notFound();
  if (!hasRoleAt(user, c.agencyPath, ['handler', 'head'])) throw new AppError(403, 'error.forbidden');
  const [u] = await ctx.db.select({ id: users.id }).from(users).where(and(eq(users.username, username.trim().toLowerCase()), eq(users.active, true)));
  const assignee = u ? await loadUser(ctx.db, u.id) : null;
  if (!assignee || !hasRoleAt(assignee, c.agencyPath, ['handler', 'investigator', 'head'])) {
    throw invalid({ field: 'username', key: 'field.assigneeOutOfScope' });
  }
  const now = ctx.now();
  return ctx.db.transaction(async (tx) => {
    const [updated] = await tx.update(cases).set({ assigneeId: assignee.id, updatedAt: now }).where(eq(cases.id, c.id)).returning();
    await tx
      .insert(staffNotifications)
      .values({ userId: assignee.id, caseId: c.id, kind: 'assignment', message: `Bạn được giao vụ việc ${c.code}.`, dedupeKey: `assignment:${c.id}:${now.toISOString()}`, createdAt: now })
      .onConflictDoNothing();
    await notifyStaff(tx, ctx, { userId: assignee.id, caseId: c.id, kind: 'assignment', message: `Bạn được giao vụ việc ${c.code}.`, dedupeKey: `assignment:${c.id}:${now.toISOString()}` });
    await writeAudit(tx, {
      ...caseAudit(user, c, now),
      action: 'case.assign',
      summary: `Giao vụ việc ${c.code} cho ${assignee.displayName}`,
      before: { assigneeId: c.assigneeId },
      after: { assigneeId: assignee.id },
    });
    return updated!;
  });
}
