import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from './db/sql.js';
import { loadDemo } from './demo.js';
import { loadDeployment } from './deployment.js';
import { aTestPalermo, type TestPalermo } from './test-app.js';

// The demo tells the tracing story of issue 5: a missing child reported by two countries, whom the
// border police have already identified — the report's candidates include her case.

let palermo: TestPalermo;

beforeAll(async () => {
  palermo = await aTestPalermo();
  await loadDemo(palermo.db, loadDeployment('demo').settings, {
    password: 'a demo password long enough',
    at: new Date('2026-03-27T09:00:00Z'),
    keyring: palermo.platform.keyring,
    cases: 3,
  });
}, 120_000);
afterAll(() => palermo.close());

describe('the demo', () => {
  it('opens the story cases besides the generated ones, and the missing child’s reports find her case', async () => {
    const counted = await palermo.db.query<{ cases: number; caseCandidates: number }>(sql`
      select (select count(*)::int from cases.case_file) as cases,
        (select count(*)::int from tracing.match_candidate where other_kind = 'case') as "caseCandidates"`);
    expect(counted.rows[0]!.cases).toBe(3 + 4);
    expect(counted.rows[0]!.caseCandidates).toBeGreaterThanOrEqual(1);
  });

  it('has run de-duplication once: the woman registered three times waits for review as three pairs', async () => {
    const pairs = await palermo.db.query<{ pairs: number; runs: number }>(sql`
      select (select count(*)::int from tracing.case_duplicate_candidate where status = 'open') as pairs,
        (select count(*)::int from tracing.case_duplicate_run) as runs`);
    expect(pairs.rows[0]!.runs).toBe(1);
    expect(pairs.rows[0]!.pairs).toBeGreaterThanOrEqual(3);
  });
});
