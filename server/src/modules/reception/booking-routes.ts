/** Booking a reception slot: public booking and cancellation (rate-limited), the clerk's list and status marks. */
import { Type } from 'typebox';
import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import { BOOKING_STATUS_LABELS, type BookingStatus } from '@danvan/domain/reception/booking';
import { formatIsoDateVi } from '@danvan/domain/text';
import type { App, AppContext } from '../../context.ts';
import { requireUser } from '../../context.ts';
import { receptionBookings, receptionSessions } from '../../db/schema.ts';
import { forbidden, invalid, notFound } from '../../plugins/errors.ts';
import { SEALED_NAME } from '../cases/open-case.ts';
import { openBookingContact } from './booking-contact.ts';
import { ErrorBody, IsoDate } from '../shared-schemas.ts';
import { scopeCondition } from '../auth/current-user.ts';
import { agencyByCode } from '../agencies/queries.ts';
import { bookReception, cancelReceptionBooking, updateReceptionBooking, type BookingRow } from './book-reception.ts';
import { mayViewReception, mayWorkReception } from './policy.ts';
import { visibleSession } from './queries.ts';
import { BookingOut } from './schemas.ts';

/**
 * A booking as the desk sees it. Once it is linked to a visit that is sealed (a denunciation, or a visit attached
 * to a denunciation case), it shows no identity to anyone: the head reveals the denouncer on the case, not here;
 * its content is then withheld as well (it is the denunciation's gist, in the booker's words).
 */
function presentBooking(ctx: AppContext, b: BookingRow, sealed: boolean) {
  const contact = sealed ? null : openBookingContact(ctx.sealer, b);
  return {
    id: b.id,
    sessionId: b.sessionId,
    code: b.code,
    queueNumber: b.queueNumber,
    name: sealed ? SEALED_NAME : (contact?.name ?? ''),
    phone: sealed ? null : (contact?.phone ?? null),
    identitySealed: sealed,
    content: sealed ? SEALED_NAME : b.content,
    status: b.status,
    statusLabel: BOOKING_STATUS_LABELS[b.status as BookingStatus] ?? b.status,
    visitId: b.visitId,
    createdAt: b.createdAt.toISOString(),
  };
}

/** True when the booking is linked to a sealed visit (a denunciation, or a visit attached to a denunciation case). */
const sealedSql = sql<boolean>`exists (select 1 from visits sv left join cases sc on sc.id = sv.case_id
  where sv.id = ${receptionBookings.visitId} and (sv.kind = 'denunciation' or sc.kind = 'denunciation'))`;

async function bookingSealed(ctx: AppContext, id: string): Promise<boolean> {
  const [r] = await ctx.db.select({ sealed: sealedSql }).from(receptionBookings).where(eq(receptionBookings.id, id));
  return Boolean(r?.sealed);
}

/** Public endpoints: a few tries a minute per address is plenty for a citizen and useless for a scraper. */
const PUBLIC_LIMIT = { max: 10, timeWindow: '1 minute' };

export function registerBookingRoutes(app: App, ctx: AppContext) {
  app.post(
    '/public/reception-bookings',
    {
      config: { public: true, rateLimit: PUBLIC_LIMIT },
      schema: {
        operationId: 'bookReception',
        tags: ['reception', 'public'],
        summary: 'Công dân đặt lịch tiếp công dân (không cần đăng nhập): họ tên, số điện thoại, nội dung ngắn; nhận mã đặt lịch và số thứ tự',
        security: [],
        body: Type.Object(
          {
            sessionId: Type.String({ format: 'uuid' }),
            name: Type.String({ minLength: 1, maxLength: 200 }),
            phone: Type.String({ minLength: 1, maxLength: 20 }),
            content: Type.String({ minLength: 1, maxLength: 1000, description: 'Nội dung ngắn cần trình bày' }),
          },
          { examples: [{ sessionId: '00000000-0000-4000-8000-000000000000', name: 'Trần Thị Bình', phone: '0987 654 321', content: 'Hỏi về bồi thường thu hồi đất ngõ 19 Kim Mã' }] },
        ),
        response: {
          201: Type.Object({
            code: Type.String({ description: 'Mã đặt lịch: xuất trình khi đến, dùng để hủy' }),
            queueNumber: Type.Integer(),
            session: Type.Object({
              id: Type.String(),
              agencyName: Type.String(),
              heldOn: Type.String(),
              heldOnText: Type.String(),
              startTime: Type.Union([Type.String(), Type.Null()]),
              location: Type.Union([Type.String(), Type.Null()]),
              onlineLink: Type.Union([Type.String(), Type.Null()]),
            }),
          }),
          400: ErrorBody,
          404: ErrorBody,
          409: ErrorBody,
          429: ErrorBody,
        },
      },
    },
    async (request, reply) => {
      const r = await bookReception(ctx, request.body);
      return reply.status(201).send({
        code: r.booking.code,
        queueNumber: r.booking.queueNumber,
        session: {
          id: r.session.id,
          agencyName: r.agency.fullName,
          heldOn: r.session.heldOn,
          heldOnText: formatIsoDateVi(r.session.heldOn),
          startTime: r.session.startTime,
          location: r.session.location,
          onlineLink: r.session.onlineLink,
        },
      });
    },
  );

  app.post(
    '/public/reception-bookings/cancel',
    {
      config: { public: true, rateLimit: PUBLIC_LIMIT },
      schema: {
        operationId: 'cancelReceptionBooking',
        tags: ['reception', 'public'],
        summary: 'Công dân hủy lịch hẹn bằng mã đặt lịch và số điện thoại đã đăng ký',
        security: [],
        body: Type.Object({ code: Type.String({ minLength: 1, maxLength: 20 }), phone: Type.String({ minLength: 1, maxLength: 20 }) }),
        response: { 200: Type.Object({ code: Type.String(), status: Type.String() }), 400: ErrorBody, 404: ErrorBody, 409: ErrorBody, 429: ErrorBody },
      },
    },
    async (request) => {
      const b = await cancelReceptionBooking(ctx, request.body);
      return { code: b.code, status: b.status };
    },
  );

  app.get(
    '/reception-bookings',
    {
      schema: {
        operationId: 'listReceptionBookings',
        tags: ['reception'],
        summary: 'Danh sách lịch hẹn của một buổi tiếp, hoặc của một cơ quan trong một ngày (theo số thứ tự)',
        querystring: Type.Object({
          sessionId: Type.Optional(Type.String({ format: 'uuid' })),
          agency: Type.Optional(Type.String({ maxLength: 20 })),
          date: Type.Optional(IsoDate('Ngày tiếp (kèm agency)')),
          status: Type.Optional(Type.Enum(['booked', 'arrived', 'no-show', 'cancelled'])),
        }),
        response: { 200: Type.Object({ items: Type.Array(BookingOut) }), 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const q = request.query;
      const conds: SQL[] = [scopeCondition(user, receptionBookings.agencyPath)];
      // Bookings carry names and phones: only the roles that run the desk at that agency list them.
      if (q.sessionId) {
        const s = await visibleSession(ctx.db, user, q.sessionId);
        if (!mayWorkReception(user, s.agencyPath)) throw forbidden();
        conds.push(eq(receptionBookings.sessionId, q.sessionId));
      } else {
        if (!q.agency || !q.date) throw invalid(...(q.agency ? [] : [{ field: 'agency', key: 'field.required' as const }]), ...(q.date ? [] : [{ field: 'date', key: 'field.required' as const }]));
        const a = await agencyByCode(ctx.db, q.agency);
        if (!a || !mayViewReception(user, a.path)) throw notFound();
        if (!mayWorkReception(user, a.path)) throw forbidden();
        conds.push(eq(receptionBookings.agencyId, a.id), eq(receptionSessions.heldOn, q.date));
      }
      if (q.status) conds.push(eq(receptionBookings.status, q.status));
      const rows = await ctx.db
        .select({ b: receptionBookings, sealed: sealedSql })
        .from(receptionBookings)
        .innerJoin(receptionSessions, eq(receptionSessions.id, receptionBookings.sessionId))
        .where(and(...conds))
        .orderBy(asc(receptionSessions.startTime), asc(receptionBookings.queueNumber));
      return { items: rows.map((r) => presentBooking(ctx, r.b, Boolean(r.sealed))) };
    },
  );

  app.post(
    '/reception-bookings/:id/status',
    {
      schema: {
        operationId: 'updateReceptionBooking',
        tags: ['reception'],
        summary: 'Đánh dấu công dân đã đến (gắn lượt tiếp) hoặc không đến',
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        body: Type.Object({ status: Type.Enum(['arrived', 'no-show']), visitId: Type.Optional(Type.String({ format: 'uuid' })) }),
        response: { 200: Type.Object({ booking: BookingOut }), 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const b = await updateReceptionBooking(ctx, user, request.params.id, request.body);
      return { booking: presentBooking(ctx, b, await bookingSealed(ctx, b.id)) };
    },
  );
}
