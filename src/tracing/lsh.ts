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

/**
 * Band keys of records `from`..`to` of `encodings` (`stride` bytes apart, bit i of an encoding
 * is bit i & 7 of byte i >> 3, as bloom-encoding.ts sets them), written to
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
  const bands = positions.length;
  for (let band = 0; band < bands; band += 1) {
    const sampled = positions[band]!;
    const byteAt = Int32Array.from(sampled, (position) => position >>> 3);
    const bitAt = Int32Array.from(sampled, (position) => position & 7);
    const length = sampled.length;
    const out = band * count;
    for (let record = from; record < to; record += 1) {
      const base = record * stride;
      let key = 0;
      for (let index = 0; index < length; index += 1)
        key = (key << 1) | ((encodings[base + byteAt[index]!]! >>> bitAt[index]!) & 1);
      keys[out + record] = key >>> 0;
    }
  }
}

/**
 * Per band, the records of one side chained by key: `head[slot]` is the first record whose key
 * hashes to the slot, `next[record]` the following one (−1 ends a chain). Open hashing with the
 * key itself kept alongside, so different keys sharing a slot are told apart.
 */
export interface BandIndex {
  slotsLog2: number;
  /** bands × slots */
  head: Int32Array;
  /** bands × count */
  next: Int32Array;
  keys: Uint32Array;
  count: number;
  bands: number;
}

export const slotOf = (key: number, slotsLog2: number): number =>
  Math.imul(key, 0x9e3779b1) >>> (32 - slotsLog2);

export function buildBandIndex(
  keys: Uint32Array,
  count: number,
  bands: number,
  allocate: (bytes: number) => ArrayBufferLike = (bytes) => new ArrayBuffer(bytes),
): BandIndex {
  const slotsLog2 = Math.max(10, Math.ceil(Math.log2(Math.max(1, count))) + 1);
  const slots = 1 << slotsLog2;
  const head = new Int32Array(allocate(bands * slots * 4)).fill(-1);
  const next = new Int32Array(allocate(bands * count * 4));
  for (let band = 0; band < bands; band += 1) {
    const headAt = band * slots;
    const keyAt = band * count;
    // Backwards, so that chains list records in file order.
    for (let record = count - 1; record >= 0; record -= 1) {
      const slot = headAt + slotOf(keys[keyAt + record]!, slotsLog2);
      next[keyAt + record] = head[slot]!;
      head[slot] = record;
    }
  }
  return { slotsLog2, head, next, keys, count, bands };
}

/**
 * The distinct records of the indexed side that share a band key with a query (its keys at
 * queryKeys[band · queryCount + query]); writes them to `out` and returns how many. `seen` has
 * one entry per indexed record and `stamp` must differ between calls (e.g. the query's number).
 */
export function collectCandidates(
  index: BandIndex,
  queryKeys: Uint32Array,
  queryCount: number,
  query: number,
  seen: Int32Array,
  stamp: number,
  out: Uint32Array,
  maxCandidates: number,
): number {
  let found = 0;
  const slots = 1 << index.slotsLog2;
  for (let band = 0; band < index.bands; band += 1) {
    const key = queryKeys[band * queryCount + query]!;
    const keyAt = band * index.count;
    let record = index.head[band * slots + slotOf(key, index.slotsLog2)]!;
    while (record !== -1) {
      if (index.keys[keyAt + record] === key && seen[record] !== stamp) {
        seen[record] = stamp;
        if (found < maxCandidates) out[found++] = record;
      }
      record = index.next[keyAt + record]!;
    }
  }
  return found;
}
