import { sql } from '../db/sql.js';
import { type ActionDeclarations, type Conditions, recordCondition } from '../security/permissions.js';

export const identificationActions = {
  'questionnaire.view': {
    resource: null,
    description: 'See the screening questionnaire sets and every version ever published',
  },
  'questionnaire.publish': {
    resource: null,
    description: 'Publish a new questionnaire set, or a new version of one (screenings done keep theirs)',
  },
  'intake.create': {
    resource: null,
    description:
      'Record an anonymous intake: the channel and date of a first contact, never who the person is',
  },
  'intake.view': {
    resource: 'intake',
    description: 'See intakes, their screenings and the explained results',
  },
  'intake.screen': {
    resource: 'intake',
    description: 'Record a screening on an intake, answered on a named questionnaire version',
  },
  'intake.convert': {
    resource: 'intake',
    description: "Open a case from an intake: register the person's identity and record the identification",
  },
  'contact-point.view': {
    resource: null,
    description: 'See the contact points and which of them can be reached now',
  },
  'contact-point.manage': {
    resource: 'contact_point',
    description:
      'Add, change or retire a contact point of an organisation, with its hours, languages and whether it is public',
  },
  'identification.statistics': {
    resource: null,
    description:
      'See counts of identifications by actor, channel, self-identification and time in the country (no records)',
  },
} satisfies ActionDeclarations;

/** The fields of an intake the conditions read. */
export type IntakeRow = { receivingOrganisationId: string };

/** The field of a contact point (stored, or about to be added) the conditions read. */
export type ContactPointRow = { organisationId: string };

export const identificationConditions = {
  /** The intake was received by the actor's organisation. */
  isReceivingOrganisation: recordCondition<IntakeRow>(
    'intake',
    (actor, intake) => actor.kind === 'user' && intake.receivingOrganisationId === actor.organisationId,
    (actor) =>
      actor.kind === 'user'
        ? sql`identification.intake.receiving_organisation_id = ${actor.organisationId}`
        : sql.false,
  ),
  /**
   * The contact point belongs to the actor's organisation: its staff keep their own hours,
   * languages and numbers up to date (decision 0022). For adding one, the record is the contact
   * point as proposed, so staff can add contact points to their own organisation only.
   */
  isOwnOrganisationContactPoint: recordCondition<ContactPointRow>(
    'contact_point',
    (actor, contactPoint) => actor.kind === 'user' && contactPoint.organisationId === actor.organisationId,
    (actor) =>
      actor.kind === 'user'
        ? sql`identification.contact_point.organisation_id = ${actor.organisationId}`
        : sql.false,
  ),
} satisfies Conditions;
