import type { IsoDate } from '../kernel/dates.js';
import type { AuditDetails, AuditOutcome } from '../security/audit.js';
import type { Role } from '../security/roles.js';
import { type DataCategory, inCanonicalOrder } from './consent.js';

// Restricted notices (002 l. 827; DESIGN §3; ADR 0011). An endangered person's data are used inside
// the authorities under an anonymous number; one designated officer knows the identity and treats it
// as classified. When an outside authority asks for access, that officer has the police or witness
// protection office examine whether the request is compatible with protecting the person, then
// grants it — for a purpose, for some categories, until an end date — or refuses it with a reason.
// Every request and every decision is audited; audit details hold ids and codes, never free text.

export type RestrictedAccessRequestStatus = 'pending' | 'granted' | 'refused';

export type RestrictedAccessRequest = {
  id: string;
  /** The restricted notice: the number by which the person is known. */
  noticeId: string;
  /** The officer designated for the notice when the request was filed. */
  designatedOfficerId: string;
  requestingOrganisationId: string;
  /** The user who filed the request for the outside authority. */
  requestedBy: string;
  purpose: string;
  categories: readonly DataCategory[];
  requestedOn: IsoDate;
  status: RestrictedAccessRequestStatus;
};

export type RestrictedAccessGrant = {
  requestId: string;
  noticeId: string;
  organisationId: string;
  purpose: string;
  categories: DataCategory[];
  grantedOn: IsoDate;
  /** The last day of access. */
  endsOn: IsoDate;
  grantedBy: string;
};

/** The decision's actor, with the roles they hold. */
export type RestrictedAccessDecider = { userId: string; roles: readonly Role[] };

export type RestrictedAccessDecision =
  | {
      kind: 'grant';
      decidedBy: RestrictedAccessDecider;
      purpose: string;
      /** What is granted: the requested categories or fewer, never more. */
      categories: readonly DataCategory[];
      endsOn: IsoDate;
      /** When the police or witness protection office found the request compatible with protection. */
      protectionOfficeExaminedOn: IsoDate | null;
      today: IsoDate;
    }
  | { kind: 'refuse'; decidedBy: RestrictedAccessDecider; reason: string; today: IsoDate };

/** An audit entry to write in the same transaction: the action, its outcome and ids-only details. */
export type AuditNote = {
  action: 'notice.access.request' | 'notice.access.grant' | 'notice.access.refuse' | 'notice.access.decide';
  outcome: AuditOutcome;
  details: AuditDetails;
};

// ---------------------------------------------------------------------------------------------
// Filing a request

export type RestrictedAccessRequestDraft = Omit<RestrictedAccessRequest, 'status'>;

export type RestrictedAccessFilingRefusal = { kind: 'purpose-missing' } | { kind: 'no-categories' };

export type RestrictedAccessFilingDecision =
  | { outcome: 'file'; request: RestrictedAccessRequest; audit: AuditNote[] }
  | { outcome: 'refuse'; refusal: RestrictedAccessFilingRefusal; audit: AuditNote[] };

/** A request from an outside authority is filed as pending; filing, or failing to, is audited. */
export function decideRestrictedAccessFiling(
  draft: RestrictedAccessRequestDraft,
): RestrictedAccessFilingDecision {
  const details = requestDetails(draft);
  const refusal: RestrictedAccessFilingRefusal | null =
    draft.purpose.trim() === ''
      ? { kind: 'purpose-missing' }
      : draft.categories.length === 0
        ? { kind: 'no-categories' }
        : null;
  if (refusal !== null)
    return {
      outcome: 'refuse',
      refusal,
      audit: [
        {
          action: 'notice.access.request',
          outcome: 'failure',
          details: { ...details, refusal: refusal.kind },
        },
      ],
    };
  return {
    outcome: 'file',
    request: { ...draft, categories: inCanonicalOrder(draft.categories), status: 'pending' },
    audit: [{ action: 'notice.access.request', outcome: 'success', details }],
  };
}

// ---------------------------------------------------------------------------------------------
// Deciding a request

export type RestrictedAccessDecisionRefusal =
  | { kind: 'not-designated-officer' }
  | { kind: 'already-decided'; status: Exclude<RestrictedAccessRequestStatus, 'pending'> }
  | { kind: 'refusal-needs-reason' }
  | { kind: 'grant-needs-purpose' }
  | { kind: 'grant-needs-categories' }
  | { kind: 'grant-wider-than-request'; categories: DataCategory[] }
  | { kind: 'grant-ends-before-today'; endsOn: IsoDate; today: IsoDate }
  | { kind: 'protection-office-not-consulted' };

export type RestrictedAccessDecisionOutcome =
  | {
      outcome: 'record';
      status: 'granted' | 'refused';
      grant: RestrictedAccessGrant | null;
      /** The refusal's reason, for the requester; never written to the audit log. */
      reason: string | null;
      audit: AuditNote[];
    }
  | { outcome: 'refuse'; refusal: RestrictedAccessDecisionRefusal; audit: AuditNote[] };

/**
 * Only the officer designated for the notice decides, once. A grant names a purpose, the requested
 * categories or fewer and an end date, after the protection office examined the request; a refusal
 * gives a reason. Every attempt returns the audit entries to write, attempts refused included.
 */
export function decideRestrictedAccessRequest(
  request: RestrictedAccessRequest,
  decision: RestrictedAccessDecision,
): RestrictedAccessDecisionOutcome {
  const details = { ...requestDetails(request), decidedBy: decision.decidedBy.userId };
  const refuse = (refusal: RestrictedAccessDecisionRefusal): RestrictedAccessDecisionOutcome => ({
    outcome: 'refuse',
    refusal,
    audit: [
      {
        action: 'notice.access.decide',
        outcome: refusal.kind === 'not-designated-officer' ? 'denied' : 'failure',
        details: { ...details, refusal: refusal.kind },
      },
    ],
  });

  const { decidedBy } = decision;
  if (
    decidedBy.userId !== request.designatedOfficerId ||
    !decidedBy.roles.includes('restricted_notice_officer')
  )
    return refuse({ kind: 'not-designated-officer' });
  if (request.status !== 'pending') return refuse({ kind: 'already-decided', status: request.status });

  if (decision.kind === 'refuse') {
    const reason = decision.reason.trim();
    if (reason === '') return refuse({ kind: 'refusal-needs-reason' });
    return {
      outcome: 'record',
      status: 'refused',
      grant: null,
      reason,
      audit: [
        {
          action: 'notice.access.refuse',
          outcome: 'success',
          details: { ...details, decidedOn: decision.today },
        },
      ],
    };
  }

  if (decision.purpose.trim() === '') return refuse({ kind: 'grant-needs-purpose' });
  const categories = inCanonicalOrder(decision.categories);
  if (categories.length === 0) return refuse({ kind: 'grant-needs-categories' });
  const wider = categories.filter((category) => !request.categories.includes(category));
  if (wider.length > 0) return refuse({ kind: 'grant-wider-than-request', categories: wider });
  if (decision.endsOn < decision.today)
    return refuse({ kind: 'grant-ends-before-today', endsOn: decision.endsOn, today: decision.today });
  if (decision.protectionOfficeExaminedOn === null || decision.protectionOfficeExaminedOn > decision.today)
    return refuse({ kind: 'protection-office-not-consulted' });

  const grant: RestrictedAccessGrant = {
    requestId: request.id,
    noticeId: request.noticeId,
    organisationId: request.requestingOrganisationId,
    purpose: decision.purpose.trim(),
    categories,
    grantedOn: decision.today,
    endsOn: decision.endsOn,
    grantedBy: decidedBy.userId,
  };
  return {
    outcome: 'record',
    status: 'granted',
    grant,
    reason: null,
    audit: [
      {
        action: 'notice.access.grant',
        outcome: 'success',
        details: {
          ...details,
          categories: categories.join(' '),
          decidedOn: decision.today,
          endsOn: decision.endsOn,
        },
      },
    ],
  };
}

// ---------------------------------------------------------------------------------------------
// Grants expire

/** In force from the day granted through its end date. */
export const isRestrictedGrantInForce = (grant: RestrictedAccessGrant, today: IsoDate): boolean =>
  grant.grantedOn <= today && today <= grant.endsOn;

/** Whether a grant in force lets this organisation see this category of the notice's person. */
export function restrictedGrantCovers(
  grants: readonly RestrictedAccessGrant[],
  question: { noticeId: string; organisationId: string; category: DataCategory; today: IsoDate },
): boolean {
  return grants.some(
    (grant) =>
      grant.noticeId === question.noticeId &&
      grant.organisationId === question.organisationId &&
      grant.categories.includes(question.category) &&
      isRestrictedGrantInForce(grant, question.today),
  );
}

/** Ids and codes only: the purpose is free text and never goes to the audit log. */
function requestDetails(request: RestrictedAccessRequestDraft): AuditDetails {
  return {
    requestId: request.id,
    noticeId: request.noticeId,
    requestingOrganisationId: request.requestingOrganisationId,
    requestedCategories: inCanonicalOrder(request.categories).join(' '),
  };
}
