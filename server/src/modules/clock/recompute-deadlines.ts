/**
 * recomputeDeadlines: after a calendar day changed, inside the same transaction (exclusive calendar lock held),
 * recompute the stored deadline of every open case whose period can include that day and write the ones that
 * moved, each with its own audit row.
 *
 * Which cases: a day D only matters to a clock started on `from` if the counting looked at it, i.e.
 * from < D <= due (working days are counted up to the last day, roll-over looks from the last day to due; a day
 * after the stored due was never looked at, and the new calendar agrees with the old one before D, so the count
 * stops at the same due). The candidates are therefore `clock_from < D and due_on >= D`; a margin below D only
 * adds candidates, which are recomputed and left alone when nothing moved.
 */
import { and, asc, eq, gte, isNotNull, lt } from 'drizzle-orm';
import { ClockError, DEFAULT_RULES } from '@danvan/domain/clock/index';
import { addDays } from '@danvan/domain/clock/dates';
import { formatIsoDateVi } from '@danvan/domain/text';
import type { Tx } from '../../db/client.ts';
import { cases } from '../../db/schema.ts';
import type { CurrentUser } from '../auth/current-user.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { calendarWith, clockOfCase, computeClock, readOverrides } from './deadlines.ts';
import { recomputeDuties } from '../cases/duties.ts';

const MARGIN_DAYS = 7;

export interface ChangedCase {
  id: string;
  code: string;
  before: string;
  after: string;
}

export interface RecomputeInput {
  /** The edited day. */
  date: string;
  /** What happened to it, for the audit sentence: "thành ngày nghỉ lễ «…»". */
  change: string;
  actor: CurrentUser;
  now: Date;
}

export async function recomputeDeadlines(tx: Tx, input: RecomputeInput): Promise<ChangedCase[]> {
  const calendar = calendarWith(await readOverrides(tx));
  const candidates = await tx
    .select()
    .from(cases)
    .where(and(isNotNull(cases.dueOn), isNotNull(cases.clockFrom), lt(cases.clockFrom, input.date), gte(cases.dueOn, addDays(input.date, -MARGIN_DAYS))))
    .orderBy(asc(cases.code));
  const changed: ChangedCase[] = [];
  for (const c of candidates) {
    const inputs = clockOfCase(c);
    if (!inputs || !c.dueOn) continue;
    let due: string;
    let version: string;
    try {
      ({ due, version } = computeClock(calendar, inputs));
    } catch (err) {
      if (err instanceof ClockError) continue; // a period running past the 2040 calendar keeps its stored date
      throw err;
    }
    if (due === c.dueOn) continue;
    // Guarded on the stored date: a decision that stopped the clock meanwhile wins.
    const [updated] = await tx
      .update(cases)
      .set({ dueOn: due, dueRuleVersion: version, updatedAt: input.now })
      .where(and(eq(cases.id, c.id), eq(cases.dueOn, c.dueOn)))
      .returning({ id: cases.id });
    if (!updated) continue;
    const label = DEFAULT_RULES.find((r) => r.version === version)?.label ?? `Hạn ${inputs.rule}`;
    await writeAudit(tx, {
      at: input.now,
      actorId: input.actor.id,
      actorName: input.actor.displayName,
      agencyId: c.agencyId,
      entity: 'case',
      entityId: c.id,
      caseId: c.id,
      action: 'case.deadline-recompute',
      summary: `${label} đổi từ ${formatIsoDateVi(c.dueOn)} thành ${formatIsoDateVi(due)} do điều chỉnh lịch ngày ${formatIsoDateVi(input.date)} ${input.change}`,
      before: { dueOn: c.dueOn, dueRule: c.dueRule, dueRuleVersion: c.dueRuleVersion },
      after: { dueOn: due, dueRule: c.dueRule, dueRuleVersion: version, calendarDay: input.date },
    });
    changed.push({ id: c.id, code: c.code, before: c.dueOn, after: due });
  }
  // The duties beside the running deadlines (ADR 0024) move with the same calendar.
  await recomputeDuties(tx, input);
  return changed;
}
