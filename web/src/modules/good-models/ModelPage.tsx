/**
 * One model for staff: its story and status, the evidence (add a file/photo and/or a settled case), the unit's
 * self-assessment, the level above's scores, the decision (recognise at a level / return with reasons), the yearly
 * check and replication. The server decides who may do what (an assessor never scores their own unit); the page
 * shows each form and reports the server's answer.
 */
import { useState } from 'react';
import { Alert, Button, Card, Descriptions, Form, Input, InputNumber, Radio, Select, Space, Spin, Typography } from 'antd';
import { useApi } from '../../http.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { Link } from '../../ui/router.tsx';
import { addEvidence, assess, checkModel, decide, fileToBase64, replicate, selfAssess, type Campaign, type ModelDetail, type Score } from './api.ts';
import { useGmT, type GmT } from './i18n.ts';

function ScoreForm({ campaign, kind, t, prefix, withComment, onSubmit, busy }: { campaign: Campaign; kind: 'model' | 'exemplar'; t: GmT; prefix: string; withComment: boolean; onSubmit: (scores: Score[], comment?: string) => void; busy: boolean }) {
  const [form] = Form.useForm();
  const criteria = campaign.criteria[kind];
  return (
    <Form
      form={form}
      layout="vertical"
      onFinish={(v: Record<string, number | string | undefined>) =>
        onSubmit(
          criteria.map((c) => ({ criterion: c.key, score: Number(v[`s-${c.key}`] ?? 0) })),
          typeof v.comment === 'string' && v.comment.trim() ? v.comment : undefined,
        )
      }
    >
      {criteria.map((c, i) => (
        <Form.Item key={c.key} name={`s-${c.key}`} label={`${i + 1}. ${c.label} — ${t('gm.scoreOf', { max: campaign.scaleMax })}`} rules={[{ required: true }]}>
          <InputNumber min={0} max={campaign.scaleMax} precision={0} data-testid={`${prefix}-score-${i}`} />
        </Form.Item>
      ))}
      {withComment && (
        <Form.Item name="comment" label={t('gm.comment')}>
          <Input.TextArea rows={2} data-testid={`${prefix}-comment`} />
        </Form.Item>
      )}
      <Button type="primary" htmlType="submit" loading={busy} data-testid={`${prefix}-submit`}>
        {t('gm.submitScores')}
      </Button>
    </Form>
  );
}

export default function ModelPage({ id }: { id: string }) {
  const t = useGmT();
  const detail = useApi<ModelDetail>(`/models/${id}`);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [file, setFile] = useState<File | null>(null);
  const [evidenceForm] = Form.useForm();
  const [decision, setDecision] = useState<'recognize' | 'return'>('recognize');

  const run = async (fn: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await fn();
      detail.reload();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  if (!detail.data) {
    return (
      <div data-testid="model-page" aria-busy={detail.loading}>
        <ErrorAlert error={detail.error} />
        {detail.loading && <Spin />}
      </div>
    );
  }
  const { model, campaign, evidence, assessments, checks, replications } = detail.data;
  const card = (title: string, children: React.ReactNode, testId?: string) => (
    <Card title={<h2 style={{ margin: 0, fontSize: 18 }}>{title}</h2>} style={{ marginBottom: 16 }} data-testid={testId}>
      {children}
    </Card>
  );

  return (
    <div data-testid="model-page" aria-busy={detail.loading}>
      <p>
        <Link to="/models">{t('gm.back')}</Link>
      </p>
      <Typography.Title level={1}>{model.title}</Typography.Title>
      <ErrorAlert error={error} testId="model-error" />
      <Descriptions bordered size="small" column={1} style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t('gm.status')}>
          <strong data-testid="model-status">{model.statusLabel}</strong>
          {model.levelLabel ? ` — ${model.levelLabel}` : ''}
        </Descriptions.Item>
        <Descriptions.Item label={t('gm.unit')}>{model.agency.name}</Descriptions.Item>
        <Descriptions.Item label={t('gm.campaign')}>{model.campaignTitle}</Descriptions.Item>
        <Descriptions.Item label={t('gm.kind')}>{model.kindLabel}</Descriptions.Item>
        <Descriptions.Item label={t('gm.field')}>{model.fieldLabel}</Descriptions.Item>
        <Descriptions.Item label={t('gm.year')}>{model.year}</Descriptions.Item>
        {model.returnReasons && <Descriptions.Item label={t('gm.reasons')}>{model.returnReasons}</Descriptions.Item>}
      </Descriptions>
      {model.status === 'recognized' && (
        <p>
          <a href={`/mo-hinh/${model.id}`} data-testid="model-public-link">
            {t('gm.publicPage')}
          </a>
        </p>
      )}
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{model.story}</Typography.Paragraph>

      {card(
        t('gm.evidence'),
        <>
          {evidence.length === 0 ? (
            <p>{t('gm.noEvidence')}</p>
          ) : (
            <ul data-testid="evidence-list">
              {evidence.map((e) => (
                <li key={e.id}>
                  {e.title}
                  {e.fileName ? ` — ${e.fileName}` : ''}
                  {e.ref ? ` — ${e.ref.label}` : ''}
                </li>
              ))}
            </ul>
          )}
          <Form
            form={evidenceForm}
            layout="vertical"
            onFinish={(v: { title: string; caseCode?: string }) =>
              run(async () => {
                await addEvidence(model.id, {
                  title: v.title,
                  ...(file ? { file: { fileName: file.name, dataBase64: await fileToBase64(file) } } : {}),
                  ...(v.caseCode?.trim() ? { ref: { type: 'case', id: v.caseCode.trim() } } : {}),
                });
                evidenceForm.resetFields();
                setFile(null);
              })
            }
          >
            <Form.Item name="title" label={t('gm.evidenceTitle')} rules={[{ required: true }]}>
              <Input data-testid="evidence-title" />
            </Form.Item>
            <Form.Item name="caseCode" label={t('gm.refCase')}>
              <Input data-testid="evidence-case" />
            </Form.Item>
            <div style={{ marginBottom: 16 }}>
              <label htmlFor="evidence-file">{t('gm.file')}</label>
              <br />
              <input id="evidence-file" type="file" accept="image/jpeg,image/png,image/webp,application/pdf" data-testid="evidence-file" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
            </div>
            <Button htmlType="submit" loading={busy} data-testid="evidence-submit">
              {t('gm.addEvidence')}
            </Button>
          </Form>
        </>,
        'evidence-card',
      )}

      {(model.status === 'registered' || model.status === 'returned') &&
        card(t('gm.selfAssess'), <ScoreForm campaign={campaign} kind={model.kind} t={t} prefix="self" withComment={false} busy={busy} onSubmit={(s) => void run(() => selfAssess(model.id, s))} />, 'self-card')}

      {(model.status === 'self-assessed' || model.status === 'assessed') &&
        card(t('gm.assess'), <ScoreForm campaign={campaign} kind={model.kind} t={t} prefix="assess" withComment busy={busy} onSubmit={(s, c) => void run(() => assess(model.id, s, c))} />, 'assess-card')}

      {assessments.length > 0 &&
        card(
          t('gm.assessments'),
          <ul data-testid="assessment-list">
            {assessments.map((a) => (
              <li key={a.id}>
                {a.assessor} ({a.agency}): {a.total}/{campaign.criteria[model.kind].length * campaign.scaleMax}
                {a.comment ? ` — ${a.comment}` : ''}
              </li>
            ))}
          </ul>,
        )}

      {model.status === 'assessed' &&
        card(
          t('gm.decision'),
          <Form
            layout="vertical"
            onFinish={(v: { level?: string; reasons?: string }) => void run(() => decide(model.id, decision === 'recognize' ? { decision, level: v.level } : { decision, reasons: v.reasons ?? '' }))}
          >
            <Form.Item label={t('gm.decision')}>
              <Radio.Group value={decision} onChange={(e) => setDecision(e.target.value as 'recognize' | 'return')} data-testid="decision-kind">
                <Radio value="recognize">{t('gm.recognize')}</Radio>
                <Radio value="return">{t('gm.return')}</Radio>
              </Radio.Group>
            </Form.Item>
            {decision === 'recognize' ? (
              <Form.Item name="level" label={t('gm.level')} rules={[{ required: true }]}>
                <Select data-testid="decision-level" options={campaign.levels.map((l) => ({ value: l.key, label: `${l.label} (≥ ${l.minPercent}%)` }))} />
              </Form.Item>
            ) : (
              <Form.Item name="reasons" label={t('gm.reasons')} rules={[{ required: true }]}>
                <Input.TextArea rows={3} />
              </Form.Item>
            )}
            <Button type="primary" htmlType="submit" loading={busy} data-testid="decision-submit">
              {decision === 'recognize' ? t('gm.recognize') : t('gm.return')}
            </Button>
          </Form>,
          'decision-card',
        )}

      {model.status === 'recognized' &&
        card(
          t('gm.check'),
          <>
            {checks.length > 0 && (
              <ul data-testid="check-list">
                {checks.map((c) => (
                  <li key={c.year}>
                    {c.year}: {c.maintained ? t('gm.maintained') : t('gm.notMaintained')}
                    {c.note ? ` — ${c.note}` : ''}
                  </li>
                ))}
              </ul>
            )}
            <Form layout="inline" initialValues={{ year: Number((model.recognizedOn ?? '2026').slice(0, 4)) + 1, maintained: true }} onFinish={(v: { year: number; maintained: boolean }) => void run(() => checkModel(model.id, v))}>
              <Form.Item name="year" label={t('gm.year')}>
                <InputNumber min={2009} max={2100} />
              </Form.Item>
              <Form.Item name="maintained" label={t('gm.status')}>
                <Radio.Group>
                  <Radio value>{t('gm.maintained')}</Radio>
                  <Radio value={false}>{t('gm.notMaintained')}</Radio>
                </Radio.Group>
              </Form.Item>
              <Button htmlType="submit" loading={busy}>
                {t('gm.save')}
              </Button>
            </Form>
          </>,
          'check-card',
        )}

      {model.status === 'recognized' &&
        card(
          t('gm.replicate'),
          <>
            {replications.length > 0 && (
              <ul>
                {replications.map((r, i) => (
                  <li key={r.id ?? i}>{r.id ? <Link to={`/models/${r.id}`}>{r.agency}</Link> : r.agency} ({r.year})</li>
                ))}
              </ul>
            )}
            <Form layout="inline" onFinish={(v: { agency: string }) => void run(() => replicate(model.id, { agency: v.agency.trim() }))}>
              <Form.Item name="agency" label={t('gm.replicaAgency')} rules={[{ required: true }]}>
                <Input style={{ width: 140 }} />
              </Form.Item>
              <Button htmlType="submit" loading={busy}>
                {t('gm.replicate')}
              </Button>
            </Form>
          </>,
        )}
      {busy && <Alert type="info" message="…" />}
      <Space />
    </div>
  );
}
