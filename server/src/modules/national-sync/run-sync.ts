/**
 * The national sync worker's pass: claim due events, POST each to the national endpoint, record every attempt.
 *
 * Claiming is the notification outbox's (ADR 0008, one loop: db/outbox-loop.ts): one short transaction marks due rows `sending` with a claim
 * token and a lease, `for update skip locked`; the HTTP call runs outside any transaction; the row becomes `sent`
 * only if the token still matches. A case's events go in order: a row is due only when every earlier event of
 * the same case is sent. Each request carries `Idempotency-Key: <messageId>` so a repeat after a crash between the
 * receiver's answer and the mark is recognisable by the receiver (the payload's messageId is the same key).
 *
 * Failure: back to `pending` with exponential back-off (30 s doubling, capped at 1 h); after MAX_ATTEMPTS the row
 * is `failed` and waits for an operator's retry (retryNationalSync). Every attempt is a row of
 * `national_sync_attempts` (the sync audit: when, HTTP status, error, duration).
 */
import { sql } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import { exponentialBackoff, runOutboxPass, startOutboxWorker, type OutboxWorker } from '../../db/outbox-loop.ts';
import { nationalSyncAttempts, nationalSyncOutbox } from '../../db/schema.ts';
import { canonicalJson } from '../audit/write-audit.ts';
import type { NationalSyncConfig } from './config.ts';

export const MAX_ATTEMPTS = 20;
export const LEASE_MS = 5 * 60_000;

export const backoffMs = exponentialBackoff(30_000, 3600_000);

export interface SyncLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface SyncResult {
  claimed: number;
  sent: number;
  retried: number;
  failed: number;
}

interface ClaimedRow {
  id: string;
  payload: unknown;
  payload_sha256: string;
  attempts: number;
}

type Ctx = Pick<AppContext, 'db' | 'now'>;

class HttpFailure extends Error {
  constructor(readonly status: number) {
    super(`HTTP ${status}`);
  }
}

/** Error text for operators: never the payload; URLs' credentials masked. */
function describe(err: unknown): string {
  const e = err as { name?: string; code?: string; message?: string; cause?: { code?: string; message?: string } };
  const parts = [e.cause?.code ?? e.code, e.name === 'TimeoutError' ? 'timeout' : undefined, (e.cause?.message ?? e.message ?? String(err)).replace(/\/\/[^@/\s]+@/g, '//•••@').slice(0, 200)];
  return [...new Set(parts.filter(Boolean))].join(' ');
}

async function deliver(config: NationalSyncConfig, row: ClaimedRow): Promise<number> {
  const body = canonicalJson(row.payload);
  const res = await fetch(config.url!, {
    method: 'POST',
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'idempotency-key': row.id,
      'x-danvan-payload-sha256': row.payload_sha256,
      ...(config.token ? { authorization: `Bearer ${config.token}` } : {}),
    },
    body,
    signal: AbortSignal.timeout(config.timeoutMs),
  });
  await res.arrayBuffer().catch(() => undefined);
  if (res.status < 200 || res.status > 299) throw new HttpFailure(res.status);
  return res.status;
}

export async function runNationalSyncOnce(ctx: Ctx, config: NationalSyncConfig, log: SyncLog, opts: { batch?: number } = {}): Promise<SyncResult> {
  if (!config.url) return { claimed: 0, sent: 0, retried: 0, failed: 0 };
  const httpStatus = (err: unknown) => (err instanceof HttpFailure ? err.status : null);
  const { claimed, sent, retried, failed } = await runOutboxPass<ClaimedRow, number>({
    db: ctx.db,
    now: () => ctx.now(),
    columns: { table: nationalSyncOutbox, id: nationalSyncOutbox.id, claimToken: nationalSyncOutbox.claimToken },
    claim: {
      tableName: 'national_sync_outbox',
      // A case's events go in order: due only when every earlier event of the same case is sent.
      dueAlso: sql`not exists (select 1 from national_sync_outbox p where p.case_id = o.case_id and p.seq < o.seq and p.status <> 'sent')`,
      orderBy: sql`o.seq`,
      returning: sql`id, payload, payload_sha256, attempts`,
      leaseMs: LEASE_MS,
    },
    batch: opts.batch ?? 50,
    maxAttempts: MAX_ATTEMPTS,
    backoffMs,
    send: (row) => deliver(config, row),
    sentPatch: (_row, status) => ({ lastError: null, lastHttpStatus: status }),
    failedPatch: (_row, err) => ({ lastError: describe(err), lastHttpStatus: httpStatus(err) }),
    // Every attempt is a row of the sync audit, in the transaction of the mark.
    record: async (tx, row, o) => {
      await tx
        .insert(nationalSyncAttempts)
        .values(
          o.ok
            ? { outboxId: row.id, at: ctx.now(), ok: true, httpStatus: o.sent, durationMs: o.durationMs }
            : { outboxId: row.id, at: ctx.now(), ok: false, httpStatus: httpStatus(o.err), error: describe(o.err), durationMs: o.durationMs },
        );
    },
    onFailure: (row, err, final) => log.warn({ nationalSync: { id: row.id, attempts: row.attempts, final, error: describe(err) } }, 'national sync event not delivered'),
  });
  return { claimed, sent, retried, failed };
}

export type NationalSyncWorker = OutboxWorker;

/** The loop `danvan serve` starts: a pass every `intervalMs` and when woken; passes never overlap; errors logged. */
export function startNationalSyncWorker(ctx: Ctx, config: NationalSyncConfig, log: SyncLog): NationalSyncWorker {
  return startOutboxWorker({
    pass: async () => {
      const r = await runNationalSyncOnce(ctx, config, log);
      if (r.claimed) log.info({ nationalSync: r }, 'national sync pass');
      return r;
    },
    // Another pass at once when this one delivered something: the next event of each case has become due.
    again: (r) => r.sent > 0,
    onError: (err) => log.error({ err: { message: describe(err) } }, 'national sync pass failed'),
    intervalMs: Math.max(1000, config.intervalMs),
  });
}
