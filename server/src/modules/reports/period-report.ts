/**
 * getPeriodReport: the core indicators for an agency subtree and a date range, computed from the records.
 * - visits / people: reception visits (lượt) and the people in them, visited in the range;
 * - cases: distinct matters (vụ việc) those visits concerned — a visit linked to a case counts with its case, a visit
 *   that opened no case (guided, forwarded, refused, imported from a paper register) is a matter of its own;
 * - delegations: visits of 5+ people with the same content (đoàn đông người, Luật TCD Art. 29);
 * - firstTimeVisits / repeatVisits: a visit linked to a case that already existed is a repeat (domain/reception/visits.ts);
 * - withinJurisdiction: complaints and denunciations accepted (thụ lý) by the subtree, carried over or new:
 *   accepted on or before `to` and not resolved before `from`;
 * - resolved: of those, decided within the range. Rate = resolved ÷ within jurisdiction.
 * The subtree test is one prefix match on the denormalised agency path (docs/adr/0004-agency-paths.md).
 */
import { sql } from 'drizzle-orm';
import { settlementRate, summarySentence, type CoreFigures } from '@danvan/domain/reports';
import { queryRows, type DbOrTx } from '../../db/client.ts';
import type { AgencyRow } from '../agencies/queries.ts';

export interface PeriodReport extends CoreFigures {
  agency: { code: string; name: string };
  delegations: number;
  firstTimeVisits: number;
  repeatVisits: number;
  from: string;
  to: string;
  resolutionRate: number;
  summary: string;
}

export async function computePeriodReport(db: DbOrTx, agency: AgencyRow, from: string, to: string): Promise<PeriodReport> {
  const root = agency.path;
  const prefix = `${root}/%`;
  const [row] = await queryRows<{ visits: number; people: number; cases: number; delegations: number; repeats: number; within: number; resolved: number }>(db, sql`
    with v as (
      select count(*)::int as visits, coalesce(sum(people_count), 0)::int as people, count(distinct coalesce(case_id, id))::int as cases,
             count(*) filter (where is_delegation)::int as delegations, count(*) filter (where is_repeat)::int as repeats
      from visits
      where (agency_path = ${root} or agency_path like ${prefix}) and visited_on between ${from} and ${to}
    ), k as (
      select count(*)::int as within,
             count(*) filter (where decided_on between ${from} and ${to})::int as resolved
      from cases
      where (agency_path = ${root} or agency_path like ${prefix})
        and kind in ('complaint', 'denunciation')
        and jurisdiction = 'own'
        and accepted_on <= ${to}
        and (decided_on is null or decided_on >= ${from})
    )
    select v.visits, v.people, v.cases, v.delegations, v.repeats, k.within, k.resolved from v, k`);
  const f: CoreFigures = {
    visits: Number(row?.visits ?? 0),
    people: Number(row?.people ?? 0),
    cases: Number(row?.cases ?? 0),
    withinJurisdiction: Number(row?.within ?? 0),
    resolved: Number(row?.resolved ?? 0),
  };
  return {
    agency: { code: agency.code, name: agency.fullName },
    from,
    to,
    ...f,
    delegations: Number(row?.delegations ?? 0),
    firstTimeVisits: f.visits - Number(row?.repeats ?? 0),
    repeatVisits: Number(row?.repeats ?? 0),
    resolutionRate: settlementRate(f.resolved, f.withinJurisdiction),
    summary: summarySentence(agency.fullName, from, to, f),
  };
}
