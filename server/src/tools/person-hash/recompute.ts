/**
 * Recomputes `sealed_identities.person_hash` from the sealed boxes (ADR 0011): after upgrading a database whose
 * sealed identities predate the column (NULL), and after the person key changed (every stored hash is stale). Each
 * box is opened with the seal keys, the person's hash recomputed with the current person key and written where it
 * differs. Batches in key order, one transaction each, with one hash-chained audit row per batch that changed
 * something (counts only, never a hash or an identity). Idempotent: a second run changes nothing.
 * New identities are written by the running server with its key: run this after every process uses the new key.
 */
import { asc, count, gt, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { sealedIdentities } from '../../db/schema.ts';
import type { PersonIdentity } from '../../modules/cases/open-case.ts';
import type { PersonHasher } from '../../security/person-hash.ts';
import type { Sealer } from '../../security/sealer.ts';
import { writeAudit } from '../../modules/audit/write-audit.ts';

export interface RecomputeOptions {
  batch?: number;
  dryRun?: boolean;
  now?: () => Date;
  actorName?: string;
  onProgress?: (done: number, total: number) => void;
}

export interface RecomputeResult {
  scanned: number;
  /** Rows whose hash was (or, in a dry run, would be) written. */
  changed: number;
  /** Of which: rows that had no hash before (identities sealed before the column existed). */
  filled: number;
  /** Boxes under a seal key id that is not configured: left as they are. */
  unopenable: number;
  dryRun: boolean;
}

export async function recomputePersonHashes(db: Db, secrets: { sealer: Sealer; personHasher: PersonHasher }, options: RecomputeOptions = {}): Promise<RecomputeResult> {
  const batch = options.batch ?? 1000;
  const now = options.now ?? (() => new Date());
  const result: RecomputeResult = { scanned: 0, changed: 0, filled: 0, unopenable: 0, dryRun: options.dryRun ?? false };
  const [total] = await db.select({ n: count() }).from(sealedIdentities);
  const known = new Set(secrets.sealer.keyIds);
  let after: string | null = null;
  for (;;) {
    const last: string | null = after;
    const done = await db.transaction(async (tx) => {
      const rows = await tx
        .select()
        .from(sealedIdentities)
        .where(last === null ? undefined : gt(sealedIdentities.id, last))
        .orderBy(asc(sealedIdentities.id))
        .limit(batch);
      if (!rows.length) return true;
      after = rows[rows.length - 1]!.id;
      const changes: { id: string; h: string | null }[] = [];
      let filled = 0;
      for (const r of rows) {
        if (!known.has(r.keyId)) {
          result.unopenable++;
          continue;
        }
        const person = JSON.parse(secrets.sealer.open(r)) as PersonIdentity;
        const h = secrets.personHasher.hash(person);
        if (h === r.personHash) continue;
        changes.push({ id: r.id, h });
        if (r.personHash === null) filled++;
      }
      result.scanned += rows.length;
      result.changed += changes.length;
      result.filled += filled;
      if (changes.length && !result.dryRun) {
        await tx.execute(sql`
          update sealed_identities s set person_hash = x.h
          from json_to_recordset(${JSON.stringify(changes)}::json) as x(id uuid, h text)
          where s.id = x.id`);
        await writeAudit(tx, {
          at: now(),
          actorId: null,
          actorName: options.actorName ?? 'danvan person-hash recompute',
          agencyId: null,
          entity: 'sealed-store',
          entityId: 'sealed_identities',
          action: 'person-hash.recompute.batch',
          summary: `Tính lại mã băm danh tính người tố cáo: ${changes.length} hộp (${filled} chưa có mã băm)`,
          after: { rows: changes.length, filled },
        });
      }
      return rows.length < batch;
    });
    options.onProgress?.(result.scanned, Number(total?.n ?? 0));
    if (done) return result;
  }
}
