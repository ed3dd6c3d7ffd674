/** selfAssessModel: the unit scores its own model against the campaign's criteria and submits it for review (d1). */
import { eq } from 'drizzle-orm';
import { stepOpen, type ModelKind, type ScoreInput } from '@danvan/domain/good-models';
import type { AppContext } from '../../context.ts';
import { goodModels } from '../../db/schema.ts';
import { AppError } from '../../plugins/errors.ts';
import type { CurrentUser } from '../auth/current-user.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { mayWorkUnit } from './policy.ts';
import { visibleModel, type CampaignRow, type ModelRow } from './queries.ts';
import { checkedScores } from './scores.ts';

/** Pure: the patch and the audit entry. */
export function planSelfAssessment(model: ModelRow, campaign: CampaignRow, user: CurrentUser, scores: ScoreInput[], now: Date) {
  if (!stepOpen('selfAssess', model.status)) throw new AppError(409, 'error.modelStep', { step: 'tự đánh giá', status: model.status });
  const s = checkedScores(campaign, model.kind as ModelKind, scores);
  return {
    patch: { status: 'self-assessed', selfScores: s.scores, selfAssessedAt: now, returnReasons: null, updatedAt: now },
    audit: {
      at: now,
      actorId: user.id,
      actorName: user.displayName,
      agencyId: model.agencyId,
      entity: 'good-model',
      entityId: model.id,
      action: 'good-model.self-assess' as const,
      summary: `Tự đánh giá «${model.title}»: ${s.total}/${s.max} điểm`,
      before: { status: model.status },
      after: { status: 'self-assessed', total: s.total, max: s.max },
    },
  };
}

export async function selfAssessModel(ctx: AppContext, user: CurrentUser, modelId: string, scores: ScoreInput[]) {
  const { model, campaign } = await visibleModel(ctx.db, user, modelId);
  if (!mayWorkUnit(user, model.agencyPath)) throw new AppError(403, 'error.forbidden');
  const plan = planSelfAssessment(model, campaign, user, scores, ctx.now());
  return ctx.db.transaction(async (tx) => {
    const [m] = await tx.update(goodModels).set(plan.patch).where(eq(goodModels.id, model.id)).returning();
    await writeAudit(tx, plan.audit);
    return { model: m!, campaign };
  });
}
