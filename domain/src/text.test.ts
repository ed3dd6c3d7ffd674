import { describe, expect, it } from 'vitest';
import { cleanText, foldForSearch, formatCount, formatIsoDateVi, formatPercent, isValidPersonalId, normalizePhone, compareVi, isoDateInVietnam } from './text.ts';

describe('text', () => {
  it('folds diacritics and đ', () => {
    expect(foldForSearch('Phường Ba Đình')).toBe('phuong ba dinh');
    expect(foldForSearch('Nguyễn Trãi')).toBe('nguyen trai');
    expect(foldForSearch('ĐẮK LẮK')).toBe('dak lak');
  });
  it('NFC-normalises input', () => {
    const decomposed = 'Hoa\u0300'; // "Hoà" decomposed
    expect(cleanText(`  ${decomposed}   Bình `)).toBe('Hoà Bình'.normalize('NFC'));
    expect(cleanText(decomposed)).not.toBe(decomposed);
  });
  it('formats numbers the Vietnamese way', () => {
    expect(formatCount(165000)).toBe('165.000');
    expect(formatCount(13889)).toBe('13.889');
    expect(formatPercent(9900 / 13889)).toBe('71,3%');
    expect(formatPercent(1)).toBe('100%');
    expect(formatPercent(0)).toBe('0%');
  });
  it('formats dates dd/mm/yyyy and takes the Vietnamese calendar day', () => {
    expect(formatIsoDateVi('2027-01-29')).toBe('29/01/2027');
    expect(isoDateInVietnam(new Date('2026-06-30T17:30:00Z'))).toBe('2026-07-01');
    expect(isoDateInVietnam(new Date('2026-06-30T16:59:59Z'))).toBe('2026-06-30');
  });
  it('checks personal IDs and phones', () => {
    expect(isValidPersonalId('001203012345')).toBe(true);
    expect(isValidPersonalId('00120301234')).toBe(false);
    expect(isValidPersonalId('00120301234a')).toBe(false);
    expect(normalizePhone('0912 345 678')).toBe('+84912345678');
    expect(normalizePhone('+84 912-345-678')).toBe('+84912345678');
    expect(normalizePhone('0412345678')).toBeNull();
    expect(normalizePhone('abc')).toBeNull();
  });
  it('sorts in Vietnamese order', () => {
    expect(['Đà Nẵng', 'Cao Bằng', 'Dương'].sort(compareVi)).toEqual(['Cao Bằng', 'Dương', 'Đà Nẵng']);
  });
});
