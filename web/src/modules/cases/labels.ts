import { isMessageKey } from '../../i18n/i18n.tsx';
import type { Translate } from '../../i18n/i18n.tsx';

export const CASE_KINDS = ['complaint', 'denunciation', 'feedback'] as const;
export const CASE_STATES = ['received', 'accepted', 'decided', 'closed'] as const;

/** A catalog label for `prefix.code`, else `fallback` (the server's label), else the raw code. */
function label(t: Translate, prefix: string, code: string | null | undefined, fallback?: string): string {
  if (!code) return '';
  const key = `${prefix}.${code}`;
  if (isMessageKey(key)) return t(key);
  return fallback ?? code;
}

export const kindLabel = (t: Translate, kind: string | null | undefined) => label(t, 'kind', kind);
/** Unknown states (later workflow stages) show their raw code until the catalog learns them. */
export const stateLabel = (t: Translate, state: string | null | undefined, serverLabel?: string) =>
  label(t, 'state', state, serverLabel);
export const outcomeLabel = (t: Translate, outcome: string | null | undefined, serverLabel?: string) =>
  label(t, 'outcome', outcome, serverLabel);
export const actionLabel = (t: Translate, action: string, serverLabel?: string) => label(t, 'action', action, serverLabel);

export const STATE_COLORS: Record<string, string> = {
  received: 'blue',
  accepted: 'gold',
  decided: 'green',
  closed: 'default',
};
