import { useState } from 'react';
import { Alert, Button, Form, Input, Space, Typography } from 'antd';
import { formatIsoDateVi } from '@danvan/domain/text';
import { useT } from '../../i18n/i18n.tsx';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { previewPublicAnswer, publishPublicAnswer, withdrawPublicAnswer, type PublicAnswerPreview, type Suspect } from './api.ts';
import { usePaT } from '../hardening/i18n.ts';

/** The previewed text with what still looks personal highlighted (<mark>). */
function Highlighted({ text, marks }: { text: string; marks: Suspect[] }) {
  const parts: React.ReactNode[] = [];
  let pos = 0;
  for (const [i, m] of marks.entries()) {
    if (m.start < pos) continue;
    parts.push(text.slice(pos, m.start));
    parts.push(<mark key={i} data-testid="public-answer-suspect">{text.slice(m.start, m.end)}</mark>);
    pos = m.end;
  }
  parts.push(text.slice(pos));
  return <Typography.Paragraph data-testid="public-answer-preview-text" style={{ whiteSpace: 'pre-wrap' }}>{parts}</Typography.Paragraph>;
}

interface Props {
  caseId: string;
}

/** A handler or head publishes the answer of a case on the citizen portal, or removes it (issue 7, public answers). */
export function CasePublicAnswer({ caseId }: Props) {
  const t = useT();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const [preview, setPreview] = useState<PublicAnswerPreview | null>(null);
  const pt = usePaT();

  const run = async (fn: () => Promise<string>) => {
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      setDone(await fn());
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
        {t('case.publicAnswerHelp')}
      </Typography.Paragraph>
      {preview && (
        <div data-testid="public-answer-preview" style={{ border: '1px solid #d9d9d9', borderRadius: 6, padding: 12 }}>
          <Typography.Text strong>{pt('pa.previewTitle')}</Typography.Text>
          <Highlighted text={preview.answer} marks={preview.remaining.answer} />
          <Typography.Paragraph type="secondary">{preview.remaining.answer.length ? pt('pa.previewHelp') : pt('pa.previewNone')}</Typography.Paragraph>
          {preview.headConfirms && <Alert type="info" showIcon title={pt('pa.headConfirms')} style={{ marginBottom: 8 }} />}
          <Space>
            <Button
              type="primary"
              data-testid="public-answer-confirm"
              loading={busy}
              onClick={() =>
                void run(async () => {
                  const r = await publishPublicAnswer(caseId, text.trim(), preview.digest);
                  setPreview(null);
                  return t('case.publicAnswerDone', { date: formatIsoDateVi(r.publishedOn) });
                })
              }
            >
              {pt('pa.confirm')}
            </Button>
            <Button onClick={() => setPreview(null)}>{pt('pa.cancel')}</Button>
          </Space>
        </div>
      )}
      {done && <Alert type="success" showIcon title={done} data-testid="public-answer-done" />}
      {error !== null && <ErrorAlert error={error} testId="public-answer-error" />}
      <Form layout="vertical" component="div">
        <Form.Item label={t('case.publicAnswerText')} htmlFor="public-answer-text" style={{ marginBottom: 8 }}>
          <Input.TextArea id="public-answer-text" data-testid="public-answer-text" rows={4} value={text} onChange={(e) => {
              setText(e.target.value);
              setPreview(null);
            }} maxLength={20000} />
        </Form.Item>
        <Space>
          <Button
            type="primary"
            data-testid="public-answer-publish"
            loading={busy}
            disabled={!text.trim()}
            onClick={() =>
              void run(async () => {
                setPreview(await previewPublicAnswer(caseId, text.trim()));
                return '';
              })
            }
          >
            {pt('pa.preview')}
          </Button>
          <Button data-testid="public-answer-withdraw" loading={busy} onClick={() => void run(async () => (await withdrawPublicAnswer(caseId), t('case.publicAnswerWithdrawn')))}>
            {t('case.publicAnswerWithdraw')}
          </Button>
        </Space>
      </Form>
    </Space>
  );
}
