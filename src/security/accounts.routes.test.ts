import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aTestPalermo, type SignedIn, type TestPalermo } from '../test-app.js';
import { listAudit } from './audit.store.js';

let palermo: TestPalermo;
let administrator: SignedIn;
let organisationId: string;
beforeAll(async () => {
  palermo = await aTestPalermo();
  const admin = await palermo.aUser(['system_administrator']);
  organisationId = admin.organisationId;
  administrator = await palermo.signIn(admin);
});
afterAll(() => palermo.close());

const newUser = () => ({
  email: `New.Worker.${Math.random().toString(36).slice(2, 8)}@Example.org`,
  displayName: 'Синтетична Особа',
  organisationId,
  roles: ['case_worker', 'shelter_staff'],
  password: 'a long initial password',
});

describe('user administration', () => {
  it('creates a user with several roles, audited, who can then sign in', async () => {
    const body = newUser();
    const created = await administrator.request('POST', '/api/users', body);
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      email: body.email.toLowerCase(),
      displayName: body.displayName,
      roles: ['case_worker', 'shelter_staff'],
      secondFactorEnrolled: false,
      disabled: false,
    });
    expect(created.json()).not.toHaveProperty('passwordHash');
    const entries = await listAudit(palermo.db, { action: 'user.create', limit: 1 });
    expect(entries[0]!.subject?.id).toBe(created.json().id);
    const login = await palermo.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: body.email, password: body.password },
    });
    expect(login.statusCode).toBe(200);
  });

  it('refuses a user in an organisation that does not exist, and a taken e-mail address', async () => {
    const unknown = await administrator.request('POST', '/api/users', {
      ...newUser(),
      organisationId: '00000000-0000-4000-8000-000000000000',
    });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().errors[0].pointer).toBe('/body/organisationId');
    const body = newUser();
    await administrator.request('POST', '/api/users', body);
    const taken = await administrator.request('POST', '/api/users', {
      ...body,
      email: body.email.toUpperCase(),
    });
    expect(taken.statusCode).toBe(409);
  });

  it('refuses a short password and unknown roles, naming both fields', async () => {
    const refused = await administrator.request('POST', '/api/users', {
      ...newUser(),
      password: 'short',
      roles: ['king'],
    });
    expect(refused.statusCode).toBe(400);
    const pointers = refused.json().errors.map((error: { pointer: string }) => error.pointer);
    expect(pointers).toEqual(expect.arrayContaining(['/body/password', '/body/roles/0']));
  });

  it('lets a case worker see only their own account, and not create users', async () => {
    const worker = await palermo.aUser(['case_worker'], { organisationId });
    const signedIn = await palermo.signIn(worker);
    const listed = await signedIn.request('GET', '/api/users');
    expect(listed.json().users.map((user: { id: string }) => user.id)).toEqual([worker.id]);
    expect((await signedIn.request('POST', '/api/users', newUser())).statusCode).toBe(403);
    const colleague = await palermo.aUser(['case_worker'], { organisationId });
    expect((await signedIn.request('GET', `/api/users/${colleague.id}`)).statusCode).toBe(404);
  });

  it('disabling an account ends its sessions at once', async () => {
    const worker = await palermo.aUser(['auditor']);
    const signedIn = await palermo.signIn(worker);
    const disabled = await administrator.request('PATCH', `/api/users/${worker.id}`, { disabled: true });
    expect(disabled.json().disabled).toBe(true);
    expect((await signedIn.request('GET', '/api/auth/session')).statusCode).toBe(401);
  });
});
