import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '../db/sql.js';
import { listAudit } from '../security/audit.store.js';
import { destroyDataKey } from '../security/field-encryption.store.js';
import { type Role, roles } from '../security/roles.js';
import { aTestPalermo, type SignedIn, type TestPalermo, type TestUser } from '../test-app.js';
import type { Identity } from './person.schema.js';

let palermo: TestPalermo;
let caseWorker: TestUser;
let asCaseWorker: SignedIn;
beforeAll(async () => {
  palermo = await aTestPalermo();
  caseWorker = await palermo.aUser(['case_worker']);
  asCaseWorker = await palermo.signIn(caseWorker);
});
afterAll(() => palermo.close());

let counter = 0;
/** A valid identity with a name and a passport number no other test uses. */
function anIdentity(overrides: Partial<Identity> = {}): Identity {
  counter += 1;
  return {
    fullName: `Олена Квітко-Мирошниченко ${counter}`,
    latinName: `Olena Kvitko-Myroshnychenko ${counter}`,
    sex: 'female',
    dateOfBirth: { year: 2001, month: 2 },
    citizenship: 'UKR',
    languages: ['uk', 'ru'],
    documents: [{ kind: 'passport', number: `FX${String(100000 + counter)}`, issuingCountry: 'UKR' }],
    contacts: [{ kind: 'phone', value: '+380 44 000 0000' }],
    ...overrides,
  };
}

async function aRegisteredPerson(by: SignedIn = asCaseWorker, identity: Identity = anIdentity()) {
  const response = await by.request('POST', '/api/persons', { identity });
  if (response.statusCode !== 201)
    throw new Error(`registration failed: ${response.statusCode} ${response.body}`);
  return { ...(response.json() as { id: string; reference: string; ownerOrganisationId: string }), identity };
}

describe('registering a person', () => {
  it('answers 401 to a request without a session', async () => {
    const response = await palermo.app.inject({
      method: 'POST',
      url: '/api/persons',
      payload: { identity: anIdentity() },
    });
    expect(response.statusCode).toBe(401);
    expect(response.json().type).toBe('/problems/auth/not-signed-in');
  });

  it('refuses a role that may not register persons with 403', async () => {
    const rapporteur = await palermo.signIn(await palermo.aUser(['national_rapporteur']));
    const response = await rapporteur.request('POST', '/api/persons', { identity: anIdentity() });
    expect(response.statusCode).toBe(403);
    expect(response.json().type).toBe('/problems/forbidden');
  });

  it('registers a person under a random reference, owned by the registering organisation', async () => {
    const response = await asCaseWorker.request('POST', '/api/persons', { identity: anIdentity() });
    expect(response.statusCode).toBe(201);
    const body = response.json();
    expect(Object.keys(body).sort()).toEqual(
      ['allowedActions', 'erasedAt', 'id', 'ownerOrganisationId', 'reference', 'registeredAt'].sort(),
    );
    expect(body.reference).toMatch(/^P-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(body.ownerOrganisationId).toBe(caseWorker.organisationId);
    expect(body.allowedActions).toEqual(['person.view']);
    expect(body.erasedAt).toBeNull();
  });

  it('refuses an identity with unknown fields or an impossible date, listing every fault, and stores nothing', async () => {
    const before = await palermo.db.query<{ count: number }>(
      sql`select count(*)::int as count from persons.person`,
    );
    const response = await asCaseWorker.request('POST', '/api/persons', {
      identity: {
        ...anIdentity({ dateOfBirth: { year: 2003, month: 2, day: 30 } }),
        religion: 'x',
        citizenship: 'UA',
      },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().type).toBe('/problems/validation');
    expect(
      response
        .json()
        .errors.map((error: { pointer: string }) => error.pointer)
        .sort(),
    ).toEqual(['/body/identity/citizenship', '/body/identity/dateOfBirth/day', '/body/identity/religion']);
    const after = await palermo.db.query<{ count: number }>(
      sql`select count(*)::int as count from persons.person`,
    );
    expect(after.rows[0]!.count).toBe(before.rows[0]!.count);
  });

  it('stores the identity encrypted: neither the name nor the document number is in the row in clear', async () => {
    const person = await aRegisteredPerson();
    const stored = await palermo.db.query<Record<string, unknown>>(
      sql`select * from persons.person where id = ${person.id}`,
    );
    const row = stored.rows[0]!;
    expect(Buffer.isBuffer(row.identity)).toBe(true);
    const bytes = Buffer.concat(
      Object.values(row).map((value) =>
        Buffer.isBuffer(value) ? value : Buffer.from(String(value), 'utf8'),
      ),
    );
    for (const secret of [
      person.identity.fullName,
      person.identity.latinName!,
      person.identity.documents![0]!.number,
    ])
      expect(bytes.includes(Buffer.from(secret, 'utf8'))).toBe(false);
    expect(bytes.includes(Buffer.from('Kvitko', 'utf8'))).toBe(false);
  });
});

describe('seeing a person', () => {
  it('shows the pseudonymous record only, never the identity', async () => {
    const person = await aRegisteredPerson();
    const response = await asCaseWorker.request('GET', `/api/persons/${person.id}`);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ id: person.id, reference: person.reference });
    expect(response.body).not.toContain('Kvitko');
    expect(response.body).not.toContain('Квітко');
  });

  it('answers 404, not 403, for a person of another organisation', async () => {
    const person = await aRegisteredPerson();
    const elsewhere = await palermo.signIn(await palermo.aUser(['case_worker']));
    for (const url of [`/api/persons/${person.id}`, `/api/persons/${person.id}/identity`]) {
      const response = await elsewhere.request('GET', url);
      expect(response.statusCode).toBe(404);
      expect(response.json().type).toBe('/problems/not-found');
    }
  });

  it('answers 404 for a person who does not exist', async () => {
    const response = await asCaseWorker.request(
      'GET',
      '/api/persons/00000000-0000-4000-8000-000000000000/identity',
    );
    expect(response.statusCode).toBe(404);
  });
});

describe("reading a person's identity", () => {
  it('gives the identity to the owner organisation and audits the read without personal data', async () => {
    const person = await aRegisteredPerson();
    const response = await asCaseWorker.request('GET', `/api/persons/${person.id}/identity`);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      id: person.id,
      reference: person.reference,
      identity: person.identity,
    });
    const entries = await listAudit(palermo.db, {
      action: 'person.identity.read',
      subjectId: person.id,
      limit: 5,
    });
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      actor: { kind: 'user', id: caseWorker.id, organisationId: caseWorker.organisationId },
      subject: { type: 'person', id: person.id },
      outcome: 'success',
    });
    const details = JSON.stringify(entries[0]!.details);
    for (const secret of ['Kvitko', 'Квітко', person.identity.documents![0]!.number, '+380'])
      expect(details).not.toContain(secret);
  });

  it('leaves out contact details for a role that may read the identity but not contacts', async () => {
    const identifier = await palermo.aUser(['frontline_identifier']);
    const asIdentifier = await palermo.signIn(identifier);
    const person = await aRegisteredPerson(asIdentifier);
    const response = await asIdentifier.request('GET', `/api/persons/${person.id}/identity`);
    expect(response.statusCode).toBe(200);
    expect(response.json().identity.fullName).toBe(person.identity.fullName);
    expect(response.json().identity).not.toHaveProperty('contacts');
    expect(response.body).not.toContain('+380');
  });

  it('answers 410 with a clear problem, and audits the attempt, once the data key is destroyed', async () => {
    const person = await aRegisteredPerson();
    await palermo.db.transaction((tx) => destroyDataKey(tx, person.id));
    const response = await asCaseWorker.request('GET', `/api/persons/${person.id}/identity`);
    expect(response.statusCode).toBe(410);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json()).toMatchObject({ type: '/problems/person/erased', status: 410 });
    const entries = await listAudit(palermo.db, {
      action: 'person.identity.read',
      subjectId: person.id,
      limit: 5,
    });
    expect(entries.map((entry) => [entry.outcome, entry.details])).toEqual([
      ['failure', { reason: 'erased' }],
    ]);
    expect((await asCaseWorker.request('GET', `/api/persons/${person.id}`)).statusCode).toBe(200);
  });

  // Who reads what of a person's identity, as deployments/demo/permissions.json decides it: the
  // registering roles, only for persons of their own organisation; contact details only case workers
  // and shelter staff. Change this table when the file changes.
  const readsOfOwnOrganisation: Record<Role, 'identity and contacts' | 'identity' | 'nothing'> = {
    system_administrator: 'nothing',
    national_coordinator: 'nothing',
    national_rapporteur: 'nothing',
    case_worker: 'identity and contacts',
    frontline_identifier: 'identity',
    shelter_staff: 'identity and contacts',
    police_investigator: 'identity',
    prosecutor: 'nothing',
    labour_inspector: 'identity',
    data_protection_officer: 'nothing',
    restricted_notice_officer: 'nothing',
    auditor: 'nothing',
  };

  it('has a row for every role', () => {
    expect(Object.keys(readsOfOwnOrganisation).sort()).toEqual([...roles].sort());
  });

  const cases = roles.flatMap((role) =>
    (['owner organisation', 'another organisation'] as const).map((where) => {
      const reads = readsOfOwnOrganisation[role];
      // A role that may see persons gets 404 for one it may not see; a role that may not see any, 403.
      const status = reads === 'nothing' ? 403 : where === 'owner organisation' ? 200 : 404;
      return { role, where, status, withContacts: reads === 'identity and contacts' };
    }),
  );
  it.each(cases)(
    'a $role of the $where gets $status for the identity',
    async ({ role, where, status, withContacts }) => {
      const person = await aRegisteredPerson();
      const user = await palermo.aUser([role], {
        ...(where === 'owner organisation' ? { organisationId: caseWorker.organisationId } : {}),
      });
      const response = await (await palermo.signIn(user)).request(
        'GET',
        `/api/persons/${person.id}/identity`,
      );
      expect(response.statusCode).toBe(status);
      const audited = await listAudit(palermo.db, {
        action: 'person.identity.read',
        subjectId: person.id,
        limit: 5,
      });
      if (status === 200) {
        expect(response.json().identity.fullName).toBe(person.identity.fullName);
        expect(response.json().identity.contacts).toEqual(
          withContacts ? person.identity.contacts : undefined,
        );
        expect(audited.map((entry) => entry.actor.id)).toEqual([user.id]);
      } else {
        expect(response.body).not.toContain('Kvitko');
        expect(audited).toEqual([]);
      }
    },
  );

  it('never gives identity data to the national rapporteur, even of their own organisation', async () => {
    const rapporteur = await palermo.signIn(
      await palermo.aUser(['national_rapporteur'], { organisationId: caseWorker.organisationId }),
    );
    const person = await aRegisteredPerson();
    for (const url of [`/api/persons/${person.id}/identity`, `/api/persons/${person.id}`]) {
      const response = await rapporteur.request('GET', url);
      expect(response.statusCode).toBe(403);
      expect(response.body).not.toContain('Kvitko');
    }
    const lookup = await rapporteur.request(
      'GET',
      `/api/persons?documentNumber=${encodeURIComponent(person.identity.documents![0]!.number)}`,
    );
    expect(lookup.statusCode).toBe(403);
  });
});

describe('looking a person up by document number', () => {
  it('finds the person by the exact number, however it is spaced or cased, and audits the look-up', async () => {
    const person = await aRegisteredPerson(
      asCaseWorker,
      anIdentity({
        documents: [{ kind: 'national_identity_card', number: 'AB 123-456', issuingCountry: 'MDA' }],
      }),
    );
    const response = await asCaseWorker.request('GET', '/api/persons?documentNumber=ab123456');
    expect(response.statusCode).toBe(200);
    expect(response.json().persons.map((found: { id: string }) => found.id)).toEqual([person.id]);
    expect(response.body).not.toContain('Kvitko');
    const entries = await listAudit(palermo.db, {
      action: 'person.lookup',
      actorId: caseWorker.id,
      limit: 1,
    });
    expect(entries[0]!.details).toEqual({ found: 1 });
    expect(JSON.stringify(entries[0])).not.toMatch(/ab ?123/i);
  });

  it("finds no one for another number, and never another organisation's person", async () => {
    const person = await aRegisteredPerson();
    const number = person.identity.documents![0]!.number;
    const elsewhere = await palermo.signIn(await palermo.aUser(['police_investigator']));
    const hidden = await elsewhere.request('GET', `/api/persons?documentNumber=${number}`);
    expect(hidden.statusCode).toBe(200);
    expect(hidden.json().persons).toEqual([]);
    const other = await asCaseWorker.request('GET', `/api/persons?documentNumber=${number}9`);
    expect(other.json().persons).toEqual([]);
  });

  it('filters in SQL before the limit: the visible person is found among many invisible ones', async () => {
    const number = 'ZZ9876543';
    const elsewhere = await palermo.signIn(await palermo.aUser(['case_worker']));
    for (let registration = 0; registration < 55; registration++)
      await aRegisteredPerson(
        elsewhere,
        anIdentity({ documents: [{ kind: 'passport', number, issuingCountry: 'ROU' }] }),
      );
    palermo.clock.advance(1000); // registered last: paging before filtering would cut it off
    const mine = await aRegisteredPerson(
      asCaseWorker,
      anIdentity({
        documents: [{ kind: 'passport', number, issuingCountry: 'ROU' }],
      }),
    );
    const response = await asCaseWorker.request('GET', `/api/persons?documentNumber=${number}`);
    expect(response.json().persons.map((found: { id: string }) => found.id)).toEqual([mine.id]);
  });

  it('refuses a look-up without a document number', async () => {
    const response = await asCaseWorker.request('GET', '/api/persons');
    expect(response.statusCode).toBe(400);
    expect(response.json().errors[0].pointer).toBe('/querystring/documentNumber');
  });
});
