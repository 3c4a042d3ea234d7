import { sql } from '../db/sql.js';
import {
  type ActionDeclarations,
  type CategoryDeclarations,
  type Conditions,
  recordCondition,
} from '../security/permissions.js';
import { dataCategories } from './consent.js';

export const caseActions = {
  'case.open': {
    resource: null,
    description: 'Open a case for a presumed victim: register the person and record their identification',
  },
  'case.view': {
    resource: 'case',
    description: "See a case: its reference, stage, timeline and deadlines (never the person's identity)",
  },
  'case.record-event': {
    resource: 'case',
    description: 'Record what happened in a case (a referral, a reflection period, a permit, a decision …)',
  },
  'deadline.view': {
    resource: null,
    description: "See the deadlines of the cases the actor's organisation must act on",
  },
} satisfies ActionDeclarations;

/** The fields of a case file the conditions read. */
export type CaseFileRow = { ownerOrganisationId: string };

// One condition per relationship to a case (need-to-know.ts): accepted referrals will add theirs.
export const caseConditions = {
  isCaseOwner: recordCondition<CaseFileRow>(
    'case',
    (actor, caseFile) => actor.kind === 'user' && caseFile.ownerOrganisationId === actor.organisationId,
    (actor) =>
      actor.kind === 'user'
        ? sql`cases.case_file.owner_organisation_id = ${actor.organisationId}`
        : sql.false,
  ),
} satisfies Conditions;

/** The data categories of a case (consent.ts): identity, contact, health, counselling, legal, statistics. */
export const caseCategories = { case: dataCategories } satisfies CategoryDeclarations;
