import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserPalermo, seriousViolations, signInFirstTime, startBrowserPalermo } from './harness.js';

// The national coordinator registers a partner installation by its public key on the "Partners and
// exchanges" page (issue 5 acceptance 9; docs/decisions/0025), after a mistyped key is refused.

let palermo: BrowserPalermo;
beforeAll(async () => {
  palermo = await startBrowserPalermo();
});
afterAll(() => palermo?.close());

describe('partners and exchanges in the web app', () => {
  it('registers a partner installation and lists it, refusing first a key that is not one', async () => {
    const page = await signInFirstTime(palermo, 'national_coordinator', { width: 360, height: 800 });
    const violations: Record<string, string[]> = {};

    const nav = page.getByRole('navigation', { name: 'Main menu' });

    await nav.getByRole('link', { name: 'Partners and exchanges' }).click();
    await page.getByRole('heading', { level: 1, name: 'Partners and exchanges' }).waitFor();
    await page.getByText('No partner installation is registered yet.').waitFor();
    await page.getByText('No partner has uploaded encodings yet.').waitFor();
    violations.empty = await seriousViolations(page);

    await page.getByLabel('Country code').fill('MD');
    await page.getByLabel('Name of the installation').fill('Palermo of a synthetic partner');
    await page
      .getByLabel('Public key')
      .fill('-----BEGIN PUBLIC KEY-----\nnot a key\n-----END PUBLIC KEY-----');
    await page.getByRole('button', { name: 'Register partner' }).click();
    await page
      .getByRole('alert')
      .getByText(/not an Ed25519 public key/)
      .waitFor();
    expect(await page.title()).toMatch(/^Error: /);
    violations.refused = await seriousViolations(page);

    const { publicKey } = generateKeyPairSync('ed25519');
    await page.getByLabel('Public key').fill(publicKey.export({ type: 'spki', format: 'pem' }).toString());
    await page.getByRole('button', { name: 'Register partner' }).click();
    const partners = page.getByRole('table', { name: '1 partner installation' });
    await partners.waitFor();
    await expect(
      partners.getByRole('cell', { name: 'Palermo of a synthetic partner' }).count(),
    ).resolves.toBe(1);
    await expect(partners.getByRole('cell', { name: 'Active' }).count()).resolves.toBe(1);
    violations.registered = await seriousViolations(page);

    expect(violations).toEqual({ empty: [], refused: [], registered: [] });
    await page.context().close();
  }, 120_000);
});
