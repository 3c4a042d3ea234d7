import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  accessibilityLog,
  type BrowserPalermo,
  dateInBucharest,
  signInFirstTime,
  startBrowserPalermo,
} from './harness.js';

// The referral mechanism in the browser: an NGO case worker records consent and refers a case to a
// shelter; the shelter accepts it from its inbox; the case worker goes on with the generated forms.
// Demo organisations: the case worker is at Pathways Association (NGO), the shelter staff at
// Linden House Shelter (src/demo.ts).

let palermo: BrowserPalermo;
beforeAll(async () => {
  palermo = await startBrowserPalermo();
});
afterAll(() => palermo?.close());

describe('the referral mechanism in the web app', () => {
  it('records consent, refers to a shelter that accepts, then records reflection and risk', async () => {
    const { violations, check } = accessibilityLog();

    // --- The NGO case worker opens a case (on a 360 px wide screen).
    const worker = await signInFirstTime(palermo, 'case_worker');
    await worker.goto(`${palermo.url}/cases/new`);
    await worker.getByRole('heading', { level: 1, name: 'Open a case' }).waitFor();
    await worker.getByLabel('Full name').fill('Synthetic Referral Testperson');
    await worker.getByLabel('Female').check();
    await worker.getByLabel('How did the person come to you?').selectOption('outreach');
    await worker.locator('#selfIdentified-no').check();
    const today = dateInBucharest();
    const identifiedOn = worker.getByRole('group', { name: 'Identified on' });
    await identifiedOn.getByLabel('Day').fill(today.day);
    await identifiedOn.getByLabel('Month').fill(today.month);
    await identifiedOn.getByLabel('Year').fill(today.year);
    await worker.locator('#isChild-no').check();
    await worker.getByRole('button', { name: 'Open case' }).click();
    await worker.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
    const caseUrl = worker.url();
    const reference = (await worker.getByRole('heading', { level: 1, name: /^C-/ }).textContent())!.trim();
    await worker.getByRole('heading', { name: 'Next required steps' }).waitFor();
    await worker.getByRole('link', { name: 'Assess the risk to the person' }).waitFor();
    await worker.getByText('Cannot start yet').first().waitFor();
    await check(worker, 'case overview');

    // --- Consent: recorded on its own page, nothing pre-selected; a missing answer is named.
    const sections = worker.getByRole('navigation', { name: 'Case sections' });
    await sections.getByRole('link', { name: 'Consents' }).click();
    await worker.getByText('No consent has been recorded for this case.').waitFor();
    await check(worker, 'consents (empty)');
    await worker.getByRole('link', { name: 'Record a consent' }).click();
    await worker.getByRole('button', { name: 'Record consent' }).click();
    await worker.getByRole('alert').getByText('There is a problem').waitFor();
    await worker.getByRole('link', { name: 'Choose what the consent is for' }).waitFor();
    await check(worker, 'consent form with errors');
    await worker.getByLabel('Sharing data with an organisation').check();
    await worker
      .getByLabel('Organisation that may receive the data')
      .selectOption({ label: 'Linden House Shelter' });
    await worker.getByLabel('Identity', { exact: true }).check();
    await worker.getByLabel('Contact details').check();
    await worker.getByLabel('Language of the explanation').fill('ro');
    await worker.locator('#interpreterUsed-no').check();
    await worker.getByLabel('What the National Referral Mechanism is').check();
    await worker.getByLabel('What support is available').check();
    await worker.getByLabel('Who will see the information').check();
    await worker.getByLabel('That consent can be withdrawn at any time').check();
    await check(worker, 'consent form');
    await worker.getByRole('button', { name: 'Record consent' }).click();
    await worker
      .locator('.banner__message')
      .getByText('Consent recorded: Sharing data with an organisation.')
      .waitFor();
    await worker.getByText('In force', { exact: true }).waitFor();
    await worker.getByRole('link', { name: /Withdraw this consent/ }).waitFor();
    await check(worker, 'consents');

    // --- Referral to the shelter, with the data the consent covers.
    await sections.getByRole('link', { name: 'Referrals' }).click();
    await worker.getByText('This case has not been referred yet.').waitFor();
    await worker.getByRole('main').getByRole('link', { name: 'Make a referral' }).first().click();
    await worker.getByRole('heading', { level: 2, name: 'Make a referral' }).waitFor();
    await worker.getByLabel('Organisation to refer to').selectOption({ label: 'Linden House Shelter' });
    await worker
      .getByText('Consent in force for Linden House Shelter covers: Identity, Contact details.')
      .waitFor();
    await worker.getByLabel('Safe accommodation').check();
    await worker.getByLabel('Identity', { exact: true }).check();
    await worker.getByLabel('Contact details').check();
    await check(worker, 'referral form');
    await worker.getByRole('button', { name: 'Send referral' }).click();
    await worker
      .locator('.banner__message')
      .getByText(
        'Referral sent to Linden House Shelter. Data shared: Identity, Contact details. Data withheld: None.',
      )
      .waitFor();
    await worker.getByRole('heading', { name: 'Referral to Linden House Shelter' }).waitFor();
    await worker.getByText('Waiting for an answer').first().waitFor();
    await check(worker, 'case referrals');

    // --- The shelter sees the referral in its inbox, without the person's name, and accepts it.
    const shelter = await signInFirstTime(palermo, 'shelter_staff');
    await shelter
      .getByRole('navigation', { name: 'Main menu' })
      .getByRole('link', { name: 'Referrals' })
      .click();
    await shelter.getByRole('heading', { level: 1, name: 'Referrals' }).waitFor();
    await shelter.getByRole('heading', { name: 'Received: 1 referral' }).waitFor();
    await shelter.getByRole('heading', { name: 'Referral from Pathways Association' }).waitFor();
    expect(await shelter.locator('main').textContent()).not.toContain('Synthetic');
    await check(shelter, 'referral inbox');
    await shelter.getByRole('link', { name: /Answer this referral/ }).click();
    await shelter.getByRole('heading', { level: 1, name: 'Answer a referral' }).waitFor();
    await shelter.getByRole('button', { name: 'Send answer' }).click();
    await shelter.getByRole('link', { name: 'Choose your answer' }).waitFor();
    await check(shelter, 'referral answer with errors');
    await shelter.getByLabel('Accept the referral').check();
    await shelter.getByRole('button', { name: 'Send answer' }).click();
    await shelter
      .locator('.banner__message')
      .getByText('Referral from Pathways Association accepted.')
      .waitFor();
    await shelter.getByText('Accepted', { exact: true }).waitFor();
    await check(shelter, 'referral inbox after accepting');
    // Accepted: the shelter can now open the case.
    await shelter.getByRole('link', { name: /Open the case/ }).click();
    await shelter.getByRole('heading', { level: 1, name: reference }).waitFor();
    await check(shelter, 'case seen by the shelter');

    // --- The case worker sees the acceptance and records a reflection period and a risk assessment.
    await worker.goto(`${caseUrl}/referrals`);
    await worker.getByText('Accepted', { exact: true }).waitFor();
    await worker.goto(`${caseUrl}/record`);
    await worker.getByRole('heading', { level: 2, name: 'What happened?' }).waitFor();
    await check(worker, 'record an event');
    await worker.getByRole('link', { name: 'Reflection period granted' }).click();
    await worker.getByRole('button', { name: 'Record event' }).click();
    const timeline = worker.getByRole('region', { name: 'Timeline' });
    await timeline.getByRole('heading', { name: 'Reflection period granted' }).waitFor();
    await timeline.getByText('A reflection period began.').waitFor();
    await timeline.getByRole('heading', { name: 'Referral accepted' }).waitFor();
    await check(worker, 'timeline');

    await sections.getByRole('link', { name: 'Record an event' }).click();
    await worker.getByRole('link', { name: 'Risk assessed' }).click();
    await worker.getByRole('heading', { level: 2, name: 'Risk assessed' }).waitFor();
    await worker.getByRole('button', { name: 'Record event' }).click();
    await worker.getByRole('alert').getByText('There is a problem').waitFor();
    expect(await worker.title()).toMatch(/^Error: /);
    await check(worker, 'risk assessment with errors');
    await worker.getByLabel('First assessment').check();
    await worker.getByLabel('Low risk').check();
    await worker.locator('#familyMembersAtRisk-no').check();
    await expect
      .poll(() => worker.getByLabel('Which organisation made the assessment?').inputValue())
      .not.toBe('');
    await check(worker, 'risk assessment form');
    await worker.getByRole('button', { name: 'Record event' }).click();
    await timeline.getByRole('heading', { name: 'Risk assessed' }).waitFor();

    await sections.getByRole('link', { name: 'Overview' }).click();
    await worker.getByText(/Low risk/).waitFor();
    await check(worker, 'case overview after risk assessment');

    // A service the shelter provides, recorded with the organisation picker.
    await sections.getByRole('link', { name: 'Record an event' }).click();
    await worker.getByRole('link', { name: 'Service started' }).click();
    await worker.getByLabel('Which service?').selectOption({ label: 'Safe accommodation' });
    await worker
      .getByLabel('Which organisation provides it?')
      .selectOption({ label: 'Linden House Shelter' });
    await check(worker, 'service form');
    await worker.getByRole('button', { name: 'Record event' }).click();
    await timeline.getByRole('heading', { name: 'Service started' }).waitFor();
    await sections.getByRole('link', { name: 'Overview' }).click();
    await worker
      .getByRole('region', { name: 'Services' })
      .getByText(/^Linden House Shelter — since /)
      .waitFor();
    expect(await worker.locator('main').textContent()).not.toContain('Synthetic');

    // --- A second referral: health data has no consent, so it goes on a legal basis; the shelter declines.
    await sections.getByRole('link', { name: 'Referrals' }).click();
    await worker.getByRole('main').getByRole('link', { name: 'Make a referral' }).first().click();
    await worker.getByLabel('Organisation to refer to').selectOption({ label: 'Linden House Shelter' });
    await worker.getByLabel('Health care').check();
    await worker.getByLabel('Health', { exact: true }).check();
    await worker.getByLabel('Yes, on a legal basis').check();
    await worker
      .getByLabel('Legal basis', { exact: true })
      .fill('Synthetic Act on victim assistance, art. 12');
    await worker.getByRole('button', { name: 'Send referral' }).click();
    await worker.getByRole('link', { name: 'Write the reason, in at least 20 characters' }).waitFor();
    await check(worker, 'referral on a legal basis with errors');
    await worker
      .getByLabel('Why is it needed without consent?')
      .fill('Urgent medical care the shelter must arrange tonight.');
    await worker.getByRole('button', { name: 'Send referral' }).click();
    await worker
      .locator('.banner__message')
      .getByText(/^Referral sent to Linden House Shelter\. Data shared: Health\./)
      .waitFor();
    await worker.getByText('Some data shared on a legal basis without consent').waitFor();

    await shelter.goto(`${palermo.url}/referrals`);
    await shelter.getByRole('heading', { name: 'Received: 2 referrals' }).waitFor();
    await shelter
      .getByRole('link', { name: /Answer this referral/ })
      .first()
      .click();
    await shelter.getByLabel('Decline the referral').check();
    await shelter.getByLabel('Why is it declined?').selectOption({ label: 'No capacity now' });
    await shelter
      .getByLabel('Explain the decision to the referring organisation')
      .fill('No medical staff this month.');
    await check(shelter, 'declining a referral');
    await shelter.getByRole('button', { name: 'Send answer' }).click();
    await shelter
      .locator('.banner__message')
      .getByText('Referral from Pathways Association declined.')
      .waitFor();
    await shelter.getByText('Declined', { exact: true }).waitFor();

    // --- Withdrawing consent is as easy as giving it: a confirmation page, then one button.
    await sections.getByRole('link', { name: 'Consents' }).click();
    await worker.getByRole('link', { name: /Withdraw this consent/ }).click();
    await worker.getByRole('heading', { level: 2, name: 'Withdraw this consent?' }).waitFor();
    await check(worker, 'withdraw consent');
    await worker.getByRole('button', { name: 'Withdraw consent' }).click();
    await worker
      .locator('.banner__message')
      .getByText(/^Consent withdrawn: Sharing data with an organisation\./)
      .waitFor();
    await worker.getByText(/^Withdrawn on /).waitFor();
    await check(worker, 'consents after withdrawal');

    // --- A child of unknown age: a guardian first, then the guardian's consent with the child's views.
    await worker.goto(`${palermo.url}/cases/new`);
    await worker.getByLabel('Full name').fill('Synthetic Child Testperson');
    await worker.getByLabel('Not known').check();
    await worker.getByLabel('How did the person come to you?').selectOption('outreach');
    await worker.locator('#selfIdentified-no').check();
    await identifiedOn.getByLabel('Day').fill(today.day);
    await identifiedOn.getByLabel('Month').fill(today.month);
    await identifiedOn.getByLabel('Year').fill(today.year);
    await worker.locator('#isChild-not_sure').check();
    await worker.getByRole('button', { name: 'Open case' }).click();
    await worker.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
    await worker.getByText('Age not known: treated as a child').waitFor();
    await worker.getByRole('link', { name: 'Record the appointment of a guardian' }).click();
    await worker.getByRole('heading', { level: 2, name: 'Guardian appointed' }).waitFor();
    await worker
      .getByLabel('Which organisation is the guardian from?')
      .selectOption({ label: 'Child Protection Authority North-East' });
    await check(worker, 'guardian form');
    await worker.getByRole('button', { name: 'Record event' }).click();
    await timeline.getByRole('heading', { name: 'Guardian appointed' }).waitFor();
    await sections.getByRole('link', { name: 'Consents' }).click();
    await worker.getByRole('link', { name: 'Record a consent' }).click();
    await worker.getByRole('heading', { level: 2, name: 'Record a consent' }).waitFor();
    await worker
      .getByLabel('Which organisation appointed the guardian?')
      .selectOption({ label: 'Child Protection Authority North-East' });
    await worker.locator('#guardianSuspectedOfInvolvement').check();
    await worker.getByLabel('Entering the National Referral Mechanism').check();
    await worker.getByLabel('Statistics only (no identity)').check();
    await worker.getByLabel('Language of the explanation').fill('uk');
    await worker.locator('#interpreterUsed').check();
    await worker.getByLabel('What the National Referral Mechanism is').check();
    await worker.getByLabel('What support is available').check();
    await worker.getByLabel('Who will see the information').check();
    await worker.getByLabel('That consent can be withdrawn at any time').check();
    // Without the child's own views, the consent is refused and the field is named.
    await worker.getByRole('button', { name: 'Record consent' }).click();
    await worker.getByRole('link', { name: 'Record the child’s own views' }).waitFor();
    await check(worker, 'child consent with errors');
    await worker.getByLabel('The child’s own views').fill('Agrees, wants to stay near their sister.');
    await worker.getByRole('button', { name: 'Record consent' }).click();
    await worker.getByText('The guardian appointed by Child Protection Authority North-East').waitFor();
    await check(worker, 'child consents');

    // --- The same workspace in Romanian, on the same page.
    await worker.getByRole('button', { name: 'Română' }).click();
    await worker
      .getByRole('navigation', { name: 'Secțiunile cazului' })
      .getByRole('link', { name: 'Consimțăminte' })
      .waitFor();
    await worker
      .getByRole('heading', { level: 3, name: 'Intrarea în Mecanismul Național de Referire' })
      .waitFor();
    await check(worker, 'consents in Romanian');

    await worker.context().close();
    await shelter.context().close();
    expect(violations).toEqual(Object.fromEntries(Object.keys(violations).map((name) => [name, []])));
  });
});
