-- Exchange between installations (issue 5 acceptance 4 and 9; docs/decisions/0025): the partner
-- installations whose signed encoding files this installation's hub accepts, the uploads it
-- received, and the candidate pairs it found. Nothing here is personal data: uploads hold Bloom-
-- filter encodings under the partners' own pseudonymous record numbers, never a name or a date.

-- A partner installation (another country's Palermo), known by its Ed25519 public key.
create table tracing.exchange_partner (
  id uuid primary key,
  country_code text not null constraint exchange_partner_country_format check (country_code ~ '^[A-Z]{2,3}$'),
  name text not null constraint exchange_partner_name_length check (length(name) between 1 and 200),
  -- SPKI PEM; the fingerprint (SHA-256 of the DER, hex) is how a signed upload names its signer.
  public_key text not null,
  public_key_fingerprint text not null
    constraint exchange_partner_fingerprint_unique unique
    constraint exchange_partner_fingerprint_format check (public_key_fingerprint ~ '^[0-9a-f]{64}$'),
  registered_by uuid not null,
  registered_at timestamptz not null,
  status text not null constraint exchange_partner_status_known check (status in ('active', 'suspended'))
);

-- One accepted upload: the signed file as received (encodings and record numbers only), its
-- figures, and its fingerprint. The latest upload of each partner is what later uploads meet.
create table tracing.exchange_upload (
  id uuid primary key,
  partner_id uuid not null references tracing.exchange_partner (id),
  uploaded_at timestamptz not null,
  record_count integer not null constraint exchange_upload_records_counted check (record_count >= 0),
  candidate_count integer not null constraint exchange_upload_candidates_counted check (candidate_count >= 0),
  -- The header's schema and key check: only uploads under the same schema and secret are compared.
  schema_key text not null,
  key_check text not null,
  file_sha256 text not null,
  content bytea not null
);
create index exchange_upload_latest on tracing.exchange_upload (partner_id, uploaded_at desc);

-- A candidate pair the hub found for an upload: the uploader's record number and the other side's
-- (another partner's record number, or this installation's report reference when other_partner_id
-- is null), with the Sørensen–Dice similarity of their encodings.
create table tracing.exchange_candidate (
  upload_id uuid not null references tracing.exchange_upload (id),
  left_record text not null,
  other_partner_id uuid references tracing.exchange_partner (id),
  right_record text not null,
  similarity double precision not null constraint exchange_candidate_similarity_range check (similarity >= 0 and similarity <= 1)
);
create index exchange_candidate_by_upload on tracing.exchange_candidate (upload_id);

-- The review queue learns a third kind of candidate: a partner's record (docs/decisions/0025). The
-- other side is the partner (other_id = the partner's id) and its record number (other_reference,
-- "<country>:<record number>"); nothing of its identity is known here.
alter table tracing.match_candidate drop constraint match_candidate_other_kind_known;
alter table tracing.match_candidate add constraint match_candidate_other_kind_known
  check (other_kind in ('report', 'case', 'partner'));
create unique index match_candidate_one_per_report_and_partner_record on tracing.match_candidate
  (report_id, other_id, other_reference) where other_kind = 'partner';
