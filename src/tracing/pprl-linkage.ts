/**
 * Privacy-preserving linkage of two `.clk` files (issue 5, acceptance 4 and 6): Hamming-LSH
 * blocking on the encodings, Sørensen–Dice by the WebAssembly kernel, greedy one-to-one. Only
 * encodings are read; the output names record numbers and a similarity, nothing else.
 * See docs/decisions/0018-linkage-engine-for-files.md and 0019-dice-kernel-in-webassembly.md.
 */
import { createHmac } from 'node:crypto';
import {
  cachedFeatureTokens,
  deriveFeatureKeys,
  type EncodingSchema,
  type Hardening,
} from './bloom-encoding.js';
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
  bandPositions,
  buildBandIndex,
  collectCandidates,
  computeBandKeys,
  defaultLshParameters,
  type LshParameters,
} from './lsh.js';
import { greedyOneToOne, ScoredPairs } from './one-to-one.js';
import { phoneticCodes } from './phonetic.js';
import type { ClkFile } from './pprl-file.js';

/**
 * The schema `palermo pprl` encodes with: schema version 1 tokens and hashing (0017), weights
 * tuned on generated cross-border data (bench/linkage; docs/decisions/0018): the date weighs more
 * than in `defaultEncodingSchema` (it separates people sharing common names), sex a little more.
 */
export const pprlEncodingSchema: EncodingSchema = {
  version: 1,
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
 * bit positions per key and token, D–M tokens and bigrams per name as written.
 */
interface EncoderCache {
  positions: WeakMap<Buffer, Map<string, Uint16Array>>;
  phonetic: Map<string, string[]>;
  names: Map<string, readonly string[]>;
}
const encoderCaches = new WeakMap<ReadonlyMap<string, Buffer>, EncoderCache>();

function cacheOf(keys: ReadonlyMap<string, Buffer>): EncoderCache {
  let cache = encoderCaches.get(keys);
  if (cache === undefined) {
    cache = { positions: new WeakMap(), phonetic: new Map(), names: new Map() };
    encoderCaches.set(keys, cache);
  }
  return cache;
}

/** Positions of a token, as bloom-encoding.ts computes them (HMAC-SHA256, double hashing). */
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
  const cacheKey = `${hashCount}:${token}`;
  const cached = tokens.get(cacheKey);
  if (cached !== undefined) return cached;
  const digest = createHmac('sha256', key).update(token, 'utf8').digest();
  const first = digest.readUInt32BE(0);
  const step = digest.readUInt32BE(4) | 1;
  const positions = new Uint16Array(hashCount);
  for (let index = 0; index < hashCount; index += 1) positions[index] = (first + index * step) % bits;
  if (tokens.size >= 200_000) tokens.clear();
  tokens.set(cacheKey, positions);
  return positions;
}

/** `dm:<code>` tokens of a name: spellings of one name across transliterations share them. */
function phoneticTokens(name: string | undefined, phoneticCache: Map<string, string[]>): string[] {
  if (name === undefined) return [];
  let tokens = phoneticCache.get(name);
  if (tokens === undefined) {
    tokens = [...phoneticCodes(name)].map((code) => `dm:${code}`);
    if (phoneticCache.size >= 100_000) phoneticCache.clear();
    phoneticCache.set(name, tokens);
  }
  return tokens;
}

/**
 * The encoding of `encodeRecord` (bloom-encoding.ts), with the Daitch–Mokotoff codes of each
 * name as tokens besides its bigrams when `phonetic` (schema field `nameTokens`).
 */
export function encodePprlRecord(
  record: PersonRecord,
  schema: EncodingSchema,
  keys: ReadonlyMap<string, Buffer>,
  phonetic: boolean,
): Uint8Array {
  const filter = new Uint8Array(schema.bits / 8);
  const cache = cacheOf(keys);
  for (const { feature, hashCount } of schema.features) {
    const key = keys.get(feature);
    if (key === undefined) throw new Error(`no key for feature ${feature}`);
    let tokens = cachedFeatureTokens(record, feature, cache.names);
    if (phonetic && feature === 'givenName')
      tokens = [...tokens, ...phoneticTokens(record.givenName, cache.phonetic)];
    if (phonetic && feature === 'familyName')
      tokens = [...tokens, ...phoneticTokens(record.familyName, cache.phonetic)];
    for (const token of tokens)
      for (const position of tokenPositions(cache.positions, key, token, hashCount, schema.bits))
        filter[position >>> 3]! |= 1 << (position & 7);
  }
  if (schema.hardening === 'balance') {
    const balanced = new Uint8Array(filter.length * 2);
    balanced.set(filter);
    for (let index = 0; index < filter.length; index += 1)
      balanced[filter.length + index] = ~filter[index]! & 0xff;
    return balanced;
  }
  if (schema.hardening === 'xorFold') {
    const half = filter.length / 2;
    const folded = new Uint8Array(half);
    for (let index = 0; index < half; index += 1) folded[index] = filter[index]! ^ filter[half + index]!;
    return folded;
  }
  return filter;
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
  leftKeys: Uint32Array;
  index: BandIndex;
  threshold: number;
  /** Candidates scored at most per left record (a guard against degenerate blocks). */
  maxCandidates: number;
  useWebAssembly: boolean;
}

/** Per-worker scratch state for a job: the kernel with both sides copied in. */
export interface MatchScratch {
  jobId: string;
  kernel: DiceKernel | undefined;
  leftAt: number;
  rightAt: number;
  leftCountsAt: number;
  rightCountsAt: number;
  indicesAt: number;
  outAt: number;
  seen: Int32Array;
  candidates: Uint32Array;
  scores: Float32Array;
}

export function prepareMatchScratch(job: MatchJob): MatchScratch {
  const seen = new Int32Array(job.right.count).fill(-1);
  if (!job.useWebAssembly) {
    return {
      jobId: job.jobId,
      kernel: undefined,
      leftAt: 0,
      rightAt: 0,
      leftCountsAt: 0,
      rightCountsAt: 0,
      indicesAt: 0,
      outAt: 0,
      seen,
      candidates: new Uint32Array(job.maxCandidates),
      scores: new Float32Array(job.maxCandidates),
    };
  }
  const kernel = DiceKernel.create();
  const place = (bytes: Uint8Array) => {
    const at = kernel.reserve(bytes.byteLength);
    kernel.bytes(at, bytes.byteLength).set(bytes);
    return at;
  };
  const asBytes = (array: Uint32Array) => new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
  const leftAt = place(job.left.data);
  const rightAt = place(job.right.data);
  const leftCountsAt = place(asBytes(job.left.counts));
  const rightCountsAt = place(asBytes(job.right.counts));
  const indicesAt = kernel.reserve(job.maxCandidates * 4);
  const outAt = kernel.reserve(job.maxCandidates * 4);
  return {
    jobId: job.jobId,
    kernel,
    leftAt,
    rightAt,
    leftCountsAt,
    rightCountsAt,
    indicesAt,
    outAt,
    seen,
    candidates: new Uint32Array(kernel.memory.buffer, indicesAt, job.maxCandidates),
    scores: new Float32Array(kernel.memory.buffer, outAt, job.maxCandidates),
  };
}

export interface MatchChunkResult {
  left: Int32Array;
  right: Int32Array;
  score: Float64Array;
  count: number;
  comparisons: number;
}

/** Score left records from..to against their LSH candidates; keep pairs at or above the threshold. */
export function matchChunk(job: MatchJob, scratch: MatchScratch, from: number, to: number): MatchChunkResult {
  const { words, mode, bytes } = kernelShape(job.hardening);
  const kept = new ScoredPairs();
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
    const found = collectCandidates(
      job.index,
      job.leftKeys,
      job.left.count,
      record,
      scratch.seen,
      record,
      scratch.candidates,
      job.maxCandidates,
    );
    if (found === 0) continue;
    comparisons += found;
    if (kernel !== undefined) {
      // The kernel's memory may have grown (and moved) since the views were made.
      kernel.gather(
        words,
        scratch.leftAt + record * bytes,
        scratch.rightAt,
        scratch.rightCountsAt,
        scratch.indicesAt,
        found,
        scratch.outAt,
        mode,
      );
      for (let index = 0; index < found; index += 1) {
        const score = scratch.scores[index]!;
        if (score >= job.threshold) kept.push(record, scratch.candidates[index]!, score);
      }
    } else {
      for (let index = 0; index < found; index += 1) {
        const candidate = scratch.candidates[index]!;
        const score = diceJs(leftWords, record * words32, rightWords, candidate * words32, words32, mode);
        if (score >= job.threshold) kept.push(record, candidate, score);
      }
    }
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
}

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
  const leftKeys = new Uint32Array(allocate(lsh.bands * leftKernel.count * 4));
  const rightKeys = new Uint32Array(allocate(lsh.bands * rightKernel.count * 4));
  computeBandKeys(leftKernel.data, bytes, leftKernel.count, 0, leftKernel.count, positions, leftKeys);
  computeBandKeys(rightKernel.data, bytes, rightKernel.count, 0, rightKernel.count, positions, rightKeys);
  const index = buildBandIndex(rightKeys, rightKernel.count, lsh.bands, allocate);
  const blocked = performance.now();
  options.progress?.(
    `blocking: ${lsh.bands} bands of ${lsh.bitsPerBand} bits (${((blocked - started) / 1000).toFixed(1)} s)`,
  );

  const job: MatchJob = {
    jobId: `match-${process.pid}-${jobCounter++}`,
    hardening,
    left: leftKernel,
    right: rightKernel,
    leftKeys,
    index,
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
