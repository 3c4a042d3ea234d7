import type { IsoDate } from '../kernel/dates.js';

// Consent as an object, not a checkbox (DESIGN §3; ADR 0011). Who gave it (the person, or a guardian
// for a child), for which purpose, to which organisation, for which categories of data, until when,
// and whether it was withdrawn. The exchange of personal data is "subject to the victim's consent"
// (002 l. 783) and "always on consent of the victim" (004 l. 41); personalised data are never
// exchanged "without the written permission of the victim" (000 l. 165). Pure rules: no I/O, no
// clock — `today` is always an argument.

/** Categories of a case's data, the unit of consent and of need-to-know access (DESIGN §3). */
export const dataCategories = [
  'identity',
  'contact',
  'health',
  'counselling',
  'legal',
  'statistics',
] as const;
export type DataCategory = (typeof dataCategories)[number];

/** Purposes, each asked separately with nothing pre-selected (UX §2.4 step 3). */
export const consentPurposes = [
  'enter_nrm',
  'share_with_organisation',
  'cooperate_with_police',
  'safe_contact',
  'tracing',
  'return_assistance',
] as const;
export type ConsentPurpose = (typeof consentPurposes)[number];

/**
 * Who gave the consent. A guardian (or legal representative) is known by an id: their name lives
 * in the encrypted store like every other name (DESIGN §3 "Pseudonyms").
 */
export type ConsentGiver =
  | { kind: 'person' }
  | {
      kind: 'guardian';
      /** Names live in the encrypted store; keep the guardian's id. */
      guardianName?: never;
      guardianId: string;
      /** The authority that appointed the guardian (Directive 2011/36/EU Art. 14(2)), by id. */
      appointedBy: string;
      appointedOn: IsoDate;
    };

/** What was explained, and how (UX §2.4 step 2; the NRM form's duties). */
export type ConsentEvidence = {
  /** The language the explanation was given in (a language code such as `ro`, `uk`, `vi`). */
  explainedInLanguage: string;
  interpreterUsed: boolean;
  explained: {
    /** What the National Referral Mechanism is. */
    nrm: boolean;
    /** What support is available. */
    support: boolean;
    /** Who will see the information. */
    whoSees: boolean;
    /** That consent can be withdrawn at any time. */
    canWithdraw: boolean;
  };
};

export type Consent = {
  id: string;
  caseId: string;
  givenBy: ConsentGiver;
  purpose: ConsentPurpose;
  /** The named organisation the data may go to; null for purposes that name none (entering the NRM). */
  recipientOrganisationId: string | null;
  dataCategories: readonly DataCategory[];
  givenOn: IsoDate;
  /** The last day the consent is in force; null: until withdrawn. */
  expiresOn: IsoDate | null;
  /** From this day on the consent is no longer in force. */
  withdrawnOn: IsoDate | null;
  evidence: ConsentEvidence;
  /** A child's own views in their own words, apart from the guardian's (UX §2.4). */
  childViews?: string;
};

/** A consent as captured, before it is recorded: it cannot already be withdrawn. */
export type ConsentDraft = Omit<Consent, 'withdrawnOn'>;

/** Under 18, or of unknown age: treated as a child until the age is assessed (DESIGN §2). */
export const isPresumedChild = (ageInYears: number | null): boolean => ageInYears === null || ageInYears < 18;

/** In force from `givenOn` through `expiresOn`, and no longer from the day it is withdrawn. */
export function isConsentInForce(consent: Consent, today: IsoDate): boolean {
  if (today < consent.givenOn) return false;
  if (consent.expiresOn !== null && today > consent.expiresOn) return false;
  if (consent.withdrawnOn !== null && today >= consent.withdrawnOn) return false;
  return true;
}

// ---------------------------------------------------------------------------------------------
// Recording a consent

export type GuardianSuspicion = 'no' | 'yes' | 'not_sure';

export type ConsentRecordingSituation = {
  consent: ConsentDraft;
  /** The person's age in years (an estimate counts); null when not known. */
  ageInYears: number | null;
  /**
   * "Is the parent or guardian suspected of involvement in the exploitation?" — required whenever a
   * guardian gives consent (UX §2.4); null when not asked.
   */
  guardianSuspectedOfInvolvement: GuardianSuspicion | null;
  today: IsoDate;
};

export type ExplanationPoint = 'language' | 'nrm' | 'support' | 'whoSees' | 'canWithdraw';

export type ConsentRecordingRefusal =
  | { kind: 'child-needs-guardian'; presumedChildBecause: 'under-18' | 'age-unknown' }
  | { kind: 'guardian-suspicion-unanswered' }
  | { kind: 'guardian-suspected'; answer: 'yes' | 'not_sure'; pointTo: 'child_protection' }
  | { kind: 'guardian-not-yet-appointed'; appointedOn: IsoDate; givenOn: IsoDate }
  | { kind: 'child-views-missing' }
  | { kind: 'explanation-missing'; missing: ExplanationPoint[] }
  | { kind: 'no-data-categories' }
  | { kind: 'recipient-missing'; purpose: ConsentPurpose }
  | { kind: 'given-after-today'; givenOn: IsoDate; today: IsoDate }
  | { kind: 'expires-before-given'; givenOn: IsoDate; expiresOn: IsoDate };

export type ConsentRecordingDecision =
  | { outcome: 'record'; consent: Consent }
  | { outcome: 'refuse'; refusal: ConsentRecordingRefusal };

const explanationPoints = ['nrm', 'support', 'whoSees', 'canWithdraw'] as const;

/**
 * Whether a consent may be recorded. Checks, in this order: a child consents through a guardian
 * who is not suspected of involvement and was appointed by then, and whose own views are recorded;
 * the explanation was given; the consent names categories (and, for sharing, an organisation); its
 * dates make sense.
 */
export function decideConsentRecording(situation: ConsentRecordingSituation): ConsentRecordingDecision {
  const { consent, ageInYears, guardianSuspectedOfInvolvement: suspicion, today } = situation;
  const refuse = (refusal: ConsentRecordingRefusal): ConsentRecordingDecision => ({
    outcome: 'refuse',
    refusal,
  });
  const child = isPresumedChild(ageInYears);

  if (child && consent.givenBy.kind === 'person')
    return refuse({
      kind: 'child-needs-guardian',
      presumedChildBecause: ageInYears === null ? 'age-unknown' : 'under-18',
    });
  if (consent.givenBy.kind === 'guardian') {
    if (suspicion === null) return refuse({ kind: 'guardian-suspicion-unanswered' });
    if (suspicion !== 'no')
      return refuse({ kind: 'guardian-suspected', answer: suspicion, pointTo: 'child_protection' });
    if (consent.givenBy.appointedOn > consent.givenOn)
      return refuse({
        kind: 'guardian-not-yet-appointed',
        appointedOn: consent.givenBy.appointedOn,
        givenOn: consent.givenOn,
      });
  }
  if (child && (consent.childViews ?? '').trim() === '') return refuse({ kind: 'child-views-missing' });

  const missing: ExplanationPoint[] = [];
  if (consent.evidence.explainedInLanguage.trim() === '') missing.push('language');
  for (const point of explanationPoints) if (!consent.evidence.explained[point]) missing.push(point);
  if (missing.length > 0) return refuse({ kind: 'explanation-missing', missing });

  if (consent.dataCategories.length === 0) return refuse({ kind: 'no-data-categories' });
  if (consent.purpose === 'share_with_organisation' && consent.recipientOrganisationId === null)
    return refuse({ kind: 'recipient-missing', purpose: consent.purpose });
  if (consent.givenOn > today) return refuse({ kind: 'given-after-today', givenOn: consent.givenOn, today });
  if (consent.expiresOn !== null && consent.expiresOn < consent.givenOn)
    return refuse({ kind: 'expires-before-given', givenOn: consent.givenOn, expiresOn: consent.expiresOn });

  return {
    outcome: 'record',
    consent: { ...consent, dataCategories: inCanonicalOrder(consent.dataCategories), withdrawnOn: null },
  };
}

// ---------------------------------------------------------------------------------------------
// Withdrawing a consent: as easy as giving it — no reason, no evidence, effective the same day.

export type ConsentWithdrawalRefusal =
  | { kind: 'already-withdrawn'; withdrawnOn: IsoDate }
  | { kind: 'already-expired'; expiresOn: IsoDate }
  | { kind: 'withdrawn-before-given'; givenOn: IsoDate; today: IsoDate };

export type ConsentWithdrawalDecision =
  | {
      outcome: 'withdraw';
      consent: Consent;
      /** Every category the consent covered: no longer covered by it from `today`. */
      revokedCategories: DataCategory[];
      /** The organisation to tell to stop using the data it received under this consent. */
      notifyOrganisationId: string | null;
    }
  | { outcome: 'refuse'; refusal: ConsentWithdrawalRefusal };

export function decideConsentWithdrawal(consent: Consent, today: IsoDate): ConsentWithdrawalDecision {
  // A withdrawal dated later (recorded in advance) is brought forward to today.
  if (consent.withdrawnOn !== null && consent.withdrawnOn <= today)
    return { outcome: 'refuse', refusal: { kind: 'already-withdrawn', withdrawnOn: consent.withdrawnOn } };
  if (consent.expiresOn !== null && consent.expiresOn < today)
    return { outcome: 'refuse', refusal: { kind: 'already-expired', expiresOn: consent.expiresOn } };
  if (today < consent.givenOn)
    return {
      outcome: 'refuse',
      refusal: { kind: 'withdrawn-before-given', givenOn: consent.givenOn, today },
    };
  return {
    outcome: 'withdraw',
    consent: { ...consent, withdrawnOn: today },
    revokedCategories: inCanonicalOrder(consent.dataCategories),
    notifyOrganisationId: consent.recipientOrganisationId,
  };
}

// ---------------------------------------------------------------------------------------------
// Which categories the consents in force cover for one recipient

export type ConsentCoverageQuestion = {
  recipientOrganisationId: string;
  categories: readonly DataCategory[];
  today: IsoDate;
  /** Count only consents given for these purposes; all purposes when absent. */
  purposes?: readonly ConsentPurpose[];
  /** Count only consents given by a guardian (for a child: the person's own consent does not count). */
  onlyGuardianConsents?: boolean;
};

export type ConsentCoverage = {
  /** The asked categories some consent in force covers, in canonical order. */
  covered: DataCategory[];
  /** The asked categories no consent in force covers. */
  uncovered: DataCategory[];
  /** Whether any consent names this recipient and is in force, whatever its categories. */
  anyConsentInForce: boolean;
  /** The consents in force that cover at least one asked category: the basis of a transfer. */
  consentIds: string[];
};

/** Which of the asked categories the consents in force on `today` cover for this recipient. */
export function consentsCovering(
  consents: readonly Consent[],
  question: ConsentCoverageQuestion,
): ConsentCoverage {
  const asked = inCanonicalOrder(question.categories);
  const inForce = consents.filter(
    (consent) =>
      consent.recipientOrganisationId === question.recipientOrganisationId &&
      (question.purposes === undefined || question.purposes.includes(consent.purpose)) &&
      (!question.onlyGuardianConsents || consent.givenBy.kind === 'guardian') &&
      isConsentInForce(consent, question.today),
  );
  const covered = asked.filter((category) =>
    inForce.some((consent) => consent.dataCategories.includes(category)),
  );
  return {
    covered,
    uncovered: asked.filter((category) => !covered.includes(category)),
    anyConsentInForce: inForce.length > 0,
    consentIds: inForce
      .filter((consent) => consent.dataCategories.some((category) => covered.includes(category)))
      .map((consent) => consent.id),
  };
}

/** Categories without repeats, in the order of `dataCategories`. */
export const inCanonicalOrder = (categories: readonly DataCategory[]): DataCategory[] =>
  dataCategories.filter((category) => categories.includes(category));
