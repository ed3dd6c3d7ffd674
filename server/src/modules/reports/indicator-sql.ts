/**
 * Every indicator (domain/reports/indicators.ts) is one *constraint* on a few dimensions of a record, evaluated two
 * ways from the same definition:
 *  - the aggregate groups the subtree's rows by direct unit and by their dimensions (one scan per table, a few
 *    hundred groups per unit) and sums the groups whose dimensions satisfy the constraint (period-report.ts);
 *  - the drill-down lists the rows `where` the same constraint holds, translated to SQL over the same dimension
 *    columns (drill.ts).
 * So a figure and the records behind it cannot disagree, and the database does one grouped pass instead of ~60
 * filtered aggregates per row (docs/adr/0009-report-aggregation.md).
 *
 * Dimensions are computed once per row by the sources below (`d_*` columns). Dates are placed relative to the
 * period: 'none' (no date), 'before', 'in', 'after'.
 */
import { sql, type SQL } from 'drizzle-orm';
import { DEFAULT_FIELDS } from '@danvan/domain/classification';
import { INDICATORS, type DateRange, type IndicatorDef, type Source } from '@danvan/domain/reports';

export type Pos = 'none' | 'before' | 'in' | 'after';
export type DimValue = string | number | boolean | null;

/** Allowed values per dimension (all must hold). */
export type Constraint = Record<string, readonly DimValue[]>;

export interface CompiledIndicator extends IndicatorDef {
  constraint: Constraint;
}

const KNOWN_FIELDS = DEFAULT_FIELDS.map((f) => f.value);

function pos(col: SQL, r: DateRange): SQL {
  return sql`case when ${col} is null then 'none' when ${col} < ${r.from} then 'before' when ${col} > ${r.to} then 'after' else 'in' end`;
}

/**
 * The day a matter was processed (TT 05/2021/TT-TTCP): accepted (thụ lý), else the day it was forwarded, guided,
 * chased (đôn đốc), archived or returned (recorded as closedOn by that decision), else the day it was withdrawn
 * before processing.
 */
const PROCESSED_ON = sql`coalesce(c.accepted_on, case when c.jurisdiction in ('forwarded', 'guided', 'chased', 'archived', 'returned') then c.closed_on end, case when c.outcome in ('withdrawn', 'terminated') then c.decided_on end)`;

/** Dimensions of a case. Attributes that only matter for some indicators are nulled elsewhere to keep groups few. */
export function caseDims(r: DateRange): Record<string, SQL> {
  const processedIn = sql`(${PROCESSED_ON} between ${r.from} and ${r.to})`;
  const decidedIn = sql`(c.decided_on between ${r.from} and ${r.to})`;
  return {
    kind: sql`c.kind`,
    jur: sql`coalesce(c.jurisdiction, 'none')`,
    rec: pos(sql`c.received_on`, r),
    proc: pos(PROCESSED_ON, r),
    acc: pos(sql`c.accepted_on`, r),
    dec: pos(sql`c.decided_on`, r),
    // The field counts for the matters processed in the period (02/XLD, by field of the eligible ones).
    field: sql`case when not ${processedIn} then null when c.field is null then 'unclassified' when c.field in (${sql.join(
      KNOWN_FIELDS.map((f) => sql`${f}`),
      sql`, `,
    )}) then c.field else 'khac' end`,
    // Outcome and timeliness count for the matters resolved in the period; the instance for complaints within jurisdiction.
    outcome: sql`case when ${decidedIn} then c.outcome end`,
    late: sql`(${decidedIn} and c.decided_on > coalesce(c.due_at_decision, c.decided_on))`,
    inst: sql`case when c.kind = 'complaint' and c.accepted_on is not null then c.instance else 0 end`,
  };
}

export function visitDims(): Record<string, SQL> {
  return {
    head: sql`coalesce(s.kind in ('head', 'unscheduled'), false)`,
    kind: sql`v.kind`,
    outcome: sql`v.outcome`,
    deleg: sql`v.is_delegation`,
    rep: sql`v.is_repeat`,
    // A visit that opened no case is a matter of its own: counted here; matters with a case are counted distinct.
    hascase: sql`v.case_id is not null`,
  };
}

export function petitionDims(): Record<string, SQL> {
  return { channel: sql`p.channel` };
}

export function dimsFor(source: Source, r: DateRange): Record<string, SQL> {
  return source === 'cases' ? caseDims(r) : source === 'visits' ? visitDims() : petitionDims();
}

/** Restriction applied before any constraint: only rows that can count in the range. */
export function baseWindow(source: Source, r: DateRange): SQL {
  switch (source) {
    case 'visits':
      return sql`v.visited_on between ${r.from} and ${r.to}`;
    case 'petitions':
      return sql`p.received_on between ${r.from} and ${r.to}`;
    case 'cases':
      // Anything received by the end of the period that was not both processed and resolved before its start.
      return sql`c.received_on <= ${r.to} and (${PROCESSED_ON} is null or ${PROCESSED_ON} >= ${r.from} or c.decided_on is null or c.decided_on >= ${r.from})`;
  }
}

const VISIT_OUTCOMES: Record<string, string> = { received: 'petition-received', guided: 'guided', forwarded: 'forwarded', refused: 'refused' };
const GQ_OUTCOMES: Record<string, string> = { right: 'right', partlyRight: 'partly-right', wrong: 'wrong', upheld: 'uphold', annulled: 'annul', amended: 'amend', untrue: 'untrue' };
const DECISION_OUTCOMES = ['right', 'partly-right', 'wrong', 'uphold', 'annul', 'amend', 'untrue'];
const ALL_POS_BUT_BEFORE: Pos[] = ['none', 'in', 'after'];

function visitConstraint(key: string): Constraint {
  const [, a, b] = key.split('.') as [string, string, string | undefined];
  if (a === 'regular' || a === 'head') {
    const c: Constraint = { head: [a === 'head'] };
    return b === 'delegations' ? { ...c, deleg: [true] } : c;
  }
  switch (a) {
    case 'visits':
    case 'people':
    case 'cases':
      return {};
    case 'delegations':
    case 'delegationPeople':
      return { deleg: [true] };
    case 'firstTime':
      return { rep: [false] };
    case 'repeat':
      return { rep: [true] };
    case 'kind':
      return { kind: [b!] };
    case 'outcome':
      return { outcome: [VISIT_OUTCOMES[b!] ?? b!] };
  }
  throw new Error(`no constraint for ${key}`);
}

function xldConstraint(key: string): Constraint {
  const [, a, b] = key.split('.') as [string, string, string | undefined];
  const eligible: Constraint = { proc: ['in'], jur: ['own', 'forwarded', 'guided', 'chased'] };
  switch (a) {
    case 'total':
      return { proc: ALL_POS_BUT_BEFORE };
    case 'carriedOver':
      return { rec: ['before'], proc: ALL_POS_BUT_BEFORE };
    case 'received':
      return { rec: ['in'] };
    case 'processed':
      return { proc: ['in'] };
    case 'pending':
      return { proc: ['none', 'after'] };
    case 'eligible':
      return eligible;
    case 'kind':
      return { ...eligible, kind: [b!] };
    case 'field':
      return { ...eligible, field: [b!] };
    case 'accepted':
      return b ? { acc: ['in'], kind: [b] } : { acc: ['in'] };
    case 'forwarded':
    case 'guided':
    case 'chased':
    case 'archived':
    case 'returned':
      return { acc: ['none'], jur: [a], proc: ['in'] };
    case 'withdrawn':
      return { acc: ['none'], jur: ['none'], proc: ['in'], outcome: ['withdrawn', 'terminated'] };
  }
  throw new Error(`no constraint for ${key}`);
}

function petitionConstraint(key: string): Constraint {
  return key === 'xld.petitions' ? {} : { channel: [key.slice('xld.channel.'.length)] };
}

function gqConstraint(key: string): Constraint {
  const [form, a] = key.split('.') as ['gqkn' | 'gqtc', string];
  const base: Constraint = { kind: [form === 'gqkn' ? 'complaint' : 'denunciation'], jur: ['own'] };
  const within: Constraint = { ...base, acc: ['before', 'in'], dec: ALL_POS_BUT_BEFORE };
  const resolved: Constraint = { ...base, acc: ['before', 'in'], dec: ['in'] };
  switch (a) {
    case 'within':
      return within;
    case 'carriedOver':
      return { ...within, acc: ['before'] };
    case 'accepted':
      return { ...base, acc: ['in'] };
    case 'secondInstance':
      return { ...within, inst: [2] };
    case 'resolved':
      return resolved;
    case 'byDecision':
      return { ...resolved, outcome: DECISION_OUTCOMES };
    case 'withdrawn':
    case 'terminated':
      return { ...resolved, outcome: [a] };
    case 'onTime':
      return { ...resolved, late: [false] };
    case 'late':
      return { ...resolved, late: [true] };
    case 'pending':
      return { ...base, acc: ['before', 'in'], dec: ['none', 'after'] };
  }
  const outcome = GQ_OUTCOMES[a];
  if (outcome) return { ...resolved, outcome: [outcome] };
  throw new Error(`no constraint for ${key}`);
}

export function constraintFor(def: IndicatorDef): Constraint {
  if (def.source === 'visits') return visitConstraint(def.key);
  if (def.source === 'petitions') return petitionConstraint(def.key);
  if (def.form === 'xld') return xldConstraint(def.key);
  return gqConstraint(def.key);
}

export const COMPILED: readonly CompiledIndicator[] = INDICATORS.map((d) => ({ ...d, constraint: constraintFor(d) }));

/** Does a group with these dimension values satisfy the constraint? */
export function satisfies(c: Constraint, dims: Record<string, DimValue>): boolean {
  for (const [dim, allowed] of Object.entries(c)) if (!allowed.includes(dims[dim] ?? null)) return false;
  return true;
}

/** The constraint as SQL over the dimension columns `<alias>.d_<dim>` of a source. */
export function constraintSql(c: Constraint, alias: string): SQL {
  const parts = Object.entries(c).map(([dim, allowed]) => {
    const col = sql.raw(`${alias}.d_${dim}`);
    const values = allowed.filter((v) => v !== null);
    const inList = values.length ? sql`${col} in (${sql.join(values.map((v) => sql`${v}`), sql`, `)})` : null;
    if (allowed.includes(null)) return inList ? sql`(${inList} or ${col} is null)` : sql`${col} is null`;
    return inList!;
  });
  return parts.length ? sql.join(parts, sql` and `) : sql`true`;
}

/** Columns a report needs besides the dimensions; the drill-down asks for the record's own columns too. */
const REPORT_COLUMNS: Record<Source, SQL> = {
  cases: sql`c.id, c.agency_id, c.agency_path`,
  visits: sql`v.id, v.agency_id, v.agency_path, v.case_id, v.people_count`,
  petitions: sql`p.id, p.agency_id, p.agency_path`,
};
const DRILL_COLUMNS: Record<Source, SQL> = {
  cases: sql`c.*`,
  visits: sql`v.*, s.kind as session_kind`,
  petitions: sql`p.*`,
};

/**
 * The rows of a source with their dimension columns (`d_*`), restricted by `where` (subtree, scope, base window).
 * The report reads only the narrow columns it groups by; PostgreSQL inlines the subquery and computes each
 * grouping expression once per row, in parallel workers on large scans.
 */
export function sourceRows(source: Source, r: DateRange, where: SQL, columns: 'report' | 'drill' = 'report'): SQL {
  const dims = Object.entries(dimsFor(source, r)).map(([k, e]) => sql`${e} as ${sql.raw(`d_${k}`)}`);
  const cols = (columns === 'drill' ? DRILL_COLUMNS : REPORT_COLUMNS)[source];
  switch (source) {
    case 'cases':
      return sql`(select ${cols}, ${sql.join(dims, sql`, `)} from cases c where ${where}) c`;
    case 'visits':
      return sql`(select ${cols}, ${sql.join(dims, sql`, `)} from visits v left join reception_sessions s on s.id = v.session_id where ${where}) v`;
    case 'petitions':
      return sql`(select ${cols}, ${sql.join(dims, sql`, `)} from petitions p where ${where}) p`;
  }
}
