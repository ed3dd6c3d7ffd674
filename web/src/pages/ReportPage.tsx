import { Suspense, lazy, useMemo, useState } from 'react';
import { Button, Card, Col, Collapse, Row, Skeleton, Space, Table, Tabs, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useApi } from '../http.ts';
import { useT } from '../i18n/i18n.tsx';
import type { MessageKey } from '../i18n/i18n.tsx';
import { useCurrentAgency } from '../modules/agencies/current-agency.tsx';
import { defaultReportRange, exportHref, reportPath } from '../modules/reports/api.ts';
import type { FormSection, PeriodReport, ReportQuery, UnitCore } from '../modules/reports/api.ts';
import { CutoffSetting } from '../modules/reports/CutoffSetting.tsx';
import { DrillDrawer } from '../modules/reports/DrillDrawer.tsx';
import { PeriodPicker, periodCode } from '../modules/reports/PeriodPicker.tsx';
import type { PeriodChoice } from '../modules/reports/PeriodPicker.tsx';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { CoverageWarning } from '../modules/federation/CoverageWarning.tsx';
import { formatCount, formatDate, formatPercent, todayInVietnam } from '../ui/format.ts';

const DashboardPage = lazy(() => import('./DashboardPage.tsx'));
const ModelFiguresTab = lazy(() => import('../modules/good-models/ModelFiguresTab.tsx'));

interface Figure {
  testId: string;
  label: MessageKey;
  /** Drill-down key (GET /reports/drill?indicator=…), null when the figure is a ratio. */
  drill: string | null;
  value: (r: PeriodReport) => string;
}

const FIGURES: Figure[] = [
  { testId: 'report-visits', label: 'report.visits', drill: 'visits', value: (r) => formatCount(r.visits) },
  { testId: 'report-people', label: 'report.people', drill: 'people', value: (r) => formatCount(r.people) },
  { testId: 'report-cases', label: 'report.cases', drill: 'cases', value: (r) => formatCount(r.cases) },
  { testId: 'report-within', label: 'report.within', drill: 'withinJurisdiction', value: (r) => formatCount(r.withinJurisdiction) },
  { testId: 'report-resolved', label: 'report.resolved', drill: 'resolved', value: (r) => formatCount(r.resolved) },
  { testId: 'report-rate', label: 'report.rate', drill: null, value: (r) => formatPercent(r.resolutionRate) },
];

function FormTable({ form, onDrill }: { form: FormSection; onDrill: (key: string, label: string) => void }) {
  return (
    <table style={{ width: '100%', borderCollapse: 'collapse' }} data-testid={`form-${form.key}`}>
      <tbody>
        {form.groups.map((g) => [
          <tr key={g.title}>
            <th colSpan={2} scope="colgroup" style={{ textAlign: 'left', background: '#fafafa', padding: '6px 8px', borderBottom: '1px solid #f0f0f0' }}>
              {g.title}
            </th>
          </tr>,
          ...g.rows.map((row) => (
            <tr key={row.key}>
              <td style={{ padding: '4px 8px', borderBottom: '1px solid #f5f5f5' }}>{row.label}</td>
              <td style={{ padding: '4px 8px', borderBottom: '1px solid #f5f5f5', textAlign: 'right', width: 120, fontVariantNumeric: 'tabular-nums' }}>
                {row.value ? (
                  <Button type="link" size="small" style={{ padding: 0 }} data-testid={`figure-${row.key}`} onClick={() => onDrill(row.key, row.label)}>
                    {formatCount(row.value)}
                  </Button>
                ) : (
                  <span data-testid={`figure-${row.key}`}>0</span>
                )}
              </td>
            </tr>
          )),
        ])}
      </tbody>
    </table>
  );
}

function UnitsTable({ report }: { report: PeriodReport }) {
  const t = useT();
  const rollup = report.rollup;
  if (!rollup) return null;
  const total: UnitCore = {
    agency: { code: report.agency.code, name: t('report.total'), level: '' },
    visits: report.visits,
    people: report.people,
    cases: report.cases,
    withinJurisdiction: report.withinJurisdiction,
    resolved: report.resolved,
    resolutionRate: report.resolutionRate,
  };
  const own = { ...rollup.own, agency: { ...rollup.own.agency, name: t('report.own', { agency: report.agency.name }) } };
  const rows = [...rollup.children.filter((c) => c.visits || c.cases || c.withinJurisdiction), own, total];
  const n = (v: number) => formatCount(v);
  const columns: TableColumnsType<UnitCore> = [
    { title: t('report.unit'), key: 'unit', render: (_, u) => u.agency.name },
    { title: t('report.visits'), dataIndex: 'visits', align: 'right', render: n },
    { title: t('report.cases'), dataIndex: 'cases', align: 'right', render: n },
    { title: t('report.within'), dataIndex: 'withinJurisdiction', align: 'right', render: n },
    { title: t('report.resolved'), dataIndex: 'resolved', align: 'right', render: n },
    { title: t('report.rate'), dataIndex: 'resolutionRate', align: 'right', render: (v: number, u) => (u.withinJurisdiction ? formatPercent(v) : '—') },
  ];
  return <Table<UnitCore> size="small" rowKey={(u) => `${u.agency.code}-${u.agency.name}`} columns={columns} dataSource={rows} pagination={false} data-testid="report-units" />;
}

function PeriodReportView({ query, choice }: { query: ReportQuery; choice: PeriodChoice }) {
  const t = useT();
  const { data, error, loading, reload } = useApi<PeriodReport>(reportPath(query));
  const [drill, setDrill] = useState<{ key: string; label: string } | null>(null);
  return (
    <>
      {error !== null && <ErrorAlert error={error} onRetry={reload} />}
      {!data && !error && <Skeleton active />}
      {data && (
        <div aria-busy={loading} data-testid="report" style={{ opacity: loading ? 0.6 : 1 }}>
          <Typography.Paragraph type="secondary" data-testid="report-scope">
            {data.period && data.periodLabel ? `${data.periodLabel} — ` : ''}
            {t('report.forAgency', { agency: data.agency.name, from: formatDate(data.from), to: formatDate(data.to) })}
          </Typography.Paragraph>
          <CoverageWarning gaps={data.notCovered} />
          <Row gutter={[16, 16]}>
            {FIGURES.map((f) => (
              <Col key={f.testId} xs={12} md={8} xl={4}>
                <Card size="small" style={{ height: '100%' }}>
                  <div style={{ color: 'rgba(0,0,0,0.65)' }} id={`${f.testId}-label`}>
                    {t(f.label)}
                  </div>
                  {f.drill ? (
                    <button
                      type="button"
                      data-testid={f.testId}
                      aria-labelledby={`${f.testId}-label`}
                      onClick={() => setDrill({ key: f.drill!, label: t(f.label) })}
                      style={{ fontSize: 28, fontWeight: 600, fontVariantNumeric: 'tabular-nums', background: 'none', border: 0, padding: 0, color: '#0b57a4', cursor: 'pointer' }}
                    >
                      {f.value(data)}
                    </button>
                  ) : (
                    <div data-testid={f.testId} aria-labelledby={`${f.testId}-label`} style={{ fontSize: 28, fontWeight: 600, fontVariantNumeric: 'tabular-nums' }}>
                      {f.value(data)}
                    </div>
                  )}
                </Card>
              </Col>
            ))}
          </Row>
          <Card style={{ marginTop: 16 }} title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('report.summary')}</h2>}>
            <Typography.Paragraph style={{ fontSize: 16 }} data-testid="report-summary">
              {data.summary}
            </Typography.Paragraph>
            {data.comparison && (
              <Typography.Paragraph style={{ marginBottom: 0 }} data-testid="report-comparison">
                {data.comparison}
              </Typography.Paragraph>
            )}
            {data.ratings && (
              <Typography.Paragraph style={{ marginTop: 8, marginBottom: 0 }} type="secondary" data-testid="report-ratings">
                {t('report.ratings', { satisfied: formatCount(data.ratings.satisfied), unsatisfied: formatCount(data.ratings.unsatisfied) })}
              </Typography.Paragraph>
            )}
          </Card>
          <Card style={{ marginTop: 16 }} title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('report.export')}</h2>}>
            <Space wrap>
              {(['xlsx', 'pdf', 'csv', 'json'] as const).map((f) => (
                <Button key={f} href={exportHref(query, f)} data-testid={`report-export-${f}`}>
                  {t(`report.export.${f}`)}
                </Button>
              ))}
            </Space>
          </Card>
          {data.forms && (
            <Card style={{ marginTop: 16 }} title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('report.forms')}</h2>}>
              <Typography.Paragraph type="secondary">{t('report.drill.hint')}</Typography.Paragraph>
              <Collapse
                defaultActiveKey={['tcd']}
                items={data.forms.map((form) => ({
                  key: form.key,
                  label: `${form.code} — ${form.title}`,
                  children: <FormTable form={form} onDrill={(key, label) => setDrill({ key, label })} />,
                }))}
              />
            </Card>
          )}
          {data.rollup && (
            <Card style={{ marginTop: 16 }} title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('report.units')}</h2>}>
              <UnitsTable report={data} />
            </Card>
          )}
        </div>
      )}
      <DrillDrawer key={`${periodCode(choice) ?? ''}-${drill?.key ?? ''}`} query={query} indicator={drill?.key ?? null} label={drill?.label ?? ''} onClose={() => setDrill(null)} />
    </>
  );
}

export default function ReportPage() {
  const t = useT();
  const { agency } = useCurrentAgency();
  const today = useMemo(() => todayInVietnam(), []);
  const initial = useMemo(() => defaultReportRange(today), [today]);
  const [choice, setChoice] = useState<PeriodChoice>({ mode: 'custom', from: initial.from, to: initial.to });
  const [tab, setTab] = useState('report');
  // Bumped when an administrator changes the cut-off convention: named periods move.
  const [version, setVersion] = useState(0);

  const code = periodCode(choice);
  const query: ReportQuery | null = agency
    ? code
      ? { agency: agency.code, period: code }
      : { agency: agency.code, from: choice.mode === 'custom' ? choice.from : initial.from, to: choice.mode === 'custom' ? choice.to : initial.to }
    : null;

  return (
    <section>
      <Typography.Title level={1}>{t('report.title')}</Typography.Title>
      <PeriodPicker value={choice} onChange={setChoice} thisYear={Number(today.slice(0, 4))} />
      <CutoffSetting onChanged={() => setVersion((v) => v + 1)} />
      {query && (
        <Tabs
          activeKey={tab}
          onChange={setTab}
          items={[
            { key: 'report', label: t('report.tab.report'), children: <PeriodReportView key={version} query={query} choice={choice} /> },
            {
              key: 'dashboard',
              label: <span data-testid="report-tab-dashboard">{t('report.tab.dashboard')}</span>,
              children: (
                <Suspense fallback={<Skeleton active />}>
                  <DashboardPage key={version} query={query} />
                </Suspense>
              ),
            },
            { key: 'models', label: <span data-testid="report-tab-models">Dân vận khéo</span>, children: <Suspense fallback={<Skeleton active />}><ModelFiguresTab query={query} /></Suspense> },
          ]}
        />
      )}
    </section>
  );
}
