/**
 * HTTP surface of public consultation on drafts (issue 20): staff operations under /consultations, public ones
 * under /public/consultations (rate-limited; opinions with an Idempotency-Key). The portal pages call the same
 * use cases (pages.ts).
 */
import { Type, type Static } from 'typebox';
import { asc, desc, eq } from 'drizzle-orm';
import { AGE_BANDS, CATEGORIES, CONSULTATION_KINDS, STANCES, SUBJECTS, THEME_OUTCOMES } from '@danvan/domain/consultation/rules';
import type { App, AppContext } from '../../context.ts';
import { requireUser } from '../../context.ts';
import { consultationVersions, consultations } from '../../db/schema.ts';
import { AppError, notFound } from '../../plugins/errors.ts';
import { ErrorBody, IsoDate } from '../shared-schemas.ts';
import { scopeCondition } from '../auth/current-user.ts';
import { recordAssistedOpinion } from './assisted-opinion.ts';
import { createConsultation } from './create-consultation.ts';
import { SYNTHESIS_FORMATS, exportSynthesis, themeLines } from './export-synthesis.ts';
import { otpIdentity } from './identity.ts';
import { importDraft } from './import-draft.ts';
import { mayPublish } from './policy.ts';
import { publishConsultation } from './publish-consultation.ts';
import { publishSynthesis } from './publish-synthesis.ts';
import { publicConsultation, listPublicConsultations } from './public-view.ts';
import { agencyBrief, consultationById, currentSections, presentConsultation, presentSection, visibleConsultation } from './queries.ts';
import { requireTakingOpinions } from './opinion-input.ts';
import { recordConference } from './record-conference.ts';
import { submitOpinion } from './submit-opinion.ts';
import { computeTally } from './tally.ts';
import { createTheme, recordThemeResponse, suggestThemes } from './themes.ts';
import { recordWrittenSubmission } from './written-submission.ts';
import { remindInvitations } from './remind-invitations.ts';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const Id = Type.Object({ id: Type.String({ format: 'uuid' }) });
const Errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };

const Milestone = Type.Object({ key: Type.String({ maxLength: 60 }), label: Type.String({ maxLength: 300 }), due: IsoDate() });
export const ConsultationOut = Type.Object({
  id: Type.String(),
  title: Type.String(),
  kind: Type.String(),
  kindLabel: Type.String(),
  subject: Type.String(),
  audience: Type.String(),
  summary: Nullable(Type.String()),
  stateSecret: Type.Boolean(),
  agency: Type.Object({ code: Type.String(), name: Type.String() }),
  status: Type.String(),
  phase: Type.String({ description: 'draft | scheduled | open | closed' }),
  phaseLabel: Type.String(),
  opensOn: Nullable(Type.String()),
  closesOn: Nullable(Type.String()),
  period: Type.String(),
  minDays: Type.Integer(),
  minDaysBasis: Type.String({ description: 'Căn cứ của thời hạn tối thiểu (dữ liệu cấu hình; [R] = mặc định cần đối chiếu)' }),
  milestones: Type.Array(Milestone),
  currentVersion: Type.Integer(),
  synthesisPublishedOn: Nullable(Type.String()),
});
export const SectionOut = Type.Object({
  id: Type.String(),
  key: Type.String({ description: 'Định danh ổn định: «Điều 9», «Điều 9.2», «Toàn văn»' }),
  kind: Type.String(),
  parentKey: Nullable(Type.String()),
  heading: Type.String(),
  body: Type.String(),
  sinceVersion: Type.Integer(),
});
const OpinionItem = Type.Object({
  section: Type.String({ minLength: 1, maxLength: 80, description: '«Toàn văn», «Điều 9», «Điều 9.2»…' }),
  stance: Type.Enum([...STANCES], { description: 'approve = tán thành, disapprove = không tán thành, partly = đồng ý một phần (hai loại sau cần nội dung)' }),
  text: Type.Optional(Type.String({ maxLength: 5000 })),
});
const Demographics = {
  category: Type.Enum([...CATEGORIES], { description: 'Đối tượng góp ý' }),
  ageBand: Type.Optional(Type.Enum([...AGE_BANDS])),
  occupation: Type.Optional(Type.String({ maxLength: 200 })),
  province: Type.Optional(Type.String({ maxLength: 2, description: 'Mã tỉnh' })),
  commune: Type.Optional(Type.String({ maxLength: 5, description: 'Mã xã, phường, đặc khu' })),
};
const RespondentFacts = {
  name: Type.Optional(Type.String({ maxLength: 200 })),
  idNumber: Type.Optional(Type.String({ maxLength: 20, description: 'Số định danh cá nhân (12 chữ số)' })),
  phone: Type.Optional(Type.String({ maxLength: 20 })),
  email: Type.Optional(Type.String({ maxLength: 254 })),
};
const Counts = Type.Record(Type.String(), Type.Integer());
export const TallyOut = Type.Object({
  participants: Type.Integer({ description: 'Người (cơ quan) tham gia, mỗi người tính một lần' }),
  received: Type.Integer(),
  counted: Type.Integer(),
  replaced: Type.Integer({ description: 'Ý kiến đã được thay bằng ý kiến sau của cùng người về cùng điều, khoản (không tính)' }),
  spokenOnly: Type.Integer({ description: 'Ý kiến chỉ phát biểu tại hội nghị, không thành văn bản (không tính)' }),
  byChannel: Counts,
  sections: Type.Array(
    Type.Object({
      id: Type.String(),
      key: Type.String(),
      kind: Type.String(),
      heading: Type.String(),
      current: Type.Boolean(),
      firstVersion: Type.Integer(),
      lastVersion: Nullable(Type.Integer()),
      total: Type.Integer(),
      byStance: Counts,
      byChannel: Counts,
      byCategory: Counts,
      byAgeBand: Counts,
      byProvince: Type.Array(Type.Object({ code: Type.String(), name: Type.String(), n: Type.Integer(), communes: Type.Array(Type.Object({ code: Type.String(), name: Type.String(), n: Type.Integer() })) })),
      replaced: Type.Integer(),
      majority: Nullable(Type.String()),
    }),
  ),
  conferences: Type.Object({ count: Type.Integer(), attendees: Type.Integer(), writtenOpinions: Type.Integer(), spokenOnly: Type.Integer() }),
  invitations: Type.Array(Type.Object({ agency: Type.String(), agencyName: Type.String(), invitedOn: Type.String(), dueOn: Type.String(), answeredOn: Nullable(Type.String()), overdue: Type.Boolean() })),
  filter: Type.Object({ province: Nullable(Type.String()), commune: Nullable(Type.String()) }),
});
const ThemeOut = Type.Object({
  id: Type.String(),
  title: Type.String(),
  outcome: Nullable(Type.String()),
  explanation: Nullable(Type.String()),
  sectionMajority: Nullable(Type.String()),
  themeStance: Nullable(Type.String()),
  departsFromMajority: Nullable(Type.Boolean()),
});
const AcceptedOut = Type.Object({ accepted: Type.Integer(), replaced: Type.Integer() }, { additionalProperties: true });
const PublicOut = Type.Object({
  consultation: ConsultationOut,
  sections: Type.Array(SectionOut),
  tally: Nullable(TallyOut),
  themes: Type.Array(Type.Object({ section: Type.String(), title: Type.String(), opinions: Type.Integer(), outcome: Nullable(Type.String()), outcomeLabel: Type.String(), explanation: Nullable(Type.String()), departs: Type.Boolean() })),
});

const presentTheme = (t: Static<typeof ThemeOut>) => ({
  id: t.id,
  title: t.title,
  outcome: t.outcome,
  explanation: t.explanation,
  sectionMajority: t.sectionMajority,
  themeStance: t.themeStance,
  departsFromMajority: t.departsFromMajority,
});

export function registerConsultationRoutes(app: App, ctx: AppContext) {
  const tags = ['consultation'];

  app.post(
    '/consultations',
    {
      schema: {
        operationId: 'createConsultation',
        tags,
        summary: 'Tạo đợt lấy ý kiến dự thảo: cơ quan chủ trì, phạm vi, nội dung (Luật 10/2022 Điều 25), đối tượng, thời gian dự kiến (tối thiểu theo loại: cấp xã ≥ 20 ngày)',
        body: Type.Object({
          agency: Type.String({ maxLength: 20 }),
          title: Type.String({ minLength: 1, maxLength: 500 }),
          kind: Type.Enum([...CONSULTATION_KINDS]),
          subject: Type.Enum([...SUBJECTS]),
          audience: Type.String({ minLength: 1, maxLength: 500 }),
          summary: Type.Optional(Type.String({ maxLength: 5000 })),
          stateSecret: Type.Optional(Type.Boolean({ description: 'Dự thảo có nội dung bí mật nhà nước: không được đăng tải' })),
          opensOn: Type.Optional(IsoDate()),
          closesOn: Type.Optional(IsoDate()),
        }),
        response: { 201: ConsultationOut, ...Errors },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const c = await createConsultation(ctx, user, request.body);
      return reply.status(201).send(presentConsultation(c, await agencyBrief(ctx.db, c.agencyId), ctx.now()));
    },
  );

  app.get(
    '/consultations',
    {
      schema: {
        operationId: 'listConsultations',
        tags,
        summary: 'Các đợt lấy ý kiến trong phạm vi của người dùng',
        querystring: Type.Object({ limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }), offset: Type.Integer({ minimum: 0, default: 0 }) }),
        response: { 200: Type.Object({ items: Type.Array(ConsultationOut) }), 401: ErrorBody, 400: ErrorBody },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const rows = await ctx.db.select().from(consultations).where(scopeCondition(user, consultations.agencyPath)).orderBy(desc(consultations.createdAt)).limit(request.query.limit).offset(request.query.offset);
      const items = [];
      for (const c of rows) items.push(presentConsultation(c, await agencyBrief(ctx.db, c.agencyId), ctx.now()));
      return { items };
    },
  );

  app.get(
    '/consultations/:id',
    {
      schema: {
        operationId: 'getConsultation',
        tags,
        summary: 'Một đợt lấy ý kiến: dự thảo hiện hành theo từng phần, chương, điều, khoản, điểm; các phiên bản',
        params: Id,
        response: {
          200: Type.Object({
            consultation: ConsultationOut,
            sections: Type.Array(SectionOut),
            versions: Type.Array(Type.Object({ version: Type.Integer(), source: Type.String(), fileName: Nullable(Type.String()), sections: Type.Integer(), articles: Type.Integer(), importedAt: Type.String() })),
            mayPublish: Type.Boolean(),
          }),
          ...Errors,
        },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const c = await visibleConsultation(ctx.db, user, request.params.id);
      const versions = await ctx.db.select().from(consultationVersions).where(eq(consultationVersions.consultationId, c.id)).orderBy(asc(consultationVersions.version));
      return {
        consultation: presentConsultation(c, await agencyBrief(ctx.db, c.agencyId), ctx.now()),
        sections: (await currentSections(ctx.db, c.id)).map(presentSection),
        versions: versions.map((v) => ({ version: v.version, source: v.source, fileName: v.fileName, sections: v.sections, articles: v.articles, importedAt: v.importedAt.toISOString() })),
        mayPublish: mayPublish(user, c.agencyPath) && !c.stateSecret,
      };
    },
  );

  app.post(
    '/consultations/:id/drafts',
    {
      bodyLimit: 12 * 1024 * 1024,
      schema: {
        operationId: 'importDraft',
        tags,
        summary:
          'Nhập (phiên bản mới của) dự thảo từ tệp .docx hoặc văn bản thuần; tách theo Phần, Chương, Mục, Điều, Khoản, Điểm. Điều, khoản không đổi giữ nguyên ý kiến đã góp.',
        params: Id,
        body: Type.Object({
          format: Type.Enum(['docx', 'text']),
          fileName: Type.Optional(Type.String({ maxLength: 200 })),
          dataBase64: Type.Optional(Type.String({ maxLength: 14_000_000, description: 'Tệp .docx (base64), tối đa 10 MB' })),
          text: Type.Optional(Type.String({ maxLength: 2_000_000 })),
          note: Type.Optional(Type.String({ maxLength: 1000 })),
        }),
        response: {
          201: Type.Object({
            version: Type.Integer(),
            sections: Type.Integer(),
            articles: Type.Integer(),
            clauses: Type.Integer(),
            chapters: Type.Integer(),
            kept: Type.Integer(),
            changed: Type.Integer(),
            added: Type.Integer(),
            removed: Type.Integer(),
          }),
          ...Errors,
        },
      },
    },
    async (request, reply) => reply.status(201).send(await importDraft(ctx, requireUser(request), request.params.id, request.body)),
  );

  app.post(
    '/consultations/:id/publish',
    {
      schema: {
        operationId: 'publishConsultation',
        tags,
        summary:
          'Đăng tải dự thảo lấy ý kiến trên cổng (từ chối dự thảo có nội dung bí mật nhà nước); mốc thời hạn mặc định; mời cơ quan góp ý bằng văn bản trong 15 ngày',
        params: Id,
        body: Type.Object({
          opensOn: Type.Optional(IsoDate()),
          closesOn: Type.Optional(IsoDate()),
          milestones: Type.Optional(Type.Array(Milestone, { maxItems: 30 })),
          invite: Type.Optional(Type.Array(Type.String({ maxLength: 20 }), { maxItems: 500 })),
        }),
        response: { 200: ConsultationOut, ...Errors },
      },
    },
    async (request) => {
      const c = await publishConsultation(ctx, requireUser(request), request.params.id, request.body);
      return presentConsultation(c, await agencyBrief(ctx.db, c.agencyId), ctx.now());
    },
  );

  app.post(
    '/consultations/:id/assisted-opinions',
    {
      schema: {
        operationId: 'recordAssistedOpinion',
        tags,
        summary: 'Cán bộ nhập thay ý kiến của một công dân (kênh riêng, ghi nhật ký): mỗi người tính một lần cho mỗi điều, khoản theo số định danh, điện thoại hoặc e-mail',
        params: Id,
        body: Type.Object({ respondent: Type.Object({ ...RespondentFacts, ...Demographics }), opinions: Type.Array(OpinionItem, { minItems: 1, maxItems: 500 }) }),
        response: { 201: AcceptedOut, ...Errors },
      },
    },
    async (request, reply) => reply.status(201).send(await recordAssistedOpinion(ctx, requireUser(request), request.params.id, request.body)),
  );

  app.post(
    '/consultations/:id/written-submissions',
    {
      schema: {
        operationId: 'recordWrittenSubmission',
        tags,
        summary: 'Nhập văn bản góp ý của cơ quan, tổ chức (đánh dấu đã trả lời lời mời góp ý)',
        params: Id,
        body: Type.Object({
          agency: Type.String({ maxLength: 20, description: 'Mã cơ quan góp ý' }),
          documentNumber: Type.Optional(Type.String({ maxLength: 100 })),
          receivedOn: Type.Optional(IsoDate()),
          opinions: Type.Array(OpinionItem, { minItems: 1, maxItems: 2000 }),
        }),
        response: { 201: AcceptedOut, ...Errors },
      },
    },
    async (request, reply) => reply.status(201).send(await recordWrittenSubmission(ctx, requireUser(request), request.params.id, request.body)),
  );

  app.post(
    '/consultations/:id/conferences',
    {
      schema: {
        operationId: 'recordConference',
        tags,
        summary: 'Ghi nhận hội nghị, tọa đàm lấy ý kiến: số người dự, biên bản, các ý kiến bằng văn bản (ý kiến chỉ phát biểu không được tính)',
        params: Id,
        body: Type.Object({
          agency: Type.String({ maxLength: 20 }),
          title: Type.String({ minLength: 1, maxLength: 300 }),
          heldOn: IsoDate(),
          attendees: Type.Integer({ minimum: 0, maximum: 10_000_000 }),
          minutes: Type.String({ minLength: 1, maxLength: 50_000 }),
          spokenOnly: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000_000 })),
          opinions: Type.Array(
            Type.Object({ ...OpinionItem.properties, written: Type.Boolean({ description: 'false: chỉ phát biểu, không thể hiện bằng văn bản — không tính' }), respondent: Type.Optional(Type.Object({ ...RespondentFacts, ...Demographics })) }),
            { maxItems: 5000 },
          ),
        }),
        response: { 201: Type.Object({ conferenceId: Type.String(), counted: Type.Integer(), spokenOnly: Type.Integer(), replaced: Type.Integer() }), ...Errors },
      },
    },
    async (request, reply) => reply.status(201).send(await recordConference(ctx, requireUser(request), request.params.id, request.body)),
  );

  app.post(
    '/consultations/:id/invitations/remind',
    {
      schema: {
        operationId: 'remindInvitations',
        tags,
        summary: 'Nhắc các cơ quan được mời chưa trả lời bằng văn bản (hạn 15 ngày) khi còn ≤ 3 ngày hoặc đã quá hạn: thư cho cán bộ xử lý và thủ trưởng cơ quan đó, mỗi ngày một lần',
        params: Id,
        body: Type.Object({}),
        response: { 200: Type.Object({ invitations: Type.Integer(), messages: Type.Integer() }), ...Errors },
      },
    },
    async (request) => remindInvitations(ctx, requireUser(request), request.params.id),
  );

  app.get(
    '/consultations/:id/tally',
    {
      schema: {
        operationId: 'getConsultationTally',
        tags,
        summary: 'Kết quả theo từng điều, khoản: theo ý kiến, kênh, đối tượng, độ tuổi, tỉnh và xã; số người tham gia; ý kiến thay thế và chỉ phát biểu (không tính). Đọc từ bộ đếm, không quét ý kiến.',
        params: Id,
        querystring: Type.Object({ province: Type.Optional(Type.String({ maxLength: 2 })), commune: Type.Optional(Type.String({ maxLength: 5 })) }),
        response: { 200: Type.Object({ consultation: ConsultationOut, tally: TallyOut }), ...Errors },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const c = await visibleConsultation(ctx.db, user, request.params.id);
      return { consultation: presentConsultation(c, await agencyBrief(ctx.db, c.agencyId), ctx.now()), tally: await computeTally(ctx.db, c, ctx.now(), request.query) };
    },
  );

  app.get(
    '/consultations/:id/theme-suggestions',
    {
      schema: {
        operationId: 'suggestThemes',
        tags,
        summary: 'Gợi ý nhóm các ý kiến tương tự về một điều, khoản (độ tương đồng nội dung) để cán bộ xác nhận',
        params: Id,
        querystring: Type.Object({ section: Type.String({ minLength: 1, maxLength: 80 }) }),
        response: { 200: Type.Object({ section: Type.String(), groups: Type.Array(Type.Object({ title: Type.String(), stance: Nullable(Type.String()), opinionIds: Type.Array(Type.String()), samples: Type.Array(Type.String()) })) }), ...Errors },
      },
    },
    async (request) => suggestThemes(ctx, requireUser(request), request.params.id, request.query.section),
  );

  app.post(
    '/consultations/:id/themes',
    {
      schema: {
        operationId: 'createTheme',
        tags,
        summary: 'Nhóm các ý kiến về một điều, khoản thành một nội dung để tiếp thu, giải trình',
        params: Id,
        body: Type.Object({ section: Type.String({ minLength: 1, maxLength: 80 }), title: Type.String({ minLength: 1, maxLength: 500 }), opinionIds: Type.Array(Type.String({ format: 'uuid' }), { maxItems: 100_000 }) }),
        response: { 201: ThemeOut, ...Errors },
      },
    },
    async (request, reply) => reply.status(201).send(presentTheme(await createTheme(ctx, requireUser(request), request.params.id, request.body))),
  );

  app.post(
    '/consultations/:id/themes/:themeId/response',
    {
      schema: {
        operationId: 'recordThemeResponse',
        tags,
        summary:
          'Tiếp thu / tiếp thu một phần / không tiếp thu một nhóm ý kiến; bắt buộc giải trình khi không (hoàn toàn) tiếp thu và khi kết quả trái với ý kiến đa số (Luật 10/2022 Điều 28)',
        params: Type.Object({ id: Type.String({ format: 'uuid' }), themeId: Type.String({ format: 'uuid' }) }),
        body: Type.Object({ outcome: Type.Enum([...THEME_OUTCOMES]), explanation: Type.Optional(Type.String({ maxLength: 20_000 })) }),
        response: { 200: ThemeOut, ...Errors },
      },
    },
    async (request) => presentTheme(await recordThemeResponse(ctx, requireUser(request), request.params.id, request.params.themeId, request.body)),
  );

  app.get(
    '/consultations/:id/synthesis',
    {
      schema: {
        operationId: 'exportSynthesisReport',
        tags,
        summary: 'Báo cáo tổng hợp, tiếp thu, giải trình (DOCX, PDF) hoặc bảng kết quả (XLSX, CSV — chỉ số liệu tổng hợp)',
        params: Id,
        querystring: Type.Object({ format: Type.Enum([...SYNTHESIS_FORMATS], { default: 'docx' }) }),
        response: { 200: { description: 'Tệp báo cáo', content: { 'application/octet-stream': { schema: Type.Unsafe<Buffer>({ type: 'string', format: 'binary' }) } } }, ...Errors },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const c = await visibleConsultation(ctx.db, user, request.params.id);
      const now = ctx.now();
      const agency = await agencyBrief(ctx.db, c.agencyId);
      const file = await exportSynthesis({ c, agencyName: agency.name, tally: await computeTally(ctx.db, c, now), themes: await themeLines(ctx.db, c.id), now }, request.query.format);
      return reply.header('content-disposition', `attachment; filename="${file.filename}"`).header('cache-control', 'no-store').type(file.contentType).send(file.body);
    },
  );

  app.post(
    '/consultations/:id/synthesis/publish',
    {
      schema: {
        operationId: 'publishSynthesis',
        tags,
        summary: 'Công khai báo cáo tổng hợp, tiếp thu, giải trình trên cổng (ít nhất 30 ngày liên tục) sau khi kết thúc lấy ý kiến',
        params: Id,
        body: Type.Object({}),
        response: { 200: ConsultationOut, ...Errors },
      },
    },
    async (request) => {
      const c = await publishSynthesis(ctx, requireUser(request), request.params.id);
      return presentConsultation(c, await agencyBrief(ctx.db, c.agencyId), ctx.now());
    },
  );

  // ── Public ──

  app.get(
    '/public/consultations',
    {
      config: { public: true, rateLimit: { max: 120, timeWindow: '1 minute' } },
      schema: {
        operationId: 'listPublicConsultations',
        tags: [...tags, 'public'],
        summary: 'Các dự thảo đang và đã lấy ý kiến trên cổng',
        security: [],
        response: { 200: Type.Object({ items: Type.Array(ConsultationOut) }) },
      },
    },
    async () => ({ items: await listPublicConsultations(ctx) }),
  );

  app.get(
    '/public/consultations/:id',
    {
      config: { public: true, rateLimit: { max: 120, timeWindow: '1 minute' } },
      schema: {
        operationId: 'getPublicConsultation',
        tags: [...tags, 'public'],
        summary: 'Dự thảo lấy ý kiến theo từng điều, khoản; kết quả sau khi kết thúc; báo cáo tiếp thu, giải trình khi đã công khai',
        security: [],
        params: Id,
        response: { 200: PublicOut, 400: ErrorBody, 404: ErrorBody },
      },
    },
    async (request) => publicConsultation(ctx, request.params.id),
  );

  app.post(
    '/public/consultations/:id/code',
    {
      config: { public: true, rateLimit: { max: 30, timeWindow: '10 minutes' } },
      schema: {
        operationId: 'requestOpinionCode',
        tags: [...tags, 'public'],
        summary: 'Gửi mã xác thực một lần đến số điện thoại (SMS) hoặc e-mail để góp ý (mỗi người được tính một lần cho mỗi điều, khoản)',
        security: [],
        params: Id,
        body: Type.Object({ phone: Type.Optional(Type.String({ maxLength: 20 })), email: Type.Optional(Type.String({ maxLength: 254 })) }),
        response: { 201: Type.Object({ requestId: Type.String(), method: Type.String(), hint: Type.String(), expiresAt: Type.String() }), 400: ErrorBody, 404: ErrorBody, 409: ErrorBody, 429: ErrorBody },
      },
    },
    async (request, reply) => {
      const c = await consultationById(ctx.db, request.params.id);
      if (!c || c.status !== 'published' || c.stateSecret) throw notFound();
      requireTakingOpinions(c, ctx.now(), 'online');
      const ch = await otpIdentity.start(ctx, c, request.body);
      return reply.status(201).send({ requestId: ch.requestId, method: ch.method, hint: ch.hint, expiresAt: ch.expiresAt.toISOString() });
    },
  );

  app.post(
    '/public/consultations/:id/opinions',
    {
      config: { public: true, rateLimit: { max: 60, timeWindow: '10 minutes' } },
      schema: {
        operationId: 'submitOpinion',
        tags: [...tags, 'public'],
        summary:
          'Gửi ý kiến về toàn văn hoặc từng điều, khoản (tán thành / không tán thành / đồng ý một phần) với mã xác thực; ý kiến sau thay ý kiến trước của cùng người về cùng điều, khoản. Header Idempotency-Key: gửi lại trả về kết quả cũ. Ghi theo lô (group commit): 201 nghĩa là đã lưu bền; hàng đợi đầy → 503 kèm Retry-After.',
        security: [],
        params: Id,
        headers: Type.Object({ 'idempotency-key': Type.Optional(Type.String({ minLength: 8, maxLength: 200 })) }),
        body: Type.Object({
          requestId: Type.String({ maxLength: 40 }),
          code: Type.String({ minLength: 4, maxLength: 10 }),
          opinions: Type.Array(OpinionItem, { minItems: 1, maxItems: 500 }),
          respondent: Type.Object(Demographics),
        }),
        response: {
          201: Type.Object({
            accepted: Type.Integer(),
            replaced: Type.Integer(),
            opinions: Type.Array(Type.Object({ id: Type.String(), section: Type.String(), stance: Type.String(), stanceLabel: Type.String(), replacedEarlier: Type.Boolean() })),
            notice: Type.String(),
          }),
          400: ErrorBody,
          404: ErrorBody,
          409: ErrorBody,
          429: ErrorBody,
          503: ErrorBody,
        },
      },
    },
    async (request, reply) => {
      let r;
      try {
        r = await submitOpinion(ctx, request.params.id, request.body, { idempotencyKey: request.headers['idempotency-key'], source: request.ip });
      } catch (e) {
        // Back-pressure (opinion-batcher.ts): the queue is full — come back in a moment, nothing was written.
        if (e instanceof AppError && e.statusCode === 503) reply.header('retry-after', String(e.extra?.['retryAfter'] ?? 2));
        throw e;
      }
      if (r.replayed) reply.header('idempotent-replayed', 'true');
      return reply.status(201).send(r.result);
    },
  );
}
