/**
 * Choose the report period: a named period (quarter, 6 months, 9 months, year — the server applies the cut-off
 * convention set by the administrator) or a custom range of dates.
 */
import { DatePicker, Form, Select } from 'antd';
import dayjs from 'dayjs';
import { useT } from '../../i18n/i18n.tsx';
import { DATE_INPUT_FORMAT, DATE_WIRE_FORMAT } from '../../ui/format.ts';

export type PeriodChoice = { mode: 'custom'; from: string; to: string } | { mode: 'quarter' | 'half' | 'nine' | 'year'; year: number; part: number };

/** The `period` parameter of a named choice ("2026-Q3", "2026-H1", "2026-9M", "2026"), or null for a custom range. */
export function periodCode(c: PeriodChoice): string | null {
  switch (c.mode) {
    case 'custom':
      return null;
    case 'quarter':
      return `${c.year}-Q${c.part}`;
    case 'half':
      return `${c.year}-H${c.part}`;
    case 'nine':
      return `${c.year}-9M`;
    case 'year':
      return String(c.year);
  }
}

export function PeriodPicker({ value, onChange, thisYear }: { value: PeriodChoice; onChange: (c: PeriodChoice) => void; thisYear: number }) {
  const t = useT();
  const years = Array.from({ length: 6 }, (_, i) => thisYear - i);
  const setMode = (mode: PeriodChoice['mode']) => {
    if (mode === 'custom') onChange({ mode, from: `${thisYear}-01-01`, to: dayjs().format(DATE_WIRE_FORMAT) });
    else onChange({ mode, year: 'year' in value ? value.year : thisYear, part: 1 });
  };
  return (
    <Form layout="inline" style={{ marginBottom: 16, rowGap: 8 }}>
      <Form.Item label={t('report.period')} htmlFor="report-mode">
        <Select
          id="report-mode"
          data-testid="report-mode"
          style={{ width: 140 }}
          value={value.mode}
          onChange={setMode}
          options={(['custom', 'quarter', 'half', 'nine', 'year'] as const).map((m) => ({ value: m, label: t(`report.mode.${m}`) }))}
        />
      </Form.Item>
      {value.mode === 'custom' ? (
        <Form.Item htmlFor="report-range" label={t('report.from')}>
          <DatePicker.RangePicker
            id={{ start: 'report-range', end: 'report-range-end' }}
            data-testid="report-range"
            format={DATE_INPUT_FORMAT}
            value={[dayjs(value.from), dayjs(value.to)]}
            allowClear={false}
            placeholder={[t('report.from'), t('report.to')]}
            onChange={(v) => {
              if (v && v[0] && v[1]) onChange({ mode: 'custom', from: v[0].format(DATE_WIRE_FORMAT), to: v[1].format(DATE_WIRE_FORMAT) });
            }}
          />
        </Form.Item>
      ) : (
        <>
          <Form.Item label={t('report.year')} htmlFor="report-year">
            <Select id="report-year" data-testid="report-year" style={{ width: 100 }} value={value.year} onChange={(year) => onChange({ ...value, year })} options={years.map((y) => ({ value: y, label: String(y) }))} />
          </Form.Item>
          {(value.mode === 'quarter' || value.mode === 'half') && (
            <Form.Item>
              <Select
                aria-label={t('report.period')}
                data-testid="report-part"
                style={{ width: 170 }}
                value={value.part}
                onChange={(part) => onChange({ ...value, part })}
                options={
                  value.mode === 'quarter'
                    ? [1, 2, 3, 4].map((n) => ({ value: n, label: t('report.quarterN', { n }) }))
                    : [
                        { value: 1, label: t('report.half1') },
                        { value: 2, label: t('report.half2') },
                      ]
                }
              />
            </Form.Item>
          )}
        </>
      )}
    </Form>
  );
}
