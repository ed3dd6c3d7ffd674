import { describe, expect, it } from 'vitest';
import { contentSimilarity, personKey, suggestClassification, SIMILAR_CONTENT_THRESHOLD } from './classification.ts';

describe('classification suggestions', () => {
  it('suggests kind and field with the words that triggered them', () => {
    const s = suggestClassification('Khiếu nại quyết định thu hồi đất và mức bồi thường của UBND xã');
    expect(s.kind).toMatchObject({ value: 'complaint', matched: ['khiếu nại'] });
    expect(s.field?.value).toBe('dat-dai');
    expect(s.field?.matched).toEqual(expect.arrayContaining(['thu hồi đất', 'bồi thường']));
    expect(s.severalContents).toBe(false);
  });
  it('matches without diacritics (text typed on a phone without accents)', () => {
    const s = suggestClassification('To cao can bo dia chinh nhan hoi lo');
    expect(s.kind?.value).toBe('denunciation');
    expect(s.field?.value).toBe('tham-nhung');
  });
  it('flags a petition mixing a complaint and a denunciation (ask to split)', () => {
    expect(suggestClassification('Tôi khiếu nại quyết định xử phạt và tố cáo cán bộ nhận hối lộ').severalContents).toBe(true);
  });
  it('returns nothing rather than guessing', () => {
    expect(suggestClassification('Xin chào')).toEqual({ kind: null, field: null, severalContents: false });
  });
});

describe('repeat detection', () => {
  it('scores rewordings of the same matter above the threshold and different matters below', () => {
    const a = 'Khiếu nại Quyết định số 45/QĐ-UBND về việc thu hồi 30 m² đất để mở rộng ngõ 19 Kim Mã';
    const b = 'khieu nai quyet dinh so 45/QD-UBND ve viec thu hoi dat mo rong ngo 19 Kim Ma, de nghi xem xet lai';
    const c = 'Phản ánh đèn chiếu sáng ngõ 5 phố Đội Cấn hỏng nhiều ngày';
    expect(contentSimilarity(a, b)).toBeGreaterThan(SIMILAR_CONTENT_THRESHOLD);
    expect(contentSimilarity(a, c)).toBeLessThan(0.1);
    expect(contentSimilarity('', a)).toBe(0);
  });
  it('identifies a person by ID, else by name and address', () => {
    expect(personKey({ idNumber: '001085012345', name: 'X' })).toBe('id:001085012345');
    expect(personKey({ name: 'Nguyễn Văn An', address: 'Số 1 Kim Mã' })).toBe('na:nguyen van an|so 1 kim ma');
    expect(personKey({ name: 'Nguyễn Văn An' })).toBeNull();
  });
});
