import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Database, openPglite, openPostgres } from './database.js';
import { type Migration, type MigrationSource, migrate, readMigrations } from './migrations.js';
import { sql } from './sql.js';

/**
 * A fresh, migrated database for one test file: in-memory PGlite by default, a newly created
 * database on the PostgreSQL server when DATABASE_URL is set (CI runs the suite both ways).
 * Never a mock.
 */
export async function freshTestDb(sources: readonly MigrationSource[] = []): Promise<Database> {
  const serverUrl = process.env.DATABASE_URL;
  const migrations = readMigrations(sources);
  if (!serverUrl) return migratedPglite(migrations);
  const name = `palermo_test_${randomBytes(6).toString('hex')}`;
  const admin = await openPostgres(serverUrl, 1);
  await admin.exec(`create database ${name}`);
  await admin.close();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const server = await openPostgres(url.toString(), 10);
  const db: Database = {
    ...server,
    close: async () => {
      await server.close();
      const dropper = await openPostgres(serverUrl, 1);
      await dropper.exec(`drop database if exists ${name} with (force)`);
      await dropper.close();
    },
  };
  if (migrations.length > 0) await migrate(db, migrations);
  return db;
}

// Starting PGlite and migrating costs seconds; loading a dump of a migrated one costs a fraction.
// The dump is keyed by the migrations' checksums, so a changed migration makes a new one.
const templateFolder = new URL('../../node_modules/.cache/palermo-test', import.meta.url).pathname;

async function migratedPglite(migrations: readonly Migration[]): Promise<Database> {
  const key = createHash('sha256')
    .update(
      migrations
        .map((migration) => `${migration.capability}/${migration.name}:${migration.checksum}`)
        .join('\n'),
    )
    .digest('hex')
    .slice(0, 16);
  const template = join(templateFolder, `pglite-${key}.tar`);
  if (existsSync(template)) return openPglite(undefined, new Blob([readFileSync(template)]));
  const db = await openPglite();
  await migrate(db, migrations);
  await db.exec('checkpoint');
  const dump = await db.dumpDataDir!();
  mkdirSync(templateFolder, { recursive: true });
  const partial = `${template}.${process.pid}.${randomBytes(4).toString('hex')}`;
  writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
  renameSync(partial, template);
  return db;
}

export { sql };
