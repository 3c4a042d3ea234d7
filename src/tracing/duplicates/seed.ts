import type { Database } from '../../db/database.js';
import type { IsoDate } from '../../kernel/dates.js';
import { commandLine } from '../../security/actor.js';
import type { Keyring } from '../../security/keyring.js';
import { runDuplicateSearch } from './case-duplicate-search.store.js';

/**
 * The demo's first de-duplication run, as `palermo tracing dedupe` would make it overnight, so
 * that the "Duplicate cases" page and the persons count have pairs to show (the demo's story
 * woman registered by the police and two NGOs, src/cases/demo-cases.ts). Returns the pairs proposed.
 */
export async function seedDuplicateCandidates(
  db: Database,
  keyring: Keyring,
  options: { today: IsoDate; at: Date },
): Promise<number> {
  return db.transaction(
    async (tx) => (await runDuplicateSearch(tx, keyring, { ...options, startedBy: commandLine.id })).proposed,
  );
}
