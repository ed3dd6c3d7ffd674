/**
 * Repeat detection of denunciations by the denouncer (ADR 0011): the intake check of a new denunciation finds the
 * same denouncer's earlier denunciations through the keyed hash stored beside each sealed identity — never the
 * identity in clear, never outside the agency's reach, only for the intake desk — and says nothing but "same person".
 */
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { contentSimilarity, SIMILAR_CONTENT_THRESHOLD } from '@danvan/domain/classification';
import { createTestEnv, type TestEnv } from '../../testing/harness.ts';
import { queryRows } from '../../db/client.ts';
import { createPersonHasher } from '../../security/person-hash.ts';

const KEY = randomBytes(32);
const hmac = (personKey: string) => createHmac('sha256', KEY).update(`danvan/person-hash/v1\n${personKey}`).digest('hex');

const ID = '079190066613';
const NAME = 'Trần Thị Tốcáo';
const ADDRESS = 'Số 12 ngõ 5 Đội Cấn, Phường Ba Đình';
const FIRST = 'Tố cáo cán bộ địa chính xã nhận tiền của dân khi xác nhận hồ sơ cấp giấy chứng nhận quyền sử dụng đất';
const AGAIN = 'Tôi tiếp tục tố cáo cán bộ địa chính nhận tiền khi xác nhận hồ sơ cấp giấy chứng nhận, đến nay chưa được xem xét';

const NO_ID_NAME = 'Lê Văn Khôngsố';
const NO_ID_ADDRESS = 'Thôn Đông, Phường Ba Đình';
const VILLAGE = 'Tố cáo trưởng thôn thu tiền đóng góp xây nhà văn hóa nhưng không công khai sổ sách thu chi';
const VILLAGE_AGAIN = 'Tiếp tục tố cáo trưởng thôn thu tiền đóng góp xây nhà văn hóa, sổ sách thu chi vẫn không được công khai cho dân';

const FORWARDED_ID = '001190077724';
const SCHOOL = 'Tố cáo hiệu trưởng trường tiểu học thu sai quy định các khoản tiền học thêm của học sinh';
const SCHOOL_AGAIN = 'Hiệu trưởng trường tiểu học vẫn thu sai quy định các khoản tiền học thêm, tôi tố cáo lại';

interface Candidate {
  id: string;
  code: string;
  samePerson: boolean;
}

let env: TestEnv;
let first = '';
let noId = '';
let forwardedFrom = '';
let forwardedTo = '';

async function check(user: string, body: { agency?: string; kind?: string; content: string; idNumber?: string; name?: string; address?: string }) {
  const res = await env.api('POST', '/api/v1/intake/check', { token: await env.login(user), body: { agency: '00004', kind: 'denunciation', registering: true, ...body } });
  expect(res.statusCode, res.body).toBe(200);
  return { body: res.body, repeats: (res.json() as { repeats: Candidate[] }).repeats };
}
const samePerson = (repeats: Candidate[]) => repeats.filter((r) => r.samePerson).map((r) => r.id);

beforeAll(async () => {
  env = await createTestEnv();
  // A known person key (the harness draws a random one), to check the stored value is exactly the HMAC.
  env.ctx.personHasher = createPersonHasher(KEY);
  await env.addUser('letan', 'receptionist', '00004');
  await env.addUser('xuly', 'handler', '00004');
  await env.addUser('lanhdao', 'head', '00004');
  await env.addUser('xacminh', 'investigator', '00004');
  await env.addUser('giamsat', 'monitor', '01');
  await env.addUser('xuly.ngocha', 'handler', '00008');
  await env.addUser('tinh.xuly', 'handler', '01');
  const visit = await env.api('POST', '/api/v1/visits', {
    token: await env.login('letan'),
    body: { agency: '00004', citizen: { name: NAME, idNumber: ID, address: ADDRESS, phone: '0912 000 111' }, content: FIRST, type: 'denunciation' },
  });
  expect(visit.statusCode, visit.body).toBe(201);
  first = (visit.json() as { case: { id: string } }).case.id;
  // A written denunciation with a name and an address but no ID.
  const petition = await env.api('POST', '/api/v1/petitions', {
    token: await env.login('xuly'),
    body: { agency: '00004', channel: 'post', type: 'denunciation', content: VILLAGE, petitioner: { name: NO_ID_NAME, address: NO_ID_ADDRESS } },
  });
  expect(petition.statusCode, petition.body).toBe(201);
  noId = (petition.json() as { case: { id: string } }).case.id;
  // A denunciation the commune forwards to the province.
  const forwarded = await env.api('POST', '/api/v1/petitions', {
    token: await env.login('xuly'),
    body: { agency: '00004', channel: 'post', type: 'denunciation', content: SCHOOL, petitioner: { name: 'Phạm Văn Chuyển', idNumber: FORWARDED_ID, address: 'Số 3 Liễu Giai' } },
  });
  expect(forwarded.statusCode, forwarded.body).toBe(201);
  forwardedFrom = (forwarded.json() as { case: { id: string } }).case.id;
  const fw = await env.api('POST', `/api/v1/cases/${forwardedFrom}/transitions`, { token: await env.login('xuly'), body: { action: 'forward', targetAgency: '01' } });
  expect(fw.statusCode, fw.body).toBe(200);
  forwardedTo = (fw.json() as { createdCase: { id: string } }).createdCase.id;
});
afterAll(async () => env?.close());

describe('repeat detection of a denunciation by its denouncer (keyed hash of the sealed identity)', () => {
  it('the same ID with other words: the intake desk finds the first denunciation, as the same person, and learns nothing else', async () => {
    // The wording alone would not make it a candidate (content-only matches need 0.6).
    const similarity = contentSimilarity(FIRST, AGAIN);
    expect(similarity).toBeGreaterThanOrEqual(SIMILAR_CONTENT_THRESHOLD);
    expect(similarity).toBeLessThan(0.6);
    for (const user of ['letan', 'xuly', 'lanhdao']) {
      const { body, repeats } = await check(user, { content: AGAIN, idNumber: ID.replace(/(\d{3})/g, '$1 ').trim(), name: 'Trần Thị Khác', address: 'Nơi khác' });
      expect(samePerson(repeats), user).toEqual([first]);
      expect(Object.keys(repeats[0]!).sort()).toEqual(['agencyCode', 'agencyName', 'code', 'id', 'kind', 'receivedOn', 'samePerson', 'similarity', 'state']);
      expect(repeats[0]).toMatchObject({ kind: 'denunciation', agencyCode: '00004' });
      // Nothing of the sealed identity comes back: not the name, the address, the phone or the stored hash.
      for (const secret of [NAME, 'Tốcáo', 'Đội Cấn', '0912000111', hmac(`id:${ID}`)]) expect(body).not.toContain(secret);
    }
  });

  it('another ID: not the same person, and the wording alone does not find it', async () => {
    const { repeats } = await check('letan', { content: AGAIN, idNumber: '079190066614', name: NAME, address: ADDRESS });
    expect(repeats.map((r) => r.id)).not.toContain(first);
    // Without any identity, the same: only near-identical wording is a candidate.
    expect((await check('letan', { content: AGAIN })).repeats.map((r) => r.id)).not.toContain(first);
    // The first words again, without identity: found by content, not as the same person.
    expect((await check('letan', { content: FIRST })).repeats).toEqual([expect.objectContaining({ id: first, samePerson: false })]);
  });

  it('no ID: the same name and address (case, accents and punctuation aside) find it', async () => {
    expect(contentSimilarity(VILLAGE, VILLAGE_AGAIN)).toBeLessThan(0.6);
    const { repeats } = await check('letan', { content: VILLAGE_AGAIN, name: 'LE VAN KHONGSO', address: 'thôn Đông - phường Ba Đình' });
    expect(samePerson(repeats)).toEqual([noId]);
    // The name alone, or another address, is not enough.
    expect(samePerson((await check('letan', { content: VILLAGE_AGAIN, name: NO_ID_NAME })).repeats)).toEqual([]);
    expect(samePerson((await check('letan', { content: VILLAGE_AGAIN, name: NO_ID_NAME, address: 'Thôn Tây, Phường Ba Đình' })).repeats)).toEqual([]);
  });

  it('stores the HMAC-SHA-256 of the person key under the person key, never the ID, nor its plain hash', async () => {
    const rows = await queryRows<{ case_id: string; person_hash: string | null; row: string }>(
      env.database.db,
      sql`select case_id, person_hash, row_to_json(s)::text as row from sealed_identities s`,
    );
    const hashOf = (caseId: string) => rows.filter((r) => r.case_id === caseId).map((r) => r.person_hash);
    expect(hashOf(first)).toEqual([hmac(`id:${ID}`)]);
    expect(hashOf(noId)).toEqual([hmac('na:le van khongso|thon dong phuong ba dinh')]);
    for (const r of rows) {
      expect(r.person_hash).toMatch(/^[0-9a-f]{64}$/);
      for (const clear of [ID, FORWARDED_ID, 'Khôngsố', 'khongso', createHash('sha256').update(ID).digest('hex')]) expect(r.row).not.toContain(clear);
    }
  });

  it('within reach only: the province above finds it; another commune gets nothing, and 404 for this commune', async () => {
    expect(samePerson((await check('tinh.xuly', { agency: '01', content: AGAIN, idNumber: ID })).repeats)).toEqual([first]);
    expect(samePerson((await check('xuly.ngocha', { agency: '00008', content: AGAIN, idNumber: ID })).repeats)).toEqual([]);
    expect((await check('xuly.ngocha', { agency: '00008', content: FIRST, idNumber: ID })).repeats.map((r) => r.id)).not.toContain(first);
    const outside = await env.api('POST', '/api/v1/intake/check', { token: await env.login('xuly.ngocha'), body: { agency: '00004', kind: 'denunciation', content: AGAIN, idNumber: ID } });
    expect(outside.statusCode).toBe(404);
  });

  it('for the intake desk only: an investigator or a monitor of the agency gets content matches, never the same person', async () => {
    for (const user of ['xacminh', 'giamsat']) {
      expect((await check(user, { content: AGAIN, idNumber: ID })).repeats.map((r) => r.id), user).not.toContain(first);
      expect((await check(user, { content: FIRST, idNumber: ID })).repeats, user).toEqual([expect.objectContaining({ id: first, samePerson: false })]);
    }
  });

  it('a complaint or feedback intake with the same ID does not reach the sealed denunciation', async () => {
    // kind undefined: the check without a kind (it replaces the helper's default, and JSON leaves it out).
    for (const kind of ['complaint', 'feedback', undefined]) {
      const { repeats } = await check('letan', { kind, content: FIRST, idNumber: ID, name: NAME, address: ADDRESS });
      expect(samePerson(repeats), String(kind)).toEqual([]);
    }
  });

  it('forwarding: the copy the province received carries the hash; the commune finds both, another commune neither', async () => {
    const hashes = await queryRows<{ case_id: string; person_hash: string }>(env.database.db, sql`select case_id, person_hash from sealed_identities where case_id in (${forwardedFrom}, ${forwardedTo})`);
    expect(hashes.map((h) => h.person_hash)).toEqual([hmac(`id:${FORWARDED_ID}`), hmac(`id:${FORWARDED_ID}`)]);
    expect(samePerson((await check('xuly', { content: SCHOOL_AGAIN, idNumber: FORWARDED_ID })).repeats).sort()).toEqual([forwardedFrom, forwardedTo].sort());
    expect(samePerson((await check('tinh.xuly', { agency: '01', content: SCHOOL_AGAIN, idNumber: FORWARDED_ID })).repeats).sort()).toEqual([forwardedFrom, forwardedTo].sort());
    expect(samePerson((await check('xuly.ngocha', { agency: '00008', content: SCHOOL_AGAIN, idNumber: FORWARDED_ID })).repeats)).toEqual([]);
  });
});
