import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { type Browser, chromium, type Page } from 'playwright-core';
import { loadConfig } from '../../src/config.js';
import type { Database } from '../../src/db/database.js';
import { freshTestDb } from '../../src/db/test-db.js';
import { demoEmail, loadDemo } from '../../src/demo.js';
import { buildApp, migrationSources, openPlatform } from '../../src/main.js';
import type { Role } from '../../src/security/roles.js';
import { currentCode } from '../../src/security/second-factor.js';

// A real Palermo (demo dataset, fresh database) on a loopback port, and Debian's Chromium driven
// by playwright-core. The server keeps its strict CSP: axe is evaluated through the DevTools
// protocol, which the page's CSP does not govern.

export const DEMO_PASSWORD = 'browser test demo password';

export type BrowserPalermo = { url: string; browser: Browser; db: Database; close(): Promise<void> };

export async function startBrowserPalermo(): Promise<BrowserPalermo> {
  const secrets = mkdtempSync(join(tmpdir(), 'palermo-browser-'));
  const config = loadConfig({
    PALERMO_MASTER_KEY_FILE: join(secrets, 'master.key'),
    PALERMO_AUDIT_SIGNING_KEY_FILE: join(secrets, 'audit-signing.key'),
    LOG_LEVEL: 'warn',
  });
  const db = await freshTestDb(migrationSources);
  const { platform, deployment } = await openPlatform(config, { db, warn: () => undefined });
  await loadDemo(db, deployment.settings, { password: DEMO_PASSWORD, at: new Date() });
  const app: FastifyInstance = await buildApp(platform, deployment);
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    url: address,
    browser,
    db,
    async close() {
      await browser.close();
      await app.close();
      await db.close();
    },
  };
}

const axeSource = readFileSync(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url), 'utf8');

export type AxeViolation = { id: string; impact: string | null; help: string; nodes: { target: string[] }[] };

/** Serious and critical accessibility violations on the page as it is now (WCAG 2.x A and AA). */
export async function seriousViolations(page: Page): Promise<string[]> {
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (
      globalThis as unknown as {
        axe: { run(context: unknown, options: unknown): Promise<{ violations: AxeViolation[] }> };
      }
    ).axe;
    const outcome = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
    });
    return outcome.violations;
  });
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${violation.id}: ${violation.help} at ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
    );
}

/** A date in the demo installation's time zone (Europe/Bucharest), `yearsAgo` years before today. */
export function dateInBucharest(yearsAgo = 0): { day: string; month: string; year: string } {
  const [year = '', month = '', day = ''] = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Bucharest',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  })
    .format(new Date())
    .split('-');
  return { day: String(Number(day)), month: String(Number(month)), year: String(Number(year) - yearsAgo) };
}

/**
 * A demo user signs in for the first time and enrols an authenticator app (every demo role that
 * reads identity data must), landing on the home page. A phone-sized screen unless told otherwise.
 */
export async function signInFirstTime(
  palermo: BrowserPalermo,
  role: Role,
  viewport: { width: number; height: number } | null = { width: 360, height: 740 },
): Promise<Page> {
  const context = await palermo.browser.newContext(viewport ? { viewport } : {});
  const page = await context.newPage();
  await page.goto(`${palermo.url}/login`);
  await page.getByLabel('Email address').fill(demoEmail(role));
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByAltText('QR code for adding your Palermo account to an authenticator app').waitFor();
  const secret = (await page.locator('#secret').textContent())!.replace(/\s/g, '');
  await page.getByLabel('Code from your authenticator app').fill(currentCode(secret, new Date()));
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('heading', { level: 1, name: 'Save these recovery codes' }).waitFor();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('navigation', { name: 'Main menu' }).waitFor();
  return page;
}

/**
 * Collects the serious accessibility violations of each page checked, by name; with
 * PALERMO_SCREENSHOTS=<folder> it also keeps a screenshot of each, for a person to look at.
 */
export function accessibilityLog() {
  const violations: Record<string, string[]> = {};
  return {
    violations,
    async check(page: Page, name: string) {
      violations[name] = await seriousViolations(page);
      const folder = process.env.PALERMO_SCREENSHOTS;
      if (folder)
        await page.screenshot({ path: `${folder}/${name.replace(/\W+/g, '-')}.png`, fullPage: true });
    },
  };
}
