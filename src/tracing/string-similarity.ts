/**
 * Jaro–Winkler similarity for names, counted in Unicode code points.
 * Winkler's prefix bonus uses the standard scale 0.1 over at most 4 characters, and (as in
 * Winkler's own implementation) only when the Jaro similarity is above 0.7.
 */

export const WINKLER_PREFIX_SCALE = 0.1;
export const WINKLER_MAX_PREFIX = 4;
export const WINKLER_BOOST_THRESHOLD = 0.7;

/** Jaro similarity in [0, 1]; 1 for equal strings, 0 when nothing matches. */
export function jaro(left: string, right: string): number {
  // Matching greedily from the lexically smaller string makes the measure symmetric by construction.
  const [first, second] =
    left <= right ? [Array.from(left), Array.from(right)] : [Array.from(right), Array.from(left)];
  if (first.length === 0 && second.length === 0) return 1;
  if (first.length === 0 || second.length === 0) return 0;
  const window = Math.max(0, Math.floor(Math.max(first.length, second.length) / 2) - 1);
  const secondMatched: boolean[] = new Array(second.length).fill(false);
  const firstMatches: string[] = [];
  for (let index = 0; index < first.length; index += 1) {
    const from = Math.max(0, index - window);
    const to = Math.min(second.length - 1, index + window);
    for (let other = from; other <= to; other += 1) {
      if (!secondMatched[other] && second[other] === first[index]) {
        secondMatched[other] = true;
        firstMatches.push(first[index]!);
        break;
      }
    }
  }
  const matches = firstMatches.length;
  if (matches === 0) return 0;
  const secondMatches = second.filter((_, index) => secondMatched[index]);
  let halfTranspositions = 0;
  for (let index = 0; index < matches; index += 1) {
    if (firstMatches[index] !== secondMatches[index]) halfTranspositions += 1;
  }
  const transpositions = halfTranspositions / 2;
  return (matches / first.length + matches / second.length + (matches - transpositions) / matches) / 3;
}

/** Jaro–Winkler similarity in [0, 1]: Jaro plus a bonus for a common prefix of up to 4 characters. */
export function jaroWinkler(left: string, right: string): number {
  const similarity = jaro(left, right);
  if (similarity <= WINKLER_BOOST_THRESHOLD) return similarity;
  const leftCharacters = Array.from(left);
  const rightCharacters = Array.from(right);
  let prefix = 0;
  while (
    prefix < WINKLER_MAX_PREFIX &&
    prefix < leftCharacters.length &&
    prefix < rightCharacters.length &&
    leftCharacters[prefix] === rightCharacters[prefix]
  ) {
    prefix += 1;
  }
  return Math.min(1, similarity + prefix * WINKLER_PREFIX_SCALE * (1 - similarity));
}
