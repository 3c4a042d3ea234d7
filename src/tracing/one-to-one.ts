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
  const order = strongestFirst(left, right, score, count);
  let leftRecords = 0;
  let rightRecords = 0;
  for (let pair = 0; pair < count; pair += 1) {
    leftRecords = Math.max(leftRecords, left[pair]! + 1);
    rightRecords = Math.max(rightRecords, right[pair]! + 1);
  }
  const takenLeft = new Uint8Array(leftRecords);
  const takenRight = new Uint8Array(rightRecords);
  const accepted: number[] = [];
  for (let at = 0; at < count; at += 1) {
    const pair = order[at]!;
    const leftRecord = left[pair]!;
    const rightRecord = right[pair]!;
    if (takenLeft[leftRecord] === 1 || takenRight[rightRecord] === 1) continue;
    takenLeft[leftRecord] = 1;
    takenRight[rightRecord] = 1;
    accepted.push(pair);
  }
  return accepted;
}

const SCORE_BUCKETS = 1 << 16;

/**
 * Pair indexes by score, strongest first, ties by left then right index. Pairs are first dealt
 * into score buckets (a counting sort: linear in the pairs, where a comparison sort of millions
 * of pairs takes seconds), then each bucket is sorted exactly; scores lie in [0, 1].
 */
function strongestFirst(
  left: ArrayLike<number>,
  right: ArrayLike<number>,
  score: ArrayLike<number>,
  count: number,
): Uint32Array {
  const bucketOf = (pair: number) =>
    SCORE_BUCKETS - 1 - Math.min(SCORE_BUCKETS - 1, Math.max(0, Math.floor(score[pair]! * SCORE_BUCKETS)));
  const starts = new Uint32Array(SCORE_BUCKETS + 1);
  for (let pair = 0; pair < count; pair += 1) starts[bucketOf(pair) + 1]! += 1;
  for (let bucket = 0; bucket < SCORE_BUCKETS; bucket += 1) starts[bucket + 1]! += starts[bucket]!;
  const order = new Uint32Array(count);
  const next = starts.slice(0, SCORE_BUCKETS);
  for (let pair = 0; pair < count; pair += 1) {
    const bucket = bucketOf(pair);
    order[next[bucket]!] = pair;
    next[bucket]! += 1;
  }
  const compare = (first: number, second: number) =>
    score[second]! - score[first]! || left[first]! - left[second]! || right[first]! - right[second]!;
  for (let bucket = 0; bucket < SCORE_BUCKETS; bucket += 1)
    if (starts[bucket + 1]! - starts[bucket]! > 1)
      order.subarray(starts[bucket]!, starts[bucket + 1]!).sort(compare);
  return order;
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
