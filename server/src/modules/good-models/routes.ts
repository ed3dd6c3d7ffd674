/**
 * "Dân vận khéo" models (issue 15, PARTICIPATION.md part (d)): campaigns, the model lifecycle (register → evidence →
 * self-assessment → assessment by the level above → recognition or return → replication → yearly check), the
 * figures, and the public gallery's JSON API and open data. The portal pages are in pages.ts.
 */
import { Type } from 'typebox';
import { and, asc, desc, eq, or, sql, type SQL } from 'drizzle-orm';
import { pathWithin } from '@danvan/domain/roles';
import type { App, AppContext } from '../../context.ts';
import { requireUser } from '../../context.ts';
import { agencies, goodModels, modelAssessments, modelCampaigns, modelChecks, modelEvidence, users } from '../../db/schema.ts';
import { notFound } from '../../plugins/errors.ts';
import { ErrorBody, IsoDate } from '../shared-schemas.ts';
import { canSee, scopeCondition, subtreeCondition, type CurrentUser } from '../auth/current-user.ts';
import { agencyByCode } from '../agencies/queries.ts';
import type { PortalOptions } from '../portal/options.ts';
import { decryptFile } from '../portal/storage.ts';
import { createModelCampaign } from './create-campaign.ts';
import { registerModel, replicateModel } from './register-model.ts';
import { addModelEvidence, presentEvidence } from './add-evidence.ts';
import { selfAssessModel } from './self-assess.ts';
import { assessModel } from './assess-model.ts';
import { recognizeModel } from './recognize-model.ts';
import { checkModelMaintained } from './check-model.ts';
import { figuresFor } from './figures.ts';
import './report-section.ts';
import './evidence-refs-participation.ts'; // consultations and grassroots votes as evidence (read-only resolvers)
import { getPublicModel, listPublicModels, openDataRows, publicModelPhoto, toCsv } from './public-models.ts';
import { agencyLabel, presentCampaign, presentModel, visibleCampaign, visibleModel } from './queries.ts';
import { recordModelAward, modelAwardsOf } from './awards.ts';
import { AwardOut, CampaignBody, CampaignOut, EvidenceOut, FiguresT, ModelKindT, ModelOut, ModelStatusT, PublicModelDetail, PublicModelOut, PublicQueryT, RefTypeT, ScoreT } from './schemas.ts';

const TAGS = ['good-models'];
const Id = Type.Object({ id: Type.String({ format: 'uuid' }) });
const ModelResult = Type.Object({ model: ModelOut });
const EVIDENCE_BODY_LIMIT = 8 * 1024 * 1024;

/** Campaigns the user can see: launched within their subtrees, or by an agency above one of their grants. */
function campaignScope(user: CurrentUser): SQL {
  const roots = [...new Set(user.grants.map((g) => g.agencyPath))];
  if (!roots.length) return sql`false`;
  return or(scopeCondition(user, modelCampaigns.agencyPath), ...roots.map((r) => sql`${r} like ${modelCampaigns.agencyPath} || '/%'`))!;
}

async function modelDetail(ctx: AppContext, user: CurrentUser, id: string) {
  const { model, campaign } = await visibleModel(ctx.db, user, id);
  const agency = await agencyLabel(ctx.db, model.agencyId);
  const evidence = await ctx.db.select().from(modelEvidence).where(eq(modelEvidence.modelId, id)).orderBy(asc(modelEvidence.createdAt));
  const assessments = await ctx.db
    .select({ a: modelAssessments, assessor: users.displayName, agency: agencies.fullName })
    .from(modelAssessments)
    .innerJoin(users, eq(users.id, modelAssessments.assessorId))
    .innerJoin(agencies, eq(agencies.id, modelAssessments.assessorAgencyId))
    .where(eq(modelAssessments.modelId, id))
    .orderBy(asc(modelAssessments.createdAt));
  const checks = await ctx.db.select().from(modelChecks).where(eq(modelChecks.modelId, id)).orderBy(asc(modelChecks.year));
  const replicas = await ctx.db
    .select({ id: goodModels.id, title: goodModels.title, status: goodModels.status, year: goodModels.year, agency: agencies.fullName, path: goodModels.agencyPath })
    .from(goodModels)
    .innerJoin(agencies, eq(agencies.id, goodModels.agencyId))
    .where(eq(goodModels.replicatedFromId, id));
  return {
    model: presentModel(model, agency, campaign),
    campaign: presentCampaign(campaign, await agencyLabel(ctx.db, campaign.agencyId)),
    evidence: evidence.map(presentEvidence),
    assessments: assessments.map((r) => ({ id: r.a.id, assessor: r.assessor, agency: r.agency, scores: r.a.scores as { criterion: string; score: number; comment?: string }[], total: r.a.total, comment: r.a.comment, createdAt: r.a.createdAt.toISOString() })),
    checks: checks.map((c) => ({ year: c.year, maintained: c.maintained, note: c.note })),
    awards: await modelAwardsOf(ctx.db, id),
    // Replications in units the user cannot see are named, not linked.
    replications: replicas.map((r) => ({ id: canSee(user, r.path) || r.status === 'recognized' ? r.id : null, title: r.title, agency: r.agency, year: r.year, status: r.status })),
  };
}

export function registerGoodModelRoutes(app: App, ctx: AppContext, portal: PortalOptions) {
  app.post(
    '/model-campaigns',
    {
      schema: {
        operationId: 'createModelCampaign',
        tags: TAGS,
        summary: 'Phát động phong trào «Dân vận khéo» (hằng năm hoặc tổng kết giai đoạn): tiêu chí theo loại (mô hình, điển hình), lĩnh vực, thang điểm, mức công nhận — dữ liệu do tỉnh/bộ tự đặt; bỏ trống dùng mặc định',
        body: CampaignBody,
        response: { 201: Type.Object({ campaign: CampaignOut }), 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (request, reply) => {
      const r = await createModelCampaign(ctx, requireUser(request), request.body);
      return reply.status(201).send({ campaign: presentCampaign(r.campaign, { code: r.agency.code, name: r.agency.fullName }) });
    },
  );

  app.get(
    '/model-campaigns',
    {
      schema: {
        operationId: 'listModelCampaigns',
        tags: TAGS,
        summary: 'Các đợt phát động trong phạm vi (của cơ quan mình, cấp dưới, và của cấp trên mà đơn vị mình tham gia)',
        querystring: Type.Object({ year: Type.Optional(Type.Integer({ minimum: 2009, maximum: 2100 })) }),
        response: { 200: Type.Object({ items: Type.Array(CampaignOut) }), 401: ErrorBody },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const conds: SQL[] = [campaignScope(user)];
      if (request.query.year) conds.push(sql`${request.query.year} between ${modelCampaigns.fromYear} and ${modelCampaigns.toYear}`);
      const rows = await ctx.db
        .select({ c: modelCampaigns, code: agencies.code, name: agencies.fullName })
        .from(modelCampaigns)
        .innerJoin(agencies, eq(agencies.id, modelCampaigns.agencyId))
        .where(and(...conds))
        .orderBy(desc(modelCampaigns.fromYear), asc(modelCampaigns.title))
        .limit(500);
      return { items: rows.map((r) => presentCampaign(r.c, { code: r.code, name: r.name })) };
    },
  );

  app.get(
    '/model-campaigns/:id',
    {
      schema: { operationId: 'getModelCampaign', tags: TAGS, summary: 'Một đợt phát động', params: Id, response: { 200: Type.Object({ campaign: CampaignOut }), 401: ErrorBody, 404: ErrorBody } },
    },
    async (request) => {
      const c = await visibleCampaign(ctx.db, requireUser(request), request.params.id);
      return { campaign: presentCampaign(c, await agencyLabel(ctx.db, c.agencyId)) };
    },
  );

  app.post(
    '/models',
    {
      schema: {
        operationId: 'registerModel',
        tags: TAGS,
        summary: 'Đơn vị cấp dưới của cơ quan phát động đăng ký xây dựng mô hình / điển hình (đầu năm)',
        body: Type.Object({
          campaignId: Type.String({ format: 'uuid' }),
          agency: Type.String({ minLength: 1, maxLength: 20, description: 'Mã đơn vị xây dựng mô hình' }),
          kind: ModelKindT,
          field: Type.String({ minLength: 1, maxLength: 60 }),
          title: Type.String({ minLength: 1, maxLength: 300 }),
          story: Type.String({ minLength: 1, maxLength: 20000, description: 'Nội dung, cách làm, kết quả (công khai khi được công nhận)' }),
          year: Type.Optional(Type.Integer({ minimum: 2009, maximum: 2100 })),
        }),
        response: { 201: ModelResult, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (request, reply) => {
      const r = await registerModel(ctx, requireUser(request), request.body);
      return reply.status(201).send({ model: presentModel(r.model, r.agency, r.campaign) });
    },
  );

  app.get(
    '/models',
    {
      schema: {
        operationId: 'listModels',
        tags: TAGS,
        summary: 'Mô hình, điển hình trong phạm vi của người dùng',
        querystring: Type.Object({
          agency: Type.Optional(Type.String({ maxLength: 20 })),
          campaignId: Type.Optional(Type.String({ format: 'uuid' })),
          status: Type.Optional(ModelStatusT),
          year: Type.Optional(Type.Integer({ minimum: 2009, maximum: 2100 })),
          limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
          offset: Type.Integer({ minimum: 0, default: 0 }),
        }),
        response: { 200: Type.Object({ total: Type.Integer(), items: Type.Array(ModelOut) }), 401: ErrorBody, 404: ErrorBody },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const q = request.query;
      const conds: SQL[] = [scopeCondition(user, goodModels.agencyPath)];
      if (q.agency) {
        const a = await agencyByCode(ctx.db, q.agency);
        if (!a || !canSee(user, a.path)) throw notFound();
        conds.push(subtreeCondition(a.path, goodModels.agencyPath));
      }
      if (q.campaignId) conds.push(eq(goodModels.campaignId, q.campaignId));
      if (q.status) conds.push(eq(goodModels.status, q.status));
      if (q.year) conds.push(eq(goodModels.year, q.year));
      const where = and(...conds);
      const [{ total } = { total: 0 }] = await ctx.db.select({ total: sql<number>`count(*)` }).from(goodModels).where(where);
      const rows = await ctx.db
        .select({ m: goodModels, c: modelCampaigns, code: agencies.code, name: agencies.fullName })
        .from(goodModels)
        .innerJoin(modelCampaigns, eq(modelCampaigns.id, goodModels.campaignId))
        .innerJoin(agencies, eq(agencies.id, goodModels.agencyId))
        .where(where)
        .orderBy(desc(goodModels.updatedAt))
        .limit(q.limit)
        .offset(q.offset);
      return { total: Number(total), items: rows.map((r) => presentModel(r.m, { code: r.code, name: r.name }, r.c)) };
    },
  );

  app.get(
    '/models/:id',
    {
      schema: {
        operationId: 'getModel',
        tags: TAGS,
        summary: 'Một mô hình: minh chứng, điểm chấm, kiểm tra duy trì hằng năm, nơi nhân rộng',
        params: Id,
        response: {
          200: Type.Object({
            model: ModelOut,
            campaign: CampaignOut,
            evidence: Type.Array(EvidenceOut),
            assessments: Type.Array(Type.Object({ id: Type.String(), assessor: Type.String(), agency: Type.String(), scores: Type.Array(ScoreT), total: Type.Integer(), comment: Type.Union([Type.String(), Type.Null()]), createdAt: Type.String() })),
            checks: Type.Array(Type.Object({ year: Type.Integer(), maintained: Type.Boolean(), note: Type.Union([Type.String(), Type.Null()]) })),
            replications: Type.Array(Type.Object({ id: Type.Union([Type.String(), Type.Null()]), title: Type.String(), agency: Type.String(), year: Type.Integer(), status: Type.String() })),
            awards: Type.Array(AwardOut),
          }),
          401: ErrorBody,
          404: ErrorBody,
        },
      },
    },
    async (request) => modelDetail(ctx, requireUser(request), request.params.id),
  );

  app.post(
    '/models/:id/evidence',
    {
      bodyLimit: EVIDENCE_BODY_LIMIT,
      schema: {
        operationId: 'addModelEvidence',
        tags: TAGS,
        summary: 'Thêm minh chứng: tệp/ảnh (ảnh có bản công khai đã thu nhỏ và bỏ EXIF) và/hoặc liên kết hồ sơ DânVận của đơn vị (vụ việc đã giải quyết; đối thoại, cam kết… khi có phân hệ)',
        params: Id,
        body: Type.Object({
          title: Type.String({ minLength: 1, maxLength: 300 }),
          file: Type.Optional(Type.Object({ fileName: Type.String({ minLength: 1, maxLength: 255 }), dataBase64: Type.String({ minLength: 1, maxLength: 7_000_000 }) })),
          ref: Type.Optional(Type.Object({ type: RefTypeT, id: Type.String({ minLength: 1, maxLength: 60, description: 'id hoặc mã hồ sơ' }) })),
        }),
        response: { 201: Type.Object({ evidence: EvidenceOut }), 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody },
      },
    },
    async (request, reply) => reply.status(201).send({ evidence: presentEvidence(await addModelEvidence(ctx, portal, requireUser(request), request.params.id, request.body)) }),
  );

  app.get(
    '/models/:id/evidence/:evidenceId/file',
    {
      schema: {
        operationId: 'downloadModelEvidence',
        tags: TAGS,
        summary: 'Tải tệp minh chứng gốc (cán bộ trong phạm vi)',
        params: Type.Object({ id: Type.String({ format: 'uuid' }), evidenceId: Type.String({ format: 'uuid' }) }),
        response: { 200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary' }), 401: ErrorBody, 404: ErrorBody },
      },
    },
    async (request, reply) => {
      const { model } = await visibleModel(ctx.db, requireUser(request), request.params.id);
      const [e] = await ctx.db.select().from(modelEvidence).where(and(eq(modelEvidence.id, request.params.evidenceId), eq(modelEvidence.modelId, model.id)));
      if (!e?.storageKey || !e.dataKey) throw notFound();
      const data = decryptFile(ctx.sealer, await portal.storage.get(e.storageKey), e.dataKey);
      return reply
        .header('content-type', e.contentType ?? 'application/octet-stream')
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(e.fileName ?? 'minh-chung')}`)
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-store')
        .send(data);
    },
  );

  app.post(
    '/models/:id/self-assessment',
    {
      schema: {
        operationId: 'selfAssessModel',
        tags: TAGS,
        summary: 'Đơn vị tự đánh giá theo từng tiêu chí và gửi cấp trên thẩm định',
        params: Id,
        body: Type.Object({ scores: Type.Array(ScoreT, { maxItems: 30 }) }),
        response: { 200: ModelResult, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody },
      },
    },
    async (request) => {
      const r = await selfAssessModel(ctx, requireUser(request), request.params.id, request.body.scores);
      return { model: presentModel(r.model, await agencyLabel(ctx.db, r.model.agencyId), r.campaign) };
    },
  );

  app.post(
    '/models/:id/assessments',
    {
      schema: {
        operationId: 'assessModel',
        tags: TAGS,
        summary: 'Cấp trên chấm điểm từng tiêu chí, có nhận xét; không ai chấm mô hình của chính đơn vị mình (403)',
        params: Id,
        body: Type.Object({ scores: Type.Array(ScoreT, { maxItems: 30 }), comment: Type.Optional(Type.String({ maxLength: 5000 })) }),
        response: { 200: Type.Object({ model: ModelOut, total: Type.Integer(), max: Type.Integer() }), 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody },
      },
    },
    async (request) => {
      const r = await assessModel(ctx, requireUser(request), request.params.id, request.body);
      return { model: presentModel(r.model, await agencyLabel(ctx.db, r.model.agencyId), r.campaign), total: r.assessment.total, max: r.max };
    },
  );

  app.post(
    '/models/:id/decision',
    {
      schema: {
        operationId: 'recognizeModel',
        tags: TAGS,
        summary: 'Công nhận ở một mức của đợt phát động (điểm bình quân phải đạt ngưỡng) hoặc trả lại kèm lý do',
        params: Id,
        body: Type.Union([
          Type.Object({ decision: Type.Literal('recognize'), level: Type.String({ minLength: 1, maxLength: 60 }), note: Type.Optional(Type.String({ maxLength: 2000 })) }),
          Type.Object({ decision: Type.Literal('return'), reasons: Type.String({ minLength: 1, maxLength: 5000 }) }),
        ]),
        response: { 200: ModelResult, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody },
      },
    },
    async (request) => {
      const r = await recognizeModel(ctx, requireUser(request), request.params.id, request.body);
      return { model: presentModel(r.model, await agencyLabel(ctx.db, r.model.agencyId), r.campaign) };
    },
  );

  app.post(
    '/models/:id/awards',
    {
      schema: {
        operationId: 'recordModelAward',
        tags: TAGS,
        summary: 'Ghi quyết định khen thưởng mô hình đã được công nhận: hình thức / mức khen, số và ngày quyết định, người ký (cấp trên của đơn vị)',
        params: Id,
        body: Type.Object({
          level: Type.String({ minLength: 1, maxLength: 300, description: 'Hình thức khen thưởng, ví dụ «Bằng khen của Chủ tịch UBND Thành phố»' }),
          decisionNo: Type.String({ minLength: 1, maxLength: 100 }),
          decidedOn: IsoDate('Ngày quyết định khen thưởng'),
          signer: Type.String({ minLength: 1, maxLength: 300, description: 'Người ký (họ tên, chức vụ)' }),
        }),
        response: { 201: Type.Object({ award: AwardOut }), 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody },
      },
    },
    async (request, reply) => reply.status(201).send({ award: await recordModelAward(ctx, requireUser(request), request.params.id, request.body) }),
  );

  app.post(
    '/models/:id/replications',
    {
      schema: {
        operationId: 'replicateModel',
        tags: TAGS,
        summary: 'Một đơn vị khác nhân rộng mô hình đã được công nhận: đăng ký mới, liên kết với mô hình gốc',
        params: Id,
        body: Type.Object({
          agency: Type.String({ minLength: 1, maxLength: 20 }),
          campaignId: Type.Optional(Type.String({ format: 'uuid' })),
          title: Type.Optional(Type.String({ minLength: 1, maxLength: 300 })),
          story: Type.Optional(Type.String({ minLength: 1, maxLength: 20000 })),
          year: Type.Optional(Type.Integer({ minimum: 2009, maximum: 2100 })),
        }),
        response: { 201: ModelResult, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody },
      },
    },
    async (request, reply) => {
      const r = await replicateModel(ctx, requireUser(request), request.params.id, request.body);
      return reply.status(201).send({ model: presentModel(r.model, r.agency, r.campaign) });
    },
  );

  app.post(
    '/models/:id/checks',
    {
      schema: {
        operationId: 'checkModelMaintained',
        tags: TAGS,
        summary: 'Kiểm tra hằng năm: mô hình đã công nhận còn được duy trì hay không (chống hình thức)',
        params: Id,
        body: Type.Object({ year: Type.Integer({ minimum: 2009, maximum: 2100 }), maintained: Type.Boolean(), note: Type.Optional(Type.String({ maxLength: 2000 })) }),
        response: { 200: Type.Object({ year: Type.Integer(), maintained: Type.Boolean() }), 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody },
      },
    },
    async (request) => {
      const c = await checkModelMaintained(ctx, requireUser(request), request.params.id, request.body);
      return { year: c.year, maintained: c.maintained };
    },
  );

  app.get(
    '/model-figures',
    {
      schema: {
        operationId: 'getModelFigures',
        tags: TAGS,
        summary: 'Số liệu «Dân vận khéo» của một cơ quan (gồm cấp dưới) theo năm hoặc giai đoạn: đăng ký, công nhận, mới, nhân rộng, duy trì, không duy trì, chưa kiểm tra; từng đơn vị trực thuộc',
        querystring: Type.Object({ agency: Type.String({ minLength: 1, maxLength: 20 }), fromYear: Type.Integer({ minimum: 2009, maximum: 2100 }), toYear: Type.Optional(Type.Integer({ minimum: 2009, maximum: 2100 })) }),
        response: {
          200: Type.Object({
            agency: Type.Object({ code: Type.String(), name: Type.String() }),
            fromYear: Type.Integer(),
            toYear: Type.Integer(),
            total: FiguresT,
            byKind: Type.Object({ model: FiguresT, exemplar: FiguresT }),
            children: Type.Array(Type.Intersect([Type.Object({ code: Type.String(), name: Type.String() }), FiguresT])),
          }),
          400: ErrorBody,
          401: ErrorBody,
          404: ErrorBody,
        },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const q = request.query;
      const a = await agencyByCode(ctx.db, q.agency);
      if (!a || !canSee(user, a.path)) throw notFound();
      const toYear = Math.max(q.toYear ?? q.fromYear, q.fromYear);
      const f = await figuresFor(ctx.db, a.path, q.fromYear, toYear);
      const childPaths = [...f.byChild.keys()].filter(Boolean);
      const names = childPaths.length
        ? await ctx.db.select({ path: agencies.path, code: agencies.code, name: agencies.fullName }).from(agencies).where(sql`${agencies.path} in (${sql.join(childPaths.map((p) => sql`${p}`), sql`, `)})`)
        : [];
      const children = names
        .filter((n) => pathWithin(n.path, a.path))
        .map((n) => ({ code: n.code, name: n.name, ...f.byChild.get(n.path)! }))
        .sort((x, y) => x.code.localeCompare(y.code));
      return { agency: { code: a.code, name: a.fullName }, fromYear: q.fromYear, toYear, total: f.total, byKind: f.byKind, children };
    },
  );

  // ── Public gallery (no login) ──
  const publicConfig = { public: true, rateLimit: { max: 120, timeWindow: '1 minute' } };
  app.get(
    '/public/models',
    {
      config: publicConfig,
      schema: {
        operationId: 'listPublicModels',
        tags: [...TAGS, 'public'],
        summary: 'Thư viện công khai các mô hình, điển hình «Dân vận khéo» đã được công nhận: tìm kiếm không dấu, lọc theo tỉnh, lĩnh vực, năm, loại',
        security: [],
        querystring: Type.Intersect([PublicQueryT, Type.Object({ limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }), offset: Type.Integer({ minimum: 0, maximum: 100_000, default: 0 }) })]),
        response: { 200: Type.Object({ total: Type.Integer(), items: Type.Array(PublicModelOut) }), 400: ErrorBody, 429: ErrorBody },
      },
    },
    async (request) => listPublicModels(ctx, request.query),
  );

  app.get(
    '/public/models/:id',
    {
      config: publicConfig,
      schema: {
        operationId: 'getPublicModel',
        tags: [...TAGS, 'public'],
        summary: 'Một mô hình đã công nhận: câu chuyện, ảnh minh chứng (đã bỏ thông tin vị trí), kết quả liên kết từ hồ sơ DânVận, kiểm tra duy trì, nơi nhân rộng',
        security: [],
        params: Id,
        response: { 200: Type.Object({ model: PublicModelDetail }), 400: ErrorBody, 404: ErrorBody, 429: ErrorBody },
      },
    },
    async (request) => ({ model: await getPublicModel(ctx, request.params.id) }),
  );

  app.get(
    '/public/models/:id/photos/:evidenceId',
    {
      config: { public: true, rateLimit: { max: 300, timeWindow: '1 minute' } },
      schema: {
        operationId: 'getPublicModelPhoto',
        tags: [...TAGS, 'public'],
        summary: 'Bản công khai của ảnh minh chứng (JPEG đã thu nhỏ, không còn EXIF/GPS)',
        security: [],
        params: Type.Object({ id: Type.String({ format: 'uuid' }), evidenceId: Type.String({ format: 'uuid' }) }),
        response: { 200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary' }), 400: ErrorBody, 404: ErrorBody, 429: ErrorBody },
      },
    },
    async (request, reply) => {
      const data = await publicModelPhoto(ctx, portal, request.params.id, request.params.evidenceId);
      return reply.header('content-type', 'image/jpeg').header('x-content-type-options', 'nosniff').header('cache-control', 'public, max-age=86400').send(data);
    },
  );

  app.get(
    '/public/models-open-data',
    {
      config: { public: true, rateLimit: { max: 20, timeWindow: '1 minute' } },
      schema: {
        operationId: 'exportPublicModels',
        tags: [...TAGS, 'public'],
        summary: 'Dữ liệu mở: danh sách mô hình đã công nhận (CSV UTF-8 hoặc JSON), cùng bộ lọc với thư viện',
        security: [],
        querystring: Type.Intersect([PublicQueryT, Type.Object({ format: Type.Enum(['csv', 'json'], { default: 'csv' }) })]),
        response: { 200: Type.Unsafe<unknown>({ description: 'text/csv hoặc application/json' }), 400: ErrorBody, 429: ErrorBody },
      },
    },
    async (request, reply) => {
      const { format, ...filters } = request.query;
      const rows = await openDataRows(ctx, filters);
      if (format === 'json') return reply.header('content-type', 'application/json; charset=utf-8').send(JSON.stringify({ items: rows }));
      return reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="mo-hinh-dan-van-kheo.csv"').send(toCsv(rows));
    },
  );
}
