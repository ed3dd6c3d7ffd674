/** Staff pages of public consultation (route /consultations and /consultations/:id): create, import, publish, tally, themes. */
import { useState } from 'react';
import { Alert, Button, Checkbox, Descriptions, Form, Input, Select, Space, Table, Typography, Upload } from 'antd';
import { CONSULTATION_KINDS, COMMUNE_SUBJECTS, KIND_LABELS } from '@danvan/domain/consultation/rules';
import { apiFetch, useApi } from '../http.ts';
import { useCurrentAgency } from '../modules/agencies/current-agency.tsx';
import type { Consultation, SuggestedTheme, Tally, Theme } from '../modules/consultation/api.ts';
import { useCT } from '../modules/consultation/i18n.ts';
import { ScalePanels } from '../modules/consultation/ScalePanels.tsx';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { Link, navigate } from '../ui/router.tsx';

export default function ConsultationsPage({ id }: { id?: string }) {
  return id ? <ConsultationDetail id={id} /> : <ConsultationList />;
}

function ConsultationList() {
  const { ct } = useCT();
  const { agency } = useCurrentAgency();
  const list = useApi<{ items: Consultation[] }>('/consultations');
  const [error, setError] = useState<unknown>(null);
  const [form] = Form.useForm();
  const create = async (v: { title: string; kind: string; subject: string; audience: string; closesOn?: string; stateSecret?: boolean }) => {
    setError(null);
    try {
      const c = await apiFetch<Consultation>('POST', '/consultations', { body: { agency: agency?.code, ...v, closesOn: v.closesOn || undefined } });
      navigate(`/consultations/${c.id}`);
    } catch (e) {
      setError(e);
    }
  };
  return (
    <section>
      <Typography.Title level={1}>{ct('ct.title')}</Typography.Title>
      {list.error !== null && <ErrorAlert error={list.error} onRetry={list.reload} />}
      <Table
        rowKey="id"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: ct('ct.none') }}
        pagination={false}
        columns={[
          { title: ct('ct.f.title'), dataIndex: 'title', render: (v: string, r: Consultation) => <Link to={`/consultations/${r.id}`}>{v}</Link> },
          { title: ct('ct.period'), dataIndex: 'period' },
          { title: ct('ct.phase'), dataIndex: 'phaseLabel' },
        ]}
      />
      <Typography.Title level={2}>{ct('ct.new')}</Typography.Title>
      {error !== null && <ErrorAlert error={error} />}
      <Form form={form} layout="vertical" onFinish={create} initialValues={{ kind: 'commune', subject: 'quy-che-dan-chu' }} style={{ maxWidth: 640 }}>
        <Form.Item name="title" label={ct('ct.f.title')} rules={[{ required: true }]}>
          <Input data-testid="ct-title" />
        </Form.Item>
        <Form.Item name="kind" label={ct('ct.f.kind')}>
          <Select options={CONSULTATION_KINDS.map((k) => ({ value: k, label: KIND_LABELS[k] }))} />
        </Form.Item>
        <Form.Item name="subject" label={ct('ct.f.subject')}>
          <Select options={Object.entries(COMMUNE_SUBJECTS).map(([value, label]) => ({ value, label }))} />
        </Form.Item>
        <Form.Item name="audience" label={ct('ct.f.audience')} rules={[{ required: true }]}>
          <Input />
        </Form.Item>
        <Form.Item name="closesOn" label={ct('ct.f.closesOn')}>
          <Input type="date" />
        </Form.Item>
        <Form.Item name="stateSecret" valuePropName="checked">
          <Checkbox>{ct('ct.f.secret')}</Checkbox>
        </Form.Item>
        <Button type="primary" htmlType="submit">
          {ct('ct.create')}
        </Button>
      </Form>
    </section>
  );
}

function ConsultationDetail({ id }: { id: string }) {
  const { ct } = useCT();
  const detail = useApi<{ consultation: Consultation; mayPublish: boolean }>(`/consultations/${id}`);
  const tally = useApi<{ tally: Tally }>(`/consultations/${id}/tally`);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [text, setText] = useState('');
  const c = detail.data?.consultation;

  const run = async (fn: () => Promise<string | null>) => {
    setError(null);
    setNotice(null);
    try {
      setNotice(await fn());
      detail.reload();
      tally.reload();
    } catch (e) {
      setError(e);
    }
  };
  const importDraft = (body: Record<string, string>) =>
    run(async () => {
      const r = await apiFetch<Record<string, number>>('POST', `/consultations/${id}/drafts`, { body });
      return ct('ct.imported', { v: r.version ?? 0, a: r.articles ?? 0, k: r.clauses ?? 0, kept: r.kept ?? 0, changed: r.changed ?? 0, added: r.added ?? 0, removed: r.removed ?? 0 });
    });
  const readFile = (file: File) => {
    const reader = new FileReader();
    reader.onload = () => {
      const b64 = String(reader.result).split(',')[1] ?? '';
      void importDraft({ format: 'docx', fileName: file.name, dataBase64: b64 });
    };
    reader.readAsDataURL(file);
    return false;
  };

  return (
    <section>
      {detail.error !== null && <ErrorAlert error={detail.error} onRetry={detail.reload} />}
      {c && (
        <>
          <Typography.Title level={1}>{c.title}</Typography.Title>
          <Descriptions size="small" column={1} items={[
            { key: 'a', label: c.kindLabel, children: c.agency.name },
            { key: 'p', label: ct('ct.period'), children: c.period },
            { key: 's', label: ct('ct.phase'), children: c.phaseLabel },
            { key: 'm', label: '', children: ct('ct.minDays', { n: c.minDays, basis: c.minDaysBasis }) },
          ]} />
          {error !== null && <ErrorAlert error={error} />}
          {notice && <Alert type="success" showIcon message={notice} style={{ margin: '12px 0' }} />}
          {c.phase !== 'closed' && (
            <>
              <Typography.Title level={2}>{ct('ct.import')}</Typography.Title>
              <Space direction="vertical" style={{ width: '100%', maxWidth: 720 }}>
                <Upload accept=".docx" beforeUpload={readFile} showUploadList={false}>
                  <Button>{ct('ct.importFile')}</Button>
                </Upload>
                <label htmlFor="ct-text">{ct('ct.importText')}</label>
                <Input.TextArea id="ct-text" rows={6} value={text} onChange={(e) => setText(e.target.value)} />
                <Button disabled={!text.trim()} onClick={() => void importDraft({ format: 'text', text })}>
                  {ct('ct.importDo')}
                </Button>
                {c.phase === 'draft' && detail.data?.mayPublish && c.currentVersion > 0 && (
                  <Button type="primary" onClick={() => void run(async () => (await apiFetch<Consultation>('POST', `/consultations/${id}/publish`, { body: {} })).phaseLabel)}>
                    {ct('ct.publish')}
                  </Button>
                )}
              </Space>
            </>
          )}
          <Typography.Title level={2}>{ct('ct.tally')}</Typography.Title>
          {tally.error !== null && <ErrorAlert error={tally.error} onRetry={tally.reload} />}
          {tally.data && (
            <>
              <Space wrap size="large" style={{ marginBottom: 12 }}>
                <span>{ct('ct.participants')}: <strong>{tally.data.tally.participants}</strong></span>
                <span>{ct('ct.counted')}: <strong>{tally.data.tally.counted}</strong></span>
                <span>{ct('ct.replaced')}: <strong>{tally.data.tally.replaced}</strong></span>
                <span>{ct('ct.spoken')}: <strong>{tally.data.tally.spokenOnly}</strong></span>
              </Space>
              <Table
                rowKey="id"
                size="small"
                pagination={false}
                dataSource={tally.data.tally.sections.filter((s) => s.kind === 'whole' || s.kind === 'dieu' || s.total > 0)}
                columns={[
                  { title: ct('ct.section'), dataIndex: 'key', render: (k: string, s) => (s.current ? k : `${k} ${ct('ct.oldVersion')}`) },
                  { title: ct('ct.total'), dataIndex: 'total', align: 'right' },
                  { title: ct('ct.approve'), key: 'a', align: 'right', render: (_, s) => s.byStance.approve ?? 0 },
                  { title: ct('ct.disapprove'), key: 'd', align: 'right', render: (_, s) => s.byStance.disapprove ?? 0 },
                  { title: ct('ct.partly'), key: 'p', align: 'right', render: (_, s) => s.byStance.partly ?? 0 },
                  { title: ct('ct.assisted'), key: 'as', align: 'right', render: (_, s) => s.byChannel.assisted ?? 0 },
                  { title: ct('ct.replaced'), dataIndex: 'replaced', align: 'right' },
                ]}
              />
              <Themes id={id} sections={tally.data.tally.sections.filter((s) => s.current && s.total > 0).map((s) => s.key)} />
              <ScalePanels id={id} sections={tally.data.tally.sections.filter((s) => s.current && s.total > 0).map((s) => s.key)} />
            </>
          )}
          <Space wrap style={{ marginTop: 16 }}>
            {ct('ct.export')}:
            {(['docx', 'pdf', 'xlsx', 'csv'] as const).map((f) => (
              <a key={f} href={`/api/v1/consultations/${id}/synthesis?format=${f}`}>
                {f.toUpperCase()}
              </a>
            ))}
          </Space>
        </>
      )}
    </section>
  );
}

function Themes({ id, sections }: { id: string; sections: string[] }) {
  const { ct } = useCT();
  const [section, setSection] = useState<string | null>(null);
  const suggestions = useApi<{ groups: SuggestedTheme[] }>(section ? `/consultations/${id}/theme-suggestions?section=${encodeURIComponent(section)}` : null);
  const [themes, setThemes] = useState<(Theme & { section: string })[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [answers, setAnswers] = useState<Record<string, { outcome: string; explanation: string }>>({});
  const make = async (g: SuggestedTheme) => {
    setError(null);
    try {
      const t = await apiFetch<Theme>('POST', `/consultations/${id}/themes`, { body: { section, title: g.title, opinionIds: g.opinionIds } });
      setThemes((xs) => [...xs, { ...t, section: section ?? '' }]);
    } catch (e) {
      setError(e);
    }
  };
  const answer = async (t: Theme) => {
    setError(null);
    const a = answers[t.id] ?? { outcome: 'accepted', explanation: '' };
    try {
      const r = await apiFetch<Theme>('POST', `/consultations/${id}/themes/${t.id}/response`, { body: { outcome: a.outcome, ...(a.explanation ? { explanation: a.explanation } : {}) } });
      setThemes((xs) => xs.map((x) => (x.id === t.id ? { ...x, ...r } : x)));
    } catch (e) {
      setError(e);
    }
  };
  return (
    <>
      <Typography.Title level={2}>{ct('ct.themes')}</Typography.Title>
      {error !== null && <ErrorAlert error={error} />}
      <Space wrap>
        <Select aria-label={ct('ct.section')} style={{ minWidth: 200 }} placeholder={ct('ct.section')} value={section} onChange={setSection} options={sections.map((s) => ({ value: s, label: s }))} />
      </Space>
      {suggestions.data?.groups.map((g) => (
        <div key={g.opinionIds[0]} style={{ border: '1px solid #eee', padding: 8, margin: '8px 0' }}>
          <strong>{g.title}</strong> — {ct('ct.opinions', { n: g.opinionIds.length })}{' '}
          <Button size="small" onClick={() => void make(g)}>
            {ct('ct.makeTheme')}
          </Button>
        </div>
      ))}
      {themes.map((t) => (
        <div key={t.id} style={{ border: '1px solid #ddd', padding: 8, margin: '8px 0' }}>
          <div>
            <strong>{t.section}</strong>: {t.title} {t.outcome ? `— ${t.outcome}` : ''}
          </div>
          {!t.outcome && (
            <Space direction="vertical" style={{ width: '100%' }}>
              <Select
                aria-label={ct('ct.outcome')}
                value={answers[t.id]?.outcome ?? 'accepted'}
                onChange={(v) => setAnswers((m) => ({ ...m, [t.id]: { outcome: v, explanation: m[t.id]?.explanation ?? '' } }))}
                options={[
                  { value: 'accepted', label: ct('ct.accepted') },
                  { value: 'partly', label: ct('ct.partlyAccepted') },
                  { value: 'not-accepted', label: ct('ct.notAccepted') },
                ]}
                style={{ width: 240 }}
              />
              <Input.TextArea
                aria-label={ct('ct.explanation')}
                placeholder={ct('ct.explanation')}
                value={answers[t.id]?.explanation ?? ''}
                onChange={(e) => setAnswers((m) => ({ ...m, [t.id]: { outcome: m[t.id]?.outcome ?? 'accepted', explanation: e.target.value } }))}
              />
              <Button onClick={() => void answer(t)}>{ct('ct.save')}</Button>
            </Space>
          )}
        </div>
      ))}
    </>
  );
}
