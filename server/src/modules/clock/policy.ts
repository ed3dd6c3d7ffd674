/**
 * Who may edit the working calendar: the Prime Minister's yearly announcement applies nationwide, so only an
 * administrator at the national root (VN) may change a day.
 */
import { hasRoleAt, type CurrentUser } from '../auth/current-user.ts';

import { NATIONAL_ROOT, nationalAdminAgencyId } from '../auth/policy.ts';

export function canEditCalendar(user: CurrentUser): boolean {
  return hasRoleAt(user, NATIONAL_ROOT, ['admin']);
}

/** The agency an admin's calendar edit is recorded against (their national grant). */
export function calendarAgencyId(user: CurrentUser): string | null {
  return nationalAdminAgencyId(user);
}
