import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { afterAddressFailure, afterFailure, decideLoginAttempt, decideSessionStanding } from './login.js';

const now = new Date('2026-03-27T10:00:00Z');
const minutes = (n: number) => new Date(now.getTime() + n * 60_000);

describe('login attempts', () => {
  it('refuses a locked account until the lock ends, then lets it try again', () => {
    const account = { disabledAt: null, lockedUntil: minutes(5) };
    expect(decideLoginAttempt(account, null, now)).toBe('account-locked');
    expect(decideLoginAttempt(account, null, minutes(6))).toBeNull();
  });

  it('refuses a disabled account whatever the lock', () => {
    expect(decideLoginAttempt({ disabledAt: now, lockedUntil: null }, null, now)).toBe('account-disabled');
  });

  it('refuses every account from a locked address', () => {
    expect(decideLoginAttempt(null, { lockedUntil: minutes(1) }, now)).toBe('address-locked');
  });

  it('locks an account on exactly the configured number of failures', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 20 }), (limit) => {
        let state = { failures: 0, lockedUntil: null as Date | null };
        for (let attempt = 1; attempt < limit; attempt++) {
          state = afterFailure(state.failures, limit, now, 15);
          expect(state.lockedUntil).toBeNull();
        }
        expect(afterFailure(state.failures, limit, now, 15).lockedUntil).toEqual(minutes(15));
      }),
    );
  });

  it('starts a new address window once the old one has passed', () => {
    const settings = { maxFailures: 5, lockMinutes: 15, maxFailuresPerAddress: 3 };
    const old = { failures: 2, windowStartedAt: minutes(-30) };
    expect(afterAddressFailure(old, settings, now)).toEqual({
      failures: 1,
      windowStartedAt: now,
      lockedUntil: null,
    });
    const recent = { failures: 2, windowStartedAt: minutes(-1) };
    expect(afterAddressFailure(recent, settings, now).lockedUntil).toEqual(minutes(15));
  });
});

describe('session standing', () => {
  const limits = { idleMinutes: 30, absoluteHours: 12 };
  it('ends a session after the idle time without requests', () => {
    const session = { createdAt: minutes(-40), lastSeenAt: minutes(-30), endedAt: null };
    expect(decideSessionStanding(session, now, limits)).toBe('idle-expired');
    expect(decideSessionStanding({ ...session, lastSeenAt: minutes(-29) }, now, limits)).toBe('valid');
  });

  it('ends a session at the absolute limit however active it is', () => {
    const session = { createdAt: minutes(-12 * 60), lastSeenAt: now, endedAt: null };
    expect(decideSessionStanding(session, now, limits)).toBe('absolute-expired');
  });

  it('never revives a session that was logged out', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1000, max: 0 }), (offset) => {
        const session = { createdAt: minutes(offset), lastSeenAt: minutes(offset), endedAt: minutes(offset) };
        expect(decideSessionStanding(session, now, limits)).toBe('ended');
      }),
    );
  });
});
