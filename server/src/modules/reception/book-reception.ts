/**
 * Booking a reception slot. bookReception (public, no login): a citizen takes the next queue number of a
 * scheduled session with name, phone (normalised to E.164) and a short content, and gets a booking code.
 * cancelReceptionBooking (public): by code + phone; a wrong pair is a plain 404 (nothing to learn from it).
 * updateReceptionBooking (staff): arrived (optionally linked to the visit) or no-show.
 * Audit rows never carry the citizen's name or phone.
 */
import { randomBytes } from 'node:crypto';
import { and, eq, ne, sql } from 'drizzle-orm';
import { cleanText, formatIsoDateVi, isoDateInVietnam, normalizePhone } from '@danvan/domain/text';
import { bookingCodeFrom, canBook, normalizeBookingCode, type BookingStatus } from '@danvan/domain/reception/booking';
import type { AppContext } from '../../context.ts';
import { queryRows } from '../../db/client.ts';
import { agencies, receptionBookings, receptionSessions, visits } from '../../db/schema.ts';
import { AppError, invalid, notFound, type FieldIssue } from '../../plugins/errors.ts';
import { canSee, type CurrentUser } from '../auth/current-user.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { mayWorkReception } from './policy.ts';
import { scheduleBookingReminder } from '../notifications/enqueue-notification.ts';
import { openBookingContact, sealBookingContact } from './booking-contact.ts';

export type BookingRow = typeof receptionBookings.$inferSelect;

export interface BookInput {
  sessionId: string;
  name: string;
  phone: string;
  content: string;
}

const CITIZEN = 'Công dân (đặt lịch trực tuyến)';

export async function bookReception(ctx: AppContext, input: BookInput) {
  const now = ctx.now();
  const issues: FieldIssue[] = [];
  const name = cleanText(input.name);
  const content = cleanText(input.content);
  const phone = normalizePhone(input.phone);
  if (!name) issues.push({ field: 'name', key: 'field.required' });
  if (!content) issues.push({ field: 'content', key: 'field.required' });
  if (!phone) issues.push({ field: 'phone', key: 'field.phone' });
  if (issues.length || !phone) throw invalid(...issues);

  const [row] = await ctx.db
    .select({ s: receptionSessions, agencyName: agencies.fullName, agencyCode: agencies.code })
    .from(receptionSessions)
    .innerJoin(agencies, eq(agencies.id, receptionSessions.agencyId))
    .where(eq(receptionSessions.id, input.sessionId));
  if (!row) throw notFound();
  const s = row.s;
  if (s.status !== 'scheduled' || !canBook(s.heldOn, isoDateInVietnam(now))) throw new AppError(409, 'error.bookingClosed');

  return ctx.db.transaction(async (tx) => {
    // One booking at a time per session: the queue number and the capacity check must not race.
    await tx.execute(sql`select id from reception_sessions where id = ${s.id} for update`);
    const [counts] = await queryRows<{ active: number; last: number }>(tx, sql`
      select count(*) filter (where status <> 'cancelled')::int as active,
             coalesce(max(queue_number), 0)::int as last
      from reception_bookings where session_id = ${s.id}`);
    // One active booking per phone and session: the phones are sealed, so the session's boxes are opened (a
    // session holds tens of bookings, not thousands).
    const active = await tx
      .select({ contact: receptionBookings.contact, name: receptionBookings.name, phone: receptionBookings.phone })
      .from(receptionBookings)
      .where(and(eq(receptionBookings.sessionId, s.id), ne(receptionBookings.status, 'cancelled')));
    if (active.some((b) => openBookingContact(ctx.sealer, b)?.phone === phone)) throw new AppError(409, 'error.bookingDuplicate');
    if (s.capacity !== null && Number(counts?.active) >= s.capacity) throw new AppError(409, 'error.bookingFull', { capacity: s.capacity });
    const queueNumber = Number(counts?.last ?? 0) + 1;
    let booking: BookingRow | undefined;
    for (let attempt = 0; attempt < 5 && !booking; attempt++) {
      const code = bookingCodeFrom(randomBytes(8));
      const [clash] = await tx.select({ id: receptionBookings.id }).from(receptionBookings).where(eq(receptionBookings.code, code));
      if (clash) continue;
      [booking] = await tx
        .insert(receptionBookings)
        .values({ sessionId: s.id, agencyId: s.agencyId, agencyPath: s.agencyPath, code, queueNumber, contact: sealBookingContact(ctx.sealer, { name, phone }), content, createdAt: now, updatedAt: now })
        .returning();
    }
    if (!booking) throw new AppError(500, 'error.internal');
    await writeAudit(tx, {
      at: now,
      actorId: null,
      actorName: CITIZEN,
      agencyId: s.agencyId,
      entity: 'reception-booking',
      entityId: booking.id,
      action: 'reception-booking.create',
      summary: `Đặt lịch tiếp công dân ngày ${formatIsoDateVi(s.heldOn)}, số thứ tự ${queueNumber}`,
      after: { sessionId: s.id, queueNumber },
    });
    await scheduleBookingReminder(tx, ctx, { booking: { ...booking, phone }, session: s, agencyName: row.agencyName });
    return { booking, session: s, agency: { code: row.agencyCode, fullName: row.agencyName } };
  });
}

export async function cancelReceptionBooking(ctx: AppContext, input: { code: string; phone: string }) {
  const now = ctx.now();
  const code = normalizeBookingCode(input.code);
  const phone = normalizePhone(input.phone);
  const issues: FieldIssue[] = [];
  if (!code) issues.push({ field: 'code', key: 'field.bookingCode' });
  if (!phone) issues.push({ field: 'phone', key: 'field.phone' });
  if (issues.length || !code || !phone) throw invalid(...issues);
  const [b] = await ctx.db.select().from(receptionBookings).where(eq(receptionBookings.code, code));
  if (!b || openBookingContact(ctx.sealer, b)?.phone !== phone) throw notFound();
  if (b.status !== 'booked') throw new AppError(409, 'error.bookingState', { status: b.status });
  return ctx.db.transaction(async (tx) => {
    const [updated] = await tx
      .update(receptionBookings)
      .set({ status: 'cancelled', updatedAt: now })
      .where(and(eq(receptionBookings.id, b.id), eq(receptionBookings.status, 'booked')))
      .returning();
    if (!updated) throw new AppError(409, 'error.conflict');
    await writeAudit(tx, {
      at: now,
      actorId: null,
      actorName: CITIZEN,
      agencyId: b.agencyId,
      entity: 'reception-booking',
      entityId: b.id,
      action: 'reception-booking.cancel',
      summary: `Công dân hủy lịch hẹn số thứ tự ${b.queueNumber}`,
      before: { status: b.status },
      after: { status: 'cancelled' },
    });
    return updated;
  });
}

export interface UpdateBookingInput {
  status: Extract<BookingStatus, 'arrived' | 'no-show'>;
  visitId?: string;
}

export async function updateReceptionBooking(ctx: AppContext, user: CurrentUser, id: string, input: UpdateBookingInput) {
  const now = ctx.now();
  const [b] = await ctx.db.select().from(receptionBookings).where(eq(receptionBookings.id, id));
  if (!b || !canSee(user, b.agencyPath)) throw notFound();
  if (!mayWorkReception(user, b.agencyPath)) throw new AppError(403, 'error.forbidden');
  if (b.status === 'cancelled' || (b.status === 'arrived' && input.status === 'arrived')) throw new AppError(409, 'error.bookingState', { status: b.status });
  let visitId: string | null = b.visitId;
  if (input.visitId) {
    const [v] = await ctx.db.select({ id: visits.id, agencyId: visits.agencyId }).from(visits).where(eq(visits.id, input.visitId));
    if (!v || v.agencyId !== b.agencyId) throw invalid({ field: 'visitId', key: 'field.invalid' });
    visitId = v.id;
  }
  if (input.status === 'no-show') visitId = null;
  return ctx.db.transaction(async (tx) => {
    const [updated] = await tx
      .update(receptionBookings)
      .set({ status: input.status, visitId, updatedAt: now })
      .where(and(eq(receptionBookings.id, b.id), ne(receptionBookings.status, 'cancelled')))
      .returning();
    if (!updated) throw new AppError(409, 'error.conflict');
    await writeAudit(tx, {
      at: now,
      actorId: user.id,
      actorName: user.displayName,
      agencyId: b.agencyId,
      entity: 'reception-booking',
      entityId: b.id,
      action: 'reception-booking.status',
      summary: `Lịch hẹn số thứ tự ${b.queueNumber}: ${input.status === 'arrived' ? 'công dân đã đến' : 'công dân không đến'}`,
      before: { status: b.status },
      after: { status: input.status, visitId },
    });
    return updated;
  });
}
