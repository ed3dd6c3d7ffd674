/**
 * The generator's own count of what it generated (ground truth), per agency, per period, per indicator — counted
 * in JavaScript from the generated events and final case rows, never read back from the database, so that the
 * period report (SQL over the stored rows) can be checked against it.
 *
 * Indicator keys are those of the official forms as the report names them (domain/reports/indicators.ts: 01/TCD
 * `tcd.*`, 02/XLD `xld.*`, 03/GQKN `gqkn.*`, 04/GQTC `gqtc.*`), computed here from the written definitions there
 * (TT 06/2025/TT-TTCP, LEGAL.md Reports), plus the headline names of the summary sentence: visits, people, cases
 * (distinct matters of the visits), delegations, firstTimeVisits, repeatVisits, withinJurisdiction (complaints and
 * denunciations accepted on or before the end and not resolved before the start = carried over + accepted) and
 * resolved (of those, resolved in the period by decision, withdrawal or termination).
 *
 * Each agency's figures are its own; a level's figures are the sum over its subtree. That sum is exact because a
 * matter never spans agencies: a repeat visit is recorded where its case is.
 */
import type { AgencyRow } from '../../modules/agencies/queries.ts';
import type { CaseRow, VisitRow } from './use-cases.ts';

export interface Period {
  from: string;
  to: string;
  label: string;
}

const FIELDS = ['dat-dai', 'nha-o', 'chinh-sach-xa-hoi', 'tu-phap', 'tham-nhung', 'hanh-chinh', 'khac', 'unclassified'];
const CHANNELS = ['in-person', 'post', 'online', 'hotline', 'email', 'forwarded', 'press', 'deputy'];
const KINDS = ['complaint', 'denunciation', 'feedback'];
const GQ_COMMON = ['within', 'carriedOver', 'accepted', 'resolved', 'byDecision', 'withdrawn', 'terminated', 'right', 'partlyRight', 'onTime', 'late', 'pending'];

export const INDICATOR_KEYS: readonly string[] = [
  'visits',
  'people',
  'cases',
  'delegations',
  'firstTimeVisits',
  'repeatVisits',
  'withinJurisdiction',
  'resolved',
  'tcd.visits',
  'tcd.people',
  'tcd.cases',
  'tcd.delegations',
  'tcd.delegationPeople',
  ...['regular', 'head'].flatMap((s) => ['visits', 'people', 'cases', 'delegations'].map((m) => `tcd.${s}.${m}`)),
  'tcd.firstTime',
  'tcd.repeat',
  ...KINDS.map((k) => `tcd.kind.${k}`),
  ...['received', 'guided', 'forwarded', 'refused'].map((o) => `tcd.outcome.${o}`),
  ...['total', 'carriedOver', 'received', 'processed', 'pending', 'eligible'].map((k) => `xld.${k}`),
  ...KINDS.map((k) => `xld.kind.${k}`),
  ...FIELDS.map((f) => `xld.field.${f}`),
  'xld.accepted',
  ...KINDS.map((k) => `xld.accepted.${k}`),
  ...['forwarded', 'guided', 'chased', 'archived', 'returned', 'withdrawn', 'petitions'].map((k) => `xld.${k}`),
  ...CHANNELS.map((c) => `xld.channel.${c}`),
  ...[...GQ_COMMON, 'secondInstance', 'wrong', 'upheld', 'annulled', 'amended'].map((k) => `gqkn.${k}`),
  ...[...GQ_COMMON, 'untrue'].map((k) => `gqtc.${k}`),
];
const INDEX = new Map(INDICATOR_KEYS.map((k, i) => [k, i]));
const OUTCOME_KEY: Record<string, string> = { right: 'right', 'partly-right': 'partlyRight', wrong: 'wrong', untrue: 'untrue', uphold: 'upheld', annul: 'annulled', amend: 'amended' };
const VISIT_OUTCOME_KEY: Record<string, string> = { 'petition-received': 'received', guided: 'guided', forwarded: 'forwarded', refused: 'refused' };

export type Figures = Record<string, number>;

/** The periods a case's visits fell in: all visits, and by kind of session (bit i = period i). */
export interface VisitMasks {
  all: number;
  regular: number;
  head: number;
}

/** Decisions that close a matter without accepting it (recorded as closedOn), each counted as `xld.<jurisdiction>`. */
const CLOSED_UNACCEPTED = ['forwarded', 'guided', 'chased', 'archived', 'returned'];
/** Eligible (đủ điều kiện xử lý): accepted, or not within jurisdiction and forwarded, guided or chased (đôn đốc). */
const ELIGIBLE_UNACCEPTED = ['forwarded', 'guided', 'chased'];

/** The day a matter was processed (TT 05/2021/TT-TTCP), as 02/XLD defines it: accepted, else closed by forward/guide/chase/archive/return, else withdrawn before processing. */
function processedOn(c: CaseRow): string | null {
  if (c.acceptedOn) return c.acceptedOn;
  if (c.jurisdiction && CLOSED_UNACCEPTED.includes(c.jurisdiction) && c.closedOn) return c.closedOn;
  if (c.outcome === 'withdrawn' || c.outcome === 'terminated') return c.decidedOn;
  return null;
}

const within = (d: string | null, p: Period) => d !== null && d >= p.from && d <= p.to;

export class TruthCounter {
  /** agencyId → one Float64Array per period. */
  readonly #byAgency = new Map<string, Float64Array[]>();
  constructor(readonly periods: readonly Period[]) {}

  #slots(agencyId: string): Float64Array[] {
    let s = this.#byAgency.get(agencyId);
    if (!s) {
      s = this.periods.map(() => new Float64Array(INDICATOR_KEYS.length));
      this.#byAgency.set(agencyId, s);
    }
    return s;
  }

  /** A visit; returns the bit mask of the periods it falls in (the caller marks its case visited in them). */
  visit(agencyId: string, v: VisitRow, sessionKind: string | null): number {
    let mask = 0;
    this.periods.forEach((p, pi) => {
      if (v.visitedOn >= p.from && v.visitedOn <= p.to) mask |= 1 << pi;
    });
    if (!mask) return 0;
    const slots = this.#slots(agencyId);
    const head = sessionKind === 'head' || sessionKind === 'unscheduled';
    const s = head ? 'head' : 'regular';
    const keys = ['visits', 'tcd.visits', `tcd.${s}.visits`, v.isRepeat ? 'repeatVisits' : 'firstTimeVisits', v.isRepeat ? 'tcd.repeat' : 'tcd.firstTime', `tcd.kind.${v.kind}`, `tcd.outcome.${VISIT_OUTCOME_KEY[v.outcome]}`];
    if (v.isDelegation) keys.push('delegations', 'tcd.delegations', `tcd.${s}.delegations`);
    if (!v.caseId) keys.push('cases', 'tcd.cases', `tcd.${s}.cases`);
    const people = ['people', 'tcd.people', `tcd.${s}.people`, ...(v.isDelegation ? ['tcd.delegationPeople'] : [])];
    this.periods.forEach((_, pi) => {
      if (!(mask & (1 << pi))) return;
      const f = slots[pi]!;
      for (const k of keys) f[INDEX.get(k)!]! += 1;
      for (const k of people) f[INDEX.get(k)!]! += v.peopleCount;
    });
    return mask;
  }

  petition(agencyId: string, receivedOn: string, channel: string) {
    const slots = this.#slots(agencyId);
    this.periods.forEach((p, pi) => {
      if (!within(receivedOn, p)) return;
      slots[pi]![INDEX.get('xld.petitions')!]! += 1;
      slots[pi]![INDEX.get(`xld.channel.${channel}`)!]! += 1;
    });
  }

  /** A case in its final state, with the periods its visits fell in and its deadline when it was resolved. */
  finalCase(c: CaseRow, masks: VisitMasks, dueAtResolution: string | null) {
    const slots = this.#slots(c.agencyId);
    const processed = processedOn(c);
    const field = c.field === null ? 'unclassified' : FIELDS.includes(c.field) ? c.field : 'khac';
    this.periods.forEach((p, pi) => {
      const f = slots[pi]!;
      const add = (key: string) => (f[INDEX.get(key)!]! += 1);
      const bit = 1 << pi;
      if (masks.all & bit) {
        add('cases');
        add('tcd.cases');
      }
      if (masks.regular & bit) add('tcd.regular.cases');
      if (masks.head & bit) add('tcd.head.cases');

      // 02/XLD: matters to process (carried over + received), processed, and how.
      const open = processed === null || processed >= p.from;
      if (c.receivedOn <= p.to && open) add('xld.total');
      if (c.receivedOn < p.from && open) add('xld.carriedOver');
      if (within(c.receivedOn, p)) add('xld.received');
      if (c.receivedOn <= p.to && (processed === null || processed > p.to)) add('xld.pending');
      if (within(processed, p)) {
        add('xld.processed');
        if (c.acceptedOn !== null || (c.jurisdiction !== null && ELIGIBLE_UNACCEPTED.includes(c.jurisdiction))) {
          add('xld.eligible');
          add(`xld.kind.${c.kind}`);
          add(`xld.field.${field}`);
        }
      }
      if (within(c.acceptedOn, p)) {
        add('xld.accepted');
        add(`xld.accepted.${c.kind}`);
      }
      if (c.acceptedOn === null && c.jurisdiction && CLOSED_UNACCEPTED.includes(c.jurisdiction) && within(c.closedOn, p)) add(`xld.${c.jurisdiction}`);
      if (c.acceptedOn === null && (c.outcome === 'withdrawn' || c.outcome === 'terminated') && within(c.decidedOn, p)) add('xld.withdrawn');

      // 03/GQKN, 04/GQTC: within jurisdiction = carried over + accepted; resolved in the period.
      if ((c.kind !== 'complaint' && c.kind !== 'denunciation') || c.jurisdiction !== 'own' || c.acceptedOn === null) return;
      const form = c.kind === 'complaint' ? 'gqkn' : 'gqtc';
      if (c.acceptedOn <= p.to && (c.decidedOn === null || c.decidedOn > p.to)) add(`${form}.pending`);
      if (c.acceptedOn > p.to || (c.decidedOn !== null && c.decidedOn < p.from)) return;
      add('withinJurisdiction');
      add(`${form}.within`);
      add(c.acceptedOn < p.from ? `${form}.carriedOver` : `${form}.accepted`);
      if (form === 'gqkn' && c.instance === 2) add('gqkn.secondInstance');
      if (!within(c.decidedOn, p)) return;
      add('resolved');
      add(`${form}.resolved`);
      if (c.outcome === 'withdrawn' || c.outcome === 'terminated') add(`${form}.${c.outcome}`);
      else {
        add(`${form}.byDecision`);
        const o = OUTCOME_KEY[c.outcome ?? ''];
        if (o && INDEX.has(`${form}.${o}`)) add(`${form}.${o}`);
      }
      add(dueAtResolution === null || c.decidedOn! <= dueAtResolution ? `${form}.onTime` : `${form}.late`);
    });
  }

  /** The figures of a subtree: the sum over every agency whose path lies within `root`. */
  rollUp(root: AgencyRow, all: readonly AgencyRow[]): Figures[] {
    const sums = this.periods.map(() => new Float64Array(INDICATOR_KEYS.length));
    for (const a of all) {
      if (a.path !== root.path && !a.path.startsWith(`${root.path}/`)) continue;
      const s = this.#byAgency.get(a.id);
      if (!s) continue;
      s.forEach((f, pi) => f.forEach((v, i) => (sums[pi]![i]! += v)));
    }
    return sums.map((f) => Object.fromEntries(INDICATOR_KEYS.map((k, i) => [k, f[i]!])));
  }

  /** Own visits of one agency in the first (whole) period, to pick busy communes for the sample. */
  ownVisits(agencyId: string): number {
    return this.#byAgency.get(agencyId)?.[0]?.[INDEX.get('visits')!] ?? 0;
  }
}

/** The whole range, then each calendar quarter that lies inside it (a quarter starts with cases carried over). */
export function truthPeriods(from: string, to: string): Period[] {
  const out: Period[] = [{ from, to, label: 'range' }];
  const y0 = Number(from.slice(0, 4));
  const y1 = Number(to.slice(0, 4));
  for (let y = y0; y <= y1; y++) {
    for (let q = 1; q <= 4; q++) {
      const qFrom = `${y}-${String(q * 3 - 2).padStart(2, '0')}-01`;
      const last = new Date(Date.UTC(y, q * 3, 0)).getUTCDate();
      const qTo = `${y}-${String(q * 3).padStart(2, '0')}-${last}`;
      if (qFrom >= from && qTo <= to && !(qFrom === from && qTo === to)) out.push({ from: qFrom, to: qTo, label: `${y}-Q${q}` });
    }
  }
  return out.slice(0, 8);
}
