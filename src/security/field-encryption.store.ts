import type { Database, Queryable } from '../db/database.js';
import { sql } from '../db/sql.js';
import {
  canonicalSubjectId,
  type FieldLocation,
  fieldKeyVersion,
  newDataKey,
  openField,
  SubjectErased,
  sealField,
  UnreadableCiphertext,
  unwrapDataKey,
  wrapDataKey,
} from './field-encryption.js';
import { addMasterKeyVersion, type Keyring, openKeyring, retireMasterKeyVersions } from './keyring.js';

/**
 * The only code that touches security.data_key. Encrypts and decrypts fields under the subject's
 * data key, erases subjects by destroying their key, and rotates the master key.
 *
 * Unwrapped data keys are cached in this process (at most CACHE_LIMIT, each for CACHE_TTL_MS) so a
 * hot read does not fetch and unwrap the key again. `destroyDataKey` drops the entry at once and
 * keeps this process from caching that subject again for CACHE_TTL_MS; other processes may still
 * serve the destroyed key from their cache until their entry expires, at most CACHE_TTL_MS later.
 */

export const CACHE_LIMIT = 4096;
export const CACHE_TTL_MS = 60_000;
export const ROTATION_BATCH_SIZE = 500;

/**
 * Held shared by every transaction that wraps a new data key, and exclusively (briefly, tried
 * without queueing) by rotation's final check, so no key wrapped under a retiring master key can
 * commit unseen after that check.
 */
const WRAPPING_LOCK = sql.raw('7305571');

type DataKey = { key: Buffer; keyVersion: number };
type CachedKey = DataKey & { keyring: Keyring; expiresAt: number };

const cachedKeys = new Map<string, CachedKey>();
const recentlyErased = new Map<string, number>();

function cachedKey(subjectId: string, keyring: Keyring): DataKey | undefined {
  const entry = cachedKeys.get(subjectId);
  if (!entry) return undefined;
  cachedKeys.delete(subjectId);
  if (entry.keyring !== keyring || entry.expiresAt <= Date.now()) return undefined;
  cachedKeys.set(subjectId, entry); // most recently used last
  return entry;
}

function cacheKey(subjectId: string, keyring: Keyring, dataKey: DataKey): void {
  const erasedUntil = recentlyErased.get(subjectId);
  if (erasedUntil !== undefined && erasedUntil > Date.now()) return;
  cachedKeys.delete(subjectId);
  cachedKeys.set(subjectId, { ...dataKey, keyring, expiresAt: Date.now() + CACHE_TTL_MS });
  while (cachedKeys.size > CACHE_LIMIT) cachedKeys.delete(cachedKeys.keys().next().value!);
}

/** Forgets every cached data key of this process (tests; an operator's "erase now" signal). */
export function clearDataKeyCache(): void {
  cachedKeys.clear();
}

type DataKeyRow = {
  key_version: number;
  master_key_version: number;
  wrapped_key: Buffer | null;
  destroyed_at: Date | null;
};

async function findDataKeyRow(tx: Queryable, subjectId: string): Promise<DataKeyRow | undefined> {
  const found = await tx.query<DataKeyRow>(
    sql`select key_version, master_key_version, wrapped_key, destroyed_at
        from security.data_key where subject_id = ${subjectId}`,
  );
  return found.rows[0];
}

function unwrapRow(keyring: Keyring, subjectId: string, row: DataKeyRow): DataKey {
  if (row.destroyed_at !== null || row.wrapped_key === null) throw new SubjectErased(subjectId);
  const masterKey = keyring.masterKey(row.master_key_version);
  const key = unwrapDataKey(masterKey, row.master_key_version, subjectId, row.key_version, row.wrapped_key);
  return { key, keyVersion: row.key_version };
}

async function loadDataKey(
  tx: Queryable,
  keyring: Keyring,
  subjectId: string,
  whenAbsent: 'create' | 'refuse',
): Promise<DataKey> {
  const cached = cachedKey(subjectId, keyring);
  if (cached) return cached;
  let row = await findDataKeyRow(tx, subjectId);
  if (!row) {
    if (whenAbsent === 'refuse') throw new UnreadableCiphertext('no-data-key', { subjectId });
    const created = await insertDataKey(tx, keyring, subjectId);
    if (created) {
      cacheKey(subjectId, keyring, created);
      return created;
    }
    row = await findDataKeyRow(tx, subjectId); // another transaction created it first
    if (!row) throw new Error(`data key of subject ${subjectId} vanished while it was being created`);
  }
  const dataKey = unwrapRow(keyring, subjectId, row);
  cacheKey(subjectId, keyring, dataKey);
  return dataKey;
}

async function insertDataKey(
  tx: Queryable,
  keyring: Keyring,
  subjectId: string,
): Promise<DataKey | undefined> {
  await tx.query(sql`select pg_advisory_xact_lock_shared(${WRAPPING_LOCK})`);
  const masterKeyVersion = keyring.currentVersion(); // after the lock: sees a rotation that finished
  const dataKey = { key: newDataKey(), keyVersion: 1 };
  const wrapped = wrapDataKey(
    keyring.masterKey(masterKeyVersion),
    masterKeyVersion,
    subjectId,
    dataKey.keyVersion,
    dataKey.key,
  );
  const inserted = await tx.query(
    sql`insert into security.data_key (subject_id, key_version, master_key_version, wrapped_key)
        values (${subjectId}, ${dataKey.keyVersion}, ${masterKeyVersion}, ${wrapped})
        on conflict (subject_id) do nothing`,
  );
  return inserted.rowCount === 1 ? dataKey : undefined;
}

/**
 * Makes sure the subject has a data key, creating one under the current master key when absent.
 * Refuses (`SubjectErased`) for a subject whose key was destroyed.
 */
export async function ensureDataKey(
  tx: Queryable,
  keyring: Keyring,
  subjectId: string,
): Promise<{ keyVersion: number }> {
  const { keyVersion } = await loadDataKey(tx, keyring, canonicalSubjectId(subjectId), 'create');
  return { keyVersion };
}

/**
 * Encrypts one field value under the subject's data key (created when absent). `null` stays
 * `null`: whether a value is present is not secret.
 */
export async function encryptField(
  tx: Queryable,
  keyring: Keyring,
  location: FieldLocation,
  plaintext: string | null,
): Promise<Buffer | null> {
  if (plaintext === null) return null;
  const subjectId = canonicalSubjectId(location.subjectId);
  const dataKey = await loadDataKey(tx, keyring, subjectId, 'create');
  return sealField(dataKey.key, dataKey.keyVersion, { ...location, subjectId }, plaintext);
}

/**
 * Decrypts one field value. Throws `UnreadableCiphertext` when the ciphertext was changed, moved to
 * another table, column or row, or has no key; `SubjectErased` when the subject's key was destroyed.
 */
export async function decryptField(
  tx: Queryable,
  keyring: Keyring,
  location: FieldLocation,
  ciphertext: Buffer | null,
): Promise<string | null> {
  if (ciphertext === null) return null;
  const subjectId = canonicalSubjectId(location.subjectId);
  const place = { ...location, subjectId };
  const keyVersion = fieldKeyVersion(ciphertext, place);
  const dataKey = await loadDataKey(tx, keyring, subjectId, 'refuse');
  if (dataKey.keyVersion !== keyVersion) throw new UnreadableCiphertext('key-version-mismatch', place);
  return openField(dataKey.key, keyVersion, place, ciphertext);
}

/**
 * Crypto-shredding: destroys the subject's data key so their encrypted data can never be read
 * again, and records when. Final and idempotent; also marks a subject that never had a key, so
 * none is made for them later. Afterwards `decryptField` and `encryptField` throw `SubjectErased`.
 */
export async function destroyDataKey(tx: Queryable, subjectId: string): Promise<{ erasedAt: Date }> {
  const subject = canonicalSubjectId(subjectId);
  cachedKeys.delete(subject);
  recentlyErased.set(subject, Date.now() + CACHE_TTL_MS);
  for (const [erased, until] of recentlyErased) if (until <= Date.now()) recentlyErased.delete(erased);
  await tx.query(
    sql`insert into security.data_key (subject_id, master_key_version, wrapped_key, destroyed_at)
        values (${subject}, 0, null, now())
        on conflict (subject_id) do update set wrapped_key = null, destroyed_at = now()
        where security.data_key.destroyed_at is null`,
  );
  const erased = await tx.query<{ destroyed_at: Date }>(
    sql`select destroyed_at from security.data_key where subject_id = ${subject}`,
  );
  return { erasedAt: erased.rows[0]!.destroyed_at };
}

export type RotationOutcome = { newVersion: number; rewrapped: number; retiredVersions: number[] };

/**
 * Rotates the master key: adds a new version to the key file as current, re-wraps every data key
 * still under an older version (batches of `batchSize`, each its own transaction, skipping rows a
 * running server holds locked), repeats until none remain, then retires the older versions from
 * the file. Data stays readable throughout, and a running server picks up the new version without
 * restart. If interrupted, run it again: nothing is retired before every key is re-wrapped.
 */
export async function rotateMasterKey(
  db: Database,
  keyringPath: string,
  options: { onProgress?(done: number, total: number): void; batchSize?: number } = {},
): Promise<RotationOutcome> {
  const batchSize = options.batchSize ?? ROTATION_BATCH_SIZE;
  const newVersion = addMasterKeyVersion(keyringPath);
  const keyring = openKeyring(keyringPath, {
    warn: () => {
      throw new Error(`the master key file ${keyringPath} disappeared during rotation`);
    },
  });
  let rewrapped = 0;
  let total = await countWrappedUnderOlderKeys(db, newVersion);
  options.onProgress?.(0, total);
  for (;;) {
    const moved = await db.transaction((tx) => rewrapBatch(tx, keyring, newVersion, batchSize));
    if (moved > 0) {
      rewrapped += moved;
      total = rewrapped + (await countWrappedUnderOlderKeys(db, newVersion));
      options.onProgress?.(rewrapped, total);
      continue;
    }
    const retiredVersions = await db.transaction(async (tx) => {
      const locked = await tx.query<{ locked: boolean }>(
        sql`select pg_try_advisory_xact_lock(${WRAPPING_LOCK}) as locked`,
      );
      if (!locked.rows[0]?.locked) return undefined; // a key is being wrapped right now
      if ((await countWrappedUnderOlderKeys(tx, newVersion)) > 0) return undefined;
      return retireMasterKeyVersions(keyringPath, [newVersion]);
    });
    if (retiredVersions) return { newVersion, rewrapped, retiredVersions };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function countWrappedUnderOlderKeys(db: Queryable, currentVersion: number): Promise<number> {
  const counted = await db.query<{ count: number }>(
    sql`select count(*)::int as count from security.data_key
        where wrapped_key is not null and master_key_version <> ${currentVersion}`,
  );
  return counted.rows[0]!.count;
}

async function rewrapBatch(
  tx: Queryable,
  keyring: Keyring,
  newVersion: number,
  batchSize: number,
): Promise<number> {
  const batch = await tx.query<DataKeyRow & { subject_id: string }>(
    sql`select subject_id, key_version, master_key_version, wrapped_key, destroyed_at
        from security.data_key
        where wrapped_key is not null and master_key_version <> ${newVersion}
        limit ${batchSize}
        for update skip locked`,
  );
  if (batch.rows.length === 0) return 0;
  const newMasterKey = keyring.masterKey(newVersion);
  const subjectIds: string[] = [];
  const wrappedKeys: string[] = [];
  for (const row of batch.rows) {
    const { key, keyVersion } = unwrapRow(keyring, row.subject_id, row);
    subjectIds.push(row.subject_id);
    wrappedKeys.push(wrapDataKey(newMasterKey, newVersion, row.subject_id, keyVersion, key).toString('hex'));
  }
  await tx.query(
    sql`update security.data_key as data_key
        set wrapped_key = decode(rewrapped.wrapped_key, 'hex'), master_key_version = ${newVersion}
        from unnest(${subjectIds}::uuid[], ${wrappedKeys}::text[]) as rewrapped (subject_id, wrapped_key)
        where data_key.subject_id = rewrapped.subject_id`,
  );
  return batch.rows.length;
}
