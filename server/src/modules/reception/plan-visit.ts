/**
 * The planner of recordVisit (ADR 0025): the input checked and cleaned, then the rows one visit adds — the case it
 * opens, the visit with its outcome-notice deadline (Luật TCD Art. 28), the repeat-refusal duty (ADR 0024), the
 * sealed identity of a denouncer — and the audit entry. recordVisit reads, plans and writes; the national generator
 * calls the same planner.
 */
import { cleanText, formatIsoDateVi, isoDateInVietnam, normalizePhone } from '@danvan/domain/text';
import { checkRepresentatives, isDelegation, representativeRuleText } from '@danvan/domain/reception/delegations';
import { defaultWithinJurisdiction, isRepeatVisit, NOTICE_RULE, type VisitOutcome } from '@danvan/domain/reception/visits';
import { ClockError } from '@danvan/domain/clock/index';
import { dutiesOpenedByRefusal } from '@danvan/domain/duties';
import { AppError, invalid, type FieldIssue } from '../../plugins/errors.ts';
import type { AgencyRow } from '../agencies/queries.ts';
import type { AuditEntry } from '../audit/write-audit.ts';
import { planOpenCase, sealedRow, type CaseRow, type IdentitySecrets, type OpenCasePlan, type SealedRow } from '../cases/open-case.ts';
import { planDuties, type PlannedDuty } from '../cases/duties.ts';
import { clockInputs } from '../clock/deadlines.ts';
import { checkDay, checkIdentity } from '../input-checks.ts';
import type { PlanEnv } from '../plan.ts';
import type { RecordVisitInput } from './record-visit.ts';
import type { SessionRow, VisitRow } from './queries.ts';

const optionalText = (v: string | undefined) => (v === undefined ? null : cleanText(v) || null);

/** The input checked field by field (`issues`) and cleaned: what needs no database. */
export function checkVisitInput(input: RecordVisitInput, issues: FieldIssue[]) {
  const citizen = checkIdentity('citizen', input.citizen, issues);
  let phone: string | null = null;
  if (input.citizen.phone?.trim()) {
    phone = normalizePhone(input.citizen.phone);
    if (!phone) issues.push({ field: 'citizen.phone', key: 'field.phone' });
  }
  const content = cleanText(input.content);
  if (!content) issues.push({ field: 'content', key: 'field.required' });
  const peopleCount = input.peopleCount ?? 1;
  const outcome: VisitOutcome = input.outcome ?? 'petition-received';

  // Delegation representatives (Luật TCD Art. 29).
  const representatives = (input.representatives ?? []).map((r, i) => checkIdentity(`representatives.${i}`, r, issues));
  const named = input.representatives ? representatives : [citizen];
  if (isDelegation(peopleCount)) {
    const check = checkRepresentatives(peopleCount, named.length);
    if (!check.ok) {
      issues.push({
        field: 'representatives',
        key: 'field.delegationRepresentatives',
        params: { people: peopleCount, count: named.length, min: check.min, max: check.max, rule: representativeRuleText(peopleCount) },
      });
    }
  }

  // What each outcome needs.
  const guidanceDocNo = optionalText(input.guidance?.documentNo);
  const forwardedTo = optionalText(input.transfer?.agency);
  const transferDocNo = optionalText(input.transfer?.documentNo);
  if (outcome === 'guided' && !guidanceDocNo) issues.push({ field: 'guidance.documentNo', key: 'field.required' });
  if (outcome === 'forwarded') {
    if (!forwardedTo) issues.push({ field: 'transfer.agency', key: 'field.required' });
    if (!transferDocNo) issues.push({ field: 'transfer.documentNo', key: 'field.required' });
  }
  if (outcome === 'refused' && !input.refusal?.ground) issues.push({ field: 'refusal.ground', key: 'field.required' });
  const documents = (input.documents ?? []).map((d, i) => {
    const title = cleanText(d.title);
    if (!title) issues.push({ field: `documents.${i}.title`, key: 'field.required' });
    return { title, pages: d.pages ?? null, original: d.original ?? false };
  });
  return { citizen, phone, content, peopleCount, outcome, representatives, guidanceDocNo, forwardedTo, transferDocNo, documents };
}

/** The session the visit is recorded in: of the same agency, on its day; an online denunciation needs the waiver. */
export function checkVisitSession(input: RecordVisitInput, agency: AgencyRow, session: SessionRow | null, issues: FieldIssue[]): void {
  if (!session) return;
  if (session.agencyId !== agency.id) issues.push({ field: 'sessionId', key: 'field.sessionOtherAgency' });
  else if (input.visitedOn !== undefined && input.visitedOn !== session.heldOn) issues.push({ field: 'visitedOn', key: 'field.sessionDate', params: { date: session.heldOn } });
  if (session.kind === 'online' && input.type === 'denunciation' && !input.identityProtectionWaived) {
    issues.push({ field: 'identityProtectionWaived', key: 'field.onlineDenunciationWaiver' });
  }
}

/** Does this visit open a case (then the writer allocates its code), and does its plan read the calendar? */
export function visitNeeds(input: RecordVisitInput, existing: CaseRow | null): { opensCase: boolean; clock: boolean } {
  const outcome = input.outcome ?? 'petition-received';
  return { opensCase: outcome === 'petition-received' && !existing, clock: outcome === 'petition-received' || (outcome === 'refused' && existing !== null) };
}

export interface VisitPlan {
  opened: OpenCasePlan | null;
  visit: VisitRow;
  duties: PlannedDuty[];
  sealed: SealedRow[];
  audit: AuditEntry<'visit.record'>;
}

/**
 * recordVisit planned on what it read: the agency, the session (if any), the existing case the visit is linked to
 * (a repeat), the booking the citizen came with, and the code of the case it opens (`code`, from case_sequences).
 */
export function planVisit(
  x: { agency: AgencyRow; input: RecordVisitInput; session: SessionRow | null; existing: CaseRow | null; bookingId?: string | null; code: string | null },
  env: PlanEnv & IdentitySecrets,
): VisitPlan {
  const { agency, input, session, existing } = x;
  const issues: FieldIssue[] = [];
  const v = checkVisitInput(input, issues);
  checkVisitSession(input, agency, session, issues);
  const visitedOn = checkDay('visitedOn', input.visitedOn ?? session?.heldOn, isoDateInVietnam(env.now), issues);
  if (issues.length) throw invalid(...issues);
  if (session && session.status !== 'scheduled') throw new AppError(409, 'error.sessionState', { status: session.status });
  const { citizen, phone, content, peopleCount, outcome, representatives } = v;

  // Sealing follows the case: a visit attached to a denunciation case keeps no identity in the clear either.
  const sealed = input.type === 'denunciation' || existing?.kind === 'denunciation';
  const { opensCase } = visitNeeds(input, existing);
  const repeat = isRepeatVisit(Boolean(existing));
  // The outcome notice clock (Luật TCD Art. 28).
  let notice: { due: string; version: string } | null = null;
  if (outcome === 'petition-received') {
    try {
      notice = env.compute(clockInputs(NOTICE_RULE, visitedOn, { remote: agency.remote }));
    } catch (err) {
      if (!(err instanceof ClockError)) throw err; // a date the clock cannot time (outside 2020–2040): no deadline
    }
  }
  const id = env.newId();
  let opened: OpenCasePlan | null = null;
  if (opensCase) {
    if (!x.code) throw new Error('a visit that opens a case needs its code');
    opened = planOpenCase({ agency, kind: input.type, content, receivedOn: visitedOn, petitionerName: citizen.name, via: 'visit' }, x.code, env);
  }
  const theCase = opened?.case ?? existing;
  const visit: VisitRow = {
    id,
    agencyId: agency.id,
    agencyPath: agency.path,
    visitedOn,
    citizenName: sealed ? null : citizen.name,
    citizenIdNumber: sealed ? null : citizen.idNumber,
    citizenIdType: sealed ? null : citizen.idType,
    citizenAddress: sealed ? null : citizen.address,
    citizenPhone: sealed ? null : phone,
    kind: input.type,
    content,
    peopleCount,
    isDelegation: isDelegation(peopleCount),
    representatives: sealed || !input.representatives ? null : representatives,
    isRepeat: repeat,
    caseId: theCase?.id ?? null,
    outcome,
    sessionId: session?.id ?? null,
    documents: v.documents.length ? v.documents : null,
    priorAgencies: optionalText(input.priorAgencies),
    withinJurisdiction: input.withinJurisdiction ?? defaultWithinJurisdiction(outcome),
    guidanceDocNo: outcome === 'guided' ? v.guidanceDocNo : null,
    guidedTo: outcome === 'guided' ? optionalText(input.guidance?.to) : null,
    forwardedTo: outcome === 'forwarded' ? v.forwardedTo : null,
    transferDocNo: outcome === 'forwarded' ? v.transferDocNo : null,
    refusalGround: outcome === 'refused' ? (input.refusal?.ground ?? null) : null,
    resultFollowUp: optionalText(input.resultFollowUp),
    notes: optionalText(input.notes),
    noticeDueOn: notice?.due ?? null,
    noticeRuleVersion: notice?.version ?? null,
    noticeSentOn: null,
    noticeOutcome: null,
    noticeDocNo: null,
    source: 'desk',
    importId: null,
    importRow: null,
    createdBy: env.actor.id,
    createdAt: env.now,
  };
  // Issue 12 hook: a repeat refused with nothing new owes a written notice within 3 working days (case duty, ADR 0024).
  const duties =
    outcome === 'refused' && theCase
      ? planDuties({ caseId: theCase.id, specs: dutiesOpenedByRefusal(visit.refusalGround), from: visitedOn, remote: agency.remote, openedBy: 'visit.record', visitId: id, now: env.now }, env.compute, env.newId)
      : [];
  const sealedRows =
    sealed && theCase ? [sealedRow(env, env.newId, theCase.id, 'visit', id, { ...citizen, phone, ...(input.representatives ? { representatives } : {}) }, env.now)] : [];
  const audit: AuditEntry<'visit.record'> = {
    at: env.now,
    actorId: env.actor.id,
    actorName: env.actor.displayName,
    agencyId: agency.id,
    entity: 'visit',
    entityId: id,
    caseId: theCase?.id ?? null,
    action: 'visit.record',
    summary: `Ghi nhận lượt tiếp công dân ngày ${formatIsoDateVi(visitedOn)}${repeat ? ' (lượt tiếp lại, cùng vụ việc)' : ''}${isDelegation(peopleCount) ? ` (đoàn ${peopleCount} người)` : ''}`,
    after: {
      visitedOn,
      kind: input.type,
      peopleCount,
      outcome,
      caseCode: theCase?.code ?? null,
      repeat,
      sessionId: session?.id ?? null,
      bookingId: x.bookingId ?? null,
      refusalGround: visit.refusalGround,
      noticeDueOn: visit.noticeDueOn,
    },
  };
  return { opened, visit, duties, sealed: sealedRows, audit };
}
