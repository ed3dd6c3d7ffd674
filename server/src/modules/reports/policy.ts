/**
 * Who may read and configure reports. Reading: anyone with a role on the agency's subtree (staff and monitors;
 * SPEC §1: monitors have read-only dashboards and reports across the agencies they oversee) — an agency outside
 * the user's subtrees is as unknown as its cases (404). Configuring the cut-off convention applies nationwide, so
 * only an administrator at the national root may do it.
 */
import { canSee, hasRoleAt, type CurrentUser } from '../auth/current-user.ts';

import { NATIONAL_ROOT, nationalAdminAgencyId } from '../auth/policy.ts';

export function canReadReports(user: CurrentUser, agencyPath: string): boolean {
  return canSee(user, agencyPath);
}

export function canEditReportSettings(user: CurrentUser): boolean {
  return hasRoleAt(user, NATIONAL_ROOT, ['admin']);
}

export function settingsAgencyId(user: CurrentUser): string | null {
  return nationalAdminAgencyId(user);
}
