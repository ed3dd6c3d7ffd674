/**
 * The visit form's own logic, in a DOM without a server: required fields, the delegation rule of Art. 29, the request
 * it sends (trimmed, ID number without spaces, the session's agency) and the server's field errors shown under the
 * field they name.
 */
import { configure, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { answerApi, renderVi, type SentRequest } from '../../../test/render.tsx';
import type { ReceptionSession } from './api.ts';
import { VisitForm } from './VisitForm.tsx';

const session: ReceptionSession = {
  id: '41',
  agencyCode: '00004',
  agencyName: 'Phường Ba Đình',
  kind: 'regular',
  kindLabel: 'Tiếp thường xuyên',
  heldOn: '2026-07-15',
  startTime: null,
  endTime: null,
  location: null,
  host: null,
  delegatedTo: null,
  noticeOn: null,
  onlineLink: null,
  recordingRef: null,
  capacity: null,
  status: 'scheduled',
  statusLabel: 'Đang mở',
  summary: null,
  closedAt: null,
  visits: 0,
  people: 0,
  bookings: 0,
};

const input = (testId: string) => {
  const el = screen.getByTestId(testId);
  return (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' ? el : el.querySelector('input, textarea')) as HTMLInputElement;
};
const type = (testId: string, value: string) => fireEvent.change(input(testId), { target: { value } });
/**
 * The form looks up the person's earlier visits (GET) as the ID is typed and the same-matter candidates
 * (POST /matters/similar) as the content is typed: answer with none; POSTs to /visits are what it saves.
 */
const reply = (post: [number, unknown]) => (req: { method: string; url: string }): [number, unknown] =>
  req.method === 'GET' ? [200, { total: 0, items: [] }] : req.url.endsWith('/matters/similar') ? [200, { candidates: [] }] : post;
const posts = (sent: SentRequest[]) => sent.filter((r) => r.method === 'POST' && r.url.endsWith('/visits'));
const similarPosts = (sent: SentRequest[]) => sent.filter((r) => r.method === 'POST' && r.url.endsWith('/matters/similar'));

// antd validates asynchronously; a busy machine needs more than the default second.
configure({ asyncUtilTimeout: 8000 });
afterEach(() => vi.unstubAllGlobals());

describe('VisitForm', () => {
  it('asks for the required fields in Vietnamese and sends nothing', async () => {
    const sent = answerApi(reply([500, {}]));
    renderVi(<VisitForm session={session} booking={null} />);
    fireEvent.click(screen.getByTestId('visit-submit'));
    expect(await screen.findByText('Vui lòng nhập họ và tên')).toBeTruthy();
    expect(screen.getByText('Vui lòng nhập địa chỉ')).toBeTruthy();
    expect(posts(sent)).toHaveLength(0);
  });

  it('refuses an invalid personal ID before sending', async () => {
    const sent = answerApi(reply([500, {}]));
    renderVi(<VisitForm session={session} booking={null} />);
    type('visit-idNumber', '12345');
    fireEvent.click(screen.getByTestId('visit-submit'));
    expect(await screen.findByText('Số định danh cá nhân phải gồm đúng 12 chữ số')).toBeTruthy();
    expect(posts(sent)).toHaveLength(0);
  });

  it('shows the delegation rule and refuses too many representatives for the people present', async () => {
    const sent = answerApi(reply([500, {}]));
    renderVi(<VisitForm session={session} booking={null} />);
    type('visit-peopleCount', '12');
    const rule = await screen.findByTestId('visit-delegation-rule');
    expect(rule.textContent).toContain('Đoàn 12 người: cử từ 1 đến 5 người đại diện');
    fireEvent.click(screen.getByTestId('visit-rep-add'));
    fireEvent.click(screen.getByTestId('visit-rep-add'));
    expect(await screen.findAllByTestId('visit-rep')).toHaveLength(2);
    // 7 people may send at most 2 representatives; the citizen and two others are 3.
    type('visit-peopleCount', '7');
    await waitFor(() => expect(screen.getByTestId('visit-delegation-rule').textContent).toContain('Đoàn 7 người: cử từ 1 đến 2 người đại diện'));
    for (const [prefix, name, id] of [
      ['visit', 'Nguyễn Văn An', '001089012345'],
      ['visit-rep-0', 'Trần Thị Bình', '001189012346'],
      ['visit-rep-1', 'Lê Văn Cường', '001090012347'],
    ] as const) {
      type(`${prefix}-name`, name);
      type(`${prefix}-idNumber`, id);
      type(`${prefix}-address`, 'Số 1 phố Đội Cấn, Ba Đình');
    }
    type('visit-content', 'Khiếu nại quyết định thu hồi đất');
    fireEvent.click(screen.getByTestId('visit-submit'));
    const error = await screen.findByTestId('visit-rep-error');
    expect(error.textContent).toBe('Đoàn 7 người phải cử từ 1 đến 2 người đại diện; hiện có 3.');
    expect(posts(sent)).toHaveLength(0);
  });

  it('sends the visit as the server expects and shows its field errors under the fields', async () => {
    const sent = answerApi(
      reply([400, { statusCode: 400, error: 'Bad Request', message: 'Dữ liệu không hợp lệ', details: [{ field: 'citizen.idNumber', message: 'Số định danh này đã được dùng cho người khác' }] }]),
    );
    renderVi(<VisitForm session={session} booking={null} />);
    type('visit-name', '  Nguyễn Văn An ');
    // Typed in groups of three as on the card (15 characters: the field used to stop at 14); spaces dropped before sending.
    type('visit-idNumber', '001 089 012 345');
    type('visit-address', 'Số 1 phố Đội Cấn, Ba Đình');
    type('visit-phone', '0912 345 678');
    type('visit-content', ' Khiếu nại quyết định thu hồi đất ');
    fireEvent.click(screen.getByTestId('visit-submit'));
    await waitFor(() => expect(posts(sent)).toHaveLength(1));
    expect(posts(sent)[0]).toMatchObject({
      method: 'POST',
      url: '/api/v1/visits',
      body: {
        agency: '00004',
        sessionId: '41',
        citizen: { name: 'Nguyễn Văn An', idType: 'personal-id', idNumber: '001089012345', address: 'Số 1 phố Đội Cấn, Ba Đình', phone: '0912 345 678' },
        content: 'Khiếu nại quyết định thu hồi đất',
        type: 'complaint',
        peopleCount: 1,
        outcome: 'petition-received',
      },
    });
    expect((posts(sent)[0]?.body as Record<string, unknown>).representatives).toBeUndefined();
    const field = input('visit-idNumber').closest('.ant-form-item') as HTMLElement;
    expect(await within(field).findByText('Số định danh này đã được dùng cho người khác')).toBeTruthy();
  });

  it('shows the same-matter candidates as the content is typed: score, reasons in words, restricted ones without content, open or join', async () => {
    const candidates = [
      {
        caseId: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
        code: 'KN-00004-2026-0012',
        agencyCode: '00004',
        agencyName: 'Phường Ba Đình',
        receivedOn: '2026-07-01',
        score: 0.91,
        reasons: ['same-decision', 'same-parcel'],
        reasonText: 'cùng số quyết định, cùng thửa đất',
        readable: true,
        kind: 'complaint',
        state: 'received',
        content: 'Khiếu nại Quyết định số 12/QĐ-UBND thu hồi thửa đất số 45, tờ bản đồ số 7',
        petitionerName: null,
        linked: false,
      },
      {
        caseId: '9b2f1c1e-1111-4c2b-9a7e-3d2b1c0a9f00',
        code: 'KN-01-2026-0003',
        agencyCode: '01',
        agencyName: 'Ủy ban nhân dân thành phố Hà Nội',
        receivedOn: '2026-06-20',
        score: 0.74,
        reasons: ['same-decision'],
        reasonText: 'cùng số quyết định',
        readable: false,
        kind: null,
        state: null,
        content: null,
        petitionerName: null,
        linked: false,
      },
    ];
    const sent = answerApi((req) =>
      req.method === 'GET' ? [200, { total: 0, items: [] }] : req.url.endsWith('/matters/similar') ? [200, { candidates }] : [500, {}],
    );
    renderVi(<VisitForm session={session} booking={null} />);
    type('visit-name', 'Nguyễn Văn An');
    type('visit-idNumber', '001089012345');
    // Typed in bursts: one lookup after the typing pauses, not one per keystroke.
    type('visit-content', 'kinh gui UBND');
    type('visit-content', 'kinh gui UBND, QD 12/QD-UBND');
    type('visit-content', 'kinh gui UBND, QD 12/QD-UBND thua dat so 45 to ban do so 7');
    const items = await screen.findAllByTestId('similar-candidate');
    expect(items).toHaveLength(2);
    expect(similarPosts(sent)).toHaveLength(1);
    expect(similarPosts(sent)[0]).toMatchObject({
      url: '/api/v1/matters/similar',
      body: { agency: '00004', content: 'kinh gui UBND, QD 12/QD-UBND thua dat so 45 to ban do so 7', type: 'complaint', petitioner: { name: 'Nguyễn Văn An', idNumber: '001089012345' } },
    });
    // Readable: its code opens the case in a new tab (the form keeps what was typed), its reasons and score in words.
    const first = items[0] as HTMLElement;
    const open = within(first).getByTestId('similar-open') as HTMLAnchorElement;
    expect(open.textContent).toBe('KN-00004-2026-0012');
    expect(open.getAttribute('href')).toBe('#/cases/7c9e6679-7425-40de-944b-e07fc1f90ae7');
    expect(open.getAttribute('target')).toBe('_blank');
    expect(within(first).getByTestId('similar-reasons').textContent).toBe('cùng số quyết định, cùng thửa đất');
    expect(first.textContent).toContain('điểm 0.91');
    // Not readable here: where and when it was received, no content, no link, nothing to join.
    const second = items[1] as HTMLElement;
    expect(second.textContent).toContain('Đã được Ủy ban nhân dân thành phố Hà Nội tiếp nhận ngày 20/06/2026 (mã KN-01-2026-0003); không được xem nội dung');
    expect(within(second).queryByTestId('similar-open')).toBeNull();
    expect(within(second).queryByTestId('similar-attach')).toBeNull();
    // Joining the readable one: the visit is sent with its case and opens none.
    fireEvent.click(within(first).getByTestId('similar-attach'));
    expect((await screen.findByTestId('similar-attached')).textContent).toContain('KN-00004-2026-0012');
    type('visit-address', 'Số 1 phố Đội Cấn, Ba Đình');
    fireEvent.click(screen.getByTestId('visit-submit'));
    await waitFor(() => expect(posts(sent)).toHaveLength(1));
    expect(posts(sent)[0]?.body).toMatchObject({ caseId: '7c9e6679-7425-40de-944b-e07fc1f90ae7', type: 'complaint' });
  });

  it('never sends a denouncer to be compared', async () => {
    const sent = answerApi(reply([500, {}]));
    renderVi(<VisitForm session={session} booking={null} />);
    fireEvent.click(input('visit-type-denunciation'));
    type('visit-name', 'Nguyễn Văn An');
    type('visit-idNumber', '001089012345');
    type('visit-content', 'Tố cáo ông Trần Văn Bình nhận tiền');
    expect(await screen.findByTestId('similar-none')).toBeTruthy();
    expect(similarPosts(sent)).toHaveLength(1);
    const body = similarPosts(sent)[0]?.body as Record<string, unknown>;
    expect(body).toMatchObject({ agency: '00004', type: 'denunciation' });
    expect(body.petitioner).toBeUndefined();
  });
});
