-- Restricted notices (002 l. 827; ADR 0011, 0018): a person in danger is known inside the
-- authorities by the case number only; one designated officer decides every outside request.
create table cases.restricted_notice (
  id uuid primary key,
  case_id uuid not null references cases.case_file (id),
  designated_officer_id uuid not null,
  flagged_on date not null,
  flagged_by text not null,
  lifted_on date,
  lifted_by text,
  created_at timestamptz not null,
  constraint restricted_notice_lifted_after_flagged check (lifted_on is null or lifted_on >= flagged_on),
  constraint restricted_notice_lift_complete check ((lifted_on is null) = (lifted_by is null))
);
-- At most one notice in force per case; a lifted one stays for the record.
create unique index restricted_notice_in_force on cases.restricted_notice (case_id) where lifted_on is null;

create table cases.restricted_access_request (
  id uuid primary key,
  notice_id uuid not null references cases.restricted_notice (id),
  designated_officer_id uuid not null,
  requesting_organisation_id uuid not null,
  requested_by text not null,
  -- The outside authority's stated purpose: about the request, never about the person.
  purpose text not null,
  categories text[] not null,
  requested_on date not null,
  status text not null,
  decided_by text,
  decided_on date,
  refusal_reason text,
  constraint restricted_access_status_known check (status in ('pending', 'granted', 'refused')),
  constraint restricted_access_names_categories check (cardinality(categories) > 0),
  constraint restricted_access_decided_when_not_pending check (
    (status = 'pending') = (decided_by is null and decided_on is null)),
  constraint restricted_access_refusal_has_reason check ((status = 'refused') = (refusal_reason is not null))
);
create index restricted_access_request_by_officer on cases.restricted_access_request (designated_officer_id, status);
create index restricted_access_request_by_organisation on cases.restricted_access_request (requesting_organisation_id);

create table cases.restricted_access_grant (
  request_id uuid primary key references cases.restricted_access_request (id),
  notice_id uuid not null references cases.restricted_notice (id),
  organisation_id uuid not null,
  purpose text not null,
  categories text[] not null,
  granted_on date not null,
  ends_on date not null,
  granted_by text not null,
  protection_office_examined_on date not null,
  constraint restricted_access_grant_ends_after_start check (ends_on >= granted_on)
);
create index restricted_access_grant_by_notice on cases.restricted_access_grant (notice_id, organisation_id);
