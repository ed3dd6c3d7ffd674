/**
 * Browser-facing safety for every route (issue 13, item 7):
 * - CSRF: a state-changing request (POST, PUT, PATCH, DELETE) that carries cookies and no bearer token must come
 *   from this origin. Browsers say where a request comes from in `Sec-Fetch-Site` (all current ones) and `Origin`;
 *   `same-site` is refused too (another port or subdomain of the same host is another application). A request
 *   naming neither (curl, an integration, an old browser) is let through: it cannot be a cross-site form post of a
 *   current browser, and bearer tokens are never ambient.
 * - Headers: every response gets `X-Content-Type-Options: nosniff`; API responses get `Cache-Control: no-store`
 *   unless the route chose its own (they may carry personal data; the OpenAPI document is the exception).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from './errors.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Why a state-changing, cookie-carrying request is refused as cross-site, or null when it may go on. */
export function crossSiteReason(request: Pick<FastifyRequest, 'method' | 'headers' | 'host'>): string | null {
  if (SAFE_METHODS.has(request.method)) return null;
  const h = request.headers;
  if (!h.cookie) return null;
  if (typeof h.authorization === 'string' && h.authorization.startsWith('Bearer ')) return null;
  const site = h['sec-fetch-site'];
  if (typeof site === 'string' && site !== 'same-origin' && site !== 'none') return `sec-fetch-site:${site}`;
  const origin = h.origin;
  if (typeof origin === 'string') {
    if (origin === 'null') return 'origin:null';
    let host: string;
    try {
      host = new URL(origin).host;
    } catch {
      return 'origin:invalid';
    }
    let own: string;
    try {
      own = new URL(`${new URL(origin).protocol}//${request.host}`).host; // same default-port normalisation as Origin
    } catch {
      return 'origin:other';
    }
    if (host.toLowerCase() !== own.toLowerCase()) return 'origin:other';
  }
  return null;
}

export function registerWebSafety(app: FastifyInstance) {
  app.addHook('onRequest', async (request) => {
    const reason = crossSiteReason(request);
    if (reason) {
      request.log.warn({ csrf: { reason, url: request.url.replace(/\?.*$/, '?…') } }, 'cross-site request refused');
      throw new AppError(403, 'error.crossSite');
    }
  });
  app.addHook('onSend', async (request, reply, payload) => {
    reply.header('x-content-type-options', 'nosniff');
    if (request.url.startsWith('/api/') && !request.url.startsWith('/api/v1/openapi.json') && !request.url.startsWith('/api/docs') && !reply.hasHeader('cache-control')) {
      reply.header('cache-control', 'no-store');
    }
    return payload;
  });
}
