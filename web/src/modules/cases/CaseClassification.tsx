import { useState } from 'react';
import { Alert, Button, Form, Select, Space, Tag, Typography } from 'antd';
import type { CaseKind } from '@danvan/domain/workflow';
import { useT } from '../../i18n/i18n.tsx';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { classifyCase } from './api.ts';
import type { CaseDetail, FieldOption, Suggested, Suggestion } from './api.ts';
import { CASE_KINDS, kindLabel } from './labels.ts';

function Keywords({ s, testId }: { s: Suggested; testId: string }) {
  const t = useT();
  return (
    <span data-testid={testId}>
      <Typography.Text type="secondary">{t('case.matched')} </Typography.Text>
      {s.matched.map((w) => (
        <Tag key={w} style={{ marginInlineEnd: 4 }}>
          {w}
        </Tag>
      ))}
    </span>
  );
}

/** The keyword suggestion, with the words that triggered it. Never applied silently. */
export function SuggestionView({ suggestion, fieldLabel }: { suggestion: Suggestion | undefined; fieldLabel: (code: string) => string }) {
  const t = useT();
  if (!suggestion || (!suggestion.kind && !suggestion.field && !suggestion.severalContents)) {
    return <Typography.Text type="secondary">{t('case.noSuggestion')}</Typography.Text>;
  }
  return (
    <Space orientation="vertical" size={4} style={{ width: '100%' }} data-testid="suggestion">
      {suggestion.kind && (
        <div data-testid="suggestion-kind" data-value={suggestion.kind.value}>
          <Typography.Text strong>{t('case.suggestKind', { kind: kindLabel(t, suggestion.kind.value) })}</Typography.Text>{' '}
          <Keywords s={suggestion.kind} testId="suggestion-kind-matched" />
        </div>
      )}
      {suggestion.field && (
        <div data-testid="suggestion-field" data-value={suggestion.field.value}>
          <Typography.Text strong>{t('case.suggestField', { field: fieldLabel(suggestion.field.value) })}</Typography.Text>{' '}
          <Keywords s={suggestion.field} testId="suggestion-field-matched" />
        </div>
      )}
      {suggestion.severalContents && <Alert type="warning" showIcon title={t('case.severalContents')} data-testid="suggestion-several" />}
    </Space>
  );
}

interface Props {
  c: CaseDetail;
  suggestion: Suggestion | undefined;
  fields: FieldOption[];
  fieldLabel: (code: string) => string;
  /** Handlers and heads classify; others only read. */
  canEdit: boolean;
  onChanged: () => void;
}

export function CaseClassification({ c, suggestion, fields, fieldLabel, canEdit, onChanged }: Props) {
  const t = useT();
  const kindOpen = c.state === 'received';
  const [kind, setKind] = useState<CaseKind>(c.kind as CaseKind); // the server's getCase schema types `kind` as a plain string
  const [field, setField] = useState<string | undefined>(c.field ?? undefined);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);

  const applySuggestion = () => {
    if (suggestion?.kind && kindOpen && (CASE_KINDS as readonly string[]).includes(suggestion.kind.value)) setKind(suggestion.kind.value as CaseKind);
    if (suggestion?.field) setField(suggestion.field.value);
    setSaved(false);
  };

  const save = async () => {
    setBusy(true);
    setError(null);
    setSaved(false);
    try {
      const body: { kind?: CaseKind; field?: string } = {};
      if (kindOpen && kind !== c.kind) body.kind = kind;
      if (field && field !== c.field) body.field = field;
      if (body.kind || body.field) await classifyCase(String(c.id), body);
      setSaved(true);
      onChanged();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <div>
        <Typography.Title level={3} style={{ fontSize: 14, margin: '0 0 4px' }}>
          {t('case.suggestion')}
        </Typography.Title>
        <SuggestionView suggestion={suggestion} fieldLabel={fieldLabel} />
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: '4px 0 0' }}>
          {t('case.suggestionNote')}
        </Typography.Paragraph>
      </div>
      {canEdit && (
        <Form layout="vertical" component="div" data-testid="classify-form">
          {error !== null && <ErrorAlert error={error} testId="classify-error" />}
          {saved && <Alert type="success" showIcon title={t('case.classified')} data-testid="classify-saved" style={{ marginBottom: 8 }} />}
          <Space wrap align="start">
            <Form.Item label={t('cases.kind')} htmlFor="classify-kind" extra={kindOpen ? undefined : t('case.kindLocked')} style={{ marginBottom: 8 }}>
              <Select<CaseKind>
                id="classify-kind"
                data-testid="classify-kind"
                style={{ width: 220 }}
                value={kind}
                disabled={!kindOpen}
                onChange={(v) => {
                  setKind(v);
                  setSaved(false);
                }}
                options={CASE_KINDS.map((k) => ({ value: k, label: kindLabel(t, k) }))}
              />
            </Form.Item>
            <Form.Item label={t('case.field')} htmlFor="classify-field" style={{ marginBottom: 8 }}>
              <Select
                id="classify-field"
                data-testid="classify-field"
                style={{ width: 220 }}
                placeholder={t('case.chooseField')}
                value={field}
                onChange={(v: string) => {
                  setField(v);
                  setSaved(false);
                }}
                options={fields.map((f) => ({ value: f.value, label: f.label }))}
              />
            </Form.Item>
          </Space>
          <Space wrap>
            {(suggestion?.kind || suggestion?.field) && (
              <Button onClick={applySuggestion} data-testid="classify-apply-suggestion">
                {t('case.applySuggestion')}
              </Button>
            )}
            <Button type="primary" onClick={() => void save()} loading={busy} data-testid="classify-save">
              {t('case.classify')}
            </Button>
          </Space>
        </Form>
      )}
    </Space>
  );
}
