import { Card, Col, Descriptions, Result, Row, Skeleton, Space, Typography } from 'antd';
import type { DescriptionsProps } from 'antd';
import type { ReactNode } from 'react';
import { ApiError, useApi } from '../http.ts';
import { useI18n, useT } from '../i18n/i18n.tsx';
import { casePath } from '../modules/cases/api.ts';
import type { CaseView } from '../modules/cases/api.ts';
import { CaseActions } from '../modules/cases/CaseActions.tsx';
import { CaseAssignment } from '../modules/cases/CaseAssignment.tsx';
import { CasePublicAnswer } from '../modules/cases/CasePublicAnswer.tsx';
import { CaseClassification } from '../modules/cases/CaseClassification.tsx';
import { CaseHistory } from '../modules/cases/CaseHistory.tsx';
import { DenouncerReveal } from '../modules/cases/DenouncerReveal.tsx';
import { CaseDuties, DUTIES_TITLE } from '../modules/cases/CaseDuties.tsx';
import { DueExplanation, DueLight } from '../modules/cases/DueLight.tsx';
import { useFields } from '../modules/cases/fields.ts';
import { LinkedCases } from '../modules/cases/LinkedCases.tsx';
import { SimilarMatters } from '../modules/search/SimilarMatters.tsx';
import { STATE_COLORS, historyLabel, jurisdictionLabel, kindLabel, outcomeLabel, stateLabel } from '../modules/cases/labels.ts';
import { hasAny, useMyRoles } from '../modules/cases/roles.ts';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { formatDate } from '../ui/format.ts';
import { PrintableNotice } from '../ui/PrintableNotice.tsx';
import { Link } from '../ui/router.tsx';
import { ToneTag } from '../ui/ToneTag.tsx';

function Section({ title, testId, children, extra }: { title: string; testId?: string; children: ReactNode; extra?: ReactNode }) {
  return (
    <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{title}</h2>} extra={extra} data-testid={testId}>
      {children}
    </Card>
  );
}

export default function CasePage({ id }: { id: string }) {
  const t = useT();
  const { lang } = useI18n();
  const roles = useMyRoles();
  const fields = useFields();
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
  if (error && !data) return <ErrorAlert error={error} onRetry={reload} />;
  if (!data) return <Skeleton active />;

  const c = data.case;
  const empty = t('common.empty');
  const isDenunciation = c.kind === 'denunciation';
  const canHandle = hasAny(roles, ['handler', 'head']);
  const details: DescriptionsProps['items'] = [
    { key: 'code', label: t('cases.code'), children: <span data-testid="case-code" style={{ whiteSpace: 'nowrap' }}>{c.code}</span> },
    { key: 'kind', label: t('cases.kind'), children: <span data-testid="case-kind">{kindLabel(t, c.kind)}</span> },
    {
      key: 'state',
      label: t('cases.state'),
      children: (
        <ToneTag tone={STATE_COLORS[c.state] ?? 'default'} data-testid="case-state">
          {stateLabel(t, c.state, c.stateLabel)}
        </ToneTag>
      ),
    },
    { key: 'agency', label: t('case.agency'), children: c.agencyName },
    { key: 'field', label: t('case.field'), children: <span data-testid="case-field">{fields.labelOf(c.field) || empty}</span> },
    { key: 'jurisdiction', label: t('case.jurisdiction'), children: jurisdictionLabel(t, c.jurisdiction) || empty },
    ...(c.chasedAgency
      ? [{ key: 'chasedAgency', label: t('case.chasedAgency'), children: <span data-testid="case-chased-agency">{c.chasedAgency.name}</span> }]
      : []),
    ...(c.kind === 'complaint' && c.instance
      ? [{ key: 'instance', label: t('case.instance'), children: c.instance === 2 ? t('case.instance2') : t('case.instance1') }]
      : []),
    { key: 'receivedOn', label: t('cases.receivedOn'), children: formatDate(c.receivedOn) || empty },
    { key: 'acceptedOn', label: t('case.acceptedOn'), children: formatDate(c.acceptedOn) || empty },
    { key: 'decidedOn', label: t('case.decidedOn'), children: formatDate(c.decidedOn) || empty },
    {
      key: 'outcome',
      label: t('case.outcome'),
      children: <span data-testid="case-outcome">{c.outcome ? outcomeLabel(t, c.outcome) : empty}</span>,
    },
    {
      key: 'dueOn',
      label: t('cases.dueOn'),
      span: 'filled',
      children: (
        <div>
          <Space wrap size="small">
            <strong data-testid="case-due">{formatDate(c.dueOn) || empty}</strong>
            <DueLight light={c.dueLight} dueOn={c.dueOn} explanation={c.dueExplanation} testId="case-due-light" />
          </Space>
          <DueExplanation explanation={c.dueExplanation} testId="case-due-explanation" />
        </div>
      ),
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
        { key: 'name', label: t('case.petitionerName'), children: <span data-testid="case-petitioner-name">{p.name ?? empty}</span> },
        { key: 'idNumber', label: t('case.petitionerIdNumber'), children: p.idNumber ?? empty },
        { key: 'address', label: t('case.petitionerAddress'), children: p.address ?? empty },
        { key: 'phone', label: t('case.petitionerPhone'), children: p.phone ?? empty },
      ]
    : [{ key: 'name', label: t('case.petitionerName'), children: <span data-testid="case-petitioner-name">{c.petitionerName ?? empty}</span> }];

  const notices = data.notices ?? [];
  const linked = data.linked ?? [];

  return (
    <section aria-busy={loading} data-testid="case-page">
      <Link to="/cases">← {t('case.back')}</Link>
      <Typography.Title level={1} style={{ marginTop: 8 }}>
        {t('case.title', { code: c.code })}
      </Typography.Title>
      {error !== null && (
        <div style={{ marginBottom: 16 }}>
          <ErrorAlert error={error} onRetry={reload} />
        </div>
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={15}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <Section title={t('case.details')}>
              <Descriptions column={{ xs: 1, sm: 2 }} size="small" items={details} styles={{ label: { whiteSpace: 'nowrap' } }} />
            </Section>
            <Section title={t('case.petitioner')} testId="case-petitioner">
              <Descriptions column={{ xs: 1, sm: 2 }} size="small" items={petitioner} />
              {isDenunciation && (
                <Typography.Paragraph type="secondary" style={{ margin: '8px 0' }} data-testid="case-petitioner-protected">
                  {t('case.petitionerProtected')}
                </Typography.Paragraph>
              )}
              {isDenunciation && roles.has('head') && <DenouncerReveal caseId={id} onRevealed={reload} />}
            </Section>
            <Section title={t('case.classification')} testId="case-classification">
              <CaseClassification
                c={c}
                suggestion={data.suggestion}
                fields={fields.options}
                fieldLabel={fields.labelOf}
                canEdit={canHandle}
                onChanged={reload}
              />
            </Section>
            {linked.length > 0 && (
              <Section title={t('case.linked')} testId="case-linked">
                <LinkedCases linked={linked} />
              </Section>
            )}
            {/* Same matter elsewhere (issue 18): link a duplicate, choosing which case handles it. */}
            <Section title={t('petition.repeats')} testId="case-similar">
              <SimilarMatters query={{ caseId: String(c.id) }} linkFrom={canHandle ? String(c.id) : undefined} />
            </Section>
            <Section title={t('case.notices')} testId="case-notices">
              {notices.length === 0 ? (
                <Typography.Text type="secondary">{t('case.noNotices')}</Typography.Text>
              ) : (
                <Space orientation="vertical" style={{ width: '100%' }}>
                  {notices.map((n, i) => (
                    <div key={`${n.at}-${i}`}>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {historyLabel(t, n.action) ?? n.action} · {formatDate(n.at)}
                      </Typography.Text>
                      <PrintableNotice text={n.text} agencyName={c.agencyName} caseCode={c.code} at={n.at} testId={`case-notice-${i}`} />
                    </div>
                  ))}
                </Space>
              )}
            </Section>
          </Space>
        </Col>
        <Col xs={24} lg={9}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <Section title={t('case.actions')} testId="case-actions">
              <CaseActions
                caseId={id}
                caseCode={c.code}
                kind={c.kind}
                state={c.state}
                agencyName={c.agencyName}
                agencyCode={c.agencyCode}
                actions={data.allowedActions}
                roles={roles}
                onChanged={reload}
              />
            </Section>
            {(data.duties ?? []).length > 0 && (
              <Section title={DUTIES_TITLE[lang]} testId="case-duties">
                <CaseDuties
                  caseId={id}
                  duties={data.duties ?? []}
                  canAct={(d) => canHandle || (d.code === 'repeat-notice' && roles.has('receptionist'))}
                  onChanged={reload}
                />
              </Section>
            )}
            <Section title={t('case.assignment')} testId="case-assignment">
              <CaseAssignment caseId={id} assigneeId={c.assigneeId} canAssign={canHandle} onChanged={reload} />
            </Section>
            {canHandle && ['answered', 'decided', 'concluded', 'conclusion-sent', 'published', 'effective', 'closed'].includes(c.state) && (
              <Section title={t('case.publicAnswer')} testId="case-public-answer">
                <CasePublicAnswer caseId={id} />
              </Section>
            )}
            <Section title={t('case.history')}>
              <CaseHistory history={data.history} />
            </Section>
          </Space>
        </Col>
      </Row>
    </section>
  );
}
