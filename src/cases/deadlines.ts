import { addDays, type IsoDate } from '../kernel/dates.js';
import type { CaseSettings } from './case-settings.js';
import {
  addMonths,
  type CaseState,
  currentRiskAssessment,
  isReflectionRunning,
  permitInForce,
  type RiskChange,
} from './lifecycle.js';

// The deadlines of a case (DESIGN §2): derived from its state, and so from its events alone, for
// the dashboard. Nothing is stored that the events do not say, and nothing is silently missed: a
// deadline stays, overdue, until an event meets it. A closed case has none.

export const deadlineKinds = [
  'reflection_ends',
  'permit_expires',
  'risk_reassessment_due',
  'referral_after_reflection_due',
  'referral_response_due',
  'follow_up_due',
  'guardian_missing',
  'best_interests_missing',
] as const;
export type DeadlineKind = (typeof deadlineKinds)[number];

export const deadlineStatuses = ['overdue', 'due_soon', 'later'] as const;
export type DeadlineStatus = (typeof deadlineStatuses)[number];

export type Deadline = {
  kind: DeadlineKind;
  /** Tells deadlines of one kind apart: the referral id for `referral_response_due`, otherwise `''`. */
  about: string;
  dueOn: IsoDate;
  status: DeadlineStatus;
  /** A plain sentence for the dashboard; never about the person, only about the case. */
  reason: string;
  /** The organisation that must act; `null`: the case's owner organisation. */
  organisationId: string | null;
};

type Due = Omit<Deadline, 'status'>;

/** Every deadline of the case on `today`, the earliest first. */
export function deadlinesOf(state: CaseState, settings: CaseSettings, today: IsoDate): Deadline[] {
  if (state.identification === null || state.closed !== null) return [];
  const identifiedOn = state.identification.identifiedOn;
  const due: Due[] = [
    ...reflectionEnds(state),
    ...permitExpires(state),
    riskReassessmentDue(state, settings, identifiedOn),
    ...referralAfterReflectionDue(state, settings),
    ...referralResponsesDue(state, settings),
    ...followUpDue(state, settings),
    ...childSafeguardsDue(state, settings, identifiedOn),
  ];
  return due
    .map((deadline) => ({ ...deadline, status: statusOn(deadline.dueOn, today, settings) }))
    .sort(
      (a, b) => compare(a.dueOn, b.dueOn) || deadlineKinds.indexOf(a.kind) - deadlineKinds.indexOf(b.kind),
    );
}

/** Overdue from the day after it is due; due soon from `dueSoonDays` before. */
export function statusOn(dueOn: IsoDate, today: IsoDate, settings: CaseSettings): DeadlineStatus {
  if (dueOn < today) return 'overdue';
  return dueOn <= addDays(today, settings.dueSoonDays) ? 'due_soon' : 'later';
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

const deadline = (kind: Deadline['kind'], dueOn: IsoDate, reason: string, about = ''): Due => ({
  kind,
  about,
  dueOn,
  reason,
  organisationId: null,
});

function reflectionEnds(state: CaseState): Due[] {
  if (state.reflection === null || !isReflectionRunning(state)) return [];
  return [
    deadline(
      'reflection_ends',
      state.reflection.endsOn,
      'The reflection period ends: record its end and the residence permit that should follow it (002 l. 1292, 1318).',
    ),
  ];
}

function permitExpires(state: CaseState): Due[] {
  const permit = permitInForce(state);
  if (permit === null) return [];
  if (permit.validUntil !== null)
    return [
      deadline(
        'permit_expires',
        permit.validUntil,
        'The residence permit expires: renew it or record its expiry (002 l. 1318: renewable).',
      ),
    ];
  // A witness's permit runs until the end of the proceedings (002 l. 1318).
  const proceedingsEndedOn = state.proceedings?.endedOn ?? null;
  if (permit.permitKind === 'witness' && proceedingsEndedOn !== null)
    return [
      deadline(
        'permit_expires',
        proceedingsEndedOn,
        "The proceedings have ended, and with them the witness's permit: grant another permit or record its expiry (002 l. 1318).",
      ),
    ];
  return [];
}

const reassessmentReasons: Record<RiskChange['cause'], string> = {
  became_witness: 'The person became a witness: reassess the risk (000 l. 169).',
  defendant_released: 'The defendant was released: reassess the risk to the person (002 l. 1628).',
  family_member_at_risk: 'A family member at risk was linked to the case: reassess the risk (002 l. 1324).',
  case_reopened: 'The case was reopened: reassess the risk.',
};

/**
 * One reassessment deadline for an open case, the earliest of: the first assessment (at
 * identification), a change since the latest assessment (becoming a witness, the release of the
 * defendant, a family member at risk, reopening), and the periodic interval (000 l. 159: "a
 * continuous process of risk assessment"). A return needs it too, but that is a refusal.
 */
function riskReassessmentDue(state: CaseState, settings: CaseSettings, identifiedOn: IsoDate): Due {
  const latest = state.risk.latestAssessment;
  if (latest === null)
    return deadline(
      'risk_reassessment_due',
      identifiedOn,
      'No risk assessment yet: assess the risk to the person and their family (000 l. 159).',
    );
  const periodic = deadline(
    'risk_reassessment_due',
    addDays(latest.assessed.on, settings.riskReassessmentDays),
    `Periodic risk reassessment, every ${settings.riskReassessmentDays} days (000 l. 159).`,
  );
  const change = state.risk.latestChange;
  if (currentRiskAssessment(state) !== null || change === null) return periodic;
  const reason =
    latest.outcome === 'return_safe'
      ? `${reassessmentReasons[change.cause]} The finding that return is safe no longer holds (000 l. 173).`
      : reassessmentReasons[change.cause];
  const onChange = deadline('risk_reassessment_due', change.changed.on, reason);
  return onChange.dueOn <= periodic.dueOn ? onChange : periodic;
}

/** 002 l. 1317: granting the reflection period obliges a referral to services. */
function referralAfterReflectionDue(state: CaseState, settings: CaseSettings): Due[] {
  const reflection = state.reflection;
  if (reflection === null) return [];
  const referred = state.referrals.some(
    (referral) => referral.sentOn >= reflection.startsOn && referral.status !== 'declined',
  );
  if (referred) return [];
  return [
    deadline(
      'referral_after_reflection_due',
      addDays(reflection.startsOn, settings.referralAfterReflectionDays),
      'Granting the reflection period obliges a referral to services and integration programmes (002 l. 1317).',
    ),
  ];
}

function referralResponsesDue(state: CaseState, settings: CaseSettings): Due[] {
  return state.referrals
    .filter((referral) => referral.status === 'sent')
    .map((referral) => ({
      ...deadline(
        'referral_response_due',
        addDays(referral.sentOn, settings.referralResponseDays),
        'The receiving organisation has not yet accepted or declined the referral.',
        referral.referralId,
      ),
      organisationId: referral.receivingOrganisationId,
    }));
}

function followUpDue(state: CaseState, settings: CaseSettings): Due[] {
  const beganOn = state.durableSolutionBeganOn;
  if (beganOn === null || state.followUps.some((followUp) => followUp.doneOn >= beganOn)) return [];
  return [
    deadline(
      'follow_up_due',
      addMonths(beganOn, settings.followUpAfterMonths),
      'Follow up the durable solution: employment, social network and any sign of re-trafficking (002 l. 1409, 1439).',
    ),
  ];
}

/** A child, or a person of unknown age not yet assessed, gets a guardian and a best-interests determination. */
function childSafeguardsDue(state: CaseState, settings: CaseSettings, identifiedOn: IsoDate): Due[] {
  const { child } = state;
  if (!child.presumedChild) return [];
  const since = child.presumedChildSince ?? identifiedOn;
  const due: Due[] = [];
  if (child.guardian === null)
    due.push(
      deadline(
        'guardian_missing',
        since,
        'A child, or a person of unknown age not yet assessed, needs a guardian appointed without delay.',
      ),
    );
  if (child.bestInterests === null)
    due.push(
      deadline(
        'best_interests_missing',
        addDays(since, settings.bestInterestsDeterminationDays),
        'A best-interests determination is needed before any decision on return, family contact or placement (002 l. 342, 1437).',
      ),
    );
  return due;
}
