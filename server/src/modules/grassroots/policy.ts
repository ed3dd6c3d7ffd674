/**
 * Who may do what in grassroots democracy. Commune staff keep the registers and record votes (handler or head of
 * the commune, or above it); recognising or refusing a community decision and answering the inspection board
 * is the head's (Chủ tịch UBND xã). Reading: anyone whose granted subtrees contain the commune. Ids outside the
 * user's subtrees answer 404; an agency named in a query outside them answers 404 too (like the reports).
 */
import type { Role } from '@danvan/domain/roles';
import { AppError } from '../../plugins/errors.ts';
import { canSee, hasRoleAt, type CurrentUser } from '../auth/current-user.ts';
import { isNationalAdmin } from '../auth/policy.ts';

export const GRASSROOTS_WORK_ROLES: readonly Role[] = ['handler', 'head'];
export const GRASSROOTS_DECIDE_ROLES: readonly Role[] = ['head'];

export function mayView(user: CurrentUser, agencyPath: string): boolean {
  return canSee(user, agencyPath);
}

export function requireWork(user: CurrentUser, agencyPath: string): void {
  if (!hasRoleAt(user, agencyPath, GRASSROOTS_WORK_ROLES)) throw new AppError(403, 'error.forbidden');
}

export function requireDecide(user: CurrentUser, agencyPath: string): void {
  if (!hasRoleAt(user, agencyPath, GRASSROOTS_DECIDE_ROLES)) throw new AppError(403, 'error.forbidden');
}

/** The grassroots reminder sweep runs nationwide: the national administrator only. */
export const mayRunGrassrootsSweep = isNationalAdmin;
