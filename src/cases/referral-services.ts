import type { OrganisationKind } from '../directory/index.js';
import type { ServiceKind } from './vocabulary.js';

// Which services an organisation provides, from its kind alone (ADR 0016): an assumption until the
// directory records each organisation's services. Kinds that assist no one directly provide none.

export const servicesByOrganisationKind = {
  ministry: [],
  police: [],
  border_police: [],
  prosecution: [],
  court: [],
  labour_inspectorate: [],
  social_services: [
    'safe_accommodation',
    'financial_assistance',
    'psychosocial_counselling',
    'family_contact',
  ],
  child_protection_authority: [
    'safe_accommodation',
    'psychosocial_counselling',
    'family_contact',
    'legal_assistance',
  ],
  health_service: ['health_care', 'psychosocial_counselling'],
  ngo: [
    'financial_assistance',
    'psychosocial_counselling',
    'interpretation_and_cultural_mediation',
    'family_contact',
    'legal_assistance',
    'education_and_vocational_training',
    'employment',
  ],
  shelter: ['safe_accommodation', 'financial_assistance', 'psychosocial_counselling', 'health_care'],
  hotline: [],
  international_organisation: [
    'financial_assistance',
    'interpretation_and_cultural_mediation',
    'family_contact',
    'education_and_vocational_training',
    'employment',
  ],
  national_coordinator_office: [],
  national_rapporteur: [],
  other: [],
} as const satisfies Record<OrganisationKind, readonly ServiceKind[]>;

export const servicesProvidedBy = (kind: OrganisationKind): readonly ServiceKind[] =>
  servicesByOrganisationKind[kind];

/**
 * The services an organisation offers this person: a presumed child is housed only where the
 * accommodation suits children (issue 3, acceptance 4) — a child protection authority's, or an
 * organisation the directory marks as accommodating children.
 */
export function servicesOfferedTo(
  organisation: { kind: OrganisationKind; accommodatesChildren: boolean },
  personIsPresumedChild: boolean,
): readonly ServiceKind[] {
  const services = servicesProvidedBy(organisation.kind);
  return personIsPresumedChild && !accommodatesChildren(organisation)
    ? services.filter((service) => service !== 'safe_accommodation')
    : services;
}

export const accommodatesChildren = (organisation: {
  kind: OrganisationKind;
  accommodatesChildren: boolean;
}): boolean => organisation.kind === 'child_protection_authority' || organisation.accommodatesChildren;
