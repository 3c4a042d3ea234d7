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
  'consent.record': {
    resource: 'case',
    description:
      "Record a person's (or their guardian's) consent to a purpose, a recipient and data categories",
  },
  'consent.withdraw': {
    resource: 'case',
    description: 'Record that a consent was withdrawn: the access it gave ends the same day',
  },
  'referral.create': {
    resource: 'case',
    description:
      'Refer a case to another organisation for services, with the data a consent (or a legal basis) covers',
  },
  'referral.view': {
    resource: null,
    description:
      "See the referrals the actor's organisation sent or received (before acceptance: no identity)",
  },
  'referral.respond': {
    resource: null,
    description: 'Accept, decline or complete a referral received, or withdraw one sent',
  },
  'deadline.view': {
    resource: null,
    description: "See the deadlines of the cases the actor's organisation must act on",
  },
} satisfies ActionDeclarations;

/** The fields of a case file the conditions read. */
export type CaseFileRow = {
  ownerOrganisationId: string;
  /** The organisations holding an accepted referral of the case (loaded with the case file). */
  acceptedReferralOrganisationIds?: readonly string[];
};

// One condition per relationship to a case (need-to-know.ts).
export const caseConditions = {
  isCaseOwner: recordCondition<CaseFileRow>(
    'case',
    (actor, caseFile) => actor.kind === 'user' && caseFile.ownerOrganisationId === actor.organisationId,
    (actor) =>
      actor.kind === 'user'
        ? sql`cases.case_file.owner_organisation_id = ${actor.organisationId}`
        : sql.false,
  ),
  /** The actor's organisation accepted a referral of the case (need-to-know's `referred_accepted`). */
  hasAcceptedReferral: recordCondition<CaseFileRow>(
    'case',
    (actor, caseFile) =>
      actor.kind === 'user' &&
      (caseFile.acceptedReferralOrganisationIds ?? []).includes(actor.organisationId),
    (actor) =>
      actor.kind === 'user'
        ? sql`exists (select 1 from cases.referral r where r.case_id = cases.case_file.id
            and r.to_organisation_id = ${actor.organisationId} and r.status = 'accepted')`
        : sql.false,
  ),
} satisfies Conditions;

/** The data categories of a case (consent.ts): identity, contact, health, counselling, legal, statistics. */
export const caseCategories = { case: dataCategories } satisfies CategoryDeclarations;
