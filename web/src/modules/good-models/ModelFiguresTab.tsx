/**
 * The «Dân vận khéo» figures in the period report (a tab beside the report and the dashboard): for the years the
 * chosen period touches, the scope's registered, recognised, new, replicated, maintained, not maintained and
 * unchecked models, and the same per direct child (the roll-up). Links to the staff pages of the models.
 */
import { Table, Typography } from 'antd';
import { useApi } from '../../http.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { Link } from '../../ui/router.tsx';
import type { Figures } from './api.ts';
import { useGmT } from './i18n.ts';

const KEYS = ['registered', 'recognized', 'new', 'replicated', 'maintained', 'notMaintained', 'unchecked'] as const;

export function yearsOf(query: { period?: string; from?: string; to?: string }): [number, number] | null {
  if (query.period) return [Number(query.period.slice(0, 4)), Number(query.period.slice(0, 4))];
  if (query.from && query.to) return [Number(query.from.slice(0, 4)), Number(query.to.slice(0, 4))];
  return null;
}

export default function ModelFiguresTab({ query }: { query: { agency: string; period?: string; from?: string; to?: string } }) {
  const t = useGmT();
  const years = yearsOf(query);
  const figures = useApi<{ total: Figures; children: (Figures & { code: string; name: string })[] }>(years ? `/model-figures?agency=${query.agency}&fromYear=${years[0]}&toYear=${years[1]}` : null);
  const rows = figures.data ? [{ code: '', name: t('gm.title'), ...figures.data.total }, ...figures.data.children] : [];
  return (
    <section data-testid="model-figures">
      <Typography.Title level={2} style={{ fontSize: 20 }}>
        {t('gm.figures', { year: years ? (years[0] === years[1] ? years[0] : `${years[0]}–${years[1]}`) : '' })}
      </Typography.Title>
      <p>
        <Link to="/models" data-testid="models-link">
          {t('gm.models')}
        </Link>
      </p>
      <ErrorAlert error={figures.error} />
      <Table
        rowKey={(r) => r.code || 'total'}
        loading={figures.loading}
        dataSource={rows}
        pagination={false}
        size="small"
        columns={[{ title: t('gm.unit'), dataIndex: 'name' }, ...KEYS.map((k) => ({ title: t(`gm.fig.${k}`), dataIndex: k, align: 'right' as const }))]}
      />
    </section>
  );
}
