/**
 * Opens the database: embedded PGlite under `<dataDir>/pglite` by default, PostgreSQL when a URL is given.
 * Both expose the same Drizzle `Db` type, run the same migrations and the same queries.
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { getTableColumns, sql, type SQL } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import pg from 'pg';
import * as schema from './schema.ts';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
/** A transaction handle has the same query surface as the database. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbOrTx = Db | Tx;

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** Human description without secrets, for logs and the start banner. */
  description: string;
  /** Applies the migrations not yet applied, from `folder` (default: the shipped migrations; tests pass a prefix). */
  migrate(folder?: string): Promise<void>;
  close(): Promise<void>;
  /** PGlite only: a consistent tarball (gzip) of the data dir, taken between two queries (danvan backup). */
  dumpDataDir?: () => Promise<Blob>;
}

export const migrationsFolder = fileURLToPath(new URL('../../db/migrations', import.meta.url));

// pg returns int8/numeric as strings; DânVận counts fit in a JS number, so parse them (PGlite returns numbers).
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1700, (v) => Number(v));
// Calendar dates stay 'YYYY-MM-DD' strings on both drivers.
pg.types.setTypeParser(1082, (v) => v);

export interface OpenOptions {
  dataDir?: string;
  databaseUrl?: string;
  /** PGlite only: keep the database in memory (tests). */
  inMemory?: boolean;
  /** PGlite only: start from this tarball of a data dir (danvan restore; the data dir must not exist yet). */
  loadDataDir?: Blob;
}

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.databaseUrl) {
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: 10 });
    // An idle connection that the server ends (restart, failover, a dropped test database) must not crash the
    // process: the pool replaces it on the next query.
    pool.on('error', (err) => {
      if ((err as { code?: string }).code !== '57P01') console.error(`PostgreSQL: kết nối rảnh bị đóng (${(err as { code?: string }).code ?? err.message})`);
    });
    const db = withCommitHooks(drizzlePg(pool, { schema }) as unknown as Db);
    const url = new URL(opts.databaseUrl);
    return {
      db,
      kind: 'postgres',
      description: `PostgreSQL ${url.hostname}:${url.port || 5432}${url.pathname}`,
      migrate: (folder = migrationsFolder) => migratePg(drizzlePg(pool, { schema }), { migrationsFolder: folder }),
      close: () => pool.end(),
    };
  }
  let client: PGlite;
  let description: string;
  if (opts.inMemory) {
    client = await PGlite.create({ extensions: { pg_trgm } });
    description = 'PGlite (in memory)';
  } else {
    const dir = path.resolve(opts.dataDir ?? './data', 'pglite');
    mkdirSync(dir, { recursive: true });
    // pg_trgm: the trigram indexes of search and same-matter detection (issue 18, ADR 0022).
    client = await PGlite.create(dir, { extensions: { pg_trgm }, ...(opts.loadDataDir ? { loadDataDir: opts.loadDataDir } : {}) });
    description = `PGlite ${dir}`;
  }
  const db = drizzlePglite(client, { schema });
  withCommitHooks(db as unknown as Db);
  return {
    db: db as unknown as Db,
    kind: 'pglite',
    description,
    migrate: (folder = migrationsFolder) => migratePglite(db, { migrationsFolder: folder }),
    close: () => client.close(),
    dumpDataDir: async () => {
      // A checkpoint first (the tarball then needs little recovery); the dump itself runs under PGlite's query
      // lock, so no statement writes while the files are read: a crash-consistent copy of a live instance.
      await client.query('CHECKPOINT');
      return client.dumpDataDir('gzip');
    },
  };
}

/** Raw SQL rows on either driver (both answer `{ rows }`); counts are numbers on both (parsers above). */
export async function queryRows<T>(db: DbOrTx, query: SQL): Promise<T[]> {
  const r = (await db.execute(query)) as unknown as { rows: T[] };
  return r.rows;
}

/** A statement that writes (an insert, update or delete builder, or raw SQL: all have getSQL), for writeTogether. */
export type WriteStatement = { getSQL(): SQL };

/**
 * Several writes sent as ONE statement of data-modifying CTEs (issue 13, item 10): one round trip, one parse and plan,
 * and each table's statement-level triggers (the report counters) fired once. Foreign keys are checked at the end of
 * the statement, so a row and the rows that reference it may go together. All of them run on the same snapshot: none
 * sees what another writes, so never put a write beside one that reads its rows (an upsert on a key another inserts).
 * Empty entries (`false`, null) are skipped; one write is sent as itself.
 */
export async function writeTogether(db: DbOrTx, writes: readonly (WriteStatement | null | undefined | false)[]): Promise<void> {
  const list = writes.filter((w): w is WriteStatement => Boolean(w)).map((w) => w.getSQL());
  if (!list.length) return;
  if (list.length === 1) {
    await db.execute(list[0]!);
    return;
  }
  const parts = list.map((w, i) => sql`${sql.raw(`w${i}`)} as (${w})`);
  await db.execute(sql`with ${sql.join(parts, sql`, `)} select 1`);
}

/**
 * An INSERT of `rows` into `table` with all its values in ONE JSON parameter (json_populate_recordset), for the
 * intake's hot path with writeTogether: Drizzle's builder spent more CPU on a petition's ~150 bound parameters than
 * PostgreSQL spent inserting them (a CPU profile of `npm run bench -- intake`, issue 13 item 10). Every row gives the
 * same columns (a column left out takes its default); values travel as JSON exactly as Drizzle would encode them
 * (dates and timestamps as ISO strings, jsonb as nested JSON).
 */
export function jsonInsert<T extends PgTable>(table: T, rows: readonly T['$inferInsert'][], opts: { onConflictDoNothing?: boolean } = {}): SQL {
  const first = rows[0] as Record<string, unknown> | undefined;
  if (!first) throw new Error('jsonInsert: no rows');
  const columns = getTableColumns(table) as Record<string, { name: string }>;
  const keys = Object.keys(first).filter((k) => first[k] !== undefined);
  const names = keys.map((k) => {
    const c = columns[k];
    if (!c) throw new Error(`jsonInsert: no column ${k}`);
    return c.name;
  });
  const records = rows.map((row) => {
    const r = row as Record<string, unknown>;
    const given = Object.keys(r).filter((k) => r[k] !== undefined);
    if (given.length !== keys.length || keys.some((k) => r[k] === undefined)) throw new Error('jsonInsert: rows give different columns');
    return Object.fromEntries(keys.map((k, i) => [names[i]!, r[k] ?? null]));
  });
  const list = sql.raw(names.map((n) => `"${n}"`).join(', '));
  return sql`insert into ${table} (${list}) select ${list} from json_populate_recordset(null::${table}, ${JSON.stringify(records)}::json)${opts.onConflictDoNothing ? sql` on conflict do nothing` : sql``}`;
}

const commitHooks = new WeakMap<object, (() => Promise<void>)[]>();

/**
 * Defers `hook` to the end of the outermost transaction `tx` (after the use case's last statement, just before
 * COMMIT; an error in it rolls the transaction back). Returns false — and runs nothing — when `tx` is not such a
 * transaction (a savepoint, or a database not opened by openDatabase): the caller then does the work at once.
 * Used by the audit trail (ADR 0005, amendment 2026-12): its chain lock is taken only for the final append.
 */
export function beforeCommit(tx: DbOrTx, hook: () => Promise<void>): boolean {
  const hooks = commitHooks.get(tx);
  if (!hooks) return false;
  hooks.push(hook);
  return true;
}

function withCommitHooks(db: Db): Db {
  const transaction = db.transaction.bind(db);
  db.transaction = ((fn: (tx: Tx) => Promise<unknown>, config?: unknown) =>
    transaction(async (tx) => {
      const hooks: (() => Promise<void>)[] = [];
      commitHooks.set(tx, hooks);
      try {
        const result = await fn(tx);
        // Hooks may add hooks (they run in order until none is left).
        for (let i = 0; i < hooks.length; i++) await hooks[i]!();
        return result;
      } finally {
        commitHooks.delete(tx);
      }
    }, config as never)) as Db['transaction'];
  return db;
}
