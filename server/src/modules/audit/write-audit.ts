/**
 * Appends rows to the hash-chained audit trail inside the caller's transaction.
 * A transaction-scoped advisory lock serialises appends so that every row links to the one before it; the lock is
 * released when the transaction commits or rolls back. Inside a transaction of openDatabase's Db the rows of the
 * transaction are queued and handed over together at its very end (db/client.ts beforeCommit) to audit_pending, whose
 * deferred trigger appends them while PostgreSQL commits: the lock is held only for that append and the commit,
 * inside the database, not for the use case nor for a round trip to this process (ADR 0005, amendments 2026-12 and
 * 2026-12-06). Outside such a transaction the rows are appended at once (audit_append).
 */
import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { beforeCommit, type Tx } from '../../db/client.ts';
import type { AuditAction } from './actions.ts';
import type { PayloadOf } from './payloads.ts';

/** The fields of every audit row. */
interface AuditFields {
  at: Date;
  actorId: string | null;
  actorName: string | null;
  agencyId: string | null;
  entity: string;
  entityId: string;
  caseId?: string | null;
  /** Short Vietnamese description; never personal data of a denouncer. */
  summary: string;
}

/**
 * One audit row to append: its `before` / `after` have the shape payloads.ts declares for its `action`. writeAudit
 * infers the action from the entry, so `writeAudit(tx, { ..., action: 'case.assign', after: { asigneeId } })` fails
 * the type-check; a planner names its action the same way (`AuditEntry<'visit.record'>`). AuditEntry without an action
 * is any action's entry (a queue, a plan's field).
 */
export type AuditEntry<A extends AuditAction = AuditAction> = AuditFields & { action: A } & PayloadOf<A>;

// The chain lock is pg_advisory_xact_lock(4210001), taken by audit_append (migration 0004).
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

const queued = new WeakMap<object, AuditEntry[]>();

export async function writeAudit<A extends AuditAction>(tx: Tx, entry: AuditEntry<A>): Promise<void> {
  // A copy: the caller may change its objects after the call; the row says what they were at the call.
  const copy = structuredClone(entry) as AuditEntry;
  const queue = queued.get(tx);
  if (queue) {
    queue.push(copy);
    return;
  }
  const fresh = [copy];
  if (beforeCommit(tx, () => appendAudit(tx, fresh, 'at-commit'))) queued.set(tx, fresh);
  else await appendAudit(tx, fresh, 'now');
}

/**
 * The canonical JSON of a row (auditRowHash's body) cut around its id, which only the database knows at the append:
 * body = pre + id + post.
 */
export function auditBodyAroundId(row: Omit<HashedFields, 'id'>): { pre: string; post: string } {
  const ID = Symbol('id');
  const body: Record<string, unknown> = {
    id: ID,
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
  };
  const keys = Object.keys(body)
    .filter((k) => body[k] !== undefined)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const at = keys.indexOf('id');
  const part = (k: string) => `${JSON.stringify(k)}:${canonicalJson(body[k])}`;
  const before = keys.slice(0, at).map(part);
  const after = keys.slice(at + 1).map(part);
  return { pre: `{${[...before, '"id":'].join(',')}`, post: `${after.length ? ',' : ''}${after.join(',')}}` };
}

/**
 * The chained append (audit_append, migration 0004): the chain lock, the head, the ids and the rows in one statement.
 * `at-commit` hands the rows to audit_pending (migration 0007), whose deferred trigger runs audit_append inside the
 * COMMIT; `now` runs it at once (a savepoint, or a database not opened by openDatabase).
 */
async function appendAudit(tx: Tx, entries: AuditEntry[], when: 'at-commit' | 'now'): Promise<void> {
  queued.delete(tx);
  if (!entries.length) return;
  const rows = entries.map((entry) => {
    // Milliseconds only: PostgreSQL keeps microseconds, JS dates keep milliseconds; the hash must survive a round trip.
    const at = new Date(Math.floor(entry.at.getTime()));
    const fields = {
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
    return { ...fields, at: at.toISOString(), actorName: entry.actorName, ...auditBodyAroundId(fields) };
  });
  if (when === 'at-commit') await tx.execute(sql`insert into audit_pending (entries) values (${JSON.stringify(rows)}::jsonb)`);
  else await tx.execute(sql`select audit_append(${JSON.stringify(rows)}::jsonb)`);
}

/** The fields every audit row of a staff action on a case shares. */
export function caseAudit(actor: { id: string; displayName: string }, c: { id: string; agencyId: string }, at: Date) {
  return { at, actorId: actor.id, actorName: actor.displayName, agencyId: c.agencyId, entity: 'case', entityId: c.id, caseId: c.id } as const;
}
