/**
 * Notifications: a staff member reads and sets only their own notification address (any signed-in account, any
 * role); there is no route to read or change another person's. Whom a notice goes to is decided by the module
 * that enqueues it (cases, dialogues, grassroots…), from the roles at the agency concerned.
 */
import type { CurrentUser } from '../auth/current-user.ts';

/** The only account whose notification settings a request may read or change: the caller's own. */
export function notificationSettingsOwner(user: CurrentUser): { userId: string } {
  return { userId: user.id };
}
