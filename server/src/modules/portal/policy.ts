/**
 * Staff permissions on what the portal holds for a case: attachments (a denunciation's files only to the staff who
 * work it — never a monitor), and the public answer (a handler or head prepares and withdraws it; a
 * denunciation's answer goes public only by the head, after the redaction preview). Case visibility itself is the
 * cases module's (caseVisibleTo): outside it everything is 404.
 */
import type { Role } from '@danvan/domain/roles';
import { hasRoleAt, type CurrentUser } from '../auth/current-user.ts';

const CASE_WORKERS: readonly Role[] = ['receptionist', 'handler', 'head'];

export function mayOpenAttachments(user: CurrentUser, c: { kind: string; agencyPath: string }): boolean {
  return c.kind !== 'denunciation' || hasRoleAt(user, c.agencyPath, CASE_WORKERS);
}

export function mayAttachFiles(user: CurrentUser, agencyPath: string): boolean {
  return hasRoleAt(user, agencyPath, CASE_WORKERS);
}

export function mayPreparePublicAnswer(user: CurrentUser, agencyPath: string): boolean {
  return hasRoleAt(user, agencyPath, ['handler', 'head']);
}

export function mayPublishDenunciationAnswer(user: CurrentUser, agencyPath: string): boolean {
  return hasRoleAt(user, agencyPath, ['head']);
}
