/**
 * Grassroots democracy (dân chủ ở cơ sở) for commune staff: the villages and their household registers (import
 * from Excel, voting codes for online votes), and the matters residents decide, with a form to create one.
 */
import { useState } from 'react';
import { Alert, Button, Card, Checkbox, Form, Input, InputNumber, Select, Space, Table, Tag, Typography, Upload } from 'antd';
import { ApiError, apiFetch, useApi } from '../http.ts';
import { useCurrentAgency } from '../modules/agencies/current-agency.tsx';
import { XLSX_MIME } from '../modules/grassroots/api.ts';
import type { Community, ComplianceList, Matter, MatterList } from '../modules/grassroots/api.ts';
import { useGT } from '../modules/grassroots/i18n.ts';
import { RegisterEdit } from '../modules/grassroots/RegisterEdit.tsx';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { Link, navigate } from '../ui/router.tsx';
import { formatCount, formatDate } from '../ui/format.ts';

export default function GrassrootsPage() {
  const { gt, lang } = useGT();
  const { agency } = useCurrentAgency();
  const code = agency?.code ?? '';
  const communities = useApi<{ items: Community[] }>(code ? `/grassroots/communities?agency=${code}` : null);
  const matters = useApi<MatterList>(code ? `/grassroots/matters?agency=${code}` : null);
  const compliance = useApi<ComplianceList>(code ? `/grassroots/compliance?agency=${code}` : null);
  const [importMsg, setImportMsg] = useState<string | null>(null);
  const [importErr, setImportErr] = useState<unknown>(null);
  const [codes, setCodes] = useState<{ household: string; code: string }[] | null>(null);
  const [actionErr, setActionErr] = useState<unknown>(null);
  const [creating, setCreating] = useState(false);
  const [form] = Form.useForm();

  const upload = async (file: File) => {
    setImportErr(null);
    setImportMsg(null);
    const res = await fetch(`/api/v1/grassroots/households/import?agency=${code}`, { method: 'POST', credentials: 'same-origin', headers: { 'content-type': XLSX_MIME, 'accept-language': lang }, body: file });
    const body = (await res.json()) as { added?: number; updated?: number; communities?: number; message?: string; problems?: { row: number; column: string; message: string }[] };
    if (!res.ok) setImportErr(new ApiError(res.status, { statusCode: res.status, error: '', message: `${body.message ?? ''}${body.problems ? ` — ${body.problems.slice(0, 10).map((p) => `dòng ${p.row}, ${p.column}: ${p.message}`).join('; ')}` : ''}` }));
    else {
      setImportMsg(gt('gr.imported', { added: body.added ?? 0, updated: body.updated ?? 0, communities: body.communities ?? 0 }));
      communities.reload();
    }
    return false;
  };

  const issue = async (c: Community) => {
    setActionErr(null);
    try {
      const r = await apiFetch<{ codes: { household: string; code: string }[] }>('POST', `/grassroots/communities/${c.id}/voting-codes`, { body: {} });
      setCodes(r.codes);
      communities.reload();
    } catch (e) {
      setActionErr(e);
    }
  };

  const create = async (v: { community?: string; item: number; title: string; content: string; proposedBy: string; frontAgreed?: boolean }) => {
    setActionErr(null);
    setCreating(true);
    try {
      const m = await apiFetch<Matter>('POST', '/grassroots/matters', { body: { agency: code, ...v, community: v.community || undefined, frontAgreed: v.frontAgreed ?? false } });
      form.resetFields();
      matters.reload();
      navigate(`/grassroots/matters/${m.id}`);
    } catch (e) {
      setActionErr(e);
    } finally {
      setCreating(false);
    }
  };

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <div>
        <Typography.Title level={1} style={{ fontSize: 24 }}>
          {gt('gr.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{gt('gr.intro')}</Typography.Paragraph>
        <Link to="/grassroots/duties" data-testid="gr-duties-link">
          {gt('gr.duties')} →
        </Link>
      </div>
      <ErrorAlert error={actionErr} />
      <Card title={<h2 style={{ fontSize: 18, margin: 0 }}>{gt('gr.communities')}</h2>}>
        <Space direction="vertical" style={{ width: '100%' }}>
          <Upload accept=".xlsx" showUploadList={false} beforeUpload={(f) => upload(f)}>
            <Button data-testid="gr-import">{gt('gr.import')}</Button>
          </Upload>
          <Typography.Text type="secondary">{gt('gr.importHint')}</Typography.Text>
          {importMsg && <Alert type="success" showIcon message={importMsg} data-testid="gr-imported" />}
          <ErrorAlert error={importErr} />
          <ErrorAlert error={communities.error} onRetry={communities.reload} />
          <Table<Community>
            rowKey="id"
            size="small"
            loading={communities.loading}
            dataSource={communities.data?.items ?? []}
            pagination={false}
            columns={[
              { title: gt('gr.code'), dataIndex: 'code' },
              { title: gt('gr.name'), dataIndex: 'name' },
              { title: gt('gr.households'), dataIndex: 'households', align: 'right', render: (n: number) => formatCount(n) },
              { title: gt('gr.optedIn'), key: 'o', align: 'right', render: (_, c) => `${formatCount(c.optedIn)} / ${formatCount(c.households)}` },
              { title: gt('gr.withCode'), dataIndex: 'withCode', align: 'right', render: (n: number) => formatCount(n) },
              { title: '', key: 'a', render: (_, c) => <Button size="small" onClick={() => void issue(c)}>{gt('gr.issueCodes')}</Button> },
            ]}
          />
          <Typography.Text strong>{gt('gr.edit.title')}</Typography.Text>
          <RegisterEdit communities={communities.data?.items ?? []} onDone={communities.reload} />
          {codes && (
            <Alert
              type="warning"
              message={gt('gr.codesIssued')}
              description={<pre style={{ maxHeight: 240, overflow: 'auto', margin: 0 }}>{codes.map((c) => `${c.household}\t${c.code}`).join('\n')}</pre>}
              closable
              onClose={() => setCodes(null)}
            />
          )}
        </Space>
      </Card>
      <Card title={<h2 style={{ fontSize: 18, margin: 0 }}>{gt('gr.matters')}</h2>}>
        <ErrorAlert error={matters.error} onRetry={matters.reload} />
        <Table<Matter>
          rowKey="id"
          size="small"
          loading={matters.loading}
          dataSource={matters.data?.items ?? []}
          pagination={false}
          columns={[
            { title: gt('gr.matterTitle'), key: 't', render: (_, m) => <Link to={`/grassroots/matters/${m.id}`}>{m.title}</Link> },
            { title: gt('gr.item'), dataIndex: 'item', align: 'center' },
            { title: gt('gr.community'), key: 'c', render: (_, m) => m.community?.name ?? gt('gr.communeWide') },
            { title: gt('gr.status'), key: 's', render: (_, m) => <Tag>{gt(`gr.status.${m.status}`)}</Tag> },
            { title: gt('gr.result'), key: 'r', render: (_, m) => (m.passed === null ? '' : <Tag color={m.passed ? 'green' : 'red'}>{gt(m.passed ? 'gr.passed' : 'gr.failed')}</Tag>) },
            { title: gt('gr.due'), key: 'd', render: (_, m) => formatDate(m.status === 'closed' ? m.sendDueOn : m.status === 'sent' ? m.recognitionDueOn : null) },
          ]}
        />
      </Card>
      <Card title={<h2 style={{ fontSize: 18, margin: 0 }}>{gt('gr.compliance')}</h2>}>
        <ErrorAlert error={compliance.error} onRetry={compliance.reload} />
        <Table
          rowKey="id"
          size="small"
          loading={compliance.loading}
          dataSource={compliance.data?.items ?? []}
          pagination={false}
          data-testid="gr-compliance"
          columns={[
            { title: gt('gr.duty'), dataIndex: 'kind', render: (k: string) => gt(`gr.duty.${k}`) },
            { title: gt('gr.matterTitle'), key: 't', render: (_, i) => (i.kind === 'board-recommendation' ? i.title : <Link to={`/grassroots/matters/${i.id}`}>{i.title}</Link>) },
            { title: gt('gr.due'), dataIndex: 'dueOn', render: (d: string) => formatDate(d) },
            { title: '', key: 'o', render: (_, i) => (i.overdue ? <Tag color="red">{gt('gr.overdue', { days: i.daysLate })}</Tag> : null) },
          ]}
        />
      </Card>
      <Card title={<h2 style={{ fontSize: 18, margin: 0 }}>{gt('gr.newMatter')}</h2>}>
        <Form form={form} layout="vertical" onFinish={(v) => void create(v)} initialValues={{ item: 6, proposedBy: 'village-head', frontAgreed: true }} style={{ maxWidth: 720 }}>
          <Form.Item name="community" label={gt('gr.community')}>
            <Select allowClear placeholder={gt('gr.communeWide')} options={(communities.data?.items ?? []).map((c) => ({ value: c.code, label: `${c.code} — ${c.name}` }))} />
          </Form.Item>
          <Form.Item name="item" label={gt('gr.item')} rules={[{ required: true }]}>
            <InputNumber min={1} max={6} />
          </Form.Item>
          <Form.Item name="title" label={gt('gr.matterTitle')} rules={[{ required: true }]}>
            <Input maxLength={300} />
          </Form.Item>
          <Form.Item name="content" label={gt('gr.content')} rules={[{ required: true }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
          <Form.Item name="proposedBy" label={gt('gr.proposedBy')}>
            <Select options={['village-head', 'commune-chair'].map((p) => ({ value: p, label: gt(`gr.proposer.${p}`) }))} />
          </Form.Item>
          <Form.Item name="frontAgreed" valuePropName="checked">
            <Checkbox>{gt('gr.frontAgreed')}</Checkbox>
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={creating}>
            {gt('gr.create')}
          </Button>
        </Form>
        <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
          {gt('gr.dataNote')}
        </Typography.Paragraph>
      </Card>
    </Space>
  );
}
