import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import QRCode from 'qrcode';
import { z } from 'zod';
import { ProblemError, problem } from '../http/problem.js';
import type { Platform } from '../platform.js';
import {
  findUserAccount,
  findUserAccountByEmail,
  type UserAccountRow,
  updateUserAccount,
} from './accounts.store.js';
import type { UserActor } from './actor.js';
import { appendAudit } from './audit.store.js';
import { auditEntry } from './audit-entry.js';
import {
  EnrolmentConfirmation,
  EnrolmentView,
  LoginRequest,
  SecondFactorCode,
  SessionView,
} from './auth.schema.js';
import { blindIndex } from './field-encryption.js';
import { decryptField, encryptField } from './field-encryption.store.js';
import { afterAddressFailure, afterFailure, decideLoginAttempt, isFreshTimeStep } from './login.js';
import { verifyPassword } from './passwords.js';
import { needsSecondFactor } from './roles.js';
import {
  enrolmentUrl,
  hashRecoveryCode,
  newRecoveryCodes,
  newSecondFactorSecret,
  timeStepOfCode,
} from './second-factor.js';
import { SESSION_COOKIE } from './security.plugin.js';
import {
  endSession,
  findAddressThrottle,
  insertSession,
  markSessionSecondFactorVerified,
  saveAddressThrottle,
} from './session.store.js';

const invalidCredentials = () =>
  new ProblemError(
    problem('/problems/auth/invalid-credentials', {
      status: 401,
      title: 'The email address or password is not right',
    }),
  );
const locked = (until: Date, now: Date) =>
  new ProblemError(
    problem(
      '/problems/auth/locked',
      { status: 429, title: 'Too many failed attempts. Try again later' },
      { retryAfterSeconds: Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000)) },
    ),
  );
const invalidCode = (status: 401 | 422) =>
  new ProblemError(
    problem('/problems/auth/invalid-code', { status, title: 'The code is not right or has been used' }),
  );

const secretLocation = (accountId: string, column: string) => ({
  table: 'security.user_account',
  column,
  rowId: accountId,
  subjectId: accountId,
});

export const authRoutes: FastifyPluginAsyncZod<{ platform: Platform }> = async (app, { platform }) => {
  const { db, keyring, config, policy } = platform;
  const loginSettings = {
    maxFailures: config.loginMaxFailures,
    lockMinutes: config.loginLockMinutes,
    maxFailuresPerAddress: config.loginMaxFailures * 4,
  };

  async function sessionView(
    account: UserAccountRow,
    actor: UserActor,
    csrfToken: string,
  ): Promise<SessionView> {
    const names = await platform.organisationNames([account.organisationId]);
    const secondFactorDone = !actor.secondFactorRequired || actor.secondFactorVerified;
    return {
      user: {
        id: account.id,
        email: account.email,
        displayName: account.displayName,
        organisationId: account.organisationId,
        organisationName: names.get(account.organisationId) ?? null,
        roles: account.roles,
      },
      secondFactor: {
        required: actor.secondFactorRequired,
        enrolled: account.secondFactorEnrolledAt !== null,
        verified: actor.secondFactorVerified,
      },
      csrfToken,
      permissions: secondFactorDone ? policy.actionsActorMightPerform(actor, platform.clock.now()) : [],
    };
  }

  const actorOf = (account: UserAccountRow, sessionId: string, verified: boolean): UserActor => ({
    kind: 'user',
    id: account.id,
    organisationId: account.organisationId,
    roles: account.roles,
    sessionId,
    secondFactorRequired: needsSecondFactor(account.roles, config.mfaRequired),
    secondFactorVerified: verified,
  });

  const signedIn = (request: FastifyRequest) => request.actor as UserActor;

  app.post(
    '/api/auth/login',
    {
      config: { public: true },
      schema: { tags: ['auth'], body: LoginRequest, response: { 200: SessionView } },
    },
    async (request, reply) => {
      const now = platform.clock.now();
      const addressHash = blindIndex(keyring, 'login.address', request.ip);
      const account = await findUserAccountByEmail(db, request.body.email);
      const throttle = await findAddressThrottle(db, addressHash);
      const refusal = decideLoginAttempt(account, throttle, now);
      if (refusal) {
        await db.transaction((tx) =>
          appendAudit(
            tx,
            auditEntry(
              request,
              'auth.login',
              'denied',
              account ? { type: 'user_account', id: account.id } : undefined,
              {
                reason: refusal,
              },
            ),
          ),
        );
        if (refusal === 'account-disabled') throw invalidCredentials();
        throw locked((refusal === 'address-locked' ? throttle!.lockedUntil : account!.lockedUntil)!, now);
      }
      const passwordMatches = await verifyPassword(account?.passwordHash ?? null, request.body.password);
      if (!account || !passwordMatches) {
        await db.transaction(async (tx) => {
          const addressAfter = afterAddressFailure(throttle, loginSettings, now);
          await saveAddressThrottle(tx, addressHash, addressAfter);
          let lockedNow = addressAfter.lockedUntil !== null;
          if (account) {
            const accountAfter = afterFailure(
              account.failedLogins,
              loginSettings.maxFailures,
              now,
              loginSettings.lockMinutes,
            );
            await updateUserAccount(
              tx,
              account.id,
              { failedLogins: accountAfter.failures, lockedUntil: accountAfter.lockedUntil },
              now,
            );
            lockedNow ||= accountAfter.lockedUntil !== null;
          }
          const subject = account ? { type: 'user_account', id: account.id } : undefined;
          await appendAudit(
            tx,
            auditEntry(request, 'auth.login', 'failure', subject, {
              reason: account ? 'wrong-password' : 'unknown-account',
            }),
          );
          if (lockedNow) await appendAudit(tx, auditEntry(request, 'auth.lockout', 'success', subject));
        });
        throw invalidCredentials();
      }
      const { token, session } = await db.transaction(async (tx) => {
        await updateUserAccount(tx, account.id, { failedLogins: 0, lockedUntil: null }, now);
        const created = await insertSession(tx, account.id, now);
        await appendAudit(
          tx,
          auditEntry(request, 'auth.login', 'success', { type: 'user_account', id: account.id }, undefined, {
            kind: 'user',
            id: account.id,
            organisationId: account.organisationId,
            roles: account.roles,
            sessionId: created.session.id,
            secondFactorRequired: false,
            secondFactorVerified: false,
          }),
        );
        return created;
      });
      setSessionCookie(reply, request, token);
      return sessionView(account, actorOf(account, session.id, false), session.csrfToken);
    },
  );

  app.get(
    '/api/auth/session',
    {
      config: { action: 'auth.session.view', beforeSecondFactor: true },
      schema: { tags: ['auth'], response: { 200: SessionView } },
    },
    async (request) => {
      const account = await findUserAccount(db, signedIn(request).id);
      if (!account) throw invalidCredentials();
      return sessionView(account, signedIn(request), request.csrfToken!);
    },
  );

  app.post(
    '/api/auth/second-factor/enrolment',
    {
      config: { action: 'auth.second-factor.enrol', beforeSecondFactor: true },
      schema: { tags: ['auth'], response: { 200: EnrolmentView } },
    },
    async (request) => {
      const actor = signedIn(request);
      const now = platform.clock.now();
      return db.transaction(async (tx) => {
        const account = (await findUserAccount(tx, actor.id))!;
        // Someone holding only the password must not replace an enrolled second factor.
        if (account.secondFactorEnrolledAt && !actor.secondFactorVerified)
          throw new ProblemError(
            problem('/problems/auth/already-enrolled', {
              status: 409,
              title:
                'A second factor is already set up. Give a code from it, or ask an administrator to reset it',
            }),
          );
        const secret = newSecondFactorSecret();
        const sealed = await encryptField(
          tx,
          keyring,
          secretLocation(account.id, 'second_factor_pending_secret'),
          secret,
        );
        await updateUserAccount(tx, account.id, { secondFactorPendingSecret: sealed }, now);
        await appendAudit(
          tx,
          auditEntry(request, 'auth.second-factor.enrolment-started', 'success', userSubject(actor)),
        );
        const otpauthUrl = enrolmentUrl(secret, account.email);
        return {
          secret,
          otpauthUrl,
          qrCodeSvg: await QRCode.toString(otpauthUrl, { type: 'svg', margin: 2 }),
        };
      });
    },
  );

  app.post(
    '/api/auth/second-factor/enrolment/confirm',
    {
      config: { action: 'auth.second-factor.enrol', beforeSecondFactor: true },
      schema: { tags: ['auth'], body: SecondFactorCode, response: { 200: EnrolmentConfirmation } },
    },
    async (request) => {
      const actor = signedIn(request);
      const now = platform.clock.now();
      const outcome = await db.transaction(async (tx) => {
        const account = (await findUserAccount(tx, actor.id))!;
        if (!account.secondFactorPendingSecret) return null;
        const secret = await decryptField(
          tx,
          keyring,
          secretLocation(account.id, 'second_factor_pending_secret'),
          account.secondFactorPendingSecret,
        );
        const step = secret ? timeStepOfCode(secret, request.body.code, now) : null;
        if (step === null) {
          await appendAudit(
            tx,
            auditEntry(request, 'auth.second-factor.enrol', 'failure', userSubject(actor)),
          );
          return null;
        }
        const recoveryCodes = newRecoveryCodes();
        const sealed = await encryptField(
          tx,
          keyring,
          secretLocation(account.id, 'second_factor_secret'),
          secret,
        );
        const updated = await updateUserAccount(
          tx,
          account.id,
          {
            secondFactorSecret: sealed,
            secondFactorPendingSecret: null,
            secondFactorEnrolledAt: now,
            secondFactorLastStep: step,
            recoveryCodeHashes: recoveryCodes.map(hashRecoveryCode),
          },
          now,
        );
        await markSessionSecondFactorVerified(tx, actor.sessionId, now);
        await appendAudit(tx, auditEntry(request, 'auth.second-factor.enrol', 'success', userSubject(actor)));
        return { recoveryCodes, account: updated! };
      });
      if (!outcome) throw invalidCode(422);
      const session = await sessionView(
        outcome.account,
        { ...actor, secondFactorVerified: true },
        request.csrfToken!,
      );
      return { recoveryCodes: outcome.recoveryCodes, session };
    },
  );

  app.post(
    '/api/auth/second-factor/verify',
    {
      config: { action: 'auth.second-factor.verify', beforeSecondFactor: true },
      schema: { tags: ['auth'], body: SecondFactorCode, response: { 200: SessionView } },
    },
    async (request) => {
      const actor = signedIn(request);
      const now = platform.clock.now();
      const verified = await db.transaction(async (tx) => {
        const account = (await findUserAccount(tx, actor.id))!;
        if (account.lockedUntil && account.lockedUntil > now) throw locked(account.lockedUntil, now);
        const secret = account.secondFactorSecret
          ? await decryptField(
              tx,
              keyring,
              secretLocation(account.id, 'second_factor_secret'),
              account.secondFactorSecret,
            )
          : null;
        const step = secret ? timeStepOfCode(secret, request.body.code, now) : null;
        const recoveryHash = hashRecoveryCode(request.body.code);
        const usesRecoveryCode = step === null && account.recoveryCodeHashes.includes(recoveryHash);
        if ((step !== null && isFreshTimeStep(step, account.secondFactorLastStep)) || usesRecoveryCode) {
          const updated = await updateUserAccount(
            tx,
            account.id,
            usesRecoveryCode
              ? {
                  recoveryCodeHashes: account.recoveryCodeHashes.filter((hash) => hash !== recoveryHash),
                  failedLogins: 0,
                }
              : { secondFactorLastStep: step!, failedLogins: 0 },
            now,
          );
          await markSessionSecondFactorVerified(tx, actor.sessionId, now);
          await appendAudit(
            tx,
            auditEntry(request, 'auth.second-factor.verify', 'success', userSubject(actor), {
              method: usesRecoveryCode ? 'recovery-code' : 'totp',
            }),
          );
          return updated!;
        }
        // Six digits are guessable: wrong codes count towards the same lockout as passwords.
        const after = afterFailure(
          account.failedLogins,
          loginSettings.maxFailures,
          now,
          loginSettings.lockMinutes,
        );
        await updateUserAccount(
          tx,
          account.id,
          { failedLogins: after.failures, lockedUntil: after.lockedUntil },
          now,
        );
        await appendAudit(
          tx,
          auditEntry(request, 'auth.second-factor.verify', 'failure', userSubject(actor)),
        );
        if (after.lockedUntil) {
          await endSession(tx, actor.sessionId, now);
          await appendAudit(tx, auditEntry(request, 'auth.lockout', 'success', userSubject(actor)));
        }
        return null;
      });
      if (!verified) throw invalidCode(401);
      return sessionView(verified, { ...actor, secondFactorVerified: true }, request.csrfToken!);
    },
  );

  app.post(
    '/api/auth/logout',
    {
      config: { action: 'auth.logout', beforeSecondFactor: true },
      schema: { tags: ['auth'], response: { 204: z.null() } },
    },
    async (request, reply) => {
      const actor = signedIn(request);
      await db.transaction(async (tx) => {
        await endSession(tx, actor.sessionId, platform.clock.now());
        await appendAudit(tx, auditEntry(request, 'auth.logout', 'success', userSubject(actor)));
      });
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send(null);
    },
  );
};

const userSubject = (actor: UserActor) => ({ type: 'user_account', id: actor.id });

function setSessionCookie(reply: FastifyReply, request: FastifyRequest, token: string) {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    secure: request.protocol === 'https',
  });
}
