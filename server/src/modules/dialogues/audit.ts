/** The audit row of a dialogue step (same transaction as the change). */
import type { CurrentUser } from '../auth/current-user.ts';
import type { AuditAction } from '../audit/actions.ts';
import type { AuditEntry } from '../audit/write-audit.ts';

export function dialogueAudit(user: CurrentUser | null, d: { id: string; agencyId: string }, now: Date, action: AuditAction, summary: string, after?: Record<string, unknown>, before?: Record<string, unknown>): AuditEntry {
  return {
    at: now,
    actorId: user?.id ?? null,
    actorName: user?.displayName ?? 'Công dân (cổng trực tuyến)',
    agencyId: d.agencyId,
    entity: 'dialogue',
    entityId: d.id,
    action,
    summary,
    after: after ?? null,
    before: before ?? null,
  };
}
