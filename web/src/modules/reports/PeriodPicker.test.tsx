/** The report period picker: the named periods it offers and the choice it reports, and the server's period codes. */
import { configure, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { renderVi } from '../../../test/render.tsx';
import { PeriodPicker, periodCode, type PeriodChoice } from './PeriodPicker.tsx';

configure({ asyncUtilTimeout: 8000 });

function Harness({ initial, seen }: { initial: PeriodChoice; seen: PeriodChoice[] }) {
  const [value, setValue] = useState(initial);
  return (
    <PeriodPicker
      value={value}
      thisYear={2026}
      onChange={(c) => {
        seen.push(c);
        setValue(c);
      }}
    />
  );
}

/** Opens an antd Select by its test id and picks the option with this text. */
async function choose(testId: string, option: string) {
  const select = screen.getByTestId(testId);
  fireEvent.mouseDown(select.querySelector('.ant-select-selector, .ant-select-content, input') ?? select);
  const items = await screen.findAllByText(option, { selector: '.ant-select-item-option-content' });
  fireEvent.click(items[items.length - 1]!);
}

describe('periodCode', () => {
  it('names each period as the report API expects', () => {
    expect(periodCode({ mode: 'quarter', year: 2026, part: 3 })).toBe('2026-Q3');
    expect(periodCode({ mode: 'half', year: 2026, part: 1 })).toBe('2026-H1');
    expect(periodCode({ mode: 'nine', year: 2025, part: 1 })).toBe('2025-9M');
    expect(periodCode({ mode: 'year', year: 2024, part: 1 })).toBe('2024');
    expect(periodCode({ mode: 'custom', from: '2026-01-01', to: '2026-06-30' })).toBeNull();
  });
});

describe('PeriodPicker', () => {
  it('offers the quarters of a quarter, the halves of a half-year, and keeps the chosen year', async () => {
    const seen: PeriodChoice[] = [];
    renderVi(<Harness initial={{ mode: 'custom', from: '2026-01-01', to: '2026-03-31' }} seen={seen} />);
    expect(screen.queryByTestId('report-year')).toBeNull();
    expect(screen.getAllByTestId('report-range').length).toBeGreaterThan(0);

    await choose('report-mode', 'Quý');
    await waitFor(() => expect(seen.at(-1)).toEqual({ mode: 'quarter', year: 2026, part: 1 }));
    expect(screen.queryAllByTestId('report-range')).toHaveLength(0);

    await choose('report-year', '2024');
    await waitFor(() => expect(seen.at(-1)).toEqual({ mode: 'quarter', year: 2024, part: 1 }));
    await choose('report-part', 'Quý 3');
    await waitFor(() => expect(seen.at(-1)).toEqual({ mode: 'quarter', year: 2024, part: 3 }));
    expect(periodCode(seen.at(-1)!)).toBe('2024-Q3');

    await choose('report-mode', '6 tháng');
    await waitFor(() => expect(seen.at(-1)).toEqual({ mode: 'half', year: 2024, part: 1 }));
    expect(within(screen.getByTestId('report-part')).getByText('6 tháng đầu năm')).toBeTruthy();

    await choose('report-mode', 'Năm');
    await waitFor(() => expect(seen.at(-1)).toEqual({ mode: 'year', year: 2024, part: 1 }));
    expect(screen.queryByTestId('report-part')).toBeNull();
  });

  it('shows a custom range as dd/mm/yyyy and reports the typed dates as YYYY-MM-DD from/to', async () => {
    const seen: PeriodChoice[] = [];
    renderVi(<Harness initial={{ mode: 'custom', from: '2026-01-01', to: '2026-03-31' }} seen={seen} />);
    const start = document.getElementById('report-range') as HTMLInputElement;
    const end = document.getElementById('report-range-end') as HTMLInputElement;
    expect(start.value).toBe('01/01/2026');
    expect(end.value).toBe('31/03/2026');

    fireEvent.mouseDown(start);
    fireEvent.focus(start);
    fireEvent.change(start, { target: { value: '15/02/2026' } });
    fireEvent.keyDown(start, { key: 'Enter', code: 'Enter', keyCode: 13 });
    fireEvent.focus(end);
    fireEvent.change(end, { target: { value: '20/05/2026' } });
    fireEvent.keyDown(end, { key: 'Enter', code: 'Enter', keyCode: 13 });
    await waitFor(() => expect(seen.at(-1)).toEqual({ mode: 'custom', from: '2026-02-15', to: '2026-05-20' }));
    expect(periodCode(seen.at(-1)!)).toBeNull();
  });

  it('a named period switched back to custom starts on 1 January of this year and ends today', async () => {
    const seen: PeriodChoice[] = [];
    renderVi(<Harness initial={{ mode: 'nine', year: 2025, part: 1 }} seen={seen} />);
    expect(screen.queryByTestId('report-part')).toBeNull();
    await choose('report-mode', 'Tùy chọn');
    const today = new Date();
    const wire = `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, '0')}-${String(today.getDate()).padStart(2, '0')}`;
    await waitFor(() => expect(seen.at(-1)).toEqual({ mode: 'custom', from: '2026-01-01', to: wire }));
    expect((document.getElementById('report-range') as HTMLInputElement).value).toBe('01/01/2026');
  });
});
