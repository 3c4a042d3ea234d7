import fc from 'fast-check';
import { addDays, type IsoDate } from '../kernel/dates.js';
import type { CaseEvent, CaseEventOf, CaseEventType } from './case-events.js';
import { type CaseSettings, defaultCaseSettings } from './case-settings.js';
import { type CaseState, decideCaseEvent, emptyCaseState } from './lifecycle.js';
import {
  closingReasons,
  compensationOutcomes,
  compensationRoutes,
  durableSolutions,
  employmentSituations,
  familyContactDecisions,
  familyRelations,
  formsOfExploitation,
  identificationChannels,
  meansOfControl,
  permanentPermitGrounds,
  permitKinds,
  placements,
  proceedingsStages,
  protectiveMeasures,
  recruiterRelations,
  referralDeclineReasons,
  reflectionEndReasons,
  reopeningReasons,
  reTraffickingFindings,
  returnKinds,
  riskAssessmentReasons,
  riskOutcomes,
  serviceEndReasons,
  serviceKinds,
  socialNetworkSituations,
  traffickingScopes,
} from './vocabulary.js';

// Builders for the case lifecycle's tests: valid situations by default, each test changing only
// what it is about; and fast-check arbitraries for random histories.

export const organisations = {
  ngo: '0b9d3c1e-2f4a-4e5b-8c6d-7e8f9a0b1c2d',
  police: '1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f',
  shelter: '2d3e4f5a-6b7c-4d8e-9f0a-1b2c3d4e5f60',
  childProtection: '3e4f5a6b-7c8d-4e9f-8a1b-2c3d4e5f6071',
} as const;

export const referralIds = [
  'a3e5c7d9-1b2f-4a6c-8e0d-2f4b6d8a0c1e',
  'b4f6d8ea-2c3a-4b7d-9f1e-3a5c7e9b1d2f',
  'c5a7e9fb-3d4b-4c8e-8a2f-4b6d8fa0c2e3',
] as const;
export const claimIds = [
  'd6b8fa0c-4e5c-4d9f-9b3a-5c7e9ab1d3f4',
  'e7c9ab1d-5f6d-4eaa-8c4b-6d8fabc2e4a5',
] as const;
export const familyMemberIds = [
  'f8dabc2e-6a7e-4fbb-9d5c-7e9abcd3f5b6',
  '09ebcd3f-7b8f-4acc-8e6d-8fabcde4a6c7',
] as const;

/** The day the default presumed victim is identified. */
export const IDENTIFIED_ON: IsoDate = '2025-03-03';
/** "Today" in tests unless a test is about today. */
export const TODAY: IsoDate = '2026-03-02';

/** A valid example of every event, dated on the identification day. */
const exampleEvents: { [Type in CaseEventType]: CaseEventOf<Type> } = {
  identified: {
    type: 'identified',
    occurredOn: IDENTIFIED_ON,
    channel: 'outreach',
    identifyingOrganisationId: organisations.ngo,
    selfIdentified: false,
    isChild: false,
    scope: 'transnational',
    formsOfExploitation: ['forced_labour'],
    meansOfControl: ['withholds_documents', 'debt_bondage'],
    recruiterRelation: 'unknown',
  },
  age_assessed: {
    type: 'age_assessed',
    occurredOn: IDENTIFIED_ON,
    isChild: false,
    assessingOrganisationId: organisations.childProtection,
  },
  guardian_appointed: {
    type: 'guardian_appointed',
    occurredOn: IDENTIFIED_ON,
    guardianOrganisationId: organisations.childProtection,
    guardianId: '5c1f2e3d-4b5a-4968-8a7b-6c5d4e3f2a1b',
  },
  best_interests_determined: {
    type: 'best_interests_determined',
    occurredOn: IDENTIFIED_ON,
    determiningOrganisationId: organisations.childProtection,
    recommendedSolution: 'social_inclusion',
  },
  referral_sent: {
    type: 'referral_sent',
    occurredOn: IDENTIFIED_ON,
    referralId: referralIds[0],
    receivingOrganisationId: organisations.shelter,
    services: ['safe_accommodation', 'psychosocial_counselling'],
  },
  referral_accepted: { type: 'referral_accepted', occurredOn: IDENTIFIED_ON, referralId: referralIds[0] },
  referral_declined: {
    type: 'referral_declined',
    occurredOn: IDENTIFIED_ON,
    referralId: referralIds[0],
    reason: 'no_capacity',
  },
  referral_completed: { type: 'referral_completed', occurredOn: IDENTIFIED_ON, referralId: referralIds[0] },
  reflection_granted: { type: 'reflection_granted', occurredOn: IDENTIFIED_ON },
  reflection_ended: { type: 'reflection_ended', occurredOn: IDENTIFIED_ON, reason: 'person_decided' },
  permit_applied: { type: 'permit_applied', occurredOn: IDENTIFIED_ON, permitKind: 'temporary' },
  permit_granted: {
    type: 'permit_granted',
    occurredOn: IDENTIFIED_ON,
    permitKind: 'temporary',
    validUntil: addDays(IDENTIFIED_ON, 364),
  },
  permit_refused: { type: 'permit_refused', occurredOn: IDENTIFIED_ON, permitKind: 'temporary' },
  permit_renewed: {
    type: 'permit_renewed',
    occurredOn: IDENTIFIED_ON,
    validUntil: addDays(IDENTIFIED_ON, 729),
  },
  permit_expired: { type: 'permit_expired', occurredOn: IDENTIFIED_ON },
  service_started: {
    type: 'service_started',
    occurredOn: IDENTIFIED_ON,
    serviceKind: 'safe_accommodation',
    providerOrganisationId: organisations.shelter,
  },
  service_ended: {
    type: 'service_ended',
    occurredOn: IDENTIFIED_ON,
    serviceKind: 'safe_accommodation',
    providerOrganisationId: organisations.shelter,
    reason: 'completed',
  },
  support_plan_agreed: {
    type: 'support_plan_agreed',
    occurredOn: IDENTIFIED_ON,
    agreedWithPerson: true,
    services: ['psychosocial_counselling', 'education_and_vocational_training'],
  },
  risk_assessed: {
    type: 'risk_assessed',
    occurredOn: IDENTIFIED_ON,
    reason: 'initial',
    outcome: 'low',
    familyMembersAtRisk: false,
    assessingOrganisationId: organisations.police,
  },
  became_witness: { type: 'became_witness', occurredOn: IDENTIFIED_ON },
  declined_to_testify: { type: 'declined_to_testify', occurredOn: IDENTIFIED_ON },
  proceedings_stage: {
    type: 'proceedings_stage',
    occurredOn: IDENTIFIED_ON,
    stage: 'investigation',
    protectiveMeasuresRequested: [],
    protectiveMeasuresGranted: [],
    defendantReleased: false,
  },
  compensation_claimed: {
    type: 'compensation_claimed',
    occurredOn: IDENTIFIED_ON,
    claimId: claimIds[0],
    route: 'criminal_proceedings',
  },
  compensation_decided: {
    type: 'compensation_decided',
    occurredOn: IDENTIFIED_ON,
    claimId: claimIds[0],
    outcome: 'awarded',
    awarded: { amountMinorUnits: 500_000, currency: 'EUR' },
  },
  family_member_linked: {
    type: 'family_member_linked',
    occurredOn: IDENTIFIED_ON,
    familyMemberPersonId: familyMemberIds[0],
    relation: 'minor_child',
    atRiskInHomeCountry: false,
  },
  family_contact_decided: {
    type: 'family_contact_decided',
    occurredOn: IDENTIFIED_ON,
    decision: 'contact_supported',
    familyMemberPersonId: null,
  },
  placement_decided: {
    type: 'placement_decided',
    occurredOn: IDENTIFIED_ON,
    placement: 'shelter',
    providerOrganisationId: organisations.shelter,
  },
  return_decided: {
    type: 'return_decided',
    occurredOn: IDENTIFIED_ON,
    returnKind: 'voluntary',
    destinationCountry: 'MD',
    assistingOrganisationId: organisations.ngo,
  },
  reintegration_started: {
    type: 'reintegration_started',
    occurredOn: IDENTIFIED_ON,
    providerOrganisationId: organisations.ngo,
    country: 'MD',
  },
  resettled: { type: 'resettled', occurredOn: IDENTIFIED_ON, country: 'CA' },
  inclusion_started: {
    type: 'inclusion_started',
    occurredOn: IDENTIFIED_ON,
    providerOrganisationId: organisations.ngo,
  },
  follow_up_done: {
    type: 'follow_up_done',
    occurredOn: IDENTIFIED_ON,
    employment: 'employed',
    socialNetwork: 'supportive',
    reTrafficking: 'none_known',
  },
  closed: { type: 'closed', occurredOn: IDENTIFIED_ON, reason: 'durable_solution_achieved' },
  reopened: { type: 'reopened', occurredOn: IDENTIFIED_ON, reason: 'new_need' },
};

/** A valid event of `type`, changed by `overrides`. */
export function anEvent<Type extends CaseEventType>(
  type: Type,
  overrides: Partial<CaseEventOf<Type>> = {},
): CaseEventOf<Type> {
  return { ...exampleEvents[type], ...overrides } as CaseEventOf<Type>;
}

/** An event `days` after the identification day. */
export function anEventOnDay<Type extends CaseEventType>(
  days: number,
  type: Type,
  overrides: Partial<CaseEventOf<Type>> = {},
): CaseEventOf<Type> {
  return anEvent(type, { ...overrides, occurredOn: addDays(IDENTIFIED_ON, days) } as Partial<
    CaseEventOf<Type>
  >);
}

export const anAdultIdentified = (overrides: Partial<CaseEventOf<'identified'>> = {}) =>
  anEvent('identified', { isChild: false, ...overrides });

export const aChildIdentified = (overrides: Partial<CaseEventOf<'identified'>> = {}) =>
  anEvent('identified', { isChild: true, formsOfExploitation: ['forced_begging'], ...overrides });

export const aPersonOfUnknownAgeIdentified = (overrides: Partial<CaseEventOf<'identified'>> = {}) =>
  anEvent('identified', { isChild: null, ...overrides });

export type CaseSituation = {
  events: CaseEvent[];
  state: CaseState;
  settings: CaseSettings;
  today: IsoDate;
};

/**
 * A case built the way the store builds one: every event is decided in turn. A fixture that the
 * lifecycle would refuse fails loudly here rather than producing a case that cannot exist.
 */
export function aPresumedVictimCase(
  overrides: {
    identified?: CaseEventOf<'identified'>;
    followedBy?: readonly CaseEvent[];
    settings?: Partial<CaseSettings>;
    today?: IsoDate;
  } = {},
): CaseSituation {
  const settings = { ...defaultCaseSettings, ...overrides.settings };
  const today = overrides.today ?? TODAY;
  const events: CaseEvent[] = [];
  let state = emptyCaseState;
  for (const input of [overrides.identified ?? anAdultIdentified(), ...(overrides.followedBy ?? [])]) {
    const decision = decideCaseEvent(state, input, settings, today);
    if (decision.outcome === 'refuse')
      throw new Error(`test fixture refused at ${input.type}: ${JSON.stringify(decision.refusal)}`);
    state = decision.state;
    events.push(decision.event);
  }
  return { events, state, settings, today };
}

/** The same case with more events. */
export const withEvents = (situation: CaseSituation, ...more: CaseEvent[]): CaseSituation =>
  aPresumedVictimCase({
    identified: situation.events[0] as CaseEventOf<'identified'>,
    followedBy: [...situation.events.slice(1), ...more],
    settings: situation.settings,
    today: situation.today,
  });

/** What the lifecycle says to one more event on this case. */
export const decideOn = (situation: CaseSituation, event: CaseEvent) =>
  decideCaseEvent(situation.state, event, situation.settings, situation.today);

// --- Arbitraries ----------------------------------------------------------------------------

/**
 * Events are generated as templates dated on TEMPLATE_DAY, with their other dates relative to it,
 * and then moved to their place in a history: counterexamples stay readable.
 */
const TEMPLATE_DAY: IsoDate = '2025-01-01';

const daysBetween = (from: IsoDate, to: IsoDate): number =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

/** The event moved to `on`, its other dates moved with it. */
export function dated(template: CaseEvent, on: IsoDate): CaseEvent {
  const shift = daysBetween(TEMPLATE_DAY, on);
  const moved: Record<string, unknown> = { ...template, occurredOn: on };
  for (const field of ['endsOn', 'validUntil'] as const) {
    const value = moved[field];
    if (typeof value === 'string') moved[field] = addDays(value, shift);
  }
  return moved as CaseEvent;
}

const someOf = <Value>(values: readonly Value[]) =>
  fc.uniqueArray(fc.constantFrom(...values), { maxLength: Math.min(3, values.length) });
const anyOrganisation = fc.constantFrom(...Object.values(organisations));
const anyReferralId = fc.constantFrom(...referralIds);
const anyClaimId = fc.constantFrom(...claimIds);
const anyFamilyMember = fc.constantFrom(...familyMemberIds);
const anyCountry = fc.constantFrom('MD', 'UA', 'NG', 'CA');
const daysAfterTemplate = (min: number, max: number) =>
  fc.integer({ min, max }).map((days) => addDays(TEMPLATE_DAY, days));
const on = TEMPLATE_DAY;

export const anyIdentified: fc.Arbitrary<CaseEventOf<'identified'>> = fc.record({
  type: fc.constant('identified' as const),
  occurredOn: fc.constant(on),
  channel: fc.constantFrom(...identificationChannels),
  identifyingOrganisationId: anyOrganisation,
  selfIdentified: fc.boolean(),
  isChild: fc.constantFrom(true, false, null),
  scope: fc.constantFrom(...traffickingScopes, null),
  formsOfExploitation: someOf(formsOfExploitation),
  meansOfControl: someOf(meansOfControl),
  recruiterRelation: fc.constantFrom(...recruiterRelations),
});

/** Templates of every kind of event but identification, with ids from small pools so they meet. */
export const eventTemplates: {
  [Type in Exclude<CaseEventType, 'identified'>]: fc.Arbitrary<CaseEventOf<Type>>;
} = {
  age_assessed: fc.record({
    type: fc.constant('age_assessed' as const),
    occurredOn: fc.constant(on),
    isChild: fc.boolean(),
    assessingOrganisationId: anyOrganisation,
  }),
  guardian_appointed: fc.record({
    type: fc.constant('guardian_appointed' as const),
    occurredOn: fc.constant(on),
    guardianOrganisationId: anyOrganisation,
    guardianId: fc.uuid(),
  }),
  best_interests_determined: fc.record({
    type: fc.constant('best_interests_determined' as const),
    occurredOn: fc.constant(on),
    determiningOrganisationId: anyOrganisation,
    recommendedSolution: fc.constantFrom(...durableSolutions, null),
  }),
  referral_sent: fc.record({
    type: fc.constant('referral_sent' as const),
    occurredOn: fc.constant(on),
    referralId: anyReferralId,
    receivingOrganisationId: anyOrganisation,
    services: fc.uniqueArray(fc.constantFrom(...serviceKinds), { minLength: 1, maxLength: 3 }),
  }),
  referral_accepted: fc.record({
    type: fc.constant('referral_accepted' as const),
    occurredOn: fc.constant(on),
    referralId: anyReferralId,
  }),
  referral_declined: fc.record({
    type: fc.constant('referral_declined' as const),
    occurredOn: fc.constant(on),
    referralId: anyReferralId,
    reason: fc.constantFrom(...referralDeclineReasons),
  }),
  referral_completed: fc.record({
    type: fc.constant('referral_completed' as const),
    occurredOn: fc.constant(on),
    referralId: anyReferralId,
  }),
  reflection_granted: fc.oneof(
    fc.record({ type: fc.constant('reflection_granted' as const), occurredOn: fc.constant(on) }),
    fc.record({
      type: fc.constant('reflection_granted' as const),
      occurredOn: fc.constant(on),
      endsOn: daysAfterTemplate(60, 150),
    }),
  ),
  reflection_ended: fc.record({
    type: fc.constant('reflection_ended' as const),
    occurredOn: fc.constant(on),
    reason: fc.constantFrom(...reflectionEndReasons),
  }),
  permit_applied: fc.oneof(
    fc.record({
      type: fc.constant('permit_applied' as const),
      occurredOn: fc.constant(on),
      permitKind: fc.constantFrom('temporary' as const, 'witness' as const),
    }),
    fc.record({
      type: fc.constant('permit_applied' as const),
      occurredOn: fc.constant(on),
      permitKind: fc.constant('permanent' as const),
      ground: fc.constantFrom(...permanentPermitGrounds),
    }),
  ),
  permit_granted: fc.oneof(
    fc.record({
      type: fc.constant('permit_granted' as const),
      occurredOn: fc.constant(on),
      permitKind: fc.constant('temporary' as const),
      validUntil: daysAfterTemplate(120, 800),
    }),
    fc.record({
      type: fc.constant('permit_granted' as const),
      occurredOn: fc.constant(on),
      permitKind: fc.constant('witness' as const),
      validUntil: fc.option(daysAfterTemplate(120, 800), { nil: null }),
    }),
    fc.record({
      type: fc.constant('permit_granted' as const),
      occurredOn: fc.constant(on),
      permitKind: fc.constant('permanent' as const),
      ground: fc.constantFrom(...permanentPermitGrounds),
      validUntil: fc.option(daysAfterTemplate(365, 3650), { nil: null }),
    }),
  ),
  permit_refused: fc.record({
    type: fc.constant('permit_refused' as const),
    occurredOn: fc.constant(on),
    permitKind: fc.constantFrom(...permitKinds),
  }),
  permit_renewed: fc.record({
    type: fc.constant('permit_renewed' as const),
    occurredOn: fc.constant(on),
    validUntil: daysAfterTemplate(30, 900),
  }),
  permit_expired: fc.record({ type: fc.constant('permit_expired' as const), occurredOn: fc.constant(on) }),
  service_started: fc.record({
    type: fc.constant('service_started' as const),
    occurredOn: fc.constant(on),
    serviceKind: fc.constantFrom(...serviceKinds.slice(0, 3)),
    providerOrganisationId: fc.constantFrom(organisations.ngo, organisations.shelter),
  }),
  service_ended: fc.record({
    type: fc.constant('service_ended' as const),
    occurredOn: fc.constant(on),
    serviceKind: fc.constantFrom(...serviceKinds.slice(0, 3)),
    providerOrganisationId: fc.constantFrom(organisations.ngo, organisations.shelter),
    reason: fc.constantFrom(...serviceEndReasons),
  }),
  support_plan_agreed: fc.record({
    type: fc.constant('support_plan_agreed' as const),
    occurredOn: fc.constant(on),
    agreedWithPerson: fc.constant(true as const),
    services: someOf(serviceKinds),
  }),
  risk_assessed: fc.record({
    type: fc.constant('risk_assessed' as const),
    occurredOn: fc.constant(on),
    reason: fc.constantFrom(...riskAssessmentReasons),
    outcome: fc.oneof(fc.constant('return_safe' as const), fc.constantFrom(...riskOutcomes)),
    familyMembersAtRisk: fc.boolean(),
    assessingOrganisationId: anyOrganisation,
  }),
  became_witness: fc.record({ type: fc.constant('became_witness' as const), occurredOn: fc.constant(on) }),
  declined_to_testify: fc.record({
    type: fc.constant('declined_to_testify' as const),
    occurredOn: fc.constant(on),
  }),
  proceedings_stage: fc.record({
    type: fc.constant('proceedings_stage' as const),
    occurredOn: fc.constant(on),
    stage: fc.constantFrom(...proceedingsStages),
    protectiveMeasuresRequested: someOf(protectiveMeasures),
    protectiveMeasuresGranted: someOf(protectiveMeasures),
    defendantReleased: fc.boolean(),
  }),
  compensation_claimed: fc.record({
    type: fc.constant('compensation_claimed' as const),
    occurredOn: fc.constant(on),
    claimId: anyClaimId,
    route: fc.constantFrom(...compensationRoutes),
  }),
  compensation_decided: fc.record({
    type: fc.constant('compensation_decided' as const),
    occurredOn: fc.constant(on),
    claimId: anyClaimId,
    outcome: fc.constantFrom(...compensationOutcomes),
    awarded: fc.option(
      fc.record({ amountMinorUnits: fc.nat(10_000_000), currency: fc.constantFrom('EUR', 'MDL') }),
      { nil: null },
    ),
  }),
  family_member_linked: fc.record({
    type: fc.constant('family_member_linked' as const),
    occurredOn: fc.constant(on),
    familyMemberPersonId: anyFamilyMember,
    relation: fc.constantFrom(...familyRelations),
    atRiskInHomeCountry: fc.boolean(),
  }),
  family_contact_decided: fc.record({
    type: fc.constant('family_contact_decided' as const),
    occurredOn: fc.constant(on),
    decision: fc.constantFrom(...familyContactDecisions),
    familyMemberPersonId: fc.option(anyFamilyMember, { nil: null }),
  }),
  placement_decided: fc.record({
    type: fc.constant('placement_decided' as const),
    occurredOn: fc.constant(on),
    placement: fc.constantFrom(...placements),
    providerOrganisationId: fc.option(anyOrganisation, { nil: null }),
  }),
  return_decided: fc.record({
    type: fc.constant('return_decided' as const),
    occurredOn: fc.constant(on),
    returnKind: fc.constantFrom(...returnKinds),
    destinationCountry: anyCountry,
    assistingOrganisationId: fc.option(anyOrganisation, { nil: null }),
  }),
  reintegration_started: fc.record({
    type: fc.constant('reintegration_started' as const),
    occurredOn: fc.constant(on),
    providerOrganisationId: anyOrganisation,
    country: anyCountry,
  }),
  resettled: fc.record({
    type: fc.constant('resettled' as const),
    occurredOn: fc.constant(on),
    country: anyCountry,
  }),
  inclusion_started: fc.record({
    type: fc.constant('inclusion_started' as const),
    occurredOn: fc.constant(on),
    providerOrganisationId: anyOrganisation,
  }),
  follow_up_done: fc.record({
    type: fc.constant('follow_up_done' as const),
    occurredOn: fc.constant(on),
    employment: fc.constantFrom(...employmentSituations),
    socialNetwork: fc.constantFrom(...socialNetworkSituations),
    reTrafficking: fc.constantFrom(...reTraffickingFindings),
  }),
  closed: fc.record({
    type: fc.constant('closed' as const),
    occurredOn: fc.constant(on),
    reason: fc.constantFrom(...closingReasons),
  }),
  reopened: fc.record({
    type: fc.constant('reopened' as const),
    occurredOn: fc.constant(on),
    reason: fc.constantFrom(...reopeningReasons),
  }),
};

/**
 * How often each type comes up in random histories: closing is rare so that histories grow long,
 * and the events the rules turn on (risk assessments, safeguards, co-operation) are common.
 */
const templateWeights: Partial<Record<CaseEventType, number>> = {
  closed: 1,
  reopened: 2,
  risk_assessed: 10,
  became_witness: 5,
  guardian_appointed: 5,
  best_interests_determined: 5,
  reflection_granted: 5,
  permit_granted: 5,
  referral_sent: 5,
};

/** Any event template of the given types (all but identification by default). */
export function anyEventTemplate(
  types: readonly Exclude<CaseEventType, 'identified'>[] = Object.keys(eventTemplates) as Exclude<
    CaseEventType,
    'identified'
  >[],
): fc.Arbitrary<CaseEvent> {
  return fc.oneof(
    ...types.map((type) => ({
      arbitrary: eventTemplates[type] as fc.Arbitrary<CaseEvent>,
      weight: templateWeights[type] ?? 3,
    })),
  );
}

export type RandomHistory = {
  /** What was put to the lifecycle, in order; some of it refused. */
  attempted: CaseEvent[];
  /** What the lifecycle accepted: the case's events. */
  events: CaseEvent[];
  /** The state after the accepted events. */
  state: CaseState;
  /** A day on or after every event. */
  today: IsoDate;
  settings: CaseSettings;
};

/** Runs attempted events through the lifecycle one by one, keeping the accepted ones. */
export function historyOf(
  attempted: readonly CaseEvent[],
  settings: CaseSettings,
  today: IsoDate,
): RandomHistory {
  const events: CaseEvent[] = [];
  let state = emptyCaseState;
  for (const input of attempted) {
    const decision = decideCaseEvent(state, input, settings, today);
    if (decision.outcome === 'accept') {
      state = decision.state;
      events.push(decision.event);
    }
  }
  const history: RandomHistory = { attempted: [...attempted], events, state, today, settings };
  // Counterexamples print what was attempted, not the whole derived state.
  Object.defineProperty(history, fc.toStringMethod, {
    value: () => `historyOf(${fc.stringify(attempted)}, settings, ${JSON.stringify(today)})`,
  });
  return history;
}

/**
 * A random case history: an identification, then up to `maxLength` events a few days apart (now
 * and then dated a little earlier than the one before), each decided in turn.
 */
export function anyCaseHistory(
  options: { maxLength?: number; types?: readonly Exclude<CaseEventType, 'identified'>[] } = {},
): fc.Arbitrary<RandomHistory> {
  return fc
    .record({
      identified: anyIdentified,
      identifiedOn: daysAfterTemplate(0, 1000),
      steps: fc.array(
        fc.record({ gap: fc.integer({ min: -3, max: 45 }), template: anyEventTemplate(options.types) }),
        {
          minLength: 1,
          maxLength: options.maxLength ?? 60,
          size: 'large',
        },
      ),
      todayAfterLast: fc.nat(400),
    })
    .map(({ identified, identifiedOn, steps, todayAfterLast }) => {
      let day = identifiedOn;
      const attempted: CaseEvent[] = [dated(identified, identifiedOn)];
      for (const { gap, template } of steps) {
        day = addDays(day, gap);
        attempted.push(dated(template, day));
      }
      const latest =
        attempted
          .map((event) => event.occurredOn)
          .sort()
          .at(-1) ?? day;
      return historyOf(attempted, defaultCaseSettings, addDays(latest, todayAfterLast));
    });
}

/** An event of the given types, dated `0..max` days after the history's latest event but not after its today. */
export function anyNextEvent(
  history: RandomHistory,
  types?: readonly Exclude<CaseEventType, 'identified'>[],
): fc.Arbitrary<CaseEvent> {
  const latest = history.state.lastEventOn ?? history.today;
  const room = Math.max(0, daysBetween(latest, history.today));
  return fc
    .record({ gap: fc.integer({ min: 0, max: room }), template: anyEventTemplate(types) })
    .map(({ gap, template }) => dated(template, addDays(latest, gap)));
}

/**
 * Puts the organisations the example events name into a test installation's directory: the event
 * route refuses an organisation the directory does not know.
 */
export async function addBuilderOrganisations(palermo: {
  anOrganisation(overrides: {
    id: string;
    kind: 'ngo' | 'police' | 'shelter' | 'child_protection_authority';
  }): Promise<unknown>;
}): Promise<void> {
  await palermo.anOrganisation({ id: organisations.ngo, kind: 'ngo' });
  await palermo.anOrganisation({ id: organisations.police, kind: 'police' });
  await palermo.anOrganisation({ id: organisations.shelter, kind: 'shelter' });
  await palermo.anOrganisation({ id: organisations.childProtection, kind: 'child_protection_authority' });
}
