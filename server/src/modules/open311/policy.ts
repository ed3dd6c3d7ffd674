/**
 * Open311 (issue 16 item 6): reading services and requests is public (no personal fields); posting a request
 * needs an API token of an account that may register petitions at the agency (the same roles as by hand).
 */
import { hasRoleAt, type CurrentUser } from '../auth/current-user.ts';
import { PETITION_WRITERS } from '../petitions/policy.ts';

export const INTAKE_ROLES = PETITION_WRITERS;

export function mayPostRequest(user: CurrentUser, agencyPath: string): boolean {
  return hasRoleAt(user, agencyPath, INTAKE_ROLES);
}
