/**
 * HTTP surface of the legal clock: compute any deadline (public, so citizens and the portal can check a date),
 * the working calendar by year (public), and the admin's edits of a day, which recompute the open deadlines.
 */
import { Type } from 'typebox';
import { DEFAULT_CALENDAR_YEARS, RULE_KEYS } from '@danvan/domain/clock/index';
import { isoDateInVietnam } from '@danvan/domain/text';
import type { App, AppContext } from '../../context.ts';
import { requireUser } from '../../context.ts';
import { DayKind, DeadlineBody, ErrorBody, IsoDate } from '../shared-schemas.ts';
import { computeForQuery, loadCalendar, presentDeadline } from './deadlines.ts';
import { listCalendarDays } from './calendar-days.ts';
import { setCalendarDay } from './set-calendar-day.ts';
import { resetCalendarDay } from './reset-calendar-day.ts';

const CalendarDay = Type.Object({
  date: Type.String(),
  kind: DayKind,
  name: Type.String(),
  working: Type.Boolean(),
  weekend: Type.Boolean(),
  source: Type.Enum(['default', 'override']),
  replaces: Type.Union([Type.Object({ kind: DayKind, name: Type.String() }), Type.Null()]),
});

const CalendarEdit = Type.Object({
  day: CalendarDay,
  changedCases: Type.Array(Type.Object({ id: Type.String(), code: Type.String(), before: Type.String(), after: Type.String() })),
});

const { fromYear, toYear } = DEFAULT_CALENDAR_YEARS;

export function registerClockRoutes(app: App, ctx: AppContext) {
  app.get(
    '/clock/deadline',
    {
      config: { public: true },
      schema: {
        operationId: 'computeDeadline',
        tags: ['clock'],
        summary: 'Tính thời hạn theo luật, kèm căn cứ và lời giải thích (lịch ngày nghỉ gồm các điều chỉnh của quản trị)',
        security: [],
        querystring: Type.Object({
          rule: Type.String({ minLength: 1, maxLength: 100, description: `Quy tắc: ${RULE_KEYS.join(', ')}`, examples: ['complaint.first'] }),
          from: Type.String({ minLength: 1, maxLength: 40, description: 'Ngày xảy ra sự kiện bắt đầu tính, YYYY-MM-DD (không tính ngày này)', examples: ['2027-01-29'] }),
          complex: Type.Optional(Type.Boolean({ description: 'Vụ việc phức tạp' })),
          especiallyComplex: Type.Optional(Type.Boolean({ description: 'Vụ việc đặc biệt phức tạp (tố cáo: được gia hạn 2 lần)' })),
          remote: Type.Optional(Type.Boolean({ description: 'Vùng sâu, vùng xa đi lại khó khăn' })),
          severalSites: Type.Optional(Type.Boolean({ description: 'Xác minh ở nhiều địa điểm' })),
          extensions: Type.Optional(Type.Integer({ minimum: 0, maximum: 10, description: 'Số lần gia hạn (mỗi lần tối đa theo luật)' })),
          suspendedDays: Type.Optional(Type.Integer({ minimum: 0, maximum: 3650, description: 'Số ngày tạm đình chỉ (không tính vào thời hạn)' })),
        }),
        response: { 200: DeadlineBody, 400: ErrorBody },
      },
    },
    async (request) => presentDeadline(computeForQuery(await loadCalendar(ctx.db), request.query)),
  );

  app.get(
    '/calendar/days',
    {
      config: { public: true },
      schema: {
        operationId: 'listCalendarDays',
        tags: ['clock'],
        summary: 'Các ngày không bình thường của một năm: nghỉ lễ, tết, nghỉ bù, ngày làm bù (mặc định và điều chỉnh của quản trị)',
        security: [],
        querystring: Type.Object({
          year: Type.Optional(Type.Integer({ minimum: fromYear, maximum: toYear, description: 'Mặc định: năm hiện tại', examples: [2027] })),
        }),
        response: { 200: Type.Object({ year: Type.Integer(), days: Type.Array(CalendarDay) }), 400: ErrorBody },
      },
    },
    async (request) => {
      const year = request.query.year ?? Number(isoDateInVietnam(ctx.now()).slice(0, 4));
      return { year, days: await listCalendarDays(ctx.db, year) };
    },
  );

  app.put(
    '/calendar/days/:date',
    {
      schema: {
        operationId: 'setCalendarDay',
        tags: ['clock'],
        summary: 'Quản trị cấp trung ương: đặt loại của một ngày (theo thông báo hằng năm); tính lại thời hạn các vụ việc đang mở bị ảnh hưởng, ghi nhật ký',
        params: Type.Object({ date: IsoDate() }),
        body: Type.Object(
          {
            date: Type.Optional(IsoDate('Nếu có, phải trùng ngày trên địa chỉ')),
            kind: DayKind,
            name: Type.Optional(Type.String({ maxLength: 120, description: 'Bắt buộc trừ khi kind = normal' })),
          },
          { examples: [{ kind: 'day-off', name: 'Nghỉ bù Tết Nguyên đán' }] },
        ),
        response: { 200: CalendarEdit, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody },
      },
    },
    async (request) => setCalendarDay(ctx, requireUser(request), request.params.date, request.body),
  );

  app.delete(
    '/calendar/days/:date',
    {
      schema: {
        operationId: 'resetCalendarDay',
        tags: ['clock'],
        summary: 'Quản trị cấp trung ương: bỏ điều chỉnh của một ngày (trở về mặc định); tính lại thời hạn bị ảnh hưởng, ghi nhật ký',
        params: Type.Object({ date: IsoDate() }),
        response: { 200: CalendarEdit, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (request) => resetCalendarDay(ctx, requireUser(request), request.params.date),
  );
}
