import type { HTMLAttributes } from 'react';
import { Table } from 'antd';
import { useT } from '../../i18n/i18n.tsx';
import { formatDate } from '../../ui/format.ts';
import { Link } from '../../ui/router.tsx';
import type { LinkedCase } from './api.ts';
import { STATE_COLORS, outcomeLabel, relationLabel, stateLabel } from './labels.ts';
import { ToneTag } from '../../ui/ToneTag.tsx';

/** Forwarded-to/from and previous/next-instance cases, with their progress at the other agency. */
export function LinkedCases({ linked }: { linked: LinkedCase[] }) {
  const t = useT();
  return (
    <Table<LinkedCase>
      data-testid="linked-cases"
      size="small"
      pagination={false}
      rowKey={(r) => `${r.relation}:${r.id}`}
      dataSource={linked}
      scroll={{ x: 560 }}
      onRow={(r) => ({ 'data-testid': 'linked-case', 'data-relation': r.relation }) as HTMLAttributes<HTMLElement>}
      columns={[
        { title: t('case.linkedRelation'), dataIndex: 'relation', render: (r: string) => relationLabel(t, r) },
        { title: t('cases.code'), dataIndex: 'code', render: (code: string, r) => <Link to={`/cases/${r.id}`}>{code}</Link> },
        { title: t('case.agency'), dataIndex: 'agencyName' },
        {
          title: t('cases.state'),
          dataIndex: 'state',
          render: (s: string, r) => (
            <ToneTag tone={STATE_COLORS[s] ?? 'default'} data-testid="linked-state">
              {stateLabel(t, s, r.stateLabel)}
            </ToneTag>
          ),
        },
        { title: t('cases.dueOn'), dataIndex: 'dueOn', render: (d: string | null) => formatDate(d) || t('common.empty') },
        { title: t('case.outcome'), dataIndex: 'outcome', render: (o: string | null) => (o ? outcomeLabel(t, o) : t('common.empty')) },
      ]}
    />
  );
}
