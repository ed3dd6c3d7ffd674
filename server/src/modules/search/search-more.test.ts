/**
 * searchRecords over dialogues, commitments and consultations (issue 18 item 1; ADR 0022 amendment 2026-12-06,
 * third), on the real app and database (PGlite and PostgreSQL): found without diacritics within the same scope as
 * their own lists (a commitment also by its owner agency), never by another province or a sibling commune; found
 * by a monitor; the recordType and state filters; a rewritten text found by its new words and not its old ones;
 * the citizen's question of a registration never indexed; `danvan search reindex` rebuilds them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestEnv, type TestEnv } from '../../testing/harness.ts';
import fs from 'node:fs';
import path from 'node:path';
import { migrationsFolder, queryRows } from '../../db/client.ts';
import { reindexSearch } from './reindex.ts';

interface Hit { recordType: string; id: string; caseId: string | null; caseCode: string | null; code: string | null; kind: string; state: string | null; names: string | null; snippet: string; highlights: [number, number][] }

let env: TestEnv;
let dialogueId = '';
let dialogueCode = '';
let commitmentId = '';
let commitmentCode = '';
let consultationId = '';
let secretId = '';

const post = async (user: string, url: string, body: unknown) => {
  const res = await env.api('POST', url, { token: await env.login(user), body });
  expect(res.statusCode, res.body).toBeLessThan(300);
  return res.json() as Record<string, unknown>;
};
async function search(user: string, q: string, extra = '') {
  const res = await env.api('GET', `/api/v1/search?q=${encodeURIComponent(q)}${extra}`, { token: await env.login(user) });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { total: number; capped: boolean; hits: Hit[] };
}
const ids = (r: { hits: Hit[] }) => r.hits.map((h) => h.id);

beforeAll(async () => {
  env = await createTestEnv({ now: '2026-10-07T02:00:00Z' }); // 09:00 Wednesday 07/10/2026 in Hà Nội
  await env.addUser('bd.handler', 'handler', '00004'); // Phường Ba Đình: the organiser
  await env.addUser('bd.head', 'head', '00004');
  await env.addUser('gv.handler', 'handler', '00025'); // Phường Giảng Võ: owner of the commitment, not of the dialogue
  await env.addUser('nh.handler', 'handler', '00008'); // Phường Ngọc Hà: a sibling with nothing to see
  await env.addUser('hn.monitor', 'monitor', '01'); // Hà Nội: a monitor of the city
  await env.addUser('hcm.xuly', 'handler', '79'); // another province
  const d = (await post('bd.handler', '/api/v1/dialogues', {
    agency: '00004',
    kind: 'commune-yearly',
    title: 'Đối thoại về chỉnh trang vỉa hè phố Đội Cấn',
    plannedOn: '2026-10-20',
    location: 'Nhà văn hóa tổ dân phố số 3',
    content: 'Sửa chữa cống ngầm và hè phố',
  })).dialogue as { id: string; code: string };
  dialogueId = d.id;
  dialogueCode = d.code;
  const c = (await post('bd.handler', '/api/v1/consultations', {
    agency: '00004',
    title: 'Dự thảo quy chế thực hiện dân chủ ở phường Ba Đình',
    kind: 'commune',
    subject: 'quy-che-dan-chu',
    audience: 'Nhân dân phường Ba Đình',
    summary: 'Công khai thu chi quỹ khuyến học',
    opensOn: '2026-10-10',
    closesOn: '2026-11-30',
  })) as { id: string };
  consultationId = c.id;
  const s = (await post('bd.handler', '/api/v1/consultations', { agency: '00004', title: 'Dự thảo phương án phòng thủ khu vực', kind: 'commune', subject: 'khac', audience: 'Nội bộ', stateSecret: true, closesOn: '2026-11-30' })) as { id: string };
  secretId = s.id;
}, 120_000);
afterAll(async () => env?.close());

describe('dialogues in the search box', () => {
  it('found without diacritics by the organiser and a monitor of the city, with its code; not by a sibling commune or another province', async () => {
    const r = await search('bd.handler', 'via he doi can');
    expect(r.total).toBe(1);
    expect(r.hits[0]).toMatchObject({ recordType: 'dialogue', id: dialogueId, code: dialogueCode, caseId: null, caseCode: null, kind: 'commune-yearly', state: 'planned', names: null });
    expect(r.hits[0]!.highlights.length).toBeGreaterThan(0);
    expect(ids(await search('hn.monitor', 'DT-00004'))).toContain(dialogueId);
    expect(await search('nh.handler', 'via he doi can')).toMatchObject({ total: 0, hits: [] });
    expect(await search('hcm.xuly', 'via he doi can')).toMatchObject({ total: 0, hits: [] });
  });

  it('recordType: dialogue finds it, case does not', async () => {
    expect(ids(await search('bd.handler', 'via he', '&recordType=dialogue'))).toEqual([dialogueId]);
    expect((await search('bd.handler', 'via he', '&recordType=case')).total).toBe(0);
    expect((await search('bd.handler', 'via he', '&recordType=consultation')).total).toBe(0);
  });

  it("the notice's new text is found by its new words and no longer by the old ones; a citizen's question is never indexed", async () => {
    expect((await search('bd.handler', 'cong ngam')).total).toBe(1);
    await post('bd.handler', `/api/v1/dialogues/${dialogueId}/notice`, { howToAttend: 'Trực tiếp tại nhà văn hóa', content: 'Lát đá granite vỉa hè, trồng cây xanh' });
    expect(ids(await search('bd.handler', 'lat da granite'))).toEqual([dialogueId]);
    expect((await search('bd.handler', 'cong ngam')).total).toBe(0);
    const reg = await env.api('POST', `/api/v1/public/dialogues/${dialogueId}/registrations`, { body: { question: 'Đề nghị sửa đèn đường ngõ Xyzzyquốc', name: 'Lê Văn Cờlê', phone: '0987654321' } });
    expect(reg.statusCode, reg.body).toBe(201);
    expect((await search('bd.handler', 'xyzzyquoc')).total).toBe(0);
    expect((await search('bd.handler', 'Cờlê')).total).toBe(0);
    expect((await search('bd.handler', 'Đội Cấn', '&state=noticed')).hits.map((h) => h.state)).toEqual(['noticed']);
  });
});

describe('commitments in the search box', () => {
  it('made at the conclusion: found by the organiser, its owner agency (a sibling ward), a monitor; not by another commune or province', async () => {
    env.setNow('2026-10-20T10:00:00Z');
    await post('bd.handler', `/api/v1/dialogues/${dialogueId}/sessions`, { heldOn: '2026-10-20', attendance: 60 });
    const res = (await post('bd.head', `/api/v1/dialogues/${dialogueId}/conclusion`, {
      summary: 'Kết luận: ưu tiên vỉa hè phố Đội Cấn',
      issues: [
        { content: 'Trồng cây xanh ngõ Núi Trúc', outcome: 'assigned', agency: '00025', dueOn: '2026-12-30' },
        { content: 'Xác minh nơi cư trú cũ của hộ chuyển đến từ Thành phố Hồ Chí Minh', outcome: 'assigned', agency: '79', dueOn: '2026-12-30' },
      ],
    })) as { dialogue: { commitments: { id: string; code: string }[] } };
    commitmentId = res.dialogue.commitments[0]!.id;
    commitmentCode = res.dialogue.commitments[0]!.code;
    const own = await search('bd.handler', 'cay xanh nui truc');
    expect(own.hits.find((h) => h.id === commitmentId)).toMatchObject({ recordType: 'commitment', code: commitmentCode, state: 'open', kind: 'commitment', caseId: null, names: null });
    // the owner ward sees the commitment (mayViewCommitment), not the organiser's dialogue
    const owner = await search('gv.handler', 'nui truc');
    expect(ids(owner)).toEqual([commitmentId]);
    expect((await search('gv.handler', 'via he doi can')).total).toBe(0);
    expect(ids(await search('hn.monitor', 'nui truc'))).toEqual([commitmentId]);
    expect(await search('nh.handler', 'nui truc')).toMatchObject({ total: 0, hits: [] });
    expect(await search('hcm.xuly', 'nui truc')).toMatchObject({ total: 0, hits: [] });
    // an owner agency in another province: its staff find that commitment (their grants' words and the organiser's
    // province), and nothing else of Hà Nội
    const far = res.dialogue.commitments[1]!.id;
    expect(ids(await search('hcm.xuly', 'xac minh noi cu tru'))).toEqual([far]);
    expect((await search('hcm.xuly', 'doi can')).total).toBe(0);
    expect((await search('nh.handler', 'xac minh noi cu tru')).total).toBe(0);
    // the conclusion summary is the dialogue's text now
    expect(ids(await search('bd.handler', 'uu tien', '&recordType=dialogue'))).toEqual([dialogueId]);
  });

  it("the owner's closing note is found; the state filter matches the commitment's status", async () => {
    env.setNow('2026-11-10T03:00:00Z');
    await post('gv.handler', `/api/v1/commitments/${commitmentId}/updates`, { status: 'done', closingNote: 'Đã trồng mười hai cây sấu' });
    const r = await search('gv.handler', 'cay sau', '&recordType=commitment');
    expect(r.hits).toMatchObject([{ id: commitmentId, state: 'done' }]);
    expect(ids(await search('bd.handler', commitmentCode))).toContain(commitmentId);
    expect(ids(await search('bd.handler', 'nui truc', '&state=done'))).toEqual([commitmentId]);
    expect((await search('bd.handler', 'nui truc', '&state=open')).total).toBe(0);
  });
});

describe('consultations in the search box', () => {
  it('found by title, subject, audience and summary without diacritics within scope; a monitor too; not another province', async () => {
    const r = await search('bd.handler', 'quy khuyen hoc');
    expect(r.hits).toMatchObject([{ recordType: 'consultation', id: consultationId, code: null, kind: 'commune', state: 'draft', names: null }]);
    expect(ids(await search('bd.handler', 'thuc hien dan chu', '&recordType=consultation'))).toContain(consultationId);
    expect(ids(await search('hn.monitor', 'khuyen hoc'))).toEqual([consultationId]);
    expect(await search('hcm.xuly', 'khuyen hoc')).toMatchObject({ total: 0, hits: [] });
    expect(await search('nh.handler', 'khuyen hoc')).toMatchObject({ total: 0, hits: [] });
  });

  it('a state-secret draft: found by exactly the users whose consultation list shows it', async () => {
    for (const user of ['bd.handler', 'hn.monitor', 'nh.handler', 'hcm.xuly']) {
      const list = await env.api('GET', '/api/v1/consultations', { token: await env.login(user) });
      const listed = (list.json() as { items: { id: string }[] }).items.some((i) => i.id === secretId);
      expect(ids(await search(user, 'phuong an phong thu')).includes(secretId), user).toBe(listed);
    }
    expect(ids(await search('bd.handler', 'phong thu'))).toEqual([secretId]);
  });

  it('publishing rewrites the day (opens on)', async () => {
    const [row] = await queryRows<{ day: string }>(env.ctx.db, sql`select day::text as day from search_docs where id = ${consultationId}`);
    expect(row!.day).toBe('2026-10-10');
  });
});

describe('the documents and their rebuild', () => {
  it('one document each, without names; reindex rebuilds them after they are lost', async () => {
    const docs = async () =>
      queryRows<{ id: string; record_type: string; names: string | null; folded: string }>(
        env.ctx.db,
        sql`select id, record_type, names, folded from search_docs where record_type in ('dialogue', 'commitment', 'consultation') order by id`,
      );
    const before = await docs();
    expect(before.map((d) => d.record_type).sort()).toEqual(['commitment', 'commitment', 'consultation', 'consultation', 'dialogue']);
    expect(before.every((d) => d.names === null)).toBe(true);
    expect(JSON.stringify(before)).not.toMatch(/xyzzy|cole/);
    await env.ctx.db.execute(sql`delete from search_docs where record_type in ('dialogue', 'commitment', 'consultation')`);
    expect((await search('bd.handler', 'nui truc')).total).toBe(0);
    const r = await reindexSearch(env.database.db);
    expect(r).toMatchObject({ dialogues: 1, commitments: 2, consultations: 2 });
    expect(await docs()).toEqual(before);
    expect(ids(await search('gv.handler', 'nui truc'))).toEqual([commitmentId]);
  });

  it("migration 0009's backfill (SQL danvan_fold) writes the same documents as the use cases (foldForSearch)", async () => {
    const all = () => queryRows(env.ctx.db, sql`select * from search_docs where record_type in ('dialogue', 'commitment', 'consultation') order by id`);
    const before = await all();
    expect(before).toHaveLength(5);
    await env.ctx.db.execute(sql`delete from search_docs where record_type in ('dialogue', 'commitment', 'consultation')`);
    const file = fs.readFileSync(path.join(migrationsFolder, '0009_search_more.sql'), 'utf8');
    for (const statement of file.split('--> statement-breakpoint')) await env.ctx.db.execute(sql.raw(statement));
    expect(await all()).toEqual(before);
    // and it leaves existing documents alone (an install whose use cases already wrote them)
    for (const statement of file.split('--> statement-breakpoint')) await env.ctx.db.execute(sql.raw(statement));
    expect(await all()).toEqual(before);
  });
});
