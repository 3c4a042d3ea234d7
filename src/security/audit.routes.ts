import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sql } from '../db/sql.js';
import type { Platform } from '../platform.js';
import { listAudit, verifyAuditChain } from './audit.store.js';

const AuditQuery = z.strictObject({
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  action: z.string().max(100).optional(),
  subjectId: z.string().max(100).optional(),
});

const AuditEntryView = z.object({
  seq: z.number(),
  occurredAt: z.string(),
  actorKind: z.string(),
  actorId: z.string().nullable(),
  actorLabel: z.string().nullable(),
  organisationId: z.string().nullable(),
  action: z.string(),
  subjectType: z.string().nullable(),
  subjectId: z.string().nullable(),
  outcome: z.string(),
  requestId: z.string().nullable(),
});

const Verification = z.union([
  z.object({ valid: z.literal(true), entries: z.number() }),
  z.object({ valid: z.literal(false), entries: z.number(), firstBadSeq: z.number(), reason: z.string() }),
]);

export const auditRoutes: FastifyPluginAsyncZod<{ platform: Platform }> = async (app, { platform }) => {
  const { db } = platform;

  app.get(
    '/api/audit',
    {
      config: { action: 'audit.view' },
      schema: {
        tags: ['audit'],
        querystring: AuditQuery,
        response: { 200: z.object({ entries: z.array(AuditEntryView), nextBefore: z.number().nullable() }) },
      },
    },
    async (request) => {
      request.authorize();
      const { limit, ...filters } = request.query;
      const entries = await listAudit(db, { ...filters, limit });
      const userIds = [
        ...new Set(entries.filter((entry) => entry.actor.kind === 'user').map((entry) => entry.actor.id!)),
      ];
      // Staff names for the viewer; victims never appear in the log, which holds ids only.
      const labels = new Map(
        userIds.length === 0
          ? []
          : (
              await db.query<{ id: string; displayName: string }>(
                sql`select id, display_name as "displayName" from security.user_account where id = any(${userIds}::uuid[])`,
              )
            ).rows.map((row) => [row.id, row.displayName]),
      );
      return {
        entries: entries.map((entry) => ({
          seq: entry.seq,
          occurredAt: entry.occurredAt.toISOString(),
          actorKind: entry.actor.kind,
          actorId: entry.actor.id,
          actorLabel: entry.actor.kind === 'user' ? (labels.get(entry.actor.id!) ?? null) : entry.actor.id,
          organisationId: entry.actor.organisationId,
          action: entry.action,
          subjectType: entry.subject?.type ?? null,
          subjectId: entry.subject?.id ?? null,
          outcome: entry.outcome,
          requestId: entry.requestId,
        })),
        nextBefore: entries.length === limit ? entries[entries.length - 1]!.seq : null,
      };
    },
  );

  app.get(
    '/api/audit/verification',
    { config: { action: 'audit.verify' }, schema: { tags: ['audit'], response: { 200: Verification } } },
    async (request) => {
      request.authorize();
      const outcome = await verifyAuditChain(db);
      return outcome.valid
        ? { valid: true as const, entries: outcome.entries }
        : {
            valid: false as const,
            entries: outcome.entriesChecked,
            firstBadSeq: outcome.firstBadSeq,
            reason: outcome.reason,
          };
    },
  );
};
