/**
 * The use cases on rows in memory, for `danvan seed --national` and the case import: recordVisit, createPetition,
 * classifyCase, transitionCase (with its linked case) and the reception sessions call the SAME planners as the real
 * use cases (ADR 0025: plan, then write); this file only builds the planners' inputs from the generator's World (the
 * rows it keeps instead of a database, the memoised clock, the case-code counters, seeded ids) and keeps the plans.
 * seed-national.test.ts replays the same commands through the real use cases and compares the rows (`--exact`).
 *
 * Not written per record: the audit entries of the plans (one audit row per batch instead, see seed-national.ts)
 * and the `case_sequences` counters (written once at the end with the last number given per agency and year).
 */
import { DEFAULT_FIELDS } from '@danvan/domain/classification';
import { ClockError, type WorkCalendar, type Deadline } from '@danvan/domain/clock/index';
import type { CaseFacts, CaseKind } from '@danvan/domain/workflow';
import type { Role } from '@danvan/domain/roles';
import type { caseDuties, cases, petitions, receptionSessions, sealedIdentities, visits } from '../../db/schema.ts';
import type { AgencyRow } from '../../modules/agencies/queries.ts';
import { caseCode, caseYear } from '../../modules/cases/open-case.ts';
import { planClassify } from '../../modules/cases/plan-classify.ts';
import { linkRelation, planLinkedCase, planTransition, stepTargetCode, type LinkRelation } from '../../modules/cases/plan-transition.ts';
import type { TransitionInput } from '../../modules/cases/transition-case.ts';
import { caseFactsOf } from '../../modules/cases/transition-patch.ts';
import { computeClock, type ClockInputs } from '../../modules/clock/deadlines.ts';
import { planPetition, type CreatePetitionInput } from '../../modules/petitions/plan-petition.ts';
import type { CreateSessionInput } from '../../modules/reception/create-reception-session.ts';
import { planCreateSession, planEndSession } from '../../modules/reception/plan-session.ts';
import { planVisit, visitNeeds } from '../../modules/reception/plan-visit.ts';
import type { RecordVisitInput } from '../../modules/reception/record-visit.ts';
import type { PersonHasher } from '../../security/person-hash.ts';
import type { Sealer } from '../../security/sealer.ts';
import type { PlanActor } from '../../modules/plan.ts';

export type CaseRow = typeof cases.$inferSelect;
export type VisitRow = typeof visits.$inferSelect;
export type PetitionRow = typeof petitions.$inferSelect;
export type SessionRow = typeof receptionSessions.$inferSelect;
export type SealedRow = typeof sealedIdentities.$inferSelect;
export type DutyRow = typeof caseDuties.$inferSelect;

/** The generator acts with every desk and case role on the whole tree (it stands for all the staff). */
export const GENERATOR_ROLES: ReadonlySet<Role> = new Set<Role>(['receptionist', 'handler', 'investigator', 'head']);

export type Actor = PlanActor;

/** The clock, memoised: a deadline is a pure function of its inputs and the calendar (loaded once per run). */
export class Clock {
  readonly #memo = new Map<string, Deadline | ClockError>();
  constructor(readonly calendar: WorkCalendar) {}

  compute(inputs: ClockInputs): Deadline {
    const key = `${inputs.rule}|${inputs.ruleVersion ?? ''}|${inputs.from}|${+inputs.remote}${+inputs.complex}${+inputs.especiallyComplex}${+inputs.severalSites}|${inputs.extensions.join(',')}|${inputs.suspendedDays}`;
    let hit = this.#memo.get(key);
    if (!hit) {
      try {
        hit = computeClock(this.calendar, inputs);
      } catch (err) {
        if (!(err instanceof ClockError)) throw err;
        hit = err;
      }
      this.#memo.set(key, hit);
    }
    if (hit instanceof ClockError) throw hit;
    return hit;
  }
}

/** Everything a use case would look up in the database, kept in memory by the generator. */
export interface World {
  clock: Clock;
  actor: Actor;
  sealer: Sealer;
  personHasher: PersonHasher;
  agencyByCode(code: string): AgencyRow | undefined;
  /** nextCaseCode: the case_sequences counter of (agency, year). */
  nextSeq(agencyId: string, year: number): number;
  /** "Same content already forwarded / guided by this agency" (caseFacts). */
  handled: Set<string>;
  newId(): string;
}

/** A case and what the use cases read back from the database about it. */
export interface CaseState {
  row: CaseRow;
  agency: AgencyRow;
  /** `select … from petitions where case_id = … limit 1` (createLinkedCase copies its petitioner). */
  firstPetition: PetitionRow | null;
  sealed: SealedRow[];
  /** Duties opened on this case (written with the case). */
  duties: DutyRow[];
}

export { caseCode };

/** recordVisit (modules/reception/plan-visit.ts); `existing` is the linked case, `session` the open session. */
export function recordVisit(
  world: World,
  agency: AgencyRow,
  input: RecordVisitInput,
  now: Date,
  existing: CaseState | null,
  session: SessionRow | null,
  ids: { visit: string; case?: string },
): { visit: VisitRow; opened: CaseState | null; sealed: SealedRow | null } {
  const code = visitNeeds(input, existing?.row ?? null).opensCase ? nextCode(world, agency, input.visitedOn ?? session?.heldOn ?? '') : null;
  const plan = planVisit({ agency, input, session, existing: existing?.row ?? null, code }, envOf(world, now, idsThen(world, ids.visit, ids.case)));
  const opened: CaseState | null = plan.opened ? { row: plan.opened.case, agency, firstPetition: null, sealed: [], duties: [] } : null;
  const theCase = opened ?? existing;
  theCase?.duties.push(...plan.duties.map((d) => ({ seq: 0, ...d })));
  theCase?.sealed.push(...plan.sealed);
  return { visit: plan.visit, opened, sealed: plan.sealed[0] ?? null };
}

/** The planners' id generator: the ids the caller drew first (in the planner's order), then fresh ones. */
function idsThen(world: World, ...drawn: (string | undefined)[]): () => string {
  const queue = drawn.filter((id): id is string => id !== undefined);
  return () => queue.shift() ?? world.newId();
}

/** The planners' environment on the generator's world. */
function envOf(world: World, now: Date, newId: () => string = () => world.newId()) {
  return { now, actor: world.actor, newId, compute: (i: ClockInputs) => world.clock.compute(i), sealer: world.sealer, personHasher: world.personHasher };
}

/** The code of a case opened on `receivedOn` (nextCaseCode on the world's counters). */
function nextCode(world: World, agency: AgencyRow, receivedOn: string): string {
  const year = caseYear(receivedOn);
  return caseCode(agency, year, world.nextSeq(agency.id, year));
}

/** createPetition (modules/petitions/plan-petition.ts): the rows of the plan, the opened case kept in memory. */
export function createPetition(
  world: World,
  agency: AgencyRow,
  input: CreatePetitionInput,
  now: Date,
  existing: CaseState | null,
  ids: { petition: string; case?: string },
): { petition: PetitionRow; opened: CaseState | null; sealed: SealedRow | null } {
  const code = existing ? null : nextCode(world, agency, input.receivedOn ?? '');
  const plan = planPetition({ agency, input, existing: existing?.row ?? null, code }, envOf(world, now, idsThen(world, ids.petition, ids.case)));
  const opened: CaseState | null = plan.opened ? { row: plan.opened.case, agency, firstPetition: null, sealed: [], duties: [] } : null;
  const theCase = (existing ?? opened)!;
  theCase.firstPetition ??= plan.petition;
  if (plan.sealed.length > 1) throw new Error('the generator files no co-signers');
  theCase.sealed.push(...plan.sealed);
  return { petition: plan.petition, opened, sealed: plan.sealed[0] ?? null };
}

/** classifyCase (modules/cases/plan-classify.ts): the handler records the field (one of the default fields). */
export function classifyCase(world: World, c: CaseState, field: string, now: Date): void {
  Object.assign(c.row, planClassify(c.row, { field }, DEFAULT_FIELDS, null, envOf(world, now)).patch);
}

/** caseFacts (modules/cases/transition-case.ts) on the world: "same content already forwarded / guided" from `handled`. */
export function caseFacts(world: World, c: CaseState, today: string, input?: TransitionInput): CaseFacts {
  return caseFactsOf(c.row, {
    remote: c.agency.remote,
    today,
    compute: (inputs) => world.clock.compute(inputs),
    ...(input ? { input } : {}),
    alreadyForwarded: world.handled.has(`${c.row.agencyId}|${c.row.contentKey}|forwarded`),
    alreadyGuided: world.handled.has(`${c.row.agencyId}|${c.row.contentKey}|guided`),
    offerExtension: false,
  });
}

/** What a forward or an appeal creates in the receiving agency (planLinkedCase), planned when that agency is generated. */
export interface LinkedCase {
  id: string;
  source: CaseState;
  /** Snapshot of the source row when it was sent. */
  sourceRow: CaseRow;
  sourceFirstPetition: PetitionRow | null;
  sourceSealed: SealedRow[];
  target: AgencyRow;
  kind: CaseKind;
  on: string;
  at: number;
  /** Opened at the level above: a second complaint, or a re-denunciation. */
  appeal: boolean;
  relation: LinkRelation;
}

/**
 * transitionCase (modules/cases/plan-transition.ts) for an input the generator chose from the allowed actions.
 * Returns the linked case to create in the receiving agency (forward, appeal), or null.
 */
export function transitionCase(world: World, c: CaseState, input: TransitionInput, now: Date, today: string, linkedId: () => string): LinkedCase | null {
  const code = stepTargetCode(c.row, input);
  const target = code ? world.agencyByCode(code) : undefined;
  const relation = target ? linkRelation(input.action) : null;
  const linked = relation ? { id: linkedId(), code: null } : null;
  const plan = planTransition(
    { case: c.row, agency: c.agency, input, facts: caseFacts(world, c, today, input), roles: GENERATOR_ROLES, target, complainants: 1, linked },
    envOf(world, now),
  );
  const sent: LinkedCase | null =
    linked && target && relation
      ? { id: linked.id, source: c, sourceRow: { ...c.row }, sourceFirstPetition: c.firstPetition, sourceSealed: [...c.sealed], target, kind: plan.kind, on: plan.on, at: now.getTime(), appeal: relation !== 'forward', relation }
      : null;
  Object.assign(c.row, plan.patch);
  c.duties.push(...plan.duties.map((d) => ({ seq: 0, ...d })));
  if (c.row.state === 'forwarded' || c.row.state === 'guided') world.handled.add(`${c.row.agencyId}|${c.row.contentKey}|${c.row.state}`);
  return sent;
}

/** The receiving side (planLinkedCase): the new case, its petition (channel `forwarded`) and the sealed copies. */
export function receiveLinkedCase(world: World, l: LinkedCase, now: Date): { state: CaseState; petition: PetitionRow } {
  const plan = planLinkedCase(
    { id: l.id, code: nextCode(world, l.target, l.on), source: l.sourceRow, sourceAgency: l.source.agency, target: l.target, kind: l.kind, on: l.on, relation: l.relation, firstPetition: l.sourceFirstPetition, sealed: l.sourceSealed },
    envOf(world, now),
  );
  return { state: { row: plan.case, agency: l.target, firstPetition: plan.petition, sealed: plan.sealed, duties: [] }, petition: plan.petition };
}

/** createReceptionSession (modules/reception/plan-session.ts), the row only (the audit is one row per batch). */
export function createSession(world: World, agency: AgencyRow, input: CreateSessionInput, now: Date): SessionRow {
  return planCreateSession(agency, input, { now, actor: world.actor, newId: () => world.newId() }).session;
}

/** closeReceptionSession / cancelReceptionSession (modules/reception/plan-session.ts) without a summary. */
export function endSession(world: World, s: SessionRow, to: 'closed' | 'cancelled', now: Date): void {
  Object.assign(s, planEndSession(s, to, {}, { now, actor: world.actor }).patch);
}
