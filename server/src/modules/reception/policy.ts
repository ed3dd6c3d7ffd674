/**
 * Who may do what in reception. Working the desk (sessions, visits, bookings, register import, notices):
 * receptionist, handler or head at the agency (or above it). Reading (lists, register export, compliance):
 * anyone whose granted subtrees contain the agency — monitors and inspectors included. Ids outside the
 * user's subtrees answer 404; an agency code named in a body outside them answers 403 with the field.
 */
import type { Role } from '@danvan/domain/roles';
import { AppError } from '../../plugins/errors.ts';
import { canSee, hasRoleAt, type CurrentUser } from '../auth/current-user.ts';
import type { AgencyRow } from '../agencies/queries.ts';

export const RECEPTION_ROLES: readonly Role[] = ['receptionist', 'handler', 'head'];

export function mayWorkReception(user: CurrentUser, agencyPath: string): boolean {
  return hasRoleAt(user, agencyPath, RECEPTION_ROLES);
}

export function mayViewReception(user: CurrentUser, agencyPath: string): boolean {
  return canSee(user, agencyPath);
}

/** For an agency named in a request body: 403 naming the field (the code is what the user typed). */
export function requireReceptionRole(user: CurrentUser, agency: AgencyRow, field = 'agency'): void {
  if (!mayWorkReception(user, agency.path)) {
    throw new AppError(403, 'error.forbidden', {}, [{ field, key: 'field.agencyOutOfScope', params: { code: agency.code } }]);
  }
}
