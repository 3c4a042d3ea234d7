import type { MessageKey } from '../../web/i18n.js';

export const roles = [
  'system_administrator',
  'national_coordinator',
  'national_rapporteur',
  'case_worker',
  'frontline_identifier',
  'shelter_staff',
  'police_investigator',
  'prosecutor',
  'labour_inspector',
  'data_protection_officer',
  'restricted_notice_officer',
  'auditor',
] as const;

export type Role = (typeof roles)[number];

export function isRole(value: string): value is Role {
  return (roles as readonly string[]).includes(value);
}

/** The message key naming a role; unknown roles from a newer server fall back to their code. */
export function roleKey(role: string): MessageKey | null {
  return isRole(role) ? `role.${role}` : null;
}
