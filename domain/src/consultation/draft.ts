/**
 * Splitting a draft (dự thảo) into addressable sections by the Vietnamese structure of legal texts
 * (PARTICIPATION.md b1): Phần › Chương › Mục › Điều › Khoản › Điểm.
 *
 * Stable ids, independent of the position in the file, so that a re-imported version finds its sections again:
 *   "Phần thứ nhất", "Chương I", "Chương I, Mục 1", "Điều 9", "Điều 9.2" (khoản 2), "Điều 9.2.a" (điểm a).
 * Article numbers run through the whole text in Vietnamese drafting practice, so the article id does not name its
 * chapter. The whole draft is the section "Toàn văn" (opinions on the whole text, its structure and technique).
 * Lines in quotation marks (an amending text quoting the article it amends) are body text, never structure.
 */
import { cleanText } from '../text.ts';

export type SectionKind = 'whole' | 'phan' | 'chuong' | 'muc' | 'dieu' | 'khoan' | 'diem';

export const WHOLE_DRAFT_KEY = 'Toàn văn';

export interface DraftSection {
  /** Stable id ("Điều 9.2"). */
  key: string;
  kind: SectionKind;
  parentKey: string | null;
  /** Position in the document (0 = the whole draft). */
  ord: number;
  /** The heading as written ("Điều 9. Mặt trận Tổ quốc Việt Nam"), or the first words of a khoản / điểm. */
  heading: string;
  /** The section's own text (without its children), lines joined by "\n". */
  body: string;
  /** The section with everything under it, white space normalised: what "unchanged" is judged on. */
  fullText: string;
}

const ROMAN = /^[IVXLC]+$/i;
const QUOTE = /^["“”'‘’«]/;

interface Match {
  kind: Exclude<SectionKind, 'whole'>;
  token: string;
  rest: string;
}

function match(line: string, inDieu: boolean, inKhoan: boolean): Match | null {
  if (QUOTE.test(line)) return null;
  let m = /^phần\s+(thứ\s+[\p{L}]+|[IVXLC]+|\d+)(?=$|[\s.:–-])[\s.:–-]*(.*)$/iu.exec(line);
  if (m) {
    const t = m[1]!;
    return { kind: 'phan', token: ROMAN.test(t) ? t.toUpperCase() : t.toLowerCase(), rest: m[2]! };
  }
  m = /^chương\s+([IVXLC]+|\d+)(?=$|[\s.:–-])[\s.:–-]*(.*)$/iu.exec(line);
  if (m) return { kind: 'chuong', token: m[1]!.toUpperCase(), rest: m[2]! };
  m = /^mục\s+(\d+)(?=$|[\s.:–-])[\s.:–-]*(.*)$/iu.exec(line);
  if (m) return { kind: 'muc', token: m[1]!, rest: m[2]! };
  m = /^điều\s+(\d+[a-zđ]?)\s*[.:]\s*(.*)$/iu.exec(line) ?? /^điều\s+(\d+[a-zđ]?)$/iu.exec(line);
  if (m) return { kind: 'dieu', token: m[1]!.toLowerCase(), rest: m[2] ?? '' };
  if (inDieu) {
    m = /^(\d{1,3})\s*[.)]\s*(.+)$/u.exec(line);
    if (m) return { kind: 'khoan', token: m[1]!, rest: m[2]! };
  }
  if (inKhoan) {
    m = /^([a-zđ]{1,2})\s*\)\s*(.+)$/u.exec(line);
    if (m) return { kind: 'diem', token: m[1]!, rest: m[2]! };
  }
  return null;
}

const shortHeading = (s: string) => (s.length > 120 ? `${s.slice(0, 117)}…` : s);

/** Splits the plain text of a draft (one paragraph per line) into its sections, the whole draft first. */
export function parseDraft(text: string): DraftSection[] {
  const lines = text
    .normalize('NFC')
    .split(/\r?\n/)
    .map((l) => cleanText(l))
    .filter((l) => l.length > 0);
  interface Open {
    s: DraftSection;
    lines: string[];
  }
  const all: Open[] = [];
  const whole: Open = { s: { key: WHOLE_DRAFT_KEY, kind: 'whole', parentKey: null, ord: 0, heading: lines[0] ?? '', body: '', fullText: '' }, lines: [] };
  all.push(whole);
  let phan: Open | null = null;
  let chuong: Open | null = null;
  let muc: Open | null = null;
  let dieu: Open | null = null;
  let khoan: Open | null = null;
  let diem: Open | null = null;
  /** A chapter/part heading on its own line: the next plain line is its title. */
  let awaitingTitle: Open | null = null;
  const used = new Set<string>([WHOLE_DRAFT_KEY]);

  const open = (kind: Exclude<SectionKind, 'whole'>, key: string, parent: Open | null, heading: string): Open => {
    let k = key;
    for (let n = 2; used.has(k); n++) k = `${key} (${n})`;
    used.add(k);
    const o: Open = { s: { key: k, kind, parentKey: (parent ?? whole).s.key, ord: all.length, heading: shortHeading(heading), body: '', fullText: '' }, lines: [] };
    all.push(o);
    return o;
  };

  for (const line of lines) {
    const m = match(line, dieu !== null, khoan !== null);
    if (!m) {
      if (awaitingTitle) {
        awaitingTitle.s.heading = shortHeading(`${awaitingTitle.s.heading}. ${line}`);
        awaitingTitle.lines.push(line);
        awaitingTitle = null;
        continue;
      }
      (diem ?? khoan ?? dieu ?? muc ?? chuong ?? phan ?? whole).lines.push(line);
      continue;
    }
    awaitingTitle = null;
    switch (m.kind) {
      case 'phan':
        phan = open('phan', `Phần ${m.token}`, null, line);
        chuong = muc = dieu = khoan = diem = null;
        if (!m.rest) awaitingTitle = phan;
        phan.lines.push(line);
        break;
      case 'chuong':
        chuong = open('chuong', `Chương ${m.token}`, phan, line);
        muc = dieu = khoan = diem = null;
        if (!m.rest) awaitingTitle = chuong;
        chuong.lines.push(line);
        break;
      case 'muc':
        muc = open('muc', chuong ? `${chuong.s.key}, Mục ${m.token}` : `Mục ${m.token}`, chuong ?? phan, line);
        dieu = khoan = diem = null;
        if (!m.rest) awaitingTitle = muc;
        muc.lines.push(line);
        break;
      case 'dieu':
        dieu = open('dieu', `Điều ${m.token}`, muc ?? chuong ?? phan, line);
        khoan = diem = null;
        dieu.lines.push(line);
        break;
      case 'khoan':
        khoan = open('khoan', `${dieu!.s.key}.${m.token}`, dieu, line);
        diem = null;
        khoan.lines.push(line);
        break;
      case 'diem':
        diem = open('diem', `${khoan!.s.key}.${m.token}`, khoan, line);
        diem.lines.push(line);
        break;
    }
  }

  // Own text, then the text of each subtree (children follow their parent in document order).
  for (const o of all) o.s.body = o.lines.join('\n');
  const children = new Map<string, Open[]>();
  for (const o of all) if (o.s.parentKey) children.set(o.s.parentKey, [...(children.get(o.s.parentKey) ?? []), o]);
  const full = (o: Open): string => [o.s.body, ...(children.get(o.s.key) ?? []).map(full)].filter(Boolean).join('\n');
  for (const o of all) o.s.fullText = full(o).replace(/\s+/g, ' ').trim();
  return all.map((o) => o.s);
}

/** Article count and khoản per article: a quick summary shown after an import. */
export function draftOutline(sections: readonly DraftSection[]): { articles: number; clauses: number; chapters: number } {
  return {
    articles: sections.filter((s) => s.kind === 'dieu').length,
    clauses: sections.filter((s) => s.kind === 'khoan').length,
    chapters: sections.filter((s) => s.kind === 'chuong').length,
  };
}
