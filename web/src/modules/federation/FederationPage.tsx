/** Liên thông (issue 16): the directory of instances and the outgoing / incoming packages with their status. */
import { useState } from 'react';
import { Alert, Button, Space, Table, Tag, Typography } from 'antd';
import type { Ok } from '../../api/types.ts';
import { apiFetch, useApi } from '../../http.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { Link } from '../../ui/router.tsx';
import { useFD } from './i18n.ts';

type Instance = Ok<'listInstances'>[number];
type Package = Ok<'listOutgoingPackages'>[number];

const STATUS_COLORS: Record<string, string> = { pending: 'gold', delivered: 'green', accepted: 'green', returned: 'red', failed: 'red', revoked: 'default' };

function dateTime(v: string | null) {
  return v ? new Date(v).toLocaleString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh' }) : '—';
}

/** Outgoing packages that failed (20 attempts) or were returned can be put back in the queue (retryOutgoingPackage). */
const RETRYABLE = new Set(['failed', 'returned']);

function Packages({ title, path, testId, retry = false }: { title: string; path: string; testId: string; retry?: boolean }) {
  const { fd } = useFD();
  const list = useApi<Package[]>(path);
  const [busy, setBusy] = useState<string | null>(null);
  const [retried, setRetried] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const requeue = async (r: Package) => {
    setBusy(r.id);
    setError(null);
    setRetried(null);
    try {
      await apiFetch<Ok<'retryOutgoingPackage'>>('POST', `/federation/packages/outgoing/${r.id}/retry`);
      setRetried(fd('fd.retried', { doc: r.documentNo }));
      list.reload();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  };
  return (
    <>
      <Typography.Title level={2}>{title}</Typography.Title>
      {list.error !== null && <ErrorAlert error={list.error} onRetry={list.reload} />}
      {error !== null && <ErrorAlert error={error} />}
      {retried && <Alert type="success" showIcon title={retried} data-testid="federation-retried" />}
      <Table
        data-testid={testId}
        rowKey={(r) => `${r.direction}-${r.id}`}
        size="small"
        loading={list.loading}
        dataSource={list.data ?? []}
        locale={{ emptyText: fd('fd.none') }}
        pagination={{ pageSize: 20 }}
        columns={[
          { title: fd('fd.type'), dataIndex: 'type' },
          { title: fd('fd.peer'), dataIndex: 'peerInstance' },
          { title: fd('fd.doc'), render: (_: unknown, r: Package) => (r.caseId ? <Link to={`/cases/${r.caseId}`}>{r.documentNo}</Link> : r.documentNo) },
          { title: fd('fd.route'), render: (_: unknown, r: Package) => `${r.fromAgency} → ${r.toAgency}` },
          { title: fd('fd.status'), dataIndex: 'status', render: (v: string) => <Tag color={STATUS_COLORS[v] ?? 'default'}>{v}</Tag> },
          { title: fd('fd.remote'), dataIndex: 'remoteStatus', render: (v: string | null) => v ?? '—' },
          { title: fd('fd.acked'), dataIndex: 'ackedAt', render: dateTime },
          { title: fd('fd.note'), render: (_: unknown, r: Package) => r.returnReason ?? r.lastError ?? '' },
          ...(retry
            ? [
                {
                  title: '',
                  key: 'retry',
                  render: (_: unknown, r: Package) =>
                    RETRYABLE.has(r.status) ? (
                      <Button size="small" loading={busy === r.id} onClick={() => void requeue(r)} data-testid={`federation-retry-${r.id}`}>
                        {fd('fd.retry')}
                      </Button>
                    ) : null,
                },
              ]
            : []),
        ]}
      />
    </>
  );
}

export default function FederationPage({ admin }: { admin: boolean }) {
  const { fd } = useFD();
  const instances = useApi<Instance[]>('/federation/instances');
  const [result, setResult] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [round, setRound] = useState(0);
  const deliver = async () => {
    setError(null);
    try {
      const r = await apiFetch<Ok<'deliverPackages'>>('POST', '/federation/deliver');
      setResult(fd('fd.delivered', { d: r.delivered, r: r.returned, w: r.retrying }));
      setRound((n) => n + 1);
    } catch (e) {
      setError(e);
    }
  };
  const pull = async () => {
    setError(null);
    try {
      const r = await apiFetch<Ok<'pullCounterSnapshots'>>('POST', '/federation/counter-snapshots/pull');
      setResult(fd('fd.pulled', { ok: r.filter((x) => x.ok).length, n: r.length, failed: r.filter((x) => !x.ok).map((x) => `${x.instance} (${x.error ?? ''})`).join(', ') || '—' }));
    } catch (e) {
      setError(e);
    }
  };
  return (
    <section>
      <Typography.Title level={1}>{fd('fd.title')}</Typography.Title>
      <Typography.Title level={2}>{fd('fd.instances')}</Typography.Title>
      {instances.error !== null && <ErrorAlert error={instances.error} onRetry={instances.reload} />}
      <Table
        data-testid="federation-instances"
        rowKey="id"
        size="small"
        pagination={false}
        loading={instances.loading}
        dataSource={instances.data ?? []}
        columns={[
          { title: fd('fd.id'), dataIndex: 'id', render: (v: string, r: Instance) => (r.self ? <Space>{v}<Tag color="blue">{fd('fd.self')}</Tag></Space> : v) },
          { title: fd('fd.name'), dataIndex: 'name' },
          { title: fd('fd.url'), dataIndex: 'baseUrl' },
          { title: fd('fd.codes'), dataIndex: 'agencyCodes', render: (v: string[]) => v.join(', ') },
          { title: fd('fd.keys'), dataIndex: 'keys', render: (v: Instance['keys']) => v.map((k) => k.kid).join(', ') },
        ]}
      />
      {admin && (
        <Space style={{ marginTop: 16 }}>
          <Button onClick={deliver} data-testid="federation-deliver">
            {fd('fd.deliver')}
          </Button>
          <Button onClick={pull} data-testid="federation-pull">
            {fd('fd.pull')}
          </Button>
          {result && <Alert type="success" showIcon title={result} />}
        </Space>
      )}
      {error !== null && <ErrorAlert error={error} />}
      <Packages key={`out-${round}`} title={fd('fd.outgoing')} path="/federation/packages/outgoing" testId="federation-outgoing" retry />
      <Packages key={`in-${round}`} title={fd('fd.incoming')} path="/federation/packages/incoming" testId="federation-incoming" />
    </section>
  );
}
