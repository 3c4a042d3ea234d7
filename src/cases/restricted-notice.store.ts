import type { Queryable } from '../db/database.js';
import { type SqlFragment, sql } from '../db/sql.js';
import type { IsoDate } from '../kernel/dates.js';
import type { DataCategory } from './consent.js';
import type { RestrictedAccessGrant, RestrictedAccessRequest } from './restricted-notice.js';

/** The only code that touches cases.restricted_notice, restricted_access_request and _grant. */

export type RestrictedNotice = {
  id: string;
  caseId: string;
  designatedOfficerId: string;
  flaggedOn: IsoDate;
  flaggedBy: string;
};

export type StoredAccessRequest = RestrictedAccessRequest & {
  caseId: string;
  caseReference: string;
  decidedBy: string | null;
  decidedOn: IsoDate | null;
  refusalReason: string | null;
};

const noticeColumns = sql`id, case_id as "caseId", designated_officer_id as "designatedOfficerId",
  to_char(flagged_on, 'YYYY-MM-DD') as "flaggedOn", flagged_by as "flaggedBy"`;

/** The notice in force on a case, if any. */
export async function findNoticeInForce(db: Queryable, caseId: string): Promise<RestrictedNotice | null> {
  const found = await db.query<RestrictedNotice>(
    sql`select ${noticeColumns} from cases.restricted_notice where case_id = ${caseId} and lifted_on is null`,
  );
  return found.rows[0] ?? null;
}

/** Null when a notice is already in force on the case (the unique index decides, under races too). */
export async function insertNotice(
  tx: Queryable,
  notice: RestrictedNotice,
  at: Date,
): Promise<RestrictedNotice | null> {
  const inserted = await tx.query<RestrictedNotice>(sql`
    insert into cases.restricted_notice (id, case_id, designated_officer_id, flagged_on, flagged_by, created_at)
    values (${notice.id}, ${notice.caseId}, ${notice.designatedOfficerId}, ${notice.flaggedOn},
            ${notice.flaggedBy}, ${at})
    on conflict (case_id) where lifted_on is null do nothing
    returning ${noticeColumns}`);
  return inserted.rows[0] ?? null;
}

export async function liftNotice(tx: Queryable, id: string, on: IsoDate, by: string): Promise<void> {
  await tx.query(sql`update cases.restricted_notice set lifted_on = ${on}, lifted_by = ${by}
    where id = ${id} and lifted_on is null`);
}

const requestColumns = sql`request.id, request.notice_id as "noticeId",
  request.designated_officer_id as "designatedOfficerId",
  request.requesting_organisation_id as "requestingOrganisationId", request.requested_by as "requestedBy",
  request.purpose, request.categories, to_char(request.requested_on, 'YYYY-MM-DD') as "requestedOn",
  request.status, request.decided_by as "decidedBy", to_char(request.decided_on, 'YYYY-MM-DD') as "decidedOn",
  request.refusal_reason as "refusalReason", notice.case_id as "caseId", case_file.reference as "caseReference"`;

const requestFrom = sql`cases.restricted_access_request request
  join cases.restricted_notice notice on notice.id = request.notice_id
  join cases.case_file case_file on case_file.id = notice.case_id`;

export async function insertAccessRequest(tx: Queryable, request: RestrictedAccessRequest): Promise<void> {
  await tx.query(sql`
    insert into cases.restricted_access_request
      (id, notice_id, designated_officer_id, requesting_organisation_id, requested_by, purpose, categories,
       requested_on, status)
    values (${request.id}, ${request.noticeId}, ${request.designatedOfficerId},
            ${request.requestingOrganisationId}, ${request.requestedBy}, ${request.purpose},
            ${[...request.categories]}, ${request.requestedOn}, ${request.status})`);
}

export async function findAccessRequest(
  db: Queryable,
  id: string,
  options: { lock?: boolean } = {},
): Promise<StoredAccessRequest | null> {
  const found = await db.query<StoredAccessRequest>(
    sql`select ${requestColumns} from ${requestFrom} where request.id = ${id}
        ${options.lock ? sql`for update of request` : sql``}`,
  );
  return found.rows[0] ?? null;
}

/** The requests an officer decides and those the actor's organisation filed, newest first. */
export async function listAccessRequests(
  db: Queryable,
  visible: { officerId: string; organisationId: string },
  limit: number,
): Promise<StoredAccessRequest[]> {
  const found = await db.query<StoredAccessRequest>(sql`
    select ${requestColumns} from ${requestFrom}
    where request.designated_officer_id = ${visible.officerId}
       or request.requesting_organisation_id = ${visible.organisationId}
    order by request.requested_on desc, request.id
    limit ${limit}`);
  return found.rows;
}

export async function recordAccessDecision(
  tx: Queryable,
  decision: {
    requestId: string;
    status: 'granted' | 'refused';
    decidedBy: string;
    decidedOn: IsoDate;
    refusalReason: string | null;
    grant: (RestrictedAccessGrant & { protectionOfficeExaminedOn: IsoDate }) | null;
  },
): Promise<void> {
  await tx.query(sql`
    update cases.restricted_access_request
    set status = ${decision.status}, decided_by = ${decision.decidedBy}, decided_on = ${decision.decidedOn},
        refusal_reason = ${decision.refusalReason}
    where id = ${decision.requestId} and status = 'pending'`);
  const { grant } = decision;
  if (!grant) return;
  await tx.query(sql`
    insert into cases.restricted_access_grant
      (request_id, notice_id, organisation_id, purpose, categories, granted_on, ends_on, granted_by,
       protection_office_examined_on)
    values (${grant.requestId}, ${grant.noticeId}, ${grant.organisationId}, ${grant.purpose},
            ${grant.categories}, ${grant.grantedOn}, ${grant.endsOn}, ${grant.grantedBy},
            ${grant.protectionOfficeExaminedOn})`);
}

export async function listGrantsOfNotice(
  db: Queryable,
  noticeId: string,
  organisationId: string,
): Promise<RestrictedAccessGrant[]> {
  const found = await db.query<RestrictedAccessGrant>(sql`
    select request_id as "requestId", notice_id as "noticeId", organisation_id as "organisationId", purpose,
      categories, to_char(granted_on, 'YYYY-MM-DD') as "grantedOn", to_char(ends_on, 'YYYY-MM-DD') as "endsOn",
      granted_by as "grantedBy"
    from cases.restricted_access_grant
    where notice_id = ${noticeId} and organisation_id = ${organisationId}`);
  return found.rows;
}

/** SQL: the case has a notice in force whose designated officer is this user. */
export const designatedOfficerOf = (caseFileId: SqlFragment, userId: string): SqlFragment =>
  sql`exists (select 1 from cases.restricted_notice n where n.case_id = ${caseFileId}
      and n.lifted_on is null and n.designated_officer_id = ${userId})`;

/** SQL: the organisation holds a grant (in force or not: categories check the dates) on the case's notice. */
export const grantHolderOf = (caseFileId: SqlFragment, organisationId: string): SqlFragment =>
  sql`exists (select 1 from cases.restricted_access_grant g join cases.restricted_notice n on n.id = g.notice_id
      where n.case_id = ${caseFileId} and n.lifted_on is null and g.organisation_id = ${organisationId})`;

export type { DataCategory };
