/**
 * Who may see and act on a case. Visibility: the case's agency lies in one of the user's granted subtrees
 * (outsiders get 404). Actions: the workflow table's roles, held at the case's agency.
 */
import type { Role } from '@danvan/domain/roles';
import { allowedTransitions, isCaseKind, outcomesFor, type CaseFacts } from '@danvan/domain/workflow';
import { canSee, rolesAt, type CurrentUser } from '../auth/current-user.ts';
import type { CaseRow } from './open-case.ts';

export function caseVisibleTo(user: CurrentUser, c: Pick<CaseRow, 'agencyPath'>): boolean {
  return canSee(user, c.agencyPath);
}

export function rolesOnCase(user: CurrentUser, c: Pick<CaseRow, 'agencyPath'>): Set<Role> {
  return rolesAt(user, c.agencyPath);
}

/** The actions this user may take now, from the same table and guards the server enforces. */
export function actionsFor(user: CurrentUser, c: Pick<CaseRow, 'agencyPath' | 'kind' | 'state'>, facts: CaseFacts = {}) {
  const kind = c.kind;
  if (!isCaseKind(kind)) return [];
  return allowedTransitions(kind, c.state, rolesOnCase(user, c), facts).map((t) => {
    const outcomes = t.needs?.includes('outcome') ? outcomesFor(kind, t.action, facts) : t.outcomes;
    return {
      action: t.action,
      label: t.label,
      needs: [...(t.needs ?? [])],
      outcomes: outcomes ? outcomes.map((o) => ({ ...o })) : undefined,
      citation: t.citation,
    };
  });
}
