import type { MessageKey } from '../../web/i18n.js';

// The kinds and the contact point come from the capability's pure module, shared with the server.
import { type ContactPoint, type OrganisationKind, organisationKinds } from '../organisation.js';

export { type ContactPoint, type OrganisationKind, organisationKinds };

export type Organisation = {
  id: string;
  name: string;
  kind: OrganisationKind;
  region: string;
  contactPoint: ContactPoint;
  available24x7: boolean;
  accommodationPlaces: number | null;
  accommodatesChildren: boolean;
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
