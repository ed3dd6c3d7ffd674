/** The dialogue page's follow-up parts: cancel with a reason (sent to the server), what was sent to the village heads, the files. */
import { configure, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { answerApi, renderVi } from '../../../test/render.tsx';
import { DialogueExtras } from './DialogueExtras.tsx';

configure({ asyncUtilTimeout: 8000 });
afterEach(() => vi.unstubAllGlobals());

describe('DialogueExtras', () => {
  it('cancels a noticed dialogue with its reason', async () => {
    const sent = answerApi(() => [200, { dialogue: {} }]);
    const changed = vi.fn();
    renderVi(<DialogueExtras d={{ id: 'd1', status: 'noticed' }} onChange={changed} />);
    expect((screen.getByTestId('dlg-cancel') as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(screen.getByLabelText('Lý do hủy (được báo cho người đã đăng ký)'), { target: { value: 'Trùng lịch tiếp xúc cử tri' } });
    fireEvent.click(screen.getByTestId('dlg-cancel'));
    await waitFor(() => expect(changed).toHaveBeenCalled());
    expect(sent).toMatchObject([{ method: 'POST', url: '/api/v1/dialogues/d1/cancel', body: { reason: 'Trùng lịch tiếp xúc cử tri' } }]);
  });
  it('shows the cancellation, the heads reached and the files', () => {
    answerApi(() => [200, {}]);
    const { unmount } = renderVi(<DialogueExtras d={{ id: 'd1', status: 'cancelled', cancellation: { cancelledOn: '2026-10-07', reason: 'Mưa bão', registrantsTold: 2 } }} onChange={() => undefined} />);
    expect(screen.getByText('Đã hủy ngày 07/10/2026: Mưa bão')).toBeTruthy();
    expect(screen.getByText('Đã báo cho 2 người đăng ký có để lại liên hệ.')).toBeTruthy();
    unmount();
    renderVi(<DialogueExtras d={{ id: 'd2', status: 'concluded', sentToVillageHeads: { heads: 2, app: 1, email: 1 }, attachments: [{ id: 'a1', fileName: 'bien-ban.pdf', url: '/api/v1/dialogue-attachments/a1', sizeBytes: 10 }] }} onChange={() => undefined} />);
    expect(screen.getByText('Kết luận đã gửi đến 2 trưởng thôn, tổ trưởng tổ dân phố (1 thông báo trong ứng dụng, 1 e-mail).')).toBeTruthy();
    expect(screen.getByText('bien-ban.pdf').getAttribute('href')).toBe('/api/v1/dialogue-attachments/a1');
    expect(screen.queryByTestId('dlg-cancel')).toBeNull();
  });
});
