import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type BrowserPalermo,
  dateInBucharest,
  seriousViolations,
  signInFirstTime,
  startBrowserPalermo,
} from './harness.js';

let palermo: BrowserPalermo;
beforeAll(async () => {
  palermo = await startBrowserPalermo();
});
afterAll(() => palermo?.close());

describe('case work in the web app', () => {
  it('opens a case, grants a reflection period and shows its deadline on the dashboard', async () => {
    // The case worker signs in for the first time and enrols an authenticator app.
    const page = await signInFirstTime(palermo, 'case_worker', null);
    const violations: Record<string, string[]> = {};
    const check = async (name: string) => {
      violations[name] = await seriousViolations(page);
    };
    const syntheticName = 'Synthetic Ștefania Testperson';
    const nav = page.getByRole('navigation', { name: 'Main menu' });

    await nav.getByRole('link', { name: 'Cases', exact: true }).click();
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
    const today = dateInBucharest();
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

    // Grant a reflection period from the workspace: choose the event, then its own page.
    const sections = page.getByRole('navigation', { name: 'Case sections' });
    await page.getByRole('link', { name: 'Add event' }).click();
    await page.getByRole('link', { name: 'Reflection period granted' }).click();
    await page.getByRole('heading', { level: 2, name: 'Reflection period granted' }).waitFor();
    await page.getByRole('button', { name: 'Record event' }).click();
    const timeline = page.getByRole('region', { name: 'Timeline' });
    await timeline.getByRole('heading', { name: 'Reflection period granted' }).waitFor();
    await sections.getByRole('link', { name: 'Overview' }).click();
    await page.getByText('Reflection period ends').first().waitFor();
    await check('case workspace after an event');

    // A second reflection period is refused: the server's reason is shown on the page.
    await sections.getByRole('link', { name: 'Record an event' }).click();
    await page.getByRole('link', { name: 'Reflection period granted' }).click();
    await page.getByRole('button', { name: 'Record event' }).click();
    await page
      .getByRole('heading', { name: /This event was not recorded: A reflection period is running/ })
      .waitFor();
    await check('case workspace with a refused event');

    // The case list shows the case by reference only.
    await nav.getByRole('link', { name: 'Cases', exact: true }).click();
    await page.getByRole('link', { name: reference }).waitFor();
    expect(await page.locator('main').textContent()).not.toContain('Synthetic');

    // Filtered to children, the adult's case is not listed; filtered to adults, it is.
    await page.getByLabel('Children and adults').selectOption('true');
    await page.getByRole('button', { name: 'Show cases' }).click();
    await page.getByText('No cases match these filters.', { exact: false }).waitFor();
    expect(page.url()).toContain('presumedChild=true');
    await page.getByLabel('Children and adults').selectOption('false');
    await page.getByRole('button', { name: 'Show cases' }).click();
    await page.getByRole('link', { name: reference }).waitFor();
    await check('case list filtered');

    await nav.getByRole('link', { name: 'Deadlines' }).click();
    await page.getByRole('heading', { level: 1, name: 'Deadlines' }).waitFor();
    const row = page
      .getByRole('row')
      .filter({ hasText: 'Reflection period ends' })
      .filter({ hasText: reference });
    await row.first().waitFor();
    expect(await page.locator('main').textContent()).not.toContain('Synthetic');
    await check('deadlines');

    await page.context().close();
    expect(violations).toEqual(Object.fromEntries(Object.keys(violations).map((name) => [name, []])));
  });
});
