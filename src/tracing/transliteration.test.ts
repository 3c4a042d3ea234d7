import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  latinVariants,
  MAX_LATIN_VARIANTS,
  scriptOf,
  transliterate,
  transliterationSystems,
} from './transliteration.js';

const cyrillicName = fc
  .array(fc.constantFrom(...'абвгґдеєёжзиіїйклмнопрстуфхцчшщъыьэюяђјљњћџ -'.split('')), {
    minLength: 1,
    maxLength: 24,
  })
  .map((letters) => letters.join(''));

describe('transliterate with ICAO 9303', () => {
  it('follows the passport table', () => {
    expect(transliterate('Щербаков Юрий Хабибуллин', 'icao-9303')).toBe('Shcherbakov Iurii Khabibullin');
    expect(transliterate('Объедков Царёв Эдуард', 'icao-9303')).toBe('Obieedkov Tsarev Eduard');
    expect(transliterate('Ковальчук Євгенія Ґудзь', 'icao-9303')).toBe('Kovalchuk Ievgeniia Gudz');
  });

  it('keeps capitals as the source has them', () => {
    expect(transliterate('ЩУКА', 'icao-9303')).toBe('SHCHUKA');
    expect(transliterate('Щука', 'icao-9303')).toBe('Shchuka');
  });

  it('leaves Latin and other characters as they are', () => {
    expect(transliterate('Ana Шевченко-Popa 2', 'icao-9303')).toBe('Ana Shevchenko-Popa 2');
  });

  it('renders a letter missing from the table as its base letter', () => {
    expect(transliterate('ӂ', 'icao-9303')).toBe('zh');
  });
});

describe('transliterate with national systems', () => {
  it('spells Ukrainian word-initial є ї й ю я with y, and зг as zgh (Ukraine 2010)', () => {
    expect(transliterate('Юлія Згурська', 'ukraine-2010')).toBe('Yuliia Zghurska');
    expect(transliterate('Єнакієве Їжакевич Йосипенко', 'ukraine-2010')).toBe(
      'Yenakiieve Yizhakevych Yosypenko',
    );
    expect(transliterate('Гаврилюк', 'ukraine-2010')).toBe('Havryliuk');
  });

  it('drops the Ukrainian apostrophe', () => {
    expect(transliterate('Мар’яна', 'ukraine-2010')).toBe('Mariana');
    expect(transliterate("Знам'янка", 'ukraine-2010')).toBe('Znamianka');
  });

  it('spells Russian е as ye after a vowel and at the start (BGN/PCGN-like)', () => {
    expect(transliterate('Ерёменко Алексеев Юрьевич', 'russia-bgn-pcgn')).toBe(
      'Yeremenko Alekseyev Yuryevich',
    );
    expect(transliterate('Соловьёв', 'russia-bgn-pcgn')).toBe('Solovyov');
  });

  it('spells Bulgarian щ as sht, ъ as a and a final -ия as -ia (2009)', () => {
    expect(transliterate('Щерев Ъглев Мария', 'bulgaria-2009')).toBe('Shterev Aglev Maria');
    expect(transliterate('Христо Юлиян', 'bulgaria-2009')).toBe('Hristo Yuliyan');
  });

  it('uses the Serbian Latin alphabet', () => {
    expect(transliterate('Ђорђевић Џајић Љубица Његош Чедомир Жарко', 'serbia-latin')).toBe(
      'Đorđević Džajić Ljubica Njegoš Čedomir Žarko',
    );
  });

  it('leaves no Cyrillic letter behind in any system', () => {
    fc.assert(
      fc.property(cyrillicName, fc.constantFrom(...transliterationSystems), (name, system) => {
        expect(transliterate(name, system)).not.toMatch(/\p{Script=Cyrillic}/u);
      }),
    );
  });
});

describe('latinVariants', () => {
  it('includes the renderings seen in real records', () => {
    const variants = latinVariants('Хасан Цой');
    expect(variants[0]).toBe('khasan tsoi');
    expect(variants).toEqual(
      expect.arrayContaining(['hasan tsoi', 'hasan tsoy', 'khasan tsoy', 'hasan coi']),
    );
  });

  it('includes the ya/ia and yu/iu spellings', () => {
    expect(latinVariants('Юлия')).toEqual(expect.arrayContaining(['iuliia', 'yuliya', 'yuliia', 'iuliya']));
  });

  it('gives Latin text back in lower case', () => {
    expect(latinVariants('Popescu')).toEqual(['popescu']);
  });

  it('stays bounded and starts with the ICAO form', () => {
    fc.assert(
      fc.property(cyrillicName, (name) => {
        const variants = latinVariants(name);
        expect(variants.length).toBeLessThanOrEqual(MAX_LATIN_VARIANTS);
        expect(variants[0]).toBe(transliterate(name, 'icao-9303').toLowerCase());
        expect(new Set(variants).size).toBe(variants.length);
      }),
    );
  });
});

describe('scriptOf', () => {
  it('names the script of the letters', () => {
    expect(scriptOf('Ștefan')).toBe('latin');
    expect(scriptOf('Шевченко')).toBe('cyrillic');
    expect(scriptOf('Παπαδόπουλος')).toBe('greek');
    expect(scriptOf('حسن')).toBe('arabic');
    expect(scriptOf('山田')).toBe('other');
  });

  it('ignores digits, spaces and punctuation', () => {
    expect(scriptOf("O'Neill-Popa 2")).toBe('latin');
    expect(scriptOf('  -1 ')).toBe('other');
  });

  it('calls a name written in two scripts mixed', () => {
    expect(scriptOf('Ana Шевченко')).toBe('mixed');
    // A Latin "o" slipped into a Cyrillic name, as copy-paste does.
    expect(scriptOf('Шевчenко')).toBe('mixed');
  });
});
