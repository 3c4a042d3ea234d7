import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '../db/sql.js';
import { aTestPalermo, type TestPalermo } from '../test-app.js';
import { addDemoIdentification } from './demo.js';

let palermo: TestPalermo;
beforeAll(async () => {
  palermo = await aTestPalermo();
});
afterAll(() => palermo.close());

describe('the demo identification data', () => {
  it('adds contact points (some 24/7, some public) and a few dozen intakes across every channel', async () => {
    const at = new Date('2026-03-27T09:00:00Z');
    const keys = ['hotline', 'police', 'border', 'ngo', 'ngo-south', 'labour', 'child', 'health', 'social'];
    const organisations = new Map<string, { id: string }>();
    for (const key of keys) organisations.set(key, await palermo.anOrganisation());
    const { db } = palermo;
    await addDemoIdentification(db, organisations, at);

    const points = await db.query<{ alwaysOpen: boolean; public: boolean }>(
      sql`select always_open as "alwaysOpen", public from identification.contact_point`,
    );
    expect(points.rows.some((point) => point.alwaysOpen)).toBe(true);
    expect(points.rows.some((point) => point.public)).toBe(true);
    expect(points.rows.some((point) => !point.alwaysOpen)).toBe(true);
    const intakes = await db.query<{ channel: string; result: string | null }>(
      sql`select channel, latest_result as result from identification.intake`,
    );
    expect(intakes.rows.length).toBeGreaterThanOrEqual(24);
    expect(new Set(intakes.rows.map((intake) => intake.channel)).size).toBe(9);
    const results = new Set(intakes.rows.map((intake) => intake.result));
    expect(results).toEqual(
      new Set([null, 'presumed_victim', 'possible_refer_for_full_assessment', 'no_indicators_found']),
    );
  });
});
