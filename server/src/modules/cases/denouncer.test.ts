/**
 * Denouncer protection (Luật Tố cáo Arts. 47(2), 56): the identity never appears in plaintext in any table
 * (a full logical dump) nor in the server log; only the head can reveal it, with a reason, audited.
 */
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestEnv, type TestEnv } from '../../testing/harness.ts';
import { queryRows } from '../../db/client.ts';

const NAME = 'Võ Thị Bímật';
const ID = '079190055512';
const PHONE = '0938 123 456';
let env: TestEnv;
let log = '';
let caseId = '';

beforeAll(async () => {
  const sink = new Writable({
    write(chunk: Buffer, _enc, cb) {
      log += chunk.toString('utf8');
      cb();
    },
  });
  env = await createTestEnv({ logStream: sink });
  await env.addUser('letan', 'receptionist', '00004');
  await env.addUser('xuly', 'handler', '00004');
  await env.addUser('xacminh', 'investigator', '00004');
  await env.addUser('lanhdao', 'head', '00004');
  await env.addUser('thanhtra', 'inspector', '01');
  await env.addUser('lanhdao.ngocha', 'head', '00008');
  const visit = await env.api('POST', '/api/v1/visits', {
    token: await env.login('letan'),
    body: { agency: '00004', citizen: { name: NAME, idNumber: ID, address: 'Số 7 Phan Đình Phùng, Phường Ba Đình', phone: PHONE }, content: 'Tố cáo cán bộ địa chính nhận tiền khi xác nhận hồ sơ đất', type: 'denunciation' },
  });
  expect(visit.statusCode, visit.body).toBe(201);
  caseId = (visit.json() as { case: { id: string } }).case.id;
  const petition = await env.api('POST', '/api/v1/petitions', {
    token: await env.login('xuly'),
    body: { agency: '00004', channel: 'post', type: 'denunciation', content: 'Bổ sung tài liệu tố cáo', petitioner: { name: NAME, idNumber: ID, address: 'Số 7 Phan Đình Phùng' }, caseId },
  });
  expect(petition.statusCode, petition.body).toBe(201);
  await env.api('POST', `/api/v1/cases/${caseId}/transitions`, { token: await env.login('lanhdao'), body: { action: 'accept' } });
});
afterAll(async () => env?.close());

/** Every row of every table in the schema, as JSON text: a full logical dump. */
async function dump(): Promise<string> {
  const tables = await queryRows<{ t: string }>(env.database.db, sql`select table_name as t from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`);
  let out = '';
  for (const { t } of tables) {
    const rows = await queryRows<{ j: string }>(env.database.db, sql`select row_to_json(x)::text as j from ${sql.identifier(t)} x`);
    out += rows.map((r) => r.j).join('\n');
  }
  return out;
}

describe('denouncer identity', () => {
  it('is in no table and no log line in plaintext', async () => {
    const text = await dump();
    expect(text).toContain('Tố cáo cán bộ địa chính'); // the dump does contain the case
    for (const secret of [NAME, 'Bímật', ID, PHONE.replace(/\s/g, ''), '938123456']) {
      expect(text, secret).not.toContain(secret);
      expect(log, secret).not.toContain(secret);
    }
    expect(log.length).toBeGreaterThan(100); // the log was written
  });
  it('is not shown to the investigator, the handler or the inspector, in the case or the lists', async () => {
    for (const user of ['xacminh', 'xuly', 'thanhtra']) {
      const token = await env.login(user);
      for (const url of [`/api/v1/cases/${caseId}`, '/api/v1/cases', '/api/v1/visits']) {
        const res = await env.api('GET', url, { token });
        expect(res.statusCode, `${user} ${url}`).toBe(200);
        expect(res.body).not.toContain('Bímật');
        expect(res.body).not.toContain(ID);
      }
    }
    const page = (await env.api('GET', `/api/v1/cases/${caseId}`, { token: await env.login('xacminh') })).json() as { case: { petitionerName: string; identitySealed: boolean } };
    expect(page.case).toMatchObject({ petitionerName: '[Đã bảo mật]', identitySealed: true });
  });
  it('can be revealed only by the head, with a reason, and the reveal is audited without the identity', async () => {
    for (const user of ['xacminh', 'xuly', 'thanhtra']) {
      const res = await env.api('POST', `/api/v1/cases/${caseId}/denouncer/reveal`, { token: await env.login(user), body: { reason: 'Kiểm tra thông tin liên hệ người tố cáo' } });
      expect(res.statusCode, user).toBe(403);
    }
    const outsider = await env.api('POST', `/api/v1/cases/${caseId}/denouncer/reveal`, { token: await env.login('lanhdao.ngocha'), body: { reason: 'Kiểm tra thông tin liên hệ người tố cáo' } });
    expect(outsider.statusCode).toBe(404);
    const short = await env.api('POST', `/api/v1/cases/${caseId}/denouncer/reveal`, { token: await env.login('lanhdao'), body: { reason: 'xem' } });
    expect(short.statusCode).toBe(400);
    const res = await env.api('POST', `/api/v1/cases/${caseId}/denouncer/reveal`, { token: await env.login('lanhdao'), body: { reason: 'Cần liên hệ người tố cáo để bổ sung tài liệu' } });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as { denouncers: { name: string; idNumber: string; phone: string }[] };
    expect(body.denouncers).toHaveLength(2);
    expect(body.denouncers[0]).toMatchObject({ name: NAME, idNumber: ID, phone: '+84938123456' });
    const audit = await queryRows<{ summary: string; actor_name: string }>(env.database.db, sql`select summary, actor_name from audit_log where action = 'denouncer.reveal'`);
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actor_name).toBe('lanhdao');
    expect(audit[0]!.summary).toContain('Cần liên hệ người tố cáo');
    // After a reveal, the dump and the log are still clean.
    const text = await dump();
    expect(text).not.toContain('Bímật');
    expect(log).not.toContain('Bímật');
  });
});
