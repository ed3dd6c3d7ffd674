import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Card, Checkbox, Col, DatePicker, Empty, Form, Input, List, Radio, Row, Select, Space, Spin, Typography } from 'antd';
import type { FormInstance } from 'antd';
import dayjs from 'dayjs';
import type { Dayjs } from 'dayjs';
import { ApiError } from '../http.ts';
import { useT } from '../i18n/i18n.tsx';
import { useCurrentAgency } from '../modules/agencies/current-agency.tsx';
import type { CaseKind } from '../modules/cases/api.ts';
import { SuggestionView } from '../modules/cases/CaseClassification.tsx';
import { ComplaintLimitation } from '../modules/cases/ComplaintLimitation.tsx';
import { useFields } from '../modules/cases/fields.ts';
import { CASE_KINDS, STATE_COLORS, channelLabel, kindLabel, stateLabel } from '../modules/cases/labels.ts';
import { CHANNELS, checkIntake, createPetition } from '../modules/petitions/api.ts';
import type { Channel, CreatedPetition, IntakeCheck, IntakeQuery, RepeatCandidate } from '../modules/petitions/api.ts';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { DATE_INPUT_FORMAT, DATE_WIRE_FORMAT, formatDate, formatPercent, todayInVietnam } from '../ui/format.ts';
import { Link } from '../ui/router.tsx';
import { SimilarMatters } from '../modules/search/SimilarMatters.tsx';
import { ToneTag } from '../ui/ToneTag.tsx';

interface PetitionForm {
  channel: Channel;
  receivedOn: Dayjs | null;
  type: CaseKind;
  content: string;
  anonymous: boolean;
  petitioner: { name?: string; idNumber?: string; address?: string; phone?: string };
}

type FieldData = Parameters<FormInstance<PetitionForm>['setFields']>[0][number];

/** Server error-detail field names → form field paths. */
const FIELDS: Record<string, FieldData['name']> = {
  channel: ['channel'],
  receivedOn: ['receivedOn'],
  type: ['type'],
  content: ['content'],
  'petitioner.name': ['petitioner', 'name'],
  'petitioner.idNumber': ['petitioner', 'idNumber'],
  'petitioner.address': ['petitioner', 'address'],
  'petitioner.phone': ['petitioner', 'phone'],
};

const CHECK_DELAY_MS = 500;
const MIN_CONTENT = 10;

function initialValues(): Partial<PetitionForm> {
  return { channel: 'post', receivedOn: dayjs(todayInVietnam()), type: 'complaint', anonymous: false, petitioner: {} };
}

function trimmed(s: string | undefined): string | undefined {
  const v = s?.trim();
  return v ? v : undefined;
}

/** Debounced intake check while the handler types: suggestion and repeat candidates. */
function useIntakeCheck(query: IntakeQuery | null) {
  const [result, setResult] = useState<IntakeCheck | null>(null);
  const [checking, setChecking] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const key = query ? JSON.stringify(query) : '';
  const latest = useRef(key);

  useEffect(() => {
    latest.current = key;
    if (!key) {
      setResult(null);
      setChecking(false);
      return;
    }
    setChecking(true);
    const timer = window.setTimeout(() => {
      checkIntake(JSON.parse(key) as IntakeQuery).then(
        (res) => {
          if (latest.current !== key) return;
          setResult(res);
          setError(null);
          setChecking(false);
        },
        (err: unknown) => {
          if (latest.current !== key) return;
          setError(err);
          setChecking(false);
        },
      );
    }, CHECK_DELAY_MS);
    return () => window.clearTimeout(timer);
  }, [key]);

  return { result, checking, error };
}

export default function NewPetitionPage() {
  const t = useT();
  const { agency } = useCurrentAgency();
  const fields = useFields();
  const [form] = Form.useForm<PetitionForm>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [created, setCreated] = useState<{ res: CreatedPetition; attached: boolean } | null>(null);
  const [attachTo, setAttachTo] = useState<RepeatCandidate | null>(null);

  const content = Form.useWatch('content', form) ?? '';
  const type = Form.useWatch('type', form);
  const receivedOnDay = Form.useWatch('receivedOn', form);
  const anonymous = Form.useWatch('anonymous', form) ?? false;
  const name = Form.useWatch(['petitioner', 'name'], form);
  const idNumber = Form.useWatch(['petitioner', 'idNumber'], form);
  const address = Form.useWatch(['petitioner', 'address'], form);

  const query: IntakeQuery | null =
    agency && content.trim().length >= MIN_CONTENT
      ? {
          agency: agency.code,
          content: content.trim(),
          kind: type,
          // This form registers a new petition: for a denunciation the server may then match the denouncer (and records it).
          ...(type === 'denunciation' ? { registering: true } : {}),
          ...(anonymous ? {} : { name: trimmed(name), idNumber: trimmed(idNumber), address: trimmed(address) }),
        }
      : null;
  const { result, checking, error: checkError } = useIntakeCheck(query);

  const submit = async (values: PetitionForm) => {
    if (!agency) return;
    setBusy(true);
    setError(null);
    setCreated(null);
    const p = values.petitioner ?? {};
    try {
      const res = await createPetition({
        agency: agency.code,
        channel: values.channel,
        receivedOn: values.receivedOn ? values.receivedOn.format(DATE_WIRE_FORMAT) : undefined,
        type: values.type,
        content: values.content.trim(),
        ...(values.anonymous
          ? { anonymous: true }
          : {
              petitioner: {
                name: (p.name ?? '').trim(),
                idNumber: trimmed(p.idNumber),
                address: trimmed(p.address),
                phone: trimmed(p.phone),
              },
            }),
        ...(attachTo ? { caseId: attachTo.id } : {}),
      });
      setCreated({ res, attached: attachTo !== null });
      setAttachTo(null);
      form.resetFields();
    } catch (err) {
      setError(err);
      if (err instanceof ApiError) {
        const marks: FieldData[] = [];
        for (const f of err.fieldErrors) {
          const path = FIELDS[f.field];
          if (path) marks.push({ name: path, errors: [f.message] });
        }
        form.setFields(marks);
      }
    } finally {
      setBusy(false);
    }
  };

  const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);
  const required = (label: string) => ({ required: true, whitespace: true, message: t('petition.required', { field: lowerFirst(label) }) });
  const suggestedKind = result?.suggestion.kind?.value;

  return (
    <section>
      <Typography.Title level={1}>{t('petition.title')}</Typography.Title>
      {created && (
        <Alert
          type="success"
          showIcon
          data-testid="petition-created"
          style={{ marginBottom: 16 }}
          title={
            <span>
              {created.attached ? t('petition.attachedDone') : t('petition.created')}{' '}
              <Link to={`/cases/${created.res.case.id}`} data-testid="petition-case-link">
                <strong data-testid="petition-case-code">{created.res.case.code}</strong>
              </Link>
            </span>
          }
        />
      )}
      {error !== null && (
        <div style={{ marginBottom: 16 }}>
          <ErrorAlert error={error} hideFields={Object.keys(FIELDS)} testId="petition-error" />
        </div>
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Card>
            <Form<PetitionForm> form={form} layout="vertical" initialValues={initialValues()} onFinish={submit} disabled={busy || !agency} scrollToFirstError>
              <Form.Item label={t('petition.agency')} htmlFor="petition-agency">
                <Input id="petition-agency" value={agency?.name ?? ''} readOnly data-testid="petition-agency" />
              </Form.Item>
              <Space wrap size="large" align="start">
                <Form.Item label={t('petition.channel')} name="channel" rules={[{ required: true }]}>
                  <Select<Channel>
                    data-testid="petition-channel"
                    style={{ width: 240 }}
                    options={CHANNELS.map((c) => ({ value: c, label: channelLabel(t, c) }))}
                  />
                </Form.Item>
                <Form.Item
                  label={t('petition.receivedOn')}
                  name="receivedOn"
                  extra={t('petition.receivedOnHelp')}
                  rules={[{ required: true, message: t('petition.required', { field: lowerFirst(t('petition.receivedOn')) }) }]}
                >
                  <DatePicker format={DATE_INPUT_FORMAT} allowClear={false} data-testid="petition-receivedOn" disabledDate={(d) => d.isAfter(dayjs(todayInVietnam()), 'day')} />
                </Form.Item>
              </Space>
              <Form.Item label={t('petition.type')} name="type" rules={[{ required: true }]}>
                <Radio.Group data-testid="petition-type">
                  {CASE_KINDS.map((k) => (
                    <Radio key={k} value={k} data-testid={`petition-type-${k}`}>
                      {kindLabel(t, k)}
                    </Radio>
                  ))}
                </Radio.Group>
              </Form.Item>
              {type === 'complaint' && <ComplaintLimitation receivedOn={receivedOnDay ? receivedOnDay.format(DATE_WIRE_FORMAT) : null} />}
              <Form.Item label={t('petition.content')} name="content" rules={[required(t('petition.content'))]}>
                <Input.TextArea rows={6} data-testid="petition-content" />
              </Form.Item>
              <Typography.Title level={2} style={{ fontSize: 16 }}>
                {t('petition.petitioner')}
              </Typography.Title>
              <Form.Item name="anonymous" valuePropName="checked">
                <Checkbox data-testid="petition-anonymous">{t('petition.anonymous')}</Checkbox>
              </Form.Item>
              {!anonymous && (
                <>
                  <Form.Item label={t('case.petitionerName')} name={['petitioner', 'name']} rules={[required(t('case.petitionerName'))]}>
                    <Input autoComplete="off" data-testid="petition-name" />
                  </Form.Item>
                  <Form.Item
                    label={t('case.petitionerIdNumber')}
                    name={['petitioner', 'idNumber']}
                    extra={t('visit.idNumberHelp')}
                    rules={[{ pattern: /^\s*\d{12}\s*$/, message: t('visit.idNumberInvalid') }]}
                  >
                    <Input inputMode="numeric" maxLength={12} autoComplete="off" data-testid="petition-idNumber" />
                  </Form.Item>
                  <Form.Item label={t('case.petitionerAddress')} name={['petitioner', 'address']}>
                    <Input autoComplete="off" data-testid="petition-address" />
                  </Form.Item>
                  <Form.Item label={t('case.petitionerPhone')} name={['petitioner', 'phone']}>
                    <Input inputMode="tel" autoComplete="off" data-testid="petition-phone" />
                  </Form.Item>
                </>
              )}
              {attachTo && (
                <Alert
                  type="info"
                  showIcon
                  style={{ marginBottom: 16 }}
                  data-testid="petition-attach-to"
                  title={t('petition.attachedTo', { code: attachTo.code })}
                  action={
                    <Button size="small" onClick={() => setAttachTo(null)} data-testid="petition-detach">
                      {t('petition.detach')}
                    </Button>
                  }
                />
              )}
              <Button type="primary" htmlType="submit" loading={busy} data-testid="petition-submit">
                {attachTo ? t('petition.submitAttach', { code: attachTo.code }) : t('petition.submit')}
              </Button>
            </Form>
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card
            title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('petition.check')}</h2>}
            extra={checking ? <Spin size="small" aria-label={t('petition.checking')} /> : null}
            data-testid="intake-check"
            aria-busy={checking}
          >
            {checkError !== null && <ErrorAlert error={checkError} testId="intake-error" />}
            {!result ? (
              <Typography.Text type="secondary">{t('petition.checkHint')}</Typography.Text>
            ) : (
              <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
                <div>
                  <SuggestionView suggestion={result.suggestion} fieldLabel={fields.labelOf} />
                  {suggestedKind && suggestedKind !== type && (CASE_KINDS as readonly string[]).includes(suggestedKind) && (
                    <Button
                      size="small"
                      style={{ marginTop: 8 }}
                      data-testid="intake-use-kind"
                      onClick={() => form.setFieldValue('type', suggestedKind as CaseKind)}
                    >
                      {t('petition.useKind')}
                    </Button>
                  )}
                </div>
                <div>
                  <Typography.Title level={3} style={{ fontSize: 14 }}>
                    {t('petition.repeats')}
                  </Typography.Title>
                  {result.repeats.length === 0 ? (
                    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('petition.noRepeats')} data-testid="intake-no-repeats" />
                  ) : (
                    <List
                      size="small"
                      data-testid="intake-repeats"
                      dataSource={result.repeats}
                      renderItem={(r) => (
                        <List.Item
                          data-testid="intake-repeat"
                          data-case-code={r.code}
                          actions={[
                            <Button
                              key="attach"
                              size="small"
                              type={attachTo?.id === r.id ? 'primary' : 'default'}
                              onClick={() => setAttachTo(r)}
                              data-testid="intake-attach"
                            >
                              {t('petition.attach')}
                            </Button>,
                          ]}
                        >
                          <List.Item.Meta
                            title={
                              <Space wrap size={4}>
                                <Link to={`/cases/${r.id}`}>{r.code}</Link>
                                <ToneTag tone={STATE_COLORS[r.state] ?? 'default'}>{stateLabel(t, r.state)}</ToneTag>
                                {r.samePerson && <ToneTag tone="purple">{t('petition.samePerson')}</ToneTag>}
                              </Space>
                            }
                            description={`${kindLabel(t, r.kind)} · ${r.agencyName} · ${formatDate(r.receivedOn)} · ${t('petition.similarity', { percent: formatPercent(r.similarity) })}`}
                          />
                        </List.Item>
                      )}
                    />
                  )}
                </div>
              </Space>
            )}
            {/* Same matter across agencies (issue 18): other senders, the province and its communes. */}
            <SimilarMatters
              query={query ? { agency: query.agency, content: query.content, type, ...(type !== 'denunciation' && !anonymous ? { petitioner: { name: trimmed(name), idNumber: trimmed(idNumber), address: trimmed(address) } } : {}) } : null}
              attachedTo={attachTo?.code ?? null}
              onAttach={(c) =>
                setAttachTo({ id: c.caseId, code: c.code, kind: c.kind ?? '', state: c.state ?? '', agencyCode: c.agencyCode, agencyName: c.agencyName, receivedOn: c.receivedOn, similarity: c.score, samePerson: c.reasons.includes('same-person') })
              }
            />
          </Card>
        </Col>
      </Row>
    </section>
  );
}
