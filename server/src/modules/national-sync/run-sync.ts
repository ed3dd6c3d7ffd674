/**
 * The national sync worker's pass: claim due events, POST each to the national endpoint, record every attempt.
 *
 * Claiming is the notification outbox's (ADR 0008): one short transaction marks due rows `sending` with a claim
 * token and a lease, `for update skip locked`; the HTTP call runs outside any transaction; the row becomes `sent`
 * only if the token still matches. A case's events go in order: a row is due only when every earlier event of
 * the same case is sent. Each request carries `Idempotency-Key: <messageId>` so a repeat after a crash between the
 * receiver's answer and the mark is recognisable by the receiver (the payload's messageId is the same key).
 *
 * Failure: back to `pending` with exponential back-off (30 s doubling, capped at 1 h); after MAX_ATTEMPTS the row
 * is `failed` and waits for an operator's retry (retryNationalSync). Every attempt is a row of
 * `national_sync_attempts` (the sync audit: when, HTTP status, error, duration).
 */
import { randomBytes } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import { queryRows } from '../../db/client.ts';
import { nationalSyncAttempts, nationalSyncOutbox } from '../../db/schema.ts';
import { canonicalJson } from '../audit/write-audit.ts';
import type { NationalSyncConfig } from './config.ts';

export const MAX_ATTEMPTS = 20;
export const LEASE_MS = 5 * 60_000;
const BASE_DELAY_MS = 30_000;
const MAX_DELAY_MS = 3600_000;

export function backoffMs(attempts: number): number {
  return Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** Math.max(0, attempts - 1));
}

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

async function claim(ctx: Ctx, token: string, batch: number): Promise<ClaimedRow[]> {
  const now = ctx.now().toISOString();
  const until = new Date(ctx.now().getTime() + LEASE_MS).toISOString();
  return ctx.db.transaction(async (tx) =>
    queryRows<ClaimedRow>(tx, sql`
      update national_sync_outbox
         set status = 'sending', claim_token = ${token}, claimed_until = ${until}, attempts = attempts + 1
       where id in (
         select o.id from national_sync_outbox o
          where ((o.status = 'pending' and o.next_attempt_at <= ${now}) or (o.status = 'sending' and o.claimed_until < ${now}))
            and not exists (select 1 from national_sync_outbox p where p.case_id = o.case_id and p.seq < o.seq and p.status <> 'sent')
          order by o.seq
          limit ${batch}
          for update skip locked)
      returning id, payload, payload_sha256, attempts`),
  );
}

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
  const result: SyncResult = { claimed: 0, sent: 0, retried: 0, failed: 0 };
  if (!config.url) return result;
  const token = randomBytes(12).toString('base64url');
  const rows = await claim(ctx, token, opts.batch ?? 50);
  result.claimed = rows.length;
  const mine = (id: string) => and(eq(nationalSyncOutbox.id, id), eq(nationalSyncOutbox.claimToken, token));
  for (const row of rows) {
    const started = Date.now();
    try {
      const status = await deliver(config, row);
      await ctx.db.transaction(async (tx) => {
        await tx.update(nationalSyncOutbox).set({ status: 'sent', sentAt: ctx.now(), claimToken: null, claimedUntil: null, lastError: null, lastHttpStatus: status }).where(mine(row.id));
        await tx.insert(nationalSyncAttempts).values({ outboxId: row.id, at: ctx.now(), ok: true, httpStatus: status, durationMs: Date.now() - started });
      });
      result.sent++;
    } catch (err) {
      const final = row.attempts >= MAX_ATTEMPTS;
      const httpStatus = err instanceof HttpFailure ? err.status : null;
      const error = describe(err);
      await ctx.db.transaction(async (tx) => {
        await tx
          .update(nationalSyncOutbox)
          .set({ status: final ? 'failed' : 'pending', nextAttemptAt: new Date(ctx.now().getTime() + backoffMs(row.attempts)), claimToken: null, claimedUntil: null, lastError: error, lastHttpStatus: httpStatus })
          .where(mine(row.id));
        await tx.insert(nationalSyncAttempts).values({ outboxId: row.id, at: ctx.now(), ok: false, httpStatus, error, durationMs: Date.now() - started });
      });
      if (final) result.failed++;
      else result.retried++;
      log.warn({ nationalSync: { id: row.id, attempts: row.attempts, final, error } }, 'national sync event not delivered');
    }
  }
  return result;
}

export interface NationalSyncWorker {
  wake(): void;
  stop(): Promise<void>;
}

/** The loop `danvan serve` starts: a pass every `intervalMs` and when woken; passes never overlap; errors logged. */
export function startNationalSyncWorker(ctx: Ctx, config: NationalSyncConfig, log: SyncLog): NationalSyncWorker {
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;
  const pass = async () => {
    do {
      again = false;
      try {
        const r = await runNationalSyncOnce(ctx, config, log);
        if (r.claimed) log.info({ nationalSync: r }, 'national sync pass');
        // Another pass at once when this one delivered something: the next event of each case has become due.
        if (r.sent > 0) again = true;
      } catch (err) {
        log.error({ err: { message: describe(err) } }, 'national sync pass failed');
      }
    } while (again && !stopped);
  };
  const tick = () => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = pass().finally(() => {
      running = null;
    });
  };
  const timer = setInterval(tick, Math.max(1000, config.intervalMs));
  timer.unref();
  const first = setTimeout(tick, 1000);
  first.unref();
  return {
    wake: tick,
    async stop() {
      stopped = true;
      clearInterval(timer);
      clearTimeout(first);
      if (running) await running;
    },
  };
}
