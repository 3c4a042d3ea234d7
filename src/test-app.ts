import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { loadConfig } from './config.js';
import type { Database } from './db/database.js';
import { freshTestDb } from './db/test-db.js';
import { insertOrganisation, type Organisation, type OrganisationKind } from './directory/index.js';
import { fixedClock } from './kernel/clock.js';
import { newId } from './kernel/ids.js';
import { buildApp, migrationSources, openPlatform } from './main.js';
import type { Platform } from './platform.js';
import { insertUserAccount } from './security/accounts.store.js';
import { hashPassword } from './security/passwords.js';
import type { Role } from './security/roles.js';
import { currentCode } from './security/second-factor.js';

// A real Palermo for route tests: migrated database (PGlite, or PostgreSQL when DATABASE_URL is
// set), a key file in a temporary folder, a clock that moves only when told, and every log line
// kept so tests can assert what was (not) logged. Nothing is mocked.

export const TEST_PASSWORD = 'correct horse battery staple';
let passwordHash: Promise<string> | null = null;

export type TestPalermo = {
  app: FastifyInstance;
  platform: Platform;
  db: Database;
  clock: ReturnType<typeof fixedClock>;
  logLines: string[];
  anOrganisation(overrides?: Partial<Organisation>): Promise<Organisation>;
  aUser(roles: Role[], overrides?: { organisationId?: string; email?: string }): Promise<TestUser>;
  /** Signs in, enrolling and giving the second factor when the roles need it. */
  signIn(user: TestUser): Promise<SignedIn>;
  close(): Promise<void>;
};

export type TestUser = { id: string; email: string; organisationId: string; roles: Role[] };
export type SignedIn = {
  cookie: string;
  csrfToken: string;
  secondFactorSecret: string | null;
  request(method: string, url: string, body?: unknown): Promise<LightMyRequestResponse>;
};

export async function aTestPalermo(settings: Record<string, string> = {}): Promise<TestPalermo> {
  const secrets = mkdtempSync(join(tmpdir(), 'palermo-test-'));
  const config = loadConfig({
    PALERMO_MASTER_KEY_FILE: join(secrets, 'master.key'),
    PALERMO_AUDIT_SIGNING_KEY_FILE: join(secrets, 'audit-signing.key'),
    LOG_LEVEL: 'info',
    ...settings,
  });
  const db = await freshTestDb(migrationSources);
  const clock = fixedClock(new Date('2026-03-27T09:00:00Z'));
  const logLines: string[] = [];
  const logStream = new Writable({
    write(chunk, _encoding, done) {
      logLines.push(String(chunk));
      done();
    },
  });
  const { platform, deployment } = await openPlatform(config, { db, clock, warn: () => undefined });
  const app = await buildApp(platform, deployment, logStream);
  await app.ready();
  let counter = 0;
  const enrolledSecrets = new Map<string, string>();

  const palermo: TestPalermo = {
    app,
    platform,
    db,
    clock,
    logLines,
    async anOrganisation(overrides = {}) {
      counter += 1;
      const organisation: Organisation = {
        id: newId(),
        name: `Test organisation ${counter} ${newId().slice(0, 8)}`,
        kind: 'ngo' as OrganisationKind,
        region: 'capital',
        contactPoint: { phone: null, email: null, hours: null },
        available24x7: false,
        accommodationPlaces: null,
        accommodatesChildren: false,
        ...overrides,
      };
      return (await insertOrganisation(db, organisation, clock.now()))!;
    },
    async aUser(roles, overrides = {}) {
      counter += 1;
      const organisationId = overrides.organisationId ?? (await palermo.anOrganisation()).id;
      passwordHash ??= hashPassword(TEST_PASSWORD);
      const account = await insertUserAccount(db, {
        id: newId(),
        organisationId,
        email: overrides.email ?? `user${counter}.${newId().slice(0, 6)}@example.org`,
        displayName: `Test User ${counter}`,
        roles,
        passwordHash: await passwordHash,
        at: clock.now(),
      });
      return { id: account!.id, email: account!.email, organisationId, roles };
    },
    async signIn(user) {
      const login = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: user.email, password: TEST_PASSWORD },
      });
      if (login.statusCode !== 200) throw new Error(`sign-in failed: ${login.statusCode} ${login.body}`);
      const cookie = `palermo_session=${login.cookies.find((c) => c.name === 'palermo_session')!.value}`;
      const session = login.json();
      const request = (method: string, url: string, body?: unknown) =>
        app.inject({
          method: method as 'GET',
          url,
          headers: { cookie, 'x-csrf-token': session.csrfToken },
          ...(body === undefined ? {} : { payload: body as object }),
        });
      let secondFactorSecret: string | null = enrolledSecrets.get(user.id) ?? null;
      if (session.secondFactor.required && secondFactorSecret !== null) {
        // Signed in before: the second step with a code from the secret enrolled then.
        const verified = await request('POST', '/api/auth/second-factor/verify', {
          code: currentCode(secondFactorSecret, clock.now()),
        });
        if (verified.statusCode !== 200) throw new Error(`second factor failed: ${verified.body}`);
      } else if (session.secondFactor.required) {
        const enrolment = await request('POST', '/api/auth/second-factor/enrolment');
        secondFactorSecret = enrolment.json().secret;
        const confirmed = await request('POST', '/api/auth/second-factor/enrolment/confirm', {
          code: currentCode(secondFactorSecret!, clock.now()),
        });
        if (confirmed.statusCode !== 200) throw new Error(`enrolment failed: ${confirmed.body}`);
        enrolledSecrets.set(user.id, secondFactorSecret!);
      }
      return { cookie, csrfToken: session.csrfToken, secondFactorSecret, request };
    },
    async close() {
      await app.close();
      await db.close();
    },
  };
  return palermo;
}
