/**
 * Classification helpers for handlers (SPEC: "suggest type and field from the text, never decide silently").
 * Transparent keyword rules: each suggestion lists the words that triggered it, so the handler sees why.
 * The rules are data; an admin can replace them (the server stores an edited copy).
 */
import { foldForSearch } from './text.ts';

export interface FieldOption {
  value: string;
  label: string;
}

/** Default fields (lĩnh vực); admin-editable on the server. */
export const DEFAULT_FIELDS: readonly FieldOption[] = [
  { value: 'dat-dai', label: 'Đất đai' },
  { value: 'nha-o', label: 'Nhà ở' },
  { value: 'chinh-sach-xa-hoi', label: 'Chính sách xã hội' },
  { value: 'tu-phap', label: 'Tư pháp' },
  { value: 'tham-nhung', label: 'Tham nhũng' },
  { value: 'hanh-chinh', label: 'Hành chính' },
  { value: 'khac', label: 'Lĩnh vực khác' },
];

export interface KeywordRule {
  /** 'kind:complaint' or 'field:dat-dai' */
  target: string;
  /** Words or phrases, written with diacritics; matched diacritic-insensitively on word boundaries. */
  keywords: readonly string[];
}

export const DEFAULT_KEYWORD_RULES: readonly KeywordRule[] = [
  { target: 'kind:complaint', keywords: ['khiếu nại', 'đề nghị xem xét lại quyết định', 'không đồng ý với quyết định', 'quyết định hành chính'] },
  { target: 'kind:denunciation', keywords: ['tố cáo', 'nhận hối lộ', 'nhận tiền', 'tham ô', 'lạm quyền', 'vi phạm pháp luật của cán bộ', 'bảo kê'] },
  { target: 'kind:feedback', keywords: ['kiến nghị', 'phản ánh', 'đề xuất', 'góp ý', 'hỏng', 'ngập', 'ô nhiễm'] },
  { target: 'field:dat-dai', keywords: ['đất', 'thu hồi đất', 'bồi thường', 'giải phóng mặt bằng', 'sổ đỏ', 'quyền sử dụng đất', 'ranh giới', 'tái định cư'] },
  { target: 'field:nha-o', keywords: ['nhà ở', 'xây dựng', 'giấy phép xây dựng', 'sửa chữa nhà', 'chung cư', 'lấn chiếm'] },
  { target: 'field:chinh-sach-xa-hoi', keywords: ['trợ cấp', 'hộ nghèo', 'người có công', 'bảo hiểm xã hội', 'chế độ', 'bảo trợ xã hội', 'thương binh'] },
  { target: 'field:tu-phap', keywords: ['hộ tịch', 'khai sinh', 'chứng thực', 'thi hành án', 'bản án', 'tòa án'] },
  { target: 'field:tham-nhung', keywords: ['tham nhũng', 'hối lộ', 'nhận tiền', 'tham ô', 'vụ lợi', 'lợi dụng chức vụ'] },
  { target: 'field:hanh-chinh', keywords: ['thủ tục hành chính', 'xử phạt', 'hồ sơ', 'chậm giải quyết', 'một cửa'] },
];

export interface Suggestion {
  value: string;
  score: number;
  matched: string[];
}

export interface ClassificationSuggestion {
  kind: Suggestion | null;
  field: Suggestion | null;
  /** More than one kind matched strongly: ask the citizen to split (Luật TCD Art. 25(3)). */
  severalContents: boolean;
}

function matches(foldedText: string, keyword: string): boolean {
  const k = foldForSearch(keyword);
  return ` ${foldedText} `.includes(` ${k} `);
}

function best(foldedText: string, rules: readonly KeywordRule[], prefix: string): Suggestion[] {
  const scored: Suggestion[] = [];
  for (const r of rules) {
    if (!r.target.startsWith(prefix)) continue;
    const matched = r.keywords.filter((k) => matches(foldedText, k));
    if (matched.length) scored.push({ value: r.target.slice(prefix.length), score: matched.length, matched });
  }
  return scored.sort((a, b) => b.score - a.score || a.value.localeCompare(b.value));
}

export function suggestClassification(text: string, rules: readonly KeywordRule[] = DEFAULT_KEYWORD_RULES): ClassificationSuggestion {
  const folded = foldForSearch(text);
  const kinds = best(folded, rules, 'kind:');
  const fields = best(folded, rules, 'field:');
  const strongKinds = kinds.filter((k) => k.value !== 'feedback' && k.score >= 1);
  return {
    kind: kinds[0] ?? null,
    field: fields[0] ?? null,
    severalContents: strongKinds.length > 1,
  };
}

/**
 * Similarity of two contents for repeat/duplicate detection: Jaccard index of folded word bigrams
 * (diacritic-insensitive, order-aware enough for "same matter" and robust to small rewording).
 */
export function contentSimilarity(a: string, b: string): number {
  const grams = (t: string) => {
    const w = foldForSearch(t).split(' ').filter((x) => x.length > 1);
    const s = new Set<string>();
    for (let i = 0; i < w.length - 1; i++) s.add(`${w[i]} ${w[i + 1]}`);
    if (w.length === 1) s.add(w[0]!);
    return s;
  };
  const A = grams(a);
  const B = grams(b);
  if (A.size === 0 || B.size === 0) return 0;
  let inter = 0;
  for (const g of A) if (B.has(g)) inter++;
  return inter / (A.size + B.size - inter);
}

/** Same person: the same 12-digit ID, or the same folded name and address. */
export function personKey(p: { name?: string | null; idNumber?: string | null; address?: string | null }): string | null {
  if (p.idNumber && /^\d{12}$/.test(p.idNumber)) return `id:${p.idNumber}`;
  if (p.name && p.address) return `na:${foldForSearch(p.name)}|${foldForSearch(p.address)}`;
  return null;
}

export const SIMILAR_CONTENT_THRESHOLD = 0.3;
