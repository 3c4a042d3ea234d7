import { describe, expect, it } from 'vitest';
import { type Role, roles } from '../security/roles.js';
import { type DataCategory, dataCategories } from './consent.js';
import {
  type CaseAccessQuestion,
  type CaseRelationship,
  caseCategoryAccess,
  caseRelationships,
  categoriesForRole,
  decideCaseAccess,
} from './need-to-know.js';

// Every role × relationship × category × consent × restricted notice × designated officer × grant:
// 12 × 4 × 6 × 2 × 2 × 2 × 2 = 4,608 questions. The invariants are checked on every one.
const everyQuestion: CaseAccessQuestion[] = roles.flatMap((role) =>
  caseRelationships.flatMap((relationship) =>
    dataCategories.flatMap((category) =>
      [true, false].flatMap((consentCoversCategory) =>
        [true, false].flatMap((restricted) =>
          [true, false].flatMap((isRestrictedNoticeOfficer) =>
            [true, false].map((restrictedGrantCoversCategory) => ({
              role,
              relationship,
              category,
              consentCoversCategory,
              restricted,
              isRestrictedNoticeOfficer,
              restrictedGrantCoversCategory,
            })),
          ),
        ),
      ),
    ),
  ),
);
const allowed = (question: CaseAccessQuestion) => decideCaseAccess(question).allowed;
const where = (predicate: (question: CaseAccessQuestion) => boolean) => everyQuestion.filter(predicate);
const anOrdinaryCase = (overrides: Partial<CaseAccessQuestion>): CaseAccessQuestion => ({
  role: 'case_worker',
  relationship: 'owner',
  category: 'identity',
  consentCoversCategory: true,
  restricted: false,
  isRestrictedNoticeOfficer: false,
  ...overrides,
});

describe('the need-to-know table', () => {
  it('asks every role about every category in every relationship', () => {
    expect(everyQuestion).toHaveLength(12 * 4 * 6 * 16);
    expect(Object.keys(caseCategoryAccess).sort()).toEqual([...roles].sort());
  });

  it('police and prosecutors never see counselling or health notes, consent or not', () => {
    const asked = where(
      (q) =>
        ['police_investigator', 'prosecutor'].includes(q.role) &&
        ['counselling', 'health'].includes(q.category),
    );
    expect(asked.length).toBeGreaterThan(0);
    for (const question of asked) expect(allowed(question), JSON.stringify(question)).toBe(false);
  });

  it('the national rapporteur sees statistics only, and never an identity', () => {
    for (const question of where((q) => q.role === 'national_rapporteur'))
      expect(allowed(question), JSON.stringify(question)).toBe(question.category === 'statistics');
  });

  it('counselling agencies are not pressed for identities: police and inspectors see the identity of a case they do not own only with consent', () => {
    const asked = where(
      (q) =>
        ['police_investigator', 'prosecutor', 'labour_inspector'].includes(q.role) &&
        q.category === 'identity' &&
        q.relationship !== 'owner' &&
        !q.consentCoversCategory &&
        !(q.restricted && q.restrictedGrantCoversCategory),
    );
    for (const question of asked) expect(allowed(question), JSON.stringify(question)).toBe(false);
  });

  it('a pending referral shows only the referral summary (statistics) the receiver needs to decide', () => {
    for (const question of where((q) => q.relationship === 'referred_pending' && !q.restricted && allowed(q)))
      expect(question.category).toBe('statistics');
    expect(allowed(anOrdinaryCase({ relationship: 'referred_pending', category: 'statistics' }))).toBe(true);
  });

  it('an accepted referral grants exactly the categories its consent covers, within what the role may see', () => {
    const caseWork = (role: Role) =>
      !['national_coordinator', 'national_rapporteur', 'data_protection_officer'].includes(role);
    for (const question of where(
      (q) => q.relationship === 'referred_accepted' && !q.restricted && caseWork(q.role),
    ))
      expect(allowed(question), JSON.stringify(question)).toBe(
        question.consentCoversCategory && categoriesForRole[question.role].includes(question.category),
      );
  });

  it('revoking consent removes access through a referral at once; the owner keeps its own records', () => {
    const oversight = ['national_coordinator', 'national_rapporteur', 'data_protection_officer'];
    for (const question of where((q) => q.consentCoversCategory && !q.restricted && allowed(q))) {
      const revoked = { ...question, consentCoversCategory: false };
      const throughReferral =
        question.relationship.startsWith('referred_') && !oversight.includes(question.role);
      expect(allowed(revoked), JSON.stringify(revoked)).toBe(!throughReferral);
    }
  });

  it('a restricted person is known by number only: no one but the designated officer sees who they are, short of a grant', () => {
    const asked = where(
      (q) =>
        q.restricted &&
        q.category !== 'statistics' &&
        !(q.role === 'restricted_notice_officer' && q.isRestrictedNoticeOfficer) &&
        !q.restrictedGrantCoversCategory,
    );
    for (const question of asked) expect(allowed(question), JSON.stringify(question)).toBe(false);
  });

  it('a restricted notice leaves statistics as they were', () => {
    for (const question of where((q) => q.category === 'statistics' && !q.restricted))
      expect(allowed({ ...question, restricted: true })).toBe(
        allowed(question) ||
          (question.role === 'restricted_notice_officer' && question.isRestrictedNoticeOfficer),
      );
  });

  it('the designated officer sees identity and contact of a restricted person, never health, counselling or legal', () => {
    const officer = anOrdinaryCase({
      role: 'restricted_notice_officer',
      relationship: 'unrelated',
      restricted: true,
      isRestrictedNoticeOfficer: true,
    });
    const seen = dataCategories.filter((category) => allowed({ ...officer, category }));
    expect(seen).toEqual(['identity', 'contact', 'statistics']);
    expect(allowed({ ...officer, restricted: false })).toBe(false);
    expect(allowed({ ...officer, isRestrictedNoticeOfficer: false })).toBe(false);
  });

  it("a grant lets an outside authority see what it grants of a restricted person, within its role's limits", () => {
    const border = anOrdinaryCase({
      role: 'police_investigator',
      relationship: 'unrelated',
      restricted: true,
      restrictedGrantCoversCategory: true,
    });
    expect(decideCaseAccess(border)).toEqual({ allowed: true, reason: 'restricted-access-granted' });
    expect(decideCaseAccess({ ...border, category: 'counselling' })).toEqual({
      allowed: false,
      reason: 'category-never-for-role',
    });
    expect(decideCaseAccess({ ...border, restrictedGrantCoversCategory: false })).toEqual({
      allowed: false,
      reason: 'restricted-notice',
    });
  });

  it('an organisation with no relationship to a case sees nothing of it, except the statistics oversight roles read', () => {
    for (const question of where((q) => q.relationship === 'unrelated' && !q.restricted && allowed(q))) {
      expect(['national_coordinator', 'national_rapporteur', 'data_protection_officer']).toContain(
        question.role,
      );
      expect(question.category).toBe('statistics');
    }
  });

  it('system administrators and auditors read no case data at all', () => {
    for (const question of where((q) => q.role === 'system_administrator' || q.role === 'auditor'))
      expect(decideCaseAccess(question)).toEqual({ allowed: false, reason: 'role-reads-no-case-data' });
  });

  it('no role ever sees more than its ceiling, whatever the relationship, consent or grant', () => {
    for (const question of where(allowed)) {
      const designated = question.role === 'restricted_notice_officer' && question.isRestrictedNoticeOfficer;
      if (!designated) expect(categoriesForRole[question.role]).toContain(question.category);
    }
  });

  it('gives a reason for every answer', () => {
    for (const question of everyQuestion) expect(decideCaseAccess(question).reason).toMatch(/^[a-z-]+$/);
  });

  it('says why a request is refused', () => {
    expect(
      decideCaseAccess(anOrdinaryCase({ role: 'police_investigator', category: 'counselling' })),
    ).toEqual({
      allowed: false,
      reason: 'category-never-for-role',
    });
    expect(
      decideCaseAccess(anOrdinaryCase({ relationship: 'referred_pending', category: 'health' })),
    ).toEqual({
      allowed: false,
      reason: 'pending-referral-shows-summary-only',
    });
    expect(
      decideCaseAccess(anOrdinaryCase({ relationship: 'referred_accepted', consentCoversCategory: false })),
    ).toEqual({ allowed: false, reason: 'consent-does-not-cover' });
    expect(decideCaseAccess(anOrdinaryCase({ relationship: 'unrelated' }))).toEqual({
      allowed: false,
      reason: 'no-relationship',
    });
    expect(decideCaseAccess(anOrdinaryCase({ restricted: true }))).toEqual({
      allowed: false,
      reason: 'restricted-notice',
    });
  });

  it('reads, as a table (consent covering the category, no restricted notice)', () => {
    const letters: Record<DataCategory, string> = {
      identity: 'I',
      contact: 'C',
      health: 'H',
      counselling: 'N',
      legal: 'L',
      statistics: 'S',
    };
    const cell = (role: Role, relationship: CaseRelationship) =>
      dataCategories
        .map((category) => (caseCategoryAccess[role][relationship][category] ? letters[category] : '·'))
        .join('');
    const rendered = [
      `${'role'.padEnd(26)}${caseRelationships.map((relationship) => relationship.padEnd(19)).join('')}`.trimEnd(),
      ...roles.map((role) =>
        `${role.padEnd(26)}${caseRelationships.map((relationship) => cell(role, relationship).padEnd(19)).join('')}`.trimEnd(),
      ),
    ].join('\n');
    // I identity, C contact, H health, N counselling notes, L legal, S statistics; · not allowed.
    expect(`\n${rendered}\n`).toBe(`
role                      owner              referred_accepted  referred_pending   unrelated
system_administrator      ······             ······             ······             ······
national_coordinator      ·····S             ·····S             ·····S             ·····S
national_rapporteur       ·····S             ·····S             ·····S             ·····S
case_worker               ICHNLS             ICHNLS             ·····S             ······
frontline_identifier      I····S             I····S             ·····S             ······
shelter_staff             ICH··S             ICH··S             ·····S             ······
police_investigator       I···LS             I···LS             ·····S             ······
prosecutor                I···LS             I···LS             ·····S             ······
labour_inspector          I····S             I····S             ·····S             ······
data_protection_officer   ·····S             ·····S             ·····S             ·····S
restricted_notice_officer ······             ······             ······             ······
auditor                   ······             ······             ······             ······
`);
  });

  it('spells out a few rows of the table', () => {
    expect(caseCategoryAccess.police_investigator.referred_accepted).toEqual({
      identity: true,
      contact: false,
      health: false,
      counselling: false,
      legal: true,
      statistics: true,
    });
    expect(caseCategoryAccess.national_rapporteur.unrelated).toEqual({
      identity: false,
      contact: false,
      health: false,
      counselling: false,
      legal: false,
      statistics: true,
    });
    expect(caseCategoryAccess.shelter_staff.referred_pending).toEqual({
      identity: false,
      contact: false,
      health: false,
      counselling: false,
      legal: false,
      statistics: true,
    });
  });
});

describe.each(roles)('%s', (role) => {
  it.each(caseRelationships)('as %s, is answered for every category', (relationship) => {
    for (const category of dataCategories) {
      const decision = decideCaseAccess(anOrdinaryCase({ role, relationship, category }));
      expect(decision.allowed).toBe(caseCategoryAccess[role][relationship][category]);
    }
  });
});
