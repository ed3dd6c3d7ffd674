import { apiFetch, withQuery } from '../../http.ts';
import type { ApiErrorBody } from '../../http.ts';
import type { CaseKind } from '@danvan/domain/workflow';

export type { CaseKind };

/** The server's deadline light: on time / due within 3 working days / overdue (null: no running deadline). */
export type DueLight = 'on-time' | 'due-soon' | 'overdue';

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
  /** The rule key of the running deadline, e.g. `denunciation.resolve`. */
  dueRule?: string | null;
  dueLight?: DueLight | null;
  /** The server's Vietnamese explanation of the deadline ("30 ngày kể từ ngày thụ lý…"). */
  dueExplanation?: string | null;
  /** own | forwarded | guided | chased | archived | returned … */
  jurisdiction?: string | null;
  /** Field code (lĩnh vực), e.g. `dat-dai`; labels come from listFields. */
  field?: string | null;
  /** Complaints: 1 = first instance, 2 = second. */
  instance?: number;
  assigneeId?: string | null;
  overdueSince?: string | null;
  /** The list only: the nearest open duty beside the running deadline (ADR 0024). */
  nextDuty?: { label: string; dueOn: string; dueLight: DueLight | null; dueExplanation: string | null } | null;
}

export interface Petitioner {
  name: string | null;
  address: string | null;
  idNumber: string | null;
  phone: string | null;
}

export interface CaseDetail extends CaseSummary {
  content: string;
  /** Always null for a denunciation: the identity is sealed (Luật Tố cáo Art. 47). */
  petitioner: Petitioner | null;
  identitySealed?: boolean;
  /** Chase (đôn đốc): the lower-level agency urged to resolve the matter. */
  chasedAgency?: { code: string; name: string } | null;
}

export type LinkRelation = 'forwarded-to' | 'forwarded-from' | 'previous-instance' | 'next-instance';

/** A case linked by forwarding or by the next/previous complaint instance, with its progress there. */
export interface LinkedCase {
  relation: LinkRelation;
  id: string;
  code: string;
  agencyCode: string;
  agencyName: string;
  state: string;
  stateLabel: string;
  dueOn: string | null;
  outcome: string | null;
}

/** Keyword suggestion: the value and the words in the text that triggered it. */
export interface Suggested {
  value: string;
  matched: string[];
}

export interface Suggestion {
  kind: Suggested | null;
  field: Suggested | null;
  /** The text seems to hold several contents: ask to split. */
  severalContents: boolean;
}

export interface CitizenNotice {
  at: string;
  action: string;
  text: string;
}

/**
 * What an action needs from the user. The contract names `outcome`; the workflow tables in
 * domain/ also use `reason` (archive, return), `targetAgency` (forward, chase), `documentNo` and
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

export type Complexity = 'normal' | 'complex' | 'especially-complex';

export interface TransitionBody {
  action: string;
  outcome?: string;
  reason?: string;
  targetAgency?: string;
  documentNo?: string;
  violationIndicated?: boolean;
  /** A written finding on complexity, on acceptance or extension (ND 124/2020 Art. 3a; ND 31/2019 Art. 3). */
  complexity?: Complexity;
  /** Extension length; the server defaults to the legal maximum. */
  extensionDays?: number;
  /** A head's decision recorded by a handler: its number and signer. */
  decisionNo?: string;
  signer?: string;
  /** The criterion of a written complexity finding (ND 124/2020 Art. 3a). */
  complexityCriterion?: string;
  /** Group complaint: how many complainants withdraw. */
  withdrawingCount?: number;
  /** Denunciation withdrawal: in part, coerced or bought, used to slander — the case goes on. */
  withdrawalScope?: 'all' | 'part';
  coerced?: boolean;
  slander?: boolean;
  /** Date of the step, YYYY-MM-DD (default today). */
  on?: string;
  note?: string;
}

export interface HistoryEntry {
  at: string;
  /** Null for system actions. */
  actorName: string | null;
  action: string;
  summary: string;
}

/** A duty beside the running deadline (issue 12, ADR 0024). */
export interface CaseDuty {
  id: string;
  code: string;
  label: string;
  rule: string;
  ruleVersion: string | null;
  /** false: a default period not yet checked against the legal text. */
  verified: boolean;
  citation: string;
  fromOn: string;
  dueOn: string | null;
  doneOn: string | null;
  documentNo: string | null;
  onTime: boolean | null;
  dueLight: DueLight | null;
  dueExplanation: string | null;
}

export interface CaseView {
  case: CaseDetail;
  duties?: CaseDuty[];
  allowedActions: AllowedAction[];
  linked?: LinkedCase[];
  suggestion?: Suggestion;
  notices?: CitizenNotice[];
  visits?: { id: string; visitedOn: string; peopleCount: number; isRepeat: boolean }[];
  petitions?: { id: string; receivedOn: string; channel: string }[];
  history: HistoryEntry[];
}

export interface CasePage {
  total: number;
  items: CaseSummary[];
}

export interface CaseFilter {
  /** This agency and its subtree; omitted = everything the user may see. */
  agency?: string;
  state?: string;
  kind?: string;
  field?: string;
  /** "me" = the work queue of the signed-in user. */
  assignee?: string;
  dueBefore?: string;
  overdue?: boolean;
  open?: boolean;
  sort?: 'received' | 'due';
  limit?: number;
  offset?: number;
}

export function casesPath(filter: CaseFilter): string {
  const { overdue, open, ...rest } = filter;
  return withQuery('/cases', { ...rest, overdue: overdue ? 'true' : undefined, open: open ? 'true' : undefined });
}

export function casePath(id: string): string {
  return `/cases/${encodeURIComponent(id)}`;
}

export interface TransitionResult {
  case: CaseSummary;
  /** The notice to the citizen the step produced, ready to print or send. */
  notice?: string | null;
  /** forward / appeal: the case opened at the receiving agency. */
  createdCase?: { id: string; code: string; agencyCode: string } | null;
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

export interface CaseRef {
  id: string;
  code: string;
  kind: string;
  field: string | null;
  assigneeId: string | null;
}

export function assignCase(id: string, username: string): Promise<CaseRef> {
  return apiFetch<CaseRef>('POST', `${casePath(id)}/assignment`, { body: { username } });
}

export interface PublicAnswer {
  id: string;
  question: string;
  answer: string;
  publishedOn: string;
}

export interface Suspect {
  start: number;
  end: number;
  text: string;
  kind: 'name' | 'number';
}

export interface PublicAnswerPreview {
  question: string;
  answer: string;
  digest: string;
  headConfirms: boolean;
  remaining: { question: Suspect[]; answer: Suspect[] };
}

/** The redacted text as it would be published, what still looks personal, and the digest to confirm. */
export function previewPublicAnswer(id: string, answer: string): Promise<PublicAnswerPreview> {
  return apiFetch<PublicAnswerPreview>('POST', `${casePath(id)}/public-answer/preview`, { body: { answer } });
}

/** Publish the answer / decision / conclusion on the citizen portal, exactly as previewed (the digest). */
export function publishPublicAnswer(id: string, answer: string, previewDigest?: string): Promise<PublicAnswer> {
  return apiFetch<PublicAnswer>('PUT', `${casePath(id)}/public-answer`, { body: { answer, ...(previewDigest ? { previewDigest } : {}) } });
}

export function withdrawPublicAnswer(id: string): Promise<void> {
  return apiFetch<void>('DELETE', `${casePath(id)}/public-answer`);
}

/** The kind may change only while the case is `received`; the field at any time. */
export function classifyCase(id: string, body: { kind?: CaseKind; field?: string }): Promise<CaseRef> {
  return apiFetch<CaseRef>('PATCH', `${casePath(id)}/classification`, { body });
}

export interface Denouncer {
  name: string;
  idNumber?: string | null;
  address?: string | null;
  phone?: string | null;
}

/** Head of the resolving agency only; the reason is audited (Luật Tố cáo Art. 47). */
export function revealDenouncer(id: string, reason: string): Promise<{ caseId: string; code: string; denouncers: Denouncer[] }> {
  return apiFetch('POST', `${casePath(id)}/denouncer/reveal`, { body: { reason } });
}

export interface FieldOption {
  value: string;
  label: string;
}

export const FIELDS_PATH = '/fields';
