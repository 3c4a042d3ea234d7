/**
 * Privacy-preserving linkage of two `.clk` files (issue 5, acceptance 4 and 6): Hamming-LSH
 * blocking on the encodings, Sørensen–Dice by the WebAssembly kernel, greedy one-to-one. Only
 * encodings are read; the output names record numbers and a similarity, nothing else.
 * See docs/decisions/0018-linkage-engine-for-files.md and 0019-dice-kernel-in-webassembly.md.
 */
import {
  cachedFeatureTokens,
  deriveFeatureKeys,
  type EncodingSchema,
  type Hardening,
  harden,
  hashTokenPositions,
} from './bloom-encoding.js';
import { isAgeEstimate } from './dates.js';
import {
  DiceKernel,
  type DiceMode,
  diceJs,
  hasWebAssemblyKernel,
  type KernelWords,
  popcount32,
} from './dice-kernel.js';
import type { PersonRecord } from './fellegi-sunter.js';
import type { AcceptedMatch } from './linkage-file.js';
import type { LinkagePool } from './linkage-workers.js';
import {
  type BandIndex,
  type BandSampler,
  bandKeysOf,
  bandPositions,
  bandSampler,
  buildBandIndex,
  collectCandidates,
  computeBandKeys,
  defaultLshParameters,
  type LshParameters,
} from './lsh.js';
import { normaliseName } from './normalise.js';
import { greedyOneToOne, ScoredPairs } from './one-to-one.js';
import { phoneticCodes } from './phonetic.js';
import { CLK_SCHEMA_VERSION, type ClkFile } from './pprl-file.js';

/**
 * The schema `palermo pprl` encodes with: schema version 2 tokens (`encodePprlRecord`) and
 * version 1 hashing (0017), weights
 * tuned on generated cross-border data (bench/linkage; docs/decisions/0018): the date weighs more
 * than in `defaultEncodingSchema` (it separates people sharing common names), sex a little more.
 */
export const pprlEncodingSchema: EncodingSchema = {
  version: CLK_SCHEMA_VERSION,
  bits: 1024,
  features: [
    { feature: 'givenName', hashCount: 20 },
    { feature: 'familyName', hashCount: 20 },
    { feature: 'birthDate', hashCount: 40 },
    { feature: 'sex', hashCount: 15 },
    { feature: 'nationality', hashCount: 5 },
  ],
  hardening: 'balance',
};

/**
 * Feature keys with one key for both names: the bigrams of "Shevchenko" then set the same bits
 * whether it was registered as the given or the family name, so a swapped name order costs only
 * the padding bigrams (it otherwise halves the names' agreement). Recorded in the file header as
 * `nameKey: "shared"`.
 */
export function pprlFeatureKeys(secret: Uint8Array, schema: EncodingSchema) {
  const keys = new Map(deriveFeatureKeys(Buffer.from(secret), schema));
  const nameKey = keys.get('givenName');
  if (nameKey !== undefined && keys.has('familyName')) keys.set('familyName', nameKey);
  return keys;
}

/**
 * Caches of one encoding run, dropped with its keys map (no name outlives the caller's keys):
 * the bit positions of every token per key and hash count, and of every name as written (its
 * skeleton bigrams and Daitch–Mokotoff codes together: names recur, and normalising,
 * transliterating and coding them is most of an encoding's cost).
 */
interface EncoderCache {
  tokens: WeakMap<Buffer, Map<number, Map<string, Uint16Array>>>;
  names: Map<string, Uint16Array>;
  /** Date tokens (bloom-encoding.ts) need a cache of names; dates never use it. */
  unused: Map<string, readonly string[]>;
}
const encoderCaches = new WeakMap<ReadonlyMap<string, Buffer>, EncoderCache>();
const MAX_CACHED = 200_000;

function cacheOf(keys: ReadonlyMap<string, Buffer>): EncoderCache {
  let cache = encoderCaches.get(keys);
  if (cache === undefined) {
    cache = { tokens: new WeakMap(), names: new Map(), unused: new Map() };
    encoderCaches.set(keys, cache);
  }
  return cache;
}

/** Positions of a token (`hashTokenPositions`), remembered per key and hash count. */
function tokenPositions(
  cache: EncoderCache,
  key: Buffer,
  token: string,
  hashCount: number,
  bits: number,
): Uint16Array {
  let byCount = cache.tokens.get(key);
  if (byCount === undefined) {
    byCount = new Map();
    cache.tokens.set(key, byCount);
  }
  let tokens = byCount.get(hashCount);
  if (tokens === undefined) {
    tokens = new Map();
    byCount.set(hashCount, tokens);
  }
  const cached = tokens.get(token);
  if (cached !== undefined) return cached;
  const positions = hashTokenPositions(key, token, hashCount, bits);
  if (tokens.size >= MAX_CACHED) tokens.clear();
  tokens.set(token, positions);
  return positions;
}

/**
 * The romanisation skeleton of a matching key (normalise.ts): the spellings that different
 * romanisation standards — ICAO 9303, the national systems of Ukraine, Russia, Bulgaria and
 * Serbia, German, French and English habits — give one Cyrillic name meet (kh/h/g, zh/ž/j,
 * ch/č, sh/š, ts/c, y/j/i, doubled letters), so "Darya Vorobyova" and "Daria Vorobiova" share
 * their bigrams. Used for encodings only; the plaintext comparison keeps the key and weighs
 * the spelling difference itself.
 */
export function romanisationSkeleton(key: string): string {
  return key
    .replace(/tsch/g, 'c')
    .replace(/shch/g, 'sc')
    .replace(/sch/g, 's')
    .replace(/dzh|zh|dj/g, 'z')
    .replace(/ch/g, 'c')
    .replace(/sh/g, 's')
    .replace(/ts|tz|cz/g, 'c')
    .replace(/ph/g, 'f')
    .replace(/kh|gh|h/g, 'g')
    .replace(/w/g, 'v')
    .replace(/ck|q/g, 'k')
    .replace(/x/g, 'ks')
    .replace(/[yj]/g, 'i')
    .replace(/([a-z])\1+/g, '$1')
    .replace(/(^|\s)i(?=e)/g, '$1');
}

/**
 * A name's tokens in schema version 2: bigrams of its romanisation skeleton, padded with '_'
 * ("ana" → _a an na a_), and its Daitch–Mokotoff codes as `dm:<code>` when `phonetic`.
 */
export function pprlNameTokens(name: string, phonetic: boolean): string[] {
  const key = romanisationSkeleton(normaliseName(name).key);
  const characters = key === '' ? [] : Array.from(`_${key.replaceAll(' ', '_')}_`);
  const tokens: string[] = [];
  for (let index = 0; index + 1 < characters.length; index += 1)
    tokens.push(characters[index]! + characters[index + 1]!);
  if (phonetic) for (const code of phoneticCodes(name)) tokens.push(`dm:${code}`);
  return tokens;
}

/** The positions of every token of a name (both names share one key and hash count). */
function namePositions(
  cache: EncoderCache,
  name: string,
  key: Buffer,
  hashCount: number,
  bits: number,
  phonetic: boolean,
): Uint16Array {
  const cacheKey = `${phonetic ? 'p' : 'b'}${hashCount}:${name}`;
  const cached = cache.names.get(cacheKey);
  if (cached !== undefined) return cached;
  const tokens = pprlNameTokens(name, phonetic);
  const positions = new Uint16Array(tokens.length * hashCount);
  tokens.forEach((token, index) => {
    positions.set(tokenPositions(cache, key, token, hashCount, bits), index * hashCount);
  });
  if (cache.names.size >= MAX_CACHED) cache.names.clear();
  cache.names.set(cacheKey, positions);
  return positions;
}

/**
 * Overlapping four-year bands of the birth year — known, or placed from an age estimate ("about
 * 40" on the day it was made) — so that an estimate agrees with a date of birth near it and
 * disagrees with one decades away. Two offsets: years a year apart always share a band.
 */
export function yearBandTokens(birth: PersonRecord['birth']): string[] {
  if (birth === undefined) return [];
  let year: number;
  if (isAgeEstimate(birth)) {
    const on = birth.estimatedOn === undefined ? Number.NaN : Number(birth.estimatedOn.slice(0, 4));
    if (!Number.isFinite(on) || !Number.isFinite(birth.aboutAge)) return [];
    // Someone aged A in year Y was born in Y − A or Y − A − 1.
    year = on - Math.floor(birth.aboutAge) - 1;
  } else year = birth.year;
  return [`band4:${Math.floor(year / 4)}`, `band4+2:${Math.floor((year + 2) / 4)}`];
}

/**
 * The birth date's tokens in schema version 2: the year, the day and month as an unordered pair
 * (a day/month swap — 03.08 written 08.03 — is the commonest slip between date conventions, and
 * in an encoding only bits that differ count against a pair), given twice the weight of the
 * year, or the month alone; then the year bands.
 */
export function birthDateTokens(birth: PersonRecord['birth']): string[] {
  if (birth === undefined) return [];
  const tokens: string[] = [];
  if (!isAgeEstimate(birth)) {
    tokens.push(`year:${birth.year}`);
    if (birth.month !== undefined && birth.day !== undefined) {
      const pair = `${Math.min(birth.month, birth.day)}-${Math.max(birth.month, birth.day)}`;
      tokens.push(`daymonth:${pair}`, `daymonth+:${pair}`);
    } else if (birth.month !== undefined) tokens.push(`month:${birth.month}`);
  }
  return [...tokens, ...yearBandTokens(birth)];
}

/**
 * A record's encoding in schema version 2 (docs/pprl-schema.md): each feature's tokens set
 * `hashCount` positions under the feature's key — names by `pprlNameTokens`, the birth date by
 * `birthDateTokens`, sex and nationality as in bloom-encoding.ts — then the schema's hardening.
 */
export function encodePprlRecord(
  record: PersonRecord,
  schema: EncodingSchema,
  keys: ReadonlyMap<string, Buffer>,
  phonetic: boolean,
): Uint8Array {
  const filter = new Uint8Array(schema.bits / 8);
  const cache = cacheOf(keys);
  const set = (positions: Uint16Array) => {
    for (let index = 0; index < positions.length; index += 1) {
      const position = positions[index]!;
      filter[position >>> 3]! |= 1 << (position & 7);
    }
  };
  for (const { feature, hashCount } of schema.features) {
    const key = keys.get(feature);
    if (key === undefined) throw new Error(`no key for feature ${feature}`);
    if (feature === 'givenName' || feature === 'familyName') {
      const name = feature === 'givenName' ? record.givenName : record.familyName;
      if (name !== undefined) set(namePositions(cache, name, key, hashCount, schema.bits, phonetic));
      continue;
    }
    const tokens =
      feature === 'birthDate'
        ? birthDateTokens(record.birth)
        : cachedFeatureTokens(record, feature, cache.unused);
    for (const token of tokens) set(tokenPositions(cache, key, token, hashCount, schema.bits));
  }
  return harden(filter, schema.hardening);
}

/** Whether `palermo pprl` adds phonetic tokens to names (recorded as `nameTokens` in headers). */
export const PPRL_PHONETIC_TOKENS = true;

/** Encodings of records, one after another. */
export function encodePersons(
  records: readonly PersonRecord[],
  schema: EncodingSchema,
  secret: Uint8Array,
  phonetic = PPRL_PHONETIC_TOKENS,
): Uint8Array {
  const keys = pprlFeatureKeys(secret, schema);
  const first =
    records.length === 0 ? new Uint8Array(0) : encodePprlRecord(records[0]!, schema, keys, phonetic);
  const out = new Uint8Array(records.length * first.length);
  if (records.length > 0) out.set(first, 0);
  for (let index = 1; index < records.length; index += 1)
    out.set(encodePprlRecord(records[index]!, schema, keys, phonetic), index * first.length);
  return out;
}

/**
 * What the kernel compares for a hardening: the 1024-bit filter ('none'), its first half
 * ('balance': the second half is its complement; the 'balanced' formula accounts for it) or the
 * 512 folded bits ('xorFold').
 */
export function kernelShape(hardening: Hardening): { words: KernelWords; mode: DiceMode; bytes: number } {
  if (hardening === 'xorFold') return { words: 8, mode: 'plain', bytes: 64 };
  return { words: 16, mode: hardening === 'balance' ? 'balanced' : 'plain', bytes: 128 };
}

/** The kernel-level part of every encoding, contiguous, with set-bit counts, in shared memory. */
export interface KernelEncodings {
  data: Uint8Array;
  counts: Uint32Array;
  count: number;
}

export function kernelEncodings(file: ClkFile, shared: boolean): KernelEncodings {
  const { bytes } = kernelShape(file.header.schema.hardening);
  const count = file.header.count;
  const stride = file.header.encodingBytes;
  const allocate = (size: number) => (shared ? new SharedArrayBuffer(size) : new ArrayBuffer(size));
  const data = new Uint8Array(allocate(count * bytes));
  const counts = new Uint32Array(allocate(count * 4));
  for (let record = 0; record < count; record += 1)
    data.set(file.encodings.subarray(record * stride, record * stride + bytes), record * bytes);
  const words = new Uint32Array(data.buffer, data.byteOffset, data.byteLength / 4);
  const perRecord = bytes / 4;
  for (let record = 0; record < count; record += 1) {
    let set = 0;
    for (let word = record * perRecord; word < (record + 1) * perRecord; word += 1)
      set += popcount32(words[word]!);
    counts[record] = set;
  }
  return { data, counts, count };
}

/** Everything a worker needs to score a range of left records (all views on shared memory). */
export interface MatchJob {
  jobId: string;
  hardening: Hardening;
  left: KernelEncodings;
  right: KernelEncodings;
  /** Left records' band keys are computed as they are queried, by each worker. */
  sampler: BandSampler;
  index: BandIndex;
  /** Band groups larger than this are passed over (lsh.ts, `collectCandidates`). */
  maxGroup: number;
  threshold: number;
  /** Candidates scored at most per left record (a guard against degenerate blocks). */
  maxCandidates: number;
  /** A candidate must meet the query in this many bands (lsh.ts, `collectCandidates`). */
  minBands: number;
  /** Pairs kept per left record, strongest first (`StrongestPairs`). */
  keepPerRecord: number;
  useWebAssembly: boolean;
}

/** Per-worker scratch state for a job: the kernel with the right side copied in. */
export interface MatchScratch {
  jobId: string;
  kernel: DiceKernel | undefined;
  /** Where the query's encoding is copied for the kernel, and a view of it. */
  queryAt: number;
  query: Uint8Array;
  rightAt: number;
  rightCountsAt: number;
  indicesAt: number;
  outAt: number;
  seen: Int32Array;
  queryKeys: Uint32Array;
  hits: Uint8Array;
  candidates: Uint32Array;
  scores: Float32Array;
  best: StrongestPairs;
}

export function prepareMatchScratch(job: MatchJob): MatchScratch {
  const { bytes } = kernelShape(job.hardening);
  const common = {
    jobId: job.jobId,
    seen: new Int32Array(job.right.count).fill(-1),
    queryKeys: new Uint32Array(job.sampler.bands),
    hits: new Uint8Array(job.minBands > 1 ? job.right.count : 0),
    best: new StrongestPairs(job.keepPerRecord),
  };
  if (!job.useWebAssembly) {
    return {
      ...common,
      kernel: undefined,
      queryAt: 0,
      query: new Uint8Array(0),
      rightAt: 0,
      rightCountsAt: 0,
      indicesAt: 0,
      outAt: 0,
      candidates: new Uint32Array(job.maxCandidates),
      scores: new Float32Array(job.maxCandidates),
    };
  }
  const kernel = DiceKernel.create();
  const place = (source: Uint8Array) => {
    const at = kernel.reserve(source.byteLength);
    kernel.bytes(at, source.byteLength).set(source);
    return at;
  };
  const asBytes = (array: Uint32Array) => new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
  // Only the right side is copied whole; each left record is copied in as it is queried, so a
  // worker holds one side, not both.
  const rightAt = place(job.right.data);
  const rightCountsAt = place(asBytes(job.right.counts));
  const queryAt = kernel.reserve(bytes);
  const indicesAt = kernel.reserve(job.maxCandidates * 4);
  const outAt = kernel.reserve(job.maxCandidates * 4);
  // Views are made once every reservation is done: growing the memory would detach them.
  return {
    ...common,
    kernel,
    queryAt,
    query: new Uint8Array(kernel.memory.buffer, queryAt, bytes),
    rightAt,
    rightCountsAt,
    indicesAt,
    outAt,
    candidates: new Uint32Array(kernel.memory.buffer, indicesAt, job.maxCandidates),
    scores: new Float32Array(kernel.memory.buffer, outAt, job.maxCandidates),
  };
}

/**
 * The strongest few candidates of one query at or above the threshold, strongest first (ties:
 * lower record number first, as the one-to-one solver breaks them). One-to-one solving takes at
 * most one partner per record, so a record's weaker candidates beyond the first few only matter
 * when all its stronger ones went to others; keeping a few bounds memory and the solver's work
 * when a common name makes hundreds of records look alike.
 */
export class StrongestPairs {
  readonly records: Int32Array;
  readonly scores: Float64Array;
  size = 0;

  constructor(readonly capacity: number) {
    this.records = new Int32Array(capacity);
    this.scores = new Float64Array(capacity);
  }

  clear(): void {
    this.size = 0;
  }

  offer(record: number, score: number): void {
    const { records, scores } = this;
    let at = this.size;
    const stronger = (index: number) =>
      scores[index]! > score || (scores[index] === score && records[index]! < record);
    if (at === this.capacity) {
      if (stronger(at - 1)) return;
      at -= 1;
    } else this.size += 1;
    while (at > 0 && !stronger(at - 1)) {
      records[at] = records[at - 1]!;
      scores[at] = scores[at - 1]!;
      at -= 1;
    }
    records[at] = record;
    scores[at] = score;
  }
}

export interface MatchChunkResult {
  left: Int32Array;
  right: Int32Array;
  score: Float64Array;
  count: number;
  comparisons: number;
}

/** Score left records from..to against their LSH candidates; keep their strongest pairs at or above the threshold. */
export function matchChunk(job: MatchJob, scratch: MatchScratch, from: number, to: number): MatchChunkResult {
  const { words, mode, bytes } = kernelShape(job.hardening);
  const kept = new ScoredPairs();
  const best = scratch.best;
  let comparisons = 0;
  const kernel = scratch.kernel;
  const leftWords = new Uint32Array(
    job.left.data.buffer,
    job.left.data.byteOffset,
    job.left.data.byteLength / 4,
  );
  const rightWords = new Uint32Array(
    job.right.data.buffer,
    job.right.data.byteOffset,
    job.right.data.byteLength / 4,
  );
  const words32 = bytes / 4;
  for (let record = from; record < to; record += 1) {
    bandKeysOf(job.left.data, record * bytes, job.sampler, scratch.queryKeys);
    const found = collectCandidates(
      job.index,
      scratch.queryKeys,
      scratch.seen,
      record,
      scratch.candidates,
      job.maxCandidates,
      job.maxGroup,
      job.minBands,
      scratch.hits,
    );
    if (found === 0) continue;
    comparisons += found;
    best.clear();
    if (kernel !== undefined) {
      scratch.query.set(job.left.data.subarray(record * bytes, (record + 1) * bytes));
      kernel.gather(
        words,
        scratch.queryAt,
        scratch.rightAt,
        scratch.rightCountsAt,
        scratch.indicesAt,
        found,
        scratch.outAt,
        mode,
      );
      for (let index = 0; index < found; index += 1) {
        const score = scratch.scores[index]!;
        if (score >= job.threshold) best.offer(scratch.candidates[index]!, score);
      }
    } else {
      for (let index = 0; index < found; index += 1) {
        const candidate = scratch.candidates[index]!;
        const score = diceJs(leftWords, record * words32, rightWords, candidate * words32, words32, mode);
        if (score >= job.threshold) best.offer(candidate, score);
      }
    }
    for (let index = 0; index < best.size; index += 1)
      kept.push(record, best.records[index]!, best.scores[index]!);
  }
  return { left: kept.left, right: kept.right, score: kept.score, count: kept.count, comparisons };
}

export interface PprlMatchOptions {
  /** Dice similarity at or above which a pair is a candidate match. */
  threshold: number;
  lsh?: LshParameters;
  pool?: LinkagePool;
  progress?: (line: string) => void;
  /** Use the JavaScript kernel (for comparison and where WebAssembly is missing). */
  javascriptKernel?: boolean;
  maxCandidatesPerRecord?: number;
  /** Band groups larger than this are passed over in blocking (default `defaultMaxGroup`). */
  maxGroup?: number;
  /** Bands a candidate must share with a record (default 1; 2 trades a little recall for speed). */
  minBands?: number;
}

/** See `collectCandidates` (lsh.ts); tuned on generated data in bench/linkage. */
/**
 * Band groups larger than this are passed over in blocking (lsh.ts, `collectCandidates`). On
 * generated cross-border data (bench/linkage) a cap of 200 changes no match of 5 000 or 100 000
 * people while it bounds the work per record on a million: common names then form groups of
 * thousands in some bands, which would be read by every record that shares them.
 */
export const defaultMaxGroup = 200;

/** Pairs kept per record before one-to-one solving (`StrongestPairs`). */
const KEEP_PER_RECORD = 8;

export interface PprlMatchOutcome {
  matches: AcceptedMatch[];
  comparisons: number;
  candidatesAboveThreshold: number;
  seconds: { blocking: number; scoring: number; solving: number };
}

/** Default Dice thresholds per hardening: balanced scores run higher (shared zeros count, 0017). */
export const defaultDiceThreshold: Record<Hardening, number> = { none: 0.8, balance: 0.9, xorFold: 0.75 };

let jobCounter = 0;

export async function matchClkFiles(
  left: ClkFile,
  right: ClkFile,
  options: PprlMatchOptions,
): Promise<PprlMatchOutcome> {
  const hardening = left.header.schema.hardening;
  const lsh = options.lsh ?? defaultLshParameters;
  const shared = options.pool !== undefined;
  const started = performance.now();
  const leftKernel = kernelEncodings(left, shared);
  const rightKernel = kernelEncodings(right, shared);
  const { bytes } = kernelShape(hardening);
  const positions = bandPositions(bytes * 8, lsh);
  const allocate = (size: number) => (shared ? new SharedArrayBuffer(size) : new ArrayBuffer(size));
  const rightKeys = new Uint32Array(lsh.bands * rightKernel.count);
  computeBandKeys(rightKernel.data, bytes, rightKernel.count, 0, rightKernel.count, positions, rightKeys);
  const index = buildBandIndex(rightKeys, rightKernel.count, lsh.bands, lsh.bitsPerBand, allocate);
  const blocked = performance.now();
  options.progress?.(
    `blocking: ${lsh.bands} bands of ${lsh.bitsPerBand} bits (${((blocked - started) / 1000).toFixed(1)} s)`,
  );

  const job: MatchJob = {
    jobId: `match-${process.pid}-${jobCounter++}`,
    hardening,
    left: leftKernel,
    right: rightKernel,
    sampler: bandSampler(positions),
    index,
    maxGroup: options.maxGroup ?? defaultMaxGroup,
    minBands: options.minBands ?? 1,
    keepPerRecord: KEEP_PER_RECORD,
    threshold: options.threshold,
    maxCandidates: options.maxCandidatesPerRecord ?? 50_000,
    useWebAssembly: !options.javascriptKernel && hasWebAssemblyKernel(),
  };
  const kept = new ScoredPairs();
  let comparisons = 0;
  const chunkSize = Math.max(1000, Math.ceil(leftKernel.count / 64));
  const chunks: [number, number][] = [];
  for (let from = 0; from < leftKernel.count; from += chunkSize)
    chunks.push([from, Math.min(leftKernel.count, from + chunkSize)]);
  const report = (done: number) => options.progress?.(`scoring: ${done} of ${chunks.length} parts`);
  if (options.pool) {
    await options.pool.broadcast({ kind: 'match-setup', job });
    const replies = await options.pool.map(
      chunks.map(([from, to]) => ({ kind: 'match', jobId: job.jobId, from, to })),
      progressEvery(report),
    );
    for (const reply of replies) {
      const chunk = reply as MatchChunkResult;
      kept.append(chunk);
      comparisons += chunk.comparisons;
    }
    await options.pool.broadcast({ kind: 'release', jobId: job.jobId });
  } else {
    const scratch = prepareMatchScratch(job);
    chunks.forEach(([from, to], done) => {
      const chunk = matchChunk(job, scratch, from, to);
      kept.append(chunk);
      comparisons += chunk.comparisons;
      progressEvery(report)(done + 1);
    });
  }
  const scored = performance.now();
  const accepted = greedyOneToOne(kept.left, kept.right, kept.score, kept.count);
  const matches = accepted.map((pair) => ({
    leftId: left.ids[kept.left[pair]!]!,
    rightId: right.ids[kept.right[pair]!]!,
    probability: kept.score[pair]!,
  }));
  const solved = performance.now();
  return {
    matches,
    comparisons,
    candidatesAboveThreshold: kept.count,
    seconds: {
      blocking: (blocked - started) / 1000,
      scoring: (scored - blocked) / 1000,
      solving: (solved - scored) / 1000,
    },
  };
}

/** Calls through at most every two seconds. */
function progressEvery(report: (done: number) => void): (done: number) => void {
  let last = Date.now();
  return (done) => {
    const now = Date.now();
    if (now - last >= 2000) {
      last = now;
      report(done);
    }
  };
}
