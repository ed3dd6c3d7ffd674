/**
 * publishSynthesis: the synthesis report (báo cáo tổng hợp, tiếp thu, giải trình) goes on the portal from today,
 * for at least 30 consecutive days (Luật 10/2022 Arts. 11(11), 13(2); b9). Only after the consultation has closed,
 * and only when every theme has its answer. Papers (written submissions, conference minutes) are no longer taken.
 */
import { and, eq, isNull } from 'drizzle-orm';
import { formatIsoDateVi, isoDateInVietnam } from '@danvan/domain/text';
import type { AppContext } from '../../context.ts';
import { consultationThemes, consultations } from '../../db/schema.ts';
import { AppError } from '../../plugins/errors.ts';
import type { CurrentUser } from '../auth/current-user.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { mayPublish, requireRole } from './policy.ts';
import { phaseOf, visibleConsultation, type ConsultationRow } from './queries.ts';

export async function publishSynthesis(ctx: AppContext, user: CurrentUser, id: string): Promise<ConsultationRow> {
  const now = ctx.now();
  const c = await visibleConsultation(ctx.db, user, id);
  requireRole(mayPublish(user, c.agencyPath));
  if (phaseOf(c, now) !== 'closed') throw new AppError(409, 'error.consultationState', { state: 'chưa kết thúc lấy ý kiến' });
  if (c.synthesisPublishedOn) throw new AppError(409, 'error.consultationState', { state: 'đã công khai báo cáo tổng hợp' });
  const open = await ctx.db.select({ id: consultationThemes.id }).from(consultationThemes).where(and(eq(consultationThemes.consultationId, c.id), isNull(consultationThemes.outcome))).limit(1);
  if (open.length) throw new AppError(409, 'error.guard', { reason: 'còn nhóm ý kiến chưa có kết quả tiếp thu, giải trình', allowed: 'recordThemeResponse' });
  const today = isoDateInVietnam(now);
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx.update(consultations).set({ synthesisPublishedOn: today }).where(eq(consultations.id, c.id)).returning();
    await writeAudit(tx, {
      at: now,
      actorId: user.id,
      actorName: user.displayName,
      agencyId: c.agencyId,
      entity: 'consultation',
      entityId: c.id,
      action: 'consultation.publish-synthesis',
      summary: `Công khai báo cáo tổng hợp, tiếp thu, giải trình từ ngày ${formatIsoDateVi(today)}`,
      after: { synthesisPublishedOn: today },
    });
    return row!;
  });
}
