/**
 * HTTP surface of grassroots democracy (dân chủ ở cơ sở; Luật 10/2022/QH15, NĐ 59/2023): staff routes under
 * /grassroots (every id checked against the user's agency subtrees: 404 outside), and the household
 * representative's public routes under /public/grassroots (voting code; rate-limited).
 */
import { Type } from 'typebox';
import { and, count, desc, eq, sql } from 'drizzle-orm';
import { CHOICE_LABELS, FORM_LABELS, ITEM_RULES, shareLabel } from '@danvan/domain/grassroots/rules';
import { isoDateInVietnam } from '@danvan/domain/text';
import type { App, AppContext } from '../../context.ts';
import { requireUser } from '../../context.ts';
import { queryRows } from '../../db/client.ts';
import { grassrootsCommunities, grassrootsHouseholds, grassrootsMatters } from '../../db/schema.ts';
import { AppError } from '../../plugins/errors.ts';
import { DeadlineBody, ErrorBody, IsoDate, exact } from '../shared-schemas.ts';
import { presentDeadline } from '../clock/deadlines.ts';
import { scopeCondition, subtreeCondition } from '../auth/current-user.ts';
import { XLSX_MIME } from '../reception/register-xlsx.ts';
import { importHouseholds } from './import-households.ts';
import { closeVote, createCommunityMatter, openVote, voteResult } from './matters.ts';
import { castOnlineVote, issueVotingCodes, optInOnlineVoting, recordBallots, recordMeetingResult } from './ledger.ts';
import { annulCommunityDecision, grassrootsCompliance, recognizeCommunityDecision, sendCommunityDecision } from './decisions.ts';
import { createInitiative, initiativeStanding, recordFrontAgreement, signInitiative } from './initiatives.ts';
import { answerBoardRecommendation, createBoardRecommendation } from './boards.ts';
import { visibleCommune, visibleCommunity, visibleInitiative, visibleMatter, visibleRecommendation, communityByCode } from './queries.ts';
import { registerGrassrootsExtraRoutes } from './extra-routes.ts';
import { matterProcedure, registerGrassrootsProcedureRoutes } from './procedure-routes.ts';
import { CloseVoteOut, ComplianceItem, InitiativeOut, MatterOut, MatterWithProcedure, RecommendationAnswered, RecommendationCreated, Standing, VoteResultOut } from './schemas.ts';
import type { Static } from 'typebox';

const TAG = ['grassroots'];
const Id = Type.Object({ id: Type.String({ format: 'uuid' }) });
const Form = Type.Enum(['meeting', 'paper', 'online'], { description: 'meeting = hội nghị; paper = phát phiếu hộ gia đình; online = biểu quyết trực tuyến (chỉ khoản 6)' });
const ChoiceT = Type.Enum(['agree', 'disagree', 'other'], { description: 'agree = đồng ý; disagree = không đồng ý; other = ý kiến khác' });
const Errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const Team = Type.Array(Type.Object({ name: Type.String({ minLength: 1, maxLength: 200 }), leader: Type.Optional(Type.Boolean({ description: 'Đại diện Ban công tác Mặt trận, tổ trưởng' })) }), { minItems: 1, maxItems: 10, description: 'Tổ công tác 3–5 người do đại diện Ban công tác Mặt trận làm tổ trưởng' });

function presentMatter(m: typeof grassrootsMatters.$inferSelect, community: { code: string; name: string } | null): Static<typeof MatterOut> {
  const rule = ITEM_RULES[m.item as 1];
  return {
    id: m.id,
    item: m.item,
    itemLabel: rule.label,
    threshold: shareLabel(rule.threshold),
    allowedForms: rule.forms,
    fallbackForms: rule.fallbackForms,
    citation: rule.citation,
    community,
    communeWide: m.communityId === null,
    title: m.title,
    content: m.content,
    proposedBy: m.proposedBy,
    initiativeId: m.initiativeId,
    status: m.status,
    forms: m.forms,
    openedAt: m.openedAt?.toISOString() ?? null,
    closesOn: m.closesOn,
    closedOn: m.closedOn,
    passed: m.passed,
    sendDueOn: m.sendDueOn,
    sentOn: m.sentOn,
    recognitionDueOn: m.recognitionDueOn,
    recognizedOn: m.recognizedOn,
    refusalReason: m.refusalReason,
  };
}

async function matterOut(ctx: AppContext, m: typeof grassrootsMatters.$inferSelect): Promise<Static<typeof MatterOut>> {
  if (!m.communityId) return presentMatter(m, null);
  const [c] = await ctx.db.select().from(grassrootsCommunities).where(eq(grassrootsCommunities.id, m.communityId));
  return presentMatter(m, c ? { code: c.code, name: c.name } : null);
}

export function registerGrassrootsRoutes(app: App, ctx: AppContext) {
  app.register(async (scope) => {
    const sub = scope as unknown as App;
    sub.addContentTypeParser([XLSX_MIME, 'application/octet-stream'], { parseAs: 'buffer', bodyLimit: 20 * 1024 * 1024 }, (_req, body, done) => done(null, body));
    sub.post(
      '/grassroots/households/import',
      {
        bodyLimit: 20 * 1024 * 1024,
        schema: {
          operationId: 'importHouseholds',
          tags: TAG,
          summary: 'Nhập sổ hộ gia đình của các thôn, tổ dân phố của xã từ Excel (.xlsx, nguyên tệp làm thân yêu cầu); thôn, tổ dân phố mới được tạo; có dòng lỗi thì không ghi gì',
          querystring: Type.Object({ agency: Type.String({ minLength: 1, maxLength: 20, description: 'Mã xã' }) }),
          consumes: [XLSX_MIME, 'application/octet-stream'],
          response: { 201: Type.Object({ communities: Type.Integer(), communitiesCreated: Type.Integer(), added: Type.Integer(), updated: Type.Integer() }), ...Errors, 413: ErrorBody, 415: ErrorBody },
        },
      },
      async (request, reply) => {
        const user = requireUser(request);
        const commune = await visibleCommune(ctx.db, user, request.query.agency);
        const body = request.body;
        if (!Buffer.isBuffer(body) || body.length === 0) throw new AppError(400, 'grassroots.file');
        return reply.status(201).send(await importHouseholds(ctx, user, commune, body));
      },
    );
  });

  app.get(
    '/grassroots/communities',
    {
      schema: {
        operationId: 'listCommunities',
        tags: TAG,
        summary: 'Các thôn, tổ dân phố của xã với số hộ gia đình và số hộ đã đăng ký biểu quyết trực tuyến',
        querystring: Type.Object({ agency: Type.String({ minLength: 1, maxLength: 20 }) }),
        response: { 200: Type.Object({ items: Type.Array(Type.Object({ id: Type.String(), code: Type.String(), name: Type.String(), kind: Type.String(), households: Type.Integer(), optedIn: Type.Integer(), withCode: Type.Integer() })) }), ...Errors },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const commune = await visibleCommune(ctx.db, user, request.query.agency);
      const rows = await queryRows<{ id: string; code: string; name: string; kind: string; households: number; opted_in: number; with_code: number }>(
        ctx.db,
        sql`select c.id, c.code, c.name, c.kind, count(h.id) filter (where h.active)::int as households,
              count(h.online_opt_in_at) filter (where h.active)::int as opted_in, count(h.voting_code_hash) filter (where h.active)::int as with_code
            from grassroots_communities c left join grassroots_households h on h.community_id = c.id
            where c.agency_id = ${commune.id} group by c.id order by c.code`,
      );
      return { items: rows.map((r) => ({ id: r.id, code: r.code, name: r.name, kind: r.kind, households: Number(r.households), optedIn: Number(r.opted_in), withCode: Number(r.with_code) })) };
    },
  );

  app.get(
    '/grassroots/communities/:id/households',
    {
      schema: {
        operationId: 'listHouseholds',
        tags: TAG,
        summary: 'Sổ hộ gia đình của một thôn, tổ dân phố (mã hộ, số nhân khẩu, đăng ký trực tuyến; không hiện thông tin cá nhân)',
        params: Id,
        response: { 200: Type.Object({ total: Type.Integer(), items: Type.Array(Type.Object({ code: Type.String(), members: Type.Integer(), optedIn: Type.Boolean(), hasVotingCode: Type.Boolean() })) }), ...Errors },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const c = await visibleCommunity(ctx.db, user, request.params.id);
      const rows = await ctx.db.select().from(grassrootsHouseholds).where(and(eq(grassrootsHouseholds.communityId, c.id), eq(grassrootsHouseholds.active, true))).orderBy(grassrootsHouseholds.code);
      return { total: rows.length, items: rows.map((h) => ({ code: h.code, members: h.members, optedIn: h.onlineOptInAt !== null, hasVotingCode: h.votingCodeHash !== null })) };
    },
  );

  app.post(
    '/grassroots/communities/:id/voting-codes',
    {
      schema: {
        operationId: 'issueVotingCodes',
        tags: TAG,
        summary: 'Cấp mã biểu quyết trực tuyến cho từng hộ gia đình (chỉ hiện một lần, để in phiếu giao cho hộ); reissue: cấp lại cho các hộ này (mã cũ mất hiệu lực)',
        params: Id,
        body: Type.Object({ reissue: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 50 }), { maxItems: 5000 })) }),
        response: { 201: Type.Object({ codes: Type.Array(Type.Object({ household: Type.String(), code: Type.String() })) }), ...Errors },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const c = await visibleCommunity(ctx.db, user, request.params.id);
      reply.header('cache-control', 'no-store');
      return reply.status(201).send({ codes: await issueVotingCodes(ctx, user, c, request.body) });
    },
  );

  app.post(
    '/grassroots/matters',
    {
      schema: {
        operationId: 'createCommunityMatter',
        tags: TAG,
        summary: 'Tạo việc cộng đồng dân cư bàn và quyết định (khoản 1–6 Điều 15 Luật 10/2022/QH15); không có community = việc toàn xã (khoản 1–2)',
        body: Type.Object({
          agency: Type.String({ minLength: 1, maxLength: 20, description: 'Mã xã' }),
          community: Type.Optional(Type.String({ minLength: 1, maxLength: 50, description: 'Mã thôn, tổ dân phố' })),
          item: Type.Integer({ minimum: 1, maximum: 6 }),
          title: Type.String({ minLength: 1, maxLength: 300 }),
          content: Type.String({ minLength: 1, maxLength: 20000 }),
          proposedBy: Type.Enum(['commune-chair', 'village-head', 'initiative']),
          frontAgreed: Type.Optional(Type.Boolean({ description: 'Đã thống nhất với Chủ tịch Ủy ban MTTQ xã / Trưởng ban công tác Mặt trận' })),
          initiativeId: Type.Optional(Type.String({ format: 'uuid' })),
        }),
        response: { 201: MatterOut, ...Errors },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const commune = await visibleCommune(ctx.db, user, request.body.agency);
      const m = await createCommunityMatter(ctx, user, commune, request.body);
      return reply.status(201).send(await matterOut(ctx, m));
    },
  );

  app.get(
    '/grassroots/matters',
    {
      schema: {
        operationId: 'listCommunityMatters',
        tags: TAG,
        summary: 'Các việc cộng đồng dân cư quyết định trong phạm vi (xã và cấp dưới)',
        querystring: Type.Object({ agency: Type.Optional(Type.String({ maxLength: 20 })), status: Type.Optional(Type.String({ maxLength: 20 })), limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }), offset: Type.Integer({ minimum: 0, default: 0 }) }),
        response: { 200: Type.Object({ total: Type.Integer(), items: Type.Array(MatterOut) }), ...Errors },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const conds = [scopeCondition(user, grassrootsMatters.agencyPath)];
      if (request.query.agency) {
        const a = await visibleCommune(ctx.db, user, request.query.agency);
        conds.push(subtreeCondition(a.path, grassrootsMatters.agencyPath));
      }
      if (request.query.status) conds.push(eq(grassrootsMatters.status, request.query.status));
      const where = and(...conds);
      const [{ total } = { total: 0 }] = await ctx.db.select({ total: count() }).from(grassrootsMatters).where(where);
      const rows = await ctx.db
        .select({ m: grassrootsMatters, code: grassrootsCommunities.code, name: grassrootsCommunities.name })
        .from(grassrootsMatters)
        .leftJoin(grassrootsCommunities, eq(grassrootsCommunities.id, grassrootsMatters.communityId))
        .where(where)
        .orderBy(desc(grassrootsMatters.createdAt))
        .limit(request.query.limit)
        .offset(request.query.offset);
      return { total: Number(total), items: rows.map((r) => presentMatter(r.m, r.code && r.name ? { code: r.code, name: r.name } : null)) };
    },
  );

  app.get(
    '/grassroots/matters/:id',
    { schema: { operationId: 'getCommunityMatter', tags: TAG, summary: 'Một việc cộng đồng dân cư quyết định', params: Id, response: { 200: MatterWithProcedure, ...Errors } } },
    async (request) => {
      const m = await visibleMatter(ctx.db, requireUser(request), request.params.id);
      return exact(MatterWithProcedure, { ...(await matterOut(ctx, m)), procedure: await matterProcedure(ctx, m) });
    },
  );

  app.post(
    '/grassroots/matters/:id/open',
    {
      schema: {
        operationId: 'openVote',
        tags: TAG,
        summary:
          'Mở biểu quyết: chốt danh sách hộ gia đình (mẫu số của mọi ngưỡng) và các hình thức; trực tuyến chỉ cho khoản 6 và khi trên 50% tổng số hộ đã đăng ký; gọi lại khi đang biểu quyết để bổ sung phát phiếu sau hội nghị không đạt (khoản 3–5)',
        params: Id,
        body: Type.Object({
          forms: Type.Array(Form, { minItems: 1, maxItems: 3 }),
          closesOn: Type.Optional(IsoDate()),
          ballotPlan: Type.Optional(
            Type.Object(
              { decidedOn: IsoDate('Ngày quyết định phát phiếu'), planSentOn: IsoDate('Ngày gửi kế hoạch đến Chủ tịch UBND xã, Chủ tịch Ủy ban MTTQ xã (trong 2 ngày)'), noticeOn: IsoDate('Ngày thông báo công khai'), distributeOn: IsoDate('Ngày phát phiếu (sau thông báo ít nhất 2 ngày)'), returnBy: IsoDate('Hạn thu phiếu'), team: Team },
              { description: 'Bắt buộc khi mở phát phiếu (khoản 2–5 Điều 4 Nghị định 59/2023/NĐ-CP)' },
            ),
          ),
          onlinePlan: Type.Optional(
            Type.Object(
              { agreedOn: IsoDate('Ngày Trưởng thôn và Ban công tác Mặt trận thống nhất không cần họp, phát phiếu'), startsOn: IsoDate(), endsOn: IsoDate(), team: Team, channel: Type.Optional(Type.String({ maxLength: 300 })) },
              { description: 'Bắt buộc khi mở biểu quyết trực tuyến (Điều 5 Nghị định 59/2023/NĐ-CP)' },
            ),
          ),
        }),
        response: { 200: Type.Object({ matter: MatterOut, households: Type.Integer() }), ...Errors },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const m = await visibleMatter(ctx.db, user, request.params.id);
      const r = await openVote(ctx, user, m, request.body);
      return { matter: await matterOut(ctx, r.matter), households: r.households };
    },
  );

  app.post(
    '/grassroots/matters/:id/meetings',
    {
      schema: {
        operationId: 'recordMeetingResult',
        tags: TAG,
        summary: 'Kết quả một hội nghị (hoặc một cụm): các hộ dự họp (mỗi hộ được tính một lần trong sổ biểu quyết), kết quả biểu quyết, 2 đại diện hộ chứng kiến kiểm phiếu kín (Mẫu 02)',
        params: Id,
        body: Type.Object({
          community: Type.Optional(Type.String({ maxLength: 50 })),
          heldOn: IsoDate(),
          cluster: Type.Optional(Type.String({ maxLength: 200 })),
          secret: Type.Boolean({ description: 'Bỏ phiếu kín (true) hay giơ tay (false)' }),
          attendance: Type.Array(Type.String({ minLength: 1, maxLength: 50 }), { maxItems: 5000, description: 'Mã các hộ dự họp' }),
          agree: Type.Integer({ minimum: 0 }),
          disagree: Type.Integer({ minimum: 0 }),
          other: Type.Integer({ minimum: 0 }),
          witnesses: Type.Array(Type.String({ maxLength: 50 }), { maxItems: 2, default: [] }),
          countingBoard: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { maxItems: 10, description: 'Ban kiểm phiếu 3–5 người (bắt buộc khi bỏ phiếu kín)' })),
          procedural: Type.Optional(Type.Array(Type.Object({ subject: Type.String({ minLength: 1, maxLength: 300 }), agree: Type.Integer({ minimum: 0 }) }), { maxItems: 20, description: 'Biểu quyết thủ tục (thư ký, ban kiểm phiếu, hình thức): thông qua khi trên 50% số hộ dự họp tán thành' })),
        }),
        response: { 201: Type.Object({ meetingId: Type.String(), counted: Type.Integer() }), ...Errors },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const m = await visibleMatter(ctx.db, user, request.params.id);
      const r = await recordMeetingResult(ctx, user, m, request.body);
      return reply.status(201).send({ meetingId: r.meeting.id, counted: r.counted });
    },
  );

  app.post(
    '/grassroots/matters/:id/ballots',
    {
      schema: {
        operationId: 'recordBallots',
        tags: TAG,
        summary: 'Nhập phiếu lấy ý kiến hộ gia đình đã thu (mỗi hộ một phiếu, Mẫu 04); phiếu của hộ đã được tính bằng hình thức khác không được tính và được liệt kê',
        params: Id,
        body: Type.Object({
          community: Type.Optional(Type.String({ maxLength: 50 })),
          ballots: Type.Array(Type.Object({ household: Type.String({ minLength: 1, maxLength: 50 }), choice: ChoiceT, otherText: Type.Optional(Type.String({ maxLength: 1000 })) }), { minItems: 1, maxItems: 5000 }),
        }),
        response: { 200: Type.Object({ counted: Type.Integer(), alreadyCounted: Type.Array(Type.Object({ household: Type.String(), form: Type.String() })) }), ...Errors },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const m = await visibleMatter(ctx.db, user, request.params.id);
      return recordBallots(ctx, user, m, request.body);
    },
  );

  app.post(
    '/grassroots/matters/:id/close',
    {
      schema: {
        operationId: 'closeVote',
        tags: TAG,
        summary: 'Kết thúc biểu quyết: tính kết quả theo ngưỡng của khoản (trên tổng số hộ gia đình; việc toàn xã: từng thôn trước, rồi số thôn), hạn gửi UBND xã 5 ngày làm việc',
        params: Id,
        body: Type.Object({ closedOn: Type.Optional(IsoDate()) }),
        response: { 200: CloseVoteOut, ...Errors },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const m = await visibleMatter(ctx.db, user, request.params.id);
      const r = await closeVote(ctx, user, m, request.body ?? {});
      return exact(CloseVoteOut, { matter: await matterOut(ctx, r.matter), result: r.result, sendDeadline: presentDeadline(r.sendDeadline) });
    },
  );

  app.get(
    '/grassroots/matters/:id/result',
    {
      schema: {
        operationId: 'getVoteResult',
        tags: TAG,
        summary: 'Kết quả biểu quyết (tạm tính khi đang biểu quyết) và sổ biểu quyết: mỗi hộ được tính bằng hình thức nào',
        params: Id,
        response: { 200: VoteResultOut, ...Errors },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const m = await visibleMatter(ctx.db, user, request.params.id);
      const r = await voteResult(ctx, m);
      return exact(VoteResultOut, { matter: await matterOut(ctx, m), result: { ...r.result, villages: r.result.villages.map((v) => ({ ...v, community: r.communities[v.communityId] ?? null })) }, ledger: r.ledger, labels: { forms: FORM_LABELS, choices: CHOICE_LABELS } });
    },
  );

  app.post(
    '/grassroots/matters/:id/send',
    {
      schema: {
        operationId: 'sendCommunityDecision',
        tags: TAG,
        summary: 'Gửi văn bản quyết định của cộng đồng dân cư (Điều 20) đến UBND xã, Ủy ban MTTQ xã; bắt đầu thời hạn công nhận 5 ngày làm việc',
        params: Id,
        body: Type.Object({
          sentOn: IsoDate(),
          signatories: Type.Object({ villageHead: Type.String({ minLength: 1, maxLength: 200 }), frontHead: Type.String({ minLength: 1, maxLength: 200 }), households: Type.Array(Type.String({ maxLength: 50 }), { minItems: 2, maxItems: 2 }) }),
        }),
        response: { 200: Type.Object({ matter: MatterOut, deadline: DeadlineBody }), ...Errors },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const m = await visibleMatter(ctx.db, user, request.params.id);
      const r = await sendCommunityDecision(ctx, user, m, request.body);
      return { matter: await matterOut(ctx, r.matter), deadline: presentDeadline(r.deadline) };
    },
  );

  app.post(
    '/grassroots/matters/:id/recognition',
    {
      schema: {
        operationId: 'recognizeCommunityDecision',
        tags: TAG,
        summary: 'UBND xã (Ủy ban MTTQ xã với khoản 5) công nhận, hoặc không công nhận có lý do, quyết định của cộng đồng dân cư',
        params: Id,
        body: Type.Object({ decision: Type.Enum(['recognize', 'refuse']), on: IsoDate(), reason: Type.Optional(Type.String({ maxLength: 5000 })) }),
        response: { 200: Type.Object({ matter: MatterOut, onTime: Type.Boolean() }), ...Errors },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const m = await visibleMatter(ctx.db, user, request.params.id);
      const r = await recognizeCommunityDecision(ctx, user, m, request.body);
      return { matter: await matterOut(ctx, r.matter), onTime: r.onTime };
    },
  );

  app.post(
    '/grassroots/matters/:id/annulment',
    {
      schema: {
        operationId: 'annulCommunityDecision',
        tags: TAG,
        summary: 'UBND xã hủy bỏ quyết định trái pháp luật của cộng đồng dân cư, hoặc yêu cầu sửa đổi khi có sai sót về trình tự (Điều 22)',
        params: Id,
        body: Type.Object({ kind: Type.Enum(['annul', 'request-amendment']), on: IsoDate(), reason: Type.String({ minLength: 1, maxLength: 5000 }) }),
        response: { 200: MatterOut, ...Errors },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const m = await visibleMatter(ctx.db, user, request.params.id);
      return matterOut(ctx, await annulCommunityDecision(ctx, user, m, request.body));
    },
  );

  const initiativeOut = async (ini: Awaited<ReturnType<typeof visibleInitiative>>): Promise<Static<typeof InitiativeOut>> => ({
    id: ini.id,
    title: ini.title,
    item: ini.item,
    matterId: ini.matterId,
    frontAgreedOn: ini.frontAgreedOn,
    standing: await initiativeStanding(ctx.db, ini, isoDateInVietnam(ctx.now())),
  });

  app.post(
    '/grassroots/initiatives',
    {
      schema: {
        operationId: 'createInitiative',
        tags: TAG,
        summary: 'Sáng kiến của công dân đề xuất việc cộng đồng dân cư quyết định (khoản 3 Điều 16): cần từ 10% số hộ đồng thuận, hiệu lực 3 tháng',
        body: Type.Object({
          agency: Type.String({ minLength: 1, maxLength: 20 }),
          community: Type.String({ minLength: 1, maxLength: 50 }),
          item: Type.Integer({ minimum: 1, maximum: 6 }),
          title: Type.String({ minLength: 1, maxLength: 300 }),
          content: Type.String({ minLength: 1, maxLength: 20000 }),
          initiatorHousehold: Type.Optional(Type.String({ maxLength: 50 })),
        }),
        response: { 201: InitiativeOut, ...Errors },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const commune = await visibleCommune(ctx.db, user, request.body.agency);
      const c = await communityByCode(ctx.db, commune.id, request.body.community);
      if (!c) throw new AppError(400, 'error.validation', {}, [{ field: 'community', key: 'field.invalid' }]);
      const ini = await createInitiative(ctx, user, c, request.body);
      return reply.status(201).send(await initiativeOut(ini));
    },
  );

  app.get(
    '/grassroots/initiatives/:id',
    { schema: { operationId: 'getInitiative', tags: TAG, summary: 'Một sáng kiến: số hộ đồng thuận còn hiệu lực, ngày hết hiệu lực', params: Id, response: { 200: InitiativeOut, ...Errors } } },
    async (request) => initiativeOut(await visibleInitiative(ctx.db, requireUser(request), request.params.id)),
  );

  app.post(
    '/grassroots/initiatives/:id/signatures',
    {
      schema: {
        operationId: 'signInitiative',
        tags: TAG,
        summary: 'Ghi ý kiến đồng thuận của các hộ gia đình theo danh sách người khởi xướng (ngày ký; hiệu lực 3 tháng)',
        params: Id,
        body: Type.Object({ households: Type.Array(Type.String({ minLength: 1, maxLength: 50 }), { minItems: 1, maxItems: 5000 }), signedOn: IsoDate() }),
        response: { 200: Standing, ...Errors },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const ini = await visibleInitiative(ctx.db, user, request.params.id);
      return exact(Standing, await signInitiative(ctx, user, ini, request.body));
    },
  );

  app.post(
    '/grassroots/initiatives/:id/front-agreement',
    {
      schema: {
        operationId: 'recordInitiativeFrontAgreement',
        tags: TAG,
        summary: 'Ban công tác Mặt trận ở thôn, tổ dân phố đồng ý đưa sáng kiến chưa đủ 10% số hộ ra cộng đồng',
        params: Id,
        body: Type.Object({ on: IsoDate() }),
        response: { 200: InitiativeOut, ...Errors },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const ini = await visibleInitiative(ctx.db, user, request.params.id);
      return initiativeOut(await recordFrontAgreement(ctx, user, ini, request.body));
    },
  );

  app.post(
    '/grassroots/recommendations',
    {
      schema: {
        operationId: 'createBoardRecommendation',
        tags: TAG,
        summary: 'Kiến nghị của Ban Thanh tra nhân dân / Ban Giám sát đầu tư của cộng đồng; UBND xã trả lời trong 15 ngày',
        body: Type.Object({ agency: Type.String({ minLength: 1, maxLength: 20 }), board: Type.Enum(['inspection', 'investment']), content: Type.String({ minLength: 1, maxLength: 20000 }), receivedOn: IsoDate() }),
        response: { 201: RecommendationCreated, ...Errors },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const commune = await visibleCommune(ctx.db, user, request.body.agency);
      const r = await createBoardRecommendation(ctx, user, commune, request.body);
      return reply.status(201).send(exact(RecommendationCreated, { recommendation: r.recommendation, deadline: presentDeadline(r.deadline) }));
    },
  );

  app.post(
    '/grassroots/recommendations/:id/answer',
    {
      schema: {
        operationId: 'answerBoardRecommendation',
        tags: TAG,
        summary: 'UBND xã trả lời kiến nghị của Ban Thanh tra nhân dân',
        params: Id,
        body: Type.Object({ answer: Type.String({ minLength: 1, maxLength: 20000 }), on: IsoDate() }),
        response: { 200: RecommendationAnswered, ...Errors },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const rec = await visibleRecommendation(ctx.db, user, request.params.id);
      return exact(RecommendationAnswered, await answerBoardRecommendation(ctx, user, rec, request.body));
    },
  );

  app.get(
    '/grassroots/compliance',
    {
      schema: {
        operationId: 'getGrassrootsCompliance',
        tags: TAG,
        summary: 'Việc đến hạn và quá hạn: gửi quyết định của cộng đồng (5 ngày làm việc), công nhận (5 ngày làm việc), trả lời kiến nghị của Ban Thanh tra nhân dân (15 ngày)',
        querystring: Type.Object({ agency: Type.String({ minLength: 1, maxLength: 20 }), overdueOnly: Type.Boolean({ default: false }) }),
        response: { 200: Type.Object({ today: Type.String(), items: Type.Array(ComplianceItem) }), ...Errors },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const a = await visibleCommune(ctx.db, user, request.query.agency);
      const today = isoDateInVietnam(ctx.now());
      return { today, items: await grassrootsCompliance(ctx, a, today, request.query.overdueOnly) };
    },
  );

  // ── Household representative (public, by the household's voting code) ──
  const VOTE_LIMIT = { max: 600, timeWindow: '1 minute' };
  app.post(
    '/public/grassroots/opt-in',
    {
      config: { public: true, rateLimit: VOTE_LIMIT },
      schema: {
        operationId: 'optInOnlineVoting',
        tags: TAG,
        security: [],
        summary: 'Đại diện hộ gia đình đăng ký biểu quyết trực tuyến bằng mã biểu quyết của hộ (Điều 5 Nghị định 59/2023/NĐ-CP)',
        body: Type.Object({ code: Type.String({ minLength: 4, maxLength: 40 }) }),
        response: { 200: Type.Object({ household: Type.String(), optedInAt: Type.String(), already: Type.Boolean() }), 400: ErrorBody, 401: ErrorBody, 429: ErrorBody },
      },
    },
    async (request) => {
      const r = await optInOnlineVoting(ctx, request.body);
      return { ...r, optedInAt: r.optedInAt.toISOString() };
    },
  );

  app.post(
    '/public/grassroots/matters/:id/votes',
    {
      config: { public: true, rateLimit: VOTE_LIMIT },
      schema: {
        operationId: 'castOnlineVote',
        tags: TAG,
        security: [],
        summary: 'Đại diện hộ gia đình biểu quyết trực tuyến (đồng ý / không đồng ý / ý kiến khác); mỗi hộ được tính một lần, dù bằng hình thức nào',
        params: Id,
        body: Type.Object({ code: Type.String({ minLength: 4, maxLength: 40 }), choice: ChoiceT, otherText: Type.Optional(Type.String({ maxLength: 1000 })) }),
        response: { 201: Type.Object({ household: Type.String(), form: Type.String(), countedAt: Type.String() }), 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 429: ErrorBody },
      },
    },
    async (request, reply) => {
      const r = await castOnlineVote(ctx, request.params.id, request.body);
      return reply.status(201).send({ household: r.household, form: r.form, countedAt: r.countedAt.toISOString() });
    },
  );

  registerGrassrootsExtraRoutes(app, ctx);
  registerGrassrootsProcedureRoutes(app, ctx);
}
