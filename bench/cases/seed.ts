import type { CaseSettings } from '../../src/cases/case-settings.js';
import { type DemoCaseOrganisations, seedDemoCases } from '../../src/cases/demo-cases.js';
import type { Database } from '../../src/db/database.js';
import { sql } from '../../src/db/sql.js';
import type { IsoDate } from '../../src/kernel/dates.js';
import type { Keyring } from '../../src/security/keyring.js';

/**
 * Opens `count` synthetic cases with the demo generator (every case run through the state machine,
 * persons sealed in the encrypted store), split over `seeders` generators that run at once, each
 * with its own share and seed: one generator leaves a core idle while it waits on PostgreSQL.
 */
export async function seedBenchCases(
  db: Database,
  keyring: Keyring,
  settings: CaseSettings,
  options: {
    count: number;
    seeders: number;
    organisations: DemoCaseOrganisations;
    at: Date;
    today: IsoDate;
    log: (line: string) => void;
  },
): Promise<{ cases: number; events: number; seconds: number }> {
  const started = performance.now();
  const opened = new Array<number>(options.seeders).fill(0);
  let lastReport = started;
  const report = () => {
    const total = opened.reduce((sum, count) => sum + count, 0);
    const seconds = (performance.now() - started) / 1000;
    options.log(
      `  seeded ${total} of ${options.count} cases in ${seconds.toFixed(0)} s (${(total / seconds).toFixed(0)} cases/s)`,
    );
  };
  const shares = Array.from({ length: options.seeders }, (_, index) =>
    Math.floor((options.count + index) / options.seeders),
  );
  const seeded = await Promise.all(
    shares.map((share, index) =>
      seedDemoCases(db, keyring, settings, {
        count: share,
        organisations: options.organisations,
        at: options.at,
        today: options.today,
        seed: 20261123 + index * 7919,
        onProgress: (count) => {
          opened[index] = count;
          if (performance.now() - lastReport >= 10_000) {
            lastReport = performance.now();
            report();
          }
        },
      }),
    ),
  );
  report();
  return {
    cases: seeded.reduce((sum, part) => sum + part.cases, 0),
    events: seeded.reduce((sum, part) => sum + part.events, 0),
    seconds: (performance.now() - started) / 1000,
  };
}

/**
 * Adds `copies` cases by copying generated ones in SQL: each copy gets a new id and a reference of
 * its own, and the same person, events (so the same history the state machine accepted) and
 * deadlines as its original. Copies cost seconds where generating costs minutes on a busy machine;
 * they point at their original's person, so no identity is copied and none is left undecryptable.
 */
export async function copyCases(db: Database, copies: number): Promise<{ cases: number; events: number }> {
  if (copies <= 0) return { cases: 0, events: 0 };
  return db.transaction(async (tx) => {
    const generated = (
      await tx.query<{ count: number }>(sql`select count(*)::int as count from cases.case_file`)
    ).rows[0]!.count;
    const rounds = Math.ceil(copies / generated);
    await tx.query(
      sql`create temporary table bench_copy (source_id uuid, copy_id uuid, round int) on commit drop`,
    );
    await tx.query(sql`
      insert into bench_copy (source_id, copy_id, round)
      select case_file.id, gen_random_uuid(), round
      from cases.case_file cross join generate_series(1, ${rounds}::int) round
      order by round, case_file.id
      limit ${copies}`);
    const cases = await tx.query(sql`
      insert into cases.case_file
        (id, reference, person_id, owner_organisation_id, stage, presumed_child, opened_on, closed_on,
         event_count, created_at, updated_at)
      select copy.copy_id, original.reference || '-' || lpad(copy.round::text, 4, '0'), original.person_id,
        original.owner_organisation_id, original.stage, original.presumed_child, original.opened_on,
        original.closed_on, original.event_count, original.created_at, original.updated_at
      from bench_copy copy join cases.case_file original on original.id = copy.source_id`);
    const events = await tx.query(sql`
      insert into cases.case_event
        (case_id, seq, type, occurred_on, recorded_at, recorded_by, recorded_by_organisation_id, payload)
      select copy.copy_id, event.seq, event.type, event.occurred_on, event.recorded_at, event.recorded_by,
        event.recorded_by_organisation_id, event.payload
      from bench_copy copy join cases.case_event event on event.case_id = copy.source_id`);
    await tx.query(sql`
      insert into cases.deadline (case_id, kind, about, due_on, reason, organisation_id)
      select copy.copy_id, deadline.kind, deadline.about, deadline.due_on, deadline.reason,
        deadline.organisation_id
      from bench_copy copy join cases.deadline deadline on deadline.case_id = copy.source_id`);
    return { cases: cases.rowCount, events: events.rowCount };
  });
}
