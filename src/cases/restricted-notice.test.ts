import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { auditFieldsOf } from '../security/audit.js';
import {
  aGrant,
  aGrantDecision,
  anyDataCategories,
  anyIsoDate,
  aRefusalDecision,
  aRestrictedAccessRequest,
  TODAY,
  theDesignatedOfficer,
} from './consent-builders.js';
import {
  type AuditNote,
  decideRestrictedAccessFiling,
  decideRestrictedAccessRequest,
  isRestrictedGrantInForce,
  type RestrictedAccessDecision,
  restrictedGrantCovers,
} from './restricted-notice.js';

/** Each audit note must be a valid audit entry: the audit log takes ids and codes, never free text. */
const writable = (notes: AuditNote[]) =>
  notes.map((note) =>
    auditFieldsOf({ occurredAt: new Date('2026-03-27T10:00:00Z'), actor: { kind: 'user' }, ...note }),
  );

describe('decideRestrictedAccessFiling', () => {
  it("files an outside authority's request as pending, and audits it", () => {
    const { status: _status, ...draft } = aRestrictedAccessRequest();
    const decision = decideRestrictedAccessFiling(draft);
    expect(decision).toEqual({
      outcome: 'file',
      request: aRestrictedAccessRequest({ status: 'pending' }),
      audit: [
        {
          action: 'notice.access.request',
          outcome: 'success',
          details: {
            requestId: 'request-1',
            noticeId: 'notice-R-4821',
            requestingOrganisationId: 'org-border-police',
            requestedCategories: 'identity contact',
          },
        },
      ],
    });
    expect(() => writable(decision.audit)).not.toThrow();
  });

  it('refuses a request that gives no purpose, and audits the attempt', () => {
    const { status: _status, ...draft } = aRestrictedAccessRequest({ purpose: ' ' });
    expect(decideRestrictedAccessFiling(draft)).toMatchObject({
      outcome: 'refuse',
      refusal: { kind: 'purpose-missing' },
      audit: [{ action: 'notice.access.request', outcome: 'failure' }],
    });
  });

  it('refuses a request for no category of data', () => {
    const { status: _status, ...draft } = aRestrictedAccessRequest({ categories: [] });
    expect(decideRestrictedAccessFiling(draft)).toMatchObject({ refusal: { kind: 'no-categories' } });
  });
});

describe('decideRestrictedAccessRequest', () => {
  it('the designated officer grants access for a purpose, some categories and an end date', () => {
    const decision = decideRestrictedAccessRequest(aRestrictedAccessRequest(), aGrantDecision());
    expect(decision).toEqual({
      outcome: 'record',
      status: 'granted',
      grant: aGrant(),
      reason: null,
      audit: [
        {
          action: 'notice.access.grant',
          outcome: 'success',
          details: {
            requestId: 'request-1',
            noticeId: 'notice-R-4821',
            requestingOrganisationId: 'org-border-police',
            requestedCategories: 'identity contact',
            decidedBy: 'officer-1',
            categories: 'identity',
            decidedOn: TODAY,
            endsOn: '2026-04-10',
          },
        },
      ],
    });
    expect(() => writable(decision.audit)).not.toThrow();
  });

  it('the designated officer refuses access with a reason, which stays out of the audit log', () => {
    const decision = decideRestrictedAccessRequest(aRestrictedAccessRequest(), aRefusalDecision());
    expect(decision).toMatchObject({
      outcome: 'record',
      status: 'refused',
      grant: null,
      reason: 'Witness protection found the request incompatible with the person’s safety.',
      audit: [{ action: 'notice.access.refuse', outcome: 'success' }],
    });
    expect(JSON.stringify(decision.audit)).not.toContain('Witness protection');
  });

  it('refuses a decision by anyone but the officer designated for the notice, and audits it as denied', () => {
    const decision = aGrantDecision({
      decidedBy: { userId: 'officer-2', roles: ['restricted_notice_officer'] },
    });
    expect(decideRestrictedAccessRequest(aRestrictedAccessRequest(), decision)).toEqual({
      outcome: 'refuse',
      refusal: { kind: 'not-designated-officer' },
      audit: [
        {
          action: 'notice.access.decide',
          outcome: 'denied',
          details: expect.objectContaining({ decidedBy: 'officer-2', refusal: 'not-designated-officer' }),
        },
      ],
    });
  });

  it('refuses a decision by the designated person once they no longer hold the officer role', () => {
    const decision = aGrantDecision({ decidedBy: { userId: 'officer-1', roles: ['police_investigator'] } });
    expect(decideRestrictedAccessRequest(aRestrictedAccessRequest(), decision)).toMatchObject({
      refusal: { kind: 'not-designated-officer' },
    });
  });

  it('refuses to decide a request a second time', () => {
    const request = aRestrictedAccessRequest({ status: 'granted' });
    expect(decideRestrictedAccessRequest(request, aRefusalDecision())).toMatchObject({
      outcome: 'refuse',
      refusal: { kind: 'already-decided', status: 'granted' },
    });
  });

  it('refuses a refusal without a reason', () => {
    const decision = aRefusalDecision({ reason: '  ' });
    expect(decideRestrictedAccessRequest(aRestrictedAccessRequest(), decision)).toMatchObject({
      refusal: { kind: 'refusal-needs-reason' },
    });
  });

  it('refuses a grant without a purpose', () => {
    const decision = aGrantDecision({ purpose: '' });
    expect(decideRestrictedAccessRequest(aRestrictedAccessRequest(), decision)).toMatchObject({
      refusal: { kind: 'grant-needs-purpose' },
    });
  });

  it('refuses a grant of no category', () => {
    const decision = aGrantDecision({ categories: [] });
    expect(decideRestrictedAccessRequest(aRestrictedAccessRequest(), decision)).toMatchObject({
      refusal: { kind: 'grant-needs-categories' },
    });
  });

  it('refuses a grant wider than the request', () => {
    const decision = aGrantDecision({ categories: ['identity', 'health'] });
    expect(decideRestrictedAccessRequest(aRestrictedAccessRequest(), decision)).toMatchObject({
      refusal: { kind: 'grant-wider-than-request', categories: ['health'] },
    });
  });

  it('refuses a grant that ends before today', () => {
    const decision = aGrantDecision({ endsOn: '2026-03-26' });
    expect(decideRestrictedAccessRequest(aRestrictedAccessRequest(), decision)).toMatchObject({
      refusal: { kind: 'grant-ends-before-today', endsOn: '2026-03-26', today: TODAY },
    });
  });

  it('refuses a grant before the police or witness protection office examined the request', () => {
    const decision = aGrantDecision({ protectionOfficeExaminedOn: null });
    expect(decideRestrictedAccessRequest(aRestrictedAccessRequest(), decision)).toMatchObject({
      refusal: { kind: 'protection-office-not-consulted' },
      audit: [{ action: 'notice.access.decide', outcome: 'failure' }],
    });
  });

  it('audits every decision, whatever its outcome, with writable entries that name no purpose or reason', () => {
    const anyDecision: fc.Arbitrary<RestrictedAccessDecision> = fc.oneof(
      fc
        .record({
          userId: fc.constantFrom('officer-1', 'officer-2'),
          purpose: fc.constantFrom('', 'Hearing on 12 April'),
          categories: anyDataCategories,
          endsOn: anyIsoDate,
          examined: fc.option(anyIsoDate),
          today: anyIsoDate,
        })
        .map(({ userId, examined, ...grant }) =>
          aGrantDecision({
            ...grant,
            decidedBy: { ...theDesignatedOfficer, userId },
            protectionOfficeExaminedOn: examined,
          }),
        ),
      fc
        .record({ reason: fc.constantFrom('', 'Danger to the person'), today: anyIsoDate })
        .map((refusal) => aRefusalDecision(refusal)),
    );
    const anyStatus = fc.constantFrom('pending' as const, 'granted' as const, 'refused' as const);
    fc.assert(
      fc.property(anyDecision, anyStatus, (decision, status) => {
        const request = aRestrictedAccessRequest({ status, purpose: 'Secret purpose Ω' });
        const outcome = decideRestrictedAccessRequest(request, decision);
        expect(outcome.audit).toHaveLength(1);
        expect(() => writable(outcome.audit)).not.toThrow();
        const written = JSON.stringify(outcome.audit);
        expect(written).not.toContain('Secret purpose');
        expect(written).not.toContain('Hearing');
        expect(written).not.toContain('Danger');
        if (outcome.outcome === 'record' && outcome.grant !== null) {
          expect(decision.decidedBy.userId).toBe(request.designatedOfficerId);
          for (const category of outcome.grant.categories) expect(request.categories).toContain(category);
          expect(isRestrictedGrantInForce(outcome.grant, decision.today)).toBe(true);
        }
      }),
    );
  });
});

describe('restricted access grants', () => {
  it('expire after their end date', () => {
    const grant = aGrant({ grantedOn: '2026-03-27', endsOn: '2026-04-10' });
    expect(isRestrictedGrantInForce(grant, '2026-03-26')).toBe(false);
    expect(isRestrictedGrantInForce(grant, '2026-04-10')).toBe(true);
    expect(isRestrictedGrantInForce(grant, '2026-04-11')).toBe(false);
  });

  it('cover only the granted categories, for the requesting organisation and that notice', () => {
    const question = {
      noticeId: 'notice-R-4821',
      organisationId: 'org-border-police',
      category: 'identity',
      today: TODAY,
    } as const;
    expect(restrictedGrantCovers([aGrant()], question)).toBe(true);
    expect(restrictedGrantCovers([aGrant()], { ...question, category: 'contact' })).toBe(false);
    expect(restrictedGrantCovers([aGrant()], { ...question, organisationId: 'org-police' })).toBe(false);
    expect(restrictedGrantCovers([aGrant()], { ...question, noticeId: 'notice-R-0001' })).toBe(false);
    expect(restrictedGrantCovers([aGrant()], { ...question, today: '2026-04-11' })).toBe(false);
  });
});
