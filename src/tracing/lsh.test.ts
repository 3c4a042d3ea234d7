import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bandPositions, buildBandIndex, collectCandidates, computeBandKeys } from './lsh.js';
import { StrongestPairs } from './pprl-linkage.js';

/**
 * Many small records with few distinct bits, so keys repeat and groups form: the index must find,
 * per query, exactly the records that share a band key, counted per band.
 */
const records = 60;
const stride = 2;
const parameters = { bands: 5, bitsPerBand: 4, seed: 3 };

describe('LSH blocking index', () => {
  it('finds exactly the records meeting a query in at least minBands bands, skipping groups over maxGroup', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: records * stride, maxLength: records * stride }),
        fc.integer({ min: 0, max: records - 1 }),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 1, max: records }),
        (data, query, minBands, maxGroup) => {
          const positions = bandPositions(stride * 8, parameters);
          const keys = new Uint32Array(parameters.bands * records);
          computeBandKeys(data, stride, records, 0, records, positions, keys);
          const index = buildBandIndex(keys, records, parameters.bands, parameters.bitsPerBand);
          const queryKeys = Uint32Array.from(
            { length: parameters.bands },
            (_, band) => keys[band * records + query]!,
          );
          const found = new Uint32Array(records);
          const count = collectCandidates(
            index,
            queryKeys,
            new Int32Array(records).fill(-1),
            query,
            found,
            records,
            maxGroup,
            minBands,
            new Uint8Array(records),
          );
          const groupSize = (band: number) =>
            keys.subarray(band * records, (band + 1) * records).filter((key) => key === queryKeys[band])
              .length;
          const expected = Array.from({ length: records }, (_, record) => record).filter((record) => {
            let met = 0;
            for (let band = 0; band < parameters.bands; band += 1)
              if (keys[band * records + record] === queryKeys[band] && groupSize(band) <= maxGroup) met += 1;
            return met >= minBands;
          });
          expect([...found.subarray(0, count)].sort((a, b) => a - b)).toEqual(expected);
        },
      ),
    );
  });

  it('keeps a group in file order', () => {
    const keys = new Uint32Array([5, 1, 5, 5, 1, 7]);
    const index = buildBandIndex(keys, 6, 1, 4);
    const found = new Uint32Array(6);
    const count = collectCandidates(index, new Uint32Array([5]), new Int32Array(6).fill(-1), 0, found, 6);
    expect([...found.subarray(0, count)]).toEqual([0, 2, 3]);
  });
});

describe('the strongest pairs of a record', () => {
  it('are the few best offered, strongest first, ties to the lower record', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ record: fc.nat(50), score: fc.constantFrom(0.9, 0.91, 0.95, 1) }), {
          maxLength: 40,
        }),
        fc.integer({ min: 1, max: 8 }),
        (offers, capacity) => {
          const best = new StrongestPairs(capacity);
          for (const { record, score } of offers) best.offer(record, score);
          const expected = [...offers]
            .sort((a, b) => b.score - a.score || a.record - b.record)
            .slice(0, capacity);
          expect([...best.records.subarray(0, best.size)]).toEqual(expected.map((offer) => offer.record));
          expect([...best.scores.subarray(0, best.size)]).toEqual(expected.map((offer) => offer.score));
        },
      ),
    );
  });
});
