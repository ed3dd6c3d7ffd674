import { Type } from 'typebox';
import { and, desc, eq, gte, lte, count, type SQL } from 'drizzle-orm';
import type { App, AppContext } from '../../app.ts';
import { requireUser } from '../../app.ts';
import { agencies, visits } from '../../db/schema.ts';
import { CaseKind, ErrorBody, IsoDate } from '../shared-schemas.ts';
import { scopeCondition, subtreeCondition } from '../auth/current-user.ts';
import { agencyByCode } from '../agencies/queries.ts';
import { recordVisit } from './record-visit.ts';
import { SEALED_NAME } from '../cases/open-case.ts';

const Citizen = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 200, examples: ['Nguyễn Văn An'] }),
  idNumber: Type.String({ minLength: 1, maxLength: 20, description: 'Số định danh cá nhân / CCCD: 12 chữ số', examples: ['001085012345'] }),
  address: Type.String({ minLength: 1, maxLength: 500, examples: ['Số 12 phố Đội Cấn, Phường Ba Đình, Hà Nội'] }),
  phone: Type.Optional(Type.String({ maxLength: 20, examples: ['0912345678'] })),
});

const VisitBody = Type.Object(
  {
    agency: Type.String({ minLength: 1, maxLength: 20, description: 'Mã cơ quan tiếp (mã xã 5 chữ số, mã tỉnh 2 chữ số…)' }),
    visitedOn: Type.Optional(IsoDate('Ngày tiếp (mặc định hôm nay, giờ Việt Nam)')),
    citizen: Citizen,
    content: Type.String({ minLength: 1, maxLength: 20000 }),
    type: CaseKind,
    peopleCount: Type.Optional(Type.Integer({ minimum: 1, maximum: 10000, description: 'Số người cùng nội dung' })),
    caseId: Type.Optional(Type.String({ format: 'uuid', description: 'Gắn vào vụ việc đã có (lượt tiếp lại)' })),
  },
  {
    examples: [
      {
        agency: '00004',
        citizen: { name: 'Nguyễn Văn An', idNumber: '001085012345', address: 'Số 12 phố Đội Cấn, Phường Ba Đình, Hà Nội', phone: '0912345678' },
        content: 'Khiếu nại quyết định thu hồi đất số 123/QĐ-UBND',
        type: 'complaint',
      },
    ],
  },
);

const VisitOut = Type.Object({
  id: Type.String(),
  agencyCode: Type.String(),
  visitedOn: Type.String(),
  citizenName: Type.Union([Type.String(), Type.Null()]),
  kind: Type.String(),
  content: Type.String(),
  peopleCount: Type.Integer(),
  isDelegation: Type.Boolean(),
  isRepeat: Type.Boolean(),
  caseId: Type.Union([Type.String(), Type.Null()]),
  outcome: Type.String(),
});

export function registerReceptionRoutes(app: App, ctx: AppContext) {
  app.post(
    '/visits',
    {
      schema: {
        operationId: 'recordVisit',
        tags: ['reception'],
        summary: 'Ghi nhận một lượt tiếp công dân; mở vụ việc mới hoặc gắn vào vụ việc đã có',
        body: VisitBody,
        response: {
          201: Type.Object({
            visit: VisitOut,
            case: Type.Object({ id: Type.String(), code: Type.String(), kind: Type.String(), state: Type.String() }),
          }),
          400: ErrorBody,
          401: ErrorBody,
          403: ErrorBody,
          404: ErrorBody,
        },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const r = await recordVisit(ctx, user, request.body);
      const agencyCode = request.body.agency;
      return reply.status(201).send({
        visit: {
          ...r.visit,
          agencyCode,
          citizenName: r.visit.kind === 'denunciation' ? SEALED_NAME : r.visit.citizenName,
        },
        case: { id: r.case.id, code: r.case.code, kind: r.case.kind, state: r.case.state },
      });
    },
  );

  app.get(
    '/visits',
    {
      schema: {
        operationId: 'listVisits',
        tags: ['reception'],
        summary: 'Danh sách lượt tiếp trong phạm vi của người dùng',
        querystring: Type.Object({
          agency: Type.Optional(Type.String({ maxLength: 20 })),
          from: Type.Optional(IsoDate()),
          to: Type.Optional(IsoDate()),
          limit: Type.Integer({ minimum: 1, maximum: 500, default: 50 }),
          offset: Type.Integer({ minimum: 0, default: 0 }),
        }),
        response: { 200: Type.Object({ total: Type.Integer(), items: Type.Array(VisitOut) }), 401: ErrorBody },
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
      const where = and(...conds);
      const [{ total } = { total: 0 }] = await ctx.db.select({ total: count() }).from(visits).where(where);
      const rows = await ctx.db
        .select({ v: visits, agencyCode: agencies.code })
        .from(visits)
        .innerJoin(agencies, eq(agencies.id, visits.agencyId))
        .where(where)
        .orderBy(desc(visits.visitedOn), desc(visits.createdAt))
        .limit(q.limit)
        .offset(q.offset);
      return {
        total: Number(total),
        items: rows.map(({ v, agencyCode }) => ({ ...v, agencyCode, citizenName: v.kind === 'denunciation' ? SEALED_NAME : v.citizenName })),
      };
    },
  );
}
