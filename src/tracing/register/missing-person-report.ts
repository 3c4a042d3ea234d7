import type { IsoDate } from '../../kernel/dates.js';

// The missing-persons register's rules, without I/O (issue 5 acceptance 1; seeds 000 l. 24, 78-80,
// 139). A report is open while the person is missing, located once they are found (they may go
// missing again), and closed when no more tracing is to be done (found and safe, deceased,
// withdrawn by the reporter, or a duplicate of a report confirmed as the same person).

export const reportStatuses = ['open', 'located', 'closed'] as const;
export type ReportStatus = (typeof reportStatuses)[number];

/** What allows tracing: the person's consent, their guardian's (a child), or a legal basis (seed 004 l. 41). */
export const tracingBases = ['consent_of_person', 'consent_of_guardian', 'legal_basis'] as const;
export type TracingBasis = (typeof tracingBases)[number];

export const REPORT_REFERENCE_PREFIX = 'M';

export type StatusChangeRefusal =
  | { kind: 'same-status'; current: ReportStatus }
  | { kind: 'transition-not-allowed'; from: ReportStatus; to: ReportStatus };
export type StatusChangeDecision =
  | { outcome: 'change'; from: ReportStatus; to: ReportStatus }
  | { outcome: 'refuse'; refusal: StatusChangeRefusal };

/**
 * The transitions practitioners make. A located person may go missing again (back to open); a
 * closed report is reopened rather than filed anew, so its history and links stay in one place.
 */
export const allowedTransitions: { readonly [From in ReportStatus]: readonly ReportStatus[] } = {
  open: ['located', 'closed'],
  located: ['open', 'closed'],
  closed: ['open'],
};

export function decideStatusChange(from: ReportStatus, to: ReportStatus): StatusChangeDecision {
  if (from === to) return { outcome: 'refuse', refusal: { kind: 'same-status', current: from } };
  if (!allowedTransitions[from].includes(to))
    return { outcome: 'refuse', refusal: { kind: 'transition-not-allowed', from, to } };
  return { outcome: 'change', from, to };
}

/** Whether a year-month-day text names a day that exists (no 31 April, no 29 February 2026). */
export function isRealDate(text: string): boolean {
  const parts = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!parts) return false;
  const [year, month, day] = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

type BirthEvidence = {
  dateOfBirth?: { year: number; month?: number; day?: number } | undefined;
  ageEstimate?: number | undefined;
};

/**
 * Whether the missing person is treated as a child on `on`: as the reporter says, and when the
 * reporter does not know, a child unless the date of birth or the estimated age shows an adult
 * (an unknown age is presumed a child until assessed, DESIGN §2; Directive 2011/36/EU art. 13(2)).
 */
export function isTreatedAsChild(
  reporterSays: boolean | null,
  evidence: BirthEvidence,
  on: IsoDate,
): boolean {
  if (reporterSays !== null) return reporterSays;
  const age = ageOn(evidence, on);
  return age === null || age < 18;
}

/** Whole years of age on `on`, as far as the evidence tells (a year only: the lowest possible age). */
export function ageOn(evidence: BirthEvidence, on: IsoDate): number | null {
  const birth = evidence.dateOfBirth;
  if (birth === undefined) return evidence.ageEstimate ?? null;
  const [year, month, day] = on.split('-').map(Number) as [number, number, number];
  const birthMonth = birth.month ?? 12;
  const birthDay = birth.day ?? 31;
  const hadBirthday = month > birthMonth || (month === birthMonth && day >= birthDay);
  return year - birth.year - (hadBirthday ? 0 : 1);
}
