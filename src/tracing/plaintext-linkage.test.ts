import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PersonRecord } from './fellegi-sunter.js';
import { blockPairs, linkPersonRecords, preparedBlockingKeys } from './plaintext-linkage.js';
import { prepareRecord, Vocabulary } from './prepared-record.js';

const referenceDate = '2025-06-01';

function aPerson(overrides: Partial<PersonRecord> = {}): PersonRecord {
  return {
    id: 'p',
    givenName: 'Olena',
    familyName: 'Shevchenko',
    sex: 'F',
    birth: { year: 2006, month: 4, day: 12 },
    nationality: 'UKR',
    birthPlace: 'Kharkiv',
    ...overrides,
  };
}

const meet = (left: PersonRecord, right: PersonRecord) => {
  const vocabulary = new Vocabulary();
  const keysOf = (record: PersonRecord) =>
    new Set(preparedBlockingKeys(prepareRecord(record, vocabulary, { referenceDate })));
  const rightKeys = keysOf(right);
  return [...keysOf(left)].some((key) => rightKeys.has(key));
};

describe('preparedBlockingKeys', () => {
  it('lets an age estimate meet the dated records it is compatible with, and only those', () => {
    // Aged about 19 on the reference date: born 2004–2008 within the default tolerance.
    const estimate = aPerson({ birth: { aboutAge: 19 }, sex: undefined, familyName: 'Shewczenko' });
    expect(meet(estimate, aPerson({ givenName: 'Olena', familyName: 'Kovalenko' }))).toBe(true);
    expect(
      meet(estimate, aPerson({ givenName: 'Olena', familyName: 'Kovalenko', birth: { year: 1990 } })),
    ).toBe(false);
  });

  it('lets records with typos in both names meet on the full date, day and month either way', () => {
    const typos = { givenName: 'Pvael', familyName: 'Sosov', sex: undefined };
    expect(meet(aPerson({ givenName: 'Pavel', familyName: 'Slosov' }), aPerson(typos))).toBe(true);
    expect(
      meet(
        aPerson({ givenName: 'Pavel', familyName: 'Slosov' }),
        aPerson({ ...typos, birth: { year: 2006, month: 12, day: 4 } }),
      ),
    ).toBe(true);
  });

  it('gives every record that shares a full date a shared key (any names)', () => {
    const name = fc.string({ minLength: 1, maxLength: 8 });
    const date = fc.record({
      year: fc.integer({ min: 1950, max: 2020 }),
      month: fc.integer({ min: 1, max: 12 }),
      day: fc.integer({ min: 1, max: 28 }),
    });
    fc.assert(
      fc.property(name, name, name, name, date, (given, family, otherGiven, otherFamily, birth) => {
        expect(
          meet(
            { id: 'l', givenName: given, familyName: family, birth },
            { id: 'r', givenName: otherGiven, familyName: otherFamily, birth },
          ),
        ).toBe(true);
      }),
    );
  });
});

describe('blockPairs', () => {
  it('lists each candidate pair once', () => {
    const vocabulary = new Vocabulary();
    const records = [
      aPerson({ id: 'a' }),
      aPerson({ id: 'b', givenName: 'Olga' }),
      aPerson({ id: 'c', birth: { aboutAge: 19 } }),
    ].map((record) => prepareRecord(record, vocabulary, { referenceDate }));
    const pairs = blockPairs(records, records);
    const seen = new Set<string>();
    for (let pair = 0; pair < pairs.count; pair += 1) {
      const key = `${pairs.left[pair]}:${pairs.right[pair]}`;
      expect(seen.has(key)).toBe(false);
      seen.add(key);
    }
    expect(seen.has('0:0')).toBe(true);
    expect(seen.has('2:0')).toBe(true);
  });
});

describe('linkPersonRecords', () => {
  it('does not take a stranger of the same name born years apart for the same compatriot', async () => {
    // Two of the commonest names of one country on both sides: the same name says little among
    // compatriots, and dates decades apart say they are different people.
    const left: PersonRecord[] = [];
    const right: PersonRecord[] = [];
    const given = ['Olena', 'Iryna', 'Oksana', 'Tetiana', 'Yulia', 'Natalia'];
    const family = ['Shevchenko', 'Kovalenko', 'Bondarenko', 'Tkachenko', 'Kravchenko', 'Melnyk'];
    for (let index = 0; index < 240; index += 1) {
      const person = aPerson({
        id: `l${index}`,
        givenName: given[index % 6]!,
        familyName: family[Math.floor(index / 6) % 6]!,
        birth: { year: 1970 + (index % 37), month: 1 + (index % 12), day: 1 + (index % 28) },
      });
      left.push(person);
      if (index % 2 === 0) right.push({ ...person, id: `r${index}` });
    }
    right.push(
      aPerson({ id: 'stranger', givenName: 'Olena', familyName: 'Shevchenko', birth: { year: 1951 } }),
    );
    const outcome = await linkPersonRecords(left, right, { threshold: 0.9, referenceDate });
    expect(outcome.matches.some((match) => match.rightId === 'stranger')).toBe(false);
    expect(outcome.matches.filter((match) => match.leftId.slice(1) === match.rightId.slice(1)).length).toBe(
      120,
    );
  });
});
