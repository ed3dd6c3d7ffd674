import { describe, expect, it } from 'vitest';
import { comparisonSentence, DEFAULT_CUTOFF, FORMS, INDICATOR_KEYS, monthsOf, parsePeriod, periodLabel, previousRange, reportingMonth, settlementRate, summarySentence } from './reports.ts';

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


describe('report periods and the cut-off convention', () => {
  const old = { startDay: 15 };
  it('defaults to calendar months', () => {
    expect(DEFAULT_CUTOFF).toEqual({ startDay: 1 });
    expect(parsePeriod('2026-H2')).toEqual({ from: '2026-07-01', to: '2026-12-31' });
    expect(parsePeriod('2024-Q1')).toEqual({ from: '2024-01-01', to: '2024-03-31' });
  });
  it('applies the old 15th-to-14th scheme when configured', () => {
    expect(parsePeriod('2026-H1', old)).toEqual({ from: '2025-12-15', to: '2026-06-14' });
    expect(parsePeriod('2026-Q1', old)).toEqual({ from: '2025-12-15', to: '2026-03-14' });
    expect(parsePeriod('2026-Q3', old)).toEqual({ from: '2026-06-15', to: '2026-09-14' });
    expect(parsePeriod('2026-9M', old)).toEqual({ from: '2025-12-15', to: '2026-09-14' });
    expect(parsePeriod('2026', old)).toEqual({ from: '2025-12-15', to: '2026-12-14' });
    expect(reportingMonth(2026, 3, old)).toEqual({ from: '2026-02-15', to: '2026-03-14' });
  });
  it('names periods in Vietnamese', () => {
    expect(periodLabel('2026-H1')).toBe('6 tháng đầu năm 2026');
    expect(periodLabel('2026-H2')).toBe('6 tháng cuối năm 2026');
    expect(periodLabel('2026-Q3')).toBe('Quý III năm 2026');
    expect(periodLabel('2026-9M')).toBe('9 tháng năm 2026');
    expect(periodLabel('2026')).toBe('Năm 2026');
    expect(periodLabel(undefined)).toBeNull();
  });
  it('finds the previous period of equal length', () => {
    expect(previousRange({ from: '2026-07-01', to: '2026-09-30' })).toEqual({ from: '2026-04-01', to: '2026-06-30' });
    expect(previousRange({ from: '2026-01-01', to: '2026-06-30' })).toEqual({ from: '2025-07-01', to: '2025-12-31' });
    expect(previousRange({ from: '2026-01-01', to: '2026-09-30' })).toEqual({ from: '2025-04-01', to: '2025-12-31' });
    expect(previousRange({ from: '2026-03-01', to: '2026-03-31' })).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(previousRange({ from: '2026-07-01', to: '2026-07-10' })).toEqual({ from: '2026-06-21', to: '2026-06-30' });
    expect(previousRange({ from: '2025-12-15', to: '2026-06-14' }, old)).toEqual({ from: '2025-06-15', to: '2025-12-14' });
  });
  it('lists the months of a range', () => {
    expect(monthsOf({ from: '2025-11-20', to: '2026-02-03' })).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
  });
});

describe('indicators and narrative', () => {
  it('every form column is a known indicator, and keys are unique', () => {
    expect(new Set(INDICATOR_KEYS).size).toBe(INDICATOR_KEYS.length);
    for (const f of FORMS) for (const g of f.groups) for (const k of g.keys) expect(INDICATOR_KEYS).toContain(k);
  });
  it('compares with the previous period in Vietnamese', () => {
    const cur = { visits: 9, people: 12, cases: 8, withinJurisdiction: 5, resolved: 4 };
    const prev = { visits: 8, people: 8, cases: 8, withinJurisdiction: 4, resolved: 2 };
    expect(comparisonSentence(cur, prev, { from: '2026-01-01', to: '2026-06-30' })).toBe(
      'So với kỳ trước (từ ngày 01/01/2026 đến ngày 30/06/2026), số lượt tiếp công dân tăng 12,5%, số vụ việc được tiếp không thay đổi, số vụ khiếu nại, tố cáo thuộc thẩm quyền tăng 25%, số vụ việc đã giải quyết tăng 100%, tỷ lệ giải quyết tăng 30 điểm phần trăm.',
    );
    expect(comparisonSentence({ ...cur, visits: 0, withinJurisdiction: 0 }, { ...prev, visits: 3, cases: 0 }, { from: '2026-01-01', to: '2026-01-31' })).toBe(
      'So với kỳ trước (từ ngày 01/01/2026 đến ngày 31/01/2026), số lượt tiếp công dân giảm 100%, số vụ việc được tiếp tăng từ 0 lên 8, số vụ khiếu nại, tố cáo thuộc thẩm quyền giảm 100%, số vụ việc đã giải quyết tăng 100%.',
    );
  });
});
