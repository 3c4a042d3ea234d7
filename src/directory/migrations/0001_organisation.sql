create schema if not exists directory;

create table directory.organisation (
  id uuid primary key,
  name text not null,
  kind text not null,
  region text not null,
  contact_phone text,
  contact_email text,
  contact_hours text,
  available_24x7 boolean not null default false,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  constraint organisation_name_not_blank check (length(trim(name)) > 0)
);
create unique index organisation_name_unique on directory.organisation (lower(name));
create index organisation_by_region on directory.organisation (region);
