import type { Queryable } from '../db/database.js';
import type { IsoDate } from '../kernel/dates.js';
import type { Actor } from '../security/actor.js';
import type { Policy } from '../security/permissions.js';
import type { CaseFile } from './case-file.store.js';
import { consentsCovering, type DataCategory, dataCategories } from './consent.js';
import { findAcceptedReferral, listConsents } from './consent-referral.store.js';
import type { CaseState } from './lifecycle.js';
import { type CaseRelationship, decideCaseAccess } from './need-to-know.js';
import { restrictedGrantCovers } from './restricted-notice.js';
import { findNoticeInForce, listGrantsOfNotice } from './restricted-notice.store.js';

/**
 * The categories of a case an actor may read now: the deployment's category rules first (who may
 * ever), then need-to-know (need-to-know.ts) on what the actor's organisation holds today — an
 * accepted referral within a consent in force, a restricted notice and the officer's grants. One
 * place for every read of a case (the case view, its identity), so a withdrawn consent or a new
 * restricted notice ends access everywhere at once.
 */
export async function readableCaseCategories(
  db: Queryable,
  policy: Policy,
  actor: Actor,
  caseFile: CaseFile,
  state: CaseState,
  when: { now: Date; today: IsoDate },
): Promise<DataCategory[]> {
  const allowed = dataCategories.filter((category) =>
    policy.categoryAllows(actor, 'case', category, caseFile, when.now),
  );
  if (actor.kind !== 'user' || allowed.length === 0) return [];

  const notice =
    caseFile.restrictedNoticeOfficerId === null ? null : await findNoticeInForce(db, caseFile.id);
  const grants = notice ? await listGrantsOfNotice(db, notice.id, actor.organisationId) : [];
  const isOwner = caseFile.ownerOrganisationId === actor.organisationId;
  const referral = isOwner ? null : await findAcceptedReferral(db, caseFile.id, actor.organisationId);
  const relationship: CaseRelationship = isOwner ? 'owner' : referral ? 'referred_accepted' : 'unrelated';
  const consents = referral ? await listConsents(db, caseFile.id) : [];
  const child = state.child.presumedChild;
  const covered = referral
    ? consentsCovering(consents, {
        recipientOrganisationId: actor.organisationId,
        categories: referral.sharedCategories,
        today: when.today,
        onlyGuardianConsents: child,
      }).covered
    : [];
  // Categories that rest on the referral's recorded legal basis (an override, DPO notified): a
  // child's identity always (referral.ts), and whatever none of the referral's consents covered.
  // Those resting on a consent end with it.
  const consentBased = new Set(
    consents
      .filter((consent) => referral?.consentIds.includes(consent.id))
      .flatMap((consent) => consent.dataCategories),
  );
  const onLegalBasis = (category: DataCategory) =>
    referral?.overrideLegalBasis != null &&
    ((child && category === 'identity') || !consentBased.has(category));

  return allowed.filter((category) =>
    actor.roles.some(
      (role) =>
        decideCaseAccess({
          role,
          relationship,
          category,
          consentCoversCategory:
            referral?.sharedCategories.includes(category) === true &&
            (covered.includes(category) || (child && category === 'statistics') || onLegalBasis(category)),
          restricted: notice !== null,
          isRestrictedNoticeOfficer: notice !== null && notice.designatedOfficerId === actor.id,
          restrictedGrantCoversCategory:
            notice !== null &&
            restrictedGrantCovers(grants, {
              noticeId: notice.id,
              organisationId: actor.organisationId,
              category,
              today: when.today,
            }),
        }).allowed,
    ),
  );
}
