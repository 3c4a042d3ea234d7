/**
 * Blocking on encodings by locality-sensitive hashing (Hamming LSH, bit sampling): each band
 * reads a fixed, seeded choice of `bitsPerBand` bit positions of an encoding; two encodings are
 * candidates when they agree on every sampled bit of at least one band. Encodings at Hamming
 * distance d (as a share of the bits) meet in a band with probability (1 − d)^b and in any of L
 * bands with 1 − (1 − (1 − d)^b)^L: near-duplicates almost surely, unrelated records rarely.
 * Only the encodings are read; no plaintext is needed (issue 5, acceptance 4).
 */
import { seededRandom } from './fellegi-sunter.js';

export interface LshParameters {
  bands: number;
  /** At most 32: a band's key is the sampled bits as one unsigned 32-bit number. */
  bitsPerBand: number;
  seed: number;
}

/** Tuned on generated cross-border data (bench/linkage): F1 as with all pairs compared, at under 1 % of them. */
export const defaultLshParameters: LshParameters = { bands: 32, bitsPerBand: 28, seed: 20_240_509 };

/** The bit positions each band samples, distinct within a band, over `bits` bits. */
export function bandPositions(bits: number, parameters: LshParameters): Uint16Array[] {
  const random = seededRandom(parameters.seed);
  return Array.from({ length: parameters.bands }, () => {
    const chosen = new Set<number>();
    while (chosen.size < Math.min(parameters.bitsPerBand, bits)) chosen.add(Math.floor(random() * bits));
    return Uint16Array.from([...chosen].sort((a, b) => a - b));
  });
}

/** Where each band's sampled bits are: byte and bit of every position, band after band. */
export interface BandSampler {
  bands: number;
  bitsPerBand: number;
  byteAt: Int32Array;
  bitAt: Int32Array;
}

export function bandSampler(positions: readonly Uint16Array[]): BandSampler {
  const bands = positions.length;
  const bitsPerBand = positions[0]?.length ?? 0;
  const byteAt = new Int32Array(bands * bitsPerBand);
  const bitAt = new Int32Array(bands * bitsPerBand);
  positions.forEach((sampled, band) => {
    if (sampled.length !== bitsPerBand) throw new Error('every band samples the same number of bits');
    sampled.forEach((position, index) => {
      byteAt[band * bitsPerBand + index] = position >>> 3;
      bitAt[band * bitsPerBand + index] = position & 7;
    });
  });
  return { bands, bitsPerBand, byteAt, bitAt };
}

/**
 * The band keys of one encoding (at `base` in `encodings`) into `out[0..bands)`: bit i of an
 * encoding is bit i & 7 of byte i >> 3, as bloom-encoding.ts sets them.
 */
export function bandKeysOf(
  encodings: Uint8Array,
  base: number,
  sampler: BandSampler,
  out: Uint32Array,
): void {
  const { bands, bitsPerBand, byteAt, bitAt } = sampler;
  for (let band = 0, at = 0; band < bands; band += 1) {
    let key = 0;
    for (let index = 0; index < bitsPerBand; index += 1, at += 1)
      key = (key << 1) | ((encodings[base + byteAt[at]!]! >>> bitAt[at]!) & 1);
    out[band] = key >>> 0;
  }
}

/**
 * Band keys of records `from`..`to` of `encodings` (`stride` bytes apart), written to
 * keys[band · count + record].
 */
export function computeBandKeys(
  encodings: Uint8Array,
  stride: number,
  count: number,
  from: number,
  to: number,
  positions: readonly Uint16Array[],
  keys: Uint32Array,
): void {
  const sampler = bandSampler(positions);
  const one = new Uint32Array(sampler.bands);
  for (let record = from; record < to; record += 1) {
    bandKeysOf(encodings, record * stride, sampler, one);
    for (let band = 0; band < sampler.bands; band += 1) keys[band * count + record] = one[band]!;
  }
}

/**
 * Per band, the records of the indexed side sorted by key, so that a key's group is contiguous
 * (a query reads it in one sweep of memory): `sortedKeys` and `records` hold the band's keys and
 * record numbers in key order (file order within a key), and a directory on the key's top
 * `prefixBits` bits says where each prefix's run begins. About 8 bytes per record and band.
 */
export interface BandIndex {
  bands: number;
  count: number;
  bitsPerBand: number;
  prefixBits: number;
  /** bands × (2^prefixBits + 1) */
  directory: Uint32Array;
  /** bands × count */
  sortedKeys: Uint32Array;
  /** bands × count */
  records: Uint32Array;
}

/** Record numbers are packed with keys into exact doubles when sorting: at most 2^24 records. */
export const MAX_INDEXED_RECORDS = 1 << 24;

export function buildBandIndex(
  keys: Uint32Array,
  count: number,
  bands: number,
  bitsPerBand: number,
  allocate: (bytes: number) => ArrayBufferLike = (bytes) => new ArrayBuffer(bytes),
): BandIndex {
  if (count > MAX_INDEXED_RECORDS)
    throw new RangeError(`at most ${MAX_INDEXED_RECORDS} records can be indexed for blocking`);
  const prefixBits = Math.min(bitsPerBand, Math.max(4, Math.ceil(Math.log2(Math.max(1, count))) - 2));
  const shift = bitsPerBand - prefixBits;
  const lowMask = shift === 32 ? 0xffffffff : 2 ** shift - 1;
  const prefixes = 2 ** prefixBits;
  const directory = new Uint32Array(allocate(bands * (prefixes + 1) * 4));
  const sortedKeys = new Uint32Array(allocate(bands * count * 4));
  const records = new Uint32Array(allocate(bands * count * 4));
  const next = new Uint32Array(prefixes);
  let packed = new Float64Array(64);
  for (let band = 0; band < bands; band += 1) {
    const keyAt = band * count;
    const directoryAt = band * (prefixes + 1);
    // Counting sort on the prefix, stable (file order kept)…
    for (let record = 0; record < count; record += 1)
      directory[directoryAt + (keys[keyAt + record]! >>> shift) + 1]! += 1;
    for (let prefix = 0; prefix < prefixes; prefix += 1)
      directory[directoryAt + prefix + 1]! += directory[directoryAt + prefix]!;
    next.set(directory.subarray(directoryAt, directoryAt + prefixes));
    for (let record = 0; record < count; record += 1) {
      const key = keys[keyAt + record]!;
      const at = next[key >>> shift]!;
      next[key >>> shift] = at + 1;
      sortedKeys[keyAt + at] = key;
      records[keyAt + at] = record;
    }
    // …then each prefix's run by the rest of the key, record number breaking ties (stable).
    for (let prefix = 0; prefix < prefixes; prefix += 1) {
      const from = directory[directoryAt + prefix]!;
      const to = directory[directoryAt + prefix + 1]!;
      if (to - from < 2 || shift === 0) continue;
      if (packed.length < to - from) packed = new Float64Array(2 * (to - from));
      const run = packed.subarray(0, to - from);
      for (let at = from; at < to; at += 1)
        run[at - from] = (sortedKeys[keyAt + at]! & lowMask) * MAX_INDEXED_RECORDS + records[keyAt + at]!;
      run.sort();
      const high = prefix * 2 ** shift;
      for (let at = from; at < to; at += 1) {
        const value = run[at - from]!;
        const record = value % MAX_INDEXED_RECORDS;
        records[keyAt + at] = record;
        sortedKeys[keyAt + at] = high + (value - record) / MAX_INDEXED_RECORDS;
      }
    }
  }
  return { bands, count, bitsPerBand, prefixBits, directory, sortedKeys, records };
}

/**
 * The distinct records of the indexed side that share a band key with a query (its keys in
 * `queryKeys[0..bands)`); writes them to `out` and returns how many. A band whose group holds
 * more than `maxGroup` records is passed over: such a key says little (records sharing only
 * common tokens — a frequent name, a nationality — or nearly empty encodings), and reading it
 * for every query would make blocking quadratic; the pair still meets in any other band.
 * With `minBands` above 1 a record is a candidate only once it met the query in that many
 * bands (`hits`, one entry per indexed record, counts them). `seen` has one entry per indexed
 * record and `stamp` must differ between calls.
 */
export function collectCandidates(
  index: BandIndex,
  queryKeys: Uint32Array,
  seen: Int32Array,
  stamp: number,
  out: Uint32Array,
  maxCandidates: number,
  maxGroup = Number.POSITIVE_INFINITY,
  minBands = 1,
  hits?: Uint8Array,
): number {
  let found = 0;
  const { count, sortedKeys, records, directory } = index;
  const shift = index.bitsPerBand - index.prefixBits;
  const prefixes = 2 ** index.prefixBits;
  for (let band = 0; band < index.bands; band += 1) {
    const key = queryKeys[band]!;
    const keyAt = band * count;
    const directoryAt = band * (prefixes + 1) + (key >>> shift);
    let low = keyAt + directory[directoryAt]!;
    let high = keyAt + directory[directoryAt + 1]!;
    // First position holding the key (lower bound).
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (sortedKeys[middle]! < key) low = middle + 1;
      else high = middle;
    }
    let end = low;
    const limit = keyAt + directory[directoryAt + 1]!;
    while (end < limit && sortedKeys[end] === key && end - low <= maxGroup) end += 1;
    if (end - low > maxGroup) continue;
    for (let at = low; at < end; at += 1) {
      const record = records[at]!;
      if (seen[record] !== stamp) {
        seen[record] = stamp;
        if (minBands <= 1) {
          if (found < maxCandidates) out[found++] = record;
        } else hits![record] = 1;
      } else if (minBands > 1 && hits![record]! < minBands) {
        hits![record]! += 1;
        if (hits![record] === minBands && found < maxCandidates) out[found++] = record;
      }
    }
  }
  return found;
}
