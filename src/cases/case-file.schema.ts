import { z } from 'zod';
import { Identity } from '../persons/index.js';
import { CaseEventInput, caseEventTypes, Identified } from './case-events.js';
import { dataCategories } from './consent.js';
import { deadlineKinds, deadlineStatuses } from './deadlines.js';
import { caseStages } from './lifecycle.js';
import {
  compensationOutcomes,
  compensationRoutes,
  durableSolutions,
  permanentPermitGrounds,
  permitKinds,
  proceedingsStages,
  protectiveMeasures,
  riskOutcomes,
  serviceEndReasons,
  serviceKinds,
} from './vocabulary.js';

// Requests are checked field by field; responses are allow-lists: a key not named here never leaves.

/** Opening a case: the person's identity (sealed in persons) and their identification. */
export const CaseOpening = z.strictObject({
  identity: Identity,
  identified: Identified.omit({ type: true }),
});

export const CaseParams = z.strictObject({ caseId: z.uuid('Not a case id') });

export { CaseEventInput };

export const CaseListQuery = z.strictObject({
  stage: z.enum(caseStages, { error: 'Choose a stage' }).optional(),
  presumedChild: z
    .enum(['true', 'false'], { error: 'Write true or false' })
    .transform((value) => value === 'true')
    .optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

const isoDate = z.string();

export const DeadlineView = z.object({
  kind: z.enum(deadlineKinds),
  dueOn: isoDate,
  status: z.enum(deadlineStatuses),
  reason: z.string(),
  /** The organisation that must act; null: the owner. */
  organisationId: z.uuid().nullable(),
});

export const CaseSummaryView = z.object({
  id: z.uuid(),
  reference: z.string(),
  stage: z.enum(caseStages),
  presumedChild: z.boolean(),
  openedOn: isoDate,
  ownerOrganisationId: z.uuid(),
  nextDeadline: z.object({ kind: z.enum(deadlineKinds), dueOn: isoDate, reason: z.string() }).nullable(),
});

export const TimelineEntry = z.object({
  seq: z.number().int(),
  type: z.enum(caseEventTypes as [string, ...string[]]),
  occurredOn: isoDate,
  recordedAt: z.iso.datetime(),
  recordedBy: z.string(),
  recordedByOrganisationId: z.uuid().nullable(),
  /** The event's coded fields where need-to-know allows (event-visibility.ts); null otherwise. */
  details: z.record(z.string(), z.unknown()).nullable(),
});

export const CaseView = z.object({
  id: z.uuid(),
  reference: z.string(),
  /** Null when the actor may not read the case's identity category (a referred organisation without consent). */
  personId: z.uuid().nullable(),
  ownerOrganisationId: z.uuid(),
  /** The data categories of the case the actor may read now: need-to-know, and consent at read time. */
  readableCategories: z.array(z.enum(dataCategories)),
  stage: z.enum(caseStages),
  openedOn: isoDate,
  closedOn: isoDate.nullable(),
  child: z.object({
    presumedChild: z.boolean(),
    ageBasis: z.enum(['stated', 'unknown', 'assessed']),
    guardianAppointedOn: isoDate.nullable(),
    /** The appointed guardian's pseudonymous id: what a guardian's consent names. */
    guardianId: z.uuid().nullable(),
    bestInterestsDeterminedOn: isoDate.nullable(),
    recommendedSolution: z.enum(durableSolutions).nullable(),
  }),
  reflection: z
    .object({
      startsOn: isoDate,
      endsOn: isoDate,
      status: z.enum(['running', 'ended']),
      endedOn: isoDate.nullable(),
    })
    .nullable(),
  permit: z
    .object({
      permitKind: z.enum(permitKinds),
      ground: z.enum(permanentPermitGrounds).nullable(),
      grantedOn: isoDate,
      validUntil: isoDate.nullable(),
      status: z.enum(['in_force', 'expired']),
    })
    .nullable(),
  risk: z.object({
    latestAssessmentOn: isoDate.nullable(),
    latestOutcome: z.enum(riskOutcomes).nullable(),
    /** False when the person's situation changed after the latest assessment. */
    current: z.boolean(),
  }),
  /** A restricted notice in force (002 l. 827): the person is known by number only. */
  restrictedNotice: z.object({ flaggedOn: isoDate, designatedOfficerId: z.uuid() }).nullable(),
  /** The services of 002 l. 1335-1343 as records; each only where its data category is readable. */
  services: z.array(
    z.object({
      serviceKind: z.enum(serviceKinds),
      providerOrganisationId: z.uuid(),
      startedOn: isoDate,
      status: z.enum(['running', 'ended']),
      endedOn: isoDate.nullable(),
      endReason: z.enum(serviceEndReasons).nullable(),
    }),
  ),
  supportPlan: z.object({ agreedOn: isoDate, services: z.array(z.enum(serviceKinds)) }).nullable(),
  /** Legal data: null unless the reader reads `legal`. Assistance never depends on it (002 l. 1291). */
  proceedings: z
    .object({
      stage: z.enum(proceedingsStages),
      since: isoDate,
      endedOn: isoDate.nullable(),
      protectiveMeasuresRequested: z.array(z.enum(protectiveMeasures)),
      protectiveMeasuresGranted: z.array(z.enum(protectiveMeasures)),
      defendantReleasedOn: isoDate.nullable(),
    })
    .nullable(),
  compensationClaims: z.array(
    z.object({
      claimId: z.uuid(),
      route: z.enum(compensationRoutes),
      claimedOn: isoDate,
      outcome: z.enum(compensationOutcomes).nullable(),
      decidedOn: isoDate.nullable(),
      awarded: z.object({ amountMinorUnits: z.number().int(), currency: z.string() }).nullable(),
    }),
  ),
  timeline: z.array(TimelineEntry),
  deadlines: z.array(DeadlineView),
  allowedActions: z.array(z.string()),
});

export const RecordedEventView = z.object({
  seq: z.number().int(),
  event: z.object({ type: z.enum(caseEventTypes as [string, ...string[]]), occurredOn: isoDate }).loose(),
  stage: z.enum(caseStages),
  deadlines: z.array(DeadlineView),
});

export const dashboardGroups = ['overdue', 'next_7_days', 'next_30_days', 'later'] as const;

export const DashboardDeadline = z.object({
  caseId: z.uuid(),
  caseReference: z.string(),
  kind: z.enum(deadlineKinds),
  dueOn: isoDate,
  reason: z.string(),
  status: z.enum(deadlineStatuses),
  group: z.enum(dashboardGroups),
});
