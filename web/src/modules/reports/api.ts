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
/** getReportDashboard's answer, from the server's schema (web/src/api/types.ts). */
export type Dashboard = Ok<'getReportDashboard'>;

/**
 * The default range: 01/01 of this year to today (the brief's "current half-year from 01/01 to
 * today"; in the second half of the year this is year-to-date — the user can narrow it).
 * `today` is YYYY-MM-DD.
 */
export function defaultReportRange(today: string): { from: string; to: string } {
  return { from: `${today.slice(0, 4)}-01-01`, to: today };
}
