import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { notFound, type ProblemShape, problem } from '../http/problem.js';
import type { Platform } from '../platform.js';
import { appendAudit } from '../security/audit.store.js';
import { auditEntry } from '../security/audit-entry.js';
import { isoDate } from './case-events.js';
import { CaseParams } from './case-file.schema.js';
import { findCaseFile, listCaseEvents } from './case-file.store.js';
import type { CaseSettings } from './case-settings.js';
import { foldCaseEvents } from './lifecycle.js';
import {
  acknowledgeNotification,
  insertNotifications,
  listNotificationsFor,
  notificationKinds,
  recordOwnershipTransfer,
} from './notification.store.js';
import { decideOwnershipTransfer, type OwnershipTransferRefusal } from './notification-rules.js';

// Notifications owed by the referral mechanism, and the explicit transfer of a case (ADR 0024).

const NOTIFICATION_LIMIT = 200;

const NotificationView = z.object({
  id: z.uuid(),
  kind: z.enum(notificationKinds),
  caseId: z.uuid(),
  caseReference: z.string(),
  details: z.record(z.string(), z.string()),
  createdOn: isoDate,
  acknowledged: z.boolean(),
});

const transferProblems = {
  'same-organisation': { status: 422, title: 'The case is already owned by this organisation' },
  'case-closed': { status: 409, title: 'The case is closed' },
  'no-accepted-referral': {
    status: 422,
    title: 'A case is transferred only to an organisation that accepted a referral of it',
  },
  'reason-missing': { status: 422, title: 'Say why the case changes hands' },
} satisfies Record<OwnershipTransferRefusal['kind'], ProblemShape>;

const transferPointers: Record<OwnershipTransferRefusal['kind'], string> = {
  'same-organisation': '/body/toOrganisationId',
  'case-closed': '/params/caseId',
  'no-accepted-referral': '/body/toOrganisationId',
  'reason-missing': '/body/reason',
};

export const notificationRoutes: FastifyPluginAsyncZod<{
  platform: Platform;
  settings: CaseSettings;
}> = async (app, { platform, settings }) => {
  const { db } = platform;

  app.get(
    '/api/notifications',
    {
      config: { action: 'notification.view' },
      schema: {
        tags: ['cases'],
        querystring: z.strictObject({
          unacknowledged: z
            .enum(['true', 'false'], { error: 'Write true or false' })
            .transform((value) => value === 'true')
            .default(false),
        }),
        response: { 200: z.object({ notifications: z.array(NotificationView) }) },
      },
    },
    async (request) => {
      const { actor } = request;
      if (actor.kind !== 'user') return { notifications: [] };
      const notifications = await listNotificationsFor(db, actor, {
        unacknowledgedOnly: request.query.unacknowledged,
        limit: NOTIFICATION_LIMIT,
      });
      return {
        notifications: notifications.map(
          ({ acknowledgedAt, organisationId: _o, addressedRole: _r, ...rest }) => ({
            ...rest,
            acknowledged: acknowledgedAt !== null,
          }),
        ),
      };
    },
  );

  app.post(
    '/api/notifications/:notificationId/acknowledgement',
    {
      config: { action: 'notification.view' },
      schema: {
        tags: ['cases'],
        params: z.strictObject({ notificationId: z.uuid('Not a notification id') }),
      },
    },
    async (request, reply) => {
      const { actor } = request;
      if (actor.kind !== 'user') throw new Error('only a signed-in user acknowledges a notification');
      const acknowledged = await db.transaction(async (tx) => {
        const done = await acknowledgeNotification(
          tx,
          request.params.notificationId,
          { ...actor, userId: actor.id },
          request.clock.now(),
        );
        if (done)
          await appendAudit(
            tx,
            auditEntry(request, 'notification.acknowledge', 'success', {
              type: 'notification',
              id: request.params.notificationId,
            }),
          );
        return done;
      });
      if (!acknowledged) return reply.problem(notFound('unacknowledged notification'));
      return reply.code(204).send();
    },
  );

  app.post(
    '/api/cases/:caseId/ownership-transfer',
    {
      config: { action: 'case.transfer' },
      schema: {
        tags: ['cases'],
        params: CaseParams,
        body: z.strictObject({
          toOrganisationId: z.uuid('Not an organisation id'),
          reason: z.string().trim().min(1, 'Say why the case changes hands').max(2000),
        }),
      },
    },
    async (request, reply) => {
      const { actor } = request;
      if (actor.kind !== 'user') throw new Error('only a signed-in user transfers a case');
      const caseFile = await findCaseFile(db, request.params.caseId, request.permittedWhere('case.view'));
      if (!caseFile) return reply.problem(notFound('case'));
      request.authorize(caseFile);
      const state = foldCaseEvents(
        (await listCaseEvents(db, caseFile.id)).map((recorded) => recorded.event),
        settings,
      );
      const { toOrganisationId, reason } = request.body;
      const decision = decideOwnershipTransfer({
        currentOwnerId: caseFile.ownerOrganisationId,
        toOrganisationId,
        caseIsClosed: state.closed !== null,
        acceptedReferralOrganisationIds: caseFile.acceptedReferralOrganisationIds,
        reason,
      });
      if (decision.outcome === 'refuse') {
        const { kind } = decision.refusal;
        return reply.problem(
          problem(`/problems/case/transfer-${kind}`, transferProblems[kind], {
            errors: [{ pointer: transferPointers[kind], detail: transferProblems[kind].title }],
          }),
        );
      }
      await db.transaction(async (tx) => {
        await recordOwnershipTransfer(tx, {
          caseId: caseFile.id,
          fromOrganisationId: caseFile.ownerOrganisationId,
          toOrganisationId,
          on: request.clock.today(),
          reason,
          by: actor.id,
          at: request.clock.now(),
        });
        await insertNotifications(
          tx,
          [
            {
              kind: 'ownership_transferred',
              to: { organisationId: toOrganisationId },
              caseId: caseFile.id,
              details: { fromOrganisationId: caseFile.ownerOrganisationId },
            },
          ],
          { on: request.clock.today(), at: request.clock.now() },
        );
        await appendAudit(
          tx,
          auditEntry(
            request,
            'case.transfer',
            'success',
            { type: 'case', id: caseFile.id },
            {
              fromOrganisationId: caseFile.ownerOrganisationId,
              toOrganisationId,
            },
          ),
        );
      });
      return reply.code(204).send();
    },
  );
};
