/**
 * HTTP surface of issue 21 (consultation at national scale): false attribution (public flag, staff review), burst
 * flags, opinion groups (clusterOpinions, listOpinionGroups) and the campaign-grouped reading list. The portal's
 * submitOpinion (routes.ts) goes through the group-commit batcher.
 */
import { Type } from 'typebox';
import type { App, AppContext } from '../../context.ts';
import { requireUser } from '../../context.ts';
import { ErrorBody } from '../shared-schemas.ts';
import { flagFalseAttribution, listFlags, reviewAttributionFlag } from './flags.ts';
import { clusterOpinions, listOpinionCampaigns, listOpinionGroups } from './opinion-groups.ts';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const Id = Type.Object({ id: Type.String({ format: 'uuid' }) });
const Errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const tags = ['consultation'];

const FlagOut = Type.Object({
  id: Type.String(),
  kind: Type.String({ description: 'false-attribution | burst' }),
  status: Type.String({ description: 'pending | upheld | rejected' }),
  section: Nullable(Type.String()),
  opinionId: Nullable(Type.String()),
  source: Nullable(Type.String({ description: "burst: 'ip:<keyed hash>' or 'officer:<user id>'" })),
  windowStart: Nullable(Type.String()),
  opinions: Nullable(Type.Integer()),
  reason: Nullable(Type.String()),
  reviewNote: Nullable(Type.String()),
  reviewedAt: Nullable(Type.String()),
  createdAt: Type.String(),
});

const GroupSection = Type.Object({ section: Type.String(), heading: Type.String(), share: Type.Number(), others: Type.Number() });
const ClusteringOut = Type.Object({
  id: Type.String(),
  seed: Type.Integer(),
  k: Type.Integer(),
  participants: Type.Integer(),
  sections: Type.Integer(),
  explained: Type.Array(Type.Number()),
  groups: Type.Array(
    Type.Object({ label: Type.String(), size: Type.Integer(), agrees: Type.Array(GroupSection), disagrees: Type.Array(GroupSection), suggestedTheme: Type.String() }),
  ),
  createdAt: Type.String(),
});

export function registerConsultationScaleRoutes(app: App, ctx: AppContext) {
  app.post(
    '/public/consultations/:id/false-attribution',
    {
      config: { public: true, rateLimit: { max: 20, timeWindow: '10 minutes' } },
      schema: {
        operationId: 'flagFalseAttribution',
        tags: [...tags, 'public'],
        summary:
          'Báo ý kiến bị gửi mạo danh: xác thực bằng mã một lần (như khi góp ý); các ý kiến được tính dưới số điện thoại / e-mail này (tất cả, hoặc các điều, khoản nêu) bị rút khỏi kết quả ngay, chờ cơ quan xem xét; chỉ được tính lại nếu báo cáo bị bác.',
        security: [],
        params: Id,
        body: Type.Object({
          requestId: Type.String({ maxLength: 40 }),
          code: Type.String({ minLength: 4, maxLength: 10 }),
          sections: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 80 }), { maxItems: 500 })),
          reason: Type.Optional(Type.String({ maxLength: 2000 })),
        }),
        response: {
          201: Type.Object({
            flagged: Type.Integer(),
            opinions: Type.Array(Type.Object({ flagId: Type.String(), section: Type.String(), stance: Type.String(), channel: Type.String(), submittedAt: Type.String() })),
            notice: Type.String(),
          }),
          400: ErrorBody,
          404: ErrorBody,
          429: ErrorBody,
        },
      },
    },
    async (request, reply) => reply.status(201).send(await flagFalseAttribution(ctx, request.params.id, request.body)),
  );

  app.get(
    '/consultations/:id/flags',
    {
      schema: {
        operationId: 'listConsultationFlags',
        tags,
        summary: 'Báo cáo mạo danh và cảnh báo gửi dồn dập (một nguồn, một cán bộ nhập thay) chờ xem xét hoặc đã xem xét',
        params: Id,
        querystring: Type.Object({ status: Type.Optional(Type.Union([Type.Literal('pending'), Type.Literal('upheld'), Type.Literal('rejected')])) }),
        response: { 200: Type.Object({ items: Type.Array(FlagOut) }), ...Errors },
      },
    },
    async (request) => ({ items: await listFlags(ctx, requireUser(request), request.params.id, request.query.status) }),
  );

  app.post(
    '/consultations/:id/flags/:flagId/review',
    {
      schema: {
        operationId: 'reviewConsultationFlag',
        tags,
        summary:
          'Xem xét: «upheld» — xác nhận mạo danh (ý kiến bị loại hẳn) hoặc bất thường; «rejected» — bác báo cáo (ý kiến được tính lại, trừ khi người đó đã gửi ý kiến mới về cùng điều, khoản). Ghi nhật ký.',
        params: Type.Object({ id: Type.String({ format: 'uuid' }), flagId: Type.String({ format: 'uuid' }) }),
        body: Type.Object({ decision: Type.Union([Type.Literal('upheld'), Type.Literal('rejected')]), note: Type.String({ minLength: 1, maxLength: 2000 }) }),
        response: { 200: FlagOut, ...Errors },
      },
    },
    async (request) => reviewAttributionFlag(ctx, requireUser(request), request.params.id, request.params.flagId, request.body),
  );

  app.post(
    '/consultations/:id/opinion-groups',
    {
      schema: {
        operationId: 'clusterOpinions',
        tags,
        summary:
          'Phân nhóm người góp ý theo ý kiến của họ trên các điều, khoản (PCA chính xác + k-means, kết quả cố định theo hạt giống); mỗi nhóm kèm các điều, khoản nhóm tán thành / không tán thành và gợi ý chủ đề cho báo cáo tổng hợp',
        params: Id,
        body: Type.Object({ seed: Type.Optional(Type.Integer({ minimum: 0, maximum: 2_147_483_647 })), k: Type.Optional(Type.Integer({ minimum: 2, maximum: 8 })) }),
        response: { 201: ClusteringOut, ...Errors },
      },
    },
    async (request, reply) => reply.status(201).send(await clusterOpinions(ctx, requireUser(request), request.params.id, request.body)),
  );

  app.get(
    '/consultations/:id/opinion-groups',
    {
      schema: {
        operationId: 'listOpinionGroups',
        tags,
        summary: 'Các nhóm ý kiến của lần phân nhóm gần nhất (null khi chưa phân nhóm)',
        params: Id,
        response: { 200: Type.Object({ clustering: Nullable(ClusteringOut) }), ...Errors },
      },
    },
    async (request) => ({ clustering: await listOpinionGroups(ctx, requireUser(request), request.params.id) }),
  );

  app.get(
    '/consultations/:id/reading-list',
    {
      schema: {
        operationId: 'listOpinionCampaigns',
        tags,
        summary:
          'Danh sách đọc ý kiến của một điều, khoản: các ý kiến gần như trùng nhau (chiến dịch gửi hàng loạt) gộp thành một mục với số lượng và các biến thể, cạnh các ý kiến riêng lẻ; số đếm theo ý kiến vẫn tính từng người',
        params: Id,
        querystring: Type.Object({ section: Type.String({ minLength: 1, maxLength: 80 }), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 2000 })) }),
        response: {
          200: Type.Object({
            section: Type.String(),
            opinions: Type.Integer(),
            campaigns: Type.Integer(),
            entries: Type.Array(
              Type.Object({
                kind: Type.Union([Type.Literal('campaign'), Type.Literal('single')]),
                count: Type.Integer(),
                text: Type.String(),
                variants: Type.Array(Type.Object({ text: Type.String(), count: Type.Integer() })),
                variantCount: Type.Integer(),
                byStance: Type.Record(Type.String(), Type.Integer()),
                opinionIds: Type.Array(Type.String()),
              }),
            ),
          }),
          ...Errors,
        },
      },
    },
    async (request) => listOpinionCampaigns(ctx, requireUser(request), request.params.id, request.query.section, request.query.limit ? { limit: request.query.limit } : {}),
  );
}
