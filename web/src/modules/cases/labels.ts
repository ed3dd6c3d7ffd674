import { STATE_LABELS } from '@danvan/domain/workflow';
import { isMessageKey } from '../../i18n/i18n.tsx';
import type { Translate } from '../../i18n/i18n.tsx';

export { CASE_KINDS } from '@danvan/domain/workflow';
/** Every workflow state, from the same table the server enforces. */
export const CASE_STATES: readonly string[] = Object.keys(STATE_LABELS);

/** A catalog label for `prefix.code`, else `fallback` (the server's label), else the raw code. */
function label(t: Translate, prefix: string, code: string | null | undefined, fallback?: string): string {
  if (!code) return '';
  const key = `${prefix}.${code}`;
  if (isMessageKey(key)) return t(key);
  return fallback ?? code;
}

export const kindLabel = (t: Translate, kind: string | null | undefined) => label(t, 'kind', kind);
/** Unknown states show the server's (or the domain's) Vietnamese label. */
export const stateLabel = (t: Translate, state: string | null | undefined, serverLabel?: string) =>
  label(t, 'state', state, serverLabel ?? (state ? STATE_LABELS[state] : undefined));
export const outcomeLabel = (t: Translate, outcome: string | null | undefined, serverLabel?: string) =>
  label(t, 'outcome', outcome, serverLabel);
export const actionLabel = (t: Translate, action: string, serverLabel?: string) => label(t, 'action', action, serverLabel);
export const jurisdictionLabel = (t: Translate, j: string | null | undefined) => label(t, 'jurisdiction', j);
export const complexityLabel = (t: Translate, c: string) => label(t, 'complexity', c);
export const relationLabel = (t: Translate, r: string) => label(t, 'link', r);
export const channelLabel = (t: Translate, c: string | null | undefined) => label(t, 'channel', c);

/** The history's action codes ("case.accept", "petition.create") → a short name, when the catalog has one. */
export function historyLabel(t: Translate, action: string): string | null {
  const own = `history.${action}`;
  if (isMessageKey(own)) return t(own);
  const step = `action.${action.replace(/^case\./, '')}`;
  return isMessageKey(step) ? t(step) : null;
}

export const STATE_COLORS: Record<string, string> = {
  received: 'blue',
  accepted: 'gold',
  handling: 'gold',
  verifying: 'orange',
  dialogue: 'orange',
  extended: 'volcano',
  suspended: 'default',
  decided: 'green',
  concluded: 'green',
  'conclusion-sent': 'green',
  answered: 'green',
  published: 'cyan',
  effective: 'cyan',
  closed: 'default',
};
