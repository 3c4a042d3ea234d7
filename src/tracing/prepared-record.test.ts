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
  estimateUByNationality,
  estimateUPrepared,
  levelNames,
  matchProbability,
  NamePairLevels,
  PartnerLevels,
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
  'Thị Lan',
  'Thi Huong',
  'Minh Lan',
  'Ana-Maria',
  'Maria',
  'Lan Văn Nguyen',
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

  it('score as scorePair does with names and birthplace weighed by nationality level', () => {
    const vocabulary = new Vocabulary();
    const prepared = sampleRecords.map((record) => prepareRecord(record, vocabulary));
    const uByNationality = estimateUByNationality(prepared, {
      sampleSize: 400,
      random: seededRandom(3),
      overall: model.u,
    });
    const byNationality: LinkageModel = { ...model, uByNationality };
    const preparedModel = prepareModel(byNationality, vocabulary);
    fc.assert(
      fc.property(fc.constantFrom(...sampleRecords), aRecord, (left, right) => {
        const expected = scorePair(compareRecords(left, right), byNationality);
        const weight = scorePrepared(
          prepareRecord(left, vocabulary),
          prepareRecord(right, vocabulary),
          preparedModel,
        );
        expect(weight).toBeCloseTo(expected.matchWeight, 10);
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

describe('estimateUByNationality', () => {
  it('finds names agree more often among compatriots than at random, and less across borders', () => {
    const vocabulary = new Vocabulary();
    const random = seededRandom(11);
    const lists: Record<string, string[]> = {
      UKR: ['Olena', 'Iryna', 'Oksana', 'Tetiana'],
      ROU: ['Ioana', 'Elena', 'Andreea', 'Mihaela'],
      NGA: ['Chioma', 'Ngozi', 'Blessing', 'Adaeze'],
    };
    const records = Array.from({ length: 600 }, (_, index) => {
      const nationality = Object.keys(lists)[index % 3]!;
      const givenName = lists[nationality]![Math.floor(random() * 4)]!;
      return prepareRecord({ id: `n${index}`, givenName, nationality }, vocabulary);
    });
    const overall = estimateUPrepared(records, { sampleSize: 4000, random: seededRandom(1) });
    const { agree, disagree } = estimateUByNationality(records, {
      sampleSize: 4000,
      random: seededRandom(2),
      overall,
    });
    // A quarter of compatriots share a given name, a twelfth of everyone, no one across borders.
    expect(agree.givenName.exact!).toBeGreaterThan(0.2);
    expect(overall.givenName.exact!).toBeLessThan(0.12);
    expect(disagree.givenName.exact!).toBeLessThan(0.01);
  });
});

describe('NamePairLevels', () => {
  it('remembers what a Map would, through growth', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 1, max: 5000 }), fc.integer({ min: 1, max: 5000 }), fc.nat(4)), {
          maxLength: 3000,
        }),
        (entries) => {
          const table = new NamePairLevels();
          const expected = new Map<string, number>();
          for (const [first, second, level] of entries) {
            if (first === second) continue;
            const lower = Math.min(first, second);
            const higher = Math.max(first, second);
            table.set(lower, higher, level);
            expected.set(`${lower}:${higher}`, level);
          }
          expect(table.size).toBe(expected.size);
          for (const [key, level] of expected) {
            const [lower, higher] = key.split(':').map(Number) as [number, number];
            expect(table.get(lower, higher)).toBe(level);
          }
          expect(table.get(5001, 5002)).toBe(-1);
        },
      ),
      { numRuns: 50 },
    );
  });
});

describe('PartnerLevels', () => {
  it('remembers what a Map would, through growth and past its size', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 1, max: 100_000 }), fc.nat(4)), { maxLength: 3000 }),
        (entries) => {
          const table = new PartnerLevels();
          const expected = new Map<number, number>();
          for (const [id, level] of entries) {
            table.set(id, level);
            expected.set(id, level);
          }
          expect(table.size).toBe(expected.size);
          for (const [id, level] of expected) expect(table.get(id)).toBe(level);
          expect(table.get(100_001)).toBe(-1);
        },
      ),
      { numRuns: 50 },
    );
  });

  it('starts afresh when full, and still answers for what it holds', () => {
    const table = new PartnerLevels();
    for (let id = 1; id <= 40_000; id += 1) table.set(id, id % 5);
    expect(table.size).toBeLessThanOrEqual(1 << 15);
    expect(table.get(40_000)).toBe(0);
  });

  it('stops growing when the shared budget is spent, and stays right', () => {
    const budget = { slotsLeft: 64 };
    const tables = [new PartnerLevels(budget), new PartnerLevels(budget)];
    for (let id = 1; id <= 500; id += 1)
      for (const table of tables) {
        table.set(id, id % 5);
        expect(table.get(id)).toBe(id % 5);
      }
    expect(budget.slotsLeft).toBeGreaterThanOrEqual(0);
    for (const table of tables) expect(table.size).toBeLessThanOrEqual(64);
  });
});
