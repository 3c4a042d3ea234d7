-- Places of safe accommodation an organisation offers (002 l. 1335): the capacity the referral
-- mechanism compares with occupancy. Null: the organisation offers no accommodation, or has not said.
alter table directory.organisation add column accommodation_places integer;
-- Accommodation suited to children (issue 3, acceptance 4: child-appropriate shelters only).
alter table directory.organisation add column accommodates_children boolean not null default false;
alter table directory.organisation add constraint organisation_places_not_negative
  check (accommodation_places is null or accommodation_places >= 0);
