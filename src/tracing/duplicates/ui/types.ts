import type { MessageKey } from '../../../web/i18n.js';

// What the de-duplication API returns, as the screens read it (see case-duplicate.schema.ts).

export type CaseSide = {
  caseId: string | null;
  reference: string;
  ownerOrganisationId: string;
  ownerOrganisationName: string | null;
  ownedByYou: boolean;
};

export type DuplicatePair = {
  id: string;
  left: CaseSide;
  right: CaseSide;
  probability: number;
  namesSwapped: boolean;
  comparison: { field: string; level: string; weight: number }[];
  status: 'open' | 'confirmed' | 'rejected';
  proposedAt: string;
  decidedAt: string | null;
  decisionReason: string | null;
  allowedActions: string[];
};

export type PersonsCount = {
  cases: number;
  persons: number;
  confirmedLinks: number;
  openCandidates: number;
  rejectedCandidates: number;
  lastRunAt: string | null;
  disclosureControl: 'not_applied';
};

export const statusKey = (status: DuplicatePair['status']) => `dedup.pair.status.${status}` as MessageKey;
