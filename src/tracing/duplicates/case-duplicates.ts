import type { IsoDate } from '../../kernel/dates.js';
import type { LinkageModel } from '../fellegi-sunter.js';
import {
  blockingIndex,
  type CandidateScore,
  findCandidates,
  type LinkageFacts,
  type LinkageSubject,
  splitFullName,
} from '../register/linkage.js';

// De-duplicating cases (issue 5 acceptance 3; DESIGN §4 "finding the same person registered by
// several agencies, so statistics count people, not registrations"). Pure: the store opens the
// identities, these rules pair the cases up and count persons. The comparison itself is the
// register's (linkage.ts: blocking, scoreSubjects, the same model and threshold), so a case pair
// and a report ↔ case pair are judged alike. See docs/decisions/0029.

/** One case's person as the run sees it: ids and references only, never an identity. */
export type CasePersonKey = {
  caseId: string;
  caseReference: string;
  ownerOrganisationId: string;
  personId: string;
};

/** The two cases of a pair in canonical order (the smaller id first), so a pair is stored once. */
export type CasePair = { leftCaseId: string; rightCaseId: string };

export function canonicalPair(oneCaseId: string, otherCaseId: string): CasePair {
  return oneCaseId < otherCaseId
    ? { leftCaseId: oneCaseId, rightCaseId: otherCaseId }
    : { leftCaseId: otherCaseId, rightCaseId: oneCaseId };
}

/** What an identity says about a person, for linkage: every spelling of the name, sex, birth, citizenship. */
export function factsOfIdentity(identity: {
  fullName: string;
  latinName?: string | undefined;
  aliases?: readonly string[] | undefined;
  sex: 'female' | 'male' | 'not_known';
  dateOfBirth?: { year: number; month?: number | undefined; day?: number | undefined } | undefined;
  ageEstimate?: number | undefined;
  citizenship?: string | undefined;
}): LinkageFacts {
  return {
    names: [
      splitFullName(identity.fullName),
      ...(identity.latinName ? [splitFullName(identity.latinName)] : []),
      ...(identity.aliases ?? []).map(splitFullName),
    ],
    sex: identity.sex,
    dateOfBirth:
      identity.dateOfBirth === undefined
        ? undefined
        : {
            year: identity.dateOfBirth.year,
            ...(identity.dateOfBirth.month === undefined ? {} : { month: identity.dateOfBirth.month }),
            ...(identity.dateOfBirth.day === undefined ? {} : { day: identity.dateOfBirth.day }),
          },
    ageEstimate: identity.ageEstimate,
    citizenship: identity.citizenship,
  };
}

export type DuplicateCandidate = CasePair & {
  left: CasePersonKey;
  right: CasePersonKey;
  probability: number;
  matchWeight: number;
  namesSwapped: boolean;
  comparison: CandidateScore<CasePersonKey>['comparison'];
};

/**
 * Every pair of cases that may be the same person: each case against every other case (never
 * against itself, each pair once), blocked and scored by the register's kernel, kept at the
 * register's threshold or above, most probable first. Two cases of the same registered person are
 * already one person and are not proposed. It proposes; it never decides.
 */
export function findDuplicateCandidates(
  subjects: readonly LinkageSubject<CasePersonKey>[],
  model: LinkageModel,
  referenceDate: IsoDate,
  options: { threshold?: number } = {},
): { candidates: DuplicateCandidate[]; compared: number } {
  const index = blockingIndex(subjects, referenceDate);
  const candidates: DuplicateCandidate[] = [];
  let compared = 0;
  for (const subject of subjects) {
    if (subject.records.length === 0) continue;
    const found = findCandidates(subject, subjects, index, model, referenceDate, {
      ...(options.threshold === undefined ? {} : { threshold: options.threshold }),
      // Only the cases after this one: each pair is compared once, and a case never meets itself.
      skip: (other) => other.caseId <= subject.key.caseId || other.personId === subject.key.personId,
    });
    compared += found.compared;
    for (const score of found.candidates) {
      const pair = canonicalPair(subject.key.caseId, score.key.caseId);
      const [left, right] =
        pair.leftCaseId === subject.key.caseId ? [subject.key, score.key] : [score.key, subject.key];
      candidates.push({
        ...pair,
        left,
        right,
        probability: score.probability,
        matchWeight: score.matchWeight,
        namesSwapped: score.namesSwapped,
        comparison: score.comparison,
      });
    }
  }
  candidates.sort((a, b) => b.probability - a.probability || (a.leftCaseId < b.leftCaseId ? -1 : 1));
  return { candidates, compared };
}

/**
 * The number of distinct persons among cases, once confirmed links (and cases of one registered
 * person) are taken into account: the connected components of the graph whose nodes are the cases
 * and whose edges are the links. A link to a case outside `caseIds` (erased, or under a restricted
 * notice) is ignored, so the count never exceeds the cases counted.
 */
export function countPersons(
  caseIds: readonly string[],
  links: readonly { leftCaseId: string; rightCaseId: string }[],
): { cases: number; persons: number } {
  const parent = new Map<string, string>();
  for (const caseId of caseIds) parent.set(caseId, caseId);
  const root = (caseId: string): string => {
    let at = caseId;
    while (parent.get(at) !== at) at = parent.get(at)!;
    // Path compression: later look-ups go straight to the root.
    let walk = caseId;
    while (walk !== at) {
      const next = parent.get(walk)!;
      parent.set(walk, at);
      walk = next;
    }
    return at;
  };
  let persons = parent.size;
  for (const link of links) {
    if (!parent.has(link.leftCaseId) || !parent.has(link.rightCaseId)) continue;
    const left = root(link.leftCaseId);
    const right = root(link.rightCaseId);
    if (left === right) continue;
    // The smaller id becomes the root, so the result does not depend on the order of links.
    if (left < right) parent.set(right, left);
    else parent.set(left, right);
    persons -= 1;
  }
  return { cases: parent.size, persons };
}

/** Cases of the same registered person are one person without any review: their pairs, as links. */
export function samePersonLinks(casePersons: readonly { caseId: string; personId: string }[]): CasePair[] {
  const firstCaseOf = new Map<string, string>();
  const links: CasePair[] = [];
  for (const { caseId, personId } of casePersons) {
    const first = firstCaseOf.get(personId);
    if (first === undefined) firstCaseOf.set(personId, caseId);
    else links.push(canonicalPair(first, caseId));
  }
  return links;
}
