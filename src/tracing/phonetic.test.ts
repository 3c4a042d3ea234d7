import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { daitchMokotoff, hasSharedPhoneticCode, phoneticCodes } from './phonetic.js';

/** Codes worked out by hand from the published rule table, each checked rule by rule. */
const knownCodes: ReadonlyArray<readonly [string, readonly string[]]> = [
  // M 6, o -, s 4, k 5, o -, w 7, i -, tz 4
  ['Moskowitz', ['645740']],
  // au 0 at the start, e -, r 9, b 7, a -, ch 5 or 4
  ['Auerbach', ['097500', '097400']],
  // p 7, e -, t 3, e -, rs 94 or 4
  ['Peters', ['739400', '734000']],
  // sch 4 at the start, m 6, i -, dt 3
  ['Schmidt', ['463000']],
  // j 1 or 4, a -, ck 5 or 45, s 4, o -, n 6
  ['Jackson', ['154600', '145460', '454600', '445460']],
  // sz 4, e -, w 7, cz 4, e -, n 6, k 5, o -
  ['Szewczenko', ['474650']],
];

const latinName = fc
  .array(fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzșțăâî'.split('')), { minLength: 1, maxLength: 20 })
  .map((letters) => letters.join(''));

describe('daitchMokotoff', () => {
  it.each(knownCodes)('codes %s as in the published table', (name, codes) => {
    expect([...daitchMokotoff(name)].sort()).toEqual([...codes].sort());
  });

  it('codes "mn" as 66', () => {
    expect(daitchMokotoff('Kamnik')).toEqual(new Set(['566500']));
  });

  it('codes adjacent letters with the same code once, and again after a vowel', () => {
    expect(daitchMokotoff('Hassan')).toEqual(daitchMokotoff('Hasan'));
    expect(daitchMokotoff('Tata')).toEqual(new Set(['330000']));
  });

  it('branches Romanian ț to t (3) and ts (4)', () => {
    expect(daitchMokotoff('Ionuț')).toEqual(new Set(['163000', '164000']));
    expect(daitchMokotoff('Ionuţ')).toEqual(daitchMokotoff('Ionuț'));
  });

  it('codes Cyrillic through its ICAO transliteration', () => {
    expect(daitchMokotoff('Шевченко')).toEqual(daitchMokotoff('Shevchenko'));
  });

  it('ignores case, spaces and punctuation', () => {
    expect(daitchMokotoff('VAN DAMME')).toEqual(daitchMokotoff('vandamme'));
  });

  it('gives no code for a name without letters', () => {
    expect(daitchMokotoff(' 42 - ').size).toBe(0);
  });

  it('always gives a non-empty set of six-digit codes for a Latin name', () => {
    fc.assert(
      fc.property(latinName, (name) => {
        const codes = daitchMokotoff(name);
        expect(codes.size).toBeGreaterThan(0);
        expect(codes.size).toBeLessThanOrEqual(64);
        for (const code of codes) expect(code).toMatch(/^\d{6}$/);
      }),
    );
  });

  it('never throws on arbitrary Unicode', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        for (const code of daitchMokotoff(text)) expect(code).toMatch(/^\d{6}$/);
      }),
    );
  });
});

describe('phoneticCodes', () => {
  it('codes each name token apart and leaves particles out', () => {
    expect(phoneticCodes('Ludwig van Beethoven')).toEqual(
      new Set([...daitchMokotoff('Ludwig'), ...daitchMokotoff('Beethoven')]),
    );
  });
});

describe('hasSharedPhoneticCode', () => {
  it('finds names that sound alike', () => {
    expect(hasSharedPhoneticCode('Schewtschenko', 'Ševčenko')).toBe(true);
    expect(hasSharedPhoneticCode('Julia', 'Iulia')).toBe(true);
  });

  it('does not find names that sound different', () => {
    expect(hasSharedPhoneticCode('Popescu', 'Moskowitz')).toBe(false);
  });

  it('is symmetric', () => {
    fc.assert(
      fc.property(latinName, latinName, (left, right) => {
        expect(hasSharedPhoneticCode(left, right)).toBe(hasSharedPhoneticCode(right, left));
      }),
    );
  });
});
