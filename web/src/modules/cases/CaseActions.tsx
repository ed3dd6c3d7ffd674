import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Select, Space, Typography } from 'antd';
import { ApiError } from '../../http.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import type { MessageKey } from '../../i18n/i18n.tsx';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { AgencySearchSelect } from '../agencies/AgencySearchSelect.tsx';
import { allowedActionsFrom, transitionCase } from './api.ts';
import type { AllowedAction, Need, TransitionBody } from './api.ts';
import { actionLabel, outcomeLabel } from './labels.ts';

interface Props {
  caseId: string;
  actions: AllowedAction[];
  /** Called after a transition went through, or when the server says the allowed actions changed. */
  onChanged: () => void;
}

type Values = Partial<Record<Need, string>>;

const SUPPORTED: ReadonlySet<string> = new Set(['outcome', 'reason', 'targetAgency', 'documentNo', 'violationIndicated']);
const NEED_LABEL: Record<string, MessageKey> = {
  outcome: 'case.outcome',
  reason: 'case.reason',
  targetAgency: 'case.targetAgency',
  documentNo: 'case.documentNo',
  violationIndicated: 'case.violationIndicated',
};

function bodyOf(a: AllowedAction, values: Values, note: string): TransitionBody {
  const body: TransitionBody = { action: a.action };
  for (const need of a.needs) {
    const v = values[need]?.trim();
    if (!v) continue;
    if (need === 'outcome') body.outcome = v;
    else if (need === 'reason') body.reason = v;
    else if (need === 'targetAgency') body.targetAgency = v;
    else if (need === 'documentNo') body.documentNo = v;
    else if (need === 'violationIndicated') body.violationIndicated = v === 'yes';
  }
  if (note.trim()) body.note = note.trim();
  return body;
}

/**
 * One block per action the server allows (its policy decides; the UI only renders it), with
 * the inputs the action needs — an outcome picker for `outcome`.
 */
export function CaseActions({ caseId, actions, onChanged }: Props) {
  const { t, lang } = useI18n();
  const [values, setValues] = useState<Record<string, Values>>({});
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [missing, setMissing] = useState<{ action: string; need: Need } | null>(null);

  // Action names: the server's Vietnamese label is the precise one ("Kết luận nội dung tố cáo"),
  // so Vietnamese shows it; other languages use the catalog. Outcomes use the catalog's short
  // labels (Đúng, Đúng một phần, Sai, Sai sự thật), falling back to the server's label.
  const labelOfAction = (a: AllowedAction) => (lang === 'vi' && a.label ? a.label : actionLabel(t, a.action, a.label));
  const choices = (a: AllowedAction) => (a.outcomes ?? []).map((o) => ({ value: o.value, label: outcomeLabel(t, o.value, o.label) }));
  const setValue = (action: string, need: Need, v: string) => {
    setValues((all) => ({ ...all, [action]: { ...all[action], [need]: v } }));
    setMissing(null);
  };

  const run = async (a: AllowedAction) => {
    const mine = values[a.action] ?? {};
    const absent = a.needs.find((n) => !mine[n]?.trim());
    if (absent) {
      setMissing({ action: a.action, need: absent });
      return;
    }
    setMissing(null);
    setBusy(a.action);
    setError(null);
    setNotice(null);
    try {
      const res = await transitionCase(caseId, bodyOf(a, mine, note));
      setNotice(res.notice ?? null);
      setNote('');
      setValues({});
      onChanged();
    } catch (err) {
      setError(err);
      // Someone else moved the case, or the rules changed: show what is allowed now.
      if (err instanceof ApiError && err.status === 409 && allowedActionsFrom(err.body)) onChanged();
    } finally {
      setBusy(null);
    }
  };

  const field = (a: AllowedAction, need: Need) => {
    const id = `case-${need}-${a.action}`;
    const value = values[a.action]?.[need];
    const labelKey = NEED_LABEL[need];
    const isMissing = missing?.action === a.action && missing.need === need;
    let input;
    if (need === 'outcome' || (need === 'reason' && a.outcomes?.length)) {
      input = (
        <Select
          id={id}
          data-testid={id}
          style={{ minWidth: 240 }}
          placeholder={t(need === 'outcome' ? 'case.chooseOutcome' : 'case.chooseReason')}
          value={value}
          onChange={(v: string) => setValue(a.action, need, v)}
          options={choices(a)}
        />
      );
    } else if (need === 'targetAgency') {
      input = (
        <AgencySearchSelect
          id={id}
          testId={id}
          value={value}
          placeholder={t('case.targetAgencySearch')}
          onChange={(v) => setValue(a.action, need, v)}
        />
      );
    } else if (need === 'violationIndicated') {
      input = (
        <Select
          id={id}
          data-testid={id}
          style={{ minWidth: 120 }}
          value={value}
          onChange={(v: string) => setValue(a.action, need, v)}
          options={[
            { value: 'yes', label: t('case.yes') },
            { value: 'no', label: t('case.no') },
          ]}
        />
      );
    } else {
      input = <Input id={id} data-testid={id} value={value} onChange={(e) => setValue(a.action, need, e.target.value)} />;
    }
    const label = labelKey ? t(labelKey) : need;
    return (
      <Form.Item
        key={need}
        label={label}
        htmlFor={id}
        style={{ marginBottom: 8 }}
        validateStatus={isMissing ? 'error' : undefined}
        help={isMissing ? (need === 'outcome' ? t('case.outcomeRequired') : t('case.fieldRequired', { field: label.toLowerCase() })) : undefined}
      >
        {input}
      </Form.Item>
    );
  };

  const noticeBox = notice && (
    <Alert type="success" showIcon title={notice} data-testid="case-notice" style={{ marginBottom: 16 }} closable={{ onClose: () => setNotice(null) }} />
  );

  if (actions.length === 0) {
    return (
      <>
        {noticeBox}
        <Typography.Text type="secondary">{t('case.noActions')}</Typography.Text>
      </>
    );
  }

  return (
    <Form layout="vertical" component="div">
      {noticeBox}
      {error !== null && (
        <div style={{ marginBottom: 16 }}>
          <ErrorAlert error={error} testId="case-action-error" />
        </div>
      )}
      <Form.Item label={t('case.note')} htmlFor="case-note">
        <Input.TextArea id="case-note" rows={2} value={note} onChange={(e) => setNote(e.target.value)} data-testid="case-note" />
      </Form.Item>
      <Space orientation="vertical" size="small" style={{ width: '100%' }}>
        {actions.map((a) => {
          const unsupported = a.needs.some((n) => !SUPPORTED.has(n));
          return (
            <Card key={a.action} size="small" data-testid={`case-action-block-${a.action}`}>
              {!unsupported && a.needs.map((need) => field(a, need))}
              <Button
                type={a.needs.length > 0 || actions.length === 1 ? 'primary' : 'default'}
                data-testid={`case-action-${a.action}`}
                loading={busy === a.action}
                disabled={unsupported || (busy !== null && busy !== a.action)}
                onClick={() => void run(a)}
              >
                {labelOfAction(a)}
              </Button>
              {unsupported && (
                <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0' }}>
                  {t('case.unsupportedNeed')}
                </Typography.Paragraph>
              )}
              {a.citation && (
                <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0', fontSize: 12 }}>
                  {t('case.citation', { citation: a.citation })}
                </Typography.Paragraph>
              )}
            </Card>
          );
        })}
      </Space>
    </Form>
  );
}
