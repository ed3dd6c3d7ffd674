import { apiFetch, withQuery } from '../../http.ts';
import type { Ok } from '../../api/types.ts';

export type AgencyLevel = 'national' | 'ministry' | 'province' | 'commune';

/** listAgencies' answer, from the server's schema (web/src/api/types.ts). */
export type AgencyPage = Ok<'listAgencies'>;
export type Agency = AgencyPage['items'][number];

export function searchAgencies(params: { q?: string; parent?: string; level?: AgencyLevel; limit?: number; offset?: number }): Promise<AgencyPage> {
  return apiFetch<AgencyPage>('GET', withQuery('/agencies', params));
}

/**
 * The codes whose subtrees the user may pick from: the granted agencies and their direct children.
 * Grants are subtrees (a province grant covers its communes, the national root covers everything);
 * an agency is in scope when it, its parent or its province is in this set — enough for the
 * national → province → commune depth of the local-government tree.
 */
export async function loadScopeCodes(grantCodes: readonly string[]): Promise<Set<string>> {
  const scope = new Set(grantCodes);
  const pages = await Promise.all(grantCodes.map((parent) => searchAgencies({ parent, limit: 500 }).catch(() => null)));
  for (const page of pages) for (const a of page?.items ?? []) scope.add(a.code);
  return scope;
}

export function inScope(agency: Agency, scope: ReadonlySet<string>): boolean {
  return (
    scope.has(agency.code) ||
    (agency.parentCode !== null && scope.has(agency.parentCode)) ||
    (agency.provinceCode !== null && scope.has(agency.provinceCode))
  );
}
