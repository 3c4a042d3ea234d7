import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from './database.js';
import { sql } from './sql.js';

/** A capability's migrations folder, in the order the composition root lists them. */
export type MigrationSource = { capability: string; directory: string };
export type Migration = { capability: string; name: string; text: string; checksum: string };

export class ChangedMigrationError extends Error {
  constructor(readonly migration: string) {
    super(`migration ${migration} was changed after it was applied; restore it or write a new migration`);
  }
}

export function readMigrations(sources: readonly MigrationSource[]): Migration[] {
  return sources.flatMap(({ capability, directory }) =>
    readdirSync(directory)
      .filter((file) => /^\d{4}_[a-z0-9_]+\.sql$/.test(file))
      .sort()
      .map((file) => {
        const text = readFileSync(join(directory, file), 'utf8');
        return { capability, name: file, text, checksum: createHash('sha256').update(text).digest('hex') };
      }),
  );
}

const LEDGER = `
  create schema if not exists platform;
  create table if not exists platform.migration (
    capability text not null,
    name text not null,
    checksum text not null,
    applied_at timestamptz not null default now(),
    primary key (capability, name)
  )`;

type AppliedMigration = { capability: string; name: string; checksum: string };

export type MigrationState = { applied: number; pending: string[] };

export async function migrationState(
  db: Database,
  migrations: readonly Migration[],
): Promise<MigrationState> {
  const applied = await appliedMigrations(db);
  const byKey = new Map(applied.map((row) => [`${row.capability}/${row.name}`, row.checksum]));
  const pending: string[] = [];
  for (const migration of migrations) {
    const key = `${migration.capability}/${migration.name}`;
    const checksum = byKey.get(key);
    if (checksum === undefined) pending.push(key);
    else if (checksum !== migration.checksum) throw new ChangedMigrationError(key);
  }
  return { applied: applied.length, pending };
}

async function appliedMigrations(db: Database): Promise<AppliedMigration[]> {
  const ledger = await db.query<{ present: boolean }>(
    sql`select to_regclass('platform.migration') is not null as present`,
  );
  if (!ledger.rows[0]?.present) return [];
  return (await db.query<AppliedMigration>(sql`select capability, name, checksum from platform.migration`))
    .rows;
}

/**
 * Applies pending migrations in order, each in its own transaction, and refuses to run when an
 * applied migration's text changed (its checksum no longer matches). Returns what it applied.
 */
export async function migrate(db: Database, migrations: readonly Migration[]): Promise<string[]> {
  await db.exec(LEDGER);
  const { pending } = await migrationState(db, migrations);
  const applied: string[] = [];
  for (const migration of migrations) {
    const key = `${migration.capability}/${migration.name}`;
    if (!pending.includes(key)) continue;
    await db.transaction(async (tx) => {
      // Several processes may start at once against one server: one applies, the others wait.
      await tx.query(sql`select pg_advisory_xact_lock(7305551)`);
      const already = await tx.query(
        sql`select 1 from platform.migration where capability = ${migration.capability} and name = ${migration.name}`,
      );
      if (already.rowCount > 0) return;
      await tx.exec(migration.text);
      await tx.query(
        sql`insert into platform.migration (capability, name, checksum)
            values (${migration.capability}, ${migration.name}, ${migration.checksum})`,
      );
      applied.push(key);
    });
  }
  return applied;
}
