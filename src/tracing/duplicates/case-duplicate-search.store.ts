import { listCasePersonsForLinkage } from '../../cases/index.js';
import type { Queryable } from '../../db/database.js';
import type { IsoDate } from '../../kernel/dates.js';
import { readPersonIdentities } from '../../persons/index.js';
import type { Keyring } from '../../security/keyring.js';
import { type LinkageSubject, linkageRecords, registerModel } from '../register/linkage.js';
import {
  countDuplicateCandidates,
  insertDuplicateRun,
  listDuplicateLinks,
  type RecordedDuplicates,
  recordDuplicateCandidates,
} from './case-duplicate.store.js';
import {
  type CasePersonKey,
  countPersons,
  factsOfIdentity,
  findDuplicateCandidates,
  samePersonLinks,
} from './case-duplicates.js';

// One de-duplication run over every case's person (issue 5 acceptance 3): the identities are
// opened inside the server through the persons capability, compared with the register's kernel,
// and only the comparison levels are stored (docs/decisions/0021, 0029). Cases list their persons
// for linkage themselves (cases under a restricted notice in force are left out there).

export type DuplicateRunFigures = RecordedDuplicates & {
  cases: number;
  /** Case persons whose identity did not open (damaged ciphertext): left out, never a wrong match. */
  unreadable: number;
  compared: number;
  candidates: number;
  milliseconds: number;
};

/** Runs the engine over all cases and records the candidates; returns what it did, in figures only. */
export async function searchDuplicateCases(
  tx: Queryable,
  keyring: Keyring,
  today: IsoDate,
  at: Date,
): Promise<DuplicateRunFigures> {
  const started = performance.now();
  const casePersons = await listCasePersonsForLinkage(tx);
  const opened = await readPersonIdentities(tx, keyring, [
    ...new Set(casePersons.map((casePerson) => casePerson.personId)),
  ]);
  const subjects: LinkageSubject<CasePersonKey>[] = [];
  for (const casePerson of casePersons) {
    const identity = opened.identities.get(casePerson.personId);
    // Erased or unreadable: there is nothing to compare, and nothing may match it.
    if (!identity) continue;
    subjects.push({
      key: casePerson,
      records: linkageRecords(casePerson.personId, factsOfIdentity(identity)),
    });
  }
  const model = registerModel(
    subjects.flatMap((subject) => subject.records.slice(0, 1)),
    today,
  );
  const found = findDuplicateCandidates(subjects, model, today);
  const recorded = await recordDuplicateCandidates(tx, found.candidates, at);
  return {
    ...recorded,
    cases: casePersons.length,
    unreadable: opened.unreadable,
    compared: found.compared,
    candidates: found.candidates.length,
    milliseconds: Math.round(performance.now() - started),
  };
}

/**
 * A run as the co-ordinator's button, `palermo tracing dedupe` and the demo start it: the search,
 * and its figures kept in `case_duplicate_run` (`startedBy`: the user's id, or `cli`). The caller
 * audits it, as the actor it knows.
 */
export async function runDuplicateSearch(
  tx: Queryable,
  keyring: Keyring,
  run: { today: IsoDate; at: Date; startedBy: string },
): Promise<DuplicateRunFigures> {
  const figures = await searchDuplicateCases(tx, keyring, run.today, run.at);
  await insertDuplicateRun(tx, {
    startedAt: run.at,
    startedBy: run.startedBy,
    cases: figures.cases,
    unreadable: figures.unreadable,
    compared: figures.compared,
    proposed: figures.proposed,
    rescored: figures.rescored,
    leftDecided: figures.leftDecided,
    milliseconds: figures.milliseconds,
  });
  return figures;
}

export type PersonsCount = {
  /** Cases taking part in de-duplication (not under a restricted notice in force). */
  cases: number;
  /** Distinct persons among them once confirmed links are counted. */
  persons: number;
  confirmedLinks: number;
  openCandidates: number;
  rejectedCandidates: number;
};

/** The persons count (no identity: ids in, figures out). */
export async function countCasePersons(db: Queryable): Promise<PersonsCount> {
  const casePersons = await listCasePersonsForLinkage(db);
  const links = await listDuplicateLinks(db);
  const counted = countPersons(
    casePersons.map((casePerson) => casePerson.caseId),
    [...samePersonLinks(casePersons), ...links],
  );
  const candidates = await countDuplicateCandidates(db);
  return {
    cases: counted.cases,
    persons: counted.persons,
    confirmedLinks: links.length,
    openCandidates: candidates.open,
    rejectedCandidates: candidates.rejected,
  };
}
