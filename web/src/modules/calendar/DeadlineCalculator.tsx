import { useState } from 'react';
import { Alert, Button, Checkbox, DatePicker, Descriptions, Form, InputNumber, Select, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import type { Dayjs } from 'dayjs';
import { DEFAULT_RULES, RULE_KEYS } from '@danvan/domain/clock/rules';
import { useT } from '../../i18n/i18n.tsx';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { DATE_INPUT_FORMAT, DATE_WIRE_FORMAT, formatDate, todayInVietnam } from '../../ui/format.ts';
import { computeDeadline } from './api.ts';
import type { ComputedDeadline } from './api.ts';

interface CalcForm {
  rule: string;
  from: Dayjs | null;
  complex: boolean;
  especiallyComplex: boolean;
  remote: boolean;
  severalSites: boolean;
  extensions: number | null;
  suspendedDays: number | null;
}

/** The rule table's own names ("Hạn giải quyết tố cáo"), from the domain the server computes with. */
const RULE_OPTIONS = RULE_KEYS.map((key) => ({
  value: key,
  label: DEFAULT_RULES.find((r) => r.key === key)?.label ?? key,
  key,
}));

/** "Tính hạn": any rule from any date, with the server's explanation and the days it skipped. */
export function DeadlineCalculator() {
  const t = useT();
  const [form] = Form.useForm<CalcForm>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [result, setResult] = useState<ComputedDeadline | null>(null);

  const run = async (v: CalcForm) => {
    if (!v.from) return;
    setBusy(true);
    setError(null);
    try {
      setResult(
        await computeDeadline({
          rule: v.rule,
          from: v.from.format(DATE_WIRE_FORMAT),
          complex: v.complex,
          especiallyComplex: v.especiallyComplex,
          remote: v.remote,
          severalSites: v.severalSites,
          extensions: v.extensions ?? undefined,
          suspendedDays: v.suspendedDays ?? undefined,
        }),
      );
    } catch (err) {
      setResult(null);
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div data-testid="deadline-calculator">
      <Form<CalcForm>
        form={form}
        layout="vertical"
        onFinish={run}
        initialValues={{ rule: 'complaint.first', from: dayjs(todayInVietnam()), complex: false, especiallyComplex: false, remote: false, severalSites: false }}
      >
        <Space wrap align="start" size="middle" style={{ display: 'flex' }}>
          <Form.Item label={t('deadline.rule')} name="rule" rules={[{ required: true }]}>
            <Select
              data-testid="deadline-rule"
              style={{ width: 360, maxWidth: '80vw' }}
              showSearch={{ optionFilterProp: 'label' }}
              // Every rule rendered (about 30 since the duties and grassroots rules): a virtual list hides the ones
              // below the fold from find-in-page and from the browser journey.
              virtual={false}
              options={RULE_OPTIONS}
              optionRender={(o) => (
                <div>
                  <div style={{ whiteSpace: 'normal' }}>{o.data.label}</div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {o.data.key}
                  </Typography.Text>
                </div>
              )}
            />
          </Form.Item>
          <Form.Item label={t('deadline.from')} name="from" extra={t('deadline.fromHelp')} rules={[{ required: true, message: t('calendar.dateRequired') }]}>
            <DatePicker format={DATE_INPUT_FORMAT} allowClear={false} data-testid="deadline-from" />
          </Form.Item>
        </Space>
        <Space wrap size="middle" style={{ display: 'flex', marginBottom: 12 }}>
          <Form.Item name="complex" valuePropName="checked" noStyle>
            <Checkbox data-testid="deadline-complex">{t('deadline.complex')}</Checkbox>
          </Form.Item>
          <Form.Item name="especiallyComplex" valuePropName="checked" noStyle>
            <Checkbox data-testid="deadline-especially-complex">{t('deadline.especiallyComplex')}</Checkbox>
          </Form.Item>
          <Form.Item name="remote" valuePropName="checked" noStyle>
            <Checkbox data-testid="deadline-remote">{t('deadline.remote')}</Checkbox>
          </Form.Item>
          <Form.Item name="severalSites" valuePropName="checked" noStyle>
            <Checkbox data-testid="deadline-several-sites">{t('deadline.severalSites')}</Checkbox>
          </Form.Item>
        </Space>
        <Space wrap align="start" size="middle" style={{ display: 'flex' }}>
          <Form.Item label={t('deadline.extensions')} name="extensions">
            <InputNumber min={0} max={2} precision={0} data-testid="deadline-extensions" />
          </Form.Item>
          <Form.Item label={t('deadline.suspendedDays')} name="suspendedDays">
            <InputNumber min={0} max={3650} precision={0} data-testid="deadline-suspended" />
          </Form.Item>
        </Space>
        <Button type="primary" htmlType="submit" loading={busy} data-testid="deadline-compute">
          {t('deadline.compute')}
        </Button>
      </Form>
      {error !== null && (
        <div style={{ marginTop: 16 }}>
          <ErrorAlert error={error} testId="deadline-error" />
        </div>
      )}
      {result && (
        <div style={{ marginTop: 16 }} data-testid="deadline-result">
          <Alert
            type="info"
            showIcon
            title={
              <span>
                {t('deadline.due')}: <strong data-testid="deadline-due">{formatDate(result.due)}</strong>
              </span>
            }
            description={<span data-testid="deadline-explanation">{result.explanation}</span>}
          />
          <Descriptions
            size="small"
            column={1}
            style={{ marginTop: 8 }}
            items={[
              { key: 'length', label: t('deadline.length'), children: t(`deadline.unit.${result.unit}`, { days: result.days + result.extensionDays }) },
              { key: 'citation', label: t('case.citation', { citation: '' }).replace(/[:\s]+$/, ''), children: result.citation },
              ...(result.skipped.length
                ? [
                    {
                      key: 'skipped',
                      label: t('deadline.skipped'),
                      children: (
                        <Space wrap size={4}>
                          {result.skipped.map((s) => (
                            <Tag key={s.date}>
                              {formatDate(s.date)} — {s.reason}
                            </Tag>
                          ))}
                        </Space>
                      ),
                    },
                  ]
                : []),
            ]}
          />
          {!result.verified && <Alert type="warning" showIcon title={t('deadline.unverified')} style={{ marginTop: 8 }} />}
        </div>
      )}
    </div>
  );
}
