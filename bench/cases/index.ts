import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import autocannon from 'autocannon';
import type { CaseEventOf } from '../../src/cases/case-events.js';
import { loadConfig } from '../../src/config.js';
import { openPostgres } from '../../src/db/database.js';
import { sql } from '../../src/db/sql.js';
import { insertOrganisation } from '../../src/directory/index.js';
import type { OrganisationKind } from '../../src/directory/organisation.js';
import { newId } from '../../src/kernel/ids.js';
import { applyMigrations, buildApp, openPlatform } from '../../src/main.js';
import { insertUserAccount } from '../../src/security/accounts.store.js';
import type { UserActor } from '../../src/security/actor.js';
import { hashPassword } from '../../src/security/passwords.js';
import type { Bench, BenchContext, BenchReport, Measurement } from '../bench.js';
import {
  benchEnvironment,
  checkpoint,
  createBenchDatabase,
  DEFAULT_SERVER,
  type HttpSession,
  normalise,
  recordingDatabase,
  redact,
  signInWithSecondFactor,
  statementName,
} from '../shared.js';
import { type DirectUser, directCases, measureLoops } from './direct.js';
import { copyCases, seedBenchCases } from './seed.js';

// Issue 3, acceptance 14. A case's timeline (GET /api/cases/:caseId) and an event appended to it
// (POST /api/cases/:caseId/events), by 32 signed-in case workers at once, on a country's worth of
// cases. Measured over HTTP with autocannon (in a worker thread), against the same statements sent
// straight through a pg.Pool in the same run (direct.ts).
//
// PALERMO_BENCH_CASES (default 100 000) cases in all; PALERMO_BENCH_GENERATED (default 10 000) of
// them written by the demo generator, four at once, the rest copied from those in SQL (seed.ts):
// on two busy cores the generator writes about 130 cases a second, so 100 000 would take a quarter
// of an hour where the copies take under a minute.

const DEFAULT_CASES = 100_000;
/** How many of them the demo generator writes; the rest are copies of those (seed.ts, copyCases). */
const DEFAULT_GENERATED = 10_000;
const USERS = 32;
const CONNECTIONS = 32;
const SEEDERS = 4;
const WARM_UP_SECONDS = 2;
const GOAL_RATIO = 0.5;
const GOAL_P99_MS = 50;
/** The session touch (at most once a minute per session) is not part of an operation's statements. */
const SESSION_TOUCH = 'update security.session set last_seen_at';

export const bench: Bench = {
  name: 'cases',
  description:
    'case timeline load and event append by 32 case workers on 100 000 cases, Palermo over HTTP ÷ the same SQL direct',
  run: runCasesBench,
};

function benchCaseCounts(): { cases: number; generated: number } {
  const cases = Number(process.env.PALERMO_BENCH_CASES ?? DEFAULT_CASES);
  if (!Number.isInteger(cases) || cases < USERS) throw new Error(`PALERMO_BENCH_CASES must be ≥ ${USERS}`);
  const generated = Number(process.env.PALERMO_BENCH_GENERATED ?? Math.min(cases, DEFAULT_GENERATED));
  if (!Number.isInteger(generated) || generated < USERS || generated > cases)
    throw new Error(`PALERMO_BENCH_GENERATED must be between ${USERS} and PALERMO_BENCH_CASES`);
  return { cases, generated };
}

type HttpLoad = Measurement & { retries: number };

async function runCasesBench(context: BenchContext): Promise<BenchReport> {
  const counts = benchCaseCounts();
  const serverUrl = process.env.DATABASE_URL || DEFAULT_SERVER;
  const databaseUrl = await createBenchDatabase(serverUrl, context);
  const scratch = mkdtempSync(join(tmpdir(), 'palermo-bench-cases-'));
  context.onCleanup(() => rmSync(scratch, { recursive: true, force: true }));

  const config = loadConfig({
    DATABASE_URL: databaseUrl,
    PALERMO_MASTER_KEY_FILE: join(scratch, 'master.key'),
    PALERMO_AUDIT_SIGNING_KEY_FILE: join(scratch, 'audit-signing.key'),
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: 'info',
  });
  // The database as Palermo opens it (a pool of 20), with a recorder for the parity check.
  const raw = await openPostgres(databaseUrl);
  const recorder = recordingDatabase(raw);
  context.onCleanup(() => raw.close());
  const { platform, deployment } = await openPlatform(config, { db: recorder.db, warn: () => undefined });
  await applyMigrations(platform.db);
  const settings = deployment.settings.cases;
  // Log lines are formatted as in production, then dropped: the table stays readable.
  const discard = new Writable({ write: (_chunk, _encoding, done) => done() });
  const app = await buildApp(platform, deployment, discard);
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  context.onCleanup(() => app.close());
  context.log(`  Palermo listening at ${address} on ${redact(databaseUrl)}`);

  // One organisation owns every case; a shelter and a second NGO take the services in the scripts.
  const at = platform.clock.now();
  const today = platform.clock.today();
  const organisation = async (name: string, kind: OrganisationKind) => {
    const inserted = await insertOrganisation(
      raw,
      {
        id: newId(),
        name,
        kind,
        region: 'capital',
        contactPoint: { phone: null, email: null, hours: null },
        available24x7: kind === 'shelter',
        accommodationPlaces: kind === 'shelter' ? 40 : null,
        // The generator houses children there too (demo-cases.ts): a shelter suited to them.
        accommodatesChildren: kind === 'shelter',
      },
      at,
    );
    return inserted!.id;
  };
  const ownerId = await organisation('Bench NGO', 'ngo');
  const shelterId = await organisation('Bench shelter', 'shelter');
  const otherNgoId = await organisation('Bench legal aid NGO', 'ngo');
  const password = randomBytes(18).toString('base64url');
  const passwordHash = await hashPassword(password);
  const accounts: { id: string; email: string }[] = [];
  for (let index = 0; index < USERS; index++) {
    const account = await insertUserAccount(raw, {
      id: newId(),
      organisationId: ownerId,
      email: `case.worker.${index + 1}@bench.palermo.example`,
      displayName: `Bench case worker ${index + 1}`,
      roles: ['case_worker'],
      passwordHash,
      at,
    });
    accounts.push({ id: account!.id, email: account!.email });
  }

  context.log(`  generating ${counts.generated} cases with ${SEEDERS} generators at once…`);
  const seeded = await seedBenchCases(raw, platform.keyring, settings, {
    count: counts.generated,
    seeders: SEEDERS,
    organisations: {
      owners: accounts.map((account) => ({ id: ownerId, userId: account.id })),
      shelterIds: [shelterId],
      ngoIds: [ownerId, otherNgoId],
    },
    at,
    today,
    log: context.log,
  });
  const copyStarted = performance.now();
  const copied = await copyCases(raw, counts.cases - seeded.cases);
  const copySeconds = (performance.now() - copyStarted) / 1000;
  context.log(`  copied ${copied.cases} cases with ${copied.events} events in ${copySeconds.toFixed(0)} s`);
  const analyseStarted = performance.now();
  await raw.exec('vacuum analyze');
  const analyseSeconds = (performance.now() - analyseStarted) / 1000;
  context.log(`  vacuum analyze in ${analyseSeconds.toFixed(0)} s`);
  const caseIds = (await raw.query<{ id: string }>(sql`select id from cases.case_file order by id`)).rows.map(
    (row) => row.id,
  );
  const openCaseIds = (
    await raw.query<{ id: string }>(sql`select id from cases.case_file where stage <> 'closed' order by id`)
  ).rows.map((row) => row.id);
  const eventCount = (
    await raw.query<{ count: number }>(sql`select count(*)::int as count from cases.case_event`)
  ).rows[0]!.count;
  if (openCaseIds.length === 0) throw new Error('the seed left no open case to append to');

  // Signed in after seeding, so that no session goes idle while the cases are written.
  context.log(`  signing in ${USERS} case workers with a second factor…`);
  const sessions: HttpSession[] = [];
  for (let start = 0; start < accounts.length; start += 4)
    sessions.push(
      ...(await Promise.all(
        accounts
          .slice(start, start + 4)
          .map((account) => signInWithSecondFactor(address, account.email, password)),
      )),
    );
  const directUsers: DirectUser[] = sessions.map((session, index) => {
    const actor: UserActor = {
      kind: 'user',
      id: accounts[index]!.id,
      organisationId: ownerId,
      roles: ['case_worker'],
      sessionId: '',
      secondFactorRequired: true,
      secondFactorVerified: true,
    };
    return {
      sessionToken: session.sessionToken,
      visible: platform.policy.permittedWhere(actor, 'case.view', platform.clock.now()),
    };
  });

  // What every append records: a periodic risk assessment, dated today (002 l. 1385: "a continuous
  // risk assessment in order to ensure the safety of the victim/witness"). Every open stage takes
  // it and it closes nothing.
  const appendedEvent: CaseEventOf<'risk_assessed'> = {
    type: 'risk_assessed',
    occurredOn: today,
    reason: 'periodic',
    outcome: 'medium',
    familyMembersAtRisk: false,
    assessingOrganisationId: ownerId,
  };
  const loadFile = join(scratch, 'load.json');
  writeFileSync(
    loadFile,
    JSON.stringify({
      users: sessions.map((session) => ({
        cookie: session.headers.cookie,
        csrfToken: session.headers['x-csrf-token'],
      })),
      caseIds,
      openCaseIds,
      appendedEvent,
    }),
  );

  const direct = directCases({
    databaseUrl,
    connections: CONNECTIONS,
    policy: platform.policy,
    settings,
    today,
  });
  context.onCleanup(() => direct.close());

  // Statement parity, one warm operation each way, statement by statement.
  const firstUser = sessions[0]!;
  const firstDirectUser = directUsers[0]!;
  const parity = async (
    operation: string,
    palermo: () => Promise<void>,
    baseline: (record?: (text: string) => void) => Promise<unknown>,
  ) => {
    await palermo();
    const palermoStatements = (await recorder.recordOne(palermo)).filter(
      (text) => !text.startsWith(SESSION_TOUCH),
    );
    await baseline();
    const directStatements: string[] = [];
    await baseline((text) => directStatements.push(normalise(text)));
    const same = JSON.stringify(palermoStatements) === JSON.stringify(directStatements);
    if (!same)
      context.log(
        `  ${operation}: statements differ:\n    Palermo: ${palermoStatements.join('\n             ')}\n    direct:  ${directStatements.join('\n             ')}`,
      );
    return { same, statements: palermoStatements };
  };
  const probeCaseId = openCaseIds[0]!;
  const timelineParity = await parity(
    'timeline load',
    async () => {
      const response = await fetch(`${address}/api/cases/${probeCaseId}`, { headers: firstUser.headers });
      if (response.status !== 200) throw new Error(`the timeline load answered ${response.status}`);
      await response.arrayBuffer();
    },
    (record) => direct.loadTimeline(firstDirectUser, probeCaseId, record),
  );
  const appendParity = await parity(
    'append',
    async () => {
      const response = await fetch(`${address}/api/cases/${probeCaseId}/events`, {
        method: 'POST',
        headers: { ...firstUser.headers, 'content-type': 'application/json' },
        body: JSON.stringify(appendedEvent),
      });
      if (response.status !== 201)
        throw new Error(`the append answered ${response.status}: ${await response.text()}`);
      await response.arrayBuffer();
    },
    async (record) => {
      const outcome = await direct.append(firstDirectUser, probeCaseId, appendedEvent, record);
      if (outcome !== 'recorded') throw new Error(`the direct append was ${outcome}`);
    },
  );

  const pick = <T>(values: readonly T[]) => values[Math.floor(Math.random() * values.length)]!;
  const retriesFile = join(scratch, 'retries');
  const http = (label: string, request: 'timeline' | 'append', seconds: number) =>
    loadOverHttp({ label, address, loadFile, retriesFile, request, seconds });

  // The machine is shared: how busy it was when the loads began tells how far to trust the figures.
  const loadAverage = loadavg()[0]!;
  context.log(`  timeline over HTTP: ${WARM_UP_SECONDS} s warm-up, ${context.seconds} s measured…`);
  await checkpoint(raw);
  await http('warm-up', 'timeline', WARM_UP_SECONDS);
  const palermoTimeline = await http('timeline, Palermo over HTTP', 'timeline', context.seconds);
  context.log(`  timeline direct: ${WARM_UP_SECONDS} s warm-up, ${context.seconds} s measured…`);
  const timelineWork = async () => {
    await direct.loadTimeline(pick(directUsers), pick(caseIds));
    return undefined;
  };
  await checkpoint(raw);
  await measureLoops('warm-up', CONNECTIONS, WARM_UP_SECONDS, timelineWork);
  const directTimeline = await measureLoops(
    'timeline, direct pg, same statements',
    CONNECTIONS,
    context.seconds,
    timelineWork,
  );

  context.log(`  append over HTTP: ${WARM_UP_SECONDS} s warm-up, ${context.seconds} s measured…`);
  await checkpoint(raw);
  await http('warm-up', 'append', WARM_UP_SECONDS);
  const palermoAppend = await http('append, Palermo over HTTP', 'append', context.seconds);
  context.log(`  append direct: ${WARM_UP_SECONDS} s warm-up, ${context.seconds} s measured…`);
  const appendWork = () => direct.append(pick(directUsers), pick(openCaseIds), appendedEvent);
  await checkpoint(raw);
  await measureLoops('warm-up', CONNECTIONS, WARM_UP_SECONDS, appendWork);
  const directAppend = await measureLoops(
    'append, direct pg, same statements',
    CONNECTIONS,
    context.seconds,
    appendWork,
  );

  const timelineRatio = palermoTimeline.requestsPerSecond / directTimeline.requestsPerSecond;
  const appendRatio = palermoAppend.requestsPerSecond / directAppend.requestsPerSecond;
  const loads = [palermoTimeline, directTimeline, palermoAppend, directAppend];
  const withoutRetries = ({ retries: _retries, ...measurement }: HttpLoad): Measurement => measurement;
  const describe = (statements: string[]) =>
    `${statements.length} (${statements.map(statementName).join('; ')})`;
  const eventsAfter = (
    await raw.query<{ count: number }>(sql`select count(*)::int as count from cases.case_event`)
  ).rows[0]!.count;
  return {
    measurements: loads.map(withoutRetries),
    ratios: [
      { label: 'timeline: Palermo ÷ direct (req/s)', value: timelineRatio },
      { label: 'append: Palermo ÷ direct (req/s)', value: appendRatio },
    ],
    goals: [
      { description: `timeline ratio ≥ ${GOAL_RATIO}`, met: timelineRatio >= GOAL_RATIO },
      { description: `append ratio ≥ ${GOAL_RATIO}`, met: appendRatio >= GOAL_RATIO },
      { description: `timeline Palermo p99 < ${GOAL_P99_MS} ms`, met: palermoTimeline.p99Ms < GOAL_P99_MS },
      { description: `append Palermo p99 < ${GOAL_P99_MS} ms`, met: palermoAppend.p99Ms < GOAL_P99_MS },
      { description: 'no failed requests', met: loads.every((load) => load.errors === 0) },
      {
        description: "the baseline sends the routes' statements",
        met: timelineParity.same && appendParity.same,
      },
    ],
    notes: [
      `${caseIds.length} cases (${openCaseIds.length} open) with ${eventCount} events: ${seeded.cases} written by ${SEEDERS} demo generators at once (state machine, sealed identities) in ${seeded.seconds.toFixed(0)} s (${(seeded.cases / seeded.seconds).toFixed(0)} cases/s), ${copied.cases} copies of them made in SQL in ${copySeconds.toFixed(0)} s (new ids and references, same person, events and deadlines as the original; PALERMO_BENCH_GENERATED sets the split), then vacuum analyze in ${analyseSeconds.toFixed(0)} s; the bench appended ${eventsAfter - eventCount} events`,
      `${USERS} case workers of the owning organisation, each signed in over HTTP with a TOTP second factor; every request is by a random one of them on a random case (appends: a random open case)`,
      `${CONNECTIONS} connections (autocannon in a worker thread) and ${CONNECTIONS} direct loops on a pg.Pool of ${CONNECTIONS}; Palermo uses its own pool of 20`,
      `statements per timeline load: ${describe(timelineParity.statements)}`,
      `statements per append: ${describe(appendParity.statements)}`,
      `appended event: a periodic risk assessment dated today; a 409 concurrent-change counts as a retry, not an error: ${palermoAppend.retries} over HTTP, ${directAppend.retries} direct`,
      "the baseline folds the events into a state (the store and need-to-know need it) but builds no view and reads today's date once per run: the case view's deadlines, allowed actions, JSON and the per-request clock are Palermo's cost",
      'the HTTP client shares the machine with the server and PostgreSQL; the direct loops have no client to pay for',
      'every append locks its case row and appends to the one audit chain: appends to different cases still queue on the audit chain',
      `with ${CONNECTIONS} connections always busy, mean latency is ${CONNECTIONS} ÷ throughput (Little's law): a p99 under ${GOAL_P99_MS} ms needs more than ${(CONNECTIONS * 1000) / GOAL_P99_MS} req/s; the baseline reached ${Math.round(directTimeline.requestsPerSecond)} (timeline) and ${Math.round(directAppend.requestsPerSecond)} (append)`,
      `load average (1 min) on the ${cpus().length} cores when the loads began: ${loadAverage.toFixed(1)}`,
    ],
    environment: {
      ...(await benchEnvironment(raw)),
      cases: caseIds.length,
      generatedCases: seeded.cases,
      openCases: openCaseIds.length,
      events: eventCount,
      users: USERS,
      connections: CONNECTIONS,
      seeders: SEEDERS,
      loadAverage: Number(loadAverage.toFixed(2)),
      generateSeconds: Math.round(seeded.seconds),
      copySeconds: Math.round(copySeconds),
    },
  };
}

async function loadOverHttp(options: {
  label: string;
  address: string;
  loadFile: string;
  retriesFile: string;
  request: 'timeline' | 'append';
  seconds: number;
}): Promise<HttpLoad> {
  // The worker thread reads the load from these files (its environment is copied at start).
  process.env.PALERMO_BENCH_CASES_LOAD = options.loadFile;
  process.env.PALERMO_BENCH_CASES_RETRIES = options.retriesFile;
  writeFileSync(options.retriesFile, '');
  const module = (name: string) => new URL(name, import.meta.url).pathname;
  const result = await autocannon({
    url: options.address,
    connections: CONNECTIONS,
    duration: options.seconds,
    workers: 1,
    requests: [
      options.request === 'timeline'
        ? { setupRequest: module('./timeline-request.cjs') }
        : { setupRequest: module('./append-request.cjs'), onResponse: module('./append-response.cjs') },
    ],
  });
  const retries = statSync(options.retriesFile).size;
  const succeeded = result.requests.total - result.non2xx;
  return {
    label: options.label,
    requests: result.requests.total,
    errors: result.errors + result.timeouts + result.non2xx - retries,
    seconds: result.duration,
    requestsPerSecond: succeeded / result.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    retries,
  };
}
