import { useState } from 'react';
import { Alert, Button, Form, Input, Space, Typography } from 'antd';
import { formatIsoDateVi } from '@danvan/domain/text';
import { useT } from '../../i18n/i18n.tsx';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { publishPublicAnswer, withdrawPublicAnswer } from './api.ts';

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
      {done && <Alert type="success" showIcon title={done} data-testid="public-answer-done" />}
      {error !== null && <ErrorAlert error={error} testId="public-answer-error" />}
      <Form layout="vertical" component="div">
        <Form.Item label={t('case.publicAnswerText')} htmlFor="public-answer-text" style={{ marginBottom: 8 }}>
          <Input.TextArea id="public-answer-text" data-testid="public-answer-text" rows={4} value={text} onChange={(e) => setText(e.target.value)} maxLength={20000} />
        </Form.Item>
        <Space>
          <Button
            type="primary"
            data-testid="public-answer-publish"
            loading={busy}
            disabled={!text.trim()}
            onClick={() => void run(async () => t('case.publicAnswerDone', { date: formatIsoDateVi((await publishPublicAnswer(caseId, text.trim())).publishedOn) }))}
          >
            {t('case.publicAnswerPublish')}
          </Button>
          <Button data-testid="public-answer-withdraw" loading={busy} onClick={() => void run(async () => (await withdrawPublicAnswer(caseId), t('case.publicAnswerWithdrawn')))}>
            {t('case.publicAnswerWithdraw')}
          </Button>
        </Space>
      </Form>
    </Space>
  );
}
