import { Type } from 'typebox';
import { and, eq } from 'drizzle-orm';
import type { App, AppContext } from '../../context.ts';
import { requireUser } from '../../context.ts';
import { users } from '../../db/schema.ts';
import { AppError } from '../../plugins/errors.ts';
import { ErrorBody } from '../shared-schemas.ts';
import { issueToken, loadUser, revokeToken, type CurrentUser } from './current-user.ts';
import { assertNotLocked, clearLoginFailures, recordLoginFailure } from './login-throttle.ts';
import { dummyHash, verifyPassword } from './passwords.ts';

export const SESSION_COOKIE = 'danvan_session';

const UserBody = Type.Object({
  id: Type.String({ format: 'uuid' }),
  username: Type.String(),
  displayName: Type.String(),
  grants: Type.Array(
    Type.Object({ role: Type.String(), agencyCode: Type.String(), agencyName: Type.String() }),
  ),
});

export function presentUser(u: CurrentUser) {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    grants: u.grants.map((g) => ({ role: g.role, agencyCode: g.agencyCode, agencyName: g.agencyName })),
  };
}

export function registerAuthRoutes(app: App, ctx: AppContext, opts: { secureCookies: boolean; loginRateLimit: number }) {
  app.post(
    '/auth/login',
    {
      config: { public: true, rateLimit: { max: opts.loginRateLimit, timeWindow: '1 minute' } },
      schema: {
        operationId: 'login',
        tags: ['auth'],
        summary: 'Đăng nhập: trả về token và đặt cookie phiên (httpOnly, SameSite=Lax)',
        security: [],
        body: Type.Object(
          { username: Type.String({ minLength: 1, maxLength: 64 }), password: Type.String({ minLength: 1, maxLength: 256 }) },
          { examples: [{ username: 'letan', password: 'DanVan@2026' }] },
        ),
        response: { 200: Type.Object({ token: Type.String(), user: UserBody }), 400: ErrorBody, 401: ErrorBody, 429: ErrorBody },
      },
    },
    async (request, reply) => {
      const username = request.body.username.trim().toLowerCase();
      await assertNotLocked(ctx, username);
      const [u] = await ctx.db.select().from(users).where(and(eq(users.username, username), eq(users.active, true)));
      const ok = await verifyPassword(u?.passwordHash ?? (await dummyHash()), request.body.password);
      if (!u || !ok) {
        await recordLoginFailure(ctx, username, u ? { id: u.id, agencyId: null } : null);
        throw new AppError(401, 'error.badCredentials');
      }
      await clearLoginFailures(ctx, username);
      const token = await issueToken(ctx.db, u.id, 'session', ctx.now());
      const user = await loadUser(ctx.db, u.id);
      if (!user) throw new AppError(401, 'error.badCredentials');
      reply.setCookie(SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'lax', secure: opts.secureCookies, maxAge: 12 * 3600 });
      return { token, user: presentUser(user) };
    },
  );

  app.post(
    '/auth/logout',
    {
      config: { public: true }, schema: { operationId: 'logout', tags: ['auth'], summary: 'Đăng xuất (thu hồi token phiên)', response: { 204: Type.Null() } } },
    async (request, reply) => {
      const header = request.headers.authorization;
      const raw = header?.startsWith('Bearer ') ? header.slice(7).trim() : request.cookies[SESSION_COOKIE];
      if (raw) await revokeToken(ctx.db, raw);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/auth/me',
    { schema: { operationId: 'getMe', tags: ['auth'], summary: 'Người dùng hiện tại và các vai trò theo cơ quan', response: { 200: UserBody, 401: ErrorBody } } },
    async (request) => presentUser(requireUser(request)),
  );

  app.post(
    '/auth/tokens',
    {
      schema: {
        operationId: 'createApiToken',
        tags: ['auth'],
        summary: 'Tạo token tích hợp (không hết hạn; thu hồi bằng logout với token đó). Token chỉ hiển thị một lần.',
        body: Type.Object({ name: Type.String({ minLength: 1, maxLength: 100 }) }, { examples: [{ name: 'Cổng dịch vụ công tỉnh' }] }),
        response: { 201: Type.Object({ token: Type.String(), name: Type.String() }), 401: ErrorBody },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const token = await issueToken(ctx.db, user.id, 'api', ctx.now(), request.body.name);
      return reply.status(201).send({ token, name: request.body.name });
    },
  );
}
