import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type AgeEstimate,
  type BirthDateAgreement,
  type BirthDateEvidence,
  compareBirthDates,
  type PartialDate,
  parsePartialDate,
} from './dates.js';

function aBirthDate(overrides: Partial<PartialDate> = {}): PartialDate {
  return { year: 2008, month: 3, day: 27, ...overrides };
}

function anAgeEstimate(overrides: Partial<AgeEstimate> = {}): AgeEstimate {
  return { aboutAge: 16, estimatedOn: '2024-09-14', ...overrides };
}

const anyPartialDate: fc.Arbitrary<PartialDate> = fc.oneof(
  fc.record({ year: fc.integer({ min: 1950, max: 2025 }) }),
  fc.record({ year: fc.integer({ min: 1950, max: 2025 }), month: fc.integer({ min: 1, max: 12 }) }),
  fc.record({
    year: fc.integer({ min: 1950, max: 2025 }),
    month: fc.integer({ min: 1, max: 12 }),
    day: fc.integer({ min: 1, max: 28 }),
  }),
);
const anyAgeEstimate: fc.Arbitrary<AgeEstimate> = fc.record({
  aboutAge: fc.integer({ min: 0, max: 80 }),
  estimatedOn: fc.constantFrom('2019-05-20', '2024-09-14', '2026-01-02'),
});
const anyEvidence: fc.Arbitrary<BirthDateEvidence | undefined> = fc.oneof(
  anyPartialDate,
  anyAgeEstimate,
  fc.constant(undefined),
);

describe('compareBirthDates', () => {
  it('calls full dates a year or less apart with another day and month different', () => {
    const fullDate = fc.record({
      year: fc.integer({ min: 1950, max: 2025 }),
      month: fc.integer({ min: 1, max: 12 }),
      day: fc.integer({ min: 1, max: 28 }),
    });
    fc.assert(
      fc.property(fullDate, fullDate, fc.integer({ min: -1, max: 1 }), (left, other, yearsApart) => {
        const right = { ...other, year: left.year + yearsApart };
        const swapped = left.day === right.month && left.month === right.day;
        fc.pre(left.month !== right.month && left.day !== right.day && !swapped);
        expect(compareBirthDates(left, right)).toBe('different');
      }),
    );
  });

  it.each<[string, BirthDateEvidence | undefined, BirthDateEvidence | undefined, BirthDateAgreement]>([
    ['the same full date', aBirthDate(), aBirthDate(), 'exact'],
    [
      'day and month written the other way round',
      aBirthDate({ day: 3, month: 12 }),
      aBirthDate({ day: 12, month: 3 }),
      'day_month_swapped',
    ],
    ['the same month, another day', aBirthDate(), aBirthDate({ day: 28 }), 'same_year_month'],
    ['month and year against a full date', { year: 2008, month: 3 }, aBirthDate(), 'same_year_month'],
    ['year only against a full date', { year: 2008 }, aBirthDate(), 'same_year'],
    ['the same year, another month', aBirthDate(), aBirthDate({ month: 5 }), 'same_year'],
    ['the same year, another month and day', aBirthDate(), aBirthDate({ month: 5, day: 28 }), 'different'],
    ['a year apart', aBirthDate(), aBirthDate({ year: 2009 }), 'year_off_by_one'],
    [
      'a year apart, another month and day',
      aBirthDate(),
      aBirthDate({ year: 2009, month: 5, day: 28 }),
      'different',
    ],
    [
      'a year apart, day and month swapped',
      aBirthDate({ day: 3, month: 12 }),
      aBirthDate({ year: 2009, day: 12, month: 3 }),
      'year_off_by_one',
    ],
    ['a year apart, year only', { year: 2007 }, { year: 2008 }, 'year_off_by_one'],
    ['two years apart', aBirthDate(), aBirthDate({ year: 2010 }), 'different'],
    ['nothing recorded on one side', aBirthDate(), undefined, 'missing'],
    ['a day without a month', { year: 2008, day: 27 }, aBirthDate(), 'missing'],
  ])('compares %s', (_situation, left, right, agreement) => {
    expect(compareBirthDates(left, right)).toBe(agreement);
  });

  it('finds "about 16" in 2024 consistent with a birth in 2008', () => {
    expect(compareBirthDates(anAgeEstimate(), aBirthDate())).toBe('within_age_estimate');
  });

  it('allows two years either side of an estimated age unless told otherwise', () => {
    expect(compareBirthDates(anAgeEstimate(), aBirthDate({ year: 2005 }))).toBe('within_age_estimate');
    expect(compareBirthDates(anAgeEstimate(), aBirthDate({ year: 2004 }))).toBe('different');
    expect(compareBirthDates(anAgeEstimate({ toleranceYears: 0 }), aBirthDate({ year: 2007 }))).toBe(
      'within_age_estimate',
    );
    expect(compareBirthDates(anAgeEstimate({ toleranceYears: 0 }), aBirthDate({ year: 2006 }))).toBe(
      'different',
    );
  });

  it('places an estimate without its own date at the reference date', () => {
    const estimate = anAgeEstimate({ estimatedOn: undefined });
    expect(compareBirthDates(estimate, aBirthDate(), { referenceDate: '2024-09-14' })).toBe(
      'within_age_estimate',
    );
    expect(compareBirthDates(estimate, aBirthDate(), { referenceDate: '2034-09-14' })).toBe('different');
    expect(compareBirthDates(estimate, aBirthDate())).toBe('missing');
  });

  it('compares two estimates by the birth years they allow', () => {
    expect(
      compareBirthDates(anAgeEstimate(), anAgeEstimate({ aboutAge: 18, estimatedOn: '2026-01-02' })),
    ).toBe('within_age_estimate');
    expect(compareBirthDates(anAgeEstimate(), anAgeEstimate({ aboutAge: 40 }))).toBe('different');
  });

  it('gives the same answer whichever record comes first', () => {
    fc.assert(
      fc.property(anyEvidence, anyEvidence, (left, right) => {
        expect(compareBirthDates(left, right)).toBe(compareBirthDates(right, left));
      }),
    );
  });

  it('calls a full date exact only against the same date', () => {
    fc.assert(
      fc.property(anyPartialDate, anyPartialDate, (left, right) => {
        const exact = compareBirthDates(left, right) === 'exact';
        const sameFullDate =
          left.day !== undefined &&
          left.year === right.year &&
          left.month === right.month &&
          left.day === right.day;
        expect(exact).toBe(sameFullDate);
      }),
    );
  });

  it('never calls dates more than a year apart anything but different', () => {
    fc.assert(
      fc.property(anyPartialDate, anyPartialDate, (left, right) => {
        fc.pre(Math.abs(left.year - right.year) > 1);
        expect(compareBirthDates(left, right)).toBe('different');
      }),
    );
  });
});

describe('parsePartialDate', () => {
  it('reads full, month-and-year and year-only dates', () => {
    expect(parsePartialDate('2008-03-27')).toEqual({ year: 2008, month: 3, day: 27 });
    expect(parsePartialDate('2008-03')).toEqual({ year: 2008, month: 3 });
    expect(parsePartialDate('2008')).toEqual({ year: 2008 });
  });

  it('refuses what is not a date', () => {
    expect(parsePartialDate('2008-13-01')).toBeUndefined();
    expect(parsePartialDate('27.03.2008')).toBeUndefined();
    expect(parsePartialDate('')).toBeUndefined();
  });
});
