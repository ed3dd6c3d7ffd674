/**
 * `danvan search reindex` (issue 18, ADR 0022): rebuilds the search documents and same-matter facts of every case,
 * visit and petition, and the documents of every dialogue, commitment and consultation (amendment 2026-12-06, third) — of the whole country or of one agency's subtree — from the records themselves, in batches
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
import { cases, commitments, consultations, dialogues, petitions, visits } from '../../db/schema.ts';
import { indexMany } from './index-records.ts';

export interface ReindexOptions {
  /** Only this agency path and below (`01/00004`); the whole country when omitted. */
  agencyPath?: string;
  /** With `agencyPath`: false = that agency's own records only, not those below it (default true). */
  subtree?: boolean;
  /** Only these kinds of record (all when omitted): the national generator indexes its dialogues after them. */
  only?: readonly (keyof ReindexResult)[];
  /** Records per batch (one transaction each). */
  batch?: number;
  onProgress?: (done: number, total: number) => void;
}

export interface ReindexResult {
  cases: number;
  visits: number;
  petitions: number;
  dialogues: number;
  commitments: number;
  consultations: number;
}

/** The records of one table in scope, in keyset pages by id, each page indexed in its own short transaction. */
async function walk<R extends { id: string }>(wanted: boolean, db: Db, page: (after: string | null) => Promise<R[]>, index: (tx: Tx, rows: R[]) => Promise<void>, progress: (n: number) => void): Promise<number> {
  if (!wanted) return 0;
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
  type Scoped = typeof cases | typeof visits | typeof petitions | typeof dialogues | typeof commitments | typeof consultations;
  const scope = (t: Scoped) => (!path ? undefined : (opts.subtree ?? true) ? subtreeCondition(path, t.agencyPath) : eq(t.agencyPath, path));
  const count = async (t: Scoped) =>
    Number((await queryRows<{ n: number | string }>(db, sql`select count(*) as n from ${t} where ${scope(t) ?? sql`true`}`))[0]?.n ?? 0);
  const wanted = (k: keyof ReindexResult) => !opts.only || opts.only.includes(k);
  const tables = { cases, visits, petitions, dialogues, commitments, consultations } as const;
  let total = 0;
  for (const [k, t] of Object.entries(tables)) if (wanted(k as keyof ReindexResult)) total += await count(t);
  let done = 0;
  opts.onProgress?.(0, total);
  const progress = (n: number) => opts.onProgress?.((done += n), Math.max(total, done));

  // Cases first: visits and petitions refer to them.
  const refresh = { refresh: true };
  return {
    cases: await walk(
      wanted('cases'),
      db,
      (after) => db.select().from(cases).where(and(scope(cases), after ? gt(cases.id, after) : undefined)).orderBy(asc(cases.id)).limit(batch),
      (tx, rows) => indexMany(tx, { cases: rows }, refresh),
      progress,
    ),
    visits: await walk(
      wanted('visits'),
      db,
      (after) => db.select().from(visits).where(and(scope(visits), after ? gt(visits.id, after) : undefined)).orderBy(asc(visits.id)).limit(batch),
      (tx, rows) => indexMany(tx, { visits: rows }, refresh),
      progress,
    ),
    petitions: await walk(
      wanted('petitions'),
      db,
      (after) => db.select().from(petitions).where(and(scope(petitions), after ? gt(petitions.id, after) : undefined)).orderBy(asc(petitions.id)).limit(batch),
      (tx, rows) => indexMany(tx, { petitions: rows }, refresh),
      progress,
    ),
    dialogues: await walk(
      wanted('dialogues'),
      db,
      (after) => db.select().from(dialogues).where(and(scope(dialogues), after ? gt(dialogues.id, after) : undefined)).orderBy(asc(dialogues.id)).limit(batch),
      (tx, rows) => indexMany(tx, { dialogues: rows }, refresh),
      progress,
    ),
    // A commitment's document is under its organiser's path (commitments.agency_path), with the dialogue's agency id.
    commitments: await walk(
      wanted('commitments'),
      db,
      async (after) =>
        (
          await db
            .select({ c: commitments, agencyId: dialogues.agencyId })
            .from(commitments)
            .innerJoin(dialogues, eq(dialogues.id, commitments.dialogueId))
            .where(and(scope(commitments), after ? gt(commitments.id, after) : undefined))
            .orderBy(asc(commitments.id))
            .limit(batch)
        ).map((r) => ({ ...r.c, agencyId: r.agencyId })),
      (tx, rows) => indexMany(tx, { commitments: rows }, refresh),
      progress,
    ),
    consultations: await walk(
      wanted('consultations'),
      db,
      (after) => db.select().from(consultations).where(and(scope(consultations), after ? gt(consultations.id, after) : undefined)).orderBy(asc(consultations.id)).limit(batch),
      (tx, rows) => indexMany(tx, { consultations: rows }, refresh),
      progress,
    ),
  };
}
