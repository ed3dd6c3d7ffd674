/**
 * Builds the Fastify application: schemas on every route (TypeBox), OpenAPI 3 at /api/v1/openapi.json,
 * interactive docs at /api/docs, the staff web app at /app/, one error shape, pino logs without personal data.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fastifyStatic from '@fastify/static';
import { sql } from 'drizzle-orm';
import { AppError, registerErrorHandling, send, unauthenticated } from './plugins/errors.ts';
import { clientErrorHandler, registerInputGuard } from './plugins/input-guard.ts';
import { registerWebSafety } from './plugins/web-safety.ts';
import { userForToken } from './modules/auth/current-user.ts';
import { registerAuthRoutes, SESSION_COOKIE } from './modules/auth/routes.ts';
import { registerAgencyRoutes } from './modules/agencies/routes.ts';
import { registerReceptionRoutes } from './modules/reception/routes.ts';
import { registerPetitionRoutes } from './modules/petitions/routes.ts';
import { registerCaseRoutes } from './modules/cases/routes.ts';
import { registerDenouncerRoutes } from './modules/cases/denouncer-routes.ts';
import { registerWorkRoutes } from './modules/cases/work-routes.ts';
import { registerSettingsRoutes } from './modules/settings/routes.ts';
import { registerNotificationSettingsRoutes } from './modules/notifications/routes.ts';
import { registerReportRoutes } from './modules/reports/routes.ts';
import { registerClockRoutes } from './modules/clock/routes.ts';
import { registerImportRoutes } from './modules/imports/routes.ts';
import { defaultPortalOptions, type PortalOptions } from './modules/portal/options.ts';
import { registerPortalApi } from './modules/portal/routes.ts';
import { registerPortalPages } from './modules/portal/pages/routes.ts';
import { registerDialogueRoutes } from './modules/dialogues/routes.ts';
import { registerGoodModelRoutes } from './modules/good-models/routes.ts';
import { registerGrassrootsRoutes } from './modules/grassroots/routes.ts';
import { registerGrassrootsPages } from './modules/grassroots/pages.ts';
import { registerConsultationRoutes } from './modules/consultation/routes.ts';
import { registerNationalSyncRoutes } from './modules/national-sync/routes.ts';
import { registerOpen311 } from './modules/open311/routes.ts';
import { registerFederationRoutes } from './modules/federation/routes.ts';
import { registerConsultationScaleRoutes } from './modules/consultation/routes-scale.ts';
import { registerSearchRoutes } from './modules/search/routes.ts';

import type { App, AppContext } from './context.ts';

export interface BuildOptions {
  ctx: AppContext;
  logger?: boolean | { level: string; stream?: NodeJS.WritableStream };
  /** Serve the built staff app from this folder when it exists (default web/dist). */
  webDist?: string;
  /** Cookies get `Secure` when served over HTTPS (set by the deployment). */
  secureCookies?: boolean;
  /** Trust X-Forwarded-* from a reverse proxy (DANVAN_TRUST_PROXY=true). */
  trustProxy?: boolean;
  /** Sign-in attempts per IP and minute (default 20; tests that jump the clock raise it). */
  loginRateLimit?: number;
  /** Citizen portal: attachment storage and keys (default: a temporary folder, a random key). */
  portal?: PortalOptions;
}

const STAFF_APP_NOT_BUILT = `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>DânVận — chưa dựng giao diện</title></head>
<body><h1>Giao diện cán bộ chưa được dựng</h1>
<p>Chạy <code>npm run build</code> (hoặc <code>npm start</code>, tự dựng rồi chạy) ở thư mục gốc của DânVận, rồi tải lại trang này.</p>
<p lang="en">The staff app is not built yet: run <code>npm run build</code> (or <code>npm start</code>, which builds and starts) in the
DânVận folder, then reload this page. The API (<a href="/api/docs">/api/docs</a>) and the citizen portal (<a href="/">/</a>) work already.</p>
</body></html>`;

const defaultWebDist = fileURLToPath(new URL('../../web/dist', import.meta.url));

export async function buildApp(opts: BuildOptions): Promise<App> {
  const logger =
    opts.logger === false || opts.logger === undefined
      ? false
      : {
          level: opts.logger === true ? 'info' : opts.logger.level,
          ...(opts.logger !== true && opts.logger.stream ? { stream: opts.logger.stream } : {}),
          // Never log credentials, cookies or bodies (bodies are not logged by Fastify; headers are redacted here).
          redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
          serializers: {
            req: (req: { method: string; url: string }) => ({ method: req.method, url: req.url.replace(/\?.*$/, '?…') }),
          },
        };
  const app = Fastify({
    logger,
    // Behind a reverse proxy the per-IP rate limits must see the client's address (X-Forwarded-For).
    trustProxy: opts.trustProxy ?? false,
    bodyLimit: 2 * 1024 * 1024,
    ajv: { customOptions: { allErrors: true, coerceTypes: 'array', removeAdditional: false } },
    // The router's own refusals (a path parameter over 100 characters: 414; a malformed %-escape: 400) answer in
    // the one error shape too.
    clientErrorHandler,
    frameworkErrors: (error, request, reply) => {
      const code = (error as { code?: string }).code;
      void send(reply, request, code === 'FST_ERR_MAX_PARAM_LENGTH' ? new AppError(414, 'error.uriTooLong') : new AppError(400, 'error.badUrl'));
    },
  }).withTypeProvider<TypeBoxTypeProvider>();
  const { ctx } = opts;
  const portal = opts.portal ?? defaultPortalOptions();

  registerErrorHandling(app);
  registerInputGuard(app);
  registerWebSafety(app);
  await app.register(cookie);
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_req, context) => new AppError(429, 'error.rateLimited', { after: Math.max(1, Math.ceil(context.ttl / 1000)) }),
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'DânVận API',
        version: '1',
        description:
          'Tiếp công dân, xử lý đơn, giải quyết khiếu nại, tố cáo, kiến nghị và báo cáo. Lỗi trả về `{statusCode, error, message, details}` bằng tiếng Việt (tiếng Anh với Accept-Language: en).',
      },
      servers: [{ url: '/' }],
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: 'Token từ `login` hoặc token tích hợp (API token)' },
          cookie: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
        },
      },
      security: [{ bearer: [] }, { cookie: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  app.decorateRequest('currentUser', null);
  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/api/v1/')) return;
    const header = request.headers.authorization;
    const raw = header?.startsWith('Bearer ') ? header.slice(7).trim() : request.cookies[SESSION_COOKIE];
    if (raw) request.currentUser = await userForToken(ctx.db, raw, ctx.now());
    // Staff routes answer 401 before validating anything; public routes say so in their config.
    const config = request.routeOptions.config as { public?: boolean } | undefined;
    if (!request.currentUser && !config?.public && request.routeOptions.url) throw unauthenticated();
  });

  app.get(
    '/healthz',
    { schema: { operationId: 'healthz', tags: ['system'], summary: 'Kiểm tra hoạt động (200 khi cơ sở dữ liệu trả lời)' } },
    async (_req, reply) => {
      try {
        await ctx.db.execute(sql`select 1`);
        return { status: 'ok' };
      } catch {
        return reply.status(503).send({ status: 'database-unavailable' });
      }
    },
  );
  app.get('/api/v1/openapi.json', { config: { public: true }, schema: { hide: true } }, async () => app.swagger());

  await app.register(
    async (api) => {
      const typed = api.withTypeProvider<TypeBoxTypeProvider>() as unknown as App;
      registerAuthRoutes(typed, ctx, { secureCookies: opts.secureCookies ?? false, loginRateLimit: opts.loginRateLimit ?? 20 });
      registerAgencyRoutes(typed, ctx);
      registerReceptionRoutes(typed, ctx);
      registerPetitionRoutes(typed, ctx);
      registerCaseRoutes(typed, ctx);
      registerDenouncerRoutes(typed, ctx);
      registerWorkRoutes(typed, ctx);
      registerSettingsRoutes(typed, ctx);
      registerNotificationSettingsRoutes(typed, ctx);
      registerReportRoutes(typed, ctx);
      registerClockRoutes(typed, ctx);
      registerImportRoutes(typed, ctx);
      registerPortalApi(typed, ctx, portal);
      registerDialogueRoutes(typed, ctx, portal);
      registerGoodModelRoutes(typed, ctx, portal);
      registerGrassrootsRoutes(typed, ctx);
      registerConsultationRoutes(typed, ctx);
      registerNationalSyncRoutes(typed, ctx);
      registerFederationRoutes(typed, ctx);
      registerConsultationScaleRoutes(typed, ctx);
      registerSearchRoutes(typed, ctx);
    },
    { prefix: '/api/v1' },
  );

  const webDist = opts.webDist ?? defaultWebDist;
  if (existsSync(`${webDist}/index.html`)) {
    await app.register(fastifyStatic, { root: webDist, prefix: '/app/', wildcard: false });
    // Client-side routes of the staff app fall back to its index.html.
    app.get('/app/*', { schema: { hide: true } }, (_req, reply) => reply.sendFile('index.html'));
    app.get('/app', { schema: { hide: true } }, (_req, reply) => reply.redirect('/app/'));
  } else {
    // No built staff app (a fresh clone that ran `danvan serve` directly): say how to build it instead of a bare 404.
    const notBuilt = (_req: FastifyRequest, reply: FastifyReply) => reply.status(503).type('text/html; charset=utf-8').send(STAFF_APP_NOT_BUILT);
    app.get('/app', { schema: { hide: true } }, notBuilt);
    app.get('/app/*', { schema: { hide: true } }, notBuilt);
  }
  await registerOpen311(app as unknown as App, ctx);
  await registerGrassrootsPages(app, ctx, opts.secureCookies ?? false);
  // The citizen portal takes `/` (server-rendered pages, no client bundle).
  await registerPortalPages(app, ctx, portal, opts.secureCookies ?? false);
  return app as unknown as App;
}
