/** Row keys of earlier imports: which of these keys an agency already imported, and when. */
import { and, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { importRows } from '../../db/schema.ts';

const CHUNK = 5_000;

export async function importedRowKeys(db: DbOrTx, agencyId: string, target: 'register' | 'cases', keys: readonly string[]): Promise<Map<string, Date>> {
  const seen = new Map<string, Date>();
  const unique = [...new Set(keys)];
  for (let i = 0; i < unique.length; i += CHUNK) {
    const rows = await db
      .select({ rowKey: importRows.rowKey, createdAt: importRows.createdAt })
      .from(importRows)
      .where(and(eq(importRows.agencyId, agencyId), eq(importRows.target, target), inArray(importRows.rowKey, unique.slice(i, i + CHUNK))));
    for (const r of rows) if (!seen.has(r.rowKey)) seen.set(r.rowKey, r.createdAt);
  }
  return seen;
}
