/**
 * /dialogues/kinds — the dialogue kinds as data (issue 14): notice lead time, conclusion deadline (and its complex
 * variant), the voters' request threshold and the request decision days, organiser and co-chairs. Every number shows
 * its citation and mark: [V] read in the legal text; [V*] and [R] are DEFAULTS to be checked against the original
 * text — labelled as such. Anyone may read; only a national administrator saves (the server answers 403 otherwise,
 * shown as the server's message).
 */
import { useEffect, useState } from 'react';
import { Alert, Button, Card, Input, Space, Tag, Typography } from 'antd';
import { apiFetch, useApi } from '../../http.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { Link } from '../../ui/router.tsx';
import { useDT } from './i18n.ts';
import type { DialogueKind } from './api.ts';

/** listDialogueKinds' row, from the server's schema (web/src/api/types.ts). */
export type DialogueKindRow = DialogueKind;
type Mark = DialogueKind['noticeMark'];

type NumberKey = 'noticeDays' | 'conclusionDays' | 'conclusionDaysComplex' | 'requestThresholdPercent' | 'requestDecisionDays';

/** The mark as a tag: [V] plain, [V*] / [R] orange "default — to be checked, configurable". */
export function MarkTag({ mark }: { mark: Mark | null | undefined }) {
  const { dt } = useDT();
  if (!mark) return null;
  return <Tag color={mark === 'V' ? 'green' : 'orange'}>{mark === 'V' ? dt('markV') : dt(mark === 'V*' ? 'markVStar' : 'markR')}</Tag>;
}

export default function DialogueKindsPage() {
  const { dt } = useDT();
  const { data, error, reload } = useApi<{ items: DialogueKindRow[] }>('/dialogue-kinds');
  const [kinds, setKinds] = useState<DialogueKindRow[]>([]);
  const [saveError, setSaveError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (data) setKinds(data.items);
  }, [data]);

  const setNumber = (i: number, key: NumberKey, raw: string) => {
    const nullable = key !== 'noticeDays' && key !== 'conclusionDays';
    const value = raw.trim() === '' && nullable ? null : Number(raw);
    setKinds(kinds.map((k, j) => (j === i ? { ...k, [key]: value } : k)));
    setSaved(false);
  };
  const setText = (i: number, key: 'label' | 'organiser' | 'coChair', value: string) => {
    setKinds(kinds.map((k, j) => (j === i ? { ...k, [key]: value } : k)));
    setSaved(false);
  };
  const save = async () => {
    setBusy(true);
    setSaveError(null);
    try {
      const r = await apiFetch<{ items: DialogueKindRow[] }>('PUT', '/dialogue-kinds', { body: { kinds } });
      setKinds(r.items);
      setSaved(true);
    } catch (err) {
      setSaveError(err);
    } finally {
      setBusy(false);
    }
  };

  const number = (i: number, k: DialogueKindRow, key: NumberKey, label: string, mark: Mark | null | undefined, citation: string | null | undefined) => {
    const id = `kind-${k.key}-${key}`;
    const v = k[key];
    return (
      <div style={{ marginBottom: 12 }}>
        <label htmlFor={id} style={{ display: 'block', fontWeight: 600, marginBottom: 4 }}>
          {label} <MarkTag mark={mark} />
        </label>
        <Input id={id} type="number" min={0} max={365} style={{ maxWidth: 140 }} value={v === null || v === undefined ? '' : String(v)} onChange={(e) => setNumber(i, key, e.target.value)} data-testid={id} />
        {citation ? <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0' }}>{`${dt('rule')}: ${citation}`}</Typography.Paragraph> : null}
      </div>
    );
  };

  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="large">
      <Typography.Title level={1}>{dt('kindsTitle')}</Typography.Title>
      <Link to="/dialogues">{dt('backToDialogues')}</Link>
      <Alert type="info" showIcon title={dt('kindsIntro')} />
      <ErrorAlert error={error} onRetry={reload} />
      {kinds.map((k, i) => (
        <Card key={k.key} title={<h2 style={{ margin: 0, fontSize: 18 }}>{k.label}</h2>} data-testid={`kind-${k.key}`}>
          <div style={{ marginBottom: 12 }}>
            <label htmlFor={`kind-${k.key}-label`} style={{ display: 'block', fontWeight: 600, marginBottom: 4 }}>
              {dt('kindLabel')}
            </label>
            <Input id={`kind-${k.key}-label`} value={k.label} onChange={(e) => setText(i, 'label', e.target.value)} />
          </div>
          {number(i, k, 'noticeDays', dt('noticeDays'), k.noticeMark, k.noticeCitation)}
          {number(i, k, 'conclusionDays', dt('conclusionDays'), k.conclusionMark, k.conclusionCitation)}
          {number(i, k, 'conclusionDaysComplex', dt('conclusionDaysComplex'), k.conclusionDaysComplex === null ? null : k.conclusionMark, null)}
          {number(i, k, 'requestThresholdPercent', dt('requestThresholdPercent'), k.requestThresholdPercent ? k.requestMark : null, k.requestThresholdPercent ? k.requestCitation : null)}
          {number(i, k, 'requestDecisionDays', dt('requestDecisionDays'), k.requestDecisionDays ? k.requestMark : null, k.requestDecisionDays ? k.requestCitation : null)}
          <div style={{ marginBottom: 12 }}>
            <label htmlFor={`kind-${k.key}-organiser`} style={{ display: 'block', fontWeight: 600, marginBottom: 4 }}>
              {dt('organiser')}
            </label>
            <Input id={`kind-${k.key}-organiser`} value={k.organiser} onChange={(e) => setText(i, 'organiser', e.target.value)} />
          </div>
          <div style={{ marginBottom: 12 }}>
            <label htmlFor={`kind-${k.key}-cochair`} style={{ display: 'block', fontWeight: 600, marginBottom: 4 }}>
              {dt('coChair')}
            </label>
            <Input id={`kind-${k.key}-cochair`} value={k.coChair} onChange={(e) => setText(i, 'coChair', e.target.value)} />
          </div>
          {k.yearlyPerCommune ? (
            <Typography.Paragraph>
              {dt('yearlyDuty')} <MarkTag mark={k.yearlyMark} /> {k.yearlyCitation ?? ''}
            </Typography.Paragraph>
          ) : null}
        </Card>
      ))}
      <ErrorAlert error={saveError} />
      {saved ? <Alert type="success" showIcon title={dt('kindsSaved')} role="status" /> : null}
      <Button type="primary" onClick={() => void save()} loading={busy} disabled={!kinds.length} data-testid="kinds-save">
        {dt('kindsSave')}
      </Button>
    </Space>
  );
}
