import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { findCaseFile } from '../../cases/index.js';
import type { Queryable } from '../../db/database.js';
import { notFound, problem } from '../../http/problem.js';
import type { Platform } from '../../platform.js';
import { appendAudit } from '../../security/audit.store.js';
import { auditEntry } from '../../security/audit-entry.js';
import {
  DuplicateCandidateParams,
  DuplicateCandidateView,
  DuplicateDecision,
  DuplicateListQuery,
  DuplicateRunRequest,
  DuplicateRunView,
  PersonsCountView,
} from './case-duplicate.schema.js';
import {
  type CaseDuplicateCandidate,
  decideDuplicateCandidate,
  findDuplicateCandidate,
  findLastDuplicateRun,
  insertDuplicateLink,
  listDuplicateCandidates,
} from './case-duplicate.store.js';
import { countCasePersons, runDuplicateSearch } from './case-duplicate-search.store.js';

// De-duplicating cases over HTTP (issue 5 acceptance 3 and 5; docs/decisions/0029): a run proposes
// pairs of cases, reviewers of either case's organisation (or the national co-ordinator) confirm or
// reject, a confirmed pair links the cases; the persons count counts each linked group once.
// Nothing merges, no identity is returned, everything that changes something is audited by id.

export const duplicateAlreadyDecided = () =>
  problem(
    '/problems/case-duplicate/already-decided',
    { status: 409, title: 'This pair of cases was already decided' },
    { detail: 'Nothing was recorded. Reload the pair to see the decision.' },
  );

const subject = (candidate: Pick<CaseDuplicateCandidate, 'id'>) => ({
  type: 'case-duplicate-candidate',
  id: candidate.id,
});

/**
 * A candidate as the actor may see it: each case by reference and owner, its id only when the actor
 * may open that case under the case rules (docs/decisions/0021), and the level of each field. The
 * decision's reason only for the deciding organisation: free text may name someone.
 */
async function candidateView(
  request: FastifyRequest,
  platform: Platform,
  db: Queryable,
  candidate: CaseDuplicateCandidate,
  names: ReadonlyMap<string, string>,
): Promise<DuplicateCandidateView> {
  const { actor } = request;
  const now = request.clock.now();
  const organisationId = actor.kind === 'user' ? actor.organisationId : null;
  const side = async (caseId: string, reference: string, ownerOrganisationId: string) => {
    const caseFile = await findCaseFile(db, caseId);
    const mayOpen =
      caseFile !== null &&
      platform.policy.decide({ actor, action: 'case.view', record: caseFile, now }).allowed;
    return {
      caseId: mayOpen ? caseId : null,
      reference,
      ownerOrganisationId,
      ownerOrganisationName: names.get(ownerOrganisationId) ?? null,
      ownedByYou: ownerOrganisationId === organisationId,
    };
  };
  return {
    id: candidate.id,
    left: await side(candidate.leftCaseId, candidate.leftCaseReference, candidate.leftOwnerOrganisationId),
    right: await side(
      candidate.rightCaseId,
      candidate.rightCaseReference,
      candidate.rightOwnerOrganisationId,
    ),
    probability: candidate.probability,
    namesSwapped: candidate.comparison.swapped,
    comparison: candidate.comparison.fields,
    status: candidate.status,
    proposedAt: candidate.proposedAt.toISOString(),
    decidedAt: candidate.decidedAt?.toISOString() ?? null,
    decisionReason:
      organisationId !== null && candidate.decidedByOrganisationId === organisationId
        ? candidate.decisionReason
        : null,
    allowedActions: request.allowedActions('case-duplicate-candidate', candidate),
  };
}

async function candidateViews(
  request: FastifyRequest,
  platform: Platform,
  db: Queryable,
  candidates: readonly CaseDuplicateCandidate[],
): Promise<DuplicateCandidateView[]> {
  const names = await platform.organisationNames([
    ...new Set(
      candidates.flatMap((candidate) => [
        candidate.leftOwnerOrganisationId,
        candidate.rightOwnerOrganisationId,
      ]),
    ),
  ]);
  const views: DuplicateCandidateView[] = [];
  for (const candidate of candidates)
    views.push(await candidateView(request, platform, db, candidate, names));
  return views;
}

export const caseDuplicateRoutes: FastifyPluginAsyncZod<{ platform: Platform }> = async (
  app,
  { platform },
) => {
  const { db, keyring } = platform;

  app.post(
    '/api/case-duplicates/runs',
    {
      // Every case's identity is opened in the server; only figures come back.
      config: { action: 'case-duplicate.search' },
      schema: { tags: ['tracing'], body: DuplicateRunRequest, response: { 200: DuplicateRunView } },
    },
    async (request) => {
      request.authorize();
      const { actor } = request;
      const figures = await db.transaction(async (tx) => {
        const run = await runDuplicateSearch(tx, keyring, {
          today: request.clock.today(),
          at: request.clock.now(),
          startedBy: actor.kind === 'anonymous' ? 'anonymous' : actor.id,
        });
        // Once per run, in figures: the identities never leave the process (docs/decisions/0021).
        await appendAudit(
          tx,
          auditEntry(request, 'case-duplicate.search', 'success', undefined, {
            cases: run.cases,
            compared: run.compared,
            proposed: run.proposed,
          }),
        );
        return run;
      });
      request.log.info({ deduplication: figures }, 'duplicate case search');
      return {
        cases: figures.cases,
        unreadable: figures.unreadable,
        compared: figures.compared,
        proposed: figures.proposed,
        rescored: figures.rescored,
        leftDecided: figures.leftDecided,
        milliseconds: figures.milliseconds,
      };
    },
  );

  app.get(
    '/api/case-duplicates/persons-count',
    {
      config: { action: 'case-duplicate.statistics' },
      schema: { tags: ['tracing'], response: { 200: PersonsCountView } },
    },
    async (request) => {
      request.authorize();
      const counted = await countCasePersons(db);
      const lastRun = await findLastDuplicateRun(db);
      // Raw counts: disclosure control belongs to the statistics capability (DESIGN §5).
      return {
        ...counted,
        lastRunAt: lastRun?.startedAt.toISOString() ?? null,
        disclosureControl: 'not_applied' as const,
      };
    },
  );

  app.get(
    '/api/case-duplicates',
    {
      config: { action: 'case-duplicate.view' },
      schema: {
        tags: ['tracing'],
        querystring: DuplicateListQuery,
        response: { 200: z.object({ candidates: z.array(DuplicateCandidateView) }) },
      },
    },
    async (request) => {
      const { status, limit, offset } = request.query;
      const candidates = await listDuplicateCandidates(db, request.permittedWhere(), status, {
        limit,
        offset,
      });
      return { candidates: await candidateViews(request, platform, db, candidates) };
    },
  );

  app.get(
    '/api/case-duplicates/:candidateId',
    {
      config: { action: 'case-duplicate.view' },
      schema: {
        tags: ['tracing'],
        params: DuplicateCandidateParams,
        response: { 200: DuplicateCandidateView },
      },
    },
    async (request, reply) => {
      const candidate = await findDuplicateCandidate(
        db,
        request.params.candidateId,
        request.permittedWhere(),
      );
      if (!candidate) return reply.problem(notFound('pair of cases'));
      const [view] = await candidateViews(request, platform, db, [candidate]);
      return view!;
    },
  );

  for (const [verb, status] of [
    ['confirm', 'confirmed'],
    ['reject', 'rejected'],
  ] as const) {
    app.post(
      `/api/case-duplicates/:candidateId/${verb}`,
      {
        config: { action: 'case-duplicate.review' },
        schema: {
          tags: ['tracing'],
          params: DuplicateCandidateParams,
          body: DuplicateDecision,
          response: { 200: DuplicateCandidateView },
        },
      },
      async (request, reply) => {
        const { actor } = request;
        if (actor.kind !== 'user') throw new Error('only a signed-in user reviews a pair of cases');
        // A pair the reviewer may not even see is absent (404); one they see but may not decide, 403.
        const visible = request.permittedWhere('case-duplicate.view');
        const outcome = await db.transaction(async (tx) => {
          const candidate = await findDuplicateCandidate(tx, request.params.candidateId, visible);
          if (!candidate) return { problem: notFound('pair of cases') };
          request.authorize(candidate);
          const at = request.clock.now();
          const decided = await decideDuplicateCandidate(
            tx,
            candidate.id,
            { status, by: actor.id, byOrganisationId: actor.organisationId, reason: request.body.reason },
            at,
          );
          if (!decided) return { problem: duplicateAlreadyDecided() };
          if (status === 'confirmed') await insertDuplicateLink(tx, decided, actor.id, at);
          // The reason is free text and may name someone: it stays in the candidate, not in the log.
          await appendAudit(
            tx,
            auditEntry(request, `case-duplicate.${verb}`, 'success', subject(candidate), {
              leftCaseId: candidate.leftCaseId,
              rightCaseId: candidate.rightCaseId,
            }),
          );
          return { candidate: decided };
        });
        if (outcome.problem) return reply.problem(outcome.problem);
        const [view] = await candidateViews(request, platform, db, [outcome.candidate]);
        return view!;
      },
    );
  }
};
