/**
 * The outbox worker's one pass: claim due rows, send each, mark it.
 *
 * Claiming: one short transaction selects due rows `for update skip locked` and marks them `sending` with a
 * random claim token and a lease (`claimed_until`); a concurrent worker skips locked rows and never sees a
 * claimed one until its lease has run out. After the transport accepted the message, the row is marked `sent`
 * only if the claim token still matches. The transport call is NOT made inside a database transaction: on
 * PGlite (one connection) an open transaction would stall every request for as long as a mail server takes to
 * answer. The guarantee is the same as holding the row lock across the send — a message is sent once; only a
 * crash between the transport's acknowledgement and the mark can repeat it, which holding a lock cannot
 * prevent either. Each message carries a stable Message-ID so that such a repeat is recognisable.
 * See docs/adr/0008-notification-outbox.md.
 *
 * Failure: the row goes back to `pending` with exponential back-off (30 s, 1 min, 2 min … capped at 1 h);
 * after MAX_ATTEMPTS it is `failed` and stays for an operator. The SMTP lease (5 min) is far longer than the
 * transports' own timeouts.
 */
import { randomBytes } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import { queryRows } from '../../db/client.ts';
import { notificationOutbox, receptionBookings } from '../../db/schema.ts';
import type { Payload } from './enqueue-notification.ts';
import { resolveLinks } from './links.ts';
import type { Mailer, NotifyLog, SmsSender } from './transports.ts';

export const MAX_ATTEMPTS = 12;
export const LEASE_MS = 5 * 60_000;
const BASE_DELAY_MS = 30_000;
const MAX_DELAY_MS = 3600_000;

export function backoffMs(attempts: number): number {
  return Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** Math.max(0, attempts - 1));
}

export interface OutboxDeps {
  mailer: Mailer;
  sms: SmsSender;
  log: NotifyLog;
  publicUrl: string | null;
  /** Domain of Message-IDs (from the sender address). */
  messageDomain?: string;
}

export interface OutboxResult {
  claimed: number;
  sent: number;
  retried: number;
  failed: number;
  skipped: number;
}

interface ClaimedRow {
  id: string;
  channel: string;
  kind: string;
  payload: { keyId: string; iv: string; ciphertext: string; authTag: string } | null;
  booking_id: string | null;
  attempts: number;
}

type Ctx = Pick<AppContext, 'db' | 'sealer' | 'now'>;

/** Claims up to `batch` due rows for this worker. */
async function claim(ctx: Ctx, token: string, batch: number): Promise<ClaimedRow[]> {
  const now = ctx.now();
  const until = new Date(now.getTime() + LEASE_MS);
  return ctx.db.transaction(async (tx) =>
    queryRows<ClaimedRow>(tx, sql`
      update notification_outbox
         set status = 'sending', claim_token = ${token}, claimed_until = ${until.toISOString()}, attempts = attempts + 1
       where id in (
         select id from notification_outbox
          where (status = 'pending' and next_attempt_at <= ${now.toISOString()})
             or (status = 'sending' and claimed_until < ${now.toISOString()})
          order by next_attempt_at, id
          limit ${batch}
          for update skip locked)
      returning id, channel, kind, payload, booking_id, attempts`),
  );
}

/** Error text for operators: no addresses, no message text, no parameters. */
function describe(err: unknown): string {
  const e = err as { code?: string; responseCode?: number; message?: string };
  const parts = [e.code, e.responseCode ? `SMTP ${e.responseCode}` : undefined, (e.message ?? String(err)).replace(/\S+@\S+/g, '•••').replace(/\+?\d{9,}/g, '•••').slice(0, 200)];
  return parts.filter(Boolean).join(' ');
}

export async function runOutboxOnce(ctx: Ctx, deps: OutboxDeps, opts: { batch?: number } = {}): Promise<OutboxResult> {
  const result: OutboxResult = { claimed: 0, sent: 0, retried: 0, failed: 0, skipped: 0 };
  const token = randomBytes(12).toString('base64url');
  const rows = await claim(ctx, token, opts.batch ?? 50);
  result.claimed = rows.length;
  const mine = (id: string) => and(eq(notificationOutbox.id, id), eq(notificationOutbox.claimToken, token));
  for (const row of rows) {
    const now = ctx.now();
    // A reminder for a booking the citizen has cancelled (or that was already handled) is not sent.
    if (row.kind === 'booking-reminder' && row.booking_id) {
      const [b] = await ctx.db.select({ status: receptionBookings.status }).from(receptionBookings).where(eq(receptionBookings.id, row.booking_id));
      if (b?.status !== 'booked') {
        await ctx.db.update(notificationOutbox).set({ status: 'skipped', payload: null, claimToken: null, claimedUntil: null, sentAt: now }).where(mine(row.id));
        result.skipped++;
        continue;
      }
    }
    try {
      if (!row.payload) throw new Error('empty payload');
      const p = JSON.parse(ctx.sealer.open(row.payload)) as Payload;
      const text = resolveLinks(p.text, deps.publicUrl);
      if (row.channel === 'email') {
        await deps.mailer.send({ to: p.to, subject: p.subject, text, messageId: `<${row.id}@${deps.messageDomain ?? 'danvan.local'}>` });
      } else {
        await deps.sms.send(p.to, text);
      }
      // Sent: wipe the address and text (data minimisation); keep the row as the delivery record.
      await ctx.db
        .update(notificationOutbox)
        .set({ status: 'sent', payload: null, sentAt: ctx.now(), claimToken: null, claimedUntil: null, lastError: null })
        .where(mine(row.id));
      result.sent++;
    } catch (err) {
      const final = row.attempts >= MAX_ATTEMPTS;
      await ctx.db
        .update(notificationOutbox)
        .set({
          status: final ? 'failed' : 'pending',
          nextAttemptAt: new Date(now.getTime() + backoffMs(row.attempts)),
          claimToken: null,
          claimedUntil: null,
          lastError: describe(err),
        })
        .where(mine(row.id));
      if (final) result.failed++;
      else result.retried++;
      deps.log.warn({ outbox: { id: row.id, channel: row.channel, kind: row.kind, attempts: row.attempts, final, error: describe(err) } }, 'notification not sent');
    }
  }
  return result;
}

/** Counts per status (admin view, tests). */
export async function outboxCounts(ctx: Pick<AppContext, 'db'>): Promise<Record<string, number>> {
  const rows = await queryRows<{ status: string; n: number }>(ctx.db, sql`select status, count(*)::int as n from notification_outbox group by status`);
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}

export interface NotificationWorker {
  /** Run a pass soon (after an enqueue). */
  wake(): void;
  stop(): Promise<void>;
}

/**
 * The in-process loop `danvan serve` starts: a pass every `intervalMs` and whenever woken; passes never overlap
 * and errors are logged, never thrown.
 */
export function startNotificationWorker(ctx: Ctx, deps: OutboxDeps, intervalMs: number): NotificationWorker {
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;
  const pass = async () => {
    do {
      again = false;
      try {
        const r = await runOutboxOnce(ctx, deps);
        if (r.claimed) deps.log.info({ notifications: r }, 'notification outbox pass');
        if (r.claimed >= 50) again = true;
      } catch (err) {
        deps.log.error({ err: { message: describe(err) } }, 'notification outbox pass failed');
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
  const timer = setInterval(tick, intervalMs);
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
      deps.mailer.close?.();
    },
  };
}
