// The roles of a national anti-trafficking response. A user belongs to one organisation and holds
// one or more roles; what a role may do is decided by deployments/<code>/permissions.json.

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

/**
 * Roles whose holders can read identity data of victims or presumed victims. With the setting
 * PALERMO_MFA_REQUIRED (default true) they must use a second factor (issue 2, acceptance 4).
 * The national rapporteur works on de-identified data only (DESIGN §5) and the auditor reads the
 * audit log, which holds ids, never names.
 */
export const rolesReadingIdentityData: ReadonlySet<Role> = new Set<Role>([
  'system_administrator',
  'national_coordinator',
  'case_worker',
  'frontline_identifier',
  'shelter_staff',
  'police_investigator',
  'prosecutor',
  'labour_inspector',
  'data_protection_officer',
  'restricted_notice_officer',
]);

export const needsSecondFactor = (heldRoles: readonly Role[], mfaRequired: boolean): boolean =>
  mfaRequired && heldRoles.some((role) => rolesReadingIdentityData.has(role));
