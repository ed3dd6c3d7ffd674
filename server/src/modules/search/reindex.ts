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
import { and, asc, gt, like, or, eq, sql, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { queryRows, type Db } from '../../db/client.ts';
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

function within(column: PgColumn, path: string | undefined, subtree: boolean): SQL | undefined {
  if (!path) return undefined;
  return subtree ? or(eq(column, path), like(column, `${path}/%`)) : eq(column, path);
}

export async function reindexSearch(db: Db, opts: ReindexOptions = {}): Promise<ReindexResult> {
  const batch = Math.max(1, opts.batch ?? 2_000);
  const scope = (t: typeof cases | typeof visits | typeof petitions) => within(t.agencyPath, opts.agencyPath, opts.subtree ?? true);
  const count = async (t: typeof cases | typeof visits | typeof petitions) =>
    Number((await queryRows<{ n: number | string }>(db, sql`select count(*) as n from ${t} where ${scope(t) ?? sql`true`}`))[0]?.n ?? 0);
  const total = (await count(cases)) + (await count(visits)) + (await count(petitions));
  const result: ReindexResult = { cases: 0, visits: 0, petitions: 0 };
  let done = 0;
  opts.onProgress?.(0, total);

  // Cases first: visits and petitions refer to them.
  let after: string | null = null;
  for (;;) {
    const rows = await db.select().from(cases).where(and(scope(cases), after ? gt(cases.id, after) : undefined)).orderBy(asc(cases.id)).limit(batch);
    if (!rows.length) break;
    await db.transaction((tx) => indexMany(tx, { cases: rows }, { refresh: true }));
    after = rows[rows.length - 1]!.id;
    result.cases += rows.length;
    opts.onProgress?.((done += rows.length), Math.max(total, done));
  }
  after = null;
  for (;;) {
    const rows = await db.select().from(visits).where(and(scope(visits), after ? gt(visits.id, after) : undefined)).orderBy(asc(visits.id)).limit(batch);
    if (!rows.length) break;
    await db.transaction((tx) => indexMany(tx, { visits: rows }, { refresh: true }));
    after = rows[rows.length - 1]!.id;
    result.visits += rows.length;
    opts.onProgress?.((done += rows.length), Math.max(total, done));
  }
  after = null;
  for (;;) {
    const rows = await db.select().from(petitions).where(and(scope(petitions), after ? gt(petitions.id, after) : undefined)).orderBy(asc(petitions.id)).limit(batch);
    if (!rows.length) break;
    await db.transaction((tx) => indexMany(tx, { petitions: rows }, { refresh: true }));
    after = rows[rows.length - 1]!.id;
    result.petitions += rows.length;
    opts.onProgress?.((done += rows.length), Math.max(total, done));
  }
  return result;
}
