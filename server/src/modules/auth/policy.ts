/**
 * Who may do what, shared by every module's policy.ts: the national root's path and the national administrator
 * (the only one who may change what applies nationwide: the calendar, the report convention, the field list and
 * classification rules, the deadline sweep on demand).
 */
import { hasRoleAt, type CurrentUser } from './current-user.ts';

/** The path (and code) of the national root agency. */
export const NATIONAL_ROOT = 'VN';

export function isNationalAdmin(user: CurrentUser): boolean {
  return hasRoleAt(user, NATIONAL_ROOT, ['admin']);
}

/** The national administrator's agency id (settings rows are owned by it), or null. */
export function nationalAdminAgencyId(user: CurrentUser): string | null {
  return user.grants.find((g) => g.role === 'admin' && g.agencyPath === NATIONAL_ROOT)?.agencyId ?? null;
}
