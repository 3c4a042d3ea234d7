import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '../db/sql.js';
import type { Identity } from '../persons/index.js';
import { type Actor, anonymous, commandLine } from '../security/actor.js';
import { listAudit } from '../security/audit.store.js';
import type { Role } from '../security/roles.js';
import { aTestPalermo, type SignedIn, type TestPalermo, type TestUser } from '../test-app.js';
import { childScreeningSet } from './builtin-sets.js';
import { identificationConditions } from './permissions.js';
import { aChildsAnswers, anAdultsAnswers } from './test-builders.js';

// The clock reads Friday 2026-03-27 09:00 UTC, 11:00 in Europe/Bucharest.

let palermo: TestPalermo;
let borderOfficer: TestUser;
let asBorderOfficer: SignedIn;
let asCoordinator: SignedIn;
beforeAll(async () => {
  palermo = await aTestPalermo();
  borderOfficer = await palermo.aUser(['frontline_identifier']);
  asBorderOfficer = await palermo.signIn(borderOfficer);
  asCoordinator = await palermo.signIn(await palermo.aUser(['national_coordinator']));
});
afterAll(() => palermo.close());

const anIdentity = (): Identity => ({ fullName: 'Test Child Synthetic', sex: 'female', ageEstimate: 15 });

async function anIntake(by: SignedIn = asBorderOfficer, body: object = { channel: 'border' }) {
  const response = await by.request('POST', '/api/intakes', body);
  if (response.statusCode !== 201) throw new Error(`intake failed: ${response.statusCode} ${response.body}`);
  return response.json() as { id: string; screenings: unknown[] };
}

/** A child handed over to an adult and made to beg: act and purpose, a presumed victim. */
const presumedChild = () => aChildsAnswers({ handed_over: 'yes', forced_begging: 'yes' });

async function screen(intakeId: string, answers: object, by: SignedIn = asBorderOfficer) {
  return by.request('POST', `/api/intakes/${intakeId}/screenings`, answers);
}

describe('recording an intake', () => {
  it('answers 401 without a session', async () => {
    const response = await palermo.app.inject({
      method: 'POST',
      url: '/api/intakes',
      payload: { channel: 'border' },
    });
    expect(response.statusCode).toBe(401);
  });

  it('records an anonymous intake owned by the recording organisation, dated today', async () => {
    const intake = await anIntake(asBorderOfficer, { channel: 'border', monthsInCountry: 4 });
    const response = await asBorderOfficer.request('GET', `/api/intakes/${intake.id}`);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      channel: 'border',
      receivingOrganisationId: borderOfficer.organisationId,
      receivedOn: '2026-03-27',
      selfIdentified: false,
      monthsInCountry: 4,
      latestResult: null,
      screenings: [],
      caseId: null,
    });
  });

  it('refuses a name or any other personal data on an intake, naming the field', async () => {
    const response = await asBorderOfficer.request('POST', '/api/intakes', {
      channel: 'border',
      fullName: 'X',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toContainEqual(expect.objectContaining({ pointer: '/body/fullName' }));
  });

  it('refuses a channel outside the list', async () => {
    const response = await asBorderOfficer.request('POST', '/api/intakes', { channel: 'drop_in' });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors[0].pointer).toBe('/body/channel');
  });

  it('counts a self-referral as a self-identification unless told otherwise', async () => {
    const intake = await anIntake(asBorderOfficer, { channel: 'self_referral' });
    expect((await asBorderOfficer.request('GET', `/api/intakes/${intake.id}`)).json().selfIdentified).toBe(
      true,
    );
  });

  it.each<[Role, number]>([
    ['frontline_identifier', 201],
    ['labour_inspector', 201],
    ['police_investigator', 201],
    ['case_worker', 201],
    ['shelter_staff', 403],
    ['national_rapporteur', 403],
    ['system_administrator', 403],
  ])('%s: recording an intake answers %i', async (role, status) => {
    const signedIn = await palermo.signIn(await palermo.aUser([role]));
    expect((await signedIn.request('POST', '/api/intakes', { channel: 'outreach' })).statusCode).toBe(status);
  });
});

describe('screening on an intake', () => {
  it('records a screening against the named version and explains the result', async () => {
    const intake = await anIntake();
    const response = await screen(intake.id, presumedChild());
    expect(response.statusCode).toBe(201);
    const screening = response.json();
    expect(screening).toMatchObject({
      seq: 1,
      setId: 'child_screening',
      setVersion: 1,
      result: 'presumed_victim',
      screenedAs: 'child',
      nextStep: 'refer_to_nrm',
      forms: ['forced_begging'],
    });
    expect(screening.indicators.act.map((indicator: { questionId: string }) => indicator.questionId)).toEqual(
      ['handed_over'],
    );
    expect(screening.indicators.purpose[0].text.en).toContain('beg');
    expect(screening.explanation.en).toContain('This is not an identification decision.');
    expect(screening.explanation.ro).toContain('Aceasta nu este o decizie de identificare.');
  });

  it('refuses an answer to an unknown question, naming it, and writes nothing', async () => {
    const intake = await anIntake();
    const answers = presumedChild();
    const response = await screen(intake.id, { ...answers, answers: { ...answers.answers, made_up: 'yes' } });
    expect(response.statusCode).toBe(422);
    expect(response.json()).toMatchObject({
      type: '/problems/screening/unknown-question',
      errors: [{ pointer: '/body/answers/made_up' }],
    });
    expect((await asBorderOfficer.request('GET', `/api/intakes/${intake.id}`)).json().screenings).toEqual([]);
  });

  it('refuses a missing required answer, naming the question', async () => {
    const intake = await anIntake();
    const { answers, ...named } = presumedChild();
    const { debt: _left, ...rest } = answers;
    const response = await screen(intake.id, { ...named, answers: rest });
    expect(response.statusCode).toBe(422);
    expect(response.json()).toMatchObject({
      type: '/problems/screening/missing-required-answer',
      errors: [{ pointer: '/body/answers/debt' }],
    });
  });

  it('refuses an answer that is not one the question accepts', async () => {
    const intake = await anIntake();
    const answers = presumedChild();
    const response = await screen(intake.id, { ...answers, answers: { ...answers.answers, debt: 'maybe' } });
    expect(response.statusCode).toBe(422);
    expect(response.json().errors).toEqual([expect.objectContaining({ pointer: '/body/answers/debt' })]);
  });

  it('refuses a questionnaire version that does not exist, naming the version', async () => {
    const intake = await anIntake();
    const response = await screen(intake.id, { ...presumedChild(), setVersion: 99 });
    expect(response.statusCode).toBe(422);
    expect(response.json()).toMatchObject({
      type: '/problems/screening/version-mismatch',
      errors: [{ pointer: '/body/setVersion' }],
    });
  });

  it('refuses an unknown questionnaire', async () => {
    const intake = await anIntake();
    const response = await screen(intake.id, { ...presumedChild(), setId: 'no_such_set' });
    expect(response.statusCode).toBe(422);
    expect(response.json().errors[0].pointer).toBe('/body/setId');
  });

  it('hides an intake of another organisation as if it did not exist', async () => {
    const intake = await anIntake();
    const elsewhere = await palermo.signIn(await palermo.aUser(['frontline_identifier']));
    expect((await elsewhere.request('GET', `/api/intakes/${intake.id}`)).statusCode).toBe(404);
    expect((await screen(intake.id, presumedChild(), elsewhere)).statusCode).toBe(404);
    const listed = (await elsewhere.request('GET', '/api/intakes')).json().intakes as { id: string }[];
    expect(listed.map((listedIntake) => listedIntake.id)).not.toContain(intake.id);
  });
});

describe('who sees an intake', () => {
  it.each<[Role, number]>([
    ['frontline_identifier', 200],
    ['labour_inspector', 200],
    ['police_investigator', 200],
    ['case_worker', 200],
    ['shelter_staff', 403],
    ['national_coordinator', 403],
    ['national_rapporteur', 403],
  ])('%s of the receiving organisation: reading it answers %i', async (role, status) => {
    const intake = await anIntake();
    const colleague = await palermo.signIn(
      await palermo.aUser([role], { organisationId: borderOfficer.organisationId }),
    );
    expect((await colleague.request('GET', `/api/intakes/${intake.id}`)).statusCode).toBe(status);
  });

  it('a colleague in the receiving organisation may screen it and open its case', async () => {
    const intake = await anIntake();
    const caseWorker = await palermo.signIn(
      await palermo.aUser(['case_worker'], { organisationId: borderOfficer.organisationId }),
    );
    expect((await screen(intake.id, presumedChild(), caseWorker)).statusCode).toBe(201);
    const opened = await caseWorker.request('POST', `/api/intakes/${intake.id}/case`, {
      identity: anIdentity(),
    });
    expect(opened.statusCode).toBe(201);
  });
});

describe('listing intakes', () => {
  it('filters by channel, result and date, in SQL, for the actor organisation only', async () => {
    const inspector = await palermo.aUser(['labour_inspector']);
    const asInspector = await palermo.signIn(inspector);
    const labour = await anIntake(asInspector, { channel: 'labour_inspection', receivedOn: '2026-03-10' });
    const hotline = await anIntake(asInspector, { channel: 'hotline', receivedOn: '2026-03-20' });
    await screen(
      labour.id,
      anAdultsAnswers({ handed_over: 'yes', threatened: 'yes', cannot_leave_work: 'yes' }),
      asInspector,
    );
    const ids = async (query: string) =>
      ((await asInspector.request('GET', `/api/intakes${query}`)).json().intakes as { id: string }[]).map(
        (intake) => intake.id,
      );
    expect(await ids('')).toEqual([hotline.id, labour.id]);
    expect(await ids('?channel=labour_inspection')).toEqual([labour.id]);
    expect(await ids('?result=presumed_victim')).toEqual([labour.id]);
    expect(await ids('?result=not_screened')).toEqual([hotline.id]);
    expect(await ids('?receivedFrom=2026-03-15')).toEqual([hotline.id]);
    expect(await ids('?receivedTo=2026-03-15')).toEqual([labour.id]);
  });

  it('refuses the national rapporteur, who sees only statistics', async () => {
    const rapporteur = await palermo.signIn(await palermo.aUser(['national_rapporteur']));
    expect((await rapporteur.request('GET', '/api/intakes')).statusCode).toBe(403);
    expect((await rapporteur.request('GET', '/api/questionnaires')).statusCode).toBe(403);
  });
});

describe('opening a case from an intake (the presumption of trafficking)', () => {
  it('opens the case in the same transaction that marks the intake converted, and keeps its history', async () => {
    const intake = await anIntake();
    await screen(intake.id, presumedChild());
    const response = await asBorderOfficer.request('POST', `/api/intakes/${intake.id}/case`, {
      identity: anIdentity(),
    });
    expect(response.statusCode).toBe(201);
    const opened = response.json();
    expect(opened).toMatchObject({ intakeId: intake.id, stage: 'presumed_victim', presumedChild: true });

    const after = (await asBorderOfficer.request('GET', `/api/intakes/${intake.id}`)).json();
    expect(after).toMatchObject({ caseId: opened.caseId, convertedOn: '2026-03-27' });
    expect(after.screenings).toHaveLength(1);
    const events = await palermo.db.query<{ payload: Record<string, unknown> }>(
      sql`select payload from cases.case_event where case_id = ${opened.caseId} order by seq`,
    );
    expect(events.rows[0]!.payload).toMatchObject({
      type: 'identified',
      channel: 'border',
      identifyingOrganisationId: borderOfficer.organisationId,
      isChild: true,
      formsOfExploitation: ['forced_begging'],
    });
    const actions = [
      ...(await listAudit(palermo.db, { limit: 100, subjectId: intake.id })),
      ...(await listAudit(palermo.db, { limit: 100, subjectId: opened.caseId })),
    ].map((entry) => entry.action);
    expect(actions).toEqual(
      expect.arrayContaining(['intake.create', 'intake.screen', 'case.open', 'intake.convert']),
    );
  });

  it('needs no proof first: a reflection period can be granted at once on the new case', async () => {
    const intake = await anIntake();
    await screen(intake.id, presumedChild());
    const opened = (
      await asBorderOfficer.request('POST', `/api/intakes/${intake.id}/case`, { identity: anIdentity() })
    ).json();
    const granted = await asBorderOfficer.request('POST', `/api/cases/${opened.caseId}/events`, {
      type: 'reflection_granted',
      occurredOn: '2026-03-27',
    });
    expect(granted.statusCode).toBe(201);
    expect(granted.json().stage).toBe('reflection');
  });

  it('treats a person of unknown age as a child', async () => {
    const intake = await anIntake();
    await screen(
      intake.id,
      anAdultsAnswers({ under_18: 'unsure', handed_over: 'yes', sexual_services: 'yes' }),
    );
    const opened = (
      await asBorderOfficer.request('POST', `/api/intakes/${intake.id}/case`, { identity: anIdentity() })
    ).json();
    expect(opened.presumedChild).toBe(true);
  });

  it('converts once: a second conversion is refused and opens nothing', async () => {
    const intake = await anIntake();
    await screen(intake.id, presumedChild());
    await asBorderOfficer.request('POST', `/api/intakes/${intake.id}/case`, { identity: anIdentity() });
    const again = await asBorderOfficer.request('POST', `/api/intakes/${intake.id}/case`, {
      identity: anIdentity(),
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().type).toBe('/problems/intake/already-converted');
    expect((await screen(intake.id, presumedChild())).json().type).toBe(
      '/problems/screening/already-converted',
    );
  });

  it('without a presumption, asks for professional judgement, and accepts it', async () => {
    const intake = await anIntake();
    await screen(intake.id, aChildsAnswers());
    const refused = await asBorderOfficer.request('POST', `/api/intakes/${intake.id}/case`, {
      identity: anIdentity(),
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().errors[0].pointer).toBe('/body/basis');
    const accepted = await asBorderOfficer.request('POST', `/api/intakes/${intake.id}/case`, {
      identity: anIdentity(),
      basis: 'professional_judgement',
    });
    expect(accepted.statusCode).toBe(201);
  });

  it('refuses an identity that is not valid, opening nothing', async () => {
    const intake = await anIntake();
    await screen(intake.id, presumedChild());
    const response = await asBorderOfficer.request('POST', `/api/intakes/${intake.id}/case`, {
      identity: { sex: 'female' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors[0].pointer).toBe('/body/identity/fullName');
    expect((await asBorderOfficer.request('GET', `/api/intakes/${intake.id}`)).json().caseId).toBeNull();
  });
});

describe('questionnaire sets as versioned data', () => {
  it('lists the built-in sets for adults and children', async () => {
    const sets = (await asBorderOfficer.request('GET', '/api/questionnaires')).json().sets;
    expect(sets).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: 'adult_screening', version: 1, audience: 'adult', builtin: true }),
        expect.objectContaining({ id: 'child_screening', version: 1, audience: 'child', builtin: true }),
      ]),
    );
  });

  it('a new version never changes a screening already done', async () => {
    const intake = await anIntake();
    await screen(intake.id, presumedChild());
    const { set: current } = (
      await asCoordinator.request('GET', '/api/questionnaires/child_screening/versions/1')
    ).json();
    // Version 2 makes begging a weak indicator: it would no longer presume.
    const edited = structuredClone(current);
    edited.version = 2;
    for (const section of edited.sections)
      for (const question of section.questions)
        if (question.id === 'forced_begging') question.indicator.strength = 'weak';
    const published = await asCoordinator.request('POST', '/api/questionnaires', { set: edited });
    expect(published.statusCode).toBe(201);

    const after = (await asBorderOfficer.request('GET', `/api/intakes/${intake.id}`)).json();
    expect(after.screenings[0]).toMatchObject({ setVersion: 1, result: 'presumed_victim' });
    const onNew = await anIntake();
    const onVersion2 = await screen(onNew.id, { ...presumedChild(), setVersion: 2 });
    expect(onVersion2.json().result).not.toBe('presumed_victim');
  });

  it('refuses a version that does not follow the latest one', async () => {
    const response = await asCoordinator.request('POST', '/api/questionnaires', {
      set: { ...childScreeningSet, version: 7 },
    });
    expect(response.statusCode).toBe(409);
    expect(response.json().errors[0].pointer).toBe('/body/set/version');
  });

  it('refuses a set that is not valid, naming the field', async () => {
    const response = await asCoordinator.request('POST', '/api/questionnaires', {
      set: { ...childScreeningSet, id: 'new_set', title: { en: 'Only English' } },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors[0].pointer).toBe('/body/set/title/ro');
  });

  it('lets only administrators and the national coordinator publish', async () => {
    const response = await asBorderOfficer.request('POST', '/api/questionnaires', {
      set: { ...childScreeningSet, id: 'mine' },
    });
    expect(response.statusCode).toBe(403);
  });
});

describe('contact points', () => {
  it('lists who can be reached now with the platform clock, and only public ones on the portal', async () => {
    const organisation = await palermo.anOrganisation();
    const add = (body: object) =>
      asCoordinator.request('POST', '/api/contact-points', {
        organisationId: organisation.id,
        languages: ['ro', 'en'],
        phone: '+000 21 000 0000',
        ...body,
      });
    const always = await add({ name: 'Always open line', alwaysOpen: true, public: true });
    expect(always.statusCode).toBe(201);
    const night = await add({
      name: 'Night outreach',
      alwaysOpen: false,
      weeklyHours: [{ day: 'fri', opens: '20:00', closes: '04:00', closesNextDay: true }],
      public: true,
    });
    const office = await add({
      name: 'Office',
      alwaysOpen: false,
      weeklyHours: [{ day: 'fri', opens: '09:00', closes: '17:00' }],
    });
    const openNow = (await asBorderOfficer.request('GET', '/api/contact-points?openNow=true')).json()
      .contactPoints as { id: string }[];
    expect(openNow.map((point) => point.id)).toEqual(
      expect.arrayContaining([always.json().id, office.json().id]),
    );
    expect(openNow.map((point) => point.id)).not.toContain(night.json().id);

    const portal = await palermo.app.inject({ method: 'GET', url: '/api/public/contact-points' });
    expect(portal.statusCode).toBe(200);
    const publicIds = (portal.json().contactPoints as { id: string }[]).map((point) => point.id);
    expect(publicIds).toEqual(expect.arrayContaining([always.json().id, night.json().id]));
    expect(publicIds).not.toContain(office.json().id);
  });

  it('refuses a contact point of an organisation that does not exist', async () => {
    const response = await asCoordinator.request('POST', '/api/contact-points', {
      organisationId: '00000000-0000-4000-8000-000000000000',
      name: 'Nowhere',
      phone: '+000',
      languages: ['ro'],
      alwaysOpen: true,
    });
    expect(response.statusCode).toBe(422);
    expect(response.json().errors[0].pointer).toBe('/body/organisationId');
  });

  it('refuses hours that are neither given nor 24/7', async () => {
    const organisation = await palermo.anOrganisation();
    const response = await asCoordinator.request('POST', '/api/contact-points', {
      organisationId: organisation.id,
      name: 'No hours',
      phone: '+000 1',
      languages: ['ro'],
      alwaysOpen: false,
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors[0].pointer).toBe('/body/weeklyHours');
  });

  it('lets no one add a contact point to another organisation, except administrators and the coordinator', async () => {
    const elsewhere = await palermo.anOrganisation();
    const response = await asBorderOfficer.request('POST', '/api/contact-points', {
      organisationId: elsewhere.id,
      name: 'Not ours',
      phone: '+000 21 000 0001',
      languages: ['ro'],
      alwaysOpen: true,
    });
    expect(response.statusCode).toBe(403);
  });
});

describe('organisations managing their own contact points', () => {
  const staffRoles: Role[] = [
    'case_worker',
    'shelter_staff',
    'frontline_identifier',
    'police_investigator',
    'labour_inspector',
  ];
  const aContactPoint = (organisationId: string, overrides: object = {}) => ({
    organisationId,
    name: 'Drop-in desk',
    phone: '+000 21 000 0700',
    languages: ['ro', 'uk'],
    alwaysOpen: false,
    weeklyHours: [{ day: 'mon', opens: '09:00', closes: '17:00' }],
    ...overrides,
  });

  for (const role of staffRoles)
    it(`lets a ${role.replaceAll('_', ' ')} add, change and retire their own organisation's contact points`, async () => {
      const staff = await palermo.aUser([role]);
      const asStaff = await palermo.signIn(staff);
      const added = await asStaff.request('POST', '/api/contact-points', aContactPoint(staff.organisationId));
      expect(added.statusCode).toBe(201);
      expect(added.json().allowedActions).toEqual(['contact-point.manage']);
      const id = added.json().id as string;

      const changed = await asStaff.request('PATCH', `/api/contact-points/${id}`, {
        weeklyHours: [{ day: 'fri', opens: '22:00', closes: '06:00', closesNextDay: true }],
        languages: ['RO', 'ru'],
      });
      expect(changed.statusCode).toBe(200);
      expect(changed.json()).toMatchObject({
        name: 'Drop-in desk',
        phone: '+000 21 000 0700',
        languages: ['ro', 'ru'],
        weeklyHours: [{ day: 'fri', opens: '22:00', closes: '06:00', closesNextDay: true }],
      });

      const retired = await asStaff.request('POST', `/api/contact-points/${id}/retire`);
      expect(retired.statusCode).toBe(200);
      expect(retired.json()).toMatchObject({ retired: true, openNow: false, allowedActions: [] });
    });

  it("refuses staff changing or retiring another organisation's contact point (403: contact points are listed to all)", async () => {
    const owner = await palermo.aUser(['shelter_staff']);
    const added = await (await palermo.signIn(owner)).request(
      'POST',
      '/api/contact-points',
      aContactPoint(owner.organisationId),
    );
    const id = added.json().id as string;
    const other = await palermo.signIn(await palermo.aUser(['case_worker']));
    expect(
      (await other.request('PATCH', `/api/contact-points/${id}`, { name: 'Taken over' })).statusCode,
    ).toBe(403);
    expect((await other.request('POST', `/api/contact-points/${id}/retire`)).statusCode).toBe(403);
    const listed = (await other.request('GET', '/api/contact-points')).json().contactPoints as {
      id: string;
      allowedActions: string[];
    }[];
    expect(listed.find((point) => point.id === id)?.allowedActions).toEqual([]);
    expect((await other.request('GET', `/api/contact-points/${id}`)).json().name).toBe('Drop-in desk');
  });

  it('refuses roles without the right even for their own organisation', async () => {
    const prosecutor = await palermo.aUser(['prosecutor']);
    const response = await (await palermo.signIn(prosecutor)).request(
      'POST',
      '/api/contact-points',
      aContactPoint(prosecutor.organisationId),
    );
    expect(response.statusCode).toBe(403);
  });

  it("lets the national coordinator change any organisation's contact point", async () => {
    const owner = await palermo.aUser(['labour_inspector']);
    const added = await (await palermo.signIn(owner)).request(
      'POST',
      '/api/contact-points',
      aContactPoint(owner.organisationId),
    );
    const response = await asCoordinator.request('PATCH', `/api/contact-points/${added.json().id}`, {
      public: true,
    });
    expect(response.statusCode).toBe(200);
    expect(response.json().public).toBe(true);
  });

  it('keeps a retired contact point for history but lists it nowhere, and refuses changing it', async () => {
    const staff = await palermo.aUser(['case_worker']);
    const asStaff = await palermo.signIn(staff);
    const added = await asStaff.request(
      'POST',
      '/api/contact-points',
      aContactPoint(staff.organisationId, { alwaysOpen: true, weeklyHours: [], public: true }),
    );
    const id = added.json().id as string;
    expect((await asStaff.request('POST', `/api/contact-points/${id}/retire`)).statusCode).toBe(200);

    const listed = (await asStaff.request('GET', '/api/contact-points')).json().contactPoints as {
      id: string;
    }[];
    expect(listed.map((point) => point.id)).not.toContain(id);
    const portal = await palermo.app.inject({ method: 'GET', url: '/api/public/contact-points' });
    expect((portal.json().contactPoints as { id: string }[]).map((point) => point.id)).not.toContain(id);
    expect((await asStaff.request('GET', `/api/contact-points/${id}`)).json().retired).toBe(true);

    const again = await asStaff.request('POST', `/api/contact-points/${id}/retire`);
    expect(again.statusCode).toBe(409);
    expect(again.json().type).toBe('/problems/contact-point/retired');
    expect((await asStaff.request('PATCH', `/api/contact-points/${id}`, { name: 'Back' })).statusCode).toBe(
      409,
    );

    const audit = await listAudit(palermo.db, { limit: 10, subjectId: id });
    expect(audit.map((entry) => [entry.action, entry.details])).toEqual([
      ['contact-point.manage', { change: 'retire' }],
      ['contact-point.manage', { change: 'add', organisationId: staff.organisationId }],
    ]);
  });

  it('audits which fields a change touched, not their values', async () => {
    const staff = await palermo.aUser(['frontline_identifier']);
    const asStaff = await palermo.signIn(staff);
    const added = await asStaff.request('POST', '/api/contact-points', aContactPoint(staff.organisationId));
    const id = added.json().id as string;
    await asStaff.request('PATCH', `/api/contact-points/${id}`, { phone: '+000 21 000 0999', public: true });
    const [latest] = await listAudit(palermo.db, { limit: 1, subjectId: id });
    expect(latest?.details).toEqual({ change: 'change', fields: 'phone,public' });
  });

  it("selects in SQL exactly the contact points the predicate calls the actor's own", async () => {
    const condition = identificationConditions.isOwnOrganisationContactPoint;
    const staff = await palermo.aUser(['case_worker']);
    await (await palermo.signIn(staff)).request(
      'POST',
      '/api/contact-points',
      aContactPoint(staff.organisationId),
    );
    const actors: Actor[] = [
      {
        kind: 'user',
        id: staff.id,
        organisationId: staff.organisationId,
        roles: ['case_worker'],
        sessionId: 'test',
        secondFactorVerified: true,
        secondFactorRequired: false,
      },
      commandLine,
      anonymous,
    ];
    const now = new Date();
    const all = await palermo.db.query<{ id: string; organisationId: string }>(
      sql`select id, organisation_id as "organisationId" from identification.contact_point`,
    );
    for (const actor of actors) {
      const selected = await palermo.db.query<{ id: string }>(
        sql`select id from identification.contact_point where ${condition.where(actor, now)}`,
      );
      const expected = all.rows.filter((row) => condition.holds(actor, row, now)).map((row) => row.id);
      expect(selected.rows.map((row) => row.id).sort()).toEqual(expected.sort());
    }
  });

  it('answers 404 for a contact point that does not exist', async () => {
    const response = await asCoordinator.request(
      'PATCH',
      '/api/contact-points/00000000-0000-4000-8000-000000000000',
      { name: 'Nowhere' },
    );
    expect(response.statusCode).toBe(404);
  });

  describe('bad input names the field and changes nothing', () => {
    let asStaff: SignedIn;
    let staff: TestUser;
    beforeAll(async () => {
      staff = await palermo.aUser(['shelter_staff']);
      asStaff = await palermo.signIn(staff);
    });
    const pointers = (response: { json: () => { errors?: { pointer: string }[] } }) =>
      (response.json().errors ?? []).map((error) => error.pointer);

    it('refuses hours that end before they start unless they close the next day', async () => {
      const response = await asStaff.request(
        'POST',
        '/api/contact-points',
        aContactPoint(staff.organisationId, {
          weeklyHours: [{ day: 'mon', opens: '17:00', closes: '09:00' }],
        }),
      );
      expect(response.statusCode).toBe(400);
      expect(pointers(response)).toEqual(['/body/weeklyHours/0/closes']);
    });

    it('refuses "closes the next day" on hours that end after they start', async () => {
      const response = await asStaff.request(
        'POST',
        '/api/contact-points',
        aContactPoint(staff.organisationId, {
          weeklyHours: [{ day: 'mon', opens: '09:00', closes: '17:00', closesNextDay: true }],
        }),
      );
      expect(response.statusCode).toBe(400);
      expect(pointers(response)).toEqual(['/body/weeklyHours/0/closes']);
    });

    it('refuses a day that is not a day of the week', async () => {
      const response = await asStaff.request(
        'POST',
        '/api/contact-points',
        aContactPoint(staff.organisationId, {
          weeklyHours: [{ day: 'monday', opens: '09:00', closes: '17:00' }],
        }),
      );
      expect(response.statusCode).toBe(400);
      expect(pointers(response)).toEqual(['/body/weeklyHours/0/day']);
    });

    it('refuses languages that are not ISO 639-1 codes', async () => {
      const response = await asStaff.request(
        'POST',
        '/api/contact-points',
        aContactPoint(staff.organisationId, { languages: ['ro', 'Romanian', 'xx'] }),
      );
      expect(response.statusCode).toBe(400);
      expect(pointers(response)).toEqual(['/body/languages/1', '/body/languages/2']);
    });

    it('refuses a change that leaves no phone and no e-mail', async () => {
      const added = await asStaff.request('POST', '/api/contact-points', aContactPoint(staff.organisationId));
      const id = added.json().id as string;
      const response = await asStaff.request('PATCH', `/api/contact-points/${id}`, { phone: null });
      expect(response.statusCode).toBe(400);
      expect(pointers(response)).toEqual(['/body/phone']);
      expect((await asStaff.request('GET', `/api/contact-points/${id}`)).json().phone).toBe(
        '+000 21 000 0700',
      );
    });

    it('refuses moving a contact point to another organisation', async () => {
      const added = await asStaff.request('POST', '/api/contact-points', aContactPoint(staff.organisationId));
      const elsewhere = await palermo.anOrganisation();
      const response = await asStaff.request('PATCH', `/api/contact-points/${added.json().id}`, {
        organisationId: elsewhere.id,
      });
      expect(response.statusCode).toBe(400);
      expect(pointers(response)).toEqual(['/body/organisationId']);
    });
  });
});

describe('the API document', () => {
  it('describes the identification routes', async () => {
    const response = await palermo.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(response.statusCode).toBe(200);
    expect(Object.keys(response.json().paths)).toEqual(
      expect.arrayContaining(['/api/intakes', '/api/intakes/{intakeId}/case', '/api/public/contact-points']),
    );
  });
});

describe('statistics hooks', () => {
  it('counts identifications by channel, actor kind, self-identification and time in the country', async () => {
    const statsPalermo = await aTestPalermo();
    try {
      const police = await statsPalermo.anOrganisation({ kind: 'police' });
      const officer = await statsPalermo.signIn(
        await statsPalermo.aUser(['police_investigator'], { organisationId: police.id }),
      );
      for (const body of [
        { channel: 'police', monthsInCountry: 2 },
        { channel: 'self_referral', monthsInCountry: 14 },
        { channel: 'police' },
      ]) {
        const intake = (await officer.request('POST', '/api/intakes', body)).json();
        await officer.request(
          'POST',
          `/api/intakes/${intake.id}/screenings`,
          anAdultsAnswers({ handed_over: 'yes', threatened: 'yes', cannot_leave_work: 'yes' }),
        );
      }
      await officer.request('POST', '/api/intakes', { channel: 'police' }); // not screened: not counted
      const rapporteur = await statsPalermo.signIn(await statsPalermo.aUser(['national_rapporteur']));
      const response = await rapporteur.request(
        'GET',
        '/api/identification/statistics?from=2026-01-01&to=2026-12-31',
      );
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({
        identified: 3,
        casesOpened: 0,
        selfIdentified: 1,
        byChannel: { police: 2, self_referral: 1, border: 0 },
        byActorKind: { police: 3 },
        byTimeInCountry: { under_3_months: 1, '1_to_2_years': 1, not_known: 1 },
        averageMonthsInCountry: 8,
        disclosureControl: 'not_applied',
      });
      expect(response.json()).not.toHaveProperty('byOrganisation');
      expect(
        (await officer.request('GET', '/api/identification/statistics?from=2026-01-01&to=2026-12-31'))
          .statusCode,
      ).toBe(403);
    } finally {
      await statsPalermo.close();
    }
  });
});
