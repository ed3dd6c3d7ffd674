/**
 * The reception register (sổ tiếp công dân, Mẫu 03/TCD) of the current agency for a date range: its 13 columns,
 * the Excel export, and the Excel import.
 */
import { useMemo, useState } from 'react';
import type { HTMLAttributes } from 'react';
import { Button, DatePicker, Empty, Form, Skeleton, Space, Table, Typography, message } from 'antd';
import type { TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import type { Dayjs } from 'dayjs';
import { useApi } from '../http.ts';
import { useCurrentAgency } from '../modules/agencies/current-agency.tsx';
import { downloadRegister, registerPath } from '../modules/reception/api.ts';
import type { RegisterView } from '../modules/reception/api.ts';
import { registerColumns, useRT } from '../modules/reception/i18n.ts';
import { ReceptionNav, useWorksDesk } from '../modules/reception/ReceptionNav.tsx';
import { RegisterImport } from '../modules/reception/RegisterImport.tsx';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { DATE_INPUT_FORMAT, DATE_WIRE_FORMAT, formatCount, formatDate, todayInVietnam } from '../ui/format.ts';
import { Link } from '../ui/router.tsx';

type Row = RegisterView['rows'][number];

/** Column widths: the register is wide; the long text columns get the room. */
const WIDTHS: Record<string, number> = {
  no: 60,
  date: 105,
  nameAddress: 220,
  idNumber: 140,
  content: 300,
  type: 105,
  people: 100,
  priorAgencies: 180,
  withinJurisdiction: 100,
  guidance: 150,
  transfer: 200,
  followUp: 220,
  notes: 220,
};

export default function ReceptionRegisterPage() {
  const { rt, lang } = useRT();
  const { agency } = useCurrentAgency();
  const desk = useWorksDesk();
  const [messages, messageHolder] = message.useMessage();
  const today = todayInVietnam();
  const [range, setRange] = useState<[Dayjs, Dayjs]>(() => [dayjs(today).startOf('month'), dayjs(today)]);
  const [exporting, setExporting] = useState(false);
  const [exportError, setExportError] = useState<unknown>(null);
  const [importOpen, setImportOpen] = useState(false);

  const from = range[0].format(DATE_WIRE_FORMAT);
  const to = range[1].format(DATE_WIRE_FORMAT);
  const { data, error, loading, reload } = useApi<RegisterView>(agency ? registerPath(agency.code, from, to) : null);

  const columns = useMemo<TableColumnsType<Row>>(
    () =>
      registerColumns(lang).map((c, i) => ({
        key: c.key,
        title: (
          <span data-testid={`register-col-${c.key}`}>
            ({i + 1}) {c.header}
          </span>
        ),
        width: WIDTHS[c.key],
        align: c.key === 'no' || c.key === 'people' ? ('right' as const) : undefined,
        fixed: c.key === 'no' ? ('left' as const) : undefined,
        render: (_: unknown, r: Row) => {
          const text = r.cells[c.key] ?? '';
          if (c.key === 'followUp' && r.caseId && text) {
            return (
              <Link to={`/cases/${r.caseId}`} style={{ whiteSpace: 'pre-line' }}>
                {text}
              </Link>
            );
          }
          return <span style={{ whiteSpace: 'pre-line' }}>{text}</span>;
        },
      })),
    [lang],
  );

  const exportXlsx = async () => {
    if (!agency) return;
    setExporting(true);
    setExportError(null);
    try {
      const r = await downloadRegister(agency.code, from, to, lang);
      void messages.success(rt('rc.reg.exported', { file: r.fileName, rows: formatCount(r.rows) }));
    } catch (err) {
      setExportError(err);
    } finally {
      setExporting(false);
    }
  };

  return (
    <section>
      {messageHolder}
      <ReceptionNav current="/reception/register" />
      <Typography.Title level={1}>
        {rt('rc.reg.title')} <Typography.Text type="secondary" style={{ fontSize: 16, fontWeight: 400 }}>({rt('rc.reg.form')})</Typography.Text>
      </Typography.Title>
      <Space wrap align="start" style={{ width: '100%', justifyContent: 'space-between', marginBottom: 16 }}>
        <Form layout="inline">
          <Form.Item label={rt('rc.reg.range')} htmlFor="register-range">
            <DatePicker.RangePicker
              id={{ start: 'register-range', end: 'register-range-end' }}
              data-testid="register-range"
              format={DATE_INPUT_FORMAT}
              value={range}
              allowClear={false}
              placeholder={[rt('rc.reg.from'), rt('rc.reg.to')]}
              disabledDate={(d) => d.isAfter(dayjs(today), 'day')}
              onChange={(v) => {
                if (v && v[0] && v[1]) setRange([v[0], v[1]]);
              }}
            />
          </Form.Item>
        </Form>
        <Space wrap>
          <Button type="primary" loading={exporting} disabled={!agency} onClick={() => void exportXlsx()} data-testid="register-export">
            {rt('rc.reg.export')}
          </Button>
          {desk && (
            <Button onClick={() => setImportOpen(true)} disabled={!agency} data-testid="register-import-open">
              {rt('rc.reg.import')}
            </Button>
          )}
        </Space>
      </Space>
      {exportError !== null && <ErrorAlert error={exportError} testId="register-export-error" />}
      {error !== null && <ErrorAlert error={error} onRetry={reload} />}
      {!data && !error && <Skeleton active />}
      {data && (
        <div aria-busy={loading} data-testid="register">
          <Typography.Paragraph type="secondary" data-testid="register-scope">
            {rt('rc.reg.scope', { agency: data.agency.name, from: formatDate(data.from), to: formatDate(data.to) })} ·{' '}
            <span data-testid="register-total">{rt('rc.reg.total', { count: formatCount(data.rows.length) })}</span>
          </Typography.Paragraph>
          <Table<Row>
            size="small"
            bordered
            rowKey="visitId"
            loading={loading}
            columns={columns}
            dataSource={data.rows}
            pagination={data.rows.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
            onRow={(r) => ({ 'data-testid': 'register-row', 'data-visit-id': r.visitId }) as HTMLAttributes<HTMLElement>}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={rt('rc.reg.empty')} /> }}
            scroll={{ x: Object.values(WIDTHS).reduce((a, b) => a + b, 0) }}
          />
        </div>
      )}
      {agency && <RegisterImport agency={agency.code} open={importOpen} onClose={() => setImportOpen(false)} onImported={reload} />}
    </section>
  );
}
