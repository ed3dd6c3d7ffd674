import { describe, expect, it } from 'vitest';
import { defaultWorkCalendar } from './clock/calendar.ts';
import { computeDeadline } from './clock/deadline.ts';
import { ClockError } from './clock/errors.ts';
import { DEFAULT_RULES, findRule } from './clock/rules.ts';
import { DUTY_SPECS, dutiesOpenedBy, dutiesOpenedByRefusal, isDutyCode } from './duties.ts';
import { WORKFLOWS } from './workflow.ts';

/*
 * Duties beside the running deadline (ADR 0024), dates worked out by hand and cross-checked with python3 datetime
 * (weekday() < 5 and not 2026-09-02 / 09-03, the Quốc khánh days off of the generated calendar):
 *   from Mon 10/08/2026 + 5 wd = Mon 17/08; Mon 03/08 + 3 wd = Thu 06/08; Mon 03/08 + 5 wd = Mon 10/08;
 *   Wed 01/07/2026 + 3 wd = Mon 06/07; Fri 28/08/2026 + 3 wd = Fri 04/09 (skips Wed 2, Thu 3/9).
 */
const cal = defaultWorkCalendar();
const dueOf = (rule: string, from: string) => computeDeadline({ rule, from, calendar: cal }).due;

describe('duties beside the running deadline', () => {
  it('each step opens its duty: a denunciation accepted notifies (Art. 29); suspension and resumption send their decision', () => {
    expect(dutiesOpenedBy('denunciation', 'accept').map((d) => d.rule)).toEqual(['denunciation.notify']);
    expect(dutiesOpenedBy('complaint', 'suspend').map((d) => d.rule)).toEqual(['complaint.send-termination']);
    expect(dutiesOpenedBy('complaint', 'resume').map((d) => d.rule)).toEqual(['complaint.send-termination']);
    expect(dutiesOpenedBy('denunciation', 'suspend').map((d) => d.rule)).toEqual(['denunciation.send-decision']);
    expect(dutiesOpenedBy('denunciation', 'resume').map((d) => d.rule)).toEqual(['denunciation.send-resumption']);
    // No duty where the main clock already times the step (the complaint's acceptance, termination, decision).
    expect(dutiesOpenedBy('complaint', 'accept')).toEqual([]);
    expect(dutiesOpenedBy('complaint', 'terminate')).toEqual([]);
    expect(dutiesOpenedBy('feedback', 'accept')).toEqual([]);
    expect(dutiesOpenedByRefusal('repeat-nothing-new').map((d) => d.rule)).toEqual(['reception.repeat-notice']);
    expect(dutiesOpenedByRefusal('weapons')).toEqual([]);
  });

  it('every duty names a rule of the table, a citation, and is opened only by actions of the workflow tables', () => {
    for (const spec of Object.values(DUTY_SPECS)) {
      expect(DEFAULT_RULES.some((r) => r.key === spec.rule)).toBe(true);
      expect(spec.citation).toMatch(/Điều/);
      expect(isDutyCode(spec.code)).toBe(true);
    }
    for (const kind of ['complaint', 'denunciation', 'feedback'] as const) {
      for (const action of ['accept', 'suspend', 'resume']) {
        if (dutiesOpenedBy(kind, action).length) expect(WORKFLOWS[kind].some((t) => t.action === action)).toBe(true);
      }
    }
  });

  it('a denunciation accepted Mon 10/08/2026 must be notified by Mon 17/08/2026 (5 working days)', () => {
    // wd: Tue 11, Wed 12, Thu 13, Fri 14, Mon 17.
    expect(dueOf('denunciation.notify', '2026-08-10')).toBe('2026-08-17');
  });

  it('a suspension decision of Mon 03/08/2026 is sent by Thu 06/08 (complaint, 3 wd) or Mon 10/08 (denunciation, 5 wd)', () => {
    expect(dueOf('complaint.send-termination', '2026-08-03')).toBe('2026-08-06');
    expect(dueOf('denunciation.send-decision', '2026-08-03')).toBe('2026-08-10');
    // The resumption of a denunciation: the 5 working days are a recalled default ([R]), flagged unverified.
    expect(findRule(DEFAULT_RULES, 'denunciation.send-resumption', '2026-08-03')).toMatchObject({ days: 5, unit: 'working', verified: false });
    expect(dueOf('denunciation.send-resumption', '2026-08-03')).toBe('2026-08-10');
  });

  it('the complaint sending rule and the repeat-visit notice start on 1/7/2026: none the day before, 3 working days from then', () => {
    expect(() => dueOf('complaint.send-termination', '2026-06-30')).toThrow(ClockError);
    expect(() => dueOf('reception.repeat-notice', '2026-06-30')).toThrow(ClockError);
    // wd: Thu 2, Fri 3, Mon 6.
    expect(dueOf('complaint.send-termination', '2026-07-01')).toBe('2026-07-06');
    expect(dueOf('reception.repeat-notice', '2026-07-01')).toBe('2026-07-06');
  });

  it('a repeat refused Fri 28/08/2026 gets its written notice by Fri 04/09 (Mon 31, Tue 1, [Wed 2, Thu 3 off], Fri 4)', () => {
    expect(dueOf('reception.repeat-notice', '2026-08-28')).toBe('2026-09-04');
  });
});
