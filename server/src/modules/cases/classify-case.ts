/**
 * classifyCase: the handler records the classification (kind, field, several contents) of a case still being
 * processed. The text-based suggestion is shown beside it; nothing is decided silently. Audited.
 *
 * Reclassifying a received complaint or feedback as a denunciation seals, in the same transaction, every identity
 * attached to the case (its visits' citizens and representatives, its petitions' petitioners and co-signers) exactly
 * as if it had been received as a denunciation (Luật Tố cáo Art. 47(2); issue 13): the plaintext columns are
 * emptied, the sealed boxes (with their keyed hashes) join the case for the head's reveal. The way back (a
 * denunciation reclassified otherwise) stays refused: it would unseal an identity without a reveal.
 */
import { createHash, randomUUID } from 'node:crypto';
import { and, eq, inArray, isNotNull, ne } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import type { Tx } from '../../db/client.ts';
import { cases, nationalSyncOutbox, petitions, searchDocs, sealedIdentities, visits } from '../../db/schema.ts';
import { AppError, notFound } from '../../plugins/errors.ts';
import { hasRoleAt, type CurrentUser } from '../auth/current-user.ts';
import { canonicalJson, writeAudit } from '../audit/write-audit.ts';
import { caseVisibleTo } from './policy.ts';
import { caseFields } from '../settings/settings.ts';
import { checkClassify, planClassify, type AttachedRecords, type ClassifyInput, type ClassifyPlan } from './plan-classify.ts';

export async function classifyCase(ctx: AppContext, user: CurrentUser, caseId: string, input: ClassifyInput) {
  const [c] = await ctx.db.select().from(cases).where(eq(cases.id, caseId));
  if (!c || !caseVisibleTo(user, c)) throw notFound();
  if (!hasRoleAt(user, c.agencyPath, ['handler', 'head'])) throw new AppError(403, 'error.forbidden');
  const fields = await caseFields(ctx.db);
  const { toDenunciation } = checkClassify(c, input, fields);
  const now = ctx.now();
  return ctx.db.transaction(async (tx) => {
    const attached = toDenunciation ? await attachedRecords(tx, c.id) : null;
    const plan = planClassify(c, input, fields, attached, { now, actor: user, newId: randomUUID, sealer: ctx.sealer, personHasher: ctx.personHasher });
    const [updated] = await tx.update(cases).set(plan.patch).where(eq(cases.id, c.id)).returning();
    // The case's search document follows its kind (search filters by kind; issue 18).
    if (updated!.kind !== c.kind) await tx.update(searchDocs).set({ kind: updated!.kind }).where(and(eq(searchDocs.caseId, c.id), eq(searchDocs.recordType, 'case')));
    if (toDenunciation) await writeSealing(tx, c.id, plan);
    await writeAudit(tx, plan.audit);
    return updated!;
  });
}

/** The visits (with an identity in the clear) and petitions of the case. */
async function attachedRecords(tx: Tx, caseId: string): Promise<AttachedRecords> {
  return {
    visits: await tx.select().from(visits).where(and(eq(visits.caseId, caseId), isNotNull(visits.citizenName))),
    petitions: await tx.select().from(petitions).where(eq(petitions.caseId, caseId)),
  };
}

/**
 * The writer of a reclassification to denunciation: the sealed boxes join the case, the plaintext columns are
 * emptied, and so are the copies the other modules keep — the names in the search index (issue 18), and the
 * petitioner's name in the events still waiting for the national complaints database (issue 16; an event already
 * sent cannot be recalled).
 */
async function writeSealing(tx: Tx, caseId: string, plan: ClassifyPlan): Promise<void> {
  if (plan.sealed.length) await tx.insert(sealedIdentities).values(plan.sealed);
  if (plan.sealedVisitIds.length) {
    await tx
      .update(visits)
      .set({ citizenName: null, citizenIdNumber: null, citizenIdType: null, citizenAddress: null, citizenPhone: null, representatives: null })
      .where(inArray(visits.id, plan.sealedVisitIds));
  }
  if (plan.sealedPetitionIds.length) {
    await tx.update(petitions).set({ petitionerName: null, petitionerIdNumber: null, petitionerAddress: null, petitionerPhone: null, coSigners: [] }).where(inArray(petitions.id, plan.sealedPetitionIds));
  }
  await tx.update(searchDocs).set({ names: null, namesFolded: null }).where(eq(searchDocs.caseId, caseId));
  const waiting = await tx.select().from(nationalSyncOutbox).where(and(eq(nationalSyncOutbox.caseId, caseId), ne(nationalSyncOutbox.status, 'sent')));
  for (const e of waiting) {
    const payload = e.payload as { case?: Record<string, unknown> };
    if (!payload.case) continue;
    const sealed = { ...payload, case: { ...payload.case, petitionerName: null, identitySealed: true } };
    await tx
      .update(nationalSyncOutbox)
      .set({ payload: sealed as typeof e.payload, payloadSha256: createHash('sha256').update(canonicalJson(sealed)).digest('hex') })
      .where(eq(nationalSyncOutbox.id, e.id));
  }
}
