/**
 * HTTP surface of reception (tiếp công dân): visits here; sessions, bookings, the register and compliance in the
 * sibling route files, all registered from `registerReceptionRoutes`.
 */
import { Type } from 'typebox';
import { and, desc, eq, gte, isNotNull, isNull, lte, count, sql, type SQL } from 'drizzle-orm';
import { REGISTER_COLUMNS, TYPE_CODES } from '@danvan/domain/reception/register';
import { DELEGATION_CITATION, DELEGATION_MIN_PEOPLE } from '@danvan/domain/reception/delegations';
import { ID_TYPE_LABELS, NOTICE_CITATION, NOTICE_OUTCOME_LABELS, REFUSAL_GROUNDS, VISIT_OUTCOME_LABELS, normalizeIdNumber } from '@danvan/domain/reception/visits';
import { SESSION_KIND_CITATIONS, SESSION_KIND_LABELS } from '@danvan/domain/reception/sessions';
import type { App, AppContext } from '../../context.ts';
import { requireUser } from '../../context.ts';
import { agencies, cases, receptionSessions, visits } from '../../db/schema.ts';
import { ErrorBody, IsoDate, exact } from '../shared-schemas.ts';
import { scopeCondition, subtreeCondition } from '../auth/current-user.ts';
import { agencyByCode } from '../agencies/queries.ts';
import { recordVisit } from './record-visit.ts';
import { recordVisitNotice } from './record-visit-notice.ts';
import { RECEIPT_CSP, renderVisitReceipt } from './visit-receipt.ts';
import { presentCitizen, presentVisit, visibleVisit, visitSealed } from './queries.ts';
import { CaseRef, NoticeOutcome, ReceptionReference, VisitBody, VisitOut, VisitOutcome } from './schemas.ts';
import { registerSessionRoutes } from './session-routes.ts';
import { registerBookingRoutes } from './booking-routes.ts';
import { registerRegisterRoutes } from './register-routes.ts';

export function registerReceptionRoutes(app: App, ctx: AppContext) {
  registerVisitRoutes(app, ctx);
  registerSessionRoutes(app, ctx);
  registerBookingRoutes(app, ctx);
  registerRegisterRoutes(app, ctx);
}

function registerVisitRoutes(app: App, ctx: AppContext) {
  app.post(
    '/visits',
    {
      schema: {
        operationId: 'recordVisit',
        tags: ['reception'],
        summary:
          'Ghi nhận một lượt tiếp công dân (hoặc một đoàn đông người): kiểm tra nhân thân, kết quả tiếp (tiếp nhận đơn — mở/gắn vụ việc; hướng dẫn; chuyển đơn; từ chối tiếp có căn cứ)',
        body: VisitBody,
        response: {
          201: Type.Object({ visit: VisitOut, case: Type.Union([CaseRef, Type.Null()]) }),
          400: ErrorBody,
          401: ErrorBody,
          403: ErrorBody,
          404: ErrorBody,
          409: ErrorBody,
        },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const r = await recordVisit(ctx, user, request.body);
      return reply.status(201).send({
        visit: presentVisit(r.visit, request.body.agency, r.case?.code ?? null, r.case?.kind ?? null),
        case: r.case ? { id: r.case.id, code: r.case.code, kind: r.case.kind, state: r.case.state } : null,
      });
    },
  );

  app.get(
    '/visits',
    {
      schema: {
        operationId: 'listVisits',
        tags: ['reception'],
        summary: 'Danh sách lượt tiếp trong phạm vi của người dùng, có bộ lọc',
        querystring: Type.Object({
          agency: Type.Optional(Type.String({ maxLength: 20, description: 'Cơ quan này và cấp dưới' })),
          from: Type.Optional(IsoDate()),
          to: Type.Optional(IsoDate()),
          sessionId: Type.Optional(Type.String({ format: 'uuid' })),
          caseId: Type.Optional(Type.String({ format: 'uuid' })),
          outcome: Type.Optional(VisitOutcome),
          type: Type.Optional(Type.Enum(['complaint', 'denunciation', 'feedback'])),
          delegation: Type.Optional(Type.Boolean({ description: 'Chỉ đoàn đông người (true) / chỉ lượt tiếp cá nhân (false)' })),
          repeat: Type.Optional(Type.Boolean({ description: 'Chỉ lượt tiếp lại (true) / lần đầu (false)' })),
          idNumber: Type.Optional(Type.String({ maxLength: 20, description: 'Các lượt tiếp trước của cùng một người (để gắn lượt tiếp lại vào vụ việc)' })),
          noticePending: Type.Optional(Type.Boolean({ description: 'Chỉ lượt tiếp còn chờ thông báo kết quả' })),
          limit: Type.Integer({ minimum: 1, maximum: 500, default: 50 }),
          offset: Type.Integer({ minimum: 0, default: 0 }),
        }),
        response: { 200: Type.Object({ total: Type.Integer(), items: Type.Array(VisitOut) }), 400: ErrorBody, 401: ErrorBody },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const q = request.query;
      const conds: SQL[] = [scopeCondition(user, visits.agencyPath)];
      if (q.agency) {
        const a = await agencyByCode(ctx.db, q.agency);
        if (!a) return { total: 0, items: [] };
        conds.push(subtreeCondition(a.path, visits.agencyPath));
      }
      if (q.from) conds.push(gte(visits.visitedOn, q.from));
      if (q.to) conds.push(lte(visits.visitedOn, q.to));
      if (q.sessionId) conds.push(eq(visits.sessionId, q.sessionId));
      if (q.caseId) conds.push(eq(visits.caseId, q.caseId));
      if (q.outcome) conds.push(eq(visits.outcome, q.outcome));
      if (q.type) conds.push(eq(visits.kind, q.type));
      if (q.delegation !== undefined) conds.push(eq(visits.isDelegation, q.delegation));
      if (q.repeat !== undefined) conds.push(eq(visits.isRepeat, q.repeat));
      if (q.idNumber) {
        // Never a way to find a denouncer: visits attached to a denunciation case do not answer an ID search.
        conds.push(eq(visits.citizenIdNumber, normalizeIdNumber(q.idNumber)), sql`not exists (select 1 from cases dc where dc.id = ${visits.caseId} and dc.kind = 'denunciation')`);
      }
      if (q.noticePending !== undefined) {
        conds.push(q.noticePending ? and(isNotNull(visits.noticeDueOn), isNull(visits.noticeSentOn))! : isNotNull(visits.noticeSentOn));
      }
      const where = and(...conds);
      const [{ total } = { total: 0 }] = await ctx.db.select({ total: count() }).from(visits).where(where);
      const rows = await ctx.db
        .select({ v: visits, agencyCode: agencies.code, caseCode: cases.code, caseKind: cases.kind })
        .from(visits)
        .innerJoin(agencies, eq(agencies.id, visits.agencyId))
        .leftJoin(cases, eq(cases.id, visits.caseId))
        .where(where)
        .orderBy(desc(visits.visitedOn), desc(visits.createdAt))
        .limit(q.limit)
        .offset(q.offset);
      return { total: Number(total), items: rows.map(({ v, agencyCode, caseCode, caseKind }) => presentVisit(v, agencyCode, caseCode, caseKind)) };
    },
  );

  app.get(
    '/visits/:id',
    {
      schema: {
        operationId: 'getVisit',
        tags: ['reception'],
        summary: 'Một lượt tiếp: nhân thân (trừ người tố cáo), người đại diện, tài liệu đã nhận, buổi tiếp, vụ việc',
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        response: {
          200: Type.Object({
            visit: VisitOut,
            citizen: Type.Union([
              Type.Object({
                name: Type.Union([Type.String(), Type.Null()]),
                idType: Type.Union([Type.String(), Type.Null()]),
                idNumber: Type.Union([Type.String(), Type.Null()]),
                address: Type.Union([Type.String(), Type.Null()]),
                phone: Type.Union([Type.String(), Type.Null()]),
                representatives: Type.Array(Type.Object({ name: Type.String(), idNumber: Type.String(), idType: Type.String(), address: Type.String() })),
              }),
              Type.Null(),
            ]),
            identitySealed: Type.Boolean(),
            documents: Type.Array(Type.Object({ title: Type.String(), pages: Type.Union([Type.Integer(), Type.Null()]), original: Type.Boolean() })),
            session: Type.Union([Type.Object({ id: Type.String(), kind: Type.String(), kindLabel: Type.String(), heldOn: Type.String(), status: Type.String() }), Type.Null()]),
            receiptUrl: Type.String(),
          }),
          401: ErrorBody,
          404: ErrorBody,
        },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const v = await visibleVisit(ctx.db, user, request.params.id);
      const [agency] = await ctx.db.select({ code: agencies.code }).from(agencies).where(eq(agencies.id, v.agencyId));
      const [c] = v.caseId ? await ctx.db.select({ code: cases.code, kind: cases.kind }).from(cases).where(eq(cases.id, v.caseId)) : [];
      const [s] = v.sessionId ? await ctx.db.select().from(receptionSessions).where(eq(receptionSessions.id, v.sessionId)) : [];
      return {
        visit: presentVisit(v, agency?.code ?? '', c?.code ?? null, c?.kind ?? null),
        citizen: presentCitizen(v, c?.kind ?? null),
        identitySealed: visitSealed(v, c?.kind ?? null),
        documents: v.documents ?? [],
        session: s ? { id: s.id, kind: s.kind, kindLabel: SESSION_KIND_LABELS[s.kind as keyof typeof SESSION_KIND_LABELS] ?? s.kind, heldOn: s.heldOn, status: s.status } : null,
        receiptUrl: `/api/v1/visits/${v.id}/receipt`,
      };
    },
  );

  app.get(
    '/visits/:id/receipt',
    {
      schema: {
        operationId: 'getVisitReceipt',
        tags: ['reception'],
        summary: 'Giấy biên nhận thông tin, tài liệu, bằng chứng (nội dung Mẫu 02/TCD): trang HTML khổ A4 để in, 02 bản',
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        response: {
          200: { description: 'Trang HTML để in', content: { 'text/html': { schema: Type.String() } } },
          401: ErrorBody,
          404: ErrorBody,
        },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const v = await visibleVisit(ctx.db, user, request.params.id);
      const html = await renderVisitReceipt(ctx.db, v);
      // The page carries the citizen's identity: not to be cached by a shared proxy.
      return reply.header('cache-control', 'no-store').header('content-security-policy', RECEIPT_CSP).type('text/html; charset=utf-8').send(html);
    },
  );

  app.post(
    '/visits/:id/notice',
    {
      schema: {
        operationId: 'recordVisitNotice',
        tags: ['reception'],
        summary: 'Ghi nhận thông báo kết quả xử lý đơn cho công dân (thụ lý / gia hạn / không thụ lý / chuyển đơn — Điều 28 Luật Tiếp công dân 2013); dừng hạn 10 ngày làm việc',
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        body: Type.Object({
          outcome: NoticeOutcome,
          on: Type.Optional(IsoDate('Ngày thông báo (mặc định hôm nay)')),
          documentNo: Type.Optional(Type.String({ maxLength: 100 })),
        }),
        response: { 200: Type.Object({ visit: VisitOut, onTime: Type.Boolean() }), 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const r = await recordVisitNotice(ctx, user, request.params.id, request.body);
      const [agency] = await ctx.db.select({ code: agencies.code }).from(agencies).where(eq(agencies.id, r.visit.agencyId));
      const [c] = r.visit.caseId ? await ctx.db.select({ code: cases.code, kind: cases.kind }).from(cases).where(eq(cases.id, r.visit.caseId)) : [];
      return { visit: presentVisit(r.visit, agency?.code ?? '', c?.code ?? null, c?.kind ?? null), onTime: r.onTime };
    },
  );

  app.get(
    '/reception/reference',
    {
      config: { public: true },
      schema: {
        operationId: 'getReceptionReference',
        tags: ['reception'],
        summary: 'Danh mục dùng cho giao diện: loại buổi tiếp, kết quả tiếp, căn cứ từ chối, quy tắc đoàn đông người, cột sổ tiếp công dân, loại thông báo',
        response: { 200: ReceptionReference },
      },
    },
    async () => exact(ReceptionReference, {
      sessionKinds: Object.entries(SESSION_KIND_LABELS).map(([value, label]) => ({ value, label, citation: SESSION_KIND_CITATIONS[value as keyof typeof SESSION_KIND_CITATIONS] })),
      visitOutcomes: Object.entries(VISIT_OUTCOME_LABELS).map(([value, label]) => ({ value, label })),
      refusalGrounds: REFUSAL_GROUNDS.map((g) => ({ value: g.code, label: g.label, citation: g.citation, writtenNotice: 'writtenNotice' in g ? g.writtenNotice : null })),
      idTypes: Object.entries(ID_TYPE_LABELS).map(([value, label]) => ({ value, label })),
      noticeOutcomes: Object.entries(NOTICE_OUTCOME_LABELS).map(([value, label]) => ({ value, label })),
      noticeCitation: NOTICE_CITATION,
      delegation: {
        minPeople: DELEGATION_MIN_PEOPLE,
        rules: [
          { people: '5–10', minRepresentatives: 1, maxRepresentatives: 2 },
          { people: '> 10', minRepresentatives: 1, maxRepresentatives: 5 },
        ],
        citation: DELEGATION_CITATION,
      },
      registerColumns: REGISTER_COLUMNS.map((c) => ({ ...c })),
      typeCodes: { ...TYPE_CODES },
    }),
  );
}
