import type { FastifyPluginAsync } from 'fastify';
import type { MigrationSource } from '../db/migrations.js';
import type { Platform } from '../platform.js';
import { caseFileRoutes } from './case-file.routes.js';
import type { CaseSettings } from './case-settings.js';
import { consentReferralRoutes } from './consent-referral.routes.js';

export type { CaseFile } from './case-file.store.js';
export { findCaseFile } from './case-file.store.js';
export { CaseSettings, defaultCaseSettings } from './case-settings.js';
export { caseActions, caseCategories, caseConditions } from './permissions.js';

export const casesMigrations: MigrationSource = {
  capability: 'cases',
  directory: new URL('./migrations', import.meta.url).pathname,
};

export const casesPlugin: FastifyPluginAsync<{ platform: Platform; settings: CaseSettings }> = async (
  app,
  options,
) => {
  await app.register(caseFileRoutes, options);
  await app.register(consentReferralRoutes, options);
};
