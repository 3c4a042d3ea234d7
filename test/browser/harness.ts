import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { type Browser, chromium, type Page } from 'playwright-core';
import { loadConfig } from '../../src/config.js';
import type { Database } from '../../src/db/database.js';
import { freshTestDb } from '../../src/db/test-db.js';
import { loadDemo } from '../../src/demo.js';
import { buildApp, migrationSources, openPlatform } from '../../src/main.js';

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
