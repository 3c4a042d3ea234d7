import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { Queryable } from '../../src/db/database.js';
import { type SqlFragment, sql } from '../../src/db/sql.js';
import { findPersonWithIdentity } from '../../src/persons/person.store.js';
import type { UserActor } from '../../src/security/actor.js';
import { appendAudit } from '../../src/security/audit.store.js';
import { auditActor } from '../../src/security/audit-entry.js';
import { openField, unwrapDataKey } from '../../src/security/field-encryption.js';
import type { Keyring } from '../../src/security/keyring.js';
import { findSessionByToken } from '../../src/security/session.store.js';
import { Durations, type Measurement } from '../bench.js';

// The baseline: what GET /api/persons/:id/identity asks of PostgreSQL and node:crypto, without
// Fastify, the security plugin, zod or the Database layer. The statements are built by the same
// store functions the route uses (so they are the route's statements, by construction) and sent
// straight through a pg.Pool; the one statement that is private to its store (the data-key select)
// is copied from src/security/field-encryption.store.ts. Statement parity is checked at run time.

/** A Queryable straight over a pg pool or client; `record` sees each statement's text. */
export const directQueryable = (
  client: pg.Pool | pg.PoolClient,
  record?: (text: string) => void,
): Queryable => ({
  async query<R>(fragment: SqlFragment) {
    const { text, values } = fragment.compile();
    record?.(text);
    const outcome = await client.query(text, values);
    return { rows: outcome.rows as R[], rowCount: outcome.rowCount ?? 0 };
  },
  exec: async (script) => void (await client.query(script)),
});

type DataKey = { key: Buffer; keyVersion: number };

export type DirectReader = {
  /** One identity read, as the route does it; `record` sees the statements in order. */
  read(personId: string, record?: (text: string) => void): Promise<void>;
  close(): Promise<void>;
};

/**
 * @param cacheDataKeys keep unwrapped data keys in memory, as field-encryption.store.ts does (the
 *   route's steady state); without it every read selects and unwraps the data key.
 */
export function directReader(options: {
  databaseUrl: string;
  connections: number;
  keyring: Keyring;
  sessionToken: string;
  /** The route's `permittedWhere` for this actor: the same fragment Palermo compiles per request. */
  visible: SqlFragment;
  cacheDataKeys: boolean;
}): DirectReader {
  const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.connections });
  const dataKeys = new Map<string, DataKey>();

  async function dataKeyOf(tx: Queryable, subjectId: string): Promise<DataKey> {
    const cached = options.cacheDataKeys ? dataKeys.get(subjectId) : undefined;
    if (cached) return cached;
    const found = await tx.query<{
      key_version: number;
      master_key_version: number;
      wrapped_key: Buffer | null;
    }>(
      sql`select key_version, master_key_version, wrapped_key, destroyed_at
        from security.data_key where subject_id = ${subjectId}`,
    );
    const row = found.rows[0];
    if (!row?.wrapped_key) throw new Error(`no data key for ${subjectId}`);
    const masterKey = options.keyring.masterKey(row.master_key_version);
    const key = unwrapDataKey(masterKey, row.master_key_version, subjectId, row.key_version, row.wrapped_key);
    const dataKey = { key, keyVersion: row.key_version };
    if (options.cacheDataKeys) dataKeys.set(subjectId, dataKey);
    return dataKey;
  }

  return {
    async read(personId, record) {
      const session = await findSessionByToken(directQueryable(pool, record), options.sessionToken);
      if (!session) throw new Error('the bench session is gone');
      const actor: UserActor = {
        kind: 'user',
        id: session.userId,
        organisationId: session.organisationId,
        roles: session.roles,
        sessionId: session.id,
        secondFactorRequired: true,
        secondFactorVerified: session.secondFactorVerifiedAt !== null,
      };
      const client = await pool.connect();
      try {
        record?.('begin');
        await client.query('begin');
        const tx = directQueryable(client, record);
        const found = await findPersonWithIdentity(tx, personId, options.visible);
        if (!found?.sealedIdentity) throw new Error(`person ${personId} not found`);
        const location = {
          table: 'persons.person',
          column: 'identity',
          rowId: personId,
          subjectId: personId,
        };
        const { key, keyVersion } = await dataKeyOf(tx, personId);
        JSON.parse(openField(key, keyVersion, location, found.sealedIdentity));
        await appendAudit(tx, {
          occurredAt: new Date(),
          actor: auditActor(actor),
          action: 'person.identity.read',
          outcome: 'success',
          requestId: randomUUID(),
          subject: { type: 'person', id: personId },
          details: { categories: 'identity contact' },
        });
        record?.('commit');
        await client.query('commit');
      } catch (error) {
        await client.query('rollback').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

/** `loops` concurrent loops of reads for `seconds`, each read of the next person in turn. */
export async function measureDirect(
  label: string,
  reader: DirectReader,
  personIds: readonly string[],
  loops: number,
  seconds: number,
): Promise<Measurement> {
  const durations = new Durations();
  let errors = 0;
  let next = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: loops }, async () => {
      while (performance.now() < deadline) {
        const personId = personIds[next++ % personIds.length]!;
        const begun = performance.now();
        try {
          await reader.read(personId);
          durations.add(performance.now() - begun);
        } catch {
          errors += 1;
        }
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  return {
    label,
    requests: durations.size,
    errors,
    seconds: elapsed,
    requestsPerSecond: durations.size / elapsed,
    ...durations.summary(),
  };
}
