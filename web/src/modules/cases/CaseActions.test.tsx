/**
 * The case actions (issue 11 item 9): only the steps the server's `allowedActions` enable are offered; a step that
 * needs a reason, an outcome or a target agency asks for it before sending and sends it; the server's error is shown.
 */
import { configure, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { answerApi, renderVi, type SentRequest } from '../../../test/render.tsx';
import type { AllowedAction } from './api.ts';
import { CaseActions } from './CaseActions.tsx';

configure({ asyncUtilTimeout: 8000 });
afterEach(() => vi.unstubAllGlobals());

const ARCHIVE: AllowedAction = { action: 'archive', label: 'Lưu đơn', needs: ['reason'], citation: 'Điều 6 Thông tư 05/2021/TT-TTCP' };
const ACCEPT: AllowedAction = { action: 'accept', label: 'Thụ lý', needs: [], citation: 'Điều 27 Luật Khiếu nại 2011' };
const CONCLUDE: AllowedAction = {
  action: 'conclude',
  label: 'Kết luận nội dung tố cáo',
  needs: ['outcome'],
  citation: 'Điều 35 Luật Tố cáo 2018',
  outcomes: [
    { value: 'upheld', label: 'Tố cáo đúng' },
    { value: 'rejected', label: 'Tố cáo sai' },
  ],
};
const CHASE: AllowedAction = { action: 'chase', label: 'Đôn đốc cấp dưới', needs: ['targetAgency'], citation: 'Điều 40 Nghị định 124/2020/NĐ-CP' };

function show(actions: AllowedAction[], opts: { kind?: string; state?: string; onChanged?: () => void } = {}) {
  return renderVi(
    <CaseActions
      caseId="c1"
      caseCode="KN-2026-0001"
      kind={opts.kind ?? 'feedback'}
      state={opts.state ?? 'received'}
      agencyName="UBND tỉnh A"
      agencyCode="T01"
      actions={actions}
      roles={new Set()}
      onChanged={opts.onChanged ?? (() => {})}
    />,
  );
}

/** Opens an antd Select by its test id and picks the option with this text. */
async function choose(testId: string, option: string) {
  const select = screen.getByTestId(testId);
  fireEvent.mouseDown(select.querySelector('.ant-select-selector, .ant-select-content, input') ?? select);
  const items = await screen.findAllByText(option, { selector: '.ant-select-item-option-content' });
  fireEvent.click(items[items.length - 1]!);
}

const transitions = (sent: SentRequest[]) => sent.filter((r) => r.url.includes('/transitions'));

describe('CaseActions', () => {
  it('offers exactly the actions the server allows, with their legal basis', () => {
    show([ACCEPT, ARCHIVE]);
    expect(screen.getByTestId('case-action-accept').textContent).toContain('Thụ lý');
    expect(screen.getByTestId('case-action-archive').textContent).toContain('Lưu đơn');
    expect(screen.getAllByRole('button').filter((b) => b.getAttribute('data-testid')?.startsWith('case-action-'))).toHaveLength(2);
    expect(screen.queryByTestId('case-action-forward')).toBeNull();
    expect(screen.queryByTestId('case-action-conclude')).toBeNull();
    expect(within(screen.getByTestId('case-action-block-accept')).getByText(/Điều 27 Luật Khiếu nại 2011/)).toBeTruthy();
    // Only the step that needs a reason asks for one.
    expect(within(screen.getByTestId('case-action-block-archive')).getByTestId('case-reason-archive')).toBeTruthy();
    expect(within(screen.getByTestId('case-action-block-accept')).queryByTestId('case-reason-accept')).toBeNull();
  });

  it('with nothing allowed, says so and offers no button', () => {
    show([]);
    expect(screen.getByText('Bạn không có thao tác nào với vụ việc ở trạng thái này.')).toBeTruthy();
    expect(screen.queryAllByRole('button')).toHaveLength(0);
  });

  it('a step that needs a reason asks for it and sends nothing until given, then sends it and shows the notice', async () => {
    const sent = answerApi(() => [200, { case: { id: 'c1', code: 'KN-2026-0001', state: 'archived' }, notice: 'Thông báo: đơn được lưu.', createdCase: null }]);
    const changed = vi.fn();
    show([ARCHIVE], { onChanged: changed });

    fireEvent.click(screen.getByTestId('case-action-archive'));
    expect(await screen.findByText('Vui lòng nhập lý do')).toBeTruthy();
    expect(transitions(sent)).toHaveLength(0);

    fireEvent.change(screen.getByTestId('case-reason-archive'), { target: { value: '  Đơn trùng nội dung  ' } });
    fireEvent.change(screen.getByTestId('case-note'), { target: { value: 'Đã đối chiếu sổ' } });
    fireEvent.click(screen.getByTestId('case-action-archive'));
    await waitFor(() => expect(changed).toHaveBeenCalledTimes(1));
    expect(transitions(sent)).toHaveLength(1);
    expect(sent[0]).toMatchObject({ method: 'POST', body: { action: 'archive', reason: 'Đơn trùng nội dung', note: 'Đã đối chiếu sổ' } });
    expect(sent[0]!.url).toContain('/cases/c1/transitions');
    expect(screen.getByTestId('case-result').textContent).toContain('Thông báo: đơn được lưu.');
  });

  it('a step that needs an outcome asks for it, then sends the chosen one', async () => {
    const sent = answerApi(() => [200, { case: { id: 'c1', code: 'TC-2026-0001', state: 'concluded' }, notice: null, createdCase: null }]);
    const changed = vi.fn();
    show([CONCLUDE], { kind: 'denunciation', state: 'verifying', onChanged: changed });

    fireEvent.click(screen.getByTestId('case-action-conclude'));
    expect(await screen.findByText('Vui lòng chọn kết quả giải quyết')).toBeTruthy();
    expect(transitions(sent)).toHaveLength(0);

    await choose('case-outcome-conclude', 'Tố cáo sai');
    fireEvent.click(screen.getByTestId('case-action-conclude'));
    await waitFor(() => expect(changed).toHaveBeenCalled());
    expect(transitions(sent)).toHaveLength(1);
    expect(transitions(sent)[0]!.body).toEqual({ action: 'conclude', outcome: 'rejected' });
  });

  it('a chase asks for the lower level among the agency’s own and sends its code', async () => {
    const sent = answerApi((req) =>
      req.url.includes('/agencies')
        ? [200, { total: 1, items: [{ code: 'X07', name: 'Xã B', fullName: 'UBND xã B', level: 'commune', parentCode: 'T01' }] }]
        : [200, { case: { id: 'c1', code: 'KN-2026-0001', state: 'received' }, notice: null, createdCase: null }],
    );
    const changed = vi.fn();
    show([CHASE], { onChanged: changed });

    fireEvent.click(screen.getByTestId('case-action-chase'));
    expect(await screen.findByText('Vui lòng nhập cơ quan cấp dưới được đôn đốc')).toBeTruthy();
    expect(transitions(sent)).toHaveLength(0);

    await waitFor(() => expect(sent.some((r) => r.url.includes('/agencies') && r.url.includes('parent=T01'))).toBe(true));
    await choose('case-targetAgency-chase', 'UBND xã B');
    fireEvent.click(screen.getByTestId('case-action-chase'));
    await waitFor(() => expect(changed).toHaveBeenCalled());
    expect(transitions(sent)[0]!.body).toEqual({ action: 'chase', targetAgency: 'X07' });
  });

  it('shows the server’s error message and keeps the form', async () => {
    answerApi(() => [400, { statusCode: 400, error: 'Bad Request', message: 'Ngày thực hiện không được sau ngày hôm nay' }]);
    const changed = vi.fn();
    show([ACCEPT], { onChanged: changed });
    fireEvent.click(screen.getByTestId('case-action-accept'));
    const alert = await screen.findByTestId('case-action-error');
    expect(alert.textContent).toContain('Ngày thực hiện không được sau ngày hôm nay');
    expect(changed).not.toHaveBeenCalled();
    expect(screen.getByTestId('case-action-accept')).toBeTruthy();
  });

  it('on a conflict carrying the actions allowed now, shows the message and reloads them', async () => {
    answerApi(() => [409, { statusCode: 409, error: 'Conflict', message: 'Vụ việc đã được thụ lý', allowedActions: [ARCHIVE] }]);
    const changed = vi.fn();
    show([ACCEPT], { onChanged: changed });
    fireEvent.click(screen.getByTestId('case-action-accept'));
    expect((await screen.findByTestId('case-action-error')).textContent).toContain('Vụ việc đã được thụ lý');
    expect(changed).toHaveBeenCalledTimes(1);
  });
});
