import type { FastifyPluginAsync } from 'fastify';
import type { MigrationSource } from '../db/migrations.js';
import type { Platform } from '../platform.js';
import { caseDuplicateRoutes } from './duplicates/case-duplicate.routes.js';
import { caseDuplicateActions, caseDuplicateConditions } from './duplicates/permissions.js';
import { exchangeRoutes } from './exchange/exchange.routes.js';
import { matchCandidateRoutes } from './register/match-candidate.routes.js';
import { missingPersonReportRoutes } from './register/missing-person-report.routes.js';

// The tracing capability's public face: its migrations, its plugin, and what it declares to the
// permission engine. The linkage kernel (normalise, phonetic, fellegi-sunter, bloom-encoding …) is
// pure and imported by path where it is needed.

import { exchangeActions } from './exchange/permissions.js';
import { missingPersonActions, missingPersonConditions } from './register/permissions.js';

export const tracingActions = { ...missingPersonActions, ...exchangeActions, ...caseDuplicateActions };
export { missingPersonCategories as tracingCategories } from './register/permissions.js';
export const tracingConditions = { ...missingPersonConditions, ...caseDuplicateConditions };
export { seedDuplicateCandidates } from './duplicates/seed.js';
export { seedMissingPersonReports } from './register/seed.js';

export const tracingMigrations: MigrationSource = {
  capability: 'tracing',
  directory: new URL('./migrations', import.meta.url).pathname,
};

export const tracingPlugin: FastifyPluginAsync<{ platform: Platform }> = async (app, options) => {
  await app.register(missingPersonReportRoutes, options);
  await app.register(matchCandidateRoutes, options);
  await app.register(exchangeRoutes, options);
  await app.register(caseDuplicateRoutes, options);
};
