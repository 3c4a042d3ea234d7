import type { FastifyPluginAsync } from 'fastify';
import type { Database } from '../db/database.js';
import type { MigrationSource } from '../db/migrations.js';
import { sql } from '../db/sql.js';
import type { Platform } from '../platform.js';
import { organisationRoutes } from './organisation.routes.js';
import { findOrganisation, findOrganisationNames, listOrganisations } from './organisation.store.js';

export {
  type ContactPoint,
  type Organisation,
  type OrganisationKind,
  organisationKinds,
} from './organisation.js';
export { insertOrganisation, listOrganisations } from './organisation.store.js';
export { directoryActions, directoryConditions } from './permissions.js';

export const directoryMigrations: MigrationSource = {
  capability: 'directory',
  directory: new URL('./migrations', import.meta.url).pathname,
};

export const directoryPlugin: FastifyPluginAsync<{ platform: Platform; regions: readonly string[] }> = async (
  app,
  options,
) => {
  await app.register(organisationRoutes, options);
};

export const organisationNames = (db: Database, ids: readonly string[]) => findOrganisationNames(db, ids);
export const organisationExists = async (db: Database, id: string) =>
  (await findOrganisation(db, id)) !== null;

/** What another capability may know of an organisation to refer to it: its kind and region, no contacts. */
export const findOrganisationProfile = async (db: Database, id: string) => {
  const organisation = await findOrganisation(db, id);
  return organisation === null
    ? null
    : {
        id: organisation.id,
        kind: organisation.kind,
        region: organisation.region,
        accommodatesChildren: organisation.accommodatesChildren,
      };
};

/** Organisations that offer safe accommodation (a number of places, or the kind shelter). */
export const listAccommodationProviders = async (db: Database) =>
  (await listOrganisations(db, sql`(accommodation_places is not null or kind = 'shelter')`)).map(
    (organisation) => ({
      id: organisation.id,
      name: organisation.name,
      region: organisation.region,
      places: organisation.accommodationPlaces,
    }),
  );
