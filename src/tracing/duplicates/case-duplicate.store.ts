import type { Queryable } from '../../db/database.js';
import { type SqlFragment, sql } from '../../db/sql.js';
import { newId } from '../../kernel/ids.js';
import type { CasePair, DuplicateCandidate } from './case-duplicates.js';

/** The only code that touches tracing.case_duplicate_candidate, _link and _run. */

export type DuplicateStatus = 'open' | 'confirmed' | 'rejected';

export type CaseDuplicateCandidate = {
  id: string;
  leftCaseId: string;
  leftCaseReference: string;
  leftOwnerOrganisationId: string;
  rightCaseId: string;
  rightCaseReference: string;
  rightOwnerOrganisationId: string;
  probability: number;
  matchWeight: number;
  comparison: { swapped: boolean; fields: { field: string; level: string; weight: number }[] };
  status: DuplicateStatus;
  proposedAt: Date;
  decidedAt: Date | null;
  decidedBy: string | null;
  decidedByOrganisationId: string | null;
  decisionReason: string | null;
};

// Unaliased: the permission conditions' SQL names the table (tracing.case_duplicate_candidate.…).
const columns = sql`case_duplicate_candidate.id,
  case_duplicate_candidate.left_case_id as "leftCaseId",
  case_duplicate_candidate.left_case_reference as "leftCaseReference",
  case_duplicate_candidate.left_owner_organisation_id as "leftOwnerOrganisationId",
  case_duplicate_candidate.right_case_id as "rightCaseId",
  case_duplicate_candidate.right_case_reference as "rightCaseReference",
  case_duplicate_candidate.right_owner_organisation_id as "rightOwnerOrganisationId",
  case_duplicate_candidate.probability, case_duplicate_candidate.match_weight as "matchWeight",
  case_duplicate_candidate.comparison, case_duplicate_candidate.status,
  case_duplicate_candidate.proposed_at as "proposedAt", case_duplicate_candidate.decided_at as "decidedAt",
  case_duplicate_candidate.decided_by as "decidedBy",
  case_duplicate_candidate.decided_by_organisation_id as "decidedByOrganisationId",
  case_duplicate_candidate.decision_reason as "decisionReason"`;

export type RecordedDuplicates = { proposed: number; rescored: number; leftDecided: number };

/**
 * Stores a run's candidates. A new pair is proposed; an open pair gets its new score (and the
 * cases' current owners, should a case have been transferred); a confirmed or rejected pair is left
 * exactly as it was, so a re-run never proposes a decided pair again.
 */
export async function recordDuplicateCandidates(
  tx: Queryable,
  candidates: readonly DuplicateCandidate[],
  at: Date,
): Promise<RecordedDuplicates> {
  const outcome: RecordedDuplicates = { proposed: 0, rescored: 0, leftDecided: 0 };
  for (const candidate of candidates) {
    const comparison = JSON.stringify({ swapped: candidate.namesSwapped, fields: candidate.comparison });
    const written = await tx.query<{ inserted: boolean }>(sql`
      insert into tracing.case_duplicate_candidate as case_duplicate_candidate
        (id, left_case_id, left_case_reference, left_owner_organisation_id, right_case_id,
         right_case_reference, right_owner_organisation_id, probability, match_weight, comparison, status,
         proposed_at, scored_at)
      values (${newId()}, ${candidate.leftCaseId}, ${candidate.left.caseReference},
        ${candidate.left.ownerOrganisationId}, ${candidate.rightCaseId}, ${candidate.right.caseReference},
        ${candidate.right.ownerOrganisationId}, ${candidate.probability}, ${candidate.matchWeight},
        ${comparison}::jsonb, 'open', ${at}, ${at})
      on conflict (left_case_id, right_case_id)
      do update set probability = excluded.probability, match_weight = excluded.match_weight,
        comparison = excluded.comparison, scored_at = excluded.scored_at,
        left_owner_organisation_id = excluded.left_owner_organisation_id,
        right_owner_organisation_id = excluded.right_owner_organisation_id
        where case_duplicate_candidate.status = 'open'
      returning (xmax = 0) as inserted`);
    const row = written.rows[0];
    if (row === undefined) outcome.leftDecided += 1;
    else if (row.inserted) outcome.proposed += 1;
    else outcome.rescored += 1;
  }
  return outcome;
}

export async function findDuplicateCandidate(
  db: Queryable,
  id: string,
  visible: SqlFragment = sql.true,
): Promise<CaseDuplicateCandidate | null> {
  const found = await db.query<CaseDuplicateCandidate>(sql`
    select ${columns} from tracing.case_duplicate_candidate
    where case_duplicate_candidate.id = ${id} and ${visible}`);
  return found.rows[0] ?? null;
}

/** Visible candidates of a status, most probable first; filtered in SQL before limit and offset. */
export async function listDuplicateCandidates(
  db: Queryable,
  visible: SqlFragment,
  status: DuplicateStatus,
  page: { limit: number; offset: number },
): Promise<CaseDuplicateCandidate[]> {
  const listed = await db.query<CaseDuplicateCandidate>(sql`
    select ${columns} from tracing.case_duplicate_candidate
    where case_duplicate_candidate.status = ${status} and ${visible}
    order by case_duplicate_candidate.probability desc, case_duplicate_candidate.proposed_at,
      case_duplicate_candidate.id
    limit ${page.limit} offset ${page.offset}`);
  return listed.rows;
}

/** Records the reviewer's decision if the candidate is still open (null: someone decided first). */
export async function decideDuplicateCandidate(
  tx: Queryable,
  id: string,
  decision: { status: 'confirmed' | 'rejected'; by: string; byOrganisationId: string; reason: string },
  at: Date,
): Promise<CaseDuplicateCandidate | null> {
  const updated = await tx.query<{ id: string }>(sql`
    update tracing.case_duplicate_candidate
    set status = ${decision.status}, decided_at = ${at}, decided_by = ${decision.by},
      decided_by_organisation_id = ${decision.byOrganisationId},
      decision_reason = ${decision.reason}
    where id = ${id} and status = 'open'
    returning id`);
  if (!updated.rows[0]) return null;
  return findDuplicateCandidate(tx, id);
}

/** Links the two cases of a confirmed candidate as the same person; neither case is changed. */
export async function insertDuplicateLink(
  tx: Queryable,
  candidate: Pick<CaseDuplicateCandidate, 'id' | 'leftCaseId' | 'rightCaseId'>,
  linkedBy: string,
  at: Date,
): Promise<void> {
  await tx.query(sql`
    insert into tracing.case_duplicate_link (candidate_id, left_case_id, right_case_id, linked_at, linked_by)
    values (${candidate.id}, ${candidate.leftCaseId}, ${candidate.rightCaseId}, ${at}, ${linkedBy})`);
}

/** Every confirmed link, as pairs of case ids (no identity, no reference). */
export async function listDuplicateLinks(db: Queryable): Promise<CasePair[]> {
  const listed = await db.query<CasePair>(sql`
    select left_case_id as "leftCaseId", right_case_id as "rightCaseId" from tracing.case_duplicate_link`);
  return listed.rows;
}

/** How many candidates are in each status. */
export async function countDuplicateCandidates(db: Queryable): Promise<Record<DuplicateStatus, number>> {
  const counted = await db.query<{ status: DuplicateStatus; count: number }>(sql`
    select status, count(*)::int as count from tracing.case_duplicate_candidate group by status`);
  const counts: Record<DuplicateStatus, number> = { open: 0, confirmed: 0, rejected: 0 };
  for (const row of counted.rows) counts[row.status] = row.count;
  return counts;
}

export type DuplicateRun = {
  id: string;
  startedAt: Date;
  startedBy: string;
  cases: number;
  unreadable: number;
  compared: number;
  proposed: number;
  rescored: number;
  leftDecided: number;
  milliseconds: number;
};

export async function insertDuplicateRun(
  tx: Queryable,
  run: Omit<DuplicateRun, 'id'>,
): Promise<DuplicateRun> {
  const id = newId();
  await tx.query(sql`
    insert into tracing.case_duplicate_run
      (id, started_at, started_by, cases, unreadable, compared, proposed, rescored, left_decided, milliseconds)
    values (${id}, ${run.startedAt}, ${run.startedBy}, ${run.cases}, ${run.unreadable}, ${run.compared},
      ${run.proposed}, ${run.rescored}, ${run.leftDecided}, ${run.milliseconds})`);
  return { id, ...run };
}

export async function findLastDuplicateRun(db: Queryable): Promise<DuplicateRun | null> {
  const found = await db.query<DuplicateRun>(sql`
    select id, started_at as "startedAt", started_by as "startedBy", cases, unreadable, compared, proposed,
      rescored, left_decided as "leftDecided", milliseconds
    from tracing.case_duplicate_run order by started_at desc, id limit 1`);
  return found.rows[0] ?? null;
}
