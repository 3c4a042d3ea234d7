import { describe, expect, it } from 'vitest';
import { dictionaries, type MessageKey } from '../../web/i18n.js';
import { nextSteps } from './next-steps.js';
import type { CaseFile } from './types.js';

const adult: CaseFile = {
  id: '6a1f5c2e-0000-4000-8000-000000000001',
  reference: 'C-TEST',
  personId: null,
  ownerOrganisationId: '6a1f5c2e-0000-4000-8000-000000000002',
  stage: 'presumed_victim',
  openedOn: '2026-09-01',
  closedOn: null,
  child: {
    presumedChild: false,
    ageBasis: 'stated',
    guardianAppointedOn: null,
    guardianId: null,
    bestInterestsDeterminedOn: null,
    recommendedSolution: null,
  },
  reflection: null,
  permit: null,
  risk: { latestAssessmentOn: null, latestOutcome: null, current: false },
  timeline: [],
  deadlines: [],
  allowedActions: [],
};

const child: CaseFile = {
  ...adult,
  child: { ...adult.child, presumedChild: true, ageBasis: 'unknown' },
};

const keys = (file: CaseFile) => nextSteps(file).map((step) => `${step.key}:${step.status}`);

describe('next required steps', () => {
  it('ask for a first risk assessment, and say a return cannot start without one that found return safe', () => {
    expect(keys(adult)).toEqual(['risk:not_started', 'return:cannot_start']);
    expect(nextSteps(adult).find((step) => step.key === 'return')?.reason).toBe(
      'nextStep.return.needsRiskAssessment',
    );
  });

  it('let a return be decided once a current assessment found it safe', () => {
    const safe = {
      ...adult,
      risk: { latestAssessmentOn: '2026-09-02', latestOutcome: 'return_safe', current: true },
    };
    expect(keys(safe)).toEqual([]);
    const stale = { ...safe, risk: { ...safe.risk, current: false } };
    expect(keys(stale)).toEqual(['return:cannot_start']);
  });

  it('ask for a guardian, a best-interests determination and an age assessment for a presumed child', () => {
    expect(keys(child)).toEqual([
      'guardian:not_started',
      'best-interests:not_started',
      'age:not_started',
      'risk:not_started',
      'return:cannot_start',
    ]);
    expect(nextSteps(child).find((step) => step.key === 'return')?.reason).toBe(
      'nextStep.return.needsBestInterests',
    );
  });

  it('turn deadlines into tasks, earliest first, without repeating the child safeguards', () => {
    const file: CaseFile = {
      ...child,
      deadlines: [
        {
          kind: 'referral_after_reflection_due',
          dueOn: '2026-09-20',
          status: 'later',
          reason: 'x',
          organisationId: null,
        },
        {
          kind: 'guardian_missing',
          dueOn: '2026-09-02',
          status: 'overdue',
          reason: 'x',
          organisationId: null,
        },
      ],
    };
    const steps = nextSteps(file);
    expect(steps.slice(0, 2).map((step) => [step.title, step.overdue, step.action])).toEqual([
      ['nextStep.guardian', true, 'record/guardian_appointed'],
      ['nextStep.referralAfterReflection', false, 'referrals/new'],
    ]);
    expect(steps.filter((step) => step.title === 'nextStep.guardian')).toHaveLength(1);
  });

  it('call the first risk assessment an assessment, not a reassessment', () => {
    const file: CaseFile = {
      ...adult,
      deadlines: [
        {
          kind: 'risk_reassessment_due',
          dueOn: '2026-09-01',
          status: 'overdue',
          reason: 'x',
          organisationId: null,
        },
      ],
    };
    expect(nextSteps(file).map((step) => [step.title, step.dueOn])).toEqual([
      ['nextStep.firstRiskAssessment', '2026-09-01'],
      ['nextStep.return', null],
    ]);
  });

  it('show nothing for a closed case', () => {
    expect(nextSteps({ ...child, stage: 'closed' })).toEqual([]);
  });

  it('have words for every step in both languages', () => {
    const file: CaseFile = {
      ...child,
      deadlines: [
        'reflection_ends',
        'permit_expires',
        'risk_reassessment_due',
        'referral_after_reflection_due',
        'referral_response_due',
        'follow_up_due',
        'guardian_missing',
        'best_interests_missing',
        'something_new',
      ].map((kind) => ({
        kind,
        dueOn: '2026-09-20',
        status: 'later' as const,
        reason: 'x',
        organisationId: null,
      })),
    };
    for (const step of [...nextSteps(file), ...nextSteps(adult)])
      for (const key of [step.title, step.reason] as MessageKey[]) {
        expect(dictionaries.en[key], key).toBeTruthy();
        expect(dictionaries.ro[key], key).toBeTruthy();
      }
  });
});
