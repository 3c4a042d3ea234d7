import type { Queryable } from '../db/database.js';
import type { IsoDate } from '../kernel/dates.js';
import { newId, newReference } from '../kernel/ids.js';
import { type Identity, registerPerson } from '../persons/index.js';
import type { Keyring } from '../security/keyring.js';
import type { CaseEvent, CaseEventOf } from './case-events.js';
import {
  appendCaseEvent,
  type CaseFile,
  insertCaseFile,
  listCaseEvents,
  type RecordedCaseEvent,
} from './case-file.store.js';
import type { CaseSettings } from './case-settings.js';
import { type CaseEventRefusal, type CaseState, decideCaseEvent, emptyCaseState } from './lifecycle.js';

export const CASE_REFERENCE_PREFIX = 'C';
const REFERENCE_ATTEMPTS = 5;

export type CaseOpeningRequest = {
  identity: Identity;
  identified: CaseEventOf<'identified'>;
  recordedBy: string;
  recordedByOrganisationId: string;
  /** The organisation that owns the new case: the recording user's. */
  ownerOrganisationId: string;
  at: Date;
  today: IsoDate;
  settings: CaseSettings;
};

export type OpenedCase = { caseFile: CaseFile; state: CaseState; history: RecordedCaseEvent[] };

/**
 * Whether an identification may open a case, decided before anything is written so that a refused
 * identification registers no one. The presumption of trafficking (002 l. 1260) means nothing
 * beyond the identification itself is asked for.
 */
export function decideCaseOpening(
  identified: CaseEvent,
  settings: CaseSettings,
  today: IsoDate,
): { outcome: 'open' } | { outcome: 'refuse'; refusal: CaseEventRefusal } {
  const decision = decideCaseEvent(emptyCaseState, identified, settings, today);
  return decision.outcome === 'refuse' ? decision : { outcome: 'open' };
}

/**
 * Registers the person (identity sealed in persons) and opens their case with its identification,
 * inside the caller's transaction: the case-file route and identification's intake conversion
 * both open cases through here. The caller has checked `decideCaseOpening` and writes the audit.
 */
export async function openCaseFile(
  tx: Queryable,
  keyring: Keyring,
  opening: CaseOpeningRequest,
): Promise<OpenedCase> {
  const person = await registerPerson(tx, keyring, {
    identity: opening.identity,
    ownerOrganisationId: opening.ownerOrganisationId,
    at: opening.at,
  });
  for (let attempt = 1; attempt <= REFERENCE_ATTEMPTS; attempt++) {
    const caseFile = await insertCaseFile(
      tx,
      {
        id: newId(),
        reference: newReference(CASE_REFERENCE_PREFIX),
        personId: person.id,
        ownerOrganisationId: opening.ownerOrganisationId,
        openedOn: opening.identified.occurredOn,
      },
      opening.at,
    );
    if (!caseFile) continue; // the random reference was taken: draw another
    const appended = await appendCaseEvent(tx, {
      caseId: caseFile.id,
      event: opening.identified,
      recordedBy: opening.recordedBy,
      recordedByOrganisationId: opening.recordedByOrganisationId,
      at: opening.at,
      today: opening.today,
      settings: opening.settings,
    });
    if (appended.outcome !== 'accept') throw new Error('an identification decided acceptable was refused');
    return { caseFile, state: appended.state, history: await listCaseEvents(tx, caseFile.id) };
  }
  throw new Error(`no free case reference after ${REFERENCE_ATTEMPTS} attempts`);
}
