import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldDiacritics, nameOrderVariants, normaliseName, withCommaBelow } from './normalise.js';

const cedillaForComma: Record<string, string> = { ș: 'ş', ț: 'ţ', Ș: 'Ş', Ț: 'Ţ' };
const romanianLetters = fc.constantFrom(
  ...'aăâbcdefghiîjklmnopqrsștțuvwxyzAĂÂBCDEFGHIÎJKLMNOPQRSȘTȚUVWXYZ -'.split(''),
);
const romanianName = fc.array(romanianLetters, { maxLength: 30 }).map((letters) => letters.join(''));

/** Latin letters with diacritics and the letters NFD leaves alone (ß, ø, đ, ł, ı …). */
const latinWithDiacritics = fc
  .integer({ min: 0xc0, max: 0x17f })
  .filter((code) => code !== 0xd7 && code !== 0xf7);
const latinNameWithDiacritics = fc
  .array(fc.oneof(latinWithDiacritics, fc.constantFrom(0x218, 0x219, 0x21a, 0x21b, 0x20, 0x2d, 0x27)), {
    maxLength: 30,
  })
  .map((codes) => String.fromCodePoint(...codes));

const alphabetNameParts = fc.constantFrom(
  ..."abcdefghijklmnopqrstuvwxyzàéîöșțşţßøđłıАБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯабвгдеёжзийклмнопрстуфхцчшщъыьэюяЇїЄєІіҐґЂђЋћЏџΑΒΓΔΣσςωά -'".split(
    '',
  ),
);
const mixedAlphabetName = fc.array(alphabetNameParts, { maxLength: 30 }).map((letters) => letters.join(''));

describe('normaliseName', () => {
  it('lower-cases, folds diacritics and splits on spaces and hyphens', () => {
    expect(normaliseName('  Ana-Maria   POPESCU ').tokens).toEqual(['ana', 'maria', 'popescu']);
    expect(normaliseName('Ștefan Ţăranu').key).toBe('stefan taranu');
    expect(normaliseName('Łukasz Bøgh Straße').key).toBe('lukasz bogh strasse');
  });

  it('removes apostrophes instead of splitting on them', () => {
    expect(normaliseName("O'Neill").key).toBe('oneill');
    expect(normaliseName('D’Angelo').key).toBe('dangelo');
  });

  it('sets particles apart from the name', () => {
    expect(normaliseName('Ludwig van Beethoven')).toMatchObject({
      key: 'ludwig beethoven',
      particles: ['van'],
    });
    expect(normaliseName('Al-Hassan bin Ali')).toMatchObject({ key: 'hassan ali', particles: ['al', 'bin'] });
  });

  it('keeps a particle that is the whole name', () => {
    expect(normaliseName('Van')).toMatchObject({ key: 'van', particles: [] });
    expect(normaliseName('De La')).toMatchObject({ key: 'de la', particles: [] });
  });

  it('transliterates Cyrillic with ICAO 9303', () => {
    expect(normaliseName('Щербакова Юлія')).toMatchObject({ key: 'shcherbakova iuliia', script: 'cyrillic' });
  });

  it('applies compatibility normalisation (NFKC)', () => {
    expect(normaliseName('Ｍａｒｉａ').key).toBe('maria');
    expect(normaliseName('Ĳsbrand').key).toBe('ijsbrand');
  });

  it('gives an empty key for a name with no letters', () => {
    expect(normaliseName(' - ').key).toBe('');
    expect(normaliseName('').tokens).toEqual([]);
  });

  it('never throws on arbitrary Unicode', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        expect(typeof normaliseName(text).key).toBe('string');
      }),
    );
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'grapheme' }), mixedAlphabetName), (text) => {
        const once = normaliseName(text);
        const twice = normaliseName(once.key);
        expect(twice.key).toBe(once.key);
        expect(twice.tokens).toEqual(once.tokens);
      }),
    );
  });

  it('gives the same key for Romanian cedilla and comma-below forms', () => {
    fc.assert(
      fc.property(romanianName, (name) => {
        const withCedilla = name.replace(/[șțȘȚ]/g, (letter) => cedillaForComma[letter]!);
        expect(normaliseName(withCedilla).key).toBe(normaliseName(name).key);
      }),
    );
  });

  it('is case-insensitive', () => {
    fc.assert(
      fc.property(fc.oneof(mixedAlphabetName, romanianName, fc.string({ unit: 'grapheme' })), (name) => {
        expect(normaliseName(name.toUpperCase()).key).toBe(normaliseName(name.toLowerCase()).key);
      }),
    );
  });

  it('folds any Latin name with diacritics to ASCII letters', () => {
    fc.assert(
      fc.property(latinNameWithDiacritics, (name) => {
        expect(normaliseName(name).key).toMatch(/^[a-z ]*$/);
      }),
    );
  });
});

describe('withCommaBelow', () => {
  it('replaces the cedilla forms by the comma-below forms Romanian uses', () => {
    expect(withCommaBelow('Şerban Ţepeş')).toBe('Șerban Țepeș');
  });

  it('leaves the Turkish-looking ç and other cedillas alone', () => {
    expect(withCommaBelow('François')).toBe('François');
  });
});

describe('foldDiacritics', () => {
  it('does not transliterate other scripts', () => {
    expect(foldDiacritics('Ёлка')).toBe('елка');
  });
});

describe('nameOrderVariants', () => {
  it('gives the name in both orders', () => {
    expect(nameOrderVariants('Ana Maria', 'Popescu')).toEqual(['ana maria popescu', 'popescu ana maria']);
  });

  it('gives one key when only one part is known', () => {
    expect(nameOrderVariants('', 'Popescu')).toEqual(['popescu']);
    expect(nameOrderVariants('', '')).toEqual([]);
  });

  it('makes a swapped registration meet the original', () => {
    const [original] = nameOrderVariants('Ionuț', 'Ciobanu');
    expect(nameOrderVariants('Ciobanu', 'Ionut')).toContain(original);
  });
});
