import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Writable } from 'node:stream';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { caseActions, caseCategories, caseConditions, casesMigrations, casesPlugin } from './cases/index.js';
import type { Config } from './config.js';
import { type Database, openDatabase } from './db/database.js';
import { type MigrationSource, migrate, migrationState, readMigrations } from './db/migrations.js';
import { sql } from './db/sql.js';
import { type Deployment, loadDeployment } from './deployment.js';
import {
  directoryActions,
  directoryConditions,
  directoryMigrations,
  directoryPlugin,
  organisationExists,
  organisationKinds,
  organisationNames,
} from './directory/index.js';
import { createHttpApp, registerApiDocs } from './http/app.js';
import { notFound } from './http/problem.js';
import {
  identificationActions,
  identificationConditions,
  identificationMigrations,
  identificationPlugin,
} from './identification/index.js';
import { type Clock, systemClock } from './kernel/clock.js';
import {
  personActions,
  personCategories,
  personConditions,
  personsMigrations,
  personsPlugin,
} from './persons/index.js';
import type { Platform } from './platform.js';
import {
  securityActions,
  securityConditions,
  securityMigrations,
  securityPlatformRoutes,
} from './security/index.js';
import { openKeyring } from './security/keyring.js';
import { Policy } from './security/permissions.js';
import { roles } from './security/roles.js';
import securityPlugin from './security/security.plugin.js';
import {
  tracingActions,
  tracingCategories,
  tracingConditions,
  tracingMigrations,
  tracingPlugin,
} from './tracing/index.js';

// The one composition root: it alone knows every capability. The server and the CLI both build
// Palermo through these functions.

export const version: string = JSON.parse(
  readFileSync(new URL('../package.json', import.meta.url), 'utf8'),
).version;

/** Every capability's migrations, in the order they apply. */
export const migrationSources: readonly MigrationSource[] = [
  securityMigrations,
  directoryMigrations,
  personsMigrations,
  casesMigrations,
  identificationMigrations,
  tracingMigrations,
];

export const declarations = {
  actions: {
    ...securityActions,
    ...directoryActions,
    ...personActions,
    ...caseActions,
    ...identificationActions,
    ...tracingActions,
  },
  categories: { ...personCategories, ...caseCategories, ...tracingCategories },
  conditions: {
    ...securityConditions,
    ...directoryConditions,
    ...personConditions,
    ...caseConditions,
    ...identificationConditions,
    ...tracingConditions,
  },
};

export const webRoot = new URL('../dist/web', import.meta.url).pathname;

export type PalermoOptions = {
  clock?: Clock;
  logStream?: Writable;
  /** An already open database (tests); otherwise opened from the config. */
  db?: Database;
  warn?: (message: string) => void;
};

export async function openPlatform(config: Config, options: PalermoOptions = {}) {
  const deployment = loadDeployment(config.deployment);
  const policy = Policy.parse(deployment.permissions, declarations);
  const db =
    options.db ??
    (await openDatabase({ databaseUrl: config.databaseUrl || undefined, dataDir: config.dataDir }));
  const keyring = openKeyring(config.masterKeyFile, {
    warn: options.warn ?? ((message) => console.warn(message)),
  });
  const platform: Platform = {
    config,
    db,
    keyring,
    clock: options.clock ?? systemClock(config.timeZone),
    policy,
    organisationNames: (ids) => organisationNames(db, ids),
    organisationExists: (id) => organisationExists(db, id),
  };
  return { platform, deployment };
}

export async function applyMigrations(db: Database): Promise<string[]> {
  return migrate(db, readMigrations(migrationSources));
}

/** Builds the HTTP app on a migrated database. */
export async function buildApp(
  platform: Platform,
  deployment: Deployment,
  logStream?: Writable,
): Promise<FastifyInstance> {
  const app = createHttpApp({
    logLevel: platform.config.logLevel,
    trustProxy: platform.config.trustProxy,
    ...(logStream ? { logStream } : {}),
  });
  await app.register(securityPlugin, { platform, publicPrefixes: ['/api/docs'] });
  registerApiDocs(app, version);
  const regions = deployment.settings.regions.map((region) => region.code);

  app.get(
    '/api/health',
    {
      config: { public: true },
      schema: {
        tags: ['platform'],
        response: {
          200: z.object({
            status: z.literal('ok'),
            version: z.string(),
            database: z.object({ kind: z.string(), reachable: z.boolean() }),
            migrations: z.object({ applied: z.number(), pending: z.number() }),
          }),
        },
      },
    },
    async () => {
      await platform.db.query(sql`select 1`);
      const state = await migrationState(platform.db, readMigrations(migrationSources));
      return {
        status: 'ok' as const,
        version,
        database: { kind: platform.db.kind, reachable: true },
        migrations: { applied: state.applied, pending: state.pending.length },
      };
    },
  );

  app.get(
    '/api/meta',
    {
      config: { action: 'auth.session.view', beforeSecondFactor: true },
      schema: {
        tags: ['platform'],
        response: {
          200: z.object({
            country: z.object({ code: z.string(), name: z.string() }),
            roles: z.array(z.string()),
            organisationKinds: z.array(z.string()),
            regions: z.array(z.object({ code: z.string(), name: z.string() })),
          }),
        },
      },
    },
    async () => ({
      country: deployment.settings.country,
      roles: [...roles],
      organisationKinds: [...organisationKinds],
      regions: deployment.settings.regions,
    }),
  );

  await app.register(securityPlatformRoutes, { platform });
  await app.register(directoryPlugin, { platform, regions });
  await app.register(personsPlugin, { platform });
  await app.register(casesPlugin, { platform, settings: deployment.settings.cases });
  await app.register(identificationPlugin, { platform, settings: deployment.settings.cases });
  await app.register(tracingPlugin, { platform });

  const hasWeb = existsSync(join(webRoot, 'index.html'));
  if (hasWeb) await app.register(fastifyStatic, { root: webRoot, index: false, wildcard: false });
  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith('/api/') || request.method !== 'GET' || !hasWeb)
      return reply.problem(notFound('resource at this address'));
    // The single-page app answers every other page address itself.
    return reply.type('text/html').sendFile('index.html');
  });
  return app;
}
