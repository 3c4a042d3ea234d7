import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DiceKernel, type DiceMode, diceFromCounts, diceJs, type KernelWords } from './dice-kernel.js';

/** The definition, with BigInt popcounts: nothing shared with either kernel. */
function referenceDice(left: Uint8Array, right: Uint8Array, mode: DiceMode): number {
  let common = 0;
  let leftCount = 0;
  let rightCount = 0;
  for (let index = 0; index < left.length; index += 1) {
    const bits = (value: number) => value.toString(2).replaceAll('0', '').length;
    common += bits(left[index]! & right[index]!);
    leftCount += bits(left[index]!);
    rightCount += bits(right[index]!);
  }
  return diceFromCounts(common, leftCount, rightCount, left.length * 8, mode);
}

const anEncoding = (bytes: number) =>
  fc.oneof(
    fc.uint8Array({ minLength: bytes, maxLength: bytes }),
    // sparse and dense filters, like real CLKs
    fc
      .uint8Array({ minLength: bytes, maxLength: bytes })
      .map((random) => random.map((byte) => byte & (byte >>> 1))),
    fc.constant(new Uint8Array(bytes)),
    fc.constant(new Uint8Array(bytes).fill(255)),
  );

const shapes = fc.constantFrom<[KernelWords, DiceMode]>([16, 'plain'], [16, 'balanced'], [8, 'plain']);

const kernel = DiceKernel.create();
const queryAt = kernel.reserve(128);
const candidatesAt = kernel.reserve(128 * 64);
const countsAt = kernel.reserve(4 * 64);
const indicesAt = kernel.reserve(4 * 64);
const outAt = kernel.reserve(4 * 64);

function kernelScores(
  words: KernelWords,
  mode: DiceMode,
  query: Uint8Array,
  candidates: Uint8Array[],
  gather: boolean,
) {
  const bytes = words * 8;
  kernel.bytes(queryAt, bytes).set(query);
  const counts = new Uint32Array(kernel.memory.buffer, countsAt, candidates.length);
  const order = candidates.map((_, index) => candidates.length - 1 - index);
  candidates.forEach((candidate, index) => {
    kernel.bytes(candidatesAt + index * bytes, bytes).set(candidate);
    counts[index] = referenceCount(candidate);
  });
  if (gather) {
    new Uint32Array(kernel.memory.buffer, indicesAt, candidates.length).set(order);
    kernel.gather(words, queryAt, candidatesAt, countsAt, indicesAt, candidates.length, outAt, mode);
  } else kernel.many(words, queryAt, candidatesAt, countsAt, candidates.length, outAt, mode);
  const scores = Array.from(new Float32Array(kernel.memory.buffer, outAt, candidates.length));
  return gather ? scores.map((_, index) => scores[order.indexOf(index)]!) : scores;
}

function referenceCount(bytes: Uint8Array): number {
  let count = 0;
  for (const byte of bytes) count += byte.toString(2).replaceAll('0', '').length;
  return count;
}

const words32 = (bytes: Uint8Array) => new Uint32Array(bytes.slice().buffer);

describe('the Dice kernel', () => {
  it('gives in WebAssembly, in JavaScript and by definition the same score, for every candidate', () => {
    fc.assert(
      fc.property(
        shapes,
        fc.boolean(),
        fc
          .integer({ min: 1, max: 9 })
          .chain((count) =>
            fc.tuple(anEncoding(128), fc.array(anEncoding(128), { minLength: count, maxLength: count })),
          ),
        ([words, mode], gather, [query, candidates]) => {
          const bytes = words * 8;
          const shortQuery = query.subarray(0, bytes);
          const shortCandidates = candidates.map((candidate) => candidate.subarray(0, bytes));
          const scores = kernelScores(words, mode, shortQuery, shortCandidates, gather);
          shortCandidates.forEach((candidate, index) => {
            const expected = referenceDice(shortQuery, candidate, mode);
            expect(scores[index]).toBe(expected);
            expect(diceJs(words32(shortQuery), 0, words32(candidate), 0, bytes / 4, mode)).toBe(expected);
          });
        },
      ),
      { numRuns: 300 },
    );
  });

  it('is symmetric and lies in [0, 1]', () => {
    fc.assert(
      fc.property(shapes, anEncoding(128), anEncoding(128), ([words, mode], left, right) => {
        const bytes = words * 8;
        const [forward] = kernelScores(
          words,
          mode,
          left.subarray(0, bytes),
          [right.subarray(0, bytes)],
          false,
        );
        const [backward] = kernelScores(
          words,
          mode,
          right.subarray(0, bytes),
          [left.subarray(0, bytes)],
          false,
        );
        expect(forward).toBe(backward);
        expect(forward).toBeGreaterThanOrEqual(0);
        expect(forward).toBeLessThanOrEqual(1);
      }),
      { numRuns: 300 },
    );
  });

  it('scores an encoding against itself 1 (and an empty one against itself 0 in plain mode)', () => {
    const filter = new Uint8Array(128).map((_, index) => (index * 37) & 0xff);
    expect(kernelScores(16, 'plain', filter, [filter], false)[0]).toBe(1);
    expect(kernelScores(16, 'balanced', filter, [filter], false)[0]).toBe(1);
    expect(kernelScores(16, 'plain', new Uint8Array(128), [new Uint8Array(128)], false)[0]).toBe(0);
  });
});
