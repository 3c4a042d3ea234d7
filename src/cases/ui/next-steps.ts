// The next required steps of a case (UX.md §2.2, the GOV.UK task list): derived on the client from
// the case view's deadlines and child safeguards, each with a verb, a reason, a due date where one
// is set, one status, and where to do it. Pure: the rules are tested in next-steps.test.ts.

import type { MessageKey } from '../../web/i18n.js';
import type { CaseDeadline, CaseFile } from './types.js';

export type TaskStatus = 'not_started' | 'cannot_start';

export type NextStep = {
  key: string;
  title: MessageKey;
  reason: MessageKey;
  status: TaskStatus;
  dueOn: string | null;
  overdue: boolean;
  /** Where the step is done, under the case: `record/<event type>` or `referrals/new`. */
  action: string | null;
};

/** Each deadline kind as a task: what to do, why, and where. */
const deadlineSteps: Record<string, { title: MessageKey; reason: MessageKey; action: string | null }> = {
  reflection_ends: {
    title: 'nextStep.reflectionEnds',
    reason: 'nextStep.reflectionEnds.reason',
    action: 'record/reflection_ended',
  },
  permit_expires: {
    title: 'nextStep.permitExpires',
    reason: 'nextStep.permitExpires.reason',
    action: 'record/permit_renewed',
  },
  risk_reassessment_due: {
    title: 'nextStep.riskReassessment',
    reason: 'nextStep.riskReassessment.reason',
    action: 'record/risk_assessed',
  },
  referral_after_reflection_due: {
    title: 'nextStep.referralAfterReflection',
    reason: 'nextStep.referralAfterReflection.reason',
    action: 'referrals/new',
  },
  referral_response_due: {
    title: 'nextStep.referralResponse',
    reason: 'nextStep.referralResponse.reason',
    action: 'referrals',
  },
  follow_up_due: {
    title: 'nextStep.followUp',
    reason: 'nextStep.followUp.reason',
    action: 'record/follow_up_done',
  },
  guardian_missing: {
    title: 'nextStep.guardian',
    reason: 'nextStep.guardian.reason',
    action: 'record/guardian_appointed',
  },
  best_interests_missing: {
    title: 'nextStep.bestInterests',
    reason: 'nextStep.bestInterests.reason',
    action: 'record/best_interests_determined',
  },
};

const firstRiskAssessment = {
  title: 'nextStep.firstRiskAssessment' as const,
  reason: 'nextStep.firstRiskAssessment.reason' as const,
  action: 'record/risk_assessed',
};

const fromDeadline = (deadline: CaseDeadline, caseFile: CaseFile): NextStep => {
  // The first assessment is due from identification: "assess", not "reassess".
  const first = deadline.kind === 'risk_reassessment_due' && caseFile.risk.latestAssessmentOn === null;
  const step = (first ? firstRiskAssessment : deadlineSteps[deadline.kind]) ?? {
    title: 'nextStep.other' as const,
    reason: 'nextStep.other.reason' as const,
    action: null,
  };
  return {
    key: `deadline:${deadline.kind}:${deadline.dueOn}`,
    ...step,
    status: 'not_started',
    dueOn: deadline.dueOn,
    overdue: deadline.status === 'overdue',
  };
};

/** Stages after which the person is no longer waiting for a decision on their future. */
const settledStages = ['durable_solution', 'follow_up', 'closed'];

export function nextSteps(caseFile: CaseFile): NextStep[] {
  if (caseFile.stage === 'closed') return [];
  const steps = [...caseFile.deadlines]
    .sort((a, b) => a.dueOn.localeCompare(b.dueOn))
    .map((deadline) => fromDeadline(deadline, caseFile));
  const has = (kind: string) => caseFile.deadlines.some((deadline) => deadline.kind === kind);
  const undated = (
    key: string,
    title: MessageKey,
    reason: MessageKey,
    status: TaskStatus,
    action: string | null,
  ) => steps.push({ key, title, reason, status, dueOn: null, overdue: false, action });

  const { child, risk } = caseFile;
  // A child — or a person of unknown age, presumed a child — needs a guardian and a best-interests
  // determination before any decision on return, family contact or placement (issue 3 §4;
  // Directive 2011/36/EU Art. 14(2)).
  if (child.presumedChild && child.guardianAppointedOn === null && !has('guardian_missing'))
    undated(
      'guardian',
      'nextStep.guardian',
      'nextStep.guardian.reason',
      'not_started',
      'record/guardian_appointed',
    );
  if (child.presumedChild && child.bestInterestsDeterminedOn === null && !has('best_interests_missing'))
    undated(
      'best-interests',
      'nextStep.bestInterests',
      'nextStep.bestInterests.reason',
      'not_started',
      'record/best_interests_determined',
    );
  if (child.presumedChild && child.ageBasis === 'unknown')
    undated(
      'age',
      'nextStep.ageAssessment',
      'nextStep.ageAssessment.reason',
      'not_started',
      'record/age_assessed',
    );

  if (risk.latestAssessmentOn === null && !has('risk_reassessment_due'))
    undated(
      'risk',
      'nextStep.firstRiskAssessment',
      'nextStep.firstRiskAssessment.reason',
      'not_started',
      'record/risk_assessed',
    );

  // No return decision without a current risk assessment that found return safe (000 l. 173;
  // 002 l. 1432), and for a child not before the best-interests determination.
  if (!settledStages.includes(caseFile.stage)) {
    if (child.presumedChild && child.bestInterestsDeterminedOn === null)
      undated('return', 'nextStep.return', 'nextStep.return.needsBestInterests', 'cannot_start', null);
    else if (risk.latestOutcome !== 'return_safe' || !risk.current)
      undated('return', 'nextStep.return', 'nextStep.return.needsRiskAssessment', 'cannot_start', null);
  }
  return steps;
}
