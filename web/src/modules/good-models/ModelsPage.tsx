/**
 * «Dân vận khéo» for staff: the campaigns in scope (launch one: criteria per kind prefilled with the documented
 * defaults), the models of the current agency's subtree, registering a model, and the year's figures.
 */
import { useState } from 'react';
import { Button, Card, Form, Input, InputNumber, Select, Space, Table, Typography } from 'antd';
import { DEFAULT_CRITERIA } from '@danvan/domain/good-models';
import { useApi } from '../../http.ts';
import { useCurrentAgency } from '../agencies/current-agency.tsx';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { Link, navigate } from '../../ui/router.tsx';
import { createCampaign, registerModel, type Campaign, type Figures, type Model } from './api.ts';
import { useGmT } from './i18n.ts';

const lines = (s: string) =>
  s
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((label) => ({ label }));

export default function ModelsPage() {
  const t = useGmT();
  const { agency } = useCurrentAgency();
  const year = new Date().getFullYear();
  const campaigns = useApi<{ items: Campaign[] }>('/model-campaigns');
  const models = useApi<{ total: number; items: Model[] }>(agency ? `/models?agency=${agency.code}&limit=200` : null);
  const figures = useApi<{ total: Figures }>(agency ? `/model-figures?agency=${agency.code}&fromYear=${year}` : null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [campaignForm] = Form.useForm();
  const [modelForm] = Form.useForm();
  const chosenCampaign = Form.useWatch('campaignId', modelForm) as string | undefined;
  const campaign = campaigns.data?.items.find((c) => c.id === chosenCampaign);

  const run = async (fn: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await fn();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div data-testid="models-page">
      <Typography.Title level={1}>{t('gm.title')}</Typography.Title>
      <ErrorAlert error={error} testId="models-error" />
      {figures.data && (
        <Card title={<h2 style={{ margin: 0, fontSize: 18 }}>{t('gm.figures', { year })}</h2>} size="small" style={{ marginBottom: 16 }}>
          <Space wrap size="large" data-testid="models-figures">
            {(['registered', 'recognized', 'new', 'replicated', 'maintained', 'notMaintained', 'unchecked'] as const).map((k) => (
              <span key={k}>
                {t(`gm.fig.${k}`)}: <strong data-testid={`fig-${k}`}>{figures.data!.total[k]}</strong>
              </span>
            ))}
          </Space>
        </Card>
      )}

      <Card title={<h2 style={{ margin: 0, fontSize: 18 }}>{t('gm.campaigns')}</h2>} style={{ marginBottom: 16 }}>
        <ErrorAlert error={campaigns.error} />
        {campaigns.data && campaigns.data.items.length === 0 && <p>{t('gm.noCampaigns')}</p>}
        <ul data-testid="campaign-list">
          {campaigns.data?.items.map((c) => (
            <li key={c.id}>
              {c.title} — {c.agency.name} ({c.fromYear}
              {c.toYear !== c.fromYear ? `–${c.toYear}` : ''})
            </li>
          ))}
        </ul>
        <details>
          <summary>{t('gm.newCampaign')}</summary>
          <Form
            form={campaignForm}
            layout="vertical"
            initialValues={{ periodKind: 'year', fromYear: year, model: DEFAULT_CRITERIA.model.map((c) => c.label).join('\n'), exemplar: DEFAULT_CRITERIA.exemplar.map((c) => c.label).join('\n') }}
            onFinish={(v: { title: string; periodKind: 'year' | 'review'; fromYear: number; toYear?: number; model: string; exemplar: string }) =>
              run(async () => {
                await createCampaign({
                  agency: agency?.code,
                  title: v.title,
                  periodKind: v.periodKind,
                  fromYear: v.fromYear,
                  ...(v.periodKind === 'review' && v.toYear ? { toYear: v.toYear } : {}),
                  criteria: { model: lines(v.model), exemplar: lines(v.exemplar) },
                });
                campaignForm.resetFields();
                campaigns.reload();
              })
            }
          >
            <Form.Item name="title" label={t('gm.campaignTitle')} rules={[{ required: true }]}>
              <Input data-testid="campaign-title" />
            </Form.Item>
            <Space wrap>
              <Form.Item name="periodKind" label={t('gm.periodKind')}>
                <Select style={{ width: 280 }} options={[{ value: 'year', label: t('gm.period.year') }, { value: 'review', label: t('gm.period.review') }]} />
              </Form.Item>
              <Form.Item name="fromYear" label={t('gm.fromYear')}>
                <InputNumber min={2009} max={2100} />
              </Form.Item>
              <Form.Item name="toYear" label={t('gm.toYear')}>
                <InputNumber min={2009} max={2100} />
              </Form.Item>
            </Space>
            <Form.Item name="model" label={t('gm.criteriaModel')} extra={t('gm.criteriaDefault')}>
              <Input.TextArea rows={5} />
            </Form.Item>
            <Form.Item name="exemplar" label={t('gm.criteriaExemplar')}>
              <Input.TextArea rows={5} />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={busy} data-testid="campaign-submit">
              {t('gm.create')}
            </Button>
          </Form>
        </details>
      </Card>

      <Card title={<h2 style={{ margin: 0, fontSize: 18 }}>{t('gm.register')}</h2>} style={{ marginBottom: 16 }}>
        <Form
          form={modelForm}
          layout="vertical"
          initialValues={{ kind: 'model' }}
          onFinish={(v: { campaignId: string; kind: string; field: string; title: string; story: string }) =>
            run(async () => {
              const r = await registerModel({ ...v, agency: agency?.code });
              navigate(`/models/${r.model.id}`);
            })
          }
        >
          <Form.Item name="campaignId" label={t('gm.campaign')} rules={[{ required: true }]}>
            <Select data-testid="model-campaign" options={campaigns.data?.items.map((c) => ({ value: c.id, label: `${c.title} (${c.agency.name})` })) ?? []} />
          </Form.Item>
          <Space wrap>
            <Form.Item name="kind" label={t('gm.kind')}>
              <Select style={{ width: 220 }} options={[{ value: 'model', label: t('gm.kind.model') }, { value: 'exemplar', label: t('gm.kind.exemplar') }]} />
            </Form.Item>
            <Form.Item name="field" label={t('gm.field')} rules={[{ required: true }]}>
              <Select data-testid="model-field" style={{ width: 320 }} options={campaign?.fields.map((f) => ({ value: f.key, label: f.label })) ?? []} />
            </Form.Item>
          </Space>
          <Form.Item name="title" label={t('gm.modelTitle')} rules={[{ required: true }]}>
            <Input data-testid="model-title" />
          </Form.Item>
          <Form.Item name="story" label={t('gm.story')} rules={[{ required: true }]}>
            <Input.TextArea rows={5} data-testid="model-story" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy} data-testid="model-submit">
            {t('gm.register')}
          </Button>
        </Form>
      </Card>

      <Typography.Title level={2} style={{ fontSize: 20 }}>
        {t('gm.models')}
      </Typography.Title>
      <ErrorAlert error={models.error} />
      <Table<Model>
        rowKey="id"
        loading={models.loading}
        dataSource={models.data?.items ?? []}
        locale={{ emptyText: <span style={{ color: 'rgba(0, 0, 0, 0.88)' }}>{t('gm.none')}</span> }}
        pagination={false}
        data-testid="model-table"
        columns={[
          { title: t('gm.modelTitle'), dataIndex: 'title', render: (v: string, m) => <Link to={`/models/${m.id}`}>{v}</Link> },
          { title: t('gm.unit'), render: (_: unknown, m) => m.agency.name },
          { title: t('gm.kind'), dataIndex: 'kindLabel' },
          { title: t('gm.year'), dataIndex: 'year' },
          { title: t('gm.status'), dataIndex: 'statusLabel' },
        ]}
      />
    </div>
  );
}
