/**
 * The dashboard of the report page (staff and monitors): volume by month, by type and by field, the on-time
 * rate, overdue cases by unit (worst first), the heads' reception compliance flag and the ranked units
 * (the provinces, at the national level). Aggregates only.
 */
import { Alert, Card, Col, Descriptions, Progress, Row, Skeleton, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useApi } from '../http.ts';
import { useT } from '../i18n/i18n.tsx';
import { dashboardPath } from '../modules/reports/api.ts';
import type { Dashboard, ReportQuery } from '../modules/reports/api.ts';
import { GroupedBars, HorizontalBars } from '../modules/reports/BarChart.tsx';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { formatCount, formatDate, formatPercent } from '../ui/format.ts';

type Ranked = Dashboard['ranking']['items'][number];
type Overdue = Dashboard['overdue']['byAgency'][number];
type Section = NonNullable<Dashboard['sections']>[number];
type SectionRow = Section['rows'][number];

const cardTitle = (text: string) => <h2 style={{ fontSize: 16, margin: 0 }}>{text}</h2>;

export default function DashboardPage({ query }: { query: ReportQuery }) {
  const t = useT();
  const { data, error, loading, reload } = useApi<Dashboard>(dashboardPath(query));
  if (error !== null) return <ErrorAlert error={error} onRetry={reload} />;
  if (!data) return <Skeleton active />;

  const months = data.byMonth.map((m) => `${m.month.slice(5, 7)}/${m.month.slice(0, 4)}`);
  const overdueColumns: TableColumnsType<Overdue> = [
    { title: t('report.unit'), key: 'unit', render: (_, u) => u.agency.name },
    { title: t('dashboard.overdueCol'), dataIndex: 'overdue', align: 'right', render: (v: number) => <strong style={{ color: v ? '#b71c1c' : undefined }}>{formatCount(v)}</strong> },
    { title: t('dashboard.openCol'), dataIndex: 'open', align: 'right', render: (v: number) => formatCount(v) },
  ];
  const rankColumns: TableColumnsType<Ranked> = [
    { title: t('dashboard.rank'), dataIndex: 'rank', width: 64, align: 'right' },
    { title: t('report.unit'), key: 'unit', render: (_, u) => u.agency.name },
    { title: t('report.visits'), dataIndex: 'visits', align: 'right', render: (v: number) => formatCount(v) },
    { title: t('report.within'), dataIndex: 'withinJurisdiction', align: 'right', render: (v: number) => formatCount(v) },
    { title: t('report.resolved'), dataIndex: 'resolved', align: 'right', render: (v: number) => formatCount(v) },
    { title: t('report.rate'), dataIndex: 'resolutionRate', align: 'right', render: (v: number, u) => (u.withinJurisdiction ? formatPercent(v) : '—') },
    { title: t('dashboard.onTimeRate'), dataIndex: 'onTimeRate', align: 'right', render: (v: number | null) => (v === null ? '—' : formatPercent(v)) },
    { title: t('dashboard.overdueCol'), dataIndex: 'overdue', align: 'right', render: (v: number) => formatCount(v) },
  ];

  return (
    <div aria-busy={loading} data-testid="dashboard" style={{ opacity: loading ? 0.6 : 1 }}>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={16}>
          <Card title={cardTitle(t('dashboard.byMonth'))} style={{ height: '100%' }}>
            <GroupedBars
              testId="dashboard-by-month"
              title={t('dashboard.byMonth')}
              categories={months}
              series={[
                { label: t('dashboard.visits'), color: '#0b57a4', values: data.byMonth.map((m) => m.visits) },
                { label: t('dashboard.received'), color: '#f5a623', values: data.byMonth.map((m) => m.received) },
                { label: t('dashboard.resolvedGq'), color: '#2e7d32', values: data.byMonth.map((m) => m.resolved) },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          <Card title={cardTitle(t('dashboard.onTime'))} style={{ height: '100%', textAlign: 'center' }}>
            {data.onTime.rate === null ? (
              <Typography.Text type="secondary">{t('dashboard.noResolved')}</Typography.Text>
            ) : (
              <>
                <Progress type="circle" percent={Math.round(data.onTime.rate * 1000) / 10} format={() => formatPercent(data.onTime.rate ?? 0)} data-testid="dashboard-on-time" />
                <Typography.Paragraph style={{ marginTop: 12 }}>{t('dashboard.onTimeDetail', { onTime: formatCount(data.onTime.onTime), late: formatCount(data.onTime.late) })}</Typography.Paragraph>
              </>
            )}
          </Card>
        </Col>
        <Col xs={24} md={12}>
          <Card title={cardTitle(t('dashboard.byKind'))}>
            <HorizontalBars testId="dashboard-by-kind" items={data.byKind.map((k) => ({ label: k.label, value: k.received }))} />
          </Card>
        </Col>
        <Col xs={24} md={12}>
          <Card title={cardTitle(t('dashboard.byField'))}>
            <HorizontalBars testId="dashboard-by-field" color="#6a1b9a" items={data.byField.map((k) => ({ label: k.label, value: k.received }))} />
          </Card>
        </Col>
        <Col xs={24}>
          <Card title={cardTitle(t('dashboard.compliance'))}>
            <Alert
              data-testid="dashboard-compliance"
              type={data.compliance.flagged ? 'warning' : 'success'}
              showIcon
              message={data.compliance.flagged ? t('dashboard.notCompliant', { flagged: formatCount(data.compliance.flagged), total: formatCount(data.compliance.total) }) : t('dashboard.compliant', { total: formatCount(data.compliance.total) })}
              description={
                data.compliance.worst.length ? (
                  <ul style={{ margin: 0, paddingLeft: 18 }}>
                    {data.compliance.worst.map((w) => (
                      <li key={w.agencyCode}>{t('dashboard.complianceRow', { agency: w.agencyName, counted: w.countedDays, required: w.required, flags: w.flags.join(', ') })}</li>
                    ))}
                  </ul>
                ) : undefined
              }
            />
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card title={cardTitle(t('dashboard.overdue', { date: formatDate(data.asOf) }))}>
            {data.overdue.byAgency.length ? (
              <Table<Overdue> size="small" rowKey={(u) => u.agency.code} columns={overdueColumns} dataSource={data.overdue.byAgency} pagination={{ pageSize: 10, hideOnSinglePage: true }} data-testid="dashboard-overdue" />
            ) : (
              <Typography.Text type="secondary">{t('dashboard.noOverdue')}</Typography.Text>
            )}
          </Card>
        </Col>
        <Col xs={24} lg={14}>
          <Card title={cardTitle(t('dashboard.ranking'))}>
            <Table<Ranked> size="small" rowKey={(u) => u.agency.code} columns={rankColumns} dataSource={data.ranking.items} pagination={{ pageSize: 10, hideOnSinglePage: true }} data-testid="dashboard-ranking" />
          </Card>
        </Col>
        {data.dialogues ? (
          <Col xs={24} lg={12}>
            <Card title={cardTitle(t('dashboard.dialogues'))} data-testid="dashboard-dialogues">
              {data.dialogues.dialoguesHeld || data.dialogues.made ? (
                <Descriptions
                  size="small"
                  column={1}
                  items={[
                    { key: 'held', label: t('dashboard.dialoguesHeld'), children: formatCount(data.dialogues.dialoguesHeld) },
                    { key: 'people', label: t('dashboard.participants'), children: formatCount(data.dialogues.participants) },
                    { key: 'raised', label: t('dashboard.issuesRaised'), children: formatCount(data.dialogues.issuesRaised) },
                    { key: 'answered', label: t('dashboard.answeredOnSpot'), children: formatCount(data.dialogues.answeredOnSpot) },
                    { key: 'transferred', label: t('dashboard.issuesTransferred'), children: formatCount(data.dialogues.transferred) },
                    { key: 'made', label: t('dashboard.commitmentsMade'), children: formatCount(data.dialogues.made) },
                    { key: 'kept', label: t('dashboard.commitmentsKept'), children: `${formatCount(data.dialogues.kept)} (${formatCount(data.dialogues.keptOnTime)})` },
                    { key: 'overdue', label: t('dashboard.commitmentsOverdue'), children: formatCount(data.dialogues.overdue) },
                    { key: 'rate', label: t('dashboard.fulfilment'), children: data.dialogues.fulfilmentRate === null ? '—' : formatPercent(data.dialogues.fulfilmentRate) },
                  ]}
                />
              ) : (
                <Typography.Text type="secondary">{t('dashboard.noDialogues')}</Typography.Text>
              )}
            </Card>
          </Col>
        ) : null}
        {(data.sections ?? []).map((sec) => (
          <Col xs={24} lg={12} key={sec.key}>
            <Card title={cardTitle(sec.title)} data-testid={`dashboard-section-${sec.key}`}>
              <Table<SectionRow>
                size="small"
                rowKey={(r) => r.code}
                dataSource={sec.rows}
                pagination={{ pageSize: 10, hideOnSinglePage: true }}
                scroll={{ x: true }}
                columns={[
                  { title: t('report.unit'), key: 'unit', render: (_, r) => (r.code === sec.rows[0]?.code ? <strong>{r.name}</strong> : r.name) },
                  ...sec.columns.map((c) => ({ title: c.label, key: c.key, align: 'right' as const, render: (_: unknown, r: SectionRow) => formatCount(r.values[c.key] ?? 0) })),
                ]}
              />
            </Card>
          </Col>
        ))}
      </Row>
    </div>
  );
}
