/** Walks the audit trail in id order and reports the first row whose link or content hash does not match. */
import { asc, gt } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { auditLog } from '../../db/schema.ts';
import { auditRowHash, GENESIS_HASH } from './write-audit.ts';

export interface AuditVerification {
  ok: boolean;
  rows: number;
  firstBroken?: { id: number; reason: 'prev-hash' | 'hash' };
  /** The last row that checked out (the chain's head when ok); null when no row did. */
  head: { id: number; hash: string } | null;
}

export async function verifyAudit(db: Db, batchSize = 5000): Promise<AuditVerification> {
  let prev = GENESIS_HASH;
  let lastId = 0;
  let rows = 0;
  const head = () => (rows ? { id: lastId, hash: prev } : null);
  for (;;) {
    const batch = await db.select().from(auditLog).where(gt(auditLog.id, lastId)).orderBy(asc(auditLog.id)).limit(batchSize);
    if (batch.length === 0) return { ok: true, rows, head: head() };
    for (const r of batch) {
      if (r.prevHash !== prev) return { ok: false, rows, firstBroken: { id: r.id, reason: 'prev-hash' }, head: head() };
      const expected = auditRowHash(prev, {
        id: r.id,
        at: r.at,
        actorId: r.actorId,
        agencyId: r.agencyId,
        entity: r.entity,
        entityId: r.entityId,
        caseId: r.caseId,
        action: r.action,
        summary: r.summary,
        before: r.before,
        after: r.after,
      });
      if (expected !== r.hash) return { ok: false, rows, firstBroken: { id: r.id, reason: 'hash' }, head: head() };
      prev = r.hash;
      lastId = r.id;
      rows++;
    }
  }
}
