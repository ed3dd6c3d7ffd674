/**
 * recognizeModel: the level above decides — recognise at a level of the campaign (the assessors' average must reach
 * it) or return to the unit with reasons, which it addresses and self-assesses again (d1).
 */
import { eq } from 'drizzle-orm';
import { cleanText, isoDateInVietnam } from '@danvan/domain/text';
import { levelEarned, stepOpen } from '@danvan/domain/good-models';
import type { AppContext } from '../../context.ts';
import { goodModels, modelAssessments } from '../../db/schema.ts';
import { AppError, invalid } from '../../plugins/errors.ts';
import type { CurrentUser } from '../auth/current-user.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { RECOGNIZER_ROLES, requireAbove } from './policy.ts';
import { campaignData, visibleModel, type CampaignRow, type ModelRow } from './queries.ts';

export type DecisionInput = { decision: 'recognize'; level: string; note?: string } | { decision: 'return'; reasons: string };

/** Pure: the decision's patch, given the assessors' totals. */
export function planDecision(model: ModelRow, campaign: CampaignRow, totals: number[], input: DecisionInput, now: Date) {
  if (!stepOpen('decide', model.status)) throw new AppError(409, 'error.modelStep', { step: 'quyết định công nhận', status: model.status });
  if (input.decision === 'return') {
    const reasons = cleanText(input.reasons);
    if (!reasons) throw invalid({ field: 'reasons', key: 'field.returnReasons' });
    return { patch: { status: 'returned', returnReasons: reasons, updatedAt: now }, summary: `Trả lại «${model.title}»: ${reasons}` };
  }
  const data = campaignData(campaign);
  const level = data.levels.find((l) => l.key === input.level);
  if (!level) throw invalid({ field: 'level', key: 'field.modelLevel', params: { value: input.level } });
  const max = data.criteria[model.kind as 'model' | 'exemplar'].length * campaign.scaleMax;
  const earned = levelEarned(data.levels, totals, max);
  const percent = totals.length ? (100 * totals.reduce((a, b) => a + b, 0)) / totals.length / max : 0;
  if (!earned || earned.minPercent < level.minPercent) {
    throw invalid({ field: 'level', key: 'field.modelLevelNotEarned', params: { percent: percent.toFixed(1).replace('.', ','), level: level.label, min: level.minPercent } });
  }
  return {
    patch: { status: 'recognized', level: level.key, recognizedOn: isoDateInVietnam(now), returnReasons: null, updatedAt: now },
    summary: `Công nhận «${model.title}» mức ${level.label} (điểm bình quân ${percent.toFixed(1).replace('.', ',')}%)`,
  };
}

export async function recognizeModel(ctx: AppContext, user: CurrentUser, modelId: string, input: DecisionInput) {
  const { model, campaign } = await visibleModel(ctx.db, user, modelId);
  const grant = requireAbove(user, model.agencyPath, campaign.agencyPath, RECOGNIZER_ROLES);
  const totals = (await ctx.db.select({ total: modelAssessments.total }).from(modelAssessments).where(eq(modelAssessments.modelId, model.id))).map((r) => r.total);
  const now = ctx.now();
  const plan = planDecision(model, campaign, totals, input, now);
  return ctx.db.transaction(async (tx) => {
    const [m] = await tx.update(goodModels).set(plan.patch).where(eq(goodModels.id, model.id)).returning();
    await writeAudit(tx, {
      at: now,
      actorId: user.id,
      actorName: user.displayName,
      agencyId: grant.agencyId,
      entity: 'good-model',
      entityId: model.id,
      action: input.decision === 'recognize' ? 'good-model.recognize' : 'good-model.return',
      summary: plan.summary,
      before: { status: model.status },
      after: { status: plan.patch.status, level: 'level' in plan.patch ? plan.patch.level : null },
    });
    return { model: m!, campaign };
  });
}
