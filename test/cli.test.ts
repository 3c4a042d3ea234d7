import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../src/db/database.js';
import { sql } from '../src/db/sql.js';
import { anInstallation, type Installation } from './palermo-process.js';

// The `palermo` command as an operator uses it: help everywhere, one-line reasons and non-zero
// exits on error, and `audit verify` catching rows altered, deleted or reordered directly in SQL.

let installation: Installation;
beforeAll(async () => {
  installation = await anInstallation({ PALERMO_INIT_PASSWORD: 'first administrator password' });
});
afterAll(() => installation.remove());

/** Opens the installation's database directly, as an attacker with database access would. */
async function openDirectly(): Promise<Database> {
  return openDatabase({
    databaseUrl: installation.env.DATABASE_URL,
    dataDir: installation.env.PALERMO_DATA_DIR,
  });
}

describe('the palermo command', () => {
  it('shows help for every command', async () => {
    for (const command of [[], ['users'], ['orgs'], ['keys'], ['audit'], ['start'], ['init']]) {
      const outcome = await installation.run(...command, '--help');
      expect(outcome.code, command.join(' ')).toBe(0);
      expect(outcome.stdout).toContain('Usage: palermo');
    }
  }, 60_000);

  it('sets up an installation, administers it, rotates keys and proves the audit chain', async () => {
    await installation.palermo(
      'init',
      '--email',
      'Admin@Example.org',
      '--name',
      'First Admin',
      '--organisation',
      'National Co-ordinator',
    );
    const again = await installation.run(
      'init',
      '--email',
      'b@example.org',
      '--name',
      'B',
      '--organisation',
      'B',
    );
    expect(again.code).toBe(1);
    expect(again.stderr.trim()).toBe(
      'palermo: the installation already has users; use `palermo users create`',
    );

    const created = await installation.palermo(
      'orgs',
      'create',
      '--name',
      'Rowan Shelter',
      '--kind',
      'shelter',
      '--region',
      'west',
    );
    const organisationId = /Created organisation ([0-9a-f-]{36})/.exec(created.stdout)![1]!;
    const unknownRegion = await installation.run(
      'orgs',
      'create',
      '--name',
      'X',
      '--kind',
      'ngo',
      '--region',
      'mars',
    );
    expect(unknownRegion.code).toBe(1);
    expect(unknownRegion.stderr).toMatch(/^palermo: unknown region mars/);

    await installation.palermo(
      'users',
      'create',
      '--email',
      'worker@example.org',
      '--name',
      'Worker',
      '--organisation',
      organisationId,
      '--roles',
      'case_worker,shelter_staff',
      '--password',
      'a long enough password',
    );
    const badRole = await installation.run(
      'users',
      'create',
      '--email',
      'x@example.org',
      '--name',
      'X',
      '--organisation',
      organisationId,
      '--roles',
      'emperor',
    );
    expect(badRole.code).toBe(1);
    expect(badRole.stderr).toMatch(/^palermo: unknown role emperor/);
    const listed = await installation.palermo('users', 'list');
    expect(listed.stdout).toContain('worker@example.org');
    await installation.palermo('users', 'disable', 'worker@example.org');

    const rotated = await installation.palermo('keys', 'rotate');
    expect(rotated.stdout).toMatch(/Master key version 2 is in use/);
    expect((await installation.palermo('check-deployment', 'demo')).stdout).toContain('is valid');

    const verified = await installation.palermo('audit', 'verify');
    expect(verified.stdout).toMatch(/The audit chain is intact: [5-9] entries/);
    const checkpoint = JSON.parse((await installation.palermo('audit', 'checkpoint')).stdout);
    expect(checkpoint).toMatchObject({
      seq: expect.any(Number),
      headHash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
  }, 120_000);

  it('exits non-zero naming the first bad entry when a row was altered directly in SQL', async () => {
    const db = await openDirectly();
    try {
      await db.exec(`alter table audit.entry disable trigger user`);
      await db.query(sql`update audit.entry set action = 'user.view' where seq = 3`);
      await db.exec(`alter table audit.entry enable trigger user`);
    } finally {
      await db.close();
    }
    const outcome = await installation.run('audit', 'verify');
    expect(outcome.code).toBe(1);
    expect(outcome.stderr).toMatch(/palermo: audit chain broken at entry 3: /);
  }, 60_000);
});

describe('palermo demo --cases', () => {
  let demo: Installation;
  beforeAll(async () => {
    demo = await anInstallation({ PALERMO_DEMO_PASSWORD: 'demo password for the cli test' });
  });
  afterAll(() => demo.remove());

  it('loads the demo with N synthetic cases, then adds more to it, and refuses a bad count', async () => {
    const loaded = await demo.palermo('demo', '--cases', '6');
    // 6 generated, and the 4 cases of the tracing stories (src/cases/demo-cases.ts) on first load.
    expect(loaded.stdout).toMatch(/Loaded \d+ organisations, 12 users .* and 10 cases\./);
    const added = await demo.palermo('demo', '--cases', '4');
    expect(added.stdout).toContain('Added 4 synthetic cases.');
    const db = await openDatabase({ databaseUrl: demo.env.DATABASE_URL, dataDir: demo.env.PALERMO_DATA_DIR });
    try {
      const counted = await db.query<{ count: number }>(
        sql`select count(*)::int as count from cases.case_file`,
      );
      expect(counted.rows[0]!.count).toBe(14);
    } finally {
      await db.close();
    }
    const bad = await demo.run('demo', '--cases', 'many');
    expect(bad.code).toBe(1);
    expect(bad.stderr.trim()).toBe('palermo: --cases takes a whole number from 0 to 100000');
  }, 120_000);
});
