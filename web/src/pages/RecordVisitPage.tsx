import { useState } from 'react';
import { Alert, Button, Card, DatePicker, Form, Input, InputNumber, Radio, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import type { Dayjs } from 'dayjs';
import type { FormInstance } from 'antd';
import { ApiError } from '../http.ts';
import { useT } from '../i18n/i18n.tsx';
import { useCurrentAgency } from '../modules/agencies/current-agency.tsx';
import { CASE_KINDS, kindLabel } from '../modules/cases/labels.ts';
import type { CaseKind } from '../modules/cases/api.ts';
import { recordVisit } from '../modules/visits/api.ts';
import { ReceptionNav } from '../modules/reception/ReceptionNav.tsx';
import type { RecordedVisit } from '../modules/visits/api.ts';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { DATE_INPUT_FORMAT, DATE_WIRE_FORMAT, todayInVietnam } from '../ui/format.ts';
import { Link, href } from '../ui/router.tsx';

interface VisitForm {
  visitedOn: Dayjs | null;
  citizen: { name: string; idNumber: string; address: string; phone?: string };
  content: string;
  type: CaseKind;
  peopleCount: number | null;
}

type VisitFieldData = Parameters<FormInstance<VisitForm>['setFields']>[0][number];

/** Server error-detail field names ("citizen.idNumber") → form field paths. */
const FIELDS = {
  visitedOn: ['visitedOn'],
  'citizen.name': ['citizen', 'name'],
  'citizen.idNumber': ['citizen', 'idNumber'],
  'citizen.address': ['citizen', 'address'],
  'citizen.phone': ['citizen', 'phone'],
  content: ['content'],
  type: ['type'],
  peopleCount: ['peopleCount'],
} as const satisfies Record<string, VisitFieldData['name']>;
type ServerField = keyof typeof FIELDS;
const FIELD_PATHS = Object.keys(FIELDS);
const isServerField = (f: string): f is ServerField => Object.hasOwn(FIELDS, f);

function initialValues(): Partial<VisitForm> {
  return { visitedOn: dayjs(todayInVietnam()), type: 'complaint', peopleCount: 1 };
}

export default function RecordVisitPage() {
  const t = useT();
  const { agency } = useCurrentAgency();
  const [form] = Form.useForm<VisitForm>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [created, setCreated] = useState<RecordedVisit | null>(null);

  const submit = async (values: VisitForm) => {
    if (!agency) return;
    setBusy(true);
    setError(null);
    setCreated(null);
    const phone = values.citizen.phone?.trim();
    try {
      const res = await recordVisit({
        agency: agency.code,
        visitedOn: values.visitedOn ? values.visitedOn.format(DATE_WIRE_FORMAT) : undefined,
        citizen: {
          name: values.citizen.name.trim(),
          idNumber: values.citizen.idNumber.trim(),
          address: values.citizen.address.trim(),
          ...(phone ? { phone } : {}),
        },
        content: values.content.trim(),
        type: values.type,
        peopleCount: values.peopleCount ?? undefined,
      });
      setCreated(res);
      form.resetFields();
    } catch (err) {
      setError(err);
      if (err instanceof ApiError) {
        const fields: VisitFieldData[] = [];
        for (const f of err.fieldErrors) {
          if (isServerField(f.field)) fields.push({ name: FIELDS[f.field], errors: [f.message] });
        }
        form.setFields(fields);
      }
    } finally {
      setBusy(false);
    }
  };

  const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);
  const required = (field: string) => ({ required: true, whitespace: true, message: t('visit.required', { field: lowerFirst(field) }) });

  return (
    <section>
      <ReceptionNav current="/visits/new" />
      <Typography.Title level={1}>{t('visit.title')}</Typography.Title>
      {created?.case && (
        <Alert
          type="success"
          showIcon
          data-testid="visit-created"
          style={{ marginBottom: 16 }}
          title={
            <span>
              {t('visit.created')}{' '}
              <Link to={`/cases/${created.case.id}`} data-testid="visit-case-link">
                <strong data-testid="visit-case-code">{created.case.code}</strong>
              </Link>
            </span>
          }
          action={
            <Button size="small" href={href(`/cases/${created.case.id}`)}>
              {t('visit.openCase')}
            </Button>
          }
        />
      )}
      {error !== null && (
        <div style={{ marginBottom: 16 }}>
          <ErrorAlert error={error} hideFields={FIELD_PATHS} testId="visit-error" />
        </div>
      )}
      <Card>
        <Form<VisitForm>
          form={form}
          layout="vertical"
          initialValues={initialValues()}
          onFinish={submit}
          disabled={busy || !agency}
          style={{ maxWidth: 720 }}
          scrollToFirstError
        >
          <Form.Item label={t('visit.agency')}>
            <Input value={agency?.name ?? ''} readOnly data-testid="visit-agency" />
          </Form.Item>
          <Space wrap size="large" align="start">
            <Form.Item label={t('visit.visitedOn')} name="visitedOn" rules={[{ required: true, message: t('visit.required', { field: lowerFirst(t('visit.visitedOn')) }) }]}>
              <DatePicker format={DATE_INPUT_FORMAT} allowClear={false} data-testid="visit-visitedOn" disabledDate={(d) => d.isAfter(dayjs(todayInVietnam()), 'day')} />
            </Form.Item>
            <Form.Item label={t('visit.peopleCount')} name="peopleCount">
              <InputNumber min={1} max={10000} precision={0} data-testid="visit-peopleCount" />
            </Form.Item>
          </Space>
          <Form.Item label={t('visit.type')} name="type" rules={[{ required: true }]}>
            <Radio.Group data-testid="visit-type">
              {CASE_KINDS.map((k) => (
                <Radio key={k} value={k} data-testid={`visit-type-${k}`}>
                  {kindLabel(t, k)}
                </Radio>
              ))}
            </Radio.Group>
          </Form.Item>
          <Typography.Title level={2} style={{ fontSize: 16 }}>
            {t('visit.citizen')}
          </Typography.Title>
          <Form.Item label={t('visit.citizenName')} name={['citizen', 'name']} rules={[required(t('visit.citizenName'))]}>
            <Input autoComplete="off" data-testid="visit-name" />
          </Form.Item>
          <Form.Item
            label={t('visit.idNumber')}
            name={['citizen', 'idNumber']}
            extra={t('visit.idNumberHelp')}
            rules={[required(t('visit.idNumber')), { pattern: /^\s*\d{12}\s*$/, message: t('visit.idNumberInvalid') }]}
          >
            <Input inputMode="numeric" maxLength={12} autoComplete="off" data-testid="visit-idNumber" />
          </Form.Item>
          <Form.Item label={t('visit.address')} name={['citizen', 'address']} rules={[required(t('visit.address'))]}>
            <Input autoComplete="off" data-testid="visit-address" />
          </Form.Item>
          <Form.Item label={t('visit.phone')} name={['citizen', 'phone']}>
            <Input inputMode="tel" autoComplete="off" data-testid="visit-phone" />
          </Form.Item>
          <Form.Item label={t('visit.content')} name="content" rules={[required(t('visit.content'))]}>
            <Input.TextArea rows={5} data-testid="visit-content" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy} data-testid="visit-submit">
            {t('visit.submit')}
          </Button>
        </Form>
      </Card>
    </section>
  );
}
