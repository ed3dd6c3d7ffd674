/**
 * Who may change an agency's own data (the remote-area flag that lengthens its deadlines): an administrator at
 * that agency or above. Reading the tree is open to every signed-in user (names and codes are public).
 */
import { hasRoleAt, type CurrentUser } from '../auth/current-user.ts';

export function mayEditAgency(user: CurrentUser, agencyPath: string): boolean {
  return hasRoleAt(user, agencyPath, ['admin']);
}
