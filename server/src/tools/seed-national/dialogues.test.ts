/**
 * The generator's dialogues and commitments (seed --national, issue 14): the figures the report computes from the
 * written rows equal the generator's own ground truth, for a province and the country; the compliance check lists
 * exactly the communes the generator left without a dialogue.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { agencies } from '../../db/schema.ts';
import { createTestEnv, type TestEnv } from '../../testing/harness.ts';
import { calendarWith, readOverrides } from '../../modules/clock/deadlines.ts';
import { dialogueFigures } from '../../modules/dialogues/figures.ts';
import { computeDialogueCompliance } from '../../modules/dialogues/compliance.ts';
import { computePeriodReport } from '../../modules/reports/period-report.ts';
import { seedDialogues, type DialogueTruth } from './dialogues.ts';

let env: TestEnv;
let truth: DialogueTruth;

beforeAll(async () => {
  env = await createTestEnv({ now: '2026-12-31T03:00:00Z' });
  const all = await env.ctx.db.select().from(agencies);
  const hanoi = all.find((a) => a.code === '01')!;
  const hue = all.find((a) => a.code === '46')!;
  const communes = all.filter((a) => a.level === 'commune' && (a.parentId === hanoi.id || a.parentId === hue.id));
  const calendar = calendarWith(await readOverrides(env.ctx.db));
  truth = await seedDialogues(env.ctx.db, { seed: 7, from: '2026-01-01', to: '2026-12-31', actor: { id: (await env.addUser('seed.x', 'admin', 'VN')), displayName: 'seed' }, communes, byId: new Map(all.map((a) => [a.id, a])), calendar, now: new Date('2026-12-31T03:00:00Z') });
}, 120_000);
afterAll(async () => env?.close());

describe('seed --national: dialogues', () => {
  it('the figures from the rows equal the ground truth (province and country), and the period report shows them', async () => {
    expect(truth.national.dialoguesHeld).toBeGreaterThan(100);
    expect(truth.national.made).toBeGreaterThan(50);
    expect(truth.national.kept).toBeGreaterThan(0);
    expect(truth.national.overdue).toBeGreaterThan(0);
    for (const p of truth.provinces) {
      const [a] = await env.ctx.db.select().from(agencies).where(eq(agencies.code, p.code));
      expect(await dialogueFigures(env.ctx.db, a!.path, '2026-01-01', '2026-12-31', truth.asOf)).toMatchObject(p.figures);
      const report = await computePeriodReport(env.ctx.db, a!, '2026-01-01', '2026-12-31');
      expect(report.dialogues).toMatchObject(p.figures);
    }
    expect(await dialogueFigures(env.ctx.db, 'VN', '2026-01-01', '2026-12-31', truth.asOf)).toMatchObject(truth.national);
  });
  it('the compliance check lists the communes left without a dialogue', async () => {
    const [vn] = await env.ctx.db.select().from(agencies).where(eq(agencies.code, 'VN'));
    const c = await computeDialogueCompliance(env.ctx.db, vn!, 2026, '2026-12-31');
    const inScope = (await env.ctx.db.select().from(agencies)).filter((a) => a.level === 'commune').length;
    // Communes outside the two provinces had none either.
    expect(c.withoutYearlyDialogue.length).toBe(inScope - truth.national.dialoguesHeld);
    expect(truth.communesWithout).toBeGreaterThan(0);
  });
});
