/**
 * Liên thông in one process, on the database under test (PGlite or PostgreSQL): two instances (Hà Nội, HCM), each its
 * own database and app, their HTTP calls bridged to each other's `inject`. The real-process, three-instance proof is
 * server/test/federation.test.ts; this one keeps the module honest on PGlite too.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client.ts';
import { createTestEnv, type TestEnv } from '../../testing/harness.ts';
import { registerInstance, selfEntry } from './directory.ts';
import { setInstanceIdentity } from './keys.ts';
import { deliverDue } from './outbox.ts';
import { pullCounterSnapshots } from './snapshots.ts';

let hn: TestEnv;
let hcm: TestEnv;
let commune = '';

const bridge: typeof fetch = async (input, init) => {
  const u = new URL(input instanceof Request ? input.url : String(input));
  const env = u.host === 'hn.test' ? hn : hcm;
  const r = await env.app.inject({
    method: (init?.method ?? 'GET') as 'GET',
    url: u.pathname + u.search,
    headers: (init?.headers ?? {}) as Record<string, string>,
    ...(init?.body ? { payload: String(init.body) } : {}),
  });
  return new Response(r.body, { status: r.statusCode, headers: { 'content-type': 'application/json' } });
};

beforeAll(async () => {
  hn = await createTestEnv({ now: '2026-07-15T03:00:00Z' });
  hcm = await createTestEnv({ now: '2026-07-15T03:00:00Z' });
  setInstanceIdentity(hn.ctx, { id: 'hn', name: 'Hà Nội', baseUrl: 'http://hn.test', agencyCodes: ['01'] });
  setInstanceIdentity(hcm.ctx, { id: 'hcm', name: 'TP Hồ Chí Minh', baseUrl: 'http://hcm.test', agencyCodes: ['79'] });
  for (const [here, other] of [
    [hn, hcm],
    [hcm, hn],
  ] as const) {
    const { self: _self, ...entry } = await selfEntry(other.ctx);
    await registerInstance(here.ctx, null, entry);
  }
  const r = (await hcm.api('GET', `/api/v1/agencies?parent=79&limit=1`)).json() as { items: { code: string }[] };
  commune = r.items[0]?.code ?? '';
  await hn.addUser('hn.letan', 'receptionist', '00004');
  await hn.addUser('hn.xuly', 'handler', '00004');
  await hn.addUser('hn.admin', 'admin', 'VN');
  await hcm.addUser('hcm.lanhdao', 'head', commune);
  await hcm.addUser('hcm.admin', 'admin', 'VN');
}, 180_000);
afterAll(async () => {
  await hn?.close();
  await hcm?.close();
});

async function forward(kind: 'complaint' | 'denunciation', citizen: { name: string; idNumber: string; address: string }) {
  const v = await hn.api('POST', '/api/v1/visits', { token: await hn.login('hn.letan'), body: { agency: '00004', citizen, content: `Đơn ${kind} chuyển TP HCM`, type: kind } });
  expect(v.statusCode, v.body).toBe(201);
  const id = (v.json() as { case: { id: string } }).case.id;
  const f = await hn.api('POST', `/api/v1/cases/${id}/transitions`, { token: await hn.login('hn.xuly'), body: { action: 'forward', targetAgency: commune } });
  expect(f.statusCode, f.body).toBe(200);
  expect((f.json() as { createdCase: unknown }).createdCase).toBeNull();
  return id;
}

describe('liên thông in one process', () => {
  it('forwards, acknowledges, reports status back, ignores a duplicate, returns a tampered package; the denouncer is re-sealed and revealed', async () => {
    expect(commune).toMatch(/^\d{5}$/);
    const caseId = await forward('complaint', { name: 'Lê Văn Chuyển', idNumber: '001085011111', address: 'Ba Đình' });
    expect(await deliverDue(hn.ctx, { force: true, fetchImpl: bridge })).toEqual({ delivered: 1, returned: 0, retrying: 0 });
    const out = (await hn.api('GET', '/api/v1/federation/packages/outgoing', { token: await hn.login('hn.xuly') })).json() as { id: string; status: string; remoteStatus: string; ackedAt: string }[];
    expect(out).toEqual([expect.objectContaining({ status: 'delivered', remoteStatus: 'received' })]);
    const inc = (await hcm.api('GET', '/api/v1/federation/packages/incoming', { token: await hcm.login('hcm.lanhdao') })).json() as { caseId: string }[];
    expect(inc).toHaveLength(1);
    const acc = await hcm.api('POST', `/api/v1/cases/${inc[0]!.caseId}/transitions`, { token: await hcm.login('hcm.lanhdao'), body: { action: 'accept' } });
    expect(acc.statusCode, acc.body).toBe(200);
    expect(await deliverDue(hcm.ctx, { force: true, fetchImpl: bridge })).toMatchObject({ delivered: 1 });
    const page = await hn.api('GET', `/api/v1/cases/${caseId}`, { token: await hn.login('hn.xuly') });
    expect(page.body).toContain('đã thụ lý');

    const body = (await queryRows<{ body: string }>(hn.database.db, sql`select body from federation_packages where direction = 'out' and type = 'edoc'`))[0]!.body;
    const again = await hcm.api('POST', '/api/v1/federation/packages', { body: { package: body } });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ duplicate: true });
    const [h, p, s] = body.split('.');
    const flipped = Buffer.from(p!, 'base64url');
    flipped[40] = flipped[40]! ^ 1;
    const bad = await hcm.api('POST', '/api/v1/federation/packages', { body: { package: [h, flipped.toString('base64url'), s].join('.') } });
    expect(bad.statusCode).toBe(422);
    expect((bad.json() as { reason: string }).reason).toMatch(/Chữ ký số không hợp lệ/);

    await forward('denunciation', { name: 'Đỗ Thị Kín Đáo', idNumber: '001190077777', address: 'Hoàn Kiếm' });
    expect(await deliverDue(hn.ctx, { force: true, fetchImpl: bridge })).toMatchObject({ delivered: 1 });
    const inc2 = (await hcm.api('GET', '/api/v1/federation/packages/incoming', { token: await hcm.login('hcm.lanhdao') })).json() as { caseId: string; type: string }[];
    const denunciation = inc2.find((x) => x.caseId !== inc[0]!.caseId && x.type === 'edoc')!;
    const rows = await queryRows<{ t: string }>(
      hcm.database.db,
      sql`select row_to_json(t)::text as t from federation_packages t union all select row_to_json(c)::text from cases c union all select row_to_json(p)::text from petitions p union all select row_to_json(a)::text from audit_log a union all select row_to_json(s)::text from sealed_identities s`,
    );
    expect(rows.map((r) => r.t).join('\n')).not.toContain('Kín Đáo');
    const reveal = await hcm.api('POST', `/api/v1/cases/${denunciation.caseId}/denouncer/reveal`, { token: await hcm.login('hcm.lanhdao'), body: { reason: 'Cần liên hệ để làm rõ nội dung tố cáo' } });
    expect(reveal.statusCode, reveal.body).toBe(200);
    expect(reveal.body).toContain('Đỗ Thị Kín Đáo');
  });

  it('pulls the other instance\'s signed counters: its province\'s report is the same here as there', async () => {
    const pulled = await pullCounterSnapshots(hn.ctx, { fetchImpl: bridge });
    expect(pulled).toEqual([expect.objectContaining({ instance: 'hcm', ok: true })]);
    const q = '/api/v1/reports/period?agency=79&from=2026-07-01&to=2026-07-31&rollup=full';
    const here = (await hn.api('GET', q, { token: await hn.login('hn.admin') })).json() as { indicators: Record<string, number>; rollup: unknown };
    const there = (await hcm.api('GET', q, { token: await hcm.login('hcm.admin') })).json() as { indicators: Record<string, number>; rollup: unknown };
    expect(there.indicators['gqkn.within']).toBe(1);
    expect(here.indicators).toEqual(there.indicators);
    expect(here.rollup).toEqual(there.rollup);
    // An unsigned or foreign request gets nothing.
    const refused = await hcm.api('GET', '/api/v1/federation/counter-snapshot', { headers: { 'x-danvan-request': 'e30.e30.e30' } });
    expect(refused.statusCode).toBe(403);
  });
});
