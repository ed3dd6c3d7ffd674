/**
 * Input guard for EVERY route, present and future (issue 13, item 5): no input may reach a use case or the
 * database in a shape that can only fail there (a 500).
 *
 * - Control characters (U+0000–U+0008, U+000B, U+000C, U+000E–U+001F, U+007F; tab and line breaks stay allowed)
 *   in any string or object key of the body, the query string or the path parameters: 400, field by field.
 *   PostgreSQL refuses U+0000 in text and jsonb, so without this a NUL anywhere answered 500.
 *   (preValidation hook: it sees the raw values, also those of fields a schema declares as free-form.)
 * - Dates: every request schema string with `format: 'date'` or `'date-time'` also gets a pattern limiting the
 *   year to 1900–2099 (onRoute hook: it rewrites the route's request schemas before they are compiled, without
 *   touching the shared TypeBox objects). Year 9999 passes `format: 'date'` and then overflows the legal clock,
 *   the report periods or the database.
 * - Over-long addresses: a path over MAX_PATH_LENGTH characters, or an API path with a segment over the router's
 *   maxParamLength (100; the portal's catch-all route would otherwise answer it as a 404), is 414 in the one error
 *   shape (onRequest hook, before sign-in is checked). A request line too long for Node's HTTP parser never reaches
 *   Fastify: `clientErrorHandler` answers it 414 in the same shape, in Vietnamese (no headers are parsed yet).
 * Both are installed once in buildApp before any route is registered, so a new module inherits them.
 */
import http from 'node:http';
import type { Socket } from 'node:net';
import type { ConnectionError, FastifyInstance, RouteOptions } from 'fastify';
import { translate, type MessageKey } from '../i18n.ts';
import { AppError, type FieldIssue } from './errors.ts';

/** Longest path (without the query string) any route accepts. */
export const MAX_PATH_LENGTH = 2048;
/** The router's maxParamLength (Fastify's default): no id, code or slug of the API is longer. */
export const MAX_SEGMENT_LENGTH = 100;

/** 414 when the path, or a segment of an API path, is longer than any route accepts. */
export function pathTooLong(url: string): boolean {
  const q = url.indexOf('?');
  const path = q === -1 ? url : url.slice(0, q);
  if (path.length > MAX_PATH_LENGTH) return true;
  return path.startsWith('/api/') && path.split('/').some((segment) => segment.length > MAX_SEGMENT_LENGTH);
}

/**
 * Fastify's clientErrorHandler: errors of Node's HTTP parser (before any route, hook or header is known) in the one
 * error shape, in Vietnamese. A request line or headers over Node's limit (HPE_HEADER_OVERFLOW) is 414 when the
 * request line alone is the cause, else 431.
 */
export function clientErrorHandler(err: ConnectionError, socket: Socket): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  let status = 400;
  let key: MessageKey = 'error.badRequest';
  if (err.code === 'ERR_HTTP_REQUEST_TIMEOUT') [status, key] = [408, 'error.requestTimeout'];
  else if (err.code === 'HPE_HEADER_OVERFLOW') {
    const raw = Buffer.isBuffer(err.rawPacket) ? err.rawPacket.toString('latin1') : '';
    const lineEnd = raw.indexOf('\r\n');
    [status, key] = lineEnd === -1 || lineEnd > MAX_PATH_LENGTH ? [414, 'error.uriTooLong'] : [431, 'error.headersTooLarge'];
  } else if (err.code === 'HPE_URI_TOO_LONG') [status, key] = [414, 'error.uriTooLong'];
  const body = JSON.stringify({ statusCode: status, error: http.STATUS_CODES[status], message: translate('vi', key) });
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nContent-Type: application/json; charset=utf-8\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(err);
}

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
/** The year range every date of a request must fall in (the pattern's source is recognised by errors.ts). */
export const DATE_RANGE_PATTERN = '^(19|20)[0-9]{2}-';
export const DATE_RANGE = { from: '01/01/1900', to: '31/12/2099' };

/** Paths ("citizen.name", "documents.0.title") of the strings and keys holding a control character. */
export function controlCharacterPaths(value: unknown, path = '', out: string[] = [], depth = 0): string[] {
  if (out.length >= 20 || depth > 32) return out;
  if (typeof value === 'string') {
    if (CONTROL.test(value)) out.push(path);
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => controlCharacterPaths(v, path ? `${path}.${i}` : String(i), out, depth + 1));
  } else if (value && typeof value === 'object' && !Buffer.isBuffer(value)) {
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      const p = path ? `${path}.${k}` : k;
      if (CONTROL.test(k)) out.push(path || 'body');
      else controlCharacterPaths(v, p, out, depth + 1);
    }
  }
  return out;
}

type Json = Record<string, unknown>;

/** A copy of a request schema where every date string also carries the year-range pattern. */
export function withDateRange(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(withDateRange);
  if (!schema || typeof schema !== 'object') return schema;
  const s = schema as Json;
  const out: Json = {};
  for (const [k, v] of Object.entries(s)) out[k] = k === 'examples' || k === 'default' || k === 'enum' || k === 'const' ? v : withDateRange(v);
  if (s['type'] === 'string' && (s['format'] === 'date' || s['format'] === 'date-time')) {
    if (out['pattern'] === undefined) out['pattern'] = DATE_RANGE_PATTERN;
    else out['allOf'] = [...((out['allOf'] as unknown[]) ?? []), { pattern: DATE_RANGE_PATTERN }];
  }
  return out;
}

export function registerInputGuard(app: FastifyInstance) {
  app.addHook('onRequest', async (request) => {
    if (pathTooLong(request.url)) throw new AppError(414, 'error.uriTooLong');
  });
  app.addHook('onRoute', (route: RouteOptions) => {
    const schema = route.schema as Json | undefined;
    if (!schema) return;
    for (const part of ['body', 'querystring', 'params', 'headers'] as const) {
      if (schema[part]) schema[part] = withDateRange(schema[part]);
    }
  });
  app.addHook('preValidation', async (request) => {
    const issues: FieldIssue[] = [];
    const seen = new Set<string>();
    for (const source of [request.params, request.query, request.body]) {
      for (const field of controlCharacterPaths(source)) {
        if (seen.has(field)) continue;
        seen.add(field);
        issues.push({ field, key: 'field.controlCharacters' });
      }
    }
    if (issues.length) throw new AppError(400, 'error.validation', {}, issues);
  });
}
