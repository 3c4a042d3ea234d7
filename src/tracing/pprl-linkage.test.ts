import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PersonRecord } from './fellegi-sunter.js';
import { LinkageInputError } from './linkage-file.js';
import { bandPositions, buildBandIndex, collectCandidates, computeBandKeys } from './lsh.js';
import { normaliseName } from './normalise.js';
import { headerFor, parseClk, serialiseClk } from './pprl-file.js';
import {
  encodePersons,
  matchClkFiles,
  pprlEncodingSchema,
  pprlNameTokens,
  romanisationSkeleton,
  yearBandTokens,
} from './pprl-linkage.js';

const secret = new Uint8Array(32).fill(3);
const aRecord: fc.Arbitrary<PersonRecord> = fc.record({
  id: fc.uuid(),
  givenName: fc.constantFrom('Olena', 'Олена', 'Ionuț', 'Nguyễn Văn', 'Adebayo'),
  familyName: fc.constantFrom('Shevchenko', 'Шевченко', 'Szewczenko', 'Popescu', 'Hoxha'),
  sex: fc.constantFrom('M' as const, 'F' as const),
  birth: fc.record({ year: fc.integer({ min: 1980, max: 2010 }), month: fc.integer({ min: 1, max: 12 }) }),
  nationality: fc.constantFrom('UKR', 'ROU'),
});

describe('encodings for palermo pprl', () => {
  it('tokenise a name by its romanisation skeleton, so that standards and habits meet', () => {
    const spellings = [
      ['Yuliia', 'Julija', 'Yuliya', 'Юлія'],
      ['Shevchenko', 'Ševčenko', 'Schewtschenko', 'Шевченко'],
      ['Kharkiv', 'Harkiv', 'Харків'],
      ['Olha', 'Olga', 'Ольга'],
      ['Zhukova', 'Žukova', 'Жукова'],
      ['Tsvetkov', 'Cvetkov', 'Цветков'],
      ['Daria', 'Darya', 'Дарья'],
      ['Ioana', 'Ioanna'],
    ];
    for (const group of spellings) {
      const skeletons = group.map((name) => romanisationSkeleton(normaliseName(name).key));
      expect(new Set(skeletons), group.join(' / ')).toHaveLength(1);
      const tokens = group.map((name) => pprlNameTokens(name, false).join(' '));
      expect(new Set(tokens), group.join(' / ')).toHaveLength(1);
    }
    expect(romanisationSkeleton('olena')).not.toBe(romanisationSkeleton('alina'));
  });

  it('place a birth year and an age estimate in four-year bands, near ones sharing one', () => {
    const bands = (birth: PersonRecord['birth']) => new Set(yearBandTokens(birth));
    const shared = (left: Set<string>, right: Set<string>) =>
      [...left].filter((band) => right.has(band)).length;
    // About 40 on 2025-06-01: born in 1984 or 1985.
    const estimate = bands({ aboutAge: 40, estimatedOn: '2025-06-01' });
    expect(shared(estimate, bands({ year: 1984, month: 3, day: 2 }))).toBeGreaterThan(0);
    expect(shared(estimate, bands({ year: 1955 }))).toBe(0);
    expect(bands({ aboutAge: 40 }).size).toBe(0);
    fc.assert(
      fc.property(fc.integer({ min: 1900, max: 2030 }), (year) => {
        expect(shared(bands({ year }), bands({ year: year + 1 }))).toBeGreaterThan(0);
        expect(shared(bands({ year }), bands({ year: year + 8 }))).toBe(0);
      }),
    );
  });

  it('set the same bits for a name registered as given or as family name', () => {
    const straight: PersonRecord = { id: 'a', givenName: 'Olena', familyName: 'Shevchenko' };
    const swapped: PersonRecord = { id: 'b', givenName: 'Shevchenko', familyName: 'Olena' };
    const schema = { ...pprlEncodingSchema, hardening: 'none' as const };
    expect(encodePersons([straight], schema, secret)).toEqual(encodePersons([swapped], schema, secret));
  });

  it('survive writing and reading a .clk file, and a flipped bit of a balanced encoding is refused', () => {
    const records = fc.sample(aRecord, { seed: 1, numRuns: 20 });
    const encodings = encodePersons(records, pprlEncodingSchema, secret);
    const header = headerFor(pprlEncodingSchema, records.length, secret);
    const bytes = serialiseClk(
      header,
      records.map((record) => record.id),
      encodings,
    );
    const read = parseClk(bytes, 'a.clk');
    expect(read.ids).toEqual(records.map((record) => record.id));
    expect(read.encodings).toEqual(encodings);
    const tampered = Uint8Array.from(bytes);
    tampered[tampered.length - 1]! ^= 1;
    expect(() => parseClk(tampered, 'a.clk')).toThrow(LinkageInputError);
    expect(() => parseClk(tampered, 'a.clk')).toThrow(/a\.clk: record 20 .* is not a balanced encoding/);
  });

  it('find a record again among others through LSH blocking and Dice, with the JavaScript kernel too', async () => {
    const records = fc
      .sample(aRecord, { seed: 2, numRuns: 200 })
      .map((record, index) => ({ ...record, id: `r${index}` }));
    const clk = (side: PersonRecord[]) => ({
      header: headerFor(pprlEncodingSchema, side.length, secret),
      ids: side.map((record) => record.id),
      encodings: encodePersons(side, pprlEncodingSchema, secret),
    });
    const left = clk(records.slice(0, 1));
    const right = clk(records);
    for (const javascriptKernel of [false, true]) {
      const outcome = await matchClkFiles(left, right, { threshold: 0.99, javascriptKernel });
      expect(outcome.matches.map((match) => [match.leftId, match.rightId])).toEqual([['r0', 'r0']]);
    }
  });

  it('meet in a band exactly when the sampled bits agree', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 16 * 3, maxLength: 16 * 3 }), (data) => {
        const positions = bandPositions(128, { bands: 4, bitsPerBand: 6, seed: 9 });
        const keys = new Uint32Array(4 * 3);
        computeBandKeys(data, 16, 3, 0, 3, positions, keys);
        const index = buildBandIndex(keys, 3, 4, 6);
        const found = new Uint32Array(3);
        const query = Uint32Array.from({ length: 4 }, (_, band) => keys[band * 3]!);
        const count = collectCandidates(index, query, new Int32Array(3).fill(-1), 0, found, 3);
        const bit = (record: number, position: number) =>
          (data[record * 16 + (position >>> 3)]! >>> (position & 7)) & 1;
        const expected = [0, 1, 2].filter((record) =>
          positions.some((band) => [...band].every((position) => bit(record, position) === bit(0, position))),
        );
        expect([...found.subarray(0, count)].sort()).toEqual(expected);
      }),
    );
  });
});
