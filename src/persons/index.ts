import type { FastifyPluginAsync } from 'fastify';
import type { MigrationSource } from '../db/migrations.js';
import type { Platform } from '../platform.js';
import { personRoutes } from './person.routes.js';

export { personActions, personCategories, personConditions } from './permissions.js';
export type { Person } from './person.js';
export { identityWithoutContacts } from './person.js';
export { Identity, type IdentityDocument, IdentityView } from './person.schema.js';
export { findPerson, readPersonIdentities, readPersonIdentity, registerPerson } from './person.store.js';

export const personsMigrations: MigrationSource = {
  capability: 'persons',
  directory: new URL('./migrations', import.meta.url).pathname,
};

export const personsPlugin: FastifyPluginAsync<{ platform: Platform }> = async (app, options) => {
  await app.register(personRoutes, options);
};
