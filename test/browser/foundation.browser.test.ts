import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoEmail } from '../../src/demo.js';
import { currentCode } from '../../src/security/second-factor.js';
import { type BrowserPalermo, DEMO_PASSWORD, seriousViolations, startBrowserPalermo } from './harness.js';

let palermo: BrowserPalermo;
beforeAll(async () => {
  palermo = await startBrowserPalermo();
});
afterAll(() => palermo?.close());

async function signIn(page: Page, email: string) {
  await page.goto(`${palermo.url}/login`);
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Waits until the next 30-second TOTP step so a fresh code is never one already used. */
async function freshCode(secret: string): Promise<string> {
  const step = () => Math.floor(Date.now() / 30_000);
  const start = step();
  while (step() === start) await new Promise((resolve) => setTimeout(resolve, 250));
  return currentCode(secret, new Date());
}

describe('the web app', () => {
  it('signs an administrator in with a second factor, creates a user, and the auditor sees the audit entry', async () => {
    const context = await palermo.browser.newContext();
    const page = await context.newPage();
    const violations: Record<string, string[]> = {};
    const check = async (name: string) => {
      violations[name] = await seriousViolations(page);
    };

    await page.goto(`${palermo.url}/login`);
    await page.getByRole('heading', { level: 1, name: 'Sign in to Palermo' }).waitFor();
    await check('login');

    await signIn(page, demoEmail('system_administrator'));
    await page.getByAltText('QR code for adding your Palermo account to an authenticator app').waitFor();
    await check('enrol');
    const secret = (await page.locator('#secret').textContent())!.replace(/\s/g, '');
    await page.getByLabel('Code from your authenticator app').fill(currentCode(secret, new Date()));
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('heading', { level: 1, name: 'Save these recovery codes' }).waitFor();
    await check('recovery codes');
    await page.getByRole('button', { name: 'Continue' }).click();

    // Sign out and in again: this time the enrolled second factor is asked for.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await signIn(page, demoEmail('system_administrator'));
    await page.getByLabel('Code from your authenticator app or a recovery code').waitFor();
    await check('second factor');
    await page
      .getByLabel('Code from your authenticator app or a recovery code')
      .fill(await freshCode(secret));
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('navigation', { name: 'Main menu' }).waitFor();
    await check('home');

    await page
      .getByRole('navigation', { name: 'Main menu' })
      .getByRole('link', { name: 'Organisations' })
      .click();
    await page.getByRole('link', { name: 'Add an organisation' }).waitFor();
    await check('organisations');
    await page.getByRole('link', { name: 'Add an organisation' }).click();
    await page.getByRole('button', { name: 'Create organisation' }).click();
    await page.getByRole('alert').getByText('There is a problem').waitFor();
    expect(await page.title()).toMatch(/^Error: /);
    await check('new organisation with errors');
    await page.getByLabel('Name', { exact: true }).fill('Juniper Outreach Collective');
    await page.getByLabel('Kind of organisation').selectOption('ngo');
    await page.getByLabel('Region').selectOption('north');
    await page.getByRole('button', { name: 'Create organisation' }).click();
    await page.locator('.banner__message').getByText('Organisation created.').waitFor();
    await check('organisation');

    await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Users' }).click();
    await page.getByRole('heading', { level: 1 }).waitFor();
    await check('users');
    await page.goto(`${palermo.url}/users/new`);
    await page.getByLabel('Email address').fill('synthetic.newcomer@example.org');
    await page.getByLabel('Full name').fill('Synthetic Newcomer');
    await page.getByLabel('Organisation').selectOption({ label: 'Juniper Outreach Collective' });
    await page.getByLabel('Case worker').check();
    await page.getByLabel('Initial password').fill('a long enough initial password');
    await check('new user');
    await page.getByRole('button', { name: 'Create user' }).click();
    await page.waitForURL(/\/users\/[0-9a-f-]{36}$/);
    await page.getByText('synthetic.newcomer@example.org').first().waitFor();
    await check('user');
    expect(await page.title()).not.toContain('Synthetic Newcomer');

    await page.goto(`${palermo.url}/no-such-page`);
    await page.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor();
    await check('not found');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await context.close();

    // The auditor reads the log (ids and staff names, never victims' data).
    const auditorContext = await palermo.browser.newContext();
    const auditorPage = await auditorContext.newPage();
    await signIn(auditorPage, demoEmail('auditor'));
    await auditorPage
      .getByRole('navigation', { name: 'Main menu' })
      .getByRole('link', { name: 'Audit log' })
      .click();
    await auditorPage.getByRole('button', { name: 'Check the chain' }).waitFor();
    await expect.poll(() => auditorPage.getByText('user.create').count()).toBeGreaterThan(0);
    const row = auditorPage.getByRole('row').filter({ hasText: 'user.create' }).first();
    await expect.poll(() => row.textContent()).toContain('Ilinca Demo-Admin');
    await auditorPage.getByRole('button', { name: 'Check the chain' }).click();
    await auditorPage
      .getByText(/The chain is intact/)
      .first()
      .waitFor();
    violations.audit = await seriousViolations(auditorPage);
    await auditorContext.close();

    expect(violations).toEqual(Object.fromEntries(Object.keys(violations).map((name) => [name, []])));
  });

  it('switches to Romanian on the same page, keeping what was typed', async () => {
    const context = await palermo.browser.newContext();
    const page = await context.newPage();
    await page.goto(`${palermo.url}/login`);
    await page.getByLabel('Email address').fill('typed.before@example.org');
    await page.getByRole('navigation', { name: 'Language' }).getByRole('button', { name: 'Română' }).click();
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('ro');
    expect(page.url()).toBe(`${palermo.url}/login`);
    await expect
      .poll(() => page.locator('input[name="email"]').inputValue())
      .toBe('typed.before@example.org');
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });

  it('works at a phone width of 360 px without sideways scrolling', async () => {
    const context = await palermo.browser.newContext({ viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    await page.goto(`${palermo.url}/login`);
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await context.close();
  });
});
