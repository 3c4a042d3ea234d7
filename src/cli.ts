import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Command, Option } from 'commander';
import { type Config, loadConfig, settingDefinitions } from './config.js';
import { migrate, readMigrations } from './db/migrations.js';
import { sql } from './db/sql.js';
import { addDemoCases, demoEmail, loadDemo } from './demo.js';
import { loadDeployment } from './deployment.js';
import {
  insertOrganisation,
  listOrganisations,
  type OrganisationKind,
  organisationKinds,
} from './directory/index.js';
import { newId } from './kernel/ids.js';
import { applyMigrations, buildApp, declarations, migrationSources, openPlatform, webRoot } from './main.js';
import {
  countUserAccounts,
  findUserAccountByEmail,
  insertUserAccount,
  listUserAccounts,
  updateUserAccount,
} from './security/accounts.store.js';
import { commandLine } from './security/actor.js';
import { appendAudit, checkpointAudit, verifyAuditChain } from './security/audit.store.js';
import { auditActor } from './security/audit-entry.js';
import { rotateMasterKey } from './security/field-encryption.store.js';
import { hashPassword, MIN_PASSWORD_LENGTH } from './security/passwords.js';
import { Policy } from './security/permissions.js';
import { type Role, roles } from './security/roles.js';
import { endSessionsOfUser } from './security/session.store.js';
import { registerCaseDuplicateCommands } from './tracing/duplicates/case-duplicate.cli.js';
import { registerLinkageCommands } from './tracing/linkage.cli.js';

// `palermo …`: the same composition root as the server. Every command prints a one-line reason
// and exits non-zero on error; everything it changes is audited as the system actor `cli`.

class CliError extends Error {}

const say = (line: string) => process.stdout.write(`${line}\n`);
const config = () => loadConfig();

async function withPlatform<T>(
  work: (opened: Awaited<ReturnType<typeof openPlatform>>) => Promise<T>,
): Promise<T> {
  const opened = await openPlatform(config(), {
    warn: (message) => process.stderr.write(`warning: ${message}\n`),
  });
  try {
    await applyMigrations(opened.platform.db);
    return await work(opened);
  } finally {
    await opened.platform.db.close();
  }
}

const cliAudit = (
  action: string,
  subject?: { type: string; id: string },
  details?: Record<string, string | number | boolean>,
) => ({
  occurredAt: new Date(),
  actor: auditActor(commandLine),
  action,
  outcome: 'success' as const,
  ...(subject ? { subject } : {}),
  ...(details ? { details } : {}),
});

function parseRoles(list: string): Role[] {
  const given = list
    .split(',')
    .map((role) => role.trim())
    .filter(Boolean);
  const unknown = given.filter((role) => !roles.includes(role as Role));
  if (unknown.length > 0 || given.length === 0)
    throw new CliError(`unknown role ${unknown.join(', ') || '(none)'}; roles are: ${roles.join(', ')}`);
  return given as Role[];
}

async function ensureWebBuilt() {
  if (existsSync(join(webRoot, 'index.html'))) return;
  say('Building the web app (first start only)…');
  const { build } = await import('vite');
  await build({ configFile: new URL('./web/vite.config.ts', import.meta.url).pathname, logLevel: 'warn' });
}

const program = new Command('palermo')
  .description("Palermo: a country's response to human trafficking, on one platform")
  .showHelpAfterError()
  .configureOutput({ outputError: (message, write) => write(message) });

program
  .command('start')
  .description('Migrate the database and run the server (PGlite in ./data, or DATABASE_URL)')
  .option('--demo', 'load the demo dataset when the installation has no users yet')
  .option('--no-build', 'do not build the web app when it is missing')
  .action(async (options: { demo?: boolean; build: boolean }) => {
    if (options.build) await ensureWebBuilt();
    const settings = config();
    const opened = await openPlatform(settings, {
      warn: (message) => process.stderr.write(`warning: ${message}\n`),
    });
    const { platform, deployment } = opened;
    const applied = await applyMigrations(platform.db);
    if (applied.length > 0) say(`Applied ${applied.length} migrations.`);
    let demoPassword: string | null = null;
    if (options.demo) {
      const outcome = await loadDemo(platform.db, deployment.settings, {
        password: settings.demoPassword,
        at: new Date(),
        keyring: platform.keyring,
      });
      if (outcome.loaded) {
        demoPassword = outcome.password;
        await platform.db.transaction((tx) =>
          appendAudit(tx, cliAudit('demo.load', undefined, { users: outcome.users })),
        );
      }
    }
    const app = await buildApp(platform, deployment);
    const shutdown = async () => {
      await app.close();
      await platform.db.close();
      process.exit(0);
    };
    process.once('SIGINT', shutdown);
    process.once('SIGTERM', shutdown);
    const address = await app.listen({ host: settings.host, port: settings.port });
    const url = address.replace('127.0.0.1', 'localhost');
    say('');
    say(
      `Palermo is running at ${url}  (database: ${platform.db.kind === 'pglite' ? `PGlite in ${settings.dataDir}` : 'PostgreSQL'})`,
    );
    say(`API documentation: ${url}/api/docs`);
    if (options.demo) {
      say('');
      say('Demo users, one per role (the country is the fictional Republic of Valdavia):');
      say(`  system administrator: ${demoEmail('system_administrator')}`);
      say(`  case worker:          ${demoEmail('case_worker')}`);
      say(`  auditor:              ${demoEmail('auditor')}`);
      say(
        `  … and ${roles.map(demoEmail).length - 3} more: <role with dots>@demo.palermo.example, e.g. ${demoEmail('data_protection_officer')}`,
      );
      if (demoPassword)
        say(
          `  password for all of them (shown once only; set PALERMO_DEMO_PASSWORD to choose it): ${demoPassword}`,
        );
      else say('  password: the one printed when the demo was first loaded (or PALERMO_DEMO_PASSWORD)');
      say('  Roles that read identity data set up an authenticator app (TOTP) at first sign-in.');
    }
  });

program
  .command('migrate')
  .description('Apply pending database migrations and exit')
  .action(async () => {
    const opened = await openPlatform(config(), {
      warn: (message) => process.stderr.write(`warning: ${message}\n`),
    });
    try {
      const applied = await migrate(opened.platform.db, readMigrations(migrationSources));
      say(applied.length === 0 ? 'The database is up to date.' : `Applied: ${applied.join(', ')}`);
    } finally {
      await opened.platform.db.close();
    }
  });

program
  .command('init')
  .description('Create the first system administrator and their organisation (an empty installation only)')
  .requiredOption('--email <email>', 'e-mail address of the administrator')
  .requiredOption('--name <name>', 'full name of the administrator')
  .requiredOption('--organisation <name>', 'name of the organisation they belong to')
  .option('--region <code>', 'region code of the organisation (default: the first region)')
  .addOption(
    new Option(
      '--password <password>',
      'initial password (or PALERMO_INIT_PASSWORD; generated when absent)',
    ).env('PALERMO_INIT_PASSWORD'),
  )
  .action(
    async (options: {
      email: string;
      name: string;
      organisation: string;
      region?: string;
      password?: string;
    }) =>
      withPlatform(async ({ platform, deployment }) => {
        if ((await countUserAccounts(platform.db)) > 0)
          throw new CliError('the installation already has users; use `palermo users create`');
        const password =
          options.password ?? (await import('node:crypto')).randomBytes(12).toString('base64url');
        if (password.length < MIN_PASSWORD_LENGTH)
          throw new CliError(`the password needs at least ${MIN_PASSWORD_LENGTH} characters`);
        const region = options.region ?? deployment.settings.regions[0]!.code;
        const at = new Date();
        const passwordHash = await hashPassword(password);
        await platform.db.transaction(async (tx) => {
          const organisation = await insertOrganisation(
            tx,
            {
              id: newId(),
              name: options.organisation,
              kind: 'national_coordinator_office',
              region,
              contactPoint: { phone: null, email: null, hours: null },
              available24x7: false,
              accommodationPlaces: null,
              accommodatesChildren: false,
            },
            at,
          );
          if (!organisation) throw new CliError('an organisation with that name exists');
          const account = await insertUserAccount(tx, {
            id: newId(),
            organisationId: organisation.id,
            email: options.email,
            displayName: options.name,
            roles: ['system_administrator'],
            passwordHash,
            at,
          });
          await appendAudit(
            tx,
            cliAudit(
              'user.create',
              { type: 'user_account', id: account!.id },
              { roles: 'system_administrator' },
            ),
          );
        });
        say(`Created the administrator ${options.email.toLowerCase()}.`);
        if (!options.password) say(`Initial password (shown once): ${password}`);
      }),
  );

const users = program.command('users').description('Administer user accounts');
users
  .command('list')
  .description('List user accounts')
  .action(() =>
    withPlatform(async ({ platform }) => {
      const accounts = await listUserAccounts(platform.db, sql.true, 10_000);
      for (const account of accounts)
        say(
          `${account.id}  ${account.email.padEnd(48)} ${account.roles.join(',')}${account.disabledAt ? '  (disabled)' : ''}`,
        );
      say(`${accounts.length} accounts`);
    }),
  );
users
  .command('create')
  .description('Create a user account')
  .requiredOption('--email <email>', 'e-mail address')
  .requiredOption('--name <name>', 'full name')
  .requiredOption('--organisation <id>', 'organisation id (see `palermo orgs list`)')
  .requiredOption('--roles <roles>', `comma-separated roles: ${roles.join(', ')}`)
  .addOption(
    new Option('--password <password>', 'initial password (generated when absent)').env(
      'PALERMO_USER_PASSWORD',
    ),
  )
  .action(
    (options: { email: string; name: string; organisation: string; roles: string; password?: string }) =>
      withPlatform(async ({ platform }) => {
        const chosenRoles = parseRoles(options.roles);
        if (!(await platform.organisationExists(options.organisation).catch(() => false)))
          throw new CliError('there is no organisation with that id');
        const password =
          options.password ?? (await import('node:crypto')).randomBytes(12).toString('base64url');
        if (password.length < MIN_PASSWORD_LENGTH)
          throw new CliError(`the password needs at least ${MIN_PASSWORD_LENGTH} characters`);
        const passwordHash = await hashPassword(password);
        const id = await platform.db.transaction(async (tx) => {
          const account = await insertUserAccount(tx, {
            id: newId(),
            organisationId: options.organisation,
            email: options.email,
            displayName: options.name,
            roles: chosenRoles,
            passwordHash,
            at: new Date(),
          });
          if (!account) throw new CliError('an account with that e-mail address exists');
          await appendAudit(
            tx,
            cliAudit(
              'user.create',
              { type: 'user_account', id: account.id },
              { roles: chosenRoles.join(' ') },
            ),
          );
          return account.id;
        });
        say(`Created user ${id}.`);
        if (!options.password) say(`Initial password (shown once): ${password}`);
      }),
  );
for (const [name, description, change] of [
  ['disable', 'Disable an account and end its sessions', { disabled: true }],
  ['enable', 'Enable a disabled account', { disabled: false }],
  ['reset-second-factor', 'Remove an account’s second factor so its owner enrols again', { reset: true }],
] as const)
  users
    .command(name)
    .description(description)
    .argument('<email>', 'e-mail address of the account')
    .action((email: string) =>
      withPlatform(async ({ platform }) => {
        const account = await findUserAccountByEmail(platform.db, email);
        if (!account) throw new CliError('there is no account with that e-mail address');
        const at = new Date();
        await platform.db.transaction(async (tx) => {
          if ('reset' in change)
            await updateUserAccount(
              tx,
              account.id,
              {
                secondFactorSecret: null,
                secondFactorPendingSecret: null,
                secondFactorEnrolledAt: null,
                recoveryCodeHashes: [],
              },
              at,
            );
          else
            await updateUserAccount(
              tx,
              account.id,
              {
                disabledAt: change.disabled ? at : null,
                ...(change.disabled ? {} : { failedLogins: 0, lockedUntil: null }),
              },
              at,
            );
          await endSessionsOfUser(tx, account.id, at);
          await appendAudit(tx, cliAudit(`user.${name}`, { type: 'user_account', id: account.id }));
        });
        say(`Done: ${name} ${account.email}.`);
      }),
    );

const orgs = program.command('orgs').description('Administer the directory of organisations');
orgs
  .command('list')
  .description('List organisations')
  .action(() =>
    withPlatform(async ({ platform }) => {
      const organisations = await listOrganisations(platform.db, sql.true);
      for (const organisation of organisations)
        say(
          `${organisation.id}  ${organisation.kind.padEnd(28)} ${organisation.region.padEnd(12)} ${organisation.name}`,
        );
      say(`${organisations.length} organisations`);
    }),
  );
orgs
  .command('create')
  .description('Add an organisation')
  .requiredOption('--name <name>', 'name')
  .addOption(
    new Option('--kind <kind>', 'kind of organisation').choices(organisationKinds).makeOptionMandatory(),
  )
  .requiredOption('--region <code>', 'region code (see deployments/<code>/settings.json)')
  .option('--available-24x7', 'reachable at any hour')
  .action((options: { name: string; kind: OrganisationKind; region: string; available24x7?: boolean }) =>
    withPlatform(async ({ platform, deployment }) => {
      if (!deployment.settings.regions.some((region) => region.code === options.region))
        throw new CliError(
          `unknown region ${options.region}; regions are: ${deployment.settings.regions.map((region) => region.code).join(', ')}`,
        );
      const id = await platform.db.transaction(async (tx) => {
        const organisation = await insertOrganisation(
          tx,
          {
            id: newId(),
            name: options.name,
            kind: options.kind,
            region: options.region,
            contactPoint: { phone: null, email: null, hours: null },
            available24x7: options.available24x7 ?? false,
            accommodationPlaces: null,
            accommodatesChildren: false,
          },
          new Date(),
        );
        if (!organisation) throw new CliError('an organisation with that name exists');
        await appendAudit(tx, cliAudit('organisation.create', { type: 'organisation', id: organisation.id }));
        return organisation.id;
      });
      say(`Created organisation ${id}.`);
    }),
  );

const keys = program.command('keys').description('Manage encryption keys');
keys
  .command('rotate')
  .description('Re-wrap every data key under a new master key, without downtime')
  .action(() =>
    withPlatform(async ({ platform }) => {
      let last = 0;
      const outcome = await rotateMasterKey(platform.db, platform.config.masterKeyFile, {
        onProgress: (done, total) => {
          if (done - last >= 1000 || done === total) {
            process.stderr.write(`re-wrapped ${done} of ${total} data keys\n`);
            last = done;
          }
        },
      });
      await platform.db.transaction((tx) =>
        appendAudit(
          tx,
          cliAudit('keys.rotate', undefined, {
            newVersion: outcome.newVersion,
            rewrapped: outcome.rewrapped,
          }),
        ),
      );
      say(
        `Master key version ${outcome.newVersion} is in use; ${outcome.rewrapped} data keys re-wrapped; retired versions: ${outcome.retiredVersions.join(', ') || 'none'}.`,
      );
    }),
  );

const audit = program.command('audit').description('The tamper-evident audit log');
audit
  .command('verify')
  .description('Check the hash chain; exits non-zero naming the first bad entry')
  .action(() =>
    withPlatform(async ({ platform }) => {
      const verdict = await verifyAuditChain(platform.db, {
        onProgress: (checked: number) => process.stderr.write(`checked ${checked} entries\r`),
      });
      if (!verdict.valid)
        throw new CliError(`audit chain broken at entry ${verdict.firstBadSeq}: ${verdict.reason}`);
      say(`The audit chain is intact: ${verdict.entries} entries.`);
    }),
  );
audit
  .command('checkpoint')
  .description('Sign the head of the chain with the Ed25519 key, to lodge outside Palermo')
  .action(() =>
    withPlatform(async ({ platform }) => {
      const checkpoint = await checkpointAudit(platform.db, platform.config.auditSigningKeyFile, {
        warn: (message) => process.stderr.write(`warning: ${message}\n`),
      });
      say(JSON.stringify(checkpoint, null, 2));
    }),
  );

program
  .command('demo')
  .description(
    'Load the demo dataset into an installation with no users yet; --cases N adds N synthetic cases (also to a loaded demo)',
  )
  .option('--cases <count>', 'synthetic cases to add, in every stage (up to 100 000, for benchmarks)')
  .action((options: { cases?: string }) =>
    withPlatform(async ({ platform, deployment }) => {
      const cases = options.cases === undefined ? undefined : Number(options.cases);
      if (cases !== undefined && !(Number.isInteger(cases) && cases >= 0 && cases <= 100_000))
        throw new CliError('--cases takes a whole number from 0 to 100000');
      const at = new Date();
      const outcome = await loadDemo(platform.db, deployment.settings, {
        password: platform.config.demoPassword,
        at,
        keyring: platform.keyring,
        ...(cases === undefined ? {} : { cases }),
      });
      if (outcome.loaded) {
        await platform.db.transaction((tx) =>
          appendAudit(tx, cliAudit('demo.load', undefined, { users: outcome.users, cases: outcome.cases })),
        );
        say(
          `Loaded ${outcome.organisations} organisations, ${outcome.users} users (one per role, e.g. ${demoEmail('case_worker')}) and ${outcome.cases} cases.`,
        );
        say(`Password for all demo users (shown once): ${outcome.password}`);
        return;
      }
      if (cases === undefined)
        throw new CliError(
          'the installation already has users; the demo loads only into an empty one (--cases N adds cases to a loaded demo)',
        );
      const added = await addDemoCases(platform.db, platform.keyring, deployment.settings, {
        count: cases,
        at,
        today: platform.clock.today(),
        onProgress: (opened) => process.stderr.write(`\r${opened} / ${cases} cases`),
      });
      process.stderr.write('\n');
      await platform.db.transaction((tx) =>
        appendAudit(tx, cliAudit('demo.cases', undefined, { cases: added })),
      );
      say(`Added ${added} synthetic cases.`);
    }),
  );

program
  .command('check-deployment')
  .description("Parse a deployment's settings and permissions; exits non-zero on any problem")
  .argument('[code]', 'deployment folder under deployments/', undefined)
  .action((code?: string) => {
    const deployment = loadDeployment(code ?? config().deployment);
    Policy.parse(deployment.permissions, declarations);
    say(`deployments/${deployment.code} is valid.`);
  });

program
  .command('config')
  .description('Print every setting with its environment variable and the value in force')
  .action(() => {
    const values: Config = config();
    for (const [name, definition] of Object.entries(settingDefinitions)) {
      const value = values[name as keyof Config];
      const shown =
        name === 'databaseUrl' && value
          ? '(set)'
          : name === 'demoPassword' && value
            ? '(set)'
            : String(value);
      say(`${definition.env.padEnd(32)} ${shown}`);
    }
  });

registerLinkageCommands(program);
registerCaseDuplicateCommands(program, withPlatform);

program.parseAsync(process.argv).catch((error: Error) => {
  process.stderr.write(
    `palermo: ${error instanceof CliError ? error.message : error.message.split('\n')[0]}\n`,
  );
  process.exitCode = 1;
});
