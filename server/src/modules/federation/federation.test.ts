/**
 * Liên thông in one process, on the database under test (PGlite or PostgreSQL): two instances (Hà Nội, HCM), each its
 * own database and app, their HTTP calls bridged to each other's `inject`. The real-process, three-instance proof is
 * server/test/federation.test.ts; this one keeps the module honest on PGlite too.
 */
import ExcelJS from 'exceljs';
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
  await hn.addUser('hn.ngoai', 'handler', '79');
  await hcm.addUser('hcm.lanhdao', 'head', commune);
  await hcm.addUser('hcm.admin', 'admin', 'VN');
}, 180_000);
afterAll(async () => {
  await hn?.close();
  await hcm?.close();
});

async function forward(kind: 'complaint' | 'denunciation', citizen: { name: string; idNumber: string; address: string }, content = `Đơn ${kind} chuyển TP HCM`) {
  const v = await hn.api('POST', '/api/v1/visits', { token: await hn.login('hn.letan'), body: { agency: '00004', citizen, content, type: kind } });
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
    type Gap = { instance: string; reason: string; agencies: { code: string }[]; coveringRange: { from: string; to: string } | null };
    const gaps = async (query: string) => {
      const r = await hn.api('GET', `/api/v1/reports/period?${query}`, { token: await hn.login('hn.admin') });
      expect(r.statusCode, r.body.slice(0, 300)).toBe(200);
      return r.json() as { notCovered: Gap[]; indicators: Record<string, number> };
    };
    // Before any pull the nation's report says HCM is missing — not silently zero.
    expect((await gaps('agency=VN&from=2026-07-01&to=2026-07-31')).notCovered).toEqual([expect.objectContaining({ instance: 'hcm', reason: 'no-snapshot', agencies: [expect.objectContaining({ code: '79' })] })]);
    const pulled = await pullCounterSnapshots(hn.ctx, { fetchImpl: bridge });
    expect(pulled).toEqual([expect.objectContaining({ instance: 'hcm', ok: true })]);
    const q = '/api/v1/reports/period?agency=79&from=2026-07-01&to=2026-07-31&rollup=full';
    const here = (await hn.api('GET', q, { token: await hn.login('hn.admin') })).json() as { indicators: Record<string, number>; rollup: unknown };
    const there = (await hcm.api('GET', q, { token: await hcm.login('hcm.admin') })).json() as { indicators: Record<string, number>; rollup: unknown };
    expect(there.indicators['gqkn.within']).toBe(1);
    expect(here.indicators).toEqual(there.indicators);
    expect(here.rollup).toEqual(there.rollup);
    // Covered: whole half-months, snapshot as of today.
    expect((await gaps('agency=VN&from=2026-07-01&to=2026-07-31')).notCovered).toEqual([]);
    expect((await gaps('agency=79&period=2026-Q3')).notCovered).toEqual([]);
    // Not covered: a custom range the half-month snapshots cannot compose; the report names HCM and the range that would include it.
    const custom = await gaps('agency=VN&from=2026-07-03&to=2026-07-20&rollup=full');
    expect(custom.notCovered).toEqual([expect.objectContaining({ instance: 'hcm', reason: 'custom-range', agencies: [expect.objectContaining({ code: '79' })], coveringRange: { from: '2026-07-01', to: '2026-07-31' } })]);
    expect((await gaps('agency=79&from=2026-07-03&to=2026-07-20')).notCovered).toEqual([expect.objectContaining({ instance: 'hcm', reason: 'custom-range' })]);
    // …and so do the exports of that report.
    const exported = async (format: string) => hn.api('GET', `/api/v1/reports/export?agency=VN&from=2026-07-03&to=2026-07-20&format=${format}`, { token: await hn.login('hn.admin') });
    const json = await exported('json');
    expect(json.statusCode).toBe(200);
    expect((json.json() as { notCovered: Gap[] }).notCovered).toEqual([expect.objectContaining({ instance: 'hcm', reason: 'custom-range' })]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await exported('xlsx')).rawPayload as unknown as ArrayBuffer);
    expect(String(wb.worksheets[0]!.getCell(6, 1).value)).toMatch(/^Lưu ý: báo cáo chưa gồm số liệu của .*TP Hồ Chí Minh.*chọn từ ngày 01\/07\/2026 đến ngày 31\/07\/2026/);
    expect((await exported('pdf')).statusCode).toBe(200);
    const whole = await hn.api('GET', '/api/v1/reports/export?agency=VN&from=2026-07-01&to=2026-07-31&format=json', { token: await hn.login('hn.admin') });
    expect((whole.json() as { notCovered: Gap[] }).notCovered).toEqual([]);
    // Hà Nội's own subtree holds nothing of HCM: nothing to say.
    expect((await gaps('agency=01&from=2026-07-03&to=2026-07-20')).notCovered).toEqual([]);
    // Ten days later without a new pull: the snapshot stops on 15/07, the report says so.
    hn.setNow('2026-07-25T03:00:00Z');
    try {
      expect((await gaps('agency=VN&from=2026-07-01&to=2026-07-31')).notCovered).toEqual([expect.objectContaining({ instance: 'hcm', reason: 'snapshot-before-end', asOf: '2026-07-15T03:00:00.000Z' })]);
    } finally {
      hn.setNow('2026-07-15T03:00:00Z');
    }
    // An unsigned or foreign request gets nothing.
    const refused = await hcm.api('GET', '/api/v1/federation/counter-snapshot', { headers: { 'x-danvan-request': 'e30.e30.e30' } });
    expect(refused.statusCode).toBe(403);
  });

  it('re-queues a failed or returned outgoing package (retryOutgoingPackage): scoped, audited, 409 when not retryable, then delivered once', async () => {
    const down: typeof fetch = () => Promise.reject(new Error('connect ECONNREFUSED'));
    const caseId = await forward('complaint', { name: 'Phan Văn Gửi Lại', idNumber: '001085022222', address: 'Tây Hồ' }, 'Khiếu nại việc cấp phép xây dựng sai quy hoạch, xin chuyển TP HCM');
    const list = async (user: string) => (await hn.api('GET', `/api/v1/federation/packages/outgoing?caseId=${caseId}`, { token: await hn.login(user) })).json() as { id: string; status: string; attempts: number; lastError: string | null }[];
    const [pkg] = await list('hn.xuly');
    expect(pkg).toMatchObject({ status: 'pending', attempts: 0 });
    const retry = async (user: string, id = pkg!.id) => hn.api('POST', `/api/v1/federation/packages/outgoing/${id}/retry`, { token: await hn.login(user) });
    // Pending: nothing to retry.
    const early = await retry('hn.xuly');
    expect(early.statusCode).toBe(409);
    expect((early.json() as { message: string }).message).toMatch(/Không gửi lại được gói tin liên thông đang ở trạng thái «pending»/);
    // The peer is down for the 20 attempts: the package is failed and waits for someone.
    for (let i = 0; i < 20; i++) await deliverDue(hn.ctx, { force: true, fetchImpl: down });
    expect((await list('hn.xuly'))[0]).toMatchObject({ status: 'failed', attempts: 20, lastError: expect.stringMatching(/ECONNREFUSED/) });
    expect(await deliverDue(hn.ctx, { force: true, fetchImpl: bridge })).toEqual({ delivered: 0, returned: 0, retrying: 0 });
    // Outside the user's agencies: as unknown as any other id; a receptionist of the sender may not.
    expect((await retry('hn.ngoai')).statusCode).toBe(404);
    expect((await retry('hn.xuly', '00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    expect((await retry('hn.letan')).statusCode).toBe(403);
    const ok = await retry('hn.xuly');
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ id: pkg!.id, status: 'pending', attempts: 0, lastError: null });
    const audit = await queryRows<{ action: string; summary: string }>(hn.database.db, sql`select action, summary from audit_log where case_id = ${caseId} and action = 'federation.retry'`);
    expect(audit).toEqual([expect.objectContaining({ summary: expect.stringMatching(/gửi không thành công sau 20 lần/) })]);
    expect((await retry('hn.xuly')).statusCode).toBe(409);
    const before = (await hcm.api('GET', '/api/v1/federation/packages/incoming', { token: await hcm.login('hcm.lanhdao') })).json() as unknown[];
    expect(await deliverDue(hn.ctx, { force: true, fetchImpl: bridge })).toEqual({ delivered: 1, returned: 0, retrying: 0 });
    const after = (await hcm.api('GET', '/api/v1/federation/packages/incoming', { token: await hcm.login('hcm.lanhdao') })).json() as unknown[];
    expect(after.length).toBe(before.length + 1);
    expect((await list('hn.xuly'))[0]).toMatchObject({ status: 'delivered' });

    // Returned (HCM did not know Hà Nội when it was sent): the administrator re-queues it after the directory is fixed.
    const caseId2 = await forward('complaint', { name: 'Vũ Thị Trả Về', idNumber: '001085033333', address: 'Cầu Giấy' }, 'Khiếu nại về bồi thường đất nông nghiệp ở huyện Củ Chi');
    const refusing: typeof fetch = async () => new Response(JSON.stringify({ returned: true, reason: 'Hệ thống gửi «hn» chưa được đăng ký', packageId: null }), { status: 403 });
    expect(await deliverDue(hn.ctx, { force: true, fetchImpl: refusing })).toMatchObject({ returned: 1 });
    const [ret] = (await hn.api('GET', `/api/v1/federation/packages/outgoing?caseId=${caseId2}`, { token: await hn.login('hn.admin') })).json() as { id: string; status: string }[];
    expect(ret!.status).toBe('returned');
    const again = await hn.api('POST', `/api/v1/federation/packages/outgoing/${ret!.id}/retry`, { token: await hn.login('hn.admin') });
    expect(again.statusCode, again.body).toBe(200);
    expect(await deliverDue(hn.ctx, { force: true, fetchImpl: bridge })).toMatchObject({ delivered: 1 });
  });
});
