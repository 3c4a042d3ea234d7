import { type Role, roles } from '../security/roles.js';
import { type DataCategory, dataCategories } from './consent.js';

// Need to know (DESIGN §3; ADR 0011): who may see which category of a case's data, decided in one
// pure function from role × relationship to the case × data category × consent × restricted notice.
// Police and prosecutors never see counselling or health notes; the National Rapporteur sees
// statistics only; counselling agencies are not pressed for identities (002 l. 835); a restricted
// person is visible by number only, except to the designated officer (002 l. 827).

export const caseRelationships = ['owner', 'referred_accepted', 'referred_pending', 'unrelated'] as const;
/** How the actor's organisation stands to the case: owns it, holds a referral, or neither. */
export type CaseRelationship = (typeof caseRelationships)[number];

export type CaseAccessQuestion = {
  role: Role;
  relationship: CaseRelationship;
  category: DataCategory;
  /**
   * A consent in force covers this category for the actor's organisation — or, for a child's
   * referral or an override, the referral's recorded basis does. Withdrawn consent: false.
   */
  consentCoversCategory: boolean;
  /** The person is under a restricted notice. */
  restricted: boolean;
  /** The actor is the officer designated for this person's restricted notice. */
  isRestrictedNoticeOfficer: boolean;
  /** A grant in force of the restricted-notice officer covers this category for the actor's organisation. */
  restrictedGrantCoversCategory?: boolean;
};

export type CaseAccessAllowReason =
  | 'owner-organisation'
  | 'accepted-referral-within-consent'
  | 'pending-referral-summary'
  | 'oversight-statistics'
  | 'designated-restricted-notice-officer'
  | 'restricted-access-granted';

export type CaseAccessDenyReason =
  | 'role-reads-no-case-data'
  | 'category-never-for-role'
  | 'restricted-notice'
  | 'pending-referral-shows-summary-only'
  | 'consent-does-not-cover'
  | 'no-relationship';

export type CaseAccessDecision =
  | { allowed: true; reason: CaseAccessAllowReason }
  | { allowed: false; reason: CaseAccessDenyReason };

/**
 * The most a role may ever see of a case, whatever its relationship and consent. Counselling notes
 * stay with the counselling case worker; health goes to shelters that house the person; police and
 * prosecutors read identity and legal data, never health or counselling.
 */
export const categoriesForRole: Readonly<Record<Role, readonly DataCategory[]>> = {
  system_administrator: [],
  national_coordinator: ['statistics'],
  national_rapporteur: ['statistics'],
  case_worker: ['identity', 'contact', 'health', 'counselling', 'legal', 'statistics'],
  frontline_identifier: ['identity', 'statistics'],
  shelter_staff: ['identity', 'contact', 'health', 'statistics'],
  police_investigator: ['identity', 'legal', 'statistics'],
  prosecutor: ['identity', 'legal', 'statistics'],
  labour_inspector: ['identity', 'statistics'],
  data_protection_officer: ['statistics'],
  // Only as the officer designated for a restricted notice (below).
  restricted_notice_officer: [],
  auditor: [],
};

/** Roles that oversee the response: statistics of every case, nothing else, whatever the relationship. */
export const oversightRoles: ReadonlySet<Role> = new Set<Role>([
  'national_coordinator',
  'national_rapporteur',
  'data_protection_officer',
]);

/** What the designated officer of a restricted notice sees: who the person is and how to reach them. */
export const categoriesForDesignatedOfficer: readonly DataCategory[] = ['identity', 'contact', 'statistics'];

const allow = (reason: CaseAccessAllowReason): CaseAccessDecision => ({ allowed: true, reason });
const deny = (reason: CaseAccessDenyReason): CaseAccessDecision => ({ allowed: false, reason });

/** Whether an actor in `role` may see `category` of a case. Deny unless a rule allows. */
export function decideCaseAccess(question: CaseAccessQuestion): CaseAccessDecision {
  const { role, relationship, category } = question;
  const ceiling = categoriesForRole[role];

  if (question.restricted && role === 'restricted_notice_officer' && question.isRestrictedNoticeOfficer)
    return categoriesForDesignatedOfficer.includes(category)
      ? allow('designated-restricted-notice-officer')
      : deny('category-never-for-role');
  if (ceiling.length === 0) return deny('role-reads-no-case-data');
  if (!ceiling.includes(category)) return deny('category-never-for-role');
  // A restricted person is known to everyone else by number only: statistics follow the usual rules.
  if (question.restricted && category !== 'statistics')
    return question.restrictedGrantCoversCategory === true
      ? allow('restricted-access-granted')
      : deny('restricted-notice');
  if (oversightRoles.has(role)) return allow('oversight-statistics');

  switch (relationship) {
    case 'owner':
      return allow('owner-organisation');
    case 'referred_pending':
      if (category !== 'statistics') return deny('pending-referral-shows-summary-only');
      return question.consentCoversCategory
        ? allow('pending-referral-summary')
        : deny('consent-does-not-cover');
    case 'referred_accepted':
      return question.consentCoversCategory
        ? allow('accepted-referral-within-consent')
        : deny('consent-does-not-cover');
    case 'unrelated':
      return deny('no-relationship');
  }
}

export type CaseCategoryAccessTable = Readonly<
  Record<Role, Readonly<Record<CaseRelationship, Readonly<Record<DataCategory, boolean>>>>>
>;

/**
 * role × relationship × category → allowed, for a case without a restricted notice whose consent
 * covers the category: the most each relationship can give. Generated from `decideCaseAccess`.
 */
export const caseCategoryAccess: CaseCategoryAccessTable = Object.fromEntries(
  roles.map((role) => [
    role,
    Object.fromEntries(
      caseRelationships.map((relationship) => [
        relationship,
        Object.fromEntries(
          dataCategories.map((category) => [
            category,
            decideCaseAccess({
              role,
              relationship,
              category,
              consentCoversCategory: true,
              restricted: false,
              isRestrictedNoticeOfficer: false,
            }).allowed,
          ]),
        ),
      ]),
    ),
  ]),
) as CaseCategoryAccessTable;
