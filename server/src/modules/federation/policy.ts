/**
 * Who may do what in liên thông (issue 16): the national administrator registers instances (trust anchors); a
 * handler or head of the sending agency recalls, replaces or updates a package it sent; any administrator may ask
 * for a delivery run now. Lists of packages are scoped to the user's agencies (404 outside).
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
