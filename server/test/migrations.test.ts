/**
 * Migrations are append-only once they have landed on main (docs/adr/0003-database-pglite-and-postgresql.md):
 *  - every migration listed in server/db/migrations/landed.json still has the SHA-256 it landed with, and the journal
 *    lists them first, in that order (a deployed database never re-runs an edited file: the migrator only applies
 *    what is newer than its last applied entry, so an edit would silently never reach it);
 *  - a database that holds records at the last landed-before-counters schema (0000) upgrades through the later
 *    migrations to the same report counters as a database that had them from the start.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { migrationsFolder, queryRows, type Db } from '../src/db/client.ts';
import { createTestEnv, openTestDatabase, type TestEnv } from '../src/testing/harness.ts';
import { seedNational } from '../src/tools/seed-national/seed-national.ts';

interface Journal {
  version: string;
  dialect: string;
  entries: { idx: number; when: number; tag: string }[];
}
const journal = JSON.parse(fs.readFileSync(path.join(migrationsFolder, 'meta/_journal.json'), 'utf8')) as Journal;
const landed = JSON.parse(fs.readFileSync(path.join(migrationsFolder, 'landed.json'), 'utf8')) as { migrations: { tag: string; sha256: string }[] };
const sha256 = (tag: string) => createHash('sha256').update(fs.readFileSync(path.join(migrationsFolder, `${tag}.sql`))).digest('hex');

describe('migrations', () => {
  it('landed migrations are unchanged and come first in the journal, in order', () => {
    expect(landed.migrations.length).toBeGreaterThan(0);
    landed.migrations.forEach((m, i) => {
      expect(journal.entries[i]?.tag, `journal entry ${i}`).toBe(m.tag);
      expect(sha256(m.tag), `${m.tag}.sql was edited after it landed: add a new migration instead`).toBe(m.sha256);
    });
  });

  it('the journal is strictly ordered in time and every entry has its file', () => {
    journal.entries.forEach((e, i) => {
      expect(e.idx).toBe(i);
      if (i > 0) expect(e.when).toBeGreaterThan(journal.entries[i - 1]!.when);
      expect(fs.existsSync(path.join(migrationsFolder, `${e.tag}.sql`)), e.tag).toBe(true);
    });
  });
});

/** Every row of a table, in a stable order, for comparison. */
async function tableRows(db: Db, table: string, orderBy: string): Promise<unknown[]> {
  return queryRows(db, sql.raw(`select * from ${table} order by ${orderBy}`));
}

describe('upgrading a database that holds records at 0000_foundation', () => {
  let source: TestEnv;
  let upgraded: Awaited<ReturnType<typeof openTestDatabase>>;
  let prefixDir: string;

  beforeAll(async () => {
    // The source: fully migrated, a small generated country (its counters are rebuilt after the bulk load).
    source = await createTestEnv();
    await seedNational(source.ctx.db, { scale: 0.003, seed: 7, from: '2026-01-01', to: '2026-06-30', sealer: source.ctx.sealer, personHasher: source.ctx.personHasher, provinces: ['01', '79'] });

    // The target: only 0000 applied, then the same records copied in (the columns 0000 has), as a deployed database
    // would hold them before the counters existed.
    prefixDir = fs.mkdtempSync(path.join(os.tmpdir(), 'danvan-migrations-'));
    fs.mkdirSync(path.join(prefixDir, 'meta'));
    const first = journal.entries[0]!;
    fs.copyFileSync(path.join(migrationsFolder, `${first.tag}.sql`), path.join(prefixDir, `${first.tag}.sql`));
    fs.writeFileSync(path.join(prefixDir, 'meta/_journal.json'), JSON.stringify({ ...journal, entries: [first] }));
    upgraded = await openTestDatabase();
    await upgraded.database.migrate(prefixDir);
  });
  afterAll(async () => {
    await upgraded?.drop();
    await source?.close();
    if (prefixDir) fs.rmSync(prefixDir, { recursive: true, force: true });
  });

  it('applies the later migrations over the records and ends with the same counters as the source', async () => {
    const target = upgraded.database.db;
    const targetTables = await queryRows<{ table_name: string }>(target, sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`);
    expect(targetTables.map((t) => t.table_name)).not.toContain('report_counters');

    const copied: Record<string, number> = {};
    await target.transaction(async (tx) => {
      // Rows are copied table by table in any order: foreign keys and triggers wait (superuser on both databases).
      await tx.execute(sql`set local session_replication_role = replica`);
      for (const { table_name: table } of targetTables) {
        const cols = await queryRows<{ column_name: string }>(tx, sql`select column_name from information_schema.columns where table_schema = 'public' and table_name = ${table} order by ordinal_position`);
        const list = cols.map((c) => `"${c.column_name}"`).join(', ');
        const [{ data }] = await queryRows<{ data: string | null }>(source.ctx.db, sql.raw(`select json_agg(t)::text as data from (select ${list} from ${table}) t`)) as [{ data: string | null }];
        if (!data) continue;
        await tx.execute(sql`${sql.raw(`insert into ${table} (${list}) select ${list} from json_populate_recordset(null::${table},`)} ${data}::json)`);
        copied[table] = (JSON.parse(data) as unknown[]).length;
      }
    });
    expect(copied.cases).toBeGreaterThan(100);
    expect(copied.visits).toBeGreaterThan(50);

    await upgraded.database.migrate();

    const counters = 'scope, bucket, key, child, prev';
    const upgradedCounters = await tableRows(target, 'report_counters', counters);
    expect(upgradedCounters.length).toBeGreaterThan(1000);
    expect(upgradedCounters).toEqual(await tableRows(source.ctx.db, 'report_counters', counters));
    const buckets = 'case_id, agency_path, class, bucket';
    expect(await tableRows(target, 'report_visit_buckets', buckets)).toEqual(await tableRows(source.ctx.db, 'report_visit_buckets', buckets));

    // And the triggers are live after the upgrade: a new case at a commune moves its counters (the deltas the
    // triggers append since 0004_perf count with report_counters, as the readers sum them).
    const xldIn = sql`select coalesce(sum(n), 0)::int as n from (select n from report_counters where key = 'xld.in' union all select n from report_counter_deltas where key = 'xld.in') c`;
    const before = await queryRows<{ n: number }>(target, xldIn);
    await target.execute(sql`insert into cases (${sql.raw((await caseColumns(target)).join(', '))}) select ${sql.raw((await caseColumns(target)).map((c) => (c === 'id' ? 'gen_random_uuid()' : c === 'code' ? "code || '-U'" : c)).join(', '))} from cases order by code limit 1`);
    const after = await queryRows<{ n: number }>(target, xldIn);
    expect(after[0]!.n).toBeGreaterThan(before[0]!.n);
  });
});

async function caseColumns(db: Db): Promise<string[]> {
  const cols = await queryRows<{ column_name: string }>(db, sql`select column_name from information_schema.columns where table_schema = 'public' and table_name = 'cases' order by ordinal_position`);
  return cols.map((c) => c.column_name);
}
