/** Reception sessions: schedule / open, list, read, close, cancel (staff); the published schedule (public). */
import { Type } from 'typebox';
import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { isoDateInVietnam, isRealIsoDate } from '@danvan/domain/text';
import { addDays, diffDays } from '@danvan/domain/clock/dates';
import type { App, AppContext } from '../../context.ts';
import { requireUser } from '../../context.ts';
import { queryRows } from '../../db/client.ts';
import { agencies, receptionSessions } from '../../db/schema.ts';
import { invalid, notFound } from '../../plugins/errors.ts';
import { ErrorBody, IsoDate } from '../shared-schemas.ts';
import { scopeCondition, subtreeCondition } from '../auth/current-user.ts';
import { agencyByCode } from '../agencies/queries.ts';
import { createReceptionSession } from './create-reception-session.ts';
import { cancelReceptionSession, closeReceptionSession } from './close-reception-session.ts';
import { presentPublicSession, presentSession, visibleSession, type SessionRow } from './queries.ts';
import { PublicSessionOut, SessionBody, SessionKind, SessionOut } from './schemas.ts';

const MAX_SCHEDULE_DAYS = 366;

async function countsFor(ctx: AppContext, ids: string[]) {
  const out = new Map<string, { visits: number; people: number; bookings: number }>();
  if (!ids.length) return out;
  const idList = sql.join(ids.map((id) => sql`${id}::uuid`), sql`, `);
  const v = await queryRows<{ session_id: string; visits: number; people: number }>(ctx.db, sql`
    select session_id, count(*)::int as visits, coalesce(sum(people_count), 0)::int as people
    from visits where session_id in (${idList}) group by session_id`);
  const b = await queryRows<{ session_id: string; bookings: number }>(ctx.db, sql`
    select session_id, count(*)::int as bookings from reception_bookings
    where session_id in (${idList}) and status <> 'cancelled' group by session_id`);
  for (const id of ids) out.set(id, { visits: 0, people: 0, bookings: 0 });
  for (const r of v) Object.assign(out.get(r.session_id) ?? {}, { visits: Number(r.visits), people: Number(r.people) });
  for (const r of b) Object.assign(out.get(r.session_id) ?? {}, { bookings: Number(r.bookings) });
  return out;
}

async function agencyOf(ctx: AppContext, s: SessionRow) {
  const [a] = await ctx.db.select({ code: agencies.code, fullName: agencies.fullName }).from(agencies).where(eq(agencies.id, s.agencyId));
  return a ?? { code: '', fullName: '' };
}

function checkRange(from: string, to: string, maxDays = MAX_SCHEDULE_DAYS) {
  if (!isRealIsoDate(from) || !isRealIsoDate(to) || from > to) throw invalid({ field: 'from', key: 'field.dateRange' });
  if (diffDays(from, to) > maxDays) throw invalid({ field: 'to', key: 'field.rangeTooLong', params: { days: maxDays } });
}

export function registerSessionRoutes(app: App, ctx: AppContext) {
  app.post(
    '/reception-sessions',
    {
      schema: {
        operationId: 'createReceptionSession',
        tags: ['reception'],
        summary:
          'Lên lịch / mở buổi tiếp công dân: thường xuyên (mỗi cơ quan một buổi mỗi ngày — gọi lại trả về buổi đang mở, 200), thủ trưởng tiếp định kỳ (người chủ trì hoặc cấp phó tiếp thay — được ghi nhận và cảnh báo), đột xuất, trực tuyến (thông báo trước ≥ 5 ngày làm việc, đường dẫn)',
        body: SessionBody,
        response: { 200: Type.Object({ session: SessionOut, created: Type.Boolean() }), 201: Type.Object({ session: SessionOut, created: Type.Boolean() }), 400: ErrorBody, 401: ErrorBody, 403: ErrorBody },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const r = await createReceptionSession(ctx, user, request.body);
      const counts = (await countsFor(ctx, [r.session.id])).get(r.session.id);
      return reply.status(r.created ? 201 : 200).send({ session: presentSession(r.session, await agencyOf(ctx, r.session), counts), created: r.created });
    },
  );

  app.get(
    '/reception-sessions',
    {
      schema: {
        operationId: 'listReceptionSessions',
        tags: ['reception'],
        summary: 'Lịch tiếp công dân của một cơ quan (và cấp dưới) trong khoảng ngày, kèm số lượt tiếp, số người, số lịch hẹn',
        querystring: Type.Object({
          agency: Type.Optional(Type.String({ maxLength: 20 })),
          from: IsoDate('Từ ngày'),
          to: IsoDate('Đến ngày'),
          kind: Type.Optional(SessionKind),
          status: Type.Optional(Type.Enum(['scheduled', 'closed', 'cancelled'])),
          subtree: Type.Boolean({ default: false, description: 'Kèm các cơ quan cấp dưới' }),
        }),
        response: { 200: Type.Object({ items: Type.Array(SessionOut) }), 400: ErrorBody, 401: ErrorBody, 404: ErrorBody },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const q = request.query;
      checkRange(q.from, q.to);
      const conds: SQL[] = [scopeCondition(user, receptionSessions.agencyPath), sql`${receptionSessions.heldOn} between ${q.from} and ${q.to}`];
      if (q.agency) {
        const a = await agencyByCode(ctx.db, q.agency);
        if (!a) throw notFound();
        conds.push(q.subtree ? subtreeCondition(a.path, receptionSessions.agencyPath) : eq(receptionSessions.agencyId, a.id));
      }
      if (q.kind) conds.push(eq(receptionSessions.kind, q.kind));
      if (q.status) conds.push(eq(receptionSessions.status, q.status));
      const rows = await ctx.db
        .select({ s: receptionSessions, code: agencies.code, fullName: agencies.fullName })
        .from(receptionSessions)
        .innerJoin(agencies, eq(agencies.id, receptionSessions.agencyId))
        .where(and(...conds))
        .orderBy(asc(receptionSessions.heldOn), asc(receptionSessions.startTime), asc(receptionSessions.createdAt))
        .limit(1000);
      const counts = await countsFor(ctx, rows.map((r) => r.s.id));
      return { items: rows.map((r) => presentSession(r.s, { code: r.code, fullName: r.fullName }, counts.get(r.s.id))) };
    },
  );

  app.get(
    '/reception-sessions/:id',
    {
      schema: {
        operationId: 'getReceptionSession',
        tags: ['reception'],
        summary: 'Một buổi tiếp công dân',
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        response: { 200: Type.Object({ session: SessionOut }), 401: ErrorBody, 404: ErrorBody },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const s = await visibleSession(ctx.db, user, request.params.id);
      return { session: presentSession(s, await agencyOf(ctx, s), (await countsFor(ctx, [s.id])).get(s.id)) };
    },
  );

  for (const [action, op, summary, fn] of [
    ['close', 'closeReceptionSession', 'Kết thúc buổi tiếp đã diễn ra (tính là ngày đã tiếp); buổi trực tuyến cần mã bản ghi âm, ghi hình', closeReceptionSession],
    ['cancel', 'cancelReceptionSession', 'Hủy buổi tiếp (các lịch hẹn của buổi bị hủy theo)', cancelReceptionSession],
  ] as const) {
    app.post(
      `/reception-sessions/:id/${action}`,
      {
        // The body is optional: a bare POST closes (or cancels) with nothing more to say.
        preValidation: async (request) => {
          if (request.body === undefined || request.body === null) (request as { body: unknown }).body = {};
        },
        schema: {
          operationId: op,
          tags: ['reception'],
          summary,
          params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
          body: Type.Object({
            summary: Type.Optional(Type.String({ maxLength: 5000, description: 'Tóm tắt kết quả buổi tiếp' })),
            recordingRef: Type.Optional(Type.String({ maxLength: 1000, description: 'Mã/đường dẫn lưu bản ghi âm, ghi hình (tiếp trực tuyến)' })),
          }),
          response: { 200: Type.Object({ session: SessionOut }), 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody },
        },
      },
      async (request) => {
        const user = requireUser(request);
        const s = await fn(ctx, user, request.params.id, request.body);
        return { session: presentSession(s, await agencyOf(ctx, s), (await countsFor(ctx, [s.id])).get(s.id)) };
      },
    );
  }

  app.get(
    '/public/reception-schedule',
    {
      config: { public: true, rateLimit: { max: 120, timeWindow: '1 minute' } },
      schema: {
        operationId: 'getReceptionSchedule',
        tags: ['reception', 'public'],
        summary: 'Lịch tiếp công dân công khai của một cơ quan (không có dữ liệu cá nhân): ngày, giờ, địa điểm, hình thức, chức danh người tiếp, còn nhận đặt lịch không',
        security: [],
        querystring: Type.Object({
          agency: Type.String({ minLength: 1, maxLength: 20 }),
          from: Type.Optional(IsoDate('Từ ngày (mặc định hôm nay)')),
          to: Type.Optional(IsoDate('Đến ngày (mặc định 30 ngày sau)')),
        }),
        response: { 200: Type.Object({ agency: Type.Object({ code: Type.String(), name: Type.String() }), items: Type.Array(PublicSessionOut) }), 400: ErrorBody, 404: ErrorBody },
      },
    },
    async (request) => {
      const q = request.query;
      const today = isoDateInVietnam(ctx.now());
      const from = q.from ?? today;
      const to = q.to ?? addDays(from, 30);
      checkRange(from, to);
      const a = await agencyByCode(ctx.db, q.agency);
      if (!a) throw notFound();
      const rows = await ctx.db
        .select()
        .from(receptionSessions)
        .where(and(eq(receptionSessions.agencyId, a.id), sql`${receptionSessions.heldOn} between ${from} and ${to}`, inArray(receptionSessions.status, ['scheduled', 'closed'])))
        .orderBy(asc(receptionSessions.heldOn), asc(receptionSessions.startTime));
      const counts = await countsFor(ctx, rows.map((r) => r.id));
      return {
        agency: { code: a.code, name: a.fullName },
        items: rows.map((s) => presentPublicSession(s, { code: a.code, fullName: a.fullName }, counts.get(s.id)?.bookings ?? 0)),
      };
    },
  );
}
