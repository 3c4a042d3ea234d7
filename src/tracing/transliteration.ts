/**
 * Script detection and Cyrillic-to-Latin transliteration for record linkage.
 *
 * The tables are written from the published standards (ICAO Doc 9303 Part 3, Ukraine's 2010
 * Cabinet resolution no. 55, Bulgaria's 2009 Transliteration Act, the Serbian Latin alphabet)
 * and from spellings that turn up in real registrations (BGN/PCGN-like Russian, "h" for х, "c"
 * for ц). Every table takes lower-case Cyrillic; case is restored afterwards.
 */

export type Script = 'latin' | 'cyrillic' | 'greek' | 'arabic' | 'other' | 'mixed';

export type TransliterationSystem =
  /** ICAO Doc 9303 (machine-readable travel documents); also Russia's passports since 2013. */
  | 'icao-9303'
  /** Ukraine, Cabinet of Ministers resolution no. 55 of 27 January 2010. */
  | 'ukraine-2010'
  /** Russia, BGN/PCGN-like spelling without diacritics, common in older records. */
  | 'russia-bgn-pcgn'
  /** Bulgaria, Streamlined System (Transliteration Act 2009). */
  | 'bulgaria-2009'
  /** Serbia, the Serbian Latin alphabet (gajica). */
  | 'serbia-latin';

export const transliterationSystems: readonly TransliterationSystem[] = [
  'icao-9303',
  'ukraine-2010',
  'russia-bgn-pcgn',
  'bulgaria-2009',
  'serbia-latin',
];

/** The most Latin renderings `latinVariants` returns for one text. */
export const MAX_LATIN_VARIANTS = 32;

type LetterTable = Readonly<Record<string, string>>;

const icao9303: LetterTable = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  д: 'd',
  е: 'e',
  ё: 'e',
  ж: 'zh',
  з: 'z',
  и: 'i',
  й: 'i',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'kh',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'shch',
  ъ: 'ie',
  ы: 'y',
  ь: '',
  э: 'e',
  ю: 'iu',
  я: 'ia',
  ѐ: 'e',
  ђ: 'd',
  ѓ: 'g',
  є: 'ie',
  ѕ: 'dz',
  і: 'i',
  ї: 'i',
  ј: 'j',
  љ: 'lj',
  њ: 'nj',
  ћ: 'c',
  ќ: 'k',
  ѝ: 'i',
  ў: 'u',
  џ: 'dz',
  ґ: 'g',
};

/** Ukraine 2010: г→h, и→y; є ї й ю я are ie i i iu ia, but ye yi y yu ya at the start of a word. */
const ukraine2010: LetterTable = { ...icao9303, г: 'h', и: 'y' };
const ukraine2010WordStart: LetterTable = { є: 'ye', ї: 'yi', й: 'y', ю: 'yu', я: 'ya' };

/** Russian BGN/PCGN-like; е and ё take the "y" forms at the start of a word and after a vowel, ъ or ь. */
const russiaBgnPcgn: LetterTable = {
  ...icao9303,
  е: 'e',
  ё: 'e',
  й: 'y',
  ъ: '',
  ь: '',
  ю: 'yu',
  я: 'ya',
};
const russiaBgnPcgnAfterVowel: LetterTable = { е: 'ye', ё: 'yo' };

const bulgaria2009: LetterTable = {
  ...icao9303,
  й: 'y',
  х: 'h',
  щ: 'sht',
  ъ: 'a',
  ь: 'y',
  ю: 'yu',
  я: 'ya',
};

const serbiaLatin: LetterTable = {
  ...icao9303,
  ђ: 'đ',
  ж: 'ž',
  ј: 'j',
  љ: 'lj',
  њ: 'nj',
  ћ: 'ć',
  х: 'h',
  ц: 'c',
  ч: 'č',
  џ: 'dž',
  ш: 'š',
};

/** Informal renderings seen in real records, used only to widen `latinVariants`. */
const informalAlternatives: Readonly<Record<string, readonly string[]>> = {
  г: ['g', 'h'],
  е: ['e', 'ye'],
  ё: ['e', 'yo', 'io'],
  ж: ['zh', 'j'],
  и: ['i', 'y'],
  й: ['i', 'y', 'j'],
  х: ['kh', 'h'],
  ц: ['ts', 'c', 'tz'],
  щ: ['shch', 'sch'],
  ы: ['y', 'i'],
  ю: ['iu', 'yu', 'ju'],
  я: ['ia', 'ya', 'ja'],
  є: ['ie', 'ye'],
  ї: ['i', 'yi'],
};

const cyrillicVowels = new Set('аеёиоуыэюяєіїѐѝў');
const apostrophes = new Set(["'", '’', 'ʼ', '‘', '`']);

const letterPattern = /\p{L}/u;
const scriptPatterns: ReadonlyArray<readonly [Exclude<Script, 'other' | 'mixed'>, RegExp]> = [
  ['latin', /\p{Script=Latin}/u],
  ['cyrillic', /\p{Script=Cyrillic}/u],
  ['greek', /\p{Script=Greek}/u],
  ['arabic', /\p{Script=Arabic}/u],
];

/** The script of the letters in `text`; 'other' when it has no letters or only letters of other scripts. */
export function scriptOf(text: string): Script {
  const found = new Set<Script>();
  for (const character of text) {
    if (!letterPattern.test(character)) continue;
    const known = scriptPatterns.find(([, pattern]) => pattern.test(character));
    found.add(known ? known[0] : 'other');
  }
  if (found.size === 0) return 'other';
  if (found.size > 1) return 'mixed';
  return [...found][0]!;
}

export function isCyrillic(character: string): boolean {
  return /\p{Script=Cyrillic}/u.test(character);
}

function isLetter(character: string | undefined): boolean {
  return character !== undefined && letterPattern.test(character);
}

function restoreCase(latin: string, source: string, next: string | undefined, previous: string | undefined) {
  if (latin === '' || source === source.toLowerCase()) return latin;
  const neighbourIsUpper =
    (isLetter(next) && next !== next!.toLowerCase()) ||
    (!isLetter(next) && isLetter(previous) && previous !== previous!.toLowerCase());
  if (neighbourIsUpper) return latin.toUpperCase();
  return latin.charAt(0).toUpperCase() + latin.slice(1);
}

function latinForLetter(
  letter: string,
  system: TransliterationSystem,
  previous: string | undefined,
  atWordStart: boolean,
  atWordEnd: boolean,
): string | undefined {
  switch (system) {
    case 'icao-9303':
      return icao9303[letter];
    case 'ukraine-2010':
      if (letter === 'г' && previous === 'з') return 'gh';
      if (atWordStart && ukraine2010WordStart[letter] !== undefined) return ukraine2010WordStart[letter];
      return ukraine2010[letter];
    case 'russia-bgn-pcgn':
      if (
        russiaBgnPcgnAfterVowel[letter] !== undefined &&
        (atWordStart || (previous !== undefined && (cyrillicVowels.has(previous) || 'ъь'.includes(previous))))
      ) {
        return russiaBgnPcgnAfterVowel[letter];
      }
      return russiaBgnPcgn[letter];
    case 'bulgaria-2009':
      // The Act spells a word-final -ия as -ia.
      if (letter === 'я' && atWordEnd && previous === 'и') return 'a';
      return bulgaria2009[letter];
    case 'serbia-latin':
      return serbiaLatin[letter];
  }
}

/**
 * Transliterate the Cyrillic letters of `text` with one named system. Other characters pass
 * through unchanged, and case follows the source ("Щука" → "Shchuka", "ЩУКА" → "SHCHUKA").
 */
export function transliterate(text: string, system: TransliterationSystem): string {
  const characters = Array.from(text.normalize('NFC'));
  let latin = '';
  for (let index = 0; index < characters.length; index += 1) {
    const source = characters[index]!;
    const letter = source.toLowerCase();
    if (!isCyrillic(source)) {
      if (system === 'ukraine-2010' && apostrophes.has(source) && isCyrillic(characters[index + 1] ?? ''))
        continue;
      latin += source;
      continue;
    }
    const previousSource = characters[index - 1];
    const previous = previousSource?.toLowerCase();
    const next = characters[index + 1];
    const afterApostrophe = apostrophes.has(previousSource ?? '') && isLetter(characters[index - 2]);
    const atWordStart = !isLetter(previousSource) && !afterApostrophe;
    const atWordEnd = !isLetter(next);
    // A letter outside the table (ӂ, ӝ …) is rendered as its base letter (ж, ж …).
    const baseLetter = letter.normalize('NFD').charAt(0);
    const rendered =
      latinForLetter(letter, system, previous, atWordStart, atWordEnd) ??
      latinForLetter(baseLetter, system, previous, atWordStart, atWordEnd);
    latin += rendered === undefined ? source : restoreCase(rendered, source, next, previousSource);
  }
  return latin;
}

function informalRenderings(text: string, limit: number): string[] {
  let renderings = [''];
  for (const source of Array.from(text.normalize('NFC').toLowerCase())) {
    const alternatives = informalAlternatives[source] ?? [icao9303[source] ?? source];
    const extended: string[] = [];
    for (const rendering of renderings) {
      for (const alternative of alternatives) {
        if (extended.length < limit) extended.push(rendering + alternative);
      }
    }
    renderings = extended;
  }
  return renderings;
}

/**
 * Plausible Latin renderings of `text`: one per named system, then informal spellings, at most
 * `MAX_LATIN_VARIANTS`, all lower case. The ICAO form always comes first. Text without Cyrillic
 * gives just itself in lower case.
 */
export function latinVariants(text: string): string[] {
  const variants = new Set<string>();
  for (const system of transliterationSystems) variants.add(transliterate(text, system).toLowerCase());
  if (!Array.from(text).some(isCyrillic)) return [...variants];
  for (const rendering of informalRenderings(text, MAX_LATIN_VARIANTS)) {
    if (variants.size >= MAX_LATIN_VARIANTS) break;
    variants.add(rendering);
  }
  return [...variants];
}
