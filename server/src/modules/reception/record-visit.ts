/**
 * recordVisit: a receptionist records one citizen (or one delegation) received at the agency, with the identity
 * check (ND 154/2026 Art. 12) and the outcome:
 *  - petition-received: opens a case, or is linked to an existing case of the user's subtrees (then it is a
 *    repeat visit); the outcome notice is due within `reception.notice` (Luật TCD Art. 28);
 *  - guided (document no.), forwarded (transfer no.), refused (a legal ground, Luật TCD Art. 9 / ND 154 Art. 4(1)):
 *    no case is opened; linking to an existing case still makes it a repeat.
 * A delegation (5+ people, Art. 29) must name 1–2 representatives (5–10 people) or 1–5 (more than 10).
 * A denunciation's identity is sealed with its case and never stored on the visit (Luật Tố cáo Art. 47(2)); a
 * denunciation visit that opens no case keeps no identity at all.
 */
import { and, eq } from 'drizzle-orm';
import { cleanText, formatIsoDateVi, isoDateInVietnam, normalizePhone } from '@danvan/domain/text';
import type { CaseKind } from '@danvan/domain/workflow';
import { checkRepresentatives, isDelegation, representativeRuleText } from '@danvan/domain/reception/delegations';
import {
  defaultWithinJurisdiction,
  isRepeatVisit,
  NOTICE_RULE,
  type RefusalGroundCode,
  type VisitOutcome,
} from '@danvan/domain/reception/visits';
import type { AppContext } from '../../context.ts';
import { cases, receptionBookings, visits } from '../../db/schema.ts';
import { AppError, invalid, notFound, type FieldIssue } from '../../plugins/errors.ts';
import { requireAgency } from '../agencies/queries.ts';
import { canSee, type CurrentUser } from '../auth/current-user.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { openCase, sealIdentity, type CaseRow } from '../cases/open-case.ts';
import { ClockError } from '@danvan/domain/clock/index';
import { clockInputs, computeClock, lockedCalendar } from '../clock/deadlines.ts';
import { requireReceptionRole } from './policy.ts';
import { dutiesOpenedByRefusal } from '@danvan/domain/duties';
import { openDuties } from '../cases/duties.ts';
import { visibleSession, type VisitRow } from './queries.ts';

import { checkDay, checkIdentity, type PersonInput } from '../input-checks.ts';
import { indexVisit } from '../search/index-records.ts';

export interface RecordVisitInput {
  agency: string;
  visitedOn?: string;
  citizen: PersonInput & { phone?: string };
  content: string;
  type: CaseKind;
  peopleCount?: number;
  /** Link to an existing case (same matter) instead of opening a new one: the visit is a repeat. */
  caseId?: string;
  sessionId?: string;
  /** The citizen came with a booking: it is marked arrived and linked to this visit. */
  bookingId?: string;
  /** Delegation representatives (all of them, usually including `citizen`); default: the citizen alone. */
  representatives?: PersonInput[];
  priorAgencies?: string;
  outcome?: VisitOutcome;
  guidance?: { documentNo: string; to?: string };
  transfer?: { agency: string; documentNo: string };
  refusal?: { ground: RefusalGroundCode };
  withinJurisdiction?: boolean;
  documents?: { title: string; pages?: number; original?: boolean }[];
  resultFollowUp?: string;
  notes?: string;
  /** Online session + denunciation: the denouncer waived identity protection (ND 154/2026 Arts. 16–24). */
  identityProtectionWaived?: boolean;
}

const optionalText = (v: string | undefined) => (v === undefined ? null : cleanText(v) || null);

export async function recordVisit(ctx: AppContext, user: CurrentUser, input: RecordVisitInput & { outcome?: 'petition-received' }): Promise<{ visit: VisitRow; case: CaseRow }>;
export async function recordVisit(ctx: AppContext, user: CurrentUser, input: RecordVisitInput): Promise<{ visit: VisitRow; case: CaseRow | null }>;
export async function recordVisit(ctx: AppContext, user: CurrentUser, input: RecordVisitInput): Promise<{ visit: VisitRow; case: CaseRow | null }> {
  const now = ctx.now();
  const today = isoDateInVietnam(now);
  const issues: FieldIssue[] = [];
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

  const agency = await requireAgency(ctx.db, input.agency);
  requireReceptionRole(user, agency);

  let session = null;
  if (input.sessionId) {
    session = await visibleSession(ctx.db, user, input.sessionId);
    if (session.agencyId !== agency.id) issues.push({ field: 'sessionId', key: 'field.sessionOtherAgency' });
    else if (input.visitedOn !== undefined && input.visitedOn !== session.heldOn) issues.push({ field: 'visitedOn', key: 'field.sessionDate', params: { date: session.heldOn } });
    if (session.kind === 'online' && input.type === 'denunciation' && !input.identityProtectionWaived) {
      issues.push({ field: 'identityProtectionWaived', key: 'field.onlineDenunciationWaiver' });
    }
  }
  const visitedOn = checkDay('visitedOn', input.visitedOn ?? session?.heldOn, today, issues);
  if (issues.length) throw invalid(...issues);
  if (session && session.status !== 'scheduled') throw new AppError(409, 'error.sessionState', { status: session.status });

  let existing: CaseRow | undefined;
  if (input.caseId) {
    [existing] = await ctx.db.select().from(cases).where(and(eq(cases.id, input.caseId)));
    if (!existing || !canSee(user, existing.agencyPath)) throw notFound();
  }
  let booking: typeof receptionBookings.$inferSelect | undefined;
  if (input.bookingId) {
    [booking] = await ctx.db.select().from(receptionBookings).where(eq(receptionBookings.id, input.bookingId));
    if (!booking || !canSee(user, booking.agencyPath)) throw notFound();
    if (booking.agencyId !== agency.id || (session && booking.sessionId !== session.id)) throw invalid({ field: 'bookingId', key: 'field.bookingOtherSession' });
    if (booking.status !== 'booked' && booking.status !== 'no-show') throw new AppError(409, 'error.bookingState', { status: booking.status });
  }

  // Sealing follows the case: a visit attached to a denunciation case keeps no identity in the clear either.
  const sealed = input.type === 'denunciation' || existing?.kind === 'denunciation';
  const opensCase = outcome === 'petition-received' && !existing;
  const repeat = isRepeatVisit(Boolean(existing));

  return ctx.db.transaction(async (tx) => {
    // The outcome notice clock (Luật TCD Art. 28), with the calendar lock held like every stored deadline.
    let notice: { due: string; version: string } | null = null;
    if (outcome === 'petition-received') {
      try {
        notice = computeClock(await lockedCalendar(tx), clockInputs(NOTICE_RULE, visitedOn, { remote: agency.remote }));
      } catch (err) {
        if (!(err instanceof ClockError)) throw err; // a date the clock cannot time (outside 2020–2040): no deadline
      }
    }
    const theCase = opensCase
      ? await openCase(tx, { agency, kind: input.type, content, receivedOn: visitedOn, petitionerName: citizen.name, actor: user, now, via: 'visit' })
      : (existing ?? null);
    const [visit] = await tx
      .insert(visits)
      .values({
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
        documents: documents.length ? documents : null,
        priorAgencies: optionalText(input.priorAgencies),
        withinJurisdiction: input.withinJurisdiction ?? defaultWithinJurisdiction(outcome),
        guidanceDocNo: outcome === 'guided' ? guidanceDocNo : null,
        guidedTo: outcome === 'guided' ? optionalText(input.guidance?.to) : null,
        forwardedTo: outcome === 'forwarded' ? forwardedTo : null,
        transferDocNo: outcome === 'forwarded' ? transferDocNo : null,
        refusalGround: outcome === 'refused' ? (input.refusal?.ground ?? null) : null,
        resultFollowUp: optionalText(input.resultFollowUp),
        notes: optionalText(input.notes),
        noticeDueOn: notice?.due ?? null,
        noticeRuleVersion: notice?.version ?? null,
        createdBy: user.id,
        createdAt: now,
      })
      .returning();
    if (!visit) throw new Error('visit insert failed');
    // Issue 12 hook: a repeat refused with nothing new owes a written notice within 3 working days (case duty, ADR 0024).
    if (outcome === 'refused' && theCase) await openDuties(tx, { caseId: theCase.id, specs: dutiesOpenedByRefusal(visit.refusalGround), from: visitedOn, remote: agency.remote, openedBy: 'visit.record', visitId: visit.id, now });
    await indexVisit(tx, visit); // search (issue 18)
    if (sealed && theCase) {
      await sealIdentity(tx, ctx, theCase.id, 'visit', visit.id, { ...citizen, phone, ...(input.representatives ? { representatives } : {}) }, now);
    }
    if (booking) {
      await tx.update(receptionBookings).set({ status: 'arrived', visitId: visit.id, updatedAt: now }).where(eq(receptionBookings.id, booking.id));
    }
    await writeAudit(tx, {
      at: now,
      actorId: user.id,
      actorName: user.displayName,
      agencyId: agency.id,
      entity: 'visit',
      entityId: visit.id,
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
        bookingId: booking?.id ?? null,
        refusalGround: visit.refusalGround,
        noticeDueOn: visit.noticeDueOn,
      },
    });
    return { visit, case: theCase };
  });
}
