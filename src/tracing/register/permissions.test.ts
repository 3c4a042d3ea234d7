import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { declarations } from '../../main.js';
import type { Actor } from '../../security/actor.js';
import { Policy } from '../../security/permissions.js';
import type { Role } from '../../security/roles.js';
import { missingPersonActions } from './permissions.js';

// Role × action in the demo country's rules: who files and sees reports, who reviews matches, and
// that the national rapporteur never reaches a missing person's identity.

const demoRules = JSON.parse(
  readFileSync(new URL('../../../deployments/demo/permissions.json', import.meta.url), 'utf8'),
);
const policy = Policy.parse(demoRules, declarations);
const now = new Date('2026-03-27T09:00:00Z');
const OWN = '00000000-0000-4000-8000-000000000001';
const OTHER = '00000000-0000-4000-8000-000000000002';

const aUser = (role: Role): Actor => ({
  kind: 'user',
  id: '00000000-0000-4000-8000-0000000000aa',
  organisationId: OWN,
  roles: [role],
  sessionId: 's',
  secondFactorVerified: true,
  secondFactorRequired: true,
});

const ownReport = { ownerOrganisationId: OWN };
const othersReport = { ownerOrganisationId: OTHER };
const ownCandidate = { reportOwnerOrganisationId: OWN, otherOwnerOrganisationId: OTHER };
const othersCandidate = { reportOwnerOrganisationId: OTHER, otherOwnerOrganisationId: OTHER };

const allowed = (role: Role, action: string, record?: unknown, category?: string) =>
  policy.decide({ actor: aUser(role), action, record, now, ...(category ? { category } : {}) }).allowed;

describe('missing-person register permissions (demo country)', () => {
  it.each([
    ['police_investigator', true],
    ['case_worker', true],
    ['frontline_identifier', true],
    ['national_coordinator', false],
    ['national_rapporteur', false],
    ['shelter_staff', false],
    ['auditor', false],
  ] as const)('%s may file a missing-person report: %s', (role, expected) => {
    expect(allowed(role, 'missing-person.report')).toBe(expected);
  });

  it.each(['police_investigator', 'case_worker', 'frontline_identifier'] as const)(
    '%s sees their organisation’s reports with the identity, and no other organisation’s',
    (role) => {
      expect(allowed(role, 'missing-person.view', ownReport, 'identity')).toBe(true);
      expect(allowed(role, 'missing-person.view', othersReport)).toBe(false);
      expect(allowed(role, 'missing-person.update-status', ownReport)).toBe(true);
      expect(allowed(role, 'missing-person.update-status', othersReport)).toBe(false);
    },
  );

  it('lets the national coordinator see every report’s pseudonymous record but never its identity', () => {
    expect(allowed('national_coordinator', 'missing-person.view', othersReport)).toBe(true);
    expect(allowed('national_coordinator', 'missing-person.view', othersReport, 'identity')).toBe(false);
  });

  it('never lets the national rapporteur reach a report, its identity or a candidate', () => {
    for (const action of Object.keys(missingPersonActions)) {
      expect(policy.mightPerform(aUser('national_rapporteur'), action, now)).toBe(false);
    }
    expect(
      policy.categoryAllows(
        aUser('national_rapporteur'),
        'missing-person-report',
        'identity',
        ownReport,
        now,
      ),
    ).toBe(false);
  });

  it.each([
    ['police_investigator', true, false],
    ['national_coordinator', true, true],
    ['case_worker', false, false],
    ['frontline_identifier', false, false],
    ['national_rapporteur', false, false],
  ] as const)('%s reviews candidates concerning their organisation: %s; others’: %s', (role, own, others) => {
    expect(allowed(role, 'match.review', ownCandidate)).toBe(own);
    expect(allowed(role, 'match.review', othersCandidate)).toBe(others);
  });

  it('filters lists in SQL by the same rules (never everything for an organisation-bound role)', () => {
    const where = policy.permittedWhere(aUser('police_investigator'), 'missing-person.view', now).compile();
    expect(where.text).toContain('tracing.missing_person_report.owner_organisation_id');
    expect(where.values).toContain(OWN);
  });
});
