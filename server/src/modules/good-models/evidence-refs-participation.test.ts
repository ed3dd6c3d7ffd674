/**
 * Consultations and grassroots votes as evidence of a model (d1): the resolvers find a record within the unit's
 * subtree only, count it achieved once the synthesis is published / the vote passed, and never show a draft.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { agencies, consultations, grassrootsMatters } from '../../db/schema.ts';
import { createTestEnv, type TestEnv } from '../../testing/harness.ts';
import { evidenceRefResolver } from './evidence-refs.ts';
import './evidence-refs-participation.ts';

let env: TestEnv;
let bd: { id: string; path: string };
let nh: { id: string; path: string };
let userId = '';
beforeAll(async () => {
  env = await createTestEnv({ now: '2026-10-07T02:00:00Z' });
  userId = await env.addUser('bd.head', 'head', '00004');
  const rows = await env.ctx.db.select({ id: agencies.id, path: agencies.path, code: agencies.code }).from(agencies);
  bd = rows.find((a) => a.code === '00004')!;
  nh = rows.find((a) => a.code === '00008')!;
});
afterAll(async () => env?.close());

async function consultation(status: string, synthesisPublishedOn: string | null) {
  const [c] = await env.ctx.db
    .insert(consultations)
    .values({ agencyId: bd.id, agencyPath: bd.path, title: 'Dự thảo quy ước tổ dân phố', kind: 'commune', subject: 'x', audience: 'residents', status, minDays: 20, minDaysBasis: 'Điều 28 Luật 10/2022', closesOn: '2026-09-30', synthesisPublishedOn, createdBy: userId })
    .returning({ id: consultations.id });
  return c!.id;
}

async function matter(status: string, passed: boolean | null) {
  const [m] = await env.ctx.db
    .insert(grassrootsMatters)
    .values({ agencyId: bd.id, agencyPath: bd.path, item: 1, title: 'Chủ trương làm đường ngõ 19', content: 'x', proposedBy: 'commune-chair', status, passed, closedOn: passed === null ? null : '2026-09-20' })
    .returning({ id: grassrootsMatters.id });
  return m!.id;
}

describe('consultation and vote evidence', () => {
  it('a consultation is achieved once its synthesis is published; a draft is never found; another unit does not see it', async () => {
    const resolve = evidenceRefResolver('consultation')!;
    const open = await consultation('published', null);
    const done = await consultation('published', '2026-10-05');
    const draft = await consultation('draft', null);
    expect(await resolve(env.ctx.db, bd.path, open)).toMatchObject({ achieved: false, label: 'Lấy ý kiến «Dự thảo quy ước tổ dân phố» — Đang lấy ý kiến đến 30/09/2026' });
    expect(await resolve(env.ctx.db, bd.path, done)).toMatchObject({ id: done, achieved: true, label: 'Lấy ý kiến «Dự thảo quy ước tổ dân phố» — Đã công bố báo cáo tiếp thu, giải trình (05/10/2026)' });
    expect(await resolve(env.ctx.db, bd.path, draft)).toBeNull();
    expect(await resolve(env.ctx.db, nh.path, done)).toBeNull();
    expect(await resolve(env.ctx.db, bd.path, 'not-a-uuid')).toBeNull();
  });
  it('a vote is achieved once passed; a failed one is not; another unit does not see it', async () => {
    const resolve = evidenceRefResolver('vote')!;
    const passed = await matter('recognized', true);
    const failed = await matter('closed', false);
    expect(await resolve(env.ctx.db, bd.path, passed)).toMatchObject({ achieved: true, label: 'Biểu quyết «Chủ trương làm đường ngõ 19» — Nhân dân đã biểu quyết thông qua (20/09/2026)' });
    expect(await resolve(env.ctx.db, bd.path, failed)).toMatchObject({ achieved: false });
    expect(await resolve(env.ctx.db, nh.path, passed)).toBeNull();
    await env.ctx.db.update(grassrootsMatters).set({ status: 'draft' }).where(eq(grassrootsMatters.id, passed));
    expect(await resolve(env.ctx.db, bd.path, passed)).toBeNull();
  });
});
