/**
 * Daitch–Mokotoff soundex: six-digit codes that survive the spelling drift of Slavic,
 * Germanic, Yiddish and Romanian names across alphabets ("Szewczenko", "Schewtschenko",
 * "Shevchenko"). Ambiguous letter groups (ch, ck, c, j, rz, rs) branch, so a name has a set
 * of codes; two names plausibly sound alike when their sets meet.
 *
 * Written from the published rule table (Gary Mokotoff, 1985; Avotaynu). Our one addition:
 * Romanian ț (t with comma or cedilla) branches to 3 and 4, because it sounds "ts".
 */
import { foldDiacritics, normaliseName } from './normalise.js';
import { isCyrillic, transliterate } from './transliteration.js';

/** One rule: the codes at the start of a name, before a vowel, and anywhere else. '' = not coded. */
interface CodingRule {
  pattern: string;
  atStart: readonly string[];
  beforeVowel: readonly string[];
  otherwise: readonly string[];
}

/**
 * One rule per `|` or line: pattern, then the codes at the start, before a vowel (a e i o u) and
 * otherwise. `x/y` branches into alternatives; `-` means not coded.
 */
const ruleTable = `
schtsch 2 4 4|schtsh 2 4 4|schtch 2 4 4|shtch 2 4 4|shtsh 2 4 4|shch 2 4 4|stsch 2 4 4
ttsch 4 4 4|zhdzh 2 4 4|strz 2 4 4|strs 2 4 4|stsh 2 4 4|stch 2 4 4|szcz 2 4 4|szcs 2 4 4
schd 2 43 43|scht 2 43 43|tsch 4 4 4|ttch 4 4 4|ttsz 4 4 4|zdzh 2 4 4|zsch 4 4 4
sch 4 4 4|sht 2 43 43|szt 2 43 43|shd 2 43 43|szd 2 43 43|chs 5 54 54|csz 4 4 4|czs 4 4 4
drz 4 4 4|drs 4 4 4|dsh 4 4 4|dsz 4 4 4|dzh 4 4 4|dzs 4 4 4|tch 4 4 4|trz 4 4 4|trs 4 4 4
tsh 4 4 4|tts 4 4 4|ttz 4 4 4|tzs 4 4 4|tsz 4 4 4|zdz 2 4 4|zhd 2 43 43|zsh 4 4 4
ai 0 1 -|aj 0 1 -|ay 0 1 -|au 0 7 -|ch 5/4 5/4 5/4|ck 5/45 5/45 5/45|cz 4 4 4|cs 4 4 4
ds 4 4 4|dz 4 4 4|dt 3 3 3|ei 0 1 -|ej 0 1 -|ey 0 1 -|eu 1 1 -|fb 7 7 7|ia 1 - -|ie 1 - -
io 1 - -|iu 1 - -|ks 5 54 54|kh 5 5 5|mn 66 66 66|nm 66 66 66|oi 0 1 -|oj 0 1 -|oy 0 1 -
pf 7 7 7|ph 7 7 7|rz 94/4 94/4 94/4|rs 94/4 94/4 94/4|sh 4 4 4|sc 2 4 4|st 2 43 43
sz 4 4 4|sd 2 43 43|th 3 3 3|ts 4 4 4|tc 4 4 4|tz 4 4 4|ui 0 1 -|uj 0 1 -|uy 0 1 -
ue 0 - -|zd 2 43 43|zh 4 4 4|zs 4 4 4
a 0 - -|b 7 7 7|c 5/4 5/4 5/4|d 3 3 3|e 0 - -|f 7 7 7|g 5 5 5|h 5 5 -|i 0 - -|j 1/4 1/4 1/4
k 5 5 5|l 8 8 8|m 6 6 6|n 6 6 6|o 0 - -|p 7 7 7|q 5 5 5|r 9 9 9|s 4 4 4|t 3 3 3|u 0 - -
v 7 7 7|w 7 7 7|x 5 54 54|y 1 - -|z 4 4 4|ț 3/4 3/4 3/4`;

function parseCodes(column: string): string[] {
  return column.split('/').map((code) => (code === '-' ? '' : code));
}

/** Rules grouped by first letter, longest pattern first. */
const rulesByFirstLetter: ReadonlyMap<string, readonly CodingRule[]> = (() => {
  const rules = ruleTable
    .split(/[|\n]/)
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .map((line): CodingRule => {
      const [pattern, atStart, beforeVowel, otherwise] = line.split(' ') as [string, string, string, string];
      return {
        pattern,
        atStart: parseCodes(atStart),
        beforeVowel: parseCodes(beforeVowel),
        otherwise: parseCodes(otherwise),
      };
    });
  const grouped = new Map<string, CodingRule[]>();
  for (const rule of rules) {
    const first = rule.pattern.charAt(0);
    grouped.set(first, [...(grouped.get(first) ?? []), rule]);
  }
  for (const group of grouped.values())
    group.sort((left, right) => right.pattern.length - left.pattern.length);
  return grouped;
})();

const vowels = new Set(['a', 'e', 'i', 'o', 'u']);
const CODE_LENGTH = 6;
/** Branching doubles the codes; a pathological name could otherwise explode. */
const MAX_BRANCHES = 64;

interface Branch {
  digits: string;
  lastCode: string;
}

const tMark = '\uE000';

/** The letters D–M codes: a–z plus ț, from any text (Cyrillic through ICAO 9303). */
function codingLetters(text: string): string {
  const latin = Array.from(text).some(isCyrillic) ? transliterate(text, 'icao-9303') : text;
  // Folding would turn ț into t, so it is set aside under a private-use mark first.
  const marked = latin
    .normalize('NFC')
    .replaceAll(tMark, '')
    .replace(/[țţȚŢ]/gu, tMark);
  return foldDiacritics(marked)
    .replaceAll(tMark, 'ț')
    .replace(/[^a-zț]/gu, '');
}

function findRule(letters: string, position: number): CodingRule | undefined {
  const candidates = rulesByFirstLetter.get(letters.charAt(position)) ?? [];
  return candidates.find((rule) => letters.startsWith(rule.pattern, position));
}

/**
 * The Daitch–Mokotoff codes of one name, as a set of six-digit strings. Spaces and other
 * non-letters are ignored, so "Van Damme" is coded as "Vandamme". A name with no codable
 * letter gives the empty set.
 */
export function daitchMokotoff(name: string): Set<string> {
  const letters = codingLetters(name);
  if (letters === '') return new Set();
  let branches: Branch[] = [{ digits: '', lastCode: '' }];
  let position = 0;
  while (position < letters.length) {
    const rule = findRule(letters, position);
    if (rule === undefined) {
      position += 1;
      continue;
    }
    const after = letters.charAt(position + rule.pattern.length);
    const codes = position === 0 ? rule.atStart : vowels.has(after) ? rule.beforeVowel : rule.otherwise;
    const next: Branch[] = [];
    for (const branch of branches) {
      for (const code of codes) {
        const append = code !== '' && code !== branch.lastCode;
        const digits = append ? (branch.digits + code).slice(0, CODE_LENGTH) : branch.digits;
        next.push({ digits, lastCode: code });
      }
    }
    branches = deduplicate(next).slice(0, MAX_BRANCHES);
    position += rule.pattern.length;
  }
  return new Set(branches.map((branch) => branch.digits.padEnd(CODE_LENGTH, '0')));
}

function deduplicate(branches: Branch[]): Branch[] {
  const seen = new Set<string>();
  return branches.filter((branch) => {
    const identity = `${branch.digits}:${branch.lastCode}`;
    if (seen.has(identity)) return false;
    seen.add(identity);
    return true;
  });
}

/** The D–M codes of every token of a name, after normalisation (particles excluded). */
export function phoneticCodes(name: string): Set<string> {
  const codes = new Set<string>();
  for (const token of normaliseName(name).tokens) for (const code of daitchMokotoff(token)) codes.add(code);
  return codes;
}

/** Whether two names share at least one D–M code of any of their tokens. */
export function hasSharedPhoneticCode(left: string, right: string): boolean {
  const leftCodes = phoneticCodes(left);
  for (const code of phoneticCodes(right)) if (leftCodes.has(code)) return true;
  return false;
}
