import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { SqlFragment } from './sql.js';

export type Row = Record<string, unknown>;
export type QueryResult<R> = { rows: R[]; rowCount: number };

/** What a store needs: one query function, inside or outside a transaction. */
export interface Queryable {
  query<R = Row>(query: SqlFragment): Promise<QueryResult<R>>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(script: string): Promise<void>;
}

export interface Database extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** Runs `work` in one transaction; rolls back if it throws. */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  /** PGlite only: the data directory as a tarball (test templates). */
  dumpDataDir?(): Promise<Blob>;
}

// Both drivers hand back the same JavaScript types: int8 as number (our counters stay far below
// 2^53), numeric as string, bytea as Buffer, timestamptz as Date, json as objects.
const INT8 = 20;
pg.types.setTypeParser(INT8, (text) => Number(text));

const normaliseRow = (row: Row): Row => {
  for (const key of Object.keys(row)) {
    const value = row[key];
    if (value instanceof Uint8Array && !Buffer.isBuffer(value)) row[key] = Buffer.from(value);
  }
  return row;
};

export async function openPglite(dataDir?: string, loadDataDir?: Blob): Promise<Database> {
  const lite = new PGlite({
    ...(dataDir ? { dataDir } : {}),
    parsers: { [INT8]: (text: string) => Number(text) },
    ...(loadDataDir ? { loadDataDir } : {}),
  });
  await lite.waitReady;
  // PGlite is one connection: serialise transactions so their statements never interleave.
  let queue: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    return next;
  };
  const run = async <R>(runner: Pick<PGlite, 'query'>, query: SqlFragment) => {
    const { text, values } = query.compile();
    const outcome = await runner.query<R & Row>(text, values as unknown[]);
    return { rows: outcome.rows.map((row) => normaliseRow(row) as R), rowCount: outcome.affectedRows ?? 0 };
  };
  return {
    kind: 'pglite',
    query: (query) => exclusive(() => run(lite, query)),
    exec: (script) => exclusive(async () => void (await lite.exec(script))),
    transaction: (work) =>
      exclusive(() =>
        lite.transaction((tx) =>
          work({ query: (query) => run(tx, query), exec: async (script) => void (await tx.exec(script)) }),
        ),
      ),
    close: async () => {
      await queue;
      await lite.close();
    },
    dumpDataDir: () => exclusive(async () => (await lite.dumpDataDir('none')) as Blob),
  };
}

export async function openPostgres(connectionString: string, poolSize = 20): Promise<Database> {
  const pool = new pg.Pool({ connectionString, max: poolSize });
  // An idle pooled connection the server ends (restart, a dropped test database) must not take
  // the process down: the pool discards it and opens another when next needed.
  pool.on('error', () => undefined);
  const run = async <R>(client: pg.Pool | pg.PoolClient, query: SqlFragment) => {
    const { text, values } = query.compile();
    const outcome = await client.query(text, values);
    return { rows: outcome.rows as R[], rowCount: outcome.rowCount ?? 0 };
  };
  await run(pool, new SqlFragment(['select 1'], []));
  return {
    kind: 'postgres',
    query: (query) => run(pool, query),
    exec: async (script) => void (await pool.query(script)),
    transaction: async (work) => {
      const client = await pool.connect();
      try {
        await client.query('begin');
        const outcome = await work({
          query: (query) => run(client, query),
          exec: async (script) => void (await client.query(script)),
        });
        await client.query('commit');
        return outcome;
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

export function openDatabase(options: { databaseUrl?: string; dataDir?: string }): Promise<Database> {
  return options.databaseUrl ? openPostgres(options.databaseUrl) : openPglite(options.dataDir);
}
