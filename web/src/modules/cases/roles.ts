import { useMemo } from 'react';
import type { Role } from '@danvan/domain/roles';
import { useUser } from '../auth/session.tsx';

/**
 * The roles the signed-in user holds in any granted agency. Only decides which controls to offer
 * (classify, assign, reveal); the server checks the role at the case's agency and says no otherwise.
 */
export function useMyRoles(): ReadonlySet<Role> {
  const user = useUser();
  return useMemo(() => new Set(user.grants.map((g) => g.role)), [user.grants]);
}

export function hasAny(roles: ReadonlySet<Role>, wanted: readonly Role[]): boolean {
  return wanted.some((r) => roles.has(r));
}
