import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import type { Keyring } from './keyring.js';

/**
 * Field encryption, the pure part (DESIGN §3): AES-256-GCM under a per-subject data key, which is
 * itself wrapped by a master key from the keyring. No database here; see field-encryption.store.ts.
 *
 * A field ciphertext is self-describing:
 *
 *   format (1 byte, = 1) | data key version (4 bytes, big-endian) | IV (12) | tag (16) | ciphertext
 *
 * Its associated data binds the header, table, column, row id and subject id, so a ciphertext
 * copied into another row or column, or with any byte changed, is refused with
 * `UnreadableCiphertext` rather than decrypted into something else.
 */

/** Where a field lives. `rowId` and `subjectId` must be spelled the same way on write and read. */
export type FieldLocation = { table: string; column: string; rowId: string; subjectId: string };

export type UnreadableReason =
  | 'malformed'
  | 'unknown-format'
  | 'key-version-mismatch'
  | 'authentication-failed'
  | 'no-data-key'
  | 'data-key-unreadable';

/** The ciphertext cannot be trusted: tampered, moved, truncated, or its key is missing. */
export class UnreadableCiphertext extends Error {
  override readonly name = 'UnreadableCiphertext';
  constructor(
    readonly reason: UnreadableReason,
    readonly location: { table: string; column: string; rowId: string } | { subjectId: string },
  ) {
    super(`unreadable ciphertext (${reason}) at ${describeLocation(location)}`);
  }
}

/** The subject's data key was destroyed (crypto-shredding): their encrypted data is gone for good. */
export class SubjectErased extends Error {
  override readonly name = 'SubjectErased';
  constructor(readonly subjectId: string) {
    super(`subject ${subjectId} was erased; their encrypted data can no longer be read`);
  }
}

export const FIELD_FORMAT = 1;
const HEADER_BYTES = 5;
const IV_BYTES = 12;
const TAG_BYTES = 16;
export const FIELD_OVERHEAD_BYTES = HEADER_BYTES + IV_BYTES + TAG_BYTES;
export const DATA_KEY_BYTES = 32;
const WRAPPED_KEY_BYTES = IV_BYTES + TAG_BYTES + DATA_KEY_BYTES;
const CIPHER = 'aes-256-gcm';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const IDENTIFIER = /^[a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_]*)?$/;
const LONE_SURROGATE = /\p{Cs}/u;

/** Subject ids are uuids, compared in their canonical lower-case spelling. */
export function canonicalSubjectId(subjectId: string): string {
  const canonical = subjectId.toLowerCase();
  if (!UUID.test(canonical)) throw new TypeError('a subject id must be a uuid');
  return canonical;
}

export const newDataKey = (): Buffer => randomBytes(DATA_KEY_BYTES);

export function sealField(
  dataKey: Buffer,
  keyVersion: number,
  location: FieldLocation,
  plaintext: string,
): Buffer {
  if (LONE_SURROGATE.test(plaintext))
    throw new TypeError('the text contains a lone surrogate and cannot be stored faithfully');
  const header = fieldHeader(keyVersion);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(CIPHER, dataKey, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(fieldAssociatedData(header, keyVersion, location));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return Buffer.concat([header, iv, cipher.getAuthTag(), body]);
}

/** Reads the data key version from a ciphertext's header, refusing anything that is not format 1. */
export function fieldKeyVersion(ciphertext: Buffer, location: FieldLocation): number {
  if (!Buffer.isBuffer(ciphertext) || ciphertext.length < FIELD_OVERHEAD_BYTES)
    throw new UnreadableCiphertext('malformed', fieldPlace(location));
  if (ciphertext[0] !== FIELD_FORMAT) throw new UnreadableCiphertext('unknown-format', fieldPlace(location));
  return ciphertext.readUInt32BE(1);
}

export function openField(
  dataKey: Buffer,
  keyVersion: number,
  location: FieldLocation,
  ciphertext: Buffer,
): string {
  if (fieldKeyVersion(ciphertext, location) !== keyVersion)
    throw new UnreadableCiphertext('key-version-mismatch', fieldPlace(location));
  const header = ciphertext.subarray(0, HEADER_BYTES);
  const iv = ciphertext.subarray(HEADER_BYTES, HEADER_BYTES + IV_BYTES);
  const tag = ciphertext.subarray(HEADER_BYTES + IV_BYTES, FIELD_OVERHEAD_BYTES);
  const body = ciphertext.subarray(FIELD_OVERHEAD_BYTES);
  try {
    const decipher = createDecipheriv(CIPHER, dataKey, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(fieldAssociatedData(header, keyVersion, location));
    decipher.setAuthTag(tag);
    const plaintext = Buffer.concat([decipher.update(body), decipher.final()]);
    return new TextDecoder('utf-8', { fatal: true }).decode(plaintext);
  } catch {
    throw new UnreadableCiphertext('authentication-failed', fieldPlace(location));
  }
}

/** Wraps a data key under a master key; the associated data binds subject, key and master versions. */
export function wrapDataKey(
  masterKey: Buffer,
  masterKeyVersion: number,
  subjectId: string,
  keyVersion: number,
  dataKey: Buffer,
): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(CIPHER, masterKey, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(dataKeyAssociatedData(subjectId, keyVersion, masterKeyVersion));
  const body = Buffer.concat([cipher.update(dataKey), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]);
}

export function unwrapDataKey(
  masterKey: Buffer,
  masterKeyVersion: number,
  subjectId: string,
  keyVersion: number,
  wrapped: Buffer,
): Buffer {
  if (wrapped.length !== WRAPPED_KEY_BYTES)
    throw new UnreadableCiphertext('data-key-unreadable', { subjectId });
  try {
    const decipher = createDecipheriv(CIPHER, masterKey, wrapped.subarray(0, IV_BYTES), {
      authTagLength: TAG_BYTES,
    });
    decipher.setAAD(dataKeyAssociatedData(subjectId, keyVersion, masterKeyVersion));
    decipher.setAuthTag(wrapped.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    return Buffer.concat([decipher.update(wrapped.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
  } catch {
    throw new UnreadableCiphertext('data-key-unreadable', { subjectId });
  }
}

/**
 * The form a value is compared in for exact look-ups: NFKC, case-folded (upper- then lower-case,
 * which folds ß to ss and final sigma to sigma), trimmed.
 */
export function normaliseForBlindIndex(value: string): string {
  return value.normalize('NFKC').toUpperCase().toLowerCase().normalize('NFKC').trim();
}

const PURPOSE = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/;

/**
 * A keyed digest for exact look-ups over an encrypted column: HMAC-SHA256 under the keyring's blind
 * index key. `purpose` (e.g. 'user.email', 'person.document') separates the digests of different
 * kinds of value, so equal values of different kinds cannot be linked.
 */
export function blindIndex(keyring: Pick<Keyring, 'blindIndexKey'>, purpose: string, value: string): Buffer {
  if (!PURPOSE.test(purpose))
    throw new TypeError(`blind index purpose '${purpose}' is not like 'user.email'`);
  return createHmac('sha256', keyring.blindIndexKey)
    .update(`palermo-blind-index\u0000${purpose}\u0000${normaliseForBlindIndex(value)}`, 'utf8')
    .digest();
}

function fieldHeader(keyVersion: number): Buffer {
  if (!Number.isInteger(keyVersion) || keyVersion < 1 || keyVersion > 0xffffffff)
    throw new TypeError('a data key version is a positive 32-bit integer');
  const header = Buffer.alloc(HEADER_BYTES);
  header[0] = FIELD_FORMAT;
  header.writeUInt32BE(keyVersion, 1);
  return header;
}

function fieldAssociatedData(header: Buffer, keyVersion: number, location: FieldLocation): Buffer {
  const { table, column, rowId, subjectId } = location;
  if (!IDENTIFIER.test(table) || !IDENTIFIER.test(column))
    throw new TypeError('table and column are SQL identifiers such as people.person and given_name');
  if (rowId.length === 0) throw new TypeError('a row id is required');
  const context = JSON.stringify([
    'palermo-field',
    table,
    column,
    rowId,
    canonicalSubjectId(subjectId),
    keyVersion,
  ]);
  return Buffer.concat([header, Buffer.from(context, 'utf8')]);
}

const dataKeyAssociatedData = (subjectId: string, keyVersion: number, masterKeyVersion: number) =>
  Buffer.from(
    JSON.stringify(['palermo-data-key', canonicalSubjectId(subjectId), keyVersion, masterKeyVersion]),
    'utf8',
  );

const fieldPlace = ({ table, column, rowId }: FieldLocation) => ({ table, column, rowId });

function describeLocation(location: UnreadableCiphertext['location']): string {
  return 'subjectId' in location
    ? `data key of subject ${location.subjectId}`
    : `${location.table}.${location.column} row ${location.rowId}`;
}
