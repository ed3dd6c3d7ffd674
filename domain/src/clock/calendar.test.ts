import { describe, expect, it } from 'vitest';
import {
  WorkCalendar,
  defaultWorkCalendar,
  generateDefaultCalendar,
  lunarNewYear,
  nationalDayAdjacent,
  HOLIDAY_NAMES,
} from './calendar.ts';
import { ClockError } from './errors.ts';

// Published Vietnamese Tết dates (mùng 1 Tết), written from public calendars — not from the library.
// 2030 is the year Vietnam (UTC+7) and China (UTC+8) differ: 02/02 here, 03/02 in China.
const PUBLISHED_TET: Record<number, string> = {
  2020: '2020-01-25',
  2021: '2021-02-12',
  2022: '2022-02-01',
  2023: '2023-01-22',
  2024: '2024-02-10',
  2025: '2025-01-29',
  2026: '2026-02-17',
  2027: '2027-02-06',
  2028: '2028-01-26',
  2029: '2029-02-13',
  2030: '2030-02-02',
  2031: '2031-01-23',
  2032: '2032-02-11',
  2033: '2033-01-31',
  2034: '2034-02-19',
  2035: '2035-02-08',
};

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return e instanceof ClockError ? e.code : 'not a ClockError';
  }
  return 'no error';
}

const entries = generateDefaultCalendar(2020, 2040);
const on = (date: string) => entries.filter((e) => e.date === date);
const named = (name: string, year: number) => entries.filter((e) => e.name === name && e.date.startsWith(`${year}-`)).map((e) => e.date);

describe('lunar dates', () => {
  it.each(Object.entries(PUBLISHED_TET))('Tết %s falls on %s', (year, date) => {
    expect(lunarNewYear(Number(year))).toBe(date);
  });

  it('Giỗ Tổ Hùng Vương (10/3 lunar)', () => {
    expect(named(HOLIDAY_NAMES.hungKings, 2026)).toEqual(['2026-04-26']);
    expect(named(HOLIDAY_NAMES.hungKings, 2027)).toEqual(['2027-04-16']);
  });

  it('Tết holiday = last day of the lunar year + mùng 1–4', () => {
    expect(named(HOLIDAY_NAMES.tet, 2027)).toEqual(['2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08', '2027-02-09']);
    expect(named(HOLIDAY_NAMES.tet, 2026)).toEqual(['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20']);
    expect(named(HOLIDAY_NAMES.tet, 2028)).toEqual(['2028-01-25', '2028-01-26', '2028-01-27', '2028-01-28', '2028-01-29']);
    for (const [year, tet] of Object.entries(PUBLISHED_TET)) {
      expect(named(HOLIDAY_NAMES.tet, Number(year))).toHaveLength(5);
      expect(named(HOLIDAY_NAMES.tet, Number(year))[1]).toBe(tet);
    }
  });
});

describe('default holidays', () => {
  it('has the 11 holiday days of BLLĐ 2019 Art. 112 each year from 2021 (10 in 2020)', () => {
    for (let y = 2021; y <= 2040; y++) {
      expect(entries.filter((e) => e.kind === 'holiday' && e.date.startsWith(`${y}-`))).toHaveLength(11);
    }
    expect(entries.filter((e) => e.kind === 'holiday' && e.date.startsWith('2020-'))).toHaveLength(10);
  });

  it('picks the day next to 2/9 that joins a weekend (announced days 2021–2025)', () => {
    expect(nationalDayAdjacent(2020)).toBeNull();
    expect(nationalDayAdjacent(2021)).toBe('2021-09-03'); // 2/9 Thu
    expect(nationalDayAdjacent(2022)).toBe('2022-09-01'); // 2/9 Fri
    expect(nationalDayAdjacent(2023)).toBe('2023-09-01'); // 2/9 Sat
    expect(nationalDayAdjacent(2024)).toBe('2024-09-03'); // 2/9 Mon
    expect(nationalDayAdjacent(2025)).toBe('2025-09-01'); // 2/9 Tue
    expect(nationalDayAdjacent(2026)).toBe('2026-09-03'); // 2/9 Wed
    expect(nationalDayAdjacent(2027)).toBe('2027-09-03'); // 2/9 Thu
    expect(nationalDayAdjacent(2028)).toBe('2028-09-01'); // 2/9 Sat
  });

  it('puts a substitute day off on the next working day after a weekend holiday', () => {
    const subs = (year: number) => entries.filter((e) => e.kind === 'day-off' && e.date.startsWith(`${year}-`)).map((e) => [e.date, e.name]);
    // 2026: Giỗ Tổ on Sunday 26/4.
    expect(subs(2026)).toEqual([['2026-04-27', 'Nghỉ bù Giỗ Tổ Hùng Vương']]);
    // 2027: Tết Sat 6/2 and Sun 7/2 → after the Tết block (to Tue 9/2): Wed 10, Thu 11; 1/5 Sat → Mon 3/5.
    expect(subs(2027)).toEqual([
      ['2027-02-10', 'Nghỉ bù Tết Nguyên đán'],
      ['2027-02-11', 'Nghỉ bù Tết Nguyên đán'],
      ['2027-05-03', 'Nghỉ bù Quốc tế Lao động 1/5'],
    ]);
    // 2028: 1/1 Sat → Mon 3/1; Tết Sat 29/1 → Mon 31/1; 30/4 Sun → Tue 2/5 (Mon 1/5 is a holiday); 2/9 Sat → Mon 4/9.
    expect(subs(2028).map(([d]) => d)).toEqual(['2028-01-03', '2028-01-31', '2028-05-02', '2028-09-04']);
    // 2023: 1/1 Sun → Mon 2/1; Tết Sat 21 + Sun 22/1 (block to Wed 25) → Thu 26, Fri 27/1;
    // Giỗ Tổ Sat 29/4 and 30/4 Sun (1/5 Mon holiday) → Tue 2/5, Wed 3/5 — the 29/4–3/5 break of that year;
    // 2/9 Sat → Mon 4/9.
    expect(subs(2023).map(([d]) => d)).toEqual(['2023-01-02', '2023-01-26', '2023-01-27', '2023-05-02', '2023-05-03', '2023-09-04']);
  });

  it('never places two entries on one date', () => {
    expect(new Set(entries.map((e) => e.date)).size).toBe(entries.length);
    expect(on('2027-02-10')).toHaveLength(1);
  });
});

describe('WorkCalendar', () => {
  const cal = defaultWorkCalendar();

  it('knows the weekdays (2026-01-01 Thu, 2027-01-01 Fri, 2028-01-01 Sat)', () => {
    expect(cal.dayInfo('2026-01-02')).toEqual({ date: '2026-01-02', kind: 'normal', name: 'Thứ sáu', working: true, weekend: false });
    expect(cal.dayInfo('2026-01-03')).toMatchObject({ name: 'Thứ bảy', working: false, weekend: true });
    expect(cal.dayInfo('2027-01-03')).toMatchObject({ name: 'Chủ nhật', working: false });
    expect(cal.dayInfo('2028-01-01')).toMatchObject({ kind: 'holiday', name: 'Tết Dương lịch', working: false, weekend: true });
    expect(cal.isWorkingDay('2027-02-12')).toBe(true);
    expect(cal.isWorkingDay('2027-02-11')).toBe(false);
  });

  it('lets overrides replace defaults for the same date', () => {
    const c = defaultWorkCalendar([
      { date: '2027-02-20', kind: 'workday', name: 'Làm bù Tết' },
      { date: '2027-05-03', kind: 'normal', name: '' },
      { date: '2027-02-12', kind: 'day-off', name: 'Nghỉ hoán đổi Tết' },
      { date: '2027-03-08', kind: 'holiday', name: 'Ngày nghỉ đặc biệt' },
    ]);
    expect(c.dayInfo('2027-02-20')).toMatchObject({ kind: 'workday', working: true, weekend: true });
    expect(c.dayInfo('2027-05-03')).toMatchObject({ kind: 'normal', name: 'Thứ hai', working: true });
    expect(c.isWorkingDay('2027-02-12')).toBe(false);
    expect(c.isWorkingDay('2027-03-08')).toBe(false);
    expect(c.nextWorkingDay('2027-02-04')).toBe('2027-02-15');
    // a 'normal' override on a Sunday is still a day off
    expect(new WorkCalendar([{ date: '2027-02-28', kind: 'normal', name: '' }]).isWorkingDay('2027-02-28')).toBe(false);
  });

  it('rejects invalid dates and dates outside its range', () => {
    expect(() => cal.dayInfo('2027-02-29')).toThrow(ClockError);
    expect(() => cal.dayInfo('2041-01-02')).toThrow(/ngoài lịch/);
    expect(() => new WorkCalendar([{ date: '2027-13-01', kind: 'holiday', name: 'x' }])).toThrow(ClockError);
    expect(codeOf(() => cal.isWorkingDay('29/01/2027'))).toBe('INVALID_DATE');
  });
});
