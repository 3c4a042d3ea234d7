// Which answers an organisation may give to a referral now: the same state machine as the server's
// (referral.ts referralTransitions and answeredBy), so the screens offer only answers that can land.

import type { InboxReferral } from './types.js';

export type ReferralAnswer = 'accept' | 'decline' | 'complete' | 'withdraw';

/** What the user's organisation may answer now (referral.ts referralTransitions and answeredBy). */
export function possibleAnswers(
  referral: Pick<InboxReferral, 'status' | 'fromOrganisationId' | 'toOrganisationId'>,
  organisationId: string,
): ReferralAnswer[] {
  const receiving = referral.toOrganisationId === organisationId;
  const referring = referral.fromOrganisationId === organisationId;
  if (referral.status === 'proposed')
    return [
      ...(receiving ? ['accept' as const, 'decline' as const] : []),
      ...(referring ? ['withdraw' as const] : []),
    ];
  if (referral.status === 'accepted')
    return [...(receiving ? ['complete' as const] : []), ...(referring ? ['withdraw' as const] : [])];
  return [];
}
