/** The requests page: a voters' request is sent with its signatures and voter roll; the youth request shows its decision date; a village head is saved. */
import { configure, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { answerApi, renderVi } from '../../../test/render.tsx';
import { CurrentAgencyProvider } from '../agencies/current-agency.tsx';
import DialogueRequestsPage from './DialogueRequestsPage.tsx';

configure({ asyncUtilTimeout: 8000 });
afterEach(() => vi.unstubAllGlobals());

const USER = { id: 'u1', username: 'bd.handler', displayName: 'Cán bộ', grants: [{ role: 'handler', agencyCode: '00004', agencyName: 'Phường Ba Đình' }] };

describe('DialogueRequestsPage', () => {
  it('records a voters request and a village head; shows the triggered request and the youth decision date', async () => {
    const sent = answerApi((req) => {
      if (req.method === 'GET' && req.url.startsWith('/api/v1/dialogue-requests'))
        return [
          200,
          {
            items: [
              { id: 'r1', code: 'YC-00004-2026-001', kind: 'commune-yearly', requestedOn: '2026-10-20', requester: 'Cử tri tổ 1–12', signatures: 120, votersOnRoll: 1200, share: 0.1, triggered: true, thresholdPercent: 10, decisionDueOn: null, decidedOn: null, decision: null, decisionOverdue: false, decisionLate: false },
              { id: 'r2', code: 'YC-00004-2026-002', kind: 'youth', requestedOn: '2026-10-01', requester: 'Đoàn Thanh niên', signatures: null, votersOnRoll: null, share: null, triggered: false, thresholdPercent: null, decisionDueOn: '2026-11-16', decidedOn: null, decision: null, decisionOverdue: false, decisionLate: false },
            ],
          },
        ];
      if (req.method === 'GET') return [200, { items: [] }];
      return [201, {}];
    });
    renderVi(
      <CurrentAgencyProvider user={USER as never}>
        <DialogueRequestsPage />
      </CurrentAgencyProvider>,
    );
    await screen.findByText('120/1200 (10%) — đủ ngưỡng, phải tổ chức đối thoại');
    expect(screen.getByText('Quyết định trước 16/11/2026')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Tổ chức / nhóm cử tri đề nghị'), { target: { value: 'Cử tri tổ 13' } });
    fireEvent.change(screen.getByLabelText('Số cử tri đã ký (đã xác minh, mỗi người một lần)'), { target: { value: '50' } });
    fireEvent.change(screen.getByLabelText('Tổng số cử tri của xã'), { target: { value: '1200' } });
    fireEvent.click(screen.getByTestId('req-create'));
    await waitFor(() => expect(sent.some((r) => r.method === 'POST')).toBe(true));
    expect(sent.find((r) => r.method === 'POST')).toMatchObject({ url: '/api/v1/dialogue-requests', body: { agency: '00004', kind: 'commune-yearly', requester: 'Cử tri tổ 13', signatures: 50, votersOnRoll: 1200 } });
    fireEvent.change(screen.getByLabelText('Thôn / tổ dân phố'), { target: { value: 'Tổ dân phố số 1' } });
    fireEvent.change(screen.getByLabelText('Họ tên người đứng đầu'), { target: { value: 'Nguyễn Văn Một' } });
    fireEvent.change(screen.getByLabelText('E-mail'), { target: { value: 'tdp1@example.vn' } });
    fireEvent.click(screen.getByTestId('vh-save'));
    await waitFor(() => expect(sent.some((r) => r.method === 'PUT')).toBe(true));
    expect(sent.find((r) => r.method === 'PUT')).toMatchObject({ url: '/api/v1/dialogue-village-heads', body: { agency: '00004', village: 'Tổ dân phố số 1', villageKind: 'thon', headName: 'Nguyễn Văn Một', email: 'tdp1@example.vn' } });
  });
});
