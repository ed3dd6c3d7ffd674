/**
 * Group commit of portal opinions (issue 21, ADR 0023). Requests that passed validation and identity are queued; one
 * drainer takes everything queued (up to `maxBatch` opinions) and writes it in ONE transaction — idempotency claims,
 * opinions, ledger, participants, striped counters and totals — then answers every request of the batch after the
 * COMMIT returned. A 2xx therefore means the opinion is durable (the commit's WAL flush covers the whole batch), and
 * the disk sees one flush per batch instead of one per opinion. While a batch commits the next one gathers, so the
 * batch grows with the load without a fixed delay.
 *
 * Back-pressure: when more than `maxQueue` opinions wait, a request is refused at once with 503 and Retry-After
 * (never a timeout). If a batch fails (a bad row, a lost race), each of its requests is retried alone, so one bad
 * request cannot sink the others.
 */
import type { AppContext } from '../../context.ts';
import { consultationCodes, consultationSubmissions } from '../../db/schema.ts';
import type { Tx } from '../../db/client.ts';
import { AppError } from '../../plugins/errors.ts';
import { and, eq, inArray, isNull } from 'drizzle-orm';
import { applyOpinions, foldStripes, type Applied, type OpinionIn } from './record-opinions.ts';

export interface QueuedSubmission<R> {
  consultationId: string;
  opinions: OpinionIn[];
  /** Idempotency: the key's hash and the request's hash (null without a key). */
  keyHash: string | null;
  requestHash: string;
  /** A one-time code to mark as verified in the batch's transaction. */
  markCodeId?: string | null;
  /** Builds the answer from what was applied (stored with the idempotency key). */
  answer: (applied: Applied[]) => R;
}

interface Entry<R> extends QueuedSubmission<R> {
  resolve: (r: R) => void;
  reject: (e: unknown) => void;
}

export interface BatcherOptions {
  /** Opinions waiting at most before 503 (DANVAN_OPINION_QUEUE, default 20,000). */
  maxQueue: number;
  /** Opinions at most in one transaction (default 4,000). */
  maxBatch: number;
  /** Seconds a refused client is told to wait (Retry-After). */
  retryAfterSeconds: number;
  /** Seconds between two folds of a consultation's counter stripes (DANVAN_OPINION_FOLD_SECONDS, default 30). */
  foldSeconds: number;
}

export interface BatcherStats {
  batches: number;
  opinions: number;
  refused: number;
  largestBatch: number;
}

export class OpinionBatcher<R> {
  private queue: Entry<R>[] = [];
  private queued = 0;
  private draining = false;
  readonly stats: BatcherStats = { batches: 0, opinions: 0, refused: 0, largestBatch: 0 };

  constructor(
    private readonly ctx: AppContext,
    readonly options: BatcherOptions,
  ) {}

  get waiting(): number {
    return this.queued;
  }

  submit(s: QueuedSubmission<R>): Promise<R> {
    if (this.queued > 0 && this.queued + s.opinions.length > this.options.maxQueue) {
      this.stats.refused++;
      throw busy(this.options.retryAfterSeconds);
    }
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ ...s, resolve, reject });
      this.queued += s.opinions.length;
      if (!this.draining) {
        this.draining = true;
        // Let the requests already parsed in this turn of the event loop join the first batch.
        setImmediate(() => void this.drain());
      }
    });
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length) {
        const batch: Entry<R>[] = [];
        let n = 0;
        while (this.queue.length && (batch.length === 0 || n + this.queue[0]!.opinions.length <= this.options.maxBatch)) {
          const e = this.queue.shift()!;
          batch.push(e);
          n += e.opinions.length;
        }
        try {
          const answers = await this.ctx.db.transaction((tx) => this.write(tx, batch));
          // After COMMIT: only now is anyone told their opinion is received.
          this.stats.batches++;
          this.stats.opinions += n;
          this.stats.largestBatch = Math.max(this.stats.largestBatch, n);
          batch.forEach((e, i) => {
            const a = answers[i]!;
            if (a instanceof Error) e.reject(a);
            else e.resolve(a.value);
          });
          await this.foldNowAndThen(batch);
        } catch (err) {
          if (batch.length === 1) batch[0]!.reject(err);
          else {
            // One request spoilt the batch: each one alone, in its own transaction.
            for (const e of batch) {
              try {
                const [a] = await this.ctx.db.transaction((tx) => this.write(tx, [e]));
                if (a instanceof Error) e.reject(a);
                else e.resolve(a!.value);
              } catch (e1) {
                e.reject(e1);
              }
            }
          }
        } finally {
          this.queued -= n;
        }
      }
    } finally {
      this.draining = false;
      if (this.queue.length) {
        this.draining = true;
        setImmediate(() => void this.drain());
      }
    }
  }

  private lastFold = new Map<string, number>();
  /** Every `foldSeconds` per consultation, after a batch was answered: the stripes folded (record-opinions.ts). */
  private async foldNowAndThen(batch: Entry<R>[]): Promise<void> {
    const now = Date.now();
    for (const cid of new Set(batch.map((e) => e.consultationId))) {
      const last = this.lastFold.get(cid);
      if (last === undefined) {
        this.lastFold.set(cid, now);
        continue;
      }
      if (now - last < this.options.foldSeconds * 1000) continue;
      this.lastFold.set(cid, now);
      await foldStripes(this.ctx.db, cid).catch(() => undefined);
    }
  }

  private async write(tx: Tx, batch: Entry<R>[]): Promise<({ value: R } | Error)[]> {
    const now = this.ctx.now();
    const out: ({ value: R } | Error | null)[] = batch.map(() => null);
    // Idempotency claims of the whole batch in one statement; an unclaimed key is a concurrent resend.
    const keyed = batch.filter((e) => e.keyHash);
    if (keyed.length) {
      const claimed = await tx
        .insert(consultationSubmissions)
        .values(keyed.map((e) => ({ keyHash: e.keyHash!, requestHash: e.requestHash, createdAt: now })))
        .onConflictDoNothing()
        .returning({ keyHash: consultationSubmissions.keyHash });
      const ok = new Set(claimed.map((c) => c.keyHash));
      const seen = new Set<string>();
      batch.forEach((e, i) => {
        if (!e.keyHash) return;
        if (!ok.has(e.keyHash) || seen.has(e.keyHash)) out[i] = new AppError(409, 'error.conflict');
        seen.add(e.keyHash);
      });
    }
    // One writer call per consultation for all its requests; the results come back in the order given.
    const byConsultation = new Map<string, number[]>();
    batch.forEach((e, i) => {
      if (out[i]) return;
      const list = byConsultation.get(e.consultationId) ?? [];
      list.push(i);
      byConsultation.set(e.consultationId, list);
    });
    const responses: { keyHash: string; response: R }[] = [];
    for (const [consultationId, idx] of byConsultation) {
      const applied = await applyOpinions(
        tx,
        consultationId,
        now,
        idx.flatMap((i) => batch[i]!.opinions),
      );
      let at = 0;
      for (const i of idx) {
        const e = batch[i]!;
        const mine = applied.slice(at, at + e.opinions.length);
        at += e.opinions.length;
        const value = e.answer(mine);
        out[i] = { value };
        if (e.keyHash) responses.push({ keyHash: e.keyHash, response: value });
      }
    }
    const marks = batch.filter((e, i) => e.markCodeId && !(out[i] instanceof Error)).map((e) => e.markCodeId!);
    if (marks.length) await tx.update(consultationCodes).set({ verifiedAt: now }).where(and(inArray(consultationCodes.id, marks), isNull(consultationCodes.verifiedAt)));
    for (const r of responses) await tx.update(consultationSubmissions).set({ response: r.response }).where(eq(consultationSubmissions.keyHash, r.keyHash));
    return out.map((o) => o ?? new Error('not written'));
  }
}

export function busy(retryAfterSeconds: number): AppError {
  return new AppError(503, 'error.opinionQueueFull', { seconds: retryAfterSeconds }, [], { retryAfter: retryAfterSeconds });
}

const batchers = new WeakMap<AppContext, OpinionBatcher<unknown>>();

/** The process's batcher for this context (one per running app). */
export function opinionBatcher<R>(ctx: AppContext): OpinionBatcher<R> {
  let b = batchers.get(ctx);
  if (!b) {
    b = new OpinionBatcher<unknown>(ctx, {
      maxQueue: Number(process.env['DANVAN_OPINION_QUEUE'] ?? 20_000) || 20_000,
      maxBatch: Number(process.env['DANVAN_OPINION_BATCH'] ?? 4_000) || 4_000,
      retryAfterSeconds: 2,
      foldSeconds: Number(process.env['DANVAN_OPINION_FOLD_SECONDS'] ?? 30) || 30,
    });
    batchers.set(ctx, b);
  }
  return b as OpinionBatcher<R>;
}
