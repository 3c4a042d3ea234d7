import { timingSafeEqual } from 'node:crypto';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import fastifyPlugin from 'fastify-plugin';
import type { Database } from '../db/database.js';
import type { SqlFragment } from '../db/sql.js';
import { ProblemError, problem } from '../http/problem.js';
import type { Clock } from '../kernel/clock.js';
import type { Platform } from '../platform.js';
import { type Actor, anonymous, type UserActor } from './actor.js';
import { decideSessionStanding } from './login.js';
import { needsSecondFactor } from './roles.js';
import { findSessionByToken, touchSession } from './session.store.js';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor;
    db: Database;
    clock: Clock;
    /** The signed-in session's CSRF token, for the session view. */
    csrfToken: string | null;
    /** Checks the route's action on this record (and data category); throws a 403 problem if denied. */
    authorize(record?: unknown, category?: string): void;
    /** The route's action compiled to SQL, to filter lists before limit. */
    permittedWhere(action?: string): SqlFragment;
    /** Actions on this kind of record the actor may perform on it (for `allowedActions`). */
    allowedActions(resource: string, record: unknown): string[];
  }
}

export const SESSION_COOKIE = 'palermo_session';
const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
// A session's last-seen time is written at most this often: idle expiry needs no finer grain.
const TOUCH_INTERVAL_MS = 60_000;

export const notSignedIn = () =>
  new ProblemError(problem('/problems/auth/not-signed-in', { status: 401, title: 'Sign in to continue' }));
export const forbidden = (action: string) =>
  new ProblemError(
    problem(
      '/problems/forbidden',
      { status: 403, title: 'You may not do this' },
      { detail: `Action ${action}` },
    ),
  );

/**
 * Default deny, decided at boot: every route must declare the action it performs (or be public),
 * and the action must be one the policy knows. At request time: the session is resolved, CSRF is
 * checked on every state-changing request, the second factor is demanded where the role needs it,
 * and an actor who could never perform the route's action is refused before the handler runs.
 */
const securityPlugin: FastifyPluginAsync<{ platform: Platform; publicPrefixes: readonly string[] }> = async (
  app,
  { platform, publicPrefixes },
) => {
  const { policy, config: settings } = platform;
  app.decorateRequest('actor', null as never);
  app.decorateRequest('db', null as unknown as Database);
  app.decorateRequest('clock', null as unknown as Clock);
  app.decorateRequest('csrfToken', null);
  app.decorateRequest('authorize', function (this: FastifyRequest, record?: unknown, category?: string) {
    const action = this.routeOptions.config.action!;
    const decision = policy.decide({ actor: this.actor, action, record, category, now: this.clock.now() });
    if (!decision.allowed) throw forbidden(action);
  });
  app.decorateRequest('permittedWhere', function (this: FastifyRequest, action?: string) {
    return policy.permittedWhere(this.actor, action ?? this.routeOptions.config.action!, this.clock.now());
  });
  app.decorateRequest('allowedActions', function (this: FastifyRequest, resource: string, record: unknown) {
    return policy.allowedActions(this.actor, resource, record, this.clock.now());
  });

  app.addHook('onRoute', (route) => {
    const config = (route.config ?? {}) as { action?: string; public?: boolean };
    // Outside /api/ are the web app's static files; under it, only the API docs are implicit.
    const implicitlyPublic =
      !route.url.startsWith('/api/') || publicPrefixes.some((prefix) => route.url.startsWith(prefix));
    if (implicitlyPublic && !config.action) {
      route.config = { ...config, public: true } as typeof route.config;
      return;
    }
    if (config.public) return;
    if (!config.action)
      throw new Error(`route ${route.method} ${route.url} declares no action and is not public`);
    if (!(config.action in policy.actions))
      throw new Error(`route ${route.method} ${route.url} declares unknown action ${config.action}`);
  });

  app.addHook('onRequest', async (request) => {
    request.actor = anonymous;
    request.db = platform.db;
    request.clock = platform.clock;
    const config = request.routeOptions.config ?? {};
    const token = request.cookies[SESSION_COOKIE];
    const now = platform.clock.now();
    if (token && !config.public) {
      const session = await findSessionByToken(platform.db, token);
      const standing = session
        ? decideSessionStanding(session, now, {
            idleMinutes: settings.sessionIdleMinutes,
            absoluteHours: settings.sessionAbsoluteHours,
          })
        : 'ended';
      if (!session || standing !== 'valid' || session.disabledAt)
        throw new ProblemError(
          problem('/problems/auth/session-expired', {
            status: 401,
            title: 'Your session has ended. Sign in again',
          }),
        );
      if (
        STATE_CHANGING.has(request.method) &&
        !sameSecret(request.headers['x-csrf-token'], session.csrfToken)
      )
        throw new ProblemError(
          problem('/problems/auth/csrf', {
            status: 403,
            title: 'The request is missing its anti-forgery token',
          }),
        );
      const actor: UserActor = {
        kind: 'user',
        id: session.userId,
        organisationId: session.organisationId,
        roles: session.roles,
        sessionId: session.id,
        secondFactorRequired: needsSecondFactor(session.roles, settings.mfaRequired),
        secondFactorVerified: session.secondFactorVerifiedAt !== null,
      };
      request.actor = actor;
      request.csrfToken = session.csrfToken;
      if (now.getTime() - session.lastSeenAt.getTime() >= TOUCH_INTERVAL_MS)
        await touchSession(platform.db, session.id, now);
    }
    if (config.public || request.routeOptions.url === undefined) return;
    const actor = request.actor;
    if (actor.kind !== 'user') throw notSignedIn();
    if (actor.secondFactorRequired && !actor.secondFactorVerified && !config.beforeSecondFactor)
      throw new ProblemError(
        problem('/problems/auth/second-factor-required', {
          status: 403,
          title: 'Give your second factor to continue',
        }),
      );
    if (!policy.mightPerform(actor, config.action!, now)) throw forbidden(config.action!);
  });
};

function sameSecret(given: string | string[] | undefined, expected: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export default fastifyPlugin(securityPlugin, { name: 'palermo-security' });
