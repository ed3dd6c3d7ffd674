/** Handler's work surface: assignment, classification, repeat detection at intake, in-app notices, the sweep. */
import { Type } from 'typebox';
import type { FastifyRequest } from 'fastify';
import { and, desc, eq, inArray, isNull } from 'drizzle-orm';
import { suggestClassification } from '@danvan/domain/classification';
import { caseFields, keywordRules } from '../settings/settings.ts';
import type { App, AppContext } from '../../context.ts';
import { requireUser } from '../../context.ts';
import { staffNotifications } from '../../db/schema.ts';
import { AppError, notFound } from '../../plugins/errors.ts';
import { CaseKind, ErrorBody } from '../shared-schemas.ts';
import { canSee } from '../auth/current-user.ts';
import { agencyByCode } from '../agencies/queries.ts';
import { assignCase } from './assign-case.ts';
import { classifyCase } from './classify-case.ts';
import { findRepeats } from './find-repeats.ts';
import { recordDenouncerMatches } from './record-intake-check.ts';
import { mayWorkReception } from '../reception/policy.ts';
import { sweepDeadlines } from './sweep-deadlines.ts';
import { mayRunDeadlineSweep } from './policy.ts';

const Ok = Type.Object({ id: Type.String(), code: Type.String(), kind: Type.String(), field: Type.Union([Type.String(), Type.Null()]), assigneeId: Type.Union([Type.String(), Type.Null()]) });

export function registerWorkRoutes(app: App, ctx: AppContext) {
  app.post(
    '/cases/:id/assignment',
    {
      schema: {
        operationId: 'assignCase',
        tags: ['cases'],
        summary: 'Giao vụ việc cho chuyên viên xử lý hoặc người xác minh của cơ quan',
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        body: Type.Object({ username: Type.String({ minLength: 1, maxLength: 64 }) }, { examples: [{ username: 'xacminh' }] }),
        response: { 200: Ok, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (request) => assignCase(ctx, requireUser(request), request.params.id, request.body.username),
  );

  app.patch(
    '/cases/:id/classification',
    {
      schema: {
        operationId: 'classifyCase',
        tags: ['cases'],
        summary: 'Phân loại vụ việc (loại đơn trước khi thụ lý, lĩnh vực); gợi ý theo từ khóa xem ở getCase',
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        body: Type.Object(
          { kind: Type.Optional(CaseKind), field: Type.Optional(Type.String({ maxLength: 40, description: 'Mã lĩnh vực (listFields)' })) },
          { additionalProperties: false, examples: [{ field: 'dat-dai' }] },
        ),
        response: { 200: Ok, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody },
      },
    },
    async (request) => classifyCase(ctx, requireUser(request), request.params.id, request.body),
  );

  app.get(
    '/fields',
    {
      config: { public: true },
      schema: {
        operationId: 'listFields',
        tags: ['cases'],
        summary: 'Danh mục lĩnh vực',
        security: [],
        response: { 200: Type.Array(Type.Object({ value: Type.String(), label: Type.String() })) },
      },
    },
    async () => (await caseFields(ctx.db)).map((f) => ({ ...f })),
  );

  app.post(
    '/intake/check',
    {
      schema: {
        operationId: 'checkIntake',
        tags: ['petitions'],
        summary:
          'Trước khi tiếp nhận: gợi ý loại đơn, lĩnh vực và các vụ việc trùng/lặp của cùng người, cùng nội dung (tại cơ quan này, cấp dưới, hoặc nơi đã chuyển đến/đi). Tố cáo: người tố cáo chỉ được đối chiếu qua mã băm có khóa của danh tính niêm phong, với cán bộ tiếp nhận của cơ quan',
        body: Type.Object(
          {
            agency: Type.String({ minLength: 1, maxLength: 20 }),
            content: Type.String({ minLength: 1, maxLength: 20000 }),
            idNumber: Type.Optional(Type.String({ maxLength: 20 })),
            name: Type.Optional(Type.String({ maxLength: 200 })),
            address: Type.Optional(Type.String({ maxLength: 500 })),
            kind: Type.Optional(CaseKind),
            registering: Type.Optional(
              Type.Boolean({
                description:
                  'Tố cáo: cán bộ đang ghi nhận một tố cáo mới của người này (bắt buộc để đối chiếu người tố cáo; mỗi lần trùng được ghi vào lịch sử và nhật ký của vụ việc trùng)',
              }),
            ),
          },
          { examples: [{ agency: '00004', content: 'Khiếu nại quyết định thu hồi đất', idNumber: '001085012345' }] },
        ),
        response: {
          200: Type.Object({
            suggestion: Type.Object({
              kind: Type.Union([Type.Object({ value: Type.String(), matched: Type.Array(Type.String()) }), Type.Null()]),
              field: Type.Union([Type.Object({ value: Type.String(), matched: Type.Array(Type.String()) }), Type.Null()]),
              severalContents: Type.Boolean(),
            }),
            repeats: Type.Array(
              Type.Object({
                id: Type.String(),
                code: Type.String(),
                kind: Type.String(),
                state: Type.String(),
                agencyCode: Type.String(),
                agencyName: Type.String(),
                receivedOn: Type.String(),
                similarity: Type.Number(),
                samePerson: Type.Boolean(),
              }),
            ),
          }),
          400: ErrorBody,
          401: ErrorBody,
          404: ErrorBody,
          429: ErrorBody,
        },
      },
      // Per user, not per address: a desk shares one address, an oracle hunter has one account.
      config: { rateLimit: { max: 60, timeWindow: '10 minutes', keyGenerator: (req: FastifyRequest) => `intake:${req.currentUser?.id ?? req.ip}` } },
    },
    async (request) => {
      const user = requireUser(request);
      const agency = await agencyByCode(ctx.db, request.body.agency);
      if (!agency || !canSee(user, agency.path)) throw notFound();
      const s = suggestClassification(request.body.content, await keywordRules(ctx.db));
      const person = { idNumber: request.body.idNumber?.replace(/\s/g, ''), name: request.body.name, address: request.body.address };
      // A denouncer is never matched on clear identities. Their earlier denunciations are found by the keyed hash of
      // the sealed identity (ADR 0011), for the intake desk of the agency only (the roles that record the visit or
      // petition and so see this denouncer's identity anyway); for anyone else only the content is compared.
      // Issue 13: only while registering a new denunciation (the desk's form says so), and every match is recorded
      // in the matched case's history and the audit trail (who compared an identity with this denouncer's, when).
      const denouncerCheck =
        request.body.kind === 'denunciation' && request.body.registering === true && mayWorkReception(user, agency.path);
      const query = request.body.kind !== 'denunciation' ? { ...person, content: request.body.content } : { content: request.body.content, ...(denouncerCheck ? { denouncer: person } : {}) };
      const repeats = await findRepeats(ctx, agency, query);
      if (denouncerCheck) await recordDenouncerMatches(ctx, user, agency, repeats.filter((r) => r.samePerson));
      return {
        suggestion: {
          kind: s.kind ? { value: s.kind.value, matched: s.kind.matched } : null,
          field: s.field ? { value: s.field.value, matched: s.field.matched } : null,
          severalContents: s.severalContents,
        },
        repeats,
      };
    },
  );

  app.get(
    '/me/notifications',
    {
      schema: {
        operationId: 'listMyNotifications',
        tags: ['auth'],
        summary: 'Thông báo trong ứng dụng của tôi (giao việc, nhắc hạn, quá hạn)',
        querystring: Type.Object({ unread: Type.Optional(Type.Boolean()) }),
        response: {
          200: Type.Array(Type.Object({ id: Type.String(), kind: Type.String(), message: Type.String(), caseId: Type.Union([Type.String(), Type.Null()]), createdAt: Type.String(), read: Type.Boolean() })),
          401: ErrorBody,
        },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const rows = await ctx.db
        .select()
        .from(staffNotifications)
        .where(and(eq(staffNotifications.userId, user.id), request.query.unread ? isNull(staffNotifications.readAt) : undefined))
        .orderBy(desc(staffNotifications.createdAt))
        .limit(200);
      return rows.map((n) => ({ id: n.id, kind: n.kind, message: n.message, caseId: n.caseId, createdAt: n.createdAt.toISOString(), read: n.readAt !== null }));
    },
  );

  app.post(
    '/me/notifications/read',
    {
      schema: {
        operationId: 'markNotificationsRead',
        tags: ['auth'],
        summary: 'Đánh dấu đã đọc: các thông báo được nêu, hoặc tất cả nếu không nêu',
        body: Type.Object({ ids: Type.Optional(Type.Array(Type.String({ format: 'uuid' }), { maxItems: 500 })) }),
        response: { 200: Type.Object({ marked: Type.Integer() }), 400: ErrorBody, 401: ErrorBody },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const ids = request.body.ids;
      const rows = await ctx.db
        .update(staffNotifications)
        .set({ readAt: ctx.now() })
        .where(and(eq(staffNotifications.userId, user.id), isNull(staffNotifications.readAt), ids?.length ? inArray(staffNotifications.id, ids) : undefined))
        .returning({ id: staffNotifications.id });
      return { marked: rows.length };
    },
  );

  app.post(
    '/admin/sweep-deadlines',
    {
      schema: {
        operationId: 'sweepDeadlines',
        tags: ['admin'],
        summary: 'Chạy quét thời hạn ngay (cũng chạy định kỳ trong danvan serve): đánh dấu quá hạn, nhắc trước 3 ngày làm việc, báo thủ trưởng',
        response: {
          200: Type.Object({
            scanned: Type.Integer(),
            markedOverdue: Type.Integer(),
            reminders: Type.Integer(),
            escalations: Type.Integer(),
            dutiesScanned: Type.Integer({ description: 'Nghĩa vụ có hạn riêng (thông báo thụ lý tố cáo, gửi quyết định tạm đình chỉ / tiếp tục, thông báo từ chối tiếp) còn mở' }),
            dutiesMarkedOverdue: Type.Integer(),
            dutyReminders: Type.Integer(),
            dutyEscalations: Type.Integer(),
          }),
          401: ErrorBody,
          403: ErrorBody,
        },
      },
    },
    async (request) => {
      const user = requireUser(request);
      if (!mayRunDeadlineSweep(user)) throw new AppError(403, 'error.forbidden');
      return sweepDeadlines(ctx);
    },
  );
}
