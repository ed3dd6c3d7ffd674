/**
 * In-repo fuzzer (issue 13, item 12), on PGlite and on PostgreSQL: every operation of the OpenAPI document gets
 * malformed path parameters, query strings, bodies and headers — anonymously and as signed-in staff — and no
 * answer may be a 5xx. Inputs are derived from each operation's own schema (a plausible request, then one part
 * broken at a time), so a new module's routes are fuzzed the day they land. Deterministic (no randomness), and
 * bounded to keep `npm test` quick.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../src/testing/harness.ts';

let env: TestEnv;
type Schema = Record<string, unknown>;
interface Param {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  schema?: Schema;
}
interface Operation {
  operationId: string;
  security?: unknown[];
  parameters?: Param[];
  requestBody?: { content: Record<string, { schema?: Schema }> };
}
interface Doc {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
}

let doc: Doc;
const failures: string[] = [];
let sent = 0;
let skipped = 0;
const statuses = new Map<number, number>();

beforeAll(async () => {
  env = await createTestEnv({ now: '2026-07-15T03:00:00Z' });
  await env.addUser('lanhdao', 'head', '00004');
  await env.addUser('admin', 'admin', 'VN');
  doc = (await env.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json() as Doc;
});
afterAll(async () => env?.close());

const UUID = '00000000-0000-4000-8000-000000000000';
/** Requests of one operation in flight at once (FUZZ_CONCURRENCY=1: one by one, as before). */
const CONCURRENCY = Number(process.env.FUZZ_CONCURRENCY ?? 8);
const NUL = 'a\u0000b';
/** Hostile scalars tried in place of any value. */
const HOSTILE: unknown[] = [NUL, '\u0007\u001f', 'abc', '', ' ', '-1', '9999-12-31', '0000-00-00', '1e309', 'x'.repeat(70_000), '😀\uD800', "' or 1=1 --", '<script>', -1, 0, 2 ** 53, 1.5, true, null, [], {}, ['a', 'b']];
/** What each leaf of a body is replaced with (one at a time): the kinds of value that broke things before. */
const LEAF_VALUES: unknown[] = [NUL, 'x'.repeat(70_000), '9999-12-31', -1, 2 ** 53, null, {}, ['a']];
/** Path parameter values (already URL-encoded where needed). */
const PATH_VALUES = ['abc', '%00', 'a%00b', UUID, '-1', '9999-12-31', '..%2F..%2Fetc', 'x'.repeat(99), '%E2%82', '%20'];

function resolve(s: Schema | undefined): Schema {
  if (!s) return {};
  const ref = s['$ref'];
  if (typeof ref === 'string') return resolve(doc.components?.schemas?.[ref.replace('#/components/schemas/', '')]);
  return s;
}

/** A plausible value for a schema (examples first, then the smallest thing the schema accepts). */
function sample(raw: Schema | undefined, depth = 0): unknown {
  const s = resolve(raw);
  if (Array.isArray(s['examples']) && s['examples'].length) return s['examples'][0];
  if (s['example'] !== undefined) return s['example'];
  if (Array.isArray(s['enum'])) return s['enum'][0];
  if (s['const'] !== undefined) return s['const'];
  for (const k of ['anyOf', 'oneOf'] as const) if (Array.isArray(s[k])) return sample((s[k] as Schema[])[0], depth);
  const type = Array.isArray(s['type']) ? (s['type'] as string[])[0] : s['type'];
  switch (type) {
    case 'object': {
      if (depth > 4) return {};
      const out: Record<string, unknown> = {};
      const props = (s['properties'] ?? {}) as Record<string, Schema>;
      for (const [k, v] of Object.entries(props)) out[k] = sample(v, depth + 1);
      return out;
    }
    case 'array':
      return depth > 4 ? [] : [sample(s['items'] as Schema, depth + 1)];
    case 'integer':
    case 'number':
      return typeof s['minimum'] === 'number' ? s['minimum'] : 1;
    case 'boolean':
      return true;
    case 'string': {
      if (s['format'] === 'uuid') return UUID;
      if (s['format'] === 'date') return '2026-07-15';
      if (s['format'] === 'date-time') return '2026-07-15T03:00:00Z';
      if (s['format'] === 'email') return 'a@example.vn';
      return 'x'.repeat(Math.max(1, Number(s['minLength'] ?? 1)));
    }
    default:
      return 'x';
  }
}

/** Every leaf path of a sample body ("citizen.name", "documents.0.title"). */
function leafPaths(v: unknown, prefix: string[] = [], out: string[][] = []): string[][] {
  if (v && typeof v === 'object') {
    const entries = Array.isArray(v) ? v.map((x, i) => [String(i), x] as const) : Object.entries(v);
    if (!entries.length) out.push(prefix);
    for (const [k, x] of entries) leafPaths(x, [...prefix, k], out);
  } else out.push(prefix);
  return out;
}

function withValue(base: unknown, path: string[], value: unknown): unknown {
  if (!path.length) return value;
  const copy = Array.isArray(base) ? [...base] : { ...(base as Record<string, unknown>) };
  const [head, ...rest] = path as [string, ...string[]];
  (copy as Record<string, unknown>)[head] = withValue((base as Record<string, unknown>)?.[head], rest, value);
  return copy;
}

interface Req {
  method: string;
  url: string;
  headers?: Record<string, string>;
  payload?: string | Buffer;
}

/** Percent-encoding that also carries what encodeURIComponent refuses (a lone surrogate → invalid UTF-8 bytes). */
function enc(v: string): string {
  try {
    return encodeURIComponent(v);
  } catch {
    return encodeURIComponent(v.replace(/[\uD800-\uDFFF]/g, '')) + '%ED%A0%80';
  }
}

function urlFor(template: string, params: Record<string, string>, query: Record<string, string | string[]>): string {
  const path = template.replace(/\{(\w+)\}/g, (_, name: string) => params[name] ?? UUID);
  const qs = Object.entries(query)
    .flatMap(([k, v]) => (Array.isArray(v) ? v : [v]).map((x) => `${enc(k)}=${enc(x)}`))
    .join('&');
  return qs ? `${path}?${qs}` : path;
}

/** The malformed requests for one operation. */
function requestsFor(path: string, method: string, op: Operation): Req[] {
  const M = method.toUpperCase();
  const params = (op.parameters ?? []).filter((p) => p.in === 'path');
  const queries = (op.parameters ?? []).filter((p) => p.in === 'query');
  const validParams = Object.fromEntries(params.map((p) => [p.name, String(sample(p.schema))]));
  const validQuery = Object.fromEntries(queries.map((q) => [q.name, String(sample(q.schema))]));
  const json = op.requestBody?.content['application/json'];
  const multipart = op.requestBody?.content['multipart/form-data'];
  const body = json ? sample(json.schema) : undefined;
  const out: Req[] = [];
  const jsonReq = (url: string, b: unknown, headers: Record<string, string> = {}): Req => ({
    method: M,
    url,
    headers: { 'content-type': 'application/json', ...headers },
    payload: JSON.stringify(b),
  });
  const base = urlFor(path, validParams, validQuery);
  // The plausible request itself.
  out.push(json ? jsonReq(base, body) : { method: M, url: base });
  // Path parameters.
  for (const p of params) for (const v of PATH_VALUES) out.push({ method: M, url: urlFor(path, { ...validParams, [p.name]: v }, validQuery) });
  // Query parameters: each hostile value, repeated keys, unknown keys.
  for (const q of queries) {
    for (const v of HOSTILE.slice(0, 12)) out.push({ method: M, url: urlFor(path, validParams, { ...validQuery, [q.name]: String(v) }) });
    out.push({ method: M, url: urlFor(path, validParams, { ...validQuery, [q.name]: ['a', 'b'] }) });
  }
  out.push({ method: M, url: urlFor(path, validParams, { ...validQuery, 'x\u0000': '1', __proto__x: '1' }) });
  if (M !== 'GET' && M !== 'DELETE') {
    // Bodies: not JSON, the wrong top-level type, each leaf replaced by each hostile value.
    for (const raw of ['', 'not json', '{"a":', 'null', '[]', '"s"', '1', '{"__proto__":{"x":1}}', JSON.stringify({ a: { b: { c: { d: { e: [[[[[]]]]] } } } } })]) {
      out.push({ method: M, url: base, headers: { 'content-type': 'application/json' }, payload: raw });
    }
    if (json) {
      const leaves = leafPaths(body).filter((p) => p.length);
      for (const leaf of leaves) for (const v of LEAF_VALUES) out.push(jsonReq(base, withValue(body, leaf, v)));
      out.push(jsonReq(base, { ...(body as object), unexpected: NUL }));
      // Wrong or hostile content types and headers.
      out.push({ method: M, url: base, headers: { 'content-type': 'text/plain' }, payload: JSON.stringify(body) });
      out.push({ method: M, url: base, headers: { 'content-type': 'application/xml' }, payload: '<a/>' });
      out.push({ method: M, url: base, headers: { 'content-type': 'multipart/form-data' }, payload: 'x' });
      out.push(jsonReq(base, body, { 'idempotency-key': 'k'.repeat(5000) }));
      out.push(jsonReq(base, body, { 'idempotency-key': '\u00ff\u00fe' }));
    }
    if (multipart) {
      out.push({ method: M, url: base, headers: { 'content-type': 'multipart/form-data; boundary=x' }, payload: '--x\r\nContent-Disposition: form-data; name="file"; filename="a\u0000.pdf"\r\n\r\nabc\r\n--x--\r\n' });
      out.push({ method: M, url: base, headers: { 'content-type': 'multipart/form-data; boundary=x' }, payload: 'garbage' });
      out.push({ method: M, url: base, headers: { 'content-type': 'application/octet-stream' }, payload: Buffer.from([0, 1, 2]) });
    }
  }
  // Headers.
  for (const headers of [
    { 'accept-language': '\u00ff;;;q=abc,,' },
    { accept: 'application/xml' },
    { 'x-forwarded-for': 'not-an-ip' },
    { cookie: 'danvan_session=%00; danvan_session=x' },
    { authorization: `Bearer ${'x'.repeat(5000)}` },
    { authorization: 'Basic YTpi' },
    { authorization: 'Bearer \u00ff\u00fe' },
  ] as Record<string, string>[]) {
    out.push(json ? jsonReq(base, body, headers) : { method: M, url: base, headers });
  }
  return out;
}

async function run(op: string, req: Req, token: string | null) {
  const headers: Record<string, string> = { ...(req.headers ?? {}) };
  if (token && !headers['authorization']) headers['authorization'] = `Bearer ${token}`;
  const res = await env.app.inject({ method: req.method as 'GET', url: req.url, headers, ...(req.payload !== undefined ? { payload: req.payload } : {}) });
  sent++;
  statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
  if (res.statusCode >= 500) {
    const payload = typeof req.payload === 'string' ? req.payload.slice(0, 200) : '';
    failures.push(`${op} ${token ? 'signed-in' : 'anonymous'} ${req.method} ${req.url.slice(0, 200)} ${payload} → ${res.statusCode} ${res.body.slice(0, 200)}`);
  }
}

describe('fuzzing every operation of the OpenAPI document', () => {
  it('no malformed parameter, body or header gets a 5xx, anonymously or signed in', async () => {
    const ops = Object.entries(doc.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ path, method, op })));
    expect(ops.length).toBeGreaterThan(50);
    const head = await env.login('lanhdao');
    const admin = await env.login('admin');
    const started = performance.now();
    for (const { path, method, op } of ops) {
      const requests = requestsFor(path, method, op);
      const calls: [Req, string | null][] = [];
      // The same bytes sent twice test nothing new: e.g. a path value equal to the plausible one, or a request
      // carrying its own Authorization header, which is then the same anonymously, as the head and as the admin.
      const seen = new Set<string>();
      const add = (req: Req, token: string | null) => {
        const auth = req.headers?.['authorization'] ?? token;
        const key = JSON.stringify([req.method, req.url, { ...req.headers, authorization: auth }, Buffer.isBuffer(req.payload) ? req.payload.toString('base64') : req.payload]);
        if (seen.has(key)) {
          skipped++;
          return;
        }
        seen.add(key);
        calls.push([req, token]);
      };
      for (const [i, req] of requests.entries()) {
        // Anonymous: everything on public operations; a sample elsewhere (they answer 401 before reading input).
        const isPublic = Array.isArray(op.security) && op.security.length === 0;
        if (isPublic || i % 10 === 0 || op.operationId === 'logout') add(req, null);
        // Signing out would end the fuzzer's own sessions: that operation is fuzzed anonymously only.
        if (op.operationId === 'logout') continue;
        // Signed in: the head of a commune for everything, the admin for a sample (admin-only routes).
        add(req, head);
        if (i % 8 === 0) add(req, admin);
      }
      // The calls of one operation run CONCURRENCY at a time through app.inject (the same requests as one by one:
      // while one waits for the database, the next is parsed and validated). Operations stay one after another.
      let next = 0;
      const worker = async () => {
        while (next < calls.length) {
          const [req, token] = calls[next++]!;
          await run(op.operationId, req, token);
        }
      };
      await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    }
    const seconds = (performance.now() - started) / 1000;
    console.log(`fuzzer: ${(sent / seconds).toFixed(0)} requests/s (${seconds.toFixed(1)} s, ${skipped} duplicates not sent); ${failures.length} 5xx; ${failures.slice(0, 5).join(" | ")}; ${sent} requests over ${ops.length} operations; statuses ${JSON.stringify(Object.fromEntries([...statuses].sort((a, b) => a[0] - b[0])))}`);
    expect(failures, `${failures.length} of ${sent} requests answered 5xx`).toEqual([]);
    expect(sent).toBeGreaterThan(2000);
  }, 600_000);
});
