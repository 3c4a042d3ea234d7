import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../kernel/dates.js';
import {
  consentsCovering,
  dataCategories,
  decideConsentRecording,
  decideConsentWithdrawal,
  isConsentInForce,
  isPresumedChild,
} from './consent.js';
import {
  aChildConsentRecordingSituation,
  aConsent,
  aConsentDraft,
  aConsentRecordingSituation,
  aGuardian,
  anyConsent,
  anyConsentRecordingSituation,
  anyDataCategories,
  anyIsoDate,
  CASE_ID,
  SHELTER,
  TODAY,
} from './consent-builders.js';

describe('isConsentInForce', () => {
  it('holds from the day consent is given through the day it expires', () => {
    const consent = aConsent({ givenOn: '2026-03-20', expiresOn: '2026-06-30' });
    expect(isConsentInForce(consent, '2026-03-19')).toBe(false);
    expect(isConsentInForce(consent, '2026-03-20')).toBe(true);
    expect(isConsentInForce(consent, '2026-06-30')).toBe(true);
    expect(isConsentInForce(consent, '2026-07-01')).toBe(false);
  });

  it('ends on the day consent is withdrawn', () => {
    const consent = aConsent({ givenOn: '2026-03-20', withdrawnOn: '2026-04-02' });
    expect(isConsentInForce(consent, '2026-04-01')).toBe(true);
    expect(isConsentInForce(consent, '2026-04-02')).toBe(false);
  });

  it('without an expiry date lasts until withdrawn', () => {
    expect(isConsentInForce(aConsent({ givenOn: '2026-03-20', expiresOn: null }), '2036-03-20')).toBe(true);
  });
});

describe('isPresumedChild', () => {
  it('treats a person under 18, or of unknown age, as a child', () => {
    expect(isPresumedChild(17)).toBe(true);
    expect(isPresumedChild(null)).toBe(true);
    expect(isPresumedChild(18)).toBe(false);
  });
});

describe('decideConsentRecording', () => {
  it("records an adult's own consent, explained in their language", () => {
    const decision = decideConsentRecording(aConsentRecordingSituation());
    expect(decision).toEqual({ outcome: 'record', consent: { ...aConsentDraft(), withdrawnOn: null } });
  });

  it("records a child's consent given by a guardian who is not suspected, with the child's own views", () => {
    const situation = aChildConsentRecordingSituation();
    expect(decideConsentRecording(situation)).toEqual({
      outcome: 'record',
      consent: { ...situation.consent, withdrawnOn: null },
    });
  });

  it('refuses consent a 16-year-old gives themselves: a guardian gives it', () => {
    const situation = aConsentRecordingSituation({ ageInYears: 16 });
    expect(decideConsentRecording(situation)).toEqual({
      outcome: 'refuse',
      refusal: { kind: 'child-needs-guardian', presumedChildBecause: 'under-18' },
    });
  });

  it('refuses consent a person of unknown age gives themselves: presumed a child until assessed', () => {
    const situation = aConsentRecordingSituation({ ageInYears: null });
    expect(decideConsentRecording(situation)).toEqual({
      outcome: 'refuse',
      refusal: { kind: 'child-needs-guardian', presumedChildBecause: 'age-unknown' },
    });
  });

  it('refuses consent from a guardian when nobody asked whether they are suspected of involvement', () => {
    const situation = aChildConsentRecordingSituation({ guardianSuspectedOfInvolvement: null });
    expect(decideConsentRecording(situation)).toEqual({
      outcome: 'refuse',
      refusal: { kind: 'guardian-suspicion-unanswered' },
    });
  });

  it('refuses consent from a guardian suspected of involvement in the exploitation and points to child protection', () => {
    const situation = aChildConsentRecordingSituation({ guardianSuspectedOfInvolvement: 'yes' });
    expect(decideConsentRecording(situation)).toEqual({
      outcome: 'refuse',
      refusal: { kind: 'guardian-suspected', answer: 'yes', pointTo: 'child_protection' },
    });
  });

  it('refuses consent from a guardian when it is "not sure" whether they are involved', () => {
    const situation = aChildConsentRecordingSituation({ guardianSuspectedOfInvolvement: 'not_sure' });
    expect(decideConsentRecording(situation)).toMatchObject({
      outcome: 'refuse',
      refusal: { kind: 'guardian-suspected', answer: 'not_sure' },
    });
  });

  it('refuses consent given by a guardian before the authority appointed them', () => {
    const situation = aChildConsentRecordingSituation({
      consent: aConsentDraft({ givenBy: aGuardian({ appointedOn: '2026-03-21' }), childViews: 'Yes.' }),
    });
    expect(decideConsentRecording(situation)).toEqual({
      outcome: 'refuse',
      refusal: { kind: 'guardian-not-yet-appointed', appointedOn: '2026-03-21', givenOn: '2026-03-20' },
    });
  });

  it("refuses a child's consent without the child's own views recorded apart from the guardian's", () => {
    const situation = aChildConsentRecordingSituation({
      consent: aConsentDraft({ givenBy: aGuardian(), childViews: '  ' }),
    });
    expect(decideConsentRecording(situation)).toEqual({
      outcome: 'refuse',
      refusal: { kind: 'child-views-missing' },
    });
  });

  it('refuses consent when the person was not told who will see the information or that they can withdraw', () => {
    const consent = aConsentDraft();
    const situation = aConsentRecordingSituation({
      consent: {
        ...consent,
        evidence: {
          ...consent.evidence,
          explained: { nrm: true, support: true, whoSees: false, canWithdraw: false },
        },
      },
    });
    expect(decideConsentRecording(situation)).toEqual({
      outcome: 'refuse',
      refusal: { kind: 'explanation-missing', missing: ['whoSees', 'canWithdraw'] },
    });
  });

  it('refuses consent without the language it was explained in', () => {
    const consent = aConsentDraft();
    const situation = aConsentRecordingSituation({
      consent: { ...consent, evidence: { ...consent.evidence, explainedInLanguage: ' ' } },
    });
    expect(decideConsentRecording(situation)).toEqual({
      outcome: 'refuse',
      refusal: { kind: 'explanation-missing', missing: ['language'] },
    });
  });

  it('refuses consent to no category of data', () => {
    const situation = aConsentRecordingSituation({ consent: aConsentDraft({ dataCategories: [] }) });
    expect(decideConsentRecording(situation)).toEqual({
      outcome: 'refuse',
      refusal: { kind: 'no-data-categories' },
    });
  });

  it('refuses consent to share with an organisation that it does not name', () => {
    const situation = aConsentRecordingSituation({
      consent: aConsentDraft({ recipientOrganisationId: null }),
    });
    expect(decideConsentRecording(situation)).toEqual({
      outcome: 'refuse',
      refusal: { kind: 'recipient-missing', purpose: 'share_with_organisation' },
    });
  });

  it('refuses consent dated after today', () => {
    const situation = aConsentRecordingSituation({ consent: aConsentDraft({ givenOn: '2026-03-28' }) });
    expect(decideConsentRecording(situation)).toEqual({
      outcome: 'refuse',
      refusal: { kind: 'given-after-today', givenOn: '2026-03-28', today: TODAY },
    });
  });

  it('refuses consent that expires before it was given', () => {
    const situation = aConsentRecordingSituation({ consent: aConsentDraft({ expiresOn: '2026-03-19' }) });
    expect(decideConsentRecording(situation)).toEqual({
      outcome: 'refuse',
      refusal: { kind: 'expires-before-given', givenOn: '2026-03-20', expiresOn: '2026-03-19' },
    });
  });

  it('never records consent a presumed child gave themselves', () => {
    fc.assert(
      fc.property(anyConsentRecordingSituation, (situation) => {
        if (decideConsentRecording(situation).outcome === 'record' && isPresumedChild(situation.ageInYears))
          expect(situation.consent.givenBy.kind).toBe('guardian');
      }),
    );
  });

  it('never records consent from a guardian unless they were asked and are not suspected', () => {
    fc.assert(
      fc.property(anyConsentRecordingSituation, (situation) => {
        if (
          decideConsentRecording(situation).outcome === 'record' &&
          situation.consent.givenBy.kind === 'guardian'
        )
          expect(situation.guardianSuspectedOfInvolvement).toBe('no');
      }),
    );
  });

  it('records only consent whose every explanation point was covered, and records it not withdrawn', () => {
    fc.assert(
      fc.property(anyConsentRecordingSituation, (situation) => {
        const decision = decideConsentRecording(situation);
        if (decision.outcome !== 'record') return;
        expect(Object.values(situation.consent.evidence.explained).every(Boolean)).toBe(true);
        expect(situation.consent.evidence.explainedInLanguage.trim()).not.toBe('');
        expect(decision.consent.withdrawnOn).toBeNull();
        expect(isConsentInForce(decision.consent, decision.consent.givenOn)).toBe(true);
      }),
    );
  });
});

describe('decideConsentWithdrawal', () => {
  it('withdraws consent on the day asked, without a reason, and says whom to tell', () => {
    expect(decideConsentWithdrawal(aConsent(), TODAY)).toEqual({
      outcome: 'withdraw',
      consent: aConsent({ withdrawnOn: TODAY }),
      revokedCategories: ['identity', 'contact', 'statistics'],
      notifyOrganisationId: SHELTER,
    });
  });

  it('refuses to withdraw consent that was already withdrawn', () => {
    expect(decideConsentWithdrawal(aConsent({ withdrawnOn: '2026-03-22' }), TODAY)).toEqual({
      outcome: 'refuse',
      refusal: { kind: 'already-withdrawn', withdrawnOn: '2026-03-22' },
    });
  });

  it('brings a withdrawal recorded for a later day forward to today', () => {
    expect(decideConsentWithdrawal(aConsent({ withdrawnOn: '2026-05-01' }), TODAY)).toMatchObject({
      outcome: 'withdraw',
      consent: { withdrawnOn: TODAY },
    });
  });

  it('refuses to withdraw consent that already expired', () => {
    expect(decideConsentWithdrawal(aConsent({ expiresOn: '2026-03-26' }), TODAY)).toEqual({
      outcome: 'refuse',
      refusal: { kind: 'already-expired', expiresOn: '2026-03-26' },
    });
  });

  it('refuses a withdrawal dated before the consent was given', () => {
    expect(decideConsentWithdrawal(aConsent({ givenOn: '2026-03-28' }), TODAY)).toEqual({
      outcome: 'refuse',
      refusal: { kind: 'withdrawn-before-given', givenOn: '2026-03-28', today: TODAY },
    });
  });

  it('withdrawing consent removes every category it covered, from that day on', () => {
    fc.assert(
      fc.property(
        anyConsent,
        fc.array(anyConsent, { maxLength: 4 }),
        anyIsoDate,
        (withdrawn, others, today) => {
          const decision = decideConsentWithdrawal(withdrawn, today);
          if (decision.outcome !== 'withdraw') return;
          const recipientOrganisationId = withdrawn.recipientOrganisationId ?? SHELTER;
          const question = { recipientOrganisationId, categories: dataCategories, today };
          const after = consentsCovering([decision.consent, ...others], question);
          expect(after).toEqual(consentsCovering(others, question));
          expect(consentsCovering([decision.consent], question).covered).toEqual([]);
          expect(decision.revokedCategories).toEqual(
            dataCategories.filter((c) => withdrawn.dataCategories.includes(c)),
          );
        },
      ),
    );
  });

  it('a consent in force can always be withdrawn', () => {
    fc.assert(
      fc.property(anyConsent, anyIsoDate, (consent, today) => {
        if (isConsentInForce(consent, today))
          expect(decideConsentWithdrawal(consent, today).outcome).toBe('withdraw');
      }),
    );
  });
});

describe('consentsCovering', () => {
  it('covers the categories a consent in force names for that organisation, and no others', () => {
    const coverage = consentsCovering([aConsent()], {
      recipientOrganisationId: SHELTER,
      categories: ['statistics', 'health', 'identity'],
      today: TODAY,
    });
    expect(coverage).toEqual({
      covered: ['identity', 'statistics'],
      uncovered: ['health'],
      anyConsentInForce: true,
      consentIds: ['consent-1'],
    });
  });

  it('covers nothing for another organisation than the one named', () => {
    const coverage = consentsCovering([aConsent()], {
      recipientOrganisationId: 'org-police',
      categories: ['identity'],
      today: TODAY,
    });
    expect(coverage).toEqual({
      covered: [],
      uncovered: ['identity'],
      anyConsentInForce: false,
      consentIds: [],
    });
  });

  it('adds up several consents to the same organisation', () => {
    const consents = [
      aConsent({ id: 'a', dataCategories: ['identity'] }),
      aConsent({ id: 'b', dataCategories: ['health'] }),
      aConsent({ id: 'c', dataCategories: ['legal'], expiresOn: '2026-03-01' }),
    ];
    const coverage = consentsCovering(consents, {
      recipientOrganisationId: SHELTER,
      categories: ['identity', 'health', 'legal'],
      today: TODAY,
    });
    expect(coverage).toMatchObject({
      covered: ['identity', 'health'],
      uncovered: ['legal'],
      consentIds: ['a', 'b'],
    });
  });

  it('counts only a guardian’s consents when asked to (a child’s own consent does not count)', () => {
    const coverage = consentsCovering([aConsent({ caseId: CASE_ID })], {
      recipientOrganisationId: SHELTER,
      categories: ['identity'],
      today: TODAY,
      onlyGuardianConsents: true,
    });
    expect(coverage.covered).toEqual([]);
  });

  it('covers a category only if some consent in force names it for that organisation', () => {
    fc.assert(
      fc.property(
        fc.array(anyConsent, { maxLength: 6 }),
        anyDataCategories,
        anyIsoDate,
        (consents, asked, today) => {
          const coverage = consentsCovering(consents, {
            recipientOrganisationId: SHELTER,
            categories: asked,
            today,
          });
          for (const category of coverage.covered)
            expect(
              consents.some(
                (consent) =>
                  consent.recipientOrganisationId === SHELTER &&
                  consent.dataCategories.includes(category) &&
                  isConsentInForce(consent, today),
              ),
            ).toBe(true);
          expect([...coverage.covered, ...coverage.uncovered].sort()).toEqual([...new Set(asked)].sort());
        },
      ),
    );
  });

  it('covers nothing the day after every consent expired', () => {
    fc.assert(
      fc.property(fc.array(anyConsent, { maxLength: 6 }), (consents) => {
        const days = consents.map((consent) => consent.expiresOn ?? consent.givenOn).sort();
        const lastDay = days.at(-1) ?? '2025-01-01';
        const expiring = consents.map((consent) => ({
          ...consent,
          expiresOn: consent.expiresOn ?? consent.givenOn,
        }));
        const coverage = consentsCovering(expiring, {
          recipientOrganisationId: SHELTER,
          categories: dataCategories,
          today: addDays(lastDay, 1),
        });
        expect(coverage.covered).toEqual([]);
      }),
    );
  });
});
