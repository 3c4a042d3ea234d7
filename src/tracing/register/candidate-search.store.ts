import { listCasePersonsForLinkage } from '../../cases/index.js';
import type { Queryable } from '../../db/database.js';
import type { IsoDate } from '../../kernel/dates.js';
import { readPersonIdentities } from '../../persons/index.js';
import { UnreadableCiphertext } from '../../security/field-encryption.js';
import type { Keyring } from '../../security/keyring.js';
import type { PersonRecord } from '../fellegi-sunter.js';
import {
  blockingIndex,
  type CandidateScore,
  findCandidates,
  type LinkageFacts,
  type LinkageSubject,
  linkageRecords,
  registerModel,
  splitFullName,
} from './linkage.js';
import { type CandidateOther, type RecordedCandidates, recordCandidates } from './match-candidate.store.js';
import type { MissingPersonDetails } from './missing-person-report.schema.js';
import { listReportsForLinkage, openDetails } from './missing-person-report.store.js';

// One linkage run for one report (issue 5 acceptance 3, inside one installation): open every other
// report and every case's person inside the server, block, compare, score, and store the candidates
// above the threshold for review. Identities are read here in plaintext and never leave: what is
// stored and shown is the comparison level of each field (docs/decisions/0021).

export function factsOfReport(details: MissingPersonDetails, reportedOn: IsoDate): LinkageFacts {
  return {
    names: [
      { given: details.givenName, family: details.familyName },
      { given: details.givenNameLatin, family: details.familyNameLatin },
      ...(details.aliases ?? []).map(splitFullName),
    ],
    sex: details.sex,
    dateOfBirth: details.dateOfBirth,
    ageEstimate: details.ageEstimate,
    ageEstimatedOn: reportedOn,
    citizenship: details.citizenship,
    placeOfBirth: details.placeOfBirth,
  };
}

export type LinkageRunFigures = RecordedCandidates & {
  reports: number;
  casePersons: number;
  /** Records whose ciphertext did not open (changed or moved): left out, never a wrong match. */
  unreadable: number;
  compared: number;
  candidates: number;
  milliseconds: { open: number; score: number; total: number };
};

/** Finds and records the candidates of one report; returns what it did, in figures (no identities). */
export async function searchCandidates(
  tx: Queryable,
  keyring: Keyring,
  report: { id: string; ownerOrganisationId: string },
  today: IsoDate,
  at: Date,
): Promise<LinkageRunFigures> {
  const started = performance.now();
  const others: LinkageSubject<CandidateOther>[] = [];
  let subject: LinkageSubject<CandidateOther> | null = null;
  let reports = 0;
  let unreadable = 0;
  // A damaged record must not stop a missing child's report from being filed: it is left out and
  // counted (the run's figures are logged), and the field-encryption tests cover why it failed.
  const readable = async <T>(open: () => Promise<T | null>): Promise<T | null> => {
    try {
      return await open();
    } catch (error) {
      if (!(error instanceof UnreadableCiphertext)) throw error;
      unreadable += 1;
      return null;
    }
  };
  for (const stored of await listReportsForLinkage(tx)) {
    const details =
      stored.id === report.id
        ? await openDetails(tx, keyring, stored.id, stored.sealed)
        : await readable(() => openDetails(tx, keyring, stored.id, stored.sealed));
    if (details === null) continue;
    reports += 1;
    const linkageSubject: LinkageSubject<CandidateOther> = {
      key: {
        kind: 'report',
        id: stored.id,
        personId: null,
        reference: stored.reference,
        ownerOrganisationId: stored.ownerOrganisationId,
      },
      records: linkageRecords(stored.id, factsOfReport(details, stored.reportedOn)),
    };
    if (stored.id === report.id) subject = linkageSubject;
    else others.push(linkageSubject);
  }
  let casePersons = 0;
  const listedCasePersons = await listCasePersonsForLinkage(tx);
  const casePersonIdentities = await readPersonIdentities(
    tx,
    keyring,
    listedCasePersons.map((casePerson) => casePerson.personId),
  );
  unreadable += casePersonIdentities.unreadable;
  for (const casePerson of listedCasePersons) {
    const identity = casePersonIdentities.identities.get(casePerson.personId);
    if (!identity) continue;
    casePersons += 1;
    others.push({
      key: {
        kind: 'case',
        id: casePerson.caseId,
        personId: casePerson.personId,
        reference: casePerson.caseReference,
        ownerOrganisationId: casePerson.ownerOrganisationId,
      },
      records: linkageRecords(casePerson.personId, {
        names: [
          splitFullName(identity.fullName),
          ...(identity.latinName ? [splitFullName(identity.latinName)] : []),
          ...(identity.aliases ?? []).map(splitFullName),
        ],
        sex: identity.sex,
        dateOfBirth: identity.dateOfBirth,
        ageEstimate: identity.ageEstimate,
        citizenship: identity.citizenship,
      }),
    });
  }
  const opened = performance.now();
  if (subject === null) throw new Error(`report ${report.id} cannot be read for linkage`);
  const register: PersonRecord[] = [subject, ...others].map((each) => each.records[0]!);
  const model = registerModel(register, today);
  const index = blockingIndex(others, today);
  const found: { candidates: CandidateScore<CandidateOther>[]; compared: number } = findCandidates(
    subject,
    others,
    index,
    model,
    today,
  );
  const scored = performance.now();
  const recorded = await recordCandidates(tx, report, found.candidates, at);
  return {
    ...recorded,
    reports,
    casePersons,
    unreadable,
    compared: found.compared,
    candidates: found.candidates.length,
    milliseconds: {
      open: Math.round(opened - started),
      score: Math.round(scored - opened),
      total: Math.round(performance.now() - started),
    },
  };
}
