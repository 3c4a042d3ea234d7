import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseEvent } from '../../src/cases/case-events.js';
import { defaultCaseSettings } from '../../src/cases/case-settings.js';
import { foldCaseEvents } from '../../src/cases/lifecycle.js';
import { sql } from '../../src/db/sql.js';
import { aTestPalermo, type TestPalermo } from '../../src/test-app.js';
import { statementName } from '../shared.js';
import { copyCases, seedBenchCases } from './seed.js';

// The bench's data set: cases written by the demo generator, then copied in SQL to reach 100 000.
// A copy must be a case of its own with a history the state machine accepted, or the bench would
// measure something other than a country's worth of cases.

let palermo: TestPalermo;
beforeAll(async () => {
  palermo = await aTestPalermo();
});
afterAll(() => palermo.close());

describe('the cases bench data set', () => {
  it('copies generated cases into cases of their own with the same accepted histories', async () => {
    const owner = await palermo.aUser(['case_worker']);
    const shelter = await palermo.anOrganisation({ kind: 'shelter' });
    const ngo = await palermo.anOrganisation({ kind: 'ngo' });
    const seeded = await seedBenchCases(palermo.db, palermo.platform.keyring, defaultCaseSettings, {
      count: 30,
      seeders: 2,
      organisations: {
        owners: [{ id: owner.organisationId, userId: owner.id }],
        shelterIds: [shelter.id],
        ngoIds: [ngo.id],
      },
      at: palermo.clock.now(),
      today: palermo.clock.today(),
      log: () => undefined,
    });
    expect(seeded.cases).toBe(30);

    const copied = await copyCases(palermo.db, 70);

    expect(copied.cases).toBe(70);
    // Two rounds of all 30, then 10 more.
    expect(copied.events).toBeGreaterThan(2 * seeded.events);
    const allEvents = await palermo.db.query<{ count: number }>(
      sql`select count(*)::int as count from cases.case_event`,
    );
    expect(allEvents.rows[0]!.count).toBe(seeded.events + copied.events);
    const files = await palermo.db.query<{
      id: string;
      reference: string;
      stage: string;
      eventCount: number;
    }>(sql`select id, reference, stage, event_count as "eventCount" from cases.case_file`);
    expect(files.rows).toHaveLength(100);
    expect(new Set(files.rows.map((file) => file.reference)).size).toBe(100);
    for (const file of files.rows) {
      const events = await palermo.db.query<{ seq: number; payload: CaseEvent }>(
        sql`select seq, payload from cases.case_event where case_id = ${file.id} order by seq`,
      );
      expect(events.rows.map((event) => event.seq)).toEqual(
        Array.from({ length: file.eventCount }, (_, index) => index + 1),
      );
      const state = foldCaseEvents(
        events.rows.map((event) => event.payload),
        defaultCaseSettings,
      );
      expect(state.stage).toBe(file.stage);
    }
    const deadlines = await palermo.db.query<{ count: number }>(
      sql`select count(*)::int as count from cases.deadline`,
    );
    expect(deadlines.rows[0]!.count).toBeGreaterThan(0);
  });
});

describe('statement names in the bench notes', () => {
  it('names a statement by its verb and its table, not a sub-select’s', () => {
    expect(statementName('begin')).toBe('begin');
    expect(
      statementName(
        'select case_file.id, array(select referral.id from cases.referral where x) as "ids" from cases.case_file where case_file.id = $1',
      ),
    ).toBe('select cases.case_file');
    expect(statementName('insert into audit.entry (seq) values ($1)')).toBe('insert audit.entry');
    expect(statementName('update cases.case_file set stage = $1')).toBe('update cases.case_file');
    expect(statementName('delete from cases.deadline where case_id = $1')).toBe('delete cases.deadline');
  });
});
