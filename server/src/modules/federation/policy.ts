/**
 * Who may do what in liên thông (issue 16): the national administrator registers instances (trust anchors); a
 * handler or head of the sending agency recalls, replaces or updates a package it sent; any administrator may ask
 * for a delivery run now. Lists of packages are scoped to the user's agencies (404 outside).
 *
 * Re-queueing an outgoing package that failed (20 attempts, ADR 0019) or was returned (retryOutgoingPackage): an
 * administrator whose grant covers the sending agency (delivery is a technical matter: a peer down for hours, a
 * directory entry corrected), or a handler or head of the sending agency (the package is their document; they re-send
 * it once the receiver's problem is fixed). Receptionists and monitors may not.
 */
import { hasRoleAt, type CurrentUser } from '../auth/current-user.ts';
import { isNationalAdmin } from '../auth/policy.ts';

export function mayRegisterInstance(user: CurrentUser): boolean {
  return isNationalAdmin(user);
}

export function mayFollowUpPackage(user: CurrentUser, senderPath: string): boolean {
  return hasRoleAt(user, senderPath, ['handler', 'head']);
}

export function mayDeliverNow(user: CurrentUser): boolean {
  return user.grants.some((g) => g.role === 'admin');
}

export const PACKAGE_RETRY_ROLES = ['admin', 'handler', 'head'] as const;

export function mayRetryPackage(user: CurrentUser, senderPath: string): boolean {
  return hasRoleAt(user, senderPath, PACKAGE_RETRY_ROLES);
}
