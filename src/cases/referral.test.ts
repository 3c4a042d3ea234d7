import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { consentsCovering, decideConsentWithdrawal } from './consent.js';
import {
  aConsent,
  aGuardian,
  anEmbassy,
  anOverride,
  anyReferral,
  anyReferralResponse,
  anyReferralSituation,
  anyServiceableReferralSituation,
  aReferral,
  aReferralSituation,
  EMBASSY,
  REFERRING_ORGANISATION,
  SHELTER,
  TODAY,
} from './consent-builders.js';
import {
  decideReferral,
  decideReferralResponse,
  openReferralStatuses,
  type ReferralSituation,
  referralStatuses,
  referralTransitions,
} from './referral.js';

/** What the consents in force cover for the receiver, as the rule must see it. */
const coveredFor = (situation: ReferralSituation) =>
  consentsCovering(
    situation.consents.filter((consent) => consent.caseId === situation.caseId),
    {
      recipientOrganisationId: situation.receivingOrganisation.id,
      categories: situation.requestedCategories,
      today: situation.today,
      onlyGuardianConsents: situation.personIsPresumedChild,
    },
  );

describe('decideReferral', () => {
  it('refers an adult to a shelter with the categories their consent covers for that shelter', () => {
    expect(decideReferral(aReferralSituation())).toEqual({
      outcome: 'refer',
      organisationId: SHELTER,
      serviceKinds: ['safe_accommodation'],
      sharedCategories: ['identity', 'contact', 'statistics'],
      withheldCategories: [],
      consentIds: ['consent-1'],
      override: null,
    });
  });

  it('withholds the categories the consent does not cover, and says which', () => {
    const situation = aReferralSituation({
      requestedCategories: ['identity', 'health', 'counselling', 'statistics'],
    });
    expect(decideReferral(situation)).toMatchObject({
      outcome: 'refer',
      sharedCategories: ['identity', 'statistics'],
      withheldCategories: ['health', 'counselling'],
      override: null,
    });
  });

  it('refuses a referral when no consent in force names the receiving organisation', () => {
    const situation = aReferralSituation({ consents: [aConsent({ recipientOrganisationId: 'org-other' })] });
    expect(decideReferral(situation)).toEqual({
      outcome: 'refuse',
      refusal: { kind: 'no-consent', organisationId: SHELTER },
    });
  });

  it('refuses a referral once the only consent for that organisation was withdrawn', () => {
    const withdrawal = decideConsentWithdrawal(aConsent(), '2026-03-26');
    if (withdrawal.outcome !== 'withdraw') throw new Error('the builder consent can be withdrawn');
    const situation = aReferralSituation({ consents: [withdrawal.consent] });
    expect(decideReferral(situation)).toMatchObject({ outcome: 'refuse', refusal: { kind: 'no-consent' } });
  });

  it('refuses a service the receiving organisation does not provide', () => {
    const situation = aReferralSituation({ requestedServices: ['safe_accommodation', 'legal_assistance'] });
    expect(decideReferral(situation)).toEqual({
      outcome: 'refuse',
      refusal: { kind: 'service-not-provided', organisationId: SHELTER, serviceKinds: ['legal_assistance'] },
    });
  });

  it('refuses a referral that names no service', () => {
    const situation = aReferralSituation({ requestedServices: [] });
    expect(decideReferral(situation)).toEqual({
      outcome: 'refuse',
      refusal: { kind: 'no-services-requested' },
    });
  });

  it('refuses a second open referral to the same organisation for the same service', () => {
    const situation = aReferralSituation({
      existingReferrals: [
        { toOrganisationId: SHELTER, serviceKinds: ['safe_accommodation'], status: 'accepted' },
      ],
    });
    expect(decideReferral(situation)).toEqual({
      outcome: 'refuse',
      refusal: { kind: 'already-referred', organisationId: SHELTER, serviceKinds: ['safe_accommodation'] },
    });
  });

  it('refers again for a service whose earlier referral was declined', () => {
    const situation = aReferralSituation({
      existingReferrals: [
        { toOrganisationId: SHELTER, serviceKinds: ['safe_accommodation'], status: 'declined' },
      ],
    });
    expect(decideReferral(situation).outcome).toBe('refer');
  });

  it('refuses a referral on a closed case', () => {
    expect(decideReferral(aReferralSituation({ caseIsClosed: true }))).toEqual({
      outcome: 'refuse',
      refusal: { kind: 'case-closed' },
    });
  });

  it('refers without consent on a legal basis and a written reason, flagged for the data protection officer', () => {
    const situation = aReferralSituation({ consents: [], override: anOverride() });
    expect(decideReferral(situation)).toEqual({
      outcome: 'refer',
      organisationId: SHELTER,
      serviceKinds: ['safe_accommodation'],
      sharedCategories: ['identity', 'contact', 'statistics'],
      withheldCategories: [],
      consentIds: [],
      override: {
        legalBasis: 'Law 678/2001 art. 27(2)',
        reason: 'Imminent danger: the person must be moved to a shelter tonight.',
        categoriesOnLegalBasis: ['identity', 'contact', 'statistics'],
        notifyDataProtectionOfficer: true,
      },
    });
  });

  it('records no override when consent already covers everything sent', () => {
    const situation = aReferralSituation({ override: anOverride() });
    expect(decideReferral(situation)).toMatchObject({ outcome: 'refer', override: null });
  });

  it('refuses an override without a legal basis', () => {
    const situation = aReferralSituation({ consents: [], override: anOverride({ legalBasis: ' ' }) });
    expect(decideReferral(situation)).toEqual({
      outcome: 'refuse',
      refusal: { kind: 'override-needs-reason', missing: ['legal-basis'], minimumReasonLength: 20 },
    });
  });

  it('refuses an override whose written reason is shorter than 20 characters', () => {
    const situation = aReferralSituation({
      consents: [],
      override: anOverride({ reason: 'urgent, see file' }),
    });
    expect(decideReferral(situation)).toEqual({
      outcome: 'refuse',
      refusal: { kind: 'override-needs-reason', missing: ['reason'], minimumReasonLength: 20 },
    });
  });

  it('refuses to send anything to a home-country authority without consent, even on a legal basis', () => {
    const situation = aReferralSituation({
      receivingOrganisation: anEmbassy(),
      requestedServices: ['family_contact'],
      requestedCategories: ['identity', 'statistics'],
      override: anOverride(),
    });
    expect(decideReferral(situation)).toEqual({
      outcome: 'refuse',
      refusal: {
        kind: 'home-country-authority-without-consent',
        organisationId: EMBASSY,
        categories: ['identity', 'statistics'],
      },
    });
  });

  it('refuses to send a home-country authority more than the consent covers, even on a legal basis', () => {
    const situation = aReferralSituation({
      receivingOrganisation: anEmbassy(),
      requestedServices: ['family_contact'],
      requestedCategories: ['identity', 'legal'],
      consents: [aConsent({ recipientOrganisationId: EMBASSY, dataCategories: ['identity'] })],
      override: anOverride(),
    });
    expect(decideReferral(situation)).toMatchObject({
      outcome: 'refuse',
      refusal: { kind: 'home-country-authority-without-consent', categories: ['legal'] },
    });
  });

  it('refers to a home-country authority with what the person explicitly consented to', () => {
    const situation = aReferralSituation({
      receivingOrganisation: anEmbassy(),
      requestedServices: ['family_contact'],
      requestedCategories: ['identity', 'legal'],
      consents: [
        aConsent({
          recipientOrganisationId: EMBASSY,
          purpose: 'return_assistance',
          dataCategories: ['identity'],
        }),
      ],
    });
    expect(decideReferral(situation)).toMatchObject({
      outcome: 'refer',
      sharedCategories: ['identity'],
      withheldCategories: ['legal'],
      override: null,
    });
  });

  it("sends a home-country authority a child's identity only with the guardian's consent and a legal basis", () => {
    const situation = aReferralSituation({
      personIsPresumedChild: true,
      receivingOrganisation: anEmbassy(),
      requestedServices: ['family_contact'],
      requestedCategories: ['identity', 'statistics'],
      consents: [
        aConsent({ givenBy: aGuardian(), recipientOrganisationId: EMBASSY, dataCategories: ['identity'] }),
      ],
    });
    expect(decideReferral(situation)).toMatchObject({
      outcome: 'refer',
      sharedCategories: [],
      withheldCategories: ['identity', 'statistics'],
    });
    expect(
      decideReferral({ ...situation, requestedCategories: ['identity'], override: anOverride() }),
    ).toMatchObject({
      outcome: 'refer',
      sharedCategories: ['identity'],
      override: { categoriesOnLegalBasis: ['identity'] },
    });
  });

  it("refuses a child's referral to a home-country authority without the guardian's consent", () => {
    const situation = aReferralSituation({
      personIsPresumedChild: true,
      receivingOrganisation: anEmbassy(),
      requestedServices: ['family_contact'],
      requestedCategories: ['statistics'],
      consents: [],
    });
    expect(decideReferral(situation)).toMatchObject({
      outcome: 'refuse',
      refusal: { kind: 'home-country-authority-without-consent', categories: ['statistics'] },
    });
  });

  it('refers a child without consent, sending only the referral summary (NRM automatic referral)', () => {
    const situation = aReferralSituation({
      personIsPresumedChild: true,
      consents: [],
      requestedCategories: ['identity', 'health', 'statistics'],
    });
    expect(decideReferral(situation)).toMatchObject({
      outcome: 'refer',
      sharedCategories: ['statistics'],
      withheldCategories: ['identity', 'health'],
      override: null,
    });
  });

  it("sends a child's data the guardian consented to, but the child's identity only on a legal basis", () => {
    const guardianConsent = aConsent({ givenBy: aGuardian(), dataCategories: ['identity', 'health'] });
    const situation = aReferralSituation({
      personIsPresumedChild: true,
      consents: [guardianConsent],
      requestedCategories: ['identity', 'health', 'statistics'],
    });
    expect(decideReferral(situation)).toMatchObject({
      sharedCategories: ['health', 'statistics'],
      withheldCategories: ['identity'],
    });
    expect(decideReferral({ ...situation, override: anOverride() })).toMatchObject({
      sharedCategories: ['identity', 'health', 'statistics'],
      override: { categoriesOnLegalBasis: ['identity'], notifyDataProtectionOfficer: true },
    });
  });

  it('does not count consent a child gave themselves', () => {
    const situation = aReferralSituation({
      personIsPresumedChild: true,
      consents: [aConsent({ givenBy: { kind: 'person' }, dataCategories: ['health'] })],
      requestedCategories: ['health', 'statistics'],
    });
    expect(decideReferral(situation)).toMatchObject({
      sharedCategories: ['statistics'],
      withheldCategories: ['health'],
    });
  });

  it('ignores consents recorded on another case', () => {
    const situation = aReferralSituation({ consents: [aConsent({ caseId: 'case-OTHER' })] });
    expect(decideReferral(situation)).toMatchObject({ refusal: { kind: 'no-consent' } });
  });

  it('a referral never shares a category no consent covers unless overridden with a legal basis', () => {
    fc.assert(
      fc.property(anyServiceableReferralSituation, (situation) => {
        const decision = decideReferral(situation);
        if (decision.outcome !== 'refer') return;
        const { covered } = coveredFor(situation);
        const { personIsPresumedChild: child, receivingOrganisation } = situation;
        for (const category of decision.sharedCategories) {
          const childSummary =
            child && category === 'statistics' && !receivingOrganisation.isHomeCountryAuthority;
          const byConsent = covered.includes(category) && !(child && category === 'identity');
          if (!childSummary && !byConsent) {
            expect(decision.override?.categoriesOnLegalBasis).toContain(category);
            expect(decision.override?.legalBasis.trim()).not.toBe('');
          }
        }
      }),
      { numRuns: 500 },
    );
  });

  it('keeps with the referral exactly the consents that cover a shared category', () => {
    fc.assert(
      fc.property(anyServiceableReferralSituation, (situation) => {
        const decision = decideReferral(situation);
        if (decision.outcome !== 'refer') return;
        for (const id of decision.consentIds) {
          const consent = situation.consents.find((candidate) => candidate.id === id);
          expect(consent?.recipientOrganisationId).toBe(situation.receivingOrganisation.id);
          expect(
            consent?.dataCategories.some((category) => decision.sharedCategories.includes(category)),
          ).toBe(true);
        }
      }),
    );
  });

  it('a referral shares only categories that were asked for, and accounts for every one asked', () => {
    fc.assert(
      fc.property(anyReferralSituation, (situation) => {
        const decision = decideReferral(situation);
        if (decision.outcome !== 'refer') return;
        const asked = new Set(situation.requestedCategories);
        for (const category of decision.sharedCategories) expect(asked.has(category)).toBe(true);
        expect(new Set([...decision.sharedCategories, ...decision.withheldCategories])).toEqual(asked);
      }),
    );
  });

  it('every override carries a legal basis and a reason of at least 20 characters, and goes to the data protection officer', () => {
    fc.assert(
      fc.property(anyServiceableReferralSituation, (situation) => {
        const decision = decideReferral(situation);
        if (decision.outcome !== 'refer' || decision.override === null) return;
        expect(decision.override.legalBasis).not.toBe('');
        expect([...decision.override.reason].length).toBeGreaterThanOrEqual(20);
        expect(decision.override.notifyDataProtectionOfficer).toBe(true);
        expect(decision.override.categoriesOnLegalBasis.length).toBeGreaterThan(0);
      }),
      { numRuns: 500 },
    );
  });

  it('nothing goes to a home-country authority that explicit consent does not cover', () => {
    fc.assert(
      fc.property(anyServiceableReferralSituation, (situation) => {
        const embassySituation = {
          ...situation,
          receivingOrganisation: { ...situation.receivingOrganisation, isHomeCountryAuthority: true },
        };
        const decision = decideReferral(embassySituation);
        if (decision.outcome !== 'refer') return;
        const { covered } = coveredFor(embassySituation);
        for (const category of decision.sharedCategories) expect(covered).toContain(category);
        // A legal basis adds nothing there; it is only the second key to a child's identity.
        if (decision.override !== null) {
          expect(situation.personIsPresumedChild).toBe(true);
          expect(decision.override.categoriesOnLegalBasis).toEqual(['identity']);
        }
      }),
      { numRuns: 500 },
    );
  });

  it("a child's referral is never refused for want of consent", () => {
    fc.assert(
      fc.property(anyReferralSituation, (situation) => {
        const decision = decideReferral({ ...situation, personIsPresumedChild: true });
        if (decision.outcome === 'refuse') expect(decision.refusal.kind).not.toBe('no-consent');
      }),
    );
  });

  it('refers only to an organisation providing every requested service, with no open referral for it there', () => {
    fc.assert(
      fc.property(anyReferralSituation, (situation) => {
        if (decideReferral(situation).outcome !== 'refer') return;
        expect(situation.caseIsClosed).toBe(false);
        for (const kind of situation.requestedServices) {
          expect(situation.receivingOrganisation.providesServices).toContain(kind);
          const open = situation.existingReferrals.filter(
            (referral) =>
              referral.toOrganisationId === situation.receivingOrganisation.id &&
              openReferralStatuses.includes(referral.status) &&
              referral.serviceKinds.includes(kind),
          );
          expect(open).toEqual([]);
        }
      }),
    );
  });

  it('withdrawing consent takes its categories out of the next referral, unless overridden', () => {
    fc.assert(
      fc.property(anyServiceableReferralSituation, (situation) => {
        const withdrawnConsents = situation.consents.map((consent) => {
          const withdrawal = decideConsentWithdrawal(consent, situation.today);
          return withdrawal.outcome === 'withdraw' ? withdrawal.consent : consent;
        });
        const decision = decideReferral({ ...situation, consents: withdrawnConsents, override: null });
        if (decision.outcome !== 'refer') return;
        const onlySummary = situation.personIsPresumedChild ? ['statistics'] : [];
        expect(decision.sharedCategories.filter((category) => !onlySummary.includes(category))).toEqual([]);
      }),
    );
  });
});

describe('decideReferralResponse', () => {
  const shelterAnswers = { byOrganisationId: SHELTER };

  it('the receiving organisation accepts a proposed referral', () => {
    expect(decideReferralResponse(aReferral(), { kind: 'accept', ...shelterAnswers }, TODAY)).toEqual({
      outcome: 'respond',
      from: 'proposed',
      to: 'accepted',
      respondedOn: TODAY,
      reason: null,
    });
  });

  it('the receiving organisation declines a proposed referral, giving a reason', () => {
    const response = { kind: 'decline' as const, ...shelterAnswers, reason: ' No bed free until May. ' };
    expect(decideReferralResponse(aReferral(), response, TODAY)).toEqual({
      outcome: 'respond',
      from: 'proposed',
      to: 'declined',
      respondedOn: TODAY,
      reason: 'No bed free until May.',
    });
  });

  it('refuses to decline a referral without a reason', () => {
    const response = { kind: 'decline' as const, ...shelterAnswers, reason: '   ' };
    expect(decideReferralResponse(aReferral(), response, TODAY)).toEqual({
      outcome: 'refuse',
      refusal: { kind: 'decline-needs-reason' },
    });
  });

  it('the receiving organisation completes an accepted referral', () => {
    const referral = aReferral({ status: 'accepted' });
    expect(decideReferralResponse(referral, { kind: 'complete', ...shelterAnswers }, TODAY)).toMatchObject({
      outcome: 'respond',
      to: 'completed',
    });
  });

  it('the referring organisation withdraws an accepted referral', () => {
    const referral = aReferral({ status: 'accepted' });
    const response = { kind: 'withdraw' as const, byOrganisationId: REFERRING_ORGANISATION };
    expect(decideReferralResponse(referral, response, TODAY)).toMatchObject({
      outcome: 'respond',
      to: 'withdrawn',
    });
  });

  it('refuses to complete a referral that was never accepted', () => {
    expect(decideReferralResponse(aReferral(), { kind: 'complete', ...shelterAnswers }, TODAY)).toEqual({
      outcome: 'refuse',
      refusal: {
        kind: 'transition-not-allowed',
        status: 'proposed',
        response: 'complete',
        allowedResponses: ['accept', 'decline', 'withdraw'],
      },
    });
  });

  it('refuses to accept a referral twice rather than doing nothing', () => {
    const referral = aReferral({ status: 'accepted' });
    expect(decideReferralResponse(referral, { kind: 'accept', ...shelterAnswers }, TODAY)).toMatchObject({
      outcome: 'refuse',
      refusal: { kind: 'transition-not-allowed', status: 'accepted', response: 'accept' },
    });
  });

  it('refuses an answer from an organisation the referral was not sent to', () => {
    const response = { kind: 'accept' as const, byOrganisationId: 'org-police' };
    expect(decideReferralResponse(aReferral(), response, TODAY)).toEqual({
      outcome: 'refuse',
      refusal: { kind: 'wrong-organisation', mustBe: 'receiving' },
    });
  });

  it('refuses a withdrawal by the receiving organisation: only the referrer withdraws', () => {
    const response = { kind: 'withdraw' as const, byOrganisationId: SHELTER };
    expect(decideReferralResponse(aReferral(), response, TODAY)).toEqual({
      outcome: 'refuse',
      refusal: { kind: 'wrong-organisation', mustBe: 'referring' },
    });
  });

  it('refuses an answer dated before the referral was proposed', () => {
    const referral = aReferral({ proposedOn: '2026-03-28' });
    expect(decideReferralResponse(referral, { kind: 'accept', ...shelterAnswers }, TODAY)).toEqual({
      outcome: 'refuse',
      refusal: { kind: 'response-before-proposal', proposedOn: '2026-03-28', today: TODAY },
    });
  });

  it.each(['declined', 'completed', 'withdrawn'] as const)(
    'a %s referral leaves that status for no answer',
    (status) => {
      for (const kind of ['accept', 'decline', 'complete', 'withdraw'] as const) {
        const response = {
          kind,
          byOrganisationId: kind === 'withdraw' ? REFERRING_ORGANISATION : SHELTER,
          reason: 'Reason given.',
        };
        expect(decideReferralResponse(aReferral({ status }), response, TODAY)).toEqual({
          outcome: 'refuse',
          refusal: { kind: 'transition-not-allowed', status, response: kind, allowedResponses: [] },
        });
      }
    },
  );

  it('every answer either moves the referral along the state machine or is refused: never a silent no-op', () => {
    fc.assert(
      fc.property(anyReferral, anyReferralResponse, (referral, response) => {
        const decision = decideReferralResponse(referral, response, '2028-12-31');
        if (decision.outcome === 'respond') {
          expect(decision.to).not.toBe(referral.status);
          expect(referralTransitions[referral.status][response.kind]).toBe(decision.to);
        } else expect(decision.refusal).toBeDefined();
      }),
    );
  });

  it('only proposed and accepted referrals can still move', () => {
    const movable = referralStatuses.filter((status) => Object.keys(referralTransitions[status]).length > 0);
    expect(movable).toEqual(openReferralStatuses);
  });
});
