/**
 * Spellings of one (synthetic) name as different agencies, alphabets and keyboards record it.
 * Every pair within a group must meet on at least one signal the matcher weighs: the same
 * normalised key, a shared Daitch–Mokotoff code, or a high Jaro–Winkler score on the keys.
 */
import { describe, expect, it } from 'vitest';
import { normaliseName } from './normalise.js';
import { hasSharedPhoneticCode } from './phonetic.js';
import { jaroWinkler } from './string-similarity.js';

const HIGH_JARO_WINKLER = 0.9;

type Signal = 'same_key' | 'shared_phonetic_code' | 'high_jaro_winkler';

function signalsBetween(left: string, right: string): Signal[] {
  const leftKey = normaliseName(left).key;
  const rightKey = normaliseName(right).key;
  const signals: Signal[] = [];
  if (leftKey === rightKey) signals.push('same_key');
  if (hasSharedPhoneticCode(left, right)) signals.push('shared_phonetic_code');
  if (jaroWinkler(leftKey, rightKey) >= HIGH_JARO_WINKLER) signals.push('high_jaro_winkler');
  return signals;
}

const spellingGroups: ReadonlyArray<readonly string[]> = [
  ['Шевченко', 'Shevchenko', 'Szewczenko', 'Schewtschenko', 'Ševčenko', 'Shewchenko'],
  ['Олександр', 'Oleksandr', 'Aleksandr', 'Alexander', 'Александр', 'Oleksander'],
  ['Юлія', 'Yuliia', 'Iulia', 'Julia', 'Юлия', 'Yulia', 'Iuliia'],
  ['Ștefan', 'Ştefan', 'Stefan', 'ȘTEFAN', 'Штефан'],
  ['Ионуц', 'Ionuț', 'Ionuţ', 'Ionut', 'Ionuts'],
  ['Đorđević', 'Djordjevic', 'Ђорђевић', 'Dordevic', 'Djordjević'],
  ['Хасан', 'Hasan', 'Khasan', 'Hassan', 'Al-Hasan'],
  ['Михайло', 'Mykhailo', 'Mihailo', 'Mikhail', 'Michajło'],
  ['Щербаков', 'Shcherbakov', 'Szczerbakow', 'Shtsherbakov'],
  ['Цветкова', 'Tsvetkova', 'Cvetkova', 'Zwetkowa'],
  ['Jürgen', 'Juergen', 'Jurgen', 'JÜRGEN'],
];

const differentNames: ReadonlyArray<readonly [string, string]> = [
  ['Shevchenko', 'Hasan'],
  ['Iulia', 'Ionuț'],
  ['Đorđević', 'Oleksandr'],
  ['Ștefan', 'Mykhailo'],
  ['Tsvetkova', 'Shcherbakov'],
];

function pairsOf(names: readonly string[]): Array<[string, string]> {
  return names.flatMap((left, index) =>
    names.slice(index + 1).map((right): [string, string] => [left, right]),
  );
}

describe('spellings of the same name', () => {
  for (const group of spellingGroups) {
    it.each(pairsOf(group))('%s and %s meet on at least one signal', (left, right) => {
      expect(signalsBetween(left, right)).not.toEqual([]);
    });
  }

  it.each([
    ['Ștefan', 'Ştefan'],
    ['Ștefan', 'Stefan'],
    ['Ionuț', 'Ionut'],
    ['Đorđević', 'Ђорђевић'],
    ['Шевченко', 'Shevchenko'],
    ['Олександр', 'Oleksandr'],
    ['Jürgen', 'JÜRGEN'],
  ])('%s and %s have the same key', (left, right) => {
    expect(normaliseName(left).key).toBe(normaliseName(right).key);
  });
});

describe('different names', () => {
  it.each(differentNames)('%s and %s meet on no signal', (left, right) => {
    expect(signalsBetween(left, right)).toEqual([]);
  });
});
