import { apiFetch, withQuery } from '../../http.ts';
import type { ApiErrorBody } from '../../http.ts';
import type { Body, Ok, QueryOf } from '../../api/types.ts';
import type { CaseKind } from '@danvan/domain/workflow';

export type { CaseKind };

/** The server's deadline light: on time / due within 3 working days / overdue (null: no running deadline). */
export type DueLight = NonNullable<CaseDetail['dueLight']>;

/** A row of the case list (ADR 0012: every shape here is read from the server's schemas). */
export type CaseSummary = CasePage['items'][number];
export type CaseView = Ok<'getCase'>;
/** The case as the detail page reads it; the petitioner is always null for a denunciation (Luật Tố cáo Art. 47). */
export type CaseDetail = CaseView['case'];
/** A case linked by forwarding or by the next/previous complaint instance, with its progress there. */
export type LinkedCase = CaseView['linked'][number];
/** Keyword suggestion: the kind / field, the words in the text that triggered it, and whether to split. */
export type Suggestion = CaseView['suggestion'];
export type Suggested = NonNullable<Suggestion['kind']>;
export type HistoryEntry = CaseView['history'][number];
/** A duty beside the running deadline (issue 12, ADR 0024). */
export type CaseDuty = CaseView['duties'][number];
export type CasePage = Ok<'listCases'>;

/**
 * A step the server allows now, with what it needs from the user. The contract names `outcome`; the workflow tables
 * in domain/ also use `reason` (archive, return), `targetAgency` (forward, chase), `documentNo` and
 * `violationIndicated`; anything else is shown as not yet supported here.
 */
export type AllowedAction = CaseView['allowedActions'][number];

export type TransitionBody = Body<'transitionCase'>;
export type Complexity = NonNullable<TransitionBody['complexity']>;
export type TransitionResult = Ok<'transitionCase'>;

/** The list filter; the server fills in limit, offset and sort. */
export type CaseFilter = Partial<QueryOf<'listCases'>>;

export function casesPath(filter: CaseFilter): string {
  const { overdue, open, ...rest } = filter;
  return withQuery('/cases', { ...rest, overdue: overdue ? 'true' : undefined, open: open ? 'true' : undefined });
}

export function casePath(id: string): string {
  return `/cases/${encodeURIComponent(id)}`;
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

export type CaseRef = Ok<'assignCase'>;

export function assignCase(id: string, username: string): Promise<CaseRef> {
  return apiFetch<CaseRef>('POST', `${casePath(id)}/assignment`, { body: { username } });
}

export type PublicAnswer = Ok<'publishPublicAnswer'>;
export type PublicAnswerPreview = Ok<'previewPublicAnswer'>;
export type Suspect = PublicAnswerPreview['remaining']['question'][number];

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
export function classifyCase(id: string, body: Body<'classifyCase'>): Promise<Ok<'classifyCase'>> {
  return apiFetch<Ok<'classifyCase'>>('PATCH', `${casePath(id)}/classification`, { body });
}

export type RevealedDenouncers = Ok<'revealDenouncer'>;
export type Denouncer = RevealedDenouncers['denouncers'][number];

/** Head of the resolving agency only; the reason is audited (Luật Tố cáo Art. 47). */
export function revealDenouncer(id: string, reason: string): Promise<RevealedDenouncers> {
  return apiFetch('POST', `${casePath(id)}/denouncer/reveal`, { body: { reason } });
}

export type FieldOption = Ok<'listFields'>[number];

export const FIELDS_PATH = '/fields';
