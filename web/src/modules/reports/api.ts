import { withQuery } from '../../http.ts';
import type { Ok } from '../../api/types.ts';

/** getPeriodReport's answer, from the server's schema (web/src/api/types.ts). */
export type PeriodReport = Ok<'getPeriodReport'>;
export type UnitCore = NonNullable<PeriodReport['rollup']>['own'];
export type FormSection = NonNullable<PeriodReport['forms']>[number];

/** What the report is asked for: a named period (2026-H1, 2026-Q3, 2026-9M, 2026) or a custom range. */
export type ReportQuery = { agency: string; period: string } | { agency: string; from: string; to: string };

export function reportQuery(q: ReportQuery): Record<string, string> {
  return 'period' in q ? { agency: q.agency, period: q.period } : { agency: q.agency, from: q.from, to: q.to };
}

export function reportPath(q: ReportQuery): string {
  return withQuery('/reports/period', reportQuery(q));
}

export function dashboardPath(q: ReportQuery): string {
  return withQuery('/reports/dashboard', reportQuery(q));
}

export function drillPath(q: ReportQuery, indicator: string, limit = 200, offset = 0): string {
  return withQuery('/reports/drill', { ...reportQuery(q), indicator, limit, offset });
}

/** A browser link (cookie session) to a file export. */
export function exportHref(q: ReportQuery, format: 'xlsx' | 'pdf' | 'csv' | 'json'): string {
  return `/api/v1${withQuery('/reports/export', { ...reportQuery(q), format })}`;
}

export type DrillResult = Ok<'drillReportIndicator'>;
export type DrillRow = DrillResult['items'][number];
/** getReportDashboard's answer: its server schema is not detailed yet (Type.Unknown), so this one is written here. */
export interface Dashboard {
  asOf: string;
  byMonth: { month: string; visits: number; received: number; resolved: number }[];
  byKind: { kind: string; label: string; received: number }[];
  byField: { field: string; label: string; received: number }[];
  onTime: { resolved: number; onTime: number; late: number; rate: number | null };
  overdue: { total: number; open: number; byAgency: { agency: { code: string; name: string }; overdue: number; open: number }[] };
  compliance: { compliant: boolean; total: number; flagged: number; worst: { agencyCode: string; agencyName: string; required: number; countedDays: number; flags: string[] }[] };
  ranking: { level: string; items: { rank: number; agency: { code: string; name: string }; visits: number; cases: number; withinJurisdiction: number; resolved: number; resolutionRate: number; onTimeRate: number | null; overdue: number }[] };
  /** Dialogues and commitments of the subtree (issue 14). */
  dialogues?: { dialoguesHeld: number; participants: number; issuesRaised: number; answeredOnSpot: number; transferred: number; made: number; kept: number; keptOnTime: number; overdue: number; fulfilmentRate: number | null };
  /** Sections other modules contribute (reports/sections.ts: «Dân vận khéo» …): the scope first, then its units. */
  sections?: { key: string; title: string; columns: { key: string; label: string }[]; rows: { code: string; name: string; values: Record<string, number> }[] }[];
}

/**
 * The default range: 01/01 of this year to today (the brief's "current half-year from 01/01 to
 * today"; in the second half of the year this is year-to-date — the user can narrow it).
 * `today` is YYYY-MM-DD.
 */
export function defaultReportRange(today: string): { from: string; to: string } {
  return { from: `${today.slice(0, 4)}-01-01`, to: today };
}
