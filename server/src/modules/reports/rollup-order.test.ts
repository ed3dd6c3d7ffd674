/**
 * The roll-up table lists a parent's children in a reader's order: under the national root the 34 provinces (in
 * the official list's Vietnamese order), then the ministries; under a province its communes in Vietnamese order.
 * Sort keys are numbered within a level, so without grouping by level provinces and ministries interleave.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestEnv, type TestEnv } from '../../testing/harness.ts';
import { agencies } from '../../db/schema.ts';
import { compareVi } from '@danvan/domain/text';
import { aggregate } from './period-report.ts';

describe('roll-up order', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await createTestEnv();
  });
  afterAll(async () => env?.close());

  it('the nation: the 34 provinces first, then the ministries, each in its own order', async () => {
    const [vn] = await env.ctx.db.select().from(agencies).where(eq(agencies.code, 'VN'));
    const { children } = await aggregate(env.ctx.db, vn!, { from: '2026-01-01', to: '2026-06-30' });
    const levels = children.map((c) => c.agency.level);
    expect(levels.slice(0, 34)).toEqual(Array(34).fill('province'));
    expect(new Set(levels.slice(34))).toEqual(new Set(['ministry']));
    expect(levels.length).toBeGreaterThan(40);
    const ministries = children.slice(34).map((c) => c.agency.name);
    expect(ministries).toEqual([...ministries].sort(compareVi));
  });

  it('a province: its communes, named in Vietnamese order (Phường / Xã ignored by the sort keys)', async () => {
    const [hn] = await env.ctx.db.select().from(agencies).where(eq(agencies.code, '01'));
    const { children } = await aggregate(env.ctx.db, hn!, { from: '2026-01-01', to: '2026-06-30' });
    expect(children.length).toBeGreaterThan(100);
    expect(new Set(children.map((c) => c.agency.level))).toEqual(new Set(['commune']));
  });
});
