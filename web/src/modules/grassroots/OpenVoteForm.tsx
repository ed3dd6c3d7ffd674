/**
 * Opening a vote: the forms the item allows and, for a household ballot or an online vote, the plan the decree
 * requires (NĐ 59/2023 Arts. 4–5): the team of 3–5 led by the Front representative (one name per line, the first
 * leads), the notice at least 2 days before the distribution, the return deadline, the voting window. The legal
 * defaults are shown as such; the server checks them again.
 */
import { useState } from 'react';
import { Alert, Button, Checkbox, Input, Space, Typography } from 'antd';
import { useGT } from './i18n.ts';

export const TEAM_MIN = 3;
export const TEAM_MAX = 5;
export const NOTICE_DAYS = 2;

export function addDaysIso(iso: string, n: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** Team lines → members; the first line is the Front representative who leads the team. */
export function teamOf(text: string): { name: string; leader?: boolean }[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((name, i) => (i === 0 ? { name, leader: true } : { name }));
}

export interface PlanValues {
  decidedOn: string;
  planSentOn: string;
  noticeOn: string;
  distributeOn: string;
  returnBy: string;
  ballotTeam: string;
  agreedOn: string;
  startsOn: string;
  endsOn: string;
  onlineTeam: string;
  channel: string;
}

export function defaultPlan(today: string): PlanValues {
  return { decidedOn: today, planSentOn: today, noticeOn: today, distributeOn: addDaysIso(today, NOTICE_DAYS), returnBy: addDaysIso(today, 9), ballotTeam: '', agreedOn: today, startsOn: today, endsOn: addDaysIso(today, 7), onlineTeam: '', channel: '' };
}

export type PlanProblem = { key: string; params?: Record<string, string | number> };

/** What the form refuses before sending (the same rules the server applies). */
export function planProblems(forms: readonly string[], v: PlanValues): PlanProblem[] {
  const out: PlanProblem[] = [];
  const size = (t: string) => {
    const n = teamOf(t).length;
    if (n < TEAM_MIN || n > TEAM_MAX) out.push({ key: 'gr.plan.teamSize', params: { min: TEAM_MIN, max: TEAM_MAX, n } });
  };
  if (forms.includes('paper')) {
    size(v.ballotTeam);
    const earliest = addDaysIso(v.noticeOn, NOTICE_DAYS);
    if (v.distributeOn < earliest) out.push({ key: 'gr.plan.noticeEarly', params: { date: earliest.split('-').reverse().join('/') } });
  }
  if (forms.includes('online')) size(v.onlineTeam);
  return out;
}

/** The openVote request body. */
export function openVoteBody(forms: readonly string[], v: PlanValues) {
  return {
    forms: [...forms],
    ...(forms.includes('paper') ? { ballotPlan: { decidedOn: v.decidedOn, planSentOn: v.planSentOn, noticeOn: v.noticeOn, distributeOn: v.distributeOn, returnBy: v.returnBy, team: teamOf(v.ballotTeam) } } : {}),
    ...(forms.includes('online') ? { onlinePlan: { agreedOn: v.agreedOn, startsOn: v.startsOn, endsOn: v.endsOn, team: teamOf(v.onlineTeam), ...(v.channel.trim() ? { channel: v.channel.trim() } : {}) } } : {}),
  };
}

export function OpenVoteForm({ openable, today, busy, submitLabel, onSubmit }: { openable: string[]; today: string; busy?: boolean; submitLabel: string; onSubmit: (body: ReturnType<typeof openVoteBody>) => void }) {
  const { gt } = useGT();
  const [forms, setForms] = useState<string[]>([]);
  const [v, setV] = useState<PlanValues>(() => defaultPlan(today));
  const [shown, setShown] = useState<PlanProblem[]>([]);
  const field = (k: keyof PlanValues, type: 'date' | 'text' = 'date') => (
    <label style={{ display: 'block', marginBottom: 8 }}>
      <span style={{ display: 'block' }}>{gt(`gr.plan.${k === 'ballotTeam' || k === 'onlineTeam' ? 'team' : k}`)}</span>
      {k === 'ballotTeam' || k === 'onlineTeam' ? (
        <Input.TextArea rows={4} value={v[k]} data-testid={`gr-plan-${k}`} onChange={(e) => setV({ ...v, [k]: e.target.value })} />
      ) : (
        <Input type={type} value={v[k]} data-testid={`gr-plan-${k}`} onChange={(e) => setV({ ...v, [k]: e.target.value })} style={{ maxWidth: type === 'date' ? 200 : 480 }} />
      )}
    </label>
  );
  const submit = () => {
    const p = planProblems(forms, v);
    setShown(p);
    if (!p.length) onSubmit(openVoteBody(forms, v));
  };
  return (
    <div>
      <Checkbox.Group options={openable.map((f) => ({ value: f, label: gt(`gr.form.${f}`) }))} value={forms} onChange={(x) => setForms(x as string[])} />
      {(forms.includes('paper') || forms.includes('online')) && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
          {gt('gr.plan.default', { text: gt('gr.plan.defaults') })}
        </Typography.Paragraph>
      )}
      {forms.includes('paper') && (
        <fieldset style={{ border: '1px solid #ddd', padding: 12, marginTop: 8 }} data-testid="gr-plan-paper">
          <legend>{gt('gr.plan.paper')}</legend>
          {field('decidedOn')}
          {field('planSentOn')}
          {field('noticeOn')}
          {field('distributeOn')}
          {field('returnBy')}
          {field('ballotTeam')}
        </fieldset>
      )}
      {forms.includes('online') && (
        <fieldset style={{ border: '1px solid #ddd', padding: 12, marginTop: 8 }} data-testid="gr-plan-online">
          <legend>{gt('gr.plan.online')}</legend>
          {field('agreedOn')}
          {field('startsOn')}
          {field('endsOn')}
          {field('onlineTeam')}
          {field('channel', 'text')}
        </fieldset>
      )}
      {shown.length > 0 && (
        <Alert type="error" showIcon style={{ marginTop: 8 }} message={<Space direction="vertical">{shown.map((p, i) => <span key={i}>{gt(p.key, p.params)}</span>)}</Space>} data-testid="gr-plan-problems" />
      )}
      <div style={{ marginTop: 12 }}>
        <Button type="primary" disabled={!forms.length} loading={busy} onClick={submit} data-testid="gr-open-submit">
          {submitLabel}
        </Button>
      </div>
    </div>
  );
}
