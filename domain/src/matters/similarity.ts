/**
 * Same-matter detection, part 2: the score of two letters and the reasons in words (issue 18, ADR 0022).
 *
 * - The text is folded (no diacritics, đ = d), abbreviations are spelled out (UBND, QĐ, "sổ đỏ", TP, GCN…),
 *   greetings, closings and the sender's self-introduction are dropped, then compared as a SET of word trigrams of
 *   characters (the method of pg_trgm: robust to typos, missing diacritics and sentence order) — `textSimilarity`.
 * - The facts (decision numbers, parcels, streets, accused) either agree — a reason and a bonus — or contradict:
 *   two letters citing different decisions, parcels, streets or accused are different matters whatever the words.
 */
import { foldForSearch } from '../text.ts';
import { extractEntities, sameParcel, samePerson, sameStreet, type MatterEntities } from './entities.ts';

/** Folded abbreviations → their words (applied on folded text, whole words). */
const ABBREVIATIONS: [RegExp, string][] = [
  [/\bubnd\b/g, 'uy ban nhan dan'],
  [/\bhdnd\b/g, 'hoi dong nhan dan'],
  [/\bqd\b/g, 'quyet dinh'],
  [/\bnq\b/g, 'nghi quyet'],
  [/\btp\b/g, 'thanh pho'],
  [/\bp\b/g, 'phuong'],
  [/\bq\b/g, 'quan'],
  [/\btx\b/g, 'thi xa'],
  [/\btt\b/g, 'thi tran'],
  [/\bgcn\b/g, 'giay chung nhan'],
  [/\bgcnqsdd\b/g, 'giay chung nhan quyen su dung dat'],
  [/\bqsdd\b/g, 'quyen su dung dat'],
  [/\bso do\b/g, 'giay chung nhan quyen su dung dat'],
  [/\bso hong\b/g, 'giay chung nhan quyen su dung dat'],
  [/\btbd\b/g, 'to ban do'],
  [/\bcb\b/g, 'can bo'],
  [/\bcq\b/g, 'co quan'],
  [/\bk\b/g, 'khong'],
  [/\bko\b/g, 'khong'],
  [/\bkhg\b/g, 'khong'],
  [/\bdc\b/g, 'duoc'],
  [/\bđc\b/g, 'duoc'],
  [/\bvs\b/g, 'voi'],
  [/\bng\b/g, 'nguoi'],
  [/\btrieu dong\b/g, 'trieu'],
];

/** Words of form letters, not of the matter: greetings, closings, the sender's presentation. */
const FORM_PHRASES: RegExp[] = [
  /\bcong hoa xa hoi chu nghia viet nam\b/g,
  /\bdoc lap tu do hanh phuc\b/g,
  /\bdon (khieu nai|to cao|kien nghi|phan anh|de nghi)\b/g,
  /\bkinh gui\b[^.\n:]*[:.\n]?/g,
  /\b(toi|chung toi|em) (xin )?(chan thanh )?(cam on|tran trong cam on)[^.\n]*/g,
  /\b(xin )?(tran trong|chan thanh) cam on\b[^.\n]*/g,
  /\bkinh (mong|de nghi|de nghi|xin)\b/g,
  /\bxin tran trong\b/g,
  /\bnguoi (viet|lam|lam) don\b[^.\n]*/g,
  /\b(toi|chung toi) (ten )?la\b[^.\n,]*/g,
  /\b(sinh nam|nam sinh)\s*\d{4}\b/g,
  /\b(cccd|cmnd|can cuoc( cong dan)?)( so)?\s*\d+/g,
  /\b(so dien thoai|dien thoai|sdt|dt)\s*[\d .]+/g,
  /\b(ho khau thuong tru|thuong tru|dia chi lien he|cu tru) tai\b[^.\n]*/g,
  /\b(xin )?cam on\b/g,
  /\bnguoi cung ky\b[^\n]*/g,
];

const STOP = new Set('va la cua cac nhung mot duoc cho voi da dang se bi thi ma nay do tai o trong tren ve den tu co khong de nen can theo nhu'.split(' '));

/** The words of the matter: folded, abbreviations spelled out, form phrases and stop words dropped. */
export function matterWords(text: string): string[] {
  let f = text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}.:\n]+/gu, ' ');
  for (const re of FORM_PHRASES) f = f.replace(re, ' ');
  f = foldForSearch(f);
  for (const [re, words] of ABBREVIATIONS) f = f.replace(re, words);
  return f.split(' ').filter((w) => w && !STOP.has(w));
}

/** pg_trgm's trigrams of a word list: each word padded "  w " and cut in threes. */
export function trigrams(words: readonly string[]): Set<string> {
  const s = new Set<string>();
  for (const w of words) {
    const p = `  ${w} `;
    for (let i = 0; i + 3 <= p.length; i++) s.add(p.slice(i, i + 3));
  }
  return s;
}

function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (!a.size || !b.size) return 0;
  let inter = 0;
  for (const g of a) if (b.has(g)) inter++;
  return inter / (a.size + b.size - inter);
}

/** Overlap coefficient: the share of the shorter letter found in the longer one (a short note vs a long letter). */
function overlap(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (!a.size || !b.size) return 0;
  let inter = 0;
  for (const g of a) if (b.has(g)) inter++;
  return inter / Math.min(a.size, b.size);
}

/** Text closeness of two letters in [0, 1]: mean of the trigram Jaccard and the overlap coefficient. */
export function textSimilarity(a: string | ReadonlySet<string>, b: string | ReadonlySet<string>): number {
  const A = typeof a === 'string' ? matterGrams(a) : a;
  const B = typeof b === 'string' ? matterGrams(b) : b;
  return (jaccard(A, B) + overlap(A, B)) / 2;
}

/** The trigram set of a letter's matter words (computed once for a letter compared with many). */
export function matterGrams(text: string): Set<string> {
  return trigrams(matterWords(text));
}

export type MatterReason = 'same-decision' | 'same-parcel' | 'same-address' | 'same-accused' | 'same-text' | 'same-person';

/** The reasons in words (SPEC: Vietnamese first). */
export const REASON_LABELS: Record<MatterReason, { vi: string; en: string }> = {
  'same-decision': { vi: 'cùng số quyết định', en: 'same decision number' },
  'same-parcel': { vi: 'cùng thửa đất', en: 'same land parcel' },
  'same-address': { vi: 'cùng địa chỉ', en: 'same address' },
  'same-accused': { vi: 'cùng người bị tố cáo', en: 'same accused' },
  'same-text': { vi: 'nội dung trùng', en: 'text overlap' },
  'same-person': { vi: 'cùng người gửi', en: 'same person' },
};

export type MatterConflict = 'decision' | 'parcel' | 'street' | 'person';

export interface MatterScore {
  score: number;
  text: number;
  reasons: MatterReason[];
  /** Facts that differ: any one of them makes the pair different matters. */
  conflicts: MatterConflict[];
}

/**
 * The decision threshold, chosen on the labelled set (server/test/fixtures/duplicates/pairs.json) by
 * `npm run bench -- duplicates`; see ADR 0022. A score at or above it is "same matter".
 */
export const SAME_MATTER_THRESHOLD = 0.55;
/** Text closeness alone that counts as the reason "nội dung trùng". */
const TEXT_REASON = 0.45;

type Cmp = 'agree' | 'conflict' | 'none';
function compare(a: readonly string[], b: readonly string[], same: (x: string, y: string) => boolean = (x, y) => x === y): Cmp {
  if (!a.length || !b.length) return 'none';
  return a.some((x) => b.some((y) => same(x, y))) ? 'agree' : 'conflict';
}

export interface ScoreOptions {
  samePerson?: boolean;
}

/** Score two letters (or a letter and a case) given their texts, or their already extracted entities. */
export function scoreMatter(
  a: { text: string; entities?: MatterEntities; grams?: ReadonlySet<string> },
  b: { text: string; entities?: MatterEntities; grams?: ReadonlySet<string> },
  opts: ScoreOptions = {},
): MatterScore {
  const ea = a.entities ?? extractEntities(a.text);
  const eb = b.entities ?? extractEntities(b.text);
  const text = textSimilarity(a.grams ?? a.text, b.grams ?? b.text);
  const reasons: MatterReason[] = [];
  const conflicts: MatterConflict[] = [];
  let bonus = 0;
  const dec = compare(ea.decisions, eb.decisions);
  const par = compare(ea.parcels, eb.parcels, sameParcel);
  const str = compare(ea.streets, eb.streets, sameStreet);
  const ppl = compare(ea.people, eb.people, samePerson);
  const agree = (reason: MatterReason, weight: number) => {
    reasons.push(reason);
    bonus += weight;
  };
  if (dec === 'agree') agree('same-decision', 0.25);
  if (par === 'agree') agree('same-parcel', 0.25);
  if (str === 'agree') agree('same-address', 0.15);
  if (ppl === 'agree') agree('same-accused', 0.2);
  if (dec === 'conflict') conflicts.push('decision');
  if (par === 'conflict') conflicts.push('parcel');
  if (str === 'conflict' && par !== 'agree' && dec !== 'agree') conflicts.push('street');
  if (ppl === 'conflict' && dec !== 'agree' && par !== 'agree') conflicts.push('person');
  if (text >= TEXT_REASON) reasons.push('same-text');
  if (opts.samePerson) agree('same-person', 0.1);
  // Facts only count with some shared words: two letters about decision 12 of different agencies are rare, but a
  // bare "same street" between unrelated complaints is common.
  const gated = text >= 0.2 ? bonus : bonus / 3;
  let score = Math.min(1, text + gated);
  if (conflicts.length) score = Math.min(score, SAME_MATTER_THRESHOLD - 0.01) * 0.5;
  return { score: Math.round(score * 1000) / 1000, text: Math.round(text * 1000) / 1000, reasons, conflicts };
}

/** Reasons in the reader's language, joined: "cùng số quyết định, cùng thửa đất". */
export function reasonText(reasons: readonly MatterReason[], lang: 'vi' | 'en' = 'vi'): string {
  return reasons.map((r) => REASON_LABELS[r][lang]).join(', ');
}
