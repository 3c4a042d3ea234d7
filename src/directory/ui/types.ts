import type { MessageKey } from '../../web/i18n.js';

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
  available24x7: boolean;
  allowedActions: string[];
};

export type OrganisationList = { organisations: Organisation[] };

export const organisationActions = { update: 'organisation.update' } as const;

export function isOrganisationKind(value: string): value is OrganisationKind {
  return (organisationKinds as readonly string[]).includes(value);
}

/** The words for a kind of organisation; an unknown kind from a newer server shows its code. */
export function kindKey(kind: string): MessageKey | null {
  return isOrganisationKind(kind) ? `organisationKind.${kind}` : null;
}
