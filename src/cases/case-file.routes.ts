import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { findOrganisationProfile, type OrganisationKind } from '../directory/index.js';
import { notFound, type Problem, type ProblemShape, problem } from '../http/problem.js';
import { addDays, type IsoDate } from '../kernel/dates.js';
import type { Platform } from '../platform.js';
import { appendAudit } from '../security/audit.store.js';
import { auditEntry } from '../security/audit-entry.js';
import { readableCaseCategories } from './case-access.js';
import type { CaseEvent, CaseEventOf } from './case-events.js';
import {
  CaseEventInput,
  CaseListQuery,
  CaseOpening,
  CaseParams,
  CaseSummaryView,
  CaseView,
  DashboardDeadline,
  type dashboardGroups,
  RecordedEventView,
} from './case-file.schema.js';
import {
  appendCaseEvent,
  type CaseFile,
  findCaseFile,
  listCaseEvents,
  listCaseFiles,
  listDeadlinesOf,
  type RecordedCaseEvent,
} from './case-file.store.js';
import { decideCaseOpening, openCaseFile } from './case-opening.js';
import type { CaseSettings } from './case-settings.js';
import type { DataCategory } from './consent.js';
import { type Deadline, deadlinesOf, statusOn } from './deadlines.js';
import { eventDetailsFor, mayReadDetails, serviceCategoryOf } from './event-visibility.js';
import {
  type CaseEventRefusal,
  type CaseEventRefusalKind,
  type CaseState,
  currentRiskAssessment,
  foldCaseEvents,
} from './lifecycle.js';
import { insertNotifications } from './notification.store.js';
import { notificationsForEvent } from './notification-rules.js';
import { accommodatesChildren } from './referral-services.js';

/** The dashboard shows at most this many deadlines, the earliest first. */
export const DASHBOARD_LIMIT = 500;

// 409: the case is not in a state that takes this event now; 422: a rule refuses what it says;
// 400: a date the request gives is out of order, named as the field at fault.
const refusalProblems = {
  'case-closed': { status: 409, title: 'The case is closed' },
  'case-not-closed': { status: 409, title: 'The case is not closed' },
  'not-identified': { status: 409, title: 'The case has no identification yet' },
  'already-identified': { status: 409, title: 'The case is already identified' },
  'date-in-future': { status: 400, title: 'The event is dated in the future' },
  'date-out-of-order': { status: 400, title: 'The event is dated before what it follows' },
  'reflection-already-running': { status: 409, title: 'A reflection period is running' },
  'no-reflection-running': { status: 409, title: 'No reflection period is running' },
  'reflection-too-short': { status: 422, title: 'The reflection period is too short' },
  'permit-too-short': { status: 422, title: 'The residence permit is too short' },
  'permit-already-in-force': { status: 409, title: 'A permit of this kind is in force' },
  'no-permit-in-force': { status: 409, title: 'No residence permit is in force' },
  'no-pending-permit-application': { status: 409, title: 'No application for this permit is pending' },
  'risk-assessment-missing': { status: 422, title: 'A current risk assessment is missing' },
  'return-not-assessed-safe': { status: 422, title: 'Return has not been assessed safe' },
  'child-safeguards-missing': { status: 422, title: 'A guardian or best-interests determination is missing' },
  'referral-not-awaiting-answer': { status: 409, title: 'The referral is not awaiting an answer' },
  'referral-not-accepted': { status: 409, title: 'The referral was not accepted' },
  'service-already-running': { status: 409, title: 'This service is already running' },
  'service-not-running': { status: 409, title: 'This service is not running' },
  'already-a-witness': { status: 409, title: 'The person is already a witness' },
  'claim-already-decided': { status: 409, title: 'The compensation claim is already decided' },
  'unknown-record': { status: 422, title: 'The event refers to a record the case does not have' },
  'duplicate-record': { status: 409, title: 'The record already exists in the case' },
} satisfies Record<CaseEventRefusalKind, ProblemShape>;

/** A refused event as a problem: its type names the rule's kind, `detail` is the rule itself. */
export function refusalProblem(refusal: CaseEventRefusal, pointerPrefix = '/body'): Problem {
  const { kind, rule, ...facts } = refusal;
  const date =
    kind === 'date-out-of-order'
      ? { errors: [{ pointer: `${pointerPrefix}/${refusal.field}`, detail: rule }] }
      : kind === 'date-in-future'
        ? { errors: [{ pointer: `${pointerPrefix}/occurredOn`, detail: rule }] }
        : {};
  return problem(`/problems/case/${kind}`, refusalProblems[kind], { detail: rule, ...facts, ...date });
}

export const concurrentChange = () =>
  problem(
    '/problems/case/concurrent-change',
    { status: 409, title: 'The case changed while this was recorded' },
    { detail: 'Nothing was recorded. Reload the case and try again.' },
  );

/** The first field of an event naming an organisation that does not exist, if any. */
export async function firstUnknownOrganisation(
  event: object,
  organisationExists: (id: string) => Promise<boolean>,
): Promise<string | null> {
  for (const [field, value] of Object.entries(event))
    if (field.endsWith('OrganisationId') && typeof value === 'string' && !(await organisationExists(value)))
      return field;
  return null;
}

/**
 * The field naming a place that does not suit a presumed child, if the event houses one there:
 * safe accommodation started, or a placement in a shelter or residential care (acceptance 4).
 */
export async function childAccommodationField(
  event: CaseEvent,
  presumedChild: boolean,
  profileOf: (id: string) => Promise<{ kind: OrganisationKind; accommodatesChildren: boolean } | null>,
): Promise<string | null> {
  if (!presumedChild) return null;
  const housing =
    (event.type === 'service_started' && event.serviceKind === 'safe_accommodation') ||
    (event.type === 'placement_decided' && ['shelter', 'residential_care'].includes(event.placement));
  if (!housing || !('providerOrganisationId' in event) || !event.providerOrganisationId) return null;
  const provider = await profileOf(event.providerOrganisationId);
  return provider && !accommodatesChildren(provider) ? 'providerOrganisationId' : null;
}

const subject = (caseFile: Pick<CaseFile, 'id'>) => ({ type: 'case', id: caseFile.id });

/** Which dashboard group a deadline falls in on `today`. */
export function dashboardGroupOf(dueOn: IsoDate, today: IsoDate): (typeof dashboardGroups)[number] {
  if (dueOn < today) return 'overdue';
  if (dueOn <= addDays(today, 7)) return 'next_7_days';
  if (dueOn <= addDays(today, 30)) return 'next_30_days';
  return 'later';
}

export const caseFileRoutes: FastifyPluginAsyncZod<{ platform: Platform; settings: CaseSettings }> = async (
  app,
  { platform, settings },
) => {
  const { db, keyring } = platform;

  const deadlineView = (deadline: Deadline) => ({
    kind: deadline.kind,
    dueOn: deadline.dueOn,
    status: deadline.status,
    reason: deadline.reason,
    organisationId: deadline.organisationId,
  });

  const readableCategories = (request: FastifyRequest, caseFile: CaseFile, state: CaseState) =>
    readableCaseCategories(db, platform.policy, request.actor, caseFile, state, {
      now: request.clock.now(),
      today: request.clock.today(),
    });

  const caseView = (
    request: FastifyRequest,
    caseFile: CaseFile,
    state: CaseState,
    history: readonly RecordedCaseEvent[],
    readable: readonly DataCategory[],
  ) => {
    const latest = state.risk.latestAssessment;
    return {
      id: caseFile.id,
      reference: caseFile.reference,
      personId: readable.includes('identity') ? caseFile.personId : null,
      ownerOrganisationId: caseFile.ownerOrganisationId,
      readableCategories: [...readable],
      stage: state.stage,
      openedOn: caseFile.openedOn,
      closedOn: state.closed?.closedOn ?? null,
      child: {
        presumedChild: state.child.presumedChild,
        ageBasis: state.child.ageBasis,
        guardianAppointedOn: state.child.guardian?.appointedOn ?? null,
        guardianId: state.child.guardian?.guardianId ?? null,
        bestInterestsDeterminedOn: state.child.bestInterests?.determinedOn ?? null,
        recommendedSolution: state.child.bestInterests?.recommendedSolution ?? null,
      },
      reflection: state.reflection,
      permit: state.permit,
      risk: {
        latestAssessmentOn: latest?.assessed.on ?? null,
        latestOutcome: latest?.outcome ?? null,
        current: currentRiskAssessment(state) !== null,
      },
      restrictedNotice:
        caseFile.restrictedNoticeOfficerId === null
          ? null
          : {
              flaggedOn: caseFile.restrictedNoticeFlaggedOn ?? caseFile.openedOn,
              designatedOfficerId: caseFile.restrictedNoticeOfficerId,
            },
      services: state.services
        .filter((episode) => mayReadDetails(serviceCategoryOf(episode.serviceKind), readable))
        .map((episode) => ({ ...episode })),
      supportPlan:
        state.supportPlan && readable.some((category) => category !== 'statistics')
          ? { agreedOn: state.supportPlan.agreedOn, services: [...state.supportPlan.services] }
          : null,
      proceedings:
        state.proceedings && readable.includes('legal')
          ? {
              ...state.proceedings,
              protectiveMeasuresRequested: [...state.proceedings.protectiveMeasuresRequested],
              protectiveMeasuresGranted: [...state.proceedings.protectiveMeasuresGranted],
            }
          : null,
      compensationClaims: readable.includes('legal')
        ? state.compensationClaims.map((claim) => ({ ...claim }))
        : [],
      timeline: [...history].reverse().map((recorded) => ({
        seq: recorded.seq,
        type: recorded.event.type,
        occurredOn: recorded.event.occurredOn,
        recordedAt: recorded.recordedAt.toISOString(),
        recordedBy: recorded.recordedBy,
        recordedByOrganisationId: recorded.recordedByOrganisationId,
        details: eventDetailsFor(recorded.event, readable),
      })),
      deadlines: deadlinesOf(state, settings, request.clock.today()).map(deadlineView),
      allowedActions: request.allowedActions('case', caseFile),
    };
  };

  app.post(
    '/api/cases',
    {
      config: { action: 'case.open' },
      schema: { tags: ['cases'], body: CaseOpening, response: { 201: CaseView } },
    },
    async (request, reply) => {
      request.authorize();
      const { actor } = request;
      if (actor.kind !== 'user') throw new Error('only a signed-in user opens a case');
      const identified: CaseEventOf<'identified'> = { type: 'identified', ...request.body.identified };
      const today = request.clock.today();
      const decision = decideCaseOpening(identified, settings, today);
      if (decision.outcome === 'refuse')
        return reply.problem(refusalProblem(decision.refusal, '/body/identified'));
      const opened = await db.transaction(async (tx) => {
        const result = await openCaseFile(tx, keyring, {
          identity: request.body.identity,
          identified,
          recordedBy: actor.id,
          recordedByOrganisationId: actor.organisationId,
          ownerOrganisationId: actor.organisationId,
          at: request.clock.now(),
          today,
          settings,
        });
        await appendAudit(tx, auditEntry(request, 'case.open', 'success', subject(result.caseFile)));
        return result;
      });
      const readable = await readableCategories(request, opened.caseFile, opened.state);
      return reply.code(201).send(caseView(request, opened.caseFile, opened.state, opened.history, readable));
    },
  );

  app.get(
    '/api/cases',
    {
      config: { action: 'case.view' },
      schema: {
        tags: ['cases'],
        querystring: CaseListQuery,
        response: { 200: z.object({ cases: z.array(CaseSummaryView) }) },
      },
    },
    async (request) => {
      const { limit, offset, ...filters } = request.query;
      const caseFiles = await listCaseFiles(db, request.permittedWhere(), filters, { limit, offset });
      return {
        cases: caseFiles.map((caseFile) => ({
          id: caseFile.id,
          reference: caseFile.reference,
          stage: caseFile.stage,
          presumedChild: caseFile.presumedChild,
          openedOn: caseFile.openedOn,
          ownerOrganisationId: caseFile.ownerOrganisationId,
          nextDeadline: caseFile.nextDeadline,
        })),
      };
    },
  );

  app.get(
    '/api/cases/:caseId',
    {
      config: { action: 'case.view' },
      schema: { tags: ['cases'], params: CaseParams, response: { 200: CaseView } },
    },
    async (request, reply) => {
      const caseFile = await findCaseFile(db, request.params.caseId, request.permittedWhere());
      if (!caseFile) return reply.problem(notFound('case')); // invisible = absent
      request.authorize(caseFile);
      const history = await listCaseEvents(db, caseFile.id);
      const state = foldCaseEvents(
        history.map((recorded) => recorded.event),
        settings,
      );
      return caseView(request, caseFile, state, history, await readableCategories(request, caseFile, state));
    },
  );

  app.post(
    '/api/cases/:caseId/events',
    {
      config: { action: 'case.record-event' },
      schema: {
        tags: ['cases'],
        params: CaseParams,
        body: CaseEventInput,
        response: { 201: RecordedEventView },
      },
    },
    async (request, reply) => {
      const { actor } = request;
      if (actor.kind !== 'user') throw new Error('only a signed-in user records a case event');
      const visible = await findCaseFile(db, request.params.caseId, request.permittedWhere('case.view'));
      if (!visible) return reply.problem(notFound('case'));
      request.authorize(visible);
      const unknownOrganisation = await firstUnknownOrganisation(request.body, platform.organisationExists);
      if (unknownOrganisation)
        return reply.problem(
          problem(
            '/problems/case/unknown-organisation',
            { status: 422, title: 'The event names an organisation the directory does not know' },
            {
              errors: [
                {
                  pointer: `/body/${unknownOrganisation}`,
                  detail: 'Choose an organisation from the directory',
                },
              ],
            },
          ),
        );
      const childPlace = await childAccommodationField(request.body, visible.presumedChild, (id) =>
        findOrganisationProfile(db, id),
      );
      if (childPlace)
        return reply.problem(
          problem(
            '/problems/case/accommodation-not-for-children',
            { status: 422, title: 'A presumed child is housed only where the accommodation suits children' },
            {
              errors: [
                {
                  pointer: `/body/${childPlace}`,
                  detail: 'Choose a child protection authority or accommodation marked as suited to children',
                },
              ],
            },
          ),
        );
      const appended = await db
        .transaction(async (tx) => {
          const outcome = await appendCaseEvent(tx, {
            caseId: visible.id,
            event: request.body,
            recordedBy: actor.id,
            recordedByOrganisationId: actor.organisationId,
            at: request.clock.now(),
            today: request.clock.today(),
            settings,
          });
          if (outcome.outcome === 'accept')
            await insertNotifications(
              tx,
              notificationsForEvent(outcome.event, outcome.state, {
                caseId: visible.id,
                acceptedReferralOrganisationIds: visible.acceptedReferralOrganisationIds,
                recordedByOrganisationId: actor.organisationId,
              }),
              { on: request.clock.today(), at: request.clock.now() },
            );
          if (outcome.outcome === 'accept')
            await appendAudit(
              tx,
              auditEntry(request, 'case.event', 'success', subject(visible), { type: outcome.event.type }),
            );
          return outcome;
        })
        .catch((error: unknown) => {
          // Only if two appends race past the lock (they should not): refused, never lost.
          if ((error as { code?: string }).code === '23505') return { outcome: 'conflict' as const };
          throw error;
        });
      if (appended.outcome === 'not-found') return reply.problem(notFound('case'));
      if (appended.outcome === 'conflict') return reply.problem(concurrentChange());
      if (appended.outcome === 'refuse') return reply.problem(refusalProblem(appended.refusal));
      return reply.code(201).send({
        seq: appended.seq,
        event: appended.event,
        stage: appended.state.stage,
        deadlines: appended.deadlines.map(deadlineView),
      });
    },
  );

  app.get(
    '/api/deadlines',
    {
      config: { action: 'deadline.view' },
      schema: {
        tags: ['cases'],
        response: { 200: z.object({ deadlines: z.array(DashboardDeadline) }) },
      },
    },
    async (request) => {
      request.authorize();
      const { actor } = request;
      if (actor.kind !== 'user') return { deadlines: [] };
      const today = request.clock.today();
      const deadlines = await listDeadlinesOf(db, actor.organisationId, DASHBOARD_LIMIT);
      return {
        deadlines: deadlines.map((deadline) => ({
          caseId: deadline.caseId,
          caseReference: deadline.caseReference,
          kind: deadline.kind,
          dueOn: deadline.dueOn,
          reason: deadline.reason,
          status: statusOn(deadline.dueOn, today, settings),
          group: dashboardGroupOf(deadline.dueOn, today),
        })),
      };
    },
  );
};
