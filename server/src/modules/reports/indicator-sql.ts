/**
 * One SQL predicate per indicator (domain/reports/indicators.ts). The aggregate counts `filter (where predicate)`
 * and the drill-down lists the rows `where predicate`: a figure and the records behind it come from the same text.
 *
 * Table aliases: `v` visits (left-joined `s` reception_sessions), `c` cases, `p` petitions. Every predicate is
 * evaluated on rows already restricted to the agency subtree and to the source's base window (BASE_WINDOW).
 */
import { sql, type SQL } from 'drizzle-orm';
import { DEFAULT_FIELDS } from '@danvan/domain/classification';
import { INDICATORS, type DateRange, type IndicatorDef, type Source } from '@danvan/domain/reports';

const DEFAULT_FIELDS_VALUES = DEFAULT_FIELDS.map((f) => f.value);

export interface CompiledIndicator extends IndicatorDef {
  predicate: SQL;
}

const HEAD_SESSION = sql`s.kind in ('head', 'unscheduled')`;
const REGULAR_SESSION = sql`(s.kind is null or s.kind not in ('head', 'unscheduled'))`;

/**
 * The day a matter was processed (TT 05/2021/TT-TTCP): accepted (thụ lý), else the day it was forwarded, guided,
 * archived or returned (recorded as closedOn by that decision), else the day it was withdrawn before processing.
 */
const PROCESSED_ON_EXPR = sql`coalesce(c.accepted_on, case when c.jurisdiction in ('forwarded', 'guided', 'archived', 'returned') then c.closed_on end, case when c.outcome in ('withdrawn', 'terminated') then c.decided_on end)`;
/** Predicates read the day from the cases source below, where it is computed once per row. */
const PROCESSED_ON = sql`c.processed_on`;

/**
 * The rows of `cases` a report reads, with `processed_on` computed once per row. `offset 0` keeps PostgreSQL
 * from inlining the subquery, which would evaluate the expression again in each of the ~60 aggregates.
 */
export function casesSource(where: SQL): SQL {
  return sql`(select c.*, ${PROCESSED_ON_EXPR} as processed_on from cases c where ${where} offset 0) c`;
}

const VISIT_OUTCOMES: Record<string, string> = { received: 'petition-received', guided: 'guided', forwarded: 'forwarded', refused: 'refused' };
const GQ_OUTCOMES: Record<string, string> = { right: 'right', partlyRight: 'partly-right', wrong: 'wrong', upheld: 'uphold', annulled: 'annul', amended: 'amend', untrue: 'untrue' };

/** Restriction applied before any predicate: only rows that can count in the range. */
export function baseWindow(source: Source, r: DateRange): SQL {
  switch (source) {
    case 'visits':
      return sql`v.visited_on between ${r.from} and ${r.to}`;
    case 'petitions':
      return sql`p.received_on between ${r.from} and ${r.to}`;
    case 'cases':
      // Anything received by the end of the period that was not both processed and resolved before its start
      // (evaluated inside casesSource, on the table's own columns).
      return sql`c.received_on <= ${r.to} and (${PROCESSED_ON_EXPR} is null or ${PROCESSED_ON_EXPR} >= ${r.from} or c.decided_on is null or c.decided_on >= ${r.from})`;
  }
}

function visitPredicate(key: string): SQL {
  const rest = key.slice('tcd.'.length);
  const [a, b] = rest.split('.') as [string, string | undefined];
  if (a === 'regular' || a === 'head') {
    const session = a === 'head' ? HEAD_SESSION : REGULAR_SESSION;
    return b === 'delegations' ? sql`${session} and v.is_delegation` : session;
  }
  switch (a) {
    case 'visits':
    case 'people':
    case 'cases':
      return sql`true`;
    case 'delegations':
    case 'delegationPeople':
      return sql`v.is_delegation`;
    case 'firstTime':
      return sql`not v.is_repeat`;
    case 'repeat':
      return sql`v.is_repeat`;
    case 'kind':
      return sql`v.kind = ${b}`;
    case 'outcome':
      return sql`v.outcome = ${VISIT_OUTCOMES[b ?? ''] ?? b}`;
  }
  throw new Error(`no predicate for ${key}`);
}

function xldPredicate(key: string, r: DateRange): SQL {
  const [, a, b] = key.split('.') as [string, string, string | undefined];
  const processed = sql`${PROCESSED_ON} between ${r.from} and ${r.to}`;
  const eligible = sql`${processed} and (c.accepted_on is not null or c.jurisdiction in ('forwarded', 'guided'))`;
  const closedAs = (j: string) => sql`c.accepted_on is null and c.jurisdiction = ${j} and c.closed_on between ${r.from} and ${r.to}`;
  switch (a) {
    case 'total':
      return sql`c.received_on <= ${r.to} and (${PROCESSED_ON} is null or ${PROCESSED_ON} >= ${r.from})`;
    case 'carriedOver':
      return sql`c.received_on < ${r.from} and (${PROCESSED_ON} is null or ${PROCESSED_ON} >= ${r.from})`;
    case 'received':
      return sql`c.received_on between ${r.from} and ${r.to}`;
    case 'processed':
      return processed;
    case 'pending':
      return sql`c.received_on <= ${r.to} and (${PROCESSED_ON} is null or ${PROCESSED_ON} > ${r.to})`;
    case 'eligible':
      return eligible;
    case 'kind':
      return sql`${eligible} and c.kind = ${b}`;
    case 'field':
      if (b === 'unclassified') return sql`${eligible} and c.field is null`;
      if (b === 'khac') return sql`${eligible} and (c.field = 'khac' or c.field not in (${sql.join(DEFAULT_FIELDS_VALUES.map((f) => sql`${f}`), sql`, `)}))`;
      return sql`${eligible} and c.field = ${b}`;
    case 'accepted':
      return b ? sql`c.accepted_on between ${r.from} and ${r.to} and c.kind = ${b}` : sql`c.accepted_on between ${r.from} and ${r.to}`;
    case 'forwarded':
    case 'guided':
    case 'archived':
    case 'returned':
      return closedAs(a);
    case 'withdrawn':
      return sql`c.accepted_on is null and c.outcome in ('withdrawn', 'terminated') and c.decided_on between ${r.from} and ${r.to}`;
  }
  throw new Error(`no predicate for ${key}`);
}

function petitionPredicate(key: string): SQL {
  if (key === 'xld.petitions') return sql`true`;
  const channel = key.slice('xld.channel.'.length);
  return sql`p.channel = ${channel}`;
}

function gqPredicate(key: string, r: DateRange): SQL {
  const [form, a] = key.split('.') as ['gqkn' | 'gqtc', string];
  const kind = form === 'gqkn' ? 'complaint' : 'denunciation';
  const base = sql`c.kind = ${kind} and c.jurisdiction = 'own' and c.accepted_on is not null`;
  const resolved = sql`${base} and c.decided_on between ${r.from} and ${r.to}`;
  switch (a) {
    case 'within':
      return sql`${base} and c.accepted_on <= ${r.to} and (c.decided_on is null or c.decided_on >= ${r.from})`;
    case 'carriedOver':
      return sql`${base} and c.accepted_on < ${r.from} and (c.decided_on is null or c.decided_on >= ${r.from})`;
    case 'accepted':
      return sql`${base} and c.accepted_on between ${r.from} and ${r.to}`;
    case 'secondInstance':
      return sql`${base} and c.instance = 2 and c.accepted_on <= ${r.to} and (c.decided_on is null or c.decided_on >= ${r.from})`;
    case 'resolved':
      return resolved;
    case 'byDecision':
      return sql`${resolved} and coalesce(c.outcome, '') not in ('withdrawn', 'terminated')`;
    case 'withdrawn':
    case 'terminated':
      return sql`${resolved} and c.outcome = ${a}`;
    case 'onTime':
      return sql`${resolved} and (c.due_at_decision is null or c.decided_on <= c.due_at_decision)`;
    case 'late':
      return sql`${resolved} and c.decided_on > c.due_at_decision`;
    case 'pending':
      return sql`${base} and c.accepted_on <= ${r.to} and (c.decided_on is null or c.decided_on > ${r.to})`;
  }
  const outcome = GQ_OUTCOMES[a];
  if (outcome) return sql`${resolved} and c.outcome = ${outcome}`;
  throw new Error(`no predicate for ${key}`);
}

export function predicateFor(def: IndicatorDef, r: DateRange): SQL {
  if (def.source === 'visits') return visitPredicate(def.key);
  if (def.source === 'petitions') return petitionPredicate(def.key);
  if (def.form === 'xld') return xldPredicate(def.key, r);
  return gqPredicate(def.key, r);
}

export function compileIndicators(r: DateRange): CompiledIndicator[] {
  return INDICATORS.map((d) => ({ ...d, predicate: predicateFor(d, r) }));
}
