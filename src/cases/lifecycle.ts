import { addDays, type IsoDate } from '../kernel/dates.js';
import type { CaseEvent, CaseEventOf } from './case-events.js';
import type { CaseSettings } from './case-settings.js';
import {
  type ClosingReason,
  type CompensationOutcome,
  type CompensationRoute,
  type DurableSolution,
  type EmploymentSituation,
  type FamilyContactDecision,
  type FamilyRelation,
  finalProceedingsStages,
  groundsNeedingRiskAssessment,
  type PermanentPermitGround,
  type PermitKind,
  type Placement,
  type ProceedingsStage,
  type ProtectiveMeasure,
  type ReferralDeclineReason,
  type ReflectionEndReason,
  type ReTraffickingFinding,
  type ReturnKind,
  type RiskAssessmentReason,
  type RiskOutcome,
  type ServiceEndReason,
  type ServiceKind,
  type SocialNetworkSituation,
} from './vocabulary.js';

// The National Referral Mechanism case as one state machine (DESIGN §2). The state is derived
// only from the case's events (`foldCaseEvents`); every new event is checked against it by
// `decideCaseEvent`, which either accepts it with the next state or refuses it with a reason.
// Sources: 002_4e619d28b1c2416d.txt ("002 l. N") and 000_758b1078b4e8da4c.txt ("000 l. N").

// --- Stages ---------------------------------------------------------------------------------

/**
 * The stages in the order a case may pass them. Not every case passes every stage: a national
 * victim needs no reflection period or permit, and proceedings, compensation claims and risk
 * assessments run alongside whatever the stage is.
 */
export const caseStages = [
  'detected',
  'presumed_victim',
  'reflection',
  'residence',
  'assistance',
  'durable_solution',
  'follow_up',
  'closed',
] as const;
export type CaseStage = (typeof caseStages)[number];

// --- State ----------------------------------------------------------------------------------

/** Where an event sits in the history: its date, then its place in the log among events of that day. */
export type HistoryMark = { on: IsoDate; position: number };

export type Identification = Omit<CaseEventOf<'identified'>, 'type' | 'occurredOn' | 'isChild'> & {
  identifiedOn: IsoDate;
};

export type ChildSafeguards = {
  /** Under 18 as stated or assessed, or of unknown age and not yet assessed (DESIGN §2). */
  presumedChild: boolean;
  ageBasis: 'stated' | 'unknown' | 'assessed';
  /** The day from which the person has been presumed a child: a guardian is due from then. */
  presumedChildSince: IsoDate | null;
  guardian: { appointedOn: IsoDate; guardianOrganisationId: string; guardianId: string | null } | null;
  bestInterests: { determinedOn: IsoDate; recommendedSolution: DurableSolution | null } | null;
};

export type ReflectionPeriod = {
  startsOn: IsoDate;
  /** The last day of the period. */
  endsOn: IsoDate;
  status: 'running' | 'ended';
  endedOn: IsoDate | null;
  endReason: ReflectionEndReason | 'permit_granted' | null;
};

export type ResidencePermit = {
  permitKind: PermitKind;
  ground: PermanentPermitGround | null;
  grantedOn: IsoDate;
  /** The last day of validity; `null`: a witness's permit until the proceedings end, or permanent. */
  validUntil: IsoDate | null;
  status: 'in_force' | 'expired';
  lastRenewedOn: IsoDate | null;
};

export type PermitApplication = {
  permitKind: PermitKind;
  ground: PermanentPermitGround | null;
  appliedOn: IsoDate;
};

export type Referral = {
  referralId: string;
  receivingOrganisationId: string;
  services: readonly ServiceKind[];
  sentOn: IsoDate;
  status: 'sent' | 'accepted' | 'declined' | 'completed';
  answeredOn: IsoDate | null;
  declineReason: ReferralDeclineReason | null;
  completedOn: IsoDate | null;
};

export type ServiceEpisode = {
  serviceKind: ServiceKind;
  providerOrganisationId: string;
  startedOn: IsoDate;
  status: 'running' | 'ended';
  endedOn: IsoDate | null;
  endReason: ServiceEndReason | null;
};

export type RiskAssessment = {
  assessed: HistoryMark;
  reason: RiskAssessmentReason;
  outcome: RiskOutcome;
  familyMembersAtRisk: boolean;
  assessingOrganisationId: string;
};

/** A change in the person's situation after which an earlier risk assessment no longer holds. */
export type RiskChange = {
  changed: HistoryMark;
  cause: 'became_witness' | 'defendant_released' | 'family_member_at_risk' | 'case_reopened';
};

export type Proceedings = {
  stage: ProceedingsStage;
  since: IsoDate;
  /** The day the proceedings reached a final stage; a witness's open-ended permit ends then. */
  endedOn: IsoDate | null;
  protectiveMeasuresRequested: readonly ProtectiveMeasure[];
  protectiveMeasuresGranted: readonly ProtectiveMeasure[];
  defendantReleasedOn: IsoDate | null;
};

export type CompensationClaim = {
  claimId: string;
  route: CompensationRoute;
  claimedOn: IsoDate;
  outcome: CompensationOutcome | null;
  decidedOn: IsoDate | null;
  awarded: { amountMinorUnits: number; currency: string } | null;
};

export type FamilyMember = {
  familyMemberPersonId: string;
  relation: FamilyRelation;
  atRiskInHomeCountry: boolean;
  linkedOn: IsoDate;
};

export type ReturnDecision = {
  decidedOn: IsoDate;
  returnKind: ReturnKind;
  destinationCountry: string;
  assistingOrganisationId: string | null;
};

export type FollowUp = {
  doneOn: IsoDate;
  employment: EmploymentSituation;
  socialNetwork: SocialNetworkSituation;
  reTrafficking: ReTraffickingFinding;
};

export type CaseState = {
  stage: CaseStage;
  /** How many events the state was folded from; the next event's position in the log. */
  eventCount: number;
  /** The latest date of any event. */
  lastEventOn: IsoDate | null;
  identification: Identification | null;
  child: ChildSafeguards;
  /** The latest reflection period. */
  reflection: ReflectionPeriod | null;
  /** The latest residence permit granted. */
  permit: ResidencePermit | null;
  pendingPermitApplications: readonly PermitApplication[];
  referrals: readonly Referral[];
  services: readonly ServiceEpisode[];
  supportPlan: { agreedOn: IsoDate; services: readonly ServiceKind[] } | null;
  risk: { latestAssessment: RiskAssessment | null; latestChange: RiskChange | null };
  witness: { status: 'undecided' | 'witness' | 'declined_to_testify'; since: IsoDate | null };
  proceedings: Proceedings | null;
  compensationClaims: readonly CompensationClaim[];
  familyMembers: readonly FamilyMember[];
  familyContact: {
    decidedOn: IsoDate;
    decision: FamilyContactDecision;
    familyMemberPersonId: string | null;
  } | null;
  placement: { decidedOn: IsoDate; placement: Placement; providerOrganisationId: string | null } | null;
  returnDecision: ReturnDecision | null;
  /** The latest durable solution chosen or begun. */
  durableSolution: { solution: DurableSolution; since: IsoDate } | null;
  /** The first day of any durable-solution event, a return of any kind included: follow-up counts from it. */
  durableSolutionBeganOn: IsoDate | null;
  followUps: readonly FollowUp[];
  closed: { closedOn: IsoDate; reason: ClosingReason } | null;
};

export const emptyCaseState: CaseState = Object.freeze({
  stage: 'detected',
  eventCount: 0,
  lastEventOn: null,
  identification: null,
  child: {
    presumedChild: false,
    ageBasis: 'unknown',
    presumedChildSince: null,
    guardian: null,
    bestInterests: null,
  },
  reflection: null,
  permit: null,
  pendingPermitApplications: [],
  referrals: [],
  services: [],
  supportPlan: null,
  risk: { latestAssessment: null, latestChange: null },
  witness: { status: 'undecided', since: null },
  proceedings: null,
  compensationClaims: [],
  familyMembers: [],
  familyContact: null,
  placement: null,
  returnDecision: null,
  durableSolution: null,
  durableSolutionBeganOn: null,
  followUps: [],
  closed: null,
} satisfies CaseState);

// --- Refusals -------------------------------------------------------------------------------

/** What a date-out-of-order event should have followed. */
export type DateAnchor =
  | 'identification'
  | 'latest_event'
  | 'closure'
  | 'reflection_start'
  | 'referral_sent'
  | 'referral_answer'
  | 'permit_application'
  | 'permit_grant'
  | 'permit_validity'
  | 'service_start'
  | 'compensation_claim'
  | 'risk_assessment';

type RefusalDetail =
  | { kind: 'case-closed'; closedOn: IsoDate }
  | { kind: 'case-not-closed' }
  | { kind: 'not-identified'; eventType: CaseEvent['type'] }
  | { kind: 'already-identified'; identifiedOn: IsoDate }
  | { kind: 'date-in-future'; occurredOn: IsoDate; today: IsoDate }
  | {
      kind: 'date-out-of-order';
      /** The date at fault: when the event happened, or the end of validity it gives. */
      field: 'occurredOn' | 'validUntil';
      date: IsoDate;
      notBefore: IsoDate;
      follows: DateAnchor;
    }
  | { kind: 'reflection-already-running'; startsOn: IsoDate; endsOn: IsoDate }
  | { kind: 'no-reflection-running' }
  | { kind: 'reflection-too-short'; endsOn: IsoDate; minimumEndsOn: IsoDate }
  | { kind: 'permit-too-short'; validUntil: IsoDate; minimumValidUntil: IsoDate }
  | { kind: 'permit-already-in-force'; permitKind: PermitKind; validUntil: IsoDate | null }
  | { kind: 'no-permit-in-force' }
  | { kind: 'no-pending-permit-application'; permitKind: PermitKind }
  | {
      kind: 'risk-assessment-missing';
      ground: PermanentPermitGround;
      latestAssessmentOn: IsoDate | null;
      latestChangeOn: IsoDate | null;
    }
  | {
      kind: 'return-not-assessed-safe';
      latestAssessment: { assessedOn: IsoDate; outcome: RiskOutcome } | null;
      latestChangeOn: IsoDate | null;
    }
  | {
      kind: 'child-safeguards-missing';
      eventType: 'return_decided' | 'family_contact_decided' | 'placement_decided';
      missing: readonly ('guardian' | 'best_interests_determination')[];
    }
  | { kind: 'referral-not-awaiting-answer'; referralId: string; status: Referral['status'] }
  | { kind: 'referral-not-accepted'; referralId: string; status: Referral['status'] }
  | { kind: 'service-already-running'; serviceKind: ServiceKind; providerOrganisationId: string }
  | { kind: 'service-not-running'; serviceKind: ServiceKind; providerOrganisationId: string }
  | { kind: 'already-a-witness'; since: IsoDate }
  | { kind: 'claim-already-decided'; claimId: string; outcome: CompensationOutcome }
  | { kind: 'unknown-record'; record: 'referral' | 'compensation_claim' | 'family_member'; id: string }
  | {
      kind: 'duplicate-record';
      record: 'referral' | 'compensation_claim' | 'family_member' | 'permit_application';
      id: string;
    };

/** A refused event: what was refused, the rule in plain words with its source, and the facts at stake. */
export type CaseEventRefusal = RefusalDetail & { rule: string };
export type CaseEventRefusalKind = CaseEventRefusal['kind'];

/** One rule per refusal kind; each kind maps to one problem type. */
export const caseRules = {
  'case-closed': 'A closed case takes no events until it is reopened.',
  'case-not-closed': 'Only a closed case can be reopened.',
  'not-identified':
    'A case starts with the identification of a presumed victim; every other event follows it (002 l. 1260).',
  'already-identified': 'A case is identified once; a person identified again is a new case or a reopening.',
  'date-in-future': 'An event is recorded on or after the day it happened, never before.',
  'date-out-of-order':
    'An event cannot be dated before what it follows: the identification, or the start of what it ends or answers.',
  'reflection-already-running':
    'A reflection period is granted once while it runs; record its end before granting another.',
  'no-reflection-running': 'Only a running reflection period can end.',
  'reflection-too-short':
    'A reflection period lasts at least the national length, and never less than 3 months (002 l. 1296, 1316).',
  'permit-too-short':
    "A temporary permit, or a witness's permit given an end date, runs at least the national minimum, and never less than six months (002 l. 1316, 1318).",
  'permit-already-in-force': 'A permit of this kind is in force: renew it rather than grant it again.',
  'no-permit-in-force': 'Only a residence permit in force can be renewed or expire.',
  'no-pending-permit-application':
    'A permit is refused only on a pending application for that kind of permit.',
  'risk-assessment-missing':
    "A permanent permit on grounds of risk on return or of asylum is decided only after a risk assessment made since the latest change in the person's situation (002 l. 1325).",
  'return-not-assessed-safe':
    "No return is decided without a risk assessment, made since the latest change in the person's situation, that found return safe (000 l. 173; 002 l. 1325, 1432).",
  'child-safeguards-missing':
    'A child, or a person of unknown age not yet assessed, has an appointed guardian and a best-interests determination before any decision on return, family contact or placement (002 l. 342, 1437).',
  'referral-not-awaiting-answer':
    'Only a referral that was sent and not yet answered can be accepted or declined.',
  'referral-not-accepted': 'Only an accepted referral can be completed.',
  'service-already-running': 'This service from this provider is already running.',
  'service-not-running': 'Only a running service can end.',
  'already-a-witness': 'The person is already recorded as a witness.',
  'claim-already-decided': 'A compensation claim is decided once.',
  'unknown-record': 'The event refers to a referral, claim or family member that this case does not have.',
  'duplicate-record':
    'The event would record a second time a referral, claim, family member or pending permit application.',
} as const satisfies Record<CaseEventRefusalKind, string>;

const refuse = (detail: RefusalDetail): CaseEventRefusal => ({ ...detail, rule: caseRules[detail.kind] });

export type CaseEventDecision =
  /** `event` is what to append: the input with computed fields (a reflection's `endsOn`) filled in. */
  | { outcome: 'accept'; state: CaseState; event: CaseEvent }
  | { outcome: 'refuse'; refusal: CaseEventRefusal };

// --- Calendar -------------------------------------------------------------------------------

/** The same day `months` later; the last day of the month when that day does not exist (31 Jan + 1 = 28 Feb). */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const firstOfTarget = new Date(Date.UTC(year, month - 1 + months, 1));
  const daysInTarget = new Date(
    Date.UTC(firstOfTarget.getUTCFullYear(), firstOfTarget.getUTCMonth() + 1, 0),
  ).getUTCDate();
  firstOfTarget.setUTCDate(Math.min(day, daysInTarget));
  return firstOfTarget.toISOString().slice(0, 10);
}

/** The last day of a reflection period of the national length starting on `startsOn`. */
export const reflectionEndsOn = (startsOn: IsoDate, settings: CaseSettings): IsoDate =>
  addDays(startsOn, settings.reflectionPeriodDays - 1);

/** The earliest last day of validity of a temporary permit granted on `grantedOn`. */
export const minimumPermitValidUntil = (grantedOn: IsoDate, settings: CaseSettings): IsoDate =>
  addDays(addMonths(grantedOn, settings.residencePermitMinMonths), -1);

const isLater = (a: HistoryMark, b: HistoryMark): boolean =>
  a.on > b.on || (a.on === b.on && a.position > b.position);

const laterDate = (a: IsoDate | null, b: IsoDate): IsoDate => (a !== null && a > b ? a : b);

// --- Derived facts the rules and deadlines share --------------------------------------------

/** The latest risk assessment, if no change in the person's situation came after it. */
export function currentRiskAssessment(state: CaseState): RiskAssessment | null {
  const { latestAssessment, latestChange } = state.risk;
  if (latestAssessment === null) return null;
  if (latestChange !== null && !isLater(latestAssessment.assessed, latestChange.changed)) return null;
  return latestAssessment;
}

export const isReflectionRunning = (state: CaseState): boolean => state.reflection?.status === 'running';

export const permitInForce = (state: CaseState): ResidencePermit | null =>
  state.permit?.status === 'in_force' ? state.permit : null;

/** What a child still lacks before a decision on return, family contact or placement. */
export function missingChildSafeguards(state: CaseState): ('guardian' | 'best_interests_determination')[] {
  if (!state.child.presumedChild) return [];
  const missing: ('guardian' | 'best_interests_determination')[] = [];
  if (state.child.guardian === null) missing.push('guardian');
  if (state.child.bestInterests === null) missing.push('best_interests_determination');
  return missing;
}

/**
 * The furthest stage whose condition holds now: closed; a follow-up done; a durable solution
 * decided or begun; a support plan agreed (002 l. 1367); a permit in force; a reflection period
 * running; identified. Reopening a case returns it to the stage its other events give.
 */
export function stageOf(state: CaseState): CaseStage {
  if (state.closed !== null) return 'closed';
  if (state.identification === null) return 'detected';
  if (state.followUps.length > 0) return 'follow_up';
  if (state.durableSolutionBeganOn !== null) return 'durable_solution';
  if (state.supportPlan !== null) return 'assistance';
  if (permitInForce(state) !== null) return 'residence';
  if (isReflectionRunning(state)) return 'reflection';
  return 'presumed_victim';
}

// --- Deciding -------------------------------------------------------------------------------

/**
 * Whether `event` may be appended to a case in `state`, and the state after it. Pure: `today` is
 * the installation's calendar date, passed in.
 */
export function decideCaseEvent(
  state: CaseState,
  input: CaseEvent,
  settings: CaseSettings,
  today: IsoDate,
): CaseEventDecision {
  const event = withComputedFields(input, settings);
  const refusal = caseWideRefusal(state, event, today) ?? eventRefusal(state, event, settings);
  if (refusal !== null) return { outcome: 'refuse', refusal };
  return { outcome: 'accept', state: applyCaseEvent(state, event, settings), event };
}

function withComputedFields(event: CaseEvent, settings: CaseSettings): CaseEvent {
  if (event.type === 'reflection_granted' && event.endsOn === undefined)
    return { ...event, endsOn: reflectionEndsOn(event.occurredOn, settings) };
  return event;
}

/** Rules for every event: closed cases, identification first, dates in order. */
function caseWideRefusal(state: CaseState, event: CaseEvent, today: IsoDate): CaseEventRefusal | null {
  if (state.closed !== null && event.type !== 'reopened')
    return refuse({ kind: 'case-closed', closedOn: state.closed.closedOn });
  if (state.identification === null && event.type !== 'identified')
    return refuse({ kind: 'not-identified', eventType: event.type });
  if (state.identification !== null && event.type === 'identified')
    return refuse({ kind: 'already-identified', identifiedOn: state.identification.identifiedOn });
  if (event.occurredOn > today)
    return refuse({ kind: 'date-in-future', occurredOn: event.occurredOn, today });
  if (state.identification !== null)
    return notBefore(event.occurredOn, state.identification.identifiedOn, 'identification');
  return null;
}

function notBefore(
  date: IsoDate,
  earliest: IsoDate,
  follows: DateAnchor,
  field: 'occurredOn' | 'validUntil' = 'occurredOn',
): CaseEventRefusal | null {
  return date < earliest
    ? refuse({ kind: 'date-out-of-order', field, date, notBefore: earliest, follows })
    : null;
}

function eventRefusal(state: CaseState, event: CaseEvent, settings: CaseSettings): CaseEventRefusal | null {
  switch (event.type) {
    case 'identified':
    case 'age_assessed':
    case 'guardian_appointed':
    case 'best_interests_determined':
    case 'support_plan_agreed':
    case 'risk_assessed':
    case 'declined_to_testify':
    case 'proceedings_stage':
    case 'reintegration_started':
    case 'resettled':
    case 'inclusion_started':
    case 'follow_up_done':
      return null;
    case 'referral_sent':
      return findReferral(state, event.referralId)
        ? refuse({ kind: 'duplicate-record', record: 'referral', id: event.referralId })
        : null;
    case 'referral_accepted':
    case 'referral_declined':
      return referralAnswerRefusal(state, event);
    case 'referral_completed':
      return referralCompletionRefusal(state, event);
    case 'reflection_granted':
      return reflectionGrantRefusal(state, event, settings);
    case 'reflection_ended':
      if (state.reflection === null || state.reflection.status !== 'running')
        return refuse({ kind: 'no-reflection-running' });
      return notBefore(event.occurredOn, state.reflection.startsOn, 'reflection_start');
    case 'permit_applied':
      return state.pendingPermitApplications.some((pending) => pending.permitKind === event.permitKind)
        ? refuse({ kind: 'duplicate-record', record: 'permit_application', id: event.permitKind })
        : null;
    case 'permit_granted':
      return permitGrantRefusal(state, event, settings);
    case 'permit_refused':
      return permitRefusalRefusal(state, event);
    case 'permit_renewed':
      return permitRenewalRefusal(state, event);
    case 'permit_expired':
      return permitExpiryRefusal(state, event);
    case 'service_started':
      return findRunningService(state, event)
        ? refuse({
            kind: 'service-already-running',
            serviceKind: event.serviceKind,
            providerOrganisationId: event.providerOrganisationId,
          })
        : null;
    case 'service_ended': {
      const running = findRunningService(state, event);
      if (running === undefined)
        return refuse({
          kind: 'service-not-running',
          serviceKind: event.serviceKind,
          providerOrganisationId: event.providerOrganisationId,
        });
      return notBefore(event.occurredOn, running.startedOn, 'service_start');
    }
    case 'became_witness':
      return state.witness.status === 'witness'
        ? refuse({ kind: 'already-a-witness', since: state.witness.since ?? event.occurredOn })
        : null;
    case 'compensation_claimed':
      return findClaim(state, event.claimId)
        ? refuse({ kind: 'duplicate-record', record: 'compensation_claim', id: event.claimId })
        : null;
    case 'compensation_decided':
      return compensationDecisionRefusal(state, event);
    case 'family_member_linked':
      return state.familyMembers.some((member) => member.familyMemberPersonId === event.familyMemberPersonId)
        ? refuse({ kind: 'duplicate-record', record: 'family_member', id: event.familyMemberPersonId })
        : null;
    case 'family_contact_decided':
      return (
        childSafeguardsRefusal(state, event.type) ??
        unknownFamilyMemberRefusal(state, event.familyMemberPersonId)
      );
    case 'placement_decided':
      return childSafeguardsRefusal(state, event.type);
    case 'return_decided':
      return childSafeguardsRefusal(state, event.type) ?? returnRefusal(state, event);
    case 'closed':
      return state.lastEventOn === null
        ? null
        : notBefore(event.occurredOn, state.lastEventOn, 'latest_event');
    case 'reopened':
      if (state.closed === null) return refuse({ kind: 'case-not-closed' });
      return notBefore(event.occurredOn, state.closed.closedOn, 'closure');
  }
}

const findReferral = (state: CaseState, referralId: string) =>
  state.referrals.find((referral) => referral.referralId === referralId);

const findClaim = (state: CaseState, claimId: string) =>
  state.compensationClaims.find((claim) => claim.claimId === claimId);

const findRunningService = (
  state: CaseState,
  event: { serviceKind: ServiceKind; providerOrganisationId: string },
) =>
  state.services.find(
    (episode) =>
      episode.status === 'running' &&
      episode.serviceKind === event.serviceKind &&
      episode.providerOrganisationId === event.providerOrganisationId,
  );

function referralAnswerRefusal(
  state: CaseState,
  event: CaseEventOf<'referral_accepted' | 'referral_declined'>,
): CaseEventRefusal | null {
  const referral = findReferral(state, event.referralId);
  if (referral === undefined)
    return refuse({ kind: 'unknown-record', record: 'referral', id: event.referralId });
  if (referral.status !== 'sent')
    return refuse({
      kind: 'referral-not-awaiting-answer',
      referralId: referral.referralId,
      status: referral.status,
    });
  return notBefore(event.occurredOn, referral.sentOn, 'referral_sent');
}

function referralCompletionRefusal(
  state: CaseState,
  event: CaseEventOf<'referral_completed'>,
): CaseEventRefusal | null {
  const referral = findReferral(state, event.referralId);
  if (referral === undefined)
    return refuse({ kind: 'unknown-record', record: 'referral', id: event.referralId });
  if (referral.status !== 'accepted')
    return refuse({
      kind: 'referral-not-accepted',
      referralId: referral.referralId,
      status: referral.status,
    });
  return notBefore(event.occurredOn, referral.answeredOn ?? referral.sentOn, 'referral_answer');
}

function reflectionGrantRefusal(
  state: CaseState,
  event: CaseEventOf<'reflection_granted'>,
  settings: CaseSettings,
): CaseEventRefusal | null {
  if (state.reflection !== null && state.reflection.status === 'running')
    return refuse({
      kind: 'reflection-already-running',
      startsOn: state.reflection.startsOn,
      endsOn: state.reflection.endsOn,
    });
  const minimumEndsOn = reflectionEndsOn(event.occurredOn, settings);
  const endsOn = event.endsOn ?? minimumEndsOn;
  return endsOn < minimumEndsOn ? refuse({ kind: 'reflection-too-short', endsOn, minimumEndsOn }) : null;
}

function permitGrantRefusal(
  state: CaseState,
  event: CaseEventOf<'permit_granted'>,
  settings: CaseSettings,
): CaseEventRefusal | null {
  const current = permitInForce(state);
  if (current !== null && current.permitKind === event.permitKind)
    return refuse({
      kind: 'permit-already-in-force',
      permitKind: current.permitKind,
      validUntil: current.validUntil,
    });
  if (event.permitKind === 'permanent')
    return (
      (event.validUntil === null
        ? null
        : notBefore(event.validUntil, event.occurredOn, 'permit_grant', 'validUntil')) ??
      permanentPermitRiskRefusal(state, event.ground)
    );
  // Temporary, and a witness's permit when it is given an end date: at least the minimum length.
  if (event.validUntil === null) return null;
  const minimumValidUntil = minimumPermitValidUntil(event.occurredOn, settings);
  return event.validUntil < minimumValidUntil
    ? refuse({ kind: 'permit-too-short', validUntil: event.validUntil, minimumValidUntil })
    : null;
}

function permitRefusalRefusal(
  state: CaseState,
  event: CaseEventOf<'permit_refused'>,
): CaseEventRefusal | null {
  const application = state.pendingPermitApplications.find(
    (pending) => pending.permitKind === event.permitKind,
  );
  if (application === undefined)
    return refuse({ kind: 'no-pending-permit-application', permitKind: event.permitKind });
  return (
    notBefore(event.occurredOn, application.appliedOn, 'permit_application') ??
    (application.ground === null ? null : permanentPermitRiskRefusal(state, application.ground))
  );
}

/** 002 l. 1325: risk assessment before deciding on a permanent permit on humanitarian or asylum grounds. */
function permanentPermitRiskRefusal(
  state: CaseState,
  ground: PermanentPermitGround,
): CaseEventRefusal | null {
  if (!groundsNeedingRiskAssessment.includes(ground) || currentRiskAssessment(state) !== null) return null;
  return refuse({
    kind: 'risk-assessment-missing',
    ground,
    latestAssessmentOn: state.risk.latestAssessment?.assessed.on ?? null,
    latestChangeOn: state.risk.latestChange?.changed.on ?? null,
  });
}

function permitRenewalRefusal(
  state: CaseState,
  event: CaseEventOf<'permit_renewed'>,
): CaseEventRefusal | null {
  const current = permitInForce(state);
  if (current === null) return refuse({ kind: 'no-permit-in-force' });
  const earliest =
    current.validUntil === null ? event.occurredOn : laterDate(current.validUntil, event.occurredOn);
  return (
    notBefore(event.occurredOn, current.grantedOn, 'permit_grant') ??
    notBefore(event.validUntil, addDays(earliest, 1), 'permit_validity', 'validUntil')
  );
}

function permitExpiryRefusal(
  state: CaseState,
  event: CaseEventOf<'permit_expired'>,
): CaseEventRefusal | null {
  const current = permitInForce(state);
  if (current === null) return refuse({ kind: 'no-permit-in-force' });
  if (current.validUntil !== null)
    return notBefore(event.occurredOn, addDays(current.validUntil, 1), 'permit_validity');
  return notBefore(event.occurredOn, current.grantedOn, 'permit_grant');
}

function compensationDecisionRefusal(
  state: CaseState,
  event: CaseEventOf<'compensation_decided'>,
): CaseEventRefusal | null {
  const claim = findClaim(state, event.claimId);
  if (claim === undefined)
    return refuse({ kind: 'unknown-record', record: 'compensation_claim', id: event.claimId });
  if (claim.outcome !== null)
    return refuse({ kind: 'claim-already-decided', claimId: claim.claimId, outcome: claim.outcome });
  return notBefore(event.occurredOn, claim.claimedOn, 'compensation_claim');
}

function unknownFamilyMemberRefusal(
  state: CaseState,
  familyMemberPersonId: string | null,
): CaseEventRefusal | null {
  if (familyMemberPersonId === null) return null;
  return state.familyMembers.some((member) => member.familyMemberPersonId === familyMemberPersonId)
    ? null
    : refuse({ kind: 'unknown-record', record: 'family_member', id: familyMemberPersonId });
}

function childSafeguardsRefusal(
  state: CaseState,
  eventType: 'return_decided' | 'family_contact_decided' | 'placement_decided',
): CaseEventRefusal | null {
  const missing = missingChildSafeguards(state);
  return missing.length > 0 ? refuse({ kind: 'child-safeguards-missing', eventType, missing }) : null;
}

/** 000 l. 173; 002 l. 1325, 1432: a return only after a current risk assessment found it safe. */
function returnRefusal(state: CaseState, event: CaseEventOf<'return_decided'>): CaseEventRefusal | null {
  const assessment = currentRiskAssessment(state);
  if (assessment !== null && assessment.outcome === 'return_safe')
    return notBefore(event.occurredOn, assessment.assessed.on, 'risk_assessment');
  const latest = state.risk.latestAssessment;
  return refuse({
    kind: 'return-not-assessed-safe',
    latestAssessment: latest === null ? null : { assessedOn: latest.assessed.on, outcome: latest.outcome },
    latestChangeOn: state.risk.latestChange?.changed.on ?? null,
  });
}

// --- Applying ------------------------------------------------------------------------------

/** The state derived from a case's events, in the order they were appended. */
export function foldCaseEvents(events: readonly CaseEvent[], settings: CaseSettings): CaseState {
  return events.reduce((state, event) => applyCaseEvent(state, event, settings), emptyCaseState);
}

/** The state after one more event, without checking it: only for events `decideCaseEvent` accepted. */
export function applyCaseEvent(state: CaseState, event: CaseEvent, settings: CaseSettings): CaseState {
  const mark: HistoryMark = { on: event.occurredOn, position: state.eventCount };
  const changed = changeOf(state, event, mark, settings);
  const next: CaseState = {
    ...state,
    ...changed,
    eventCount: state.eventCount + 1,
    lastEventOn: laterDate(state.lastEventOn, event.occurredOn),
  };
  return { ...next, stage: stageOf(next) };
}

function changeOf(
  state: CaseState,
  event: CaseEvent,
  mark: HistoryMark,
  settings: CaseSettings,
): Partial<CaseState> {
  const on = event.occurredOn;
  switch (event.type) {
    case 'identified': {
      const { type: _type, occurredOn: _on, isChild, ...identification } = event;
      const presumedChild = isChild !== false;
      return {
        identification: { ...identification, identifiedOn: on },
        child: {
          ...state.child,
          presumedChild,
          ageBasis: isChild === null ? 'unknown' : 'stated',
          presumedChildSince: presumedChild ? on : null,
        },
      };
    }
    case 'age_assessed':
      return {
        child: {
          ...state.child,
          presumedChild: event.isChild,
          ageBasis: 'assessed',
          presumedChildSince: event.isChild ? (state.child.presumedChildSince ?? on) : null,
        },
      };
    case 'guardian_appointed':
      return {
        child: {
          ...state.child,
          guardian: {
            appointedOn: on,
            guardianOrganisationId: event.guardianOrganisationId,
            // Events recorded before guardians had ids carry none.
            guardianId: event.guardianId ?? null,
          },
        },
      };
    case 'best_interests_determined':
      return {
        child: {
          ...state.child,
          bestInterests: { determinedOn: on, recommendedSolution: event.recommendedSolution },
        },
      };
    case 'referral_sent':
      return {
        referrals: [
          ...state.referrals,
          {
            referralId: event.referralId,
            receivingOrganisationId: event.receivingOrganisationId,
            services: event.services,
            sentOn: on,
            status: 'sent',
            answeredOn: null,
            declineReason: null,
            completedOn: null,
          },
        ],
      };
    case 'referral_accepted':
      return { referrals: updateReferral(state, event.referralId, { status: 'accepted', answeredOn: on }) };
    case 'referral_declined':
      return {
        referrals: updateReferral(state, event.referralId, {
          status: 'declined',
          answeredOn: on,
          declineReason: event.reason,
        }),
      };
    case 'referral_completed':
      return { referrals: updateReferral(state, event.referralId, { status: 'completed', completedOn: on }) };
    case 'reflection_granted':
      return {
        reflection: {
          startsOn: on,
          endsOn: event.endsOn ?? reflectionEndsOn(on, settings),
          status: 'running',
          endedOn: null,
          endReason: null,
        },
      };
    case 'reflection_ended':
      return state.reflection === null
        ? {}
        : { reflection: { ...state.reflection, status: 'ended', endedOn: on, endReason: event.reason } };
    case 'permit_applied':
      return {
        pendingPermitApplications: [
          ...state.pendingPermitApplications,
          {
            permitKind: event.permitKind,
            ground: event.permitKind === 'permanent' ? event.ground : null,
            appliedOn: on,
          },
        ],
      };
    case 'permit_granted':
      return {
        // The permit follows the reflection period (002 l. 1292): granting one ends a running period.
        reflection:
          state.reflection?.status === 'running'
            ? { ...state.reflection, status: 'ended', endedOn: on, endReason: 'permit_granted' }
            : state.reflection,
        permit: {
          permitKind: event.permitKind,
          ground: event.permitKind === 'permanent' ? event.ground : null,
          grantedOn: on,
          validUntil: event.validUntil,
          status: 'in_force',
          lastRenewedOn: null,
        },
        pendingPermitApplications: withoutApplication(state, event.permitKind),
      };
    case 'permit_refused':
      return { pendingPermitApplications: withoutApplication(state, event.permitKind) };
    case 'permit_renewed':
      return state.permit === null
        ? {}
        : { permit: { ...state.permit, validUntil: event.validUntil, lastRenewedOn: on } };
    case 'permit_expired':
      return state.permit === null ? {} : { permit: { ...state.permit, status: 'expired' } };
    case 'service_started':
      return {
        services: [
          ...state.services,
          {
            serviceKind: event.serviceKind,
            providerOrganisationId: event.providerOrganisationId,
            startedOn: on,
            status: 'running',
            endedOn: null,
            endReason: null,
          },
        ],
      };
    case 'service_ended': {
      const running = findRunningService(state, event);
      return {
        services: state.services.map((episode) =>
          episode === running
            ? { ...episode, status: 'ended', endedOn: on, endReason: event.reason }
            : episode,
        ),
      };
    }
    case 'support_plan_agreed':
      return { supportPlan: { agreedOn: on, services: event.services } };
    case 'risk_assessed': {
      const assessment: RiskAssessment = {
        assessed: mark,
        reason: event.reason,
        outcome: event.outcome,
        familyMembersAtRisk: event.familyMembersAtRisk,
        assessingOrganisationId: event.assessingOrganisationId,
      };
      const latest = state.risk.latestAssessment;
      return {
        risk: {
          ...state.risk,
          latestAssessment: latest === null || isLater(mark, latest.assessed) ? assessment : latest,
        },
      };
    }
    case 'became_witness':
      return {
        witness: { status: 'witness', since: on },
        risk: withRiskChange(state, mark, 'became_witness'),
      };
    case 'declined_to_testify':
      return { witness: { status: 'declined_to_testify', since: on } };
    case 'proceedings_stage': {
      const previous = state.proceedings;
      return {
        proceedings: {
          stage: event.stage,
          since: on,
          endedOn: finalProceedingsStages.includes(event.stage) ? on : null,
          protectiveMeasuresRequested: union(
            previous?.protectiveMeasuresRequested,
            event.protectiveMeasuresRequested,
          ),
          protectiveMeasuresGranted: union(
            previous?.protectiveMeasuresGranted,
            event.protectiveMeasuresGranted,
          ),
          defendantReleasedOn: event.defendantReleased ? on : (previous?.defendantReleasedOn ?? null),
        },
        risk: event.defendantReleased ? withRiskChange(state, mark, 'defendant_released') : state.risk,
      };
    }
    case 'compensation_claimed':
      return {
        compensationClaims: [
          ...state.compensationClaims,
          {
            claimId: event.claimId,
            route: event.route,
            claimedOn: on,
            outcome: null,
            decidedOn: null,
            awarded: null,
          },
        ],
      };
    case 'compensation_decided':
      return {
        compensationClaims: state.compensationClaims.map((claim) =>
          claim.claimId === event.claimId
            ? { ...claim, outcome: event.outcome, decidedOn: on, awarded: event.awarded }
            : claim,
        ),
      };
    case 'family_member_linked':
      return {
        familyMembers: [
          ...state.familyMembers,
          {
            familyMemberPersonId: event.familyMemberPersonId,
            relation: event.relation,
            atRiskInHomeCountry: event.atRiskInHomeCountry,
            linkedOn: on,
          },
        ],
        risk: event.atRiskInHomeCountry ? withRiskChange(state, mark, 'family_member_at_risk') : state.risk,
      };
    case 'family_contact_decided':
      return {
        familyContact: {
          decidedOn: on,
          decision: event.decision,
          familyMemberPersonId: event.familyMemberPersonId,
        },
      };
    case 'placement_decided':
      return {
        placement: {
          decidedOn: on,
          placement: event.placement,
          providerOrganisationId: event.providerOrganisationId,
        },
      };
    case 'return_decided':
      return {
        returnDecision: {
          decidedOn: on,
          returnKind: event.returnKind,
          destinationCountry: event.destinationCountry,
          assistingOrganisationId: event.assistingOrganisationId,
        },
        ...(event.returnKind === 'voluntary'
          ? durableSolutionFrom(state, 'voluntary_return', on)
          : beganOn(state, on)),
      };
    case 'reintegration_started':
      return durableSolutionFrom(state, 'reintegration', on);
    case 'resettled':
      return durableSolutionFrom(state, 'third_country_resettlement', on);
    case 'inclusion_started':
      return durableSolutionFrom(state, 'social_inclusion', on);
    case 'follow_up_done':
      return {
        followUps: [
          ...state.followUps,
          {
            doneOn: on,
            employment: event.employment,
            socialNetwork: event.socialNetwork,
            reTrafficking: event.reTrafficking,
          },
        ],
      };
    case 'closed':
      return { closed: { closedOn: on, reason: event.reason } };
    case 'reopened':
      return { closed: null, risk: withRiskChange(state, mark, 'case_reopened') };
  }
}

function updateReferral(state: CaseState, referralId: string, change: Partial<Referral>): Referral[] {
  return state.referrals.map((referral) =>
    referral.referralId === referralId ? { ...referral, ...change } : referral,
  );
}

const withoutApplication = (state: CaseState, permitKind: PermitKind) =>
  state.pendingPermitApplications.filter((pending) => pending.permitKind !== permitKind);

function withRiskChange(state: CaseState, mark: HistoryMark, cause: RiskChange['cause']): CaseState['risk'] {
  const latest = state.risk.latestChange;
  return {
    ...state.risk,
    latestChange: latest === null || isLater(mark, latest.changed) ? { changed: mark, cause } : latest,
  };
}

const beganOn = (state: CaseState, on: IsoDate): Partial<CaseState> => ({
  durableSolutionBeganOn:
    state.durableSolutionBeganOn !== null && state.durableSolutionBeganOn < on
      ? state.durableSolutionBeganOn
      : on,
});

const durableSolutionFrom = (
  state: CaseState,
  solution: DurableSolution,
  on: IsoDate,
): Partial<CaseState> => ({
  durableSolution: { solution, since: on },
  ...beganOn(state, on),
});

const union = <Value>(earlier: readonly Value[] | undefined, later: readonly Value[]): Value[] => [
  ...new Set([...(earlier ?? []), ...later]),
];
