import type { FastifyRequest } from 'fastify';
import type { Actor } from './actor.js';
import type { AuditEntryInput } from './audit.js';

/** Who did it, from the request: ids only, never names (the audit log holds no personal data). */
export function auditActor(actor: Actor): AuditEntryInput['actor'] {
  if (actor.kind === 'user') return { kind: 'user', id: actor.id, organisationId: actor.organisationId };
  if (actor.kind === 'system') return { kind: 'system', id: actor.id };
  return { kind: 'anonymous' };
}

export function auditEntry(
  request: FastifyRequest,
  action: string,
  outcome: AuditEntryInput['outcome'],
  subject?: { type: string; id: string },
  details?: AuditEntryInput['details'],
  actor: Actor = request.actor,
): AuditEntryInput {
  return {
    occurredAt: request.clock.now(),
    actor: auditActor(actor),
    action,
    outcome,
    requestId: request.id,
    ...(subject ? { subject } : {}),
    ...(details ? { details } : {}),
  };
}
