/**
 * Integration-test harness: a real database per test file — in-memory PGlite (DANVAN_TEST_DB=pglite, default)
 * or a fresh database on the PostgreSQL cluster that `npm test` starts (DANVAN_TEST_DB=postgres with
 * DANVAN_TEST_DATABASE_URL) — migrated and seeded with the official agencies, and the real Fastify app.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { LightMyRequestResponse } from 'fastify';
import type { App, AppContext } from '../context.ts';
import { buildApp } from '../app.ts';
import { openDatabase, type Database } from '../db/client.ts';
import { createSealer } from '../security/sealer.ts';
import { createPersonHasher } from '../security/person-hash.ts';
import { seedAgencies } from '../modules/agencies/seed-agencies.ts';
import { addUser } from '../modules/auth/add-user.ts';

export interface TestEnv {
  app: App;
  ctx: AppContext;
  database: Database;
  kind: 'pglite' | 'postgres';
  /** Moves the injected clock. */
  setNow(iso: string): void;
  addUser(username: string, role: string, agencyCode: string): Promise<string>;
  login(username: string): Promise<string>;
  api(method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, opts?: { token?: string; body?: unknown; headers?: Record<string, string> }): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

export const TEST_PASSWORD = 'Test@12345';

/**
 * A fresh, empty, unmigrated database of the kind under test: in-memory PGlite, or a new database on the PostgreSQL
 * cluster of `npm test`. `drop` closes it (and drops the PostgreSQL database).
 */
export async function openTestDatabase(): Promise<{ database: Database; drop: () => Promise<void> }> {
  if (process.env.DANVAN_TEST_DB !== 'postgres') {
    const database = await openDatabase({ inMemory: true });
    return { database, drop: () => database.close() };
  }
  const adminUrl = process.env.DANVAN_TEST_DATABASE_URL;
  if (!adminUrl) throw new Error('DANVAN_TEST_DATABASE_URL is required with DANVAN_TEST_DB=postgres');
  const name = `danvan_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: url.toString() });
  return {
    database,
    drop: async () => {
      await database.close();
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

export async function createTestEnv(opts: { now?: string; logStream?: NodeJS.WritableStream; loginRateLimit?: number; webDist?: string } = {}): Promise<TestEnv> {
  const kind = process.env.DANVAN_TEST_DB === 'postgres' ? 'postgres' : 'pglite';
  const { database, drop } = await openTestDatabase();
  await database.migrate();
  await seedAgencies(database.db);
  let now = new Date(opts.now ?? '2026-07-15T03:00:00Z');
  const ctx: AppContext = { db: database.db, now: () => now, sealer: createSealer([{ id: 'test', key: randomBytes(32) }]), personHasher: createPersonHasher(randomBytes(32)) };
  const app = await buildApp({ ctx, logger: opts.logStream ? { level: 'info', stream: opts.logStream } : false, loginRateLimit: opts.loginRateLimit ?? 1000, ...(opts.webDist ? { webDist: opts.webDist } : {}) });
  await app.ready();
  const tokens = new Map<string, string>();
  const env: TestEnv = {
    app,
    ctx,
    database,
    kind,
    setNow(iso) {
      const next = new Date(iso);
      // Sessions expire after 12 hours of the injected clock: sign in again after a jump.
      if (Math.abs(next.getTime() - now.getTime()) > 6 * 3600_000) tokens.clear();
      now = next;
    },
    async addUser(username, role, agencyCode) {
      const u = await addUser(database.db, { username, password: TEST_PASSWORD, role, agencyCode, displayName: username }, now);
      return u.id;
    },
    async login(username) {
      const cached = tokens.get(username);
      if (cached) return cached;
      const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: TEST_PASSWORD } });
      if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
      const token = (res.json() as { token: string }).token;
      tokens.set(username, token);
      return token;
    },
    api(method, url, o = {}) {
      const headers: Record<string, string> = { ...(o.headers ?? {}) };
      if (o.token) headers.authorization = `Bearer ${o.token}`;
      return app.inject({ method, url, headers, ...(o.body !== undefined ? { payload: o.body as object } : {}) });
    },
    async close() {
      await app.close();
      await drop();
    },
  };
  return env;
}
