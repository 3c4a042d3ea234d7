import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Organisation } from '../directory/index.js';
import type { IsoDate } from '../kernel/dates.js';
import type { Identity } from '../persons/index.js';
import { listAudit } from '../security/audit.store.js';
import { aTestPalermo, type SignedIn, type TestPalermo, type TestUser } from '../test-app.js';
import { anEvent } from './test-builders.js';

// The clock reads 2026-03-27. An NGO owns the cases; a shelter receives referrals; the police ask
// the restricted-notice officer for access; the officer sits in the police's witness protection.
const IDENTIFIED_ON: IsoDate = '2026-03-20';
const GIVEN_ON: IsoDate = '2026-03-26';

let palermo: TestPalermo;
let owner: TestUser;
let asOwner: SignedIn;
let shelter: Organisation;
let asShelter: SignedIn;
let police: Organisation;
let asPolice: SignedIn;
let officer: TestUser;
let asOfficer: SignedIn;
let asOtherOfficer: SignedIn;
beforeAll(async () => {
  palermo = await aTestPalermo();
  owner = await palermo.aUser(['case_worker']);
  asOwner = await palermo.signIn(owner);
  shelter = await palermo.anOrganisation({ kind: 'shelter', region: 'north' });
  asShelter = await palermo.signIn(await palermo.aUser(['shelter_staff'], { organisationId: shelter.id }));
  police = await palermo.anOrganisation({ kind: 'police', region: 'north' });
  asPolice = await palermo.signIn(
    await palermo.aUser(['police_investigator'], { organisationId: police.id }),
  );
  officer = await palermo.aUser(['restricted_notice_officer'], { organisationId: police.id });
  asOfficer = await palermo.signIn(officer);
  asOtherOfficer = await palermo.signIn(
    await palermo.aUser(['restricted_notice_officer'], { organisationId: owner.organisationId }),
  );
});
afterAll(() => palermo.close());

let counter = 0;
const anIdentity = (): Identity => {
  counter += 1;
  return {
    fullName: `Vera Notice ${counter}`,
    sex: 'female',
    dateOfBirth: { year: 1998 },
    citizenship: 'UKR',
    documents: [{ kind: 'passport', number: `RN${String(500000 + counter)}`, issuingCountry: 'UKR' }],
    contacts: [{ kind: 'phone', value: '+40 700 000 000' }],
  };
};

async function anOpenCase(): Promise<{ id: string; reference: string; personId: string }> {
  const { type: _type, ...identified } = anEvent('identified', {
    occurredOn: IDENTIFIED_ON,
    identifyingOrganisationId: owner.organisationId,
    isChild: false,
  });
  const response = await asOwner.request('POST', '/api/cases', { identity: anIdentity(), identified });
  if (response.statusCode !== 201) throw new Error(`opening failed: ${response.statusCode} ${response.body}`);
  return response.json();
}

async function referToShelter(caseId: string, categories: string[]) {
  const consent = await asOwner.request('POST', `/api/cases/${caseId}/consents`, {
    givenBy: { kind: 'person' },
    purpose: 'share_with_organisation',
    recipientOrganisationId: shelter.id,
    dataCategories: categories,
    givenOn: GIVEN_ON,
    evidence: {
      explainedInLanguage: 'uk',
      interpreterUsed: true,
      explained: { nrm: true, support: true, whoSees: true, canWithdraw: true },
    },
  });
  expect(consent.statusCode).toBe(201);
  const referral = await asOwner.request('POST', `/api/cases/${caseId}/referrals`, {
    toOrganisationId: shelter.id,
    services: ['safe_accommodation'],
    categories,
  });
  expect(referral.statusCode).toBe(201);
  const accepted = await asShelter.request('POST', `/api/referrals/${referral.json().id}/response`, {
    kind: 'accept',
  });
  expect(accepted.statusCode).toBe(200);
  return { consentId: consent.json().id as string };
}

const flag = (caseId: string, designatedOfficerId = officer.id) =>
  asOwner.request('POST', `/api/cases/${caseId}/restricted-notice`, {
    designatedOfficerId,
    flaggedOn: GIVEN_ON,
  });

describe("reading a person's identity through their case", () => {
  it('gives the owner the identity with contacts, and audits the read', async () => {
    const opened = await anOpenCase();
    const response = await asOwner.request('GET', `/api/cases/${opened.id}/identity`);
    expect(response.statusCode).toBe(200);
    expect(response.json().identity).toMatchObject({ fullName: expect.stringMatching(/^Vera Notice/) });
    expect(response.json().identity.contacts).toHaveLength(1);
    const [entry] = await listAudit(palermo.db, { limit: 1, subjectId: opened.personId });
    expect(entry).toMatchObject({ action: 'person.identity.read', outcome: 'success' });
  });

  it('gives an organisation with an accepted referral what the consent covers, and nothing once withdrawn', async () => {
    const opened = await anOpenCase();
    const { consentId } = await referToShelter(opened.id, ['identity', 'statistics']);
    const read = await asShelter.request('GET', `/api/cases/${opened.id}/identity`);
    expect(read.statusCode).toBe(200);
    // The consent covers identity, not contact: the shelter gets no phone number.
    expect(read.json().identity.contacts).toBeUndefined();
    const withdrawn = await asOwner.request(
      'POST',
      `/api/cases/${opened.id}/consents/${consentId}/withdrawal`,
    );
    expect(withdrawn.statusCode).toBe(200);
    const after = await asShelter.request('GET', `/api/cases/${opened.id}/identity`);
    expect(after.statusCode).toBe(403);
  });

  it('answers 404 to an unrelated organisation and 403 to the national rapporteur', async () => {
    const opened = await anOpenCase();
    expect((await asPolice.request('GET', `/api/cases/${opened.id}/identity`)).statusCode).toBe(404);
    const rapporteur = await palermo.signIn(await palermo.aUser(['national_rapporteur']));
    expect((await rapporteur.request('GET', `/api/cases/${opened.id}/identity`)).statusCode).toBe(403);
  });
});

describe('restricted notices (002 l. 827)', () => {
  it('shows the person by number only to everyone but the designated officer', async () => {
    const opened = await anOpenCase();
    await referToShelter(opened.id, ['identity', 'statistics']);
    const officers = await asOwner.request('GET', '/api/restricted-notice-officers');
    expect(officers.json().officers.map((entry: { id: string }) => entry.id)).toContain(officer.id);
    const flagged = await flag(opened.id);
    expect(flagged.statusCode).toBe(201);
    const ownersView = await asOwner.request('GET', `/api/cases/${opened.id}`);
    expect(ownersView.json().restrictedNotice).toEqual({
      flaggedOn: GIVEN_ON,
      designatedOfficerId: officer.id,
    });

    for (const as of [asOwner, asShelter]) {
      const view = await as.request('GET', `/api/cases/${opened.id}`);
      expect(view.statusCode).toBe(200);
      expect(view.json()).toMatchObject({ reference: opened.reference, personId: null });
      expect(view.json().readableCategories).toEqual(['statistics']);
      expect((await as.request('GET', `/api/cases/${opened.id}/identity`)).statusCode).toBe(403);
    }
    const asDesignated = await asOfficer.request('GET', `/api/cases/${opened.id}/identity`);
    expect(asDesignated.statusCode).toBe(200);
    expect(asDesignated.json().identity.contacts).toHaveLength(1);
    // Another officer of the same unit is not designated: the case does not exist for them.
    expect((await asOtherOfficer.request('GET', `/api/cases/${opened.id}`)).statusCode).toBe(404);
  });

  it('designates only an active restricted-notice officer, and one notice at a time', async () => {
    const opened = await anOpenCase();
    const wrong = await flag(opened.id, owner.id);
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().errors[0].pointer).toBe('/body/designatedOfficerId');
    expect((await flag(opened.id)).statusCode).toBe(201);
    expect((await flag(opened.id)).statusCode).toBe(409);
  });

  it('lets another authority ask, and only the designated officer grant, with every step audited', async () => {
    const opened = await anOpenCase();
    await flag(opened.id);
    expect((await asPolice.request('GET', `/api/cases/${opened.id}`)).statusCode).toBe(404);

    const unknown = await asPolice.request('POST', '/api/restricted-access-requests', {
      caseReference: 'C-0000-0000',
      purpose: 'Investigation 12/2026',
      categories: ['identity'],
    });
    expect(unknown.statusCode).toBe(404);
    const asked = await asPolice.request('POST', '/api/restricted-access-requests', {
      caseReference: opened.reference,
      purpose: 'Investigation 12/2026: the person is a witness',
      categories: ['identity', 'legal'],
    });
    expect(asked.statusCode).toBe(201);
    const requestId = asked.json().id as string;

    const byOther = await asOtherOfficer.request(
      'POST',
      `/api/restricted-access-requests/${requestId}/decision`,
      {
        decision: 'refuse',
        reason: 'Not mine to decide',
      },
    );
    expect(byOther.statusCode).toBe(404);
    const byRequester = await palermo.signIn(
      await palermo.aUser(['restricted_notice_officer'], { organisationId: police.id }),
    );
    expect(
      (
        await byRequester.request('POST', `/api/restricted-access-requests/${requestId}/decision`, {
          decision: 'refuse',
          reason: 'Trying',
        })
      ).statusCode,
    ).toBe(403);

    const wider = await asOfficer.request('POST', `/api/restricted-access-requests/${requestId}/decision`, {
      decision: 'grant',
      purpose: 'Witness statement',
      categories: ['identity', 'contact'],
      endsOn: '2026-06-30',
      protectionOfficeExaminedOn: '2026-03-27',
    });
    expect(wider.statusCode).toBe(422);
    expect(wider.json().errors[0].pointer).toBe('/body/categories');

    const granted = await asOfficer.request('POST', `/api/restricted-access-requests/${requestId}/decision`, {
      decision: 'grant',
      purpose: 'Witness statement',
      categories: ['identity'],
      endsOn: '2026-06-30',
      protectionOfficeExaminedOn: '2026-03-27',
    });
    expect(granted.statusCode).toBe(200);
    expect(granted.json()).toMatchObject({ status: 'granted', categories: ['identity', 'legal'] });

    const view = await asPolice.request('GET', `/api/cases/${opened.id}`);
    expect(view.statusCode).toBe(200);
    expect(view.json().readableCategories).toEqual(['identity']);
    const identity = await asPolice.request('GET', `/api/cases/${opened.id}/identity`);
    expect(identity.statusCode).toBe(200);
    expect(identity.json().identity.contacts).toBeUndefined();

    const again = await asOfficer.request('POST', `/api/restricted-access-requests/${requestId}/decision`, {
      decision: 'refuse',
      reason: 'Changed my mind',
    });
    expect(again.statusCode).toBe(409);

    const audit = await listAudit(palermo.db, { limit: 20, subjectId: requestId });
    expect(audit.map((entry) => `${entry.action}:${entry.outcome}`)).toEqual(
      expect.arrayContaining([
        'notice.access.request:success',
        'notice.access.decide:denied',
        'notice.access.decide:failure',
        'notice.access.grant:success',
      ]),
    );
    const listed = await asOfficer.request('GET', '/api/restricted-access-requests');
    expect(listed.json().requests.find((entry: { id: string }) => entry.id === requestId)).toMatchObject({
      decidedByActor: true,
      status: 'granted',
    });
  });

  it('gives access back to the owner when the officer lifts the notice', async () => {
    const opened = await anOpenCase();
    await flag(opened.id);
    expect(
      (
        await asOwner.request('POST', `/api/cases/${opened.id}/restricted-notice/lift`, {
          liftedOn: '2026-03-27',
        })
      ).statusCode,
    ).toBe(403);
    const lifted = await asOfficer.request('POST', `/api/cases/${opened.id}/restricted-notice/lift`, {
      liftedOn: '2026-03-27',
    });
    expect(lifted.statusCode).toBe(204);
    expect((await asOwner.request('GET', `/api/cases/${opened.id}/identity`)).statusCode).toBe(200);
    expect((await asOfficer.request('GET', `/api/cases/${opened.id}`)).statusCode).toBe(404);
  });
});
