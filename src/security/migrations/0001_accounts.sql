-- User accounts, server-side sessions and login throttling. Staff accounts only: no data of
-- victims lives here. The second-factor secret is field-encrypted (subject = the account).
create schema if not exists security;

create table security.user_account (
  id uuid primary key,
  organisation_id uuid not null,
  email text not null,
  display_name text not null,
  roles text[] not null,
  password_hash text not null,
  second_factor_secret bytea,
  second_factor_pending_secret bytea,
  second_factor_enrolled_at timestamptz,
  second_factor_last_step bigint not null default 0,
  recovery_code_hashes text[] not null default '{}',
  failed_logins integer not null default 0,
  locked_until timestamptz,
  disabled_at timestamptz,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  constraint user_account_has_a_role check (cardinality(roles) > 0),
  constraint user_account_email_shape check (email = lower(email) and position('@' in email) > 1)
);
create unique index user_account_email_unique on security.user_account (email);
create index user_account_by_organisation on security.user_account (organisation_id);

-- The cookie carries a random token; only its SHA-256 is stored, so a copy of the database
-- cannot be used to take over a session.
create table security.session (
  token_hash bytea primary key,
  id uuid not null unique,
  user_id uuid not null references security.user_account (id),
  csrf_token text not null,
  created_at timestamptz not null,
  last_seen_at timestamptz not null,
  second_factor_verified_at timestamptz,
  ended_at timestamptz
);
create index session_by_user on security.session (user_id);

-- Failed logins per client address (stored as a keyed hash, not the address itself).
create table security.login_throttle (
  address_hash bytea primary key,
  failures integer not null,
  window_started_at timestamptz not null,
  locked_until timestamptz
);
