import type { Queryable } from '../db/database.js';
import { type SqlFragment, sql } from '../db/sql.js';
import type { IsoDate } from '../kernel/dates.js';
import { builtinQuestionnaireSets } from './builtin-sets.js';
import type { ContactPointHours, OpeningHours } from './contact-point.js';
import type { AnonymousIntake, IntakeChannel, RecordedScreening } from './intake.js';
import { QuestionnaireSet, type ScreenedForm } from './questionnaire.js';
import type { ScreenedAs, ScreeningAnswers, ScreeningResult } from './screening.js';

/** The only code that touches the identification schema's tables. */

// --- Questionnaire sets ---------------------------------------------------------------------

export type PublishedSet = {
  set: QuestionnaireSet;
  builtin: boolean;
  publishedAt: Date;
  publishedBy: string;
};

/**
 * Seeds the built-in sets at boot. Idempotent: a version already stored is left as it is (versions
 * are immutable), so restarting, or two processes booting at once, never changes anything.
 */
export async function seedBuiltinSets(db: Queryable, at: Date): Promise<void> {
  for (const set of builtinQuestionnaireSets)
    await db.query(sql`
      insert into identification.questionnaire_set (id, version, audience, definition, builtin, published_at, published_by)
      values (${set.id}, ${set.version}, ${set.audience}, ${JSON.stringify(set)}::jsonb, true, ${at}, 'palermo')
      on conflict (id, version) do nothing`);
}

type SetRow = { definition: unknown; builtin: boolean; publishedAt: Date; publishedBy: string };
const toPublished = (row: SetRow): PublishedSet => ({
  set: QuestionnaireSet.parse(row.definition),
  builtin: row.builtin,
  publishedAt: row.publishedAt,
  publishedBy: row.publishedBy,
});
const setColumns = sql`definition, builtin, published_at as "publishedAt", published_by as "publishedBy"`;

/** Every version of every set, oldest version first within a set. */
export async function listQuestionnaireSets(db: Queryable): Promise<PublishedSet[]> {
  const listed = await db.query<SetRow>(
    sql`select ${setColumns} from identification.questionnaire_set order by id, version`,
  );
  return listed.rows.map(toPublished);
}

export async function findQuestionnaireSet(
  db: Queryable,
  id: string,
  version: number,
): Promise<PublishedSet | null> {
  const found = await db.query<SetRow>(sql`
    select ${setColumns} from identification.questionnaire_set where id = ${id} and version = ${version}`);
  return found.rows[0] ? toPublished(found.rows[0]) : null;
}

/** The latest version number of a set; null when no version was ever published. */
export async function findLatestVersion(db: Queryable, id: string): Promise<number | null> {
  const found = await db.query<{ latest: number | null }>(
    sql`select max(version) as latest from identification.questionnaire_set where id = ${id}`,
  );
  return found.rows[0]?.latest ?? null;
}

/** Publishes a version; false when that version exists already (a race, or a replay). */
export async function insertQuestionnaireSet(
  tx: Queryable,
  set: QuestionnaireSet,
  publishedBy: string,
  at: Date,
): Promise<boolean> {
  const inserted = await tx.query(sql`
    insert into identification.questionnaire_set (id, version, audience, definition, builtin, published_at, published_by)
    values (${set.id}, ${set.version}, ${set.audience}, ${JSON.stringify(set)}::jsonb, false, ${at}, ${publishedBy})
    on conflict (id, version) do nothing`);
  return inserted.rowCount === 1;
}

// --- Intakes --------------------------------------------------------------------------------

export type StoredIntake = Omit<AnonymousIntake, 'screenings'> & {
  screenings: readonly StoredScreening[];
  selfIdentified: boolean;
  monthsInCountry: number | null;
  recordedAt: Date;
  latestResult: ScreeningResult | null;
};

type IntakeRow = Omit<StoredIntake, 'screenings' | 'conversion'> & {
  caseId: string | null;
  convertedOn: IsoDate | null;
  screeningCount: number;
};

const intakeColumns = sql`intake.id, intake.channel, intake.receiving_organisation_id as "receivingOrganisationId",
  to_char(intake.received_on, 'YYYY-MM-DD') as "receivedOn", intake.self_identified as "selfIdentified",
  intake.months_in_country as "monthsInCountry", intake.recorded_at as "recordedAt",
  intake.case_id as "caseId", to_char(intake.converted_on, 'YYYY-MM-DD') as "convertedOn",
  intake.latest_result as "latestResult",
  (select count(*)::int from identification.screening s where s.intake_id = intake.id) as "screeningCount"`;

export type IntakeSummary = Omit<StoredIntake, 'screenings'> & { screeningCount: number };

const toSummary = ({ caseId, convertedOn, ...row }: IntakeRow): IntakeSummary => ({
  ...row,
  conversion: caseId !== null && convertedOn !== null ? { caseId, convertedOn } : null,
});

export async function insertIntake(
  tx: Queryable,
  intake: {
    id: string;
    channel: IntakeChannel;
    receivingOrganisationId: string;
    receivedOn: IsoDate;
    selfIdentified: boolean;
    monthsInCountry: number | null;
    recordedBy: string;
  },
  at: Date,
): Promise<void> {
  await tx.query(sql`
    insert into identification.intake (id, channel, receiving_organisation_id, received_on, self_identified,
      months_in_country, recorded_by, recorded_at)
    values (${intake.id}, ${intake.channel}, ${intake.receivingOrganisationId}, ${intake.receivedOn},
      ${intake.selfIdentified}, ${intake.monthsInCountry}, ${intake.recordedBy}, ${at})`);
}

/** An intake with its screenings, if it exists and `visible` lets the actor see it. */
export async function findIntake(
  db: Queryable,
  id: string,
  visible: SqlFragment = sql.true,
  options: { forUpdate?: boolean } = {},
): Promise<StoredIntake | null> {
  const found = await db.query<IntakeRow>(sql`
    select ${intakeColumns} from identification.intake
    where intake.id = ${id} and ${visible} ${options.forUpdate ? sql`for update` : sql``}`);
  const row = found.rows[0];
  if (!row) return null;
  const { screeningCount: _count, ...summary } = toSummary(row);
  return { ...summary, screenings: await listScreenings(db, id) };
}

export type IntakeFilters = {
  channel?: IntakeChannel;
  result?: ScreeningResult | 'not_screened';
  receivedFrom?: IsoDate;
  receivedTo?: IsoDate;
  converted?: boolean;
};

/** Intakes the actor may see, filtered in SQL before the page is cut. Newest first. */
export async function listIntakes(
  db: Queryable,
  visible: SqlFragment,
  filters: IntakeFilters,
  page: { limit: number; offset: number },
): Promise<IntakeSummary[]> {
  const conditions = [visible];
  if (filters.channel !== undefined) conditions.push(sql`intake.channel = ${filters.channel}`);
  if (filters.result === 'not_screened') conditions.push(sql`intake.latest_result is null`);
  else if (filters.result !== undefined) conditions.push(sql`intake.latest_result = ${filters.result}`);
  if (filters.receivedFrom !== undefined) conditions.push(sql`intake.received_on >= ${filters.receivedFrom}`);
  if (filters.receivedTo !== undefined) conditions.push(sql`intake.received_on <= ${filters.receivedTo}`);
  if (filters.converted !== undefined)
    conditions.push(filters.converted ? sql`intake.case_id is not null` : sql`intake.case_id is null`);
  const listed = await db.query<IntakeRow>(sql`
    select ${intakeColumns} from identification.intake
    where ${sql.join(conditions, ' and ')}
    order by intake.received_on desc, intake.recorded_at desc, intake.id
    limit ${page.limit} offset ${page.offset}`);
  return listed.rows.map(toSummary);
}

export type StoredScreening = RecordedScreening & { seq: number; recordedBy: string; recordedAt: Date };

export async function listScreenings(db: Queryable, intakeId: string): Promise<StoredScreening[]> {
  const listed = await db.query<{
    seq: number;
    setId: string;
    setVersion: number;
    screenedOn: IsoDate;
    answers: ScreeningAnswers['answers'];
    result: ScreeningResult;
    screenedAs: ScreenedAs;
    forms: ScreenedForm[];
    recordedBy: string;
    recordedAt: Date;
  }>(sql`
    select seq, set_id as "setId", set_version as "setVersion", to_char(screened_on, 'YYYY-MM-DD') as "screenedOn",
      answers, result, screened_as as "screenedAs", forms, recorded_by as "recordedBy", recorded_at as "recordedAt"
    from identification.screening where intake_id = ${intakeId} order by seq`);
  return listed.rows.map(({ setId, setVersion, answers, ...screening }) => ({
    ...screening,
    answers: { setId, setVersion, answers },
  }));
}

/** Appends a screening (the intake row is locked by the caller) and keeps the latest result. */
export async function appendScreening(
  tx: Queryable,
  intakeId: string,
  screening: RecordedScreening,
  recordedBy: string,
  at: Date,
): Promise<number> {
  const appended = await tx.query<{ seq: number }>(sql`
    insert into identification.screening (intake_id, seq, set_id, set_version, screened_on, answers, result,
      screened_as, forms, recorded_by, recorded_at)
    select ${intakeId}, coalesce(max(seq), 0) + 1, ${screening.answers.setId}, ${screening.answers.setVersion},
      ${screening.screenedOn}, ${JSON.stringify(screening.answers.answers)}::jsonb, ${screening.result},
      ${screening.screenedAs}, ${JSON.stringify(screening.forms)}::jsonb, ${recordedBy}, ${at}
    from identification.screening where intake_id = ${intakeId}
    returning seq`);
  await tx.query(
    sql`update identification.intake set latest_result = ${screening.result} where id = ${intakeId}`,
  );
  return appended.rows[0]!.seq;
}

/** Marks the intake converted, once; false when another request converted it first. */
export async function markIntakeConverted(
  tx: Queryable,
  intakeId: string,
  conversion: { caseId: string; convertedOn: IsoDate; convertedBy: string },
): Promise<boolean> {
  const updated = await tx.query(sql`
    update identification.intake
    set case_id = ${conversion.caseId}, converted_on = ${conversion.convertedOn}, converted_by = ${conversion.convertedBy}
    where id = ${intakeId} and case_id is null`);
  return updated.rowCount === 1;
}

// --- Contact points -------------------------------------------------------------------------

export type ContactPoint = ContactPointHours & {
  id: string;
  organisationId: string;
  name: string;
  phone: string | null;
  email: string | null;
  languages: string[];
  public: boolean;
};

const contactPointColumns = sql`id, organisation_id as "organisationId", name, phone, email, languages,
  always_open as "alwaysOpen", weekly_hours as "weeklyHours", public`;

export async function insertContactPoint(tx: Queryable, contactPoint: ContactPoint, at: Date): Promise<void> {
  await tx.query(sql`
    insert into identification.contact_point (id, organisation_id, name, phone, email, languages, always_open,
      weekly_hours, public, created_at, updated_at)
    values (${contactPoint.id}, ${contactPoint.organisationId}, ${contactPoint.name}, ${contactPoint.phone},
      ${contactPoint.email}, ${JSON.stringify(contactPoint.languages)}::jsonb, ${contactPoint.alwaysOpen},
      ${JSON.stringify(contactPoint.weeklyHours)}::jsonb, ${contactPoint.public}, ${at}, ${at})`);
}

/** The contact points in service (not retired), 24/7 ones first. */
export async function listContactPoints(
  db: Queryable,
  filters: { publicOnly?: boolean; organisationId?: string } = {},
): Promise<ContactPoint[]> {
  const conditions = [sql`retired_at is null`];
  if (filters.publicOnly) conditions.push(sql`public`);
  if (filters.organisationId !== undefined) conditions.push(sql`organisation_id = ${filters.organisationId}`);
  const listed = await db.query<ContactPoint & { weeklyHours: OpeningHours[] }>(sql`
    select ${contactPointColumns} from identification.contact_point
    where ${sql.join(conditions, ' and ')} order by always_open desc, name, id`);
  return listed.rows;
}

export type StoredContactPoint = ContactPoint & { retiredAt: Date | null };

/** One contact point, retired or not; `forUpdate` locks it for a change. */
export async function findContactPoint(
  db: Queryable,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<StoredContactPoint | null> {
  const found = await db.query<StoredContactPoint>(sql`
    select ${contactPointColumns}, retired_at as "retiredAt" from identification.contact_point
    where id = ${id} ${options.forUpdate ? sql`for update` : sql``}`);
  return found.rows[0] ?? null;
}

/** Replaces what can change on a contact point in service; its organisation never changes. */
export async function updateContactPoint(tx: Queryable, contactPoint: ContactPoint, at: Date): Promise<void> {
  await tx.query(sql`
    update identification.contact_point
    set name = ${contactPoint.name}, phone = ${contactPoint.phone}, email = ${contactPoint.email},
      languages = ${JSON.stringify(contactPoint.languages)}::jsonb, always_open = ${contactPoint.alwaysOpen},
      weekly_hours = ${JSON.stringify(contactPoint.weeklyHours)}::jsonb, public = ${contactPoint.public},
      updated_at = ${at}
    where id = ${contactPoint.id} and retired_at is null`);
}

/** Retires a contact point, once: the row stays for history; false when it was retired already. */
export async function retireContactPoint(
  tx: Queryable,
  id: string,
  retiredBy: string,
  at: Date,
): Promise<boolean> {
  const retired = await tx.query(sql`
    update identification.contact_point set retired_at = ${at}, retired_by = ${retiredBy}, updated_at = ${at}
    where id = ${id} and retired_at is null`);
  return retired.rowCount === 1;
}

// --- Statistics -----------------------------------------------------------------------------

export type IdentificationRow = {
  receivingOrganisationId: string;
  channel: IntakeChannel;
  selfIdentified: boolean;
  monthsInCountry: number | null;
  converted: boolean;
};

/**
 * The intakes that count as identifications in a period: the latest screening found a presumed
 * victim, or a case was opened from the intake (also on professional judgement). Anonymous
 * intakes count; the statistics capability de-duplicates persons and applies disclosure control.
 */
export async function listIdentifications(
  db: Queryable,
  period: { from: IsoDate; to: IsoDate },
): Promise<IdentificationRow[]> {
  const listed = await db.query<IdentificationRow>(sql`
    select receiving_organisation_id as "receivingOrganisationId", channel, self_identified as "selfIdentified",
      months_in_country as "monthsInCountry", case_id is not null as converted
    from identification.intake
    where received_on between ${period.from} and ${period.to}
      and (latest_result = 'presumed_victim' or case_id is not null)`);
  return listed.rows;
}
