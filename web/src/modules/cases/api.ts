import { apiFetch, withQuery } from '../../http.ts';
import type { ApiErrorBody } from '../../http.ts';

export type CaseKind = 'complaint' | 'denunciation' | 'feedback';

export interface CaseSummary {
  id: string | number;
  code: string;
  kind: CaseKind;
  state: string;
  /** The server's Vietnamese name of the state; used for states the catalog does not know yet. */
  stateLabel?: string;
  agencyCode: string;
  agencyName: string;
  /** Already redacted by the server for denunciations, e.g. "[Đã bảo mật]". */
  petitionerName: string | null;
  summary: string;
  receivedOn: string | null;
  acceptedOn: string | null;
  decidedOn: string | null;
  outcome: string | null;
  dueOn: string | null;
  /** Beyond the contract: the server's Vietnamese explanation of the deadline, when it sends one. */
  dueExplanation?: string | null;
}

export interface Petitioner {
  name: string | null;
  address: string | null;
  idNumber: string | null;
  phone: string | null;
}

export interface CaseDetail extends CaseSummary {
  content: string;
  petitioner: Petitioner | null;
}

/**
 * What an action needs from the user. The contract names `outcome`; the workflow tables in
 * domain/ also use `reason` (archive, return), `targetAgency` (forward), `documentNo` and
 * `violationIndicated`; anything else is shown as not yet supported here.
 */
export type Need = 'outcome' | 'reason' | 'targetAgency' | 'documentNo' | 'violationIndicated' | (string & {});

export interface AllowedAction {
  action: string;
  label: string;
  needs: Need[];
  /** Choices for `outcome` (or for `reason` when the action needs a reason from a list). */
  outcomes?: { value: string; label: string }[];
  /** The legal basis of the step. */
  citation?: string;
}

export interface TransitionBody {
  action: string;
  outcome?: string;
  reason?: string;
  targetAgency?: string;
  documentNo?: string;
  violationIndicated?: boolean;
  note?: string;
}

export interface HistoryEntry {
  at: string;
  /** Null for system actions. */
  actorName: string | null;
  action: string;
  summary: string;
}

export interface CaseView {
  case: CaseDetail;
  allowedActions: AllowedAction[];
  history: HistoryEntry[];
}

export interface CasePage {
  total: number;
  items: CaseSummary[];
}

export interface CaseFilter {
  agency: string;
  state?: string;
  kind?: string;
  limit?: number;
  offset?: number;
}

export function casesPath(filter: CaseFilter): string {
  return withQuery('/cases', { ...filter });
}

export function casePath(id: string): string {
  return `/cases/${encodeURIComponent(id)}`;
}

export interface TransitionResult {
  case: CaseSummary;
  /** Beyond the contract: the notice to the citizen the step produced, when the server sends one. */
  notice?: string | null;
}

export function transitionCase(id: string, body: TransitionBody): Promise<TransitionResult> {
  return apiFetch<TransitionResult>('POST', `${casePath(id)}/transitions`, { body });
}

/**
 * A 409 carries the actions allowed now. The contract puts them in `details.allowedActions`;
 * the server currently sends them at the top level as `allowedActions` — accept both.
 */
export function allowedActionsFrom(body: ApiErrorBody | null): AllowedAction[] | null {
  if (!body) return null;
  const d = body.details;
  const nested = d && !Array.isArray(d) ? d['allowedActions'] : undefined;
  const list = nested ?? body['allowedActions'];
  return Array.isArray(list) ? (list as AllowedAction[]) : null;
}
