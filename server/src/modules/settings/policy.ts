/**
 * The field list and the classification rules apply nationwide: only the national administrator edits them;
 * every signed-in user reads them (the forms need them).
 */
import type { CurrentUser } from '../auth/current-user.ts';
import { isNationalAdmin } from '../auth/policy.ts';

export function mayEditSettings(user: CurrentUser): boolean {
  return isNationalAdmin(user);
}
