-- Consent as an object (ADR 0011) and referrals between organisations (ADR 0013, 0016). No free text
-- about the person lives in a plain column: a child's own views are kept out until they can be sealed
-- in the encrypted store; only whether they were recorded is kept here.
create table cases.consent (
  id uuid primary key,
  case_id uuid not null references cases.case_file (id),
  given_by_kind text not null,
  guardian_id uuid,
  guardian_appointed_by uuid,
  guardian_appointed_on date,
  purpose text not null,
  recipient_organisation_id uuid,
  data_categories text[] not null,
  given_on date not null,
  expires_on date,
  withdrawn_on date,
  evidence jsonb not null,
  child_views_recorded boolean not null default false,
  recorded_at timestamptz not null,
  recorded_by text not null,
  constraint consent_given_by_known check (given_by_kind in ('person', 'guardian')),
  constraint consent_guardian_named_when_guardian_gives check (
    (given_by_kind = 'guardian') = (guardian_id is not null and guardian_appointed_by is not null
                                   and guardian_appointed_on is not null)),
  constraint consent_names_categories check (cardinality(data_categories) > 0),
  constraint consent_expires_after_given check (expires_on is null or expires_on >= given_on),
  constraint consent_withdrawn_after_given check (withdrawn_on is null or withdrawn_on >= given_on)
);
create index consent_by_case on cases.consent (case_id);

create table cases.referral (
  id uuid primary key,
  case_id uuid not null references cases.case_file (id),
  from_organisation_id uuid not null,
  to_organisation_id uuid not null,
  services text[] not null,
  shared_categories text[] not null,
  status text not null,
  consent_ids uuid[] not null default '{}',
  override_legal_basis text,
  override_reason text,
  override_flagged_for_dpo boolean not null default false,
  proposed_on date not null,
  responded_on date,
  response_reason text,
  -- Who owned the case when it was referred (as Primero's copy_record_ownership): the referral
  -- keeps its history even if the case changes hands later.
  case_owner_organisation_id uuid not null,
  referred_by text not null,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  constraint referral_status_known check (status in ('proposed', 'accepted', 'declined', 'completed', 'withdrawn')),
  constraint referral_names_services check (cardinality(services) > 0),
  constraint referral_not_to_itself check (from_organisation_id <> to_organisation_id),
  constraint referral_override_complete check (
    (override_legal_basis is null) = (override_reason is null)
    and override_flagged_for_dpo = (override_legal_basis is not null)),
  constraint referral_answered_after_proposed check (responded_on is null or responded_on >= proposed_on)
);
create index referral_by_case on cases.referral (case_id);
create index referral_to_organisation on cases.referral (to_organisation_id, status);
create index referral_from_organisation on cases.referral (from_organisation_id, status);
