/** The audit row of a dialogue step (same transaction as the change). */
import type { CurrentUser } from '../auth/current-user.ts';
import type { AuditAction } from '../audit/actions.ts';
import type { AuditEntry } from '../audit/write-audit.ts';
import type { PayloadOf } from '../audit/payloads.ts';

export function dialogueAudit<A extends AuditAction>(
  user: CurrentUser | null,
  d: { id: string; agencyId: string },
  now: Date,
  action: A,
  summary: string,
  after?: PayloadOf<A>['after'],
  before?: PayloadOf<A>['before'],
): AuditEntry {
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
  } as AuditEntry;
}
