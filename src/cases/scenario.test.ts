import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Organisation } from '../directory/index.js';
import { aTestPalermo, type SignedIn, type TestPalermo, type TestUser } from '../test-app.js';

// Issue 3, acceptance 13: two people through the whole referral mechanism over the HTTP API, across
// four organisations — police, an NGO, a shelter and social services — asserting at each step what
// each organisation can and cannot read. The clock reads 2026-03-27 until the one-year follow-up.

let palermo: TestPalermo;
let police: Organisation;
let ngo: Organisation;
let shelter: Organisation;
let social: Organisation;
const users = new Map<string, TestUser>();
const sessions = new Map<string, SignedIn>();
const as = (key: string) => sessions.get(key)!;

async function signEveryoneIn() {
  for (const [key, user] of users) sessions.set(key, await palermo.signIn(user));
}

beforeAll(async () => {
  palermo = await aTestPalermo();
  police = await palermo.anOrganisation({ kind: 'police', region: 'north', name: 'Scenario police' });
  ngo = await palermo.anOrganisation({ kind: 'ngo', region: 'north', name: 'Scenario NGO' });
  shelter = await palermo.anOrganisation({
    kind: 'shelter',
    region: 'north',
    name: 'Scenario shelter',
    accommodationPlaces: 10,
    accommodatesChildren: true,
  });
  social = await palermo.anOrganisation({
    kind: 'social_services',
    region: 'north',
    name: 'Scenario social',
  });
  users.set('police', await palermo.aUser(['police_investigator'], { organisationId: police.id }));
  users.set('ngo', await palermo.aUser(['case_worker'], { organisationId: ngo.id }));
  users.set('shelter', await palermo.aUser(['shelter_staff'], { organisationId: shelter.id }));
  users.set('social', await palermo.aUser(['case_worker'], { organisationId: social.id }));
  users.set('rapporteur', await palermo.aUser(['national_rapporteur']));
  await signEveryoneIn();
});
afterAll(() => palermo.close());

type Reads = { case: 200 | 404 | 403; categories?: string[]; identity?: 200 | 403 | 404 };

/** What one organisation can read of a case now: the case view, its categories, the identity. */
async function expectReads(who: string, caseId: string, expected: Reads) {
  const view = await as(who).request('GET', `/api/cases/${caseId}`);
  expect(view.statusCode, `${who} reads the case`).toBe(expected.case);
  if (expected.categories)
    expect(view.json().readableCategories, `${who}'s categories`).toEqual(expected.categories);
  if (expected.identity) {
    const identity = await as(who).request('GET', `/api/cases/${caseId}/identity`);
    expect(identity.statusCode, `${who} reads the identity`).toBe(expected.identity);
  }
  return view.statusCode === 200 ? view.json() : null;
}

async function record(who: string, caseId: string, event: Record<string, unknown>, status = 201) {
  const response = await as(who).request('POST', `/api/cases/${caseId}/events`, event);
  expect(response.statusCode, `${String(event.type)}: ${response.body}`).toBe(status);
  return response.json();
}

const explained = {
  explainedInLanguage: 'ro',
  interpreterUsed: true,
  explained: { nrm: true, support: true, whoSees: true, canWithdraw: true },
};

async function consentAndRefer(
  owner: string,
  caseId: string,
  to: Organisation,
  categories: string[],
  services: string[],
  givenBy: Record<string, unknown> = { kind: 'person' },
  extra: Record<string, unknown> = {},
  referralExtra: Record<string, unknown> = {},
) {
  const consent = await as(owner).request('POST', `/api/cases/${caseId}/consents`, {
    givenBy,
    purpose: 'share_with_organisation',
    recipientOrganisationId: to.id,
    dataCategories: categories,
    givenOn: '2026-03-22',
    evidence: explained,
    ...extra,
  });
  expect(consent.statusCode, consent.body).toBe(201);
  const referral = await as(owner).request('POST', `/api/cases/${caseId}/referrals`, {
    toOrganisationId: to.id,
    services,
    categories,
    ...referralExtra,
  });
  expect(referral.statusCode, referral.body).toBe(201);
  return { consentId: consent.json().id as string, referralId: referral.json().id as string };
}

async function accept(who: string, referralId: string) {
  const response = await as(who).request('POST', `/api/referrals/${referralId}/response`, { kind: 'accept' });
  expect(response.statusCode, response.body).toBe(200);
}

describe('an adult victim of transnational trafficking, identified by the police', () => {
  let caseId: string;

  it('opens the case: the police read identity and legal data, nobody else sees the case', async () => {
    const opened = await as('police').request('POST', '/api/cases', {
      identity: {
        fullName: 'Оксана Приклад',
        latinName: 'Oksana Pryklad',
        sex: 'female',
        dateOfBirth: { year: 1997, month: 4, day: 2 },
        citizenship: 'UKR',
        contacts: [{ kind: 'phone', value: '+40 711 000 111' }],
      },
      identified: {
        occurredOn: '2026-03-20',
        channel: 'police',
        identifyingOrganisationId: police.id,
        selfIdentified: false,
        isChild: false,
        scope: 'transnational',
        formsOfExploitation: ['sexual_exploitation'],
        meansOfControl: [],
      },
    });
    expect(opened.statusCode, opened.body).toBe(201);
    caseId = opened.json().id;
    await expectReads('police', caseId, {
      case: 200,
      categories: ['identity', 'legal', 'statistics'],
      identity: 200,
    });
    for (const other of ['ngo', 'shelter', 'social'])
      await expectReads(other, caseId, { case: 404, identity: 404 });
    await expectReads('rapporteur', caseId, { case: 403 });
  });

  it('refers her to the NGO with her consent: the NGO reads counselling, the police never do', async () => {
    const { referralId } = await consentAndRefer(
      'police',
      caseId,
      ngo,
      ['identity', 'contact', 'counselling', 'statistics'],
      ['psychosocial_counselling', 'legal_assistance'],
    );
    // Before it answers, the NGO sees the referral in its inbox, without any identity.
    const inbox = await as('ngo').request('GET', '/api/referrals');
    expect(inbox.statusCode).toBe(200);
    expect(JSON.stringify(inbox.json())).not.toContain('Oksana');
    await expectReads('ngo', caseId, { case: 404 });
    await accept('ngo', referralId);
    await expectReads('ngo', caseId, {
      case: 200,
      categories: ['identity', 'contact', 'counselling', 'statistics'],
      identity: 200,
    });
    await expectReads('police', caseId, { case: 200, categories: ['identity', 'legal', 'statistics'] });
    await expectReads('social', caseId, { case: 404, identity: 404 });
  });

  it('refers her to the shelter for accommodation: the shelter reads health, not counselling or legal', async () => {
    const { referralId } = await consentAndRefer(
      'police',
      caseId,
      shelter,
      ['identity', 'contact', 'health', 'statistics'],
      ['safe_accommodation'],
    );
    await accept('shelter', referralId);
    await expectReads('shelter', caseId, {
      case: 200,
      categories: ['identity', 'contact', 'health', 'statistics'],
      identity: 200,
    });
  });

  it('records reflection, services, a support plan, testimony, a witness permit, proceedings and compensation', async () => {
    await record('police', caseId, { type: 'reflection_granted', occurredOn: '2026-03-21' });
    await record('police', caseId, {
      type: 'service_started',
      occurredOn: '2026-03-22',
      serviceKind: 'safe_accommodation',
      providerOrganisationId: shelter.id,
    });
    await record('police', caseId, {
      type: 'service_started',
      occurredOn: '2026-03-22',
      serviceKind: 'psychosocial_counselling',
      providerOrganisationId: ngo.id,
    });
    await record('police', caseId, {
      type: 'support_plan_agreed',
      occurredOn: '2026-03-23',
      agreedWithPerson: true,
      services: ['safe_accommodation', 'psychosocial_counselling', 'legal_assistance'],
    });
    await record('police', caseId, { type: 'became_witness', occurredOn: '2026-03-24' });
    await record('police', caseId, {
      type: 'risk_assessed',
      occurredOn: '2026-03-24',
      reason: 'witness',
      outcome: 'medium',
      familyMembersAtRisk: false,
      assessingOrganisationId: police.id,
    });
    await record('police', caseId, {
      type: 'permit_applied',
      occurredOn: '2026-03-24',
      permitKind: 'witness',
    });
    await record('police', caseId, {
      type: 'permit_granted',
      occurredOn: '2026-03-25',
      permitKind: 'witness',
      validUntil: null,
    });
    await record('police', caseId, {
      type: 'proceedings_stage',
      occurredOn: '2026-03-25',
      stage: 'investigation',
      protectiveMeasuresRequested: [],
      protectiveMeasuresGranted: [],
      defendantReleased: false,
    });
    await record('police', caseId, {
      type: 'compensation_claimed',
      occurredOn: '2026-03-25',
      claimId: '7d0f5a52-1c1e-4b8e-9a57-5a0d3c2b1e01',
      route: 'criminal_proceedings',
    });

    // The police see the shelter's accommodation among her services, never her counselling.
    const asPolice = await expectReads('police', caseId, { case: 200 });
    expect(asPolice.services.map((service: { serviceKind: string }) => service.serviceKind)).toEqual([
      'safe_accommodation',
    ]);
    const asNgo = await expectReads('ngo', caseId, { case: 200 });
    expect(asNgo.services.map((service: { serviceKind: string }) => service.serviceKind)).toEqual([
      'safe_accommodation',
      'psychosocial_counselling',
    ]);
    // Proceedings and compensation are legal data: the police read them, the shelter does not.
    expect(asPolice.proceedings).toMatchObject({ stage: 'investigation' });
    expect(asPolice.compensationClaims).toHaveLength(1);
    const asShelter = await expectReads('shelter', caseId, { case: 200 });
    expect(asShelter.proceedings).toBeNull();
    expect(asShelter.compensationClaims).toEqual([]);
    const witnessOf = (view: { timeline: { type: string; details: unknown }[] }) =>
      view.timeline.find((entry) => entry.type === 'permit_granted')?.details;
    expect(witnessOf(asPolice)).toEqual({ permitKind: 'witness', validUntil: null });
    expect(witnessOf(asShelter)).toBeNull();
    // The owner sees every referral of the case; the shelter only its own.
    const referralsAs = async (who: string) =>
      (await as(who).request('GET', `/api/cases/${caseId}/referrals`)).json().referrals;
    expect(await referralsAs('police')).toHaveLength(2);
    expect(await referralsAs('shelter')).toHaveLength(1);
    const occupancy = await as('shelter').request('GET', '/api/shelters/occupancy');
    expect(
      occupancy
        .json()
        .shelters.find((entry: { organisationId: string }) => entry.organisationId === shelter.id),
    ).toMatchObject({ places: 10, housed: 1, available: 9 });
  });

  it('decides a voluntary return only after a risk assessment found it safe (000 l. 173)', async () => {
    const returning = {
      type: 'return_decided',
      occurredOn: '2026-03-26',
      returnKind: 'voluntary',
      destinationCountry: 'UA',
      assistingOrganisationId: ngo.id,
    };
    const refused = await as('police').request('POST', `/api/cases/${caseId}/events`, returning);
    expect(refused.statusCode, refused.body).toBe(422);
    expect(refused.json().type).toBe('/problems/case/return-not-assessed-safe');
    await record('police', caseId, {
      type: 'risk_assessed',
      occurredOn: '2026-03-26',
      reason: 'before_return',
      outcome: 'return_safe',
      familyMembersAtRisk: false,
      assessingOrganisationId: police.id,
    });
    await record('police', caseId, returning);
  });

  it('withdrawing the NGO consent ends its access at once; the others keep theirs', async () => {
    const consents = await as('police').request('GET', `/api/cases/${caseId}/consents`);
    const toNgo = consents
      .json()
      .consents.find(
        (consent: { recipientOrganisationId: string }) => consent.recipientOrganisationId === ngo.id,
      );
    const withdrawn = await as('police').request(
      'POST',
      `/api/cases/${caseId}/consents/${toNgo.id}/withdrawal`,
    );
    expect(withdrawn.statusCode).toBe(200);
    await expectReads('ngo', caseId, { case: 200, categories: [], identity: 403 });
    await expectReads('shelter', caseId, { case: 200, identity: 200 });
  });

  it('follows her up a year later and closes the case', async () => {
    palermo.clock.advance(366 * 24 * 3600 * 1000);
    await signEveryoneIn();
    await record('police', caseId, {
      type: 'follow_up_done',
      occurredOn: '2027-03-27',
      employment: 'employed',
      socialNetwork: 'supportive',
      reTrafficking: 'none_known',
    });
    const closed = await record('police', caseId, {
      type: 'closed',
      occurredOn: '2027-03-27',
      reason: 'durable_solution_achieved',
    });
    expect(closed.stage).toBe('closed');
    await record('police', caseId, { type: 'became_witness', occurredOn: '2027-03-27' }, 409);
    await expectReads('social', caseId, { case: 404, identity: 404 });
  });
});

describe('a 15-year-old unaccompanied child, under the care of social services', () => {
  let caseId: string;
  const guardianId = '0b7f8a0e-8d2f-4c62-9a3b-6e4f2f1c9d10';

  it('opens the case as a presumed child: only social services see it', async () => {
    const opened = await as('social').request('POST', '/api/cases', {
      identity: {
        fullName: 'Ilie Exemplu',
        sex: 'male',
        dateOfBirth: { year: 2011, month: 9, day: 14 },
        citizenship: 'MDA',
      },
      identified: {
        occurredOn: '2027-03-20',
        channel: 'border',
        identifyingOrganisationId: police.id,
        selfIdentified: false,
        isChild: true,
        scope: 'transnational',
        formsOfExploitation: ['forced_begging'],
        meansOfControl: [],
      },
    });
    expect(opened.statusCode, opened.body).toBe(201);
    caseId = opened.json().id;
    expect(opened.json().child.presumedChild).toBe(true);
    await expectReads('social', caseId, { case: 200, identity: 200 });
    for (const other of ['police', 'ngo', 'shelter'])
      await expectReads(other, caseId, { case: 404, identity: 404 });
  });

  it('refuses his own consent: a child consents through an appointed guardian, with his views recorded', async () => {
    const own = await as('social').request('POST', `/api/cases/${caseId}/consents`, {
      givenBy: { kind: 'person' },
      purpose: 'share_with_organisation',
      recipientOrganisationId: shelter.id,
      dataCategories: ['identity', 'statistics'],
      givenOn: '2027-03-22',
      evidence: explained,
    });
    expect(own.statusCode).toBe(422);
    expect(own.json().type).toBe('/problems/consent/child-needs-guardian');
    await record('social', caseId, {
      type: 'guardian_appointed',
      occurredOn: '2027-03-21',
      guardianOrganisationId: social.id,
      guardianId,
    });
    const strangerConsent = await as('social').request('POST', `/api/cases/${caseId}/consents`, {
      givenBy: {
        kind: 'guardian',
        guardianId: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
        appointedBy: social.id,
        appointedOn: '2027-03-21',
      },
      purpose: 'share_with_organisation',
      recipientOrganisationId: shelter.id,
      dataCategories: ['identity', 'statistics'],
      givenOn: '2027-03-22',
      evidence: explained,
      childViews: 'He wants to stay.',
      guardianSuspectedOfInvolvement: 'no',
    });
    expect(strangerConsent.statusCode).toBe(422);
    expect(strangerConsent.json().errors[0].pointer).toBe('/body/givenBy/guardianId');
    const { referralId } = await consentAndRefer(
      'social',
      caseId,
      shelter,
      ['identity', 'contact', 'health', 'statistics'],
      ['safe_accommodation'],
      { kind: 'guardian', guardianId, appointedBy: social.id, appointedOn: '2027-03-21' },
      {
        childViews: 'He wants to stay somewhere with other boys his age and go to school.',
        guardianSuspectedOfInvolvement: 'no',
        givenOn: '2027-03-22',
      },
      // A child's identity travels only on a legal basis, the guardian's consent or not (ADR 0011).
      {
        override: {
          legalBasis: 'Child Protection Act, art. 12 (synthetic)',
          reason: 'The child needs a safe place and the shelter must know who he is.',
        },
      },
    );
    await accept('shelter', referralId);
    const asShelter = await expectReads('shelter', caseId, { case: 200 });
    expect(asShelter.readableCategories).toEqual(['identity', 'contact', 'health', 'statistics']);
    await expectReads('shelter', caseId, { case: 200, identity: 200 });
    await expectReads('police', caseId, { case: 404, identity: 404 });
  });

  it('decides nothing about return or placement before a best-interests determination', async () => {
    await record('social', caseId, {
      type: 'risk_assessed',
      occurredOn: '2027-03-28',
      reason: 'before_return',
      outcome: 'return_unsafe',
      familyMembersAtRisk: true,
      assessingOrganisationId: social.id,
    });
    const placement = await as('social').request('POST', `/api/cases/${caseId}/events`, {
      type: 'placement_decided',
      occurredOn: '2027-03-28',
      placement: 'shelter',
      providerOrganisationId: shelter.id,
    });
    expect(placement.statusCode).toBe(422);
    expect(placement.json().type).toBe('/problems/case/child-safeguards-missing');
    await record('social', caseId, {
      type: 'best_interests_determined',
      occurredOn: '2027-03-28',
      determiningOrganisationId: social.id,
      recommendedSolution: 'social_inclusion',
    });
    await record('social', caseId, {
      type: 'placement_decided',
      occurredOn: '2027-03-28',
      placement: 'shelter',
      providerOrganisationId: shelter.id,
    });
    await record('social', caseId, {
      type: 'service_started',
      occurredOn: '2027-03-28',
      serviceKind: 'safe_accommodation',
      providerOrganisationId: shelter.id,
    });
  });

  it('includes him in this country and closes the case; the police never saw him', async () => {
    await record('social', caseId, {
      type: 'inclusion_started',
      occurredOn: '2027-03-28',
      providerOrganisationId: social.id,
    });
    await record('social', caseId, {
      type: 'closed',
      occurredOn: '2027-03-28',
      reason: 'durable_solution_achieved',
    });
    await expectReads('police', caseId, { case: 404, identity: 404 });
    await expectReads('ngo', caseId, { case: 404, identity: 404 });
    const asSocial = await expectReads('social', caseId, { case: 200 });
    expect(asSocial.stage).toBe('closed');
  });
});
