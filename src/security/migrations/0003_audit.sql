-- Audit log (DESIGN §3, ADR 0004): append-only and hash-chained. The application computes each
-- entry's digest from its fields; this trigger places it at the head of the chain:
--   seq = last seq + 1, prev_hash = last hash (32 zero bytes first), hash = sha256(prev_hash || entry_digest).
-- UPDATE, DELETE and TRUNCATE are refused. `verifyAuditChain` proves nothing was changed since.
create schema if not exists audit;

create table audit.entry (
  seq bigint primary key,
  occurred_at timestamptz not null
    constraint entry_occurred_at_whole_milliseconds check (occurred_at = date_trunc('milliseconds', occurred_at)),
  actor_kind text not null constraint entry_actor_kind_known check (actor_kind in ('user', 'system', 'anonymous')),
  actor_id text,
  organisation_id uuid,
  action text not null,
  subject_type text,
  subject_id text,
  outcome text not null constraint entry_outcome_known check (outcome in ('success', 'denied', 'failure')),
  request_id text,
  details jsonb not null default '{}',
  entry_digest bytea not null constraint entry_digest_is_sha256 check (length(entry_digest) = 32),
  prev_hash bytea not null,
  hash bytea not null,
  constraint entry_subject_complete check ((subject_type is null) = (subject_id is null))
);

create index entry_by_action on audit.entry (action, seq);
create index entry_by_actor on audit.entry (actor_id, seq) where actor_id is not null;
create index entry_by_subject on audit.entry (subject_id, seq) where subject_id is not null;

create function audit.chain_entry() returns trigger
language plpgsql as $$
declare
  last_seq bigint;
  last_hash bytea;
begin
  -- One appender at a time until its transaction ends, so the chain has a single head. Callers
  -- append as the last statement of their transaction to hold this lock as briefly as possible.
  perform pg_advisory_xact_lock(7305561);
  select entry.seq, entry.hash into last_seq, last_hash from audit.entry order by entry.seq desc limit 1;
  if last_seq is null then
    new.seq := 1;
    new.prev_hash := decode(repeat('00', 32), 'hex');
  else
    new.seq := last_seq + 1;
    new.prev_hash := last_hash;
  end if;
  if new.entry_digest is null or length(new.entry_digest) <> 32 then
    raise exception 'an audit entry needs a 32-byte entry_digest (sha256 of its canonical encoding)'
      using errcode = 'check_violation';
  end if;
  new.hash := sha256(new.prev_hash || new.entry_digest);
  return new;
end $$;

create trigger entry_chained before insert on audit.entry
  for each row execute function audit.chain_entry();

create function audit.refuse_change() returns trigger
language plpgsql as $$
begin
  raise exception 'the audit log is append-only: % on %.% is refused', tg_op, tg_table_schema, tg_table_name
    using errcode = 'insufficient_privilege';
end $$;

create trigger entry_append_only before update or delete on audit.entry
  for each row execute function audit.refuse_change();
create trigger entry_never_truncated before truncate on audit.entry
  for each statement execute function audit.refuse_change();

-- Signed heads of the chain. A copy of each is lodged outside the database: it proves that the
-- entries up to its seq were not rewritten, and that none were cut off the end, since it was signed.
create table audit.checkpoint (
  id bigint generated always as identity primary key,
  seq bigint not null constraint checkpoint_seq_not_negative check (seq >= 0),
  head_hash bytea not null constraint checkpoint_head_is_sha256 check (length(head_hash) = 32),
  signed_at timestamptz not null,
  signature bytea not null,
  public_key text not null
);

create trigger checkpoint_append_only before update or delete on audit.checkpoint
  for each row execute function audit.refuse_change();
create trigger checkpoint_never_truncated before truncate on audit.checkpoint
  for each statement execute function audit.refuse_change();
