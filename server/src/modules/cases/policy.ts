/**
 * Who may see and act on a case. Visibility: the case's agency lies in one of the user's granted subtrees
 * (outsiders get 404). Actions: the workflow table's roles, held at the case's agency.
 */
import type { Role } from '@danvan/domain/roles';
import { allowedTransitions, isCaseKind } from '@danvan/domain/workflow';
import { canSee, rolesAt, type CurrentUser } from '../auth/current-user.ts';
import type { CaseRow } from './open-case.ts';

export function caseVisibleTo(user: CurrentUser, c: Pick<CaseRow, 'agencyPath'>): boolean {
  return canSee(user, c.agencyPath);
}

export function rolesOnCase(user: CurrentUser, c: Pick<CaseRow, 'agencyPath'>): Set<Role> {
  return rolesAt(user, c.agencyPath);
}

export function actionsFor(user: CurrentUser, c: Pick<CaseRow, 'agencyPath' | 'kind' | 'state'>) {
  if (!isCaseKind(c.kind)) return [];
  return allowedTransitions(c.kind, c.state, rolesOnCase(user, c)).map((t) => ({
    action: t.action,
    label: t.label,
    needs: [...(t.needs ?? [])],
    outcomes: t.outcomes ? t.outcomes.map((o) => ({ ...o })) : undefined,
    citation: t.citation,
  }));
}
