import type { IntakeChannel } from './intake.js';
import { intakeChannels } from './intake.js';

// Statistics hooks for the action plan's indicators of victim identification (002 Part D, C.3.1,
// l. 1759-1762): the number of trafficked persons identified, identified by different actors, the
// number of self-identifications, and the average time in the country before identification.
// These are raw counts over intakes (anonymous ones included, issue 4 acceptance 3). They are not
// published figures: de-duplicating persons across agencies and disclosure control (small-cell
// suppression, rounding, noise) belong to the statistics capability (DESIGN §5), which must never
// publish these counts as they are.

export const timeInCountryBands = [
  'under_3_months',
  '3_to_11_months',
  '1_to_2_years',
  '3_years_or_more',
  'not_known',
] as const;
export type TimeInCountryBand = (typeof timeInCountryBands)[number];

export function timeInCountryBandOf(months: number | null): TimeInCountryBand {
  if (months === null) return 'not_known';
  if (months < 3) return 'under_3_months';
  if (months < 12) return '3_to_11_months';
  if (months < 36) return '1_to_2_years';
  return '3_years_or_more';
}

export type Identification = {
  receivingOrganisationId: string;
  channel: IntakeChannel;
  selfIdentified: boolean;
  monthsInCountry: number | null;
  converted: boolean;
};

export type IdentificationCounts = {
  identified: number;
  casesOpened: number;
  selfIdentified: number;
  byChannel: Record<IntakeChannel, number>;
  /** By the kind of the identifying organisation (police, border police, NGO …); `unknown` if gone. */
  byActorKind: Record<string, number>;
  byOrganisation: Record<string, number>;
  byTimeInCountry: Record<TimeInCountryBand, number>;
  /** Mean months in the country before identification, over those where it is known; null if none. */
  averageMonthsInCountry: number | null;
};

/** Counts identifications; `kindOf` gives the kind of each identifying organisation. */
export function countIdentifications(
  identifications: readonly Identification[],
  kindOf: (organisationId: string) => string | undefined,
): IdentificationCounts {
  const byChannel = Object.fromEntries(intakeChannels.map((channel) => [channel, 0])) as Record<
    IntakeChannel,
    number
  >;
  const byTimeInCountry = Object.fromEntries(timeInCountryBands.map((band) => [band, 0])) as Record<
    TimeInCountryBand,
    number
  >;
  const byActorKind: Record<string, number> = {};
  const byOrganisation: Record<string, number> = {};
  const known: number[] = [];
  for (const identification of identifications) {
    byChannel[identification.channel] += 1;
    byTimeInCountry[timeInCountryBandOf(identification.monthsInCountry)] += 1;
    const kind = kindOf(identification.receivingOrganisationId) ?? 'unknown';
    byActorKind[kind] = (byActorKind[kind] ?? 0) + 1;
    byOrganisation[identification.receivingOrganisationId] =
      (byOrganisation[identification.receivingOrganisationId] ?? 0) + 1;
    if (identification.monthsInCountry !== null) known.push(identification.monthsInCountry);
  }
  return {
    identified: identifications.length,
    casesOpened: identifications.filter((identification) => identification.converted).length,
    selfIdentified: identifications.filter((identification) => identification.selfIdentified).length,
    byChannel,
    byActorKind,
    byOrganisation,
    byTimeInCountry,
    averageMonthsInCountry:
      known.length === 0
        ? null
        : Math.round((known.reduce((sum, months) => sum + months, 0) / known.length) * 10) / 10,
  };
}
