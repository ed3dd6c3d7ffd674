/**
 * Recording one visit (lượt tiếp) in a reception session: the identity check (personal ID or passport), the content
 * and type, a delegation's representatives with the rule of Art. 29, the earlier visits of the same person (to link
 * a repeat to its case), and the outcome with what each outcome needs. After saving: the receipt to print and the
 * case it opened or joined. As the content is typed, the cases that are probably the same matter (issue 18,
 * findSimilarMatters: other senders, the province and its communes), each openable in a new tab or joined.
 */
import { useState } from 'react';
import { Alert, Button, Card, Checkbox, Col, Divider, Form, Input, InputNumber, Radio, Result, Row, Select, Space, Typography } from 'antd';
import type { FormInstance } from 'antd';
import { DELEGATION_CITATION, DELEGATION_MIN_PEOPLE, isDelegation, representativeLimits } from '@danvan/domain/reception/delegations';
import { ID_TYPES, NOTICE_CITATION, REFUSAL_GROUND_CODES, VISIT_OUTCOMES, isValidIdNumber, normalizeIdNumber } from '@danvan/domain/reception/visits';
import { ApiError } from '../../http.ts';
import { CASE_KINDS, kindLabel } from '../cases/labels.ts';
import type { CaseKind } from '../cases/api.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { formatDate } from '../../ui/format.ts';
import { Link, href, navigate } from '../../ui/router.tsx';
import { receiptUrl, recordVisit } from './api.ts';
import type { Booking, IdType, Person, RecordedVisit, ReceptionSession, RefusalGroundCode, VisitInput, VisitOutcome } from './api.ts';
import { pathWithParams } from './hash-query.ts';
import { codeLabel, refusalText, useRT } from './i18n.ts';
import type { ReceptionT } from './i18n.ts';
import { PriorVisits } from './PriorVisits.tsx';
import { SimilarMatters } from '../search/SimilarMatters.tsx';
import type { SimilarQuery } from '../search/api.ts';
import type { LinkedCase } from './PriorVisits.tsx';

interface PersonValues {
  name?: string;
  idType: IdType;
  idNumber?: string;
  address?: string;
}

interface VisitValues {
  type: CaseKind;
  citizen: PersonValues & { phone?: string };
  content?: string;
  peopleCount: number | null;
  citizenIsRep: boolean;
  others: PersonValues[];
  priorAgencies?: string;
  outcome: VisitOutcome;
  guidance?: { documentNo?: string; to?: string };
  transfer?: { agency?: string; documentNo?: string };
  refusal?: { ground?: RefusalGroundCode };
  documents: { title?: string; pages?: number | null; original?: boolean }[];
  notes?: string;
  identityProtectionWaived?: boolean;
}

/** Form paths built at run time (list items, server field names) go through the untyped instance. */
type LooseForm = FormInstance;
type FieldName = (string | number)[];

/** Server error fields ("citizen.idNumber", "transfer.documentNo") → form paths; representatives are mapped apart. */
const FIELDS: Record<string, FieldName> = {
  'citizen.name': ['citizen', 'name'],
  'citizen.idNumber': ['citizen', 'idNumber'],
  'citizen.idType': ['citizen', 'idType'],
  'citizen.address': ['citizen', 'address'],
  'citizen.phone': ['citizen', 'phone'],
  content: ['content'],
  type: ['type'],
  peopleCount: ['peopleCount'],
  priorAgencies: ['priorAgencies'],
  outcome: ['outcome'],
  'guidance.documentNo': ['guidance', 'documentNo'],
  'guidance.to': ['guidance', 'to'],
  'transfer.agency': ['transfer', 'agency'],
  'transfer.documentNo': ['transfer', 'documentNo'],
  'refusal.ground': ['refusal', 'ground'],
  notes: ['notes'],
  identityProtectionWaived: ['identityProtectionWaived'],
};

const trimmed = (s: string | undefined) => {
  const v = s?.trim();
  return v ? v : undefined;
};

function person(p: PersonValues): Person {
  return { name: (p.name ?? '').trim(), idType: p.idType, idNumber: normalizeIdNumber(p.idNumber ?? ''), address: (p.address ?? '').trim() };
}

function initialValues(booking: Booking | null): Partial<VisitValues> {
  return {
    type: 'complaint',
    citizen: { idType: 'personal-id', name: booking?.name, phone: booking?.phone ?? undefined },
    content: booking?.content,
    peopleCount: 1,
    citizenIsRep: true,
    others: [],
    outcome: 'petition-received',
    documents: [],
  };
}

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

/** Same-matter candidates are looked up from this many characters of content (as at petition intake). */
const SIMILAR_MIN_CONTENT = 10;

/** Rules for a person's fields (the citizen, a representative). */
function personRules(rt: ReceptionT, form: LooseForm, path: (string | number)[]) {
  const required = (label: string) => ({ required: true, whitespace: true, message: rt('visit.required', { field: lowerFirst(label) }) });
  return {
    name: [required(rt('visit.citizenName'))],
    address: [required(rt('visit.address'))],
    idNumber: [
      required(rt('rc.visit.idNumber')),
      {
        validator: async (_: unknown, value: string | undefined) => {
          const v = normalizeIdNumber(value ?? '');
          if (!v) return;
          const type = (form.getFieldValue([...path, 'idType']) as IdType | undefined) ?? 'personal-id';
          if (!isValidIdNumber(type, v)) throw new Error(type === 'passport' ? rt('rc.visit.passportInvalid') : rt('visit.idNumberInvalid'));
        },
      },
    ],
  };
}

function PersonFields({ path, listPath, testPrefix, form }: { path: (string | number)[]; listPath?: (string | number)[]; testPrefix: string; form: LooseForm }) {
  const { rt } = useRT();
  const fieldPath = listPath ?? path;
  const idType = (Form.useWatch([...path, 'idType'], form) as IdType | undefined) ?? 'personal-id';
  const rules = personRules(rt, form, path);
  return (
    <Row gutter={16}>
      <Col xs={24} md={12}>
        <Form.Item label={rt('visit.citizenName')} name={[...fieldPath, 'name']} rules={rules.name}>
          <Input autoComplete="off" data-testid={`${testPrefix}-name`} />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item label={rt('rc.visit.idType')} name={[...fieldPath, 'idType']}>
          <Radio.Group
            data-testid={`${testPrefix}-idType`}
            onChange={() => void form.validateFields([[...path, 'idNumber']]).catch(() => undefined)}
            options={ID_TYPES.map((v) => ({ value: v, label: codeLabel(rt, 'rc.idType', v) }))}
          />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item label={rt('rc.visit.idNumber')} name={[...fieldPath, 'idNumber']} extra={rt(idType === 'passport' ? 'rc.visit.idHelp.passport' : 'rc.visit.idHelp.personal-id')} rules={rules.idNumber}>
          <Input inputMode={idType === 'passport' ? 'text' : 'numeric'} maxLength={idType === 'passport' ? 20 : 15} autoComplete="off" data-testid={`${testPrefix}-idNumber`} />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item label={rt('visit.address')} name={[...fieldPath, 'address']} rules={rules.address}>
          <Input autoComplete="off" data-testid={`${testPrefix}-address`} />
        </Form.Item>
      </Col>
    </Row>
  );
}

function Saved({ saved, session, onAnother }: { saved: RecordedVisit; session: ReceptionSession; onAnother: () => void }) {
  const { rt } = useRT();
  const { visit } = saved;
  const theCase = saved.case;
  return (
    <Result
      status="success"
      data-testid="visit-created"
      title={rt('rc.visit.saved')}
      subTitle={
        <Space orientation="vertical" size={4}>
          {theCase ? (
            <span>
              {visit.isRepeat ? rt('rc.visit.savedRepeat') : rt('rc.visit.savedCase')}{' '}
              <Link to={`/cases/${theCase.id}`} data-testid="visit-case-link">
                <strong data-testid="visit-case-code">{theCase.code}</strong>
              </Link>
            </span>
          ) : (
            <span data-testid="visit-no-case">{rt('rc.visit.savedNoCase', { outcome: codeLabel(rt, 'rc.outcome', visit.outcome, visit.outcomeLabel) })}</span>
          )}
          {visit.noticeDueOn && <span data-testid="visit-notice-due">{rt('rc.visit.noticeDue', { date: formatDate(visit.noticeDueOn) })}</span>}
        </Space>
      }
      extra={[
        <Button key="print" type="primary" href={receiptUrl(visit.id)} target="_blank" rel="noopener" data-testid="visit-print-receipt">
          {rt('rc.visit.print')}
        </Button>,
        ...(session.status === 'scheduled'
          ? [
              <Button key="another" onClick={onAnother} data-testid="visit-another">
                {rt('rc.visit.another')}
              </Button>,
            ]
          : []),
        <Button key="desk" href={href(pathWithParams('/reception', { session: session.id }))} data-testid="visit-back-desk">
          {rt('rc.visit.backToDesk')}
        </Button>,
      ]}
    />
  );
}

export function VisitForm({ session, booking }: { session: ReceptionSession; booking: Booking | null }) {
  const { rt, lang } = useRT();
  const [form] = Form.useForm<VisitValues>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [repError, setRepError] = useState<string | null>(null);
  const [saved, setSaved] = useState<RecordedVisit | null>(null);
  const [link, setLink] = useState<(LinkedCase & { idNumber: string }) | null>(null);

  const type = (Form.useWatch('type', form) as CaseKind | undefined) ?? 'complaint';
  const outcome = (Form.useWatch('outcome', form) as VisitOutcome | undefined) ?? 'petition-received';
  const peopleCount = (Form.useWatch('peopleCount', form) as number | null | undefined) ?? 1;
  const citizenIsRep = (Form.useWatch('citizenIsRep', form) as boolean | undefined) ?? true;
  const others = (Form.useWatch('others', form) as PersonValues[] | undefined) ?? [];
  const idType = (Form.useWatch(['citizen', 'idType'], form) as IdType | undefined) ?? 'personal-id';
  const idNumber = Form.useWatch(['citizen', 'idNumber'], form) as string | undefined;
  const ground = Form.useWatch(['refusal', 'ground'], form) as RefusalGroundCode | undefined;
  const content = ((Form.useWatch('content', form) as string | undefined) ?? '').trim();
  const citizenName = Form.useWatch(['citizen', 'name'], form) as string | undefined;
  const citizenAddress = Form.useWatch(['citizen', 'address'], form) as string | undefined;

  // A link holds for the person it was chosen for: changing the document number drops it.
  const linked = link && link.idNumber === normalizeIdNumber(idNumber ?? '') ? link : null;
  const open = session.status === 'scheduled';
  const delegation = isDelegation(peopleCount);
  const limits = representativeLimits(peopleCount);
  const repCount = (citizenIsRep ? 1 : 0) + others.length;
  const repOk = !limits || (repCount >= limits.min && repCount <= limits.max);
  const refusal = ground ? refusalText(lang, ground) : null;

  // The same-matter panel (debounced by SimilarMatters); a denouncer's identity is never sent to be compared.
  const similarQuery: SimilarQuery | null =
    content.length >= SIMILAR_MIN_CONTENT
      ? {
          agency: session.agencyCode,
          content,
          type,
          ...(type !== 'denunciation'
            ? { petitioner: { name: trimmed(citizenName), idNumber: normalizeIdNumber(idNumber ?? '') || undefined, address: trimmed(citizenAddress) } }
            : {}),
        }
      : null;

  const repMessage = () =>
    limits ? rt('rc.deleg.countError', { people: peopleCount, min: limits.min, max: limits.max, count: repCount }) : null;

  const linkCase = (c: LinkedCase | null) => {
    setLink(c ? { ...c, idNumber: normalizeIdNumber(idNumber ?? '') } : null);
    if (c) form.setFieldValue('type', c.kind);
  };

  const serverFieldPath = (field: string): FieldName | null => {
    const own = FIELDS[field];
    if (own) return own;
    const m = /^representatives\.(\d+)\.(\w+)$/.exec(field);
    if (m) {
      const i = Number(m[1]);
      const f = m[2] as string;
      if (citizenIsRep && i === 0) return ['citizen', f];
      return ['others', citizenIsRep ? i - 1 : i, f];
    }
    const d = /^documents\.(\d+)\.(\w+)$/.exec(field);
    if (d) return ['documents', Number(d[1]), d[2] as string];
    return null;
  };

  const submit = async (values: VisitValues) => {
    setError(null);
    if (delegation && !repOk) {
      setRepError(repMessage());
      return;
    }
    setRepError(null);
    const citizen = person(values.citizen);
    const phone = trimmed(values.citizen.phone);
    const body: VisitInput = {
      agency: session.agencyCode,
      sessionId: session.id,
      ...(booking && booking.status !== 'arrived' ? { bookingId: booking.id } : {}),
      citizen: { ...citizen, ...(phone ? { phone } : {}) },
      content: (values.content ?? '').trim(),
      type: values.type,
      peopleCount: values.peopleCount ?? 1,
      outcome: values.outcome,
    };
    if (delegation) body.representatives = [...(values.citizenIsRep ? [citizen] : []), ...values.others.map(person)];
    if (linked) body.caseId = linked.id;
    const prior = trimmed(values.priorAgencies);
    if (prior) body.priorAgencies = prior;
    if (values.outcome === 'guided') {
      const to = trimmed(values.guidance?.to);
      body.guidance = { documentNo: (values.guidance?.documentNo ?? '').trim(), ...(to ? { to } : {}) };
    }
    if (values.outcome === 'forwarded') body.transfer = { agency: (values.transfer?.agency ?? '').trim(), documentNo: (values.transfer?.documentNo ?? '').trim() };
    if (values.outcome === 'refused' && values.refusal?.ground) body.refusal = { ground: values.refusal.ground };
    const documents = values.documents
      .filter((d) => trimmed(d.title))
      .map((d) => ({ title: (d.title ?? '').trim(), ...(d.pages ? { pages: d.pages } : {}), original: Boolean(d.original) }));
    if (documents.length) body.documents = documents;
    const notes = trimmed(values.notes);
    if (notes) body.notes = notes;
    if (session.kind === 'online' && values.type === 'denunciation') body.identityProtectionWaived = Boolean(values.identityProtectionWaived);

    setBusy(true);
    try {
      const res = await recordVisit(body);
      setSaved(res);
      window.scrollTo({ top: 0 });
    } catch (err) {
      setError(err);
      if (err instanceof ApiError) {
        const fields: { name: FieldName; errors: string[] }[] = [];
        for (const f of err.fieldErrors) {
          if (f.field === 'representatives') setRepError(f.message);
          const name = serverFieldPath(f.field);
          if (name) fields.push({ name, errors: [f.message] });
        }
        (form as LooseForm).setFields(fields);
      }
    } finally {
      setBusy(false);
    }
  };

  const another = () => {
    // A booking is used once: the next visit starts without it (the page remounts the form).
    if (booking) {
      navigate(pathWithParams(`/reception/sessions/${session.id}/visit`, {}));
      return;
    }
    setSaved(null);
    setLink(null);
    setError(null);
    setRepError(null);
    form.resetFields();
  };

  if (saved) return <Saved saved={saved} session={session} onAnother={another} />;

  const required = (label: string) => ({ required: true, whitespace: true, message: rt('visit.required', { field: lowerFirst(label) }) });
  const choose = (label: string) => ({ required: true, message: rt('rc.visit.choose', { field: lowerFirst(label) }) });
  const hidden = Object.keys(FIELDS).concat(['representatives']);

  return (
    <>
      {booking && (
        <Alert type="info" showIcon style={{ marginBottom: 16 }} data-testid="visit-booking" title={rt('rc.visit.fromBooking', { code: booking.code, queue: booking.queueNumber })} />
      )}
      {!open && <Alert type="warning" showIcon style={{ marginBottom: 16 }} data-testid="visit-session-closed" title={rt('rc.visit.sessionClosed')} />}
      {error !== null && (
        <div style={{ marginBottom: 16 }}>
          <ErrorAlert error={error} hideFields={hidden} testId="visit-error" />
        </div>
      )}
      <Form<VisitValues>
        form={form}
        layout="vertical"
        initialValues={initialValues(booking)}
        onFinish={submit}
        disabled={busy || !open}
        scrollToFirstError
        data-testid="visit-form"
      >
        <Card style={{ marginBottom: 16 }} title={<h2 style={{ fontSize: 16, margin: 0 }}>{rt('rc.visit.citizen')}</h2>}>
          <PersonFields path={['citizen']} testPrefix="visit" form={form} />
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item label={rt('visit.phone')} name={['citizen', 'phone']}>
                <Input inputMode="tel" autoComplete="off" data-testid="visit-phone" />
              </Form.Item>
            </Col>
          </Row>
          <PriorVisits idType={idType} idNumber={idNumber} linked={linked} onLink={linkCase} />
        </Card>

        <Card style={{ marginBottom: 16 }} title={<h2 style={{ fontSize: 16, margin: 0 }}>{rt('rc.visit.matter')}</h2>}>
          <Form.Item label={rt('visit.type')} name="type" rules={[choose(rt('visit.type'))]}>
            <Radio.Group data-testid="visit-type" disabled={Boolean(linked)}>
              {CASE_KINDS.map((k) => (
                <Radio key={k} value={k} data-testid={`visit-type-${k}`}>
                  {kindLabel(rt, k)}
                </Radio>
              ))}
            </Radio.Group>
          </Form.Item>
          {type === 'denunciation' && <Alert type="info" showIcon style={{ marginBottom: 16 }} title={rt('rc.visit.sealedNote')} />}
          {session.kind === 'online' && type === 'denunciation' && (
            <Form.Item name="identityProtectionWaived" valuePropName="checked">
              <Checkbox data-testid="visit-waiver">{rt('rc.visit.waiver')}</Checkbox>
            </Form.Item>
          )}
          <Form.Item label={rt('visit.content')} name="content" rules={[required(rt('visit.content'))]}>
            <Input.TextArea rows={4} data-testid="visit-content" />
          </Form.Item>
          <SimilarMatters
            query={similarQuery}
            newTab
            attachedTo={linked?.code ?? null}
            attachedMessage={linked ? rt('rc.lookup.linked', { code: linked.code }) : undefined}
            onAttach={(c) => c.kind && linkCase({ id: c.caseId, code: c.code, kind: c.kind as CaseKind })}
          />
          <Form.Item label={rt('rc.visit.priorAgencies')} name="priorAgencies" extra={rt('rc.visit.priorAgenciesHelp')}>
            <Input.TextArea rows={2} data-testid="visit-priorAgencies" />
          </Form.Item>
        </Card>

        <Card style={{ marginBottom: 16 }} title={<h2 style={{ fontSize: 16, margin: 0 }}>{rt('rc.deleg.title')}</h2>} data-testid="visit-delegation">
          <Typography.Paragraph type="secondary">
            {rt('rc.deleg.general', { min: DELEGATION_MIN_PEOPLE, citation: DELEGATION_CITATION })}
          </Typography.Paragraph>
          <Form.Item label={rt('visit.peopleCount')} name="peopleCount" style={{ maxWidth: 200 }}>
            <InputNumber min={1} max={10000} precision={0} style={{ width: '100%' }} data-testid="visit-peopleCount" />
          </Form.Item>
          {delegation && limits && (
            <>
              <Alert
                type={repOk ? 'info' : 'warning'}
                showIcon
                style={{ marginBottom: 16 }}
                data-testid="visit-delegation-rule"
                title={rt('rc.deleg.rule', { people: peopleCount, min: limits.min, max: limits.max, citation: DELEGATION_CITATION })}
                description={rt('rc.deleg.count', { count: repCount, min: limits.min, max: limits.max })}
              />
              <Form.Item name="citizenIsRep" valuePropName="checked">
                <Checkbox data-testid="visit-citizenIsRep">{rt('rc.deleg.citizenIsRep')}</Checkbox>
              </Form.Item>
              <Typography.Title level={3} style={{ fontSize: 14 }}>
                {rt('rc.deleg.others')}
              </Typography.Title>
              <Form.List name="others">
                {(fields, { add, remove }) => (
                  <>
                    {fields.map((field, i) => {
                      const n = i + (citizenIsRep ? 2 : 1);
                      return (
                        <div key={field.key} data-testid="visit-rep" style={{ border: '1px solid #f0f0f0', borderRadius: 6, padding: '12px 12px 0', marginBottom: 12 }}>
                          <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 8 }}>
                            <Typography.Text strong>{rt('rc.deleg.rep', { n })}</Typography.Text>
                            <Button size="small" danger onClick={() => remove(field.name)} data-testid={`visit-rep-${i}-remove`}>
                              {rt('rc.deleg.remove', { n })}
                            </Button>
                          </Space>
                          <PersonFields path={['others', field.name]} listPath={[field.name]} testPrefix={`visit-rep-${i}`} form={form} />
                        </div>
                      );
                    })}
                    <Button onClick={() => add({ idType: 'personal-id' })} disabled={repCount >= limits.max} data-testid="visit-rep-add">
                      {rt('rc.deleg.add')}
                    </Button>
                  </>
                )}
              </Form.List>
              {repError && (
                <Alert type="error" showIcon style={{ marginTop: 12 }} data-testid="visit-rep-error" title={repError} role="alert" />
              )}
            </>
          )}
        </Card>

        <Card style={{ marginBottom: 16 }} title={<h2 style={{ fontSize: 16, margin: 0 }}>{rt('rc.visit.outcome')}</h2>}>
          <Form.Item label={rt('rc.visit.outcome')} name="outcome" rules={[choose(rt('rc.visit.outcome'))]}>
            <Radio.Group data-testid="visit-outcome" style={{ display: 'flex', flexDirection: 'column', gap: 6 }}>
              {VISIT_OUTCOMES.map((o) => (
                <Radio key={o} value={o} data-testid={`visit-outcome-${o}`}>
                  {codeLabel(rt, 'rc.outcome', o)}
                </Radio>
              ))}
            </Radio.Group>
          </Form.Item>
          {outcome === 'petition-received' && !linked && (
            <Typography.Paragraph type="secondary" data-testid="visit-opens-case">
              {rt('rc.visit.opensCase', { citation: NOTICE_CITATION })}
            </Typography.Paragraph>
          )}
          {linked && (
            <Typography.Paragraph type="secondary">{rt('rc.lookup.linked', { code: linked.code })}</Typography.Paragraph>
          )}
          {outcome === 'guided' && (
            <Row gutter={16}>
              <Col xs={24} md={12}>
                <Form.Item label={rt('rc.visit.guidanceDocNo')} name={['guidance', 'documentNo']} rules={[required(rt('rc.visit.guidanceDocNo'))]}>
                  <Input autoComplete="off" data-testid="visit-guidance-documentNo" />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item label={rt('rc.visit.guidanceTo')} name={['guidance', 'to']}>
                  <Input autoComplete="off" data-testid="visit-guidance-to" />
                </Form.Item>
              </Col>
            </Row>
          )}
          {outcome === 'forwarded' && (
            <Row gutter={16}>
              <Col xs={24} md={12}>
                <Form.Item label={rt('rc.visit.transferAgency')} name={['transfer', 'agency']} rules={[required(rt('rc.visit.transferAgency'))]}>
                  <Input autoComplete="off" data-testid="visit-transfer-agency" />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item label={rt('rc.visit.transferDocNo')} name={['transfer', 'documentNo']} rules={[required(rt('rc.visit.transferDocNo'))]}>
                  <Input autoComplete="off" data-testid="visit-transfer-documentNo" />
                </Form.Item>
              </Col>
            </Row>
          )}
          {outcome === 'refused' && (
            <>
              <Form.Item label={rt('rc.visit.refusalGround')} name={['refusal', 'ground']} rules={[choose(rt('rc.visit.refusalGround'))]}>
                <Select
                  data-testid="visit-refusal-ground"
                  placeholder={rt('rc.visit.refusalChoose')}
                  options={REFUSAL_GROUND_CODES.map((code) => ({ value: code, label: refusalText(lang, code)?.label ?? code }))}
                  optionRender={(o) => <div style={{ whiteSpace: 'normal' }}>{o.label}</div>}
                  popupMatchSelectWidth
                />
              </Form.Item>
              {refusal && (
                <Alert
                  type="warning"
                  showIcon
                  style={{ marginBottom: 16 }}
                  data-testid="visit-refusal-citation"
                  title={rt('rc.visit.refusalCitation', { citation: refusal.citation })}
                  description={refusal.writtenNotice ?? undefined}
                />
              )}
            </>
          )}
        </Card>

        <Card style={{ marginBottom: 16 }} title={<h2 style={{ fontSize: 16, margin: 0 }}>{rt('rc.docs.title')}</h2>}>
          <Typography.Paragraph type="secondary">{rt('rc.docs.help')}</Typography.Paragraph>
          <Form.List name="documents">
            {(fields, { add, remove }) => (
              <>
                {fields.map((field, i) => (
                  <Row key={field.key} gutter={12} align="bottom" data-testid="visit-doc">
                    <Col flex="auto">
                      <Form.Item label={rt('rc.docs.name', { n: i + 1 })} name={[field.name, 'title']} rules={[required(rt('rc.docs.name', { n: i + 1 }))]}>
                        <Input autoComplete="off" data-testid={`visit-doc-${i}-title`} />
                      </Form.Item>
                    </Col>
                    <Col>
                      <Form.Item label={rt('rc.docs.pages')} name={[field.name, 'pages']}>
                        <InputNumber min={1} max={100000} precision={0} style={{ width: 100 }} data-testid={`visit-doc-${i}-pages`} />
                      </Form.Item>
                    </Col>
                    <Col>
                      <Form.Item name={[field.name, 'original']} valuePropName="checked">
                        <Checkbox data-testid={`visit-doc-${i}-original`}>{rt('rc.docs.original')}</Checkbox>
                      </Form.Item>
                    </Col>
                    <Col>
                      <Form.Item>
                        <Button danger onClick={() => remove(field.name)} data-testid={`visit-doc-${i}-remove`}>
                          {rt('rc.docs.remove', { n: i + 1 })}
                        </Button>
                      </Form.Item>
                    </Col>
                  </Row>
                ))}
                <Button onClick={() => add({ original: false })} data-testid="visit-doc-add">
                  {rt('rc.docs.add')}
                </Button>
              </>
            )}
          </Form.List>
          <Divider />
          <Form.Item label={rt('rc.visit.notes')} name="notes">
            <Input.TextArea rows={2} data-testid="visit-notes" />
          </Form.Item>
        </Card>

        <Button type="primary" size="large" htmlType="submit" loading={busy} disabled={!open} data-testid="visit-submit">
          {rt('rc.visit.submit')}
        </Button>{' '}
        <Button size="large" onClick={() => navigate(pathWithParams('/reception', { session: session.id }))} disabled={false}>
          {rt('rc.visit.backToDesk')}
        </Button>
      </Form>
    </>
  );
}
