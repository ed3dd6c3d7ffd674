/**
 * getPeriodReport: every indicator of forms 01/TCD, 02/XLD, 03/GQKN, 04/GQTC for an agency subtree and a range,
 * computed from the records (on the fly, docs/adr/0009-report-aggregation.md), with the roll-up through the tree,
 * the narrative sentence and the comparison with the previous period of equal length.
 *
 * One query per source table (visits, cases, petitions) groups the subtree's rows by the root's direct child they
 * fall under ('' = the agency's own records) and counts every indicator with `filter (where <predicate>)`
 * (indicator-sql.ts). The parent's figures are the sum of its own and its children's groups, so the roll-up is
 * consistent by construction; reports.test.ts checks it against the children's own reports.
 * The subtree test is one prefix match on the denormalised agency path (docs/adr/0004-agency-paths.md).
 */
import { dialogueFigures, type DialogueFigures } from '../dialogues/figures.ts';
import { dialogueSentence } from '@danvan/domain/dialogues/kinds';
import { formatCount, formatPercent } from '@danvan/domain/text';
import { sql, type SQL } from 'drizzle-orm';
import { ratingCounts, type RatingCounts } from '../portal/rate-petition.ts';
import {
  addFigures,
  comparisonSentence,
  emptyFigures,
  FORMS,
  INDICATORS,
  indicatorDef,
  parsePeriod,
  periodLabel,
  previousRange,
  settlementRate,
  summarySentence,
  DEFAULT_CUTOFF,
  type CoreFigures,
  type CutoffConvention,
  type DateRange,
  type Figures,
  type IndicatorDef,
  type Source,
} from '@danvan/domain/reports';
import { compareVi } from '@danvan/domain/text';
import { queryRows, type DbOrTx } from '../../db/client.ts';
import type { AgencyRow } from '../agencies/queries.ts';
import { baseWindow, COMPILED, constraintSql, dimsFor, satisfies, sourceRows, type DimValue } from './indicator-sql.ts';
import { aggregateByChildFromCounters } from './counters.ts';

export interface AgencyRef {
  code: string;
  name: string;
  level: string;
}

export interface ChildFigures {
  agency: AgencyRef;
  figures: Figures;
}

export interface Aggregation {
  total: Figures;
  own: Figures;
  children: ChildFigures[];
}

const ALIAS: Record<Source, string> = { visits: 'v', cases: 'c', petitions: 'p' };

/** SQL condition: the row's agency path lies in the subtree of `root`. */
export function inSubtree(alias: string, rootPath: string): SQL {
  const col = sql.raw(`${alias}.agency_path`);
  return sql`(${col} = ${rootPath} or ${col} like ${`${rootPath}/%`})`;
}

/** '' for the root's own rows, else the code of the root's direct child the row falls under. */
function childKey(alias: string, rootPath: string): SQL {
  const col = sql.raw(`${alias}.agency_path`);
  return sql`case when ${col} = ${rootPath} then '' else split_part(substr(${col}, ${rootPath.length + 2}), '/', 1) end`;
}

/**
 * Runs one of the report's read-only queries in a transaction where, on PostgreSQL, the JIT compiler is off
 * (compiling the report's expressions costs more than it saves on these scans, ADR 0009) and the grouped passes
 * have memory to hash in.
 */
export async function reportQuery<T>(db: DbOrTx, run: (tx: DbOrTx) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`set local jit = off`);
    await tx.execute(sql`set local work_mem = '64MB'`);
    return run(tx);
  });
}

/** A caller's transaction has one connection: its queries run one after another; otherwise they run side by side. */
function isTransaction(db: DbOrTx): boolean {
  return typeof (db as { rollback?: unknown }).rollback === 'function';
}

async function runPasses(db: DbOrTx, passes: ((tx: DbOrTx) => Promise<void>)[]): Promise<void> {
  if (isTransaction(db)) {
    for (const p of passes) await reportQuery(db, p);
    return;
  }
  // Separate connections (PostgreSQL pool): the passes use both cores. PGlite queues them.
  await Promise.all(passes.map((p) => reportQuery(db, p)));
}

/**
 * Figures of the subtree of `root` for the range, per direct child ('' = own), for these indicators: from the report
 * counters when they cover the range (every period starting on the 1st or the 15th; counters.ts, ADR 0010), else
 * aggregated from the records.
 */
export async function aggregateByChild(db: DbOrTx, root: AgencyRow, r: DateRange, defs: readonly IndicatorDef[] = INDICATORS): Promise<Map<string, Figures>> {
  const counted = await aggregateByChildFromCounters(db, root, r);
  if (!counted) return aggregateByChildFromRecords(db, root, r, defs);
  if (defs === INDICATORS) return counted;
  const wanted = new Set(defs.map((d) => d.key));
  for (const f of counted.values()) for (const k of Object.keys(f)) if (!wanted.has(k)) f[k] = 0;
  return counted;
}

/** The same figures aggregated from the records on the fly: the definition the counters are tested against. */
export async function aggregateByChildFromRecords(db: DbOrTx, root: AgencyRow, r: DateRange, defs: readonly IndicatorDef[] = INDICATORS): Promise<Map<string, Figures>> {
  const wanted = new Set(defs.map((d) => d.key));
  const compiled = COMPILED.filter((c) => wanted.has(c.key));
  const groups = new Map<string, Figures>();
  const figuresOf = (grp: unknown) => {
    const k = String(grp ?? '');
    let f = groups.get(k);
    if (!f) groups.set(k, (f = emptyFigures()));
    return f;
  };
  const matters = compiled.filter((d) => d.measure === 'matters');
  const passes: ((tx: DbOrTx) => Promise<void>)[] = [];
  for (const source of ['visits', 'cases', 'petitions'] as const) {
    const list = compiled.filter((d) => d.source === source && d.measure !== 'matters');
    if (!list.length && !(source === 'visits' && matters.length)) continue;
    const alias = ALIAS[source];
    const dimNames = Object.keys(dimsFor(source, r));
    const dimCols = dimNames.map((d) => sql.raw(`${alias}.d_${d}`));
    // One grouped pass: per direct unit, the number of rows (and people) for each combination of dimensions.
    passes.push(async (tx) => {
      const rows = await queryRows<Record<string, DimValue>>(tx, sql`
        select ${childKey(alias, root.path)} as grp, ${sql.join(dimCols, sql`, `)}, count(*)::int as n${source === 'visits' ? sql`, sum(${sql.raw(alias)}.people_count)::int as people` : sql``}
        from ${sourceRows(source, r, sql`${inSubtree(alias, root.path)} and ${baseWindow(source, r)}`)}
        group by ${sql.join([sql.raw('1'), ...dimCols], sql`, `)}`);
      for (const row of rows) {
        const dims: Record<string, DimValue> = {};
        for (const d of dimNames) dims[d] = row[`d_${d}`] ?? null;
        const f = figuresOf(row.grp);
        for (const ind of list) if (satisfies(ind.constraint, dims)) f[ind.key] = (f[ind.key] ?? 0) + Number(ind.measure === 'people' ? row.people : row.n);
        // Visits that opened no case: each is a matter of its own.
        if (source === 'visits' && dims.hascase === false) for (const ind of matters) if (satisfies(ind.constraint, dims)) f[ind.key] = (f[ind.key] ?? 0) + Number(row.n);
      }
    });
  }
  // Matters with a case are distinct: one row per (agency, case) first, flagged by the visits it had in the
  // range, then counted.
  if (matters.length) {
    const flags = matters.map((d, i) => sql`bool_or(${constraintSql(d.constraint, 'v')}) as ${sql.raw(`m${i}`)}`);
    const counts = matters.map((_, i) => sql`count(*) filter (where ${sql.raw(`m${i}`)})::int as ${sql.raw(`f${i}`)}`);
    passes.push(async (tx) => {
      const rows = await queryRows<Record<string, number | string>>(tx, sql`
        select grp, ${sql.join(counts, sql`, `)} from (
          select ${childKey('v', root.path)} as grp, ${sql.join(flags, sql`, `)}
          from ${sourceRows('visits', r, sql`${inSubtree('v', root.path)} and ${baseWindow('visits', r)} and v.case_id is not null`)}
          group by 1, v.agency_id, v.case_id
        ) m group by grp`);
      for (const row of rows) {
        const f = figuresOf(row.grp);
        matters.forEach((d, i) => (f[d.key] = (f[d.key] ?? 0) + Number(row[`f${i}`] ?? 0)));
      }
    });
  }
  await runPasses(db, passes);
  return groups;
}

/** The national root's children: the 34 provinces, then the ministries (then any other level). */
const LEVEL_ORDER = ['province', 'commune', 'ministry'];
const levelRank = (level: string) => (LEVEL_ORDER.includes(level) ? LEVEL_ORDER.indexOf(level) : LEVEL_ORDER.length);

/** The subtree's figures: own, each direct child (every child listed, in Vietnamese order), and the total. */
export async function aggregate(db: DbOrTx, root: AgencyRow, r: DateRange): Promise<Aggregation> {
  const groups = await aggregateByChild(db, root, r);
  const childRows = await queryRows<{ code: string; full_name: string; level: string; sort_key: number }>(
    db,
    sql`select code, full_name, level, sort_key from agencies where parent_id = ${root.id}`,
  );
  // Sort keys are numbered within a level (provinces 0…33, ministries 0…16): group by level first.
  childRows.sort((a, b) => levelRank(a.level) - levelRank(b.level) || a.sort_key - b.sort_key || compareVi(a.full_name, b.full_name));
  const own = groups.get('') ?? emptyFigures();
  const children: ChildFigures[] = childRows.map((c) => ({ agency: { code: c.code, name: c.full_name, level: c.level }, figures: groups.get(c.code) ?? emptyFigures() }));
  const known = new Set(['', ...childRows.map((c) => c.code)]);
  // Rows whose path names no current child (an agency moved in the tree) still count, under their own segment.
  for (const [code, figures] of groups) if (!known.has(code)) children.push({ agency: { code, name: code, level: 'unknown' }, figures });
  const total = children.reduce((acc, c) => addFigures(acc, c.figures), own);
  return { total, own, children };
}

export function coreOf(f: Figures): CoreFigures {
  return {
    visits: f['tcd.visits'] ?? 0,
    people: f['tcd.people'] ?? 0,
    cases: f['tcd.cases'] ?? 0,
    withinJurisdiction: (f['gqkn.within'] ?? 0) + (f['gqtc.within'] ?? 0),
    resolved: (f['gqkn.resolved'] ?? 0) + (f['gqtc.resolved'] ?? 0),
  };
}

const CORE_KEYS = ['tcd.visits', 'tcd.people', 'tcd.cases', 'gqkn.within', 'gqtc.within', 'gqkn.resolved', 'gqtc.resolved'];
const CORE_DEFS = CORE_KEYS.map((k) => indicatorDef(k)!);

/** Only the five figures of the summary sentence, for the whole subtree. */
export async function computeCoreFigures(db: DbOrTx, root: AgencyRow, r: DateRange): Promise<CoreFigures> {
  const groups = await aggregateByChild(db, root, r, CORE_DEFS);
  let sum = emptyFigures();
  for (const f of groups.values()) sum = addFigures(sum, f);
  return coreOf(sum);
}

export interface FormRow {
  key: string;
  label: string;
  value: number;
}

export interface FormSection {
  key: string;
  code: string;
  title: string;
  groups: { title: string; rows: FormRow[] }[];
}

export function formSections(f: Figures): FormSection[] {
  return FORMS.map((form) => ({
    key: form.key,
    code: form.code,
    title: form.title,
    groups: form.groups.map((g) => ({ title: g.title, rows: g.keys.map((k) => ({ key: k, label: indicatorDef(k)?.label ?? k, value: f[k] ?? 0 })) })),
  }));
}

export interface PeriodReport extends CoreFigures {
  agency: AgencyRef;
  from: string;
  to: string;
  /** The named period ("2026-H1") when the report was asked by period, else null (custom range). */
  period: string | null;
  periodLabel: string;
  cutoff: CutoffConvention;
  delegations: number;
  firstTimeVisits: number;
  repeatVisits: number;
  resolutionRate: number;
  complaintRate: number;
  denunciationRate: number;
  /** Every indicator of the four forms for the whole subtree, by key (domain/reports/indicators.ts). */
  indicators: Figures;
  forms: FormSection[];
  rollup: { own: Figures; children: ChildFigures[] };
  previous: CoreFigures & { from: string; to: string; resolutionRate: number };
  summary: string;
  comparison: string;
  narrative: string;
  /** Citizens' ratings of the answers (portal), given in the period in the subtree. */
  ratings: RatingCounts;
  /** Dialogues and commitments of the subtree (issue 14, modules/dialogues/figures.ts); its sentence ends the narrative. */
  dialogues: DialogueFigures;
  dialogueSentence: string;
}

export interface ReportOptions {
  period?: string | null;
  cutoff?: CutoffConvention;
  /** Commitments are judged overdue as of this date (default the period's end). */
  asOf?: string;
}

export async function computePeriodReport(db: DbOrTx, agency: AgencyRow, from: string, to: string, opts: ReportOptions = {}): Promise<PeriodReport> {
  const cutoff = opts.cutoff ?? DEFAULT_CUTOFF;
  const range = { from, to };
  const prevRange = previousRange(range, cutoff);
  const [agg, prev] = await Promise.all([aggregate(db, agency, range), isTransaction(db) ? null : computeCoreFigures(db, agency, prevRange)]);
  const f = agg.total;
  const core = coreOf(f);
  const previous = prev ?? (await computeCoreFigures(db, agency, prevRange));
  const summary = summarySentence(agency.fullName, from, to, core);
  const comparison = comparisonSentence(core, previous, prevRange);
  const named = opts.period && parsePeriod(opts.period, cutoff) ? opts.period : null;
  const dialogues = await dialogueFigures(db, agency.path, from, to, opts.asOf && opts.asOf < to ? opts.asOf : to);
  const dialogueText = dialogueSentence(dialogues, formatCount, formatPercent);
  return {
    agency: { code: agency.code, name: agency.fullName, level: agency.level },
    from,
    to,
    period: named,
    periodLabel: periodLabel(named) ?? `Từ ngày ${from.split('-').reverse().join('/')} đến ngày ${to.split('-').reverse().join('/')}`,
    cutoff,
    ...core,
    delegations: f['tcd.delegations'] ?? 0,
    firstTimeVisits: f['tcd.firstTime'] ?? 0,
    repeatVisits: f['tcd.repeat'] ?? 0,
    resolutionRate: settlementRate(core.resolved, core.withinJurisdiction),
    complaintRate: settlementRate(f['gqkn.resolved'] ?? 0, f['gqkn.within'] ?? 0),
    denunciationRate: settlementRate(f['gqtc.resolved'] ?? 0, f['gqtc.within'] ?? 0),
    indicators: f,
    forms: formSections(f),
    rollup: { own: agg.own, children: agg.children },
    previous: { ...prevRange, ...previous, resolutionRate: settlementRate(previous.resolved, previous.withinJurisdiction) },
    summary,
    comparison,
    narrative: dialogueText ? `${summary} ${comparison} ${dialogueText}` : `${summary} ${comparison}`,
    ratings: await ratingCounts(db, { agencyPath: agency.path, from, to }),
    dialogues,
    dialogueSentence: dialogueText,
  };
}
