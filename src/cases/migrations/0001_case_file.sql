-- The National Referral Mechanism case (DESIGN §2): one case per presumed victim. Its history is
-- an append-only list of typed events; `stage` and the deadlines are projections of those events,
-- rewritten in the same transaction as each append, for lists and the deadlines dashboard.
create schema if not exists cases;

create table cases.case_file (
  id uuid primary key,
  reference text not null,
  person_id uuid not null,
  owner_organisation_id uuid not null,
  stage text not null,
  presumed_child boolean not null,
  opened_on date not null,
  closed_on date,
  event_count integer not null default 0,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  constraint case_file_reference_unique unique (reference)
);
create index case_file_by_owner on cases.case_file (owner_organisation_id, stage);
create index case_file_by_opened on cases.case_file (opened_on desc, id);
create index case_file_by_person on cases.case_file (person_id);

create table cases.case_event (
  case_id uuid not null references cases.case_file (id),
  seq integer not null,
  type text not null,
  occurred_on date not null,
  recorded_at timestamptz not null,
  recorded_by text not null,
  recorded_by_organisation_id uuid,
  payload jsonb not null,
  primary key (case_id, seq),
  constraint case_event_seq_positive check (seq > 0)
);

-- Events are history: they are never changed or removed, only followed by others.
create function cases.refuse_event_rewrite() returns trigger language plpgsql as $$
begin
  raise exception 'case events are append-only (% refused)', tg_op using errcode = 'P0001';
end $$;
create trigger case_event_append_only before update or delete on cases.case_event
  for each row execute function cases.refuse_event_rewrite();
create trigger case_event_no_truncate before truncate on cases.case_event
  for each statement execute function cases.refuse_event_rewrite();

-- `about` tells deadlines of one kind apart (e.g. the referral whose answer is due);
-- `organisation_id` is the organisation that must act.
create table cases.deadline (
  case_id uuid not null references cases.case_file (id),
  kind text not null,
  about text not null default '',
  due_on date not null,
  reason text not null,
  organisation_id uuid not null,
  primary key (case_id, kind, about)
);
create index deadline_by_organisation on cases.deadline (organisation_id, due_on);
