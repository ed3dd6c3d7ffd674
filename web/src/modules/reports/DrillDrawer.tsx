/**
 * The records behind one figure of the report (GET /reports/drill), in a side panel: cases with their state and
 * dates, visits with their session and people, or matters with their number of visits. No personal data is sent;
 * a case code opens the case page, where the case permissions apply.
 */
import { Drawer, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useApi } from '../../http.ts';
import { useT } from '../../i18n/i18n.tsx';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { formatCount, formatDate } from '../../ui/format.ts';
import { Link } from '../../ui/router.tsx';
import { SESSION_KIND_LABELS } from '@danvan/domain/reception/sessions';
import { VISIT_OUTCOME_LABELS } from '@danvan/domain/reception/visits';
import { channelLabel, kindLabel, outcomeLabel, stateLabel } from '../cases/labels.ts';
import { drillPath } from './api.ts';
import type { DrillResult, DrillRow, ReportQuery } from './api.ts';

const LIMIT = 500;

export function DrillDrawer({ query, indicator, label, onClose }: { query: ReportQuery; indicator: string | null; label: string; onClose: () => void }) {
  const t = useT();
  const { data, error, loading } = useApi<DrillResult>(indicator ? drillPath(query, indicator, LIMIT) : null);

  const detail = (r: DrillRow): string => {
    const parts: string[] = [];
    if (r.state) parts.push(stateLabel(t, r.state));
    if (r.outcome) parts.push(r.type === 'visit' ? ((VISIT_OUTCOME_LABELS as Record<string, string>)[r.outcome] ?? r.outcome) : outcomeLabel(t, r.outcome));
    if (r.decidedOn) parts.push(`${formatDate(r.decidedOn)}${r.dueAtDecision ? ` / ${formatDate(r.dueAtDecision)}` : ''}`);
    if (r.channel) parts.push(channelLabel(t, r.channel));
    if (r.sessionKind) parts.push((SESSION_KIND_LABELS as Record<string, string>)[r.sessionKind] ?? r.sessionKind);
    if (r.peopleCount !== null) parts.push(t('report.drill.people', { n: formatCount(r.peopleCount) }));
    if (r.visits !== null) parts.push(t('report.drill.visits', { n: formatCount(r.visits) }));
    return parts.join(' · ');
  };

  const columns: TableColumnsType<DrillRow> = [
    { title: t('report.drill.date'), dataIndex: 'date', width: 110, render: (v: string) => formatDate(v) },
    { title: t('report.drill.agency'), key: 'agency', render: (_, r) => r.agency.name },
    {
      title: t('report.drill.case'),
      key: 'case',
      width: 170,
      render: (_, r) => (r.caseId && r.caseCode ? <Link to={`/cases/${r.caseId}`}>{r.caseCode}</Link> : '—'),
    },
    { title: t('report.drill.kind'), dataIndex: 'kind', width: 140, render: (v: string | null) => kindLabel(t, v) },
    { title: t('report.drill.detail'), key: 'detail', render: (_, r) => detail(r) },
  ];

  return (
    <Drawer open={indicator !== null} onClose={onClose} size={900} title={t('report.drill.title', { label })} destroyOnHidden>
      {error !== null && <ErrorAlert error={error} />}
      {data && (
        <Typography.Paragraph data-testid="drill-count">
          {t('report.drill.count', { total: formatCount(data.total), figure: formatCount(data.figure) })}
          {data.total > data.items.length && ` ${t('report.drill.more', { shown: formatCount(data.items.length), total: formatCount(data.total) })}`}
        </Typography.Paragraph>
      )}
      <Table<DrillRow> rowKey="id" size="small" loading={loading} columns={columns} dataSource={data?.items ?? []} pagination={{ pageSize: 50, hideOnSinglePage: true }} data-testid="drill-table" />
    </Drawer>
  );
}
