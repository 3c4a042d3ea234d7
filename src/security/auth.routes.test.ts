import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '../db/sql.js';
import { aTestPalermo, TEST_PASSWORD, type TestPalermo } from '../test-app.js';
import { listAudit } from './audit.store.js';
import { currentCode } from './second-factor.js';

let palermo: TestPalermo;
beforeAll(async () => {
  palermo = await aTestPalermo();
});
afterAll(() => palermo.close());

const login = (email: string, password: string) =>
  palermo.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } });

describe('signing in', () => {
  it('answers 401 to a request without a session', async () => {
    const response = await palermo.app.inject({ method: 'GET', url: '/api/auth/session' });
    expect(response.statusCode).toBe(401);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json().type).toBe('/problems/auth/not-signed-in');
  });

  it('signs in with a password and sets an httpOnly, SameSite=Strict session cookie', async () => {
    const auditor = await palermo.aUser(['auditor']);
    const response = await login(auditor.email, TEST_PASSWORD);
    expect(response.statusCode).toBe(200);
    const cookie = response.cookies.find((c) => c.name === 'palermo_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Strict');
    expect(response.json().secondFactor).toEqual({ required: false, enrolled: false, verified: false });
    expect(response.json().permissions).toContain('audit.view');
  });

  it('refuses a wrong password with the same answer as an unknown address, and audits both', async () => {
    const worker = await palermo.aUser(['case_worker']);
    const wrong = await login(worker.email, 'not the password at all');
    const unknown = await login('nobody@example.org', 'not the password at all');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.json()).toEqual(wrong.json());
    const entries = await listAudit(palermo.db, { action: 'auth.login', limit: 10 });
    expect(entries.filter((entry) => entry.outcome === 'failure').length).toBeGreaterThanOrEqual(2);
    expect(entries.some((entry) => entry.subject?.id === worker.id && entry.outcome === 'failure')).toBe(
      true,
    );
  });

  it('locks an account after five failures, even against the right password, and audits the lockout', async () => {
    const worker = await palermo.aUser(['case_worker']);
    for (let attempt = 0; attempt < 5; attempt++) await login(worker.email, 'wrong password here');
    const locked = await login(worker.email, TEST_PASSWORD);
    expect(locked.statusCode).toBe(429);
    expect(locked.json().type).toBe('/problems/auth/locked');
    expect(locked.json().retryAfterSeconds).toBeGreaterThan(0);
    const lockouts = await listAudit(palermo.db, { action: 'auth.lockout', subjectId: worker.id, limit: 5 });
    expect(lockouts).toHaveLength(1);
    palermo.clock.advance(16 * 60_000);
    expect((await login(worker.email, TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('locks an address after four times the account limit of failures, whatever the accounts tried', async () => {
    for (let attempt = 0; attempt < 20; attempt++)
      await login(`nobody${attempt}@example.org`, 'not the password at all');
    const auditor = await palermo.aUser(['auditor']);
    const refused = await login(auditor.email, TEST_PASSWORD);
    expect(refused.statusCode).toBe(429);
    const denied = await listAudit(palermo.db, { action: 'auth.login', subjectId: auditor.id, limit: 1 });
    expect(denied[0]).toMatchObject({ outcome: 'denied', details: { reason: 'address-locked' } });
    palermo.clock.advance(16 * 60_000);
    expect((await login(auditor.email, TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('demands the second factor of a role that reads identity data before anything else', async () => {
    const worker = await palermo.aUser(['case_worker']);
    const response = await login(worker.email, TEST_PASSWORD);
    expect(response.json().secondFactor).toEqual({ required: true, enrolled: false, verified: false });
    expect(response.json().permissions).toEqual([]);
    const cookie = `palermo_session=${response.cookies[0]!.value}`;
    const organisations = await palermo.app.inject({
      method: 'GET',
      url: '/api/organisations',
      headers: { cookie },
    });
    expect(organisations.statusCode).toBe(403);
    expect(organisations.json().type).toBe('/problems/auth/second-factor-required');
  });

  it('enrols a TOTP second factor, hands out recovery codes once, and then requires a code at each sign-in', async () => {
    const worker = await palermo.aUser(['case_worker']);
    const first = await palermo.signIn(worker);
    expect(first.secondFactorSecret).toMatch(/^[A-Z2-7]+=*$/);
    const second = await login(worker.email, TEST_PASSWORD);
    const cookie = `palermo_session=${second.cookies[0]!.value}`;
    const headers = { cookie, 'x-csrf-token': second.json().csrfToken };
    expect(second.json().secondFactor).toEqual({ required: true, enrolled: true, verified: false });
    const wrong = await palermo.app.inject({
      method: 'POST',
      url: '/api/auth/second-factor/verify',
      headers,
      payload: { code: '000000' },
    });
    expect(wrong.statusCode).toBe(401);
    palermo.clock.advance(30_000);
    const right = await palermo.app.inject({
      method: 'POST',
      url: '/api/auth/second-factor/verify',
      headers,
      payload: { code: currentCode(first.secondFactorSecret!, palermo.clock.now()) },
    });
    expect(right.statusCode).toBe(200);
    expect(right.json().secondFactor.verified).toBe(true);
    expect(right.json().permissions).toContain('organisation.view');
    // The same code cannot be used twice.
    const replay = await palermo.app.inject({
      method: 'POST',
      url: '/api/auth/second-factor/verify',
      headers,
      payload: { code: currentCode(first.secondFactorSecret!, palermo.clock.now()) },
    });
    expect(replay.statusCode).toBe(401);
  });

  it('accepts a recovery code once instead of a TOTP code', async () => {
    const worker = await palermo.aUser(['shelter_staff']);
    const login1 = await login(worker.email, TEST_PASSWORD);
    const headers = {
      cookie: `palermo_session=${login1.cookies[0]!.value}`,
      'x-csrf-token': login1.json().csrfToken,
    };
    const enrolment = await palermo.app.inject({
      method: 'POST',
      url: '/api/auth/second-factor/enrolment',
      headers,
    });
    const confirm = await palermo.app.inject({
      method: 'POST',
      url: '/api/auth/second-factor/enrolment/confirm',
      headers,
      payload: { code: currentCode(enrolment.json().secret, palermo.clock.now()) },
    });
    const recoveryCodes: string[] = confirm.json().recoveryCodes;
    expect(recoveryCodes).toHaveLength(10);
    const giveRecoveryCode = async () => {
      const again = await login(worker.email, TEST_PASSWORD);
      return palermo.app.inject({
        method: 'POST',
        url: '/api/auth/second-factor/verify',
        headers: {
          cookie: `palermo_session=${again.cookies[0]!.value}`,
          'x-csrf-token': again.json().csrfToken,
        },
        payload: { code: recoveryCodes[0]!.toLowerCase() },
      });
    };
    expect((await giveRecoveryCode()).statusCode).toBe(200);
    expect((await giveRecoveryCode()).statusCode).toBe(401);
  });

  it('stores the second-factor secret encrypted, never as its text', async () => {
    const worker = await palermo.aUser(['prosecutor']);
    const signedIn = await palermo.signIn(worker);
    const stored = await palermo.db.query<{ secret: Buffer }>(
      sql`select second_factor_secret as secret from security.user_account where id = ${worker.id}`,
    );
    expect(stored.rows[0]!.secret.toString('latin1')).not.toContain(signedIn.secondFactorSecret);
  });

  it('refuses a state-changing request without the anti-forgery token, changing nothing', async () => {
    const admin = await palermo.aUser(['system_administrator']);
    const signedIn = await palermo.signIn(admin);
    const response = await palermo.app.inject({
      method: 'POST',
      url: '/api/organisations',
      headers: { cookie: signedIn.cookie },
      payload: { name: 'Forged organisation', kind: 'ngo', region: 'capital' },
    });
    expect(response.statusCode).toBe(403);
    expect(response.json().type).toBe('/problems/auth/csrf');
    const found = await palermo.db.query(
      sql`select 1 from directory.organisation where name = 'Forged organisation'`,
    );
    expect(found.rowCount).toBe(0);
  });

  it('ends a session after the idle time and at logout', async () => {
    const auditor = await palermo.aUser(['auditor']);
    const signedIn = await palermo.signIn(auditor);
    expect((await signedIn.request('GET', '/api/auth/session')).statusCode).toBe(200);
    palermo.clock.advance(31 * 60_000);
    const expired = await signedIn.request('GET', '/api/auth/session');
    expect(expired.statusCode).toBe(401);
    expect(expired.json().type).toBe('/problems/auth/session-expired');
    const again = await palermo.signIn(auditor);
    expect((await again.request('POST', '/api/auth/logout')).statusCode).toBe(204);
    expect((await again.request('GET', '/api/auth/session')).statusCode).toBe(401);
  });

  it('refuses malformed JSON, unknown fields and over-long values with a problem naming the field', async () => {
    const malformed = await palermo.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"email": "a@b.c", ',
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.headers['content-type']).toContain('application/problem+json');
    const unknown = await login('a@example.org', 'x');
    expect(unknown.statusCode).toBe(401);
    const extra = await palermo.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'a@example.org', password: 'x', admin: true },
    });
    expect(extra.statusCode).toBe(400);
    expect(extra.json().errors).toEqual([{ pointer: '/body/admin', detail: 'This field is not allowed' }]);
    const long = await palermo.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'a'.repeat(300), password: 'x' },
    });
    expect(long.json().errors).toEqual([expect.objectContaining({ pointer: '/body/email' })]);
    const form = await palermo.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'email=a&password=b',
    });
    expect(form.statusCode).toBe(415);
  });
});
