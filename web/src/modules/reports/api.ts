import { withQuery } from '../../http.ts';

export interface PeriodReport {
  agency: { code: string; name: string };
  from: string;
  to: string;
  visits: number;
  people: number;
  cases: number;
  withinJurisdiction: number;
  resolved: number;
  /** 0..1 */
  resolutionRate: number;
  /** The narrative sentence, in Vietnamese. */
  summary: string;
}

export function periodReportPath(agency: string, from: string, to: string): string {
  return withQuery('/reports/period', { agency, from, to });
}

/**
 * The default range: 01/01 of this year to today (the brief's "current half-year from 01/01 to
 * today"; in the second half of the year this is year-to-date — the user can narrow it).
 * `today` is YYYY-MM-DD.
 */
export function defaultReportRange(today: string): { from: string; to: string } {
  return { from: `${today.slice(0, 4)}-01-01`, to: today };
}
