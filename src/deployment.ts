import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { CaseSettings, defaultCaseSettings } from './cases/index.js';

// Differences between countries are data in deployments/<code>/, not branches in code.

const Settings = z.strictObject({
  $comment: z.string().optional(),
  country: z.strictObject({ code: z.string().min(2).max(3), name: z.string().min(1) }),
  defaultLanguage: z.enum(['en', 'ro']),
  regions: z.array(z.strictObject({ code: z.string().min(1).max(60), name: z.string().min(1) })).min(1),
  /** Reflection period length, permit minimum, deadline intervals; defaults when absent. */
  cases: CaseSettings.default(defaultCaseSettings),
});
export type DeploymentSettings = z.output<typeof Settings>;

export type Deployment = { code: string; settings: DeploymentSettings; permissions: unknown };

export const deploymentsRoot = new URL('../deployments', import.meta.url).pathname;

export function loadDeployment(code: string, root = deploymentsRoot): Deployment {
  const read = (file: string) => JSON.parse(readFileSync(join(root, code, file), 'utf8')) as unknown;
  const settings = Settings.safeParse(read('settings.json'));
  if (!settings.success)
    throw new Error(
      `deployments/${code}/settings.json: ${settings.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`,
    );
  return { code, settings: settings.data, permissions: read('permissions.json') };
}
