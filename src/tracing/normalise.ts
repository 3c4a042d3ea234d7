/**
 * Name normalisation for record linkage: one matching key per name, the same whichever
 * keyboard, script or Romanian comma/cedilla form the registering agency used.
 * The key is for matching only; the name as written is kept and shown elsewhere (UX §3).
 */
import { isCyrillic, type Script, scriptOf, transliterate } from './transliteration.js';

export interface NormalisedName {
  /** Tokens joined by single spaces: the matching key. */
  key: string;
  /** Name tokens without particles, lower case, Latin letters folded to ASCII. */
  tokens: string[];
  /** Particles taken out of the name ("de", "van", "al" …), in order. */
  particles: string[];
  /** Script of the name as written. */
  script: Script;
}

/**
 * Particles that are dropped from the key and kept apart. Only whole tokens count, and only
 * when at least one other token remains, so "Van" alone or "Da Da" stays a name.
 */
export const nameParticles: ReadonlySet<string> = new Set([
  // Romance and Germanic
  'da',
  'das',
  'de',
  'del',
  'della',
  'der',
  'des',
  'di',
  'do',
  'dos',
  'du',
  'la',
  'le',
  'ten',
  'ter',
  'van',
  'von',
  'zu',
  // Arabic and related
  'abu',
  'al',
  'el',
  'bin',
  'ben',
  'ibn',
  'bint',
]);

/** Romanian s and t with cedilla (legacy encodings) and their comma-below forms. */
const commaBelowForCedilla: Readonly<Record<string, string>> = {
  '\u015E': '\u0218', // Ş → Ș
  '\u015F': '\u0219', // ş → ș
  '\u0162': '\u021A', // Ţ → Ț
  '\u0163': '\u021B', // ţ → ț
};

/** Latin letters that NFD does not decompose, with the ASCII spelling used for matching. */
const asciiForLatinLetter: Readonly<Record<string, string>> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ł: 'l',
  ı: 'i',
  ħ: 'h',
  ŧ: 't',
  ĸ: 'k',
  ŋ: 'n',
  ſ: 's',
  ƀ: 'b',
  ƈ: 'c',
  ɗ: 'd',
  ƒ: 'f',
  ɠ: 'g',
  ƙ: 'k',
  ƚ: 'l',
  ɲ: 'n',
  ƥ: 'p',
  ʠ: 'q',
  ƫ: 't',
  ƭ: 't',
  ʈ: 't',
  ʋ: 'v',
  ƴ: 'y',
  ƶ: 'z',
  ȥ: 'z',
  ɖ: 'd',
  ȷ: 'j',
  ɨ: 'i',
  ʉ: 'u',
  ɇ: 'e',
  ɉ: 'j',
  ɍ: 'r',
  ɏ: 'y',
  ȼ: 'c',
  ȿ: 's',
  ɀ: 'z',
  ƃ: 'b',
  ƌ: 'd',
  ȡ: 'd',
  ȴ: 'l',
  ȵ: 'n',
  ȶ: 't',
  ƣ: 'oi',
  ȣ: 'ou',
  ƕ: 'hv',
  ƿ: 'w',
  ȝ: 'y',
  ǝ: 'e',
  ɛ: 'e',
  ɔ: 'o',
  ƨ: 's',
  ƽ: 's',
  ƅ: 'b',
  ɂ: '',
  ƍ: 'd',
  ƛ: 'l',
  ƪ: 'sh',
  ƺ: 'zh',
  ʒ: 'zh',
  ƹ: 'zh',
  ƾ: 'ts',
  ʔ: '',
  ɓ: 'b',
  ɩ: 'i',
  ɣ: 'g',
  ƞ: 'n',
  ɯ: 'm',
  ɵ: 'o',
  ʊ: 'u',
  ʃ: 'sh',
  ə: 'a',
  ǥ: 'g',
  ⱥ: 'a',
  ⱦ: 't',
  ɋ: 'q',
  ʀ: 'r',
  ȸ: 'db',
  ȹ: 'qp',
};

/** Characters removed without a trace: apostrophes and the Catalan middle dot ("O'Neill", "l·l"). */
const joiningCharacters = /['’‘ʼʻ`´′·‧]/gu;
/** Combining marks that follow a letter of a script whose marks are diacritics. */
const foldableMark =
  /(?<=[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}\p{Script=Arabic}\p{Script=Hebrew}]\p{M}*)\p{M}/gu;
const separators = /[^\p{L}\p{N}\p{M}]+/u;

/** Replace Romanian cedilla forms (ş ţ) by the comma-below forms (ș ț), as on save and search. */
export function withCommaBelow(text: string): string {
  return text.replace(/[\u015E\u015F\u0162\u0163]/g, (cedilla) => commaBelowForCedilla[cedilla]!);
}

/**
 * Case-insensitive form: upper then lower case, so letters whose capital is two letters
 * (ß → SS, ᾀ → ἈΙ) or whose small form has variants (ᲀ, final ς) meet their capitals.
 */
function caseFold(text: string): string {
  return text.toUpperCase().toLowerCase().replace(/ς/gu, 'σ');
}

/** Lower case, Latin diacritics folded to ASCII, other scripts' marks stripped. No transliteration. */
export function foldDiacritics(text: string): string {
  const decomposed = caseFold(withCommaBelow(text)).normalize('NFD').replace(foldableMark, '');
  let folded = '';
  for (const character of decomposed) folded += asciiForLatinLetter[character] ?? character;
  return folded.normalize('NFC');
}

function transliterateCyrillic(text: string): string {
  return Array.from(text).some(isCyrillic) ? transliterate(text, 'icao-9303') : text;
}

function matchingTokens(text: string): string[] {
  const compatible = caseFold(withCommaBelow(text.normalize('NFKC')));
  const latin = transliterateCyrillic(compatible);
  const folded = caseFold(foldDiacritics(latin).normalize('NFKC'));
  return folded
    .replace(joiningCharacters, '')
    .split(separators)
    .map((token) => token.replace(/^\p{M}+/u, ''))
    .filter((token) => token !== '');
}

/**
 * The matching form of a name: NFKC; Romanian cedilla forms to comma-below; lower case;
 * Cyrillic transliterated with ICAO 9303; Latin diacritics folded to ASCII; apostrophes
 * removed; whitespace, hyphens and punctuation split tokens; particles set apart.
 * Never throws. `normaliseName(normaliseName(x).key).key === normaliseName(x).key`.
 */
export function normaliseName(text: string): NormalisedName {
  const allTokens = matchingTokens(text);
  const nameTokens = allTokens.filter((token) => !nameParticles.has(token));
  const keepAll = nameTokens.length === 0;
  const tokens = keepAll ? allTokens : nameTokens;
  const particles = keepAll ? [] : allTokens.filter((token) => nameParticles.has(token));
  return { key: tokens.join(' '), tokens, particles, script: scriptOf(text) };
}

/** The matching keys of a person's name in both orders: "given family" and "family given". */
export function nameOrderVariants(given: string, family: string): string[] {
  const givenTokens = normaliseName(given).tokens;
  const familyTokens = normaliseName(family).tokens;
  const keys = [
    [...givenTokens, ...familyTokens].join(' '),
    [...familyTokens, ...givenTokens].join(' '),
  ].filter((key) => key !== '');
  return [...new Set(keys)];
}
