import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  sign,
  verify,
} from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, statSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Queryable } from '../db/database.js';
import { sql } from '../db/sql.js';
import type { Clock } from '../kernel/clock.js';
import {
  type AuditActorKind,
  type AuditChainFault,
  type AuditDetails,
  type AuditEntryInput,
  type AuditOutcome,
  type AuditRecord,
  auditEntryDigest,
  auditFieldsOf,
  CHAIN_START,
  type ChainPosition,
  checkChainSegment,
  checkpointMessage,
  GENESIS_HASH,
} from './audit.js';

/**
 * The only code that touches audit.entry and audit.checkpoint.
 *
 * `appendAudit` takes a lock that serialises every appender until its transaction ends (the chain
 * has one head). Append the audit entry as the LAST statement of your transaction, so the lock is
 * held for as short a time as possible, and use the default READ COMMITTED isolation: under
 * REPEATABLE READ or SERIALIZABLE two concurrent appends collide on seq and one fails.
 */

export type AuditEntry = {
  seq: number;
  occurredAt: Date;
  actor: { kind: AuditActorKind; id: string | null; organisationId: string | null };
  action: string;
  subject: { type: string; id: string } | null;
  outcome: AuditOutcome;
  requestId: string | null;
  details: AuditDetails;
  hash: Buffer;
};

type EntryRow = {
  seq: number;
  occurred_at: Date;
  actor_kind: AuditActorKind;
  actor_id: string | null;
  organisation_id: string | null;
  action: string;
  subject_type: string | null;
  subject_id: string | null;
  outcome: AuditOutcome;
  request_id: string | null;
  details: AuditDetails;
  entry_digest: Buffer;
  prev_hash: Buffer;
  hash: Buffer;
};

const ENTRY_COLUMNS = sql.raw(
  `seq, occurred_at, actor_kind, actor_id, organisation_id, action, subject_type, subject_id, outcome,
   request_id, details, entry_digest, prev_hash, hash`,
);

/** Appends one entry in the caller's transaction; see the note at the top of this file. */
export async function appendAudit(
  tx: Queryable,
  entry: AuditEntryInput,
): Promise<{ seq: number; hash: Buffer }> {
  const fields = auditFieldsOf(entry);
  const appended = await tx.query<{ seq: number; hash: Buffer }>(
    sql`insert into audit.entry (occurred_at, actor_kind, actor_id, organisation_id, action, subject_type,
          subject_id, outcome, request_id, details, entry_digest)
        values (${fields.occurredAt.toISOString()}::timestamptz, ${fields.actorKind}, ${fields.actorId},
          ${fields.organisationId}::uuid, ${fields.action}, ${fields.subjectType}, ${fields.subjectId},
          ${fields.outcome}, ${fields.requestId}, ${JSON.stringify(fields.details)}::jsonb,
          ${auditEntryDigest(fields)})
        returning seq, hash`,
  );
  return appended.rows[0]!;
}

export type AuditFilter = {
  /** Only entries with a smaller seq: pass the last seq of the previous page. */
  before?: number;
  limit: number;
  action?: string;
  actorId?: string;
  subjectId?: string;
};

export const MAX_AUDIT_PAGE = 1000;

/** Entries newest first, filtered, at most `limit` (capped at MAX_AUDIT_PAGE). */
export async function listAudit(db: Queryable, filter: AuditFilter): Promise<AuditEntry[]> {
  const limit = Math.max(1, Math.min(MAX_AUDIT_PAGE, Math.trunc(filter.limit)));
  const conditions = [sql.true];
  if (filter.before !== undefined) conditions.push(sql`seq < ${filter.before}`);
  if (filter.action !== undefined) conditions.push(sql`action = ${filter.action}`);
  if (filter.actorId !== undefined) conditions.push(sql`actor_id = ${filter.actorId}`);
  if (filter.subjectId !== undefined) conditions.push(sql`subject_id = ${filter.subjectId}`);
  const listed = await db.query<EntryRow>(
    sql`select ${ENTRY_COLUMNS} from audit.entry
        where ${sql.join(conditions, ' and ')}
        order by seq desc limit ${limit}`,
  );
  return listed.rows.map((row) => ({
    seq: row.seq,
    occurredAt: row.occurred_at,
    actor: { kind: row.actor_kind, id: row.actor_id, organisationId: row.organisation_id },
    action: row.action,
    subject:
      row.subject_type === null || row.subject_id === null
        ? null
        : { type: row.subject_type, id: row.subject_id },
    outcome: row.outcome,
    requestId: row.request_id,
    details: row.details,
    hash: row.hash,
  }));
}

export type AuditChainVerdict =
  | { valid: true; entries: number; headSeq: number; headHash: string }
  | { valid: false; entriesChecked: number; firstBadSeq: number; reason: AuditChainFault };

export const VERIFY_PAGE_SIZE = 5000;

/**
 * Walks the whole chain in pages of `pageSize` and names the first bad seq, if any. Then checks
 * that every checkpoint recorded in audit.checkpoint is still the chain's entry at its seq (this
 * catches entries cut off the end, which the chain alone cannot see). `onProgress` gets the number
 * of entries checked and the highest seq at the start.
 */
export async function verifyAuditChain(
  db: Queryable,
  options: { onProgress?(checked: number, total: number): void; pageSize?: number } = {},
): Promise<AuditChainVerdict> {
  const pageSize = options.pageSize ?? VERIFY_PAGE_SIZE;
  const head = await db.query<{ seq: number | null }>(sql`select max(seq) as seq from audit.entry`);
  const total = head.rows[0]?.seq ?? 0;
  let position: ChainPosition = CHAIN_START;
  let checked = 0;
  for (;;) {
    const page = await db.query<EntryRow & { sub_millisecond: boolean }>(
      sql`select ${ENTRY_COLUMNS}, occurred_at <> date_trunc('milliseconds', occurred_at) as sub_millisecond
          from audit.entry where seq > ${position.seq} order by seq limit ${pageSize}`,
    );
    if (page.rows.length === 0) break;
    // The application sees instants to the millisecond; a change below that is still a change.
    const altered = page.rows.findIndex((row) => row.sub_millisecond);
    const records = (altered === -1 ? page.rows : page.rows.slice(0, altered)).map(recordOf);
    const segment = checkChainSegment(position, records);
    checked += segment.checked;
    if (!segment.intact)
      return {
        valid: false,
        entriesChecked: checked,
        firstBadSeq: segment.firstBadSeq,
        reason: segment.reason,
      };
    if (altered !== -1) {
      const seq = page.rows[altered]!.seq;
      const reason = seq === segment.position.seq + 1 ? 'digest-mismatch' : 'sequence-gap';
      return {
        valid: false,
        entriesChecked: checked,
        firstBadSeq: Math.min(seq, segment.position.seq + 1),
        reason,
      };
    }
    position = segment.position;
    options.onProgress?.(checked, total);
    if (page.rows.length < pageSize) break;
  }
  const checkpoints = await db.query<{ seq: number; head_hash: Buffer; entry_hash: Buffer | null }>(
    sql`select checkpoint.seq, checkpoint.head_hash, entry.hash as entry_hash
        from audit.checkpoint left join audit.entry on entry.seq = checkpoint.seq
        order by checkpoint.seq`,
  );
  for (const checkpoint of checkpoints.rows) {
    const entryHash = checkpoint.seq === 0 ? GENESIS_HASH : checkpoint.entry_hash;
    if (entryHash === null || !entryHash.equals(checkpoint.head_hash))
      return {
        valid: false,
        entriesChecked: checked,
        firstBadSeq: Math.min(checkpoint.seq, position.seq + 1),
        reason: 'checkpoint-mismatch',
      };
  }
  return { valid: true, entries: checked, headSeq: position.seq, headHash: position.hash.toString('hex') };
}

const recordOf = (row: EntryRow): AuditRecord => ({
  seq: row.seq,
  occurredAt: row.occurred_at,
  actorKind: row.actor_kind,
  actorId: row.actor_id,
  organisationId: row.organisation_id,
  action: row.action,
  subjectType: row.subject_type,
  subjectId: row.subject_id,
  outcome: row.outcome,
  requestId: row.request_id,
  details: row.details,
  entryDigest: row.entry_digest,
  prevHash: row.prev_hash,
  hash: row.hash,
});

/** A signed statement "the chain's entry `seq` has hash `headHash`", to be lodged outside the database. */
export type AuditCheckpoint = {
  seq: number;
  /** hex */
  headHash: string;
  /** ISO 8601 instant with milliseconds, UTC */
  signedAt: string;
  /** base64 Ed25519 signature over `palermo-audit-checkpoint|<seq>|<headHash>|<signedAt>` */
  signature: string;
  /** SPKI PEM of the signing key */
  publicKey: string;
};

export class AuditChainBroken extends Error {
  override readonly name = 'AuditChainBroken';
  constructor(readonly verdict: Extract<AuditChainVerdict, { valid: false }>) {
    super(
      `the audit chain is broken at seq ${verdict.firstBadSeq} (${verdict.reason}); no checkpoint was signed`,
    );
  }
}

/**
 * Verifies the whole chain, then signs its head with the Ed25519 key at `signingKeyPath` (created
 * with mode 0600 when absent, its public key beside it as `<path>.pub`), records the checkpoint
 * and returns it. Refuses to sign a broken chain (`AuditChainBroken`).
 */
export async function checkpointAudit(
  db: Queryable,
  signingKeyPath: string,
  options: { clock?: Pick<Clock, 'now'>; warn?(message: string): void } = {},
): Promise<AuditCheckpoint> {
  const privateKey = openSigningKey(signingKeyPath, options.warn ?? (() => undefined));
  const verdict = await verifyAuditChain(db);
  if (!verdict.valid) throw new AuditChainBroken(verdict);
  const signedAt = (options.clock?.now() ?? new Date()).toISOString();
  const message = checkpointMessage(verdict.headSeq, verdict.headHash, signedAt);
  const signature = sign(null, Buffer.from(message, 'utf8'), privateKey);
  const publicKey = createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString();
  await db.query(
    sql`insert into audit.checkpoint (seq, head_hash, signed_at, signature, public_key)
        values (${verdict.headSeq}, ${Buffer.from(verdict.headHash, 'hex')}, ${signedAt}::timestamptz,
          ${signature}, ${publicKey})`,
  );
  return {
    seq: verdict.headSeq,
    headHash: verdict.headHash,
    signedAt,
    signature: signature.toString('base64'),
    publicKey,
  };
}

export type CheckpointVerdict =
  | { valid: true }
  | { valid: false; reason: 'bad-signature' | 'entry-missing' | 'head-mismatch' };

/**
 * Checks a lodged checkpoint against the public key kept outside the database (never the one the
 * checkpoint carries), and that the chain still has that head at that seq. Together with a valid
 * `verifyAuditChain`, this proves the entries up to `seq` are the ones that were signed.
 */
export async function verifyCheckpoint(
  db: Queryable,
  checkpoint: AuditCheckpoint,
  publicKeyPem: string,
): Promise<CheckpointVerdict> {
  const publicKey = createPublicKey(publicKeyPem);
  if (publicKey.asymmetricKeyType !== 'ed25519')
    throw new Error('the checkpoint public key is not an Ed25519 key');
  const message = checkpointMessage(checkpoint.seq, checkpoint.headHash, checkpoint.signedAt);
  const signature = Buffer.from(checkpoint.signature, 'base64');
  if (!verify(null, Buffer.from(message, 'utf8'), publicKey, signature))
    return { valid: false, reason: 'bad-signature' };
  const headHash = Buffer.from(checkpoint.headHash, 'hex');
  if (checkpoint.seq === 0)
    return GENESIS_HASH.equals(headHash) ? { valid: true } : { valid: false, reason: 'head-mismatch' };
  const found = await db.query<{ hash: Buffer }>(
    sql`select hash from audit.entry where seq = ${checkpoint.seq}`,
  );
  const entry = found.rows[0];
  if (!entry) return { valid: false, reason: 'entry-missing' };
  return entry.hash.equals(headHash) ? { valid: true } : { valid: false, reason: 'head-mismatch' };
}

/** Opens the Ed25519 signing key, creating it (mode 0600) and `<path>.pub` when absent. */
export function openSigningKey(path: string, warn: (message: string) => void): KeyObject {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  if (!existsSync(path)) {
    const { privateKey } = generateKeyPairSync('ed25519');
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    let descriptor: number | undefined;
    try {
      descriptor = openSync(path, 'wx', 0o600);
      writeSync(descriptor, pem);
      warn(
        `A new audit signing key was created at ${path} (public key ${path}.pub). Keep the public key ` +
          'and every checkpoint outside the database: they prove the audit log was not rewritten.',
      );
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      if (descriptor !== undefined) closeSync(descriptor);
    }
  }
  const stats = statSync(path);
  if ((stats.mode & 0o077) !== 0)
    throw new Error(
      `the audit signing key ${path} may be read by group or others (mode ${(stats.mode & 0o777).toString(8)}); ` +
        `run: chmod 600 ${path}`,
    );
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(readFileSync(path, 'utf8'));
  } catch {
    throw new Error(`the audit signing key ${path} is not a PEM private key`);
  }
  if (privateKey.asymmetricKeyType !== 'ed25519')
    throw new Error(`the audit signing key ${path} is not Ed25519`);
  const publicPem = createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString();
  const publicPath = `${path}.pub`;
  if (!existsSync(publicPath)) {
    const descriptor = openSync(publicPath, 'wx', 0o644);
    writeSync(descriptor, publicPem);
    closeSync(descriptor);
  } else if (readFileSync(publicPath, 'utf8').trim() !== publicPem.trim())
    throw new Error(`${publicPath} is not the public key of ${path}; restore the matching pair`);
  return privateKey;
}
