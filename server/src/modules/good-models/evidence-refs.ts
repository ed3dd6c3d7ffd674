/**
 * Typed references from a model's evidence to DânVận's own records (d1: "cases settled, dialogues held, commitments
 * kept, consultations, votes"). Each record type is owned by a module that plugs a resolver in here; a type without
 * one is refused (400 field.refUnavailable) until its module exists. Today: cases. A dialogues/commitments module
 * adds `registerEvidenceRef('commitment', …)` from its own folder (one line), nothing else changes.
 *
 * A resolver answers for a record *within the unit's subtree* (a unit cannot claim another unit's outcome) and
 * returns what the public gallery may show: a label without personal data and whether the outcome is achieved
 * (a case settled, a commitment kept). Denunciations are never linkable (the denouncer is protected).
 */
import { and, eq, or } from 'drizzle-orm';
import { RESOLVED_STATES, STATE_LABELS } from '@danvan/domain/workflow';
import { KIND_LABELS_VI } from '@danvan/domain/reports/indicators';
import { formatIsoDateVi } from '@danvan/domain/text';
import type { EvidenceRefType } from '@danvan/domain/good-models';
import type { DbOrTx } from '../../db/client.ts';
import { cases } from '../../db/schema.ts';
import { subtreeCondition } from '../auth/current-user.ts';

export interface ResolvedRef {
  /** Stable id stored on the evidence. */
  id: string;
  /** Public label: no names, no content (e.g. "Kiến nghị, phản ánh HN-00004-2026-0001 — Đã trả lời (12/08/2026)"). */
  label: string;
  /** The outcome is achieved (case settled, commitment kept); linking requires it. */
  achieved: boolean;
  /** Shown when not achieved. */
  code: string;
}

export type RefResolver = (db: DbOrTx, unitPath: string, id: string) => Promise<ResolvedRef | null>;

const resolvers = new Map<EvidenceRefType, RefResolver>();

export function registerEvidenceRef(type: EvidenceRefType, resolver: RefResolver): void {
  resolvers.set(type, resolver);
}

export function evidenceRefResolver(type: EvidenceRefType): RefResolver | undefined {
  return resolvers.get(type);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A complaint or feedback case of the unit (or below), by id or code; settled = decided/answered or later. */
const resolveCase: RefResolver = async (db, unitPath, id) => {
  const byId = UUID.test(id) ? eq(cases.id, id) : undefined;
  const [c] = await db
    .select({ id: cases.id, code: cases.code, kind: cases.kind, state: cases.state, decidedOn: cases.decidedOn, closedOn: cases.closedOn })
    .from(cases)
    .where(and(byId ? or(byId, eq(cases.code, id)) : eq(cases.code, id), subtreeCondition(unitPath, cases.agencyPath)));
  if (!c || c.kind === 'denunciation') return null;
  const achieved = RESOLVED_STATES.includes(c.state) || (c.state === 'closed' && c.decidedOn !== null);
  const on = c.decidedOn ?? c.closedOn;
  return {
    id: c.id,
    code: c.code,
    achieved,
    label: `${KIND_LABELS_VI[c.kind] ?? c.kind} ${c.code} — ${STATE_LABELS[c.state] ?? c.state}${on ? ` (${formatIsoDateVi(on)})` : ''}`,
  };
};

registerEvidenceRef('case', resolveCase);
