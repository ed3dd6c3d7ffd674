/**
 * The import page follows the server's own work: the upload request carries a fresh progress id
 * (x-progress-id), and while the server reads and checks the rows the page polls getImportProgress under that id
 * and shows the rows checked with Vietnamese number formatting; without an answer it keeps the indeterminate bar.
 */
import { configure, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { answerApi, renderVi } from '../../test/render.tsx';
import { CurrentAgencyProvider } from '../modules/agencies/current-agency.tsx';
import type { User } from '../modules/auth/session.tsx';
import ImportPage from './ImportPage.tsx';

configure({ asyncUtilTimeout: 8000 });
afterEach(() => vi.unstubAllGlobals());

/** An upload that reports itself sent and then waits for the server, recording its request headers. */
class PendingUpload {
  static last: PendingUpload | null = null;
  headers: Record<string, string> = {};
  url = '';
  upload: { onprogress: ((e: ProgressEvent) => void) | null; onload: (() => void) | null } = { onprogress: null, onload: null };
  withCredentials = false;
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  status = 0;
  responseText = '';
  open(_method: string, url: string) {
    this.url = url;
  }
  setRequestHeader(name: string, value: string) {
    this.headers[name.toLowerCase()] = value;
  }
  send() {
    PendingUpload.last = this;
    setTimeout(() => this.upload.onload?.(), 0);
  }
}

const user = { username: 'letan', displayName: 'Lễ tân', grants: [{ agencyCode: '00004', agencyName: 'Phường Ba Đình', role: 'receptionist' }] } as unknown as User;

describe('ImportPage', () => {
  it('sends a progress id with the upload and shows the server’s rows checked while it works', async () => {
    vi.stubGlobal('XMLHttpRequest', PendingUpload);
    const polled: string[] = [];
    answerApi((req) => {
      if (req.url.includes('/imports/progress/')) {
        polled.push(req.url);
        return [200, { phase: 'checking', done: 12_000, total: 50_000, percent: 12 }];
      }
      return [404, {}];
    });
    const { container } = renderVi(
      <CurrentAgencyProvider user={user}>
        <ImportPage />
      </CurrentAgencyProvider>,
    );
    const fileInput = container.querySelector('input[type="file"]') as HTMLInputElement;
    const file = new File(['x'], 'so-tiep-dan.xls', { type: 'application/vnd.ms-excel' });
    fireEvent.change(fileInput, { target: { files: [file] } });
    await waitFor(() => expect(PendingUpload.last).not.toBeNull());
    const id = PendingUpload.last!.headers['x-progress-id'];
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(PendingUpload.last!.url).toContain('/imports/register/preview');
    expect(await screen.findByTestId('import-server-progress-text')).toHaveProperty('textContent', 'Đã kiểm tra 12.000/50.000 dòng');
    expect(polled[0]).toContain(`/imports/progress/${id}`);
  });

  it('keeps the indeterminate bar while the server has no progress to tell', async () => {
    PendingUpload.last = null;
    vi.stubGlobal('XMLHttpRequest', PendingUpload);
    answerApi(() => [404, { statusCode: 404, error: 'Not Found', message: 'Không tìm thấy' }]);
    const { container } = renderVi(
      <CurrentAgencyProvider user={user}>
        <ImportPage />
      </CurrentAgencyProvider>,
    );
    fireEvent.change(container.querySelector('input[type="file"]')!, { target: { files: [new File(['x'], 'a.xlsx')] } });
    expect(await screen.findByText('Máy chủ đang đọc và kiểm tra từng dòng…')).toBeTruthy();
    await new Promise((ok) => setTimeout(ok, 900));
    expect(screen.queryByTestId('import-server-progress')).toBeNull();
  });
});
