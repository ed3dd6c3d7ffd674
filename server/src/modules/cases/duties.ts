/**
 * Case duties (ADR 0024): the legal deadlines that run beside a case's one running deadline — notifying the
 * acceptance of a denunciation (Luật Tố cáo Art. 29), sending a suspension / resumption decision (ND 124/2020 Art.
 * 28b as amended; Luật Tố cáo Art. 34(4)), the written notice refusing a repeat visit (ND 154/2026 Art. 4, Mẫu
 * 01/TCD). Which step opens which duty is domain data (domain/duties.ts); the length comes from the rule table in
 * force on the trigger day. A duty is opened in the transaction of its step, done once (with its audit row), swept
 * like the main deadline (reminder 3 working days ahead, escalation to the heads once overdue) and recomputed when
 * a calendar day is edited.
 */
import { and, asc, eq, gt, gte, inArray, isNotNull, isNull, lt } from 'drizzle-orm';
import { ClockError, DEFAULT_RULES, trafficLight, workingDaysUntil, type Deadline, type TrafficLight } from '@danvan/domain/clock/index';
import { addDays } from '@danvan/domain/clock/dates';
import { DUTY_UNTIMED, type DutySpec } from '@danvan/domain/duties';
import { cleanText, formatIsoDateVi, isoDateInVietnam } from '@danvan/domain/text';
import type { AppContext } from '../../context.ts';
import type { DbOrTx, Tx } from '../../db/client.ts';
import { caseDuties, cases, staffNotifications } from '../../db/schema.ts';
import { AppError, invalid, notFound, type FieldIssue } from '../../plugins/errors.ts';
import type { CurrentUser } from '../auth/current-user.ts';
import { caseAudit, writeAudit } from '../audit/write-audit.ts';
import { checkDay } from '../input-checks.ts';
import { calendarWith, clockInputs, computeClock, readOverrides, type ClockInputs, type ClockView } from '../clock/deadlines.ts';
import { notifyStaff } from '../notifications/enqueue-notification.ts';
import { caseVisibleTo, rolesOnCase } from './policy.ts';

export type DutyRow = typeof caseDuties.$inferSelect;

export interface OpenDutiesInput {
  caseId: string;
  specs: readonly DutySpec[];
  /** The trigger day (the step's or the refusal's date; not counted). */
  from: string;
  remote: boolean;
  /** The audit action that opens them. */
  openedBy: string;
  visitId?: string | null;
  now: Date;
}

/** A duty as a plan inserts it (its `seq` is the table's sequence). */
export type PlannedDuty = Omit<DutyRow, 'seq'>;

/** The duties a step or a refusal opens (planners): each timed by the rule in force on the trigger day, or untimed. */
export function planDuties(input: OpenDutiesInput, compute: (inputs: ClockInputs) => Deadline, newId: () => string): PlannedDuty[] {
  return input.specs.map((spec) => {
    const id = newId();
    let due: { due: string; version: string } | null = null;
    try {
      due = compute(clockInputs(spec.rule, input.from, { remote: input.remote }));
    } catch (err) {
      if (!(err instanceof ClockError)) throw err; // no version in force on that day (before 1/7/2026…): untimed
    }
    return {
      id,
      caseId: input.caseId,
      code: spec.code,
      rule: spec.rule,
      ruleVersion: due?.version ?? null,
      label: spec.label,
      citation: spec.citation,
      fromOn: input.from,
      remote: input.remote,
      dueOn: due?.due ?? null,
      openedBy: input.openedBy,
      visitId: input.visitId ?? null,
      doneOn: null,
      documentNo: null,
      doneBy: null,
      overdueSince: null,
      createdAt: input.now,
    };
  });
}

/** The writer of planned duties, inside the caller's transaction. */
export async function writeDuties(tx: Tx, duties: readonly PlannedDuty[]): Promise<DutyRow[]> {
  const rows: DutyRow[] = [];
  for (const d of duties) {
    const [row] = await tx.insert(caseDuties).values(d).returning();
    if (row) rows.push(row);
  }
  return rows;
}

export async function dutiesOf(db: DbOrTx, caseId: string): Promise<DutyRow[]> {
  return db.select().from(caseDuties).where(eq(caseDuties.caseId, caseId)).orderBy(asc(caseDuties.seq));
}

/** A duty as the case page shows it: its rule, dates, light (open duties only) and how its date was counted. */
export function presentDuty(d: DutyRow, view: ClockView) {
  let light: TrafficLight | null = null;
  let explanation: string | null = d.dueOn ? `Hạn: ${formatIsoDateVi(d.dueOn)}.` : DUTY_UNTIMED;
  if (d.dueOn) {
    try {
      if (!d.doneOn) light = trafficLight(d.dueOn, view.today, view.calendar);
      const computed = computeClock(view.calendar, { ...clockInputs(d.rule, d.fromOn, { remote: d.remote }), ruleVersion: d.ruleVersion });
      if (computed.due === d.dueOn) explanation = computed.explanation;
    } catch {
      // outside the calendar's years: the plain sentence
    }
  }
  const rule = d.ruleVersion ? DEFAULT_RULES.find((r) => r.version === d.ruleVersion) : undefined;
  return {
    id: d.id,
    code: d.code,
    label: d.label,
    rule: d.rule,
    ruleVersion: d.ruleVersion,
    /** false: the rule's length is recalled, not read in the text ([R]); the page labels it as a default. */
    verified: rule?.verified ?? true,
    citation: d.citation,
    fromOn: d.fromOn,
    dueOn: d.dueOn,
    doneOn: d.doneOn,
    documentNo: d.documentNo,
    onTime: d.doneOn ? (d.dueOn === null ? null : d.doneOn <= d.dueOn) : null,
    dueLight: light,
    dueExplanation: explanation,
  };
}

/** The nearest open, timed duty of each of these cases (the case list's second light). */
export async function nextOpenDuties(db: DbOrTx, caseIds: readonly string[], view: ClockView) {
  const out = new Map<string, { label: string; dueOn: string; dueLight: TrafficLight | null; dueExplanation: string | null }>();
  if (!caseIds.length) return out;
  const rows = await db
    .select()
    .from(caseDuties)
    .where(and(inArray(caseDuties.caseId, [...caseIds]), isNull(caseDuties.doneOn), isNotNull(caseDuties.dueOn)))
    .orderBy(asc(caseDuties.dueOn), asc(caseDuties.seq));
  for (const d of rows) {
    if (out.has(d.caseId)) continue;
    const p = presentDuty(d, view);
    out.set(d.caseId, { label: p.label, dueOn: d.dueOn!, dueLight: p.dueLight, dueExplanation: p.dueExplanation });
  }
  return out;
}

export interface CompleteDutyInput {
  on?: string;
  documentNo?: string;
}

/**
 * Records that a duty was done (the notice or decision sent) on `on` (default today): handlers and heads of the
 * case's agency; a repeat-visit notice also by the reception staff. Done once; whether on time stays visible.
 */
export async function completeDuty(ctx: AppContext, user: CurrentUser, caseId: string, dutyId: string, input: CompleteDutyInput) {
  const now = ctx.now();
  const [c] = await ctx.db.select().from(cases).where(eq(cases.id, caseId));
  if (!c || !caseVisibleTo(user, c)) throw notFound();
  const [d] = await ctx.db.select().from(caseDuties).where(and(eq(caseDuties.id, dutyId), eq(caseDuties.caseId, c.id)));
  if (!d) throw notFound();
  const roles = rolesOnCase(user, c);
  const mayAct = roles.has('handler') || roles.has('head') || (d.code === 'repeat-notice' && roles.has('receptionist'));
  if (!mayAct) throw new AppError(403, 'error.forbidden');
  if (d.doneOn) throw new AppError(409, 'error.dutyDone', { date: formatIsoDateVi(d.doneOn) });
  const issues: FieldIssue[] = [];
  const on = checkDay('on', input.on, isoDateInVietnam(now), issues);
  if (!issues.length && on < d.fromOn) issues.push({ field: 'on', key: 'field.dateRange' });
  if (issues.length) throw invalid(...issues);
  const documentNo = input.documentNo ? cleanText(input.documentNo) || null : null;
  return ctx.db.transaction(async (tx) => {
    const [updated] = await tx
      .update(caseDuties)
      .set({ doneOn: on, documentNo, doneBy: user.id, overdueSince: null })
      .where(and(eq(caseDuties.id, d.id), isNull(caseDuties.doneOn)))
      .returning();
    if (!updated) throw new AppError(409, 'error.conflict');
    const onTime = d.dueOn === null || on <= d.dueOn;
    await writeAudit(tx, {
      ...caseAudit(user, c, now),
      action: 'case.duty-done',
      summary: `${d.label}: đã thực hiện ngày ${formatIsoDateVi(on)}${documentNo ? ` (văn bản số ${documentNo})` : ''}${d.dueOn ? (onTime ? ', đúng hạn' : `, quá hạn (hạn ${formatIsoDateVi(d.dueOn)})`) : ''} (${d.citation})`,
      before: { duty: d.code, dueOn: d.dueOn, doneOn: null },
      after: { duty: d.code, dueOn: d.dueOn, doneOn: on, documentNo, onTime },
    });
    return { duty: updated, onTime };
  });
}

export interface DutySweepResult {
  dutiesScanned: number;
  dutiesMarkedOverdue: number;
  dutyReminders: number;
  dutyEscalations: number;
}

/**
 * The duties' part of the deadline sweep: same thresholds and recipients as the main deadline, notices deduplicated
 * per (user, duty, due date). `staffFor` resolves the nearest level's holders of a role (sweep-deadlines.ts).
 */
export async function sweepDuties(ctx: AppContext, staffFor: (agencyPath: string, roles: string[]) => Promise<string[]>, batchSize = 500): Promise<DutySweepResult> {
  const today = isoDateInVietnam(ctx.now());
  const calendar = calendarWith(await readOverrides(ctx.db));
  const result: DutySweepResult = { dutiesScanned: 0, dutiesMarkedOverdue: 0, dutyReminders: 0, dutyEscalations: 0 };
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const batch = await ctx.db
      .select({ d: caseDuties, code: cases.code, agencyPath: cases.agencyPath, assigneeId: cases.assigneeId })
      .from(caseDuties)
      .innerJoin(cases, eq(cases.id, caseDuties.caseId))
      .where(and(isNull(caseDuties.doneOn), isNotNull(caseDuties.dueOn), gt(caseDuties.id, after)))
      .orderBy(asc(caseDuties.id))
      .limit(batchSize);
    if (!batch.length) break;
    after = batch[batch.length - 1]!.d.id;
    for (const { d, code, agencyPath, assigneeId } of batch) {
      result.dutiesScanned++;
      const due = d.dueOn!;
      const notify = async (userIds: string[], kind: 'reminder' | 'overdue', message: string) => {
        let n = 0;
        const dedupeKey = `duty-${kind}:${d.id}:${due}`;
        for (const userId of userIds) {
          const inserted = await ctx.db
            .insert(staffNotifications)
            .values({ userId, caseId: d.caseId, kind, message, dedupeKey, createdAt: ctx.now() })
            .onConflictDoNothing()
            .returning({ id: staffNotifications.id });
          await notifyStaff(ctx.db, ctx, { userId, caseId: d.caseId, kind, message, dedupeKey });
          n += inserted.length;
        }
        return n;
      };
      if (due < today) {
        if (!d.overdueSince) {
          const marked = await ctx.db
            .update(caseDuties)
            .set({ overdueSince: today })
            .where(and(eq(caseDuties.id, d.id), isNull(caseDuties.overdueSince), isNull(caseDuties.doneOn)))
            .returning({ id: caseDuties.id });
          result.dutiesMarkedOverdue += marked.length;
        }
        result.dutyEscalations += await notify(await staffFor(agencyPath, ['head']), 'overdue', `Vụ việc ${code}: quá hạn «${d.label}» (hạn ${formatIsoDateVi(due)}, ${d.citation}).`);
      } else {
        if (d.overdueSince) await ctx.db.update(caseDuties).set({ overdueSince: null }).where(eq(caseDuties.id, d.id));
        let left: number;
        try {
          left = workingDaysUntil(due, today, calendar);
        } catch {
          continue;
        }
        if (left <= 3) {
          const to = assigneeId ? [assigneeId] : await staffFor(agencyPath, ['handler']);
          result.dutyReminders += await notify(to, 'reminder', `Vụ việc ${code}: «${d.label}» đến hạn ngày ${formatIsoDateVi(due)} (còn ${left} ngày làm việc).`);
        }
      }
    }
  }
  return result;
}

const MARGIN_DAYS = 7;

/**
 * After a calendar day changed (exclusive calendar lock held by the caller): recompute the open duties whose period
 * can include that day (from < D, due >= D − margin, as for the cases) and write the ones that moved, with audit.
 */
export async function recomputeDuties(tx: Tx, input: { date: string; change: string; actor: { id: string | null; displayName: string }; now: Date }): Promise<number> {
  const calendar = calendarWith(await readOverrides(tx));
  const candidates = await tx
    .select({ d: caseDuties, agencyId: cases.agencyId })
    .from(caseDuties)
    .innerJoin(cases, eq(cases.id, caseDuties.caseId))
    .where(and(isNull(caseDuties.doneOn), isNotNull(caseDuties.dueOn), lt(caseDuties.fromOn, input.date), gte(caseDuties.dueOn, addDays(input.date, -MARGIN_DAYS))))
    .orderBy(asc(caseDuties.id));
  let moved = 0;
  for (const { d, agencyId } of candidates) {
    let due: string;
    try {
      ({ due } = computeClock(calendar, { ...clockInputs(d.rule, d.fromOn, { remote: d.remote }), ruleVersion: d.ruleVersion }));
    } catch (err) {
      if (err instanceof ClockError) continue;
      throw err;
    }
    if (due === d.dueOn) continue;
    const [updated] = await tx
      .update(caseDuties)
      .set({ dueOn: due })
      .where(and(eq(caseDuties.id, d.id), eq(caseDuties.dueOn, d.dueOn!), isNull(caseDuties.doneOn)))
      .returning({ id: caseDuties.id });
    if (!updated) continue;
    await writeAudit(tx, {
      at: input.now,
      actorId: input.actor.id,
      actorName: input.actor.displayName,
      agencyId,
      entity: 'case',
      entityId: d.caseId,
      caseId: d.caseId,
      action: 'case.duty-recompute',
      summary: `Hạn «${d.label}» đổi từ ${formatIsoDateVi(d.dueOn!)} thành ${formatIsoDateVi(due)} do điều chỉnh lịch ngày ${formatIsoDateVi(input.date)} ${input.change}`,
      before: { duty: d.code, dueOn: d.dueOn },
      after: { duty: d.code, dueOn: due, calendarDay: input.date },
    });
    moved++;
  }
  return moved;
}

