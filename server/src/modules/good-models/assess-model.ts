/**
 * assessModel: an assessor of the level above scores each criterion with comments (d1, d5). Never their own unit
 * (403 error.modelOwnUnit); one assessment per assessor (a second replaces the first while the decision is open).
 */
import { eq } from 'drizzle-orm';
import { cleanText } from '@danvan/domain/text';
import { stepOpen, type ModelKind, type ScoreInput } from '@danvan/domain/good-models';
import type { AppContext } from '../../context.ts';
import { goodModels, modelAssessments } from '../../db/schema.ts';
import { AppError } from '../../plugins/errors.ts';
import type { CurrentUser } from '../auth/current-user.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { ASSESSOR_ROLES, requireAbove } from './policy.ts';
import { visibleModel } from './queries.ts';
import { checkedScores } from './scores.ts';

export interface AssessInput {
  scores: ScoreInput[];
  comment?: string;
}

export async function assessModel(ctx: AppContext, user: CurrentUser, modelId: string, input: AssessInput) {
  const { model, campaign } = await visibleModel(ctx.db, user, modelId);
  const grant = requireAbove(user, model.agencyPath, campaign.agencyPath, ASSESSOR_ROLES);
  if (!stepOpen('assess', model.status)) throw new AppError(409, 'error.modelStep', { step: 'chấm điểm', status: model.status });
  const s = checkedScores(campaign, model.kind as ModelKind, input.scores);
  const now = ctx.now();
  const comment = input.comment ? cleanText(input.comment) || null : null;
  return ctx.db.transaction(async (tx) => {
    const values = { modelId: model.id, assessorId: user.id, assessorAgencyId: grant.agencyId, scores: s.scores, total: s.total, comment, createdAt: now };
    const [a] = await tx
      .insert(modelAssessments)
      .values(values)
      .onConflictDoUpdate({ target: [modelAssessments.modelId, modelAssessments.assessorId], set: { scores: s.scores, total: s.total, comment, assessorAgencyId: grant.agencyId, createdAt: now } })
      .returning();
    const [m] = await tx.update(goodModels).set({ status: 'assessed', updatedAt: now }).where(eq(goodModels.id, model.id)).returning();
    await writeAudit(tx, {
      at: now,
      actorId: user.id,
      actorName: user.displayName,
      agencyId: grant.agencyId,
      entity: 'good-model',
      entityId: model.id,
      action: 'good-model.assess',
      summary: `Chấm điểm «${model.title}»: ${s.total}/${s.max} điểm`,
      before: { status: model.status },
      after: { status: 'assessed', total: s.total, max: s.max },
    });
    return { assessment: a!, model: m!, campaign, max: s.max };
  });
}
