/** The search page (issue 18): a dialogue, a commitment and a consultation hit each link to their own page with their code and status. */
import { configure, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { answerApi, renderVi } from '../../../test/render.tsx';
import SearchPage from './SearchPage.tsx';

configure({ asyncUtilTimeout: 8000 });
afterEach(() => {
  vi.unstubAllGlobals();
  window.location.hash = '';
});

const hit = (h: Record<string, unknown>) => ({ caseId: null, caseCode: null, code: null, names: null, agencyCode: '00004', agencyName: 'Phường Ba Đình', on: '2026-10-20', highlights: [[0, 7]], rank: 1, ...h });

describe('SearchPage', () => {
  it('links a dialogue, a commitment and a consultation to their pages, with their code and status', async () => {
    window.location.hash = '#/search?q=via%20he';
    const sent = answerApi(() => [
      200,
      {
        total: 4,
        capped: false,
        hits: [
          hit({ recordType: 'dialogue', id: 'd1', code: 'DT-00004-2026-001', kind: 'commune-yearly', state: 'noticed', snippet: 'Vỉa hè phố Đội Cấn' }),
          hit({ recordType: 'commitment', id: 'k1', code: 'CK-00004-2026-001-01', kind: 'commitment', state: 'done', snippet: 'Vỉa hè ngõ Núi Trúc' }),
          hit({ recordType: 'consultation', id: 'c1', kind: 'commune', state: 'draft', snippet: 'Vỉa hè: dự thảo quy chế' }),
          hit({ recordType: 'case', id: 'x1', caseId: 'x1', caseCode: '00004-2026-00001', kind: 'feedback', state: 'received', snippet: 'Vỉa hè bị lấn chiếm' }),
        ],
      },
    ]);
    renderVi(<SearchPage />);
    const dialogue = await screen.findByRole('link', { name: 'DT-00004-2026-001' });
    expect(dialogue.getAttribute('href')).toContain('/dialogues/d1');
    expect(screen.getByRole('link', { name: 'CK-00004-2026-001-01' }).getAttribute('href')).toContain('/commitments/k1');
    expect(screen.getByRole('link', { name: 'Lấy ý kiến' }).getAttribute('href')).toContain('/consultations/c1');
    expect(screen.getByRole('link', { name: '00004-2026-00001' }).getAttribute('href')).toContain('/cases/x1');
    for (const label of ['Đã thông báo', 'Đã thực hiện xong', 'Chưa đăng tải']) expect(screen.getByText(label)).toBeTruthy();
    await waitFor(() => expect(sent[0]?.url).toContain('q=via+he'));
  });
});
