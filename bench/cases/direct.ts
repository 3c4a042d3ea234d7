import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { readableCaseCategories } from '../../src/cases/case-access.js';
import type { CaseEvent } from '../../src/cases/case-events.js';
import { firstUnknownOrganisation } from '../../src/cases/case-file.routes.js';
import { appendCaseEvent, findCaseFile, listCaseEvents } from '../../src/cases/case-file.store.js';
import type { CaseSettings } from '../../src/cases/case-settings.js';
import { foldCaseEvents } from '../../src/cases/lifecycle.js';
import { insertNotifications } from '../../src/cases/notification.store.js';
import { notificationsForEvent } from '../../src/cases/notification-rules.js';
import type { SqlFragment } from '../../src/db/sql.js';
import { findOrganisation } from '../../src/directory/organisation.store.js';
import type { IsoDate } from '../../src/kernel/dates.js';
import type { UserActor } from '../../src/security/actor.js';
import { appendAudit } from '../../src/security/audit.store.js';
import { auditActor } from '../../src/security/audit-entry.js';
import type { Policy } from '../../src/security/permissions.js';
import { findSessionByToken } from '../../src/security/session.store.js';
import { directQueryable } from '../api/direct.js';
import { Durations, type Measurement } from '../bench.js';

// The baseline: what GET /api/cases/:caseId and POST /api/cases/:caseId/events ask of PostgreSQL,
// without Fastify, the security plugin, zod, the response view or the Database layer. The
// statements are built by the same functions the routes call (the session lookup as the security
// plugin does it, findCaseFile, listCaseEvents, readableCaseCategories, the route's check of the
// organisations an event names, appendCaseEvent, insertNotifications, appendAudit), so they are the
// routes' statements by construction, and sent straight through a pg.Pool. Folding the events into
// a state stays in: the store needs it to decide (appendCaseEvent) and need-to-know reads it
// (readableCaseCategories). Statement parity is checked at run time.

/** A signed-in case worker as the baseline knows them: their session and what they may see. */
export type DirectUser = {
  sessionToken: string;
  /** `permittedWhere(actor, 'case.view')`: the fragment both routes compile per request. */
  visible: SqlFragment;
};

export type AppendOutcome = 'recorded' | 'retry' | 'refused';

export type DirectCases = {
  /** One timeline load, as GET /api/cases/:caseId does it; `record` sees the statements in order. */
  loadTimeline(user: DirectUser, caseId: string, record?: (text: string) => void): Promise<void>;
  /** One append, as POST /api/cases/:caseId/events does it. */
  append(
    user: DirectUser,
    caseId: string,
    event: CaseEvent,
    record?: (text: string) => void,
  ): Promise<AppendOutcome>;
  close(): Promise<void>;
};

export function directCases(options: {
  databaseUrl: string;
  connections: number;
  policy: Policy;
  settings: CaseSettings;
  /** Today, fixed for the run: the routes ask their clock on each request, a baseline need not. */
  today: IsoDate;
}): DirectCases {
  const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.connections });

  async function actorOf(user: DirectUser, record?: (text: string) => void): Promise<UserActor> {
    const session = await findSessionByToken(directQueryable(pool, record), user.sessionToken);
    if (!session) throw new Error('a bench session is gone');
    return {
      kind: 'user',
      id: session.userId,
      organisationId: session.organisationId,
      roles: session.roles,
      sessionId: session.id,
      secondFactorRequired: true,
      secondFactorVerified: session.secondFactorVerifiedAt !== null,
    };
  }

  return {
    async loadTimeline(user, caseId, record) {
      const actor = await actorOf(user, record);
      const db = directQueryable(pool, record);
      const caseFile = await findCaseFile(db, caseId, user.visible);
      if (!caseFile) throw new Error(`case ${caseId} not found`);
      const history = await listCaseEvents(db, caseFile.id);
      const state = foldCaseEvents(
        history.map((recorded) => recorded.event),
        options.settings,
      );
      await readableCaseCategories(db, options.policy, actor, caseFile, state, {
        now: new Date(),
        today: options.today,
      });
    },

    async append(user, caseId, event, record) {
      const actor = await actorOf(user, record);
      const db = directQueryable(pool, record);
      const caseFile = await findCaseFile(db, caseId, user.visible);
      if (!caseFile) throw new Error(`case ${caseId} not found`);
      // platform.organisationExists is directory/index.ts organisationExists: findOrganisation ≠ null.
      const unknownOrganisation = await firstUnknownOrganisation(
        event,
        async (id) => (await findOrganisation(db, id)) !== null,
      );
      if (unknownOrganisation) return 'refused';
      const client = await pool.connect();
      try {
        record?.('begin');
        await client.query('begin');
        const tx = directQueryable(client, record);
        const at = new Date();
        const outcome = await appendCaseEvent(tx, {
          caseId: caseFile.id,
          event,
          recordedBy: actor.id,
          recordedByOrganisationId: actor.organisationId,
          at,
          today: options.today,
          settings: options.settings,
        });
        if (outcome.outcome === 'accept')
          await insertNotifications(
            tx,
            notificationsForEvent(outcome.event, outcome.state, {
              caseId: caseFile.id,
              acceptedReferralOrganisationIds: caseFile.acceptedReferralOrganisationIds,
              recordedByOrganisationId: actor.organisationId,
            }),
            { on: options.today, at },
          );
        if (outcome.outcome === 'accept')
          await appendAudit(tx, {
            occurredAt: at,
            actor: auditActor(actor),
            action: 'case.event',
            outcome: 'success',
            requestId: randomUUID(),
            subject: { type: 'case', id: caseFile.id },
            details: { type: outcome.event.type },
          });
        record?.('commit');
        await client.query('commit');
        return outcome.outcome === 'accept' ? 'recorded' : 'refused';
      } catch (error) {
        await client.query('rollback').catch(() => undefined);
        // As the route: two appends that raced past the lock are told to retry, never lost.
        if ((error as { code?: string }).code === '23505') return 'retry';
        throw error;
      } finally {
        client.release();
      }
    },

    close: () => pool.end(),
  };
}

/**
 * `loops` concurrent loops of `work` for `seconds`. A retry is counted apart: neither an error nor
 * a completed operation.
 */
export async function measureLoops(
  label: string,
  loops: number,
  seconds: number,
  work: () => Promise<AppendOutcome | undefined>,
): Promise<Measurement & { retries: number }> {
  const durations = new Durations();
  let errors = 0;
  let retries = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: loops }, async () => {
      while (performance.now() < deadline) {
        const begun = performance.now();
        try {
          const outcome = await work();
          if (outcome === 'retry') retries += 1;
          else if (outcome === 'refused') errors += 1;
          else durations.add(performance.now() - begun);
        } catch {
          errors += 1;
        }
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  return {
    label,
    requests: durations.size,
    errors,
    seconds: elapsed,
    requestsPerSecond: durations.size / elapsed,
    ...durations.summary(),
    retries,
  };
}
