/**
 * The planner of classifyCase (ADR 0025): the handler records the kind and field of a case still being processed.
 * Reclassifying a received complaint or feedback as a denunciation seals every identity attached to the case (its
 * visits' citizens and representatives, its petitions' petitioners and co-signers) as if it had been received as a
 * denunciation (Luật Tố cáo Art. 47(2); issue 13): the plan lists the sealed boxes and the records to empty.
 */
import type { FieldOption } from '@danvan/domain/classification';
import type { CaseKind } from '@danvan/domain/workflow';
import type { petitions, visits } from '../../db/schema.ts';
import { AppError, invalid } from '../../plugins/errors.ts';
import { caseAudit, type AuditEntry } from '../audit/write-audit.ts';
import type { PlanEnv } from '../plan.ts';
import { SEALED_NAME, sealedRow, type CaseRow, type IdentitySecrets, type SealedRow } from './open-case.ts';
import type { CasePatch } from './transition-patch.ts';

const KIND_LABELS: Record<CaseKind, string> = { complaint: 'khiếu nại', denunciation: 'tố cáo', feedback: 'kiến nghị, phản ánh' };

export interface ClassifyInput {
  kind?: CaseKind;
  field?: string;
}

/** The records attached to a case, read when a reclassification seals them. */
export interface AttachedRecords {
  visits: (typeof visits.$inferSelect)[];
  petitions: (typeof petitions.$inferSelect)[];
}

/** The field must be one of the configured fields; the kind may change only before acceptance, never from a denunciation. */
export function checkClassify(c: CaseRow, input: ClassifyInput, fields: readonly FieldOption[]): { toDenunciation: boolean } {
  if (input.field && !fields.some((f) => f.value === input.field)) {
    throw invalid({ field: 'field', key: 'field.enum', params: { values: fields.map((f) => f.value).join(', ') } });
  }
  // The kind decides the workflow: a denunciation's identity is sealed at intake.
  if (input.kind && input.kind !== c.kind) {
    if (c.state !== 'received') throw new AppError(409, 'error.kindLocked');
    if (c.kind === 'denunciation') throw new AppError(409, 'error.kindLocked');
  }
  return { toDenunciation: input.kind === 'denunciation' && c.kind !== 'denunciation' };
}

export interface ClassifyPlan {
  patch: CasePatch;
  /** Sealed boxes of the attached identities (a reclassification to denunciation). */
  sealed: SealedRow[];
  /** Visits and petitions whose identity columns the writer empties. */
  sealedVisitIds: string[];
  sealedPetitionIds: string[];
  audit: AuditEntry<'case.classify'>;
}

/** classifyCase planned on the case, the configured fields and (to a denunciation) the attached records. */
export function planClassify(c: CaseRow, input: ClassifyInput, fields: readonly FieldOption[], attached: AttachedRecords | null, env: Omit<PlanEnv, 'compute'> & IdentitySecrets): ClassifyPlan {
  const { toDenunciation } = checkClassify(c, input, fields);
  const patch: CasePatch = { kind: input.kind ?? c.kind, field: input.field ?? c.field, updatedAt: env.now, ...(toDenunciation ? { petitionerName: SEALED_NAME } : {}) };
  const sealed: SealedRow[] = [];
  const sealedVisitIds: string[] = [];
  const sealedPetitionIds: string[] = [];
  if (toDenunciation && attached) {
    for (const v of attached.visits) {
      if (v.citizenName === null) continue;
      const person = { name: v.citizenName, idNumber: v.citizenIdNumber, idType: v.citizenIdType, address: v.citizenAddress, phone: v.citizenPhone };
      sealed.push(sealedRow(env, env.newId, c.id, 'visit', v.id, { ...person, ...(v.representatives?.length ? { representatives: v.representatives } : {}) }, env.now));
      sealedVisitIds.push(v.id);
    }
    for (const p of attached.petitions) {
      const people = [
        ...(p.petitionerName ? [{ name: p.petitionerName, idNumber: p.petitionerIdNumber, address: p.petitionerAddress, phone: p.petitionerPhone }] : []),
        ...(p.coSigners ?? []).map((s) => ({ name: s.name, idNumber: s.idNumber, address: s.address })),
      ];
      if (!people.length) continue;
      for (const person of people) sealed.push(sealedRow(env, env.newId, c.id, 'petition', p.id, person, env.now));
      sealedPetitionIds.push(p.id);
    }
  }
  const kind = patch.kind as CaseKind;
  return {
    patch,
    sealed,
    sealedVisitIds,
    sealedPetitionIds,
    audit: {
      ...caseAudit(env.actor, c, env.now),
      action: 'case.classify',
      summary: `Phân loại: ${KIND_LABELS[kind] ?? kind}${input.field ? `, lĩnh vực ${fields.find((f) => f.value === input.field)?.label}` : ''}`,
      before: { kind: c.kind, field: c.field },
      after: { kind, field: patch.field ?? null, ...(toDenunciation ? { sealedRecords: sealedVisitIds.length + sealedPetitionIds.length } : {}) },
    },
  };
}
