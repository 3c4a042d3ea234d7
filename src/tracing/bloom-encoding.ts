/**
 * Privacy-preserving encodings of person records for matching between installations, in the
 * style of clkhash's cryptographic long-term keys (CLK): each feature's tokens (name bigrams,
 * birth date parts, sex, nationality) set k bits of one 1024-bit Bloom filter, at positions
 * drawn from HMAC-SHA256 under a key derived per feature by HKDF from a secret the
 * installations share. Only the encoding leaves an installation; similar records give similar
 * bit patterns, compared by Sørensen–Dice. See docs/decisions/0017-linkage-model.md.
 */
import { createHmac, hkdfSync } from 'node:crypto';
import { isAgeEstimate } from './dates.js';
import type { PersonRecord } from './fellegi-sunter.js';
import { normaliseName } from './normalise.js';

export type EncodedFeature = 'givenName' | 'familyName' | 'birthDate' | 'sex' | 'nationality';

export interface FeatureEncoding {
  feature: EncodedFeature;
  /** Bits set per token (k): the feature's weight in the similarity. 0 leaves the feature out. */
  hashCount: number;
}

/**
 * Hardening against frequency attacks (an attacker who knows common names and counts bit
 * patterns):
 * - 'balance': append the complement of the filter (2048 bits); every encoding then has exactly
 *   1024 bits set, so the number of set bits no longer tells how long or how common a name is.
 * - 'xorFold': XOR the two halves of the filter (512 bits); each output bit mixes two input
 *   positions, so a bit pattern can no longer be traced back to one token.
 * - 'none': the plain 1024-bit CLK, for tests and comparison only.
 */
export type Hardening = 'none' | 'balance' | 'xorFold';

export interface EncodingSchema {
  version: 1 | 2;
  bits: 1024;
  features: readonly FeatureEncoding[];
  hardening: Hardening;
}

/** The default schema: names weigh most, balanced against frequency attacks. */
export const defaultEncodingSchema: EncodingSchema = {
  version: 1,
  bits: 1024,
  features: [
    { feature: 'givenName', hashCount: 20 },
    { feature: 'familyName', hashCount: 20 },
    { feature: 'birthDate', hashCount: 15 },
    { feature: 'sex', hashCount: 5 },
    { feature: 'nationality', hashCount: 5 },
  ],
  hardening: 'balance',
};

export type FeatureKeys = ReadonlyMap<EncodedFeature, Buffer>;

const HKDF_SALT = Buffer.from('palermo/tracing/clk/v1', 'utf8');
const FEATURE_KEY_BYTES = 32;

/** One HMAC key per feature: HKDF-SHA256 of the shared secret, with the feature name as info. */
export function deriveFeatureKeys(sharedSecret: Buffer, schema: EncodingSchema): FeatureKeys {
  const keys = new Map<EncodedFeature, Buffer>();
  for (const { feature } of schema.features) {
    const info = Buffer.from(`feature:${feature}:schema-v${schema.version}`, 'utf8');
    keys.set(feature, Buffer.from(hkdfSync('sha256', sharedSecret, HKDF_SALT, info, FEATURE_KEY_BYTES)));
  }
  return keys;
}

/** Bytes of an encoding under a schema, after hardening. */
export function encodedLength(schema: EncodingSchema): number {
  const filterBytes = schema.bits / 8;
  if (schema.hardening === 'balance') return filterBytes * 2;
  if (schema.hardening === 'xorFold') return filterBytes / 2;
  return filterBytes;
}

/**
 * Bigrams of a name's matching key, padded with '_' at both ends: "ana" → _a an na a_. With a
 * cache, each distinct name as written is normalised once: names recur, and normalising them is
 * most of an encoding's cost. Caches belong to one set of feature keys (see `encodeRecord`), so
 * no name outlives the caller's keys in memory.
 */
function nameBigrams(name: string | undefined, cache?: Map<string, readonly string[]>): readonly string[] {
  if (name === undefined) return [];
  const cached = cache?.get(name);
  if (cached !== undefined) return cached;
  const bigrams = computeBigrams(name);
  if (cache !== undefined) {
    if (cache.size >= MAX_CACHED_NAMES) cache.clear();
    cache.set(name, bigrams);
  }
  return bigrams;
}

const MAX_CACHED_NAMES = 100_000;

function computeBigrams(name: string): string[] {
  const key = normaliseName(name).key;
  if (key === '') return [];
  const characters = Array.from(`_${key.replaceAll(' ', '_')}_`);
  const bigrams: string[] = [];
  for (let index = 0; index + 1 < characters.length; index += 1)
    bigrams.push(characters[index]! + characters[index + 1]!);
  return bigrams;
}

/** The tokens of one feature of a record; empty when the record does not have it. */
export function featureTokens(record: PersonRecord, feature: EncodedFeature): string[] {
  return [...tokensOf(record, feature)];
}

/**
 * `featureTokens` remembering the bigrams of each name as written in `names` (which the caller
 * owns and drops); read-only, as the arrays are shared between records.
 */
export function cachedFeatureTokens(
  record: PersonRecord,
  feature: EncodedFeature,
  names: Map<string, readonly string[]>,
): readonly string[] {
  return tokensOf(record, feature, names);
}

function tokensOf(
  record: PersonRecord,
  feature: EncodedFeature,
  names?: Map<string, readonly string[]>,
): readonly string[] {
  switch (feature) {
    case 'givenName':
      return nameBigrams(record.givenName, names);
    case 'familyName':
      return nameBigrams(record.familyName, names);
    case 'birthDate': {
      if (record.birth === undefined || isAgeEstimate(record.birth)) return [];
      const tokens = [`year:${record.birth.year}`];
      if (record.birth.month !== undefined) tokens.push(`month:${record.birth.month}`);
      if (record.birth.day !== undefined) tokens.push(`day:${record.birth.day}`);
      return tokens;
    }
    case 'sex':
      return record.sex === undefined ? [] : [`sex:${record.sex}`];
    case 'nationality':
      return record.nationality === undefined ? [] : [`nationality:${record.nationality.toUpperCase()}`];
  }
}

/**
 * The CLK of a record: for each token, k positions by double hashing — HMAC-SHA256 of the token
 * under the feature's key gives h1 and h2 (h2 odd), position i = (h1 + i·h2) mod bits — then
 * the schema's hardening.
 */
export function encodeRecord(record: PersonRecord, schema: EncodingSchema, keys: FeatureKeys): Uint8Array {
  const filter = new Uint8Array(schema.bits / 8);
  for (const { feature, hashCount } of schema.features) {
    const key = keys.get(feature);
    if (key === undefined) throw new Error(`no key for feature ${feature}`);
    for (const token of tokensOf(record, feature, cacheOf(keys).names)) {
      for (const position of tokenPositions(cacheOf(keys).positions, key, token, hashCount, schema.bits))
        filter[position >>> 3]! |= 1 << (position & 7);
    }
  }
  return harden(filter, schema.hardening);
}

/**
 * What an encoder remembers while one set of feature keys lives: bigrams per name as written, and
 * bit positions per token and key (bigrams, years, months and days recur in nearly every record,
 * so most tokens are hashed once per run rather than once per record). Both are bounded, and
 * dropped with the keys object; the encodings are the same either way.
 */
interface EncoderCache {
  names: Map<string, readonly string[]>;
  positions: WeakMap<Buffer, Map<string, Uint16Array>>;
}
const encoderCaches = new WeakMap<FeatureKeys, EncoderCache>();
const MAX_CACHED_TOKENS = 200_000;

function cacheOf(keys: FeatureKeys): EncoderCache {
  let cache = encoderCaches.get(keys);
  if (cache === undefined) {
    cache = { names: new Map(), positions: new WeakMap() };
    encoderCaches.set(keys, cache);
  }
  return cache;
}

/**
 * The k positions of a token under a feature's key: HMAC-SHA256 of the token gives h1 and h2 (h2
 * odd), position i = (h1 + i·h2) mod bits. Every encoder of every schema version hashes so.
 */
export function hashTokenPositions(key: Buffer, token: string, hashCount: number, bits: number): Uint16Array {
  const digest = createHmac('sha256', key).update(token, 'utf8').digest();
  const first = digest.readUInt32BE(0);
  const step = digest.readUInt32BE(4) | 1;
  const positions = new Uint16Array(hashCount);
  for (let index = 0; index < hashCount; index += 1) positions[index] = (first + index * step) % bits;
  return positions;
}

function tokenPositions(
  positionCache: WeakMap<Buffer, Map<string, Uint16Array>>,
  key: Buffer,
  token: string,
  hashCount: number,
  bits: number,
): Uint16Array {
  let tokens = positionCache.get(key);
  if (tokens === undefined) {
    tokens = new Map();
    positionCache.set(key, tokens);
  }
  const cacheKey = `${hashCount}:${bits}:${token}`;
  const cached = tokens.get(cacheKey);
  if (cached !== undefined) return cached;
  const positions = hashTokenPositions(key, token, hashCount, bits);
  if (tokens.size >= MAX_CACHED_TOKENS) tokens.clear();
  tokens.set(cacheKey, positions);
  return positions;
}

/** The schema's hardening of a filter: balanced (filter then complement), XOR-folded, or as is. */
export function harden(filter: Uint8Array, hardening: Hardening): Uint8Array {
  if (hardening === 'balance') {
    const balanced = new Uint8Array(filter.length * 2);
    balanced.set(filter);
    for (let index = 0; index < filter.length; index += 1)
      balanced[filter.length + index] = ~filter[index]! & 0xff;
    return balanced;
  }
  if (hardening === 'xorFold') {
    const half = filter.length / 2;
    const folded = new Uint8Array(half);
    for (let index = 0; index < half; index += 1) folded[index] = filter[index]! ^ filter[half + index]!;
    return folded;
  }
  return filter;
}

/** Set bits of a 32-bit word (SWAR). */
function popcount32(word: number): number {
  let bits = word - ((word >>> 1) & 0x55555555);
  bits = (bits & 0x33333333) + ((bits >>> 2) & 0x33333333);
  return (Math.imul((bits + (bits >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
}

function words(bytes: Uint8Array): Uint32Array {
  if (bytes.byteOffset % 4 === 0 && bytes.byteLength % 4 === 0)
    return new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
  const aligned = new Uint8Array(Math.ceil(bytes.byteLength / 4) * 4);
  aligned.set(bytes);
  return new Uint32Array(aligned.buffer);
}

/**
 * Sørensen–Dice similarity of two encodings: 2·|A∩B| / (|A| + |B|), in [0, 1]; 0 when both are
 * empty. Both must have the same length.
 */
export function diceSimilarity(left: Uint8Array, right: Uint8Array): number {
  if (left.byteLength !== right.byteLength)
    throw new Error('encodings of different lengths cannot be compared');
  const leftWords = words(left);
  const rightWords = words(right);
  let common = 0;
  let total = 0;
  for (let index = 0; index < leftWords.length; index += 1) {
    const leftWord = leftWords[index]!;
    const rightWord = rightWords[index]!;
    common += popcount32(leftWord & rightWord);
    total += popcount32(leftWord) + popcount32(rightWord);
  }
  return total === 0 ? 0 : (2 * common) / total;
}

export type EncodingRefusal = 'unsupported-version' | 'unsupported-size' | 'wrong-length' | 'not-balanced';

export type EncodingValidation = { valid: true } | { valid: false; refusal: EncodingRefusal };

/**
 * Whether bytes received from another installation are an encoding under this schema: version
 * and size we know, the schema's length, and for 'balance' exactly half the bits set.
 */
export function validateEncoding(bytes: Uint8Array, schema: EncodingSchema): EncodingValidation {
  if (schema.version !== 1) return { valid: false, refusal: 'unsupported-version' };
  if (schema.bits !== 1024) return { valid: false, refusal: 'unsupported-size' };
  if (bytes.byteLength !== encodedLength(schema)) return { valid: false, refusal: 'wrong-length' };
  if (schema.hardening === 'balance') {
    let setBits = 0;
    for (const word of words(bytes)) setBits += popcount32(word);
    if (setBits !== schema.bits) return { valid: false, refusal: 'not-balanced' };
  }
  return { valid: true };
}
