/**
 * The generated «Dân vận khéo» data of `danvan seed --national` against its own ground truth: for every province
 * and year, getModelFigures (SQL + the domain rules) returns the counts the generator tallied as it drew the rows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../testing/harness.ts';
import { users } from '../../db/schema.ts';
import { seedNationalModels, type ModelsTruth } from './seed-models.ts';

let env: TestEnv;
let truth: ModelsTruth;

beforeAll(async () => {
  env = await createTestEnv({ now: '2027-12-20T03:00:00Z' });
  await env.database.db.insert(users).values({ username: 'seed.national', displayName: 'Dữ liệu sinh tự động', passwordHash: '!generated-data-no-login', active: false });
  await env.addUser('tw.monitor', 'monitor', 'VN');
  truth = await seedNationalModels(env.database.db, { seed: 7, fromYear: 2025, toYear: 2027, provinces: ['01', '79'], perProvinceYear: 6, at: new Date('2027-12-20T03:00:00Z') });
});
afterAll(async () => env?.close());

describe('seed --national: good models', () => {
  it('generates campaigns, models, assessments and checks for each province and year', () => {
    expect(truth.rows.campaigns).toBe(6);
    expect(truth.rows.models).toBeGreaterThanOrEqual(36);
    expect(truth.figures).toHaveLength(6);
    expect(truth.figures.some((f) => f.notMaintained > 0)).toBe(true);
    expect(truth.figures.some((f) => f.replicated > 0)).toBe(true);
  });

  it('getModelFigures agrees with the ground truth for every province and year, and the nation is their sum', async () => {
    const token = await env.login('tw.monitor');
    const national = { registered: 0, recognized: 0, new: 0, replicated: 0, maintained: 0, notMaintained: 0, unchecked: 0 };
    for (const f of truth.figures) {
      const res = await env.api('GET', `/api/v1/model-figures?agency=${f.province}&fromYear=${f.year}`, { token });
      expect(res.statusCode, res.body).toBe(200);
      const { province: _p, year: _y, ...expected } = f;
      expect((res.json() as { total: unknown }).total, `${f.province} ${f.year}`).toEqual(expected);
      if (f.year === 2027) for (const k of Object.keys(national) as (keyof typeof national)[]) national[k] += f[k];
    }
    const vn = await env.api('GET', '/api/v1/model-figures?agency=VN&fromYear=2027', { token });
    expect((vn.json() as { total: unknown }).total).toEqual(national);
  });

  it('the gallery lists the recognised ones', async () => {
    const recognized = truth.figures.reduce((n, f) => n + f.recognized, 0);
    const res = await env.api('GET', '/api/v1/public/models?limit=1');
    expect((res.json() as { total: number }).total).toBe(recognized);
  });
});
