import { z } from 'zod';

// The lengths the sources leave to each country (seeds/README: "to be settled as configurable
// settings rather than hard-coded"). They live in deployments/<code>/settings.json under "cases";
// a missing field takes the default, a value below what the sources require stops the process.

const days = (floor: number, message: string) => z.number().int().min(floor, message).max(3650);

export const CaseSettings = z.strictObject({
  /** 002_4e619d28b1c2416d.txt:1296: "The reflection period shall not be less than 3 months." */
  reflectionPeriodDays: days(90, 'A reflection period is not less than 3 months (002 l. 1296)').default(90),
  /** 002_4e619d28b1c2416d.txt:1318: a temporary residence permit "for a period of at least six months". */
  residencePermitMinMonths: z
    .number()
    .int()
    .min(6, 'A temporary residence permit runs at least six months (002 l. 1318)')
    .max(120)
    .default(6),
  /** 002_4e619d28b1c2416d.txt:1317 obliges a referral on granting reflection; the delay is ours. */
  referralAfterReflectionDays: days(0, 'Enter a number of days').default(7),
  /** How long a receiving organisation has to accept or decline a referral (not in the sources). */
  referralResponseDays: days(1, 'Enter at least one day').default(5),
  /** Continuous risk assessment (000_758b1078b4e8da4c.txt:159); the interval is ours. */
  riskReassessmentDays: days(1, 'Enter at least one day').default(90),
  /** The follow-up after a durable solution began (DESIGN §2 "at one year"). */
  followUpAfterMonths: z.number().int().min(1).max(60).default(12),
  /** A best-interests determination is due this many days after a child is identified (not in the sources). */
  bestInterestsDeterminationDays: days(0, 'Enter a number of days').default(30),
  /** A deadline this close is shown as due soon. */
  dueSoonDays: days(0, 'Enter a number of days').default(14),
});
export type CaseSettings = z.output<typeof CaseSettings>;

export const defaultCaseSettings: CaseSettings = Object.freeze(CaseSettings.parse({}));
