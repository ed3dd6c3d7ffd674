import { Type } from 'typebox';
import { and, asc, count, desc, eq, inArray, isNotNull, lt, lte, sql, type SQL } from 'drizzle-orm';
import { isoDateInVietnam } from '@danvan/domain/text';
import { suggestClassification } from '@danvan/domain/classification';
import { keywordRules } from '../settings/settings.ts';
import { STATE_LABELS } from '@danvan/domain/workflow';
import type { App, AppContext } from '../../context.ts';
import { requireUser } from '../../context.ts';
import { agencies, auditLog, cases, petitions, visits } from '../../db/schema.ts';
import { invalid, notFound } from '../../plugins/errors.ts';
import { CaseKind, ErrorBody, IsoDate } from '../shared-schemas.ts';
import { scopeCondition, subtreeCondition } from '../auth/current-user.ts';
import { agencyByCode } from '../agencies/queries.ts';
import { actionsFor, caseVisibleTo } from './policy.ts';
import { caseFacts, COMPLEXITIES, transitionCase } from './transition-case.ts';
import { SEALED_NAME, type CaseRow } from './open-case.ts';
import { clockView, dueStatus, loadCalendar, type ClockView } from '../clock/deadlines.ts';
import { completeDuty, dutiesOf, nextOpenDuties, presentDuty } from './duties.ts';
import { limitationCheck } from './limitation.ts';

const CaseSummary = Type.Object({
  id: Type.String(),
  code: Type.String(),
  kind: Type.String(),
  state: Type.String(),
  stateLabel: Type.String(),
  agencyCode: Type.String(),
  agencyName: Type.String(),
  petitionerName: Type.Union([Type.String(), Type.Null()]),
  summary: Type.String(),
  receivedOn: Type.String(),
  acceptedOn: Type.Union([Type.String(), Type.Null()]),
  decidedOn: Type.Union([Type.String(), Type.Null()]),
  outcome: Type.Union([Type.String(), Type.Null()]),
  dueOn: Type.Union([Type.String(), Type.Null()]),
  dueRule: Type.Union([Type.String(), Type.Null()]),
  jurisdiction: Type.Union([Type.String(), Type.Null()]),
  field: Type.Union([Type.String(), Type.Null()]),
  instance: Type.Integer({ description: 'Khiếu nại: 1 = lần đầu, 2 = lần hai' }),
  assigneeId: Type.Union([Type.String(), Type.Null()]),
  overdueSince: Type.Union([Type.String(), Type.Null()]),
  dueLight: Type.Union([Type.Enum(['on-time', 'due-soon', 'overdue']), Type.Null()], { description: 'Đèn hạn: đúng hạn / còn ≤ 3 ngày làm việc / quá hạn' }),
  dueExplanation: Type.Union([Type.String(), Type.Null()], { description: 'Cách tính hạn, bằng tiếng Việt' }),
  decisionSentOn: Type.Union([Type.String(), Type.Null()], { description: 'Ngày gửi quyết định (giải quyết khiếu nại, đình chỉ)' }),
  withdrawnCount: Type.Integer({ description: 'Khiếu nại đông người: số người đã rút khiếu nại, những người khác tiếp tục' }),
});

/** A duty beside the running deadline (ADR 0024). */
const CaseDuty = Type.Object({
  id: Type.String(),
  code: Type.String({ description: 'notify-acceptance | send-suspension-complaint | send-resumption-complaint | send-suspension-denunciation | send-resumption-denunciation | repeat-notice' }),
  label: Type.String(),
  rule: Type.String(),
  ruleVersion: Type.Union([Type.String(), Type.Null()]),
  verified: Type.Boolean({ description: 'false = thời hạn mặc định chưa đối chiếu văn bản gốc, quản trị có thể sửa' }),
  citation: Type.String(),
  fromOn: Type.String(),
  dueOn: Type.Union([Type.String(), Type.Null()], { description: 'null: không có quy tắc hiệu lực vào ngày phát sinh' }),
  doneOn: Type.Union([Type.String(), Type.Null()]),
  documentNo: Type.Union([Type.String(), Type.Null()]),
  onTime: Type.Union([Type.Boolean(), Type.Null()]),
  dueLight: Type.Union([Type.Enum(['on-time', 'due-soon', 'overdue']), Type.Null()]),
  dueExplanation: Type.Union([Type.String(), Type.Null()]),
});

/** The nearest open duty of a case, for the list's second light. */
const NextDuty = Type.Object({
  label: Type.String(),
  dueOn: Type.String(),
  dueLight: Type.Union([Type.Enum(['on-time', 'due-soon', 'overdue']), Type.Null()]),
  dueExplanation: Type.Union([Type.String(), Type.Null()]),
});

const Person = Type.Object({
  name: Type.Union([Type.String(), Type.Null()]),
  idNumber: Type.Union([Type.String(), Type.Null()]),
  address: Type.Union([Type.String(), Type.Null()]),
  phone: Type.Union([Type.String(), Type.Null()]),
});

function present(c: CaseRow, agency: { code: string; fullName: string }, clock: ClockView) {
  return {
    id: c.id,
    code: c.code,
    kind: c.kind,
    state: c.state,
    stateLabel: STATE_LABELS[c.state] ?? c.state,
    agencyCode: agency.code,
    agencyName: agency.fullName,
    petitionerName: c.kind === 'denunciation' ? SEALED_NAME : c.petitionerName,
    summary: c.content.length > 160 ? `${c.content.slice(0, 157)}…` : c.content,
    receivedOn: c.receivedOn,
    acceptedOn: c.acceptedOn,
    decidedOn: c.decidedOn,
    outcome: c.outcome,
    dueOn: c.dueOn,
    dueRule: c.dueRule,
    jurisdiction: c.jurisdiction,
    field: c.field,
    instance: c.instance,
    assigneeId: c.assigneeId,
    overdueSince: c.overdueSince,
    ...dueStatus(c, clock),
    decisionSentOn: c.decisionSentOn,
    withdrawnCount: c.withdrawnCount,
  };
}

export function registerCaseRoutes(app: App, ctx: AppContext) {
  app.get(
    '/cases',
    {
      schema: {
        operationId: 'listCases',
        tags: ['cases'],
        summary: 'Danh sách vụ việc trong phạm vi của người dùng (tên người tố cáo luôn được che)',
        querystring: Type.Object({
          agency: Type.Optional(Type.String({ maxLength: 20, description: 'Chỉ cơ quan này và cấp dưới' })),
          state: Type.Optional(Type.String({ maxLength: 40 })),
          kind: Type.Optional(CaseKind),
          receivedFrom: Type.Optional(IsoDate()),
          assignee: Type.Optional(Type.String({ maxLength: 40, description: '"me" hoặc id người được giao' })),
          dueBefore: Type.Optional(IsoDate('Hạn trước hoặc bằng ngày này')),
          overdue: Type.Optional(Type.Boolean({ description: 'Chỉ vụ việc quá hạn' })),
          field: Type.Optional(Type.String({ maxLength: 40 })),
          open: Type.Optional(Type.Boolean({ description: 'Chỉ vụ việc còn thời hạn đang chạy' })),
          sort: Type.Enum(['received', 'due'], { default: 'received', description: 'due = hạn gần nhất trước (hàng đợi "việc của tôi")' }),
          limit: Type.Integer({ minimum: 1, maximum: 500, default: 50 }),
          offset: Type.Integer({ minimum: 0, default: 0 }),
        }),
        response: {
          200: Type.Object({
            total: Type.Integer(),
            items: Type.Array(
              Type.Intersect([
                CaseSummary,
                Type.Object({
                  nextDuty: Type.Union([NextDuty, Type.Null()], { description: 'Nghĩa vụ có hạn riêng gần nhất còn mở (thông báo thụ lý tố cáo, gửi quyết định tạm đình chỉ / tiếp tục, thông báo từ chối tiếp)' }),
                }),
              ]),
            ),
          }),
          400: ErrorBody,
          401: ErrorBody,
        },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const q = request.query;
      const conds: SQL[] = [scopeCondition(user, cases.agencyPath)];
      if (q.agency) {
        const a = await agencyByCode(ctx.db, q.agency);
        if (!a) return { total: 0, items: [] };
        conds.push(subtreeCondition(a.path, cases.agencyPath));
      }
      if (q.state) conds.push(eq(cases.state, q.state));
      if (q.kind) conds.push(eq(cases.kind, q.kind));
      if (q.field) conds.push(eq(cases.field, q.field));
      if (q.assignee) conds.push(eq(cases.assigneeId, q.assignee === 'me' ? user.id : q.assignee));
      if (q.dueBefore) conds.push(lte(cases.dueOn, q.dueBefore));
      if (q.overdue) conds.push(lt(cases.dueOn, isoDateInVietnam(ctx.now())));
      if (q.open) conds.push(isNotNull(cases.dueOn));
      const where = and(...conds);
      const [{ total } = { total: 0 }] = await ctx.db.select({ total: count() }).from(cases).where(where);
      const rows = await ctx.db
        .select({ c: cases, agencyCode: agencies.code, agencyName: agencies.fullName })
        .from(cases)
        .innerJoin(agencies, eq(agencies.id, cases.agencyId))
        .where(where)
        .orderBy(...(q.sort === 'due' ? [sql`${cases.dueOn} asc nulls last`, asc(cases.receivedOn)] : [desc(cases.receivedOn), desc(cases.createdAt)]))
        .limit(q.limit)
        .offset(q.offset);
      const clock = await clockView(ctx);
      const next = await nextOpenDuties(ctx.db, rows.map((r) => r.c.id), clock);
      return { total: Number(total), items: rows.map((r) => ({ ...present(r.c, { code: r.agencyCode, fullName: r.agencyName }, clock), nextDuty: next.get(r.c.id) ?? null })) };
    },
  );

  app.get(
    '/cases/:id',
    {
      schema: {
        operationId: 'getCase',
        tags: ['cases'],
        summary: 'Hồ sơ vụ việc: nội dung, người gửi (trừ người tố cáo), thao tác được phép, lịch sử',
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        response: {
          200: Type.Object({
            case: Type.Intersect([
              CaseSummary,
              Type.Object({
                content: Type.String(),
                petitioner: Type.Union([Person, Type.Null()]),
                identitySealed: Type.Boolean(),
                chasedAgency: Type.Union([Type.Object({ code: Type.String(), name: Type.String() }), Type.Null()], { description: 'Đôn đốc: cơ quan cấp dưới được đôn đốc giải quyết' }),
              }),
            ]),
            allowedActions: Type.Array(
              Type.Object({
                action: Type.String(),
                label: Type.String(),
                needs: Type.Array(Type.String()),
                outcomes: Type.Optional(Type.Array(Type.Object({ value: Type.String(), label: Type.String() }))),
                citation: Type.String(),
              }),
            ),
            linked: Type.Array(
              Type.Object({
                relation: Type.Enum(['forwarded-to', 'forwarded-from', 'previous-instance', 'next-instance']),
                id: Type.String(),
                code: Type.String(),
                agencyCode: Type.String(),
                agencyName: Type.String(),
                state: Type.String(),
                stateLabel: Type.String(),
                dueOn: Type.Union([Type.String(), Type.Null()]),
                outcome: Type.Union([Type.String(), Type.Null()]),
              }),
              { description: 'Liên thông: tiến độ ở cơ quan nhận đơn chuyển, nguồn đơn, lần giải quyết trước/sau' },
            ),
            suggestion: Type.Object({
              kind: Type.Union([Type.Object({ value: Type.String(), matched: Type.Array(Type.String()) }), Type.Null()]),
              field: Type.Union([Type.Object({ value: Type.String(), matched: Type.Array(Type.String()) }), Type.Null()]),
              severalContents: Type.Boolean(),
            }),
            notices: Type.Array(Type.Object({ at: Type.String(), action: Type.String(), text: Type.String() })),
            duties: Type.Array(CaseDuty, { description: 'Nghĩa vụ có hạn riêng bên cạnh hạn đang chạy: thông báo thụ lý tố cáo, gửi quyết định tạm đình chỉ / tiếp tục, thông báo từ chối tiếp' }),
            visits: Type.Array(Type.Object({ id: Type.String(), visitedOn: Type.String(), peopleCount: Type.Integer(), isRepeat: Type.Boolean() })),
            petitions: Type.Array(
              Type.Object({
                id: Type.String(),
                receivedOn: Type.String(),
                channel: Type.String(),
                coSigners: Type.Array(Type.Object({ name: Type.String(), idNumber: Type.Union([Type.String(), Type.Null()]), address: Type.Union([Type.String(), Type.Null()]) })),
              }),
            ),
            history: Type.Array(Type.Object({ at: Type.String(), actorName: Type.Union([Type.String(), Type.Null()]), action: Type.String(), summary: Type.String() })),
          }),
          401: ErrorBody,
          404: ErrorBody,
        },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const [row] = await ctx.db
        .select({ c: cases, agencyCode: agencies.code, agencyName: agencies.fullName })
        .from(cases)
        .innerJoin(agencies, eq(agencies.id, cases.agencyId))
        .where(eq(cases.id, request.params.id));
      if (!row || !caseVisibleTo(user, row.c)) throw notFound();
      const c = row.c;
      const sealed = c.kind === 'denunciation';
      const caseVisits = await ctx.db.select().from(visits).where(eq(visits.caseId, c.id)).orderBy(asc(visits.visitedOn));
      const casePetitions = await ctx.db.select().from(petitions).where(eq(petitions.caseId, c.id)).orderBy(asc(petitions.receivedOn));
      const firstVisit = caseVisits[0];
      const firstPetition = casePetitions[0];
      const petitioner = sealed
        ? null
        : firstVisit
          ? { name: firstVisit.citizenName, idNumber: firstVisit.citizenIdNumber, address: firstVisit.citizenAddress, phone: firstVisit.citizenPhone }
          : firstPetition && !firstPetition.anonymous
            ? { name: firstPetition.petitionerName, idNumber: firstPetition.petitionerIdNumber, address: firstPetition.petitionerAddress, phone: firstPetition.petitionerPhone }
            : null;
      const history = await ctx.db
        .select({ at: auditLog.at, actorName: auditLog.actorName, action: auditLog.action, summary: auditLog.summary, after: auditLog.after })
        .from(auditLog)
        .where(eq(auditLog.caseId, c.id))
        .orderBy(asc(auditLog.id));
      const view = await clockView(ctx);
      const duties = (await dutiesOf(ctx.db, c.id)).map((d) => presentDuty(d, view));
      const [chased] = c.chasedAgencyId ? await ctx.db.select({ code: agencies.code, name: agencies.fullName }).from(agencies).where(eq(agencies.id, c.chasedAgencyId)) : [];
      return {
        case: {
          ...present(c, { code: row.agencyCode, fullName: row.agencyName }, view),
          content: c.content,
          petitioner,
          identitySealed: sealed,
          chasedAgency: chased ?? null,
        },
        allowedActions: actionsFor(user, c, await caseFacts(ctx, c)),
        linked: await linkedCases(ctx, c),
        suggestion: (({ kind, field, severalContents }) => ({
          kind: kind ? { value: kind.value, matched: kind.matched } : null,
          field: field ? { value: field.value, matched: field.matched } : null,
          severalContents,
        }))(suggestClassification(c.content, await keywordRules(ctx.db))),
        notices: history.flatMap((h) => {
          const text = (h.after as { notice?: unknown } | null)?.notice;
          return typeof text === 'string' ? [{ at: h.at.toISOString(), action: h.action, text }] : [];
        }),
        duties,
        visits: caseVisits.map((v) => ({ id: v.id, visitedOn: v.visitedOn, peopleCount: v.peopleCount, isRepeat: v.isRepeat })),
        petitions: casePetitions.map((p) => ({ id: p.id, receivedOn: p.receivedOn, channel: p.channel, coSigners: sealed ? [] : p.coSigners })),
        history: history.map((h) => ({ at: h.at.toISOString(), actorName: h.actorName, action: h.action, summary: h.summary })),
      };
    },
  );

  app.post(
    '/cases/:id/transitions',
    {
      schema: {
        operationId: 'transitionCase',
        tags: ['cases'],
        summary: 'Thực hiện một bước quy trình (accept = thụ lý, decide = ra quyết định/kết luận, close = kết thúc). Không được phép ở trạng thái hiện tại → 409 kèm danh sách thao tác được phép.',
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        body: Type.Object(
          {
            action: Type.String({ minLength: 1, maxLength: 40 }),
            outcome: Type.Optional(Type.String({ maxLength: 40, description: 'Khiếu nại: right | partly-right | wrong; tố cáo: right | partly-right | untrue; kiến nghị: answered' })),
            note: Type.Optional(Type.String({ maxLength: 5000 })),
            on: Type.Optional(IsoDate('Ngày có hiệu lực của bước (mặc định hôm nay)')),
            reason: Type.Optional(Type.String({ maxLength: 1000, description: 'archive: mã lý do (anonymous, duplicate…); suspend, terminate, return-documents: lý do' })),
            targetAgency: Type.Optional(Type.String({ maxLength: 20, description: 'forward / appeal: mã cơ quan nhận; chase: mã cơ quan cấp dưới được đôn đốc' })),
            violationIndicated: Type.Optional(Type.Boolean({ description: 'Rút tố cáo: có dấu hiệu vi phạm thì vẫn tiếp tục giải quyết' })),
            documentNo: Type.Optional(Type.String({ maxLength: 100, description: 'Số văn bản (quyết định gia hạn…)' })),
            complexity: Type.Optional(Type.Enum(COMPLEXITIES, { description: 'Kết luận về mức độ phức tạp (bằng văn bản)' })),
            extensionDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 60 })),
            decisionNo: Type.Optional(Type.String({ maxLength: 100, description: 'Quyết định của người đứng đầu do cán bộ ghi nhận: số quyết định (thụ lý, đình chỉ, rút đơn)' })),
            signer: Type.Optional(Type.String({ maxLength: 200, description: 'Người ký quyết định' })),
            complexityCriterion: Type.Optional(Type.String({ maxLength: 40, description: 'Tiêu chí phức tạp (Điều 3a Nghị định 124/2020/NĐ-CP): several-sites | several-contents | many-complainants | foreign-element | several-agencies | agencies-disagree | conflicting-evidence' })),
            withdrawingCount: Type.Optional(Type.Integer({ minimum: 1, maximum: 10000, description: 'Khiếu nại đông người: số người rút (mặc định tất cả)' })),
            withdrawalScope: Type.Optional(Type.Enum(['all', 'part'], { description: 'Rút tố cáo toàn bộ hoặc một phần' })),
            coerced: Type.Optional(Type.Boolean({ description: 'Rút tố cáo do bị đe dọa, mua chuộc: vẫn tiếp tục giải quyết' })),
            slander: Type.Optional(Type.Boolean({ description: 'Lợi dụng tố cáo để vu khống: vẫn tiếp tục giải quyết' })),
            decisionReceivedOn: Type.Optional(IsoDate('Khiếu nại lần hai / khởi kiện: ngày nhận quyết định giải quyết lần đầu')),
            learnedOn: Type.Optional(IsoDate('Thụ lý khiếu nại: ngày nhận được hoặc biết được quyết định, hành vi bị khiếu nại (thời hiệu 90 ngày, Điều 9 Luật Khiếu nại)')),
            limitationExcusedDays: Type.Optional(Type.Integer({ minimum: 0, maximum: 3650, description: 'Số ngày ốm đau, thiên tai, đi công tác, học tập ở nơi xa… không tính vào thời hiệu' })),
          },
          {
            examples: [
              { action: 'accept' },
              { action: 'decide', outcome: 'partly-right' },
              { action: 'forward', targetAgency: '01' },
              { action: 'chase', targetAgency: '00004' },
              { action: 'extend', complexity: 'complex', documentNo: '12/QĐ-GH' },
              { action: 'archive', reason: 'anonymous' },
            ],
          },
        ),
        response: {
          200: Type.Object({
            case: CaseSummary,
            notice: Type.Union([Type.String(), Type.Null()], { description: 'Thông báo cho công dân, sẵn sàng in hoặc gửi' }),
            createdCase: Type.Union([Type.Object({ id: Type.String(), code: Type.String(), agencyCode: Type.String() }), Type.Null()]),
          }),
          400: ErrorBody,
          401: ErrorBody,
          403: ErrorBody,
          404: ErrorBody,
          409: ErrorBody,
        },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const r = await transitionCase(ctx, user, request.params.id, request.body);
      const ids = [r.case.agencyId, ...(r.createdCase ? [r.createdCase.agencyId] : [])];
      const names = new Map((await ctx.db.select({ id: agencies.id, code: agencies.code, fullName: agencies.fullName }).from(agencies).where(inArray(agencies.id, ids))).map((a) => [a.id, a]));
      return {
        case: present(r.case, names.get(r.case.agencyId) ?? { code: '', fullName: '' }, await clockView(ctx)),
        notice: r.notice,
        createdCase: r.createdCase ? { id: r.createdCase.id, code: r.createdCase.code, agencyCode: names.get(r.createdCase.agencyId)?.code ?? '' } : null,
      };
    },
  );

  app.post(
    '/intake/limitation',
    {
      schema: {
        operationId: 'checkComplaintLimitation',
        tags: ['petitions'],
        summary:
          'Khi tiếp nhận khiếu nại: kiểm tra thời hiệu 90 ngày (Điều 9 Luật Khiếu nại 2011) từ ngày nhận được hoặc biết được quyết định, hành vi bị khiếu nại — chỉ cảnh báo; hết thời hiệu thì không thụ lý (Điều 11) mà lưu đơn hoặc hướng dẫn',
        body: Type.Object(
          {
            receivedOn: IsoDate('Ngày nhận đơn'),
            learnedOn: IsoDate('Ngày nhận được hoặc biết được quyết định, hành vi bị khiếu nại'),
            excusedDays: Type.Optional(Type.Integer({ minimum: 0, maximum: 3650, description: 'Số ngày ốm đau, thiên tai, đi công tác, học tập ở nơi xa… không tính vào thời hiệu' })),
          },
          { examples: [{ receivedOn: '2026-08-03', learnedOn: '2026-05-02' }] },
        ),
        response: {
          200: Type.Object({
            lastDay: Type.Union([Type.String(), Type.Null()], { description: 'Ngày cuối của thời hiệu' }),
            expired: Type.Boolean(),
            explanation: Type.Union([Type.String(), Type.Null()]),
            message: Type.Union([Type.String(), Type.Null()], { description: 'Cảnh báo khi hết thời hiệu, kèm hướng xử lý (lưu đơn «Hết thời hiệu khiếu nại» hoặc hướng dẫn)' }),
            archiveReason: Type.Union([Type.Literal('limitation-expired'), Type.Null()]),
          }),
          400: ErrorBody,
          401: ErrorBody,
        },
      },
    },
    async (request) => {
      requireUser(request);
      const { receivedOn, learnedOn, excusedDays } = request.body;
      if (learnedOn > receivedOn) throw invalid({ field: 'learnedOn', key: 'field.dateRange' });
      const r = limitationCheck(await loadCalendar(ctx.db), receivedOn, learnedOn, excusedDays ?? 0);
      return { ...r, archiveReason: r.expired ? ('limitation-expired' as const) : null };
    },
  );

  app.post(
    '/cases/:id/duties/:dutyId/done',
    {
      schema: {
        operationId: 'completeCaseDuty',
        tags: ['cases'],
        summary: 'Ghi nhận đã thực hiện một nghĩa vụ có hạn riêng (đã gửi thông báo thụ lý tố cáo, quyết định tạm đình chỉ / tiếp tục, thông báo từ chối tiếp): một lần, đúng hạn hay quá hạn vẫn hiển thị',
        params: Type.Object({ id: Type.String({ format: 'uuid' }), dutyId: Type.String({ format: 'uuid' }) }),
        body: Type.Object({
          on: Type.Optional(IsoDate('Ngày gửi (mặc định hôm nay)')),
          documentNo: Type.Optional(Type.String({ maxLength: 100, description: 'Số văn bản đã gửi' })),
        }),
        response: { 200: Type.Object({ duty: CaseDuty }), 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const { duty } = await completeDuty(ctx, user, request.params.id, request.params.dutyId, request.body);
      return { duty: presentDuty(duty, await clockView(ctx)) };
    },
  );
}

/**
 * Cases linked to this one, shown with their progress even when they lie outside the viewer's scope: the
 * sender of a forwarded case follows the receiver's progress (SPEC §4.6). Only code, agency, state and dates.
 */
async function linkedCases(ctx: AppContext, c: CaseRow) {
  const links: { relation: 'forwarded-to' | 'forwarded-from' | 'previous-instance' | 'next-instance'; id: string }[] = [];
  if (c.forwardedToId) links.push({ relation: 'forwarded-to', id: c.forwardedToId });
  if (c.forwardedFromId) links.push({ relation: 'forwarded-from', id: c.forwardedFromId });
  if (c.previousInstanceId) links.push({ relation: 'previous-instance', id: c.previousInstanceId });
  const next = await ctx.db.select({ id: cases.id }).from(cases).where(eq(cases.previousInstanceId, c.id));
  for (const n of next) links.push({ relation: 'next-instance', id: n.id });
  if (!links.length) return [];
  const rows = await ctx.db
    .select({ c: cases, agencyCode: agencies.code, agencyName: agencies.fullName })
    .from(cases)
    .innerJoin(agencies, eq(agencies.id, cases.agencyId))
    .where(inArray(cases.id, links.map((l) => l.id)));
  const byId = new Map(rows.map((r) => [r.c.id, r]));
  return links.flatMap((l) => {
    const r = byId.get(l.id);
    return r
      ? [{ relation: l.relation, id: r.c.id, code: r.c.code, agencyCode: r.agencyCode, agencyName: r.agencyName, state: r.c.state, stateLabel: STATE_LABELS[r.c.state] ?? r.c.state, dueOn: r.c.dueOn, outcome: r.c.outcome }]
      : [];
  });
}
