import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useContext, useEffect } from 'react';
import { api, setCsrfToken } from './api/client';
import { ApiError, unwrap } from './api/errors';
import type { components } from './api/schema';

export type Session = components['schemas']['SessionDto'];

/** The signed-in person, their clinic (its time zone for every date shown) and the CSRF token. */
export const SESSION_KEY = ['session'] as const;

async function loadSession(): Promise<Session | null> {
  try {
    const session = await unwrap(api.GET('/v1/session'));
    setCsrfToken(session.csrfToken);
    return session;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      setCsrfToken(undefined);
      return null;
    }
    throw error;
  }
}

export function useSessionQuery() {
  const client = useQueryClient();
  useEffect(() => {
    // Any 401 from the API means the session is gone (expired, signed out in another tab).
    const signedOut = () => client.setQueryData(SESSION_KEY, null);
    window.addEventListener('carecadence:signed-out', signedOut);
    return () => window.removeEventListener('carecadence:signed-out', signedOut);
  }, [client]);
  return useQuery({ queryKey: SESSION_KEY, queryFn: loadSession, staleTime: Infinity, retry: false });
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ session, children }: { session: Session; children: ReactNode }) {
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

/** The session inside the signed-in part of the console. */
export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside the signed-in console');
  return session;
}

/** The clinic's IANA time zone: every time on every page is shown in it. */
export function useClinicZone(): string {
  return useSession().clinic.timezone;
}

export function useIsOwner(): boolean {
  return useSession().staff.role === 'owner';
}

export function signedIn(client: ReturnType<typeof useQueryClient>, session: Session) {
  setCsrfToken(session.csrfToken);
  client.setQueryData(SESSION_KEY, session);
}
