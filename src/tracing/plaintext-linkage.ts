/**
 * Plaintext linkage of two person files (issue 5, acceptance 3 and 6): prepare every record
 * once, block, compare candidate pairs into level vectors (on every core), estimate u by sampling
 * random pairs and m and λ by EM over the candidates, weigh with term frequencies, keep pairs at
 * or above the probability threshold, solve one-to-one. See docs/decisions/0018.
 */
import type { LevelProbabilities, LinkageModel, PersonRecord, TermFrequencies } from './fellegi-sunter.js';
import { seededRandom } from './fellegi-sunter.js';
import type { AcceptedMatch } from './linkage-file.js';
import type { LinkagePool } from './linkage-workers.js';
import { greedyOneToOne, ScoredPairs } from './one-to-one.js';
import {
  BIRTH,
  comparePrepared,
  estimateMPrepared,
  estimateUByNationality,
  estimateUPrepared,
  FAMILY,
  GIVEN,
  matchProbability,
  NATIONALITY,
  PLACE,
  type PreparedRecord,
  prepareModel,
  prepareRecord,
  SEX,
  Vocabulary,
  weighLevels,
} from './prepared-record.js';

/** Default probability threshold of `palermo link`. */
export const DEFAULT_LINK_THRESHOLD = 0.9;

/** Random pairs drawn to estimate u; pairs (at most) used by EM for m and λ. */
const U_SAMPLE_SIZE = 200_000;
const EM_SAMPLE_SIZE = 500_000;
const EM_ITERATIONS = 25;
/** A block bigger than this (left × right pairs) is a key too common to block on, and skipped. */
const MAX_BLOCK_PAIRS = 25_000_000;
/** Years of an age estimate's range that get a year key (the default range is 6 years). */
const MAX_ESTIMATE_YEARS = 8;

/**
 * Blocking keys of a prepared record (as strings): each Daitch–Mokotoff code of either name with
 * the birth year (names swapped still meet; 0017) — with every year an age estimate allows, so
 * that an estimate meets the dates it is compatible with —, the first three letters of either name
 * with sex, the pair of codes of given and family name without year — so that records with a
 * wrong year still meet —, and the full date of birth (day and month in either order), so that
 * names with typos on both sides still meet when the date is right (0027).
 */
export function preparedBlockingKeys(record: PreparedRecord): string[] {
  const keys = new Set<string>();
  const birth = record.birth;
  const given = record.givenName;
  const family = record.familyName;
  let firstYear = Number.NaN;
  let lastYear = Number.NaN;
  if (birth.kind === 1 && birth.plausible) {
    firstYear = birth.year;
    lastYear = birth.year;
    if (birth.month !== 0 && birth.day !== 0)
      keys.add(`d${birth.year}:${Math.min(birth.month, birth.day)}:${Math.max(birth.month, birth.day)}`);
  } else if (birth.kind === 2 && !Number.isNaN(birth.earliest)) {
    firstYear = birth.earliest;
    lastYear = Math.min(birth.latest, birth.earliest + MAX_ESTIMATE_YEARS - 1);
  }
  for (let year = firstYear; year <= lastYear; year += 1)
    for (const name of [given, family])
      if (name !== undefined) for (const code of name.phoneticCodes) keys.add(`y${year}:${code}`);
  if (record.sex !== 0)
    for (const name of [given, family])
      if (name !== undefined && name.key.length >= 3) keys.add(`s${record.sex}:${name.key.slice(0, 3)}`);
  if (given !== undefined && family !== undefined)
    for (const givenCode of given.phoneticCodes)
      for (const familyCode of family.phoneticCodes)
        keys.add(givenCode < familyCode ? `p${givenCode}:${familyCode}` : `p${familyCode}:${givenCode}`);
  return [...keys];
}

/** Candidate pairs (left index, right index), each pair once. */
export function blockPairs(
  left: readonly PreparedRecord[],
  right: readonly PreparedRecord[],
): { left: Int32Array; right: Int32Array; count: number; skippedBlocks: number } {
  const rightBlocks = new Map<string, number[]>();
  right.forEach((record, index) => {
    for (const key of preparedBlockingKeys(record)) {
      const block = rightBlocks.get(key);
      if (block === undefined) rightBlocks.set(key, [index]);
      else block.push(index);
    }
  });
  const leftKeys = left.map(preparedBlockingKeys);
  const leftSizes = new Map<string, number>();
  for (const keys of leftKeys) for (const key of keys) leftSizes.set(key, (leftSizes.get(key) ?? 0) + 1);
  let skippedBlocks = 0;
  for (const [key, block] of rightBlocks)
    if ((leftSizes.get(key) ?? 0) * block.length > MAX_BLOCK_PAIRS) {
      rightBlocks.delete(key);
      skippedBlocks += 1;
    }
  const seen = new Int32Array(right.length).fill(-1);
  const pairs = new ScoredPairs();
  leftKeys.forEach((keys, leftIndex) => {
    for (const key of keys) {
      const block = rightBlocks.get(key);
      if (block === undefined) continue;
      for (const rightIndex of block) {
        if (seen[rightIndex] === leftIndex) continue;
        seen[rightIndex] = leftIndex;
        pairs.push(leftIndex, rightIndex, 0);
      }
    }
  });
  return { left: pairs.left, right: pairs.right, count: pairs.count, skippedBlocks };
}

/** Levels (6 bytes per pair) of pairs from..to. */
export function compareCandidates(
  left: readonly PreparedRecord[],
  right: readonly PreparedRecord[],
  pairLeft: Int32Array,
  pairRight: Int32Array,
  from: number,
  to: number,
): Uint8Array {
  const levels = new Uint8Array((to - from) * 6);
  for (let pair = from; pair < to; pair += 1) {
    const offset = (pair - from) * 6;
    comparePrepared(left[pairLeft[pair]!]!, right[pairRight[pair]!]!, levels.subarray(offset, offset + 6));
  }
  return levels;
}

export function prepareAll(
  records: readonly PersonRecord[],
  vocabulary: Vocabulary,
  referenceDate: string | undefined,
): PreparedRecord[] {
  const options = referenceDate === undefined ? {} : { referenceDate };
  return records.map((record) => prepareRecord(record, vocabulary, options));
}

function termFrequenciesOf(records: readonly PreparedRecord[]): TermFrequencies {
  const count = (pick: (record: PreparedRecord) => string | undefined) => {
    const counts = new Map<string, number>();
    let total = 0;
    for (const record of records) {
      const key = pick(record);
      if (key === undefined) continue;
      counts.set(key, (counts.get(key) ?? 0) + 1);
      total += 1;
    }
    for (const [key, value] of counts) counts.set(key, value / total);
    return counts;
  };
  return {
    givenName: count((record) => record.givenName?.key),
    familyName: count((record) => record.familyName?.key),
  };
}

/** Rows of a level array (6 bytes per pair) that satisfy a condition. */
function levelRows(levels: Uint8Array, keep: (row: Uint8Array) => boolean): Uint8Array {
  const rows: number[] = [];
  for (let offset = 0; offset < levels.length; offset += 6)
    if (keep(levels.subarray(offset, offset + 6))) rows.push(offset);
  const out = new Uint8Array(rows.length * 6);
  rows.forEach((offset, index) => {
    out.set(levels.subarray(offset, offset + 6), index * 6);
  });
  return out;
}

/**
 * m by EM in two training sessions, as Splink trains: on the candidates that agree on both names
 * (exact or phonetically) for the other fields, and on those with the same date of birth for the
 * names. A field is never trained on pairs chosen by that field, and relatives — who agree on
 * family name, place and often date — weigh less in each session than in one EM over all
 * candidates, where they pull m towards "a match may well have a different given name and sex".
 * Then λ among the candidates by EM with m fixed. Both distributions are free within a session:
 * chosen pairs look nothing like random pairs (0018).
 */
function estimateModel(
  levels: Uint8Array,
  u: LevelProbabilities,
  smallerFile: number,
): { m: LevelProbabilities; lambda: number } {
  const pairCount = levels.length / 6;
  const session = (rows: Uint8Array, fields: number[]) =>
    estimateMPrepared(rows, u, { iterations: EM_ITERATIONS, initialLambda: 0.5, fields, freeU: true }).m;
  // Names say much about nationality and birthplace, so the same-name session weighs date and sex
  // only; given names are trained where date and family name agree (matches and twins).
  // Here the date is the only field that tells matches from strangers of the same name (sex and
  // nationality follow the names): m('different') is not well identified and comes out high
  // (0.02–0.05 on generated data, where the true pairs show 0.001; 0027) — which errs towards
  // keeping matches whose dates disagree.
  const sameNames = session(
    levelRows(levels, (row) => row[GIVEN]! <= 1 && row[FAMILY]! <= 1),
    [BIRTH, SEX],
  );
  const sameDate = session(
    levelRows(levels, (row) => row[BIRTH] === 0),
    [GIVEN, FAMILY, SEX, NATIONALITY, PLACE],
  );
  const sameDateAndFamily = session(
    levelRows(levels, (row) => row[BIRTH] === 0 && row[FAMILY]! <= 1),
    [GIVEN, SEX],
  );
  const m: LevelProbabilities = {
    ...sameDate,
    givenName: sameDateAndFamily.givenName,
    birthDate: sameNames.birthDate,
  };
  const initialLambda = Math.min(0.5, smallerFile / Math.max(1, pairCount));
  const { lambda } = estimateMPrepared(levels, u, {
    iterations: EM_ITERATIONS,
    initialLambda,
    maxLambda: initialLambda,
    freeU: true,
    fixedM: m,
  });
  return { m, lambda };
}

export interface PlaintextLinkageOptions {
  threshold: number;
  /** The day age estimates refer to (default: today). */
  referenceDate?: string;
  pool?: LinkagePool;
  progress?: (line: string) => void;
  seed?: number;
  /** Fewer candidate pairs than this are compared on the calling thread (default 200 000). */
  minPairsForWorkers?: number;
}

export interface PlaintextLinkageOutcome {
  matches: AcceptedMatch[];
  candidatePairs: number;
  skippedBlocks: number;
  model: LinkageModel;
  seconds: { preparing: number; blocking: number; comparing: number; estimating: number; solving: number };
}

let jobCounter = 0;

export async function linkPersonRecords(
  leftRecords: readonly PersonRecord[],
  rightRecords: readonly PersonRecord[],
  options: PlaintextLinkageOptions,
): Promise<PlaintextLinkageOutcome> {
  const clock = () => performance.now() / 1000;
  const started = clock();
  const vocabulary = new Vocabulary();
  const left = prepareAll(leftRecords, vocabulary, options.referenceDate);
  const right = prepareAll(rightRecords, vocabulary, options.referenceDate);
  const prepared = clock();
  const pairs = blockPairs(left, right);
  const blocked = clock();
  options.progress?.(`blocking: ${pairs.count} candidate pairs`);

  let levels: Uint8Array;
  const chunkSize = Math.max(20_000, Math.ceil(pairs.count / 64));
  const chunks: [number, number][] = [];
  for (let from = 0; from < pairs.count; from += chunkSize)
    chunks.push([from, Math.min(pairs.count, from + chunkSize)]);
  if (options.pool && pairs.count >= (options.minPairsForWorkers ?? 200_000)) {
    const jobId = `compare-${process.pid}-${jobCounter++}`;
    await options.pool.broadcast({
      kind: 'compare-setup',
      jobId,
      left: leftRecords as PersonRecord[],
      right: rightRecords as PersonRecord[],
      ...(options.referenceDate === undefined ? {} : { referenceDate: options.referenceDate }),
    });
    let lastReport = Date.now();
    const replies = await options.pool.map(
      chunks.map(([from, to]) => ({
        kind: 'compare',
        jobId,
        pairLeft: pairs.left.subarray(from, to),
        pairRight: pairs.right.subarray(from, to),
      })),
      (done) => {
        if (Date.now() - lastReport < 2000) return;
        lastReport = Date.now();
        options.progress?.(`comparing: ${Math.round((100 * done) / chunks.length)}%`);
      },
    );
    await options.pool.broadcast({ kind: 'release', jobId });
    levels = new Uint8Array(pairs.count * 6);
    replies.forEach((reply, index) => {
      levels.set(reply as Uint8Array, chunks[index]![0] * 6);
    });
  } else {
    levels = compareCandidates(left, right, pairs.left, pairs.right, 0, pairs.count);
  }
  const compared = clock();

  // u from random pairs of all records; m and λ by EM over (a sample of) the candidates.
  const random = seededRandom(options.seed ?? 1);
  const everyone = [...left, ...right];
  const u = estimateUPrepared(everyone, { sampleSize: U_SAMPLE_SIZE, random });
  let sample = levels;
  if (pairs.count > EM_SAMPLE_SIZE) {
    sample = new Uint8Array(EM_SAMPLE_SIZE * 6);
    const step = pairs.count / EM_SAMPLE_SIZE;
    for (let index = 0; index < EM_SAMPLE_SIZE; index += 1) {
      const pair = Math.floor(index * step);
      sample.set(levels.subarray(pair * 6, pair * 6 + 6), index * 6);
    }
  }
  // EM separates the candidates into matches and non-matches (both distributions free, as blocked
  // non-matches look nothing like random pairs); its λ says how many candidates match. The model
  // then weighs with the sampled u and the prior over all pairs — the probability that two records
  // drawn at random are the same person — so that blocking only chooses which pairs are scored.
  const { m, lambda: candidateLambda } = estimateModel(sample, u, Math.min(left.length, right.length));
  const expectedMatches = candidateLambda * pairs.count;
  const lambda = Math.min(0.5, Math.max(1e-12, expectedMatches / Math.max(1, left.length * right.length)));
  // Names and birthplace are weighed against compatriots when nationalities agree (0027).
  const uByNationality = estimateUByNationality(everyone, { sampleSize: U_SAMPLE_SIZE, random, overall: u });
  const model: LinkageModel = { m, u, lambda, termFrequencies: termFrequenciesOf(everyone), uByNationality };
  const weights = prepareModel(model, vocabulary);
  const estimated = clock();

  const kept = new ScoredPairs();
  for (let pair = 0; pair < pairs.count; pair += 1) {
    const leftIndex = pairs.left[pair]!;
    const weight = weighLevels(left[leftIndex]!, levels, weights, pair * 6);
    const probability = matchProbability(weight, weights);
    if (probability >= options.threshold) kept.push(leftIndex, pairs.right[pair]!, probability);
  }
  const accepted = greedyOneToOne(kept.left, kept.right, kept.score, kept.count);
  const matches = accepted.map((pair) => ({
    leftId: left[kept.left[pair]!]!.id,
    rightId: right[kept.right[pair]!]!.id,
    probability: kept.score[pair]!,
  }));
  const solved = clock();
  return {
    matches,
    candidatePairs: pairs.count,
    skippedBlocks: pairs.skippedBlocks,
    model,
    seconds: {
      preparing: prepared - started,
      blocking: blocked - prepared,
      comparing: compared - blocked,
      estimating: estimated - compared,
      solving: solved - estimated,
    },
  };
}
