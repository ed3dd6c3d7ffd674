/**
 * classifyCase: the handler records the classification (kind, field, several contents) of a case still being
 * processed. The text-based suggestion is shown beside it; nothing is decided silently. Audited.
 */
import { eq } from 'drizzle-orm';
import type { CaseKind } from '@danvan/domain/workflow';

const KIND_LABELS: Record<CaseKind, string> = { complaint: 'khiếu nại', denunciation: 'tố cáo', feedback: 'kiến nghị, phản ánh' };
import type { AppContext } from '../../context.ts';
import { cases } from '../../db/schema.ts';
import { AppError, invalid, notFound } from '../../plugins/errors.ts';
import { hasRoleAt, type CurrentUser } from '../auth/current-user.ts';
import { caseAudit, writeAudit } from '../audit/write-audit.ts';
import { caseVisibleTo } from './policy.ts';
import { caseFields } from '../settings/settings.ts';

export interface ClassifyInput {
  kind?: CaseKind;
  field?: string;
}

export async function classifyCase(ctx: AppContext, user: CurrentUser, caseId: string, input: ClassifyInput) {
  const [c] = await ctx.db.select().from(cases).where(eq(cases.id, caseId));
  if (!c || !caseVisibleTo(user, c)) throw notFound();
  if (!hasRoleAt(user, c.agencyPath, ['handler', 'head'])) throw new AppError(403, 'error.forbidden');
  const fields = await caseFields(ctx.db);
  if (input.field && !fields.some((f) => f.value === input.field)) {
    throw invalid({ field: 'field', key: 'field.enum', params: { values: fields.map((f) => f.value).join(', ') } });
  }
  // The kind decides the workflow: it may change only before acceptance, and a denunciation's identity is sealed at intake.
  if (input.kind && input.kind !== c.kind) {
    if (c.state !== 'received') throw new AppError(409, 'error.kindLocked');
    if (c.kind === 'denunciation' || input.kind === 'denunciation') throw new AppError(409, 'error.kindLocked');
  }
  const now = ctx.now();
  return ctx.db.transaction(async (tx) => {
    const [updated] = await tx
      .update(cases)
      .set({ kind: input.kind ?? c.kind, field: input.field ?? c.field, updatedAt: now })
      .where(eq(cases.id, c.id))
      .returning();
    await writeAudit(tx, {
      ...caseAudit(user, c, now),
      action: 'case.classify',
      summary: `Phân loại: ${KIND_LABELS[(input.kind ?? c.kind) as CaseKind] ?? input.kind ?? c.kind}${input.field ? `, lĩnh vực ${fields.find((f) => f.value === input.field)?.label}` : ''}`,
      before: { kind: c.kind, field: c.field },
      after: { kind: updated!.kind, field: updated!.field },
    });
    return updated!;
  });
}
