-- Partner suspension, key rotation and the identity exchange after a confirmed cross-border match
-- (issue 5 acceptance 4, 5 and 9; docs/decisions/0026; seed 004 l. 41: data processing between
-- countries "always on consent of the victim").

-- Where a partner's hub answers (https://…); the identity exchange is pulled from it. Null: the
-- partner only uploads encodings here, and no identity can be asked of it.
alter table tracing.exchange_partner add column hub_url text
  constraint exchange_partner_hub_url_format check (hub_url is null or hub_url ~ '^https?://[^\s]+$');
-- When the status last changed (suspended or reinstated); the audit says by whom.
alter table tracing.exchange_partner add column status_changed_at timestamptz;

-- Every key a partner has signed with. exchange_partner.public_key stays the current one; an older
-- key is accepted until retires_on (the first day it is refused, in this installation's calendar),
-- so a partner can rotate without a gap. A key is registered once, to one partner.
create table tracing.exchange_partner_key (
  partner_id uuid not null references tracing.exchange_partner (id),
  public_key text not null,
  public_key_fingerprint text not null
    constraint exchange_partner_key_fingerprint_unique unique
    constraint exchange_partner_key_fingerprint_format check (public_key_fingerprint ~ '^[0-9a-f]{64}$'),
  registered_by uuid not null,
  registered_at timestamptz not null,
  retires_on date
);
create index exchange_partner_key_by_partner on tracing.exchange_partner_key (partner_id);
insert into tracing.exchange_partner_key
  (partner_id, public_key, public_key_fingerprint, registered_by, registered_at, retires_on)
select id, public_key, public_key_fingerprint, registered_by, registered_at, null from tracing.exchange_partner;

-- An identity exchange this installation asked of a partner, for one of its reports and a confirmed
-- partner candidate. The basis reference (consent form number, law and article) stays here and never
-- crosses; only its kind does. The one-time X25519 answer key and the identity received are
-- field-encrypted under the request's own data key (subject = id): withdrawing destroys that key.
create table tracing.identity_exchange_request (
  id uuid primary key,
  candidate_id uuid not null references tracing.match_candidate (id),
  report_id uuid not null references tracing.missing_person_report (id),
  partner_id uuid not null references tracing.exchange_partner (id),
  own_record text not null,
  partner_record text not null,
  basis_kind text not null constraint identity_exchange_request_basis_known
    check (basis_kind in ('consent_of_person', 'consent_of_guardian', 'legal_basis')),
  basis_reference text not null constraint identity_exchange_request_basis_reference_length
    check (length(basis_reference) between 1 and 300),
  basis_expires_on date,
  requested_fields text[] not null,
  answer_key bytea,
  status text not null constraint identity_exchange_request_status_known
    check (status in ('sent', 'received', 'refused', 'withdrawn')),
  released_fields text[],
  identity bytea,
  requested_by uuid not null,
  requested_at timestamptz not null,
  answered_at timestamptz,
  withdrawn_by uuid,
  withdrawn_at timestamptz,
  constraint identity_exchange_request_identity_only_received check (identity is null or status = 'received')
);
-- One live request per candidate: a new one only after the last was refused or withdrawn.
create unique index identity_exchange_request_one_live_per_candidate on tracing.identity_exchange_request
  (candidate_id) where status in ('sent', 'received');

-- An identity exchange a partner asked of this installation, received by its hub and waiting on the
-- matching report for a reviewer. The partner's answer key is public; the answer is stored only as
-- the signed envelope encrypted to it (this installation cannot read it back).
create table tracing.identity_exchange_incoming (
  id uuid primary key,
  partner_id uuid not null references tracing.exchange_partner (id),
  -- The requesting installation's id of its request: with partner_id, what its messages name.
  request_id uuid not null,
  partner_record text not null,
  report_id uuid not null references tracing.missing_person_report (id),
  candidate_id uuid not null references tracing.match_candidate (id),
  partner_basis_kind text not null constraint identity_exchange_incoming_partner_basis_known
    check (partner_basis_kind in ('consent_of_person', 'consent_of_guardian', 'legal_basis')),
  requested_fields text[] not null,
  answer_key text not null,
  received_at timestamptz not null,
  status text not null constraint identity_exchange_incoming_status_known
    check (status in ('pending', 'released', 'refused', 'withdrawn')),
  basis_kind text constraint identity_exchange_incoming_basis_known
    check (basis_kind in ('consent_of_person', 'consent_of_guardian', 'legal_basis')),
  basis_reference text,
  basis_expires_on date,
  released_fields text[],
  sealed_answer jsonb,
  decided_by uuid,
  decided_at timestamptz,
  refusal_reason text,
  delivered_at timestamptz,
  withdrawn_at timestamptz,
  constraint identity_exchange_incoming_one_per_request unique (partner_id, request_id),
  constraint identity_exchange_incoming_released_with_basis
    check (status <> 'released' or (basis_kind is not null and sealed_answer is not null))
);
create index identity_exchange_incoming_by_candidate on tracing.identity_exchange_incoming (candidate_id);
