import type { Queryable } from '../../db/database.js';
import { type SqlFragment, sql } from '../../db/sql.js';
import type { IsoDate } from '../../kernel/dates.js';
import { newId, newReference } from '../../kernel/ids.js';
import { SubjectErased } from '../../security/field-encryption.js';
import { decryptField, encryptField } from '../../security/field-encryption.store.js';
import type { Keyring } from '../../security/keyring.js';
import { REPORT_REFERENCE_PREFIX, type ReportStatus, type TracingBasis } from './missing-person-report.js';
import type { MissingPersonDetails } from './missing-person-report.schema.js';

/** The only code that touches tracing.missing_person_report, and the one that seals and opens its details. */

export type MissingPersonReport = {
  id: string;
  reference: string;
  ownerOrganisationId: string;
  reportedBy: string;
  reportingCountry: string;
  reportedOn: IsoDate;
  status: ReportStatus;
  statusChangedOn: IsoDate;
  isChild: boolean;
  unaccompaniedOrSeparated: boolean;
  tracingBasis: TracingBasis;
  legalBasisReference: string | null;
  createdAt: Date;
  erasedAt: Date | null;
};

/** The details as stored: a ciphertext only field encryption opens. */
export type SealedDetails = Buffer & { readonly __sealed: 'missing-person-details' };

const columns = sql`missing_person_report.id, missing_person_report.reference,
  missing_person_report.owner_organisation_id as "ownerOrganisationId",
  missing_person_report.reported_by as "reportedBy",
  missing_person_report.reporting_country as "reportingCountry",
  to_char(missing_person_report.reported_on, 'YYYY-MM-DD') as "reportedOn",
  missing_person_report.status,
  to_char(missing_person_report.status_changed_on, 'YYYY-MM-DD') as "statusChangedOn",
  missing_person_report.is_child as "isChild",
  missing_person_report.unaccompanied_or_separated as "unaccompaniedOrSeparated",
  missing_person_report.tracing_basis as "tracingBasis",
  missing_person_report.legal_basis_reference as "legalBasisReference",
  missing_person_report.created_at as "createdAt", missing_person_report.erased_at as "erasedAt"`;

/** Where a report's details live; the associated data binds the ciphertext to this row and report. */
export const detailsLocation = (reportId: string) => ({
  table: 'tracing.missing_person_report',
  column: 'details',
  rowId: reportId,
  subjectId: reportId,
});

export async function sealDetails(
  tx: Queryable,
  keyring: Keyring,
  reportId: string,
  details: MissingPersonDetails,
): Promise<SealedDetails> {
  return (await encryptField(
    tx,
    keyring,
    detailsLocation(reportId),
    JSON.stringify(details),
  )) as SealedDetails;
}

/** Opens a report's details; null once the report was erased (its key destroyed). */
export async function openDetails(
  tx: Queryable,
  keyring: Keyring,
  reportId: string,
  sealed: SealedDetails,
): Promise<MissingPersonDetails | null> {
  try {
    const text = await decryptField(tx, keyring, detailsLocation(reportId), sealed);
    // Checked against the schema when sealed; authenticated encryption proves it is unchanged.
    return JSON.parse(text!) as MissingPersonDetails;
  } catch (error) {
    if (error instanceof SubjectErased) return null;
    throw error;
  }
}

export type NewReport = Omit<
  MissingPersonReport,
  'id' | 'reference' | 'createdAt' | 'erasedAt' | 'statusChangedOn'
> & {
  details: MissingPersonDetails;
};

const REFERENCE_ATTEMPTS = 5;

/** Files a report inside the caller's transaction: seals its details and draws a free reference. */
export async function insertReport(
  tx: Queryable,
  keyring: Keyring,
  report: NewReport,
  at: Date,
): Promise<MissingPersonReport> {
  const id = newId();
  const sealed = await sealDetails(tx, keyring, id, report.details);
  for (let attempt = 1; attempt <= REFERENCE_ATTEMPTS; attempt++) {
    const inserted = await tx.query<MissingPersonReport>(sql`
      insert into tracing.missing_person_report as missing_person_report
        (id, reference, owner_organisation_id, reported_by, reporting_country, reported_on, status,
         is_child, unaccompanied_or_separated, tracing_basis, legal_basis_reference, details,
         created_at, updated_at, status_changed_on)
      values (${id}, ${newReference(REPORT_REFERENCE_PREFIX)}, ${report.ownerOrganisationId}, ${report.reportedBy},
        ${report.reportingCountry}, ${report.reportedOn}, ${report.status}, ${report.isChild},
        ${report.unaccompaniedOrSeparated}, ${report.tracingBasis}, ${report.legalBasisReference}, ${sealed},
        ${at}, ${at}, ${report.reportedOn})
      on conflict (reference) do nothing
      returning ${columns}`);
    if (inserted.rows[0]) return inserted.rows[0];
  }
  throw new Error(`no free report reference after ${REFERENCE_ATTEMPTS} attempts`);
}

export async function findReport(
  db: Queryable,
  id: string,
  visible: SqlFragment = sql.true,
): Promise<MissingPersonReport | null> {
  const found = await db.query<MissingPersonReport>(
    sql`select ${columns} from tracing.missing_person_report where missing_person_report.id = ${id} and ${visible}`,
  );
  return found.rows[0] ?? null;
}

export async function findReportWithDetails(
  db: Queryable,
  id: string,
  visible: SqlFragment,
): Promise<{ report: MissingPersonReport; sealed: SealedDetails | null } | null> {
  const found = await db.query<MissingPersonReport & { details: Buffer | null }>(
    sql`select ${columns}, details from tracing.missing_person_report
        where missing_person_report.id = ${id} and ${visible}`,
  );
  const row = found.rows[0];
  if (!row) return null;
  const { details, ...report } = row;
  return { report, sealed: details as SealedDetails | null };
}

export type ReportFilters = { status?: ReportStatus; isChild?: boolean };

/** Visible reports, newest first; filtered in SQL before limit and offset. */
export async function listReports(
  db: Queryable,
  visible: SqlFragment,
  filters: ReportFilters,
  page: { limit: number; offset: number },
): Promise<MissingPersonReport[]> {
  const conditions = [visible];
  if (filters.status !== undefined) conditions.push(sql`missing_person_report.status = ${filters.status}`);
  if (filters.isChild !== undefined)
    conditions.push(sql`missing_person_report.is_child = ${filters.isChild}`);
  const listed = await db.query<MissingPersonReport>(sql`
    select ${columns} from tracing.missing_person_report
    where ${sql.join(conditions, ' and ')}
    order by missing_person_report.reported_on desc, missing_person_report.created_at desc, missing_person_report.id
    limit ${page.limit} offset ${page.offset}`);
  return listed.rows;
}

/** Changes the status if it is still `from` (null: it changed meanwhile). */
export async function updateReportStatus(
  tx: Queryable,
  id: string,
  change: { from: ReportStatus; to: ReportStatus; on: IsoDate },
  at: Date,
): Promise<MissingPersonReport | null> {
  const updated = await tx.query<MissingPersonReport>(sql`
    update tracing.missing_person_report as missing_person_report
    set status = ${change.to}, status_changed_on = ${change.on}, updated_at = ${at}
    where id = ${id} and status = ${change.from}
    returning ${columns}`);
  return updated.rows[0] ?? null;
}

/** Every report that can still be read, sealed, for the linkage run. */
export async function listReportsForLinkage(
  tx: Queryable,
): Promise<
  { id: string; reference: string; ownerOrganisationId: string; reportedOn: IsoDate; sealed: SealedDetails }[]
> {
  const listed = await tx.query<{
    id: string;
    reference: string;
    ownerOrganisationId: string;
    reportedOn: IsoDate;
    sealed: SealedDetails;
  }>(sql`
    select id, reference, owner_organisation_id as "ownerOrganisationId",
      to_char(reported_on, 'YYYY-MM-DD') as "reportedOn", details as sealed
    from tracing.missing_person_report where details is not null order by id`);
  return listed.rows;
}

/** How many reports the register holds (the demo seeds only an empty register). */
export async function countReports(db: Queryable): Promise<number> {
  const counted = await db.query<{ count: number }>(
    sql`select count(*)::int as count from tracing.missing_person_report`,
  );
  return counted.rows[0]?.count ?? 0;
}
