/**
 * `danvan seed --national` writes a synthetic country (demo and load data): none of it may reach the national
 * complaints database (ADR 0021). Its cases exist, its outbox stays empty.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client.ts';
import { createTestEnv, type TestEnv } from '../../testing/harness.ts';
import { seedNational } from '../../tools/seed-national/seed-national.ts';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
  await seedNational(env.ctx.db, { scale: 0.001, seed: 16, from: '2026-01-01', to: '2026-03-31', sealer: env.ctx.sealer, personHasher: env.ctx.personHasher });
}, 600_000);
afterAll(async () => env?.close());

describe('national sync and generated data', () => {
  it('queues no event for the cases danvan seed --national writes', async () => {
    const [r] = await queryRows<{ cases: number | string; events: number | string }>(env.database.db, sql`select (select count(*) from cases) as cases, (select count(*) from national_sync_outbox) as events`);
    expect(Number(r!.cases)).toBeGreaterThan(50);
    expect(Number(r!.events)).toBe(0);
  });
});
