// The directory as the case screens use it: to pick an organisation and to name one by its id.

import type { OrganisationKind } from '../../directory/organisation.js';
import type { Option } from '../../web/components/fields.js';
import { compareText } from '../../web/i18n.js';
import { useApi } from '../../web/resource.js';

export type DirectoryOrganisation = { id: string; name: string; kind: OrganisationKind; region: string };

export function useOrganisations() {
  return useApi<{ organisations: DirectoryOrganisation[] }>('/api/organisations');
}

/** Organisations as choices, by name; `except` leaves some out (e.g. the user's own). */
export function organisationOptions(
  organisations: readonly DirectoryOrganisation[] | undefined,
  except: readonly string[] = [],
): Option[] {
  return (organisations ?? [])
    .filter((organisation) => !except.includes(organisation.id))
    .map((organisation) => ({ value: organisation.id, label: organisation.name }))
    .sort((a, b) => compareText(a.label, b.label));
}

/** An organisation's name, or `fallback` when the directory does not know it (or is not loaded). */
export function organisationName(
  organisations: readonly DirectoryOrganisation[] | undefined,
  id: string | null,
  fallback: string,
): string {
  if (id === null) return fallback;
  return organisations?.find((organisation) => organisation.id === id)?.name ?? fallback;
}
