import { randomBytes } from 'node:crypto';
import { cpus } from 'node:os';
import pg from 'pg';
import type { Database, Queryable } from '../src/db/database.js';
import { sql } from '../src/db/sql.js';
import { currentCode } from '../src/security/second-factor.js';
import type { BenchContext } from './bench.js';

// Helpers more than one bench needs: a throw-away PostgreSQL database, signing a user in over HTTP
// with a second factor, and recording the statements one request sends. bench/api keeps its own
// copies for now (it predates this file); new benches take them from here.

export const DEFAULT_SERVER = 'postgres://postgres@127.0.0.1:5432/postgres';

/** Creates an empty database on the server, dropped at clean-up; returns its URL. */
export async function createBenchDatabase(serverUrl: string, context: BenchContext): Promise<string> {
  const name = `palermo_bench_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  context.onCleanup(async () => {
    const dropper = new pg.Client({ connectionString: serverUrl });
    await dropper.connect();
    await dropper.query(`drop database if exists ${name} with (force)`);
    await dropper.end();
    context.log(`  dropped database ${name}`);
  });
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export type HttpSession = {
  /** The raw session token (what the cookie carries), for a baseline's session lookup. */
  sessionToken: string;
  headers: { cookie: string; 'x-csrf-token': string };
};

/**
 * Signs an existing account in over HTTP and enrols and confirms a TOTP second factor, as a person
 * does on first sign-in: the session that comes back may do what the account's roles allow.
 */
export async function signInWithSecondFactor(
  address: string,
  email: string,
  password: string,
): Promise<HttpSession> {
  const login = await fetch(`${address}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (login.status !== 200) throw new Error(`sign-in of ${email} answered ${login.status}`);
  const sessionCookie = login.headers.getSetCookie().find((cookie) => cookie.startsWith('palermo_session='));
  if (!sessionCookie) throw new Error('sign-in set no session cookie');
  const cookie = sessionCookie.split(';')[0]!;
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const headers = { cookie, 'x-csrf-token': csrfToken };
  const enrolment = await fetch(`${address}/api/auth/second-factor/enrolment`, { method: 'POST', headers });
  if (enrolment.status !== 200) throw new Error(`second factor enrolment answered ${enrolment.status}`);
  const { secret } = (await enrolment.json()) as { secret: string };
  const confirmed = await fetch(`${address}/api/auth/second-factor/enrolment/confirm`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify({ code: currentCode(secret, new Date()) }),
  });
  if (confirmed.status !== 200) throw new Error(`second factor confirmation answered ${confirmed.status}`);
  return { sessionToken: cookie.slice('palermo_session='.length), headers };
}

export const normalise = (text: string) => text.replace(/\s+/g, ' ').trim();
export const redact = (url: string) => url.replace(/\/\/[^@/]*@/, '//…@');

/**
 * A statement named by its verb and the table it works on, outside any sub-select: "select
 * cases.case_file", "insert cases.case_event", "begin". Enough to tell a note's statements apart.
 */
export function statementName(text: string): string {
  const verb = text.split(' ')[0]!.toLowerCase();
  const padded = ` ${text}`;
  let depth = 0;
  for (let index = 0; index < padded.length; index++) {
    const char = padded[index];
    if (char === '(') depth += 1;
    else if (char === ')') depth -= 1;
    else if (depth === 0 && char === ' ') {
      const table = /^ (?:from|into|update) ([a-z_]+\.[a-z_]+)/i.exec(padded.slice(index))?.[1];
      if (table) return `${verb} ${table}`;
    }
  }
  return verb;
}

/** Wraps the database so that the statements of one request can be recorded (off the rest of the time). */
export function recordingDatabase(inner: Database) {
  let recording: string[] | null = null;
  const note = (text: string) => recording?.push(normalise(text));
  const wrap = (queryable: Queryable): Queryable => ({
    query: (fragment) => {
      note(fragment.compile().text);
      return queryable.query(fragment);
    },
    exec: (script) => queryable.exec(script),
  });
  const db: Database = {
    ...inner,
    ...wrap(inner),
    transaction: async (work) => {
      note('begin');
      const outcome = await inner.transaction((tx) => work(wrap(tx)));
      note('commit');
      return outcome;
    },
  };
  return {
    db,
    async recordOne(work: () => Promise<void>): Promise<string[]> {
      recording = [];
      try {
        await work();
        return recording;
      } finally {
        recording = null;
      }
    },
  };
}

/** A checkpoint before each load, so that none falls due in the middle of one load and not another. */
export const checkpoint = (db: Queryable) => db.query(sql`checkpoint`).catch(() => undefined);

export async function benchEnvironment(db: Queryable): Promise<Record<string, string | number>> {
  const serverVersion = await db.query<{ version: string }>(sql`show server_version`);
  return {
    node: process.version,
    cpus: cpus().length,
    cpu: cpus()[0]?.model ?? 'unknown',
    postgres: serverVersion.rows[0]?.version ?? 'unknown',
  };
}
