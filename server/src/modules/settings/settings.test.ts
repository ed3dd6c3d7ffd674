/** Admin-editable field list and classification rules; co-signers of a petition (sealed for a denunciation). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestEnv, type TestEnv } from '../../testing/harness.ts';
import { queryRows } from '../../db/client.ts';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
  await env.addUser('admin', 'admin', 'VN');
  await env.addUser('tinh.admin', 'admin', '01');
  await env.addUser('xuly', 'handler', '00004');
});
afterAll(async () => env?.close());

describe('admin-editable classification', () => {
  it('only the national admin edits the field list; classification follows it; the edit is audited', async () => {
    const fields = [
      { value: 'dat-dai', label: 'Đất đai' },
      { value: 'moi-truong', label: 'Môi trường' },
    ];
    const denied = await env.api('PUT', '/api/v1/settings/case-fields', { token: await env.login('tinh.admin'), body: { fields } });
    expect(denied.statusCode).toBe(403);
    const bad = await env.api('PUT', '/api/v1/settings/case-fields', { token: await env.login('admin'), body: { fields: [...fields, { value: 'dat-dai', label: 'x' }] } });
    expect(bad.statusCode).toBe(400);
    const ok = await env.api('PUT', '/api/v1/settings/case-fields', { token: await env.login('admin'), body: { fields } });
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await env.api('GET', '/api/v1/fields')).json()).toEqual(fields);
    const created = await env.api('POST', '/api/v1/petitions', {
      token: await env.login('xuly'),
      body: { agency: '00004', channel: 'post', type: 'feedback', content: 'Phản ánh khói bụi từ xưởng gỗ', petitioner: { name: 'Lê Văn C', address: 'Ba Đình' } },
    });
    const id = (created.json() as { case: { id: string } }).case.id;
    expect((await env.api('PATCH', `/api/v1/cases/${id}/classification`, { token: await env.login('xuly'), body: { field: 'nha-o' } })).statusCode).toBe(400);
    expect((await env.api('PATCH', `/api/v1/cases/${id}/classification`, { token: await env.login('xuly'), body: { field: 'moi-truong' } })).statusCode).toBe(200);
    const audit = await queryRows<{ n: number }>(env.database.db, sql`select count(*)::int as n from audit_log where action = 'setting.update'`);
    expect(audit[0]!.n).toBe(1);
  });
  it('edited keyword rules change the suggestion at intake, with the matched words', async () => {
    const rules = [
      { target: 'kind:feedback', keywords: ['phản ánh'] },
      { target: 'field:moi-truong', keywords: ['khói bụi', 'xả thải'] },
    ];
    const ok = await env.api('PUT', '/api/v1/settings/classification-rules', { token: await env.login('admin'), body: { rules } });
    expect(ok.statusCode, ok.body).toBe(200);
    const unknownTarget = await env.api('PUT', '/api/v1/settings/classification-rules', { token: await env.login('admin'), body: { rules: [{ target: 'field:khong-co', keywords: ['x'] }] } });
    expect(unknownTarget.statusCode).toBe(400);
    const check = await env.api('POST', '/api/v1/intake/check', { token: await env.login('xuly'), body: { agency: '00004', content: 'Phan anh xuong go xa thai ra muong' } });
    expect(check.json()).toMatchObject({ suggestion: { kind: { value: 'feedback', matched: ['phản ánh'] }, field: { value: 'moi-truong', matched: ['xả thải'] } } });
  });
});

describe('co-signers', () => {
  it('are recorded with the petition, and sealed for a denunciation', async () => {
    const token = await env.login('xuly');
    const complaint = await env.api('POST', '/api/v1/petitions', {
      token,
      body: {
        agency: '00004',
        channel: 'post',
        type: 'complaint',
        content: 'Khiếu nại tập thể về mức bồi thường',
        petitioner: { name: 'Trần Văn D', address: 'Ba Đình' },
        coSigners: [{ name: 'Trần Thị E', idNumber: '001190011111' }, { name: 'Phạm Văn G' }],
      },
    });
    expect(complaint.statusCode, complaint.body).toBe(201);
    const page = (await env.api('GET', `/api/v1/cases/${(complaint.json() as { case: { id: string } }).case.id}`, { token })).json() as { petitions: { coSigners: { name: string }[] }[] };
    expect(page.petitions[0]!.coSigners.map((c) => c.name)).toEqual(['Trần Thị E', 'Phạm Văn G']);
    const badId = await env.api('POST', '/api/v1/petitions', { token, body: { agency: '00004', channel: 'post', type: 'complaint', content: 'x', petitioner: { name: 'A' }, coSigners: [{ name: 'B', idNumber: '12' }] } });
    expect(badId.json()).toMatchObject({ details: [{ field: 'coSigners.0.idNumber' }] });
    const denunciation = await env.api('POST', '/api/v1/petitions', {
      token,
      body: { agency: '00004', channel: 'post', type: 'denunciation', content: 'Tố cáo tập thể', petitioner: { name: 'Người Tố Cáo Một' }, coSigners: [{ name: 'Người Tố Cáo Hai' }] },
    });
    expect(denunciation.statusCode).toBe(201);
    const rows = await queryRows<{ t: string }>(env.database.db, sql`select row_to_json(p)::text as t from petitions p`);
    expect(rows.map((r) => r.t).join('')).not.toContain('Tố Cáo Hai');
    const sealed = await queryRows<{ n: number }>(env.database.db, sql`select count(*)::int as n from sealed_identities where case_id = ${(denunciation.json() as { case: { id: string } }).case.id}`);
    expect(sealed[0]!.n).toBe(2);
  });
});
