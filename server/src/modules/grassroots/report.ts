/**
 * The grassroots report of a scope (a commune, or a province rolled up commune by commune): matters decided in the
 * period by form, participation, initiatives, decisions sent and recognised on time, and the inspection boards'
 * recommendations answered on time. Read from the records on the fly (few rows per commune).
 */
import { sql } from 'drizzle-orm';
import type { MatterResult } from '@danvan/domain/grassroots/rules';
import { queryRows, type DbOrTx } from '../../db/client.ts';
import type { AgencyRow } from '../agencies/queries.ts';

export interface GrassrootsReportRow {
  agency: { code: string; name: string };
  mattersDecided: number;
  passed: number;
  householdsCounted: { meeting: number; paper: number; online: number };
  participationRate: number | null;
  initiatives: number;
  decisionsRecognized: number;
  recognizedOnTime: number;
  recognitionOverdue: number;
  recommendations: number;
  answeredOnTime: number;
  answerOverdue: number;
}

export async function grassrootsReport(db: DbOrTx, scope: AgencyRow, from: string, to: string, today: string) {
  const like = `${scope.path}/%`;
  const matters = await queryRows<{ path: string; result: MatterResult | null; passed: boolean | null; recognized_on: string | null; recognition_due_on: string | null; status: string }>(
    db,
    sql`select agency_path as path, result, passed, recognized_on, recognition_due_on, status from grassroots_matters
        where (agency_path = ${scope.path} or agency_path like ${like}) and closed_on between ${from} and ${to}`,
  );
  const initiatives = await queryRows<{ path: string; n: number }>(
    db,
    sql`select agency_path as path, count(*)::int as n from grassroots_initiatives
        where (agency_path = ${scope.path} or agency_path like ${like}) and (created_at at time zone 'Asia/Ho_Chi_Minh')::date between ${from} and ${to} group by agency_path`,
  );
  const recs = await queryRows<{ path: string; due_on: string; answered_on: string | null }>(
    db,
    sql`select agency_path as path, due_on, answered_on from grassroots_recommendations where (agency_path = ${scope.path} or agency_path like ${like}) and received_on between ${from} and ${to}`,
  );
  const communes = await queryRows<{ path: string; code: string; name: string }>(
    db,
    sql`select path, code, full_name as name from agencies where path in (
          select agency_path from grassroots_communities where agency_path = ${scope.path} or agency_path like ${like}) order by sort_key, code`,
  );
  const empty = (a: { code: string; name: string }): GrassrootsReportRow => ({
    agency: a,
    mattersDecided: 0,
    passed: 0,
    householdsCounted: { meeting: 0, paper: 0, online: 0 },
    participationRate: null,
    initiatives: 0,
    decisionsRecognized: 0,
    recognizedOnTime: 0,
    recognitionOverdue: 0,
    recommendations: 0,
    answeredOnTime: 0,
    answerOverdue: 0,
  });
  const rows = new Map(communes.map((c) => [c.path, empty({ code: c.code, name: c.name })]));
  const denominators = new Map<string, { households: number; participated: number }>();
  const row = (p: string) => rows.get(p) ?? rows.set(p, empty({ code: p.split('/').pop() ?? p, name: p })).get(p)!;
  for (const m of matters) {
    const r = row(m.path);
    r.mattersDecided++;
    if (m.passed) r.passed++;
    if (m.result) {
      r.householdsCounted.meeting += m.result.byForm.meeting;
      r.householdsCounted.paper += m.result.byForm.paper;
      r.householdsCounted.online += m.result.byForm.online;
      const d = denominators.get(m.path) ?? { households: 0, participated: 0 };
      d.households += m.result.households;
      d.participated += m.result.participated;
      denominators.set(m.path, d);
    }
    if (m.recognized_on) {
      r.decisionsRecognized++;
      if (m.recognition_due_on && m.recognized_on <= m.recognition_due_on) r.recognizedOnTime++;
    } else if (m.status === 'sent' && m.recognition_due_on && today > m.recognition_due_on) r.recognitionOverdue++;
  }
  for (const i of initiatives) row(i.path).initiatives += Number(i.n);
  for (const x of recs) {
    const r = row(x.path);
    r.recommendations++;
    if (x.answered_on && x.answered_on <= x.due_on) r.answeredOnTime++;
    if (!x.answered_on && today > x.due_on) r.answerOverdue++;
  }
  for (const [p, d] of denominators) row(p).participationRate = d.households ? d.participated / d.households : null;
  const items = [...rows.values()];
  const total = empty({ code: scope.code, name: scope.fullName });
  let hh = 0;
  let pp = 0;
  for (const r of items) {
    for (const k of ['mattersDecided', 'passed', 'initiatives', 'decisionsRecognized', 'recognizedOnTime', 'recognitionOverdue', 'recommendations', 'answeredOnTime', 'answerOverdue'] as const) total[k] += r[k];
    total.householdsCounted.meeting += r.householdsCounted.meeting;
    total.householdsCounted.paper += r.householdsCounted.paper;
    total.householdsCounted.online += r.householdsCounted.online;
  }
  for (const d of denominators.values()) {
    hh += d.households;
    pp += d.participated;
  }
  total.participationRate = hh ? pp / hh : null;
  return { from, to, items, total };
}
