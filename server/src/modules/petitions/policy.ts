/**
 * Who may register a petition (any channel) for an agency: the staff who receive and process petitions there or
 * above — receptionist, handler, head. Monitors and administrators do not enter petitions.
 */
import type { Role } from '@danvan/domain/roles';
import { hasRoleAt, type CurrentUser } from '../auth/current-user.ts';

export const PETITION_WRITERS: readonly Role[] = ['receptionist', 'handler', 'head'];

export function mayRecordPetition(user: CurrentUser, agencyPath: string): boolean {
  return hasRoleAt(user, agencyPath, PETITION_WRITERS);
}
