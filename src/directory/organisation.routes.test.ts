import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '../db/sql.js';
import { listAudit } from '../security/audit.store.js';
import { aTestPalermo, type SignedIn, type TestPalermo } from '../test-app.js';

let palermo: TestPalermo;
let administrator: SignedIn;
beforeAll(async () => {
  palermo = await aTestPalermo();
  administrator = await palermo.signIn(await palermo.aUser(['system_administrator']));
});
afterAll(() => palermo.close());

const shelter = {
  name: 'Birch House Shelter',
  kind: 'shelter',
  region: 'west',
  contactPoint: { phone: '+000 21 555 0101', email: 'duty@birch.example.org', hours: '24/7' },
  available24x7: true,
};

describe('the directory of organisations', () => {
  it('answers 401 without a session', async () => {
    expect((await palermo.app.inject({ method: 'GET', url: '/api/organisations' })).statusCode).toBe(401);
  });

  it('lets an administrator add an organisation, audited, and shows it to every signed-in user', async () => {
    const created = await administrator.request('POST', '/api/organisations', shelter);
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      ...shelter,
      allowedActions: ['organisation.update', 'organisation.view'],
    });
    const entries = await listAudit(palermo.db, { action: 'organisation.create', limit: 5 });
    expect(entries[0]!.subject).toEqual({ type: 'organisation', id: created.json().id });

    const worker = await palermo.signIn(await palermo.aUser(['case_worker']));
    const listed = await worker.request('GET', '/api/organisations');
    const seen = listed
      .json()
      .organisations.find((organisation: { id: string }) => organisation.id === created.json().id);
    expect(seen).toMatchObject({
      name: shelter.name,
      available24x7: true,
      allowedActions: ['organisation.view'],
    });
  });

  it('refuses a case worker who tries to add an organisation (403), changing nothing', async () => {
    const worker = await palermo.signIn(await palermo.aUser(['case_worker']));
    const refused = await worker.request('POST', '/api/organisations', {
      ...shelter,
      name: 'Should not exist',
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().type).toBe('/problems/forbidden');
    const found = await palermo.db.query(
      sql`select 1 from directory.organisation where name = 'Should not exist'`,
    );
    expect(found.rowCount).toBe(0);
  });

  it('names every field at fault, and an unknown region, in one answer', async () => {
    const refused = await administrator.request('POST', '/api/organisations', {
      name: '',
      kind: 'castle',
      region: 'west',
      contactPoint: { phone: 'call me', email: 'nope', hours: null },
    });
    expect(refused.statusCode).toBe(400);
    const pointers = refused
      .json()
      .errors.map((error: { pointer: string }) => error.pointer)
      .sort();
    expect(pointers).toEqual([
      '/body/contactPoint/email',
      '/body/contactPoint/phone',
      '/body/kind',
      '/body/name',
    ]);
    const badRegion = await administrator.request('POST', '/api/organisations', {
      ...shelter,
      name: 'Nowhere',
      region: 'atlantis',
    });
    expect(badRegion.json().errors).toEqual([
      { pointer: '/body/region', detail: 'Choose one of the regions' },
    ]);
  });

  it('refuses a second organisation with the same name (409), whatever its case', async () => {
    await administrator.request('POST', '/api/organisations', {
      ...shelter,
      name: 'Unique Rowan NGO',
      kind: 'ngo',
    });
    const again = await administrator.request('POST', '/api/organisations', {
      ...shelter,
      name: 'unique rowan ngo',
      kind: 'ngo',
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().type).toBe('/problems/organisation/name-taken');
  });

  it('stores SQL metacharacters as plain text', async () => {
    const name = "O'Hara & Sons'); drop table directory.organisation; --";
    const created = await administrator.request('POST', '/api/organisations', { ...shelter, name });
    expect(created.statusCode).toBe(201);
    expect((await administrator.request('GET', `/api/organisations/${created.json().id}`)).json().name).toBe(
      name,
    );
  });

  it('updates an organisation and answers 404 for one that does not exist', async () => {
    const created = await administrator.request('POST', '/api/organisations', {
      ...shelter,
      name: 'Aspen Hotline',
      kind: 'hotline',
    });
    const updated = await administrator.request('PATCH', `/api/organisations/${created.json().id}`, {
      available24x7: false,
    });
    expect(updated.json()).toMatchObject({ name: 'Aspen Hotline', available24x7: false });
    const missing = await administrator.request(
      'PATCH',
      '/api/organisations/00000000-0000-4000-8000-000000000000',
      {
        available24x7: false,
      },
    );
    expect(missing.statusCode).toBe(404);
    const notAnId = await administrator.request('GET', '/api/organisations/42');
    expect(notAnId.json().errors[0].pointer).toBe('/params/organisationId');
  });
});
