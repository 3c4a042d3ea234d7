import { dictionaries, type MessageKey, t } from '../../web/i18n.js';

// The shapes of the case API (case-file.schema.ts) as the screens read them. The vocabularies are
// the server's own lists, so the forms offer exactly the values the API accepts.

import type { CaseStage } from '../lifecycle.js';

export { consentPurposes, dataCategories } from '../consent.js';
export { type CaseStage, caseStages } from '../lifecycle.js';
export { referralStatuses } from '../referral.js';
export { servicesByOrganisationKind } from '../referral-services.js';
export {
  identificationChannels,
  referralDeclineReasons,
  riskAssessmentReasons,
  riskOutcomes,
  serviceKinds,
} from '../vocabulary.js';

export type DeadlineStatus = 'overdue' | 'due_soon' | 'later';

export type CaseDeadline = {
  kind: string;
  dueOn: string;
  status: DeadlineStatus;
  reason: string;
  organisationId: string | null;
};

export type CaseSummary = {
  id: string;
  reference: string;
  stage: CaseStage;
  presumedChild: boolean;
  openedOn: string;
  ownerOrganisationId: string;
  nextDeadline: { kind: string; dueOn: string; reason: string } | null;
};

export type CaseList = { cases: CaseSummary[] };

export type TimelineEntry = {
  seq: number;
  type: string;
  occurredOn: string;
  recordedAt: string;
  recordedBy: string;
  recordedByOrganisationId: string | null;
  /** The event's coded fields where need-to-know allows; null otherwise (absent on older servers). */
  details?: Record<string, unknown> | null;
};

export type CaseFile = {
  id: string;
  reference: string;
  personId: string | null;
  ownerOrganisationId: string;
  /** The data categories of the case the user may read now (need-to-know and consent). */
  readableCategories?: string[];
  stage: CaseStage;
  openedOn: string;
  closedOn: string | null;
  child: {
    presumedChild: boolean;
    ageBasis: 'stated' | 'unknown' | 'assessed';
    guardianAppointedOn: string | null;
    guardianId: string | null;
    bestInterestsDeterminedOn: string | null;
    recommendedSolution: string | null;
  };
  reflection: {
    startsOn: string;
    endsOn: string;
    status: 'running' | 'ended';
    endedOn: string | null;
  } | null;
  permit: {
    permitKind: string;
    ground: string | null;
    grantedOn: string;
    validUntil: string | null;
    status: 'in_force' | 'expired';
  } | null;
  risk: { latestAssessmentOn: string | null; latestOutcome: string | null; current: boolean };
  /** The services as records, each only where its data category is readable (absent on older servers). */
  services?: {
    serviceKind: string;
    providerOrganisationId: string;
    startedOn: string;
    status: 'running' | 'ended';
    endedOn: string | null;
    endReason: string | null;
  }[];
  supportPlan?: { agreedOn: string; services: string[] } | null;
  /** Compensation claims and their outcomes, for readers of `legal` (absent on older servers). */
  compensationClaims?: {
    claimId: string;
    route: string;
    claimedOn: string;
    outcome: string | null;
    decidedOn: string | null;
    awarded?: { amountMinorUnits: number; currency: string } | null;
  }[];
  /** The restricted notice in force, if the server says so (not in the case view yet: see notice.ts). */
  restrictedNotice?: { flaggedOn: string; designatedOfficerId: string } | null;
  timeline: TimelineEntry[];
  deadlines: CaseDeadline[];
  allowedActions: string[];
};

export type DashboardGroup = 'overdue' | 'next_7_days' | 'next_30_days' | 'later';
export const dashboardGroups: readonly DashboardGroup[] = ['overdue', 'next_7_days', 'next_30_days', 'later'];

export type DashboardDeadline = {
  caseId: string;
  caseReference: string;
  kind: string;
  dueOn: string;
  reason: string;
  status: DeadlineStatus;
  group: DashboardGroup;
};

export const caseActions = {
  recordEvent: 'case.record-event',
  recordConsent: 'consent.record',
  withdrawConsent: 'consent.withdraw',
  createReferral: 'referral.create',
  flagNotice: 'restricted-notice.flag',
  liftNotice: 'restricted-notice.lift',
  transfer: 'case.transfer',
} as const;

/** A consent as GET /api/cases/:id/consents shows it (consent-referral.schema.ts ConsentView). */
export type ConsentRecord = {
  id: string;
  caseId: string;
  givenBy: {
    kind: 'person' | 'guardian';
    guardianId: string | null;
    appointedBy: string | null;
    appointedOn: string | null;
  };
  purpose: string;
  recipientOrganisationId: string | null;
  dataCategories: string[];
  givenOn: string;
  expiresOn: string | null;
  withdrawnOn: string | null;
  childViewsRecorded: boolean;
  inForce: boolean;
};

/** A referral as GET /api/referrals shows it (InboxReferralView): no identity, no free text. */
export type InboxReferral = {
  id: string;
  caseId: string;
  /** The case's pseudonymous number (absent on older servers). */
  caseReference?: string;
  status: 'proposed' | 'accepted' | 'declined' | 'completed' | 'withdrawn';
  fromOrganisationId: string;
  toOrganisationId: string;
  services: string[];
  sharedCategories: string[];
  proposedOn: string;
  respondedOn: string | null;
  presumedChild: boolean;
  stage: string;
  region: string | null;
  overridden: boolean;
};

/** The words for a value of a vocabulary: `label('caseStage', 'reflection')`; the value itself if unknown. */
export function label(prefix: string, value: string): string {
  const key = `${prefix}.${value}`;
  return key in dictionaries.en ? t(key as MessageKey) : value;
}
