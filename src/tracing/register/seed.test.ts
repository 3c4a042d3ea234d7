import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '../../db/sql.js';
import { aTestPalermo, type TestPalermo } from '../../test-app.js';
import { seedMissingPersonReports } from './seed.js';

let palermo: TestPalermo;
beforeAll(async () => {
  palermo = await aTestPalermo();
});
afterAll(() => palermo.close());

describe('seedMissingPersonReports', () => {
  it('files the demo reports once, with the transliterated pair proposed for review', async () => {
    const police = await palermo.anOrganisation({ kind: 'police' });
    const options = {
      ownerOrganisationId: police.id,
      reportedBy: 'demo',
      today: '2026-03-27',
      at: new Date(),
    };
    const seeded = await seedMissingPersonReports(palermo.db, palermo.platform.keyring, options);
    expect(seeded.reports).toBe(5);
    expect(seeded.candidates).toBeGreaterThanOrEqual(1);
    const open = await palermo.db.query<{ count: number }>(
      sql`select count(*)::int as count from tracing.match_candidate where status = 'open'`,
    );
    expect(open.rows[0]!.count).toBe(seeded.candidates);
    expect(await seedMissingPersonReports(palermo.db, palermo.platform.keyring, options)).toEqual({
      reports: 0,
      candidates: 0,
    });
  });
});
