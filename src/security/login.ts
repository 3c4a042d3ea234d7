// Rules for signing in: lockouts, session expiry and second-factor codes. Pure: no clock, no I/O.

export type LoginSettings = {
  maxFailures: number;
  lockMinutes: number;
  /** Addresses are shared (NAT, an office): they get more tries than one account. */
  maxFailuresPerAddress: number;
};

export type AccountStanding = { disabledAt: Date | null; lockedUntil: Date | null };

export type LoginRefusal = 'account-disabled' | 'account-locked' | 'address-locked';

export function decideLoginAttempt(
  account: AccountStanding | null,
  address: { lockedUntil: Date | null } | null,
  now: Date,
): LoginRefusal | null {
  if (address?.lockedUntil && address.lockedUntil > now) return 'address-locked';
  if (account?.disabledAt) return 'account-disabled';
  if (account?.lockedUntil && account.lockedUntil > now) return 'account-locked';
  return null;
}

/** After a failure: the new count, and a lock when it reaches the limit. */
export function afterFailure(
  failures: number,
  limit: number,
  now: Date,
  lockMinutes: number,
): { failures: number; lockedUntil: Date | null } {
  const next = failures + 1;
  return next >= limit
    ? { failures: 0, lockedUntil: new Date(now.getTime() + lockMinutes * 60_000) }
    : { failures: next, lockedUntil: null };
}

/** Address failures are counted in a window as long as the lock; a new window starts afresh. */
export function afterAddressFailure(
  previous: { failures: number; windowStartedAt: Date } | null,
  settings: LoginSettings,
  now: Date,
): { failures: number; windowStartedAt: Date; lockedUntil: Date | null } {
  const windowMs = settings.lockMinutes * 60_000;
  const fresh = !previous || now.getTime() - previous.windowStartedAt.getTime() > windowMs;
  const base = fresh ? { failures: 0, windowStartedAt: now } : previous;
  const { failures, lockedUntil } = afterFailure(
    base.failures,
    settings.maxFailuresPerAddress,
    now,
    settings.lockMinutes,
  );
  return { failures, windowStartedAt: base.windowStartedAt, lockedUntil };
}

export type SessionTimes = { createdAt: Date; lastSeenAt: Date; endedAt: Date | null };
export type SessionStanding = 'valid' | 'ended' | 'idle-expired' | 'absolute-expired';

export function decideSessionStanding(
  session: SessionTimes,
  now: Date,
  limits: { idleMinutes: number; absoluteHours: number },
): SessionStanding {
  if (session.endedAt) return 'ended';
  if (now.getTime() - session.createdAt.getTime() >= limits.absoluteHours * 3_600_000)
    return 'absolute-expired';
  if (now.getTime() - session.lastSeenAt.getTime() >= limits.idleMinutes * 60_000) return 'idle-expired';
  return 'valid';
}

/**
 * A TOTP code is accepted once: its time step must be later than the last one used, so a code
 * seen over a shoulder cannot be replayed within its 30 seconds.
 */
export const isFreshTimeStep = (step: number, lastUsedStep: number): boolean => step > lastUsedStep;
