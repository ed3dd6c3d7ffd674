/**
 * The commitment sweep (safe to run twice, like the case sweep): marks open commitments past their due date
 * (`overdue_since`), reminds the owner agency's handlers 3 working days before the due date, and escalates an
 * overdue commitment to the heads of the agency above the owner. In-app notices deduplicated per (user,
 * commitment, kind, due date).
 */
import { and, eq, inArray, isNull, lt } from 'drizzle-orm';
import { workingDaysUntil } from '@danvan/domain/clock/index';
import { formatIsoDateVi, isoDateInVietnam } from '@danvan/domain/text';
import type { AppContext } from '../../context.ts';
import { agencies, commitments, roleGrants, staffNotifications } from '../../db/schema.ts';
import { loadCalendar } from '../clock/deadlines.ts';

export interface CommitmentSweepResult {
  scanned: number;
  markedOverdue: number;
  reminders: number;
  escalations: number;
}

/** Users holding one of `roles` exactly at `path`, else at the nearest ancestor that has someone. */
async function nearestStaff(ctx: AppContext, path: string, roles: string[]): Promise<string[]> {
  const ancestors = path.split('/').map((_, i, parts) => parts.slice(0, i + 1).join('/'));
  const rows = await ctx.db
    .select({ userId: roleGrants.userId, role: roleGrants.role, path: agencies.path })
    .from(roleGrants)
    .innerJoin(agencies, eq(agencies.id, roleGrants.agencyId))
    .where(and(inArray(agencies.path, ancestors), inArray(roleGrants.role, roles)));
  for (const level of [...ancestors].reverse()) {
    const here = rows.filter((r) => r.path === level).map((r) => r.userId);
    if (here.length) return [...new Set(here)];
  }
  return [];
}

export async function sweepCommitments(ctx: AppContext): Promise<CommitmentSweepResult> {
  const today = isoDateInVietnam(ctx.now());
  const calendar = await loadCalendar(ctx.db);
  const result: CommitmentSweepResult = { scanned: 0, markedOverdue: 0, reminders: 0, escalations: 0 };
  const open = await ctx.db.select().from(commitments).where(inArray(commitments.status, ['open', 'in-progress']));
  for (const c of open) {
    result.scanned++;
    const notify = async (userIds: string[], kind: 'reminder' | 'overdue', message: string) => {
      let n = 0;
      for (const userId of userIds) {
        const rows = await ctx.db
          .insert(staffNotifications)
          .values({ userId, kind: `commitment-${kind}`, message, dedupeKey: `commitment-${kind}:${c.id}:${c.dueOn}`, createdAt: ctx.now() })
          .onConflictDoNothing()
          .returning({ id: staffNotifications.id });
        n += rows.length;
      }
      return n;
    };
    if (c.dueOn < today) {
      if (!c.overdueSince) {
        const marked = await ctx.db
          .update(commitments)
          .set({ overdueSince: today })
          .where(and(eq(commitments.id, c.id), isNull(commitments.overdueSince), lt(commitments.dueOn, today)))
          .returning({ id: commitments.id });
        result.markedOverdue += marked.length;
      }
      const parent = c.ownerAgencyPath.includes('/') ? c.ownerAgencyPath.slice(0, c.ownerAgencyPath.lastIndexOf('/')) : c.ownerAgencyPath;
      const owners = await nearestStaff(ctx, c.ownerAgencyPath, ['head', 'handler']);
      const above = await nearestStaff(ctx, parent, ['head']);
      const msg = `Cam kết ${c.code} đã quá hạn (hạn ${formatIsoDateVi(c.dueOn)}): ${c.content.slice(0, 120)}`;
      result.reminders += await notify(owners, 'overdue', msg);
      result.escalations += await notify(above.filter((u) => !owners.includes(u)), 'overdue', `[Cấp trên] ${msg}`);
    } else {
      if (c.overdueSince) await ctx.db.update(commitments).set({ overdueSince: null }).where(eq(commitments.id, c.id));
      let left: number;
      try {
        left = workingDaysUntil(c.dueOn, today, calendar);
      } catch {
        continue;
      }
      if (left <= 3) {
        const owners = await nearestStaff(ctx, c.ownerAgencyPath, ['handler', 'head']);
        result.reminders += await notify(owners, 'reminder', `Cam kết ${c.code} đến hạn ngày ${formatIsoDateVi(c.dueOn)} (còn ${left} ngày làm việc).`);
      }
    }
  }
  return result;
}
