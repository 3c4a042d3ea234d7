import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database.js';
import { sql } from '../db/sql.js';
import { freshTestDb } from '../db/test-db.js';
import { newId, newReference } from '../kernel/ids.js';
import { migrationSources } from '../main.js';
import type { CaseEvent } from './case-events.js';
import {
  appendCaseEvent,
  type CaseEventAppend,
  insertCaseFile,
  listCaseEvents,
  listCaseFiles,
} from './case-file.store.js';
import { defaultCaseSettings } from './case-settings.js';
import { aChildIdentified, anAdultIdentified, anEventOnDay, IDENTIFIED_ON, TODAY } from './test-builders.js';

let db: Database;
beforeAll(async () => {
  db = await freshTestDb(migrationSources);
});
afterAll(() => db.close());

const at = new Date('2026-03-02T10:00:00Z');

/** A case file of `ownerOrganisationId` opened by its identification. */
async function aCaseFile(identified: CaseEvent = anAdultIdentified(), ownerOrganisationId = newId()) {
  const caseFile = await insertCaseFile(
    db,
    {
      id: newId(),
      reference: newReference('C'),
      personId: newId(),
      ownerOrganisationId,
      openedOn: IDENTIFIED_ON,
    },
    at,
  );
  const appended = await db.transaction((tx) => appendCaseEvent(tx, anAppend(caseFile!.id, identified)));
  expect(appended.outcome).toBe('accept');
  return caseFile!;
}

const anAppend = (caseId: string, event: CaseEvent): CaseEventAppend => ({
  caseId,
  event,
  recordedBy: newId(),
  recordedByOrganisationId: null,
  at,
  today: TODAY,
  settings: defaultCaseSettings,
});

describe('the case file store', () => {
  it('lands both of two concurrent appends to one case, with seq 2 and 3', async () => {
    const caseFile = await aCaseFile();
    const outcomes = await Promise.all([
      db.transaction((tx) => appendCaseEvent(tx, anAppend(caseFile.id, anEventOnDay(5, 'service_started')))),
      db.transaction((tx) =>
        appendCaseEvent(tx, anAppend(caseFile.id, anEventOnDay(6, 'declined_to_testify'))),
      ),
    ]);
    expect(outcomes.map((outcome) => (outcome.outcome === 'accept' ? outcome.seq : null)).sort()).toEqual([
      2, 3,
    ]);
    const stored = await listCaseEvents(db, caseFile.id);
    expect(stored.map((recorded) => recorded.seq)).toEqual([1, 2, 3]);
    const projected = await db.query<{ event_count: number }>(
      sql`select event_count from cases.case_file where id = ${caseFile.id}`,
    );
    expect(projected.rows[0]!.event_count).toBe(3);
  });

  it('filters by child status in SQL before the limit', async () => {
    const owner = newId();
    const child = await aCaseFile(aChildIdentified(), owner);
    for (let adult = 0; adult < 3; adult++) await aCaseFile(anAdultIdentified(), owner);
    const visible = sql`cases.case_file.owner_organisation_id = ${owner}`;
    const listed = await listCaseFiles(db, visible, { presumedChild: true }, { limit: 1, offset: 0 });
    expect(listed.map((caseFile) => caseFile.id)).toEqual([child.id]);
  });

  it('stores nothing for a refused event', async () => {
    const caseFile = await aCaseFile();
    const outcome = await db.transaction((tx) =>
      appendCaseEvent(tx, anAppend(caseFile.id, anEventOnDay(5, 'return_decided'))),
    );
    expect(outcome).toMatchObject({ outcome: 'refuse', refusal: { kind: 'return-not-assessed-safe' } });
    expect(await listCaseEvents(db, caseFile.id)).toHaveLength(1);
  });
});
