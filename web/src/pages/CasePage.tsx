import { Card, Col, Descriptions, Result, Row, Skeleton, Tag, Typography } from 'antd';
import type { DescriptionsProps } from 'antd';
import { ApiError, useApi } from '../http.ts';
import { useT } from '../i18n/i18n.tsx';
import { casePath } from '../modules/cases/api.ts';
import type { CaseView } from '../modules/cases/api.ts';
import { CaseActions } from '../modules/cases/CaseActions.tsx';
import { CaseHistory } from '../modules/cases/CaseHistory.tsx';
import { STATE_COLORS, kindLabel, outcomeLabel, stateLabel } from '../modules/cases/labels.ts';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { formatDate } from '../ui/format.ts';
import { Link } from '../ui/router.tsx';

export default function CasePage({ id }: { id: string }) {
  const t = useT();
  const { data, error, loading, reload } = useApi<CaseView>(casePath(id));

  if (error instanceof ApiError && error.status === 404) {
    return (
      <Result
        status="404"
        title={<h1 style={{ fontSize: 24, margin: 0 }}>{t('case.notFound')}</h1>}
        extra={<Link to="/cases">{t('case.back')}</Link>}
      />
    );
  }
  if (error) return <ErrorAlert error={error} onRetry={reload} />;
  if (!data) return <Skeleton active />;

  const c = data.case;
  const empty = t('common.empty');
  const details: DescriptionsProps['items'] = [
    { key: 'code', label: t('cases.code'), children: <span data-testid="case-code" style={{ whiteSpace: 'nowrap' }}>{c.code}</span> },
    { key: 'kind', label: t('cases.kind'), children: kindLabel(t, c.kind) },
    {
      key: 'state',
      label: t('cases.state'),
      children: (
        <Tag color={STATE_COLORS[c.state] ?? 'default'} data-testid="case-state">
          {stateLabel(t, c.state, c.stateLabel)}
        </Tag>
      ),
    },
    { key: 'agency', label: t('case.agency'), children: c.agencyName },
    { key: 'receivedOn', label: t('cases.receivedOn'), children: formatDate(c.receivedOn) || empty },
    { key: 'acceptedOn', label: t('case.acceptedOn'), children: formatDate(c.acceptedOn) || empty },
    {
      key: 'dueOn',
      label: t('cases.dueOn'),
      children: (
        <span data-testid="case-due">
          {formatDate(c.dueOn) || empty}
          {c.dueExplanation && (
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
              {c.dueExplanation}
            </Typography.Text>
          )}
        </span>
      ),
    },
    { key: 'decidedOn', label: t('case.decidedOn'), children: formatDate(c.decidedOn) || empty },
    {
      key: 'outcome',
      label: t('case.outcome'),
      children: <span data-testid="case-outcome">{c.outcome ? outcomeLabel(t, c.outcome) : empty}</span>,
    },
    { key: 'summary', label: t('cases.summary'), span: 'filled', children: c.summary || empty },
    {
      key: 'content',
      label: t('case.content'),
      span: 'filled',
      children: <div style={{ whiteSpace: 'pre-wrap' }}>{c.content}</div>,
    },
  ];

  const p = c.petitioner;
  const petitioner: DescriptionsProps['items'] = p
    ? [
        { key: 'name', label: t('case.petitionerName'), children: p.name ?? empty },
        { key: 'idNumber', label: t('case.petitionerIdNumber'), children: p.idNumber ?? empty },
        { key: 'address', label: t('case.petitionerAddress'), children: p.address ?? empty },
        { key: 'phone', label: t('case.petitionerPhone'), children: p.phone ?? empty },
      ]
    : [];

  return (
    <section aria-busy={loading}>
      <Link to="/cases">← {t('case.back')}</Link>
      <Typography.Title level={1} style={{ marginTop: 8 }}>
        {t('case.title', { code: c.code })}
      </Typography.Title>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={15}>
          <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('case.details')}</h2>}>
            <Descriptions column={{ xs: 1, sm: 2 }} size="small" items={details} styles={{ label: { whiteSpace: 'nowrap' } }} />
          </Card>
          <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('case.petitioner')}</h2>} style={{ marginTop: 16 }}>
            {p ? <Descriptions column={{ xs: 1, sm: 2 }} size="small" items={petitioner} /> : empty}
            {c.kind === 'denunciation' && (
              <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }} data-testid="case-petitioner-protected">
                {t('case.petitionerProtected')}
              </Typography.Paragraph>
            )}
          </Card>
        </Col>
        <Col xs={24} lg={9}>
          <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('case.actions')}</h2>}>
            <CaseActions caseId={id} actions={data.allowedActions} onChanged={reload} />
          </Card>
          <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('case.history')}</h2>} style={{ marginTop: 16 }}>
            <CaseHistory history={data.history} />
          </Card>
        </Col>
      </Row>
    </section>
  );
}
