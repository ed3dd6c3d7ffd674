/**
 * Appends one row to the hash-chained audit trail inside the caller's transaction.
 * A transaction-scoped advisory lock serialises appends so that every row links to the one before it;
 * the lock is released when the transaction commits or rolls back.
 */
import { createHash } from 'node:crypto';
import { desc, sql } from 'drizzle-orm';
import { queryRows, type Tx } from '../../db/client.ts';
import { auditLog } from '../../db/schema.ts';

export interface AuditEntry {
  at: Date;
  actorId: string | null;
  actorName: string | null;
  agencyId: string | null;
  entity: string;
  entityId: string;
  caseId?: string | null;
  action: string;
  /** Short Vietnamese description; never personal data of a denouncer. */
  summary: string;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
}

const AUDIT_LOCK = 4_210_001;
export const GENESIS_HASH = '0'.repeat(64);

/** Canonical JSON: keys sorted at every level, so the hash does not depend on key order after a jsonb round trip. */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export interface HashedFields {
  id: number;
  at: Date;
  actorId: string | null;
  agencyId: string | null;
  entity: string;
  entityId: string;
  caseId: string | null;
  action: string;
  summary: string;
  before: unknown;
  after: unknown;
}

export function auditRowHash(prevHash: string, row: HashedFields): string {
  const body = canonicalJson({
    id: row.id,
    at: row.at.toISOString(),
    actorId: row.actorId,
    agencyId: row.agencyId,
    entity: row.entity,
    entityId: row.entityId,
    caseId: row.caseId,
    action: row.action,
    summary: row.summary,
    before: row.before ?? null,
    after: row.after ?? null,
  });
  return createHash('sha256').update(prevHash).update('\n').update(body).digest('hex');
}

export async function writeAudit(tx: Tx, entry: AuditEntry): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${AUDIT_LOCK})`);
  const [last] = await tx.select({ hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.id)).limit(1);
  const prevHash = last?.hash ?? GENESIS_HASH;
  const [idRow] = await queryRows<{ id: number }>(tx, sql`select nextval(pg_get_serial_sequence('audit_log', 'id'))::int as id`);
  const id = Number(idRow?.id);
  // Milliseconds only: PostgreSQL keeps microseconds, JS dates keep milliseconds; the hash must survive a round trip.
  const at = new Date(Math.floor(entry.at.getTime()));
  const fields: HashedFields = {
    id,
    at,
    actorId: entry.actorId,
    agencyId: entry.agencyId,
    entity: entry.entity,
    entityId: entry.entityId,
    caseId: entry.caseId ?? null,
    action: entry.action,
    summary: entry.summary,
    before: entry.before ?? null,
    after: entry.after ?? null,
  };
  await tx.insert(auditLog).values({
    ...fields,
    actorName: entry.actorName,
    before: entry.before ?? null,
    after: entry.after ?? null,
    prevHash,
    hash: auditRowHash(prevHash, fields),
  });
}

/** The fields every audit row of a staff action on a case shares. */
export function caseAudit(actor: { id: string; displayName: string }, c: { id: string; agencyId: string }, at: Date) {
  return { at, actorId: actor.id, actorName: actor.displayName, agencyId: c.agencyId, entity: 'case', entityId: c.id, caseId: c.id } as const;
}
