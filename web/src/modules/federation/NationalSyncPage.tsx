/**
 * The national complaints database sync backlog (NĐ 55/2022 Art. 8; issue 16): getSyncStatus — events waiting,
 * being sent, sent, failed; the oldest waiting one; the last error; the last success; the unsent events with their
 * reason — and, for administrators, retryNationalSync on the selected events or on all of them.
 */
import { useState } from 'react';
import { Alert, Button, Card, Col, Descriptions, Row, Space, Table, Tag, Typography } from 'antd';
import type { Ok } from '../../api/types.ts';
import { apiFetch, useApi } from '../../http.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { formatCount, formatDateTime } from '../../ui/format.ts';
import { useFD } from './i18n.ts';

type Status = Ok<'getSyncStatus'>;
type Unsent = Status['unsent'][number];

const STATUS_COLORS: Record<string, string> = { pending: 'gold', sending: 'blue', failed: 'red' };

export default function NationalSyncPage({ retry }: { retry: boolean }) {
  const { fd } = useFD();
  const status = useApi<Status>('/national-sync/status?limit=200');
  const [selected, setSelected] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const data = status.data;

  const requeue = async (ids: string[] | null) => {
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      const r = await apiFetch<Ok<'retryNationalSync'>>('POST', '/national-sync/retry', { body: ids ? { ids } : {} });
      setDone(fd('fd.syncRequeued', { n: formatCount(r.requeued) }));
      setSelected([]);
      status.reload();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const counts: { key: keyof Status['counts']; label: Parameters<typeof fd>[0] }[] = [
    { key: 'pending', label: 'fd.syncPending' },
    { key: 'sending', label: 'fd.syncSending' },
    { key: 'sent', label: 'fd.syncSent' },
    { key: 'failed', label: 'fd.syncFailed' },
  ];

  return (
    <section>
      <Typography.Title level={1}>{fd('fd.syncTitle')}</Typography.Title>
      <Typography.Paragraph type="secondary">{fd('fd.syncIntro')}</Typography.Paragraph>
      {status.error !== null && <ErrorAlert error={status.error} onRetry={status.reload} />}
      {error !== null && <ErrorAlert error={error} />}
      {done && <Alert type="success" showIcon title={done} data-testid="sync-requeued" style={{ marginBottom: 16 }} />}
      {data && (
        <>
          {!data.configured && <Alert type="warning" showIcon title={fd('fd.syncNotConfigured')} style={{ marginBottom: 16 }} data-testid="sync-not-configured" />}
          <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
            {counts.map((c) => (
              <Col key={c.key} xs={12} md={6}>
                <Card size="small">
                  <div id={`sync-${c.key}-label`}>{fd(c.label)}</div>
                  <div data-testid={`sync-${c.key}`} aria-labelledby={`sync-${c.key}-label`} style={{ fontSize: 28, fontWeight: 600, fontVariantNumeric: 'tabular-nums', color: c.key === 'failed' && data.counts.failed ? '#cf1322' : undefined }}>
                    {formatCount(data.counts[c.key])}
                  </div>
                </Card>
              </Col>
            ))}
          </Row>
          <Descriptions size="small" column={1} bordered style={{ marginBottom: 16 }}>
            <Descriptions.Item label={fd('fd.syncEndpoint')}>{data.endpointHost ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={fd('fd.syncLastSent')}>
              <span data-testid="sync-last-sent">{data.lastSentAt ? formatDateTime(data.lastSentAt) : fd('fd.syncNever')}</span>
            </Descriptions.Item>
            <Descriptions.Item label={fd('fd.syncOldest')}>
              {data.oldestPending ? fd('fd.syncOldestValue', { code: data.oldestPending.caseCode, action: data.oldestPending.action, at: formatDateTime(data.oldestPending.createdAt), minutes: formatCount(data.oldestPending.ageMinutes) }) : '—'}
            </Descriptions.Item>
            <Descriptions.Item label={fd('fd.syncLastError')}>
              <span data-testid="sync-last-error">
                {data.lastError ? `${formatDateTime(data.lastError.at)} — ${data.lastError.caseCode}: ${data.lastError.error}${data.lastError.httpStatus ? ` (HTTP ${data.lastError.httpStatus})` : ''}` : '—'}
              </span>
            </Descriptions.Item>
          </Descriptions>
        </>
      )}
      <Typography.Title level={2}>{fd('fd.syncUnsent')}</Typography.Title>
      {retry && (
        <Space style={{ marginBottom: 8 }}>
          <Button type="primary" disabled={!selected.length} loading={busy} onClick={() => void requeue(selected)} data-testid="sync-retry-selected">
            {fd('fd.syncRetrySelected', { n: formatCount(selected.length) })}
          </Button>
          <Button disabled={!data || data.counts.failed + data.counts.pending === 0} loading={busy} onClick={() => void requeue(null)} data-testid="sync-retry-all">
            {fd('fd.syncRetryAll')}
          </Button>
        </Space>
      )}
      <Table<Unsent>
        data-testid="sync-unsent"
        rowKey="id"
        size="small"
        loading={status.loading}
        dataSource={data?.unsent ?? []}
        locale={{ emptyText: fd('fd.syncNone') }}
        pagination={{ pageSize: 50 }}
        {...(retry
          ? {
              rowSelection: {
                selectedRowKeys: selected,
                onChange: (keys) => setSelected(keys.map(String)),
                getCheckboxProps: (r: Unsent) => ({ disabled: r.status === 'sending', 'aria-label': r.caseCode }),
              },
            }
          : {})}
        columns={[
          { title: fd('fd.case'), dataIndex: 'caseCode' },
          { title: fd('fd.syncStep'), render: (_: unknown, r: Unsent) => `${r.action} (${r.event})` },
          { title: fd('fd.status'), dataIndex: 'status', render: (v: string) => <Tag color={STATUS_COLORS[v] ?? 'default'}>{fd(v === 'failed' ? 'fd.syncFailed' : v === 'sending' ? 'fd.syncSending' : 'fd.syncPending')}</Tag> },
          { title: fd('fd.syncAttempts'), dataIndex: 'attempts', align: 'right', render: (v: number) => formatCount(v) },
          { title: fd('fd.syncCreated'), dataIndex: 'createdAt', render: (v: string) => formatDateTime(v) },
          { title: fd('fd.syncNext'), dataIndex: 'nextAttemptAt', render: (v: string, r: Unsent) => (r.status === 'failed' ? '—' : formatDateTime(v)) },
          { title: fd('fd.syncReason'), render: (_: unknown, r: Unsent) => (r.lastError ? `${r.lastError}${r.lastHttpStatus ? ` (HTTP ${r.lastHttpStatus})` : ''}` : '') },
        ]}
      />
    </section>
  );
}
