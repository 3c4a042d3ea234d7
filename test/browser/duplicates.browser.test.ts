import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anEvent } from '../../src/cases/test-builders.js';
import { accessibilityLog, type BrowserPalermo, signInFirstTime, startBrowserPalermo } from './harness.js';

// The police and a case worker of an NGO each open a case for the same woman; the national
// co-ordinator searches all cases; the police officer confirms the pair; the co-ordinator's count
// says one person for the two cases. Browser-driven (vitest.browser.config.ts style); all names are
// invented.

let palermo: BrowserPalermo;
beforeAll(async () => {
  palermo = await startBrowserPalermo();
});
afterAll(() => palermo?.close());

describe('duplicate cases in the web app', () => {
  it('searches, reviews by reference only, confirms, and counts one person', async () => {
    const log = accessibilityLog();
    const police = await signInFirstTime(palermo, 'police_investigator', { width: 360, height: 800 });
    const caseWorker = await signInFirstTime(palermo, 'case_worker', null);
    const openCase = async (page: typeof police, identity: object) => {
      const session = await (await page.request.get(`${palermo.url}/api/auth/session`)).json();
      const { type: _type, ...identified } = anEvent('identified', {
        occurredOn: new Date(Date.now() - 86_400_000).toISOString().slice(0, 10),
        identifyingOrganisationId: session.user.organisationId,
        isChild: false,
      });
      const opened = await page.request.post(`${palermo.url}/api/cases`, {
        headers: { 'x-csrf-token': session.csrfToken },
        data: { identity, identified },
      });
      expect(opened.status(), await opened.text()).toBe(201);
      return (await opened.json()).reference as string;
    };
    const policeCase = await openCase(police, {
      fullName: 'Оксана Прикладенко',
      latinName: 'Oksana Prykladenko',
      sex: 'female',
      dateOfBirth: { year: 1998, month: 5, day: 12 },
      citizenship: 'UKR',
    });
    const ngoCase = await openCase(caseWorker, {
      fullName: 'Oksana Prikladenko',
      sex: 'female',
      dateOfBirth: { year: 1998, month: 5 },
      citizenship: 'UKR',
    });

    // The co-ordinator searches all cases from the page.
    const coordinator = await signInFirstTime(palermo, 'national_coordinator', null);
    await coordinator
      .getByRole('navigation', { name: 'Main menu' })
      .getByRole('link', { name: 'Duplicate cases' })
      .click();
    await coordinator.getByRole('heading', { level: 1, name: 'Cases of the same person' }).waitFor();
    await log.check(coordinator, 'duplicate cases before a search');
    await coordinator.getByRole('button', { name: 'Search all cases now' }).click();
    await coordinator
      .locator('.banner__message')
      .getByText(/^Search finished: /)
      .waitFor();
    await coordinator.getByRole('table', { name: /pairs? to review/ }).waitFor();
    await log.check(coordinator, 'duplicate cases after a search');
    const count = coordinator.getByRole('region', { name: 'Persons identified' });
    const figures = async () => {
      const summary = (await count.locator('p strong').first().textContent()) ?? '';
      const [persons, cases] = (summary.match(/\d[\d,]*/g) ?? []).map((n) => Number(n.replace(/,/g, '')));
      return { persons, cases };
    };
    const before = await figures();

    // The police officer reviews the pair: their own case as a link, the NGO's by reference only.
    await police.goto(`${palermo.url}/case-duplicates`);
    await police.getByRole('heading', { level: 1, name: 'Cases of the same person' }).waitFor();
    await police.getByRole('link', { name: new RegExp(`Review .*${ngoCase}`) }).click();
    await police.getByRole('heading', { level: 1, name: 'Review a pair of cases' }).waitFor();
    await police.getByRole('link', { name: `${policeCase} (your organisation)` }).waitFor();
    await police.getByText(new RegExp(`${ngoCase}, held by .*: shown by reference only`)).waitFor();
    await police.getByRole('table', { name: 'How the two records compare, field by field' }).waitFor();
    expect(await police.locator('main').textContent()).not.toMatch(/Oksana|Оксана|Prikladenko|Prykladenko/);
    await log.check(police, 'review a pair');
    await police.getByRole('button', { name: 'Record decision' }).click();
    await police.getByRole('alert').getByText('There is a problem').waitFor();
    await police.getByLabel('Yes, the same person: link the cases').check();
    await police.getByLabel('Why? What evidence did you check?').fill('Same document number (synthetic)');
    await police.getByRole('button', { name: 'Record decision' }).click();
    await police
      .locator('.banner__message')
      .getByText(/^Confirmed\. The two cases are counted as one person/)
      .waitFor();
    await log.check(police, 'pair confirmed');

    // The count: the same cases, one person fewer (the two cases are one woman).
    await coordinator.reload();
    await count.getByText('Confirmed links between cases').waitFor();
    expect(await figures()).toEqual({ persons: before.persons! - 1, cases: before.cases });
    await log.check(coordinator, 'persons count');

    for (const page of [police, caseWorker, coordinator]) await page.context().close();
    expect(log.violations).toEqual(Object.fromEntries(Object.keys(log.violations).map((name) => [name, []])));
  });
});
