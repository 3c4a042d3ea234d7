import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { notFound, problem } from '../../http/problem.js';
import type { Platform } from '../../platform.js';
import { appendAudit } from '../../security/audit.store.js';
import { auditEntry } from '../../security/audit-entry.js';
import {
  decideCandidate,
  findCandidate,
  insertMatchLink,
  listCandidates,
  type MatchCandidate,
} from './match-candidate.store.js';
import {
  CandidateDecision,
  CandidateListQuery,
  CandidateParams,
  CandidateView,
} from './missing-person-report.schema.js';

// The review queue (issue 5 acceptance 5): every candidate waits for a person; confirm links the
// records, reject keeps the pair from ever being proposed again; both audited. Nothing merges.

export const alreadyDecided = () =>
  problem(
    '/problems/match/already-decided',
    { status: 409, title: 'This candidate match was already decided' },
    { detail: 'Nothing was recorded. Reload the candidate to see the decision.' },
  );

/**
 * A candidate as the actor may see it: references and the level of each field, never the other
 * side's identity (docs/decisions/0021). The other record's id is given only when the actor may open
 * it; seen from the other report's page, the candidate is turned round so "other" is the far side.
 */
export function candidateView(
  request: FastifyRequest,
  platform: Platform,
  candidate: MatchCandidate,
  fromReportId?: string,
) {
  const turned =
    fromReportId !== undefined && candidate.otherKind === 'report' && candidate.otherId === fromReportId;
  const near = turned
    ? { id: candidate.otherId, reference: candidate.otherReference }
    : { id: candidate.reportId, reference: candidate.reportReference };
  const far = turned
    ? {
        kind: 'report' as const,
        id: candidate.reportId,
        reference: candidate.reportReference,
        ownerOrganisationId: candidate.reportOwnerOrganisationId,
      }
    : {
        kind: candidate.otherKind,
        id: candidate.otherId,
        reference: candidate.otherReference,
        ownerOrganisationId: candidate.otherOwnerOrganisationId,
      };
  const now = request.clock.now();
  // A partner's record is only a number here: there is nothing to open (docs/decisions/0025).
  const mayOpenFar =
    far.kind === 'partner'
      ? false
      : far.kind === 'report'
        ? platform.policy.decide({
            actor: request.actor,
            action: 'missing-person.view',
            record: { ownerOrganisationId: far.ownerOrganisationId },
            now,
          }).allowed
        : platform.policy.decide({
            actor: request.actor,
            action: 'case.view',
            record: { ownerOrganisationId: far.ownerOrganisationId, acceptedReferralOrganisationIds: [] },
            now,
          }).allowed;
  return {
    id: candidate.id,
    reportId: near.id,
    reportReference: near.reference,
    otherKind: far.kind,
    otherId: mayOpenFar ? far.id : null,
    otherReference: far.reference,
    otherOwnerOrganisationId: far.ownerOrganisationId,
    probability: candidate.probability,
    namesSwapped: candidate.comparison.swapped,
    comparison: candidate.comparison.fields,
    status: candidate.status,
    proposedAt: candidate.proposedAt.toISOString(),
    decidedAt: candidate.decidedAt?.toISOString() ?? null,
    decisionReason: candidate.decisionReason,
    allowedActions: request.allowedActions('match-candidate', candidate),
  };
}

const subject = (candidate: Pick<MatchCandidate, 'id'>) => ({ type: 'match-candidate', id: candidate.id });

export const matchCandidateRoutes: FastifyPluginAsyncZod<{ platform: Platform }> = async (
  app,
  { platform },
) => {
  const { db } = platform;

  app.get(
    '/api/match-candidates',
    {
      // The review queue: the candidates this actor may decide.
      config: { action: 'match.review' },
      schema: {
        tags: ['tracing'],
        querystring: CandidateListQuery,
        response: { 200: z.object({ candidates: z.array(CandidateView) }) },
      },
    },
    async (request) => {
      const { status, limit, offset } = request.query;
      const candidates = await listCandidates(db, request.permittedWhere(), status, { limit, offset });
      return { candidates: candidates.map((candidate) => candidateView(request, platform, candidate)) };
    },
  );

  app.get(
    '/api/match-candidates/:candidateId',
    {
      config: { action: 'match.view' },
      schema: { tags: ['tracing'], params: CandidateParams, response: { 200: CandidateView } },
    },
    async (request, reply) => {
      const candidate = await findCandidate(db, request.params.candidateId, request.permittedWhere());
      if (!candidate) return reply.problem(notFound('candidate match'));
      return candidateView(request, platform, candidate);
    },
  );

  for (const [verb, status] of [
    ['confirm', 'confirmed'],
    ['reject', 'rejected'],
  ] as const) {
    app.post(
      `/api/match-candidates/:candidateId/${verb}`,
      {
        config: { action: 'match.review' },
        schema: {
          tags: ['tracing'],
          params: CandidateParams,
          body: CandidateDecision,
          response: { 200: CandidateView },
        },
      },
      async (request, reply) => {
        const { actor } = request;
        if (actor.kind !== 'user') throw new Error('only a signed-in user reviews a candidate match');
        const visible = request.permittedWhere('match.view');
        const outcome = await db.transaction(async (tx) => {
          const candidate = await findCandidate(tx, request.params.candidateId, visible);
          if (!candidate) return { problem: notFound('candidate match') };
          request.authorize(candidate);
          const decided = await decideCandidate(
            tx,
            candidate.id,
            { status, by: actor.id, reason: request.body.reason },
            request.clock.now(),
          );
          if (!decided) return { problem: alreadyDecided() };
          if (status === 'confirmed') await insertMatchLink(tx, decided, actor.id, request.clock.now());
          // The reason is free text and may name someone: it stays in the candidate, not in the log.
          await appendAudit(
            tx,
            auditEntry(request, `match.${verb}`, 'success', subject(candidate), {
              reportId: candidate.reportId,
              otherKind: candidate.otherKind,
              otherId: candidate.otherId,
            }),
          );
          return { candidate: decided };
        });
        if (outcome.problem) return reply.problem(outcome.problem);
        return candidateView(request, platform, outcome.candidate);
      },
    );
  }
};
