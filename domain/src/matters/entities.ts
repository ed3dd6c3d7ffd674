/**
 * Same-matter detection, part 1: the facts of a letter that decide whether two letters are one matter (issue 18).
 * Pure functions over the text: decision numbers ("12/QĐ-UBND", "QD 12/QD-UBND", "quyết định số 12"), land parcels
 * with their map sheet ("thửa đất số 45, tờ bản đồ số 7", "thua 45 to 7"), streets ("phố Đội Cấn", "duong Nguyen
 * Trai"), officials named as accused ("ông Nguyễn Văn A"), amounts ("50.000.000 đồng", "50 triệu").
 * Everything is compared folded (no diacritics, đ = d, lower case), so an unaccented letter gives the same values.
 */

/** Folded but keeps "/" and "-" and "," and "." (decision numbers, amounts, sentence breaks). */
export function foldKeepPunct(input: string): string {
  return input
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}/,.:;\-\n]+/gu, ' ')
    .replace(/ +/g, ' ');
}

/** Diacritics stripped, case kept (names are told by their capitals). */
function stripMarks(input: string): string {
  return input.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D');
}

export interface MatterEntities {
  /** "12/qd" (number / document type), year dropped: letters cite the same decision with and without it. */
  decisions: string[];
  /** "45/7" (parcel / map sheet) or "45/" when the sheet is not given. */
  parcels: string[];
  /** Folded street names: "doi can", "nguyen trai". */
  streets: string[];
  /** Folded names of people the letter names with ông/bà (other than titles): "nguyen van a". */
  people: string[];
  /** Amounts in đồng: "50000000". */
  amounts: string[];
}

export type EntityKind = keyof MatterEntities;
export const ENTITY_KINDS: readonly EntityKind[] = ['decisions', 'parcels', 'streets', 'people', 'amounts'];

const DOC_TYPES = 'qd|nq|tb|kl|cv|ct|qđ|bb|hd';
const TYPE_WORDS: [RegExp, string][] = [
  [/quyet dinh/g, 'qd'],
  [/nghi quyet/g, 'nq'],
  [/thong bao/g, 'tb'],
  [/ket luan/g, 'kl'],
  [/cong van/g, 'cv'],
];

function uniq(xs: string[]): string[] {
  return [...new Set(xs)].sort();
}

function decisions(f: string): string[] {
  const out: string[] = [];
  // "12/qd-ubnd", "12/2023/qd-ubnd", "12 / qd ubnd"
  const slash = new RegExp(`(?<![\\d/])(\\d{1,6})\\s*/\\s*(?:(?:19|20)\\d\\d\\s*/\\s*)?(${DOC_TYPES})\\b`, 'g');
  for (const m of f.matchAll(slash)) out.push(`${Number(m[1])}/${m[2]}`);
  // "quyet dinh so 12", "qd so 12", "qd 12 ngay" (the number without a slash form)
  let g = f;
  for (const [re, abbr] of TYPE_WORDS) g = g.replace(re, abbr);
  const word = new RegExp(`\\b(${DOC_TYPES})\\s+(?:so\\s+)?(\\d{1,6})(?!\\d)(?!\\s*/\\s*\\d)(?:\\s*/\\s*(?:(?:19|20)\\d\\d\\s*/\\s*)?(${DOC_TYPES}))?`, 'g');
  for (const m of g.matchAll(word)) {
    const type = m[3] ?? m[1]!;
    out.push(`${Number(m[2])}/${type}`);
  }
  return uniq(out);
}

function parcels(f: string): string[] {
  const out: string[] = [];
  // "thua (dat) (so) 45 (,) to (ban do) (so) 7"; "to ban do so 7 thua 45" also
  const re = /\bthua(?:\s+dat)?(?:\s+so)?\s*(\d{1,5})(?:\s*[,;-]?\s*(?:thuoc\s+)?(?:to|to ban do|tbd)(?:\s+ban do)?(?:\s+so)?\s*(\d{1,4}))?/g;
  for (const m of f.matchAll(re)) out.push(`${Number(m[1])}/${m[2] ? Number(m[2]) : ''}`);
  const rev = /\bto\s+ban\s+do(?:\s+so)?\s*(\d{1,4})\s*[,;-]?\s*thua(?:\s+dat)?(?:\s+so)?\s*(\d{1,5})/g;
  for (const m of f.matchAll(rev)) out.push(`${Number(m[2])}/${Number(m[1])}`);
  // keep "45/" only when no "45/<sheet>" is there
  const full = new Set(out.filter((p) => !p.endsWith('/')).map((p) => p.split('/')[0]));
  return uniq(out.filter((p) => !p.endsWith('/') || !full.has(p.slice(0, -1))));
}

/** Words that end a street name (letters written without capitals). */
const STREET_STOP = new Set(
  'so thuoc phuong quan huyen xa thi tran tinh thanh tp pho duong ngo ngach hem cua va da bi nay tai o la nha dat thua to cho nen de khi tu den voi nhung cac mot hai ba bon nam gan canh doan khu vuc truoc sau ben tren duoi dang khong chua rat nhieu hong xuong cap mat tham khac con nua ma lai moi kinh gui toi chung hien ngay thi co cu mo xay hoat chay bat lien'.split(
    ' ',
  ),
);
/** Words after "đường" that say it is not a street ("đường ống", "đường dây"). */
const NOT_A_STREET = new Set('ong day dien sat bo thuy dan di ray cao noi giao xa lang ke'.split(' '));
const STREET_KINDS = new Set(['pho', 'duong', 'ngo', 'ngach', 'hem', 'thon', 'xom', 'ap']);
const PLACE_WORDS = new Set(['Phuong', 'Quan', 'Xa', 'Huyen', 'Tinh', 'Thanh', 'TP', 'Thi', 'UBND']);

function streets(text: string): string[] {
  const out: string[] = [];
  // Tokens with their case, punctuation as its own token (a comma ends a name).
  const toks = stripMarks(text)
    .replace(/([,.;:()/\n-])/g, ' $1 ')
    .split(/\s+/)
    .filter(Boolean);
  // A letter written without capitals (unaccented, typed on a phone): names are told by stop words instead.
  const capitalised = toks.some((t, i) => i > 0 && /^[A-Z][a-z]/.test(t) && !/[.:!?]/.test(toks[i - 1]!));
  for (let i = 0; i < toks.length - 1; i++) {
    const kind = toks[i]!.toLowerCase();
    if (!STREET_KINDS.has(kind)) continue;
    const words: string[] = [];
    for (let j = i + 1; j < toks.length && words.length < 4; j++) {
      const w = toks[j]!;
      const lw = w.toLowerCase();
      if (/^\d+[a-zA-Z]?$/.test(w)) {
        if (!words.length) words.push(`${kind} ${lw}`);
        break;
      }
      if (!/^[\p{L}]+$/u.test(w)) break;
      if (capitalised) {
        if (!/^[A-Z]/.test(w) || PLACE_WORDS.has(w)) break;
      } else if (STREET_STOP.has(lw) || (!words.length && NOT_A_STREET.has(lw))) break;
      words.push(lw);
    }
    if (!words.length) continue;
    const name = words.join(' ');
    if (/^\S+ \d/.test(name) || words.length >= 2) out.push(name);
  }
  return uniq(out);
}

/** Damerau: equal, or one adjacent swap (a typo) in a word of four letters or more. */
function sameWord(a: string, b: string): boolean {
  if (a === b) return true;
  if (a.length !== b.length || a.length < 4) return false;
  const d: number[] = [];
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) d.push(i);
  return d.length === 2 && d[1] === d[0]! + 1 && a[d[0]!] === b[d[1]!] && a[d[1]!] === b[d[0]!];
}

/** Two street names agree when one is the other's beginning, word by word, up to a typo ("thuy khue" ~ "thuy khue cu"). */
export function sameStreet(a: string, b: string): boolean {
  const wa = a.split(' ');
  const wb = b.split(' ');
  const n = Math.min(wa.length, wb.length);
  if (n < Math.min(2, Math.max(wa.length, wb.length))) return false;
  for (let i = 0; i < n; i++) if (!sameWord(wa[i]!, wb[i]!)) return false;
  return true;
}

/** Capitalised words after ông/bà/anh/chị that are not a title. */
const TITLES = new Set(
  'Chu Tich Pho Giam Doc Truong Can Bo Thu Ky Bi Thu Uy Vien Thanh Tra Dia Chinh Cong An Toa An Vien Kiem Sat Dai Bieu Quoc Hoi Hoi Dong Nhan Dan Ban Phong Tai Nguyen Moi Truong UBND HDND Xa Phuong Quan Huyen Tinh Thanh Pho Ke Toan Van Phong Nguoi Dan Toi Chung To Truong To Dan Pho Thon Xom Doi Chi Huy Chanh Trong Nay Da Co La Cung'.split(
    ' ',
  ),
);

function people(text: string): string[] {
  const out: string[] = [];
  const t = stripMarks(text);
  const re = /\b(?:ong|ba|anh|chi|doi tuong|can bo|ten)\s+((?:[A-Z][a-zA-Z]*\s+){1,4}[A-Z][a-zA-Z]*)/gi;
  for (const m of t.matchAll(re)) {
    const words = m[1]!.split(/\s+/);
    // Stop at the first word that is not capitalised in the letter (unaccented letters in lower case give none).
    const name: string[] = [];
    for (const w of words) {
      if (!/^[A-Z]/.test(w) || TITLES.has(w) || TITLES.has(w[0]! + w.slice(1).toLowerCase())) break;
      name.push(w.toLowerCase());
    }
    if (name.length >= 2) out.push(name.join(' '));
  }
  // "ong nguyen van a" in a lower-case letter: take the 3 words after ông/bà when they are not common words.
  const f = foldKeepPunct(text);
  const lower = /\b(?:ong|ba)\s+([a-z]+)\s+([a-z]+)\s+([a-z]+)\b/g;
  for (const m of f.matchAll(lower)) {
    const ws = [m[1]!, m[2]!, m[3]!];
    if (ws.every((w) => SURNAME_OR_NAME.test(w)) && FAMILY.has(ws[0]!)) out.push(ws.join(' '));
  }
  return uniq(out);
}
const FAMILY = new Set('nguyen tran le pham hoang huynh phan vu vo dang bui do ho ngo duong ly dinh doan trinh mai cao luu lam ta quach chu'.split(' '));
const SURNAME_OR_NAME = /^[a-z]{1,7}$/;

function amounts(f: string): string[] {
  const out: string[] = [];
  for (const m of f.matchAll(/(\d{1,3}(?:[.,]\d{3})+|\d+)\s*(?:dong|vnd|d\b)/g)) {
    const v = Number(m[1]!.replace(/[.,]/g, ''));
    if (v >= 1000) out.push(String(v));
  }
  for (const m of f.matchAll(/(\d+(?:[.,]\d+)?)\s*(trieu|ty)\b/g)) {
    const v = Number(m[1]!.replace(',', '.')) * (m[2] === 'ty' ? 1e9 : 1e6);
    out.push(String(Math.round(v)));
  }
  return uniq(out);
}

export function extractEntities(text: string): MatterEntities {
  const f = foldKeepPunct(text);
  return { decisions: decisions(f), parcels: parcels(f), streets: streets(text), people: people(text), amounts: amounts(f) };
}

/** Two parcel values name the same land: same parcel number, and the same sheet when both give one. */
export function sameParcel(a: string, b: string): boolean {
  const [pa, sa] = a.split('/');
  const [pb, sb] = b.split('/');
  return pa === pb && (!sa || !sb || sa === sb);
}

/** Two folded names are the same person when one is the other or ends like it ("van a" in "nguyen van a"). */
export function samePerson(a: string, b: string): boolean {
  return a === b || a.endsWith(` ${b}`) || b.endsWith(` ${a}`);
}
