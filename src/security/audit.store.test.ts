import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Database, Queryable } from '../db/database.js';
import { type SqlFragment, sql } from '../db/sql.js';
import { freshTestDb } from '../db/test-db.js';
import { fixedClock } from '../kernel/clock.js';
import { newId } from '../kernel/ids.js';
import {
  type AuditEntryInput,
  auditEntryDigest,
  auditFieldsOf,
  chainHash,
  GENESIS_HASH,
  sha256,
} from './audit.js';
import {
  AuditChainBroken,
  appendAudit,
  checkpointAudit,
  listAudit,
  verifyAuditChain,
  verifyCheckpoint,
} from './audit.store.js';

let db: Database;
const scratch = mkdtempSync(join(tmpdir(), 'palermo-audit-'));
let keys = 0;
const aSigningKeyPath = () => join(scratch, `installation-${++keys}`, 'audit-signing.key');

beforeAll(async () => {
  db = await freshTestDb([
    { capability: 'security', directory: new URL('./migrations', import.meta.url).pathname },
  ]);
});
afterAll(async () => {
  await db?.close();
  rmSync(scratch, { recursive: true, force: true });
});

/** What someone with the table owner's rights could do: switch the guards off and edit rows. */
async function tamper(...statements: SqlFragment[]): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.exec(
      'alter table audit.entry disable trigger user; alter table audit.checkpoint disable trigger user',
    );
    for (const statement of statements) await tx.query(statement);
    await tx.exec(
      'alter table audit.entry enable trigger user; alter table audit.checkpoint enable trigger user',
    );
  });
}

const emptyLog = () => tamper(sql`delete from audit.entry`, sql`delete from audit.checkpoint`);

const clock = fixedClock(new Date('2025-04-02T09:00:00.000Z'));
const aCaseView = (overrides: Partial<AuditEntryInput> = {}): AuditEntryInput => {
  clock.advance(1_000);
  return {
    occurredAt: clock.now(),
    actor: { kind: 'user', id: newId(), organisationId: newId() },
    action: 'case.view',
    subject: { type: 'case', id: newId() },
    outcome: 'success',
    requestId: `req-${newId()}`,
    details: { referralId: newId(), attempt: 1 },
    ...overrides,
  };
};

async function appendEntries(count: number, make = () => aCaseView()): Promise<void> {
  for (let index = 0; index < count; index++) await db.transaction((tx) => appendAudit(tx, make()));
}

const brokenAt = (firstBadSeq: number, reason: string) => ({ valid: false, firstBadSeq, reason });

describe('appending to the audit log', () => {
  beforeEach(emptyLog);

  it('numbers entries from 1 and links each to the previous one by its hash', async () => {
    const first = await db.transaction((tx) => appendAudit(tx, aCaseView()));
    const second = await db.transaction((tx) => appendAudit(tx, aCaseView()));
    expect(first.seq).toBe(1);
    expect(second.seq).toBe(2);
    const rows = await db.query<{ seq: number; entry_digest: Buffer; prev_hash: Buffer; hash: Buffer }>(
      sql`select seq, entry_digest, prev_hash, hash from audit.entry order by seq`,
    );
    const [one, two] = rows.rows;
    expect(one!.prev_hash).toEqual(GENESIS_HASH);
    expect(one!.hash).toEqual(sha256(GENESIS_HASH, one!.entry_digest));
    expect(two!.prev_hash).toEqual(one!.hash);
    expect(two!.hash).toEqual(sha256(one!.hash, two!.entry_digest));
    expect(second.hash).toEqual(two!.hash);
  });

  it('ignores a seq or hashes the writer tries to choose', async () => {
    await appendEntries(2);
    const fields = auditFieldsOf(aCaseView());
    await db.query(
      sql`insert into audit.entry (seq, occurred_at, actor_kind, action, outcome, details, entry_digest, prev_hash, hash)
          values (100, ${fields.occurredAt.toISOString()}::timestamptz, 'system', 'case.view', 'success',
            '{}'::jsonb, ${auditEntryDigest({ ...fields, actorKind: 'system', actorId: null, organisationId: null, subjectType: null, subjectId: null, requestId: null, details: {} })},
            ${Buffer.alloc(32, 9)}, ${Buffer.alloc(32, 9)})`,
    );
    const seqs = await db.query<{ seq: number }>(sql`select seq from audit.entry order by seq`);
    expect(seqs.rows.map((row) => row.seq)).toEqual([1, 2, 3]);
    expect(await verifyAuditChain(db)).toMatchObject({ valid: true, entries: 3 });
  });

  it('keeps a chain without forks when many requests append at the same time', async () => {
    await Promise.all(
      [...Array(20).keys()].map(() =>
        db.transaction(async (tx) => {
          await tx.query(sql`select 1`);
          return appendAudit(tx, aCaseView());
        }),
      ),
    );
    const seqs = await db.query<{ seq: number }>(sql`select seq from audit.entry order by seq`);
    expect(seqs.rows.map((row) => row.seq)).toEqual([...Array(20).keys()].map((index) => index + 1));
    expect(await verifyAuditChain(db)).toMatchObject({ valid: true, entries: 20 });
  });

  it('leaves no entry behind when the transaction that wrote it rolls back', async () => {
    await appendEntries(1);
    await db
      .transaction(async (tx) => {
        await appendAudit(tx, aCaseView());
        throw new Error('the request failed');
      })
      .catch(() => undefined);
    await appendEntries(1);
    expect(await verifyAuditChain(db)).toMatchObject({ valid: true, entries: 2 });
  });

  it('keeps details, ids and the instant exactly as written', async () => {
    const entry = aCaseView({
      details: { referralId: 'r-1', count: 3, ratio: 0.1, flagged: true, none: null },
    });
    await db.transaction((tx) => appendAudit(tx, entry));
    const [stored] = await listAudit(db, { limit: 1 });
    expect(stored).toMatchObject({
      seq: 1,
      occurredAt: entry.occurredAt,
      actor: { kind: 'user', id: entry.actor.id, organisationId: entry.actor.organisationId },
      action: 'case.view',
      subject: entry.subject,
      outcome: 'success',
      requestId: entry.requestId,
      details: entry.details,
    });
  });
});

describe('the audit log refuses changes', () => {
  beforeAll(async () => {
    await emptyLog();
    await appendEntries(3);
    await checkpointAudit(db, aSigningKeyPath());
  });

  it.each([
    ['UPDATE', sql`update audit.entry set action = 'case.delete' where seq = 2`],
    ['DELETE', sql`delete from audit.entry where seq = 2`],
    ['TRUNCATE', sql`truncate audit.entry`],
    ['UPDATE', sql`update audit.checkpoint set seq = 0`],
    ['TRUNCATE', sql`truncate audit.checkpoint`],
  ])('refuses %s with a clear message', async (operation, statement) => {
    await expect(db.query(statement)).rejects.toThrow(new RegExp(`append-only: ${operation} on audit\\.`));
    expect(await verifyAuditChain(db)).toMatchObject({ valid: true, entries: 3 });
  });
});

describe('listAudit', () => {
  beforeAll(async () => {
    await emptyLog();
    await appendEntries(5);
    await db.transaction((tx) =>
      appendAudit(tx, aCaseView({ action: 'referral.create', actor: { kind: 'user', id: 'caseworker-7' } })),
    );
    await db.transaction((tx) =>
      appendAudit(tx, aCaseView({ subject: { type: 'person', id: 'person-3' }, outcome: 'denied' })),
    );
  });

  it('lists the newest entries first and pages back from a seq', async () => {
    const newest = await listAudit(db, { limit: 3 });
    expect(newest.map((entry) => entry.seq)).toEqual([7, 6, 5]);
    const older = await listAudit(db, { limit: 3, before: 5 });
    expect(older.map((entry) => entry.seq)).toEqual([4, 3, 2]);
  });

  it('filters by action, actor and subject', async () => {
    expect((await listAudit(db, { limit: 10, action: 'referral.create' })).map((entry) => entry.seq)).toEqual(
      [6],
    );
    expect((await listAudit(db, { limit: 10, actorId: 'caseworker-7' })).map((entry) => entry.seq)).toEqual([
      6,
    ]);
    expect((await listAudit(db, { limit: 10, subjectId: 'person-3' })).map((entry) => entry.seq)).toEqual([
      7,
    ]);
  });
});

describe('verifyAuditChain', () => {
  beforeEach(async () => {
    await emptyLog();
    await appendEntries(12);
  });

  it('accepts an empty log, with the 32 zero bytes as its head', async () => {
    await emptyLog();
    expect(await verifyAuditChain(db)).toEqual({
      valid: true,
      entries: 0,
      headSeq: 0,
      headHash: GENESIS_HASH.toString('hex'),
    });
  });

  it('accepts an untouched log and gives its head', async () => {
    const head = await db.query<{ hash: Buffer }>(sql`select hash from audit.entry where seq = 12`);
    expect(await verifyAuditChain(db, { pageSize: 5 })).toEqual({
      valid: true,
      entries: 12,
      headSeq: 12,
      headHash: head.rows[0]!.hash.toString('hex'),
    });
  });

  it('reports its progress page by page', async () => {
    const progress: [number, number][] = [];
    await verifyAuditChain(db, {
      pageSize: 5,
      onProgress: (checked, total) => progress.push([checked, total]),
    });
    expect(progress).toEqual([
      [5, 12],
      [10, 12],
      [12, 12],
    ]);
  });

  it('names the entry whose field was altered', async () => {
    await tamper(sql`update audit.entry set outcome = 'denied' where seq = 7`);
    expect(await verifyAuditChain(db, { pageSize: 5 })).toMatchObject(brokenAt(7, 'digest-mismatch'));
  });

  it('names the entry whose details were altered', async () => {
    await tamper(sql`update audit.entry set details = details || '{"attempt": 2}'::jsonb where seq = 3`);
    expect(await verifyAuditChain(db)).toMatchObject(brokenAt(3, 'digest-mismatch'));
  });

  it('names the entry whose instant was moved by less than a millisecond', async () => {
    await tamper(
      sql`alter table audit.entry drop constraint entry_occurred_at_whole_milliseconds`,
      sql`update audit.entry set occurred_at = occurred_at + interval '1 microsecond' where seq = 4`,
    );
    try {
      expect(await verifyAuditChain(db)).toMatchObject(brokenAt(4, 'digest-mismatch'));
    } finally {
      await emptyLog();
      await db.exec(`alter table audit.entry add constraint entry_occurred_at_whole_milliseconds
        check (occurred_at = date_trunc('milliseconds', occurred_at))`);
    }
  });

  it('names the missing seq when an entry was deleted', async () => {
    await tamper(sql`delete from audit.entry where seq = 5`);
    expect(await verifyAuditChain(db, { pageSize: 5 })).toMatchObject({
      ...brokenAt(5, 'sequence-gap'),
      entriesChecked: 4,
    });
  });

  it('names the seq where an entry was inserted directly', async () => {
    const forged = auditFieldsOf(aCaseView({ action: 'case.close' }));
    await tamper(
      sql`update audit.entry set seq = seq + 1000000 where seq >= 6`,
      sql`update audit.entry set seq = seq - 999999 where seq >= 1000000`,
      sql`insert into audit.entry (seq, occurred_at, actor_kind, actor_id, organisation_id, action, outcome, details,
            entry_digest, prev_hash, hash)
          select 6, ${forged.occurredAt.toISOString()}::timestamptz, 'user', ${forged.actorId},
            ${forged.organisationId}::uuid, 'case.close', 'success', '{}'::jsonb,
            ${auditEntryDigest({ ...forged, subjectType: null, subjectId: null, requestId: null, details: {} })},
            hash, ${Buffer.alloc(32)} from audit.entry where seq = 5`,
    );
    expect(await verifyAuditChain(db)).toMatchObject(brokenAt(6, 'hash-mismatch'));
  });

  it('names the later entry when an entry was inserted with a correctly computed hash', async () => {
    const forged = auditFieldsOf(
      aCaseView({ action: 'case.close', subject: undefined, requestId: undefined }),
    );
    const forgedFields = { ...forged, details: {} };
    const before = await db.query<{ hash: Buffer }>(sql`select hash from audit.entry where seq = 5`);
    const digest = auditEntryDigest(forgedFields);
    await tamper(
      sql`update audit.entry set seq = seq + 1000000 where seq >= 6`,
      sql`update audit.entry set seq = seq - 999999 where seq >= 1000000`,
      sql`insert into audit.entry (seq, occurred_at, actor_kind, actor_id, organisation_id, action, outcome, details,
            entry_digest, prev_hash, hash)
          values (6, ${forged.occurredAt.toISOString()}::timestamptz, 'user', ${forged.actorId},
            ${forged.organisationId}::uuid, 'case.close', 'success', '{}'::jsonb, ${digest},
            ${before.rows[0]!.hash}, ${chainHash(before.rows[0]!.hash, digest)})`,
    );
    expect(await verifyAuditChain(db)).toMatchObject(brokenAt(7, 'chain-broken'));
  });

  it('names the first of two entries whose places were swapped', async () => {
    await tamper(
      sql`update audit.entry set seq = -1 where seq = 8`,
      sql`update audit.entry set seq = 8 where seq = 9`,
      sql`update audit.entry set seq = 9 where seq = -1`,
    );
    expect(await verifyAuditChain(db, { pageSize: 5 })).toMatchObject(brokenAt(8, 'chain-broken'));
  });

  it('names the entry whose stored hash was replaced', async () => {
    await tamper(sql`update audit.entry set hash = set_byte(hash, 0, get_byte(hash, 0) # 1) where seq = 12`);
    expect(await verifyAuditChain(db)).toMatchObject(brokenAt(12, 'hash-mismatch'));
  });

  it('cannot see the last entries cut off without a checkpoint, but sees it with one', async () => {
    await tamper(sql`delete from audit.entry where seq > 10`);
    expect(await verifyAuditChain(db)).toMatchObject({ valid: true, entries: 10 });

    await emptyLog();
    await appendEntries(12);
    await checkpointAudit(db, aSigningKeyPath());
    await tamper(sql`delete from audit.entry where seq > 10`);
    expect(await verifyAuditChain(db)).toMatchObject(brokenAt(11, 'checkpoint-mismatch'));
  });

  it('for any appended entries the chain verifies, and for any single tampered entry it names that seq', async () => {
    const tampering = fc.constantFrom(
      'action',
      'details',
      'occurred-at',
      'actor',
      'outcome',
      'digest',
      'prev-hash',
      'hash',
      'delete',
      'swap',
      'insert',
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(anyEntry, { minLength: 2, maxLength: 10 }),
        tampering,
        fc.nat(),
        fc.nat(),
        async (entries, kind, first, second) => {
          await emptyLog();
          for (const entry of entries) await db.transaction((tx) => appendAudit(tx, entry));
          expect(await verifyAuditChain(db, { pageSize: 3 })).toMatchObject({
            valid: true,
            entries: entries.length,
          });

          const movable = kind === 'delete' || kind === 'swap'; // needs a later entry
          const seq = 1 + (first % (movable ? entries.length - 1 : entries.length));
          const other = seq + 1 + (second % (entries.length - seq));
          await tamper(...tamperingOf(kind, seq, other));
          expect(await verifyAuditChain(db, { pageSize: 3 })).toMatchObject({
            valid: false,
            firstBadSeq: seq,
          });
        },
      ),
      { numRuns: 40 },
    );
  });
});

const anyEntry: fc.Arbitrary<AuditEntryInput> = fc.record({
  occurredAt: fc.date({ min: new Date('2020-01-01'), max: new Date('2040-01-01'), noInvalidDate: true }),
  actor: fc.oneof(
    fc.record({ kind: fc.constant('user' as const), id: fc.uuid(), organisationId: fc.uuid() }),
    fc.record({ kind: fc.constant('system' as const), id: fc.constantFrom('cli', 'scheduler') }),
    fc.constant({ kind: 'anonymous' as const }),
  ),
  action: fc.constantFrom('case.view', 'referral.create', 'auth.login'),
  subject: fc.option(fc.record({ type: fc.constantFrom('case', 'referral'), id: fc.uuid() }), {
    nil: undefined,
  }),
  outcome: fc.constantFrom('success' as const, 'denied' as const, 'failure' as const),
  requestId: fc.option(fc.string({ unit: 'grapheme', maxLength: 12 }), { nil: undefined }),
  details: fc.option(
    fc.dictionary(
      fc.stringMatching(/^[a-z][a-zA-Z0-9]{0,8}$/),
      fc.oneof(
        fc.string({ unit: 'grapheme', maxLength: 8 }),
        fc.integer(),
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        fc.boolean(),
        fc.constant(null),
      ),
      { maxKeys: 4 },
    ),
    { nil: undefined },
  ),
});

function tamperingOf(kind: string, seq: number, other: number): SqlFragment[] {
  const flip = (column: string) =>
    sql`update audit.entry set ${sql.raw(column)} = set_byte(${sql.raw(column)}, 0, get_byte(${sql.raw(column)}, 0) # 1)
        where seq = ${seq}`;
  switch (kind) {
    case 'action':
      return [sql`update audit.entry set action = action || 'x' where seq = ${seq}`];
    case 'details':
      return [sql`update audit.entry set details = details || '{"_tampered": 1}'::jsonb where seq = ${seq}`];
    case 'occurred-at':
      return [
        sql`update audit.entry set occurred_at = occurred_at + interval '1 millisecond' where seq = ${seq}`,
      ];
    case 'actor':
      return [sql`update audit.entry set actor_id = coalesce(actor_id, '') || 'x' where seq = ${seq}`];
    case 'outcome':
      return [
        sql`update audit.entry set outcome = case outcome when 'success' then 'denied' else 'success' end
            where seq = ${seq}`,
      ];
    case 'digest':
      return [flip('entry_digest')];
    case 'prev-hash':
      return [flip('prev_hash')];
    case 'hash':
      return [flip('hash')];
    case 'delete':
      return [sql`delete from audit.entry where seq = ${seq}`];
    case 'swap':
      return [
        sql`update audit.entry set seq = -1 where seq = ${seq}`,
        sql`update audit.entry set seq = ${seq} where seq = ${other}`,
        sql`update audit.entry set seq = ${other} where seq = -1`,
      ];
    case 'insert':
      // A copy of the entry, placed before it, with the later entries renumbered.
      return [
        sql`update audit.entry set seq = seq + 1000000 where seq >= ${seq}`,
        sql`update audit.entry set seq = seq - 999999 where seq >= 1000000`,
        sql`insert into audit.entry
            select ${seq}, occurred_at, actor_kind, actor_id, organisation_id, 'case.close', subject_type, subject_id,
              outcome, request_id, details, entry_digest, prev_hash, hash
            from audit.entry where seq = ${seq + 1}`,
      ];
    default:
      throw new Error(`unknown tampering ${kind}`);
  }
}

describe('audit checkpoints', () => {
  beforeEach(async () => {
    await emptyLog();
    await appendEntries(4);
  });

  it('creates the signing key readable by the owner only, with its public key beside it', async () => {
    const path = aSigningKeyPath();
    const warnings: string[] = [];
    await checkpointAudit(db, path, { warn: (message) => warnings.push(message) });
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readFileSync(`${path}.pub`, 'utf8')).toMatch(/^-----BEGIN PUBLIC KEY-----/);
    expect(warnings).toHaveLength(1);
    await checkpointAudit(db, path, { warn: (message) => warnings.push(message) });
    expect(warnings).toHaveLength(1);
  });

  it('signs the head of the chain and records the checkpoint', async () => {
    const path = aSigningKeyPath();
    const signingClock = fixedClock(new Date('2025-04-03T00:00:00.000Z'));
    const checkpoint = await checkpointAudit(db, path, { clock: signingClock });
    const verdict = await verifyAuditChain(db);
    expect(checkpoint).toMatchObject({
      seq: 4,
      headHash: verdict.valid ? verdict.headHash : 'broken',
      signedAt: '2025-04-03T00:00:00.000Z',
      publicKey: readFileSync(`${path}.pub`, 'utf8'),
    });
    const stored = await db.query<{ seq: number; head_hash: Buffer; signed_at: Date }>(
      sql`select seq, head_hash, signed_at from audit.checkpoint`,
    );
    expect(stored.rows).toEqual([
      { seq: 4, head_hash: Buffer.from(checkpoint.headHash, 'hex'), signed_at: signingClock.now() },
    ]);
    expect(await verifyCheckpoint(db, checkpoint, readFileSync(`${path}.pub`, 'utf8'))).toEqual({
      valid: true,
    });
  });

  it('stays valid while the log grows after it', async () => {
    const path = aSigningKeyPath();
    const checkpoint = await checkpointAudit(db, path);
    await appendEntries(3);
    expect(await verifyCheckpoint(db, checkpoint, readFileSync(`${path}.pub`, 'utf8'))).toEqual({
      valid: true,
    });
    expect(await verifyAuditChain(db)).toMatchObject({ valid: true, entries: 7 });
  });

  it('refuses a checkpoint whose seq, head or time was changed, or that another key signed', async () => {
    const path = aSigningKeyPath();
    const checkpoint = await checkpointAudit(db, path);
    const publicKey = readFileSync(`${path}.pub`, 'utf8');
    await appendEntries(1);
    const otherPath = aSigningKeyPath();
    await checkpointAudit(db, otherPath);
    const changed = [
      { ...checkpoint, seq: 5 },
      { ...checkpoint, headHash: GENESIS_HASH.toString('hex') },
      { ...checkpoint, signedAt: '2030-01-01T00:00:00.000Z' },
    ];
    for (const forged of changed)
      expect(await verifyCheckpoint(db, forged, publicKey)).toEqual({
        valid: false,
        reason: 'bad-signature',
      });
    expect(await verifyCheckpoint(db, checkpoint, readFileSync(`${otherPath}.pub`, 'utf8'))).toEqual({
      valid: false,
      reason: 'bad-signature',
    });
  });

  it('shows that the entries it covers were rewritten, even when the chain was recomputed to match', async () => {
    const path = aSigningKeyPath();
    const checkpoint = await checkpointAudit(db, path);
    await rewriteChainFrom(2, db);
    expect(await verifyAuditChain(db)).toMatchObject(brokenAt(4, 'checkpoint-mismatch'));
    await tamper(sql`delete from audit.checkpoint`); // the copy in the database can be removed too…
    expect(await verifyAuditChain(db)).toMatchObject({ valid: true });
    // …but not the one lodged outside.
    expect(await verifyCheckpoint(db, checkpoint, readFileSync(`${path}.pub`, 'utf8'))).toEqual({
      valid: false,
      reason: 'head-mismatch',
    });
  });

  it('shows that entries it covers were cut off the end', async () => {
    const path = aSigningKeyPath();
    const checkpoint = await checkpointAudit(db, path);
    await tamper(sql`delete from audit.entry where seq >= 3`, sql`delete from audit.checkpoint`);
    expect(await verifyAuditChain(db)).toMatchObject({ valid: true, entries: 2 });
    expect(await verifyCheckpoint(db, checkpoint, readFileSync(`${path}.pub`, 'utf8'))).toEqual({
      valid: false,
      reason: 'entry-missing',
    });
  });

  it('refuses to sign a broken chain', async () => {
    await tamper(sql`update audit.entry set action = 'case.delete' where seq = 2`);
    await expect(checkpointAudit(db, aSigningKeyPath())).rejects.toThrow(AuditChainBroken);
    expect((await db.query(sql`select 1 from audit.checkpoint`)).rows).toHaveLength(0);
  });

  it('refuses a signing key that group or others may read', async () => {
    const path = aSigningKeyPath();
    await checkpointAudit(db, path);
    chmodSync(path, 0o644);
    await expect(checkpointAudit(db, path)).rejects.toThrow(/group or others/);
  });
});

/** A thorough forger: changes entry `fromSeq` and recomputes every digest and hash after it. */
async function rewriteChainFrom(fromSeq: number, target: Queryable): Promise<void> {
  const rows = await target.query<{ seq: number; prev_hash: Buffer; entry_digest: Buffer }>(
    sql`select seq, prev_hash, entry_digest from audit.entry where seq >= ${fromSeq} order by seq`,
  );
  const forged = auditFieldsOf(aCaseView({ action: 'case.close', subject: undefined, requestId: undefined }));
  const forgedDigest = auditEntryDigest({ ...forged, details: {} });
  let prevHash = rows.rows[0]!.prev_hash;
  const statements: SqlFragment[] = [];
  for (const row of rows.rows) {
    const digest = row.seq === fromSeq ? forgedDigest : row.entry_digest;
    const hash = chainHash(prevHash, digest);
    statements.push(
      row.seq === fromSeq
        ? sql`update audit.entry set occurred_at = ${forged.occurredAt.toISOString()}::timestamptz, actor_kind = 'user',
                actor_id = ${forged.actorId}, organisation_id = ${forged.organisationId}::uuid, action = 'case.close',
                subject_type = null, subject_id = null, outcome = 'success', request_id = null, details = '{}'::jsonb,
                entry_digest = ${digest}, prev_hash = ${prevHash}, hash = ${hash}
              where seq = ${row.seq}`
        : sql`update audit.entry set prev_hash = ${prevHash}, hash = ${hash} where seq = ${row.seq}`,
    );
    prevHash = hash;
  }
  await tamper(...statements);
}
