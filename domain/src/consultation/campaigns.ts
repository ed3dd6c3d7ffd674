/**
 * Mass campaigns (issue 21, ADR 0023): near-identical opinion texts — one letter sent by many, with a greeting added,
 * a word changed, the diacritics lost — form one group, shown once with its count and variants. Stance counts are
 * not touched (every person counts); only the reading list is grouped.
 *
 * Method: each text is folded (foldForSearch: no diacritics, đ→d, lower case, punctuation as spaces) after a leading
 * greeting and a trailing courtesy are cut, split into word 3-shingles, summarised by a 64-value MinHash signature
 * and bucketed by LSH (16 bands × 4 rows: pairs with Jaccard ≥ 0.5 meet in some band with probability > 0.98).
 * Within a bucket every text is checked against the bucket's first text by the exact Jaccard of their shingle sets;
 * at or above the threshold (default 0.5) they are joined (union-find). A bucket of n copies costs n comparisons,
 * not n², so a campaign of a million copies stays linear. Deterministic: fixed hash seeds, input order.
 */
import { foldForSearch } from '../text.ts';

export interface TextItem {
  id: string;
  text: string;
}

export interface NearDuplicateGroup {
  /** The ids of the group, in input order; the first is the representative. */
  ids: string[];
  /** Distinct texts (after cleaning white space) with how many times each was sent, most frequent first (≤ maxVariants). */
  variants: { text: string; count: number }[];
  /** Distinct texts in the group (all of them, even past maxVariants). */
  variantCount: number;
}

export interface GroupingOptions {
  /** Exact Jaccard of word 3-shingles at or above which two texts are one group (default 0.5). */
  threshold?: number;
  maxVariants?: number;
}

const GREETING = /^\s*(kinh gui|kinh thua|thua|xin chao|chao|dong kinh gui)\b[^,.:;!\n]{0,80}[,.:;!\n]+/;
const CLOSING = /(tran trong|xin tran trong cam on|xin cam on|cam on|kinh chuc)[^.!\n]{0,80}[.!]?\s*$/;

/** The text reduced to what a campaign's copies share: folded, greeting and courtesy cut. */
export function campaignCore(text: string): string {
  const lower = text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase();
  let t = lower.replace(GREETING, ' ');
  t = t.replace(CLOSING, ' ');
  const folded = foldForSearch(t);
  return folded || foldForSearch(lower);
}

function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Word 3-shingles (whole text when shorter), hashed, sorted, distinct. */
export function shingles(core: string): Uint32Array {
  const w = core.split(' ').filter(Boolean);
  const out = new Set<number>();
  if (w.length < 3) out.add(fnv1a(w.join(' ')));
  for (let i = 0; i + 3 <= w.length; i++) out.add(fnv1a(`${w[i]} ${w[i + 1]} ${w[i + 2]}`));
  return Uint32Array.from([...out].sort((a, b) => a - b));
}

export function jaccard(a: Uint32Array, b: Uint32Array): number {
  let i = 0;
  let j = 0;
  let both = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      both++;
      i++;
      j++;
    } else if (a[i]! < b[j]!) i++;
    else j++;
  }
  const union = a.length + b.length - both;
  return union ? both / union : 1;
}

const HASHES = 64;
const BANDS = 16;
const ROWS = HASHES / BANDS;
const SEEDS = Array.from({ length: HASHES }, (_, i) => fnv1a(`minhash-seed-${i}`));

function mix(x: number, seed: number): number {
  let h = (x ^ seed) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

function signature(sh: Uint32Array): Uint32Array {
  const sig = new Uint32Array(HASHES).fill(0xffffffff);
  for (const x of sh) {
    for (let k = 0; k < HASHES; k++) {
      const v = mix(x, SEEDS[k]!);
      if (v < sig[k]!) sig[k] = v;
    }
  }
  return sig;
}

export function groupNearDuplicates(items: readonly TextItem[], opts: GroupingOptions = {}): NearDuplicateGroup[] {
  const threshold = opts.threshold ?? 0.5;
  const maxVariants = opts.maxVariants ?? 5;
  const n = items.length;
  const parent = Int32Array.from({ length: n }, (_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  const union = (a: number, b: number) => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
  };
  const cores = items.map((it) => campaignCore(it.text));
  // Identical cores: one signature for all of them.
  const firstOfCore = new Map<string, number>();
  const sets: Uint32Array[] = new Array(n);
  const heads: number[] = [];
  for (let i = 0; i < n; i++) {
    const f = firstOfCore.get(cores[i]!);
    if (f !== undefined) {
      union(f, i);
      sets[i] = sets[f]!;
    } else {
      firstOfCore.set(cores[i]!, i);
      sets[i] = shingles(cores[i]!);
      heads.push(i);
    }
  }
  const buckets = new Map<string, number>();
  for (const i of heads) {
    const sig = signature(sets[i]!);
    for (let b = 0; b < BANDS; b++) {
      const key = `${b}:${Array.from(sig.subarray(b * ROWS, (b + 1) * ROWS)).join(',')}`;
      const first = buckets.get(key);
      if (first === undefined) buckets.set(key, i);
      else if (find(first) !== find(i) && jaccard(sets[first]!, sets[i]!) >= threshold) union(first, i);
    }
  }
  const groups = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const r = find(i);
    const g = groups.get(r);
    if (g) g.push(i);
    else groups.set(r, [i]);
  }
  const out: NearDuplicateGroup[] = [];
  for (const idx of groups.values()) {
    const counts = new Map<string, number>();
    for (const i of idx) {
      const t = items[i]!.text.replace(/\s+/g, ' ').trim();
      counts.set(t, (counts.get(t) ?? 0) + 1);
    }
    const variants = [...counts].map(([text, count]) => ({ text, count })).sort((a, b) => b.count - a.count || (a.text < b.text ? -1 : 1));
    out.push({ ids: idx.map((i) => items[i]!.id), variants: variants.slice(0, maxVariants), variantCount: variants.length });
  }
  // Largest first, then in input order of their first member.
  const firstIndex = new Map(items.map((it, i) => [it.id, i]));
  return out.sort((a, b) => b.ids.length - a.ids.length || firstIndex.get(a.ids[0]!)! - firstIndex.get(b.ids[0]!)!);
}
