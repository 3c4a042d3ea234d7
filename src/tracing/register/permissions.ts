import { sql } from '../../db/sql.js';
import {
  type ActionDeclarations,
  type CategoryDeclarations,
  type Conditions,
  recordCondition,
} from '../../security/permissions.js';

// The register's actions and conditions (STYLE §5). Who holds them is deployments/<code>/permissions.json.

export const missingPersonActions = {
  'missing-person.report': {
    resource: null,
    description: 'File a missing-person report (its identifying details are encrypted)',
  },
  'missing-person.view': {
    resource: 'missing-person-report',
    description:
      "See a missing-person report's pseudonymous record (and, with the identity category, its details)",
  },
  'missing-person.update-status': {
    resource: 'missing-person-report',
    description: 'Record that the missing person was located, or close or reopen the report',
  },
  'missing-person.find-candidates': {
    resource: 'missing-person-report',
    description: 'Search the register again for reports and cases that may be the same person',
  },
  'match.view': {
    resource: 'match-candidate',
    description:
      'See a candidate match: the references and the comparison of each field, never the other side’s identity',
  },
  'match.review': {
    resource: 'match-candidate',
    description: 'Confirm or reject a candidate match; a confirmed match links the records',
  },
} satisfies ActionDeclarations;

/** The fields of a report the conditions read. */
export type ReportRow = { ownerOrganisationId: string };
/** The fields of a candidate the conditions read. */
export type CandidateRow = { reportOwnerOrganisationId: string; otherOwnerOrganisationId: string };

export const missingPersonConditions = {
  /** The actor's organisation filed the report. */
  isReportOwner: recordCondition<ReportRow>(
    'missing-person-report',
    (actor, report) => actor.kind === 'user' && report.ownerOrganisationId === actor.organisationId,
    (actor) =>
      actor.kind === 'user'
        ? sql`tracing.missing_person_report.owner_organisation_id = ${actor.organisationId}`
        : sql.false,
  ),
  /** The candidate concerns a report or a case of the actor's organisation (either side). */
  concernsOwnOrganisation: recordCondition<CandidateRow>(
    'match-candidate',
    (actor, candidate) =>
      actor.kind === 'user' &&
      (candidate.reportOwnerOrganisationId === actor.organisationId ||
        candidate.otherOwnerOrganisationId === actor.organisationId),
    (actor) =>
      actor.kind === 'user'
        ? sql`(tracing.match_candidate.report_owner_organisation_id = ${actor.organisationId}
            or tracing.match_candidate.other_owner_organisation_id = ${actor.organisationId})`
        : sql.false,
  ),
} satisfies Conditions;

/** `identity`: the encrypted details of the missing person (names, dates, places, parents, features). */
export const missingPersonCategories = {
  'missing-person-report': ['identity'],
} satisfies CategoryDeclarations;
