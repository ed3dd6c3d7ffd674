import { describe, expect, it } from 'vitest';
import { defaultWorkCalendar } from '../clock/index.ts';
import { ITEM_RULES, needed, reaches, tally, type VillageCount } from './rules.ts';
import { villageHeadDismissal, villageHeadElection, villageRules } from './timelines.ts';

const village = (households: number, agree: number, extra: Partial<VillageCount> = {}): VillageCount => ({
  communityId: `v${households}-${agree}`,
  households,
  participated: agree,
  attended: 0,
  agree,
  disagree: 0,
  other: 0,
  byForm: { meeting: 0, paper: agree, online: 0 },
  ...extra,
});

describe('thresholds (Art. 21)', () => {
  it('2/3 inclusive and > 50% strict, of all households', () => {
    expect(needed(120, ITEM_RULES[1].threshold)).toBe(80);
    expect(reaches(80, 120, ITEM_RULES[1].threshold)).toBe(true);
    expect(reaches(79, 120, ITEM_RULES[1].threshold)).toBe(false);
    expect(needed(120, ITEM_RULES[6].threshold)).toBe(61);
    expect(reaches(60, 120, ITEM_RULES[6].threshold)).toBe(false);
    expect(reaches(61, 120, ITEM_RULES[6].threshold)).toBe(true);
  });
  it('only item 6 may be voted online', () => {
    expect(Object.values(ITEM_RULES).filter((r) => r.forms.includes('online')).map((r) => r.item)).toEqual([6]);
  });
  it('commune-wide: villages first, then ≥ 2/3 of villages', () => {
    const nine = (passing: number) => Array.from({ length: 9 }, (_, i) => village(9, i < passing ? 6 : 5, { communityId: `t${i}` }));
    expect(tally(1, true, nine(6)).passed).toBe(true);
    expect(tally(1, true, nine(5)).passed).toBe(false);
  });
  it('village rules need > 50% of households at the meeting', () => {
    const low = village(100, 55, { attended: 50, byForm: { meeting: 50, paper: 0, online: 0 } });
    expect(tally(3, false, [low]).passed).toBe(false);
    expect(tally(3, false, [{ ...low, attended: 60, byForm: { meeting: 60, paper: 0, online: 0 } }]).passed).toBe(true);
  });
});

describe('timelines (NĐ 59 Arts. 6–9, NĐ 61 Arts. 9–11)', () => {
  const cal = defaultWorkCalendar();
  it('village-head election counts back 20/15/10/7 days and forward 5 working days', () => {
    const steps = villageHeadElection('2027-04-25', '2027-04-01', cal);
    expect(Object.fromEntries(steps.map((s) => [s.key, s.by]))).toEqual({
      plan: '2027-04-05',
      candidates: '2027-04-10',
      team: '2027-04-15',
      notice: '2027-04-18',
      election: '2027-04-25',
      send: '2027-05-04', // 26–29/4, then 30/4, 1/5, the weekend and 3/5 off → 4/5
      recognize: '2027-05-11',
    });
    expect(steps.find((s) => s.key === 'plan')!.state).toBe('upcoming');
  });
  it('a new election within 60 days of a dismissal; village rules 30 days after the draft', () => {
    // 60 days end on 30/4/2027, a holiday: 1/5, the Sunday and the 3/5 day off follow → 4/5 (BLDS Art. 148).
    expect(villageHeadDismissal('2027-03-01', '2027-05-01', cal).find((s) => s.key === 'reelection')).toMatchObject({ by: '2027-05-04', state: 'upcoming' });
    expect(villageHeadDismissal('2027-03-01', '2027-05-05', cal).find((s) => s.key === 'reelection')).toMatchObject({ state: 'overdue' });
    const rules = villageRules('2027-03-01', '2027-03-20', '2027-03-01', cal);
    expect(rules.find((s) => s.key === 'draft')).toMatchObject({ by: '2027-03-31', state: 'overdue' });
  });
});
