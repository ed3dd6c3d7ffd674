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
import { createHash } from 'node:crypto';
import { and, eq, isNotNull, ne } from 'drizzle-orm';
import type { CaseKind } from '@danvan/domain/workflow';

const KIND_LABELS: Record<CaseKind, string> = { complaint: 'khiếu nại', denunciation: 'tố cáo', feedback: 'kiến nghị, phản ánh' };
import type { AppContext } from '../../context.ts';
import type { Tx } from '../../db/client.ts';
import { cases, nationalSyncOutbox, petitions, searchDocs, visits } from '../../db/schema.ts';
import { AppError, invalid, notFound } from '../../plugins/errors.ts';
import { hasRoleAt, type CurrentUser } from '../auth/current-user.ts';
import { canonicalJson, caseAudit, writeAudit } from '../audit/write-audit.ts';
import { caseVisibleTo } from './policy.ts';
import { caseFields } from '../settings/settings.ts';
import { SEALED_NAME, sealIdentity, type IdentitySecrets } from './open-case.ts';

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
    if (c.kind === 'denunciation') throw new AppError(409, 'error.kindLocked');
  }
  const toDenunciation = input.kind === 'denunciation' && c.kind !== 'denunciation';
  const now = ctx.now();
  return ctx.db.transaction(async (tx) => {
    const [updated] = await tx
      .update(cases)
      .set({ kind: input.kind ?? c.kind, field: input.field ?? c.field, updatedAt: now, ...(toDenunciation ? { petitionerName: SEALED_NAME } : {}) })
      .where(eq(cases.id, c.id))
      .returning();
    const sealedRecords = toDenunciation ? await sealAttachedIdentities(tx, ctx, c.id, now) : 0;
    await writeAudit(tx, {
      ...caseAudit(user, c, now),
      action: 'case.classify',
      summary: `Phân loại: ${KIND_LABELS[(input.kind ?? c.kind) as CaseKind] ?? input.kind ?? c.kind}${input.field ? `, lĩnh vực ${fields.find((f) => f.value === input.field)?.label}` : ''}`,
      before: { kind: c.kind, field: c.field },
      after: { kind: updated!.kind, field: updated!.field, ...(toDenunciation ? { sealedRecords } : {}) },
    });
    return updated!;
  });
}

/** Seals the identities of every visit and petition attached to the case; returns how many records were sealed. */
async function sealAttachedIdentities(tx: Tx, secrets: IdentitySecrets, caseId: string, now: Date): Promise<number> {
  let records = 0;
  const vs = await tx.select().from(visits).where(and(eq(visits.caseId, caseId), isNotNull(visits.citizenName)));
  for (const v of vs) {
    const person = { name: v.citizenName!, idNumber: v.citizenIdNumber, idType: v.citizenIdType, address: v.citizenAddress, phone: v.citizenPhone };
    await sealIdentity(tx, secrets, caseId, 'visit', v.id, { ...person, ...(v.representatives?.length ? { representatives: v.representatives } : {}) }, now);
    await tx
      .update(visits)
      .set({ citizenName: null, citizenIdNumber: null, citizenIdType: null, citizenAddress: null, citizenPhone: null, representatives: null })
      .where(eq(visits.id, v.id));
    records++;
  }
  const ps = await tx.select().from(petitions).where(eq(petitions.caseId, caseId));
  for (const p of ps) {
    const people = [
      ...(p.petitionerName ? [{ name: p.petitionerName, idNumber: p.petitionerIdNumber, address: p.petitionerAddress, phone: p.petitionerPhone }] : []),
      ...(p.coSigners ?? []).map((c) => ({ name: c.name, idNumber: c.idNumber, address: c.address })),
    ];
    if (!people.length) continue;
    for (const person of people) await sealIdentity(tx, secrets, caseId, 'petition', p.id, person, now);
    await tx.update(petitions).set({ petitionerName: null, petitionerIdNumber: null, petitionerAddress: null, petitionerPhone: null, coSigners: [] }).where(eq(petitions.id, p.id));
    records++;
  }
  // The copies the other modules keep: the names in the search index (issue 18), and the petitioner's name in the
  // events still waiting for the national complaints database (issue 16; an event already sent cannot be recalled).
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
  return records;
}
