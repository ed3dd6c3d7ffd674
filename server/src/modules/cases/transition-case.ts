/**
 * transitionCase: one workflow step on a case, guarded by the kind's transition table (domain/workflow.ts),
 * timed by the legal clock, written with its audit row in one transaction. Optimistic check on the state:
 * two people acting at once cannot both move the same case.
 */
import { and, eq } from 'drizzle-orm';
import { isoDateInVietnam } from '@danvan/domain/text';
import { checkTransition, isCaseKind, WORKFLOWS } from '@danvan/domain/workflow';
import type { AppContext } from '../../app.ts';
import { agencies, cases } from '../../db/schema.ts';
import { AppError, invalid, notFound, type FieldIssue } from '../../plugins/errors.ts';
import type { CurrentUser } from '../auth/current-user.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { checkDay } from '../reception/record-visit.ts';
import { STOPPED_CLOCK, clockInputs, startClock } from '../clock/deadlines.ts';
import { caseVisibleTo, rolesOnCase } from './policy.ts';

export interface TransitionInput {
  action: string;
  outcome?: string;
  note?: string;
  /** The date the step took effect (a paper decision recorded later); default today in Vietnam. */
  on?: string;
}

export async function transitionCase(ctx: AppContext, user: CurrentUser, caseId: string, input: TransitionInput) {
  const now = ctx.now();
  const [c] = await ctx.db.select().from(cases).where(eq(cases.id, caseId));
  if (!c || !caseVisibleTo(user, c) || !isCaseKind(c.kind)) throw notFound();
  const kind = c.kind;

  const check = checkTransition(kind, c.state, input.action, rolesOnCase(user, c), { outcome: input.outcome });
  if (!check.ok) {
    if (check.reason === 'missing-field' && check.detail === 'outcome') throw invalid({ field: 'outcome', key: 'field.outcomeRequired' });
    if (check.reason === 'outcome-invalid') {
      const values = WORKFLOWS[kind].find((t) => t.action === input.action)?.outcomes?.map((o) => o.value).join(', ') ?? '';
      throw invalid({ field: 'outcome', key: 'field.outcomeInvalid', params: { value: input.outcome ?? '', values } });
    }
    const allowed = check.allowed.length ? check.allowed.join(', ') : '—';
    const status = check.reason === 'role' ? 403 : 409;
    throw new AppError(status, 'error.actionNotAllowed', { action: input.action, state: c.state, allowed }, [], { allowedActions: check.allowed });
  }
  const t = check.transition;
  const issues: FieldIssue[] = [];
  const on = checkDay('on', input.on, isoDateInVietnam(now), issues);
  if (!issues.length && on < c.receivedOn) issues.push({ field: 'on', key: 'field.dateRange' });
  if (issues.length) throw invalid(...issues);

  const patch: Partial<typeof cases.$inferInsert> = { state: t.to, updatedAt: now };
  if (input.action === 'accept') {
    patch.acceptedOn = on;
    patch.jurisdiction = 'own';
  }
  if (t.needs?.includes('outcome')) {
    patch.outcome = input.outcome ?? null;
    patch.decidedOn = on;
  }
  if (t.to === 'closed') patch.closedOn = on;
  const startRule = t.clock?.start;
  const remote = startRule
    ? ((await ctx.db.select({ remote: agencies.remote }).from(agencies).where(eq(agencies.id, c.agencyId)))[0]?.remote ?? false)
    : false;
  // Leaving `received` without a new clock (a feedback taken up for handling) meets the processing deadline.
  const processed = c.dueRule === 'petition.process' && t.to !== c.state;

  return ctx.db.transaction(async (tx) => {
    if (startRule) Object.assign(patch, await startClock(tx, clockInputs(startRule, on, { remote })));
    else if (t.clock?.stop || processed) Object.assign(patch, STOPPED_CLOCK);
    const [updated] = await tx
      .update(cases)
      .set(patch)
      .where(and(eq(cases.id, c.id), eq(cases.state, c.state)))
      .returning();
    if (!updated) throw new AppError(409, 'error.conflict');
    await writeAudit(tx, {
      at: now,
      actorId: user.id,
      actorName: user.displayName,
      agencyId: c.agencyId,
      entity: 'case',
      entityId: c.id,
      caseId: c.id,
      action: `case.${input.action}`,
      summary: `${t.label}${input.outcome ? `: ${t.outcomes?.find((o) => o.value === input.outcome)?.label ?? input.outcome}` : ''} (${t.citation})`,
      before: { state: c.state, dueOn: c.dueOn, dueRule: c.dueRule, outcome: c.outcome },
      after: { state: updated.state, dueOn: updated.dueOn, dueRule: updated.dueRule, outcome: updated.outcome, on, ...(input.note ? { note: input.note } : {}) },
    });
    return updated;
  });
}
