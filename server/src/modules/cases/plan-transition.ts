/**
 * The planner of transitionCase (ADR 0025): one workflow step on the case as read — guarded by the kind's transition
 * table, its input checked, the changed columns (stepPatch) with the legal clock started, recomputed or stopped, the
 * duties it opens (ADR 0024), the citizen notice and the audit entry — and the case a forward, appeal or
 * re-denunciation opens at the receiving agency (planLinkedCase). transitionCase reads, plans and writes; the
 * national generator and the case import call the same planners on rows in memory.
 */
import { formatIsoDateVi, isoDateInVietnam } from '@danvan/domain/text';
import {
  checkTransition,
  clockRuleFor,
  clockStartDay,
  COMPLEXITY_CRITERIA,
  intakeRule,
  outcomesFor,
  WORKFLOWS,
  type CaseFacts,
  type CaseKind,
  type Transition,
} from '@danvan/domain/workflow';
import { citizenNotice } from '@danvan/domain/notices';
import { diffDays } from '@danvan/domain/clock/dates';
import { DEFAULT_RULES, findRule } from '@danvan/domain/clock/index';
import { dutiesOpenedBy } from '@danvan/domain/duties';
import type { Role } from '@danvan/domain/roles';
import { AppError, invalid, type FieldIssue } from '../../plugins/errors.ts';
import type { AgencyRow } from '../agencies/queries.ts';
import { caseAudit, type AuditEntry } from '../audit/write-audit.ts';
import { STOPPED_CLOCK, clockColumns, clockInputs, clockInputsOf, recomputedClock, startedClock } from '../clock/deadlines.ts';
import { checkDay } from '../input-checks.ts';
import type { PlanEnv } from '../plan.ts';
import type { PetitionRow } from '../petitions/plan-petition.ts';
import { planDuties, type PlannedDuty } from './duties.ts';
import { newCaseRow, type CaseRow, type SealedRow } from './open-case.ts';
import type { TransitionInput } from './transition-case.ts';
import { stepPatch, type CasePatch } from './transition-patch.ts';

export type LinkRelation = 'forward' | 'appeal' | 're-denounce';

/**
 * The agency a step sends the case to, by code: forward and chase (given), appeal / re-denounce (default: the level
 * above); '' when one is needed and none is given, null when the step sends the case nowhere.
 */
export function stepTargetCode(c: CaseRow, input: TransitionInput): string | null {
  const toSuperior = input.action === 'appeal' || input.action === 're-denounce';
  if (input.action === 'forward' || input.action === 'chase') return input.targetAgency ?? '';
  if (toSuperior) return input.targetAgency ?? c.agencyPath.split('/').slice(-2, -1)[0] ?? '';
  return null;
}

/** The relation of the case a step opens at the receiving agency, or null. */
export function linkRelation(action: string): LinkRelation | null {
  return action === 'forward' ? 'forward' : action === 'appeal' ? 'appeal' : action === 're-denounce' ? 're-denounce' : null;
}

/** The clock a linked case starts at the receiving agency: its own intake rule, or the superior's re-examination. */
export function linkedCaseRule(kind: CaseKind, relation: LinkRelation): string {
  return relation === 're-denounce' ? 'denunciation.re-examine' : intakeRule(kind);
}

/** A lower level of the case's agency: strictly inside its subtree (never the agency itself). */
function isLowerLevel(target: AgencyRow, caseAgencyPath: string): boolean {
  return target.path.startsWith(`${caseAgencyPath}/`);
}

/** A step the transition table refuses, as the API answers it. */
export function rejection(kind: CaseKind, c: CaseRow, input: TransitionInput, check: Exclude<ReturnType<typeof checkTransition>, { ok: true }>): AppError {
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

/** The allowed step for this input, or the refusal thrown. */
export function allowedStep(c: CaseRow, input: TransitionInput, roles: ReadonlySet<Role>, facts: CaseFacts): Transition {
  const kind = c.kind as CaseKind;
  const check = checkTransition(kind, c.state, input.action, roles, input, facts);
  if (!check.ok) throw rejection(kind, c, input, check);
  return check.transition;
}

/**
 * The step's input checked against the case (field by field): its date, the receiving or chased agency (`target`:
 * the agency found for stepTargetCode, or undefined), the extension days, a complexity criterion, how many of the
 * `complainants` withdraw, and the dates of the first decision's receipt and of the contested act.
 */
export function stepIssues(c: CaseRow, t: Transition, input: TransitionInput, today: string, target: AgencyRow | undefined, complainants: number): { on: string; extensionDays: number; issues: FieldIssue[] } {
  const kind = c.kind as CaseKind;
  const issues: FieldIssue[] = [];
  const on = checkDay('on', input.on, today, issues);
  if (!issues.length && on < c.receivedOn) issues.push({ field: 'on', key: 'field.dateRange' });
  const code = stepTargetCode(c, input);
  if (code !== null) {
    if (!target) issues.push({ field: 'targetAgency', key: 'field.unknownAgency', params: { code } });
    else if (input.action === 'chase' ? !isLowerLevel(target, c.agencyPath) : target.id === c.agencyId) {
      issues.push({ field: 'targetAgency', key: input.action === 'chase' ? 'field.notLowerLevel' : 'field.sameAgency' });
    }
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
  if (input.action === 'withdraw' && kind === 'complaint' && input.withdrawingCount !== undefined) {
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
  return { on, extensionDays, issues };
}

export interface TransitionPlan {
  kind: CaseKind;
  transition: Transition;
  on: string;
  /** The receiving (forward, appeal, re-denounce) or chased agency. */
  target: AgencyRow | null;
  patch: CasePatch;
  /** The case as the patch leaves it. */
  updated: CaseRow;
  duties: PlannedDuty[];
  /** The notice the citizen is sent (domain/notices.ts), or null. */
  notice: string | null;
  outcomeLabel: string | undefined;
  audit: AuditEntry<`case.${string}`>;
}

/**
 * transitionCase planned on what it read: the case and its agency, the facts of the guards, the roles of the actor,
 * the agency found for stepTargetCode, the number of complainants, and the case the step opens at the receiving
 * agency (`linked`: its id and code, allocated by the writer; null when the agency is served by another instance).
 */
export function planTransition(
  x: { case: CaseRow; agency: AgencyRow; input: TransitionInput; facts: CaseFacts; roles: ReadonlySet<Role>; target: AgencyRow | undefined; complainants: number; linked: { id: string; code: string | null } | null },
  env: PlanEnv,
): TransitionPlan {
  const { case: c, agency, input, facts } = x;
  const kind = c.kind as CaseKind;
  const t = allowedStep(c, input, x.roles, facts);
  const { on, extensionDays, issues } = stepIssues(c, t, input, isoDateInVietnam(env.now), x.target, x.complainants);
  if (issues.length) throw invalid(...issues);
  const target = x.target ?? null;
  const { patch, flags, continuesAfterWithdrawal, processed } = stepPatch(c, kind, t, input, on, env.now, input.action === 'chase' ? (target?.id ?? null) : null, x.complainants);

  const startRule = clockRuleFor(kind, t, facts);
  const running = clockInputsOf(c);
  if (startRule) {
    Object.assign(patch, startedClock(env.compute, clockInputs(startRule, clockStartDay(t, on, c), { remote: agency.remote, complex: flags.complex, especiallyComplex: flags.especiallyComplex })));
  } else if (t.clock?.findComplex) {
    if (running) Object.assign(patch, recomputedClock(env.compute, { ...running, complex: true }));
  } else if (t.clock?.severalSites) {
    if (running) Object.assign(patch, recomputedClock(env.compute, { ...running, severalSites: true }));
  } else if (t.clock?.extend) {
    Object.assign(patch, recomputedClock(env.compute, { ...running!, complex: flags.complex, especiallyComplex: flags.especiallyComplex, extensions: [...running!.extensions, extensionDays] }));
  } else if (t.clock?.resume) {
    if (running && c.suspendedOn) Object.assign(patch, recomputedClock(env.compute, { ...running, suspendedDays: running.suspendedDays + Math.max(0, diffDays(c.suspendedOn, on)) }));
  } else if ((t.clock?.stop && !continuesAfterWithdrawal) || (processed && !t.clock?.pause)) {
    Object.assign(patch, clockColumns(STOPPED_CLOCK));
  }
  if (input.action === 'forward' && x.linked) patch.forwardedToId = x.linked.id;
  const updated: CaseRow = { ...c, ...patch };

  // Duties beside the running deadline (ADR 0024): notify a denunciation's acceptance, send a suspension / resumption.
  const duties = planDuties({ caseId: c.id, specs: dutiesOpenedBy(kind, input.action), from: on, remote: agency.remote, openedBy: `case.${input.action}`, now: env.now }, env.compute, env.newId);
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
  const createdCode = x.linked?.code ?? null;
  const summaryParts = [
    continuesAfterWithdrawal ? withdrawalGoesOnText(kind, input, x.complainants - updated.withdrawnCount) : t.label,
    outcomeLabel ? `: ${outcomeLabel}` : '',
    target ? ` → ${target.fullName}${createdCode ? ` (${createdCode})` : ''}` : '',
    input.decisionNo ? ` — theo quyết định số ${input.decisionNo} do ${input.signer ?? ''} ký` : '',
    input.documentNo ? ` — văn bản số ${input.documentNo}` : '',
    criterion ? ` — tiêu chí phức tạp: ${criterion}` : '',
    updated.dueOn && updated.dueOn !== c.dueOn ? ` — hạn mới ${formatIsoDateVi(updated.dueOn)}` : '',
    ...duties.map((d) => ` — ${d.label}${d.dueOn ? ` chậm nhất ngày ${formatIsoDateVi(d.dueOn)}` : ''}`),
    ` (${t.citation})`,
  ];
  const audit: AuditEntry<`case.${string}`> = {
    ...caseAudit(env.actor, c, env.now),
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
  };
  return { kind, transition: t, on, target, patch, updated, duties, notice, outcomeLabel, audit };
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

export interface LinkedCasePlan {
  case: CaseRow;
  petition: PetitionRow;
  sealed: SealedRow[];
  audit: AuditEntry<'case.open-re-denunciation' | 'case.receive-forwarded' | 'case.open-second-instance'>;
  relation: LinkRelation;
}

/**
 * Forwarding lands the case in the receiving agency's inbox as a new petition (channel `forwarded`) with its own
 * intake clock; an appeal opens the second-instance complaint; a re-denunciation (tố cáo tiếp, Luật Tố cáo Arts.
 * 37–38) opens the superior's re-examination. A denouncer's identity travels sealed (copied ciphertext), never in
 * the packet. `source`: the case as it was sent; `firstPetition` and `sealed`: what was read of it.
 */
export function planLinkedCase(
  x: { id: string; code: string; source: CaseRow; sourceAgency: Pick<AgencyRow, 'code' | 'fullName'>; target: AgencyRow; kind: CaseKind; on: string; relation: LinkRelation; firstPetition: PetitionRow | null; sealed: readonly SealedRow[] },
  env: PlanEnv,
): LinkedCasePlan {
  const { source: src, target, kind, on, code } = x;
  const upward = x.relation !== 'forward';
  const row: CaseRow = {
    ...newCaseRow(env, { id: x.id, code, agency: target, kind, content: src.content, contentKey: src.contentKey, petitionerName: src.petitionerName, receivedOn: on, rule: linkedCaseRule(kind, x.relation), field: src.field }),
    instance: upward ? 2 : src.instance,
    forwardedFromId: upward ? null : src.id,
    previousInstanceId: upward ? src.id : null,
  };
  // The written petition as received by the target agency (its petitioner copied, unless sealed).
  const fp = x.firstPetition;
  const denunciation = kind === 'denunciation';
  const petition: PetitionRow = {
    id: env.newId(),
    agencyId: target.id,
    agencyPath: target.path,
    caseId: row.id,
    visitId: null,
    channel: 'forwarded',
    receivedOn: on,
    kind,
    content: src.content,
    anonymous: fp?.anonymous ?? false,
    petitionerName: denunciation ? null : (fp?.petitionerName ?? src.petitionerName),
    petitionerIdNumber: denunciation ? null : (fp?.petitionerIdNumber ?? null),
    petitionerAddress: denunciation ? null : (fp?.petitionerAddress ?? null),
    petitionerPhone: denunciation ? null : (fp?.petitionerPhone ?? null),
    coSigners: [],
    createdBy: env.actor.id,
    createdAt: env.now,
  };
  const sealed = x.sealed.map((s) => ({ id: env.newId(), caseId: row.id, ownerType: 'case', ownerId: row.id, keyId: s.keyId, iv: s.iv, ciphertext: s.ciphertext, authTag: s.authTag, personHash: s.personHash, createdAt: env.now }));
  const from = x.sourceAgency;
  return {
    case: row,
    petition,
    sealed,
    relation: x.relation,
    audit: {
      at: env.now,
      actorId: env.actor.id,
      actorName: env.actor.displayName,
      agencyId: target.id,
      entity: 'case',
      entityId: row.id,
      caseId: row.id,
      action: x.relation === 'appeal' ? 'case.open-second-instance' : x.relation === 're-denounce' ? 'case.open-re-denunciation' : 'case.receive-forwarded',
      summary:
        x.relation === 'appeal'
          ? `Mở hồ sơ giải quyết khiếu nại lần hai ${code}, liên kết với hồ sơ lần đầu ${src.code} của ${from.fullName}`
          : x.relation === 're-denounce'
            ? `Mở hồ sơ xem xét tố cáo tiếp ${code} (Điều 37, 38 Luật Tố cáo 2018), liên kết với hồ sơ ${src.code} của ${from.fullName}`
            : `Phiếu nhận đơn chuyển đến: ${from.fullName} chuyển hồ sơ ${src.code} ngày ${formatIsoDateVi(on)}; mã hồ sơ tại cơ quan nhận: ${code}`,
      after: { code, from: src.code, fromAgency: from.code, receivedOn: on, dueOn: row.dueOn },
    },
  };
}
