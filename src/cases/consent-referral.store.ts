import type { Queryable } from '../db/database.js';
import { type SqlFragment, sql } from '../db/sql.js';
import type { IsoDate } from '../kernel/dates.js';
import type { Consent, ConsentEvidence, ConsentGiver, ConsentPurpose, DataCategory } from './consent.js';
import type { Referral, ReferralStatus } from './referral.js';
import type { ServiceKind } from './vocabulary.js';

/** The only code that touches cases.consent and cases.referral. */

type ConsentRow = {
  id: string;
  caseId: string;
  givenByKind: 'person' | 'guardian';
  guardianId: string | null;
  guardianAppointedBy: string | null;
  guardianAppointedOn: IsoDate | null;
  purpose: ConsentPurpose;
  recipientOrganisationId: string | null;
  dataCategories: DataCategory[];
  givenOn: IsoDate;
  expiresOn: IsoDate | null;
  withdrawnOn: IsoDate | null;
  evidence: ConsentEvidence;
  childViewsRecorded: boolean;
};

/** A stored consent: the child's views are not kept here (only whether they were recorded). */
export type StoredConsent = Omit<Consent, 'childViews'> & { childViewsRecorded: boolean };

const consentColumns = sql`id, case_id as "caseId", given_by_kind as "givenByKind", guardian_id as "guardianId",
  guardian_appointed_by as "guardianAppointedBy",
  to_char(guardian_appointed_on, 'YYYY-MM-DD') as "guardianAppointedOn", purpose,
  recipient_organisation_id as "recipientOrganisationId", data_categories as "dataCategories",
  to_char(given_on, 'YYYY-MM-DD') as "givenOn", to_char(expires_on, 'YYYY-MM-DD') as "expiresOn",
  to_char(withdrawn_on, 'YYYY-MM-DD') as "withdrawnOn", evidence, child_views_recorded as "childViewsRecorded"`;

const toConsent = ({
  givenByKind,
  guardianId,
  guardianAppointedBy,
  guardianAppointedOn,
  ...rest
}: ConsentRow): StoredConsent => {
  const givenBy: ConsentGiver =
    givenByKind === 'guardian' && guardianId && guardianAppointedBy && guardianAppointedOn
      ? { kind: 'guardian', guardianId, appointedBy: guardianAppointedBy, appointedOn: guardianAppointedOn }
      : { kind: 'person' };
  return { ...rest, givenBy };
};

export async function insertConsent(
  tx: Queryable,
  consent: Consent,
  recorded: { at: Date; by: string },
): Promise<StoredConsent> {
  const guardian = consent.givenBy.kind === 'guardian' ? consent.givenBy : null;
  const inserted = await tx.query<ConsentRow>(sql`
    insert into cases.consent
      (id, case_id, given_by_kind, guardian_id, guardian_appointed_by, guardian_appointed_on, purpose,
       recipient_organisation_id, data_categories, given_on, expires_on, withdrawn_on, evidence,
       child_views_recorded, recorded_at, recorded_by)
    values (${consent.id}, ${consent.caseId}, ${consent.givenBy.kind}, ${guardian?.guardianId ?? null},
            ${guardian?.appointedBy ?? null}, ${guardian?.appointedOn ?? null}, ${consent.purpose},
            ${consent.recipientOrganisationId}, ${[...consent.dataCategories]}::text[], ${consent.givenOn},
            ${consent.expiresOn}, ${consent.withdrawnOn}, ${JSON.stringify(consent.evidence)}::jsonb,
            ${(consent.childViews ?? '').trim() !== ''}, ${recorded.at}, ${recorded.by})
    returning ${consentColumns}`);
  return toConsent(inserted.rows[0]!);
}

/** A case's consents, in force or not, oldest first. */
export async function listConsents(db: Queryable, caseId: string): Promise<StoredConsent[]> {
  const listed = await db.query<ConsentRow>(
    sql`select ${consentColumns} from cases.consent where case_id = ${caseId} order by given_on, recorded_at, id`,
  );
  return listed.rows.map(toConsent);
}

/** One consent of a case, locked for the rest of the transaction. */
export async function lockConsent(tx: Queryable, caseId: string, id: string): Promise<StoredConsent | null> {
  const found = await tx.query<ConsentRow>(
    sql`select ${consentColumns} from cases.consent where case_id = ${caseId} and id = ${id} for update`,
  );
  return found.rows[0] ? toConsent(found.rows[0]) : null;
}

export async function markConsentWithdrawn(tx: Queryable, id: string, withdrawnOn: IsoDate): Promise<void> {
  await tx.query(sql`update cases.consent set withdrawn_on = ${withdrawnOn} where id = ${id}`);
}

// ---------------------------------------------------------------------------------------------

export type StoredReferral = Referral & {
  consentIds: string[];
  overrideLegalBasis: string | null;
  overrideFlaggedForDpo: boolean;
  respondedOn: IsoDate | null;
  caseOwnerOrganisationId: string;
};

const referralColumns = sql`referral.id, referral.case_id as "caseId",
  referral.from_organisation_id as "fromOrganisationId", referral.to_organisation_id as "toOrganisationId",
  referral.services as "serviceKinds", referral.shared_categories as "sharedCategories", referral.status,
  to_char(referral.proposed_on, 'YYYY-MM-DD') as "proposedOn", referral.consent_ids as "consentIds",
  referral.override_legal_basis as "overrideLegalBasis",
  referral.override_flagged_for_dpo as "overrideFlaggedForDpo",
  to_char(referral.responded_on, 'YYYY-MM-DD') as "respondedOn",
  referral.case_owner_organisation_id as "caseOwnerOrganisationId"`;

export type ReferralInsert = {
  id: string;
  caseId: string;
  fromOrganisationId: string;
  toOrganisationId: string;
  services: readonly ServiceKind[];
  sharedCategories: readonly DataCategory[];
  consentIds: readonly string[];
  override: { legalBasis: string; reason: string } | null;
  proposedOn: IsoDate;
  caseOwnerOrganisationId: string;
  referredBy: string;
  at: Date;
};

export async function insertReferral(tx: Queryable, referral: ReferralInsert): Promise<StoredReferral> {
  const inserted = await tx.query<StoredReferral>(sql`
    insert into cases.referral as referral
      (id, case_id, from_organisation_id, to_organisation_id, services, shared_categories, status,
       consent_ids, override_legal_basis, override_reason, override_flagged_for_dpo, proposed_on,
       case_owner_organisation_id, referred_by, created_at, updated_at)
    values (${referral.id}, ${referral.caseId}, ${referral.fromOrganisationId}, ${referral.toOrganisationId},
            ${[...referral.services]}::text[], ${[...referral.sharedCategories]}::text[], 'proposed',
            ${[...referral.consentIds]}::uuid[], ${referral.override?.legalBasis ?? null},
            ${referral.override?.reason ?? null}, ${referral.override !== null}, ${referral.proposedOn},
            ${referral.caseOwnerOrganisationId}, ${referral.referredBy}, ${referral.at}, ${referral.at})
    returning ${referralColumns}`);
  return inserted.rows[0]!;
}

export async function listReferralsOfCase(db: Queryable, caseId: string): Promise<StoredReferral[]> {
  const listed = await db.query<StoredReferral>(
    sql`select ${referralColumns} from cases.referral where case_id = ${caseId} order by created_at, id`,
  );
  return listed.rows;
}

/** One referral, locked for the rest of the transaction. */
export async function lockReferral(tx: Queryable, id: string): Promise<StoredReferral | null> {
  const found = await tx.query<StoredReferral>(
    sql`select ${referralColumns} from cases.referral where id = ${id} for update`,
  );
  return found.rows[0] ?? null;
}

export async function updateReferralStatus(
  tx: Queryable,
  id: string,
  change: { status: ReferralStatus; respondedOn: IsoDate; reason: string | null; at: Date },
): Promise<void> {
  await tx.query(sql`
    update cases.referral set status = ${change.status}, responded_on = ${change.respondedOn},
      response_reason = ${change.reason}, updated_at = ${change.at}
    where id = ${id}`);
}

/** An accepted referral of a case to an organisation, if any: what gives it access. */
export async function findAcceptedReferral(
  db: Queryable,
  caseId: string,
  organisationId: string,
): Promise<StoredReferral | null> {
  const found = await db.query<StoredReferral>(sql`
    select ${referralColumns} from cases.referral
    where case_id = ${caseId} and to_organisation_id = ${organisationId} and status = 'accepted'
    order by created_at desc limit 1`);
  return found.rows[0] ?? null;
}

/** What the inbox shows before acceptance: no identity, no person id, the region of the referrer. */
export type InboxReferral = StoredReferral & {
  presumedChild: boolean;
  stage: string;
  caseReference: string;
};

export async function listReferralInbox(
  db: Queryable,
  filter: { organisationId: string; direction: 'received' | 'sent'; status?: ReferralStatus },
  visible: SqlFragment = sql.true,
): Promise<InboxReferral[]> {
  const conditions = [
    visible,
    filter.direction === 'received'
      ? sql`referral.to_organisation_id = ${filter.organisationId}`
      : sql`referral.from_organisation_id = ${filter.organisationId}`,
  ];
  if (filter.status !== undefined) conditions.push(sql`referral.status = ${filter.status}`);
  const listed = await db.query<InboxReferral>(sql`
    select ${referralColumns}, case_file.presumed_child as "presumedChild", case_file.stage,
      case_file.reference as "caseReference"
    from cases.referral join cases.case_file on case_file.id = referral.case_id
    where ${sql.join(conditions, ' and ')}
    order by referral.proposed_on desc, referral.created_at desc, referral.id
    limit 200`);
  return listed.rows;
}
