import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import autocannon from 'autocannon';
import { loadConfig } from '../../src/config.js';
import { type Database, openPostgres } from '../../src/db/database.js';
import { sql } from '../../src/db/sql.js';
import { insertOrganisation } from '../../src/directory/index.js';
import { newId } from '../../src/kernel/ids.js';
import { applyMigrations, buildApp, openPlatform } from '../../src/main.js';
import type { Identity } from '../../src/persons/index.js';
import { insertUserAccount } from '../../src/security/accounts.store.js';
import type { UserActor } from '../../src/security/actor.js';
import { hashPassword } from '../../src/security/passwords.js';
import type { Bench, BenchContext, BenchReport, Measurement } from '../bench.js';
import {
  createBenchDatabase,
  DEFAULT_SERVER,
  normalise,
  recordingDatabase,
  redact,
  signInWithSecondFactor,
} from '../shared.js';
import { directReader, measureDirect } from './direct.js';

// GET /api/persons/:id/identity: a signed-in case worker (second factor given) reads the encrypted
// identity of one of 1 000 persons of their organisation; every read decrypts and appends to the
// hash-chained audit log in the same transaction. Measured over HTTP with autocannon (in a worker
// thread), against the same statements sent straight through a pg.Pool.

const PERSONS = 1000;
const CONNECTIONS = 32;
const WARM_UP_SECONDS = 2;
const GOAL_RATIO = 0.5;
const GOAL_P99_MS = 50;

export const bench: Bench = {
  name: 'api',
  description:
    'authenticated, audited read of an encrypted identity, Palermo over HTTP ÷ the same SQL direct',
  run: runApiBench,
};

async function runApiBench(context: BenchContext): Promise<BenchReport> {
  const serverUrl = process.env.DATABASE_URL || DEFAULT_SERVER;
  const databaseUrl = await createBenchDatabase(serverUrl, context);
  const secrets = mkdtempSync(join(tmpdir(), 'palermo-bench-'));
  context.onCleanup(() => rmSync(secrets, { recursive: true, force: true }));

  const config = loadConfig({
    DATABASE_URL: databaseUrl,
    PALERMO_MASTER_KEY_FILE: join(secrets, 'master.key'),
    PALERMO_AUDIT_SIGNING_KEY_FILE: join(secrets, 'audit-signing.key'),
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: 'info',
  });
  // The database as Palermo opens it (openDatabase: a pool of 20), with a recorder for the parity check.
  const recorder = recordingDatabase(await openPostgres(databaseUrl));
  context.onCleanup(() => recorder.db.close());
  const { platform, deployment } = await openPlatform(config, { db: recorder.db, warn: () => undefined });
  await applyMigrations(platform.db);
  // Log lines are formatted as in production, then dropped: the table stays readable.
  const discard = new Writable({ write: (_chunk, _encoding, done) => done() });
  const app = await buildApp(platform, deployment, discard);
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  context.onCleanup(() => app.close());
  context.log(`  Palermo listening at ${address} on ${redact(databaseUrl)}`);

  const worker = await signInCaseWorker(platform.db, address);
  context.log(`  registering ${PERSONS} persons…`);
  const personIds = await registerPersons(address, worker.headers, PERSONS);
  const idsFile = join(secrets, 'person-ids.json');
  writeFileSync(idsFile, JSON.stringify(personIds));

  const now = platform.clock.now();
  const actor: UserActor = {
    kind: 'user',
    id: worker.userId,
    organisationId: worker.organisationId,
    roles: ['case_worker'],
    sessionId: '',
    secondFactorRequired: true,
    secondFactorVerified: true,
  };
  const visible = platform.policy.permittedWhere(actor, 'person.view', now);
  const readers = {
    cached: directReader({
      databaseUrl,
      connections: CONNECTIONS,
      keyring: platform.keyring,
      sessionToken: worker.sessionToken,
      visible,
      cacheDataKeys: true,
    }),
    uncached: directReader({
      databaseUrl,
      connections: CONNECTIONS,
      keyring: platform.keyring,
      sessionToken: worker.sessionToken,
      visible,
      cacheDataKeys: false,
    }),
  };
  context.onCleanup(() => readers.cached.close());
  context.onCleanup(() => readers.uncached.close());

  // Statement parity: one warm read each way, statement by statement.
  const probeId = personIds[0]!;
  const probe = await fetch(`${address}/api/persons/${probeId}/identity`, { headers: worker.headers });
  if (probe.status !== 200) throw new Error(`the identity read answered ${probe.status}`);
  // A session's last-seen time is written at most once a minute: not part of a read's statements.
  const palermoStatements = (
    await recorder.recordOne(async () => {
      await fetch(`${address}/api/persons/${probeId}/identity`, { headers: worker.headers });
    })
  ).filter((text) => !text.startsWith('update security.session set last_seen_at'));
  await readers.cached.read(probeId);
  const directStatements: string[] = [];
  await readers.cached.read(probeId, (text) => directStatements.push(normalise(text)));
  const sameStatements = JSON.stringify(palermoStatements) === JSON.stringify(directStatements);
  if (!sameStatements)
    context.log(
      `  statements differ:\n    Palermo: ${palermoStatements.join('\n             ')}\n    direct:  ${directStatements.join('\n             ')}`,
    );

  context.log(`  Palermo over HTTP: ${WARM_UP_SECONDS} s warm-up, ${context.seconds} s measured…`);
  // Each load starts after a checkpoint, so none falls due in the middle of one load and not another.
  const checkpoint = () => platform.db.query(sql`checkpoint`).catch(() => undefined);
  await checkpoint();
  await loadOverHttp(address, worker.headers.cookie, idsFile, WARM_UP_SECONDS);
  const palermo = await loadOverHttp(address, worker.headers.cookie, idsFile, context.seconds);
  context.log(`  direct, data keys cached: ${WARM_UP_SECONDS} s warm-up, ${context.seconds} s measured…`);
  await checkpoint();
  await measureDirect('warm-up', readers.cached, personIds, CONNECTIONS, WARM_UP_SECONDS);
  const direct = await measureDirect(
    'direct pg, same statements',
    readers.cached,
    personIds,
    CONNECTIONS,
    context.seconds,
  );
  context.log(
    `  direct, data key selected every time: ${WARM_UP_SECONDS} s warm-up, ${context.seconds} s measured…`,
  );
  await checkpoint();
  await measureDirect('warm-up', readers.uncached, personIds, CONNECTIONS, WARM_UP_SECONDS);
  const directUncached = await measureDirect(
    'direct pg, + data-key select',
    readers.uncached,
    personIds,
    CONNECTIONS,
    context.seconds,
  );

  const ratio = palermo.requestsPerSecond / direct.requestsPerSecond;
  const serverVersion = await platform.db.query<{ version: string }>(sql`show server_version`);
  return {
    measurements: [palermo, direct, directUncached],
    ratios: [
      { label: 'Palermo ÷ direct (req/s)', value: ratio },
      {
        label: 'Palermo ÷ direct with data-key select (req/s)',
        value: palermo.requestsPerSecond / directUncached.requestsPerSecond,
      },
    ],
    goals: [
      { description: `ratio ≥ ${GOAL_RATIO}`, met: ratio >= GOAL_RATIO },
      { description: `Palermo p99 < ${GOAL_P99_MS} ms`, met: palermo.p99Ms < GOAL_P99_MS },
      { description: 'no failed requests', met: palermo.errors === 0 && direct.errors === 0 },
      { description: "the baseline sends the route's statements", met: sameStatements },
    ],
    notes: [
      `${PERSONS} persons, ${CONNECTIONS} connections (autocannon in a worker thread) and ${CONNECTIONS} direct loops on a pg.Pool of ${CONNECTIONS}; Palermo uses its own pool of 20`,
      `statements per read: ${palermoStatements.length} (${palermoStatements.map((text) => text.split(' ').slice(0, 2).join(' ')).join('; ')})`,
      'Palermo keeps unwrapped data keys in memory (field-encryption.store.ts), so a warm read issues no data-key select; the second direct load selects and unwraps it on every read',
      'the HTTP client shares the machine with the server and PostgreSQL; the direct loops have no client to pay for',
      `every read appends to the one audit chain under one lock: at ${Math.round(direct.requestsPerSecond)} reads/s even the baseline's ${CONNECTIONS} loops wait ${((CONNECTIONS / direct.requestsPerSecond) * 1000).toFixed(0)} ms per read on average (Little's law)`,
    ],
    environment: {
      node: process.version,
      cpus: cpus().length,
      cpu: cpus()[0]?.model ?? 'unknown',
      postgres: serverVersion.rows[0]?.version ?? 'unknown',
      persons: PERSONS,
      connections: CONNECTIONS,
    },
  };
}

type SignedInWorker = {
  userId: string;
  organisationId: string;
  sessionToken: string;
  headers: { cookie: string; 'x-csrf-token': string };
};

/** A case worker of a new organisation, signed in over HTTP with a TOTP second factor enrolled. */
async function signInCaseWorker(db: Database, address: string): Promise<SignedInWorker> {
  const at = new Date();
  const organisation = await insertOrganisation(
    db,
    {
      id: newId(),
      name: 'Bench shelter',
      kind: 'shelter',
      region: 'capital',
      contactPoint: { phone: null, email: null, hours: null },
      available24x7: true,
      accommodationPlaces: null,
      accommodatesChildren: false,
    },
    at,
  );
  const password = randomBytes(18).toString('base64url');
  const account = await insertUserAccount(db, {
    id: newId(),
    organisationId: organisation!.id,
    email: 'case.worker@bench.palermo.example',
    displayName: 'Bench case worker',
    roles: ['case_worker'],
    passwordHash: await hashPassword(password),
    at,
  });
  const session = await signInWithSecondFactor(address, account!.email, password);
  return {
    userId: account!.id,
    organisationId: organisation!.id,
    sessionToken: session.sessionToken,
    headers: session.headers,
  };
}

function aBenchIdentity(index: number): Identity {
  return {
    fullName: `Ілона Бенчмарк-Коваленко ${index}`,
    latinName: `Ilona Benchmark-Kovalenko ${index}`,
    aliases: [`Ilona K. ${index}`],
    sex: index % 3 === 0 ? 'male' : 'female',
    dateOfBirth: { year: 1990 + (index % 20), month: 1 + (index % 12) },
    citizenship: 'UKR',
    languages: ['uk', 'ru'],
    documents: [{ kind: 'passport', number: `FB${String(1_000_000 + index)}`, issuingCountry: 'UKR' }],
    contacts: [{ kind: 'phone', value: `+380 44 ${String(1_000_000 + index)}` }],
  };
}

async function registerPersons(address: string, headers: SignedInWorker['headers'], count: number) {
  const ids: string[] = new Array(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (next < count) {
        const index = next++;
        const response = await fetch(`${address}/api/persons`, {
          method: 'POST',
          headers: { ...headers, 'content-type': 'application/json' },
          body: JSON.stringify({ identity: aBenchIdentity(index) }),
        });
        if (response.status !== 201) throw new Error(`registration answered ${response.status}`);
        ids[index] = ((await response.json()) as { id: string }).id;
      }
    }),
  );
  return ids;
}

async function loadOverHttp(
  address: string,
  cookie: string,
  idsFile: string,
  seconds: number,
): Promise<Measurement> {
  // The worker thread reads the person ids from this file (its environment is copied at start).
  process.env.PALERMO_BENCH_PERSON_IDS = idsFile;
  const result = await autocannon({
    url: address,
    connections: CONNECTIONS,
    duration: seconds,
    workers: 1,
    headers: { cookie },
    requests: [{ method: 'GET', setupRequest: new URL('./identity-request.cjs', import.meta.url).pathname }],
  });
  return {
    label: 'Palermo over HTTP',
    requests: result.requests.total,
    errors: result.errors + result.timeouts + result.non2xx,
    seconds: result.duration,
    requestsPerSecond: (result.requests.total - result.non2xx) / result.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
  };
}
