/**
 * One error shape for every 4xx/5xx: `{statusCode, error, message, details?}` with a Vietnamese message
 * (English with Accept-Language: en). Validation errors are reported field by field. Nothing leaks a stack
 * or personal data; unexpected errors are logged (without bodies) and answered with a generic 500.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { fieldLabel, pickLang, translate, type Lang, type MessageKey, type Params } from '../i18n.ts';

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
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
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
      return { field: base, key: 'field.pattern' };
    case 'format':
      return { field: base, key: p['format'] === 'date' ? 'field.date' : 'field.format' };
    case 'enum':
    case 'anyOf':
    case 'const': {
      const values = Array.isArray(p['allowedValues']) ? (p['allowedValues'] as unknown[]).join(', ') : '';
      return values ? { field: base, key: 'field.enum', params: { values } } : { field: base, key: 'field.invalid' };
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
    out.push({ field: i.field, message: translate(lang, i.key, { field: label, ...i.params }) });
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
    if (code >= 400 && code < 500) return send(reply, request, new AppError(code, 'error.validation'));
    // Unexpected: log the error (no request body, no personal data) and answer generically.
    // Database errors carry the statement's parameters in their message: cut them (they may hold personal data).
    const cause = (error as { cause?: { code?: string } }).cause;
    const message = String(error.message ?? '').split('\nparams:')[0]?.slice(0, 500);
    request.log.error({ err: { message, code: error.code ?? cause?.code, stack: error.stack?.split('\n').slice(1, 6).join('\n') } }, 'unhandled error');
    return send(reply, request, new AppError(500, 'error.internal'));
  });
  app.setNotFoundHandler((request, reply) => send(reply, request, new AppError(404, 'error.routeNotFound')));
}
