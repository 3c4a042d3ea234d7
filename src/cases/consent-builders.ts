import fc from 'fast-check';
import { addDays, type IsoDate } from '../kernel/dates.js';
import { type Role, roles } from '../security/roles.js';
import {
  type Consent,
  type ConsentDraft,
  type ConsentGiver,
  type ConsentRecordingSituation,
  consentPurposes,
  type DataCategory,
  dataCategories,
} from './consent.js';
import {
  type ReceivingOrganisation,
  type Referral,
  type ReferralResponse,
  type ReferralSituation,
  referralStatuses,
  type ServiceKind,
  serviceKinds,
} from './referral.js';
import type {
  RestrictedAccessDecision,
  RestrictedAccessGrant,
  RestrictedAccessRequest,
} from './restricted-notice.js';

// Builders make valid situations and take overrides, so each test changes only what it is about
// (STYLE §6). Arbitraries draw situations for the properties. For tests only.

export const TODAY: IsoDate = '2026-03-27';
export const CASE_ID = 'case-7K3M';
export const REFERRING_ORGANISATION = 'org-la-strada';
export const SHELTER = 'org-shelter-iasi';
export const EMBASSY = 'org-embassy-of-origin';
export const GUARDIAN_AUTHORITY = 'org-guardianship-authority';

export const aGuardian = (
  overrides: Partial<Extract<ConsentGiver, { kind: 'guardian' }>> = {},
): ConsentGiver => ({
  kind: 'guardian',
  guardianId: 'guardian-1',
  appointedBy: GUARDIAN_AUTHORITY,
  appointedOn: '2026-03-01',
  ...overrides,
});

/** The person's consent, explained in full, to share identity, contact and the summary with the shelter. */
export const aConsentDraft = (overrides: Partial<ConsentDraft> = {}): ConsentDraft => ({
  id: 'consent-1',
  caseId: CASE_ID,
  givenBy: { kind: 'person' },
  purpose: 'share_with_organisation',
  recipientOrganisationId: SHELTER,
  dataCategories: ['identity', 'contact', 'statistics'],
  givenOn: '2026-03-20',
  expiresOn: null,
  evidence: {
    explainedInLanguage: 'uk',
    interpreterUsed: true,
    explained: { nrm: true, support: true, whoSees: true, canWithdraw: true },
  },
  ...overrides,
});

export const aConsent = (overrides: Partial<Consent> = {}): Consent => ({
  ...aConsentDraft(),
  withdrawnOn: null,
  ...overrides,
});

/** An adult giving their own consent. */
export const aConsentRecordingSituation = (
  overrides: Partial<ConsentRecordingSituation> = {},
): ConsentRecordingSituation => ({
  consent: aConsentDraft(),
  ageInYears: 27,
  guardianSuspectedOfInvolvement: null,
  today: TODAY,
  ...overrides,
});

/** A 15-year-old's guardian, not suspected, consenting after the child's views were recorded. */
export const aChildConsentRecordingSituation = (
  overrides: Partial<ConsentRecordingSituation> = {},
): ConsentRecordingSituation => ({
  consent: aConsentDraft({ givenBy: aGuardian(), childViews: 'I want to stay with my sister.' }),
  ageInYears: 15,
  guardianSuspectedOfInvolvement: 'no',
  today: TODAY,
  ...overrides,
});

export const aShelter = (overrides: Partial<ReceivingOrganisation> = {}): ReceivingOrganisation => ({
  id: SHELTER,
  providesServices: ['safe_accommodation', 'psychosocial_counselling', 'health_care'],
  isHomeCountryAuthority: false,
  ...overrides,
});

export const anEmbassy = (overrides: Partial<ReceivingOrganisation> = {}): ReceivingOrganisation => ({
  id: EMBASSY,
  providesServices: ['family_contact', 'legal_assistance'],
  isHomeCountryAuthority: true,
  ...overrides,
});

/** An adult, with consent to share identity, contact and the summary with the shelter, asking for a bed. */
export const aReferralSituation = (overrides: Partial<ReferralSituation> = {}): ReferralSituation => ({
  caseId: CASE_ID,
  caseIsClosed: false,
  personIsPresumedChild: false,
  receivingOrganisation: aShelter(),
  requestedServices: ['safe_accommodation'],
  requestedCategories: ['identity', 'contact', 'statistics'],
  consents: [aConsent()],
  existingReferrals: [],
  override: null,
  today: TODAY,
  ...overrides,
});

export const anOverride = (overrides: Partial<{ legalBasis: string; reason: string }> = {}) => ({
  legalBasis: 'Law 678/2001 art. 27(2)',
  reason: 'Imminent danger: the person must be moved to a shelter tonight.',
  ...overrides,
});

export const aReferral = (overrides: Partial<Referral> = {}): Referral => ({
  id: 'referral-1',
  caseId: CASE_ID,
  fromOrganisationId: REFERRING_ORGANISATION,
  toOrganisationId: SHELTER,
  serviceKinds: ['safe_accommodation'],
  sharedCategories: ['identity', 'contact', 'statistics'],
  status: 'proposed',
  proposedOn: '2026-03-25',
  ...overrides,
});

export const aRestrictedAccessRequest = (
  overrides: Partial<RestrictedAccessRequest> = {},
): RestrictedAccessRequest => ({
  id: 'request-1',
  noticeId: 'notice-R-4821',
  designatedOfficerId: 'officer-1',
  requestingOrganisationId: 'org-border-police',
  requestedBy: 'user-border-1',
  purpose: 'Confirm identity for a pending expulsion order',
  categories: ['identity', 'contact'],
  requestedOn: '2026-03-24',
  status: 'pending',
  ...overrides,
});

export const theDesignatedOfficer = { userId: 'officer-1', roles: ['restricted_notice_officer'] as Role[] };

export const aGrantDecision = (
  overrides: Partial<Extract<RestrictedAccessDecision, { kind: 'grant' }>> = {},
): RestrictedAccessDecision => ({
  kind: 'grant',
  decidedBy: theDesignatedOfficer,
  purpose: 'Confirm identity for the expulsion hearing only',
  categories: ['identity'],
  endsOn: '2026-04-10',
  protectionOfficeExaminedOn: '2026-03-26',
  today: TODAY,
  ...overrides,
});

export const aRefusalDecision = (
  overrides: Partial<Extract<RestrictedAccessDecision, { kind: 'refuse' }>> = {},
): RestrictedAccessDecision => ({
  kind: 'refuse',
  decidedBy: theDesignatedOfficer,
  reason: 'Witness protection found the request incompatible with the person’s safety.',
  today: TODAY,
  ...overrides,
});

export const aGrant = (overrides: Partial<RestrictedAccessGrant> = {}): RestrictedAccessGrant => ({
  requestId: 'request-1',
  noticeId: 'notice-R-4821',
  organisationId: 'org-border-police',
  purpose: 'Confirm identity for the expulsion hearing only',
  categories: ['identity'],
  grantedOn: '2026-03-27',
  endsOn: '2026-04-10',
  grantedBy: 'officer-1',
  ...overrides,
});

// ---------------------------------------------------------------------------------------------
// Arbitraries

const BASE_DAY: IsoDate = '2025-01-01';
/** A calendar date within about three years. */
export const anyIsoDate: fc.Arbitrary<IsoDate> = fc
  .integer({ min: 0, max: 1100 })
  .map((day) => addDays(BASE_DAY, day));
export const anyDataCategories: fc.Arbitrary<DataCategory[]> = fc.subarray([...dataCategories]);
export const anyServiceKinds: fc.Arbitrary<ServiceKind[]> = fc.subarray([...serviceKinds]);
export const anyRole: fc.Arbitrary<Role> = fc.constantFrom(...roles);

const organisationPool = [SHELTER, EMBASSY, 'org-counselling', 'org-police'] as const;
export const anyOrganisationId: fc.Arbitrary<string> = fc.constantFrom(...organisationPool);

const anyGiver: fc.Arbitrary<ConsentGiver> = fc.oneof(
  fc.constant<ConsentGiver>({ kind: 'person' }),
  anyIsoDate.map((appointedOn) => aGuardian({ appointedOn })),
);

/** Any consent of the case (sometimes of another case), in force or expired or withdrawn. */
export const anyConsent: fc.Arbitrary<Consent> = fc
  .record({
    id: fc.uuid(),
    caseId: fc.constantFrom(CASE_ID, CASE_ID, CASE_ID, 'case-OTHER'),
    givenBy: anyGiver,
    purpose: fc.constantFrom(...consentPurposes),
    recipientOrganisationId: fc.option(anyOrganisationId, { freq: 6 }),
    dataCategories: anyDataCategories,
    givenOn: fc.integer({ min: 0, max: 700 }).map((day) => addDays(BASE_DAY, day)),
    expiresAfterDays: fc.option(fc.integer({ min: 0, max: 400 })),
    withdrawnAfterDays: fc.option(fc.integer({ min: 0, max: 400 })),
  })
  .map(({ expiresAfterDays, withdrawnAfterDays, ...consent }) => ({
    ...aConsent(),
    ...consent,
    expiresOn: expiresAfterDays === null ? null : addDays(consent.givenOn, expiresAfterDays),
    withdrawnOn: withdrawnAfterDays === null ? null : addDays(consent.givenOn, withdrawnAfterDays),
  }));

export const anyConsentRecordingSituation: fc.Arbitrary<ConsentRecordingSituation> = fc
  .record({
    consent: anyConsent,
    ageInYears: fc.option(fc.integer({ min: 0, max: 90 }), { freq: 4 }),
    guardianSuspectedOfInvolvement: fc.option(
      fc.constantFrom('no' as const, 'yes' as const, 'not_sure' as const),
    ),
    childViews: fc.option(fc.constantFrom('', '  ', 'I want to go to school.')),
    explained: fc.record({
      nrm: fc.boolean(),
      support: fc.boolean(),
      whoSees: fc.boolean(),
      canWithdraw: fc.boolean(),
    }),
    language: fc.constantFrom('ro', 'uk', ''),
    today: anyIsoDate,
  })
  .map(({ consent, childViews, explained, language, ...rest }) => {
    const { withdrawnOn: _withdrawnOn, ...draft } = consent;
    return {
      ...rest,
      consent: {
        ...draft,
        ...(childViews === null ? {} : { childViews }),
        evidence: { explainedInLanguage: language, interpreterUsed: false, explained },
      },
    };
  });

const anyReceivingOrganisation: fc.Arbitrary<ReceivingOrganisation> = fc.record({
  id: anyOrganisationId,
  providesServices: anyServiceKinds,
  isHomeCountryAuthority: fc.boolean(),
});

/** Mostly complete overrides, sometimes one without a legal basis or with too short a reason. */
export const anyOverride = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      legalBasis: fc.constantFrom('Law 678/2001 art. 27(2)', 'Child Protection Act s. 12'),
      reason: fc.constantFrom(
        'Imminent danger: move to a shelter tonight.',
        'Court order of 12 March, file 31/2026.',
      ),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      legalBasis: fc.constantFrom('', '  ', 'Law 678/2001 art. 27(2)'),
      reason: fc.constantFrom('', 'urgent', `${'x'.repeat(19)} `),
    }),
  },
);

/** Any referral situation: adult or child, any consents, any receiver, sometimes an override. */
export const anyReferralSituation: fc.Arbitrary<ReferralSituation> = fc.record({
  caseId: fc.constant(CASE_ID),
  caseIsClosed: fc.integer({ min: 0, max: 4 }).map((draw) => draw === 0),
  personIsPresumedChild: fc.boolean(),
  receivingOrganisation: anyReceivingOrganisation,
  requestedServices: anyServiceKinds,
  requestedCategories: anyDataCategories,
  consents: fc.array(anyConsent, { maxLength: 5 }),
  existingReferrals: fc.array(
    fc.record({
      toOrganisationId: anyOrganisationId,
      serviceKinds: fc.subarray([...serviceKinds], { maxLength: 2 }),
      status: fc.constantFrom(...referralStatuses),
    }),
    { maxLength: 3 },
  ),
  override: fc.option(anyOverride, { freq: 2 }),
  today: anyIsoDate,
});

/**
 * Situations that pass the service checks, with half the consents naming the receiver, so the data
 * rules (consent, children, overrides, home-country authorities) are what is exercised.
 */
export const anyServiceableReferralSituation: fc.Arbitrary<ReferralSituation> = fc
  .tuple(anyReferralSituation, fc.array(fc.boolean(), { minLength: 5, maxLength: 5 }))
  .map(([situation, namesReceiver]) => ({
    ...situation,
    caseIsClosed: false,
    receivingOrganisation: { ...situation.receivingOrganisation, providesServices: [...serviceKinds] },
    requestedServices:
      situation.requestedServices.length > 0 ? situation.requestedServices : ['safe_accommodation'],
    existingReferrals: [],
    consents: situation.consents.map((consent, index) =>
      namesReceiver[index]
        ? { ...consent, recipientOrganisationId: situation.receivingOrganisation.id }
        : consent,
    ),
  }));

export const anyReferral: fc.Arbitrary<Referral> = fc.record({
  id: fc.constant('referral-1'),
  caseId: fc.constant(CASE_ID),
  fromOrganisationId: fc.constant(REFERRING_ORGANISATION),
  toOrganisationId: fc.constant(SHELTER),
  serviceKinds: fc.subarray([...serviceKinds], { minLength: 1 }),
  sharedCategories: anyDataCategories,
  status: fc.constantFrom(...referralStatuses),
  proposedOn: anyIsoDate,
});

export const anyReferralResponse: fc.Arbitrary<ReferralResponse> = fc
  .record({
    kind: fc.constantFrom('accept' as const, 'decline' as const, 'complete' as const, 'withdraw' as const),
    byOrganisationId: fc.constantFrom(REFERRING_ORGANISATION, SHELTER, 'org-police'),
    reason: fc.constantFrom('', 'No bed free until May.'),
  })
  .map(
    ({ kind, byOrganisationId, reason }): ReferralResponse =>
      kind === 'decline' || kind === 'withdraw'
        ? { kind, byOrganisationId, reason }
        : { kind, byOrganisationId },
  );
