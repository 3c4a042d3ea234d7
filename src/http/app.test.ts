import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aTestPalermo, type TestPalermo } from '../test-app.js';

let palermo: TestPalermo;
beforeAll(async () => {
  palermo = await aTestPalermo();
});
afterAll(() => palermo.close());

describe('the HTTP platform', () => {
  it('refuses to serve any API route that declares neither an action nor public access', () => {
    const undeclared = palermo.app.registeredRoutes.filter((route) => {
      const config = (route.config ?? {}) as { action?: string; public?: boolean };
      return route.url.startsWith('/api/') && !config.action && !config.public;
    });
    expect(palermo.app.registeredRoutes.length).toBeGreaterThan(10);
    expect(undeclared.map((route) => `${route.method} ${route.url}`)).toEqual([]);
  });

  it('stops at boot when a route forgets its action', async () => {
    const { createHttpApp } = await import('./app.js');
    const securityPlugin = (await import('../security/security.plugin.js')).default;
    const app = createHttpApp({ logLevel: 'silent', trustProxy: false });
    await app.register(securityPlugin, { platform: palermo.platform, publicPrefixes: [] });
    expect(() => app.get('/api/forgotten', async () => 'nothing')).toThrow(/declares no action/);
    await app.close();
  });

  it('reports database and migration state on /api/health', async () => {
    const response = await palermo.app.inject({ method: 'GET', url: '/api/health' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      status: 'ok',
      database: { reachable: true },
      migrations: { pending: 0 },
    });
    expect(response.json().migrations.applied).toBeGreaterThanOrEqual(4);
  });

  it('publishes an OpenAPI 3.1 document covering the routes', async () => {
    const response = await palermo.app.inject({ method: 'GET', url: '/api/openapi.json' });
    const document = response.json();
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining(['/api/auth/login', '/api/organisations', '/api/users']),
    );
    const docsPage = await palermo.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(docsPage.statusCode).toBe(200);
  });

  it('sends security headers with a strict Content-Security-Policy and a request id', async () => {
    const response = await palermo.app.inject({ method: 'GET', url: '/api/health' });
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    expect(response.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers an unknown API address with problem+json, never HTML or a stack trace', async () => {
    const response = await palermo.app.inject({ method: 'GET', url: '/api/nothing-here' });
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.body).not.toMatch(/\n\s+at /);
  });

  it('writes no personal data to the log, even from a request that fails validation', async () => {
    const admin = await palermo.aUser(['system_administrator']);
    const signedIn = await palermo.signIn(admin);
    const before = palermo.logLines.length;
    const name = 'Zenovia Quillfeather-Obrenović';
    await signedIn.request('POST', '/api/users', {
      email: 'zenovia.quill@example.org',
      displayName: name,
      organisationId: admin.organisationId,
      roles: ['case_worker'],
      password: 'long enough password',
    });
    await signedIn.request('POST', '/api/users', { email: 'not an email', displayName: name, roles: [] });
    await signedIn.request('POST', `/api/organisations?name=${encodeURIComponent(name)}`, {
      name,
      kind: 'bogus',
    });
    await palermo.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'zenovia.quill@example.org', password: name },
    });
    const written = palermo.logLines.slice(before).join('\n');
    expect(written.length).toBeGreaterThan(0);
    expect(written).not.toContain('Zenovia');
    expect(written).not.toContain('zenovia.quill');
  });
});
