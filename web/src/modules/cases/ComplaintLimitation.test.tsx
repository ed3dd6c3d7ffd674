/** The 90-day complaint limitation at intake (Luật Khiếu nại Art. 9): a warning with the guidance ground, never a block. */
import { configure, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { answerApi, renderVi } from '../../../test/render.tsx';
import { ComplaintLimitation } from './ComplaintLimitation.tsx';

configure({ asyncUtilTimeout: 8000 });
afterEach(() => vi.unstubAllGlobals());

function typeDate(value: string) {
  const input = document.getElementById('complaint-learned-on') as HTMLInputElement;
  fireEvent.mouseDown(input);
  fireEvent.focus(input);
  fireEvent.change(input, { target: { value } });
  fireEvent.keyDown(input, { key: 'Enter', code: 'Enter', keyCode: 13 });
}

describe('ComplaintLimitation', () => {
  it('asks the server with the received and learned days and shows the warning with what to do', async () => {
    const message = 'Hết thời hiệu khiếu nại: … lưu đơn với lý do «Hết thời hiệu khiếu nại» hoặc hướng dẫn công dân.';
    const sent = answerApi(() => [200, { lastDay: '2026-07-31', expired: true, explanation: '…', message, archiveReason: 'limitation-expired' }]);
    renderVi(<ComplaintLimitation receivedOn="2026-08-03" />);
    typeDate('02/05/2026');
    await waitFor(() => expect(screen.getByTestId('complaint-limitation-expired').textContent).toContain('hoặc hướng dẫn'));
    expect(sent[0]).toMatchObject({ method: 'POST', body: { receivedOn: '2026-08-03', learnedOn: '2026-05-02' } });
    expect(sent[0]!.url).toContain('/intake/limitation');
  });

  it('within the period: the last day, no warning', async () => {
    answerApi(() => [200, { lastDay: '2026-08-03', expired: false, explanation: '…', message: null, archiveReason: null }]);
    renderVi(<ComplaintLimitation receivedOn="2026-08-03" />);
    typeDate('04/05/2026');
    await waitFor(() => expect(screen.getByTestId('complaint-limitation-within').textContent).toContain('03/08/2026'));
    expect(screen.queryByTestId('complaint-limitation-expired')).toBeNull();
  });
});
