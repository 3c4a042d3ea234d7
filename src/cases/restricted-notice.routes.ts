import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Queryable } from '../db/database.js';
import { sql } from '../db/sql.js';
import { notFound, type ProblemShape, problem } from '../http/problem.js';
import { newId } from '../kernel/ids.js';
import { IdentityView, identityWithoutContacts, readPersonIdentity } from '../persons/index.js';
import type { Platform } from '../platform.js';
import { appendAudit } from '../security/audit.store.js';
import { auditEntry } from '../security/audit-entry.js';
import { forbidden } from '../security/security.plugin.js';
import { readableCaseCategories } from './case-access.js';
import { CaseParams } from './case-file.schema.js';
import { findCaseFile, listCaseEvents } from './case-file.store.js';
import type { CaseSettings } from './case-settings.js';
import { foldCaseEvents } from './lifecycle.js';
import {
  type AuditNote,
  decideRestrictedAccessFiling,
  decideRestrictedAccessRequest,
  type RestrictedAccessDecisionRefusal,
  type RestrictedAccessFilingRefusal,
} from './restricted-notice.js';
import {
  AccessDecisionInput,
  AccessRequestInput,
  AccessRequestParams,
  AccessRequestView,
  NoticeLiftInput,
  RestrictedNoticeInput,
  RestrictedNoticeView,
} from './restricted-notice.schema.js';
import {
  findAccessRequest,
  findNoticeInForce,
  insertAccessRequest,
  insertNotice,
  liftNotice,
  listAccessRequests,
  recordAccessDecision,
  type StoredAccessRequest,
} from './restricted-notice.store.js';

// A person's identity read through their case, and restricted notices (002 l. 827; ADR 0023): the
// rules are need-to-know.ts and restricted-notice.ts; these routes load, write and audit.

const ACCESS_REQUEST_LIMIT = 200;

const filingProblems = {
  'purpose-missing': { status: 422, title: 'Say why access is needed' },
  'no-categories': { status: 422, title: 'Choose at least one data category' },
} satisfies Record<RestrictedAccessFilingRefusal['kind'], ProblemShape>;

const decisionProblems = {
  'not-designated-officer': { status: 403, title: 'Only the designated officer decides this request' },
  'already-decided': { status: 409, title: 'The request is already decided' },
  'refusal-needs-reason': { status: 422, title: 'A refusal needs a reason' },
  'grant-needs-purpose': { status: 422, title: 'A grant names its purpose' },
  'grant-needs-categories': { status: 422, title: 'A grant names its data categories' },
  'grant-wider-than-request': { status: 422, title: 'A grant cannot be wider than the request' },
  'grant-ends-before-today': { status: 422, title: 'A grant cannot end before today' },
  'protection-office-not-consulted': {
    status: 422,
    title: 'The police or witness protection office must examine the request first',
  },
} satisfies Record<RestrictedAccessDecisionRefusal['kind'], ProblemShape>;

const decisionPointers: Partial<Record<RestrictedAccessDecisionRefusal['kind'], string>> = {
  'refusal-needs-reason': '/body/reason',
  'grant-needs-purpose': '/body/purpose',
  'grant-needs-categories': '/body/categories',
  'grant-wider-than-request': '/body/categories',
  'grant-ends-before-today': '/body/endsOn',
  'protection-office-not-consulted': '/body/protectionOfficeExaminedOn',
};

const designationProblem = (detail: string) =>
  problem(
    '/problems/restricted-notice/officer-not-designable',
    { status: 422, title: 'Designate an active restricted-notice officer' },
    { detail, errors: [{ pointer: '/body/designatedOfficerId', detail }] },
  );

/** Whether a user may be designated: active and holding the restricted-notice officer's role. */
async function isActiveNoticeOfficer(db: Queryable, userId: string): Promise<boolean> {
  const found = await db.query(sql`select 1 from security.user_account
    where id = ${userId} and disabled_at is null and 'restricted_notice_officer' = any(roles)`);
  return found.rows.length > 0;
}

export const restrictedNoticeRoutes: FastifyPluginAsyncZod<{
  platform: Platform;
  settings: CaseSettings;
}> = async (app, { platform, settings }) => {
  const { db, keyring } = platform;

  const writeNotes = async (
    tx: Queryable,
    request: FastifyRequest,
    notes: readonly AuditNote[],
    subjectId: string,
  ) => {
    for (const note of notes)
      await appendAudit(
        tx,
        auditEntry(
          request,
          note.action,
          note.outcome,
          { type: 'restricted-access-request', id: subjectId },
          note.details,
        ),
      );
  };

  const accessRequestView = (request: FastifyRequest, stored: StoredAccessRequest) => ({
    id: stored.id,
    caseReference: stored.caseReference,
    requestingOrganisationId: stored.requestingOrganisationId,
    purpose: stored.purpose,
    categories: [...stored.categories],
    requestedOn: stored.requestedOn,
    status: stored.status,
    decidedOn: stored.decidedOn,
    refusalReason: stored.refusalReason,
    decidedByActor: request.actor.kind === 'user' && stored.designatedOfficerId === request.actor.id,
  });

  // --- The person's identity, through the case --------------------------------------------------

  app.get(
    '/api/cases/:caseId/identity',
    {
      config: { action: 'case.view' },
      schema: { tags: ['cases'], params: CaseParams, response: { 200: IdentityView } },
    },
    async (request, reply) => {
      const caseFile = await findCaseFile(db, request.params.caseId, request.permittedWhere());
      if (!caseFile) return reply.problem(notFound('case'));
      request.authorize(caseFile);
      const history = await listCaseEvents(db, caseFile.id);
      const state = foldCaseEvents(
        history.map((recorded) => recorded.event),
        settings,
      );
      const readable = await readableCaseCategories(db, platform.policy, request.actor, caseFile, state, {
        now: request.clock.now(),
        today: request.clock.today(),
      });
      if (!readable.includes('identity')) {
        await db.transaction((tx) =>
          appendAudit(
            tx,
            auditEntry(request, 'person.identity.read', 'denied', { type: 'case', id: caseFile.id }),
          ),
        );
        throw forbidden('case.view identity');
      }
      const read = await db.transaction(async (tx) => {
        const found = await readPersonIdentity(tx, keyring, caseFile.personId);
        if (!found) throw new Error(`case ${caseFile.id} names a person that does not exist`);
        const withContacts = readable.includes('contact');
        await appendAudit(
          tx,
          auditEntry(
            request,
            'person.identity.read',
            found.identity ? 'success' : 'failure',
            { type: 'person', id: found.person.id },
            found.identity
              ? { caseId: caseFile.id, categories: withContacts ? 'identity contact' : 'identity' }
              : { caseId: caseFile.id, reason: 'erased' },
          ),
        );
        const identity =
          found.identity && !withContacts ? identityWithoutContacts(found.identity) : found.identity;
        return { person: found.person, identity };
      });
      if (!read.identity)
        return reply.problem(
          problem('/problems/person/erased', { status: 410, title: "This person's identity was erased" }),
        );
      return { id: read.person.id, reference: read.person.reference, identity: read.identity };
    },
  );

  // --- Flagging and lifting a restricted notice -------------------------------------------------

  app.get(
    '/api/restricted-notice-officers',
    {
      config: { action: 'restricted-notice.officers.view' },
      schema: {
        tags: ['restricted notices'],
        response: {
          200: z.object({
            officers: z.array(z.object({ id: z.uuid(), displayName: z.string(), organisationId: z.uuid() })),
          }),
        },
      },
    },
    async () => {
      const found = await db.query<{ id: string; displayName: string; organisationId: string }>(sql`
        select id, display_name as "displayName", organisation_id as "organisationId"
        from security.user_account
        where disabled_at is null and 'restricted_notice_officer' = any(roles)
        order by display_name, id`);
      return { officers: found.rows };
    },
  );

  app.post(
    '/api/cases/:caseId/restricted-notice',
    {
      config: { action: 'restricted-notice.flag' },
      schema: {
        tags: ['restricted notices'],
        params: CaseParams,
        body: RestrictedNoticeInput,
        response: { 201: RestrictedNoticeView },
      },
    },
    async (request, reply) => {
      const { actor } = request;
      if (actor.kind !== 'user') throw new Error('only a signed-in user flags a restricted notice');
      const caseFile = await findCaseFile(db, request.params.caseId, request.permittedWhere('case.view'));
      if (!caseFile) return reply.problem(notFound('case'));
      request.authorize(caseFile);
      const { designatedOfficerId, flaggedOn } = request.body;
      if (flaggedOn > request.clock.today())
        return reply.problem(
          problem(
            '/problems/restricted-notice/date-in-future',
            { status: 400, title: 'The notice is dated in the future' },
            { errors: [{ pointer: '/body/flaggedOn', detail: 'A notice is flagged today or earlier' }] },
          ),
        );
      if (!(await isActiveNoticeOfficer(db, designatedOfficerId)))
        return reply.problem(designationProblem('This user is not an active restricted-notice officer'));
      const notice = await db.transaction(async (tx) => {
        const inserted = await insertNotice(
          tx,
          { id: newId(), caseId: caseFile.id, designatedOfficerId, flaggedOn, flaggedBy: actor.id },
          request.clock.now(),
        );
        if (!inserted) return null;
        await appendAudit(
          tx,
          auditEntry(
            request,
            'notice.flag',
            'success',
            { type: 'case', id: caseFile.id },
            {
              designatedOfficerId,
            },
          ),
        );
        return inserted;
      });
      if (!notice)
        return reply.problem(
          problem('/problems/restricted-notice/already-flagged', {
            status: 409,
            title: 'A restricted notice is already in force on this case',
          }),
        );
      return reply.code(201).send({
        id: notice.id,
        caseId: notice.caseId,
        designatedOfficerId: notice.designatedOfficerId,
        flaggedOn: notice.flaggedOn,
      });
    },
  );

  app.post(
    '/api/cases/:caseId/restricted-notice/lift',
    {
      config: { action: 'restricted-notice.lift' },
      schema: { tags: ['restricted notices'], params: CaseParams, body: NoticeLiftInput },
    },
    async (request, reply) => {
      const { actor } = request;
      if (actor.kind !== 'user') throw new Error('only a signed-in user lifts a restricted notice');
      const caseFile = await findCaseFile(db, request.params.caseId, request.permittedWhere('case.view'));
      if (!caseFile) return reply.problem(notFound('case'));
      request.authorize(caseFile);
      const notice = await findNoticeInForce(db, caseFile.id);
      if (!notice) return reply.problem(notFound('restricted notice'));
      const { liftedOn } = request.body;
      if (liftedOn < notice.flaggedOn || liftedOn > request.clock.today())
        return reply.problem(
          problem(
            '/problems/restricted-notice/lift-date',
            { status: 400, title: 'A notice is lifted between the day it was flagged and today' },
            { errors: [{ pointer: '/body/liftedOn', detail: `Between ${notice.flaggedOn} and today` }] },
          ),
        );
      await db.transaction(async (tx) => {
        await liftNotice(tx, notice.id, liftedOn, actor.id);
        await appendAudit(
          tx,
          auditEntry(request, 'notice.lift', 'success', { type: 'case', id: caseFile.id }),
        );
      });
      return reply.code(204).send();
    },
  );

  // --- Access requests from other authorities ---------------------------------------------------

  app.post(
    '/api/restricted-access-requests',
    {
      config: { action: 'restricted-access.request' },
      schema: {
        tags: ['restricted notices'],
        body: AccessRequestInput,
        response: { 201: AccessRequestView },
      },
    },
    async (request, reply) => {
      const { actor } = request;
      if (actor.kind !== 'user') throw new Error('only a signed-in user files an access request');
      const { caseReference, purpose, categories } = request.body;
      // The number is all an outside authority knows; a case without a notice in force answers 404.
      const found = await db.query<{ id: string }>(
        sql`select id from cases.case_file where reference = ${caseReference.toUpperCase()}`,
      );
      const caseId = found.rows[0]?.id;
      const notice = caseId ? await findNoticeInForce(db, caseId) : null;
      if (!notice) return reply.problem(notFound('restricted notice with this number'));
      const decision = decideRestrictedAccessFiling({
        id: newId(),
        noticeId: notice.id,
        designatedOfficerId: notice.designatedOfficerId,
        requestingOrganisationId: actor.organisationId,
        requestedBy: actor.id,
        purpose,
        categories,
        requestedOn: request.clock.today(),
      });
      if (decision.outcome === 'refuse')
        return reply.problem(
          problem(
            `/problems/restricted-access/${decision.refusal.kind}`,
            filingProblems[decision.refusal.kind],
          ),
        );
      const stored = await db.transaction(async (tx) => {
        await insertAccessRequest(tx, decision.request);
        await writeNotes(tx, request, decision.audit, decision.request.id);
        return (await findAccessRequest(tx, decision.request.id))!;
      });
      return reply.code(201).send(accessRequestView(request, stored));
    },
  );

  app.get(
    '/api/restricted-access-requests',
    {
      config: { action: 'restricted-access.view' },
      schema: {
        tags: ['restricted notices'],
        response: { 200: z.object({ requests: z.array(AccessRequestView) }) },
      },
    },
    async (request) => {
      const { actor } = request;
      if (actor.kind !== 'user') return { requests: [] };
      const requests = await listAccessRequests(
        db,
        { officerId: actor.id, organisationId: actor.organisationId },
        ACCESS_REQUEST_LIMIT,
      );
      return { requests: requests.map((stored) => accessRequestView(request, stored)) };
    },
  );

  app.post(
    '/api/restricted-access-requests/:requestId/decision',
    {
      config: { action: 'restricted-access.decide' },
      schema: {
        tags: ['restricted notices'],
        params: AccessRequestParams,
        body: AccessDecisionInput,
        response: { 200: AccessRequestView },
      },
    },
    async (request, reply) => {
      const { actor } = request;
      if (actor.kind !== 'user') throw new Error('only a signed-in user decides an access request');
      const decidedBy = { userId: actor.id, roles: actor.roles };
      const today = request.clock.today();
      const body = request.body;
      const outcome = await db.transaction(async (tx) => {
        const stored = await findAccessRequest(tx, request.params.requestId, { lock: true });
        // Only the requester's organisation and the officer know the request exists.
        if (
          !stored ||
          (stored.designatedOfficerId !== actor.id &&
            stored.requestingOrganisationId !== actor.organisationId)
        )
          return { kind: 'absent' as const };
        const decided = decideRestrictedAccessRequest(
          stored,
          body.decision === 'grant'
            ? {
                kind: 'grant',
                decidedBy,
                purpose: body.purpose,
                categories: body.categories,
                endsOn: body.endsOn,
                protectionOfficeExaminedOn: body.protectionOfficeExaminedOn,
                today,
              }
            : { kind: 'refuse', decidedBy, reason: body.reason, today },
        );
        await writeNotes(tx, request, decided.audit, stored.id);
        if (decided.outcome === 'refuse') return { kind: 'refused' as const, refusal: decided.refusal };
        await recordAccessDecision(tx, {
          requestId: stored.id,
          status: decided.status,
          decidedBy: actor.id,
          decidedOn: today,
          refusalReason: decided.reason,
          grant:
            decided.grant && body.decision === 'grant'
              ? { ...decided.grant, protectionOfficeExaminedOn: body.protectionOfficeExaminedOn }
              : null,
        });
        return { kind: 'recorded' as const, stored: (await findAccessRequest(tx, stored.id))! };
      });
      if (outcome.kind === 'absent') return reply.problem(notFound('access request'));
      if (outcome.kind === 'refused') {
        const { kind, ...facts } = outcome.refusal;
        const pointer = decisionPointers[kind];
        const { status: requestStatus, ...rest } = { status: undefined, ...facts };
        return reply.problem(
          problem(`/problems/restricted-access/${kind}`, decisionProblems[kind], {
            ...rest,
            ...(requestStatus === undefined ? {} : { requestStatus }),
            ...(pointer ? { errors: [{ pointer, detail: decisionProblems[kind].title }] } : {}),
          }),
        );
      }
      return accessRequestView(request, outcome.stored);
    },
  );
};
