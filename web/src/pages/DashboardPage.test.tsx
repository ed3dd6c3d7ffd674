/** The dashboard shows the dialogues' figures and every section other modules contribute (the «Dân vận khéo» table). */
import { configure, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { answerApi, renderVi } from '../../test/render.tsx';
import DashboardPage from './DashboardPage.tsx';

configure({ asyncUtilTimeout: 8000 });
afterEach(() => vi.unstubAllGlobals());

const DASHBOARD = {
  asOf: '2027-12-31',
  byMonth: [],
  byKind: [],
  byField: [],
  onTime: { resolved: 0, onTime: 0, late: 0, rate: null },
  overdue: { total: 0, open: 0, byAgency: [] },
  compliance: { compliant: true, total: 0, flagged: 0, worst: [] },
  ranking: { level: 'commune', items: [] },
  dialogues: { dialoguesHeld: 1, participants: 205, issuesRaised: 5, answeredOnSpot: 2, transferred: 1, made: 2, kept: 1, keptOnTime: 1, overdue: 1, fulfilmentRate: 0.5 },
  sections: [
    {
      key: 'dan-van-kheo',
      title: 'Dân vận khéo 2027',
      columns: [
        { key: 'recognized', label: 'Được công nhận' },
        { key: 'notMaintained', label: 'Không duy trì' },
      ],
      rows: [
        { code: '01', name: 'Thành phố Hà Nội', values: { recognized: 0, notMaintained: 1 } },
        { code: '00004', name: 'Phường Ba Đình', values: { recognized: 0, notMaintained: 1 } },
      ],
    },
  ],
};

describe('DashboardPage', () => {
  it('shows the dialogue figures (fulfilment 50%) and the contributed «Dân vận khéo» table', async () => {
    const sent = answerApi(() => [200, DASHBOARD]);
    renderVi(<DashboardPage query={{ agency: '01', period: '2027' }} />);
    const dialogues = await screen.findByTestId('dashboard-dialogues');
    expect(within(dialogues).getByText('Tỷ lệ thực hiện cam kết')).toBeTruthy();
    expect(within(dialogues).getByText('50%')).toBeTruthy();
    expect(within(dialogues).getByText('205')).toBeTruthy();
    const models = screen.getByTestId('dashboard-section-dan-van-kheo');
    expect(within(models).getByText('Dân vận khéo 2027')).toBeTruthy();
    expect(within(models).getAllByText('Không duy trì').length).toBeGreaterThan(0);
    expect(within(models).getByText('Phường Ba Đình')).toBeTruthy();
    expect(sent[0]!.url).toBe('/api/v1/reports/dashboard?agency=01&period=2027');
  });
});
