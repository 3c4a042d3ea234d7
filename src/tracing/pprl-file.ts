/**
 * The `.clk` file: encodings of person records that can leave an installation (issue 5,
 * acceptance 4 and 6). Format version 1, documented in docs/pprl-schema.md:
 *
 *   line 1   a JSON header terminated by "\n": format, formatVersion, schema (id, version, bits,
 *            hardening, features), encodingBytes, count, keyCheck, signature (null)
 *   then     count records, each: u16 little-endian byte length of the id, the id (UTF-8), then
 *            encodingBytes bytes of encoding
 *
 * The id is the sender's record number, which must be pseudonymous (never a name). `keyCheck` is
 * an HKDF fingerprint of the shared secret, so that files encoded under different secrets are
 * refused instead of matched into noise; it reveals nothing of the secret. `signature` is the
 * Ed25519 signature `palermo pprl sign` adds (exchange/signature.ts, docs/pprl-schema.md); a signed
 * file is read only once that signature was verified against a partner's key.
 */
import { hkdfSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import {
  defaultEncodingSchema,
  type EncodedFeature,
  type EncodingSchema,
  encodedLength,
  type Hardening,
} from './bloom-encoding.js';
import { LinkageInputError } from './linkage-file.js';

export const CLK_FORMAT = 'palermo-clk';
export const CLK_FORMAT_VERSION = 1;
/** The schema id written in headers: which feature tokens and hashing (0017) the encodings use. */
export const CLK_SCHEMA_ID = 'palermo/tracing/clk';
/**
 * The encoding schema version written and read: 2 encodes names by their romanisation skeleton
 * and the birth year also in four-year bands (pprl-linkage.ts, `encodePprlRecord`).
 */
export const CLK_SCHEMA_VERSION = 2;
/** How schema version 2 tokenises names, as its headers say. */
export const CLK_NAME_TOKENS = 'skeleton-bigrams+daitch-mokotoff';

export interface ClkHeader {
  format: typeof CLK_FORMAT;
  formatVersion: number;
  schema: {
    id: string;
    version: number;
    bits: number;
    hardening: Hardening;
    features: { feature: EncodedFeature; hashCount: number }[];
    /** 'shared': given and family name hashed under one key (order-free names). */
    nameKey: 'shared';
    /** Name tokens: bigrams of the matching key and its Daitch–Mokotoff codes. */
    nameTokens: typeof CLK_NAME_TOKENS;
  };
  encodingBytes: number;
  count: number;
  keyCheck: string;
  signature: null | { algorithm: string; publicKey: string; value: string };
}

export interface ClkFile {
  header: ClkHeader;
  ids: string[];
  /** All encodings, one after another, `header.encodingBytes` each. */
  encodings: Uint8Array;
}

const hardenings: readonly Hardening[] = ['none', 'balance', 'xorFold'];
const features: readonly EncodedFeature[] = ['givenName', 'familyName', 'birthDate', 'sex', 'nationality'];

/** Shortest secret accepted: 128 bits. */
export const MIN_SECRET_BYTES = 16;

/** A fingerprint of the shared secret (HKDF, its own info string): equal secrets, equal checks. */
export function secretKeyCheck(secret: Uint8Array): string {
  return Buffer.from(
    hkdfSync(
      'sha256',
      secret,
      Buffer.from('palermo/tracing/clk/v1', 'utf8'),
      Buffer.from('key-check', 'utf8'),
      8,
    ),
  ).toString('hex');
}

export function readSecretFile(file: string): Buffer {
  let secret: Buffer;
  try {
    secret = readFileSync(file);
  } catch (error) {
    throw new LinkageInputError(
      `${file}: the secret file cannot be read (${(error as NodeJS.ErrnoException).code})`,
    );
  }
  if (secret.length < MIN_SECRET_BYTES)
    throw new LinkageInputError(
      `${basename(file)}: the secret must be at least ${MIN_SECRET_BYTES} bytes (e.g. \`openssl rand -out ${basename(file)} 32\`)`,
    );
  return secret;
}

export function headerFor(schema: EncodingSchema, count: number, secret: Uint8Array): ClkHeader {
  return {
    format: CLK_FORMAT,
    formatVersion: CLK_FORMAT_VERSION,
    schema: {
      id: CLK_SCHEMA_ID,
      version: schema.version,
      bits: schema.bits,
      hardening: schema.hardening,
      features: schema.features.map(({ feature, hashCount }) => ({ feature, hashCount })),
      nameKey: 'shared',
      nameTokens: CLK_NAME_TOKENS,
    },
    encodingBytes: encodedLength(schema),
    count,
    keyCheck: secretKeyCheck(secret),
    signature: null,
  };
}

/** The file's bytes: header line, then the records. */
export function serialiseClk(header: ClkHeader, ids: readonly string[], encodings: Uint8Array): Uint8Array {
  if (ids.length !== header.count || encodings.length !== header.count * header.encodingBytes)
    throw new Error('encodings and ids do not match the header');
  const head = Buffer.from(`${JSON.stringify(header)}\n`, 'utf8');
  const idBytes = ids.map((id) => Buffer.from(id, 'utf8'));
  const total = head.length + idBytes.reduce((sum, id) => sum + 2 + id.length, 0) + encodings.length;
  const out = Buffer.allocUnsafe(total);
  head.copy(out, 0);
  let at = head.length;
  idBytes.forEach((id, index) => {
    out.writeUInt16LE(id.length, at);
    id.copy(out, at + 2);
    at += 2 + id.length;
    out.set(encodings.subarray(index * header.encodingBytes, (index + 1) * header.encodingBytes), at);
    at += header.encodingBytes;
  });
  return out;
}

/** The encoding schema a header describes, if this version knows it. */
export function schemaOf(header: ClkHeader): EncodingSchema {
  return {
    version: header.schema.version as 2,
    bits: header.schema.bits as 1024,
    hardening: header.schema.hardening,
    features: header.schema.features,
  };
}

function checkHeader(header: unknown, name: string, options: ClkReadOptions): ClkHeader {
  const refuse = (detail: string): never => {
    throw new LinkageInputError(`${name}: ${detail}`);
  };
  if (typeof header !== 'object' || header === null) return refuse('the header is not a JSON object');
  const candidate = header as Partial<ClkHeader>;
  if (candidate.format !== CLK_FORMAT)
    return refuse(`not a ${CLK_FORMAT} file (format "${String(candidate.format)}")`);
  if (candidate.formatVersion !== CLK_FORMAT_VERSION)
    return refuse(
      `file format version ${String(candidate.formatVersion)} is not supported; this Palermo reads version ${CLK_FORMAT_VERSION}`,
    );
  const schema = candidate.schema;
  if (typeof schema !== 'object' || schema === null) return refuse('the header has no schema');
  if (schema.id !== CLK_SCHEMA_ID) return refuse(`unknown encoding schema "${String(schema.id)}"`);
  if (schema.version !== CLK_SCHEMA_VERSION)
    return refuse(
      `encoding schema version ${String(schema.version)} is not supported; this Palermo encodes and reads version ${CLK_SCHEMA_VERSION}`,
    );
  if (schema.bits !== defaultEncodingSchema.bits)
    return refuse(
      `encodings of ${String(schema.bits)} bits are not supported (schema version 1 is 1024 bits)`,
    );
  if (!hardenings.includes(schema.hardening))
    return refuse(`unknown hardening "${String(schema.hardening)}"`);
  if (
    !Array.isArray(schema.features) ||
    schema.features.some(
      (feature) =>
        !features.includes(feature?.feature) ||
        !Number.isInteger(feature.hashCount) ||
        feature.hashCount < 0 ||
        feature.hashCount > 1024,
    )
  )
    return refuse('the schema lists an unknown feature or hash count');
  if (schema.nameKey !== 'shared') return refuse(`unknown name keying "${String(schema.nameKey)}"`);
  if (schema.nameTokens !== CLK_NAME_TOKENS)
    return refuse(`unknown name tokens "${String(schema.nameTokens)}"`);
  const expectedBytes = encodedLength(schemaOf(candidate as ClkHeader));
  if (candidate.encodingBytes !== expectedBytes)
    return refuse(
      `encodings of ${String(candidate.encodingBytes)} bytes do not fit the schema (${schema.hardening}: ${expectedBytes} bytes)`,
    );
  if (!Number.isInteger(candidate.count) || (candidate.count ?? -1) < 0)
    return refuse('the record count is missing');
  if (typeof candidate.keyCheck !== 'string' || !/^[0-9a-f]{16}$/.test(candidate.keyCheck))
    return refuse('the key check is missing');
  if (candidate.signature != null) {
    const signature = candidate.signature as Partial<NonNullable<ClkHeader['signature']>>;
    if (
      signature.algorithm !== 'ed25519' ||
      typeof signature.publicKey !== 'string' ||
      typeof signature.value !== 'string'
    )
      return refuse('the signature is not an Ed25519 signature (algorithm, publicKey, value)');
    // A signed file is read only after exchange/signature.ts verified it (docs/pprl-schema.md).
    if (!options.signatureVerified)
      return refuse(
        'the file is signed; give the signer’s public key (--partner-key) so that the signature is verified',
      );
  }
  return candidate as ClkHeader;
}

export interface ClkReadOptions {
  /** The caller verified the file's signature (exchange/signature.ts); a signed file is read. */
  signatureVerified?: boolean;
}

/**
 * Read and check a `.clk` file whole: header, every record's length, and for balanced encodings
 * that the second half is exactly the complement of the first. Any fault names the file (and
 * the record) and nothing is matched.
 */
export function parseClk(bytes: Uint8Array, file: string, options: ClkReadOptions = {}): ClkFile {
  const name = basename(file);
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const newline = buffer.indexOf(0x0a);
  if (newline <= 0 || newline > 65536)
    throw new LinkageInputError(`${name}: not a ${CLK_FORMAT} file (no header line)`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(buffer.subarray(0, newline).toString('utf8'));
  } catch {
    throw new LinkageInputError(`${name}: not a ${CLK_FORMAT} file (the header is not JSON)`);
  }
  const header = checkHeader(parsed, name, options);
  const size = header.encodingBytes;
  const encodings = new Uint8Array(header.count * size);
  const ids: string[] = new Array(header.count);
  let at = newline + 1;
  const half = size / 2;
  for (let index = 0; index < header.count; index += 1) {
    if (at + 2 > buffer.length)
      throw new LinkageInputError(
        `${name}: record ${index + 1} of ${header.count} is missing (file cut short)`,
      );
    const idLength = buffer.readUInt16LE(at);
    if (at + 2 + idLength + size > buffer.length)
      throw new LinkageInputError(`${name}: record ${index + 1} of ${header.count} is cut short`);
    ids[index] = buffer.toString('utf8', at + 2, at + 2 + idLength);
    const encoding = buffer.subarray(at + 2 + idLength, at + 2 + idLength + size);
    if (header.schema.hardening === 'balance') {
      for (let byte = 0; byte < half; byte += 1) {
        if ((encoding[byte]! ^ encoding[half + byte]!) !== 0xff)
          throw new LinkageInputError(
            `${name}: record ${index + 1} (id ${ids[index]}) is not a balanced encoding (second half is not the complement)`,
          );
      }
    }
    encodings.set(encoding, index * size);
    at += 2 + idLength + size;
  }
  if (at !== buffer.length)
    throw new LinkageInputError(
      `${name}: ${buffer.length - at} bytes after the last of ${header.count} records`,
    );
  return { header, ids, encodings };
}

/** A `.clk` file's bytes, or an error naming it. */
export function readClkBytes(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (error) {
    throw new LinkageInputError(
      `${file}: cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
    );
  }
}

export function readClkFile(file: string): ClkFile {
  return parseClk(readClkBytes(file), file);
}

/** Both files must be encoded under the same schema and the same secret. */
export function checkComparable(left: ClkFile, right: ClkFile, leftName: string, rightName: string): void {
  const describe = (header: ClkHeader) => JSON.stringify(header.schema);
  if (describe(left.header) !== describe(right.header))
    throw new LinkageInputError(
      `${basename(leftName)} and ${basename(rightName)} use different encoding schemas (${left.header.schema.hardening}, ${right.header.schema.hardening}); encode both with the same schema`,
    );
  if (left.header.keyCheck !== right.header.keyCheck)
    throw new LinkageInputError(
      `${basename(leftName)} and ${basename(rightName)} were encoded with different secrets`,
    );
}
