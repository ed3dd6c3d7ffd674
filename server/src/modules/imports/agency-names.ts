/**
 * The receiving agency of a forwarded row, as clerks write it: its code ("00008", "(00008)"), its official name
 * ("Phường Ngọc Hà"), or the name of its people's committee ("UBND phường Ngọc Hà", "Ủy ban nhân dân TP Hà Nội"),
 * with or without diacritics. A name several agencies share (there are many «Phường Tân Phú») is taken in the
 * importing agency's province when it is unique there; otherwise the row asks for the province or the code.
 */
import { foldForSearch } from '@danvan/domain/text';
import type { DbOrTx } from '../../db/client.ts';
import { agencies } from '../../db/schema.ts';
import type { AgencyRow } from '../agencies/queries.ts';

export type AgencyLookup = { agency: AgencyRow } | { issue: 'import.agencyUnknown' | 'import.agencyAmbiguous' | 'import.agencySelf'; params: Record<string, string | number> };

/** Folded, with the usual abbreviations spelt out and the people's-committee words dropped. */
export function agencyNameKey(text: string): string {
  return foldForSearch(text)
    .replace(/[.,;:()"'«»]/g, ' ')
    .replace(/\bubnd\b/g, 'uy ban nhan dan')
    .replace(/\btp\b/g, 'thanh pho')
    .replace(/^\s*(uy ban nhan dan)\s+/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

export async function resolveAgencies(db: DbOrTx, importing: AgencyRow, texts: readonly string[]): Promise<Map<string, AgencyLookup>> {
  const out = new Map<string, AgencyLookup>();
  if (!texts.length) return out;
  // Every agency once (about 3,400 rows: the official tree and the ministries), indexed by its name keys.
  const all: AgencyRow[] = await db.select().from(agencies);
  const byKey = new Map<string, AgencyRow[]>();
  const provinceKeys: [string, string][] = [];
  for (const a of all) {
    for (const k of new Set([agencyNameKey(a.unitName), agencyNameKey(a.fullName)])) byKey.set(k, [...(byKey.get(k) ?? []), a]);
    if (a.level === 'province') for (const k of new Set([agencyNameKey(a.name), agencyNameKey(a.unitName)])) provinceKeys.push([k, a.code]);
  }
  for (const text of new Set(texts)) {
    const code = /^\(?\s*([0-9A-Z]{2,10})\s*\)?$/.exec(text.trim())?.[1];
    const key = agencyNameKey(text);
    let hits = code ? all.filter((a) => a.code === code) : [];
    if (!hits.length && key) hits = byKey.get(key) ?? [];
    // "Phường Ngọc Hà, TP Hà Nội": the name, then its province.
    if (!hits.length && key) {
      for (const [pk, pcode] of provinceKeys) {
        if (key.endsWith(` ${pk}`)) hits.push(...(byKey.get(key.slice(0, -pk.length - 1).trim()) ?? []).filter((a) => a.provinceCode === pcode));
      }
      hits = [...new Set(hits)];
    }
    if (hits.length > 1) {
      const near = hits.filter((a) => a.provinceCode !== null && a.provinceCode === (importing.provinceCode ?? importing.code));
      if (near.length === 1) hits = near;
    }
    if (hits.length === 1 && hits[0]!.id === importing.id) out.set(text, { issue: 'import.agencySelf', params: {} });
    else if (hits.length === 1) out.set(text, { agency: hits[0]! });
    else if (hits.length === 0) out.set(text, { issue: 'import.agencyUnknown', params: { value: text } });
    else out.set(text, { issue: 'import.agencyAmbiguous', params: { value: text, count: hits.length, examples: hits.slice(0, 3).map((a) => `${a.unitName} – ${a.code}`).join('; ') } });
  }
  return out;
}
