import { createHash } from 'node:crypto';

/**
 * The audit log's rules (DESIGN §3, ADR 0004), without I/O: what an entry holds, its canonical
 * encoding and digest, and how a run of stored entries is checked against the hash chain.
 *
 *   entry_digest = sha256(canonical encoding of the entry's fields)     computed here
 *   hash         = sha256(prev_hash || entry_digest)                    computed by the database
 *
 * The first entry's prev_hash is 32 zero bytes. `seq` is not part of the digest: the chain fixes
 * each entry's place, so a renumbered, removed or inserted entry breaks it.
 */

export type AuditActorKind = 'user' | 'system' | 'anonymous';
export type AuditOutcome = 'success' | 'denied' | 'failure';
/** Ids, codes and counts only: never a name, address, document number or free text about a person. */
export type AuditDetails = Record<string, string | number | boolean | null>;

export type AuditEntryInput = {
  occurredAt: Date;
  actor: { kind: AuditActorKind; id?: string; organisationId?: string };
  action: string;
  subject?: { type: string; id: string };
  outcome: AuditOutcome;
  requestId?: string;
  details?: AuditDetails;
};

/** An entry's fields as stored, in the form its digest is computed over. */
export type AuditFields = {
  occurredAt: Date;
  actorKind: AuditActorKind;
  actorId: string | null;
  organisationId: string | null;
  action: string;
  subjectType: string | null;
  subjectId: string | null;
  outcome: AuditOutcome;
  requestId: string | null;
  details: AuditDetails;
};

export type AuditRecord = AuditFields & { seq: number; entryDigest: Buffer; prevHash: Buffer; hash: Buffer };

export const HASH_BYTES = 32;
export const GENESIS_HASH: Buffer = Buffer.alloc(HASH_BYTES);
export const AUDIT_ENCODING_FORMAT = 1;

const ACTOR_KINDS: readonly AuditActorKind[] = ['user', 'system', 'anonymous'];
const OUTCOMES: readonly AuditOutcome[] = ['success', 'denied', 'failure'];
const ACTION = /^[a-z][a-z0-9_-]*(\.[a-z][a-z0-9_-]*)+$/;
const DETAIL_KEY = /^[a-zA-Z][a-zA-Z0-9_.-]{0,63}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const MAX_DETAILS = 32;
const MAX_TEXT = 256;
// PostgreSQL text and jsonb refuse NUL; a lone surrogate cannot be stored faithfully.
const LONE_SURROGATE = /\p{Cs}/u;

export class InvalidAuditEntry extends Error {
  override readonly name = 'InvalidAuditEntry';
}

/**
 * Checks an entry and brings it to its stored form (uuids in lower case, absent values as null).
 * The limits on details (32 keys, short scalar values) are guard rails against personal data
 * slipping in as free text, not a proof that none does.
 */
export function auditFieldsOf(entry: AuditEntryInput): AuditFields {
  const { occurredAt, actor, subject, outcome } = entry;
  if (!(occurredAt instanceof Date) || Number.isNaN(occurredAt.getTime()))
    throw new InvalidAuditEntry('occurredAt is not a valid instant');
  const year = occurredAt.getUTCFullYear();
  if (year < 1970 || year > 9999) throw new InvalidAuditEntry('occurredAt is outside the years 1970 to 9999');
  if (!ACTOR_KINDS.includes(actor.kind)) throw new InvalidAuditEntry(`unknown actor kind '${actor.kind}'`);
  if (!OUTCOMES.includes(outcome)) throw new InvalidAuditEntry(`unknown outcome '${outcome}'`);
  if (!ACTION.test(entry.action))
    throw new InvalidAuditEntry(`action '${entry.action}' is not like 'case.view'`);
  const organisationId = actor.organisationId === undefined ? null : actor.organisationId.toLowerCase();
  if (organisationId !== null && !UUID.test(organisationId))
    throw new InvalidAuditEntry('actor.organisationId is not a uuid');
  const details = entry.details ?? {};
  const keys = Object.keys(details);
  if (keys.length > MAX_DETAILS) throw new InvalidAuditEntry(`details have more than ${MAX_DETAILS} keys`);
  for (const key of keys) {
    if (!DETAIL_KEY.test(key)) throw new InvalidAuditEntry(`details key '${key}' is not a short identifier`);
    const value = details[key];
    if (typeof value === 'number' && !Number.isFinite(value))
      throw new InvalidAuditEntry(`details.${key} is not a finite number`);
    if (typeof value === 'string') storableText(`details.${key}`, value);
    else if (value !== null && typeof value !== 'number' && typeof value !== 'boolean')
      throw new InvalidAuditEntry(`details.${key} is not a string, number, boolean or null`);
  }
  return {
    occurredAt: new Date(occurredAt.getTime()),
    actorKind: actor.kind,
    actorId: actor.id === undefined ? null : storableText('actor.id', actor.id),
    organisationId,
    action: entry.action,
    subjectType: subject === undefined ? null : storableText('subject.type', subject.type),
    subjectId: subject === undefined ? null : storableText('subject.id', subject.id),
    outcome,
    requestId: entry.requestId === undefined ? null : storableText('requestId', entry.requestId),
    details: { ...details },
  };
}

function storableText(name: string, value: string): string {
  if (typeof value !== 'string') throw new InvalidAuditEntry(`${name} is not text`);
  if (value.length > MAX_TEXT) throw new InvalidAuditEntry(`${name} is longer than ${MAX_TEXT} characters`);
  if (value.includes('\u0000') || LONE_SURROGATE.test(value))
    throw new InvalidAuditEntry(`${name} contains a NUL or a lone surrogate`);
  return value;
}

/**
 * Deterministic JSON of the entry's fields: keys sorted (also inside details), no spaces,
 * occurredAt as an ISO string with milliseconds in UTC.
 */
export function canonicalAuditEncoding(fields: AuditFields): string {
  return canonicalJson({
    format: AUDIT_ENCODING_FORMAT,
    occurredAt: fields.occurredAt.toISOString(),
    actorKind: fields.actorKind,
    actorId: fields.actorId,
    organisationId: fields.organisationId,
    action: fields.action,
    subjectType: fields.subjectType,
    subjectId: fields.subjectId,
    outcome: fields.outcome,
    requestId: fields.requestId,
    details: fields.details,
  });
}

type Json = string | number | boolean | null | readonly Json[] | { readonly [key: string]: Json };

export function canonicalJson(value: Json): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new InvalidAuditEntry('numbers in the audit log must be finite');
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map((member: Json) => canonicalJson(member)).join(',')}]`;
  const object = value as { readonly [key: string]: Json };
  const members = Object.keys(object)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${canonicalJson(object[key]!)}`);
  return `{${members.join(',')}}`;
}

export const sha256 = (...parts: readonly (Buffer | string)[]): Buffer => {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return hash.digest();
};

export const auditEntryDigest = (fields: AuditFields): Buffer => sha256(canonicalAuditEncoding(fields));

export const chainHash = (prevHash: Buffer, entryDigest: Buffer): Buffer => sha256(prevHash, entryDigest);

/**
 * What can be wrong with the chain, at the first bad seq:
 * - 'sequence-gap': a seq is missing (an entry was deleted) or out of order;
 * - 'digest-mismatch': the entry's fields no longer match its digest (a field was altered);
 * - 'chain-broken': the entry's prev_hash is not the previous entry's hash (entries were
 *   inserted, removed and renumbered, or reordered);
 * - 'hash-mismatch': the stored hash is not sha256(prev_hash || entry_digest);
 * - 'checkpoint-mismatch': a recorded checkpoint's head is no longer in the chain (the end of
 *   the log was cut off or rewritten).
 */
export type AuditChainFault =
  | 'sequence-gap'
  | 'digest-mismatch'
  | 'chain-broken'
  | 'hash-mismatch'
  | 'checkpoint-mismatch';

/** The last entry checked: seq 0 and the genesis hash before the first. */
export type ChainPosition = { seq: number; hash: Buffer };
export const CHAIN_START: ChainPosition = { seq: 0, hash: GENESIS_HASH };

export type SegmentCheck =
  | { intact: true; position: ChainPosition; checked: number }
  | { intact: false; firstBadSeq: number; reason: AuditChainFault; checked: number };

/**
 * Checks entries (in ascending seq order) that continue the chain from `position`. Pages of a
 * long log are checked one after another, passing on the returned position.
 */
export function checkChainSegment(position: ChainPosition, records: readonly AuditRecord[]): SegmentCheck {
  let current = position;
  let checked = 0;
  const fault = (firstBadSeq: number, reason: AuditChainFault): SegmentCheck => ({
    intact: false,
    firstBadSeq,
    reason,
    checked,
  });
  for (const record of records) {
    const expectedSeq = current.seq + 1;
    if (record.seq !== expectedSeq) return fault(Math.min(record.seq, expectedSeq), 'sequence-gap');
    if (!auditEntryDigest(record).equals(record.entryDigest)) return fault(record.seq, 'digest-mismatch');
    if (!record.prevHash.equals(current.hash)) return fault(record.seq, 'chain-broken');
    if (!chainHash(record.prevHash, record.entryDigest).equals(record.hash))
      return fault(record.seq, 'hash-mismatch');
    current = { seq: record.seq, hash: record.hash };
    checked += 1;
  }
  return { intact: true, position: current, checked };
}

/** What a checkpoint signs. */
export const checkpointMessage = (seq: number, headHashHex: string, signedAt: string): string =>
  `palermo-audit-checkpoint|${seq}|${headHashHex}|${signedAt}`;
