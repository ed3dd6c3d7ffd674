/**
 * The one claim / deliver / mark loop of the outboxes (ADR 0008): the notification outbox and the national sync.
 *
 * - **claim**: one short transaction marks due rows `sending` with a random claim token and a lease
 *   (`claimed_until`), `for update skip locked`, and counts the attempt; a row whose lease ran out is due again;
 * - **deliver** each row OUTSIDE any transaction (on PGlite, one connection, an open transaction would stall every
 *   request for as long as the remote end takes to answer);
 * - **mark** it done only if the claim token still matches (a worker whose lease ran out cannot overwrite the row a
 *   later worker claimed); on failure back to `pending` after an exponential back-off with a cap, or `failed` after
 *   `maxAttempts` — it then waits for an operator.
 *
 * Each outbox keeps its table, due condition, order, transport, limits, extra columns and its own audit (the
 * callbacks); the token, the lease, the back-off and the counting are here. `startOutboxWorker` is the in-process
 * loop `danvan serve` starts: a pass every interval and whenever woken; passes never overlap; errors are logged.
 *
 * Not on this loop: the federation outbox (modules/federation/outbox.ts, ADR 0019). It claims nothing — one run at a
 * time per process, and a second process is harmless because the receiver is idempotent on the package id — marks on
 * the row's status rather than a token, returns a package on a 4xx instead of retrying, and checks a signed receipt
 * before `delivered`; its back-off (5 s doubling, capped at 1 h) lives in domain/federation/envelope.ts.
 */
import { randomBytes } from 'node:crypto';
import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import { queryRows, type Db, type Tx } from './client.ts';

/** min(cap, base · 2^(attempts−1)): 30 s, 1 min, 2 min … with the defaults of both outboxes. */
export function exponentialBackoff(baseMs: number, capMs: number): (attempts: number) => number {
  return (attempts) => Math.min(capMs, baseMs * 2 ** Math.max(0, attempts - 1));
}

/** The columns every outbox table has. */
export interface OutboxTable {
  table: PgTable;
  id: PgColumn;
  claimToken: PgColumn;
}

export interface ClaimSpec {
  /** The table's SQL name; the due rows are selected as `o`. */
  tableName: string;
  /** Further condition on `o` for a row to be due (e.g. every earlier event of the same case sent). */
  dueAlso?: SQL;
  orderBy: SQL;
  /** The returned columns (must include `id` and `attempts`). */
  returning: SQL;
  leaseMs: number;
}

export interface ClaimedBase {
  id: string;
  attempts: number;
}

/** Claims up to `batch` due rows with `token`: status `sending`, the lease, one more attempt. */
async function claimDue<Row extends ClaimedBase>(db: Db, spec: ClaimSpec, token: string, now: Date, batch: number): Promise<Row[]> {
  const at = now.toISOString();
  const until = new Date(now.getTime() + spec.leaseMs).toISOString();
  const table = sql.identifier(spec.tableName);
  return db.transaction(async (tx) =>
    queryRows<Row>(tx, sql`
      update ${table}
         set status = 'sending', claim_token = ${token}, claimed_until = ${until}, attempts = attempts + 1
       where id in (
         select o.id from ${table} o
          where ((o.status = 'pending' and o.next_attempt_at <= ${at}) or (o.status = 'sending' and o.claimed_until < ${at}))
            ${spec.dueAlso ? sql`and ${spec.dueAlso}` : sql``}
          order by ${spec.orderBy}
          limit ${batch}
          for update skip locked)
      returning ${spec.returning}`),
  );
}

/** What a pass did. */
export interface PassCounts {
  claimed: number;
  sent: number;
  retried: number;
  failed: number;
  skipped: number;
}

/** The columns the loop sets when it releases a row (the caller adds its own). */
type Patch = Record<string, unknown>;

export interface OutboxPass<Row extends ClaimedBase, Sent> {
  db: Db;
  now: () => Date;
  columns: OutboxTable;
  claim: ClaimSpec;
  batch: number;
  maxAttempts: number;
  backoffMs: (attempts: number) => number;
  /** A row that must not be sent any more (e.g. a reminder of a cancelled booking): marked with this patch. */
  skip?: (row: Row) => Promise<Patch | null>;
  /** The transport; throws on failure. */
  send: (row: Row) => Promise<Sent>;
  /** Columns set besides status `sent`, `sent_at` and the released claim. */
  sentPatch: (row: Row, sent: Sent) => Patch;
  /** Columns set besides status, next attempt and the released claim after a failure (e.g. `lastError`). */
  failedPatch: (row: Row, err: unknown) => Patch;
  /** Rows the caller writes in the same transaction as the mark (e.g. an attempts log). */
  record?: (tx: Tx, row: Row, outcome: { ok: true; sent: Sent; durationMs: number } | { ok: false; err: unknown; final: boolean; durationMs: number }) => Promise<void>;
  /** Told after a failed attempt (log it; never the payload). */
  onFailure?: (row: Row, err: unknown, final: boolean) => void;
}

/** One pass: claim, deliver each row outside a transaction, mark it under its claim token. */
export async function runOutboxPass<Row extends ClaimedBase, Sent>(p: OutboxPass<Row, Sent>): Promise<PassCounts> {
  const result: PassCounts = { claimed: 0, sent: 0, retried: 0, failed: 0, skipped: 0 };
  const token = randomBytes(12).toString('base64url');
  const rows = await claimDue<Row>(p.db, p.claim, token, p.now(), p.batch);
  result.claimed = rows.length;
  const { table, id, claimToken } = p.columns;
  const mark = (tx: Db | Tx, row: Row, patch: Patch) =>
    tx
      .update(table)
      .set({ ...patch, claimToken: null, claimedUntil: null } as never)
      .where(and(eq(id, row.id), eq(claimToken, token)));
  for (const row of rows) {
    const started = Date.now();
    const skipPatch = p.skip ? await p.skip(row) : null;
    if (skipPatch) {
      await mark(p.db, row, { status: 'skipped', sentAt: p.now(), ...skipPatch });
      result.skipped++;
      continue;
    }
    try {
      const sent = await p.send(row);
      await p.db.transaction(async (tx) => {
        await mark(tx, row, { status: 'sent', sentAt: p.now(), ...p.sentPatch(row, sent) });
        await p.record?.(tx, row, { ok: true, sent, durationMs: Date.now() - started });
      });
      result.sent++;
    } catch (err) {
      const final = row.attempts >= p.maxAttempts;
      await p.db.transaction(async (tx) => {
        await mark(tx, row, { status: final ? 'failed' : 'pending', nextAttemptAt: new Date(p.now().getTime() + p.backoffMs(row.attempts)), ...p.failedPatch(row, err) });
        await p.record?.(tx, row, { ok: false, err, final, durationMs: Date.now() - started });
      });
      if (final) result.failed++;
      else result.retried++;
      p.onFailure?.(row, err, final);
    }
  }
  return result;
}

export interface OutboxWorker {
  /** Run a pass soon (after an enqueue). */
  wake(): void;
  stop(): Promise<void>;
}

/**
 * The in-process loop: `pass` every `intervalMs` and whenever woken, the first one second after the start; passes
 * never overlap (a wake during a pass runs another one after it); `again` says whether to pass again at once.
 */
export function startOutboxWorker<R>(w: { pass: () => Promise<R>; again: (r: R) => boolean; onError: (err: unknown) => void; intervalMs: number; onStop?: () => void }): OutboxWorker {
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;
  const pass = async () => {
    do {
      again = false;
      try {
        if (w.again(await w.pass())) again = true;
      } catch (err) {
        w.onError(err);
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
  const timer = setInterval(tick, w.intervalMs);
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
      w.onStop?.();
    },
  };
}
