/**
 * The national complaints database sync (issue 16 item 5): administrators and monitors read the backlog of their
 * agencies' subtrees; only administrators put failed events back in the queue.
 */
import type { Role } from '@danvan/domain/roles';

export const SYNC_VIEW_ROLES: readonly Role[] = ['admin', 'monitor'];
export const SYNC_RETRY_ROLES: readonly Role[] = ['admin'];
