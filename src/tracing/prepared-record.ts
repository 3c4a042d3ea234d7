/**
 * Prepared records: the normalisation, transliteration and Daitch–Mokotoff coding of a person
 * record done once, so that comparing and scoring a candidate pair is integer and array work
 * only. `compareRecords` + `scorePair` re-normalise both records for every pair (about 9 000
 * pairs/s, 0017); prepared, the same levels and the same match weight come out at well over
 * 500 000 pairs/s per core. The explanation a reviewer reads still comes from `compareRecords` and
 * `scorePair` on the accepted pairs: this module only decides which pairs are worth explaining.
 * `prepared-record.test.ts` checks on random records that levels and weights are identical.
 * See docs/decisions/0018-linkage-engine-for-files.md.
 */
import {
  type BirthDateEvidence,
  DEFAULT_AGE_TOLERANCE_YEARS,
  isAgeEstimate,
  parsePartialDate,
} from './dates.js';
import {
  type ComparisonLevels,
  fieldLevels,
  type LevelProbabilities,
  type LinkageField,
  type LinkageModel,
  linkageFields,
  monotoneLevelWeights,
  NAME_SIMILAR,
  NAME_VERY_SIMILAR,
  type PersonRecord,
  PLACE_SIMILAR,
  strongestWeakerWeight,
  termFrequencyShift,
  tokensSoundAlike,
  uForNationality,
} from './fellegi-sunter.js';
import { normaliseName } from './normalise.js';
import { daitchMokotoff } from './phonetic.js';
import { WINKLER_BOOST_THRESHOLD, WINKLER_MAX_PREFIX, WINKLER_PREFIX_SCALE } from './string-similarity.js';

/** A name (or place) reduced to what comparison needs. */
export interface PreparedName {
  /** The normalised matching key (0014). */
  key: string;
  /** Integer id of the key in the vocabulary: equal ids, equal keys. */
  keyId: number;
  /** Code points of the key, for Jaro–Winkler. */
  codePoints: Int32Array;
  /** Daitch–Mokotoff codes of every token of the key, as integers (sorted, for blocking). */
  phoneticCodes: Int32Array;
  /** The codes of each token (sorted) when the key has more than one token; empty otherwise. */
  tokenCodes: Int32Array[];
  /**
   * Levels of the names this one was compared with as the left-hand name (created on the first
   * comparison). One small table per name rather than one for the vocabulary: the pairs of one
   * left record come one after another, so its names' tables stay in the processor's cache.
   */
  partners: PartnerLevels | undefined;
  /** The vocabulary's budget for those tables. */
  partnerBudget: { slotsLeft: number };
  /** The same for the key compared as a place of birth. */
  placeLevels: NamePairLevels;
}

/** Birth evidence as numbers. kind: 0 none, 1 recorded (partial) date, 2 age estimate. */
export interface PreparedBirth {
  kind: 0 | 1 | 2;
  /** Recorded date: plausible (months 1–12, days 1–31, no day without month). */
  plausible: boolean;
  year: number;
  /** 0 when not recorded. */
  month: number;
  /** 0 when not recorded. */
  day: number;
  /** Birth years the evidence allows; NaN when it cannot be placed in time. */
  earliest: number;
  latest: number;
}

export interface PreparedRecord {
  id: string;
  /** undefined when absent or when nothing of it survives normalisation (level 'missing'). */
  givenName: PreparedName | undefined;
  familyName: PreparedName | undefined;
  /** Key id of the left-side given and family name for the term-frequency adjustment (0: none). */
  givenKeyId: number;
  familyKeyId: number;
  birth: PreparedBirth;
  /** Vocabulary id of the upper-cased code; 0 when missing. */
  sex: number;
  nationality: number;
  birthPlace: PreparedName | undefined;
}

/**
 * The level of each pair of distinct names compared so far (by key id, lower id first): an
 * open-addressing table over typed arrays. Per distinct pair of names, not per pair of records:
 * a name pair recurs across thousands of record pairs, and Jaro–Winkler on it is the costliest
 * step of a comparison. A `Map` keyed by a 42-bit number (not a small integer, so boxed and hashed
 * as a double) cost more than the Jaro–Winkler it saved, and at 2^19 entries it was cleared
 * every round of the bench.
 */
export class NamePairLevels {
  /** Past this many slots the table starts afresh rather than growing (32 MiB). */
  private static readonly MAX_SLOTS = 1 << 22;
  /**
   * Two int32 per slot, so that a probe reads one cache line: the lower id (0: empty slot), then
   * the higher id × 8 + the level (ids below 2^28).
   */
  private slots = new Int32Array(2 << 16);
  private mask = (1 << 16) - 1;
  private count = 0;

  private static slotOf(lower: number, higher: number, mask: number): number {
    let hash = Math.imul(lower, 0x9e3779b1) ^ Math.imul(higher, 0x85ebca77);
    hash ^= hash >>> 15;
    return hash & mask;
  }

  /** The level of the pair (ids ≥ 1, lower < higher), or −1 when not compared yet. */
  get(lower: number, higher: number): number {
    const slots = this.slots;
    const mask = this.mask;
    let slot = NamePairLevels.slotOf(lower, higher, mask);
    for (;;) {
      const stored = slots[slot * 2]!;
      if (stored === 0) return -1;
      const packed = slots[slot * 2 + 1]!;
      if (stored === lower && packed >>> 3 === higher) return packed & 7;
      slot = (slot + 1) & mask;
    }
  }

  set(lower: number, higher: number, level: number): void {
    if (higher >= 1 << 28) return; // beyond the packing: not remembered, only recomputed
    if (this.count * 2 >= this.mask + 1) {
      if (this.mask + 1 >= NamePairLevels.MAX_SLOTS) this.clear();
      else this.grow();
    }
    this.insert(lower, higher, level);
  }

  get size(): number {
    return this.count;
  }

  clear(): void {
    this.slots.fill(0);
    this.count = 0;
  }

  private insert(lower: number, higher: number, level: number): void {
    const slots = this.slots;
    const mask = this.mask;
    let slot = NamePairLevels.slotOf(lower, higher, mask);
    while (slots[slot * 2] !== 0) {
      if (slots[slot * 2] === lower && slots[slot * 2 + 1]! >>> 3 === higher) {
        slots[slot * 2 + 1] = (higher << 3) | level;
        return;
      }
      slot = (slot + 1) & mask;
    }
    slots[slot * 2] = lower;
    slots[slot * 2 + 1] = (higher << 3) | level;
    this.count += 1;
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Int32Array(old.length * 2);
    this.mask = old.length - 1;
    this.count = 0;
    for (let slot = 0; slot < old.length; slot += 2)
      if (old[slot] !== 0) this.insert(old[slot]!, old[slot + 1]! >>> 3, old[slot + 1]! & 7);
  }
}

/** Slots all the `PartnerLevels` of one vocabulary may grow into (2^25 int32: 128 MiB). */
export const PARTNER_SLOT_BUDGET = 1 << 25;

/**
 * The level of each name one name has been compared with, by the other's key id: an
 * open-addressing table of one int32 per slot (id × 8 + level; 0 empty), from 8 slots growing to
 * 2^16 (256 KiB), then starting afresh — and starting afresh rather than growing once the tables
 * of its vocabulary have used their shared budget, so that memory stays bounded on large files.
 */
export class PartnerLevels {
  private static readonly MAX_SLOTS = 1 << 16;
  private slots = new Int32Array(8);
  private mask = 7;
  private count = 0;

  constructor(private readonly budget: { slotsLeft: number } = { slotsLeft: PARTNER_SLOT_BUDGET }) {}

  /** The level stored for the name with this key id (≥ 1), or −1. */
  get(id: number): number {
    const slots = this.slots;
    const mask = this.mask;
    const wanted = id << 3;
    let slot = Math.imul(id, 0x9e3779b1) >>> 16;
    for (;;) {
      slot &= mask;
      const stored = slots[slot]!;
      if (stored === 0) return -1;
      if ((stored & ~7) === wanted) return stored & 7;
      slot += 1;
    }
  }

  set(id: number, level: number): void {
    if (id >= 1 << 28) return; // beyond the packing: not remembered, only recomputed
    if (this.count * 2 >= this.mask + 1) {
      const slots = this.mask + 1;
      if (slots >= PartnerLevels.MAX_SLOTS || this.budget.slotsLeft < slots) {
        this.slots.fill(0);
        this.count = 0;
      } else {
        this.budget.slotsLeft -= slots;
        this.grow();
      }
    }
    this.insert((id << 3) | level);
  }

  get size(): number {
    return this.count;
  }

  private insert(packed: number): void {
    const slots = this.slots;
    const mask = this.mask;
    let slot = Math.imul(packed >>> 3, 0x9e3779b1) >>> 16;
    for (;;) {
      slot &= mask;
      const stored = slots[slot]!;
      if (stored === 0) {
        slots[slot] = packed;
        this.count += 1;
        return;
      }
      if ((stored & ~7) === (packed & ~7)) {
        slots[slot] = packed;
        return;
      }
      slot += 1;
    }
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Int32Array(old.length * 2);
    this.mask = this.slots.length - 1;
    this.count = 0;
    for (const packed of old) if (packed !== 0) this.insert(packed);
  }
}

/**
 * Interns keys to integers and caches the preparation of each distinct name as written: names
 * repeat, so most records cost a few map look-ups. Records are only comparable when prepared with
 * the same vocabulary.
 */
export class Vocabulary {
  private readonly ids = new Map<string, number>();
  private readonly names = new Map<string, PreparedName | null>();
  private readonly placeLevels = new NamePairLevels();
  /** What the names' `PartnerLevels` may still grow into, together. */
  readonly partnerBudget = { slotsLeft: PARTNER_SLOT_BUDGET };

  id(text: string): number {
    let id = this.ids.get(text);
    if (id === undefined) {
      id = this.ids.size + 1;
      this.ids.set(text, id);
    }
    return id;
  }

  /** The id of a text already seen, or undefined. */
  find(text: string): number | undefined {
    return this.ids.get(text);
  }

  get size(): number {
    return this.ids.size;
  }

  name(written: string): PreparedName | undefined {
    const cached = this.names.get(written);
    if (cached !== undefined) return cached ?? undefined;
    const key = normaliseName(written).key;
    const prepared = key === '' ? null : this.nameForKey(key);
    this.names.set(written, prepared);
    return prepared ?? undefined;
  }

  /** The key of a name as written ('' when nothing survives), without preparing codes. */
  keyIdOf(written: string): number {
    const prepared = this.name(written);
    return prepared === undefined ? this.id('') : prepared.keyId;
  }

  private nameForKey(key: string): PreparedName {
    const cached = this.names.get(`\u0000${key}`);
    if (cached) return cached;
    const codes = new Set<number>();
    const tokens = key.split(' ');
    const tokenCodes = tokens.map((token) =>
      Int32Array.from(new Set(Array.from(daitchMokotoff(token), Number))).sort(),
    );
    for (const token of tokenCodes) for (const code of token) codes.add(code);
    const prepared: PreparedName = {
      key,
      keyId: this.id(key),
      codePoints: Int32Array.from(Array.from(key), (character) => character.codePointAt(0)!),
      phoneticCodes: Int32Array.from([...codes].sort((a, b) => a - b)),
      tokenCodes: tokens.length > 1 ? tokenCodes : [],
      partners: undefined,
      partnerBudget: this.partnerBudget,
      placeLevels: this.placeLevels,
    };
    this.names.set(`\u0000${key}`, prepared);
    return prepared;
  }
}

function isPlausible(year: number, month: number | undefined, day: number | undefined): boolean {
  if (!Number.isInteger(year)) return false;
  if (month !== undefined && !(Number.isInteger(month) && month >= 1 && month <= 12)) return false;
  if (day !== undefined && !(Number.isInteger(day) && day >= 1 && day <= 31)) return false;
  return !(day !== undefined && month === undefined);
}

/** The same reading of birth evidence as `compareBirthDates` (dates.ts). */
function prepareBirth(
  birth: BirthDateEvidence | undefined,
  referenceDate: string | undefined,
): PreparedBirth {
  const none: PreparedBirth = {
    kind: 0,
    plausible: false,
    year: 0,
    month: 0,
    day: 0,
    earliest: Number.NaN,
    latest: Number.NaN,
  };
  if (birth == null) return none;
  if (isAgeEstimate(birth)) {
    const estimatedOn = parsePartialDate(birth.estimatedOn ?? referenceDate ?? '');
    const estimate: PreparedBirth = { ...none, kind: 2 };
    if (estimatedOn === undefined || !Number.isFinite(birth.aboutAge) || birth.aboutAge < 0) return estimate;
    const tolerance = Math.max(0, birth.toleranceYears ?? DEFAULT_AGE_TOLERANCE_YEARS);
    const latest = estimatedOn.year - Math.floor(birth.aboutAge);
    return { ...estimate, earliest: latest - 1 - tolerance, latest: latest + tolerance };
  }
  const plausible = isPlausible(birth.year, birth.month, birth.day);
  return {
    kind: 1,
    plausible,
    year: birth.year,
    month: birth.month ?? 0,
    day: birth.day ?? 0,
    earliest: plausible ? birth.year : Number.NaN,
    latest: plausible ? birth.year : Number.NaN,
  };
}

function codeId(vocabulary: Vocabulary, code: string | undefined): number {
  if (code === undefined || code === '') return 0;
  return vocabulary.id(`code:${code.toUpperCase()}`);
}

export interface PrepareOptions {
  /** The day an age estimate without its own date refers to (as in `compareRecords`). */
  referenceDate?: string;
}

/** Normalise, transliterate and phonetically code a record once. */
export function prepareRecord(
  record: PersonRecord,
  vocabulary: Vocabulary,
  options: PrepareOptions = {},
): PreparedRecord {
  return {
    id: record.id,
    givenName: record.givenName === undefined ? undefined : vocabulary.name(record.givenName),
    familyName: record.familyName === undefined ? undefined : vocabulary.name(record.familyName),
    givenKeyId: record.givenName === undefined ? 0 : vocabulary.keyIdOf(record.givenName),
    familyKeyId: record.familyName === undefined ? 0 : vocabulary.keyIdOf(record.familyName),
    birth: prepareBirth(record.birth, options.referenceDate),
    sex: codeId(vocabulary, record.sex),
    nationality: codeId(vocabulary, record.nationality),
    birthPlace: record.birthPlace === undefined ? undefined : vocabulary.name(record.birthPlace),
  };
}

// ---- Jaro–Winkler on code points, the same arithmetic as string-similarity.ts ----

let matchedScratch = new Uint8Array(64);
let matchesScratch = new Int32Array(64);

function jaroCodePoints(first: Int32Array, second: Int32Array): number {
  const firstLength = first.length;
  const secondLength = second.length;
  if (firstLength === 0 && secondLength === 0) return 1;
  if (firstLength === 0 || secondLength === 0) return 0;
  if (matchedScratch.length < secondLength) matchedScratch = new Uint8Array(secondLength * 2);
  if (matchesScratch.length < firstLength) matchesScratch = new Int32Array(firstLength * 2);
  const matched = matchedScratch;
  const firstMatches = matchesScratch;
  matched.fill(0, 0, secondLength);
  const window = Math.max(0, Math.floor(Math.max(firstLength, secondLength) / 2) - 1);
  let matches = 0;
  for (let index = 0; index < firstLength; index += 1) {
    const from = Math.max(0, index - window);
    const to = Math.min(secondLength - 1, index + window);
    const character = first[index]!;
    for (let other = from; other <= to; other += 1) {
      if (matched[other] === 0 && second[other] === character) {
        matched[other] = 1;
        firstMatches[matches] = character;
        matches += 1;
        break;
      }
    }
  }
  if (matches === 0) return 0;
  let halfTranspositions = 0;
  let position = 0;
  for (let other = 0; other < secondLength; other += 1) {
    if (matched[other] === 0) continue;
    if (firstMatches[position] !== second[other]) halfTranspositions += 1;
    position += 1;
  }
  const transpositions = halfTranspositions / 2;
  return (matches / firstLength + matches / secondLength + (matches - transpositions) / matches) / 3;
}

/** Jaro–Winkler of two prepared names; equal to `jaroWinkler(left.key, right.key)`. */
export function preparedJaroWinkler(left: PreparedName, right: PreparedName): number {
  const similarity =
    left.key <= right.key
      ? jaroCodePoints(left.codePoints, right.codePoints)
      : jaroCodePoints(right.codePoints, left.codePoints);
  if (similarity <= WINKLER_BOOST_THRESHOLD) return similarity;
  const leftPoints = left.codePoints;
  const rightPoints = right.codePoints;
  let prefix = 0;
  while (
    prefix < WINKLER_MAX_PREFIX &&
    prefix < leftPoints.length &&
    prefix < rightPoints.length &&
    leftPoints[prefix] === rightPoints[prefix]
  ) {
    prefix += 1;
  }
  return Math.min(1, similarity + prefix * WINKLER_PREFIX_SCALE * (1 - similarity));
}

function sharesCode(left: Int32Array, right: Int32Array): boolean {
  // Both sorted: a merge walk.
  let leftIndex = 0;
  let rightIndex = 0;
  while (leftIndex < left.length && rightIndex < right.length) {
    const leftCode = left[leftIndex]!;
    const rightCode = right[rightIndex]!;
    if (leftCode === rightCode) return true;
    if (leftCode < rightCode) leftIndex += 1;
    else rightIndex += 1;
  }
  return false;
}

const tokensOf = (name: PreparedName): Int32Array[] =>
  name.tokenCodes.length === 0 ? [name.phoneticCodes] : name.tokenCodes;
const hasCode = (codes: Int32Array, code: number) => codes.includes(code);

// Level indexes follow `fieldLevels` (fellegi-sunter.ts).
const NAME_MISSING = 5;
const BIRTH_MISSING = 7;
const CODE_MISSING = 2;
const PLACE_MISSING = 3;

function nameLevel(left: PreparedName | undefined, right: PreparedName | undefined): number {
  if (left === undefined || right === undefined) return NAME_MISSING;
  if (left.keyId === right.keyId) return 0;
  const singleTokens = left.tokenCodes.length === 0 && right.tokenCodes.length === 0;
  if (singleTokens && sharesCode(left.phoneticCodes, right.phoneticCodes)) return 1;
  let partners = left.partners;
  if (partners !== undefined) {
    const cached = partners.get(right.keyId);
    if (cached >= 0) return cached;
  }
  let level: number;
  if (!singleTokens && tokensSoundAlike(tokensOf(left), tokensOf(right), hasCode)) level = 1;
  else {
    const similarity = preparedJaroWinkler(left, right);
    level = similarity >= NAME_VERY_SIMILAR ? 2 : similarity >= NAME_SIMILAR ? 3 : 4;
  }
  if (partners === undefined) {
    partners = new PartnerLevels(left.partnerBudget);
    left.partners = partners;
  }
  partners.set(right.keyId, level);
  return level;
}

function placeLevel(left: PreparedName | undefined, right: PreparedName | undefined): number {
  if (left === undefined || right === undefined) return PLACE_MISSING;
  if (left.keyId === right.keyId) return 0;
  const lower = Math.min(left.keyId, right.keyId);
  const higher = Math.max(left.keyId, right.keyId);
  const cache = left.placeLevels;
  const cached = cache.get(lower, higher);
  if (cached >= 0) return cached;
  const singleTokens = left.tokenCodes.length === 0 && right.tokenCodes.length === 0;
  const soundAlike = singleTokens
    ? sharesCode(left.phoneticCodes, right.phoneticCodes)
    : tokensSoundAlike(tokensOf(left), tokensOf(right), hasCode);
  const level = soundAlike || preparedJaroWinkler(left, right) >= PLACE_SIMILAR ? 1 : 2;
  cache.set(lower, higher, level);
  return level;
}

function birthLevel(left: PreparedBirth, right: PreparedBirth): number {
  if (left.kind === 0 || right.kind === 0) return BIRTH_MISSING;
  if (left.kind === 2 || right.kind === 2) {
    if (Number.isNaN(left.earliest) || Number.isNaN(right.earliest)) return BIRTH_MISSING;
    return left.earliest <= right.latest && right.earliest <= left.latest ? 4 : 6;
  }
  if (!left.plausible || !right.plausible) return BIRTH_MISSING;
  const bothFull = left.month !== 0 && left.day !== 0 && right.month !== 0 && right.day !== 0;
  // `dayAndMonthConflict` (dates.ts): full dates with another day and month, not swapped.
  const conflict =
    bothFull &&
    left.month !== right.month &&
    left.day !== right.day &&
    !(left.day === right.month && left.month === right.day);
  if (left.year !== right.year) return Math.abs(left.year - right.year) === 1 && !conflict ? 5 : 6;
  if (bothFull && left.month === right.month && left.day === right.day) return 0;
  if (bothFull && left.day === right.month && left.month === right.day) return 1;
  if (left.month !== 0 && left.month === right.month) return 2;
  return conflict ? 6 : 3;
}

function codeLevel(left: number, right: number): number {
  if (left === 0 || right === 0) return CODE_MISSING;
  return left === right ? 0 : 1;
}

/** Field order of the level arrays: the order of `linkageFields`. */
export const GIVEN = 0;
export const FAMILY = 1;
export const BIRTH = 2;
export const SEX = 3;
export const NATIONALITY = 4;
export const PLACE = 5;

/**
 * Levels of a prepared pair, as indexes into `fieldLevels[field]`, written into `levels`
 * (length ≥ 6, in `linkageFields` order). Returns whether the names agreed better swapped.
 * Same levels as `compareRecords` on the records as written.
 */
export function comparePrepared(left: PreparedRecord, right: PreparedRecord, levels: Uint8Array): boolean {
  const straightGiven = nameLevel(left.givenName, right.givenName);
  const straightFamily = nameLevel(left.familyName, right.familyName);
  let swapped = false;
  let given = straightGiven;
  let family = straightFamily;
  // 5 − rank per name (missing counts 0); both exact (10) cannot be beaten crossed.
  if (straightGiven + straightFamily > 0) {
    const crossedGiven = nameLevel(left.givenName, right.familyName);
    const crossedFamily = nameLevel(left.familyName, right.givenName);
    if (10 - crossedGiven - crossedFamily > 10 - straightGiven - straightFamily) {
      swapped = true;
      given = crossedGiven;
      family = crossedFamily;
    }
  }
  levels[GIVEN] = given;
  levels[FAMILY] = family;
  levels[BIRTH] = birthLevel(left.birth, right.birth);
  levels[SEX] = codeLevel(left.sex, right.sex);
  levels[NATIONALITY] = codeLevel(left.nationality, right.nationality);
  levels[PLACE] = placeLevel(left.birthPlace, right.birthPlace);
  return swapped;
}

/** The levels as `ComparisonLevels` words, for the explanation and for tests. */
export function levelNames(levels: Uint8Array): ComparisonLevels {
  const words = {} as Record<LinkageField, string>;
  linkageFields.forEach((field, index) => {
    words[field] = fieldLevels[field][levels[index]!]!;
  });
  return words as unknown as ComparisonLevels;
}

/** A linkage model turned into lookup tables for one vocabulary. */
export interface PreparedModel {
  /**
   * Weight per level index, per field (linkageFields order), per nationality level of the pair
   * (0 agree, 1 disagree, 2 missing: the u of `uForNationality`); 'missing' weighs 0.
   */
  weights: Float64Array[][];
  /** log2(m(exact) / frequency) of a given / family name, by key id (NaN: no frequency). */
  givenExact: Float64Array;
  familyExact: Float64Array;
  /**
   * Per nationality level × (given, family): the term-frequency shift (`termFrequencyShift`) and
   * the floor of an exact name's weight (the strongest weaker level, and 0).
   */
  exactShift: Float64Array;
  exactFloor: Float64Array;
  /** log2(λ / (1 − λ)). */
  priorWeight: number;
}

const nationalityLevels = fieldLevels.nationality;

/** Weights as `scorePair` computes them (`monotoneLevelWeights`). */
function fieldWeights(field: LinkageField, model: LinkageModel, nationality: number): Float64Array {
  return Float64Array.from(
    monotoneLevelWeights(field, model.m, uForNationality(model, nationalityLevels[nationality]!)),
  );
}

const MIN_TERM_FREQUENCY = 1e-6;

function exactWeights(
  field: 'givenName' | 'familyName',
  model: LinkageModel,
  vocabulary: Vocabulary,
): Float64Array {
  const frequencies = model.termFrequencies?.[field];
  if (frequencies === undefined) return new Float64Array(0);
  for (const key of frequencies.keys()) vocabulary.id(key);
  const table = new Float64Array(vocabulary.size + 1).fill(Number.NaN);
  const m = (model.m[field] as Record<string, number>).exact ?? 1;
  for (const [key, frequency] of frequencies)
    table[vocabulary.id(key)] = Math.log2(m / Math.max(frequency, MIN_TERM_FREQUENCY));
  return table;
}

export function prepareModel(model: LinkageModel, vocabulary: Vocabulary): PreparedModel {
  const weights = nationalityLevels.map((_level, nationality) =>
    linkageFields.map((field) => fieldWeights(field, model, nationality)),
  );
  const exactShift = new Float64Array(nationalityLevels.length * 2);
  const exactFloor = new Float64Array(nationalityLevels.length * 2);
  nationalityLevels.forEach((level, nationality) => {
    (['givenName', 'familyName'] as const).forEach((field, index) => {
      exactShift[nationality * 2 + index] = termFrequencyShift(model, field, level);
      const here = weights[nationality]![index === 0 ? GIVEN : FAMILY]!;
      exactFloor[nationality * 2 + index] = Math.max(0, strongestWeakerWeight(Array.from(here), field));
    });
  });
  return {
    weights,
    givenExact: exactWeights('givenName', model, vocabulary),
    familyExact: exactWeights('familyName', model, vocabulary),
    exactShift,
    exactFloor,
    priorWeight: Math.log2(model.lambda / (1 - model.lambda)),
  };
}

const scratchLevels = new Uint8Array(6);

/** Match weight of a prepared pair given levels already compared. */
export function weighLevels(
  left: PreparedRecord,
  levels: Uint8Array,
  model: PreparedModel,
  offset = 0,
): number {
  const nationality = levels[offset + NATIONALITY]!;
  const weights = model.weights[nationality]!;
  const givenLevel = levels[offset + GIVEN]!;
  const familyLevel = levels[offset + FAMILY]!;
  let given = weights[GIVEN]![givenLevel]!;
  if (givenLevel === 0 && left.givenKeyId < model.givenExact.length) {
    const exact = model.givenExact[left.givenKeyId]!;
    // NaN: no frequency, the level's weight stands.
    if (!Number.isNaN(exact))
      given = Math.max(model.exactFloor[nationality * 2]!, exact + model.exactShift[nationality * 2]!);
  }
  let family = weights[FAMILY]![familyLevel]!;
  if (familyLevel === 0 && left.familyKeyId < model.familyExact.length) {
    const exact = model.familyExact[left.familyKeyId]!;
    if (!Number.isNaN(exact))
      family = Math.max(
        model.exactFloor[nationality * 2 + 1]!,
        exact + model.exactShift[nationality * 2 + 1]!,
      );
  }
  return (
    given +
    family +
    weights[BIRTH]![levels[offset + BIRTH]!]! +
    weights[SEX]![levels[offset + SEX]!]! +
    weights[NATIONALITY]![nationality]! +
    weights[PLACE]![levels[offset + PLACE]!]!
  );
}

/** Match weight of a prepared pair: the same number as `scorePair(compareRecords(…)).matchWeight`. */
export function scorePrepared(left: PreparedRecord, right: PreparedRecord, model: PreparedModel): number {
  comparePrepared(left, right, scratchLevels);
  return weighLevels(left, scratchLevels, model);
}

/** Posterior probability of a match from a match weight. */
export function matchProbability(matchWeight: number, model: PreparedModel): number {
  return 1 / (1 + 2 ** -(matchWeight + model.priorWeight));
}

// ---- u by sampling and m by EM over level arrays (the algorithms of fellegi-sunter.ts) ----

const PSEUDO_COUNT = 0.5;
const FIELD_COUNT = 6;
const levelCounts = linkageFields.map((field) => fieldLevels[field].length);
const missingIndex = linkageFields.map((field) => fieldLevels[field].indexOf('missing' as never));

function probabilitiesFromCounts(counts: Float64Array[]): LevelProbabilities {
  const probabilities = {} as Record<LinkageField, Record<string, number>>;
  linkageFields.forEach((field, fieldIndex) => {
    const fieldCounts = counts[fieldIndex]!;
    let total = 0;
    for (let level = 0; level < levelCounts[fieldIndex]!; level += 1)
      if (level !== missingIndex[fieldIndex]) total += fieldCounts[level]! + PSEUDO_COUNT;
    probabilities[field] = {};
    fieldLevels[field].forEach((level, index) => {
      if (index !== missingIndex[fieldIndex])
        probabilities[field][level] = (fieldCounts[index]! + PSEUDO_COUNT) / total;
    });
  });
  return probabilities as LevelProbabilities;
}

const emptyCounts = () => levelCounts.map((count) => new Float64Array(count));

/**
 * u from random pairs of prepared records: `estimateU` without re-normalising. Draws the same
 * pairs as `estimateU` for the same `random`.
 */
export function estimateUPrepared(
  records: readonly PreparedRecord[],
  options: { sampleSize: number; random: () => number },
): LevelProbabilities {
  const counts = emptyCounts();
  const levels = new Uint8Array(FIELD_COUNT);
  if (records.length >= 2) {
    for (let sample = 0; sample < options.sampleSize; sample += 1) {
      const first = Math.floor(options.random() * records.length);
      let second = Math.floor(options.random() * (records.length - 1));
      if (second >= first) second += 1;
      comparePrepared(records[first]!, records[second]!, levels);
      for (let field = 0; field < FIELD_COUNT; field += 1) {
        const level = levels[field]!;
        if (level !== missingIndex[field]) counts[field]![level]! += 1;
      }
    }
  }
  return probabilitiesFromCounts(counts);
}

/**
 * u among random pairs whose nationalities agree, and among random pairs whose nationalities
 * disagree (`LinkageModel.uByNationality`). Agreeing pairs are drawn as random pairs conditioned
 * on agreement: a nationality is chosen in proportion to the pairs it makes, then two of its
 * records. Without two records of one nationality (or of two), that side is the overall u.
 */
export function estimateUByNationality(
  records: readonly PreparedRecord[],
  options: { sampleSize: number; random: () => number; overall: LevelProbabilities },
): { agree: LevelProbabilities; disagree: LevelProbabilities } {
  const groups = new Map<number, PreparedRecord[]>();
  for (const record of records) {
    if (record.nationality === 0) continue;
    const group = groups.get(record.nationality);
    if (group === undefined) groups.set(record.nationality, [record]);
    else group.push(record);
  }
  const members = [...groups.values()];
  const cumulative = new Float64Array(members.length);
  let pairsWithin = 0;
  members.forEach((group, index) => {
    pairsWithin += group.length * (group.length - 1);
    cumulative[index] = pairsWithin;
  });
  const levels = new Uint8Array(FIELD_COUNT);
  const tally = (counts: Float64Array[]) => {
    for (let field = 0; field < FIELD_COUNT; field += 1) {
      const level = levels[field]!;
      if (level !== missingIndex[field]) counts[field]![level]! += 1;
    }
  };
  const agree = emptyCounts();
  if (pairsWithin > 0)
    for (let sample = 0; sample < options.sampleSize; sample += 1) {
      const target = options.random() * pairsWithin;
      let group = 0;
      while (cumulative[group]! <= target) group += 1;
      const chosen = members[group]!;
      const first = Math.floor(options.random() * chosen.length);
      let second = Math.floor(options.random() * (chosen.length - 1));
      if (second >= first) second += 1;
      comparePrepared(chosen[first]!, chosen[second]!, levels);
      tally(agree);
    }
  const disagree = emptyCounts();
  const withNationality = members.flat();
  if (members.length >= 2) {
    let drawn = 0;
    // Rejection: most random pairs of a mixed file disagree; give up on a file that hardly does.
    for (let attempt = 0; drawn < options.sampleSize && attempt < options.sampleSize * 20; attempt += 1) {
      const first = withNationality[Math.floor(options.random() * withNationality.length)]!;
      const second = withNationality[Math.floor(options.random() * withNationality.length)]!;
      if (first.nationality === second.nationality) continue;
      comparePrepared(first, second, levels);
      tally(disagree);
      drawn += 1;
    }
  }
  const total = (counts: Float64Array[]) => counts[GIVEN]!.reduce((sum, count) => sum + count, 0);
  return {
    agree: total(agree) > 0 ? probabilitiesFromCounts(agree) : options.overall,
    disagree: total(disagree) > 0 ? probabilitiesFromCounts(disagree) : options.overall,
  };
}

function tableOf(probabilities: LevelProbabilities): Float64Array[] {
  return linkageFields.map((field, fieldIndex) => {
    const table = new Float64Array(levelCounts[fieldIndex]!).fill(1);
    fieldLevels[field].forEach((level, index) => {
      const value = (probabilities[field] as Record<string, number>)[level];
      if (value !== undefined) table[index] = value;
    });
    return table;
  });
}

/**
 * m and λ by EM over level arrays (6 bytes per pair, `linkageFields` order): `estimateM` on
 * comparison vectors, without building them.
 */
export function estimateMPrepared(
  pairLevels: Uint8Array,
  u: LevelProbabilities,
  options: {
    iterations: number;
    initialLambda?: number;
    /**
     * Also re-estimate the non-match distribution among the candidates (starting from `u`).
     * Blocked non-matches agree far more often than random pairs do; with u fixed at the random
     * sample, EM would explain them as matches. The returned u is then that of the candidates.
     */
    freeU?: boolean;
    /** Upper bound of λ (e.g. at most one match per record of the smaller file). */
    maxLambda?: number;
    /** Keep m fixed at this (estimate λ, and u when free, only). */
    fixedM?: LevelProbabilities;
    /** Fields (indexes in `linkageFields` order) the likelihood uses; all unless told. */
    fields?: readonly number[];
  },
): { m: LevelProbabilities; lambda: number; u: LevelProbabilities } {
  const pairCount = Math.floor(pairLevels.length / FIELD_COUNT);
  const initial = emptyCounts();
  linkageFields.forEach((_field, fieldIndex) => {
    const usable = levelCounts[fieldIndex]! - 1;
    for (let level = 0; level < usable; level += 1) initial[fieldIndex]![level] = 2 ** (usable - level) * 10;
  });
  let m = options.fixedM ?? probabilitiesFromCounts(initial);
  let lambda = options.initialLambda ?? 0.1;
  let candidateU = u;
  const used = Uint8Array.from({ length: FIELD_COUNT }, (_, field) =>
    options.fields === undefined || options.fields.includes(field) ? 1 : 0,
  );
  for (let iteration = 0; iteration < options.iterations && pairCount > 0; iteration += 1) {
    const mTable = tableOf(m);
    const uTable = tableOf(candidateU);
    const counts = emptyCounts();
    const nonMatchCounts = emptyCounts();
    let matchTotal = 0;
    for (let pair = 0; pair < pairCount; pair += 1) {
      const offset = pair * FIELD_COUNT;
      let matchLikelihood = lambda;
      let nonMatchLikelihood = 1 - lambda;
      let mProduct = 1;
      let uProduct = 1;
      for (let field = 0; field < FIELD_COUNT; field += 1) {
        const level = pairLevels[offset + field]!;
        if (level === missingIndex[field] || used[field] === 0) continue;
        mProduct *= mTable[field]![level]!;
        uProduct *= uTable[field]![level]!;
      }
      matchLikelihood *= mProduct;
      nonMatchLikelihood *= uProduct;
      const probability = matchLikelihood / (matchLikelihood + nonMatchLikelihood);
      matchTotal += probability;
      for (let field = 0; field < FIELD_COUNT; field += 1) {
        const level = pairLevels[offset + field]!;
        if (level === missingIndex[field]) continue;
        counts[field]![level]! += probability;
        nonMatchCounts[field]![level]! += 1 - probability;
      }
    }
    if (options.fixedM === undefined) m = probabilitiesFromCounts(counts);
    if (options.freeU) candidateU = probabilitiesFromCounts(nonMatchCounts);
    lambda = Math.min(options.maxLambda ?? 1 - 1e-6, 1 - 1e-6, Math.max(1e-6, matchTotal / pairCount));
  }
  return { m, lambda, u: candidateU };
}
