/**
 * closeReceptionSession: the clerk ends a session that was held (it then counts as a held day for the head's
 * compliance); cancelReceptionSession: a session that will not be held. Both are guarded on the current status.
 * Closing an online session needs its recording reference (ND 154/2026 Arts. 16–24).
 */
import { and, eq } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import { receptionBookings, receptionSessions } from '../../db/schema.ts';
import { AppError } from '../../plugins/errors.ts';
import type { CurrentUser } from '../auth/current-user.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { mayWorkReception } from './policy.ts';
import { visibleSession, type SessionRow } from './queries.ts';
import { planEndSession } from './plan-session.ts';

export interface CloseSessionInput {
  summary?: string;
  recordingRef?: string;
}

async function changeStatus(ctx: AppContext, user: CurrentUser, id: string, to: 'closed' | 'cancelled', input: CloseSessionInput): Promise<SessionRow> {
  const now = ctx.now();
  const s = await visibleSession(ctx.db, user, id);
  if (!mayWorkReception(user, s.agencyPath)) throw new AppError(403, 'error.forbidden');
  const plan = planEndSession(s, to, input, { now, actor: user });
  return ctx.db.transaction(async (tx) => {
    const [updated] = await tx
      .update(receptionSessions)
      .set(plan.patch)
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
    await writeAudit(tx, plan.audit);
    return updated;
  });
}

export function closeReceptionSession(ctx: AppContext, user: CurrentUser, id: string, input: CloseSessionInput) {
  return changeStatus(ctx, user, id, 'closed', input);
}

export function cancelReceptionSession(ctx: AppContext, user: CurrentUser, id: string, input: CloseSessionInput) {
  return changeStatus(ctx, user, id, 'cancelled', input);
}
