/**
 * Moving an agency's Excel sheets into DânVận (issue 19): choose what the file holds, upload it, check the column
 * mapping DânVận proposes (or the agency's saved template) and correct it by dropdown, preview the first rows as
 * DânVận reads them with every row checked, then confirm — all or nothing, or the valid rows only with the error
 * file — and undo the whole import while nothing was done on its records. The upload has a progress bar; then the
 * server's own progress (rows checked, rows written) is polled with getImportProgress under the id the page gave
 * the request (an indeterminate bar until the server answers).
 */
import { useEffect, useState } from 'react';
import type { HTMLAttributes } from 'react';
import { Alert, Button, Card, Checkbox, Progress, Radio, Select, Space, Table, Tag, Typography, Upload } from 'antd';
import type { TableColumnsType } from 'antd';
import { useCurrentAgency } from '../modules/agencies/current-agency.tsx';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { formatDate } from '../ui/format.ts';
import { importProgress, previewImport, runImport, undoImport } from '../modules/imports/api.ts';
import type { ImportMode, ImportResult, ImportTarget, Preview, RowIssue, ServerProgress } from '../modules/imports/api.ts';
import { useIT } from '../modules/imports/i18n.ts';

type Phase = 'idle' | 'uploading' | 'processing';

const newProgressId = () => (typeof crypto.randomUUID === 'function' ? crypto.randomUUID() : null);

/** Polls the server's progress of the request named `id` while the page waits for its answer. */
function useServerProgress(id: string | null, active: boolean): ServerProgress | null {
  const [p, setP] = useState<ServerProgress | null>(null);
  useEffect(() => {
    setP(null);
    if (!id || !active) return;
    let stop = false;
    const tick = async () => {
      try {
        const r = await importProgress(id);
        if (!stop && r) setP(r);
      } catch {
        // A failed poll leaves the bar as it was: the upload's own answer says what happened.
      }
      if (!stop) timer = window.setTimeout(() => void tick(), 500);
    };
    let timer = window.setTimeout(() => void tick(), 200);
    return () => {
      stop = true;
      window.clearTimeout(timer);
    };
  }, [id, active]);
  return p;
}

function IssueTable({ issues, testId }: { issues: RowIssue[]; testId: string }) {
  const { it } = useIT();
  const columns: TableColumnsType<RowIssue> = [
    { title: it('imp.row'), dataIndex: 'row', width: 80, align: 'right' },
    { title: it('imp.column'), key: 'column', width: 260, render: (_: unknown, i) => (i.column ? `${i.column} — ${i.header}` : i.header) },
    { title: it('imp.reason'), dataIndex: 'message' },
  ];
  return (
    <Table<RowIssue>
      size="small"
      rowKey={(i) => `${i.row}:${i.column}:${i.message}`}
      columns={columns}
      dataSource={issues}
      pagination={issues.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
      onRow={(i) => ({ 'data-testid': testId, 'data-row': String(i.row) }) as HTMLAttributes<HTMLElement>}
    />
  );
}

function download(name: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  URL.revokeObjectURL(url);
}

export default function ImportPage() {
  const { it, lang } = useIT();
  const { agency } = useCurrentAgency();
  const [target, setTarget] = useState<ImportTarget>('register');
  const [file, setFile] = useState<File | null>(null);
  const [phase, setPhase] = useState<Phase>('idle');
  const [upload, setUpload] = useState(0);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [mapping, setMapping] = useState<Record<string, string>>({});
  const [saveTemplate, setSaveTemplate] = useState(true);
  const [mode, setMode] = useState<ImportMode>('all');
  const [result, setResult] = useState<ImportResult | null>(null);
  const [undone, setUndone] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [progressId, setProgressId] = useState<string | null>(null);
  const server = useServerProgress(progressId, phase === 'processing');

  if (!agency) return null;
  const busy = phase !== 'idle';
  const onUpload = (f: number) => {
    setUpload(Math.round(f * 100));
    if (f >= 1) setPhase('processing');
  };

  const doPreview = async (f: File, m: Record<string, string> | null, save: boolean) => {
    setPhase('uploading');
    setUpload(0);
    setError(null);
    setResult(null);
    setUndone(null);
    const pid = newProgressId();
    setProgressId(pid);
    try {
      const p = await previewImport(target, agency.code, f, m, save, lang, onUpload, pid);
      setPreview(p);
      setMapping(p.mapping);
    } catch (err) {
      setError(err);
    } finally {
      setPhase('idle');
    }
  };

  const doImport = async () => {
    if (!file) return;
    setPhase('uploading');
    setUpload(0);
    setError(null);
    const pid = newProgressId();
    setProgressId(pid);
    try {
      setResult(await runImport(target, agency.code, file, mapping, mode, lang, onUpload, pid));
    } catch (err) {
      setError(err);
    } finally {
      setPhase('idle');
    }
  };

  const doUndo = async () => {
    if (!result?.importId) return;
    setError(null);
    try {
      const r = await undoImport(result.importId);
      setUndone(r.removed);
    } catch (err) {
      setError(err);
    }
  };

  const reset = () => {
    setFile(null);
    setPreview(null);
    setResult(null);
    setUndone(null);
    setError(null);
  };

  const fieldOptions = (preview?.fields ?? []).map((f) => ({ value: f.key, label: f.label }));
  const dirty = preview !== null && JSON.stringify(mapping) !== JSON.stringify(preview.mapping);

  const previewColumns: TableColumnsType<Preview['rows'][number]> =
    target === 'register'
      ? [
          { title: it('imp.row'), dataIndex: 'row', width: 70 },
          ...['date', 'nameAddress', 'idNumber', 'content', 'type', 'people', 'withinJurisdiction', 'guidance', 'transfer'].map((k) => ({
            title: preview?.fields.find((f) => f.key === k)?.label ?? (k === 'nameAddress' ? 'Họ tên, địa chỉ' : k),
            key: k,
            render: (_: unknown, r: Preview['rows'][number]) => <span style={{ whiteSpace: 'pre-line' }}>{r.cells?.[k] ?? ''}</span>,
          })),
        ]
      : [
          { title: it('imp.row'), dataIndex: 'row', width: 70 },
          { title: it('imp.kind'), dataIndex: 'kind' },
          { title: it('imp.received'), key: 'received', render: (_: unknown, r) => formatDate(r.receivedOn ?? null) },
          { title: it('imp.state'), dataIndex: 'stateLabel' },
          { title: it('imp.due'), key: 'due', render: (_: unknown, r) => (r.dueOn ? <>{formatDate(r.dueOn)} {r.overdue ? <Tag color="red">{it('imp.overdue')}</Tag> : null}</> : '—') },
        ];

  return (
    <div data-testid="import-page">
      <Typography.Title level={1}>{it('imp.title')}</Typography.Title>
      <Typography.Paragraph>{it('imp.intro')}</Typography.Paragraph>
      <Space direction="vertical" size="large" style={{ width: '100%' }}>
        <Card size="small">
          <Space wrap align="center">
            <Typography.Text id="import-target-label">{it('imp.target')}:</Typography.Text>
            <Radio.Group
              aria-labelledby="import-target-label"
              value={target}
              disabled={busy || preview !== null}
              onChange={(e) => setTarget(e.target.value as ImportTarget)}
              options={[
                { value: 'register', label: it('imp.target.register') },
                { value: 'cases', label: it('imp.target.cases') },
              ]}
              data-testid="import-target"
            />
            <Upload
              accept=".xlsx,.csv,.xls"
              maxCount={1}
              showUploadList={false}
              disabled={busy}
              beforeUpload={(f) => {
                setFile(f);
                void doPreview(f, null, false);
                return Upload.LIST_IGNORE;
              }}
            >
              <Button disabled={busy} data-testid="import-choose">
                {it('imp.choose')}
              </Button>
            </Upload>
            {file && <Typography.Text strong>{it('imp.chosen', { name: file.name })}</Typography.Text>}
            {preview && (
              <Button onClick={reset} data-testid="import-again">
                {it('imp.again')}
              </Button>
            )}
          </Space>
          {phase === 'uploading' && <Progress percent={upload} aria-label={it('imp.uploading', { percent: upload })} data-testid="import-progress" />}
          {phase === 'processing' && !server && <Progress percent={99} status="active" showInfo={false} aria-label={it('imp.processing')} />}
          {phase === 'processing' && !server && <Typography.Text type="secondary">{it('imp.processing')}</Typography.Text>}
          {phase === 'processing' && server && (
            <>
              <Progress percent={server.percent} status="active" aria-label={it(`imp.server.${server.phase}`, { done: server.done, total: server.total })} data-testid="import-server-progress" />
              <Typography.Text type="secondary" data-testid="import-server-progress-text">
                {it(`imp.server.${server.phase}`, { done: server.done, total: server.total })}
              </Typography.Text>
            </>
          )}
        </Card>

        {error !== null && <ErrorAlert error={error} />}

        {preview && (
          <Card size="small" title={it('imp.mapping')}>
            <Typography.Paragraph data-testid="import-header">
              {it('imp.header', { rows: preview.headerRows.join(', '), first: preview.firstDataRow })} — {it(`imp.source.${preview.mappingSource}`)}
            </Typography.Paragraph>
            {preview.encoding && <Alert type="warning" showIcon message={it('imp.legacy', { encoding: preview.encoding.toUpperCase() })} style={{ marginBottom: 12 }} />}
            {preview.mappingProblems.length > 0 && <Alert type="error" showIcon message={preview.mappingProblems.join('; ')} style={{ marginBottom: 12 }} data-testid="import-mapping-problems" />}
            <Table
              size="small"
              pagination={false}
              rowKey="letter"
              dataSource={preview.columns}
              columns={[
                { title: it('imp.col.letter'), dataIndex: 'letter', width: 60 },
                { title: it('imp.col.header'), dataIndex: 'header' },
                {
                  title: it('imp.col.field'),
                  key: 'field',
                  width: 340,
                  render: (_: unknown, c) => (
                    <Select
                      style={{ width: 320 }}
                      value={mapping[c.letter] ?? 'ignore'}
                      options={fieldOptions}
                      virtual={false}
                      showSearch
                      optionFilterProp="label"
                      aria-label={`${it('imp.col.field')} — ${c.letter}: ${c.header}`}
                      data-testid={`import-map-${c.letter}`}
                      onChange={(v: string) => setMapping((m) => {
                        const next = { ...m };
                        if (v === 'ignore') delete next[c.letter];
                        else next[c.letter] = v;
                        return next;
                      })}
                    />
                  ),
                },
                { title: it('imp.col.confidence'), dataIndex: 'confidence', width: 100, render: (n: number) => <Tag color={n >= 80 ? 'green' : n >= 40 ? 'gold' : 'default'}>{n}</Tag> },
              ]}
              data-testid="import-mapping"
            />
            <Space style={{ marginTop: 12 }} wrap>
              <Checkbox checked={saveTemplate} onChange={(e) => setSaveTemplate(e.target.checked)} data-testid="import-save-template">
                {it('imp.saveTemplate')}
              </Checkbox>
              <Button type={dirty ? 'primary' : 'default'} disabled={busy || !file} onClick={() => file && void doPreview(file, mapping, saveTemplate)} data-testid="import-apply">
                {it('imp.apply')}
              </Button>
              {preview.templateSaved && <Typography.Text type="success" data-testid="import-template-saved">{it('imp.templateSaved')}</Typography.Text>}
            </Space>
          </Card>
        )}

        {preview && !preview.mappingProblems.length && (
          <Card size="small" title={it('imp.preview', { count: preview.rows.length })}>
            <Typography.Paragraph strong data-testid="import-check">
              {it('imp.check', { total: preview.total, valid: preview.valid, invalid: preview.invalid })}
            </Typography.Paragraph>
            <Table size="small" pagination={false} rowKey="row" columns={previewColumns} dataSource={preview.rows} scroll={{ x: true }} data-testid="import-preview" />
            {preview.errors.length > 0 && (
              <>
                <Typography.Title level={2} style={{ fontSize: 18, marginTop: 16 }}>{it('imp.errors')}</Typography.Title>
                <IssueTable issues={preview.errors} testId="import-error" />
                <Button onClick={() => download('loi-nhap.csv', preview.errorFile)}>{it('imp.errorFile')}</Button>
              </>
            )}
            {preview.warnings.length > 0 && (
              <>
                <Typography.Title level={2} style={{ fontSize: 18, marginTop: 16 }}>{it('imp.warnings')}</Typography.Title>
                <IssueTable issues={preview.warnings} testId="import-warning" />
              </>
            )}
            {!result && (
              <Space style={{ marginTop: 16 }} wrap>
                <Radio.Group value={mode} onChange={(e) => setMode(e.target.value as ImportMode)} options={[{ value: 'all', label: it('imp.mode.all') }, { value: 'valid-only', label: it('imp.mode.valid-only') }]} />
                <Button type="primary" disabled={busy || dirty || (mode === 'all' && preview.invalid > 0)} onClick={() => void doImport()} data-testid="import-confirm">
                  {it('imp.confirm')}
                </Button>
              </Space>
            )}
          </Card>
        )}

        {result && (
          <Card size="small">
            {result.status === 'rejected' ? (
              <Alert type="error" showIcon message={it('imp.rejected', { count: result.invalid })} />
            ) : (
              <Space direction="vertical">
                <Alert type="success" showIcon message={it('imp.done', { count: result.imported })} data-testid="import-done" />
                {result.errorFile && result.errors.length > 0 && <Button onClick={() => download('loi-nhap.csv', result.errorFile!)}>{it('imp.errorFile')}</Button>}
                {result.importId && undone === null && (
                  <Button danger onClick={() => void doUndo()} data-testid="import-undo">
                    {it('imp.undo')}
                  </Button>
                )}
                {undone !== null && <Alert type="info" showIcon message={it('imp.undone', { count: undone })} data-testid="import-undone" />}
              </Space>
            )}
          </Card>
        )}
      </Space>
    </div>
  );
}
