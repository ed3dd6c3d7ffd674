import { useState } from 'react';
import type { HTMLAttributes } from 'react';
import { Button, Checkbox, Form, Select, Space, Table, Tabs, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useApi } from '../http.ts';
import { useT } from '../i18n/i18n.tsx';
import { useCurrentAgency } from '../modules/agencies/current-agency.tsx';
import { casesPath } from '../modules/cases/api.ts';
import type { CaseFilter, CasePage, CaseSummary } from '../modules/cases/api.ts';
import { DueLight } from '../modules/cases/DueLight.tsx';
import { useFields } from '../modules/cases/fields.ts';
import { CASE_KINDS, CASE_STATES, STATE_COLORS, kindLabel, stateLabel } from '../modules/cases/labels.ts';
import { hasAny, useMyRoles } from '../modules/cases/roles.ts';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { formatCount, formatDate } from '../ui/format.ts';
import { Link, navigate } from '../ui/router.tsx';
import { ToneTag } from '../ui/ToneTag.tsx';

const PAGE_SIZE = 20;

type Tab = 'agency' | 'mine';

interface Filters {
  /** '' = any kind (withQuery drops empty values). */
  kind: NonNullable<CaseFilter['kind']> | '';
  state: string;
  field: string;
  overdue: boolean;
  sort: 'received' | 'due';
}

const NO_FILTERS: Filters = { kind: '', state: '', field: '', overdue: false, sort: 'received' };

export default function CaseListPage() {
  const t = useT();
  const roles = useMyRoles();
  const { agency } = useCurrentAgency();
  const fields = useFields();
  const [tab, setTab] = useState<Tab>('agency');
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [page, setPage] = useState(1);

  const setFilter = <K extends keyof Filters>(key: K, value: Filters[K]) => {
    setFilters((f) => ({ ...f, [key]: value }));
    setPage(1);
  };

  // "Việc của tôi": everything assigned to me, nearest deadline first, whichever agency it sits in.
  const query: CaseFilter =
    tab === 'mine'
      ? { assignee: 'me', sort: 'due', kind: filters.kind || undefined, state: filters.state, field: filters.field, overdue: filters.overdue }
      : { agency: agency?.code, ...filters, kind: filters.kind || undefined };
  const path = agency ? casesPath({ ...query, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }) : null;
  const { data, error, loading, reload } = useApi<CasePage>(path);
  const rows = data?.items ?? [];

  const columns: TableColumnsType<CaseSummary> = [
    {
      title: t('cases.code'),
      dataIndex: 'code',
      width: 160,
      render: (code: string, row) => (
        <Link to={`/cases/${row.id}`} onClick={(e) => e.stopPropagation()} data-testid="case-link" style={{ whiteSpace: 'nowrap' }}>
          {code}
        </Link>
      ),
    },
    { title: t('cases.kind'), dataIndex: 'kind', width: 110, render: (k: string) => kindLabel(t, k) },
    { title: t('cases.field'), dataIndex: 'field', width: 110, render: (f: string | null) => fields.labelOf(f) || t('common.empty') },
    { title: t('cases.summary'), dataIndex: 'summary', ellipsis: true },
    { title: t('cases.petitioner'), dataIndex: 'petitionerName', width: 150, render: (n: string | null) => n ?? t('common.empty') },
    { title: t('cases.receivedOn'), dataIndex: 'receivedOn', width: 110, render: (d: string | null) => formatDate(d) || t('common.empty') },
    {
      title: t('cases.dueOn'),
      dataIndex: 'dueOn',
      width: 110,
      render: (d: string | null) => <span data-testid="case-row-due">{formatDate(d) || t('common.empty')}</span>,
    },
    {
      title: t('cases.light'),
      dataIndex: 'dueLight',
      width: 130,
      render: (_: unknown, row) => (
        <>
          {row.dueLight ? <DueLight light={row.dueLight} dueOn={row.dueOn} explanation={row.dueExplanation} testId="case-row-light" /> : t('common.empty')}
          {/* The nearest open duty beside the running deadline (ADR 0024): its own light, its name on hover. */}
          {row.nextDuty?.dueLight && (
            <div style={{ marginTop: 4 }}>
              <DueLight light={row.nextDuty.dueLight} dueOn={row.nextDuty.dueOn} explanation={`${row.nextDuty.label}. ${row.nextDuty.dueExplanation ?? ''}`} testId="case-row-duty-light" />
            </div>
          )}
        </>
      ),
    },
    {
      title: t('cases.state'),
      dataIndex: 'state',
      width: 150,
      render: (s: string, row) => (
        <ToneTag tone={STATE_COLORS[s] ?? 'default'} data-testid="case-state">
          {stateLabel(t, s, row.stateLabel)}
        </ToneTag>
      ),
    },
  ];

  const allOption = { value: '', label: t('cases.all') };

  return (
    <section>
      <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'baseline', justifyContent: 'space-between', gap: 8 }}>
        <Typography.Title level={1}>{t('cases.title')}</Typography.Title>
        <Space wrap>
          <Button onClick={() => navigate('/deadline')} data-testid="cases-deadline">
            {t('nav.deadline')}
          </Button>
          {hasAny(roles, ['handler', 'head']) && (
            <Button type="primary" onClick={() => navigate('/petitions/new')} data-testid="cases-new-petition">
              {t('cases.newPetition')}
            </Button>
          )}
        </Space>
      </div>
      <Tabs
        activeKey={tab}
        onChange={(k) => {
          setTab(k as Tab);
          setPage(1);
        }}
        items={[
          { key: 'agency', label: <span data-testid="cases-tab-agency">{t('cases.tabAll')}</span> },
          { key: 'mine', label: <span data-testid="cases-tab-mine">{t('cases.tabMine')}</span> },
        ]}
      />
      <Form layout="inline" style={{ marginBottom: 16, rowGap: 8 }}>
        <Form.Item label={t('cases.filterKind')} htmlFor="filter-kind">
          <Select
            id="filter-kind"
            data-testid="filter-kind"
            style={{ width: 190 }}
            value={filters.kind}
            onChange={(v: Filters['kind']) => setFilter('kind', v)}
            options={[allOption, ...CASE_KINDS.map((k) => ({ value: k, label: kindLabel(t, k) }))]}
          />
        </Form.Item>
        <Form.Item label={t('cases.filterState')} htmlFor="filter-state">
          <Select
            id="filter-state"
            data-testid="filter-state"
            style={{ width: 210 }}
            value={filters.state}
            onChange={(v: string) => setFilter('state', v)}
            options={[allOption, ...CASE_STATES.map((s) => ({ value: s, label: stateLabel(t, s) }))]}
          />
        </Form.Item>
        <Form.Item label={t('cases.filterField')} htmlFor="filter-field">
          <Select
            id="filter-field"
            data-testid="filter-field"
            style={{ width: 190 }}
            value={filters.field}
            onChange={(v: string) => setFilter('field', v)}
            options={[allOption, ...fields.options.map((f) => ({ value: f.value, label: f.label }))]}
          />
        </Form.Item>
        {tab === 'agency' && (
          <Form.Item label={t('cases.sort')} htmlFor="filter-sort">
            <Select<'received' | 'due'>
              id="filter-sort"
              data-testid="filter-sort"
              style={{ width: 200 }}
              value={filters.sort}
              onChange={(v) => setFilter('sort', v)}
              options={[
                { value: 'received', label: t('cases.sortReceived') },
                { value: 'due', label: t('cases.sortDue') },
              ]}
            />
          </Form.Item>
        )}
        <Form.Item>
          <Checkbox checked={filters.overdue} onChange={(e) => setFilter('overdue', e.target.checked)} data-testid="filter-overdue">
            {t('cases.filterOverdue')}
          </Checkbox>
        </Form.Item>
      </Form>
      {error !== null && (
        <div style={{ marginBottom: 16 }}>
          <ErrorAlert error={error} onRetry={reload} />
        </div>
      )}
      <Table<CaseSummary>
        data-testid={`cases-table-${tab}`}
        rowKey={(r) => String(r.id)}
        columns={columns}
        dataSource={rows}
        loading={loading}
        locale={{ emptyText: tab === 'mine' ? t('cases.mineEmpty') : t('cases.empty') }}
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
        scroll={{ x: 1250 }}
      />
    </section>
  );
}
