/** The dialogue kinds page: every number labelled with its mark (defaults flagged), an edit is sent as the whole table, a refusal shows the server's message. */
import { configure, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { answerApi, renderVi } from '../../../test/render.tsx';
import DialogueKindsPage, { type DialogueKindRow } from './DialogueKindsPage.tsx';

configure({ asyncUtilTimeout: 8000 });
afterEach(() => vi.unstubAllGlobals());

const KINDS: DialogueKindRow[] = [
  {
    key: 'commune-yearly',
    label: 'Hội nghị đối thoại giữa UBND xã với Nhân dân (hằng năm)',
    noticeDays: 7,
    noticeCitation: 'Điều 43 Luật 72/2025/QH15',
    noticeMark: 'V*',
    conclusionDays: 10,
    conclusionDaysComplex: null,
    conclusionCitation: 'Điều 43 Luật 72/2025/QH15',
    conclusionMark: 'V*',
    organiser: 'UBND xã',
    coChair: 'HĐND xã',
    yearlyPerCommune: true,
    yearlyCitation: 'Điều 32 Luật 10/2022/QH15',
    yearlyMark: 'V',
    usualMonth: null,
    requestThresholdPercent: 10,
    requestDecisionDays: null,
    requestCitation: 'Điều 43 Luật 72/2025/QH15 (10% cử tri)',
    requestMark: 'V*',
  },
  {
    key: 'youth',
    label: 'Đối thoại với thanh niên',
    noticeDays: 30,
    noticeCitation: 'Điều 10 Luật Thanh niên',
    noticeMark: 'V',
    conclusionDays: 10,
    conclusionDaysComplex: 15,
    conclusionCitation: 'Điều 11 NĐ 13/2021',
    conclusionMark: 'V',
    organiser: 'Chủ tịch UBND',
    coChair: 'Đoàn TN',
    yearlyPerCommune: false,
    yearlyCitation: null,
    yearlyMark: null,
    usualMonth: 3,
    requestThresholdPercent: null,
    requestDecisionDays: 45,
    requestCitation: 'Điều 10 Luật Thanh niên (45 ngày)',
    requestMark: 'V',
  },
];

describe('DialogueKindsPage', () => {
  it('labels defaults [V*] as to be checked, sends the edited table, shows a refusal', async () => {
    let saves = 0;
    const sent = answerApi((req) => {
      if (req.method === 'GET') return [200, { items: KINDS }];
      saves++;
      if (saves === 1) return [403, { statusCode: 403, error: 'Forbidden', message: 'Bạn không có quyền thực hiện thao tác này' }];
      return [200, { items: (req.body as { kinds: DialogueKindRow[] }).kinds }];
    });
    renderVi(<DialogueKindsPage />);
    const commune = await screen.findByTestId('kind-commune-yearly');
    expect(within(commune).getAllByText('[V*] mặc định — cần đối chiếu, có thể cấu hình').length).toBeGreaterThanOrEqual(2);
    expect(within(screen.getByTestId('kind-youth')).getAllByText('[V] đã đối chiếu văn bản').length).toBeGreaterThanOrEqual(2);
    expect(within(commune).getByText('Căn cứ: Điều 43 Luật 72/2025/QH15 (10% cử tri)')).toBeTruthy();
    fireEvent.change(screen.getByLabelText(/Thông báo trước ít nhất/, { selector: '#kind-commune-yearly-noticeDays' }), { target: { value: '10' } });
    fireEvent.change(screen.getByLabelText(/Trường hợp phức tạp/, { selector: '#kind-youth-conclusionDaysComplex' }), { target: { value: '' } });
    fireEvent.click(screen.getByTestId('kinds-save'));
    await screen.findByText('Bạn không có quyền thực hiện thao tác này');
    fireEvent.click(screen.getByTestId('kinds-save'));
    await screen.findByText('Đã lưu danh mục loại đối thoại.');
    const put = sent.filter((r) => r.method === 'PUT');
    expect(put).toHaveLength(2);
    expect(put[0]!.url).toBe('/api/v1/dialogue-kinds');
    const body = put[1]!.body as { kinds: DialogueKindRow[] };
    expect(body.kinds.map((k) => [k.key, k.noticeDays, k.conclusionDaysComplex, k.requestThresholdPercent, k.requestDecisionDays])).toEqual([
      ['commune-yearly', 10, null, 10, null],
      ['youth', 30, null, null, 45],
    ]);
    await waitFor(() => expect((screen.getByTestId('kind-commune-yearly-noticeDays') as HTMLInputElement).value).toBe('10'));
  });
});
