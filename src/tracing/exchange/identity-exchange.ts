import type { IsoDate } from '../../kernel/dates.js';
import type { MissingPersonDetails } from '../register/missing-person-report.schema.js';

// The identity exchange after a confirmed cross-border match (issue 5 acceptance 5; seed 004 l. 41:
// data processing between countries "always on consent of the victim"; docs/decisions/0026). Pure
// rules: no I/O, no clock — `today` is an argument. An identity crosses only when both sides have
// confirmed the same pair and recorded a consent or a legal basis, and only the groups of fields
// both bases allow.

/** What allows the exchange on one side: the person's consent, their guardian's, or a legal basis. */
export const exchangeBasisKinds = ['consent_of_person', 'consent_of_guardian', 'legal_basis'] as const;
export type ExchangeBasisKind = (typeof exchangeBasisKinds)[number];

/**
 * The groups of a report's identity that can be exchanged. Circumstances, places and dates last
 * seen and distinguishing features are not identity and never cross by this exchange.
 */
export const identityFieldGroups = ['names', 'sex', 'birth', 'citizenship', 'parents', 'languages'] as const;
export type IdentityFieldGroup = (typeof identityFieldGroups)[number];

/** The report's fields in each group. */
export const fieldsOfGroup = {
  names: ['givenName', 'familyName', 'givenNameLatin', 'familyNameLatin', 'aliases'],
  sex: ['sex'],
  birth: ['dateOfBirth', 'ageEstimate', 'placeOfBirth'],
  citizenship: ['citizenship'],
  parents: ['parentNames'],
  languages: ['languages'],
} as const satisfies Record<IdentityFieldGroup, readonly (keyof MissingPersonDetails)[]>;

/** A consent or legal basis as one side records it. The reference never leaves the installation. */
export type ExchangeBasis = {
  kind: ExchangeBasisKind;
  /** The consent form's number, or the law and article. */
  reference: string;
  /** The last day it is in force; null: until withdrawn. */
  expiresOn: IsoDate | null;
  /** The groups of fields it allows to share (or to receive). */
  fields: readonly IdentityFieldGroup[];
};

export const isBasisInForce = (basis: Pick<ExchangeBasis, 'expiresOn'>, today: IsoDate): boolean =>
  basis.expiresOn === null || today <= basis.expiresOn;

/** The groups both lists name, in the canonical order. */
export const commonFields = (
  one: readonly IdentityFieldGroup[],
  other: readonly IdentityFieldGroup[],
): IdentityFieldGroup[] =>
  identityFieldGroups.filter((group) => one.includes(group) && other.includes(group));

export type CandidateState = {
  kind: 'report' | 'case' | 'partner';
  status: 'open' | 'confirmed' | 'rejected';
};
export type PartnerState = { status: 'active' | 'suspended'; hubUrl: string | null };

// ---- Asking a partner (the requesting installation) ---------------------------------------------

export type IdentityRequestSituation = {
  candidate: CandidateState;
  partner: PartnerState;
  basis: ExchangeBasis;
  /** A request for this candidate that is waiting or was answered. */
  hasLiveRequest: boolean;
  today: IsoDate;
};

export type IdentityRequestRefusal =
  | { kind: 'not-partner-candidate' }
  | { kind: 'match-not-confirmed'; status: 'open' | 'rejected' }
  | { kind: 'partner-suspended' }
  | { kind: 'partner-without-hub' }
  | { kind: 'basis-not-in-force'; expiresOn: IsoDate }
  | { kind: 'no-fields' }
  | { kind: 'already-requested' };

export type IdentityRequestDecision =
  | { outcome: 'ask'; fields: IdentityFieldGroup[] }
  | { outcome: 'refuse'; refusal: IdentityRequestRefusal };

export function decideIdentityRequest(situation: IdentityRequestSituation): IdentityRequestDecision {
  const { candidate, partner, basis, today } = situation;
  const refuse = (refusal: IdentityRequestRefusal) => ({ outcome: 'refuse', refusal }) as const;
  if (candidate.kind !== 'partner') return refuse({ kind: 'not-partner-candidate' });
  if (candidate.status !== 'confirmed')
    return refuse({ kind: 'match-not-confirmed', status: candidate.status });
  if (partner.status !== 'active') return refuse({ kind: 'partner-suspended' });
  if (partner.hubUrl === null) return refuse({ kind: 'partner-without-hub' });
  if (!isBasisInForce(basis, today))
    return refuse({ kind: 'basis-not-in-force', expiresOn: basis.expiresOn! });
  const fields = commonFields(basis.fields, identityFieldGroups);
  if (fields.length === 0) return refuse({ kind: 'no-fields' });
  if (situation.hasLiveRequest) return refuse({ kind: 'already-requested' });
  return { outcome: 'ask', fields };
}

// ---- A partner's request arriving at the hub -----------------------------------------------------

export type IncomingRequestSituation = {
  /** This installation's report the partner names; null when no report has that number. */
  report: { erased: boolean } | null;
  /** This installation's candidate for the same pair; null when it never found the pair. */
  candidate: CandidateState | null;
};

export type IncomingRequestRefusal =
  | { kind: 'unknown-record' }
  | { kind: 'record-erased' }
  | { kind: 'no-candidate' }
  | { kind: 'match-rejected' };

/**
 * A request is kept (pending) only for a report of this installation that its own matching paired
 * with the requester's record; an open pair is kept, since the reviewer here may still confirm it.
 */
export function decideIncomingRequest(
  situation: IncomingRequestSituation,
): { outcome: 'keep' } | { outcome: 'refuse'; refusal: IncomingRequestRefusal } {
  const refuse = (refusal: IncomingRequestRefusal) => ({ outcome: 'refuse', refusal }) as const;
  if (situation.report === null) return refuse({ kind: 'unknown-record' });
  if (situation.report.erased) return refuse({ kind: 'record-erased' });
  if (situation.candidate === null) return refuse({ kind: 'no-candidate' });
  if (situation.candidate.status === 'rejected') return refuse({ kind: 'match-rejected' });
  return { outcome: 'keep' };
}

// ---- Releasing the identity (the asked installation) ---------------------------------------------

export type IncomingStatus = 'pending' | 'released' | 'refused' | 'withdrawn';

export type ReleaseSituation = {
  request: { status: IncomingStatus; requestedFields: readonly IdentityFieldGroup[] };
  candidate: CandidateState;
  partner: PartnerState;
  basis: ExchangeBasis;
  reportErased: boolean;
  today: IsoDate;
};

export type ReleaseRefusal =
  | { kind: 'request-withdrawn' }
  | { kind: 'request-decided'; status: 'released' | 'refused' }
  | { kind: 'match-not-confirmed'; status: 'open' | 'rejected' }
  | { kind: 'partner-suspended' }
  | { kind: 'record-erased' }
  | { kind: 'basis-not-in-force'; expiresOn: IsoDate }
  | { kind: 'no-fields-in-common' };

export type ReleaseDecision =
  | { outcome: 'release'; fields: IdentityFieldGroup[] }
  | { outcome: 'refuse'; refusal: ReleaseRefusal };

export function decideRelease(situation: ReleaseSituation): ReleaseDecision {
  const { request, candidate, basis, today } = situation;
  const refuse = (refusal: ReleaseRefusal) => ({ outcome: 'refuse', refusal }) as const;
  if (request.status === 'withdrawn') return refuse({ kind: 'request-withdrawn' });
  if (request.status !== 'pending') return refuse({ kind: 'request-decided', status: request.status });
  if (candidate.status !== 'confirmed')
    return refuse({ kind: 'match-not-confirmed', status: candidate.status });
  if (situation.partner.status !== 'active') return refuse({ kind: 'partner-suspended' });
  if (situation.reportErased) return refuse({ kind: 'record-erased' });
  if (!isBasisInForce(basis, today))
    return refuse({ kind: 'basis-not-in-force', expiresOn: basis.expiresOn! });
  const fields = commonFields(request.requestedFields, basis.fields);
  if (fields.length === 0) return refuse({ kind: 'no-fields-in-common' });
  return { outcome: 'release', fields };
}

/** The identity to release: only the fields of the allowed groups, and only those that are known. */
export function pickIdentity(
  details: MissingPersonDetails,
  fields: readonly IdentityFieldGroup[],
): Partial<MissingPersonDetails> {
  const picked: Record<string, unknown> = {};
  for (const group of fields)
    for (const field of fieldsOfGroup[group])
      if (details[field] !== undefined) picked[field] = details[field];
  return picked as Partial<MissingPersonDetails>;
}

/** The fields of a received identity that its released groups allow; anything else is dropped. */
export function allowedFieldNames(fields: readonly IdentityFieldGroup[]): Set<string> {
  return new Set(fields.flatMap((group) => fieldsOfGroup[group]));
}
