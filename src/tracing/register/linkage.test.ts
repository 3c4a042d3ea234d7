import { describe, expect, it } from 'vitest';
import {
  blockingIndex,
  CANDIDATE_THRESHOLD,
  defaultM,
  defaultU,
  findCandidates,
  type LinkageSubject,
  linkageRecords,
  PRIOR_MATCH_PROBABILITY,
  registerModel,
  splitFullName,
  subjectBlockingKeys,
} from './linkage.js';

// Synthetic names throughout.
const TODAY = '2026-03-27';
const model = { m: defaultM, u: defaultU, lambda: PRIOR_MATCH_PROBABILITY };

const subject = (key: string, facts: Parameters<typeof linkageRecords>[1]): LinkageSubject<string> => ({
  key,
  records: linkageRecords(key, facts),
});

describe('splitFullName', () => {
  it('takes the last word as the family name', () => {
    expect(splitFullName('Ana Maria Popescu')).toEqual({ given: 'Ana Maria', family: 'Popescu' });
    expect(splitFullName('  Ion ')).toEqual({ given: 'Ion' });
    expect(splitFullName('')).toEqual({});
  });
});

describe('findCandidates', () => {
  const missingChild = subject('report', {
    names: [
      { given: 'Олександра', family: 'Шевченко' },
      { given: 'Aleksandra', family: 'Szewczenko' },
    ],
    sex: 'female',
    dateOfBirth: { year: 2012, month: 2, day: 14 },
    citizenship: 'UKR',
  });
  const others = [
    subject('same child, another spelling', {
      names: [{ given: 'Oleksandra', family: 'Shevchenko' }],
      sex: 'female',
      dateOfBirth: { year: 2012, month: 2, day: 14 },
      citizenship: 'UKR',
    }),
    subject('someone else of that year', {
      names: [{ given: 'Maria', family: 'Ionescu' }],
      sex: 'female',
      dateOfBirth: { year: 2012, month: 7, day: 1 },
      citizenship: 'UKR',
    }),
    subject('a boy with the same family name', {
      names: [{ given: 'Taras', family: 'Shevchenko' }],
      sex: 'male',
      dateOfBirth: { year: 2008, month: 3, day: 9 },
      citizenship: 'UKR',
    }),
  ];

  it('proposes the same child written in Cyrillic and in another transliteration, and no one else', () => {
    const index = blockingIndex(others, TODAY);
    const { candidates } = findCandidates(missingChild, others, index, model, TODAY);
    expect(candidates.map((candidate) => candidate.key)).toEqual(['same child, another spelling']);
    const [found] = candidates;
    expect(found!.probability).toBeGreaterThan(0.99);
    expect(found!.comparison.find((field) => field.field === 'birthDate')?.level).toBe('exact');
    expect(found!.comparison.map((field) => field.field)).toEqual([
      'givenName',
      'familyName',
      'birthDate',
      'sex',
      'nationality',
      'birthPlace',
    ]);
  });

  it('keeps only candidates at or above the threshold, most probable first', () => {
    const index = blockingIndex(others, TODAY);
    const { candidates } = findCandidates(missingChild, others, index, model, TODAY, { threshold: 0 });
    const probabilities = candidates.map((candidate) => candidate.probability);
    expect([...probabilities].sort((a, b) => b - a)).toEqual(probabilities);
    const kept = findCandidates(missingChild, others, index, model, TODAY).candidates;
    expect(kept.every((candidate) => candidate.probability >= CANDIDATE_THRESHOLD)).toBe(true);
  });

  it('never compares a subject with the ones it is told to skip', () => {
    const index = blockingIndex(others, TODAY);
    const { candidates, compared } = findCandidates(missingChild, others, index, model, TODAY, {
      skip: (key) => key === 'same child, another spelling',
    });
    expect(candidates).toEqual([]);
    expect(compared).toBeLessThan(others.length);
  });

  it('finds a child known only by an estimated age among records with a date of birth', () => {
    const estimated = subject('report', {
      names: [{ given: 'Kwabena', family: 'Owusu-Test' }],
      sex: 'male',
      ageEstimate: 14,
      ageEstimatedOn: TODAY,
    });
    const withDate = [
      subject('case', {
        names: [{ given: 'Kwabena', family: 'Owusu-Test' }],
        sex: 'male',
        dateOfBirth: { year: 2011, month: 10, day: 2 },
      }),
    ];
    expect(subjectBlockingKeys(estimated.records, TODAY).size).toBeGreaterThan(0);
    const { candidates } = findCandidates(estimated, withDate, blockingIndex(withDate, TODAY), model, TODAY);
    expect(candidates.map((candidate) => candidate.key)).toEqual(['case']);
  });
});

describe('registerModel', () => {
  it('uses the given u in a small register and estimates it from a large one, the same way every run', () => {
    const small = linkageRecords('a', { names: [{ given: 'Ana', family: 'Test' }], sex: 'female' });
    expect(registerModel(small, TODAY).u).toBe(defaultU);
    const large = Array.from(
      { length: 250 },
      (_, index) =>
        linkageRecords(`r${index}`, {
          names: [{ given: `Given${index % 17}`, family: `Family${index % 31}` }],
          sex: index % 2 === 0 ? 'female' : 'male',
          dateOfBirth: { year: 1980 + (index % 30) },
        })[0]!,
    );
    const first = registerModel(large, TODAY);
    expect(first.u).not.toBe(defaultU);
    expect(first.termFrequencies).toBeDefined();
    expect(registerModel(large, TODAY).u).toEqual(first.u);
  });

  it('weighs names against compatriots in a large register: a shared name says less among compatriots', () => {
    expect(
      registerModel(linkageRecords('a', { names: [{ given: 'Ana', family: 'Test' }], sex: 'female' }), TODAY)
        .uByNationality,
    ).toBeUndefined();
    // Two nationalities, each with its own few family names: among compatriots names agree more often.
    const large = Array.from(
      { length: 300 },
      (_, index) =>
        linkageRecords(`r${index}`, {
          names: [
            { given: `Given${index % 23}`, family: `${index % 2 === 0 ? 'North' : 'South'}${index % 5}` },
          ],
          sex: 'female',
          citizenship: index % 2 === 0 ? 'MDA' : 'VNM',
          dateOfBirth: { year: 1980 + (index % 30) },
        })[0]!,
    );
    const model = registerModel(large, TODAY);
    expect(model.uByNationality).toBeDefined();
    expect(model.uByNationality!.agree.familyName.exact ?? 0).toBeGreaterThan(model.u.familyName.exact ?? 0);
    expect(registerModel(large, TODAY).uByNationality).toEqual(model.uByNationality);
  });
});

describe('nameFrequencies', () => {
  it('gives the same shares as the kernel’s termFrequencies', async () => {
    const { termFrequencies } = await import('../fellegi-sunter.js');
    const { prepareRecord, Vocabulary } = await import('../prepared-record.js');
    const { nameFrequencies } = await import('./linkage.js');
    const records = [
      'Ana Popescu',
      'Ana Popescu',
      'Ștefan Popescu',
      'Олена Шевченко',
      'Olena Shevchenko',
      'Ion',
    ].map(
      (name, index) => linkageRecords(`r${index}`, { names: [splitFullName(name)], sex: 'not_known' })[0]!,
    );
    const vocabulary = new Vocabulary();
    const prepared = records.map((record) => prepareRecord(record, vocabulary));
    expect(nameFrequencies(prepared)).toEqual(termFrequencies(records));
  });
});
