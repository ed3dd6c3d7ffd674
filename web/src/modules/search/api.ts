/** Search and same-matter detection (issue 18): the web side of searchRecords, findSimilarMatters, linkDuplicate. */
import type { Body, Ok, QueryOf } from '../../api/types.ts';
import { apiFetch, withQuery } from '../../http.ts';

export type SearchResult = Ok<'searchRecords'>;
export type SearchQuery = QueryOf<'searchRecords'>;
export type SimilarQuery = Body<'findSimilarMatters'>;
export type SimilarCandidate = Ok<'findSimilarMatters'>['candidates'][number];
export type LinkBody = Body<'linkDuplicate'>;
export type LinkResult = Ok<'linkDuplicate'>;

export function searchRecords(q: SearchQuery): Promise<SearchResult> {
  return apiFetch<SearchResult>('GET', withQuery('/search', { ...q }));
}

export function findSimilarMatters(body: SimilarQuery): Promise<Ok<'findSimilarMatters'>> {
  return apiFetch<Ok<'findSimilarMatters'>>('POST', '/matters/similar', { body });
}

export function linkDuplicate(body: LinkBody): Promise<LinkResult> {
  return apiFetch<LinkResult>('POST', '/matters/links', { body });
}

export function unlinkDuplicate(caseId: string): Promise<Ok<'unlinkDuplicate'>> {
  return apiFetch<Ok<'unlinkDuplicate'>>('DELETE', `/matters/links/${caseId}`);
}
