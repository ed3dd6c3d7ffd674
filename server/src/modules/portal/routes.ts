/**
 * JSON surface of the citizen portal under /api/v1: the public operations (submitPublicPetition,
 * trackPublicPetition, ratePetition, listPublicAnswers — bookReception is reception's) and the staff operations
 * around them (attachments, publishing an answer, rating counts). The HTML pages call the same use cases.
 */
import { Type } from 'typebox';
import type { App, AppContext } from '../../context.ts';
import { requireUser } from '../../context.ts';
import { notFound } from '../../plugins/errors.ts';
import { CaseKind, ErrorBody, IsoDate } from '../shared-schemas.ts';
import { agencyByCode } from '../agencies/queries.ts';
import { canSee } from '../auth/current-user.ts';
import { ATTACHMENT_LIMITS } from './attachments.ts';
import { listCaseAttachments, readAttachment, uploadCaseAttachment } from './case-attachments.ts';
import type { PortalOptions } from './options.ts';
import { listPublicAnswers, publishPublicAnswer, previewPublicAnswer, withdrawPublicAnswer } from './public-answers.ts';
import { ratePetition, ratingCounts } from './rate-petition.ts';
import { submitPublicPetition } from './submit-public-petition.ts';
import { trackPublicPetition } from './track-public-petition.ts';

const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);

const SubmitOut = Type.Object({
  trackingCode: Type.String({ description: 'Mã tra cứu (không đoán được): giữ lại để tra cứu' }),
  secret: Type.String({ description: 'Mật mã tra cứu: chỉ hiển thị khi gửi (và trong thư xác nhận)' }),
  caseCode: Type.String(),
  kind: Type.String(),
  agency: Type.Object({ code: Type.String(), name: Type.String() }),
  receivedOn: Type.String(),
  dueOn: Nullable(Type.String()),
  dueExplanation: Nullable(Type.String()),
  attachments: Type.Integer(),
  notice: Type.String({ description: 'Thông báo tiếp nhận' }),
});

const TrackOut = Type.Object({
  trackingCode: Type.String(),
  caseCode: Type.String(),
  kind: Type.String(),
  receivedOn: Type.String(),
  agency: Type.Object({ code: Type.String(), name: Type.String() }),
  currentAgency: Type.Object({ code: Type.String(), name: Type.String() }),
  forwarded: Type.Boolean(),
  state: Type.String(),
  stateLabel: Type.String({ description: 'Trạng thái bằng tiếng Việt' }),
  stateLabelEn: Type.String(),
  dueOn: Nullable(Type.String()),
  dueExplanation: Nullable(Type.String({ description: 'Cách tính hạn' })),
  notices: Type.Array(Type.Object({ at: Type.String(), text: Type.String() })),
  attachments: Type.Array(Type.Object({ name: Type.String(), sizeBytes: Type.Integer(), contentType: Type.String() })),
  ratable: Type.Boolean(),
  rating: Type.Union([Type.Object({ satisfied: Type.Boolean(), comment: Nullable(Type.String()) }), Type.Null()]),
  publicAnswer: Type.Union([Type.Object({ answer: Type.String(), publishedOn: Type.String() }), Type.Null()]),
});

const Credentials = {
  code: Type.String({ minLength: 1, maxLength: 40, description: 'Mã tra cứu DV-XXXXX-XXXXX' }),
  secret: Type.Optional(Type.String({ maxLength: 40, description: 'Mật mã tra cứu' })),
  phone: Type.Optional(Type.String({ maxLength: 20, description: 'Hoặc số điện thoại đã khai khi gửi đơn' })),
};

/** Tracking and rating: enough for a citizen, useless for guessing codes. */
const TRACK_LIMIT = { max: 20, timeWindow: '1 minute' };

export function registerPortalApi(app: App, ctx: AppContext, portal: PortalOptions) {
  app.post(
    '/public/petitions',
    {
      config: { public: true, rateLimit: { max: portal.perIpLimit ?? 30, timeWindow: '10 minutes' } },
      bodyLimit: 16 * 1024 * 1024,
      schema: {
        operationId: 'submitPublicPetition',
        tags: ['portal', 'public'],
        summary:
          'Công dân gửi đơn khiếu nại, tố cáo, kiến nghị, phản ánh qua cổng trực tuyến (không cần đăng nhập). Gửi kèm header Idempotency-Key: gửi lại cùng khóa trả về đúng kết quả cũ, không tạo đơn mới.',
        security: [],
        headers: Type.Object({ 'idempotency-key': Type.Optional(Type.String({ maxLength: 200, description: 'Khóa chống gửi trùng (8–200 ký tự)' })) }),
        body: Type.Object(
          {
            agency: Type.Optional(Type.String({ maxLength: 20, description: 'Mã cơ quan nhận đơn; bỏ trống nếu chưa biết (khi đó chọn province)' })),
            province: Type.Optional(Type.String({ maxLength: 2, description: 'Mã tỉnh khi chưa biết cơ quan: chuyển Ban tiếp công dân tỉnh' })),
            kind: CaseKind,
            content: Type.String({ minLength: 1, maxLength: 10000 }),
            petitioner: Type.Optional(
              Type.Object({
                name: Type.Optional(Type.String({ maxLength: 200 })),
                address: Type.Optional(Type.String({ maxLength: 500 })),
                phone: Type.Optional(Type.String({ maxLength: 20 })),
                email: Type.Optional(Type.String({ maxLength: 254 })),
              }),
            ),
            consent: Type.Boolean({ description: 'Đồng ý cho cơ quan xử lý dữ liệu cá nhân trong đơn (bắt buộc)' }),
            website: Type.Optional(Type.String({ maxLength: 200, description: 'Để trống (chống thư rác)' })),
            attachments: Type.Optional(
              Type.Array(
                Type.Object({
                  fileName: Type.String({ maxLength: 200 }),
                  // Room above the cap so that an oversize file gets the explained "larger than 5 MB" message.
                  dataBase64: Type.String({ maxLength: Math.ceil((ATTACHMENT_LIMITS.maxFileBytes * 2 * 4) / 3) }),
                }),
                { maxItems: ATTACHMENT_LIMITS.maxFiles, description: 'Ảnh (JPEG, PNG, WebP, HEIC) hoặc PDF; tối đa 3 tệp, mỗi tệp 5 MB, tổng 10 MB' },
              ),
            ),
          },
          {
            examples: [
              {
                agency: '00004',
                kind: 'complaint',
                content: 'Khiếu nại Quyết định số 45/QĐ-UBND về mức bồi thường khi thu hồi đất ngõ 19 Kim Mã.',
                petitioner: { name: 'Trần Thị Bình', address: 'Ngõ 19 Kim Mã, Phường Ba Đình, Hà Nội', phone: '0987654321', email: 'binh@example.com' },
                consent: true,
              },
            ],
          },
        ),
        response: { 201: SubmitOut, 400: ErrorBody, 409: ErrorBody, 413: ErrorBody, 429: ErrorBody },
      },
    },
    async (request, reply) => {
      const b = request.body;
      const r = await submitPublicPetition(
        ctx,
        portal,
        { ...b, attachments: (b.attachments ?? []).map((a) => ({ fileName: a.fileName, data: Buffer.from(a.dataBase64, 'base64') })) },
        { idempotencyKey: request.headers['idempotency-key'] },
      );
      if (r.replayed) reply.header('idempotent-replayed', 'true');
      return reply.status(201).send(r.response);
    },
  );

  app.post(
    '/public/petitions/track',
    {
      config: { public: true, rateLimit: TRACK_LIMIT },
      schema: {
        operationId: 'trackPublicPetition',
        tags: ['portal', 'public'],
        summary: 'Tra cứu đơn bằng mã tra cứu và mật mã (hoặc số điện thoại đã khai): trạng thái, hạn giải quyết và cách tính, các thông báo. Sai mật mã trả 404 như mã không tồn tại.',
        security: [],
        body: Type.Object(Credentials),
        response: { 200: TrackOut, 400: ErrorBody, 404: ErrorBody, 429: ErrorBody },
      },
    },
    async (request) => trackPublicPetition(ctx, request.body),
  );

  app.post(
    '/public/petitions/rate',
    {
      config: { public: true, rateLimit: TRACK_LIMIT },
      schema: {
        operationId: 'ratePetition',
        tags: ['portal', 'public'],
        summary: 'Công dân đánh giá kết quả trả lời / giải quyết (hài lòng hoặc không, kèm ý kiến); đánh giá lại thay thế lần trước',
        security: [],
        body: Type.Object({ ...Credentials, satisfied: Type.Boolean(), comment: Type.Optional(Type.String({ maxLength: 2000 })) }),
        response: { 200: Type.Object({ satisfied: Type.Boolean(), comment: Nullable(Type.String()) }), 400: ErrorBody, 404: ErrorBody, 409: ErrorBody, 429: ErrorBody },
      },
    },
    async (request) => ratePetition(ctx, request.body),
  );

  app.get(
    '/public/answers',
    {
      config: { public: true, rateLimit: { max: 120, timeWindow: '1 minute' } },
      schema: {
        operationId: 'listPublicAnswers',
        tags: ['portal', 'public'],
        summary: 'Các nội dung trả lời, quyết định, kết luận cơ quan đã công khai (đã che thông tin cá nhân); tìm không dấu',
        security: [],
        querystring: Type.Object({
          q: Type.Optional(Type.String({ maxLength: 200 })),
          agency: Type.Optional(Type.String({ maxLength: 20, description: 'Cơ quan và cấp dưới' })),
          kind: Type.Optional(CaseKind),
          limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
          offset: Type.Integer({ minimum: 0, default: 0 }),
        }),
        response: {
          200: Type.Object({
            total: Type.Integer(),
            items: Type.Array(
              Type.Object({
                id: Type.String(),
                agencyCode: Type.String(),
                agencyName: Type.String(),
                kind: Type.String(),
                kindLabel: Type.String(),
                question: Type.String(),
                answer: Type.String(),
                publishedOn: Type.String(),
              }),
            ),
          }),
          400: ErrorBody,
        },
      },
    },
    async (request) => listPublicAnswers(ctx, request.query),
  );

  // ── Staff ──

  app.put(
    '/cases/:id/public-answer',
    {
      schema: {
        operationId: 'publishPublicAnswer',
        tags: ['portal'],
        summary: 'Công khai nội dung trả lời / quyết định / kết luận của vụ việc trên cổng (tự động che số điện thoại, số định danh, e-mail, tên người gửi)',
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        body: Type.Object({
          answer: Type.String({ minLength: 1, maxLength: 20000 }),
          question: Type.Optional(Type.String({ maxLength: 4000 })),
          previewDigest: Type.Optional(
            Type.String({ maxLength: 64, pattern: '^[0-9a-f]{64}$', description: 'Mã của bản xem trước đã xác nhận (previewPublicAnswer); bắt buộc với tố cáo, do thủ trưởng xác nhận' }),
          ),
        }),
        response: {
          200: Type.Object({ id: Type.String(), question: Type.String(), answer: Type.String(), publishedOn: Type.String() }),
          400: ErrorBody,
          401: ErrorBody,
          403: ErrorBody,
          404: ErrorBody,
          409: ErrorBody,
        },
      },
    },
    async (request) => {
      const r = await publishPublicAnswer(ctx, requireUser(request), request.params.id, request.body);
      return { id: r.id, question: r.question, answer: r.answer, publishedOn: r.publishedOn };
    },
  );

  const Suspects = Type.Array(Type.Object({ start: Type.Integer(), end: Type.Integer(), text: Type.String(), kind: Type.String() }));
  app.post(
    '/cases/:id/public-answer/preview',
    {
      schema: {
        operationId: 'previewPublicAnswer',
        tags: ['portal'],
        summary:
          'Xem trước nội dung sẽ công khai: văn bản đã che (tên không dấu, mọi dãy số của số định danh), các đoạn còn có thể là thông tin cá nhân để kiểm tra lại, và mã xác nhận để công khai',
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        body: Type.Object({ answer: Type.String({ minLength: 1, maxLength: 20000 }), question: Type.Optional(Type.String({ maxLength: 4000 })) }),
        response: {
          200: Type.Object({
            question: Type.String(),
            answer: Type.String(),
            digest: Type.String(),
            headConfirms: Type.Boolean({ description: 'Tố cáo: chỉ thủ trưởng xác nhận công khai' }),
            remaining: Type.Object({ question: Suspects, answer: Suspects }),
          }),
          400: ErrorBody,
          401: ErrorBody,
          403: ErrorBody,
          404: ErrorBody,
          409: ErrorBody,
        },
      },
    },
    async (request) => previewPublicAnswer(ctx, requireUser(request), request.params.id, request.body),
  );

  app.delete(
    '/cases/:id/public-answer',
    {
      schema: {
        operationId: 'withdrawPublicAnswer',
        tags: ['portal'],
        summary: 'Gỡ nội dung đã công khai',
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        response: { 204: Type.Null(), 401: ErrorBody, 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (request, reply) => {
      await withdrawPublicAnswer(ctx, requireUser(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/cases/:id/attachments',
    {
      schema: {
        operationId: 'listCaseAttachments',
        tags: ['portal'],
        summary: 'Tệp công dân gửi kèm đơn trực tuyến (tố cáo: chỉ người xử lý đơn, tiếp công dân, thủ trưởng)',
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        response: {
          200: Type.Object({
            items: Type.Array(
              Type.Object({ id: Type.String(), fileName: Type.String(), contentType: Type.String(), sizeBytes: Type.Integer(), sha256: Type.String(), createdAt: Type.String() }),
            ),
          }),
          401: ErrorBody,
          404: ErrorBody,
        },
      },
    },
    async (request) => ({ items: await listCaseAttachments(ctx, requireUser(request), request.params.id) }),
  );

  // Scans and photos attached by staff: the raw file is the body (image/jpeg, image/png, image/webp, image/heic,
  // application/pdf), its name in `?fileName=`; the type is checked from the bytes, not the header.
  app.register(async (sub) => {
    sub.addContentTypeParser(['image/jpeg', 'image/png', 'image/webp', 'image/heic', 'image/heif', 'application/pdf', 'application/octet-stream'], { parseAs: 'buffer', bodyLimit: ATTACHMENT_LIMITS.maxFileBytes + 1024 }, (_req, body, done) => done(null, body));
    (sub as unknown as App).post(
      '/cases/:id/attachments',
      {
        schema: {
          operationId: 'uploadCaseAttachment',
          tags: ['cases'],
          summary: 'Đính kèm bản quét, ảnh hoặc PDF vào hồ sơ (thân yêu cầu là tệp; tối đa 5 MB; mã hóa khi lưu)',
          params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
          querystring: Type.Object({ fileName: Type.String({ minLength: 1, maxLength: 200 }) }),
          response: {
            201: Type.Object({ id: Type.String(), fileName: Type.String(), contentType: Type.String(), sizeBytes: Type.Integer(), sha256: Type.String(), createdAt: Type.String() }),
            400: ErrorBody,
            401: ErrorBody,
            403: ErrorBody,
            404: ErrorBody,
            413: ErrorBody,
          },
        },
      },
      async (request, reply) => {
        const data = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
        const query = request.query as { fileName: string };
        const params = request.params as { id: string };
        return reply.status(201).send(await uploadCaseAttachment(ctx, portal, requireUser(request), params.id, { fileName: query.fileName, data }));
      },
    );
  });

  app.get(
    '/attachments/:id',
    {
      schema: {
        operationId: 'downloadAttachment',
        tags: ['portal'],
        summary: 'Tải một tệp đính kèm (giải mã khi đọc)',
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        response: { 200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary' }), 401: ErrorBody, 404: ErrorBody },
      },
    },
    async (request, reply) => {
      const f = await readAttachment(ctx, portal, requireUser(request), request.params.id);
      return reply
        .header('content-type', f.contentType)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(f.fileName)}`)
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-store')
        .send(f.data);
    },
  );

  app.get(
    '/ratings/summary',
    {
      schema: {
        operationId: 'getRatingSummary',
        tags: ['portal', 'reports'],
        summary: 'Số đánh giá hài lòng / không hài lòng của công dân với kết quả trả lời, theo cơ quan (và cấp dưới) và kỳ',
        querystring: Type.Object({ agency: Type.String({ maxLength: 20 }), from: Type.Optional(IsoDate()), to: Type.Optional(IsoDate()) }),
        response: {
          200: Type.Object({ agency: Type.String(), satisfied: Type.Integer(), unsatisfied: Type.Integer(), total: Type.Integer() }),
          400: ErrorBody,
          401: ErrorBody,
          404: ErrorBody,
        },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const a = await agencyByCode(ctx.db, request.query.agency);
      if (!a || !canSee(user, a.path)) throw notFound();
      return { agency: a.code, ...(await ratingCounts(ctx.db, { agencyPath: a.path, from: request.query.from, to: request.query.to })) };
    },
  );
}
