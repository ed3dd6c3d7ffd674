import { describe, expect, it } from 'vitest';
import { parsePeriod, settlementRate, summarySentence } from './reports.ts';

describe('reports', () => {
  it('writes the seed sentence with Vietnamese number formatting', () => {
    const s = summarySentence('các cơ quan hành chính nhà nước', '2020-01-01', '2020-06-30', {
      visits: 165000,
      people: 170000,
      cases: 135000,
      withinJurisdiction: 13889,
      resolved: 9900,
    });
    expect(s).toBe(
      'Từ ngày 01/01/2020 đến ngày 30/06/2020, các cơ quan hành chính nhà nước đã tiếp 165.000 lượt công dân với 135.000 vụ việc, đã giải quyết 9.900 vụ việc trong tổng số 13.889 vụ khiếu nại, tố cáo thuộc thẩm quyền, đạt 71,3%.',
    );
  });
  it('handles an agency with nothing within jurisdiction', () => {
    expect(summarySentence('UBND X', '2026-01-01', '2026-03-31', { visits: 0, people: 0, cases: 0, withinJurisdiction: 0, resolved: 0 })).toContain(
      'không có vụ khiếu nại, tố cáo nào thuộc thẩm quyền',
    );
    expect(settlementRate(0, 0)).toBe(0);
  });
  it('parses named periods', () => {
    expect(parsePeriod('2026-H1')).toEqual({ from: '2026-01-01', to: '2026-06-30' });
    expect(parsePeriod('2026-Q1')).toEqual({ from: '2026-01-01', to: '2026-03-31' });
    expect(parsePeriod('2028-Q1')).toEqual({ from: '2028-01-01', to: '2028-03-31' });
    expect(parsePeriod('2026-Q3')).toEqual({ from: '2026-07-01', to: '2026-09-30' });
    expect(parsePeriod('2026-9M')).toEqual({ from: '2026-01-01', to: '2026-09-30' });
    expect(parsePeriod('2026')).toEqual({ from: '2026-01-01', to: '2026-12-31' });
    expect(parsePeriod('2026-Q5')).toBeNull();
  });
});
