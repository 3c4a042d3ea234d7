import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Organisation } from '../directory/index.js';
import type { IsoDate } from '../kernel/dates.js';
import type { Identity } from '../persons/index.js';
import { listAudit } from '../security/audit.store.js';
import { aTestPalermo, type SignedIn, type TestPalermo, type TestUser } from '../test-app.js';
import { addBuilderOrganisations, anEvent } from './test-builders.js';

// The clock reads 2026-03-27 (Europe/Bucharest); cases are identified a week earlier, consent given
// the day before. The owner is an NGO's case worker; the receiver a shelter's case worker.
const IDENTIFIED_ON: IsoDate = '2026-03-20';
const GIVEN_ON: IsoDate = '2026-03-26';
const OVERRIDE_REASON = 'Immediate danger: the person needs a safe place tonight.';

let palermo: TestPalermo;
let owner: TestUser;
let asOwner: SignedIn;
let shelter: Organisation;
let asReceiver: SignedIn;
beforeAll(async () => {
  palermo = await aTestPalermo();
  await addBuilderOrganisations(palermo);
  owner = await palermo.aUser(['case_worker']);
  asOwner = await palermo.signIn(owner);
  shelter = await palermo.anOrganisation({ kind: 'shelter', region: 'north' });
  asReceiver = await palermo.signIn(await palermo.aUser(['case_worker'], { organisationId: shelter.id }));
});
afterAll(() => palermo.close());

let counter = 0;
function anIdentity(): Identity {
  counter += 1;
  return {
    fullName: `Ana Referral ${counter}`,
    sex: 'female',
    dateOfBirth: { year: 1999 },
    citizenship: 'MDA',
    documents: [{ kind: 'passport', number: `RF${String(700000 + counter)}`, issuingCountry: 'MDA' }],
  };
}

async function anOpenCase(): Promise<{ id: string; personId: string }> {
  const { type: _type, ...identified } = anEvent('identified', {
    occurredOn: IDENTIFIED_ON,
    identifyingOrganisationId: owner.organisationId,
    isChild: false,
  });
  const response = await asOwner.request('POST', '/api/cases', { identity: anIdentity(), identified });
  if (response.statusCode !== 201) throw new Error(`opening failed: ${response.statusCode} ${response.body}`);
  return response.json();
}

const aConsent = (overrides: object = {}) => ({
  givenBy: { kind: 'person' },
  purpose: 'share_with_organisation',
  recipientOrganisationId: shelter.id,
  dataCategories: ['identity', 'statistics'],
  givenOn: GIVEN_ON,
  evidence: {
    explainedInLanguage: 'ro',
    interpreterUsed: false,
    explained: { nrm: true, support: true, whoSees: true, canWithdraw: true },
  },
  ...overrides,
});

const aReferral = (overrides: object = {}) => ({
  toOrganisationId: shelter.id,
  services: ['safe_accommodation'],
  categories: ['identity', 'statistics'],
  ...overrides,
});

async function consentTo(caseId: string): Promise<string> {
  const response = await asOwner.request('POST', `/api/cases/${caseId}/consents`, aConsent());
  if (response.statusCode !== 201) throw new Error(`consent failed: ${response.statusCode} ${response.body}`);
  return response.json().id;
}

async function aReferredCase() {
  const opened = await anOpenCase();
  const consentId = await consentTo(opened.id);
  const response = await asOwner.request('POST', `/api/cases/${opened.id}/referrals`, aReferral());
  if (response.statusCode !== 201)
    throw new Error(`referral failed: ${response.statusCode} ${response.body}`);
  return { ...opened, consentId, referralId: response.json().id as string };
}

const respond = (by: SignedIn, referralId: string, body: object) =>
  by.request('POST', `/api/referrals/${referralId}/response`, body);

describe('recording consent', () => {
  it('records a consent (201, audited) and lists it with the case', async () => {
    const opened = await anOpenCase();
    const response = await asOwner.request('POST', `/api/cases/${opened.id}/consents`, aConsent());
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({
      purpose: 'share_with_organisation',
      dataCategories: ['identity', 'statistics'],
      withdrawnOn: null,
      inForce: true,
    });
    const listed = await asOwner.request('GET', `/api/cases/${opened.id}/consents`);
    expect(listed.json().consents).toHaveLength(1);
    const [entry] = await listAudit(palermo.db, { limit: 1, subjectId: opened.id });
    expect(entry).toMatchObject({ action: 'consent.record' });
  });

  it('refuses a consent that names no recipient for sharing with 422', async () => {
    const opened = await anOpenCase();
    const response = await asOwner.request(
      'POST',
      `/api/cases/${opened.id}/consents`,
      aConsent({ recipientOrganisationId: null }),
    );
    expect(response.statusCode).toBe(422);
    expect(response.json().type).toBe('/problems/consent/recipient-missing');
  });
});

describe('referring a case', () => {
  it('answers 401 to a request without a session', async () => {
    const opened = await anOpenCase();
    const response = await palermo.app.inject({
      method: 'POST',
      url: `/api/cases/${opened.id}/referrals`,
      payload: aReferral(),
    });
    expect(response.statusCode).toBe(401);
  });

  it("answers 404 for another organisation's case", async () => {
    const opened = await anOpenCase();
    const stranger = await palermo.signIn(await palermo.aUser(['case_worker']));
    const response = await stranger.request('POST', `/api/cases/${opened.id}/referrals`, aReferral());
    expect(response.statusCode).toBe(404);
  });

  it('refuses a role that may not refer with 403', async () => {
    const opened = await anOpenCase();
    const rapporteur = await palermo.signIn(await palermo.aUser(['national_rapporteur']));
    const response = await rapporteur.request('POST', `/api/cases/${opened.id}/referrals`, aReferral());
    expect(response.statusCode).toBe(403);
  });

  it('refers with the categories a consent covers, records referral_sent and audits it', async () => {
    const opened = await anOpenCase();
    await consentTo(opened.id);
    const response = await asOwner.request(
      'POST',
      `/api/cases/${opened.id}/referrals`,
      aReferral({ categories: ['identity', 'health', 'statistics'] }),
    );
    expect(response.statusCode).toBe(201);
    expect(response.json()).toEqual({
      id: expect.any(String),
      status: 'proposed',
      sharedCategories: ['identity', 'statistics'],
      withheldCategories: ['health'],
      override: null,
    });
    const timeline = (await asOwner.request('GET', `/api/cases/${opened.id}`)).json().timeline;
    expect(timeline[0]).toMatchObject({ type: 'referral_sent' });
    const [entry] = await listAudit(palermo.db, { limit: 1, subjectId: opened.id });
    expect(entry).toMatchObject({ action: 'referral.create' });
  });

  it('refuses a referral without consent with 422 no-consent, and writes nothing', async () => {
    const opened = await anOpenCase();
    const response = await asOwner.request('POST', `/api/cases/${opened.id}/referrals`, aReferral());
    expect(response.statusCode).toBe(422);
    expect(response.json().type).toBe('/problems/referral/no-consent');
    const timeline = (await asOwner.request('GET', `/api/cases/${opened.id}`)).json().timeline;
    expect(timeline.map((entry: { type: string }) => entry.type)).toEqual(['identified']);
    const sent = (await asOwner.request('GET', '/api/referrals?direction=sent')).json().referrals;
    expect(sent.some((referral: { caseId: string }) => referral.caseId === opened.id)).toBe(false);
  });

  it('refuses an override without a written reason with 422', async () => {
    const opened = await anOpenCase();
    const response = await asOwner.request(
      'POST',
      `/api/cases/${opened.id}/referrals`,
      aReferral({ override: { legalBasis: 'LAW-241/2005-art.17', reason: '' } }),
    );
    expect(response.statusCode).toBe(422);
    expect(response.json()).toMatchObject({
      type: '/problems/referral/override-needs-reason',
      missing: ['reason'],
    });
  });

  it('refers on a legal basis with a reason, audited as an override for the DPO without the reason text', async () => {
    const opened = await anOpenCase();
    const response = await asOwner.request(
      'POST',
      `/api/cases/${opened.id}/referrals`,
      aReferral({ override: { legalBasis: 'LAW-241/2005-art.17', reason: OVERRIDE_REASON } }),
    );
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({
      sharedCategories: ['identity', 'statistics'],
      override: { legalBasis: 'LAW-241/2005-art.17', notifyDataProtectionOfficer: true },
    });
    const [override] = await listAudit(palermo.db, {
      limit: 1,
      subjectId: opened.id,
      action: 'referral.override',
    });
    expect(override).toMatchObject({
      details: { legalBasis: 'LAW-241/2005-art.17', flaggedForDataProtectionOfficer: true },
    });
    expect(JSON.stringify(override)).not.toContain('Immediate danger');
    const [created] = await listAudit(palermo.db, {
      limit: 1,
      subjectId: opened.id,
      action: 'referral.create',
    });
    expect(created).toBeDefined();
  });
});

describe('answering a referral', () => {
  it("shows the receiver its inbox without the person's identity", async () => {
    const referred = await aReferredCase();
    const response = await asReceiver.request('GET', '/api/referrals?direction=received&status=proposed');
    expect(response.statusCode).toBe(200);
    const referral = response
      .json()
      .referrals.find((candidate: { id: string }) => candidate.id === referred.referralId);
    expect(referral).toMatchObject({
      caseId: referred.id,
      status: 'proposed',
      services: ['safe_accommodation'],
      presumedChild: false,
      stage: 'presumed_victim',
      region: 'capital',
    });
    expect(response.body).not.toContain(referred.personId);
    expect(response.body).not.toContain('Ana Referral');
  });

  it('lets the receiver see the case once it accepts, and not before', async () => {
    const referred = await aReferredCase();
    expect((await asReceiver.request('GET', `/api/cases/${referred.id}`)).statusCode).toBe(404);
    const accepted = await respond(asReceiver, referred.referralId, { kind: 'accept' });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json()).toMatchObject({ status: 'accepted' });
    const response = await asReceiver.request('GET', `/api/cases/${referred.id}`);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      personId: referred.personId,
      readableCategories: ['identity', 'statistics'],
    });
    expect(response.json().timeline[0]).toMatchObject({ type: 'referral_accepted' });
  });

  it('takes the shared categories away from the receiver as soon as the consent is withdrawn', async () => {
    const referred = await aReferredCase();
    await respond(asReceiver, referred.referralId, { kind: 'accept' });
    const withdrawal = await asOwner.request(
      'POST',
      `/api/cases/${referred.id}/consents/${referred.consentId}/withdrawal`,
    );
    expect(withdrawal.statusCode).toBe(200);
    expect(withdrawal.json()).toMatchObject({
      notifyOrganisationId: shelter.id,
      consent: { inForce: false },
    });
    const response = await asReceiver.request('GET', `/api/cases/${referred.id}`);
    expect(response.json()).toMatchObject({ personId: null, readableCategories: [] });
  });

  it('refuses a decline without a reason with 422', async () => {
    const referred = await aReferredCase();
    const response = await respond(asReceiver, referred.referralId, { kind: 'decline' });
    expect(response.statusCode).toBe(422);
    expect(response.json().type).toBe('/problems/referral/decline-needs-reason');
    const declined = await respond(asReceiver, referred.referralId, {
      kind: 'decline',
      reason: 'No bed free this month',
      declineReason: 'no_capacity',
    });
    expect(declined.json()).toMatchObject({ status: 'declined' });
  });

  it('refuses a second accept with 409', async () => {
    const referred = await aReferredCase();
    expect((await respond(asReceiver, referred.referralId, { kind: 'accept' })).statusCode).toBe(200);
    const again = await respond(asReceiver, referred.referralId, { kind: 'accept' });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({
      type: '/problems/referral/transition-not-allowed',
      referralStatus: 'accepted',
    });
  });
});
