import type { Config } from './config.js';
import type { Database } from './db/database.js';
import type { Clock } from './kernel/clock.js';
import type { Keyring } from './security/keyring.js';
import type { Policy } from './security/permissions.js';

/** What every capability's plugin is handed by the composition root. */
export type Platform = {
  config: Config;
  db: Database;
  keyring: Keyring;
  clock: Clock;
  policy: Policy;
  /** Organisation names by id, from the directory (the platform knows no capability's tables). */
  organisationNames(ids: readonly string[]): Promise<Map<string, string>>;
  /** Whether an organisation exists, from the directory. */
  organisationExists(id: string): Promise<boolean>;
};
