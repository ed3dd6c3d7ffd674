import { Type } from 'typebox';
import { and, asc, count, desc, eq, type SQL } from 'drizzle-orm';
import { STATE_LABELS } from '@danvan/domain/workflow';
import type { App, AppContext } from '../../app.ts';
import { requireUser } from '../../app.ts';
import { agencies, auditLog, cases, petitions, visits } from '../../db/schema.ts';
import { notFound } from '../../plugins/errors.ts';
import { CaseKind, ErrorBody, IsoDate } from '../shared-schemas.ts';
import { scopeCondition, subtreeCondition } from '../auth/current-user.ts';
import { agencyByCode } from '../agencies/queries.ts';
import { actionsFor, caseVisibleTo } from './policy.ts';
import { transitionCase } from './transition-case.ts';
import { SEALED_NAME, type CaseRow } from './open-case.ts';
import { clockView, dueStatus, type ClockView } from '../clock/deadlines.ts';

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
  dueLight: Type.Union([Type.Enum(['on-time', 'due-soon', 'overdue']), Type.Null()], { description: 'Đèn hạn: đúng hạn / còn ≤ 3 ngày làm việc / quá hạn' }),
  dueExplanation: Type.Union([Type.String(), Type.Null()], { description: 'Cách tính hạn, bằng tiếng Việt' }),
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
    ...dueStatus(c, clock),
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
          limit: Type.Integer({ minimum: 1, maximum: 500, default: 50 }),
          offset: Type.Integer({ minimum: 0, default: 0 }),
        }),
        response: { 200: Type.Object({ total: Type.Integer(), items: Type.Array(CaseSummary) }), 400: ErrorBody, 401: ErrorBody },
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
      const where = and(...conds);
      const [{ total } = { total: 0 }] = await ctx.db.select({ total: count() }).from(cases).where(where);
      const rows = await ctx.db
        .select({ c: cases, agencyCode: agencies.code, agencyName: agencies.fullName })
        .from(cases)
        .innerJoin(agencies, eq(agencies.id, cases.agencyId))
        .where(where)
        .orderBy(desc(cases.receivedOn), desc(cases.createdAt))
        .limit(q.limit)
        .offset(q.offset);
      const clock = await clockView(ctx);
      return { total: Number(total), items: rows.map((r) => present(r.c, { code: r.agencyCode, fullName: r.agencyName }, clock)) };
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
              Type.Object({ content: Type.String(), petitioner: Type.Union([Person, Type.Null()]), identitySealed: Type.Boolean() }),
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
            visits: Type.Array(Type.Object({ id: Type.String(), visitedOn: Type.String(), peopleCount: Type.Integer(), isRepeat: Type.Boolean() })),
            petitions: Type.Array(Type.Object({ id: Type.String(), receivedOn: Type.String(), channel: Type.String() })),
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
        .select({ at: auditLog.at, actorName: auditLog.actorName, action: auditLog.action, summary: auditLog.summary })
        .from(auditLog)
        .where(eq(auditLog.caseId, c.id))
        .orderBy(asc(auditLog.id));
      return {
        case: { ...present(c, { code: row.agencyCode, fullName: row.agencyName }, await clockView(ctx)), content: c.content, petitioner, identitySealed: sealed },
        allowedActions: actionsFor(user, c),
        visits: caseVisits.map((v) => ({ id: v.id, visitedOn: v.visitedOn, peopleCount: v.peopleCount, isRepeat: v.isRepeat })),
        petitions: casePetitions.map((p) => ({ id: p.id, receivedOn: p.receivedOn, channel: p.channel })),
        history: history.map((h) => ({ ...h, at: h.at.toISOString() })),
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
          },
          { examples: [{ action: 'accept' }, { action: 'decide', outcome: 'partly-right' }] },
        ),
        response: { 200: Type.Object({ case: CaseSummary }), 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const updated = await transitionCase(ctx, user, request.params.id, request.body);
      const [agency] = await ctx.db.select({ code: agencies.code, fullName: agencies.fullName }).from(agencies).where(eq(agencies.id, updated.agencyId));
      return { case: present(updated, agency ?? { code: '', fullName: '' }, await clockView(ctx)) };
    },
  );
}
