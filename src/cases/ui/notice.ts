// Whether the case workspace shows the restricted-notice banner (002 l. 827; ADR 0023), and which
// forms it offers. The case view does not say whether a notice is in force, so this reads what it
// does say: only the designated officer may lift a notice (so `restricted-notice.lift` in
// allowedActions means "a notice is in force and you are its officer"), and every role of the
// owner's staff reads the identity of its own case unless a notice is in force (deployments/demo/
// permissions.json "case/identity"; need-to-know.ts), so an owner without `identity` is under one.
// A `restrictedNotice` field in the case view, when the server adds it, takes precedence.

import { type CaseFile, caseActions } from './types.js';

export type NoticeStanding =
  /** A notice is in force and the user is its designated officer. */
  | 'designated-officer'
  /** A notice is in force; the user knows the person by the case reference only. */
  | 'in-force'
  /** No notice that the user can tell of. */
  | 'none';

type NoticeFacts = Pick<CaseFile, 'allowedActions' | 'ownerOrganisationId' | 'readableCategories'> & {
  restrictedNotice?: CaseFile['restrictedNotice'];
};

export function noticeStanding(
  caseFile: NoticeFacts,
  user: { id: string; organisationId: string },
): NoticeStanding {
  if (caseFile.allowedActions.includes(caseActions.liftNotice)) return 'designated-officer';
  if (caseFile.restrictedNotice !== undefined) {
    if (caseFile.restrictedNotice === null) return 'none';
    return caseFile.restrictedNotice.designatedOfficerId === user.id ? 'designated-officer' : 'in-force';
  }
  const isOwner = caseFile.ownerOrganisationId === user.organisationId;
  const readable = caseFile.readableCategories;
  if (isOwner && readable !== undefined && !readable.includes('identity')) return 'in-force';
  return 'none';
}

/** The owner's staff may flag a notice while none is in force. */
export function mayFlagNotice(caseFile: NoticeFacts, standing: NoticeStanding): boolean {
  return standing === 'none' && caseFile.allowedActions.includes(caseActions.flagNotice);
}
