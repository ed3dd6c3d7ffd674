import { useState } from 'react';
import { Alert, Button, Descriptions, Form, Input, Space } from 'antd';
import { useT } from '../../i18n/i18n.tsx';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { useUser } from '../auth/session.tsx';
import { assignCase } from './api.ts';

interface Props {
  caseId: string;
  assigneeId: string | null | undefined;
  /** Handlers and heads assign; others only see who holds the case. */
  canAssign: boolean;
  onChanged: () => void;
}

/**
 * Who holds the case, and assignment by username. The API gives the assignee's id only and no list of
 * the agency's officers, so the field is a typed username (see the report's API gaps).
 */
export function CaseAssignment({ caseId, assigneeId, canAssign, onChanged }: Props) {
  const t = useT();
  const user = useUser();
  const [username, setUsername] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const [missing, setMissing] = useState(false);

  const holder = !assigneeId ? t('case.assigneeNone') : String(assigneeId) === String(user.id) ? `${t('case.assigneeMe')} (${user.displayName})` : t('case.assigneeOther');

  const assign = async (who: string) => {
    const name = who.trim();
    if (!name) {
      setMissing(true);
      return;
    }
    setMissing(false);
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      await assignCase(caseId, name);
      setDone(name);
      setUsername('');
      onChanged();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Descriptions size="small" column={1} items={[{ key: 'assignee', label: t('case.assignee'), children: <span data-testid="case-assignee">{holder}</span> }]} />
      {done && <Alert type="success" showIcon title={t('case.assigned', { username: done })} data-testid="assign-done" />}
      {error !== null && <ErrorAlert error={error} testId="assign-error" />}
      {canAssign && (
        <Form layout="vertical" component="div">
          <Form.Item
            label={t('case.assignUsername')}
            htmlFor="assign-username"
            style={{ marginBottom: 8 }}
            validateStatus={missing ? 'error' : undefined}
            help={missing ? t('case.usernameRequired') : undefined}
          >
            <Space.Compact style={{ width: '100%' }}>
              <Input
                id="assign-username"
                data-testid="assign-username"
                autoComplete="off"
                value={username}
                onChange={(e) => setUsername(e.target.value)}
                onPressEnter={() => void assign(username)}
              />
              <Button type="primary" loading={busy} onClick={() => void assign(username)} data-testid="assign-submit">
                {t('case.assignSubmit')}
              </Button>
            </Space.Compact>
          </Form.Item>
          {String(assigneeId ?? '') !== String(user.id) && (
            <Button size="small" onClick={() => void assign(user.username)} disabled={busy} data-testid="assign-me">
              {t('case.assignToMe')}
            </Button>
          )}
        </Form>
      )}
    </Space>
  );
}
