/**
 * linkDuplicate / unlinkDuplicate (issue 18): one matter, one handling agency (TT 05/2021/TT-TTCP; Luật Tố cáo
 * Art. 24(3): sent to several places including the competent agency, the others do not process it).
 *
 * The handler links two cases and says which one handles the matter; the other copy is archived through the
 * ordinary workflow step (`archive`, reason "duplicate" at the same agency, "sent-to-many" across agencies), whose
 * citizen notice says where the matter is handled (the notice goes out through the existing outbox). In 02/XLD the
 * copy stays a received petition (đơn trùng) archived, never a new matter accepted. The link, the archive and the
 * audit rows are one transaction. Unlinking restores the copy's columns as they were before the link, audited.
 */
import { and, eq, or } from 'drizzle-orm';
import { pathWithin } from '@danvan/domain/roles';
import type { AppContext } from '../../context.ts';
import type { Db } from '../../db/client.ts';
import { agencies, cases, duplicateLinks } from '../../db/schema.ts';
import { AppError, invalid, notFound } from '../../plugins/errors.ts';
import { canSee, type CurrentUser } from '../auth/current-user.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { transitionCase } from '../cases/transition-case.ts';
import { reachRoot } from './find-similar.ts';
import { mayLinkDuplicate } from './policy.ts';

export interface LinkInput {
  caseId: string;
  matterCaseId: string;
  /** The case that handles the matter: `caseId` or `matterCaseId`. The other is closed as a duplicate. */
  handlingCaseId: string;
  note?: string;
}

/** Columns the archive step changes, restored on unlink. */
const RESTORED = ['state', 'jurisdiction', 'reason', 'closedOn', 'outcome', 'dueOn', 'dueRule', 'dueRuleVersion', 'clockFrom', 'overdueSince', 'dueAtDecision'] as const;

export async function linkDuplicate(ctx: AppContext, user: CurrentUser, input: LinkInput) {
  if (input.caseId === input.matterCaseId) throw invalid({ field: 'matterCaseId', key: 'field.invalid' });
  if (input.handlingCaseId !== input.caseId && input.handlingCaseId !== input.matterCaseId) throw invalid({ field: 'handlingCaseId', key: 'field.invalid' });
  const closingId = input.handlingCaseId === input.caseId ? input.matterCaseId : input.caseId;
  const rows = await ctx.db
    .select({ c: cases, agencyName: agencies.fullName })
    .from(cases)
    .innerJoin(agencies, eq(agencies.id, cases.agencyId))
    .where(or(eq(cases.id, input.caseId), eq(cases.id, input.matterCaseId)));
  const handling = rows.find((r) => r.c.id === input.handlingCaseId);
  const closing = rows.find((r) => r.c.id === closingId);
  const own = rows.find((r) => r.c.id === input.caseId);
  // The asked case must be the user's; the other must lie in its reach (the province), as findSimilarMatters shows it.
  if (!own || !canSee(user, own.c.agencyPath)) throw notFound();
  if (!handling || !closing || !pathWithin(handling.c.agencyPath, reachRoot(own.c.agencyPath)) || !pathWithin(closing.c.agencyPath, reachRoot(own.c.agencyPath))) throw notFound();
  if (!canSee(user, closing.c.agencyPath)) throw notFound();
  if (!mayLinkDuplicate(user, closing.c.agencyPath)) throw new AppError(403, 'error.forbidden');
  const [already] = await ctx.db.select().from(duplicateLinks).where(eq(duplicateLinks.caseId, closingId));
  if (already) throw new AppError(409, 'error.conflict');
  const sameAgency = handling.c.agencyId === closing.c.agencyId;
  const now = ctx.now();
  return ctx.db.transaction(async (tx) => {
    const previous = Object.fromEntries(RESTORED.map((k) => [k, closing.c[k]]));
    const handledAt = `${handling.agencyName} (mã hồ sơ ${handling.c.code})`;
    const step = await transitionCase({ ...ctx, db: tx as unknown as Db }, user, closing.c.id, {
      action: 'archive',
      reason: sameAgency ? 'duplicate' : 'sent-to-many',
      note: input.note ?? `Đơn trùng: vụ việc do ${handledAt} giải quyết`,
      handledAt,
    });
    await tx.insert(duplicateLinks).values({ caseId: closing.c.id, matterCaseId: handling.c.id, previous, linkedBy: user.id, linkedAt: now });
    await writeAudit(tx, {
      at: now,
      actorId: user.id,
      actorName: user.displayName,
      agencyId: closing.c.agencyId,
      entity: 'case',
      entityId: closing.c.id,
      caseId: closing.c.id,
      action: 'case.link-duplicate',
      summary: `Gắn vụ việc ${closing.c.code} là đơn trùng của ${handling.c.code}; ${handling.agencyName} giải quyết (Thông tư 05/2021/TT-TTCP)`,
      after: { matterCase: handling.c.code, handlingAgency: handling.agencyName },
    });
    return { closedCaseId: closing.c.id, closedCode: closing.c.code, handlingCaseId: handling.c.id, handlingCode: handling.c.code, handlingAgencyName: handling.agencyName, notice: step.notice };
  });
}

export async function unlinkDuplicate(ctx: AppContext, user: CurrentUser, caseId: string, note?: string) {
  const [row] = await ctx.db
    .select({ link: duplicateLinks, c: cases, matterCode: cases.code })
    .from(duplicateLinks)
    .innerJoin(cases, eq(cases.id, duplicateLinks.caseId))
    .where(eq(duplicateLinks.caseId, caseId));
  if (!row || !canSee(user, row.c.agencyPath)) throw notFound();
  if (!mayLinkDuplicate(user, row.c.agencyPath)) throw new AppError(403, 'error.forbidden');
  const [matter] = await ctx.db.select({ code: cases.code }).from(cases).where(eq(cases.id, row.link.matterCaseId));
  const now = ctx.now();
  return ctx.db.transaction(async (tx) => {
    await tx.delete(duplicateLinks).where(eq(duplicateLinks.caseId, caseId));
    // The copy reopens as it was, unless it moved on since the link (then it stays where it is).
    const restored = row.c.state === 'archived' && row.c.reason && ['duplicate', 'sent-to-many'].includes(row.c.reason) && row.link.previous;
    if (restored) {
      await tx
        .update(cases)
        .set({ ...(row.link.previous as Partial<typeof cases.$inferInsert>), updatedAt: now })
        .where(and(eq(cases.id, caseId), eq(cases.state, 'archived')));
    }
    await writeAudit(tx, {
      at: now,
      actorId: user.id,
      actorName: user.displayName,
      agencyId: row.c.agencyId,
      entity: 'case',
      entityId: caseId,
      caseId,
      action: 'case.unlink-duplicate',
      summary: `Bỏ gắn đơn trùng: ${row.c.code} không còn là bản trùng của ${matter?.code ?? ''}${restored ? '; vụ việc mở lại như trước khi gắn' : ''}${note ? ` — ${note}` : ''}`,
      before: { state: row.c.state, matterCase: matter?.code ?? null },
      after: { state: restored ? String((row.link.previous as { state?: string }).state) : row.c.state },
    });
    const [c] = await tx.select().from(cases).where(eq(cases.id, caseId));
    return { caseId, state: c?.state ?? row.c.state, restored: Boolean(restored) };
  });
}
