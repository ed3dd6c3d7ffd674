import { Type } from 'typebox';
import { and, asc, count, eq, like, sql, type SQL } from 'drizzle-orm';
import { foldForSearch } from '@danvan/domain/text';
import type { App, AppContext } from '../../context.ts';
import { requireUser } from '../../context.ts';
import { agencies } from '../../db/schema.ts';
import { AppError, forbidden, notFound } from '../../plugins/errors.ts';
import { ErrorBody } from '../shared-schemas.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { agencyByCode, parentCodeOf, presentAgency } from './queries.ts';
import { mayEditAgency } from './policy.ts';

const Agency = Type.Object({
  code: Type.String({ examples: ['00004'] }),
  name: Type.String({ examples: ['Ba Đình'] }),
  fullName: Type.String({ examples: ['Ủy ban nhân dân Phường Ba Đình'] }),
  unitName: Type.String({ examples: ['Phường Ba Đình'] }),
  level: Type.Enum(['national', 'ministry', 'province', 'commune'], { description: 'national | ministry | province | commune' }),
  unitType: Type.String(),
  parentCode: Type.Union([Type.String(), Type.Null()]),
  provinceCode: Type.Union([Type.String(), Type.Null()]),
  remote: Type.Boolean({ description: 'Vùng sâu, vùng xa, đặc biệt khó khăn (thời hạn dài hơn theo luật)' }),
});

/** Agencies are public reference data (the portal's agency picker uses the same list). */
export function registerAgencyRoutes(app: App, ctx: AppContext) {
  app.get(
    '/agencies',
    {
      config: { public: true },
      schema: {
        operationId: 'listAgencies',
        tags: ['agencies'],
        summary: 'Danh sách cơ quan (tìm kiếm không dấu: "phuong ba dinh" tìm được "Phường Ba Đình")',
        security: [],
        querystring: Type.Object({
          q: Type.Optional(Type.String({ maxLength: 200 })),
          parent: Type.Optional(Type.String({ maxLength: 20, description: 'Mã cơ quan cấp trên' })),
          level: Type.Optional(Type.Enum(['national', 'ministry', 'province', 'commune'])),
          limit: Type.Integer({ minimum: 1, maximum: 5000, default: 50 }),
          offset: Type.Integer({ minimum: 0, default: 0 }),
        }),
        response: { 200: Type.Object({ total: Type.Integer(), items: Type.Array(Agency) }), 400: ErrorBody },
      },
    },
    async (request) => {
      const { q, parent, level, limit, offset } = request.query;
      const conds: SQL[] = [];
      if (q) {
        for (const word of foldForSearch(q).split(' ').filter(Boolean)) conds.push(like(agencies.searchKey, `%${word}%`));
      }
      if (level) conds.push(eq(agencies.level, level));
      if (parent) {
        const p = await agencyByCode(ctx.db, parent);
        if (!p) return { total: 0, items: [] };
        conds.push(eq(agencies.parentId, p.id));
      }
      const where = conds.length ? and(...conds) : undefined;
      const [{ total } = { total: 0 }] = await ctx.db.select({ total: count() }).from(agencies).where(where);
      // Exact and prefix matches first when searching, then the tree order (level), then Vietnamese alphabetical order.
      const folded = q ? foldForSearch(q) : '';
      const levelOrder = sql`case ${agencies.level} when 'national' then 0 when 'ministry' then 1 when 'province' then 2 else 3 end`;
      const order: SQL[] = [levelOrder, asc(agencies.sortKey), asc(agencies.code)];
      if (q) {
        order.unshift(sql`case when ${agencies.searchKey} like ${`${folded}%`} then 0 when ${agencies.searchKey} like ${`%${folded}%`} then 1 else 2 end`);
      }
      const rows = await ctx.db
        .select()
        .from(agencies)
        .where(where)
        .orderBy(...order)
        .limit(limit)
        .offset(offset);
      return { total: Number(total), items: rows.map((a) => presentAgency(a, parentCodeOf(a.path))) };
    },
  );

  app.get(
    '/agencies/:code',
    {
      config: { public: true },
      schema: {
        operationId: 'getAgency',
        tags: ['agencies'],
        summary: 'Một cơ quan theo mã',
        security: [],
        params: Type.Object({ code: Type.String({ maxLength: 20 }) }),
        response: { 200: Agency, 404: ErrorBody },
      },
    },
    async (request) => {
      const a = await agencyByCode(ctx.db, request.params.code);
      if (!a) throw notFound();
      return presentAgency(a, parentCodeOf(a.path));
    },
  );

  app.patch(
    '/agencies/:code',
    {
      schema: {
        operationId: 'updateAgency',
        tags: ['agencies'],
        summary: 'Cập nhật cơ quan (quản trị): cờ vùng sâu, vùng xa',
        params: Type.Object({ code: Type.String({ maxLength: 20 }) }),
        body: Type.Object({ remote: Type.Boolean() }, { additionalProperties: false, examples: [{ remote: true }] }),
        response: { 200: Agency, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const a = await agencyByCode(ctx.db, request.params.code);
      if (!a) throw notFound();
      if (!mayEditAgency(user, a.path)) throw forbidden();
      const now = ctx.now();
      const updated = await ctx.db.transaction(async (tx) => {
        const [row] = await tx.update(agencies).set({ remote: request.body.remote }).where(eq(agencies.id, a.id)).returning();
        if (!row) throw new AppError(404, 'error.notFound');
        await writeAudit(tx, {
          at: now,
          actorId: user.id,
          actorName: user.displayName,
          agencyId: a.id,
          entity: 'agency',
          entityId: a.code,
          action: 'agency.update',
          summary: `Đổi cờ vùng sâu, vùng xa của ${a.fullName}: ${a.remote ? 'có' : 'không'} → ${row.remote ? 'có' : 'không'}`,
          before: { remote: a.remote },
          after: { remote: row.remote },
        });
        return row;
      });
      return presentAgency(updated, parentCodeOf(updated.path));
    },
  );
}
