import { createContext, useCallback, useContext, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import type { User } from '../auth/session.tsx';

export interface AgencyRef {
  code: string;
  name: string;
}

interface CurrentAgencyValue {
  agency: AgencyRef | null;
  setAgency: (agency: AgencyRef) => void;
}

const CurrentAgencyContext = createContext<CurrentAgencyValue | null>(null);

function storageKey(user: User): string {
  return `danvan.agency.${user.username}`;
}

function isAgencyRef(x: unknown): x is AgencyRef {
  return typeof x === 'object' && x !== null && typeof (x as AgencyRef).code === 'string' && typeof (x as AgencyRef).name === 'string';
}

/** The last agency chosen by this user on this browser, else the first grant. */
function initialAgency(user: User): AgencyRef | null {
  try {
    const saved: unknown = JSON.parse(localStorage.getItem(storageKey(user)) ?? 'null');
    if (isAgencyRef(saved)) return saved;
  } catch {
    // Unreadable storage: fall back to the first grant.
  }
  const first = user.grants[0];
  return first ? { code: first.agencyCode, name: first.agencyName } : null;
}

/** The agency the user works for right now; pages scope their requests to it. */
export function CurrentAgencyProvider({ user, children }: { user: User; children: ReactNode }) {
  const [agency, setAgencyState] = useState<AgencyRef | null>(() => initialAgency(user));
  const setAgency = useCallback(
    (next: AgencyRef) => {
      setAgencyState(next);
      try {
        localStorage.setItem(storageKey(user), JSON.stringify(next));
      } catch {
        // Not persisted; still applies to this page.
      }
    },
    [user],
  );
  const value = useMemo(() => ({ agency, setAgency }), [agency, setAgency]);
  return <CurrentAgencyContext.Provider value={value}>{children}</CurrentAgencyContext.Provider>;
}

export function useCurrentAgency(): CurrentAgencyValue {
  const value = useContext(CurrentAgencyContext);
  if (!value) throw new Error('useCurrentAgency outside <CurrentAgencyProvider>');
  return value;
}
