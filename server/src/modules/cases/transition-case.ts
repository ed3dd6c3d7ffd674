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
import { checkTransition, clockRuleFor, isCaseKind, outcomesFor, WORKFLOWS, type CaseFacts, type CaseKind, type Transition } from '@danvan/domain/workflow';
import { citizenNotice } from '@danvan/domain/notices';
import { KIND_LABELS_VI } from '@danvan/domain/reports';
import { diffDays } from '@danvan/domain/clock/dates';
import { DEFAULT_RULES, findRule } from '@danvan/domain/clock/index';
import type { AppContext } from '../../context.ts';
import type { Tx } from '../../db/client.ts';
import { agencies, cases, petitions, roleGrants, sealedIdentities, staffNotifications, users } from '../../db/schema.ts';
import { AppError, invalid, notFound, type FieldIssue } from '../../plugins/errors.ts';
import type { CurrentUser } from '../auth/current-user.ts';
import { caseAudit, writeAudit } from '../audit/write-audit.ts';
import { agencyByCode, type AgencyRow } from '../agencies/queries.ts';
import { checkDay } from '../input-checks.ts';
import { STOPPED_CLOCK, clockInputs, clockInputsOf, computeClock, lockedCalendar, loadCalendar, runningClock, startClock, type ClockInputs } from '../clock/deadlines.ts';
import { nextCaseCode, type CaseRow } from './open-case.ts';
import { caseVisibleTo, rolesOnCase } from './policy.ts';
import { notifyCaseStep, notifyStaff } from '../notifications/enqueue-notification.ts';
import { complexityFlags, stepPatch } from './transition-patch.ts';

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
  let effectivePeriodElapsed = false;
  if (c.kind === 'complaint' && c.state === 'decided' && c.decidedOn) {
    const calendar = await loadCalendar(ctx.db);
    const d = computeClock(calendar, clockInputs('complaint.effective', c.decidedOn, { remote: c.clockRemote }));
    effectivePeriodElapsed = isoDateInVietnam(ctx.now()) > d.due;
  }
  return {
    instance: c.instance === 2 ? 2 : 1,
    dialogueHeld: c.dialogueHeld,
    extensionsUsed: Array.isArray(c.clockExtensions) ? c.clockExtensions.length : 0,
    // Listing the actions (no input yet): with no complexity finding recorded, one can be made together with the
    // extension decision, so `extend` is offered; the transition itself checks the finding it receives.
    extensionsAllowed:
      c.kind !== 'denunciation' ? 0 : flags.especiallyComplex ? 2 : flags.complex ? 1 : input ? 0 : 2,
    alreadyForwarded: await sameContentHandled('forwarded'),
    alreadyGuided: await sameContentHandled('guided'),
    effectivePeriodElapsed,
  };
}

function rejection(kind: CaseKind, c: CaseRow, input: TransitionInput, check: Exclude<ReturnType<typeof checkTransition>, { ok: true }>): AppError {
  if (check.reason === 'missing-field') {
    const field = check.detail ?? 'action';
    return invalid({ field, key: field === 'outcome' ? 'field.outcomeRequired' : 'field.required' });
  }
  if (check.reason === 'outcome-invalid') {
    const field = check.detail === 'reason' ? 'reason' : 'outcome';
    const options = field === 'reason' ? (WORKFLOWS[kind].find((t) => t.action === input.action)?.outcomes ?? []) : outcomesFor(kind, input.action, { instance: c.instance === 2 ? 2 : 1 });
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
  let target: AgencyRow | undefined;
  if (input.action === 'forward' || input.action === 'appeal') {
    const code = input.targetAgency ?? (input.action === 'appeal' ? c.agencyPath.split('/').slice(-2, -1)[0] : undefined);
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
  if (issues.length) throw invalid(...issues);

  const agency = (await ctx.db.select().from(agencies).where(eq(agencies.id, c.agencyId)))[0];
  if (!agency) throw notFound();
  const { patch, flags, continuesAfterWithdrawal, processed } = stepPatch(c, kind, t, input, on, now, input.action === 'chase' ? (target?.id ?? null) : null);

  return ctx.db.transaction(async (tx) => {
    const startRule = clockRuleFor(kind, t, facts);
    if (startRule) {
      Object.assign(patch, await startClock(tx, clockInputs(startRule, on, { remote: agency.remote, complex: flags.complex, especiallyComplex: flags.especiallyComplex })));
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
    if (target && (input.action === 'forward' || input.action === 'appeal')) {
      createdCase = await createLinkedCase(ctx, tx, { source: c, sourceAgency: agency, target, kind, on, actor: user, now, appeal: input.action === 'appeal' });
      if (input.action === 'forward') patch.forwardedToId = createdCase.id;
    }

    const [updated] = await tx
      .update(cases)
      .set(patch)
      .where(and(eq(cases.id, c.id), eq(cases.state, c.state)))
      .returning();
    if (!updated) throw new AppError(409, 'error.conflict');
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
    });
    const summaryParts = [
      continuesAfterWithdrawal ? 'Người tố cáo rút tố cáo nhưng có dấu hiệu vi phạm: tiếp tục giải quyết' : t.label,
      outcomeLabel ? `: ${outcomeLabel}` : '',
      target ? ` → ${target.fullName}${createdCase ? ` (${createdCase.code})` : ''}` : '',
      input.documentNo ? ` — văn bản số ${input.documentNo}` : '',
      updated.dueOn && updated.dueOn !== c.dueOn ? ` — hạn mới ${formatIsoDateVi(updated.dueOn)}` : '',
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
        ...(input.action === 'chase' && target ? { chasedAgency: target.code } : {}),
        ...(input.note ? { note: input.note } : {}),
        ...(notice ? { notice } : {}),
      },
    });
    await notifyCaseStep(tx, ctx, { case: updated, action: input.action, notice });
    if (input.action === 'chase' && target) await notifyChasedAgency(tx, ctx, { case: c, agency, target, on });
    return { case: updated, notice, createdCase };
  });
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
  appeal: boolean;
}

/**
 * Forwarding lands the case in the receiving agency's inbox as a new petition (channel `forwarded`) with the
 * petition-processing clock; an appeal opens the second-instance complaint. A denouncer's identity travels
 * sealed (copied ciphertext), never in the packet. Both histories get a receipt.
 */
async function createLinkedCase(ctx: AppContext, tx: Tx, x: LinkedCaseInput): Promise<CaseRow> {
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
      instance: x.appeal ? 2 : x.source.instance,
      forwardedFromId: x.appeal ? null : x.source.id,
      previousInstanceId: x.appeal ? x.source.id : null,
      createdBy: x.actor.id,
      createdAt: x.now,
      updatedAt: x.now,
      ...(await startClock(tx, clockInputs('petition.process', x.on, { remote: x.target.remote }))),
    })
    .returning();
  if (!created) throw new Error('linked case insert failed');
  // The written petition as received by the target agency (its petitioner copied, unless sealed).
  const [firstPetition] = await tx.select().from(petitions).where(eq(petitions.caseId, x.source.id)).limit(1);
  await tx.insert(petitions).values({
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
  });
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
    action: x.appeal ? 'case.open-second-instance' : 'case.receive-forwarded',
    summary: x.appeal
      ? `Mở hồ sơ giải quyết khiếu nại lần hai ${code}, liên kết với quyết định lần đầu ${x.source.code} của ${x.sourceAgency.fullName}`
      : `Phiếu nhận đơn chuyển đến: ${x.sourceAgency.fullName} chuyển hồ sơ ${x.source.code} ngày ${formatIsoDateVi(x.on)}; mã hồ sơ tại cơ quan nhận: ${code}`,
    after: { code, from: x.source.code, fromAgency: x.sourceAgency.code, receivedOn: x.on, dueOn: created.dueOn },
  });
  return created;
}
