import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../db/database.js';
import { sql } from '../db/sql.js';
import { freshTestDb } from '../db/test-db.js';
import { newId } from '../kernel/ids.js';
import { type FieldLocation, SubjectErased, UnreadableCiphertext } from './field-encryption.js';
import {
  clearDataKeyCache,
  decryptField,
  destroyDataKey,
  encryptField,
  ensureDataKey,
  rotateMasterKey,
} from './field-encryption.store.js';
import { type Keyring, openKeyring } from './keyring.js';

let db: Database;
const scratch = mkdtempSync(join(tmpdir(), 'palermo-field-encryption-'));
let installations = 0;
const quietly = { warn: () => undefined };

function aKeyring(): Keyring {
  return openKeyring(join(scratch, `installation-${++installations}`, 'master.key'), quietly);
}

beforeAll(async () => {
  db = await freshTestDb([
    { capability: 'security', directory: new URL('./migrations', import.meta.url).pathname },
  ]);
  // Stands in for a capability's table of identity data.
  await db.exec(`create table public.person_fixture (
    id uuid primary key, given_name bytea, family_name bytea, document_number bytea)`);
});
afterAll(async () => {
  await db?.close();
  rmSync(scratch, { recursive: true, force: true });
});

const aPlace = (overrides: Partial<FieldLocation> = {}): FieldLocation => {
  const personId = newId();
  return {
    table: 'public.person_fixture',
    column: 'given_name',
    rowId: personId,
    subjectId: personId,
    ...overrides,
  };
};

async function storedPerson(keyring: Keyring, givenName: string, familyName: string | null = null) {
  const id = newId();
  await db.transaction(async (tx) => {
    const place = { table: 'public.person_fixture', rowId: id, subjectId: id };
    await tx.query(
      sql`insert into public.person_fixture (id, given_name, family_name) values (${id},
          ${await encryptField(tx, keyring, { ...place, column: 'given_name' }, givenName)},
          ${await encryptField(tx, keyring, { ...place, column: 'family_name' }, familyName)})`,
    );
  });
  return id;
}

async function readPerson(keyring: Keyring, id: string) {
  return db.transaction(async (tx) => {
    const found = await tx.query<{ given_name: Buffer | null; family_name: Buffer | null }>(
      sql`select given_name, family_name from public.person_fixture where id = ${id}`,
    );
    const row = found.rows[0]!;
    const place = { table: 'public.person_fixture', rowId: id, subjectId: id };
    return {
      givenName: await decryptField(tx, keyring, { ...place, column: 'given_name' }, row.given_name),
      familyName: await decryptField(tx, keyring, { ...place, column: 'family_name' }, row.family_name),
    };
  });
}

function gate(): { open: () => void; opened: Promise<void> } {
  let open = () => {};
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { open, opened };
}

async function caught(work: () => Promise<unknown>): Promise<unknown> {
  try {
    await work();
  } catch (error) {
    return error;
  }
  throw new Error('expected a refusal');
}

describe('field encryption in the database', () => {
  it('reads back exactly what was written, for any text including the empty one', async () => {
    const keyring = aKeyring();
    await fc.assert(
      fc.asyncProperty(
        fc.string({ unit: 'binary' }),
        fc.string({ unit: 'grapheme' }),
        async (given, family) => {
          const id = await storedPerson(keyring, given, family);
          clearDataKeyCache();
          expect(await readPerson(keyring, id)).toEqual({ givenName: given, familyName: family });
        },
      ),
      { numRuns: 40 },
    );
  });

  it('keeps an absent value absent', async () => {
    const keyring = aKeyring();
    const id = await storedPerson(keyring, 'Ana', null);
    expect(await readPerson(keyring, id)).toEqual({ givenName: 'Ana', familyName: null });
  });

  it('makes one data key per subject, wrapped under the current master key, never stored in clear', async () => {
    const keyring = aKeyring();
    const subjectId = newId();
    await db.transaction(async (tx) => {
      await ensureDataKey(tx, keyring, subjectId);
      await ensureDataKey(tx, keyring, subjectId.toUpperCase());
    });
    const rows = await db.query<{ key_version: number; master_key_version: number; wrapped_key: Buffer }>(
      sql`select key_version, master_key_version, wrapped_key from security.data_key where subject_id = ${subjectId}`,
    );
    expect(rows.rows).toHaveLength(1);
    expect(rows.rows[0]).toMatchObject({ key_version: 1, master_key_version: 1 });
    expect(rows.rows[0]!.wrapped_key).toHaveLength(60);
  });

  it('refuses a ciphertext with a byte changed in the database', async () => {
    const keyring = aKeyring();
    const id = await storedPerson(keyring, 'Ana', 'Pop');
    await db.query(
      sql`update public.person_fixture set given_name = set_byte(given_name, 34, get_byte(given_name, 34) # 1)
          where id = ${id}`,
    );
    const refusal = await caught(() => readPerson(keyring, id));
    expect(refusal).toBeInstanceOf(UnreadableCiphertext);
    expect((refusal as UnreadableCiphertext).reason).toBe('authentication-failed');
  });

  it('refuses a ciphertext copied into another row of the same person table', async () => {
    const keyring = aKeyring();
    const ana = await storedPerson(keyring, 'Ana', 'Pop');
    const maria = await storedPerson(keyring, 'Maria', 'Ionescu');
    await db.query(
      sql`update public.person_fixture set given_name = (select given_name from public.person_fixture where id = ${ana})
          where id = ${maria}`,
    );
    expect(await caught(() => readPerson(keyring, maria))).toBeInstanceOf(UnreadableCiphertext);
  });

  it('refuses a ciphertext copied into another column of the same row', async () => {
    const keyring = aKeyring();
    const id = await storedPerson(keyring, 'Ana', 'Pop');
    await db.query(sql`update public.person_fixture set family_name = given_name where id = ${id}`);
    expect(await caught(() => readPerson(keyring, id))).toBeInstanceOf(UnreadableCiphertext);
  });

  it('refuses a ciphertext when the installation has a different master key', async () => {
    const id = await storedPerson(aKeyring(), 'Ana', 'Pop');
    const refusal = await caught(() => readPerson(aKeyring(), id));
    expect((refusal as UnreadableCiphertext).reason).toBe('data-key-unreadable');
  });

  it('refuses a ciphertext for a subject who has no data key', async () => {
    const keyring = aKeyring();
    const place = aPlace();
    const sealed = await db.transaction((tx) => encryptField(tx, keyring, place, 'Ana'));
    await db.query(sql`delete from security.data_key where subject_id = ${place.subjectId}`);
    clearDataKeyCache();
    const refusal = await caught(() => db.transaction((tx) => decryptField(tx, keyring, place, sealed)));
    expect((refusal as UnreadableCiphertext).reason).toBe('no-data-key');
  });
});

describe('erasing a subject (crypto-shredding)', () => {
  it('makes their data unreadable at once, even right after a cached read', async () => {
    const keyring = aKeyring();
    const id = await storedPerson(keyring, 'Ana', 'Pop');
    expect(await readPerson(keyring, id)).toEqual({ givenName: 'Ana', familyName: 'Pop' }); // now cached
    const { erasedAt } = await db.transaction((tx) => destroyDataKey(tx, id));
    expect(erasedAt).toBeInstanceOf(Date);
    const refusal = await caught(() => readPerson(keyring, id));
    expect(refusal).toBeInstanceOf(SubjectErased);
    expect((refusal as SubjectErased).subjectId).toBe(id);
  });

  it('keeps no wrapped key and records when the subject was erased', async () => {
    const keyring = aKeyring();
    const id = await storedPerson(keyring, 'Ana');
    await db.transaction((tx) => destroyDataKey(tx, id));
    const rows = await db.query<{ wrapped_key: Buffer | null; destroyed_at: Date | null }>(
      sql`select wrapped_key, destroyed_at from security.data_key where subject_id = ${id}`,
    );
    expect(rows.rows[0]!.wrapped_key).toBeNull();
    expect(rows.rows[0]!.destroyed_at).toBeInstanceOf(Date);
  });

  it('refuses to encrypt anything new for an erased subject, even one who never had a key', async () => {
    const keyring = aKeyring();
    const place = aPlace();
    await db.transaction((tx) => destroyDataKey(tx, place.subjectId));
    expect(
      await caught(() => db.transaction((tx) => encryptField(tx, keyring, place, 'Ana'))),
    ).toBeInstanceOf(SubjectErased);
  });

  it('is idempotent and keeps the first erasure time', async () => {
    const keyring = aKeyring();
    const id = await storedPerson(keyring, 'Ana');
    const first = await db.transaction((tx) => destroyDataKey(tx, id));
    const second = await db.transaction((tx) => destroyDataKey(tx, id));
    expect(second.erasedAt).toEqual(first.erasedAt);
  });

  it('cannot be undone in the database', async () => {
    const keyring = aKeyring();
    const id = await storedPerson(keyring, 'Ana');
    const wrapped = await db.query<{ wrapped_key: Buffer }>(
      sql`select wrapped_key from security.data_key where subject_id = ${id}`,
    );
    await db.transaction((tx) => destroyDataKey(tx, id));
    await expect(
      db.query(
        sql`update security.data_key set wrapped_key = ${wrapped.rows[0]!.wrapped_key}, destroyed_at = null
            where subject_id = ${id}`,
      ),
    ).rejects.toThrow(/erasure cannot be undone/);
  });

  it('leaves a rolled-back erasure without effect', async () => {
    const keyring = aKeyring();
    const id = await storedPerson(keyring, 'Ana');
    await caught(() =>
      db.transaction(async (tx) => {
        await destroyDataKey(tx, id);
        throw new Error('the erasure was cancelled');
      }),
    );
    expect(await readPerson(keyring, id)).toEqual({ givenName: 'Ana', familyName: null });
  });
});

describe('rotateMasterKey', () => {
  // Rotation re-wraps every data key in the database, so each example starts from an empty table.
  beforeEach(async () => {
    await db.query(sql`delete from security.data_key`);
    clearDataKeyCache();
  });

  it('re-wraps every data key under a new master key, keeps everything readable and retires the old key', async () => {
    const runningServer = aKeyring();
    const sealedNames = new Map<FieldLocation, Buffer>();
    await db.transaction(async (tx) => {
      for (let index = 0; index < 230; index++) {
        const place = aPlace();
        sealedNames.set(place, (await encryptField(tx, runningServer, place, `person ${index} — Ană`))!);
      }
      await destroyDataKey(tx, newId());
    });
    const oldMasterKey = JSON.parse(readFileSync(runningServer.path, 'utf8')).masterKeys['1'];
    const progress: [number, number][] = [];

    const outcome = await rotateMasterKey(db, runningServer.path, {
      batchSize: 100,
      onProgress: (done, total) => progress.push([done, total]),
    });

    expect(outcome).toEqual({ newVersion: 2, rewrapped: 230, retiredVersions: [1] });
    expect(progress).toEqual([
      [0, 230],
      [100, 230],
      [200, 230],
      [230, 230],
    ]);
    const file = JSON.parse(readFileSync(runningServer.path, 'utf8'));
    expect(file.current).toBe(2);
    expect(Object.keys(file.masterKeys)).toEqual(['2']);
    expect(JSON.stringify(file)).not.toContain(oldMasterKey);
    const versions = await db.query<{ master_key_version: number; count: number }>(
      sql`select master_key_version, count(*)::int as count from security.data_key
          where wrapped_key is not null group by master_key_version`,
    );
    expect(versions.rows).toEqual([{ master_key_version: 2, count: 230 }]);

    clearDataKeyCache();
    const afterRestart = openKeyring(runningServer.path, quietly);
    for (const keyring of [runningServer, afterRestart]) {
      clearDataKeyCache();
      await db.transaction(async (tx) => {
        for (const [place, sealed] of sealedNames)
          expect(await decryptField(tx, keyring, place, sealed)).toMatch(/^person \d+ — Ană$/);
      });
    }
  });

  it('lets a running server wrap new data keys under the new master key without restart', async () => {
    const runningServer = aKeyring();
    await storedPerson(runningServer, 'Ana');
    await rotateMasterKey(db, runningServer.path);
    const later = aPlace();
    await db.transaction((tx) => ensureDataKey(tx, runningServer, later.subjectId));
    const row = await db.query<{ master_key_version: number }>(
      sql`select master_key_version from security.data_key where subject_id = ${later.subjectId}`,
    );
    expect(row.rows[0]!.master_key_version).toBe(2);
  });

  it.skipIf(!process.env.DATABASE_URL)(
    'waits for a data key a running server is wrapping under the old master key before retiring it',
    async () => {
      const runningServer = aKeyring();
      const place = aPlace();
      const requestMayFinish = gate();
      const keyCreated = gate();
      const serverWork = db.transaction(async (tx) => {
        const sealed = await encryptField(tx, runningServer, place, 'Ana');
        keyCreated.open();
        await requestMayFinish.opened; // the request is still running when the rotation starts
        return sealed;
      });
      await keyCreated.opened;
      let rotationFinished = false;
      const rotation = rotateMasterKey(db, runningServer.path).then((outcome) => {
        rotationFinished = true;
        return outcome;
      });
      await new Promise((resolve) => setTimeout(resolve, 400));
      expect(rotationFinished).toBe(false);
      requestMayFinish.open();
      const sealed = await serverWork;
      const outcome = await rotation;
      expect(outcome.retiredVersions).toEqual([1]);
      clearDataKeyCache();
      const afterRestart = openKeyring(runningServer.path, quietly);
      expect(await db.transaction((tx) => decryptField(tx, afterRestart, place, sealed))).toBe('Ana');
    },
  );

  it('keeps the old master key when a rotation cannot finish, so nothing becomes unreadable', async () => {
    const keyring = aKeyring();
    const id = await storedPerson(keyring, 'Ana');
    await storedPerson(aKeyring(), 'Maria'); // a key wrapped by another installation's master key
    await expect(rotateMasterKey(db, keyring.path)).rejects.toThrow(UnreadableCiphertext);
    const file = JSON.parse(readFileSync(keyring.path, 'utf8'));
    expect(Object.keys(file.masterKeys)).toEqual(['1', '2']);
    clearDataKeyCache();
    expect(await readPerson(openKeyring(keyring.path, quietly), id)).toEqual({
      givenName: 'Ana',
      familyName: null,
    });
  });
});
