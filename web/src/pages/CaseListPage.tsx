import { useState } from 'react';
import type { HTMLAttributes } from 'react';
import { Form, Select, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useApi } from '../http.ts';
import { useT } from '../i18n/i18n.tsx';
import { useCurrentAgency } from '../modules/agencies/current-agency.tsx';
import { casesPath } from '../modules/cases/api.ts';
import type { CasePage, CaseSummary } from '../modules/cases/api.ts';
import { CASE_KINDS, CASE_STATES, STATE_COLORS, kindLabel, stateLabel } from '../modules/cases/labels.ts';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { formatCount, formatDate } from '../ui/format.ts';
import { Link, navigate } from '../ui/router.tsx';

const PAGE_SIZE = 20;

function byReceivedDesc(a: CaseSummary, b: CaseSummary): number {
  return (b.receivedOn ?? '').localeCompare(a.receivedOn ?? '') || b.code.localeCompare(a.code);
}

export default function CaseListPage() {
  const t = useT();
  const { agency } = useCurrentAgency();
  const [kind, setKind] = useState('');
  const [state, setState] = useState('');
  const [page, setPage] = useState(1);

  const path = agency ? casesPath({ agency: agency.code, kind, state, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }) : null;
  const { data, error, loading, reload } = useApi<CasePage>(path);
  const rows = data ? [...data.items].sort(byReceivedDesc) : [];

  const columns: TableColumnsType<CaseSummary> = [
    {
      title: t('cases.code'),
      dataIndex: 'code',
      render: (code: string, row) => (
        <Link to={`/cases/${row.id}`} onClick={(e) => e.stopPropagation()} data-testid="case-link">
          {code}
        </Link>
      ),
    },
    { title: t('cases.kind'), dataIndex: 'kind', render: (k: string) => kindLabel(t, k) },
    { title: t('cases.summary'), dataIndex: 'summary', ellipsis: true },
    { title: t('cases.petitioner'), dataIndex: 'petitionerName', render: (n: string | null) => n ?? t('common.empty') },
    { title: t('cases.receivedOn'), dataIndex: 'receivedOn', render: (d: string | null) => formatDate(d) || t('common.empty') },
    { title: t('cases.dueOn'), dataIndex: 'dueOn', render: (d: string | null) => formatDate(d) || t('common.empty') },
    {
      title: t('cases.state'),
      dataIndex: 'state',
      render: (s: string, row) => (
        <Tag color={STATE_COLORS[s] ?? 'default'} data-testid="case-state">
          {stateLabel(t, s, row.stateLabel)}
        </Tag>
      ),
    },
  ];

  const allOption = { value: '', label: t('cases.all') };

  return (
    <section>
      <Typography.Title level={1}>{t('cases.title')}</Typography.Title>
      <Form layout="inline" style={{ marginBottom: 16, rowGap: 8 }}>
        <Form.Item label={t('cases.filterKind')} htmlFor="filter-kind">
          <Select
            id="filter-kind"
            data-testid="filter-kind"
            style={{ width: 200 }}
            value={kind}
            onChange={(v: string) => {
              setKind(v);
              setPage(1);
            }}
            options={[allOption, ...CASE_KINDS.map((k) => ({ value: k, label: kindLabel(t, k) }))]}
          />
        </Form.Item>
        <Form.Item label={t('cases.filterState')} htmlFor="filter-state">
          <Select
            id="filter-state"
            data-testid="filter-state"
            style={{ width: 200 }}
            value={state}
            onChange={(v: string) => {
              setState(v);
              setPage(1);
            }}
            options={[allOption, ...CASE_STATES.map((s) => ({ value: s, label: stateLabel(t, s) }))]}
          />
        </Form.Item>
      </Form>
      {error !== null && (
        <div style={{ marginBottom: 16 }}>
          <ErrorAlert error={error} onRetry={reload} />
        </div>
      )}
      <Table<CaseSummary>
        rowKey={(r) => String(r.id)}
        columns={columns}
        dataSource={rows}
        loading={loading}
        locale={{ emptyText: t('cases.empty') }}
        onRow={(row) =>
          ({
            'data-testid': 'case-row',
            'data-case-code': row.code,
            style: { cursor: 'pointer' },
            onClick: () => navigate(`/cases/${row.id}`),
          }) as HTMLAttributes<HTMLElement>
        }
        pagination={{
          current: page,
          pageSize: PAGE_SIZE,
          total: data?.total ?? 0,
          showSizeChanger: false,
          onChange: setPage,
          showTotal: (total) => t('cases.total', { count: formatCount(total) }),
        }}
        scroll={{ x: 900 }}
      />
    </section>
  );
}
