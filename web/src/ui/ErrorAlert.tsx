import { Alert, Button } from 'antd';
import { ApiError, NetworkError } from '../http.ts';
import { useT } from '../i18n/i18n.tsx';
import type { Translate } from '../i18n/i18n.tsx';

/** The message to show for any thrown error: the server's own (Vietnamese) message when there is one. */
export function errorMessage(error: unknown, t: Translate): string {
  if (error instanceof ApiError) {
    return error.body?.message ?? t('error.unexpected', { status: error.status });
  }
  if (error instanceof NetworkError) return t('error.network');
  return t('error.unexpected', { status: '?' });
}

interface Props {
  error: unknown;
  /** Field errors already shown next to their fields are not repeated here. */
  hideFields?: readonly string[];
  onRetry?: () => void;
  testId?: string;
}

export function ErrorAlert({ error, hideFields = [], onRetry, testId = 'error' }: Props) {
  const t = useT();
  if (!error) return null;
  const fields = error instanceof ApiError ? error.fieldErrors.filter((f) => !hideFields.includes(f.field)) : [];
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      data-testid={testId}
      title={errorMessage(error, t)}
      description={
        fields.length > 0 ? (
          <ul style={{ margin: 0, paddingInlineStart: 20 }}>
            {fields.map((f) => (
              <li key={`${f.field}:${f.message}`}>{f.message}</li>
            ))}
          </ul>
        ) : undefined
      }
      action={
        onRetry ? (
          <Button size="small" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        ) : undefined
      }
    />
  );
}
