import type { Queryable } from '../../db/database.js';
import { sql } from '../../db/sql.js';

/** The only code that touches tracing.exchange_partner, exchange_upload and exchange_candidate. */

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
};

const partnerColumns = sql`id, country_code as "countryCode", name, public_key as "publicKey",
  public_key_fingerprint as "publicKeyFingerprint", registered_by as "registeredBy",
  registered_at as "registeredAt", status`;

/** Registers a partner; null when its key is registered already. */
export async function insertPartner(
  tx: Queryable,
  partner: ExchangePartner,
): Promise<ExchangePartner | null> {
  const inserted = await tx.query<ExchangePartner>(sql`
    insert into tracing.exchange_partner
      (id, country_code, name, public_key, public_key_fingerprint, registered_by, registered_at, status)
    values (${partner.id}, ${partner.countryCode}, ${partner.name}, ${partner.publicKey},
      ${partner.publicKeyFingerprint}, ${partner.registeredBy}, ${partner.registeredAt}, ${partner.status})
    on conflict (public_key_fingerprint) do nothing
    returning ${partnerColumns}`);
  return inserted.rows[0] ?? null;
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
