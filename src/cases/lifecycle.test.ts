import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, type IsoDate } from '../kernel/dates.js';
import {
  assistanceEventTypes,
  type CaseEvent,
  CaseEventInput,
  caseEventTypes,
  cooperationEventTypes,
} from './case-events.js';
import { defaultCaseSettings } from './case-settings.js';
import {
  addMonths,
  type CaseEventDecision,
  type CaseEventRefusal,
  type CaseEventRefusalKind,
  caseRules,
  currentRiskAssessment,
  decideCaseEvent,
  emptyCaseState,
  foldCaseEvents,
  missingChildSafeguards,
} from './lifecycle.js';
import {
  aChildIdentified,
  anAdultIdentified,
  anEvent,
  anEventOnDay,
  anyCaseHistory,
  anyNextEvent,
  aPersonOfUnknownAgeIdentified,
  aPresumedVictimCase,
  decideOn,
  IDENTIFIED_ON,
  organisations,
  referralIds,
  TODAY,
  withEvents,
} from './test-builders.js';

const settings = defaultCaseSettings;
const day = (days: number): IsoDate => addDays(IDENTIFIED_ON, days);

const refusalOf = (decision: CaseEventDecision): CaseEventRefusal | null =>
  decision.outcome === 'refuse' ? decision.refusal : null;

const accepted = (decision: CaseEventDecision) => {
  if (decision.outcome === 'refuse') throw new Error(`refused: ${JSON.stringify(decision.refusal)}`);
  return decision;
};

const aSafeReturnAssessment = (days: number) =>
  anEventOnDay(days, 'risk_assessed', { reason: 'before_return', outcome: 'return_safe' });

const childSafeguards = (days: number) => [
  anEventOnDay(days, 'guardian_appointed'),
  anEventOnDay(days, 'best_interests_determined'),
];

describe('foldCaseEvents', () => {
  it('a case without events is detected, and identification makes it a presumed victim', () => {
    expect(foldCaseEvents([], settings).stage).toBe('detected');
    expect(foldCaseEvents([anAdultIdentified()], settings)).toMatchObject({
      stage: 'presumed_victim',
      identification: { identifiedOn: IDENTIFIED_ON, channel: 'outreach', scope: 'transnational' },
      eventCount: 1,
    });
  });

  it('a foreign victim passes reflection, residence, assistance, durable solution and follow-up to closed', () => {
    const stages = [
      anEventOnDay(1, 'reflection_granted'),
      anEventOnDay(80, 'permit_granted', { permitKind: 'temporary', validUntil: day(80 + 364) }),
      anEventOnDay(90, 'support_plan_agreed'),
      anEventOnDay(200, 'inclusion_started'),
      anEventOnDay(565, 'follow_up_done'),
      anEventOnDay(566, 'closed'),
    ].map(
      (_, index, all) =>
        aPresumedVictimCase({ followedBy: all.slice(0, index + 1), today: day(600) }).state.stage,
    );
    expect(stages).toEqual([
      'reflection',
      'residence',
      'assistance',
      'durable_solution',
      'follow_up',
      'closed',
    ]);
  });

  it('a national victim needs no reflection period or permit: presumed_victim goes straight to assistance', () => {
    const national = aPresumedVictimCase({
      identified: anAdultIdentified({ scope: 'internal' }),
      followedBy: [anEventOnDay(2, 'service_started'), anEventOnDay(9, 'support_plan_agreed')],
    });
    expect(national.state.stage).toBe('assistance');
    expect(national.state.reflection).toBeNull();
    expect(national.state.permit).toBeNull();
  });

  it('proceedings, compensation and risk assessments run alongside without moving the stage', () => {
    const alongside = aPresumedVictimCase({
      followedBy: [
        anEventOnDay(1, 'reflection_granted'),
        anEventOnDay(2, 'became_witness'),
        anEventOnDay(3, 'risk_assessed', { reason: 'witness', outcome: 'medium' }),
        anEventOnDay(4, 'proceedings_stage', { stage: 'prosecution' }),
        anEventOnDay(5, 'compensation_claimed'),
      ],
    });
    expect(alongside.state.stage).toBe('reflection');
    expect(alongside.state.proceedings?.stage).toBe('prosecution');
    expect(alongside.state.compensationClaims).toHaveLength(1);
  });

  it('replaying the accepted events gives the same state even after the country changes its settings', () => {
    fc.assert(
      fc.property(anyCaseHistory(), (history) => {
        const laterSettings = { ...settings, reflectionPeriodDays: 120, residencePermitMinMonths: 12 };
        expect(foldCaseEvents(history.events, laterSettings)).toEqual(history.state);
      }),
      { numRuns: 200 },
    );
  });
});

/** An example for every refusal kind; the compiler checks that none is missing. */
const refusalExamples: Record<
  CaseEventRefusalKind,
  { rule: string; decide: () => CaseEventDecision; refusal: object }
> = {
  'case-closed': {
    rule: 'refuses a service_started on a closed case',
    decide: () =>
      decideOn(
        aPresumedVictimCase({ followedBy: [anEventOnDay(10, 'closed')] }),
        anEventOnDay(20, 'service_started'),
      ),
    refusal: { kind: 'case-closed', closedOn: day(10) },
  },
  'case-not-closed': {
    rule: 'refuses reopened on a case that is not closed',
    decide: () => decideOn(aPresumedVictimCase(), anEventOnDay(5, 'reopened')),
    refusal: { kind: 'case-not-closed' },
  },
  'not-identified': {
    rule: 'refuses any event before the presumed victim is identified',
    decide: () => decideCaseEvent(emptyCaseState, anEvent('referral_sent'), settings, TODAY),
    refusal: { kind: 'not-identified', eventType: 'referral_sent' },
  },
  'already-identified': {
    rule: 'refuses a second identified on the same case',
    decide: () => decideOn(aPresumedVictimCase(), anAdultIdentified({ occurredOn: day(3) })),
    refusal: { kind: 'already-identified', identifiedOn: IDENTIFIED_ON },
  },
  'date-in-future': {
    rule: 'refuses an event whose occurredOn is after today',
    decide: () =>
      decideOn(aPresumedVictimCase(), anEvent('service_started', { occurredOn: addDays(TODAY, 1) })),
    refusal: { kind: 'date-in-future', occurredOn: addDays(TODAY, 1), today: TODAY },
  },
  'date-out-of-order': {
    rule: 'refuses an event dated before the identification date',
    decide: () => decideOn(aPresumedVictimCase(), anEventOnDay(-1, 'service_started')),
    refusal: {
      kind: 'date-out-of-order',
      field: 'occurredOn',
      date: day(-1),
      notBefore: IDENTIFIED_ON,
      follows: 'identification',
    },
  },
  'reflection-already-running': {
    rule: 'refuses reflection_granted while a reflection period is running',
    decide: () =>
      decideOn(
        aPresumedVictimCase({ followedBy: [anEventOnDay(1, 'reflection_granted')] }),
        anEventOnDay(30, 'reflection_granted'),
      ),
    refusal: { kind: 'reflection-already-running', startsOn: day(1), endsOn: day(90) },
  },
  'no-reflection-running': {
    rule: 'refuses reflection_ended when no reflection period is running',
    decide: () => decideOn(aPresumedVictimCase(), anEventOnDay(30, 'reflection_ended')),
    refusal: { kind: 'no-reflection-running' },
  },
  'reflection-too-short': {
    rule: 'refuses a reflection period whose endsOn is shorter than reflectionPeriodDays (not less than 3 months)',
    decide: () => decideOn(aPresumedVictimCase(), anEvent('reflection_granted', { endsOn: day(59) })),
    refusal: { kind: 'reflection-too-short', endsOn: day(59), minimumEndsOn: day(89) },
  },
  'permit-too-short': {
    rule: 'refuses a temporary permit whose validUntil is shorter than residencePermitMinMonths (6)',
    decide: () =>
      decideOn(
        aPresumedVictimCase(),
        anEvent('permit_granted', { permitKind: 'temporary', validUntil: '2025-09-01' }),
      ),
    refusal: { kind: 'permit-too-short', validUntil: '2025-09-01', minimumValidUntil: '2025-09-02' },
  },
  'permit-already-in-force': {
    rule: 'refuses granting a permit of the kind already in force (renew it instead)',
    decide: () =>
      decideOn(
        aPresumedVictimCase({ followedBy: [anEvent('permit_granted')] }),
        anEventOnDay(30, 'permit_granted', { validUntil: day(400) }),
      ),
    refusal: { kind: 'permit-already-in-force', permitKind: 'temporary', validUntil: day(364) },
  },
  'no-permit-in-force': {
    rule: 'refuses permit_renewed when no permit is in force',
    decide: () => decideOn(aPresumedVictimCase(), anEventOnDay(30, 'permit_renewed')),
    refusal: { kind: 'no-permit-in-force' },
  },
  'no-pending-permit-application': {
    rule: 'refuses permit_refused without a pending application for that permitKind',
    decide: () =>
      decideOn(aPresumedVictimCase(), anEventOnDay(30, 'permit_refused', { permitKind: 'permanent' })),
    refusal: { kind: 'no-pending-permit-application', permitKind: 'permanent' },
  },
  'risk-assessment-missing': {
    rule: 'refuses a permanent permit on the asylum ground without a current risk assessment',
    decide: () =>
      decideOn(
        aPresumedVictimCase(),
        anEventOnDay(30, 'permit_granted', { permitKind: 'permanent', ground: 'asylum', validUntil: null }),
      ),
    refusal: {
      kind: 'risk-assessment-missing',
      ground: 'asylum',
      latestAssessmentOn: null,
      latestChangeOn: null,
    },
  },
  'return-not-assessed-safe': {
    rule: 'refuses return_decided without any risk assessment',
    decide: () => decideOn(aPresumedVictimCase(), anEventOnDay(30, 'return_decided')),
    refusal: { kind: 'return-not-assessed-safe', latestAssessment: null, latestChangeOn: null },
  },
  'child-safeguards-missing': {
    rule: 'refuses return_decided for a child without a guardian and a best-interests determination',
    decide: () =>
      decideOn(
        aPresumedVictimCase({ identified: aChildIdentified(), followedBy: [aSafeReturnAssessment(20)] }),
        anEventOnDay(30, 'return_decided'),
      ),
    refusal: {
      kind: 'child-safeguards-missing',
      eventType: 'return_decided',
      missing: ['guardian', 'best_interests_determination'],
    },
  },
  'referral-not-awaiting-answer': {
    rule: 'refuses referral_accepted for a referral already declined',
    decide: () =>
      decideOn(
        aPresumedVictimCase({ followedBy: [anEvent('referral_sent'), anEventOnDay(1, 'referral_declined')] }),
        anEventOnDay(2, 'referral_accepted'),
      ),
    refusal: { kind: 'referral-not-awaiting-answer', referralId: referralIds[0], status: 'declined' },
  },
  'referral-not-accepted': {
    rule: 'refuses referral_completed for a referral never accepted',
    decide: () =>
      decideOn(
        aPresumedVictimCase({ followedBy: [anEvent('referral_sent')] }),
        anEventOnDay(40, 'referral_completed'),
      ),
    refusal: { kind: 'referral-not-accepted', referralId: referralIds[0], status: 'sent' },
  },
  'service-already-running': {
    rule: 'refuses service_started for a serviceKind the same provider is already giving',
    decide: () =>
      decideOn(
        aPresumedVictimCase({ followedBy: [anEvent('service_started')] }),
        anEventOnDay(3, 'service_started'),
      ),
    refusal: {
      kind: 'service-already-running',
      serviceKind: 'safe_accommodation',
      providerOrganisationId: organisations.shelter,
    },
  },
  'service-not-running': {
    rule: 'refuses service_ended for a service that is not running',
    decide: () => decideOn(aPresumedVictimCase(), anEventOnDay(3, 'service_ended')),
    refusal: {
      kind: 'service-not-running',
      serviceKind: 'safe_accommodation',
      providerOrganisationId: organisations.shelter,
    },
  },
  'already-a-witness': {
    rule: 'refuses became_witness for a person already a witness',
    decide: () =>
      decideOn(
        aPresumedVictimCase({ followedBy: [anEventOnDay(5, 'became_witness')] }),
        anEventOnDay(9, 'became_witness'),
      ),
    refusal: { kind: 'already-a-witness', since: day(5) },
  },
  'claim-already-decided': {
    rule: 'refuses a second compensation_decided for the same claimId',
    decide: () =>
      decideOn(
        aPresumedVictimCase({
          followedBy: [anEvent('compensation_claimed'), anEventOnDay(200, 'compensation_decided')],
        }),
        anEventOnDay(210, 'compensation_decided', { outcome: 'rejected', awarded: null }),
      ),
    refusal: { kind: 'claim-already-decided', outcome: 'awarded' },
  },
  'unknown-record': {
    rule: 'refuses referral_accepted for a referralId the case does not have',
    decide: () =>
      decideOn(aPresumedVictimCase(), anEventOnDay(1, 'referral_accepted', { referralId: referralIds[2] })),
    refusal: { kind: 'unknown-record', record: 'referral', id: referralIds[2] },
  },
  'duplicate-record': {
    rule: 'refuses referral_sent with a referralId the case already has',
    decide: () =>
      decideOn(
        aPresumedVictimCase({ followedBy: [anEvent('referral_sent')] }),
        anEventOnDay(1, 'referral_sent'),
      ),
    refusal: { kind: 'duplicate-record', record: 'referral', id: referralIds[0] },
  },
};

describe('decideCaseEvent refuses, one example per rule', () => {
  it.each(Object.entries(refusalExamples).map(([kind, example]) => ({ kind, ...example })))(
    '$kind: $rule',
    ({ kind, ...example }) => {
      const refusal = refusalOf(example.decide());
      expect(refusal).toMatchObject(example.refusal);
      expect(refusal?.rule).toBe(caseRules[kind as CaseEventRefusalKind]);
    },
  );

  it('every rule sentence says what holds, and the rules drawn from the sources cite them', () => {
    const cited: CaseEventRefusalKind[] = [
      'not-identified',
      'reflection-too-short',
      'permit-too-short',
      'risk-assessment-missing',
      'return-not-assessed-safe',
      'child-safeguards-missing',
    ];
    for (const kind of cited) expect(caseRules[kind]).toMatch(/\((000|002) l\. \d+/);
  });
});

describe('assistance never depends on co-operation with the authorities (002 l. 1291, 1345-1347)', () => {
  it('grants a reflection period and a temporary permit to a person who declined_to_testify', () => {
    const declined = aPresumedVictimCase({
      followedBy: [anEventOnDay(1, 'declined_to_testify'), anEventOnDay(2, 'reflection_granted')],
    });
    expect(declined.state.reflection?.status).toBe('running');
    const permit = decideOn(declined, anEventOnDay(85, 'permit_granted', { validUntil: day(85 + 364) }));
    expect(permit.outcome).toBe('accept');
  });

  it('sends referrals and starts services for a person who never became a witness', () => {
    const neverAsked = aPresumedVictimCase({
      followedBy: [anEvent('referral_sent'), anEventOnDay(1, 'referral_accepted')],
    });
    expect(neverAsked.state.witness.status).toBe('undecided');
    expect(decideOn(neverAsked, anEventOnDay(2, 'service_started')).outcome).toBe('accept');
    expect(decideOn(neverAsked, anEventOnDay(2, 'support_plan_agreed')).outcome).toBe('accept');
  });

  it('no referral, service, reflection, permit or support plan event is refused because the person declined to testify or never became a witness', () => {
    const withoutCooperation = (events: readonly CaseEvent[]) =>
      events.filter((event) => !(cooperationEventTypes as readonly string[]).includes(event.type));
    const declinedInstead = (events: readonly CaseEvent[]) =>
      events.map((event) =>
        event.type === 'became_witness'
          ? anEvent('declined_to_testify', { occurredOn: event.occurredOn })
          : event,
      );
    fc.assert(
      fc.property(
        anyCaseHistory().chain((history) =>
          anyNextEvent(history, assistanceEventTypes).map((next) => ({ history, next })),
        ),
        ({ history, next }) => {
          const asWitness = decideCaseEvent(history.state, next, settings, history.today);
          for (const twin of [withoutCooperation(history.events), declinedInstead(history.events)]) {
            const notAWitness = decideCaseEvent(
              foldCaseEvents(twin, settings),
              next,
              settings,
              history.today,
            );
            if (asWitness.outcome === 'accept') expect(notAWitness.outcome).toBe('accept');
            if (notAWitness.outcome === 'refuse')
              expect(refusalOf(asWitness)?.kind).toBe(notAWitness.refusal.kind);
          }
        },
      ),
      { numRuns: 400 },
    );
  });
});

describe('reflection period (002 l. 1296, 1316-1317)', () => {
  it('reflection_granted without endsOn runs reflectionPeriodDays (90), its first day included', () => {
    const granted = accepted(decideOn(aPresumedVictimCase(), anEvent('reflection_granted')));
    expect(granted.state.reflection).toEqual({
      startsOn: '2025-03-03',
      endsOn: '2025-05-31',
      status: 'running',
      endedOn: null,
      endReason: null,
    });
    expect(granted.state.stage).toBe('reflection');
  });

  it("the accepted event carries the computed endsOn, so the history does not change with the country's settings", () => {
    const granted = accepted(
      decideOn(
        aPresumedVictimCase({ settings: { reflectionPeriodDays: 120 } }),
        anEvent('reflection_granted'),
      ),
    );
    expect(granted.event).toEqual({
      type: 'reflection_granted',
      occurredOn: IDENTIFIED_ON,
      endsOn: day(119),
    });
  });

  it('a reflection period longer than the national length is accepted', () => {
    expect(decideOn(aPresumedVictimCase(), anEvent('reflection_granted', { endsOn: day(180) })).outcome).toBe(
      'accept',
    );
  });

  it('refuses reflection_ended dated before the reflection period started', () => {
    const running = aPresumedVictimCase({ followedBy: [anEventOnDay(10, 'reflection_granted')] });
    expect(refusalOf(decideOn(running, anEventOnDay(9, 'reflection_ended')))).toMatchObject({
      kind: 'date-out-of-order',
      notBefore: day(10),
      follows: 'reflection_start',
    });
  });

  it('the person may end the reflection period early with an informed decision, and be granted another later', () => {
    const ended = aPresumedVictimCase({
      followedBy: [
        anEventOnDay(1, 'reflection_granted'),
        anEventOnDay(20, 'reflection_ended', { reason: 'person_decided' }),
      ],
    });
    expect(ended.state.reflection).toMatchObject({
      status: 'ended',
      endedOn: day(20),
      endReason: 'person_decided',
    });
    expect(decideOn(ended, anEventOnDay(40, 'reflection_granted')).outcome).toBe('accept');
  });

  it('a permit granted while the reflection period runs ends the period on the permit date', () => {
    const permitted = aPresumedVictimCase({
      followedBy: [
        anEventOnDay(1, 'reflection_granted'),
        anEventOnDay(60, 'permit_granted', { validUntil: day(60 + 364) }),
      ],
    });
    expect(permitted.state.reflection).toMatchObject({
      status: 'ended',
      endedOn: day(60),
      endReason: 'permit_granted',
    });
    expect(permitted.state.stage).toBe('residence');
  });
});

describe('residence permits (002 l. 1318-1324)', () => {
  it('a temporary permit of exactly residencePermitMinMonths (6) is accepted: 3 March to 2 September', () => {
    const decision = decideOn(aPresumedVictimCase(), anEvent('permit_granted', { validUntil: '2025-09-02' }));
    expect(decision.outcome).toBe('accept');
  });

  it("uses the country's residencePermitMinMonths", () => {
    const twelveMonths = aPresumedVictimCase({ settings: { residencePermitMinMonths: 12 } });
    expect(
      refusalOf(decideOn(twelveMonths, anEvent('permit_granted', { validUntil: '2025-09-02' }))),
    ).toMatchObject({
      kind: 'permit-too-short',
      minimumValidUntil: '2026-03-02',
    });
  });

  it("a witness's permit with validUntil null runs until the proceedings end", () => {
    const witness = aPresumedVictimCase({
      followedBy: [
        anEventOnDay(5, 'became_witness'),
        anEventOnDay(6, 'permit_granted', { permitKind: 'witness', validUntil: null }),
        anEventOnDay(300, 'proceedings_stage', { stage: 'trial' }),
      ],
    });
    expect(witness.state.permit).toMatchObject({
      permitKind: 'witness',
      validUntil: null,
      status: 'in_force',
    });
  });

  it("refuses a witness's permit with an end date shorter than residencePermitMinMonths", () => {
    const decision = decideOn(
      aPresumedVictimCase(),
      anEvent('permit_granted', { permitKind: 'witness', validUntil: day(100) }),
    );
    expect(refusalOf(decision)?.kind).toBe('permit-too-short');
  });

  it('a permanent permit on the ground of completed assistance and employment needs no risk assessment', () => {
    const decision = decideOn(
      aPresumedVictimCase(),
      anEventOnDay(300, 'permit_granted', {
        permitKind: 'permanent',
        ground: 'assistance_completed_and_employed',
        validUntil: null,
      }),
    );
    expect(decision.outcome).toBe('accept');
  });

  it('a permanent permit on the ground of serious risk on return is decided after a current risk assessment', () => {
    const assessed = aPresumedVictimCase({
      followedBy: [anEventOnDay(100, 'risk_assessed', { reason: 'before_return', outcome: 'return_unsafe' })],
    });
    const permanent = anEventOnDay(120, 'permit_granted', {
      permitKind: 'permanent',
      ground: 'serious_risk_on_return',
      validUntil: null,
    });
    expect(decideOn(assessed, permanent).outcome).toBe('accept');
    const releasedSince = withEvents(
      assessed,
      anEventOnDay(110, 'proceedings_stage', { defendantReleased: true }),
    );
    expect(refusalOf(decideOn(releasedSince, permanent))).toMatchObject({
      kind: 'risk-assessment-missing',
      latestAssessmentOn: day(100),
      latestChangeOn: day(110),
    });
  });

  it('refusing a pending permanent application on the asylum ground also needs a current risk assessment', () => {
    const applied = aPresumedVictimCase({
      followedBy: [anEventOnDay(10, 'permit_applied', { permitKind: 'permanent', ground: 'asylum' })],
    });
    expect(
      refusalOf(decideOn(applied, anEventOnDay(50, 'permit_refused', { permitKind: 'permanent' })))?.kind,
    ).toBe('risk-assessment-missing');
  });

  it('refuses permit_applied while an application of the same permitKind is pending', () => {
    const applied = aPresumedVictimCase({ followedBy: [anEventOnDay(10, 'permit_applied')] });
    expect(refusalOf(decideOn(applied, anEventOnDay(11, 'permit_applied')))).toMatchObject({
      kind: 'duplicate-record',
      record: 'permit_application',
      id: 'temporary',
    });
  });

  it('a permit in force is renewed to a later validUntil, and refused a renewal that ends earlier', () => {
    const permitted = aPresumedVictimCase({ followedBy: [anEvent('permit_granted')] });
    expect(decideOn(permitted, anEventOnDay(350, 'permit_renewed', { validUntil: day(729) })).outcome).toBe(
      'accept',
    );
    expect(
      refusalOf(decideOn(permitted, anEventOnDay(350, 'permit_renewed', { validUntil: day(300) }))),
    ).toMatchObject({
      kind: 'date-out-of-order',
      field: 'validUntil',
      date: day(300),
      notBefore: day(365),
      follows: 'permit_validity',
    });
  });

  it('refuses permit_expired before the day after validUntil', () => {
    const permitted = aPresumedVictimCase({ followedBy: [anEvent('permit_granted')], today: day(400) });
    expect(refusalOf(decideOn(permitted, anEventOnDay(364, 'permit_expired')))?.kind).toBe(
      'date-out-of-order',
    );
    const expired = accepted(decideOn(permitted, anEventOnDay(365, 'permit_expired')));
    expect(expired.state.permit?.status).toBe('expired');
  });

  it('links a family member at risk, which is a change after which the risk is reassessed (002 l. 1324)', () => {
    const linked = aPresumedVictimCase({
      followedBy: [
        anEventOnDay(1, 'risk_assessed'),
        anEventOnDay(2, 'family_member_linked', { relation: 'minor_child', atRiskInHomeCountry: true }),
      ],
    });
    expect(linked.state.familyMembers).toHaveLength(1);
    expect(currentRiskAssessment(linked.state)).toBeNull();
  });
});

describe('no return without a risk assessment that found it safe (000 l. 173)', () => {
  it('accepts return_decided after a return_safe assessment made since the latest change', () => {
    const safe = aPresumedVictimCase({
      followedBy: [anEventOnDay(5, 'became_witness'), aSafeReturnAssessment(30)],
    });
    const decision = accepted(decideOn(safe, anEventOnDay(31, 'return_decided')));
    expect(decision.state.stage).toBe('durable_solution');
    expect(decision.state.durableSolution).toEqual({ solution: 'voluntary_return', since: day(31) });
  });

  it('refuses return_decided when the latest assessment found return unsafe', () => {
    const unsafe = aPresumedVictimCase({
      followedBy: [
        aSafeReturnAssessment(10),
        anEventOnDay(20, 'risk_assessed', { outcome: 'return_unsafe' }),
      ],
    });
    expect(refusalOf(decideOn(unsafe, anEventOnDay(30, 'return_decided')))).toMatchObject({
      kind: 'return-not-assessed-safe',
      latestAssessment: { assessedOn: day(20), outcome: 'return_unsafe' },
    });
  });

  it('refuses return_decided when the person became a witness after the safe assessment', () => {
    const witnessSince = aPresumedVictimCase({
      followedBy: [aSafeReturnAssessment(10), anEventOnDay(12, 'became_witness')],
    });
    expect(refusalOf(decideOn(witnessSince, anEventOnDay(30, 'return_decided')))).toMatchObject({
      kind: 'return-not-assessed-safe',
      latestChangeOn: day(12),
    });
  });

  it('refuses return_decided when the defendant was released after the safe assessment (002 l. 1628)', () => {
    const released = aPresumedVictimCase({
      followedBy: [
        aSafeReturnAssessment(10),
        anEventOnDay(11, 'proceedings_stage', { stage: 'trial', defendantReleased: true }),
      ],
    });
    expect(refusalOf(decideOn(released, anEventOnDay(30, 'return_decided')))?.kind).toBe(
      'return-not-assessed-safe',
    );
  });

  it('a safe assessment recorded before a change on the same day does not cover it; one recorded after does', () => {
    const before = aPresumedVictimCase({
      followedBy: [aSafeReturnAssessment(10), anEventOnDay(10, 'became_witness')],
    });
    expect(decideOn(before, anEventOnDay(11, 'return_decided')).outcome).toBe('refuse');
    const after = aPresumedVictimCase({
      followedBy: [anEventOnDay(10, 'became_witness'), aSafeReturnAssessment(10)],
    });
    expect(decideOn(after, anEventOnDay(11, 'return_decided')).outcome).toBe('accept');
  });

  it('a return ordered by the authorities needs the same safe assessment', () => {
    const decision = decideOn(
      aPresumedVictimCase(),
      anEventOnDay(5, 'return_decided', { returnKind: 'ordered_by_authorities' }),
    );
    expect(refusalOf(decision)?.kind).toBe('return-not-assessed-safe');
  });

  it('refuses a return_decided dated before the safe assessment it relies on', () => {
    const safe = aPresumedVictimCase({ followedBy: [aSafeReturnAssessment(30)] });
    expect(refusalOf(decideOn(safe, anEventOnDay(29, 'return_decided')))).toMatchObject({
      kind: 'date-out-of-order',
      follows: 'risk_assessment',
    });
  });

  it('every accepted return_decided follows a current risk assessment that found return safe', () => {
    fc.assert(
      fc.property(
        anyCaseHistory().chain((history) =>
          anyNextEvent(history, ['return_decided']).map((next) => ({ history, next })),
        ),
        ({ history, next }) => {
          if (decideCaseEvent(history.state, next, settings, history.today).outcome === 'accept') {
            const assessment = currentRiskAssessment(history.state);
            expect(assessment?.outcome).toBe('return_safe');
            expect(assessment!.assessed.on <= next.occurredOn).toBe(true);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('children: a guardian and a best-interests determination come first', () => {
  it('a person identified with isChild true is presumed a child', () => {
    expect(aPresumedVictimCase({ identified: aChildIdentified() }).state.child).toMatchObject({
      presumedChild: true,
      ageBasis: 'stated',
      presumedChildSince: IDENTIFIED_ON,
    });
  });

  it('a person of unknown age is presumed a child until an age assessment says otherwise', () => {
    const unknown = aPresumedVictimCase({ identified: aPersonOfUnknownAgeIdentified() });
    expect(unknown.state.child).toMatchObject({ presumedChild: true, ageBasis: 'unknown' });
    const assessedAdult = withEvents(unknown, anEventOnDay(4, 'age_assessed', { isChild: false }));
    expect(assessedAdult.state.child).toMatchObject({ presumedChild: false, ageBasis: 'assessed' });
    expect(decideOn(assessedAdult, anEventOnDay(5, 'placement_decided')).outcome).toBe('accept');
  });

  it('an age assessment can find that a person stated to be an adult is a child', () => {
    const adult = aPresumedVictimCase({ followedBy: [anEventOnDay(4, 'age_assessed', { isChild: true })] });
    expect(adult.state.child).toMatchObject({ presumedChild: true, presumedChildSince: day(4) });
  });

  it.each([
    ['return_decided', anEventOnDay(30, 'return_decided')],
    ['family_contact_decided', anEventOnDay(30, 'family_contact_decided')],
    ['placement_decided', anEventOnDay(30, 'placement_decided')],
  ] as const)(
    'refuses %s for a child with a guardian but no best-interests determination',
    (eventType, event) => {
      const guarded = aPresumedVictimCase({
        identified: aChildIdentified(),
        followedBy: [anEventOnDay(1, 'guardian_appointed'), aSafeReturnAssessment(20)],
      });
      expect(refusalOf(decideOn(guarded, event))).toMatchObject({
        kind: 'child-safeguards-missing',
        eventType,
        missing: ['best_interests_determination'],
      });
    },
  );

  it('refuses placement_decided for a person of unknown age without a guardian', () => {
    const unknown = aPresumedVictimCase({
      identified: aPersonOfUnknownAgeIdentified(),
      followedBy: [anEventOnDay(3, 'best_interests_determined')],
    });
    expect(refusalOf(decideOn(unknown, anEventOnDay(4, 'placement_decided')))).toMatchObject({
      kind: 'child-safeguards-missing',
      missing: ['guardian'],
    });
  });

  it('accepts return, family contact and placement decisions for a child with a guardian and a best-interests determination', () => {
    const safeguarded = aPresumedVictimCase({
      identified: aChildIdentified(),
      followedBy: [...childSafeguards(2), aSafeReturnAssessment(20)],
    });
    for (const event of [
      anEventOnDay(25, 'placement_decided', { placement: 'foster_care' }),
      anEventOnDay(25, 'family_contact_decided'),
      anEventOnDay(25, 'return_decided'),
    ])
      expect(decideOn(safeguarded, event).outcome).toBe('accept');
  });

  it('refuses family_contact_decided about a family member the case has not linked', () => {
    const decision = decideOn(
      aPresumedVictimCase(),
      anEventOnDay(3, 'family_contact_decided', {
        familyMemberPersonId: '09ebcd3f-7b8f-4acc-8e6d-8fabcde4a6c7',
      }),
    );
    expect(refusalOf(decision)).toMatchObject({ kind: 'unknown-record', record: 'family_member' });
  });

  it('no return, family contact or placement decision is accepted for a presumed child without both safeguards', () => {
    fc.assert(
      fc.property(
        anyCaseHistory().chain((history) =>
          anyNextEvent(history, ['return_decided', 'family_contact_decided', 'placement_decided']).map(
            (next) => ({
              history,
              next,
            }),
          ),
        ),
        ({ history, next }) => {
          const decision = decideCaseEvent(history.state, next, settings, history.today);
          if (missingChildSafeguards(history.state).length > 0) expect(decision.outcome).toBe('refuse');
          if (decision.outcome === 'accept' && history.state.child.presumedChild) {
            expect(history.state.child.guardian).not.toBeNull();
            expect(history.state.child.bestInterests).not.toBeNull();
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('closed cases, dates and duplicates', () => {
  it('a closed case is reopened, and then takes events again', () => {
    const closed = aPresumedVictimCase({
      followedBy: [anEventOnDay(10, 'closed', { reason: 'lost_contact' })],
    });
    expect(closed.state.stage).toBe('closed');
    const reopened = withEvents(closed, anEventOnDay(40, 'reopened', { reason: 're_trafficked' }));
    expect(reopened.state.stage).toBe('presumed_victim');
    expect(decideOn(reopened, anEventOnDay(41, 'service_started')).outcome).toBe('accept');
  });

  it('refuses reopened dated before the case was closed', () => {
    const closed = aPresumedVictimCase({ followedBy: [anEventOnDay(10, 'closed')] });
    expect(refusalOf(decideOn(closed, anEventOnDay(9, 'reopened')))).toMatchObject({
      kind: 'date-out-of-order',
      follows: 'closure',
    });
  });

  it('refuses closed dated before the latest event of the case', () => {
    const served = aPresumedVictimCase({ followedBy: [anEventOnDay(30, 'service_started')] });
    expect(refusalOf(decideOn(served, anEventOnDay(29, 'closed')))).toMatchObject({
      kind: 'date-out-of-order',
      notBefore: day(30),
      follows: 'latest_event',
    });
  });

  it('refuses a referral answer dated before the referral was sent, and a service end before its start', () => {
    const sent = aPresumedVictimCase({
      followedBy: [anEventOnDay(5, 'referral_sent'), anEventOnDay(5, 'service_started')],
    });
    expect(refusalOf(decideOn(sent, anEventOnDay(4, 'referral_accepted')))?.kind).toBe('date-out-of-order');
    expect(refusalOf(decideOn(sent, anEventOnDay(4, 'service_ended')))).toMatchObject({
      follows: 'service_start',
    });
  });

  it('a closed case refuses every event but reopened', () => {
    fc.assert(
      fc.property(
        anyCaseHistory().chain((history) => anyNextEvent(history).map((next) => ({ history, next }))),
        ({ history, next }) => {
          if (history.state.closed === null || next.type === 'reopened') return;
          expect(refusalOf(decideCaseEvent(history.state, next, settings, history.today))?.kind).toBe(
            'case-closed',
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it('every accepted event is dated between the identification and today, and the stage is closed exactly when the case is', () => {
    fc.assert(
      fc.property(anyCaseHistory(), (history) => {
        const identifiedOn = history.state.identification!.identifiedOn;
        for (const event of history.events) {
          expect(event.occurredOn >= identifiedOn).toBe(true);
          expect(event.occurredOn <= history.today).toBe(true);
        }
        expect(history.state.stage === 'closed').toBe(history.state.closed !== null);
        expect(history.events[0]?.type).toBe('identified');
      }),
      { numRuns: 200 },
    );
  });
});

describe('case events (CaseEventInput)', () => {
  it('refuses a support_plan_agreed whose agreedWithPerson is false, on that field (002 l. 1367)', () => {
    const parsed = CaseEventInput.safeParse({ ...anEvent('support_plan_agreed'), agreedWithPerson: false });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual(['agreedWithPerson']);
  });

  it('a permanent permit_granted needs a ground; a temporary one needs validUntil', () => {
    expect(
      CaseEventInput.safeParse({
        type: 'permit_granted',
        occurredOn: IDENTIFIED_ON,
        permitKind: 'permanent',
        validUntil: null,
      }).success,
    ).toBe(false);
    expect(
      CaseEventInput.safeParse({
        type: 'permit_granted',
        occurredOn: IDENTIFIED_ON,
        permitKind: 'temporary',
        validUntil: null,
      }).success,
    ).toBe(false);
  });

  it('identified fills in the CTDC vocabularies when they are not yet known', () => {
    const minimal = {
      type: 'identified',
      occurredOn: IDENTIFIED_ON,
      channel: 'hotline',
      identifyingOrganisationId: organisations.ngo,
      selfIdentified: true,
      isChild: null,
    };
    expect(CaseEventInput.parse(minimal)).toEqual({
      ...minimal,
      scope: null,
      formsOfExploitation: [],
      meansOfControl: [],
      recruiterRelation: 'unknown',
    });
  });

  it('refuses unknown fields and repeated vocabulary values', () => {
    expect(CaseEventInput.safeParse({ ...anEvent('became_witness'), name: 'someone' }).success).toBe(false);
    expect(
      CaseEventInput.safeParse({ ...anAdultIdentified(), meansOfControl: ['threats', 'threats'] }).success,
    ).toBe(false);
  });

  it('every example event of every type parses as it is', () => {
    for (const type of caseEventTypes) expect(CaseEventInput.parse(anEvent(type))).toEqual(anEvent(type));
  });
});

describe('addMonths', () => {
  it('keeps the day of the month, or takes the last day of a shorter month', () => {
    expect(addMonths('2025-03-03', 6)).toBe('2025-09-03');
    expect(addMonths('2025-08-31', 6)).toBe('2026-02-28');
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28');
    expect(addMonths('2025-11-15', 3)).toBe('2026-02-15');
  });
});
