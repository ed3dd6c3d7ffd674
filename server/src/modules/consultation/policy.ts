/**
 * Who may do what in a consultation. A grant covers the agency's subtree.
 *  - run it (create, import a draft, record conferences, written submissions, invitations, themes): handler or head
 *    at the owner agency (or above it);
 *  - publish it and answer themes (tiếp thu, giải trình): head;
 *  - enter an opinion on a citizen's behalf (assisted channel): receptionist, handler or head at the owner agency
 *    or at any agency inside its subtree (a commune officer helping residents with a province draft);
 *  - read (tally, export): anyone who can see the owner agency — monitors and inspectors included.
 * A consultation outside every granted subtree answers 404 (ids do not leak); an agency named in a body outside
 * them answers 403 with the field.
 */
import type { Role } from '@danvan/domain/roles';
import { AppError } from '../../plugins/errors.ts';
import { canSee, hasRoleAt, type CurrentUser } from '../auth/current-user.ts';

export const RUN_ROLES: readonly Role[] = ['handler', 'head'];
export const PUBLISH_ROLES: readonly Role[] = ['head'];
export const ASSIST_ROLES: readonly Role[] = ['receptionist', 'handler', 'head'];

export const mayView = (user: CurrentUser, path: string) => canSee(user, path);
export const mayRun = (user: CurrentUser, path: string) => hasRoleAt(user, path, RUN_ROLES);
export const mayPublish = (user: CurrentUser, path: string) => hasRoleAt(user, path, PUBLISH_ROLES);

/** Assisted entry: a role at the owner agency, or somewhere inside its subtree. */
export function mayAssist(user: CurrentUser, ownerPath: string): boolean {
  return hasRoleAt(user, ownerPath, ASSIST_ROLES) || user.grants.some((g) => ASSIST_ROLES.includes(g.role) && g.agencyPath.startsWith(`${ownerPath}/`));
}

export function requireRole(ok: boolean): void {
  if (!ok) throw new AppError(403, 'error.forbidden');
}

export function requireAgencyRole(ok: boolean, code: string, field = 'agency'): void {
  if (!ok) throw new AppError(403, 'error.forbidden', {}, [{ field, key: 'field.agencyOutOfScope', params: { code } }]);
}
