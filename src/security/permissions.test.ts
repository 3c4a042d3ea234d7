import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database.js';
import { sql } from '../db/sql.js';
import { freshTestDb } from '../db/test-db.js';
import { loadDeployment } from '../deployment.js';
import { directoryActions } from '../directory/index.js';
import { newId } from '../kernel/ids.js';
import { declarations, migrationSources } from '../main.js';
import { insertUserAccount } from './accounts.store.js';
import type { UserActor } from './actor.js';
import { securityActions } from './index.js';
import { PermissionsFileError, Policy } from './permissions.js';
import { type Role, roles } from './roles.js';

const demoPolicy = () => Policy.parse(loadDeployment('demo').permissions, declarations);
const now = new Date('2026-03-27T09:00:00Z');
const organisationA = newId();
const organisationB = newId();
const anActor = (heldRoles: Role[], organisationId = organisationA, id = newId()): UserActor => ({
  kind: 'user',
  id,
  organisationId,
  roles: heldRoles,
  sessionId: newId(),
  secondFactorRequired: false,
  secondFactorVerified: true,
});

describe('the permissions file', () => {
  it('is refused when it names an unknown action or condition, or forgets a declared action', () => {
    const file = structuredClone(loadDeployment('demo').permissions) as {
      actions: Record<string, string[][]>;
    };
    file.actions['case.fly'] = [['isCaseWorker']];
    file.actions['user.create'] = [['isWizard']];
    delete file.actions['audit.view'];
    try {
      Policy.parse(file, declarations);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(PermissionsFileError);
      expect((error as PermissionsFileError).problems).toEqual(
        expect.arrayContaining([
          'unknown action case.fly',
          'user.create: unknown condition isWizard',
          'action audit.view is missing (write [] to deny it)',
        ]),
      );
    }
  });

  it('refuses an empty condition set, which would allow everyone', () => {
    const file = structuredClone(loadDeployment('demo').permissions) as {
      actions: Record<string, string[][]>;
    };
    file.actions['user.create'] = [[]];
    expect(() => Policy.parse(file, declarations)).toThrow(PermissionsFileError);
  });

  it('refuses a record condition used on an action about another kind of record', () => {
    const file = structuredClone(loadDeployment('demo').permissions) as {
      actions: Record<string, string[][]>;
    };
    file.actions['organisation.update'] = [['isColleagueAccount']];
    expect(() => Policy.parse(file, declarations)).toThrow(/concerns user_account records, not organisation/);
  });
});

// Role × action, as the demo deployment grants them. A change to permissions.json that changes
// who may do what must change this table too, in review.
const everyone = [
  'auth.session.view',
  'auth.second-factor.enrol',
  'auth.second-factor.verify',
  'auth.logout',
  'organisation.view',
  'user.view',
];
const expectedActions: Record<Role, string[]> = {
  system_administrator: [
    ...everyone,
    'user.create',
    'user.update',
    'audit.verify',
    'organisation.create',
    'organisation.update',
  ],
  national_coordinator: [...everyone, 'organisation.create', 'organisation.update'],
  national_rapporteur: everyone,
  case_worker: everyone,
  frontline_identifier: everyone,
  shelter_staff: everyone,
  police_investigator: everyone,
  prosecutor: everyone,
  labour_inspector: everyone,
  data_protection_officer: [...everyone, 'audit.view', 'audit.verify'],
  restricted_notice_officer: everyone,
  auditor: [...everyone, 'audit.view', 'audit.verify'],
};

describe('role × action in the demo deployment', () => {
  const policy = demoPolicy();
  // Capabilities test their own actions' tables; this one covers the platform's and the directory's.
  const foundationActions = new Set([...Object.keys(securityActions), ...Object.keys(directoryActions)]);
  for (const role of roles)
    it(`grants a ${role.replace(/_/g, ' ')} exactly its actions`, () => {
      const granted = policy
        .actionsActorMightPerform(anActor([role]), now)
        .filter((action) => foundationActions.has(action));
      expect(granted).toEqual([...expectedActions[role]].sort());
    });

  it('lets only administrators, auditors and the DPO see other people’s accounts', () => {
    const colleague = { id: newId(), organisationId: organisationA };
    for (const role of roles) {
      const actor = anActor([role]);
      const seesOthers = policy.decide({ actor, action: 'user.view', record: colleague, now }).allowed;
      expect(seesOthers, role).toBe(
        ['system_administrator', 'auditor', 'data_protection_officer'].includes(role),
      );
      expect(
        policy.decide({
          actor,
          action: 'user.view',
          record: { id: actor.id, organisationId: organisationA },
          now,
        }).allowed,
      ).toBe(true);
    }
  });

  it('lets nobody act without signing in', () => {
    const nobody = { kind: 'anonymous' as const, id: null, organisationId: null, roles: [] };
    expect(policy.actionsActorMightPerform(nobody, now)).toEqual([]);
  });
});

describe('a rule compiled to SQL', () => {
  let db: Database;
  const accountIds: string[] = [];
  beforeAll(async () => {
    db = await freshTestDb(migrationSources);
    for (const [index, organisationId] of [
      organisationA,
      organisationA,
      organisationB,
      organisationB,
    ].entries()) {
      const account = await insertUserAccount(db, {
        id: newId(),
        organisationId,
        email: `account${index}@example.org`,
        displayName: `Account ${index}`,
        roles: ['case_worker'],
        passwordHash: 'x',
        at: now,
      });
      accountIds.push(account!.id);
    }
  });
  afterAll(() => db.close());

  const conditionNames = [
    'isSystemAdministrator',
    'isAuditor',
    'isCaseWorker',
    'isColleagueAccount',
    'isOwnAccount',
    'isSignedIn',
  ];
  const anyRule = fc.array(
    fc.uniqueArray(fc.constantFrom(...conditionNames), { minLength: 1, maxLength: 3 }),
    { maxLength: 3 },
  );
  const anyActor = fc.record({
    roles: fc.subarray([...roles], { maxLength: 3 }),
    organisation: fc.constantFrom(organisationA, organisationB, newId()),
    account: fc.nat({ max: 5 }),
  });

  it('selects exactly the records the predicate allows, for any rule and actor', async () => {
    await fc.assert(
      fc.asyncProperty(anyRule, anyActor, async (rule, generated) => {
        const file = structuredClone(loadDeployment('demo').permissions) as {
          actions: Record<string, string[][]>;
        };
        file.actions['user.view'] = rule;
        const policy = Policy.parse(file, declarations);
        const actor = anActor(
          generated.roles,
          generated.organisation,
          accountIds[generated.account] ?? newId(),
        );
        const rows = await db.query<{ id: string; organisationId: string }>(
          sql`select id, organisation_id as "organisationId" from security.user_account`,
        );
        const byPredicate = rows.rows
          .filter((row) => policy.decide({ actor, action: 'user.view', record: row, now }).allowed)
          .map((row) => row.id)
          .sort();
        const bySql = (
          await db.query<{ id: string }>(
            sql`select id from security.user_account where ${policy.permittedWhere(actor, 'user.view', now)}`,
          )
        ).rows
          .map((row) => row.id)
          .sort();
        expect(bySql).toEqual(byPredicate);
      }),
      { numRuns: 60 },
    );
  });
});
