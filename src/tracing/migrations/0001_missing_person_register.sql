-- The missing-persons register and its review queue (issue 5, DESIGN §4; seeds 000 l. 24, 78-80:
-- a register of missing persons believed to be victims of traffickers, "of critical importance in
-- the context of unaccompanied minors"). A report is known by a random reference such as
-- M-7K3M-QX9D; everything that could identify the missing person (names, dates, places, parents,
-- features, circumstances) is one AES-256-GCM ciphertext under the report's own data key
-- (security.data_key, subject = the report's id), so destroying that key erases the report.
create schema if not exists tracing;

create table tracing.missing_person_report (
  id uuid primary key,
  reference text not null
    constraint missing_person_report_reference_unique unique
    constraint missing_person_report_reference_format check (reference ~ '^M(-[0-9A-Z]{4})+$'),
  owner_organisation_id uuid not null,
  -- The user who filed it, or a system actor (the demo loader) by name.
  reported_by text not null,
  reporting_country text not null constraint missing_person_report_country_alpha3 check (reporting_country ~ '^[A-Z]{3}$'),
  reported_on date not null,
  status text not null constraint missing_person_report_status_known check (status in ('open', 'located', 'closed')),
  is_child boolean not null,
  unaccompanied_or_separated boolean not null,
  -- Consent of the person, of their guardian, or a legal basis (seed 004 l. 41); never personal.
  tracing_basis text not null
    constraint missing_person_report_basis_known check (tracing_basis in ('consent_of_person', 'consent_of_guardian', 'legal_basis')),
  legal_basis_reference text,
  -- The encrypted details; null only once the report is erased.
  details bytea,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  status_changed_on date not null,
  erased_at timestamptz,
  constraint missing_person_report_details_unless_erased check ((details is null) = (erased_at is not null)),
  constraint missing_person_report_legal_basis_named
    check (tracing_basis <> 'legal_basis' or legal_basis_reference is not null)
);
create index missing_person_report_by_owner on tracing.missing_person_report (owner_organisation_id, status);
create index missing_person_report_by_reported on tracing.missing_person_report (reported_on desc, id);

-- A candidate match found by the linkage engine: a report and another report, or a report and
-- the person of a case. It carries the probability and the comparison level of every field
-- (never a compared value), and waits for a person to confirm or reject it. Nothing merges.
create table tracing.match_candidate (
  id uuid primary key,
  report_id uuid not null references tracing.missing_person_report (id),
  report_owner_organisation_id uuid not null,
  other_kind text not null constraint match_candidate_other_kind_known check (other_kind in ('report', 'case')),
  -- The other report's id, or the case's id.
  other_id uuid not null,
  -- The person of the case (other_kind 'case'); null for a report.
  other_person_id uuid,
  other_reference text not null,
  other_owner_organisation_id uuid not null,
  probability double precision not null constraint match_candidate_probability_range check (probability >= 0 and probability <= 1),
  match_weight double precision not null,
  -- [{ field, level, weight }] in the model's field order, plus whether the names were swapped.
  comparison jsonb not null,
  status text not null constraint match_candidate_status_known check (status in ('open', 'confirmed', 'rejected')),
  proposed_at timestamptz not null,
  scored_at timestamptz not null,
  decided_at timestamptz,
  decided_by uuid,
  decision_reason text,
  constraint match_candidate_decision_complete
    check ((status = 'open') = (decided_at is null) and (status = 'open') = (decision_reason is null)),
  constraint match_candidate_case_has_person check ((other_kind = 'case') = (other_person_id is not null)),
  constraint match_candidate_not_itself check (other_kind <> 'report' or other_id <> report_id)
);
-- One candidate per pair, whichever report was filed first: a re-run finds the rejected pair and
-- leaves it rejected (it is never proposed again).
create unique index match_candidate_one_per_report_pair on tracing.match_candidate
  ((least(report_id, other_id)), (greatest(report_id, other_id))) where other_kind = 'report';
create unique index match_candidate_one_per_report_and_case on tracing.match_candidate (report_id, other_id)
  where other_kind = 'case';
create index match_candidate_open on tracing.match_candidate (status, probability desc);
create index match_candidate_by_other on tracing.match_candidate (other_id);

-- A confirmed match: the report is linked to the other report or to the case and its person.
create table tracing.match_link (
  candidate_id uuid primary key references tracing.match_candidate (id),
  report_id uuid not null references tracing.missing_person_report (id),
  other_kind text not null,
  other_id uuid not null,
  other_person_id uuid,
  linked_at timestamptz not null,
  linked_by uuid not null
);
create index match_link_by_report on tracing.match_link (report_id);
create index match_link_by_other on tracing.match_link (other_id);
