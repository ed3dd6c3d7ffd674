/**
 * Seal-key rotation on both databases: records made through the API under key k1 (a denunciation's sealed identity,
 * a portal petition with its contact, stored idempotent response, attachment and outbox messages); the app switches
 * to [k2, k1]; `danvan keys reseal` (its command function) re-seals every box with k2 in audited batches; the
 * plaintext is the same everywhere; a second run does nothing; then k2 alone opens everything through the API.
 * `keys status` reports boxes under a key that is not configured (exit 1); on PostgreSQL, a box held by a live
 * transaction is passed over and left for a re-run.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getTableColumns, getTableName, is, sql } from 'drizzle-orm';
import { PgTable } from 'drizzle-orm/pg-core';
import { createTestEnv, type TestEnv } from '../../testing/harness.ts';
import { queryRows } from '../../db/client.ts';
import * as schema from '../../db/schema.ts';
import { notificationOutbox } from '../../db/schema.ts';
import { SEALED_STORES, type SealedStore } from '../../security/sealed-columns.ts';
import { createSealer, type SealedBox, type Sealer } from '../../security/sealer.ts';
import { verifyAudit } from '../../modules/audit/verify-audit.ts';
import { runOutboxOnce } from '../../modules/notifications/run-outbox.ts';
import type { MailMessage, NotifyLog } from '../../modules/notifications/transports.ts';
import { PNG } from '../../modules/portal/test-fixtures.ts';
import { keysResealCommand, keysStatusCommand, type Io } from './cli.ts';
import type { KeyStatus, ResealResult } from './reseal.ts';
import { importRows, villageRows } from '../../modules/grassroots/test-fixtures.ts';
import { currentKey } from '../../modules/federation/keys.ts';

const k0 = { id: 'k0', key: randomBytes(32) };
const k1 = { id: 'k1', key: randomBytes(32) };
const k2 = { id: 'k2', key: randomBytes(32) };
const NAME = 'Phạm Văn Kínđáo';
const ID = '079190066613';
const EMAIL = 'kin.pham@example.com';
const PHONE = '0987 111 222';
const SECRETS = [NAME, 'Kínđáo', ID, EMAIL, '987111222'];
const IDEMPOTENCY_KEY = 'reseal-test-0001';

let env: TestEnv;
let caseId = '';
let receipt: { trackingCode: string; secret: string; caseCode: string };
const portalBody = {
  consent: true,
  agency: '00004',
  kind: 'complaint',
  content: 'Khiếu nại việc thu hồi đất ngõ 5 Đội Cấn không bồi thường đúng diện tích.',
  petitioner: { name: 'Lê Thị Liênhệ', address: 'Ngõ 5 Đội Cấn, Phường Ba Đình', email: EMAIL, phone: PHONE },
  attachments: [{ fileName: 'ảnh.png', dataBase64: PNG.toString('base64') }],
};

const submitPortal = () =>
  env.app.inject({ method: 'POST', url: '/api/v1/public/petitions', remoteAddress: '10.7.0.1', headers: { 'idempotency-key': IDEMPOTENCY_KEY }, payload: portalBody });

function capture(): { io: Io; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (l) => out.push(l), err: (l) => err.push(l) }, out, err };
}

/** Every box of every listed store, keyed "store/primary key". */
async function boxes(): Promise<Map<string, SealedBox>> {
  const all = new Map<string, SealedBox>();
  for (const s of SEALED_STORES) {
    const t = sql.identifier(getTableName(s.table));
    const k = sql.identifier(s.key.name);
    const rows =
      s.layout.kind === 'json'
        ? await queryRows<{ k: string; box: SealedBox }>(env.database.db, sql`select ${k}::text as k, ${sql.identifier(s.layout.column.name)} as box from ${t} where ${sql.identifier(s.layout.column.name)} is not null`)
        : await queryRows<{ k: string; box: SealedBox }>(env.database.db, sql`select ${k}::text as k, json_build_object('keyId', key_id, 'iv', iv, 'ciphertext', ciphertext, 'authTag', auth_tag) as box from ${t}`);
    for (const r of rows) all.set(`${s.name}/${r.k}`, r.box);
  }
  return all;
}

async function plaintexts(sealer: Sealer): Promise<Map<string, string>> {
  return new Map([...(await boxes())].map(([k, b]) => [k, sealer.open(b)]));
}

const keyIdsOf = async () => [...new Set([...(await boxes()).values()].map((b) => b.keyId))].sort();

async function auditRows() {
  return queryRows<{ entity_id: string; summary: string; after: Record<string, unknown>; actor_name: string }>(
    env.database.db,
    sql`select entity_id, summary, after, actor_name from audit_log where action = 'keys.reseal.batch' order by id`,
  );
}

async function status(sealer: Sealer): Promise<{ code: number; s: KeyStatus; err: string[] }> {
  const c = capture();
  const code = await keysStatusCommand(env.database.db, sealer, { json: true }, c.io);
  return { code, s: JSON.parse(c.out.join('\n')) as KeyStatus, err: c.err };
}

async function outboxRow(sealer: Sealer, dedupeKey: string) {
  await env.database.db.insert(notificationOutbox).values({
    channel: 'email',
    kind: 'receipt',
    dedupeKey,
    recipientHint: 't•••@example.com',
    payload: sealer.seal(JSON.stringify({ to: 'thu@example.com', subject: 'Thử', text: `Nội dung ${dedupeKey}` })),
    nextAttemptAt: new Date('2030-01-01T00:00:00Z'),
  });
}

let before = new Map<string, string>();
let boxesBefore = new Map<string, SealedBox>();

beforeAll(async () => {
  env = await createTestEnv();
  env.ctx.sealer = createSealer([k1]);
  await env.addUser('letan', 'receptionist', '00004');
  await env.addUser('lanhdao', 'head', '00004');
  const visit = await env.api('POST', '/api/v1/visits', {
    token: await env.login('letan'),
    body: { agency: '00004', citizen: { name: NAME, idNumber: ID, address: 'Số 9 Kim Mã', phone: '0938 555 666' }, content: 'Tố cáo cán bộ thu tiền trái phép khi cấp giấy phép xây dựng', type: 'denunciation' },
  });
  expect(visit.statusCode, visit.body).toBe(201);
  caseId = (visit.json() as { case: { id: string } }).case.id;
  const res = await submitPortal();
  expect(res.statusCode, res.body).toBe(201);
  receipt = res.json() as typeof receipt;
  // A household register (grassroots, issue 17): each representative is sealed.
  const households = await importRows(env, await env.login('lanhdao'), '00004', villageRows('T01', 'Tổ dân phố 1', 3, 1));
  expect(households.statusCode, households.body).toBe(201);
  // A «Dân vận khéo» model's photo: the original's key and the public copy's key (good-models).
  await env.addUser('tinh.lanhdao', 'head', '01');
  const campaign = await env.api('POST', '/api/v1/model-campaigns', { token: await env.login('tinh.lanhdao'), body: { agency: '01', title: 'Dân vận khéo 2026', periodKind: 'year', fromYear: 2026 } });
  const campaignId = (campaign.json() as { campaign: { id: string } }).campaign.id;
  const model = await env.api('POST', '/api/v1/models', { token: await env.login('lanhdao'), body: { campaignId, agency: '00004', kind: 'model', field: 'kinh-te', title: 'Mô hình thử', story: 'Câu chuyện' } });
  const photo = await env.api('POST', `/api/v1/models/${(model.json() as { model: { id: string } }).model.id}/evidence`, { token: await env.login('lanhdao'), body: { title: 'Ảnh', file: { fileName: 'anh.png', dataBase64: PNG.toString('base64') } } });
  expect(photo.json(), photo.body).toMatchObject({ evidence: { hasPublicCopy: true } });
  // A consultation opinion entered by an officer on a citizen's behalf: the citizen's details are sealed.
  const head = await env.login('lanhdao');
  const c = await env.api('POST', '/api/v1/consultations', { token: head, body: { agency: '00004', title: 'Dự thảo quy chế', kind: 'commune', subject: 'quy-che-dan-chu', audience: 'Nhân dân phường', closesOn: '2026-08-31' } });
  const cid = (c.json() as { id: string }).id;
  expect((await env.api('POST', `/api/v1/consultations/${cid}/drafts`, { token: head, body: { format: 'text', text: 'Điều 1. Phạm vi\n1. Quy chế này áp dụng trên địa bàn phường.' } })).statusCode).toBe(201);
  expect((await env.api('POST', `/api/v1/consultations/${cid}/publish`, { token: head, body: {} })).statusCode).toBe(200);
  const assisted = await env.api('POST', `/api/v1/consultations/${cid}/assisted-opinions`, {
    token: await env.login('letan'),
    body: { respondent: { name: NAME, idNumber: ID, category: 'citizen' }, opinions: [{ section: 'Điều 1', stance: 'approve' }] },
  });
  expect(assisted.statusCode, assisted.body).toBe(201);
  // A reception booking: its name and phone are sealed too (issue 13).
  const session = await env.api('POST', '/api/v1/reception-sessions', { token: await env.login('letan'), body: { agency: '00004', kind: 'regular', heldOn: '2026-07-20' } });
  expect(session.statusCode, session.body).toBe(201);
  const booking = await env.api('POST', '/api/v1/public/reception-bookings', {
    body: { sessionId: (session.json() as { session: { id: string } }).session.id, name: 'Trần Thị Đặt', phone: '0912 333 444', content: 'Hỏi về cấp phép xây dựng' },
  });
  expect(booking.statusCode, booking.body).toBe(201);
  // Dialogues (issue 14): a registration's sealed contact and a commitment's evidence file key.
  const dlg = await env.api('POST', '/api/v1/dialogues', { token: head, body: { agency: '00004', kind: 'pre-decision', title: 'Đối thoại trước quyết định', plannedOn: '2026-07-15' } });
  const dialogueId = (dlg.json() as { dialogue: { id: string } }).dialogue.id;
  expect((await env.api('POST', `/api/v1/dialogues/${dialogueId}/notice`, { token: head, body: { howToAttend: 'Trực tiếp', location: 'UBND phường' } })).statusCode).toBe(200);
  const reg = await env.api('POST', `/api/v1/public/dialogues/${dialogueId}/registrations`, { body: { question: 'Câu hỏi', name: NAME, email: EMAIL } });
  expect(reg.statusCode, reg.body).toBe(201);
  expect((await env.api('POST', `/api/v1/dialogues/${dialogueId}/sessions`, { token: head, body: { heldOn: '2026-07-15', attendance: 10 } })).statusCode).toBe(200);
  const attached = await env.api('POST', `/api/v1/dialogues/${dialogueId}/attachments`, { token: head, body: { files: [{ fileName: 'bien-ban.png', dataBase64: PNG.toString('base64') }] } });
  expect(attached.statusCode, attached.body).toBe(201);
  const concluded = await env.api('POST', `/api/v1/dialogues/${dialogueId}/conclusion`, { token: head, body: { summary: 'Kết luận', issues: [{ content: 'Vấn đề', outcome: 'assigned', agency: '00004', dueOn: '2026-08-15' }] } });
  const commitmentId = (concluded.json() as { dialogue: { commitments: { id: string }[] } }).dialogue.commitments[0]!.id;
  const upd = await env.api('POST', `/api/v1/commitments/${commitmentId}/updates`, { token: head, body: { progress: 10, note: 'Ảnh hiện trạng', evidence: [{ fileName: 'anh.png', dataBase64: PNG.toString('base64') }] } });
  expect(upd.statusCode, upd.body).toBe(200);
  // Liên thông (issue 16): this instance's own private keys, sealed.
  await currentKey(env.database.db, env.ctx.sealer, new Date());
  before = await plaintexts(env.ctx.sealer);
  boxesBefore = await boxes();
});
afterAll(async () => env?.close());

describe('seal-key rotation', () => {
  it('under k1, every listed store holds boxes, and no other column of the database holds one', async () => {
    const stores = new Set([...boxesBefore.keys()].map((k) => k.split('/')[0]));
    expect([...stores].sort()).toEqual(SEALED_STORES.map((s) => s.name).sort());
    expect(await keyIdsOf()).toEqual(['k1']);
    // The data net beside the schema test: search every column outside the list for a box's fields.
    const listed = new Set(
      SEALED_STORES.flatMap((s: SealedStore) =>
        (s.layout.kind === 'json' ? [s.layout.column] : [s.layout.keyId, s.layout.iv, s.layout.ciphertext, s.layout.authTag]).map((c) => `${getTableName(s.table)}.${c.name}`),
      ),
    );
    const found: string[] = [];
    for (const t of Object.values(schema as Record<string, unknown>).filter((v): v is PgTable => is(v, PgTable))) {
      for (const c of Object.values(getTableColumns(t))) {
        const name = `${getTableName(t)}.${c.name}`;
        if (listed.has(name)) continue;
        const [r] = await queryRows<{ n: number }>(
          env.database.db,
          sql`select count(*)::int as n from ${sql.identifier(getTableName(t))} where ${sql.identifier(c.name)}::text like '%"authTag"%'`,
        );
        if (Number(r?.n)) found.push(name);
      }
    }
    expect(found).toEqual([]);
  });

  it('status with [k2, k1]: the k1 boxes of each store are old, to be re-sealed; exit 0', async () => {
    env.ctx.sealer = createSealer([k2, k1]);
    const { code, s } = await status(env.ctx.sealer);
    expect(code).toBe(0);
    expect(s).toMatchObject({ currentKeyId: 'k2', keyIds: ['k2', 'k1'], toReseal: boxesBefore.size, unopenable: 0, unknownKeyIds: [] });
    for (const st of s.stores) expect(st.byKey, st.store).toEqual([{ keyId: 'k1', boxes: st.boxes, state: 'old' }]);
    const text = capture();
    expect(await keysStatusCommand(env.database.db, env.ctx.sealer, {}, text.io)).toBe(0);
    expect(text.out[0]).toBe('Khóa hiện hành: k2 · các khóa đã cấu hình: k2, k1');
    expect(text.out.filter((l) => /^ {2}k1: \d+ hộp \(khóa cũ, cần niêm phong lại: danvan keys reseal\)$/.test(l)).length).toBe(s.stores.filter((st) => st.boxes > 0).length);
    expect(text.out.at(-1)).toBe(`Cần niêm phong lại bằng khóa k2: ${boxesBefore.size} hộp (danvan keys reseal).`);
  });

  it('--dry-run opens every old box and writes nothing', async () => {
    const c = capture();
    expect(await keysResealCommand(env.database.db, env.ctx.sealer, { dryRun: true, batch: 2 }, c.io)).toBe(0);
    expect(c.out.at(-1)).toBe(`Chạy thử: ${boxesBefore.size} hộp sẽ được niêm phong lại bằng khóa k2; đã mở thử được tất cả; không ghi gì.`);
    expect(await boxes()).toEqual(boxesBefore);
    expect(await auditRows()).toEqual([]);
  });

  it('reseal: every box under k2, the same plaintext, one audit row per batch with counts only, the chain verifies', async () => {
    const c = capture();
    const seen: [number, number][] = [];
    const code = await keysResealCommand(env.database.db, env.ctx.sealer, { json: true, batch: 2, progress: { update: (d, t) => seen.push([d, t]), done: () => seen.push([-1, -1]) } }, c.io);
    expect(code, c.err.join('\n')).toBe(0);
    const r = JSON.parse(c.out.join('\n')) as ResealResult;
    const perStore = new Map<string, number>();
    for (const k of boxesBefore.keys()) perStore.set(k.split('/')[0]!, (perStore.get(k.split('/')[0]!) ?? 0) + 1);
    const expectedBatches = [...perStore.values()].reduce((a, n) => a + Math.ceil(n / 2), 0);
    expect(r).toMatchObject({ currentKeyId: 'k2', dryRun: false, boxes: boxesBefore.size, batches: expectedBatches, left: 0, unopenable: 0 });
    for (const s of r.stores) expect(s, s.store).toMatchObject({ boxes: perStore.get(s.store), fromKeyIds: { k1: perStore.get(s.store) } });
    expect(seen.at(-2)).toEqual([boxesBefore.size, boxesBefore.size]);
    expect(seen.at(-1)).toEqual([-1, -1]);

    expect(await keyIdsOf()).toEqual(['k2']);
    const after = await boxes();
    for (const [k, b] of after) expect(b.ciphertext, k).not.toBe(boxesBefore.get(k)!.ciphertext);
    expect(await plaintexts(createSealer([k2]))).toEqual(before);

    const audit = await auditRows();
    expect(audit).toHaveLength(expectedBatches);
    for (const a of audit) {
      expect(Object.keys(a.after).sort()).toEqual(['boxes', 'fromKeyIds', 'store', 'toKeyId']);
      expect(a.after.toKeyId).toBe('k2');
      expect(a.actor_name).toMatch(/^danvan keys reseal/);
    }
    expect(audit.reduce((n, a) => n + Number(a.after.boxes), 0)).toBe(boxesBefore.size);
    expect(audit[0]!.summary).toMatch(/^Niêm phong lại \d hộp của sealed_identities bằng khóa k2 \(từ k1: \d\)$/);
    const trail = JSON.stringify(audit) + c.out.join('\n') + c.err.join('\n');
    for (const secret of [...SECRETS, ...before.values()]) expect(trail).not.toContain(secret);
    expect(await verifyAudit(env.database.db)).toMatchObject({ ok: true });
  });

  it('a second run does nothing: no box rewritten, no audit row', async () => {
    const snapshot = await boxes();
    const rows = (await auditRows()).length;
    const c = capture();
    expect(await keysResealCommand(env.database.db, env.ctx.sealer, {}, c.io)).toBe(0);
    expect(c.out).toEqual(['Không có hộp nào cần niêm phong lại: mọi hộp mở được đều đã dùng khóa k2.']);
    expect(await boxes()).toEqual(snapshot);
    expect(await auditRows()).toHaveLength(rows);
  });

  it('with k2 alone, the app opens everything: the denouncer, the attachment, the idempotent replay, the outbox', async () => {
    env.ctx.sealer = createSealer([k2]);
    expect((await status(env.ctx.sealer)).s).toMatchObject({ toReseal: 0, unopenable: 0 });
    const reveal = await env.api('POST', `/api/v1/cases/${caseId}/denouncer/reveal`, { token: await env.login('lanhdao'), body: { reason: 'Kiểm tra sau khi đổi khóa niêm phong' } });
    expect(reveal.statusCode, reveal.body).toBe(200);
    expect((reveal.json() as { denouncers: { name: string; idNumber: string }[] }).denouncers[0]).toMatchObject({ name: NAME, idNumber: ID });

    const portalCase = await queryRows<{ id: string }>(env.database.db, sql`select id from cases where code = ${receipt.caseCode}`);
    const list = await env.api('GET', `/api/v1/cases/${portalCase[0]!.id}/attachments`, { token: await env.login('lanhdao') });
    const items = (list.json() as { items: { id: string }[] }).items;
    expect(items).toHaveLength(1);
    const file = await env.api('GET', `/api/v1/attachments/${items[0]!.id}`, { token: await env.login('lanhdao') });
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.equals(PNG)).toBe(true);

    const replay = await submitPortal();
    expect(replay.statusCode, replay.body).toBe(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.json()).toEqual(receipt);

    const mail: MailMessage[] = [];
    const sms: { to: string; text: string }[] = [];
    const quiet: NotifyLog = { info: () => undefined, warn: () => undefined, error: () => undefined };
    const sent = await runOutboxOnce(env.ctx, {
      mailer: { name: 'test', send: async (m) => void mail.push(m) },
      sms: { name: 'test', send: async (to, text) => void sms.push({ to, text }) },
      log: quiet,
      publicUrl: 'https://congdan.example.vn',
    });
    expect(sent).toMatchObject({ failed: 0, retried: 0 });
    expect(sent.sent).toBeGreaterThanOrEqual(2);
    expect(mail.map((m) => m.to)).toContain(EMAIL);
    expect(mail.find((m) => m.to === EMAIL)!.text).toContain(receipt.trackingCode);
    expect(sms.map((m) => m.to)).toContain('+84987111222');
  });

  it.runIf(process.env.DANVAN_TEST_DB === 'postgres')('PostgreSQL: a box held by a live transaction is passed over and reported; a re-run finishes it', async () => {
    env.ctx.sealer = createSealer([k1]);
    for (const d of ['held-1', 'held-2', 'held-3']) await outboxRow(env.ctx.sealer, d);
    env.ctx.sealer = createSealer([k2, k1]);
    const first = capture();
    await env.database.db.transaction(async (tx) => {
      await tx.execute(sql`select id from notification_outbox where dedupe_key = 'held-2' for update`);
      expect(await keysResealCommand(env.database.db, env.ctx.sealer, { batch: 1 }, first.io)).toBe(1);
    });
    expect(first.out[0]).toBe('notification_outbox.payload: 2 hộp đã niêm phong lại bằng khóa k2 (từ k1: 2), 2 lô');
    expect(first.err).toEqual(['Còn 1 hộp dùng khóa cũ (đang bị một giao dịch khác giữ, hoặc vừa được ghi): chạy lại lệnh này.']);
    const again = capture();
    expect(await keysResealCommand(env.database.db, env.ctx.sealer, {}, again.io)).toBe(0);
    expect(again.out[0]).toBe('notification_outbox.payload: 1 hộp đã niêm phong lại bằng khóa k2 (từ k1: 1), 1 lô');
    expect(await keyIdsOf()).toEqual(['k2']);
    expect(await verifyAudit(env.database.db)).toMatchObject({ ok: true });
  });

  it('a box under a key that is not configured: status says it cannot be opened (exit 1); reseal leaves it and exits 1', async () => {
    await outboxRow(createSealer([k0]), 'under-k0');
    env.ctx.sealer = createSealer([k2]);
    const { code, s, err } = await status(env.ctx.sealer);
    expect(code).toBe(1);
    expect(s).toMatchObject({ unopenable: 1, unknownKeyIds: ['k0'], toReseal: 0 });
    expect(s.stores.find((x) => x.store === 'notification_outbox.payload')!.byKey).toContainEqual({ keyId: 'k0', boxes: 1, state: 'unknown' });
    expect(err[0]).toContain('1 hộp niêm phong bằng khóa không có trong danh sách (k0): không mở được');
    const text = capture();
    expect(await keysStatusCommand(env.database.db, env.ctx.sealer, {}, text.io)).toBe(1);
    expect(text.out).toContain('  k0: 1 hộp (KHÔNG CÓ TRONG DANH SÁCH KHÓA: không mở được)');

    const rows = (await auditRows()).length;
    const c = capture();
    expect(await keysResealCommand(env.database.db, createSealer([k2, k1]), {}, c.io)).toBe(1);
    expect(c.err[0]).toContain('(k0): không mở được');
    expect(await keyIdsOf()).toEqual(['k0', 'k2']);
    expect(await auditRows()).toHaveLength(rows);
    await env.database.db.delete(notificationOutbox).where(sql`dedupe_key = 'under-k0'`);
  });

  it('a wrong key under a configured id: the batch is not written, the command says which box, exit 1', async () => {
    await outboxRow(createSealer([k1]), 'real-k1');
    const rows = (await auditRows()).length;
    const snapshot = await boxes();
    const c = capture();
    const wrong = createSealer([k2, { id: 'k1', key: randomBytes(32) }]);
    expect(await keysResealCommand(env.database.db, wrong, {}, c.io)).toBe(1);
    expect(c.err[0]).toMatch(/^Lỗi: Không mở được hộp niêm phong notification_outbox\.payload \(id = [0-9a-f-]{36}\) bằng khóa «k1»/);
    expect(await boxes()).toEqual(snapshot);
    expect(await auditRows()).toHaveLength(rows);
    // With the right k1 it goes through.
    expect(await keysResealCommand(env.database.db, createSealer([k2, k1]), {}, capture().io)).toBe(0);
    expect(await keyIdsOf()).toEqual(['k2']);
  });
});
