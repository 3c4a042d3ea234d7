import { sql } from '../db/sql.js';
import {
  type ActionDeclarations,
  type CategoryDeclarations,
  type Conditions,
  recordCondition,
} from '../security/permissions.js';
import type { Person } from './person.js';

export const personActions = {
  'person.register': {
    resource: null,
    description: 'Register a person: a pseudonymous record and their encrypted identity',
  },
  'person.view': {
    resource: 'person',
    description: "See a person's pseudonymous record (and, with its data categories, their identity)",
  },
} satisfies ActionDeclarations;

export const personConditions = {
  isOwnerOrganisation: recordCondition<Pick<Person, 'ownerOrganisationId'>>(
    'person',
    (actor, person) => person.ownerOrganisationId === actor.organisationId,
    (actor) => sql`persons.person.owner_organisation_id = ${actor.organisationId}`,
  ),
} satisfies Conditions;

/** `identity`: names, date of birth, documents; `contact`: phone numbers, e-mail and postal addresses. */
export const personCategories = { person: ['identity', 'contact'] } satisfies CategoryDeclarations;
