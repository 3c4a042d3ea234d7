import type { Queryable } from '../../db/database.js';
import { sql } from '../../db/sql.js';
import type { IsoDate } from '../../kernel/dates.js';
import { decryptField, destroyDataKey, encryptField } from '../../security/field-encryption.store.js';
import type { Keyring } from '../../security/keyring.js';
import type { ExchangeBasisKind, IdentityFieldGroup, IncomingStatus } from './identity-exchange.js';
import type { SignedEnvelope } from './identity-message.js';

/**
 * The only code that touches tracing.identity_exchange_request and identity_exchange_incoming, and
 * the one that seals and opens what they hold: the one-time answer key and the identity received
 * are field-encrypted under the request's own data key (subject = the request's id), so withdrawing
 * erases both by destroying that key (docs/decisions/0026).
 */

export type RequestStatus = 'sent' | 'received' | 'refused' | 'withdrawn';

export type IdentityExchangeRequest = {
  id: string;
  candidateId: string;
  reportId: string;
  partnerId: string;
  ownRecord: string;
  partnerRecord: string;
  basisKind: ExchangeBasisKind;
  basisReference: string;
  basisExpiresOn: IsoDate | null;
  requestedFields: IdentityFieldGroup[];
  status: RequestStatus;
  releasedFields: IdentityFieldGroup[] | null;
  requestedBy: string;
  requestedAt: Date;
  answeredAt: Date | null;
  withdrawnAt: Date | null;
};

const requestColumns = sql`id, candidate_id as "candidateId", report_id as "reportId", partner_id as "partnerId",
  own_record as "ownRecord", partner_record as "partnerRecord", basis_kind as "basisKind",
  basis_reference as "basisReference", to_char(basis_expires_on, 'YYYY-MM-DD') as "basisExpiresOn",
  requested_fields as "requestedFields", status, released_fields as "releasedFields",
  requested_by as "requestedBy", requested_at as "requestedAt", answered_at as "answeredAt",
  withdrawn_at as "withdrawnAt"`;

const requestLocation = (id: string, column: 'answer_key' | 'identity') => ({
  table: 'tracing.identity_exchange_request',
  column,
  rowId: id,
  subjectId: id,
});

/** Records a request sent to a partner, with its one-time answer key sealed. Null: one is live already. */
export async function insertIdentityRequest(
  tx: Queryable,
  keyring: Keyring,
  request: Omit<IdentityExchangeRequest, 'status' | 'releasedFields' | 'answeredAt' | 'withdrawnAt'>,
  answerPrivateKeyPem: string,
): Promise<IdentityExchangeRequest | null> {
  const sealedKey = await encryptField(
    tx,
    keyring,
    requestLocation(request.id, 'answer_key'),
    answerPrivateKeyPem,
  );
  const inserted = await tx.query<IdentityExchangeRequest>(sql`
    insert into tracing.identity_exchange_request
      (id, candidate_id, report_id, partner_id, own_record, partner_record, basis_kind, basis_reference,
       basis_expires_on, requested_fields, answer_key, status, requested_by, requested_at)
    values (${request.id}, ${request.candidateId}, ${request.reportId}, ${request.partnerId}, ${request.ownRecord},
      ${request.partnerRecord}, ${request.basisKind}, ${request.basisReference}, ${request.basisExpiresOn},
      ${[...request.requestedFields]}::text[], ${sealedKey}, 'sent', ${request.requestedBy}, ${request.requestedAt})
    on conflict (candidate_id) where status in ('sent', 'received') do nothing
    returning ${requestColumns}`);
  return inserted.rows[0] ?? null;
}

export async function findIdentityRequest(
  db: Queryable,
  id: string,
): Promise<IdentityExchangeRequest | null> {
  const found = await db.query<IdentityExchangeRequest>(
    sql`select ${requestColumns} from tracing.identity_exchange_request where id = ${id}`,
  );
  return found.rows[0] ?? null;
}

export async function listIdentityRequestsOfCandidate(
  db: Queryable,
  candidateId: string,
): Promise<IdentityExchangeRequest[]> {
  const listed = await db.query<IdentityExchangeRequest>(sql`
    select ${requestColumns} from tracing.identity_exchange_request
    where candidate_id = ${candidateId} order by requested_at desc, id`);
  return listed.rows;
}

export async function hasLiveIdentityRequest(db: Queryable, candidateId: string): Promise<boolean> {
  const found = await db.query(sql`
    select 1 from tracing.identity_exchange_request
    where candidate_id = ${candidateId} and status in ('sent', 'received')`);
  return found.rows.length > 0;
}

/** The one-time answer key of a request still waiting; null once it was used or erased. */
export async function openAnswerKey(tx: Queryable, keyring: Keyring, id: string): Promise<string | null> {
  const found = await tx.query<{ answerKey: Buffer | null }>(
    sql`select answer_key as "answerKey" from tracing.identity_exchange_request where id = ${id} and status = 'sent'`,
  );
  const sealed = found.rows[0]?.answerKey ?? null;
  return sealed === null ? null : decryptField(tx, keyring, requestLocation(id, 'answer_key'), sealed);
}

/** Stores the identity received (sealed), forgets the answer key. Null: the request is no longer waiting. */
export async function recordIdentityReceived(
  tx: Queryable,
  keyring: Keyring,
  id: string,
  received: { fields: readonly IdentityFieldGroup[]; identity: string },
  at: Date,
): Promise<IdentityExchangeRequest | null> {
  const sealed = await encryptField(tx, keyring, requestLocation(id, 'identity'), received.identity);
  const updated = await tx.query<IdentityExchangeRequest>(sql`
    update tracing.identity_exchange_request
    set status = 'received', identity = ${sealed}, released_fields = ${[...received.fields]}::text[],
      answer_key = null, answered_at = ${at}
    where id = ${id} and status = 'sent'
    returning ${requestColumns}`);
  return updated.rows[0] ?? null;
}

/** The partner refused or its side was withdrawn: the request ends, the answer key is forgotten. */
export async function recordRequestEnded(
  tx: Queryable,
  id: string,
  status: 'refused' | 'withdrawn',
  at: Date,
): Promise<IdentityExchangeRequest | null> {
  const updated = await tx.query<IdentityExchangeRequest>(sql`
    update tracing.identity_exchange_request
    set status = ${status}, answer_key = null, answered_at = ${at}
    where id = ${id} and status = 'sent'
    returning ${requestColumns}`);
  return updated.rows[0] ?? null;
}

/**
 * The consent was withdrawn (or the basis ended) on this side: the request ends, and its data key
 * is destroyed, so the answer key and any identity received can never be read again.
 */
export async function withdrawIdentityRequest(
  tx: Queryable,
  id: string,
  by: string,
  at: Date,
): Promise<IdentityExchangeRequest | null> {
  const updated = await tx.query<IdentityExchangeRequest>(sql`
    update tracing.identity_exchange_request
    set status = 'withdrawn', answer_key = null, identity = null, withdrawn_by = ${by}, withdrawn_at = ${at}
    where id = ${id} and status in ('sent', 'received')
    returning ${requestColumns}`);
  if (updated.rows[0] === undefined) return null;
  await destroyDataKey(tx, id);
  return updated.rows[0];
}

/** The identity received for a request; null when there is none (not received, or withdrawn). */
export async function openReceivedIdentity(
  tx: Queryable,
  keyring: Keyring,
  id: string,
): Promise<string | null> {
  const found = await tx.query<{ identity: Buffer | null }>(
    sql`select identity from tracing.identity_exchange_request where id = ${id} and status = 'received'`,
  );
  const sealed = found.rows[0]?.identity ?? null;
  return sealed === null ? null : decryptField(tx, keyring, requestLocation(id, 'identity'), sealed);
}

// ---- Requests of partners, received by this installation's hub -------------------------------------

export type IncomingIdentityRequest = {
  id: string;
  partnerId: string;
  requestId: string;
  partnerRecord: string;
  reportId: string;
  candidateId: string;
  partnerBasisKind: ExchangeBasisKind;
  requestedFields: IdentityFieldGroup[];
  answerKey: string;
  receivedAt: Date;
  status: IncomingStatus;
  basisKind: ExchangeBasisKind | null;
  basisReference: string | null;
  basisExpiresOn: IsoDate | null;
  releasedFields: IdentityFieldGroup[] | null;
  decidedAt: Date | null;
  refusalReason: string | null;
  deliveredAt: Date | null;
};

const incomingColumns = sql`id, partner_id as "partnerId", request_id as "requestId",
  partner_record as "partnerRecord", report_id as "reportId", candidate_id as "candidateId",
  partner_basis_kind as "partnerBasisKind", requested_fields as "requestedFields", answer_key as "answerKey",
  received_at as "receivedAt", status, basis_kind as "basisKind", basis_reference as "basisReference",
  to_char(basis_expires_on, 'YYYY-MM-DD') as "basisExpiresOn", released_fields as "releasedFields",
  decided_at as "decidedAt", refusal_reason as "refusalReason", delivered_at as "deliveredAt"`;

/** Keeps a partner's request as pending; the existing one when the partner sent it before. */
export async function insertIncomingRequest(
  tx: Queryable,
  incoming: Pick<
    IncomingIdentityRequest,
    | 'id'
    | 'partnerId'
    | 'requestId'
    | 'partnerRecord'
    | 'reportId'
    | 'candidateId'
    | 'partnerBasisKind'
    | 'requestedFields'
    | 'answerKey'
    | 'receivedAt'
  >,
): Promise<{ incoming: IncomingIdentityRequest; isNew: boolean }> {
  const inserted = await tx.query<IncomingIdentityRequest>(sql`
    insert into tracing.identity_exchange_incoming
      (id, partner_id, request_id, partner_record, report_id, candidate_id, partner_basis_kind, requested_fields,
       answer_key, received_at, status)
    values (${incoming.id}, ${incoming.partnerId}, ${incoming.requestId}, ${incoming.partnerRecord},
      ${incoming.reportId}, ${incoming.candidateId}, ${incoming.partnerBasisKind},
      ${[...incoming.requestedFields]}::text[], ${incoming.answerKey}, ${incoming.receivedAt}, 'pending')
    on conflict (partner_id, request_id) do nothing
    returning ${incomingColumns}`);
  if (inserted.rows[0]) return { incoming: inserted.rows[0], isNew: true };
  const existing = await findIncomingByRequest(tx, incoming.partnerId, incoming.requestId);
  return { incoming: existing!, isNew: false };
}

export async function findIncomingRequest(
  db: Queryable,
  id: string,
): Promise<IncomingIdentityRequest | null> {
  const found = await db.query<IncomingIdentityRequest>(
    sql`select ${incomingColumns} from tracing.identity_exchange_incoming where id = ${id}`,
  );
  return found.rows[0] ?? null;
}

export async function findIncomingByRequest(
  db: Queryable,
  partnerId: string,
  requestId: string,
): Promise<IncomingIdentityRequest | null> {
  const found = await db.query<IncomingIdentityRequest>(sql`
    select ${incomingColumns} from tracing.identity_exchange_incoming
    where partner_id = ${partnerId} and request_id = ${requestId}`);
  return found.rows[0] ?? null;
}

export async function listIncomingOfCandidate(
  db: Queryable,
  candidateId: string,
): Promise<IncomingIdentityRequest[]> {
  const listed = await db.query<IncomingIdentityRequest>(sql`
    select ${incomingColumns} from tracing.identity_exchange_incoming
    where candidate_id = ${candidateId} order by received_at desc, id`);
  return listed.rows;
}

/** The signed, encrypted answer of a released request (null otherwise). */
export async function findSealedAnswer(db: Queryable, id: string): Promise<SignedEnvelope | null> {
  const found = await db.query<{ sealedAnswer: SignedEnvelope | null }>(sql`
    select sealed_answer as "sealedAnswer" from tracing.identity_exchange_incoming
    where id = ${id} and status = 'released'`);
  return found.rows[0]?.sealedAnswer ?? null;
}

/** Records the release if the request is still pending (null: someone decided first, or it was withdrawn). */
export async function recordRelease(
  tx: Queryable,
  id: string,
  release: {
    basisKind: ExchangeBasisKind;
    basisReference: string;
    basisExpiresOn: IsoDate | null;
    fields: readonly IdentityFieldGroup[];
    sealedAnswer: SignedEnvelope;
    by: string;
  },
  at: Date,
): Promise<IncomingIdentityRequest | null> {
  const updated = await tx.query<IncomingIdentityRequest>(sql`
    update tracing.identity_exchange_incoming
    set status = 'released', basis_kind = ${release.basisKind}, basis_reference = ${release.basisReference},
      basis_expires_on = ${release.basisExpiresOn}, released_fields = ${[...release.fields]}::text[],
      sealed_answer = ${JSON.stringify(release.sealedAnswer)}::jsonb, decided_by = ${release.by}, decided_at = ${at}
    where id = ${id} and status = 'pending'
    returning ${incomingColumns}`);
  return updated.rows[0] ?? null;
}

export async function recordRefusal(
  tx: Queryable,
  id: string,
  refusal: { reason: string; by: string },
  at: Date,
): Promise<IncomingIdentityRequest | null> {
  const updated = await tx.query<IncomingIdentityRequest>(sql`
    update tracing.identity_exchange_incoming
    set status = 'refused', refusal_reason = ${refusal.reason}, decided_by = ${refusal.by}, decided_at = ${at}
    where id = ${id} and status = 'pending'
    returning ${incomingColumns}`);
  return updated.rows[0] ?? null;
}

/** The requester withdrew: the request ends and a stored answer is dropped. */
export async function recordIncomingWithdrawn(
  tx: Queryable,
  id: string,
  at: Date,
): Promise<IncomingIdentityRequest | null> {
  const updated = await tx.query<IncomingIdentityRequest>(sql`
    update tracing.identity_exchange_incoming
    set status = 'withdrawn', sealed_answer = null, withdrawn_at = ${at}
    where id = ${id} and status in ('pending', 'released')
    returning ${incomingColumns}`);
  return updated.rows[0] ?? null;
}

export async function recordDelivered(tx: Queryable, id: string, at: Date): Promise<void> {
  await tx.query(sql`
    update tracing.identity_exchange_incoming set delivered_at = coalesce(delivered_at, ${at})
    where id = ${id}`);
}
