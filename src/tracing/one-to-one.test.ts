import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { greedyOneToOne } from './one-to-one.js';

const somePairs = fc.array(
  fc.record({
    left: fc.integer({ min: 0, max: 20 }),
    right: fc.integer({ min: 0, max: 20 }),
    score: fc.double({ min: 0, max: 1, noNaN: true }),
  }),
  { maxLength: 200 },
);

const solve = (pairs: { left: number; right: number; score: number }[]) =>
  greedyOneToOne(
    pairs.map((pair) => pair.left),
    pairs.map((pair) => pair.right),
    pairs.map((pair) => pair.score),
    pairs.length,
  );

/** The rule written plainly: a comparison sort, strongest first, ties by left then right. */
function reference(pairs: { left: number; right: number; score: number }[]): number[] {
  const order = pairs.map((_, index) => index);
  order.sort(
    (a, b) =>
      pairs[b]!.score - pairs[a]!.score ||
      pairs[a]!.left - pairs[b]!.left ||
      pairs[a]!.right - pairs[b]!.right,
  );
  const takenLeft = new Set<number>();
  const takenRight = new Set<number>();
  return order.filter((index) => {
    const { left, right } = pairs[index]!;
    if (takenLeft.has(left) || takenRight.has(right)) return false;
    takenLeft.add(left);
    takenRight.add(right);
    return true;
  });
}

describe('greedy one-to-one solving', () => {
  it('accepts exactly what the plainly written rule accepts, in the same order', () => {
    const nearTies = fc.array(
      fc.record({
        left: fc.integer({ min: 0, max: 8 }),
        right: fc.integer({ min: 0, max: 8 }),
        score: fc.oneof(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(0, 0.5, 0.9, 1)),
      }),
      { maxLength: 120 },
    );
    fc.assert(
      fc.property(nearTies, (pairs) => {
        expect(solve(pairs)).toEqual(reference(pairs));
      }),
    );
  });

  it('never assigns a record twice, on either side', () => {
    fc.assert(
      fc.property(somePairs, (pairs) => {
        const accepted = solve(pairs);
        const lefts = accepted.map((index) => pairs[index]!.left);
        const rights = accepted.map((index) => pairs[index]!.right);
        expect(new Set(lefts).size).toBe(lefts.length);
        expect(new Set(rights).size).toBe(rights.length);
      }),
    );
  });

  it('leaves no pair out whose two records both stayed free (the assignment is maximal)', () => {
    fc.assert(
      fc.property(somePairs, (pairs) => {
        const accepted = solve(pairs);
        const lefts = new Set(accepted.map((index) => pairs[index]!.left));
        const rights = new Set(accepted.map((index) => pairs[index]!.right));
        for (const pair of pairs) expect(lefts.has(pair.left) || rights.has(pair.right)).toBe(true);
      }),
    );
  });

  it('keeps the strongest pair of a record and drops the weaker rival', () => {
    const accepted = solve([
      { left: 1, right: 1, score: 0.8 },
      { left: 1, right: 2, score: 0.95 },
      { left: 2, right: 2, score: 0.9 },
    ]);
    expect(accepted).toEqual([1]);
  });
});
