import { useMemo, useState } from 'react';
import { Card, Col, DatePicker, Form, Row, Skeleton, Typography } from 'antd';
import dayjs from 'dayjs';
import type { Dayjs } from 'dayjs';
import { useApi } from '../http.ts';
import { useT } from '../i18n/i18n.tsx';
import type { MessageKey } from '../i18n/i18n.tsx';
import { useCurrentAgency } from '../modules/agencies/current-agency.tsx';
import { defaultReportRange, periodReportPath } from '../modules/reports/api.ts';
import type { PeriodReport } from '../modules/reports/api.ts';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { DATE_INPUT_FORMAT, DATE_WIRE_FORMAT, formatCount, formatDate, formatPercent, todayInVietnam } from '../ui/format.ts';

interface Figure {
  testId: string;
  label: MessageKey;
  value: (r: PeriodReport) => string;
}

const FIGURES: Figure[] = [
  { testId: 'report-visits', label: 'report.visits', value: (r) => formatCount(r.visits) },
  { testId: 'report-people', label: 'report.people', value: (r) => formatCount(r.people) },
  { testId: 'report-cases', label: 'report.cases', value: (r) => formatCount(r.cases) },
  { testId: 'report-within', label: 'report.within', value: (r) => formatCount(r.withinJurisdiction) },
  { testId: 'report-resolved', label: 'report.resolved', value: (r) => formatCount(r.resolved) },
  { testId: 'report-rate', label: 'report.rate', value: (r) => formatPercent(r.resolutionRate) },
];

export default function ReportPage() {
  const t = useT();
  const { agency } = useCurrentAgency();
  const initial = useMemo(() => defaultReportRange(todayInVietnam()), []);
  const [range, setRange] = useState<[Dayjs, Dayjs]>(() => [dayjs(initial.from), dayjs(initial.to)]);

  const from = range[0].format(DATE_WIRE_FORMAT);
  const to = range[1].format(DATE_WIRE_FORMAT);
  const { data, error, loading, reload } = useApi<PeriodReport>(agency ? periodReportPath(agency.code, from, to) : null);

  return (
    <section>
      <Typography.Title level={1}>{t('report.title')}</Typography.Title>
      <Form layout="inline" style={{ marginBottom: 16 }}>
        <Form.Item label={t('report.period')} htmlFor="report-range">
          <DatePicker.RangePicker
            id={{ start: 'report-range', end: 'report-range-end' }}
            data-testid="report-range"
            format={DATE_INPUT_FORMAT}
            value={range}
            allowClear={false}
            placeholder={[t('report.from'), t('report.to')]}
            onChange={(v) => {
              if (v && v[0] && v[1]) setRange([v[0], v[1]]);
            }}
          />
        </Form.Item>
      </Form>
      {error !== null && <ErrorAlert error={error} onRetry={reload} />}
      {!data && !error && <Skeleton active />}
      {data && (
        <div aria-busy={loading} data-testid="report" style={{ opacity: loading ? 0.6 : 1 }}>
          <Typography.Paragraph type="secondary" data-testid="report-scope">
            {t('report.forAgency', { agency: data.agency.name, from: formatDate(data.from), to: formatDate(data.to) })}
          </Typography.Paragraph>
          <Row gutter={[16, 16]}>
            {FIGURES.map((f) => (
              <Col key={f.testId} xs={12} md={8} xl={4}>
                <Card size="small" style={{ height: '100%' }}>
                  <div style={{ color: 'rgba(0,0,0,0.65)' }} id={`${f.testId}-label`}>
                    {t(f.label)}
                  </div>
                  <div
                    data-testid={f.testId}
                    aria-labelledby={`${f.testId}-label`}
                    style={{ fontSize: 28, fontWeight: 600, fontVariantNumeric: 'tabular-nums' }}
                  >
                    {f.value(data)}
                  </div>
                </Card>
              </Col>
            ))}
          </Row>
          <Card style={{ marginTop: 16 }} title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('report.summary')}</h2>}>
            <Typography.Paragraph style={{ fontSize: 16, marginBottom: 0 }} data-testid="report-summary">
              {data.summary}
            </Typography.Paragraph>
          </Card>
        </div>
      )}
    </section>
  );
}
