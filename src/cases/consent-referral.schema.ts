import { z } from 'zod';
import { isoDate } from './case-events.js';
import { consentPurposes, dataCategories } from './consent.js';
import { referralStatuses } from './referral.js';
import { referralDeclineReasons, serviceKinds } from './vocabulary.js';

// Requests are checked field by field; responses are allow-lists: a key not named here never leaves.

const setOf = <const Values extends readonly [string, ...string[]]>(values: Values) =>
  z
    .array(z.enum(values))
    .refine((chosen) => new Set(chosen).size === chosen.length, { message: 'Choose each value once' });

export const ConsentParams = z.strictObject({
  caseId: z.uuid('Not a case id'),
  consentId: z.uuid('Not a consent id'),
});

export const ConsentInput = z.strictObject({
  givenBy: z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('person') }),
    z.strictObject({
      kind: z.literal('guardian'),
      guardianId: z.uuid('Not a guardian id'),
      appointedBy: z.uuid('Not an organisation id'),
      appointedOn: isoDate,
    }),
  ]),
  purpose: z.enum(consentPurposes, { error: 'Choose a purpose' }),
  recipientOrganisationId: z.uuid('Not an organisation id').nullable().default(null),
  dataCategories: setOf(dataCategories),
  givenOn: isoDate,
  expiresOn: isoDate.nullable().default(null),
  evidence: z.strictObject({
    explainedInLanguage: z.string().max(16),
    interpreterUsed: z.boolean(),
    explained: z.strictObject({
      nrm: z.boolean(),
      support: z.boolean(),
      whoSees: z.boolean(),
      canWithdraw: z.boolean(),
    }),
  }),
  /** Checked to be present for a child; not stored until it can be sealed (only that it was given). */
  childViews: z.string().max(4000).optional(),
  guardianSuspectedOfInvolvement: z.enum(['no', 'yes', 'not_sure']).nullable().default(null),
});

export const ConsentView = z.object({
  id: z.uuid(),
  caseId: z.uuid(),
  givenBy: z.object({
    kind: z.enum(['person', 'guardian']),
    guardianId: z.uuid().nullable(),
    appointedBy: z.uuid().nullable(),
    appointedOn: isoDate.nullable(),
  }),
  purpose: z.enum(consentPurposes),
  recipientOrganisationId: z.uuid().nullable(),
  dataCategories: z.array(z.enum(dataCategories)),
  givenOn: isoDate,
  expiresOn: isoDate.nullable(),
  withdrawnOn: isoDate.nullable(),
  evidence: z.object({
    explainedInLanguage: z.string(),
    interpreterUsed: z.boolean(),
    explained: z.object({
      nrm: z.boolean(),
      support: z.boolean(),
      whoSees: z.boolean(),
      canWithdraw: z.boolean(),
    }),
  }),
  childViewsRecorded: z.boolean(),
  inForce: z.boolean(),
});

export const ConsentWithdrawalView = z.object({
  consent: ConsentView,
  revokedCategories: z.array(z.enum(dataCategories)),
  notifyOrganisationId: z.uuid().nullable(),
});

export const ReferralInput = z.strictObject({
  toOrganisationId: z.uuid('Not an organisation id'),
  services: setOf(serviceKinds),
  categories: setOf(dataCategories),
  override: z.strictObject({ legalBasis: z.string().max(200), reason: z.string().max(2000) }).optional(),
});

export const ReferralCreatedView = z.object({
  id: z.uuid(),
  status: z.literal('proposed'),
  sharedCategories: z.array(z.enum(dataCategories)),
  withheldCategories: z.array(z.enum(dataCategories)),
  override: z
    .object({
      legalBasis: z.string(),
      categoriesOnLegalBasis: z.array(z.enum(dataCategories)),
      notifyDataProtectionOfficer: z.literal(true),
    })
    .nullable(),
});

export const ReferralParams = z.strictObject({ referralId: z.uuid('Not a referral id') });

export const ReferralInboxQuery = z.strictObject({
  direction: z.enum(['received', 'sent']).default('received'),
  status: z.enum(referralStatuses, { error: 'Choose a status' }).optional(),
});

/** What the receiver needs to decide: no identity, no person id, no free text. */
export const InboxReferralView = z.object({
  id: z.uuid(),
  caseId: z.uuid(),
  /** The case's pseudonymous number: no identity. */
  caseReference: z.string(),
  status: z.enum(referralStatuses),
  fromOrganisationId: z.uuid(),
  toOrganisationId: z.uuid(),
  services: z.array(z.enum(serviceKinds)),
  sharedCategories: z.array(z.enum(dataCategories)),
  proposedOn: isoDate,
  respondedOn: isoDate.nullable(),
  presumedChild: z.boolean(),
  stage: z.string(),
  /** The referring organisation's region: where the person is, at region level. */
  region: z.string().nullable(),
  overridden: z.boolean(),
});

export const ReferralResponseInput = z.strictObject({
  kind: z.enum(['accept', 'decline', 'complete', 'withdraw']),
  reason: z.string().max(2000).optional(),
  /** For a decline: the coded reason the case history keeps. */
  declineReason: z.enum(referralDeclineReasons).default('other'),
});

export const ReferralResponseView = z.object({
  id: z.uuid(),
  status: z.enum(referralStatuses),
  respondedOn: isoDate,
});

/** A referral as the case lists it: who referred whom, for what, with which data, and the answer. */
export const CaseReferralView = z.object({
  id: z.uuid(),
  status: z.enum(referralStatuses),
  fromOrganisationId: z.uuid(),
  toOrganisationId: z.uuid(),
  services: z.array(z.enum(serviceKinds)),
  sharedCategories: z.array(z.enum(dataCategories)),
  proposedOn: isoDate,
  respondedOn: isoDate.nullable(),
  overridden: z.boolean(),
});
