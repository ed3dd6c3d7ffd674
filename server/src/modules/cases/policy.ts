/**
 * Who may see and act on a case. Visibility: the case's agency lies in one of the user's granted subtrees
 * (outsiders get 404). Actions: the workflow table's roles, held at the case's agency.
 */
import type { Role } from '@danvan/domain/roles';
import { allowedTransitions, isCaseKind, needsFor, outcomesFor, type CaseFacts } from '@danvan/domain/workflow';
import { canSee, rolesAt, type CurrentUser } from '../auth/current-user.ts';
import type { CaseRow } from './open-case.ts';
import { isNationalAdmin } from '../auth/policy.ts';

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
  const roles = rolesOnCase(user, c);
  return allowedTransitions(kind, c.state, roles, facts).map((t) => {
    const outcomes = t.needs?.includes('outcome') ? outcomesFor(kind, t.action, facts) : t.outcomes;
    return {
      action: t.action,
      label: t.label,
      // A head's decision recorded by a handler also needs its number and signer.
      needs: needsFor(t, roles),
      outcomes: outcomes ? outcomes.map((o) => ({ ...o })) : undefined,
      citation: t.citation,
    };
  });
}

/** The deadline sweep on demand runs nationwide: the national administrator only. */
export const mayRunDeadlineSweep = isNationalAdmin;
