/**
 * The outbox worker's one pass: claim due rows, send each, mark it.
 *
 * The loop is the outboxes' one (db/outbox-loop.ts); this file keeps the table, the transport and the limits.
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
import { eq, sql } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import { queryRows } from '../../db/client.ts';
import { exponentialBackoff, runOutboxPass, startOutboxWorker, type OutboxWorker, type PassCounts } from '../../db/outbox-loop.ts';
import { notificationOutbox, receptionBookings } from '../../db/schema.ts';
import type { Payload } from './enqueue-notification.ts';
import { resolveLinks } from './links.ts';
import type { Mailer, NotifyLog, SmsSender } from './transports.ts';

export const MAX_ATTEMPTS = 12;
export const LEASE_MS = 5 * 60_000;

export const backoffMs = exponentialBackoff(30_000, 3600_000);

export interface OutboxDeps {
  mailer: Mailer;
  sms: SmsSender;
  log: NotifyLog;
  publicUrl: string | null;
  /** Domain of Message-IDs (from the sender address). */
  messageDomain?: string;
}

export type OutboxResult = PassCounts;

interface ClaimedRow {
  id: string;
  channel: string;
  kind: string;
  payload: { keyId: string; iv: string; ciphertext: string; authTag: string } | null;
  booking_id: string | null;
  attempts: number;
}

type Ctx = Pick<AppContext, 'db' | 'sealer' | 'now'>;

/** Error text for operators: no addresses, no message text, no parameters. */
function describe(err: unknown): string {
  const e = err as { code?: string; responseCode?: number; message?: string };
  const parts = [e.code, e.responseCode ? `SMTP ${e.responseCode}` : undefined, (e.message ?? String(err)).replace(/\S+@\S+/g, '•••').replace(/\+?\d{9,}/g, '•••').slice(0, 200)];
  return parts.filter(Boolean).join(' ');
}

export async function runOutboxOnce(ctx: Ctx, deps: OutboxDeps, opts: { batch?: number } = {}): Promise<OutboxResult> {
  return runOutboxPass<ClaimedRow, void>({
    db: ctx.db,
    now: () => ctx.now(),
    columns: { table: notificationOutbox, id: notificationOutbox.id, claimToken: notificationOutbox.claimToken },
    claim: { tableName: 'notification_outbox', orderBy: sql`o.next_attempt_at, o.id`, returning: sql`id, channel, kind, payload, booking_id, attempts`, leaseMs: LEASE_MS },
    batch: opts.batch ?? 50,
    maxAttempts: MAX_ATTEMPTS,
    backoffMs,
    // A reminder for a booking the citizen has cancelled (or that was already handled) is not sent.
    async skip(row) {
      if (row.kind !== 'booking-reminder' || !row.booking_id) return null;
      const [b] = await ctx.db.select({ status: receptionBookings.status }).from(receptionBookings).where(eq(receptionBookings.id, row.booking_id));
      return b?.status !== 'booked' ? { payload: null } : null;
    },
    async send(row) {
      if (!row.payload) throw new Error('empty payload');
      const p = JSON.parse(ctx.sealer.open(row.payload)) as Payload;
      const text = resolveLinks(p.text, deps.publicUrl);
      if (row.channel === 'email') {
        await deps.mailer.send({ to: p.to, subject: p.subject, text, messageId: `<${row.id}@${deps.messageDomain ?? 'danvan.local'}>` });
      } else {
        await deps.sms.send(p.to, text);
      }
    },
    // Sent: wipe the address and text (data minimisation); keep the row as the delivery record.
    sentPatch: () => ({ payload: null, lastError: null }),
    failedPatch: (_row, err) => ({ lastError: describe(err) }),
    onFailure: (row, err, final) =>
      deps.log.warn({ outbox: { id: row.id, channel: row.channel, kind: row.kind, attempts: row.attempts, final, error: describe(err) } }, 'notification not sent'),
  });
}

/** Counts per status (admin view, tests). */
export async function outboxCounts(ctx: Pick<AppContext, 'db'>): Promise<Record<string, number>> {
  const rows = await queryRows<{ status: string; n: number }>(ctx.db, sql`select status, count(*)::int as n from notification_outbox group by status`);
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}

export type NotificationWorker = OutboxWorker;

/**
 * The in-process loop `danvan serve` starts: a pass every `intervalMs` and whenever woken; passes never overlap
 * and errors are logged, never thrown.
 */
export function startNotificationWorker(ctx: Ctx, deps: OutboxDeps, intervalMs: number): NotificationWorker {
  return startOutboxWorker({
    pass: async () => {
      const r = await runOutboxOnce(ctx, deps);
      if (r.claimed) deps.log.info({ notifications: r }, 'notification outbox pass');
      return r;
    },
    again: (r) => r.claimed >= 50,
    onError: (err) => deps.log.error({ err: { message: describe(err) } }, 'notification outbox pass failed'),
    intervalMs,
    onStop: () => deps.mailer.close?.(),
  });
}
