/**
 * Issue 16's staff pages: the national sync backlog (getSyncStatus, retryNationalSync), the outgoing packages'
 * «Gửi lại» (retryOutgoingPackage) and the period report's warning about instances it does not cover.
 */
import { configure, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { answerApi, renderVi } from '../../../test/render.tsx';
import NationalSyncPage from './NationalSyncPage.tsx';
import FederationPage from './FederationPage.tsx';
import { CoverageWarning } from './CoverageWarning.tsx';

configure({ asyncUtilTimeout: 8000 });
afterEach(() => vi.unstubAllGlobals());

const STATUS = {
  configured: true,
  endpointHost: 'csdl.thanhtra.gov.vn',
  counts: { pending: 1234, sending: 0, sent: 56789, failed: 2 },
  oldestPending: { caseCode: '00004-2026-00012', action: 'accept', createdAt: '2026-12-01T02:00:00.000Z', ageMinutes: 7200 },
  lastError: { at: '2026-12-05T03:04:00.000Z', caseCode: '00004-2026-00012', error: 'ECONNREFUSED', httpStatus: null },
  lastSentAt: '2026-11-30T16:30:00.000Z',
  unsent: [
    { id: 'e1', caseCode: '00004-2026-00012', event: 'case.step', action: 'accept', status: 'failed', attempts: 20, createdAt: '2026-12-01T02:00:00.000Z', nextAttemptAt: '2026-12-01T03:00:00.000Z', lastError: 'HTTP 503', lastHttpStatus: 503 },
    { id: 'e2', caseCode: '00004-2026-00013', event: 'case.received', action: 'open', status: 'pending', attempts: 3, createdAt: '2026-12-02T02:00:00.000Z', nextAttemptAt: '2026-12-02T03:00:00.000Z', lastError: null, lastHttpStatus: null },
  ],
};

describe('national sync backlog page', () => {
  it('shows counts as 1.234, the failure with its reason, the last success as dd/mm/yyyy, and retries the selected event', async () => {
    const sent = answerApi((req) => (req.method === 'POST' ? [200, { requeued: 1 }] : [200, STATUS]));
    renderVi(<NationalSyncPage retry />);
    expect((await screen.findByTestId('sync-pending')).textContent).toBe('1.234');
    expect(screen.getByTestId('sync-sent').textContent).toBe('56.789');
    expect(screen.getByTestId('sync-failed').textContent).toBe('2');
    // 16:30 UTC on 30/11 is 23:30 in Hà Nội.
    expect(screen.getByTestId('sync-last-sent').textContent).toBe('30/11/2026 23:30');
    expect(screen.getByTestId('sync-last-error').textContent).toContain('ECONNREFUSED');
    const table = screen.getByTestId('sync-unsent');
    expect(within(table).getByText('HTTP 503 (HTTP 503)')).toBeTruthy();
    expect(within(table).getByText('Thất bại')).toBeTruthy();
    fireEvent.click(within(table).getByLabelText('00004-2026-00012'));
    fireEvent.click(screen.getByTestId('sync-retry-selected'));
    expect((await screen.findByTestId('sync-requeued')).textContent).toContain('Đã đưa lại 1 sự kiện');
    const post = sent.find((r) => r.method === 'POST')!;
    expect(post.url).toBe('/api/v1/national-sync/retry');
    expect(post.body).toEqual({ ids: ['e1'] });
  });

  it('offers no retry to a monitor', async () => {
    answerApi(() => [200, STATUS]);
    renderVi(<NationalSyncPage retry={false} />);
    await screen.findByTestId('sync-pending');
    expect(screen.queryByTestId('sync-retry-selected')).toBeNull();
    expect(screen.queryByTestId('sync-retry-all')).toBeNull();
  });
});

const PACKAGE = {
  direction: 'out',
  type: 'edoc',
  peerInstance: 'hcm',
  fromAgency: '00004',
  toAgency: '26734',
  documentNo: '00004-2026-00001',
  documentDate: '2026-12-01',
  caseId: null,
  refersTo: null,
  remoteStatus: null,
  attempts: 20,
  nextAttemptAt: null,
  lastError: 'connect ECONNREFUSED',
  ackedAt: null,
  returnReason: null,
  createdAt: '2026-12-01T02:00:00.000Z',
};

describe('outgoing packages', () => {
  it('offers «Gửi lại» on a failed package only, and re-queues it', async () => {
    const sent = answerApi((req) => {
      if (req.method === 'POST') return [200, { ...PACKAGE, id: 'p-failed', status: 'pending', attempts: 0 }];
      if (req.url.includes('/outgoing')) return [200, [{ ...PACKAGE, id: 'p-failed', status: 'failed' }, { ...PACKAGE, id: 'p-ok', status: 'delivered' }]];
      if (req.url.includes('/incoming')) return [200, []];
      return [200, []];
    });
    renderVi(<FederationPage admin={false} />);
    const button = await screen.findByTestId('federation-retry-p-failed');
    expect(screen.queryByTestId('federation-retry-p-ok')).toBeNull();
    fireEvent.click(button);
    expect((await screen.findByTestId('federation-retried')).textContent).toContain('00004-2026-00001');
    await waitFor(() => expect(sent.some((r) => r.method === 'POST' && r.url === '/api/v1/federation/packages/outgoing/p-failed/retry')).toBe(true));
  });
});

describe('report coverage warning', () => {
  it('names the instance a custom range leaves out and the range that would include it', () => {
    renderVi(
      <CoverageWarning
        gaps={[{ instance: 'hcm', instanceName: 'TP Hồ Chí Minh', agencies: [{ code: '79', name: 'Thành phố Hồ Chí Minh' }], reason: 'custom-range', asOf: null, coveringRange: { from: '2026-07-01', to: '2026-07-31' } }]}
      />,
    );
    const alert = screen.getByTestId('report-not-covered');
    expect(alert.textContent).toContain('Thành phố Hồ Chí Minh (hệ thống TP Hồ Chí Minh, mã hcm)');
    expect(alert.textContent).toContain('từ ngày 01/07/2026 đến ngày 31/07/2026');
  });

  it('says nothing when the report is complete', () => {
    renderVi(<CoverageWarning gaps={[]} />);
    expect(screen.queryByTestId('report-not-covered')).toBeNull();
  });
});
