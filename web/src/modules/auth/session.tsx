import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { ApiError, apiFetch, setUnauthorizedHandler } from '../../http.ts';

export type Role = 'receptionist' | 'handler' | 'investigator' | 'head' | 'inspector' | 'monitor' | 'admin';

export interface Grant {
  role: Role;
  agencyCode: string;
  agencyName: string;
}

export interface User {
  id: string | number;
  username: string;
  displayName: string;
  grants: Grant[];
}

type Status = 'loading' | 'signed-in' | 'signed-out';

interface SessionValue {
  status: Status;
  user: User | null;
  /** True when the last sign-out was forced by a 401 rather than asked for. */
  expired: boolean;
  login: (username: string, password: string) => Promise<User>;
  logout: () => Promise<void>;
}

const SessionContext = createContext<SessionValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<User | null>(null);
  const [status, setStatus] = useState<Status>('loading');
  const [expired, setExpired] = useState(false);

  // Restore the session from the cookie on start.
  useEffect(() => {
    let live = true;
    apiFetch<User>('GET', '/auth/me', { expectUnauthorized: true }).then(
      (me) => {
        if (!live) return;
        setUser(me);
        setStatus('signed-in');
      },
      () => {
        if (!live) return;
        setStatus('signed-out');
      },
    );
    return () => {
      live = false;
    };
  }, []);

  useEffect(() => {
    setUnauthorizedHandler(() => {
      setUser(null);
      setExpired(true);
      setStatus('signed-out');
    });
    return () => setUnauthorizedHandler(null);
  }, []);

  const login = useCallback(async (username: string, password: string) => {
    const res = await apiFetch<{ token: string; user: User }>('POST', '/auth/login', {
      body: { username, password },
      expectUnauthorized: true,
    });
    setUser(res.user);
    setExpired(false);
    setStatus('signed-in');
    return res.user;
  }, []);

  const logout = useCallback(async () => {
    try {
      await apiFetch<void>('POST', '/auth/logout', { expectUnauthorized: true });
    } catch (err) {
      // Already signed out on the server is fine; anything else is worth surfacing.
      if (!(err instanceof ApiError && err.status === 401)) throw err;
    }
    setUser(null);
    setExpired(false);
    setStatus('signed-out');
  }, []);

  const value = useMemo(() => ({ status, user, expired, login, logout }), [status, user, expired, login, logout]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside <SessionProvider>');
  return value;
}

/** The signed-in user; only for components rendered behind the login gate. */
export function useUser(): User {
  const { user } = useSession();
  if (!user) throw new Error('useUser without a signed-in user');
  return user;
}
