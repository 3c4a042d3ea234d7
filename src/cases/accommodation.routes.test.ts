import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Organisation } from '../directory/index.js';
import { aTestPalermo, type SignedIn, type TestPalermo, type TestUser } from '../test-app.js';
import { anEvent } from './test-builders.js';

let palermo: TestPalermo;
let owner: TestUser;
let asOwner: SignedIn;
let shelter: Organisation;
beforeAll(async () => {
  palermo = await aTestPalermo();
  owner = await palermo.aUser(['case_worker']);
  asOwner = await palermo.signIn(owner);
  shelter = await palermo.anOrganisation({ kind: 'shelter', region: 'north', accommodationPlaces: 3 });
});
afterAll(() => palermo.close());

async function aHousedCase(): Promise<string> {
  const { type: _type, ...identified } = anEvent('identified', {
    occurredOn: '2026-03-20',
    identifyingOrganisationId: owner.organisationId,
    isChild: false,
  });
  const opened = await asOwner.request('POST', '/api/cases', {
    identity: { fullName: 'Mira Shelter', sex: 'female', citizenship: 'MDA' },
    identified,
  });
  expect(opened.statusCode).toBe(201);
  const caseId = opened.json().id as string;
  const started = await asOwner.request('POST', `/api/cases/${caseId}/events`, {
    type: 'service_started',
    occurredOn: '2026-03-21',
    serviceKind: 'safe_accommodation',
    providerOrganisationId: shelter.id,
  });
  expect(started.statusCode).toBe(201);
  return caseId;
}

const occupancyOf = async (as: SignedIn) => {
  const response = await as.request('GET', '/api/shelters/occupancy');
  expect(response.statusCode).toBe(200);
  return response
    .json()
    .shelters.find((entry: { organisationId: string }) => entry.organisationId === shelter.id);
};

describe('shelter capacity and occupancy (002 l. 1335)', () => {
  it('counts the people housed now against the places declared', async () => {
    expect(await occupancyOf(asOwner)).toMatchObject({ places: 3, housed: 0, available: 3 });
    const first = await aHousedCase();
    await aHousedCase();
    expect(await occupancyOf(asOwner)).toMatchObject({ places: 3, housed: 2, available: 1 });
    const ended = await asOwner.request('POST', `/api/cases/${first}/events`, {
      type: 'service_ended',
      occurredOn: '2026-03-25',
      serviceKind: 'safe_accommodation',
      providerOrganisationId: shelter.id,
      reason: 'completed',
    });
    expect(ended.statusCode).toBe(201);
    expect(await occupancyOf(asOwner)).toMatchObject({ housed: 1, available: 2 });
    const view = await asOwner.request('GET', `/api/cases/${first}`);
    expect(view.json().services).toEqual([
      {
        serviceKind: 'safe_accommodation',
        providerOrganisationId: shelter.id,
        startedOn: '2026-03-21',
        status: 'ended',
        endedOn: '2026-03-25',
        endReason: 'completed',
      },
    ]);
  });

  it('is not for roles outside the referral mechanism', async () => {
    const auditor = await palermo.signIn(await palermo.aUser(['auditor']));
    expect((await auditor.request('GET', '/api/shelters/occupancy')).statusCode).toBe(403);
  });
});

describe('child-appropriate accommodation only (issue 3, acceptance 4)', () => {
  it('houses a presumed child only where the accommodation suits children', async () => {
    const { type: _type, ...identified } = anEvent('identified', {
      occurredOn: '2026-03-20',
      identifyingOrganisationId: owner.organisationId,
      isChild: true,
    });
    const opened = await asOwner.request('POST', '/api/cases', {
      identity: { fullName: 'Dan Child', sex: 'male', dateOfBirth: { year: 2012 } },
      identified,
    });
    const caseId = opened.json().id as string;
    const adultsOnly = await asOwner.request('POST', `/api/cases/${caseId}/events`, {
      type: 'service_started',
      occurredOn: '2026-03-21',
      serviceKind: 'safe_accommodation',
      providerOrganisationId: shelter.id,
    });
    expect(adultsOnly.statusCode).toBe(422);
    expect(adultsOnly.json()).toMatchObject({
      type: '/problems/case/accommodation-not-for-children',
      errors: [{ pointer: '/body/providerOrganisationId' }],
    });
    const childShelter = await palermo.anOrganisation({ kind: 'shelter', accommodatesChildren: true });
    const suited = await asOwner.request('POST', `/api/cases/${caseId}/events`, {
      type: 'service_started',
      occurredOn: '2026-03-21',
      serviceKind: 'safe_accommodation',
      providerOrganisationId: childShelter.id,
    });
    expect(suited.statusCode, suited.body).toBe(201);
  });
});
