import { sql } from '../../db/sql.js';
import { type ActionDeclarations, type Conditions, recordCondition } from '../../security/permissions.js';

// De-duplication's actions and conditions (STYLE §5). Who holds them is deployments/<code>/permissions.json.

export const caseDuplicateActions = {
  'case-duplicate.search': {
    resource: null,
    description:
      'Run the linkage engine over every case to propose pairs of cases that may be the same person',
  },
  'case-duplicate.view': {
    resource: 'case-duplicate-candidate',
    description:
      'See a pair of cases that may be the same person: references and the comparison of each field, never an identity',
  },
  'case-duplicate.review': {
    resource: 'case-duplicate-candidate',
    description: 'Confirm or reject a pair of cases; a confirmed pair links the cases as the same person',
  },
  'case-duplicate.statistics': {
    resource: null,
    description:
      'See how many persons the cases concern once confirmed duplicates are counted once (figures only)',
  },
} satisfies ActionDeclarations;

/** The fields of a duplicate candidate the conditions read. */
export type DuplicateCandidateRow = { leftOwnerOrganisationId: string; rightOwnerOrganisationId: string };

export const caseDuplicateConditions = {
  /** One of the two cases belongs to the actor's organisation. */
  concernsOwnCase: recordCondition<DuplicateCandidateRow>(
    'case-duplicate-candidate',
    (actor, candidate) =>
      actor.kind === 'user' &&
      (candidate.leftOwnerOrganisationId === actor.organisationId ||
        candidate.rightOwnerOrganisationId === actor.organisationId),
    (actor) =>
      actor.kind === 'user'
        ? sql`(tracing.case_duplicate_candidate.left_owner_organisation_id = ${actor.organisationId}
            or tracing.case_duplicate_candidate.right_owner_organisation_id = ${actor.organisationId})`
        : sql.false,
  ),
} satisfies Conditions;
