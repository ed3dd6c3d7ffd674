/**
 * Seeds the agency tree on first start: the national root (Chính phủ) and the ministries / ministerial-level
 * agencies, 34 provinces and 3,321 communes, each province and commune represented by its People's Committee
 * (Ủy ban nhân dân), the body that receives citizens. Idempotent: does nothing when agencies exist.
 */
import { sql } from 'drizzle-orm';
import { compareVi, foldForSearch } from '@danvan/domain/text';
import { queryRows, type Db } from '../../db/client.ts';
import { agencies } from '../../db/schema.ts';
import { nationalAgencies, officialCommunes, officialProvinces } from './official-data.ts';

type NewAgency = typeof agencies.$inferInsert;

/** Special zones (đặc khu) are island units: flagged remote by default; an admin can change any flag. */
const REMOTE_BY_DEFAULT = new Set(['dac-khu']);

function sortKeys<T>(items: T[], name: (t: T) => string): Map<T, number> {
  const sorted = [...items].sort((a, b) => compareVi(name(a), name(b)));
  return new Map(sorted.map((t, i) => [t, i]));
}

export async function seedAgencies(db: Db, onProgress?: (done: number, total: number) => void): Promise<number> {
  const [existing] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from agencies`);
  if (Number(existing?.n) > 0) return 0;

  const national = nationalAgencies();
  const provinces = officialProvinces();
  const communes = officialCommunes();
  const root = national.find((n) => n.level === 'national');
  if (!root) throw new Error('national.csv has no national root');

  const rows: NewAgency[] = [];
  const rootRow: NewAgency = {
    code: root.code,
    path: root.code,
    level: 'national',
    name: root.shortName,
    fullName: root.fullName,
    unitName: root.fullName,
    unitType: root.unitType,
    searchKey: foldForSearch(`${root.fullName} ${root.code}`),
  };
  rows.push(rootRow);
  const ministries = national.filter((n) => n.level === 'ministry');
  const mKeys = sortKeys(ministries, (m) => m.fullName);
  for (const m of ministries) {
    rows.push({
      code: m.code,
      path: `${root.code}/${m.code}`,
      level: 'ministry',
      name: m.shortName,
      fullName: m.fullName,
      unitName: m.fullName,
      unitType: m.unitType,
      searchKey: foldForSearch(`${m.fullName} ${m.code}`),
      sortKey: mKeys.get(m) ?? 0,
    });
  }
  const pKeys = sortKeys(provinces, (p) => p.name);
  for (const p of provinces) {
    rows.push({
      code: p.code,
      path: `${root.code}/${p.code}`,
      level: 'province',
      name: p.name,
      fullName: `Ủy ban nhân dân ${p.fullName}`,
      unitName: p.fullName,
      unitType: p.type,
      provinceCode: p.code,
      searchKey: foldForSearch(`${p.fullName} ${p.name} ${p.code}`),
      sortKey: pKeys.get(p) ?? 0,
    });
  }
  const byProvince = new Map<string, typeof communes>();
  for (const c of communes) byProvince.set(c.provinceCode, [...(byProvince.get(c.provinceCode) ?? []), c]);
  for (const [provinceCode, list] of byProvince) {
    const cKeys = sortKeys(list, (c) => c.name);
    for (const c of list) {
      rows.push({
        code: c.code,
        path: `${root.code}/${provinceCode}/${c.code}`,
        level: 'commune',
        name: c.name,
        fullName: `Ủy ban nhân dân ${c.fullName}`,
        unitName: c.fullName,
        unitType: c.type,
        provinceCode,
        remote: REMOTE_BY_DEFAULT.has(c.type),
        searchKey: foldForSearch(`${c.fullName} ${c.name} ${c.code}`),
        sortKey: cKeys.get(c) ?? 0,
      });
    }
  }

  await db.transaction(async (tx) => {
    const batch = 500;
    for (let i = 0; i < rows.length; i += batch) {
      await tx.insert(agencies).values(rows.slice(i, i + batch));
      onProgress?.(Math.min(i + batch, rows.length), rows.length);
    }
    // Parent links from the paths, in one statement.
    await tx.execute(sql`
      update agencies c set parent_id = p.id
      from agencies p
      where p.path = regexp_replace(c.path, '/[^/]+$', '') and c.path like '%/%'`);
  });
  return rows.length;
}
