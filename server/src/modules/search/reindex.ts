/**
 * `danvan search reindex` (issue 18, ADR 0022): rebuilds the search documents and same-matter facts of every case,
 * visit and petition — of the whole country or of one agency's subtree — from the records themselves, in batches
 * through the bulk indexer (`indexMany`, refresh mode). For records written without the use cases (the national
 * generator, old backups, a migration's backfill) and after a change to the folding or the extraction rules.
 *
 * Idempotent (a document is rewritten to what its record gives; the case's facts are replaced) and safe while the
 * server runs: one short transaction per batch, keyset pages by id, nothing locked beyond the batch's rows; a
 * record created meanwhile is indexed by its own use case. A denunciation's names are never indexed (namesOf).
 */
import { and, asc, eq, gt, sql } from 'drizzle-orm';
import { queryRows, type Db, type Tx } from '../../db/client.ts';
import { subtreeCondition } from '../auth/current-user.ts';
import { cases, petitions, visits } from '../../db/schema.ts';
import { indexMany } from './index-records.ts';

export interface ReindexOptions {
  /** Only this agency path and below (`01/00004`); the whole country when omitted. */
  agencyPath?: string;
  /** With `agencyPath`: false = that agency's own records only, not those below it (default true). */
  subtree?: boolean;
  /** Records per batch (one transaction each). */
  batch?: number;
  onProgress?: (done: number, total: number) => void;
}

export interface ReindexResult {
  cases: number;
  visits: number;
  petitions: number;
}

/** The records of one table in scope, in keyset pages by id, each page indexed in its own short transaction. */
async function walk<R extends { id: string }>(db: Db, page: (after: string | null) => Promise<R[]>, index: (tx: Tx, rows: R[]) => Promise<void>, progress: (n: number) => void): Promise<number> {
  let n = 0;
  for (let after: string | null = null; ; ) {
    const rows = await page(after);
    if (!rows.length) return n;
    await db.transaction((tx) => index(tx, rows));
    after = rows[rows.length - 1]!.id;
    n += rows.length;
    progress(rows.length);
  }
}

export async function reindexSearch(db: Db, opts: ReindexOptions = {}): Promise<ReindexResult> {
  const batch = Math.max(1, opts.batch ?? 2_000);
  const path = opts.agencyPath;
  const scope = (t: typeof cases | typeof visits | typeof petitions) => (!path ? undefined : (opts.subtree ?? true) ? subtreeCondition(path, t.agencyPath) : eq(t.agencyPath, path));
  const count = async (t: typeof cases | typeof visits | typeof petitions) =>
    Number((await queryRows<{ n: number | string }>(db, sql`select count(*) as n from ${t} where ${scope(t) ?? sql`true`}`))[0]?.n ?? 0);
  const total = (await count(cases)) + (await count(visits)) + (await count(petitions));
  let done = 0;
  opts.onProgress?.(0, total);
  const progress = (n: number) => opts.onProgress?.((done += n), Math.max(total, done));

  // Cases first: visits and petitions refer to them.
  const refresh = { refresh: true };
  return {
    cases: await walk(
      db,
      (after) => db.select().from(cases).where(and(scope(cases), after ? gt(cases.id, after) : undefined)).orderBy(asc(cases.id)).limit(batch),
      (tx, rows) => indexMany(tx, { cases: rows }, refresh),
      progress,
    ),
    visits: await walk(
      db,
      (after) => db.select().from(visits).where(and(scope(visits), after ? gt(visits.id, after) : undefined)).orderBy(asc(visits.id)).limit(batch),
      (tx, rows) => indexMany(tx, { visits: rows }, refresh),
      progress,
    ),
    petitions: await walk(
      db,
      (after) => db.select().from(petitions).where(and(scope(petitions), after ? gt(petitions.id, after) : undefined)).orderBy(asc(petitions.id)).limit(batch),
      (tx, rows) => indexMany(tx, { petitions: rows }, refresh),
      progress,
    ),
  };
}
