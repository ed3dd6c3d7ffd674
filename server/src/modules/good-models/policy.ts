/**
 * Who may do what with "Dân vận khéo" models (PARTICIPATION.md d5: the mass-mobilisation body of each level runs
 * the movement; in DânVận its officers hold the head / inspector / monitor grants of their agency).
 *  - campaigns: head or admin of the launching agency;
 *  - register, evidence, self-assessment: handler or head of the model's unit;
 *  - assessment, recognition, the yearly check: head, inspector or monitor (recognition: head or admin) holding the
 *    grant at an agency strictly ABOVE the unit and within the campaign — and never anyone who belongs to the
 *    unit itself (an assessor never scores their own unit: 403 error.modelOwnUnit);
 *  - reading: anyone whose granted subtrees contain the unit; others get 404 (ids do not leak).
 */
import { pathWithin, type Role } from '@danvan/domain/roles';
import { AppError } from '../../plugins/errors.ts';
import { hasRoleAt, type CurrentUser } from '../auth/current-user.ts';

export const CAMPAIGN_ROLES: readonly Role[] = ['head', 'admin'];
export const UNIT_ROLES: readonly Role[] = ['handler', 'head'];
export const ASSESSOR_ROLES: readonly Role[] = ['head', 'inspector', 'monitor'];
export const RECOGNIZER_ROLES: readonly Role[] = ['head', 'admin'];

export function mayRunCampaign(user: CurrentUser, campaignPath: string): boolean {
  return hasRoleAt(user, campaignPath, CAMPAIGN_ROLES);
}

export function mayWorkUnit(user: CurrentUser, unitPath: string): boolean {
  return hasRoleAt(user, unitPath, UNIT_ROLES);
}

/** The user belongs to the unit (a grant on the unit or inside it). */
export function belongsToUnit(user: CurrentUser, unitPath: string): boolean {
  return user.grants.some((g) => pathWithin(g.agencyPath, unitPath));
}

/** A grant with one of `roles` at an agency strictly above the unit and inside the campaign's subtree. */
export function aboveGrant(user: CurrentUser, unitPath: string, campaignPath: string, roles: readonly Role[]) {
  return user.grants.find((g) => roles.includes(g.role) && g.agencyPath !== unitPath && pathWithin(unitPath, g.agencyPath) && pathWithin(g.agencyPath, campaignPath))
    // A grant above the campaign's agency (a ministry or the national level) covers it too.
    ?? user.grants.find((g) => roles.includes(g.role) && g.agencyPath !== unitPath && pathWithin(campaignPath, g.agencyPath));
}

/** The level-above check of assess / recognise / check: 403 own unit first (the clearer reason), then 403 role. */
export function requireAbove(user: CurrentUser, unitPath: string, campaignPath: string, roles: readonly Role[]) {
  if (belongsToUnit(user, unitPath)) throw new AppError(403, 'error.modelOwnUnit');
  const g = aboveGrant(user, unitPath, campaignPath, roles);
  if (!g) throw new AppError(403, 'error.forbidden');
  return g;
}

