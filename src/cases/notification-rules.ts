import type { CaseEvent } from './case-events.js';
import type { CaseState } from './lifecycle.js';
import type { NewNotification } from './notification.store.js';

// Who must be told what, decided from what just happened (ADR 0024). Pure: the routes write what
// these return in the same transaction as the change itself.

/**
 * 002 l. 1628: "the release of the defendant is notified to the organisations that support and
 * house the victim" — every organisation providing a running service or holding an accepted
 * referral, except the one recording the release (it knows).
 */
export function notificationsForEvent(
  event: CaseEvent,
  state: CaseState,
  context: {
    caseId: string;
    acceptedReferralOrganisationIds: readonly string[];
    recordedByOrganisationId: string;
  },
): NewNotification[] {
  if (event.type !== 'proceedings_stage' || !event.defendantReleased) return [];
  const supporting = new Set<string>(context.acceptedReferralOrganisationIds);
  for (const episode of state.services)
    if (episode.status === 'running') supporting.add(episode.providerOrganisationId);
  supporting.delete(context.recordedByOrganisationId);
  return [...supporting].sort().map((organisationId) => ({
    kind: 'defendant_released' as const,
    to: { organisationId },
    caseId: context.caseId,
    details: { stage: event.stage, releasedOn: event.occurredOn },
  }));
}

export type OwnershipTransferRefusal =
  | { kind: 'same-organisation' }
  | { kind: 'case-closed' }
  | { kind: 'no-accepted-referral'; organisationId: string }
  | { kind: 'reason-missing' };

/**
 * A case changes hands only to an organisation that already holds it by an accepted referral — the
 * person's data went there with consent or on a recorded basis — and with a written reason.
 */
export function decideOwnershipTransfer(situation: {
  currentOwnerId: string;
  toOrganisationId: string;
  caseIsClosed: boolean;
  acceptedReferralOrganisationIds: readonly string[];
  reason: string;
}): { outcome: 'transfer' } | { outcome: 'refuse'; refusal: OwnershipTransferRefusal } {
  const refuse = (refusal: OwnershipTransferRefusal) => ({ outcome: 'refuse' as const, refusal });
  if (situation.toOrganisationId === situation.currentOwnerId) return refuse({ kind: 'same-organisation' });
  if (situation.caseIsClosed) return refuse({ kind: 'case-closed' });
  if (!situation.acceptedReferralOrganisationIds.includes(situation.toOrganisationId))
    return refuse({ kind: 'no-accepted-referral', organisationId: situation.toOrganisationId });
  if (situation.reason.trim() === '') return refuse({ kind: 'reason-missing' });
  return { outcome: 'transfer' };
}
