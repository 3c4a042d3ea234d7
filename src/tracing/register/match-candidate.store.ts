import type { Queryable } from '../../db/database.js';
import { type SqlFragment, sql } from '../../db/sql.js';
import { newId } from '../../kernel/ids.js';
import type { CandidateScore } from './linkage.js';

/** The only code that touches tracing.match_candidate and tracing.match_link. */

export type CandidateStatus = 'open' | 'confirmed' | 'rejected';
export type OtherKind = 'report' | 'case' | 'partner';

export type MatchCandidate = {
  id: string;
  reportId: string;
  reportReference: string;
  reportOwnerOrganisationId: string;
  otherKind: OtherKind;
  otherId: string;
  otherPersonId: string | null;
  otherReference: string;
  otherOwnerOrganisationId: string;
  probability: number;
  matchWeight: number;
  comparison: { swapped: boolean; fields: { field: string; level: string; weight: number }[] };
  status: CandidateStatus;
  proposedAt: Date;
  decidedAt: Date | null;
  decidedBy: string | null;
  decisionReason: string | null;
};

const columns = sql`match_candidate.id, match_candidate.report_id as "reportId",
  (select reference from tracing.missing_person_report r where r.id = match_candidate.report_id) as "reportReference",
  match_candidate.report_owner_organisation_id as "reportOwnerOrganisationId",
  match_candidate.other_kind as "otherKind", match_candidate.other_id as "otherId",
  match_candidate.other_person_id as "otherPersonId", match_candidate.other_reference as "otherReference",
  match_candidate.other_owner_organisation_id as "otherOwnerOrganisationId",
  match_candidate.probability, match_candidate.match_weight as "matchWeight", match_candidate.comparison,
  match_candidate.status, match_candidate.proposed_at as "proposedAt", match_candidate.decided_at as "decidedAt",
  match_candidate.decided_by as "decidedBy", match_candidate.decision_reason as "decisionReason"`;

/** The other side of a candidate, as the run found it. */
export type CandidateOther = {
  kind: OtherKind;
  id: string;
  personId: string | null;
  reference: string;
  ownerOrganisationId: string;
};

export type RecordedCandidates = { proposed: number; rescored: number; leftDecided: number };

/**
 * Stores the run's candidates for a report. A new pair is proposed; an open one gets its new score;
 * a confirmed or rejected pair is left as it was, so a re-run never proposes a rejected pair again.
 */
export async function recordCandidates(
  tx: Queryable,
  report: { id: string; ownerOrganisationId: string },
  candidates: readonly CandidateScore<CandidateOther>[],
  at: Date,
): Promise<RecordedCandidates> {
  const outcome: RecordedCandidates = { proposed: 0, rescored: 0, leftDecided: 0 };
  for (const candidate of candidates) {
    const other = candidate.key;
    const comparison = JSON.stringify({ swapped: candidate.namesSwapped, fields: candidate.comparison });
    const target =
      other.kind === 'report'
        ? sql`((least(report_id, other_id)), (greatest(report_id, other_id))) where other_kind = 'report'`
        : sql`(report_id, other_id) where other_kind = 'case'`;
    const written = await tx.query<{ inserted: boolean }>(sql`
      insert into tracing.match_candidate as match_candidate
        (id, report_id, report_owner_organisation_id, other_kind, other_id, other_person_id, other_reference,
         other_owner_organisation_id, probability, match_weight, comparison, status, proposed_at, scored_at)
      values (${newId()}, ${report.id}, ${report.ownerOrganisationId}, ${other.kind}, ${other.id}, ${other.personId},
        ${other.reference}, ${other.ownerOrganisationId}, ${candidate.probability}, ${candidate.matchWeight},
        ${comparison}::jsonb, 'open', ${at}, ${at})
      on conflict ${target}
      do update set probability = excluded.probability, match_weight = excluded.match_weight,
        comparison = excluded.comparison, scored_at = excluded.scored_at
        where match_candidate.status = 'open'
      returning (xmax = 0) as inserted`);
    const row = written.rows[0];
    if (row === undefined) outcome.leftDecided += 1;
    else if (row.inserted) outcome.proposed += 1;
    else outcome.rescored += 1;
  }
  return outcome;
}

export async function findCandidate(
  db: Queryable,
  id: string,
  visible: SqlFragment = sql.true,
): Promise<MatchCandidate | null> {
  const found = await db.query<MatchCandidate>(
    sql`select ${columns} from tracing.match_candidate where match_candidate.id = ${id} and ${visible}`,
  );
  return found.rows[0] ?? null;
}

/** Visible candidates of a status, most probable first; filtered in SQL before limit and offset. */
export async function listCandidates(
  db: Queryable,
  visible: SqlFragment,
  status: CandidateStatus,
  page: { limit: number; offset: number },
): Promise<MatchCandidate[]> {
  const listed = await db.query<MatchCandidate>(sql`
    select ${columns} from tracing.match_candidate
    where match_candidate.status = ${status} and ${visible}
    order by match_candidate.probability desc, match_candidate.proposed_at, match_candidate.id
    limit ${page.limit} offset ${page.offset}`);
  return listed.rows;
}

/** The visible candidates a report takes part in, on either side, most probable first. */
export async function listCandidatesOfReport(
  db: Queryable,
  reportId: string,
  visible: SqlFragment,
): Promise<MatchCandidate[]> {
  const listed = await db.query<MatchCandidate>(sql`
    select ${columns} from tracing.match_candidate
    where (match_candidate.report_id = ${reportId}
      or (match_candidate.other_kind = 'report' and match_candidate.other_id = ${reportId}))
      and ${visible}
    order by match_candidate.status = 'open' desc, match_candidate.probability desc, match_candidate.id
    limit 200`);
  return listed.rows;
}

/** Records the reviewer's decision if the candidate is still open (null: someone decided first). */
export async function decideCandidate(
  tx: Queryable,
  id: string,
  decision: { status: 'confirmed' | 'rejected'; by: string; reason: string },
  at: Date,
): Promise<MatchCandidate | null> {
  const updated = await tx.query<{ id: string }>(sql`
    update tracing.match_candidate
    set status = ${decision.status}, decided_at = ${at}, decided_by = ${decision.by},
      decision_reason = ${decision.reason}
    where id = ${id} and status = 'open'
    returning id`);
  if (!updated.rows[0]) return null;
  return findCandidate(tx, id);
}

/** Links the report to the other report, or to the case and its person, for a confirmed candidate. */
export async function insertMatchLink(
  tx: Queryable,
  candidate: MatchCandidate,
  linkedBy: string,
  at: Date,
): Promise<void> {
  await tx.query(sql`
    insert into tracing.match_link (candidate_id, report_id, other_kind, other_id, other_person_id, linked_at, linked_by)
    values (${candidate.id}, ${candidate.reportId}, ${candidate.otherKind}, ${candidate.otherId},
      ${candidate.otherPersonId}, ${at}, ${linkedBy})`);
}

export type MatchLink = {
  candidateId: string;
  reportId: string;
  otherKind: OtherKind;
  otherId: string;
  otherPersonId: string | null;
  linkedAt: Date;
};

export async function listLinksOfReport(db: Queryable, reportId: string): Promise<MatchLink[]> {
  const listed = await db.query<MatchLink>(sql`
    select candidate_id as "candidateId", report_id as "reportId", other_kind as "otherKind", other_id as "otherId",
      other_person_id as "otherPersonId", linked_at as "linkedAt"
    from tracing.match_link
    where report_id = ${reportId} or (other_kind = 'report' and other_id = ${reportId})
    order by linked_at`);
  return listed.rows;
}

// ---- WORKAROUND (marked): reading the persons of cases --------------------------------------------

/**
 * A candidate from the exchange hub (docs/decisions/0025): one of this installation's reports and a
 * partner installation's record, known by the partner and its pseudonymous record number only.
 * `probability` holds the Sørensen–Dice similarity of the encodings; the one comparison "field" is
 * the encodings. The other side has no organisation here: the report's owner stands for it, so the
 * review rules of the report's own candidates apply unchanged. A re-upload rescores an open pair
 * and leaves a decided one as it was.
 */
export async function recordPartnerCandidate(
  tx: Queryable,
  candidate: { reportId: string; partnerId: string; partnerRecord: string; similarity: number },
  at: Date,
): Promise<'proposed' | 'rescored' | 'left-decided'> {
  const comparison = JSON.stringify({
    swapped: false,
    fields: [{ field: 'encodings', level: 'dice', weight: candidate.similarity }],
  });
  const written = await tx.query<{ inserted: boolean }>(sql`
    insert into tracing.match_candidate as match_candidate
      (id, report_id, report_owner_organisation_id, other_kind, other_id, other_person_id, other_reference,
       other_owner_organisation_id, probability, match_weight, comparison, status, proposed_at, scored_at)
    select ${newId()}, report.id, report.owner_organisation_id, 'partner', ${candidate.partnerId}, null,
      ${candidate.partnerRecord}, report.owner_organisation_id, ${candidate.similarity}, 0,
      ${comparison}::jsonb, 'open', ${at}, ${at}
    from tracing.missing_person_report report where report.id = ${candidate.reportId}
    on conflict (report_id, other_id, other_reference) where other_kind = 'partner'
    do update set probability = excluded.probability, comparison = excluded.comparison,
      scored_at = excluded.scored_at
      where match_candidate.status = 'open'
    returning (xmax = 0) as inserted`);
  const row = written.rows[0];
  if (row === undefined) return 'left-decided';
  return row.inserted ? 'proposed' : 'rescored';
}
