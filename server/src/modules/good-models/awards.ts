/**
 * recordModelAward: a commendation (khen thưởng) given to a recognised model — the form or level of the award
 * ("Bằng khen của Chủ tịch UBND Thành phố"), the decision's number and date, and who signed it (Luật Thi đua, khen
 * thưởng 06/2022/QH15 and NĐ 98/2023/NĐ-CP [R]: the forms are the emulation law's, free text here). Recorded by a
 * head or admin of the level above the unit (the same check as recognition; never the unit itself), audited in the
 * same transaction; public on the model's gallery page (a decision is a public act; no personal data).
 */
import { and, asc, eq } from 'drizzle-orm';
import { cleanText, formatIsoDateVi, isoDateInVietnam, isRealIsoDate } from '@danvan/domain/text';
import type { AppContext } from '../../context.ts';
import type { DbOrTx } from '../../db/client.ts';
import { goodModels, modelAwards } from '../../db/schema.ts';
import { AppError, invalid, type FieldIssue } from '../../plugins/errors.ts';
import type { CurrentUser } from '../auth/current-user.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { RECOGNIZER_ROLES, requireAbove } from './policy.ts';
import { visibleModel } from './queries.ts';

export interface AwardInput {
  level: string;
  decisionNo: string;
  decidedOn: string;
  signer: string;
}

export type AwardRow = typeof modelAwards.$inferSelect;

export function presentAward(a: AwardRow) {
  return { id: a.id, level: a.level, decisionNo: a.decisionNo, decidedOn: a.decidedOn, decidedOnText: formatIsoDateVi(a.decidedOn), signer: a.signer };
}

export async function modelAwardsOf(db: DbOrTx, modelId: string) {
  return (await db.select().from(modelAwards).where(eq(modelAwards.modelId, modelId)).orderBy(asc(modelAwards.decidedOn), asc(modelAwards.decisionNo))).map(presentAward);
}

/** Pure: the checked fields. */
export function checkAward(input: AwardInput, today: string, recognizedOn: string | null) {
  const issues: FieldIssue[] = [];
  const level = cleanText(input.level);
  const decisionNo = cleanText(input.decisionNo);
  const signer = cleanText(input.signer);
  if (!level) issues.push({ field: 'level', key: 'field.required' });
  if (!decisionNo) issues.push({ field: 'decisionNo', key: 'field.required' });
  if (!signer) issues.push({ field: 'signer', key: 'field.required' });
  if (!isRealIsoDate(input.decidedOn)) issues.push({ field: 'decidedOn', key: 'field.date' });
  else if (input.decidedOn > today) issues.push({ field: 'decidedOn', key: 'field.dateInFuture' });
  else if (recognizedOn && input.decidedOn < recognizedOn) issues.push({ field: 'decidedOn', key: 'field.beforeRecognition', params: { date: formatIsoDateVi(recognizedOn) } });
  if (issues.length) throw invalid(...issues);
  return { level, decisionNo, signer, decidedOn: input.decidedOn };
}

export async function recordModelAward(ctx: AppContext, user: CurrentUser, modelId: string, input: AwardInput) {
  const { model, campaign } = await visibleModel(ctx.db, user, modelId);
  const grant = requireAbove(user, model.agencyPath, campaign.agencyPath, RECOGNIZER_ROLES);
  if (model.status !== 'recognized') throw new AppError(409, 'error.modelStep', { step: 'ghi khen thưởng', status: model.status });
  const now = ctx.now();
  const a = checkAward(input, isoDateInVietnam(now), model.recognizedOn);
  return ctx.db.transaction(async (tx) => {
    const [dup] = await tx.select({ id: modelAwards.id }).from(modelAwards).where(and(eq(modelAwards.modelId, model.id), eq(modelAwards.decisionNo, a.decisionNo)));
    if (dup) throw new AppError(409, 'error.awardExists', { decisionNo: a.decisionNo });
    const [row] = await tx.insert(modelAwards).values({ modelId: model.id, ...a, issuerAgencyId: grant.agencyId, createdBy: user.id, createdAt: now }).returning();
    await tx.update(goodModels).set({ updatedAt: now }).where(eq(goodModels.id, model.id));
    await writeAudit(tx, {
      at: now,
      actorId: user.id,
      actorName: user.displayName,
      agencyId: grant.agencyId,
      entity: 'good-model',
      entityId: model.id,
      action: 'good-model.award',
      summary: `Khen thưởng «${model.title}»: ${a.level}, quyết định số ${a.decisionNo} ngày ${formatIsoDateVi(a.decidedOn)} (${a.signer})`,
      after: { level: a.level, decisionNo: a.decisionNo, decidedOn: a.decidedOn },
    });
    return presentAward(row!);
  });
}
