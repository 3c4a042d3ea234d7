import type { IsoDate } from '../../kernel/dates.js';
import type { BirthDateEvidence } from '../dates.js';
import {
  blockingKeys,
  compareRecords,
  type LevelProbabilities,
  type LinkageField,
  type LinkageModel,
  linkageFields,
  type PersonRecord,
  scorePair,
  seededRandom,
  type TermFrequencies,
} from '../fellegi-sunter.js';
import {
  estimateUByNationality,
  estimateUPrepared,
  type PreparedRecord,
  prepareRecord,
  Vocabulary,
} from '../prepared-record.js';

// How the register uses the linkage kernel (src/tracing/fellegi-sunter.ts) inside one
// installation: what a report and a registered person look like as linkage records, the model's
// constants, blocking, and the candidates worth a reviewer's time. Pure: the store decrypts, this
// decides. See docs/decisions/0020-missing-person-register-and-review-queue.md.

/** A candidate is stored for review when its match probability is at least this (0020). */
export const CANDIDATE_THRESHOLD = 0.2;

/** Below this many records, u and term frequencies are not estimated from the register but taken as given. */
export const MIN_RECORDS_FOR_ESTIMATES = 200;
export const U_SAMPLE_SIZE = 2000;
/** Fixed, so two runs on the same register give the same u (and so the same probabilities). */
export const U_SAMPLE_SEED = 20_26;

/** Prior probability that a blocked pair is the same person (0020: of the order of one in a thousand). */
export const PRIOR_MATCH_PROBABILITY = 0.001;

/**
 * m: how often the same person, registered twice by different agencies, shows each level. Set from
 * the corruption rates cross-border records show (issue 5 acceptance 7; 0017's synthetic register):
 * most names agree after normalisation, a tenth differ by transliteration, dates are often
 * year-only or an estimate, sex is rarely wrong, nationality sometimes missing or changed.
 */
export const defaultM: LevelProbabilities = {
  givenName: { exact: 0.7, same_phonetic_code: 0.15, very_similar: 0.07, similar: 0.04, different: 0.04 },
  familyName: { exact: 0.65, same_phonetic_code: 0.15, very_similar: 0.07, similar: 0.04, different: 0.09 },
  birthDate: {
    exact: 0.55,
    day_month_swapped: 0.04,
    same_year_month: 0.06,
    same_year: 0.12,
    within_age_estimate: 0.15,
    year_off_by_one: 0.05,
    different: 0.03,
  },
  sex: { agree: 0.97, disagree: 0.03 },
  nationality: { agree: 0.9, disagree: 0.1 },
  birthPlace: { exact: 0.6, similar: 0.2, different: 0.2 },
};

/**
 * u: how often two different people show each level. Used as given in small registers; in a
 * register of MIN_RECORDS_FOR_ESTIMATES or more, estimated by sampling random pairs (0017).
 */
export const defaultU: LevelProbabilities = {
  givenName: { exact: 0.01, same_phonetic_code: 0.01, very_similar: 0.01, similar: 0.04, different: 0.93 },
  familyName: {
    exact: 0.003,
    same_phonetic_code: 0.005,
    very_similar: 0.005,
    similar: 0.03,
    different: 0.957,
  },
  birthDate: {
    exact: 0.0002,
    day_month_swapped: 0.0001,
    same_year_month: 0.003,
    same_year: 0.03,
    within_age_estimate: 0.15,
    year_off_by_one: 0.06,
    different: 0.7567,
  },
  sex: { agree: 0.5, disagree: 0.5 },
  nationality: { agree: 0.4, disagree: 0.6 },
  birthPlace: { exact: 0.02, similar: 0.02, different: 0.96 },
};

/** The model for one run over a register: fixed m and prior; u (overall and by nationality) and name frequencies from the register when large enough. */
export function registerModel(records: readonly PersonRecord[], referenceDate: IsoDate): LinkageModel {
  if (records.length < MIN_RECORDS_FOR_ESTIMATES)
    return { m: defaultM, u: defaultU, lambda: PRIOR_MATCH_PROBABILITY };
  // Prepared once, the sample is array work: the same pairs and levels as `estimateU` (the kernel's
  // prepared-record tests), about a tenth of its time on a register of thousands.
  const vocabulary = new Vocabulary();
  const prepared = records.map((record) => prepareRecord(record, vocabulary, { referenceDate }));
  const random = seededRandom(U_SAMPLE_SEED);
  const u = estimateUPrepared(prepared, { sampleSize: U_SAMPLE_SIZE, random });
  return {
    m: defaultM,
    u,
    lambda: PRIOR_MATCH_PROBABILITY,
    termFrequencies: nameFrequencies(prepared),
    // Names and birthplace weighed against compatriots when nationalities agree, as `palermo link`
    // weighs them (docs/decisions/0027): two compatriots otherwise count their common origin in
    // nationality, both names and birthplace, and same-name strangers come out near certain.
    uByNationality: estimateUByNationality(prepared, { sampleSize: U_SAMPLE_SIZE, random, overall: u }),
  };
}

/**
 * The kernel's `termFrequencies` (the share of records carrying each normalised name key), read
 * from the keys already prepared instead of normalising every name a second time.
 */
export function nameFrequencies(records: readonly PreparedRecord[]): TermFrequencies {
  const shares = (pick: (record: PreparedRecord) => string | undefined) => {
    const counts = new Map<string, number>();
    let total = 0;
    for (const record of records) {
      const key = pick(record);
      if (key === undefined || key === '') continue;
      counts.set(key, (counts.get(key) ?? 0) + 1);
      total += 1;
    }
    for (const [key, count] of counts) counts.set(key, count / total);
    return counts;
  };
  return {
    givenName: shares((record) => record.givenName?.key),
    familyName: shares((record) => record.familyName?.key),
  };
}

type Sex = 'female' | 'male' | 'not_known';
type BirthDate = { year: number; month?: number; day?: number };

/** What a report or an identity says about a person, as far as linkage reads it. */
export type LinkageFacts = {
  /** Each way the person's name is written: original script, Latin, other names. */
  names: { given?: string | undefined; family?: string | undefined }[];
  sex: Sex;
  dateOfBirth?: BirthDate | undefined;
  ageEstimate?: number | undefined;
  /** The day the age was estimated (the report's date); none: the comparison's reference date. */
  ageEstimatedOn?: IsoDate | undefined;
  citizenship?: string | undefined;
  placeOfBirth?: string | undefined;
};

/** "Ana Maria Popescu" → given "Ana Maria", family "Popescu" (the comparison also tries them swapped). */
export function splitFullName(fullName: string): { given?: string; family?: string } {
  const tokens = fullName.trim().split(/\s+/).filter(Boolean);
  if (tokens.length === 0) return {};
  if (tokens.length === 1) return { given: tokens[0]! };
  return { given: tokens.slice(0, -1).join(' '), family: tokens[tokens.length - 1]! };
}

/** At most this many spellings per person are compared (original, Latin, two other names). */
export const MAX_NAME_VARIANTS = 4;

/** The linkage records of a person: one per way their name is written, the other fields alike. */
export function linkageRecords(id: string, facts: LinkageFacts): PersonRecord[] {
  const birth: BirthDateEvidence | undefined =
    facts.dateOfBirth !== undefined
      ? { ...facts.dateOfBirth }
      : facts.ageEstimate !== undefined
        ? {
            aboutAge: facts.ageEstimate,
            ...(facts.ageEstimatedOn === undefined ? {} : { estimatedOn: facts.ageEstimatedOn }),
          }
        : undefined;
  const common: Omit<PersonRecord, 'id'> = {
    ...(facts.sex === 'female' ? { sex: 'F' as const } : facts.sex === 'male' ? { sex: 'M' as const } : {}),
    ...(birth === undefined ? {} : { birth }),
    ...(facts.citizenship === undefined ? {} : { nationality: facts.citizenship }),
    ...(facts.placeOfBirth === undefined ? {} : { birthPlace: facts.placeOfBirth }),
  };
  const names = facts.names
    .filter((name) => name.given !== undefined || name.family !== undefined)
    .slice(0, MAX_NAME_VARIANTS);
  if (names.length === 0) return [{ id, ...common }];
  return names.map((name) => ({
    id,
    ...common,
    ...(name.given === undefined ? {} : { givenName: name.given }),
    ...(name.family === undefined ? {} : { familyName: name.family }),
  }));
}

/** A report or a case's person, with its linkage records. */
export type LinkageSubject<Key> = { key: Key; records: readonly PersonRecord[] };

export type CandidateScore<Key> = {
  key: Key;
  probability: number;
  matchWeight: number;
  namesSwapped: boolean;
  comparison: { field: LinkageField; level: string; weight: number }[];
};

/**
 * Blocking keys of a record: the kernel's, and for an estimated age the birth years it allows
 * (the kernel gives an estimate no year key), so a child known only as "about 14" still meets the
 * records born in the years around.
 */
export function subjectBlockingKeys(records: readonly PersonRecord[], referenceDate: IsoDate): Set<string> {
  const keys = new Set<string>();
  for (const record of records) {
    for (const key of blockingKeys(record)) keys.add(key);
    const birth = record.birth;
    if (birth !== undefined && 'aboutAge' in birth) {
      const on = birth.estimatedOn ?? referenceDate;
      const centre = Number(on.slice(0, 4)) - birth.aboutAge;
      const tolerance = birth.toleranceYears ?? 2;
      for (let year = centre - tolerance - 1; year <= centre + tolerance; year += 1)
        for (const key of blockingKeys({ ...record, birth: { year } })) keys.add(key);
    }
  }
  return keys;
}

/** An index from blocking key to the subjects carrying it, built once per run. */
export function blockingIndex<Key>(
  subjects: readonly LinkageSubject<Key>[],
  referenceDate: IsoDate,
): Map<string, number[]> {
  const index = new Map<string, number[]>();
  subjects.forEach((subject, position) => {
    for (const key of subjectBlockingKeys(subject.records, referenceDate)) {
      const block = index.get(key);
      if (block === undefined) index.set(key, [position]);
      else block.push(position);
    }
  });
  return index;
}

/** The best-scoring comparison of two subjects over their spellings. */
export function scoreSubjects<Key>(
  left: LinkageSubject<unknown>,
  right: LinkageSubject<Key>,
  model: LinkageModel,
  referenceDate: IsoDate,
): CandidateScore<Key> {
  let best: CandidateScore<Key> | null = null;
  for (const leftRecord of left.records)
    for (const rightRecord of right.records) {
      const vector = compareRecords(leftRecord, rightRecord, { referenceDate });
      const score = scorePair(vector, model);
      if (best === null || score.matchWeight > best.matchWeight)
        best = {
          key: right.key,
          probability: score.probability,
          matchWeight: score.matchWeight,
          namesSwapped: vector.swapped,
          comparison: score.explanation.map(({ field, level, weight }) => ({
            field,
            level,
            weight: Math.round(weight * 100) / 100,
          })),
        };
    }
  return best!;
}

/**
 * The candidates for one subject among others: those sharing a blocking key, scored, kept at
 * CANDIDATE_THRESHOLD or above, most probable first. It proposes; it never decides a match.
 */
export function findCandidates<Key>(
  subject: LinkageSubject<unknown>,
  others: readonly LinkageSubject<Key>[],
  index: ReadonlyMap<string, readonly number[]>,
  model: LinkageModel,
  referenceDate: IsoDate,
  options: { threshold?: number; skip?: (key: Key) => boolean } = {},
): { candidates: CandidateScore<Key>[]; compared: number } {
  const threshold = options.threshold ?? CANDIDATE_THRESHOLD;
  const positions = new Set<number>();
  for (const key of subjectBlockingKeys(subject.records, referenceDate))
    for (const position of index.get(key) ?? [])
      if (options.skip === undefined || !options.skip(others[position]!.key)) positions.add(position);
  const candidates: CandidateScore<Key>[] = [];
  for (const position of positions) {
    const other = others[position]!;
    if (other.records.length === 0) continue;
    const score = scoreSubjects(subject, other, model, referenceDate);
    if (score.probability >= threshold) candidates.push(score);
  }
  candidates.sort((a, b) => b.probability - a.probability);
  return { candidates, compared: positions.size };
}

export { linkageFields };
