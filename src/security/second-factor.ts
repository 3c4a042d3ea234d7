import { createHash, randomBytes } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';

// TOTP (RFC 6238): 6 digits, 30-second steps, SHA-1 as every authenticator app supports.
const PERIOD_SECONDS = 30;

const totpFor = (secretBase32: string, label = 'Palermo') =>
  new TOTP({
    issuer: 'Palermo',
    label,
    algorithm: 'SHA1',
    digits: 6,
    period: PERIOD_SECONDS,
    secret: Secret.fromBase32(secretBase32),
  });

export const newSecondFactorSecret = (): string => new Secret({ size: 20 }).base32;

/** The enrolment URL shown as a QR code; the label is the account's e-mail, never a victim's data. */
export const enrolmentUrl = (secretBase32: string, accountLabel: string): string =>
  totpFor(secretBase32, accountLabel).toString();

/**
 * The time step a code belongs to, if it is valid now (one step of clock drift either way is
 * tolerated), else null. The caller refuses a step already used.
 */
export function timeStepOfCode(secretBase32: string, code: string, now: Date): number | null {
  const digits = code.replace(/\s/g, '');
  if (!/^\d{6}$/.test(digits)) return null;
  const delta = totpFor(secretBase32).validate({ token: digits, timestamp: now.getTime(), window: 1 });
  return delta === null ? null : Math.floor(now.getTime() / 1000 / PERIOD_SECONDS) + delta;
}

/** The code an authenticator would show now (tests, and the demo's printed hint). */
export const currentCode = (secretBase32: string, now: Date): string =>
  totpFor(secretBase32).generate({ timestamp: now.getTime() });

// Recovery codes are 10 random groups of 4+4 base32 characters; stored only as SHA-256 (their
// entropy is high, so a slow hash adds nothing).
export function newRecoveryCodes(count = 10): string[] {
  const alphabet = 'ABCDEFGHJKMNPQRSTVWXYZ23456789';
  return Array.from({ length: count }, () => {
    const chars = [...randomBytes(8)].map((byte) => alphabet[byte % alphabet.length]).join('');
    return `${chars.slice(0, 4)}-${chars.slice(4)}`;
  });
}

export const hashRecoveryCode = (code: string): string =>
  createHash('sha256').update(code.trim().toUpperCase().replace(/\s/g, '')).digest('hex');
