/**
 * Importing a register kept in Excel: upload the .xlsx, the server checks every row (nothing written), the clerk
 * reads the errors row by row, then imports all rows (only when every row is valid) or the valid rows only.
 * The progress bar follows the upload; the server's check and write follow as an indeterminate step.
 */
import { useRef, useState } from 'react';
import { Alert, Button, Modal, Progress, Space, Table, Typography, Upload } from 'antd';
import type { TableColumnsType } from 'antd';
import type { HTMLAttributes } from 'react';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { formatCount } from '../../ui/format.ts';
import { importRegister } from './api.ts';
import type { ImportMode, ImportReport, RowIssue } from './api.ts';
import { useRT } from './i18n.ts';

type Phase = 'idle' | 'uploading' | 'processing' | 'done';

function sizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toLocaleString('vi-VN', { maximumFractionDigits: 1 })} KB`;
  return `${(bytes / 1024 / 1024).toLocaleString('vi-VN', { maximumFractionDigits: 1 })} MB`;
}

function IssueTable({ issues, testId }: { issues: RowIssue[]; testId: string }) {
  const { rt } = useRT();
  const columns: TableColumnsType<RowIssue> = [
    { title: rt('rc.imp.row'), dataIndex: 'row', width: 80, align: 'right' },
    { title: rt('rc.imp.column'), key: 'column', width: 220, render: (_: unknown, i) => `${i.column} — ${i.header}` },
    { title: rt('rc.imp.message'), dataIndex: 'message' },
  ];
  return (
    <Table<RowIssue>
      size="small"
      rowKey={(i) => `${i.row}:${i.column}:${i.message}`}
      columns={columns}
      dataSource={issues}
      pagination={issues.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
      onRow={(i) => ({ 'data-testid': testId, 'data-row': String(i.row) }) as HTMLAttributes<HTMLElement>}
    />
  );
}

export function RegisterImport({ agency, open, onClose, onImported }: { agency: string; open: boolean; onClose: () => void; onImported: () => void }) {
  const { rt, lang } = useRT();
  const [file, setFile] = useState<File | null>(null);
  const [phase, setPhase] = useState<Phase>('idle');
  const [mode, setMode] = useState<ImportMode>('check');
  const [upload, setUpload] = useState(0);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [notXlsx, setNotXlsx] = useState(false);
  const abort = useRef<(() => void) | null>(null);

  const busy = phase === 'uploading' || phase === 'processing';
  const checked = report?.mode === 'check' ? report : null;

  const reset = () => {
    setFile(null);
    setPhase('idle');
    setReport(null);
    setError(null);
    setUpload(0);
    setNotXlsx(false);
  };

  const run = async (m: ImportMode) => {
    if (!file) return;
    setMode(m);
    setPhase('uploading');
    setUpload(0);
    setError(null);
    const req = importRegister(agency, file, m, lang, (f) => {
      setUpload(Math.round(f * 100));
      if (f >= 1) setPhase('processing');
    });
    abort.current = req.abort;
    try {
      const r = await req.promise;
      setReport(r);
      setPhase('done');
      if (r.status === 'imported') onImported();
    } catch (err) {
      setError(err);
      setPhase('done');
    } finally {
      abort.current = null;
    }
  };

  const close = () => {
    abort.current?.();
    reset();
    onClose();
  };

  const processingText = mode === 'check' ? rt('rc.imp.checking') : rt('rc.imp.writing');
  const imported = report?.status === 'imported' ? report : null;
  const rejected = report?.status === 'rejected' ? report : null;

  return (
    <Modal
      open={open}
      onCancel={close}
      title={rt('rc.imp.title')}
      width={900}
      footer={
        <Space wrap>
          {imported || rejected || error !== null ? (
            <Button onClick={reset} data-testid="register-import-again">
              {rt('rc.imp.again')}
            </Button>
          ) : null}
          <Button onClick={close}>{rt('common.close')}</Button>
        </Space>
      }
      destroyOnHidden
    >
      <div data-testid="register-import">
        <Typography.Paragraph>{rt('rc.imp.intro')}</Typography.Paragraph>
        {!imported && (
          <Space wrap align="center" style={{ marginBottom: 16 }}>
            <Typography.Text id="register-import-file-label">{rt('rc.imp.file')}:</Typography.Text>
            <Upload
              accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              maxCount={1}
              showUploadList={false}
              disabled={busy}
              beforeUpload={(f) => {
                const ok = f.name.toLowerCase().endsWith('.xlsx');
                setNotXlsx(!ok);
                if (ok) {
                  setFile(f);
                  setReport(null);
                  setError(null);
                  setPhase('idle');
                }
                return Upload.LIST_IGNORE;
              }}
            >
              <Button disabled={busy} aria-describedby="register-import-file-label" data-testid="register-import-choose">
                {rt('rc.imp.choose')}
              </Button>
            </Upload>
            {file && (
              <Typography.Text strong data-testid="register-import-file">
                {rt('rc.imp.chosen', { name: file.name, size: sizeText(file.size) })}
              </Typography.Text>
            )}
            <Button type="primary" disabled={!file || busy} loading={busy && mode === 'check'} onClick={() => void run('check')} data-testid="register-import-check">
              {rt('rc.imp.check')}
            </Button>
          </Space>
        )}
        {notXlsx && <Alert type="error" showIcon style={{ marginBottom: 16 }} title={rt('rc.imp.notXlsx')} />}

        {busy && (
          <div style={{ marginBottom: 16 }} data-testid="register-import-progress" aria-live="polite">
            <Typography.Text>{phase === 'uploading' ? rt('rc.imp.uploading') : processingText}</Typography.Text>
            <Progress percent={phase === 'uploading' ? upload : 100} status="active" aria-label={rt('rc.imp.progress')} showInfo={phase === 'uploading'} />
          </div>
        )}

        {error !== null && <ErrorAlert error={error} testId="register-import-error" />}

        {imported && (
          <Alert type="success" showIcon data-testid="register-import-done" title={rt('rc.imp.done', { count: formatCount(imported.imported) })} style={{ marginBottom: 16 }} />
        )}
        {rejected && (
          <Alert type="error" showIcon data-testid="register-import-rejected" title={rt('rc.imp.rejected', { count: formatCount(rejected.invalid) })} style={{ marginBottom: 16 }} />
        )}

        {report && (
          <div data-testid="register-import-report" data-total={report.total} data-valid={report.valid} data-invalid={report.invalid}>
            <Typography.Paragraph strong data-testid="register-import-summary">
              {rt('rc.imp.summary', { total: formatCount(report.total), valid: formatCount(report.valid), invalid: formatCount(report.invalid) })}
            </Typography.Paragraph>
            {checked && checked.invalid === 0 && <Alert type="success" showIcon style={{ marginBottom: 12 }} title={rt('rc.imp.allValid', { total: formatCount(checked.total) })} />}
            {checked && checked.invalid > 0 && <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={rt('rc.imp.allBlocked')} />}
            {checked && (
              <Space wrap style={{ marginBottom: 16 }}>
                <Button type="primary" disabled={busy || checked.invalid > 0 || checked.total === 0} onClick={() => void run('all')} data-testid="register-import-all">
                  {rt('rc.imp.importAll', { count: formatCount(checked.total) })}
                </Button>
                <Button disabled={busy || checked.valid === 0 || checked.invalid === 0} onClick={() => void run('valid-only')} data-testid="register-import-valid">
                  {rt('rc.imp.importValid', { count: formatCount(checked.valid) })}
                </Button>
              </Space>
            )}
            {report.errors.length > 0 && (
              <>
                <Typography.Title level={3} style={{ fontSize: 15 }}>
                  {rt('rc.imp.errors')}
                </Typography.Title>
                <IssueTable issues={report.errors} testId="register-import-error-row" />
              </>
            )}
            {report.warnings.length > 0 && (
              <>
                <Typography.Title level={3} style={{ fontSize: 15 }}>
                  {rt('rc.imp.warnings')}
                </Typography.Title>
                <IssueTable issues={report.warnings} testId="register-import-warning-row" />
              </>
            )}
          </div>
        )}
      </div>
    </Modal>
  );
}
