import { useState } from 'react';
import { Alert, Button, Card, Checkbox, DatePicker, Form, Input, InputNumber, Select, Space, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { COMPLEXITY_CRITERIA, isCaseKind, transitionsFrom } from '@danvan/domain/workflow';
import type { Role } from '@danvan/domain/roles';
import { ApiError } from '../../http.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import type { MessageKey } from '../../i18n/i18n.tsx';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { DATE_INPUT_FORMAT, DATE_WIRE_FORMAT, todayInVietnam } from '../../ui/format.ts';
import { PrintableNotice } from '../../ui/PrintableNotice.tsx';
import { Link } from '../../ui/router.tsx';
import { AgencySearchSelect } from '../agencies/AgencySearchSelect.tsx';
import { allowedActionsFrom, transitionCase } from './api.ts';
import type { AllowedAction, Complexity, TransitionBody, TransitionResult } from './api.ts';
import { actionLabel, complexityLabel, outcomeLabel } from './labels.ts';
import { useLegalT, type LegalKey } from './legal-i18n.ts';

interface Props {
  caseId: string;
  caseCode: string;
  kind: string;
  state: string;
  agencyName: string;
  /** The case's agency: a chase (đôn đốc) picks one of its lower levels. */
  agencyCode?: string;
  actions: AllowedAction[];
  /** The signed-in user's roles (from the grants); only used to offer an extension with a complexity finding. */
  roles: ReadonlySet<Role>;
  /** Called after a transition went through, or when the server says the allowed actions changed. */
  onChanged: () => void;
}

interface Values {
  outcome?: string;
  reason?: string;
  targetAgency?: string;
  documentNo?: string;
  violationIndicated?: boolean;
  complexity?: Complexity;
  extensionDays?: number | null;
  decisionNo?: string;
  signer?: string;
  complexityCriterion?: string;
  withdrawingCount?: number | null;
  withdrawPart?: boolean;
  coerced?: boolean;
  slander?: boolean;
}

type TextNeed = 'outcome' | 'reason' | 'targetAgency' | 'documentNo' | 'decisionNo' | 'signer' | 'complexityCriterion';

/** An action as rendered: the server's row, plus what the UI asks for beyond `needs`. */
interface Shown extends AllowedAction {
  /** Ask for a complexity finding; `required` when the server only allows the step with one. */
  complexity?: 'optional' | 'required';
  extensionDays?: boolean;
}

const TEXT_NEEDS: ReadonlySet<string> = new Set(['outcome', 'reason', 'targetAgency', 'documentNo', 'decisionNo', 'signer', 'complexityCriterion']);
/** Inputs labelled from legal-i18n.ts (issue 12). */
const LEGAL_NEEDS: ReadonlySet<string> = new Set(['decisionNo', 'signer', 'complexityCriterion']);
const SUPPORTED: ReadonlySet<string> = new Set([...TEXT_NEEDS, 'violationIndicated']);
const NEED_LABEL: Record<string, MessageKey> = {
  outcome: 'case.outcome',
  reason: 'case.reason',
  targetAgency: 'case.targetAgency',
  documentNo: 'case.documentNo',
  violationIndicated: 'case.violationIndicated',
};
const COMPLEXITIES: readonly Complexity[] = ['normal', 'complex', 'especially-complex'];

function isExtension(action: string): boolean {
  return action === 'extend';
}

/**
 * The actions to show: the server's allowed actions, each with the inputs it needs, plus a complexity
 * finding on acceptance and extension. The server lists `extend` only for a case already found complex;
 * the law lets the head make that finding in the extension decision itself (ND 31/2019 Art. 3), and the
 * server accepts `complexity` with the step — so an extension the shared workflow table offers from
 * this state, to a role the user holds, is shown too, with the complexity required.
 */
function shownActions(kind: string, state: string, actions: AllowedAction[], roles: ReadonlySet<Role>): Shown[] {
  const shown: Shown[] = actions.map((a) => ({
    ...a,
    complexity: (a.action === 'accept' && kind !== 'feedback') || isExtension(a.action) ? 'optional' : undefined,
    extensionDays: isExtension(a.action),
  }));
  if (isCaseKind(kind) && !actions.some((a) => isExtension(a.action))) {
    for (const tr of transitionsFrom(kind, state)) {
      if (!tr.clock?.extend || !tr.roles.some((r) => roles.has(r))) continue;
      shown.push({
        action: tr.action,
        label: tr.label,
        needs: [...(tr.needs ?? [])],
        citation: tr.citation,
        complexity: 'required',
        extensionDays: true,
      });
    }
  }
  return shown;
}

/** A complex complaint's acceptance names the criterion of the written finding (ND 124/2020 Art. 3a). */
function needsCriterion(kind: string, a: Shown, v: Values): boolean {
  return kind === 'complaint' && Boolean(a.complexity) && v.complexity !== undefined && v.complexity !== 'normal' && !a.needs.includes('complexityCriterion');
}

function bodyOf(kind: string, a: Shown, v: Values, note: string, on: Dayjs | null): TransitionBody {
  const body: TransitionBody = { action: a.action };
  for (const need of a.needs) {
    if (need === 'violationIndicated') body.violationIndicated = v.violationIndicated === true;
    else if (TEXT_NEEDS.has(need)) {
      const text = v[need as TextNeed]?.trim();
      if (text) body[need as TextNeed] = text;
    }
  }
  if (a.complexity && v.complexity) body.complexity = v.complexity;
  if (needsCriterion(kind, a, v) && v.complexityCriterion) body.complexityCriterion = v.complexityCriterion;
  if (a.action === 'withdraw') {
    if (kind === 'complaint' && v.withdrawingCount) body.withdrawingCount = v.withdrawingCount;
    if (kind === 'denunciation') {
      if (v.withdrawPart) body.withdrawalScope = 'part';
      if (v.coerced) body.coerced = true;
      if (v.slander) body.slander = true;
    }
  }
  if (a.extensionDays && v.extensionDays) body.extensionDays = v.extensionDays;
  if (note.trim()) body.note = note.trim();
  if (on) body.on = on.format(DATE_WIRE_FORMAT);
  return body;
}

/**
 * One block per action the server allows (its policy decides; the UI only renders it), with the
 * inputs the action needs. After a step, the notice to the citizen is shown, ready to print.
 */
export function CaseActions({ caseId, caseCode, kind, state, agencyName, agencyCode, actions, roles, onChanged }: Props) {
  const { t, lang } = useI18n();
  const legalLabel = useLegalT();
  const [values, setValues] = useState<Record<string, Values>>({});
  const [note, setNote] = useState('');
  const [on, setOn] = useState<Dayjs | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [result, setResult] = useState<TransitionResult | null>(null);
  const [missing, setMissing] = useState<{ action: string; need: string } | null>(null);

  const shown = shownActions(kind, state, actions, roles);
  // Action names: the server's Vietnamese label is the precise one ("Kết luận nội dung tố cáo"),
  // so Vietnamese shows it; other languages use the catalog. Outcomes use the catalog's short
  // labels (Đúng, Đúng một phần, Sai, Sai sự thật), falling back to the server's label.
  const labelOfAction = (a: AllowedAction) => (lang === 'vi' && a.label ? a.label : actionLabel(t, a.action, a.label));
  const choices = (a: AllowedAction) => (a.outcomes ?? []).map((o) => ({ value: o.value, label: outcomeLabel(t, o.value, o.label), title: o.label }));
  const setValue = (action: string, patch: Values) => {
    setValues((all) => ({ ...all, [action]: { ...all[action], ...patch } }));
    setMissing(null);
  };

  const firstMissing = (a: Shown, v: Values): string | null => {
    for (const need of a.needs) {
      if (need === 'violationIndicated') continue;
      if (!v[need as keyof Values]?.toString().trim()) return need;
    }
    if (a.complexity === 'required' && !v.complexity) return 'complexity';
    if (needsCriterion(kind, a, v) && !v.complexityCriterion) return 'complexityCriterion';
    return null;
  };

  const run = async (a: Shown) => {
    const mine = values[a.action] ?? {};
    const absent = firstMissing(a, mine);
    if (absent) {
      setMissing({ action: a.action, need: absent });
      return;
    }
    setMissing(null);
    setBusy(a.action);
    setError(null);
    setResult(null);
    try {
      const res = await transitionCase(caseId, bodyOf(kind, a, mine, note, on));
      setResult(res);
      setNote('');
      setOn(null);
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

  const requiredHelp = (need: string, label: string) => {
    if (LEGAL_NEEDS.has(need)) return legalLabel('required', { field: label.toLowerCase() });
    if (need === 'outcome') return t('case.outcomeRequired');
    if (need === 'complexity') return t('case.complexityRequired');
    return t('case.fieldRequired', { field: label.toLowerCase() });
  };

  const field = (a: Shown, need: string) => {
    const id = `case-${need}-${a.action}`;
    const v = values[a.action] ?? {};
    const isMissing = missing?.action === a.action && missing.need === need;
    // A chase names the lower level urged to resolve the matter, not a receiving agency.
    const labelKey = a.action === 'chase' && need === 'targetAgency' ? 'case.chaseTarget' : NEED_LABEL[need];
    const label = labelKey ? t(labelKey) : LEGAL_NEEDS.has(need) ? legalLabel(need as LegalKey) : need;
    let input;
    let extra: string | undefined;
    if (need === 'decisionNo') extra = legalLabel('decisionNoHelp');
    if (need === 'complexityCriterion') {
      const options = (a.outcomes?.length ? a.outcomes : COMPLEXITY_CRITERIA).map((o) => ({ value: o.value, label: o.label }));
      input = (
        <Select
          id={id}
          data-testid={id}
          style={{ minWidth: 240, maxWidth: '100%' }}
          placeholder={legalLabel('chooseCriterion')}
          value={v.complexityCriterion}
          onChange={(x: string) => setValue(a.action, { complexityCriterion: x })}
          options={options}
        />
      );
    } else if (need === 'outcome' || (need === 'reason' && a.outcomes?.length)) {
      input = (
        <Select
          id={id}
          data-testid={id}
          style={{ minWidth: 240, maxWidth: '100%' }}
          placeholder={t(need === 'outcome' ? 'case.chooseOutcome' : 'case.chooseReason')}
          value={v[need]}
          onChange={(x: string) => setValue(a.action, { [need]: x })}
          options={choices(a)}
        />
      );
    } else if (need === 'reason') {
      input = (
        <Input.TextArea id={id} data-testid={id} rows={2} placeholder={t('case.reasonText')} value={v.reason} onChange={(e) => setValue(a.action, { reason: e.target.value })} />
      );
    } else if (need === 'targetAgency') {
      const chase = a.action === 'chase';
      input = (
        <AgencySearchSelect
          id={id}
          testId={id}
          value={v.targetAgency}
          parent={chase ? agencyCode : undefined}
          placeholder={t(chase ? 'case.chaseTargetSearch' : 'case.targetAgencySearch')}
          onChange={(x) => setValue(a.action, { targetAgency: x })}
        />
      );
      if (chase) extra = t('case.chaseTargetHelp');
    } else if (need === 'violationIndicated') {
      return (
        <Form.Item key={need} style={{ marginBottom: 8 }} extra={t('case.violationIndicatedHelp')}>
          <Checkbox id={id} data-testid={id} checked={v.violationIndicated === true} onChange={(e) => setValue(a.action, { violationIndicated: e.target.checked })}>
            {label}
          </Checkbox>
        </Form.Item>
      );
    } else if (need === 'complexity') {
      const options = COMPLEXITIES.filter((c) => c !== 'especially-complex' || kind === 'denunciation').map((c) => ({ value: c, label: complexityLabel(t, c) }));
      input = (
        <Select
          id={id}
          data-testid={id}
          style={{ minWidth: 200 }}
          allowClear={a.complexity !== 'required'}
          placeholder={a.complexity === 'required' ? t('case.complexity') : t('case.complexityKeep')}
          value={v.complexity}
          onChange={(x?: Complexity) => setValue(a.action, { complexity: x })}
          options={options}
        />
      );
      if (a.complexity === 'required') extra = t('case.complexityHint');
      return (
        <Form.Item key={need} label={t('case.complexity')} htmlFor={id} style={{ marginBottom: 8 }} extra={extra} validateStatus={isMissing ? 'error' : undefined} help={isMissing ? requiredHelp(need, '') : undefined}>
          {input}
        </Form.Item>
      );
    } else if (need === 'extensionDays') {
      return (
        <Form.Item key={need} label={t('case.extensionDays')} htmlFor={id} style={{ marginBottom: 8 }} extra={t('case.extensionDaysHelp')}>
          <InputNumber id={id} data-testid={id} min={1} max={60} precision={0} value={v.extensionDays ?? null} onChange={(x) => setValue(a.action, { extensionDays: x })} />
        </Form.Item>
      );
    } else {
      input = <Input id={id} data-testid={id} value={v[need as 'documentNo' | 'decisionNo' | 'signer']} onChange={(e) => setValue(a.action, { [need]: e.target.value })} />;
    }
    return (
      <Form.Item
        key={need}
        label={label}
        htmlFor={id}
        style={{ marginBottom: 8 }}
        extra={extra}
        validateStatus={isMissing ? 'error' : undefined}
        help={isMissing ? requiredHelp(need, label) : undefined}
      >
        {input}
      </Form.Item>
    );
  };

  /** Group complaint: how many withdraw; denunciation: partial, coerced or slanderous withdrawal (the case goes on). */
  const withdrawalFields = (a: Shown) => {
    const v = values[a.action] ?? {};
    if (kind === 'complaint') {
      const id = 'case-withdrawingCount-withdraw';
      return (
        <Form.Item key="withdrawingCount" label={legalLabel('withdrawingCount')} htmlFor={id} style={{ marginBottom: 8 }} extra={legalLabel('withdrawingCountHelp')}>
          <InputNumber id={id} data-testid={id} min={1} precision={0} value={v.withdrawingCount ?? null} onChange={(x) => setValue(a.action, { withdrawingCount: x })} />
        </Form.Item>
      );
    }
    if (kind !== 'denunciation') return null;
    const box = (key: 'withdrawPart' | 'coerced' | 'slander') => (
      <Checkbox key={key} id={`case-${key}-withdraw`} data-testid={`case-${key}-withdraw`} checked={v[key] === true} onChange={(e) => setValue(a.action, { [key]: e.target.checked })}>
        {legalLabel(key)}
      </Checkbox>
    );
    return (
      <Form.Item key="withdrawal" style={{ marginBottom: 8 }} extra={legalLabel('goesOnHelp')}>
        <Space orientation="vertical" size={0}>
          {box('withdrawPart')}
          {box('coerced')}
          {box('slander')}
        </Space>
      </Form.Item>
    );
  };

  const resultBox = result && (
    <Space orientation="vertical" style={{ width: '100%', marginBottom: 16 }} data-testid="case-result">
      <Alert type="success" showIcon title={t('case.done')} closable={{ onClose: () => setResult(null) }} />
      {result.createdCase && (
        <Typography.Text data-testid="case-created-case">
          {t('case.createdCase')} <Link to={`/cases/${result.createdCase.id}`}>{result.createdCase.code}</Link>
        </Typography.Text>
      )}
      {result.notice && (
        <>
          <Typography.Text strong>{t('case.noticeTitle')}</Typography.Text>
          <PrintableNotice text={result.notice} agencyName={agencyName} caseCode={caseCode} testId="case-notice" />
        </>
      )}
    </Space>
  );

  if (shown.length === 0) {
    return (
      <>
        {resultBox}
        <Typography.Text type="secondary">{t('case.noActions')}</Typography.Text>
      </>
    );
  }

  return (
    <Form layout="vertical" component="div">
      {resultBox}
      {error !== null && (
        <div style={{ marginBottom: 16 }}>
          <ErrorAlert error={error} testId="case-action-error" />
        </div>
      )}
      <Form.Item label={t('case.note')} htmlFor="case-note" style={{ marginBottom: 8 }}>
        <Input.TextArea id="case-note" rows={2} value={note} onChange={(e) => setNote(e.target.value)} data-testid="case-note" />
      </Form.Item>
      <Form.Item label={t('case.on')} htmlFor="case-on" extra={t('case.onHelp')}>
        <DatePicker
          id="case-on"
          data-testid="case-on"
          format={DATE_INPUT_FORMAT}
          value={on}
          onChange={(d) => setOn(d)}
          disabledDate={(d) => d.isAfter(dayjs(todayInVietnam()), 'day')}
        />
      </Form.Item>
      <Space orientation="vertical" size="small" style={{ width: '100%' }}>
        {shown.map((a) => {
          const unsupported = a.needs.some((n) => !SUPPORTED.has(n));
          return (
            <Card key={a.action} size="small" data-testid={`case-action-block-${a.action}`}>
              {!unsupported && a.needs.map((need) => field(a, need))}
              {!unsupported && a.complexity && field(a, 'complexity')}
              {!unsupported && a.extensionDays && field(a, 'extensionDays')}
              {!unsupported && needsCriterion(kind, a, values[a.action] ?? {}) && field(a, 'complexityCriterion')}
              {!unsupported && a.action === 'withdraw' && withdrawalFields(a)}
              <Button
                type={a.needs.length > 0 || shown.length === 1 ? 'primary' : 'default'}
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
