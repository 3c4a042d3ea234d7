-- Field encryption (DESIGN §3, ADR 0003): one data key per subject (a person or a user account),
-- wrapped by a master key that lives outside the database. Destroying the wrapped key erases the
-- subject's encrypted data (crypto-shredding); the row stays as the record of the erasure.
create schema if not exists security;

create table security.data_key (
  subject_id uuid primary key,
  key_version int not null default 1 constraint data_key_version_positive check (key_version > 0),
  -- 0 only for a subject erased before any data key was made for them.
  master_key_version int not null constraint data_key_master_version_known check (master_key_version >= 0),
  wrapped_key bytea,
  created_at timestamptz not null default now(),
  destroyed_at timestamptz,
  constraint data_key_either_wrapped_or_destroyed check ((wrapped_key is null) = (destroyed_at is not null))
);

-- Rotation looks for keys still wrapped under an older master key.
create index data_key_live_by_master_version on security.data_key (master_key_version)
  where wrapped_key is not null;

create function security.data_key_erasure_is_final() returns trigger
language plpgsql as $$
begin
  if old.destroyed_at is not null then
    raise exception 'data key of subject % was destroyed; an erasure cannot be undone', old.subject_id
      using errcode = 'check_violation';
  end if;
  return new;
end $$;

create trigger data_key_erasure_is_final before update on security.data_key
  for each row execute function security.data_key_erasure_is_final();
