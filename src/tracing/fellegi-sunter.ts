/**
 * The plaintext linkage model (Fellegi–Sunter): two person records are compared field by field,
 * each comparison falls into a level, and each level carries a weight log2(m/u), where m is how
 * often true matches show that level and u how often unrelated records do. Weights add up to a
 * match weight; with the prior λ it gives a posterior probability and a plain-English
 * explanation for the reviewer. The model scores candidates; it never decides a match.
 * See docs/decisions/0017-linkage-model.md.
 */
import {
  type BirthDateAgreement,
  type BirthDateEvidence,
  compareBirthDates,
  isAgeEstimate,
} from './dates.js';
import { normaliseName } from './normalise.js';
import { daitchMokotoff } from './phonetic.js';
import { jaroWinkler } from './string-similarity.js';

export interface PersonRecord {
  id: string;
  givenName?: string;
  familyName?: string;
  sex?: 'M' | 'F';
  birth?: BirthDateEvidence;
  /** ISO 3166-1 alpha-3. */
  nationality?: string;
  birthPlace?: string;
}

export type NameLevel = 'exact' | 'same_phonetic_code' | 'very_similar' | 'similar' | 'different' | 'missing';
export type SexLevel = 'agree' | 'disagree' | 'missing';
export type NationalityLevel = 'agree' | 'disagree' | 'missing';
export type BirthPlaceLevel = 'exact' | 'similar' | 'different' | 'missing';

export interface ComparisonLevels {
  givenName: NameLevel;
  familyName: NameLevel;
  birthDate: BirthDateAgreement;
  sex: SexLevel;
  nationality: NationalityLevel;
  birthPlace: BirthPlaceLevel;
}

export type LinkageField = keyof ComparisonLevels;

/** The levels of each field, strongest agreement first, 'missing' last (it carries no weight). */
export const fieldLevels: { readonly [F in LinkageField]: readonly ComparisonLevels[F][] } = {
  givenName: ['exact', 'same_phonetic_code', 'very_similar', 'similar', 'different', 'missing'],
  familyName: ['exact', 'same_phonetic_code', 'very_similar', 'similar', 'different', 'missing'],
  birthDate: [
    'exact',
    'day_month_swapped',
    'same_year_month',
    'same_year',
    'within_age_estimate',
    'year_off_by_one',
    'different',
    'missing',
  ],
  sex: ['agree', 'disagree', 'missing'],
  nationality: ['agree', 'disagree', 'missing'],
  birthPlace: ['exact', 'similar', 'different', 'missing'],
};

/**
 * The levels each level may never outweigh: the ones that are the same kind of evidence, only
 * stronger. The levels are a partial order, not a chain: a name with the same phonetic code and
 * one very similar in spelling are different evidence, and so are 'same year and month' (two
 * full dates whose days disagree), 'same year' (mostly a year-only date against a full one) and
 * an age estimate. A chain let a rare level cap every level after it: 'same_year_month', rare
 * among matches, pulled 'same_year', 'within_age_estimate' and 'year_off_by_one' down to its
 * weight of about 0 (measured on generated data; 0017).
 */
export const strongerLevels: {
  readonly [F in LinkageField]: { readonly [L in ComparisonLevels[F]]?: readonly ComparisonLevels[F][] };
} = {
  givenName: {
    same_phonetic_code: ['exact'],
    very_similar: ['exact'],
    similar: ['very_similar'],
    different: ['same_phonetic_code', 'similar'],
  },
  familyName: {
    same_phonetic_code: ['exact'],
    very_similar: ['exact'],
    similar: ['very_similar'],
    different: ['same_phonetic_code', 'similar'],
  },
  birthDate: {
    day_month_swapped: ['exact'],
    same_year_month: ['exact'],
    same_year: ['exact'],
    within_age_estimate: ['exact'],
    year_off_by_one: ['same_year'],
    different: ['day_month_swapped', 'same_year_month', 'within_age_estimate', 'year_off_by_one'],
  },
  sex: { disagree: ['agree'] },
  nationality: { disagree: ['agree'] },
  birthPlace: { similar: ['exact'], different: ['similar'] },
};

/**
 * log2(m/u) of each level of a field (in `fieldLevels` order, 'missing' 0), made monotone along
 * `strongerLevels`: a level never weighs more than a stronger level of the same kind, and the
 * strongest agreement never weighs less than 0 (agreement never counts against).
 */
export function monotoneLevelWeights(
  field: LinkageField,
  m: LevelProbabilities,
  u: LevelProbabilities,
): number[] {
  const levels = fieldLevels[field] as readonly string[];
  const stronger = strongerLevels[field] as Record<string, readonly string[] | undefined>;
  const weights: number[] = [];
  levels.forEach((level, index) => {
    if (level === 'missing') {
      weights.push(0);
      return;
    }
    const levelM = (m[field] as Record<string, number>)[level] ?? 1;
    const levelU = (u[field] as Record<string, number>)[level] ?? 1;
    let weight = Math.log2(levelM / levelU);
    if (index === 0) weight = Math.max(0, weight);
    // Stronger levels come earlier in `fieldLevels`, so their weights are final already.
    for (const strongerLevel of stronger[level] ?? [])
      weight = Math.min(weight, weights[levels.indexOf(strongerLevel)]!);
    weights.push(weight);
  });
  return weights;
}

/** The highest weight of the levels below the strongest one (an exact name's term-frequency floor). */
export function strongestWeakerWeight(weights: readonly number[], field: LinkageField): number {
  const levels = fieldLevels[field] as readonly string[];
  let highest = Number.NEGATIVE_INFINITY;
  for (let index = 1; index < levels.length; index += 1)
    if (levels[index] !== 'missing') highest = Math.max(highest, weights[index]!);
  return highest;
}

export const linkageFields: readonly LinkageField[] = [
  'givenName',
  'familyName',
  'birthDate',
  'sex',
  'nationality',
  'birthPlace',
];

/** Jaro–Winkler thresholds of the name and birth-place levels. */
export const NAME_VERY_SIMILAR = 0.92;
export const NAME_SIMILAR = 0.8;
export const PLACE_SIMILAR = 0.9;

/** How two records compare: a level per field, plus what the explanation needs to quote. */
export interface ComparisonVector {
  levels: ComparisonLevels;
  /** True when the names agreed better with given and family name swapped on one side. */
  swapped: boolean;
  /** The values compared, as written, for the explanation ([left, right]). */
  values: { [F in LinkageField]?: [string, string] };
  /** Normalised name keys of the left record (after any swap), for the term-frequency adjustment. */
  nameKeys: { givenName?: string; familyName?: string };
}

const levelRank = <F extends LinkageField>(field: F, level: ComparisonLevels[F]): number =>
  fieldLevels[field].indexOf(level);

function compareNames(left: string | undefined, right: string | undefined): NameLevel {
  if (left === undefined || right === undefined) return 'missing';
  const leftKey = normaliseName(left).key;
  const rightKey = normaliseName(right).key;
  if (leftKey === '' || rightKey === '') return 'missing';
  if (leftKey === rightKey) return 'exact';
  if (sharesPhoneticCode(leftKey, rightKey)) return 'same_phonetic_code';
  const similarity = jaroWinkler(leftKey, rightKey);
  if (similarity >= NAME_VERY_SIMILAR) return 'very_similar';
  if (similarity >= NAME_SIMILAR) return 'similar';
  return 'different';
}

/**
 * Whether two keys sound alike: every token of the key with fewer tokens shares a
 * Daitch–Mokotoff code with some token of the other (both ways when they have as many tokens).
 * "Maria" and "Ana Maria" sound alike, "Minh Phương" and "Minh Nga" do not: one shared token of
 * a multi-token name (a common middle name such as Minh or Thị) says little (0027).
 */
export function sharesPhoneticCode(leftKey: string, rightKey: string): boolean {
  const codesOf = (key: string) => key.split(' ').map((token) => new Set<string>(daitchMokotoff(token)));
  return tokensSoundAlike<Set<string>, string>(codesOf(leftKey), codesOf(rightKey), (codes, code) =>
    codes.has(code),
  );
}

/** The token rule of `sharesPhoneticCode` over any representation of a token's codes. */
export function tokensSoundAlike<Codes extends Iterable<Code>, Code>(
  left: readonly Codes[],
  right: readonly Codes[],
  has: (codes: Codes, code: Code) => boolean,
): boolean {
  const covered = (from: readonly Codes[], into: readonly Codes[]) =>
    from.every((tokenCodes) => {
      for (const code of tokenCodes) if (into.some((other) => has(other, code))) return true;
      return false;
    });
  if (left.length < right.length) return covered(left, right);
  if (right.length < left.length) return covered(right, left);
  return covered(left, right) && covered(right, left);
}

function compareBirthPlaces(left: string | undefined, right: string | undefined): BirthPlaceLevel {
  if (left === undefined || right === undefined) return 'missing';
  const leftKey = normaliseName(left).key;
  const rightKey = normaliseName(right).key;
  if (leftKey === '' || rightKey === '') return 'missing';
  if (leftKey === rightKey) return 'exact';
  // Romanisations of one place sound alike where their spelling drifts (Київ: Kyiv, Kiiv, Kiev).
  return sharesPhoneticCode(leftKey, rightKey) || jaroWinkler(leftKey, rightKey) >= PLACE_SIMILAR
    ? 'similar'
    : 'different';
}

function compareCodes<T extends string>(
  left: T | undefined,
  right: T | undefined,
): 'agree' | 'disagree' | 'missing' {
  if (left === undefined || right === undefined || left === '' || right === '') return 'missing';
  return left.toUpperCase() === right.toUpperCase() ? 'agree' : 'disagree';
}

function describeBirth(birth: BirthDateEvidence): string {
  if (isAgeEstimate(birth))
    return `about ${birth.aboutAge}${birth.estimatedOn ? ` on ${birth.estimatedOn}` : ''}`;
  const pad = (value: number) => String(value).padStart(2, '0');
  if (birth.month === undefined) return String(birth.year);
  if (birth.day === undefined) return `${birth.year}-${pad(birth.month)}`;
  return `${birth.year}-${pad(birth.month)}-${pad(birth.day)}`;
}

/** Compare two records field by field. Given and family names are also tried swapped on the right. */
export function compareRecords(
  left: PersonRecord,
  right: PersonRecord,
  options: { referenceDate?: string } = {},
): ComparisonVector {
  const straight = [
    compareNames(left.givenName, right.givenName),
    compareNames(left.familyName, right.familyName),
  ];
  const crossed = [
    compareNames(left.givenName, right.familyName),
    compareNames(left.familyName, right.givenName),
  ];
  const score = ([given, family]: NameLevel[]) =>
    [given!, family!].reduce(
      (sum, level) => sum + (level === 'missing' ? 0 : 5 - levelRank('givenName', level)),
      0,
    );
  const swapped = score(crossed) > score(straight);
  const [givenLevel, familyLevel] = swapped ? crossed : straight;
  const rightGiven = swapped ? right.familyName : right.givenName;
  const rightFamily = swapped ? right.givenName : right.familyName;

  const values: ComparisonVector['values'] = {};
  if (left.givenName !== undefined && rightGiven !== undefined)
    values.givenName = [left.givenName, rightGiven];
  if (left.familyName !== undefined && rightFamily !== undefined)
    values.familyName = [left.familyName, rightFamily];
  if (left.birth !== undefined && right.birth !== undefined)
    values.birthDate = [describeBirth(left.birth), describeBirth(right.birth)];
  if (left.sex !== undefined && right.sex !== undefined) values.sex = [left.sex, right.sex];
  if (left.nationality !== undefined && right.nationality !== undefined)
    values.nationality = [left.nationality, right.nationality];
  if (left.birthPlace !== undefined && right.birthPlace !== undefined)
    values.birthPlace = [left.birthPlace, right.birthPlace];

  const nameKeys: ComparisonVector['nameKeys'] = {};
  if (left.givenName !== undefined) nameKeys.givenName = normaliseName(left.givenName).key;
  if (left.familyName !== undefined) nameKeys.familyName = normaliseName(left.familyName).key;

  const birthOptions = options.referenceDate === undefined ? {} : { referenceDate: options.referenceDate };
  return {
    levels: {
      givenName: givenLevel!,
      familyName: familyLevel!,
      birthDate: compareBirthDates(left.birth, right.birth, birthOptions),
      sex: compareCodes(left.sex, right.sex),
      nationality: compareCodes(left.nationality, right.nationality),
      birthPlace: compareBirthPlaces(left.birthPlace, right.birthPlace),
    },
    swapped,
    values,
    nameKeys,
  };
}

/** Probabilities per level of each field (missing excluded; they sum to 1 over the other levels). */
export type LevelProbabilities = { [F in LinkageField]: Partial<Record<ComparisonLevels[F], number>> };

/** Observed share of each normalised name key among the records, per name field. */
export interface TermFrequencies {
  givenName: ReadonlyMap<string, number>;
  familyName: ReadonlyMap<string, number>;
}

export interface LinkageModel {
  m: LevelProbabilities;
  u: LevelProbabilities;
  /** Prior probability that a candidate pair is a match. */
  lambda: number;
  /** When present, the 'exact' name levels use the frequency of the name as u. */
  termFrequencies?: TermFrequencies;
  /**
   * u of the fields that follow nationality (`nationalityLinkedFields`) among random pairs whose
   * nationalities agree, and among those whose nationalities disagree. Names and birthplaces
   * agree far more often between two people of one country than between two people at random;
   * weighed with the overall u, a pair of compatriots counted their common origin once in
   * nationality and again in each name and the birthplace, and same-name strangers came out near
   * certain (0027). When present, a pair is weighed with the u of its nationality level ('missing':
   * the overall u).
   */
  uByNationality?: { agree: LevelProbabilities; disagree: LevelProbabilities };
}

/** The fields whose u depends on whether nationalities agree. */
export const nationalityLinkedFields = ['givenName', 'familyName', 'birthPlace'] as const;

/** The u a pair at this nationality level is weighed with. */
export function uForNationality(model: LinkageModel, nationality: NationalityLevel): LevelProbabilities {
  const conditional = nationality === 'missing' ? undefined : model.uByNationality?.[nationality];
  if (conditional === undefined) return model.u;
  return {
    ...model.u,
    givenName: conditional.givenName,
    familyName: conditional.familyName,
    birthPlace: conditional.birthPlace,
  };
}

/**
 * The shift of an exact name's term-frequency weight at a nationality level: a name's frequency
 * among compatriots is its overall frequency × u(exact | nationality) / u(exact).
 */
export function termFrequencyShift(
  model: LinkageModel,
  field: 'givenName' | 'familyName',
  nationality: NationalityLevel,
): number {
  const overall = model.u[field].exact;
  const conditional = uForNationality(model, nationality)[field].exact;
  if (overall === undefined || conditional === undefined || overall <= 0 || conditional <= 0) return 0;
  return Math.log2(overall / conditional);
}

/** A small deterministic generator (mulberry32) for sampling and synthetic data. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = Math.imul(state ^ (state >>> 15), 1 | state);
    mixed = (mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed)) ^ mixed;
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };
}

/** Pseudo-count added to every level so that no probability is 0 (log of 0 has no weight). */
const PSEUDO_COUNT = 0.5;

function emptyCounts(): Record<LinkageField, Map<string, number>> {
  return {
    givenName: new Map(),
    familyName: new Map(),
    birthDate: new Map(),
    sex: new Map(),
    nationality: new Map(),
    birthPlace: new Map(),
  };
}

function probabilitiesFromCounts(counts: Record<LinkageField, Map<string, number>>): LevelProbabilities {
  const probabilities = {} as Record<LinkageField, Record<string, number>>;
  for (const field of linkageFields) {
    const levels = fieldLevels[field].filter((level) => level !== 'missing');
    const total = levels.reduce((sum, level) => sum + (counts[field].get(level) ?? 0) + PSEUDO_COUNT, 0);
    probabilities[field] = {};
    for (const level of levels)
      probabilities[field][level] = ((counts[field].get(level) ?? 0) + PSEUDO_COUNT) / total;
  }
  return probabilities as LevelProbabilities;
}

/**
 * u: the level frequencies among non-matches, estimated from random pairs of records (in a
 * register of thousands, two records drawn at random are almost never the same person).
 */
export function estimateU(
  records: readonly PersonRecord[],
  options: { sampleSize: number; random: () => number; referenceDate?: string },
): LevelProbabilities {
  const counts = emptyCounts();
  if (records.length >= 2) {
    const compareOptions =
      options.referenceDate === undefined ? {} : { referenceDate: options.referenceDate };
    for (let sample = 0; sample < options.sampleSize; sample += 1) {
      const first = Math.floor(options.random() * records.length);
      let second = Math.floor(options.random() * (records.length - 1));
      if (second >= first) second += 1;
      const vector = compareRecords(records[first]!, records[second]!, compareOptions);
      for (const field of linkageFields) {
        const level: string = vector.levels[field];
        if (level !== 'missing') counts[field].set(level, (counts[field].get(level) ?? 0) + 1);
      }
    }
  }
  return probabilitiesFromCounts(counts);
}

/** Starting m: strongest level most likely, halving down the list. */
function initialM(): LevelProbabilities {
  const counts = emptyCounts();
  for (const field of linkageFields) {
    const levels = fieldLevels[field].filter((level) => level !== 'missing');
    levels.forEach((level, index) => {
      counts[field].set(level, 2 ** (levels.length - index) * 10);
    });
  }
  return probabilitiesFromCounts(counts);
}

function likelihood(levels: ComparisonLevels, probabilities: LevelProbabilities): number {
  let product = 1;
  for (const field of linkageFields) {
    const level = levels[field];
    if (level === 'missing') continue;
    product *= (probabilities[field] as Record<string, number>)[level] ?? 1;
  }
  return product;
}

/**
 * m and λ by expectation–maximisation over candidate pairs: a two-class mixture (match,
 * non-match) with fields conditionally independent given the class. u stays fixed at the
 * sampled estimate, as random sampling estimates it better than EM does.
 */
export function estimateM(
  pairs: readonly ComparisonVector[],
  u: LevelProbabilities,
  options: { iterations: number; initialLambda?: number },
): { m: LevelProbabilities; lambda: number } {
  let m = initialM();
  let lambda = options.initialLambda ?? 0.1;
  for (let iteration = 0; iteration < options.iterations && pairs.length > 0; iteration += 1) {
    const counts = emptyCounts();
    let matchTotal = 0;
    for (const pair of pairs) {
      const matchLikelihood = lambda * likelihood(pair.levels, m);
      const nonMatchLikelihood = (1 - lambda) * likelihood(pair.levels, u);
      const matchProbability = matchLikelihood / (matchLikelihood + nonMatchLikelihood);
      matchTotal += matchProbability;
      for (const field of linkageFields) {
        const level: string = pair.levels[field];
        if (level !== 'missing') counts[field].set(level, (counts[field].get(level) ?? 0) + matchProbability);
      }
    }
    m = probabilitiesFromCounts(counts);
    lambda = Math.min(1 - 1e-6, Math.max(1e-6, matchTotal / pairs.length));
  }
  return { m, lambda };
}

/** The share of records carrying each normalised given and family name key. */
export function termFrequencies(records: readonly PersonRecord[]): TermFrequencies {
  const count = (pick: (record: PersonRecord) => string | undefined) => {
    const counts = new Map<string, number>();
    let total = 0;
    for (const record of records) {
      const name = pick(record);
      if (name === undefined) continue;
      const key = normaliseName(name).key;
      if (key === '') continue;
      counts.set(key, (counts.get(key) ?? 0) + 1);
      total += 1;
    }
    for (const [key, value] of counts) counts.set(key, value / total);
    return counts;
  };
  return { givenName: count((record) => record.givenName), familyName: count((record) => record.familyName) };
}

export interface FieldExplanation {
  field: LinkageField;
  level: string;
  weight: number;
  sentence: string;
}

export interface PairScore {
  /** Sum of log2 Bayes factors of the fields. */
  matchWeight: number;
  /** Posterior probability of a match, given the model's prior. */
  probability: number;
  explanation: FieldExplanation[];
}

const fieldWords: Record<LinkageField, string> = {
  givenName: 'given name',
  familyName: 'family name',
  birthDate: 'date of birth',
  sex: 'sex',
  nationality: 'nationality',
  birthPlace: 'place of birth',
};

const levelWords: Record<string, string> = {
  'givenName:exact': 'the same name',
  'givenName:same_phonetic_code': 'same Daitch–Mokotoff code',
  'givenName:very_similar': 'very similar spelling',
  'givenName:similar': 'similar spelling',
  'givenName:different': 'different names',
  'birthDate:exact': 'the same date',
  'birthDate:day_month_swapped': 'day and month swapped',
  'birthDate:same_year_month': 'same year and month',
  'birthDate:same_year': 'same year',
  'birthDate:within_age_estimate': 'consistent with the estimated age',
  'birthDate:year_off_by_one': 'years one apart',
  'birthDate:different': 'different dates',
  'sex:agree': 'the same',
  'sex:disagree': 'different',
  'nationality:agree': 'the same',
  'nationality:disagree': 'different',
  'birthPlace:exact': 'the same place',
  'birthPlace:similar': 'similar spelling',
  'birthPlace:different': 'different places',
};

function sentenceFor(field: LinkageField, level: string, vector: ComparisonVector): string {
  if (level === 'missing') return `${fieldWords[field]}: not recorded on both sides, no weight`;
  const wordsField = field === 'familyName' ? 'givenName' : field;
  const words = levelWords[`${wordsField}:${level}`] ?? level.replaceAll('_', ' ');
  const compared = vector.values[field];
  const swappedNote =
    vector.swapped && (field === 'givenName' || field === 'familyName')
      ? ' (given and family name swapped)'
      : '';
  const quoted = compared === undefined ? '' : `${compared[0]} vs ${compared[1]}, `;
  return `${fieldWords[field]}: ${quoted}${words}${swappedNote}`;
}

/** Weight floor for a term-frequency u, so one odd name cannot dominate. */
const MIN_TERM_FREQUENCY = 1e-6;

/** The weight of each level, made monotone (`monotoneLevelWeights`). */
function levelWeights(
  field: LinkageField,
  model: LinkageModel,
  nationality: NationalityLevel,
): Map<string, number> {
  let fields = weightCache.get(model);
  if (fields === undefined) {
    fields = new Map();
    weightCache.set(model, fields);
  }
  const cacheKey = `${nationality}:${field}`;
  const cached = fields.get(cacheKey);
  if (cached !== undefined) return cached;
  const weights = new Map<string, number>();
  const values = monotoneLevelWeights(field, model.m, uForNationality(model, nationality));
  fieldLevels[field].forEach((level, index) => {
    weights.set(level, values[index]!);
  });
  weights.set('missing', 0);
  fields.set(cacheKey, weights);
  return weights;
}

/** Level weights per model object and nationality level; a model is not changed once scoring starts. */
const weightCache = new WeakMap<LinkageModel, Map<string, Map<string, number>>>();

/** Score a compared pair: match weight, posterior probability and a sentence per field. */
export function scorePair(vector: ComparisonVector, model: LinkageModel): PairScore {
  const explanation: FieldExplanation[] = [];
  let matchWeight = 0;
  for (const field of linkageFields) {
    const level: string = vector.levels[field];
    const weights = levelWeights(field, model, vector.levels.nationality);
    let weight = weights.get(level) ?? 0;
    if (level === 'exact' && (field === 'givenName' || field === 'familyName') && model.termFrequencies) {
      const key = vector.nameKeys[field];
      const frequency = key === undefined ? undefined : model.termFrequencies[field].get(key);
      if (frequency !== undefined) {
        const m = (model.m[field] as Record<string, number>).exact ?? 1;
        const floor = strongestWeakerWeight(
          fieldLevels[field].map((name) => weights.get(name) ?? 0),
          field,
        );
        const shift = termFrequencyShift(model, field, vector.levels.nationality);
        weight = Math.max(floor, 0, Math.log2(m / Math.max(frequency, MIN_TERM_FREQUENCY)) + shift);
      }
    }
    matchWeight += weight;
    explanation.push({ field, level, weight, sentence: sentenceFor(field, level, vector) });
  }
  const priorWeight = Math.log2(model.lambda / (1 - model.lambda));
  const probability = 1 / (1 + 2 ** -(matchWeight + priorWeight));
  return { matchWeight, probability, explanation };
}

function birthYear(record: PersonRecord): number | undefined {
  return record.birth !== undefined && !isAgeEstimate(record.birth) ? record.birth.year : undefined;
}

/**
 * Blocking keys: candidate pairs are only those sharing at least one key. D–M code of the
 * family name (and of the given name, for swapped names) with birth year; first three letters of
 * the given name with sex; birth year with nationality.
 */
export function blockingKeys(record: PersonRecord): Set<string> {
  const keys = new Set<string>();
  const year = birthYear(record);
  const given = record.givenName === undefined ? '' : normaliseName(record.givenName).key;
  const family = record.familyName === undefined ? '' : normaliseName(record.familyName).key;
  if (year !== undefined) {
    for (const name of [family, given]) {
      const firstToken = name.split(' ')[0] ?? '';
      if (firstToken !== '') for (const code of daitchMokotoff(firstToken)) keys.add(`dm:${code}:${year}`);
    }
  }
  if (given.length >= 3 && record.sex !== undefined) keys.add(`gs:${given.slice(0, 3)}:${record.sex}`);
  if (year !== undefined && record.nationality !== undefined)
    keys.add(`yn:${year}:${record.nationality.toUpperCase()}`);
  return keys;
}

/** Pairs of record indexes (lower first) that share a blocking key, each pair once. */
export function candidatePairs(records: readonly PersonRecord[]): [number, number][] {
  const blocks = new Map<string, number[]>();
  records.forEach((record, index) => {
    for (const key of blockingKeys(record)) {
      const block = blocks.get(key);
      if (block === undefined) blocks.set(key, [index]);
      else block.push(index);
    }
  });
  const seen = new Set<string>();
  const pairs: [number, number][] = [];
  for (const block of blocks.values()) {
    for (let first = 0; first < block.length; first += 1) {
      for (let second = first + 1; second < block.length; second += 1) {
        const identity = `${block[first]}:${block[second]}`;
        if (seen.has(identity)) continue;
        seen.add(identity);
        pairs.push([block[first]!, block[second]!]);
      }
    }
  }
  return pairs;
}
