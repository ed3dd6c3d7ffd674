/**
 * A denouncer check at intake that matched (issue 13, item 3): each matched case gets a row in its history and in
 * the audit trail (who checked, when, at which agency), so that the head sees every time someone's identity was
 * compared with this denouncer's. The row names neither the person checked nor the denouncer.
 */
import { formatIsoDateVi, isoDateInVietnam } from '@danvan/domain/text';
import { and, eq, gt } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import { auditLog } from '../../db/schema.ts';
import { writeAudit } from '../audit/write-audit.ts';
import type { CurrentUser } from '../auth/current-user.ts';
import type { AgencyRow } from '../agencies/queries.ts';
import type { RepeatCandidate } from './find-repeats.ts';

export async function recordDenouncerMatches(ctx: AppContext, user: CurrentUser, agency: AgencyRow, matched: readonly Pick<RepeatCandidate, 'id' | 'code'>[]) {
  if (!matched.length) return;
  const now = ctx.now();
  await ctx.db.transaction(async (tx) => {
    for (const c of matched) {
      // The desk's form checks as the clerk types: one row per clerk, case and 10 minutes is the record, not each keystroke.
      const [recent] = await tx
        .select({ id: auditLog.id })
        .from(auditLog)
        .where(and(eq(auditLog.caseId, c.id), eq(auditLog.action, 'intake.denouncer-match'), eq(auditLog.actorId, user.id), gt(auditLog.at, new Date(now.getTime() - 600_000))))
        .limit(1);
      if (recent) continue;
      await writeAudit(tx, {
        at: now,
        actorId: user.id,
        actorName: user.displayName,
        agencyId: agency.id,
        entity: 'case',
        entityId: c.id,
        caseId: c.id,
        action: 'intake.denouncer-match',
        summary: `Đối chiếu danh tính khi tiếp nhận tố cáo mới tại ${agency.fullName} ngày ${formatIsoDateVi(isoDateInVietnam(now))}: trùng người tố cáo của vụ việc ${c.code}`,
        after: { checkedAt: agency.code },
      });
    }
  });
}
