/**
 * getReceptionCompliance: for an agency subtree and a period, one row per agency whose head has a minimum
 * reception frequency (domain/reception/compliance.ts: Luật TCD Arts. 12, 15, 18; ND 154 Art. 10): required
 * days, days held in person vs by a deputy, days that count, and the flags. Held days come from closed head
 * sessions; one SQL query groups them per agency and date for the whole subtree.
 */
import { sql } from 'drizzle-orm';
import { assessCompliance, COMPLIANCE_FLAG_LABELS, DELEGATION_BAN, headDutyFor, type HeldDay } from '@danvan/domain/reception/compliance';
import { compareVi } from '@danvan/domain/text';
import { queryRows, type DbOrTx } from '../../db/client.ts';
import type { AgencyRow } from '../agencies/queries.ts';
import { loadCalendar } from '../clock/deadlines.ts';

export interface ComplianceQuery {
  from: string;
  to: string;
  flaggedOnly?: boolean;
  /** Today: weeks and months that end after it are not yet due (a running quarter is judged so far). */
  asOf?: string;
  limit: number;
  offset: number;
}

export async function computeReceptionCompliance(db: DbOrTx, root: AgencyRow, q: ComplianceQuery) {
  const calendar = await loadCalendar(db);
  const prefix = `${root.path}/%`;
  const agencyRows = await queryRows<{ id: string; code: string; full_name: string; level: string; path: string; sort_key: number }>(db, sql`
    select id, code, full_name, level, path, sort_key from agencies
    where (path = ${root.path} or path like ${prefix}) and level in ('commune', 'province', 'ministry', 'department')`);
  const dayRows = await queryRows<{ agency_id: string; held_on: string; in_person: boolean }>(db, sql`
    select agency_id, held_on::text as held_on, bool_or(delegated_to_name is null and delegated_to_user_id is null) as in_person
    from reception_sessions
    where (agency_path = ${root.path} or agency_path like ${prefix})
      and kind = 'head' and status = 'closed' and held_on between ${q.from} and ${q.to}
    group by agency_id, held_on`);
  const byAgency = new Map<string, HeldDay[]>();
  for (const r of dayRows) {
    const list = byAgency.get(r.agency_id) ?? [];
    list.push({ date: String(r.held_on).slice(0, 10), inPerson: Boolean(r.in_person) });
    byAgency.set(r.agency_id, list);
  }
  // Parents before children, then Vietnamese alphabetical order among siblings (the seed's sort key).
  agencyRows.sort((a, b) => a.path.split('/').length - b.path.split('/').length || a.sort_key - b.sort_key || compareVi(a.full_name, b.full_name));
  const rows = [];
  for (const a of agencyRows) {
    const duty = headDutyFor(a.level);
    if (!duty) continue;
    const days = (byAgency.get(a.id) ?? []).sort((x, y) => x.date.localeCompare(y.date));
    const dueTo = q.asOf && q.asOf < q.to ? q.asOf : q.to;
    const r = assessCompliance(duty, q.from, dueTo, days, calendar);
    if (q.flaggedOnly && !r.flags.length) continue;
    rows.push({
      agencyCode: a.code,
      agencyName: a.full_name,
      level: a.level,
      holder: duty.holder,
      frequency: duty.frequency,
      requirement: duty.label,
      citation: duty.citation,
      required: r.required,
      heldDays: r.heldDays,
      inPersonDays: r.inPersonDays,
      delegatedDays: r.delegatedDays,
      countedDays: r.countedDays,
      compliant: !r.flags.includes('below-minimum'),
      flags: r.flags.map((f) => ({ code: f, label: COMPLIANCE_FLAG_LABELS[f] })),
      missedPeriods: r.missedUnits,
      days,
    });
  }
  return {
    agency: { code: root.code, name: root.fullName },
    from: q.from,
    to: q.to,
    rule:
      'Tuần: mỗi tuần (thứ Hai–Chủ nhật) có ngày thứ Năm trong kỳ và có ít nhất một ngày làm việc cần 1 ngày tiếp; tháng: mỗi tháng có ngày 15 trong kỳ cần 1 ngày tiếp. Chỉ tính buổi thủ trưởng tiếp đã kết thúc; nhiều buổi trong một ngày tính là một ngày.',
    delegationBan: { ...DELEGATION_BAN },
    total: rows.length,
    flagged: rows.filter((r) => r.flags.length).length,
    items: rows.slice(q.offset, q.offset + q.limit),
  };
}
