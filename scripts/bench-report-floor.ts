/**
 * The raw SQL aggregate floor of the period report: the same figures (every indicator of forms 01/TCD, 02/XLD,
 * 03/GQKN, 04/GQTC per direct child of the agency, and the previous period's headline figures) computed by plain
 * filtered aggregates written by hand from the definitions (domain/reports/indicators.ts), with no application code
 * around them. bench-report.ts checks the floor's totals equal the report's, then times both.
 */
import { sql } from 'drizzle-orm';
import { previousRange } from '@danvan/domain/reports';
import { queryRows, type DbOrTx } from '@danvan/server/db/client';
import type { AgencyRow } from '@danvan/server/modules/agencies/queries';

const FIELDS = ['dat-dai', 'nha-o', 'chinh-sach-xa-hoi', 'tu-phap', 'tham-nhung', 'hanh-chinh', 'khac'];
const CHANNELS = ['in-person', 'post', 'online', 'hotline', 'email', 'forwarded', 'press', 'deputy'];
const KINDS = ['complaint', 'denunciation', 'feedback'];

/** [key, aggregate] pairs, as SQL text with :from / :to placeholders. */
function visitColumns(): [string, string][] {
  const head = `s.kind in ('head', 'unscheduled')`;
  const regular = `(s.kind is null or s.kind not in ('head', 'unscheduled'))`;
  const matter = `v.agency_id::text || ':' || coalesce(v.case_id, v.id)::text`;
  const cols: [string, string][] = [
    ['tcd.visits', 'count(*)'],
    ['tcd.people', 'coalesce(sum(v.people_count), 0)'],
    ['tcd.cases', `count(distinct ${matter})`],
    ['tcd.delegations', 'count(*) filter (where v.is_delegation)'],
    ['tcd.delegationPeople', 'coalesce(sum(v.people_count) filter (where v.is_delegation), 0)'],
    ['tcd.firstTime', 'count(*) filter (where not v.is_repeat)'],
    ['tcd.repeat', 'count(*) filter (where v.is_repeat)'],
  ];
  for (const [name, p] of [
    ['regular', regular],
    ['head', head],
  ]) {
    cols.push([`tcd.${name}.visits`, `count(*) filter (where ${p})`]);
    cols.push([`tcd.${name}.people`, `coalesce(sum(v.people_count) filter (where ${p}), 0)`]);
    cols.push([`tcd.${name}.cases`, `count(distinct ${matter}) filter (where ${p})`]);
    cols.push([`tcd.${name}.delegations`, `count(*) filter (where ${p} and v.is_delegation)`]);
  }
  for (const k of KINDS) cols.push([`tcd.kind.${k}`, `count(*) filter (where v.kind = '${k}')`]);
  for (const [k, o] of [
    ['received', 'petition-received'],
    ['guided', 'guided'],
    ['forwarded', 'forwarded'],
    ['refused', 'refused'],
  ]) {
    cols.push([`tcd.outcome.${k}`, `count(*) filter (where v.outcome = '${o}')`]);
  }
  return cols;
}

function caseColumns(): [string, string][] {
  const inRange = (col: string) => `${col} between :from and :to`;
  const processed = inRange('x.processed_on');
  const eligible = `${processed} and (x.accepted_on is not null or x.jurisdiction in ('forwarded', 'guided', 'chased'))`;
  const cols: [string, string][] = [
    ['xld.total', `count(*) filter (where x.processed_on is null or x.processed_on >= :from)`],
    ['xld.carriedOver', `count(*) filter (where x.received_on < :from and (x.processed_on is null or x.processed_on >= :from))`],
    ['xld.received', `count(*) filter (where ${inRange('x.received_on')})`],
    ['xld.processed', `count(*) filter (where ${processed})`],
    ['xld.pending', `count(*) filter (where x.processed_on is null or x.processed_on > :to)`],
    ['xld.eligible', `count(*) filter (where ${eligible})`],
  ];
  for (const k of KINDS) cols.push([`xld.kind.${k}`, `count(*) filter (where ${eligible} and x.kind = '${k}')`]);
  for (const f of FIELDS) {
    const cond = f === 'khac' ? `(x.field = 'khac' or x.field not in (${FIELDS.map((v) => `'${v}'`).join(', ')}))` : `x.field = '${f}'`;
    cols.push([`xld.field.${f}`, `count(*) filter (where ${eligible} and ${cond})`]);
  }
  cols.push(['xld.field.unclassified', `count(*) filter (where ${eligible} and x.field is null)`]);
  cols.push(['xld.accepted', `count(*) filter (where ${inRange('x.accepted_on')})`]);
  for (const k of KINDS) cols.push([`xld.accepted.${k}`, `count(*) filter (where ${inRange('x.accepted_on')} and x.kind = '${k}')`]);
  for (const j of ['forwarded', 'guided', 'chased', 'archived', 'returned']) cols.push([`xld.${j}`, `count(*) filter (where x.accepted_on is null and x.jurisdiction = '${j}' and ${inRange('x.closed_on')})`]);
  cols.push(['xld.withdrawn', `count(*) filter (where x.accepted_on is null and x.outcome in ('withdrawn', 'terminated') and ${inRange('x.decided_on')})`]);
  for (const [form, kind] of [
    ['gqkn', 'complaint'],
    ['gqtc', 'denunciation'],
  ]) {
    const base = `x.kind = '${kind}' and x.jurisdiction = 'own' and x.accepted_on is not null`;
    const within = `${base} and x.accepted_on <= :to and (x.decided_on is null or x.decided_on >= :from)`;
    const resolved = `${base} and ${inRange('x.decided_on')}`;
    cols.push([`${form}.within`, `count(*) filter (where ${within})`]);
    cols.push([`${form}.carriedOver`, `count(*) filter (where ${within} and x.accepted_on < :from)`]);
    cols.push([`${form}.accepted`, `count(*) filter (where ${base} and ${inRange('x.accepted_on')})`]);
    if (form === 'gqkn') cols.push(['gqkn.secondInstance', `count(*) filter (where ${within} and x.instance = 2)`]);
    cols.push([`${form}.resolved`, `count(*) filter (where ${resolved})`]);
    cols.push([`${form}.byDecision`, `count(*) filter (where ${resolved} and coalesce(x.outcome, '') not in ('withdrawn', 'terminated'))`]);
    cols.push([`${form}.withdrawn`, `count(*) filter (where ${resolved} and x.outcome = 'withdrawn')`]);
    cols.push([`${form}.terminated`, `count(*) filter (where ${resolved} and x.outcome = 'terminated')`]);
    const outcomes = form === 'gqkn' ? { right: 'right', partlyRight: 'partly-right', wrong: 'wrong', upheld: 'uphold', annulled: 'annul', amended: 'amend' } : { right: 'right', partlyRight: 'partly-right', untrue: 'untrue' };
    for (const [k, o] of Object.entries(outcomes)) cols.push([`${form}.${k}`, `count(*) filter (where ${resolved} and x.outcome = '${o}')`]);
    cols.push([`${form}.onTime`, `count(*) filter (where ${resolved} and (x.due_at_decision is null or x.decided_on <= x.due_at_decision))`]);
    cols.push([`${form}.late`, `count(*) filter (where ${resolved} and x.decided_on > x.due_at_decision)`]);
    cols.push([`${form}.pending`, `count(*) filter (where ${base} and x.accepted_on <= :to and (x.decided_on is null or x.decided_on > :to))`]);
  }
  return cols;
}

function petitionColumns(): [string, string][] {
  return [['xld.petitions', 'count(*)'], ...CHANNELS.map((c): [string, string] => [`xld.channel.${c}`, `count(*) filter (where p.channel = '${c}')`])];
}

const VISITS = visitColumns();
const CASES = caseColumns();
const PETITIONS = petitionColumns();

/** SQL text with the dates as literals (the figures are the same whatever the binding; the floor has no plan cache). */
function bind(text: string, from: string, to: string): string {
  return text.replaceAll(':from', `'${from}'::date`).replaceAll(':to', `'${to}'::date`);
}

function select(cols: [string, string][], from: string, to: string): string {
  return cols.map(([, e], i) => `${bind(e, from, to)}::int as c${i}`).join(',\n  ');
}

const subtree = (alias: string, root: string) => `(${alias}.agency_path = '${root}' or ${alias}.agency_path like '${root}/%')`;
const child = (alias: string, root: string) => `case when ${alias}.agency_path = '${root}' then '' else split_part(substr(${alias}.agency_path, ${root.length + 2}), '/', 1) end`;

async function grouped(db: DbOrTx, cols: [string, string][], text: string): Promise<Record<string, number>> {
  const rows = await queryRows<Record<string, number>>(db, sql.raw(text));
  const out: Record<string, number> = {};
  cols.forEach(([key], i) => (out[key] = rows.reduce((s, r) => s + Number(r[`c${i}`] ?? 0), 0)));
  return out;
}

/** Every figure of the report of `agency`'s subtree for [from, to] (totals of the per-child groups), plus the previous period's headline figures. */
export async function floorFigures(db: DbOrTx, agency: AgencyRow, from: string, to: string): Promise<Record<string, number>> {
  if (!/^[\w/]+$/.test(agency.path)) throw new Error('unexpected agency path');
  const root = agency.path;
  const visits = await grouped(
    db,
    VISITS,
    `select ${child('v', root)} as grp,
  ${select(VISITS, from, to)}
from visits v left join reception_sessions s on s.id = v.session_id
where ${subtree('v', root)} and v.visited_on between '${from}' and '${to}'
group by 1`,
  );
  const cases = await grouped(
    db,
    CASES,
    `select grp,
  ${select(CASES, from, to)}
from (
  select ${child('c', root)} as grp, c.kind, c.field, c.jurisdiction, c.received_on, c.accepted_on, c.decided_on, c.closed_on, c.outcome, c.instance, c.due_at_decision,
    coalesce(c.accepted_on, case when c.jurisdiction in ('forwarded', 'guided', 'chased', 'archived', 'returned') then c.closed_on end, case when c.outcome in ('withdrawn', 'terminated') then c.decided_on end) as processed_on
  from cases c
  where ${subtree('c', root)} and c.received_on <= '${to}'
) x
where x.processed_on is null or x.processed_on >= '${from}' or x.decided_on is null or x.decided_on >= '${from}'
group by 1`,
  );
  const petitions = await grouped(
    db,
    PETITIONS,
    `select ${child('p', root)} as grp,
  ${select(PETITIONS, from, to)}
from petitions p
where ${subtree('p', root)} and p.received_on between '${from}' and '${to}'
group by 1`,
  );
  const prev = previousRange({ from, to });
  const [previous] = await queryRows<Record<string, number>>(
    db,
    sql.raw(`select
  (select count(*)::int from visits v where ${subtree('v', root)} and v.visited_on between '${prev.from}' and '${prev.to}') as visits,
  (select coalesce(sum(v.people_count), 0)::int from visits v where ${subtree('v', root)} and v.visited_on between '${prev.from}' and '${prev.to}') as people,
  (select count(distinct v.agency_id::text || ':' || coalesce(v.case_id, v.id)::text)::int from visits v where ${subtree('v', root)} and v.visited_on between '${prev.from}' and '${prev.to}') as cases,
  (select count(*)::int from cases c where ${subtree('c', root)} and c.kind in ('complaint', 'denunciation') and c.jurisdiction = 'own' and c.accepted_on <= '${prev.to}' and (c.decided_on is null or c.decided_on >= '${prev.from}')) as "withinJurisdiction",
  (select count(*)::int from cases c where ${subtree('c', root)} and c.kind in ('complaint', 'denunciation') and c.jurisdiction = 'own' and c.accepted_on is not null and c.decided_on between '${prev.from}' and '${prev.to}') as resolved`),
  );
  const figures: Record<string, number> = { ...visits, ...cases, ...petitions };
  figures.visits = figures['tcd.visits']!;
  figures.people = figures['tcd.people']!;
  figures.cases = figures['tcd.cases']!;
  figures.withinJurisdiction = figures['gqkn.within']! + figures['gqtc.within']!;
  figures.resolved = figures['gqkn.resolved']! + figures['gqtc.resolved']!;
  for (const [k, v] of Object.entries(previous ?? {})) figures[`previous.${k}`] = Number(v);
  return figures;
}
