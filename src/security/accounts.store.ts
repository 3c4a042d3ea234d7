import type { Queryable } from '../db/database.js';
import { type SqlFragment, sql } from '../db/sql.js';
import type { Role } from './roles.js';

/** The only code that touches security.user_account. */

export type UserAccountRow = {
  id: string;
  organisationId: string;
  email: string;
  displayName: string;
  roles: Role[];
  passwordHash: string;
  secondFactorSecret: Buffer | null;
  secondFactorPendingSecret: Buffer | null;
  secondFactorEnrolledAt: Date | null;
  secondFactorLastStep: number;
  recoveryCodeHashes: string[];
  failedLogins: number;
  lockedUntil: Date | null;
  disabledAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
};

const columns = sql`
  id, organisation_id as "organisationId", email, display_name as "displayName", roles,
  password_hash as "passwordHash", second_factor_secret as "secondFactorSecret",
  second_factor_pending_secret as "secondFactorPendingSecret",
  second_factor_enrolled_at as "secondFactorEnrolledAt", second_factor_last_step as "secondFactorLastStep",
  recovery_code_hashes as "recoveryCodeHashes", failed_logins as "failedLogins", locked_until as "lockedUntil",
  disabled_at as "disabledAt", created_at as "createdAt", updated_at as "updatedAt"`;

export async function findUserAccount(db: Queryable, id: string, visible: SqlFragment = sql.true) {
  const found = await db.query<UserAccountRow>(
    sql`select ${columns} from security.user_account where id = ${id} and ${visible}`,
  );
  return found.rows[0] ?? null;
}

export async function findUserAccountByEmail(db: Queryable, email: string) {
  const found = await db.query<UserAccountRow>(
    sql`select ${columns} from security.user_account where email = ${email.trim().toLowerCase()}`,
  );
  return found.rows[0] ?? null;
}

export async function listUserAccounts(db: Queryable, visible: SqlFragment, limit = 500) {
  const found = await db.query<UserAccountRow>(
    sql`select ${columns} from security.user_account where ${visible} order by display_name, id limit ${limit}`,
  );
  return found.rows;
}

export type NewUserAccount = {
  id: string;
  organisationId: string;
  email: string;
  displayName: string;
  roles: readonly Role[];
  passwordHash: string;
  at: Date;
};

/** Inserts an account; returns null when the e-mail address is already taken. */
export async function insertUserAccount(
  db: Queryable,
  account: NewUserAccount,
): Promise<UserAccountRow | null> {
  const inserted = await db.query<UserAccountRow>(sql`
    insert into security.user_account
      (id, organisation_id, email, display_name, roles, password_hash, created_at, updated_at)
    values (${account.id}, ${account.organisationId}, ${account.email.trim().toLowerCase()}, ${account.displayName},
            ${[...account.roles]}, ${account.passwordHash}, ${account.at}, ${account.at})
    on conflict (email) do nothing
    returning ${columns}`);
  return inserted.rows[0] ?? null;
}

export type UserAccountChange = Partial<{
  displayName: string;
  roles: readonly Role[];
  disabledAt: Date | null;
  passwordHash: string;
  secondFactorSecret: Buffer | null;
  secondFactorPendingSecret: Buffer | null;
  secondFactorEnrolledAt: Date | null;
  secondFactorLastStep: number;
  recoveryCodeHashes: readonly string[];
  failedLogins: number;
  lockedUntil: Date | null;
}>;

const columnOf: Record<keyof UserAccountChange, string> = {
  displayName: 'display_name',
  roles: 'roles',
  disabledAt: 'disabled_at',
  passwordHash: 'password_hash',
  secondFactorSecret: 'second_factor_secret',
  secondFactorPendingSecret: 'second_factor_pending_secret',
  secondFactorEnrolledAt: 'second_factor_enrolled_at',
  secondFactorLastStep: 'second_factor_last_step',
  recoveryCodeHashes: 'recovery_code_hashes',
  failedLogins: 'failed_logins',
  lockedUntil: 'locked_until',
};

export async function updateUserAccount(db: Queryable, id: string, change: UserAccountChange, at: Date) {
  const assignments = (Object.keys(change) as (keyof UserAccountChange)[])
    .filter((key) => change[key] !== undefined)
    .map((key) => {
      if (!(key in columnOf)) throw new Error(`user_account has no field ${key}`);
      const value = change[key];
      return sql`${sql.raw(columnOf[key])} = ${Array.isArray(value) ? [...value] : value}`;
    });
  const updated = await db.query<UserAccountRow>(sql`
    update security.user_account set ${sql.join([...assignments, sql`updated_at = ${at}`])}
    where id = ${id} returning ${columns}`);
  return updated.rows[0] ?? null;
}

export async function countUserAccounts(db: Queryable): Promise<number> {
  const counted = await db.query<{ count: number }>(
    sql`select count(*)::int as count from security.user_account`,
  );
  return counted.rows[0]!.count;
}
