// Who is signed in. Kept in memory only: nothing about the user is written to browser storage.

import { useSyncExternalStore } from 'react';
import type { Role } from '../security/ui/roles.js';
import { ApiError, api, configureApi } from './api.js';

export type Session = {
  user: {
    id: string;
    email: string;
    displayName: string;
    organisationId: string;
    organisationName: string;
    roles: Role[];
  };
  secondFactor: { required: boolean; enrolled: boolean; verified: boolean };
  csrfToken: string;
  permissions: string[];
};

export type SessionState =
  | { status: 'loading' }
  /** `reason`: 'signed-out' after Sign out, 'ended' when the server ended the session, else 'none'. */
  | { status: 'anonymous'; reason: 'none' | 'signed-out' | 'ended' }
  | { status: 'signed-in'; session: Session }
  | { status: 'unavailable'; error: ApiError };

let state: SessionState = { status: 'loading' };
const listeners = new Set<() => void>();

function setState(next: SessionState): void {
  state = next;
  for (const listener of listeners) listener();
}

configureApi({
  csrfToken: () => (state.status === 'signed-in' ? state.session.csrfToken : null),
  sessionEnded: () => {
    if (state.status === 'signed-in') setState({ status: 'anonymous', reason: 'ended' });
  },
});

export function getSessionState(): SessionState {
  return state;
}

export function useSessionState(): SessionState {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => state,
  );
}

/** The session, for screens that are only shown to signed-in users. */
export function useSession(): Session | null {
  const current = useSessionState();
  return current.status === 'signed-in' ? current.session : null;
}

export function setSession(session: Session | null): void {
  setState(session ? { status: 'signed-in', session } : { status: 'anonymous', reason: 'none' });
}

export async function loadSession(): Promise<void> {
  setState({ status: 'loading' });
  try {
    setSession(await api.get<Session>('/api/auth/session'));
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) setSession(null);
    else setState({ status: 'unavailable', error: error instanceof ApiError ? error : toUnavailable() });
  }
}

function toUnavailable(): ApiError {
  return new ApiError({ type: '/problems/client/network', title: 'Network error', status: 0 });
}

export async function signOut(): Promise<void> {
  try {
    await api.post<void>('/api/auth/logout');
  } finally {
    setState({ status: 'anonymous', reason: 'signed-out' });
  }
}

/** Signed in and past any second factor the account needs. */
export function isFullySignedIn(session: Session): boolean {
  const { required, verified } = session.secondFactor;
  return !required || verified;
}

/** Where a session that is not yet complete has to go next. */
export function nextSignInStep(session: Session): '/login/enrol' | '/login/second-factor' | null {
  const { required, enrolled, verified } = session.secondFactor;
  if (!required || verified) return null;
  return enrolled ? '/login/second-factor' : '/login/enrol';
}

export function can(session: Session | null, permission: string): boolean {
  return session?.permissions.includes(permission) ?? false;
}
