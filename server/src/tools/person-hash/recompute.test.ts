/**
 * `danvan person-hash recompute` (ADR 0011): fills the hashes of identities sealed before the column existed, and
 * recomputes them all after the person key changed — in batches, idempotent, audited with counts only; boxes it
 * cannot open are left alone and make it exit 1.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestEnv, type TestEnv } from '../../testing/harness.ts';
import { queryRows } from '../../db/client.ts';
import { createPersonHasher } from '../../security/person-hash.ts';
import { createSealer } from '../../security/sealer.ts';
import { verifyAudit } from '../../modules/audit/verify-audit.ts';
import { personHashRecomputeCommand } from './cli.ts';

const ID = '036190088835';
const CONTENT = 'Tố cáo cán bộ thuế phường gây khó khăn, đòi tiền khi làm thủ tục hoàn thuế cho hộ kinh doanh';
const AGAIN = 'Tôi tố cáo lại cán bộ thuế phường đòi tiền khi làm thủ tục hoàn thuế, chưa thấy trả lời';

let env: TestEnv;

async function run(opts: { dryRun?: boolean; batch?: number } = {}, sealer = env.ctx.sealer) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await personHashRecomputeCommand(env.ctx.db, { sealer, personHasher: env.ctx.personHasher }, opts, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}
const hashes = async () => (await queryRows<{ h: string | null }>(env.database.db, sql`select person_hash as h from sealed_identities order by id`)).map((r) => r.h);
async function foundAgain(): Promise<boolean> {
  const res = await env.api('POST', '/api/v1/intake/check', { token: await env.login('letan'), body: { agency: '00004', kind: 'denunciation', content: AGAIN, idNumber: ID, registering: true } });
  return (res.json() as { repeats: { samePerson: boolean }[] }).repeats.some((r) => r.samePerson);
}

beforeAll(async () => {
  env = await createTestEnv();
  await env.addUser('letan', 'receptionist', '00004');
  await env.addUser('xuly', 'handler', '00004');
  const visit = await env.api('POST', '/api/v1/visits', {
    token: await env.login('letan'),
    body: { agency: '00004', citizen: { name: 'Đỗ Văn Thuế', idNumber: ID, address: 'Số 1 Quán Thánh' }, content: CONTENT, type: 'denunciation' },
  });
  expect(visit.statusCode, visit.body).toBe(201);
  // A written denunciation with two co-signers (three sealed identities, one without an address: no hash).
  const petition = await env.api('POST', '/api/v1/petitions', {
    token: await env.login('xuly'),
    body: {
      agency: '00004',
      channel: 'post',
      type: 'denunciation',
      content: 'Tố cáo tổ trưởng dân phố thu tiền vệ sinh môi trường không có biên lai',
      petitioner: { name: 'Hồ Thị Một', address: 'Tổ 3 Phúc Xá' },
      coSigners: [{ name: 'Hồ Văn Hai', idNumber: '036190088836' }, { name: 'Hồ Văn Ba' }],
    },
  });
  expect(petition.statusCode, petition.body).toBe(201);
});
afterAll(async () => env?.close());

describe('danvan person-hash recompute', () => {
  it('fills the hashes of identities sealed before the column existed, in batches, with a dry run first; a second run changes nothing', async () => {
    const written = await hashes();
    expect(written).toHaveLength(4);
    expect(written.filter((h) => h === null)).toHaveLength(1); // the co-signer with neither ID nor address
    // A database upgraded from before migration 0003: every hash NULL, and the denouncer is not found.
    await env.database.db.execute(sql`update sealed_identities set person_hash = null`);
    expect(await foundAgain()).toBe(false);

    const dry = await run({ dryRun: true, batch: 1 });
    expect(dry).toMatchObject({ code: 0, err: '' });
    expect(dry.out).toContain('sẽ tính lại 3 mã băm (3 chưa có)');
    expect((await hashes()).every((h) => h === null)).toBe(true);

    const real = await run({ batch: 1 });
    expect(real.code).toBe(0);
    expect(real.out).toContain('Đã kiểm tra 4 danh tính niêm phong; đã ghi 3 mã băm (3 chưa có)');
    expect(await hashes()).toEqual(written);
    expect(await foundAgain()).toBe(true);

    expect((await run()).out).toContain('đã ghi 0 mã băm');
    const audit = await queryRows<{ summary: string; after: unknown }>(env.database.db, sql`select summary, after from audit_log where action = 'person-hash.recompute.batch' order by id`);
    expect(audit).toHaveLength(3); // one per batch that changed something
    expect(audit[0]).toMatchObject({ summary: 'Tính lại mã băm danh tính người tố cáo: 1 hộp (1 chưa có mã băm)', after: { rows: 1, filled: 1 } });
    expect(JSON.stringify(audit)).not.toMatch(/[0-9a-f]{64}|036190088835|Thuế/);
    expect((await verifyAudit(env.ctx.db)).ok).toBe(true);
  });

  it('after the person key changed: the old hashes match nothing until recomputed under the new key', async () => {
    const before = await hashes();
    env.ctx.personHasher = createPersonHasher(randomBytes(32));
    expect(await foundAgain()).toBe(false);
    const r = await run();
    expect(r.out).toContain('đã ghi 3 mã băm (0 chưa có)');
    const after = await hashes();
    expect(after.filter((h) => h !== null)).toHaveLength(3);
    after.forEach((h, i) => {
      if (before[i] === null) expect(h).toBeNull();
      else expect(h).not.toBe(before[i]);
    });
    expect(await foundAgain()).toBe(true);
  });

  it('a box under a seal key that is not configured is left as it is, and the command exits 1', async () => {
    const before = await hashes();
    env.ctx.personHasher = createPersonHasher(randomBytes(32));
    const r = await run({}, createSealer([{ id: 'other', key: randomBytes(32) }]));
    expect(r.code).toBe(1);
    expect(r.out).toContain('đã ghi 0 mã băm');
    expect(r.err).toContain('4 hộp niêm phong bằng khóa không có trong danh sách');
    expect(await hashes()).toEqual(before);
  });
});
