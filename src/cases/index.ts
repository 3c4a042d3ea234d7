import type { FastifyPluginAsync } from 'fastify';
import type { MigrationSource } from '../db/migrations.js';
import type { Platform } from '../platform.js';
import { accommodationRoutes } from './accommodation.routes.js';
import { caseFileRoutes } from './case-file.routes.js';
import type { CaseSettings } from './case-settings.js';
import { consentReferralRoutes } from './consent-referral.routes.js';
import { notificationRoutes } from './notification.routes.js';
import { restrictedNoticeRoutes } from './restricted-notice.routes.js';

export type { CaseEventOf } from './case-events.js';
export type { CaseFile } from './case-file.store.js';
export { findCaseFile, listCasePersonsForLinkage } from './case-file.store.js';
export {
  CASE_REFERENCE_PREFIX,
  type CaseOpeningRequest,
  decideCaseOpening,
  type OpenedCase,
  openCaseFile,
} from './case-opening.js';
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
  await app.register(restrictedNoticeRoutes, options);
  await app.register(accommodationRoutes, options);
  await app.register(notificationRoutes, options);
};
