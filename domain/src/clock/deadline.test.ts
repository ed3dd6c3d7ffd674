import { describe, expect, it } from 'vitest';
import { defaultWorkCalendar } from './calendar.ts';
import type { CalendarEntry } from './calendar.ts';
import { computeDeadline, daysUntil, trafficLight, workingDaysUntil } from './deadline.ts';
import type { DeadlineInput } from './deadline.ts';
import { ClockError } from './errors.ts';
import { DEFAULT_RULES } from './rules.ts';
import type { ClockRule } from './rules.ts';

/*
 * Every `due` below was worked out by hand from the law (BLDS Art. 147–148) and a real calendar,
 * not copied from the code. Facts used:
 *   weekdays: 2026-01-01 Thu, 2027-01-01 Fri, 2028-01-01 Sat (2028 is a leap year).
 *   default days off (generated; weekends not listed):
 *     2026: 1/1 Thu; Tết 16–20/2 (Mon–Fri); Giỗ Tổ 26/4 Sun → nghỉ bù Mon 27/4; 30/4 Thu; 1/5 Fri;
 *           2/9 Wed + 3/9 Thu.
 *     2027: 1/1 Fri; Tết 5–9/2 (Fri–Tue; 6, 7 on the weekend) → nghỉ bù Wed 10/2, Thu 11/2;
 *           Giỗ Tổ 16/4 Fri; 30/4 Fri; 1/5 Sat → nghỉ bù Mon 3/5; 2/9 Thu + 3/9 Fri.
 *     2028: 1/1 Sat → nghỉ bù Mon 3/1; Tết 25–29/1 (Tue–Sat) → nghỉ bù Mon 31/1;
 *           30/4 Sun → nghỉ bù Tue 2/5 (Mon 1/5 is itself a holiday); 1/9 Fri + 2/9 Sat → nghỉ bù Mon 4/9.
 *   "a + n" below is calendar arithmetic, "wd" lists the counted working days.
 */

const cal = defaultWorkCalendar();

// A hypothetical yearly announcement: Fri 13/2/2026 off, Sat 28/2/2026 worked instead.
const SWAP_2026: CalendarEntry[] = [
  { date: '2026-02-13', kind: 'day-off', name: 'Nghỉ hoán đổi Tết Nguyên đán' },
  { date: '2026-02-28', kind: 'workday', name: 'Làm bù' },
];
const SWAP_2027: CalendarEntry[] = [{ date: '2027-02-20', kind: 'workday', name: 'Làm bù Tết' }];
const NO_SUB_2027: CalendarEntry[] = [{ date: '2027-05-03', kind: 'normal', name: '' }];
const NATIONAL_DAY_BEFORE_2026: CalendarEntry[] = [
  { date: '2026-09-01', kind: 'holiday', name: 'Quốc khánh' },
  { date: '2026-09-03', kind: 'normal', name: '' },
];

const MONTH_RULE: ClockRule = {
  key: 'test.month',
  version: 'test.month@2020-01-01',
  label: 'Hạn thử',
  trigger: 'ngày nhận',
  days: 1,
  unit: 'month',
  variants: {},
  extension: null,
  effectiveFrom: '2020-01-01',
  effectiveTo: null,
  citation: 'Điều 147 Bộ luật Dân sự 2015',
  verified: true,
};
const months = (n: number): ClockRule => ({ ...MONTH_RULE, days: n });

type Case = Omit<DeadlineInput, 'calendar'> & { due: string; overrides?: CalendarEntry[]; why: string };

const CASES: Case[] = [
  // ── complaint.first (30 / 45 complex / 45 remote / 60 remote+complex calendar days) ──
  { rule: 'complaint.first', from: '2027-01-29', due: '2027-03-01', why: '29/1+30 = Sun 28/2 → Mon 1/3; Tết 2027 lies inside the period, irrelevant for calendar days' },
  { rule: 'complaint.first', from: '2026-03-02', due: '2026-04-01', why: '2/3+30 = Wed 1/4, working' },
  { rule: 'complaint.first', from: '2026-03-12', complex: true, due: '2026-04-28', why: '12/3+45 = Sun 26/4 Giỗ Tổ → Mon 27/4 nghỉ bù → Tue 28/4' },
  { rule: 'complaint.first', from: '2026-03-16', remote: true, due: '2026-05-04', why: '16/3+45 = Thu 30/4 → Fri 1/5 → weekend → Mon 4/5' },
  { rule: 'complaint.first', from: '2026-03-02', remote: true, complex: true, due: '2026-05-04', why: '2/3+60 = Fri 1/5 → weekend → Mon 4/5' },
  { rule: 'complaint.first', from: '2026-12-02', due: '2027-01-04', why: '2/12+30 = Fri 1/1/2027 → weekend → Mon 4/1' },
  { rule: 'complaint.first', from: '2027-01-06', due: '2027-02-12', why: '6/1+30 = Fri 5/2 (last day of Bính Ngọ) → Tết to 9/2, nghỉ bù 10–11/2 → Fri 12/2' },
  { rule: 'complaint.first', from: '2027-01-10', due: '2027-02-12', why: '10/1+30 = Tue 9/2 (mùng 4) → 10, 11 nghỉ bù → Fri 12/2' },
  { rule: 'complaint.first', from: '2027-01-13', due: '2027-02-12', why: '13/1+30 = Fri 12/2, working' },
  { rule: 'complaint.first', from: '2027-01-14', due: '2027-02-15', why: '14/1+30 = Sat 13/2 → Mon 15/2' },
  { rule: 'complaint.first', from: '2026-01-31', due: '2026-03-02', why: '31/1+28 = 28/2, +2 = Mon 2/3' },
  { rule: 'complaint.first', from: '2028-01-31', due: '2028-03-01', why: 'leap year: 31/1+29 = 29/2, +1 = Wed 1/3' },
  { rule: 'complaint.first', from: '2027-01-31', due: '2027-03-02', why: '31/1+28 = 28/2, +2 = Tue 2/3' },
  { rule: 'complaint.first', from: '2027-12-31', due: '2028-02-01', why: '31/12+30 = Sun 30/1/2028 → Mon 31/1 nghỉ bù Tết → Tue 1/2' },
  { rule: 'complaint.first', from: '2027-12-12', complex: true, due: '2028-02-01', why: '12/12+45 = Wed 26/1/2028 mùng 1 → Tết to Sat 29/1, Sun 30, nghỉ bù Mon 31 → Tue 1/2' },
  { rule: 'complaint.first', from: '2025-12-02', due: '2026-01-02', why: '2/12/2025+30 = Thu 1/1/2026 → Fri 2/1' },
  { rule: 'complaint.first', from: '2026-01-17', due: '2026-02-23', why: '17/1+30 = Mon 16/2 (last day of Ất Tỵ) → Tết to Fri 20, weekend → Mon 23/2' },
  { rule: 'complaint.first', from: '2026-01-21', due: '2026-02-23', why: '21/1+30 = Fri 20/2 (mùng 4) → weekend → Mon 23/2' },
  { rule: 'complaint.first', from: '2026-01-22', due: '2026-02-23', why: '22/1+30 = Sat 21/2 → Mon 23/2' },
  { rule: 'complaint.first', from: '2026-01-24', due: '2026-02-23', why: '24/1+30 = Mon 23/2, working' },
  { rule: 'complaint.first', from: '2026-03-28', due: '2026-04-28', why: '28/3+30 = Mon 27/4 nghỉ bù Giỗ Tổ → Tue 28/4' },
  { rule: 'complaint.first', from: '2028-08-03', due: '2028-09-05', why: '3/8+30 = Sat 2/9 → Sun 3 → Mon 4 nghỉ bù → Tue 5/9' },
  { rule: 'complaint.first', from: '2027-03-01', suspendedDays: 10, due: '2027-04-12', why: '30+10 suspended: 1/3+40 = Sat 10/4 → Mon 12/4' },
  { rule: 'complaint.first', from: '2026-01-29', due: '2026-03-02', why: '29/1+30 = Sat 28/2 → Mon 2/3 (no override)' },
  { rule: 'complaint.first', from: '2026-01-29', overrides: SWAP_2026, due: '2026-02-28', why: 'Sat 28/2 is an announced working day → no roll-over' },

  // ── complaint.second (45 / 60 / 60 / 70) ──
  { rule: 'complaint.second', from: '2026-07-19', due: '2026-09-04', why: '19/7+45 = Wed 2/9 → Thu 3/9 → Fri 4/9' },
  { rule: 'complaint.second', from: '2026-07-05', remote: true, due: '2026-09-04', why: '5/7+60 = Thu 3/9 → Fri 4/9' },
  { rule: 'complaint.second', from: '2026-10-23', remote: true, complex: true, due: '2027-01-04', why: '23/10+70 = Fri 1/1/2027 → Mon 4/1' },
  { rule: 'complaint.second', from: '2027-06-03', complex: true, due: '2027-08-02', why: '3/6+60 = Mon 2/8, working' },
  { rule: 'complaint.second', from: '2027-12-31', due: '2028-02-14', why: '31/12+45 = Mon 14/2/2028, working' },
  { rule: 'complaint.second', from: '2026-07-19', overrides: NATIONAL_DAY_BEFORE_2026, due: '2026-09-03', why: 'admin moved the extra Quốc khánh day to 1/9: Wed 2/9 → Thu 3/9 working' },

  // ── complaint.appeal-window (30, 45 remote) and complaint.effective (30, 45 remote) ──
  { rule: 'complaint.appeal-window', from: '2027-04-01', due: '2027-05-04', why: '1/4+30 = Sat 1/5 → Sun → Mon 3/5 nghỉ bù → Tue 4/5' },
  { rule: 'complaint.appeal-window', from: '2027-04-01', overrides: NO_SUB_2027, due: '2027-05-03', why: 'admin cancelled the 3/5 nghỉ bù → Mon 3/5' },
  { rule: 'complaint.appeal-window', from: '2027-03-02', remote: true, due: '2027-04-19', why: '2/3+45 = Fri 16/4 Giỗ Tổ → Mon 19/4' },
  { rule: 'complaint.appeal-window', from: '2027-03-02', remote: true, complex: true, due: '2027-04-19', why: 'no complex variant: remote 45 applies' },
  { rule: 'complaint.appeal-window', from: '2026-03-31', due: '2026-05-04', why: '31/3+30 = Thu 30/4 → Fri 1/5 → Mon 4/5' },
  { rule: 'complaint.effective', from: '2027-03-31', due: '2027-05-04', why: '31/3+30 = Fri 30/4 → Sat 1/5 → Sun → Mon 3/5 nghỉ bù → Tue 4/5' },
  { rule: 'complaint.effective', from: '2027-07-19', remote: true, due: '2027-09-06', why: '19/7+45 = Thu 2/9 → Fri 3/9 → weekend → Mon 6/9' },
  { rule: 'complaint.effective', from: '2027-12-28', due: '2028-02-01', why: '28/12+30 = Thu 27/1/2028 (mùng 2) → Tue 1/2' },
  { rule: 'complaint.effective', from: '2026-08-03', due: '2026-09-04', why: '3/8+30 = Wed 2/9 → Fri 4/9' },
  { rule: 'complaint.effective', from: '2026-08-04', due: '2026-09-04', why: '4/8+30 = Thu 3/9 → Fri 4/9' },
  { rule: 'complaint.effective', from: '2026-08-05', due: '2026-09-04', why: '5/8+30 = Fri 4/9, working' },

  // ── complaint.accept: 10 calendar days before 1/7/2026, 7 working days from 1/7/2026 ──
  { rule: 'complaint.accept', from: '2026-06-25', due: '2026-07-06', why: 'old rule: 25/6+10 = Sun 5/7 → Mon 6/7' },
  { rule: 'complaint.accept', from: '2026-06-30', due: '2026-07-10', why: 'old rule: 30/6+10 = Fri 10/7' },
  { rule: 'complaint.accept', from: '2026-07-01', due: '2026-07-10', why: 'new rule: wd 2, 3, 6, 7, 8, 9, 10/7' },
  { rule: 'complaint.accept', from: '2026-07-02', due: '2026-07-13', why: 'new rule: wd 3, 6, 7, 8, 9, 10, 13/7' },
  { rule: 'complaint.accept', from: '2028-04-26', due: '2028-05-09', why: 'wd 27, 28/4; 29–30/4 weekend/holiday, 1/5 holiday, 2/5 nghỉ bù; 3, 4, 5, 8, 9/5' },
  { rule: 'complaint.accept', from: '2027-04-14', due: '2027-04-26', why: 'wd 15; 16/4 Giỗ Tổ; 19, 20, 21, 22, 23, 26' },
  { rule: 'complaint.accept', from: '2027-02-07', due: '2027-02-22', why: 'received on a Tết Sunday: wd 12, 15, 16, 17, 18, 19, 22/2' },

  // ── petition.process, reception.notice (10 working days) ──
  { rule: 'reception.notice', from: '2027-02-03', due: '2027-02-24', why: 'wd 4; Tết 5–9, nghỉ bù 10–11; 12, 15, 16, 17, 18, 19, 22, 23, 24' },
  { rule: 'petition.process', from: '2027-02-03', due: '2027-02-24', why: 'same as reception.notice' },
  { rule: 'reception.notice', from: '2027-02-03', overrides: SWAP_2027, due: '2027-02-23', why: 'Sat 20/2 announced as a working day is counted: …19, 20, 22, 23' },
  { rule: 'petition.process', from: '2026-02-11', due: '2026-03-04', why: 'wd 12, 13; Tết 16–20; 23–27; 2, 3, 4/3' },
  { rule: 'petition.process', from: '2026-02-11', overrides: SWAP_2026, due: '2026-03-04', why: '13/2 off but 28/2 worked: 12, 23–27, 28, 2, 3, 4/3' },
  { rule: 'reception.notice', from: '2026-12-25', due: '2027-01-11', why: 'wd 28, 29, 30, 31/12; 1/1 holiday; 4, 5, 6, 7, 8, 11/1' },
  { rule: 'reception.notice', from: '2025-12-30', due: '2026-01-14', why: 'wd 31/12; 1/1 holiday; 2, 5, 6, 7, 8, 9, 12, 13, 14/1' },
  { rule: 'reception.notice', from: '2028-01-24', due: '2028-02-14', why: 'Tết 25–29/1, Sun 30, nghỉ bù 31/1; wd 1, 2, 3, 4, 7, 8, 9, 10, 11, 14/2' },
  { rule: 'petition.process', from: '2027-04-09', due: '2027-04-26', why: 'wd 12, 13, 14, 15; Giỗ Tổ 16/4; 19–23, 26' },

  // ── denunciation.intake (7 wd; 10 several sites), forward / notify (5 wd) ──
  { rule: 'denunciation.intake', from: '2028-01-20', due: '2028-02-07', why: 'wd 21, 24/1; Tết 25–29, 30, nghỉ bù 31; 1, 2, 3, 4, 7/2' },
  { rule: 'denunciation.intake', from: '2028-01-20', severalSites: true, due: '2028-02-10', why: '10 wd: …7, 8, 9, 10/2' },
  { rule: 'denunciation.intake', from: '2028-01-20', remote: true, due: '2028-02-07', why: 'remote does not apply to intake' },
  { rule: 'denunciation.intake', from: '2027-04-28', due: '2027-05-11', why: 'wd 29/4; 30/4, 1/5, 2/5, nghỉ bù 3/5; 4, 5, 6, 7, 10, 11/5' },
  { rule: 'denunciation.intake', from: '2026-02-11', due: '2026-02-27', why: 'wd 12, 13; Tết; 23, 24, 25, 26, 27' },
  { rule: 'denunciation.intake', from: '2026-02-11', overrides: SWAP_2026, due: '2026-02-28', why: 'wd 12; 13 off; 23–27; Sat 28 worked' },
  { rule: 'denunciation.intake', from: '2026-06-01', suspendedDays: 2, due: '2026-06-12', why: '7 + 2 working days: 2–5, 8–12/6' },
  { rule: 'denunciation.forward', from: '2026-12-29', due: '2027-01-06', why: 'wd 30, 31/12; 1/1 holiday; 4, 5, 6/1' },
  { rule: 'denunciation.forward', from: '2028-08-30', due: '2028-09-08', why: 'wd 31/8; 1/9, 2/9, 3, nghỉ bù 4/9; 5, 6, 7, 8/9' },
  { rule: 'denunciation.forward', from: '2026-06-08', due: '2026-06-15', why: 'wd 9, 10, 11, 12, 15/6' },
  { rule: 'denunciation.notify', from: '2027-12-29', due: '2028-01-06', why: 'wd 30, 31/12; Sat 1/1, Sun 2, nghỉ bù Mon 3; 4, 5, 6/1' },
  { rule: 'denunciation.notify', from: '2026-03-07', due: '2026-03-13', why: 'from a Saturday: wd 9–13/3' },
  { rule: 'denunciation.notify', from: '2028-04-28', due: '2028-05-09', why: '29, 30/4, 1/5, nghỉ bù 2/5; wd 3, 4, 5, 8, 9/5' },

  // ── denunciation.resolve (30 days; extensions; suspension) ──
  { rule: 'denunciation.resolve', from: '2027-12-27', due: '2028-02-01', why: '27/12+30 = Wed 26/1/2028 mùng 1 → Tue 1/2' },
  { rule: 'denunciation.resolve', from: '2027-12-02', due: '2028-01-04', why: '2/12+30 = Sat 1/1/2028 → Sun → Mon 3/1 nghỉ bù → Tue 4/1' },
  { rule: 'denunciation.resolve', from: '2028-03-31', due: '2028-05-03', why: '31/3+30 = Sun 30/4 → Mon 1/5 → Tue 2/5 nghỉ bù → Wed 3/5' },
  { rule: 'denunciation.resolve', from: '2028-08-02', due: '2028-09-05', why: '2/8+30 = Fri 1/9 → Sat 2/9 → Sun → Mon 4/9 nghỉ bù → Tue 5/9' },
  { rule: 'denunciation.resolve', from: '2027-08-03', due: '2027-09-06', why: '3/8+30 = Thu 2/9 → Fri 3/9 → Mon 6/9' },
  { rule: 'denunciation.resolve', from: '2028-03-01', complex: true, extensions: 1, due: '2028-05-03', why: '30+30: 1/3+60 = Sun 30/4 → Wed 3/5' },
  { rule: 'denunciation.resolve', from: '2027-06-01', especiallyComplex: true, extensions: 2, due: '2027-08-30', why: '30+30+30: 1/6+90 = Mon 30/8' },
  { rule: 'denunciation.resolve', from: '2027-06-01', especiallyComplex: true, extensionDays: [30, 15], due: '2027-08-16', why: '30+30+15: 1/6+75 = Sun 15/8 → Mon 16/8' },
  { rule: 'denunciation.resolve', from: '2026-06-01', suspendedDays: 14, due: '2026-07-15', why: '30+14 suspended: 1/6+44 = Wed 15/7' },
  { rule: 'denunciation.resolve', from: '2026-07-01', complex: true, extensions: 1, suspendedDays: 3, due: '2026-09-04', why: '30+30+3: 1/7+63 = Wed 2/9 → Fri 4/9' },

  // ── denunciation.send-conclusion (5 wd), publish (7 wd), feedback.forward (5 wd) ──
  { rule: 'denunciation.send-conclusion', from: '2026-04-23', due: '2026-05-05', why: 'wd 24; 25, Giỗ Tổ 26, nghỉ bù 27; 28, 29; 30/4, 1/5, 2, 3; 4, 5/5' },
  { rule: 'denunciation.publish', from: '2026-04-23', due: '2026-05-07', why: '…4, 5, 6, 7/5' },
  { rule: 'denunciation.publish', from: '2026-12-30', due: '2027-01-11', why: 'wd 31/12; 1/1; 4, 5, 6, 7, 8, 11/1' },
  { rule: 'feedback.forward', from: '2026-08-28', due: '2026-09-08', why: 'wd 31/8, 1/9; 2, 3/9 holiday; 4, 7, 8/9' },
  { rule: 'feedback.forward', from: '2027-08-31', due: '2027-09-09', why: 'wd 1/9; 2, 3/9 holiday; 6, 7, 8, 9/9' },
  { rule: 'feedback.forward', from: '2026-04-29', due: '2026-05-08', why: '30/4, 1/5 holiday; wd 4, 5, 6, 7, 8/5' },

  // ── month periods (BLDS Art. 147: same date of the last month, or its last day) ──
  { rule: months(1), from: '2026-01-31', due: '2026-03-02', why: '31/1 + 1 month = 28/2 (Sat) → Mon 2/3' },
  { rule: months(1), from: '2028-01-31', due: '2028-02-29', why: 'leap year: 29/2/2028, Tue' },
  { rule: months(3), from: '2026-11-30', due: '2027-03-01', why: '30/11 + 3 months = 28/2/2027 (Sun) → Mon 1/3' },
  { rule: months(1), from: '2026-03-15', due: '2026-04-15', why: 'Wed 15/4' },
  { rule: months(1), from: '2027-01-05', due: '2027-02-12', why: '5/2/2027 Tết → Fri 12/2' },
  { rule: months(2), from: '2027-10-31', due: '2027-12-31', why: 'Fri 31/12' },
  { rule: months(12), from: '2027-02-28', due: '2028-02-28', why: 'Mon 28/2/2028' },
  { rule: months(1), from: '2026-03-15', suspendedDays: 3, due: '2026-04-20', why: '15/4 + 3 days = Sat 18/4 → Mon 20/4' },
];

describe('computeDeadline: hand-derived table', () => {
  it('has at least 80 cases', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(80);
  });

  it.each(CASES.map((c) => [typeof c.rule === 'string' ? c.rule : `${c.rule.days} tháng`, c.from, c.due, c] as const))(
    '%s from %s → %s',
    (_rule, _from, due, c) => {
      const { due: _due, overrides, why: _why, ...input } = c;
      const calendar = overrides ? defaultWorkCalendar(overrides) : cal;
      expect(computeDeadline({ ...input, calendar }).due).toBe(due);
    },
  );
});

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return e instanceof ClockError ? e.code : 'not a ClockError';
  }
  return 'no error';
}

describe('computeDeadline: result details', () => {
  it('explains a calendar roll-over in Vietnamese', () => {
    const d = computeDeadline({ rule: 'complaint.first', from: '2027-01-29', calendar: cal });
    expect(d).toMatchObject({
      rule: 'complaint.first',
      version: 'complaint.first@2012-07-01',
      due: '2027-03-01',
      unit: 'calendar',
      days: 30,
      variant: 'normal',
      verified: true,
      citation: 'Điều 28 Luật Khiếu nại 2011',
      rolledOver: { from: '2027-02-28', to: '2027-03-01', reason: 'Chủ nhật' },
      skipped: [{ date: '2027-02-28', reason: 'Chủ nhật', kind: 'normal' }],
    });
    expect(d.explanation).toBe(
      'Hạn giải quyết khiếu nại lần đầu: 30 ngày kể từ ngày thụ lý 29/01/2027 (Điều 28 Luật Khiếu nại 2011); ngày cuối 28/02/2027 là Chủ nhật nên hạn là 01/03/2027.',
    );
  });

  it('lists every day passed over when rolling into Tết', () => {
    const d = computeDeadline({ rule: 'complaint.first', from: '2027-01-06', calendar: cal });
    expect(d.skipped.map((s) => s.date)).toEqual([
      '2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11',
    ]);
    expect(d.rolledOver).toEqual({ from: '2027-02-05', to: '2027-02-12', reason: 'ngày nghỉ Tết Nguyên đán' });
    expect(d.explanation).toContain('ngày cuối 05/02/2027 là ngày nghỉ Tết Nguyên đán nên hạn là 12/02/2027.');
  });

  it('names a substitute day off as the roll-over reason', () => {
    const d = computeDeadline({ rule: 'complaint.first', from: '2026-03-28', calendar: cal });
    expect(d.rolledOver?.reason).toBe('ngày nghỉ bù Giỗ Tổ Hùng Vương');
  });

  it('explains working days with the skipped days grouped', () => {
    const d = computeDeadline({ rule: 'petition.process', from: '2027-02-03', calendar: cal });
    expect(d.verified).toBe(false);
    expect(d.rolledOver).toBeNull();
    expect(d.skipped).toHaveLength(11);
    expect(d.skipped.filter((s) => s.reason === 'Tết Nguyên đán')).toHaveLength(5);
    expect(d.explanation).toBe(
      'Hạn xử lý đơn: 10 ngày làm việc kể từ ngày nhận đơn 03/02/2027 (Thông tư 05/2021/TT-TTCP); không tính 5 ngày nghỉ Tết Nguyên đán, 2 ngày nghỉ bù Tết Nguyên đán, 4 ngày cuối tuần; hạn là 24/02/2027.',
    );
  });

  it('mentions counted swapped working days', () => {
    const d = computeDeadline({ rule: 'reception.notice', from: '2027-02-03', calendar: defaultWorkCalendar(SWAP_2027) });
    expect(d.countedSwapDays).toEqual(['2027-02-20']);
    expect(d.explanation).toContain('tính cả ngày làm bù 20/02/2027; hạn là 23/02/2027.');
  });

  it('explains variants, extensions and suspension', () => {
    const a = computeDeadline({ rule: 'complaint.first', from: '2026-03-02', remote: true, complex: true, calendar: cal });
    expect(a).toMatchObject({ days: 60, variant: 'remoteComplex' });
    expect(a.explanation).toContain('60 ngày (vụ việc phức tạp ở vùng sâu, vùng xa) kể từ ngày thụ lý 02/03/2026');
    const b = computeDeadline({ rule: 'denunciation.resolve', from: '2027-06-01', especiallyComplex: true, extensionDays: [30, 15], calendar: cal });
    expect(b).toMatchObject({ days: 30, extensionDays: 45, extensions: [30, 15] });
    expect(b.explanation).toContain('; gia hạn 2 lần (30 + 15 ngày);');
    const c = computeDeadline({ rule: 'complaint.first', from: '2027-03-01', suspendedDays: 10, calendar: cal });
    expect(c.suspendedDays).toBe(10);
    expect(c.explanation).toContain('; cộng thêm 10 ngày tạm đình chỉ;');
  });

  it('times a complaint by the acceptance rule in force when it was received', () => {
    const before = computeDeadline({ rule: 'complaint.accept', from: '2026-06-25', calendar: cal });
    expect(before).toMatchObject({ version: 'complaint.accept@2012-07-01', unit: 'calendar', days: 10 });
    const after = computeDeadline({ rule: 'complaint.accept', from: '2026-07-02', calendar: cal });
    expect(after).toMatchObject({ version: 'complaint.accept@2026-07-01', unit: 'working', days: 7 });
    expect(after.citation).toContain('155/2026');
  });

  it('accepts a rule row from an edited table', () => {
    const rules = DEFAULT_RULES.map((r) => (r.key === 'petition.process' ? { ...r, days: 15, verified: true } : r));
    const d = computeDeadline({ rule: 'petition.process', from: '2027-02-03', rules, calendar: cal });
    // 10 wd end on 24/2 (above); 5 more: 25, 26/2, 1, 2, 3/3
    expect(d.due).toBe('2027-03-03');
  });
});

describe('computeDeadline: errors', () => {
  it('rejects too many or too long extensions', () => {
    const base = { rule: 'denunciation.resolve', from: '2027-06-01', calendar: cal } as const;
    expect(codeOf(() => computeDeadline({ ...base, complex: true, extensions: 2 }))).toBe('EXTENSION_LIMIT');
    expect(codeOf(() => computeDeadline({ ...base, extensions: 1 }))).toBe('EXTENSION_LIMIT');
    expect(codeOf(() => computeDeadline({ ...base, especiallyComplex: true, extensions: 3 }))).toBe('EXTENSION_LIMIT');
    expect(codeOf(() => computeDeadline({ ...base, complex: true, extensionDays: [31] }))).toBe('EXTENSION_LIMIT');
    expect(codeOf(() => computeDeadline({ ...base, complex: true, extensions: 2, extensionDays: [10] }))).toBe('EXTENSION_LIMIT');
    expect(codeOf(() => computeDeadline({ rule: 'complaint.first', from: '2027-06-01', complex: true, extensions: 1, calendar: cal }))).toBe(
      'EXTENSION_LIMIT',
    );
    expect(() => computeDeadline({ ...base, complex: true, extensions: 2 })).toThrow(/tối đa 1 lần/);
    expect(codeOf(() => computeDeadline({ ...base, complex: true, extensions: 0 }))).toBe('no error');
  });

  it('rejects unknown rules, listing the valid keys', () => {
    expect(codeOf(() => computeDeadline({ rule: 'complaint.third', from: '2027-01-01', calendar: cal }))).toBe('UNKNOWN_RULE');
    expect(() => computeDeadline({ rule: 'complaint.third', from: '2027-01-01', calendar: cal })).toThrow(
      /complaint\.first.*denunciation\.resolve.*feedback\.forward/,
    );
  });

  it('rejects invalid dates and negative numbers', () => {
    expect(codeOf(() => computeDeadline({ rule: 'complaint.first', from: '2027-02-29', calendar: cal }))).toBe('INVALID_DATE');
    expect(codeOf(() => computeDeadline({ rule: 'complaint.first', from: '29/01/2027', calendar: cal }))).toBe('INVALID_DATE');
    expect(codeOf(() => computeDeadline({ rule: 'complaint.first', from: '', calendar: cal }))).toBe('INVALID_DATE');
    expect(codeOf(() => computeDeadline({ rule: 'complaint.first', from: '2027-01-01', suspendedDays: -1, calendar: cal }))).toBe(
      'INVALID_INPUT',
    );
    // beyond the generated calendar
    expect(codeOf(() => computeDeadline({ rule: 'complaint.first', from: '2040-12-20', calendar: cal }))).toBe('INVALID_DATE');
  });
});

describe('traffic light', () => {
  // due Mon 1/3/2027
  it.each([
    ['2027-02-22', 'on-time'], // 23, 24, 25, 26/2, 1/3 = 5 wd left
    ['2027-02-23', 'on-time'], // 4 wd left
    ['2027-02-24', 'due-soon'], // 25, 26/2, 1/3 = 3 wd left
    ['2027-02-27', 'due-soon'], // Saturday: 1 wd left
    ['2027-03-01', 'due-soon'], // due today
    ['2027-03-02', 'overdue'],
  ] as const)('today %s → %s', (today, light) => {
    expect(trafficLight('2027-03-01', today, cal)).toBe(light);
  });

  it('counts Tết as non-working: 8 calendar days but one working day', () => {
    expect(daysUntil('2027-02-12', '2027-02-04')).toBe(8);
    expect(workingDaysUntil('2027-02-12', '2027-02-04', cal)).toBe(1);
    expect(trafficLight('2027-02-12', '2027-02-04', cal)).toBe('due-soon');
  });

  it('counts negative days once overdue', () => {
    expect(daysUntil('2027-03-01', '2027-03-04')).toBe(-3);
    expect(workingDaysUntil('2027-03-01', '2027-03-08', cal)).toBe(-5); // 2, 3, 4, 5, 8/3
    expect(workingDaysUntil('2027-03-01', '2027-03-01', cal)).toBe(0);
  });
});
