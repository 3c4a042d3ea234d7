/**
 * Greedy one-to-one solving of scored candidate pairs: strongest first, a pair is kept when
 * neither of its records is already taken. A record registered once in each file is one person,
 * so it may end up in at most one accepted pair; greedy is what anonlink does, and within a few
 * per cent of the optimal assignment on linkage data, at a sort's cost.
 */

/**
 * Indexes of the accepted pairs among `count` pairs (left[i], right[i], score[i]), strongest
 * first. Ties are broken by left then right index, so the outcome does not depend on the order
 * pairs were found in.
 */
export function greedyOneToOne(
  left: ArrayLike<number>,
  right: ArrayLike<number>,
  score: ArrayLike<number>,
  count: number,
): number[] {
  const order = Array.from({ length: count }, (_, index) => index);
  order.sort(
    (first, second) =>
      score[second]! - score[first]! || left[first]! - left[second]! || right[first]! - right[second]!,
  );
  const takenLeft = new Set<number>();
  const takenRight = new Set<number>();
  const accepted: number[] = [];
  for (const pair of order) {
    const leftRecord = left[pair]!;
    const rightRecord = right[pair]!;
    if (takenLeft.has(leftRecord) || takenRight.has(rightRecord)) continue;
    takenLeft.add(leftRecord);
    takenRight.add(rightRecord);
    accepted.push(pair);
  }
  return accepted;
}

/** Growable arrays of scored pairs. */
export class ScoredPairs {
  left = new Int32Array(1024);
  right = new Int32Array(1024);
  score = new Float64Array(1024);
  count = 0;

  push(left: number, right: number, score: number): void {
    if (this.count === this.left.length) {
      const grow = <T extends Int32Array | Float64Array>(array: T): T => {
        const grown = new (array.constructor as new (length: number) => T)(array.length * 2);
        grown.set(array);
        return grown;
      };
      this.left = grow(this.left);
      this.right = grow(this.right);
      this.score = grow(this.score);
    }
    this.left[this.count] = left;
    this.right[this.count] = right;
    this.score[this.count] = score;
    this.count += 1;
  }

  append(other: {
    left: Int32Array;
    right: Int32Array;
    score: Float64Array | Float32Array;
    count: number;
  }): void {
    for (let index = 0; index < other.count; index += 1)
      this.push(other.left[index]!, other.right[index]!, other.score[index]!);
  }
}
