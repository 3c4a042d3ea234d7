import { z } from 'zod';

// Requests and answers of de-duplication. The answers are allow-lists: zod drops any key they do
// not name, so a column added later cannot leak an identity.

export const DuplicateCandidateParams = z.strictObject({ candidateId: z.uuid('Not a candidate id') });

export const DuplicateListQuery = z.strictObject({
  status: z
    .enum(['open', 'confirmed', 'rejected'], { error: 'Choose open, confirmed or rejected' })
    .default('open'),
  limit: z.coerce.number().int().min(1).max(200).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});

export const DuplicateDecision = z.strictObject({
  reason: z
    .string({ error: 'Enter the reason for your decision' })
    .trim()
    .min(1, 'Enter the reason for your decision')
    .max(2000, 'The reason is at most 2000 characters'),
});

/** Nothing to choose: a run always covers every case. Strict, so a stray field is named and refused. */
export const DuplicateRunRequest = z.strictObject({}).default({});

const CaseSide = z.object({
  /** The case's id when the actor may open it under the case rules; null: shown by reference only. */
  caseId: z.uuid().nullable(),
  reference: z.string(),
  ownerOrganisationId: z.uuid(),
  ownerOrganisationName: z.string().nullable(),
  /** The case belongs to the actor's organisation. */
  ownedByYou: z.boolean(),
});

export const DuplicateCandidateView = z.object({
  id: z.uuid(),
  left: CaseSide,
  right: CaseSide,
  probability: z.number(),
  namesSwapped: z.boolean(),
  comparison: z.array(z.object({ field: z.string(), level: z.string(), weight: z.number() })),
  status: z.enum(['open', 'confirmed', 'rejected']),
  proposedAt: z.string(),
  decidedAt: z.string().nullable(),
  /** Only for the deciding organisation's staff: free text may name someone. */
  decisionReason: z.string().nullable(),
  allowedActions: z.array(z.string()),
});
export type DuplicateCandidateView = z.infer<typeof DuplicateCandidateView>;

export const DuplicateRunView = z.object({
  cases: z.number().int(),
  unreadable: z.number().int(),
  compared: z.number().int(),
  proposed: z.number().int(),
  rescored: z.number().int(),
  leftDecided: z.number().int(),
  milliseconds: z.number().int(),
});

export const PersonsCountView = z.object({
  cases: z.number().int(),
  persons: z.number().int(),
  confirmedLinks: z.number().int(),
  openCandidates: z.number().int(),
  rejectedCandidates: z.number().int(),
  lastRunAt: z.string().nullable(),
  disclosureControl: z.literal('not_applied'),
});
