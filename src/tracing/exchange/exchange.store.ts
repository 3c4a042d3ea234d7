import type { Queryable } from '../../db/database.js';
import { sql } from '../../db/sql.js';
import type { IsoDate } from '../../kernel/dates.js';

/**
 * The only code that touches tracing.exchange_partner, exchange_partner_key, exchange_upload and
 * exchange_candidate.
 */

export type PartnerStatus = 'active' | 'suspended';

export type ExchangePartner = {
  id: string;
  countryCode: string;
  name: string;
  publicKey: string;
  publicKeyFingerprint: string;
  registeredBy: string;
  registeredAt: Date;
  status: PartnerStatus;
  /** Where the partner's hub answers; null: no identity can be asked of it. */
  hubUrl: string | null;
};

const partnerColumns = sql`id, country_code as "countryCode", name, public_key as "publicKey",
  public_key_fingerprint as "publicKeyFingerprint", registered_by as "registeredBy",
  registered_at as "registeredAt", status, hub_url as "hubUrl"`;

/** Registers a partner and its first key; null when the key is registered already (to anyone). */
export async function insertPartner(
  tx: Queryable,
  partner: ExchangePartner,
): Promise<ExchangePartner | null> {
  const inserted = await tx.query<ExchangePartner>(sql`
    insert into tracing.exchange_partner
      (id, country_code, name, public_key, public_key_fingerprint, registered_by, registered_at, status, hub_url)
    select ${partner.id}, ${partner.countryCode}, ${partner.name}, ${partner.publicKey},
      ${partner.publicKeyFingerprint}, ${partner.registeredBy}, ${partner.registeredAt}, ${partner.status},
      ${partner.hubUrl}
    where not exists (select 1 from tracing.exchange_partner_key
      where public_key_fingerprint = ${partner.publicKeyFingerprint})
    on conflict (public_key_fingerprint) do nothing
    returning ${partnerColumns}`);
  const registered = inserted.rows[0];
  if (registered === undefined) return null;
  await tx.query(sql`
    insert into tracing.exchange_partner_key
      (partner_id, public_key, public_key_fingerprint, registered_by, registered_at, retires_on)
    values (${partner.id}, ${partner.publicKey}, ${partner.publicKeyFingerprint}, ${partner.registeredBy},
      ${partner.registeredAt}, null)`);
  return registered;
}

export async function findPartner(db: Queryable, id: string): Promise<ExchangePartner | null> {
  const found = await db.query<ExchangePartner>(
    sql`select ${partnerColumns} from tracing.exchange_partner where id = ${id}`,
  );
  return found.rows[0] ?? null;
}

/** Suspends or reinstates a partner if its status is still `from` (null: it is not, or no such partner). */
export async function updatePartnerStatus(
  tx: Queryable,
  id: string,
  change: { from: PartnerStatus; to: PartnerStatus },
  at: Date,
): Promise<ExchangePartner | null> {
  const updated = await tx.query<ExchangePartner>(sql`
    update tracing.exchange_partner set status = ${change.to}, status_changed_at = ${at}
    where id = ${id} and status = ${change.from}
    returning ${partnerColumns}`);
  return updated.rows[0] ?? null;
}

export async function updatePartnerHub(
  tx: Queryable,
  id: string,
  hubUrl: string | null,
): Promise<ExchangePartner | null> {
  const updated = await tx.query<ExchangePartner>(sql`
    update tracing.exchange_partner set hub_url = ${hubUrl} where id = ${id} returning ${partnerColumns}`);
  return updated.rows[0] ?? null;
}

/** A key a partner signs (or signed) with. */
export type PartnerKey = {
  partnerId: string;
  publicKey: string;
  publicKeyFingerprint: string;
  registeredAt: Date;
  /** The first day the key is refused; null: no end set. */
  retiresOn: IsoDate | null;
};

export type PartnerKeyOfPartner = PartnerKey & {
  partnerStatus: PartnerStatus;
  countryCode: string;
};

const keyColumns = sql`partner_key.partner_id as "partnerId", partner_key.public_key as "publicKey",
  partner_key.public_key_fingerprint as "publicKeyFingerprint", partner_key.registered_at as "registeredAt",
  to_char(partner_key.retires_on, 'YYYY-MM-DD') as "retiresOn"`;

/** Every key of every partner, with the partner's status: a signature is checked first, its standing after. */
export async function listPartnerKeys(db: Queryable, partnerId?: string): Promise<PartnerKeyOfPartner[]> {
  const listed = await db.query<PartnerKeyOfPartner>(sql`
    select ${keyColumns}, partner.status as "partnerStatus", partner.country_code as "countryCode"
    from tracing.exchange_partner_key partner_key
    join tracing.exchange_partner partner on partner.id = partner_key.partner_id
    where ${partnerId === undefined ? sql.true : sql`partner_key.partner_id = ${partnerId}`}
    order by partner_key.registered_at, partner_key.public_key_fingerprint`);
  return listed.rows;
}

/**
 * Registers a partner's new key as its current one. Every other key of the partner that has no
 * earlier end gets `oldKeysRetireOn`. Null when the key is registered already (to anyone).
 */
export async function insertPartnerKey(
  tx: Queryable,
  key: {
    partnerId: string;
    publicKey: string;
    publicKeyFingerprint: string;
    registeredBy: string;
    registeredAt: Date;
  },
  oldKeysRetireOn: IsoDate,
): Promise<ExchangePartner | null> {
  const inserted = await tx.query(sql`
    insert into tracing.exchange_partner_key
      (partner_id, public_key, public_key_fingerprint, registered_by, registered_at, retires_on)
    values (${key.partnerId}, ${key.publicKey}, ${key.publicKeyFingerprint}, ${key.registeredBy},
      ${key.registeredAt}, null)
    on conflict (public_key_fingerprint) do nothing
    returning partner_id`);
  if (inserted.rows.length === 0) return null;
  await tx.query(sql`
    update tracing.exchange_partner_key set retires_on = ${oldKeysRetireOn}
    where partner_id = ${key.partnerId} and public_key_fingerprint <> ${key.publicKeyFingerprint}
      and (retires_on is null or retires_on > ${oldKeysRetireOn})`);
  const updated = await tx.query<ExchangePartner>(sql`
    update tracing.exchange_partner
    set public_key = ${key.publicKey}, public_key_fingerprint = ${key.publicKeyFingerprint}
    where id = ${key.partnerId}
    returning ${partnerColumns}`);
  return updated.rows[0] ?? null;
}

export async function listPartners(db: Queryable, status?: PartnerStatus): Promise<ExchangePartner[]> {
  const listed = await db.query<ExchangePartner>(sql`
    select ${partnerColumns} from tracing.exchange_partner
    where ${status === undefined ? sql.true : sql`status = ${status}`}
    order by country_code, name, id`);
  return listed.rows;
}

export type NewUpload = {
  id: string;
  partnerId: string;
  uploadedAt: Date;
  recordCount: number;
  candidateCount: number;
  schemaKey: string;
  keyCheck: string;
  fileSha256: string;
  content: Uint8Array;
};

export async function insertUpload(tx: Queryable, upload: NewUpload): Promise<void> {
  await tx.query(sql`
    insert into tracing.exchange_upload
      (id, partner_id, uploaded_at, record_count, candidate_count, schema_key, key_check, file_sha256, content)
    values (${upload.id}, ${upload.partnerId}, ${upload.uploadedAt}, ${upload.recordCount},
      ${upload.candidateCount}, ${upload.schemaKey}, ${upload.keyCheck}, ${upload.fileSha256},
      ${Buffer.from(upload.content)})`);
}

export type ExchangeCandidateRow = {
  leftRecord: string;
  /** null: this installation's own register. */
  otherPartnerId: string | null;
  rightRecord: string;
  similarity: number;
};

export async function insertExchangeCandidates(
  tx: Queryable,
  uploadId: string,
  candidates: readonly ExchangeCandidateRow[],
): Promise<void> {
  for (const candidate of candidates)
    await tx.query(sql`
      insert into tracing.exchange_candidate (upload_id, left_record, other_partner_id, right_record, similarity)
      values (${uploadId}, ${candidate.leftRecord}, ${candidate.otherPartnerId}, ${candidate.rightRecord},
        ${candidate.similarity})`);
}

/**
 * The latest upload of every active partner but one, when it was made under the given schema and
 * secret (an older upload under them does not count: the partner has moved on).
 */
export async function latestUploadsOfOtherPartners(
  db: Queryable,
  exceptPartnerId: string,
  schemaKey: string,
  keyCheck: string,
): Promise<{ partnerId: string; countryCode: string; content: Buffer }[]> {
  const listed = await db.query<{
    partnerId: string;
    countryCode: string;
    content: Buffer;
    comparable: boolean;
  }>(sql`
    select distinct on (upload.partner_id) upload.partner_id as "partnerId",
      partner.country_code as "countryCode", upload.content,
      (upload.schema_key = ${schemaKey} and upload.key_check = ${keyCheck}) as comparable
    from tracing.exchange_upload upload
    join tracing.exchange_partner partner on partner.id = upload.partner_id
    where partner.status = 'active' and upload.partner_id <> ${exceptPartnerId}
    order by upload.partner_id, upload.uploaded_at desc, upload.id desc`);
  return listed.rows
    .filter((row) => row.comparable)
    .map(({ partnerId, countryCode, content }) => ({ partnerId, countryCode, content }));
}

export type ExchangeHistoryEntry = {
  id: string;
  partnerId: string;
  countryCode: string;
  partnerName: string;
  uploadedAt: Date;
  recordCount: number;
  candidateCount: number;
};

/** Who uploaded when, how many records, how many candidates: newest first. */
export async function listUploads(
  db: Queryable,
  page: { limit: number; offset: number },
): Promise<ExchangeHistoryEntry[]> {
  const listed = await db.query<ExchangeHistoryEntry>(sql`
    select upload.id, upload.partner_id as "partnerId", partner.country_code as "countryCode",
      partner.name as "partnerName", upload.uploaded_at as "uploadedAt",
      upload.record_count as "recordCount", upload.candidate_count as "candidateCount"
    from tracing.exchange_upload upload
    join tracing.exchange_partner partner on partner.id = upload.partner_id
    order by upload.uploaded_at desc, upload.id
    limit ${page.limit} offset ${page.offset}`);
  return listed.rows;
}
