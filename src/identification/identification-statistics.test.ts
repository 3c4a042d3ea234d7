import { describe, expect, it } from 'vitest';
import {
  countIdentifications,
  type Identification,
  timeInCountryBandOf,
} from './identification-statistics.js';

const police = '0b6f3c1e-6a4f-4c1a-9d47-2f1e7f6a0b01';
const ngo = '0b6f3c1e-6a4f-4c1a-9d47-2f1e7f6a0b02';
const kinds = new Map([
  [police, 'police'],
  [ngo, 'ngo'],
]);

const anIdentification = (overrides: Partial<Identification> = {}): Identification => ({
  receivingOrganisationId: police,
  channel: 'police',
  selfIdentified: false,
  monthsInCountry: null,
  converted: false,
  ...overrides,
});

describe('countIdentifications (002 l. 1759-1762)', () => {
  it('counts by identifying actor kind, channel and self-identification', () => {
    const counts = countIdentifications(
      [
        anIdentification(),
        anIdentification({ receivingOrganisationId: ngo, channel: 'self_referral', selfIdentified: true }),
        anIdentification({ receivingOrganisationId: ngo, channel: 'outreach', converted: true }),
      ],
      (id) => kinds.get(id),
    );
    expect(counts).toMatchObject({
      identified: 3,
      casesOpened: 1,
      selfIdentified: 1,
      byActorKind: { police: 1, ngo: 2 },
      byOrganisation: { [police]: 1, [ngo]: 2 },
    });
    expect(counts.byChannel).toMatchObject({ police: 1, self_referral: 1, outreach: 1, border: 0 });
  });

  it('averages the time in the country over the identifications where it is known only', () => {
    const counts = countIdentifications(
      [
        anIdentification({ monthsInCountry: 2 }),
        anIdentification({ monthsInCountry: 7 }),
        anIdentification(),
      ],
      (id) => kinds.get(id),
    );
    expect(counts.averageMonthsInCountry).toBe(4.5);
    expect(counts.byTimeInCountry).toEqual({
      under_3_months: 1,
      '3_to_11_months': 1,
      '1_to_2_years': 0,
      '3_years_or_more': 0,
      not_known: 1,
    });
  });

  it('gives no average, rather than zero, when no time in the country is known', () => {
    expect(countIdentifications([anIdentification()], () => 'police').averageMonthsInCountry).toBeNull();
    expect(countIdentifications([], () => 'police').identified).toBe(0);
  });

  it('counts an organisation the directory no longer knows as "unknown"', () => {
    expect(countIdentifications([anIdentification()], () => undefined).byActorKind).toEqual({ unknown: 1 });
  });

  it('bands the months at 3, 12 and 36', () => {
    expect([0, 2, 3, 11, 12, 35, 36, null].map(timeInCountryBandOf)).toEqual([
      'under_3_months',
      'under_3_months',
      '3_to_11_months',
      '3_to_11_months',
      '1_to_2_years',
      '1_to_2_years',
      '3_years_or_more',
      'not_known',
    ]);
  });
});
