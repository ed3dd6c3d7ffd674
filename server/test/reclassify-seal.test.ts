/**
 * Issue 13 (sealing follows the case), on PGlite and on PostgreSQL: a complaint whose visit and petitions hold the
 * person's identity in the clear is reclassified as a denunciation — the identities are sealed in the same
 * transaction (no plaintext left in any table), the head still opens them on the case, and a petition filed later on
 * the denunciation case as a "complaint" is sealed too.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestEnv, type TestEnv } from '../src/testing/harness.ts';
import { queryRows } from '../src/db/client.ts';
import { verifyAudit } from '../src/modules/audit/verify-audit.ts';

let env: TestEnv;
const PERSON = { name: 'Hà Thị Bích Ngọc', idNumber: '001186044321', address: 'Số 14 Ngõ Hàng Chuối', phone: '0978 555 321' };
const CO_SIGNER = { name: 'Đinh Công Tráng', idNumber: '001175033456', address: 'Số 2 Ngõ Hàng Chuối' };
const LATER = { name: 'Quách Thị Mơ', idNumber: '001192011789', address: 'Số 7 Phố Huế', phone: '0913 000 789' };

beforeAll(async () => {
  env = await createTestEnv({ now: '2026-07-15T01:30:00Z' });
  await env.addUser('letan', 'receptionist', '00004');
  await env.addUser('xuly', 'handler', '00004');
  await env.addUser('lanhdao', 'head', '00004');
  await env.addUser('giamsat', 'monitor', '00004');
});
afterAll(async () => env?.close());

const fold = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase();
/** Which of the people's names, ID numbers or phones the text holds (diacritics and spacing ignored for names). */
function leaks(text: string, people: { name: string; idNumber: string; phone?: string }[]): string[] {
  const t = fold(text);
  const found: string[] = [];
  for (const p of people) {
    if (t.includes(fold(p.name))) found.push(p.name);
    if (text.includes(p.idNumber)) found.push(p.idNumber);
    if (p.phone && (text.includes(p.phone) || text.includes(p.phone.replace(/\s/g, '')))) found.push(p.phone);
  }
  return found;
}

async function plaintextDump(): Promise<string> {
  const tables = await queryRows<{ table_name: string }>(env.database.db, sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`);
  const parts: string[] = [];
  for (const t of tables) {
    const rows = await queryRows<{ r: string }>(env.database.db, sql.raw(`select t::text as r from "${t.table_name}" t`));
    for (const row of rows) parts.push(row.r);
  }
  return parts.join('\n');
}

describe('reclassified as a denunciation: the identities are sealed at reclassification (issue 13)', () => {
  let caseId = '';
  let visitId = '';
  it('a complaint received in person and in writing keeps its identities in the clear while it is a complaint', async () => {
    const letan = await env.login('letan');
    const v = await env.api('POST', '/api/v1/visits', {
      token: letan,
      body: { agency: '00004', citizen: { name: PERSON.name, idNumber: PERSON.idNumber, address: PERSON.address, phone: PERSON.phone }, content: 'Khiếu nại việc thu hồi đất, nêu sai phạm của cán bộ địa chính', type: 'complaint', outcome: 'petition-received' },
    });
    expect(v.statusCode, v.body).toBe(201);
    const body = v.json() as { visit: { id: string }; case: { id: string } };
    visitId = body.visit.id;
    caseId = body.case.id;
    const p = await env.api('POST', '/api/v1/petitions', {
      token: letan,
      body: { agency: '00004', channel: 'post', type: 'complaint', caseId, content: 'Đơn bổ sung', petitioner: PERSON, coSigners: [CO_SIGNER] },
    });
    expect(p.statusCode, p.body).toBe(201);
    expect(leaks(await plaintextDump(), [PERSON, CO_SIGNER]).length).toBeGreaterThan(0);
  });

  it('reclassified as a denunciation: no table holds a name, ID number or phone in plaintext; no read shows them', async () => {
    const r = await env.api('PATCH', `/api/v1/cases/${caseId}/classification`, { token: await env.login('xuly'), body: { kind: 'denunciation' } });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ kind: 'denunciation' });
    expect(leaks(await plaintextDump(), [PERSON, CO_SIGNER])).toEqual([]);
    for (const user of ['letan', 'xuly', 'lanhdao', 'giamsat']) {
      const token = await env.login(user);
      for (const url of [`/api/v1/cases/${caseId}`, `/api/v1/visits/${visitId}`, `/api/v1/visits?agency=00004&from=2026-07-01&to=2026-07-31`, `/api/v1/visits/${visitId}/receipt`, `/api/v1/cases?agency=00004`]) {
        const res = await env.api('GET', url, { token });
        expect(res.statusCode, `${user} ${url}`).toBeLessThan(500);
        expect(leaks(res.body, [PERSON, CO_SIGNER]), `${user} ${url}`).toEqual([]);
      }
    }
    // The case's search document follows the new kind (found under «tố cáo», no longer under «khiếu nại»).
    const docs = await queryRows<{ kind: string }>(env.database.db, sql`select kind from search_docs where case_id = ${caseId} and record_type = 'case'`);
    expect(docs.map((d) => d.kind)).toEqual(['denunciation']);
    const audit = await queryRows<{ after: { sealedRecords?: number } }>(env.database.db, sql`select after from audit_log where case_id = ${caseId} and action = 'case.classify'`);
    expect(audit[0]?.after.sealedRecords).toBe(2);
  });

  it('the head opens the sealed identities on the case (the visit, the petitioner and the co-signer)', async () => {
    const r = await env.api('POST', `/api/v1/cases/${caseId}/denouncer/reveal`, { token: await env.login('lanhdao'), body: { reason: 'Xác minh người tố cáo theo Điều 47' } });
    expect(r.statusCode, r.body).toBe(200);
    const names = (r.json() as { denouncers: { name: string; phone?: string | null }[] }).denouncers.map((d) => d.name);
    expect(names.filter((n) => n === PERSON.name)).toHaveLength(2);
    expect(names).toContain(CO_SIGNER.name);
  });

  it('a petition filed later on the denunciation case as a "complaint" is sealed too; the way back is refused', async () => {
    const p = await env.api('POST', '/api/v1/petitions', {
      token: await env.login('letan'),
      body: { agency: '00004', channel: 'post', type: 'complaint', caseId, content: 'Đơn bổ sung lần hai', petitioner: LATER },
    });
    expect(p.statusCode, p.body).toBe(201);
    expect(leaks(await plaintextDump(), [PERSON, CO_SIGNER, LATER])).toEqual([]);
    const back = await env.api('PATCH', `/api/v1/cases/${caseId}/classification`, { token: await env.login('xuly'), body: { kind: 'complaint' } });
    expect(back.statusCode).toBe(409);
    expect((await verifyAudit(env.database.db)).ok).toBe(true);
  });
});
