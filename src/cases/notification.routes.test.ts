import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Organisation } from '../directory/index.js';
import { aTestPalermo, type SignedIn, type TestPalermo, type TestUser } from '../test-app.js';
import { anEvent } from './test-builders.js';

// Notifications owed by the referral mechanism and the explicit transfer of a case (ADR 0024).

let palermo: TestPalermo;
let owner: TestUser;
let asOwner: SignedIn;
let shelter: Organisation;
let asShelter: SignedIn;
let asDpo: SignedIn;
beforeAll(async () => {
  palermo = await aTestPalermo();
  owner = await palermo.aUser(['case_worker']);
  asOwner = await palermo.signIn(owner);
  shelter = await palermo.anOrganisation({ kind: 'shelter', region: 'north' });
  asShelter = await palermo.signIn(await palermo.aUser(['shelter_staff'], { organisationId: shelter.id }));
  asDpo = await palermo.signIn(await palermo.aUser(['data_protection_officer']));
});
afterAll(() => palermo.close());

async function aReferredCase(options: { override?: boolean } = {}) {
  const { type: _type, ...identified } = anEvent('identified', {
    occurredOn: '2026-03-20',
    identifyingOrganisationId: owner.organisationId,
    isChild: false,
  });
  const opened = await asOwner.request('POST', '/api/cases', {
    identity: { fullName: 'Lia Notice', sex: 'female' },
    identified,
  });
  const caseId = opened.json().id as string;
  const consent = await asOwner.request('POST', `/api/cases/${caseId}/consents`, {
    givenBy: { kind: 'person' },
    purpose: 'share_with_organisation',
    recipientOrganisationId: shelter.id,
    dataCategories: ['identity', 'statistics'],
    givenOn: '2026-03-26',
    evidence: {
      explainedInLanguage: 'ro',
      interpreterUsed: false,
      explained: { nrm: true, support: true, whoSees: true, canWithdraw: true },
    },
  });
  const referral = await asOwner.request('POST', `/api/cases/${caseId}/referrals`, {
    toOrganisationId: shelter.id,
    services: ['safe_accommodation'],
    categories: options.override ? ['identity', 'health', 'statistics'] : ['identity', 'statistics'],
    ...(options.override
      ? { override: { legalBasis: 'Health Act art. 5 (synthetic)', reason: 'Urgent medical care tonight.' } }
      : {}),
  });
  expect(referral.statusCode, referral.body).toBe(201);
  await asShelter.request('POST', `/api/referrals/${referral.json().id}/response`, { kind: 'accept' });
  return { caseId, consentId: consent.json().id as string };
}

const notificationsOf = async (as: SignedIn, caseId: string) => {
  const response = await as.request('GET', '/api/notifications');
  expect(response.statusCode).toBe(200);
  return response.json().notifications.filter((entry: { caseId: string }) => entry.caseId === caseId);
};

describe('notifications', () => {
  it('tells the receiving organisation when the consent it relied on is withdrawn', async () => {
    const { caseId, consentId } = await aReferredCase();
    await asOwner.request('POST', `/api/cases/${caseId}/consents/${consentId}/withdrawal`);
    const [notification] = await notificationsOf(asShelter, caseId);
    expect(notification).toMatchObject({
      kind: 'consent_withdrawn',
      details: { consentId },
      acknowledged: false,
    });
    expect(JSON.stringify(notification)).not.toContain('Lia');
    const acknowledged = await asShelter.request(
      'POST',
      `/api/notifications/${notification.id}/acknowledgement`,
    );
    expect(acknowledged.statusCode).toBe(204);
    expect(
      (await asOwner.request('POST', `/api/notifications/${notification.id}/acknowledgement`)).statusCode,
    ).toBe(404);
    const unacknowledged = await asShelter.request('GET', '/api/notifications?unacknowledged=true');
    expect(
      unacknowledged.json().notifications.some((entry: { id: string }) => entry.id === notification.id),
    ).toBe(false);
  });

  it('tells the data protection officer of every override without consent', async () => {
    const { caseId } = await aReferredCase({ override: true });
    const [notification] = await notificationsOf(asDpo, caseId);
    expect(notification).toMatchObject({
      kind: 'override_without_consent',
      details: { toOrganisationId: shelter.id },
    });
    expect(await notificationsOf(asShelter, caseId)).toEqual([]);
  });

  it("tells the organisations that support and house the person of the defendant's release (002 l. 1628)", async () => {
    const { caseId } = await aReferredCase();
    const released = await asOwner.request('POST', `/api/cases/${caseId}/events`, {
      type: 'proceedings_stage',
      occurredOn: '2026-03-27',
      stage: 'trial',
      defendantReleased: true,
    });
    expect(released.statusCode, released.body).toBe(201);
    const [notification] = await notificationsOf(asShelter, caseId);
    expect(notification).toMatchObject({ kind: 'defendant_released', details: { stage: 'trial' } });
  });

  it('refuses an event naming an organisation the directory does not know, naming the field', async () => {
    const { caseId } = await aReferredCase();
    const response = await asOwner.request('POST', `/api/cases/${caseId}/events`, {
      type: 'service_started',
      occurredOn: '2026-03-27',
      serviceKind: 'safe_accommodation',
      providerOrganisationId: '6f1d1c55-0000-4000-8000-000000000000',
    });
    expect(response.statusCode).toBe(422);
    expect(response.json().errors[0].pointer).toBe('/body/providerOrganisationId');
  });
});

describe('transferring a case', () => {
  it('hands the case only to an organisation that accepted a referral, with a reason, and tells it', async () => {
    const { caseId } = await aReferredCase();
    const stranger = await palermo.anOrganisation({ kind: 'ngo' });
    const refused = await asOwner.request('POST', `/api/cases/${caseId}/ownership-transfer`, {
      toOrganisationId: stranger.id,
      reason: 'Moving region',
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().errors[0].pointer).toBe('/body/toOrganisationId');
    const transferred = await asOwner.request('POST', `/api/cases/${caseId}/ownership-transfer`, {
      toOrganisationId: shelter.id,
      reason: 'The person moved into the shelter for the long term.',
    });
    expect(transferred.statusCode).toBe(204);
    const view = await asShelter.request('GET', `/api/cases/${caseId}`);
    expect(view.json().ownerOrganisationId).toBe(shelter.id);
    expect((await asOwner.request('GET', `/api/cases/${caseId}`)).statusCode).toBe(404);
    const [notification] = await notificationsOf(asShelter, caseId);
    expect(notification).toMatchObject({ kind: 'ownership_transferred' });
  });
});
