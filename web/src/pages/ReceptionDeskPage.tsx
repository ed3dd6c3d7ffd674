/**
 * Today's reception desk: open (or resume) today's regular session of the current agency, the day's bookings
 * (arrived / no-show, or receive the citizen straight into a visit), and the visits recorded in the session.
 */
import { useMemo, useState } from 'react';
import type { HTMLAttributes } from 'react';
import { Button, Card, Descriptions, Empty, Popconfirm, Radio, Skeleton, Space, Table, Tag, Typography, message } from 'antd';
import type { TableColumnsType } from 'antd';
import { useApi } from '../http.ts';
import { useCurrentAgency } from '../modules/agencies/current-agency.tsx';
import { kindLabel } from '../modules/cases/labels.ts';
import { bookingsPath, closeSession, openRegularSession, receiptUrl, sessionVisitsPath, sessionsPath, setBookingStatus } from '../modules/reception/api.ts';
import type { Booking, ReceptionSession, Visit, VisitPage } from '../modules/reception/api.ts';
import { pathWithParams, useHashParam } from '../modules/reception/hash-query.ts';
import { codeLabel, useRT } from '../modules/reception/i18n.ts';
import { ReceptionNav, useWorksDesk } from '../modules/reception/ReceptionNav.tsx';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { formatCount, formatDate, todayInVietnam } from '../ui/format.ts';
import { Link, href, navigate } from '../ui/router.tsx';

const STATUS_COLORS: Record<string, string> = { scheduled: 'green', closed: 'default', cancelled: 'red' };
const BOOKING_COLORS: Record<string, string> = { booked: 'blue', arrived: 'green', 'no-show': 'orange', cancelled: 'default' };
const OUTCOME_COLORS: Record<string, string> = { 'petition-received': 'blue', guided: 'cyan', forwarded: 'purple', refused: 'red' };

/** The session the desk shows: the one in the URL, else today's open regular one, else any open one, else the last. */
function pickSession(items: ReceptionSession[], wanted: string | null): ReceptionSession | null {
  return (
    items.find((s) => s.id === wanted) ??
    items.find((s) => s.kind === 'regular' && s.status === 'scheduled') ??
    items.find((s) => s.status === 'scheduled') ??
    items[items.length - 1] ??
    null
  );
}

type Notify = (text: string) => void;

function SessionCard({ session, desk, onChanged, notify }: { session: ReceptionSession; desk: boolean; onChanged: () => void; notify: Notify }) {
  const { rt } = useRT();
  const [error, setError] = useState<unknown>(null);
  const [closing, setClosing] = useState(false);
  const open = session.status === 'scheduled';
  const holder = session.delegatedTo?.name ?? null;
  const host = session.host?.name ?? session.host?.title ?? null;
  const time = session.startTime ? `${session.startTime}${session.endTime ? `–${session.endTime}` : ''}` : null;

  const close = async () => {
    setClosing(true);
    setError(null);
    try {
      await closeSession(session.id);
      notify(rt('rc.desk.closeDone'));
      onChanged();
    } catch (err) {
      setError(err);
    } finally {
      setClosing(false);
    }
  };

  return (
    <Card
      data-testid="rc-session"
      data-session-id={session.id}
      data-status={session.status}
      title={
        <Space wrap>
          <h2 style={{ fontSize: 16, margin: 0 }}>{codeLabel(rt, 'rc.kind', session.kind, session.kindLabel)}</h2>
          <Tag color={STATUS_COLORS[session.status]} data-testid="rc-session-status">
            {codeLabel(rt, 'rc.status', session.status, session.statusLabel)}
          </Tag>
        </Space>
      }
      extra={
        desk && open ? (
          <Space wrap>
            <Button type="primary" href={href(`/reception/sessions/${session.id}/visit`)} data-testid="rc-record-visit">
              {rt('rc.desk.record')}
            </Button>
            <Popconfirm title={rt('rc.desk.closeTitle')} description={rt('rc.desk.closeBody')} onConfirm={close} okText={rt('rc.desk.close')} cancelText={rt('common.cancel')}>
              <Button loading={closing} data-testid="rc-close-session">
                {rt('rc.desk.close')}
              </Button>
            </Popconfirm>
          </Space>
        ) : undefined
      }
    >
      {error !== null && <ErrorAlert error={error} />}
      <Descriptions size="small" column={{ xs: 1, md: 2 }}>
        <Descriptions.Item label={rt('rc.visit.session')}>{formatDate(session.heldOn)}</Descriptions.Item>
        <Descriptions.Item label={rt('rc.desk.figures')}>
          <span data-testid="rc-session-counts">
            {rt('rc.desk.counts', { visits: formatCount(session.visits), people: formatCount(session.people), bookings: formatCount(session.bookings) })}
          </span>
        </Descriptions.Item>
        {host && <Descriptions.Item>{rt('rc.desk.host', { name: host })}</Descriptions.Item>}
        {holder && <Descriptions.Item>{rt('rc.desk.deputy', { name: holder })}</Descriptions.Item>}
        {time && <Descriptions.Item>{rt('rc.desk.time', { time })}</Descriptions.Item>}
        {session.location && <Descriptions.Item>{rt('rc.desk.location', { location: session.location })}</Descriptions.Item>}
      </Descriptions>
      {!open && <Typography.Text type="secondary">{rt('rc.desk.closedNote')}</Typography.Text>}
    </Card>
  );
}

function Bookings({ session, desk, onChanged, notify }: { session: ReceptionSession; desk: boolean; onChanged: () => void; notify: Notify }) {
  const { rt } = useRT();
  const { data, error, loading, reload } = useApi<{ items: Booking[] }>(bookingsPath(session.id));
  const [busy, setBusy] = useState<string | null>(null);
  const [actionError, setActionError] = useState<unknown>(null);
  const open = session.status === 'scheduled';

  const mark = async (b: Booking, status: 'arrived' | 'no-show') => {
    setBusy(b.id);
    setActionError(null);
    try {
      await setBookingStatus(b.id, status);
      notify(rt('rc.bookings.updated', { queue: b.queueNumber }));
      reload();
      onChanged();
    } catch (err) {
      setActionError(err);
    } finally {
      setBusy(null);
    }
  };

  const columns: TableColumnsType<Booking> = [
    { title: rt('rc.bookings.queue'), dataIndex: 'queueNumber', width: 90, align: 'right' },
    { title: rt('rc.bookings.code'), dataIndex: 'code', width: 140 },
    { title: rt('rc.bookings.name'), dataIndex: 'name' },
    { title: rt('rc.bookings.phone'), dataIndex: 'phone', width: 140 },
    { title: rt('rc.bookings.content'), dataIndex: 'content', ellipsis: true },
    {
      title: rt('rc.bookings.status'),
      dataIndex: 'status',
      width: 120,
      render: (_: unknown, b) => (
        <Tag color={BOOKING_COLORS[b.status]} data-testid="rc-booking-status">
          {codeLabel(rt, 'rc.booking', b.status, b.statusLabel)}
        </Tag>
      ),
    },
    ...(desk && open
      ? [
          {
            title: rt('rc.bookings.actions'),
            key: 'actions',
            width: 250,
            render: (_: unknown, b: Booking) =>
              b.status === 'booked' || b.status === 'no-show' ? (
                <Space wrap size={4}>
                  <Button size="small" type="primary" href={href(pathWithParams(`/reception/sessions/${session.id}/visit`, { booking: b.id }))} data-testid="rc-booking-receive">
                    {rt('rc.bookings.receive')}
                  </Button>
                  {b.status === 'booked' && (
                    <>
                      <Button size="small" loading={busy === b.id} onClick={() => void mark(b, 'arrived')} data-testid="rc-booking-arrived">
                        {rt('rc.bookings.arrived')}
                      </Button>
                      <Button size="small" danger loading={busy === b.id} onClick={() => void mark(b, 'no-show')} data-testid="rc-booking-no-show">
                        {rt('rc.bookings.noShow')}
                      </Button>
                    </>
                  )}
                </Space>
              ) : null,
          },
        ]
      : []),
  ];

  return (
    <Card style={{ marginTop: 16 }} title={<h2 style={{ fontSize: 16, margin: 0 }}>{rt('rc.bookings.title')}</h2>} data-testid="rc-bookings">
      {error !== null && <ErrorAlert error={error} onRetry={reload} />}
      {actionError !== null && <ErrorAlert error={actionError} />}
      <Table<Booking>
        size="small"
        rowKey="id"
        loading={loading}
        columns={columns}
        dataSource={data?.items ?? []}
        pagination={false}
        onRow={(b) => ({ 'data-testid': 'rc-booking-row', 'data-booking-code': b.code }) as HTMLAttributes<HTMLElement>}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={rt('rc.bookings.empty')} /> }}
        scroll={{ x: 900 }}
      />
    </Card>
  );
}

function Visits({ session }: { session: ReceptionSession }) {
  const { rt } = useRT();
  const { data, error, loading, reload } = useApi<VisitPage>(sessionVisitsPath(session.id));
  const items = useMemo(() => [...(data?.items ?? [])].reverse(), [data]);
  const people = items.reduce((n, v) => n + v.peopleCount, 0);

  const columns: TableColumnsType<Visit> = [
    { title: rt('rc.visits.no'), key: 'no', width: 60, align: 'right', render: (_: unknown, _v, i) => i + 1 },
    {
      title: rt('rc.visits.citizen'),
      key: 'citizen',
      render: (_: unknown, v) =>
        v.kind === 'denunciation' ? <Typography.Text type="secondary">{rt('rc.visits.sealed')}</Typography.Text> : (v.citizenName ?? ''),
    },
    { title: rt('rc.visits.type'), dataIndex: 'kind', width: 150, render: (_: unknown, v) => kindLabel(rt, v.kind) },
    { title: rt('rc.visits.content'), dataIndex: 'content', ellipsis: true },
    {
      title: rt('rc.visits.people'),
      dataIndex: 'peopleCount',
      width: 130,
      render: (_: unknown, v) => (
        <Space size={4} wrap>
          <span>{formatCount(v.peopleCount)}</span>
          {v.isDelegation && <Tag color="magenta">{rt('rc.visits.delegation')}</Tag>}
        </Space>
      ),
    },
    {
      title: rt('rc.visits.outcome'),
      dataIndex: 'outcome',
      render: (_: unknown, v) => (
        <Space size={4} wrap>
          <Tag color={OUTCOME_COLORS[v.outcome]}>{codeLabel(rt, 'rc.outcome', v.outcome, v.outcomeLabel)}</Tag>
          <Tag>{v.isRepeat ? rt('rc.visits.repeat') : rt('rc.visits.first')}</Tag>
        </Space>
      ),
    },
    {
      title: rt('rc.visits.case'),
      key: 'case',
      width: 170,
      render: (_: unknown, v) =>
        v.caseId && v.caseCode ? (
          <Link to={`/cases/${v.caseId}`} data-testid="rc-visit-case">
            {v.caseCode}
          </Link>
        ) : null,
    },
    {
      title: rt('rc.visits.receipt'),
      key: 'receipt',
      width: 130,
      render: (_: unknown, v) => (
        <Button size="small" href={receiptUrl(v.id)} target="_blank" rel="noopener" data-testid="rc-visit-receipt">
          {rt('rc.visits.print')}
        </Button>
      ),
    },
  ];

  return (
    <Card
      style={{ marginTop: 16 }}
      title={<h2 style={{ fontSize: 16, margin: 0 }}>{rt('rc.visits.title')}</h2>}
      extra={data ? <span data-testid="rc-visits-total">{rt('rc.visits.total', { visits: formatCount(items.length), people: formatCount(people) })}</span> : undefined}
      data-testid="rc-visits"
    >
      {error !== null && <ErrorAlert error={error} onRetry={reload} />}
      <Table<Visit>
        size="small"
        rowKey="id"
        loading={loading}
        columns={columns}
        dataSource={items}
        pagination={false}
        onRow={(v) => ({ 'data-testid': 'rc-visit-row', 'data-case-code': v.caseCode ?? '' }) as HTMLAttributes<HTMLElement>}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={rt('rc.visits.empty')} /> }}
        scroll={{ x: 1000 }}
      />
    </Card>
  );
}

export default function ReceptionDeskPage() {
  const { rt } = useRT();
  const [messages, messageHolder] = message.useMessage();
  const notify: Notify = (text) => void messages.success(text);
  const { agency } = useCurrentAgency();
  const desk = useWorksDesk();
  const today = todayInVietnam();
  const wanted = useHashParam('session');
  const sessions = useApi<{ items: ReceptionSession[] }>(agency ? sessionsPath(agency.code, today, today) : null);
  const [opening, setOpening] = useState(false);
  const [openError, setOpenError] = useState<unknown>(null);
  const [tick, setTick] = useState(0);

  const items = sessions.data?.items ?? [];
  const session = pickSession(items, wanted);
  const openRegular = items.some((s) => s.kind === 'regular' && s.status === 'scheduled');

  const refresh = () => {
    sessions.reload();
    setTick((n) => n + 1);
  };

  const open = async () => {
    if (!agency) return;
    setOpening(true);
    setOpenError(null);
    try {
      const r = await openRegularSession(agency.code);
      notify(rt(r.created ? 'rc.desk.opened' : 'rc.desk.resumed'));
      navigate(pathWithParams('/reception', { session: r.session.id }), { replace: true });
      sessions.reload();
    } catch (err) {
      setOpenError(err);
    } finally {
      setOpening(false);
    }
  };

  return (
    <section>
      {messageHolder}
      <ReceptionNav current="/reception" />
      <Typography.Title level={1}>{rt('rc.desk.title')}</Typography.Title>
      <Typography.Paragraph type="secondary" data-testid="rc-desk-today">
        {rt('rc.desk.today', { agency: agency?.name ?? '', date: formatDate(today) })}
      </Typography.Paragraph>
      {!desk && <Typography.Paragraph type="warning">{rt('rc.desk.viewOnly')}</Typography.Paragraph>}
      {sessions.error !== null && <ErrorAlert error={sessions.error} onRetry={sessions.reload} />}
      {openError !== null && <ErrorAlert error={openError} />}
      {!sessions.data && !sessions.error && <Skeleton active />}
      {sessions.data && (
        <div aria-busy={sessions.loading} data-testid="rc-desk">
          {items.length === 0 && (
            <Card>
              <Empty description={<span data-testid="rc-no-session">{rt('rc.desk.noSession')}</span>}>
                <Typography.Paragraph type="secondary">{rt('rc.desk.noSessionHelp')}</Typography.Paragraph>
                {desk && (
                  <Button type="primary" size="large" loading={opening} onClick={() => void open()} data-testid="rc-open-session">
                    {rt('rc.desk.open')}
                  </Button>
                )}
              </Empty>
            </Card>
          )}
          {items.length > 1 && (
            <Space wrap style={{ marginBottom: 12 }} align="center">
              <Typography.Text id="rc-session-choice">{rt('rc.desk.sessions')}:</Typography.Text>
              <Radio.Group
                aria-labelledby="rc-session-choice"
                value={session?.id}
                optionType="button"
                onChange={(e) => navigate(pathWithParams('/reception', { session: String(e.target.value) }), { replace: true })}
                options={items.map((s) => ({
                  value: s.id,
                  label: `${codeLabel(rt, 'rc.kind', s.kind, s.kindLabel)}${s.startTime ? ` ${s.startTime}` : ''} · ${codeLabel(rt, 'rc.status', s.status, s.statusLabel)}`,
                }))}
                data-testid="rc-session-choice"
              />
            </Space>
          )}
          {items.length > 0 && !openRegular && desk && (
            <div style={{ marginBottom: 12 }}>
              <Button loading={opening} onClick={() => void open()} data-testid="rc-open-session">
                {rt('rc.desk.openAnother')}
              </Button>
            </div>
          )}
          {session && (
            <div key={`${session.id}:${tick}`}>
              <SessionCard session={session} desk={desk} onChanged={refresh} notify={notify} />
              <Bookings session={session} desk={desk} onChanged={sessions.reload} notify={notify} />
              <Visits session={session} />
            </div>
          )}
        </div>
      )}
    </section>
  );
}
