import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listAccommodationProviders } from '../directory/index.js';
import type { Platform } from '../platform.js';
import { countHousedByProvider } from './case-file.store.js';

// Shelter capacity and occupancy (issue 3, acceptance 5): places from the directory, people housed
// from the cases' safe-accommodation services. Counts only: nothing here names a person or a case.

export const ShelterOccupancyView = z.object({
  organisationId: z.uuid(),
  name: z.string(),
  region: z.string(),
  /** null: the shelter has not said how many places it has. */
  places: z.number().int().nullable(),
  housed: z.number().int(),
  /** null when places are unknown; negative when more are housed than places were declared. */
  available: z.number().int().nullable(),
});

export const accommodationRoutes: FastifyPluginAsyncZod<{ platform: Platform }> = async (
  app,
  { platform },
) => {
  app.get(
    '/api/shelters/occupancy',
    {
      config: { action: 'shelter.occupancy.view' },
      schema: {
        tags: ['cases'],
        response: { 200: z.object({ shelters: z.array(ShelterOccupancyView) }) },
      },
    },
    async () => {
      const [providers, housed] = await Promise.all([
        listAccommodationProviders(platform.db),
        countHousedByProvider(platform.db),
      ]);
      return {
        shelters: providers.map((provider) => {
          const count = housed.get(provider.id) ?? 0;
          return {
            organisationId: provider.id,
            name: provider.name,
            region: provider.region,
            places: provider.places,
            housed: count,
            available: provider.places === null ? null : provider.places - count,
          };
        }),
      };
    },
  );
};
