/**
 * Reads shared by several reception use cases, and the presenters: staff views of sessions and visits, and the
 * public schedule (no personal data: no names, no notes, no links, no recording references).
 */
import { eq } from 'drizzle-orm';
import { SESSION_KIND_LABELS, SESSION_STATUS_LABELS, isSessionKind, type SessionStatus } from '@danvan/domain/reception/sessions';
import { VISIT_OUTCOME_LABELS, NOTICE_OUTCOME_LABELS, refusalGround, type VisitOutcome, type NoticeOutcome } from '@danvan/domain/reception/visits';
import type { DbOrTx } from '../../db/client.ts';
import { receptionSessions, visits } from '../../db/schema.ts';
import { notFound } from '../../plugins/errors.ts';
import type { CurrentUser } from '../auth/current-user.ts';
import { SEALED_NAME } from '../cases/open-case.ts';
import { mayViewReception } from './policy.ts';

export type SessionRow = typeof receptionSessions.$inferSelect;
export type VisitRow = typeof visits.$inferSelect;

/** A session the user may see, or 404. */
export async function visibleSession(db: DbOrTx, user: CurrentUser, id: string): Promise<SessionRow> {
  const [s] = await db.select().from(receptionSessions).where(eq(receptionSessions.id, id));
  if (!s || !mayViewReception(user, s.agencyPath)) throw notFound();
  return s;
}

/** A visit the user may see, or 404. */
export async function visibleVisit(db: DbOrTx, user: CurrentUser, id: string): Promise<VisitRow> {
  const [v] = await db.select().from(visits).where(eq(visits.id, id));
  if (!v || !mayViewReception(user, v.agencyPath)) throw notFound();
  return v;
}

function kindLabel(kind: string): string {
  return isSessionKind(kind) ? SESSION_KIND_LABELS[kind] : kind;
}

/** The person actually holding the session (the deputy when delegated). */
function holderTitle(s: SessionRow): string | null {
  return s.delegatedToName || s.delegatedToTitle ? (s.delegatedToTitle ?? null) : (s.hostTitle ?? null);
}

export function presentSession(s: SessionRow, agency: { code: string; fullName: string }, counts?: { visits: number; people: number; bookings: number }) {
  return {
    id: s.id,
    agencyCode: agency.code,
    agencyName: agency.fullName,
    kind: s.kind,
    kindLabel: kindLabel(s.kind),
    heldOn: s.heldOn,
    startTime: s.startTime,
    endTime: s.endTime,
    location: s.location,
    host: s.hostName || s.hostTitle || s.hostUserId ? { userId: s.hostUserId, name: s.hostName, title: s.hostTitle } : null,
    delegatedTo:
      s.delegatedToName || s.delegatedToUserId
        ? { userId: s.delegatedToUserId, name: s.delegatedToName, title: s.delegatedToTitle, reason: s.delegationReason }
        : null,
    noticeOn: s.noticeOn,
    onlineLink: s.onlineLink,
    recordingRef: s.recordingRef,
    capacity: s.capacity,
    status: s.status,
    statusLabel: SESSION_STATUS_LABELS[s.status as SessionStatus] ?? s.status,
    summary: s.summary,
    closedAt: s.closedAt ? s.closedAt.toISOString() : null,
    visits: counts?.visits ?? 0,
    people: counts?.people ?? 0,
    bookings: counts?.bookings ?? 0,
  };
}

/** The published schedule: what a citizen needs to come, nothing about anyone. */
export function presentPublicSession(s: SessionRow, agency: { code: string; fullName: string }, booked: number) {
  return {
    id: s.id,
    agencyCode: agency.code,
    agencyName: agency.fullName,
    kind: s.kind,
    kindLabel: kindLabel(s.kind),
    heldOn: s.heldOn,
    startTime: s.startTime,
    endTime: s.endTime,
    location: s.location,
    hostTitle: s.kind === 'head' ? holderTitle(s) : null,
    online: s.kind === 'online',
    status: s.status,
    capacity: s.capacity,
    bookable: s.status === 'scheduled' && (s.capacity === null || booked < s.capacity),
  };
}

/**
 * Sealing follows the case (issue 13): a visit is sealed when it is a denunciation or is attached to a
 * denunciation case (a complaint-type visit filed on a denunciation, or a case reclassified as one).
 */
export function visitSealed(v: Pick<VisitRow, 'kind'>, caseKind: string | null | undefined): boolean {
  return v.kind === 'denunciation' || caseKind === 'denunciation';
}

export function presentVisit(v: VisitRow, agencyCode: string, caseCode: string | null = null, caseKind: string | null = null) {
  const sealed = visitSealed(v, caseKind);
  const ground = v.refusalGround ? refusalGround(v.refusalGround) : undefined;
  return {
    id: v.id,
    agencyCode,
    visitedOn: v.visitedOn,
    sessionId: v.sessionId,
    citizenName: sealed ? SEALED_NAME : v.citizenName,
    kind: v.kind,
    content: v.content,
    peopleCount: v.peopleCount,
    isDelegation: v.isDelegation,
    representativesCount: sealed ? null : (v.representatives?.length ?? null),
    isRepeat: v.isRepeat,
    caseId: v.caseId,
    caseCode,
    outcome: v.outcome,
    outcomeLabel: VISIT_OUTCOME_LABELS[v.outcome as VisitOutcome] ?? v.outcome,
    withinJurisdiction: v.withinJurisdiction,
    priorAgencies: v.priorAgencies,
    guidanceDocNo: v.guidanceDocNo,
    guidedTo: v.guidedTo,
    forwardedTo: v.forwardedTo,
    transferDocNo: v.transferDocNo,
    refusal: ground ? { ground: ground.code, label: ground.label, citation: ground.citation } : null,
    resultFollowUp: v.resultFollowUp,
    notes: v.notes,
    noticeDueOn: v.noticeDueOn,
    noticeSentOn: v.noticeSentOn,
    noticeOutcome: v.noticeOutcome,
    noticeOutcomeLabel: v.noticeOutcome ? (NOTICE_OUTCOME_LABELS[v.noticeOutcome as NoticeOutcome] ?? v.noticeOutcome) : null,
    source: v.source,
  };
}

/** Identity details for the visit page (never for a denunciation: those are sealed with the case). */
export function presentCitizen(v: VisitRow, caseKind: string | null = null) {
  if (visitSealed(v, caseKind)) return null;
  return {
    name: v.citizenName,
    idType: v.citizenIdType,
    idNumber: v.citizenIdNumber,
    address: v.citizenAddress,
    phone: v.citizenPhone,
    representatives: v.representatives ?? [],
  };
}
