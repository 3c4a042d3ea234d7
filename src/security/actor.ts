import type { Role } from './roles.js';

/** Who is acting: a signed-in user, the CLI or a background job (system), or nobody. */
export type UserActor = {
  kind: 'user';
  id: string;
  organisationId: string;
  roles: readonly Role[];
  sessionId: string;
  secondFactorVerified: boolean;
  secondFactorRequired: boolean;
};
export type SystemActor = { kind: 'system'; id: string; organisationId: null; roles: readonly Role[] };
export type AnonymousActor = { kind: 'anonymous'; id: null; organisationId: null; roles: readonly Role[] };
export type Actor = UserActor | SystemActor | AnonymousActor;

export const anonymous: AnonymousActor = { kind: 'anonymous', id: null, organisationId: null, roles: [] };

/** The CLI acts as a named system actor with rules of its own (STYLE §5). */
export const commandLine: SystemActor = { kind: 'system', id: 'cli', organisationId: null, roles: [] };

export const isSystem = (actor: Actor): actor is SystemActor => actor.kind === 'system';
