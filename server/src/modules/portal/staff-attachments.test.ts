/** Staff attach scans and photos to a case: type checked from the bytes, size-capped, encrypted, scoped, audited. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestEnv, type TestEnv } from '../../testing/harness.ts';
import { queryRows } from '../../db/client.ts';

let env: TestEnv;
let caseId = '';
// A 1×1 PNG followed by a marker that must not appear on disk in clear.
const PNG = Buffer.concat([
  Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082', 'hex'),
  Buffer.from('MARKER-QUET-DON-GIAY'),
]);

beforeAll(async () => {
  env = await createTestEnv();
  await env.addUser('letan', 'receptionist', '00004');
  await env.addUser('xacminh', 'investigator', '00004');
  await env.addUser('letan.ngocha', 'receptionist', '00008');
  const res = await env.api('POST', '/api/v1/petitions', {
    token: await env.login('letan'),
    body: { agency: '00004', channel: 'post', type: 'complaint', content: 'Đơn giấy gửi qua bưu điện', petitioner: { name: 'Ngô Văn H', address: 'Ba Đình' } },
  });
  caseId = (res.json() as { case: { id: string } }).case.id;
});
afterAll(async () => env?.close());

const upload = async (user: string, body: Buffer, contentType: string, fileName = 'don-quet.png') =>
  env.app.inject({
    method: 'POST',
    url: `/api/v1/cases/${caseId}/attachments?fileName=${encodeURIComponent(fileName)}`,
    headers: { authorization: `Bearer ${await env.login(user)}`, 'content-type': contentType },
    payload: body,
  });

describe('staff attachments', () => {
  it('stores a scanned page encrypted, lists it, and gives back the same bytes', async () => {
    const res = await upload('letan', PNG, 'image/png');
    expect(res.statusCode, res.body).toBe(201);
    const a = res.json() as { id: string; contentType: string; sizeBytes: number };
    expect(a).toMatchObject({ contentType: 'image/png', sizeBytes: PNG.length });
    const list = (await env.api('GET', `/api/v1/cases/${caseId}/attachments`, { token: await env.login('letan') })).json() as { items: { id: string }[] };
    expect(list.items.map((i) => i.id)).toEqual([a.id]);
    const file = await env.api('GET', `/api/v1/attachments/${a.id}`, { token: await env.login('letan') });
    expect(file.statusCode).toBe(200);
    expect(Buffer.compare(file.rawPayload, PNG)).toBe(0);
    const audit = await queryRows<{ n: number }>(env.database.db, sql`select count(*)::int as n from audit_log where action = 'case.attach'`);
    expect(audit[0]!.n).toBe(1);
  });
  it('refuses a file whose bytes are not an image or PDF, an empty body, and officers of another commune', async () => {
    expect((await upload('letan', Buffer.from('just text pretending'), 'image/png', 'x.png')).statusCode).toBe(400);
    expect((await upload('letan', Buffer.alloc(0), 'image/png')).statusCode).toBe(400);
    expect((await upload('letan.ngocha', PNG, 'image/png')).statusCode).toBe(404);
    expect((await upload('xacminh', PNG, 'image/png')).statusCode).toBe(403);
    const big = Buffer.concat([PNG, Buffer.alloc(6 * 1024 * 1024)]);
    const tooBig = await upload('letan', big, 'image/png');
    expect([400, 413]).toContain(tooBig.statusCode);
  });
});
