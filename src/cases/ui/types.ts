import { dictionaries, type MessageKey, t } from '../../web/i18n.js';

// The shapes of the case API (case-file.schema.ts) as the screens read them. The vocabularies are
// the server's own lists, so the forms offer exactly the values the API accepts.

import type { CaseStage } from '../lifecycle.js';

export { type CaseStage, caseStages } from '../lifecycle.js';
export {
  identificationChannels,
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
};

export type CaseFile = {
  id: string;
  reference: string;
  personId: string;
  ownerOrganisationId: string;
  stage: CaseStage;
  openedOn: string;
  closedOn: string | null;
  child: {
    presumedChild: boolean;
    ageBasis: 'stated' | 'unknown' | 'assessed';
    guardianAppointedOn: string | null;
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

export const caseActions = { recordEvent: 'case.record-event' } as const;

/** The words for a value of a vocabulary: `label('caseStage', 'reflection')`; the value itself if unknown. */
export function label(prefix: string, value: string): string {
  const key = `${prefix}.${value}`;
  return key in dictionaries.en ? t(key as MessageKey) : value;
}
