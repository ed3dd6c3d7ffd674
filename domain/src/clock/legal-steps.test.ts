import { describe, expect, it } from 'vitest';
import { defaultWorkCalendar } from './calendar.ts';
import { computeDeadline } from './deadline.ts';
import { DEFAULT_RULES, findRule } from './rules.ts';

/*
 * The rules each workflow step runs on (issue 12), with dates worked out by hand and cross-checked outside the
 * code (python3 datetime for weekdays; days off from the generated calendar, see deadline.test.ts):
 *   2026-08-03 Mon, 08-10 Mon, 08-12 Wed, 08-17 Mon, 08-19 Wed, 08-23 Sun, 08-24 Mon, 08-28 Fri,
 *   09-02 Wed (Quốc khánh) + 09-03 Thu (adjacent day off), 09-09 Wed, 09-10 Thu, 09-24 Thu;
 *   2026-05-05 + 90 days = 2026-08-03; 2026-08-10 + 30 = 09-09; + 45 = 09-24; 2026-08-03 + 20 = 08-23.
 */
const cal = defaultWorkCalendar();
const due = (rule: string, from: string, more: { remote?: boolean; complex?: boolean; severalSites?: boolean } = {}) =>
  computeDeadline({ rule, from, calendar: cal, ...more }).due;

describe('the rule of each step (hand-derived dates)', () => {
  it('a complaint and a denunciation received Mon 03/08/2026 must be accepted / taken in by Wed 12/08/2026 (7 working days)', () => {
    // wd: Tue 4, Wed 5, Thu 6, Fri 7, Mon 10, Tue 11, Wed 12.
    expect(due('complaint.accept', '2026-08-03')).toBe('2026-08-12');
    expect(due('denunciation.intake', '2026-08-03')).toBe('2026-08-12');
    // Several sites: 10 working days → Thu 13, Fri 14, Mon 17.
    expect(due('denunciation.intake', '2026-08-03', { severalSites: true })).toBe('2026-08-17');
    // petition.process (10 working days) would have said 17/08: the complaint rule is shorter.
    expect(due('petition.process', '2026-08-03')).toBe('2026-08-17');
  });

  it('forwarding or guiding a matter received Mon 03/08/2026 is due Mon 10/08/2026 (5 working days)', () => {
    // wd: Tue 4, Wed 5, Thu 6, Fri 7, Mon 10.
    expect(due('feedback.forward', '2026-08-03')).toBe('2026-08-10');
    expect(due('denunciation.forward', '2026-08-03')).toBe('2026-08-10');
    expect(due('complaint.guide', '2026-08-03')).toBe('2026-08-10');
  });

  it('a complaint received Fri 28/08/2026 skips Quốc khánh 2–3/9: accepted by Thu 10/09/2026', () => {
    // wd: Mon 31/8, Tue 1/9, (Wed 2/9, Thu 3/9 off), Fri 4, Mon 7, Tue 8, Wed 9, Thu 10.
    const d = computeDeadline({ rule: 'complaint.accept', from: '2026-08-28', calendar: cal });
    expect(d.due).toBe('2026-09-10');
    expect(d.skipped.filter((s) => s.kind !== 'normal').map((s) => s.date)).toEqual(['2026-09-02', '2026-09-03']);
  });

  it('a denunciation concluded Mon 10/08/2026 is sent by Mon 17/08 (5 wd, Art. 35(3)) and published by Wed 19/08 (7 wd from the conclusion, Art. 40(1))', () => {
    expect(due('denunciation.send-conclusion', '2026-08-10')).toBe('2026-08-17');
    // Counted from the conclusion (10/08), not from sending on 14/08 (which would give 25/08).
    expect(due('denunciation.publish', '2026-08-10')).toBe('2026-08-19');
    expect(due('denunciation.publish', '2026-08-14')).toBe('2026-08-25');
    expect(findRule(DEFAULT_RULES, 'denunciation.send-conclusion', '2026-08-10').citation).toBe('Khoản 3 Điều 35 Luật Tố cáo 2018');
    expect(findRule(DEFAULT_RULES, 'denunciation.publish', '2026-08-10').citation).toBe('Khoản 1 Điều 40 Luật Tố cáo 2018');
  });

  it('a first-instance decision of Mon 10/08/2026 becomes effective after 30 days (Wed 09/09), 45 in a remote area (Thu 24/09)', () => {
    expect(due('complaint.effective', '2026-08-10')).toBe('2026-09-09');
    expect(due('complaint.effective', '2026-08-10', { remote: true })).toBe('2026-09-24');
  });

  it('the appeal window: 30 days from receiving the decision on 10/08/2026 ends Wed 09/09 (45 remote: Thu 24/09)', () => {
    expect(due('complaint.appeal-window', '2026-08-10')).toBe('2026-09-09');
    expect(due('complaint.appeal-window', '2026-08-10', { remote: true })).toBe('2026-09-24');
  });

  it('sending decisions: first instance 3 working days (Thu 13/08), second instance 7 days (Mon 17/08), termination of a complaint 3 wd, of a denunciation 5 wd', () => {
    expect(due('complaint.send-decision', '2026-08-10')).toBe('2026-08-13');
    expect(due('complaint.send-second-decision', '2026-08-10')).toBe('2026-08-17');
    expect(due('complaint.send-termination', '2026-08-10')).toBe('2026-08-13');
    expect(due('denunciation.send-decision', '2026-08-10')).toBe('2026-08-17');
  });

  it('re-denunciation: the superior examines within 20 days; from 03/08/2026 the 20th day is Sun 23/08, so Mon 24/08', () => {
    const d = computeDeadline({ rule: 'denunciation.re-examine', from: '2026-08-03', calendar: cal });
    expect(d.due).toBe('2026-08-24');
    expect(d.rolledOver).toMatchObject({ from: '2026-08-23', to: '2026-08-24' });
  });

  it('the 90-day complaint limitation from 05/05/2026 ends Mon 03/08/2026', () => {
    expect(due('complaint.limitation', '2026-05-05')).toBe('2026-08-03');
  });

  it('a complaint found complex after acceptance on 03/08/2026 is due 17/09 instead of 02/09→04/09', () => {
    // 30 days: 2/9 (Wed, Quốc khánh) → 3/9 off → Fri 04/09. 45 days: 17/09 (Thu).
    expect(due('complaint.first', '2026-08-03')).toBe('2026-09-04');
    expect(due('complaint.first', '2026-08-03', { complex: true })).toBe('2026-09-17');
  });
});
