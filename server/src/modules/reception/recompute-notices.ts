/**
 * recomputeVisitNotices: after a calendar day changed, inside the same transaction as the edit (the clock module's
 * setCalendarDay / resetCalendarDay hold the exclusive calendar lock), recompute the outcome-notice deadline
 * (`reception.notice`, Luật TCD Art. 28) of every visit whose notice is still pending and whose period can include
 * that day, and write the ones that moved, each with an audit row. Same candidate rule as the cases' recompute
 * (clock/recompute-deadlines.ts): visited_on < D and notice_due_on >= D − margin.
 * To be called by the clock module next to `recomputeDeadlines` (see the hand-off note of issue 5).
 */
import { and, asc, eq, gte, isNotNull, isNull, lt } from 'drizzle-orm';
import { ClockError } from '@danvan/domain/clock/index';
import { addDays } from '@danvan/domain/clock/dates';
import { formatIsoDateVi } from '@danvan/domain/text';
import { NOTICE_RULE } from '@danvan/domain/reception/visits';
import type { Tx } from '../../db/client.ts';
import { agencies, visits } from '../../db/schema.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { calendarWith, clockInputs, computeClock, readOverrides } from '../clock/deadlines.ts';

const MARGIN_DAYS = 7;

export interface MovedNotice {
  visitId: string;
  before: string;
  after: string;
}

export async function recomputeVisitNotices(tx: Tx, input: { date: string; change: string; actor: { id: string | null; displayName: string }; now: Date }): Promise<MovedNotice[]> {
  const calendar = calendarWith(await readOverrides(tx));
  const candidates = await tx
    .select({ v: visits, remote: agencies.remote })
    .from(visits)
    .innerJoin(agencies, eq(agencies.id, visits.agencyId))
    .where(and(isNotNull(visits.noticeDueOn), isNull(visits.noticeSentOn), lt(visits.visitedOn, input.date), gte(visits.noticeDueOn, addDays(input.date, -MARGIN_DAYS))))
    .orderBy(asc(visits.visitedOn), asc(visits.id));
  const moved: MovedNotice[] = [];
  for (const { v, remote } of candidates) {
    if (!v.noticeDueOn) continue;
    let due: string;
    let version: string;
    try {
      ({ due, version } = computeClock(calendar, { ...clockInputs(NOTICE_RULE, v.visitedOn, { remote }), ruleVersion: v.noticeRuleVersion }));
    } catch (err) {
      if (err instanceof ClockError) continue;
      throw err;
    }
    if (due === v.noticeDueOn) continue;
    // Guarded on the stored date and on the notice still pending: a notice recorded meanwhile wins.
    const [updated] = await tx
      .update(visits)
      .set({ noticeDueOn: due, noticeRuleVersion: version })
      .where(and(eq(visits.id, v.id), eq(visits.noticeDueOn, v.noticeDueOn), isNull(visits.noticeSentOn)))
      .returning({ id: visits.id });
    if (!updated) continue;
    await writeAudit(tx, {
      at: input.now,
      actorId: input.actor.id,
      actorName: input.actor.displayName,
      agencyId: v.agencyId,
      entity: 'visit',
      entityId: v.id,
      caseId: v.caseId,
      action: 'visit.notice-recompute',
      summary: `Hạn thông báo kết quả xử lý đơn đổi từ ${formatIsoDateVi(v.noticeDueOn)} thành ${formatIsoDateVi(due)} do điều chỉnh lịch ngày ${formatIsoDateVi(input.date)} ${input.change}`,
      before: { noticeDueOn: v.noticeDueOn, noticeRuleVersion: v.noticeRuleVersion },
      after: { noticeDueOn: due, noticeRuleVersion: version, calendarDay: input.date },
    });
    moved.push({ visitId: v.id, before: v.noticeDueOn, after: due });
  }
  return moved;
}
