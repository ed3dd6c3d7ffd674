/**
 * Liên thông across real processes (issue 16, "Must show"): three `danvan serve` — the nation (vn), Hà Nội (hn, serves
 * 01) and TP Hồ Chí Minh (hcm, serves 79) — each on its own database, plus a fourth server (single) on which the same
 * business happens in one database, for the roll-up comparison. The four databases live on ONE throwaway PostgreSQL
 * 15 cluster (four clusters cost ~4× the start-up on a 2-core machine for no extra isolation the test needs: each
 * server sees only its own database). Skipped, with a message, when the PostgreSQL binaries are missing; runs in the
 * PGlite step of `npm test` only (it brings its own cluster, so the PostgreSQL step need not run it twice).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as jose from 'jose';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isoDateInVietnam } from '@danvan/domain/text';
import { openDatabase } from '../src/db/client.ts';
import { seedAgencies } from '../src/modules/agencies/seed-agencies.ts';
import { addUser } from '../src/modules/auth/add-user.ts';
import { freePort, startServeProcess } from '../src/testing/serve-process.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const PG_BIN = process.env.DANVAN_PG_BIN ?? '/usr/lib/postgresql/15/bin';
const havePg = existsSync(path.join(PG_BIN, 'initdb'));
const skip = !havePg || process.env.DANVAN_TEST_DB === 'postgres';
if (!havePg) console.warn(`federation.test.ts: skipped — PostgreSQL 15 binaries not found in ${PG_BIN} (apt-get install postgresql-15, or set DANVAN_PG_BIN)`);

const PASSWORD = 'Test@12345';
const DENOUNCER = 'Phùng Thị Bímật Liênthông';
const DENOUNCER_ID = '079190123987';
const tmp = mkdtempSync(path.join(tmpdir(), 'danvan-fed-'));

interface Cluster {
  url: string;
  stop: () => void;
}

interface Server {
  name: string;
  id: string | null;
  url: string;
  port: number;
  env: NodeJS.ProcessEnv;
  child: ChildProcess | null;
  stop?: (signal?: NodeJS.Signals) => Promise<void>;
  log: string;
  tokens: Map<string, string>;
}

let cluster: Cluster | null = null;
const servers: Record<'vn' | 'hn' | 'hcm' | 'single', Server> = {} as never;
let hcmCommune = '';

async function start(s: Server) {
  const p = await startServeProcess({ port: s.port, dataDir: path.join(tmp, s.name), env: s.env, name: s.name, onOutput: (c) => (s.log += c), pollMs: 300, readyTimeoutMs: 120_000 });
  s.child = p.child;
  s.stop = p.stop;
}

async function stop(s: Server, signal: NodeJS.Signals = 'SIGTERM') {
  if (!s.child) return;
  await s.stop?.(signal);
  s.child = null;
}

/** `danvan <args>` against a server's database and keys (what an operator runs beside the server). */
function cli(s: Server, args: string[], extraEnv: NodeJS.ProcessEnv = {}) {
  return spawnSync(process.execPath, ['bin/danvan.mjs', ...args, '--data-dir', path.join(tmp, s.name)], { cwd: ROOT, encoding: 'utf8', env: { ...s.env, ...extraEnv }, timeout: 120_000 });
}

function cliAsync(s: Server, args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['bin/danvan.mjs', ...args, '--data-dir', path.join(tmp, s.name)], { cwd: ROOT, env: s.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

async function login(s: Server, username: string): Promise<string> {
  const cached = s.tokens.get(username);
  if (cached) return cached;
  const r = await fetch(`${s.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: PASSWORD }) });
  if (r.status !== 200) throw new Error(`login ${username}@${s.name}: ${r.status} ${await r.text()}`);
  const token = ((await r.json()) as { token: string }).token;
  s.tokens.set(username, token);
  return token;
}

async function api<T = unknown>(s: Server, user: string | null, method: string, url: string, body?: unknown): Promise<{ status: number; body: T; text: string }> {
  const headers: Record<string, string> = {};
  if (user) headers.authorization = `Bearer ${await login(s, user)}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const r = await fetch(`${s.url}/api/v1${url}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await r.text();
  let parsed: unknown = null;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = text;
  }
  return { status: r.status, body: parsed as T, text };
}

async function sqlRows<T>(s: Server, query: string, params: unknown[] = []): Promise<T[]> {
  const c = new pg.Client({ connectionString: s.env.DATABASE_URL });
  await c.connect();
  try {
    return (await c.query(query, params)).rows as T[];
  } finally {
    await c.end();
  }
}

interface Pkg {
  id: string;
  type: string;
  status: string;
  remoteStatus: string | null;
  caseId: string | null;
  refersTo: string | null;
  ackedAt: string | null;
  createdAt: string;
  returnReason: string | null;
  attempts: number;
}

/** A citizen's visit at Phường Ba Đình opening a case; a handler forwards it to the HCM commune. */
async function visitAndForward(s: Server, kind: 'complaint' | 'denunciation', content: string, citizen = { name: 'Trần Văn Chuyển', idNumber: '001085055501', address: 'Số 1 Đội Cấn, Phường Ba Đình, Hà Nội' }) {
  const v = await api<{ case: { id: string } }>(s, 'hn.letan', 'POST', '/visits', { agency: '00004', citizen, content, type: kind });
  expect(v.status, v.text).toBe(201);
  const f = await api<{ case: { state: string }; createdCase: { id: string } | null }>(s, 'hn.xuly', 'POST', `/cases/${v.body.case.id}/transitions`, { action: 'forward', targetAgency: hcmCommune });
  expect(f.status, f.text).toBe(200);
  expect(f.body.case.state).toBe('forwarded');
  return { caseId: v.body.case.id, createdCaseId: f.body.createdCase?.id ?? null };
}

const outgoing = async (s: Server, user = 'admin') => (await api<Pkg[]>(s, user, 'GET', '/federation/packages/outgoing?limit=500')).body;
const incoming = async (s: Server, user = 'admin') => (await api<Pkg[]>(s, user, 'GET', '/federation/packages/incoming?limit=500')).body;
const deliver = async (s: Server) => (await api<{ delivered: number; returned: number; retrying: number }>(s, 'admin', 'POST', '/federation/deliver')).body;
async function bodyOf(s: Server, packageId: string): Promise<string> {
  const [r] = await sqlRows<{ body: string }>(s, "select body from federation_packages where direction = 'out' and id = $1", [packageId]);
  return r!.body;
}
const post = (s: Server, pkg: string) => fetch(`${s.url}/api/v1/federation/packages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ package: pkg }) });

beforeAll(async () => {
  if (skip) return;
  const clusterModule = '../../scripts/pg-cluster.mjs';
  const { startCluster } = (await import(clusterModule)) as { startCluster: () => Promise<Cluster> };
  cluster = await startCluster();
  const admin = new pg.Client({ connectionString: cluster.url });
  await admin.connect();
  const urlOf = (db: string) => {
    const u = new URL(cluster!.url);
    u.pathname = `/${db}`;
    return u.toString();
  };
  const spec = [
    ['vn', 'vn', 'VN'],
    ['hn', 'hn', '01'],
    ['hcm', 'hcm', '79'],
    ['single', null, 'VN'],
  ] as const;
  // One database migrated, seeded and given the accounts (no demo data: the roll-up compares exact figures), then
  // copied as a template for the four servers (a file copy instead of four migrations and seedings).
  await admin.query('create database fed_base');
  const base = await openDatabase({ databaseUrl: urlOf('fed_base') });
  try {
    await base.migrate();
    await seedAgencies(base.db);
    hcmCommune = await pgFirstCommune(urlOf('fed_base'));
    const now = new Date();
    await addUser(base.db, { username: 'admin', password: PASSWORD, role: 'admin', agencyCode: 'VN', displayName: 'Quản trị' }, now);
    await addUser(base.db, { username: 'hn.letan', password: PASSWORD, role: 'receptionist', agencyCode: '00004', displayName: 'Lễ tân Ba Đình' }, now);
    await addUser(base.db, { username: 'hn.xuly', password: PASSWORD, role: 'handler', agencyCode: '00004', displayName: 'Xử lý Ba Đình' }, now);
    await addUser(base.db, { username: 'hcm.lanhdao', password: PASSWORD, role: 'head', agencyCode: hcmCommune, displayName: 'Lãnh đạo xã HCM' }, now);
  } finally {
    await base.close();
  }
  for (const [name] of spec) await admin.query(`create database fed_${name} template fed_base`);
  await admin.end();
  await Promise.all(
    spec.map(async ([name, id, agencies]) => {
      const port = await freePort();
      const url = `http://127.0.0.1:${port}`;
      const env: NodeJS.ProcessEnv = {
        ...process.env,
        DANVAN_TEST_DB: undefined,
        DATABASE_URL: urlOf(`fed_${name}`),
        DANVAN_SEAL_KEYS: `k1:${randomBytes(32).toString('base64')}`,
        DANVAN_PERSON_KEY: randomBytes(32).toString('base64'),
        ...(id ? { DANVAN_INSTANCE_ID: id, DANVAN_INSTANCE_NAME: `DânVận ${name}`, DANVAN_INSTANCE_URL: url, DANVAN_INSTANCE_AGENCIES: agencies } : {}),
        DANVAN_FEDERATION_DELIVER_SECONDS: '0',
        DANVAN_SWEEP_MINUTES: '0',
        DANVAN_ANCHOR_HOURS: '0',
        DANVAN_NOTIFY_INTERVAL_MS: '0',
        DANVAN_COUNTER_FOLD_SECONDS: '1',
        LOG_LEVEL: 'info',
      };
      servers[name] = { name, id, url, port, env, child: null, log: '', tokens: new Map() };
    }),
  );
  await Promise.all(Object.values(servers).map(start));

  // The directory: the national administrator registers Hà Nội and HCM, exports; the provinces import.
  for (const s of [servers.hn, servers.hcm]) {
    const [self] = (await api<{ id: string; name: string; baseUrl: string; agencyCodes: string[]; keys: unknown[] }[]>(s, 'admin', 'GET', '/federation/instances')).body;
    const r = await api(servers.vn, 'admin', 'POST', '/federation/instances', { id: self!.id, name: self!.name, baseUrl: self!.baseUrl, agencyCodes: self!.agencyCodes, keys: self!.keys });
    expect(r.status, r.text).toBe(200);
  }
  const file = path.join(tmp, 'directory.json');
  const exported = cli(servers.vn, ['federation', 'export-directory', '--out', file]);
  expect(exported.status, exported.stderr).toBe(0);
  const imports = await Promise.all([servers.hn, servers.hcm].map((s) => cliAsync(s, ['federation', 'import-directory', file])));
  for (const r of imports) expect(r.status, r.stderr).toBe(0);
}, 600_000);

async function pgFirstCommune(url: string): Promise<string> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query("select code from agencies where path like 'VN/79/%' and level = 'commune' order by code limit 1")).rows[0].code as string;
  } finally {
    await c.end();
  }
}

afterAll(async () => {
  if (skip) return;
  await Promise.all(Object.values(servers).map((s) => stop(s).catch(() => undefined)));
  cluster?.stop();
  rmSync(tmp, { recursive: true, force: true });
});

describe.skipIf(skip)('liên thông between three DânVận instances (nation, Hà Nội, TP HCM) on PostgreSQL', () => {
  const today = isoDateInVietnam(new Date());
  let first: { caseId: string; packageId: string; remoteCaseId: string } = { caseId: '', packageId: '', remoteCaseId: '' };

  it('the directory lists every instance on every instance, with its keys', async () => {
    const list = (await api<{ id: string; self: boolean; keys: unknown[] }[]>(servers.hn, 'admin', 'GET', '/federation/instances')).body;
    expect(list.map((i) => i.id).sort()).toEqual(['hcm', 'hn', 'vn']);
    expect(list.find((i) => i.self)?.id).toBe('hn');
    // Only the national administrator registers; a body without keys is refused field by field.
    const bad = await api<{ details: { field: string }[] }>(servers.vn, 'admin', 'POST', '/federation/instances', { id: 'x', name: 'x', baseUrl: 'ftp://x', agencyCodes: ['48'], keys: [{ kid: 'a', sig: { kty: 'RSA' }, enc: {}, notBefore: '', notAfter: null }] });
    expect(bad.status).toBe(400);
    expect(bad.body.details.map((d) => d.field)).toEqual(expect.arrayContaining(['baseUrl', 'keys.0.sig']));
  });

  it('Hà Nội forwards a complaint to an HCM commune: one package, delivered once, acknowledged the same day; HCM accepts; Hà Nội sees it', async () => {
    const hn = await visitAndForward(servers.hn, 'complaint', 'Khiếu nại việc cấp giấy chứng nhận quyền sử dụng đất tại TP Hồ Chí Minh');
    await visitAndForward(servers.single, 'complaint', 'Khiếu nại việc cấp giấy chứng nhận quyền sử dụng đất tại TP Hồ Chí Minh').then(async (s) => {
      const a = await api(servers.single, 'hcm.lanhdao', 'POST', `/cases/${s.createdCaseId}/transitions`, { action: 'accept' });
      expect(a.status, a.text).toBe(200);
    });
    const out = await outgoing(servers.hn);
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ type: 'edoc', status: 'pending', caseId: hn.caseId });
    expect(await deliver(servers.hn)).toMatchObject({ delivered: 1, returned: 0 });
    const [sent] = await outgoing(servers.hn);
    expect(sent).toMatchObject({ status: 'delivered', remoteStatus: 'received' });
    expect(isoDateInVietnam(new Date(sent!.ackedAt!))).toBe(isoDateInVietnam(new Date(sent!.createdAt)));
    const inc = await incoming(servers.hcm);
    expect(inc).toHaveLength(1);
    expect(inc[0]).toMatchObject({ id: sent!.id, status: 'accepted' });
    first = { caseId: hn.caseId, packageId: sent!.id, remoteCaseId: inc[0]!.caseId! };

    // The case sits in the HCM commune's inbox with its own intake clock; its head accepts it.
    const remote = await api<{ case: { state: string; receivedOn: string; dueOn: string | null } }>(servers.hcm, 'hcm.lanhdao', 'GET', `/cases/${first.remoteCaseId}`);
    expect(remote.status, remote.text).toBe(200);
    expect(remote.body.case).toMatchObject({ state: 'received', receivedOn: today });
    expect(remote.body.case.dueOn).toBeTruthy();
    const acc = await api(servers.hcm, 'hcm.lanhdao', 'POST', `/cases/${first.remoteCaseId}/transitions`, { action: 'accept' });
    expect(acc.status, acc.text).toBe(200);
    expect(await deliver(servers.hcm)).toMatchObject({ delivered: 1 });
    const [after] = await outgoing(servers.hn);
    expect(after!.remoteStatus).toBe('accepted');
    const page = await api(servers.hn, 'hn.xuly', 'GET', `/cases/${first.caseId}`);
    expect(page.text).toContain('đã thụ lý');

    // Hà Nội counts it as forwarded, HCM as within its jurisdiction.
    const month = { from: `${today.slice(0, 7)}-01`, to: lastDay(today) };
    const hnReport = await api<{ indicators: Record<string, number> }>(servers.hn, 'admin', 'GET', `/reports/period?agency=01&from=${month.from}&to=${month.to}`);
    expect(hnReport.body.indicators['xld.forwarded']).toBe(1);
    const hcmReport = await api<{ indicators: Record<string, number> }>(servers.hcm, 'admin', 'GET', `/reports/period?agency=79&from=${month.from}&to=${month.to}`);
    expect(hcmReport.body.indicators['gqkn.within']).toBe(1);
  });

  it('HCM stopped for the whole send: the package waits and is delivered exactly once after the restart', async () => {
    await stop(servers.hcm);
    await visitAndForward(servers.hn, 'complaint', 'Khiếu nại về bồi thường giải phóng mặt bằng (gửi khi HCM ngừng)');
    await visitAndForward(servers.single, 'complaint', 'Khiếu nại về bồi thường giải phóng mặt bằng (gửi khi HCM ngừng)');
    expect(await deliver(servers.hn)).toMatchObject({ delivered: 0, retrying: 1 });
    expect(await deliver(servers.hn)).toMatchObject({ delivered: 0, retrying: 1 });
    const waiting = (await outgoing(servers.hn)).find((p) => p.status === 'pending')!;
    expect(waiting.attempts).toBe(2);
    await start(servers.hcm);
    expect(await deliver(servers.hn)).toMatchObject({ delivered: 1, retrying: 0 });
    expect(await deliver(servers.hn)).toMatchObject({ delivered: 0, retrying: 0 });
    const got = (await incoming(servers.hcm)).filter((p) => p.id === waiting.id);
    expect(got).toHaveLength(1);
  });

  it('the same package delivered 5 times creates 1 case; one byte changed is returned with the reason; an unregistered sender is refused', async () => {
    const body = await bodyOf(servers.hn, first.packageId);
    const before = await sqlRows<{ n: string }>(servers.hcm, 'select count(*)::text as n from cases');
    const answers = await Promise.all(Array.from({ length: 5 }, () => post(servers.hcm, body).then(async (r) => ({ status: r.status, body: (await r.json()) as { duplicate: boolean; caseCode: string } }))));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200]);
    expect(answers.every((a) => a.body.duplicate)).toBe(true);
    expect(new Set(answers.map((a) => a.body.caseCode)).size).toBe(1);
    expect(await sqlRows<{ n: string }>(servers.hcm, 'select count(*)::text as n from cases')).toEqual(before);

    // One byte of the signed content changed in transit.
    const [h, p, sig] = body.split('.');
    const json = Buffer.from(p!, 'base64url').toString('utf8').replace('Khiếu nại việc cấp', 'Khiếu nại việc cấq');
    const tampered = [h, Buffer.from(json).toString('base64url'), sig].join('.');
    const r = await post(servers.hcm, tampered);
    expect(r.status).toBe(422);
    const returned = (await r.json()) as { returned: boolean; reason: string };
    expect(returned.returned).toBe(true);
    expect(returned.reason).toMatch(/Chữ ký số không hợp lệ/);
    expect(await sqlRows<{ n: string }>(servers.hcm, 'select count(*)::text as n from cases')).toEqual(before);

    // A package signed by an instance nobody registered.
    const k = await jose.generateKeyPair('EdDSA', { crv: 'Ed25519' });
    const payload = JSON.parse(Buffer.from(p!, 'base64url').toString('utf8')) as { header: Record<string, string> };
    payload.header.fromInstance = 'rogue';
    payload.header.packageId = '7d5f6c1e-1111-4222-8333-944455556666';
    const rogue = await new jose.CompactSign(new TextEncoder().encode(JSON.stringify(payload))).setProtectedHeader({ alg: 'EdDSA', kid: 'r1', iss: 'rogue' } as jose.CompactJWSHeaderParameters).sign(k.privateKey);
    const refused = await post(servers.hcm, rogue);
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { reason: string }).reason).toMatch(/chưa được đăng ký/);
    expect(await sqlRows<{ n: string }>(servers.hcm, 'select count(*)::text as n from cases')).toEqual(before);
  });

  it('kill -9 of the sender after the receiver acknowledged and before its own commit: one case, not zero or two', async () => {
    await visitAndForward(servers.hn, 'complaint', 'Khiếu nại quyết định xử phạt hành chính (kill -9)');
    await visitAndForward(servers.single, 'complaint', 'Khiếu nại quyết định xử phạt hành chính (kill -9)');
    const pending = (await outgoing(servers.hn)).find((p) => p.status === 'pending')!;
    const crashed = cli(servers.hn, ['federation', 'deliver'], { DANVAN_TEST_FEDERATION_CRASH_AFTER_SEND: '1' });
    expect(crashed.signal).toBe('SIGKILL');
    expect((await outgoing(servers.hn)).find((p) => p.id === pending.id)!.status).toBe('pending');
    expect((await incoming(servers.hcm)).filter((p) => p.id === pending.id)).toHaveLength(1);
    expect(await deliver(servers.hn)).toMatchObject({ delivered: 1 });
    const cases = await sqlRows<{ n: string }>(servers.hcm, "select count(*)::text as n from cases where content like '%(kill -9)'");
    expect(cases).toEqual([{ n: '1' }]);
  });

  it('a forwarded denunciation: the name is in neither the package, the receiver\'s logs nor its database in plaintext; the head there reveals it', async () => {
    const citizen = { name: DENOUNCER, idNumber: DENOUNCER_ID, address: 'Số 5 Hàng Bông, Phường Hoàn Kiếm, Hà Nội' };
    await visitAndForward(servers.hn, 'denunciation', 'Tố cáo cán bộ địa chính xã nhận tiền để hợp thức hóa đất', citizen);
    await visitAndForward(servers.single, 'denunciation', 'Tố cáo cán bộ địa chính xã nhận tiền để hợp thức hóa đất', citizen);
    const pkg = (await outgoing(servers.hn)).find((p) => p.status === 'pending')!;
    const body = await bodyOf(servers.hn, pkg.id);
    const decoded = Buffer.from(body.split('.')[1]!, 'base64url').toString('utf8');
    for (const text of [body, decoded]) {
      expect(text).not.toContain(DENOUNCER);
      expect(text).not.toContain(DENOUNCER_ID);
      expect(text).not.toContain('Phùng Thị');
    }
    expect(JSON.parse(decoded).body.sealedIdentity).toMatch(/^ey/);
    expect(await deliver(servers.hn)).toMatchObject({ delivered: 1 });
    const remoteCaseId = (await incoming(servers.hcm)).find((p) => p.id === pkg.id)!.caseId!;

    const dump = spawnSync(path.join(PG_BIN, 'pg_dump'), ['--data-only', servers.hcm.env.DATABASE_URL!], { encoding: 'utf8', maxBuffer: 1 << 30 });
    expect(dump.status, dump.stderr).toBe(0);
    expect(dump.stdout.length).toBeGreaterThan(100_000);
    expect(dump.stdout).not.toContain(DENOUNCER);
    expect(dump.stdout).not.toContain(DENOUNCER_ID);

    const reveal = await api<{ denouncers: { name: string; idNumber: string }[] }>(servers.hcm, 'hcm.lanhdao', 'POST', `/cases/${remoteCaseId}/denouncer/reveal`, { reason: 'Cần liên hệ người tố cáo để làm rõ nội dung tố cáo' });
    expect(reveal.status, reveal.text).toBe(200);
    expect(reveal.body.denouncers).toEqual([expect.objectContaining({ name: DENOUNCER, idNumber: DENOUNCER_ID })]);
    expect(servers.hcm.log.length).toBeGreaterThan(0);
    expect(servers.hcm.log).not.toContain(DENOUNCER);
    expect(servers.hcm.log).not.toContain(DENOUNCER_ID);
  });

  it('recall: Hà Nội recalls an unprocessed package; HCM removes it from its inbox and tells why when it cannot', async () => {
    await visitAndForward(servers.hn, 'complaint', 'Khiếu nại gửi nhầm (sẽ thu hồi)');
    await deliver(servers.hn);
    const edoc = (await outgoing(servers.hn)).find((p) => p.type === 'edoc' && p.status === 'delivered' && p.remoteStatus === 'received' && p.id !== first.packageId)!;
    const recall = await api<{ packageId: string }>(servers.hn, 'hn.xuly', 'POST', `/federation/packages/${edoc.id}/follow-ups`, { type: 'revocation', reason: 'Gửi nhầm cơ quan' });
    expect(recall.status, recall.text).toBe(200);
    expect(await deliver(servers.hn)).toMatchObject({ delivered: 1 });
    expect((await incoming(servers.hcm)).find((p) => p.id === edoc.id)!.status).toBe('revoked');
    // The first package was accepted at HCM: recalling it is returned with the reason.
    const late = await api(servers.hn, 'hn.xuly', 'POST', `/federation/packages/${first.packageId}/follow-ups`, { type: 'revocation', reason: 'Thử thu hồi' });
    expect(late.status).toBe(200);
    expect(await deliver(servers.hn)).toMatchObject({ returned: 1 });
    const back = (await outgoing(servers.hn)).find((p) => p.refersTo === first.packageId && p.type === 'revocation')!;
    expect(back.returnReason).toMatch(/đã được xử lý/);
    // An update of the accepted one goes through: the content at HCM follows, with a line in its history.
    const upd = await api(servers.hn, 'hn.xuly', 'POST', `/federation/packages/${first.packageId}/follow-ups`, { type: 'update', reason: 'Bổ sung số thửa đất', content: 'Khiếu nại việc cấp giấy chứng nhận quyền sử dụng đất tại TP Hồ Chí Minh (thửa số 12, tờ bản đồ 3)' });
    expect(upd.status, upd.text).toBe(200);
    expect(await deliver(servers.hn)).toMatchObject({ delivered: 1 });
    const updated = await api<{ case: { content: string } }>(servers.hcm, 'hcm.lanhdao', 'GET', `/cases/${first.remoteCaseId}`);
    expect(updated.body.case.content).toContain('thửa số 12');
    expect(updated.text).toContain('Bên gửi cập nhật');
  });

  it('the national report across the three instances equals the report of the same data in one database, indicator by indicator', async () => {
    // The recalled package of the previous test has no counterpart in the single database: forward and recall it
    // there too, so that the business is the same (a local recall = the inbox case archived untouched).
    const s = await visitAndForward(servers.single, 'complaint', 'Khiếu nại gửi nhầm (sẽ thu hồi)');
    await sqlRows(servers.single, "update cases set state = 'archived', jurisdiction = 'returned', reason = 'recalled-by-sender', closed_on = $2 where id = $1", [s.createdCaseId, today]);
    await new Promise((r) => setTimeout(r, 1500)); // one fold of the counter deltas
    const pulled = await api<{ instance: string; ok: boolean; rows: number }[]>(servers.vn, 'admin', 'POST', '/federation/counter-snapshots/pull');
    expect(pulled.status, pulled.text).toBe(200);
    expect(pulled.body.map((p) => [p.instance, p.ok])).toEqual([
      ['hcm', true],
      ['hn', true],
    ]);
    const month = { from: `${today.slice(0, 7)}-01`, to: lastDay(today) };
    for (const agency of ['VN', '01', '79', '00004', hcmCommune]) {
      const q = `/reports/period?agency=${agency}&from=${month.from}&to=${month.to}&rollup=full`;
      const nation = await api<{ indicators: Record<string, number>; rollup: unknown }>(servers.vn, 'admin', 'GET', q);
      const single = await api<{ indicators: Record<string, number>; rollup: unknown }>(servers.single, 'admin', 'GET', q);
      expect(nation.status, nation.text).toBe(200);
      expect(nation.body.indicators, `indicators at ${agency}`).toEqual(single.body.indicators);
      expect(nation.body.rollup, `roll-up at ${agency}`).toEqual(single.body.rollup);
    }
    const vn = await api<{ indicators: Record<string, number> }>(servers.vn, 'admin', 'GET', `/reports/period?agency=VN&from=${month.from}&to=${month.to}`);
    expect(vn.body.indicators['xld.forwarded']).toBe(5);
    expect(vn.body.indicators['gqkn.within']).toBe(1);
    // and the nation's figure is the sum of the provinces' own reports.
    const hn = await api<{ indicators: Record<string, number> }>(servers.hn, 'admin', 'GET', `/reports/period?agency=01&from=${month.from}&to=${month.to}`);
    const hcm = await api<{ indicators: Record<string, number> }>(servers.hcm, 'admin', 'GET', `/reports/period?agency=79&from=${month.from}&to=${month.to}`);
    for (const k of Object.keys(vn.body.indicators)) expect(vn.body.indicators[k], k).toBe((hn.body.indicators[k] ?? 0) + (hcm.body.indicators[k] ?? 0));
  });

  it('key rotation with overlap: HCM rotates; its receipts under the new key are accepted by Hà Nội, which learns the new key from HCM\'s identity signed by the old one', async () => {
    const rotated = cli(servers.hcm, ['federation', 'rotate-key']);
    expect(rotated.status, rotated.stderr).toBe(0);
    const [self] = (await api<{ keys: { kid: string; notAfter: string | null }[] }[]>(servers.hcm, 'admin', 'GET', '/federation/instances')).body;
    expect(self!.keys).toHaveLength(2);
    const current = self!.keys.find((k) => k.notAfter === null)!;
    expect(self!.keys.find((k) => k.notAfter !== null)!.notAfter! > new Date().toISOString()).toBe(true);
    await visitAndForward(servers.hn, 'complaint', 'Khiếu nại sau khi đổi khóa');
    expect(await deliver(servers.hn)).toMatchObject({ delivered: 1 });
    const hcmAtHn = (await api<{ id: string; keys: { kid: string }[] }[]>(servers.hn, 'admin', 'GET', '/federation/instances')).body.find((i) => i.id === 'hcm')!;
    expect(hcmAtHn.keys.map((k) => k.kid)).toContain(current.kid);
    expect(hcmAtHn.keys).toHaveLength(2);
  });
});

function lastDay(day: string): string {
  const [y, m] = day.split('-').map(Number);
  const d = new Date(Date.UTC(y!, m!, 0));
  return d.toISOString().slice(0, 10);
}
