import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { notFound, ProblemError, problem } from '../http/problem.js';
import { newId } from '../kernel/ids.js';
import type { Platform } from '../platform.js';
import {
  UserAccountChange,
  UserAccountInput,
  UserAccountParams,
  UserAccountView,
} from './accounts.schema.js';
import {
  findUserAccount,
  insertUserAccount,
  listUserAccounts,
  type UserAccountRow,
  updateUserAccount,
} from './accounts.store.js';
import { appendAudit } from './audit.store.js';
import { auditEntry } from './audit-entry.js';
import { hashPassword } from './passwords.js';
import { endSessionsOfUser } from './session.store.js';

export const emailTaken = () =>
  new ProblemError(
    problem(
      '/problems/user/email-taken',
      { status: 409, title: 'An account with this email address exists' },
      { errors: [{ pointer: '/body/email', detail: 'An account with this email address exists' }] },
    ),
  );
export const unknownOrganisation = () =>
  new ProblemError(
    problem(
      '/problems/user/unknown-organisation',
      { status: 422, title: 'There is no such organisation' },
      { errors: [{ pointer: '/body/organisationId', detail: 'Choose the organisation' }] },
    ),
  );

export const accountRoutes: FastifyPluginAsyncZod<{ platform: Platform }> = async (app, { platform }) => {
  const { db } = platform;

  async function present(request: FastifyRequest, accounts: UserAccountRow[]) {
    const names = await platform.organisationNames([
      ...new Set(accounts.map((account) => account.organisationId)),
    ]);
    const now = request.clock.now();
    return accounts.map((account) => ({
      id: account.id,
      email: account.email,
      displayName: account.displayName,
      organisationId: account.organisationId,
      organisationName: names.get(account.organisationId) ?? null,
      roles: account.roles,
      secondFactorEnrolled: account.secondFactorEnrolledAt !== null,
      lockedUntil:
        account.lockedUntil && account.lockedUntil > now ? account.lockedUntil.toISOString() : null,
      disabled: account.disabledAt !== null,
      allowedActions: request.allowedActions('user_account', account),
    }));
  }

  app.get(
    '/api/users',
    {
      config: { action: 'user.view' },
      schema: { tags: ['users'], response: { 200: z.object({ users: z.array(UserAccountView) }) } },
    },
    async (request) => ({
      users: await present(request, await listUserAccounts(db, request.permittedWhere())),
    }),
  );

  app.get(
    '/api/users/:userId',
    {
      config: { action: 'user.view' },
      schema: { tags: ['users'], params: UserAccountParams, response: { 200: UserAccountView } },
    },
    async (request, reply) => {
      const account = await findUserAccount(db, request.params.userId, request.permittedWhere());
      if (!account) return reply.problem(notFound('user'));
      return (await present(request, [account]))[0]!;
    },
  );

  app.post(
    '/api/users',
    {
      config: { action: 'user.create' },
      schema: { tags: ['users'], body: UserAccountInput, response: { 201: UserAccountView } },
    },
    async (request, reply) => {
      request.authorize();
      const { password, ...details } = request.body;
      if (!(await platform.organisationExists(details.organisationId))) throw unknownOrganisation();
      const passwordHash = await hashPassword(password);
      const created = await db.transaction(async (tx) => {
        const inserted = await insertUserAccount(tx, {
          id: newId(),
          ...details,
          passwordHash,
          at: request.clock.now(),
        });
        if (!inserted) throw emailTaken();
        await appendAudit(
          tx,
          auditEntry(
            request,
            'user.create',
            'success',
            { type: 'user_account', id: inserted.id },
            {
              roles: inserted.roles.join(' '),
            },
          ),
        );
        return inserted;
      });
      return reply.code(201).send((await present(request, [created]))[0]!);
    },
  );

  app.patch(
    '/api/users/:userId',
    {
      config: { action: 'user.update' },
      schema: {
        tags: ['users'],
        params: UserAccountParams,
        body: UserAccountChange,
        response: { 200: UserAccountView },
      },
    },
    async (request, reply) => {
      const now = request.clock.now();
      const updated = await db.transaction(async (tx) => {
        const current = await findUserAccount(tx, request.params.userId, request.permittedWhere('user.view'));
        if (!current) return null;
        request.authorize(current);
        const { disabled, ...change } = request.body;
        const disabling = disabled === true && current.disabledAt === null;
        const changed = await updateUserAccount(
          tx,
          current.id,
          {
            ...change,
            ...(disabled === undefined ? {} : { disabledAt: disabled ? (current.disabledAt ?? now) : null }),
          },
          now,
        );
        // Disabling or changing roles ends the account's sessions: new rights apply at next sign-in.
        if (disabling || change.roles) await endSessionsOfUser(tx, current.id, now);
        await appendAudit(
          tx,
          auditEntry(
            request,
            'user.update',
            'success',
            { type: 'user_account', id: current.id },
            {
              ...(change.roles ? { roles: change.roles.join(' ') } : {}),
              ...(disabled === undefined ? {} : { disabled }),
            },
          ),
        );
        return changed!;
      });
      if (!updated) return reply.problem(notFound('user'));
      return (await present(request, [updated]))[0]!;
    },
  );
};
