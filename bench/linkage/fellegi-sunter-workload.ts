/**
 * The work of the bench's "Fellegi–Sunter comparisons scored per second per core" (issue 5,
 * acceptance 8), shared by bench/linkage/index.ts and measure-fs.ts: the first 8 000 records of
 * each side prepared, blocked as `palermo link` blocks, u sampled and m trained as it trains;
 * then `scoreAll` compares, weighs and turns into a probability every blocked pair, each time round.
 */
import type { PersonRecord } from '../../src/tracing/fellegi-sunter.js';
import { seededRandom } from '../../src/tracing/fellegi-sunter.js';
import { blockPairs, compareCandidates, prepareAll } from '../../src/tracing/plaintext-linkage.js';
import {
  comparePrepared,
  estimateMPrepared,
  estimateUPrepared,
  matchProbability,
  prepareModel,
  Vocabulary,
  weighLevels,
} from '../../src/tracing/prepared-record.js';

export const FELLEGI_SUNTER_RECORDS = 8000;

export function fellegiSunterWorkload(corpus: { left: PersonRecord[]; right: PersonRecord[] }): {
  pairs: number;
  /** Scores every blocked pair once; returns how many came out above 0.5 (so nothing is optimised away). */
  scoreAll: () => number;
} {
  const vocabulary = new Vocabulary();
  const left = prepareAll(corpus.left.slice(0, FELLEGI_SUNTER_RECORDS), vocabulary, '2025-06-01');
  const right = prepareAll(corpus.right.slice(0, FELLEGI_SUNTER_RECORDS), vocabulary, '2025-06-01');
  const pairs = blockPairs(left, right);
  const u = estimateUPrepared([...left, ...right], { sampleSize: 20_000, random: seededRandom(1) });
  const trainingLevels = compareCandidates(
    left,
    right,
    pairs.left,
    pairs.right,
    0,
    Math.min(pairs.count, 100_000),
  );
  const { m } = estimateMPrepared(trainingLevels, u, { iterations: 10, freeU: true });
  const model = prepareModel({ m, u, lambda: 0.001 }, vocabulary);
  const levels = new Uint8Array(6);
  return {
    pairs: pairs.count,
    scoreAll: () => {
      let accepted = 0;
      for (let pair = 0; pair < pairs.count; pair += 1) {
        const leftRecord = left[pairs.left[pair]!]!;
        comparePrepared(leftRecord, right[pairs.right[pair]!]!, levels);
        if (matchProbability(weighLevels(leftRecord, levels, model), model) > 0.5) accepted += 1;
      }
      return accepted;
    },
  };
}
