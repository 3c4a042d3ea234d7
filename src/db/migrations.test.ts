import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from './database.js';
import { ChangedMigrationError, migrate, migrationState, readMigrations } from './migrations.js';
import { sql } from './sql.js';
import { freshTestDb } from './test-db.js';

let db: Database;
let folder: string;
beforeAll(async () => {
  db = await freshTestDb();
  folder = mkdtempSync(join(tmpdir(), 'palermo-migrations-'));
});
afterAll(() => db.close());

const sources = () => [{ capability: 'shelters', directory: folder }];

describe('migrations', () => {
  it('applies pending migrations once, in file order, and records each with its checksum', async () => {
    writeFileSync(
      join(folder, '0002_rooms.sql'),
      'create table shelters.room (id int primary key, shelter_id int);',
    );
    writeFileSync(
      join(folder, '0001_shelter.sql'),
      'create schema shelters; create table shelters.shelter (id int primary key);',
    );
    writeFileSync(join(folder, 'notes.txt'), 'not a migration');
    expect(await migrate(db, readMigrations(sources()))).toEqual([
      'shelters/0001_shelter.sql',
      'shelters/0002_rooms.sql',
    ]);
    expect(await migrate(db, readMigrations(sources()))).toEqual([]);
    const recorded = await db.query<{ name: string; checksum: string }>(
      sql`select name, checksum from platform.migration where capability = 'shelters' order by name`,
    );
    expect(recorded.rows.map((row) => row.name)).toEqual(['0001_shelter.sql', '0002_rooms.sql']);
    expect(recorded.rows[0]!.checksum).toMatch(/^[0-9a-f]{64}$/);
  });

  it('rolls back a failing migration whole, recording nothing', async () => {
    writeFileSync(
      join(folder, '0003_broken.sql'),
      'create table shelters.bed (id int); select no_such_function();',
    );
    await expect(migrate(db, readMigrations(sources()))).rejects.toThrow();
    const bed = await db.query<{ present: boolean }>(
      sql`select to_regclass('shelters.bed') is not null as present`,
    );
    expect(bed.rows[0]!.present).toBe(false);
    expect((await migrationState(db, readMigrations(sources()))).pending).toEqual([
      'shelters/0003_broken.sql',
    ]);
    writeFileSync(join(folder, '0003_broken.sql'), 'create table shelters.bed (id int);');
    expect(await migrate(db, readMigrations(sources()))).toEqual(['shelters/0003_broken.sql']);
  });

  it('refuses to start when an applied migration was changed afterwards', async () => {
    writeFileSync(
      join(folder, '0001_shelter.sql'),
      'create schema shelters; create table shelters.shelter (id bigint);',
    );
    await expect(migrate(db, readMigrations(sources()))).rejects.toThrow(ChangedMigrationError);
    await expect(migrationState(db, readMigrations(sources()))).rejects.toThrow(
      /shelters\/0001_shelter.sql was changed/,
    );
  });
});
