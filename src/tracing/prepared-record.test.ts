import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compareRecords,
  estimateM,
  estimateU,
  type LinkageModel,
  type PersonRecord,
  scorePair,
  seededRandom,
  termFrequencies,
} from './fellegi-sunter.js';
import {
  comparePrepared,
  estimateMPrepared,
  estimateUPrepared,
  levelNames,
  matchProbability,
  preparedJaroWinkler,
  prepareModel,
  prepareRecord,
  scorePrepared,
  Vocabulary,
} from './prepared-record.js';
import { jaroWinkler } from './string-similarity.js';

const names = [
  'Шевченко',
  'Shevchenko',
  'Szewczenko',
  'Ševčenko',
  'Popescu',
  'Popesku',
  'Ionuț',
  'Ionut',
  'Ioan',
  'Nguyễn Văn',
  'Nguyen',
  'Adebayo',
  'Adebajo',
  'Михайлович',
  'Mihajlović',
  'Hoxha',
  'Hodža',
  'Olena',
  'Elena',
  'Олена',
  'de la Cruz',
  'O’Neill',
  '',
  '—',
];
const places = ['Odesa', 'Одеса', 'Odessa', 'Iași', 'Iasi', 'Lagos', 'Lagoss', ''];

const aName = fc.option(fc.oneof(fc.constantFrom(...names), fc.string({ maxLength: 6 })), { nil: undefined });
const aBirth = fc.option(
  fc.oneof(
    fc.record(
      {
        year: fc.integer({ min: 1995, max: 2012 }),
        month: fc.integer({ min: 0, max: 13 }),
        day: fc.integer({ min: 0, max: 32 }),
      },
      { requiredKeys: ['year'] },
    ),
    fc.record(
      { aboutAge: fc.integer({ min: -1, max: 40 }), estimatedOn: fc.constantFrom('2024-05-01', 'bad') },
      { requiredKeys: ['aboutAge'] },
    ),
  ),
  { nil: undefined },
);
const aRecord: fc.Arbitrary<PersonRecord> = fc
  .record({
    givenName: aName,
    familyName: aName,
    sex: fc.option(fc.constantFrom('M' as const, 'F' as const), { nil: undefined }),
    birth: aBirth,
    nationality: fc.option(fc.constantFrom('UKR', 'ukr', 'ROU', 'NGA', ''), { nil: undefined }),
    birthPlace: fc.option(fc.constantFrom(...places), { nil: undefined }),
  })
  .map((fields) => {
    const record: PersonRecord = { id: 'r' };
    for (const [key, value] of Object.entries(fields))
      if (value !== undefined) (record as unknown as Record<string, unknown>)[key] = value;
    return record;
  });

function aModel(records: PersonRecord[]): LinkageModel {
  const u = estimateU(records, { sampleSize: 400, random: seededRandom(7), referenceDate: '2025-01-01' });
  const vectors = records.slice(1).map((record, index) => compareRecords(records[index]!, record));
  const { m, lambda } = estimateM(vectors, u, { iterations: 5 });
  return { m, u, lambda, termFrequencies: termFrequencies(records) };
}

const sampleRecords = fc.sample(aRecord, { seed: 42, numRuns: 300 }).map((record, index) => ({
  ...record,
  id: `s${index}`,
}));
const model = aModel(sampleRecords);

describe('prepared records', () => {
  it('compare to the same levels as compareRecords, on random records', () => {
    const vocabulary = new Vocabulary();
    const levels = new Uint8Array(6);
    fc.assert(
      fc.property(aRecord, aRecord, (left, right) => {
        const expected = compareRecords(left, right, { referenceDate: '2025-01-01' });
        const swapped = comparePrepared(
          prepareRecord(left, vocabulary, { referenceDate: '2025-01-01' }),
          prepareRecord(right, vocabulary, { referenceDate: '2025-01-01' }),
          levels,
        );
        expect(levelNames(levels)).toEqual(expected.levels);
        expect(swapped).toBe(expected.swapped);
      }),
      { numRuns: 2000 },
    );
  });

  it('score the same match weight and probability as scorePair, term frequencies included', () => {
    const vocabulary = new Vocabulary();
    const prepared = prepareModel(model, vocabulary);
    fc.assert(
      fc.property(fc.constantFrom(...sampleRecords), aRecord, (left, right) => {
        const expected = scorePair(compareRecords(left, right), model);
        const weight = scorePrepared(
          prepareRecord(left, vocabulary),
          prepareRecord(right, vocabulary),
          prepared,
        );
        expect(weight).toBeCloseTo(expected.matchWeight, 10);
        expect(matchProbability(weight, prepared)).toBeCloseTo(expected.probability, 10);
      }),
      { numRuns: 2000 },
    );
  });

  it('measure Jaro–Winkler exactly as jaroWinkler does', () => {
    const vocabulary = new Vocabulary();
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 12 }),
        fc.string({ minLength: 1, maxLength: 12 }),
        (a, b) => {
          const left = vocabulary.name(a);
          const right = vocabulary.name(b);
          if (left === undefined || right === undefined) return;
          expect(preparedJaroWinkler(left, right)).toBe(jaroWinkler(left.key, right.key));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('estimate u and m as estimateU and estimateM do', () => {
    const vocabulary = new Vocabulary();
    const prepared = sampleRecords.map((record) =>
      prepareRecord(record, vocabulary, { referenceDate: '2025-01-01' }),
    );
    const u = estimateUPrepared(prepared, { sampleSize: 400, random: seededRandom(7) });
    for (const [field, levels] of Object.entries(model.u))
      for (const [level, value] of Object.entries(levels))
        expect((u as Record<string, Record<string, number>>)[field]![level]).toBeCloseTo(value as number, 12);
    const pairLevels = new Uint8Array((sampleRecords.length - 1) * 6);
    const vectors = sampleRecords.slice(1).map((record, index) => {
      comparePrepared(prepared[index]!, prepared[index + 1]!, pairLevels.subarray(index * 6, index * 6 + 6));
      return compareRecords(sampleRecords[index]!, record, { referenceDate: '2025-01-01' });
    });
    const expected = estimateM(vectors, u, { iterations: 5 });
    const estimated = estimateMPrepared(pairLevels, u, { iterations: 5 });
    expect(estimated.lambda).toBeCloseTo(expected.lambda, 10);
    for (const [field, levels] of Object.entries(expected.m))
      for (const [level, value] of Object.entries(levels))
        expect((estimated.m as Record<string, Record<string, number>>)[field]![level]).toBeCloseTo(
          value as number,
          10,
        );
  });
});
