import { createHash, randomBytes } from 'node:crypto';
import type { Queryable } from '../db/database.js';
import { sql } from '../db/sql.js';
import { newId } from '../kernel/ids.js';
import type { Role } from './roles.js';

/** The only code that touches security.session and security.login_throttle. */

const hashToken = (token: string) => createHash('sha256').update(token).digest();

export type SessionRow = {
  id: string;
  userId: string;
  csrfToken: string;
  createdAt: Date;
  lastSeenAt: Date;
  secondFactorVerifiedAt: Date | null;
  endedAt: Date | null;
  organisationId: string;
  roles: Role[];
  disabledAt: Date | null;
  secondFactorEnrolledAt: Date | null;
};

export async function insertSession(
  db: Queryable,
  userId: string,
  at: Date,
): Promise<{ token: string; session: { id: string; csrfToken: string } }> {
  const token = randomBytes(32).toString('base64url');
  const session = { id: newId(), csrfToken: randomBytes(24).toString('base64url') };
  await db.query(sql`
    insert into security.session (token_hash, id, user_id, csrf_token, created_at, last_seen_at)
    values (${hashToken(token)}, ${session.id}, ${userId}, ${session.csrfToken}, ${at}, ${at})`);
  return { token, session };
}

export async function findSessionByToken(db: Queryable, token: string): Promise<SessionRow | null> {
  const found = await db.query<SessionRow>(sql`
    select s.id, s.user_id as "userId", s.csrf_token as "csrfToken", s.created_at as "createdAt",
           s.last_seen_at as "lastSeenAt", s.second_factor_verified_at as "secondFactorVerifiedAt",
           s.ended_at as "endedAt", u.organisation_id as "organisationId", u.roles,
           u.disabled_at as "disabledAt", u.second_factor_enrolled_at as "secondFactorEnrolledAt"
    from security.session s join security.user_account u on u.id = s.user_id
    where s.token_hash = ${hashToken(token)}`);
  return found.rows[0] ?? null;
}

export async function touchSession(db: Queryable, sessionId: string, at: Date) {
  await db.query(sql`update security.session set last_seen_at = ${at} where id = ${sessionId}`);
}

export async function markSessionSecondFactorVerified(db: Queryable, sessionId: string, at: Date) {
  await db.query(sql`update security.session set second_factor_verified_at = ${at} where id = ${sessionId}`);
}

export async function endSession(db: Queryable, sessionId: string, at: Date) {
  await db.query(
    sql`update security.session set ended_at = ${at} where id = ${sessionId} and ended_at is null`,
  );
}

export async function endSessionsOfUser(db: Queryable, userId: string, at: Date) {
  await db.query(
    sql`update security.session set ended_at = ${at} where user_id = ${userId} and ended_at is null`,
  );
}

export type AddressThrottle = { failures: number; windowStartedAt: Date; lockedUntil: Date | null };

export async function findAddressThrottle(
  db: Queryable,
  addressHash: Buffer,
): Promise<AddressThrottle | null> {
  const found = await db.query<AddressThrottle>(sql`
    select failures, window_started_at as "windowStartedAt", locked_until as "lockedUntil"
    from security.login_throttle where address_hash = ${addressHash}`);
  return found.rows[0] ?? null;
}

export async function saveAddressThrottle(db: Queryable, addressHash: Buffer, throttle: AddressThrottle) {
  await db.query(sql`
    insert into security.login_throttle (address_hash, failures, window_started_at, locked_until)
    values (${addressHash}, ${throttle.failures}, ${throttle.windowStartedAt}, ${throttle.lockedUntil})
    on conflict (address_hash) do update set failures = excluded.failures,
      window_started_at = excluded.window_started_at, locked_until = excluded.locked_until`);
}
