-- Notifications the referral mechanism owes someone (ADR 0024): a consent withdrawn (to the
-- organisation that received data under it), an override without consent (to the data protection
-- officer), the release of a defendant (002 l. 1628, to those who support and house the person).
-- Ids and codes only: a notification never carries a name or free text.
create table cases.notification (
  id uuid primary key,
  kind text not null,
  -- Addressed to an organisation, or to every holder of a role (the data protection officer).
  organisation_id uuid,
  addressed_role text,
  case_id uuid not null references cases.case_file (id),
  details jsonb not null default '{}',
  created_on date not null,
  created_at timestamptz not null,
  acknowledged_at timestamptz,
  acknowledged_by text,
  constraint notification_kind_known check (kind in ('consent_withdrawn', 'override_without_consent', 'defendant_released', 'ownership_transferred')),
  constraint notification_addressed check ((organisation_id is null) <> (addressed_role is null)),
  constraint notification_acknowledged_complete check ((acknowledged_at is null) = (acknowledged_by is null))
);
create index notification_by_organisation on cases.notification (organisation_id, created_at desc);
create index notification_by_role on cases.notification (addressed_role, created_at desc);

-- Transfer of ownership is a separate, explicit act (issue 3, acceptance 6), kept as history.
create table cases.ownership_transfer (
  id uuid primary key,
  case_id uuid not null references cases.case_file (id),
  from_organisation_id uuid not null,
  to_organisation_id uuid not null,
  transferred_on date not null,
  reason text not null,
  transferred_by text not null,
  created_at timestamptz not null,
  constraint ownership_transfer_to_another check (from_organisation_id <> to_organisation_id)
);
create index ownership_transfer_by_case on cases.ownership_transfer (case_id);
