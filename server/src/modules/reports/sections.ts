/**
 * Extra sections of the period report's exports, contributed by other modules (the «Dân vận khéo» figures; the
 * dialogues' figures when that module exists): each provider gets the report's scope and range and returns a small
 * table of counts (aggregates only, like the rest of the open data) or null. The exports add a sheet (xlsx), an
 * entry under `sections` (json) and rows (csv, `bieu` = the section's key); the report's own figures are untouched.
 */
import type { AppContext } from '../../context.ts';

export interface ReportSection {
  key: string;
  title: string;
  columns: { key: string; label: string }[];
  /** The scope first (code = the scope's code), then its direct children. */
  rows: { code: string; name: string; values: Record<string, number> }[];
}

export type ReportSectionProvider = (ctx: AppContext, scope: { code: string }, from: string, to: string) => Promise<ReportSection | null>;

const providers: ReportSectionProvider[] = [];

export function registerReportSection(provider: ReportSectionProvider): void {
  if (!providers.includes(provider)) providers.push(provider);
}

export async function reportSections(ctx: AppContext, scope: { code: string }, from: string, to: string): Promise<ReportSection[]> {
  const out: ReportSection[] = [];
  for (const p of providers) {
    const s = await p(ctx, scope, from, to);
    if (s) out.push(s);
  }
  return out;
}
