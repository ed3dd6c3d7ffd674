/**
 * One error shape for every 4xx/5xx: `{statusCode, error, message, details?}` with a Vietnamese message
 * (English with Accept-Language: en). Validation errors are reported field by field. Nothing leaks a stack
 * or personal data; unexpected errors are logged (without bodies) and answered with a generic 500.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { fieldLabel, pickLang, translate, valueLabel, type Lang, type MessageKey, type Params } from '../i18n.ts';
import { DATE_RANGE, DATE_RANGE_PATTERN } from './input-guard.ts';

export interface FieldIssue {
  field: string;
  key: MessageKey;
  params?: Params;
}

/** An expected failure of a use case. `details` is passed through as-is (already safe to show). */
export class AppError extends Error {
  constructor(
    readonly statusCode: number,
    readonly key: MessageKey,
    readonly params: Params = {},
    readonly fieldIssues: FieldIssue[] = [],
    readonly extra?: Record<string, unknown>,
  ) {
    super(key);
  }
}

export const notFound = () => new AppError(404, 'error.notFound');
export const forbidden = () => new AppError(403, 'error.forbidden');
export const unauthenticated = () => new AppError(401, 'error.unauthenticated');
export const invalid = (...issues: FieldIssue[]) => new AppError(400, 'error.validation', {}, issues);

const statusNames: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Payload Too Large',
  414: 'URI Too Long',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

interface AjvIssue {
  keyword: string;
  instancePath: string;
  params: Record<string, unknown>;
}

function issueFromAjv(v: AjvIssue): FieldIssue {
  const base = v.instancePath.replace(/^\//, '').replace(/\//g, '.');
  const p = v.params;
  switch (v.keyword) {
    case 'required': {
      const missing = String(p['missingProperty'] ?? '');
      return { field: base ? `${base}.${missing}` : missing, key: 'field.required' };
    }
    case 'minLength':
      return { field: base, key: 'field.minLength', params: { limit: Number(p['limit']) } };
    case 'maxLength':
      return { field: base, key: 'field.maxLength', params: { limit: Number(p['limit']) } };
    case 'pattern':
      return p['pattern'] === DATE_RANGE_PATTERN ? { field: base, key: 'field.dateOutOfRange', params: DATE_RANGE } : { field: base, key: 'field.pattern' };
    case 'format':
      return { field: base, key: p['format'] === 'date' ? 'field.date' : 'field.format' };
    case 'enum':
    case 'anyOf':
    case 'const': {
      const values = Array.isArray(p['allowedValues']) ? (p['allowedValues'] as unknown[]).map(String) : [];
      return values.length ? { field: base, key: 'field.enum', params: { values: values.join('\u0001') } } : { field: base, key: 'field.invalid' };
    }
    case 'type':
      return { field: base, key: 'field.type', params: { type: String(p['type']) } };
    case 'minimum':
      return { field: base, key: 'field.minimum', params: { limit: Number(p['limit']) } };
    case 'maximum':
      return { field: base, key: 'field.maximum', params: { limit: Number(p['limit']) } };
    case 'additionalProperties':
      return { field: base ? `${base}.${String(p['additionalProperty'])}` : String(p['additionalProperty']), key: 'field.unknown' };
    default:
      return { field: base, key: 'field.invalid' };
  }
}

function render(lang: Lang, issues: FieldIssue[]) {
  // One message per field: the first issue wins (ajv may report several keywords for one value).
  const seen = new Set<string>();
  const out: { field: string; message: string }[] = [];
  for (const i of issues) {
    if (seen.has(i.field)) continue;
    seen.add(i.field);
    const label = fieldLabel(lang, i.field || 'body');
    const params = { ...i.params };
    // Allowed values by their names in the reader's language ("Đã hủy (cancelled)"), never the bare code alone.
    if (i.key === 'field.enum' && typeof params['values'] === 'string') {
      params['values'] = params['values'].split('\u0001').map((v) => valueLabel(lang, v)).join(', ');
    }
    out.push({ field: i.field, message: translate(lang, i.key, { field: label, ...params }) });
  }
  return out;
}

export function send(reply: FastifyReply, request: FastifyRequest, err: AppError) {
  const lang = pickLang(request.headers['accept-language']);
  const details = err.fieldIssues.length ? render(lang, err.fieldIssues) : undefined;
  let message = translate(lang, err.key, err.params);
  if (details?.length) message = `${message}: ${details.map((d) => d.message).join('; ')}`;
  return reply.status(err.statusCode).send({
    statusCode: err.statusCode,
    error: statusNames[err.statusCode] ?? 'Error',
    message,
    ...(details ? { details } : {}),
    ...(err.extra ?? {}),
  });
}

/**
 * A failing SQL statement, described without its parameters or any value: the statement's kind and table
 * ("insert visits") and the SQLSTATE code. Drizzle wraps the driver's error (message "Failed query: …\nparams: …",
 * the driver's message may quote the offending value), so neither message is ever logged.
 */
export function databaseFailure(error: unknown): { statement: string; code: string | undefined } | null {
  const e = error as { name?: string; query?: unknown; cause?: { code?: unknown }; code?: unknown; severity?: unknown };
  const query = typeof e.query === 'string' ? e.query : null;
  const sqlstate = (v: unknown) => (typeof v === 'string' && /^[0-9A-Z]{5}$/.test(v) ? v : undefined);
  if (query !== null) return { statement: statementName(query), code: sqlstate(e.cause?.code) ?? sqlstate(e.code) };
  // A driver error without Drizzle (raw queries): it has a SQLSTATE and a severity.
  if (sqlstate(e.code) && typeof e.severity === 'string') return { statement: 'sql', code: sqlstate(e.code) };
  return null;
}

/** For logs outside a request (CLI passes, background jobs): what failed, never a value. */
export function safeErrorSummary(err: unknown): { type: string; statement?: string; code?: string } {
  const db = databaseFailure(err);
  const type = err instanceof Error ? err.name : typeof err;
  if (db) return { type, statement: db.statement, ...(db.code ? { code: db.code } : {}) };
  const code = (err as { code?: unknown })?.code;
  return { type, ...(typeof code === 'string' ? { code } : {}) };
}

export function statementName(query: string): string {
  const q = query.replace(/\s+/g, ' ').trim().toLowerCase();
  const table = (re: RegExp) => re.exec(q)?.[1]?.replace(/"/g, '') ?? '?';
  if (q.startsWith('insert')) return `insert ${table(/^insert into ("?[\w.]+"?)/)}`;
  if (q.startsWith('update')) return `update ${table(/^update ("?[\w.]+"?)/)}`;
  if (q.startsWith('delete')) return `delete ${table(/^delete from ("?[\w.]+"?)/)}`;
  if (q.startsWith('with')) {
    // Several writes sent as one (db/client.ts writeTogether): each named, in order ("insert cases, insert petitions").
    const writes = [...q.matchAll(/ as \((insert into|update|delete from) ("?[\w.]+"?)/g)].map((m) => `${m[1]!.split(' ')[0]} ${m[2]!.replace(/"/g, '')}`);
    if (writes.length) return [...new Set(writes)].join(', ');
  }
  if (q.startsWith('select') || q.startsWith('with')) return `select ${table(/ from ("?[\w.]+"?)/)}`;
  return q.split(' ')[0] ?? 'sql';
}

function operationOf(request: FastifyRequest): string {
  const schema = request.routeOptions.schema as { operationId?: string } | undefined;
  return schema?.operationId ?? `${request.method} ${request.routeOptions.url ?? '?'}`;
}

export function registerErrorHandling(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof AppError) return send(reply, request, error);
    if (error.validation) {
      const issues = (error.validation as AjvIssue[]).map(issueFromAjv);
      return send(reply, request, new AppError(400, 'error.validation', {}, issues));
    }
    const code = error.statusCode ?? 500;
    if (code === 429) return send(reply, request, new AppError(429, 'error.rateLimited', { after: 60 }));
    if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return send(reply, request, new AppError(415, 'error.validation'));
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return send(reply, request, new AppError(413, 'error.payloadTooLarge'));
    if (error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || (code === 400 && error instanceof SyntaxError)) {
      return send(reply, request, new AppError(400, 'error.badJson'));
    }
    if (code === 414 || error.code === 'FST_ERR_URI_TOO_LONG') return send(reply, request, new AppError(414, 'error.uriTooLong'));
    if (code >= 400 && code < 500) return send(reply, request, new AppError(code, 'error.validation'));
    const db = databaseFailure(error);
    // A value the database cannot take (SQLSTATE class 22: bad text for a uuid, a date or a number out of range)
    // is the request's fault: 400, never 500. Logged like any failing statement (name and code only).
    if (db) {
      request.log.warn({ db: { operation: operationOf(request), statement: db.statement, code: db.code } }, 'failing SQL statement');
      if (db.code?.startsWith('22')) return send(reply, request, new AppError(400, 'error.validation'));
      return send(reply, request, new AppError(500, 'error.internal'));
    }
    // Unexpected: log what failed and where, never the request body, the statement's parameters or values.
    request.log.error(
      { err: { type: error.name, code: error.code, operation: operationOf(request), stack: error.stack?.split('\n').filter((l) => /^\s+at /.test(l)).slice(0, 5).join('\n') } },
      'unhandled error',
    );
    return send(reply, request, new AppError(500, 'error.internal'));
  });
  app.setNotFoundHandler((request, reply) => send(reply, request, new AppError(404, 'error.routeNotFound')));
}
