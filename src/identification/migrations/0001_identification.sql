-- Identification (decision 0015, 0022): screening questionnaires as versioned data, anonymous
-- intakes with their screenings, and the contact points that can be reached 24/7 (002 l. 1252).
create schema if not exists identification;

-- A set is never edited: a change is a new version (a new row). A screening names the version it
-- was answered on, so publishing a version never changes a screening already done.
create table identification.questionnaire_set (
  id text not null,
  version integer not null,
  audience text not null,
  definition jsonb not null,
  builtin boolean not null default false,
  published_at timestamptz not null,
  published_by text not null,
  primary key (id, version),
  constraint questionnaire_set_version_positive check (version > 0)
);

create function identification.refuse_set_rewrite() returns trigger language plpgsql as $$
begin
  raise exception 'questionnaire versions are never changed (% refused)', tg_op using errcode = 'P0001';
end $$;
create trigger questionnaire_set_immutable before update or delete on identification.questionnaire_set
  for each row execute function identification.refuse_set_rewrite();

-- An intake holds no personal data: where the contact came from, when, and what was screened.
-- `case_id` is set once, when the intake is converted into a case; the intake keeps its history.
create table identification.intake (
  id uuid primary key,
  channel text not null,
  receiving_organisation_id uuid not null,
  received_on date not null,
  self_identified boolean not null,
  months_in_country integer,
  recorded_by text not null,
  recorded_at timestamptz not null,
  case_id uuid,
  converted_on date,
  converted_by text,
  -- The latest screening's result, kept with each screening appended, for lists and filters.
  latest_result text,
  constraint intake_months_in_country_not_negative check (months_in_country is null or months_in_country >= 0),
  constraint intake_converted_once check ((case_id is null) = (converted_on is null))
);
create index intake_by_organisation on identification.intake (receiving_organisation_id, received_on desc);
create index intake_by_received on identification.intake (received_on desc, id);

create table identification.screening (
  intake_id uuid not null references identification.intake (id),
  seq integer not null,
  set_id text not null,
  set_version integer not null,
  screened_on date not null,
  answers jsonb not null,
  result text not null,
  screened_as text not null,
  forms jsonb not null,
  recorded_by text not null,
  recorded_at timestamptz not null,
  primary key (intake_id, seq),
  foreign key (set_id, set_version) references identification.questionnaire_set (id, version)
);

create function identification.refuse_screening_rewrite() returns trigger language plpgsql as $$
begin
  raise exception 'screenings are never changed (% refused)', tg_op using errcode = 'P0001';
end $$;
create trigger screening_append_only before update or delete on identification.screening
  for each row execute function identification.refuse_screening_rewrite();

-- A way to reach an organisation (002 l. 1252: identification available 24 hours a day).
-- `weekly_hours`: [{ "day": "mon", "opens": "08:00", "closes": "16:00" }]; closes <= opens crosses midnight.
create table identification.contact_point (
  id uuid primary key,
  organisation_id uuid not null,
  name text not null,
  phone text,
  email text,
  languages jsonb not null,
  always_open boolean not null,
  weekly_hours jsonb not null,
  public boolean not null,
  created_at timestamptz not null,
  updated_at timestamptz not null
);
create index contact_point_by_organisation on identification.contact_point (organisation_id);
