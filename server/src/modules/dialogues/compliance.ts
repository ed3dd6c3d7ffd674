/**
 * getDialogueCompliance: for an agency subtree and a year, as of a date —
 *  - communes with no yearly dialogue (a1: Luật 10/2022 Art. 32 [V]; Luật 72/2025 Art. 43 [V*]): listed once the
 *    year is over (as of 31/12) when no dialogue of a yearly kind was held in the year;
 *  - notices published with less than the kind's lead time (recorded with a reason);
 *  - conclusions published after their deadline, and held dialogues whose deadline passed without a conclusion;
 *  - voters' requests that reached the threshold (a2, ≥ 10 % [V*]) with no dialogue of the commune held on or after
 *    the request; requests to be decided (a8, youth: 45 days) still undecided past their date, or decided late.
 */
import { sql } from 'drizzle-orm';
import { requestStillOwed, yearlyDialogueMissing } from '@danvan/domain/dialogues/kinds';
import { compareVi, formatIsoDateVi } from '@danvan/domain/text';
import { queryRows, type DbOrTx } from '../../db/client.ts';
import type { AgencyRow } from '../agencies/queries.ts';
import { loadDialogueKinds } from './kinds.ts';

export async function computeDialogueCompliance(db: DbOrTx, root: AgencyRow, year: number, asOf: string) {
  const prefix = `${root.path}/%`;
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const yearly = (await loadDialogueKinds(db)).filter((k) => k.yearlyPerCommune).map((k) => k.key);
  const communes = await queryRows<{ id: string; code: string; full_name: string; path: string }>(db, sql`
    select id, code, full_name, path from agencies where (path = ${root.path} or path like ${prefix}) and level = 'commune'`);
  const held = yearly.length
    ? await queryRows<{ agency_id: string; n: number }>(db, sql`
        select agency_id, count(*)::int as n from dialogues
        where (agency_path = ${root.path} or agency_path like ${prefix}) and kind in (${sql.join(yearly.map((k) => sql`${k}`), sql`, `)})
          and status in ('held', 'concluded') and held_on between ${from} and ${to} and held_on <= ${asOf}
        group by agency_id`)
    : [];
  const heldBy = new Map(held.map((r) => [r.agency_id, Number(r.n)]));
  const missing = communes
    .filter((c) => yearlyDialogueMissing(year, asOf, heldBy.get(c.id) ?? 0))
    .sort((a, b) => compareVi(a.full_name, b.full_name))
    .map((c) => ({ agencyCode: c.code, agencyName: c.full_name }));
  const rows = await queryRows<{ id: string; code: string; title: string; agency_code: string; agency_name: string; notice_on: string | null; planned_on: string; notice_late: boolean; notice_required_days: number | null; notice_late_reason: string | null; held_on: string | null; conclusion_due_on: string | null; conclusion_on: string | null; conclusion_late: boolean; status: string }>(db, sql`
    select d.id, d.code, d.title, a.code as agency_code, a.full_name as agency_name, d.notice_on::text as notice_on, d.planned_on::text as planned_on,
           d.notice_late, d.notice_required_days, d.notice_late_reason, d.held_on::text as held_on, d.conclusion_due_on::text as conclusion_due_on,
           d.conclusion_on::text as conclusion_on, d.conclusion_late, d.status
    from dialogues d join agencies a on a.id = d.agency_id
    where (d.agency_path = ${root.path} or d.agency_path like ${prefix}) and d.planned_on between ${from} and ${to}
      and (d.notice_late or d.conclusion_late or (d.status = 'held' and d.conclusion_due_on < ${asOf}))
    order by d.planned_on, d.code`);
  const day = (v: string | null) => (v ? String(v).slice(0, 10) : null);
  const requests = await queryRows<{ id: string; code: string; agency_id: string; agency_code: string; agency_name: string; requested_on: string; requester: string; signatures: number | null; voters_on_roll: number | null; threshold_percent: number | null; triggered: boolean; decision_due_on: string | null; decided_on: string | null; decision_late: boolean }>(db, sql`
    select r.id, r.code, r.agency_id, a.code as agency_code, a.full_name as agency_name, r.requested_on::text as requested_on, r.requester, r.signatures, r.voters_on_roll,
           r.threshold_percent, r.triggered, r.decision_due_on::text as decision_due_on, r.decided_on::text as decided_on, r.decision_late
    from dialogue_requests r join agencies a on a.id = r.agency_id
    where (r.agency_path = ${root.path} or r.agency_path like ${prefix}) and r.requested_on between ${from} and ${to} and r.requested_on <= ${asOf}
      and (r.triggered or r.decision_due_on is not null)
    order by r.requested_on, r.code`);
  const heldDates = new Map<string, string[]>();
  if (requests.some((r) => r.triggered)) {
    const ids = [...new Set(requests.filter((r) => r.triggered).map((r) => r.agency_id))];
    const rowsHeld = await queryRows<{ agency_id: string; held_on: string }>(db, sql`
      select agency_id, held_on::text as held_on from dialogues
      where agency_id in (${sql.join(ids.map((i) => sql`${i}`), sql`, `)}) and status in ('held', 'concluded') and held_on <= ${asOf}`);
    for (const h of rowsHeld) heldDates.set(h.agency_id, [...(heldDates.get(h.agency_id) ?? []), day(h.held_on)!]);
  }
  const reqRef = (r: (typeof requests)[number]) => ({ id: r.id, code: r.code, agencyCode: r.agency_code, agencyName: r.agency_name, requestedOn: day(r.requested_on)!, requester: r.requester });
  const ref = (r: (typeof rows)[number]) => ({ id: r.id, code: r.code, title: r.title, agencyCode: r.agency_code, agencyName: r.agency_name });
  return {
    agency: { code: root.code, name: root.fullName },
    year,
    asOf,
    rule: `Mỗi xã tổ chức ít nhất một hội nghị đối thoại với Nhân dân mỗi năm (Điều 32 Luật 10/2022/QH15; Điều 43 Luật 72/2025/QH15); xã chưa tổ chức được liệt kê khi hết năm (từ ngày ${formatIsoDateVi(to)}).`,
    communes: communes.length,
    withoutYearlyDialogue: missing,
    lateNotices: rows.filter((r) => r.notice_late).map((r) => ({ ...ref(r), noticeOn: day(r.notice_on), plannedOn: day(r.planned_on)!, requiredDays: r.notice_required_days, reason: r.notice_late_reason })),
    lateConclusions: rows
      .filter((r) => r.conclusion_late || r.status === 'held')
      .map((r) => ({ ...ref(r), heldOn: day(r.held_on), dueOn: day(r.conclusion_due_on), conclusionOn: day(r.conclusion_on), pending: r.status === 'held' })),
    /** a2: triggered voters' requests still owed a dialogue. */
    requestsOwed: requests
      .filter((r) => r.triggered && requestStillOwed(day(r.requested_on)!, heldDates.get(r.agency_id) ?? []))
      .map((r) => ({ ...reqRef(r), signatures: r.signatures, votersOnRoll: r.voters_on_roll, thresholdPercent: r.threshold_percent })),
    /** a8: requests not decided by their date (pending) or decided after it. */
    lateRequestDecisions: requests
      .filter((r) => r.decision_due_on !== null && (r.decision_late || (r.decided_on === null && day(r.decision_due_on)! < asOf)))
      .map((r) => ({ ...reqRef(r), dueOn: day(r.decision_due_on)!, decidedOn: day(r.decided_on), pending: r.decided_on === null })),
  };
}
