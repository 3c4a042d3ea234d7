import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anEvent } from '../../src/cases/test-builders.js';
import {
  type BrowserPalermo,
  dateInBucharest,
  seriousViolations,
  signInFirstTime,
  startBrowserPalermo,
} from './harness.js';

// A police officer files a missing-person report for a 14-year-old girl whose case already exists
// under another transliteration of her name, sees the case proposed with its explanation, and
// confirms the match. All names are invented.

let palermo: BrowserPalermo;
beforeAll(async () => {
  palermo = await startBrowserPalermo();
});
afterAll(() => palermo?.close());

/** A birthday `years` ago: the 13th of this month, a real day in every month, and `years` old on it. */
function birthdayYearsAgo(years: number): { day: string; month: string; year: string } {
  const today = dateInBucharest();
  return {
    day: '13',
    month: today.month,
    year: String(Number(today.year) - years - (Number(today.day) < 13 ? 1 : 0)),
  };
}

describe('tracing in the web app', () => {
  it('files a report for a missing child, shows the existing case as a candidate and confirms the match', async () => {
    // The police officer signs in for the first time and enrols an authenticator app.
    const page = await signInFirstTime(palermo, 'police_investigator', { width: 360, height: 800 });
    const violations: Record<string, string[]> = {};
    const check = async (name: string) => {
      violations[name] = await seriousViolations(page);
    };
    const born = birthdayYearsAgo(14);
    const dateOfBirth = { year: Number(born.year), month: Number(born.month), day: Number(born.day) };

    const nav = page.getByRole('navigation', { name: 'Main menu' });

    // The girl's case was opened earlier, her name written the Ukrainian national way.
    const session = await (await page.request.get(`${palermo.url}/api/auth/session`)).json();
    // Identified yesterday: a day that is in the past in every time zone.
    const { type: _type, ...identified } = anEvent('identified', {
      occurredOn: new Date(Date.now() - 86_400_000).toISOString().slice(0, 10),
      identifyingOrganisationId: session.user.organisationId,
      isChild: true,
    });
    const opened = await page.request.post(`${palermo.url}/api/cases`, {
      headers: { 'x-csrf-token': session.csrfToken },
      data: {
        identity: { fullName: 'Oleksandra Shevchenko', sex: 'female', dateOfBirth, citizenship: 'UKR' },
        identified,
      },
    });
    expect(opened.status(), await opened.text()).toBe(201);
    const caseReference: string = (await opened.json()).reference;

    await nav.getByRole('link', { name: 'Missing persons' }).click();
    await page.getByRole('heading', { level: 1, name: 'Missing persons' }).waitFor();
    await check('register');

    await page.getByRole('link', { name: 'File a missing-person report' }).click();
    await page.getByRole('heading', { level: 1, name: 'File a missing-person report' }).waitFor();
    await page.getByRole('button', { name: 'File report' }).click();
    await page.getByRole('alert').getByText('There is a problem').waitFor();
    expect(await page.title()).toMatch(/^Error: /);
    await page.getByRole('alert').getByRole('link', { name: 'Enter a given name or a family name' }).click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('givenName');
    await check('report form with errors');

    await page.getByLabel('Given names, as written in their own script').fill('Олександра');
    await page.getByLabel('Family name, as written in their own script').fill('Шевченко');
    await page.getByLabel('Given names in Latin letters').fill('Aleksandra');
    await page.getByLabel('Family name in Latin letters').fill('Szewczenko');
    await page.getByLabel('Female').check();
    const birth = page.getByRole('group', { name: /Date of birth/ });
    await birth.getByLabel('Day').fill(born.day);
    await birth.getByLabel('Month').fill(born.month);
    await birth.getByLabel('Year').fill(born.year);
    await page.locator('#isChild').check();
    await page.locator('#unaccompaniedOrSeparated').check();
    await page.getByLabel('Citizenship').fill('UKR');
    await page.getByLabel('Country of the reporting organisation').fill('ROU');
    await page.getByLabel('A legal basis').check();
    await page.getByLabel('The law or decision that allows tracing').fill('Police Act, art. 31 (synthetic)');
    await check('report form');
    await page.getByRole('button', { name: 'File report' }).click();

    await page.waitForURL(/\/missing-persons\/[0-9a-f-]{36}$/);
    await page
      .locator('.banner__message')
      .getByText(/Report filed\. Its reference is M-/)
      .waitFor();
    const reportReference = (await page
      .getByRole('heading', { level: 1, name: /^M-/ })
      .textContent())!.trim();
    expect(await page.title()).toContain(reportReference);
    expect(await page.title()).not.toMatch(/Shevchenko|Szewczenko|Олександра/);
    expect(page.url()).not.toMatch(/Shevchenko|Szewczenko/);

    // The existing case is proposed, explained field by field in words.
    const candidates = page.getByRole('region', { name: 'Possible matches' });
    await candidates.getByRole('heading', { name: `Case ${caseReference}` }).waitFor();
    await candidates.getByText('Very likely the same person').first().waitFor();
    await candidates
      .getByText(/^Date of birth: the same date$/)
      .first()
      .waitFor();
    await candidates
      .getByText(/^Family name: /)
      .first()
      .waitFor();
    expect(await candidates.textContent()).not.toContain('Shevchenko');
    await check('report with candidates');

    await candidates.getByRole('link', { name: `Review this match ${caseReference}` }).click();
    await page.getByRole('heading', { level: 1, name: 'Review a possible match' }).waitFor();
    await page.getByRole('table', { name: 'How the two records compare, field by field' }).waitFor();
    await check('review screen');
    await page.getByRole('button', { name: 'Record decision' }).click();
    await page.getByRole('alert').getByText('There is a problem').waitFor();
    await page.getByLabel('Yes, confirm the match and link the records').check();
    await page
      .getByLabel('Why? What evidence did you check?')
      .fill('Guardian identified the photograph (synthetic)');
    await page.getByRole('button', { name: 'Record decision' }).click();
    await page
      .locator('.banner__message')
      .getByText('Match confirmed. The records are now linked.')
      .waitFor();
    await page.getByText('Confirmed: the records are linked').waitFor();
    await check('review screen after confirming');

    // The review queue no longer lists it; the report shows the confirmed match.
    await page.goto(`${palermo.url}/match-candidates`);
    await page.getByRole('heading', { level: 1, name: 'Match review' }).waitFor();
    expect(await page.locator('main').textContent()).not.toContain(caseReference);
    await check('review queue');

    await page.context().close();
    expect(violations).toEqual(Object.fromEntries(Object.keys(violations).map((name) => [name, []])));
  });
});
