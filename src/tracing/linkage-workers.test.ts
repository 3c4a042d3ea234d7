import { afterAll, describe, expect, it } from 'vitest';
import { generateLinkage } from '../../bench/linkage/generate.js';
import { clkOf, generatedRecords } from '../../bench/linkage/quality.js';
import { LinkagePool } from './linkage-workers.js';
import { linkPersonRecords } from './plaintext-linkage.js';
import { matchClkFiles } from './pprl-linkage.js';

// Work spread over worker threads gives exactly what one thread gives.

const pool = new LinkagePool(2);
afterAll(() => pool.close());
const generated = generateLinkage({ seed: 4, persons: 400 });
const { left, right } = generatedRecords(generated);

describe('linkage on worker threads', () => {
  it('links in plaintext to the same matches as on one thread', async () => {
    const options = { threshold: 0.9, referenceDate: generated.referenceDate };
    const alone = await linkPersonRecords(left, right, options);
    const spread = await linkPersonRecords(left, right, { ...options, pool, minPairsForWorkers: 0 });
    expect(spread.matches).toEqual(alone.matches);
    expect(spread.matches.length).toBeGreaterThan(100);
  }, 30_000);

  it('matches encodings to the same pairs as on one thread', async () => {
    const leftFile = clkOf(left, 'balance');
    const rightFile = clkOf(right, 'balance');
    const alone = await matchClkFiles(leftFile, rightFile, { threshold: 0.9 });
    const spread = await matchClkFiles(leftFile, rightFile, { threshold: 0.9, pool });
    expect(spread.matches).toEqual(alone.matches);
    expect(spread.comparisons).toBe(alone.comparisons);
  }, 30_000);
});
