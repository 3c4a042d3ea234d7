-- De-duplicating cases (issue 5 acceptance 3; DESIGN §4: statistics count people, not
-- registrations). When the police and two NGOs each open a case for the same woman, the linkage
-- engine proposes each pair of cases; a reviewer confirms or rejects; a confirmed pair links the two
-- cases as the same person. Nothing merges: each organisation keeps its own case file. Like
-- tracing.match_candidate, a candidate holds references and the comparison level of each field,
-- never a compared value (docs/decisions/0021, 0029).

create table tracing.case_duplicate_candidate (
  id uuid primary key,
  -- The two cases in canonical order (the smaller id first), so a pair exists once.
  left_case_id uuid not null,
  left_case_reference text not null,
  left_owner_organisation_id uuid not null,
  right_case_id uuid not null,
  right_case_reference text not null,
  right_owner_organisation_id uuid not null,
  probability double precision not null
    constraint case_duplicate_candidate_probability_range check (probability >= 0 and probability <= 1),
  match_weight double precision not null,
  -- { swapped, fields: [{ field, level, weight }] } in the model's field order.
  comparison jsonb not null,
  status text not null
    constraint case_duplicate_candidate_status_known check (status in ('open', 'confirmed', 'rejected')),
  proposed_at timestamptz not null,
  scored_at timestamptz not null,
  decided_at timestamptz,
  decided_by uuid,
  -- The reviewer's organisation: only its staff read the reason (free text may name someone).
  decided_by_organisation_id uuid,
  decision_reason text,
  constraint case_duplicate_candidate_canonical_order check (left_case_id < right_case_id),
  constraint case_duplicate_candidate_decision_complete
    check ((status = 'open') = (decided_at is null) and (status = 'open') = (decided_by is null)
      and (status = 'open') = (decided_by_organisation_id is null) and (status = 'open') = (decision_reason is null)),
  -- One candidate per pair of cases: a re-run finds a decided pair and leaves it as it was, so a
  -- rejected pair is never proposed again.
  constraint case_duplicate_candidate_one_per_pair unique (left_case_id, right_case_id)
);
create index case_duplicate_candidate_open on tracing.case_duplicate_candidate (status, probability desc);
create index case_duplicate_candidate_by_left_owner on tracing.case_duplicate_candidate (left_owner_organisation_id);
create index case_duplicate_candidate_by_right_owner on tracing.case_duplicate_candidate (right_owner_organisation_id);

-- A confirmed pair: the two cases are the same person. The persons count is the number of
-- connected components of cases under these links.
create table tracing.case_duplicate_link (
  candidate_id uuid primary key references tracing.case_duplicate_candidate (id),
  left_case_id uuid not null,
  right_case_id uuid not null,
  linked_at timestamptz not null,
  linked_by uuid not null,
  constraint case_duplicate_link_canonical_order check (left_case_id < right_case_id),
  constraint case_duplicate_link_one_per_pair unique (left_case_id, right_case_id)
);

-- Each run, in figures only (how many cases, comparisons and proposals; never who).
create table tracing.case_duplicate_run (
  id uuid primary key,
  started_at timestamptz not null,
  -- The user who started it, or a system actor (the command line) by name.
  started_by text not null,
  cases integer not null,
  unreadable integer not null,
  compared integer not null,
  proposed integer not null,
  rescored integer not null,
  left_decided integer not null,
  milliseconds integer not null
);
create index case_duplicate_run_by_start on tracing.case_duplicate_run (started_at desc);
