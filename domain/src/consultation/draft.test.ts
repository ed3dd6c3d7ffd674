import { describe, expect, it } from 'vitest';
import { parseDraft, draftOutline, WHOLE_DRAFT_KEY } from './draft.ts';
import { departsFromMajority, explanationRequired, majorityStance, periodDays, addCalendarDays } from './rules.ts';

const TEXT = `LUẬT SỬA ĐỔI MẪU
Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;
Chương I
NHỮNG QUY ĐỊNH CHUNG
Điều 1. Phạm vi điều chỉnh
Luật này quy định về góp ý dự thảo.
Điều 2. Giải thích từ ngữ
1. Dự thảo là văn bản đang lấy ý kiến.
2. Ý kiến gồm:
a) Tán thành;
b) Không tán thành.
Chương II. QUYỀN GÓP Ý
Mục 1. Công dân
Điều 3: Quyền của công dân
“Điều 5. Điều được trích dẫn trong văn bản sửa đổi”
1) Mọi người có quyền góp ý.
PHẦN THỨ HAI
Chương III
Điều 4. Hiệu lực
Luật này có hiệu lực từ ngày 01/01/2027.`;

describe('parseDraft', () => {
  const s = parseDraft(TEXT);
  const keys = s.map((x) => x.key);
  it('finds the structure with stable ids', () => {
    expect(keys).toEqual([WHOLE_DRAFT_KEY, 'Chương I', 'Điều 1', 'Điều 2', 'Điều 2.1', 'Điều 2.2', 'Điều 2.2.a', 'Điều 2.2.b', 'Chương II', 'Chương II, Mục 1', 'Điều 3', 'Điều 3.1', 'Phần thứ hai', 'Chương III', 'Điều 4']);
    expect(draftOutline(s)).toEqual({ articles: 4, clauses: 3, chapters: 3 });
  });
  it('takes a chapter title from the next line, keeps quoted articles as text and nests by parent', () => {
    expect(s.find((x) => x.key === 'Chương I')!.heading).toBe('Chương I. NHỮNG QUY ĐỊNH CHUNG');
    expect(s.find((x) => x.key === 'Điều 3')!.body).toContain('“Điều 5.');
    expect(s.find((x) => x.key === 'Điều 2.2.a')!.parentKey).toBe('Điều 2.2');
    expect(s.find((x) => x.key === 'Điều 3')!.parentKey).toBe('Chương II, Mục 1');
    expect(s.find((x) => x.key === 'Điều 2')!.fullText).toContain('b) Không tán thành.');
    expect(s[0]!.body).toContain('Căn cứ Hiến pháp');
  });
});

describe('rules', () => {
  it('counts calendar days and majority', () => {
    expect(periodDays('2025-05-06', '2025-06-05')).toBe(31);
    expect(addCalendarDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(majorityStance({ approve: 6, disapprove: 3, partly: 1 })).toBe('approve');
    expect(majorityStance({ approve: 5, disapprove: 3, partly: 2 })).toBe(null);
  });
  it('requires an explanation where the outcome departs from the majority', () => {
    expect(departsFromMajority('not-accepted', 'approve', 'approve')).toBe(true);
    expect(departsFromMajority('accepted', 'disapprove', 'approve')).toBe(true);
    expect(departsFromMajority('accepted', 'approve', 'approve')).toBe(false);
    expect(explanationRequired('accepted', false)).toBe(false);
    expect(explanationRequired('partly', false)).toBe(true);
  });
});
