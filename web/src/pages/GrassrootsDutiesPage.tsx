/**
 * The commune's grassroots duties beyond a single vote, for commune staff: citizens' initiatives (consents valid 3
 * months), the inspection board's recommendations (15 days), the legal-clock timelines (village-head election and
 * dismissal, village rules), the publication register with its quarterly list, the year-end conferences, the Art. 25
 * consultations and the report rolled up. Legal defaults are labelled as such.
 */
import { useState } from 'react';
import { Button, Card, Form, Input, InputNumber, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import { apiFetch, useApi } from '../http.ts';
import { useCurrentAgency } from '../modules/agencies/current-agency.tsx';
import { useGT, type GT } from '../modules/grassroots/i18n.ts';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { Link } from '../ui/router.tsx';
import { formatCount, formatDate, todayInVietnam } from '../ui/format.ts';
import type { Ok } from '../api/types.ts';
import type { Conference, GrassrootsReport, Initiative, PublicationList, Recommendation } from '../modules/grassroots/api.ts';

type PublicationRow = PublicationList['items'][number];
type ReportRow = GrassrootsReport['total'];

const codesOf = (s: string) => s.split(/[\s,;]+/).map((x) => x.trim()).filter(Boolean);

function useAct(reload: () => void) {
  const [err, setErr] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const act = async (method: 'POST', path: string, body: unknown) => {
    setErr(null);
    setBusy(true);
    try {
      await apiFetch(method, path, { body });
      reload();
      return true;
    } catch (e) {
      setErr(e);
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { err, busy, act };
}


function Initiatives({ code, gt }: { code: string; gt: GT }) {
  const list = useApi<{ items: Initiative[] }>(`/grassroots/initiatives?agency=${code}`);
  const { err, busy, act } = useAct(list.reload);
  const [sign, setSign] = useState<Record<string, string>>({});
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Paragraph type="secondary">{gt('gr.ini.rule')}</Typography.Paragraph>
      <ErrorAlert error={err ?? list.error} />
      <Table
        size="small"
        rowKey="id"
        dataSource={list.data?.items ?? []}
        pagination={false}
        columns={[
          { title: gt('gr.matterTitle'), dataIndex: 'title' },
          { title: gt('gr.community'), render: (_: unknown, r: Initiative) => r.community.name },
          { title: gt('gr.ini.signatures'), render: (_: unknown, r: Initiative) => `${r.standing.validSignatures}/${r.standing.households} (${gt('gr.needed')} ${r.standing.needed})` },
          { title: gt('gr.ini.lapses'), render: (_: unknown, r: Initiative) => (r.standing.lapsesOn ? formatDate(r.standing.lapsesOn) : '—') },
          { title: gt('gr.ini.stands'), render: (_: unknown, r: Initiative) => <Tag color={r.standing.stands ? 'green' : 'default'}>{r.standing.stands ? '✓' : '—'}{r.standing.frontAgreed ? ` · ${gt('gr.ini.front')}` : ''}</Tag> },
          {
            title: gt('gr.ini.sign'),
            render: (_: unknown, r: Initiative) =>
              r.matterId ? (
                <Link to={`/grassroots/matters/${r.matterId}`}>→</Link>
              ) : (
                <Space>
                  <Input size="small" value={sign[r.id] ?? ''} onChange={(e) => setSign({ ...sign, [r.id]: e.target.value })} style={{ width: 180 }} />
                  <Button size="small" loading={busy} onClick={() => void act('POST', `/grassroots/initiatives/${r.id}/signatures`, { households: codesOf(sign[r.id] ?? ''), signedOn: todayInVietnam() })}>
                    {gt('gr.save')}
                  </Button>
                  {!r.standing.stands && (
                    <Button size="small" onClick={() => void act('POST', `/grassroots/initiatives/${r.id}/front-agreement`, { on: todayInVietnam() })}>
                      {gt('gr.ini.front')}
                    </Button>
                  )}
                </Space>
              ),
          },
        ]}
      />
      <Card size="small" title={gt('gr.ini.new')}>
        <Form layout="inline" onFinish={(v: { community: string; title: string; content: string; item: number }) => void act('POST', '/grassroots/initiatives', { agency: code, ...v })}>
          <Form.Item name="community" rules={[{ required: true }]}>
            <Input placeholder={gt('gr.community')} style={{ width: 120 }} />
          </Form.Item>
          <Form.Item name="item" initialValue={6}>
            <InputNumber min={1} max={6} />
          </Form.Item>
          <Form.Item name="title" rules={[{ required: true }]}>
            <Input placeholder={gt('gr.matterTitle')} />
          </Form.Item>
          <Form.Item name="content" rules={[{ required: true }]}>
            <Input placeholder={gt('gr.content')} />
          </Form.Item>
          <Button htmlType="submit" loading={busy}>
            {gt('gr.save')}
          </Button>
        </Form>
      </Card>
    </Space>
  );
}


function Recommendations({ code, gt }: { code: string; gt: GT }) {
  const list = useApi<{ items: Recommendation[] }>(`/grassroots/recommendations?agency=${code}`);
  const { err, busy, act } = useAct(list.reload);
  const [answers, setAnswers] = useState<Record<string, string>>({});
  const color: Record<string, string> = { overdue: 'red', open: 'blue', 'answered-on-time': 'green', 'answered-late': 'orange' };
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Paragraph type="secondary">{gt('gr.rec.rule')}</Typography.Paragraph>
      <ErrorAlert error={err ?? list.error} />
      <Table
        size="small"
        rowKey="id"
        dataSource={list.data?.items ?? []}
        pagination={false}
        columns={[
          { title: gt('gr.rec.board'), dataIndex: 'boardLabel' },
          { title: gt('gr.rec.content'), dataIndex: 'content' },
          { title: gt('gr.rec.receivedOn'), dataIndex: 'receivedOn', render: (d: string) => formatDate(d) },
          { title: gt('gr.due'), dataIndex: 'dueOn', render: (d: string) => formatDate(d) },
          { title: gt('gr.rec.state'), dataIndex: 'state', render: (s: string) => <Tag color={color[s]}>{gt(`gr.rec.state.${s}`)}</Tag> },
          {
            title: gt('gr.rec.answer'),
            render: (_: unknown, r: Recommendation) =>
              r.answeredOn ? (
                formatDate(r.answeredOn)
              ) : (
                <Space>
                  <Input size="small" value={answers[r.id] ?? ''} onChange={(e) => setAnswers({ ...answers, [r.id]: e.target.value })} />
                  <Button size="small" loading={busy} disabled={!answers[r.id]?.trim()} onClick={() => void act('POST', `/grassroots/recommendations/${r.id}/answer`, { answer: answers[r.id], on: todayInVietnam() })}>
                    {gt('gr.rec.answer')}
                  </Button>
                </Space>
              ),
          },
        ]}
      />
      <Card size="small" title={gt('gr.rec.new')}>
        <Form layout="inline" initialValues={{ board: 'inspection', receivedOn: todayInVietnam() }} onFinish={(v: { board: string; content: string; receivedOn: string }) => void act('POST', '/grassroots/recommendations', { agency: code, ...v })}>
          <Form.Item name="board">
            <Select style={{ width: 260 }} options={[{ value: 'inspection', label: 'Ban Thanh tra nhân dân' }, { value: 'investment', label: 'Ban Giám sát đầu tư của cộng đồng' }]} />
          </Form.Item>
          <Form.Item name="content" rules={[{ required: true }]}>
            <Input placeholder={gt('gr.rec.content')} style={{ width: 320 }} />
          </Form.Item>
          <Form.Item name="receivedOn">
            <Input type="date" />
          </Form.Item>
          <Button htmlType="submit" loading={busy}>
            {gt('gr.save')}
          </Button>
        </Form>
      </Card>
    </Space>
  );
}

function BoardPlans({ code, gt }: { code: string; gt: GT }) {
  const list = useApi<Ok<'listBoardPlans'>>(`/grassroots/board-plans?agency=${code}`);
  const { err, busy, act } = useAct(list.reload);
  return (
    <Card size="small" title={gt('gr.bp.title')}>
      <Typography.Paragraph type="secondary">{gt('gr.bp.rule')}</Typography.Paragraph>
      <ErrorAlert error={err ?? list.error} />
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={list.data?.items ?? []}
        columns={[
          { title: gt('gr.rec.board'), dataIndex: 'board', render: (b: string) => (b === 'inspection' ? 'Ban Thanh tra nhân dân' : 'Ban Giám sát đầu tư của cộng đồng') },
          { title: gt('gr.content'), dataIndex: 'subject' },
          { title: gt('gr.bp.sentOn'), dataIndex: 'sentOn', render: (d: string) => formatDate(d) },
          { title: gt('gr.bp.startsOn'), dataIndex: 'startsOn', render: (d: string) => formatDate(d) },
        ]}
      />
      <Form layout="inline" style={{ marginTop: 8 }} initialValues={{ board: 'inspection', sentOn: todayInVietnam() }} onFinish={(v: { board: string; subject: string; sentOn: string; startsOn: string }) => void act('POST', '/grassroots/board-plans', { agency: code, ...v })}>
        <Form.Item name="board">
          <Select style={{ width: 260 }} options={[{ value: 'inspection', label: 'Ban Thanh tra nhân dân' }, { value: 'investment', label: 'Ban Giám sát đầu tư của cộng đồng' }]} />
        </Form.Item>
        <Form.Item name="subject" rules={[{ required: true }]}>
          <Input placeholder={gt('gr.content')} />
        </Form.Item>
        <Form.Item name="sentOn" label={gt('gr.bp.sentOn')}>
          <Input type="date" />
        </Form.Item>
        <Form.Item name="startsOn" label={gt('gr.bp.startsOn')} rules={[{ required: true }]}>
          <Input type="date" />
        </Form.Item>
        <Button htmlType="submit" loading={busy}>
          {gt('gr.save')}
        </Button>
      </Form>
    </Card>
  );
}

function Timelines({ gt }: { gt: GT }) {
  const [q, setQ] = useState<{ kind: string; on: string } | null>(null);
  const [kind, setKind] = useState('village-head-election');
  const [on, setOn] = useState(todayInVietnam());
  const t = useApi<Ok<'getGrassrootsTimeline'>>(q ? `/grassroots/timelines?kind=${q.kind}&on=${q.on}` : null);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Select value={kind} onChange={setKind} style={{ width: 380 }} options={['village-head-election', 'village-head-dismissal', 'village-rules'].map((k) => ({ value: k, label: gt(`gr.tl.${k}`) }))} aria-label={gt('gr.tl.kind')} />
        <Input type="date" value={on} onChange={(e) => setOn(e.target.value)} aria-label={gt('gr.tl.on')} />
        <Button onClick={() => setQ({ kind, on })}>{gt('gr.tl.show')}</Button>
      </Space>
      <ErrorAlert error={t.error} />
      <Table
        size="small"
        rowKey="key"
        pagination={false}
        dataSource={t.data?.steps ?? []}
        columns={[
          { title: gt('gr.tl.step'), dataIndex: 'label' },
          { title: gt('gr.tl.by'), dataIndex: 'by', render: (d: string) => formatDate(d) },
          { title: gt('gr.tl.state'), dataIndex: 'state', render: (s: string) => <Tag color={s === 'overdue' ? 'red' : s === 'due-today' ? 'orange' : 'blue'}>{s}</Tag> },
          { title: '', dataIndex: 'citation', render: (c: string) => <Typography.Text type="secondary">{c}</Typography.Text> },
        ]}
      />
    </Space>
  );
}


function Publications({ code, gt }: { code: string; gt: GT }) {
  const today = todayInVietnam();
  const [quarter, setQuarter] = useState(`${today.slice(0, 4)}-Q${Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1}`);
  const list = useApi<PublicationList>(`/grassroots/publications?agency=${code}&quarter=${quarter}`);
  const { err, busy, act } = useAct(list.reload);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Paragraph type="secondary">{gt('gr.pub.rule')}</Typography.Paragraph>
      <Space>
        <span>{gt('gr.pub.quarter')}</span>
        <Input value={quarter} onChange={(e) => setQuarter(e.target.value)} style={{ width: 120 }} />
      </Space>
      <ErrorAlert error={err ?? list.error} />
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={list.data?.items ?? []}
        columns={[
          { title: gt('gr.pub.category'), dataIndex: 'item' },
          { title: gt('gr.matterTitle'), dataIndex: 'title' },
          { title: gt('gr.pub.posted'), render: (_: unknown, r: PublicationRow) => `${formatDate(r.postedOn)} → ${r.postedUntil ? formatDate(r.postedUntil) : '…'}` },
          {
            title: gt('gr.pub.checks'),
            render: (_: unknown, r: PublicationRow) => (
              <Space wrap>
                {r.check.postedLate && <Tag color="red">{gt('gr.pub.late', { date: formatDate(r.check.dueOn) })}</Tag>}
                {r.check.postedTooShort && <Tag color="red">{gt('gr.pub.short', { days: r.check.postedDays ?? 0 })}</Tag>}
                {r.check.loudspeakerShort && <Tag color="red">{gt('gr.pub.loud')}</Tag>}
                {!r.check.postedLate && !r.check.postedTooShort && !r.check.loudspeakerShort && <Tag color="green">{gt('gr.pub.ok')}</Tag>}
              </Space>
            ),
          },
        ]}
      />
      <Card size="small" title={gt('gr.pub.new')}>
        <Form
          layout="inline"
          initialValues={{ item: 1, decidedOn: today, postedOn: today }}
          onFinish={(v: { item: number; title: string; decidedOn: string; postedOn: string; postedUntil?: string; loudspeakerFrom?: string; loudspeakerTo?: string }) =>
            void act('POST', '/grassroots/publications', {
              agency: code,
              item: v.item,
              title: v.title,
              decidedOn: v.decidedOn,
              postedOn: v.postedOn,
              ...(v.postedUntil ? { postedUntil: v.postedUntil } : {}),
              ...(v.loudspeakerFrom && v.loudspeakerTo ? { loudspeakerFrom: v.loudspeakerFrom, loudspeakerTo: v.loudspeakerTo } : {}),
              channels: ['office'],
            })
          }
        >
          <Form.Item name="item">
            <InputNumber min={1} max={14} />
          </Form.Item>
          <Form.Item name="title" rules={[{ required: true }]}>
            <Input placeholder={gt('gr.matterTitle')} />
          </Form.Item>
          {(['decidedOn', 'postedOn', 'postedUntil', 'loudspeakerFrom', 'loudspeakerTo'] as const).map((k) => (
            <Form.Item key={k} name={k} label={k === 'decidedOn' ? gt('gr.plan.decidedOn') : k === 'postedOn' ? gt('gr.pub.posted') : k === 'postedUntil' ? '→' : k === 'loudspeakerFrom' ? '📢' : '→'}>
              <Input type="date" />
            </Form.Item>
          ))}
          <Button htmlType="submit" loading={busy}>
            {gt('gr.save')}
          </Button>
        </Form>
      </Card>
    </Space>
  );
}


function Conferences({ code, gt }: { code: string; gt: GT }) {
  const list = useApi<{ items: Conference[] }>(`/grassroots/conferences?agency=${code}`);
  const communities = useApi<{ items: { id: string; code: string; name: string }[] }>(`/grassroots/communities?agency=${code}`);
  const { err, busy, act } = useAct(list.reload);
  const today = todayInVietnam();
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Paragraph type="secondary">{gt('gr.conf.rule')}</Typography.Paragraph>
      <ErrorAlert error={err ?? list.error} />
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={list.data?.items ?? []}
        columns={[
          { title: gt('gr.community'), dataIndex: 'community' },
          { title: gt('gr.conf.year'), dataIndex: 'year' },
          { title: gt('gr.conf.heldOn'), dataIndex: 'heldOn', render: (d: string) => formatDate(d) },
          { title: gt('gr.conf.agenda'), render: (_: unknown, r: Conference) => `${r.agenda.filter((a) => a.done).length}/${r.agenda.length}` },
          {
            title: gt('gr.conf.sent'),
            render: (_: unknown, r: Conference) =>
              r.resultSentOn ? (
                formatDate(r.resultSentOn)
              ) : (
                <Button size="small" loading={busy} onClick={() => void act('POST', `/grassroots/conferences/${r.id}/result`, { agenda: r.agenda.map((a) => a.key), summary: r.community, sentOn: today })}>
                  {gt('gr.conf.sent')}
                </Button>
              ),
          },
        ]}
      />
      <Card size="small" title={gt('gr.conf.new')}>
        <Form layout="inline" initialValues={{ year: Number(today.slice(0, 4)), noticeOn: today }} onFinish={(v: { community: string; year: number; noticeOn: string; heldOn: string; place: string }) => void act('POST', `/grassroots/communities/${v.community}/conferences`, { year: v.year, noticeOn: v.noticeOn, heldOn: v.heldOn, place: v.place })}>
          <Form.Item name="community" rules={[{ required: true }]}>
            <Select style={{ width: 200 }} placeholder={gt('gr.community')} options={(communities.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))} />
          </Form.Item>
          <Form.Item name="year">
            <InputNumber min={2023} max={2100} />
          </Form.Item>
          <Form.Item name="noticeOn" label={gt('gr.notice.noticeOn')}>
            <Input type="date" />
          </Form.Item>
          <Form.Item name="heldOn" label={gt('gr.conf.heldOn')} rules={[{ required: true }]}>
            <Input type="date" />
          </Form.Item>
          <Form.Item name="place" rules={[{ required: true }]}>
            <Input placeholder={gt('gr.notice.place')} />
          </Form.Item>
          <Button htmlType="submit" loading={busy}>
            {gt('gr.save')}
          </Button>
        </Form>
      </Card>
    </Space>
  );
}

function Comments({ code, gt }: { code: string; gt: GT }) {
  const list = useApi<Ok<'listCommentMatters'>>(`/grassroots/comment-matters?agency=${code}`);
  const { err, busy, act } = useAct(list.reload);
  const level = list.data?.districtSuccessor.level === 'commune' ? 'cấp xã' : 'cấp tỉnh';
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Paragraph type="secondary">{gt('gr.cm.rule', { level })}</Typography.Paragraph>
      <ErrorAlert error={err ?? list.error} />
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={list.data?.items ?? []}
        columns={[
          { title: gt('gr.matterTitle'), dataIndex: 'title' },
          { title: gt('gr.cm.subject'), dataIndex: 'subject', render: (s: string) => list.data?.subjects.find((x) => x.key === s)?.label ?? s },
          { title: gt('gr.status'), dataIndex: 'status' },
          { title: gt('gr.due'), render: (_: unknown, r: { opensOn: string | null; closesOn: string | null }) => `${r.opensOn ? formatDate(r.opensOn) : '…'} → ${r.closesOn ? formatDate(r.closesOn) : '…'}` },
        ]}
      />
      <Card size="small" title={gt('gr.cm.open')}>
        <Form layout="inline" onFinish={(v: { subject: string; title: string; opensOn?: string; closesOn?: string }) => void act('POST', '/grassroots/comment-matters', { agency: code, subject: v.subject, title: v.title, ...(v.opensOn ? { opensOn: v.opensOn } : {}), ...(v.closesOn ? { closesOn: v.closesOn } : {}) })}>
          <Form.Item name="subject" rules={[{ required: true }]}>
            <Select style={{ width: 360 }} placeholder={gt('gr.cm.subject')} options={(list.data?.subjects ?? []).map((s) => ({ value: s.key, label: `${s.label}${s.mark === '[R]' ? ' [R]' : ''}` }))} />
          </Form.Item>
          <Form.Item name="title" rules={[{ required: true }]}>
            <Input placeholder={gt('gr.matterTitle')} />
          </Form.Item>
          <Form.Item name="opensOn">
            <Input type="date" />
          </Form.Item>
          <Form.Item name="closesOn">
            <Input type="date" />
          </Form.Item>
          <Button htmlType="submit" loading={busy}>
            {gt('gr.cm.open')}
          </Button>
        </Form>
      </Card>
    </Space>
  );
}


function Report({ code, gt }: { code: string; gt: GT }) {
  const today = todayInVietnam();
  const [range, setRange] = useState({ from: `${today.slice(0, 4)}-01-01`, to: today });
  const r = useApi<GrassrootsReport>(`/grassroots/report?agency=${code}&from=${range.from}&to=${range.to}`);
  const rows = r.data ? [...r.data.items, { ...r.data.total, agency: { code: '', name: gt('gr.rp.total') } }] : [];
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space>
        <Input type="date" value={range.from} onChange={(e) => setRange({ ...range, from: e.target.value })} aria-label={gt('gr.rp.from')} />
        <Input type="date" value={range.to} onChange={(e) => setRange({ ...range, to: e.target.value })} aria-label={gt('gr.rp.to')} />
      </Space>
      <ErrorAlert error={r.error} />
      <Table
        size="small"
        rowKey={(x) => x.agency.code || 'total'}
        pagination={false}
        dataSource={rows}
        columns={[
          { title: gt('gr.community'), render: (_: unknown, x: ReportRow) => x.agency.name },
          { title: gt('gr.rp.decided'), dataIndex: 'mattersDecided', render: (n: number) => formatCount(n) },
          { title: gt('gr.rp.passed'), dataIndex: 'passed', render: (n: number) => formatCount(n) },
          { title: gt('gr.rp.rate'), dataIndex: 'participationRate', render: (n: number | null) => (n === null ? '—' : `${Math.round(n * 1000) / 10}%`) },
          { title: gt('gr.rp.initiatives'), dataIndex: 'initiatives' },
          { title: gt('gr.rp.recognizedOnTime'), render: (_: unknown, x: ReportRow) => `${x.recognizedOnTime}/${x.decisionsRecognized}` },
          { title: gt('gr.rp.answeredOnTime'), render: (_: unknown, x: ReportRow) => `${x.answeredOnTime}/${x.recommendations}` },
        ]}
      />
    </Space>
  );
}

export default function GrassrootsDutiesPage() {
  const { gt } = useGT();
  const { agency } = useCurrentAgency();
  const code = agency?.code ?? '';
  if (!code) return null;
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Link to="/grassroots">{gt('gr.back')}</Link>
      <Typography.Title level={1} style={{ fontSize: 22 }}>
        {gt('gr.duties')}
      </Typography.Title>
      <Tabs
        items={[
          { key: 'initiatives', label: gt('gr.tab.initiatives'), children: <Initiatives code={code} gt={gt} /> },
          {
            key: 'recommendations',
            label: gt('gr.tab.recommendations'),
            children: (
              <Space direction="vertical" style={{ width: '100%' }}>
                <Recommendations code={code} gt={gt} />
                <BoardPlans code={code} gt={gt} />
              </Space>
            ),
          },
          { key: 'timelines', label: gt('gr.tab.timelines'), children: <Timelines gt={gt} /> },
          { key: 'publications', label: gt('gr.tab.publications'), children: <Publications code={code} gt={gt} /> },
          { key: 'conferences', label: gt('gr.tab.conferences'), children: <Conferences code={code} gt={gt} /> },
          { key: 'comments', label: gt('gr.tab.comments'), children: <Comments code={code} gt={gt} /> },
          { key: 'report', label: gt('gr.tab.report'), children: <Report code={code} gt={gt} /> },
        ]}
      />
    </Space>
  );
}
