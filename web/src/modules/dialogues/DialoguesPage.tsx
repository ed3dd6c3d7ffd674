/**
 * Staff pages of dialogues and commitments (issue 14): /dialogues (plan, list), /dialogues/:id (notice, sessions,
 * structured conclusion, its commitments), /commitments (the agency's commitments), /commitments/:id (update with
 * a photo, close with a public note). Plain labelled inputs (native date and select) so the pages work with a
 * keyboard and a screen reader; every error is the server's Vietnamese message, field by field.
 */
import { useState } from 'react';
import type { ReactNode } from 'react';
import { Alert, Button, Card, Descriptions, Input, Space, Table, Tag, Typography } from 'antd';
import { apiFetch, useApi } from '../../http.ts';
import { useCurrentAgency } from '../agencies/current-agency.tsx';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { Link, matchPath, navigate } from '../../ui/router.tsx';
import { formatDate, formatPercent, todayInVietnam } from '../../ui/format.ts';
import { useDT } from './i18n.ts';
import DialogueKindsPage from './DialogueKindsPage.tsx';
import DialogueRequestsPage from './DialogueRequestsPage.tsx';
import { DialogueExtras } from './DialogueExtras.tsx';
import type { Commitment, CommitmentDetail, CommitmentList, DialogueHead, DialogueKind, DialogueOut } from './api.ts';

function Field({ id, label, children }: { id: string; label: string; children: ReactNode }) {
  return (
    <div style={{ marginBottom: 12 }}>
      <label htmlFor={id} style={{ display: 'block', fontWeight: 600, marginBottom: 4 }}>
        {label}
      </label>
      {children}
    </div>
  );
}

const nativeStyle = { width: '100%', minHeight: 32, padding: '4px 8px', border: '1px solid #8c8c8c', borderRadius: 6, font: 'inherit', background: '#fff' } as const;

function useSubmit<T>() {
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const run = async (fn: () => Promise<T>, then: (r: T) => void) => {
    setBusy(true);
    setError(null);
    try {
      then(await fn());
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return { error, busy, run };
}

function DialogueList() {
  const { dt } = useDT();
  const { agency } = useCurrentAgency();
  const kinds = useApi<{ items: DialogueKind[] }>('/dialogue-kinds');
  const list = useApi<{ items: DialogueHead[] }>(agency ? `/dialogues?agency=${agency.code}` : null);
  const [form, setForm] = useState({ kind: 'commune-yearly', title: '', plannedOn: '', startTime: '', location: '' });
  const { error, busy, run } = useSubmit<DialogueOut>();
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value });
  const submit = () =>
    run(
      () =>
        apiFetch('POST', '/dialogues', {
          body: { agency: agency?.code, kind: form.kind, title: form.title, plannedOn: form.plannedOn, ...(form.startTime ? { startTime: form.startTime } : {}), ...(form.location ? { location: form.location } : {}) },
        }),
      (r) => navigate(`/dialogues/${r.dialogue.id}`),
    );
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="large">
      <Typography.Title level={1}>{dt('title')}</Typography.Title>
      <Space wrap>
        <Link to="/commitments">{dt('myCommitments')}</Link>
        <Link to="/dialogues/kinds">{dt('kindsLink')}</Link>
        <Link to="/dialogues/requests">{dt('requestsLink')}</Link>
        <a href="/doi-thoai">{dt('public')}</a>
      </Space>
      <Card title={<h2 style={{ margin: 0, fontSize: 18 }}>{dt('plan')}</h2>}>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <Field id="dlg-kind" label={dt('kind')}>
            <select id="dlg-kind" style={nativeStyle} value={form.kind} onChange={set('kind')}>
              {(kinds.data?.items ?? []).map((k) => (
                <option key={k.key} value={k.key}>
                  {k.label}
                </option>
              ))}
            </select>
          </Field>
          <Field id="dlg-title" label={dt('dlgTitle')}>
            <Input id="dlg-title" value={form.title} onChange={set('title')} />
          </Field>
          <Field id="dlg-date" label={dt('plannedOn')}>
            <Input id="dlg-date" type="date" value={form.plannedOn} onChange={set('plannedOn')} />
          </Field>
          <Field id="dlg-time" label={dt('startTime')}>
            <Input id="dlg-time" type="time" value={form.startTime} onChange={set('startTime')} />
          </Field>
          <Field id="dlg-location" label={dt('location')}>
            <Input id="dlg-location" value={form.location} onChange={set('location')} />
          </Field>
          <ErrorAlert error={error} />
          <Button type="primary" htmlType="submit" loading={busy} data-testid="dlg-create">
            {dt('create')}
          </Button>
        </form>
      </Card>
      <Card title={<h2 style={{ margin: 0, fontSize: 18 }}>{dt('list')}</h2>}>
        <ErrorAlert error={list.error} />
        <Table<DialogueHead>
          rowKey="id"
          dataSource={list.data?.items ?? []}
          loading={list.loading}
          pagination={false}
          locale={{ emptyText: dt('none') }}
          columns={[
            { title: dt('dlgTitle'), key: 't', render: (_: unknown, d) => <Link to={`/dialogues/${d.id}`}>{`${d.code} — ${d.title}`}</Link> },
            { title: dt('plannedOn'), key: 'd', render: (_: unknown, d) => formatDate(d.plannedOn) },
            { title: dt('status'), key: 's', render: (_: unknown, d) => <Tag>{d.statusLabel}</Tag> },
          ]}
        />
      </Card>
    </Space>
  );
}

interface IssueForm {
  content: string;
  outcome: 'answered' | 'transferred' | 'assigned';
  answer: string;
  agency: string;
  dueOn: string;
  registrationCode: string;
}
const emptyIssue = (): IssueForm => ({ content: '', outcome: 'answered', answer: '', agency: '', dueOn: '', registrationCode: '' });

function DialogueDetail({ id }: { id: string }) {
  const { dt } = useDT();
  const { data, error, reload } = useApi<DialogueOut>(`/dialogues/${id}`);
  const [notice, setNotice] = useState({ noticeOn: todayInVietnam(), howToAttend: '', location: '', lateReason: '' });
  const [session, setSession] = useState({ label: '', heldOn: todayInVietnam(), attendance: '', chairedBy: '', minutes: '' });
  const [summary, setSummary] = useState('');
  const [issues, setIssues] = useState<IssueForm[]>([emptyIssue()]);
  const sub = useSubmit<DialogueOut>();
  const d = data?.dialogue;
  if (error) return <ErrorAlert error={error} onRetry={reload} />;
  if (!d) return null;
  const after = () => reload();
  const setIssue = (i: number, k: keyof IssueForm, v: string) => setIssues(issues.map((x, j) => (j === i ? { ...x, [k]: v } : x)));
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="large">
      <Link to="/dialogues">← {dt('list')}</Link>
      <Typography.Title level={1}>{d.title}</Typography.Title>
      <Descriptions bordered column={1} size="small">
        <Descriptions.Item label={dt('status')}>
          <Tag data-testid="dlg-status">{d.statusLabel}</Tag> {d.code}
        </Descriptions.Item>
        <Descriptions.Item label={dt('kind')}>{d.kind.label}</Descriptions.Item>
        <Descriptions.Item label={dt('plannedOn')}>{`${formatDate(d.plannedOn)}${d.startTime ? ` ${d.startTime}` : ''}`}</Descriptions.Item>
        <Descriptions.Item label={dt('rule')}>{d.kind.noticeRule}</Descriptions.Item>
        {d.noticeOn && <Descriptions.Item label={dt('noticeOn')}>{`${formatDate(d.noticeOn)}${d.noticeLate ? ` (${dt('late')})` : ''}`}</Descriptions.Item>}
        {d.heldOn && <Descriptions.Item label={dt('attendance')}>{d.attendance}</Descriptions.Item>}
        {d.conclusionDueOn && <Descriptions.Item label={dt('dueConclusion')}>{d.conclusionExplanation ?? formatDate(d.conclusionDueOn)}</Descriptions.Item>}
        {d.conclusionOn && (
          <Descriptions.Item label={dt('conclusion')}>
            {formatDate(d.conclusionOn)} {d.conclusionLate && <Tag color="red">{dt('late')}</Tag>}
          </Descriptions.Item>
        )}
      </Descriptions>
      <ErrorAlert error={sub.error} testId="dlg-error" />
      <DialogueExtras d={d} onChange={after} />

      {(d.status === 'planned' || d.status === 'noticed') && (
        <Card title={<h2 style={{ margin: 0, fontSize: 18 }}>{dt('notice')}</h2>}>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              void sub.run(
                () =>
                  apiFetch('POST', `/dialogues/${d.id}/notice`, {
                    body: { noticeOn: notice.noticeOn, howToAttend: notice.howToAttend, ...(notice.location ? { location: notice.location } : {}), ...(notice.lateReason ? { lateReason: notice.lateReason } : {}) },
                  }),
                after,
              );
            }}
          >
            <Field id="n-date" label={dt('noticeOn')}>
              <Input id="n-date" type="date" value={notice.noticeOn} onChange={(e) => setNotice({ ...notice, noticeOn: e.target.value })} />
            </Field>
            <Field id="n-how" label={dt('howToAttend')}>
              <Input.TextArea id="n-how" rows={2} value={notice.howToAttend} onChange={(e) => setNotice({ ...notice, howToAttend: e.target.value })} />
            </Field>
            <Field id="n-location" label={dt('location')}>
              <Input id="n-location" value={notice.location} onChange={(e) => setNotice({ ...notice, location: e.target.value })} />
            </Field>
            <Field id="n-late" label={dt('lateReason')}>
              <Input id="n-late" value={notice.lateReason} onChange={(e) => setNotice({ ...notice, lateReason: e.target.value })} />
            </Field>
            <Button type="primary" htmlType="submit" loading={sub.busy} data-testid="dlg-notice">
              {dt('publish')}
            </Button>
          </form>
        </Card>
      )}

      {d.registrations.length > 0 && (
        <Card title={<h2 style={{ margin: 0, fontSize: 18 }}>{dt('questions')}</h2>}>
          <ul>
            {d.registrations.map((r) => (
              <li key={r.id}>
                <strong>{r.code}</strong>: {r.question}
              </li>
            ))}
          </ul>
        </Card>
      )}

      {(d.status === 'noticed' || d.status === 'held') && (
        <Card title={<h2 style={{ margin: 0, fontSize: 18 }}>{dt('session')}</h2>}>
          {d.sessions.length > 0 && (
            <ul>
              {d.sessions.map((s) => (
                <li key={s.id}>{`${s.label} — ${formatDate(s.heldOn)} — ${s.attendance}`}</li>
              ))}
            </ul>
          )}
          <form
            onSubmit={(e) => {
              e.preventDefault();
              void sub.run(
                () =>
                  apiFetch('POST', `/dialogues/${d.id}/sessions`, {
                    body: {
                      heldOn: session.heldOn,
                      attendance: Number(session.attendance || 0),
                      ...(session.label ? { label: session.label } : {}),
                      ...(session.chairedBy ? { chairedBy: session.chairedBy } : {}),
                      ...(session.minutes ? { minutes: session.minutes } : {}),
                    },
                  }),
                after,
              );
            }}
          >
            <Field id="s-label" label={dt('sessionLabel')}>
              <Input id="s-label" value={session.label} onChange={(e) => setSession({ ...session, label: e.target.value })} />
            </Field>
            <Field id="s-date" label={dt('heldOn')}>
              <Input id="s-date" type="date" value={session.heldOn} onChange={(e) => setSession({ ...session, heldOn: e.target.value })} />
            </Field>
            <Field id="s-attendance" label={dt('attendance')}>
              <Input id="s-attendance" type="number" min={0} value={session.attendance} onChange={(e) => setSession({ ...session, attendance: e.target.value })} />
            </Field>
            <Field id="s-chair" label={dt('chairedBy')}>
              <Input id="s-chair" value={session.chairedBy} onChange={(e) => setSession({ ...session, chairedBy: e.target.value })} />
            </Field>
            <Field id="s-minutes" label={dt('minutes')}>
              <Input.TextArea id="s-minutes" rows={2} value={session.minutes} onChange={(e) => setSession({ ...session, minutes: e.target.value })} />
            </Field>
            <Button type="primary" htmlType="submit" loading={sub.busy} data-testid="dlg-session">
              {dt('saveSession')}
            </Button>
          </form>
        </Card>
      )}

      {d.status === 'held' && (
        <Card title={<h2 style={{ margin: 0, fontSize: 18 }}>{dt('conclusion')}</h2>}>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              void sub.run(
                () =>
                  apiFetch('POST', `/dialogues/${d.id}/conclusion`, {
                    body: {
                      summary,
                      issues: issues.map((x) => ({
                        content: x.content,
                        outcome: x.outcome,
                        ...(x.outcome === 'answered' ? { answer: x.answer } : { agency: x.agency }),
                        ...(x.outcome === 'assigned' && x.dueOn ? { dueOn: x.dueOn } : {}),
                        ...(x.registrationCode ? { registrationCode: x.registrationCode } : {}),
                      })),
                    },
                  }),
                after,
              );
            }}
          >
            <Field id="c-summary" label={dt('summary')}>
              <Input.TextArea id="c-summary" rows={3} value={summary} onChange={(e) => setSummary(e.target.value)} />
            </Field>
            {issues.map((x, i) => (
              <fieldset key={i} style={{ border: '1px solid #d9d9d9', borderRadius: 6, padding: 12, marginBottom: 12 }}>
                <legend style={{ fontWeight: 600, padding: '0 4px', width: 'auto', border: 0, marginBottom: 0, fontSize: 14 }}>{`${dt('issue')} ${i + 1}`}</legend>
                <Field id={`i${i}-content`} label={dt('issue')}>
                  <Input id={`i${i}-content`} value={x.content} onChange={(e) => setIssue(i, 'content', e.target.value)} />
                </Field>
                <Field id={`i${i}-outcome`} label={dt('outcome')}>
                  <select id={`i${i}-outcome`} style={nativeStyle} value={x.outcome} onChange={(e) => setIssue(i, 'outcome', e.target.value)}>
                    <option value="answered">{dt('answered')}</option>
                    <option value="transferred">{dt('transferred')}</option>
                    <option value="assigned">{dt('assigned')}</option>
                  </select>
                </Field>
                {x.outcome === 'answered' ? (
                  <Field id={`i${i}-answer`} label={dt('answer')}>
                    <Input id={`i${i}-answer`} value={x.answer} onChange={(e) => setIssue(i, 'answer', e.target.value)} />
                  </Field>
                ) : (
                  <Field id={`i${i}-agency`} label={dt('agency')}>
                    <Input id={`i${i}-agency`} value={x.agency} onChange={(e) => setIssue(i, 'agency', e.target.value)} />
                  </Field>
                )}
                {x.outcome === 'assigned' && (
                  <Field id={`i${i}-due`} label={dt('dueOn')}>
                    <Input id={`i${i}-due`} type="date" value={x.dueOn} onChange={(e) => setIssue(i, 'dueOn', e.target.value)} />
                  </Field>
                )}
                <Field id={`i${i}-reg`} label={dt('regCode')}>
                  <Input id={`i${i}-reg`} value={x.registrationCode} onChange={(e) => setIssue(i, 'registrationCode', e.target.value)} />
                </Field>
                {issues.length > 1 && <Button onClick={() => setIssues(issues.filter((_, j) => j !== i))}>{dt('removeIssue')}</Button>}
              </fieldset>
            ))}
            <Space>
              <Button onClick={() => setIssues([...issues, emptyIssue()])} data-testid="dlg-add-issue">
                {dt('addIssue')}
              </Button>
              <Button type="primary" htmlType="submit" loading={sub.busy} data-testid="dlg-conclude">
                {dt('publishConclusion')}
              </Button>
            </Space>
          </form>
        </Card>
      )}

      {d.status === 'concluded' && (
        <Card title={<h2 style={{ margin: 0, fontSize: 18 }}>{dt('conclusion')}</h2>}>
          <p>{d.conclusionSummary}</p>
          <ol>
            {d.issues.map((x) => (
              <li key={x.id}>
                <strong>{x.content}</strong> — {x.outcomeLabel}
                {x.targetAgency ? ` (${x.targetAgency.name})` : ''}
                {x.answer ? `: ${x.answer}` : ''}
                {x.caseCode ? ` · ${x.caseCode}` : ''}
              </li>
            ))}
          </ol>
          <h3 style={{ fontSize: 16 }}>{dt('commitments')}</h3>
          <CommitmentTable items={d.commitments} />
          <a href={`/doi-thoai/${d.id}`}>{dt('public')}</a>
        </Card>
      )}
    </Space>
  );
}

function CommitmentTable({ items }: { items: Commitment[] }) {
  const { dt } = useDT();
  return (
    <Table<Commitment>
      rowKey="id"
      dataSource={items}
      pagination={false}
      locale={{ emptyText: dt('none') }}
      columns={[
        { title: dt('commitments'), key: 'c', render: (_: unknown, c) => <Link to={`/commitments/${c.id}`}>{`${c.code} — ${c.content}`}</Link> },
        { title: dt('owner'), key: 'o', render: (_: unknown, c) => c.ownerAgency.name },
        { title: dt('dueOn'), key: 'd', render: (_: unknown, c) => formatDate(c.dueOn) },
        { title: dt('status'), key: 's', render: (_: unknown, c) => <Space>{<Tag>{c.statusLabel}</Tag>}{c.overdue && <Tag color="red">{dt('overdue')}</Tag>}</Space> },
      ]}
    />
  );
}

function CommitmentList() {
  const { dt } = useDT();
  const { agency } = useCurrentAgency();
  const { data, error } = useApi<CommitmentList>(agency ? `/commitments?agency=${agency.code}` : null);
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="large">
      <Link to="/dialogues">← {dt('list')}</Link>
      <Typography.Title level={1}>{dt('myCommitments')}</Typography.Title>
      <ErrorAlert error={error} />
      {data && <Alert type="info" message={`${dt('fulfilment')}: ${data.summary.fulfilmentRate === null ? '—' : formatPercent(data.summary.fulfilmentRate)}`} />}
      <CommitmentTable items={data?.items ?? []} />
    </Space>
  );
}

function readBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(String(r.result).replace(/^data:[^,]*,/, ''));
    r.onerror = () => reject(r.error ?? new Error('read'));
    r.readAsDataURL(file);
  });
}

function CommitmentDetail({ id }: { id: string }) {
  const { dt } = useDT();
  const { data, error, reload } = useApi<CommitmentDetail>(`/commitments/${id}`);
  const [form, setForm] = useState({ status: '', progress: '', note: '', closingNote: '', reason: '' });
  const [files, setFiles] = useState<File[]>([]);
  const [done, setDone] = useState(false);
  const sub = useSubmit<unknown>();
  if (error) return <ErrorAlert error={error} onRetry={reload} />;
  if (!data) return null;
  const c = data.commitment;
  const submit = () =>
    sub.run(
      async () => {
        const evidence = await Promise.all(files.map(async (f) => ({ fileName: f.name, dataBase64: await readBase64(f) })));
        return apiFetch('POST', `/commitments/${c.id}/updates`, {
          body: {
            ...(form.status ? { status: form.status } : {}),
            ...(form.progress ? { progress: Number(form.progress) } : {}),
            ...(form.note ? { note: form.note } : {}),
            ...(form.closingNote ? { closingNote: form.closingNote } : {}),
            ...(form.reason ? { reason: form.reason } : {}),
            ...(evidence.length ? { evidence } : {}),
          },
        });
      },
      () => {
        setDone(true);
        setFiles([]);
        setForm({ status: '', progress: '', note: '', closingNote: '', reason: '' });
        reload();
      },
    );
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="large">
      <Link to={`/dialogues/${c.dialogueId}`}>← {dt('title')}</Link>
      <Typography.Title level={1}>{`${c.code}: ${c.content}`}</Typography.Title>
      <Descriptions bordered column={1} size="small">
        <Descriptions.Item label={dt('owner')}>{c.ownerAgency.name}</Descriptions.Item>
        <Descriptions.Item label={dt('dueOn')}>{formatDate(c.dueOn)}</Descriptions.Item>
        <Descriptions.Item label={dt('status')}>
          <Tag data-testid="cm-status">{c.statusLabel}</Tag> {c.overdue && <Tag color="red">{dt('overdue')}</Tag>} {`${c.progress}%`}
        </Descriptions.Item>
        {c.closingNote && <Descriptions.Item label={dt('closingNote')}>{c.closingNote}</Descriptions.Item>}
      </Descriptions>
      <Card title={<h2 style={{ margin: 0, fontSize: 18 }}>{dt('timeline')}</h2>}>
        <ul>
          {data.timeline.map((t) => (
            <li key={t.id}>
              {`${t.onText}: ${t.statusLabel}, ${t.progress}%${t.note ? ` — ${t.note}` : ''}`}
              {t.evidence.map((f) => (
                <span key={f.id}>
                  {' · '}
                  <a href={`/api/v1/commitment-evidence/${f.id}`} style={{ textDecoration: 'underline' }}>{f.fileName}</a>
                </span>
              ))}
            </li>
          ))}
        </ul>
      </Card>
      <Card title={<h2 style={{ margin: 0, fontSize: 18 }}>{dt('update')}</h2>}>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            setDone(false);
            void submit();
          }}
        >
          <Field id="u-status" label={dt('status')}>
            <select id="u-status" style={nativeStyle} value={form.status} onChange={(e) => setForm({ ...form, status: e.target.value })}>
              <option value="">—</option>
              {(['in-progress', 'done', 'transferred', 'declined', 'open'] as const).map((s) => (
                <option key={s} value={s}>
                  {dt(`st.${s}`)}
                </option>
              ))}
            </select>
          </Field>
          <Field id="u-progress" label={dt('progress')}>
            <Input id="u-progress" type="number" min={0} max={100} value={form.progress} onChange={(e) => setForm({ ...form, progress: e.target.value })} />
          </Field>
          <Field id="u-note" label={dt('note')}>
            <Input.TextArea id="u-note" rows={2} value={form.note} onChange={(e) => setForm({ ...form, note: e.target.value })} />
          </Field>
          <Field id="u-closing" label={dt('closingNote')}>
            <Input.TextArea id="u-closing" rows={2} value={form.closingNote} onChange={(e) => setForm({ ...form, closingNote: e.target.value })} />
          </Field>
          <Field id="u-reason" label={dt('reason')}>
            <Input id="u-reason" value={form.reason} onChange={(e) => setForm({ ...form, reason: e.target.value })} />
          </Field>
          <Field id="u-files" label={dt('evidence')}>
            <input id="u-files" type="file" multiple accept="image/jpeg,image/png,image/webp,image/heic,application/pdf" onChange={(e) => setFiles([...(e.target.files ?? [])])} />
          </Field>
          <ErrorAlert error={sub.error} testId="cm-error" />
          {done && <Alert type="success" message={dt('updated')} role="status" />}
          <Button type="primary" htmlType="submit" loading={sub.busy} data-testid="cm-update" style={{ marginTop: 12 }}>
            {dt('update')}
          </Button>
        </form>
      </Card>
    </Space>
  );
}

export default function DialoguesPage({ path }: { path: string }) {
  if (path === '/dialogues/kinds') return <DialogueKindsPage />;
  if (path === '/dialogues/requests') return <DialogueRequestsPage />;
  const d = matchPath('/dialogues/:id', path);
  if (d?.id) return <DialogueDetail key={d.id} id={d.id} />;
  const c = matchPath('/commitments/:id', path);
  if (c?.id) return <CommitmentDetail key={c.id} id={c.id} />;
  if (path === '/commitments') return <CommitmentList />;
  return <DialogueList />;
}
