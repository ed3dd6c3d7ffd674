import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { agencies } from '../../db/schema.ts';
import { AppError } from '../../plugins/errors.ts';

export type AgencyRow = typeof agencies.$inferSelect;

export async function agencyByCode(db: DbOrTx, code: string): Promise<AgencyRow | undefined> {
  const [a] = await db.select().from(agencies).where(eq(agencies.code, code));
  return a;
}

/** For request bodies naming an agency: unknown code → 400 with the code in the message. */
export async function requireAgency(db: DbOrTx, code: string): Promise<AgencyRow> {
  const a = await agencyByCode(db, code);
  if (!a) throw new AppError(400, 'error.unknownAgency', { code });
  return a;
}

/** The levels of the agency tree (agencies.level holds one of them; seed-agencies writes nothing else). */
export type AgencyLevel = 'national' | 'ministry' | 'province' | 'commune';

export function presentAgency(a: AgencyRow, parentCode: string | null) {
  return {
    code: a.code,
    name: a.name,
    fullName: a.fullName,
    unitName: a.unitName,
    level: a.level as AgencyLevel,
    unitType: a.unitType,
    parentCode,
    provinceCode: a.provinceCode,
    remote: a.remote,
  };
}

export function parentCodeOf(path: string): string | null {
  const parts = path.split('/');
  return parts.length > 1 ? (parts[parts.length - 2] ?? null) : null;
}
