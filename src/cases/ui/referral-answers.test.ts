import { describe, expect, it } from 'vitest';
import { referralTransitions } from '../referral.js';
import { possibleAnswers } from './referral-answers.js';

const referrer = 'a0000000-0000-4000-8000-000000000001';
const receiver = 'a0000000-0000-4000-8000-000000000002';
const other = 'a0000000-0000-4000-8000-000000000003';
const referral = (status: keyof typeof referralTransitions) => ({
  status,
  fromOrganisationId: referrer,
  toOrganisationId: receiver,
});

describe('the answers a referral screen offers', () => {
  it('offer the receiver accept or decline, then complete; the referrer withdraw while open', () => {
    expect(possibleAnswers(referral('proposed'), receiver)).toEqual(['accept', 'decline']);
    expect(possibleAnswers(referral('proposed'), referrer)).toEqual(['withdraw']);
    expect(possibleAnswers(referral('accepted'), receiver)).toEqual(['complete']);
    expect(possibleAnswers(referral('accepted'), referrer)).toEqual(['withdraw']);
    expect(possibleAnswers(referral('proposed'), other)).toEqual([]);
  });

  it('offer only what the server’s state machine allows', () => {
    for (const status of Object.keys(referralTransitions) as (keyof typeof referralTransitions)[])
      for (const organisation of [referrer, receiver])
        for (const answer of possibleAnswers(referral(status), organisation))
          expect(Object.keys(referralTransitions[status]), `${status} ${answer}`).toContain(answer);
  });
});
