/**
 * closeReceptionSession: the clerk ends a session that was held (it then counts as a held day for the head's
 * compliance); cancelReceptionSession: a session that will not be held. Both are guarded on the current status.
 * Closing an online session needs its recording reference (ND 154/2026 Arts. 16–24).
 */
import { and, eq } from 'drizzle-orm';
import { cleanText, formatIsoDateVi, isoDateInVietnam } from '@danvan/domain/text';
import { SESSION_KIND_LABELS, isSessionKind } from '@danvan/domain/reception/sessions';
import type { AppContext } from '../../context.ts';
import { receptionBookings, receptionSessions } from '../../db/schema.ts';
import { AppError, invalid } from '../../plugins/errors.ts';
import type { CurrentUser } from '../auth/current-user.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { mayWorkReception } from './policy.ts';
import { visibleSession, type SessionRow } from './queries.ts';

export interface CloseSessionInput {
  summary?: string;
  recordingRef?: string;
}

async function changeStatus(ctx: AppContext, user: CurrentUser, id: string, to: 'closed' | 'cancelled', input: CloseSessionInput): Promise<SessionRow> {
  const now = ctx.now();
  const s = await visibleSession(ctx.db, user, id);
  if (!mayWorkReception(user, s.agencyPath)) throw new AppError(403, 'error.forbidden');
  if (s.status !== 'scheduled') throw new AppError(409, 'error.sessionState', { status: s.status });
  const recordingRef = input.recordingRef !== undefined ? cleanText(input.recordingRef) || null : s.recordingRef;
  // A session cannot be closed (held) before its day.
  if (to === 'closed' && s.heldOn > isoDateInVietnam(now)) throw invalid({ field: 'heldOn', key: 'field.dateInFuture' });
  if (to === 'closed' && s.kind === 'online' && !recordingRef) throw invalid({ field: 'recordingRef', key: 'field.recordingRequired' });
  const summary = input.summary !== undefined ? cleanText(input.summary) || null : s.summary;
  return ctx.db.transaction(async (tx) => {
    const [updated] = await tx
      .update(receptionSessions)
      .set({ status: to, summary, recordingRef, closedAt: now, closedBy: user.id })
      .where(and(eq(receptionSessions.id, s.id), eq(receptionSessions.status, 'scheduled')))
      .returning();
    if (!updated) throw new AppError(409, 'error.conflict');
    // Bookings of a cancelled session are cancelled with it (the citizen is told by the clerk / SMS later).
    if (to === 'cancelled') {
      await tx
        .update(receptionBookings)
        .set({ status: 'cancelled', updatedAt: now })
        .where(and(eq(receptionBookings.sessionId, s.id), eq(receptionBookings.status, 'booked')));
    }
    const kind = isSessionKind(s.kind) ? SESSION_KIND_LABELS[s.kind].toLowerCase() : s.kind;
    await writeAudit(tx, {
      at: now,
      actorId: user.id,
      actorName: user.displayName,
      agencyId: s.agencyId,
      entity: 'reception-session',
      entityId: s.id,
      action: to === 'closed' ? 'reception-session.close' : 'reception-session.cancel',
      summary: `${to === 'closed' ? 'Kết thúc' : 'Hủy'} ${kind} ngày ${formatIsoDateVi(s.heldOn)}`,
      before: { status: s.status },
      after: { status: to, recordingRef: Boolean(recordingRef) },
    });
    return updated;
  });
}

export function closeReceptionSession(ctx: AppContext, user: CurrentUser, id: string, input: CloseSessionInput) {
  return changeStatus(ctx, user, id, 'closed', input);
}

export function cancelReceptionSession(ctx: AppContext, user: CurrentUser, id: string, input: CloseSessionInput) {
  return changeStatus(ctx, user, id, 'cancelled', input);
}
