import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  blockingKeys,
  type ComparisonLevels,
  type ComparisonVector,
  candidatePairs,
  compareRecords,
  estimateM,
  estimateU,
  fieldLevels,
  type LevelProbabilities,
  type LinkageModel,
  linkageFields,
  monotoneLevelWeights,
  type PersonRecord,
  scorePair,
  seededRandom,
  sharesPhoneticCode,
  strongerLevels,
  termFrequencies,
} from './fellegi-sunter.js';

function aPerson(overrides: Partial<PersonRecord> = {}): PersonRecord {
  return {
    id: 'p1',
    givenName: 'Olena',
    familyName: 'Shevchenko',
    sex: 'F',
    birth: { year: 2006, month: 4, day: 12 },
    nationality: 'UKR',
    birthPlace: 'Kharkiv',
    ...overrides,
  };
}

const givenNames = [
  'Olena',
  'Iryna',
  'Maria',
  'Ana',
  'Elena',
  'Natalia',
  'Oksana',
  'Tetiana',
  'Ioana',
  'Daria',
];
const familyNames = [
  'Shevchenko',
  'Popescu',
  'Kovalenko',
  'Bondarenko',
  'Ionescu',
  'Tkachenko',
  'Kravchenko',
  'Moraru',
  'Rusu',
  'Lysenko',
  'Marchenko',
  'Dumitru',
  'Ciobanu',
  'Savchenko',
  'Rudenko',
  'Petrenko',
];
const nationalities = ['UKR', 'UKR', 'UKR', 'MDA', 'MDA', 'ROU'];
const places = ['Kharkiv', 'Kyiv', 'Odesa', 'Chisinau', 'Balti', 'Iasi', 'Lviv', 'Dnipro'];

type Random = () => number;
const pick = <T>(random: Random, values: readonly T[]): T => values[Math.floor(random() * values.length)]!;

function typo(random: Random, name: string): string {
  const position = 1 + Math.floor(random() * (name.length - 2));
  return (
    name.slice(0, position) + name.charAt(position + 1) + name.charAt(position) + name.slice(position + 2)
  );
}

/** Generating rates of the duplicates' corruptions, for EM to recover. */
const corruption = {
  sexFlip: 0.05,
  nationalityChange: 0.1,
  dayMonthSwap: 0.1,
  yearOff: 0.1,
  familyTypo: 0.2,
};

/** Day and month both 1–12 and different, so a swapped copy is still a valid, different date. */
function aBirthDateThatCanBeSwapped(random: Random): { year: number; month: number; day: number } {
  const month = 1 + Math.floor(random() * 12);
  const day = ((month + Math.floor(random() * 11)) % 12) + 1;
  return { year: 1980 + Math.floor(random() * 30), month, day };
}

function aRegister(
  seed: number,
  people: number,
): { records: PersonRecord[]; duplicates: [number, number][] } {
  const random = seededRandom(seed);
  const records: PersonRecord[] = [];
  const duplicates: [number, number][] = [];
  for (let person = 0; person < people; person += 1) {
    const original: PersonRecord = {
      id: `r${records.length}`,
      givenName: pick(random, givenNames),
      familyName: pick(random, familyNames),
      sex: random() < 0.5 ? 'F' : 'M',
      birth: aBirthDateThatCanBeSwapped(random),
      nationality: pick(random, nationalities),
      birthPlace: pick(random, places),
    };
    records.push(original);
    if (random() < 0.3) {
      const birth = { year: 0, month: 0, day: 0, ...original.birth };
      const roll = random();
      const duplicateBirth =
        roll < corruption.dayMonthSwap
          ? { year: birth.year, month: birth.day, day: birth.month }
          : roll < corruption.dayMonthSwap + corruption.yearOff
            ? { ...birth, year: birth.year + 1 }
            : birth;
      const duplicate: PersonRecord = {
        ...original,
        id: `r${records.length}`,
        familyName:
          random() < corruption.familyTypo ? typo(random, original.familyName!) : original.familyName!,
        sex: random() < corruption.sexFlip ? (original.sex === 'F' ? 'M' : 'F') : original.sex!,
        nationality:
          random() < corruption.nationalityChange
            ? pick(
                random,
                ['UKR', 'MDA', 'ROU'].filter((code) => code !== original.nationality),
              )
            : original.nationality!,
        birth: duplicateBirth,
      };
      duplicates.push([records.length - 1, records.length]);
      records.push(duplicate);
    }
  }
  return { records, duplicates };
}

function aModel(records: PersonRecord[], duplicates: [number, number][], seed = 7): LinkageModel {
  const random = seededRandom(seed);
  const u = estimateU(records, { sampleSize: 20_000, random });
  const pairs: ComparisonVector[] = duplicates.map(([left, right]) =>
    compareRecords(records[left]!, records[right]!),
  );
  for (let sample = 0; sample < duplicates.length * 4; sample += 1) {
    pairs.push(compareRecords(pick(random, records), pick(random, records)));
  }
  const { m, lambda } = estimateM(pairs, u, { iterations: 50 });
  return { m, u, lambda };
}

const level = (vector: ComparisonVector) => vector.levels;

describe('compareRecords', () => {
  it('puts the same person with the same details at the strongest level of every field', () => {
    expect(level(compareRecords(aPerson(), aPerson({ id: 'p2' })))).toEqual({
      givenName: 'exact',
      familyName: 'exact',
      birthDate: 'exact',
      sex: 'agree',
      nationality: 'agree',
      birthPlace: 'exact',
    } satisfies ComparisonLevels);
  });

  it('finds Shevchenko and Szewczenko share a Daitch–Mokotoff code', () => {
    const vector = compareRecords(aPerson(), aPerson({ familyName: 'Szewczenko' }));
    expect(vector.levels.familyName).toBe('same_phonetic_code');
  });

  it('treats a Cyrillic spelling of the same name as the same name', () => {
    expect(compareRecords(aPerson(), aPerson({ familyName: 'Шевченко' })).levels.familyName).toBe('exact');
  });

  it('grades spelling differences by Jaro–Winkler', () => {
    expect(compareRecords(aPerson(), aPerson({ givenName: 'Olenna' })).levels.givenName).toMatch(
      /same_phonetic_code|very_similar/,
    );
    expect(
      compareRecords(aPerson({ familyName: 'Kovalenko' }), aPerson({ familyName: 'Kovalchuk' })).levels
        .familyName,
    ).toBe('similar');
    expect(compareRecords(aPerson(), aPerson({ familyName: 'Popescu' })).levels.familyName).toBe('different');
  });

  it('tries given and family name swapped and says so', () => {
    const vector = compareRecords(aPerson(), aPerson({ givenName: 'Shevchenko', familyName: 'Olena' }));
    expect(vector.swapped).toBe(true);
    expect(vector.levels.givenName).toBe('exact');
    expect(vector.levels.familyName).toBe('exact');
    expect(compareRecords(aPerson(), aPerson()).swapped).toBe(false);
  });

  it('takes birth date levels from compareBirthDates', () => {
    expect(
      compareRecords(aPerson(), aPerson({ birth: { year: 2006, month: 12, day: 4 } })).levels.birthDate,
    ).toBe('day_month_swapped');
    expect(compareRecords(aPerson(), aPerson({ birth: { year: 2007 } })).levels.birthDate).toBe(
      'year_off_by_one',
    );
  });

  it('gives a level of its own to what is missing on either side', () => {
    const vector = compareRecords(aPerson(), {
      id: 'p2',
      givenName: 'Olena',
      familyName: 'Shevchenko',
    });
    expect(vector.levels).toMatchObject({
      sex: 'missing',
      birthDate: 'missing',
      nationality: 'missing',
      birthPlace: 'missing',
    });
  });

  it('grades birth places as exact, similar or different', () => {
    expect(compareRecords(aPerson(), aPerson({ birthPlace: 'Kharkov' })).levels.birthPlace).toBe('similar');
    expect(compareRecords(aPerson(), aPerson({ birthPlace: 'kharkiv' })).levels.birthPlace).toBe('exact');
    expect(compareRecords(aPerson(), aPerson({ birthPlace: 'Odesa' })).levels.birthPlace).toBe('different');
    // Romanisations of one place that spell it too differently for Jaro–Winkler still sound alike.
    expect(
      compareRecords(aPerson({ birthPlace: 'Київ' }), aPerson({ birthPlace: 'Kiev' })).levels.birthPlace,
    ).toBe('similar');
    expect(compareRecords(aPerson(), aPerson({ sex: 'M', nationality: 'MDA' })).levels).toMatchObject({
      sex: 'disagree',
      nationality: 'disagree',
    });
  });
});

describe('estimateU', () => {
  it('converges near the true agreement rates of unrelated records', () => {
    const random = seededRandom(1);
    const records: PersonRecord[] = Array.from({ length: 2000 }, (_, index) => ({
      id: `r${index}`,
      sex: random() < 0.5 ? 'F' : 'M',
      nationality: random() < 0.6 ? 'UKR' : random() < 0.75 ? 'MDA' : 'ROU',
    }));
    const u = estimateU(records, { sampleSize: 20_000, random: seededRandom(2) });
    expect(u.sex.agree).toBeCloseTo(0.5, 1);
    // P(UKR)=0.6, P(MDA)=0.3, P(ROU)=0.1: 0.36 + 0.09 + 0.01
    expect(Math.abs(u.nationality.agree! - 0.46)).toBeLessThan(0.02);
    expect(Math.abs(u.sex.agree! - 0.5)).toBeLessThan(0.02);
  });
});

describe('estimateM', () => {
  it('recovers the generating m of duplicates on a synthetic register', () => {
    const { records, duplicates } = aRegister(42, 3000);
    const model = aModel(records, duplicates);
    expect(Math.abs(model.m.sex.agree! - (1 - corruption.sexFlip))).toBeLessThan(0.04);
    expect(Math.abs(model.m.nationality.agree! - (1 - corruption.nationalityChange))).toBeLessThan(0.04);
    expect(Math.abs(model.m.birthDate.day_month_swapped! - corruption.dayMonthSwap)).toBeLessThan(0.04);
    expect(Math.abs(model.m.birthDate.year_off_by_one! - corruption.yearOff)).toBeLessThan(0.04);
    // 1 duplicate in 5 candidate pairs
    expect(Math.abs(model.lambda - 0.2)).toBeLessThan(0.03);
  }, 30_000);
});

describe('scorePair', () => {
  const { records, duplicates } = aRegister(43, 2000);
  const model = aModel(records, duplicates);

  it('scores true duplicates higher than unrelated records', () => {
    const random = seededRandom(9);
    const duplicateProbabilities = duplicates.map(
      ([left, right]) => scorePair(compareRecords(records[left]!, records[right]!), model).probability,
    );
    const unrelated = Array.from(
      { length: 500 },
      () => scorePair(compareRecords(pick(random, records), pick(random, records)), model).probability,
    );
    const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
    expect(mean(duplicateProbabilities)).toBeGreaterThan(0.9);
    expect(mean(unrelated)).toBeLessThan(0.1);
  });

  it('explains every field with a sentence in plain words', () => {
    const score = scorePair(
      compareRecords(
        aPerson(),
        aPerson({ familyName: 'Szewczenko', birth: { year: 2006, month: 12, day: 4 }, sex: undefined }),
      ),
      model,
    );
    const sentences = score.explanation.map((line) => line.sentence);
    expect(sentences).toContain('family name: Shevchenko vs Szewczenko, same Daitch–Mokotoff code');
    expect(sentences).toContain('date of birth: 2006-04-12 vs 2006-12-04, day and month swapped');
    expect(score.explanation.find((line) => line.field === 'sex')).toMatchObject({
      level: 'missing',
      weight: 0,
    });
    for (const sentence of sentences) expect(sentence.length).toBeGreaterThan(0);
  });

  it('says when given and family name were swapped', () => {
    const score = scorePair(
      compareRecords(aPerson(), aPerson({ givenName: 'Shevchenko', familyName: 'Olena' })),
      model,
    );
    expect(score.explanation[0]!.sentence).toMatch(/swapped/);
  });

  const anyLevels: fc.Arbitrary<ComparisonLevels> = fc.record({
    givenName: fc.constantFrom(...fieldLevels.givenName),
    familyName: fc.constantFrom(...fieldLevels.familyName),
    birthDate: fc.constantFrom(...fieldLevels.birthDate),
    sex: fc.constantFrom(...fieldLevels.sex),
    nationality: fc.constantFrom(...fieldLevels.nationality),
    birthPlace: fc.constantFrom(...fieldLevels.birthPlace),
  });

  it('never lowers the weight when a field comes to agree more strongly', () => {
    fc.assert(
      fc.property(anyLevels, fc.constantFrom(...linkageFields), fc.nat(), (levels, field, step) => {
        const asVector = (vectorLevels: ComparisonLevels): ComparisonVector => ({
          levels: vectorLevels,
          swapped: false,
          values: {},
          nameKeys: {},
        });
        const ordered = fieldLevels[field] as readonly string[];
        const current: string = levels[field];
        // From 'missing' the strongest agreement is an addition; otherwise move to a level that is
        // stronger evidence of the same kind (`strongerLevels`, followed through).
        const parents = strongerLevels[field] as Record<string, readonly string[] | undefined>;
        const ancestors = new Set<string>();
        const visit = (level: string) => {
          for (const parent of parents[level] ?? []) {
            ancestors.add(parent);
            visit(parent);
          }
        };
        visit(current);
        const candidates = current === 'missing' ? [ordered[0]!] : [...ancestors, current];
        const improved = { ...levels, [field]: candidates[step % candidates.length] } as ComparisonLevels;
        const before = scorePair(asVector(levels), model).matchWeight;
        const after = scorePair(asVector(improved), model).matchWeight;
        expect(after).toBeGreaterThanOrEqual(before - 1e-9);
      }),
    );
  });

  it('weighs an exact match on a rare family name more than on a common one', () => {
    const register: PersonRecord[] = [
      ...Array.from({ length: 99 }, (_, index) => aPerson({ id: `c${index}`, familyName: 'Popescu' })),
      aPerson({ id: 'rare', familyName: 'Zhdanovych' }),
    ];
    const withFrequencies: LinkageModel = { ...model, termFrequencies: termFrequencies(register) };
    const weightOf = (familyName: string) =>
      scorePair(
        compareRecords(aPerson({ familyName }), aPerson({ familyName })),
        withFrequencies,
      ).explanation.find((line) => line.field === 'familyName')!.weight;
    expect(weightOf('Zhdanovych')).toBeGreaterThan(weightOf('Popescu'));
  });
});

describe('monotoneLevelWeights', () => {
  it('only ever caps a level by levels listed before it', () => {
    for (const field of linkageFields) {
      const ordered = fieldLevels[field] as readonly string[];
      for (const [level, stronger] of Object.entries(strongerLevels[field] as Record<string, string[]>))
        for (const parent of stronger) expect(ordered.indexOf(parent)).toBeLessThan(ordered.indexOf(level));
    }
  });

  it('does not let a level rare among matches cap the levels of another kind after it', () => {
    const even = (levels: Record<string, number>) => levels;
    const probabilities = (birthDate: Record<string, number>): LevelProbabilities => ({
      givenName: even({ exact: 1 }),
      familyName: even({ exact: 1 }),
      birthDate,
      sex: even({ agree: 1 }),
      nationality: even({ agree: 1 }),
      birthPlace: even({ exact: 1 }),
    });
    // Matches rarely show two full dates in the same month with different days; year-only dates
    // and age estimates are common among them.
    const m = probabilities({
      exact: 0.6,
      day_month_swapped: 0.02,
      same_year_month: 0.002,
      same_year: 0.12,
      within_age_estimate: 0.12,
      year_off_by_one: 0.1,
      different: 0.01,
    });
    const u = probabilities({
      exact: 0.0001,
      day_month_swapped: 0.00003,
      same_year_month: 0.002,
      same_year: 0.022,
      within_age_estimate: 0.02,
      year_off_by_one: 0.047,
      different: 0.9,
    });
    const weights = monotoneLevelWeights('birthDate', m, u);
    const weightOf = (level: string) => weights[(fieldLevels.birthDate as readonly string[]).indexOf(level)]!;
    expect(weightOf('same_year_month')).toBeCloseTo(0, 6);
    expect(weightOf('same_year')).toBeCloseTo(Math.log2(0.12 / 0.022), 6);
    expect(weightOf('within_age_estimate')).toBeCloseTo(Math.log2(0.12 / 0.02), 6);
    expect(weightOf('year_off_by_one')).toBeLessThanOrEqual(weightOf('same_year'));
    expect(weightOf('different')).toBeLessThan(0);
  });
});

describe('sharesPhoneticCode', () => {
  const token = fc.constantFrom(
    'Minh',
    'Thi',
    'Huong',
    'Nga',
    'Maria',
    'Ana',
    'Mariya',
    'Olena',
    'Alina',
    'Lan',
  );
  const name = fc
    .array(token, { minLength: 1, maxLength: 3 })
    .map((tokens) => tokens.join(' ').toLowerCase());

  it('is symmetric', () => {
    fc.assert(
      fc.property(name, name, (left, right) => {
        expect(sharesPhoneticCode(left, right)).toBe(sharesPhoneticCode(right, left));
      }),
    );
  });

  it('holds for a name and itself, and for a name within a longer one', () => {
    fc.assert(
      fc.property(name, name, (left, extra) => {
        expect(sharesPhoneticCode(left, left)).toBe(true);
        expect(sharesPhoneticCode(left, `${left} ${extra}`)).toBe(true);
      }),
    );
  });

  it('asks every token of the shorter name to sound like one of the other', () => {
    expect(sharesPhoneticCode('maria', 'ana maria')).toBe(true);
    expect(sharesPhoneticCode('mariya', 'maria')).toBe(true);
    // One shared middle name is not the same name.
    expect(sharesPhoneticCode('minh phuong', 'minh nga')).toBe(false);
    expect(sharesPhoneticCode('thi lan', 'thi huong')).toBe(false);
  });
});

describe('blockingKeys', () => {
  it('gives spelling variants of the same person a shared key', () => {
    const shared = [...blockingKeys(aPerson())].filter((key) =>
      blockingKeys(aPerson({ familyName: 'Szewczenko' })).has(key),
    );
    expect(shared.some((key) => key.startsWith('dm:'))).toBe(true);
  });

  it('gives a small set of keys and none from what is missing', () => {
    expect(blockingKeys(aPerson()).size).toBeLessThanOrEqual(8);
    expect(blockingKeys({ id: 'empty' }).size).toBe(0);
  });

  it('finds almost every synthetic duplicate among the candidate pairs', () => {
    const { records, duplicates } = aRegister(44, 1000);
    const candidates = new Set(candidatePairs(records).map(([left, right]) => `${left}:${right}`));
    const found = duplicates.filter(([left, right]) => candidates.has(`${left}:${right}`)).length;
    expect(found / duplicates.length).toBeGreaterThan(0.95);
    expect(candidates.size).toBeLessThan((records.length * (records.length - 1)) / 2 / 5);
  });
});
