import { sql } from '../db/sql.js';
import { type ActionDeclarations, type Conditions, recordCondition } from '../security/permissions.js';
import type { Organisation } from './organisation.js';

export const directoryActions = {
  'organisation.view': { resource: 'organisation', description: 'See an organisation in the directory' },
  'organisation.create': { resource: null, description: 'Add an organisation to the directory' },
  'organisation.update': { resource: 'organisation', description: "Change an organisation's details" },
} satisfies ActionDeclarations;

export const directoryConditions = {
  isOwnOrganisation: recordCondition<Organisation>(
    'organisation',
    (actor, organisation) => organisation.id === actor.organisationId,
    (actor) => sql`directory.organisation.id = ${actor.organisationId}`,
  ),
} satisfies Conditions;
