/**
 * One matter residents decide: open the vote (the forms the item allows), record meetings and household ballots,
 * close it, the result per village and the ledger (which form counted each household), the PDF records, sending
 * the decision to the commune and its recognition — with the legal-clock due dates.
 */
import { useState } from 'react';
import { Button, Card, Checkbox, DatePicker, Descriptions, Form, Input, InputNumber, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { apiFetch, useApi } from '../http.ts';
import type { Matter, MatterDetail, VoteResult } from '../modules/grassroots/api.ts';
import { useGT } from '../modules/grassroots/i18n.ts';
import { OpenVoteForm, addDaysIso } from '../modules/grassroots/OpenVoteForm.tsx';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { Link } from '../ui/router.tsx';
import { DATE_INPUT_FORMAT, DATE_WIRE_FORMAT, formatCount, formatDate, todayInVietnam } from '../ui/format.ts';

const codesOf = (s: string) => s.split(/[\s,;]+/).map((x) => x.trim()).filter(Boolean);
const CHOICE: Record<string, string> = { dy: 'agree', kdy: 'disagree', khac: 'other', agree: 'agree', disagree: 'disagree', other: 'other' };

export default function GrassrootsMatterPage({ id }: { id: string }) {
  const { gt } = useGT();
  const r = useApi<VoteResult>(`/grassroots/matters/${id}/result`);
  const [err, setErr] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const detail = useApi<MatterDetail>(`/grassroots/matters/${id}`);
  const m: Matter | undefined = r.data?.matter;

  const act = async (method: 'POST', path: string, body: unknown) => {
    setErr(null);
    setBusy(true);
    try {
      await apiFetch(method, path, { body });
      r.reload();
      return true;
    } catch (e) {
      setErr(e);
      return false;
    } finally {
      setBusy(false);
    }
  };

  if (!m) return <ErrorAlert error={r.error} onRetry={r.reload} />;
  const res = r.data!.result;
  const formLabel = (f: string) => gt(`gr.form.${f}`);
  const openable = m.status === 'draft' ? m.allowedForms : m.status === 'voting' && m.forms.includes('meeting') ? m.fallbackForms : [];

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Link to="/grassroots">{gt('gr.back')}</Link>
      <Typography.Title level={1} style={{ fontSize: 22 }} data-testid="gr-matter-title">
        {m.title}
      </Typography.Title>
      <ErrorAlert error={err} />
      <Descriptions size="small" column={1} bordered>
        <Descriptions.Item label={gt('gr.item')}>
          {m.item}. {m.itemLabel}
        </Descriptions.Item>
        <Descriptions.Item label={gt('gr.community')}>{m.community?.name ?? gt('gr.communeWide')}</Descriptions.Item>
        <Descriptions.Item label={gt('gr.threshold')}>
          {m.threshold} — <Typography.Text type="secondary">{m.citation}</Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={gt('gr.status')}>
          <Tag data-testid="gr-status">{gt(`gr.status.${m.status}`)}</Tag>
          {m.forms.map((f) => (
            <Tag key={f} color="blue">
              {formLabel(f)}
            </Tag>
          ))}
        </Descriptions.Item>
        {m.sendDueOn && <Descriptions.Item label={gt('gr.sendDue')}>{formatDate(m.sendDueOn)}{m.sentOn ? ` — ${gt('gr.sentOn')} ${formatDate(m.sentOn)}` : ''}</Descriptions.Item>}
        {m.recognitionDueOn && <Descriptions.Item label={gt('gr.recognitionDue')}>{formatDate(m.recognitionDueOn)}{m.recognizedOn ? ` — ${formatDate(m.recognizedOn)}` : ''}</Descriptions.Item>}
        <Descriptions.Item label={gt('gr.content')}>{m.content}</Descriptions.Item>
      </Descriptions>

      {openable.length > 0 && (
        <Card title={m.status === 'draft' ? gt('gr.open') : gt('gr.addFallback')}>
          <OpenVoteForm openable={openable} today={todayInVietnam()} busy={busy} submitLabel={m.status === 'draft' ? gt('gr.open') : gt('gr.addFallback')} onSubmit={(body) => void act('POST', `/grassroots/matters/${id}/open`, body).then((ok) => ok && detail.reload())} />
        </Card>
      )}

      {['draft', 'voting'].includes(m.status) && m.allowedForms.includes('meeting') && (
        <Card title={gt('gr.notice')}>
          <Typography.Paragraph type="secondary">{gt('gr.notice.hint')}</Typography.Paragraph>
          {(detail.data?.procedure.notices.length ?? 0) > 0 && (
            <Table
              size="small"
              rowKey="id"
              pagination={false}
              dataSource={detail.data!.procedure.notices}
              columns={[
                { title: gt('gr.community'), dataIndex: 'community' },
                { title: gt('gr.notice.noticeOn'), dataIndex: 'noticeOn', render: (d: string) => formatDate(d) },
                { title: gt('gr.notice.meetingOn'), dataIndex: 'meetingOn', render: (d: string) => formatDate(d) },
                { title: gt('gr.notice.place'), dataIndex: 'place' },
              ]}
              style={{ marginBottom: 12 }}
            />
          )}
          <Form
            layout="vertical"
            initialValues={{ noticeOn: todayInVietnam(), meetingOn: addDaysIso(todayInVietnam(), 2), documentsOn: todayInVietnam() }}
            onFinish={(v: { noticeOn: string; meetingOn: string; place: string; documentsOn?: string; cluster?: string; community?: string; clusterPlanApprovedOn?: string; scattered?: boolean; draftPostedOn?: string }) =>
              void act('POST', `/grassroots/matters/${id}/notices`, {
                noticeOn: v.noticeOn,
                meetingOn: v.meetingOn,
                place: v.place,
                ...(m.item <= 3 && v.documentsOn ? { documentsOn: v.documentsOn } : {}),
                ...(m.item === 3 && v.draftPostedOn ? { draftPostedOn: v.draftPostedOn } : {}),
                ...(v.cluster ? { cluster: v.cluster, scattered: v.scattered === true, ...(v.clusterPlanApprovedOn ? { clusterPlanApprovedOn: v.clusterPlanApprovedOn } : {}) } : {}),
                ...(v.community ? { community: v.community } : {}),
              }).then((ok) => ok && detail.reload())
            }
            style={{ maxWidth: 720 }}
          >
            {m.communeWide && (
              <Form.Item name="community" label={gt('gr.community')} rules={[{ required: true }]}>
                <Input />
              </Form.Item>
            )}
            <Space wrap>
              <Form.Item name="noticeOn" label={gt('gr.notice.noticeOn')} rules={[{ required: true }]}>
                <Input type="date" />
              </Form.Item>
              <Form.Item name="meetingOn" label={gt('gr.notice.meetingOn')} rules={[{ required: true }]}>
                <Input type="date" />
              </Form.Item>
              {m.item <= 3 && (
                <Form.Item name="documentsOn" label={gt('gr.notice.documentsOn')} rules={[{ required: true }]}>
                  <Input type="date" />
                </Form.Item>
              )}
            </Space>
            <Form.Item name="place" label={gt('gr.notice.place')} rules={[{ required: true }]}>
              <Input />
            </Form.Item>
            {m.item === 3 && (
              <Form.Item name="draftPostedOn" label={gt('gr.notice.draftPostedOn')} rules={[{ required: true }]}>
                <Input type="date" />
              </Form.Item>
            )}
            <Space wrap>
              <Form.Item name="cluster" label={gt('gr.notice.cluster')}>
                <Input />
              </Form.Item>
              <Form.Item name="clusterPlanApprovedOn" label={gt('gr.notice.clusterPlan')}>
                <Input type="date" />
              </Form.Item>
              <Form.Item name="scattered" valuePropName="checked" label=" ">
                <Checkbox>{gt('gr.notice.scattered')}</Checkbox>
              </Form.Item>
            </Space>
            <Space>
              <Button htmlType="submit" loading={busy} data-testid="gr-notice-submit">
                {gt('gr.notice.publish')}
              </Button>
              {(detail.data?.procedure.notices.length ?? 0) > 0 && (
                <a href={`/api/v1/grassroots/matters/${id}/records/mau-01`} target="_blank" rel="noreferrer">
                  {gt('gr.rec.mau-01')}
                </a>
              )}
            </Space>
          </Form>
        </Card>
      )}

      {m.status === 'voting' && m.forms.includes('meeting') && (
        <Card title={gt('gr.meeting')}>
          <Form
            layout="vertical"
            initialValues={{ heldOn: dayjs(todayInVietnam()), secret: true, agree: 0, disagree: 0, other: 0 }}
            onFinish={(v: { heldOn: dayjs.Dayjs; secret: boolean; attendance: string; agree: number; disagree: number; other: number; witnesses?: string; community?: string; countingBoard?: string }) =>
              void act('POST', `/grassroots/matters/${id}/meetings`, {
                heldOn: v.heldOn.format(DATE_WIRE_FORMAT),
                secret: v.secret,
                attendance: codesOf(v.attendance ?? ''),
                agree: v.agree,
                disagree: v.disagree,
                other: v.other,
                witnesses: codesOf(v.witnesses ?? ''),
                ...(v.countingBoard?.trim() ? { countingBoard: v.countingBoard.split(',').map((x) => x.trim()).filter(Boolean) } : {}),
                ...(v.community ? { community: v.community } : {}),
              })
            }
            style={{ maxWidth: 720 }}
          >
            {m.communeWide && (
              <Form.Item name="community" label={gt('gr.community')} rules={[{ required: true }]}>
                <Input />
              </Form.Item>
            )}
            <Form.Item name="heldOn" label={gt('gr.heldOn')}>
              <DatePicker format={DATE_INPUT_FORMAT} />
            </Form.Item>
            <Form.Item name="attendance" label={gt('gr.attendance')} rules={[{ required: true }]}>
              <Input.TextArea rows={3} />
            </Form.Item>
            <Space wrap>
              <Form.Item name="agree" label={gt('gr.agree')}>
                <InputNumber min={0} />
              </Form.Item>
              <Form.Item name="disagree" label={gt('gr.disagree')}>
                <InputNumber min={0} />
              </Form.Item>
              <Form.Item name="other" label={gt('gr.other')}>
                <InputNumber min={0} />
              </Form.Item>
            </Space>
            <Form.Item name="secret" valuePropName="checked">
              <Checkbox>{gt('gr.secret')}</Checkbox>
            </Form.Item>
            <Form.Item name="witnesses" label={gt('gr.witnesses')}>
              <Input />
            </Form.Item>
            <Form.Item name="countingBoard" label={gt('gr.countingBoard')}>
              <Input />
            </Form.Item>
            <Button htmlType="submit" loading={busy}>
              {gt('gr.record')}
            </Button>
          </Form>
        </Card>
      )}

      {m.status === 'voting' && m.forms.includes('paper') && (
        <Card title={gt('gr.ballots')}>
          <Form
            layout="vertical"
            onFinish={(v: { lines: string; community?: string }) =>
              void act('POST', `/grassroots/matters/${id}/ballots`, {
                ...(v.community ? { community: v.community } : {}),
                ballots: v.lines
                  .split('\n')
                  .map((l) => l.trim().split(/\s+/))
                  .filter((p) => p.length >= 2)
                  .map(([household, c]) => ({ household, choice: CHOICE[(c ?? '').toLowerCase()] ?? 'other' })),
              })
            }
            style={{ maxWidth: 720 }}
          >
            {m.communeWide && (
              <Form.Item name="community" label={gt('gr.community')} rules={[{ required: true }]}>
                <Input />
              </Form.Item>
            )}
            <Form.Item name="lines" label={gt('gr.ballotsHint')} rules={[{ required: true }]}>
              <Input.TextArea rows={4} />
            </Form.Item>
            <Button htmlType="submit" loading={busy}>
              {gt('gr.record')}
            </Button>
          </Form>
        </Card>
      )}

      {m.status === 'voting' && (
        <Button danger loading={busy} onClick={() => void act('POST', `/grassroots/matters/${id}/close`, {})} data-testid="gr-close">
          {gt('gr.close')}
        </Button>
      )}

      <Card title={<h2 style={{ fontSize: 18, margin: 0 }}>{gt('gr.result')}</h2>}>
        <Space wrap size="large">
          <Tag color={res.passed ? 'green' : 'red'} data-testid="gr-passed">
            {gt(res.passed ? 'gr.passed' : 'gr.failed')}
          </Tag>
          <span>
            {gt('gr.agree')}: <strong>{formatCount(res.agree)}</strong> / {formatCount(res.households)}
          </span>
          <span>
            {gt('gr.disagree')}: {formatCount(res.disagree)}
          </span>
          <span>
            {gt('gr.other')}: {formatCount(res.other)}
          </span>
          <span>
            {gt('gr.participated')}: {formatCount(res.participated)} · {gt('gr.absent')}: {formatCount(res.absent)}
          </span>
          {Object.entries(res.byForm).map(([f, n]) => (
            <span key={f}>
              {formLabel(f)}: {formatCount(n)}
            </span>
          ))}
        </Space>
        <Typography.Paragraph style={{ marginTop: 8 }}>{res.explanation}</Typography.Paragraph>
        {m.communeWide && (
          <Table
            rowKey="communityId"
            size="small"
            pagination={false}
            dataSource={res.villages}
            columns={[
              { title: gt('gr.community'), key: 'c', render: (_, v) => v.community?.name ?? '' },
              { title: gt('gr.households'), dataIndex: 'households', align: 'right' },
              { title: gt('gr.agree'), dataIndex: 'agree', align: 'right' },
              { title: gt('gr.needed'), dataIndex: 'needed', align: 'right' },
              { title: gt('gr.result'), key: 'p', render: (_, v) => <Tag color={v.passed ? 'green' : 'red'}>{gt(v.passed ? 'gr.passed' : 'gr.failed')}</Tag> },
            ]}
          />
        )}
        <Typography.Title level={3} style={{ fontSize: 16, marginTop: 16 }}>
          {gt('gr.ledger')}
        </Typography.Title>
        <Table
          rowKey={(l) => `${l.community}/${l.household}`}
          size="small"
          dataSource={r.data!.ledger}
          pagination={{ pageSize: 50 }}
          data-testid="gr-ledger"
          columns={[
            { title: gt('gr.community'), dataIndex: 'community' },
            { title: gt('gr.household'), dataIndex: 'household' },
            { title: gt('gr.forms'), dataIndex: 'form', render: (f: string) => formLabel(f) },
            { title: gt('gr.choice'), dataIndex: 'choice', render: (c: string | null) => (c ? gt(`gr.${c}`) : gt('gr.secretChoice')) },
          ]}
        />
      </Card>

      {m.status !== 'draft' && (
        <Card title={gt('gr.records')}>
          <Space wrap>
            {['mau-01', 'mau-02', 'mau-03', 'mau-04', 'quyet-dinh', 'phieu']
              .filter((k) => (k === 'mau-01' ? (detail.data?.procedure.notices.length ?? 0) > 0 : k === 'mau-02' ? m.forms.includes('meeting') : k === 'mau-03' ? m.forms.includes('online') : k === 'quyet-dinh' ? m.closedOn !== null : m.forms.includes('paper')))
              .map((k) => (
                <a key={k} href={`/api/v1/grassroots/matters/${id}/records/${k}`} target="_blank" rel="noreferrer">
                  {gt(`gr.rec.${k}`)}
                </a>
              ))}
          </Space>
        </Card>
      )}

      {m.status === 'closed' && (
        <Card title={gt('gr.send')}>
          <Form
            layout="vertical"
            initialValues={{ sentOn: dayjs(todayInVietnam()) }}
            onFinish={(v: { sentOn: dayjs.Dayjs; villageHead: string; frontHead: string; households: string }) =>
              void act('POST', `/grassroots/matters/${id}/send`, { sentOn: v.sentOn.format(DATE_WIRE_FORMAT), signatories: { villageHead: v.villageHead, frontHead: v.frontHead, households: codesOf(v.households) } })
            }
            style={{ maxWidth: 720 }}
          >
            <Form.Item name="sentOn" label={gt('gr.sentOn')}>
              <DatePicker format={DATE_INPUT_FORMAT} />
            </Form.Item>
            <Form.Item name="villageHead" label={gt('gr.villageHead')} rules={[{ required: true }]}>
              <Input />
            </Form.Item>
            <Form.Item name="frontHead" label={gt('gr.frontHead')} rules={[{ required: true }]}>
              <Input />
            </Form.Item>
            <Form.Item name="households" label={gt('gr.signHouseholds')} rules={[{ required: true }]}>
              <Input />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={busy}>
              {gt('gr.send')}
            </Button>
          </Form>
        </Card>
      )}

      {m.status === 'sent' && (
        <Card title={gt('gr.recognize')}>
          <Form layout="vertical" onFinish={(v: { reason?: string; decision: string }) => void act('POST', `/grassroots/matters/${id}/recognition`, { decision: v.decision, on: todayInVietnam(), ...(v.reason ? { reason: v.reason } : {}) })} style={{ maxWidth: 720 }}>
            <Form.Item name="reason" label={gt('gr.reason')}>
              <Input.TextArea rows={2} />
            </Form.Item>
            <Space>
              <Form.Item name="decision" noStyle initialValue="recognize">
                <Input type="hidden" />
              </Form.Item>
              <Button type="primary" htmlType="submit" loading={busy}>
                {gt('gr.recognize')}
              </Button>
            </Space>
          </Form>
        </Card>
      )}
    </Space>
  );
}
