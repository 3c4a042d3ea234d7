import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { notFound, type ProblemShape, problem, validationProblem } from '../../http/problem.js';
import type { Platform } from '../../platform.js';
import { appendAudit } from '../../security/audit.store.js';
import { auditEntry } from '../../security/audit-entry.js';
import { searchCandidates } from './candidate-search.store.js';
import { candidateView } from './match-candidate.routes.js';
import { listCandidatesOfReport, listLinksOfReport } from './match-candidate.store.js';
import { decideStatusChange, isTreatedAsChild, type StatusChangeRefusal } from './missing-person-report.js';
import {
  CandidateView,
  MissingPersonReportFiling,
  ReportDetailsView,
  ReportListQuery,
  ReportParams,
  ReportView,
  StatusChange,
} from './missing-person-report.schema.js';
import {
  findReport,
  findReportWithDetails,
  insertReport,
  listReports,
  type MissingPersonReport,
  openDetails,
  updateReportStatus,
} from './missing-person-report.store.js';

const statusRefusals = {
  'same-status': { status: 409, title: 'The report already has this status' },
  'transition-not-allowed': {
    status: 409,
    title: 'The report cannot move to this status from its current one',
  },
} satisfies Record<StatusChangeRefusal['kind'], ProblemShape>;

const statusRefusalProblem = (refusal: StatusChangeRefusal) =>
  problem(`/problems/missing-person/${refusal.kind}`, statusRefusals[refusal.kind], { ...refusal });

export const reportErased = () =>
  problem(
    '/problems/missing-person/erased',
    { status: 410, title: 'The details of this report were erased' },
    { detail: 'The details can no longer be read; the pseudonymous record remains' },
  );

const concurrentChange = () =>
  problem(
    '/problems/missing-person/concurrent-change',
    { status: 409, title: 'The report changed while this was recorded' },
    { detail: 'Nothing was recorded. Reload the report and try again.' },
  );

const subject = (report: Pick<MissingPersonReport, 'id'>) => ({
  type: 'missing-person-report',
  id: report.id,
});

const LinkView = z.object({
  candidateId: z.uuid(),
  otherKind: z.enum(['report', 'case', 'partner']),
  linkedAt: z.string(),
});

export const missingPersonReportRoutes: FastifyPluginAsyncZod<{ platform: Platform }> = async (
  app,
  { platform },
) => {
  const { db, keyring } = platform;

  const view = (request: FastifyRequest, report: MissingPersonReport) => ({
    id: report.id,
    reference: report.reference,
    ownerOrganisationId: report.ownerOrganisationId,
    reportingCountry: report.reportingCountry,
    reportedOn: report.reportedOn,
    status: report.status,
    statusChangedOn: report.statusChangedOn,
    isChild: report.isChild,
    unaccompaniedOrSeparated: report.unaccompaniedOrSeparated,
    tracingBasis: report.tracingBasis,
    legalBasisReference: report.legalBasisReference,
    erased: report.erasedAt !== null,
    allowedActions: request.allowedActions('missing-person-report', report),
  });

  app.post(
    '/api/missing-person-reports',
    {
      config: { action: 'missing-person.report' },
      schema: {
        tags: ['tracing'],
        body: MissingPersonReportFiling,
        response: { 201: ReportView.extend({ candidatesProposed: z.number() }) },
      },
    },
    async (request, reply) => {
      request.authorize();
      const { actor } = request;
      if (actor.kind !== 'user') throw new Error('only a signed-in user files a missing-person report');
      const filing = request.body;
      const today = request.clock.today();
      if (filing.reportedOn > today)
        return reply.problem(
          validationProblem([
            { pointer: '/body/reportedOn', detail: 'The date of the report is in the future' },
          ]),
        );
      const filed = await db.transaction(async (tx) => {
        const report = await insertReport(
          tx,
          keyring,
          {
            ownerOrganisationId: actor.organisationId,
            reportedBy: actor.id,
            reportingCountry: filing.reportingCountry,
            reportedOn: filing.reportedOn,
            status: 'open',
            isChild: isTreatedAsChild(filing.isChild, filing.person, filing.reportedOn),
            unaccompaniedOrSeparated: filing.unaccompaniedOrSeparated,
            tracingBasis: filing.tracingBasis,
            legalBasisReference: filing.legalBasisReference ?? null,
            details: filing.person,
          },
          request.clock.now(),
        );
        const figures = await searchCandidates(tx, keyring, report, today, request.clock.now());
        request.log.info({ reportId: report.id, linkage: figures }, 'candidate search');
        await appendAudit(tx, auditEntry(request, 'missing-person.report', 'success', subject(report)));
        await appendAudit(
          tx,
          auditEntry(request, 'missing-person.find-candidates', 'success', subject(report), {
            compared: figures.compared,
            proposed: figures.proposed,
          }),
        );
        return { report, figures };
      });
      return reply
        .code(201)
        .send({ ...view(request, filed.report), candidatesProposed: filed.figures.proposed });
    },
  );

  app.get(
    '/api/missing-person-reports',
    {
      config: { action: 'missing-person.view' },
      schema: {
        tags: ['tracing'],
        querystring: ReportListQuery,
        response: { 200: z.object({ reports: z.array(ReportView) }) },
      },
    },
    async (request) => {
      const { status, child, limit, offset } = request.query;
      const reports = await listReports(
        db,
        request.permittedWhere(),
        {
          ...(status === undefined ? {} : { status }),
          ...(child === undefined ? {} : { isChild: child === 'true' }),
        },
        { limit, offset },
      );
      return { reports: reports.map((report) => view(request, report)) };
    },
  );

  app.get(
    '/api/missing-person-reports/:reportId',
    {
      config: { action: 'missing-person.view' },
      schema: {
        tags: ['tracing'],
        params: ReportParams,
        response: {
          200: ReportView.extend({ links: z.array(LinkView), identityReadable: z.boolean() }),
        },
      },
    },
    async (request, reply) => {
      const report = await findReport(db, request.params.reportId, request.permittedWhere());
      if (!report) return reply.problem(notFound('missing-person report'));
      const links = await listLinksOfReport(db, report.id);
      const identityReadable = platform.policy.categoryAllows(
        request.actor,
        'missing-person-report',
        'identity',
        report,
        request.clock.now(),
      );
      return {
        ...view(request, report),
        identityReadable,
        links: links.map((link) => ({
          candidateId: link.candidateId,
          otherKind: link.otherKind,
          linkedAt: link.linkedAt.toISOString(),
        })),
      };
    },
  );

  app.get(
    '/api/missing-person-reports/:reportId/details',
    {
      config: { action: 'missing-person.view' },
      schema: { tags: ['tracing'], params: ReportParams, response: { 200: ReportDetailsView } },
    },
    async (request, reply) => {
      const read = await db.transaction(async (tx) => {
        const found = await findReportWithDetails(tx, request.params.reportId, request.permittedWhere());
        if (!found) return null;
        request.authorize(found.report, 'identity');
        const details =
          found.sealed === null ? null : await openDetails(tx, keyring, found.report.id, found.sealed);
        await appendAudit(
          tx,
          auditEntry(
            request,
            'missing-person.details.read',
            details === null ? 'failure' : 'success',
            subject(found.report),
            details === null ? { reason: 'erased' } : undefined,
          ),
        );
        return { report: found.report, details };
      });
      if (!read) return reply.problem(notFound('missing-person report'));
      if (!read.details) return reply.problem(reportErased());
      return { id: read.report.id, reference: read.report.reference, person: read.details };
    },
  );

  app.post(
    '/api/missing-person-reports/:reportId/status',
    {
      config: { action: 'missing-person.update-status' },
      schema: { tags: ['tracing'], params: ReportParams, body: StatusChange, response: { 200: ReportView } },
    },
    async (request, reply) => {
      const visible = request.permittedWhere('missing-person.view');
      const outcome = await db.transaction(async (tx) => {
        const report = await findReport(tx, request.params.reportId, visible);
        if (!report) return { problem: notFound('missing-person report') };
        request.authorize(report);
        const decision = decideStatusChange(report.status, request.body.status);
        if (decision.outcome === 'refuse') return { problem: statusRefusalProblem(decision.refusal) };
        const changed = await updateReportStatus(
          tx,
          report.id,
          { from: decision.from, to: decision.to, on: request.clock.today() },
          request.clock.now(),
        );
        if (!changed) return { problem: concurrentChange() };
        await appendAudit(
          tx,
          auditEntry(request, 'missing-person.update-status', 'success', subject(report), {
            from: decision.from,
            to: decision.to,
          }),
        );
        return { report: changed };
      });
      if (outcome.problem) return reply.problem(outcome.problem);
      return view(request, outcome.report);
    },
  );

  app.post(
    '/api/missing-person-reports/:reportId/candidates/refresh',
    {
      config: { action: 'missing-person.find-candidates' },
      schema: {
        tags: ['tracing'],
        params: ReportParams,
        response: {
          200: z.object({
            compared: z.number(),
            proposed: z.number(),
            rescored: z.number(),
            leftDecided: z.number(),
            registerSize: z.number(),
            milliseconds: z.number(),
          }),
        },
      },
    },
    async (request, reply) => {
      const visible = request.permittedWhere('missing-person.view');
      const outcome = await db.transaction(async (tx) => {
        const report = await findReport(tx, request.params.reportId, visible);
        if (!report) return null;
        request.authorize(report);
        if (report.erasedAt !== null) return 'erased' as const;
        const figures = await searchCandidates(
          tx,
          keyring,
          report,
          request.clock.today(),
          request.clock.now(),
        );
        request.log.info({ reportId: report.id, linkage: figures }, 'candidate search');
        await appendAudit(
          tx,
          auditEntry(request, 'missing-person.find-candidates', 'success', subject(report), {
            compared: figures.compared,
            proposed: figures.proposed,
          }),
        );
        return figures;
      });
      if (outcome === null) return reply.problem(notFound('missing-person report'));
      if (outcome === 'erased') return reply.problem(reportErased());
      return {
        compared: outcome.compared,
        proposed: outcome.proposed,
        rescored: outcome.rescored,
        leftDecided: outcome.leftDecided,
        registerSize: outcome.reports + outcome.casePersons,
        milliseconds: outcome.milliseconds.total,
      };
    },
  );

  app.get(
    '/api/missing-person-reports/:reportId/candidates',
    {
      config: { action: 'match.view' },
      schema: {
        tags: ['tracing'],
        params: ReportParams,
        response: { 200: z.object({ candidates: z.array(CandidateView) }) },
      },
    },
    async (request, reply) => {
      const report = await findReport(
        db,
        request.params.reportId,
        request.permittedWhere('missing-person.view'),
      );
      if (!report) return reply.problem(notFound('missing-person report'));
      const candidates = await listCandidatesOfReport(db, report.id, request.permittedWhere());
      return {
        candidates: candidates.map((candidate) => candidateView(request, platform, candidate, report.id)),
      };
    },
  );
};
