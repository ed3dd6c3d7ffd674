/** The duties beside the running deadline on the case page (issue 12, ADR 0024): dates, light, default label, done. */
import { configure, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { answerApi, renderVi } from '../../../test/render.tsx';
import type { CaseDuty } from './api.ts';
import { CaseDuties } from './CaseDuties.tsx';

configure({ asyncUtilTimeout: 8000 });
afterEach(() => vi.unstubAllGlobals());

const base: CaseDuty = {
  id: '11111111-1111-4111-8111-111111111111',
  code: 'notify-acceptance',
  label: 'Thông báo việc thụ lý tố cáo cho người tố cáo và người bị tố cáo',
  rule: 'denunciation.notify',
  ruleVersion: 'denunciation.notify@2019-01-01',
  verified: true,
  citation: 'Khoản 1 Điều 29 Luật Tố cáo 2018',
  fromOn: '2026-08-10',
  dueOn: '2026-08-17',
  doneOn: null,
  documentNo: null,
  onTime: null,
  dueLight: 'due-soon',
  dueExplanation: '5 ngày làm việc kể từ ngày ra quyết định thụ lý 10/08/2026: hạn 17/08/2026.',
};

describe('CaseDuties', () => {
  it('shows each duty with its citation, due date and light; an unverified default is labelled; an untimed one says so', () => {
    renderVi(
      <CaseDuties
        caseId="c1"
        duties={[
          base,
          { ...base, id: '2', code: 'send-resumption-denunciation', label: 'Gửi quyết định tiếp tục giải quyết tố cáo', verified: false, dueLight: 'on-time' },
          { ...base, id: '3', code: 'repeat-notice', label: 'Thông báo từ chối tiếp', dueOn: null, dueLight: null, dueExplanation: null },
        ]}
        canAct={() => false}
        onChanged={() => {}}
      />,
    );
    const first = screen.getByTestId('case-duty-notify-acceptance');
    expect(within(first).getByText('Khoản 1 Điều 29 Luật Tố cáo 2018')).toBeTruthy();
    expect(within(first).getByTestId('case-duty-due').textContent).toBe('17/08/2026');
    expect(within(first).getByTestId('case-duty-light').getAttribute('data-light')).toBe('due-soon');
    expect(within(first).queryByTestId('case-duty-unverified')).toBeNull();
    expect(within(first).queryByTestId('case-duty-submit')).toBeNull();
    expect(within(screen.getByTestId('case-duty-send-resumption-denunciation')).getByTestId('case-duty-unverified').textContent).toContain('mặc định');
    expect(within(screen.getByTestId('case-duty-repeat-notice')).getByTestId('case-duty-due').textContent).toBe('Không tính hạn');
  });

  it('records a duty as done with the document number, then reloads', async () => {
    const sent = answerApi(() => [200, { duty: { ...base, doneOn: '2026-08-13', documentNo: '05/TB', onTime: true } }]);
    const changed = vi.fn();
    renderVi(<CaseDuties caseId="c1" duties={[base]} canAct={() => true} onChanged={changed} />);
    fireEvent.change(screen.getByTestId('case-duty-document'), { target: { value: '05/TB' } });
    fireEvent.click(screen.getByTestId('case-duty-submit'));
    await waitFor(() => expect(changed).toHaveBeenCalled());
    expect(sent[0]).toMatchObject({ method: 'POST', body: { documentNo: '05/TB' } });
    expect(sent[0]!.url).toContain('/cases/c1/duties/11111111-1111-4111-8111-111111111111/done');
  });

  it('a done duty shows its date and whether it was on time', () => {
    renderVi(<CaseDuties caseId="c1" duties={[{ ...base, doneOn: '2026-08-18', onTime: false, documentNo: '05/TB', dueLight: null }]} canAct={() => true} onChanged={() => {}} />);
    const tag = screen.getByTestId('case-duty-done');
    expect(tag.textContent).toContain('18/08/2026');
    expect(tag.textContent).toContain('quá hạn');
    expect(screen.queryByTestId('case-duty-submit')).toBeNull();
  });
});
