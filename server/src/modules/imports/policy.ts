/**
 * Who may import: the same people who enter the same data by hand. A register (visits): receptionist, handler or
 * head at the agency or above (reception/policy.ts). Cases (written petitions and their steps): receptionist,
 * handler or head, as for createPetition — the steps are recorded as the import, by the importer. Undo: the same
 * roles as the import. An agency or import outside the user's subtrees answers 404.
 */
import type { Role } from '@danvan/domain/roles';
import { AppError } from '../../plugins/errors.ts';
import { hasRoleAt, type CurrentUser } from '../auth/current-user.ts';
import type { AgencyRow } from '../agencies/queries.ts';

export const IMPORT_ROLES: Record<'register' | 'cases', readonly Role[]> = {
  register: ['receptionist', 'handler', 'head'],
  cases: ['receptionist', 'handler', 'head'],
};

export function mayImport(user: CurrentUser, agencyPath: string, target: 'register' | 'cases'): boolean {
  return hasRoleAt(user, agencyPath, IMPORT_ROLES[target]);
}

export function requireImportRole(user: CurrentUser, agency: AgencyRow, target: 'register' | 'cases'): void {
  if (!mayImport(user, agency.path, target)) {
    throw new AppError(403, 'error.forbidden', {}, [{ field: 'agency', key: 'field.agencyOutOfScope', params: { code: agency.code } }]);
  }
}
