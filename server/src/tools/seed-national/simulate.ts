/**
 * One agency's history, generated as a discrete-event simulation: citizens come to the desk (in the day's regular
 * session or the head's reception day), written petitions arrive, handlers classify and decide, cases move through
 * their workflow on the legal clock, forwards and appeals land in the receiving agency. Every step is a use-case
 * command (kept in `log` when asked, for the replay test and `--exact`) applied in memory by use-cases.ts.
 *
 * Agencies are generated one at a time, in an order where a forward or an appeal always goes to an agency generated
 * later (communes → their province → ministries → the national root): the receiving side is queued as an inbound
 * event of that agency, at the time it was sent.
 */
import { formatIsoDateVi } from '@danvan/domain/text';
import { allowedTransitions, type CaseKind } from '@danvan/domain/workflow';
import { dayNumber, fromDayNumber as isoOfDay, weekday } from '@danvan/domain/clock/dates';
import type { RefusalGroundCode, VisitOutcome } from '@danvan/domain/reception/visits';
import { isDelegation } from '@danvan/domain/reception/delegations';
import { suggestClassification } from '@danvan/domain/classification';
import type { WorkCalendar } from '@danvan/domain/clock/index';
import type { AgencyRow } from '../../modules/agencies/queries.ts';
import type { TransitionInput } from '../../modules/cases/transition-case.ts';
import type { RecordVisitInput } from '../../modules/reception/record-visit.ts';
import type { CreatePetitionInput, Channel } from '../../modules/petitions/plan-petition.ts';
import type { CreateSessionInput } from '../../modules/reception/create-reception-session.ts';
import { MINISTRY_FOR_FIELD, type Model } from './model.ts';
import { Rng } from './random.ts';
import { citizen, headOf, type Citizen, type Place } from './people.ts';
import { FORWARDED_TO, GUIDED_TO, progressQuestion, writeContent } from './contents.ts';
import type { TruthCounter, VisitMasks } from './truth.ts';
import {
  GENERATOR_ROLES,
  caseFacts,
  classifyCase,
  createPetition,
  createSession,
  endSession,
  receiveLinkedCase,
  recordVisit,
  transitionCase,
  type CaseRow,
  type CaseState,
  type DutyRow,
  type LinkedCase,
  type PetitionRow,
  type SealedRow,
  type SessionRow,
  type VisitRow,
  type World,
} from './use-cases.ts';

/** A use-case command, as the replay (replay.ts) issues it. Ids are the generator's; the replay maps them. */
export type Command =
  | { at: number; seq: number; op: 'session'; agency: string; sessionId: string; input: CreateSessionInput }
  | { at: number; seq: number; op: 'end-session'; sessionId: string; to: 'closed' | 'cancelled' }
  | { at: number; seq: number; op: 'visit'; input: RecordVisitInput; visitId: string; openedCaseId: string | null }
  | { at: number; seq: number; op: 'petition'; input: CreatePetitionInput; petitionId: string; openedCaseId: string | null }
  | { at: number; seq: number; op: 'classify'; caseId: string; field: string }
  | { at: number; seq: number; op: 'transition'; caseId: string; input: TransitionInput; createdCaseId: string | null };

export interface Rows {
  sessions: SessionRow[];
  cases: CaseRow[];
  visits: VisitRow[];
  petitions: PetitionRow[];
  sealed: SealedRow[];
  duties: DutyRow[];
}

export interface SimContext {
  world: World;
  model: Model;
  seed: number;
  scale: number;
  /** Generated history [start, end]; truth periods lie in [from, end]. */
  start: string;
  from: string;
  end: string;
  calendar: WorkCalendar;
  /** Expected first-time visits per unit of day weight, at this scale, for an agency of share 1. */
  rateUnit: number;
  /** Day weights (month × weekday), 0 on non-working days, indexed by day number − dayNumber(start). */
  dayWeight: Float64Array;
  /** Sum of dayWeight over [from, end]: expected visits in the range = rateUnit × share × this. */
  rangeWeight: number;
  shares: Map<string, number>;
  /** The direct lower levels of an agency (a province's communes), in code order: the agencies it may chase. */
  lowerLevels: (agencyId: string) => readonly AgencyRow[];
  inbound: Map<string, LinkedCase[]>;
  truth: TruthCounter;
  log: Command[] | null;
  nextSeq: () => number;
  /** Classification memo: template|agency → field. */
  fields: Map<string, string>;
}

/** Omit over each member of a union. */
type WithoutSeq<T> = T extends unknown ? Omit<T, 'seq'> : never;

const MINUTE = 60_000;
const DAY_MS = 86_400_000;
const ISO_CACHE = new Map<number, string>();
/** 'YYYY-MM-DD' of a day number (cached: the generator asks for the same few hundred days millions of times). */
function fromDayNumber(day: number): string {
  let s = ISO_CACHE.get(day);
  if (s === undefined) {
    s = isoOfDay(day);
    ISO_CACHE.set(day, s);
  }
  return s;
}

/** An instant on a day at a local time (Asia/Ho_Chi_Minh, UTC+7). */
const instant = (day: number, minutesLocal: number, ms = 0) => day * DAY_MS + (minutesLocal - 420) * MINUTE + ms;
const dayOf = (at: number) => Math.floor((at + 7 * 3600_000) / DAY_MS);

interface CaseSim extends CaseState {
  rng: Rng;
  origin: 'visit' | 'petition' | 'forwarded' | 'appeal';
  anonymous: boolean;
  citizen: Citizen | null;
  /** The template that wrote the content (contents.ts), to reuse the classification of the same words. */
  template: string | null;
  visitMasks: VisitMasks;
  dueAtResolution: string | null;
  /** A decided complaint the complainant will appeal once the decision is sent. */
  appealing?: boolean;
  lastAt: number;
  /** Planned by the handler at intake. */
  extensions: number;
  dialogue: boolean;
}

type Event =
  | { at: number; seq: number; type: 'visit'; rng: Rng; session: 'head' | 'regular'; repeatOf: CaseSim | null }
  | { at: number; seq: number; type: 'petition'; rng: Rng; duplicateOf: CaseSim | null }
  | { at: number; seq: number; type: 'step'; c: CaseSim; input: TransitionInput; classify: boolean }
  | { at: number; seq: number; type: 'inbound'; linked: LinkedCase }
  | { at: number; seq: number; type: 'end-session'; session: SessionRow; to: 'closed' | 'cancelled' };

/** Min-heap on (at, seq). */
class Queue {
  readonly #h: Event[] = [];
  get size() {
    return this.#h.length;
  }
  #less(a: Event, b: Event) {
    return a.at < b.at || (a.at === b.at && a.seq < b.seq);
  }
  push(e: Event) {
    const h = this.#h;
    h.push(e);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.#less(h[i]!, h[p]!)) break;
      [h[i], h[p]] = [h[p]!, h[i]!];
      i = p;
    }
  }
  pop(): Event | undefined {
    const h = this.#h;
    const top = h[0];
    const last = h.pop();
    if (h.length && last) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && this.#less(h[l]!, h[m]!)) m = l;
        if (r < h.length && this.#less(h[r]!, h[m]!)) m = r;
        if (m === i) break;
        [h[i], h[m]] = [h[m]!, h[i]!];
        i = m;
      }
    }
    return top;
  }
}

const REFUSAL_WEIGHTS: Partial<Record<RefusalGroundCode, number>> = {
  'repeat-nothing-new': 40,
  'not-a-petition': 20,
  'already-settled': 15,
  'final-court-judgment': 10,
  'handled-by-competent-body': 10,
  'threats-or-insults': 5,
};
const ARCHIVE_WEIGHTS: Record<string, number> = { duplicate: 30, 'already-guided': 15, 'already-resolved': 15, 'limitation-expired': 10, 'court-accepted': 8, 'sent-to-many': 12, unsigned: 5, other: 5 };
const DOCUMENT_TITLES: Record<CaseKind, string> = { complaint: 'Đơn khiếu nại', denunciation: 'Đơn tố cáo', feedback: 'Đơn kiến nghị, phản ánh' };

export class AgencySimulation {
  readonly rows: Rows = { sessions: [], cases: [], visits: [], petitions: [], sealed: [], duties: [] };
  readonly #cases: CaseSim[] = [];
  readonly #q = new Queue();
  readonly #rng: Rng;
  readonly #place: Place;
  readonly #regular = new Map<number, SessionRow>();
  readonly #head = new Map<number, SessionRow>();
  readonly #endDay: number;
  readonly #startDay: number;
  readonly #sessionKinds = new Map<string, string>();

  constructor(
    readonly ctx: SimContext,
    readonly agency: AgencyRow,
    place: Place,
  ) {
    this.#rng = new Rng(ctx.seed, `agency:${agency.code}`);
    this.#place = place;
    this.#startDay = dayNumber(ctx.start);
    this.#endDay = dayNumber(ctx.end);
  }

  #event(e: WithoutSeq<Event>) {
    (e as Event).seq = this.ctx.nextSeq();
    this.#q.push(e as Event);
  }

  #log(c: WithoutSeq<Command>) {
    if (!this.ctx.log) return;
    (c as Command).seq = this.ctx.nextSeq();
    this.ctx.log.push(c as Command);
  }

  #working(day: number): boolean {
    const i = day - this.#startDay;
    const w = this.ctx.dayWeight;
    if (i >= 0 && i < w.length) return w[i]! > 0;
    return this.ctx.calendar.isWorkingDay(fromDayNumber(day));
  }

  /** The first working day on or after `day`. */
  #workday(day: number): number {
    let d = day;
    while (!this.#working(d)) d++;
    return d;
  }

  #addWorkingDays(day: number, n: number): number {
    let d = day;
    for (let k = 0; k < n; k++) d = this.#workday(d + 1);
    return d;
  }

  /** Generates everything, then returns the rows to store. */
  run(): Rows {
    // The "once only" guards look at this agency's own cases: forget the previous agency's.
    this.ctx.world.handled.clear();
    this.#schedule();
    for (const l of this.ctx.inbound.get(this.agency.id) ?? []) this.#event({ at: l.at, type: 'inbound', linked: l });
    this.ctx.inbound.delete(this.agency.id);
    for (let e = this.#q.pop(); e; e = this.#q.pop()) this.#fire(e);
    for (const c of this.#cases) {
      this.ctx.truth.finalCase(c.row, c.visitMasks, c.dueAtResolution);
      this.rows.cases.push(c.row);
      this.rows.duties.push(...c.duties);
    }
    return this.rows;
  }

  // ── What arrives, and when ───────────────────────────────────────────────────────────────────────────────

  #schedule() {
    const { ctx, agency } = this;
    const share = ctx.shares.get(agency.id) ?? 0;
    if (share <= 0) return;
    const rng = this.#rng;
    const lambda = ctx.rateUnit * share;
    const expectedInRange = lambda * ctx.rangeWeight;
    const head = expectedInRange >= ctx.model.headSessionMinVisits ? this.#scheduleHeadSessions() : new Set<number>();
    for (let i = 0; i < ctx.dayWeight.length; i++) {
      const w = ctx.dayWeight[i]!;
      if (w <= 0) continue;
      const day = this.#startDay + i;
      const visits = rng.poisson(lambda * w);
      for (let k = 0; k < visits; k++) this.#scheduleVisit(rng.fork('v'), day, head.has(day), null);
      const letters = rng.poisson(lambda * w * ctx.model.writtenPerVisit);
      for (let k = 0; k < letters; k++) this.#event({ at: instant(day, rng.int(480, 1010), rng.int(0, 59_999)), type: 'petition', rng: rng.fork('p'), duplicateOf: null });
    }
  }

  #scheduleVisit(rng: Rng, day: number, headDay: boolean, repeatOf: CaseSim | null) {
    const inHead = headDay && this.#head.get(day)?.status === 'scheduled' && rng.chance(this.ctx.model.headSessionVisitShare);
    const minute = inHead ? rng.int(465, 675) : rng.int(465, 1005);
    this.#event({ at: instant(day, minute, rng.int(0, 59_999)), type: 'visit', rng, session: inHead ? 'head' : 'regular', repeatOf });
  }

  /** The head's reception days (Luật TCD Art. 15, 18): weekly in a commune, monthly above; a few by a deputy, a few cancelled. */
  #scheduleHeadSessions(): Set<number> {
    const { agency, ctx } = this;
    const rng = this.#rng.fork('head');
    const people = headOf(rng, agency.level);
    const days = new Set<number>();
    if (agency.level === 'commune') {
      const wd = rng.int(1, 5);
      for (let d = this.#startDay; d <= this.#endDay; d++) if (weekday(fromDayNumber(d)) === wd) days.add(this.#workday(d));
    } else {
      for (let d = this.#startDay; d <= this.#endDay; d++) if (fromDayNumber(d).endsWith('-10')) days.add(this.#workday(d));
    }
    for (const day of [...days]) {
      if (day > this.#endDay) {
        days.delete(day);
        continue;
      }
      const how = rng.weighted(ctx.model.headSession);
      const iso = fromDayNumber(day);
      const input: CreateSessionInput = {
        agency: agency.code,
        kind: 'head',
        heldOn: iso,
        startTime: '07:30',
        endTime: '11:30',
        location: `Trụ sở ${agency.fullName}`,
        host: { name: people.name, title: people.title },
        ...(how === 'deputy' ? { delegatedTo: { name: people.deputy.name, title: people.deputy.title, reason: 'Thủ trưởng đi công tác' } } : {}),
      };
      const at = instant(day, 420, rng.int(0, 59_999));
      const s = createSession(ctx.world, agency, input, new Date(at));
      this.#log({ at, op: 'session', agency: agency.code, sessionId: s.id, input });
      this.#head.set(day, s);
      this.#sessionKinds.set(s.id, 'head');
      this.rows.sessions.push(s);
      if (how === 'cancelled') {
        const cancelAt = instant(day, 425, rng.int(0, 59_999));
        endSession(ctx.world, s, 'cancelled', new Date(cancelAt));
        this.#log({ at: cancelAt, op: 'end-session', sessionId: s.id, to: 'cancelled' });
        days.delete(day);
      } else {
        this.#event({ at: instant(day, 690, rng.int(0, 59_999)), type: 'end-session', session: s, to: 'closed' });
      }
    }
    return days;
  }

  /** Today's regular session, opened at 07:30 by the first visit that needs it and closed at 17:00. */
  #regularSession(day: number): SessionRow {
    let s = this.#regular.get(day);
    if (s) return s;
    const { ctx, agency } = this;
    const iso = fromDayNumber(day);
    const input: CreateSessionInput = { agency: agency.code, kind: 'regular', heldOn: iso, startTime: '07:30', endTime: '17:00', location: `Trụ sở tiếp công dân, ${agency.fullName}` };
    const at = instant(day, 450, this.#rng.int(0, 59_999));
    s = createSession(ctx.world, agency, input, new Date(at));
    this.#log({ at, op: 'session', agency: agency.code, sessionId: s.id, input });
    this.#regular.set(day, s);
    this.#sessionKinds.set(s.id, 'regular');
    this.rows.sessions.push(s);
    this.#event({ at: instant(day, 1020, this.#rng.int(0, 59_999)), type: 'end-session', session: s, to: 'closed' });
    return s;
  }

  // ── Events ──────────────────────────────────────────────────────────────────────────────────────────────

  #fire(e: Event) {
    switch (e.type) {
      case 'visit':
        return this.#visit(e.at, e.rng, e.session, e.repeatOf);
      case 'petition':
        return this.#petition(e.at, e.rng, e.duplicateOf);
      case 'step':
        return this.#step(e.at, e.c, e.input, e.classify);
      case 'inbound':
        return this.#inbound(e.linked);
      case 'end-session':
        endSession(this.ctx.world, e.session, e.to, new Date(e.at));
        this.#log({ at: e.at, op: 'end-session', sessionId: e.session.id, to: e.to });
        return;
    }
  }

  #visit(at: number, rng: Rng, sessionKind: 'head' | 'regular', repeatOf: CaseSim | null) {
    const { ctx, agency } = this;
    const m = ctx.model;
    const day = dayOf(at);
    const visitedOn = fromDayNumber(day);
    const session = sessionKind === 'head' ? this.#head.get(day)! : this.#regularSession(day);
    const kind: CaseKind = repeatOf ? (repeatOf.row.kind as CaseKind) : rng.weighted(m.kind);
    const person = repeatOf?.citizen ?? citizen(rng, this.#place);
    let content: string;
    let template: string | null = null;
    let outcome: VisitOutcome;
    if (repeatOf) {
      content = progressQuestion(rng, kind, formatIsoDateVi(repeatOf.row.receivedOn), repeatOf.row.content);
      outcome = rng.chance(m.repeatGuided) ? 'guided' : 'petition-received';
    } else {
      ({ text: content, template } = writeContent(rng, kind, { place: this.#place.unitName, year: Number(visitedOn.slice(0, 4)), name: person.name }));
      outcome = rng.weighted(m.deskOutcome) as VisitOutcome;
    }
    const delegation = !repeatOf && rng.chance(m.delegationShare);
    const peopleCount = delegation ? 5 + Math.min(45, rng.geometric(0.82)) : rng.chance(m.smallGroupShare) ? rng.int(2, 4) : 1;
    const input: RecordVisitInput = {
      agency: agency.code,
      visitedOn,
      citizen: { name: person.name, idNumber: person.idNumber, address: person.address, ...(person.phone ? { phone: person.phone } : {}) },
      content,
      type: kind,
      sessionId: session.id,
      ...(peopleCount > 1 ? { peopleCount } : {}),
      ...(repeatOf ? { caseId: repeatOf.row.id } : {}),
      ...(outcome !== 'petition-received' ? { outcome } : {}),
    };
    if (isDelegation(peopleCount)) {
      const count = peopleCount <= 10 ? rng.int(1, 2) : rng.int(1, 5);
      const reps = [person, ...Array.from({ length: count - 1 }, () => citizen(rng, this.#place))];
      input.representatives = reps.map((r) => ({ name: r.name, idNumber: r.idNumber, address: r.address }));
    }
    if (outcome === 'guided') input.guidance = { documentNo: `${rng.int(1, 999)}/HD-TCD`, to: rng.pick(GUIDED_TO) };
    if (outcome === 'forwarded') input.transfer = { agency: rng.pick(FORWARDED_TO), documentNo: `${rng.int(1, 999)}/PC-TCD` };
    if (outcome === 'refused') input.refusal = { ground: rng.weighted(REFUSAL_WEIGHTS as Record<RefusalGroundCode, number>) };
    if (outcome === 'petition-received' && rng.chance(0.6)) input.documents = [{ title: DOCUMENT_TITLES[kind], pages: rng.int(1, 6), original: true }];

    const visitId = ctx.world.newId();
    const caseId = outcome === 'petition-received' && !repeatOf ? ctx.world.newId() : undefined;
    const r = recordVisit(ctx.world, agency, input, new Date(at), repeatOf, session, { visit: visitId, ...(caseId ? { case: caseId } : {}) });
    this.#log({ at, op: 'visit', input, visitId, openedCaseId: r.opened?.row.id ?? null });
    this.rows.visits.push(r.visit);
    if (r.sealed) this.rows.sealed.push(r.sealed);
    const kindOfSession = this.#sessionKinds.get(session.id) ?? null;
    const mask = ctx.truth.visit(agency.id, r.visit, kindOfSession);
    const theCase = repeatOf ?? (r.opened ? this.#adopt(r.opened, rng.fork('case'), 'visit', person, false, at, template) : null);
    if (theCase) {
      theCase.visitMasks.all |= mask;
      if (kindOfSession === 'head') theCase.visitMasks.head |= mask;
      else theCase.visitMasks.regular |= mask;
    }
    if (r.opened && theCase) this.#scheduleRepeats(theCase, day, m.repeatFirst);
  }

  #scheduleRepeats(c: CaseSim, day: number, pFirst: number) {
    const rng = c.rng.fork('repeats');
    let d = day;
    let p = pFirst;
    while (rng.chance(p)) {
      d = this.#workday(d + rng.int(7, 75));
      if (d > this.#endDay) break;
      this.#scheduleVisit(rng.fork('rv'), d, this.#head.has(d), c);
      p = this.ctx.model.repeatMore;
    }
  }

  #petition(at: number, rng: Rng, duplicateOf: CaseSim | null) {
    const { ctx, agency } = this;
    const m = ctx.model;
    const receivedOn = fromDayNumber(dayOf(at));
    const kind: CaseKind = duplicateOf ? (duplicateOf.row.kind as CaseKind) : rng.weighted(m.kind);
    const anonymous = duplicateOf ? duplicateOf.anonymous : rng.chance(kind === 'denunciation' ? m.anonymousShare * 3 : m.anonymousShare);
    const person = duplicateOf?.citizen ?? citizen(rng, this.#place);
    const written = duplicateOf ? { text: duplicateOf.row.content, template: duplicateOf.template } : writeContent(rng, kind, { place: this.#place.unitName, year: Number(receivedOn.slice(0, 4)), name: person.name });
    const content = written.text;
    const input: CreatePetitionInput = {
      agency: agency.code,
      channel: duplicateOf ? 'post' : (rng.weighted(m.channel) as Channel),
      receivedOn,
      type: kind,
      content,
      ...(anonymous ? { anonymous: true } : { petitioner: { name: person.name, ...(rng.chance(0.8) ? { idNumber: person.idNumber } : {}), address: person.address, ...(person.phone ? { phone: person.phone } : {}) } }),
      ...(duplicateOf ? { caseId: duplicateOf.row.id } : {}),
    };
    const petitionId = ctx.world.newId();
    const caseId = duplicateOf ? undefined : ctx.world.newId();
    const r = createPetition(ctx.world, agency, input, new Date(at), duplicateOf, { petition: petitionId, ...(caseId ? { case: caseId } : {}) });
    this.#log({ at, op: 'petition', input, petitionId, openedCaseId: r.opened?.row.id ?? null });
    this.rows.petitions.push(r.petition);
    if (r.sealed) this.rows.sealed.push(r.sealed);
    ctx.truth.petition(agency.id, receivedOn, input.channel);
    if (!r.opened) return;
    const c = this.#adopt(r.opened, rng.fork('case'), 'petition', anonymous ? null : person, anonymous, at, written.template);
    const day = dayOf(at);
    if (!anonymous && c.rng.chance(m.petitionVisit)) this.#scheduleRepeats(c, day, 1);
    if (c.rng.chance(m.duplicatePetition)) {
      const d = this.#workday(day + c.rng.int(5, 40));
      if (d <= this.#endDay) this.#event({ at: instant(d, c.rng.int(480, 1010), c.rng.int(0, 59_999)), type: 'petition', rng: c.rng.fork('dup'), duplicateOf: c });
    }
  }

  #inbound(l: LinkedCase) {
    const now = new Date(l.at);
    const r = receiveLinkedCase(this.ctx.world, l, now);
    this.rows.petitions.push(r.petition);
    this.rows.sealed.push(...r.state.sealed);
    this.ctx.truth.petition(this.agency.id, l.on, 'forwarded');
    const sourceCitizen = (l.source as CaseSim).citizen ?? null;
    this.#adopt(r.state, new Rng(this.ctx.seed, `linked:${l.id}`), l.appeal ? 'appeal' : 'forwarded', sourceCitizen, r.petition.anonymous, l.at, (l.source as CaseSim).template);
  }

  /** A new case of this agency: keeps it, plans its handling and schedules the first step. */
  #adopt(state: CaseState, rng: Rng, origin: CaseSim['origin'], person: Citizen | null, anonymous: boolean, at: number, template: string | null): CaseSim {
    const m = this.ctx.model;
    const kind = state.row.kind;
    const c: CaseSim = Object.assign(state, {
      rng,
      template,
      origin,
      anonymous,
      citizen: person,
      visitMasks: { all: 0, regular: 0, head: 0 },
      dueAtResolution: null,
      lastAt: at,
      extensions: 0,
      dialogue: state.row.instance === 2 || rng.chance(m.dialogueFirstInstance),
    });
    if (kind === 'denunciation') c.extensions = rng.chance(m.denunciationEspeciallyComplex) ? rng.int(1, 2) : rng.chance(m.denunciationComplex) ? rng.int(0, 1) : 0;
    this.#cases.push(c);
    this.#planNext(c);
    return c;
  }

  // ── What handlers decide ────────────────────────────────────────────────────────────────────────────────

  /** A step `days` after the case's last one (on a working day, at a working hour, after the last step). */
  #at(c: CaseSim, day: number): number | null {
    const d = this.#workday(Math.max(day, dayOf(c.lastAt)));
    if (d > this.#endDay) return null;
    let at = instant(d, c.rng.int(480, 1000), c.rng.int(0, 59_999));
    if (at <= c.lastAt) at = c.lastAt + c.rng.int(1, 40) * MINUTE;
    if (dayOf(at) !== d) return null;
    return at;
  }

  #plan(c: CaseSim, day: number, input: Omit<TransitionInput, 'on'>, classify = false) {
    const at = this.#at(c, day);
    if (at === null) return;
    this.#event({ at, type: 'step', c, input: { ...input, on: fromDayNumber(dayOf(at)) }, classify });
  }

  #allowed(c: CaseSim, action: string, today: string): boolean {
    const facts = caseFacts(this.ctx.world, c, today);
    return allowedTransitions(c.row.kind as CaseKind, c.row.state, GENERATOR_ROLES, facts).some((t) => t.action === action);
  }

  #planNext(c: CaseSim) {
    const m = this.ctx.model;
    const rng = c.rng;
    const row = c.row;
    const kind = row.kind as CaseKind;
    const last = dayOf(c.lastAt);
    const active = (kind === 'complaint' && ['accepted', 'verifying', 'dialogue'].includes(row.state)) || (kind === 'denunciation' && ['accepted', 'verifying', 'extended'].includes(row.state));
    if (active) {
      if (rng.chance(m.withdrawPerStep)) return this.#plan(c, last + rng.int(3, 20), { action: 'withdraw', ...(kind === 'denunciation' ? { violationIndicated: rng.chance(m.violationOnWithdrawal) } : {}) });
      if (rng.chance(m.suspendPerStep)) return this.#plan(c, last + rng.int(3, 20), { action: 'suspend', reason: 'Chờ kết quả giải quyết của cơ quan khác có liên quan' });
    }
    switch (row.state) {
      case 'received':
        return this.#planProcessing(c);
      case 'accepted':
        if (kind === 'feedback') return;
        // A second-instance complaint always goes through verification and a dialogue (Luật Khiếu nại Art. 39).
        if (row.instance === 2 || rng.chance(m.verificationShare)) return this.#plan(c, last + rng.int(1, 10), { action: 'start-verification' });
        return this.#planResolution(c);
      case 'verifying':
        if (kind === 'complaint' && c.dialogue) return this.#plan(c, last + rng.int(5, 20), { action: 'hold-dialogue' });
        return this.#planResolution(c);
      case 'dialogue':
      case 'extended':
        return this.#planResolution(c);
      case 'handling':
        return this.#plan(c, last + rng.int(5, 45), { action: 'answer', outcome: 'answered' });
      case 'suspended':
        if (kind === 'complaint' && rng.chance(m.terminateAfterSuspension)) return this.#plan(c, last + rng.int(10, 40), { action: 'terminate', reason: 'Người khiếu nại chết mà không có người thừa kế quyền, nghĩa vụ' });
        return this.#plan(c, last + rng.int(10, 40), { action: 'resume' });
      case 'decided': {
        // The decision is sent first (3 working days first instance, Art. 32; 7 days second instance, Art. 41(1)).
        // Whether the complainant appeals is drawn with the decision, then the sending is planned.
        if (row.decisionSentOn === null) {
          c.appealing = row.instance !== 2 && rng.chance(m.appealShare);
          return this.#plan(c, this.#addWorkingDays(last, rng.int(1, 3)), { action: 'send-decision' });
        }
        if (c.appealing) return this.#plan(c, last + rng.int(5, 28), { action: 'appeal' });
        if (!rng.chance(m.effectiveShare) || !row.decidedOn) return;
        const due = this.ctx.world.clock.compute({ rule: 'complaint.effective', from: row.decidedOn, remote: c.agency.remote, complex: false, especiallyComplex: false, severalSites: false, extensions: [], suspendedDays: 0 });
        return this.#plan(c, dayNumber(due.due) + rng.int(1, 20), { action: 'make-effective' });
      }
      case 'effective':
      case 'appealed':
        if (rng.chance(m.closeShare)) this.#plan(c, last + rng.int(1, 30), { action: 'close' });
        return;
      case 'concluded':
        return this.#plan(c, this.#addWorkingDays(last, rng.int(1, 5)), { action: 'send-conclusion' });
      case 'conclusion-sent':
        return this.#plan(c, this.#addWorkingDays(last, rng.int(1, 7)), { action: 'publish' });
      case 'published':
        if (rng.chance(kind === 'feedback' ? m.closeShare : 0.4)) this.#plan(c, last + rng.int(1, 20), { action: 'close' });
        return;
      case 'terminated':
        // A termination the law times (from 1/7/2026 for complaints) is sent.
        if (row.dueOn && row.decisionSentOn === null) return this.#plan(c, this.#addWorkingDays(last, rng.int(1, 3)), { action: 'send-decision' });
        return;
      case 'answered':
        if (rng.chance(m.feedbackPublish)) return this.#plan(c, last + rng.int(1, 10), { action: 'publish' });
        if (rng.chance(0.4)) this.#plan(c, last + rng.int(1, 20), { action: 'close' });
        return;
      default:
        return; // forwarded, guided, chased, archived, returned, withdrawn, terminated, closed: nothing more here
    }
  }

  #planProcessing(c: CaseSim) {
    const m = this.ctx.model;
    const rng = c.rng;
    const kind = c.row.kind as CaseKind;
    const received = dayNumber(c.row.receivedOn);
    const day = this.#addWorkingDays(received, rng.chance(m.processingLate) ? rng.int(11, 20) : rng.int(1, 10));
    let decision: string;
    if (c.origin === 'appeal') decision = 'accept';
    else if (c.anonymous && kind !== 'feedback') decision = 'archive-anonymous';
    else if (c.origin === 'forwarded') decision = rng.weighted(m.processingForwardedIn);
    else decision = rng.weighted(kind === 'feedback' ? m.processingFeedback : m.processing);
    if (decision === 'wait') return;
    if (decision === 'forward' && this.agency.level !== 'commune' && this.agency.level !== 'province') decision = 'guide';
    const lower = decision === 'chase' ? this.ctx.lowerLevels(this.agency.id) : [];
    if (decision === 'chase' && !lower.length) decision = 'guide';
    const classify = c.row.field === null;
    switch (decision) {
      case 'accept': {
        const complexity =
          kind === 'complaint' ? (rng.chance(m.complaintComplex) ? 'complex' : undefined) : kind === 'denunciation' ? (c.extensions === 2 ? 'especially-complex' : c.extensions === 1 || rng.chance(0.3) ? 'complex' : undefined) : undefined;
        // A complex complaint rests on a written finding naming one criterion (ND 124/2020 Art. 3a).
        const criterion = kind === 'complaint' && complexity ? { complexityCriterion: 'several-contents' } : {};
        return this.#plan(c, day, { action: 'accept', ...(complexity ? { complexity } : {}), ...criterion }, classify);
      }
      case 'forward':
        // The target depends on the field, which the classification gives: decided when the step fires.
        return this.#plan(c, day, { action: 'forward' }, classify);
      case 'guide':
        return this.#plan(c, day, { action: 'guide' }, classify);
      case 'chase':
        return this.#plan(c, day, { action: 'chase', targetAgency: rng.pick(lower).code }, classify);
      case 'archive':
        return this.#plan(c, day, { action: 'archive', reason: rng.weighted(ARCHIVE_WEIGHTS) }, classify);
      case 'archive-anonymous':
        return this.#plan(c, day, { action: 'archive', reason: 'anonymous' }, classify);
      case 'return-documents':
        return this.#plan(c, day, { action: 'return-documents', reason: 'Đơn không đủ điều kiện xử lý: trả lại đơn và giấy tờ, hướng dẫn bổ sung' }, classify);
      case 'withdraw':
        return this.#plan(c, day, { action: 'withdraw', ...(kind === 'denunciation' ? { violationIndicated: false } : {}) }, classify);
    }
  }

  /** Decision / conclusion: most before the deadline, some late. */
  #planResolution(c: CaseSim) {
    const m = this.ctx.model;
    const rng = c.rng;
    const row = c.row;
    const kind = row.kind as CaseKind;
    const last = dayOf(c.lastAt);
    const due = row.dueOn ? dayNumber(row.dueOn) : last + 30;
    if (kind === 'denunciation' && (row.state === 'verifying' || row.state === 'extended') && (row.clockExtensions?.length ?? 0) < c.extensions) {
      return this.#plan(c, Math.max(last + 1, due - rng.int(0, 3)), { action: 'extend', documentNo: `${rng.int(1, 999)}/QĐ-GH` });
    }
    const onTime = rng.chance(kind === 'complaint' ? m.onTimeComplaint : m.onTimeDenunciation);
    const earliest = last + 1;
    const day = onTime ? earliest + Math.floor(rng.next() * Math.max(1, due - earliest + 1)) : due + rng.int(1, m.maxDaysLate);
    if (kind === 'complaint') {
      const outcome = row.instance === 2 ? rng.weighted(m.secondInstanceOutcome) : rng.weighted(m.complaintOutcome);
      return this.#plan(c, day, { action: 'decide', outcome });
    }
    return this.#plan(c, day, { action: 'conclude', outcome: rng.weighted(m.denunciationOutcome) });
  }

  /**
   * The handler takes the keyword suggestion's field (domain/classification.ts). The suggestion depends only on the
   * words of the letter, which a template and a place fix (numbers never match a keyword): it is computed once per
   * template and agency rather than for every letter.
   */
  #classify(c: CaseSim): string {
    const key = c.template ? `${c.template}|${this.agency.id}` : null;
    const hit = key ? this.ctx.fields.get(key) : undefined;
    if (hit) return hit;
    const field = suggestClassification(c.row.content).field?.value ?? 'khac';
    if (key) this.ctx.fields.set(key, field);
    return field;
  }

  #step(at: number, c: CaseSim, input: TransitionInput, classify: boolean) {
    const { ctx, agency } = this;
    const today = fromDayNumber(dayOf(at));
    const now = new Date(at);
    if (classify && c.row.field === null) {
      const field = this.#classify(c);
      classifyCase(ctx.world, c, field, new Date(at - 1000));
      this.#log({ at: at - 1000, op: 'classify', caseId: c.row.id, field });
    }
    let step = input;
    if (step.action === 'forward') {
      const ministry = MINISTRY_FOR_FIELD[c.row.field ?? 'khac'] ?? 'TTCP';
      const toMinistry = agency.level === 'province' || c.rng.chance(ctx.model.forwardToMinistry);
      step = { ...step, targetAgency: toMinistry ? ministry : (agency.provinceCode ?? ministry) };
    }
    // The "once only" guards (TT 05/2021): the same content already forwarded / guided here is archived as a duplicate.
    if ((step.action === 'forward' || step.action === 'guide') && !this.#allowed(c, step.action, today)) step = { action: 'archive', reason: 'duplicate', on: step.on };
    const dueBefore = c.row.dueOn;
    const decidedBefore = c.row.decidedOn;
    const linked = transitionCase(ctx.world, c, step, now, today, () => ctx.world.newId());
    this.#log({ at, op: 'transition', caseId: c.row.id, input: step, createdCaseId: linked?.id ?? null });
    // The deadline in force when the case was resolved: on time or late (03/GQKN, 04/GQTC).
    if (c.row.decidedOn !== decidedBefore) c.dueAtResolution = dueBefore;
    c.lastAt = at;
    if (linked) {
      const list = ctx.inbound.get(linked.target.id) ?? [];
      list.push(linked);
      ctx.inbound.set(linked.target.id, list);
    }
    this.#planNext(c);
  }
}
