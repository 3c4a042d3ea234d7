import type { Queryable } from '../db/database.js';
import { type SqlFragment, sql } from '../db/sql.js';
import type { Organisation } from './organisation.js';

/** The only code that touches directory.organisation. */

type OrganisationRow = Omit<Organisation, 'contactPoint'> & {
  contactPhone: string | null;
  contactEmail: string | null;
  contactHours: string | null;
};

const columns = sql`id, name, kind, region, contact_phone as "contactPhone", contact_email as "contactEmail",
  contact_hours as "contactHours", available_24x7 as "available24x7",
  accommodation_places as "accommodationPlaces", accommodates_children as "accommodatesChildren"`;

const toOrganisation = ({
  contactPhone,
  contactEmail,
  contactHours,
  ...rest
}: OrganisationRow): Organisation => ({
  ...rest,
  contactPoint: { phone: contactPhone, email: contactEmail, hours: contactHours },
});

export async function listOrganisations(db: Queryable, visible: SqlFragment): Promise<Organisation[]> {
  const found = await db.query<OrganisationRow>(
    sql`select ${columns} from directory.organisation where ${visible} order by name, id`,
  );
  return found.rows.map(toOrganisation);
}

export async function findOrganisation(db: Queryable, id: string, visible: SqlFragment = sql.true) {
  const found = await db.query<OrganisationRow>(
    sql`select ${columns} from directory.organisation where id = ${id} and ${visible}`,
  );
  return found.rows[0] ? toOrganisation(found.rows[0]) : null;
}

export async function findOrganisationNames(
  db: Queryable,
  ids: readonly string[],
): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const found = await db.query<{ id: string; name: string }>(
    sql`select id, name from directory.organisation where id = any(${[...ids]}::uuid[])`,
  );
  return new Map(found.rows.map((row) => [row.id, row.name]));
}

/** Inserts an organisation; returns null when the name is taken. */
export async function insertOrganisation(db: Queryable, organisation: Organisation, at: Date) {
  const { contactPoint: contact } = organisation;
  const inserted = await db.query<OrganisationRow>(sql`
    insert into directory.organisation
      (id, name, kind, region, contact_phone, contact_email, contact_hours, available_24x7, accommodation_places, accommodates_children,
       created_at, updated_at)
    values (${organisation.id}, ${organisation.name}, ${organisation.kind}, ${organisation.region},
            ${contact.phone}, ${contact.email}, ${contact.hours}, ${organisation.available24x7},
            ${organisation.accommodationPlaces}, ${organisation.accommodatesChildren}, ${at}, ${at})
    on conflict do nothing
    returning ${columns}`);
  return inserted.rows[0] ? toOrganisation(inserted.rows[0]) : null;
}

export async function updateOrganisation(db: Queryable, organisation: Organisation, at: Date) {
  const { contactPoint: contact } = organisation;
  const updated = await db.query<OrganisationRow>(sql`
    update directory.organisation set name = ${organisation.name}, kind = ${organisation.kind},
      region = ${organisation.region}, contact_phone = ${contact.phone}, contact_email = ${contact.email},
      contact_hours = ${contact.hours}, available_24x7 = ${organisation.available24x7},
      accommodation_places = ${organisation.accommodationPlaces},
      accommodates_children = ${organisation.accommodatesChildren}, updated_at = ${at}
    where id = ${organisation.id}
    returning ${columns}`);
  return updated.rows[0] ? toOrganisation(updated.rows[0]) : null;
}
