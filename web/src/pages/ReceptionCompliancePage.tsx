/**
 * The heads' periodic reception (Luật Tiếp công dân 2013 Arts. 12, 15, 18): for a month, quarter or year, per agency
 * of the current agency's subtree, the days required against the days held in person or by a deputy, flagged when
 * below the minimum or delegated.
 */
import { useState } from 'react';
import type { HTMLAttributes } from 'react';
import { Alert, Checkbox, DatePicker, Empty, Form, Segmented, Skeleton, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import type { Dayjs } from 'dayjs';
import { useApi } from '../http.ts';
import { useCurrentAgency } from '../modules/agencies/current-agency.tsx';
import { compliancePath } from '../modules/reception/api.ts';
import type { ComplianceReport, ComplianceRow } from '../modules/reception/api.ts';
import { complianceFlagText, holderText, requirementText, useRT } from '../modules/reception/i18n.ts';
import { ReceptionNav } from '../modules/reception/ReceptionNav.tsx';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { DATE_WIRE_FORMAT, formatCount, formatDate, todayInVietnam } from '../ui/format.ts';

type PeriodKind = 'month' | 'quarter' | 'year';

/** A flagged row is tinted across all its cells, the fixed first column included. */
const FLAGGED_CSS = '.dv-compliance-flagged > td, .dv-compliance-flagged > td.ant-table-cell-fix-left { background: #fff1f0 !important; }';

const PICKER_FORMAT: Record<PeriodKind, string> = { month: 'MM/YYYY', quarter: '[Q]Q/YYYY', year: 'YYYY' };

/** The first and last day of the month / quarter / year containing `d`. */
function periodRange(kind: PeriodKind, d: Dayjs): { from: string; to: string } {
  let start: Dayjs;
  let end: Dayjs;
  if (kind === 'quarter') {
    const q0 = Math.floor(d.month() / 3) * 3;
    start = d.month(q0).startOf('month');
    end = d.month(q0 + 2).endOf('month');
  } else {
    start = d.startOf(kind);
    end = d.endOf(kind);
  }
  return { from: start.format(DATE_WIRE_FORMAT), to: end.format(DATE_WIRE_FORMAT) };
}

/** "02/11–08/11/2026" */
function spanText(start: string, end: string): string {
  const a = formatDate(start);
  const b = formatDate(end);
  return start.slice(0, 4) === end.slice(0, 4) ? `${a.slice(0, 5)}–${b}` : `${a}–${b}`;
}

export default function ReceptionCompliancePage() {
  const { rt, lang } = useRT();
  const { agency } = useCurrentAgency();
  const today = todayInVietnam();
  const [kind, setKind] = useState<PeriodKind>('month');
  const [at, setAt] = useState<Dayjs>(() => dayjs(today));
  const [flaggedOnly, setFlaggedOnly] = useState(false);
  const { from, to } = periodRange(kind, at);
  const { data, error, loading, reload } = useApi<ComplianceReport>(agency ? compliancePath(agency.code, from, to, flaggedOnly) : null);

  const columns: TableColumnsType<ComplianceRow> = [
    {
      title: rt('rc.cmp.agency'),
      key: 'agency',
      width: 200,
      fixed: 'left',
      render: (_: unknown, r) => (
        <div>
          <div>{r.agencyName}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {r.agencyCode}
          </Typography.Text>
        </div>
      ),
    },
    {
      title: rt('rc.cmp.holder'),
      key: 'holder',
      width: 190,
      render: (_: unknown, r) => (
        <div>
          <div>{holderText(lang, r.level, r.holder)}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {requirementText(lang, r.frequency, r.requirement)} · {r.citation}
          </Typography.Text>
        </div>
      ),
    },
    { title: rt('rc.cmp.required'), dataIndex: 'required', width: 90, align: 'right', render: (v: number) => <span data-testid="compliance-required">{formatCount(v)}</span> },
    { title: rt('rc.cmp.inPerson'), dataIndex: 'inPersonDays', width: 90, align: 'right', render: (v: number) => <span data-testid="compliance-in-person">{formatCount(v)}</span> },
    { title: rt('rc.cmp.delegated'), dataIndex: 'delegatedDays', width: 90, align: 'right', render: (v: number) => <span data-testid="compliance-delegated">{formatCount(v)}</span> },
    { title: rt('rc.cmp.counted'), dataIndex: 'countedDays', width: 90, align: 'right', render: (v: number) => <span data-testid="compliance-counted">{formatCount(v)}</span> },
    {
      title: rt('rc.cmp.result'),
      key: 'result',
      width: 200,
      render: (_: unknown, r) => (
        <Space orientation="vertical" size={4}>
          <Tag color={r.compliant ? 'green' : 'red'} data-testid="compliance-result">
            {r.compliant ? rt('rc.cmp.ok') : rt('rc.cmp.below')}
          </Tag>
          {r.flags.map((f) => (
            <Tag key={f.code} color={f.code === 'below-minimum' ? 'red' : 'orange'} style={{ whiteSpace: 'normal' }} data-testid="compliance-flag" data-flag={f.code}>
              ⚑ {complianceFlagText(lang, f.code, f.label)}
            </Tag>
          ))}
        </Space>
      ),
    },
    {
      title: rt('rc.cmp.missed'),
      key: 'missed',
      width: 150,
      render: (_: unknown, r) => (
        <span style={{ whiteSpace: 'pre-line' }}>{r.missedPeriods.map((p) => spanText(p.start, p.end)).join('\n')}</span>
      ),
    },
    {
      title: rt('rc.cmp.days'),
      key: 'days',
      width: 130,
      render: (_: unknown, r) => (
        <span style={{ whiteSpace: 'pre-line' }}>
          {r.days.map((d) => (d.inPerson ? formatDate(d.date) : rt('rc.cmp.deputyDay', { date: formatDate(d.date) }))).join('\n')}
        </span>
      ),
    },
  ];

  return (
    <section>
      <style href="dv-compliance" precedence="default">
        {FLAGGED_CSS}
      </style>
      <ReceptionNav current="/reception/compliance" />
      <Typography.Title level={1}>{rt('rc.cmp.title')}</Typography.Title>
      <Form layout="inline" style={{ marginBottom: 16, rowGap: 8 }}>
        <Form.Item label={rt('rc.cmp.periodKind')}>
          <Segmented<PeriodKind>
            value={kind}
            onChange={(v) => setKind(v)}
            options={[
              { value: 'month', label: rt('rc.cmp.month') },
              { value: 'quarter', label: rt('rc.cmp.quarter') },
              { value: 'year', label: rt('rc.cmp.year') },
            ]}
            data-testid="compliance-period-kind"
          />
        </Form.Item>
        <Form.Item label={rt('rc.cmp.period')} htmlFor="compliance-period">
          <DatePicker
            id="compliance-period"
            picker={kind}
            format={PICKER_FORMAT[kind]}
            value={at}
            allowClear={false}
            onChange={(v) => {
              if (v) setAt(v);
            }}
            data-testid="compliance-period"
          />
        </Form.Item>
        <Form.Item>
          <Checkbox checked={flaggedOnly} onChange={(e) => setFlaggedOnly(e.target.checked)} data-testid="compliance-flagged-only">
            {rt('rc.cmp.flaggedOnly')}
          </Checkbox>
        </Form.Item>
      </Form>
      {error !== null && <ErrorAlert error={error} onRetry={reload} />}
      {!data && !error && <Skeleton active />}
      {data && (
        <div aria-busy={loading} data-testid="compliance">
          <Typography.Paragraph type="secondary" data-testid="compliance-scope">
            {rt('rc.cmp.scope', { agency: data.agency.name, from: formatDate(data.from), to: formatDate(data.to) })} ·{' '}
            <strong data-testid="compliance-summary">{rt('rc.cmp.summary', { total: formatCount(data.total), flagged: formatCount(data.flagged) })}</strong>
          </Typography.Paragraph>
          <Table<ComplianceRow>
            size="small"
            bordered
            rowKey="agencyCode"
            loading={loading}
            columns={columns}
            dataSource={data.items}
            pagination={data.items.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
            rowClassName={(r) => (r.flags.length ? 'dv-compliance-flagged' : '')}
            onRow={(r) =>
              ({
                'data-testid': 'compliance-row',
                'data-agency-code': r.agencyCode,
                'data-flagged': r.flags.length ? 'true' : 'false',
              }) as HTMLAttributes<HTMLElement>
            }
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={rt('rc.cmp.empty')} /> }}
            scroll={{ x: 1230 }}
          />
          <Alert
            type="info"
            style={{ marginTop: 16 }}
            title={rt('rc.cmp.ban', { date: formatDate(data.delegationBan.effectiveFrom), citation: data.delegationBan.citation })}
            description={rt('rc.cmp.rule', { rule: data.rule })}
          />
        </div>
      )}
    </section>
  );
}
