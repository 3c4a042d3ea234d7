import { z } from 'zod';
import { isoDate } from './case-events.js';
import { dataCategories } from './consent.js';

// Requests are checked field by field; responses are allow-lists: a key not named here never leaves.

const categories = z
  .array(z.enum(dataCategories, { error: 'Choose a data category' }))
  .refine((chosen) => new Set(chosen).size === chosen.length, { message: 'Choose each category once' });

export const RestrictedNoticeInput = z.strictObject({
  /** The restricted-notice officer who will know the identity and decide every request. */
  designatedOfficerId: z.uuid('Not a user id'),
  flaggedOn: isoDate,
});

export const RestrictedNoticeView = z.object({
  id: z.uuid(),
  caseId: z.uuid(),
  designatedOfficerId: z.uuid(),
  flaggedOn: isoDate,
});

export const NoticeLiftInput = z.strictObject({ liftedOn: isoDate });

export const AccessRequestInput = z.strictObject({
  /** The number by which the person is known: the case reference. */
  caseReference: z.string().trim().min(1, 'Enter the case number').max(40),
  purpose: z.string().trim().min(1, 'Say why access is needed').max(2000),
  categories: categories.min(1, 'Choose at least one data category'),
});

export const AccessRequestParams = z.strictObject({ requestId: z.uuid('Not a request id') });

export const AccessDecisionInput = z.discriminatedUnion('decision', [
  z.strictObject({
    decision: z.literal('grant'),
    purpose: z.string().trim().min(1, 'Say for what purpose access is granted').max(2000),
    categories: categories.min(1, 'Choose at least one data category'),
    endsOn: isoDate,
    protectionOfficeExaminedOn: isoDate,
  }),
  z.strictObject({
    decision: z.literal('refuse'),
    reason: z.string().trim().min(1, 'Say why access is refused').max(2000),
  }),
]);

export const AccessRequestView = z.object({
  id: z.uuid(),
  caseReference: z.string(),
  requestingOrganisationId: z.uuid(),
  purpose: z.string(),
  categories: z.array(z.enum(dataCategories)),
  requestedOn: isoDate,
  status: z.enum(['pending', 'granted', 'refused']),
  decidedOn: isoDate.nullable(),
  refusalReason: z.string().nullable(),
  /** Whether the actor is the officer who decides it. */
  decidedByActor: z.boolean(),
});
