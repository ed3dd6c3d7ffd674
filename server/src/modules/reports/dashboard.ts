/**
 * getReportDashboard: what a head, an inspector or a monitor (Ban Dân vận, Mặt trận) looks at first, for an agency
 * subtree and a period — volume by month, by type and by field, the on-time rate, overdue cases by agency (worst
 * first), the head's reception compliance flag (reception/reception-compliance.ts) and a ranked table of the
 * agency's units (the provinces, at the national level). Aggregates only: no personal data.
 */
import { dialogueFigures, type DialogueFigures } from '../dialogues/figures.ts';
import { sql } from 'drizzle-orm';
import { KIND_LABELS_VI, FIELD_LABELS_VI, monthsOf, settlementRate, type DateRange } from '@danvan/domain/reports';
import { isoDateInVietnam } from '@danvan/domain/text';
import { queryRows, type DbOrTx } from '../../db/client.ts';
import type { AgencyRow } from '../agencies/queries.ts';
import { computeReceptionCompliance } from '../reception/reception-compliance.ts';
import { aggregate, coreOf, inSubtree, type AgencyRef } from './period-report.ts';

export interface RankedUnit {
  rank: number;
  agency: AgencyRef;
  visits: number;
  cases: number;
  withinJurisdiction: number;
  resolved: number;
  resolutionRate: number;
  onTimeRate: number | null;
  overdue: number;
}

export interface Dashboard {
  /** Dialogues and commitments of the subtree in the range, as of today (issue 14). */
  dialogues: DialogueFigures;
  agency: { code: string; name: string };
  from: string;
  to: string;
  asOf: string;
  byMonth: { month: string; visits: number; received: number; resolved: number }[];
  byKind: { kind: string; label: string; received: number }[];
  byField: { field: string; label: string; received: number }[];
  onTime: { resolved: number; onTime: number; late: number; rate: number | null };
  overdue: { total: number; open: number; byAgency: { agency: AgencyRef; overdue: number; open: number }[] };
  compliance: { compliant: boolean; total: number; flagged: number; worst: { agencyCode: string; agencyName: string; required: number; countedDays: number; flags: string[] }[] };
  ranking: { level: string; items: RankedUnit[] };
}

function childKey(rootPath: string) {
  return sql`case when c.agency_path = ${rootPath} then '' else split_part(substr(c.agency_path, ${rootPath.length + 2}), '/', 1) end`;
}

export async function computeDashboard(db: DbOrTx, root: AgencyRow, r: DateRange, now: Date): Promise<Dashboard> {
  const today = isoDateInVietnam(now);
  const months = monthsOf(r);
  // Independent parts run side by side (separate pool connections on PostgreSQL); the compliance check is mostly
  // computation in the server, so the database works on the aggregates meanwhile.
  const complianceTo = r.to < today ? r.to : today;
  const compliancePromise = r.from <= complianceTo ? computeReceptionCompliance(db, root, { from: r.from, to: complianceTo, limit: 1_000_000, offset: 0 }) : null;
  const aggPromise = aggregate(db, root, r);
  const [visitRows, receivedRows, resolvedRows] = await Promise.all([
    queryRows<{ m: string; n: number }>(db, sql`
      select to_char(v.visited_on, 'YYYY-MM') as m, count(*)::int as n from visits v
      where ${inSubtree('v', root.path)} and v.visited_on between ${r.from} and ${r.to} group by 1`),
    queryRows<{ m: string; n: number }>(db, sql`
      select to_char(c.received_on, 'YYYY-MM') as m, count(*)::int as n from cases c
      where ${inSubtree('c', root.path)} and c.received_on between ${r.from} and ${r.to} group by 1`),
    queryRows<{ m: string; n: number }>(db, sql`
      select to_char(c.decided_on, 'YYYY-MM') as m, count(*)::int as n from cases c
      where ${inSubtree('c', root.path)} and c.kind in ('complaint', 'denunciation') and c.jurisdiction = 'own' and c.accepted_on is not null
        and c.decided_on between ${r.from} and ${r.to} group by 1`),
  ]);
  const byM = (rows: { m: string; n: number }[]) => new Map(rows.map((x) => [x.m, Number(x.n)]));
  const vm = byM(visitRows);
  const rm = byM(receivedRows);
  const dm = byM(resolvedRows);
  const byMonth = months.map((m) => ({ month: m, visits: vm.get(m) ?? 0, received: rm.get(m) ?? 0, resolved: dm.get(m) ?? 0 }));

  const kindRows = await queryRows<{ kind: string; field: string | null; n: number }>(db, sql`
    select c.kind, c.field, count(*)::int as n from cases c
    where ${inSubtree('c', root.path)} and c.received_on between ${r.from} and ${r.to} group by 1, 2`);
  const kinds = new Map<string, number>();
  const fields = new Map<string, number>();
  for (const k of kindRows) {
    kinds.set(k.kind, (kinds.get(k.kind) ?? 0) + Number(k.n));
    const f = k.field ?? 'unclassified';
    fields.set(f, (fields.get(f) ?? 0) + Number(k.n));
  }
  const byKind = Object.keys(KIND_LABELS_VI).map((kind) => ({ kind, label: KIND_LABELS_VI[kind]!, received: kinds.get(kind) ?? 0 }));
  const byField = [...fields.entries()]
    .map(([field, received]) => ({ field, label: FIELD_LABELS_VI[field] ?? field, received }))
    .sort((a, b) => b.received - a.received || a.field.localeCompare(b.field));

  const agg = await aggPromise;
  const t = agg.total;
  const onTimeN = (t['gqkn.onTime'] ?? 0) + (t['gqtc.onTime'] ?? 0);
  const lateN = (t['gqkn.late'] ?? 0) + (t['gqtc.late'] ?? 0);

  // Open = a legal clock is running (processing, resolution, sending a conclusion); overdue = its day has passed.
  const overdueRows = await queryRows<{ grp: string; open: number; overdue: number }>(db, sql`
    select ${childKey(root.path)} as grp, count(*)::int as open, count(*) filter (where c.due_on < ${today})::int as overdue
    from cases c where ${inSubtree('c', root.path)} and c.due_on is not null group by 1`);
  const overdueByGroup = new Map(overdueRows.map((x) => [x.grp, { open: Number(x.open), overdue: Number(x.overdue) }]));
  const ownRef: AgencyRef = { code: root.code, name: root.fullName, level: root.level };
  const units = [{ agency: ownRef, key: '' }, ...agg.children.map((c) => ({ agency: c.agency, key: c.agency.code }))];
  const byAgency = units
    .map((u) => ({ agency: u.agency, ...(overdueByGroup.get(u.key) ?? { open: 0, overdue: 0 }) }))
    .filter((u) => u.open > 0)
    .sort((a, b) => b.overdue - a.overdue || b.open - a.open || a.agency.code.localeCompare(b.agency.code));

  const complianceRows = compliancePromise ? (await compliancePromise).items : [];
  const flaggedRows = complianceRows
    .filter((i) => i.flags.length)
    .sort((a, b) => b.required - b.countedDays - (a.required - a.countedDays) || a.agencyCode.localeCompare(b.agencyCode));

  // At the national level the ranked table is the provinces; below it, the agency's direct units.
  const provinces = agg.children.filter((c) => c.agency.level === 'province');
  const rankedChildren = provinces.length ? provinces : agg.children;
  const ranked: RankedUnit[] = rankedChildren
    .map((c) => {
      const core = coreOf(c.figures);
      const onTime = (c.figures['gqkn.onTime'] ?? 0) + (c.figures['gqtc.onTime'] ?? 0);
      const late = (c.figures['gqkn.late'] ?? 0) + (c.figures['gqtc.late'] ?? 0);
      return {
        rank: 0,
        agency: c.agency,
        visits: core.visits,
        cases: core.cases,
        withinJurisdiction: core.withinJurisdiction,
        resolved: core.resolved,
        resolutionRate: settlementRate(core.resolved, core.withinJurisdiction),
        onTimeRate: onTime + late ? onTime / (onTime + late) : null,
        overdue: overdueByGroup.get(c.agency.code)?.overdue ?? 0,
      };
    })
    .sort((a, b) => b.resolutionRate - a.resolutionRate || b.withinJurisdiction - a.withinJurisdiction || a.overdue - b.overdue || a.agency.code.localeCompare(b.agency.code));
  ranked.forEach((u, i) => (u.rank = i + 1));

  return {
    dialogues: await dialogueFigures(db, root.path, r.from, r.to, today < r.to ? today : r.to),
    agency: { code: root.code, name: root.fullName },
    from: r.from,
    to: r.to,
    asOf: today,
    byMonth,
    byKind,
    byField,
    onTime: { resolved: onTimeN + lateN, onTime: onTimeN, late: lateN, rate: onTimeN + lateN ? onTimeN / (onTimeN + lateN) : null },
    overdue: { total: byAgency.reduce((s, u) => s + u.overdue, 0), open: byAgency.reduce((s, u) => s + u.open, 0), byAgency },
    compliance: {
      compliant: complianceRows.every((i) => i.compliant),
      total: complianceRows.length,
      flagged: flaggedRows.length,
      worst: flaggedRows.slice(0, 10).map((i) => ({ agencyCode: i.agencyCode, agencyName: i.agencyName, required: i.required, countedDays: i.countedDays, flags: i.flags.map((f) => f.label) })),
    },
    ranking: { level: provinces.length ? 'province' : 'children', items: ranked },
  };
}
