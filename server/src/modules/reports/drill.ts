/**
 * Drill-down: the records behind one figure of a period report, with the same predicate that counted them
 * (indicator-sql.ts) and the user's scope applied on top of the agency subtree. Rows carry no personal data
 * (no citizen or petitioner names, no ID numbers): the case code leads to the case page, where the usual case
 * permissions apply.
 *
 * For a figure counted in people (tcd.people) the rows are the visits and the figure is the sum of their people;
 * for matters (tcd.cases) one row per matter (a case, or a visit that opened none) with its visits in the range.
 */
import { sql, type SQL } from 'drizzle-orm';
import { indicatorDef, type DateRange, type IndicatorDef } from '@danvan/domain/reports';
import { queryRows, type DbOrTx } from '../../db/client.ts';
import type { AgencyRow } from '../agencies/queries.ts';
import { scopeCondition, type CurrentUser } from '../auth/current-user.ts';
import { baseWindow, constraintFor, constraintSql, sourceRows } from './indicator-sql.ts';
import { inSubtree } from './period-report.ts';

/** Names of the summary figures, accepted as drill keys next to the indicator keys. */
export const DRILL_ALIASES: Record<string, readonly string[]> = {
  visits: ['tcd.visits'],
  people: ['tcd.people'],
  cases: ['tcd.cases'],
  delegations: ['tcd.delegations'],
  firstTimeVisits: ['tcd.firstTime'],
  repeatVisits: ['tcd.repeat'],
  withinJurisdiction: ['gqkn.within', 'gqtc.within'],
  resolved: ['gqkn.resolved', 'gqtc.resolved'],
};

export function resolveDrillKey(key: string): IndicatorDef[] | null {
  const keys = DRILL_ALIASES[key] ?? [key];
  const defs = keys.map((k) => indicatorDef(k));
  return defs.every((d): d is IndicatorDef => Boolean(d)) ? defs : null;
}

export interface DrillRow {
  /** case | visit | matter | petition */
  type: string;
  id: string;
  date: string;
  agency: { code: string; name: string };
  caseId: string | null;
  caseCode: string | null;
  kind: string | null;
  state: string | null;
  field: string | null;
  outcome: string | null;
  receivedOn: string | null;
  acceptedOn: string | null;
  decidedOn: string | null;
  dueOn: string | null;
  dueAtDecision: string | null;
  channel: string | null;
  sessionKind: string | null;
  peopleCount: number | null;
  isDelegation: boolean | null;
  isRepeat: boolean | null;
  visits: number | null;
}

export interface DrillResult {
  indicator: { key: string; label: string; form: string; measure: string; keys: string[] };
  agency: { code: string; name: string };
  from: string;
  to: string;
  /** The figure the report shows for this key (count of rows, or the sum of people). */
  figure: number;
  /** Number of rows behind it. */
  total: number;
  items: DrillRow[];
}

const EMPTY: Omit<DrillRow, 'type' | 'id' | 'date' | 'agency'> = {
  caseId: null,
  caseCode: null,
  kind: null,
  state: null,
  field: null,
  outcome: null,
  receivedOn: null,
  acceptedOn: null,
  decidedOn: null,
  dueOn: null,
  dueAtDecision: null,
  channel: null,
  sessionKind: null,
  peopleCount: null,
  isDelegation: null,
  isRepeat: null,
  visits: null,
};

const d = (v: unknown): string | null => (v === null || v === undefined ? null : String(v).slice(0, 10));
const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
type Raw = Record<string, unknown>;

/**
 * The four shapes of a drill-down, one row of this table each: the rows behind a case, petition, matter or visit
 * figure. `count` gives the number of rows (and, for visits, the people); `select` the page of rows; `row` turns a
 * database row into the common DrillRow. `from` is the source's rows in the window and scope; `where` the
 * indicator's own predicate (the same that counted the figure).
 */
interface DrillShape {
  type: DrillRow['type'];
  count: (from: SQL, where: SQL) => SQL;
  select: (from: SQL, where: SQL, page: { limit: number; offset: number }) => SQL;
  row: (x: Raw) => Partial<DrillRow> & { id: string; date: string };
}

const agencyOf = (x: Raw) => ({ code: String(x.agency_code), name: String(x.agency_name) });
const caseLink = (x: Raw) => ({ caseId: str(x.case_id), caseCode: str(x.case_code) });
const VISIT_MATTER = sql`v.agency_id, coalesce(v.case_id, v.id)`;

const SHAPES = {
  case: {
    type: 'case',
    count: (from, where) => sql`select count(*)::int as n from ${from} where ${where}`,
    select: (from, where, page) => sql`
      select c.id, c.code, c.kind, c.state, c.field, c.outcome, c.received_on::text as received_on, c.accepted_on::text as accepted_on,
             c.decided_on::text as decided_on, c.due_on::text as due_on, c.due_at_decision::text as due_at_decision, a.code as agency_code, a.full_name as agency_name
      from ${from} join agencies a on a.id = c.agency_id
      where ${where}
      order by c.received_on, c.code
      limit ${page.limit} offset ${page.offset}`,
    row: (x) => ({
      id: String(x.id),
      date: d(x.received_on)!,
      caseId: String(x.id),
      caseCode: String(x.code),
      kind: str(x.kind),
      state: str(x.state),
      field: str(x.field),
      outcome: str(x.outcome),
      receivedOn: d(x.received_on),
      acceptedOn: d(x.accepted_on),
      decidedOn: d(x.decided_on),
      dueOn: d(x.due_on),
      dueAtDecision: d(x.due_at_decision),
    }),
  },
  petition: {
    type: 'petition',
    count: (from, where) => sql`select count(*)::int as n from ${from} where ${where}`,
    select: (from, where, page) => sql`
      select p.id, p.received_on::text as received_on, p.channel, p.kind, c.id as case_id, c.code as case_code, a.code as agency_code, a.full_name as agency_name
      from ${from} join agencies a on a.id = p.agency_id left join cases c on c.id = p.case_id
      where ${where}
      order by p.received_on, p.created_at, p.id
      limit ${page.limit} offset ${page.offset}`,
    row: (x) => ({ id: String(x.id), date: d(x.received_on)!, ...caseLink(x), kind: str(x.kind), channel: str(x.channel), receivedOn: d(x.received_on) }),
  },
  // Matters met at the desk: one row per case (or per visit that opened none), with its visits in the range.
  matter: {
    type: 'matter',
    count: (from, where) => sql`select count(*)::int as n from (select 1 from ${from} where ${where} group by ${VISIT_MATTER}) m`,
    select: (from, where, page) => sql`
      select coalesce(v.case_id, v.id) as id, min(v.visited_on)::text as first_on, count(*)::int as visits, sum(v.people_count)::int as people,
             bool_or(v.is_delegation) as is_delegation, max(c.id::text) as case_id, max(c.code) as case_code, max(c.kind) as case_kind, max(v.kind) as visit_kind,
             max(a.code) as agency_code, max(a.full_name) as agency_name
      from ${from} left join cases c on c.id = v.case_id join agencies a on a.id = v.agency_id
      where ${where}
      group by ${VISIT_MATTER}
      order by min(v.visited_on), coalesce(v.case_id, v.id)
      limit ${page.limit} offset ${page.offset}`,
    row: (x) => ({
      id: String(x.id),
      date: d(x.first_on)!,
      ...caseLink(x),
      kind: str(x.case_kind ?? x.visit_kind),
      peopleCount: Number(x.people ?? 0),
      isDelegation: Boolean(x.is_delegation),
      visits: Number(x.visits ?? 0),
    }),
  },
  visit: {
    type: 'visit',
    count: (from, where) => sql`select count(*)::int as n, coalesce(sum(v.people_count), 0)::int as people from ${from} where ${where}`,
    select: (from, where, page) => sql`
      select v.id, v.visited_on::text as visited_on, v.kind, v.people_count, v.is_delegation, v.is_repeat, v.outcome, v.session_kind,
             c.id as case_id, c.code as case_code, a.code as agency_code, a.full_name as agency_name
      from ${from} left join cases c on c.id = v.case_id join agencies a on a.id = v.agency_id
      where ${where}
      order by v.visited_on, v.created_at, v.id
      limit ${page.limit} offset ${page.offset}`,
    row: (x) => ({
      id: String(x.id),
      date: d(x.visited_on)!,
      ...caseLink(x),
      kind: str(x.kind),
      outcome: str(x.outcome),
      sessionKind: str(x.session_kind),
      peopleCount: Number(x.people_count),
      isDelegation: Boolean(x.is_delegation),
      isRepeat: Boolean(x.is_repeat),
    }),
  },
} satisfies Record<string, DrillShape>;

function shapeOf(def: IndicatorDef): DrillShape {
  if (def.source === 'cases') return SHAPES.case;
  if (def.source === 'petitions') return SHAPES.petition;
  return def.measure === 'matters' ? SHAPES.matter : SHAPES.visit;
}

export async function drillIndicator(
  db: DbOrTx,
  user: CurrentUser,
  root: AgencyRow,
  r: DateRange,
  key: string,
  defs: IndicatorDef[],
  page: { limit: number; offset: number },
): Promise<DrillResult> {
  const first = defs[0]!;
  const source = first.source;
  const alias = source === 'visits' ? 'v' : source === 'cases' ? 'c' : 'p';
  const predicate = sql`(${sql.join(
    defs.map((x) => sql`(${constraintSql(constraintFor(x), alias)})`),
    sql` or `,
  )})`;
  const rowsInScope: SQL = sql`${inSubtree(alias, root.path)} and ${scopeCondition(user, sql.raw(`${alias}.agency_path`))} and ${baseWindow(source, r)}`;
  const rowsOf = sourceRows(source, r, rowsInScope, 'drill');
  const shape = shapeOf(first);
  const [cnt] = await queryRows<{ n: number; people?: number }>(db, shape.count(rowsOf, predicate));
  const rows = await queryRows<Raw>(db, shape.select(rowsOf, predicate, page));
  const total = Number(cnt?.n ?? 0);
  return {
    indicator: { key, label: defs.map((x) => x.label).join(' + '), form: first.form, measure: first.measure, keys: defs.map((x) => x.key) },
    agency: { code: root.code, name: root.fullName },
    from: r.from,
    to: r.to,
    // The figure the report shows: rows, or for a figure counted in people the sum of the visits' people.
    figure: shape === SHAPES.visit && first.measure === 'people' ? Number(cnt?.people ?? 0) : total,
    total,
    items: rows.map((x) => ({ ...EMPTY, type: shape.type, agency: agencyOf(x), ...shape.row(x) })),
  };
}
