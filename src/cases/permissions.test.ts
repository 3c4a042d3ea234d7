import { describe, expect, it } from 'vitest';
import { loadDeployment } from '../deployment.js';
import { declarations } from '../main.js';
import type { UserActor } from '../security/actor.js';
import { Policy } from '../security/permissions.js';
import { roles } from '../security/roles.js';
import { dataCategories } from './consent.js';
import { caseCategoryAccess } from './need-to-know.js';

// The demo permissions file and need-to-know.ts's table say the same thing about an organisation's
// own cases, for every role and category: neither can drift without this failing.

const policy = Policy.parse(loadDeployment('demo').permissions, declarations);
const now = new Date('2026-03-27T09:00:00Z');
const ownOrganisation = '7f0e2c1a-5b3d-4e6f-8a9b-0c1d2e3f4a5b';
const otherOrganisation = '8a1f3d2b-6c4e-4f70-9bac-1d2e3f4a5b6c';
const anActor = (role: (typeof roles)[number]): UserActor => ({
  kind: 'user',
  id: `user-${role}`,
  organisationId: ownOrganisation,
  roles: [role],
  sessionId: 'session',
  secondFactorRequired: false,
  secondFactorVerified: true,
});
const ownCase = { ownerOrganisationId: ownOrganisation };
const anotherOrganisationsCase = { ownerOrganisationId: otherOrganisation };
const referredCase = {
  ownerOrganisationId: otherOrganisation,
  acceptedReferralOrganisationIds: [ownOrganisation],
};

describe('the demo permissions for case data', () => {
  it.each(roles)('grant a %s exactly the categories of an own case that need-to-know allows', (role) => {
    const granted = dataCategories.filter((category) =>
      policy.categoryAllows(anActor(role), 'case', category, ownCase, now),
    );
    const table = dataCategories.filter((category) => caseCategoryAccess[role].owner[category]);
    expect(granted).toEqual(table);
  });

  it.each(roles)(
    'let a %s who may view an own case read exactly the categories need-to-know allows',
    (role) => {
      const actor = anActor(role);
      const table = dataCategories.filter((category) => caseCategoryAccess[role].owner[category]);
      if (!policy.decide({ actor, action: 'case.view', record: ownCase, now }).allowed) {
        // Roles that never open a case read at most statistics, from the statistics views.
        expect(table.filter((category) => category !== 'statistics')).toEqual([]);
        return;
      }
      const readable = dataCategories.filter(
        (category) => policy.decide({ actor, action: 'case.view', record: ownCase, category, now }).allowed,
      );
      expect(readable).toEqual(table);
    },
  );

  it.each(roles)("never let a %s view another organisation's case without a relationship", (role) => {
    const decision = policy.decide({
      actor: anActor(role),
      action: 'case.view',
      record: anotherOrganisationsCase,
      now,
    });
    expect(decision.allowed).toBe(false);
  });

  it.each(roles)(
    'grant a %s of an organisation holding an accepted referral at most what need-to-know allows it',
    (role) => {
      // The policy is the ceiling; consent narrows it further at read time (the case view).
      const granted = dataCategories.filter((category) =>
        policy.categoryAllows(anActor(role), 'case', category, referredCase, now),
      );
      const table = dataCategories.filter((category) => caseCategoryAccess[role].referred_accepted[category]);
      expect(granted).toEqual(table);
    },
  );
});
