/**
 * The use cases, applied to rows in memory: what recordVisit, createPetition (openCase), classifyCase,
 * transitionCase (with createLinkedCase), createReceptionSession and closeReceptionSession would write, column by
 * column, for input that passed their validation. The rules are not copied: the workflow table
 * (checkTransition, clockRuleFor, outcomesFor), the legal clock (computeClock, runningClock, STOPPED_CLOCK),
 * the identity and text checks (checkIdentity, checkPerson, cleanText, foldForSearch) and the delegation and
 * notice rules are the same functions the use cases call. What is copied is the glue (which column gets which
 * value), and seed-national.test.ts replays the same commands through the real use cases and compares the rows,
 * so a change in a use case that is not mirrored here fails `npm test`.
 *
 * Not written per record: the audit rows (one per batch instead, see seed-national.ts) and the `case_sequences`
 * counters (written once at the end with the last number given per agency and year).
 */
import { cleanText, foldForSearch, normalizePhone } from '@danvan/domain/text';
import { checkTransition, clockRuleFor, clockStartDay, intakeRule, type CaseFacts, type CaseKind, type Transition } from '@danvan/domain/workflow';
import { isDelegation } from '@danvan/domain/reception/delegations';
import { defaultWithinJurisdiction, isRepeatVisit, NOTICE_RULE } from '@danvan/domain/reception/visits';
import { ClockError, DEFAULT_RULES, findRule, type WorkCalendar, type Deadline } from '@danvan/domain/clock/index';
import { diffDays } from '@danvan/domain/clock/dates';
import type { Role } from '@danvan/domain/roles';
import type { caseDuties, cases, petitions, receptionSessions, sealedIdentities, visits } from '../../db/schema.ts';
import { dutiesOpenedBy, dutiesOpenedByRefusal, type DutySpec } from '@danvan/domain/duties';
import { dutyValues, type OpenDutiesInput } from '../../modules/cases/duties.ts';
import type { AgencyRow } from '../../modules/agencies/queries.ts';
import { SEALED_NAME, sealPerson, type PersonIdentity } from '../../modules/cases/open-case.ts';
import type { TransitionInput } from '../../modules/cases/transition-case.ts';
import { clockFacts, complexityFlags, stepPatch } from '../../modules/cases/transition-patch.ts';
import { linkedCaseRule } from '../../modules/cases/transition-case.ts';
import { checkIdentity, checkPerson } from '../../modules/input-checks.ts';
import type { RecordVisitInput } from '../../modules/reception/record-visit.ts';
import type { CreatePetitionInput } from '../../modules/petitions/create-petition.ts';
import type { CreateSessionInput } from '../../modules/reception/create-reception-session.ts';
import { clockInputs, clockInputsOf, computeClock, runningClock, STOPPED_CLOCK, type ClockInputs } from '../../modules/clock/deadlines.ts';
import type { Sealer } from '../../security/sealer.ts';
import type { PersonHasher } from '../../security/person-hash.ts';
import type { FieldIssue } from '../../plugins/errors.ts';

export type CaseRow = typeof cases.$inferSelect;
export type VisitRow = typeof visits.$inferSelect;
export type PetitionRow = typeof petitions.$inferSelect;
export type SessionRow = typeof receptionSessions.$inferSelect;
export type SealedRow = typeof sealedIdentities.$inferSelect;
export type DutyRow = typeof caseDuties.$inferSelect;

/** openDuties (modules/cases/duties.ts): the duties a step or a refusal opens beside the running deadline (ADR 0024). */
function openDuties(world: World, c: CaseState, specs: readonly DutySpec[], input: Omit<OpenDutiesInput, 'specs' | 'caseId'>): void {
  for (const spec of specs) {
    c.duties.push({ id: world.newId(), seq: 0, ...dutyValues(spec, { ...input, caseId: c.row.id }, (i) => world.clock.compute(i)), doneOn: null, documentNo: null, doneBy: null, overdueSince: null });
  }
}

/** The generator acts with every desk and case role on the whole tree (it stands for all the staff). */
export const GENERATOR_ROLES: ReadonlySet<Role> = new Set<Role>(['receptionist', 'handler', 'investigator', 'head']);

export interface Actor {
  id: string;
  displayName: string;
}

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

  /** startClock (modules/clock/deadlines.ts): a date the clock cannot time gets no deadline. */
  start(inputs: ClockInputs) {
    try {
      return runningClock(this.compute(inputs), inputs);
    } catch (err) {
      if (err instanceof ClockError) return STOPPED_CLOCK;
      throw err;
    }
  }

  recompute(inputs: ClockInputs) {
    return runningClock(this.compute(inputs), inputs);
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

function fail(what: string, issues: FieldIssue[]): never {
  throw new Error(`generator produced invalid ${what}: ${issues.map((i) => `${i.field} ${i.key}`).join(', ')}`);
}

export function caseCode(agency: AgencyRow, year: number, seq: number): string {
  return `${agency.code}-${year}-${String(seq).padStart(5, '0')}`;
}

function seal(world: World, caseId: string, ownerType: string, ownerId: string, person: PersonIdentity, now: Date): SealedRow {
  return { id: world.newId(), caseId, ownerType, ownerId, ...sealPerson(world, person), createdAt: now };
}

type ClockColumns = Pick<CaseRow, 'dueOn' | 'dueRule' | 'dueRuleVersion' | 'clockFrom' | 'clockRemote' | 'clockComplex' | 'clockEspeciallyComplex' | 'clockSeveralSites' | 'clockExtensions' | 'clockSuspendedDays'>;

/** The clock columns as stored (runningClock / STOPPED_CLOCK give every one of them). */
function clockColumns(c: ReturnType<Clock['start']>): ClockColumns {
  return {
    dueOn: c.dueOn ?? null,
    dueRule: c.dueRule ?? null,
    dueRuleVersion: c.dueRuleVersion ?? null,
    clockFrom: c.clockFrom ?? null,
    clockRemote: c.clockRemote ?? false,
    clockComplex: c.clockComplex ?? false,
    clockEspeciallyComplex: c.clockEspeciallyComplex ?? false,
    clockSeveralSites: c.clockSeveralSites ?? false,
    clockExtensions: [...(c.clockExtensions ?? [])],
    clockSuspendedDays: c.clockSuspendedDays ?? 0,
  };
}

/** A new case in state `received` as inserted by openCase and createLinkedCase (columns not given keep their defaults). */
function newCaseRow(world: World, i: { id: string; code: string; agency: AgencyRow; kind: CaseKind; content: string; contentKey: string; petitionerName: string | null; receivedOn: string; now: Date; rule?: string }): CaseRow {
  return {
    id: i.id,
    code: i.code,
    agencyId: i.agency.id,
    agencyPath: i.agency.path,
    kind: i.kind,
    state: 'received',
    jurisdiction: null,
    field: null,
    content: i.content,
    contentKey: i.contentKey,
    petitionerName: i.petitionerName,
    receivedOn: i.receivedOn,
    acceptedOn: null,
    decidedOn: null,
    closedOn: null,
    outcome: null,
    // The kind's intake rule (openCase), or the linked case's rule (createLinkedCase).
    ...clockColumns(world.clock.start(clockInputs(i.rule ?? intakeRule(i.kind), i.receivedOn, { remote: i.agency.remote }))),
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
    createdBy: world.actor.id,
    createdAt: i.now,
    updatedAt: i.now,
  };
}

/** openCase (modules/cases/open-case.ts). */
export function openCase(world: World, i: { agency: AgencyRow; kind: CaseKind; content: string; receivedOn: string; petitionerName: string | null; now: Date; id: string }): CaseRow {
  const year = Number(i.receivedOn.slice(0, 4));
  return newCaseRow(world, {
    id: i.id,
    code: caseCode(i.agency, year, world.nextSeq(i.agency.id, year)),
    agency: i.agency,
    kind: i.kind,
    content: i.content,
    contentKey: foldForSearch(i.content),
    petitionerName: i.kind === 'denunciation' ? SEALED_NAME : i.petitionerName,
    receivedOn: i.receivedOn,
    now: i.now,
  });
}

const optionalText = (v: string | undefined) => (v === undefined ? null : cleanText(v) || null);

/** recordVisit (modules/reception/record-visit.ts) for a valid input; `existing` is the linked case, `session` the open session. */
export function recordVisit(
  world: World,
  agency: AgencyRow,
  input: RecordVisitInput,
  now: Date,
  existing: CaseState | null,
  session: SessionRow | null,
  ids: { visit: string; case?: string },
): { visit: VisitRow; opened: CaseState | null; sealed: SealedRow | null } {
  const issues: FieldIssue[] = [];
  const citizen = checkIdentity('citizen', input.citizen, issues);
  let phone: string | null = null;
  if (input.citizen.phone?.trim()) phone = normalizePhone(input.citizen.phone);
  const content = cleanText(input.content);
  const peopleCount = input.peopleCount ?? 1;
  const outcome = input.outcome ?? 'petition-received';
  const representatives = (input.representatives ?? []).map((r, i) => checkIdentity(`representatives.${i}`, r, issues));
  const documents = (input.documents ?? []).map((d) => ({ title: cleanText(d.title), pages: d.pages ?? null, original: d.original ?? false }));
  if (issues.length || !content || (input.citizen.phone?.trim() && !phone)) fail('visit', issues);
  const visitedOn = input.visitedOn ?? session?.heldOn;
  if (!visitedOn) throw new Error('visit without a date');
  if (session && (session.status !== 'scheduled' || session.heldOn !== visitedOn)) throw new Error('visit outside its session');

  const sealed = input.type === 'denunciation';
  const opensCase = outcome === 'petition-received' && !existing;
  const repeat = isRepeatVisit(Boolean(existing));
  let notice: { due: string; version: string } | null = null;
  if (outcome === 'petition-received') {
    try {
      notice = world.clock.compute(clockInputs(NOTICE_RULE, visitedOn, { remote: agency.remote }));
    } catch (err) {
      if (!(err instanceof ClockError)) throw err;
    }
  }
  const opened: CaseState | null = opensCase
    ? { row: openCase(world, { agency, kind: input.type, content, receivedOn: visitedOn, petitionerName: citizen.name, now, id: ids.case ?? world.newId() }), agency, firstPetition: null, sealed: [], duties: [] }
    : null;
  const theCase = opened ?? existing;
  const guidanceDocNo = optionalText(input.guidance?.documentNo);
  const visit: VisitRow = {
    id: ids.visit,
    agencyId: agency.id,
    agencyPath: agency.path,
    visitedOn,
    citizenName: sealed ? null : citizen.name,
    citizenIdNumber: sealed ? null : citizen.idNumber,
    citizenIdType: sealed ? null : citizen.idType,
    citizenAddress: sealed ? null : citizen.address,
    citizenPhone: sealed ? null : phone,
    kind: input.type,
    content,
    peopleCount,
    isDelegation: isDelegation(peopleCount),
    representatives: sealed || !input.representatives ? null : representatives,
    isRepeat: repeat,
    caseId: theCase?.row.id ?? null,
    outcome,
    sessionId: session?.id ?? null,
    documents: documents.length ? documents : null,
    priorAgencies: optionalText(input.priorAgencies),
    withinJurisdiction: input.withinJurisdiction ?? defaultWithinJurisdiction(outcome),
    guidanceDocNo: outcome === 'guided' ? guidanceDocNo : null,
    guidedTo: outcome === 'guided' ? optionalText(input.guidance?.to) : null,
    forwardedTo: outcome === 'forwarded' ? optionalText(input.transfer?.agency) : null,
    transferDocNo: outcome === 'forwarded' ? optionalText(input.transfer?.documentNo) : null,
    refusalGround: outcome === 'refused' ? (input.refusal?.ground ?? null) : null,
    resultFollowUp: optionalText(input.resultFollowUp),
    notes: optionalText(input.notes),
    noticeDueOn: notice?.due ?? null,
    noticeRuleVersion: notice?.version ?? null,
    noticeSentOn: null,
    noticeOutcome: null,
    noticeDocNo: null,
    source: 'desk',
    importId: null,
    importRow: null,
    createdBy: world.actor.id,
    createdAt: now,
  };
  if (outcome === 'refused' && theCase) openDuties(world, theCase, dutiesOpenedByRefusal(visit.refusalGround), { from: visitedOn, remote: agency.remote, openedBy: 'visit.record', visitId: visit.id, now });
  let sealedRow: SealedRow | null = null;
  if (sealed && theCase) {
    sealedRow = seal(world, theCase.row.id, 'visit', visit.id, { ...citizen, phone, ...(input.representatives ? { representatives } : {}) }, now);
    theCase.sealed.push(sealedRow);
  }
  return { visit, opened, sealed: sealedRow };
}

/** createPetition (modules/petitions/create-petition.ts) for a valid input. */
export function createPetition(
  world: World,
  agency: AgencyRow,
  input: CreatePetitionInput,
  now: Date,
  existing: CaseState | null,
  ids: { petition: string; case?: string },
): { petition: PetitionRow; opened: CaseState | null; sealed: SealedRow | null } {
  const issues: FieldIssue[] = [];
  const anonymous = input.anonymous ?? false;
  const person = input.petitioner && !anonymous ? checkPerson('petitioner', input.petitioner, issues) : null;
  const content = cleanText(input.content);
  if (issues.length || !content || !input.receivedOn) fail('petition', issues);
  const receivedOn = input.receivedOn;
  const sealed = input.type === 'denunciation';
  const opened: CaseState | null = existing
    ? null
    : { row: openCase(world, { agency, kind: input.type, content, receivedOn, petitionerName: person?.name ?? null, now, id: ids.case ?? world.newId() }), agency, firstPetition: null, sealed: [], duties: [] };
  const theCase = (existing ?? opened)!;
  const petition: PetitionRow = {
    id: ids.petition,
    agencyId: agency.id,
    agencyPath: agency.path,
    caseId: theCase.row.id,
    visitId: null,
    channel: input.channel,
    receivedOn,
    kind: input.type,
    content,
    anonymous,
    petitionerName: sealed ? null : (person?.name ?? null),
    petitionerIdNumber: sealed ? null : (person?.idNumber ?? null),
    petitionerAddress: sealed ? null : (person?.address ?? null),
    petitionerPhone: sealed ? null : (person?.phone ?? null),
    coSigners: [],
    createdBy: world.actor.id,
    createdAt: now,
  };
  theCase.firstPetition ??= petition;
  let sealedRow: SealedRow | null = null;
  if (sealed && person) {
    sealedRow = seal(world, theCase.row.id, 'petition', petition.id, person, now);
    theCase.sealed.push(sealedRow);
  }
  return { petition, opened, sealed: sealedRow };
}

/** classifyCase (modules/cases/classify-case.ts): the handler records the field. */
export function classifyCase(c: CaseState, field: string, now: Date): void {
  c.row.field = field;
  c.row.updatedAt = now;
}

/** caseFacts (modules/cases/transition-case.ts). */
export function caseFacts(world: World, c: CaseState, today: string, input?: TransitionInput): CaseFacts {
  const row = c.row;
  const flags = complexityFlags(row, input);
  const timed = clockFacts(row, { remote: c.agency.remote, on: input?.on ?? today, today, compute: (inputs) => world.clock.compute(inputs), decisionReceivedOn: input?.decisionReceivedOn });
  return {
    ...timed,
    instance: row.instance === 2 ? 2 : 1,
    dialogueHeld: row.dialogueHeld,
    extensionsUsed: Array.isArray(row.clockExtensions) ? row.clockExtensions.length : 0,
    extensionsAllowed: row.kind === 'denunciation' ? (flags.especiallyComplex ? 2 : flags.complex ? 1 : 0) : 0,
    alreadyForwarded: world.handled.has(`${row.agencyId}|${row.contentKey}|forwarded`),
    alreadyGuided: world.handled.has(`${row.agencyId}|${row.contentKey}|guided`),
  };
}

/** What a forward or an appeal creates in the receiving agency (createLinkedCase), built when that agency is generated. */
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
  relation: 'forward' | 'appeal' | 're-denounce';
}

/**
 * transitionCase (modules/cases/transition-case.ts) for an input the generator chose from the allowed actions.
 * Returns the linked case to create in the receiving agency (forward, appeal), or null.
 */
export function transitionCase(world: World, c: CaseState, input: TransitionInput, now: Date, today: string, linkedId: () => string): LinkedCase | null {
  const row = c.row;
  const kind = row.kind as CaseKind;
  const facts = caseFacts(world, c, today, input);
  const check = checkTransition(kind, row.state, input.action, GENERATOR_ROLES, input, facts);
  if (!check.ok) throw new Error(`generator chose a disallowed step: ${input.action} on ${kind} ${row.code} in state ${row.state} (${check.reason}${check.detail ? `: ${check.detail}` : ''})`);
  const t: Transition = check.transition;
  const on = input.on ?? today;
  if (on > today || on < row.receivedOn) throw new Error(`step date ${on} outside ${row.receivedOn}..${today} for ${row.code}`);
  let target: AgencyRow | undefined;
  const toSuperior = input.action === 'appeal' || input.action === 're-denounce';
  if (input.action === 'forward' || toSuperior) {
    const code = input.targetAgency ?? (toSuperior ? row.agencyPath.split('/').slice(-2, -1)[0] : undefined);
    target = code ? world.agencyByCode(code) : undefined;
    if (!target || target.id === row.agencyId) throw new Error(`bad target agency ${code ?? ''} for ${row.code}`);
  }
  if (input.action === 'chase') {
    target = input.targetAgency ? world.agencyByCode(input.targetAgency) : undefined;
    if (!target || !target.path.startsWith(`${row.agencyPath}/`)) throw new Error(`chase target ${input.targetAgency ?? ''} is not a lower level of ${row.code}`);
  }
  let extensionDays = 0;
  if (t.clock?.extend) {
    const running = clockInputsOf(row);
    const rule = running ? findRule(DEFAULT_RULES, running.rule, running.from) : null;
    const max = rule?.extension?.maxDays ?? 0;
    extensionDays = input.extensionDays ?? max;
    if (!running || !max || extensionDays < 1 || extensionDays > max) throw new Error(`extension not possible for ${row.code}`);
  }

  const { patch, flags, continuesAfterWithdrawal, processed } = stepPatch(row, kind, t, input, on, now, input.action === 'chase' ? (target?.id ?? null) : null);
  const startRule = clockRuleFor(kind, t, facts);
  if (startRule) {
    Object.assign(patch, clockColumns(world.clock.start(clockInputs(startRule, clockStartDay(t, on, row), { remote: c.agency.remote, complex: flags.complex, especiallyComplex: flags.especiallyComplex }))));
  } else if (t.clock?.findComplex) {
    const running = clockInputsOf(row);
    if (running) Object.assign(patch, clockColumns(world.clock.recompute({ ...running, complex: true })));
  } else if (t.clock?.severalSites) {
    const running = clockInputsOf(row);
    if (running) Object.assign(patch, clockColumns(world.clock.recompute({ ...running, severalSites: true })));
  } else if (t.clock?.extend) {
    const running = clockInputsOf(row)!;
    Object.assign(patch, clockColumns(world.clock.recompute({ ...running, complex: flags.complex, especiallyComplex: flags.especiallyComplex, extensions: [...running.extensions, extensionDays] })));
  } else if (t.clock?.resume) {
    const paused = clockInputsOf(row);
    if (paused && row.suspendedOn) Object.assign(patch, clockColumns(world.clock.recompute({ ...paused, suspendedDays: paused.suspendedDays + Math.max(0, diffDays(row.suspendedOn, on)) })));
  } else if ((t.clock?.stop && !continuesAfterWithdrawal) || (processed && !t.clock?.pause)) {
    Object.assign(patch, clockColumns(STOPPED_CLOCK));
  }

  let linked: LinkedCase | null = null;
  if (target && (input.action === 'forward' || toSuperior)) {
    linked = {
      id: linkedId(),
      source: c,
      sourceRow: { ...row },
      sourceFirstPetition: c.firstPetition,
      sourceSealed: [...c.sealed],
      target,
      kind,
      on,
      at: now.getTime(),
      appeal: toSuperior,
      relation: input.action === 'forward' ? 'forward' : input.action === 'appeal' ? 'appeal' : 're-denounce',
    };
    if (input.action === 'forward') patch.forwardedToId = linked.id;
  }
  Object.assign(row, patch);
  openDuties(world, c, dutiesOpenedBy(kind, input.action), { from: on, remote: c.agency.remote, openedBy: `case.${input.action}`, now });
  if (row.state === 'forwarded' || row.state === 'guided') world.handled.add(`${row.agencyId}|${row.contentKey}|${row.state}`);
  return linked;
}

/** The receiving side of createLinkedCase: the new case, its petition (channel `forwarded`) and the sealed copies. */
export function receiveLinkedCase(world: World, l: LinkedCase, now: Date): { state: CaseState; petition: PetitionRow } {
  const src = l.sourceRow;
  const year = Number(l.on.slice(0, 4));
  const row: CaseRow = {
    ...newCaseRow(world, {
      id: l.id,
      code: caseCode(l.target, year, world.nextSeq(l.target.id, year)),
      agency: l.target,
      kind: l.kind,
      content: src.content,
      contentKey: src.contentKey,
      petitionerName: src.petitionerName,
      receivedOn: l.on,
      now,
      rule: linkedCaseRule(l.kind, l.relation),
    }),
    field: src.field,
    instance: l.appeal ? 2 : src.instance,
    forwardedFromId: l.appeal ? null : src.id,
    previousInstanceId: l.appeal ? src.id : null,
  };
  const fp = l.sourceFirstPetition;
  const denunciation = l.kind === 'denunciation';
  const petition: PetitionRow = {
    id: world.newId(),
    agencyId: l.target.id,
    agencyPath: l.target.path,
    caseId: row.id,
    visitId: null,
    channel: 'forwarded',
    receivedOn: l.on,
    kind: l.kind,
    content: src.content,
    anonymous: fp?.anonymous ?? false,
    petitionerName: denunciation ? null : (fp?.petitionerName ?? src.petitionerName),
    petitionerIdNumber: denunciation ? null : (fp?.petitionerIdNumber ?? null),
    petitionerAddress: denunciation ? null : (fp?.petitionerAddress ?? null),
    petitionerPhone: denunciation ? null : (fp?.petitionerPhone ?? null),
    coSigners: [],
    createdBy: world.actor.id,
    createdAt: now,
  };
  const sealed = l.sourceSealed.map((s) => ({ id: world.newId(), caseId: row.id, ownerType: 'case', ownerId: row.id, keyId: s.keyId, iv: s.iv, ciphertext: s.ciphertext, authTag: s.authTag, personHash: s.personHash, createdAt: now }));
  return { state: { row, agency: l.target, firstPetition: petition, sealed, duties: [] }, petition };
}

/** createReceptionSession (modules/reception/create-reception-session.ts) for a valid input. */
export function createSession(world: World, agency: AgencyRow, input: CreateSessionInput, now: Date, id: string): SessionRow {
  const text = (v: string | undefined) => (v === undefined ? null : cleanText(v) || null);
  const head = input.kind === 'head';
  const host = input.host ? { name: text(input.host.name), title: text(input.host.title) } : null;
  const deputy = head && input.delegatedTo ? { name: text(input.delegatedTo.name), title: text(input.delegatedTo.title) } : null;
  if (input.kind === 'online' || !input.heldOn) throw new Error('the generator does not schedule online sessions');
  return {
    id,
    agencyId: agency.id,
    agencyPath: agency.path,
    kind: input.kind,
    heldOn: input.heldOn,
    startTime: input.startTime ?? null,
    endTime: input.endTime ?? null,
    location: text(input.location),
    hostUserId: null,
    hostName: host?.name ?? null,
    hostTitle: host?.title ?? null,
    delegatedToUserId: null,
    delegatedToName: deputy?.name ?? null,
    delegatedToTitle: deputy?.title ?? null,
    delegationReason: text(input.delegatedTo?.reason),
    noticeOn: null,
    onlineLink: null,
    recordingRef: null,
    capacity: input.capacity ?? null,
    status: 'scheduled',
    summary: null,
    closedAt: null,
    closedBy: null,
    createdBy: world.actor.id,
    createdAt: now,
  };
}

/** closeReceptionSession / cancelReceptionSession (modules/reception/close-reception-session.ts) without a summary. */
export function endSession(world: World, s: SessionRow, to: 'closed' | 'cancelled', now: Date): void {
  if (s.status !== 'scheduled') throw new Error(`session ${s.id} is ${s.status}`);
  s.status = to;
  s.closedAt = now;
  s.closedBy = world.actor.id;
}
