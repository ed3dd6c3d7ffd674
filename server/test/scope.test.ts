/**
 * Agency scope on every staff route that takes an id (STYLE.md pattern 4): an officer of another commune —
 * holding every staff role there — gets 404 for commune A's records, and lists/reports of A are empty or 404.
 * The route table below is checked against the OpenAPI document so that a new id route cannot be forgotten.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../src/testing/harness.ts';

let env: TestEnv;
const ids: Record<string, string> = {};

beforeAll(async () => {
  env = await createTestEnv({ now: '2026-08-03T02:00:00Z' });
  for (const role of ['receptionist', 'handler', 'head'] as const) await env.addUser(`a.${role}`, role, '00004');
  for (const role of ['receptionist', 'handler', 'investigator', 'head', 'inspector', 'monitor'] as const) await env.addUser(`b.${role}`, role, '00008');
  const session = await env.api('POST', '/api/v1/reception-sessions', { token: await env.login('a.receptionist'), body: { agency: '00004', kind: 'regular' } });
  expect(session.statusCode, session.body).toBeLessThan(300);
  ids.session = (session.json() as { id?: string; session?: { id: string } }).id ?? (session.json() as { session: { id: string } }).session.id;
  const visit = await env.api('POST', '/api/v1/visits', {
    token: await env.login('a.receptionist'),
    body: { agency: '00004', citizen: { name: 'Nguyễn Văn A', idNumber: '001085012345', address: 'Ba Đình' }, content: 'Khiếu nại quyết định thu hồi đất', type: 'complaint' },
  });
  expect(visit.statusCode, visit.body).toBe(201);
  ids.visit = (visit.json() as { visit: { id: string } }).visit.id;
  ids.case = (visit.json() as { case: { id: string } }).case.id;
});
afterAll(async () => env?.close());

const outsiders = ['b.receptionist', 'b.handler', 'b.investigator', 'b.head', 'b.inspector', 'b.monitor'];

const idRoutes: [string, string, unknown?][] = [
  ['GET', '/api/v1/cases/{case}'],
  ['POST', '/api/v1/cases/{case}/transitions', { action: 'accept' }],
  ['POST', '/api/v1/cases/{case}/duties/{dutyId}/done', {}],
  ['POST', '/api/v1/cases/{case}/denouncer/reveal', { reason: 'Kiểm tra thông tin người tố cáo' }],
  ['POST', '/api/v1/cases/{case}/assignment', { username: 'b.handler' }],
  ['PATCH', '/api/v1/cases/{case}/classification', { field: 'dat-dai' }],
  ['PUT', '/api/v1/cases/{case}/public-answer', { answer: 'Trả lời công khai cho công dân về nội dung kiến nghị' }],
  ['DELETE', '/api/v1/cases/{case}/public-answer'],
  ['POST', '/api/v1/cases/{case}/public-answer/preview', { answer: 'Trả lời công khai cho công dân về nội dung kiến nghị' }],
  ['GET', '/api/v1/cases/{case}/attachments'],
  ['POST', '/api/v1/cases/{case}/attachments?fileName=don.png', { not: 'a file' }],
  ['GET', '/api/v1/visits/{visit}'],
  ['GET', '/api/v1/visits/{visit}/receipt'],
  ['POST', '/api/v1/visits/{visit}/notice', { outcome: 'accepted' }],
  ['GET', '/api/v1/reception-sessions/{session}'],
  ['POST', '/api/v1/reception-sessions/{session}/close'],
  ['POST', '/api/v1/reception-sessions/{session}/cancel'],
];

describe('agency scope', () => {
  it('covers every id route of the OpenAPI document that holds a case, visit or session', async () => {
    const doc = (await env.api('GET', '/api/v1/openapi.json')).json() as { paths: Record<string, Record<string, unknown>> };
    const documented = Object.entries(doc.paths).flatMap(([p, ops]) =>
      /\/(cases|visits|reception-sessions)\/\{id\}/.test(p) ? Object.keys(ops).map((m) => `${m.toUpperCase()} ${p.replace('{id}', '')}`) : [],
    );
    const tested = idRoutes.map(([m, u]) => `${m} ${u.replace(/\?.*$/, '').replace(/\{(case|visit|session)\}/, '')}`);
    expect(documented.filter((d) => !tested.includes(d))).toEqual([]);
  });
  it('answers 404 to officers of another commune, whatever their role', async () => {
    for (const user of outsiders) {
      const token = await env.login(user);
      for (const [method, url, body] of idRoutes) {
        const real = url.replace(/\{(case|visit|session)\}/, (_, k: string) => ids[k]!).replace('{dutyId}', '00000000-0000-4000-8000-000000000000');
        const res = await env.api(method as 'GET', real, { token, ...(body !== undefined ? { body } : {}) });
        expect(res.statusCode, `${user} ${method} ${url} → ${res.body}`).toBe(404);
      }
    }
  });
  it("lists and reports of commune A are empty or 404 for them", async () => {
    for (const user of outsiders) {
      const token = await env.login(user);
      for (const url of ['/api/v1/cases?agency=00004', '/api/v1/visits?agency=00004', '/api/v1/cases', '/api/v1/visits']) {
        const res = await env.api('GET', url, { token });
        expect(res.statusCode, url).toBe(200);
        expect((res.json() as { total: number }).total, `${user} ${url}`).toBe(0);
      }
      for (const url of ['/api/v1/reports/period?agency=00004&period=2026', '/api/v1/reception-register?agency=00004&period=2026', '/api/v1/reception-compliance?agency=00004&period=2026']) {
        const res = await env.api('GET', url, { token });
        expect(res.statusCode, `${user} ${url} → ${res.body}`).toBe(404);
      }
    }
  });
});
