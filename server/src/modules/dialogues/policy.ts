/**
 * Who may do what with dialogues and commitments (issue 14, "Roles"):
 *  - plan, publish the notice, record sessions and the conclusion: head or handler of the organising agency
 *    (or above it);
 *  - read a dialogue: anyone whose granted subtrees contain the organising agency (monitors of Ban Dân vận /
 *    MTTQ, inspectors, the levels above);
 *  - read a commitment: the dialogue's readers and the owner agency's staff;
 *  - update a commitment: handler, investigator or head of the OWNER agency (or above it) — the organiser's staff
 *    see it but may not edit another agency's commitment (403);
 *  - ids outside every granted subtree answer 404.
 */
import type { Role } from '@danvan/domain/roles';
import { AppError } from '../../plugins/errors.ts';
import { canSee, hasRoleAt, type CurrentUser } from '../auth/current-user.ts';
import type { AgencyRow } from '../agencies/queries.ts';
import { isNationalAdmin } from '../auth/policy.ts';

export const ORGANISER_ROLES: readonly Role[] = ['head', 'handler'];
export const OWNER_ROLES: readonly Role[] = ['head', 'handler', 'investigator'];

export function mayOrganise(user: CurrentUser, agencyPath: string): boolean {
  return hasRoleAt(user, agencyPath, ORGANISER_ROLES);
}

export function mayViewDialogue(user: CurrentUser, agencyPath: string): boolean {
  return canSee(user, agencyPath);
}

export function mayViewCommitment(user: CurrentUser, c: { agencyPath: string; ownerAgencyPath: string }): boolean {
  return canSee(user, c.agencyPath) || canSee(user, c.ownerAgencyPath);
}

export function mayUpdateCommitment(user: CurrentUser, c: { ownerAgencyPath: string }): boolean {
  return hasRoleAt(user, c.ownerAgencyPath, OWNER_ROLES);
}

/** For an agency named in a request body: 403 naming the field. */
export function requireOrganiser(user: CurrentUser, agency: AgencyRow, field = 'agency'): void {
  if (!mayOrganise(user, agency.path)) {
    throw new AppError(403, 'error.forbidden', {}, [{ field, key: 'field.agencyOutOfScope', params: { code: agency.code } }]);
  }
}

/** The commitment sweep runs nationwide: the national administrator only. */
export const mayRunCommitmentSweep = isNationalAdmin;
