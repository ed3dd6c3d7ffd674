/**
 * Search and same matters (issue 18): anyone may search within the agencies they see; names are shown and matched
 * only for roles other than monitor, never a denouncer's; linking or unlinking a duplicate takes a handler or head
 * of the copy that closes (both cases visible to the user).
 */
import { hasRoleAt, rolesAt, type CurrentUser } from '../auth/current-user.ts';

export function mayMatchNames(user: CurrentUser): boolean {
  return user.grants.some((g) => g.role !== 'monitor');
}

export function maySeeNamesAt(user: CurrentUser, agencyPath: string): boolean {
  return [...rolesAt(user, agencyPath)].some((r) => r !== 'monitor');
}

export function mayLinkDuplicate(user: CurrentUser, closingPath: string): boolean {
  return hasRoleAt(user, closingPath, ['handler', 'head']);
}
