/**
 * Opens a case (vụ việc) inside the caller's transaction: allocates its human code, seals a denouncer's
 * identity apart from the case (with its keyed hash for repeat detection, ADR 0011), and writes the audit row.
 * Used by recordVisit, createPetition and the portal submission through planOpenCase / writeOpenedCase (ADR 0025).
 */
import { sql } from 'drizzle-orm';
import { foldForSearch } from '@danvan/domain/text';
import { intakeRule, type CaseKind } from '@danvan/domain/workflow';
import { jsonInsert, queryRows, writeTogether, type Tx, type WriteStatement } from '../../db/client.ts';
import { cases, type sealedIdentities } from '../../db/schema.ts';
import type { SealedBox, Sealer } from '../../security/sealer.ts';
import type { PersonHasher } from '../../security/person-hash.ts';
import type { AgencyRow } from '../agencies/queries.ts';
import type { CurrentUser } from '../auth/current-user.ts';
import { caseAudit, writeAudit, type AuditEntry } from '../audit/write-audit.ts';
import { calendarClock, calendarOf, clockInputs, lockCalendar, overridesJson, overridesOf, startedClock } from '../clock/deadlines.ts';
import type { PlanEnv } from '../plan.ts';
import { openedCaseSyncWrite, wakeNationalSync } from '../national-sync/enqueue-sync.ts';
import { caseIndexWrites } from '../search/index-records.ts';

/** Shown wherever a denouncer's name would be (Luật Tố cáo Art. 47(2)). */
export const SEALED_NAME = '[Đã bảo mật]';

export interface PersonIdentity {
  name: string;
  idNumber?: string | null;
  address?: string | null;
  phone?: string | null;
}

export type CaseRow = typeof cases.$inferSelect;

/** The next number of an agency's case counter for a year (an upsert returning `last`), alone or inside a statement. */
function bumpCaseSequence(agency: AgencyRow, year: number) {
  return sql`insert into case_sequences (agency_id, year, last) values (${agency.id}, ${year}, 1)
    on conflict (agency_id, year) do update set last = case_sequences.last + 1
    returning last`;
}

export async function nextCaseCode(tx: Tx, agency: AgencyRow, year: number): Promise<string> {
  const [r] = await queryRows<{ last: number }>(tx, bumpCaseSequence(agency, year));
  return caseCode(agency, year, Number(r?.last));
}

/** The human code of the `seq`-th case of an agency in a year (HN-2026-00042). */
export function caseCode(agency: Pick<AgencyRow, 'code'>, year: number, seq: number): string {
  return `${agency.code}-${year}-${String(seq).padStart(5, '0')}`;
}

export interface IdentitySecrets {
  sealer: Sealer;
  personHasher: PersonHasher;
}

/**
 * The stored form of a denouncer's identity: the sealed box and the keyed hash of the same person (personKey: the
 * ID, else the folded name and address). The national generator writes its rows with this function too.
 */
export function sealPerson(secrets: IdentitySecrets, person: PersonIdentity): SealedBox & { personHash: string | null } {
  return { ...secrets.sealer.seal(JSON.stringify(person)), personHash: secrets.personHasher.hash(person) };
}

export type SealedRow = typeof sealedIdentities.$inferSelect;

/** The sealed-identity row of a denouncer (planners); the box and hash from sealPerson. */
export function sealedRow(secrets: IdentitySecrets, newId: () => string, caseId: string, ownerType: 'visit' | 'petition', ownerId: string, person: PersonIdentity, now: Date): SealedRow {
  return { id: newId(), caseId, ownerType, ownerId, ...sealPerson(secrets, person), createdAt: now };
}

export interface OpenCaseInput {
  agency: AgencyRow;
  kind: CaseKind;
  content: string;
  receivedOn: string;
  petitionerName: string | null;
  actor: CurrentUser;
  now: Date;
  via: 'visit' | 'petition';
  /** The field (lĩnh vực) when the channel already knows it (an Open311 service code). */
  field?: string | null;
}

/** A new case in state `received` (openCase, a linked case): every column given, the clock started on `rule`. */
export function newCaseRow(
  env: Pick<PlanEnv, 'now' | 'actor' | 'compute'>,
  i: { id: string; code: string; agency: AgencyRow; kind: CaseKind; content: string; contentKey: string; petitionerName: string | null; receivedOn: string; rule: string; field: string | null },
): CaseRow {
  return {
    id: i.id,
    code: i.code,
    agencyId: i.agency.id,
    agencyPath: i.agency.path,
    kind: i.kind,
    state: 'received',
    jurisdiction: null,
    field: i.field,
    content: i.content,
    contentKey: i.contentKey,
    petitionerName: i.petitionerName,
    receivedOn: i.receivedOn,
    acceptedOn: null,
    decidedOn: null,
    closedOn: null,
    outcome: null,
    ...startedClock(env.compute, clockInputs(i.rule, i.receivedOn, { remote: i.agency.remote })),
    instance: 1,
    dialogueHeld: false,
    suspendedFromState: null,
    suspendedOn: null,
    forwardedToId: null,
    forwardedFromId: null,
    previousInstanceId: null,
    chasedAgencyId: null,
    reason: null,
    assigneeId: null,
    overdueSince: null,
    dueAtDecision: null,
    decisionSentOn: null,
    withdrawnCount: 0,
    createdBy: env.actor.id,
    createdAt: env.now,
    updatedAt: env.now,
  };
}

export interface OpenCasePlan {
  case: CaseRow;
  audit: AuditEntry<'case.open'>;
}

/** The year whose case_sequences counter numbers a case received on this day. */
export const caseYear = (receivedOn: string) => Number(receivedOn.slice(0, 4));

/**
 * openCase planned: the case row (code `code`, allocated by the writer from case_sequences) with the kind's intake
 * clock — a complaint is accepted within 7 working days (ND 124/2020 Art. 16 as amended), a denunciation taken in
 * within 7 (Luật Tố cáo Art. 24); feedback has no shorter rule than petition processing (10 working days, TT
 * 05/2021/TT-TTCP) — and its audit entry.
 */
export function planOpenCase(input: Omit<OpenCaseInput, 'actor' | 'now'>, code: string, env: PlanEnv, id = env.newId()): OpenCasePlan {
  const row = newCaseRow(env, {
    id,
    code,
    agency: input.agency,
    kind: input.kind,
    content: input.content,
    contentKey: foldForSearch(input.content),
    petitionerName: input.kind === 'denunciation' ? SEALED_NAME : input.petitionerName,
    receivedOn: input.receivedOn,
    rule: intakeRule(input.kind),
    field: input.field ?? null,
  });
  return {
    case: row,
    audit: {
      ...caseAudit(env.actor, row, env.now),
      action: 'case.open',
      summary: `Mở vụ việc ${code} (${input.via === 'visit' ? 'từ lượt tiếp công dân' : 'từ đơn'})`,
      after: { code, kind: row.kind, state: row.state, receivedOn: row.receivedOn, dueOn: row.dueOn },
    },
  };
}

/** The writes of an opened case: the row, its search entry and facts, its first national-sync event. */
export function openedCaseWrites(plan: OpenCasePlan): WriteStatement[] {
  const row = plan.case;
  return [jsonInsert(cases, [row]), ...caseIndexWrites(row), openedCaseSyncWrite(row.createdAt, row, { action: 'open', on: row.receivedOn })];
}

/**
 * The writer of an opened case, inside the caller's transaction: its writes and the channel's own (`alongside`: the
 * petition or submission that opened it) as one statement (writeTogether, issue 13 item 10), then the audit entry.
 */
export async function writeOpenedCase(tx: Tx, plan: OpenCasePlan, alongside: readonly (WriteStatement | false | null | undefined)[] = []): Promise<CaseRow> {
  await writeTogether(tx, [...openedCaseWrites(plan), ...alongside]);
  await writeAudit(tx, plan.audit);
  wakeNationalSync();
  return plan.case;
}

/**
 * The case-code counter and the calendar (under its shared lock) a plan that opens a case needs: the lock, then the
 * counter and the calendar's overrides in one statement (its snapshot is taken after the lock is granted).
 */
export async function openingReads(tx: Tx, agency: AgencyRow, receivedOn: string): Promise<{ code: string; compute: PlanEnv['compute'] }> {
  await lockCalendar(tx, 'shared');
  const year = caseYear(receivedOn);
  const [r] = await queryRows<{ last: number | string; overrides: string | null }>(tx, sql`with seq as (${bumpCaseSequence(agency, year)}) select seq.last, ${overridesJson} as overrides from seq`);
  if (!r) throw new Error('case_sequences upsert returned nothing');
  return { code: caseCode(agency, year, Number(r.last)), compute: calendarClock(calendarOf(overridesOf(r.overrides))) };
}
