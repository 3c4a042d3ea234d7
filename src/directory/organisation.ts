// Organisations of the national response (002_4e619d28b1c2416d.txt C.1.1, l. 480 ff.: the
// co-ordination structure and the actors of the National Referral Mechanism).

export const organisationKinds = [
  'ministry',
  'police',
  'border_police',
  'prosecution',
  'court',
  'labour_inspectorate',
  'social_services',
  'child_protection_authority',
  'health_service',
  'ngo',
  'shelter',
  'hotline',
  'international_organisation',
  'national_coordinator_office',
  'national_rapporteur',
  'other',
] as const;

export type OrganisationKind = (typeof organisationKinds)[number];

export type ContactPoint = { phone: string | null; email: string | null; hours: string | null };

export type Organisation = {
  id: string;
  name: string;
  kind: OrganisationKind;
  region: string;
  contactPoint: ContactPoint;
  /** Reachable at any hour: identification must be available 24/7 (002 l. 1253). */
  available24x7: boolean;
  /** Places of safe accommodation (shelters); null: none offered or not said. */
  accommodationPlaces: number | null;
  /** Its accommodation is suited to children: only such places take a presumed child. */
  accommodatesChildren: boolean;
};
