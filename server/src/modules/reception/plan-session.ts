/**
 * The planners of the reception sessions (ADR 0025): createReceptionSession and close / cancelReceptionSession
 * read, check and then write what these pure functions plan; the national generator calls them on its rows in memory.
 */
import { cleanText, formatIsoDateVi, isoDateInVietnam } from '@danvan/domain/text';
import { SESSION_KIND_LABELS, isSessionKind } from '@danvan/domain/reception/sessions';
import { AppError, invalid } from '../../plugins/errors.ts';
import type { AuditEntry } from '../audit/write-audit.ts';
import type { AgencyRow } from '../agencies/queries.ts';
import type { PlanEnv } from '../plan.ts';
import type { CreateSessionInput, SessionPerson } from './create-reception-session.ts';
import type { CloseSessionInput } from './close-reception-session.ts';
import type { SessionRow } from './queries.ts';

const text = (v: string | undefined) => (v === undefined ? null : cleanText(v) || null);

/** A person named on a session, as stored. */
export interface SessionHolder {
  userId: string | null;
  name: string | null;
  title: string | null;
}

/** A person named by text only (no account): the host of a regular session, or a head's session typed in. */
export function namedHolder(p: SessionPerson): SessionHolder {
  return { userId: null, name: text(p.name), title: text(p.title) };
}

export interface SessionPlan {
  session: SessionRow;
  audit: AuditEntry<'reception-session.create'>;
}

/**
 * createReceptionSession for a checked input: the session row and its audit entry. `holders`: the head's host and
 * deputy as checked against their accounts (default: named by text, as the generator schedules them).
 */
export function planCreateSession(
  agency: AgencyRow,
  input: CreateSessionInput,
  env: Omit<PlanEnv, 'compute'>,
  holders?: { host: SessionHolder | null; deputy: SessionHolder | null },
): SessionPlan {
  const today = isoDateInVietnam(env.now);
  const heldOn = input.heldOn ?? today;
  const host = holders ? holders.host : input.host ? namedHolder(input.host) : null;
  const deputy = holders ? holders.deputy : input.kind === 'head' && input.delegatedTo ? namedHolder(input.delegatedTo) : null;
  const online = input.kind === 'online';
  const session: SessionRow = {
    id: env.newId(),
    agencyId: agency.id,
    agencyPath: agency.path,
    kind: input.kind,
    heldOn,
    startTime: input.startTime ?? null,
    endTime: input.endTime ?? null,
    location: text(input.location),
    hostUserId: host?.userId ?? null,
    hostName: host?.name ?? null,
    hostTitle: host?.title ?? null,
    delegatedToUserId: deputy?.userId ?? null,
    delegatedToName: deputy?.name ?? null,
    delegatedToTitle: deputy?.title ?? null,
    delegationReason: text(input.delegatedTo?.reason),
    noticeOn: online ? (input.noticeOn ?? today) : null,
    onlineLink: online ? text(input.onlineLink) : null,
    recordingRef: null,
    capacity: input.capacity ?? null,
    status: 'scheduled',
    summary: null,
    closedAt: null,
    closedBy: null,
    createdBy: env.actor.id,
    createdAt: env.now,
  };
  const audit: AuditEntry<'reception-session.create'> = {
    at: env.now,
    actorId: env.actor.id,
    actorName: env.actor.displayName,
    agencyId: agency.id,
    entity: 'reception-session',
    entityId: session.id,
    action: 'reception-session.create',
    summary: `Lên lịch ${SESSION_KIND_LABELS[input.kind].toLowerCase()} ngày ${formatIsoDateVi(heldOn)}${deputy ? ' (cấp phó tiếp thay)' : ''}`,
    after: { kind: input.kind, heldOn, delegated: Boolean(deputy), noticeOn: session.noticeOn, capacity: session.capacity },
  };
  return { session, audit };
}

export interface EndSessionPlan {
  patch: Pick<SessionRow, 'status' | 'summary' | 'recordingRef' | 'closedAt' | 'closedBy'>;
  audit: AuditEntry<'reception-session.close' | 'reception-session.cancel'>;
}

/**
 * closeReceptionSession / cancelReceptionSession on the session as read: guarded on its status, a session is not
 * closed (held) before its day, and an online one needs its recording reference (ND 154/2026 Arts. 16–24).
 */
export function planEndSession(s: SessionRow, to: 'closed' | 'cancelled', input: CloseSessionInput, env: Omit<PlanEnv, 'compute' | 'newId'>): EndSessionPlan {
  if (s.status !== 'scheduled') throw new AppError(409, 'error.sessionState', { status: s.status });
  const recordingRef = input.recordingRef !== undefined ? cleanText(input.recordingRef) || null : s.recordingRef;
  if (to === 'closed' && s.heldOn > isoDateInVietnam(env.now)) throw invalid({ field: 'heldOn', key: 'field.dateInFuture' });
  if (to === 'closed' && s.kind === 'online' && !recordingRef) throw invalid({ field: 'recordingRef', key: 'field.recordingRequired' });
  const summary = input.summary !== undefined ? cleanText(input.summary) || null : s.summary;
  const kind = isSessionKind(s.kind) ? SESSION_KIND_LABELS[s.kind].toLowerCase() : s.kind;
  return {
    patch: { status: to, summary, recordingRef, closedAt: env.now, closedBy: env.actor.id },
    audit: {
      at: env.now,
      actorId: env.actor.id,
      actorName: env.actor.displayName,
      agencyId: s.agencyId,
      entity: 'reception-session',
      entityId: s.id,
      action: to === 'closed' ? 'reception-session.close' : 'reception-session.cancel',
      summary: `${to === 'closed' ? 'Kết thúc' : 'Hủy'} ${kind} ngày ${formatIsoDateVi(s.heldOn)}`,
      before: { status: s.status },
      after: { status: to, recordingRef: Boolean(recordingRef) },
    },
  };
}
