import { z } from 'zod';
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

// The history of a case is an append-only list of these events (DESIGN §2). An event says what
// happened and on which calendar day; it never carries a name, an address or a document: people
// and organisations are ids. Whether an event may follow the others is decided in lifecycle.ts.

export const isoDate = z.iso.date({ error: 'Enter a date as YYYY-MM-DD' });
const organisationId = z.uuid({ error: 'Not an organisation id' });
const personId = z.uuid({ error: 'Not a person id' });
const recordId = z.uuid({ error: 'Not a record id' });
const countryCode = z.string().regex(/^[A-Z]{2}$/, 'Enter an ISO 3166 country code such as MD');

/** A list of distinct values from a vocabulary. */
const setOf = <const Values extends readonly [string, ...string[]]>(values: Values) =>
  z
    .array(z.enum(values))
    .refine((chosen) => new Set(chosen).size === chosen.length, { message: 'Choose each value once' });

const event = <const Type extends string, const Shape extends z.ZodRawShape>(type: Type, shape: Shape) =>
  z.strictObject({ type: z.literal(type), occurredOn: isoDate, ...shape });

// --- Identification and children ----------------------------------------------------------

/** A presumed victim is identified (002 l. 1260: "presumption of trafficking"); the case starts here. */
export const Identified = event('identified', {
  channel: z.enum(identificationChannels),
  identifyingOrganisationId: organisationId,
  selfIdentified: z.boolean(),
  /** `null`: the age is unknown, and the person is presumed a child until an age assessment. */
  isChild: z.boolean().nullable(),
  scope: z.enum(traffickingScopes).nullable().default(null),
  formsOfExploitation: setOf(formsOfExploitation).default([]),
  meansOfControl: setOf(meansOfControl).default([]),
  recruiterRelation: z.enum(recruiterRelations).default('unknown'),
});

const AgeAssessed = event('age_assessed', {
  isChild: z.boolean(),
  assessingOrganisationId: organisationId,
});

/** The guardian's identity stays in the identity store; the case knows the guardian's organisation. */
const GuardianAppointed = event('guardian_appointed', {
  guardianOrganisationId: organisationId,
  /** The guardian's pseudonymous id, which a guardian's consent names; drawn when not given. */
  guardianId: recordId.default(() => globalThis.crypto.randomUUID()),
});

const BestInterestsDetermined = event('best_interests_determined', {
  determiningOrganisationId: organisationId,
  recommendedSolution: z.enum(durableSolutions).nullable(),
});

// --- Referrals and services ----------------------------------------------------------------

const ReferralSent = event('referral_sent', {
  referralId: recordId,
  receivingOrganisationId: organisationId,
  services: setOf(serviceKinds).min(1, 'Choose at least one service'),
});
const ReferralAccepted = event('referral_accepted', { referralId: recordId });
const ReferralDeclined = event('referral_declined', {
  referralId: recordId,
  reason: z.enum(referralDeclineReasons),
});
const ReferralCompleted = event('referral_completed', { referralId: recordId });

const ServiceStarted = event('service_started', {
  serviceKind: z.enum(serviceKinds),
  providerOrganisationId: organisationId,
});
const ServiceEnded = event('service_ended', {
  serviceKind: z.enum(serviceKinds),
  providerOrganisationId: organisationId,
  reason: z.enum(serviceEndReasons),
});

/** The individual support plan is co-elaborated with the person (002 l. 1367), never imposed. */
const SupportPlanAgreed = event('support_plan_agreed', {
  agreedWithPerson: z.literal(true, {
    error: 'A support plan is agreed with the person (002 l. 1367)',
  }),
  services: setOf(serviceKinds),
});

// --- Reflection period and residence -------------------------------------------------------

/** `endsOn` (the last day of the period) is computed from the settings when not given. */
const ReflectionGranted = event('reflection_granted', {
  endsOn: isoDate.optional(),
});
const ReflectionEnded = event('reflection_ended', {
  reason: z.enum(reflectionEndReasons),
});

const PermitApplied = z.discriminatedUnion('permitKind', [
  event('permit_applied', { permitKind: z.literal('temporary') }),
  event('permit_applied', { permitKind: z.literal('witness') }),
  event('permit_applied', { permitKind: z.literal('permanent'), ground: z.enum(permanentPermitGrounds) }),
]);

/** `validUntil` is the last day of validity. */
const PermitGranted = z.discriminatedUnion('permitKind', [
  event('permit_granted', { permitKind: z.literal('temporary'), validUntil: isoDate }),
  /** `validUntil: null`: until the end of the proceedings (002 l. 1318). */
  event('permit_granted', { permitKind: z.literal('witness'), validUntil: isoDate.nullable() }),
  event('permit_granted', {
    permitKind: z.literal('permanent'),
    ground: z.enum(permanentPermitGrounds),
    validUntil: isoDate.nullable(),
  }),
]);
const PermitRefused = event('permit_refused', {
  permitKind: z.enum(['temporary', 'witness', 'permanent']),
});
/** The new last day of validity; a permit open-ended until the end of proceedings needs no renewal. */
const PermitRenewed = event('permit_renewed', { validUntil: isoDate });
const PermitExpired = event('permit_expired', {});

// --- Safety, co-operation, proceedings ------------------------------------------------------

const RiskAssessed = event('risk_assessed', {
  reason: z.enum(riskAssessmentReasons),
  outcome: z.enum(riskOutcomes),
  familyMembersAtRisk: z.boolean(),
  assessingOrganisationId: organisationId,
});

/** The person agrees to give evidence; nothing in assistance depends on it (002 l. 1291, 1347). */
const BecameWitness = event('became_witness', {});
const DeclinedToTestify = event('declined_to_testify', {});

const ProceedingsStageReached = event('proceedings_stage', {
  stage: z.enum(proceedingsStages),
  protectiveMeasuresRequested: setOf(protectiveMeasures).default([]),
  protectiveMeasuresGranted: setOf(protectiveMeasures).default([]),
  /** 002 l. 1628: the release of the defendant is told to those who support and house the victim. */
  defendantReleased: z.boolean().default(false),
});

const CompensationClaimed = event('compensation_claimed', {
  claimId: recordId,
  route: z.enum(compensationRoutes),
});
const CompensationDecided = event('compensation_decided', {
  claimId: recordId,
  outcome: z.enum(compensationOutcomes),
  awarded: z
    .strictObject({
      amountMinorUnits: z.number().int().min(0),
      currency: z.string().regex(/^[A-Z]{3}$/, 'Enter an ISO 4217 currency code such as EUR'),
    })
    .nullable()
    .default(null),
});

// --- Family, placement and durable solutions -------------------------------------------------

/** 002 l. 1323-1324: minor children and family members at risk are entitled to residence too. */
const FamilyMemberLinked = event('family_member_linked', {
  familyMemberPersonId: personId,
  relation: z.enum(familyRelations),
  atRiskInHomeCountry: z.boolean(),
});
const FamilyContactDecided = event('family_contact_decided', {
  decision: z.enum(familyContactDecisions),
  familyMemberPersonId: personId.nullable().default(null),
});
const PlacementDecided = event('placement_decided', {
  placement: z.enum(placements),
  providerOrganisationId: organisationId.nullable().default(null),
});
const ReturnDecided = event('return_decided', {
  returnKind: z.enum(returnKinds),
  destinationCountry: countryCode,
  assistingOrganisationId: organisationId.nullable().default(null),
});
const ReintegrationStarted = event('reintegration_started', {
  providerOrganisationId: organisationId,
  country: countryCode,
});
const Resettled = event('resettled', { country: countryCode });
const InclusionStarted = event('inclusion_started', { providerOrganisationId: organisationId });

const FollowUpDone = event('follow_up_done', {
  employment: z.enum(employmentSituations),
  socialNetwork: z.enum(socialNetworkSituations),
  reTrafficking: z.enum(reTraffickingFindings),
});

const Closed = event('closed', { reason: z.enum(closingReasons) });
const Reopened = event('reopened', { reason: z.enum(reopeningReasons) });

/** What a caller may append to a case: one of the event types below, checked field by field. */
export const CaseEventInput = z.discriminatedUnion('type', [
  Identified,
  AgeAssessed,
  GuardianAppointed,
  BestInterestsDetermined,
  ReferralSent,
  ReferralAccepted,
  ReferralDeclined,
  ReferralCompleted,
  ReflectionGranted,
  ReflectionEnded,
  PermitApplied,
  PermitGranted,
  PermitRefused,
  PermitRenewed,
  PermitExpired,
  ServiceStarted,
  ServiceEnded,
  SupportPlanAgreed,
  RiskAssessed,
  BecameWitness,
  DeclinedToTestify,
  ProceedingsStageReached,
  CompensationClaimed,
  CompensationDecided,
  FamilyMemberLinked,
  FamilyContactDecided,
  PlacementDecided,
  ReturnDecided,
  ReintegrationStarted,
  Resettled,
  InclusionStarted,
  FollowUpDone,
  Closed,
  Reopened,
]);

export type CaseEvent = z.output<typeof CaseEventInput>;
export type CaseEventType = CaseEvent['type'];
export type CaseEventOf<Type extends CaseEventType> = Extract<CaseEvent, { type: Type }>;

const everyEventType = {
  identified: true,
  age_assessed: true,
  guardian_appointed: true,
  best_interests_determined: true,
  referral_sent: true,
  referral_accepted: true,
  referral_declined: true,
  referral_completed: true,
  reflection_granted: true,
  reflection_ended: true,
  permit_applied: true,
  permit_granted: true,
  permit_refused: true,
  permit_renewed: true,
  permit_expired: true,
  service_started: true,
  service_ended: true,
  support_plan_agreed: true,
  risk_assessed: true,
  became_witness: true,
  declined_to_testify: true,
  proceedings_stage: true,
  compensation_claimed: true,
  compensation_decided: true,
  family_member_linked: true,
  family_contact_decided: true,
  placement_decided: true,
  return_decided: true,
  reintegration_started: true,
  resettled: true,
  inclusion_started: true,
  follow_up_done: true,
  closed: true,
  reopened: true,
} satisfies Record<CaseEventType, true>;

export const caseEventTypes = Object.keys(everyEventType) as CaseEventType[];

/**
 * Assistance and residence: never conditional on co-operation with the authorities or on
 * testimony (002 l. 1291, 1318, 1345-1347; 002 l. 1413 for return and reintegration).
 */
export const assistanceEventTypes = [
  'referral_sent',
  'referral_accepted',
  'referral_declined',
  'referral_completed',
  'reflection_granted',
  'reflection_ended',
  'permit_applied',
  'permit_granted',
  'permit_refused',
  'permit_renewed',
  'permit_expired',
  'service_started',
  'service_ended',
  'support_plan_agreed',
] as const satisfies readonly CaseEventType[];

/** The person's co-operation with criminal proceedings. */
export const cooperationEventTypes = [
  'became_witness',
  'declined_to_testify',
] as const satisfies readonly CaseEventType[];
