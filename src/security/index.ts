import type { FastifyPluginAsync } from 'fastify';
import type { MigrationSource } from '../db/migrations.js';
import { sql } from '../db/sql.js';
import type { Platform } from '../platform.js';
import { accountRoutes } from './accounts.routes.js';
import type { UserAccountRow } from './accounts.store.js';
import { auditRoutes } from './audit.routes.js';
import { authRoutes } from './auth.routes.js';
import { type ActionDeclarations, type Conditions, recordCondition } from './permissions.js';

export const securityMigrations: MigrationSource = {
  capability: 'security',
  directory: new URL('./migrations', import.meta.url).pathname,
};

export const securityActions = {
  'auth.session.view': { resource: null, description: 'See your own session' },
  'auth.second-factor.enrol': { resource: null, description: 'Set up your own second factor' },
  'auth.second-factor.verify': { resource: null, description: 'Give your second factor' },
  'auth.logout': { resource: null, description: 'Sign out' },
  'user.view': { resource: 'user_account', description: 'See a user account' },
  'user.create': { resource: null, description: 'Create a user account' },
  'user.update': {
    resource: 'user_account',
    description: "Change a user's name, roles, or disable the account",
  },
  'audit.view': { resource: null, description: 'Read the audit log' },
  'audit.verify': { resource: null, description: "Check the audit log's hash chain" },
} satisfies ActionDeclarations;

export const securityConditions = {
  isColleagueAccount: recordCondition<Pick<UserAccountRow, 'organisationId'>>(
    'user_account',
    (actor, account) => account.organisationId === actor.organisationId,
    (actor) => sql`security.user_account.organisation_id = ${actor.organisationId}`,
  ),
  isOwnAccount: recordCondition<Pick<UserAccountRow, 'id'>>(
    'user_account',
    (actor, account) => account.id === actor.id,
    (actor) => sql`security.user_account.id = ${actor.id}`,
  ),
} satisfies Conditions;

export const securityPlatformRoutes: FastifyPluginAsync<{ platform: Platform }> = async (app, options) => {
  await app.register(authRoutes, options);
  await app.register(accountRoutes, options);
  await app.register(auditRoutes, options);
};
