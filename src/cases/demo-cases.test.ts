import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '../db/sql.js';
import { aTestPalermo, type TestPalermo } from '../test-app.js';
import { defaultCaseSettings } from './case-settings.js';
import { seedDemoCases } from './demo-cases.js';

let palermo: TestPalermo;
beforeAll(async () => {
  palermo = await aTestPalermo();
});
afterAll(() => palermo.close());

describe('synthetic demo cases', () => {
  it('opens cases in many stages, every one accepted by the state machine', async () => {
    const owner = await palermo.aUser(['case_worker']);
    const shelter = await palermo.anOrganisation({ kind: 'shelter' });
    const ngo = await palermo.anOrganisation({ kind: 'ngo' });
    const started = Date.now();
    const seeded = await seedDemoCases(palermo.db, palermo.platform.keyring, defaultCaseSettings, {
      count: 60,
      organisations: {
        owners: [{ id: owner.organisationId, userId: owner.id }],
        shelterIds: [shelter.id],
        ngoIds: [ngo.id],
      },
      at: palermo.clock.now(),
      today: palermo.clock.today(),
      seed: 7,
    });
    const elapsed = Date.now() - started;
    expect(seeded.cases).toBe(60);
    expect(seeded.events).toBeGreaterThan(60 * 3);
    const stages = await palermo.db.query<{ stage: string; count: number }>(
      sql`select stage, count(*)::int as count from cases.case_file group by stage`,
    );
    expect(stages.rows.length).toBeGreaterThanOrEqual(4);
    const children = await palermo.db.query<{ count: number }>(
      sql`select count(*)::int as count from cases.case_file where presumed_child`,
    );
    expect(children.rows[0]!.count).toBeGreaterThan(0);
    console.info(`seeded 60 cases, ${seeded.events} events in ${elapsed} ms: ${JSON.stringify(stages.rows)}`);
  });
});
