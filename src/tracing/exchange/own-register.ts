/**
 * This installation's open missing-person reports as Bloom-filter encodings (issue 5 acceptance
 * 4; docs/decisions/0025): the details are opened inside the installation, encoded under the
 * secret the partner countries share, and only the encodings leave, under the report's reference
 * (M-XXXX-XXXX, random, never a name) as the pseudonymous record number.
 */
import type { Queryable } from '../../db/database.js';
import { sql } from '../../db/sql.js';
import type { IsoDate } from '../../kernel/dates.js';
import type { Keyring } from '../../security/keyring.js';
import type { EncodingSchema } from '../bloom-encoding.js';
import type { PersonRecord } from '../fellegi-sunter.js';
import { type ClkFile, headerFor } from '../pprl-file.js';
import { encodePersons, pprlEncodingSchema } from '../pprl-linkage.js';
import { factsOfReport } from '../register/candidate-search.store.js';
import { linkageRecords } from '../register/linkage.js';
import { openDetails, type SealedDetails } from '../register/missing-person-report.store.js';

/**
 * One record per open report: its first written name (original script when given; the encoding
 * transliterates, and the Daitch–Mokotoff tokens carry the other spellings, 0017/0018) and the
 * other facts. A report has one encoding so that one-to-one solving sees one record per report.
 */
export async function openReportRecords(
  db: Queryable,
  keyring: Keyring,
): Promise<{ records: PersonRecord[]; reportIds: Map<string, string> }> {
  const listed = await db.query<{
    id: string;
    reference: string;
    reportedOn: IsoDate;
    sealed: SealedDetails;
  }>(sql`
    select id, reference, to_char(reported_on, 'YYYY-MM-DD') as "reportedOn", details as sealed
    from tracing.missing_person_report
    where status = 'open' and details is not null
    order by reference`);
  const records: PersonRecord[] = [];
  const reportIds = new Map<string, string>();
  for (const row of listed.rows) {
    const details = await openDetails(db, keyring, row.id, row.sealed);
    if (details === null) continue;
    const [first] = linkageRecords(row.reference, factsOfReport(details, row.reportedOn));
    if (first === undefined) continue;
    records.push(first);
    reportIds.set(row.reference, row.id);
  }
  return { records, reportIds };
}

/** The open reports as an (unsigned) `.clk` file in memory, under `schema` and the shared secret. */
export async function encodeOpenReports(
  db: Queryable,
  keyring: Keyring,
  secret: Uint8Array,
  schema: EncodingSchema = pprlEncodingSchema,
): Promise<{ file: ClkFile; reportIds: Map<string, string> }> {
  const { records, reportIds } = await openReportRecords(db, keyring);
  const header = headerFor(schema, records.length, secret);
  return {
    file: {
      header,
      ids: records.map((record) => record.id),
      encodings: encodePersons(records, schema, secret),
    },
    reportIds,
  };
}
