import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { findOrganisationProfile } from '../directory/index.js';
import { notFound, type Problem, ProblemError, type ProblemShape, problem } from '../http/problem.js';
import type { IsoDate } from '../kernel/dates.js';
import { newId } from '../kernel/ids.js';
import type { Platform } from '../platform.js';
import { appendAudit } from '../security/audit.store.js';
import { auditEntry } from '../security/audit-entry.js';
import type { CaseEvent } from './case-events.js';
import { refusalProblem } from './case-file.routes.js';
import { CaseParams } from './case-file.schema.js';
import {
  appendCaseEvent,
  type CaseFile,
  findCaseFile,
  listCaseEvents,
  lockCaseFile,
} from './case-file.store.js';
import type { CaseSettings } from './case-settings.js';
import {
  type ConsentRecordingRefusal,
  type ConsentWithdrawalRefusal,
  decideConsentRecording,
  decideConsentWithdrawal,
  isConsentInForce,
} from './consent.js';
import {
  CaseReferralView,
  ConsentInput,
  ConsentParams,
  ConsentView,
  ConsentWithdrawalView,
  InboxReferralView,
  ReferralCreatedView,
  ReferralInboxQuery,
  ReferralInput,
  ReferralParams,
  ReferralResponseInput,
  ReferralResponseView,
} from './consent-referral.schema.js';
import {
  insertConsent,
  insertReferral,
  listConsents,
  listReferralInbox,
  listReferralsOfCase,
  lockConsent,
  lockReferral,
  markConsentWithdrawn,
  type StoredConsent,
  updateReferralStatus,
} from './consent-referral.store.js';
import { foldCaseEvents } from './lifecycle.js';
import { insertNotifications } from './notification.store.js';
import {
  decideReferral,
  decideReferralResponse,
  type ReferralRefusal,
  type ReferralResponseRefusal,
} from './referral.js';
import { servicesOfferedTo } from './referral-services.js';

// Consent and referral over HTTP (ADR 0011, 0013, 0016). The rules are consent.ts and referral.ts;
// these routes load what they decide on, write what they decide, and audit it last.

type RefusalKind = ConsentRecordingRefusal['kind'] | ConsentWithdrawalRefusal['kind'];
type ReferralRefusalKind = ReferralRefusal['kind'] | ReferralResponseRefusal['kind'];

// 409: the consent or referral is not in a state that takes this now; 422: a rule refuses it.
const consentProblems = {
  'child-needs-guardian': { status: 422, title: 'A child consents through a guardian' },
  'guardian-suspicion-unanswered': {
    status: 422,
    title: 'Say whether the guardian is suspected of involvement',
  },
  'guardian-suspected': { status: 422, title: 'A guardian suspected of involvement cannot consent' },
  'guardian-not-yet-appointed': { status: 422, title: 'The guardian was not yet appointed' },
  'child-views-missing': { status: 422, title: "The child's own views are missing" },
  'explanation-missing': { status: 422, title: 'The explanation is incomplete' },
  'no-data-categories': { status: 422, title: 'The consent names no data categories' },
  'recipient-missing': { status: 422, title: 'The consent names no recipient organisation' },
  'given-after-today': { status: 422, title: 'The consent is dated in the future' },
  'expires-before-given': { status: 422, title: 'The consent expires before it is given' },
  'already-withdrawn': { status: 409, title: 'The consent is already withdrawn' },
  'already-expired': { status: 409, title: 'The consent has expired' },
  'withdrawn-before-given': { status: 422, title: 'The consent is not yet given' },
} satisfies Record<RefusalKind, ProblemShape>;

const referralProblems = {
  'case-closed': { status: 409, title: 'The case is closed' },
  'no-services-requested': { status: 422, title: 'The referral names no services' },
  'service-not-provided': { status: 422, title: 'The organisation does not provide these services' },
  'already-referred': { status: 409, title: 'These services are already referred there' },
  'override-needs-reason': { status: 422, title: 'An override needs a legal basis and a written reason' },
  'home-country-authority-without-consent': {
    status: 422,
    title: "Nothing goes to the home country's authorities without consent",
  },
  'no-consent': { status: 422, title: 'No consent in force covers this organisation' },
  'transition-not-allowed': { status: 409, title: 'The referral is not in a state that takes this answer' },
  'wrong-organisation': { status: 422, title: 'Another organisation gives this answer' },
  'decline-needs-reason': { status: 422, title: 'A decline needs a reason' },
  'response-before-proposal': { status: 422, title: 'The answer is dated before the referral' },
} satisfies Record<ReferralRefusalKind, ProblemShape>;

const consentProblem = ({ kind, ...facts }: ConsentRecordingRefusal | ConsentWithdrawalRefusal): Problem =>
  problem(`/problems/consent/${kind}`, consentProblems[kind], facts);

const referralProblem = (refusal: ReferralRefusal | ReferralResponseRefusal): Problem => {
  const { kind, ...facts } = refusal;
  // A refusal's `status` is the referral's: a problem's `status` is the HTTP status.
  const { status: referralStatus, ...rest } = { status: undefined, ...facts };
  return problem(`/problems/referral/${kind}`, referralProblems[kind], {
    ...rest,
    ...(referralStatus === undefined ? {} : { referralStatus }),
    ...(kind === 'decline-needs-reason'
      ? { errors: [{ pointer: '/body/reason', detail: 'Say why the referral is declined' }] }
      : {}),
  });
};

const unknownOrganisation = () =>
  problem(
    '/problems/referral/unknown-organisation',
    { status: 422, title: 'No such organisation in the directory' },
    { errors: [{ pointer: '/body/toOrganisationId', detail: 'Choose an organisation from the directory' }] },
  );

const subject = (caseFile: Pick<CaseFile, 'id'>) => ({ type: 'case', id: caseFile.id });

const consentView = (consent: StoredConsent, today: IsoDate) => ({
  id: consent.id,
  caseId: consent.caseId,
  givenBy:
    consent.givenBy.kind === 'guardian'
      ? {
          kind: 'guardian' as const,
          guardianId: consent.givenBy.guardianId,
          appointedBy: consent.givenBy.appointedBy,
          appointedOn: consent.givenBy.appointedOn,
        }
      : { kind: 'person' as const, guardianId: null, appointedBy: null, appointedOn: null },
  purpose: consent.purpose,
  recipientOrganisationId: consent.recipientOrganisationId,
  dataCategories: [...consent.dataCategories],
  givenOn: consent.givenOn,
  expiresOn: consent.expiresOn,
  withdrawnOn: consent.withdrawnOn,
  evidence: consent.evidence,
  childViewsRecorded: consent.childViewsRecorded,
  inForce: isConsentInForce(consent, today),
});

const userOf = (request: FastifyRequest) => {
  const { actor } = request;
  if (actor.kind !== 'user') throw new Error('only a signed-in user records consents and referrals');
  return actor;
};

export const consentReferralRoutes: FastifyPluginAsyncZod<{
  platform: Platform;
  settings: CaseSettings;
}> = async (app, { platform, settings }) => {
  const { db } = platform;

  /** The case if the actor may see it, else a 404 (invisible = absent); then the route's action. */
  const visibleCase = async (request: FastifyRequest, caseId: string) => {
    const caseFile = await findCaseFile(db, caseId, request.permittedWhere('case.view'));
    if (caseFile) request.authorize(caseFile);
    return caseFile;
  };

  app.post(
    '/api/cases/:caseId/consents',
    {
      config: { action: 'consent.record' },
      schema: { tags: ['cases'], params: CaseParams, body: ConsentInput, response: { 201: ConsentView } },
    },
    async (request, reply) => {
      const actor = userOf(request);
      const caseFile = await visibleCase(request, request.params.caseId);
      if (!caseFile) return reply.problem(notFound('case'));
      const today = request.clock.today();
      const { guardianSuspectedOfInvolvement, ...draft } = request.body;
      const recorded = await db.transaction(async (tx) => {
        await lockCaseFile(tx, caseFile.id);
        const state = foldCaseEvents(
          (await listCaseEvents(tx, caseFile.id)).map((recorded) => recorded.event),
          settings,
        );
        // The case knows whether the person is presumed a child, not their age: an age that only
        // says which side of 18 they are on, or null while it is unknown.
        const ageInYears = state.child.presumedChild ? (state.child.ageBasis === 'unknown' ? null : 17) : 18;
        const decision = decideConsentRecording({
          consent: { ...draft, id: newId(), caseId: caseFile.id },
          ageInYears,
          guardianSuspectedOfInvolvement,
          today,
        });
        if (decision.outcome === 'refuse') throw new ProblemError(consentProblem(decision.refusal));
        // A guardian's consent is given by the guardian the case records as appointed, when it knows one.
        const appointed = state.child.guardian?.guardianId ?? null;
        if (draft.givenBy.kind === 'guardian' && appointed !== null && draft.givenBy.guardianId !== appointed)
          throw new ProblemError(
            problem(
              '/problems/consent/not-the-appointed-guardian',
              { status: 422, title: 'The consent names a guardian the case has not appointed' },
              {
                errors: [
                  {
                    pointer: '/body/givenBy/guardianId',
                    detail: "Use the guardian id of the case's guardian appointment",
                  },
                ],
              },
            ),
          );
        const consent = await insertConsent(tx, decision.consent, { at: request.clock.now(), by: actor.id });
        await appendAudit(
          tx,
          auditEntry(request, 'consent.record', 'success', subject(caseFile), {
            consentId: consent.id,
            purpose: consent.purpose,
          }),
        );
        return consent;
      });
      return reply.code(201).send(consentView(recorded, today));
    },
  );

  app.get(
    '/api/cases/:caseId/consents',
    {
      config: { action: 'case.view' },
      schema: {
        tags: ['cases'],
        params: CaseParams,
        response: { 200: z.object({ consents: z.array(ConsentView) }) },
      },
    },
    async (request, reply) => {
      const actor = userOf(request);
      const caseFile = await visibleCase(request, request.params.caseId);
      if (!caseFile) return reply.problem(notFound('case'));
      const today = request.clock.today();
      const owner = caseFile.ownerOrganisationId === actor.organisationId;
      // Another organisation sees only the consents that name it.
      const consents = (await listConsents(db, caseFile.id)).filter(
        (consent) => owner || consent.recipientOrganisationId === actor.organisationId,
      );
      return { consents: consents.map((consent) => consentView(consent, today)) };
    },
  );

  app.post(
    '/api/cases/:caseId/consents/:consentId/withdrawal',
    {
      config: { action: 'consent.withdraw' },
      schema: { tags: ['cases'], params: ConsentParams, response: { 200: ConsentWithdrawalView } },
    },
    async (request, reply) => {
      userOf(request);
      const caseFile = await visibleCase(request, request.params.caseId);
      if (!caseFile) return reply.problem(notFound('case'));
      const today = request.clock.today();
      const withdrawn = await db.transaction(async (tx) => {
        const consent = await lockConsent(tx, caseFile.id, request.params.consentId);
        if (!consent) return null;
        const decision = decideConsentWithdrawal(consent, today);
        if (decision.outcome === 'refuse') throw new ProblemError(consentProblem(decision.refusal));
        // The access the consent gave is checked at every read: it ends with this update.
        await markConsentWithdrawn(tx, consent.id, today);
        // The organisation that received data under the consent is told to stop using it.
        if (
          decision.notifyOrganisationId !== null &&
          decision.notifyOrganisationId !== caseFile.ownerOrganisationId
        )
          await insertNotifications(
            tx,
            [
              {
                kind: 'consent_withdrawn',
                to: { organisationId: decision.notifyOrganisationId },
                caseId: caseFile.id,
                details: { consentId: consent.id, revokedCategories: decision.revokedCategories.join(' ') },
              },
            ],
            { on: today, at: request.clock.now() },
          );
        await appendAudit(
          tx,
          auditEntry(request, 'consent.withdraw', 'success', subject(caseFile), { consentId: consent.id }),
        );
        return { ...decision, consent: { ...consent, withdrawnOn: today } };
      });
      if (!withdrawn) return reply.problem(notFound('consent'));
      return {
        consent: consentView(withdrawn.consent, today),
        revokedCategories: withdrawn.revokedCategories,
        notifyOrganisationId: withdrawn.notifyOrganisationId,
      };
    },
  );

  app.post(
    '/api/cases/:caseId/referrals',
    {
      config: { action: 'referral.create' },
      schema: {
        tags: ['cases'],
        params: CaseParams,
        body: ReferralInput,
        response: { 201: ReferralCreatedView },
      },
    },
    async (request, reply) => {
      const actor = userOf(request);
      const caseFile = await visibleCase(request, request.params.caseId);
      if (!caseFile) return reply.problem(notFound('case'));
      const { toOrganisationId, services, categories, override } = request.body;
      const receiver = await findOrganisationProfile(db, toOrganisationId);
      if (!receiver || receiver.id === caseFile.ownerOrganisationId)
        return reply.problem(unknownOrganisation());
      const today = request.clock.today();
      const now = request.clock.now();
      const created = await db.transaction(async (tx) => {
        await lockCaseFile(tx, caseFile.id);
        const state = foldCaseEvents(
          (await listCaseEvents(tx, caseFile.id)).map((recorded) => recorded.event),
          settings,
        );
        const decision = decideReferral({
          caseId: caseFile.id,
          caseIsClosed: state.closed !== null,
          personIsPresumedChild: state.child.presumedChild,
          receivingOrganisation: {
            id: receiver.id,
            providesServices: servicesOfferedTo(receiver, state.child.presumedChild),
            // Every organisation in the directory is domestic for now (ADR 0016).
            isHomeCountryAuthority: false,
          },
          requestedServices: services,
          requestedCategories: categories,
          consents: await listConsents(tx, caseFile.id),
          existingReferrals: await listReferralsOfCase(tx, caseFile.id),
          override: override ?? null,
          today,
        });
        if (decision.outcome === 'refuse') throw new ProblemError(referralProblem(decision.refusal));
        const referral = await insertReferral(tx, {
          id: newId(),
          caseId: caseFile.id,
          fromOrganisationId: actor.organisationId,
          toOrganisationId: receiver.id,
          services: decision.serviceKinds,
          sharedCategories: decision.sharedCategories,
          consentIds: decision.consentIds,
          override: decision.override && {
            legalBasis: decision.override.legalBasis,
            reason: decision.override.reason,
          },
          proposedOn: today,
          caseOwnerOrganisationId: caseFile.ownerOrganisationId,
          referredBy: actor.id,
          at: now,
        });
        const sent: CaseEvent = {
          type: 'referral_sent',
          occurredOn: today,
          referralId: referral.id,
          receivingOrganisationId: receiver.id,
          services: decision.serviceKinds,
        };
        const appended = await appendCaseEvent(tx, {
          caseId: caseFile.id,
          event: sent,
          recordedBy: actor.id,
          recordedByOrganisationId: actor.organisationId,
          at: now,
          today,
          settings,
        });
        if (appended.outcome === 'not-found') throw new ProblemError(notFound('case'));
        if (appended.outcome === 'refuse') throw new ProblemError(refusalProblem(appended.refusal));
        const ids = { referralId: referral.id, toOrganisationId: receiver.id };
        await appendAudit(tx, auditEntry(request, 'referral.create', 'success', subject(caseFile), ids));
        if (decision.override)
          await insertNotifications(
            tx,
            [
              {
                kind: 'override_without_consent',
                to: { role: 'data_protection_officer' },
                caseId: caseFile.id,
                details: {
                  referralId: referral.id,
                  toOrganisationId: receiver.id,
                  categoriesOnLegalBasis: decision.override.categoriesOnLegalBasis.join(' '),
                },
              },
            ],
            { on: today, at: now },
          );
        if (decision.override)
          // The reason stays with the referral: the audit log names the legal basis, never the text.
          await appendAudit(
            tx,
            auditEntry(request, 'referral.override', 'success', subject(caseFile), {
              ...ids,
              legalBasis: decision.override.legalBasis,
              categoriesOnLegalBasis: decision.override.categoriesOnLegalBasis.join(','),
              flaggedForDataProtectionOfficer: true,
            }),
          );
        return { referral, decision };
      });
      const { referral, decision } = created;
      return reply.code(201).send({
        id: referral.id,
        status: 'proposed' as const,
        sharedCategories: decision.sharedCategories,
        withheldCategories: decision.withheldCategories,
        override: decision.override && {
          legalBasis: decision.override.legalBasis,
          categoriesOnLegalBasis: decision.override.categoriesOnLegalBasis,
          notifyDataProtectionOfficer: true as const,
        },
      });
    },
  );

  app.get(
    '/api/cases/:caseId/referrals',
    {
      config: { action: 'case.view' },
      schema: {
        tags: ['cases'],
        params: CaseParams,
        response: { 200: z.object({ referrals: z.array(CaseReferralView) }) },
      },
    },
    async (request, reply) => {
      const actor = userOf(request);
      const caseFile = await visibleCase(request, request.params.caseId);
      if (!caseFile) return reply.problem(notFound('case'));
      // The owner sees every referral of the case; another organisation only those it sent or received.
      const referrals = (await listReferralsOfCase(db, caseFile.id)).filter(
        (referral) =>
          caseFile.ownerOrganisationId === actor.organisationId ||
          referral.toOrganisationId === actor.organisationId ||
          referral.fromOrganisationId === actor.organisationId,
      );
      return {
        referrals: referrals.map((referral) => ({
          id: referral.id,
          status: referral.status,
          fromOrganisationId: referral.fromOrganisationId,
          toOrganisationId: referral.toOrganisationId,
          services: [...referral.serviceKinds],
          sharedCategories: [...referral.sharedCategories],
          proposedOn: referral.proposedOn,
          respondedOn: referral.respondedOn,
          overridden: referral.overrideFlaggedForDpo,
        })),
      };
    },
  );

  app.get(
    '/api/referrals',
    {
      config: { action: 'referral.view' },
      schema: {
        tags: ['cases'],
        querystring: ReferralInboxQuery,
        response: { 200: z.object({ referrals: z.array(InboxReferralView) }) },
      },
    },
    async (request) => {
      request.authorize();
      const actor = userOf(request);
      const referrals = await listReferralInbox(db, {
        organisationId: actor.organisationId,
        ...request.query,
      });
      const regions = new Map<string, string | null>();
      for (const { fromOrganisationId } of referrals)
        if (!regions.has(fromOrganisationId))
          regions.set(
            fromOrganisationId,
            (await findOrganisationProfile(db, fromOrganisationId))?.region ?? null,
          );
      return {
        referrals: referrals.map((referral) => ({
          id: referral.id,
          caseId: referral.caseId,
          caseReference: referral.caseReference,
          status: referral.status,
          fromOrganisationId: referral.fromOrganisationId,
          toOrganisationId: referral.toOrganisationId,
          services: [...referral.serviceKinds],
          sharedCategories: [...referral.sharedCategories],
          proposedOn: referral.proposedOn,
          respondedOn: referral.respondedOn,
          presumedChild: referral.presumedChild,
          stage: referral.stage,
          region: regions.get(referral.fromOrganisationId) ?? null,
          overridden: referral.overrideFlaggedForDpo,
        })),
      };
    },
  );

  app.post(
    '/api/referrals/:referralId/response',
    {
      config: { action: 'referral.respond' },
      schema: {
        tags: ['cases'],
        params: ReferralParams,
        body: ReferralResponseInput,
        response: { 200: ReferralResponseView },
      },
    },
    async (request, reply) => {
      request.authorize();
      const actor = userOf(request);
      const { kind, reason, declineReason } = request.body;
      const today = request.clock.today();
      const now = request.clock.now();
      const answered = await db.transaction(async (tx) => {
        const referral = await lockReferral(tx, request.params.referralId);
        // A referral between other organisations is invisible: absent.
        if (
          !referral ||
          (referral.toOrganisationId !== actor.organisationId &&
            referral.fromOrganisationId !== actor.organisationId)
        )
          return null;
        const response =
          kind === 'decline'
            ? { kind, byOrganisationId: actor.organisationId, reason: reason ?? '' }
            : kind === 'withdraw'
              ? { kind, byOrganisationId: actor.organisationId, ...(reason === undefined ? {} : { reason }) }
              : { kind, byOrganisationId: actor.organisationId };
        const decision = decideReferralResponse(referral, response, today);
        if (decision.outcome === 'refuse') throw new ProblemError(referralProblem(decision.refusal));
        await updateReferralStatus(tx, referral.id, {
          status: decision.to,
          respondedOn: decision.respondedOn,
          reason: decision.reason,
          at: now,
        });
        const event: CaseEvent | null =
          kind === 'accept'
            ? { type: 'referral_accepted', occurredOn: today, referralId: referral.id }
            : kind === 'decline'
              ? {
                  type: 'referral_declined',
                  occurredOn: today,
                  referralId: referral.id,
                  reason: declineReason,
                }
              : kind === 'complete'
                ? { type: 'referral_completed', occurredOn: today, referralId: referral.id }
                : null;
        if (event) {
          const appended = await appendCaseEvent(tx, {
            caseId: referral.caseId,
            event,
            recordedBy: actor.id,
            recordedByOrganisationId: actor.organisationId,
            at: now,
            today,
            settings,
          });
          if (appended.outcome === 'not-found') throw new ProblemError(notFound('case'));
          if (appended.outcome === 'refuse') throw new ProblemError(refusalProblem(appended.refusal));
        }
        await appendAudit(
          tx,
          auditEntry(request, 'referral.respond', 'success', subject({ id: referral.caseId }), {
            referralId: referral.id,
            response: kind,
            status: decision.to,
          }),
        );
        return { id: referral.id, status: decision.to, respondedOn: decision.respondedOn };
      });
      if (!answered) return reply.problem(notFound('referral'));
      return answered;
    },
  );
};
