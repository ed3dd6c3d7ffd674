/** Opening a vote: the plan a ballot and an online vote need (team of 3–5 led by the Front, notice 2 days ahead). */
import { configure, fireEvent, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderVi } from '../../../test/render.tsx';
import { OpenVoteForm, defaultPlan, openVoteBody, planProblems, teamOf } from './OpenVoteForm.tsx';
import { householdPatch } from './RegisterEdit.tsx';

configure({ asyncUtilTimeout: 8000 });

describe('plan rules', () => {
  it('the first team line leads; 3–5 members; distribution 2 days after the notice', () => {
    expect(teamOf('Lê Thị Hòa\n\n Trần B \nPhạm C')).toEqual([{ name: 'Lê Thị Hòa', leader: true }, { name: 'Trần B' }, { name: 'Phạm C' }]);
    const v = { ...defaultPlan('2027-07-01'), ballotTeam: 'A\nB' };
    expect(v.distributeOn).toBe('2027-07-03');
    expect(planProblems(['paper'], v).map((p) => p.key)).toEqual(['gr.plan.teamSize']);
    expect(planProblems(['paper'], { ...v, ballotTeam: 'A\nB\nC', distributeOn: '2027-07-02' })).toEqual([{ key: 'gr.plan.noticeEarly', params: { date: '03/07/2027' } }]);
    expect(planProblems(['meeting'], v)).toEqual([]);
    expect(openVoteBody(['meeting'], v)).toEqual({ forms: ['meeting'] });
  });
});

describe('OpenVoteForm', () => {
  it('shows the ballot plan, refuses a team of 2, then sends the plan with the Front leader', () => {
    const sent: unknown[] = [];
    renderVi(<OpenVoteForm openable={['meeting', 'paper']} today="2027-07-01" submitLabel="Mở biểu quyết" onSubmit={(b) => sent.push(b)} />);
    expect(screen.queryByTestId('gr-plan-paper')).toBeNull();
    fireEvent.click(screen.getByLabelText('Phát phiếu'));
    expect(screen.getByTestId('gr-plan-paper')).toBeTruthy();
    expect(screen.getByText(/Mặc định theo luật: thông báo trước ít nhất 2 ngày/)).toBeTruthy();
    fireEvent.change(screen.getByTestId('gr-plan-ballotTeam'), { target: { value: 'Lê Thị Hòa\nTrần Văn Bình' } });
    fireEvent.click(screen.getByTestId('gr-open-submit'));
    expect(screen.getByTestId('gr-plan-problems').textContent).toContain('Tổ công tác gồm từ 3 đến 5 người (hiện có 2)');
    expect(sent).toHaveLength(0);
    fireEvent.change(screen.getByTestId('gr-plan-ballotTeam'), { target: { value: 'Lê Thị Hòa\nTrần Văn Bình\nPhạm Thị Cúc' } });
    fireEvent.change(screen.getByTestId('gr-plan-returnBy'), { target: { value: '2027-07-15' } });
    fireEvent.click(screen.getByTestId('gr-open-submit'));
    expect(sent).toEqual([
      {
        forms: ['paper'],
        ballotPlan: { decidedOn: '2027-07-01', planSentOn: '2027-07-01', noticeOn: '2027-07-01', distributeOn: '2027-07-03', returnBy: '2027-07-15', team: [{ name: 'Lê Thị Hòa', leader: true }, { name: 'Trần Văn Bình' }, { name: 'Phạm Thị Cúc' }] },
      },
    ]);
  });
});

describe('register edit', () => {
  it('sends only what changes', () => {
    expect(householdPatch({ members: null, status: 'keep' })).toBeNull();
    expect(householdPatch({ members: 4, status: 'keep' })).toEqual({ members: 4 });
    expect(householdPatch({ members: null, status: 'inactive' })).toEqual({ active: false });
    expect(householdPatch({ members: 2, status: 'active' })).toEqual({ members: 2, active: true });
  });
});
