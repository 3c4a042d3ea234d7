import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { childScreeningSet } from '../../src/identification/builtin-sets.js';
import { questionsOf } from '../../src/identification/questionnaire.js';
import {
  accessibilityLog,
  type BrowserPalermo,
  seriousViolations,
  signInFirstTime,
  startBrowserPalermo,
} from './harness.js';

let palermo: BrowserPalermo;
beforeAll(async () => {
  palermo = await startBrowserPalermo();
});
afterAll(() => palermo?.close());

describe('screening at the border on a phone', () => {
  it('a border officer screens a child, gets "presumed victim" and opens a case', async () => {
    const page = await signInFirstTime(palermo, 'frontline_identifier', { width: 360, height: 780 });
    const violations: Record<string, string[]> = {};
    const overflow: Record<string, number> = {};
    const check = async (name: string) => {
      violations[name] = await seriousViolations(page);
      // No horizontal scroll at 360 px: how far the page is wider than the viewport.
      overflow[name] = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
    };

    const nav = page.getByRole('navigation', { name: 'Main menu' });

    await nav.getByRole('link', { name: 'Screening' }).click();
    await page.getByRole('heading', { level: 1, name: 'Intakes' }).waitFor();
    await check('intake list');
    await page.getByRole('link', { name: 'Run a screening' }).click();
    await page.getByRole('heading', { level: 1, name: 'Run a screening' }).waitFor();

    await page.getByRole('button', { name: 'Record screening' }).click();
    await page.getByRole('alert').getByText('There is a problem').waitFor();
    expect(await page.title()).toMatch(/^Error: /);
    await check('screening with errors');

    await page.getByLabel('How did this contact come in?').selectOption('border');
    await page.getByLabel('Screening for indicators of trafficking: children').check();
    await page.getByRole('heading', { level: 2, name: 'What the child is made to do' }).waitFor();
    for (const question of questionsOf(childScreeningSet))
      if (question.required && question.kind === 'yes_no_unsure')
        await page.locator(`#answer-${question.id}-no`).check();
    // Handed over to an adult (the act) and made to beg (the purpose): no means are needed for a child.
    await page.locator('#answer-handed_over').check();
    await page.locator('#answer-forced_begging').check();
    await check('screening answered');
    await page.getByRole('button', { name: 'Record screening' }).click();

    await page.waitForURL(/\/intakes\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { level: 1, name: 'Screening result' }).waitFor();
    await page.getByText('Presumed victim', { exact: true }).waitFor();
    await page.getByText('This is not an identification decision.', { exact: false }).first().waitFor();
    await page.getByRole('heading', { level: 3, name: /^The act/ }).waitFor();
    await check('screening result');

    await page.getByLabel('Full name').fill('Synthetic Child Testperson');
    await page.getByLabel('Female').check();
    await page.getByRole('button', { name: 'Open a case' }).click();

    await page.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
    const reference = (await page.getByRole('heading', { level: 1, name: /^C-/ }).textContent())!.trim();
    expect(reference).not.toBe('');
    expect(await page.title()).not.toContain('Synthetic');
    await check('case page');

    await page.context().close();
    expect(violations).toEqual(Object.fromEntries(Object.keys(violations).map((name) => [name, []])));
    expect(overflow).toEqual(Object.fromEntries(Object.keys(overflow).map((name) => [name, 0])));
  });

  it('the national coordinator sees who is reachable now and publishes a new questionnaire version', async () => {
    const page = await signInFirstTime(palermo, 'national_coordinator', { width: 360, height: 780 });
    const violations: Record<string, string[]> = {};
    const check = async (name: string) => {
      violations[name] = await seriousViolations(page);
    };

    const nav = page.getByRole('navigation', { name: 'Main menu' });

    // The demo's national hotline is open 24/7, so someone is always reachable.
    await nav.getByRole('link', { name: 'Contact points' }).click();
    await page.getByRole('heading', { level: 1, name: 'Contact points' }).waitFor();
    await page.getByRole('heading', { level: 3, name: 'National hotline 0800 800 800' }).waitFor();
    await page.getByText('Reachable now').first().waitFor();
    await check('contact points');
    // The coordinator keeps every organisation's contact points, and chooses the organisation.
    await page.getByRole('link', { name: 'Change contact point National hotline 0800 800 800' }).waitFor();
    await page.getByRole('link', { name: 'Add a contact point' }).click();
    await page.getByRole('heading', { level: 1, name: 'Add a contact point' }).waitFor();
    await page.getByRole('button', { name: 'Add contact point' }).click();
    await page.getByRole('alert').getByText('There is a problem').waitFor();
    await page.getByRole('alert').getByRole('link').first().click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('organisationId');
    await check('new contact point by the coordinator, with errors');

    await nav.getByRole('link', { name: 'Questionnaires' }).click();
    await page.getByRole('heading', { level: 1, name: 'Screening questionnaires' }).waitFor();
    await check('questionnaires');
    await page.getByRole('link', { name: 'Screening for indicators of trafficking: children' }).click();
    const definition = page.getByLabel('Definition (JSON)');
    await definition.waitFor();
    await check('questionnaire version');

    await definition.fill('{ not json');
    await page.getByRole('button', { name: 'Publish version' }).click();
    await page.getByRole('alert').getByText('There is a problem').waitFor();
    await check('new version with errors');

    const edited = JSON.parse(JSON.stringify(childScreeningSet));
    edited.version = 2;
    edited.title.en = 'Screening for indicators of trafficking: children (revised)';
    await definition.fill(JSON.stringify(edited));
    await page.getByRole('button', { name: 'Publish version' }).click();
    await page.waitForURL(/\/questionnaires\/child_screening\/2$/);
    await page.locator('.banner__message').getByText('Version 2 published.').waitFor();
    await page.getByRole('heading', { level: 2, name: /\(revised\)$/ }).waitFor();
    await check('published version');

    await page.context().close();
    expect(violations).toEqual(Object.fromEntries(Object.keys(violations).map((name) => [name, []])));
  });
});

describe('an organisation keeping its own contact points', () => {
  it('shelter staff add a night line that closes after midnight, see it reachable now, change it and retire it', async () => {
    const page = await signInFirstTime(palermo, 'shelter_staff');
    const log = accessibilityLog();
    const overflow: Record<string, number> = {};
    const check = async (name: string) => {
      await log.check(page, name);
      overflow[name] = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
    };
    // An opening that starts this hour and closes a minute before the same hour the next day, so it
    // crosses midnight and is open now in the installation's time zone whenever the test runs; in
    // the hour after midnight, yesterday's opening from 01:00 to 00:59.
    const bucharest = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/Bucharest',
      weekday: 'long',
      hour: '2-digit',
      hourCycle: 'h23',
    }).formatToParts(new Date());
    const hour = Number(bucharest.find((part) => part.type === 'hour')!.value);
    const days = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
    const today = days.indexOf(bucharest.find((part) => part.type === 'weekday')!.value);
    const openingDay = days[hour >= 1 ? today : (today + 6) % 7]!;
    const opensHour = Math.max(hour, 1);
    const twoDigits = (value: number) => String(value).padStart(2, '0');
    const opensAt = `${twoDigits(opensHour)}:00`;
    const closesAt = `${twoDigits(opensHour - 1)}:59`;

    const nav = page.getByRole('navigation', { name: 'Main menu' });
    await nav.getByRole('link', { name: 'Contact points' }).click();
    await page.getByRole('heading', { level: 1, name: 'Contact points' }).waitFor();
    await page.getByRole('link', { name: 'Add a contact point' }).click();
    await page.getByRole('heading', { level: 1, name: 'Add a contact point' }).waitFor();
    await check('new contact point');

    await page.getByLabel('Name of the contact point').fill('Synthetic night shelter line');
    await page.getByLabel('Phone number (optional)').fill('+000 21 000 0800');
    await page.getByLabel('Romanian').check();
    await page.getByLabel('Ukrainian').check();
    await page.getByLabel('Other languages (optional)').fill('ru, XX');
    await page.getByLabel('Day', { exact: true }).selectOption({ label: openingDay });
    await page.getByLabel('Opens at', { exact: true }).fill(opensAt);
    await page.getByLabel('Closes at', { exact: true }).fill(closesAt);
    // A second row, added and removed again with the keyboard-reachable buttons.
    await page.getByRole('button', { name: 'Add another opening' }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('opening-1-day');
    await page.getByRole('button', { name: 'Remove opening 2' }).click();
    await page.getByLabel('Show it on the public portal').check();
    await page.getByRole('button', { name: 'Add contact point' }).click();

    // The server refuses the unknown language and the closing time before the opening time.
    const summary = page.getByRole('alert');
    await summary.getByText('There is a problem').waitFor();
    expect(await page.title()).toMatch(/^Error: /);
    await summary.getByRole('link', { name: /ISO 639-1/ }).waitFor();
    await summary.getByRole('link', { name: /closing time after the opening time/ }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('opening-0-closes');
    await check('new contact point with errors');

    await page.getByLabel('Other languages (optional)').fill('ru');
    await page.getByLabel('Closes the next day (after midnight)').check();
    await page.getByRole('button', { name: 'Add contact point' }).click();

    await page.locator('.banner__message').getByText('Contact point added.').waitFor();
    const card = page.getByRole('listitem').filter({
      has: page.getByRole('heading', { level: 3, name: 'Synthetic night shelter line' }),
    });
    await card.getByText('Reachable now').waitFor();
    await card.getByText(`${openingDay} ${opensAt}–${closesAt} the next day`).waitFor();
    await card.getByText('Romanian, Ukrainian, Russian').waitFor();
    await check('contact points with the new one');

    await card.getByRole('link', { name: 'Change contact point Synthetic night shelter line' }).click();
    await page.getByRole('heading', { level: 1, name: 'Change a contact point' }).waitFor();
    expect(await page.getByLabel('Closes the next day (after midnight)').isChecked()).toBe(true);
    await check('change contact point');
    await page.getByLabel('Name of the contact point').fill('Synthetic night shelter line (Ukrainian)');
    await page.getByLabel('Always open (24 hours a day, 7 days a week)').check();
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.locator('.banner__message').getByText('Contact point changed.').waitFor();
    const changed = page.getByRole('listitem').filter({
      has: page.getByRole('heading', { level: 3, name: 'Synthetic night shelter line (Ukrainian)' }),
    });
    await changed.getByText('Open 24 hours a day, 7 days a week').waitFor();

    await changed
      .getByRole('link', { name: 'Retire contact point Synthetic night shelter line (Ukrainian)' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Retire a contact point' }).waitFor();
    await check('retire contact point');
    await page.getByRole('button', { name: 'Retire contact point' }).click();
    await page
      .locator('.banner__message')
      .getByText('Contact point retired. It is no longer listed.')
      .waitFor();
    await page.getByRole('heading', { level: 3, name: 'National hotline 0800 800 800' }).waitFor();
    expect(await page.getByRole('heading', { level: 3, name: /Synthetic night shelter line/ }).count()).toBe(
      0,
    );

    // Another organisation's contact points offer no change or retire links.
    expect(
      await page.getByRole('link', { name: 'Change contact point National hotline 0800 800 800' }).count(),
    ).toBe(0);

    await page.context().close();
    expect(log.violations).toEqual(Object.fromEntries(Object.keys(log.violations).map((name) => [name, []])));
    expect(overflow).toEqual(Object.fromEntries(Object.keys(overflow).map((name) => [name, 0])));
  });
});
