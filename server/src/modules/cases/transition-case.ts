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
import { and, eq, inArray, ne } from 'drizzle-orm';
import { isoDateInVietnam, formatIsoDateVi } from '@danvan/domain/text';
import {
  checkTransition,
  clockRuleFor,
  clockStartDay,
  COMPLEXITY_CRITERIA,
  intakeRule,
  isCaseKind,
  outcomesFor,
  WORKFLOWS,
  type CaseFacts,
  type CaseKind,
  type Transition,
} from '@danvan/domain/workflow';
import { citizenNotice } from '@danvan/domain/notices';
import { KIND_LABELS_VI } from '@danvan/domain/reports';
import { diffDays } from '@danvan/domain/clock/dates';
import { DEFAULT_RULES, findRule } from '@danvan/domain/clock/index';
import type { AppContext } from '../../context.ts';
import type { Tx } from '../../db/client.ts';
import { agencies, cases, petitions, roleGrants, sealedIdentities, staffNotifications, users, visits } from '../../db/schema.ts';
import { AppError, invalid, notFound, type FieldIssue } from '../../plugins/errors.ts';
import type { CurrentUser } from '../auth/current-user.ts';
import { caseAudit, writeAudit } from '../audit/write-audit.ts';
import { agencyByCode, type AgencyRow } from '../agencies/queries.ts';
import { checkDay } from '../input-checks.ts';
import { STOPPED_CLOCK, clockInputs, clockInputsOf, computeClock, lockedCalendar, loadCalendar, runningClock, startClock, type ClockInputs } from '../clock/deadlines.ts';
import { nextCaseCode, type CaseRow } from './open-case.ts';
import { caseVisibleTo, rolesOnCase } from './policy.ts';
import { notifyCaseStep, notifyStaff } from '../notifications/enqueue-notification.ts';
import { clockFacts, complexityFlags, stepPatch } from './transition-patch.ts';
import { enqueueCaseSync } from '../national-sync/enqueue-sync.ts';
import { dutiesOpenedBy } from '@danvan/domain/duties';
import { openDuties } from './duties.ts';
import { limitationCheck } from './limitation.ts';
import { remoteInstanceFor } from '../federation/directory.ts';
import { enqueueForward, reportCaseStep } from '../federation/outbox.ts';
import { indexCase, indexPetition } from '../search/index-records.ts';

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
  const flags = input ? complexityFlags(c, input) : { complex: c.clockComplex, especiallyComplex: c.clockEspeciallyComplex };
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
  const today = isoDateInVietnam(ctx.now());
  const timed = clockFacts(c, {
    remote: agency?.remote ?? false,
    on: input?.on ?? today,
    today,
    compute: (inputs) => computeClock(calendar, inputs),
    decisionReceivedOn: input?.decisionReceivedOn,
  });
  return {
    ...timed,
    instance: c.instance === 2 ? 2 : 1,
    dialogueHeld: c.dialogueHeld,
    extensionsUsed: Array.isArray(c.clockExtensions) ? c.clockExtensions.length : 0,
    // Listing the actions (no input yet): with no complexity finding recorded, one can be made together with the
    // extension decision, so `extend` is offered; the transition itself checks the finding it receives.
    extensionsAllowed:
      c.kind !== 'denunciation' ? 0 : flags.especiallyComplex ? 2 : flags.complex ? 1 : input ? 0 : 2,
    alreadyForwarded: await sameContentHandled('forwarded'),
    alreadyGuided: await sameContentHandled('guided'),
  };
}

/** Complainants of a case: the people of its first visit, or the signers of its first petition (1 + co-signers). */
async function complainantsOf(ctx: AppContext, c: CaseRow): Promise<number> {
  const [v] = await ctx.db.select({ n: visits.peopleCount }).from(visits).where(eq(visits.caseId, c.id)).orderBy(visits.visitedOn).limit(1);
  const [p] = await ctx.db.select({ coSigners: petitions.coSigners }).from(petitions).where(eq(petitions.caseId, c.id)).orderBy(petitions.receivedOn).limit(1);
  return Math.max(1, v?.n ?? 1, 1 + (Array.isArray(p?.coSigners) ? p.coSigners.length : 0));
}

function rejection(kind: CaseKind, c: CaseRow, input: TransitionInput, check: Exclude<ReturnType<typeof checkTransition>, { ok: true }>): AppError {
  if (check.reason === 'missing-field') {
    const field = check.detail ?? 'action';
    return invalid({ field, key: field === 'outcome' ? 'field.outcomeRequired' : 'field.required' });
  }
  if (check.reason === 'outcome-invalid') {
    const field = check.detail === 'reason' ? 'reason' : check.detail === 'complexityCriterion' ? 'complexityCriterion' : 'outcome';
    const options =
      field === 'reason'
        ? (WORKFLOWS[kind].find((t) => t.action === input.action && t.from.includes(c.state))?.outcomes ?? [])
        : field === 'complexityCriterion'
          ? COMPLEXITY_CRITERIA
          : outcomesFor(kind, input.action, { instance: c.instance === 2 ? 2 : 1 });
    return invalid({ field, key: 'field.outcomeInvalid', params: { value: String(input[field] ?? ''), values: options.map((o) => o.value).join(', ') } });
  }
  const allowed = check.allowed.length ? check.allowed.join(', ') : '—';
  if (check.reason === 'guard') {
    return new AppError(409, 'error.guard', { reason: check.detail ?? '', allowed }, [], { allowedActions: check.allowed });
  }
  const status = check.reason === 'role' ? 403 : 409;
  return new AppError(status, 'error.actionNotAllowed', { action: input.action, state: c.state, allowed }, [], { allowedActions: check.allowed });
}

async function recompute(tx: Tx, inputs: ClockInputs) {
  return runningClock(computeClock(await lockedCalendar(tx), inputs), inputs);
}

export async function transitionCase(ctx: AppContext, user: CurrentUser, caseId: string, input: TransitionInput): Promise<TransitionResult> {
  const now = ctx.now();
  const today = isoDateInVietnam(now);
  const [c] = await ctx.db.select().from(cases).where(eq(cases.id, caseId));
  if (!c || !caseVisibleTo(user, c) || !isCaseKind(c.kind)) throw notFound();
  const kind = c.kind;

  const facts = await caseFacts(ctx, c, input);
  const check = checkTransition(kind, c.state, input.action, rolesOnCase(user, c), input, facts);
  if (!check.ok) throw rejection(kind, c, input, check);
  const t: Transition = check.transition;

  const issues: FieldIssue[] = [];
  const on = checkDay('on', input.on, today, issues);
  if (!issues.length && on < c.receivedOn) issues.push({ field: 'on', key: 'field.dateRange' });
  const toSuperior = input.action === 'appeal' || input.action === 're-denounce';
  let target: AgencyRow | undefined;
  if (input.action === 'forward' || toSuperior) {
    const code = input.targetAgency ?? (toSuperior ? c.agencyPath.split('/').slice(-2, -1)[0] : undefined);
    target = code ? await agencyByCode(ctx.db, code) : undefined;
    if (!target) issues.push({ field: 'targetAgency', key: 'field.unknownAgency', params: { code: code ?? '' } });
    else if (target.id === c.agencyId) issues.push({ field: 'targetAgency', key: 'field.sameAgency' });
  }
  if (input.action === 'chase') {
    const code = input.targetAgency ?? '';
    target = code ? await agencyByCode(ctx.db, code) : undefined;
    if (!target) issues.push({ field: 'targetAgency', key: 'field.unknownAgency', params: { code } });
    else if (!isLowerLevel(target, c.agencyPath)) issues.push({ field: 'targetAgency', key: 'field.notLowerLevel' });
  }
  let extensionDays = 0;
  if (t.clock?.extend) {
    const running = clockInputsOf(c);
    const rule = running ? findRule(DEFAULT_RULES, running.rule, running.from) : null;
    const max = rule?.extension?.maxDays ?? 0;
    extensionDays = input.extensionDays ?? max;
    if (!running || !max) issues.push({ field: 'action', key: 'field.noRunningClock' });
    else if (!Number.isInteger(extensionDays) || extensionDays < 1 || extensionDays > max) {
      issues.push({ field: 'extensionDays', key: 'field.maximum', params: { limit: max } });
    }
  }
  // A complex complaint needs a written finding naming one of the criteria (ND 124/2020 Art. 3a).
  if (kind === 'complaint' && input.complexity && input.complexity !== 'normal' && !COMPLEXITY_CRITERIA.some((o) => o.value === input.complexityCriterion)) {
    issues.push({ field: 'complexityCriterion', key: 'field.outcomeInvalid', params: { value: input.complexityCriterion ?? '', values: COMPLEXITY_CRITERIA.map((o) => o.value).join(', ') } });
  }
  let complainants = 1;
  if (input.action === 'withdraw' && kind === 'complaint' && input.withdrawingCount !== undefined) {
    complainants = await complainantsOf(ctx, c);
    const remaining = complainants - c.withdrawnCount;
    if (!Number.isInteger(input.withdrawingCount) || input.withdrawingCount < 1 || input.withdrawingCount > remaining) {
      issues.push({ field: 'withdrawingCount', key: 'field.maximum', params: { limit: remaining } });
    }
  }
  if (input.decisionReceivedOn !== undefined) {
    const received = checkDay('decisionReceivedOn', input.decisionReceivedOn, today, issues);
    if (!issues.length && ((c.decidedOn && received < c.decidedOn) || received > on)) issues.push({ field: 'decisionReceivedOn', key: 'field.dateRange' });
  }
  if (input.learnedOn !== undefined) {
    const learned = checkDay('learnedOn', input.learnedOn, today, issues);
    if (!issues.length && learned > c.receivedOn) issues.push({ field: 'learnedOn', key: 'field.dateRange' });
  }
  if (issues.length) throw invalid(...issues);
  if (kind === 'complaint' && input.action === 'accept' && input.learnedOn) {
    const expired = await limitationExpired(ctx, c, input.learnedOn, input.limitationExcusedDays ?? 0);
    if (expired) throw new AppError(409, 'error.guard', { reason: expired, allowed: 'archive, guide' }, [], { allowedActions: ['archive', 'guide'] });
  }

  const agency = (await ctx.db.select().from(agencies).where(eq(agencies.id, c.agencyId)))[0];
  if (!agency) throw notFound();
  const { patch, flags, continuesAfterWithdrawal, processed } = stepPatch(c, kind, t, input, on, now, input.action === 'chase' ? (target?.id ?? null) : null, complainants);

  return ctx.db.transaction(async (tx) => {
    const startRule = clockRuleFor(kind, t, facts);
    if (startRule) {
      const from = clockStartDay(t, on, c);
      Object.assign(patch, await startClock(tx, clockInputs(startRule, from, { remote: agency.remote, complex: flags.complex, especiallyComplex: flags.especiallyComplex })));
    } else if (t.clock?.findComplex) {
      const running = clockInputsOf(c);
      if (running) Object.assign(patch, await recompute(tx, { ...running, complex: true }));
    } else if (t.clock?.severalSites) {
      const running = clockInputsOf(c);
      if (running) Object.assign(patch, await recompute(tx, { ...running, severalSites: true }));
    } else if (t.clock?.extend) {
      const running = clockInputsOf(c)!;
      Object.assign(patch, await recompute(tx, { ...running, complex: flags.complex, especiallyComplex: flags.especiallyComplex, extensions: [...running.extensions, extensionDays] }));
    } else if (t.clock?.resume) {
      const paused = clockInputsOf(c);
      if (paused && c.suspendedOn) Object.assign(patch, await recompute(tx, { ...paused, suspendedDays: paused.suspendedDays + Math.max(0, diffDays(c.suspendedOn, on)) }));
    } else if ((t.clock?.stop && !continuesAfterWithdrawal) || (processed && !t.clock?.pause)) {
      Object.assign(patch, STOPPED_CLOCK);
    }

    let createdCase: CaseRow | null = null;
    // Liên thông (issue 16): an agency served by another DânVận instance gets a signed package, in this transaction.
    const peer = target && input.action === 'forward' ? await remoteInstanceFor(ctx, tx, target.path) : null;
    if (peer && target) await enqueueForward(tx, ctx, { source: c, sourceAgency: agency, target, peer, on, actor: user });
    else if (target && (input.action === 'forward' || toSuperior)) {
      createdCase = await createLinkedCase(ctx, tx, { source: c, sourceAgency: agency, target, kind, on, actor: user, now, relation: input.action === 'forward' ? 'forward' : input.action === 'appeal' ? 'appeal' : 're-denounce' });
      if (input.action === 'forward') patch.forwardedToId = createdCase.id;
    }

    const [updated] = await tx
      .update(cases)
      .set(patch)
      .where(and(eq(cases.id, c.id), eq(cases.state, c.state)))
      .returning();
    if (!updated) throw new AppError(409, 'error.conflict');
    // Duties beside the running deadline (ADR 0024): notify a denunciation's acceptance, send a suspension / resumption.
    const duties = await openDuties(tx, { caseId: c.id, specs: dutiesOpenedBy(kind, input.action), from: on, remote: agency.remote, openedBy: `case.${input.action}`, now });
    const outcomeLabel = input.outcome ? outcomesFor(kind, input.action, facts).find((o) => o.value === input.outcome)?.label : undefined;
    const notice = citizenNotice({
      action: input.action,
      kind,
      caseCode: c.code,
      agencyName: agency.fullName,
      on,
      targetAgencyName: target?.fullName,
      reason: input.reason,
      due: updated.dueOn,
      outcomeLabel,
      ...(input.handledAt ? { handledAt: input.handledAt } : {}),
    });
    const criterion = input.complexityCriterion ? COMPLEXITY_CRITERIA.find((o) => o.value === input.complexityCriterion)?.label : undefined;
    const summaryParts = [
      continuesAfterWithdrawal ? withdrawalGoesOnText(kind, input, complainants - updated.withdrawnCount) : t.label,
      outcomeLabel ? `: ${outcomeLabel}` : '',
      target ? ` → ${target.fullName}${createdCase ? ` (${createdCase.code})` : ''}` : '',
      input.decisionNo ? ` — theo quyết định số ${input.decisionNo} do ${input.signer ?? ''} ký` : '',
      input.documentNo ? ` — văn bản số ${input.documentNo}` : '',
      criterion ? ` — tiêu chí phức tạp: ${criterion}` : '',
      updated.dueOn && updated.dueOn !== c.dueOn ? ` — hạn mới ${formatIsoDateVi(updated.dueOn)}` : '',
      ...duties.map((d) => ` — ${d.label}${d.dueOn ? ` chậm nhất ngày ${formatIsoDateVi(d.dueOn)}` : ''}`),
      ` (${t.citation})`,
    ];
    await writeAudit(tx, {
      ...caseAudit(user, c, now),
      action: `case.${input.action}`,
      summary: summaryParts.join(''),
      before: { state: c.state, dueOn: c.dueOn, dueRule: c.dueRule, outcome: c.outcome },
      after: {
        state: updated.state,
        dueOn: updated.dueOn,
        dueRule: updated.dueRule,
        outcome: updated.outcome,
        on,
        ...(input.reason ? { reason: input.reason } : {}),
        ...(input.documentNo ? { documentNo: input.documentNo } : {}),
        ...(input.decisionNo ? { decisionNo: input.decisionNo, signer: input.signer ?? null } : {}),
        ...(input.complexityCriterion ? { complexityCriterion: input.complexityCriterion } : {}),
        ...(input.action === 'withdraw' ? { withdrawal: { count: input.withdrawingCount ?? null, scope: input.withdrawalScope ?? null, coerced: input.coerced ?? false, slander: input.slander ?? false, goesOn: continuesAfterWithdrawal } } : {}),
        ...(input.decisionReceivedOn ? { decisionReceivedOn: input.decisionReceivedOn } : {}),
        ...(input.action === 'chase' && target ? { chasedAgency: target.code } : {}),
        ...(input.note ? { note: input.note } : {}),
        ...(duties.length ? { duties: duties.map((d) => ({ code: d.code, rule: d.rule, dueOn: d.dueOn })) } : {}),
        ...(notice ? { notice } : {}),
      },
    });
    await notifyCaseStep(tx, ctx, { case: updated, action: input.action, notice });
    await enqueueCaseSync(tx, now, updated, { action: input.action, on, outcome: input.outcome ?? null, targetAgency: target?.code ?? null });
    await reportCaseStep(tx, ctx, updated, input.action, on, outcomeLabel ?? t.label);
    if (input.action === 'chase' && target) await notifyChasedAgency(tx, ctx, { case: c, agency, target, on });
    return { case: updated, notice, createdCase };
  });
}

/** The 90-day limitation (Luật Khiếu nại Art. 9) at acceptance: the refusal's reason, or null (cases/limitation.ts). */
async function limitationExpired(ctx: AppContext, c: CaseRow, learnedOn: string, excusedDays: number): Promise<string | null> {
  return limitationCheck(await loadCalendar(ctx.db), c.receivedOn, learnedOn, excusedDays).message;
}

/** The history line of a withdrawal after which the case goes on. */
function withdrawalGoesOnText(kind: CaseKind, input: TransitionInput, remaining: number): string {
  if (kind === 'complaint') return `${input.withdrawingCount ?? 1} người khiếu nại rút khiếu nại; ${remaining} người còn lại tiếp tục (Điều 7a Nghị định 124/2020/NĐ-CP)`;
  const why = [
    input.withdrawalScope === 'part' ? 'rút một phần' : '',
    input.violationIndicated ? 'có dấu hiệu vi phạm' : '',
    input.coerced ? 'việc rút tố cáo do bị đe dọa, mua chuộc' : '',
    input.slander ? 'lợi dụng tố cáo để vu khống' : '',
  ].filter(Boolean);
  return `Người tố cáo rút tố cáo nhưng ${why.join(', ')}: tiếp tục giải quyết`;
}

/** A lower level of the case's agency: strictly inside its subtree (never the agency itself). */
function isLowerLevel(target: AgencyRow, caseAgencyPath: string): boolean {
  return target.path.startsWith(`${caseAgencyPath}/`);
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

interface LinkedCaseInput {
  source: CaseRow;
  sourceAgency: AgencyRow;
  target: AgencyRow;
  kind: CaseKind;
  on: string;
  actor: CurrentUser;
  now: Date;
  relation: 'forward' | 'appeal' | 're-denounce';
}

/** The clock a linked case starts at the receiving agency: its own intake rule, or the superior's re-examination. */
export function linkedCaseRule(kind: CaseKind, relation: LinkedCaseInput['relation']): string {
  return relation === 're-denounce' ? 'denunciation.re-examine' : intakeRule(kind);
}

/**
 * Forwarding lands the case in the receiving agency's inbox as a new petition (channel `forwarded`) with its own
 * intake clock; an appeal opens the second-instance complaint; a re-denunciation (tố cáo tiếp, Luật Tố cáo Arts.
 * 37–38) opens the superior's re-examination. A denouncer's identity travels sealed (copied ciphertext), never in
 * the packet. Both histories get a receipt.
 */
async function createLinkedCase(ctx: AppContext, tx: Tx, x: LinkedCaseInput): Promise<CaseRow> {
  const upward = x.relation !== 'forward';
  const code = await nextCaseCode(tx, x.target, Number(x.on.slice(0, 4)));
  const [created] = await tx
    .insert(cases)
    .values({
      code,
      agencyId: x.target.id,
      agencyPath: x.target.path,
      kind: x.kind,
      state: 'received',
      field: x.source.field,
      content: x.source.content,
      contentKey: x.source.contentKey,
      petitionerName: x.source.petitionerName,
      receivedOn: x.on,
      instance: upward ? 2 : x.source.instance,
      forwardedFromId: upward ? null : x.source.id,
      previousInstanceId: upward ? x.source.id : null,
      createdBy: x.actor.id,
      createdAt: x.now,
      updatedAt: x.now,
      ...(await startClock(tx, clockInputs(linkedCaseRule(x.kind, x.relation), x.on, { remote: x.target.remote }))),
    })
    .returning();
  if (!created) throw new Error('linked case insert failed');
  await indexCase(tx, created); // search and same-matter detection (issue 18)
  // The written petition as received by the target agency (its petitioner copied, unless sealed).
  const [firstPetition] = await tx.select().from(petitions).where(eq(petitions.caseId, x.source.id)).limit(1);
  const [forwardedPetition] = await tx.insert(petitions).values({
    agencyId: x.target.id,
    agencyPath: x.target.path,
    caseId: created.id,
    channel: 'forwarded',
    receivedOn: x.on,
    kind: x.kind,
    content: x.source.content,
    anonymous: firstPetition?.anonymous ?? false,
    petitionerName: x.kind === 'denunciation' ? null : (firstPetition?.petitionerName ?? x.source.petitionerName),
    petitionerIdNumber: x.kind === 'denunciation' ? null : (firstPetition?.petitionerIdNumber ?? null),
    petitionerAddress: x.kind === 'denunciation' ? null : (firstPetition?.petitionerAddress ?? null),
    petitionerPhone: x.kind === 'denunciation' ? null : (firstPetition?.petitionerPhone ?? null),
    createdBy: x.actor.id,
    createdAt: x.now,
  }).returning();
  if (forwardedPetition) await indexPetition(tx, forwardedPetition); // search (issue 18)
  const sealed = await tx.select().from(sealedIdentities).where(eq(sealedIdentities.caseId, x.source.id));
  for (const s of sealed) {
    await tx.insert(sealedIdentities).values({ caseId: created.id, ownerType: 'case', ownerId: created.id, keyId: s.keyId, iv: s.iv, ciphertext: s.ciphertext, authTag: s.authTag, personHash: s.personHash, createdAt: x.now });
  }
  await writeAudit(tx, {
    at: x.now,
    actorId: x.actor.id,
    actorName: x.actor.displayName,
    agencyId: x.target.id,
    entity: 'case',
    entityId: created.id,
    caseId: created.id,
    action: x.relation === 'appeal' ? 'case.open-second-instance' : x.relation === 're-denounce' ? 'case.open-re-denunciation' : 'case.receive-forwarded',
    summary:
      x.relation === 'appeal'
        ? `Mở hồ sơ giải quyết khiếu nại lần hai ${code}, liên kết với hồ sơ lần đầu ${x.source.code} của ${x.sourceAgency.fullName}`
        : x.relation === 're-denounce'
          ? `Mở hồ sơ xem xét tố cáo tiếp ${code} (Điều 37, 38 Luật Tố cáo 2018), liên kết với hồ sơ ${x.source.code} của ${x.sourceAgency.fullName}`
          : `Phiếu nhận đơn chuyển đến: ${x.sourceAgency.fullName} chuyển hồ sơ ${x.source.code} ngày ${formatIsoDateVi(x.on)}; mã hồ sơ tại cơ quan nhận: ${code}`,
    after: { code, from: x.source.code, fromAgency: x.sourceAgency.code, receivedOn: x.on, dueOn: created.dueOn },
  });
  await enqueueCaseSync(tx, x.now, created, { action: x.relation === 'appeal' ? 'open-second-instance' : x.relation === 're-denounce' ? 'open-re-denunciation' : 'receive-forwarded', on: x.on, targetAgency: x.sourceAgency.code });
  return created;
}
