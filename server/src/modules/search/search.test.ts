/**
 * Search and same-matter detection (issue 18, ADR 0022) on the real app and database (PGlite and PostgreSQL):
 * the Ba Đình ward / Hà Nội city example, fifty co-signers, the denouncer never revealed, another province gets
 * nothing, linking and unlinking a duplicate with the citizen's notice and the audit rows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestEnv, type TestEnv } from '../../testing/harness.ts';
import { queryRows } from '../../db/client.ts';
import { extractEntities } from '@danvan/domain/matters/entities';
import { monthsBack } from './search-records.ts';

const WARD = 'Tôi khiếu nại Quyết định số 12/QĐ-UBND ngày 10/3/2026 của Ủy ban nhân dân Phường Ba Đình về việc thu hồi thửa đất số 45, tờ bản đồ số 7 của gia đình tôi. Mức bồi thường không đúng giá thị trường, đề nghị hủy quyết định.';
const CITY = 'kinh gui UBND TP Ha Noi. Toi khieu nai QD 12/QD-UBND cua UBND phuong Ba Dinh thu hoi thua dat so 45 to ban do so 7 cua gia dinh toi, boi thuong khong dung gia thi truong. De nghi huy quyet dinh. Xin tran trong cam on.';
const CITY_46 = CITY.replace('thua dat so 45', 'thua dat so 46');
const OTHER = 'Phản ánh quán karaoke trên phố Ngọc Hà hát đến 2 giờ sáng gây ồn ào, đề nghị xử lý.';
const DENOUNCER = 'Đặng Thị Tốgiác';
const DENUNCIATION = 'Tôi tố cáo ông Trần Văn Bình, cán bộ địa chính Phường Ba Đình, đã nhận 50.000.000 đồng của gia đình tôi để làm sổ đỏ nhưng không làm.';
const GIANG_VO = '00025';
const GROUP = 'Chúng tôi là các hộ dân tổ 5 phường Ngọc Hà phản ánh việc xây dựng trạm trộn bê tông trên đường Hoàng Hoa Thám gây bụi, tiếng ồn suốt đêm, xe tải chở vật liệu làm hỏng đường. Đề nghị di dời trạm trộn.';

let env: TestEnv;
let wardCase = '';
let wardCode = '';
let cityCase = '';

interface Candidate { caseId: string; code: string; agencyName: string; score: number; reasons: string[]; reasonText: string; readable: boolean; content: string | null; petitionerName: string | null }
interface Hit { recordType: string; id: string; caseId: string | null; names: string | null; snippet: string; highlights: [number, number][] }

async function similar(user: string, body: Record<string, unknown>) {
  const res = await env.api('POST', '/api/v1/matters/similar', { token: await env.login(user), body });
  expect(res.statusCode, res.body).toBe(200);
  return { raw: res.body, candidates: (res.json() as { candidates: Candidate[] }).candidates };
}
async function search(user: string, query: string) {
  const res = await env.api('GET', `/api/v1/search?${query}`, { token: await env.login(user) });
  expect(res.statusCode, res.body).toBe(200);
  return { raw: res.body, ...(res.json() as { total: number; capped: boolean; hits: Hit[] }) };
}
async function petition(user: string, body: Record<string, unknown>) {
  const res = await env.api('POST', '/api/v1/petitions', { token: await env.login(user), body: { channel: 'post', type: 'complaint', ...body } });
  expect(res.statusCode, res.body).toBe(201);
  return (res.json() as { case: { id: string; code: string } }).case;
}

beforeAll(async () => {
  env = await createTestEnv();
  await env.addUser('xuly', 'handler', '00004');
  await env.addUser('xuly.ngocha', 'handler', '00008');
  await env.addUser('tinh.xuly', 'handler', '01');
  await env.addUser('giamsat', 'monitor', '01');
  await env.addUser('hcm.xuly', 'handler', '79');
  const w = await petition('xuly', { agency: '00004', content: WARD, petitioner: { name: 'Lê Văn Tâm', address: 'Số 3 phố Đội Cấn, Phường Ba Đình' } });
  wardCase = w.id;
  wardCode = w.code;
  await petition('xuly', { agency: '00004', type: 'feedback', content: OTHER, petitioner: { name: 'Phan Thị Hoa' } });
  await petition('xuly', { agency: '00004', type: 'denunciation', content: DENUNCIATION, petitioner: { name: DENOUNCER, idNumber: '001190012345', address: 'Số 8 phố Đội Cấn' } });
}, 120_000);
afterAll(async () => env?.close());

describe('findSimilarMatters (issue 18)', () => {
  it("the city's intake shows the ward's case first: same decision number, same land parcel", async () => {
    const { candidates } = await similar('tinh.xuly', { agency: '01', content: CITY, type: 'complaint' });
    expect(candidates[0]).toMatchObject({ caseId: wardCase, code: wardCode, readable: true, content: WARD });
    expect(candidates[0]!.reasonText).toContain('cùng số quyết định, cùng thửa đất');
    expect(candidates[0]!.score).toBeGreaterThanOrEqual(0.55);
  });

  it('the same letter about parcel 46 does not suggest the ward case', async () => {
    const { candidates } = await similar('tinh.xuly', { agency: '01', content: CITY_46 });
    expect(candidates.map((c) => c.caseId)).not.toContain(wardCase);
  });

  it('a commune is told the province already received the matter, without its content', async () => {
    const c = await petition('tinh.xuly', { agency: '01', content: CITY, petitioner: { name: 'Lê Văn Tâm', address: 'Số 3 phố Đội Cấn, Phường Ba Đình' } });
    cityCase = c.id;
    const { candidates } = await similar('xuly', { caseId: wardCase });
    const city = candidates.find((x) => x.caseId === cityCase);
    expect(city).toMatchObject({ readable: false, content: null, petitionerName: null, code: c.code });
    expect(city!.agencyName).toMatch(/Hà Nội/);
    expect(city!.reasons).toEqual(expect.arrayContaining(['same-decision', 'same-parcel']));
  });

  it('the same sender is a reason ("cùng người gửi") for a complaint', async () => {
    const { candidates } = await similar('xuly', { agency: '00004', content: CITY, type: 'complaint', petitioner: { name: 'Lê Văn Tâm', address: 'Số 3 phố Đội Cấn, Phường Ba Đình' } });
    expect(candidates.find((x) => x.caseId === wardCase)!.reasonText).toContain('cùng người gửi');
  });

  it('a letter with no fact to match (no decision, parcel, street or person) is found by its words within the province', async () => {
    const MIXER = 'Phản ánh trạm trộn bê tông hoạt động suốt đêm gây bụi mịn và tiếng ồn, xe bồn chở vật liệu làm nứt mặt bê tông.';
    const again = 'kinh gui UBND TP Ha Noi. Tram tron be tong hoat dong suot dem, gay bui min va tieng on; xe bon cho vat lieu lam nut mat be tong. Xin tran trong cam on.';
    const e = extractEntities(again);
    expect([...e.decisions, ...e.parcels, ...e.streets, ...e.people]).toEqual([]);
    // At a third commune of Hà Nội (the others' reports are counted below).
    await env.addUser('xuly.giangvo', 'handler', GIANG_VO);
    const mixer = await petition('xuly.giangvo', { agency: GIANG_VO, type: 'feedback', content: MIXER, petitioner: { name: 'Hồ Văn Sáu' } });
    const { candidates } = await similar('tinh.xuly', { agency: '01', content: again, type: 'feedback' });
    expect(candidates.map((c) => c.caseId)).toContain(mixer.id);
    expect(candidates.find((c) => c.caseId === mixer.id)!.reasonText).toContain('nội dung trùng');
    // Another province's handler does not see it, whatever the words.
    expect((await similar('hcm.xuly', { agency: '79', content: again })).candidates.map((c) => c.caseId)).not.toContain(mixer.id);
  });

  it("staff of another province get nothing, and 404 for another province's case", async () => {
    expect((await similar('hcm.xuly', { agency: '79', content: CITY })).candidates).toEqual([]);
    const res = await env.api('POST', '/api/v1/matters/similar', { token: await env.login('hcm.xuly'), body: { caseId: wardCase } });
    expect(res.statusCode).toBe(404);
    expect((await search('hcm.xuly', 'q=12%2FQ%C4%90-UBND')).total).toBe(0);
  });

  it("a denunciation's denouncer is never revealed by a candidate", async () => {
    const { raw, candidates } = await similar('xuly', {
      agency: '00004',
      type: 'denunciation',
      content: 'to cao ong Tran Van Binh can bo dia chinh nhan 50 trieu dong lam so do khong lam',
      petitioner: { name: DENOUNCER, idNumber: '001190012345' },
    });
    expect(candidates.length).toBeGreaterThan(0);
    expect(candidates[0]!.reasons).toContain('same-accused');
    expect(candidates[0]!.reasons).not.toContain('same-person');
    expect(raw).not.toMatch(/Tốgiác|togiac|001190012345/i);
  });
});

describe('searchRecords (issue 18)', () => {
  it('finds without diacritics, by document number, parcel, street and case code, highlighted', async () => {
    const byDoc = await search('xuly', `q=${encodeURIComponent('12/QĐ-UBND')}`);
    expect(byDoc.hits.map((h) => h.caseId)).toContain(wardCase);
    const unaccented = await search('xuly', `q=${encodeURIComponent('thua dat so 45')}`);
    const hit = unaccented.hits.find((h) => h.caseId === wardCase)!;
    expect(hit.highlights.map(([a, b]) => hit.snippet.slice(a, b))).toContain('thửa đất số 45');
    expect((await search('xuly', `q=${encodeURIComponent('pho ngoc ha')}`)).total).toBeGreaterThan(0);
    const byCode = await search('xuly', `q=${encodeURIComponent(wardCode)}&recordType=case`);
    expect(byCode.hits[0]!.id).toBe(wardCase);
    expect((await search('xuly', `q=${encodeURIComponent('Le Van Tam')}`)).hits[0]!.names).toContain('Lê Văn Tâm');
  });

  it("filters by kind, state, agency and dates; the province sees its communes', the commune not the province's", async () => {
    expect((await search('xuly', 'q=karaoke&kind=complaint')).total).toBe(0);
    expect((await search('xuly', 'q=karaoke&kind=feedback&state=received&from=2026-07-01&to=2026-07-31')).total).toBeGreaterThan(0);
    expect((await search('xuly', 'q=karaoke&from=2026-08-01')).total).toBe(0);
    expect((await search('tinh.xuly', 'q=karaoke&agency=00004')).total).toBeGreaterThan(0);
    expect((await search('tinh.xuly', 'q=karaoke&agency=00008')).total).toBe(0);
    const commune = await search('xuly', `q=${encodeURIComponent('TP Ha Noi')}`);
    expect(commune.hits.map((h) => h.caseId)).not.toContain(cityCase);
  });

  it("never finds nor shows a denouncer's name; a monitor sees no names", async () => {
    const byName = await search('xuly', `q=${encodeURIComponent('Tốgiác')}`);
    expect(byName.total).toBe(0);
    const byContent = await search('xuly', `q=${encodeURIComponent('Tran Van Binh')}`);
    expect(byContent.total).toBeGreaterThan(0);
    expect(byContent.raw).not.toMatch(/Tốgiác/);
    expect(byContent.hits.every((h) => h.names === null)).toBe(true);
    expect((await search('giamsat', `q=${encodeURIComponent('thua dat 45')}`)).hits.every((h) => h.names === null)).toBe(true);
  });

  it('matches whole words, the last one also as the start of a word; numbers are whole', async () => {
    expect((await search('xuly', 'q=karaok')).total).toBeGreaterThan(0);
    expect((await search('xuly', 'q=araoke')).total).toBe(0);
    expect((await search('xuly', `q=${encodeURIComponent('karaok ngoc')}`)).total).toBe(0);
    expect((await search('xuly', `q=${encodeURIComponent('ngoc karaok')}`)).total).toBeGreaterThan(0);
    // "thửa đất số 4" is not parcel 45; "số 45" is.
    expect((await search('xuly', `q=${encodeURIComponent('thua dat so 4')}`)).total).toBe(0);
    expect((await search('xuly', `q=${encodeURIComponent('thua dat so 45')}`)).total).toBeGreaterThan(0);
  });

  it('from the national root, every province is searched; another province stays out of a province', async () => {
    await env.addUser('tw.giamsat', 'monitor', 'VN');
    const national = await search('tw.giamsat', 'q=karaoke');
    expect(national.total).toBeGreaterThan(0);
    expect(national.hits.every((h) => h.names === null)).toBe(true);
    expect((await search('hcm.xuly', 'q=karaoke')).total).toBe(0);
  });

  it("a name never finds a record of a denunciation's case, even a visit or petition indexed with names", async () => {
    // A visit of another kind joined to the denunciation's case, indexed with its citizen's name (as before sealing
    // followed the case): found by its text, never by the name, and shown without it.
    const [d] = await queryRows<{ id: string; agencyId: string; agencyPath: string }>(
      env.database.db,
      sql`select id, agency_id as "agencyId", agency_path as "agencyPath" from cases where kind = 'denunciation' and content like 'Tôi tố cáo ông Trần Văn Bình%'`,
    );
    await env.database.db.execute(sql`insert into search_docs (id, record_type, case_id, agency_id, agency_path, kind, day, content, names, names_folded, folded)
      values (gen_random_uuid(), 'visit', ${d!.id}, ${d!.agencyId}, ${d!.agencyPath}, 'complaint', '2026-07-03', 'Bổ sung chứng cứ về khoản tiền sổ đỏ', 'Ngô Ẩn Danh', 'ngo an danh', 'bo sung chung cu ve khoan tien so do')`);
    expect((await search('xuly', `q=${encodeURIComponent('Ngo An Danh')}`)).total).toBe(0);
    expect((await search('xuly', `q=${encodeURIComponent('chung cu Ngo')}`)).total).toBe(0);
    const byText = await search('xuly', `q=${encodeURIComponent('bo sung chung cu')}`);
    expect(byText.total).toBe(1);
    expect(byText.hits[0]!.names).toBeNull();
    expect(byText.raw).not.toMatch(/Ẩn Danh/);
  });

  it('counts the months back across a year (the windows of the most recent matches)', () => {
    expect(monthsBack('2026-02', 0, 3)).toEqual(['2026-02', '2026-01', '2025-12']);
    expect(monthsBack('2026-02', 3, 5)).toEqual(['2025-11', '2025-10']);
  });

  it('ranks at most 1,000 matches, the most recent months first, and says there are more', async () => {
    // 1,001 old matches (stored first), then three of this month (the test clock: July 2026): the three are ranked.
    const add = (day: string, from: number, to: number) =>
      env.database.db.execute(sql`insert into search_docs (id, record_type, case_id, agency_id, agency_path, kind, day, content, names, names_folded, folded)
        select gen_random_uuid(), 'visit', null, a.id, a.path, 'feedback', ${day}, 'Phản ánh xe quá tải số ' || g, null, null, 'phan anh xe qua tai so ' || g
        from agencies a cross join generate_series(${from}::int, ${to}::int) g where a.code = '00004'`);
    await add('2025-03-02', 1, 1001);
    await add('2026-07-10', 5001, 5003);
    const many = await search('xuly', `q=${encodeURIComponent('xe qua tai')}&limit=5`);
    expect(many).toMatchObject({ total: 1000, capped: true });
    expect(many.hits).toHaveLength(5);
    expect(many.hits.slice(0, 3).map((h) => h.snippet).sort()).toEqual(['Phản ánh xe quá tải số 5001', 'Phản ánh xe quá tải số 5002', 'Phản ánh xe quá tải số 5003']);
    const one = await search('xuly', `q=${encodeURIComponent('xe qua tai so 777')}`);
    expect(one).toMatchObject({ total: 1, capped: false });
    expect(one.hits[0]!.snippet).toBe('Phản ánh xe quá tải số 777');
  });

  it('a word outside a-z and 0-9 narrows the others as a substring; alone it finds nothing (never a 500)', async () => {
    expect((await search('xuly', `q=${encodeURIComponent('漢字')}`))).toMatchObject({ total: 0, capped: false, hits: [] });
    expect((await search('xuly', `q=${encodeURIComponent('karaoke 漢字')}`)).total).toBe(0);
    expect((await search('xuly', `q=${encodeURIComponent("karaoke ngọc hà :* & ! ' |")}`)).total).toBeGreaterThan(0);
  });

  it('refuses an empty query field by field', async () => {
    const res = await env.api('GET', '/api/v1/search?q=%2F%2F', { token: await env.login('xuly') });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ details: [{ field: 'q' }] });
  });
});

describe('linkDuplicate / unlinkDuplicate (issue 18)', () => {
  it('the city links its copy to the ward case: the copy is archived, the citizen is told where the matter is handled; unlink restores it, both audited', async () => {
    const token = await env.login('tinh.xuly');
    const res = await env.api('POST', '/api/v1/matters/links', { token, body: { caseId: cityCase, matterCaseId: wardCase, handlingCaseId: wardCase } });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as { closedCaseId: string; notice: string };
    expect(body.closedCaseId).toBe(cityCase);
    expect(body.notice).toContain('Gửi nhiều nơi');
    expect(body.notice).toContain(`Phường Ba Đình (mã hồ sơ ${wardCode})`);
    const [c] = await queryRows<{ state: string; reason: string }>(env.database.db, sql`select state, reason from cases where id = ${cityCase}`);
    expect(c).toMatchObject({ state: 'archived', reason: 'sent-to-many' });
    // Linked again: 409. The ward's handler may not close the city's copy: 404.
    expect((await env.api('POST', '/api/v1/matters/links', { token, body: { caseId: cityCase, matterCaseId: wardCase, handlingCaseId: wardCase } })).statusCode).toBe(409);
    expect((await env.api('POST', '/api/v1/matters/links', { token: await env.login('xuly'), body: { caseId: wardCase, matterCaseId: cityCase, handlingCaseId: wardCase } })).statusCode).toBe(404);
    const again = await similar('xuly', { caseId: wardCase });
    expect(again.candidates.find((x) => x.caseId === cityCase)).toMatchObject({ linked: true });

    const un = await env.api('DELETE', `/api/v1/matters/links/${cityCase}`, { token });
    expect(un.statusCode, un.body).toBe(200);
    expect(un.json()).toMatchObject({ state: 'received', restored: true });
    const audit = await queryRows<{ action: string }>(env.database.db, sql`select action from audit_log where entity_id = ${cityCase} order by id`);
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['case.archive', 'case.link-duplicate', 'case.unlink-duplicate']));
    expect((await env.api('DELETE', `/api/v1/matters/links/${cityCase}`, { token })).statusCode).toBe(404);
  });
});

describe('fifty co-signers (issue 18)', () => {
  it('each sending the group letter gives one matter and fifty petitions in the report', async () => {
    const first = await petition('xuly.ngocha', { agency: '00008', type: 'feedback', content: GROUP, petitioner: { name: 'Hộ dân 1' } });
    for (let i = 2; i <= 50; i++) {
      const letter = `Kính gửi UBND phường Ngọc Hà. Tôi là hộ dân số ${i} tổ 5. ${GROUP.replace('Chúng tôi là các hộ dân tổ 5 phường Ngọc Hà phản ánh', 'Phản ánh')} Xin cảm ơn.`;
      const { candidates } = await similar('xuly.ngocha', { agency: '00008', content: letter, type: 'feedback' });
      expect(candidates[0]?.caseId, `letter ${i}`).toBe(first.id);
      const linked = await petition('xuly.ngocha', { agency: '00008', type: 'feedback', content: letter, petitioner: { name: `Hộ dân ${i}` }, caseId: candidates[0]!.caseId });
      expect(linked.id).toBe(first.id);
    }
    const res = await env.api('GET', '/api/v1/reports/period?agency=00008&from=2026-07-01&to=2026-07-31', { token: await env.login('xuly.ngocha') });
    expect(res.statusCode, res.body).toBe(200);
    const ind = (res.json() as { indicators: Record<string, number> }).indicators;
    expect(ind['xld.petitions']).toBe(50);
    expect(ind['xld.received']).toBe(1);
  }, 120_000);
});
