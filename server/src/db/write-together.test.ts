/**
 * writeTogether (issue 13, item 10): several writes as one statement of data-modifying CTEs, on PGlite and PostgreSQL
 * (DANVAN_TEST_DB) — a row and the rows referencing it go together, each table's statement-level trigger fires once,
 * and a failing write leaves none of the others. A failing one is logged by the names of its writes. jsonInsert
 * stores exactly what Drizzle's own insert stores, for every column type the intake writes.
 */
import { sql } from 'drizzle-orm';
import { bigserial, boolean, date, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openTestDatabase } from '../testing/harness.ts';
import { statementName } from '../plugins/errors.ts';
import { jsonInsert, queryRows, writeTogether, type Database } from './client.ts';

let database: Database;
let drop: () => Promise<void>;
beforeAll(async () => {
  ({ database, drop } = await openTestDatabase());
  const db = database.db;
  await db.execute(sql`create table wt_parent (id int primary key)`);
  await db.execute(sql`create table wt_child (id int primary key, parent_id int not null references wt_parent (id))`);
  await db.execute(sql`create table wt_firings (tbl text not null, n int not null)`);
  await db.execute(sql`create function wt_count() returns trigger language plpgsql as $$
    begin insert into wt_firings select TG_TABLE_NAME, count(*) from new_rows; return null; end $$`);
  await db.execute(sql`create trigger wt_parent_t after insert on wt_parent referencing new table as new_rows for each statement execute function wt_count()`);
  await db.execute(sql`create trigger wt_child_t after insert on wt_child referencing new table as new_rows for each statement execute function wt_count()`);
}, 60_000);
afterAll(async () => drop?.());

it('writes a parent and its children in one statement; each table trigger fires once with all its rows', async () => {
  const db = database.db;
  await writeTogether(db, [sql`insert into wt_parent values (1)`, false, sql`insert into wt_child values (10, 1), (11, 1)`, null, sql`insert into wt_child values (12, 1)`]);
  const firings = await queryRows<{ tbl: string; n: number }>(db, sql`select tbl, n from wt_firings order by tbl, n`);
  // One statement: each table's trigger once, the child's with the rows of both writes to it.
  expect(firings.map((f) => [f.tbl, Number(f.n)])).toEqual([['wt_child', 3], ['wt_parent', 1]]);
  const [kids] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from wt_child where parent_id = 1`);
  expect(Number(kids?.n)).toBe(3);
});

it('a failing write leaves none of the others (one statement), and is named by its writes, never its values', async () => {
  const db = database.db;
  const failing = writeTogether(db, [sql`insert into wt_parent values (2)`, sql`insert into wt_child values (20, ${999})`]);
  await expect(failing).rejects.toThrow();
  const [p] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from wt_parent where id = 2`);
  expect(Number(p?.n)).toBe(0);
  expect(statementName('with w0 as (insert into "cases" ("id") values ($1)), w1 as (insert into "search_docs" ("id") values ($2) on conflict do nothing), w2 as (update "reception_bookings" set "status" = $3) select 1')).toBe(
    'insert cases, insert search_docs, update reception_bookings',
  );
  expect(statementName('with x as (select 1) select * from cases')).toBe('select cases');
});

const wtTypes = pgTable('wt_types', {
  seq: bigserial('seq', { mode: 'number' }).primaryKey(),
  id: uuid('id').notNull(),
  label: text('label'),
  flag: boolean('flag').notNull(),
  n: integer('n').notNull().default(7),
  day: date('day', { mode: 'string' }),
  at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull(),
  doc: jsonb('doc').$type<unknown>(),
});

it('jsonInsert stores what Drizzle stores (uuid, text with quotes and Vietnamese, boolean, date, timestamp, nested jsonb, nulls, defaults)', async () => {
  const db = database.db;
  await db.execute(sql`create table wt_types (seq bigserial primary key, id uuid not null, label text, flag boolean not null, n integer not null default 7, day date, at timestamptz not null, doc jsonb)`);
  const rows = [
    { id: '6f1c1f5e-8f3a-4a43-9d7e-1f2b3c4d5e6f', label: 'Đơn "khiếu nại" — \\ ngõ 5\'A', flag: true, day: '2026-07-01', at: new Date(Date.UTC(2026, 6, 1, 2, 3, 4, 567)), doc: { a: [1, null, 'đ'], b: { c: true }, s: 'x' } },
    { id: '0b7a6c2d-1e2f-4a5b-8c9d-0e1f2a3b4c5d', label: null, flag: false, day: null, at: new Date(Date.UTC(2027, 0, 2)), doc: null },
  ];
  await db.insert(wtTypes).values(rows);
  await writeTogether(db, [jsonInsert(wtTypes, rows)]);
  const stored = await db.select().from(wtTypes).orderBy(wtTypes.seq);
  expect(stored).toHaveLength(4);
  const strip = ({ seq: _seq, ...r }: (typeof stored)[number]) => r;
  expect(stored.slice(2).map(strip)).toEqual(stored.slice(0, 2).map(strip));
  expect(stored[2]!.n).toBe(7); // a column left out takes its default
  expect(() => jsonInsert(wtTypes, [rows[0]!, { ...rows[1]!, label: undefined }])).toThrow('different columns');
});
