import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jaro, jaroWinkler } from './string-similarity.js';

describe('jaroWinkler', () => {
  it.each([
    ['MARTHA', 'MARHTA', 0.961],
    ['DWAYNE', 'DUANE', 0.84],
    ['DIXON', 'DICKSONX', 0.813],
  ])('scores %s against %s as in Winkler’s examples', (left, right, expected) => {
    expect(jaroWinkler(left, right)).toBeCloseTo(expected, 3);
  });

  it('gives the Jaro score without a prefix bonus at or below 0.7', () => {
    expect(jaroWinkler('abcxyz', 'abzzzz')).toBe(jaro('abcxyz', 'abzzzz'));
  });

  it('scores nothing in common as 0 and two empty names as 1', () => {
    expect(jaroWinkler('abc', 'xyz')).toBe(0);
    expect(jaroWinkler('', 'abc')).toBe(0);
    expect(jaroWinkler('', '')).toBe(1);
  });

  it('counts characters, not UTF-16 units', () => {
    expect(jaroWinkler('𝒜na', '𝒜na')).toBe(1);
    expect(jaroWinkler('𝒜na', 'Ana')).toBeCloseTo(jaroWinkler('Xna', 'Ana'), 10);
  });

  it('gives 1 for equal names', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (name) => {
        expect(jaroWinkler(name, name)).toBe(1);
      }),
    );
  });

  it('is symmetric and stays within 0 and 1', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'grapheme' }), (left, right) => {
        const similarity = jaroWinkler(left, right);
        expect(similarity).toBe(jaroWinkler(right, left));
        expect(similarity).toBeGreaterThanOrEqual(0);
        expect(similarity).toBeLessThanOrEqual(1);
      }),
    );
  });

  it('never scores below Jaro', () => {
    const shortName = fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'd'), maxLength: 8 });
    fc.assert(
      fc.property(shortName, shortName, (left, right) => {
        expect(jaroWinkler(left, right)).toBeGreaterThanOrEqual(jaro(left, right));
      }),
    );
  });
});
