import type { CaseEvent } from './case-events.js';
import type { DataCategory } from './consent.js';
import type { ServiceKind } from './vocabulary.js';

// What a reader may learn of one recorded event beyond its type and date (ADR 0024): the category
// its details belong to. Co-operation, proceedings, permits and compensation are legal data; a
// health-care or counselling service is health or counselling; the rest of the story (services,
// referrals, reflection, risk, solutions) is for any organisation that reads more than statistics.

export type DetailCategory = DataCategory | 'case_work';

export function detailCategoryOf(event: CaseEvent): DetailCategory {
  switch (event.type) {
    case 'became_witness':
    case 'declined_to_testify':
    case 'proceedings_stage':
    case 'compensation_claimed':
    case 'compensation_decided':
    case 'permit_applied':
    case 'permit_granted':
    case 'permit_refused':
    case 'permit_renewed':
    case 'permit_expired':
      return 'legal';
    case 'service_started':
    case 'service_ended':
      return serviceCategoryOf(event.serviceKind);
    case 'family_member_linked':
    case 'family_contact_decided':
      return 'identity';
    default:
      return 'case_work';
  }
}

/**
 * A service says something of the person: health care and counselling belong to those categories
 * (police never learn of counselling); the other services are case work.
 */
export function serviceCategoryOf(serviceKind: ServiceKind): DetailCategory {
  if (serviceKind === 'health_care') return 'health';
  if (serviceKind === 'psychosocial_counselling') return 'counselling';
  return 'case_work';
}

export function mayReadDetails(category: DetailCategory, readable: readonly DataCategory[]): boolean {
  return category === 'case_work'
    ? readable.some((entry) => entry !== 'statistics')
    : readable.includes(category);
}

/** The event's coded fields without its type and date, or null when the reader may not see them. */
export function eventDetailsFor(
  event: CaseEvent,
  readable: readonly DataCategory[],
): Record<string, unknown> | null {
  if (!mayReadDetails(detailCategoryOf(event), readable)) return null;
  const { type: _type, occurredOn: _occurredOn, ...details } = event;
  return details;
}
