import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LinkageSubject } from '../register/linkage.js';
import { defaultM, defaultU, linkageRecords, PRIOR_MATCH_PROBABILITY } from '../register/linkage.js';
import {
  type CasePersonKey,
  canonicalPair,
  countPersons,
  factsOfIdentity,
  findDuplicateCandidates,
  samePersonLinks,
} from './case-duplicates.js';

// All names are invented.
const TODAY = '2026-03-27';
const model = { m: defaultM, u: defaultU, lambda: PRIOR_MATCH_PROBABILITY };

let counter = 0;
function aCase(identity: Parameters<typeof factsOfIdentity>[0], overrides: Partial<CasePersonKey> = {}) {
  counter += 1;
  const key: CasePersonKey = {
    caseId: `00000000-0000-4000-8000-${String(counter).padStart(12, '0')}`,
    caseReference: `C-TEST-${counter}`,
    ownerOrganisationId: `org-${counter}`,
    personId: `person-${counter}`,
    ...overrides,
  };
  return {
    key,
    records: linkageRecords(key.personId, factsOfIdentity(identity)),
  } satisfies LinkageSubject<CasePersonKey>;
}

describe('findDuplicateCandidates', () => {
  // The same woman, registered by the police (Cyrillic and Latin), a shelter (another
  // transliteration and a typo) and an NGO (no day of birth).
  const byPolice = aCase({
    fullName: 'Оксана Прикладенко',
    latinName: 'Oksana Prykladenko',
    sex: 'female',
    dateOfBirth: { year: 1998, month: 5, day: 12 },
    citizenship: 'UKR',
  });
  const byShelter = aCase({
    fullName: 'Oksana Prikladenko',
    sex: 'female',
    dateOfBirth: { year: 1998, month: 5, day: 12 },
    citizenship: 'UKR',
  });
  const byNgo = aCase({
    fullName: 'Oxana Prykladenco',
    sex: 'female',
    dateOfBirth: { year: 1998, month: 5 },
    citizenship: 'UKR',
  });
  const someoneElse = aCase({
    fullName: 'Maria Exemplu',
    sex: 'female',
    dateOfBirth: { year: 1998, month: 5, day: 12 },
    citizenship: 'ROU',
  });
  const herBrother = aCase({
    fullName: 'Taras Prykladenko',
    sex: 'male',
    dateOfBirth: { year: 2001, month: 1, day: 3 },
    citizenship: 'UKR',
  });

  it('proposes each pair of the three registrations of one woman, and no unrelated pair', () => {
    const { candidates } = findDuplicateCandidates(
      [byPolice, byShelter, byNgo, someoneElse, herBrother],
      model,
      TODAY,
    );
    const pairs = candidates.map((candidate) =>
      [candidate.leftCaseId, candidate.rightCaseId].sort().join(' '),
    );
    const expected = [
      [byPolice, byShelter],
      [byPolice, byNgo],
      [byShelter, byNgo],
    ].map((pair) =>
      pair
        .map((subject) => subject.key.caseId)
        .sort()
        .join(' '),
    );
    expect(pairs.sort()).toEqual(expected.sort());
    for (const candidate of candidates) {
      expect(candidate.leftCaseId < candidate.rightCaseId).toBe(true);
      expect(candidate.left.caseId).toBe(candidate.leftCaseId);
      expect(candidate.right.caseId).toBe(candidate.rightCaseId);
      // The explanation carries levels and weights, never a compared value.
      expect(JSON.stringify(candidate.comparison)).not.toMatch(/Oksana|Оксана|Prykladenko|1998/);
    }
  });

  it('never compares a case with itself, and gives the same pairs whatever the order of cases', () => {
    const subjects = [byPolice, byShelter, byNgo, someoneElse, herBrother];
    const forwards = findDuplicateCandidates(subjects, model, TODAY);
    const backwards = findDuplicateCandidates([...subjects].reverse(), model, TODAY);
    expect(forwards.candidates.every((candidate) => candidate.leftCaseId !== candidate.rightCaseId)).toBe(
      true,
    );
    const ids = (found: typeof forwards) =>
      found.candidates.map((c) => `${c.leftCaseId} ${c.rightCaseId}`).sort();
    expect(ids(backwards)).toEqual(ids(forwards));
  });

  it('does not propose two cases of one registered person: they are one person already', () => {
    const secondCase = aCase(
      { fullName: 'Oksana Prykladenko', sex: 'female', dateOfBirth: { year: 1998, month: 5, day: 12 } },
      { personId: byPolice.key.personId },
    );
    const { candidates } = findDuplicateCandidates([byPolice, secondCase], model, TODAY);
    expect(candidates).toEqual([]);
  });
});

describe('canonicalPair', () => {
  it('puts the smaller case id first, whichever comes first', () => {
    expect(canonicalPair('b', 'a')).toEqual({ leftCaseId: 'a', rightCaseId: 'b' });
    expect(canonicalPair('a', 'b')).toEqual({ leftCaseId: 'a', rightCaseId: 'b' });
  });
});

describe('countPersons', () => {
  it('counts three cases of one woman, linked pairwise or in a chain, as one person', () => {
    expect(countPersons(['a', 'b', 'c', 'd'], [canonicalPair('a', 'b'), canonicalPair('b', 'c')])).toEqual({
      cases: 4,
      persons: 2,
    });
    expect(
      countPersons(
        ['a', 'b', 'c'],
        [canonicalPair('a', 'b'), canonicalPair('a', 'c'), canonicalPair('b', 'c')],
      ),
    ).toEqual({ cases: 3, persons: 1 });
  });

  it('ignores a link to a case it does not count (restricted or erased)', () => {
    expect(countPersons(['a', 'b'], [canonicalPair('a', 'x')])).toEqual({ cases: 2, persons: 2 });
  });

  const graph = fc
    .integer({ min: 0, max: 30 })
    .chain((size) =>
      fc.record({
        caseIds: fc.constant(Array.from({ length: size }, (_, index) => `case-${index}`)),
        links: fc.array(
          fc.tuple(
            fc.integer({ min: 0, max: Math.max(size - 1, 0) }),
            fc.integer({ min: 0, max: Math.max(size - 1, 0) }),
          ),
          { maxLength: 40 },
        ),
      }),
    )
    .map(({ caseIds, links }) => ({
      caseIds,
      links:
        caseIds.length === 0
          ? []
          : links.filter(([a, b]) => a !== b).map(([a, b]) => canonicalPair(caseIds[a]!, caseIds[b]!)),
    }));

  it('never counts more persons than cases, nor fewer than cases minus links', () => {
    fc.assert(
      fc.property(graph, ({ caseIds, links }) => {
        const { cases, persons } = countPersons(caseIds, links);
        expect(cases).toBe(caseIds.length);
        expect(persons).toBeLessThanOrEqual(cases);
        expect(persons).toBeGreaterThanOrEqual(cases - links.length);
        if (cases > 0) expect(persons).toBeGreaterThanOrEqual(1);
      }),
    );
  });

  it('gives the same count whatever the order of cases and links', () => {
    fc.assert(
      fc.property(
        graph.chain((g) =>
          fc.record({
            g: fc.constant(g),
            caseOrder: fc.shuffledSubarray(g.caseIds, { minLength: g.caseIds.length }),
            linkOrder: fc.shuffledSubarray(g.links, { minLength: g.links.length }),
          }),
        ),
        ({ g, caseOrder, linkOrder }) => {
          expect(countPersons(caseOrder, linkOrder)).toEqual(countPersons(g.caseIds, g.links));
        },
      ),
    );
  });

  it('is transitive: linking a to b and b to c makes a and c one person (adding a ↔ c changes nothing)', () => {
    fc.assert(
      fc.property(graph, fc.nat(), fc.nat(), fc.nat(), ({ caseIds, links }, i, j, k) => {
        fc.pre(caseIds.length >= 3);
        const [a, b, c] = [i, j, k].map((n) => caseIds[n % caseIds.length]!);
        fc.pre(a !== b && b !== c && a !== c);
        const chained = [...links, canonicalPair(a!, b!), canonicalPair(b!, c!)];
        expect(countPersons(caseIds, [...chained, canonicalPair(a!, c!)])).toEqual(
          countPersons(caseIds, chained),
        );
      }),
    );
  });

  it('agrees with a plain search of the linked groups', () => {
    fc.assert(
      fc.property(graph, ({ caseIds, links }) => {
        const neighbours = new Map(caseIds.map((id) => [id, [] as string[]]));
        for (const link of links) {
          neighbours.get(link.leftCaseId)!.push(link.rightCaseId);
          neighbours.get(link.rightCaseId)!.push(link.leftCaseId);
        }
        const seen = new Set<string>();
        let groups = 0;
        for (const id of caseIds) {
          if (seen.has(id)) continue;
          groups += 1;
          const stack = [id];
          while (stack.length > 0) {
            const at = stack.pop()!;
            if (seen.has(at)) continue;
            seen.add(at);
            stack.push(...neighbours.get(at)!);
          }
        }
        expect(countPersons(caseIds, links).persons).toBe(groups);
      }),
    );
  });
});

describe('samePersonLinks', () => {
  it('links the cases of one registered person to each other', () => {
    const links = samePersonLinks([
      { caseId: 'a', personId: 'p' },
      { caseId: 'b', personId: 'q' },
      { caseId: 'c', personId: 'p' },
    ]);
    expect(links).toEqual([{ leftCaseId: 'a', rightCaseId: 'c' }]);
    expect(countPersons(['a', 'b', 'c'], links).persons).toBe(2);
  });
});
