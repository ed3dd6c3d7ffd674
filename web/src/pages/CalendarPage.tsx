import type { HTMLAttributes } from 'react';
import { useState } from 'react';
import { Alert, Button, Card, Col, DatePicker, Form, Input, Popconfirm, Row, Select, Space, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import type { Dayjs } from 'dayjs';
import { weekdayNameVi } from '@danvan/domain/clock/dates';
import { useApi } from '../http.ts';
import { useI18n } from '../i18n/i18n.tsx';
import type { Translate } from '../i18n/i18n.tsx';
import { DAY_KINDS, calendarPath, resetCalendarDay, setCalendarDay } from '../modules/calendar/api.ts';
import type { CalendarDay, CalendarEdit, CalendarYear, DayKind } from '../modules/calendar/api.ts';
import { DeadlineCalculator } from '../modules/calendar/DeadlineCalculator.tsx';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { DATE_INPUT_FORMAT, DATE_WIRE_FORMAT, formatCount, formatDate, todayInVietnam } from '../ui/format.ts';
import { Link } from '../ui/router.tsx';
import { ToneTag } from '../ui/ToneTag.tsx';

const FIRST_YEAR = 2020;
const LAST_YEAR = 2040;
const KIND_COLORS: Record<DayKind, string> = { holiday: 'red', 'day-off': 'orange', workday: 'blue', normal: 'default' };

const dayKindLabel = (t: Translate, k: DayKind) => t(`dayKind.${k}`);

const enWeekday = new Intl.DateTimeFormat('en-GB', { weekday: 'long', timeZone: 'UTC' });
function weekdayName(iso: string, lang: string): string {
  return lang === 'vi' ? weekdayNameVi(iso) : enWeekday.format(new Date(`${iso}T00:00:00Z`));
}

interface DayForm {
  date: Dayjs | null;
  kind: DayKind;
  name?: string;
}

function ChangedCases({ edit, testId }: { edit: CalendarEdit; testId: string }) {
  const { t } = useI18n();
  if (edit.changedCases.length === 0) {
    return (
      <Typography.Text type="secondary" data-testid={`${testId}-none`}>
        {t('calendar.noneChanged')}
      </Typography.Text>
    );
  }
  return (
    <div data-testid={testId}>
      <Typography.Text>{t('calendar.changed', { count: formatCount(edit.changedCases.length) })}</Typography.Text>
      <Table
        size="small"
        pagination={false}
        rowKey="id"
        dataSource={edit.changedCases}
        onRow={(r) => ({ 'data-testid': 'changed-case', 'data-case-code': r.code }) as HTMLAttributes<HTMLElement>}
        columns={[
          { title: t('cases.code'), dataIndex: 'code', render: (code: string, r) => <Link to={`/cases/${r.id}`}>{code}</Link> },
          { title: t('calendar.before'), dataIndex: 'before', render: (d: string) => <span data-testid="changed-before">{formatDate(d)}</span> },
          { title: t('calendar.after'), dataIndex: 'after', render: (d: string) => <span data-testid="changed-after">{formatDate(d)}</span> },
        ]}
      />
    </div>
  );
}

export default function CalendarPage() {
  const { t, lang } = useI18n();
  const [year, setYear] = useState(() => Number(todayInVietnam().slice(0, 4)));
  const { data, error, loading, reload } = useApi<CalendarYear>(calendarPath(year));
  const [form] = Form.useForm<DayForm>();
  const kind = Form.useWatch('kind', form);
  const [busy, setBusy] = useState<string | null>(null);
  const [editError, setEditError] = useState<unknown>(null);
  const [edit, setEdit] = useState<{ res: CalendarEdit; reset: boolean } | null>(null);

  const editDay = (d: CalendarDay) => {
    form.setFieldsValue({ date: dayjs(d.date), kind: d.kind, name: d.name });
    document.getElementById('calendar-form')?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  };

  const save = async (v: DayForm) => {
    if (!v.date) return;
    const date = v.date.format(DATE_WIRE_FORMAT);
    setBusy('save');
    setEditError(null);
    setEdit(null);
    try {
      const res = await setCalendarDay(date, { kind: v.kind, ...(v.name?.trim() ? { name: v.name.trim() } : {}) });
      setEdit({ res, reset: false });
      if (Number(date.slice(0, 4)) !== year) setYear(Number(date.slice(0, 4)));
      else reload();
    } catch (err) {
      setEditError(err);
    } finally {
      setBusy(null);
    }
  };

  const reset = async (date: string) => {
    setBusy(date);
    setEditError(null);
    setEdit(null);
    try {
      setEdit({ res: await resetCalendarDay(date), reset: true });
      reload();
    } catch (err) {
      setEditError(err);
    } finally {
      setBusy(null);
    }
  };

  const columns: TableColumnsType<CalendarDay> = [
    { title: t('calendar.date'), dataIndex: 'date', render: (d: string) => <span style={{ whiteSpace: 'nowrap' }}>{formatDate(d)}</span> },
    { title: t('calendar.weekday'), dataIndex: 'date', key: 'weekday', render: (d: string) => <span style={{ whiteSpace: 'nowrap' }}>{weekdayName(d, lang)}</span> },
    { title: t('calendar.kind'), dataIndex: 'kind', render: (k: DayKind) => <ToneTag tone={KIND_COLORS[k]}>{dayKindLabel(t, k)}</ToneTag> },
    {
      title: t('calendar.name'),
      dataIndex: 'name',
      width: 200,
      render: (name: string, d) => (
        <>
          {name}
          {d.replaces && (
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
              {t('calendar.replaces', { kind: dayKindLabel(t, d.replaces.kind), name: d.replaces.name })}
            </Typography.Text>
          )}
        </>
      ),
    },
    {
      title: t('calendar.source'),
      dataIndex: 'source',
      render: (s: CalendarDay['source']) => (
        <ToneTag tone={s === 'override' ? 'purple' : 'default'} data-testid="calendar-source">
          {t(`calendar.source.${s}`)}
        </ToneTag>
      ),
    },
    {
      title: t('calendar.actions'),
      key: 'actions',
      render: (_: unknown, d) => (
        <Space size={4} wrap>
          <Button size="small" onClick={() => editDay(d)} data-testid="calendar-edit">
            {t('calendar.edit')}
          </Button>
          {d.source === 'override' && (
            <Popconfirm title={t('calendar.resetConfirm', { date: formatDate(d.date) })} onConfirm={() => void reset(d.date)} okText={t('calendar.reset')} cancelText={t('common.cancel')}>
              <Button size="small" danger loading={busy === d.date} data-testid="calendar-reset">
                {t('calendar.reset')}
              </Button>
            </Popconfirm>
          )}
        </Space>
      ),
    },
  ];

  const years = Array.from({ length: LAST_YEAR - FIRST_YEAR + 1 }, (_, i) => FIRST_YEAR + i);
  const editedDate = edit ? formatDate(edit.res.day.date) : '';

  return (
    <section>
      <Typography.Title level={1}>{t('calendar.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('calendar.intro')}</Typography.Paragraph>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Card>
            <Form layout="inline" style={{ marginBottom: 12 }}>
              <Form.Item label={t('calendar.year')} htmlFor="calendar-year">
                <Select<number>
                  id="calendar-year"
                  data-testid="calendar-year"
                  style={{ width: 120 }}
                  value={year}
                  onChange={setYear}
                  options={years.map((y) => ({ value: y, label: String(y) }))}
                />
              </Form.Item>
            </Form>
            {error !== null && <ErrorAlert error={error} onRetry={reload} />}
            <Table<CalendarDay>
              data-testid="calendar-days"
              size="small"
              rowKey="date"
              loading={loading}
              dataSource={data?.days ?? []}
              columns={columns}
              pagination={false}
              locale={{ emptyText: t('calendar.empty') }}
              onRow={(d) => ({ 'data-testid': 'calendar-day', 'data-date': d.date, 'data-kind': d.kind, 'data-source': d.source }) as HTMLAttributes<HTMLElement>}
              footer={() => t('calendar.count', { count: formatCount(data?.days.length ?? 0) })}
              scroll={{ x: 760 }}
            />
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('calendar.form')}</h2>} id="calendar-form">
              {editError !== null && (
                <div style={{ marginBottom: 12 }}>
                  <ErrorAlert error={editError} testId="calendar-error" />
                </div>
              )}
              {edit && (
                <Alert
                  type="success"
                  showIcon
                  style={{ marginBottom: 12 }}
                  data-testid="calendar-saved"
                  title={edit.reset ? t('calendar.wasReset', { date: editedDate }) : t('calendar.saved', { date: editedDate })}
                  description={<ChangedCases edit={edit.res} testId="calendar-changed" />}
                />
              )}
              <Form<DayForm> form={form} layout="vertical" onFinish={save} initialValues={{ kind: 'day-off' }}>
                <Form.Item label={t('calendar.date')} name="date" rules={[{ required: true, message: t('calendar.dateRequired') }]}>
                  <DatePicker
                    format={DATE_INPUT_FORMAT}
                    data-testid="calendar-date"
                    disabledDate={(d) => d.year() < FIRST_YEAR || d.year() > LAST_YEAR}
                  />
                </Form.Item>
                <Form.Item label={t('calendar.kind')} name="kind" rules={[{ required: true }]}>
                  <Select<DayKind> data-testid="calendar-kind" options={DAY_KINDS.map((k) => ({ value: k, label: dayKindLabel(t, k) }))} />
                </Form.Item>
                <Form.Item
                  label={t('calendar.name')}
                  name="name"
                  rules={kind === 'normal' ? [] : [{ required: true, whitespace: true, message: t('calendar.nameRequired') }]}
                >
                  <Input maxLength={120} data-testid="calendar-name" />
                </Form.Item>
                <Button type="primary" htmlType="submit" loading={busy === 'save'} data-testid="calendar-save">
                  {t('calendar.save')}
                </Button>
              </Form>
            </Card>
            <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('deadline.title')}</h2>}>
              <DeadlineCalculator />
            </Card>
          </Space>
        </Col>
      </Row>
    </section>
  );
}
