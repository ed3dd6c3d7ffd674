/** The grassroots demo data (`danvan serve --demo`): written through the use cases, visible on the staff screens. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../testing/harness.ts';
import { seedDemo, DEMO_PASSWORD } from '../../tools/demo/seed-demo.ts';
import { verifyAudit } from '../audit/verify-audit.ts';
import { isAuditAction } from '../audit/actions.ts';
import { auditLog } from '../../db/schema.ts';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv({ now: '2026-07-20T03:00:00Z' });
  expect(await seedDemo(env.ctx)).toBe(true);
}, 180_000);
afterAll(async () => env?.close());

describe('grassroots demo data', () => {
  it('registers, matters in every stage, an initiative, an overdue recommendation, publications and a conference', async () => {
    const login = await env.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'xuly', password: DEMO_PASSWORD } });
    expect(login.statusCode, login.body).toBe(200);
    const token = (login.json() as { token: string }).token;
    const get = async <T>(url: string) => {
      const r = await env.api('GET', url, { token });
      expect(r.statusCode, r.body.slice(0, 300)).toBe(200);
      return r.json() as T;
    };
    const communities = await get<{ items: { code: string; households: number }[] }>('/api/v1/grassroots/communities?agency=00004');
    expect(communities.items.map((c) => [c.code, c.households])).toEqual([
      ['TDP01', 30],
      ['TDP02', 20],
      ['TDP03', 15],
    ]);
    const matters = await get<{ items: { title: string; status: string; passed: boolean | null }[] }>('/api/v1/grassroots/matters?agency=00004');
    expect(matters.items.map((m) => m.status).sort()).toEqual(['closed', 'sent', 'voting']);
    expect(matters.items.find((m) => m.status === 'closed')).toMatchObject({ passed: true });
    const compliance = await get<{ items: { kind: string; overdue: boolean }[] }>('/api/v1/grassroots/compliance?agency=00004');
    expect(compliance.items.map((i) => [i.kind, i.overdue]).sort()).toEqual([
      ['board-recommendation', true],
      ['recognize-decision', false],
      ['send-decision', false],
    ]);
    expect((await get<{ items: { standing: { stands: boolean } }[] }>('/api/v1/grassroots/initiatives?agency=00004')).items).toEqual([expect.objectContaining({ standing: expect.objectContaining({ stands: true }) })]);
    expect((await get<{ items: unknown[] }>('/api/v1/grassroots/conferences?agency=00004')).items).toHaveLength(1);
    expect((await get<{ totals: { published: number } }>('/api/v1/grassroots/publications?agency=00004&quarter=2026-Q2')).totals).toMatchObject({ published: 1 });
    expect((await get<{ totals: { published: number; loudspeakerShort: number } }>('/api/v1/grassroots/publications?agency=00004&quarter=2026-Q3')).totals).toMatchObject({ published: 1, loudspeakerShort: 0 });
    expect((await verifyAudit(env.database.db)).ok).toBe(true);
  });

  it('writes only declared audit actions (audit/actions.ts), across every module the demo touches', async () => {
    const actions = [...new Set((await env.ctx.db.selectDistinct({ action: auditLog.action }).from(auditLog)).map((r) => r.action))];
    expect(actions.length).toBeGreaterThan(20);
    expect(actions.filter((a) => !isAuditAction(a))).toEqual([]);
    expect(isAuditAction('case.acept!')).toBe(false);
  });
});
