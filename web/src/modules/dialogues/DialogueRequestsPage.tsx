/**
 * /dialogues/requests — what makes a dialogue due and who receives its conclusion (issue 14):
 *  - requests: a voters' petition (verified voters who signed / the commune's voter roll; ≥ 10 % [V*] makes the
 *    dialogue due) or a youth organisation's request (decided within 45 days [V]); record, then decide;
 *  - the village (thôn) and residential-group (tổ dân phố) heads the conclusion is sent to (in-app notice, e-mail).
 * Plain labelled inputs; every error is the server's message, field by field.
 */
import { useState } from 'react';
import { Button, Card, Input, Space, Table, Tag, Typography } from 'antd';
import { apiFetch, useApi } from '../../http.ts';
import { useCurrentAgency } from '../agencies/current-agency.tsx';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { Link } from '../../ui/router.tsx';
import { formatDate, formatPercent, todayInVietnam } from '../../ui/format.ts';
import { useDT } from './i18n.ts';
import type { DialogueRequest as RequestRow, VillageHead as HeadRow } from './api.ts';

const label = (id: string, text: string) => (
  <label htmlFor={id} style={{ display: 'block', fontWeight: 600, margin: '8px 0 4px' }}>
    {text}
  </label>
);
const nativeStyle = { width: '100%', minHeight: 32, padding: '4px 8px', border: '1px solid #8c8c8c', borderRadius: 6, font: 'inherit', background: '#fff' } as const;

export default function DialogueRequestsPage() {
  const { dt } = useDT();
  const { agency } = useCurrentAgency();
  const requests = useApi<{ items: RequestRow[] }>(agency ? `/dialogue-requests?agency=${agency.code}` : null);
  const heads = useApi<{ items: HeadRow[] }>(agency ? `/dialogue-village-heads?agency=${agency.code}` : null);
  const [req, setReq] = useState({ kind: 'commune-yearly', requestedOn: todayInVietnam(), requester: '', signatures: '', votersOnRoll: '' });
  const [head, setHead] = useState({ village: '', villageKind: 'thon', headName: '', email: '', username: '' });
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const run = async (fn: () => Promise<unknown>, then: () => void) => {
    setBusy(true);
    setError(null);
    try {
      await fn();
      then();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const voters = req.kind === 'commune-yearly';
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="large">
      <Typography.Title level={1}>{dt('requestsTitle')}</Typography.Title>
      <Link to="/dialogues">{dt('backToDialogues')}</Link>
      <ErrorAlert error={error} testId="req-error" />
      <Card title={<h2 style={{ margin: 0, fontSize: 18 }}>{dt('requests')}</h2>}>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void run(
              () =>
                apiFetch('POST', '/dialogue-requests', {
                  body: { agency: agency?.code, kind: req.kind, requestedOn: req.requestedOn, requester: req.requester, ...(voters ? { signatures: Number(req.signatures), votersOnRoll: Number(req.votersOnRoll) } : {}) },
                }),
              requests.reload,
            );
          }}
        >
          {label('req-kind', dt('kind'))}
          <select id="req-kind" style={nativeStyle} value={req.kind} onChange={(e) => setReq({ ...req, kind: e.target.value })}>
            <option value="commune-yearly">{dt('requestVoters')}</option>
            <option value="youth">{dt('requestYouth')}</option>
          </select>
          {label('req-date', dt('requestedOn'))}
          <Input id="req-date" type="date" value={req.requestedOn} onChange={(e) => setReq({ ...req, requestedOn: e.target.value })} />
          {label('req-who', dt('requester'))}
          <Input id="req-who" value={req.requester} onChange={(e) => setReq({ ...req, requester: e.target.value })} />
          {voters ? (
            <>
              {label('req-signatures', dt('signatures'))}
              <Input id="req-signatures" type="number" min={0} value={req.signatures} onChange={(e) => setReq({ ...req, signatures: e.target.value })} />
              {label('req-roll', dt('votersOnRoll'))}
              <Input id="req-roll" type="number" min={1} value={req.votersOnRoll} onChange={(e) => setReq({ ...req, votersOnRoll: e.target.value })} />
            </>
          ) : null}
          <div style={{ marginTop: 12 }}>
            <Button type="primary" htmlType="submit" loading={busy} data-testid="req-create">
              {dt('recordRequest')}
            </Button>
          </div>
        </form>
        <Table<RequestRow>
          style={{ marginTop: 16 }}
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={requests.data?.items ?? []}
          locale={{ emptyText: dt('none') }}
          columns={[
            { title: dt('requester'), key: 'r', render: (_: unknown, r) => `${r.code} — ${r.requester} (${formatDate(r.requestedOn)})` },
            {
              title: dt('status'),
              key: 's',
              render: (_: unknown, r) =>
                r.thresholdPercent !== null ? (
                  <Tag color={r.triggered ? 'orange' : undefined}>{`${r.signatures}/${r.votersOnRoll} (${formatPercent(r.share ?? 0)}) — ${r.triggered ? dt('triggered') : dt('notTriggered')}`}</Tag>
                ) : r.decidedOn ? (
                  <Tag color={r.decisionLate ? 'red' : 'green'}>{`${r.decision === 'accepted' ? dt('accepted') : dt('refused')} ${formatDate(r.decidedOn)}`}</Tag>
                ) : (
                  <Space>
                    <Tag color={r.decisionOverdue ? 'red' : undefined}>{`${dt('decideBy')} ${formatDate(r.decisionDueOn ?? '')}`}</Tag>
                    <Button size="small" onClick={() => void run(() => apiFetch('POST', `/dialogue-requests/${r.id}/decision`, { body: { decision: 'accepted' } }), requests.reload)}>
                      {dt('accept')}
                    </Button>
                  </Space>
                ),
            },
          ]}
        />
      </Card>
      <Card title={<h2 style={{ margin: 0, fontSize: 18 }}>{dt('villageHeads')}</h2>}>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void run(
              () =>
                apiFetch('PUT', '/dialogue-village-heads', {
                  body: { agency: agency?.code, village: head.village, villageKind: head.villageKind, headName: head.headName, ...(head.email ? { email: head.email } : {}), ...(head.username ? { username: head.username } : {}) },
                }),
              heads.reload,
            );
          }}
        >
          {label('vh-village', dt('village'))}
          <Input id="vh-village" value={head.village} onChange={(e) => setHead({ ...head, village: e.target.value })} />
          {label('vh-kind', dt('villageKind'))}
          <select id="vh-kind" style={nativeStyle} value={head.villageKind} onChange={(e) => setHead({ ...head, villageKind: e.target.value })}>
            <option value="thon">{dt('thon')}</option>
            <option value="to-dan-pho">{dt('toDanPho')}</option>
          </select>
          {label('vh-name', dt('headName'))}
          <Input id="vh-name" value={head.headName} onChange={(e) => setHead({ ...head, headName: e.target.value })} />
          {label('vh-email', dt('headEmail'))}
          <Input id="vh-email" type="email" value={head.email} onChange={(e) => setHead({ ...head, email: e.target.value })} />
          {label('vh-user', dt('headAccount'))}
          <Input id="vh-user" value={head.username} onChange={(e) => setHead({ ...head, username: e.target.value })} />
          <div style={{ marginTop: 12 }}>
            <Button type="primary" htmlType="submit" loading={busy} data-testid="vh-save">
              {dt('saveHead')}
            </Button>
          </div>
        </form>
        <Table<HeadRow>
          style={{ marginTop: 16 }}
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={heads.data?.items ?? []}
          locale={{ emptyText: dt('none') }}
          columns={[
            { title: dt('village'), key: 'v', render: (_: unknown, h) => h.village },
            { title: dt('headName'), key: 'n', render: (_: unknown, h) => `${h.villageKindLabel}: ${h.headName}` },
            { title: dt('headEmail'), key: 'e', render: (_: unknown, h) => [h.email, h.username ? `@${h.username}` : null].filter(Boolean).join(' · ') || '—' },
          ]}
        />
      </Card>
    </Space>
  );
}
