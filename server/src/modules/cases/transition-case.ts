/**
 * transitionCase: one workflow step on a case, guarded by the kind's transition table (domain/workflow.ts),
 * timed by the legal clock, written with its audit row in one transaction. Optimistic check on the state:
 * two people acting at once cannot both move the same case.
 *
 * Effects beyond the state change: acceptance starts the resolution clock; extension and suspension change it;
 * forwarding creates the case in the receiving agency's inbox (liên thông, with a receipt in both histories);
 * chasing (đôn đốc) records the lower-level agency urged to resolve the matter and notifies its processors in-app;
 * an appeal opens the linked second-instance case at the level above; decisions, withdrawals and terminations
 * record the resolution date counted by the reports.
 */
import { randomUUID } from 'node:crypto';
import { and, eq, inArray, ne } from 'drizzle-orm';
import { isoDateInVietnam, formatIsoDateVi } from '@danvan/domain/text';
import { isCaseKind, type CaseFacts } from '@danvan/domain/workflow';
import { KIND_LABELS_VI } from '@danvan/domain/reports';
import type { AppContext } from '../../context.ts';
import type { Tx } from '../../db/client.ts';
import { agencies, cases, petitions, roleGrants, sealedIdentities, staffNotifications, users, visits } from '../../db/schema.ts';
import { AppError, invalid, notFound } from '../../plugins/errors.ts';
import type { CurrentUser } from '../auth/current-user.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { agencyByCode, type AgencyRow } from '../agencies/queries.ts';
import { calendarClock, computeClock, lockedCalendar, loadCalendar } from '../clock/deadlines.ts';
import { nextCaseCode, caseYear, type CaseRow } from './open-case.ts';
import { caseVisibleTo, rolesOnCase } from './policy.ts';
import { notifyCaseStep, notifyStaff } from '../notifications/enqueue-notification.ts';
import { caseFactsOf } from './transition-patch.ts';
import { enqueueCaseSync } from '../national-sync/enqueue-sync.ts';
import { writeDuties } from './duties.ts';
import { limitationCheck } from './limitation.ts';
import { remoteInstanceFor } from '../federation/directory.ts';
import { enqueueForward, reportCaseStep } from '../federation/outbox.ts';
import { indexCase, indexPetition } from '../search/index-records.ts';
import { allowedStep, linkRelation, planLinkedCase, planTransition, stepIssues, stepTargetCode, type LinkedCasePlan } from './plan-transition.ts';

export const COMPLEXITIES = ['normal', 'complex', 'especially-complex'] as const;
export type Complexity = (typeof COMPLEXITIES)[number];

export interface TransitionInput {
  action: string;
  outcome?: string;
  note?: string;
  /** The date the step took effect (a paper decision recorded later); default today in Vietnam. */
  on?: string;
  reason?: string;
  /** forward / appeal: the receiving agency's code; chase: the lower-level agency urged (a strict descendant). */
  targetAgency?: string;
  /** denunciation withdrawal: a violation is indicated, so the case goes on (ND 31/2019 Art. 4 as amended). */
  violationIndicated?: boolean;
  /** extend: number of the extension decision. */
  documentNo?: string;
  /** A written complexity finding (ND 124/2020 Art. 3a; ND 31/2019 Art. 3), on acceptance or extension. */
  complexity?: Complexity;
  /** extend: days of this extension (default and maximum: the rule's limit). */
  extensionDays?: number;
  /** A head's decision recorded by a handler: its number and signer (Luật Tố cáo Arts. 29(1), 34(3); Luật Khiếu nại Art. 10). */
  decisionNo?: string;
  signer?: string;
  /** The criterion of a complexity finding (ND 124/2020 Art. 3a): find-complex, or a complex complaint's acceptance. */
  complexityCriterion?: string;
  /** archive of a duplicate copy (issue 18): where the matter is handled, told to the citizen in the notice. */
  handledAt?: string;
  /** Group complaint: how many complainants withdraw (default all); the others go on (ND 124/2020 Art. 7a). */
  withdrawingCount?: number;
  /** Denunciation withdrawal: in part (Art. 33), coerced or bought, or the denunciation used to slander (ND 31/2019 Art. 4(4)). */
  withdrawalScope?: 'all' | 'part';
  coerced?: boolean;
  slander?: boolean;
  /** appeal / sue: the day the complainant received the first decision (default: the day it was sent). */
  decisionReceivedOn?: string;
  /** Complaint acceptance: the day the complainant received or learned of the contested decision or act (Art. 9). */
  learnedOn?: string;
  /** Days of illness, disaster, distant travel or study not counted in the 90-day limitation (Art. 9). */
  limitationExcusedDays?: number;
}

export interface TransitionResult {
  case: CaseRow;
  notice: string | null;
  /** The case created in the receiving agency (forward) or at the second instance (appeal). */
  createdCase: CaseRow | null;
}

/** The facts the workflow guards read, computed from the record and the clock. */
export async function caseFacts(ctx: AppContext, c: CaseRow, input?: TransitionInput): Promise<CaseFacts> {
  const sameContentHandled = async (state: string) => {
    const [other] = await ctx.db
      .select({ id: cases.id })
      .from(cases)
      .where(and(eq(cases.agencyId, c.agencyId), eq(cases.contentKey, c.contentKey), eq(cases.state, state), ne(cases.id, c.id)))
      .limit(1);
    return Boolean(other);
  };
  const [agency] = await ctx.db.select({ remote: agencies.remote }).from(agencies).where(eq(agencies.id, c.agencyId));
  const calendar = await loadCalendar(ctx.db);
  return caseFactsOf(c, {
    remote: agency?.remote ?? false,
    today: isoDateInVietnam(ctx.now()),
    compute: (inputs) => computeClock(calendar, inputs),
    ...(input ? { input } : {}),
    alreadyForwarded: await sameContentHandled('forwarded'),
    alreadyGuided: await sameContentHandled('guided'),
    offerExtension: !input,
  });
}

/** Complainants of a case: the people of its first visit, or the signers of its first petition (1 + co-signers). */
async function complainantsOf(ctx: AppContext, c: CaseRow): Promise<number> {
  const [v] = await ctx.db.select({ n: visits.peopleCount }).from(visits).where(eq(visits.caseId, c.id)).orderBy(visits.visitedOn).limit(1);
  const [p] = await ctx.db.select({ coSigners: petitions.coSigners }).from(petitions).where(eq(petitions.caseId, c.id)).orderBy(petitions.receivedOn).limit(1);
  return Math.max(1, v?.n ?? 1, 1 + (Array.isArray(p?.coSigners) ? p.coSigners.length : 0));
}

export async function transitionCase(ctx: AppContext, user: CurrentUser, caseId: string, input: TransitionInput): Promise<TransitionResult> {
  const now = ctx.now();
  const today = isoDateInVietnam(now);
  const [c] = await ctx.db.select().from(cases).where(eq(cases.id, caseId));
  if (!c || !caseVisibleTo(user, c) || !isCaseKind(c.kind)) throw notFound();
  const kind = c.kind;

  const facts = await caseFacts(ctx, c, input);
  const roles = rolesOnCase(user, c);
  const t = allowedStep(c, input, roles, facts);
  const code = stepTargetCode(c, input);
  const target = code ? await agencyByCode(ctx.db, code) : undefined;
  const complainants = input.action === 'withdraw' && kind === 'complaint' && input.withdrawingCount !== undefined ? await complainantsOf(ctx, c) : 1;
  const { on, issues } = stepIssues(c, t, input, today, target, complainants);
  if (issues.length) throw invalid(...issues);
  if (kind === 'complaint' && input.action === 'accept' && input.learnedOn) {
    const expired = await limitationExpired(ctx, c, input.learnedOn, input.limitationExcusedDays ?? 0);
    if (expired) throw new AppError(409, 'error.guard', { reason: expired, allowed: 'archive, guide' }, [], { allowedActions: ['archive', 'guide'] });
  }
  const agency = (await ctx.db.select().from(agencies).where(eq(agencies.id, c.agencyId)))[0];
  if (!agency) throw notFound();
  const relation = target ? linkRelation(input.action) : null;

  return ctx.db.transaction(async (tx) => {
    // Reads of the plan: the calendar under its shared lock; for a linked case, whether the receiving agency is served
    // by another DânVận instance (liên thông, issue 16: then a signed package goes, in this transaction) or its code.
    const compute = calendarClock(await lockedCalendar(tx));
    const peer = target && input.action === 'forward' ? await remoteInstanceFor(ctx, tx, target.path) : null;
    if (peer && target) await enqueueForward(tx, ctx, { source: c, sourceAgency: agency, target, peer, on, actor: user });
    const linked = target && relation && !peer ? { id: randomUUID(), code: await nextCaseCode(tx, target, caseYear(on)) } : null;
    const env = { now, actor: user, newId: randomUUID, compute };
    const plan = planTransition({ case: c, agency, input, facts, roles, target, complainants, linked }, env);

    let createdCase: CaseRow | null = null;
    if (linked && target && relation) {
      const [firstPetition] = await tx.select().from(petitions).where(eq(petitions.caseId, c.id)).limit(1);
      const sealed = await tx.select().from(sealedIdentities).where(eq(sealedIdentities.caseId, c.id));
      createdCase = await writeLinkedCase(tx, planLinkedCase({ id: linked.id, code: linked.code, source: c, sourceAgency: agency, target, kind, on, relation, firstPetition: firstPetition ?? null, sealed }, env), agency.code);
    }
    const [updated] = await tx
      .update(cases)
      .set(plan.patch)
      .where(and(eq(cases.id, c.id), eq(cases.state, c.state)))
      .returning();
    if (!updated) throw new AppError(409, 'error.conflict');
    await writeDuties(tx, plan.duties);
    await writeAudit(tx, plan.audit);
    await notifyCaseStep(tx, ctx, { case: updated, action: input.action, notice: plan.notice });
    await enqueueCaseSync(tx, now, updated, { action: input.action, on, outcome: input.outcome ?? null, targetAgency: target?.code ?? null });
    await reportCaseStep(tx, ctx, updated, input.action, on, plan.outcomeLabel ?? t.label);
    if (input.action === 'chase' && target) await notifyChasedAgency(tx, ctx, { case: c, agency, target, on });
    return { case: updated, notice: plan.notice, createdCase };
  });
}

/** The 90-day limitation (Luật Khiếu nại Art. 9) at acceptance: the refusal's reason, or null (cases/limitation.ts). */
async function limitationExpired(ctx: AppContext, c: CaseRow, learnedOn: string, excusedDays: number): Promise<string | null> {
  return limitationCheck(await loadCalendar(ctx.db), c.receivedOn, learnedOn, excusedDays).message;
}

/**
 * Chase: the processors (handlers and heads) of the chased agency get an in-app notice, with an e-mail copy, in the
 * transaction of the step. The nearest level at or above the target, below the chasing agency, that has someone in
 * those roles answers (a commune's own staff, not the province's). The notice carries no link to the case: the
 * lower level does not see the upper level's record; it names the matter by code, date and a short summary.
 */
async function notifyChasedAgency(tx: Tx, ctx: AppContext, x: { case: CaseRow; agency: AgencyRow; target: AgencyRow; on: string }) {
  const parts = x.target.path.split('/');
  const levels = parts.map((_, i) => parts.slice(0, i + 1).join('/')).filter((p) => p.startsWith(`${x.case.agencyPath}/`));
  const rows = await tx
    .select({ userId: roleGrants.userId, path: agencies.path })
    .from(roleGrants)
    .innerJoin(agencies, eq(agencies.id, roleGrants.agencyId))
    .innerJoin(users, eq(users.id, roleGrants.userId))
    .where(and(inArray(agencies.path, levels), inArray(roleGrants.role, ['handler', 'head']), eq(users.active, true)));
  let userIds: string[] = [];
  for (const level of [...levels].reverse()) {
    userIds = [...new Set(rows.filter((r) => r.path === level).map((r) => r.userId))];
    if (userIds.length) break;
  }
  const summary = x.case.content.length > 160 ? `${x.case.content.slice(0, 157)}…` : x.case.content;
  const message = `${x.agency.fullName} đôn đốc ${x.target.fullName} giải quyết đơn ${(KIND_LABELS_VI[x.case.kind] ?? x.case.kind).toLowerCase()} (mã hồ sơ ${x.case.code}, nhận ngày ${formatIsoDateVi(x.case.receivedOn)}; đôn đốc ngày ${formatIsoDateVi(x.on)}): ${summary}`;
  const dedupeKey = `chase:${x.case.id}`;
  const now = ctx.now();
  for (const userId of userIds) {
    await tx.insert(staffNotifications).values({ userId, caseId: null, kind: 'chase', message, dedupeKey, createdAt: now }).onConflictDoNothing();
    await notifyStaff(tx, ctx, { userId, caseId: null, kind: 'chase', message, dedupeKey });
  }
}

/** The writer of a linked case: the case, its search entry, the petition as received, the sealed copies, audit and sync. */
async function writeLinkedCase(tx: Tx, plan: LinkedCasePlan, sourceAgencyCode: string): Promise<CaseRow> {
  const [created] = await tx.insert(cases).values(plan.case).returning();
  if (!created) throw new Error('linked case insert failed');
  await indexCase(tx, created); // search and same-matter detection (issue 18)
  const [forwardedPetition] = await tx.insert(petitions).values(plan.petition).returning();
  if (forwardedPetition) await indexPetition(tx, forwardedPetition); // search (issue 18)
  if (plan.sealed.length) await tx.insert(sealedIdentities).values(plan.sealed);
  await writeAudit(tx, plan.audit);
  const action = plan.relation === 'appeal' ? 'open-second-instance' : plan.relation === 're-denounce' ? 'open-re-denunciation' : 'receive-forwarded';
  await enqueueCaseSync(tx, plan.case.createdAt, created, { action, on: plan.case.receivedOn, targetAgency: sourceAgencyCode });
  return created;
}
