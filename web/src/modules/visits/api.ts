/** Recording a visit outside a reception session; types read from the server's schemas (ADR 0012). */
import type { Body, Ok } from '../../api/types.ts';
import { apiFetch } from '../../http.ts';

export type NewVisit = Body<'recordVisit'>;
export type RecordedVisit = Ok<'recordVisit'>;

export function recordVisit(body: NewVisit): Promise<RecordedVisit> {
  return apiFetch<RecordedVisit>('POST', '/visits', { body });
}
