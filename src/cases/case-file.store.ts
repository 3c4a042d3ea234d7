import type { Queryable } from '../db/database.js';
import { type SqlFragment, sql } from '../db/sql.js';
import type { IsoDate } from '../kernel/dates.js';
import type { CaseEvent } from './case-events.js';
import type { CaseSettings } from './case-settings.js';
import { type Deadline, type DeadlineKind, deadlinesOf } from './deadlines.js';
import {
  type CaseEventRefusal,
  type CaseStage,
  type CaseState,
  decideCaseEvent,
  foldCaseEvents,
} from './lifecycle.js';

/** The only code that touches cases.case_file, cases.case_event and cases.deadline. */

export type CaseFile = {
  id: string;
  reference: string;
  personId: string;
  ownerOrganisationId: string;
  stage: CaseStage;
  presumedChild: boolean;
  openedOn: IsoDate;
  closedOn: IsoDate | null;
  eventCount: number;
  createdAt: Date;
  updatedAt: Date;
  /** The organisations holding an accepted referral of the case: what `hasAcceptedReferral` reads. */
  acceptedReferralOrganisationIds: string[];
  /** The officer designated for the restricted notice in force on the case; null: not restricted. */
  restrictedNoticeOfficerId: string | null;
  restrictedNoticeFlaggedOn: IsoDate | null;
  /** Organisations an officer granted access to (in force or expired: categories check the dates). */
  restrictedGrantOrganisationIds: string[];
};

export type RecordedCaseEvent = {
  seq: number;
  event: CaseEvent;
  recordedAt: Date;
  recordedBy: string;
  recordedByOrganisationId: string | null;
};

export type StoredDeadline = {
  caseId: string;
  caseReference: string;
  kind: DeadlineKind;
  about: string;
  dueOn: IsoDate;
  reason: string;
};

const columns = sql`case_file.id, case_file.reference, case_file.person_id as "personId",
  case_file.owner_organisation_id as "ownerOrganisationId", case_file.stage,
  case_file.presumed_child as "presumedChild", to_char(case_file.opened_on, 'YYYY-MM-DD') as "openedOn",
  to_char(case_file.closed_on, 'YYYY-MM-DD') as "closedOn", case_file.event_count as "eventCount",
  case_file.created_at as "createdAt", case_file.updated_at as "updatedAt",
  array(select referral.to_organisation_id from cases.referral
        where referral.case_id = case_file.id and referral.status = 'accepted'
        order by referral.to_organisation_id) as "acceptedReferralOrganisationIds",
  (select notice.designated_officer_id from cases.restricted_notice notice
   where notice.case_id = case_file.id and notice.lifted_on is null) as "restrictedNoticeOfficerId",
  (select to_char(notice.flagged_on, 'YYYY-MM-DD') from cases.restricted_notice notice
   where notice.case_id = case_file.id and notice.lifted_on is null) as "restrictedNoticeFlaggedOn",
  array(select distinct grant_.organisation_id from cases.restricted_access_grant grant_
        join cases.restricted_notice notice on notice.id = grant_.notice_id
        where notice.case_id = case_file.id and notice.lifted_on is null
        order by grant_.organisation_id) as "restrictedGrantOrganisationIds"`;

/** Inserts an empty case file (stage `detected`, no events); null when the reference is taken. */
export async function insertCaseFile(
  tx: Queryable,
  caseFile: {
    id: string;
    reference: string;
    personId: string;
    ownerOrganisationId: string;
    openedOn: IsoDate;
  },
  at: Date,
): Promise<CaseFile | null> {
  const inserted = await tx.query<CaseFile>(sql`
    insert into cases.case_file as case_file
      (id, reference, person_id, owner_organisation_id, stage, presumed_child, opened_on, event_count,
       created_at, updated_at)
    values (${caseFile.id}, ${caseFile.reference}, ${caseFile.personId}, ${caseFile.ownerOrganisationId},
            'detected', false, ${caseFile.openedOn}, 0, ${at}, ${at})
    on conflict (reference) do nothing
    returning ${columns}`);
  return inserted.rows[0] ?? null;
}

export async function findCaseFile(
  db: Queryable,
  id: string,
  visible: SqlFragment = sql.true,
): Promise<CaseFile | null> {
  const found = await db.query<CaseFile>(
    sql`select ${columns} from cases.case_file where case_file.id = ${id} and ${visible}`,
  );
  return found.rows[0] ?? null;
}

export type CaseFileFilters = { stage?: CaseStage; presumedChild?: boolean };

export type CaseFileSummary = CaseFile & {
  nextDeadline: { kind: DeadlineKind; dueOn: IsoDate; reason: string } | null;
};

/** Visible case files, newest first; filtered in SQL before limit and offset. */
export async function listCaseFiles(
  db: Queryable,
  visible: SqlFragment,
  filters: CaseFileFilters,
  page: { limit: number; offset: number },
): Promise<CaseFileSummary[]> {
  const conditions = [visible];
  if (filters.stage !== undefined) conditions.push(sql`case_file.stage = ${filters.stage}`);
  if (filters.presumedChild !== undefined)
    conditions.push(sql`case_file.presumed_child = ${filters.presumedChild}`);
  const listed = await db.query<
    CaseFile & { nextKind: DeadlineKind | null; nextDueOn: IsoDate | null; nextReason: string | null }
  >(sql`
    select ${columns}, next.kind as "nextKind", to_char(next.due_on, 'YYYY-MM-DD') as "nextDueOn",
      next.reason as "nextReason"
    from cases.case_file
    left join lateral (
      select kind, due_on, reason from cases.deadline
      where deadline.case_id = case_file.id order by due_on, kind limit 1
    ) next on true
    where ${sql.join(conditions, ' and ')}
    order by case_file.opened_on desc, case_file.created_at desc, case_file.id
    limit ${page.limit} offset ${page.offset}`);
  return listed.rows.map(({ nextKind, nextDueOn, nextReason, ...caseFile }) => ({
    ...caseFile,
    nextDeadline:
      nextKind === null || nextDueOn === null
        ? null
        : { kind: nextKind, dueOn: nextDueOn, reason: nextReason ?? '' },
  }));
}

/** A case's events in the order they were appended. */
export async function listCaseEvents(db: Queryable, caseId: string): Promise<RecordedCaseEvent[]> {
  const listed = await db.query<RecordedCaseEvent>(sql`
    select seq, payload as event, recorded_at as "recordedAt", recorded_by as "recordedBy",
      recorded_by_organisation_id as "recordedByOrganisationId"
    from cases.case_event where case_id = ${caseId} order by seq`);
  return listed.rows;
}

export type CaseEventAppend = {
  caseId: string;
  event: CaseEvent;
  recordedBy: string;
  recordedByOrganisationId: string | null;
  at: Date;
  today: IsoDate;
  settings: CaseSettings;
};

export type CaseEventAppendOutcome =
  | { outcome: 'accept'; seq: number; event: CaseEvent; state: CaseState; deadlines: Deadline[] }
  | { outcome: 'refuse'; refusal: CaseEventRefusal }
  | { outcome: 'not-found' };

/**
 * Appends one event if the case's state machine accepts it, and rewrites the projections (stage,
 * deadlines) in the same transaction. The case file row is locked first, so two appends to one
 * case run one after the other, each deciding on the events the other committed: none is lost.
 */
export async function appendCaseEvent(
  tx: Queryable,
  append: CaseEventAppend,
): Promise<CaseEventAppendOutcome> {
  const locked = await tx.query<{ ownerOrganisationId: string; eventCount: number }>(sql`
    select owner_organisation_id as "ownerOrganisationId", event_count as "eventCount"
    from cases.case_file where id = ${append.caseId} for update`);
  const caseFile = locked.rows[0];
  if (!caseFile) return { outcome: 'not-found' };
  const history = await listCaseEvents(tx, append.caseId);
  const state = foldCaseEvents(
    history.map((recorded) => recorded.event),
    append.settings,
  );
  const decision = decideCaseEvent(state, append.event, append.settings, append.today);
  if (decision.outcome === 'refuse') return decision;
  const seq = history.length + 1;
  await tx.query(sql`
    insert into cases.case_event
      (case_id, seq, type, occurred_on, recorded_at, recorded_by, recorded_by_organisation_id, payload)
    values (${append.caseId}, ${seq}, ${decision.event.type}, ${decision.event.occurredOn}, ${append.at},
            ${append.recordedBy}, ${append.recordedByOrganisationId}, ${JSON.stringify(decision.event)}::jsonb)`);
  const next = decision.state;
  await tx.query(sql`
    update cases.case_file set stage = ${next.stage}, presumed_child = ${next.child.presumedChild},
      event_count = ${seq}, closed_on = ${next.closed?.closedOn ?? null}, updated_at = ${append.at}
    where id = ${append.caseId}`);
  const deadlines = deadlinesOf(next, append.settings, append.today);
  await replaceDeadlines(tx, append.caseId, caseFile.ownerOrganisationId, deadlines);
  return { outcome: 'accept', seq, event: decision.event, state: next, deadlines };
}

/** The deadlines an organisation must act on, the earliest first, at most `limit`. */
export async function listDeadlinesOf(
  db: Queryable,
  organisationId: string,
  limit: number,
): Promise<StoredDeadline[]> {
  const listed = await db.query<StoredDeadline>(sql`
    select deadline.case_id as "caseId", case_file.reference as "caseReference", deadline.kind,
      deadline.about, to_char(deadline.due_on, 'YYYY-MM-DD') as "dueOn", deadline.reason
    from cases.deadline join cases.case_file on case_file.id = deadline.case_id
    where deadline.organisation_id = ${organisationId}
    order by deadline.due_on, deadline.kind, deadline.case_id
    limit ${limit}`);
  return listed.rows;
}

/** Locks a case file for the rest of the transaction (as an append does): decisions on it queue. */
export async function lockCaseFile(tx: Queryable, id: string): Promise<boolean> {
  const locked = await tx.query(sql`select 1 from cases.case_file where id = ${id} for update`);
  return locked.rows.length > 0;
}

/**
 * People housed now per accommodation provider: safe-accommodation services started and not ended,
 * in cases that are not closed. The state machine refuses a second start or an end without a start
 * (lifecycle.ts), so starts minus ends is the count.
 */
export async function countHousedByProvider(db: Queryable): Promise<Map<string, number>> {
  const counted = await db.query<{ providerOrganisationId: string; housed: number }>(sql`
    select event.payload->>'providerOrganisationId' as "providerOrganisationId",
      sum(case when event.payload->>'type' = 'service_started' then 1 else -1 end)::int as housed
    from cases.case_event event
    join cases.case_file case_file on case_file.id = event.case_id
    where event.payload->>'serviceKind' = 'safe_accommodation'
      and event.payload->>'type' in ('service_started', 'service_ended')
      and case_file.stage <> 'closed'
    group by 1`);
  return new Map(counted.rows.map((row) => [row.providerOrganisationId, row.housed]));
}

/**
 * Appends a run of events to a case that has none but its identification, for imports and the
 * synthetic demo: each event is decided by the state machine in memory, in order, and the accepted
 * ones are written in one statement, with the projections once. Stops at the first refusal.
 */
export async function appendDecidedRun(
  tx: Queryable,
  run: {
    caseId: string;
    ownerOrganisationId: string;
    state: CaseState;
    events: readonly CaseEvent[];
    recordedBy: string;
    recordedByOrganisationId: string | null;
    at: Date;
    today: IsoDate;
    settings: CaseSettings;
    /** The case's events so far (1 after opening). */
    eventCount: number;
  },
): Promise<number> {
  let state = run.state;
  const accepted: CaseEvent[] = [];
  for (const event of run.events) {
    const decision = decideCaseEvent(state, event, run.settings, run.today);
    if (decision.outcome === 'refuse') break;
    accepted.push(decision.event);
    state = decision.state;
  }
  if (accepted.length === 0) return 0;
  const rows = accepted.map(
    (event, index) => sql`(${run.caseId}, ${run.eventCount + index + 1}, ${event.type}, ${event.occurredOn},
      ${run.at}, ${run.recordedBy}, ${run.recordedByOrganisationId}, ${JSON.stringify(event)}::jsonb)`,
  );
  await tx.query(sql`
    insert into cases.case_event
      (case_id, seq, type, occurred_on, recorded_at, recorded_by, recorded_by_organisation_id, payload)
    values ${sql.join(rows)}`);
  const eventCount = run.eventCount + accepted.length;
  await tx.query(sql`
    update cases.case_file set stage = ${state.stage}, presumed_child = ${state.child.presumedChild},
      event_count = ${eventCount}, closed_on = ${state.closed?.closedOn ?? null}, updated_at = ${run.at}
    where id = ${run.caseId}`);
  await replaceDeadlines(
    tx,
    run.caseId,
    run.ownerOrganisationId,
    deadlinesOf(state, run.settings, run.today),
  );
  return accepted.length;
}

/**
 * Every case's person, for record linkage inside the installation (tracing): references and ids
 * only. A case under a restricted notice in force is left out: it is known by number only, and its
 * designated officer alone decides who learns more (002 l. 827).
 */
export async function listCasePersonsForLinkage(
  db: Queryable,
): Promise<{ caseId: string; caseReference: string; ownerOrganisationId: string; personId: string }[]> {
  const listed = await db.query<{
    caseId: string;
    caseReference: string;
    ownerOrganisationId: string;
    personId: string;
  }>(sql`
    select case_file.id as "caseId", case_file.reference as "caseReference",
      case_file.owner_organisation_id as "ownerOrganisationId", case_file.person_id as "personId"
    from cases.case_file
    where not exists (select 1 from cases.restricted_notice notice
                      where notice.case_id = case_file.id and notice.lifted_on is null)
    order by case_file.id`);
  return listed.rows;
}

/** The deadlines projection of a case: replaced as a whole, in one insert. */
async function replaceDeadlines(
  tx: Queryable,
  caseId: string,
  ownerOrganisationId: string,
  deadlines: readonly Deadline[],
): Promise<void> {
  await tx.query(sql`delete from cases.deadline where case_id = ${caseId}`);
  if (deadlines.length === 0) return;
  await tx.query(sql`
    insert into cases.deadline (case_id, kind, about, due_on, reason, organisation_id)
    values ${sql.join(
      deadlines.map(
        (
          deadline,
        ) => sql`(${caseId}, ${deadline.kind}, ${deadline.about}, ${deadline.dueOn}, ${deadline.reason},
          ${deadline.organisationId ?? ownerOrganisationId})`,
      ),
    )}`);
}
