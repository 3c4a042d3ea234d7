import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IsoDate } from '../kernel/dates.js';
import type { Identity } from '../persons/index.js';
import { listAudit } from '../security/audit.store.js';
import { aTestPalermo, type SignedIn, type TestPalermo, type TestUser } from '../test-app.js';
import type { CaseEventOf, CaseEventType } from './case-events.js';
import { addBuilderOrganisations, anEvent } from './test-builders.js';

// The clock reads 2026-03-27 (Europe/Bucharest); cases are identified a week earlier.
const IDENTIFIED_ON: IsoDate = '2026-03-20';
const LATER_ON: IsoDate = '2026-03-25';

let palermo: TestPalermo;
let caseWorker: TestUser;
let asCaseWorker: SignedIn;
beforeAll(async () => {
  palermo = await aTestPalermo();
  await addBuilderOrganisations(palermo);
  caseWorker = await palermo.aUser(['case_worker']);
  asCaseWorker = await palermo.signIn(caseWorker);
});
afterAll(() => palermo.close());

let counter = 0;
function anIdentity(): Identity {
  counter += 1;
  return {
    fullName: `Ana Popescu ${counter}`,
    sex: 'female',
    dateOfBirth: { year: 1999 },
    citizenship: 'MDA',
    documents: [{ kind: 'passport', number: `AB${String(500000 + counter)}`, issuingCountry: 'MDA' }],
  };
}

function anIdentification(overrides: Partial<CaseEventOf<'identified'>> = {}) {
  const { type: _type, ...identified } = anEvent('identified', {
    occurredOn: IDENTIFIED_ON,
    identifyingOrganisationId: caseWorker.organisationId,
    ...overrides,
  });
  return identified;
}

type OpenedCase = { id: string; reference: string; stage: string; personId: string };

async function anOpenCase(
  by: SignedIn = asCaseWorker,
  overrides: Partial<CaseEventOf<'identified'>> = {},
): Promise<OpenedCase> {
  const response = await by.request('POST', '/api/cases', {
    identity: anIdentity(),
    identified: anIdentification(overrides),
  });
  if (response.statusCode !== 201) throw new Error(`opening failed: ${response.statusCode} ${response.body}`);
  return response.json();
}

/** A valid event of `type` dated after the identification, changed by `overrides`. */
const anEventLater = <Type extends CaseEventType>(type: Type, overrides: Partial<CaseEventOf<Type>> = {}) =>
  anEvent(type, { occurredOn: LATER_ON, ...overrides } as Partial<CaseEventOf<Type>>);

async function record(caseId: string, event: object, by = asCaseWorker) {
  return by.request('POST', `/api/cases/${caseId}/events`, event);
}

async function timelineOf(caseId: string) {
  const response = await asCaseWorker.request('GET', `/api/cases/${caseId}`);
  return response.json().timeline as { seq: number; type: string }[];
}

describe('opening a case', () => {
  it('answers 401 to a request without a session', async () => {
    const response = await palermo.app.inject({
      method: 'POST',
      url: '/api/cases',
      payload: { identity: anIdentity(), identified: anIdentification() },
    });
    expect(response.statusCode).toBe(401);
    expect(response.json().type).toBe('/problems/auth/not-signed-in');
  });

  it('refuses a role that may not open cases with 403', async () => {
    const rapporteur = await palermo.signIn(await palermo.aUser(['national_rapporteur']));
    const response = await rapporteur.request('POST', '/api/cases', {
      identity: anIdentity(),
      identified: anIdentification(),
    });
    expect(response.statusCode).toBe(403);
    expect(response.json().type).toBe('/problems/forbidden');
  });

  it('registers the person and opens a presumed victim case with a pseudonymous reference, audited', async () => {
    const response = await asCaseWorker.request('POST', '/api/cases', {
      identity: anIdentity(),
      identified: anIdentification(),
    });
    expect(response.statusCode).toBe(201);
    const opened = response.json();
    expect(opened).toMatchObject({
      reference: expect.stringMatching(/^C-[0-9A-Z]{4}-[0-9A-Z]{4}$/),
      stage: 'presumed_victim',
      ownerOrganisationId: caseWorker.organisationId,
      openedOn: IDENTIFIED_ON,
      timeline: [{ seq: 1, type: 'identified', occurredOn: IDENTIFIED_ON, recordedBy: caseWorker.id }],
    });
    expect(opened.allowedActions).toEqual([
      'case.record-event',
      'case.transfer',
      'case.view',
      'consent.record',
      'consent.withdraw',
      'referral.create',
      'restricted-notice.flag',
    ]);
    expect(opened.readableCategories).toEqual([
      'identity',
      'contact',
      'health',
      'counselling',
      'legal',
      'statistics',
    ]);
    expect(response.body).not.toContain('Ana Popescu');
    const person = await asCaseWorker.request('GET', `/api/persons/${opened.personId}`);
    expect(person.statusCode).toBe(200);
    const [entry] = await listAudit(palermo.db, { limit: 1, subjectId: opened.id });
    expect(entry).toMatchObject({ action: 'case.open', actor: { id: caseWorker.id } });
  });

  it('refuses an identification dated in the future with 400 naming the field, and opens nothing', async () => {
    const before = (await asCaseWorker.request('GET', '/api/cases?limit=200')).json().cases.length;
    const response = await asCaseWorker.request('POST', '/api/cases', {
      identity: anIdentity(),
      identified: anIdentification({ occurredOn: '2026-04-01' }),
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({
      type: '/problems/case/date-in-future',
      errors: [{ pointer: '/body/identified/occurredOn' }],
    });
    const after = (await asCaseWorker.request('GET', '/api/cases?limit=200')).json().cases.length;
    expect(after).toBe(before);
  });
});

describe('seeing cases', () => {
  it('answers 401 to a request without a session', async () => {
    const response = await palermo.app.inject({ method: 'GET', url: '/api/cases' });
    expect(response.statusCode).toBe(401);
  });

  it('refuses a role that may not see cases with 403', async () => {
    const auditor = await palermo.signIn(await palermo.aUser(['auditor']));
    const response = await auditor.request('GET', '/api/cases');
    expect(response.statusCode).toBe(403);
    expect(response.json().type).toBe('/problems/forbidden');
  });

  it('answers 404 for a case of another organisation, and leaves it out of the list', async () => {
    const elsewhere = await palermo.signIn(await palermo.aUser(['case_worker']));
    const theirs = await anOpenCase(elsewhere);
    const response = await asCaseWorker.request('GET', `/api/cases/${theirs.id}`);
    expect(response.statusCode).toBe(404);
    expect(response.json().type).toBe('/problems/not-found');
    const listed = await asCaseWorker.request('GET', '/api/cases?limit=200');
    expect(listed.json().cases.map((listedCase: { id: string }) => listedCase.id)).not.toContain(theirs.id);
  });

  it('lists cases filtered in SQL by stage and child status, without any identity', async () => {
    const adult = await anOpenCase();
    const child = await anOpenCase(asCaseWorker, { isChild: true });
    const response = await asCaseWorker.request('GET', '/api/cases?presumedChild=true&stage=presumed_victim');
    expect(response.statusCode).toBe(200);
    const ids = response.json().cases.map((listedCase: { id: string }) => listedCase.id);
    expect(ids).toContain(child.id);
    expect(ids).not.toContain(adult.id);
    expect(response.json().cases[0]).toEqual({
      id: expect.any(String),
      reference: expect.any(String),
      stage: 'presumed_victim',
      presumedChild: true,
      openedOn: IDENTIFIED_ON,
      ownerOrganisationId: caseWorker.organisationId,
      nextDeadline: expect.objectContaining({ kind: expect.any(String) }),
    });
    expect(response.body).not.toContain('Ana Popescu');
  });
});

describe('recording what happens in a case', () => {
  it('answers 401 to a request without a session', async () => {
    const opened = await anOpenCase();
    const response = await palermo.app.inject({
      method: 'POST',
      url: `/api/cases/${opened.id}/events`,
      payload: anEventLater('service_started'),
    });
    expect(response.statusCode).toBe(401);
  });

  it('answers 404 for a case of another organisation', async () => {
    const elsewhere = await palermo.signIn(await palermo.aUser(['case_worker']));
    const theirs = await anOpenCase(elsewhere);
    const response = await record(theirs.id, anEventLater('service_started'));
    expect(response.statusCode).toBe(404);
    const theirView = await elsewhere.request('GET', `/api/cases/${theirs.id}`);
    expect(theirView.json().timeline).toHaveLength(1);
  });

  it('refuses a role that may see the case but not record in it with 403', async () => {
    const prosecutor = await palermo.signIn(
      await palermo.aUser(['prosecutor'], { organisationId: caseWorker.organisationId }),
    );
    const opened = await anOpenCase();
    const response = await record(opened.id, anEventLater('service_started'), prosecutor);
    expect(response.statusCode).toBe(403);
    expect(response.json().type).toBe('/problems/forbidden');
  });

  it('records an event with the next seq and audits its type only', async () => {
    const opened = await anOpenCase();
    const response = await record(opened.id, anEventLater('service_started'));
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({
      seq: 2,
      event: { type: 'service_started', occurredOn: LATER_ON },
      stage: 'presumed_victim',
    });
    const [entry] = await listAudit(palermo.db, { limit: 1, subjectId: opened.id });
    expect(entry).toMatchObject({ action: 'case.event', details: { type: 'service_started' } });
  });

  it('refuses any event on a closed case with 409 case-closed', async () => {
    const opened = await anOpenCase();
    await record(opened.id, anEventLater('closed'));
    const response = await record(opened.id, anEventLater('service_started'));
    expect(response.statusCode).toBe(409);
    expect(response.json()).toMatchObject({
      type: '/problems/case/case-closed',
      detail: 'A closed case takes no events until it is reopened.',
    });
  });

  it('refuses a return decision without a risk assessment that found return safe (000 l. 173)', async () => {
    const opened = await anOpenCase();
    await record(opened.id, anEventLater('risk_assessed', { outcome: 'medium' }));
    const response = await record(opened.id, anEventLater('return_decided'));
    expect(response.statusCode).toBe(422);
    expect(response.json()).toMatchObject({
      type: '/problems/case/return-not-assessed-safe',
      detail: expect.stringContaining('000 l. 173'),
    });
  });

  it("refuses a child's return decision without a guardian and a best-interests determination", async () => {
    const opened = await anOpenCase(asCaseWorker, { isChild: true });
    await record(opened.id, anEventLater('risk_assessed', { outcome: 'return_safe' }));
    const response = await record(opened.id, anEventLater('return_decided'));
    expect(response.statusCode).toBe(422);
    expect(response.json()).toMatchObject({
      type: '/problems/case/child-safeguards-missing',
      missing: ['guardian', 'best_interests_determination'],
    });
  });

  it('refuses a temporary permit shorter than six months', async () => {
    const opened = await anOpenCase();
    const response = await record(
      opened.id,
      anEventLater('permit_granted', { permitKind: 'temporary', validUntil: '2026-06-30' }),
    );
    expect(response.statusCode).toBe(422);
    expect(response.json()).toMatchObject({
      type: '/problems/case/permit-too-short',
      minimumValidUntil: '2026-09-24',
    });
  });

  it('refuses an unknown event type with 400 naming the field, and records nothing', async () => {
    const opened = await anOpenCase();
    const response = await record(opened.id, { type: 'rescued', occurredOn: LATER_ON });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toEqual([expect.objectContaining({ pointer: '/body/type' })]);
    expect(await timelineOf(opened.id)).toHaveLength(1);
  });

  it('refuses an event dated before the identification with 400 naming occurredOn, and records nothing', async () => {
    const opened = await anOpenCase();
    const response = await record(opened.id, anEventLater('service_started', { occurredOn: '2026-03-01' }));
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({
      type: '/problems/case/date-out-of-order',
      errors: [{ pointer: '/body/occurredOn' }],
    });
    expect(await timelineOf(opened.id)).toHaveLength(1);
  });

  it('refuses an unknown field with 400 naming it, and records nothing', async () => {
    const opened = await anOpenCase();
    const response = await record(opened.id, { ...anEventLater('service_started'), victimName: 'Ana' });
    expect(response.statusCode).toBe(400);
    expect(JSON.stringify(response.json().errors)).toContain('victimName');
    expect(await timelineOf(opened.id)).toHaveLength(1);
  });

  it('never makes assistance depend on co-operation: a service starts after the person declined to testify', async () => {
    const opened = await anOpenCase();
    expect((await record(opened.id, anEventLater('declined_to_testify'))).statusCode).toBe(201);
    const response = await record(opened.id, anEventLater('service_started'));
    expect(response.statusCode).toBe(201);
    expect(response.json().seq).toBe(3);
  });

  it('keeps both of two events recorded at once, in order, or refuses one with a clear 409', async () => {
    const opened = await anOpenCase();
    const [first, second] = await Promise.all([
      record(opened.id, anEventLater('service_started')),
      record(opened.id, anEventLater('declined_to_testify')),
    ]);
    const statuses = [first.statusCode, second.statusCode].sort();
    const timeline = await timelineOf(opened.id);
    if (statuses[0] === 201 && statuses[1] === 201) {
      expect([first.json().seq, second.json().seq].sort()).toEqual([2, 3]);
      expect(timeline.map((entry) => entry.seq)).toEqual([3, 2, 1]);
    } else {
      expect(statuses).toEqual([201, 409]);
      const refused = first.statusCode === 409 ? first : second;
      expect(refused.json().type).toBe('/problems/case/concurrent-change');
      expect(timeline.map((entry) => entry.seq)).toEqual([2, 1]);
    }
  });
});

describe('the deadlines dashboard', () => {
  it('answers 401 to a request without a session', async () => {
    const response = await palermo.app.inject({ method: 'GET', url: '/api/deadlines' });
    expect(response.statusCode).toBe(401);
  });

  it('answers 403 to a role that sees no deadlines', async () => {
    const auditor = await palermo.signIn(await palermo.aUser(['auditor']));
    const response = await auditor.request('GET', '/api/deadlines');
    expect(response.statusCode).toBe(403);
  });

  it("shows the reflection period's end once it starts, grouped by the request's today", async () => {
    const opened = await anOpenCase();
    const granted = await record(opened.id, anEventLater('reflection_granted'));
    expect(granted.statusCode).toBe(201);
    expect(granted.json().stage).toBe('reflection');
    const response = await asCaseWorker.request('GET', '/api/deadlines');
    expect(response.statusCode).toBe(200);
    const ofThisCase = response
      .json()
      .deadlines.filter((deadline: { caseId: string }) => deadline.caseId === opened.id);
    expect(ofThisCase).toContainEqual({
      caseId: opened.id,
      caseReference: opened.reference,
      kind: 'reflection_ends',
      dueOn: '2026-06-22',
      reason: expect.any(String),
      status: 'later',
      group: 'later',
    });
    expect(ofThisCase).toContainEqual(
      expect.objectContaining({
        kind: 'referral_after_reflection_due',
        dueOn: '2026-04-01',
        group: 'next_7_days',
      }),
    );
  });

  it('shows a deadline that has passed as overdue, never silently dropped', async () => {
    const opened = await anOpenCase(asCaseWorker, { occurredOn: '2026-03-10' });
    await record(opened.id, anEvent('reflection_granted', { occurredOn: '2026-03-12' }));
    const response = await asCaseWorker.request('GET', '/api/deadlines');
    expect(response.json().deadlines).toContainEqual(
      expect.objectContaining({
        caseId: opened.id,
        kind: 'referral_after_reflection_due',
        dueOn: '2026-03-19',
        status: 'overdue',
        group: 'overdue',
      }),
    );
  });
});
