/**
 * checkModelMaintained: the yearly check that keeps recognised models honest (d1, d6; the "formalism" risk): for a
 * year after its recognition, the level above records whether the model is still maintained. One check per year
 * (a second one for the same year replaces it). The figures read these checks.
 */
import { eq } from 'drizzle-orm';
import { cleanText } from '@danvan/domain/text';
import { stepOpen } from '@danvan/domain/good-models';
import type { AppContext } from '../../context.ts';
import { goodModels, modelChecks } from '../../db/schema.ts';
import { AppError, invalid } from '../../plugins/errors.ts';
import type { CurrentUser } from '../auth/current-user.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { ASSESSOR_ROLES, requireAbove } from './policy.ts';
import { visibleModel } from './queries.ts';

export interface CheckInput {
  year: number;
  maintained: boolean;
  note?: string;
}

export async function checkModelMaintained(ctx: AppContext, user: CurrentUser, modelId: string, input: CheckInput) {
  const { model, campaign } = await visibleModel(ctx.db, user, modelId);
  const grant = requireAbove(user, model.agencyPath, campaign.agencyPath, ASSESSOR_ROLES);
  if (!stepOpen('check', model.status) || !model.recognizedOn) throw new AppError(409, 'error.modelStep', { step: 'kiểm tra duy trì', status: model.status });
  const recognizedYear = Number(model.recognizedOn.slice(0, 4));
  if (input.year <= recognizedYear) throw invalid({ field: 'year', key: 'field.checkYear', params: { year: recognizedYear } });
  const now = ctx.now();
  const note = input.note ? cleanText(input.note) || null : null;
  return ctx.db.transaction(async (tx) => {
    const [c] = await tx
      .insert(modelChecks)
      .values({ modelId: model.id, year: input.year, maintained: input.maintained, note, checkedBy: user.id, createdAt: now })
      .onConflictDoUpdate({ target: [modelChecks.modelId, modelChecks.year], set: { maintained: input.maintained, note, checkedBy: user.id, createdAt: now } })
      .returning();
    await tx.update(goodModels).set({ updatedAt: now }).where(eq(goodModels.id, model.id));
    await writeAudit(tx, {
      at: now,
      actorId: user.id,
      actorName: user.displayName,
      agencyId: grant.agencyId,
      entity: 'good-model',
      entityId: model.id,
      action: 'good-model.check',
      summary: `Kiểm tra năm ${input.year}: «${model.title}» ${input.maintained ? 'được duy trì' : 'không được duy trì'}${note ? ` — ${note}` : ''}`,
      after: { year: input.year, maintained: input.maintained },
    });
    return c!;
  });
}
