import { describe, expect, it } from 'vitest';
import { defaultWorkCalendar } from '../clock/index.ts';
import { PUBLICATION_RULES } from './timelines.ts';
import { art25Subjects, ballotPlanIssues, boardPlanProblem, dismissalPetitionReaches, checkPublication, noticeProblem, quarterRange, teamProblems } from './procedure.ts';

const TEAM = [{ name: 'Lê Thị Hòa', leader: true }, { name: 'B' }, { name: 'C' }];

describe('notice lead times (c5, c10, c26)', () => {
  it('meeting and ballot: 2 calendar days, the notice day not counted; year-end conference: 5', () => {
    expect(noticeProblem('meeting', '2027-03-01', '2027-03-03')).toBeNull();
    expect(noticeProblem('meeting', '2027-03-01', '2027-03-02')).toEqual({ earliest: '2027-03-03', days: 2 });
    expect(noticeProblem('ballot', '2027-12-30', '2028-01-01')).toBeNull();
    expect(noticeProblem('conference', '2027-12-10', '2027-12-14')).toEqual({ earliest: '2027-12-15', days: 5 });
    expect(noticeProblem('conference', '2027-12-10', '2027-12-15')).toBeNull();
  });
});

describe('teams and the ballot plan (c10, c13)', () => {
  it('3–5 members, exactly one Front leader', () => {
    expect(teamProblems(TEAM)).toEqual([]);
    expect(teamProblems(TEAM.slice(0, 2))).toEqual(['size']);
    expect(teamProblems([...TEAM, { name: 'D' }, { name: 'E' }, { name: 'F' }])).toEqual(['size']);
    expect(teamProblems(TEAM.map((t) => ({ name: t.name })))).toEqual(['leader']);
    expect(teamProblems([...TEAM, { name: 'D', leader: true }])).toEqual(['leader']);
  });
  it('refuses a distribution less than 2 days after the notice; flags a plan sent more than 2 days after the decision', () => {
    const plan = { decidedOn: '2027-07-01', planSentOn: '2027-07-03', noticeOn: '2027-07-02', distributeOn: '2027-07-04', returnBy: '2027-07-10', team: TEAM };
    expect(ballotPlanIssues(plan)).toEqual([]);
    expect(ballotPlanIssues({ ...plan, distributeOn: '2027-07-03' })).toEqual([{ field: 'distributeOn', problem: 'notice', earliest: '2027-07-04' }]);
    expect(ballotPlanIssues({ ...plan, planSentOn: '2027-07-04' })).toEqual([{ field: 'planSentOn', problem: 'plan-late' }]);
    expect(ballotPlanIssues({ ...plan, returnBy: '2027-07-03' })).toEqual([{ field: 'returnBy', problem: 'order' }]);
  });
});

describe('publication duties (c27)', () => {
  const cal = defaultWorkCalendar();
  it('within 5 working days of the decision, posted 30 days counting the first, loudspeaker 3 days for items 7–12', () => {
    const ok = checkPublication({ item: 3, decidedOn: '2027-04-01', postedOn: '2027-04-08', postedUntil: '2027-05-07', loudspeakerFrom: null, loudspeakerTo: null }, cal, PUBLICATION_RULES);
    expect(ok).toMatchObject({ dueOn: '2027-04-08', postedLate: false, postedDays: 30, postedTooShort: false, loudspeakerNeeded: false, loudspeakerShort: false });
    const bad = checkPublication({ item: 8, decidedOn: '2027-04-01', postedOn: '2027-04-09', postedUntil: '2027-05-07', loudspeakerFrom: '2027-04-09', loudspeakerTo: '2027-04-10' }, cal, PUBLICATION_RULES);
    expect(bad).toMatchObject({ postedLate: true, postedDays: 29, postedTooShort: true, loudspeakerNeeded: true, loudspeakerShort: true });
  });
  it('quarters', () => {
    expect(quarterRange('2027-Q1')).toEqual({ from: '2027-01-01', to: '2027-03-31' });
    expect(quarterRange('2028-Q1')).toEqual({ from: '2028-01-01', to: '2028-03-31' });
    expect(quarterRange('2027-Q4')).toEqual({ from: '2027-10-01', to: '2027-12-31' });
    expect(quarterRange('2027-Q5')).toBeNull();
  });
});

describe('Art. 25 subjects and the 2-level substitution (c22, c28)', () => {
  it('the district land-use plan becomes the province by default [R], or the commune when configured', () => {
    expect(art25Subjects()).toHaveLength(8);
    expect(art25Subjects().find((s) => s.key === 'quy-hoach-sd-dat')).toMatchObject({ mark: '[R]', label: expect.stringContaining('nay cấp tỉnh') });
    expect(art25Subjects('commune').find((s) => s.key === 'quy-hoach-sd-dat')!.label).toContain('nay cấp xã');
  });
});

describe("the boards' plans (c24, c25)", () => {
  const cal = defaultWorkCalendar();
  it('inspection: 5 working days over the National Day holidays; investment: 45 calendar days', () => {
    expect(boardPlanProblem('inspection', '2027-08-27', '2027-09-06', cal)).toEqual({ earliest: '2027-09-07' });
    expect(boardPlanProblem('inspection', '2027-08-27', '2027-09-07', cal)).toBeNull();
    expect(boardPlanProblem('investment', '2027-07-01', '2027-08-14', cal)).toEqual({ earliest: '2027-08-15' });
    expect(boardPlanProblem('investment', '2027-07-01', '2027-08-15', cal)).toBeNull();
  });
});

describe('dismissal petition (c20)', () => {
  it('at least 50% of all households, inclusive', () => {
    expect(dismissalPetitionReaches(60, 120)).toBe(true);
    expect(dismissalPetitionReaches(59, 120)).toBe(false);
    expect(dismissalPetitionReaches(13, 25)).toBe(true);
  });
});
