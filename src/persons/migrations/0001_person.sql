-- The pseudonymous person register (DESIGN §3 "Pseudonyms", "Field encryption"). A person is known
-- everywhere else by id or by a random reference such as P-7K3M-QX9D, never by name. Their identity
-- (names, date of birth, documents, contacts) is one AES-256-GCM ciphertext under their own data
-- key (security.data_key, subject = the person's id); destroying that key erases them.
create schema if not exists persons;

create table persons.person (
  id uuid primary key,
  reference text not null
    constraint person_reference_unique unique
    constraint person_reference_format check (reference ~ '^P(-[0-9A-Z]{4})+$'),
  owner_organisation_id uuid not null,
  -- The identity document as encrypted JSON; null only once the person is erased.
  identity bytea,
  -- HMAC-SHA256 blind index of the main identity document's number, for exact look-ups.
  document_index bytea constraint person_document_index_is_hmac check (length(document_index) = 32),
  created_at timestamptz not null,
  updated_at timestamptz not null,
  erased_at timestamptz,
  constraint person_identity_unless_erased check ((identity is null) = (erased_at is not null)),
  constraint person_erased_has_no_document_index check (erased_at is null or document_index is null)
);

create index person_by_document_index on persons.person (document_index) where document_index is not null;
create index person_by_owner_organisation on persons.person (owner_organisation_id);
