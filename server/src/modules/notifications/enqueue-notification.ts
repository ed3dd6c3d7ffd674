/**
 * Enqueueing messages into the outbox, inside the caller's transaction (so a message exists exactly when the
 * change that causes it was committed). Every enqueue carries a dedupe key: enqueueing twice is harmless.
 *
 * The hooks other use cases call (one call each):
 *   notifyCaseStep       transitionCase → the citizen who sent the petition through the portal (e-mail and SMS)
 *   notifyStaff          assignCase, the deadline sweep, a chase (đôn đốc) → the staff member's e-mail, when they have one
 *   scheduleBookingReminder  bookReception → an SMS the day before the reception session
 */
import { eq, sql } from 'drizzle-orm';
import { STATE_LABELS } from '@danvan/domain/workflow';
import type { AppContext } from '../../context.ts';
import { queryRows, type DbOrTx } from '../../db/client.ts';
import { notificationOutbox, users } from '../../db/schema.ts';
import { maskEmail, maskPhone, smsText } from './transports.ts';
import { PORTAL_LINK, STAFF_LINK } from './links.ts';

export type NotificationChannel = 'email' | 'sms';
export type NotificationKind = 'receipt' | 'case-notice' | 'booking-reminder' | 'staff-assignment' | 'staff-reminder' | 'staff-overdue' | 'staff-chase' | 'commitment-closed' | 'consultation-code' | 'dialogue-cancelled' | 'dialogue-conclusion';

export interface OutgoingMessage {
  channel: NotificationChannel;
  kind: NotificationKind;
  to: string;
  /** E-mail subject (ignored for SMS). */
  subject?: string;
  text: string;
  dedupeKey: string;
  caseId?: string | null;
  bookingId?: string | null;
  userId?: string | null;
  /** Do not send before this instant (booking reminders). */
  notBefore?: Date;
}

export interface Payload {
  to: string;
  subject: string;
  text: string;
}

type Ctx = Pick<AppContext, 'sealer' | 'now'>;

/** Inserts one message (sealed); false when a message with the same dedupe key already exists. */
export async function enqueueNotification(db: DbOrTx, ctx: Ctx, m: OutgoingMessage): Promise<boolean> {
  const payload: Payload = { to: m.to, subject: m.subject ?? '', text: m.channel === 'sms' ? smsText(m.text) : m.text };
  const now = ctx.now();
  const rows = await db
    .insert(notificationOutbox)
    .values({
      channel: m.channel,
      kind: m.kind,
      dedupeKey: m.dedupeKey,
      recipientHint: m.channel === 'sms' ? maskPhone(m.to) : maskEmail(m.to),
      payload: ctx.sealer.seal(JSON.stringify(payload)),
      caseId: m.caseId ?? null,
      bookingId: m.bookingId ?? null,
      userId: m.userId ?? null,
      nextAttemptAt: m.notBefore && m.notBefore > now ? m.notBefore : now,
      createdAt: now,
    })
    .onConflictDoNothing()
    .returning({ id: notificationOutbox.id });
  if (rows.length) wakeNotifier();
  return rows.length > 0;
}

// ── Waking the in-process worker right after a commit (the poll interval is the fallback) ──

let waker: (() => void) | null = null;
export function setNotifierWaker(fn: (() => void) | null): void {
  waker = fn;
}
export function wakeNotifier(): void {
  // After the enqueueing transaction has had time to commit; a miss is caught by the next poll.
  if (waker) setTimeout(() => waker?.(), 50).unref();
}

// ── Citizen: a step on a case that came through the portal ──

export interface PortalContact {
  name?: string | null;
  email?: string | null;
  phone?: string | null;
}

interface SubmissionLink {
  id: string;
  tracking_code: string;
  contact: { keyId: string; iv: string; ciphertext: string; authTag: string } | null;
}

/**
 * The portal submission behind a case: the case itself, or the case it was forwarded from or appealed from
 * (the citizen follows their matter to the receiving agency and to the second instance).
 */
export async function submissionForCase(db: DbOrTx, caseId: string): Promise<SubmissionLink | null> {
  const rows = await queryRows<SubmissionLink>(db, sql`
    with recursive chain(id, from_id, depth) as (
      select id, coalesce(forwarded_from_id, previous_instance_id), 0 from cases where id = ${caseId}
      union all
      select c.id, coalesce(c.forwarded_from_id, c.previous_instance_id), chain.depth + 1
      from cases c join chain on c.id = chain.from_id where chain.depth < 10
    )
    select s.id, s.tracking_code, s.contact from portal_submissions s join chain on s.case_id = chain.id
    order by chain.depth limit 1`);
  return rows[0] ?? null;
}

export function openContact(ctx: Ctx, sealed: SubmissionLink['contact']): PortalContact | null {
  if (!sealed) return null;
  return JSON.parse(ctx.sealer.open(sealed)) as PortalContact;
}

export interface CaseStep {
  case: { id: string; code: string; state: string };
  action: string;
  /** The citizen notice of the step (domain/notices.ts); nothing is sent without one. */
  notice: string | null;
}

/** Hook for transitionCase: tell the portal citizen about a step that produced a notice. */
export async function notifyCaseStep(db: DbOrTx, ctx: Ctx, step: CaseStep): Promise<number> {
  if (!step.notice) return 0;
  const submission = await submissionForCase(db, step.case.id);
  const contact = submission ? openContact(ctx, submission.contact) : null;
  if (!submission || !contact) return 0;
  const state = STATE_LABELS[step.case.state] ?? step.case.state;
  const stamp = ctx.now().toISOString();
  const text = [
    'Kính gửi công dân,',
    '',
    step.notice,
    '',
    `Mã tra cứu: ${submission.tracking_code}`,
    `Xem tình trạng hồ sơ: ${PORTAL_LINK}/tra-cuu`,
    '',
    'Đây là thư tự động từ DânVận, vui lòng không trả lời thư này.',
  ].join('\n');
  let n = 0;
  if (contact.email) {
    n += Number(
      await enqueueNotification(db, ctx, {
        channel: 'email',
        kind: 'case-notice',
        to: contact.email,
        subject: `Hồ sơ ${submission.tracking_code}: ${state}`,
        text,
        dedupeKey: `case-notice:${step.case.id}:${step.action}:${stamp}:email`,
        caseId: step.case.id,
      }),
    );
  }
  if (contact.phone) {
    n += Number(
      await enqueueNotification(db, ctx, {
        channel: 'sms',
        kind: 'case-notice',
        to: contact.phone,
        text: `DanVan: ho so ${submission.tracking_code}: ${step.notice}`,
        dedupeKey: `case-notice:${step.case.id}:${step.action}:${stamp}:sms`,
        caseId: step.case.id,
      }),
    );
  }
  return n;
}

// ── Staff: assignment, reminder, escalation, chase from the upper level (the in-app notice is written by the caller) ──

export interface StaffNotice {
  userId: string;
  caseId: string | null;
  kind: 'assignment' | 'reminder' | 'overdue' | 'chase';
  message: string;
  /** The in-app notice's dedupe key: one e-mail per in-app notice, however often the sweep runs. */
  dedupeKey: string;
}

const STAFF_SUBJECT: Record<StaffNotice['kind'], string> = {
  assignment: 'Được giao vụ việc',
  reminder: 'Sắp đến hạn',
  overdue: 'Quá hạn',
  chase: 'Cấp trên đôn đốc giải quyết',
};
const STAFF_KIND: Record<StaffNotice['kind'], NotificationKind> = {
  assignment: 'staff-assignment',
  reminder: 'staff-reminder',
  overdue: 'staff-overdue',
  chase: 'staff-chase',
};

/** Hook for assignCase, the deadline sweep and a chase: an e-mail copy of the in-app notice, when the user has an e-mail. */
export async function notifyStaff(db: DbOrTx, ctx: Ctx, notice: StaffNotice): Promise<boolean> {
  const [u] = await db.select({ email: users.email, active: users.active }).from(users).where(eq(users.id, notice.userId));
  if (!u?.email || !u.active) return false;
  return enqueueNotification(db, ctx, {
    channel: 'email',
    kind: STAFF_KIND[notice.kind],
    to: u.email,
    subject: `[DânVận] ${STAFF_SUBJECT[notice.kind]}: ${notice.message.slice(0, 120)}`,
    text: [notice.message, '', `Mở DânVận: ${STAFF_LINK}${notice.caseId ? `#/cases/${notice.caseId}` : ''}`, '', 'Thư tự động từ DânVận.'].join('\n'),
    dedupeKey: `staff:${notice.userId}:${notice.dedupeKey}`,
    caseId: notice.caseId,
    userId: notice.userId,
  });
}

// ── Citizen: reminder of a reception booking ──

export interface BookingReminder {
  booking: { id: string; code: string; queueNumber: number; phone: string };
  session: { heldOn: string; startTime: string | null; location: string | null };
  agencyName: string;
}

/** Hook for bookReception: an SMS at 08:00 (Asia/Ho_Chi_Minh) the day before the session, or at once if later. */
export async function scheduleBookingReminder(db: DbOrTx, ctx: Ctx, r: BookingReminder): Promise<boolean> {
  const [y, m, d] = r.session.heldOn.split('-').map(Number);
  // 08:00 in Vietnam (UTC+7) on the day before = 01:00 UTC that day.
  const notBefore = new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, (d ?? 1) - 1, 1, 0, 0));
  const day = `${String(d).padStart(2, '0')}/${String(m).padStart(2, '0')}/${y}`;
  const text = [
    `DanVan: nhac lich tiep cong dan ngay ${day}${r.session.startTime ? ` luc ${r.session.startTime}` : ''} tai ${r.agencyName}`,
    r.session.location ? ` (${r.session.location})` : '',
    `. So thu tu ${r.booking.queueNumber}, ma dat lich ${r.booking.code}. Mang theo CCCD. Huy lich: ${PORTAL_LINK}/huy-lich`,
  ].join('');
  return enqueueNotification(db, ctx, {
    channel: 'sms',
    kind: 'booking-reminder',
    to: r.booking.phone,
    text,
    dedupeKey: `booking-reminder:${r.booking.id}`,
    bookingId: r.booking.id,
    notBefore,
  });
}
