import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type CaseEventOf, type CaseSettings, decideCaseOpening, openCaseFile } from '../cases/index.js';
import { findOrganisationProfile } from '../directory/index.js';
import { notFound, type Problem, type ProblemShape, problem, validationProblem } from '../http/problem.js';
import { newId } from '../kernel/ids.js';
import type { Platform } from '../platform.js';
import { appendAudit } from '../security/audit.store.js';
import { auditEntry } from '../security/audit-entry.js';
import { forbidden } from '../security/security.plugin.js';
import { closesNextDay, isReachableAt } from './contact-point.js';
import {
  ContactPointChange,
  ContactPointInput,
  ContactPointParams,
  ContactPointQuery,
  ContactPointView,
  ConvertedView,
  contactPointGaps,
  IntakeConversion,
  IntakeListQuery,
  IntakeOpening,
  IntakeParams,
  IntakeSummaryView,
  IntakeView,
  PublishedSetView,
  ScreeningRequest,
  ScreeningView,
  SetParams,
  SetPublication,
  SetSummaryView,
  StatisticsQuery,
  StatisticsView,
} from './identification.schema.js';
import {
  appendScreening,
  type ContactPoint,
  findContactPoint,
  findIntake,
  findLatestVersion,
  findQuestionnaireSet,
  type IntakeSummary,
  insertContactPoint,
  insertIntake,
  insertQuestionnaireSet,
  listContactPoints,
  listIdentifications,
  listIntakes,
  listQuestionnaireSets,
  markIntakeConverted,
  retireContactPoint,
  type StoredIntake,
  type StoredScreening,
  updateContactPoint,
} from './identification.store.js';
import { countIdentifications } from './identification-statistics.js';
import {
  decideIntakeConversion,
  decideIntakeScreening,
  type IntakeConversionRefusal,
  type IntakeScreeningRefusal,
} from './intake.js';
import { type QuestionnaireSet, questionsOf } from './questionnaire.js';
import { decideScreeningOutcome, type RecordedIndicator, recommendedNextStep } from './screening.js';

// --- Problems -------------------------------------------------------------------------------

// Every refusal names the question (or field) at fault as a JSON pointer into the request body.
const screeningProblems = {
  'wrong-questionnaire': { status: 422, title: 'The answers are for another questionnaire' },
  'version-mismatch': { status: 422, title: 'The answers name a questionnaire version that does not exist' },
  'unknown-question': { status: 422, title: 'An answer is for a question the questionnaire does not have' },
  'invalid-answer': { status: 422, title: 'An answer is not one the question accepts' },
  'missing-required-answer': { status: 422, title: 'A required question was not answered' },
  'already-converted': { status: 409, title: 'The intake is already a case' },
} satisfies Record<IntakeScreeningRefusal['kind'], ProblemShape>;

function screeningProblem(refusal: IntakeScreeningRefusal): Problem {
  const type = `/problems/screening/${refusal.kind}`;
  const shape = screeningProblems[refusal.kind];
  switch (refusal.kind) {
    case 'wrong-questionnaire':
      return problem(type, shape, { errors: [{ pointer: '/body/setId', detail: shape.title }] });
    case 'version-mismatch':
      return problem(type, shape, {
        latestVersion: refusal.expected,
        errors: [{ pointer: '/body/setVersion', detail: `The latest version is ${refusal.expected}` }],
      });
    case 'unknown-question':
    case 'invalid-answer':
    case 'missing-required-answer':
      return problem(type, shape, {
        questionId: refusal.questionId,
        errors: [{ pointer: `/body/answers/${refusal.questionId}`, detail: shape.title }],
      });
    case 'already-converted':
      return problem(type, shape, { caseId: refusal.caseId });
  }
}

const unknownQuestionnaire = () =>
  problem(
    '/problems/screening/unknown-questionnaire',
    { status: 422, title: 'No questionnaire with this id' },
    { errors: [{ pointer: '/body/setId', detail: 'No questionnaire with this id' }] },
  );

const conversionProblems = {
  'already-converted': { status: 409, title: 'The intake is already a case' },
  'no-screening-recorded': { status: 409, title: 'The intake has no screening yet' },
  'no-presumption-yet': {
    status: 422,
    title: 'The latest screening did not find a presumed victim: open the case on professional judgement',
  },
} satisfies Record<IntakeConversionRefusal['kind'], ProblemShape>;

function conversionProblem(refusal: IntakeConversionRefusal): Problem {
  const { kind, ...facts } = refusal;
  const pointer =
    kind === 'no-presumption-yet'
      ? { errors: [{ pointer: '/body/basis', detail: conversionProblems[kind].title }] }
      : {};
  return problem(`/problems/intake/${kind}`, conversionProblems[kind], { ...facts, ...pointer });
}

const setVersionNotNext = (expected: number) =>
  problem(
    '/problems/questionnaire/version-not-next',
    { status: 409, title: 'A new version must follow the latest one' },
    {
      expectedVersion: expected,
      errors: [{ pointer: '/body/set/version', detail: `Publish this as version ${expected}` }],
    },
  );

const organisationNotFound = () =>
  problem(
    '/problems/contact-point/unknown-organisation',
    { status: 422, title: 'No organisation with this id' },
    { errors: [{ pointer: '/body/organisationId', detail: 'No organisation with this id' }] },
  );

const contactPointRetired = () =>
  problem('/problems/contact-point/retired', {
    status: 409,
    title: 'The contact point is retired: add a new one instead',
  });

/** A PATCH body without the keys left out, so that merging it keeps the stored values. */
const dropUndefined = <T extends object>(change: T): Partial<T> =>
  Object.fromEntries(Object.entries(change).filter(([, value]) => value !== undefined)) as Partial<T>;

// --- Views ----------------------------------------------------------------------------------

const summaryView = (intake: IntakeSummary | (StoredIntake & { screeningCount?: number })) => ({
  id: intake.id,
  channel: intake.channel,
  receivingOrganisationId: intake.receivingOrganisationId,
  receivedOn: intake.receivedOn,
  selfIdentified: intake.selfIdentified,
  monthsInCountry: intake.monthsInCountry,
  latestResult: intake.latestResult,
  screeningCount: 'screenings' in intake ? intake.screenings.length : (intake.screeningCount ?? 0),
  caseId: intake.conversion?.caseId ?? null,
  convertedOn: intake.conversion?.convertedOn ?? null,
});

/** A recorded screening, decided again on the version it was answered on: the explained result. */
function screeningView(screening: StoredScreening, set: QuestionnaireSet) {
  const decision = decideScreeningOutcome(set, screening.answers);
  if (decision.outcome === 'refuse') throw new Error('a recorded screening no longer fits its own version');
  const questions = new Map(questionsOf(set).map((question) => [question.id, question]));
  const withText = (indicator: RecordedIndicator) => {
    const question = questions.get(indicator.questionId)!;
    const option = question.options?.find((candidate) => candidate.id === indicator.optionId);
    return {
      ...indicator,
      text: option
        ? { en: `${question.text.en} ${option.text.en}`, ro: `${question.text.ro} ${option.text.ro}` }
        : question.text,
    };
  };
  const { screening: decided } = decision;
  return {
    seq: screening.seq,
    setId: decided.setId,
    setVersion: decided.setVersion,
    screenedOn: screening.screenedOn,
    result: decided.result,
    screenedAs: decided.screenedAs,
    nextStep: recommendedNextStep(decided.result),
    forms: [...decided.forms],
    elementsEstablished: [...decided.elementsEstablished],
    indicators: {
      act: decided.indicators.act.map(withText),
      means: decided.indicators.means.map(withText),
      purpose: decided.indicators.purpose.map(withText),
    },
    explanation: decided.explanation,
  };
}

// --- Routes ---------------------------------------------------------------------------------

export const identificationRoutes: FastifyPluginAsyncZod<{
  platform: Platform;
  settings: CaseSettings;
}> = async (app, { platform, settings }) => {
  const { db, keyring } = platform;

  const intakeView = async (intake: StoredIntake, allowedActions: string[]) => {
    const sets = new Map<string, QuestionnaireSet>();
    const screenings = [];
    for (const screening of intake.screenings) {
      const key = `${screening.answers.setId}@${screening.answers.setVersion}`;
      if (!sets.has(key)) {
        const published = await findQuestionnaireSet(
          db,
          screening.answers.setId,
          screening.answers.setVersion,
        );
        if (!published) throw new Error(`questionnaire ${key} is missing`);
        sets.set(key, published.set);
      }
      screenings.push(screeningView(screening, sets.get(key)!));
    }
    return { ...summaryView(intake), screenings, allowedActions };
  };

  // --- Questionnaire sets ---

  app.get(
    '/api/questionnaires',
    {
      config: { action: 'questionnaire.view' },
      schema: { tags: ['identification'], response: { 200: z.object({ sets: z.array(SetSummaryView) }) } },
    },
    async () => {
      const published = await listQuestionnaireSets(db);
      const latest = new Map<string, number>();
      for (const { set } of published) latest.set(set.id, Math.max(latest.get(set.id) ?? 0, set.version));
      return {
        sets: published.map(({ set, builtin, publishedAt }) => ({
          id: set.id,
          version: set.version,
          audience: set.audience,
          title: set.title,
          builtin,
          publishedAt: publishedAt.toISOString(),
          latest: latest.get(set.id) === set.version,
          questionCount: questionsOf(set).length,
        })),
      };
    },
  );

  app.get(
    '/api/questionnaires/:setId/versions/:version',
    {
      config: { action: 'questionnaire.view' },
      schema: { tags: ['identification'], params: SetParams, response: { 200: PublishedSetView } },
    },
    async (request, reply) => {
      const { setId, version } = request.params;
      const published = await findQuestionnaireSet(db, setId, version);
      if (!published) return reply.problem(notFound('questionnaire version'));
      return {
        set: published.set,
        builtin: published.builtin,
        publishedAt: published.publishedAt.toISOString(),
        latest: (await findLatestVersion(db, setId)) === version,
      };
    },
  );

  app.post(
    '/api/questionnaires',
    {
      config: { action: 'questionnaire.publish' },
      schema: { tags: ['identification'], body: SetPublication, response: { 201: PublishedSetView } },
    },
    async (request, reply) => {
      request.authorize();
      const { set } = request.body;
      const at = request.clock.now();
      const published = await db.transaction(async (tx) => {
        const latest = await findLatestVersion(tx, set.id);
        const expected = (latest ?? 0) + 1;
        if (set.version !== expected) return { outcome: 'refuse' as const, expected };
        if (!(await insertQuestionnaireSet(tx, set, request.actor.id ?? 'system', at)))
          return { outcome: 'refuse' as const, expected: expected + 1 };
        await appendAudit(
          tx,
          auditEntry(request, 'questionnaire.publish', 'success', {
            type: 'questionnaire',
            id: `${set.id}@${set.version}`,
          }),
        );
        return { outcome: 'published' as const };
      });
      if (published.outcome === 'refuse') return reply.problem(setVersionNotNext(published.expected));
      return reply.code(201).send({ set, builtin: false, publishedAt: at.toISOString(), latest: true });
    },
  );

  // --- Intakes ---

  app.post(
    '/api/intakes',
    {
      config: { action: 'intake.create' },
      schema: { tags: ['identification'], body: IntakeOpening, response: { 201: IntakeView } },
    },
    async (request, reply) => {
      request.authorize();
      const { actor } = request;
      if (actor.kind !== 'user') throw new Error('only a signed-in user records an intake');
      const { channel, receivedOn, selfIdentified, monthsInCountry } = request.body;
      const today = request.clock.today();
      if (receivedOn !== undefined && receivedOn > today)
        return reply.problem(
          problem(
            '/problems/intake/date-in-future',
            { status: 400, title: 'The intake is dated in the future' },
            { errors: [{ pointer: '/body/receivedOn', detail: 'Enter today or an earlier date' }] },
          ),
        );
      const id = newId();
      await db.transaction(async (tx) => {
        await insertIntake(
          tx,
          {
            id,
            channel,
            receivingOrganisationId: actor.organisationId,
            receivedOn: receivedOn ?? today,
            selfIdentified: selfIdentified ?? channel === 'self_referral',
            monthsInCountry: monthsInCountry ?? null,
            recordedBy: actor.id,
          },
          request.clock.now(),
        );
        await appendAudit(tx, auditEntry(request, 'intake.create', 'success', { type: 'intake', id }));
      });
      const intake = (await findIntake(db, id))!;
      return reply.code(201).send(await intakeView(intake, request.allowedActions('intake', intake)));
    },
  );

  app.get(
    '/api/intakes',
    {
      config: { action: 'intake.view' },
      schema: {
        tags: ['identification'],
        querystring: IntakeListQuery,
        response: { 200: z.object({ intakes: z.array(IntakeSummaryView) }) },
      },
    },
    async (request) => {
      const { limit, offset, ...filters } = request.query;
      const intakes = await listIntakes(db, request.permittedWhere(), filters, { limit, offset });
      return { intakes: intakes.map(summaryView) };
    },
  );

  app.get(
    '/api/intakes/:intakeId',
    {
      config: { action: 'intake.view' },
      schema: { tags: ['identification'], params: IntakeParams, response: { 200: IntakeView } },
    },
    async (request, reply) => {
      const intake = await findIntake(db, request.params.intakeId, request.permittedWhere());
      if (!intake) return reply.problem(notFound('intake'));
      request.authorize(intake);
      return intakeView(intake, request.allowedActions('intake', intake));
    },
  );

  app.post(
    '/api/intakes/:intakeId/screenings',
    {
      config: { action: 'intake.screen' },
      schema: {
        tags: ['identification'],
        params: IntakeParams,
        body: ScreeningRequest,
        response: { 201: ScreeningView },
      },
    },
    async (request, reply) => {
      const visible = await findIntake(db, request.params.intakeId, request.permittedWhere('intake.view'));
      if (!visible) return reply.problem(notFound('intake'));
      request.authorize(visible);
      const { setId, setVersion, answers } = request.body;
      const latest = await findLatestVersion(db, setId);
      if (latest === null) return reply.problem(unknownQuestionnaire());
      const published = await findQuestionnaireSet(db, setId, setVersion);
      if (!published)
        return reply.problem(
          screeningProblem({ kind: 'version-mismatch', expected: latest, given: setVersion }),
        );
      const recorded = await db.transaction(async (tx) => {
        const intake = await findIntake(tx, visible.id, undefined, { forUpdate: true });
        if (!intake) throw new Error('an intake seen a moment ago is gone');
        const decision = decideIntakeScreening(
          intake,
          published.set,
          { setId, setVersion, answers },
          request.clock.today(),
        );
        if (decision.outcome === 'refuse') return decision;
        const seq = await appendScreening(
          tx,
          intake.id,
          decision.screening,
          request.actor.id ?? 'system',
          request.clock.now(),
        );
        await appendAudit(
          tx,
          auditEntry(request, 'intake.screen', 'success', { type: 'intake', id: intake.id }, { seq }),
        );
        return { outcome: 'record' as const, screening: { ...decision.screening, seq } };
      });
      if (recorded.outcome === 'refuse') return reply.problem(screeningProblem(recorded.refusal));
      const stored: StoredScreening = {
        ...recorded.screening,
        recordedBy: request.actor.id ?? 'system',
        recordedAt: request.clock.now(),
      };
      return reply.code(201).send(screeningView(stored, published.set));
    },
  );

  app.post(
    '/api/intakes/:intakeId/case',
    {
      config: { action: 'intake.convert' },
      schema: {
        tags: ['identification'],
        params: IntakeParams,
        body: IntakeConversion,
        response: { 201: ConvertedView },
      },
    },
    async (request, reply) => {
      const { actor } = request;
      if (actor.kind !== 'user') throw new Error('only a signed-in user opens a case');
      const visible = await findIntake(db, request.params.intakeId, request.permittedWhere('intake.view'));
      if (!visible) return reply.problem(notFound('intake'));
      request.authorize(visible);
      // Opening a case from an intake is opening a case: the actor needs that right as well.
      if (!platform.policy.decide({ actor, action: 'case.open', now: request.clock.now() }).allowed)
        throw forbidden('case.open');
      const today = request.clock.today();
      const decision = decideIntakeConversion(visible, {
        basis: request.body.basis,
        identifyingOrganisationId: visible.receivingOrganisationId,
        selfIdentified: visible.selfIdentified,
        convertedOn: today,
      });
      if (decision.outcome === 'refuse') return reply.problem(conversionProblem(decision.refusal));
      const { caseOpening } = decision;
      // The presumption of trafficking (002 l. 1260): the identification is all a case needs.
      const identified: CaseEventOf<'identified'> = {
        type: 'identified',
        occurredOn: caseOpening.identifiedOn,
        channel: caseOpening.channel,
        identifyingOrganisationId: caseOpening.identifyingOrganisationId,
        selfIdentified: caseOpening.selfIdentified,
        isChild: caseOpening.isChild,
        scope: null,
        formsOfExploitation: [...caseOpening.formsOfExploitation],
        meansOfControl: [],
        recruiterRelation: 'unknown',
      };
      const opening = decideCaseOpening(identified, settings, today);
      if (opening.outcome === 'refuse')
        return reply.problem(
          problem(
            `/problems/case/${opening.refusal.kind}`,
            { status: 409, title: 'The case cannot be opened' },
            {
              detail: opening.refusal.rule,
            },
          ),
        );
      const opened = await db.transaction(async (tx) => {
        const locked = await findIntake(tx, visible.id, undefined, { forUpdate: true });
        if (locked?.conversion) return { outcome: 'refuse' as const, caseId: locked.conversion.caseId };
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
        const marked = await markIntakeConverted(tx, visible.id, {
          caseId: result.caseFile.id,
          convertedOn: today,
          convertedBy: actor.id,
        });
        if (!marked) throw new Error('an intake locked for conversion was converted by another request');
        await appendAudit(
          tx,
          auditEntry(
            request,
            'case.open',
            'success',
            { type: 'case', id: result.caseFile.id },
            { intakeId: visible.id },
          ),
        );
        await appendAudit(
          tx,
          auditEntry(
            request,
            'intake.convert',
            'success',
            { type: 'intake', id: visible.id },
            {
              caseId: result.caseFile.id,
              basis: caseOpening.basis,
            },
          ),
        );
        return { outcome: 'opened' as const, ...result };
      });
      if (opened.outcome === 'refuse')
        return reply.problem(conversionProblem({ kind: 'already-converted', caseId: opened.caseId }));
      return reply.code(201).send({
        intakeId: visible.id,
        caseId: opened.caseFile.id,
        caseReference: opened.caseFile.reference,
        stage: opened.state.stage,
        presumedChild: opened.state.child.presumedChild,
      });
    },
  );

  // --- Contact points ---

  const contactPointViews = async (
    contactPoints: readonly (ContactPoint & { retiredAt?: Date | null })[],
    now: Date,
    allowedActions?: (contactPoint: ContactPoint) => string[],
  ) => {
    const names = await platform.organisationNames([
      ...new Set(contactPoints.map((point) => point.organisationId)),
    ]);
    return contactPoints.map(({ retiredAt, ...point }) => ({
      ...point,
      weeklyHours: point.weeklyHours.map((opening) => ({
        ...opening,
        closesNextDay: closesNextDay(opening),
      })),
      organisationName: names.get(point.organisationId) ?? null,
      openNow: retiredAt ? false : isReachableAt(point, now, platform.config.timeZone),
      retired: Boolean(retiredAt),
      ...(allowedActions ? { allowedActions: retiredAt ? [] : allowedActions(point) } : {}),
    }));
  };

  app.get(
    '/api/contact-points',
    {
      config: { action: 'contact-point.view' },
      schema: {
        tags: ['identification'],
        querystring: ContactPointQuery,
        response: { 200: z.object({ contactPoints: z.array(ContactPointView) }) },
      },
    },
    async (request) => {
      const views = await contactPointViews(await listContactPoints(db), request.clock.now(), (point) =>
        request.allowedActions('contact_point', point),
      );
      return { contactPoints: request.query.openNow ? views.filter((point) => point.openNow) : views };
    },
  );

  app.get(
    '/api/contact-points/:contactPointId',
    {
      config: { action: 'contact-point.view' },
      schema: { tags: ['identification'], params: ContactPointParams, response: { 200: ContactPointView } },
    },
    async (request, reply) => {
      const contactPoint = await findContactPoint(db, request.params.contactPointId);
      if (!contactPoint) return reply.problem(notFound('contact point'));
      const [view] = await contactPointViews([contactPoint], request.clock.now(), (point) =>
        request.allowedActions('contact_point', point),
      );
      return view!;
    },
  );

  app.get(
    '/api/public/contact-points',
    {
      config: { public: true },
      schema: {
        tags: ['identification'],
        querystring: ContactPointQuery,
        response: { 200: z.object({ contactPoints: z.array(ContactPointView) }) },
      },
    },
    async (request) => {
      const views = await contactPointViews(
        await listContactPoints(db, { publicOnly: true }),
        request.clock.now(),
      );
      return { contactPoints: request.query.openNow ? views.filter((point) => point.openNow) : views };
    },
  );

  app.post(
    '/api/contact-points',
    {
      config: { action: 'contact-point.manage' },
      schema: { tags: ['identification'], body: ContactPointInput, response: { 201: ContactPointView } },
    },
    async (request, reply) => {
      // The record is the contact point as proposed: staff may add one to their own organisation only.
      request.authorize({ organisationId: request.body.organisationId });
      if (!(await platform.organisationExists(request.body.organisationId)))
        return reply.problem(organisationNotFound());
      const contactPoint: ContactPoint = { id: newId(), ...request.body };
      await db.transaction(async (tx) => {
        await insertContactPoint(tx, contactPoint, request.clock.now());
        await appendAudit(
          tx,
          auditEntry(
            request,
            'contact-point.manage',
            'success',
            { type: 'contact_point', id: contactPoint.id },
            { change: 'add', organisationId: contactPoint.organisationId },
          ),
        );
      });
      const [view] = await contactPointViews([contactPoint], request.clock.now(), (point) =>
        request.allowedActions('contact_point', point),
      );
      return reply.code(201).send(view!);
    },
  );

  app.patch(
    '/api/contact-points/:contactPointId',
    {
      config: { action: 'contact-point.manage' },
      schema: {
        tags: ['identification'],
        params: ContactPointParams,
        body: ContactPointChange,
        response: { 200: ContactPointView },
      },
    },
    async (request, reply) => {
      const changed = await db.transaction(async (tx) => {
        const current = await findContactPoint(tx, request.params.contactPointId, { forUpdate: true });
        if (!current) return { outcome: 'absent' as const };
        // Contact points are listed to every user of the app: their existence is no secret, so a
        // contact point of another organisation is refused (403), not hidden.
        request.authorize(current);
        if (current.retiredAt) return { outcome: 'retired' as const };
        const { retiredAt: _retiredAt, ...kept } = current;
        const next: ContactPoint = { ...kept, ...dropUndefined(request.body) };
        const gaps = contactPointGaps(next);
        if (gaps.length > 0) return { outcome: 'incomplete' as const, gaps };
        await updateContactPoint(tx, next, request.clock.now());
        await appendAudit(
          tx,
          auditEntry(
            request,
            'contact-point.manage',
            'success',
            { type: 'contact_point', id: current.id },
            // Which fields changed, not their values.
            { change: 'change', fields: Object.keys(dropUndefined(request.body)).sort().join(',') },
          ),
        );
        return { outcome: 'changed' as const, contactPoint: next };
      });
      if (changed.outcome === 'absent') return reply.problem(notFound('contact point'));
      if (changed.outcome === 'retired') return reply.problem(contactPointRetired());
      if (changed.outcome === 'incomplete')
        return reply.problem(
          validationProblem(
            changed.gaps.map((gap) => ({ pointer: `/body/${gap.path.join('/')}`, detail: gap.message })),
          ),
        );
      const [view] = await contactPointViews([changed.contactPoint], request.clock.now(), (point) =>
        request.allowedActions('contact_point', point),
      );
      return view!;
    },
  );

  app.post(
    '/api/contact-points/:contactPointId/retire',
    {
      config: { action: 'contact-point.manage' },
      schema: { tags: ['identification'], params: ContactPointParams, response: { 200: ContactPointView } },
    },
    async (request, reply) => {
      const at = request.clock.now();
      const retired = await db.transaction(async (tx) => {
        const current = await findContactPoint(tx, request.params.contactPointId, { forUpdate: true });
        if (!current) return { outcome: 'absent' as const };
        request.authorize(current);
        if (!(await retireContactPoint(tx, current.id, request.actor.id ?? 'system', at)))
          return { outcome: 'retired-already' as const };
        await appendAudit(
          tx,
          auditEntry(
            request,
            'contact-point.manage',
            'success',
            { type: 'contact_point', id: current.id },
            { change: 'retire' },
          ),
        );
        return { outcome: 'retired' as const, contactPoint: { ...current, retiredAt: at } };
      });
      if (retired.outcome === 'absent') return reply.problem(notFound('contact point'));
      if (retired.outcome === 'retired-already') return reply.problem(contactPointRetired());
      const [view] = await contactPointViews([retired.contactPoint], at, (point) =>
        request.allowedActions('contact_point', point),
      );
      return view!;
    },
  );

  // --- Statistics hooks ---

  app.get(
    '/api/identification/statistics',
    {
      config: { action: 'identification.statistics' },
      schema: { tags: ['identification'], querystring: StatisticsQuery, response: { 200: StatisticsView } },
    },
    async (request) => {
      request.authorize();
      const { from, to } = request.query;
      const counts = await identificationStatistics(platform, { from, to });
      const { byOrganisation: _byOrganisation, ...aggregate } = counts;
      return { from, to, ...aggregate, disclosureControl: 'not_applied' as const };
    },
  );
};

/**
 * The statistics hook (002 l. 1759-1762): counts of identifications in a period by actor kind,
 * channel, self-identification and time in the country. Raw counts: the statistics capability
 * de-duplicates persons and applies disclosure control before anything is published.
 */
export async function identificationStatistics(
  platform: Pick<Platform, 'db'>,
  period: { from: string; to: string },
) {
  const identifications = await listIdentifications(platform.db, period);
  const kinds = new Map<string, string>();
  for (const organisationId of new Set(identifications.map((row) => row.receivingOrganisationId))) {
    const profile = await findOrganisationProfile(platform.db, organisationId);
    if (profile) kinds.set(organisationId, profile.kind);
  }
  return countIdentifications(identifications, (organisationId) => kinds.get(organisationId));
}
