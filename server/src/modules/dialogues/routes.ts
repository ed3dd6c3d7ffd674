/**
 * Dialogues and commitments over HTTP (issue 14). Staff: plan, notice, sessions, conclusion, commitments and their
 * updates, compliance, the kind table. Public (no login, rate-limited): upcoming dialogues and conclusions,
 * registration with a question (Idempotency-Key), the commitment tracker with its fulfilment rate, CSV/JSON open data.
 */
import './evidence-refs.ts'; // dialogues and commitments as evidence of a «Dân vận khéo» model (registers its resolvers)
import { Type } from 'typebox';
import type { Static } from 'typebox';
import { and, asc, desc, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import { DEFAULT_DIALOGUE_KINDS, DIALOGUE_KIND_KEYS, MARK_LABELS, type DialogueKind } from '@danvan/domain/dialogues/kinds';
import { isoDateInVietnam, isRealIsoDate } from '@danvan/domain/text';
import type { App, AppContext } from '../../context.ts';
import { requireUser } from '../../context.ts';
import { commitmentEvidence, commitments, dialogues } from '../../db/schema.ts';
import { AppError, invalid, notFound } from '../../plugins/errors.ts';
import { ErrorBody, IsoDate, exact } from '../shared-schemas.ts';
import { scopeCondition, subtreeCondition } from '../auth/current-user.ts';
import { agencyByCode } from '../agencies/queries.ts';
import type { PortalOptions } from '../portal/options.ts';
import { decryptFile } from '../portal/storage.ts';
import { computeDialogueCompliance } from './compliance.ts';
import { createDialogue } from './create-dialogue.ts';
import { dialogueFigures } from './figures.ts';
import { loadDialogueKinds, saveDialogueKinds } from './kinds.ts';
import { openCaseFromIssue } from './issue-to-case.ts';
import { mayRunCommitmentSweep, mayViewDialogue } from './policy.ts';
import { publishDialogueNotice } from './publish-notice.ts';
import { publicCommitments, publicDialogue, publicDialogues, commitmentsCsv } from './public.ts';
import { agencyNames, commitmentTimeline, presentCommitment, presentDialogue, presentDialogueHead, visibleCommitment, visibleDialogue } from './queries.ts';
import { recordDialogueConclusion } from './record-conclusion.ts';
import { recordDialogueSession } from './record-session.ts';
import { registerForDialogue } from './register-for-dialogue.ts';
import { Commitment, CommitmentSweep, CommitmentWithTimeline, DialogueCompliance, DialogueFiguresOut, DialogueFull, DialogueHead, DialogueOut, FulfilmentFigures, PublicCommitments, PublicDialogue, PublicDialogueHead, Registration } from './schemas.ts';
import { sweepCommitments } from './sweep-commitments.ts';
import { updateCommitment } from './update-commitment.ts';
import { registerDialogueFollowUpRoutes } from './routes-followup.ts';

const Id = Type.Object({ id: Type.String({ format: 'uuid' }) });
const Dialogue = DialogueOut;
const PUBLIC_READ = { max: 120, timeWindow: '1 minute' };
const PUBLIC_WRITE = { max: 20, timeWindow: '10 minutes' };
const Time = Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$', description: 'giờ:phút' });

const KindSchema = Type.Object({
  key: Type.String({ minLength: 2, maxLength: 40 }),
  label: Type.String({ minLength: 1, maxLength: 300 }),
  noticeDays: Type.Integer({ minimum: 0, maximum: 365 }),
  noticeCitation: Type.String({ maxLength: 500 }),
  noticeMark: Type.Enum(['V', 'V*', 'R']),
  conclusionDays: Type.Integer({ minimum: 1, maximum: 365 }),
  conclusionDaysComplex: Type.Union([Type.Integer({ minimum: 1, maximum: 365 }), Type.Null()]),
  conclusionCitation: Type.String({ maxLength: 500 }),
  conclusionMark: Type.Enum(['V', 'V*', 'R']),
  organiser: Type.String({ maxLength: 500 }),
  coChair: Type.String({ maxLength: 500 }),
  yearlyPerCommune: Type.Boolean(),
  yearlyCitation: Type.Union([Type.String({ maxLength: 500 }), Type.Null()]),
  yearlyMark: Type.Union([Type.Enum(['V', 'V*', 'R']), Type.Null()]),
  usualMonth: Type.Union([Type.Integer({ minimum: 1, maximum: 12 }), Type.Null()]),
  requestThresholdPercent: Type.Optional(Type.Union([Type.Integer({ minimum: 1, maximum: 100, description: 'Tỷ lệ cử tri đề nghị làm phát sinh đối thoại (xã: 10%)' }), Type.Null()])),
  requestDecisionDays: Type.Optional(Type.Union([Type.Integer({ minimum: 1, maximum: 365, description: 'Số ngày phải quyết định về đề nghị đối thoại (thanh niên: 45)' }), Type.Null()])),
  requestCitation: Type.Optional(Type.Union([Type.String({ maxLength: 500 }), Type.Null()])),
  requestMark: Type.Optional(Type.Union([Type.Enum(['V', 'V*', 'R']), Type.Null()])),
});

async function kindMap(ctx: AppContext) {
  return new Map((await loadDialogueKinds(ctx.db)).map((k) => [k.key, k]));
}

export function registerDialogueRoutes(app: App, ctx: AppContext, portal: PortalOptions) {
  const today = () => isoDateInVietnam(ctx.now());
  const full = async (id: string): Promise<Static<typeof DialogueFull>> => {
    const [d] = await ctx.db.select().from(dialogues).where(eq(dialogues.id, id));
    if (!d) throw notFound();
    return exact(DialogueFull, await presentDialogue(ctx.db, d, (await kindMap(ctx)).get(d.kind), today()));
  };

  // ── The kinds (data with defaults and citations) ──
  app.get(
    '/dialogue-kinds',
    {
      schema: {
        operationId: 'listDialogueKinds',
        tags: ['dialogues'],
        summary: 'Các loại đối thoại: thời hạn thông báo trước, thời hạn công bố kết luận, cơ quan tổ chức, đồng chủ trì, căn cứ và mức kiểm chứng ([V] đã đối chiếu, [V*] nguồn thứ cấp, [R] đề xuất — mặc định có thể cấu hình)',
        response: { 200: Type.Object({ items: Type.Array(KindSchema), defaults: Type.Array(KindSchema), marks: Type.Record(Type.String(), Type.String()) }), 401: ErrorBody },
      },
    },
    async (request) => {
      requireUser(request);
      return { items: await loadDialogueKinds(ctx.db), defaults: [...DEFAULT_DIALOGUE_KINDS], marks: { ...MARK_LABELS } };
    },
  );
  app.put(
    '/dialogue-kinds',
    {
      schema: {
        operationId: 'updateDialogueKinds',
        tags: ['dialogues'],
        summary: 'Quản trị quốc gia sửa danh mục loại đối thoại (có ghi nhật ký)',
        body: Type.Object({ kinds: Type.Array(KindSchema, { minItems: 1, maxItems: 50 }) }),
        response: { 200: Type.Object({ items: Type.Array(KindSchema) }), 400: ErrorBody, 401: ErrorBody, 403: ErrorBody },
      },
    },
    async (request) => ({ items: await saveDialogueKinds(ctx, requireUser(request), request.body.kinds as DialogueKind[]) }),
  );

  // ── Lifecycle ──
  app.post(
    '/dialogues',
    {
      schema: {
        operationId: 'createDialogue',
        tags: ['dialogues'],
        summary: 'Lên kế hoạch hội nghị đối thoại (thủ trưởng hoặc cán bộ xử lý của cơ quan tổ chức)',
        body: Type.Object({
          agency: Type.String({ minLength: 1, maxLength: 20 }),
          kind: Type.String({ minLength: 1, maxLength: 40, description: `Loại: ${DIALOGUE_KIND_KEYS.join(', ')} (hoặc loại do quản trị thêm)` }),
          title: Type.String({ minLength: 1, maxLength: 500 }),
          plannedOn: IsoDate('Ngày dự kiến tổ chức'),
          content: Type.Optional(Type.String({ maxLength: 10000 })),
          startTime: Type.Optional(Time),
          location: Type.Optional(Type.String({ maxLength: 500 })),
          organiser: Type.Optional(Type.String({ maxLength: 500 })),
          coChair: Type.Optional(Type.String({ maxLength: 500 })),
          complex: Type.Optional(Type.Boolean()),
        }),
        response: { 201: Dialogue, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody },
      },
    },
    async (request, reply) => {
      const d = await createDialogue(ctx, requireUser(request), request.body);
      return reply.status(201).send({ dialogue: await full(d.id) });
    },
  );

  app.get(
    '/dialogues',
    {
      schema: {
        operationId: 'listDialogues',
        tags: ['dialogues'],
        summary: 'Danh sách hội nghị đối thoại trong phạm vi (cơ quan và cấp dưới), theo năm',
        querystring: Type.Object({
          agency: Type.Optional(Type.String({ maxLength: 20 })),
          year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })),
          status: Type.Optional(Type.Enum(['planned', 'noticed', 'held', 'concluded', 'cancelled'])),
        }),
        response: { 200: Type.Object({ items: Type.Array(DialogueHead) }), 401: ErrorBody, 404: ErrorBody },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const q = request.query;
      const conds: SQL[] = [scopeCondition(user, dialogues.agencyPath)];
      if (q.agency) {
        const a = await agencyByCode(ctx.db, q.agency);
        if (!a || !mayViewDialogue(user, a.path)) throw notFound();
        conds.push(subtreeCondition(a.path, dialogues.agencyPath));
      }
      if (q.year) conds.push(sql`${dialogues.plannedOn} between ${`${q.year}-01-01`} and ${`${q.year}-12-31`}`);
      if (q.status) conds.push(eq(dialogues.status, q.status));
      const rows = await ctx.db.select().from(dialogues).where(and(...conds)).orderBy(desc(dialogues.plannedOn)).limit(500);
      const kinds = await kindMap(ctx);
      const names = await agencyNames(ctx.db, rows.map((r) => r.agencyId));
      return { items: rows.map((d) => exact(DialogueHead, presentDialogueHead(d, kinds.get(d.kind), names))) };
    },
  );

  app.get(
    '/dialogues/:id',
    { schema: { operationId: 'getDialogue', tags: ['dialogues'], summary: 'Một hội nghị đối thoại: thông báo, các buổi, câu hỏi đăng ký trước (không kèm liên hệ), kết luận, cam kết', params: Id, response: { 200: Dialogue, 401: ErrorBody, 404: ErrorBody } } },
    async (request) => {
      const d = await visibleDialogue(ctx.db, requireUser(request), request.params.id);
      return { dialogue: await full(d.id) };
    },
  );

  app.post(
    '/dialogues/:id/notice',
    {
      schema: {
        operationId: 'publishDialogueNotice',
        tags: ['dialogues'],
        summary: 'Công bố thông báo đối thoại (thời gian, địa điểm hoặc đường dẫn trực tuyến, nội dung, cách thức tham dự) — kiểm tra thời hạn báo trước theo loại (xã: 7 ngày; thanh niên: 30 ngày); ngắn hơn bị từ chối, trừ khi ghi lý do (được đánh dấu thông báo muộn)',
        params: Id,
        body: Type.Object({
          noticeOn: Type.Optional(IsoDate('Ngày công bố (mặc định hôm nay)')),
          plannedOn: Type.Optional(IsoDate('Ngày tổ chức (nếu đổi)')),
          startTime: Type.Optional(Time),
          location: Type.Optional(Type.String({ maxLength: 500 })),
          onlineLink: Type.Optional(Type.String({ maxLength: 1000 })),
          howToAttend: Type.String({ maxLength: 2000 }),
          content: Type.Optional(Type.String({ maxLength: 10000 })),
          lateReason: Type.Optional(Type.String({ maxLength: 2000, description: 'Lý do thông báo muộn hơn quy định (nếu có)' })),
        }),
        response: { 200: Dialogue, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody },
      },
    },
    async (request) => {
      const d = await publishDialogueNotice(ctx, requireUser(request), request.params.id, request.body);
      return { dialogue: await full(d.id) };
    },
  );

  app.post(
    '/dialogues/:id/sessions',
    {
      schema: {
        operationId: 'recordDialogueSession',
        tags: ['dialogues'],
        summary: 'Ghi nhận một buổi đối thoại đã tổ chức (cụm thôn, tổ dân phố): ngày, địa điểm, số người dự, biên bản, người chủ trì',
        params: Id,
        body: Type.Object({
          label: Type.Optional(Type.String({ maxLength: 300 })),
          heldOn: IsoDate('Ngày tổ chức'),
          location: Type.Optional(Type.String({ maxLength: 500 })),
          attendance: Type.Integer({ minimum: 0, maximum: 1_000_000 }),
          minutes: Type.Optional(Type.String({ maxLength: 50000 })),
          chairedBy: Type.Optional(Type.String({ maxLength: 500 })),
        }),
        response: { 200: Dialogue, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody },
      },
    },
    async (request) => {
      const d = await recordDialogueSession(ctx, requireUser(request), request.params.id, request.body);
      return { dialogue: await full(d.id) };
    },
  );

  app.post(
    '/dialogues/:id/conclusion',
    {
      schema: {
        operationId: 'recordDialogueConclusion',
        tags: ['dialogues'],
        summary: 'Công bố thông báo kết luận: từng vấn đề (trả lời tại chỗ / chuyển cơ quan / giao cơ quan giải quyết có hạn); vấn đề được giao trở thành cam kết; muộn hơn thời hạn (xã: 10 ngày) bị đánh dấu',
        params: Id,
        body: Type.Object({
          conclusionOn: Type.Optional(IsoDate('Ngày công bố kết luận (mặc định hôm nay)')),
          summary: Type.String({ minLength: 1, maxLength: 20000 }),
          chairedBy: Type.Optional(Type.String({ maxLength: 500 })),
          complex: Type.Optional(Type.Boolean()),
          issues: Type.Array(
            Type.Object({
              content: Type.String({ minLength: 1, maxLength: 5000 }),
              outcome: Type.Enum(['answered', 'transferred', 'assigned']),
              answer: Type.Optional(Type.String({ maxLength: 10000 })),
              agency: Type.Optional(Type.String({ maxLength: 20, description: 'Cơ quan nhận (chuyển) hoặc được giao' })),
              dueOn: Type.Optional(IsoDate('Hạn thực hiện (vấn đề được giao)')),
              dueRule: Type.Optional(Type.String({ maxLength: 60, description: 'Quy tắc thời hạn luật định (đồng hồ pháp lý) khi có, ví dụ grassroots.board-answer; thay cho dueOn' })),
              registrationCode: Type.Optional(Type.String({ maxLength: 20 })),
            }),
            { minItems: 1, maxItems: 500 },
          ),
        }),
        response: { 200: Dialogue, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody },
      },
    },
    async (request) => {
      const d = await recordDialogueConclusion(ctx, requireUser(request), request.params.id, request.body);
      return { dialogue: await full(d.id) };
    },
  );

  app.post(
    '/dialogue-issues/:id/case',
    {
      schema: {
        operationId: 'openCaseFromDialogueIssue',
        tags: ['dialogues'],
        summary: 'Mở vụ việc (khiếu nại, tố cáo, kiến nghị phản ánh) từ một vấn đề nêu tại đối thoại — liên kết hai chiều',
        params: Id,
        body: Type.Object({ kind: Type.Enum(['complaint', 'denunciation', 'feedback']), petitionerName: Type.Optional(Type.String({ maxLength: 200 })) }),
        response: { 201: Type.Object({ case: Type.Object({ id: Type.String(), code: Type.String() }) }), 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody },
      },
    },
    async (request, reply) => reply.status(201).send({ case: await openCaseFromIssue(ctx, requireUser(request), request.params.id, request.body) }),
  );

  // ── Commitments ──
  app.get(
    '/commitments',
    {
      schema: {
        operationId: 'listCommitments',
        tags: ['dialogues'],
        summary: 'Cam kết trong phạm vi: do cơ quan (và cấp dưới) tổ chức đối thoại hoặc được giao thực hiện; kèm tỷ lệ thực hiện',
        querystring: Type.Object({
          agency: Type.Optional(Type.String({ maxLength: 20 })),
          role: Type.Enum(['any', 'organiser', 'owner'], { default: 'any' }),
          status: Type.Optional(Type.Enum(['open', 'in-progress', 'done', 'transferred', 'declined'])),
          overdue: Type.Optional(Type.Boolean()),
        }),
        response: { 200: Type.Object({ items: Type.Array(Commitment), summary: FulfilmentFigures }), 401: ErrorBody, 404: ErrorBody },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const q = request.query;
      const t = today();
      const conds: SQL[] = [or(scopeCondition(user, commitments.agencyPath), scopeCondition(user, commitments.ownerAgencyPath))!];
      if (q.agency) {
        const a = await agencyByCode(ctx.db, q.agency);
        if (!a || !mayViewDialogue(user, a.path)) throw notFound();
        const org = subtreeCondition(a.path, commitments.agencyPath);
        const own = subtreeCondition(a.path, commitments.ownerAgencyPath);
        conds.push(q.role === 'organiser' ? org : q.role === 'owner' ? own : or(org, own)!);
      }
      if (q.status) conds.push(eq(commitments.status, q.status));
      if (q.overdue) conds.push(and(inArray(commitments.status, ['open', 'in-progress']), sql`${commitments.dueOn} < ${t}`)!);
      const rows = await ctx.db
        .select({ c: commitments, dCode: dialogues.code, dTitle: dialogues.title })
        .from(commitments)
        .innerJoin(dialogues, eq(dialogues.id, commitments.dialogueId))
        .where(and(...conds))
        .orderBy(asc(commitments.dueOn), asc(commitments.code))
        .limit(2000);
      const names = await agencyNames(ctx.db, rows.map((r) => r.c.ownerAgencyId));
      const items = rows.map((r) => presentCommitment(r.c, names, t, { code: r.dCode, title: r.dTitle }));
      const { fulfilment } = await import('@danvan/domain/dialogues/kinds');
      return { items: items.map((c) => exact(Commitment, c)), summary: exact(FulfilmentFigures, fulfilment(rows.map((r) => r.c), t)) };
    },
  );

  app.get(
    '/commitments/:id',
    { schema: { operationId: 'getCommitment', tags: ['dialogues'], summary: 'Một cam kết và dòng thời gian cập nhật (kèm tệp minh chứng)', params: Id, response: { 200: CommitmentWithTimeline, 401: ErrorBody, 404: ErrorBody } } },
    async (request) => {
      const c = await visibleCommitment(ctx.db, requireUser(request), request.params.id);
      const [d] = await ctx.db.select({ code: dialogues.code, title: dialogues.title }).from(dialogues).where(eq(dialogues.id, c.dialogueId));
      return exact(CommitmentWithTimeline, { commitment: presentCommitment(c, await agencyNames(ctx.db, [c.ownerAgencyId]), today(), d), timeline: await commitmentTimeline(ctx.db, c.id) });
    },
  );

  app.post(
    '/commitments/:id/updates',
    {
      bodyLimit: 16 * 1024 * 1024,
      schema: {
        operationId: 'updateCommitment',
        tags: ['dialogues'],
        summary: 'Cơ quan được giao cập nhật cam kết: trạng thái (đang thực hiện, xong — kèm ghi chú công khai, chuyển, không thực hiện — kèm lý do), tiến độ %, ghi chú, tệp minh chứng (ảnh, PDF; base64)',
        params: Id,
        body: Type.Object({
          status: Type.Optional(Type.Enum(['open', 'in-progress', 'done', 'transferred', 'declined'])),
          progress: Type.Optional(Type.Integer({ minimum: 0, maximum: 100 })),
          note: Type.Optional(Type.String({ maxLength: 5000 })),
          closingNote: Type.Optional(Type.String({ maxLength: 5000, description: 'Ghi chú công khai khi hoàn thành' })),
          reason: Type.Optional(Type.String({ maxLength: 5000, description: 'Lý do (không thực hiện / chuyển)' })),
          evidence: Type.Optional(Type.Array(Type.Object({ fileName: Type.String({ minLength: 1, maxLength: 200 }), dataBase64: Type.String({ maxLength: 7_000_000 }) }), { maxItems: 3 })),
        }),
        response: { 200: CommitmentWithTimeline, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody },
      },
    },
    async (request) => {
      const b = request.body;
      const c = await updateCommitment(ctx, portal, requireUser(request), request.params.id, {
        ...b,
        evidence: b.evidence?.map((f) => ({ fileName: f.fileName, data: Buffer.from(f.dataBase64, 'base64') })),
      });
      return exact(CommitmentWithTimeline, { commitment: presentCommitment(c, await agencyNames(ctx.db, [c.ownerAgencyId]), today()), timeline: await commitmentTimeline(ctx.db, c.id) });
    },
  );

  app.get(
    '/commitment-evidence/:id',
    { schema: { operationId: 'downloadCommitmentEvidence', tags: ['dialogues'], summary: 'Tải tệp minh chứng của cam kết', params: Id, response: { 200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary' }), 401: ErrorBody, 404: ErrorBody } } },
    async (request, reply) => {
      const user = requireUser(request);
      const [f] = await ctx.db.select().from(commitmentEvidence).where(eq(commitmentEvidence.id, request.params.id));
      if (!f) throw notFound();
      await visibleCommitment(ctx.db, user, f.commitmentId);
      const data = decryptFile(ctx.sealer, await portal.storage.get(f.storageKey), f.dataKey);
      return reply
        .header('content-type', f.contentType)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(f.fileName)}`)
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-store')
        .send(data);
    },
  );

  app.post(
    '/commitments/sweep',
    { schema: { operationId: 'sweepCommitments', tags: ['dialogues'], summary: 'Quét hạn cam kết: đánh dấu quá hạn, nhắc cơ quan được giao, báo cấp trên (quản trị)', response: { 200: CommitmentSweep, 401: ErrorBody, 403: ErrorBody } } },
    async (request) => {
      if (!mayRunCommitmentSweep(requireUser(request))) throw new AppError(403, 'error.forbidden');
      return exact(CommitmentSweep, await sweepCommitments(ctx));
    },
  );

  // ── Compliance and figures ──
  app.get(
    '/dialogue-compliance',
    {
      schema: {
        operationId: 'getDialogueCompliance',
        tags: ['dialogues'],
        summary: 'Tuân thủ: xã chưa tổ chức đối thoại hằng năm (tính đến ngày), thông báo muộn, kết luận muộn',
        querystring: Type.Object({ agency: Type.String({ maxLength: 20 }), year: Type.Integer({ minimum: 2000, maximum: 2100 }), asOf: Type.Optional(IsoDate('Tính đến ngày (mặc định hôm nay)')) }),
        response: { 200: DialogueCompliance, 400: ErrorBody, 401: ErrorBody, 404: ErrorBody },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const a = await agencyByCode(ctx.db, request.query.agency);
      if (!a || !mayViewDialogue(user, a.path)) throw notFound();
      return exact(DialogueCompliance, await computeDialogueCompliance(ctx.db, a, request.query.year, request.query.asOf ?? today()));
    },
  );

  app.get(
    '/dialogue-figures',
    {
      schema: {
        operationId: 'getDialogueFigures',
        tags: ['dialogues', 'reports'],
        summary: 'Số liệu đối thoại của cơ quan và cấp dưới trong kỳ: số hội nghị, người dự, vấn đề, trả lời tại chỗ, chuyển, cam kết, đã thực hiện, đúng hạn, tỷ lệ thực hiện',
        querystring: Type.Object({ agency: Type.String({ maxLength: 20 }), from: IsoDate(), to: IsoDate() }),
        response: { 200: DialogueFiguresOut, 400: ErrorBody, 401: ErrorBody, 404: ErrorBody },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const q = request.query;
      if (!isRealIsoDate(q.from) || !isRealIsoDate(q.to) || q.from > q.to) throw invalid({ field: 'from', key: 'field.dateRange' });
      const a = await agencyByCode(ctx.db, q.agency);
      if (!a || !mayViewDialogue(user, a.path)) throw notFound();
      return exact(DialogueFiguresOut, { agency: { code: a.code, name: a.fullName }, from: q.from, to: q.to, ...(await dialogueFigures(ctx.db, a.path, q.from, q.to, today())) });
    },
  );

  // ── Public ──
  const PublicQuery = Type.Object({
    agency: Type.Optional(Type.String({ maxLength: 20, description: 'Mã xã, tỉnh hoặc bộ (kèm cấp dưới)' })),
    when: Type.Enum(['upcoming', 'concluded', 'all'], { default: 'all' }),
  });
  app.get(
    '/public/dialogues',
    {
      config: { public: true, rateLimit: PUBLIC_READ },
      schema: { operationId: 'listPublicDialogues', tags: ['public'], summary: 'Hội nghị đối thoại sắp tới (nhận đăng ký, câu hỏi) và các kết luận đã công bố', querystring: PublicQuery, response: { 200: Type.Object({ items: Type.Array(PublicDialogueHead) }), 404: ErrorBody } },
    },
    async (request) => ({ items: (await publicDialogues(ctx, request.query.agency, request.query.when)).map((d) => exact(PublicDialogueHead, d)) }),
  );
  app.get(
    '/public/dialogues/:id',
    {
      config: { public: true, rateLimit: PUBLIC_READ },
      schema: { operationId: 'getPublicDialogue', tags: ['public'], summary: 'Thông báo và kết luận công khai của một hội nghị đối thoại', params: Id, response: { 200: Type.Object({ dialogue: PublicDialogue }), 404: ErrorBody } },
    },
    async (request) => ({ dialogue: exact(PublicDialogue, await publicDialogue(ctx, request.params.id)) }),
  );
  app.post(
    '/public/dialogues/:id/registrations',
    {
      config: { public: true, rateLimit: PUBLIC_WRITE },
      schema: {
        operationId: 'registerForDialogue',
        tags: ['public'],
        summary: 'Công dân đăng ký dự và gửi câu hỏi trước cho hội nghị đối thoại (không cần tài khoản; liên hệ được mã hóa). Gửi kèm header Idempotency-Key: gửi lại cùng khóa trả về cùng kết quả.',
        params: Id,
        headers: Type.Object({ 'idempotency-key': Type.Optional(Type.String({ maxLength: 200 })) }),
        body: Type.Object({
          question: Type.String({ minLength: 1, maxLength: 5000 }),
          name: Type.Optional(Type.String({ maxLength: 200 })),
          phone: Type.Optional(Type.String({ maxLength: 30 })),
          email: Type.Optional(Type.String({ maxLength: 200 })),
          wantsToSpeak: Type.Optional(Type.Boolean()),
        }),
        response: { 200: Type.Object({ registration: Registration }), 201: Type.Object({ registration: Registration }), 400: ErrorBody, 404: ErrorBody, 409: ErrorBody, 429: ErrorBody },
      },
    },
    async (request, reply) => {
      const r = await registerForDialogue(ctx, request.params.id, request.body, { idempotencyKey: request.headers['idempotency-key'] });
      return reply.status(r.replayed ? 200 : 201).send({ registration: exact(Registration, r.registration) });
    },
  );
  app.get(
    '/public/commitments',
    {
      config: { public: true, rateLimit: PUBLIC_READ },
      schema: {
        operationId: 'listPublicCommitments',
        tags: ['public'],
        summary: 'Theo dõi cam kết sau đối thoại theo xã / tỉnh / bộ: tỷ lệ thực hiện (đã thực hiện, đúng hạn, quá hạn) và dòng thời gian của từng cam kết (dữ liệu mở JSON)',
        querystring: Type.Object({ agency: Type.Optional(Type.String({ maxLength: 20 })) }),
        response: { 200: PublicCommitments, 404: ErrorBody },
      },
    },
    async (request) => exact(PublicCommitments, await publicCommitments(ctx, request.query.agency)),
  );
  app.get(
    '/public/commitments.csv',
    {
      config: { public: true, rateLimit: PUBLIC_READ },
      schema: { operationId: 'exportPublicCommitments', tags: ['public'], summary: 'Dữ liệu mở: cam kết sau đối thoại (CSV, UTF-8)', querystring: Type.Object({ agency: Type.Optional(Type.String({ maxLength: 20 })) }), response: { 200: Type.String(), 404: ErrorBody } },
    },
    async (request, reply) => {
      const csv = commitmentsCsv(await publicCommitments(ctx, request.query.agency));
      return reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="cam-ket-doi-thoai.csv"').send(csv);
    },
  );

  registerDialogueFollowUpRoutes(app, ctx, portal, full);
}
