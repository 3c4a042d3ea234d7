import { sql } from '../db/sql.js';
import {
  type ActionDeclarations,
  type CategoryDeclarations,
  type Conditions,
  recordCondition,
} from '../security/permissions.js';
import { dataCategories } from './consent.js';
import { designatedOfficerOf, grantHolderOf } from './restricted-notice.store.js';

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
  'restricted-notice.flag': {
    resource: 'case',
    description:
      'Flag a person in danger with a restricted notice: known by number only, one designated officer decides access',
  },
  'restricted-notice.officers.view': {
    resource: null,
    description: 'See who the active restricted-notice officers are, to designate one (names and ids only)',
  },
  'restricted-notice.lift': {
    resource: 'case',
    description: 'Lift the restricted notice of a case (its designated officer)',
  },
  'restricted-access.request': {
    resource: null,
    description: "Ask the designated officer for access to a restricted person's data, by case number",
  },
  'restricted-access.view': {
    resource: null,
    description: "See the access requests the actor's organisation filed, or the actor decides",
  },
  'restricted-access.decide': {
    resource: null,
    description: 'Grant or refuse an access request (the officer designated for the notice)',
  },
  'shelter.occupancy.view': {
    resource: null,
    description: 'See how many places each shelter has and how many people it houses now (counts only)',
  },
  'notification.view': {
    resource: null,
    description:
      "See and acknowledge the notifications addressed to the actor's organisation or role (ids and codes only)",
  },
  'case.transfer': {
    resource: 'case',
    description:
      'Hand a case over to an organisation that accepted a referral of it (an explicit, audited act)',
  },
} satisfies ActionDeclarations;

/** The fields of a case file the conditions read. */
export type CaseFileRow = {
  ownerOrganisationId: string;
  /** The organisations holding an accepted referral of the case (loaded with the case file). */
  acceptedReferralOrganisationIds?: readonly string[];
  restrictedNoticeOfficerId?: string | null;
  restrictedGrantOrganisationIds?: readonly string[];
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
  /** The actor is the officer designated for the restricted notice in force on the case (002 l. 827). */
  isDesignatedNoticeOfficer: recordCondition<CaseFileRow>(
    'case',
    (actor, caseFile) => actor.kind === 'user' && caseFile.restrictedNoticeOfficerId === actor.id,
    (actor) => (actor.kind === 'user' ? designatedOfficerOf(sql`cases.case_file.id`, actor.id) : sql.false),
  ),
  /** The designated officer granted the actor's organisation access to the restricted person. */
  hasRestrictedAccessGrant: recordCondition<CaseFileRow>(
    'case',
    (actor, caseFile) =>
      actor.kind === 'user' && (caseFile.restrictedGrantOrganisationIds ?? []).includes(actor.organisationId),
    (actor) =>
      actor.kind === 'user' ? grantHolderOf(sql`cases.case_file.id`, actor.organisationId) : sql.false,
  ),
} satisfies Conditions;

/** The data categories of a case (consent.ts): identity, contact, health, counselling, legal, statistics. */
export const caseCategories = { case: dataCategories } satisfies CategoryDeclarations;
