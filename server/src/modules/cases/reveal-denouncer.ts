/**
 * revealDenouncer: the person who resolves a denunciation (the head of the agency) may open the sealed
 * identity, with a stated reason; every reveal is audited (Luật Tố cáo Arts. 47(2), 56; ND 156/2026 Art. 22).
 * Investigators, receptionists, inspectors and monitors never can. Outsiders get 404.
 */
import { asc, eq } from 'drizzle-orm';
import { cleanText } from '@danvan/domain/text';
import type { Role } from '@danvan/domain/roles';
import type { AppContext } from '../../context.ts';
import { cases, sealedIdentities } from '../../db/schema.ts';
import { AppError, invalid, notFound } from '../../plugins/errors.ts';
import { hasRoleAt, type CurrentUser } from '../auth/current-user.ts';
import { caseAudit, writeAudit } from '../audit/write-audit.ts';
import { caseVisibleTo } from './policy.ts';
import type { PersonIdentity } from './open-case.ts';

/** Roles entitled to see a denouncer's identity at the case's agency. */
export const REVEAL_ROLES: readonly Role[] = ['head'];

export async function revealDenouncer(ctx: AppContext, user: CurrentUser, caseId: string, reason: string) {
  const why = cleanText(reason);
  if (why.length < 10) throw invalid({ field: 'reason', key: 'field.minLength', params: { limit: 10 } });
  const [c] = await ctx.db.select().from(cases).where(eq(cases.id, caseId));
  if (!c || !caseVisibleTo(user, c) || c.kind !== 'denunciation') throw notFound();
  if (!hasRoleAt(user, c.agencyPath, REVEAL_ROLES)) throw new AppError(403, 'error.forbidden');
  const now = ctx.now();
  return ctx.db.transaction(async (tx) => {
    const boxes = await tx.select().from(sealedIdentities).where(eq(sealedIdentities.caseId, c.id)).orderBy(asc(sealedIdentities.createdAt));
    const people: PersonIdentity[] = boxes.map((b) => JSON.parse(ctx.sealer.open(b)) as PersonIdentity);
    await writeAudit(tx, {
      ...caseAudit(user, c, now),
      action: 'denouncer.reveal',
      // The reason is recorded; the identity itself never enters the audit trail.
      summary: `Xem danh tính người tố cáo của vụ việc ${c.code}. Lý do: ${why}`,
      after: { records: boxes.length },
    });
    return { caseId: c.id, code: c.code, denouncers: people };
  });
}
