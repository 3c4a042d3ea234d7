import type { IsoDate } from '../kernel/dates.js';
import { type Consent, consentsCovering, type DataCategory, inCanonicalOrder } from './consent.js';
import { type ServiceKind, serviceKinds } from './vocabulary.js';

// Referral between organisations of the National Referral Mechanism (DESIGN §2-3, UX §2.3; ADR 0011).
// A referral names the services asked for and carries only the categories of data that a consent in
// force covers for the receiving organisation, or that a recorded legal basis overrides. Nothing goes
// to authorities of the person's home country without their explicit consent, legal basis or not
// (002 l. 1441). A child's referral does not wait for consent (NRM automatic referral, UX §2.1).
// Pure rules: no I/O, no clock.

export { type ServiceKind, serviceKinds };

export const referralStatuses = ['proposed', 'accepted', 'declined', 'completed', 'withdrawn'] as const;
export type ReferralStatus = (typeof referralStatuses)[number];
/** Statuses in which a referral still binds the receiving organisation. */
export const openReferralStatuses: readonly ReferralStatus[] = ['proposed', 'accepted'];

/** The shortest written reason an override without consent accepts. */
export const MINIMUM_OVERRIDE_REASON_LENGTH = 20;

export type Referral = {
  id: string;
  caseId: string;
  fromOrganisationId: string;
  toOrganisationId: string;
  serviceKinds: readonly ServiceKind[];
  sharedCategories: readonly DataCategory[];
  status: ReferralStatus;
  proposedOn: IsoDate;
};

export type ReceivingOrganisation = {
  id: string;
  providesServices: readonly ServiceKind[];
  /** An authority of the person's country of origin (an embassy, a consulate, a ministry there). */
  isHomeCountryAuthority: boolean;
};

/** Sharing without (enough) consent: a recorded legal basis and a written reason. */
export type ReferralOverride = { legalBasis: string; reason: string };

export type ReferralSituation = {
  caseId: string;
  caseIsClosed: boolean;
  /** Under 18, or of unknown age until assessed. */
  personIsPresumedChild: boolean;
  receivingOrganisation: ReceivingOrganisation;
  requestedServices: readonly ServiceKind[];
  /** The categories the referring worker wants to send; the rule sends at most these. */
  requestedCategories: readonly DataCategory[];
  /** The case's consents, in force or not; others' are ignored. */
  consents: readonly Consent[];
  /** The case's referrals so far, of any status. */
  existingReferrals: readonly Pick<Referral, 'toOrganisationId' | 'serviceKinds' | 'status'>[];
  override: ReferralOverride | null;
  today: IsoDate;
};

export type ReferralRefusal =
  | { kind: 'case-closed' }
  | { kind: 'no-services-requested' }
  | { kind: 'service-not-provided'; organisationId: string; serviceKinds: ServiceKind[] }
  | { kind: 'already-referred'; organisationId: string; serviceKinds: ServiceKind[] }
  | {
      kind: 'override-needs-reason';
      missing: ('legal-basis' | 'reason')[];
      minimumReasonLength: typeof MINIMUM_OVERRIDE_REASON_LENGTH;
    }
  | { kind: 'home-country-authority-without-consent'; organisationId: string; categories: DataCategory[] }
  | { kind: 'no-consent'; organisationId: string };

export type RecordedOverride = {
  legalBasis: string;
  reason: string;
  /**
   * The shared categories that rest on the legal basis: those no consent in force covers, and a
   * child's identity (which goes only on a legal basis, guardian's consent or not).
   */
  categoriesOnLegalBasis: DataCategory[];
  /** Every override appears in the data protection officer's report (UX §2.3). */
  notifyDataProtectionOfficer: true;
};

export type ReferralDecision =
  | {
      outcome: 'refer';
      organisationId: string;
      serviceKinds: ServiceKind[];
      sharedCategories: DataCategory[];
      /** Asked for but not sent: no consent covers them and no override was given. */
      withheldCategories: DataCategory[];
      /** The consents in force that cover a shared category: what the transfer rests on. */
      consentIds: string[];
      override: RecordedOverride | null;
    }
  | { outcome: 'refuse'; refusal: ReferralRefusal };

/**
 * Whether to refer, and with which data. Checks, in this order: the case is open; services are
 * named, provided by the receiver and not already referred there; an override is complete; the
 * home-country rule; consent (adults only). Then shares the asked categories that consents cover
 * (for a child: also `statistics`, never `identity` without a legal basis), plus, with an
 * override, the rest of the asked categories, flagged for the data protection officer. A
 * home-country authority gets consented categories only: for a child, no automatic summary, and
 * identity only with the guardian's consent and a legal basis.
 */
export function decideReferral(situation: ReferralSituation): ReferralDecision {
  const { receivingOrganisation: receiver, override, today } = situation;
  const refuse = (refusal: ReferralRefusal): ReferralDecision => ({ outcome: 'refuse', refusal });
  const requestedServices = serviceKinds.filter((kind) => situation.requestedServices.includes(kind));
  const requested = inCanonicalOrder(situation.requestedCategories);
  const child = situation.personIsPresumedChild;

  if (situation.caseIsClosed) return refuse({ kind: 'case-closed' });
  if (requestedServices.length === 0) return refuse({ kind: 'no-services-requested' });
  const notProvided = requestedServices.filter((kind) => !receiver.providesServices.includes(kind));
  if (notProvided.length > 0)
    return refuse({ kind: 'service-not-provided', organisationId: receiver.id, serviceKinds: notProvided });
  const alreadyReferred = requestedServices.filter((kind) =>
    situation.existingReferrals.some(
      (referral) =>
        referral.toOrganisationId === receiver.id &&
        openReferralStatuses.includes(referral.status) &&
        referral.serviceKinds.includes(kind),
    ),
  );
  if (alreadyReferred.length > 0)
    return refuse({ kind: 'already-referred', organisationId: receiver.id, serviceKinds: alreadyReferred });
  if (override !== null) {
    const missing = overrideGaps(override);
    if (missing.length > 0)
      return refuse({
        kind: 'override-needs-reason',
        missing,
        minimumReasonLength: MINIMUM_OVERRIDE_REASON_LENGTH,
      });
  }

  // A child's consent is given by a guardian: a consent the child gave themselves does not count.
  const covering = (categories: readonly DataCategory[]) =>
    consentsCovering(
      situation.consents.filter((consent) => consent.caseId === situation.caseId),
      { recipientOrganisationId: receiver.id, categories, today, onlyGuardianConsents: child },
    );
  const coverage = covering(requested);

  const home = receiver.isHomeCountryAuthority;
  // Only explicit consent reaches a home-country authority: no automatic child referral, and an
  // override cannot stand in for consent there (002 l. 1441).
  if (home && (!coverage.anyConsentInForce || (override !== null && coverage.uncovered.length > 0)))
    return refuse({
      kind: 'home-country-authority-without-consent',
      organisationId: receiver.id,
      categories: coverage.uncovered,
    });
  if (!child && !coverage.anyConsentInForce && override === null)
    return refuse({ kind: 'no-consent', organisationId: receiver.id });

  // For a child: the referral summary travels without consent, identity only on a legal basis.
  const allowedWithoutOverride = requested.filter((category) =>
    child
      ? (category === 'statistics' && !home) ||
        (category !== 'identity' && coverage.covered.includes(category))
      : coverage.covered.includes(category),
  );
  const needOverride = requested.filter((category) => !allowedWithoutOverride.includes(category));
  if (override !== null && needOverride.length > 0)
    return refer(situation, requestedServices, requested, [], covering(requested).consentIds, {
      legalBasis: override.legalBasis.trim(),
      reason: override.reason.trim(),
      categoriesOnLegalBasis: needOverride,
      notifyDataProtectionOfficer: true,
    });
  return refer(
    situation,
    requestedServices,
    allowedWithoutOverride,
    needOverride,
    covering(allowedWithoutOverride).consentIds,
    null,
  );
}

function refer(
  situation: ReferralSituation,
  services: ServiceKind[],
  shared: DataCategory[],
  withheld: DataCategory[],
  consentIds: string[],
  override: RecordedOverride | null,
): ReferralDecision {
  return {
    outcome: 'refer',
    organisationId: situation.receivingOrganisation.id,
    serviceKinds: services,
    sharedCategories: shared,
    withheldCategories: withheld,
    consentIds,
    override,
  };
}

/** What an override lacks: a legal basis, and a written reason of at least 20 characters. */
export function overrideGaps(override: ReferralOverride): ('legal-basis' | 'reason')[] {
  const missing: ('legal-basis' | 'reason')[] = [];
  if (override.legalBasis.trim() === '') missing.push('legal-basis');
  if ([...override.reason.trim()].length < MINIMUM_OVERRIDE_REASON_LENGTH) missing.push('reason');
  return missing;
}

// ---------------------------------------------------------------------------------------------
// The receiving organisation's answer, and the referring organisation's withdrawal

export type ReferralResponse =
  | { kind: 'accept'; byOrganisationId: string; note?: string }
  | { kind: 'decline'; byOrganisationId: string; reason: string; suggestedOrganisationId?: string }
  | { kind: 'complete'; byOrganisationId: string }
  | { kind: 'withdraw'; byOrganisationId: string; reason?: string };
export type ReferralResponseKind = ReferralResponse['kind'];

/** The one state machine of a referral: which answer moves which status where. Others are refused. */
export const referralTransitions: Readonly<
  Record<ReferralStatus, Readonly<Partial<Record<ReferralResponseKind, ReferralStatus>>>>
> = {
  proposed: { accept: 'accepted', decline: 'declined', withdraw: 'withdrawn' },
  accepted: { complete: 'completed', withdraw: 'withdrawn' },
  declined: {},
  completed: {},
  withdrawn: {},
};

/** Accepting, declining and completing belong to the receiver; withdrawing to the referrer. */
const answeredBy: Record<ReferralResponseKind, 'receiving' | 'referring'> = {
  accept: 'receiving',
  decline: 'receiving',
  complete: 'receiving',
  withdraw: 'referring',
};

export type ReferralResponseRefusal =
  | {
      kind: 'transition-not-allowed';
      status: ReferralStatus;
      response: ReferralResponseKind;
      allowedResponses: ReferralResponseKind[];
    }
  | { kind: 'wrong-organisation'; mustBe: 'receiving' | 'referring' }
  | { kind: 'decline-needs-reason' }
  | { kind: 'response-before-proposal'; proposedOn: IsoDate; today: IsoDate };

export type ReferralResponseDecision =
  | {
      outcome: 'respond';
      from: ReferralStatus;
      to: ReferralStatus;
      respondedOn: IsoDate;
      reason: string | null;
    }
  | { outcome: 'refuse'; refusal: ReferralResponseRefusal };

export function decideReferralResponse(
  referral: Referral,
  response: ReferralResponse,
  today: IsoDate,
): ReferralResponseDecision {
  const refuse = (refusal: ReferralResponseRefusal): ReferralResponseDecision => ({
    outcome: 'refuse',
    refusal,
  });
  const to = referralTransitions[referral.status][response.kind];
  if (to === undefined)
    return refuse({
      kind: 'transition-not-allowed',
      status: referral.status,
      response: response.kind,
      allowedResponses: Object.keys(referralTransitions[referral.status]) as ReferralResponseKind[],
    });
  const mustBe = answeredBy[response.kind];
  const expected = mustBe === 'receiving' ? referral.toOrganisationId : referral.fromOrganisationId;
  if (response.byOrganisationId !== expected) return refuse({ kind: 'wrong-organisation', mustBe });
  if (today < referral.proposedOn)
    return refuse({ kind: 'response-before-proposal', proposedOn: referral.proposedOn, today });
  const reason =
    response.kind === 'decline' || response.kind === 'withdraw'
      ? (response.reason ?? '').trim() || null
      : null;
  if (response.kind === 'decline' && reason === null) return refuse({ kind: 'decline-needs-reason' });
  return { outcome: 'respond', from: referral.status, to, respondedOn: today, reason };
}
