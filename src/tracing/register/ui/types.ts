// What the register's screens receive from the API (the response schemas in missing-person-report.schema.ts).

import { type MessageKey, t } from '../../../web/i18n.js';

export const reportStatuses = ['open', 'located', 'closed'] as const;
export type ReportStatus = (typeof reportStatuses)[number];
export const tracingBases = ['consent_of_person', 'consent_of_guardian', 'legal_basis'] as const;
export type TracingBasis = (typeof tracingBases)[number];

export type MissingPersonReport = {
  id: string;
  reference: string;
  ownerOrganisationId: string;
  reportingCountry: string;
  reportedOn: string;
  status: ReportStatus;
  statusChangedOn: string;
  isChild: boolean;
  unaccompaniedOrSeparated: boolean;
  tracingBasis: TracingBasis;
  legalBasisReference: string | null;
  erased: boolean;
  allowedActions: string[];
};

export type ReportPageData = MissingPersonReport & {
  identityReadable: boolean;
  links: { candidateId: string; otherKind: 'report' | 'case' | 'partner'; linkedAt: string }[];
};

export type MissingPersonDetails = {
  givenName?: string;
  familyName?: string;
  givenNameLatin?: string;
  familyNameLatin?: string;
  aliases?: string[];
  sex: 'female' | 'male' | 'not_known';
  dateOfBirth?: { year: number; month?: number; day?: number };
  ageEstimate?: number;
  citizenship?: string;
  placeOfBirth?: string;
  parentNames?: string[];
  languages?: string[];
  lastSeenPlace?: string;
  lastSeenOn?: string;
  circumstances?: string;
  distinguishingFeatures?: string;
};

export type FieldComparison = { field: string; level: string; weight: number };

export type Candidate = {
  id: string;
  reportId: string;
  reportReference: string;
  otherKind: 'report' | 'case' | 'partner';
  otherId: string | null;
  otherReference: string;
  otherOwnerOrganisationId: string;
  probability: number;
  namesSwapped: boolean;
  comparison: FieldComparison[];
  status: 'open' | 'confirmed' | 'rejected';
  proposedAt: string;
  decidedAt: string | null;
  decisionReason: string | null;
  allowedActions: string[];
};

const key = (text: string) => text as MessageKey;

export const statusLabel = (status: ReportStatus) => t(key(`tracing.status.${status}`));
export const basisLabel = (basis: TracingBasis) => t(key(`tracing.basis.${basis}`));

/** Words for a probability, never a percentage (UX.md §5: no falsely precise match scores). */
export function likelihoodBand(probability: number): string {
  if (probability >= 0.99) return t('tracing.band.very_likely');
  if (probability >= 0.9) return t('tracing.band.likely');
  if (probability >= 0.5) return t('tracing.band.possible');
  return t('tracing.band.unlikely');
}

/** "Family name", "Date of birth" … */
export const fieldLabel = (field: string) => t(key(`tracing.field.name.${field}`));

/** The comparison of one field in plain words: "same Daitch–Mokotoff code (they sound alike)". */
export function levelWords(field: string, level: string): string {
  if (level === 'missing') return t('tracing.level.missing');
  const group =
    field === 'givenName' || field === 'familyName'
      ? 'name'
      : field === 'sex' || field === 'nationality'
        ? 'code'
        : field;
  return t(key(`tracing.level.${group}.${level}`));
}

/** "Family name: same Daitch–Mokotoff code (they sound alike)". */
export const explanation = (comparison: FieldComparison) =>
  t('tracing.explanation', {
    field: fieldLabel(comparison.field),
    level: levelWords(comparison.field, comparison.level),
  });

/** How much a field's comparison counted, in words. */
export function weightWords(weight: number): string {
  if (weight >= 3) return t('tracing.weight.strongFor');
  if (weight >= 0.5) return t('tracing.weight.for');
  if (weight > -0.5) return t('tracing.weight.none');
  return t('tracing.weight.against');
}
