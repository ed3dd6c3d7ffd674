/**
 * Grassroots routes for the procedure and the commune's other duties: the meeting notice (Mẫu 01), the lists of
 * initiatives and recommendations for the staff screens, the year-end conference, the publication register with its
 * quarterly list, the Art. 25 matters residents comment on (a commune consultation), the register edits, the rules
 * as data (defaults labelled) and the reminder sweep.
 */
import { Type } from 'typebox';
import { and, desc, eq } from 'drizzle-orm';
import { BALLOT_PLAN_SENT, BOARD_PLAN_RULES, CLUSTER_RULE, DISMISSAL_PETITION, COMMENT_MIN_DAYS, VILLAGE_RULES_DRAFT, CONFERENCE_AGENDA, CONFERENCE_BASIS, COUNTING_BOARD_SIZE, DISTRICT_SUCCESSOR, DOCUMENTS_BEFORE, NOTICE_RULES, TEAM_SIZE, art25Subjects } from '@danvan/domain/grassroots/procedure';
import { PUBLICATION_CATEGORIES, PUBLICATION_RULES } from '@danvan/domain/grassroots/timelines';
import { cleanText, isoDateInVietnam } from '@danvan/domain/text';
import type { App, AppContext } from '../../context.ts';
import { requireUser } from '../../context.ts';
import { grassrootsCommunities, grassrootsConferences, grassrootsHouseholds, grassrootsInitiatives, grassrootsMeetingProcedure, grassrootsMeetings, grassrootsNotices, grassrootsRecommendations } from '../../db/schema.ts';
import { AppError, invalid, notFound } from '../../plugins/errors.ts';
import { ErrorBody, IsoDate, exact } from '../shared-schemas.ts';
import { subtreeCondition } from '../auth/current-user.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { initiativeStanding } from './initiatives.ts';
import { BOARD_LABELS } from './boards.ts';
import { listBoardPlans, recordBoardPlan, listCommentMatters, listConferences, openCommentMatter, presentConference, publicationList, recordConferenceResult, recordPublication, scheduleConference } from './duties.ts';
import { mayRunGrassrootsSweep, mayView, requireWork } from './policy.ts';
import { publishMeetingNotice, votePlans } from './procedure.ts';
import { visibleCommune, visibleCommunity, visibleMatter, type MatterRow } from './queries.ts';
import { sweepGrassroots } from './sweep.ts';
import type { MatterProcedure } from './schemas.ts';
import { CommentMatterList, CommentMatterOpened, Conference, GrassrootsRules, InitiativeListItem, MeetingNotice, PublicationList, RecommendationListItem } from './schemas.ts';
import type { Static } from 'typebox';

const TAG = ['grassroots'];
const Id = Type.Object({ id: Type.String({ format: 'uuid' }) });
const Errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const BoardPlan = Type.Object({ id: Type.String(), board: Type.String(), subject: Type.String(), sentOn: Type.String(), startsOn: Type.String() });
const Agency = Type.String({ minLength: 1, maxLength: 20, description: 'Mã xã' });

/** The notices, plans and meeting procedure of a matter (getCommunityMatter). */
export async function matterProcedure(ctx: AppContext, m: MatterRow): Promise<Static<typeof MatterProcedure>> {
  const notices = await ctx.db
    .select({ n: grassrootsNotices, community: grassrootsCommunities.code })
    .from(grassrootsNotices)
    .innerJoin(grassrootsCommunities, eq(grassrootsCommunities.id, grassrootsNotices.communityId))
    .where(eq(grassrootsNotices.matterId, m.id))
    .orderBy(grassrootsNotices.meetingOn);
  const meetings = await ctx.db
    .select({ id: grassrootsMeetings.id, heldOn: grassrootsMeetings.heldOn, cluster: grassrootsMeetings.cluster, p: grassrootsMeetingProcedure })
    .from(grassrootsMeetings)
    .leftJoin(grassrootsMeetingProcedure, eq(grassrootsMeetingProcedure.meetingId, grassrootsMeetings.id))
    .where(eq(grassrootsMeetings.matterId, m.id));
  return {
    notices: notices.map(({ n, community }) => ({ id: n.id, community, cluster: n.cluster, noticeOn: n.noticeOn, meetingOn: n.meetingOn, place: n.place, documentsOn: n.documentsOn, clusterPlanApprovedOn: n.clusterPlanApprovedOn, scattered: n.scattered, draftPostedOn: n.draftPostedOn })),
    plans: (await votePlans(ctx.db, m.id)).map((p) => ({ form: p.form, decidedOn: p.decidedOn, planSentOn: p.planSentOn, planLate: p.planLate, noticeOn: p.noticeOn, startsOn: p.startsOn, endsOn: p.endsOn, team: p.team, channel: p.channel })),
    meetings: meetings.map((x) => ({ id: x.id, heldOn: x.heldOn, cluster: x.cluster, countingBoard: x.p?.countingBoard ?? [], procedural: x.p?.procedural ?? [] })),
  };
}

export function registerGrassrootsProcedureRoutes(app: App, ctx: AppContext) {
  app.get(
    '/grassroots/rules',
    {
      schema: {
        operationId: 'getGrassrootsRules',
        tags: TAG,
        summary: 'Quy định áp dụng (dữ liệu cấu hình, mặc định kèm căn cứ và mức độ xác minh): thời hạn thông báo, tổ công tác, ban kiểm phiếu, hội nghị cuối năm, nội dung nhân dân bàn, công khai',
        response: { 200: GrassrootsRules, 401: ErrorBody },
      },
    },
    async (request) => {
      requireUser(request);
      return exact(GrassrootsRules, {
        notice: NOTICE_RULES,
        documentsBefore: DOCUMENTS_BEFORE,
        villageRulesDraft: VILLAGE_RULES_DRAFT,
        cluster: CLUSTER_RULE,
        boardPlans: BOARD_PLAN_RULES,
        dismissalPetition: DISMISSAL_PETITION,
        ballotPlanSent: BALLOT_PLAN_SENT,
        teamSize: TEAM_SIZE,
        countingBoardSize: COUNTING_BOARD_SIZE,
        commentMinDays: COMMENT_MIN_DAYS,
        districtSuccessor: DISTRICT_SUCCESSOR,
        conferenceAgenda: CONFERENCE_AGENDA,
        conferenceBasis: CONFERENCE_BASIS,
        art25Subjects: art25Subjects(),
        publication: PUBLICATION_RULES,
        publicationCategories: PUBLICATION_CATEGORIES,
      });
    },
  );

  app.post(
    '/grassroots/matters/:id/notices',
    {
      schema: {
        operationId: 'publishMeetingNotice',
        tags: TAG,
        summary: 'Thông báo triệu tập hội nghị (Mẫu 01): trước ít nhất 2 ngày; việc khoản 1–3 tài liệu đến từng hộ trước ít nhất 2 ngày (khoản 3, 4 Điều 3 Nghị định 59/2023/NĐ-CP). Kết quả hội nghị chỉ được ghi khi có thông báo đúng hạn',
        params: Id,
        body: Type.Object({
          community: Type.Optional(Type.String({ maxLength: 50 })),
          cluster: Type.Optional(Type.String({ maxLength: 200 })),
          noticeOn: IsoDate('Ngày thông báo'),
          meetingOn: IsoDate('Ngày họp'),
          place: Type.String({ minLength: 1, maxLength: 500 }),
          documentsOn: Type.Optional(IsoDate('Ngày tài liệu đến các hộ (khoản 1–3)')),
          clusterPlanApprovedOn: Type.Optional(IsoDate('Họp theo cụm: ngày UBND xã phê duyệt phương án')),
          scattered: Type.Optional(Type.Boolean({ description: 'Họp theo cụm: dân cư không tập trung (thôn dưới 200 hộ)' })),
          draftPostedOn: Type.Optional(IsoDate('Khoản 3 (hương ước, quy ước): ngày niêm yết dự thảo, ít nhất 30 ngày trước hội nghị')),
        }),
        response: { 201: MeetingNotice, ...Errors },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const m = await visibleMatter(ctx.db, user, request.params.id);
      return reply.status(201).send(exact(MeetingNotice, await publishMeetingNotice(ctx, user, m, request.body)));
    },
  );

  app.get(
    '/grassroots/initiatives',
    {
      schema: {
        operationId: 'listInitiatives',
        tags: TAG,
        summary: 'Các sáng kiến của công dân trong xã với số hộ đồng thuận còn hiệu lực và ngày hết hiệu lực',
        querystring: Type.Object({ agency: Agency }),
        response: { 200: Type.Object({ items: Type.Array(InitiativeListItem) }), ...Errors },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const commune = await visibleCommune(ctx.db, user, request.query.agency);
      const today = isoDateInVietnam(ctx.now());
      const rows = await ctx.db
        .select({ i: grassrootsInitiatives, code: grassrootsCommunities.code, name: grassrootsCommunities.name })
        .from(grassrootsInitiatives)
        .innerJoin(grassrootsCommunities, eq(grassrootsCommunities.id, grassrootsInitiatives.communityId))
        .where(eq(grassrootsCommunities.agencyId, commune.id))
        .orderBy(desc(grassrootsInitiatives.createdAt))
        .limit(500);
      const items = [];
      for (const r of rows) items.push(exact(InitiativeListItem, { id: r.i.id, title: r.i.title, item: r.i.item, community: { code: r.code, name: r.name }, matterId: r.i.matterId, frontAgreedOn: r.i.frontAgreedOn, standing: await initiativeStanding(ctx.db, r.i, today) }));
      return { items };
    },
  );

  app.get(
    '/grassroots/recommendations',
    {
      schema: {
        operationId: 'listBoardRecommendations',
        tags: TAG,
        summary: 'Kiến nghị của Ban Thanh tra nhân dân, Ban Giám sát đầu tư của cộng đồng: hạn trả lời 15 ngày, đã trả lời đúng hạn / quá hạn',
        querystring: Type.Object({ agency: Agency }),
        response: { 200: Type.Object({ today: Type.String(), items: Type.Array(RecommendationListItem) }), ...Errors },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const commune = await visibleCommune(ctx.db, user, request.query.agency);
      const today = isoDateInVietnam(ctx.now());
      const rows = await ctx.db.select().from(grassrootsRecommendations).where(subtreeCondition(commune.path, grassrootsRecommendations.agencyPath)).orderBy(desc(grassrootsRecommendations.receivedOn)).limit(500);
      return {
        today,
        items: rows.map((r) => exact(RecommendationListItem, {
          id: r.id,
          board: r.board,
          boardLabel: BOARD_LABELS[r.board as keyof typeof BOARD_LABELS] ?? r.board,
          content: r.content,
          receivedOn: r.receivedOn,
          dueOn: r.dueOn,
          answeredOn: r.answeredOn,
          answer: r.answer,
          state: r.answeredOn ? (r.answeredOn <= r.dueOn ? 'answered-on-time' : 'answered-late') : today > r.dueOn ? 'overdue' : 'open',
        })),
      };
    },
  );

  // ── Register edits (a commune officer keeps the register between imports) ──
  app.patch(
    '/grassroots/communities/:id',
    {
      schema: {
        operationId: 'updateCommunity',
        tags: TAG,
        summary: 'Sửa tên, loại thôn / tổ dân phố',
        params: Id,
        body: Type.Object({ name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })), kind: Type.Optional(Type.Enum(['thon', 'to-dan-pho'])) }),
        response: { 200: Type.Object({ id: Type.String(), code: Type.String(), name: Type.String(), kind: Type.String() }), ...Errors },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const c = await visibleCommunity(ctx.db, user, request.params.id);
      requireWork(user, c.agencyPath);
      const name = request.body.name !== undefined ? cleanText(request.body.name) : c.name;
      if (!name) throw invalid({ field: 'name', key: 'field.required' });
      return ctx.db.transaction(async (tx) => {
        const [u] = await tx.update(grassrootsCommunities).set({ name, kind: request.body.kind ?? c.kind }).where(eq(grassrootsCommunities.id, c.id)).returning();
        await writeAudit(tx, { at: ctx.now(), actorId: user.id, actorName: user.displayName, agencyId: c.agencyId, entity: 'grassroots-community', entityId: c.id, action: 'grassroots.community.update', summary: `Sửa thôn, tổ dân phố ${c.code}: ${name}`, before: { name: c.name, kind: c.kind }, after: { name, kind: u!.kind } });
        return { id: u!.id, code: u!.code, name: u!.name, kind: u!.kind };
      });
    },
  );

  app.patch(
    '/grassroots/communities/:id/households/:code',
    {
      schema: {
        operationId: 'updateHousehold',
        tags: TAG,
        summary: 'Sửa số nhân khẩu, hoặc đưa hộ ra / vào sổ (hộ chuyển đi không còn được tính ở lần biểu quyết sau; danh sách đã chốt không đổi)',
        params: Type.Object({ id: Type.String({ format: 'uuid' }), code: Type.String({ minLength: 1, maxLength: 50 }) }),
        body: Type.Object({ members: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })), active: Type.Optional(Type.Boolean()) }),
        response: { 200: Type.Object({ code: Type.String(), members: Type.Integer(), active: Type.Boolean() }), ...Errors },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const c = await visibleCommunity(ctx.db, user, request.params.id);
      requireWork(user, c.agencyPath);
      const [h] = await ctx.db.select().from(grassrootsHouseholds).where(and(eq(grassrootsHouseholds.communityId, c.id), eq(grassrootsHouseholds.code, request.params.code)));
      if (!h) throw notFound();
      return ctx.db.transaction(async (tx) => {
        const [u] = await tx.update(grassrootsHouseholds).set({ members: request.body.members ?? h.members, active: request.body.active ?? h.active }).where(eq(grassrootsHouseholds.id, h.id)).returning();
        await writeAudit(tx, { at: ctx.now(), actorId: user.id, actorName: user.displayName, agencyId: c.agencyId, entity: 'grassroots-household', entityId: h.id, action: 'grassroots.household.update', summary: `Sửa hộ ${h.code} (${c.name})`, before: { members: h.members, active: h.active }, after: { members: u!.members, active: u!.active } });
        return { code: u!.code, members: u!.members, active: u!.active };
      });
    },
  );

  // ── The boards' plans (c24, c25) ──
  app.post(
    '/grassroots/board-plans',
    {
      schema: {
        operationId: 'recordBoardPlan',
        tags: TAG,
        summary: 'Kế hoạch của Ban Thanh tra nhân dân (gửi trước ít nhất 5 ngày làm việc) / thông báo của Ban Giám sát đầu tư của cộng đồng cho chủ đầu tư (trước ít nhất 45 ngày)',
        body: Type.Object({ agency: Agency, board: Type.Enum(['inspection', 'investment']), subject: Type.String({ minLength: 1, maxLength: 2000 }), sentOn: IsoDate(), startsOn: IsoDate() }),
        response: { 201: BoardPlan, ...Errors },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const commune = await visibleCommune(ctx.db, user, request.body.agency);
      const r = await recordBoardPlan(ctx, user, commune, request.body);
      return reply.status(201).send({ id: r.id, board: r.board, subject: r.subject, sentOn: r.sentOn, startsOn: r.startsOn });
    },
  );

  app.get(
    '/grassroots/board-plans',
    {
      schema: { operationId: 'listBoardPlans', tags: TAG, summary: 'Kế hoạch hoạt động của các ban trong xã', querystring: Type.Object({ agency: Agency }), response: { 200: Type.Object({ items: Type.Array(BoardPlan) }), ...Errors } },
    },
    async (request) => {
      const user = requireUser(request);
      return { items: await listBoardPlans(ctx, await visibleCommune(ctx.db, user, request.query.agency)) };
    },
  );

  // ── Year-end conference (c26) ──
  app.post(
    '/grassroots/communities/:id/conferences',
    {
      schema: {
        operationId: 'scheduleYearEndConference',
        tags: TAG,
        summary: 'Hội nghị cộng đồng dân cư cuối năm: thông báo đến từng hộ trước ít nhất 5 ngày (Điều 10 Nghị định 59/2023/NĐ-CP)',
        params: Id,
        body: Type.Object({ year: Type.Integer({ minimum: 2023, maximum: 2100 }), noticeOn: IsoDate(), heldOn: IsoDate(), place: Type.String({ minLength: 1, maxLength: 500 }) }),
        response: { 201: Conference, ...Errors },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const c = await visibleCommunity(ctx.db, user, request.params.id);
      return reply.status(201).send(exact(Conference, presentConference({ ...(await scheduleConference(ctx, user, c, request.body)), community: c.name })));
    },
  );

  app.post(
    '/grassroots/conferences/:id/result',
    {
      schema: {
        operationId: 'recordYearEndConferenceResult',
        tags: TAG,
        summary: 'Kết quả hội nghị cuối năm (các nội dung đã thực hiện theo Điều 11 Nghị định 59/2023/NĐ-CP), gửi UBND xã và Ủy ban MTTQ xã',
        params: Id,
        body: Type.Object({ agenda: Type.Array(Type.String({ maxLength: 50 }), { maxItems: 20 }), summary: Type.String({ minLength: 1, maxLength: 20000 }), sentOn: IsoDate() }),
        response: { 200: Conference, ...Errors },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const [conf] = await ctx.db.select().from(grassrootsConferences).where(eq(grassrootsConferences.id, request.params.id));
      if (!conf || !mayView(user, conf.agencyPath)) throw notFound();
      return exact(Conference, presentConference(await recordConferenceResult(ctx, user, conf, request.body)));
    },
  );

  app.get(
    '/grassroots/conferences',
    {
      schema: {
        operationId: 'listYearEndConferences',
        tags: TAG,
        summary: 'Hội nghị cuối năm của các thôn, tổ dân phố trong xã',
        querystring: Type.Object({ agency: Agency, year: Type.Optional(Type.Integer({ minimum: 2023, maximum: 2100 })) }),
        response: { 200: Type.Object({ items: Type.Array(Conference) }), ...Errors },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const commune = await visibleCommune(ctx.db, user, request.query.agency);
      return { items: (await listConferences(ctx, commune, request.query.year)).map((c) => exact(Conference, c)) };
    },
  );

  // ── Publications (c27) ──
  app.post(
    '/grassroots/publications',
    {
      schema: {
        operationId: 'recordPublication',
        tags: TAG,
        summary: 'Ghi một nội dung xã đã công khai (Điều 11): ngày ban hành, ngày niêm yết (trong 5 ngày làm việc), niêm yết đến (≥ 30 ngày), loa truyền thanh (≥ 3 ngày với khoản 7–12)',
        body: Type.Object({
          agency: Agency,
          item: Type.Integer({ minimum: 1, maximum: 14 }),
          title: Type.String({ minLength: 1, maxLength: 500 }),
          decidedOn: IsoDate(),
          postedOn: IsoDate(),
          postedUntil: Type.Optional(IsoDate()),
          loudspeakerFrom: Type.Optional(IsoDate()),
          loudspeakerTo: Type.Optional(IsoDate()),
          channels: Type.Array(Type.Enum(['office', 'portal', 'loudspeaker', 'village-heads', 'meeting']), { maxItems: 5, default: [] }),
        }),
        response: { 201: Type.Object({ id: Type.String() }), ...Errors },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const commune = await visibleCommune(ctx.db, user, request.body.agency);
      const r = await recordPublication(ctx, user, commune, request.body);
      return reply.status(201).send({ id: r.id });
    },
  );

  app.get(
    '/grassroots/publications',
    {
      schema: {
        operationId: 'listPublications',
        tags: TAG,
        summary: 'Danh sách nội dung đã công khai trong quý (khoản 2 Điều 13 Luật 10/2022/QH15), với kiểm tra thời hạn niêm yết',
        querystring: Type.Object({ agency: Agency, quarter: Type.String({ pattern: '^\\d{4}-Q[1-4]$', description: 'ví dụ 2027-Q1' }) }),
        response: { 200: PublicationList, ...Errors },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const scope = await visibleCommune(ctx.db, user, request.query.agency);
      return exact(PublicationList, await publicationList(ctx, scope, request.query.quarter));
    },
  );

  // ── Art. 25: matters residents comment on (c22) ──
  app.get(
    '/grassroots/comment-matters',
    {
      schema: {
        operationId: 'listCommentMatters',
        tags: TAG,
        summary: 'Những nội dung nhân dân bàn, tham gia ý kiến trước khi cơ quan có thẩm quyền quyết định (Điều 25) và các đợt lấy ý kiến của xã',
        querystring: Type.Object({ agency: Agency }),
        response: { 200: CommentMatterList, ...Errors },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const commune = await visibleCommune(ctx.db, user, request.query.agency);
      return exact(CommentMatterList, { subjects: art25Subjects(), minDays: COMMENT_MIN_DAYS, districtSuccessor: DISTRICT_SUCCESSOR, items: await listCommentMatters(ctx, commune) });
    },
  );

  app.post(
    '/grassroots/comment-matters',
    {
      schema: {
        operationId: 'openCommentMatter',
        tags: TAG,
        summary: 'Mở đợt lấy ý kiến nhân dân của xã về một nội dung thuộc Điều 25 (dùng chức năng lấy ý kiến dự thảo; tối thiểu 20 ngày)',
        body: Type.Object({
          agency: Agency,
          subject: Type.String({ minLength: 1, maxLength: 50 }),
          title: Type.String({ minLength: 1, maxLength: 500 }),
          summary: Type.Optional(Type.String({ maxLength: 5000 })),
          opensOn: Type.Optional(IsoDate()),
          closesOn: Type.Optional(IsoDate()),
        }),
        response: { 201: CommentMatterOpened, ...Errors },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const commune = await visibleCommune(ctx.db, user, request.body.agency);
      const c = await openCommentMatter(ctx, user, commune, request.body);
      return reply.status(201).send({ id: c.id, title: c.title, subject: c.subject, status: c.status, opensOn: c.opensOn, closesOn: c.closesOn, minDays: c.minDays });
    },
  );

  app.post(
    '/grassroots/sweep',
    {
      schema: {
        operationId: 'sweepGrassroots',
        tags: TAG,
        summary: 'Nhắc hạn dân chủ ở cơ sở qua hộp thư đi: gửi quyết định, công nhận, trả lời kiến nghị (3 ngày làm việc trước hạn và khi quá hạn; chạy lại an toàn; quản trị)',
        response: { 200: Type.Object({ scanned: Type.Integer(), due: Type.Integer(), messages: Type.Integer() }), 401: ErrorBody, 403: ErrorBody },
      },
    },
    async (request) => {
      if (!mayRunGrassrootsSweep(requireUser(request))) throw new AppError(403, 'error.forbidden');
      return sweepGrassroots(ctx);
    },
  );
}
