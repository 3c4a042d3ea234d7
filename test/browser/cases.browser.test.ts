import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoEmail } from '../../src/demo.js';
import { currentCode } from '../../src/security/second-factor.js';
import { type BrowserPalermo, DEMO_PASSWORD, seriousViolations, startBrowserPalermo } from './harness.js';

let palermo: BrowserPalermo;
beforeAll(async () => {
  palermo = await startBrowserPalermo();
});
afterAll(() => palermo?.close());

/** Today in the demo installation's time zone, as day, month and year. */
function todayInBucharest(): { day: string; month: string; year: string } {
  const [year = '', month = '', day = ''] = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Bucharest',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  })
    .format(new Date())
    .split('-');
  return { day: String(Number(day)), month: String(Number(month)), year };
}

describe('case work in the web app', () => {
  it('opens a case, grants a reflection period and shows its deadline on the dashboard', async () => {
    const context = await palermo.browser.newContext();
    const page = await context.newPage();
    const violations: Record<string, string[]> = {};
    const check = async (name: string) => {
      violations[name] = await seriousViolations(page);
    };
    const syntheticName = 'Synthetic Ștefania Testperson';

    // The case worker signs in for the first time and enrols an authenticator app.
    await page.goto(`${palermo.url}/login`);
    await page.getByLabel('Email address').fill(demoEmail('case_worker'));
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByAltText('QR code for adding your Palermo account to an authenticator app').waitFor();
    const secret = (await page.locator('#secret').textContent())!.replace(/\s/g, '');
    await page.getByLabel('Code from your authenticator app').fill(currentCode(secret, new Date()));
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('heading', { level: 1, name: 'Save these recovery codes' }).waitFor();
    await page.getByRole('button', { name: 'Continue' }).click();
    const nav = page.getByRole('navigation', { name: 'Main menu' });
    await nav.waitFor();

    await nav.getByRole('link', { name: 'Cases' }).click();
    await page.getByRole('heading', { level: 1, name: 'Cases' }).waitFor();
    await page.getByRole('link', { name: 'Open a case' }).waitFor();
    await check('case list');

    await page.getByRole('link', { name: 'Open a case' }).click();
    await page.getByRole('heading', { level: 1, name: 'Open a case' }).waitFor();
    await page.getByRole('button', { name: 'Open case' }).click();
    await page.getByRole('alert').getByText('There is a problem').waitFor();
    expect(await page.title()).toMatch(/^Error: /);
    await check('new case with errors');

    await page.getByLabel('Full name').fill(syntheticName);
    await page.getByLabel('Female').check();
    await page.getByLabel('How did the person come to you?').selectOption('outreach');
    await page.locator('#selfIdentified-no').check();
    const today = todayInBucharest();
    const identifiedOn = page.getByRole('group', { name: 'Identified on' });
    await identifiedOn.getByLabel('Day').fill(today.day);
    await identifiedOn.getByLabel('Month').fill(today.month);
    await identifiedOn.getByLabel('Year').fill(today.year);
    await page.locator('#isChild-no').check();
    await check('new case');
    await page.getByRole('button', { name: 'Open case' }).click();

    await page.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
    await page
      .locator('.banner__message')
      .getByText(/Case opened\. Its reference is /)
      .waitFor();
    const reference = (await page.getByRole('heading', { level: 1, name: /^C-/ }).textContent())!.trim();
    expect(reference).not.toBe('');
    expect(await page.title()).toContain(reference);
    expect(await page.title()).not.toContain('Synthetic');
    expect(page.url()).not.toContain('Synthetic');
    await check('case workspace');

    // Grant a reflection period from the workspace.
    await page.getByLabel('Reflection period granted').check();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('button', { name: 'Record event' }).click();
    const timeline = page.getByRole('region', { name: 'Timeline' });
    await timeline.getByRole('heading', { name: 'Reflection period granted' }).waitFor();
    await page.getByText('Reflection period ends').first().waitFor();
    await check('case workspace after an event');

    // A second reflection period is refused: the server's reason is shown on the page.
    await page.getByLabel('Reflection period granted').check();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('button', { name: 'Record event' }).click();
    await page
      .getByRole('heading', { name: /This event was not recorded: A reflection period is running/ })
      .waitFor();
    await check('case workspace with a refused event');

    // The case list shows the case by reference only.
    await nav.getByRole('link', { name: 'Cases' }).click();
    await page.getByRole('link', { name: reference }).waitFor();
    expect(await page.locator('main').textContent()).not.toContain('Synthetic');

    await nav.getByRole('link', { name: 'Deadlines' }).click();
    await page.getByRole('heading', { level: 1, name: 'Deadlines' }).waitFor();
    const row = page
      .getByRole('row')
      .filter({ hasText: 'Reflection period ends' })
      .filter({ hasText: reference });
    await row.first().waitFor();
    expect(await page.locator('main').textContent()).not.toContain('Synthetic');
    await check('deadlines');

    await context.close();
    expect(violations).toEqual(Object.fromEntries(Object.keys(violations).map((name) => [name, []])));
  });
});
