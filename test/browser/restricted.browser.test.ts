import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  accessibilityLog,
  type BrowserPalermo,
  dateInBucharest,
  signInFirstTime,
  startBrowserPalermo,
} from './harness.js';

// Restricted notices in the browser (002 l. 827; ADR 0023): the NGO case worker reads the person's
// identity, then flags the case with a restricted notice designating the demo restricted-notice
// officer; the police investigator asks for access by case number; the officer grants it; the
// police investigator then reads the identity through the case. The shelter sees the occupancy of
// the shelters; the notifications page answers. Every page is checked with axe, on a 360 px screen.

let palermo: BrowserPalermo;
beforeAll(async () => {
  palermo = await startBrowserPalermo();
});
afterAll(() => palermo?.close());

describe('restricted notices in the web app', () => {
  it('flags a case, asks for access by number, grants it, and shows the identity to the police', async () => {
    const { violations, check } = accessibilityLog();
    const today = dateInBucharest();

    // --- The NGO case worker opens a case and reads the identity, which is recorded.
    const worker = await signInFirstTime(palermo, 'case_worker');
    await worker.goto(`${palermo.url}/cases/new`);
    await worker.getByRole('heading', { level: 1, name: 'Open a case' }).waitFor();
    await worker.getByLabel('Full name').fill('Synthetic Restricted Testperson');
    await worker.getByLabel('Female').check();
    await worker.getByLabel('How did the person come to you?').selectOption('outreach');
    await worker.locator('#selfIdentified-no').check();
    const identifiedOn = worker.getByRole('group', { name: 'Identified on' });
    await identifiedOn.getByLabel('Day').fill(today.day);
    await identifiedOn.getByLabel('Month').fill(today.month);
    await identifiedOn.getByLabel('Year').fill(today.year);
    await worker.locator('#isChild-no').check();
    await worker.getByRole('button', { name: 'Open case' }).click();
    await worker.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
    const caseUrl = worker.url();
    const reference = (await worker.getByRole('heading', { level: 1, name: /^C-/ }).textContent())!.trim();
    await worker.getByRole('button', { name: 'Show identity' }).click();
    await worker.getByText('Palermo has recorded that you read this identity now.').first().waitFor();
    await worker.getByText('Synthetic Restricted Testperson').waitFor();
    // Focus follows the button that went away, to the line saying the read is recorded.
    expect(await worker.evaluate(() => document.activeElement?.textContent)).toBe(
      'Palermo has recorded that you read this identity now.',
    );
    await check(worker, 'case overview with identity');
    await worker.getByRole('button', { name: 'Hide identity' }).click();
    await worker.getByRole('button', { name: 'Show identity' }).waitFor();
    expect(await worker.getByText('Synthetic Restricted Testperson').count()).toBe(0);

    // --- A transfer goes only to an organisation that accepted a referral: none has yet.
    await worker.getByRole('link', { name: 'Transfer the case' }).click();
    await worker
      .getByRole('heading', { level: 2, name: 'Transfer the case to another organisation' })
      .waitFor();
    await worker.getByText(/^No organisation has accepted a referral of this case/).waitFor();
    await check(worker, 'transfer without candidates');

    // --- The notifications page answers, and the menu names it.
    await worker
      .getByRole('navigation', { name: 'Main menu' })
      .getByRole('link', { name: /Notifications/ })
      .click();
    await worker.getByRole('heading', { level: 1, name: 'Notifications' }).waitFor();
    await worker.getByText(/^No notifications\./).waitFor();
    await check(worker, 'notifications');

    // --- The restricted-notice officer reads their user number on the access requests page.
    const officer = await signInFirstTime(palermo, 'restricted_notice_officer');
    await officer
      .getByRole('navigation', { name: 'Main menu' })
      .getByRole('link', { name: 'Access requests' })
      .click();
    await officer.getByRole('heading', { level: 1, name: 'Access requests' }).waitFor();
    await officer.getByText(/^No access requests yet\./).waitFor();
    const officerId = (await officer.locator('main code').textContent())!.trim();
    expect(officerId).toMatch(/^[0-9a-f-]{36}$/);
    await check(officer, 'access requests (officer, empty)');

    // --- The case worker flags the case, designating the officer; a missing choice is named first.
    await worker.goto(caseUrl);
    await worker.getByRole('link', { name: 'Flag a restricted notice' }).click();
    await worker
      .getByRole('heading', { level: 2, name: 'Flag this person with a restricted notice' })
      .waitFor();
    await worker.getByRole('button', { name: 'Flag restricted notice' }).click();
    await worker.getByRole('alert').getByText('There is a problem').waitFor();
    await check(worker, 'flag notice with errors');
    await worker.getByLabel('Designated restricted-notice officer').selectOption(officerId);
    await check(worker, 'flag notice');
    await worker.getByRole('button', { name: 'Flag restricted notice' }).click();
    await worker
      .locator('.banner__message')
      .getByText(/^Restricted notice flagged\./)
      .waitFor();
    await worker.getByText(/^This person is under a restricted notice\. Everyone/).waitFor();
    // The owner now knows the person by number only: no identity, no new notice.
    expect(await worker.getByRole('button', { name: 'Show identity' }).count()).toBe(0);
    expect(await worker.getByRole('link', { name: 'Flag a restricted notice' }).count()).toBe(0);
    await check(worker, 'case under a restricted notice (owner)');

    // --- The police investigator asks for access by case number.
    const police = await signInFirstTime(palermo, 'police_investigator');
    await police.goto(`${palermo.url}/restricted-access`);
    await police.getByRole('heading', { level: 1, name: 'Access requests' }).waitFor();
    await police.getByRole('button', { name: 'Send access request' }).click();
    await police.getByRole('alert').getByText('There is a problem').waitFor();
    await police.getByRole('link', { name: 'Enter the case number' }).waitFor();
    await check(police, 'access request with errors');
    await police.getByLabel('Case number').fill(reference.toLowerCase());
    await police.getByLabel('Why do you need access?').fill('Witness statement in the investigation.');
    await police.getByLabel('Identity', { exact: true }).check();
    await police.getByRole('button', { name: 'Send access request' }).click();
    await police
      .locator('.banner__message')
      .getByText(`Access request sent for case ${reference}.`, { exact: false })
      .waitFor();
    await police.getByRole('heading', { level: 3, name: `Request for case ${reference}` }).waitFor();
    await police.getByText('Waiting for a decision').waitFor();
    await check(police, 'access requests (police)');

    // --- The officer grants it, after the protection office examined it.
    await officer.goto(`${palermo.url}/restricted-access`);
    await officer.getByRole('link', { name: /Decide this request/ }).click();
    await officer.getByRole('heading', { level: 1, name: 'Decide an access request' }).waitFor();
    await officer.getByLabel('Grant access').check();
    const endsOn = officer.getByRole('group', { name: 'Access ends on' });
    await endsOn.getByLabel('Day').fill(today.day);
    await endsOn.getByLabel('Month').fill(today.month);
    await endsOn.getByLabel('Year').fill(String(Number(today.year) + 1));
    await check(officer, 'access decision');
    await officer.getByRole('button', { name: 'Record decision' }).click();
    await officer.locator('.banner__message').getByText(`Access granted for case ${reference}.`).waitFor();
    await officer.getByText('Granted', { exact: true }).waitFor();
    await check(officer, 'access requests (officer, decided)');

    // The officer sees the case as its designated officer.
    await officer.goto(caseUrl);
    await officer.getByText(/You are the designated officer/).waitFor();
    await officer.getByRole('link', { name: 'Lift the restricted notice' }).waitFor();
    await check(officer, 'case under a restricted notice (officer)');

    // --- The police investigator reads the identity through the case; the read is recorded.
    await police.goto(caseUrl);
    await police.getByRole('heading', { level: 1, name: reference }).waitFor();
    await police.getByRole('button', { name: 'Show identity' }).click();
    await police.getByText('Synthetic Restricted Testperson').waitFor();
    await police.getByText('Palermo has recorded that you read this identity now.').first().waitFor();
    await check(police, 'case identity (police, granted)');

    // --- The shelter sees how full the shelters are: counts only.
    const shelter = await signInFirstTime(palermo, 'shelter_staff');
    await shelter
      .getByRole('navigation', { name: 'Main menu' })
      .getByRole('link', { name: 'Shelters' })
      .click();
    await shelter.getByRole('heading', { level: 1, name: 'Shelters' }).waitFor();
    const table = shelter.getByRole('table', {
      name: 'Places, people housed and places available per shelter',
    });
    await table.getByRole('rowheader', { name: /Linden House Shelter/ }).waitFor();
    await check(shelter, 'shelter occupancy');

    // --- Transfer: the case worker refers another case to the shelter with consent; the shelter
    // accepts; the case worker hands the case over; the shelter is notified and acknowledges.
    await worker.goto(`${palermo.url}/cases/new`);
    await worker.getByLabel('Full name').fill('Synthetic Transfer Testperson');
    await worker.getByLabel('Male', { exact: true }).check();
    await worker.getByLabel('How did the person come to you?').selectOption('hotline');
    await worker.locator('#selfIdentified-no').check();
    const identifiedAgain = worker.getByRole('group', { name: 'Identified on' });
    await identifiedAgain.getByLabel('Day').fill(today.day);
    await identifiedAgain.getByLabel('Month').fill(today.month);
    await identifiedAgain.getByLabel('Year').fill(today.year);
    await worker.locator('#isChild-no').check();
    await worker.getByRole('button', { name: 'Open case' }).click();
    await worker.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
    const transferUrl = worker.url();
    const transferReference = (await worker
      .getByRole('heading', { level: 1, name: /^C-/ })
      .textContent())!.trim();
    await worker.goto(`${transferUrl}/consents/new`);
    await worker.getByLabel('Sharing data with an organisation').check();
    await worker
      .getByLabel('Organisation that may receive the data')
      .selectOption({ label: 'Linden House Shelter' });
    await worker.getByLabel('Identity', { exact: true }).check();
    await worker.getByLabel('Language of the explanation').fill('ro');
    await worker.locator('#interpreterUsed-no').check();
    await worker.getByLabel('What the National Referral Mechanism is').check();
    await worker.getByLabel('What support is available').check();
    await worker.getByLabel('Who will see the information').check();
    await worker.getByLabel('That consent can be withdrawn at any time').check();
    await worker.getByRole('button', { name: 'Record consent' }).click();
    await worker.getByText('In force', { exact: true }).waitFor();
    await worker.goto(`${transferUrl}/referrals/new`);
    await worker.getByLabel('Organisation to refer to').selectOption({ label: 'Linden House Shelter' });
    await worker.getByLabel('Safe accommodation').check();
    await worker.getByLabel('Identity', { exact: true }).check();
    await worker.getByRole('button', { name: 'Send referral' }).click();
    await worker.getByText('Waiting for an answer').first().waitFor();

    await shelter
      .getByRole('navigation', { name: 'Main menu' })
      .getByRole('link', { name: 'Referrals' })
      .click();
    // The inbox names the case by its number, never the person.
    await shelter.getByText(transferReference, { exact: true }).waitFor();
    await shelter.getByRole('link', { name: /Answer this referral/ }).click();
    await shelter.getByLabel('Accept the referral').check();
    await shelter.getByRole('button', { name: 'Send answer' }).click();
    await shelter.getByText('Accepted', { exact: true }).waitFor();

    await worker.goto(transferUrl);
    await worker.getByRole('link', { name: 'Transfer the case' }).click();
    await worker.getByRole('button', { name: 'Transfer case' }).click();
    await worker.getByRole('alert').getByText('There is a problem').waitFor();
    await worker.getByRole('link', { name: 'Choose the organisation that takes over the case' }).waitFor();
    await check(worker, 'transfer with errors');
    await worker
      .getByLabel('Organisation that takes over the case')
      .selectOption({ label: 'Linden House Shelter' });
    await worker.getByLabel('Why does the case change hands?').fill('The person lives at the shelter now.');
    await worker.getByRole('button', { name: 'Transfer case' }).click();
    await worker.locator('.banner__message').getByText('Case transferred to Linden House Shelter.').waitFor();

    await shelter.goto(`${palermo.url}/`);
    const shelterMenu = shelter.getByRole('navigation', { name: 'Main menu' });
    await shelterMenu.getByRole('link', { name: 'Notifications (1 new)' }).click();
    await shelter.getByRole('heading', { level: 1, name: 'Notifications' }).waitFor();
    await shelter
      .getByRole('heading', {
        level: 3,
        name: `Case ${transferReference} was transferred to your organisation`,
      })
      .waitFor();
    await check(shelter, 'notifications (shelter)');
    await shelter.getByRole('button', { name: /^Acknowledge/ }).click();
    await shelter.locator('.banner__message').getByText('Notification acknowledged.').waitFor();
    await shelter.getByRole('heading', { level: 2, name: 'Acknowledged (1)' }).waitFor();
    await shelterMenu.getByRole('link', { name: 'Notifications', exact: true }).waitFor();
    await check(shelter, 'notifications (shelter, acknowledged)');

    // --- In Romanian too.
    await police.goto(`${palermo.url}/restricted-access`);
    await police.getByRole('button', { name: 'Română' }).click();
    await police.getByRole('heading', { level: 1, name: 'Cereri de acces' }).waitFor();
    await police.getByText('Acordată', { exact: true }).waitFor();
    await check(police, 'access requests in Romanian');

    // --- Everything fits a 360 px screen without scrolling sideways.
    for (const page of [worker, police, officer, shelter]) {
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
      expect(overflow).toBe(false);
    }

    expect(violations).toEqual(Object.fromEntries(Object.keys(violations).map((name) => [name, []])));
  }, 180_000);
});
